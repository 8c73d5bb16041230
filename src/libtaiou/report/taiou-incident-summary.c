/* taiou-incident-summary.c — what was done in an incident and what remains, read from its events
 *
 * The report step, the closing screen and the hand-over file all tell the worker and the IT
 * manager the same story, so it is read here once, from the incident's own events: the wizard
 * steps done or skipped (the rules of taiou-step-progress.c), the mail verdicts, scans, EmoCheck
 * reports and notices, the APPI assessment and the hand-over.  Events come from a file anyone
 * could have edited, so their text is cleaned and cut and their number capped.
 */
#define G_LOG_DOMAIN "taiou-report"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "taiou-event-kinds.h"
#include "taiou-i18n.h"
#include "taiou-incident-summary.h"
#include "taiou-step-progress.h"

static void
summary_item_free (TaiouSummaryItem *item)
{
  g_free (item->text);
  g_free (item->kind);
  g_free (item);
}

/* One line for people: valid UTF-8, no control characters or line breaks, not too long. */
static char *
clean_text (const char *text)
{
  g_autofree char *valid = g_utf8_make_valid (text != NULL ? text : "", -1);
  GString *clean = g_string_new (NULL);
  guint n_chars = 0;

  for (const char *p = valid; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (n_chars == TAIOU_SUMMARY_MAX_TEXT_CHARS)
        {
          g_string_append (clean, "…");
          break;
        }
      if (g_unichar_iscntrl (c) || c == 0x2028 || c == 0x2029)
        c = ' ';
      g_string_append_unichar (clean, c);
      n_chars++;
    }
  return g_string_free (clean, FALSE);
}

static void
add_item (GPtrArray  *items,
          gint64      time_us,
          const char *kind,
          const char *text)
{
  TaiouSummaryItem *item = g_new0 (TaiouSummaryItem, 1);

  item->time_us = time_us;
  item->kind = g_strdup (kind);
  item->text = clean_text (text);
  g_ptr_array_add (items, item);
}

static void
add_done (TaiouIncidentSummary *self,
          gint64                time_us,
          const char           *kind,
          const char           *text)
{
  if (self->done->len >= TAIOU_SUMMARY_MAX_ITEMS)
    {
      self->n_left_out++;
      return;
    }
  add_item (self->done, time_us, kind, text);
}

/* The detail of @event as an object, or NULL; a detail that is not a JSON object is none. */
static JsonNode *
parse_detail (TaiouEvent *event)
{
  g_autoptr(JsonNode) node = NULL;

  if (taiou_event_get_detail (event) == NULL)
    return NULL;
  node = json_from_string (taiou_event_get_detail (event), NULL);
  if (node == NULL || !JSON_NODE_HOLDS_OBJECT (node))
    return NULL;
  return g_steal_pointer (&node);
}

static const char *
detail_string (JsonObject *object,
               const char *member)
{
  JsonNode *node = object != NULL ? json_object_get_member (object, member) : NULL;

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node) ||
      json_node_get_value_type (node) != G_TYPE_STRING)
    return NULL;
  return json_node_get_string (node);
}

static int
step_index (const char * const *step_ids,
            guint               n_steps,
            const char         *id)
{
  if (g_strcmp0 (id, TAIOU_INCIDENT_STEP_FINISHED) == 0)
    return (int) n_steps;
  for (guint i = 0; id != NULL && i < n_steps; i++)
    if (g_strcmp0 (step_ids[i], id) == 0)
      return (int) i;
  return -1;
}

static const char *
appi_item_done_text (TaiouAppiItem item)
{
  switch (item)
    {
    case TAIOU_APPI_ITEM_PRELIMINARY:
      return _("Made the preliminary report to the Personal Information Protection Commission");
    case TAIOU_APPI_ITEM_FINAL:
      return _("Made the final report to the Personal Information Protection Commission");
    case TAIOU_APPI_ITEM_NOTIFY_PERSONS:
      return _("Notified the persons whose data may have leaked");
    case TAIOU_APPI_N_ITEMS:
    default:
      g_assert_not_reached ();
    }
}

static void
read_appi_assessed (TaiouIncidentSummary *self,
                    TaiouEvent           *event,
                    JsonObject           *detail)
{
  JsonNode *personal = detail != NULL
                       ? json_object_get_member (detail, TAIOU_EVENT_DETAIL_PERSONAL_DATA) : NULL;
  const char *text;

  if (personal == NULL || !JSON_NODE_HOLDS_VALUE (personal) ||
      json_node_get_value_type (personal) != G_TYPE_BOOLEAN)
    return;
  self->appi_assessed = TRUE;
  self->personal_data = json_node_get_boolean (personal);
  if (self->personal_data && !taiou_appi_deadlines_from_json (detail, &self->appi))
    self->personal_data = FALSE;

  if (!self->personal_data)
    text = _("Checked personal data: no sign that it leaked");
  else if (self->appi.reportable)
    text = _("Checked personal data: it may have leaked and must be reported; deadlines "
             "computed");
  else
    text = _("Checked personal data: it may have leaked, but none of the four situations that "
             "must be reported applies");
  add_done (self, taiou_event_get_time_us (event), taiou_event_get_kind (event), text);
}

