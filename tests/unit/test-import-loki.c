/* test-import-loki.c — Loki's text and CSV logs and Loki-RS's JSONL, and hostile ones
 *
 * The fixtures are the fuzz seeds in tests/fuzz/corpus/loki/: synthetic lines written from the
 * formats in Loki's and Loki-RS's logger code (the hashes and rules are made up).
 */
#define G_LOG_DOMAIN "test-import-loki"

#include "config.h"

#include <string.h>

#include "taiou-test-util.h"

#define SHA256 "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef"

static TaiouLokiLog *
load_fixture (const char      *name,
              TaiouLokiFormat  format)
{
  g_autofree char *path = g_build_filename (TAIOU_SOURCE_ROOT, "tests", "fuzz", "corpus", "loki",
                                            name, NULL);
  g_autoptr(GError) error = NULL;
  TaiouLokiLog *log = taiou_loki_log_load (path, format, NULL, &error);

  g_assert_no_error (error);
  g_assert_nonnull (log);
  return log;
}

static TaiouLokiFinding *
finding (TaiouLokiLog *log,
         guint         index)
{
  g_assert_cmpuint (index, <, log->findings->len);
  return log->findings->pdata[index];
}

/* What the Windows text and CSV fixtures hold: the same eleven lines. */
static void
assert_windows_log (TaiouLokiLog *log)
{
  TaiouLokiFinding *alert, *warning;

  g_assert_cmpstr (log->hostname, ==, "PC-07");
  g_assert_cmpstr (log->version, ==, "0.51.1");
  g_assert_cmpstr (log->scan_start, ==, "2024-03-04T09:30:00Z");
  g_assert_cmpstr (log->scan_end, ==, "2024-03-04T09:40:01Z");
  g_assert_cmpstr (log->result, ==, "Indicators detected!");
  g_assert_cmpuint (log->n_scans, ==, 1);
  g_assert_cmpuint (log->n_alerts, ==, 1);
  g_assert_cmpuint (log->n_warnings, ==, 1);
  /* "not as Administrator" and the listening port; not the start, end or Loki's tally */
  g_assert_cmpuint (log->n_notices, ==, 2);
  g_assert_cmpuint (log->findings->len, ==, 4);
  g_assert_cmpuint (log->n_lines, ==, 11);
  g_assert_cmpuint (log->n_skipped, ==, 0);
  g_assert_false (log->truncated);
  g_assert_true (taiou_loki_log_detected (log));

  alert = finding (log, 1);
  g_assert_cmpint (alert->level, ==, TAIOU_LOKI_LEVEL_ALERT);
  g_assert_cmpuint (alert->line, ==, 4);
  g_assert_cmpstr (alert->timestamp, ==, "2024-03-04T09:31:12Z");
  g_assert_cmpstr (alert->module, ==, "FileScan");
  g_assert_cmpstr (alert->file_path, ==, "C:\\Users\\yamada\\AppData\\Local\\Temp\\請求書 2024.exe");
  g_assert_cmpint (alert->score, ==, 150);
  g_assert_cmpstr (alert->md5, ==, "0123456789abcdef0123456789abcdef");
  g_assert_cmpstr (alert->sha1, ==, "0123456789abcdef0123456789abcdef01234567");
  g_assert_cmpstr (alert->sha256, ==, SHA256);
  g_assert_cmpuint (alert->reasons->len, ==, 2);
  g_assert_cmpstr (alert->reasons->pdata[0], ==,
                   "Malware Hash TYPE: MD5 HASH: 0123456789abcdef0123456789abcdef SUBSCORE: 100 "
                   "DESC: Synthetic test hash, not malware");
  g_assert_true (g_str_has_prefix (alert->reasons->pdata[1], "Yara Rule MATCH: TAIOU_Synth"));
  g_assert_true (g_str_has_suffix (alert->message, "AUTHOR: Taiou tests"));

  warning = finding (log, 2);
  g_assert_cmpint (warning->level, ==, TAIOU_LOKI_LEVEL_WARNING);
  g_assert_cmpstr (warning->module, ==, "ProcessScan");
  g_assert_cmpint (warning->pid, ==, 4321);
  g_assert_cmpstr (warning->process_name, ==, "svchost.exe");
  g_assert_cmpstr (warning->file_path, ==, "C:\\Users\\yamada\\svchost.exe");
  g_assert_cmpint (warning->score, ==, -1);
  g_assert_null (warning->md5);
}

