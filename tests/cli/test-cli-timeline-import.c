/* test-cli-timeline-import.c — `taiou-cli timeline import`: two PCs' records merged into one
 * incident that verifies; re-imports add nothing and make no second incident; a tampered or
 * hostile file is refused naming the problem, and nothing is written */
#define G_LOG_DOMAIN "test-cli"

#include "config.h"

#include <glib/gstdio.h>
#include <string.h>

#include "taiou-test-pc-record.h"
#include "taiou-test-util.h"

#define run_cli(...) taiou_test_run_cli ("C.UTF-8", __VA_ARGS__)

typedef struct
{
  char *db;        /* the IT manager's database, empty at first */
  char *pc_a;      /* PC-A's record: its incident and 6 notes */
  char *pc_b;      /* PC-B's record: its incident and 4 notes */
} Fixture;

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autofree char *a = taiou_test_pc_record_new ("PC-A", 6, NULL, NULL);
  g_autofree char *b = taiou_test_pc_record_new ("PC-B", 4, NULL, NULL);
  g_autoptr(TaiouTimeline) timeline = taiou_test_timeline_new (&fixture->db);

  fixture->pc_a = taiou_test_write_temp ("pc-a.json", a, -1);
  fixture->pc_b = taiou_test_write_temp ("pc-b.json", b, -1);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  g_unlink (fixture->pc_a);
  g_unlink (fixture->pc_b);
  g_free (fixture->db);
  g_free (fixture->pc_a);
  g_free (fixture->pc_b);
}

/* Every event of every incident, as `timeline show` would list them. */
static guint
count_events (const char *db)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TaiouTimeline) timeline = taiou_timeline_open (db, &error);
  g_autoptr(GPtrArray) incidents = taiou_timeline_list_incidents (timeline, &error);
  guint n = 0;

  g_assert_no_error (error);
  for (guint i = 0; i < incidents->len; i++)
    {
      g_autoptr(GPtrArray) events =
        taiou_timeline_list_events (timeline, taiou_incident_get_id (incidents->pdata[i]),
                                    &error);

      g_assert_no_error (error);
      n += events->len;
    }
  return n;
}

static guint
count_incidents (const char *db)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TaiouTimeline) timeline = taiou_timeline_open (db, &error);
  g_autoptr(GPtrArray) incidents = taiou_timeline_list_incidents (timeline, &error);

  g_assert_no_error (error);
  return incidents->len;
}

static void
assert_verifies (const char *db)
{
  g_autoptr(TaiouTestCliResult) verify = run_cli ("--db", db, "timeline", "verify", NULL);

  g_assert_cmpint (verify->status, ==, 0);
  g_assert_nonnull (strstr (verify->out, "intact"));
}

