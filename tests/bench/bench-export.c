/* bench-export.c — an incident of 1,000,000 events exported to Timesketch JSONL, against python3
 *
 *   bench-export PYTHON3 bench-export.py [N]      (meson test --benchmark --suite export)
 *
 * Builds a timeline of one incident with N events (1,000,000 by default) under $TAIOU_BENCH_DIR
 * (default /var/tmp/taiou-bench) — in one transaction with the real chain hashes
 * (tests/common/taiou-test-chain.c), so it verifies like a record Taiou wrote — then exports it
 * with taiou_export_incident_to_path() (paged reads, a 64 KiB buffer, fsync and rename).  In the
 * same invocation bench-export.py writes the same JSONL from the same database with python3's
 * sqlite3 and json modules, and the two files must be identical byte for byte.  Three rounds,
 * the order alternating, the median of each; each side times its own work (python from its first
 * query, not its start-up).
 *
 * Targets: Taiou ≤ 5 s for 1,000,000 events (issue 14), and ≤ 1.0× python3's time — C reading
 * the same SQLite should never be slower than an interpreter.
 */
#define G_LOG_DOMAIN "bench-export"

#include "config.h"

#include <glib/gstdio.h>
#include <stdlib.h>
#include <time.h>

#include "taiou.h"
#include "taiou-test-chain.h"

#include "bench-report.h"

#define ROUNDS 3
#define T0 G_GINT64_CONSTANT (1795395600000000)

static const char * const kinds[] = { "scan.finding", "mail.triage", "note", "wizard.step" };

static void
remove_db (const char *path)
{
  g_autofree char *wal = g_strconcat (path, "-wal", NULL);
  g_autofree char *shm = g_strconcat (path, "-shm", NULL);

  g_unlink (path);
  g_unlink (wal);
  g_unlink (shm);
}

static gint64
build_database (const char *path,
                guint       count)
{
  TaiouTestChain *chain;
  gint64 incident;
  gint64 start = g_get_monotonic_time ();

  remove_db (path);
  chain = taiou_test_chain_open (path);
  incident = taiou_test_chain_add_incident (chain, "0b7e2d52-9c4f-4f0e-8a57-5d9a1c3b2e10",
                                            "不審なメールの添付ファイルを開いた", T0 + 60000000,
                                            T0, "PC-07", "山田 太郎");
  for (guint i = 1; i < count; i++)
    {
      g_autofree char *summary = g_strdup_printf ("検出 %u: C:\\Users\\yamada\\AppData\\Local\\"
                                                  "Temp\\file%u.dll", i, i);
      g_autofree char *detail = g_strdup_printf ("{\"rule\":\"ioc.sha256\",\"score\":100,"
                                                 "\"object\":\"file%u.dll\",\"n\":%u}", i, i);

      taiou_test_chain_add_event (chain, incident, T0 + 120000000 + (gint64) i * 1234,
                                  kinds[i % G_N_ELEMENTS (kinds)], "root", "PC-07", summary,
                                  detail);
    }
  taiou_test_chain_close (chain);
  g_print ("Built a timeline of %u events in %.1f s\n", count,
           (g_get_monotonic_time () - start) / 1e6);
  return incident;
}

static double
cpu_seconds (void)
{
  struct timespec now;

  clock_gettime (CLOCK_PROCESS_CPUTIME_ID, &now);
  return now.tv_sec + now.tv_nsec / 1e9;
}

/* Returns the wall-clock seconds, and the CPU seconds in @cpu: on a shared machine the second
 * tells what the export costs whatever else runs. */
static double
run_taiou (TaiouTimeline            *timeline,
           gint64                    incident,
           const char               *output,
           const TaiouExportOptions *options,
           double                   *cpu)
{
  g_autoptr(GError) error = NULL;
  gint64 start = g_get_monotonic_time ();
  double cpu_start = cpu_seconds ();

  if (!taiou_export_incident_to_path (timeline, incident, TAIOU_EXPORT_FORMAT_TIMESKETCH_JSONL,
                                      output, options, NULL, &error))
    g_error ("export: %s", error->message);
  *cpu = cpu_seconds () - cpu_start;
  return (g_get_monotonic_time () - start) / 1e6;
}

