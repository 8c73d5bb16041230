/* taiou-i18n.c — binds the gettext domain for the app, the CLI and the tests alike */
#define G_LOG_DOMAIN "taiou-i18n"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <locale.h>

#include "taiou-i18n.h"

/**
 * taiou_i18n_init:
 *
 * Sets the locale from the environment and binds the "taiou" domain.  `TAIOU_LOCALEDIR` points
 * at an uninstalled build's catalogues (the tests use it); otherwise the installed ones are used.
 */
void
taiou_i18n_init (void)
{
  const char *localedir = g_getenv ("TAIOU_LOCALEDIR");

  setlocale (LC_ALL, "");
  bindtextdomain (GETTEXT_PACKAGE,
                  localedir != NULL && localedir[0] != '\0' ? localedir : LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);
}

/**
 * taiou_i18n_prefers_japanese:
 *
 * Findings carry their reason in Japanese and English; this says which one the user reads.
 */
gboolean
taiou_i18n_prefers_japanese (void)
{
  const char * const *languages = g_get_language_names ();

  return languages[0] != NULL && g_str_has_prefix (languages[0], "ja");
}
