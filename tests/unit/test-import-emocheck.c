/* test-import-emocheck.c — EmoCheck reports (English, Japanese in CP932, JSON) into the timeline */
#define G_LOG_DOMAIN "test-import-emocheck"

#include "config.h"

#include <string.h>

#include "taiou-test-util.h"

static const char english_infected[] =
  "[EmoCheck v2.3.2]\r\n"
  "Scan time: 2022-03-08 10:15:00\r\n"
  "____________________________________________________\r\n"
  "[Result] \r\n"
  "Detected Emotet process.\r\n"
  "\r\n"
  "[Emotet Process] \r\n"
  "     Process Name  : mstask.exe\r\n"
  "     Process ID    : 716\r\n"
  "     Image Path    : C:\\Users\\taro\\AppData\\Local\\mstask\\mstask.exe\r\n"
  "     Registry Key  : Software\\Microsoft\\Windows\\CurrentVersion\\Run\\mstask\r\n"
  "____________________________________________________\r\n"
  "Please remove or isolate the suspicious execution file.\r\n";

static const char japanese_infected[] =
  "[EmoCheck v2.0]\r\n"
  "プログラム実行時刻: 2022-03-08 10:15:00\r\n"
  "____________________________________________________\r\n"
  "[結果]\r\n"
  "Emotetを検知しました。\r\n"
  "\r\n"
  "[詳細]\r\n"
  "     プロセス名    : khmerdriver.exe\r\n"
  "     プロセスID    : 4242\r\n"
  "     イメージパス  : C:\\Users\\山田\\AppData\\Local\\khmerdriver\\khmerdriver.exe\r\n"
  "____________________________________________________\r\n"
  "イメージパスの実行ファイルを隔離/削除してください。\r\n";

static TaiouEmocheckReport *
parse (const char *file_name,
       const char *data,
       gsize       length)
{
  g_autoptr(GError) error = NULL;
  TaiouEmocheckReport *report = taiou_emocheck_report_parse (file_name, data, length, &error);

  g_assert_no_error (error);
  g_assert_nonnull (report);
  return report;
}

static void
test_english_text (void)
{
  g_autoptr(TaiouEmocheckReport) report = parse ("C:\\out\\PC-07_20220308101500_emocheck.txt",
                                                 english_infected, strlen (english_infected));
  TaiouEmocheckProcess *process;

  g_assert_cmpstr (report->version, ==, "2.3.2");
  g_assert_cmpstr (report->scan_time, ==, "2022-03-08 10:15:00");
  g_assert_cmpstr (report->hostname, ==, "PC-07");
  g_assert_true (report->infected);
  g_assert_cmpuint (report->processes->len, ==, 1);
  process = report->processes->pdata[0];
  g_assert_cmpstr (process->process_name, ==, "mstask.exe");
  g_assert_cmpstr (process->process_id, ==, "716");
  g_assert_cmpstr (process->image_path, ==, "C:\\Users\\taro\\AppData\\Local\\mstask\\mstask.exe");
  g_assert_cmpstr (process->registry_key, ==,
                   "Software\\Microsoft\\Windows\\CurrentVersion\\Run\\mstask");
}

static void
test_english_clean (void)
{
  const char *both[] = {
    "[EmoCheck v1.0]\nScan time: 2020-02-03 13:06:20\n____\n[Result] \nNo detection.\n",
    "[EmoCheck v2.3.2]\nScan time: 2022-03-08 10:15:00\n____\n[Result]\nEmotet was not detected.\n",
  };

  for (guint i = 0; i < G_N_ELEMENTS (both); i++)
    {
      g_autoptr(TaiouEmocheckReport) report = parse ("report.txt", both[i], strlen (both[i]));

      g_assert_false (report->infected);
      g_assert_cmpuint (report->processes->len, ==, 0);
      g_assert_cmpstr (report->hostname, ==, "");
    }
}

