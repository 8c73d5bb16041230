/* taiou-cli-import-loki.c — `taiou-cli import loki FILE… [--csv|--jsonl] [--incident ID]`
 *
 * One summary per log, then its alerts and warnings (notices are counted, and recorded, but
 * not listed: Loki writes one for every listening port).  Everything printed from a log goes
 * through taiou_cli_printable(): a log from a compromised PC may hold escape sequences.
 */
#define G_LOG_DOMAIN "taiou-cli"

#include "config.h"

#include <glib/gi18n.h>

#include "taiou-cli-private.h"

/* The terminal shows this many alerts and warnings a log; all are recorded. */
#define MAX_LISTED 50

static void
print_finding (TaiouLokiFinding *finding)
{
  g_autofree char *module = taiou_cli_printable (finding->module != NULL ? finding->module : "-");
  g_autofree char *what = taiou_cli_printable (finding->file_path != NULL ? finding->file_path
                                               : finding->process_name != NULL
                                               ? finding->process_name : finding->message);

  g_print ("  %-7s %s", taiou_loki_level_to_string (finding->level), module);
  if (finding->score >= 0)
    g_print (_(" score %d"), finding->score);
  g_print (" %s\n", what);
  if (finding->reasons->len > 0)
    {
      g_autofree char *reason = taiou_cli_printable (finding->reasons->pdata[0]);

      g_print ("          %s\n", reason);
    }
}

static void
print_log (TaiouLokiLog *log)
{
  g_autofree char *name = taiou_cli_printable (log->source_name);
  g_autofree char *host = taiou_cli_printable (log->hostname[0] != '\0' ? log->hostname : "?");
  g_autofree char *result = taiou_cli_printable (log->result);
  guint n_listed = 0, n_unlisted = 0;

  switch (log->format)
    {
    case TAIOU_LOKI_FORMAT_CSV:
      g_print (_("%s: Loki CSV log from %s"), name, host);
      break;
    case TAIOU_LOKI_FORMAT_JSONL:
      g_print (_("%s: Loki-RS JSONL log from %s"), name, host);
      break;
    case TAIOU_LOKI_FORMAT_TEXT:
    case TAIOU_LOKI_FORMAT_AUTO:
    default:
      g_print (_("%s: Loki text log from %s"), name, host);
      break;
    }
  if (log->scan_start != NULL)
    g_print (_(", scan started %s"), log->scan_start);
  g_print ("\n  ");
  g_print (_("ALERT %u, WARNING %u, NOTICE %u"), log->n_alerts, log->n_warnings, log->n_notices);
  if (result != NULL)
    g_print (_(" — Loki said: %s"), result);
  g_print ("\n");
  if (log->n_skipped + log->n_overlong + log->n_not_utf8 > 0)
    {
      g_print ("  ");
      g_print (_("(%u lines were not Loki's, %u were too long to read, %u were not UTF-8)"),
               log->n_skipped, log->n_overlong, log->n_not_utf8);
      g_print ("\n");
    }

  for (guint i = 0; i < log->findings->len; i++)
    {
      TaiouLokiFinding *finding = log->findings->pdata[i];

      if (finding->level == TAIOU_LOKI_LEVEL_NOTICE)
        continue;
      if (n_listed < MAX_LISTED)
        {
          print_finding (finding);
          n_listed++;
        }
      else
        n_unlisted++;
    }
  if (n_unlisted > 0)
    g_print (_("  … and %u more alerts and warnings (see the timeline).\n"), n_unlisted);
}

int
taiou_cli_import_loki (char            **paths,
                       TaiouLokiFormat   format,
                       TaiouCase        *import_case,
                       gint64            incident_id)
{
  guint n_read = 0, n_problems = 0, n_detected = 0;

  for (guint i = 0; paths[i] != NULL; i++)
    {
      g_autoptr(TaiouLokiLog) log = NULL;
      g_autoptr(GError) error = NULL;

      log = taiou_loki_log_load (paths[i], format, NULL, &error);
      if (log == NULL)
        {
          g_autofree char *message = taiou_cli_printable (error->message);

          g_printerr ("taiou-cli: %s\n", message);
          n_problems++;
          continue;
        }
      n_read++;
      print_log (log);
      if (log->truncated)
        {
          g_autofree char *name = taiou_cli_printable (log->source_name);

          g_printerr (_("taiou-cli: %s was not read to the end: Taiou reads the first %u MiB "
                        "of a log and keeps its first %u findings. What was read is kept.\n"),
                      name, (guint) (TAIOU_LOKI_MAX_BYTES >> 20), TAIOU_LOKI_MAX_FINDINGS);
          n_problems++;
        }
      n_detected += taiou_loki_log_detected (log) ? 1 : 0;
      if (import_case != NULL && !taiou_case_record_loki (import_case, log, &error))
        return taiou_cli_fail (g_steal_pointer (&error));
    }

  if (n_read > 0)
    g_print ("%s\n", n_detected > 0 ? _("Result: Loki found alerts or warnings.")
                                    : _("Result: Loki found no alerts or warnings."));
  if (import_case != NULL && n_read > 0)
    g_print (_("Recorded in the timeline of incident #%lld.\n"), (long long) incident_id);
  else if (import_case == NULL)
    g_print ("%s\n", _("Nothing was recorded (give --incident ID to record the logs)."));

  if (n_detected > 0)
    return TAIOU_CLI_EXIT_DETECTED;
  return n_problems > 0 || n_read == 0 ? TAIOU_CLI_EXIT_ERROR : TAIOU_CLI_EXIT_OK;
}
