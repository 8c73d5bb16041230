/* taiou-notice-incident.c — a notice and its incident: what Taiou knows, what it records
 *
 * The CLI and the app's notice editor start from the same facts: today's date, the
 * incident's discovery date, the organisation and contact from Preferences, the display names
 * the mail check caught spoofing us, and a dated これまでの経緯 from the timeline.  People then
 * correct and add to them; nothing here is sent without being shown first.
 *
 * The record of a notice says which notice was made and for how many, never to whom: the
 * timeline is exported and shown to people who need not see a partner list.
 */
#define G_LOG_DOMAIN "taiou-notice"

#include "config.h"

#include <glib/gi18n-lib.h>

#include <string.h>

#include "taiou-notice.h"
#include "taiou-time.h"
#include "taiou-timeline.h"

/* Only these events are worth telling partners; a scan finding or a wizard step is not. */
static const char * const history_kinds[] = {
  "triage.what-happened",
  "mail.triage",
  "scan.finished",
  "import.emocheck",
  "notice.generated",
  NULL,  /* for g_strv_contains() */
};

#define MAX_HISTORY_LINES 20
#define MAX_SPOOFED_NAMES 20

static void
set_variable (GHashTable *variables,
              const char *name,
              char       *value)
{
  if (value != NULL && *value != '\0')
    g_hash_table_insert (variables, g_strdup (name), value);
  else
    g_free (value);
}

static char *
format_date_us (gint64 time_us)
{
  g_autoptr(GDateTime) utc = taiou_time_to_date_time (time_us);
  g_autoptr(GDateTime) local = utc != NULL ? g_date_time_to_local (utc) : NULL;

  return local != NULL ? taiou_notice_format_date (local) : NULL;
}

/* A mail caught showing one of our names with a foreign address: that name is being abused. */
static char *
spoofed_name (TaiouEvent *event)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  JsonObject *detail;
  JsonArray *findings;
  const char *name;

  if (!json_parser_load_from_data (parser, taiou_event_get_detail (event), -1, NULL) ||
      !JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser)))
    return NULL;
  detail = json_node_get_object (json_parser_get_root (parser));
  name = json_object_get_string_member_with_default (detail, "from_name", NULL);
  if (name == NULL || *name == '\0' || !json_object_has_member (detail, "findings") ||
      !JSON_NODE_HOLDS_ARRAY (json_object_get_member (detail, "findings")))
    return NULL;
  findings = json_object_get_array_member (detail, "findings");
  for (guint i = 0; i < json_array_get_length (findings); i++)
    {
      JsonNode *node = json_array_get_element (findings, i);

      if (JSON_NODE_HOLDS_OBJECT (node) &&
          g_strcmp0 (json_object_get_string_member_with_default (json_node_get_object (node),
                                                                 "rule", NULL),
                     "mail.display-name-spoof") == 0)
        return g_strdup (name);
    }
  return NULL;
}

#define MAX_LINE_CHARS 200

/* Display names come from the attacker's mails and summaries from anywhere: a line goes into
 * the letter only if it is short and holds nothing the renderer refuses (control characters,
 * line separators) or that hides what it says (direction overrides and other format
 * characters); one bad name must not block the whole notice. */
static gboolean
is_safe_line (const char *text)
{
  glong n_chars = 0;

  if (!taiou_notice_value_is_allowed (text, FALSE))
    return FALSE;
  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p), n_chars++)
    if (g_unichar_type (g_utf8_get_char (p)) == G_UNICODE_FORMAT || n_chars >= MAX_LINE_CHARS)
      return FALSE;
  return TRUE;
}

static gboolean
add_incident_variables (GHashTable    *variables,
                        TaiouTimeline *timeline,
                        gint64         incident_id,
                        GError       **error)
{
  g_autoptr(TaiouIncident) incident = taiou_timeline_get_incident (timeline, incident_id, error);
  g_autoptr(GPtrArray) events = NULL;
  g_autoptr(GHashTable) names_seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                                           NULL);
  g_autoptr(GString) history = g_string_new (NULL);
  g_autoptr(GString) names = g_string_new (NULL);
  guint n_history = 0;

  if (incident == NULL)
    return FALSE;
  set_variable (variables, "discovery_date",
                format_date_us (taiou_incident_get_discovered_us (incident)));
  if ((events = taiou_timeline_list_events (timeline, incident_id, error)) == NULL)
    return FALSE;

  for (guint i = 0; i < events->len; i++)
    {
      TaiouEvent *event = events->pdata[i];
      const char *kind = taiou_event_get_kind (event);
      const char *summary = taiou_event_get_summary (event);
      g_autofree char *name = NULL;

      if (g_str_equal (kind, "notice.generated") &&
          !g_hash_table_contains (variables, "first_notice_date"))
        set_variable (variables, "first_notice_date",
                      format_date_us (taiou_event_get_time_us (event)));
      if (g_str_equal (kind, "mail.triage") && (name = spoofed_name (event)) != NULL &&
          is_safe_line (name) && g_hash_table_size (names_seen) < MAX_SPOOFED_NAMES &&
          !g_hash_table_contains (names_seen, name))
        {
          g_string_append_printf (names, "%s%s", names->len > 0 ? "\n" : "", name);
          g_hash_table_add (names_seen, g_steal_pointer (&name));
        }
      if (g_strv_contains (history_kinds, kind) && summary != NULL && is_safe_line (summary) &&
          n_history < MAX_HISTORY_LINES)
        {
          g_autofree char *date = format_date_us (taiou_event_get_time_us (event));

          if (date == NULL)
            continue;
          g_string_append_printf (history, "%s%s　%s", history->len > 0 ? "\n" : "", date,
                                  summary);
          n_history++;
        }
    }
  set_variable (variables, "spoofed_names", g_string_free (g_steal_pointer (&names), FALSE));
  set_variable (variables, "timeline", g_string_free (g_steal_pointer (&history), FALSE));
  return TRUE;
}