static void
test_text (void)
{
  g_autoptr(TaiouLokiLog) log = load_fixture ("text-windows.log", TAIOU_LOKI_FORMAT_AUTO);

  g_assert_cmpint (log->format, ==, TAIOU_LOKI_FORMAT_TEXT);
  g_assert_cmpstr (log->source_name, ==, "text-windows.log");
  assert_windows_log (log);
}

static void
test_csv (void)
{
  g_autoptr(TaiouLokiLog) log = load_fixture ("csv-windows.csv", TAIOU_LOKI_FORMAT_AUTO);
  g_autoptr(TaiouLokiLog) forced = load_fixture ("csv-windows.csv", TAIOU_LOKI_FORMAT_CSV);

  g_assert_cmpint (log->format, ==, TAIOU_LOKI_FORMAT_CSV);
  assert_windows_log (log);
  assert_windows_log (forced);
  /* The message's own commas stay in the message. */
  g_assert_nonnull (strstr (finding (log, 1)->message, "Synthetic test hash, not malware"));
}

/* Loki before 2018 wrote no module, in either format. */
static void
test_without_module (void)
{
  g_autoptr(TaiouLokiLog) text = load_fixture ("text-2017.log", TAIOU_LOKI_FORMAT_AUTO);
  g_autoptr(TaiouLokiLog) csv = load_fixture ("csv-2017.csv", TAIOU_LOKI_FORMAT_AUTO);
  TaiouLokiLog *logs[] = { text, csv };

  for (guint i = 0; i < G_N_ELEMENTS (logs); i++)
    {
      g_assert_cmpstr (logs[i]->hostname, ==, "pc-old");
      g_assert_cmpstr (logs[i]->version, ==, "0.51.1");
      g_assert_cmpuint (logs[i]->n_alerts, ==, 1);
      g_assert_cmpuint (logs[i]->findings->len, ==, 3);
      g_assert_null (finding (logs[i], 1)->module);
      g_assert_cmpstr (finding (logs[i], 1)->sha256, ==, SHA256);
      g_assert_true (g_str_has_prefix (finding (logs[i], 1)->message, "FILE: C:\\Users"));
    }
  g_assert_cmpint (text->format, ==, TAIOU_LOKI_FORMAT_TEXT);
  g_assert_cmpint (csv->format, ==, TAIOU_LOKI_FORMAT_CSV);
}

/* Opened and saved by a spreadsheet: quoted fields, a BOM, or CP932 on Japanese Windows. */
static void
test_csv_from_spreadsheet (void)
{
  const char *names[] = { "csv-spreadsheet-bom.csv", "csv-spreadsheet-cp932.csv" };

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      g_autoptr(TaiouLokiLog) log = load_fixture (names[i], TAIOU_LOKI_FORMAT_AUTO);
      TaiouLokiFinding *alert;

      g_assert_cmpint (log->format, ==, TAIOU_LOKI_FORMAT_CSV);
      g_assert_cmpstr (log->hostname, ==, "経理-PC");
      g_assert_cmpuint (log->n_skipped, ==, 0);
      g_assert_cmpuint (log->n_not_utf8, ==, i == 0 ? 0 : 5);
      alert = finding (log, 1);
      g_assert_cmpstr (alert->module, ==, "FileScan");
      g_assert_cmpstr (alert->file_path, ==,
                       "C:\\Users\\yamada\\AppData\\Local\\Temp\\請求書 2024.exe");
      g_assert_true (g_str_has_suffix (alert->message, "AUTHOR: Taiou tests"));
      g_assert_cmpuint (alert->reasons->len, ==, 2);
    }
}

