/* bench-import-loki.c — a whole-disk Loki text log read for its findings, against python3
 *
 *   bench-import-loki PYTHON3 bench-import-loki.py [LINES]
 *
 * Writes a synthetic Loki text log of LINES lines (1,000,000 by default, about 150 MB) under
 * $TAIOU_BENCH_DIR (default /var/tmp/taiou-bench): INFO "Scanning …" lines as Loki writes for
 * every file, and one finding in 200 (ALERT, WARNING or NOTICE, with path, score, hashes and two
 * reasons, as Loki's FileScan writes them).  Then reads it with taiou_loki_log_load() and, in the
 * same invocation, with bench-import-loki.py (the same work in python3 with regular expressions);
 * the counts and the kept paths must agree.  Three rounds, the order alternating, the median of
 * each; each side times its own work.
 *
 * Targets: ≤ 1.0× python3's time, and reading as a stream: the peak resident memory grows by at
 * most 64 MiB however large the log.
 */
#define G_LOG_DOMAIN "bench-import-loki"

#include "config.h"

#include <glib/gstdio.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "taiou.h"

#include "bench-report.h"

#define ROUNDS 3

static void
write_log (const char *path,
           guint       n_lines)
{
  static const char * const levels[] = { "Alert", "Warning", "Notice" };
  FILE *out = fopen (path, "w");
  gint64 start = g_get_monotonic_time ();

  g_assert_nonnull (out);
  for (guint i = 0; i < n_lines; i++)
    {
      if (i % 200 == 199)
        fprintf (out, "20240304T09:31:12Z PC-07 LOKI: %s: MODULE: FileScan MESSAGE: FILE: "
                      "C:\\Users\\yamada\\AppData\\Local\\Temp\\請求書 %u.exe SCORE: %u TYPE: EXE "
                      "SIZE: 1024 FIRST_BYTES: 4d5a9000 / MZ MD5: %032x SHA1: %040x SHA256: "
                      "%064x CREATED: Mon Mar  4 09:00:00 2024 MODIFIED: Mon Mar  4 09:00:00 2024 "
                      "ACCESSED: Mon Mar  4 09:00:00 2024 REASON_1: Malware Hash TYPE: MD5 HASH: "
                      "%032x SUBSCORE: 100 DESC: Synthetic, not malwareREASON_2: Yara Rule MATCH: "
                      "TAIOU_Synthetic SUBSCORE: 50 DESCRIPTION: Synthetic rule REF: - AUTHOR: "
                      "Taiou bench\r\n",
                 levels[(i / 200) % 3], i, 40 + i % 200, i, i, i, i);
      else
        fprintf (out, "20240304T09:30:01Z PC-07 LOKI: Info: MODULE: FileScan MESSAGE: Scanning "
                      "C:\\Windows\\System32\\DriverStore\\FileRepository\\file%07u.dll TYPE: EXE "
                      "SIZE: 123456\r\n", i);
    }
  g_assert_cmpint (fclose (out), ==, 0);
  g_print ("Wrote a Loki log of %u lines in %.1f s\n", n_lines,
           (g_get_monotonic_time () - start) / 1e6);
}

static char *
paths_sha256 (TaiouLokiLog *log)
{
  g_autoptr(GChecksum) checksum = g_checksum_new (G_CHECKSUM_SHA256);

  for (guint i = 0; i < log->findings->len; i++)
    {
      TaiouLokiFinding *finding = log->findings->pdata[i];
      const char *path = finding->file_path != NULL ? finding->file_path : "";

      g_checksum_update (checksum, (const guchar *) path, (gssize) strlen (path));
      g_checksum_update (checksum, (const guchar *) "\n", 1);
    }
  return g_strdup (g_checksum_get_string (checksum));
}

/* VmHWM, the peak resident set, in KiB. */
static guint64
peak_rss_kib (void)
{
  g_autofree char *status = NULL;
  const char *line;

  if (!g_file_get_contents ("/proc/self/status", &status, NULL, NULL) ||
      (line = strstr (status, "VmHWM:")) == NULL)
    return 0;
  return g_ascii_strtoull (line + strlen ("VmHWM:"), NULL, 10);
}

