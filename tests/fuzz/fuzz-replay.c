/* fuzz-replay.c — runs a fuzz target over its seed corpus as ordinary g_test cases
 *
 * Without clang's libFuzzer, this is what CI runs: each file of tests/fuzz/corpus/<target>/ is
 * one test case, so a seed that once crashed a reader stays fixed.
 */
#include "config.h"

#include <glib.h>

int LLVMFuzzerTestOneInput (const guint8 *data, size_t size);

static void
replay_file (gconstpointer path)
{
  g_autofree char *contents = NULL;
  gsize length;

  g_assert_true (g_file_get_contents (path, &contents, &length, NULL));
  g_assert_cmpint (LLVMFuzzerTestOneInput ((const guint8 *) contents, length), ==, 0);
}

int
main (int    argc,
      char **argv)
{
  g_autoptr(GDir) dir = NULL;
  g_autoptr(GPtrArray) paths = g_ptr_array_new_with_free_func (g_free);
  const char *name;

  g_test_init (&argc, &argv, NULL);
  dir = g_dir_open (FUZZ_CORPUS_DIR, 0, NULL);
  g_assert_nonnull (dir);
  while ((name = g_dir_read_name (dir)) != NULL)
    g_ptr_array_add (paths, g_build_filename (FUZZ_CORPUS_DIR, name, NULL));
  g_ptr_array_sort (paths, (GCompareFunc) g_strcmp0);
  g_assert_cmpuint (paths->len, >, 0);

  for (guint i = 0; i < paths->len; i++)
    {
      g_autofree char *base = g_path_get_basename (paths->pdata[i]);
      g_autofree char *test_path = g_strdup_printf ("/taiou/fuzz/%s/%s", FUZZ_TARGET, base);

      g_test_add_data_func (test_path, paths->pdata[i], replay_file);
    }
  return g_test_run ();
}