static void
test_two_pcs (Fixture       *fixture,
              gconstpointer  data)
{
  g_autoptr(TaiouTestCliResult) result = NULL;
  g_autoptr(TaiouTimeline) timeline = NULL;
  g_autoptr(GPtrArray) events = NULL;
  g_autoptr(TaiouIncident) incident = NULL;
  g_autoptr(GError) error = NULL;
  guint n_merged = 0;
  guint n_origin = 0;

  result = run_cli ("--db", fixture->db, "timeline", "import", fixture->pc_a, fixture->pc_b,
                    NULL);
  g_test_message ("%s%s", result->out, result->err);
  g_assert_cmpint (result->status, ==, 0);
  g_assert_nonnull (strstr (result->out, "Created incident #1 “添付ファイルを開いた (PC-A)” from "
                                         "the record of PC-A."));
  g_assert_nonnull (strstr (result->out, "PC-A  "));
  g_assert_nonnull (strstr (result->out, "pc-a.json: 7 events read, 7 added, 0 already present"));
  g_assert_nonnull (strstr (result->out, "PC-B  "));
  g_assert_nonnull (strstr (result->out, "pc-b.json: 5 events read, 5 added, 0 already present"));
  assert_verifies (fixture->db);

  /* The incident is the first file's; each merged event keeps where it came from. */
  timeline = taiou_timeline_open (fixture->db, &error);
  incident = taiou_timeline_get_incident (timeline, 1, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (taiou_incident_get_title (incident), ==, "添付ファイルを開いた (PC-A)");
  g_assert_cmpstr (taiou_incident_get_host (incident), ==, "PC-A");
  g_assert_cmpstr (taiou_incident_get_reporter (incident), ==, "山田 太郎");
  g_assert_cmpint (taiou_incident_get_discovered_us (incident), ==, 1646700000000000);
  events = taiou_timeline_list_events (timeline, 1, &error);
  g_assert_no_error (error);
  /* Created here, 7 + 5 merged, and one merge.imported per file. */
  g_assert_cmpuint (events->len, ==, 1 + 7 + 5 + 2);
  for (guint i = 0; i < events->len; i++)
    {
      TaiouEvent *event = events->pdata[i];

      n_merged += g_str_equal (taiou_event_get_kind (event), TAIOU_EVENT_MERGE_IMPORTED);
      n_origin += taiou_event_get_origin_hash (event) != NULL;
      /* Only this database's own creation event is an incident.created. */
      if (i > 0)
        g_assert_cmpstr (taiou_event_get_kind (event), !=, TAIOU_EVENT_INCIDENT_CREATED);
    }
  g_assert_cmpuint (n_merged, ==, 2);
  g_assert_cmpuint (n_origin, ==, 7 + 5);
}

static void
test_reimport_adds_nothing (Fixture       *fixture,
                            gconstpointer  data)
{
  g_autoptr(TaiouTestCliResult) a = NULL;
  g_autoptr(TaiouTestCliResult) a_again = NULL;
  g_autoptr(TaiouTestCliResult) b = NULL;
  g_autoptr(TaiouTestCliResult) both = NULL;
  g_autoptr(TaiouTestCliResult) with_id = NULL;
  guint n_events;

  a = run_cli ("--db", fixture->db, "timeline", "import", fixture->pc_a, NULL);
  g_assert_cmpint (a->status, ==, 0);
  n_events = count_events (fixture->db);

  a_again = run_cli ("--db", fixture->db, "timeline", "import", fixture->pc_a, NULL);
  g_assert_cmpint (a_again->status, ==, 0);
  g_assert_nonnull (strstr (a_again->out, "Merging into incident #1"));
  g_assert_nonnull (strstr (a_again->out, "7 events read, 0 added, 7 already present"));
  g_assert_cmpuint (count_events (fixture->db), ==, n_events);
  g_assert_cmpuint (count_incidents (fixture->db), ==, 1);

  /* B into the same incident, then A and B again: nothing more. */
  b = run_cli ("--db", fixture->db, "timeline", "import", "--incident", "1", fixture->pc_b, NULL);
  g_assert_cmpint (b->status, ==, 0);
  g_assert_nonnull (strstr (b->out, "5 events read, 5 added, 0 already present"));
  n_events = count_events (fixture->db);
  both = run_cli ("--db", fixture->db, "timeline", "import", fixture->pc_a, fixture->pc_b, NULL);
  g_assert_cmpint (both->status, ==, 0);
  g_assert_nonnull (strstr (both->out, "7 events read, 0 added, 7 already present"));
  g_assert_nonnull (strstr (both->out, "5 events read, 0 added, 5 already present"));
  with_id = run_cli ("--db", fixture->db, "timeline", "import", "--incident", "1",
                     fixture->pc_b, NULL);
  g_assert_nonnull (strstr (with_id->out, "5 events read, 0 added, 5 already present"));
  g_assert_cmpuint (count_events (fixture->db), ==, n_events);
  g_assert_cmpuint (count_incidents (fixture->db), ==, 1);
  assert_verifies (fixture->db);
}

/* The merged incident, exported and imported elsewhere, carries each event's origin: importing
 * PC-A's own file there afterwards adds nothing. */
static void
test_merged_record_travels (Fixture       *fixture,
                            gconstpointer  data)
{
  g_autoptr(TaiouTestCliResult) merge = NULL;
  g_autoptr(TaiouTestCliResult) export = NULL;
  g_autoptr(TaiouTestCliResult) elsewhere = NULL;
  g_autoptr(TaiouTestCliResult) a_there = NULL;
  g_autofree char *other_db = NULL;
  g_autoptr(TaiouTimeline) other = taiou_test_timeline_new (&other_db);
  g_autofree char *merged = NULL;

  merge = run_cli ("--db", fixture->db, "timeline", "import", fixture->pc_a, fixture->pc_b, NULL);
  g_assert_cmpint (merge->status, ==, 0);
  export = run_cli ("--db", fixture->db, "timeline", "export", "--incident", "1", "--format",
                    "taiou-json", NULL);
  g_assert_cmpint (export->status, ==, 0);
  merged = taiou_test_write_temp ("merged.json", export->out, -1);

  elsewhere = run_cli ("--db", other_db, "timeline", "import", merged, NULL);
  g_test_message ("%s%s", elsewhere->out, elsewhere->err);
  g_assert_cmpint (elsewhere->status, ==, 0);
  g_assert_nonnull (strstr (elsewhere->out, "15 events read, 15 added, 0 already present"));
  assert_verifies (other_db);

  a_there = run_cli ("--db", other_db, "timeline", "import", fixture->pc_a, NULL);
  g_assert_cmpint (a_there->status, ==, 0);
  g_assert_nonnull (strstr (a_there->out, "7 events read, 0 added, 7 already present"));
  g_assert_cmpuint (count_incidents (other_db), ==, 1);
  g_unlink (merged);
}

/* This database's own incident, exported and imported back: found, and nothing added. */
static void
test_own_export_back (Fixture       *fixture,
                      gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TaiouTimeline) timeline = taiou_timeline_open (fixture->db, &error);
  g_autoptr(TaiouIncident) incident = taiou_test_add_incident (timeline, "ここで", 3);
  g_autofree char *text = taiou_test_export_taiou_json (timeline, 1, "here");
  g_autofree char *path = taiou_test_write_temp ("here.json", text, -1);
  g_autoptr(TaiouTestCliResult) back = NULL;

  back = run_cli ("--db", fixture->db, "timeline", "import", path, NULL);
  g_assert_cmpint (back->status, ==, 0);
  g_assert_nonnull (strstr (back->out, "Merging into incident #1"));
  g_assert_nonnull (strstr (back->out, "4 events read, 0 added, 4 already present"));
  g_assert_cmpuint (count_incidents (fixture->db), ==, 1);
  g_unlink (path);
}