static void
read_event (TaiouIncidentSummary *self,
            TaiouEvent           *event)
{
  const char *kind = taiou_event_get_kind (event);
  g_autoptr(JsonNode) node = NULL;
  JsonObject *detail;

  if (g_strcmp0 (kind, TAIOU_EVENT_MAIL_TRIAGE) == 0 ||
      g_strcmp0 (kind, TAIOU_EVENT_SCAN_FINISHED) == 0 ||
      g_strcmp0 (kind, TAIOU_EVENT_IMPORT_EMOCHECK) == 0 ||
      g_strcmp0 (kind, TAIOU_EVENT_NOTICE_GENERATED) == 0)
    {
      add_done (self, taiou_event_get_time_us (event), kind, taiou_event_get_summary (event));
      return;
    }

  node = parse_detail (event);
  detail = node != NULL ? json_node_get_object (node) : NULL;
  if (g_strcmp0 (kind, TAIOU_EVENT_APPI_ASSESSED) == 0)
    read_appi_assessed (self, event, detail);
  else if (g_strcmp0 (kind, TAIOU_EVENT_APPI_DONE) == 0)
    {
      TaiouAppiItem item;

      if (!taiou_appi_item_from_string (detail_string (detail, TAIOU_EVENT_DETAIL_APPI_ITEM),
                                        &item))
        return;
      if (self->appi_done_us[item] == 0)
        self->appi_done_us[item] = taiou_event_get_time_us (event);
      add_done (self, taiou_event_get_time_us (event), kind, appi_item_done_text (item));
    }
  else if (g_strcmp0 (kind, TAIOU_EVENT_REPORT_HANDED_OVER) == 0)
    {
      if (self->handed_over_us == 0)
        self->handed_over_us = taiou_event_get_time_us (event);
      add_done (self, taiou_event_get_time_us (event), kind,
                _("Handed the incident over to the IT manager"));
    }
}

static void
add_remaining_appi (TaiouIncidentSummary *self)
{
  gboolean japanese = taiou_i18n_prefers_japanese ();
  g_autofree char *from = NULL;
  g_autofree char *until = NULL;
  g_autofree char *due = NULL;
  g_autofree char *text = NULL;

  if (!self->appi_assessed)
    {
      add_item (self->remaining, 0, TAIOU_EVENT_APPI_ASSESSED,
                _("Check whether personal data may have leaked"));
      return;
    }
  if (!self->personal_data || !self->appi.reportable)
    return;

  from = taiou_appi_format_date (&self->appi.preliminary_from, japanese);
  until = taiou_appi_format_date (&self->appi.preliminary_until, japanese);
  due = taiou_appi_format_date (&self->appi.final_due, japanese);
  if (self->appi_done_us[TAIOU_APPI_ITEM_PRELIMINARY] == 0)
    {
      /* Translators: the two dates of the guideline's "about 3 to 5 days" */
      text = g_strdup_printf (_("Preliminary report to the Personal Information Protection "
                                "Commission: promptly, about %s to %s (a guide)"), from, until);
      add_item (self->remaining, 0, TAIOU_EVENT_APPI_DONE, text);
      g_clear_pointer (&text, g_free);
    }
  if (self->appi_done_us[TAIOU_APPI_ITEM_FINAL] == 0)
    {
      text = g_strdup_printf (_("Final report to the Commission: by %s (%u days, a guide)"), due,
                              self->appi.final_days);
      add_item (self->remaining, 0, TAIOU_EVENT_APPI_DONE, text);
    }
  if (self->appi_done_us[TAIOU_APPI_ITEM_NOTIFY_PERSONS] == 0)
    add_item (self->remaining, 0, TAIOU_EVENT_APPI_DONE,
              _("Notify the persons whose data may have leaked: promptly"));
}

/**
 * taiou_incident_summary_new:
 * @events: (element-type TaiouEvent): the incident's events, oldest first
 * @step_ids: the wizard's step ids in order, NULL-terminated
 * @step_titles: the steps' titles for people, in the same order
 *
 * Returns: (transfer full): what was done, with dates, and what remains
 */
