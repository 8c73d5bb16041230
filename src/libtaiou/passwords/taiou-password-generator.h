/* taiou-password-generator.h — new passwords from the OS's random source (getrandom(2)) */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define TAIOU_PASSWORD_ERROR (taiou_password_error_quark ())

typedef enum
{
  TAIOU_PASSWORD_ERROR_INVALID,  /* a length or a set of character classes out of range */
  TAIOU_PASSWORD_ERROR_RANDOM,   /* the OS gave no random bytes */
} TaiouPasswordError;

GQuark taiou_password_error_quark (void);

typedef enum
{
  TAIOU_PASSWORD_LOWER   = 1 << 0,
  TAIOU_PASSWORD_UPPER   = 1 << 1,
  TAIOU_PASSWORD_DIGITS  = 1 << 2,
  TAIOU_PASSWORD_SYMBOLS = 1 << 3,
} TaiouPasswordClasses;

#define TAIOU_PASSWORD_ALL_CLASSES \
  (TAIOU_PASSWORD_LOWER | TAIOU_PASSWORD_UPPER | TAIOU_PASSWORD_DIGITS | TAIOU_PASSWORD_SYMBOLS)

#define TAIOU_PASSWORD_MIN_LENGTH      12
#define TAIOU_PASSWORD_MAX_LENGTH      64
#define TAIOU_PASSWORD_DEFAULT_LENGTH  16

/* Fills @buffer with @length random bytes, or fails with a GError. */
typedef gboolean (*TaiouRandomFunc) (guint8   *buffer,
                                     gsize     length,
                                     gpointer  user_data,
                                     GError  **error);

gboolean    taiou_random_bytes                (guint8               *buffer,
                                               gsize                 length,
                                               gpointer              user_data,
                                               GError              **error);
gboolean    taiou_random_uniform              (guint32               upper_bound,
                                               TaiouRandomFunc       random_func,
                                               gpointer              user_data,
                                               guint32              *out_value,
                                               GError              **error);
const char *taiou_password_class_alphabet     (TaiouPasswordClasses  one_class);
char       *taiou_password_generate           (guint                 length,
                                               TaiouPasswordClasses  classes,
                                               GError              **error);
char       *taiou_password_generate_with      (guint                 length,
                                               TaiouPasswordClasses  classes,
                                               TaiouRandomFunc       random_func,
                                               gpointer              user_data,
                                               GError              **error);
void        taiou_password_free               (char                 *password);

G_END_DECLS
