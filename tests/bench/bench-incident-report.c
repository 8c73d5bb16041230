/* bench-incident-report.c — the printable report (PDF) of an incident of 100,000 events, against
 * the Timesketch JSONL export of the same events in the same run
 *
 *   bench-incident-report [N]       (meson test --benchmark --suite export)
 *
 * Builds one incident of N events (100,000 by default) under $TAIOU_BENCH_DIR (default
 * /var/tmp/taiou-bench) with the real chain hashes (tests/common/taiou-test-chain.c), then exports
 * it as report-pdf and as timesketch-jsonl, each in a fresh child process (this program run
 * again) so that each peak RSS is that export's alone: the PDF is drawn row by row with pango
 * and streamed page by page by cairo, so its memory must stay flat however many events there
 * are.  Three rounds, the order alternating, the median of each.
 *
 * Targets (none in the issue; these keep the design honest): the PDF of 100,000 events in
 * ≤ 120 s and a peak RSS ≤ 256 MiB, the same as for 10,000 events.  The JSONL export is the
 * comparison: the ratios (≤ 100× the time, ≤ 10× the memory) say what shaping and drawing cost
 * over writing the same events as text.
 */
#define G_LOG_DOMAIN "bench-report"

#include "config.h"

#include <glib/gstdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
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

  remove_db (path);
  chain = taiou_test_chain_open (path);
  incident = taiou_test_chain_add_incident (chain, "0b7e2d52-9c4f-4f0e-8a57-5d9a1c3b2e10",
                                            "不審なメールの添付ファイルを開いた", T0 + 60000000,
                                            T0, "PC-07", "山田 太郎");
  for (guint i = 1; i < count; i++)
    {
      g_autofree char *summary = g_strdup_printf ("検出 %u: C:\\Users\\yamada\\AppData\\Local\\"
                                                  "Temp\\file%u.dll（不審なファイル）", i, i);
      g_autofree char *detail = g_strdup_printf ("{\"rule\":\"ioc.sha256\",\"score\":100,"
                                                 "\"object\":\"file%u.dll\",\"n\":%u}", i, i);

      taiou_test_chain_add_event (chain, incident, T0 + 120000000 + (gint64) i * 1234,
                                  kinds[i % G_N_ELEMENTS (kinds)], "root", "PC-07", summary,
                                  detail);
    }
  taiou_test_chain_close (chain);
  return incident;
}

/* The child: one export, then "seconds cpu-seconds peak-rss-KiB" on standard output. */
static int
run_child (const char *db,
           const char *incident_text,
           const char *format_name,
           const char *output)
{
  g_autoptr(TaiouTimeline) timeline = NULL;
  g_autoptr(GError) error = NULL;
  const TaiouExportOptions options = {
    .exported_us = T0 + G_GINT64_CONSTANT (86400000000),
    .exported_on = "IT-PC",
    .exported_by = "it-admin",
    .organization = "株式会社サンプル商事",
  };
  TaiouExportFormat format;
  struct rusage usage;
  struct timespec cpu;
  gint64 start;

  if (!taiou_export_format_from_string (format_name, &format))
    g_error ("no format %s", format_name);
  timeline = taiou_timeline_open (db, &error);
  g_assert_no_error (error);
  start = g_get_monotonic_time ();
  if (!taiou_export_incident_to_path (timeline, g_ascii_strtoll (incident_text, NULL, 10),
                                      format, output, &options, NULL, &error))
    g_error ("%s: %s", format_name, error->message);
  clock_gettime (CLOCK_PROCESS_CPUTIME_ID, &cpu);
  getrusage (RUSAGE_SELF, &usage);
  g_print ("%.3f %.3f %ld\n", (g_get_monotonic_time () - start) / 1e6,
           cpu.tv_sec + cpu.tv_nsec / 1e9, usage.ru_maxrss);
  return 0;
}

typedef struct
{
  double seconds;
  double cpu;
  double rss_mib;
} Figures;

static Figures
run_export (const char *self,
            const char *db,
            gint64      incident,
            const char *format,
            const char *output)
{
  g_autofree char *incident_text = g_strdup_printf ("%" G_GINT64_FORMAT, incident);
  const char *argv[] = { self, "--child", db, incident_text, format, output, NULL };
  g_autofree char *out = NULL;
  g_autoptr(GError) error = NULL;
  Figures figures;
  char *end;
  int status;

  if (!g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_DEFAULT, NULL, NULL, &out, NULL,
                     &status, &error) ||
      !g_spawn_check_wait_status (status, &error))
    g_error ("%s export: %s", format, error->message);
  figures.seconds = g_ascii_strtod (out, &end);
  figures.cpu = g_ascii_strtod (end, &end);
  figures.rss_mib = g_ascii_strtod (end, NULL) / 1024.0;
  return figures;
}

