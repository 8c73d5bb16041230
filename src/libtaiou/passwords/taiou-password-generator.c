/* taiou-password-generator.c — new passwords from the OS's random source (getrandom(2))
 *
 * After an infection every password used on the PC is changed, often in a hurry and for many
 * services at once; people then pick weak or related passwords.  This makes strong ones:
 *   - the random bytes come from the kernel's CSPRNG (getrandom(2)), never from GLib's g_random
 *     (a Mersenne Twister, predictable from its output);
 *   - each character is chosen with rejection sampling (as OpenBSD's arc4random_uniform does),
 *     because "byte % n" favours the first 256 % n characters;
 *   - a password must hold every class asked for; one that does not is thrown away whole and
 *     drawn again, which keeps every valid password equally likely (fixing one character up
 *     would not);
 *   - look-alike characters (0 O o, 1 l I) are left out: the new password is often typed by
 *     hand on another device;
 *   - every buffer that held random bytes or a password is wiped (explicit_bzero) before it is
 *     freed, so no copy lingers in freed heap memory.
 */
#define G_LOG_DOMAIN "taiou-password"

#include "config.h"

#include <errno.h>
#include <glib/gi18n-lib.h>
#include <string.h>
#include <sys/random.h>

#include "taiou-password-generator.h"

G_DEFINE_QUARK (taiou-password-error-quark, taiou_password_error)

/* How often a whole password may be drawn again for a missing class.  With 12 characters and
 * the digits' 8 of 68 characters, one draw in five lacks a digit; 1000 failures in a row do
 * not happen with a working random source. */
#define MAX_DRAWS 1000

static const struct
{
  TaiouPasswordClasses  one_class;
  const char           *alphabet;
} alphabets[] = {
  { TAIOU_PASSWORD_LOWER,   "abcdefghijkmnpqrstuvwxyz" },
  { TAIOU_PASSWORD_UPPER,   "ABCDEFGHJKLMNPQRSTUVWXYZ" },
  { TAIOU_PASSWORD_DIGITS,  "23456789" },
  /* Symbols that the usual web forms and mail servers accept. */
  { TAIOU_PASSWORD_SYMBOLS, "!#$%&*+-=?@_" },
};

/**
 * taiou_random_bytes:
 * @user_data: unused (the signature is TaiouRandomFunc's)
 *
 * Fills @buffer from the kernel's CSPRNG, blocking only until it is first seeded at boot.
 */
gboolean
taiou_random_bytes (guint8   *buffer,
                    gsize     length,
                    gpointer  user_data,
                    GError  **error)
{
  gsize done = 0;

  g_return_val_if_fail (buffer != NULL || length == 0, FALSE);

  while (done < length)
    {
      ssize_t n = getrandom (buffer + done, length - done, 0);

      if (n < 0)
        {
          int saved_errno = errno;

          if (saved_errno == EINTR)
            continue;
          g_set_error (error, TAIOU_PASSWORD_ERROR, TAIOU_PASSWORD_ERROR_RANDOM,
                       _("The system gave no random numbers (getrandom: %s)"),
                       g_strerror (saved_errno));
          return FALSE;
        }
      done += (gsize) n;
    }
  return TRUE;
}

/**
 * taiou_random_uniform:
 * @upper_bound: how many values there are (at least 1)
 * @out_value: (out): a value in [0, @upper_bound), each equally likely
 *
 * Draws 32-bit numbers until one is at or above 2^32 mod @upper_bound: the 2^32 - that many
 * numbers left are a whole multiple of @upper_bound, so "% @upper_bound" favours none.
 */
gboolean
taiou_random_uniform (guint32          upper_bound,
                      TaiouRandomFunc  random_func,
                      gpointer         user_data,
                      guint32         *out_value,
                      GError         **error)
{
  guint32 threshold;
  guint32 value = 0;

  g_return_val_if_fail (upper_bound > 0, FALSE);
  g_return_val_if_fail (random_func != NULL, FALSE);
  g_return_val_if_fail (out_value != NULL, FALSE);

  /* 2^32 mod upper_bound, computed in 32 bits. */
  threshold = (guint32) (-upper_bound) % upper_bound;
  for (;;)
    {
      if (!random_func ((guint8 *) &value, sizeof value, user_data, error))
        {
          explicit_bzero (&value, sizeof value);
          return FALSE;
        }
      if (value >= threshold)
        break;
    }
  *out_value = value % upper_bound;
  explicit_bzero (&value, sizeof value);
  return TRUE;
}

