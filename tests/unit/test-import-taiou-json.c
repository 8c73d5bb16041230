/* test-import-taiou-json.c — reading another PC's record: a good file verifies; each kind of
 * tampering is refused naming the first bad event; hostile files get a clear error */
#define G_LOG_DOMAIN "test-import-taiou-json"

#include "config.h"

#include <fcntl.h>
#include <glib/gstdio.h>
#include <string.h>
#include <unistd.h>

#include "taiou-event-private.h"
#include "taiou-test-pc-record.h"
#include "taiou-test-util.h"

#define N_NOTES 6

static char *
good_record (void)
{
  return taiou_test_pc_record_new ("PC-A", N_NOTES, NULL, NULL);
}

/* @text with the one occurrence of @from replaced by @to. */
static char *
replace_once (const char *text,
              const char *from,
              const char *to)
{
  const char *at = strstr (text, from);

  g_assert_nonnull (at);
  g_assert_null (strstr (at + 1, from));
  return g_strdup_printf ("%.*s%s%s", (int) (at - text), text, to, at + strlen (from));
}

/* The line of event @seq, without its newline. */
static char *
event_line (const char *text,
            gint64      seq)
{
  g_autofree char *start = g_strdup_printf ("\n{\"seq\":%" G_GINT64_FORMAT ",", seq);
  const char *at = strstr (text, start);
  const char *end;

  g_assert_nonnull (at);
  at++;
  end = strchr (at, '\n');
  return g_strndup (at, end - at);
}

static TaiouPcRecord *
parse_ok (const char *text)
{
  g_autoptr(GError) error = NULL;
  TaiouPcRecord *record = taiou_pc_record_parse ("pc-a.json", text, strlen (text), &error);

  g_assert_no_error (error);
  g_assert_nonnull (record);
  return record;
}

/* Parses and verifies @text, expecting the chain to be refused at @bad_seq. */
static void
assert_tampered (const char *text,
                 gint64      bad_seq)
{
  g_autoptr(TaiouPcRecord) record = parse_ok (text);
  g_autoptr(GError) error = NULL;
  g_autofree char *named = g_strdup_printf ("#%" G_GINT64_FORMAT, bad_seq);
  gint64 first_bad_seq = -1;

  g_assert_false (taiou_pc_record_verify (record, &first_bad_seq, &error));
  g_assert_error (error, TAIOU_PC_RECORD_ERROR, TAIOU_PC_RECORD_ERROR_TAMPERED);
  g_test_message ("%s", error->message);
  g_assert_cmpint (first_bad_seq, ==, bad_seq);
  if (bad_seq > 0)
    g_assert_nonnull (strstr (error->message, named));
  g_assert_nonnull (strstr (error->message, "pc-a.json"));
}

static void
assert_refused (const char *text,
                gssize      length,
                int         code)
{
  g_autoptr(TaiouPcRecord) record = NULL;
  g_autoptr(GError) error = NULL;

  record = taiou_pc_record_parse ("pc-a.json", text, length < 0 ? strlen (text) : (gsize) length,
                                  &error);
  g_assert_error (error, TAIOU_PC_RECORD_ERROR, code);
  g_test_message ("%s", error->message);
  g_assert_null (record);
  g_assert_nonnull (strstr (error->message, "pc-a.json"));
}

static const TaiouPcRecordEvent *
find_event (TaiouPcRecord *record,
            const char    *summary)
{
  for (guint i = 0; i < record->events->len; i++)
    {
      const TaiouPcRecordEvent *event = record->events->pdata[i];

      if (g_strcmp0 (event->summary, summary) == 0)
        return event;
    }
  g_assert_not_reached ();
}