static char *
tampered_copy (const char *path)
{
  g_autofree char *text = NULL;
  g_autoptr(GError) error = NULL;
  const char *at;

  g_file_get_contents (path, &text, NULL, &error);
  g_assert_no_error (error);
  at = strstr (text, "PC-B: note 3\"");
  g_assert_nonnull (at);
  ((char *) at)[11] = 'X';
  return taiou_test_write_temp ("pc-b-tampered.json", text, -1);
}

/* A tampered file is refused naming its first bad event, and the good file given with it is not
 * imported either. */
static void
test_tampered_refused (Fixture       *fixture,
                       gconstpointer  data)
{
  g_autofree char *tampered = tampered_copy (fixture->pc_b);
  g_autoptr(TaiouTestCliResult) refused = NULL;
  g_autoptr(TaiouTestCliResult) refused_ja = NULL;
  g_autoptr(TaiouTestCliResult) first = NULL;
  g_autoptr(TaiouTestCliResult) after = NULL;
  guint n_events;

  first = run_cli ("--db", fixture->db, "timeline", "import", fixture->pc_a, NULL);
  g_assert_cmpint (first->status, ==, 0);
  n_events = count_events (fixture->db);

  refused = run_cli ("--db", fixture->db, "timeline", "import", fixture->pc_b, tampered, NULL);
  g_test_message ("%s", refused->err);
  g_assert_cmpint (refused->status, ==, 1);
  g_assert_cmpstr (refused->out, ==, "");
  /* PC-B: created #1, other #2, notes #3 #4, other #5, note 3 is #6. */
  g_assert_nonnull (strstr (refused->err, "pc-b-tampered.json"));
  g_assert_nonnull (strstr (refused->err, "event #6 was changed"));
  g_assert_nonnull (strstr (refused->err, "Nothing was imported."));
  g_assert_cmpuint (count_events (fixture->db), ==, n_events);
  assert_verifies (fixture->db);

  refused_ja = taiou_test_run_cli ("ja_JP.UTF-8", "--db", fixture->db, "timeline", "import",
                                   tampered, NULL);
  g_test_message ("%s", refused_ja->err);
  g_assert_cmpint (refused_ja->status, ==, 1);
  g_assert_nonnull (strstr (refused_ja->err, "#6"));
  g_assert_nonnull (strstr (refused_ja->err, "何も取り込んでいません"));

  /* The good file alone still merges. */
  after = run_cli ("--db", fixture->db, "timeline", "import", fixture->pc_b, NULL);
  g_assert_cmpint (after->status, ==, 0);
  g_unlink (tampered);
}

