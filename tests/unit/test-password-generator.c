/* test-password-generator.c — passwords from getrandom(2): lengths, classes, no modulo bias */
#define G_LOG_DOMAIN "test-password-generator"

#include "config.h"

#include <string.h>

#include "taiou-test-util.h"

static const TaiouPasswordClasses single_classes[] = {
  TAIOU_PASSWORD_LOWER, TAIOU_PASSWORD_UPPER, TAIOU_PASSWORD_DIGITS, TAIOU_PASSWORD_SYMBOLS,
};

static gboolean
char_in_classes (char                 c,
                 TaiouPasswordClasses classes)
{
  for (gsize i = 0; i < G_N_ELEMENTS (single_classes); i++)
    if ((classes & single_classes[i]) != 0 &&
        strchr (taiou_password_class_alphabet (single_classes[i]), c) != NULL)
      return TRUE;
  return FALSE;
}

/* Every length from 12 to 64 and every set of classes: the length holds, each character is of
 * a class asked for, and each class asked for is there. */
static void
test_lengths_and_classes_hold (void)
{
  for (guint length = TAIOU_PASSWORD_MIN_LENGTH; length <= TAIOU_PASSWORD_MAX_LENGTH; length++)
    for (TaiouPasswordClasses classes = 1; classes <= TAIOU_PASSWORD_ALL_CLASSES; classes++)
      {
        g_autoptr(GError) error = NULL;
        char *password = taiou_password_generate (length, classes, &error);

        g_assert_no_error (error);
        g_assert_nonnull (password);
        g_assert_cmpuint (strlen (password), ==, length);
        for (const char *c = password; *c != '\0'; c++)
          g_assert_true (char_in_classes (*c, classes));
        for (gsize i = 0; i < G_N_ELEMENTS (single_classes); i++)
          if ((classes & single_classes[i]) != 0)
            g_assert_true (strpbrk (password,
                                    taiou_password_class_alphabet (single_classes[i])) != NULL);
        taiou_password_free (password);
      }
}

/* No look-alikes: the password may be typed by hand on a phone. */
static void
test_no_look_alikes (void)
{
  for (gsize i = 0; i < G_N_ELEMENTS (single_classes); i++)
    g_assert_null (strpbrk (taiou_password_class_alphabet (single_classes[i]), "0Oo1lI"));
}

static void
test_rejects_bad_requests (void)
{
  const struct { guint length; TaiouPasswordClasses classes; } bad[] = {
    { TAIOU_PASSWORD_MIN_LENGTH - 1, TAIOU_PASSWORD_ALL_CLASSES },
    { TAIOU_PASSWORD_MAX_LENGTH + 1, TAIOU_PASSWORD_ALL_CLASSES },
    { 0, TAIOU_PASSWORD_ALL_CLASSES },
    { G_MAXUINT, TAIOU_PASSWORD_ALL_CLASSES },
    { 16, 0 },
    { 16, 1 << 7 },
  };

  for (gsize i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autoptr(GError) error = NULL;

      g_assert_null (taiou_password_generate (bad[i].length, bad[i].classes, &error));
      g_assert_error (error, TAIOU_PASSWORD_ERROR, TAIOU_PASSWORD_ERROR_INVALID);
    }
}

/* A random source that hands out scripted 32-bit numbers and counts the draws. */
typedef struct
{
  const guint32 *values;
  gsize          n_values;
  gsize          next;
} Script;

static gboolean
scripted_random (guint8   *buffer,
                 gsize     length,
                 gpointer  user_data,
                 GError  **error)
{
  Script *script = user_data;

  g_assert_cmpuint (length, ==, sizeof (guint32));
  if (script->next >= script->n_values)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_FAILED, "script ran out");
      return FALSE;
    }
  memcpy (buffer, &script->values[script->next++], sizeof (guint32));
  return TRUE;
}

/* 2^32 mod 10 = 6: the numbers 0–5 would make 0–5 more likely than 6–9, so they are drawn
 * again; 6 and above are kept. */