static void
add_settings_variables (GHashTable *variables,
                        GSettings  *settings)
{
  g_auto(GStrv) domains = g_settings_get_strv (settings, "mail-domains");

  set_variable (variables, "company", g_settings_get_string (settings, "organization-name"));
  set_variable (variables, "our_domains", g_strjoinv ("\n", domains));
  set_variable (variables, "contact_department",
                g_settings_get_string (settings, "it-manager-department"));
  set_variable (variables, "contact_name", g_settings_get_string (settings, "it-manager-name"));
  set_variable (variables, "contact_phone", g_settings_get_string (settings, "it-manager-phone"));
  set_variable (variables, "contact_email", g_settings_get_string (settings, "it-manager-email"));
}

/**
 * taiou_notice_known_variables:
 * @timeline: (nullable): the timeline holding @incident_id
 * @incident_id: the incident the notice is about; ignored without @timeline
 * @settings: (nullable): the app's settings (organisation, our domains, the IT manager)
 * @today: the notice's date
 * @error: set when the incident cannot be read
 *
 * Collects what Taiou already knows as variables: notice_date, discovery_date,
 * first_notice_date (the first notice made for this incident), company, our_domains, the
 * contact, spoofed_names (display names the mail check caught) and timeline (dated events,
 * one a line).  Empty values are left out, so a required one is reported as missing.
 *
 * Returns: (transfer full): name → value, both owned by the table
 */
GHashTable *
taiou_notice_known_variables (TaiouTimeline  *timeline,
                              gint64          incident_id,
                              GSettings      *settings,
                              GDateTime      *today,
                              GError        **error)
{
  g_autoptr(GHashTable) variables = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                                           g_free);

  g_return_val_if_fail (timeline == NULL || TAIOU_IS_TIMELINE (timeline), NULL);
  g_return_val_if_fail (settings == NULL || G_IS_SETTINGS (settings), NULL);
  g_return_val_if_fail (today != NULL, NULL);

  set_variable (variables, "notice_date", taiou_notice_format_date (today));
  if (timeline != NULL && incident_id > 0 &&
      !add_incident_variables (variables, timeline, incident_id, error))
    return NULL;
  if (settings != NULL)
    add_settings_variables (variables, settings);
  return g_steal_pointer (&variables);
}

/**
 * taiou_notice_log:
 * @format: "text", "html", "eml" or "clipboard"
 * @n_batches: the .eml files made (0 for other formats)
 * @n_recipients: the recipients over all batches (0 for other formats)
 *
 * Records in the incident's timeline that a notice was made.
 */
gboolean
taiou_notice_log (TaiouTimeline        *timeline,
                  gint64                incident_id,
                  TaiouNoticeTemplate  *notice,
                  const char           *format,
                  guint                 n_batches,
                  guint                 n_recipients,
                  GError              **error)
{
  g_autoptr(JsonObject) detail = json_object_new ();
  g_autoptr(TaiouEvent) event = NULL;
  g_autofree char *summary = NULL;

  g_return_val_if_fail (TAIOU_IS_TIMELINE (timeline), FALSE);
  g_return_val_if_fail (notice != NULL && format != NULL, FALSE);

  json_object_set_string_member (detail, "template", taiou_notice_template_get_name (notice));
  json_object_set_string_member (detail, "format", format);
  json_object_set_int_member (detail, "batches", n_batches);
  json_object_set_int_member (detail, "recipients", n_recipients);
  summary = g_strdup_printf (_("Notice made: %s (%s)"), taiou_notice_template_get_title (notice),
                             format);
  event = taiou_timeline_append (timeline, incident_id, "notice.generated", NULL, summary, detail,
                                 error);
  return event != NULL;
}
