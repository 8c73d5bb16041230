/* test-scan-exclusions.c — globs and regular expressions a scan leaves out, and their count */
#define G_LOG_DOMAIN "test-scan-exclusions"

#include "config.h"

#include <glib/gstdio.h>
#include <string.h>

#include "taiou-test-util.h"

static TaiouScanExclusions *
globs (gboolean            case_insensitive,
       const char * const *patterns)
{
  TaiouScanExclusions *exclusions = taiou_scan_exclusions_new (case_insensitive);

  for (guint i = 0; patterns[i] != NULL; i++)
    {
      g_autoptr(GError) error = NULL;

      g_assert_true (taiou_scan_exclusions_add_glob (exclusions, patterns[i], &error));
      g_assert_no_error (error);
    }
  return exclusions;
}

static void
assert_matches (TaiouScanExclusions *exclusions,
                const char          *path,
                gboolean             expected)
{
  if (taiou_scan_exclusions_match (exclusions, path) != expected)
    g_error ("%s should %sbe excluded", path, expected ? "" : "not ");
}

static void
test_globs (void)
{
  const char *patterns[] = { "*.iso", "Windows/WinSxS/**", "**/cache/*.tmp", "/srv/backup",
                             "report-20??.pdf", "[!a]bc.dat", NULL };
  g_autoptr(TaiouScanExclusions) exclusions = globs (FALSE, patterns);

  g_assert_cmpuint (taiou_scan_exclusions_get_count (exclusions), ==, 6);
  /* A glob without a slash: the name, in any folder. */
  assert_matches (exclusions, "/home/u/disk.iso", TRUE);
  assert_matches (exclusions, "disk.iso", TRUE);
  assert_matches (exclusions, "/home/u/disk.iso.txt", FALSE);
  assert_matches (exclusions, "/home/u/disk.iso/inside", FALSE);
  /* "**" crosses folders; a final one leaves out the folder itself, so it is never walked. */
  assert_matches (exclusions, "/mnt/win/Windows/WinSxS", TRUE);
  assert_matches (exclusions, "/mnt/win/Windows/WinSxS/amd64_x/a.dll", TRUE);
  assert_matches (exclusions, "/mnt/win/Windows/WinSxSx/a.dll", FALSE);
  assert_matches (exclusions, "/mnt/win/MyWindows/WinSxS/a.dll", FALSE);
  assert_matches (exclusions, "/a/b/c/cache/x.tmp", TRUE);
  assert_matches (exclusions, "/cache/x.tmp", TRUE);
  assert_matches (exclusions, "/a/cache/sub/x.tmp", FALSE);
  /* A leading slash anchors at the start of the path. */
  assert_matches (exclusions, "/srv/backup", TRUE);
  assert_matches (exclusions, "/x/srv/backup", FALSE);
  /* "?" is one character, never a slash; "[!a]" one character but "a". */
  assert_matches (exclusions, "/d/report-2024.pdf", TRUE);
  assert_matches (exclusions, "/d/report-202.pdf", FALSE);
  assert_matches (exclusions, "/d/report-20/4.pdf", FALSE);
  assert_matches (exclusions, "/d/xbc.dat", TRUE);
  assert_matches (exclusions, "/d/abc.dat", FALSE);
  /* Case counts off a Windows volume. */
  assert_matches (exclusions, "/home/u/DISK.ISO", FALSE);
  /* Regex characters in a glob are literal. */
  {
    const char *literal[] = { "a+b(1).txt", NULL };
    g_autoptr(TaiouScanExclusions) plain = globs (FALSE, literal);

    assert_matches (plain, "/x/a+b(1).txt", TRUE);
    assert_matches (plain, "/x/aab1.txt", FALSE);
  }
}

static void
test_windows_volume_ignores_case (void)
{
  /* Windows users type backslashes; Windows ignores case, Japanese names included. */
  const char *patterns[] = { "windows\\winsxs\\**", "*.VHDX", "請求書*.zip", NULL };
  g_autoptr(TaiouScanExclusions) exclusions = globs (TRUE, patterns);
  g_autoptr(GError) error = NULL;

  assert_matches (exclusions, "/mnt/win/Windows/WinSxS/x86_y/b.dll", TRUE);
  assert_matches (exclusions, "/mnt/win/WINDOWS/winsxs", TRUE);
  assert_matches (exclusions, "/mnt/win/Users/u/vm.vhdx", TRUE);
  assert_matches (exclusions, "/mnt/win/Users/u/請求書_3月.ZIP", TRUE);
  assert_matches (exclusions, "/mnt/win/Users/u/見積書.zip", FALSE);

  g_assert_true (taiou_scan_exclusions_add_regex (exclusions, "/AppData/Local/Temp/", &error));
  assert_matches (exclusions, "/mnt/win/Users/u/appdata/local/temp/x.exe", TRUE);
}

