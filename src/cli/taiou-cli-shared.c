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

  json_object_set_string_member (object, "timestamp", timestamp);
  json_object_set_string_member (object, "hostname", g_get_host_name ());
  json_node_take_object (node, object);
  text = json_to_string (node, FALSE);
  taiou_cli_print_utf8 (text);
}

/* The offline snapshot in data/ioc/ is loaded unless asked not to; a missing or damaged
 * snapshot is worth a warning, not a refusal to scan. */
static void
load_bundled_iocs (TaiouIocSet *iocs)
{
  g_autoptr(GPtrArray) reports = NULL;
  g_autoptr(GError) error = NULL;

  if (!taiou_ioc_set_load_bundled (iocs, &reports, &error))
    g_printerr (_("taiou-cli: warning: the bundled IOC snapshot could not be loaded: %s\n"),
                error->message);
}

TaiouIocSet *
taiou_cli_load_iocs (char     **files,
                     gboolean   bundled,
                     GError   **error)
{
  g_autoptr(TaiouIocSet) iocs = taiou_ioc_set_new ();

  if (bundled)
    load_bundled_iocs (iocs);

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

JsonObject *
taiou_cli_finding_to_json (const TaiouFinding *finding)
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

/* Checks the incident exists before the work, so a typo does not cost a whole scan. */
TaiouTimeline *
taiou_cli_open_incident (TaiouCliOptions  *options,
                         gint64            incident_id,
                         GError          **error)
{
  g_autoptr(TaiouTimeline) timeline = taiou_cli_open_timeline (options, error);
  g_autoptr(TaiouIncident) incident = NULL;

  if (timeline == NULL)
    return NULL;
  incident = taiou_timeline_get_incident (timeline, incident_id, error);
  if (incident == NULL)
    return NULL;
  return g_steal_pointer (&timeline);
}

/* The app's settings (Preferences), when its schema is installed; the CLI works without. */
GSettings *
taiou_cli_app_settings (void)
{
  GSettingsSchemaSource *source = g_settings_schema_source_get_default ();
  g_autoptr(GSettingsSchema) schema = NULL;

  if (source == NULL)
    return NULL;
  schema = g_settings_schema_source_lookup (source, APP_ID, TRUE);
  return schema != NULL ? g_settings_new_full (schema, NULL, NULL) : NULL;
}