static void
test_hostile_files (Fixture       *fixture,
                    gconstpointer  data)
{
  g_autofree char *not_json = taiou_test_write_temp ("notes.txt", "これは JSON ではない", -1);
  g_autofree char *folder = g_path_get_dirname (not_json);
  g_autofree char *missing = g_build_filename (folder, "missing.json", NULL);
  g_autoptr(TaiouTestCliResult) hostile = NULL;
  g_autoptr(TaiouTestCliResult) hostile_ja = NULL;
  g_autoptr(TaiouTestCliResult) absent = NULL;
  g_autoptr(TaiouTestCliResult) no_file = NULL;
  g_autoptr(TaiouTestCliResult) no_incident = NULL;

  hostile = run_cli ("--db", fixture->db, "timeline", "import", fixture->pc_a, not_json, NULL);
  g_assert_cmpint (hostile->status, ==, 2);
  g_assert_nonnull (strstr (hostile->err, "is not a record exported by Taiou"));
  g_assert_nonnull (strstr (hostile->err, "Nothing was imported."));
  g_assert_cmpuint (count_incidents (fixture->db), ==, 0);

  hostile_ja = taiou_test_run_cli ("ja_JP.UTF-8", "--db", fixture->db, "timeline", "import",
                                   not_json, NULL);
  g_test_message ("%s", hostile_ja->err);
  g_assert_cmpint (hostile_ja->status, ==, 2);
  g_assert_nonnull (strstr (hostile_ja->err, "notes.txt"));
  g_assert_nonnull (strstr (hostile_ja->err, "何も取り込んでいません"));

  absent = run_cli ("--db", fixture->db, "timeline", "import", missing, NULL);
  g_assert_cmpint (absent->status, ==, 2);
  g_assert_nonnull (strstr (absent->err, "missing.json"));

  no_file = run_cli ("--db", fixture->db, "timeline", "import", NULL);
  g_assert_cmpint (no_file->status, ==, 2);
  no_incident = run_cli ("--db", fixture->db, "timeline", "import", "--incident", "9",
                         fixture->pc_a, NULL);
  g_assert_cmpint (no_incident->status, ==, 2);
  g_assert_nonnull (strstr (no_incident->err, "no incident number 9"));
  g_assert_cmpuint (count_incidents (fixture->db), ==, 0);
  g_unlink (not_json);
}

static void
test_json_lines (Fixture       *fixture,
                 gconstpointer  data)
{
  g_autoptr(TaiouTestCliResult) result = NULL;
  g_auto(GStrv) lines = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  JsonObject *object;

  result = run_cli ("--db", fixture->db, "timeline", "--json", "import", fixture->pc_a,
                    fixture->pc_b, NULL);
  g_assert_cmpint (result->status, ==, 0);
  lines = g_strsplit (g_strchomp (result->out), "\n", -1);
  g_assert_cmpuint (g_strv_length (lines), ==, 2);
  json_parser_load_from_data (parser, lines[1], -1, &error);
  g_assert_no_error (error);
  object = json_node_get_object (json_parser_get_root (parser));
  g_assert_cmpstr (json_object_get_string_member (object, "pc"), ==, "PC-B");
  g_assert_cmpint (json_object_get_int_member (object, "incident"), ==, 1);
  g_assert_cmpint (json_object_get_int_member (object, "read"), ==, 5);
  g_assert_cmpint (json_object_get_int_member (object, "added"), ==, 5);
  g_assert_cmpint (json_object_get_int_member (object, "present"), ==, 0);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

#define ADD(name, func) \
  g_test_add ("/taiou/cli/timeline-import/" name, Fixture, NULL, fixture_set_up, func, \
              fixture_tear_down)
  ADD ("two-pcs", test_two_pcs);
  ADD ("reimport-adds-nothing", test_reimport_adds_nothing);
  ADD ("merged-record-travels", test_merged_record_travels);
  ADD ("own-export-back", test_own_export_back);
  ADD ("tampered-refused", test_tampered_refused);
  ADD ("hostile-files", test_hostile_files);
  ADD ("json-lines", test_json_lines);
#undef ADD
  return g_test_run ();
}
