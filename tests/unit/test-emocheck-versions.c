/* test-emocheck-versions.c — every released EmoCheck's report shapes, and the line an error names
 *
 * The reports come from tests/common/taiou-test-emocheck.c, which writes them from each
 * version's format strings: v0.0.1 … v2.0 × English/Japanese/French × text/JSON, infected and
 * clean, plus the README's sample shapes.
 */
#define G_LOG_DOMAIN "test-emocheck-versions"

#include "config.h"

#include <string.h>

#include "taiou-test-emocheck.h"
#include "taiou-test-util.h"

static void
check_report (const char                *version,
              TaiouTestEmocheckLanguage  language,
              TaiouTestEmocheckFormat    format,
              gboolean                   infected)
{
  g_autofree char *file_name = NULL;
  g_autoptr(GBytes) bytes = taiou_test_emocheck_report (version, language, format, infected,
                                                        &file_name);
  gsize length;
  const char *data = g_bytes_get_data (bytes, &length);
  g_autoptr(GError) error = NULL;
  g_autoptr(TaiouEmocheckReport) report = NULL;
  gboolean json = format == TAIOU_TEST_EMOCHECK_JSON || format == TAIOU_TEST_EMOCHECK_README_JSON;
  TaiouEmocheckProcess *process;

  g_test_message ("v%s %s %s %s", version, taiou_test_emocheck_language_name (language),
                  json ? "json" : "text", infected ? "infected" : "clean");
  report = taiou_emocheck_report_parse (file_name, data, length, &error);
  g_assert_no_error (error);
  g_assert_nonnull (report);

  g_assert_cmpstr (report->version, ==, version);
  g_assert_cmpstr (report->scan_time, ==, TAIOU_TEST_EMOCHECK_SCAN_TIME);
  /* v0.0.1 named no host anywhere; later text reports only in their file name. */
  g_assert_cmpstr (report->hostname, ==,
                   g_str_equal (version, "0.0.1") ? "" : taiou_test_emocheck_host (language));
  g_assert_cmpint (report->infected, ==, infected);
  if (!infected)
    {
      g_assert_cmpuint (report->processes->len, ==, 0);
      return;
    }
  g_assert_cmpuint (report->processes->len, ==, 2);
  process = report->processes->pdata[0];
  g_assert_cmpstr (process->process_name, ==, taiou_test_emocheck_process_name (language));
  g_assert_cmpstr (process->process_id, ==, TAIOU_TEST_EMOCHECK_PID);
  g_assert_cmpstr (process->image_path, ==, taiou_test_emocheck_image_path (language));
  g_assert_cmpstr (process->registry_key, ==,
                   g_str_equal (version, "2.0") ? taiou_test_emocheck_registry_key (language)
                                                : NULL);
  process = report->processes->pdata[1];
  g_assert_cmpstr (process->process_name, ==, "khmerdriver.exe");
  g_assert_cmpstr (process->process_id, ==, "716");
  g_assert_cmpstr (process->image_path, ==, "C:\\ProgramData\\khmerdriver\\khmerdriver.exe");
}

static void
test_every_version (void)
{
  guint n_checked = 0;

  for (guint v = 0; taiou_test_emocheck_versions[v] != NULL; v++)
    for (int language = TAIOU_TEST_EMOCHECK_ENGLISH; language <= TAIOU_TEST_EMOCHECK_FRENCH;
         language++)
      for (int format = TAIOU_TEST_EMOCHECK_TEXT; format <= TAIOU_TEST_EMOCHECK_README_JSON;
           format++)
        if (taiou_test_emocheck_exists (taiou_test_emocheck_versions[v], language, format))
          {
            check_report (taiou_test_emocheck_versions[v], language, format, TRUE);
            check_report (taiou_test_emocheck_versions[v], language, format, FALSE);
            n_checked += 2;
          }
  /* 0.0.1: 2 text; 0.0.2: 4 + 4 README shapes; 1.2: 4; 2.0: 6 — each infected and clean. */
  g_assert_cmpuint (n_checked, ==, 40);
}

static void
test_v2_mixed_encodings (void)
{
  /* v2.0 writes its Japanese words in UTF-8 and the path in CP932: the file is not UTF-8. */
  g_autofree char *file_name = NULL;
  g_autoptr(GBytes) bytes = taiou_test_emocheck_report ("2.0", TAIOU_TEST_EMOCHECK_JAPANESE,
                                                        TAIOU_TEST_EMOCHECK_TEXT, TRUE,
                                                        &file_name);
  gsize length;
  const char *data = g_bytes_get_data (bytes, &length);

  g_assert_false (g_utf8_validate_len (data, length, NULL));
  g_assert_nonnull (g_strstr_len (data, (gssize) length, "プログラム実行時刻"));
}

