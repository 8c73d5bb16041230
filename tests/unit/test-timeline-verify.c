/* test-timeline-verify.c — verifying the hash chain: intact records, each kind of tampering, async */
#define G_LOG_DOMAIN "test-timeline-verify"

#include "config.h"

#include <string.h>

#include "taiou-event-private.h"
#include "taiou-test-util.h"

/* Reopens the file the way the CLI would, then verifies it. */
static TaiouTimelineVerification *
reopen_and_verify (const char *path)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TaiouTimeline) timeline = taiou_timeline_open (path, &error);

  g_assert_no_error (error);
  return taiou_test_verify (timeline);
}

static void
assert_tampered_at (const char *path,
                    gint64      seq,
                    const char *problem_part)
{
  g_autoptr(TaiouTimelineVerification) verification = reopen_and_verify (path);

  g_assert_false (verification->intact);
  g_assert_cmpint (verification->first_bad_seq, ==, seq);
  g_assert_nonnull (verification->problem);
  g_assert_nonnull (strstr (verification->problem, problem_part));
}

static void
test_verify_intact (void)
{
  g_autoptr(TaiouTimeline) timeline = taiou_test_timeline_new (NULL);
  g_autoptr(TaiouIncident) a = taiou_test_add_incident (timeline, "a", 3);
  g_autoptr(TaiouIncident) b = taiou_test_add_incident (timeline, "b", 2);
  g_autoptr(TaiouTimelineVerification) verification = taiou_test_verify (timeline);
  g_autoptr(GPtrArray) events = NULL;

  g_assert_true (verification->intact);
  g_assert_cmpint (verification->n_events, ==, 7);
  g_assert_cmpint (verification->first_bad_seq, ==, 0);
  g_assert_null (verification->problem);

  events = taiou_timeline_list_events (timeline, taiou_incident_get_id (b), NULL);
  g_assert_cmpstr (verification->head_hash, ==,
                   taiou_event_get_hash (events->pdata[events->len - 1]));
}

static void
test_verify_empty (void)
{
  g_autoptr(TaiouTimeline) timeline = taiou_test_timeline_new (NULL);
  g_autoptr(TaiouTimelineVerification) verification = taiou_test_verify (timeline);

  g_assert_true (verification->intact);
  g_assert_cmpint (verification->n_events, ==, 0);
  g_assert_cmpstr (verification->head_hash, ==, TAIOU_EVENT_GENESIS_HASH);
}

static void
test_verify_detects_edit (void)
{
  g_autofree char *path = taiou_test_make_chain ();

  taiou_test_sqlite_exec (path, "UPDATE events SET summary = 'nothing happened' WHERE seq = 3");
  assert_tampered_at (path, 3, "changed");
}

static void
test_verify_detects_edited_time (void)
{
  g_autofree char *path = taiou_test_make_chain ();

  taiou_test_sqlite_exec (path, "UPDATE events SET time_us = time_us - 3600000000 WHERE seq = 4");
  assert_tampered_at (path, 4, "changed");
}

static void
test_verify_detects_rehashed_edit (void)
{
  g_autofree char *path = taiou_test_make_chain ();

  /* Someone who edits a row and fixes its own hash still breaks the link to the next row. */
  taiou_test_sqlite_exec (path,
                          "UPDATE events SET hash = '1111111111111111111111111111111111111111111111111111111111111111' WHERE seq = 2");
  assert_tampered_at (path, 2, "changed");
}

static void
test_verify_detects_delete (void)
{
  g_autofree char *path = taiou_test_make_chain ();

  taiou_test_sqlite_exec (path, "DELETE FROM events WHERE seq = 3");
  assert_tampered_at (path, 3, "missing");
}

static void
test_verify_detects_delete_and_renumber (void)
{
  g_autofree char *path = taiou_test_make_chain ();

  taiou_test_sqlite_exec (path,
                          "DELETE FROM events WHERE seq = 3;"
                          "UPDATE events SET seq = seq - 1 WHERE seq > 3");
  /* Row 3 is now the former row 4, whose hash covers its old number. */
  assert_tampered_at (path, 3, "follow");
}

