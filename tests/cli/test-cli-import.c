/* test-cli-import.c — `taiou-cli import emocheck FILE [--incident ID]` */
#define G_LOG_DOMAIN "test-cli-import"

#include "config.h"

#include <string.h>

#include "taiou-test-util.h"

static char *
write_report (const char *name,
              const char *contents)
{
  char *path = g_build_filename (g_get_user_data_dir (), name, NULL);

  g_assert_cmpint (g_mkdir_with_parents (g_get_user_data_dir (), 0700), ==, 0);
  g_assert_true (g_file_set_contents (path, contents, -1, NULL));
  return path;
}

static void
test_import_into_incident (void)
{
  g_autofree char *db = NULL;
  g_autoptr(TaiouTimeline) timeline = taiou_test_timeline_new (&db);
  g_autoptr(TaiouIncident) incident = taiou_test_add_incident (timeline, "x", 0);
  g_autofree char *id = g_strdup_printf ("%" G_GINT64_FORMAT, taiou_incident_get_id (incident));
  g_autofree char *report = write_report ("PC-07_20220308101500_emocheck.json",
                                          "{\"scan_time\":\"2022-03-08 10:15:00\","
                                          "\"hostname\":\"PC-07\",\"emocheck_version\":\"2.3.2\","
                                          "\"is_infected\":\"yes\",\"emotet_processes\":[{"
                                          "\"process_name\":\"mstask.exe\",\"process_id\":\"716\","
                                          "\"image_path\":\"C:\\\\x\\\\mstask.exe\"}]}");
  g_autoptr(TaiouTestCliResult) result = NULL;
  g_autoptr(GPtrArray) events = NULL;

  result = taiou_test_run_cli ("C.UTF-8", "--db", db, "import", "emocheck", report,
                               "--incident", id, NULL);
  g_assert_cmpint (result->status, ==, 1);
  g_assert_nonnull (strstr (result->out, "Result: Emotet was detected."));
  g_assert_nonnull (strstr (result->out, "Recorded in the timeline of incident #1"));

  events = taiou_timeline_list_events (timeline, taiou_incident_get_id (incident), NULL);
  g_assert_cmpuint (events->len, ==, 3);
  g_assert_cmpstr (taiou_event_get_kind (events->pdata[1]), ==, "import.emocheck");
}

static void
test_clean_report_without_incident (void)
{
  g_autofree char *report = write_report ("report.txt",
                                          "[EmoCheck v2.3.2]\nScan time: 2022-03-08 10:15:00\n"
                                          "____\n[Result] \nNo detection.\n");
  g_autoptr(TaiouTestCliResult) result = taiou_test_run_cli ("C.UTF-8", "import", "emocheck",
                                                             report, NULL);

  g_assert_cmpint (result->status, ==, 0);
  g_assert_nonnull (strstr (result->out, "Emotet was not detected"));
  g_assert_nonnull (strstr (result->out, "Nothing was recorded"));
}

static void
test_errors (void)
{
  g_autofree char *db = NULL;
  g_autoptr(TaiouTimeline) timeline = taiou_test_timeline_new (&db);
  g_autofree char *junk = write_report ("junk.txt", "hello\n");
  g_autofree char *clean = write_report ("clean.txt",
                                         "[EmoCheck v2.0]\nScan time: x\n[Result]\nNo detection.\n");
  g_autoptr(TaiouTestCliResult) not_report = taiou_test_run_cli ("C.UTF-8", "import", "emocheck",
                                                                 junk, NULL);
  g_autoptr(TaiouTestCliResult) missing = taiou_test_run_cli ("C.UTF-8", "import", "emocheck",
                                                              "/nonexistent/r.txt", NULL);
  g_autoptr(TaiouTestCliResult) no_incident = taiou_test_run_cli ("C.UTF-8", "--db", db,
                                                                  "import", "emocheck", clean,
                                                                  "--incident", "99", NULL);
  g_autoptr(TaiouTestCliResult) usage = taiou_test_run_cli ("C.UTF-8", "import", "loki", junk,
                                                            NULL);

  g_assert_cmpint (not_report->status, ==, 2);
  g_assert_nonnull (strstr (not_report->err, "is not an EmoCheck report"));
  g_assert_cmpint (missing->status, ==, 2);
  g_assert_cmpint (no_incident->status, ==, 2);
  g_assert_nonnull (strstr (no_incident->err, "no incident number 99"));
  g_assert_cmpint (usage->status, ==, 2);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/taiou/cli/import/emocheck-into-incident", test_import_into_incident);
  g_test_add_func ("/taiou/cli/import/clean-report-without-incident",
                   test_clean_report_without_incident);
  g_test_add_func ("/taiou/cli/import/errors", test_errors);

  return g_test_run ();
}
