/* taiou-attachment.h — what a mail attachment is and why it is dangerous, without opening it */
#pragma once

#include <gio/gio.h>

#include "taiou-finding.h"
#include "taiou-ioc-set.h"
#include "taiou-yara-rules.h"

G_BEGIN_DECLS

/* What the bytes are (by content first, by name only where content cannot tell). */
typedef enum
{
  TAIOU_ATTACHMENT_TYPE_OTHER,
  TAIOU_ATTACHMENT_TYPE_PE,            /* Windows program or DLL ("MZ" … "PE\0\0") */
  TAIOU_ATTACHMENT_TYPE_SCRIPT,        /* .js .vbs .wsf .hta .ps1 .bat …, or script text */
  TAIOU_ATTACHMENT_TYPE_LNK,           /* Windows shortcut (MS-SHLLINK) */
  TAIOU_ATTACHMENT_TYPE_ONENOTE,       /* OneNote section (.one) */
  TAIOU_ATTACHMENT_TYPE_OLE_OFFICE,    /* OLE2 compound file: .doc .xls .ppt, vbaProject.bin, .msi */
  TAIOU_ATTACHMENT_TYPE_OOXML_OFFICE,  /* .docx .xlsx .docm .xlsm … (a zip with [Content_Types].xml) */
  TAIOU_ATTACHMENT_TYPE_ZIP,
  TAIOU_ATTACHMENT_TYPE_7Z,
  TAIOU_ATTACHMENT_TYPE_RAR,
  TAIOU_ATTACHMENT_TYPE_ISO,
  TAIOU_ATTACHMENT_TYPE_IMG,           /* raw disk image (boot sector) */
  TAIOU_ATTACHMENT_TYPE_PDF,
} TaiouAttachmentType;

/* How far the classifier goes into one attachment; past a limit it stops and says so with an
 * "attachment.too-large-to-inspect" finding instead of running on.
 *
 * Memory: each file is read once and kept only up to max_member_bytes, and a run of one byte
 * is stored only for its first MiB, so a 500 MB zero-padded file costs a few MiB.  One file
 * per nesting level is held at a time: at worst (max_depth + 1) × max_member_bytes, and about
 * max_member_bytes + max_total_bytes at most (decompressed bytes are counted against the
 * latter).  Time: the attachment's size plus max_total_bytes of decompression. */
typedef struct
{
  guint   max_depth;          /* archives in archives: levels opened below the attachment */
  guint   max_members;        /* nested files over the whole attachment */
  guint64 max_total_bytes;    /* decompressed bytes over the whole attachment */
  guint64 max_member_bytes;   /* bytes of one file kept in memory for structural checks */
  guint64 padding_run_bytes;  /* a run of one repeated byte this long is padding */
} TaiouAttachmentLimits;

#define TAIOU_ATTACHMENT_DEFAULT_MAX_DEPTH          5
#define TAIOU_ATTACHMENT_DEFAULT_MAX_MEMBERS        1000
#define TAIOU_ATTACHMENT_DEFAULT_MAX_TOTAL_BYTES    (G_GUINT64_CONSTANT (256) << 20)
#define TAIOU_ATTACHMENT_DEFAULT_MAX_MEMBER_BYTES   (G_GUINT64_CONSTANT (64) << 20)
#define TAIOU_ATTACHMENT_DEFAULT_PADDING_RUN_BYTES  (G_GUINT64_CONSTANT (16) << 20)

void taiou_attachment_limits_init (TaiouAttachmentLimits *limits);

/* What the mail around the attachment tells; every field may be NULL. */
typedef struct
{
  const char                  *body_text;  /* the mail's text, searched for a zip password */
  TaiouIocSet                 *iocs;       /* hashes and file names to match */
  const TaiouAttachmentLimits *limits;     /* NULL: taiou_attachment_limits_init()'s */
  TaiouYaraRules              *yara;       /* rules each file, nested ones too, is matched to */
} TaiouAttachmentContext;

typedef struct _TaiouAttachmentReport TaiouAttachmentReport;

/* One file: the attachment itself or something nested in it.  Read-only for callers. */
struct _TaiouAttachmentReport
{
  char                *name;       /* file name as given or as stored in the container */
  char                *path;       /* "請求書.zip/請求書.doc": the object of every finding */
  TaiouAttachmentType  type;
  guint                depth;      /* 0 for the attachment */
  guint64              size;       /* bytes read (all of them unless a limit stopped reading) */
  gboolean             complete;   /* every byte was read, so size and sha256 are the file's */
  gboolean             encrypted;  /* stored encrypted in its archive: only the name is known */
  char                *sha256;     /* hex; NULL when not every byte could be read */
  GPtrArray           *findings;   /* TaiouFinding: about this file, not its members */
  GPtrArray           *members;    /* TaiouAttachmentReport: files nested in this one */

  /*< private >*/
  gatomicrefcount      ref_count;
  gboolean             unnamed;    /* name was made up ("embedded-file-1"): judge by content */
};

#define TAIOU_TYPE_ATTACHMENT_REPORT (taiou_attachment_report_get_type ())

GType                  taiou_attachment_report_get_type     (void) G_GNUC_CONST;
TaiouAttachmentReport *taiou_attachment_report_ref          (TaiouAttachmentReport        *report);
void                   taiou_attachment_report_unref        (TaiouAttachmentReport        *report);
GPtrArray             *taiou_attachment_report_collect      (TaiouAttachmentReport        *report);
int                    taiou_attachment_report_get_score    (TaiouAttachmentReport        *report);
TaiouAttachmentReport *taiou_attachment_report_find         (TaiouAttachmentReport        *report,
                                                             const char                   *path);

const char            *taiou_attachment_type_to_string      (TaiouAttachmentType           type);

TaiouAttachmentReport *taiou_attachment_classify_stream     (const char                   *file_name,
                                                             GInputStream                 *stream,
                                                             const TaiouAttachmentContext *context,
                                                             GCancellable                 *cancellable,
                                                             GError                      **error);
TaiouAttachmentReport *taiou_attachment_classify_bytes      (const char                   *file_name,
                                                             GBytes                       *bytes,
                                                             const TaiouAttachmentContext *context,
                                                             GCancellable                 *cancellable,
                                                             GError                      **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (TaiouAttachmentReport, taiou_attachment_report_unref)

G_END_DECLS
