/* taiou-cli-scan.c — `taiou-cli scan PATH… --ioc FILE…`: match files against IOCs
 *
 * Text for people (Japanese or English, as the locale says), or JSON lines like Loki-RS's
 * (scan_start, finding, scan_end).  Exit status 0 nothing found, 1 something found, 2 error.
 */
#define G_LOG_DOMAIN "taiou-cli"

#include "config.h"

#include <glib/gi18n.h>
#include <unistd.h>

#include "taiou-cli-private.h"

typedef struct
{
  gboolean on_terminal;
  gboolean printed;
} ProgressLine;

/* Findings carry their reason in both languages; show the one the user reads. */
static gboolean
prefers_japanese (void)
{
  const char * const *languages = g_get_language_names ();

  return languages[0] != NULL && g_str_has_prefix (languages[0], "ja");
}

static char *
timestamp_now (void)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();

  return g_date_time_format_iso8601 (now);
}

static void
print_json_line (JsonObject *object)
{
  g_autoptr(JsonNode) node = json_node_new (JSON_NODE_OBJECT);
  g_autofree char *text = NULL;
  g_autofree char *timestamp = timestamp_now ();

  json_object_set_string_member (object, "timestamp", timestamp);
  json_object_set_string_member (object, "hostname", g_get_host_name ());
  json_node_take_object (node, object);
  text = json_to_string (node, FALSE);
  g_print ("%s\n", text);
}

static void
progress_cb (const TaiouScanProgress *progress,
             gpointer                 user_data)
{
  ProgressLine *line = user_data;

  if (!line->on_terminal)
    return;
  /* Rewrite the same terminal line each time. */
  g_printerr ("\r");
  g_printerr (_("Scanned %llu files, %.1f MB…"), (unsigned long long) progress->n_files,
              progress->n_bytes / 1e6);
  line->printed = TRUE;
}

static TaiouIocSet *
load_iocs (char   **files,
           GError **error)
{
  g_autoptr(TaiouIocSet) iocs = taiou_ioc_set_new ();

  for (guint i = 0; files != NULL && files[i] != NULL; i++)
    {
      g_autoptr(TaiouIocLoadReport) report = NULL;

      report = taiou_ioc_set_load_file (iocs, files[i], TAIOU_IOC_FORMAT_AUTO, error);
      if (report == NULL)
        return NULL;
      for (guint p = 0; p < report->problems->len; p++)
        g_printerr ("taiou-cli: %s\n", (char *) report->problems->pdata[p]);
      if (report->n_bad > report->problems->len)
        g_printerr (_("taiou-cli: … and %u more unusable lines in %s\n"),
                    report->n_bad - report->problems->len, files[i]);
    }
  return g_steal_pointer (&iocs);
}

static void
print_finding_text (const TaiouFinding *finding,
                    gboolean            japanese)
{
  g_print ("[%s] %3d  %s\n", taiou_severity_to_string (taiou_finding_get_severity (finding)),
           finding->score, finding->object);
  g_print ("        %s\n", japanese ? finding->reason_ja : finding->reason_en);
  if (finding->evidence != NULL)
    g_print ("        %s\n", finding->evidence);
}

static JsonObject *
finding_to_json (const TaiouFinding *finding)
{
  JsonObject *object = json_object_new ();
  JsonArray *reasons = json_array_new ();
  JsonArray *reasons_ja = json_array_new ();

  json_object_set_string_member (object, "event_type", "finding");
  json_object_set_string_member (object, "rule", finding->rule_id);
  json_object_set_int_member (object, "score", finding->score);
  json_object_set_string_member (object, "level",
                                 taiou_severity_to_string (taiou_finding_get_severity (finding)));
  json_object_set_string_member (object, "path", finding->object);
  if (finding->sha256 != NULL)
    json_object_set_string_member (object, "sha256", finding->sha256);
  json_object_set_string_member (object, "evidence", finding->evidence);
  json_object_set_string_member (object, "message", finding->reason_en);
  json_array_add_string_element (reasons, finding->reason_en);
  json_array_add_string_element (reasons_ja, finding->reason_ja);
  json_object_set_array_member (object, "reasons", reasons);
  json_object_set_array_member (object, "reasons_ja", reasons_ja);
  return object;
}

