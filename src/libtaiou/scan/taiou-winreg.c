/* taiou-winreg.c — Windows registry hive files (NTUSER.DAT, SYSTEM, SOFTWARE) read with hivex
 *
 * Keys and values of a hive opened by taiou-winreg-file.c, which made its bytes safe to hand to
 * hivex.  Every loop is capped (values and subkeys per key, value size), whatever the hive
 * claims.  And since lists may point at the same cell over and over (hivex does not mind), a
 * small hive can claim billions of entries; so each hive has a budget of entries hivex may
 * walk, and reading stops when it is spent.  A big value's block list is checked before hivex
 * gathers it (check_big_data()).
 */
#define G_LOG_DOMAIN "taiou-winreg"

#include "config.h"

#include <errno.h>
#include <string.h>

#include "taiou-bytes-private.h"
#include "taiou-utf16-private.h"
#include "taiou-winreg-private.h"

#define HIVE_HEADER_SIZE _TAIOU_WINREG_HEADER_SIZE
#define WORK_BUDGET      _TAIOU_WINREG_WORK_BUDGET

G_DEFINE_QUARK (taiou-winreg-error-quark, taiou_winreg_error)

TaiouWinregKey
taiou_winreg_hive_root (TaiouWinregHive *hive)
{
  g_return_val_if_fail (hive != NULL, 0);

  return hivex_root (hive->handle);
}

static void
set_hivex_error (GError     **error,
                 int          saved_errno,
                 const char  *what)
{
  g_set_error (error, TAIOU_WINREG_ERROR, TAIOU_WINREG_ERROR_FORMAT, "%s: %s", what,
               saved_errno != 0 ? g_strerror (saved_errno) : "damaged hive");
}

/* hivex recodes names with iconv; a name it let through unconverted must still be UTF-8. */
static char *
take_name (char *name)
{
  char *valid;

  if (g_utf8_validate (name, -1, NULL))
    return name;
  valid = g_utf8_make_valid (name, -1);
  free (name);
  return valid;
}

/* Charges the hive's budget with walking @n_entries; fails once it is spent, and from then on. */
static gboolean
spend (TaiouWinregHive  *hive,
       gsize             n_entries,
       GError          **error)
{
  if (n_entries > hive->work_left)
    {
      hive->work_left = 0;
      g_set_error (error, TAIOU_WINREG_ERROR, TAIOU_WINREG_ERROR_EXHAUSTED,
                   "the hive's keys list more than %" G_GUINT64_FORMAT " entries in all, "
                   "more than a real hive would; the rest was not read", WORK_BUDGET);
      return FALSE;
    }
  hive->work_left -= n_entries;
  return TRUE;
}

/* hivex checks these counts against the lists when it walks them. */
static gboolean
spend_children (TaiouWinregHive  *hive,
                TaiouWinregKey    key,
                GError          **error)
{
  return spend (hive, 1 + hivex_node_nr_children (hive->handle, key), error);
}

static gboolean
spend_values (TaiouWinregHive  *hive,
              TaiouWinregKey    key,
              GError          **error)
{
  return spend (hive, 1 + hivex_node_nr_values (hive->handle, key), error);
}

/**
 * taiou_winreg_hive_lookup:
 * @path: subkey names separated by '\\', matched without regard to case as Windows does
 *
 * Returns: the key, or 0: without @error set when some key on the way does not exist, with it
 *   set when the hive is damaged there
 */
TaiouWinregKey
taiou_winreg_hive_lookup (TaiouWinregHive  *hive,
                          TaiouWinregKey    parent,
                          const char       *path,
                          GError          **error)
{
  g_auto(GStrv) names = NULL;
  TaiouWinregKey key = parent;

  g_return_val_if_fail (hive != NULL, 0);
  g_return_val_if_fail (path != NULL, 0);

  names = g_strsplit (path, "\\", -1);
  for (guint i = 0; names[i] != NULL && key != 0; i++)
    {
      if (names[i][0] == '\0')
        continue;
      if (!spend_children (hive, key, error))
        return 0;
      errno = 0;
      key = hivex_node_get_child (hive->handle, key, names[i]);
      if (key == 0 && errno != 0)
        {
          set_hivex_error (error, errno, names[i]);
          return 0;
        }
    }
  return key;
}

static void
subkey_free (gpointer data)
{
  TaiouWinregSubkey *subkey = data;

  g_free (subkey->name);
  g_free (subkey);
}

/**
 * taiou_winreg_hive_subkeys:
 * @problems: (nullable) (element-type utf8): where to note what was skipped
 *
 * Returns: (transfer container) (element-type TaiouWinregSubkey): at most
 *   %TAIOU_WINREG_MAX_SUBKEYS_PER_KEY subkeys, or %NULL with @error set when the key's list of
 *   subkeys is damaged
 */