int
main (int    argc,
      char **argv)
{
  const char *dir = bench_dir ();
  g_autofree char *work = g_build_filename (dir, "report", NULL);
  g_autofree char *db = g_build_filename (work, "report.db", NULL);
  g_autofree char *pdf = g_build_filename (work, "report.pdf", NULL);
  g_autofree char *jsonl = g_build_filename (work, "timesketch.jsonl", NULL);
  g_autofree char *name = NULL;
  double pdf_s[ROUNDS], pdf_cpu[ROUNDS], pdf_rss[ROUNDS];
  double jsonl_s[ROUNDS], jsonl_cpu[ROUNDS], jsonl_rss[ROUNDS];
  double pdf_median, jsonl_median, pdf_rss_median, jsonl_rss_median;
  g_autofree char *pages = NULL;
  GStatBuf pdf_stat;
  gint64 incident;
  guint count;
  gboolean met;

  if (argc == 6 && g_str_equal (argv[1], "--child"))
    return run_child (argv[2], argv[3], argv[4], argv[5]);

  count = argc > 1 ? (guint) g_ascii_strtoull (argv[1], NULL, 10) : 100000;
  g_mkdir_with_parents (work, 0700);
  incident = build_database (db, count);

  for (guint round = 0; round < ROUNDS; round++)
    {
      Figures p, j;

      if (round % 2 == 0)
        {
          p = run_export (argv[0], db, incident, "report-pdf", pdf);
          j = run_export (argv[0], db, incident, "timesketch-jsonl", jsonl);
        }
      else
        {
          j = run_export (argv[0], db, incident, "timesketch-jsonl", jsonl);
          p = run_export (argv[0], db, incident, "report-pdf", pdf);
        }
      pdf_s[round] = p.seconds;
      pdf_cpu[round] = p.cpu;
      pdf_rss[round] = p.rss_mib;
      jsonl_s[round] = j.seconds;
      jsonl_cpu[round] = j.cpu;
      jsonl_rss[round] = j.rss_mib;
      g_print ("round %u: report-pdf %.2f s (CPU %.2f s, peak RSS %.1f MiB), timesketch-jsonl "
               "%.2f s (CPU %.2f s, peak RSS %.1f MiB)\n", round + 1, p.seconds, p.cpu,
               p.rss_mib, j.seconds, j.cpu, j.rss_mib);
    }

  g_assert_cmpint (g_stat (pdf, &pdf_stat), ==, 0);
  {
    const char *pdfinfo_argv[] = { "pdfinfo", pdf, NULL };

    if (g_spawn_sync (NULL, (char **) pdfinfo_argv, NULL, G_SPAWN_SEARCH_PATH |
                      G_SPAWN_STDERR_TO_DEV_NULL, NULL, NULL, &pages, NULL, NULL, NULL))
      {
        const char *line = strstr (pages, "Pages:");
        int n_pages = line != NULL ? atoi (line + strlen ("Pages:")) : 0;

        g_print ("The PDF: %.1f MiB, %d pages\n", pdf_stat.st_size / 1048576.0, n_pages);
      }
  }

  pdf_median = bench_median (pdf_s, ROUNDS);
  jsonl_median = bench_median (jsonl_s, ROUNDS);
  pdf_rss_median = bench_median (pdf_rss, ROUNDS);
  jsonl_rss_median = bench_median (jsonl_rss, ROUNDS);
  g_print ("Report benchmark: %u events: report-pdf %.2f s (CPU %.2f s, %.0f events/s, peak "
           "RSS %.1f MiB); timesketch-jsonl %.2f s (CPU %.2f s, peak RSS %.1f MiB)\n", count,
           pdf_median, bench_median (pdf_cpu, ROUNDS), count / pdf_median, pdf_rss_median,
           jsonl_median, bench_median (jsonl_cpu, ROUNDS), jsonl_rss_median);

  /* Absolute targets without a tool; with the JSONL export as the tool, the target is on the
   * ratio (bench-report.h). */
  name = g_strdup_printf ("report-pdf-%uk", count / 1000);
  met = bench_report (name, pdf_median, "s", "<= 120 s", NULL, 0, pdf_median <= 120.0);
  g_free (name);
  name = g_strdup_printf ("report-pdf-%uk-vs-timesketch-jsonl", count / 1000);
  met &= bench_report (name, pdf_median, "s", "<= 100x", "timesketch-jsonl", jsonl_median,
                       pdf_median <= 100.0 * jsonl_median);
  g_free (name);
  name = g_strdup_printf ("report-pdf-%uk-peak-rss", count / 1000);
  met &= bench_report (name, pdf_rss_median, "MiB", "<= 256 MiB", NULL, 0,
                       pdf_rss_median <= 256.0);
  g_free (name);
  name = g_strdup_printf ("report-pdf-%uk-peak-rss-vs-timesketch-jsonl", count / 1000);
  met &= bench_report (name, pdf_rss_median, "MiB", "<= 10x", "timesketch-jsonl",
                       jsonl_rss_median, pdf_rss_median <= 10.0 * jsonl_rss_median);

  remove_db (db);
  g_unlink (pdf);
  g_unlink (jsonl);
  return met ? 0 : 1;
}
