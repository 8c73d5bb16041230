/* taiou-mail-address.c — checks for the mail domains and addresses people type into settings
 *
 * These are deliberately strict: the domains decide later whether a sender is "one of ours", and a
 * notice's From line must never carry anything but an address.
 */
#define G_LOG_DOMAIN "taiou-mail-address"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "taiou-mail-address.h"

/* RFC 1035 limits. */
#define MAX_DOMAIN_LENGTH 253
#define MAX_LABEL_LENGTH  63

G_DEFINE_QUARK (taiou-mail-address-error-quark, taiou_mail_address_error)

static gboolean
label_is_valid (const char *label,
                gsize       length)
{
  if (length == 0 || length > MAX_LABEL_LENGTH)
    return FALSE;
  if (label[0] == '-' || label[length - 1] == '-')
    return FALSE;
  for (gsize i = 0; i < length; i++)
    if (!g_ascii_isalnum (label[i]) && label[i] != '-')
      return FALSE;
  return TRUE;
}

/**
 * taiou_mail_domain_normalize:
 * @domain: what someone typed, e.g. " @Example.CO.JP. "
 *
 * Returns: (nullable): the lowercase domain ("example.co.jp"), or NULL when it is not a valid
 *   ASCII domain name with at least two labels.  Internationalised domains must be given in
 *   their "xn--" form.
 */
char *
taiou_mail_domain_normalize (const char *domain)
{
  g_autofree char *text = NULL;
  const char *label;
  gsize length;
  guint n_labels = 0;

  g_return_val_if_fail (domain != NULL, NULL);

  text = g_ascii_strdown (domain, -1);
  g_strstrip (text);
  if (text[0] == '@')
    memmove (text, text + 1, strlen (text));
  length = strlen (text);
  if (length > 0 && text[length - 1] == '.')
    text[--length] = '\0';

  if (length == 0 || length > MAX_DOMAIN_LENGTH)
    return NULL;

  label = text;
  while (TRUE)
    {
      const char *dot = strchr (label, '.');
      gsize label_length = dot != NULL ? (gsize) (dot - label) : strlen (label);

      if (!label_is_valid (label, label_length))
        return NULL;
      n_labels++;
      if (dot == NULL)
        break;
      label = dot + 1;
    }

  return n_labels >= 2 ? g_steal_pointer (&text) : NULL;
}

/**
 * taiou_mail_domains_parse:
 * @text: domains separated by commas, Japanese commas, spaces or new lines
 *
 * Returns: (transfer full): the normalised, de-duplicated domains in the order given, or NULL
 *   with @error naming the first entry that is not a domain
 */
GStrv
taiou_mail_domains_parse (const char  *text,
                          GError     **error)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_autoptr(GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GString) separated = g_string_new (NULL);
  g_auto(GStrv) parts = NULL;

  g_return_val_if_fail (text != NULL, NULL);

  if (!g_utf8_validate (text, -1, NULL))
    {
      g_set_error (error, TAIOU_MAIL_ADDRESS_ERROR, TAIOU_MAIL_ADDRESS_ERROR_INVALID_DOMAIN,
                   _("The domain list is not valid UTF-8 text."));
      return NULL;
    }

  /* People paste lists from Japanese documents: treat 、 ， and full-width spaces like commas. */
  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (c == 0x3001 || c == 0xFF0C || c == ';' || g_unichar_isspace (c))
        g_string_append_c (separated, ',');
      else
        g_string_append_unichar (separated, c);
    }

  parts = g_strsplit (separated->str, ",", -1);
  for (guint i = 0; parts[i] != NULL; i++)
    {
      g_autofree char *domain = NULL;

      if (g_strstrip (parts[i])[0] == '\0')
        continue;
      domain = taiou_mail_domain_normalize (parts[i]);
      if (domain == NULL)
        {
          g_set_error (error, TAIOU_MAIL_ADDRESS_ERROR, TAIOU_MAIL_ADDRESS_ERROR_INVALID_DOMAIN,
                       _("“%s” is not a mail domain. Write only the part after @, "
                         "for example example.co.jp."),
                       parts[i]);
          return NULL;
        }
      if (g_hash_table_add (seen, g_strdup (domain)))
        g_strv_builder_add (builder, domain);
    }

  return g_strv_builder_end (builder);
}

/* The form taiou_mail_domains_parse() reads back: "example.co.jp, example.jp". */
char *
taiou_mail_domains_format (const char * const *domains)
{
  g_return_val_if_fail (domains != NULL, NULL);
  return g_strjoinv (", ", (char **) domains);
}

/**
 * taiou_mail_address_is_valid:
 *
 * Returns: whether @address is a plain "local@domain" address: no display name, no spaces, no
 *   control characters, a valid domain.
 */
gboolean
taiou_mail_address_is_valid (const char *address)
{
  const char *at;
  g_autofree char *domain = NULL;

  g_return_val_if_fail (address != NULL, FALSE);

  at = strrchr (address, '@');
  if (at == NULL || at == address || strlen (address) > 254)
    return FALSE;
  for (const char *p = address; p < at; p++)
    if ((guchar) *p <= ' ' || (guchar) *p >= 0x7f || strchr ("<>()[]\\,;:\"@", *p) != NULL)
      return FALSE;
  if (address[0] == '.' || at[-1] == '.' || strstr (address, "..") != NULL)
    return FALSE;
  domain = taiou_mail_domain_normalize (at + 1);
  return domain != NULL && g_ascii_strcasecmp (domain, at + 1) == 0;
}
