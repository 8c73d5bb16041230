/* make-emocheck-seeds.c — writes the seeds of tests/fuzz/corpus/emocheck-report/ for every
 * released EmoCheck's report shapes
 *
 *   _build/tests/fuzz/make-emocheck-seeds tests/fuzz/corpus/emocheck-report
 *
 * Every seed is synthetic (tests/common/taiou-test-emocheck.c writes them from each version's
 * format strings): "v<version>-<language>-<text|json|readme-text|readme-json>-<infected|clean>".
 */
#define G_LOG_DOMAIN "make-emocheck-seeds"

#include "config.h"

#include <glib/gstdio.h>

#include "taiou-test-emocheck.h"

static void
write_seed (const char                *folder,
            const char                *version,
            TaiouTestEmocheckLanguage  language,
            TaiouTestEmocheckFormat    format,
            gboolean                   infected)
{
  static const char * const formats[] = { "text", "json", "readme-text", "readme-json" };
  g_autofree char *file_name = NULL;
  g_autoptr(GBytes) bytes = taiou_test_emocheck_report (version, language, format, infected,
                                                        &file_name);
  g_autofree char *seed_name = g_strdup_printf ("v%s-%s-%s-%s", version,
                                                taiou_test_emocheck_language_name (language),
                                                formats[format],
                                                infected ? "infected" : "clean");
  g_autofree char *path = g_build_filename (folder, seed_name, NULL);
  g_autoptr(GError) error = NULL;

  g_file_set_contents (path, g_bytes_get_data (bytes, NULL), (gssize) g_bytes_get_size (bytes),
                       &error);
  g_assert_no_error (error);
}

int
main (int    argc,
      char **argv)
{
  if (argc != 2)
    {
      g_printerr ("usage: %s FOLDER\n", argv[0]);
      return 2;
    }
  g_mkdir_with_parents (argv[1], 0755);
  for (guint v = 0; taiou_test_emocheck_versions[v] != NULL; v++)
    for (int language = TAIOU_TEST_EMOCHECK_ENGLISH; language <= TAIOU_TEST_EMOCHECK_FRENCH;
         language++)
      for (int format = TAIOU_TEST_EMOCHECK_TEXT; format <= TAIOU_TEST_EMOCHECK_README_JSON;
           format++)
        if (taiou_test_emocheck_exists (taiou_test_emocheck_versions[v], language, format))
          {
            write_seed (argv[1], taiou_test_emocheck_versions[v], language, format, TRUE);
            write_seed (argv[1], taiou_test_emocheck_versions[v], language, format, FALSE);
          }
  return 0;
}
