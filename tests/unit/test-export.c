/* test-export.c — every export format: golden files of a small synthetic incident, the three-line
 * rule of Timesketch, hostile text (CSV injection, control characters, huge and invalid strings,
 * deep JSON), observables, paging over thousands of events, and writing files all or nothing
 *
 *   TAIOU_UPDATE_GOLDEN=1 meson test -C _build export    rewrites tests/data/export-golden/
 */
#define G_LOG_DOMAIN "test-export"

#include "config.h"

#include <glib/gstdio.h>
#include <string.h>
#include <sys/stat.h>

#include "taiou-event-private.h"
#include "taiou-export-private.h"
#include "taiou-test-chain.h"
#include "taiou-test-util.h"

#define GOLDEN_DIR TAIOU_SOURCE_ROOT "/tests/data/export-golden"

/* 2026-11-23T01:00:00Z and on, one minute apart. */
#define T0 G_GINT64_CONSTANT (1795395600000000)
#define MINUTE G_GINT64_CONSTANT (60000000)

#define SHA_ATTACHMENT "AB3C7F0E1D2C3B4A5968778695A4B3C2D1E0F9E8D7C6B5A4938271605F4E3D2C"
#define SHA_DROPPED    "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef"
#define MD5_DROPPED    "0f343b0931126a20f133d67c2b018a3b"

static const TaiouExportOptions golden_options = {
  .exported_us = T0 + 60 * MINUTE,
  .exported_on = "IT-PC",
  .exported_by = "it-admin",
};

typedef struct
{
  char   *db;
  gint64  main_id;    /* the incident with a mail, a scan and hostile notes */
  gint64  small_id;   /* one event only */
  gint64  other_id;   /* events between the main incident's: gaps in its chain */
} Fixture;

static const char mail_detail[] =
  "{\"source\":\"請求書.eml\",\"verdict\":\"dangerous\",\"score\":95,\"subject\":\"請求書の件\","
  "\"attachments\":[{\"name\":\"請求書.doc\",\"type\":\"office-macro\",\"sha256\":\""
  SHA_ATTACHMENT "\"}],"
  "\"findings\":["
  "{\"rule\":\"ioc.url\",\"score\":100,\"object\":\"http://evil.example/payload.doc\","
  "\"evidence\":\"http://evil.example/payload.doc — URLhaus\"},"
  "{\"rule\":\"mail.link-ip-host\",\"score\":60,\"object\":\"http://203.0.113.5/x\","
  "\"evidence\":\"link to a bare address: http://203.0.113.5/x\"},"
  "{\"rule\":\"ioc.domain\",\"score\":90,\"object\":\"https://Bad.Example.COM./login\","
  "\"evidence\":\"bad.example.com — ThreatFox\"},"
  "{\"rule\":\"mail.link-mismatch\",\"score\":70,\"object\":\"body\","
  "\"evidence\":\"link shows bank.example.jp but goes to phish.example.org "
  "(https://phish.example.org/a?b=1)\"}]}";

static const char scan_detail[] =
  "{\"rule\":\"ioc.sha256\",\"score\":100,\"object\":\"C:\\\\Users\\\\yamada\\\\AppData\\\\x.dll\","
  "\"sha256\":\"" SHA_ATTACHMENT "\",\"evidence\":\"sha256:" SHA_ATTACHMENT " — Emotet\"}";

static const char scan_md5_detail[] =
  "{\"rule\":\"ioc.md5\",\"score\":100,\"object\":\"C:\\\\tmp\\\\y.exe\",\"sha256\":\""
  SHA_DROPPED "\",\"evidence\":\"md5:" MD5_DROPPED " — Emotet\"}";

