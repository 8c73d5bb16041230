/* taiou-incident-deadline.c — the next APPI report an incident still owes, and by when
 *
 * The list of incidents shows each one's next deadline, so an IT manager with several PCs'
 * records sees at once which report is due first.  Only the report step's events matter here,
 * so they are the only ones kept while the incident is read a page at a time: an incident of
 * 100,000 events costs a walk, never 100,000 objects.
 */
#define G_LOG_DOMAIN "taiou-report"

#include "config.h"

#include "taiou-event-kinds.h"
#include "taiou-incident-deadline.h"
#include "taiou-timeline-pages.h"

/**
 * taiou_incident_summary_next_deadline:
 * @item: (out): the report due next
 * @due: (out): its last day (for the 速報, the last day of the guideline's "about 3 to 5 days")
 *
 * The notification of the persons concerned has no date ("promptly") and is not a deadline here.
 *
 * Returns: whether a dated report is still owed
 */
gboolean
taiou_incident_summary_next_deadline (const TaiouIncidentSummary *self,
                                      TaiouAppiItem              *item,
                                      GDate                      *due)
{
  g_return_val_if_fail (self != NULL && item != NULL && due != NULL, FALSE);

  if (!self->appi_assessed || !self->personal_data || !self->appi.reportable)
    return FALSE;
  if (self->appi_done_us[TAIOU_APPI_ITEM_PRELIMINARY] == 0)
    {
      *item = TAIOU_APPI_ITEM_PRELIMINARY;
      *due = self->appi.preliminary_until;
      return TRUE;
    }
  if (self->appi_done_us[TAIOU_APPI_ITEM_FINAL] == 0)
    {
      *item = TAIOU_APPI_ITEM_FINAL;
      *due = self->appi.final_due;
      return TRUE;
    }
  return FALSE;
}

static gboolean
keep_report_event (TaiouEvent  *event,
                   gpointer     user_data,
                   GError     **error)
{
  GPtrArray *events = user_data;
  const char *kind = taiou_event_get_kind (event);

  if (g_str_equal (kind, TAIOU_EVENT_APPI_ASSESSED) || g_str_equal (kind, TAIOU_EVENT_APPI_DONE))
    g_ptr_array_add (events, g_object_ref (event));
  return TRUE;
}

/**
 * taiou_incident_summary_read_deadlines:
 *
 * Reads only what the deadlines need: the APPI assessment and the reports marked done.  The
 * summary's lists of done and remaining items are about those alone.
 *
 * Returns: (transfer full): the summary, or NULL with @error set
 */
TaiouIncidentSummary *
taiou_incident_summary_read_deadlines (TaiouTimeline  *timeline,
                                       TaiouIncident  *incident,
                                       GCancellable   *cancellable,
                                       GError        **error)
{
  static const char * const no_steps[] = { NULL };
  g_autoptr(GPtrArray) events = g_ptr_array_new_with_free_func (g_object_unref);

  g_return_val_if_fail (TAIOU_IS_TIMELINE (timeline), NULL);
  g_return_val_if_fail (TAIOU_IS_INCIDENT (incident), NULL);

  if (!taiou_timeline_foreach_event (timeline, taiou_incident_get_id (incident),
                                     keep_report_event, events, cancellable, error))
    return NULL;
  return taiou_incident_summary_new (incident, events, no_steps, no_steps);
}