static double
run_taiou (const char  *path,
           char       **result)
{
  g_autoptr(TaiouLokiLog) log = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *sum = NULL;
  gint64 start = g_get_monotonic_time ();
  double seconds;

  log = taiou_loki_log_load (path, TAIOU_LOKI_FORMAT_AUTO, NULL, &error);
  seconds = (g_get_monotonic_time () - start) / 1e6;
  g_assert_no_error (error);
  g_assert_false (log->truncated);
  sum = paths_sha256 (log);
  *result = g_strdup_printf ("%u %u %u %s", log->n_alerts, log->n_warnings, log->n_notices, sum);
  return seconds;
}

static double
run_python (const char  *python,
            const char  *script,
            const char  *path,
            char       **result)
{
  const char *argv[] = { python, script, path, NULL };
  g_autofree char *out = bench_run_tool (argv);
  g_auto(GStrv) words = g_strsplit (g_strstrip (out), " ", 2);

  g_assert_nonnull (words[0]);
  g_assert_nonnull (words[1]);
  *result = g_strstrip (g_strdup (words[1]));
  return g_ascii_strtod (words[0], NULL);
}

int
main (int    argc,
      char **argv)
{
  const char *dir = bench_dir ();
  g_autofree char *work = g_build_filename (dir, "import-loki", NULL);
  g_autofree char *path = g_build_filename (work, "loki_PC-07.log", NULL);
  g_autofree char *name = NULL;
  double taiou_s[ROUNDS], python_s[ROUNDS];
  double taiou_median, python_median, megabytes;
  guint64 rss_before, rss_growth_kib;
  GStatBuf st;
  guint n_lines;
  gboolean met;

  if (argc < 3)
    {
      g_printerr ("usage: %s PYTHON3 bench-import-loki.py [LINES]\n", argv[0]);
      return 2;
    }
  n_lines = argc > 3 ? (guint) g_ascii_strtoull (argv[3], NULL, 10) : 1000000;
  g_mkdir_with_parents (work, 0700);
  write_log (path, n_lines);
  g_assert_cmpint (g_stat (path, &st), ==, 0);
  megabytes = st.st_size / 1e6;
  rss_before = peak_rss_kib ();

  for (guint round = 0; round < ROUNDS; round++)
    {
      g_autofree char *taiou_result = NULL;
      g_autofree char *python_result = NULL;

      if (round % 2 == 0)
        {
          taiou_s[round] = run_taiou (path, &taiou_result);
          python_s[round] = run_python (argv[1], argv[2], path, &python_result);
        }
      else
        {
          python_s[round] = run_python (argv[1], argv[2], path, &python_result);
          taiou_s[round] = run_taiou (path, &taiou_result);
        }
      if (!g_str_equal (taiou_result, python_result))
        g_error ("Taiou and python3 disagree (%s / %s): they did not do the same work",
                 taiou_result, python_result);
      g_print ("round %u: taiou %.3f s, python3 %.3f s, same findings (%s)\n", round + 1,
               taiou_s[round], python_s[round], taiou_result);
    }
  rss_growth_kib = peak_rss_kib () - rss_before;

  taiou_median = bench_median (taiou_s, ROUNDS);
  python_median = bench_median (python_s, ROUNDS);
  g_print ("Loki log of %u lines (%.0f MB): taiou %.3f s (%.0f MB/s), python3 %.3f s; peak RSS "
           "grew by %.1f MiB\n", n_lines, megabytes, taiou_median, megabytes / taiou_median,
           python_median, rss_growth_kib / 1024.0);

  name = g_strdup_printf ("import-loki-%uk-lines-vs-python3", n_lines / 1000);
  met = bench_report (name, taiou_median, "s", "<= 1.0x", "python3 re", python_median,
                      taiou_median <= python_median);
  g_free (name);
  name = g_strdup_printf ("import-loki-%uk-lines-rss-growth", n_lines / 1000);
  met &= bench_report (name, rss_growth_kib / 1024.0, "MiB", "<= 64 MiB", NULL, 0,
                       rss_growth_kib <= 64 * 1024);

  g_unlink (path);
  return met ? 0 : 1;
}