static const char c2_detail[] =
  "{\"findings\":[{\"rule\":\"ioc.c2-connection\",\"object\":\"198.51.100.7:8080\","
  "\"evidence\":\"tcp 10.0.0.2:50000 → 198.51.100.7:8080\"},"
  "{\"rule\":\"ioc.c2-connection\",\"object\":\"2001:DB8::1:443\",\"evidence\":\"tcp\"},"
  "{\"rule\":\"ioc.autorun-c2\",\"object\":\"HKCU Run x\","
  "\"evidence\":\"HKCU Run x names evil2.example.net: Emotet C2: epoch 5\"}]}";

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  TaiouTestChain *chain;

  fixture->db = taiou_test_db_path ();
  chain = taiou_test_chain_open (fixture->db);
  fixture->main_id = taiou_test_chain_add_incident (chain,
                                                    "6f1c2a7e-3b1d-4c8e-9f00-000000000001",
                                                    "怪しいメールを開いた", T0 + MINUTE, T0,
                                                    "PC-07", "山田 太郎");
  taiou_test_chain_add_event (chain, fixture->main_id, T0 + 2 * MINUTE, "mail.triage", "山田 太郎",
                              "PC-07", "Mail “請求書の件” from a@evil.example: 危険 (score 95)",
                              mail_detail);
  fixture->other_id = taiou_test_chain_add_incident (chain,
                                                     "6f1c2a7e-3b1d-4c8e-9f00-000000000002",
                                                     "other", T0 + 3 * MINUTE, T0 + 3 * MINUTE,
                                                     "PC-08", "佐藤 花子");
  taiou_test_chain_add_event (chain, fixture->main_id, T0 + 4 * MINUTE, "scan.finding", "root",
                              "PC-07", "Known malware: x.dll", scan_detail);
  taiou_test_chain_add_event (chain, fixture->main_id, T0 + 5 * MINUTE, "scan.finding", "root",
                              "PC-07", "Known malware: y.exe", scan_md5_detail);
  taiou_test_chain_add_event (chain, fixture->main_id, T0 + 6 * MINUTE, "scan.finished", "root",
                              "PC-07", "Scan finished", c2_detail);
  /* What an attacker controls ends up in summaries: a formula, escape sequences, line breaks. */
  taiou_test_chain_add_event (chain, fixture->main_id, T0 + 7 * MINUTE, "note", "@admin",
                              "-PC|07,x",
                              "=HYPERLINK(\"http://x.example\",\"見る\")\r\n\x1b[31m赤\t"
                              "\xe2\x80\xa8次\xc2\x85行 \\ \"引用\"",
                              "{\"text\":\"a\\u0000b\"}");
  taiou_test_chain_add_event (chain, fixture->main_id, T0 + 8 * MINUTE, "note", "+1", "PC-07",
                              "x", NULL);
  fixture->small_id = taiou_test_chain_add_incident (chain,
                                                     "6f1c2a7e-3b1d-4c8e-9f00-000000000003",
                                                     "小さい件", T0 + 9 * MINUTE, T0 + 9 * MINUTE,
                                                     "PC-09", "鈴木 一郎");
  taiou_test_chain_close (chain);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  g_unlink (fixture->db);
  g_free (fixture->db);
}

static TaiouTimeline *
open_timeline (const char *db)
{
  g_autoptr(GError) error = NULL;
  TaiouTimeline *timeline = taiou_timeline_open (db, &error);

  g_assert_no_error (error);
  return timeline;
}

/* Returns: (transfer full): the export as a NUL-terminated string */
static char *
export_to_string (const char               *db,
                  gint64                    incident_id,
                  TaiouExportFormat         format,
                  const TaiouExportOptions *options)
{
  g_autoptr(TaiouTimeline) timeline = open_timeline (db);
  g_autoptr(GOutputStream) output = g_memory_output_stream_new_resizable ();
  g_autoptr(GError) error = NULL;

  g_assert_true (taiou_export_incident (timeline, incident_id, format, output, options, NULL,
                                        &error));
  g_assert_no_error (error);
  g_output_stream_write_all (output, "", 1, NULL, NULL, &error);
  g_output_stream_close (output, NULL, &error);
  g_assert_no_error (error);
  return g_memory_output_stream_steal_data (G_MEMORY_OUTPUT_STREAM (output));
}

