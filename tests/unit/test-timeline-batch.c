/* test-timeline-batch.c — batched appends, events merged from other PCs, schema 3, closed incidents */
#define G_LOG_DOMAIN "test-timeline-batch"

#include "config.h"

#include <string.h>

#include "taiou-event-private.h"
#include "taiou-test-util.h"

static TaiouTimelineVerification *
verify (TaiouTimeline *timeline)
{
  g_autoptr(GError) error = NULL;
  TaiouTimelineVerification *verification = taiou_timeline_verify (timeline, NULL, &error);

  g_assert_no_error (error);
  g_assert_nonnull (verification);
  return verification;
}

static void
assert_intact (TaiouTimeline *timeline,
               gint64         n_events)
{
  g_autoptr(TaiouTimelineVerification) verification = verify (timeline);

  g_assert_cmpstr (verification->problem, ==, NULL);
  g_assert_true (verification->intact);
  g_assert_cmpint (verification->n_events, ==, n_events);
}

static gint64
count_events (TaiouTimeline *timeline,
              gint64         incident_id)
{
  g_autoptr(GError) error = NULL;
  gint64 count = taiou_timeline_count_events (timeline, incident_id, &error);

  g_assert_no_error (error);
  return count;
}

static TaiouIncident *
new_incident (TaiouTimeline *timeline)
{
  g_autoptr(GError) error = NULL;
  TaiouIncident *incident = taiou_timeline_create_incident (timeline, "添付ファイルを開いた",
                                                            1795420800000000, "PC-07",
                                                            "山田 太郎", &error);

  g_assert_no_error (error);
  return incident;
}

/* Drafts as another PC's record would give them: with where each came from. */
static TaiouEventDraft *
merged_drafts (guint   n,
               GStrv  *strings)
{
  TaiouEventDraft *drafts = g_new0 (TaiouEventDraft, n);
  GPtrArray *owned = g_ptr_array_new ();

  for (guint i = 0; i < n; i++)
    {
      char *summary = g_strdup_printf ("PC-12 の検出 %u", i);
      char *hash = g_compute_checksum_for_string (G_CHECKSUM_SHA256, summary, -1);

      g_ptr_array_add (owned, summary);
      g_ptr_array_add (owned, hash);
      drafts[i] = (TaiouEventDraft) {
        .time_us = 1795420800000000 + i * 1000,
        .kind = TAIOU_EVENT_SCAN_FINDING,
        .actor = "鈴木 花子",
        .host = "PC-12",
        .summary = summary,
        .origin_host = "PC-12",
        .origin_seq = i + 1,
        .origin_hash = hash,
      };
    }
  g_ptr_array_add (owned, NULL);
  *strings = (GStrv) g_ptr_array_free (owned, FALSE);
  return drafts;
}

