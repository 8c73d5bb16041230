/* test-password-strength.c — libpwquality's verdict mapped to the desktop's five levels */
#define G_LOG_DOMAIN "test-password-strength"

#include "config.h"

#include <pwquality.h>
#include <string.h>

#include "taiou-test-util.h"

/* gnome-initial-setup's pw_strength(): a refusal is level 1, then 0.50 / 0.75 / 0.90. */
static void
test_score_to_level (void)
{
  const struct { int result; gsize length; TaiouPasswordStrength expected; } cases[] = {
    { PWQ_ERROR_EMPTY_PASSWORD, 0, TAIOU_PASSWORD_STRENGTH_EMPTY },
    { 100, 0, TAIOU_PASSWORD_STRENGTH_EMPTY },
    { PWQ_ERROR_MIN_LENGTH, 3, TAIOU_PASSWORD_STRENGTH_REJECTED },
    { PWQ_ERROR_CRACKLIB_CHECK, 8, TAIOU_PASSWORD_STRENGTH_REJECTED },
    { 0, 8, TAIOU_PASSWORD_STRENGTH_WEAK },
    { 49, 8, TAIOU_PASSWORD_STRENGTH_WEAK },
    { 50, 8, TAIOU_PASSWORD_STRENGTH_FAIR },
    { 74, 8, TAIOU_PASSWORD_STRENGTH_FAIR },
    { 75, 8, TAIOU_PASSWORD_STRENGTH_GOOD },
    { 89, 8, TAIOU_PASSWORD_STRENGTH_GOOD },
    { 90, 8, TAIOU_PASSWORD_STRENGTH_STRONG },
    { 100, 8, TAIOU_PASSWORD_STRENGTH_STRONG },
  };

  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    g_assert_cmpint (taiou_password_strength_from_score (cases[i].result, cases[i].length), ==,
                     cases[i].expected);
}

static void
test_weak_passwords_are_refused (void)
{
  const char *hint = NULL;

  g_assert_cmpint (taiou_password_check_strength (NULL, &hint), ==,
                   TAIOU_PASSWORD_STRENGTH_EMPTY);
  g_assert_null (hint);
  g_assert_cmpint (taiou_password_check_strength ("", &hint), ==, TAIOU_PASSWORD_STRENGTH_EMPTY);
  g_assert_cmpint (taiou_password_check_strength ("abc", &hint), ==,
                   TAIOU_PASSWORD_STRENGTH_REJECTED);
  g_assert_cmpstr (hint, ==, "Make it longer.");
  /* Refused by the dictionary where cracklib's is installed, by the sequence rule without. */
  g_assert_cmpint (taiou_password_check_strength ("abcdefgh", &hint), ==,
                   TAIOU_PASSWORD_STRENGTH_REJECTED);
  g_assert_nonnull (hint);
  g_assert_cmpstr (taiou_password_strength_label (TAIOU_PASSWORD_STRENGTH_REJECTED), ==,
                   "Too weak");
}

/* What the page generates rates good or strong, with no hint: the meter must never call the
 * page's own passwords weak (a missing dictionary would, were it not detected, and cracklib
 * calls about one random string in 2,500 "systematic"). */
static void
test_generated_passwords_are_strong (void)
{
  for (guint i = 0; i < 1000; i++)
    {
      TaiouPasswordStrength rated = TAIOU_PASSWORD_STRENGTH_EMPTY;
      char *password = taiou_password_generate_rated (TAIOU_PASSWORD_DEFAULT_LENGTH,
                                                      TAIOU_PASSWORD_ALL_CLASSES, &rated, NULL);
      const char *hint = "unset";

      g_assert_cmpint (taiou_password_check_strength (password, &hint), ==, rated);
      g_assert_cmpint (rated, >=, TAIOU_PASSWORD_STRENGTH_GOOD);
      g_assert_null (hint);
      taiou_password_free (password);
    }
}

/* Twelve digits never rate good: the last draw is returned, rated as it is. */
static void
test_rated_generation_gives_up (void)
{
  TaiouPasswordStrength rated = TAIOU_PASSWORD_STRENGTH_EMPTY;
  g_autoptr(GError) error = NULL;
  char *password = taiou_password_generate_rated (TAIOU_PASSWORD_MIN_LENGTH,
                                                  TAIOU_PASSWORD_DIGITS, &rated, &error);

  g_assert_no_error (error);
  g_assert_cmpuint (strlen (password), ==, TAIOU_PASSWORD_MIN_LENGTH);
  g_assert_cmpint (rated, ==, taiou_password_check_strength (password, NULL));
  g_assert_cmpint (rated, <, TAIOU_PASSWORD_STRENGTH_GOOD);
  taiou_password_free (password);

  g_assert_null (taiou_password_generate_rated (3, TAIOU_PASSWORD_DIGITS, NULL, &error));
  g_assert_error (error, TAIOU_PASSWORD_ERROR, TAIOU_PASSWORD_ERROR_INVALID);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/taiou/password-strength/score-to-level", test_score_to_level);
  g_test_add_func ("/taiou/password-strength/weak-passwords-are-refused",
                   test_weak_passwords_are_refused);
  g_test_add_func ("/taiou/password-strength/generated-passwords-are-strong",
                   test_generated_passwords_are_strong);
  g_test_add_func ("/taiou/password-strength/rated-generation-gives-up",
                   test_rated_generation_gives_up);

  return g_test_run ();
}
