/* taiou-cli-timeline-edit.c — `taiou-cli timeline new|note|status` and `list ID` with filters
 *
 *   timeline new --title TITLE --discovered WHEN --host PC [--reporter NAME] [--json]
 *   timeline note ID TEXT
 *   timeline status ID 対応中|調査中|完了
 *   timeline list ID [--kind KIND]… [--host PC] [--actor NAME] [--since WHEN] [--until WHEN]
 *                    [--search WORDS] [--limit N] [--offset N] [--json]
 *
 * WHEN is ISO 8601 ("2026-12-03T10:15", with or without seconds and a zone; local time when
 * no zone is given) or a date alone (its midnight, local time).
 */
#define G_LOG_DOMAIN "taiou-cli"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "taiou-cli-private.h"

/* A page as big as one `list` may print: enough for any screen or pipe, bounded memory. */
#define LIST_MAX_LIMIT 100000

/* Returns: (transfer full): the options of new and list, filling @options */
GOptionGroup *
taiou_cli_timeline_edit_option_group (TaiouCliTimelineEditOptions *options)
{
  const GOptionEntry entries[] = {
    { "title", 0, 0, G_OPTION_ARG_STRING, &options->title,
      N_("new: what happened, in a few words"), N_("TITLE") },
    { "discovered", 0, 0, G_OPTION_ARG_STRING, &options->discovered,
      N_("new: when it happened or was noticed (ISO 8601, local time unless a zone is given)"),
      N_("WHEN") },
    { "host", 0, 0, G_OPTION_ARG_STRING, &options->host,
      N_("new: the PC concerned; list: only events on this PC"), N_("PC") },
    { "reporter", 0, 0, G_OPTION_ARG_STRING, &options->reporter,
      N_("new: who reported it (default: you)"), N_("NAME") },
    { "kind", 0, 0, G_OPTION_ARG_STRING_ARRAY, &options->kinds,
      N_("list: only events of this kind (repeat for several)"), N_("KIND") },
    { "actor", 0, 0, G_OPTION_ARG_STRING, &options->actor,
      N_("list: only events done by this person"), N_("NAME") },
    { "since", 0, 0, G_OPTION_ARG_STRING, &options->since,
      N_("list: only events at or after this time"), N_("WHEN") },
    { "until", 0, 0, G_OPTION_ARG_STRING, &options->until,
      N_("list: only events before this time"), N_("WHEN") },
    { "search", 0, 0, G_OPTION_ARG_STRING, &options->search,
      N_("list: only events whose summary or details contain all these words"), N_("WORDS") },
    { "limit", 0, 0, G_OPTION_ARG_INT64, &options->limit,
      N_("list: at most N events (default 1000)"), N_("N") },
    { "offset", 0, 0, G_OPTION_ARG_INT64, &options->offset,
      N_("list: skip the first N matching events"), N_("N") },
    { NULL }
  };
  GOptionGroup *group = g_option_group_new ("timeline", _("Options of new and list:"),
                                            _("Show the options of new and list"), NULL, NULL);

  options->limit = 1000;
  g_option_group_add_entries (group, entries);
  g_option_group_set_translation_domain (group, GETTEXT_PACKAGE);
  return group;
}

void
taiou_cli_timeline_edit_options_clear (TaiouCliTimelineEditOptions *options)
{
  g_clear_pointer (&options->title, g_free);
  g_clear_pointer (&options->discovered, g_free);
  g_clear_pointer (&options->host, g_free);
  g_clear_pointer (&options->reporter, g_free);
  g_clear_pointer (&options->kinds, g_strfreev);
  g_clear_pointer (&options->actor, g_free);
  g_clear_pointer (&options->since, g_free);
  g_clear_pointer (&options->until, g_free);
  g_clear_pointer (&options->search, g_free);
}

/* Whether any of list's filters or paging options was given. */
gboolean
taiou_cli_timeline_edit_has_filters (const TaiouCliTimelineEditOptions *options)
{
  return options->kinds != NULL || options->actor != NULL || options->since != NULL ||
         options->until != NULL || options->search != NULL || options->offset != 0 ||
         options->limit != 1000 || options->host != NULL;
}

