/* test-cli-import.c — `taiou-cli import emocheck FILE|DIR… | loki FILE… [--incident ID]` */
#define G_LOG_DOMAIN "test-cli-import"

#include "config.h"

#include <locale.h>
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
  g_autoptr(TaiouTestCliResult) usage = taiou_test_run_cli ("C.UTF-8", "import", "eicar", junk,
                                                            NULL);
  g_autoptr(TaiouTestCliResult) csv_for_emocheck = taiou_test_run_cli ("C.UTF-8", "import",
                                                                       "emocheck", "--csv",
                                                                       clean, NULL);

  g_assert_cmpint (not_report->status, ==, 2);
  g_assert_nonnull (strstr (not_report->err, "is not an EmoCheck report"));
  g_assert_cmpint (missing->status, ==, 2);
  g_assert_cmpint (no_incident->status, ==, 2);
  g_assert_nonnull (strstr (no_incident->err, "no incident number 99"));
  g_assert_cmpint (usage->status, ==, 2);
  g_assert_nonnull (strstr (usage->err, "emocheck FILE|FOLDER… or loki FILE…"));
  g_assert_cmpint (csv_for_emocheck->status, ==, 2);
}

static guint
count_kind (GPtrArray  *events,
            const char *kind)
{
  guint n = 0;

  for (guint i = 0; i < events->len; i++)
    n += g_strcmp0 (taiou_event_get_kind (events->pdata[i]), kind) == 0 ? 1 : 0;
  return n;
}

static const char clean_text_report[] =
  "[EmoCheck v2.3.2]\r\nScan time: 2022-03-09 09:00:00\r\n____\r\n[Result] \r\n"
  "Emotet was not detected.\r\n";

/* A folder collected from three PCs (one in a folder of its own, one infected), and a file
 * named like a report that is not one: every PC gets its line, the infected one first, the bad
 * file is named, all three reports are recorded, and the status says "detected". */
static void
test_folder_of_three_pcs (void)
{
  g_autofree char *db = NULL;
  g_autoptr(TaiouTimeline) timeline = taiou_test_timeline_new (&db);
  g_autoptr(TaiouIncident) incident = taiou_test_add_incident (timeline, "x", 0);
  g_autofree char *id = g_strdup_printf ("%" G_GINT64_FORMAT, taiou_incident_get_id (incident));
  g_autofree char *stick = g_build_filename (g_get_user_data_dir (), "stick", NULL);
  g_autofree char *sub = g_build_filename (stick, "PC-03", NULL);
  g_autofree char *clean_only = g_build_filename (g_get_user_data_dir (), "clean", NULL);
  g_autoptr(TaiouTestCliResult) result = NULL;
  g_autoptr(TaiouTestCliResult) clean = NULL;
  g_autoptr(TaiouTestCliResult) clean_and_bad = NULL;
  g_autoptr(GPtrArray) events = NULL;
  const char *pc07, *pc02;

  g_assert_cmpint (g_mkdir_with_parents (sub, 0700), ==, 0);
  g_assert_cmpint (g_mkdir_with_parents (clean_only, 0700), ==, 0);
  g_free (write_report ("stick/PC-07_20220308101500_emocheck.json",
                        "{\"scan_time\":\"2022-03-08 10:15:00\",\"hostname\":\"PC-07\","
                        "\"emocheck_version\":\"2.3.2\",\"is_infected\":\"yes\","
                        "\"emotet_processes\":[{\"process_name\":\"mstask.exe\","
                        "\"process_id\":\"716\",\"image_path\":\"C:\\\\x\\\\mstask.exe\"}]}"));
  g_free (write_report ("stick/PC-02_20220309090000_emocheck.txt", clean_text_report));
  g_free (write_report ("stick/PC-03/PC-03_20220309091000_emocheck.txt", clean_text_report));
  g_free (write_report ("stick/PC-09_20220309091000_emocheck.txt", "not a report"));
  g_free (write_report ("clean/PC-02_20220309090000_emocheck.txt", clean_text_report));

  result = taiou_test_run_cli ("C.UTF-8", "--db", db, "import", "emocheck", stick,
                               "--incident", id, NULL);
  g_assert_cmpint (result->status, ==, 1);
  pc07 = strstr (result->out, "PC-07: Emotet DETECTED (EmoCheck 2.3.2, scanned 2022-03-08");
  pc02 = strstr (result->out, "PC-02: Emotet not detected (EmoCheck 2.3.2, scanned 2022-03-09");
  g_assert_nonnull (pc07);
  g_assert_nonnull (pc02);
  g_assert_true (pc07 < pc02);
  g_assert_nonnull (strstr (result->out, "PC-03: Emotet not detected"));
  g_assert_nonnull (strstr (result->out, "    mstask.exe (PID 716) C:\\x\\mstask.exe"));
  g_assert_nonnull (strstr (result->out, "3 reports read from 3 PCs; 1 file could not be read."));
  g_assert_nonnull (strstr (result->out, "Result: Emotet was detected."));
  g_assert_nonnull (strstr (result->err, "PC-09_20220309091000_emocheck.txt"));

  events = taiou_timeline_list_events (timeline, taiou_incident_get_id (incident), NULL);
  g_assert_cmpuint (count_kind (events, TAIOU_EVENT_IMPORT_EMOCHECK), ==, 3);
  g_assert_cmpuint (count_kind (events, TAIOU_EVENT_IMPORT_EMOCHECK_PROCESS), ==, 1);

  /* Nothing detected: 0 when everything was read, 2 when a file could not be. */
  clean = taiou_test_run_cli ("C.UTF-8", "import", "emocheck", clean_only, NULL);
  g_assert_cmpint (clean->status, ==, 0);
  g_assert_nonnull (strstr (clean->out, "1 report read from 1 PC."));
  clean_and_bad = taiou_test_run_cli ("C.UTF-8", "import", "emocheck", clean_only,
                                      "/nonexistent/PC-04_emocheck.txt", NULL);
  g_assert_cmpint (clean_and_bad->status, ==, 2);
  g_assert_nonnull (strstr (clean_and_bad->out, "Result: Emotet was not detected."));
  g_assert_nonnull (strstr (clean_and_bad->err, "/nonexistent/PC-04_emocheck.txt"));
}

