/* taiou-winreg.h — Windows registry hive files (NTUSER.DAT, SYSTEM, SOFTWARE) read with hivex */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

#define TAIOU_WINREG_ERROR (taiou_winreg_error_quark ())

typedef enum
{
  TAIOU_WINREG_ERROR_READ,       /* the file could not be read */
  TAIOU_WINREG_ERROR_TOO_LARGE,  /* over the caller's size cap */
  TAIOU_WINREG_ERROR_FORMAT,     /* not a hive, or a damaged one */
  TAIOU_WINREG_ERROR_EXHAUSTED,  /* the hive's lists added up to more than any real hive's;
                                    nothing more is read from it */
} TaiouWinregError;

GQuark taiou_winreg_error_quark (void);

/* Value types, numbered as Windows (and hivex) number them. */
typedef enum
{
  TAIOU_WINREG_NONE      = 0,
  TAIOU_WINREG_SZ        = 1,
  TAIOU_WINREG_EXPAND_SZ = 2,
  TAIOU_WINREG_BINARY    = 3,
  TAIOU_WINREG_DWORD     = 4,
  TAIOU_WINREG_MULTI_SZ  = 7,
  TAIOU_WINREG_QWORD     = 11,
} TaiouWinregType;

/* Caps that hold whatever a crafted hive claims. */
#define TAIOU_WINREG_MAX_VALUES_PER_KEY  10000
#define TAIOU_WINREG_MAX_SUBKEYS_PER_KEY 10000
#define TAIOU_WINREG_MAX_VALUE_SIZE      (1024 * 1024)

typedef struct _TaiouWinregHive TaiouWinregHive;

/* A key of one open hive; 0 is "no key".  Valid while the hive is open. */
typedef gsize TaiouWinregKey;

typedef struct
{
  char   *name;  /* UTF-8; "" is the key's default value */
  guint32 type;  /* a TaiouWinregType, or any other number a hive holds */
  GBytes *data;  /* the raw data, at most TAIOU_WINREG_MAX_VALUE_SIZE bytes */
} TaiouWinregValue;

typedef struct
{
  char           *name;  /* UTF-8 */
  TaiouWinregKey  key;
} TaiouWinregSubkey;

TaiouWinregHive  *taiou_winreg_hive_new_from_bytes (const guint8     *data,
                                                    gsize             length,
                                                    GError          **error);
TaiouWinregHive  *taiou_winreg_hive_new_from_file  (int               dirfd,
                                                    const char       *path,
                                                    guint64           max_size,
                                                    GError          **error);
void              taiou_winreg_hive_free           (TaiouWinregHive  *hive);

TaiouWinregKey    taiou_winreg_hive_root           (TaiouWinregHive  *hive);
TaiouWinregKey    taiou_winreg_hive_lookup         (TaiouWinregHive  *hive,
                                                    TaiouWinregKey    parent,
                                                    const char       *path,
                                                    GError          **error);
GPtrArray        *taiou_winreg_hive_subkeys        (TaiouWinregHive  *hive,
                                                    TaiouWinregKey    key,
                                                    GPtrArray        *problems,
                                                    GError          **error);
GPtrArray        *taiou_winreg_hive_values         (TaiouWinregHive  *hive,
                                                    TaiouWinregKey    key,
                                                    GPtrArray        *problems,
                                                    GError          **error);
TaiouWinregValue *taiou_winreg_hive_value          (TaiouWinregHive  *hive,
                                                    TaiouWinregKey    key,
                                                    const char       *name,
                                                    GError          **error);

void              taiou_winreg_value_free          (TaiouWinregValue *value);
char             *taiou_winreg_value_dup_string    (const TaiouWinregValue *value,
                                                    gboolean               *lossy);
gboolean          taiou_winreg_value_get_dword     (const TaiouWinregValue *value,
                                                    guint32                *dword);

char             *taiou_winreg_utf16le_to_utf8     (const guint8     *data,
                                                    gsize             length,
                                                    gboolean         *lossy);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (TaiouWinregHive, taiou_winreg_hive_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (TaiouWinregValue, taiou_winreg_value_free)

G_END_DECLS
