/* taiou-cli-import.c — `taiou-cli import emocheck FILE|DIR…` and `import loki FILE…`
 *
 * The IT manager comes back with a stick full of reports, one or more from every PC.  Every
 * file that can be read is read, shown and recorded; the ones that cannot are named and do
 * not stop the others.  Exit status: 1 when anything was detected (that is what needs acting
 * on, even if some file could not be read); otherwise 2 when a file could not be read or was
 * not read to the end (so "nothing detected" cannot be claimed); 0 only when every file was
 * read and nothing was detected.
 */
#define G_LOG_DOMAIN "taiou-cli"

#include "config.h"

#include <glib/gi18n.h>

#include "taiou-cli-private.h"
#include "taiou-emocheck-batch.h"

/* The reports of one PC. */
typedef struct
{
  char      *hostname;
  GPtrArray *reports;   /* TaiouEmocheckReport, borrowed from the batches */
  gboolean   infected;  /* in any of them */
} PcReports;

static void
pc_reports_free (PcReports *pc)
{
  g_free (pc->hostname);
  g_ptr_array_unref (pc->reports);
  g_free (pc);
}

static char *
report_host (TaiouEmocheckReport *report,
             const char          *path)
{
  return report->hostname[0] != '\0' ? g_strdup (report->hostname) : g_path_get_basename (path);
}

/* Infected PCs first, so they are not lost in a long list; then by name. */
static int
compare_pcs (gconstpointer a,
             gconstpointer b)
{
  const PcReports *pc_a = *(PcReports * const *) a;
  const PcReports *pc_b = *(PcReports * const *) b;

  if (pc_a->infected != pc_b->infected)
    return pc_a->infected ? -1 : 1;
  return g_utf8_collate (pc_a->hostname, pc_b->hostname);
}

/* Groups the reports by PC. */
static GPtrArray *
group_by_pc (GPtrArray *batches)
{
  GPtrArray *pcs = g_ptr_array_new_with_free_func ((GDestroyNotify) pc_reports_free);
  g_autoptr(GHashTable) by_host = g_hash_table_new (g_str_hash, g_str_equal);

  for (guint b = 0; b < batches->len; b++)
    {
      TaiouEmocheckBatch *batch = batches->pdata[b];

      for (guint i = 0; i < batch->reports->len; i++)
        {
          TaiouEmocheckReport *report = batch->reports->pdata[i];
          g_autofree char *host = report_host (report, batch->paths->pdata[i]);
          PcReports *pc = g_hash_table_lookup (by_host, host);

          if (pc == NULL)
            {
              pc = g_new0 (PcReports, 1);
              pc->hostname = g_steal_pointer (&host);
              pc->reports = g_ptr_array_new ();
              g_ptr_array_add (pcs, pc);
              g_hash_table_insert (by_host, pc->hostname, pc);
            }
          g_ptr_array_add (pc->reports, report);
          pc->infected |= report->infected;
        }
    }
  g_ptr_array_sort (pcs, compare_pcs);
  return pcs;
}