TaiouIncidentSummary *
taiou_incident_summary_new (TaiouIncident      *incident,
                            GPtrArray          *events,
                            const char * const *step_ids,
                            const char * const *step_titles)
{
  TaiouIncidentSummary *self;
  g_autoptr(TaiouStepProgress) progress = NULL;
  g_autofree gint64 *left_us = NULL;
  guint n_steps;

  g_return_val_if_fail (TAIOU_IS_INCIDENT (incident), NULL);
  g_return_val_if_fail (events != NULL, NULL);
  g_return_val_if_fail (step_ids != NULL && step_titles != NULL, NULL);

  self = g_new0 (TaiouIncidentSummary, 1);
  self->title = clean_text (taiou_incident_get_title (incident));
  self->host = clean_text (taiou_incident_get_host (incident));
  self->reporter = clean_text (taiou_incident_get_reporter (incident));
  self->created_us = taiou_incident_get_created_us (incident);
  self->discovered_us = taiou_incident_get_discovered_us (incident);
  self->done = g_ptr_array_new_with_free_func ((GDestroyNotify) summary_item_free);
  self->remaining = g_ptr_array_new_with_free_func ((GDestroyNotify) summary_item_free);

  n_steps = g_strv_length ((char **) step_ids);
  progress = taiou_step_progress_read (step_ids, events);
  left_us = g_new0 (gint64, MAX (n_steps, 1));

  for (guint i = 0; i < events->len; i++)
    {
      TaiouEvent *event = events->pdata[i];

      if (g_strcmp0 (taiou_event_get_kind (event), TAIOU_EVENT_WIZARD_STEP) == 0)
        {
          g_autoptr(JsonNode) node = parse_detail (event);
          int index = step_index (step_ids, n_steps,
                                  node != NULL ? detail_string (json_node_get_object (node),
                                                                TAIOU_EVENT_DETAIL_STEP)
                                               : NULL);

          /* Each step is done at the first move beyond it, in the record's order. */
          for (int s = 0; s < index; s++)
            {
              g_autofree char *text = NULL;

              if (left_us[s] != 0)
                continue;
              left_us[s] = taiou_event_get_time_us (event);
              if (progress->states[s] != TAIOU_STEP_DONE)
                continue;
              text = g_strdup_printf (_("Step done: %s"), step_titles[s]);
              add_done (self, left_us[s], "step", text);
            }
          continue;
        }
      read_event (self, event);
    }

  for (guint s = 0; s < n_steps; s++)
    {
      g_autofree char *text = NULL;

      switch (progress->states[s])
        {
        case TAIOU_STEP_DONE:
          self->n_steps_done++;
          break;
        case TAIOU_STEP_SKIPPED:
          self->n_steps_skipped++;
          text = g_strdup_printf (_("Skipped, not done: %s"), step_titles[s]);
          add_item (self->remaining, left_us[s], "step", text);
          break;
        case TAIOU_STEP_NOT_YET:
        default:
          self->n_steps_not_yet++;
          text = g_strdup_printf (_("Not done yet: %s"), step_titles[s]);
          add_item (self->remaining, 0, "step", text);
          break;
        }
    }
  add_remaining_appi (self);
  if (self->handed_over_us == 0)
    add_item (self->remaining, 0, TAIOU_EVENT_REPORT_HANDED_OVER,
              _("Hand the incident over to the IT manager"));
  return self;
}

/**
 * taiou_incident_summary_read:
 *
 * Reads the incident and its events from @timeline and summarises them.
 *
 * Returns: (transfer full) (nullable): the summary, NULL with @error when the record cannot be
 *   read
 */
TaiouIncidentSummary *
taiou_incident_summary_read (TaiouTimeline       *timeline,
                             gint64               incident_id,
                             const char * const  *step_ids,
                             const char * const  *step_titles,
                             GError             **error)
{
  g_autoptr(TaiouIncident) incident = NULL;
  g_autoptr(GPtrArray) events = NULL;

  g_return_val_if_fail (TAIOU_IS_TIMELINE (timeline), NULL);

  incident = taiou_timeline_get_incident (timeline, incident_id, error);
  if (incident == NULL)
    return NULL;
  events = taiou_timeline_list_events (timeline, incident_id, error);
  if (events == NULL)
    return NULL;
  return taiou_incident_summary_new (incident, events, step_ids, step_titles);
}

/**
 * taiou_incident_summary_mark_handed_over:
 * @time_us: when the hand-over happens
 *
 * The hand-over file is written before its event is recorded (a file that could not be saved
 * must not be recorded as handed over), so the summary it holds says "handed over" already.
 */
void
taiou_incident_summary_mark_handed_over (TaiouIncidentSummary *self,
                                         gint64                time_us)
{
  g_return_if_fail (self != NULL);

  if (self->handed_over_us != 0)
    return;
  self->handed_over_us = time_us;
  for (guint i = 0; i < self->remaining->len; i++)
    {
      TaiouSummaryItem *item = self->remaining->pdata[i];

      if (g_strcmp0 (item->kind, TAIOU_EVENT_REPORT_HANDED_OVER) == 0)
        {
          g_ptr_array_remove_index (self->remaining, i);
          break;
        }
    }
  add_done (self, time_us, TAIOU_EVENT_REPORT_HANDED_OVER,
            _("Handed the incident over to the IT manager"));
}

void
taiou_incident_summary_free (TaiouIncidentSummary *self)
{
  if (self == NULL)
    return;
  g_free (self->title);
  g_free (self->host);
  g_free (self->reporter);
  g_clear_pointer (&self->done, g_ptr_array_unref);
  g_clear_pointer (&self->remaining, g_ptr_array_unref);
  g_free (self);
}
