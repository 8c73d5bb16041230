/* taiou-mail-address.h — checks for the mail domains and addresses people type into settings */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define TAIOU_MAIL_ADDRESS_ERROR (taiou_mail_address_error_quark ())

typedef enum
{
  TAIOU_MAIL_ADDRESS_ERROR_INVALID_DOMAIN,
} TaiouMailAddressError;

GQuark    taiou_mail_address_error_quark (void);

char     *taiou_mail_domain_normalize    (const char  *domain);
GStrv     taiou_mail_domains_parse       (const char  *text,
                                          GError     **error);
char     *taiou_mail_domains_format      (const char * const *domains);
gboolean  taiou_mail_address_is_valid    (const char  *address);

G_END_DECLS
