/* taiou-password-strength.c — how strong a password is, as libpwquality judges it
 *
 * libpwquality is what gnome-initial-setup and GNOME Settings ask (pw-utils.c): it applies the
 * system's password policy (/etc/security/pwquality.conf) and cracklib's dictionary, and gives
 * a score from 0 to 100 or a reason for refusing.  The score is mapped to their five levels, so
 * the meter agrees with the desktop's own.  Only the level and a hint leave this file: never
 * the password, which nothing here stores or logs.
 *
 * Without cracklib's dictionary (cracklib-runtime not installed, or a sandbox without it)
 * libpwquality refuses *every* password as failing the dictionary check.  A meter that calls
 * a random 16-character password weak teaches the wrong thing, so that case is detected once
 * and the dictionary check switched off; the other checks still apply.
 */
#define G_LOG_DOMAIN "taiou-password"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <pwquality.h>
#include <string.h>

#include "taiou-password-strength.h"

/* Not a word and no pattern: only a broken dictionary refuses it. */
#define DICTIONARY_PROBE "xK9#mQ2$vL7pW4nZ"

static pwquality_settings_t *
get_settings (void)
{
  static gsize settings;

  if (g_once_init_enter (&settings))
    {
      pwquality_settings_t *loaded = pwquality_default_settings ();
      void *auxerror = NULL;
      char message[256];
      int result;

      result = pwquality_read_config (loaded, NULL, &auxerror);
      if (result < 0)
        {
          /* The built-in policy is a sound one; say why the system's was not used. */
          g_message ("The password policy could not be read (%s); using libpwquality's defaults",
                     pwquality_strerror (message, sizeof message, result, auxerror));
          pwquality_free_settings (loaded);
          loaded = pwquality_default_settings ();
        }
      auxerror = NULL;
      result = pwquality_check (loaded, DICTIONARY_PROBE, NULL, NULL, &auxerror);
      if (result == PWQ_ERROR_CRACKLIB_CHECK)
        {
          g_message ("The password dictionary cannot be used (%s); checking without it",
                     pwquality_strerror (message, sizeof message, result, auxerror));
          pwquality_set_option (loaded, "dictcheck=0");
        }
      else if (result < 0)
        pwquality_strerror (message, sizeof message, result, auxerror);
      g_once_init_leave (&settings, (gsize) loaded);
    }
  return (pwquality_settings_t *) settings;
}

/**
 * taiou_password_strength_from_score:
 * @pwquality_result: what pwquality_check() returned (a score, or an error below 0)
 * @length: the password's length in bytes
 *
 * gnome-initial-setup's mapping: a refusal is the lowest level (none for an empty password),
 * then the score in hundredths: below 0.50 weak, below 0.75 fair, below 0.90 good, else strong.
 */
TaiouPasswordStrength
taiou_password_strength_from_score (int   pwquality_result,
                                    gsize length)
{
  if (length == 0)
    return TAIOU_PASSWORD_STRENGTH_EMPTY;
  if (pwquality_result < 0)
    return TAIOU_PASSWORD_STRENGTH_REJECTED;
  if (pwquality_result < 50)
    return TAIOU_PASSWORD_STRENGTH_WEAK;
  if (pwquality_result < 75)
    return TAIOU_PASSWORD_STRENGTH_FAIR;
  if (pwquality_result < 90)
    return TAIOU_PASSWORD_STRENGTH_GOOD;
  return TAIOU_PASSWORD_STRENGTH_STRONG;
}