static void
test_jsonl (void)
{
  g_autoptr(TaiouLokiLog) log = load_fixture ("loki-rs.jsonl", TAIOU_LOKI_FORMAT_AUTO);
  g_autoptr(JsonObject) json = NULL;
  TaiouLokiFinding *alert, *process;

  g_assert_cmpint (log->format, ==, TAIOU_LOKI_FORMAT_JSONL);
  g_assert_cmpstr (log->hostname, ==, "pc-12.example.lan");
  g_assert_cmpstr (log->version, ==, "2.7.0");
  g_assert_cmpstr (log->scan_start, ==, "2026-01-12T08:59:01Z");
  g_assert_cmpstr (log->scan_end, ==, "2026-01-12T08:59:10Z");
  g_assert_true (g_str_has_prefix (log->result, "Loki-RS scan finished."));
  g_assert_cmpuint (log->n_alerts, ==, 1);
  g_assert_cmpuint (log->n_warnings, ==, 1);
  g_assert_cmpuint (log->n_notices, ==, 1);
  g_assert_cmpuint (log->findings->len, ==, 3);

  alert = finding (log, 0);
  g_assert_cmpstr (alert->module, ==, "file_match");
  g_assert_cmpstr (alert->file_path, ==, "/home/sato/ダウンロード/invoice.pdf.exe");
  g_assert_cmpint (alert->score, ==, 150);
  g_assert_cmpstr (alert->sha256, ==, SHA256);
  g_assert_cmpuint (alert->reasons->len, ==, 2);
  g_assert_cmpstr (alert->reasons->pdata[0], ==,
                   "YARA match: TAIOU_Synthetic_Test SUBSCORE: 100 DESC: Synthetic rule for tests");
  g_assert_cmpstr (alert->timestamp, ==, "2026-01-12T08:59:05Z");

  process = finding (log, 1);
  g_assert_cmpint (process->level, ==, TAIOU_LOKI_LEVEL_WARNING);
  g_assert_cmpint (process->pid, ==, 4242);
  g_assert_cmpstr (process->process_name, ==, "updater");
  g_assert_null (process->file_path);

  json = taiou_loki_finding_to_json (alert);
  g_assert_cmpstr (json_object_get_string_member (json, "sha256"), ==, SHA256);
  g_assert_cmpstr (json_object_get_string_member (json, "level"), ==, "ALERT");
  g_assert_cmpint (json_object_get_int_member (json, "score"), ==, 150);
}

/* Malformed lines, as in Loki-RS's own fixture, and one nested past the depth limit, are
 * skipped and counted; the others are read. */
static void
test_jsonl_malformed (void)
{
  g_autoptr(TaiouLokiLog) log = load_fixture ("loki-rs-malformed.jsonl", TAIOU_LOKI_FORMAT_AUTO);
  g_autoptr(GString) deep = g_string_new ("{\"level\":\"ALERT\",\"event_type\":\"file_match\","
                                          "\"x\":");
  g_autoptr(TaiouLokiLog) deep_log = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_cmpuint (log->n_skipped, ==, 3);
  g_assert_cmpuint (log->n_alerts, ==, 1);
  g_assert_cmpstr (log->scan_end, ==, "2026-01-12T08:59:10Z");

  for (guint i = 0; i < 200000; i++)
    g_string_append_c (deep, '[');
  deep_log = taiou_loki_log_parse ("deep.jsonl", deep->str, deep->len, TAIOU_LOKI_FORMAT_JSONL,
                                   &error);
  g_assert_error (error, TAIOU_IMPORT_ERROR, TAIOU_IMPORT_ERROR_FORMAT);
  g_assert_null (deep_log);
}

static void
test_not_loki (void)
{
  struct
  {
    const char      *data;
    TaiouLokiFormat  format;
    const char      *message;
  } cases[] = {
    { "", TAIOU_LOKI_FORMAT_AUTO, "is empty" },
    { "hello\nworld\n", TAIOU_LOKI_FORMAT_AUTO, "is not a Loki log" },
    { "{\"a\":1}\n", TAIOU_LOKI_FORMAT_AUTO, "is not a Loki log" },
    /* A text log is not a CSV log */
    { "20240304T09:30:00Z PC LOKI: Alert: MODULE: FileScan MESSAGE: FILE: x SCORE: 1\n",
      TAIOU_LOKI_FORMAT_CSV, "in the csv format" },
    /* … even when its message has commas in the right places */
    { "20240304T09:30:00Z PC LOKI: Info: MODULE: Init MESSAGE: a,PC,ALERT,Init,b\n",
      TAIOU_LOKI_FORMAT_CSV, "in the csv format" },
    { "x,y,ALERT,z\n", TAIOU_LOKI_FORMAT_AUTO, "is not a Loki log" },
    { "2024,PC,NOPE,z\n", TAIOU_LOKI_FORMAT_CSV, "in the csv format" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(TaiouLokiLog) log = taiou_loki_log_parse ("x.log", cases[i].data,
                                                          strlen (cases[i].data),
                                                          cases[i].format, &error);

      g_assert_null (log);
      g_assert_error (error, TAIOU_IMPORT_ERROR, TAIOU_IMPORT_ERROR_FORMAT);
      g_assert_nonnull (strstr (error->message, cases[i].message));
    }
}

static void
test_missing_file (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TaiouLokiLog) log = taiou_loki_log_load ("/nonexistent/loki.log",
                                                     TAIOU_LOKI_FORMAT_AUTO, NULL, &error);

  g_assert_null (log);
  g_assert_error (error, TAIOU_IMPORT_ERROR, TAIOU_IMPORT_ERROR_READ);
  g_assert_nonnull (strstr (error->message, "/nonexistent/loki.log"));
}