/* One line for the PC, then the Emotet processes its reports name. */
static gboolean
print_pc (PcReports *pc)
{
  TaiouEmocheckReport *newest = pc->reports->pdata[0];
  g_autofree char *host = taiou_cli_printable (pc->hostname);
  g_autofree char *version = NULL;
  g_autofree char *scanned = NULL;
  guint n_infected = 0;

  for (guint i = 0; i < pc->reports->len; i++)
    {
      TaiouEmocheckReport *report = pc->reports->pdata[i];

      /* EmoCheck's "YYYY-mm-dd HH:MM:SS" sorts as text. */
      if (g_strcmp0 (report->scan_time, newest->scan_time) > 0)
        newest = report;
      n_infected += report->infected ? 1 : 0;
    }
  version = taiou_cli_printable (newest->version);
  scanned = taiou_cli_printable (newest->scan_time);

  if (n_infected > 0)
    g_print (_("%s: Emotet DETECTED (EmoCheck %s, scanned %s)"), host, version, scanned);
  else
    g_print (_("%s: Emotet not detected (EmoCheck %s, scanned %s)"), host, version, scanned);
  if (pc->reports->len > 1)
    g_print (g_dngettext (GETTEXT_PACKAGE, " — %u reports, Emotet in %u of them",
                          " — %u reports, Emotet in %u of them", pc->reports->len),
             pc->reports->len, n_infected);
  g_print ("\n");

  for (guint i = 0; i < pc->reports->len; i++)
    {
      TaiouEmocheckReport *report = pc->reports->pdata[i];

      for (guint j = 0; j < report->processes->len; j++)
        {
          TaiouEmocheckProcess *process = report->processes->pdata[j];
          g_autofree char *name = taiou_cli_printable (process->process_name);
          g_autofree char *pid = taiou_cli_printable (process->process_id);
          g_autofree char *image = taiou_cli_printable (process->image_path);

          g_print ("    %s (PID %s) %s\n", name, pid != NULL ? pid : "?",
                   image != NULL ? image : "");
        }
    }
  return n_infected > 0;
}

static int
import_emocheck (char           **paths,
                 TaiouCase       *import_case,
                 gint64           incident_id)
{
  g_autoptr(GPtrArray) batches =
    g_ptr_array_new_with_free_func ((GDestroyNotify) taiou_emocheck_batch_free);
  g_autoptr(GPtrArray) pcs = NULL;
  g_autoptr(GError) error = NULL;
  guint n_reports = 0, n_problems = 0, n_infected_pcs = 0;
  gboolean truncated = FALSE;

  for (guint i = 0; paths[i] != NULL; i++)
    {
      g_autoptr(GError) load_error = NULL;
      TaiouEmocheckBatch *batch = taiou_emocheck_batch_load (paths[i], NULL, NULL, NULL,
                                                             &load_error);

      if (batch == NULL)
        {
          g_printerr ("taiou-cli: %s\n", load_error->message);
          n_problems++;
          continue;
        }
      for (guint j = 0; j < batch->problems->len; j++)
        {
          g_autofree char *problem = taiou_cli_printable (batch->problems->pdata[j]);

          g_printerr ("taiou-cli: %s\n", problem);
        }
      if (batch->truncated)
        g_printerr (_("taiou-cli: %s holds more than %u reports or %u files; the rest was not "
                      "read.\n"), paths[i], TAIOU_EMOCHECK_BATCH_MAX_REPORTS,
                    TAIOU_EMOCHECK_BATCH_MAX_ENTRIES);
      n_problems += batch->problems->len;
      truncated |= batch->truncated;
      n_reports += batch->reports->len;
      g_ptr_array_add (batches, batch);
    }

  pcs = group_by_pc (batches);
  for (guint i = 0; i < pcs->len; i++)
    n_infected_pcs += print_pc (pcs->pdata[i]) ? 1 : 0;

  g_print (g_dngettext (GETTEXT_PACKAGE, "%u report read", "%u reports read", n_reports),
           n_reports);
  g_print (g_dngettext (GETTEXT_PACKAGE, " from %u PC", " from %u PCs", pcs->len), pcs->len);
  if (n_problems > 0)
    g_print (g_dngettext (GETTEXT_PACKAGE, "; %u file could not be read",
                          "; %u files could not be read", n_problems), n_problems);
  g_print ("%s\n", C_("end of a sentence", "."));
  if (n_reports > 0)
    g_print ("%s\n", n_infected_pcs > 0 ? _("Result: Emotet was detected.")
                                        : _("Result: Emotet was not detected."));

  if (import_case != NULL && n_reports > 0)
    {
      for (guint b = 0; b < batches->len; b++)
        {
          TaiouEmocheckBatch *batch = batches->pdata[b];

          for (guint i = 0; i < batch->reports->len; i++)
            if (!taiou_case_record_emocheck (import_case, batch->reports->pdata[i], &error))
              return taiou_cli_fail (g_steal_pointer (&error));
        }
      g_print (_("Recorded in the timeline of incident #%lld.\n"), (long long) incident_id);
    }
  else if (import_case == NULL)
    g_print ("%s\n", _("Nothing was recorded (give --incident ID to record the report)."));

  if (n_infected_pcs > 0)
    return TAIOU_CLI_EXIT_DETECTED;
  if (n_problems > 0 || truncated || n_reports == 0)
    return TAIOU_CLI_EXIT_ERROR;
  return TAIOU_CLI_EXIT_OK;
}

