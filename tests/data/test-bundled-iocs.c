/* test-bundled-iocs.c — data/ioc/ loads cleanly and says what its README says
 *
 * The README's count table (between the "counts:begin" and "counts:end" markers, written by
 * data/ioc/tools/generate.py) is the one place the numbers live; this test reads it, so the two
 * cannot drift apart.
 */
#define G_LOG_DOMAIN "test-bundled-iocs"

#include "config.h"

#include <string.h>

#include "taiou.h"

#define SOURCE_IOC_DIR TAIOU_SOURCE_ROOT "/data/ioc"

/* The README table's columns after the file name, in order. */
static const struct
{
  const char   *name;
  TaiouIocKind  kind;
} columns[] = {
  { "md5", TAIOU_IOC_KIND_MD5 },
  { "sha1", TAIOU_IOC_KIND_SHA1 },
  { "sha256", TAIOU_IOC_KIND_SHA256 },
  { "ip", TAIOU_IOC_KIND_IP },
  { "domain", TAIOU_IOC_KIND_DOMAIN },
  { "url", TAIOU_IOC_KIND_URL },
  { "filename", TAIOU_IOC_KIND_FILENAME },
};

typedef struct
{
  char  *file;
  guint  counts[G_N_ELEMENTS (columns)];
  guint  total;
} ReadmeRow;

static void
readme_row_free (ReadmeRow *row)
{
  g_free (row->file);
  g_free (row);
}

static guint
parse_count (const char *text)
{
  guint64 value = 0;
  g_autoptr(GError) error = NULL;
  g_autofree char *stripped = g_strstrip (g_strdup (text));

  g_ascii_string_to_unsigned (stripped, 10, 0, G_MAXUINT, &value, &error);
  g_assert_no_error (error);
  return (guint) value;
}

/* file name → ReadmeRow, from the table between the README's count markers */
static GHashTable *
read_readme_counts (void)
{
  g_autofree char *path = g_build_filename (SOURCE_IOC_DIR, "README.md", NULL);
  g_autofree char *text = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) lines = NULL;
  GHashTable *rows = g_hash_table_new_full (g_str_hash, g_str_equal, NULL,
                                            (GDestroyNotify) readme_row_free);
  gboolean inside = FALSE;
  gboolean header_checked = FALSE;

  g_file_get_contents (path, &text, NULL, &error);
  g_assert_no_error (error);
  lines = g_strsplit (text, "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    {
      const char *line = lines[i];
      g_auto(GStrv) cells = NULL;
      ReadmeRow *row;
      gsize file_length;

      if (g_str_has_prefix (line, "<!-- counts:begin"))
        inside = TRUE;
      else if (g_str_has_prefix (line, "<!-- counts:end"))
        inside = FALSE;
      if (!inside || !g_str_has_prefix (line, "| "))
        continue;

      /* "| file | md5 | … | total | …" — cells[0] is the empty text before the first bar */
      cells = g_strsplit (line, "|", -1);
      g_assert_cmpuint (g_strv_length (cells), >=, G_N_ELEMENTS (columns) + 3);
      if (!header_checked)
        {
          for (guint c = 0; c < G_N_ELEMENTS (columns); c++)
            {
              g_autofree char *name = g_strstrip (g_strdup (cells[c + 2]));

              g_assert_cmpstr (name, ==, columns[c].name);
            }
          header_checked = TRUE;
          continue;
        }
      if (g_str_has_prefix (line, "|---"))
        continue;

      row = g_new0 (ReadmeRow, 1);
      row->file = g_strstrip (g_strdup (cells[1]));
      file_length = strlen (row->file);
      g_assert_true (file_length > 2 && row->file[0] == '`' && row->file[file_length - 1] == '`');
      memmove (row->file, row->file + 1, file_length - 2);
      row->file[file_length - 2] = '\0';
      for (guint c = 0; c < G_N_ELEMENTS (columns); c++)
        row->counts[c] = parse_count (cells[c + 2]);
      row->total = parse_count (cells[G_N_ELEMENTS (columns) + 2]);
      g_assert_false (g_hash_table_contains (rows, row->file));
      g_hash_table_insert (rows, row->file, row);
    }
  g_assert_true (header_checked);
  g_assert_cmpuint (g_hash_table_size (rows), >, 0);
  return rows;
}

static void
test_dir_from_environment (void)
{
  g_assert_cmpstr (taiou_ioc_bundled_dir (), ==, SOURCE_IOC_DIR);
}

static TaiouIocSet *
load_all (GPtrArray **reports_out)
{
  TaiouIocSet *set = taiou_ioc_set_new ();
  g_autoptr(GError) error = NULL;

  g_assert_true (taiou_ioc_set_load_bundled (set, reports_out, &error));
  g_assert_no_error (error);
  return set;
}

