/* taiou-test-util.c — helpers shared by the test programs */
#define G_LOG_DOMAIN "taiou-test"

#include "config.h"

#include "taiou-test-util.h"

/* A new database path inside the test program's own data folder, different at each call so
 * that test cases never share a database. */
char *
taiou_test_db_path (void)
{
  static guint counter;
  g_autofree char *name = g_strdup_printf ("taiou-%u.db", ++counter);

  return g_build_filename (g_get_user_data_dir (), "taiou", name, NULL);
}

TaiouTimeline *
taiou_test_timeline_new (char **out_path)
{
  g_autofree char *path = taiou_test_db_path ();
  g_autoptr(GError) error = NULL;
  TaiouTimeline *timeline = taiou_timeline_open (path, &error);

  g_assert_no_error (error);
  g_assert_nonnull (timeline);
  if (out_path != NULL)
    *out_path = g_steal_pointer (&path);
  return timeline;
}

/* Edits the file behind Taiou's back, the way someone with the sqlite3 shell would. */
void
taiou_test_sqlite_exec (const char *db_path,
                        const char *sql)
{
  sqlite3 *db = NULL;
  char *message = NULL;
  int rc;

  rc = sqlite3_open_v2 (db_path, &db, SQLITE_OPEN_READWRITE, NULL);
  g_assert_cmpint (rc, ==, SQLITE_OK);
  rc = sqlite3_exec (db, sql, NULL, NULL, &message);
  if (rc != SQLITE_OK)
    g_error ("%s: %s", sql, message);
  sqlite3_close (db);
}

/* Verifies @timeline; a verification that cannot run fails the test. */
TaiouTimelineVerification *
taiou_test_verify (TaiouTimeline *timeline)
{
  g_autoptr(GError) error = NULL;
  TaiouTimelineVerification *verification = taiou_timeline_verify (timeline, NULL, &error);

  g_assert_no_error (error);
  g_assert_nonnull (verification);
  return verification;
}

/* A database of five events in one incident, intact, ready to be tampered with; its path. */
char *
taiou_test_make_chain (void)
{
  g_autofree char *path = NULL;
  g_autoptr(TaiouTimeline) timeline = taiou_test_timeline_new (&path);
  g_autoptr(TaiouIncident) incident = taiou_test_add_incident (timeline, "chain", 4);
  g_autoptr(TaiouTimelineVerification) verification = taiou_test_verify (timeline);

  g_assert_true (verification->intact);
  return g_steal_pointer (&path);
}

/* An incident with its creation event and @n_extra_events notes. */
TaiouIncident *
taiou_test_add_incident (TaiouTimeline *timeline,
                         const char    *title,
                         guint          n_extra_events)
{
  g_autoptr(GError) error = NULL;
  TaiouIncident *incident;

  incident = taiou_timeline_create_incident (timeline, title, g_get_real_time (), "PC-07",
                                             "山田 太郎", &error);
  g_assert_no_error (error);
  for (guint i = 0; i < n_extra_events; i++)
    {
      g_autoptr(JsonObject) detail = json_object_new ();
      g_autoptr(TaiouEvent) event = NULL;
      g_autofree char *summary = g_strdup_printf ("note %u", i + 1);

      json_object_set_int_member (detail, "n", i + 1);
      event = taiou_timeline_append (timeline, taiou_incident_get_id (incident), "note", NULL,
                                     summary, detail, &error);
      g_assert_no_error (error);
    }
  return incident;
}

/* A GAsyncReadyCallback that keeps the result in the GAsyncResult * that @user_data points to,
 * so the test can call the _finish () itself once the main loop has set it. */
void
taiou_test_store_result (GObject      *source,
                         GAsyncResult *result,
                         gpointer      user_data)
{
  GAsyncResult **out = user_data;

  *out = g_object_ref (result);
}

void
taiou_test_cli_result_free (TaiouTestCliResult *result)
{
  g_free (result->out);
  g_free (result->err);
  g_free (result);
}

/* Runs $TAIOU_CLI in the locale @lang with the NULL-terminated arguments that follow. */
TaiouTestCliResult *
taiou_test_run_cli (const char *lang,
                    ...)
{
  g_autoptr(GSubprocessLauncher) launcher = NULL;
  g_autoptr(GSubprocess) process = NULL;
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;
  TaiouTestCliResult *result = g_new0 (TaiouTestCliResult, 1);
  const char *cli = g_getenv ("TAIOU_CLI");
  const char *arg;
  va_list args;

  g_assert_nonnull (cli);
  g_ptr_array_add (argv, (char *) cli);
  va_start (args, lang);
  while ((arg = va_arg (args, const char *)) != NULL)
    g_ptr_array_add (argv, (char *) arg);
  va_end (args);
  g_ptr_array_add (argv, NULL);

  launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE |
                                        G_SUBPROCESS_FLAGS_STDERR_PIPE);
  g_subprocess_launcher_setenv (launcher, "LANG", lang, TRUE);
  g_subprocess_launcher_setenv (launcher, "LC_ALL", lang, TRUE);
  process = g_subprocess_launcher_spawnv (launcher, (const char * const *) argv->pdata, &error);
  g_assert_no_error (error);
  g_subprocess_communicate_utf8 (process, NULL, NULL, &result->out, &result->err, &error);
  g_assert_no_error (error);
  g_assert_true (g_subprocess_get_if_exited (process));
  result->status = g_subprocess_get_exit_status (process);
  return result;
}

/* Returns: (transfer full): a case on @timeline whose incident at hand is a new one, as after the
 * wizard's first step */
TaiouCase *
taiou_test_case_with_incident (TaiouTimeline *timeline)
{
  TaiouCase *case_at_hand = taiou_case_new (timeline, NULL);
  g_autoptr(TaiouIncident) incident = NULL;
  g_autoptr(GError) error = NULL;

  incident = taiou_case_create_incident (case_at_hand, "test", g_get_real_time (), "pc-1",
                                         "tester", &error);
  g_assert_no_error (error);
  return case_at_hand;
}
