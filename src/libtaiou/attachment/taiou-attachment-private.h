/* taiou-attachment-private.h — the pieces of the attachment classifier, for its files and the fuzzers */
#pragma once

#include "taiou-attachment.h"

G_BEGIN_DECLS

/* What the magic checks keep of every file: enough for any signature we look for
 * (ISO 9660's "CD001" sits at 0x8001). */
#define TAIOU_SPOOL_HEAD_SIZE (64 * 1024)

/* One file read once, front to back: its SHA-256, its size, its longest run of one repeated
 * byte (padding), and its content in memory for the structural checks.  Runs of one byte are
 * not stored past a few MiB; a run that ends the file is remembered as "tail_fill" bytes of
 * "tail_byte", so a 500 MB zero-padded program costs a few MiB of memory, not 500 MB. */
typedef struct
{
  guint64     size;
  gboolean    complete;       /* every byte was fed */
  gboolean    truncated;      /* content beyond max_kept: no structural checks possible */
  guint64     max_kept;
  guint64     run_keep;       /* bytes of a run stored before the rest is elided */
  GByteArray *kept;           /* NULL once truncated */
  gsize       head_len;
  gpointer    sha256_ctx;     /* EVP_MD_CTX */
  guint8      sha256[32];

  guint8      run_byte;       /* the run in progress */
  guint64     run_len;
  guint64     run_start;
  guint64     run_elided;     /* bytes of it not stored (yet) */

  guint8      longest_byte;
  guint64     longest_len;
  guint64     longest_start;

  guint8      tail_byte;      /* after finish: kept is followed by tail_fill × tail_byte */
  guint64     tail_fill;
  guint8     *fill;           /* FILL_SIZE × tail_byte, made when first read */

  /* Last, so that _taiou_spool_init () clears the fields above and not these 64 KiB, of which
   * only head_len bytes are ever read: zeroing them cost 8 % of the mail check's time. */
  guint8      head[TAIOU_SPOOL_HEAD_SIZE];
} TaiouSpool;

void           _taiou_spool_init         (TaiouSpool    *spool,
                                          guint64        max_kept);
void           _taiou_spool_feed         (TaiouSpool    *spool,
                                          const guint8  *data,
                                          gsize          length);
void           _taiou_spool_finish       (TaiouSpool    *spool,
                                          gboolean       complete);
void           _taiou_spool_clear        (TaiouSpool    *spool);
const guint8  *_taiou_spool_get_data     (TaiouSpool    *spool,
                                          gsize         *length);
gsize          _taiou_spool_read_at      (TaiouSpool    *spool,
                                          guint64        offset,
                                          const guint8 **data,
                                          gsize          wanted);

/* The state of one classification: limits, what has been spent, and why it stopped. */
typedef struct
{
  const TaiouAttachmentContext *context;
  TaiouAttachmentLimits         limits;
  GCancellable                 *cancellable;
  guint                         n_members;
  guint64                       total_bytes;
  gboolean                      halted;       /* a limit was hit: read nothing more */
  GError                       *error;        /* cancelled, or the input could not be read */
} TaiouAttachmentWalk;

TaiouAttachmentReport *_taiou_attachment_report_new    (const char            *name,
                                                        TaiouAttachmentReport *parent);
void                   _taiou_attachment_add_finding   (TaiouAttachmentReport *report,
                                                        const char            *rule_id,
                                                        int                    score,
                                                        const char            *evidence,
                                                        const char            *reason_ja,
                                                        const char            *reason_en);
gboolean               _taiou_attachment_has_finding   (TaiouAttachmentReport *report,
                                                        const char            *rule_id);
void                   _taiou_attachment_too_large     (TaiouAttachmentWalk   *walk,
                                                        TaiouAttachmentReport *report,
                                                        const char            *evidence);
