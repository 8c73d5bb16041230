/* taiou-pc-record-merge.c — other PCs' records merged into one incident
 *
 * A verified record (taiou-import-taiou-json.c) becomes a list of drafts for the timeline's
 * batched append: one transaction per file, the chain computed in order, all or nothing.  Each
 * draft keeps where the event was first recorded (origin host, number and hash), and the store
 * skips a draft whose identity it already holds, so importing a file twice, or A, then B, then
 * A and B again, adds nothing the second time.
 *
 * The other PC's "incident.created" is merged as merge.incident-created: this database's
 * verifier holds every incident.created event to the incident row it belongs to, and the
 * incident here is a different row (or was made here from that PC's header).
 */
#define G_LOG_DOMAIN "taiou-import-taiou-json"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <json-glib/json-glib.h>

#include "taiou-event-kinds.h"
#include "taiou-pc-record-merge.h"
#include "taiou-timeline-batch.h"
#include "taiou-timeline-identity.h"

static void
draft_clear (TaiouEventDraft *draft)
{
  g_clear_pointer (&draft->detail, json_object_unref);
}

/**
 * taiou_pc_record_dup_drafts:
 * @record: a record that verified (taiou_pc_record_verify())
 *
 * Returns: (transfer full) (element-type TaiouEventDraft): one draft per event, in order; their
 *   strings belong to @record, which must outlive them
 */
GArray *
taiou_pc_record_dup_drafts (TaiouPcRecord  *record,
                            GError        **error)
{
  g_autoptr(GArray) drafts = NULL;

  g_return_val_if_fail (record != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  drafts = g_array_sized_new (FALSE, TRUE, sizeof (TaiouEventDraft), record->events->len);
  g_array_set_clear_func (drafts, (GDestroyNotify) draft_clear);

  for (guint i = 0; i < record->events->len; i++)
    {
      const TaiouPcRecordEvent *event = record->events->pdata[i];
      g_autoptr(JsonParser) parser = json_parser_new_immutable ();
      TaiouEventDraft draft = { 0 };

      /* The reader checked it is a shallow object; parse it again to hand it over. */
      if (!json_parser_load_from_data (parser, event->detail, -1, NULL) ||
          !JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser)))
        {
          g_set_error (error, TAIOU_PC_RECORD_ERROR, TAIOU_PC_RECORD_ERROR_FORMAT,
                       _("The details of event #%lld of “%s” are not a JSON object."),
                       (long long) event->seq, record->name);
          return NULL;
        }

      draft.time_us = event->time_us;
      draft.kind = g_str_equal (event->kind, TAIOU_EVENT_INCIDENT_CREATED)
                   ? TAIOU_EVENT_MERGE_INCIDENT_CREATED : event->kind;
      draft.actor = event->actor;
      draft.host = event->host;
      draft.summary = event->summary;
      draft.detail = json_object_ref (json_node_get_object (json_parser_get_root (parser)));
      draft.origin_host = taiou_pc_record_event_get_identity_host (event);
      draft.origin_seq = taiou_pc_record_event_get_identity_seq (event);
      draft.origin_hash = taiou_pc_record_event_get_identity_hash (event);
      g_array_append_val (drafts, draft);
    }
  return g_steal_pointer (&drafts);
}

/**
 * taiou_pc_records_find_incident:
 * @records: (element-type TaiouPcRecord): verified records
 * @incident_id: (out): the incident that already holds one of their events, 0 for none
 *
 * How a re-import without --incident finds the incident an earlier import made.  The records'
 * first events are tried first: that is where an incident's creation is.
 */
gboolean
taiou_pc_records_find_incident (TaiouTimeline  *timeline,
                                GPtrArray      *records,
                                gint64         *incident_id,
                                GError        **error)
{
  g_autoptr(GPtrArray) hashes = g_ptr_array_new ();

  g_return_val_if_fail (TAIOU_IS_TIMELINE (timeline), FALSE);
  g_return_val_if_fail (records != NULL, FALSE);

  for (guint r = 0; r < records->len; r++)
    {
      TaiouPcRecord *record = records->pdata[r];

      for (guint i = 0; i < record->events->len; i++)
        g_ptr_array_add (hashes,
                         (gpointer) taiou_pc_record_event_get_identity_hash (
                           record->events->pdata[i]));
    }
  return taiou_timeline_find_incident_by_identity (timeline,
                                                   (const char * const *) hashes->pdata,
                                                   hashes->len, incident_id, error);
}