static void
test_verify_detects_insert (void)
{
  g_autofree char *path = taiou_test_make_chain ();

  /* Make room after #2 and slip in a row that claims to follow it. */
  taiou_test_sqlite_exec (path,
                          "UPDATE events SET seq = seq + 100 WHERE seq > 2;"
                          "UPDATE events SET seq = seq - 99 WHERE seq > 100;"
                          "INSERT INTO events (seq, incident_id, time_us, kind, actor, host, "
                          "  summary, detail, prev_hash, hash) "
                          "SELECT 3, incident_id, time_us, 'note', actor, host, 'forged', '{}', "
                          "  hash, hash FROM events WHERE seq = 2");
  assert_tampered_at (path, 3, "changed");
}

static void
test_verify_detects_swap (void)
{
  g_autofree char *path = taiou_test_make_chain ();

  taiou_test_sqlite_exec (path,
                          "UPDATE events SET seq = -1 WHERE seq = 2;"
                          "UPDATE events SET seq = 2 WHERE seq = 3;"
                          "UPDATE events SET seq = 3 WHERE seq = -1");
  assert_tampered_at (path, 2, "follow");
}

static void
test_verify_detects_edited_incident (void)
{
  g_autofree char *path = taiou_test_make_chain ();

  taiou_test_sqlite_exec (path, "UPDATE incidents SET reporter = 'someone else'");
  assert_tampered_at (path, 1, "edited");
}

static void
test_verify_detects_unrecorded_incident (void)
{
  g_autofree char *path = taiou_test_make_chain ();
  g_autoptr(TaiouTimelineVerification) verification = NULL;

  taiou_test_sqlite_exec (path,
                          "INSERT INTO incidents (uuid, title, created_us, discovered_us, host, "
                          "  reporter) VALUES ('u', 'invented', 0, 0, 'h', 'r')");
  verification = reopen_and_verify (path);
  g_assert_false (verification->intact);
  g_assert_cmpint (verification->first_bad_seq, ==, 0);
  g_assert_nonnull (strstr (verification->problem, "#2"));
}

static void
test_verify_cancelled (void)
{
  g_autoptr(TaiouTimeline) timeline = taiou_test_timeline_new (NULL);
  g_autoptr(TaiouIncident) incident = taiou_test_add_incident (timeline, "x", 1);
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(TaiouTimelineVerification) verification = NULL;
  g_autoptr(GError) error = NULL;

  g_cancellable_cancel (cancellable);
  verification = taiou_timeline_verify (timeline, cancellable, &error);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_null (verification);
}

static void
verify_async_cb (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  TaiouTimelineVerification **out = user_data;
  g_autoptr(GError) error = NULL;

  *out = taiou_timeline_verify_finish (TAIOU_TIMELINE (source), result, &error);
  g_assert_no_error (error);
}

static void
test_verify_async (void)
{
  g_autoptr(TaiouTimeline) timeline = taiou_test_timeline_new (NULL);
  g_autoptr(TaiouIncident) incident = taiou_test_add_incident (timeline, "x", 2);
  g_autoptr(TaiouTimelineVerification) verification = NULL;

  taiou_timeline_verify_async (timeline, NULL, verify_async_cb, &verification);
  while (verification == NULL)
    g_main_context_iteration (NULL, TRUE);
  g_assert_true (verification->intact);
  g_assert_cmpint (verification->n_events, ==, 3);
}

static void
test_verify_detects_lowered_seq (void)
{
  g_autofree char *path = taiou_test_make_chain ();

  taiou_test_sqlite_exec (path, "UPDATE events SET seq = 0 WHERE seq = 1");
  assert_tampered_at (path, 1, "sequence number #0 where #1");
}