int
taiou_cli_scan (int              argc,
                char           **argv,
                TaiouCliOptions *options)
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(TaiouIocSet) iocs = NULL;
  g_autoptr(TaiouScanner) scanner = NULL;
  g_autoptr(TaiouScanResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) ioc_files = NULL;
  gint64 max_file_size = TAIOU_SCANNER_DEFAULT_MAX_FILE_SIZE;
  gboolean japanese = prefers_japanese ();
  ProgressLine progress = { FALSE, FALSE };
  const GOptionEntry entries[] = {
    { "ioc", 0, 0, G_OPTION_ARG_FILENAME_ARRAY, &ioc_files,
      N_("An IOC file to load (Loki, abuse.ch or Taiou format); may be repeated"), N_("FILE") },
    { "max-file-size", 0, 0, G_OPTION_ARG_INT64, &max_file_size,
      N_("Do not read files larger than this many bytes (default 256 MiB)"), N_("BYTES") },
    { "json", 0, 0, G_OPTION_ARG_NONE, &options->json, N_("Print JSON lines instead of text"),
      NULL },
    { NULL }
  };

  context = g_option_context_new (_("PATH… — match files against indicators of compromise"));
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  g_option_context_set_translation_domain (context, GETTEXT_PACKAGE);
  g_option_context_set_description (context,
    _("Exit status: 0 nothing found, 1 something found, 2 error."));
  if (!g_option_context_parse (context, &argc, &argv, &error))
    return taiou_cli_usage_error (context, error->message);
  if (argc < 2)
    return taiou_cli_usage_error (context, _("Give at least one file or folder to scan."));
  if (max_file_size <= 0)
    return taiou_cli_usage_error (context, _("The size limit must be a positive number."));
  progress.on_terminal = isatty (STDERR_FILENO) && !options->json;

  iocs = load_iocs (ioc_files, &error);
  if (iocs == NULL)
    return taiou_cli_fail (g_steal_pointer (&error));
  if (!taiou_ioc_set_has_hashes (iocs) && taiou_ioc_set_count (iocs, TAIOU_IOC_KIND_FILENAME) == 0)
    g_printerr ("%s\n", _("taiou-cli: no hash or file-name IOCs are loaded, so no file can match "
                          "(use --ioc FILE)."));

  if (options->json)
    {
      JsonObject *start = json_object_new ();
      JsonArray *paths = json_array_new ();

      for (int i = 1; i < argc; i++)
        json_array_add_string_element (paths, argv[i]);
      json_object_set_string_member (start, "event_type", "scan_start");
      json_object_set_array_member (start, "paths", paths);
      json_object_set_int_member (start, "sha256_iocs",
                                  (gint64) taiou_ioc_set_count (iocs, TAIOU_IOC_KIND_SHA256));
      json_object_set_int_member (start, "filename_iocs",
                                  (gint64) taiou_ioc_set_count (iocs, TAIOU_IOC_KIND_FILENAME));
      print_json_line (start);
    }

  scanner = taiou_scanner_new (iocs);
  taiou_scanner_set_max_file_size (scanner, (guint64) max_file_size);
  result = taiou_scanner_scan_paths (scanner, (const char * const *) argv + 1, progress_cb,
                                     &progress, NULL, &error);
  if (progress.printed)
    g_printerr ("\n");
  if (result == NULL)
    return taiou_cli_fail (g_steal_pointer (&error));

  if (options->json)
    {
      JsonObject *end = json_object_new ();
      JsonArray *unreadable = json_array_new ();

      for (guint i = 0; i < result->findings->len; i++)
        print_json_line (finding_to_json (result->findings->pdata[i]));
      for (guint i = 0; i < result->unreadable->len; i++)
        json_array_add_string_element (unreadable, result->unreadable->pdata[i]);
      json_object_set_string_member (end, "event_type", "scan_end");
      json_object_set_int_member (end, "files", (gint64) result->n_files);
      json_object_set_int_member (end, "hashed", (gint64) result->n_hashed);
      json_object_set_int_member (end, "bytes", (gint64) result->n_bytes);
      json_object_set_int_member (end, "skipped", (gint64) result->n_skipped);
      json_object_set_int_member (end, "findings", result->findings->len);
      json_object_set_array_member (end, "unreadable", unreadable);
      print_json_line (end);
    }
  else
    {
      for (guint i = 0; i < result->findings->len; i++)
        print_finding_text (result->findings->pdata[i], japanese);
      for (guint i = 0; i < result->unreadable->len; i++)
        g_printerr (_("taiou-cli: could not read %s\n"), (char *) result->unreadable->pdata[i]);
      g_print (_("Scanned %llu files (%llu hashed, %.1f MB); skipped %llu; could not read %u.\n"),
               (unsigned long long) result->n_files, (unsigned long long) result->n_hashed,
               result->n_bytes / 1e6, (unsigned long long) result->n_skipped,
               result->unreadable->len);
      if (result->findings->len == 0)
        g_print ("%s\n", _("Nothing matched the loaded indicators."));
      else
        g_print (g_dngettext (GETTEXT_PACKAGE, "%u finding.\n", "%u findings.\n",
                              result->findings->len),
                 result->findings->len);
    }

  return result->findings->len > 0 ? TAIOU_CLI_EXIT_DETECTED : TAIOU_CLI_EXIT_OK;
}