GPtrArray *
taiou_winreg_hive_subkeys (TaiouWinregHive  *hive,
                           TaiouWinregKey    key,
                           GPtrArray        *problems,
                           GError          **error)
{
  g_autoptr(GPtrArray) subkeys = NULL;
  hive_node_h *children;
  gsize i;

  g_return_val_if_fail (hive != NULL, NULL);

  if (!spend_children (hive, key, error))
    return NULL;
  errno = 0;
  children = hivex_node_children (hive->handle, key);
  if (children == NULL)
    {
      set_hivex_error (error, errno, "list of subkeys");
      return NULL;
    }
  subkeys = g_ptr_array_new_with_free_func (subkey_free);
  for (i = 0; children[i] != 0 && i < TAIOU_WINREG_MAX_SUBKEYS_PER_KEY; i++)
    {
      char *name;
      TaiouWinregSubkey *subkey;

      errno = 0;
      name = hivex_node_name (hive->handle, children[i]);
      if (name == NULL)
        {
          int saved_errno = errno;

          if (problems != NULL)
            g_ptr_array_add (problems, g_strdup_printf ("a subkey's name cannot be read: %s",
                                                        g_strerror (saved_errno)));
          continue;
        }
      subkey = g_new0 (TaiouWinregSubkey, 1);
      subkey->name = take_name (name);
      subkey->key = children[i];
      g_ptr_array_add (subkeys, subkey);
    }
  if (children[i] != 0 && problems != NULL)
    g_ptr_array_add (problems, g_strdup_printf ("more than %d subkeys; the rest were not read",
                                                TAIOU_WINREG_MAX_SUBKEYS_PER_KEY));
  free (children);
  return g_steal_pointer (&subkeys);
}

void
taiou_winreg_value_free (TaiouWinregValue *value)
{
  if (value == NULL)
    return;
  g_free (value->name);
  g_clear_pointer (&value->data, g_bytes_unref);
  g_free (value);
}

static gsize
cell_size (const TaiouWinregHive *hive,
           gsize                  offset)
{
  gint64 size = (gint32) _taiou_read_le32 (hive->data + offset);

  return (gsize) (size < 0 ? -size : size);
}

/* hivex gathers a big value from a "db" record and its list of blocks without checking that the
 * list holds as many entries as the record claims (or that the record is whole), and so reads
 * past the end of the list, up to 256 KiB.  Checked here first, on our own view of the copy:
 * a hive value handle is the offset of its vk cell in the file.  Anything else odd is left to
 * hivex, which rejects it. */
static gboolean
check_big_data (TaiouWinregHive  *hive,
                hive_value_h      handle,
                const char       *name,
                GError          **error)
{
  gsize data_length;
  gsize db;
  gsize list;
  gsize n_blocks;

  if (handle + 0x18 > hive->length || memcmp (hive->data + handle + 4, "vk", 2) != 0)
    return TRUE;
  data_length = _taiou_read_le32 (hive->data + handle + 8);
  db = HIVE_HEADER_SIZE + (gsize) _taiou_read_le32 (hive->data + handle + 0x0c);
  if ((data_length & 0x80000000) != 0 || db + 8 > hive->length ||
      data_length + 4 <= cell_size (hive, db) || memcmp (hive->data + db + 4, "db", 2) != 0)
    return TRUE;

  if (db + 12 > hive->length || cell_size (hive, db) < 12)
    goto bad;
  n_blocks = _taiou_read_le16 (hive->data + db + 6);
  list = HIVE_HEADER_SIZE + (gsize) _taiou_read_le32 (hive->data + db + 8);
  if (list + 4 > hive->length || 4 + 4 * n_blocks > cell_size (hive, list))
    goto bad;
  return TRUE;

bad:
  g_set_error (error, TAIOU_WINREG_ERROR, TAIOU_WINREG_ERROR_FORMAT,
               "value “%s”: its big-data record names more blocks than it lists", name);
  return FALSE;
}

static TaiouWinregValue *
read_value (TaiouWinregHive  *hive,
            hive_value_h      handle,
            GError          **error)
{
  g_autoptr(TaiouWinregValue) value = g_new0 (TaiouWinregValue, 1);
  hive_type type;
  size_t length;
  char *name;
  char *data;

  errno = 0;
  name = hivex_value_key (hive->handle, handle);
  if (name == NULL)
    {
      set_hivex_error (error, errno, "a value's name cannot be read");
      return NULL;
    }
  value->name = take_name (name);
  if (hivex_value_type (hive->handle, handle, &type, &length) != 0)
    {
      set_hivex_error (error, errno, value->name);
      return NULL;
    }
  value->type = (guint32) type;
  /* Checked before hivex allocates and copies the data. */
  if (length > TAIOU_WINREG_MAX_VALUE_SIZE)
    {
      g_set_error (error, TAIOU_WINREG_ERROR, TAIOU_WINREG_ERROR_TOO_LARGE,
                   "value “%s” holds %zu bytes, over the %d-byte limit", value->name, length,
                   TAIOU_WINREG_MAX_VALUE_SIZE);
      return NULL;
    }
  if (length == 0)
    {
      value->data = g_bytes_new (NULL, 0);
      return g_steal_pointer (&value);
    }
  if (!check_big_data (hive, handle, value->name, error))
    return NULL;
  errno = 0;
  data = hivex_value_value (hive->handle, handle, &type, &length);
  if (data == NULL)
    {
      set_hivex_error (error, errno, value->name);
      return NULL;
    }
  value->data = g_bytes_new (data, MIN (length, (size_t) TAIOU_WINREG_MAX_VALUE_SIZE));
  free (data);
  return g_steal_pointer (&value);
}

