/* bench-ioc-load.c — loading 1,000,000 SHA-256 IOCs: time and peak memory
 *
 *   meson test -C _build --benchmark --suite ioc   (or run the binary; an optional argument sets
 *   the count)
 *
 * Target (issue 3): ≤ 1 s and ≤ 100 MB RSS.  The list is written first through a small buffer so
 * that generating it does not count towards the peak; the figures printed are the load alone
 * and the process's peak resident size (VmHWM) before and after.  It exits non-zero when a
 * target is missed.
 */
#define G_LOG_DOMAIN "bench-ioc-load"

#include "config.h"

#include <glib/gstdio.h>
#include <stdio.h>
#include <stdlib.h>

#include "taiou.h"

#include "bench-report.h"

static gint64
status_kb (const char *field)
{
  g_autofree char *status = NULL;
  const char *line;

  if (!g_file_get_contents ("/proc/self/status", &status, NULL, NULL))
    return -1;
  line = strstr (status, field);
  return line != NULL ? g_ascii_strtoll (line + strlen (field), NULL, 10) : -1;
}

int
main (int    argc,
      char **argv)
{
  guint count = argc > 1 ? (guint) g_ascii_strtoull (argv[1], NULL, 10) : 1000000;
  g_autofree char *dir = g_dir_make_tmp ("taiou-bench-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "hash-iocs.txt", NULL);
  g_autoptr(TaiouIocSet) set = NULL;
  g_autoptr(TaiouIocLoadReport) report = NULL;
  g_autoptr(GError) error = NULL;
  GRand *rand = g_rand_new_with_seed (42);
  FILE *file = fopen (path, "w");
  gint64 hwm_before, hwm_after, rss_after, start, elapsed;
  gint64 file_size;
  guint found = 0;
  gboolean met;

  g_assert_nonnull (file);
  fputs ("# benchmark: random SHA-256 IOCs\n", file);
  for (guint i = 0; i < count; i++)
    {
      for (guint w = 0; w < 8; w++)
        fprintf (file, "%08x", g_rand_int (rand));
      fprintf (file, ";%u;MalwareBazaar: Emotet\n", 70 + i % 31);
    }
  file_size = ftell (file);
  fclose (file);
  g_rand_free (rand);

  hwm_before = status_kb ("VmHWM:");
  set = taiou_ioc_set_new ();
  start = g_get_monotonic_time ();
  report = taiou_ioc_set_load_file (set, path, TAIOU_IOC_FORMAT_LOKI_HASH, &error);
  elapsed = g_get_monotonic_time () - start;
  g_assert_no_error (error);
  hwm_after = status_kb ("VmHWM:");
  rss_after = status_kb ("VmRSS:");

  /* Every hash must be found again; this is the check that the figures are for a real load. */
  rand = g_rand_new_with_seed (42);
  start = g_get_monotonic_time ();
  for (guint i = 0; i < count; i++)
    {
      guint32 words[8];

      for (guint w = 0; w < 8; w++)
        {
          /* GUINT32_TO_BE() is a macro that may evaluate its argument more than once. */
          guint32 word = g_rand_int (rand);

          words[w] = GUINT32_TO_BE (word);
        }
      found += taiou_ioc_set_lookup_digest (set, (guint8 *) words, 32, NULL);
    }
  g_rand_free (rand);

  g_print ("IOC load benchmark: %u SHA-256 IOCs, file %.1f MB\n", count, file_size / 1e6);
  g_print ("  load time          %.3f s  (%.0f IOCs/s)   target <= 1 s\n", elapsed / 1e6,
           count / (elapsed / 1e6));
  g_print ("  peak RSS           %.1f MB (before load %.1f MB)   target <= 100 MB\n",
           hwm_after / 1024.0, hwm_before / 1024.0);
  g_print ("  RSS after load     %.1f MB\n", rss_after / 1024.0);
  g_print ("  lookups            %u of %u found, %.0f ns each\n", found, count,
           (g_get_monotonic_time () - start) * 1e3 / count);
  g_print ("  loaded %u, bad lines %u\n", report->n_loaded, report->n_bad);

  met = bench_report ("ioc-load-1M-time", elapsed / 1e6, "s", "<= 1 s", NULL, 0,
                      elapsed <= G_USEC_PER_SEC);
  met &= bench_report ("ioc-load-1M-peak-rss", hwm_after / 1024.0, "MB", "<= 100 MB", NULL, 0,
                       hwm_after <= 100 * 1024);

  g_remove (path);
  g_rmdir (dir);
  return found == count && report->n_loaded == count && met ? 0 : 1;
}
