/* taiou-cli-shared.c — what several commands print and load the same way */
#define G_LOG_DOMAIN "taiou-cli"

#include "config.h"

#include <glib/gi18n.h>

#include "taiou-cli-private.h"

static char *
timestamp_now (void)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();

  return g_date_time_format_iso8601 (now);
}

void
taiou_cli_print_json_line (JsonObject *object)
{
  g_autoptr(JsonNode) node = json_node_new (JSON_NODE_OBJECT);
  g_autofree char *text = NULL;
  g_autofree char *timestamp = timestamp_now ();

  /* A line may carry its own: a scan_start printed after the scan keeps its start time, and
   * the lines about a Windows volume name the volume's computer. */
  if (!json_object_has_member (object, "timestamp"))
    json_object_set_string_member (object, "timestamp", timestamp);
  if (!json_object_has_member (object, "hostname"))
    json_object_set_string_member (object, "hostname", g_get_host_name ());
  json_node_take_object (node, object);
  text = json_to_string (node, FALSE);
  taiou_cli_print_utf8 (text);
}

/**
 * taiou_cli_open_case:
 *
 * Every command builds the same case: "us" from Preferences (when the app's schema is
 * installed) plus --our-domain and --our-name, the IOC sources from --ioc and
 * --no-bundled-iocs, and — only with --incident, so a plain check never touches the record —
 * the timeline of --db with that incident at hand.  The incident is checked before any work,
 * so a typo does not cost a whole scan.  The IOCs are loaded by the first command that needs
 * them.
 */
TaiouCase *
taiou_cli_open_case (TaiouCliOptions           *options,
                     const TaiouCliCaseOptions *case_options,
                     GError                   **error)
{
  g_autoptr(GSettings) settings = taiou_settings_new_if_installed ();
  g_autoptr(TaiouProfile) profile = taiou_profile_new ();
  g_autoptr(TaiouTimeline) timeline = NULL;
  g_autoptr(TaiouCase) self = NULL;

  if (settings != NULL)
    taiou_settings_bind_profile (settings, profile, FALSE);
  for (guint i = 0; case_options->our_domains != NULL && case_options->our_domains[i] != NULL; i++)
    taiou_profile_add_mail_domain (profile, case_options->our_domains[i]);
  for (guint i = 0; case_options->our_names != NULL && case_options->our_names[i] != NULL; i++)
    taiou_profile_add_staff_name (profile, case_options->our_names[i]);
  for (guint i = 0; case_options->trusted_authserv_ids != NULL &&
                    case_options->trusted_authserv_ids[i] != NULL; i++)
    taiou_profile_add_trusted_authserv_id (profile, case_options->trusted_authserv_ids[i]);

  if (case_options->incident_id > 0 &&
      (timeline = taiou_cli_open_timeline (options, error)) == NULL)
    return NULL;
  self = taiou_case_new (timeline, profile);
  if (case_options->incident_id > 0 &&
      !taiou_case_select_incident (self, case_options->incident_id, error))
    return NULL;
  taiou_case_set_ioc_sources (self, !case_options->no_bundled_iocs,
                              (const char * const *) case_options->ioc_files);
  /* The feeds' kept copies (`taiou-cli feeds update`) join the bundled snapshot; with
   * --no-bundled-iocs only the user's own files are used. */
  if (!case_options->no_bundled_iocs)
    {
      g_autoptr(TaiouFeeds) feeds = taiou_feeds_new (NULL);

      if (settings != NULL)
        taiou_settings_apply_feeds (settings, feeds);
      taiou_case_set_feeds (self, feeds);
    }
  if (case_options->no_yara)
    taiou_case_set_yara_sources (self, FALSE, NULL);
  else
    {
      g_auto(GStrv) yara_paths = taiou_settings_dup_yara_paths (settings,
                                   (const char * const *) case_options->yara_paths);

      taiou_case_set_yara_sources (self, TRUE, (const char * const *) yara_paths);
    }
  return g_steal_pointer (&self);
}

/**
 * taiou_cli_load_iocs:
 *
 * Loads the case's IOCs and says what went wrong on the way: a missing or damaged bundled
 * snapshot is worth a warning, not a refusal to scan; unusable lines of a user's file are
 * named as file:line.
 */
TaiouIocSet *
taiou_cli_load_iocs (TaiouCase  *self,
                     GError    **error)
{
  TaiouIocSet *iocs = taiou_case_load_iocs (self, NULL, error);
  GPtrArray *reports;

  if (iocs == NULL)
    return NULL;
  if (taiou_case_get_bundled_ioc_error (self) != NULL)
    g_printerr (_("taiou-cli: warning: the bundled IOC snapshot could not be loaded: %s\n"),
                taiou_case_get_bundled_ioc_error (self)->message);
  reports = taiou_case_get_ioc_reports (self);
  for (guint i = 0; reports != NULL && i < reports->len; i++)
    {
      TaiouIocLoadReport *report = reports->pdata[i];

      for (guint p = 0; p < report->problems->len; p++)
        g_printerr ("taiou-cli: %s\n", (char *) report->problems->pdata[p]);
      if (report->n_bad > report->problems->len)
        g_printerr (_("taiou-cli: … and %u more unusable lines in %s\n"),
                    report->n_bad - report->problems->len, report->source);
    }
  return iocs;
}

void
taiou_cli_print_finding (const TaiouFinding *finding,
                         gboolean            japanese)
{
  g_autofree char *object = taiou_cli_printable (finding->object);
  g_autofree char *evidence = taiou_cli_printable (finding->evidence);

  g_print ("[%s] %3d  %s\n", taiou_severity_to_string (taiou_finding_get_severity (finding)),
           finding->score, object);
  g_print ("        %s\n", japanese ? finding->reason_ja : finding->reason_en);
  if (evidence != NULL)
    g_print ("        %s\n", evidence);
}
