/* test-scanner.c — the parallel file walk: what it hashes, matches, skips and reports */
#define G_LOG_DOMAIN "test-scanner"

#include "config.h"

#include <glib/gstdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "taiou-test-util.h"

typedef struct
{
  char *root;       /* the tree to scan */
  char *outside;    /* a folder beside it, reachable only through a link */
} Tree;

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

static char *
sha256_hex (const char *text)
{
  return g_compute_checksum_for_string (G_CHECKSUM_SHA256, text, -1);
}

static void
tree_set_up (Tree          *tree,
             gconstpointer  user_data)
{
  g_autofree char *base = g_build_filename (g_get_user_data_dir (), "scan", NULL);
  g_autofree char *evil_outside = NULL;
  g_autofree char *link = NULL;
  g_autofree char *fifo = NULL;
  g_autofree char *a = NULL;
  g_autofree char *b = NULL;
  g_autofree char *c = NULL;
  g_autofree char *big = NULL;
  g_autofree char *large = g_strnfill (200000, 'L');

  tree->root = g_build_filename (base, "tree", NULL);
  tree->outside = g_build_filename (base, "outside", NULL);
  a = write_file (tree->root, "clean.txt", "nothing to see");
  b = write_file (tree->root, "deep/er/evil.bin", "EVIL PAYLOAD");
  c = write_file (tree->root, "docs/請求書.pdf.exe", "MZ not really");
  big = write_file (tree->root, "big.bin", large);
  evil_outside = write_file (tree->outside, "also-evil.bin", "EVIL PAYLOAD");

  /* Never followed: a link to a matching file, and a FIFO that would block a naive reader. */
  link = g_build_filename (tree->root, "link-to-evil", NULL);
  g_assert_cmpint (symlink (evil_outside, link), ==, 0);
  fifo = g_build_filename (tree->root, "pipe", NULL);
  g_assert_cmpint (mkfifo (fifo, 0600), ==, 0);
}

static void
tree_tear_down (Tree          *tree,
                gconstpointer  user_data)
{
  g_free (tree->root);
  g_free (tree->outside);
}

static TaiouIocSet *
iocs_for (const char *hash_lines,
          const char *file_name_lines)
{
  TaiouIocSet *iocs = taiou_ioc_set_new ();
  g_autoptr(TaiouIocLoadReport) hashes = NULL;
  g_autoptr(TaiouIocLoadReport) names = NULL;

  if (hash_lines != NULL)
    hashes = taiou_ioc_set_load_data (iocs, "hash-iocs.txt", hash_lines, strlen (hash_lines),
                                      TAIOU_IOC_FORMAT_LOKI_HASH, NULL);
  if (file_name_lines != NULL)
    names = taiou_ioc_set_load_data (iocs, "filename-iocs.txt", file_name_lines,
                                     strlen (file_name_lines), TAIOU_IOC_FORMAT_LOKI_FILENAME,
                                     NULL);
  return iocs;
}

