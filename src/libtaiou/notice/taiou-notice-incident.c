/* taiou-notice-incident.c — what an incident's record says that a notice can use
 *
 * The CLI and the app's notice editor start from the same facts (the case gathers them, with
 * "us" from the profile): the incident's discovery date, the date of the first notice, the
 * display names the mail check caught spoofing us, and a dated これまでの経緯.  People then
 * correct and add to them; nothing here is sent without being shown first.
 */
#define G_LOG_DOMAIN "taiou-notice"

#include "config.h"

#include <string.h>

#include "taiou-event-kinds.h"
#include "taiou-notice.h"
#include "taiou-time.h"

/* Only these events are worth telling partners; a scan finding or a wizard step is not. */
static const char * const history_kinds[] = {
  TAIOU_EVENT_TRIAGE_WHAT_HAPPENED,
  TAIOU_EVENT_MAIL_TRIAGE,
  TAIOU_EVENT_SCAN_FINISHED,
  TAIOU_EVENT_IMPORT_EMOCHECK,
  TAIOU_EVENT_NOTICE_GENERATED,
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
  name = json_object_get_string_member_with_default (detail, TAIOU_EVENT_DETAIL_FROM_NAME, NULL);
  if (name == NULL || *name == '\0' ||
      !json_object_has_member (detail, TAIOU_EVENT_DETAIL_FINDINGS) ||
      !JSON_NODE_HOLDS_ARRAY (json_object_get_member (detail, TAIOU_EVENT_DETAIL_FINDINGS)))
    return NULL;
  findings = json_object_get_array_member (detail, TAIOU_EVENT_DETAIL_FINDINGS);
  for (guint i = 0; i < json_array_get_length (findings); i++)
    {
      JsonNode *node = json_array_get_element (findings, i);

      if (JSON_NODE_HOLDS_OBJECT (node) &&
          g_strcmp0 (json_object_get_string_member_with_default (json_node_get_object (node),
                                                                 TAIOU_FINDING_KEY_RULE, NULL),
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

/**
 * taiou_notice_add_incident_variables:
 * @variables: name → value, both owned by the table; what is known is added
 * @incident: the incident the notice is about
 * @events: (element-type TaiouEvent): its events, oldest first
 *
 * Adds discovery_date, first_notice_date (the first notice made for this incident),
 * spoofed_names (display names the mail check caught, each once) and timeline (dated events
 * worth telling partners, one a line).  Empty values are left out, so a required one is
 * reported as missing.
 */
void
taiou_notice_add_incident_variables (GHashTable    *variables,
                                     TaiouIncident *incident,
                                     GPtrArray     *events)
{
  g_autoptr(GHashTable) names_seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                                           NULL);
  g_autoptr(GString) history = g_string_new (NULL);
  g_autoptr(GString) names = g_string_new (NULL);
  guint n_history = 0;

  g_return_if_fail (variables != NULL);
  g_return_if_fail (TAIOU_IS_INCIDENT (incident));
  g_return_if_fail (events != NULL);

  set_variable (variables, "discovery_date",
                format_date_us (taiou_incident_get_discovered_us (incident)));

  for (guint i = 0; i < events->len; i++)
    {
      TaiouEvent *event = events->pdata[i];
      const char *kind = taiou_event_get_kind (event);
      const char *summary = taiou_event_get_summary (event);
      g_autofree char *name = NULL;

      if (g_str_equal (kind, TAIOU_EVENT_NOTICE_GENERATED) &&
          !g_hash_table_contains (variables, "first_notice_date"))
        set_variable (variables, "first_notice_date",
                      format_date_us (taiou_event_get_time_us (event)));
      if (g_str_equal (kind, TAIOU_EVENT_MAIL_TRIAGE) && (name = spoofed_name (event)) != NULL &&
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
}
