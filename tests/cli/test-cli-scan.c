/* test-cli-scan.c — `taiou-cli scan`: text, JSON lines and exit status */
#define G_LOG_DOMAIN "test-cli-scan"

#include "config.h"

#include <string.h>

#include "taiou-test-util.h"

typedef struct
{
  char *tree;
  char *hash_iocs;
  char *bad_iocs;
} Fixture;

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  user_data)
{
  g_autofree char *evil = g_compute_checksum_for_string (G_CHECKSUM_SHA256, "EVIL", -1);
  g_autofree char *hashes = g_strdup_printf ("# test\n%s;95;Test Emotet sample\n", evil);
  g_autofree char *clean = NULL;
  g_autofree char *bad = NULL;

  fixture->tree = g_build_filename (g_get_user_data_dir (), "tree", NULL);
  g_assert_cmpint (g_mkdir_with_parents (fixture->tree, 0700), ==, 0);
  clean = g_build_filename (fixture->tree, "clean.txt", NULL);
  bad = g_build_filename (fixture->tree, "evil.bin", NULL);
  g_assert_true (g_file_set_contents (clean, "clean", -1, NULL));
  g_assert_true (g_file_set_contents (bad, "EVIL", -1, NULL));

  fixture->hash_iocs = g_build_filename (g_get_user_data_dir (), "hash-iocs.txt", NULL);
  g_assert_true (g_file_set_contents (fixture->hash_iocs, hashes, -1, NULL));
  fixture->bad_iocs = g_build_filename (g_get_user_data_dir (), "broken-hash-iocs.txt", NULL);
  g_assert_true (g_file_set_contents (fixture->bad_iocs, "nothex;x\n", -1, NULL));
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  user_data)
{
  g_free (fixture->tree);
  g_free (fixture->hash_iocs);
  g_free (fixture->bad_iocs);
}

static void
test_detects_and_exits_1 (Fixture       *fixture,
                          gconstpointer  user_data)
{
  g_autoptr(TaiouTestCliResult) result = taiou_test_run_cli ("C.UTF-8", "scan", fixture->tree,
                                                             "--ioc", fixture->hash_iocs, NULL);

  g_assert_cmpint (result->status, ==, 1);
  g_assert_nonnull (strstr (result->out, "[ALERT]  95"));
  g_assert_nonnull (strstr (result->out, "evil.bin"));
  g_assert_nonnull (strstr (result->out, "This file matches known malware (Test Emotet sample)"));
  g_assert_nonnull (strstr (result->out, "Scanned 2 files (2 hashed"));
}

static void
test_clean_exits_0 (Fixture       *fixture,
                    gconstpointer  user_data)
{
  g_autofree char *clean = g_build_filename (fixture->tree, "clean.txt", NULL);
  g_autoptr(TaiouTestCliResult) result = taiou_test_run_cli ("C.UTF-8", "scan", clean, "--ioc",
                                                             fixture->hash_iocs, NULL);

  g_assert_cmpint (result->status, ==, 0);
  g_assert_nonnull (strstr (result->out, "Nothing matched"));
}

static void
test_json_lines (Fixture       *fixture,
                 gconstpointer  user_data)
{
  g_autoptr(TaiouTestCliResult) result = taiou_test_run_cli ("C.UTF-8", "scan", "--json",
                                                             fixture->tree, "--ioc",
                                                             fixture->hash_iocs, NULL);
  g_auto(GStrv) lines = g_strsplit (g_strstrip (result->out), "\n", -1);
  const char *expected[] = { "scan_start", "finding", "scan_end" };

  g_assert_cmpint (result->status, ==, 1);
  g_assert_cmpuint (g_strv_length (lines), ==, 3);
  for (guint i = 0; i < 3; i++)
    {
      g_autoptr(JsonParser) parser = json_parser_new ();
      g_autoptr(GError) error = NULL;
      JsonObject *object;

      json_parser_load_from_data (parser, lines[i], -1, &error);
      g_assert_no_error (error);
      object = json_node_get_object (json_parser_get_root (parser));
      g_assert_cmpstr (json_object_get_string_member (object, "event_type"), ==, expected[i]);
      g_assert_true (json_object_has_member (object, "timestamp"));
      g_assert_true (json_object_has_member (object, "hostname"));
      if (i == 1)
        {
          g_assert_cmpint (json_object_get_int_member (object, "score"), ==, 95);
          g_assert_cmpstr (json_object_get_string_member (object, "level"), ==, "ALERT");
          g_assert_cmpuint (strlen (json_object_get_string_member (object, "sha256")), ==, 64);
          g_assert_cmpuint (json_array_get_length (json_object_get_array_member (object,
                                                                                 "reasons")),
                            ==, 1);
        }
      if (i == 2)
        g_assert_cmpint (json_object_get_int_member (object, "files"), ==, 2);
    }
}

static void
test_bad_ioc_lines_are_named (Fixture       *fixture,
                              gconstpointer  user_data)
{
  g_autoptr(TaiouTestCliResult) result = taiou_test_run_cli ("C.UTF-8", "scan", fixture->tree,
                                                             "--ioc", fixture->bad_iocs,
                                                             "--ioc", fixture->hash_iocs, NULL);

  /* One unusable line is reported with file:line and does not stop the scan. */
  g_assert_cmpint (result->status, ==, 1);
  g_assert_nonnull (strstr (result->err, "broken-hash-iocs.txt:1:"));
}

static void
test_usage_errors (Fixture       *fixture,
                   gconstpointer  user_data)
{
  g_autoptr(TaiouTestCliResult) no_path = taiou_test_run_cli ("C.UTF-8", "scan", NULL);
  g_autoptr(TaiouTestCliResult) missing_ioc = taiou_test_run_cli ("C.UTF-8", "scan",
                                                                  fixture->tree, "--ioc",
                                                                  "/nonexistent/iocs.txt", NULL);

  g_assert_cmpint (no_path->status, ==, 2);
  g_assert_cmpint (missing_ioc->status, ==, 2);
  g_assert_nonnull (strstr (missing_ioc->err, "/nonexistent/iocs.txt"));
}

#define ADD_TEST(path, func) \
  g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  ADD_TEST ("/taiou/cli/scan/detects-and-exits-1", test_detects_and_exits_1);
  ADD_TEST ("/taiou/cli/scan/clean-exits-0", test_clean_exits_0);
  ADD_TEST ("/taiou/cli/scan/json-lines", test_json_lines);
  ADD_TEST ("/taiou/cli/scan/bad-ioc-lines-are-named", test_bad_ioc_lines_are_named);
  ADD_TEST ("/taiou/cli/scan/usage-errors", test_usage_errors);

  return g_test_run ();
}
