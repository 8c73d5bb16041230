/* test-system-scan.c — probe, rules and file walk together, synchronously and in a thread */
#define G_LOG_DOMAIN "test-system-scan"

#include "config.h"

#include <string.h>

#include "taiou-test-util.h"

typedef struct
{
  char        *scratch;   /* stands in for /tmp: TAIOU_SCRATCH_FOLDERS points here */
  TaiouIocSet *iocs;
} Fixture;

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  user_data)
{
  g_autofree char *evil_hash = g_compute_checksum_for_string (G_CHECKSUM_SHA256, "DROPPED", -1);
  g_autofree char *iocs = g_strdup_printf ("%s;90;Test dropper\n", evil_hash);
  g_autofree char *dropped = NULL;
  g_autofree char *clean = NULL;
  g_autoptr(TaiouIocLoadReport) report = NULL;
  g_autoptr(GError) error = NULL;

  fixture->scratch = g_build_filename (g_get_user_cache_dir (), "scratch", NULL);
  g_assert_cmpint (g_mkdir_with_parents (fixture->scratch, 0700), ==, 0);
  dropped = g_build_filename (fixture->scratch, "a.dll", NULL);
  clean = g_build_filename (fixture->scratch, "b.txt", NULL);
  g_assert_true (g_file_set_contents (dropped, "DROPPED", -1, NULL));
  g_assert_true (g_file_set_contents (clean, "clean", -1, NULL));
  g_setenv ("TAIOU_SCRATCH_FOLDERS", fixture->scratch, TRUE);

  fixture->iocs = taiou_ioc_set_new ();
  report = taiou_ioc_set_load_data (fixture->iocs, "hashes.txt", iocs, strlen (iocs),
                                    TAIOU_IOC_FORMAT_LOKI_HASH, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (report->n_loaded, ==, 1);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  user_data)
{
  g_unsetenv ("TAIOU_SCRATCH_FOLDERS");
  g_free (fixture->scratch);
  g_object_unref (fixture->iocs);
}

static TaiouFinding *
find_rule (TaiouScanResult *result,
           const char      *rule_id)
{
  for (guint i = 0; i < result->findings->len; i++)
    {
      TaiouFinding *finding = result->findings->pdata[i];

      if (g_str_equal (finding->rule_id, rule_id))
        return finding;
    }
  return NULL;
}

static void
test_this_system (Fixture       *fixture,
                  gconstpointer  user_data)
{
  g_autoptr(TaiouScanner) scanner = taiou_scanner_new (fixture->iocs);
  g_autoptr(TaiouHostSnapshot) snapshot = NULL;
  g_autoptr(TaiouScanResult) result = NULL;
  g_autoptr(GError) error = NULL;
  TaiouFinding *finding;

  result = taiou_system_scan (scanner, NULL, NULL, NULL, NULL, &snapshot, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (snapshot);
  g_assert_cmpint (snapshot->os, ==, TAIOU_HOST_OS_LINUX);
  g_assert_cmpuint (snapshot->processes->len, >, 0);
  /* The scratch folder's two files and this test's own executable, at least. */
  g_assert_cmpuint (result->n_files, >=, 3);
  finding = find_rule (result, "ioc.sha256");
  g_assert_nonnull (finding);
  g_assert_true (g_str_has_suffix (finding->object, "/scratch/a.dll"));
  g_assert_cmpint (finding->score, ==, 90);
}

static void
test_extra_paths_are_walked (Fixture       *fixture,
                             gconstpointer  user_data)
{
  g_autoptr(TaiouScanner) scanner = taiou_scanner_new (fixture->iocs);
  g_autoptr(TaiouScanResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *elsewhere = g_build_filename (g_get_user_data_dir (), "elsewhere", NULL);
  g_autofree char *copy = g_build_filename (elsewhere, "copy.bin", NULL);
  const char *extra[] = { elsewhere, NULL };
  guint n_matches = 0;

  g_assert_cmpint (g_mkdir_with_parents (elsewhere, 0700), ==, 0);
  g_assert_true (g_file_set_contents (copy, "DROPPED", -1, NULL));
  result = taiou_system_scan (scanner, NULL, extra, NULL, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < result->findings->len; i++)
    if (g_str_equal (((TaiouFinding *) result->findings->pdata[i])->rule_id, "ioc.sha256"))
      n_matches++;
  g_assert_cmpuint (n_matches, ==, 2);
}

static void
test_async_and_log (Fixture       *fixture,
                    gconstpointer  user_data)
{
  g_autoptr(TaiouScanner) scanner = taiou_scanner_new (fixture->iocs);
  g_autoptr(GAsyncResult) async_result = NULL;
  g_autoptr(TaiouHostSnapshot) snapshot = NULL;
  g_autoptr(TaiouScanResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *db = NULL;
  g_autoptr(TaiouTimeline) timeline = taiou_test_timeline_new (&db);
  g_autoptr(TaiouIncident) incident = taiou_test_add_incident (timeline, "scan", 0);
  g_autoptr(TaiouCase) scan_case = taiou_case_new (timeline, NULL);
  g_autoptr(GPtrArray) events = NULL;
  TaiouEvent *last;

  taiou_system_scan_async (scanner, NULL, NULL, NULL, NULL, NULL, taiou_test_store_result,
                           &async_result);
  while (async_result == NULL)
    g_main_context_iteration (NULL, TRUE);
  result = taiou_system_scan_finish (scanner, async_result, &snapshot, &error);
  g_assert_no_error (error);
  g_assert_nonnull (snapshot);
  g_assert_nonnull (find_rule (result, "ioc.sha256"));

  taiou_case_set_incident (scan_case, incident);
  g_assert_true (taiou_case_record_scan (scan_case, result, "this computer", &error));
  g_assert_no_error (error);
  events = taiou_timeline_list_events (timeline, taiou_incident_get_id (incident), &error);
  g_assert_no_error (error);
  /* incident.created, one event per finding, the summary. */
  g_assert_cmpuint (events->len, ==, 2 + result->findings->len);
  last = events->pdata[events->len - 1];
  g_assert_cmpstr (taiou_event_get_kind (last), ==, "scan.finished");
  g_assert_true (g_str_has_prefix (taiou_event_get_summary (last), "Scan of this computer: "));
}

static void
test_cancelled (Fixture       *fixture,
                gconstpointer  user_data)
{
  g_autoptr(TaiouScanner) scanner = taiou_scanner_new (fixture->iocs);
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GAsyncResult) async_result = NULL;
  g_autoptr(TaiouHostSnapshot) snapshot = NULL;
  g_autoptr(TaiouScanResult) result = NULL;
  g_autoptr(GError) error = NULL;

  g_cancellable_cancel (cancellable);
  taiou_system_scan_async (scanner, NULL, NULL, NULL, NULL, cancellable, taiou_test_store_result,
                           &async_result);
  while (async_result == NULL)
    g_main_context_iteration (NULL, TRUE);
  result = taiou_system_scan_finish (scanner, async_result, &snapshot, &error);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_null (result);
  g_assert_null (snapshot);
}

#define ADD_TEST(path, func) \
  g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  ADD_TEST ("/system-scan/this-system", test_this_system);
  ADD_TEST ("/system-scan/extra-paths", test_extra_paths_are_walked);
  ADD_TEST ("/system-scan/async-and-log", test_async_and_log);
  ADD_TEST ("/system-scan/cancelled", test_cancelled);
  return g_test_run ();
}