/**
 * taiou_winreg_hive_values:
 * @problems: (nullable) (element-type utf8): where to note the values that were skipped
 *
 * Returns: (transfer container) (element-type TaiouWinregValue): at most
 *   %TAIOU_WINREG_MAX_VALUES_PER_KEY values; a value that cannot be read or is too large is
 *   left out and noted in @problems.  %NULL with @error set when the key's value list is damaged.
 */
GPtrArray *
taiou_winreg_hive_values (TaiouWinregHive  *hive,
                          TaiouWinregKey    key,
                          GPtrArray        *problems,
                          GError          **error)
{
  g_autoptr(GPtrArray) values = NULL;
  hive_value_h *handles;
  gsize i;

  g_return_val_if_fail (hive != NULL, NULL);

  if (!spend_values (hive, key, error))
    return NULL;
  errno = 0;
  handles = hivex_node_values (hive->handle, key);
  if (handles == NULL)
    {
      set_hivex_error (error, errno, "list of values");
      return NULL;
    }
  values = g_ptr_array_new_with_free_func ((GDestroyNotify) taiou_winreg_value_free);
  for (i = 0; handles[i] != 0 && i < TAIOU_WINREG_MAX_VALUES_PER_KEY; i++)
    {
      g_autoptr(GError) local_error = NULL;
      TaiouWinregValue *value = read_value (hive, handles[i], &local_error);

      if (value != NULL)
        g_ptr_array_add (values, value);
      else if (problems != NULL)
        g_ptr_array_add (problems, g_strdup (local_error->message));
    }
  if (handles[i] != 0 && problems != NULL)
    g_ptr_array_add (problems, g_strdup_printf ("more than %d values; the rest were not read",
                                                TAIOU_WINREG_MAX_VALUES_PER_KEY));
  free (handles);
  return g_steal_pointer (&values);
}

/**
 * taiou_winreg_hive_value:
 * @name: the value's name, matched without regard to case; "" for the default value
 *
 * Returns: (transfer full) (nullable): the value; %NULL without @error set when the key has no
 *   such value, with it set when the value cannot be read
 */
TaiouWinregValue *
taiou_winreg_hive_value (TaiouWinregHive  *hive,
                         TaiouWinregKey    key,
                         const char       *name,
                         GError          **error)
{
  hive_value_h handle;

  g_return_val_if_fail (hive != NULL, NULL);
  g_return_val_if_fail (name != NULL, NULL);

  if (!spend_values (hive, key, error))
    return NULL;
  errno = 0;
  handle = hivex_node_get_value (hive->handle, key, name);
  if (handle == 0)
    {
      if (errno != 0)
        set_hivex_error (error, errno, name);
      return NULL;
    }
  return read_value (hive, handle, error);
}

/**
 * taiou_winreg_utf16le_to_utf8:
 * @lossy: (out) (optional): set to %TRUE when unpaired surrogates were replaced by U+FFFD
 *
 * Registry strings are UTF-16LE and end at their first NUL; what follows it is slack Windows
 * left in the buffer.  A trailing odd byte is ignored.  Never fails.  The library's one
 * UTF-16LE decoder (core/taiou-utf16.c), under the registry's public name.
 */
char *
taiou_winreg_utf16le_to_utf8 (const guint8 *data,
                              gsize         length,
                              gboolean     *lossy)
{
  g_return_val_if_fail (data != NULL || length == 0, NULL);

  return _taiou_utf16le_to_utf8 (data, length, lossy);
}

/**
 * taiou_winreg_value_dup_string:
 * @lossy: (out) (optional): see taiou_winreg_utf16le_to_utf8()
 *
 * Returns: (nullable): the text of a REG_SZ or REG_EXPAND_SZ value (variables unexpanded), or
 *   %NULL for any other type
 */
char *
taiou_winreg_value_dup_string (const TaiouWinregValue *value,
                               gboolean               *lossy)
{
  gconstpointer data;
  gsize length;

  g_return_val_if_fail (value != NULL, NULL);

  if (value->type != TAIOU_WINREG_SZ && value->type != TAIOU_WINREG_EXPAND_SZ)
    return NULL;
  data = g_bytes_get_data (value->data, &length);
  return _taiou_utf16le_to_utf8 (data, length, lossy);
}

/* Returns: %FALSE unless @value is a REG_DWORD (little-endian) of at least four bytes */
gboolean
taiou_winreg_value_get_dword (const TaiouWinregValue *value,
                              guint32                *dword)
{
  const guint8 *data;
  gsize length;

  g_return_val_if_fail (value != NULL, FALSE);
  g_return_val_if_fail (dword != NULL, FALSE);

  data = g_bytes_get_data (value->data, &length);
  if (value->type != TAIOU_WINREG_DWORD || length < 4)
    return FALSE;
  *dword = _taiou_read_le32 (data);
  return TRUE;
}