/**
 * taiou_pc_record_create_incident:
 *
 * A new incident made of what @record's header says (its creation event was checked against
 * it): the title, when it was discovered, the PC and who reported it.
 *
 * Returns: (transfer full): the new incident, or NULL with @error set
 */
TaiouIncident *
taiou_pc_record_create_incident (TaiouTimeline  *timeline,
                                 TaiouPcRecord  *record,
                                 GError        **error)
{
  g_return_val_if_fail (TAIOU_IS_TIMELINE (timeline), NULL);
  g_return_val_if_fail (record != NULL, NULL);

  return taiou_timeline_create_incident (timeline, record->title, record->discovered_us,
                                         record->host, record->reporter, error);
}

/* One event that says which file added what, written only when the file added something, so
 * that a re-import leaves the incident exactly as it was. */
static gboolean
record_merge (TaiouTimeline                 *timeline,
              gint64                         incident_id,
              TaiouPcRecord                 *record,
              const TaiouPcRecordMergeCount *count,
              GError                       **error)
{
  g_autoptr(JsonObject) detail = json_object_new ();
  g_autoptr(TaiouEvent) event = NULL;
  g_autofree char *file = g_path_get_basename (record->name);
  g_autofree char *summary = NULL;
  const TaiouPcRecordEvent *last = record->events->pdata[record->events->len - 1];

  json_object_set_string_member (detail, TAIOU_EVENT_DETAIL_FILE, file);
  json_object_set_string_member (detail, TAIOU_EVENT_DETAIL_PC, record->exported_on);
  json_object_set_int_member (detail, TAIOU_EVENT_DETAIL_EXPORTED_US, record->exported_us);
  json_object_set_string_member (detail, TAIOU_EVENT_DETAIL_HEAD_HASH, last->hash);
  json_object_set_int_member (detail, TAIOU_EVENT_DETAIL_EVENTS, count->n_read);
  json_object_set_int_member (detail, TAIOU_EVENT_DETAIL_ADDED, count->n_added);
  summary = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                          "Merged the record of %s (%s): %u event added",
                                          "Merged the record of %s (%s): %u events added",
                                          count->n_added),
                             record->exported_on, file, count->n_added);
  event = taiou_timeline_append (timeline, incident_id, TAIOU_EVENT_MERGE_IMPORTED, NULL, summary,
                                 detail, error);
  return event != NULL;
}

/**
 * taiou_pc_record_merge:
 * @record: a record that verified (taiou_pc_record_verify())
 * @count: (out): how many events the file held, added and already present
 *
 * Merges @record's events into @incident_id in one transaction: all of them or none.
 */
gboolean
taiou_pc_record_merge (TaiouTimeline            *timeline,
                       gint64                    incident_id,
                       TaiouPcRecord            *record,
                       TaiouPcRecordMergeCount  *count,
                       GCancellable             *cancellable,
                       GError                  **error)
{
  g_autoptr(GArray) drafts = NULL;
  guint n_added = 0;

  g_return_val_if_fail (TAIOU_IS_TIMELINE (timeline), FALSE);
  g_return_val_if_fail (incident_id > 0, FALSE);
  g_return_val_if_fail (record != NULL, FALSE);
  g_return_val_if_fail (count != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  *count = (TaiouPcRecordMergeCount) { 0 };
  drafts = taiou_pc_record_dup_drafts (record, error);
  if (drafts == NULL ||
      !taiou_timeline_append_batch (timeline, incident_id,
                                    (const TaiouEventDraft *) (void *) drafts->data, drafts->len,
                                    &n_added, cancellable, error))
    return FALSE;

  count->n_read = record->events->len;
  count->n_added = n_added;
  count->n_present = count->n_read - n_added;
  return n_added == 0 || record_merge (timeline, incident_id, record, count, error);
}
