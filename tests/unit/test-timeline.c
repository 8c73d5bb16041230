/* test-timeline.c — the hash-chained SQLite timeline: storage, verification, hostile files */
#define G_LOG_DOMAIN "test-timeline"

#include "config.h"

#include <glib/gstdio.h>
#include <string.h>

#include "taiou-event-private.h"
#include "taiou-test-util.h"

#define CHILD_APPENDS 150

static const char *self_path;

static TaiouTimelineVerification *
verify (TaiouTimeline *timeline)
{
  g_autoptr(GError) error = NULL;
  TaiouTimelineVerification *verification = taiou_timeline_verify (timeline, NULL, &error);

  g_assert_no_error (error);
  g_assert_nonnull (verification);
  return verification;
}

/* Reopens the file the way the CLI would, then verifies it. */
static TaiouTimelineVerification *
reopen_and_verify (const char *path)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TaiouTimeline) timeline = taiou_timeline_open (path, &error);

  g_assert_no_error (error);
  return verify (timeline);
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
test_hash_format_is_stable (void)
{
  /* Databases in the field depend on this byte layout; the value was computed independently
   * (Python hashlib) from the layout documented in taiou-event.c. */
  TaiouEventFields fields = {
    .seq = 1,
    .incident_id = 7,
    .time_us = 1795420800000000,
    .kind = "triage.what-happened",
    .actor = "山田 太郎",
    .host = "PC-07",
    .summary = "添付ファイルを開いた",
    .detail = "{\"answer\":\"opened-attachment\"}",
  };
  g_autofree char *hash = _taiou_event_compute_hash (TAIOU_EVENT_GENESIS_HASH, &fields);

  g_assert_cmpstr (hash, ==, "7b627ec5e75936f826c84f420eff360219e86e7a1d2a99995db912923bb5baae");
}

static void
test_default_path (void)
{
  g_autofree char *expected = g_build_filename (g_get_user_data_dir (), "taiou", "taiou.db", NULL);
  g_autofree char *path = NULL;
  g_autofree char *override = NULL;

  g_unsetenv ("TAIOU_DB");
  path = taiou_timeline_get_default_path ();
  g_assert_cmpstr (path, ==, expected);

  g_setenv ("TAIOU_DB", "/tmp/elsewhere.db", TRUE);
  override = taiou_timeline_get_default_path ();
  g_assert_cmpstr (override, ==, "/tmp/elsewhere.db");
  g_unsetenv ("TAIOU_DB");
}

