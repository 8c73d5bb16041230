/* taiou-cli.c — the command-line face of libtaiou: `taiou-cli COMMAND …` */
#define G_LOG_DOMAIN "taiou-cli"

#include "config.h"

#include <glib/gi18n.h>
#include <stdio.h>

#include "taiou-cli-private.h"

typedef struct
{
  const char *name;
  int       (*run) (int argc, char **argv, TaiouCliOptions *options);
  const char *help;
} TaiouCliCommand;

static const TaiouCliCommand commands[] = {
  { "feeds",    taiou_cli_feeds,    N_("Show or update the abuse.ch threat-data feeds") },
  { "forward",  taiou_cli_forward,  N_("Send the record to the organisation's syslog "
                                       "collector, or show how far it is") },
  { "import",   taiou_cli_import,   N_("Read EmoCheck reports or Loki logs into an incident's "
                                       "timeline") },
  { "mail",     taiou_cli_mail,     N_("Tell whether mail files look dangerous, and why") },
  { "notice",   taiou_cli_notice,   N_("List the notice templates or fill one") },
  { "scan",     taiou_cli_scan,     N_("Match files and folders against indicators of "
                                       "compromise") },
  { "timeline", taiou_cli_timeline, N_("List incidents, show one, or verify the hash chain") },
};

TaiouTimeline *
taiou_cli_open_timeline (TaiouCliOptions  *options,
                         GError          **error)
{
  g_autofree char *path = NULL;

  path = options->db_path != NULL ? g_strdup (options->db_path)
                                  : taiou_timeline_get_default_path ();
  return taiou_timeline_open (path, error);
}

void
taiou_cli_print_json (JsonNode *node)
{
  g_autofree char *text = json_to_string (node, TRUE);

  taiou_cli_print_utf8 (text);
}

/**
 * taiou_cli_printable:
 *
 * @text with what could fool a terminal made visible: control characters (an escape sequence
 * in a crafted registry value could rewrite the screen) and the Unicode direction overrides
 * that make "請求書\u{202e}fdp.exe" display as "請求書exe.pdf"; they are printed as \xNN and
 * \u{NNNN}.
 *
 * Returns: (transfer full) (nullable): a copy safe to print, NULL for NULL
 */
char *
taiou_cli_printable (const char *text)
{
  g_autofree char *valid = NULL;
  GString *result;

  if (text == NULL)
    return NULL;
  valid = g_utf8_make_valid (text, -1);
  result = g_string_new (NULL);
  for (const char *p = valid; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (c < 0x20 || c == 0x7f || (c >= 0x80 && c < 0xa0))
        g_string_append_printf (result, "\\x%02x", c);
      else if ((c >= 0x202a && c <= 0x202e) || (c >= 0x2066 && c <= 0x2069) || c == 0x200e ||
               c == 0x200f)
        g_string_append_printf (result, "\\u{%04x}", c);
      else
        g_string_append_unichar (result, c);
    }
  return g_string_free (result, FALSE);
}

/* JSON is UTF-8 whatever the locale: g_print would turn Japanese into '?' under LANG=C, which
 * is how cron jobs and SIEM forwarders often run. */
void
taiou_cli_print_utf8 (const char *text)
{
  fputs (text, stdout);
  fputc ('\n', stdout);
  fflush (stdout);
}

/* Reports an error and returns the exit status for it. */
int
taiou_cli_fail (GError *error)
{
  g_auto(GStrv) lines = g_strsplit (error->message, "\n", -1);

  /* Some errors say it in English, then in Japanese (a rule file's, taiou-yara-rules.c). */
  for (guint i = 0; lines[i] != NULL; i++)
    g_printerr ("taiou-cli: %s\n", lines[i]);
  g_error_free (error);
  return TAIOU_CLI_EXIT_ERROR;
}

int
taiou_cli_usage_error (GOptionContext *context,
                       const char     *message)
{
  g_autofree char *help = g_option_context_get_help (context, TRUE, NULL);

  g_printerr ("taiou-cli: %s\n\n%s", message, help);
  return TAIOU_CLI_EXIT_ERROR;
}

static char *
commands_summary (void)
{
  GString *summary = g_string_new (_("Commands:"));

  for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
    g_string_append_printf (summary, "\n  %-10s %s", commands[i].name, _(commands[i].help));
  return g_string_free (summary, FALSE);
}

int
main (int    argc,
      char **argv)
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *summary = NULL;
  TaiouCliOptions options = { 0 };
  gboolean version = FALSE;
  int status = TAIOU_CLI_EXIT_ERROR;
  const GOptionEntry entries[] = {
    { "db", 0, 0, G_OPTION_ARG_FILENAME, &options.db_path,
      N_("Timeline database (default: $TAIOU_DB or $XDG_DATA_HOME/taiou/taiou.db)"), N_("FILE") },
    { "json", 0, 0, G_OPTION_ARG_NONE, &options.json, N_("Print JSON instead of text"), NULL },
    { "version", 0, 0, G_OPTION_ARG_NONE, &version, N_("Show the version and exit"), NULL },
    { NULL }
  };

  taiou_i18n_init ();

  context = g_option_context_new (_("COMMAND [ARGUMENT…] — Taiou infection response assistant"));
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  g_option_context_set_translation_domain (context, GETTEXT_PACKAGE);
  /* Stop at the command name: what follows belongs to the command's own options. */
  g_option_context_set_strict_posix (context, TRUE);
  summary = commands_summary ();
  g_option_context_set_description (context, summary);

  if (!g_option_context_parse (context, &argc, &argv, &error))
    return taiou_cli_usage_error (context, error->message);

  if (version)
    {
      g_print ("taiou-cli %s\n", PACKAGE_VERSION);
      return TAIOU_CLI_EXIT_OK;
    }

  if (argc < 2)
    return taiou_cli_usage_error (context, _("No command given."));

  for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
    if (g_strcmp0 (argv[1], commands[i].name) == 0)
      {
        status = commands[i].run (argc - 1, argv + 1, &options);
        g_free (options.db_path);
        return status;
      }

  {
    g_autofree char *message = g_strdup_printf (_("Unknown command “%s”."), argv[1]);
    status = taiou_cli_usage_error (context, message);
  }
  g_free (options.db_path);
  return status;
}
