/* bench-timeline.c — appending to and verifying the timeline, against python3 doing the same
 *
 *   bench-timeline PYTHON3 bench-timeline.py [N]      (meson test --benchmark --suite timeline)
 *
 * Taiou appends N events (10,000 by default) through taiou_timeline_append() to a real SQLite
 * file under $TAIOU_BENCH_DIR (default /var/tmp/taiou-bench: a disk, not a tmpfs, since every
 * event is an fsync'd transaction), then verifies the chain with taiou_timeline_verify().  In the
 * same invocation bench-timeline.py does the equivalent in python3 with the same SQLite: one
 * BEGIN IMMEDIATE … COMMIT per event, WAL, synchronous=FULL, the same canonical SHA-256 chain;
 * then it re-walks Taiou's file.  Both time only their loop (not opening the file, not starting
 * the interpreter).  Three rounds, the order alternating, the median of each.
 *
 * The two are checked to do the same work: python's walk must reach Taiou's head hash, and Taiou
 * must open and verify python's file as an intact chain of N events.  Taiou creates both files
 * (schema 3, with its identity index), so both pay for the same indexes.
 *
 * The batched append, verifying 1,000,000 events and the filtered, paged queries are in
 * bench-timeline-bulk.c.
 *
 * Targets: Taiou ≤ 1.0× python's time for both — C with the same SQLite and the same fsyncs
 * should never be slower than an interpreter.
 */
#define G_LOG_DOMAIN "bench-timeline"

#include "config.h"

#include <glib/gstdio.h>
#include <stdlib.h>

#include "taiou.h"

#include "bench-report.h"

#define ROUNDS 3

static const char *python;
static const char *script;

/* Removes the database and makes it again, empty, with Taiou's current schema. */
static void
remove_db (const char *path)
{
  g_autofree char *wal = g_strconcat (path, "-wal", NULL);
  g_autofree char *shm = g_strconcat (path, "-shm", NULL);
  g_autoptr(TaiouTimeline) timeline = NULL;
  g_autoptr(GError) error = NULL;

  g_unlink (path);
  g_unlink (wal);
  g_unlink (shm);
  timeline = taiou_timeline_open (path, &error);
  g_assert_no_error (error);
}

/* Runs bench-timeline.py; returns its first output word (seconds), and the second in @word. */
static double
run_python (const char  *mode,
            const char  *db,
            const char  *count,
            char       **word)
{
  const char *argv[] = { python, script, mode, db, count, NULL };
  g_autofree char *out = NULL;
  g_auto(GStrv) words = NULL;

  out = bench_run_tool (argv);
  words = g_strsplit (g_strstrip (out), " ", 2);
  if (word != NULL)
    *word = g_strdup (words[1]);
  return g_ascii_strtod (words[0], NULL);
}

/* Appends @count events the way the app does (a note with a small JSON detail), timed. */
static double
taiou_append (const char *db,
              guint       count)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TaiouTimeline) timeline = taiou_timeline_open (db, &error);
  gint64 start;

  if (timeline == NULL)
    g_error ("%s", error->message);
  start = g_get_monotonic_time ();
  for (guint i = 0; i < count; i++)
    {
      g_autoptr(JsonObject) detail = json_object_new ();
      g_autofree char *summary = g_strdup_printf ("LAN ケーブルを抜いたことを電話で確認 (%u)", i);
      g_autoptr(TaiouEvent) event = NULL;

      json_object_set_int_member (detail, "n", i);
      json_object_set_string_member (detail, "path", "C:\\Users\\yamada\\Downloads\\請求書.zip");
      event = taiou_timeline_append (timeline, 0, "note", "山田 太郎", summary, detail, &error);
      if (event == NULL)
        g_error ("%s", error->message);
    }
  return (g_get_monotonic_time () - start) / 1e6;
}

static double
taiou_verify (const char  *db,
              gint64       expected_events,
              char       **head_hash)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TaiouTimeline) timeline = taiou_timeline_open (db, &error);
  g_autoptr(TaiouTimelineVerification) verification = NULL;
  gint64 start;
  double seconds;

  if (timeline == NULL)
    g_error ("%s", error->message);
  start = g_get_monotonic_time ();
  verification = taiou_timeline_verify (timeline, NULL, &error);
  seconds = (g_get_monotonic_time () - start) / 1e6;
  if (verification == NULL)
    g_error ("%s", error->message);
  if (!verification->intact || verification->n_events != expected_events)
    g_error ("%s: not an intact chain of %" G_GINT64_FORMAT " events: %s", db, expected_events,
             verification->problem);
  if (head_hash != NULL)
    *head_hash = g_strdup (verification->head_hash);
  return seconds;
}