/* A line over the limit is skipped, counted, and does not stop the lines after it; bytes that
 * are neither UTF-8 nor CP932 are repaired; NUL bytes do not cut the reading short. */
static void
test_hostile_lines (void)
{
  static const char nul_line[] = "20240304T09:32:00Z PC LOKI: Notice: MODULE: X MESSAGE: a\0b\n";
  g_autoptr(GString) data = g_string_new ("20240304T09:30:00Z PC LOKI: Alert: MODULE: FileScan "
                                          "MESSAGE: FILE: ");
  g_autoptr(TaiouLokiLog) log = NULL;
  g_autoptr(GError) error = NULL;
  TaiouLokiFinding *repaired;

  for (guint i = 0; i < TAIOU_LOKI_MAX_LINE; i++)
    g_string_append_c (data, 'A');
  g_string_append (data, " SCORE: 100\n");
  g_string_append (data, "20240304T09:31:00Z PC LOKI: Warning: MODULE: FileScan MESSAGE: FILE: "
                         "C:\\\xff\xfe\x80.exe SCORE: 70\n");
  g_string_append_len (data, nul_line, sizeof nul_line - 1);
  g_string_append (data, "20240304T09:33:00Z PC LOKI: Notice: MODULE: X MESSAGE: \x1b[2Jcleared");

  log = taiou_loki_log_parse ("hostile.log", data->str, data->len, TAIOU_LOKI_FORMAT_AUTO,
                              &error);
  g_assert_no_error (error);
  g_assert_cmpuint (log->n_overlong, ==, 1);
  g_assert_cmpuint (log->n_alerts, ==, 0);
  g_assert_cmpuint (log->n_warnings, ==, 1);
  g_assert_cmpuint (log->n_notices, ==, 2);
  g_assert_cmpuint (log->n_not_utf8, ==, 2);
  g_assert_cmpuint (log->n_lines, ==, 4);
  repaired = finding (log, 0);
  g_assert_true (g_utf8_validate (repaired->message, -1, NULL));
  g_assert_cmpint (repaired->score, ==, 70);
  g_assert_cmpstr (finding (log, 1)->message, ==, "a?b");
  /* Kept as written; whoever prints it makes it harmless (taiou_cli_printable). */
  g_assert_cmpstr (finding (log, 2)->message, ==, "\x1b[2Jcleared");
}

/* A message far over the field limit is kept cut on a character boundary. */
static void
test_long_message (void)
{
  g_autoptr(GString) data = g_string_new ("20240304T09:30:00Z PC LOKI: Alert: MODULE: FileScan "
                                          "MESSAGE: ");
  g_autoptr(TaiouLokiLog) log = NULL;

  for (guint i = 0; i < TAIOU_LOKI_MAX_FIELD; i++)
    g_string_append (data, "あ");
  log = taiou_loki_log_parse ("long.log", data->str, data->len, TAIOU_LOKI_FORMAT_TEXT, NULL);
  g_assert_nonnull (log);
  g_assert_cmpuint (strlen (finding (log, 0)->message), <=, TAIOU_LOKI_MAX_FIELD);
  g_assert_cmpuint (strlen (finding (log, 0)->message), >, TAIOU_LOKI_MAX_FIELD - 3);
  g_assert_true (g_utf8_validate (finding (log, 0)->message, -1, NULL));
}

/* Past TAIOU_LOKI_MAX_FINDINGS the findings are counted, not kept, and the log says it was
 * truncated.  Read from a file, so lines are also split across the reader's chunks. */