static void
test_every_file_loads_clean (void)
{
  g_autoptr(GPtrArray) reports = NULL;
  g_autoptr(TaiouIocSet) set = load_all (&reports);
  g_autoptr(GHashTable) readme = read_readme_counts ();

  /* Every file in the folder is documented, and every documented file is there. */
  g_assert_cmpuint (reports->len, ==, g_hash_table_size (readme));
  for (guint i = 0; i < reports->len; i++)
    {
      TaiouIocLoadReport *report = g_ptr_array_index (reports, i);
      g_autofree char *name = g_path_get_basename (report->source);

      if (report->problems->len > 0)
        g_test_message ("%s", (const char *) g_ptr_array_index (report->problems, 0));
      g_assert_cmpuint (report->n_bad, ==, 0);
      g_assert_cmpuint (report->problems->len, ==, 0);
      g_assert_cmpuint (report->n_loaded, >, 0);
      g_assert_cmpint (report->format, ==, TAIOU_IOC_FORMAT_TAIOU_JSON);
      g_assert_true (g_hash_table_contains (readme, name));
      if (i > 0)
        {
          TaiouIocLoadReport *previous = g_ptr_array_index (reports, i - 1);

          g_assert_cmpint (strcmp (previous->source, report->source), <, 0);
        }
    }
}

/* Each file on its own, so the README's per-file numbers are what the set counts. */
static void
test_counts_match_readme (void)
{
  g_autoptr(GHashTable) readme = read_readme_counts ();
  GHashTableIter iter;
  gpointer value;

  g_hash_table_iter_init (&iter, readme);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    {
      ReadmeRow *row = value;
      g_autofree char *path = g_build_filename (SOURCE_IOC_DIR, row->file, NULL);
      g_autoptr(TaiouIocSet) set = taiou_ioc_set_new ();
      g_autoptr(TaiouIocLoadReport) report = NULL;
      g_autoptr(GError) error = NULL;
      guint sum = 0;

      g_test_message ("%s", row->file);
      report = taiou_ioc_set_load_file (set, path, TAIOU_IOC_FORMAT_AUTO, &error);
      g_assert_no_error (error);
      g_assert_cmpuint (report->n_loaded, ==, row->total);
      g_assert_cmpuint (report->n_bad, ==, 0);
      for (guint c = 0; c < G_N_ELEMENTS (columns); c++)
        {
          g_assert_cmpuint (taiou_ioc_set_count (set, columns[c].kind), ==, row->counts[c]);
          sum += row->counts[c];
        }
      g_assert_cmpuint (sum, ==, row->total);
    }
}

static void
assert_match (gboolean        found,
              TaiouIocMatch  *match,
              TaiouIocKind    kind,
              int             score,
              const char     *description_part)
{
  g_assert_true (found);
  g_assert_cmpint (match->kind, ==, kind);
  g_assert_cmpint (match->score, ==, score);
  g_assert_nonnull (strstr (match->description, description_part));
}