gboolean               _taiou_attachment_walk_continue (TaiouAttachmentWalk   *walk);
gboolean               _taiou_attachment_enter_member  (TaiouAttachmentWalk   *walk,
                                                        TaiouAttachmentReport *parent);
gboolean               _taiou_attachment_spend         (TaiouAttachmentWalk   *walk,
                                                        TaiouAttachmentReport *report,
                                                        gsize                  n_bytes);
void                   _taiou_attachment_inspect       (TaiouAttachmentWalk   *walk,
                                                        TaiouAttachmentReport *report,
                                                        TaiouSpool            *spool);
TaiouAttachmentReport *_taiou_attachment_inspect_slice (TaiouAttachmentWalk   *walk,
                                                        TaiouAttachmentReport *parent,
                                                        const char            *name,
                                                        gboolean               named,
                                                        const guint8          *data,
                                                        gsize                  length);

/* taiou-attachment-magic.c: types by content, names, scripts */
TaiouAttachmentType    _taiou_attachment_detect_type   (const char            *name,
                                                        const guint8          *head,
                                                        gsize                  length);
gboolean               _taiou_attachment_looks_like_script (const guint8      *data,
                                                        gsize                  length,
                                                        const char           **marker);
void                   _taiou_attachment_check_name    (TaiouAttachmentReport *report);
void                   _taiou_attachment_check_type    (TaiouAttachmentReport *report,
                                                        TaiouSpool            *spool);
char                  *_taiou_attachment_escape_name   (const char            *name);

/* taiou-attachment-lnk.c: Windows shortcuts (MS-SHLLINK) */
typedef struct
{
  guint32  flags;
  char    *local_base_path;
  char    *env_target;
  char    *name;
  char    *relative_path;
  char    *working_dir;
  char    *arguments;
  char    *icon_location;
} TaiouLnkInfo;

gboolean               _taiou_lnk_is_lnk               (const guint8          *data,
                                                        gsize                  length);
gboolean               _taiou_lnk_parse                (const guint8          *data,
                                                        gsize                  length,
                                                        TaiouLnkInfo          *info);
void                   _taiou_lnk_info_clear           (TaiouLnkInfo          *info);
void                   _taiou_attachment_check_lnk     (TaiouAttachmentReport *report,
                                                        const guint8          *data,
                                                        gsize                  length);

/* taiou-attachment-onenote.c */
gboolean               _taiou_onenote_is_onenote       (const guint8          *data,
                                                        gsize                  length);
void                   _taiou_attachment_check_onenote (TaiouAttachmentWalk   *walk,
                                                        TaiouAttachmentReport *report,
                                                        const guint8          *data,
                                                        gsize                  length);

/* taiou-attachment-office.c: OLE2 via libgsf, BIFF8 sheets, OOXML part names */
typedef struct
{
  char    *name;
  guint8   visibility;  /* 0 visible, 1 hidden, 2 very hidden */
  guint8   type;        /* 0 worksheet, 1 Excel 4.0 macro sheet, 2 chart, 6 VBA module */
} TaiouBiffSheet;

GPtrArray             *_taiou_biff_boundsheets         (const guint8          *data,
                                                        gsize                  length);
void                   _taiou_attachment_check_ole     (TaiouAttachmentWalk   *walk,
                                                        TaiouAttachmentReport *report,
                                                        const guint8          *data,
                                                        gsize                  length);
void                   _taiou_attachment_check_ooxml   (TaiouAttachmentReport *report,
                                                        const char            *content_types,
                                                        gsize                  content_types_length);

/* taiou-attachment-archive.c: zip, 7z, rar, ISO via libarchive */
void                   _taiou_attachment_check_archive (TaiouAttachmentWalk   *walk,
                                                        TaiouAttachmentReport *report,
                                                        TaiouSpool            *spool);

/* taiou-attachment-password.c: "パスワード：xxxx" in a mail body */
char                  *_taiou_attachment_find_password (const char            *body,
                                                        gsize                  length,
                                                        char                 **line);

G_END_DECLS