static TaiouScanResult *
scan (TaiouIocSet *iocs,
      const char  *root,
      guint64      max_size)
{
  g_autoptr(TaiouScanner) scanner = taiou_scanner_new (iocs);
  const char *paths[] = { root, NULL };
  g_autoptr(GError) error = NULL;
  TaiouScanResult *result;

  taiou_scanner_set_n_threads (scanner, 3);
  if (max_size > 0)
    taiou_scanner_set_max_file_size (scanner, max_size);
  result = taiou_scanner_scan_paths (scanner, paths, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  return result;
}

static void
test_hash_and_name_matches (Tree          *tree,
                            gconstpointer  user_data)
{
  g_autofree char *evil = sha256_hex ("EVIL PAYLOAD");
  g_autofree char *hashes = g_strdup_printf ("%s;90;Test payload\n", evil);
  g_autoptr(TaiouIocSet) iocs = iocs_for (hashes, "# double extension\n\\.pdf\\.exe$;70\n");
  g_autoptr(TaiouScanResult) result = scan (iocs, tree->root, 0);
  TaiouFinding *first;
  TaiouFinding *second;

  g_assert_cmpuint (result->findings->len, ==, 2);
  first = result->findings->pdata[0];
  second = result->findings->pdata[1];
  /* Highest score first. */
  g_assert_cmpstr (first->rule_id, ==, "ioc.sha256");
  g_assert_cmpint (first->score, ==, 90);
  g_assert_true (g_str_has_suffix (first->object, "/deep/er/evil.bin"));
  g_assert_nonnull (strstr (first->evidence, evil));
  g_assert_cmpstr (first->sha256, ==, evil);
  g_assert_nonnull (strstr (first->reason_ja, "Test payload"));
  g_assert_cmpstr (second->rule_id, ==, "ioc.filename");
  g_assert_true (g_str_has_suffix (second->object, "請求書.pdf.exe"));

  /* Four regular files; the link and the FIFO were skipped, never opened. */
  g_assert_cmpuint (result->n_files, ==, 4);
  g_assert_cmpuint (result->n_hashed, ==, 4);
  g_assert_cmpuint (result->n_skipped, ==, 2);
  g_assert_cmpuint (result->unreadable->len, ==, 0);
}

static void
test_no_hash_iocs_means_no_hashing (Tree          *tree,
                                    gconstpointer  user_data)
{
  g_autoptr(TaiouIocSet) iocs = iocs_for (NULL, "# double extension\n\\.pdf\\.exe$;70\n");
  g_autoptr(TaiouScanResult) result = scan (iocs, tree->root, 0);

  g_assert_cmpuint (result->n_files, ==, 4);
  g_assert_cmpuint (result->n_hashed, ==, 0);
  g_assert_cmpuint (result->n_bytes, ==, 0);
  g_assert_cmpuint (result->findings->len, ==, 1);
}

static void
test_md5_sha1_and_false_positives (Tree          *tree,
                                   gconstpointer  user_data)
{
  g_autofree char *md5 = g_compute_checksum_for_string (G_CHECKSUM_MD5, "EVIL PAYLOAD", -1);
  g_autofree char *sha1 = g_compute_checksum_for_string (G_CHECKSUM_SHA1, "nothing to see", -1);
  g_autofree char *hashes = g_strdup_printf ("%s;MD5 entry\n%s;SHA-1 entry\n", md5, sha1);
  g_autofree char *allowed = g_strdup_printf ("%s;known good\n", sha1);
  g_autoptr(TaiouIocSet) iocs = iocs_for (hashes, NULL);
  g_autoptr(TaiouScanResult) both = scan (iocs, tree->root, 0);
  g_autoptr(TaiouIocLoadReport) report = NULL;
  g_autoptr(TaiouScanResult) one = NULL;

  g_assert_cmpuint (both->findings->len, ==, 2);

  report = taiou_ioc_set_load_data (iocs, "hash-iocs-falsepositives.txt", allowed,
                                    strlen (allowed), TAIOU_IOC_FORMAT_LOKI_HASH, NULL);
  one = scan (iocs, tree->root, 0);
  g_assert_cmpuint (one->findings->len, ==, 1);
  g_assert_cmpstr (((TaiouFinding *) one->findings->pdata[0])->rule_id, ==, "ioc.md5");
  /* No SHA-256 IOC is loaded, so none was computed to report. */
  g_assert_null (((TaiouFinding *) one->findings->pdata[0])->sha256);
}

static void
test_size_limit (Tree          *tree,
                 gconstpointer  user_data)
{
  g_autofree char *big = sha256_hex ("never read");
  g_autofree char *hashes = g_strdup_printf ("%s;x\n", big);
  g_autoptr(TaiouIocSet) iocs = iocs_for (hashes, NULL);
  g_autoptr(TaiouScanResult) result = scan (iocs, tree->root, 100000);

  /* big.bin (200,000 bytes) is over the limit: counted as skipped, not read. */
  g_assert_cmpuint (result->n_files, ==, 4);
  g_assert_cmpuint (result->n_hashed, ==, 3);
  g_assert_cmpuint (result->n_skipped, ==, 3);
}

static void
test_missing_path_is_listed (Tree          *tree,
                             gconstpointer  user_data)
{
  g_autoptr(TaiouIocSet) iocs = iocs_for (NULL, NULL);
  g_autoptr(TaiouScanResult) result = scan (iocs, "/nonexistent/taiou/path", 0);

  g_assert_cmpuint (result->unreadable->len, ==, 1);
  g_assert_nonnull (strstr (result->unreadable->pdata[0], "/nonexistent/taiou/path"));
}

static void
test_cancelled (Tree          *tree,
                gconstpointer  user_data)
{
  g_autoptr(TaiouIocSet) iocs = iocs_for (NULL, NULL);
  g_autoptr(TaiouScanner) scanner = taiou_scanner_new (iocs);
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(TaiouScanResult) result = NULL;
  g_autoptr(GError) error = NULL;
  const char *paths[] = { tree->root, NULL };

  g_cancellable_cancel (cancellable);
  result = taiou_scanner_scan_paths (scanner, paths, NULL, NULL, cancellable, &error);
  g_assert_null (result);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
}

static void
progress_cb (const TaiouScanProgress *progress,
             gpointer                 user_data)
{
  guint64 *last_files = user_data;

  *last_files = progress->n_files;
}

static void
scan_done_cb (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  TaiouScanResult **out = user_data;
  g_autoptr(GError) error = NULL;

  *out = taiou_scanner_scan_paths_finish (TAIOU_SCANNER (source), result, &error);
  g_assert_no_error (error);
}

static void
test_async_with_progress (Tree          *tree,
                          gconstpointer  user_data)
{
  g_autoptr(TaiouIocSet) iocs = iocs_for (NULL, NULL);
  g_autoptr(TaiouScanner) scanner = taiou_scanner_new (iocs);
  g_autoptr(TaiouScanResult) result = NULL;
  const char *paths[] = { tree->root, NULL };
  guint64 last_files = 0;

  taiou_scanner_scan_paths_async (scanner, paths, progress_cb, &last_files, NULL, scan_done_cb,
                                  &result);
  while (result == NULL)
    g_main_context_iteration (NULL, TRUE);
  g_assert_cmpuint (result->n_files, ==, 4);
  /* The last progress report carries the final count. */
  g_assert_cmpuint (last_files, ==, 4);
}

#define ADD_TEST(path, func) g_test_add (path, Tree, NULL, tree_set_up, func, tree_tear_down)

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  ADD_TEST ("/taiou/scanner/hash-and-name-matches", test_hash_and_name_matches);
  ADD_TEST ("/taiou/scanner/no-hash-iocs-means-no-hashing", test_no_hash_iocs_means_no_hashing);
  ADD_TEST ("/taiou/scanner/md5-sha1-and-false-positives", test_md5_sha1_and_false_positives);
  ADD_TEST ("/taiou/scanner/size-limit", test_size_limit);
  ADD_TEST ("/taiou/scanner/missing-path-is-listed", test_missing_path_is_listed);
  ADD_TEST ("/taiou/scanner/cancelled", test_cancelled);
  ADD_TEST ("/taiou/scanner/async-with-progress", test_async_with_progress);

  return g_test_run ();
}