static void
test_finding_limit (void)
{
  g_autofree char *path = g_build_filename (g_get_user_data_dir (), "many.log", NULL);
  g_autoptr(GString) data = g_string_new (NULL);
  g_autoptr(TaiouLokiLog) log = NULL;
  g_autoptr(GError) error = NULL;
  guint n = TAIOU_LOKI_MAX_FINDINGS + 5;

  for (guint i = 0; i < n; i++)
    g_string_append_printf (data, "20240304T09:30:00Z PC LOKI: Alert: MODULE: FileScan MESSAGE: "
                                  "FILE: C:\\f%u.exe SCORE: %u\r\n", i, i % 200);
  g_assert_cmpint (g_mkdir_with_parents (g_get_user_data_dir (), 0700), ==, 0);
  g_assert_true (g_file_set_contents (path, data->str, (gssize) data->len, NULL));

  log = taiou_loki_log_load (path, TAIOU_LOKI_FORMAT_AUTO, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (log->n_alerts, ==, n);
  g_assert_cmpuint (log->findings->len, ==, TAIOU_LOKI_MAX_FINDINGS);
  g_assert_true (log->truncated);
  g_assert_cmpuint (log->n_bytes, ==, data->len);
  for (guint i = 0; i < log->findings->len; i += 997)
    {
      g_autofree char *expected = g_strdup_printf ("C:\\f%u.exe", i);

      g_assert_cmpstr (finding (log, i)->file_path, ==, expected);
      g_assert_cmpint (finding (log, i)->score, ==, (int) (i % 200));
    }
}

/* The record: one summary event, then one per finding, with the detail readers rely on. */
static JsonObject *
event_detail (TaiouEvent *event)
{
  g_autoptr(JsonNode) node = json_from_string (taiou_event_get_detail (event), NULL);

  g_assert_nonnull (node);
  return json_object_ref (json_node_get_object (node));
}

static void
test_record (void)
{
  g_autofree char *db = NULL;
  g_autoptr(TaiouTimeline) timeline = taiou_test_timeline_new (&db);
  g_autoptr(TaiouCase) record_case = taiou_test_case_with_incident (timeline);
  g_autoptr(TaiouLokiLog) log = load_fixture ("loki-rs.jsonl", TAIOU_LOKI_FORMAT_AUTO);
  g_autoptr(GPtrArray) events = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) summary_detail = NULL;
  g_autoptr(JsonObject) finding_detail = NULL;
  g_autoptr(TaiouTimelineVerification) verification = NULL;
  gint64 incident_id = taiou_incident_get_id (taiou_case_get_incident (record_case));

  g_assert_true (taiou_case_record_loki (record_case, log, &error));
  g_assert_no_error (error);

  events = taiou_timeline_list_events (timeline, incident_id, NULL);
  g_assert_cmpuint (events->len, ==, 5);
  g_assert_cmpstr (taiou_event_get_kind (events->pdata[1]), ==, TAIOU_EVENT_IMPORT_LOKI);
  summary_detail = event_detail (events->pdata[1]);
  g_assert_cmpint (json_object_get_int_member (summary_detail, "alerts"), ==, 1);
  g_assert_false (json_object_get_boolean_member (summary_detail,
                                                  TAIOU_EVENT_DETAIL_LOKI_TRUNCATED));
  g_assert_cmpstr (taiou_event_get_kind (events->pdata[2]), ==, TAIOU_EVENT_IMPORT_LOKI_FINDING);
  finding_detail = event_detail (events->pdata[2]);
  g_assert_cmpstr (json_object_get_string_member (finding_detail,
                                                  TAIOU_EVENT_DETAIL_LOKI_FILE_PATH), ==,
                   "/home/sato/ダウンロード/invoice.pdf.exe");
  g_assert_nonnull (strstr (taiou_event_get_summary (events->pdata[2]), "score 150"));
  g_assert_cmpstr (taiou_event_kind_get_label (TAIOU_EVENT_IMPORT_LOKI_FINDING), ==,
                   "Found by Loki");
  verification = taiou_timeline_verify (timeline, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (verification->intact);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/taiou/import-loki/text", test_text);
  g_test_add_func ("/taiou/import-loki/csv", test_csv);
  g_test_add_func ("/taiou/import-loki/without-module", test_without_module);
  g_test_add_func ("/taiou/import-loki/csv-from-spreadsheet", test_csv_from_spreadsheet);
  g_test_add_func ("/taiou/import-loki/jsonl", test_jsonl);
  g_test_add_func ("/taiou/import-loki/jsonl-malformed", test_jsonl_malformed);
  g_test_add_func ("/taiou/import-loki/not-loki", test_not_loki);
  g_test_add_func ("/taiou/import-loki/missing-file", test_missing_file);
  g_test_add_func ("/taiou/import-loki/hostile-lines", test_hostile_lines);
  g_test_add_func ("/taiou/import-loki/long-message", test_long_message);
  g_test_add_func ("/taiou/import-loki/finding-limit", test_finding_limit);
  g_test_add_func ("/taiou/import-loki/record", test_record);

  return g_test_run ();
}
