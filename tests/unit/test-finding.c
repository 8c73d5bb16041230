/* test-finding.c — findings, severities and Loki-RS score aggregation */
#define G_LOG_DOMAIN "test-finding"

#include "config.h"

#include "taiou.h"

static void
test_aggregate (void)
{
  const int one[] = { 70 };
  const int two[] = { 80, 80 };
  const int unsorted[] = { 40, 100, 60 };
  const int many_small[] = { 30, 30, 30, 30, 30, 30, 30, 30 };
  const int out_of_range[] = { 250, -5 };

  g_assert_cmpint (taiou_score_aggregate (NULL, 0), ==, 0);
  g_assert_cmpint (taiou_score_aggregate (one, 1), ==, 70);
  /* 100·(1 − (1 − 0.8)(1 − 0.4)) = 88 */
  g_assert_cmpint (taiou_score_aggregate (two, 2), ==, 88);
  /* Sorted first: 100 then 60 then 40 → 100. */
  g_assert_cmpint (taiou_score_aggregate (unsorted, 3), ==, 100);
  /* Many weak indicators stay well under an alert:
   * 100·(1 − ∏(1 − 0.3/2ⁱ)) for i = 0…7 = 48.87 (computed independently in Python) */
  g_assert_cmpint (taiou_score_aggregate (many_small, G_N_ELEMENTS (many_small)), ==, 49);
  g_assert_cmpint (taiou_score_aggregate (out_of_range, 2), ==, 100);
}

static void
test_severity (void)
{
  g_assert_cmpint (taiou_severity_for_score (100), ==, TAIOU_SEVERITY_ALERT);
  g_assert_cmpint (taiou_severity_for_score (80), ==, TAIOU_SEVERITY_ALERT);
  g_assert_cmpint (taiou_severity_for_score (79), ==, TAIOU_SEVERITY_WARNING);
  g_assert_cmpint (taiou_severity_for_score (60), ==, TAIOU_SEVERITY_WARNING);
  g_assert_cmpint (taiou_severity_for_score (59), ==, TAIOU_SEVERITY_NOTICE);
  g_assert_cmpint (taiou_severity_for_score (40), ==, TAIOU_SEVERITY_NOTICE);
  g_assert_cmpint (taiou_severity_for_score (39), ==, TAIOU_SEVERITY_INFO);
  g_assert_cmpstr (taiou_severity_to_string (TAIOU_SEVERITY_ALERT), ==, "ALERT");
  g_assert_cmpstr (taiou_severity_to_string (TAIOU_SEVERITY_NOTICE), ==, "NOTICE");
}

static void
test_finding (void)
{
  g_autoptr(TaiouFinding) finding = NULL;
  g_autoptr(TaiouFinding) copy = NULL;

  finding = taiou_finding_new ("ioc.sha256", 130, "C:\\Users\\taro\\AppData\\Local\\x.dll",
                               "sha256 0f6a…", "既知の不正なファイルと一致しました",
                               "The file matches known malware");
  g_assert_cmpint (finding->score, ==, 100);
  g_assert_cmpint (taiou_finding_get_severity (finding), ==, TAIOU_SEVERITY_ALERT);

  finding->sha256 = g_strdup ("0f6a");
  copy = taiou_finding_copy (finding);
  g_assert_cmpstr (copy->sha256, ==, "0f6a");
  g_assert_true (copy != finding);
  g_assert_cmpstr (copy->rule_id, ==, "ioc.sha256");
  g_assert_cmpstr (copy->reason_ja, ==, "既知の不正なファイルと一致しました");
  g_assert_cmpstr (copy->object, ==, finding->object);
  g_assert_true (copy->object != finding->object);
}

/* Pins every key and value, so a change to the one shape that taiou-cli's scan and mail JSON,
 * and the timeline's events, all share is a deliberate one. */
static void
assert_json_is (JsonObject *object,
                const char *expected)
{
  g_autoptr(JsonNode) node = json_node_init_object (json_node_alloc (), object);
  g_autoptr(JsonNode) want = json_from_string (expected, NULL);
  g_autofree char *got = json_to_string (node, FALSE);

  g_assert_nonnull (want);
  if (!json_node_equal (node, want))
    g_error ("finding JSON %s, expected %s", got, expected);
}

static void
test_json_file (void)
{
  g_autoptr(TaiouFinding) finding = NULL;
  g_autoptr(JsonObject) object = NULL;

  finding = taiou_finding_new ("ioc.sha256", 95, "/home/taro/evil.bin", "sha256:ab — Emotet",
                               "既知の不正なファイルと一致しました", "This file matches known malware");
  finding->sha256 = g_strdup ("ab");
  object = taiou_finding_to_json (finding);
  assert_json_is (object,
                  "{\"rule\": \"ioc.sha256\", \"score\": 95, \"level\": \"ALERT\","
                  " \"object\": \"/home/taro/evil.bin\","
                  " \"file_path\": \"/home/taro/evil.bin\", \"sha256\": \"ab\","
                  " \"evidence\": \"sha256:ab — Emotet\","
                  " \"evidence_ja\": \"sha256:ab — Emotet\","
                  " \"message\": \"This file matches known malware\","
                  " \"message_ja\": \"既知の不正なファイルと一致しました\","
                  " \"reasons\": [\"This file matches known malware\"],"
                  " \"reasons_ja\": [\"既知の不正なファイルと一致しました\"]}");
}

static void
test_json_mail (void)
{
  g_autoptr(TaiouFinding) finding = NULL;
  g_autoptr(JsonObject) object = NULL;

  finding = taiou_finding_new ("mail.display-name-spoof", 70, "From: 総務部 <a@evil.example>",
                               "evil.example is not ours", "なりすましです", "This is spoofed");
  /* The app shows the Japanese evidence under ja_JP; JSON keeps both. */
  finding->evidence_ja = g_strdup ("evil.example は当社のドメインではありません");
  g_assert_cmpstr (taiou_finding_get_evidence (finding, TRUE), ==,
                   "evil.example は当社のドメインではありません");
  g_assert_cmpstr (taiou_finding_get_evidence (finding, FALSE), ==, "evil.example is not ours");
  object = taiou_finding_to_json (finding);
  assert_json_is (object,
                  "{\"rule\": \"mail.display-name-spoof\", \"score\": 70,"
                  " \"level\": \"WARNING\", \"object\": \"From: 総務部 <a@evil.example>\","
                  " \"evidence\": \"evil.example is not ours\","
                  " \"evidence_ja\": \"evil.example は当社のドメインではありません\","
                  " \"message\": \"This is spoofed\","
                  " \"message_ja\": \"なりすましです\", \"reasons\": [\"This is spoofed\"],"
                  " \"reasons_ja\": [\"なりすましです\"]}");
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/taiou/finding/aggregate-like-loki-rs", test_aggregate);
  g_test_add_func ("/taiou/finding/severity-thresholds", test_severity);
  g_test_add_func ("/taiou/finding/new-and-copy", test_finding);
  g_test_add_func ("/taiou/finding/json-file", test_json_file);
  g_test_add_func ("/taiou/finding/json-mail", test_json_mail);

  return g_test_run ();
}