/* Returns: the characters of one class, or NULL for anything but a single class. */
const char *
taiou_password_class_alphabet (TaiouPasswordClasses one_class)
{
  for (gsize i = 0; i < G_N_ELEMENTS (alphabets); i++)
    if (alphabets[i].one_class == one_class)
      return alphabets[i].alphabet;
  return NULL;
}

static TaiouPasswordClasses
classes_present (const char *password)
{
  TaiouPasswordClasses present = 0;

  for (const char *c = password; *c != '\0'; c++)
    for (gsize i = 0; i < G_N_ELEMENTS (alphabets); i++)
      if (strchr (alphabets[i].alphabet, *c) != NULL)
        present |= alphabets[i].one_class;
  return present;
}

/**
 * taiou_password_generate_with:
 * @length: TAIOU_PASSWORD_MIN_LENGTH to TAIOU_PASSWORD_MAX_LENGTH characters
 * @classes: the classes every password must hold (at least one)
 * @random_func: where the random bytes come from (tests pass their own)
 *
 * Returns: (transfer full): the password; free it with taiou_password_free()
 */
char *
taiou_password_generate_with (guint                  length,
                              TaiouPasswordClasses   classes,
                              TaiouRandomFunc        random_func,
                              gpointer               user_data,
                              GError               **error)
{
  char alphabet[128] = "";
  guint32 alphabet_length;
  char *password;

  g_return_val_if_fail (random_func != NULL, NULL);

  if (length < TAIOU_PASSWORD_MIN_LENGTH || length > TAIOU_PASSWORD_MAX_LENGTH)
    {
      g_set_error (error, TAIOU_PASSWORD_ERROR, TAIOU_PASSWORD_ERROR_INVALID,
                   _("A password must have %d to %d characters, not %u"),
                   TAIOU_PASSWORD_MIN_LENGTH, TAIOU_PASSWORD_MAX_LENGTH, length);
      return NULL;
    }
  if (classes == 0 || (classes & ~TAIOU_PASSWORD_ALL_CLASSES) != 0)
    {
      g_set_error (error, TAIOU_PASSWORD_ERROR, TAIOU_PASSWORD_ERROR_INVALID,
                   _("Choose at least one kind of character (letters, digits or symbols)"));
      return NULL;
    }

  for (gsize i = 0; i < G_N_ELEMENTS (alphabets); i++)
    if ((classes & alphabets[i].one_class) != 0)
      g_strlcat (alphabet, alphabets[i].alphabet, sizeof alphabet);
  alphabet_length = (guint32) strlen (alphabet);

  password = g_malloc0 (length + 1);
  for (guint draw = 0; draw < MAX_DRAWS; draw++)
    {
      for (guint i = 0; i < length; i++)
        {
          guint32 index;

          if (!taiou_random_uniform (alphabet_length, random_func, user_data, &index, error))
            {
              taiou_password_free (password);
              return NULL;
            }
          password[i] = alphabet[index];
        }
      if (classes_present (password) == classes)
        return password;
    }

  taiou_password_free (password);
  g_set_error (error, TAIOU_PASSWORD_ERROR, TAIOU_PASSWORD_ERROR_RANDOM,
               _("The random numbers never held every kind of character asked for"));
  return NULL;
}

/**
 * taiou_password_generate:
 *
 * taiou_password_generate_with() on the kernel's random source.
 *
 * Returns: (transfer full): the password; free it with taiou_password_free()
 */
char *
taiou_password_generate (guint                  length,
                         TaiouPasswordClasses   classes,
                         GError               **error)
{
  return taiou_password_generate_with (length, classes, taiou_random_bytes, NULL, error);
}

/* Wipes and frees a password (or any secret string this process owns). */
void
taiou_password_free (char *password)
{
  if (password == NULL)
    return;
  explicit_bzero (password, strlen (password));
  g_free (password);
}