static gboolean
updating (void)
{
  return g_strcmp0 (g_getenv ("TAIOU_UPDATE_GOLDEN"), "1") == 0;
}

static void
compare_or_update (const char *file,
                   const char *actual)
{
  g_autofree char *path = g_build_filename (GOLDEN_DIR, file, NULL);
  g_autofree char *expected = NULL;
  g_autoptr(GError) error = NULL;

  if (updating ())
    {
      g_file_set_contents (path, actual, -1, &error);
      g_assert_no_error (error);
      g_test_message ("TAIOU_UPDATE_GOLDEN=1: wrote %s", path);
      return;
    }
  if (!g_file_get_contents (path, &expected, NULL, &error))
    {
      g_test_fail_printf ("%s; run with TAIOU_UPDATE_GOLDEN=1 to write it", error->message);
      return;
    }
  if (g_strcmp0 (expected, actual) != 0)
    {
      g_auto(GStrv) expected_lines = g_strsplit (expected, "\n", -1);
      g_auto(GStrv) actual_lines = g_strsplit (actual, "\n", -1);
      guint i = 0;

      while (expected_lines[i] != NULL && actual_lines[i] != NULL &&
             g_str_equal (expected_lines[i], actual_lines[i]))
        i++;
      g_test_message ("- %s", expected_lines[i] != NULL ? expected_lines[i] : "(end)");
      g_test_message ("+ %s", actual_lines[i] != NULL ? actual_lines[i] : "(end)");
      g_test_fail_printf ("%s differs at line %u; if intended, run with TAIOU_UPDATE_GOLDEN=1 "
                          "and review the diff", path, i + 1);
    }
}

static JsonNode *
parse_json (const char *text)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;

  json_parser_load_from_data (parser, text, -1, &error);
  g_assert_no_error (error);
  return json_node_copy (json_parser_get_root (parser));
}

static void
test_golden (Fixture       *fixture,
             gconstpointer  data)
{
  for (guint format = 0; format < TAIOU_EXPORT_N_FORMATS; format++)
    {
      g_autofree char *text = NULL;
      g_autofree char *file = NULL;

      /* The reports are for people, tested in test-report.c. */
      if (taiou_export_format_is_report (format))
        continue;
      text = export_to_string (fixture->db, fixture->main_id, format, &golden_options);
      file = g_strdup_printf ("%s.%s", taiou_export_format_to_string (format),
                              taiou_export_format_get_extension (format));
      g_assert_true (g_utf8_validate (text, -1, NULL));
      compare_or_update (file, text);
    }
}

/* Each line is a JSON object with Timesketch's required fields and an integer timestamp. */
static guint
check_timesketch_jsonl (const char *text)
{
  g_auto(GStrv) lines = g_strsplit (text, "\n", -1);
  guint n = 0;

  for (; lines[n] != NULL && lines[n][0] != '\0'; n++)
    {
      g_autoptr(JsonNode) root = parse_json (lines[n]);
      JsonObject *object = json_node_get_object (root);
      JsonNode *timestamp = json_object_get_member (object, "timestamp");
      g_autoptr(GDateTime) datetime = NULL;

      g_assert_nonnull (json_object_get_string_member (object, "message"));
      g_assert_nonnull (json_object_get_string_member (object, "timestamp_desc"));
      datetime = g_date_time_new_from_iso8601 (json_object_get_string_member (object,
                                                                              "datetime"), NULL);
      g_assert_nonnull (datetime);
      g_assert_cmpint (json_node_get_value_type (timestamp), ==, G_TYPE_INT64);
      g_assert_cmpint (g_date_time_to_unix (datetime) * G_USEC_PER_SEC +
                       g_date_time_get_microsecond (datetime), ==, json_node_get_int (timestamp));
    }
  g_assert_null (lines[n + 1]); /* nothing after the last newline */
  return n;
}