/* A few entries of every list, copied from the source files under data/ioc/tools/sources/. */
static void
test_known_entries_found (void)
{
  g_autoptr(TaiouIocSet) set = load_all (NULL);
  TaiouIocMatch match;

  /* emotet-vmware-tau-2022-01.json */
  assert_match (taiou_ioc_set_lookup_hash_hex (
                  set, "2c345d5a9fe1c3d151e579a5bf2a183316a26eb89542ceeda21b9bfe932e1e3b",
                  &match),
                &match, TAIOU_IOC_KIND_SHA256, 100, "Emotet DLL payload");
  assert_match (taiou_ioc_set_lookup_url (set, "http://k-antiques.jp/wp-includes/SCYdA6TLohYk2/",
                                          &match),
                &match, TAIOU_IOC_KIND_URL, 70, "VMware TAU, Jan 2022");

  /* emotet-vmware-tau-2022-02.json; its IP is also in the C2 list, which scores the same */
  assert_match (taiou_ioc_set_lookup_hash_hex (
                  set, "816FC7309C0F6B92E90D594ADEB2750B495CD21F39AC3B4A37E7EFA2BAA73A59",
                  &match),
                &match, TAIOU_IOC_KIND_SHA256, 100, "Cluster C");
  assert_match (taiou_ioc_set_lookup_url (set, "http://185.7.214.7/PP91.PNG", &match),
                &match, TAIOU_IOC_KIND_URL, 70, "PowerShell payload");
  assert_match (taiou_ioc_set_lookup_ip (set, "185.7.214.7", &match),
                &match, TAIOU_IOC_KIND_IP, 60, "Cluster B");

  /* emotet-vmware-tau-2022-05-dlls-64bit.json: first, last and one that spans two reads of the
   * source */
  assert_match (taiou_ioc_set_lookup_hash_hex (
                  set, "a7c1817faf511f31e56085405ff91056c8c2622aefd1dcd2f42ac02b91dd1f27",
                  &match),
                &match, TAIOU_IOC_KIND_SHA256, 100, "first seen 2022-05-02 00:53:46 UTC");
  assert_match (taiou_ioc_set_lookup_hash_hex (
                  set, "4d8fe5c15c5e1618bd104c53208b0df36a4cfcddde71f9b03b9f85004be7409b",
                  &match),
                &match, TAIOU_IOC_KIND_SHA256, 100, "Emotet 64-bit DLL payload");
  assert_match (taiou_ioc_set_lookup_hash_hex (
                  set, "3cce87ddaf7ee0edd89c17937bf8744467310661e85e21413b57cfc1d725e76f",
                  &match),
                &match, TAIOU_IOC_KIND_SHA256, 100, "2022-04-30 00:03:34 UTC");

  /* emotet-vmware-tau-2022-c2.json: first, last and the row whose port field is "443,8080" */
  assert_match (taiou_ioc_set_lookup_ip (set, "104.168.155.143", &match),
                &match, TAIOU_IOC_KIND_IP, 60, "epoch 4, port 8080");
  assert_match (taiou_ioc_set_lookup_ip (set, "188.93.125.116", &match),
                &match, TAIOU_IOC_KIND_IP, 60, "2021-12-09 10:58:57 UTC");
  assert_match (taiou_ioc_set_lookup_ip (set, "185.244.166.137", &match),
                &match, TAIOU_IOC_KIND_IP, 60, "port 443,8080");
}

static void
test_unlisted_not_found (void)
{
  g_autoptr(TaiouIocSet) set = load_all (NULL);
  g_autoptr(GArray) names = NULL;

  /* SHA-256 of the empty file */
  g_assert_false (taiou_ioc_set_lookup_hash_hex (
                    set, "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855",
                    NULL));
  /* documentation addresses and names (RFC 5737, RFC 3849, RFC 2606) */
  g_assert_false (taiou_ioc_set_lookup_ip (set, "192.0.2.1", NULL));
  g_assert_false (taiou_ioc_set_lookup_ip (set, "2001:db8::1", NULL));
  g_assert_false (taiou_ioc_set_lookup_domain (set, "www.example.com", NULL));
  g_assert_false (taiou_ioc_set_lookup_url (set, "https://www.example.com/index.html", NULL));
  /* a listed C2's neighbour */
  g_assert_false (taiou_ioc_set_lookup_ip (set, "104.168.155.144", NULL));
  names = taiou_ioc_set_match_file_name (set, "C:\\Windows\\System32\\notepad.exe");
  g_assert_cmpuint (names->len, ==, 0);
}

static void
test_missing_dir_is_an_error (void)
{
  g_autofree char *saved = g_strdup (g_getenv ("TAIOU_IOC_DIR"));
  g_autofree char *missing = g_build_filename (g_get_tmp_dir (), "no-such-taiou-ioc-dir", NULL);
  g_autoptr(TaiouIocSet) set = taiou_ioc_set_new ();
  g_autoptr(GPtrArray) reports = NULL;
  g_autoptr(GError) error = NULL;

  g_setenv ("TAIOU_IOC_DIR", missing, TRUE);
  g_assert_cmpstr (taiou_ioc_bundled_dir (), ==, missing);
  g_assert_false (taiou_ioc_set_load_bundled (set, &reports, &error));
  g_assert_error (error, TAIOU_IOC_ERROR, TAIOU_IOC_ERROR_READ);
  g_assert_null (reports);
  g_setenv ("TAIOU_IOC_DIR", saved, TRUE);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);
  /* tests/meson.build sets it too; this keeps the test runnable on its own. */
  g_setenv ("TAIOU_IOC_DIR", SOURCE_IOC_DIR, TRUE);

  g_test_add_func ("/taiou/bundled-iocs/dir-from-environment", test_dir_from_environment);
  g_test_add_func ("/taiou/bundled-iocs/every-file-loads-clean", test_every_file_loads_clean);
  g_test_add_func ("/taiou/bundled-iocs/counts-match-readme", test_counts_match_readme);
  g_test_add_func ("/taiou/bundled-iocs/known-entries-found", test_known_entries_found);
  g_test_add_func ("/taiou/bundled-iocs/unlisted-not-found", test_unlisted_not_found);
  g_test_add_func ("/taiou/bundled-iocs/missing-dir-is-an-error", test_missing_dir_is_an_error);
  return g_test_run ();
}
