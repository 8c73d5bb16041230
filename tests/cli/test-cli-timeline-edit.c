/* test-cli-timeline-edit.c — `taiou-cli timeline new|note|status` and `list ID` with filters */
#define G_LOG_DOMAIN "test-cli"

#include "config.h"

#include <locale.h>
#include <string.h>

#include "taiou-test-util.h"

#define run_cli(...) taiou_test_run_cli ("C.UTF-8", __VA_ARGS__)

static JsonNode *
parse_json (const char *text)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;

  json_parser_load_from_data (parser, text, -1, &error);
  g_assert_no_error (error);
  return json_node_copy (json_parser_get_root (parser));
}

/* Makes an incident with the CLI and returns its id as printed. */
static char *
new_incident (const char *db)
{
  g_autoptr(TaiouTestCliResult) result = run_cli ("--db", db, "timeline", "new",
                                                  "--title", "添付ファイルを開いた",
                                                  "--discovered", "2026-12-03T10:15+09:00",
                                                  "--host", "PC-07",
                                                  "--reporter", "山田 太郎", NULL);

  g_assert_cmpint (result->status, ==, 0);
  g_assert_true (g_regex_match_simple ("^[0-9]+\n$", result->out, 0, 0));
  return g_strstrip (g_strdup (result->out));
}

static void
test_new (void)
{
  g_autofree char *db = taiou_test_db_path ();
  g_autofree char *id = new_incident (db);
  g_autoptr(TaiouTestCliResult) json = NULL;
  g_autoptr(TaiouTestCliResult) date_only = NULL;
  g_autoptr(TaiouTestCliResult) missing = NULL;
  g_autoptr(TaiouTestCliResult) bad_time = NULL;
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(TaiouTimeline) timeline = NULL;
  g_autoptr(TaiouIncident) incident = NULL;
  JsonObject *object;

  g_assert_cmpstr (id, ==, "1");
  json = run_cli ("--db", db, "timeline", "new", "--json", "--title", "二件目",
                  "--discovered", "2026-12-03 09:00", "--host", "PC-12", NULL);
  g_assert_cmpint (json->status, ==, 0);
  root = parse_json (json->out);
  object = json_node_get_object (root);
  g_assert_cmpint (json_object_get_int_member (object, "id"), ==, 2);
  g_assert_cmpstr (json_object_get_string_member (object, "host"), ==, "PC-12");
  g_assert_cmpstr (json_object_get_string_member (object, "status"), ==, "responding");
  /* Without --reporter, whoever runs it. */
  g_assert_cmpstr (json_object_get_string_member (object, "reporter"), !=, "");
  date_only = run_cli ("--db", db, "timeline", "new", "--title", "t", "--discovered",
                       "2026-12-01", "--host", "h", NULL);
  g_assert_cmpint (date_only->status, ==, 0);

  missing = run_cli ("--db", db, "timeline", "new", "--title", "t", NULL);
  g_assert_cmpint (missing->status, ==, 2);
  g_assert_nonnull (strstr (missing->err, "--discovered"));
  bad_time = run_cli ("--db", db, "timeline", "new", "--title", "t", "--host", "h",
                      "--discovered", "yesterday", NULL);
  g_assert_cmpint (bad_time->status, ==, 2);
  g_assert_nonnull (strstr (bad_time->err, "yesterday"));

  timeline = taiou_timeline_open (db, &error);
  g_assert_no_error (error);
  incident = taiou_timeline_get_incident (timeline, 1, &error);
  g_assert_no_error (error);
  /* 10:15 in Japan is 01:15 UTC. */
  g_assert_cmpint (taiou_incident_get_discovered_us (incident), ==, 1796260500000000);
  g_assert_cmpstr (taiou_incident_get_reporter (incident), ==, "山田 太郎");
}