static void
test_timesketch_three_lines (Fixture       *fixture,
                             gconstpointer  data)
{
  g_autofree char *main = export_to_string (fixture->db, fixture->main_id,
                                            TAIOU_EXPORT_FORMAT_TIMESKETCH_JSONL, NULL);
  g_autofree char *small = export_to_string (fixture->db, fixture->small_id,
                                             TAIOU_EXPORT_FORMAT_TIMESKETCH_JSONL, NULL);
  g_autofree char *emptied = NULL;
  g_autofree char *sql = NULL;

  /* Markers around the 7 events. */
  g_assert_cmpuint (check_timesketch_jsonl (main), ==, 7 + 2);
  /* One event: still three lines, the fewest Timesketch takes (timesketch#2467). */
  g_assert_cmpuint (check_timesketch_jsonl (small), ==, 3);
  g_assert_nonnull (strstr (small, "\"timestamp_desc\":\"Discovered\""));
  g_assert_nonnull (strstr (small, "\"timestamp_desc\":\"Exported\""));

  /* An incident whose events are gone (a tampered file) still gives three lines. */
  sql = g_strdup_printf ("DELETE FROM events WHERE incident_id = %" G_GINT64_FORMAT,
                         fixture->small_id);
  taiou_test_sqlite_exec (fixture->db, sql);
  emptied = export_to_string (fixture->db, fixture->small_id,
                              TAIOU_EXPORT_FORMAT_TIMESKETCH_JSONL, NULL);
  g_assert_cmpuint (check_timesketch_jsonl (emptied), ==, 3);
  g_assert_nonnull (strstr (emptied, "none of its events remain"));
}

static void
test_csv_cells (void)
{
  static const struct
  {
    const char *in;
    const char *out;
  } cases[] = {
    { "plain", "\"plain\"" },
    { "", "\"\"" },
    { "say \"hi\", ok", "\"say \"\"hi\"\", ok\"" },
    { "=1+1", "\"'=1+1\"" },
    { "+81 3", "\"'+81 3\"" },
    { "-2", "\"'-2\"" },
    { "@SUM(A1)", "\"'@SUM(A1)\"" },
    { "a=b", "\"a=b\"" },
    { "\t=1", "\"\\t=1\"" },           /* a tab no longer leads: the cell starts with '\' */
    { "l1\r\nl2", "\"l1\\r\\nl2\"" },
    { "\x1b[2J", "\"\\x1b[2J\"" },
    { "\x7f", "\"\\x7f\"" },
    { "a\xc2\x85z", "\"a\\u0085z\"" },   /* NEL, a line break to str.splitlines() */
    { "a\xe2\x80\xa8z\xe2\x80\xa9", "\"a\\u2028z\\u2029\"" },
    { "\xc2\xa9 \xe2\x80\x94 日本", "\"\xc2\xa9 \xe2\x80\x94 日本\"" },
    { "bad\xff", "\"bad\xef\xbf\xbd\"" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GString) out = g_string_new (NULL);

      _taiou_export_csv_text (out, cases[i].in, 0);
      g_assert_cmpstr (out->str, ==, cases[i].out);
    }
}

static void
test_json_strings (void)
{
  g_autoptr(GString) out = g_string_new (NULL);
  g_autofree char *huge = NULL;
  g_autoptr(JsonNode) node = NULL;

  _taiou_export_json_string (out, "\"\\/\b\f\n\r\t\x01\x1f\x7f\xe2\x80\xa8日", 0);
  g_assert_cmpstr (out->str, ==, "\"\\\"\\\\/\\b\\f\\n\\r\\t\\u0001\\u001f\x7f\xe2\x80\xa8日\"");
  g_string_truncate (out, 0);
  _taiou_export_json_string (out, "a\xc3(", 0);
  g_assert_cmpstr (out->str, ==, "\"a\xef\xbf\xbd(\"");

  /* Cut on a character boundary ("あ" is 3 bytes), saying how long the text was. */
  huge = g_strnfill (30000, 'x');
  memcpy (huge + 9, "あ", 3);
  g_string_truncate (out, 0);
  _taiou_export_json_string (out, huge, 10);
  g_assert_cmpstr (out->str, ==, "\"xxxxxxxxx… [cut: 30000 bytes in all]\"");
  node = parse_json (out->str);
  g_assert_true (JSON_NODE_HOLDS_VALUE (node));
}

