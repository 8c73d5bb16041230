/* test-translations.c — po/ja.po translates every string the sources mark, with no leftovers
 *
 * The catalogue is compared with a template extracted afresh from po/POTFILES.in, so a string
 * added to the code without a Japanese translation fails here, not in front of a user.
 */
#define G_LOG_DOMAIN "test-translations"

#include "config.h"

#include <gio/gio.h>
#include <glib/gstdio.h>
#include <string.h>

static char *
source_path (const char *relative)
{
  return g_build_filename (TAIOU_SOURCE_ROOT, relative, NULL);
}

/* Runs a tool; returns its exit status, with stdout and stderr merged into @output. */
static int
run_tool (char       **output,
          const char  *first_arg,
          ...)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GSubprocess) process = NULL;
  g_autoptr(GError) error = NULL;
  const char *arg;
  va_list args;

  g_ptr_array_add (argv, (char *) first_arg);
  va_start (args, first_arg);
  while ((arg = va_arg (args, const char *)) != NULL)
    g_ptr_array_add (argv, (char *) arg);
  va_end (args);
  g_ptr_array_add (argv, NULL);

  process = g_subprocess_newv ((const char * const *) argv->pdata,
                               G_SUBPROCESS_FLAGS_STDOUT_PIPE | G_SUBPROCESS_FLAGS_STDERR_MERGE,
                               &error);
  g_assert_no_error (error);
  g_subprocess_communicate_utf8 (process, NULL, NULL, output, NULL, &error);
  g_assert_no_error (error);
  return g_subprocess_get_exit_status (process);
}

static void
test_ja_has_no_untranslated_or_fuzzy (void)
{
  g_autofree char *po = source_path ("po/ja.po");
  g_autofree char *output = NULL;
  int status;

  status = run_tool (&output, "msgfmt", "--check", "--statistics", "-o", "/dev/null", po, NULL);
  g_test_message ("msgfmt: %s", output);
  g_assert_cmpint (status, ==, 0);
  g_assert_nonnull (strstr (output, "translated message"));
  g_assert_null (strstr (output, "untranslated"));
  g_assert_null (strstr (output, "fuzzy"));
}

static void
test_ja_covers_every_source_string (void)
{
  g_autofree char *po = source_path ("po/ja.po");
  g_autofree char *potfiles = source_path ("po/POTFILES.in");
  g_autofree char *tmpdir = g_dir_make_tmp ("taiou-pot-XXXXXX", NULL);
  g_autofree char *pot = g_build_filename (tmpdir, "taiou.pot", NULL);
  g_autofree char *files_from = g_strconcat ("--files-from=", potfiles, NULL);
  g_autofree char *directory = g_strconcat ("--directory=", TAIOU_SOURCE_ROOT, NULL);
  g_autofree char *output_arg = g_strconcat ("--output=", pot, NULL);
  g_autofree char *xgettext_output = NULL;
  g_autofree char *msgcmp_output = NULL;
  int status;

  /* The same keywords as meson's "glib" gettext preset. */
  status = run_tool (&xgettext_output, "xgettext", "--from-code=UTF-8", "--add-comments",
                     "--keyword=_", "--keyword=N_", "--keyword=C_:1c,2", "--keyword=NC_:1c,2",
                     "--keyword=g_dcgettext:2", "--keyword=g_dngettext:2,3",
                     "--keyword=g_dpgettext2:2c,3", files_from, directory, output_arg, NULL);
  g_test_message ("xgettext: %s", xgettext_output);
  g_assert_cmpint (status, ==, 0);
  /* A macro such as G_GINT64_FORMAT inside _() truncates the msgid: xgettext warns about it. */
  g_assert_null (strstr (xgettext_output, "warning"));

  status = run_tool (&msgcmp_output, "msgcmp", po, pot, NULL);
  g_test_message ("msgcmp: %s", msgcmp_output);
  g_assert_cmpstr (msgcmp_output, ==, "");
  g_assert_cmpint (status, ==, 0);

  g_remove (pot);
  g_rmdir (tmpdir);
}

static void
test_potfiles_lists_every_file_with_strings (void)
{
  g_autofree char *potfiles_path = source_path ("po/POTFILES.in");
  g_autofree char *potfiles = NULL;
  g_autofree char *listing = NULL;
  g_auto(GStrv) files = NULL;
  int status;

  g_assert_true (g_file_get_contents (potfiles_path, &potfiles, NULL, NULL));

  /* Every source file or template that marks a string for translation must be listed. */
  status = run_tool (&listing, "grep", "-rlE", "--include=*.c", "--include=*.ui",
                     "\\b(_|N_|C_|g_dngettext) ?\\(\"|translatable=\"yes\"",
                     TAIOU_SOURCE_ROOT "/src", NULL);
  g_assert_cmpint (status, ==, 0);
  files = g_strsplit (g_strstrip (listing), "\n", -1);
  for (guint i = 0; files[i] != NULL; i++)
    {
      const char *relative = files[i] + strlen (TAIOU_SOURCE_ROOT) + 1;
      g_autofree char *line = g_strconcat ("\n", relative, "\n", NULL);

      if (strstr (potfiles, line) == NULL)
        g_error ("%s marks strings for translation but is missing from po/POTFILES.in", relative);
    }
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/taiou/i18n/ja-has-no-untranslated-or-fuzzy",
                   test_ja_has_no_untranslated_or_fuzzy);
  g_test_add_func ("/taiou/i18n/ja-covers-every-source-string",
                   test_ja_covers_every_source_string);
  g_test_add_func ("/taiou/i18n/potfiles-lists-every-file-with-strings",
                   test_potfiles_lists_every_file_with_strings);

  return g_test_run ();
}
