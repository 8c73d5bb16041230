/* taiou-cli-scan.c — `taiou-cli scan PATH… --ioc FILE…`: match files against IOCs
 *
 * Text for people (Japanese or English, as the locale says), or JSON lines like Loki-RS's
 * (scan_start, finding, scan_end).  Exit status 0 nothing found, 1 something found, 2 error.
 */
#define G_LOG_DOMAIN "taiou-cli"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>
#include <unistd.h>

#include "taiou-cli-private.h"

typedef struct
{
  gboolean on_terminal;
  gboolean printed;
} ProgressLine;

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

/* Built before the scan (its time is the start's) and printed after it, when a Windows
 * volume's own computer name and hives are known. */
static JsonObject *
new_scan_start (TaiouIocSet    *iocs,
                TaiouYaraRules *rules,
                const char     *target,
                int             argc,
                char          **argv)
{
  JsonObject *start = json_object_new ();
  JsonArray *paths = json_array_new ();
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autofree char *timestamp = g_date_time_format_iso8601 (now);

  for (int i = 1; i < argc; i++)
    json_array_add_string_element (paths, argv[i]);
  json_object_set_string_member (start, "timestamp", timestamp);
  json_object_set_string_member (start, "event_type", "scan_start");
  json_object_set_string_member (start, "target", target);
  json_object_set_array_member (start, "paths", paths);
  json_object_set_int_member (start, "sha256_iocs",
                              (gint64) taiou_ioc_set_count (iocs, TAIOU_IOC_KIND_SHA256));
  json_object_set_int_member (start, "filename_iocs",
                              (gint64) taiou_ioc_set_count (iocs, TAIOU_IOC_KIND_FILENAME));
  json_object_set_int_member (start, "ip_iocs",
                              (gint64) taiou_ioc_set_count (iocs, TAIOU_IOC_KIND_IP));
  json_object_set_int_member (start, "yara_rules",
                              rules != NULL ? taiou_yara_rules_get_n_rules (rules) : 0);
  return start;
}

static void
print_result_json (TaiouScanResult *result)
{
  JsonObject *end = json_object_new ();
  JsonArray *unreadable = json_array_new ();

  for (guint i = 0; i < result->findings->len; i++)
    {
      /* The library's one shape (the same as in `mail --json`), as a Loki-RS event line. */
      JsonObject *finding = taiou_finding_to_json (result->findings->pdata[i]);

      json_object_set_string_member (finding, "event_type", "finding");
      taiou_cli_print_json_line (finding);
    }
  for (guint i = 0; i < result->unreadable->len; i++)
    json_array_add_string_element (unreadable, result->unreadable->pdata[i]);
  json_object_set_string_member (end, "event_type", "scan_end");
  json_object_set_int_member (end, "files", (gint64) result->n_files);
  json_object_set_int_member (end, "hashed", (gint64) result->n_hashed);
  json_object_set_int_member (end, "bytes", (gint64) result->n_bytes);
  json_object_set_int_member (end, "skipped", (gint64) result->n_skipped);
  json_object_set_int_member (end, "excluded", (gint64) result->n_excluded);
  if (result->hostname != NULL)
    json_object_set_string_member (end, "hostname", result->hostname);
  json_object_set_int_member (end, "yara_scanned", (gint64) result->n_yara);
  json_object_set_int_member (end, "findings", result->findings->len);
  json_object_set_array_member (end, "unreadable", unreadable);
  taiou_cli_print_json_line (end);
}

static void
print_result_text (TaiouScanResult *result,
                   gboolean         japanese)
{
  for (guint i = 0; i < result->findings->len; i++)
    taiou_cli_print_finding (result->findings->pdata[i], japanese);
  for (guint i = 0; i < result->unreadable->len; i++)
    g_printerr (_("taiou-cli: could not read %s\n"), (char *) result->unreadable->pdata[i]);
  g_print (_("Scanned %llu files (%llu hashed, %.1f MB); skipped %llu; could not read %u.\n"),
           (unsigned long long) result->n_files, (unsigned long long) result->n_hashed,
           result->n_bytes / 1e6, (unsigned long long) result->n_skipped,
           result->unreadable->len);
  if (result->n_yara_rules > 0)
    g_print (_("YARA: %u rules, matched against %llu files.\n"), result->n_yara_rules,
             (unsigned long long) result->n_yara);
  if (result->findings->len == 0)
    g_print ("%s\n", _("Nothing suspicious was found."));
  else
    g_print (g_dngettext (GETTEXT_PACKAGE, "%u finding.\n", "%u findings.\n",
                          result->findings->len),
             result->findings->len);
}

