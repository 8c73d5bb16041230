/* taiou-notice.h — Japanese notices from templates: variables in, text out */
#pragma once

#include <gio/gio.h>

#include "taiou-event.h"
#include "taiou-incident.h"

G_BEGIN_DECLS

#define TAIOU_NOTICE_ERROR (taiou_notice_error_quark ())

typedef enum
{
  TAIOU_NOTICE_ERROR_TEMPLATE,   /* the template file is malformed */
  TAIOU_NOTICE_ERROR_MISSING,    /* required variables were not given (named in the message) */
  TAIOU_NOTICE_ERROR_INVALID,    /* a variable holds a line break or a control character */
} TaiouNoticeError;

GQuark taiou_notice_error_quark (void);

typedef struct _TaiouNoticeTemplate TaiouNoticeTemplate;

TaiouNoticeTemplate *taiou_notice_template_load       (const char           *path,
                                                       GError              **error);
TaiouNoticeTemplate *taiou_notice_template_parse      (const char           *name,
                                                       const char           *text,
                                                       GError              **error);
void                 taiou_notice_template_free       (TaiouNoticeTemplate  *self);

const char          *taiou_notice_template_get_name   (TaiouNoticeTemplate  *self);
const char          *taiou_notice_template_get_title  (TaiouNoticeTemplate  *self);
const char * const  *taiou_notice_template_get_required (TaiouNoticeTemplate *self);
const char * const  *taiou_notice_template_get_optional (TaiouNoticeTemplate *self);
gboolean             taiou_notice_template_is_mail    (TaiouNoticeTemplate  *self);
gboolean             taiou_notice_template_is_list    (TaiouNoticeTemplate  *self,
                                                       const char           *variable);

/* Variables: name → value.  A list variable's value holds one item per line. */
typedef struct
{
  char *subject;   /* nullable: notices that are not mail have none */
  char *body;
} TaiouNoticeText;

gboolean             taiou_notice_value_is_allowed    (const char           *value,
                                                       gboolean              list);
gboolean             taiou_notice_template_check_variables (TaiouNoticeTemplate *self,
                                                       GHashTable           *variables,
                                                       GPtrArray           **missing,
                                                       GPtrArray           **refused);
TaiouNoticeText     *taiou_notice_render              (TaiouNoticeTemplate  *self,
                                                       GHashTable           *variables,
                                                       GError              **error);
void                 taiou_notice_text_free           (TaiouNoticeText      *text);

const char          *taiou_notice_template_dir        (void);
GPtrArray           *taiou_notice_list_templates      (GError              **error);
TaiouNoticeTemplate *taiou_notice_template_find       (const char           *name,
                                                       GError              **error);

char                *taiou_notice_text_to_html        (TaiouNoticeText      *text,
                                                       const char           *title);

/* taiou-notice-mail.c */
#define TAIOU_NOTICE_DEFAULT_BATCH_SIZE 50

typedef struct
{
  GPtrArray *addresses;  /* char *: valid, each once, in the order found */
  GPtrArray *invalid;    /* char *: what looked like an address but is not one */
} TaiouNoticeRecipients;

TaiouNoticeRecipients *taiou_notice_recipients_parse  (const char            *text);
TaiouNoticeRecipients *taiou_notice_recipients_parse_file (const char          *data,
                                                         gsize                 length);
void                   taiou_notice_recipients_free   (TaiouNoticeRecipients *recipients);
GPtrArray             *taiou_notice_build_eml         (const TaiouNoticeText *text,
                                                       const char            *from,
                                                       const char            *reply_to,
                                                       GPtrArray             *addresses,
                                                       guint                  batch_size,
                                                       GDateTime             *date,
                                                       GError               **error);
char                  *taiou_notice_build_mailto      (const TaiouNoticeText *text,
                                                       GPtrArray             *addresses,
                                                       guint                  first,
                                                       guint                  count);

char                *taiou_notice_format_date         (GDateTime            *date);

/* taiou-notice-incident.c */
void                 taiou_notice_add_incident_variables (GHashTable          *variables,
                                                          TaiouIncident       *incident,
                                                          GPtrArray           *events);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (TaiouNoticeTemplate, taiou_notice_template_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (TaiouNoticeText, taiou_notice_text_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (TaiouNoticeRecipients, taiou_notice_recipients_free)

G_END_DECLS