/* ISO 8601 with or without a zone (local time without), "YYYY-MM-DD HH:MM[:SS]", or a date. */
static gboolean
parse_time (const char  *text,
            const char  *option,
            gint64      *time_us)
{
  g_autoptr(GTimeZone) local = g_time_zone_new_local ();
  g_autoptr(GDateTime) date_time = NULL;
  g_autofree char *normalised = g_strdup (text != NULL ? text : "");

  g_strstrip (normalised);
  if (strlen (normalised) == 10)
    {
      g_autofree char *midnight = g_strconcat (normalised, "T00:00:00", NULL);

      date_time = g_date_time_new_from_iso8601 (midnight, local);
    }
  else
    {
      g_autofree char *with_seconds = NULL;

      if (strlen (normalised) > 10 && normalised[10] == ' ')
        normalised[10] = 'T';
      /* GLib wants the seconds: "2026-12-03T10:15" (+09:00) is read as 10:15:00. */
      if (strlen (normalised) >= 16 && normalised[13] == ':' &&
          (normalised[16] == '\0' || strchr ("+-Z", normalised[16]) != NULL))
        with_seconds = g_strdup_printf ("%.16s:00%s", normalised, normalised + 16);
      date_time = g_date_time_new_from_iso8601 (with_seconds != NULL ? with_seconds : normalised,
                                                local);
    }
  if (date_time == NULL)
    {
      g_printerr (_("taiou-cli: %s wants a time such as 2026-12-03T10:15 or 2026-12-03, "
                    "not “%s”.\n"), option, text != NULL ? text : "");
      return FALSE;
    }
  *time_us = g_date_time_to_unix (date_time) * G_USEC_PER_SEC +
             g_date_time_get_microsecond (date_time);
  return TRUE;
}

static gboolean
parse_id (const char *text,
          gint64     *incident_id)
{
  guint64 value = 0;

  if (!g_ascii_string_to_unsigned (text, 10, 1, G_MAXINT64, &value, NULL))
    {
      g_printerr ("taiou-cli: %s\n", _("The incident number must be a positive whole number."));
      return FALSE;
    }
  *incident_id = (gint64) value;
  return TRUE;
}

int
taiou_cli_timeline_new (TaiouTimeline               *timeline,
                        TaiouCliOptions             *options,
                        TaiouCliTimelineEditOptions *edit)
{
  g_autoptr(TaiouIncident) incident = NULL;
  const char *reporter = edit->reporter;
  GError *error = NULL;
  gint64 discovered_us = 0;

  if (edit->title == NULL || edit->discovered == NULL || edit->host == NULL)
    {
      g_printerr ("taiou-cli: %s\n",
                  _("A new incident needs --title, --discovered and --host."));
      return TAIOU_CLI_EXIT_ERROR;
    }
  if (!parse_time (edit->discovered, "--discovered", &discovered_us))
    return TAIOU_CLI_EXIT_ERROR;
  if (reporter == NULL || reporter[0] == '\0')
    reporter = g_get_real_name () != NULL && g_strcmp0 (g_get_real_name (), "Unknown") != 0
               ? g_get_real_name () : g_get_user_name ();

  incident = taiou_timeline_create_incident (timeline, edit->title, discovered_us, edit->host,
                                             reporter, &error);
  if (incident == NULL)
    return taiou_cli_fail (error);

  if (options->json)
    {
      g_autoptr(JsonNode) root = json_node_new (JSON_NODE_OBJECT);

      json_node_take_object (root, taiou_incident_to_json (incident));
      taiou_cli_print_json (root);
    }
  else
    /* The number alone, so that a script can keep it: ID=$(taiou-cli timeline new …) */
    g_print ("%lld\n", (long long) taiou_incident_get_id (incident));
  return TAIOU_CLI_EXIT_OK;
}

int
taiou_cli_timeline_note (TaiouCliOptions *options,
                         const char      *id_text,
                         const char      *text)
{
  TaiouCliCaseOptions case_options = { 0 };
  g_autoptr(TaiouCase) self = NULL;
  g_autofree char *stripped = g_strstrip (g_strdup (text));
  GError *error = NULL;

  if (!parse_id (id_text, &case_options.incident_id))
    return TAIOU_CLI_EXIT_ERROR;
  if (!g_utf8_validate (text, -1, NULL) || stripped[0] == '\0')
    {
      g_printerr ("taiou-cli: %s\n", _("The note is empty or is not valid text."));
      return TAIOU_CLI_EXIT_ERROR;
    }
  self = taiou_cli_open_case (options, &case_options, &error);
  if (self == NULL || !taiou_case_add_note (self, text, &error))
    return taiou_cli_fail (error);
  if (!options->json)
    g_print (_("Note added to incident #%lld.\n"), (long long) case_options.incident_id);
  return TAIOU_CLI_EXIT_OK;
}

/* 対応中, 調査中, 完了 as the user types them, or the stored English names. */
static const char *
status_from_text (const char *text)
{
  static const struct { const char *text; const char *status; } names[] = {
    { "対応中", TAIOU_INCIDENT_STATUS_RESPONDING },
    { "調査中", TAIOU_INCIDENT_STATUS_INVESTIGATING },
    { "完了", TAIOU_INCIDENT_STATUS_FINISHED },
    { TAIOU_INCIDENT_STATUS_RESPONDING, TAIOU_INCIDENT_STATUS_RESPONDING },
    { TAIOU_INCIDENT_STATUS_INVESTIGATING, TAIOU_INCIDENT_STATUS_INVESTIGATING },
    { TAIOU_INCIDENT_STATUS_FINISHED, TAIOU_INCIDENT_STATUS_FINISHED },
  };

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    if (g_strcmp0 (text, names[i].text) == 0)
      return names[i].status;
  return NULL;
}