static void
test_japanese_cp932 (void)
{
  /* EmoCheck wrote Japanese reports in the Windows code page, not UTF-8. */
  g_autofree char *cp932 = NULL;
  g_autoptr(TaiouEmocheckReport) report = NULL;
  gsize length;
  TaiouEmocheckProcess *process;

  cp932 = g_convert (japanese_infected, -1, "CP932", "UTF-8", NULL, &length, NULL);
  g_assert_nonnull (cp932);
  g_assert_false (g_utf8_validate (cp932, (gssize) length, NULL));

  report = parse ("経理PC_20220308101500_emocheck.txt", cp932, length);
  g_assert_cmpstr (report->version, ==, "2.0");
  g_assert_cmpstr (report->hostname, ==, "経理PC");
  g_assert_true (report->infected);
  process = report->processes->pdata[0];
  g_assert_cmpstr (process->process_name, ==, "khmerdriver.exe");
  g_assert_cmpstr (process->process_id, ==, "4242");
  g_assert_cmpstr (process->image_path, ==,
                   "C:\\Users\\山田\\AppData\\Local\\khmerdriver\\khmerdriver.exe");
}

static void
test_repeated_lines_last_wins (void)
{
  /* Found by fuzzing: repeated header lines leaked the earlier value. */
  const char *text = "[EmoCheck v1.0]\n[EmoCheck v2.0]\nScan time: first\nScan time: second\n"
                     "[Result]\nNo detection.\n";
  g_autoptr(TaiouEmocheckReport) report = parse ("r.txt", text, strlen (text));

  g_assert_cmpstr (report->version, ==, "2.0");
  g_assert_cmpstr (report->scan_time, ==, "second");
}

static void
test_json (void)
{
  const char *infected =
    "{\n  \"scan_time\":\"2022-03-08 10:15:00\",\n  \"hostname\":\"PC-07\",\n"
    "  \"emocheck_version\":\"2.3.2\",\n  \"is_infected\":\"yes\",\n"
    "  \"emotet_processes\":[\n    {\n      \"process_name\":\"mstask.exe\",\n"
    "      \"process_id\":\"716\",\n"
    "      \"image_path\":\"C:\\\\Users\\\\taro\\\\AppData\\\\Local\\\\mstask\\\\mstask.exe\",\n"
    "      \"registry_key\":\"HKCU\\\\Software\\\\Microsoft\\\\Windows\\\\CurrentVersion\\\\Run\"\n"
    "    }\n  ]\n}\n";
  const char *clean =
    "{\"scan_time\":\"2022-03-08 10:15:00\",\"hostname\":\"PC-08\",\"emocheck_version\":\"2.3.2\","
    "\"is_infected\":\"no\"}";
  g_autoptr(TaiouEmocheckReport) yes = parse ("x.json", infected, strlen (infected));
  g_autoptr(TaiouEmocheckReport) no = parse ("x.json", clean, strlen (clean));

  g_assert_true (yes->infected);
  g_assert_cmpstr (yes->hostname, ==, "PC-07");
  g_assert_cmpstr (((TaiouEmocheckProcess *) yes->processes->pdata[0])->image_path, ==,
                   "C:\\Users\\taro\\AppData\\Local\\mstask\\mstask.exe");
  g_assert_false (no->infected);
  g_assert_cmpstr (no->hostname, ==, "PC-08");
}

static void
test_not_a_report (void)
{
  const char *bad[] = {
    "hello world\n",
    "[EmoCheck v2.0]\nScan time: x\n",                                     /* no result */
    "[EmoCheck v2.0]\nScan time: x\n[Result]\nDetected Emotet process.\n",  /* no process */
    "{\"scan_time\":\"x\",\"is_infected\":\"maybe\"}",
    "{\"is_infected\":\"yes\",\"scan_time\":\"x\",\"emotet_processes\":[{\"pid\":1}]}",
    "[1, 2]",
    "{",
  };

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(TaiouEmocheckReport) report = NULL;

      report = taiou_emocheck_report_parse ("bad.txt", bad[i], strlen (bad[i]), &error);
      g_assert_null (report);
      g_assert_error (error, TAIOU_IMPORT_ERROR, TAIOU_IMPORT_ERROR_FORMAT);
      g_assert_nonnull (strstr (error->message, "bad.txt"));
    }
}

