/* bench-scan-exclusions.c — what exclusions cost a scan: a tree of 15,000 files walked and
 * hashed with 50 exclusions that leave nothing out, against the same scanner without any
 *
 *   meson test -C _build --benchmark --suite scan --verbose   (or run the binary)
 *
 * Target (issue 15): ≤ 1.10 × the time without exclusions, as issue 15 asks of a scan without
 * YARA rules.  The comparison is Taiou itself without exclusions, measured in the same run,
 * alternating, median of five rounds each; the tree (15,000 files of 4 KiB in 150 folders) is
 * written once under $TAIOU_BENCH_DIR and the page cache is warm for both.
 */
#define G_LOG_DOMAIN "bench-scan-exclusions"

#include "config.h"

#include <glib/gstdio.h>
#include <string.h>

#include "taiou.h"

#include "bench-report.h"

#define N_FOLDERS       150
#define FILES_PER_FOLDER 100
#define N_ROUNDS        5
#define TARGET_RATIO    1.10

static char *
make_tree (void)
{
  char *root = g_build_filename (bench_dir (), "scan-exclusions", "tree", NULL);
  g_autofree char *contents = g_strnfill (4096, 'x');
  /* Beside the tree, so that the scan does not count it. */
  g_autofree char *done = g_build_filename (bench_dir (), "scan-exclusions", "complete", NULL);

  if (g_file_test (done, G_FILE_TEST_EXISTS))
    return root;
  for (guint f = 0; f < N_FOLDERS; f++)
    {
      g_autofree char *folder = g_strdup_printf ("%s/Users/u%03u/AppData/Local/Temp", root, f);

      g_assert_cmpint (g_mkdir_with_parents (folder, 0755), ==, 0);
      for (guint i = 0; i < FILES_PER_FOLDER; i++)
        {
          g_autofree char *path = g_strdup_printf ("%s/file-%05u.bin", folder, i);

          contents[0] = (char) ('a' + (f + i) % 26);
          g_assert_true (g_file_set_contents (path, contents, -1, NULL));
        }
    }
  g_assert_true (g_file_set_contents (done, "", 0, NULL));
  return root;
}

/* 40 globs and 10 regular expressions of the kinds Loki users keep, none matching the tree.
 * A regular expression with alternatives ("Veeam|Acronis") has no text it must hold, so it is
 * run on every path: about half a microsecond per path each. */
static TaiouScanExclusions *
make_exclusions (void)
{
  TaiouScanExclusions *exclusions = taiou_scan_exclusions_new (TRUE);

  for (guint i = 0; i < 40; i++)
    {
      g_autofree char *glob = i % 2 == 0 ? g_strdup_printf ("Backup-%u/**", i)
                                         : g_strdup_printf ("**/*.vm%u", i);

      g_assert_true (taiou_scan_exclusions_add_glob (exclusions, glob, NULL));
    }
  /* As Loki's excludes.cfg writes them: a piece of path or a suffix. */
  for (guint i = 0; i < 10; i++)
    {
      g_autofree char *regex = i % 2 == 0 ? g_strdup_printf ("\\\\Veeam%u\\\\Backup\\\\", i)
                                          : g_strdup_printf ("\\.vmdk%u$", i);

      g_assert_true (taiou_scan_exclusions_add_regex (exclusions, regex, NULL));
    }
  return exclusions;
}

static double
scan_seconds (TaiouScanner *scanner,
              const char   *root)
{
  const char *paths[] = { root, NULL };
  g_autoptr(TaiouScanResult) result = NULL;
  gint64 start = g_get_monotonic_time ();

  result = taiou_scanner_scan_paths (scanner, paths, NULL, NULL, NULL, NULL);
  g_assert_cmpuint (result->n_files, ==, N_FOLDERS * FILES_PER_FOLDER);
  g_assert_cmpuint (result->n_excluded, ==, 0);
  return (g_get_monotonic_time () - start) / 1e6;
}

int
main (int    argc,
      char **argv)
{
  g_autofree char *root = make_tree ();
  g_autoptr(TaiouIocSet) iocs = taiou_ioc_set_new ();
  g_autoptr(TaiouIocLoadReport) report = NULL;
  g_autoptr(TaiouScanner) plain = NULL;
  g_autoptr(TaiouScanner) excluding = NULL;
  g_autoptr(TaiouScanExclusions) exclusions = make_exclusions ();
  /* One hash IOC, so every file is read and hashed as in a real scan. */
  const char *hashes = "0000000000000000000000000000000000000000000000000000000000000000;90;x\n";
  double with[N_ROUNDS];
  double without[N_ROUNDS];
  double with_median;
  double without_median;

  report = taiou_ioc_set_load_data (iocs, "hash-iocs.txt", hashes, strlen (hashes),
                                    TAIOU_IOC_FORMAT_LOKI_HASH, NULL);
  plain = taiou_scanner_new (iocs);
  excluding = taiou_scanner_new (iocs);
  taiou_scanner_set_exclusions (excluding, exclusions);

  /* Warm the page cache, then alternate so that both see the same machine. */
  scan_seconds (plain, root);
  for (guint i = 0; i < N_ROUNDS; i++)
    {
      without[i] = scan_seconds (plain, root);
      with[i] = scan_seconds (excluding, root);
    }
  with_median = bench_median (with, N_ROUNDS);
  without_median = bench_median (without, N_ROUNDS);
  g_printerr ("15,000 files: %.3f s with 50 exclusions, %.3f s without\n", with_median,
              without_median);
  return bench_report ("scan-15000-files-50-exclusions", with_median, "s", "<= 1.10x",
                       "taiou without exclusions", without_median,
                       with_median <= TARGET_RATIO * without_median) ? 0 : 1;
}
