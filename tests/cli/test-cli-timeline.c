/* test-cli-timeline.c — `taiou-cli timeline list|show|verify`: output, JSON and exit status */
#define G_LOG_DOMAIN "test-cli"

#include "config.h"

#include <locale.h>
#include <string.h>

#include "taiou-test-util.h"

#define run_cli(...) taiou_test_run_cli ("C.UTF-8", __VA_ARGS__)
#define run_cli_in taiou_test_run_cli

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
test_list_empty (void)
{
  g_autofree char *db = taiou_test_db_path ();
  g_autoptr(TaiouTestCliResult) result = run_cli ("--db", db, "timeline", "list", NULL);

  g_assert_cmpint (result->status, ==, 0);
  g_assert_cmpstr (result->out, ==, "No incidents recorded yet.\n");
}

static void
test_list_and_show (void)
{
  g_autofree char *db = NULL;
  g_autoptr(TaiouTimeline) timeline = taiou_test_timeline_new (&db);
  g_autoptr(TaiouIncident) first = taiou_test_add_incident (timeline, "最初の件", 1);
  g_autoptr(TaiouIncident) second = taiou_test_add_incident (timeline, "second case", 2);
  g_autoptr(TaiouTestCliResult) list = NULL;
  g_autoptr(TaiouTestCliResult) list_json = NULL;
  g_autoptr(TaiouTestCliResult) show = NULL;
  g_autoptr(TaiouTestCliResult) show_json = NULL;
  g_autoptr(JsonNode) list_root = NULL;
  g_autoptr(JsonNode) show_root = NULL;
  g_autofree char *id = g_strdup_printf ("%" G_GINT64_FORMAT, taiou_incident_get_id (second));
  JsonArray *incidents;
  JsonArray *events;

  list = run_cli ("--db", db, "timeline", "list", NULL);
  g_assert_cmpint (list->status, ==, 0);
  g_assert_nonnull (strstr (list->out, "最初の件"));
  g_assert_nonnull (strstr (list->out, "second case"));
  /* Newest first. */
  g_assert_true (strstr (list->out, "second case") < strstr (list->out, "最初の件"));

  /* TAIOU_DB is honoured the same way as --db (after the command, too). */
  g_setenv ("TAIOU_DB", "/nonexistent/ignored.db", TRUE);
  list_json = run_cli ("timeline", "list", "--json", "--db", db, NULL);
  g_unsetenv ("TAIOU_DB");
  g_assert_cmpint (list_json->status, ==, 0);
  list_root = parse_json (list_json->out);
  incidents = json_node_get_array (list_root);
  g_assert_cmpuint (json_array_get_length (incidents), ==, 2);
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (incidents, 1),
                                                  "title"), ==, "最初の件");
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (incidents, 0),
                                                  "reporter"), ==, "山田 太郎");

  show = run_cli ("--db", db, "timeline", "show", id, NULL);
  g_assert_cmpint (show->status, ==, 0);
  g_assert_nonnull (strstr (show->out, "Incident #2: second case"));
  g_assert_nonnull (strstr (show->out, "incident.created"));
  g_assert_nonnull (strstr (show->out, "note 2"));
  /* Incident #1's events (#1, #2) are not shown; #2's are #3 to #5. */
  g_assert_null (strstr (show->out, "\n#1 "));
  g_assert_null (strstr (show->out, "\n#2 "));
  g_assert_nonnull (strstr (show->out, "\n#5 "));

  show_json = run_cli ("--db", db, "--json", "timeline", "show", id, NULL);
  g_assert_cmpint (show_json->status, ==, 0);
  show_root = parse_json (show_json->out);
  events = json_object_get_array_member (json_node_get_object (show_root), "events");
  g_assert_cmpuint (json_array_get_length (events), ==, 3);
  g_assert_cmpint (json_object_get_int_member (json_array_get_object_element (events, 0), "seq"),
                   ==, 3);
  g_assert_cmpint (json_object_get_int_member (
                     json_object_get_object_member (json_array_get_object_element (events, 2),
                                                    "detail"), "n"), ==, 2);
  g_assert_cmpstr (json_object_get_string_member (
                     json_object_get_object_member (json_node_get_object (show_root), "incident"),
                     "title"), ==, "second case");
}