static void
test_batch_appends_in_order (void)
{
  g_autofree char *path = NULL;
  g_autoptr(TaiouTimeline) timeline = taiou_test_timeline_new (&path);
  g_autoptr(TaiouIncident) incident = new_incident (timeline);
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) events = NULL;
  g_autoptr(JsonObject) detail = json_object_new ();
  TaiouEventDraft drafts[3] = {
    { .time_us = 1795420900000000, .kind = "scan.finding", .summary = "一つ目", .detail = detail },
    { .time_us = 0, .kind = "scan.finding", .actor = "root", .host = "PC-99", .summary = "二つ目" },
    { .time_us = 1795420700000000, .kind = "scan.finished", .actor = "", .summary = "三つ目" },
  };
  gint64 before = g_get_real_time ();
  guint n_added = 99;

  json_object_set_string_member (detail, "path", "C:\\Users\\yamada\\請求書.zip");
  g_assert_true (taiou_timeline_append_batch (timeline, taiou_incident_get_id (incident), drafts,
                                              G_N_ELEMENTS (drafts), &n_added, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (n_added, ==, 3);

  events = taiou_timeline_list_events (timeline, taiou_incident_get_id (incident), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (events->len, ==, 4);
  g_assert_cmpstr (taiou_event_get_summary (events->pdata[1]), ==, "一つ目");
  g_assert_cmpstr (taiou_event_get_summary (events->pdata[3]), ==, "三つ目");
  /* Times are kept as given (0 is now), even out of order. */
  g_assert_cmpint (taiou_event_get_time_us (events->pdata[1]), ==, 1795420900000000);
  g_assert_cmpint (taiou_event_get_time_us (events->pdata[2]), >=, before);
  g_assert_cmpint (taiou_event_get_time_us (events->pdata[3]), ==, 1795420700000000);
  /* Host and actor default as single appends do. */
  g_assert_cmpstr (taiou_event_get_host (events->pdata[1]), ==, g_get_host_name ());
  g_assert_cmpstr (taiou_event_get_host (events->pdata[2]), ==, "PC-99");
  g_assert_cmpstr (taiou_event_get_actor (events->pdata[1]), ==, g_get_user_name ());
  g_assert_cmpstr (taiou_event_get_actor (events->pdata[2]), ==, "root");
  g_assert_cmpstr (taiou_event_get_actor (events->pdata[3]), ==, g_get_user_name ());
  g_assert_cmpstr (taiou_event_get_detail (events->pdata[1]), ==,
                   "{\"path\":\"C:\\\\Users\\\\yamada\\\\請求書.zip\"}");
  g_assert_cmpstr (taiou_event_get_detail (events->pdata[2]), ==, "{}");
  for (guint i = 1; i < events->len; i++)
    {
      g_assert_cmpint (taiou_event_get_seq (events->pdata[i]), ==, i + 1);
      g_assert_cmpstr (taiou_event_get_prev_hash (events->pdata[i]), ==,
                       taiou_event_get_hash (events->pdata[i - 1]));
      g_assert_null (taiou_event_get_origin_host (events->pdata[i]));
      g_assert_cmpint (taiou_event_get_origin_seq (events->pdata[i]), ==, 0);
      g_assert_null (taiou_event_get_origin_hash (events->pdata[i]));
    }
  assert_intact (timeline, 4);

  /* An empty batch is no error and adds nothing; a single append still follows on. */
  g_assert_true (taiou_timeline_append_batch (timeline, taiou_incident_get_id (incident), NULL, 0,
                                              &n_added, NULL, &error));
  g_assert_cmpuint (n_added, ==, 0);
  g_clear_object (&timeline);
  timeline = taiou_timeline_open (path, &error);
  g_assert_no_error (error);
  g_assert_nonnull (taiou_timeline_append (timeline, taiou_incident_get_id (incident), "note",
                                           NULL, "メモ", NULL, &error));
  assert_intact (timeline, 5);
}

static void
test_reimport_adds_nothing (void)
{
  g_autoptr(TaiouTimeline) timeline = taiou_test_timeline_new (NULL);
  g_autoptr(TaiouIncident) incident = new_incident (timeline);
  g_autoptr(TaiouIncident) other = new_incident (timeline);
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) strings = NULL;
  g_autofree TaiouEventDraft *drafts = merged_drafts (10, &strings);
  g_autoptr(GPtrArray) events = NULL;
  g_autoptr(TaiouEvent) local = NULL;
  gint64 id = taiou_incident_get_id (incident);
  guint n_added = 0;

  g_assert_true (taiou_timeline_append_batch (timeline, id, drafts, 6, &n_added, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (n_added, ==, 6);

  /* The same file again, now with four more: only those four are new. */
  g_assert_true (taiou_timeline_append_batch (timeline, id, drafts, 10, &n_added, NULL, &error));
  g_assert_cmpuint (n_added, ==, 4);
  g_assert_true (taiou_timeline_append_batch (timeline, id, drafts, 10, &n_added, NULL, &error));
  g_assert_cmpuint (n_added, ==, 0);
  /* Identity is the database's, whichever incident it is imported into. */
  g_assert_true (taiou_timeline_append_batch (timeline, taiou_incident_get_id (other), drafts, 10,
                                              &n_added, NULL, &error));
  g_assert_cmpuint (n_added, ==, 0);
  g_assert_cmpint (count_events (timeline, id), ==, 11);

  /* Our own event coming back inside another PC's merged file is ours already. */
  local = taiou_timeline_append (timeline, id, "note", NULL, "電話で確認", NULL, &error);
  g_assert_no_error (error);
  drafts[0].origin_hash = taiou_event_get_hash (local);
  drafts[0].origin_seq = taiou_event_get_seq (local);
  /* …and a file that names the same event twice adds it once. */
  drafts[1].origin_hash = drafts[2].origin_hash = "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa";
  g_assert_true (taiou_timeline_append_batch (timeline, id, drafts, 3, &n_added, NULL, &error));
  g_assert_cmpuint (n_added, ==, 1);

  events = taiou_timeline_list_events (timeline, id, &error);
  g_assert_cmpuint (events->len, ==, 13);
  g_assert_cmpstr (taiou_event_get_origin_host (events->pdata[1]), ==, "PC-12");
  g_assert_cmpint (taiou_event_get_origin_seq (events->pdata[1]), ==, 1);
  g_assert_cmpstr (taiou_event_get_origin_hash (events->pdata[1]), ==, strings[1]);
  assert_intact (timeline, 14);
}

static void
test_merged_event_json (void)
{
  g_autoptr(TaiouTimeline) timeline = taiou_test_timeline_new (NULL);
  g_autoptr(TaiouIncident) incident = new_incident (timeline);
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) strings = NULL;
  g_autofree TaiouEventDraft *drafts = merged_drafts (1, &strings);
  g_autoptr(GPtrArray) events = NULL;
  g_autoptr(JsonObject) merged = NULL;
  g_autoptr(JsonObject) local = NULL;

  g_assert_true (taiou_timeline_append_batch (timeline, taiou_incident_get_id (incident), drafts,
                                              1, NULL, NULL, &error));
  events = taiou_timeline_list_events (timeline, taiou_incident_get_id (incident), &error);
  local = taiou_event_to_json (events->pdata[0]);
  merged = taiou_event_to_json (events->pdata[1]);
  g_assert_false (json_object_has_member (local, "origin_host"));
  g_assert_false (json_object_has_member (local, "origin_hash"));
  g_assert_cmpstr (json_object_get_string_member (merged, "origin_host"), ==, "PC-12");
  g_assert_cmpint (json_object_get_int_member (merged, "origin_seq"), ==, 1);
  g_assert_cmpstr (json_object_get_string_member (merged, "origin_hash"), ==, strings[1]);
}

static void
test_merged_hash_covers_origin (void)
{
  TaiouEventFields fields = {
    .seq = 1, .incident_id = 7, .time_us = 1795420800000000, .kind = "note", .actor = "a",
    .host = "PC-07", .summary = "s", .detail = "{}",
  };
  g_autofree char *local = _taiou_event_compute_hash (TAIOU_EVENT_GENESIS_HASH, &fields);
  g_autofree char *merged = NULL;
  g_autofree char *other_seq = NULL;

  fields.origin_host = "PC-12";
  fields.origin_seq = 5;
  fields.origin_hash = "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef";
  merged = _taiou_event_compute_hash (TAIOU_EVENT_GENESIS_HASH, &fields);
  fields.origin_seq = 6;
  other_seq = _taiou_event_compute_hash (TAIOU_EVENT_GENESIS_HASH, &fields);
  /* The v1 layout of local events is test-timeline's hash-format-is-stable; v2 differs from it
   * and depends on every origin field.  This value follows the layout in taiou-event.c
   * (prev ‖ "taiou-event-v2" ‖ the v1 fields ‖ origin host, seq, hash). */
  g_assert_cmpstr (local, !=, merged);
  g_assert_cmpstr (merged, !=, other_seq);
  g_assert_cmpstr (merged, ==, "b6cf5bcbdc2545447e740102633207d4dde871e46b3f1e53f9dc2911a2e946cd");
}

/* Editing or stripping where a merged event came from breaks the chain at that event. */
static void
test_origin_cannot_be_edited (void)
{
  const char * const edits[] = {
    "UPDATE events SET origin_host = 'PC-13' WHERE seq = 3",
    "UPDATE events SET origin_seq = 9 WHERE seq = 3",
    "UPDATE events SET origin_hash = NULL, origin_host = NULL, origin_seq = NULL WHERE seq = 3",
    "UPDATE events SET origin_host = 'PC-12', origin_seq = 1, origin_hash = hash WHERE seq = 1",
  };

  for (guint i = 0; i < G_N_ELEMENTS (edits); i++)
    {
      g_autofree char *path = NULL;
      g_autoptr(TaiouTimeline) timeline = taiou_test_timeline_new (&path);
      g_autoptr(TaiouIncident) incident = new_incident (timeline);
      g_autoptr(TaiouTimelineVerification) verification = NULL;
      g_autoptr(GError) error = NULL;
      g_auto(GStrv) strings = NULL;
      g_autofree TaiouEventDraft *drafts = merged_drafts (3, &strings);

      g_assert_true (taiou_timeline_append_batch (timeline, taiou_incident_get_id (incident),
                                                  drafts, 3, NULL, NULL, &error));
      assert_intact (timeline, 4);
      g_clear_object (&timeline);
      taiou_test_sqlite_exec (path, edits[i]);
      timeline = taiou_timeline_open (path, &error);
      g_assert_no_error (error);
      verification = verify (timeline);
      g_assert_false (verification->intact);
      g_assert_cmpint (verification->first_bad_seq, ==, i == 3 ? 1 : 3);
    }
}

static void
test_batch_all_or_nothing (void)
{
  g_autofree char *path = NULL;
  g_autoptr(TaiouTimeline) timeline = taiou_test_timeline_new (&path);
  g_autoptr(TaiouIncident) incident = new_incident (timeline);
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  gint64 id = taiou_incident_get_id (incident);
  TaiouEventDraft drafts[600];
  guint n_added = 7;

  for (guint i = 0; i < G_N_ELEMENTS (drafts); i++)
    drafts[i] = (TaiouEventDraft) { .kind = "scan.finding", .summary = "検出" };

  /* Refused before anything is written: a bad field, an origin given in part. */
  {
    g_autoptr(GError) error = NULL;

    drafts[300].summary = "\xff\xfe";
    g_assert_false (taiou_timeline_append_batch (timeline, id, drafts, 600, &n_added, NULL,
                                                 &error));
    g_assert_error (error, TAIOU_TIMELINE_ERROR, TAIOU_TIMELINE_ERROR_INVALID);
    g_assert_nonnull (strstr (error->message, "301"));
    g_assert_cmpuint (n_added, ==, 0);
    drafts[300].summary = "検出";
  }
  {
    g_autoptr(GError) error = NULL;

    drafts[5].origin_host = "PC-12";
    g_assert_false (taiou_timeline_append_batch (timeline, id, drafts, 600, NULL, NULL, &error));
    g_assert_error (error, TAIOU_TIMELINE_ERROR, TAIOU_TIMELINE_ERROR_INVALID);
    drafts[5].origin_seq = 3;
    drafts[5].origin_hash = "not a hash";
    g_clear_error (&error);
    g_assert_false (taiou_timeline_append_batch (timeline, id, drafts, 600, NULL, NULL, &error));
    g_assert_error (error, TAIOU_TIMELINE_ERROR, TAIOU_TIMELINE_ERROR_INVALID);
    drafts[5] = drafts[4];
  }
  /* Failing half-way through (the database refuses row 400) rolls back the 399 before it. */
  {
    g_autoptr(GError) error = NULL;

    g_clear_object (&timeline);
    taiou_test_sqlite_exec (path, "CREATE TRIGGER refuse BEFORE INSERT ON events "
                                  "WHEN NEW.summary = 'boom' BEGIN SELECT RAISE (ABORT, 'no'); END");
    timeline = taiou_timeline_open (path, &error);
    drafts[399].summary = "boom";
    g_assert_false (taiou_timeline_append_batch (timeline, id, drafts, 600, &n_added, NULL,
                                                 &error));
    g_assert_nonnull (error);
    g_assert_cmpuint (n_added, ==, 0);
    g_assert_cmpint (count_events (timeline, id), ==, 1);
    drafts[399].summary = "検出";
  }
  /* Cancelled: nothing. */
  {
    g_autoptr(GError) error = NULL;

    g_cancellable_cancel (cancellable);
    g_assert_false (taiou_timeline_append_batch (timeline, id, drafts, 600, &n_added,
                                                 cancellable, &error));
    g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
    g_assert_cmpint (count_events (timeline, id), ==, 1);
  }
  /* Nothing was left half-done: the next batch goes through and the chain verifies. */
  {
    g_autoptr(GError) error = NULL;

    g_assert_true (taiou_timeline_append_batch (timeline, id, drafts, 600, &n_added, NULL,
                                                &error));
    g_assert_no_error (error);
    g_assert_cmpuint (n_added, ==, 600);
    assert_intact (timeline, 601);
  }
  /* No such incident. */
  {
    g_autoptr(GError) error = NULL;

    g_assert_false (taiou_timeline_append_batch (timeline, 999, drafts, 1, NULL, NULL, &error));
    g_assert_error (error, TAIOU_TIMELINE_ERROR, TAIOU_TIMELINE_ERROR_NOT_FOUND);
  }
}

static void
test_finished_incident_is_closed (void)
{
  g_autoptr(TaiouTimeline) timeline = taiou_test_timeline_new (NULL);
  g_autoptr(TaiouIncident) incident = new_incident (timeline);
  g_autoptr(GError) error = NULL;
  gint64 id = taiou_incident_get_id (incident);
  TaiouEventDraft draft = { .kind = "note", .summary = "後から" };

  g_assert_true (taiou_timeline_set_incident_step (timeline, id, TAIOU_INCIDENT_STEP_FINISHED,
                                                   NULL, NULL, &error));
  g_assert_no_error (error);
  g_assert_null (taiou_timeline_append (timeline, id, "note", NULL, "後から", NULL, &error));
  g_assert_error (error, TAIOU_TIMELINE_ERROR, TAIOU_TIMELINE_ERROR_CLOSED);
  g_clear_error (&error);
  g_assert_false (taiou_timeline_append_batch (timeline, id, &draft, 1, NULL, NULL, &error));
  g_assert_error (error, TAIOU_TIMELINE_ERROR, TAIOU_TIMELINE_ERROR_CLOSED);
  g_clear_error (&error);
  g_assert_cmpint (count_events (timeline, id), ==, 2);

  /* Events of no incident are not affected. */
  g_assert_nonnull (taiou_timeline_append (timeline, 0, "note", NULL, "独立", NULL, &error));
  g_assert_no_error (error);
}

static void
test_status_closes_and_reopens (void)
{
  g_autoptr(TaiouTimeline) timeline = taiou_test_timeline_new (NULL);
  g_autoptr(TaiouIncident) incident = new_incident (timeline);
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) events = NULL;
  gint64 id = taiou_incident_get_id (incident);

  g_assert_cmpstr (taiou_incident_get_status (incident), ==, TAIOU_INCIDENT_STATUS_RESPONDING);
  g_assert_true (taiou_timeline_set_incident_step (timeline, id, "scan", NULL, NULL, &error));
  g_assert_true (taiou_timeline_set_incident_status (timeline, id,
                                                     TAIOU_INCIDENT_STATUS_INVESTIGATING,
                                                     "情報システム担当", &error));
  g_assert_no_error (error);
  /* The same status again records nothing. */
  g_assert_true (taiou_timeline_set_incident_status (timeline, id,
                                                     TAIOU_INCIDENT_STATUS_INVESTIGATING, NULL,
                                                     &error));
  g_clear_object (&incident);
  incident = taiou_timeline_get_incident (timeline, id, &error);
  g_assert_cmpstr (taiou_incident_get_status (incident), ==, TAIOU_INCIDENT_STATUS_INVESTIGATING);
  g_assert_cmpstr (taiou_incident_get_step (incident), ==, "scan");

  g_assert_true (taiou_timeline_set_incident_status (timeline, id, TAIOU_INCIDENT_STATUS_FINISHED,
                                                     NULL, &error));
  g_clear_object (&incident);
  incident = taiou_timeline_get_incident (timeline, id, &error);
  g_assert_cmpstr (taiou_incident_get_status (incident), ==, TAIOU_INCIDENT_STATUS_FINISHED);
  g_assert_cmpstr (taiou_incident_get_step (incident), ==, TAIOU_INCIDENT_STEP_FINISHED);
  g_assert_null (taiou_timeline_append (timeline, id, "note", NULL, "後から", NULL, &error));
  g_assert_error (error, TAIOU_TIMELINE_ERROR, TAIOU_TIMELINE_ERROR_CLOSED);
  g_clear_error (&error);

  /* Reopened: back at the step it had reached, and open to events again. */
  g_assert_true (taiou_timeline_set_incident_status (timeline, id,
                                                     TAIOU_INCIDENT_STATUS_RESPONDING, NULL,
                                                     &error));
  g_assert_no_error (error);
  g_clear_object (&incident);
  incident = taiou_timeline_get_incident (timeline, id, &error);
  g_assert_cmpstr (taiou_incident_get_status (incident), ==, TAIOU_INCIDENT_STATUS_RESPONDING);
  g_assert_cmpstr (taiou_incident_get_step (incident), ==, "scan");
  g_assert_nonnull (taiou_timeline_append (timeline, id, "note", NULL, "再開後", NULL, &error));

  events = taiou_timeline_list_events (timeline, id, &error);
  g_assert_cmpuint (events->len, ==, 6);
  g_assert_cmpstr (taiou_event_get_kind (events->pdata[2]), ==, TAIOU_EVENT_INCIDENT_STATUS);
  g_assert_cmpstr (taiou_event_get_actor (events->pdata[2]), ==, "情報システム担当");
  g_assert_cmpstr (taiou_event_get_detail (events->pdata[3]), ==,
                   "{\"status\":\"finished\",\"previous\":\"investigating\"}");
  g_assert_cmpstr (taiou_event_get_detail (events->pdata[4]), ==,
                   "{\"status\":\"responding\",\"previous\":\"finished\"}");
  assert_intact (timeline, 6);

  g_assert_false (taiou_timeline_set_incident_status (timeline, id, "完了", NULL, &error));
  g_assert_error (error, TAIOU_TIMELINE_ERROR, TAIOU_TIMELINE_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_false (taiou_timeline_set_incident_status (timeline, 99, TAIOU_INCIDENT_STATUS_FINISHED,
                                                      NULL, &error));
  g_assert_error (error, TAIOU_TIMELINE_ERROR, TAIOU_TIMELINE_ERROR_NOT_FOUND);
}

static TaiouTimelineVerification *
verify_path (const char *path,
             gboolean    in_halves)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TaiouTimeline) timeline = taiou_timeline_open (path, &error);
  TaiouTimelineVerification *verification;

  g_assert_no_error (error);
  g_setenv ("TAIOU_VERIFY_PARALLEL_MIN", in_halves ? "1" : "1000000000", TRUE);
  verification = verify (timeline);
  g_unsetenv ("TAIOU_VERIFY_PARALLEL_MIN");
  return verification;
}

