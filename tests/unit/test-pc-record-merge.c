/* test-pc-record-merge.c — verified records merged into one incident: drafts that keep each
 * event's origin, re-imports that add nothing, and nothing written into a finished incident */
#define G_LOG_DOMAIN "test-pc-record-merge"

#include "config.h"

#include <string.h>

#include "taiou-test-pc-record.h"
#include "taiou-test-util.h"

static TaiouPcRecord *
record_of (const char *pc_name,
           guint       n_notes)
{
  g_autofree char *text = taiou_test_pc_record_new (pc_name, n_notes, NULL, NULL);
  g_autofree char *name = g_strdup_printf ("%s.json", pc_name);
  g_autoptr(TaiouPcRecord) record = NULL;
  g_autoptr(GError) error = NULL;

  record = taiou_pc_record_parse (name, text, strlen (text), &error);
  g_assert_no_error (error);
  g_assert_true (taiou_pc_record_verify (record, NULL, &error));
  return g_steal_pointer (&record);
}

static guint
count_events (TaiouTimeline *timeline,
              gint64         incident_id)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) events = taiou_timeline_list_events (timeline, incident_id, &error);

  g_assert_no_error (error);
  return events->len;
}

static void
assert_intact (TaiouTimeline *timeline)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TaiouTimelineVerification) verification = taiou_timeline_verify (timeline, NULL,
                                                                             &error);

  g_assert_no_error (error);
  if (!verification->intact)
    g_error ("%s", verification->problem);
}

static void
test_drafts (void)
{
  g_autoptr(TaiouPcRecord) record = record_of ("PC-A", 2);
  g_autoptr(GArray) drafts = NULL;
  g_autoptr(GError) error = NULL;
  const TaiouEventDraft *created;
  const TaiouEventDraft *note = NULL;

  drafts = taiou_pc_record_dup_drafts (record, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (drafts->len, ==, record->events->len);

  /* The other PC's creation is not this database's: it keeps its facts under another kind. */
  created = &g_array_index (drafts, TaiouEventDraft, 0);
  g_assert_cmpstr (created->kind, ==, TAIOU_EVENT_MERGE_INCIDENT_CREATED);
  g_assert_true (json_object_has_member (created->detail, "uuid"));

  /* Each draft is known by where it was first recorded, and keeps that PC's time and host. */
  for (guint i = 0; i < drafts->len; i++)
    {
      const TaiouPcRecordEvent *event = record->events->pdata[i];

      note = &g_array_index (drafts, TaiouEventDraft, i);
      g_assert_cmpstr (note->origin_hash, ==, event->hash);
      g_assert_cmpint (note->origin_seq, ==, event->seq);
      g_assert_cmpstr (note->origin_host, ==, event->host);
      g_assert_cmpint (note->time_us, ==, event->time_us);
      g_assert_cmpstr (note->host, ==, event->host);
      g_assert_cmpstr (note->actor, ==, event->actor);
    }
  g_assert_nonnull (note);
  g_assert_cmpstr (note->kind, ==, TAIOU_EVENT_NOTE);
  g_assert_cmpint (json_object_get_int_member (note->detail, "n"), ==, 2);
}

static void
test_merge_twice (void)
{
  g_autoptr(TaiouTimeline) timeline = taiou_test_timeline_new (NULL);
  g_autoptr(TaiouPcRecord) a = record_of ("PC-A", 3);
  g_autoptr(TaiouPcRecord) b = record_of ("PC-B", 2);
  g_autoptr(GPtrArray) records = g_ptr_array_new ();
  g_autoptr(TaiouIncident) incident = NULL;
  g_autoptr(GError) error = NULL;
  TaiouPcRecordMergeCount count;
  gint64 found = -1;
  gint64 id;
  guint n_events;

  g_ptr_array_add (records, a);
  g_ptr_array_add (records, b);
  g_assert_true (taiou_pc_records_find_incident (timeline, records, &found, &error));
  g_assert_cmpint (found, ==, 0);

  incident = taiou_pc_record_create_incident (timeline, a, &error);
  g_assert_no_error (error);
  id = taiou_incident_get_id (incident);

  g_assert_true (taiou_pc_record_merge (timeline, id, a, &count, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (count.n_read, ==, 4);
  g_assert_cmpuint (count.n_added, ==, 4);
  g_assert_cmpuint (count.n_present, ==, 0);
  /* Created here, four merged, and the merge.imported event. */
  g_assert_cmpuint (count_events (timeline, id), ==, 1 + 4 + 1);

  g_assert_true (taiou_pc_records_find_incident (timeline, records, &found, &error));
  g_assert_cmpint (found, ==, id);

  g_assert_true (taiou_pc_record_merge (timeline, id, b, &count, NULL, &error));
  g_assert_cmpuint (count.n_added, ==, 3);
  n_events = count_events (timeline, id);

  /* A and B again: nothing, not even a merge.imported event. */
  g_assert_true (taiou_pc_record_merge (timeline, id, a, &count, NULL, &error));
  g_assert_cmpuint (count.n_added, ==, 0);
  g_assert_cmpuint (count.n_present, ==, 4);
  g_assert_true (taiou_pc_record_merge (timeline, id, b, &count, NULL, &error));
  g_assert_cmpuint (count.n_added, ==, 0);
  g_assert_no_error (error);
  g_assert_cmpuint (count_events (timeline, id), ==, n_events);
  assert_intact (timeline);
}

/* A finished incident takes nothing: the whole file is refused and nothing is written. */
static void
test_finished_incident (void)
{
  g_autoptr(TaiouTimeline) timeline = taiou_test_timeline_new (NULL);
  g_autoptr(TaiouPcRecord) a = record_of ("PC-A", 3);
  g_autoptr(TaiouIncident) incident = taiou_test_add_incident (timeline, "ここ", 1);
  g_autoptr(GError) error = NULL;
  TaiouPcRecordMergeCount count;
  gint64 id = taiou_incident_get_id (incident);
  guint n_events;

  taiou_timeline_set_incident_step (timeline, id, TAIOU_INCIDENT_STEP_FINISHED, NULL, NULL,
                                    &error);
  g_assert_no_error (error);
  n_events = count_events (timeline, id);

  g_assert_false (taiou_pc_record_merge (timeline, id, a, &count, NULL, &error));
  g_assert_error (error, TAIOU_TIMELINE_ERROR, TAIOU_TIMELINE_ERROR_CLOSED);
  g_assert_cmpuint (count.n_added, ==, 0);
  g_assert_cmpuint (count_events (timeline, id), ==, n_events);
  assert_intact (timeline);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/taiou/pc-record-merge/drafts", test_drafts);
  g_test_add_func ("/taiou/pc-record-merge/merge-twice", test_merge_twice);
  g_test_add_func ("/taiou/pc-record-merge/finished-incident", test_finished_incident);
  return g_test_run ();
}