static void
test_show_errors (void)
{
  g_autofree char *db = NULL;
  g_autoptr(TaiouTimeline) timeline = taiou_test_timeline_new (&db);
  g_autoptr(TaiouTestCliResult) unknown = run_cli ("--db", db, "timeline", "show", "42", NULL);
  g_autoptr(TaiouTestCliResult) not_number = run_cli ("--db", db, "timeline", "show", "abc", NULL);
  g_autoptr(TaiouTestCliResult) missing = run_cli ("--db", db, "timeline", "show", NULL);

  g_assert_cmpint (unknown->status, ==, 2);
  g_assert_nonnull (strstr (unknown->err, "no incident number 42"));
  g_assert_cmpint (not_number->status, ==, 2);
  g_assert_nonnull (strstr (not_number->err, "positive whole number"));
  g_assert_cmpint (missing->status, ==, 2);
}

static void
test_verify_intact (void)
{
  g_autofree char *db = NULL;
  g_autoptr(TaiouTimeline) timeline = taiou_test_timeline_new (&db);
  g_autoptr(TaiouIncident) incident = taiou_test_add_incident (timeline, "x", 4);
  g_autoptr(TaiouTestCliResult) text = run_cli ("--db", db, "timeline", "verify", NULL);
  g_autoptr(TaiouTestCliResult) json = run_cli ("--db", db, "timeline", "verify", "--json", NULL);
  g_autoptr(JsonNode) root = NULL;
  JsonObject *object;

  g_assert_cmpint (text->status, ==, 0);
  g_assert_nonnull (strstr (text->out, "intact: 5 events verified"));

  g_assert_cmpint (json->status, ==, 0);
  root = parse_json (json->out);
  object = json_node_get_object (root);
  g_assert_true (json_object_get_boolean_member (object, "intact"));
  g_assert_cmpint (json_object_get_int_member (object, "events"), ==, 5);
  g_assert_true (json_object_get_null_member (object, "first_bad_seq"));
  g_assert_cmpuint (strlen (json_object_get_string_member (object, "head_hash")), ==, 64);
}

static void
test_verify_tampered (void)
{
  g_autofree char *db = NULL;
  g_autoptr(TaiouTimeline) timeline = taiou_test_timeline_new (&db);
  g_autoptr(TaiouIncident) incident = taiou_test_add_incident (timeline, "x", 4);
  g_autoptr(TaiouTestCliResult) text = NULL;
  g_autoptr(TaiouTestCliResult) json = NULL;
  g_autoptr(JsonNode) root = NULL;
  JsonObject *object;

  g_clear_object (&timeline);
  taiou_test_sqlite_exec (db, "UPDATE events SET actor = 'nobody' WHERE seq = 4");

  text = run_cli ("--db", db, "timeline", "verify", NULL);
  g_assert_cmpint (text->status, ==, 1);
  g_assert_nonnull (strstr (text->out, "TAMPERED"));
  g_assert_nonnull (strstr (text->out, "First bad event: #4"));

  json = run_cli ("--db", db, "timeline", "verify", "--json", NULL);
  g_assert_cmpint (json->status, ==, 1);
  root = parse_json (json->out);
  object = json_node_get_object (root);
  g_assert_false (json_object_get_boolean_member (object, "intact"));
  g_assert_cmpint (json_object_get_int_member (object, "first_bad_seq"), ==, 4);
  g_assert_nonnull (strstr (json_object_get_string_member (object, "problem"), "#4"));
}