static void
test_hostile_text (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autofree char *big_summary = g_strnfill (200000, 'A');
  g_autofree char *sql = NULL;
  g_autofree char *csv = NULL;
  g_autofree char *iris = NULL;
  g_autofree char *jsonl = NULL;
  g_autofree char *taiou_json = NULL;
  g_autoptr(JsonNode) root = NULL;
  g_auto(GStrv) csv_lines = NULL;
  g_auto(GStrv) iris_lines = NULL;
  JsonArray *events;

  /* Rows a tampered file may hold: a huge summary, invalid UTF-8, a detail nested 100,000 deep. */
  sql = g_strdup_printf ("UPDATE events SET summary = '%s' WHERE seq = 4;"
                         "UPDATE events SET actor = CAST(X'616263FF' AS TEXT) WHERE seq = 5;"
                         "UPDATE events SET detail = '{\"sha256\":1,\"rule\":' || "
                         "  replace(hex(zeroblob(100000)), '00', '[') WHERE seq = 6;",
                         big_summary);
  taiou_test_sqlite_exec (fixture->db, sql);

  csv = export_to_string (fixture->db, fixture->main_id, TAIOU_EXPORT_FORMAT_TIMESKETCH_CSV,
                          NULL);
  iris = export_to_string (fixture->db, fixture->main_id, TAIOU_EXPORT_FORMAT_IRIS_CSV, NULL);
  jsonl = export_to_string (fixture->db, fixture->main_id, TAIOU_EXPORT_FORMAT_TIMESKETCH_JSONL,
                            NULL);
  taiou_json = export_to_string (fixture->db, fixture->main_id, TAIOU_EXPORT_FORMAT_TAIOU_JSON,
                                 NULL);
  g_free (export_to_string (fixture->db, fixture->main_id, TAIOU_EXPORT_FORMAT_OBSERVABLES_JSON,
                            NULL));

  for (const char *text = csv; text != NULL; text = text == csv ? iris : NULL)
    {
      g_assert_true (g_utf8_validate (text, -1, NULL));
      g_assert_null (strchr (text, '\r'));
      g_assert_null (strstr (text, "\xe2\x80\xa8"));
      g_assert_null (strchr (text, '\x1b'));
    }
  /* One line per row: header + markers + 7 events, header + 7 events. */
  csv_lines = g_strsplit (csv, "\n", -1);
  g_assert_cmpuint (g_strv_length (csv_lines), ==, 1 + 9 + 1);
  iris_lines = g_strsplit (iris, "\n", -1);
  g_assert_cmpuint (g_strv_length (iris_lines), ==, 1 + 7 + 1);
  /* No cell starts a formula; the huge summary is cut well under Python's csv field limit. */
  g_assert_nonnull (strstr (csv, "\"'=HYPERLINK(\"\"http://x.example\"\""));
  g_assert_nonnull (strstr (csv, ",\"'@admin\","));
  g_assert_nonnull (strstr (csv, ",\"'-PC|07,x\","));
  for (guint i = 0; csv_lines[i] != NULL; i++)
    g_assert_cmpuint (strlen (csv_lines[i]), <, 131072);
  g_assert_nonnull (strstr (csv, "[cut: 200000 bytes in all]"));
  g_assert_nonnull (strstr (iris, "\"note: x\""));
  g_assert_nonnull (strstr (iris, "\"taiou|note|-PC_07_x\""));

  g_assert_cmpuint (check_timesketch_jsonl (jsonl), ==, 9);
  g_assert_true (g_utf8_validate (taiou_json, -1, NULL));

  /* taiou-json keeps the huge summary whole: it is evidence. */
  root = parse_json (taiou_json);
  events = json_object_get_array_member (json_node_get_object (root), "events");
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (events, 2),
                                                  "summary"), ==, big_summary);
}