static void
test_rejection_sampling (void)
{
  const guint32 values[] = { 0, 5, 6, G_MAXUINT32 };
  Script script = { values, G_N_ELEMENTS (values), 0 };
  g_autoptr(GError) error = NULL;
  guint32 value = 99;

  g_assert_true (taiou_random_uniform (10, scripted_random, &script, &value, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (script.next, ==, 3);
  g_assert_cmpuint (value, ==, 6);

  /* The largest number is kept: 4294967295 % 10 = 5. */
  g_assert_true (taiou_random_uniform (10, scripted_random, &script, &value, &error));
  g_assert_cmpuint (value, ==, 5);

  /* A power of two divides 2^32: nothing is drawn again. */
  {
    const guint32 any[] = { 0, 7 };
    Script once = { any, G_N_ELEMENTS (any), 0 };

    g_assert_true (taiou_random_uniform (8, scripted_random, &once, &value, &error));
    g_assert_cmpuint (once.next, ==, 1);
    g_assert_cmpuint (value, ==, 0);
  }
}

static void
test_random_failure_is_an_error (void)
{
  Script empty = { NULL, 0, 0 };
  g_autoptr(GError) error = NULL;

  g_assert_null (taiou_password_generate_with (16, TAIOU_PASSWORD_ALL_CLASSES, scripted_random,
                                               &empty, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_FAILED);
}

/* Pearson's chi-squared over @n_bins equally likely outcomes. */
static double
chi_squared (const guint *counts,
             guint        n_bins,
             guint        n_draws)
{
  double expected = (double) n_draws / n_bins;
  double sum = 0;

  for (guint i = 0; i < n_bins; i++)
    sum += (counts[i] - expected) * (counts[i] - expected) / expected;
  return sum;
}

/* 68 outcomes (every class: 2^32 mod 68 ≠ 0) drawn 68,000 times from the kernel.  Naive
 * "byte % 68" would make 52 outcomes a third likelier than the other 16 (chi² in the
 * thousands); uniform draws stay under 128, chi²'s 1 - 10⁻⁵ point for 67 degrees of freedom
 * (Wilson–Hilferty), so this fails by chance once in 100,000 runs. */
static void
test_uniform_draws (void)
{
  guint counts[68] = { 0 };
  const guint n_draws = 68000;

  for (guint i = 0; i < n_draws; i++)
    {
      g_autoptr(GError) error = NULL;
      guint32 value;

      g_assert_true (taiou_random_uniform (G_N_ELEMENTS (counts), taiou_random_bytes, NULL,
                                           &value, &error));
      counts[value]++;
    }
  g_assert_cmpfloat (chi_squared (counts, G_N_ELEMENTS (counts), n_draws), <, 128.0);
}

/* The characters of generated passwords: 2,000 of 64 digits each (8 outcomes; chi²'s
 * 1 - 10⁻⁵ point for 7 degrees of freedom is 35.3), and each position alike. */
static void
test_password_characters_are_uniform (void)
{
  const char *digits = taiou_password_class_alphabet (TAIOU_PASSWORD_DIGITS);
  guint counts[8] = { 0 };
  guint first_counts[8] = { 0 };
  const guint n_passwords = 2000;

  g_assert_cmpuint (strlen (digits), ==, G_N_ELEMENTS (counts));
  for (guint i = 0; i < n_passwords; i++)
    {
      g_autoptr(GError) error = NULL;
      char *password = taiou_password_generate (TAIOU_PASSWORD_MAX_LENGTH, TAIOU_PASSWORD_DIGITS,
                                                &error);

      g_assert_no_error (error);
      for (const char *c = password; *c != '\0'; c++)
        counts[strchr (digits, *c) - digits]++;
      first_counts[strchr (digits, password[0]) - digits]++;
      taiou_password_free (password);
    }
  g_assert_cmpfloat (chi_squared (counts, 8, n_passwords * TAIOU_PASSWORD_MAX_LENGTH), <, 36.0);
  g_assert_cmpfloat (chi_squared (first_counts, 8, n_passwords), <, 36.0);
}

/* Two passwords alike would mean a broken source. */
static void
test_passwords_differ (void)
{
  g_autoptr(GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal,
                                                      (GDestroyNotify) taiou_password_free, NULL);

  for (guint i = 0; i < 1000; i++)
    {
      char *password = taiou_password_generate (TAIOU_PASSWORD_MIN_LENGTH,
                                                TAIOU_PASSWORD_ALL_CLASSES, NULL);

      g_assert_false (g_hash_table_contains (seen, password));
      g_hash_table_add (seen, password);
    }
}

static void
test_random_bytes_fill_large_buffers (void)
{
  gsize length = 1 << 20;
  g_autofree guint8 *buffer = g_malloc0 (length);
  g_autoptr(GError) error = NULL;
  gsize zeros = 0;

  g_assert_true (taiou_random_bytes (buffer, length, NULL, &error));
  g_assert_no_error (error);
  for (gsize i = 0; i < length; i++)
    zeros += buffer[i] == 0;
  /* About 4096 zero bytes are expected; a buffer left unfilled has a million. */
  g_assert_cmpuint (zeros, <, 6000);
  taiou_password_free (NULL);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/taiou/password-generator/lengths-and-classes-hold",
                   test_lengths_and_classes_hold);
  g_test_add_func ("/taiou/password-generator/no-look-alikes", test_no_look_alikes);
  g_test_add_func ("/taiou/password-generator/rejects-bad-requests", test_rejects_bad_requests);
  g_test_add_func ("/taiou/password-generator/rejection-sampling", test_rejection_sampling);
  g_test_add_func ("/taiou/password-generator/random-failure-is-an-error",
                   test_random_failure_is_an_error);
  g_test_add_func ("/taiou/password-generator/uniform-draws", test_uniform_draws);
  g_test_add_func ("/taiou/password-generator/password-characters-are-uniform",
                   test_password_characters_are_uniform);
  g_test_add_func ("/taiou/password-generator/passwords-differ", test_passwords_differ);
  g_test_add_func ("/taiou/password-generator/random-bytes-fill-large-buffers",
                   test_random_bytes_fill_large_buffers);

  return g_test_run ();
}