int
taiou_cli_import (int              argc,
                  char           **argv,
                  TaiouCliOptions *options)
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(TaiouCase) import_case = NULL;
  g_autoptr(GError) error = NULL;
  gint64 incident_id = 0;
  gboolean csv = FALSE, jsonl = FALSE;
  TaiouLokiFormat loki_format = TAIOU_LOKI_FORMAT_AUTO;
  const GOptionEntry entries[] = {
    { "incident", 0, 0, G_OPTION_ARG_INT64, &incident_id,
      N_("Record what was read in this incident's timeline"), N_("ID") },
    { "csv", 0, 0, G_OPTION_ARG_NONE, &csv,
      N_("loki: the logs are Loki's CSV logs (loki.py --csv)"), NULL },
    { "jsonl", 0, 0, G_OPTION_ARG_NONE, &jsonl,
      N_("loki: the logs are Loki-RS's JSONL logs"), NULL },
    { "db", 0, 0, G_OPTION_ARG_FILENAME, &options->db_path,
      N_("Timeline database (default: $TAIOU_DB or $XDG_DATA_HOME/taiou/taiou.db)"), N_("FILE") },
    { NULL }
  };

  context = g_option_context_new (_("emocheck FILE|FOLDER… | loki FILE… — read EmoCheck "
                                    "reports or Loki logs"));
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  g_option_context_set_translation_domain (context, GETTEXT_PACKAGE);
  g_option_context_set_description (context,
    _("emocheck reads EmoCheck's text or JSON reports, and every report in a folder (one line "
      "per PC). loki reads Loki's text or CSV logs and Loki-RS's JSONL logs (the format is "
      "recognised; --csv or --jsonl insists on one).\n"
      "Exit status: 0 nothing detected in any file, 1 something detected, 2 error (also when "
      "nothing was detected but a file could not be read to the end)."));
  if (!g_option_context_parse (context, &argc, &argv, &error))
    return taiou_cli_usage_error (context, error->message);
  if (argc < 3 || (g_strcmp0 (argv[1], "emocheck") != 0 && g_strcmp0 (argv[1], "loki") != 0))
    return taiou_cli_usage_error (context,
                                  _("Say what to import: emocheck FILE|FOLDER… or loki FILE…."));
  if (csv && jsonl)
    return taiou_cli_usage_error (context, _("Give --csv or --jsonl, not both."));
  if ((csv || jsonl) && g_strcmp0 (argv[1], "loki") != 0)
    return taiou_cli_usage_error (context, _("--csv and --jsonl are for loki logs."));
  loki_format = csv ? TAIOU_LOKI_FORMAT_CSV : jsonl ? TAIOU_LOKI_FORMAT_JSONL
                                                    : TAIOU_LOKI_FORMAT_AUTO;

  /* Open the incident first: a wrong number is said before a long read, not after. */
  if (incident_id > 0)
    {
      import_case = taiou_cli_open_case (options, &(TaiouCliCaseOptions) {
                                           .incident_id = incident_id,
                                         }, &error);
      if (import_case == NULL)
        return taiou_cli_fail (g_steal_pointer (&error));
    }

  if (g_strcmp0 (argv[1], "emocheck") == 0)
    return import_emocheck (argv + 2, import_case, incident_id);
  return taiou_cli_import_loki (argv + 2, loki_format, import_case, incident_id);
}
