/* taiou-password-strength.h — how strong a password is, as libpwquality judges it */
#pragma once

#include <glib.h>

#include "taiou-password-generator.h"

G_BEGIN_DECLS

/* The levels of gnome-initial-setup's and GNOME Settings' meters (pw-utils.c), so a strength
 * reads the same as in the rest of the desktop. */
typedef enum
{
  TAIOU_PASSWORD_STRENGTH_EMPTY,     /* nothing typed */
  TAIOU_PASSWORD_STRENGTH_REJECTED,  /* libpwquality refuses it: too short, a word, a pattern */
  TAIOU_PASSWORD_STRENGTH_WEAK,      /* accepted, score below 50 */
  TAIOU_PASSWORD_STRENGTH_FAIR,      /* below 75 */
  TAIOU_PASSWORD_STRENGTH_GOOD,      /* below 90 */
  TAIOU_PASSWORD_STRENGTH_STRONG,    /* 90 to 100 */
} TaiouPasswordStrength;

#define TAIOU_PASSWORD_STRENGTH_MAX TAIOU_PASSWORD_STRENGTH_STRONG

TaiouPasswordStrength taiou_password_strength_from_score (int                    pwquality_result,
                                                          gsize                  length);
TaiouPasswordStrength taiou_password_check_strength      (const char            *password,
                                                          const char           **hint);
const char           *taiou_password_strength_label      (TaiouPasswordStrength  strength);
char                 *taiou_password_generate_rated      (guint                  length,
                                                          TaiouPasswordClasses   classes,
                                                          TaiouPasswordStrength *strength,
                                                          GError               **error);

G_END_DECLS