static void
test_regex (void)
{
  g_autoptr(TaiouScanExclusions) exclusions = taiou_scan_exclusions_new (FALSE);
  g_autoptr(GError) error = NULL;
  const char * const *given = taiou_scan_exclusions_get_patterns (exclusions);

  g_assert_null (given[0]);

  g_assert_true (taiou_scan_exclusions_add_regex (exclusions, "\\.vhdx?$", &error));
  g_assert_true (taiou_scan_exclusions_add_entry (exclusions, "re:^/proc/", &error));
  g_assert_true (taiou_scan_exclusions_add_entry (exclusions, "*.bak", &error));
  g_assert_no_error (error);
  /* Searched anywhere in the path, as Loki's excludes.cfg. */
  assert_matches (exclusions, "/vm/disk.vhd", TRUE);
  assert_matches (exclusions, "/vm/disk.vhdx", TRUE);
  assert_matches (exclusions, "/vm/disk.vhdx.txt", FALSE);
  assert_matches (exclusions, "/proc/1/maps", TRUE);
  assert_matches (exclusions, "/x/proc/1", FALSE);
  assert_matches (exclusions, "/x/a.bak", TRUE);
  /* A file name that is not UTF-8 is still matched. */
  assert_matches (exclusions, "/x/\xff\xfe.bak", TRUE);

  /* The quick test on required text must never hide a match: optional groups and characters,
   * classes, escapes. */
  {
    const char *patterns[] = { "(abc)?def$", "colou?r-x", "a[]x]b", "\\d+\\.log$", "x{0,2}yz$",
                               NULL };
    g_autoptr(TaiouScanExclusions) tricky = taiou_scan_exclusions_new (TRUE);

    for (guint i = 0; patterns[i] != NULL; i++)
      g_assert_true (taiou_scan_exclusions_add_regex (tricky, patterns[i], NULL));
    assert_matches (tricky, "/x/DEF", TRUE);
    assert_matches (tricky, "/x/color-X", TRUE);
    assert_matches (tricky, "/x/a]b", TRUE);
    assert_matches (tricky, "/x/12.LOG", TRUE);
    assert_matches (tricky, "/x/yz", TRUE);
    assert_matches (tricky, "/x/请求/yz", TRUE);
    assert_matches (tricky, "/x/colr-x", FALSE);
  }

  given = taiou_scan_exclusions_get_patterns (exclusions);
  g_assert_cmpstr (given[0], ==, "re:\\.vhdx?$");
  g_assert_cmpstr (given[1], ==, "re:^/proc/");
  g_assert_cmpstr (given[2], ==, "*.bak");
  g_assert_null (given[3]);
}