static char *
loki_fixture (const char *name)
{
  return g_build_filename (TAIOU_SOURCE_ROOT, "tests", "fuzz", "corpus", "loki", name, NULL);
}

/* Loki's text and CSV logs and a Loki-RS JSONL log into one incident; `timeline show` lists
 * what was recorded. */
static void
test_loki_into_incident (void)
{
  g_autofree char *db = NULL;
  g_autoptr(TaiouTimeline) timeline = taiou_test_timeline_new (&db);
  g_autoptr(TaiouIncident) incident = taiou_test_add_incident (timeline, "x", 0);
  g_autofree char *id = g_strdup_printf ("%" G_GINT64_FORMAT, taiou_incident_get_id (incident));
  g_autofree char *text = loki_fixture ("text-windows.log");
  g_autofree char *csv = loki_fixture ("csv-windows.csv");
  g_autofree char *jsonl = loki_fixture ("loki-rs.jsonl");
  g_autoptr(TaiouTestCliResult) result = NULL;
  g_autoptr(TaiouTestCliResult) forced_csv = NULL;
  g_autoptr(TaiouTestCliResult) shown = NULL;
  g_autoptr(TaiouTestCliResult) observables = NULL;
  g_autoptr(GPtrArray) events = NULL;

  result = taiou_test_run_cli ("C.UTF-8", "--db", db, "import", "loki", text, jsonl,
                               "--incident", id, NULL);
  g_assert_cmpint (result->status, ==, 1);
  g_assert_nonnull (strstr (result->out, "text-windows.log: Loki text log from PC-07"));
  g_assert_nonnull (strstr (result->out, "ALERT 1, WARNING 1, NOTICE 2"));
  g_assert_nonnull (strstr (result->out, "Loki said: Indicators detected!"));
  g_assert_nonnull (strstr (result->out, "ALERT   FileScan score 150 C:\\Users\\yamada"));
  g_assert_nonnull (strstr (result->out, "loki-rs.jsonl: Loki-RS JSONL log from pc-12.example.lan"));
  g_assert_nonnull (strstr (result->out, "Result: Loki found alerts or warnings."));
  g_assert_nonnull (strstr (result->out, "Recorded in the timeline of incident #"));

  forced_csv = taiou_test_run_cli ("C.UTF-8", "--db", db, "import", "loki", "--csv", csv,
                                   "--incident", id, NULL);
  g_assert_cmpint (forced_csv->status, ==, 1);
  g_assert_nonnull (strstr (forced_csv->out, "csv-windows.csv: Loki CSV log from PC-07"));

  events = taiou_timeline_list_events (timeline, taiou_incident_get_id (incident), NULL);
  g_assert_cmpuint (count_kind (events, TAIOU_EVENT_IMPORT_LOKI), ==, 3);
  /* 4 from each Windows log, 3 from the Loki-RS one */
  g_assert_cmpuint (count_kind (events, TAIOU_EVENT_IMPORT_LOKI_FINDING), ==, 11);

  shown = taiou_test_run_cli ("C.UTF-8", "--db", db, "timeline", "show", id, NULL);
  g_assert_cmpint (shown->status, ==, 0);
  g_assert_nonnull (strstr (shown->out, "Loki log loki-rs.jsonl from pc-12.example.lan: ALERT 1"));
  g_assert_nonnull (strstr (shown->out, "Loki ALERT on pc-12.example.lan (file_match, score 150): "
                                        "/home/sato/"));

  /* The hashes Loki reported are the incident's observables for TheHive and MISP. */
  observables = taiou_test_run_cli ("C.UTF-8", "--db", db, "timeline", "export", "--incident", id,
                                    "--format", "observables-csv", NULL);
  g_assert_cmpint (observables->status, ==, 0);
  g_assert_nonnull (strstr (observables->out, "0123456789abcdef0123456789abcdef0123456789abcdef"
                                              "0123456789abcdef"));
}