static void
test_damaged_database (void)
{
  g_autofree char *db = taiou_test_db_path ();
  g_autofree char *folder = g_path_get_dirname (db);
  g_autofree char *after = NULL;
  g_autoptr(TaiouTestCliResult) result = NULL;

  g_assert_cmpint (g_mkdir_with_parents (folder, 0700), ==, 0);
  g_assert_true (g_file_set_contents (db, "this is not a database, but evidence", -1, NULL));

  result = run_cli ("--db", db, "timeline", "verify", NULL);
  g_assert_cmpint (result->status, ==, 2);
  g_assert_nonnull (strstr (result->err, "damaged or is not an SQLite database"));
  g_assert_cmpstr (result->out, ==, "");

  g_assert_true (g_file_get_contents (db, &after, NULL, NULL));
  g_assert_cmpstr (after, ==, "this is not a database, but evidence");
}

static void
test_usage_errors (void)
{
  g_autoptr(TaiouTestCliResult) none = run_cli (NULL);
  g_autoptr(TaiouTestCliResult) unknown = run_cli ("frobnicate", NULL);
  g_autoptr(TaiouTestCliResult) bad_action = run_cli ("timeline", "erase", NULL);
  g_autoptr(TaiouTestCliResult) bad_option = run_cli ("timeline", "list", "--no-such-option", NULL);
  g_autoptr(TaiouTestCliResult) version = run_cli ("--version", NULL);

  g_assert_cmpint (none->status, ==, 2);
  g_assert_nonnull (strstr (none->err, "No command given"));
  g_assert_nonnull (strstr (none->err, "timeline"));
  g_assert_cmpint (unknown->status, ==, 2);
  g_assert_nonnull (strstr (unknown->err, "frobnicate"));
  g_assert_cmpint (bad_action->status, ==, 2);
  g_assert_nonnull (strstr (bad_action->err, "erase"));
  g_assert_cmpint (bad_option->status, ==, 2);
  g_assert_cmpint (version->status, ==, 0);
  g_assert_cmpstr (version->out, ==, "taiou-cli " PACKAGE_VERSION "\n");
}

static gboolean
has_japanese (const char *text)
{
  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
    {
      GUnicodeScript script = g_unichar_get_script (g_utf8_get_char (p));

      if (script == G_UNICODE_SCRIPT_HAN || script == G_UNICODE_SCRIPT_HIRAGANA ||
          script == G_UNICODE_SCRIPT_KATAKANA)
        return TRUE;
    }
  return FALSE;
}

static void
test_japanese_output (void)
{
  g_autofree char *db = NULL;
  g_autoptr(TaiouTimeline) timeline = NULL;
  g_autoptr(TaiouTestCliResult) empty = NULL;
  g_autoptr(TaiouTestCliResult) verify = NULL;

  if (setlocale (LC_MESSAGES, "ja_JP.UTF-8") == NULL)
    {
      g_printerr ("*** SKIPPED: the ja_JP.UTF-8 locale is not installed "
                  "(build-aux/taiou-dev generates it) ***\n");
      g_test_skip ("the ja_JP.UTF-8 locale is not installed");
      return;
    }
  setlocale (LC_ALL, "C.UTF-8");

  timeline = taiou_test_timeline_new (&db);
  empty = run_cli_in ("ja_JP.UTF-8", "--db", db, "timeline", "list", NULL);
  g_assert_cmpint (empty->status, ==, 0);
  g_assert_true (has_japanese (empty->out));

  verify = run_cli_in ("ja_JP.UTF-8", "--db", db, "timeline", "verify", NULL);
  g_assert_cmpint (verify->status, ==, 0);
  g_assert_null (strstr (verify->out, "intact"));
  g_assert_true (has_japanese (verify->out));
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/taiou/cli/timeline/list-empty", test_list_empty);
  g_test_add_func ("/taiou/cli/timeline/list-and-show", test_list_and_show);
  g_test_add_func ("/taiou/cli/timeline/show-errors", test_show_errors);
  g_test_add_func ("/taiou/cli/timeline/verify-intact", test_verify_intact);
  g_test_add_func ("/taiou/cli/timeline/verify-tampered-exits-1", test_verify_tampered);
  g_test_add_func ("/taiou/cli/timeline/damaged-database-exits-2", test_damaged_database);
  g_test_add_func ("/taiou/cli/usage-errors", test_usage_errors);
  g_test_add_func ("/taiou/cli/japanese-output", test_japanese_output);

  return g_test_run ();
}
