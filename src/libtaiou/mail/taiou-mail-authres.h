/* taiou-mail-authres.h — Authentication-Results (RFC 8601): what a receiving server checked */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define TAIOU_MAIL_AUTHRES_ERROR (taiou_mail_authres_error_quark ())

typedef enum
{
  TAIOU_MAIL_AUTHRES_ERROR_TOO_LARGE,  /* longer, deeper or with more results than allowed */
  TAIOU_MAIL_AUTHRES_ERROR_MALFORMED,  /* not the RFC 8601 grammar */
  TAIOU_MAIL_AUTHRES_ERROR_INVALID_ID, /* Preferences: not a server name */
} TaiouMailAuthresError;

GQuark taiou_mail_authres_error_quark (void);

/* Limits against hostile headers: real ones are a few hundred bytes with a handful of
 * results. */
#define TAIOU_MAIL_AUTHRES_MAX_LENGTH        8192
#define TAIOU_MAIL_AUTHRES_MAX_RESULTS       32
#define TAIOU_MAIL_AUTHRES_MAX_PROPERTIES    16
#define TAIOU_MAIL_AUTHRES_MAX_COMMENT_DEPTH 8
#define TAIOU_MAIL_AUTHRES_MAX_HEADERS       64   /* read per mail, the newest first */

typedef struct
{
  char *name;   /* "smtp.mailfrom", "header.from", "header.d": ptype.property, lower case */
  char *value;  /* as written, quotes removed */
} TaiouAuthresProperty;

typedef struct
{
  char      *method;      /* "spf", "dkim", "dmarc", …, lower case */
  char      *result;      /* "pass", "fail", "softfail", …, lower case */
  char      *reason;      /* nullable: reason="…" */
  GPtrArray *properties;  /* TaiouAuthresProperty */
} TaiouAuthresResult;

typedef struct
{
  char      *authserv_id;  /* lower case; NULL when the header names none (some servers
                              write "spf=pass …" straight away: never trusted) */
  GPtrArray *results;      /* TaiouAuthresResult, in the header's order */
  guint      n_skipped;    /* results that did not follow the grammar and were left out */
} TaiouAuthres;

TaiouAuthres *taiou_mail_authres_parse          (const char               *value,
                                                 GError                  **error);
void          taiou_mail_authres_free           (TaiouAuthres             *authres);
gboolean      taiou_mail_authres_is_trusted     (const TaiouAuthres       *authres,
                                                 const char * const       *trusted_ids);
const char   *taiou_mail_authres_result_get     (const TaiouAuthresResult *result,
                                                 const char               *property);

GStrv         taiou_mail_authserv_ids_parse     (const char               *text,
                                                 GError                  **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (TaiouAuthres, taiou_mail_authres_free)

G_END_DECLS