/* An importer can recompute every event's hash from the file alone. */
static void
test_taiou_json_chain (Fixture       *fixture,
                       gconstpointer  data)
{
  g_autofree char *text = export_to_string (fixture->db, fixture->main_id,
                                            TAIOU_EXPORT_FORMAT_TAIOU_JSON, &golden_options);
  g_autoptr(JsonNode) root = parse_json (text);
  JsonObject *object = json_node_get_object (root);
  JsonArray *events = json_object_get_array_member (object, "events");
  JsonObject *chain = json_object_get_object_member (object, "chain");
  JsonObject *database = json_object_get_object_member (object, "database");
  const char *last_hash = NULL;

  g_assert_cmpstr (json_object_get_string_member (object, "format"), ==, "taiou-json");
  g_assert_cmpuint (json_array_get_length (events), ==, 7);
  for (guint i = 0; i < json_array_get_length (events); i++)
    {
      JsonObject *event = json_array_get_object_element (events, i);
      TaiouEventFields fields = {
        .seq = json_object_get_int_member (event, "seq"),
        .incident_id = json_object_get_int_member (event, "incident_id"),
        .time_us = json_object_get_int_member (event, "time_us"),
        .kind = json_object_get_string_member (event, "kind"),
        .actor = json_object_get_string_member (event, "actor"),
        .host = json_object_get_string_member (event, "host"),
        .summary = json_object_get_string_member (event, "summary"),
        .detail = json_object_get_string_member (event, "detail"),
      };
      g_autofree char *hash = _taiou_event_compute_hash (
        json_object_get_string_member (event, "prev_hash"), &fields);

      g_assert_cmpstr (hash, ==, json_object_get_string_member (event, "hash"));
      last_hash = json_object_get_string_member (event, "hash");
    }
  g_assert_cmpint (json_object_get_int_member (chain, "events"), ==, 7);
  g_assert_cmpint (json_object_get_int_member (chain, "gaps"), ==, 1);
  g_assert_cmpstr (json_object_get_string_member (chain, "head_hash"), ==, last_hash);
  g_assert_true (json_object_get_boolean_member (database, "intact"));
  g_assert_cmpint (json_object_get_int_member (database, "events"), ==, 9);
}

static JsonObject *
find_observable (JsonArray  *observables,
                 const char *type,
                 const char *value)
{
  for (guint i = 0; i < json_array_get_length (observables); i++)
    {
      JsonObject *observable = json_array_get_object_element (observables, i);

      if (g_str_equal (json_object_get_string_member (observable, "type"), type) &&
          g_str_equal (json_object_get_string_member (observable, "value"), value))
        return observable;
    }
  g_test_fail_printf ("no %s observable “%s”", type, value);
  return NULL;
}