static void
test_good (void)
{
  g_autofree char *text = good_record ();
  g_autoptr(TaiouPcRecord) record = parse_ok (text);
  g_autoptr(GError) error = NULL;
  g_autofree char *path = taiou_test_write_temp ("pc-a.json", text, -1);
  g_autoptr(TaiouPcRecord) loaded = NULL;
  const TaiouPcRecordEvent *first;
  gint64 first_bad_seq = -1;

  g_assert_true (taiou_pc_record_verify (record, &first_bad_seq, &error));
  g_assert_no_error (error);
  g_assert_cmpint (first_bad_seq, ==, 0);

  g_assert_cmpstr (record->exported_on, ==, "PC-A");
  g_assert_cmpstr (record->title, ==, "添付ファイルを開いた (PC-A)");
  g_assert_cmpstr (record->host, ==, "PC-A");
  g_assert_cmpstr (record->reporter, ==, "山田 太郎");
  g_assert_cmpint (record->discovered_us, ==, 1646700000000000);
  g_assert_cmpuint (record->events->len, ==, 1 + N_NOTES);
  g_assert_cmpint (record->chain_gaps, >, 0);
  g_assert_true (record->database_intact);

  /* A PC's own event is known by its own host, number and hash. */
  first = record->events->pdata[0];
  g_assert_cmpstr (first->kind, ==, TAIOU_EVENT_INCIDENT_CREATED);
  g_assert_null (first->origin_hash);
  g_assert_cmpstr (taiou_pc_record_event_get_identity_hash (first), ==, first->hash);
  g_assert_cmpint (taiou_pc_record_event_get_identity_seq (first), ==, first->seq);
  g_assert_cmpstr (taiou_pc_record_event_get_identity_host (first), ==, first->host);

  loaded = taiou_pc_record_load (path, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (loaded->events->len, ==, 1 + N_NOTES);
}

static void
test_changed_field (void)
{
  g_autofree char *text = good_record ();
  g_autoptr(TaiouPcRecord) record = parse_ok (text);
  const TaiouPcRecordEvent *note = find_event (record, "PC-A: note 3");
  g_autofree char *changed = replace_once (text, "PC-A: note 3\"", "PC-A: note X\"");
  g_autofree char *time = g_strdup_printf ("\"time_us\":%" G_GINT64_FORMAT, note->time_us);
  g_autofree char *later = g_strdup_printf ("\"time_us\":%" G_GINT64_FORMAT, note->time_us + 1);
  g_autofree char *line = event_line (text, note->seq);
  g_autofree char *moved_line = replace_once (line, time, later);
  g_autofree char *moved = replace_once (text, line, moved_line);

  assert_tampered (changed, note->seq);
  assert_tampered (moved, note->seq);
}

/* A hash replaced by another, and an edit whose own hash was recomputed: the first is caught at
 * the event, the second at the event after it, whose link no longer holds. */
static void
test_forged_hashes (void)
{
  g_autofree char *text = good_record ();
  g_autoptr(TaiouPcRecord) record = parse_ok (text);
  const TaiouPcRecordEvent *note1 = find_event (record, "PC-A: note 1");
  const TaiouPcRecordEvent *note2 = find_event (record, "PC-A: note 2");
  g_autofree char *old_hash = g_strdup_printf ("\"hash\":\"%s\"", note1->hash);
  g_autofree char *forged_hash = g_strdup_printf ("\"hash\":\"%064d\"", 7);
  g_autofree char *forged = replace_once (text, old_hash, forged_hash);
  TaiouEventFields fields = {
    .seq = note1->seq, .incident_id = note1->incident_id, .time_us = note1->time_us,
    .kind = note1->kind, .actor = note1->actor, .host = note1->host,
    .summary = "PC-A: nothing happened", .detail = note1->detail,
  };
  g_autofree char *recomputed = _taiou_event_compute_hash (note1->prev_hash, &fields);
  g_autofree char *line = event_line (text, note1->seq);
  g_autofree char *new_line_1 = replace_once (line, "PC-A: note 1", "PC-A: nothing happened");
  g_autofree char *new_line = replace_once (new_line_1, note1->hash, recomputed);
  g_autofree char *rewritten = replace_once (text, line, new_line);

  g_assert_cmpint (note2->seq, ==, note1->seq + 1);
  assert_tampered (forged, note1->seq);
  assert_tampered (rewritten, note2->seq);
}

static void
test_reordered (void)
{
  g_autofree char *text = good_record ();
  g_autoptr(TaiouPcRecord) record = parse_ok (text);
  const TaiouPcRecordEvent *note1 = find_event (record, "PC-A: note 1");
  const TaiouPcRecordEvent *note2 = find_event (record, "PC-A: note 2");
  g_autofree char *line1 = event_line (text, note1->seq);
  g_autofree char *line2 = event_line (text, note2->seq);
  g_autofree char *both = g_strdup_printf ("%s\n%s", line1, line2);
  g_autofree char *swapped = g_strdup_printf ("%s\n%s", line2, line1);
  g_autofree char *reordered = replace_once (text, both, swapped);

  assert_tampered (reordered, note1->seq);
}

/* Events removed from the middle or the end, with the JSON kept valid. */
static void
test_removed_events (void)
{
  g_autofree char *text = good_record ();
  g_autoptr(TaiouPcRecord) record = parse_ok (text);
  const TaiouPcRecordEvent *note2 = find_event (record, "PC-A: note 2");
  const TaiouPcRecordEvent *last = record->events->pdata[record->events->len - 1];
  const TaiouPcRecordEvent *before_last = record->events->pdata[record->events->len - 2];
  g_autofree char *line2 = event_line (text, note2->seq);
  g_autofree char *middle_line = g_strdup_printf ("\n%s", line2);
  g_autofree char *middle = replace_once (text, middle_line, "");
  g_autofree char *last_line = event_line (text, last->seq);
  g_autofree char *end_line = g_strdup_printf (",\n%s", last_line);
  g_autofree char *end = replace_once (text, end_line, "");
  g_autofree char *half = g_strndup (text, strlen (text) / 2);

  /* The trailer no longer counts the events; which one is missing, the file cannot say. */
  assert_tampered (middle, 0);
  assert_tampered (end, before_last->seq);
  /* Cut anywhere else, it is no longer JSON. */
  assert_refused (half, -1, TAIOU_PC_RECORD_ERROR_FORMAT);
}

/* The incident at the top of the file is what a new incident would be made of: it must be what
 * the hash-checked creation event says. */
static void
test_edited_header (void)
{
  g_autofree char *text = good_record ();
  g_autofree char *header = replace_once (text, "\"title\":\"添付ファイルを開いた (PC-A)\",\"created\"",
                                          "\"title\":\"何もなかった\",\"created\"");

  assert_tampered (header, 1);
}

static void
test_event_of_other_incident (void)
{
  g_autofree char *text = good_record ();
  g_autoptr(TaiouPcRecord) record = parse_ok (text);
  const TaiouPcRecordEvent *note1 = find_event (record, "PC-A: note 1");
  g_autofree char *line = event_line (text, note1->seq);
  g_autofree char *id = g_strdup_printf ("\"incident_id\":%" G_GINT64_FORMAT, note1->incident_id);
  g_autofree char *other_id = g_strdup_printf ("\"incident_id\":%" G_GINT64_FORMAT,
                                               note1->incident_id + 1);
  g_autofree char *new_line = replace_once (line, id, other_id);
  g_autofree char *moved = replace_once (text, line, new_line);

  assert_tampered (moved, note1->seq);
}

/* A PC whose own database was broken when it exported: its events may hold, but the record is
 * not trusted. */
static void
test_source_broken (void)
{
  g_autofree char *db_path = NULL;
  g_autofree char *broken = NULL;
  gint64 incident_id = 0;

  g_free (taiou_test_pc_record_new ("PC-A", 4, &db_path, &incident_id));
  taiou_test_sqlite_exec (db_path, "UPDATE events SET summary = 'x' WHERE seq = 2");
  {
    g_autoptr(GError) error = NULL;
    g_autoptr(TaiouTimeline) timeline = taiou_timeline_open (db_path, &error);

    g_assert_no_error (error);
    broken = taiou_test_export_taiou_json (timeline, incident_id, "PC-A");
  }
  assert_tampered (broken, 2);
}

static void
test_huge_strings (void)
{
  g_autofree char *text = good_record ();
  g_autofree char *huge = g_strnfill (TAIOU_PC_RECORD_MAX_TEXT_BYTES + 1, 'x');
  g_autofree char *to = g_strdup_printf ("%s\"", huge);
  g_autofree char *huge_summary = replace_once (text, "PC-A: note 3\"", to);
  g_autofree char *title_to = g_strdup_printf ("\"title\":\"%s\",\"created\"", huge);
  g_autofree char *huge_title = replace_once (text,
                                              "\"title\":\"添付ファイルを開いた (PC-A)\",\"created\"",
                                              title_to);

  assert_refused (huge_summary, -1, TAIOU_PC_RECORD_ERROR_TOO_LARGE);
  assert_refused (huge_title, -1, TAIOU_PC_RECORD_ERROR_TOO_LARGE);
}

static void
test_deep_json (void)
{
  g_autofree char *text = good_record ();
  g_autofree char *open = g_strnfill (100000, '[');
  g_autofree char *close = g_strnfill (100000, ']');
  g_autofree char *deep = g_strconcat (open, close, NULL);
  g_autofree char *deep_member = g_strdup_printf ("{\"format\":\"taiou-json\",\"x\":%s}", deep);
  g_autofree char *detail_open = g_strnfill (40, '[');
  g_autofree char *detail_close = g_strnfill (40, ']');
  g_autofree char *detail = g_strdup_printf ("\"detail\":\"{\\\"n\\\":%s%s,", detail_open,
                                             detail_close);
  g_autofree char *deep_detail = NULL;
  g_autofree char *wide = taiou_test_pc_record_new ("PC-W", 200, NULL, NULL);
  g_autoptr(TaiouPcRecord) wide_record = parse_ok (wide);
  g_autoptr(TaiouPcRecord) record = parse_ok (text);
  const TaiouPcRecordEvent *note3 = find_event (record, "PC-A: note 3");
  g_autofree char *line = event_line (text, note3->seq);
  g_autofree char *new_line = replace_once (line, "\"detail\":\"{\\\"n\\\":3,", detail);

  deep_detail = replace_once (text, line, new_line);
  /* Many shallow objects one after the other are not deep (a macro once counted them up). */
  g_assert_nonnull (wide_record);
  assert_refused (deep, -1, TAIOU_PC_RECORD_ERROR_TOO_LARGE);
  assert_refused (deep_member, -1, TAIOU_PC_RECORD_ERROR_TOO_LARGE);
  assert_refused (deep_detail, -1, TAIOU_PC_RECORD_ERROR_TOO_LARGE);
}

/* A file that says it is 2 GB is refused before it is read (a sparse file takes no disk). */
static void
test_announced_2gb (void)
{
  g_autofree char *path = taiou_test_write_temp ("pc-a.json", "{", -1);
  g_autoptr(TaiouPcRecord) record = NULL;
  g_autoptr(GError) error = NULL;
  gint64 started = g_get_monotonic_time ();

  g_assert_cmpint (truncate (path, (off_t) 2 * 1024 * 1024 * 1024), ==, 0);
  record = taiou_pc_record_load (path, &error);
  g_assert_error (error, TAIOU_PC_RECORD_ERROR, TAIOU_PC_RECORD_ERROR_TOO_LARGE);
  g_assert_null (record);
  g_assert_nonnull (strstr (error->message, path));
  /* Not a timing test: it only shows the file was not read through. */
  g_assert_cmpint (g_get_monotonic_time () - started, <, 10 * G_USEC_PER_SEC);
  g_unlink (path);
}

static void
test_not_json (void)
{
  static const char binary[] = { 'P', 'K', 3, 4, 0, 0, (char) 0xff, (char) 0xfe, 0 };

  assert_refused ("", -1, TAIOU_PC_RECORD_ERROR_FORMAT);
  assert_refused ("this is not JSON", -1, TAIOU_PC_RECORD_ERROR_FORMAT);
  assert_refused (binary, sizeof binary, TAIOU_PC_RECORD_ERROR_FORMAT);
  assert_refused ("{\"format\":\"taiou-json\"\0}", 24, TAIOU_PC_RECORD_ERROR_FORMAT);
  assert_refused ("[]", -1, TAIOU_PC_RECORD_ERROR_FORMAT);
  assert_refused ("\"taiou-json\"", -1, TAIOU_PC_RECORD_ERROR_FORMAT);
}

static void
test_wrong_format (void)
{
  g_autofree char *text = good_record ();
  g_autofree char *newer = replace_once (text, "\"version\":1,", "\"version\":2,");
  g_autofree char *other_hash = replace_once (text, "\"domain\":\"taiou-event-v1\"",
                                              "\"domain\":\"taiou-event-v9\"");
  g_autofree char *string_seq = replace_once (text, "{\"seq\":1,", "{\"seq\":\"1\",");
  g_autofree char *no_events = replace_once (text, "\"events\":[", "\"events_\":[");
  g_autofree char *zero_seq = replace_once (text, "{\"seq\":1,", "{\"seq\":0,");
  g_autoptr(TaiouPcRecord) record = parse_ok (text);
  const TaiouPcRecordEvent *first = record->events->pdata[0];
  g_autofree char *first_line = event_line (text, 1);
  g_autofree char *time = g_strdup_printf ("\"time_us\":%" G_GINT64_FORMAT ",", first->time_us);
  g_autofree char *line_before_1970 = replace_once (first_line, time, "\"time_us\":-5,");
  g_autofree char *before_1970 = replace_once (text, first_line, line_before_1970);
  g_autoptr(TaiouTimeline) timeline = taiou_test_timeline_new (NULL);
  g_autoptr(TaiouIncident) incident = taiou_test_add_incident (timeline, "x", 3);
  g_autoptr(GOutputStream) output = g_memory_output_stream_new_resizable ();
  g_autoptr(GError) error = NULL;

  assert_refused ("{\"format\":\"timesketch\"}", -1, TAIOU_PC_RECORD_ERROR_FORMAT);
  assert_refused ("{\"format\":\"taiou-json\",\"version\":1}", -1, TAIOU_PC_RECORD_ERROR_FORMAT);
  assert_refused (newer, -1, TAIOU_PC_RECORD_ERROR_FORMAT);
  assert_refused (other_hash, -1, TAIOU_PC_RECORD_ERROR_FORMAT);
  assert_refused (string_seq, -1, TAIOU_PC_RECORD_ERROR_FORMAT);
  assert_refused (no_events, -1, TAIOU_PC_RECORD_ERROR_FORMAT);
  assert_refused (zero_seq, -1, TAIOU_PC_RECORD_ERROR_FORMAT);
  assert_refused (before_1970, -1, TAIOU_PC_RECORD_ERROR_FORMAT);

  /* Another of Taiou's own exports. */
  taiou_export_incident (timeline, taiou_incident_get_id (incident),
                         TAIOU_EXPORT_FORMAT_TIMESKETCH_JSONL, output, NULL, NULL, &error);
  g_assert_no_error (error);
  assert_refused (g_memory_output_stream_get_data (G_MEMORY_OUTPUT_STREAM (output)),
                  (gssize) g_memory_output_stream_get_data_size (G_MEMORY_OUTPUT_STREAM (output)),
                  TAIOU_PC_RECORD_ERROR_FORMAT);
}

static void
test_unreadable (void)
{
  g_autofree char *text = good_record ();
  g_autofree char *path = taiou_test_write_temp ("pc-a.json", text, -1);
  g_autofree char *folder = g_path_get_dirname (path);
  g_autofree char *link = g_build_filename (folder, "link.json", NULL);
  g_autofree char *missing = g_build_filename (folder, "missing.json", NULL);
  g_autoptr(TaiouPcRecord) through_link = NULL;
  g_autoptr(TaiouPcRecord) absent = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GError) missing_error = NULL;

  g_assert_cmpint (symlink (path, link), ==, 0);
  through_link = taiou_pc_record_load (link, &error);
  g_assert_error (error, TAIOU_PC_RECORD_ERROR, TAIOU_PC_RECORD_ERROR_READ);
  absent = taiou_pc_record_load (missing, &missing_error);
  g_assert_error (missing_error, TAIOU_PC_RECORD_ERROR, TAIOU_PC_RECORD_ERROR_READ);
  g_assert_nonnull (strstr (missing_error->message, missing));
  g_unlink (link);
  g_unlink (path);
}