/* Recomputes every hash of the file, as someone who rewrites the whole chain would. */
static void
rehash_chain (const char *path)
{
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;
  g_autofree char *prev_hash = g_strdup (TAIOU_EVENT_GENESIS_HASH);
  g_autoptr(GString) sql = g_string_new ("");

  g_assert_cmpint (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db, "SELECT seq, incident_id, time_us, kind, actor, host, "
                                       "summary, detail FROM events ORDER BY seq",
                                       -1, &stmt, NULL), ==, SQLITE_OK);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      TaiouEventFields fields = {
        .seq = sqlite3_column_int64 (stmt, 0),
        .incident_id = sqlite3_column_int64 (stmt, 1),
        .time_us = sqlite3_column_int64 (stmt, 2),
        .kind = (const char *) sqlite3_column_text (stmt, 3),
        .actor = (const char *) sqlite3_column_text (stmt, 4),
        .host = (const char *) sqlite3_column_text (stmt, 5),
        .summary = (const char *) sqlite3_column_text (stmt, 6),
        .detail = (const char *) sqlite3_column_text (stmt, 7),
      };
      g_autofree char *hash = _taiou_event_compute_hash (prev_hash, &fields);

      g_string_append_printf (sql, "UPDATE events SET prev_hash = '%s', hash = '%s' "
                              "WHERE seq = %" G_GINT64_FORMAT ";", prev_hash, hash, fields.seq);
      g_free (prev_hash);
      prev_hash = g_steal_pointer (&hash);
    }
  sqlite3_finalize (stmt);
  sqlite3_close (db);
  taiou_test_sqlite_exec (path, sql->str);
}

static void
test_verify_rehashed_chain_still_checks_incident (void)
{
  g_autofree char *path = taiou_test_make_chain ();

  /* A forger who rewrites the creation record and every hash after it: the chain holds, but the
   * incident row is no longer backed by what the chain says. */
  taiou_test_sqlite_exec (path, "UPDATE events SET detail = 'not json' WHERE seq = 1");
  rehash_chain (path);
  assert_tampered_at (path, 1, "unreadable");
}

static void
test_verify_detects_deleted_incident (void)
{
  g_autofree char *path = taiou_test_make_chain ();

  taiou_test_sqlite_exec (path, "PRAGMA foreign_keys = OFF; DELETE FROM incidents");
  assert_tampered_at (path, 1, "deleted");
}

static void
test_verification_copy (void)
{
  g_autofree char *path = taiou_test_make_chain ();
  g_autoptr(TaiouTimelineVerification) verification = NULL;
  g_autoptr(TaiouTimelineVerification) copy = NULL;

  taiou_test_sqlite_exec (path, "UPDATE events SET summary = 'x' WHERE seq = 2");
  verification = reopen_and_verify (path);
  copy = g_boxed_copy (TAIOU_TYPE_TIMELINE_VERIFICATION, verification);

  g_assert_false (copy->intact);
  g_assert_cmpint (copy->n_events, ==, verification->n_events);
  g_assert_cmpint (copy->first_bad_seq, ==, 2);
  g_assert_cmpstr (copy->problem, ==, verification->problem);
  g_assert_true (copy->problem != verification->problem);
  g_assert_cmpstr (copy->head_hash, ==, verification->head_hash);
  g_assert_true (copy->head_hash != verification->head_hash);
}

static void
test_verify_async_cancelled (void)
{
  g_autoptr(TaiouTimeline) timeline = taiou_test_timeline_new (NULL);
  g_autoptr(TaiouIncident) incident = taiou_test_add_incident (timeline, "x", 2);
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(TaiouTimelineVerification) verification = NULL;
  g_autoptr(GError) error = NULL;

  g_cancellable_cancel (cancellable);
  taiou_timeline_verify_async (timeline, cancellable, taiou_test_store_result, &result);
  while (result == NULL)
    g_main_context_iteration (NULL, TRUE);
  verification = taiou_timeline_verify_finish (timeline, result, &error);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_null (verification);
}

/* The record view verifies the file it shows on a connection of its own, opened in the worker
 * thread, while its own connection stays open. */