static void
test_observables (Fixture       *fixture,
                  gconstpointer  data)
{
  g_autofree char *text = export_to_string (fixture->db, fixture->main_id,
                                            TAIOU_EXPORT_FORMAT_OBSERVABLES_JSON, NULL);
  g_autoptr(JsonNode) root = parse_json (text);
  JsonArray *observables = json_object_get_array_member (json_node_get_object (root),
                                                         "observables");
  g_autofree char *attachment_lower = g_ascii_strdown (SHA_ATTACHMENT, -1);
  JsonObject *hash;
  JsonObject *domain;

  /* The attachment's hash, seen in the mail and again by the scan: one row, two sightings. */
  hash = find_observable (observables, "sha256", attachment_lower);
  g_assert_cmpint (json_object_get_int_member (hash, "sightings"), ==, 2);
  g_assert_true (json_object_get_boolean_member (hash, "ioc"));
  g_assert_cmpint (json_object_get_int_member (hash, "first_seq"), ==, 2);
  g_assert_cmpint (json_object_get_int_member (hash, "last_seq"), ==, 4);
  g_assert_cmpstr (json_object_get_string_member (hash, "misp_type"), ==, "sha256");
  g_assert_cmpstr (json_object_get_string_member (hash, "thehive_data_type"), ==, "hash");

  /* The file's MD5 matched an IOC, so its SHA-256 names known malware too. */
  g_assert_true (json_object_get_boolean_member (
                   find_observable (observables, "sha256", SHA_DROPPED), "ioc"));
  g_assert_true (json_object_get_boolean_member (
                   find_observable (observables, "md5", MD5_DROPPED), "ioc"));
  g_assert_true (json_object_get_boolean_member (
                   find_observable (observables, "url", "http://evil.example/payload.doc"),
                   "ioc"));
  find_observable (observables, "url", "http://203.0.113.5/x");
  g_assert_false (json_object_get_boolean_member (
                    find_observable (observables, "ip", "203.0.113.5"), "ioc"));
  domain = find_observable (observables, "domain", "bad.example.com");
  g_assert_true (json_object_get_boolean_member (domain, "ioc"));
  g_assert_cmpstr (json_object_get_string_member (domain, "misp_category"), ==,
                   "Network activity");
  find_observable (observables, "url", "https://phish.example.org/a?b=1");
  find_observable (observables, "ip", "198.51.100.7");
  find_observable (observables, "ip", "2001:db8::1");
  find_observable (observables, "domain", "evil2.example.net");
  /* Nothing guessed from free text: the note's link is not evidence. */
  g_assert_null (strstr (text, "x.example\""));
  g_assert_cmpuint (json_array_get_length (observables), ==, 12);
}

static gboolean
count_event (TaiouEvent  *event,
             gpointer     user_data,
             GError     **error)
{
  gint64 *last = user_data;

  g_assert_cmpint (taiou_event_get_seq (event), >, *last);
  *last = taiou_event_get_seq (event);
  return TRUE;
}