int
taiou_cli_scan (int              argc,
                char           **argv,
                TaiouCliOptions *options)
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(TaiouCase) scan_case = NULL;
  g_autoptr(TaiouScanner) scanner = NULL;
  g_autoptr(TaiouScanResult) result = NULL;
  g_autoptr(TaiouScanExclusions) exclusions = NULL;
  g_autoptr(TaiouHostSnapshot) snapshot = NULL;
  g_autoptr(JsonObject) scan_start = NULL;
  g_auto(GStrv) exclude_globs = NULL;
  g_auto(GStrv) exclude_regexes = NULL;
  TaiouIocSet *iocs;
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) ioc_files = NULL;
  g_auto(GStrv) yara_paths = NULL;
  gboolean no_yara = FALSE;
  gint64 yara_timeout = TAIOU_YARA_DEFAULT_TIMEOUT;
  g_autofree char *windows_volume = NULL;
  g_autofree char *volume_image = NULL;
  g_autofree char *volume_serial = NULL;
  g_autofree char *target = NULL;
  gint64 max_file_size = TAIOU_SCANNER_DEFAULT_MAX_FILE_SIZE;
  gint64 incident_id = 0;
  gboolean japanese = taiou_i18n_prefers_japanese ();
  gboolean whole_system;
  gboolean no_bundled_iocs = FALSE;
  TaiouSystemScanOptions system = { NULL };
  ProgressLine progress = { FALSE, FALSE };
  const GOptionEntry entries[] = {
    { "ioc", 0, 0, G_OPTION_ARG_FILENAME_ARRAY, &ioc_files,
      N_("An IOC file to load (Loki, abuse.ch or Taiou format); may be repeated"), N_("FILE") },
    { "no-bundled-iocs", 0, 0, G_OPTION_ARG_NONE, &no_bundled_iocs,
      N_("Do not load the IOC snapshot that ships with Taiou"), NULL },
    { "yara", 0, 0, G_OPTION_ARG_FILENAME_ARRAY, &yara_paths,
      N_("A YARA rule file, or a folder of .yar/.yara files, to match every file against "
         "beside the bundled rules; may be repeated"), N_("PATH") },
    { "no-yara", 0, 0, G_OPTION_ARG_NONE, &no_yara,
      N_("Match no YARA rule, not even the bundled ones"), NULL },
    { "yara-timeout", 0, 0, G_OPTION_ARG_INT64, &yara_timeout,
      N_("Seconds the YARA rules may take on one file (default 10)"), N_("SECONDS") },
    { "windows-volume", 0, 0, G_OPTION_ARG_FILENAME, &windows_volume,
      N_("Check the Windows system volume mounted at DIR instead of this computer"),
      N_("DIR") },
    { "volume-image", 0, 0, G_OPTION_ARG_FILENAME, &volume_image,
      N_("Read the volume serial from this disk image or device (its NTFS boot sector)"),
      N_("FILE") },
    { "volume-serial", 0, 0, G_OPTION_ARG_STRING, &volume_serial,
      N_("The Windows volume serial, as `vol C:` shows it (e.g. 1234-ABCD)"), N_("SERIAL") },
    { "incident", 0, 0, G_OPTION_ARG_INT64, &incident_id,
      N_("Record the findings and a summary in this incident's timeline"), N_("ID") },
    { "max-file-size", 0, 0, G_OPTION_ARG_INT64, &max_file_size,
      N_("Do not read files larger than this many bytes (default 256 MiB)"), N_("BYTES") },
    { "exclude", 0, 0, G_OPTION_ARG_STRING_ARRAY, &exclude_globs,
      N_("Leave out paths matching this glob (“*.vhdx”, “Windows/WinSxS”); may be repeated"),
      N_("GLOB") },
    { "exclude-regex", 0, 0, G_OPTION_ARG_STRING_ARRAY, &exclude_regexes,
      N_("Leave out paths matching this regular expression; may be repeated"), N_("RE") },
    { "json", 0, 0, G_OPTION_ARG_NONE, &options->json, N_("Print JSON lines instead of text"),
      NULL },
    { NULL }
  };

  context = g_option_context_new (_("[PATH…] — check this computer, a Windows volume or files "
                                    "for malware"));
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  g_option_context_set_translation_domain (context, GETTEXT_PACKAGE);
  g_option_context_set_description (context,
    _("Without PATH, checks this running computer: processes, autoruns, connections and the "
      "folders malware uses. With --windows-volume, checks a Windows disk read from Linux "
      "(EmoCheck's rules need its volume serial: --volume-serial or --volume-image).\n"
      "Exit status: 0 nothing found, 1 something found, 2 error."));
  if (!g_option_context_parse (context, &argc, &argv, &error))
    return taiou_cli_usage_error (context, error->message);
  if (max_file_size <= 0)
    return taiou_cli_usage_error (context, _("The size limit must be a positive number."));
  if (yara_timeout <= 0 || yara_timeout > 3600)
    return taiou_cli_usage_error (context, _("The YARA timeout must be between 1 and 3600 "
                                             "seconds."));
  if (no_yara && yara_paths != NULL)
    return taiou_cli_usage_error (context, _("--yara and --no-yara cannot be used together."));
  if (volume_serial != NULL &&
      !taiou_volume_serial_parse (volume_serial, &system.volume_serial, NULL))
    return taiou_cli_usage_error (context, _("The volume serial must be 8 hexadecimal digits, "
                                             "such as 1234-ABCD."));
  system.has_volume_serial = volume_serial != NULL;
  if ((volume_image != NULL || volume_serial != NULL) && windows_volume == NULL)
    return taiou_cli_usage_error (context, _("--volume-image and --volume-serial need "
                                             "--windows-volume."));
  /* Windows ignores case in paths, so exclusions on its volume do too. */
  exclusions = taiou_cli_scan_exclusions (exclude_globs, exclude_regexes, windows_volume != NULL,
                                          &error);
  if (exclusions == NULL)
    return taiou_cli_usage_error (context, error->message);
  system.windows_volume = windows_volume;
  system.volume_image = volume_image;
  whole_system = windows_volume != NULL || argc < 2;
  progress.on_terminal = isatty (STDERR_FILENO) && !options->json;

  scan_case = taiou_cli_open_case (options, &(TaiouCliCaseOptions) {
                                    .incident_id = incident_id,
                                    .ioc_files = ioc_files,
                                    .no_bundled_iocs = no_bundled_iocs,
                                    .yara_paths = yara_paths,
                                    .no_yara = no_yara,
                                  }, &error);
  if (scan_case == NULL || (iocs = taiou_cli_load_iocs (scan_case, &error)) == NULL)
    return taiou_cli_fail (g_steal_pointer (&error));
  if (!whole_system && !taiou_ioc_set_has_hashes (iocs) &&
      taiou_ioc_set_count (iocs, TAIOU_IOC_KIND_FILENAME) == 0 && no_yara)
    g_printerr ("%s\n", _("taiou-cli: no hash or file-name IOCs are loaded, so no file can match "
                          "(use --ioc FILE)."));

  if (windows_volume != NULL)
    target = g_strdup_printf (_("the Windows volume at %s"), windows_volume);
  else if (whole_system)
    target = g_strdup_printf (_("this computer (%s)"), g_get_host_name ());
  else
    target = g_strjoinv (", ", argv + 1);
  /* A rule file that does not compile stops here, before any file is read. */
  scanner = taiou_case_new_scanner (scan_case, NULL, &error);
  if (scanner == NULL)
    return taiou_cli_fail (g_steal_pointer (&error));
  taiou_scanner_set_yara_limits (scanner, (guint) yara_timeout, 0);
  if (options->json)
    scan_start = new_scan_start (iocs, taiou_scanner_get_yara_rules (scanner),
                                 windows_volume != NULL ? "windows-volume"
                                 : whole_system ? "system" : "paths", argc, argv);
  else if (whole_system)
    g_printerr (_("Checking %s…\n"), target);
  taiou_scanner_set_max_file_size (scanner, (guint64) max_file_size);
  taiou_scanner_set_exclusions (scanner, exclusions);
  if (whole_system)
    result = taiou_system_scan (scanner, &system, (const char * const *) argv + 1, progress_cb,
                                &progress, &snapshot, NULL, &error);
  else
    result = taiou_scanner_scan_paths (scanner, (const char * const *) argv + 1, progress_cb,
                                       &progress, NULL, &error);
  if (progress.printed)
    g_printerr ("\n");
  if (result == NULL)
    return taiou_cli_fail (g_steal_pointer (&error));

  if (options->json)
    {
      if (windows_volume != NULL)
        taiou_cli_scan_add_volume_json (scan_start, snapshot);
      taiou_cli_scan_add_exclusions_json (scan_start, exclusions);
      taiou_cli_print_json_line (g_steal_pointer (&scan_start));
      print_result_json (result);
    }
  else
    {
      if (windows_volume != NULL)
        taiou_cli_scan_print_hives (snapshot);
      print_result_text (result, japanese);
      taiou_cli_scan_print_excluded (result, exclusions);
    }

  if (incident_id > 0)
    {
      if (!taiou_case_record_scan (scan_case, result, target, &error))
        return taiou_cli_fail (g_steal_pointer (&error));
      if (!options->json)
        g_print (_("Recorded in the timeline of incident #%lld.\n"), (long long) incident_id);
    }
  return result->findings->len > 0 ? TAIOU_CLI_EXIT_DETECTED : TAIOU_CLI_EXIT_OK;
}