/* A long chain is walked in two halves at once: whatever the damage and wherever it is (in
 * either half, at the seam), the result is the one walk's, word for word. */
static void
test_halves_find_what_one_walk_finds (void)
{
  /* 41 events: the halves meet at #20. */
  const char * const damage[] = {
    NULL,
    "UPDATE events SET summary = 'x' WHERE seq = 5",
    "UPDATE events SET summary = 'x' WHERE seq = 19",
    "UPDATE events SET summary = 'x' WHERE seq = 20",
    "UPDATE events SET summary = 'x' WHERE seq = 21",
    "UPDATE events SET summary = 'x' WHERE seq = 41",
    "DELETE FROM events WHERE seq = 19",
    "DELETE FROM events WHERE seq = 20",
    "DELETE FROM events WHERE seq IN (18, 19)",
    "DELETE FROM events WHERE seq = 30",
    "DELETE FROM events WHERE seq = 41",
    "UPDATE events SET summary = 'x' WHERE seq = 40",
    "UPDATE events SET prev_hash = hash WHERE seq = 20",
    "UPDATE events SET prev_hash = hash, summary = 'x' WHERE seq = 20",
    "UPDATE events SET seq = 0 WHERE seq = 25",
    "UPDATE events SET seq = 100 WHERE seq = 20",
    "UPDATE events SET hash = '1111111111111111111111111111111111111111111111111111111111111111' WHERE seq = 19",
    "UPDATE events SET summary = 'x' WHERE seq IN (10, 30)",
    "UPDATE incidents SET title = 'x'",
    "DELETE FROM events WHERE seq >= 20",
  };
  g_autofree char *path = NULL;
  g_autoptr(TaiouTimeline) timeline = taiou_test_timeline_new (&path);
  g_autoptr(TaiouIncident) incident = taiou_test_add_incident (timeline, "長い記録", 39);
  g_autoptr(TaiouEvent) loose = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *pristine = NULL;
  gsize length = 0;

  loose = taiou_timeline_append (timeline, 0, "note", NULL, "どの対応でもない", NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (taiou_event_get_seq (loose), ==, 41);
  g_clear_object (&timeline);
  g_assert_true (g_file_get_contents (path, &pristine, &length, NULL));

  for (guint i = 0; i < G_N_ELEMENTS (damage); i++)
    {
      g_autoptr(TaiouTimelineVerification) one = NULL;
      g_autoptr(TaiouTimelineVerification) halves = NULL;

      g_assert_true (g_file_set_contents (path, pristine, length, NULL));
      if (damage[i] != NULL)
        taiou_test_sqlite_exec (path, damage[i]);
      one = verify_path (path, FALSE);
      halves = verify_path (path, TRUE);
      g_test_message ("%s: %s", damage[i] != NULL ? damage[i] : "intact",
                      one->problem != NULL ? one->problem : "intact");
      /* Removing the newest events cannot be seen from inside the file (taiou-timeline-verify.c
       * says so); every other damage is. */
      if (damage[i] == NULL || g_str_has_suffix (damage[i], "DELETE FROM events WHERE seq = 41") ||
          strstr (damage[i], "seq >= 20") != NULL)
        g_assert_true (one->intact);
      else
        g_assert_false (one->intact);
      g_assert_cmpint (halves->intact, ==, one->intact);
      g_assert_cmpint (halves->n_events, ==, one->n_events);
      g_assert_cmpint (halves->first_bad_seq, ==, one->first_bad_seq);
      g_assert_cmpstr (halves->problem, ==, one->problem);
      g_assert_cmpstr (halves->head_hash, ==, one->head_hash);
    }
}

/* A database of schema 2, as Taiou wrote it before issue 14, with events and an incident. */
static void
write_schema_2_database (const char *path)
{
  g_autofree char *folder = g_path_get_dirname (path);
  g_autoptr(GString) sql = g_string_new (
    "CREATE TABLE incidents (id INTEGER PRIMARY KEY, uuid TEXT NOT NULL UNIQUE,"
    "  title TEXT NOT NULL, created_us INTEGER NOT NULL, discovered_us INTEGER NOT NULL,"
    "  host TEXT NOT NULL, reporter TEXT NOT NULL, step TEXT NOT NULL DEFAULT '');"
    "CREATE TABLE events (seq INTEGER PRIMARY KEY, incident_id INTEGER REFERENCES incidents (id),"
    "  time_us INTEGER NOT NULL, kind TEXT NOT NULL, actor TEXT NOT NULL, host TEXT NOT NULL,"
    "  summary TEXT NOT NULL, detail TEXT NOT NULL, prev_hash TEXT NOT NULL, hash TEXT NOT NULL);"
    "CREATE INDEX events_by_incident ON events (incident_id, seq);"
    "CREATE TABLE sender_book_salt (salt BLOB NOT NULL);"
    "INSERT INTO sender_book_salt (salt) VALUES (randomblob(32));"
    "CREATE TABLE sender_book (digest TEXT PRIMARY KEY) WITHOUT ROWID;"
    "INSERT INTO incidents VALUES (1, 'u-1', '古い対応', 10, 5, 'PC-07', '山田', 'scan');"
    "INSERT INTO incidents VALUES (2, 'u-2', '別の対応', 20, 15, 'PC-08', '鈴木', '');");
  struct { gint64 incident; const char *kind; const char *summary; const char *detail; } rows[] = {
    { 1, "incident.created", "Incident created: 古い対応",
      "{\"uuid\":\"u-1\",\"title\":\"古い対応\",\"created_us\":10,\"discovered_us\":5,"
      "\"host\":\"PC-07\",\"reporter\":\"山田\"}" },
    { 1, "note", "LANケーブルを抜いた", "{\"path\":\"C:\\\\Users\\\\請求書.zip\"}" },
    { 2, "incident.created", "Incident created: 別の対応",
      "{\"uuid\":\"u-2\",\"title\":\"別の対応\",\"created_us\":20,\"discovered_us\":15,"
      "\"host\":\"PC-08\",\"reporter\":\"鈴木\"}" },
    { 0, "note", "どの対応でもない", "{}" },
    { 1, "scan.finding", "不審なマクロ", "not json" },
  };
  g_autofree char *head = g_strdup (TAIOU_EVENT_GENESIS_HASH);
  sqlite3 *db = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (rows); i++)
    {
      TaiouEventFields fields = {
        .seq = i + 1, .incident_id = rows[i].incident, .time_us = 100 + i, .kind = rows[i].kind,
        .actor = "山田", .host = "PC-07", .summary = rows[i].summary, .detail = rows[i].detail,
      };
      char *hash = _taiou_event_compute_hash (head, &fields);
      g_autofree char *incident = rows[i].incident > 0
                                  ? g_strdup_printf ("%" G_GINT64_FORMAT, rows[i].incident)
                                  : g_strdup ("NULL");
      char *row = sqlite3_mprintf ("INSERT INTO events VALUES (%lld, %s, %lld, %Q, %Q, %Q, %Q, "
                                   "%Q, %Q, %Q);",
                                   (long long) fields.seq, incident, (long long) fields.time_us,
                                   fields.kind, fields.actor, fields.host, fields.summary,
                                   fields.detail, head, hash);

      g_string_append (sql, row);
      sqlite3_free (row);
      g_free (head);
      head = hash;
    }
  g_string_append (sql, "PRAGMA application_id = 1413564757; PRAGMA user_version = 2;");

  g_assert_cmpint (g_mkdir_with_parents (folder, 0700), ==, 0);
  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, sql->str, NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (db);
}