/* More events than one page, interleaved with another incident's. */
static void
test_paging (void)
{
  g_autofree char *db = taiou_test_db_path ();
  TaiouTestChain *chain = taiou_test_chain_open (db);
  g_autoptr(TaiouTimeline) timeline = NULL;
  g_autoptr(GError) error = NULL;
  gint64 a = taiou_test_chain_add_incident (chain, "u-a", "a", T0, T0, "PC", "r");
  gint64 b = taiou_test_chain_add_incident (chain, "u-b", "b", T0, T0, "PC", "r");
  gint64 last = 0;
  g_autofree char *text = NULL;

  for (guint i = 0; i < 5000; i++)
    taiou_test_chain_add_event (chain, i % 3 == 0 ? b : a, T0 + i, "note", "r", "PC", "n", NULL);
  taiou_test_chain_close (chain);

  timeline = open_timeline (db);
  g_assert_cmpint (taiou_timeline_count_events (timeline, a, &error), ==, 1 + 3333);
  g_assert_true (taiou_timeline_foreach_event (timeline, a, count_event, &last, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpint (last, ==, 5002);
  g_clear_object (&timeline);

  text = export_to_string (db, a, TAIOU_EXPORT_FORMAT_TIMESKETCH_JSONL, NULL);
  g_assert_cmpuint (check_timesketch_jsonl (text), ==, 1 + 3333 + 2);
  g_unlink (db);
}

static void
test_errors (Fixture       *fixture,
             gconstpointer  data)
{
  g_autoptr(TaiouTimeline) timeline = open_timeline (fixture->db);
  g_autoptr(GOutputStream) output = g_memory_output_stream_new_resizable ();
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GError) error = NULL;
  TaiouExportFormat format;

  g_assert_true (taiou_export_format_from_string ("iris-csv", &format));
  g_assert_cmpint (format, ==, TAIOU_EXPORT_FORMAT_IRIS_CSV);
  g_assert_false (taiou_export_format_from_string ("excel", &format));
  g_assert_false (taiou_export_format_from_string (NULL, &format));

  g_assert_false (taiou_export_incident (timeline, 42, TAIOU_EXPORT_FORMAT_TAIOU_JSON, output,
                                         NULL, NULL, &error));
  g_assert_error (error, TAIOU_TIMELINE_ERROR, TAIOU_TIMELINE_ERROR_NOT_FOUND);
  g_clear_error (&error);

  g_cancellable_cancel (cancellable);
  g_assert_false (taiou_export_incident (timeline, fixture->main_id,
                                         TAIOU_EXPORT_FORMAT_TAIOU_JSON, output, NULL,
                                         cancellable, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
}

static guint
count_files (const char *folder)
{
  g_autoptr(GDir) dir = g_dir_open (folder, 0, NULL);
  guint n = 0;

  while (g_dir_read_name (dir) != NULL)
    n++;
  return n;
}

/* A file appears whole or not at all, readable only by its owner. */
static void
test_to_path (Fixture       *fixture,
              gconstpointer  data)
{
  g_autoptr(TaiouTimeline) timeline = open_timeline (fixture->db);
  g_autofree char *folder = g_dir_make_tmp ("taiou-export-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (folder, "incident.jsonl", NULL);
  g_autofree char *contents = NULL;
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GError) error = NULL;
  GStatBuf st;

  g_file_set_contents (path, "old", -1, &error);
  g_assert_no_error (error);

  g_assert_false (taiou_export_incident_to_path (timeline, 42,
                                                 TAIOU_EXPORT_FORMAT_TIMESKETCH_JSONL, path,
                                                 NULL, NULL, &error));
  g_assert_error (error, TAIOU_TIMELINE_ERROR, TAIOU_TIMELINE_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_cancellable_cancel (cancellable);
  g_assert_false (taiou_export_incident_to_path (timeline, fixture->main_id,
                                                 TAIOU_EXPORT_FORMAT_TIMESKETCH_JSONL, path,
                                                 NULL, cancellable, &error));
  g_clear_error (&error);
  g_file_get_contents (path, &contents, NULL, &error);
  g_assert_cmpstr (contents, ==, "old");
  g_assert_cmpuint (count_files (folder), ==, 1);
  g_clear_pointer (&contents, g_free);

  g_assert_true (taiou_export_incident_to_path (timeline, fixture->main_id,
                                                TAIOU_EXPORT_FORMAT_TIMESKETCH_JSONL, path,
                                                NULL, NULL, &error));
  g_assert_no_error (error);
  g_file_get_contents (path, &contents, NULL, &error);
  g_assert_cmpuint (check_timesketch_jsonl (contents), ==, 9);
  g_assert_cmpint (g_stat (path, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0600);
  g_assert_cmpuint (count_files (folder), ==, 1);

  g_assert_false (taiou_export_incident_to_path (timeline, fixture->main_id,
                                                 TAIOU_EXPORT_FORMAT_TIMESKETCH_JSONL,
                                                 "/nonexistent/folder/x.jsonl", NULL, NULL,
                                                 &error));
  g_assert_error (error, TAIOU_EXPORT_ERROR, TAIOU_EXPORT_ERROR_WRITE);

  g_unlink (path);
  g_rmdir (folder);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

#define ADD(name, func) \
  g_test_add ("/taiou/export/" name, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("golden", test_golden);
  ADD ("timesketch-three-lines", test_timesketch_three_lines);
  ADD ("hostile-text", test_hostile_text);
  ADD ("taiou-json-chain", test_taiou_json_chain);
  ADD ("observables", test_observables);
  ADD ("errors", test_errors);
  ADD ("to-path", test_to_path);
#undef ADD
  g_test_add_func ("/taiou/export/csv-cells", test_csv_cells);
  g_test_add_func ("/taiou/export/json-strings", test_json_strings);
  g_test_add_func ("/taiou/export/paging", test_paging);

  return g_test_run ();
}
