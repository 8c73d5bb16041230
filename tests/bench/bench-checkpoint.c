/* bench-checkpoint.c — issuing and checking a signed checkpoint of 1,000,000 events
 *
 *   bench-checkpoint PYTHON3 bench-timeline.py [N]      (meson test --benchmark --suite checkpoint)
 *
 * Under $TAIOU_BENCH_DIR (default /var/tmp/taiou-bench): a record of N events (1,000,000 by
 * default; written straight into SQLite with the real hashes by the tests' chain writer), then
 * taiou_checkpoint_issue() (re-hashes every event from the genesis hash and signs) and
 * taiou_checkpoint_check_record() of that checkpoint (re-hashes events #1…#N, compares, checks
 * the signature), each the best of three, beside bench-timeline.py's verify — python3 and the same
 * SQLite re-walking the same chain — once.  Both must end at the same head.  For reference,
 * taiou_timeline_verify() of the same record (best of three) is printed beside them.
 * Target: checking at most a fifth of python's time (5× faster), measured side by side so that
 * a shared machine's load counts for both; the absolute figure (≤ 1 s on a quiet PC, as
 * `timeline verify`) is printed too.
 */
#define G_LOG_DOMAIN "bench-checkpoint"

#include "config.h"

#include <glib/gstdio.h>

#include "taiou.h"
#include "taiou-test-chain.h"

#include "bench-report.h"

#define ROUNDS 3
#define T0 G_GINT64_CONSTANT (1795395600000000)

static void
remove_db (const char *path)
{
  g_autofree char *wal = g_strconcat (path, "-wal", NULL);
  g_autofree char *shm = g_strconcat (path, "-shm", NULL);

  g_unlink (path);
  g_unlink (wal);
  g_unlink (shm);
}

static double
run_python (const char  *python,
            const char  *script,
            const char  *db,
            char       **head)
{
  const char *argv[] = { python, script, "verify", db, NULL };
  g_autofree char *out = NULL;
  g_auto(GStrv) words = NULL;

  out = bench_run_tool (argv);
  words = g_strsplit (g_strstrip (out), " ", 2);
  *head = g_strdup (words[1]);
  return g_ascii_strtod (words[0], NULL);
}

int
main (int    argc,
      char **argv)
{
  guint total = argc > 3 ? (guint) g_ascii_strtoull (argv[3], NULL, 10) : 1000000;
  g_autofree char *path = g_build_filename (bench_dir (), "checkpoint.db", NULL);
  g_autofree char *key_path = g_build_filename (bench_dir (), "checkpoint-key.pem", NULL);
  g_autoptr(TaiouCheckpointKey) key = NULL;
  g_autoptr(TaiouCheckpoint) checkpoint = NULL;
  g_autoptr(TaiouTimeline) timeline = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *python_head = NULL;
  g_autofree char *head = NULL;
  g_autofree char *size = NULL;
  g_autofree char *issue_name = NULL;
  g_autofree char *check_name = NULL;
  TaiouTestChain *chain;
  double best_issue = G_MAXDOUBLE;
  double best_check = G_MAXDOUBLE;
  double best_verify = G_MAXDOUBLE;
  double python_s;
  gint64 incident;

  if (argc < 3)
    {
      g_printerr ("usage: %s PYTHON3 bench-timeline.py [N]\n", argv[0]);
      return 2;
    }
  g_mkdir_with_parents (bench_dir (), 0700);
  remove_db (path);
  g_unlink (key_path);

  chain = taiou_test_chain_open (path);
  incident = taiou_test_chain_add_incident (chain, "5b0a3f7e-0c61-4f1e-9a55-2a1c5d0e7b11",
                                            "bench", T0, T0, "PC-07", "山田 太郎");
  for (guint i = 1; i < total; i++)
    taiou_test_chain_add_event (chain, incident, T0 + i, "scan.finding", "山田 太郎", "PC-07",
                                "C:\\Users\\taro\\AppData\\Local\\mstask\\mstask.exe",
                                "{\"score\":80}");
  taiou_test_chain_close (chain);

  timeline = taiou_timeline_open (path, &error);
  g_assert_no_error (error);
  key = taiou_checkpoint_key_load_or_create (key_path, &error);
  g_assert_no_error (error);

  for (guint round = 0; round < ROUNDS; round++)
    {
      g_autoptr(TaiouCheckpointCheck) check = NULL;
      gint64 start = g_get_monotonic_time ();

      g_clear_pointer (&checkpoint, taiou_checkpoint_free);
      checkpoint = taiou_checkpoint_issue (timeline, key, NULL, NULL, NULL, &error);
      best_issue = MIN (best_issue, (g_get_monotonic_time () - start) / 1e6);
      g_assert_no_error (error);

      start = g_get_monotonic_time ();
      check = taiou_checkpoint_check_record (timeline, key, checkpoint, NULL, &error);
      best_check = MIN (best_check, (g_get_monotonic_time () - start) / 1e6);
      g_assert_no_error (error);
      if (check->verdict != TAIOU_CHECKPOINT_HELD || check->covered != total)
        g_error ("the checkpoint of %u events does not hold: %s", total, check->problem);
    }
  for (guint round = 0; round < ROUNDS; round++)
    {
      g_autoptr(TaiouTimelineVerification) verification = NULL;
      gint64 start = g_get_monotonic_time ();

      verification = taiou_timeline_verify (timeline, NULL, &error);
      best_verify = MIN (best_verify, (g_get_monotonic_time () - start) / 1e6);
      g_assert_no_error (error);
      g_assert_true (verification->intact);
    }
  head = taiou_checkpoint_dup_root_hex (checkpoint);
  python_s = run_python (argv[1], argv[2], path, &python_head);
  if (g_strcmp0 (head, python_head) != 0)
    g_error ("python's walk ended at %s, the checkpoint at %s", python_head, head);

  g_print ("  issue   taiou_checkpoint_issue %u events: %.3f s\n", total, best_issue);
  g_print ("  check   taiou_checkpoint_check_record %u events: %.3f s (%.0f events/s)   "
           "python3+sqlite3 verify %.3f s   target <= 0.2x python3\n", total, best_check,
           total / best_check, python_s);
  g_print ("  (for reference: taiou_timeline_verify of the same record %.3f s)\n", best_verify);
  /* Named by the record's size ("1M" for the default), as a run with another N measures another
   * thing: at a few thousand events the fixed costs decide the ratio. */
  size = total % 1000000 == 0 ? g_strdup_printf ("%uM", total / 1000000)
                              : g_strdup_printf ("%u", total);
  issue_name = g_strdup_printf ("checkpoint-issue-%s", size);
  check_name = g_strdup_printf ("checkpoint-check-%s", size);
  bench_report (issue_name, best_issue, "s", "<= 0.2x", "python3+sqlite3", python_s,
                best_issue <= 0.2 * python_s);
  if (!bench_report (check_name, best_check, "s", "<= 0.2x", "python3+sqlite3",
                     python_s, best_check <= 0.2 * python_s))
    return 1;
  remove_db (path);
  g_unlink (key_path);
  return 0;
}