static void
test_append_and_reopen (void)
{
  g_autofree char *path = NULL;
  g_autoptr(TaiouTimeline) timeline = taiou_test_timeline_new (&path);
  g_autoptr(TaiouIncident) incident = taiou_test_add_incident (timeline, "添付を開いた", 2);
  g_autoptr(TaiouTimeline) reopened = NULL;
  g_autoptr(GPtrArray) incidents = NULL;
  g_autoptr(GPtrArray) events = NULL;
  g_autoptr(GError) error = NULL;
  TaiouEvent *first;
  TaiouEvent *last;
  GStatBuf st;

  g_clear_object (&timeline);

  /* The folder holds personal data: private to the user. */
  {
    g_autofree char *folder = g_path_get_dirname (path);
    g_assert_cmpint (g_stat (folder, &st), ==, 0);
    g_assert_cmpint (st.st_mode & 0077, ==, 0);
  }

  reopened = taiou_timeline_open (path, &error);
  g_assert_no_error (error);

  incidents = taiou_timeline_list_incidents (reopened, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (incidents->len, ==, 1);
  g_assert_cmpstr (taiou_incident_get_title (incidents->pdata[0]), ==, "添付を開いた");
  g_assert_cmpstr (taiou_incident_get_reporter (incidents->pdata[0]), ==, "山田 太郎");
  g_assert_cmpstr (taiou_incident_get_host (incidents->pdata[0]), ==, "PC-07");
  g_assert_cmpstr (taiou_incident_get_uuid (incidents->pdata[0]), ==,
                   taiou_incident_get_uuid (incident));

  events = taiou_timeline_list_events (reopened, taiou_incident_get_id (incident), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (events->len, ==, 3);
  first = events->pdata[0];
  last = events->pdata[2];
  g_assert_cmpint (taiou_event_get_seq (first), ==, 1);
  g_assert_cmpstr (taiou_event_get_kind (first), ==, "incident.created");
  g_assert_cmpstr (taiou_event_get_actor (first), ==, "山田 太郎");
  g_assert_cmpstr (taiou_event_get_prev_hash (first), ==, TAIOU_EVENT_GENESIS_HASH);
  g_assert_cmpstr (taiou_event_get_prev_hash (events->pdata[1]), ==, taiou_event_get_hash (first));
  g_assert_cmpint (taiou_event_get_seq (last), ==, 3);
  g_assert_cmpstr (taiou_event_get_summary (last), ==, "note 2");
  g_assert_cmpstr (taiou_event_get_detail (last), ==, "{\"n\":2}");
  g_assert_cmpstr (taiou_event_get_host (last), ==, g_get_host_name ());
  g_assert_cmpint (taiou_event_get_time_us (last), >=, taiou_event_get_time_us (first));
}

static void
test_schema_version_and_pragmas (void)
{
  g_autofree char *path = NULL;
  g_autoptr(TaiouTimeline) timeline = taiou_test_timeline_new (&path);
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;

  g_assert_cmpint (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db, "PRAGMA user_version", -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  g_assert_cmpint (sqlite3_column_int (stmt, 0), ==, TAIOU_TIMELINE_SCHEMA_VERSION);
  sqlite3_finalize (stmt);
  g_assert_cmpint (sqlite3_prepare_v2 (db, "PRAGMA journal_mode", -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  g_assert_cmpstr ((const char *) sqlite3_column_text (stmt, 0), ==, "wal");
  sqlite3_finalize (stmt);
  sqlite3_close (db);
}

static void
test_invalid_input (void)
{
  g_autoptr(TaiouTimeline) timeline = taiou_test_timeline_new (NULL);
  g_autoptr(TaiouIncident) incident = taiou_test_add_incident (timeline, "x", 0);
  g_autoptr(GError) error = NULL;
  g_autoptr(TaiouEvent) event = NULL;
  g_autoptr(TaiouIncident) missing = NULL;
  gint64 id = taiou_incident_get_id (incident);

  event = taiou_timeline_append (timeline, id, "", NULL, "summary", NULL, &error);
  g_assert_error (error, TAIOU_TIMELINE_ERROR, TAIOU_TIMELINE_ERROR_INVALID);
  g_assert_null (event);
  g_clear_error (&error);

  event = taiou_timeline_append (timeline, id, "note", NULL, "bad \xff utf-8", NULL, &error);
  g_assert_error (error, TAIOU_TIMELINE_ERROR, TAIOU_TIMELINE_ERROR_INVALID);
  g_clear_error (&error);

  event = taiou_timeline_append (timeline, id + 100, "note", NULL, "summary", NULL, &error);
  g_assert_error (error, TAIOU_TIMELINE_ERROR, TAIOU_TIMELINE_ERROR_NOT_FOUND);
  g_clear_error (&error);

  missing = taiou_timeline_get_incident (timeline, id + 100, &error);
  g_assert_error (error, TAIOU_TIMELINE_ERROR, TAIOU_TIMELINE_ERROR_NOT_FOUND);
  g_assert_null (missing);
  g_clear_error (&error);

  /* Failed appends must not leave a transaction open or a gap in the chain. */
  event = taiou_timeline_append (timeline, 0, "global", NULL, "no incident", NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (taiou_event_get_seq (event), ==, 2);
  g_assert_cmpint (taiou_event_get_incident_id (event), ==, 0);
}

static void
test_step_is_recorded (void)
{
  g_autoptr(TaiouTimeline) timeline = taiou_test_timeline_new (NULL);
  g_autoptr(TaiouIncident) incident = taiou_test_add_incident (timeline, "x", 0);
  g_autoptr(TaiouIncident) reread = NULL;
  g_autoptr(GPtrArray) events = NULL;
  g_autoptr(TaiouTimelineVerification) verification = NULL;
  g_autoptr(GError) error = NULL;
  gint64 id = taiou_incident_get_id (incident);

  g_assert_cmpstr (taiou_incident_get_step (incident), ==, "");
  g_assert_true (taiou_timeline_set_incident_step (timeline, id, "scan", NULL, "佐藤", &error));
  g_assert_no_error (error);

  reread = taiou_timeline_get_incident (timeline, id, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (taiou_incident_get_step (reread), ==, "scan");

  events = taiou_timeline_list_events (timeline, id, &error);
  g_assert_cmpuint (events->len, ==, 2);
  g_assert_cmpstr (taiou_event_get_kind (events->pdata[1]), ==, "wizard.step");
  g_assert_cmpstr (taiou_event_get_actor (events->pdata[1]), ==, "佐藤");
  g_assert_cmpstr (taiou_event_get_detail (events->pdata[1]), ==, "{\"step\":\"scan\"}");
  g_assert_cmpstr (taiou_event_get_summary (events->pdata[1]), ==, "Moved on to the step “scan”");

  /* The step is mutable state outside the chain: changing it must not break verification. */
  verification = verify (timeline);
  g_assert_true (verification->intact);
}

static void
test_verify_intact (void)
{
  g_autoptr(TaiouTimeline) timeline = taiou_test_timeline_new (NULL);
  g_autoptr(TaiouIncident) a = taiou_test_add_incident (timeline, "a", 3);
  g_autoptr(TaiouIncident) b = taiou_test_add_incident (timeline, "b", 2);
  g_autoptr(TaiouTimelineVerification) verification = verify (timeline);
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
  g_autoptr(TaiouTimelineVerification) verification = verify (timeline);

  g_assert_true (verification->intact);
  g_assert_cmpint (verification->n_events, ==, 0);
  g_assert_cmpstr (verification->head_hash, ==, TAIOU_EVENT_GENESIS_HASH);
}

/* Five events in one incident, ready to be tampered with. */
static char *
make_chain (void)
{
  g_autofree char *path = NULL;
  g_autoptr(TaiouTimeline) timeline = taiou_test_timeline_new (&path);
  g_autoptr(TaiouIncident) incident = taiou_test_add_incident (timeline, "chain", 4);
  g_autoptr(TaiouTimelineVerification) verification = verify (timeline);

  g_assert_true (verification->intact);
  return g_steal_pointer (&path);
}

static void
test_verify_detects_edit (void)
{
  g_autofree char *path = make_chain ();

  taiou_test_sqlite_exec (path, "UPDATE events SET summary = 'nothing happened' WHERE seq = 3");
  assert_tampered_at (path, 3, "changed");
}

static void
test_verify_detects_edited_time (void)
{
  g_autofree char *path = make_chain ();

  taiou_test_sqlite_exec (path, "UPDATE events SET time_us = time_us - 3600000000 WHERE seq = 4");
  assert_tampered_at (path, 4, "changed");
}

static void
test_verify_detects_rehashed_edit (void)
{
  g_autofree char *path = make_chain ();

  /* Someone who edits a row and fixes its own hash still breaks the link to the next row. */
  taiou_test_sqlite_exec (path,
                          "UPDATE events SET hash = '1111111111111111111111111111111111111111111111111111111111111111' WHERE seq = 2");
  assert_tampered_at (path, 2, "changed");
}

static void
test_verify_detects_delete (void)
{
  g_autofree char *path = make_chain ();

  taiou_test_sqlite_exec (path, "DELETE FROM events WHERE seq = 3");
  assert_tampered_at (path, 3, "missing");
}

static void
test_verify_detects_delete_and_renumber (void)
{
  g_autofree char *path = make_chain ();

  taiou_test_sqlite_exec (path,
                          "DELETE FROM events WHERE seq = 3;"
                          "UPDATE events SET seq = seq - 1 WHERE seq > 3");
  /* Row 3 is now the former row 4, whose hash covers its old number. */
  assert_tampered_at (path, 3, "follow");
}

static void
test_verify_detects_insert (void)
{
  g_autofree char *path = make_chain ();

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
  g_autofree char *path = make_chain ();

  taiou_test_sqlite_exec (path,
                          "UPDATE events SET seq = -1 WHERE seq = 2;"
                          "UPDATE events SET seq = 2 WHERE seq = 3;"
                          "UPDATE events SET seq = 3 WHERE seq = -1");
  assert_tampered_at (path, 2, "follow");
}

static void
test_verify_detects_edited_incident (void)
{
  g_autofree char *path = make_chain ();

  taiou_test_sqlite_exec (path, "UPDATE incidents SET reporter = 'someone else'");
  assert_tampered_at (path, 1, "edited");
}

static void
test_verify_detects_unrecorded_incident (void)
{
  g_autofree char *path = make_chain ();
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
  g_autofree char *path = make_chain ();

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
  g_autofree char *path = make_chain ();

  /* A forger who rewrites the creation record and every hash after it: the chain holds, but the
   * incident row is no longer backed by what the chain says. */
  taiou_test_sqlite_exec (path, "UPDATE events SET detail = 'not json' WHERE seq = 1");
  rehash_chain (path);
  assert_tampered_at (path, 1, "unreadable");
}

static void
test_verify_detects_deleted_incident (void)
{
  g_autofree char *path = make_chain ();

  taiou_test_sqlite_exec (path, "PRAGMA foreign_keys = OFF; DELETE FROM incidents");
  assert_tampered_at (path, 1, "deleted");
}

static void
test_verification_copy (void)
{
  g_autofree char *path = make_chain ();
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

static gint64
count_rows (const char *path,
            const char *table)
{
  g_autofree char *sql = g_strdup_printf ("SELECT count(*) FROM %s", table);
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;
  gint64 count;

  g_assert_cmpint (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  count = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);
  sqlite3_close (db);
  return count;
}

static void
test_invalid_incident_input (void)
{
  g_autofree char *path = NULL;
  g_autoptr(TaiouTimeline) timeline = taiou_test_timeline_new (&path);
  g_autoptr(TaiouIncident) incident = taiou_test_add_incident (timeline, "x", 0);
  g_autoptr(TaiouIncident) bad = NULL;
  g_autoptr(GError) error = NULL;
  gint64 id = taiou_incident_get_id (incident);

  bad = taiou_timeline_create_incident (timeline, "", 0, "PC", "me", &error);
  g_assert_error (error, TAIOU_TIMELINE_ERROR, TAIOU_TIMELINE_ERROR_INVALID);
  g_assert_null (bad);
  g_clear_error (&error);

  g_assert_false (taiou_timeline_set_incident_step (timeline, id, "bad \xff", NULL, NULL, &error));
  g_assert_error (error, TAIOU_TIMELINE_ERROR, TAIOU_TIMELINE_ERROR_INVALID);
  g_clear_error (&error);

  /* A step for an incident that is not there is refused, and leaves nothing behind. */
  g_assert_false (taiou_timeline_set_incident_step (timeline, id + 1, "scan", NULL, NULL, &error));
  g_assert_error (error, TAIOU_TIMELINE_ERROR, TAIOU_TIMELINE_ERROR_NOT_FOUND);
  g_assert_cmpint (count_rows (path, "incidents"), ==, 1);
  g_assert_cmpint (count_rows (path, "events"), ==, 1);
}

/* The file may carry triggers (someone else's copy, a damaged tool): when the database refuses a
 * write half-way, nothing of the incident or step may be left behind. */
static void
test_refused_write_leaves_nothing (void)
{
  g_autofree char *path = NULL;
  g_autoptr(TaiouTimeline) timeline = taiou_test_timeline_new (&path);
  g_autoptr(TaiouIncident) incident = taiou_test_add_incident (timeline, "kept", 1);
  g_autoptr(TaiouIncident) refused = NULL;
  g_autoptr(TaiouIncident) reread = NULL;
  g_autoptr(TaiouTimelineVerification) verification = NULL;
  g_autoptr(GError) error = NULL;
  gint64 id = taiou_incident_get_id (incident);

  taiou_test_sqlite_exec (path, "CREATE TRIGGER no_events BEFORE INSERT ON events "
                          "BEGIN SELECT RAISE(ABORT, 'events are read-only'); END");
  refused = taiou_timeline_create_incident (timeline, "lost", 0, "PC", "me", &error);
  g_assert_error (error, TAIOU_TIMELINE_ERROR, TAIOU_TIMELINE_ERROR_IO);
  g_assert_nonnull (strstr (error->message, "events are read-only"));
  g_assert_null (refused);
  g_clear_error (&error);
  g_assert_cmpint (count_rows (path, "incidents"), ==, 1);

  g_assert_false (taiou_timeline_set_incident_step (timeline, id, "scan", NULL, NULL, &error));
  g_assert_error (error, TAIOU_TIMELINE_ERROR, TAIOU_TIMELINE_ERROR_IO);
  g_clear_error (&error);
  reread = taiou_timeline_get_incident (timeline, id, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (taiou_incident_get_step (reread), ==, "");
  g_clear_object (&reread);

  taiou_test_sqlite_exec (path, "DROP TRIGGER no_events;"
                          "CREATE TRIGGER no_steps BEFORE UPDATE OF step ON incidents "
                          "BEGIN SELECT RAISE(ABORT, 'steps are read-only'); END");
  g_assert_false (taiou_timeline_set_incident_step (timeline, id, "scan", NULL, NULL, &error));
  g_assert_error (error, TAIOU_TIMELINE_ERROR, TAIOU_TIMELINE_ERROR_IO);
  g_clear_error (&error);

  taiou_test_sqlite_exec (path, "DROP TRIGGER no_steps;"
                          "CREATE TRIGGER no_incidents BEFORE INSERT ON incidents "
                          "BEGIN SELECT RAISE(ABORT, 'incidents are read-only'); END");
  refused = taiou_timeline_create_incident (timeline, "lost", 0, "PC", "me", &error);
  g_assert_error (error, TAIOU_TIMELINE_ERROR, TAIOU_TIMELINE_ERROR_IO);
  g_assert_null (refused);
  g_clear_error (&error);
  taiou_test_sqlite_exec (path, "DROP TRIGGER no_incidents");

  /* No transaction was left open and the chain has no gap. */
  g_assert_cmpint (count_rows (path, "events"), ==, 2);
  verification = verify (timeline);
  g_assert_true (verification->intact);
  g_assert_cmpint (verification->n_events, ==, 2);
  g_assert_true (taiou_timeline_set_incident_step (timeline, id, "scan", NULL, NULL, &error));
  g_assert_no_error (error);
}

static void
test_locked_database_is_busy (void)
{
  g_autofree char *path = NULL;
  g_autoptr(TaiouTimeline) timeline = taiou_test_timeline_new (&path);
  g_autoptr(TaiouIncident) incident = taiou_test_add_incident (timeline, "x", 0);
  g_autoptr(TaiouEvent) event = NULL;
  g_autoptr(GError) error = NULL;
  sqlite3 *other = NULL;

  /* Another program holds the write lock for longer than Taiou waits. */
  g_assert_cmpint (sqlite3_open (path, &other), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (other, "BEGIN IMMEDIATE", NULL, NULL, NULL), ==, SQLITE_OK);
  event = taiou_timeline_append (timeline, taiou_incident_get_id (incident), "note", NULL, "n",
                                 NULL, &error);
  g_assert_error (error, TAIOU_TIMELINE_ERROR, TAIOU_TIMELINE_ERROR_BUSY);
  g_assert_nonnull (strstr (error->message, "locked by another program"));
  g_assert_null (event);
  g_clear_error (&error);
  sqlite3_exec (other, "ROLLBACK", NULL, NULL, NULL);
  sqlite3_close (other);

  event = taiou_timeline_append (timeline, taiou_incident_get_id (incident), "note", NULL, "n",
                                 NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (taiou_event_get_seq (event), ==, 2);
}

static void
test_folder_cannot_be_made (void)
{
  g_autofree char *file = g_build_filename (g_get_user_data_dir (), "not-a-folder", NULL);
  g_autofree char *path = g_build_filename (file, "taiou.db", NULL);
  g_autoptr(TaiouTimeline) timeline = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_cmpint (g_mkdir_with_parents (g_get_user_data_dir (), 0700), ==, 0);
  g_assert_true (g_file_set_contents (file, "", 0, NULL));
  timeline = taiou_timeline_open (path, &error);
  g_assert_error (error, TAIOU_TIMELINE_ERROR, TAIOU_TIMELINE_ERROR_IO);
  g_assert_nonnull (strstr (error->message, file));
  g_assert_null (timeline);
}

static GSubprocess *
spawn_appender (const char *path,
                gint64      incident_id)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *id = g_strdup_printf ("%" G_GINT64_FORMAT, incident_id);
  GSubprocess *child;

  child = g_subprocess_new (G_SUBPROCESS_FLAGS_NONE, &error, self_path, "--append-child", path,
                            id, NULL);
  g_assert_no_error (error);
  return child;
}

static void
test_concurrent_appends (void)
{
  g_autofree char *path = NULL;
  g_autoptr(TaiouTimeline) timeline = taiou_test_timeline_new (&path);
  g_autoptr(TaiouIncident) incident = taiou_test_add_incident (timeline, "race", 0);
  g_autoptr(GSubprocess) first = spawn_appender (path, taiou_incident_get_id (incident));
  g_autoptr(GSubprocess) second = spawn_appender (path, taiou_incident_get_id (incident));
  g_autoptr(TaiouTimelineVerification) verification = NULL;
  g_autoptr(GPtrArray) events = NULL;
  g_autoptr(GError) error = NULL;

  /* This process appends too, while both children do. */
  for (guint i = 0; i < CHILD_APPENDS; i++)
    {
      g_autoptr(TaiouEvent) event = taiou_timeline_append (timeline,
                                                           taiou_incident_get_id (incident),
                                                           "parent", NULL, "from the parent",
                                                           NULL, &error);
      g_assert_no_error (error);
    }

  g_assert_true (g_subprocess_wait_check (first, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (g_subprocess_wait_check (second, NULL, &error));
  g_assert_no_error (error);

  events = taiou_timeline_list_events (timeline, taiou_incident_get_id (incident), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (events->len, ==, 1 + 3 * CHILD_APPENDS);

  verification = verify (timeline);
  g_assert_true (verification->intact);
  g_assert_cmpint (verification->n_events, ==, 1 + 3 * CHILD_APPENDS);
}

static int
run_append_child (const char *path,
                  const char *id_text)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TaiouTimeline) timeline = taiou_timeline_open (path, &error);
  gint64 id = g_ascii_strtoll (id_text, NULL, 10);

  if (timeline == NULL)
    g_error ("child: %s", error->message);
  for (guint i = 0; i < CHILD_APPENDS; i++)
    {
      g_autoptr(TaiouEvent) event = taiou_timeline_append (timeline, id, "child", NULL,
                                                           "from a child", NULL, &error);
      if (event == NULL)
        g_error ("child append %u: %s", i, error->message);
    }
  return 0;
}

static void
assert_open_fails_untouched (const char  *path,
                             int          code)
{
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  gsize before_length, after_length;
  g_autoptr(GError) error = NULL;
  g_autoptr(TaiouTimeline) timeline = NULL;
  g_autofree char *wal = g_strconcat (path, "-wal", NULL);

  g_assert_true (g_file_get_contents (path, &before, &before_length, NULL));
  timeline = taiou_timeline_open (path, &error);
  g_assert_null (timeline);
  g_assert_error (error, TAIOU_TIMELINE_ERROR, code);
  g_assert_nonnull (strstr (error->message, path));

  /* Evidence is never rewritten: same bytes, no WAL file created next to it. */
  g_assert_true (g_file_get_contents (path, &after, &after_length, NULL));
  g_assert_cmpmem (before, before_length, after, after_length);
  g_assert_false (g_file_test (wal, G_FILE_TEST_EXISTS));
}

static void
test_garbage_file (void)
{
  g_autofree char *path = taiou_test_db_path ();
  g_autofree char *folder = g_path_get_dirname (path);
  g_autofree char *garbage = NULL;

  garbage = g_strnfill (8192, 'Z');
  g_assert_cmpint (g_mkdir_with_parents (folder, 0700), ==, 0);
  g_assert_true (g_file_set_contents (path, garbage, -1, NULL));
  assert_open_fails_untouched (path, TAIOU_TIMELINE_ERROR_CORRUPT);
}

static void
test_damaged_pages (void)
{
  g_autofree char *path = make_chain ();
  g_autofree char *contents = NULL;
  gsize length;

  /* Checkpoint the WAL into the main file, then overwrite the second page (the first table's
   * root) with noise while keeping a valid header. */
  taiou_test_sqlite_exec (path, "PRAGMA wal_checkpoint(TRUNCATE); PRAGMA journal_mode = DELETE");
  g_assert_true (g_file_get_contents (path, &contents, &length, NULL));
  g_assert_cmpuint (length, >=, 3 * 4096);
  memset (contents + 4096, 0xA5, 4096);
  g_assert_true (g_file_set_contents (path, contents, length, NULL));

  assert_open_fails_untouched (path, TAIOU_TIMELINE_ERROR_CORRUPT);
}

static void
test_foreign_database (void)
{
  g_autofree char *path = taiou_test_db_path ();
  g_autofree char *folder = g_path_get_dirname (path);
  sqlite3 *db = NULL;

  g_assert_cmpint (g_mkdir_with_parents (folder, 0700), ==, 0);
  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, "CREATE TABLE contacts (name TEXT)", NULL, NULL, NULL), ==,
                   SQLITE_OK);
  sqlite3_close (db);

  assert_open_fails_untouched (path, TAIOU_TIMELINE_ERROR_NOT_TAIOU);
}

static void
test_newer_schema (void)
{
  g_autofree char *path = make_chain ();

  taiou_test_sqlite_exec (path, "PRAGMA user_version = 99; PRAGMA journal_mode = DELETE");
  assert_open_fails_untouched (path, TAIOU_TIMELINE_ERROR_TOO_NEW);
}

int
main (int    argc,
      char **argv)
{
  if (argc == 4 && g_strcmp0 (argv[1], "--append-child") == 0)
    return run_append_child (argv[2], argv[3]);

  self_path = argv[0];
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/taiou/timeline/hash-format-is-stable", test_hash_format_is_stable);
  g_test_add_func ("/taiou/timeline/default-path", test_default_path);
  g_test_add_func ("/taiou/timeline/append-and-reopen", test_append_and_reopen);
  g_test_add_func ("/taiou/timeline/schema-version-and-wal", test_schema_version_and_pragmas);
  g_test_add_func ("/taiou/timeline/invalid-input", test_invalid_input);
  g_test_add_func ("/taiou/timeline/step-is-recorded", test_step_is_recorded);
  g_test_add_func ("/taiou/timeline/verify-intact", test_verify_intact);
  g_test_add_func ("/taiou/timeline/verify-empty", test_verify_empty);
  g_test_add_func ("/taiou/timeline/verify-detects-edit", test_verify_detects_edit);
  g_test_add_func ("/taiou/timeline/verify-detects-edited-time", test_verify_detects_edited_time);
  g_test_add_func ("/taiou/timeline/verify-detects-rehashed-edit",
                   test_verify_detects_rehashed_edit);
  g_test_add_func ("/taiou/timeline/verify-detects-delete", test_verify_detects_delete);
  g_test_add_func ("/taiou/timeline/verify-detects-delete-and-renumber",
                   test_verify_detects_delete_and_renumber);
  g_test_add_func ("/taiou/timeline/verify-detects-insert", test_verify_detects_insert);
  g_test_add_func ("/taiou/timeline/verify-detects-swap", test_verify_detects_swap);
  g_test_add_func ("/taiou/timeline/verify-detects-edited-incident",
                   test_verify_detects_edited_incident);
  g_test_add_func ("/taiou/timeline/verify-detects-unrecorded-incident",
                   test_verify_detects_unrecorded_incident);
  g_test_add_func ("/taiou/timeline/verify-cancelled", test_verify_cancelled);
  g_test_add_func ("/taiou/timeline/verify-async", test_verify_async);
  g_test_add_func ("/taiou/timeline/verify-detects-lowered-seq", test_verify_detects_lowered_seq);
  g_test_add_func ("/taiou/timeline/verify-rehashed-chain-still-checks-incident",
                   test_verify_rehashed_chain_still_checks_incident);
  g_test_add_func ("/taiou/timeline/verify-detects-deleted-incident",
                   test_verify_detects_deleted_incident);
  g_test_add_func ("/taiou/timeline/verification-copy", test_verification_copy);
  g_test_add_func ("/taiou/timeline/verify-async-cancelled", test_verify_async_cancelled);
  g_test_add_func ("/taiou/timeline/invalid-incident-input", test_invalid_incident_input);
  g_test_add_func ("/taiou/timeline/refused-write-leaves-nothing",
                   test_refused_write_leaves_nothing);
  g_test_add_func ("/taiou/timeline/locked-database-is-busy", test_locked_database_is_busy);
  g_test_add_func ("/taiou/timeline/folder-cannot-be-made", test_folder_cannot_be_made);
  g_test_add_func ("/taiou/timeline/concurrent-appends-from-three-processes",
                   test_concurrent_appends);
  g_test_add_func ("/taiou/timeline/garbage-file-is-refused-untouched", test_garbage_file);
  g_test_add_func ("/taiou/timeline/damaged-pages-are-refused-untouched", test_damaged_pages);
  g_test_add_func ("/taiou/timeline/foreign-database-is-refused-untouched", test_foreign_database);
  g_test_add_func ("/taiou/timeline/newer-schema-is-refused-untouched", test_newer_schema);

  return g_test_run ();
}