/* Status 0 only for logs read whole with nothing found; an unreadable one is named and makes
 * it 2; an escape sequence in a log is printed harmless. */
static void
test_loki_status_and_errors (void)
{
  g_autofree char *clean = loki_fixture ("clean-text.log");
  g_autofree char *hostile = write_report ("hostile.log",
                                           "20240304T09:30:00Z PC\x1b[2J LOKI: Notice: MODULE: X "
                                           "MESSAGE: y\n");
  g_autoptr(TaiouTestCliResult) ok = taiou_test_run_cli ("C.UTF-8", "import", "loki", clean,
                                                         NULL);
  g_autoptr(TaiouTestCliResult) missing = taiou_test_run_cli ("C.UTF-8", "import", "loki", clean,
                                                              "/nonexistent/loki.log", NULL);
  g_autoptr(TaiouTestCliResult) wrong = taiou_test_run_cli ("C.UTF-8", "import", "loki",
                                                            "--jsonl", clean, NULL);
  g_autoptr(TaiouTestCliResult) both = taiou_test_run_cli ("C.UTF-8", "import", "loki", "--csv",
                                                           "--jsonl", clean, NULL);
  g_autoptr(TaiouTestCliResult) escaped = taiou_test_run_cli ("C.UTF-8", "import", "loki",
                                                              hostile, NULL);

  g_assert_cmpint (ok->status, ==, 0);
  g_assert_nonnull (strstr (ok->out, "ALERT 0, WARNING 0, NOTICE 0 — Loki said: SYSTEM SEEMS"));
  g_assert_nonnull (strstr (ok->out, "Nothing was recorded"));
  g_assert_cmpint (missing->status, ==, 2);
  g_assert_nonnull (strstr (missing->err, "Could not read /nonexistent/loki.log"));
  g_assert_nonnull (strstr (missing->out, "Result: Loki found no alerts or warnings."));
  g_assert_cmpint (wrong->status, ==, 2);
  g_assert_nonnull (strstr (wrong->err, "is not a Loki log in the jsonl format"));
  g_assert_cmpint (both->status, ==, 2);
  g_assert_cmpint (escaped->status, ==, 0);
  g_assert_null (strchr (escaped->out, '\x1b'));
  g_assert_nonnull (strstr (escaped->out, "PC\\x1b[2J"));
}

/* More notices than are kept: nothing was detected, but the log was not kept whole, so the
 * status is 2 with a warning that says why. */
static void
test_loki_truncated (void)
{
  g_autoptr(GString) data = g_string_new (NULL);
  g_autofree char *path = NULL;
  g_autoptr(TaiouTestCliResult) result = NULL;

  for (guint i = 0; i <= TAIOU_LOKI_MAX_FINDINGS; i++)
    g_string_append_printf (data, "20240304T09:30:00Z PC LOKI: Notice: MODULE: ProcessScan "
                                  "MESSAGE: Listening process PID: %u NAME: x\n", i);
  path = write_report ("many-notices.log", data->str);
  result = taiou_test_run_cli ("C.UTF-8", "import", "loki", path, NULL);
  g_assert_cmpint (result->status, ==, 2);
  g_assert_nonnull (strstr (result->out, "ALERT 0, WARNING 0, NOTICE 10001"));
  g_assert_nonnull (strstr (result->err, "many-notices.log was not read to the end"));
}

/* The same, for a user who reads Japanese. */
static void
test_loki_in_japanese (void)
{
  g_autofree char *jsonl = loki_fixture ("loki-rs.jsonl");
  g_autoptr(TaiouTestCliResult) result = NULL;
  g_autoptr(TaiouTestCliResult) missing = NULL;

  if (setlocale (LC_MESSAGES, "ja_JP.UTF-8") == NULL)
    {
      g_test_skip ("the ja_JP.UTF-8 locale is not installed");
      return;
    }
  setlocale (LC_MESSAGES, "C.UTF-8");
  result = taiou_test_run_cli ("ja_JP.UTF-8", "import", "loki", jsonl, NULL);
  missing = taiou_test_run_cli ("ja_JP.UTF-8", "import", "loki", "/nonexistent/loki.log", NULL);
  g_assert_cmpint (result->status, ==, 1);
  g_assert_nonnull (strstr (result->out, "結果：Loki が ALERT または WARNING を見つけました。"));
  g_assert_cmpint (missing->status, ==, 2);
  g_assert_nonnull (strstr (missing->err, "/nonexistent/loki.log を読み込めませんでした"));
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
  g_test_add_func ("/taiou/cli/import/emocheck-folder-of-three-pcs", test_folder_of_three_pcs);
  g_test_add_func ("/taiou/cli/import/loki-into-incident", test_loki_into_incident);
  g_test_add_func ("/taiou/cli/import/loki-status-and-errors", test_loki_status_and_errors);
  g_test_add_func ("/taiou/cli/import/loki-truncated", test_loki_truncated);
  g_test_add_func ("/taiou/cli/import/loki-in-japanese", test_loki_in_japanese);

  return g_test_run ();
}
