/* taiou-mail-triage.h — was this mail dangerous?  An answer a non-expert can act on */
#pragma once

#include <gio/gio.h>
#include <json-glib/json-glib.h>

#include "taiou-finding.h"
#include "taiou-ioc-set.h"
#include "taiou-yara-rules.h"

G_BEGIN_DECLS

#define TAIOU_MAIL_ERROR (taiou_mail_error_quark ())

typedef enum
{
  TAIOU_MAIL_ERROR_READ,       /* the file cannot be read */
  TAIOU_MAIL_ERROR_TOO_LARGE,  /* over the size limit */
  TAIOU_MAIL_ERROR_FORMAT,     /* not a mail message at all */
} TaiouMailError;

GQuark taiou_mail_error_quark (void);

/* Whether the sender @key (taiou_mail_report_dup_sender_keys()) was seen in mail checked
 * before on this installation; TRUE also when the book cannot tell, so that a broken book never
 * raises an alarm. */
typedef gboolean (*TaiouMailSenderSeenFunc) (const char *key,
                                             gpointer    user_data);

/* What we know about "us", to recognise mail that pretends to come from us. */
typedef struct
{
  const char * const *our_domains;        /* nullable: "example.co.jp", … */
  const char * const *our_names;          /* nullable: the organisation and staff display names */
  TaiouIocSet        *iocs;               /* nullable: URLs, hosts and attachment hashes */
  /* nullable: first contact (taiou-mail-first-contact.c).  Called in the triage's thread;
   * sender_seen_data must stay valid until the triage returns (_async: until its callback). */
  TaiouMailSenderSeenFunc  sender_seen;
  gpointer                 sender_seen_data;
  const char * const *trusted_authserv_ids; /* nullable: the mail servers whose
                                              Authentication-Results count ("mx.example.co.jp") */
  TaiouYaraRules     *yara;               /* nullable: rules every attachment is matched to */
} TaiouMailTriageContext;

typedef enum
{
  TAIOU_MAIL_VERDICT_NOTHING_FOUND,  /* 問題は見つかりませんでした — never "safe" */
  TAIOU_MAIL_VERDICT_SUSPICIOUS,     /* 要注意 */
  TAIOU_MAIL_VERDICT_DANGEROUS,      /* 危険 */
} TaiouMailVerdict;

typedef struct
{
  char    *name;          /* the file name as the sender gave it, decoded; "" when none */
  char    *path;          /* where it sits: "請求書.zip" or "forwarded.eml/請求書.zip" */
  char    *content_type;  /* "application/zip", as the sender declared it */
  char    *kind;          /* what it really is, by content: "zip", "pe", "lnk" … (nullable) */
  guint64  size;          /* decoded bytes */
  char    *sha256;        /* hex */
} TaiouMailAttachment;

#define TAIOU_TYPE_MAIL_REPORT (taiou_mail_report_get_type ())

typedef struct
{
  char             *source;        /* the file name given */
  char             *subject;       /* decoded, UTF-8; nullable */
  char             *from_name;     /* nullable */
  char             *from_address;  /* nullable */
  char             *reply_to;      /* nullable: the first Reply-To address */
  char             *return_path;   /* nullable */
  GDateTime        *date;          /* nullable: the Date header, in the sender's offset */
  GPtrArray        *attachments;   /* TaiouMailAttachment */
  GPtrArray        *urls;          /* char *, every link found in the bodies */
  GPtrArray        *findings;      /* TaiouFinding, highest score first */
  int               score;         /* Loki-RS aggregate of the findings */
  TaiouMailVerdict  verdict;
} TaiouMailReport;

GType             taiou_mail_report_get_type   (void) G_GNUC_CONST;
TaiouMailReport  *taiou_mail_report_ref        (TaiouMailReport              *report);
void              taiou_mail_report_unref      (TaiouMailReport              *report);

TaiouMailReport  *taiou_mail_triage_file       (const char                   *path,
                                                const TaiouMailTriageContext *context,
                                                GCancellable                 *cancellable,
                                                GError                      **error);
TaiouMailReport  *taiou_mail_triage_data       (const char                   *source,
                                                GBytes                       *data,
                                                const TaiouMailTriageContext *context,
                                                GCancellable                 *cancellable,
                                                GError                      **error);

void              taiou_mail_triage_file_async (const char                   *path,
                                                const TaiouMailTriageContext *context,
                                                GCancellable                 *cancellable,
                                                GAsyncReadyCallback           callback,
                                                gpointer                      user_data);
TaiouMailReport  *taiou_mail_triage_file_finish (GAsyncResult                *result,
                                                 GError                     **error);

JsonObject       *taiou_mail_report_to_json    (TaiouMailReport              *report);

GStrv             taiou_mail_report_dup_sender_keys (TaiouMailReport         *report);

const char       *taiou_mail_verdict_to_string (TaiouMailVerdict              verdict);
const char       *taiou_mail_verdict_label_ja  (TaiouMailVerdict              verdict);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (TaiouMailReport, taiou_mail_report_unref)

#define TAIOU_MAIL_MAX_FILE_SIZE (64 * 1024 * 1024)
#define TAIOU_MAIL_MAX_DEPTH     5

G_END_DECLS
