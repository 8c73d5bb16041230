/* taiou-incident-deadline.c — the next APPI report an incident still owes, and by when
 *
 * The list of incidents shows each one's next deadline, so an IT manager with several PCs'
 * records sees at once which report is due first.  Only the report step's events matter here,
 * so only they are read (a filtered query): an incident of 100,000 events costs one pass of
 * SQLite over its rows, never 100,000 objects.
 */
#define G_LOG_DOMAIN "taiou-report"

#include "config.h"

#include "taiou-event-kinds.h"
#include "taiou-incident-deadline.h"
#include "taiou-timeline-query.h"

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

/* The report step's events are a handful; a crafted record is read this far and no further. */
#define MAX_REPORT_EVENTS 4096

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
  static const char * const kinds[] = { TAIOU_EVENT_APPI_ASSESSED, TAIOU_EVENT_APPI_DONE, NULL };
  TaiouEventFilter filter = { .incident_id = 0, .kinds = kinds };
  g_autoptr(GPtrArray) events = NULL;

  g_return_val_if_fail (TAIOU_IS_TIMELINE (timeline), NULL);
  g_return_val_if_fail (TAIOU_IS_INCIDENT (incident), NULL);

  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return NULL;
  filter.incident_id = taiou_incident_get_id (incident);
  events = taiou_timeline_query_events (timeline, &filter, 0, MAX_REPORT_EVENTS, error);
  if (events == NULL)
    return NULL;
  return taiou_incident_summary_new (incident, events, no_steps, no_steps);
}
