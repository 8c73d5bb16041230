/* taiou-cli-import.c — `taiou-cli import emocheck FILE [--incident ID]` */
#define G_LOG_DOMAIN "taiou-cli"

#include "config.h"

#include <glib/gi18n.h>

#include "taiou-cli-private.h"

static void
print_report (TaiouEmocheckReport *report)
{
  g_print (_("EmoCheck %s report from %s, scanned %s\n"), report->version,
           report->hostname[0] != '\0' ? report->hostname : "?", report->scan_time);
  g_print ("%s\n", report->infected ? _("Result: Emotet was detected.")
                                    : _("Result: Emotet was not detected."));
  for (guint i = 0; i < report->processes->len; i++)
    {
      TaiouEmocheckProcess *process = report->processes->pdata[i];

      g_print ("  %s (PID %s) %s\n", process->process_name,
               process->process_id != NULL ? process->process_id : "?",
               process->image_path != NULL ? process->image_path : "");
    }
}

int
taiou_cli_import (int              argc,
                  char           **argv,
                  TaiouCliOptions *options)
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(TaiouEmocheckReport) report = NULL;
  g_autoptr(GError) error = NULL;
  gint64 incident_id = 0;
  const GOptionEntry entries[] = {
    { "incident", 0, 0, G_OPTION_ARG_INT64, &incident_id,
      N_("Record the report in this incident's timeline"), N_("ID") },
    { "db", 0, 0, G_OPTION_ARG_FILENAME, &options->db_path,
      N_("Timeline database (default: $TAIOU_DB or $XDG_DATA_HOME/taiou/taiou.db)"), N_("FILE") },
    { NULL }
  };

  context = g_option_context_new (_("emocheck FILE — read an EmoCheck report (text or JSON)"));
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  g_option_context_set_translation_domain (context, GETTEXT_PACKAGE);
  g_option_context_set_description (context,
    _("Exit status: 0 Emotet not detected, 1 detected, 2 error."));
  if (!g_option_context_parse (context, &argc, &argv, &error))
    return taiou_cli_usage_error (context, error->message);
  if (argc != 3 || g_strcmp0 (argv[1], "emocheck") != 0)
    return taiou_cli_usage_error (context, _("Say what to import: emocheck FILE."));

  report = taiou_emocheck_report_load (argv[2], &error);
  if (report == NULL)
    return taiou_cli_fail (g_steal_pointer (&error));

  print_report (report);

  if (incident_id > 0)
    {
      g_autoptr(TaiouCase) import_case = NULL;

      import_case = taiou_cli_open_case (options, &(TaiouCliCaseOptions) {
                                           .incident_id = incident_id,
                                         }, &error);
      if (import_case == NULL || !taiou_case_record_emocheck (import_case, report, &error))
        return taiou_cli_fail (g_steal_pointer (&error));
      g_print (_("Recorded in the timeline of incident #%lld.\n"), (long long) incident_id);
    }
  else
    g_print ("%s\n", _("Nothing was recorded (give --incident ID to record the report)."));

  return report->infected ? TAIOU_CLI_EXIT_DETECTED : TAIOU_CLI_EXIT_OK;
}