int
main (int    argc,
      char **argv)
{
  const char *dir = bench_dir ();
  g_autofree char *work = g_build_filename (dir, "timeline", NULL);
  g_autofree char *taiou_db = g_build_filename (work, "taiou.db", NULL);
  g_autofree char *python_db = g_build_filename (work, "python.db", NULL);
  double append[2][ROUNDS], verify[2][ROUNDS];
  g_autofree char *count_text = NULL;
  g_autofree char *append_name = NULL;
  g_autofree char *verify_name = NULL;
  guint count;
  double taiou_append_s, python_append_s, taiou_verify_s, python_verify_s;
  gboolean met;

  if (argc < 3)
    {
      g_printerr ("usage: %s PYTHON3 bench-timeline.py [N]\n", argv[0]);
      return 2;
    }
  python = argv[1];
  script = argv[2];
  count = argc > 3 ? (guint) g_ascii_strtoull (argv[3], NULL, 10) : 10000;
  count_text = g_strdup_printf ("%u", count);
  g_mkdir_with_parents (work, 0700);

  for (guint round = 0; round < ROUNDS; round++)
    {
      g_autofree char *taiou_head = NULL;
      g_autofree char *python_head = NULL;

      remove_db (taiou_db);
      remove_db (python_db);
      /* Alternate who goes first, so that a drift in the machine's load hits both. */
      if (round % 2 == 0)
        {
          append[0][round] = taiou_append (taiou_db, count);
          append[1][round] = run_python ("append", python_db, count_text, NULL);
        }
      else
        {
          append[1][round] = run_python ("append", python_db, count_text, NULL);
          append[0][round] = taiou_append (taiou_db, count);
        }
      verify[0][round] = taiou_verify (taiou_db, count, &taiou_head);
      verify[1][round] = run_python ("verify", taiou_db, NULL, &python_head);
      if (g_strcmp0 (taiou_head, python_head) != 0)
        g_error ("python's head hash %s is not Taiou's %s: they do not compute the same chain",
                 python_head, taiou_head);
      if (round == 0)
        taiou_verify (python_db, count, NULL); /* python's file is a real Taiou timeline */
    }
  g_unlink (taiou_db);
  g_unlink (python_db);
  g_rmdir (work);

  taiou_append_s = bench_median (append[0], ROUNDS);
  python_append_s = bench_median (append[1], ROUNDS);
  taiou_verify_s = bench_median (verify[0], ROUNDS);
  python_verify_s = bench_median (verify[1], ROUNDS);
  g_print ("Timeline benchmark: %u events, each its own transaction (WAL, synchronous=FULL), "
           "in %s; median of %d rounds\n", count, work, ROUNDS);
  g_print ("  append  taiou_timeline_append  %7.3f s (%6.0f events/s)   python3+sqlite3 %7.3f s"
           "   ratio %.2fx   target <= 1.0x\n", taiou_append_s, count / taiou_append_s,
           python_append_s, taiou_append_s / python_append_s);
  g_print ("  verify  taiou_timeline_verify  %7.3f s (%6.0f events/s)   python3+sqlite3 %7.3f s"
           "   ratio %.2fx   target <= 1.0x\n", taiou_verify_s, count / taiou_verify_s,
           python_verify_s, taiou_verify_s / python_verify_s);

  append_name = g_strdup_printf ("timeline-append-%u", count);
  verify_name = g_strdup_printf ("timeline-verify-%u", count);
  met = bench_report (append_name, taiou_append_s, "s", "<= 1.0x", "python3+sqlite3",
                      python_append_s, taiou_append_s <= python_append_s);
  met &= bench_report (verify_name, taiou_verify_s, "s", "<= 1.0x", "python3+sqlite3",
                       python_verify_s, taiou_verify_s <= python_verify_s);
  return met ? 0 : 1;
}