static void
assert_stops_at (const char *text,
                 guint       line)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TaiouEmocheckReport) report = NULL;
  g_autofree char *expected = g_strdup_printf ("line %u:", line);

  report = taiou_emocheck_report_parse ("PC_20220308101500_emocheck.txt", text, strlen (text),
                                        &error);
  g_assert_null (report);
  g_assert_error (error, TAIOU_IMPORT_ERROR, TAIOU_IMPORT_ERROR_FORMAT);
  g_test_message ("%s", error->message);
  g_assert_nonnull (strstr (error->message, expected));
}

static void
test_error_names_line (void)
{
  /* Not a report at all: the first line. */
  assert_stops_at ("\n\nhello world\n", 3);
  /* A detail before any process name. */
  assert_stops_at ("[EmoCheck v2.0]\nScan time: 2022-03-08 10:15:00\n[Result] \n"
                   "Detected Emotet process.\n[Emotet Process] \n     Process ID    : 716\n", 6);
  /* A process ID that is not a number. */
  assert_stops_at ("[EmoCheck v2.0]\nScan time: x\n[Result] \nDetected Emotet process.\n"
                   "     Process Name  : a.exe\n     Process ID    : 7x\n", 6);
  /* Two results that disagree. */
  assert_stops_at ("[EmoCheck v2.0]\nScan time: x\n[Result] \nNo detection.\n"
                   "Detected Emotet process.\n", 5);
  /* The end: the result never came. */
  assert_stops_at ("[EmoCheck v2.0]\r\nScan time: x\r\n____\r\n", 3);
  /* A line neither UTF-8 nor CP932. */
  assert_stops_at ("[EmoCheck v2.0]\nScan time: x\n\xff\xfe\n", 3);
  /* JSON: a process without its name, on the line its object opens. */
  assert_stops_at ("{\n  \"scan_time\":\"x\",\n  \"is_infected\":\"yes\",\n"
                   "  \"emotet_processes\":[\n    {\n      \"process_id\":\"1\"\n    }\n  ]\n}\n",
                   5);
  /* JSON: the members the report needs, at its closing brace. */
  assert_stops_at ("{\n  \"hostname\":\"PC\"\n}\n", 3);
  /* JSON: a bad escape, and a value cut by a line break. */
  assert_stops_at ("{\n  \"scan_time\":\"a\\qb\"\n}\n", 2);
  assert_stops_at ("{\n\n  \"scan_time\":\"a\nb\"\n}\n", 3);
  /* JSON syntax errors come from json-glib, which names the line too. */
  assert_stops_at ("{\n  \"scan_time\":\"x\",\n  \"is_infected\" \"yes\"\n}\n", 3);
}

static void
test_json_taiou_export_round_trip (void)
{
  /* Taiou's own copy of a report (taiou_emocheck_report_to_json) writes is_infected as a
   * boolean; reading it back gives the same report. */
  g_autofree char *file_name = NULL;
  g_autoptr(GBytes) bytes = taiou_test_emocheck_report ("2.0", TAIOU_TEST_EMOCHECK_JAPANESE,
                                                        TAIOU_TEST_EMOCHECK_JSON, TRUE,
                                                        &file_name);
  gsize length;
  const char *data = g_bytes_get_data (bytes, &length);
  g_autoptr(TaiouEmocheckReport) report = taiou_emocheck_report_parse (file_name, data, length,
                                                                        NULL);
  g_autoptr(JsonObject) object = NULL;
  g_autoptr(JsonNode) node = json_node_new (JSON_NODE_OBJECT);
  g_autofree char *copy = NULL;
  g_autoptr(TaiouEmocheckReport) again = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_nonnull (report);
  object = taiou_emocheck_report_to_json (report);
  json_node_set_object (node, object);
  copy = json_to_string (node, TRUE);
  again = taiou_emocheck_report_parse ("copy.json", copy, strlen (copy), &error);
  g_assert_no_error (error);
  g_assert_true (again->infected);
  g_assert_cmpstr (again->hostname, ==, "経理PC");
  g_assert_cmpstr (((TaiouEmocheckProcess *) again->processes->pdata[0])->image_path, ==,
                   taiou_test_emocheck_image_path (TAIOU_TEST_EMOCHECK_JAPANESE));
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/taiou/emocheck-versions/every-version", test_every_version);
  g_test_add_func ("/taiou/emocheck-versions/v2-mixed-encodings", test_v2_mixed_encodings);
  g_test_add_func ("/taiou/emocheck-versions/error-names-line", test_error_names_line);
  g_test_add_func ("/taiou/emocheck-versions/json-round-trip", test_json_taiou_export_round_trip);

  return g_test_run ();
}