static double
run_python (const char               *python,
            const char               *script,
            const char               *db,
            gint64                    incident,
            const char               *output,
            const TaiouExportOptions *options)
{
  g_autofree char *incident_text = g_strdup_printf ("%" G_GINT64_FORMAT, incident);
  g_autofree char *exported_text = g_strdup_printf ("%" G_GINT64_FORMAT, options->exported_us);
  const char *argv[] = { python, script, db, incident_text, output, exported_text,
                         options->exported_on, options->exported_by, NULL };
  g_autofree char *out = NULL;

  out = bench_run_tool (argv);
  return g_ascii_strtod (out, NULL);
}

static char *
file_sha256 (const char *path)
{
  g_autoptr(GMappedFile) file = g_mapped_file_new (path, FALSE, NULL);

  g_assert_nonnull (file);
  return g_compute_checksum_for_data (G_CHECKSUM_SHA256,
                                      (const guchar *) g_mapped_file_get_contents (file),
                                      g_mapped_file_get_length (file));
}

int
main (int    argc,
      char **argv)
{
  const char *dir = bench_dir ();
  g_autofree char *work = g_build_filename (dir, "export", NULL);
  g_autofree char *db = g_build_filename (work, "export.db", NULL);
  g_autofree char *taiou_out = g_build_filename (work, "taiou.jsonl", NULL);
  g_autofree char *python_out = g_build_filename (work, "python.jsonl", NULL);
  g_autoptr(TaiouTimeline) timeline = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *name = NULL;
  const TaiouExportOptions options = {
    .exported_us = T0 + G_GINT64_CONSTANT (86400000000),
    .exported_on = "IT-PC",
    .exported_by = "it-admin",
  };
  double taiou_s[ROUNDS], taiou_cpu_s[ROUNDS], python_s[ROUNDS];
  double taiou_median, python_median;
  gint64 incident;
  guint count;
  gboolean met;

  if (argc < 3)
    {
      g_printerr ("usage: %s PYTHON3 bench-export.py [N]\n", argv[0]);
      return 2;
    }
  count = argc > 3 ? (guint) g_ascii_strtoull (argv[3], NULL, 10) : 1000000;
  g_mkdir_with_parents (work, 0700);
  incident = build_database (db, count);
  timeline = taiou_timeline_open (db, &error);
  g_assert_no_error (error);

  for (guint round = 0; round < ROUNDS; round++)
    {
      g_autofree char *taiou_sum = NULL;
      g_autofree char *python_sum = NULL;

      if (round % 2 == 0)
        {
          taiou_s[round] = run_taiou (timeline, incident, taiou_out, &options,
                                      &taiou_cpu_s[round]);
          python_s[round] = run_python (argv[1], argv[2], db, incident, python_out, &options);
        }
      else
        {
          python_s[round] = run_python (argv[1], argv[2], db, incident, python_out, &options);
          taiou_s[round] = run_taiou (timeline, incident, taiou_out, &options,
                                      &taiou_cpu_s[round]);
        }
      taiou_sum = file_sha256 (taiou_out);
      python_sum = file_sha256 (python_out);
      if (!g_str_equal (taiou_sum, python_sum))
        g_error ("Taiou's and python's JSONL differ (%s, %s): they did not do the same work",
                 taiou_out, python_out);
      g_print ("round %u: taiou %.3f s (CPU %.3f s), python3 %.3f s, identical output "
               "(sha256 %.16s...)\n",
               round + 1, taiou_s[round], taiou_cpu_s[round], python_s[round], taiou_sum);
    }

  taiou_median = bench_median (taiou_s, ROUNDS);
  python_median = bench_median (python_s, ROUNDS);
  g_print ("Export benchmark: %u events to Timesketch JSONL: taiou %.3f s (%.0f events/s; "
           "CPU %.3f s), python3+sqlite3 %.3f s\n", count, taiou_median, count / taiou_median,
           bench_median (taiou_cpu_s, ROUNDS), python_median);

  name = g_strdup_printf ("export-%uk-timesketch-jsonl", count / 1000);
  met = bench_report (name, taiou_median, "s", "<= 5 s", NULL, 0, taiou_median <= 5.0);
  g_free (name);
  name = g_strdup_printf ("export-%uk-timesketch-jsonl-vs-python3", count / 1000);
  met &= bench_report (name, taiou_median, "s", "<= 1.0x", "python3+sqlite3", python_median,
                       taiou_median <= python_median);

  g_clear_object (&timeline);
  remove_db (db);
  g_unlink (taiou_out);
  g_unlink (python_out);
  return met ? 0 : 1;
}