/* What to do about a refusal, in a few words (gnome-initial-setup's hints, shortened). */
static const char *
hint_for (int pwquality_result)
{
  switch (pwquality_result)
    {
    case PWQ_ERROR_MIN_LENGTH:
      return _("Make it longer.");
    case PWQ_ERROR_CRACKLIB_CHECK:
    case PWQ_ERROR_BAD_WORDS:
      return _("Avoid words and simple patterns.");
    case PWQ_ERROR_MAX_CONSECUTIVE:
    case PWQ_ERROR_MAX_CLASS_REPEAT:
    case PWQ_ERROR_MAX_SEQUENCE:
    case PWQ_ERROR_PALINDROME:
      return _("Avoid repeated characters and sequences like 1234.");
    case PWQ_ERROR_MIN_CLASSES:
    case PWQ_ERROR_MIN_DIGITS:
    case PWQ_ERROR_MIN_UPPERS:
    case PWQ_ERROR_MIN_LOWERS:
    case PWQ_ERROR_MIN_OTHERS:
      return _("Mix letters, numbers and symbols.");
    default:
      return _("Make it longer, with letters, numbers and symbols.");
    }
}

/**
 * taiou_password_check_strength:
 * @password: (nullable): the password to judge; it is not kept
 * @hint: (out) (optional) (transfer none): what would make it stronger, or NULL when it is
 *   strong enough
 */
TaiouPasswordStrength
taiou_password_check_strength (const char  *password,
                               const char **hint)
{
  gsize length = password != NULL ? strlen (password) : 0;
  TaiouPasswordStrength strength;
  void *auxerror = NULL;
  int result;

  if (length == 0)
    {
      if (hint != NULL)
        *hint = NULL;
      return TAIOU_PASSWORD_STRENGTH_EMPTY;
    }

  result = pwquality_check (get_settings (), password, NULL, NULL, &auxerror);
  if (result < 0)
    {
      char message[256];

      /* Frees what libpwquality allocated for the message. */
      pwquality_strerror (message, sizeof message, result, auxerror);
    }
  strength = taiou_password_strength_from_score (result, length);
  if (hint != NULL)
    *hint = strength >= TAIOU_PASSWORD_STRENGTH_GOOD ? NULL : hint_for (result);
  return strength;
}

/* How many draws taiou_password_generate_rated() makes at most.  About one random 16-character
 * password in 2,500 is refused by cracklib as "too simplistic/systematic". */
#define MAX_RATED_DRAWS 10

/**
 * taiou_password_generate_rated:
 * @strength: (out) (optional): what the meter will say about the password returned
 *
 * A new password (taiou_password_generate()) that the meter rates good or strong: the rare
 * random string that cracklib calls "systematic" is drawn again, so the page never offers a
 * password its own meter calls weak.  Throwing those few away costs a negligible share of the
 * possible passwords.  Lengths and classes that can never rate good (12 digits) return the last
 * draw after MAX_RATED_DRAWS.
 *
 * Returns: (transfer full): the password; free it with taiou_password_free()
 */
char *
taiou_password_generate_rated (guint                   length,
                               TaiouPasswordClasses    classes,
                               TaiouPasswordStrength  *strength,
                               GError                **error)
{
  char *password = NULL;
  TaiouPasswordStrength rating = TAIOU_PASSWORD_STRENGTH_EMPTY;

  for (guint draw = 0; draw < MAX_RATED_DRAWS; draw++)
    {
      taiou_password_free (password);
      password = taiou_password_generate (length, classes, error);
      if (password == NULL)
        return NULL;
      rating = taiou_password_check_strength (password, NULL);
      if (rating >= TAIOU_PASSWORD_STRENGTH_GOOD)
        break;
    }
  if (strength != NULL)
    *strength = rating;
  return password;
}

/* Returns: the level in one word, for the meter's label */
const char *
taiou_password_strength_label (TaiouPasswordStrength strength)
{
  switch (strength)
    {
    case TAIOU_PASSWORD_STRENGTH_EMPTY:
      return "";
    case TAIOU_PASSWORD_STRENGTH_REJECTED:
      return _("Too weak");
    case TAIOU_PASSWORD_STRENGTH_WEAK:
      return _("Weak");
    case TAIOU_PASSWORD_STRENGTH_FAIR:
      return _("Fair");
    case TAIOU_PASSWORD_STRENGTH_GOOD:
      return _("Good");
    case TAIOU_PASSWORD_STRENGTH_STRONG:
      return _("Strong");
    default:
      g_return_val_if_reached ("");
    }
}