static void
test_migrates_schema_2 (void)
{
  g_autofree char *path = taiou_test_db_path ();
  g_autoptr(TaiouTimeline) timeline = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) found = NULL;
  g_autoptr(TaiouEvent) event = NULL;
  TaiouEventFilter filter = { .incident_id = 1 };
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;

  write_schema_2_database (path);
  timeline = taiou_timeline_open (path, &error);
  g_assert_no_error (error);
  /* The old chain verifies as it is: local events keep their v1 hashes. */
  assert_intact (timeline, 5);

  /* Positions and search text were made for the old events. */
  g_assert_cmpint (taiou_timeline_count_matching (timeline, &filter, &error), ==, 3);
  found = taiou_timeline_query_events (timeline, &filter, 2, 10, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (found->len, ==, 1);
  g_assert_cmpint (taiou_event_get_seq (found->pdata[0]), ==, 5);
  g_clear_pointer (&found, g_ptr_array_unref);
  filter.text = "ケーブル 請求書.zip";
  found = taiou_timeline_query_events (timeline, &filter, 0, 10, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (found->len, ==, 1);
  g_assert_cmpint (taiou_event_get_seq (found->pdata[0]), ==, 2);
  g_clear_pointer (&found, g_ptr_array_unref);
  filter.text = "json";
  g_assert_cmpint (taiou_timeline_count_matching (timeline, &filter, &error), ==, 1);

  /* New events follow on from the old chain, in their incident's numbering. */
  event = taiou_timeline_append (timeline, 1, "note", NULL, "移行後", NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (taiou_event_get_seq (event), ==, 6);
  filter.text = NULL;
  found = taiou_timeline_query_events (timeline, &filter, 3, 10, &error);
  g_assert_cmpuint (found->len, ==, 1);
  g_assert_cmpint (taiou_event_get_seq (found->pdata[0]), ==, 6);
  assert_intact (timeline, 6);
  g_clear_object (&timeline);

  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db, "PRAGMA user_version", -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  g_assert_cmpint (sqlite3_column_int (stmt, 0), ==, TAIOU_TIMELINE_SCHEMA_VERSION);
  sqlite3_finalize (stmt);
  sqlite3_close (db);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/taiou/timeline-batch/appends-in-order", test_batch_appends_in_order);
  g_test_add_func ("/taiou/timeline-batch/reimport-adds-nothing", test_reimport_adds_nothing);
  g_test_add_func ("/taiou/timeline-batch/merged-event-json", test_merged_event_json);
  g_test_add_func ("/taiou/timeline-batch/merged-hash-covers-origin",
                   test_merged_hash_covers_origin);
  g_test_add_func ("/taiou/timeline-batch/origin-cannot-be-edited", test_origin_cannot_be_edited);
  g_test_add_func ("/taiou/timeline-batch/all-or-nothing", test_batch_all_or_nothing);
  g_test_add_func ("/taiou/timeline-batch/finished-incident-is-closed",
                   test_finished_incident_is_closed);
  g_test_add_func ("/taiou/timeline-batch/status-closes-and-reopens",
                   test_status_closes_and_reopens);
  g_test_add_func ("/taiou/timeline-batch/migrates-schema-2", test_migrates_schema_2);
  g_test_add_func ("/taiou/timeline-batch/halves-find-what-one-walk-finds",
                   test_halves_find_what_one_walk_finds);

  return g_test_run ();
}
