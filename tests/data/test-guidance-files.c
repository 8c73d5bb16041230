/* test-guidance-files.c — data/guidance/ has one sourced file per wizard step, and no other
 *
 * The steps are read from src/app/wizard/taiou-wizard-steps.c itself, so adding a step to the
 * wizard without its guidance fails here, whether or not the GUI is built.
 */
#define G_LOG_DOMAIN "test-guidance-files"

#include "config.h"

#include <string.h>

#include "taiou.h"

static GPtrArray *
wizard_steps (void)
{
  g_autofree char *path = g_build_filename (TAIOU_SOURCE_ROOT, "src", "app", "wizard",
                                            "taiou-wizard-steps.c", NULL);
  g_autofree char *source = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GRegex) regex = NULL;
  g_autoptr(GMatchInfo) match = NULL;
  GPtrArray *steps = g_ptr_array_new_with_free_func (g_free);

  g_file_get_contents (path, &source, NULL, &error);
  g_assert_no_error (error);
  /* The table's rows: { "triage", N_("What happened"), … } */
  regex = g_regex_new ("^\\s*\\{\\s*\"([a-z-]+)\",\\s*N_\\(", G_REGEX_MULTILINE, 0, &error);
  g_assert_no_error (error);
  for (g_regex_match (regex, source, 0, &match); g_match_info_matches (match);
       g_match_info_next (match, NULL))
    g_ptr_array_add (steps, g_match_info_fetch (match, 1));
  return steps;
}

static void
test_every_step_has_a_file (void)
{
  g_autoptr(GPtrArray) steps = wizard_steps ();
  g_autofree char *dir = g_build_filename (TAIOU_SOURCE_ROOT, "data", "guidance", NULL);

  /* The wizard has six steps today; an empty list would mean the pattern above broke. */
  g_assert_cmpuint (steps->len, >=, 6);
  for (guint i = 0; i < steps->len; i++)
    {
      const char *step = steps->pdata[i];
      g_autofree char *file = g_strconcat (step, ".json", NULL);
      g_autofree char *path = g_build_filename (dir, file, NULL);
      g_autoptr(GError) error = NULL;
      g_autoptr(TaiouGuidance) guidance = NULL;

      g_test_message ("step %s", step);
      g_assert_true (g_file_test (path, G_FILE_TEST_IS_REGULAR));
      guidance = taiou_guidance_load_file (step, path, &error);
      g_assert_no_error (error);
      g_assert_cmpuint (taiou_guidance_get_n_records (guidance), >, 0);
    }
}

static void
test_no_file_without_a_step (void)
{
  g_autoptr(GPtrArray) steps = wizard_steps ();
  g_autofree char *path = g_build_filename (TAIOU_SOURCE_ROOT, "data", "guidance", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(GDir) dir = g_dir_open (path, 0, &error);
  const char *name;

  g_assert_no_error (error);
  while ((name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *step = NULL;

      if (!g_str_has_suffix (name, ".json"))
        continue;
      step = g_strndup (name, strlen (name) - strlen (".json"));
      g_test_message ("file %s", name);
      g_assert_true (g_ptr_array_find_with_equal_func (steps, step, g_str_equal, NULL));
    }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/taiou/guidance-files/every-step-has-a-file", test_every_step_has_a_file);
  g_test_add_func ("/taiou/guidance-files/no-file-without-a-step", test_no_file_without_a_step);

  return g_test_run ();
}