static void
test_verify_file_async (void)
{
  g_autofree char *path = taiou_test_make_chain ();
  g_autoptr(GError) error = NULL;
  g_autoptr(TaiouTimeline) open_elsewhere = taiou_timeline_open (path, &error);
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(TaiouTimelineVerification) verification = NULL;

  g_assert_no_error (error);
  taiou_test_sqlite_exec (path, "UPDATE events SET summary = 'edited' WHERE seq = 3");
  taiou_timeline_verify_file_async (path, NULL, taiou_test_store_result, &result);
  while (result == NULL)
    g_main_context_iteration (NULL, TRUE);
  verification = taiou_timeline_verify_file_finish (result, &error);
  g_assert_no_error (error);
  g_assert_false (verification->intact);
  g_assert_cmpint (verification->first_bad_seq, ==, 3);
}

static void
test_verify_file_async_garbage (void)
{
  g_autofree char *path = taiou_test_db_path ();
  g_autofree char *folder = g_path_get_dirname (path);
  g_autofree char *garbage = g_strnfill (8192, 'Z');
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(TaiouTimelineVerification) verification = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_cmpint (g_mkdir_with_parents (folder, 0700), ==, 0);
  g_assert_true (g_file_set_contents (path, garbage, -1, NULL));
  taiou_timeline_verify_file_async (path, NULL, taiou_test_store_result, &result);
  while (result == NULL)
    g_main_context_iteration (NULL, TRUE);
  verification = taiou_timeline_verify_file_finish (result, &error);
  g_assert_null (verification);
  g_assert_error (error, TAIOU_TIMELINE_ERROR, TAIOU_TIMELINE_ERROR_CORRUPT);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/taiou/timeline-verify/verify-intact", test_verify_intact);
  g_test_add_func ("/taiou/timeline-verify/verify-empty", test_verify_empty);
  g_test_add_func ("/taiou/timeline-verify/verify-detects-edit", test_verify_detects_edit);
  g_test_add_func ("/taiou/timeline-verify/verify-detects-edited-time", test_verify_detects_edited_time);
  g_test_add_func ("/taiou/timeline-verify/verify-detects-rehashed-edit",
                   test_verify_detects_rehashed_edit);
  g_test_add_func ("/taiou/timeline-verify/verify-detects-delete", test_verify_detects_delete);
  g_test_add_func ("/taiou/timeline-verify/verify-detects-delete-and-renumber",
                   test_verify_detects_delete_and_renumber);
  g_test_add_func ("/taiou/timeline-verify/verify-detects-insert", test_verify_detects_insert);
  g_test_add_func ("/taiou/timeline-verify/verify-detects-swap", test_verify_detects_swap);
  g_test_add_func ("/taiou/timeline-verify/verify-detects-edited-incident",
                   test_verify_detects_edited_incident);
  g_test_add_func ("/taiou/timeline-verify/verify-detects-unrecorded-incident",
                   test_verify_detects_unrecorded_incident);
  g_test_add_func ("/taiou/timeline-verify/verify-cancelled", test_verify_cancelled);
  g_test_add_func ("/taiou/timeline-verify/verify-async", test_verify_async);
  g_test_add_func ("/taiou/timeline-verify/verify-detects-lowered-seq", test_verify_detects_lowered_seq);
  g_test_add_func ("/taiou/timeline-verify/verify-rehashed-chain-still-checks-incident",
                   test_verify_rehashed_chain_still_checks_incident);
  g_test_add_func ("/taiou/timeline-verify/verify-detects-deleted-incident",
                   test_verify_detects_deleted_incident);
  g_test_add_func ("/taiou/timeline-verify/verification-copy", test_verification_copy);
  g_test_add_func ("/taiou/timeline-verify/verify-async-cancelled", test_verify_async_cancelled);
  g_test_add_func ("/taiou/timeline-verify/file-async", test_verify_file_async);
  g_test_add_func ("/taiou/timeline-verify/file-async-garbage", test_verify_file_async_garbage);

  return g_test_run ();
}