static void
test_hostile_input (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *huge = g_strnfill (2 * 1024 * 1024, 'x');
  g_autoptr(TaiouEmocheckReport) report = NULL;

  report = taiou_emocheck_report_parse ("huge.txt", huge, strlen (huge), &error);
  g_assert_error (error, TAIOU_IMPORT_ERROR, TAIOU_IMPORT_ERROR_TOO_LARGE);
  g_clear_error (&error);

  report = taiou_emocheck_report_parse ("nul.txt", "[EmoCheck v2.0]\0x", 17, &error);
  g_assert_error (error, TAIOU_IMPORT_ERROR, TAIOU_IMPORT_ERROR_FORMAT);
  g_clear_error (&error);

  /* Not UTF-8, and not valid CP932 either. */
  report = taiou_emocheck_report_parse ("junk.txt", "\x81\x20\xff\xfe", 4, &error);
  g_assert_error (error, TAIOU_IMPORT_ERROR, TAIOU_IMPORT_ERROR_FORMAT);
}

static void
test_log_to_timeline (void)
{
  g_autoptr(TaiouTimeline) timeline = taiou_test_timeline_new (NULL);
  g_autoptr(TaiouIncident) incident = taiou_test_add_incident (timeline, "x", 0);
  g_autoptr(TaiouCase) import_case = taiou_case_new (timeline, NULL);
  g_autoptr(TaiouEmocheckReport) report = parse ("PC-07_20220308101500_emocheck.txt",
                                                 english_infected, strlen (english_infected));
  g_autoptr(GPtrArray) events = NULL;
  g_autoptr(TaiouTimelineVerification) verification = NULL;
  g_autoptr(GError) error = NULL;

  taiou_case_set_incident (import_case, incident);
  g_assert_true (taiou_case_record_emocheck (import_case, report, &error));
  g_assert_no_error (error);
  events = taiou_timeline_list_events (timeline, taiou_incident_get_id (incident), &error);
  g_assert_cmpuint (events->len, ==, 3);
  g_assert_cmpstr (taiou_event_get_kind (events->pdata[1]), ==, "import.emocheck");
  g_assert_cmpstr (taiou_event_get_summary (events->pdata[1]), ==,
                   "EmoCheck 2.3.2 on PC-07 (2022-03-08 10:15:00): Emotet found in 1 process");
  g_assert_nonnull (strstr (taiou_event_get_detail (events->pdata[1]), "\"is_infected\":true"));
  g_assert_cmpstr (taiou_event_get_kind (events->pdata[2]), ==, "import.emocheck.process");
  g_assert_nonnull (strstr (taiou_event_get_summary (events->pdata[2]), "mstask.exe (PID 716)"));

  verification = taiou_timeline_verify (timeline, NULL, &error);
  g_assert_true (verification->intact);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/taiou/import-emocheck/english-text", test_english_text);
  g_test_add_func ("/taiou/import-emocheck/english-clean", test_english_clean);
  g_test_add_func ("/taiou/import-emocheck/japanese-cp932", test_japanese_cp932);
  g_test_add_func ("/taiou/import-emocheck/repeated-lines-last-wins",
                   test_repeated_lines_last_wins);
  g_test_add_func ("/taiou/import-emocheck/json", test_json);
  g_test_add_func ("/taiou/import-emocheck/not-a-report", test_not_a_report);
  g_test_add_func ("/taiou/import-emocheck/hostile-input", test_hostile_input);
  g_test_add_func ("/taiou/import-emocheck/log-to-timeline", test_log_to_timeline);

  return g_test_run ();
}
