/* test-timeline.c — the hash-chained SQLite timeline: storage, concurrency, hostile files
 *
 * Verification has its own program, test-timeline-verify.c. */
#define G_LOG_DOMAIN "test-timeline"

#include "config.h"

#include <glib/gstdio.h>
#include <string.h>

#include "taiou-event-private.h"
#include "taiou-test-util.h"

#define CHILD_APPENDS 150

static const char *self_path;

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
  /* The search index's in-memory buffer for bulk appends (schema 7). */
  g_assert_cmpint (sqlite3_prepare_v2 (db, "SELECT v FROM events_text_config WHERE k = 'hashsize'",
                                       -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  g_assert_cmpint (sqlite3_column_int (stmt, 0), ==, 32 * 1024 * 1024);
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
  verification = taiou_test_verify (timeline);
  g_assert_true (verification->intact);
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
  verification = taiou_test_verify (timeline);
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

  verification = taiou_test_verify (timeline);
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
  g_autofree char *path = taiou_test_make_chain ();
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
  g_autofree char *path = taiou_test_make_chain ();

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