static void
test_note_and_status (void)
{
  g_autofree char *db = taiou_test_db_path ();
  g_autofree char *id = new_incident (db);
  g_autoptr(TaiouTestCliResult) note = run_cli ("--db", db, "timeline", "note", id,
                                                "LANケーブルを抜いた", NULL);
  g_autoptr(TaiouTestCliResult) investigating = NULL;
  g_autoptr(TaiouTestCliResult) finished = NULL;
  g_autoptr(TaiouTestCliResult) refused = NULL;
  g_autoptr(TaiouTestCliResult) reopened = NULL;
  g_autoptr(TaiouTestCliResult) after = NULL;
  g_autoptr(TaiouTestCliResult) bad_status = NULL;
  g_autoptr(TaiouTestCliResult) no_incident = NULL;
  g_autoptr(TaiouTestCliResult) empty_note = NULL;
  g_autoptr(TaiouTestCliResult) verify = NULL;
  g_autoptr(TaiouTimeline) timeline = NULL;
  g_autoptr(GPtrArray) events = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_cmpint (note->status, ==, 0);
  investigating = run_cli ("--db", db, "timeline", "status", id, "調査中", NULL);
  g_assert_cmpint (investigating->status, ==, 0);
  g_assert_nonnull (strstr (investigating->out, "Investigating"));
  finished = run_cli ("--db", db, "timeline", "status", id, "完了", NULL);
  g_assert_cmpint (finished->status, ==, 0);

  /* A finished incident takes no note … */
  refused = run_cli ("--db", db, "timeline", "note", id, "後から", NULL);
  g_assert_cmpint (refused->status, ==, 2);
  g_assert_nonnull (strstr (refused->err, "finished; reopen it first"));
  /* … until it is reopened. */
  reopened = run_cli ("--db", db, "timeline", "status", id, "対応中", NULL);
  g_assert_cmpint (reopened->status, ==, 0);
  after = run_cli ("--db", db, "timeline", "note", id, "再開後のメモ", NULL);
  g_assert_cmpint (after->status, ==, 0);

  bad_status = run_cli ("--db", db, "timeline", "status", id, "done", NULL);
  g_assert_cmpint (bad_status->status, ==, 2);
  g_assert_nonnull (strstr (bad_status->err, "対応中, 調査中, 完了"));
  no_incident = run_cli ("--db", db, "timeline", "note", "99", "x", NULL);
  g_assert_cmpint (no_incident->status, ==, 2);
  empty_note = run_cli ("--db", db, "timeline", "note", id, "  ", NULL);
  g_assert_cmpint (empty_note->status, ==, 2);

  timeline = taiou_timeline_open (db, &error);
  events = taiou_timeline_list_events (timeline, 1, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (events->len, ==, 6);
  g_assert_cmpstr (taiou_event_get_kind (events->pdata[1]), ==, TAIOU_EVENT_NOTE);
  g_assert_cmpstr (taiou_event_get_summary (events->pdata[1]), ==, "LANケーブルを抜いた");
  g_assert_cmpstr (taiou_event_get_kind (events->pdata[2]), ==, TAIOU_EVENT_INCIDENT_STATUS);
  g_assert_cmpstr (taiou_event_get_kind (events->pdata[3]), ==, TAIOU_EVENT_INCIDENT_STATUS);
  g_assert_cmpstr (taiou_event_get_kind (events->pdata[4]), ==, TAIOU_EVENT_INCIDENT_STATUS);
  g_assert_cmpstr (taiou_event_get_summary (events->pdata[5]), ==, "再開後のメモ");
  g_clear_object (&timeline);
  verify = run_cli ("--db", db, "timeline", "verify", NULL);
  g_assert_cmpint (verify->status, ==, 0);
}

static void
test_closed_message_in_japanese (void)
{
  g_autofree char *db = taiou_test_db_path ();
  g_autofree char *id = NULL;
  g_autoptr(TaiouTestCliResult) finished = NULL;
  g_autoptr(TaiouTestCliResult) refused = NULL;

  if (setlocale (LC_MESSAGES, "ja_JP.UTF-8") == NULL)
    {
      g_test_skip ("the ja_JP.UTF-8 locale is not installed");
      return;
    }
  setlocale (LC_MESSAGES, "C.UTF-8");
  id = new_incident (db);
  finished = run_cli ("--db", db, "timeline", "status", id, "完了", NULL);
  g_assert_cmpint (finished->status, ==, 0);
  refused = taiou_test_run_cli ("ja_JP.UTF-8", "--db", db, "timeline", "note", id, "後から",
                                NULL);
  g_assert_cmpint (refused->status, ==, 2);
  g_assert_nonnull (strstr (refused->err, "完了しています"));
  g_assert_nonnull (strstr (refused->err, "再開してください"));
}

static void
test_list_filters (void)
{
  g_autofree char *db = taiou_test_db_path ();
  g_autofree char *id = new_incident (db);
  const char *notes[] = { "LANケーブルを抜いた", "Emotet の感染を確認", "請求書.zip を削除" };
  g_autoptr(TaiouTestCliResult) all = NULL;
  g_autoptr(TaiouTestCliResult) by_kind = NULL;
  g_autoptr(TaiouTestCliResult) by_text = NULL;
  g_autoptr(TaiouTestCliResult) paged = NULL;
  g_autoptr(TaiouTestCliResult) by_option = NULL;
  g_autoptr(TaiouTestCliResult) by_time = NULL;
  g_autoptr(TaiouTestCliResult) by_host = NULL;
  g_autoptr(TaiouTestCliResult) bad_limit = NULL;
  g_autoptr(TaiouTestCliResult) no_incident = NULL;
  g_autoptr(TaiouTestCliResult) incidents = NULL;
  g_autoptr(JsonNode) root = NULL;
  JsonArray *events;

  for (guint i = 0; i < G_N_ELEMENTS (notes); i++)
    {
      g_autoptr(TaiouTestCliResult) note = run_cli ("--db", db, "timeline", "note", id,
                                                    notes[i], NULL);

      g_assert_cmpint (note->status, ==, 0);
    }

  all = run_cli ("--db", db, "timeline", "list", id, NULL);
  g_assert_cmpint (all->status, ==, 0);
  g_assert_nonnull (strstr (all->out, "incident.created"));
  g_assert_nonnull (strstr (all->err, "4 matching events"));

  by_kind = run_cli ("--db", db, "timeline", "list", id, "--kind", "note", "--json", NULL);
  g_assert_cmpint (by_kind->status, ==, 0);
  root = parse_json (by_kind->out);
  g_assert_cmpint (json_object_get_int_member (json_node_get_object (root), "matching"), ==, 3);
  events = json_object_get_array_member (json_node_get_object (root), "events");
  g_assert_cmpuint (json_array_get_length (events), ==, 3);

  by_text = run_cli ("--db", db, "timeline", "list", id, "--search", "感染", NULL);
  g_assert_cmpint (by_text->status, ==, 0);
  g_assert_nonnull (strstr (by_text->out, "Emotet の感染を確認"));
  g_assert_null (strstr (by_text->out, "ケーブル"));

  paged = run_cli ("--db", db, "timeline", "list", id, "--kind", "note", "--kind",
                   "incident.created", "--limit", "2", "--offset", "1", NULL);
  g_assert_cmpint (paged->status, ==, 0);
  g_assert_null (strstr (paged->out, "incident.created"));
  g_assert_nonnull (strstr (paged->out, "ケーブル"));
  g_assert_nonnull (strstr (paged->out, "感染"));
  g_assert_null (strstr (paged->out, "請求書"));

  /* --incident says the same as the positional number. */
  by_option = run_cli ("--db", db, "timeline", "list", "--incident", id, "--search",
                       "請求書.zip", NULL);
  g_assert_cmpint (by_option->status, ==, 0);
  g_assert_nonnull (strstr (by_option->out, "請求書.zip を削除"));

  by_time = run_cli ("--db", db, "timeline", "list", id, "--since", "2000-01-01",
                     "--until", "2000-01-02", NULL);
  g_assert_cmpint (by_time->status, ==, 0);
  g_assert_cmpstr (by_time->out, ==, "");
  by_host = run_cli ("--db", db, "timeline", "list", id, "--host", "no-such-pc", NULL);
  g_assert_cmpstr (by_host->out, ==, "");

  bad_limit = run_cli ("--db", db, "timeline", "list", id, "--limit", "0", NULL);
  g_assert_cmpint (bad_limit->status, ==, 2);
  no_incident = run_cli ("--db", db, "timeline", "list", "--kind", "note", NULL);
  g_assert_cmpint (no_incident->status, ==, 2);
  g_assert_nonnull (strstr (no_incident->err, "one incident"));

  /* Without an incident, list still lists the incidents. */
  incidents = run_cli ("--db", db, "timeline", "list", NULL);
  g_assert_cmpint (incidents->status, ==, 0);
  g_assert_nonnull (strstr (incidents->out, "添付ファイルを開いた"));
}

int
main (int    argc,
      char **argv)
{
  setlocale (LC_ALL, "");
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/taiou/cli/timeline/new", test_new);
  g_test_add_func ("/taiou/cli/timeline/note-and-status", test_note_and_status);
  g_test_add_func ("/taiou/cli/timeline/closed-message-in-japanese",
                   test_closed_message_in_japanese);
  g_test_add_func ("/taiou/cli/timeline/list-filters", test_list_filters);

  return g_test_run ();
}