int
taiou_cli_timeline_status (TaiouTimeline   *timeline,
                           TaiouCliOptions *options,
                           const char      *id_text,
                           const char      *status_text)
{
  g_autoptr(TaiouIncident) incident = NULL;
  const char *status = status_from_text (status_text);
  GError *error = NULL;
  gint64 incident_id = 0;

  if (!parse_id (id_text, &incident_id))
    return TAIOU_CLI_EXIT_ERROR;
  if (status == NULL)
    {
      g_printerr (_("taiou-cli: Unknown status “%s”. Choose one of: 対応中, 調査中, 完了.\n"),
                  status_text);
      return TAIOU_CLI_EXIT_ERROR;
    }
  if (!taiou_timeline_set_incident_status (timeline, incident_id, status, NULL, &error) ||
      !(incident = taiou_timeline_get_incident (timeline, incident_id, &error)))
    return taiou_cli_fail (error);

  if (options->json)
    {
      g_autoptr(JsonNode) root = json_node_new (JSON_NODE_OBJECT);

      json_node_take_object (root, taiou_incident_to_json (incident));
      taiou_cli_print_json (root);
    }
  else
    g_print (_("Incident #%lld is now “%s”.\n"), (long long) incident_id,
             taiou_incident_status_get_label (taiou_incident_get_status (incident)));
  return TAIOU_CLI_EXIT_OK;
}

int
taiou_cli_timeline_list_events (TaiouTimeline               *timeline,
                                TaiouCliOptions             *options,
                                TaiouCliTimelineEditOptions *edit,
                                const char                  *id_text)
{
  TaiouEventFilter filter = {
    .kinds = (const char * const *) edit->kinds,
    .host = edit->host,
    .actor = edit->actor,
    .text = edit->search,
  };
  g_autoptr(GPtrArray) events = NULL;
  GError *error = NULL;
  gint64 total;

  if (!parse_id (id_text, &filter.incident_id))
    return TAIOU_CLI_EXIT_ERROR;
  if ((edit->since != NULL && !parse_time (edit->since, "--since", &filter.from_us)) ||
      (edit->until != NULL && !parse_time (edit->until, "--until", &filter.to_us)))
    return TAIOU_CLI_EXIT_ERROR;
  if (edit->limit < 1 || edit->limit > LIST_MAX_LIMIT || edit->offset < 0)
    {
      g_printerr (_("taiou-cli: --limit must be 1 to %d and --offset 0 or more.\n"),
                  LIST_MAX_LIMIT);
      return TAIOU_CLI_EXIT_ERROR;
    }

  total = taiou_timeline_count_matching (timeline, &filter, &error);
  if (total < 0)
    return taiou_cli_fail (error);
  events = taiou_timeline_query_events (timeline, &filter, edit->offset, (guint) edit->limit,
                                        &error);
  if (events == NULL)
    return taiou_cli_fail (error);

  if (options->json)
    {
      g_autoptr(JsonNode) root = json_node_new (JSON_NODE_OBJECT);
      JsonObject *object = json_object_new ();
      JsonArray *array = json_array_new ();

      for (guint i = 0; i < events->len; i++)
        json_array_add_object_element (array, taiou_event_to_json (events->pdata[i]));
      json_object_set_int_member (object, "incident_id", filter.incident_id);
      json_object_set_int_member (object, "matching", total);
      json_object_set_int_member (object, "offset", edit->offset);
      json_object_set_array_member (object, "events", array);
      json_node_take_object (root, object);
      taiou_cli_print_json (root);
      return TAIOU_CLI_EXIT_OK;
    }

  for (guint i = 0; i < events->len; i++)
    {
      TaiouEvent *event = events->pdata[i];
      g_autofree char *time = taiou_event_format_time (event);
      g_autofree char *line = g_strdup_printf ("#%-5lld %s  %s  %s  %s  %s",
                                               (long long) taiou_event_get_seq (event), time,
                                               taiou_event_get_host (event),
                                               taiou_event_get_actor (event),
                                               taiou_event_get_kind (event),
                                               taiou_event_get_summary (event));
      g_autofree char *printable = taiou_cli_printable (line);

      g_print ("%s\n", printable);
    }
  g_printerr (g_dngettext (GETTEXT_PACKAGE, "%lld matching event; showing %u from match %lld.\n",
                           "%lld matching events; showing %u from match %lld.\n", total),
              (long long) total, events->len, (long long) edit->offset + 1);
  return TAIOU_CLI_EXIT_OK;
}