/* The fuzz seeds are written by a Python re-implementation of the event hash
 * (tests/fuzz/make-taiou-json-seeds.py): the reader must accept its chains, and read the origin of
 * an event merged from another PC. */
static void
test_independent_record (void)
{
  g_autofree char *good = g_build_filename (TAIOU_SOURCE_ROOT, "tests", "fuzz", "corpus",
                                            "taiou-json-import", "good", NULL);
  g_autofree char *merged = g_build_filename (TAIOU_SOURCE_ROOT, "tests", "fuzz", "corpus",
                                              "taiou-json-import", "merged-origin", NULL);
  g_autoptr(TaiouPcRecord) good_record = NULL;
  g_autoptr(TaiouPcRecord) merged_record = NULL;
  g_autoptr(GError) error = NULL;
  const TaiouPcRecordEvent *event;

  good_record = taiou_pc_record_load (good, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (good_record->events->len, ==, 4);
  g_assert_cmpint (good_record->chain_gaps, ==, 1);

  merged_record = taiou_pc_record_load (merged, &error);
  g_assert_no_error (error);
  event = merged_record->events->pdata[1];
  g_assert_cmpstr (event->origin_host, ==, "PC-B");
  g_assert_cmpint (event->origin_seq, ==, 7);
  g_assert_cmpstr (taiou_pc_record_event_get_identity_host (event), ==, "PC-B");
  g_assert_cmpint (taiou_pc_record_event_get_identity_seq (event), ==, 7);
  g_assert_cmpstr (taiou_pc_record_event_get_identity_hash (event), ==,
                   "abababababababababababababababababababababababababababababababab");
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/taiou/import-taiou-json/good", test_good);
  g_test_add_func ("/taiou/import-taiou-json/changed-field", test_changed_field);
  g_test_add_func ("/taiou/import-taiou-json/forged-hashes", test_forged_hashes);
  g_test_add_func ("/taiou/import-taiou-json/reordered", test_reordered);
  g_test_add_func ("/taiou/import-taiou-json/removed-events", test_removed_events);
  g_test_add_func ("/taiou/import-taiou-json/edited-header", test_edited_header);
  g_test_add_func ("/taiou/import-taiou-json/event-of-other-incident",
                   test_event_of_other_incident);
  g_test_add_func ("/taiou/import-taiou-json/source-broken", test_source_broken);
  g_test_add_func ("/taiou/import-taiou-json/huge-strings", test_huge_strings);
  g_test_add_func ("/taiou/import-taiou-json/deep-json", test_deep_json);
  g_test_add_func ("/taiou/import-taiou-json/announced-2gb", test_announced_2gb);
  g_test_add_func ("/taiou/import-taiou-json/not-json", test_not_json);
  g_test_add_func ("/taiou/import-taiou-json/wrong-format", test_wrong_format);
  g_test_add_func ("/taiou/import-taiou-json/unreadable", test_unreadable);
  g_test_add_func ("/taiou/import-taiou-json/independent-record", test_independent_record);
  return g_test_run ();
}