static void
test_invalid_patterns (void)
{
  g_autoptr(TaiouScanExclusions) exclusions = taiou_scan_exclusions_new (FALSE);
  g_autoptr(GError) error = NULL;
  const char *entries[] = { "*.tmp", "re:(unclosed", NULL };
  g_autofree char *long_glob = g_strnfill (2000, 'a');

  g_assert_false (taiou_scan_exclusions_add_regex (exclusions, "([a-", &error));
  g_assert_error (error, TAIOU_SCAN_EXCLUSIONS_ERROR, TAIOU_SCAN_EXCLUSIONS_ERROR_INVALID);
  /* The message names the pattern, so the user knows which one to fix. */
  g_assert_nonnull (strstr (error->message, "([a-"));
  g_clear_error (&error);

  g_assert_false (taiou_scan_exclusions_add_glob (exclusions, "", &error));
  g_assert_error (error, TAIOU_SCAN_EXCLUSIONS_ERROR, TAIOU_SCAN_EXCLUSIONS_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_false (taiou_scan_exclusions_add_glob (exclusions, long_glob, &error));
  g_assert_error (error, TAIOU_SCAN_EXCLUSIONS_ERROR, TAIOU_SCAN_EXCLUSIONS_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_false (taiou_scan_exclusions_add_glob (exclusions, "\xff.txt", &error));
  g_clear_error (&error);

  g_assert_false (taiou_scan_exclusions_add_entries (exclusions, entries, &error));
  g_assert_nonnull (strstr (error->message, "(unclosed"));
  g_clear_error (&error);

  /* An unclosed bracket in a glob is a literal bracket, not an error. */
  g_assert_true (taiou_scan_exclusions_add_glob (exclusions, "a[b", &error));
  assert_matches (exclusions, "/x/a[b", TRUE);

  /* Nothing invalid was kept: only "*.tmp" (from the list) and "a[b". */
  g_assert_cmpuint (taiou_scan_exclusions_get_count (exclusions), ==, 2);
}

static void
test_too_many (void)
{
  g_autoptr(TaiouScanExclusions) exclusions = taiou_scan_exclusions_new (FALSE);
  g_autoptr(GError) error = NULL;

  for (guint i = 0; i < TAIOU_SCAN_EXCLUSIONS_MAX; i++)
    {
      g_autofree char *glob = g_strdup_printf ("file-%u", i);

      g_assert_true (taiou_scan_exclusions_add_glob (exclusions, glob, &error));
    }
  g_assert_false (taiou_scan_exclusions_add_glob (exclusions, "one-more", &error));
  g_assert_error (error, TAIOU_SCAN_EXCLUSIONS_ERROR, TAIOU_SCAN_EXCLUSIONS_ERROR_INVALID);
}

static char *
write_file (const char *folder,
            const char *name,
            const char *contents)
{
  char *path = g_build_filename (folder, name, NULL);
  g_autofree char *parent = g_path_get_dirname (path);

  g_assert_cmpint (g_mkdir_with_parents (parent, 0700), ==, 0);
  g_assert_true (g_file_set_contents (path, contents, -1, NULL));
  return path;
}

static void
test_scanner_counts_excluded (void)
{
  /* The walk leaves the excluded paths out — a folder is not entered — and counts each. */
  g_autofree char *root = g_build_filename (g_get_user_data_dir (), "tree", NULL);
  g_autofree char *a = write_file (root, "keep/invoice.pdf.exe", "x");
  g_autofree char *b = write_file (root, "backup/old/invoice.pdf.exe", "x");
  g_autofree char *c = write_file (root, "backup/new/invoice.pdf.exe", "x");
  g_autofree char *d = write_file (root, "vm/disk.vhdx", "x");
  g_autofree char *e = write_file (root, "vm/notes.txt", "x");
  g_autoptr(TaiouIocSet) iocs = taiou_ioc_set_new ();
  g_autoptr(TaiouIocLoadReport) report = NULL;
  g_autoptr(TaiouScanner) scanner = NULL;
  g_autoptr(TaiouScanExclusions) exclusions = taiou_scan_exclusions_new (FALSE);
  g_autoptr(TaiouScanResult) result = NULL;
  g_autoptr(TaiouScanResult) unfiltered = NULL;
  g_autoptr(JsonObject) detail = NULL;
  const char *paths[] = { root, NULL };
  const char *lines = "\\.pdf\\.exe$;70\n";

  report = taiou_ioc_set_load_data (iocs, "names.txt", lines, strlen (lines),
                                    TAIOU_IOC_FORMAT_LOKI_FILENAME, NULL);
  scanner = taiou_scanner_new (iocs);
  g_assert_true (taiou_scan_exclusions_add_glob (exclusions, "backup", NULL));
  g_assert_true (taiou_scan_exclusions_add_regex (exclusions, "\\.vhdx$", NULL));

  unfiltered = taiou_scanner_scan_paths (scanner, paths, NULL, NULL, NULL, NULL);
  g_assert_cmpuint (unfiltered->n_excluded, ==, 0);
  g_assert_cmpuint (unfiltered->findings->len, ==, 3);

  taiou_scanner_set_exclusions (scanner, exclusions);
  result = taiou_scanner_scan_paths (scanner, paths, NULL, NULL, NULL, NULL);
  /* "backup" once (its two files are never reached) and the disk image. */
  g_assert_cmpuint (result->n_excluded, ==, 2);
  g_assert_cmpuint (result->n_files, ==, 2);
  g_assert_cmpuint (result->findings->len, ==, 1);
  g_assert_cmpstr (((TaiouFinding *) result->findings->pdata[0])->object, ==, a);

  /* The scan.finished event's detail carries the count. */
  detail = taiou_scan_result_to_json (result, "tree");
  g_assert_cmpint (json_object_get_int_member (detail, "excluded"), ==, 2);
  g_assert_false (json_object_has_member (detail, "hostname"));
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/taiou/scan-exclusions/globs", test_globs);
  g_test_add_func ("/taiou/scan-exclusions/windows-volume-ignores-case",
                   test_windows_volume_ignores_case);
  g_test_add_func ("/taiou/scan-exclusions/regex", test_regex);
  g_test_add_func ("/taiou/scan-exclusions/invalid-patterns", test_invalid_patterns);
  g_test_add_func ("/taiou/scan-exclusions/too-many", test_too_many);
  g_test_add_func ("/taiou/scan-exclusions/scanner-counts-excluded",
                   test_scanner_counts_excluded);

  return g_test_run ();
}
