/* taiou-winreg.c — Windows registry hive files (NTUSER.DAT, SYSTEM, SOFTWARE) read with hivex
 *
 * A hive comes off a computer Emotet may control, so it is hostile input.  hivex validates a
 * hive as it opens it, but it reads the file through mmap and trusts some counts inside cells;
 * so a hive is never handed to it directly:
 *
 *  - the bytes are first copied into a sealed memfd, so nothing can shrink or rewrite the file
 *    under hivex's mapping (a truncated mapping would be SIGBUS, a rewritten one would defeat
 *    its validation), and zero padding follows them so that a count reaching a little past the
 *    last cell reads zeros instead of unmapped memory;
 *  - the layout (header, hbin pages, cells) is checked here first, stricter than hivex does:
 *    Windows never writes a cell that crosses its hbin, and refusing those keeps every length
 *    hivex later trusts inside the file;
 *  - a big value's block list is checked before hivex gathers it (check_big_data()).
 *
 * hivex is opened without HIVEX_OPEN_UNSAFE: its heuristics for damaged hives skip checks, and
 * a hive damaged enough to need them is a problem to report, not to read.  Every loop is capped
 * (values and subkeys per key, value size), whatever the hive claims.  And since lists may point
 * at the same cell over and over (hivex does not mind), a small hive can claim billions of
 * entries; so each hive has a budget of entries hivex may walk, and reading stops when it is
 * spent.
 */
#define G_LOG_DOMAIN "taiou-winreg"
#define _GNU_SOURCE  /* memfd_create, F_ADD_SEALS */

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <hivex.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include "taiou-winreg.h"

#define HIVE_HEADER_SIZE  0x1000
#define HBIN_HEADER_SIZE  0x20
#define MIN_HIVE_SIZE     0x2000   /* hivex's own minimum: a header and one hbin */
#define MAX_HIVE_SIZE     ((guint64) 2 * 1024 * 1024 * 1024)
/* Past the largest count a cell may hold: 65535 eight-byte subkey entries, or a
 * TAIOU_WINREG_MAX_VALUE_SIZE value gathered from big-data blocks. */
#define TAIL_PADDING      (2 * 1024 * 1024)
#define COPY_CHUNK        (1024 * 1024)
/* Entries (subkeys and values) hivex may walk in one hive: a real SOFTWARE hive needs well under
 * a million for what the probe reads; a few seconds' work at most. */
#define WORK_BUDGET       G_GUINT64_CONSTANT (5000000)

G_DEFINE_QUARK (taiou-winreg-error-quark, taiou_winreg_error)

struct _TaiouWinregHive
{
  hive_h       *handle;
  guint64       work_left;  /* see WORK_BUDGET */
  const guint8 *data;       /* our own read-only view of the sealed copy */
  gsize         length;
};

static guint32
read_le32 (const guint8 *p)
{
  return (guint32) p[0] | (guint32) p[1] << 8 | (guint32) p[2] << 16 | (guint32) p[3] << 24;
}

/* The header, the chain of hbin pages and the cells inside each page must fit each other. */
static gboolean
check_layout (const guint8  *data,
              gsize          length,
              GError       **error)
{
  guint32 sum = 0;
  gsize end_of_pages;
  gsize root;
  gsize page;

  if (length < MIN_HIVE_SIZE)
    {
      g_set_error (error, TAIOU_WINREG_ERROR, TAIOU_WINREG_ERROR_FORMAT,
                   "not a registry hive: only %" G_GSIZE_FORMAT " bytes", length);
      return FALSE;
    }
  if (memcmp (data, "regf", 4) != 0)
    {
      g_set_error_literal (error, TAIOU_WINREG_ERROR, TAIOU_WINREG_ERROR_FORMAT,
                           "not a registry hive: no “regf” signature");
      return FALSE;
    }
  for (gsize i = 0; i < 0x1fc; i += 4)
    sum ^= read_le32 (data + i);
  if (sum != read_le32 (data + 0x1fc))
    {
      g_set_error_literal (error, TAIOU_WINREG_ERROR, TAIOU_WINREG_ERROR_FORMAT,
                           "damaged registry hive: bad header checksum");
      return FALSE;
    }

  end_of_pages = HIVE_HEADER_SIZE + (gsize) read_le32 (data + 0x28);
  root = HIVE_HEADER_SIZE + (gsize) read_le32 (data + 0x24);
  if (end_of_pages <= HIVE_HEADER_SIZE || end_of_pages > length || end_of_pages % 0x1000 != 0)
    {
      g_set_error_literal (error, TAIOU_WINREG_ERROR, TAIOU_WINREG_ERROR_FORMAT,
                           "damaged registry hive: the header's data size does not fit the file");
      return FALSE;
    }
  if (root >= end_of_pages)
    {
      g_set_error_literal (error, TAIOU_WINREG_ERROR, TAIOU_WINREG_ERROR_FORMAT,
                           "damaged registry hive: the root key lies outside the data");
      return FALSE;
    }

  for (page = HIVE_HEADER_SIZE; page < end_of_pages;)
    {
      const guint8 *hbin = data + page;
      gsize page_size = read_le32 (hbin + 8);
      gsize cell;

      if (memcmp (hbin, "hbin", 4) != 0 || read_le32 (hbin + 4) != page - HIVE_HEADER_SIZE ||
          page_size <= HBIN_HEADER_SIZE || page_size % 0x1000 != 0 ||
          page_size > end_of_pages - page)
        {
          g_set_error (error, TAIOU_WINREG_ERROR, TAIOU_WINREG_ERROR_FORMAT,
                       "damaged registry hive: bad hbin page at offset 0x%" G_GSIZE_MODIFIER "x",
                       page);
          return FALSE;
        }
      for (cell = page + HBIN_HEADER_SIZE; cell < page + page_size;)
        {
          gint64 size = (gint32) read_le32 (data + cell);

          if (size < 0)
            size = -size;
          if (size <= 4 || size % 4 != 0 || (guint64) size > page + page_size - cell)
            {
              g_set_error (error, TAIOU_WINREG_ERROR, TAIOU_WINREG_ERROR_FORMAT,
                           "damaged registry hive: bad cell at offset 0x%" G_GSIZE_MODIFIER "x",
                           cell);
              return FALSE;
            }
          cell += (gsize) size;
        }
      page += page_size;
    }
  return TRUE;
}

/* Seals @fd (a memfd holding a checked hive), then lets hivex open it. */
static TaiouWinregHive *
open_sealed (int      fd,
             gsize    length,
             GError **error)
{
  g_autofree char *proc_path = NULL;
  TaiouWinregHive *hive;
  hive_h *handle;
  int saved_errno;

  if (ftruncate (fd, (off_t) (length + TAIL_PADDING)) != 0 ||
      fcntl (fd, F_ADD_SEALS, F_SEAL_SHRINK | F_SEAL_GROW | F_SEAL_WRITE | F_SEAL_SEAL) != 0)
    {
      saved_errno = errno;
      g_set_error (error, TAIOU_WINREG_ERROR, TAIOU_WINREG_ERROR_READ,
                   "cannot prepare the hive for reading: %s", g_strerror (saved_errno));
      return NULL;
    }

  /* hivex takes only a file name; this one names the sealed copy. */
  proc_path = g_strdup_printf ("/proc/self/fd/%d", fd);
  errno = 0;
  handle = hivex_open (proc_path, 0);
  saved_errno = errno;
  if (handle == NULL)
    {
      g_set_error (error, TAIOU_WINREG_ERROR, TAIOU_WINREG_ERROR_FORMAT,
                   "damaged registry hive: %s",
                   saved_errno != 0 ? g_strerror (saved_errno) : "rejected by hivex");
      return NULL;
    }
  hive = g_new0 (TaiouWinregHive, 1);
  hive->handle = handle;
  hive->work_left = WORK_BUDGET;
  hive->data = mmap (NULL, length, PROT_READ, MAP_SHARED, fd, 0);
  if (hive->data == MAP_FAILED)
    {
      saved_errno = errno;
      hivex_close (handle);
      g_free (hive);
      g_set_error (error, TAIOU_WINREG_ERROR, TAIOU_WINREG_ERROR_READ,
                   "cannot map the hive for reading: %s", g_strerror (saved_errno));
      return NULL;
    }
  hive->length = length;
  return hive;
}

static int
new_memfd (GError **error)
{
  int fd = memfd_create ("taiou-hive", MFD_CLOEXEC | MFD_ALLOW_SEALING);

  if (fd < 0)
    {
      int saved_errno = errno;

      g_set_error (error, TAIOU_WINREG_ERROR, TAIOU_WINREG_ERROR_READ,
                   "cannot make a private copy of the hive: %s", g_strerror (saved_errno));
    }
  return fd;
}

static gboolean
write_all (int            fd,
           const guint8  *data,
           gsize          length,
           GError       **error)
{
  while (length > 0)
    {
      ssize_t n = write (fd, data, length);

      if (n < 0 && errno == EINTR)
        continue;
      if (n <= 0)
        {
          int saved_errno = n < 0 ? errno : EIO;

          g_set_error (error, TAIOU_WINREG_ERROR, TAIOU_WINREG_ERROR_READ,
                       "cannot make a private copy of the hive: %s", g_strerror (saved_errno));
          return FALSE;
        }
      data += n;
      length -= (gsize) n;
    }
  return TRUE;
}

/**
 * taiou_winreg_hive_new_from_bytes:
 *
 * Opens a hive held in memory (a fuzzer's input, or a hive extracted from elsewhere).
 *
 * Returns: (transfer full) (nullable): the hive, or %NULL with @error set when @data is not a
 *   hive hivex can read
 */
TaiouWinregHive *
taiou_winreg_hive_new_from_bytes (const guint8  *data,
                                  gsize          length,
                                  GError       **error)
{
  TaiouWinregHive *hive;
  int fd;

  g_return_val_if_fail (data != NULL || length == 0, NULL);

  if (length > MAX_HIVE_SIZE)
    {
      g_set_error (error, TAIOU_WINREG_ERROR, TAIOU_WINREG_ERROR_TOO_LARGE,
                   "registry hive too large (%" G_GSIZE_FORMAT " bytes)", length);
      return NULL;
    }
  if (!check_layout (data, length, error))
    return NULL;
  fd = new_memfd (error);
  if (fd < 0)
    return NULL;
  hive = write_all (fd, data, length, error) ? open_sealed (fd, length, error) : NULL;
  close (fd);
  return hive;
}

/* Copies at most @max_size bytes of the open regular file @in into a new memfd. */
static int
copy_to_memfd (int       in,
               guint64   max_size,
               gsize    *length,
               GError  **error)
{
  g_autofree guint8 *buffer = g_malloc (COPY_CHUNK);
  guint64 total = 0;
  int fd = new_memfd (error);

  if (fd < 0)
    return -1;
  for (;;)
    {
      ssize_t n = read (in, buffer, COPY_CHUNK);

      if (n < 0 && errno == EINTR)
        continue;
      if (n < 0)
        {
          int saved_errno = errno;

          g_set_error (error, TAIOU_WINREG_ERROR, TAIOU_WINREG_ERROR_READ, "%s",
                       g_strerror (saved_errno));
          close (fd);
          return -1;
        }
      if (n == 0)
        break;
      /* The file may grow while it is copied; the cap holds for what is read. */
      total += (guint64) n;
      if (total > max_size)
        {
          g_set_error (error, TAIOU_WINREG_ERROR, TAIOU_WINREG_ERROR_TOO_LARGE,
                       "larger than the %" G_GUINT64_FORMAT "-byte limit for this hive",
                       max_size);
          close (fd);
          return -1;
        }
      if (!write_all (fd, buffer, (gsize) n, error))
        {
          close (fd);
          return -1;
        }
    }
  *length = (gsize) total;
  return fd;
}

/**
 * taiou_winreg_hive_new_from_file:
 * @dirfd: a folder @path is relative to, or AT_FDCWD
 * @max_size: larger files are refused (%TAIOU_WINREG_ERROR_TOO_LARGE) without being read
 *
 * Opens a hive file without following a symbolic link; it must be a regular file.  Messages
 * in @error do not name the file: the caller knows which it is.
 */
TaiouWinregHive *
taiou_winreg_hive_new_from_file (int          dirfd,
                                 const char  *path,
                                 guint64      max_size,
                                 GError     **error)
{
  TaiouWinregHive *hive = NULL;
  struct stat st;
  void *map;
  gsize length = 0;
  int in;
  int fd;

  g_return_val_if_fail (path != NULL, NULL);

  max_size = MIN (max_size, MAX_HIVE_SIZE);
  in = openat (dirfd, path, O_RDONLY | O_NOFOLLOW | O_NOCTTY | O_NONBLOCK | O_CLOEXEC);
  if (in < 0 || fstat (in, &st) != 0)
    {
      int saved_errno = errno;

      if (in >= 0)
        close (in);
      g_set_error (error, TAIOU_WINREG_ERROR, TAIOU_WINREG_ERROR_READ, "%s",
                   g_strerror (saved_errno));
      return NULL;
    }
  if (!S_ISREG (st.st_mode))
    {
      close (in);
      g_set_error_literal (error, TAIOU_WINREG_ERROR, TAIOU_WINREG_ERROR_READ,
                           "not a regular file");
      return NULL;
    }
  if ((guint64) st.st_size > max_size)
    {
      close (in);
      g_set_error (error, TAIOU_WINREG_ERROR, TAIOU_WINREG_ERROR_TOO_LARGE,
                   "%" G_GUINT64_FORMAT " bytes, larger than the %" G_GUINT64_FORMAT
                   "-byte limit for this hive", (guint64) st.st_size, max_size);
      return NULL;
    }

  fd = copy_to_memfd (in, max_size, &length, error);
  close (in);
  if (fd < 0)
    return NULL;

  if (length < MIN_HIVE_SIZE)
    {
      static const guint8 nothing[1];

      close (fd);
      check_layout (nothing, length, error);
      return NULL;
    }

  /* Checked in the private copy, which no one else can change any more. */
  map = mmap (NULL, length, PROT_READ, MAP_PRIVATE, fd, 0);
  if (map == MAP_FAILED)
    {
      int saved_errno = errno;

      g_set_error (error, TAIOU_WINREG_ERROR, TAIOU_WINREG_ERROR_READ, "%s",
                   g_strerror (saved_errno));
    }
  else
    {
      if (check_layout (map, length, error))
        hive = open_sealed (fd, length, error);
      munmap (map, length);
    }
  close (fd);
  return hive;
}

void
taiou_winreg_hive_free (TaiouWinregHive *hive)
{
  if (hive == NULL)
    return;
  hivex_close (hive->handle);
  munmap ((void *) hive->data, hive->length);
  g_free (hive);
}

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
  gint64 size = (gint32) read_le32 (hive->data + offset);

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
  data_length = read_le32 (hive->data + handle + 8);
  db = HIVE_HEADER_SIZE + (gsize) read_le32 (hive->data + handle + 0x0c);
  if ((data_length & 0x80000000) != 0 || db + 8 > hive->length ||
      data_length + 4 <= cell_size (hive, db) || memcmp (hive->data + db + 4, "db", 2) != 0)
    return TRUE;

  if (db + 12 > hive->length || cell_size (hive, db) < 12)
    goto bad;
  n_blocks = hive->data[db + 6] | (gsize) hive->data[db + 7] << 8;
  list = HIVE_HEADER_SIZE + (gsize) read_le32 (hive->data + db + 8);
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
 * left in the buffer.  A trailing odd byte is ignored.  Never fails.
 */
char *
taiou_winreg_utf16le_to_utf8 (const guint8 *data,
                              gsize         length,
                              gboolean     *lossy)
{
  gsize n_units = length / 2;
  GString *text = g_string_sized_new (n_units + 1);
  gboolean replaced = FALSE;

  g_return_val_if_fail (data != NULL || length == 0, NULL);

  for (gsize i = 0; i < n_units; i++)
    {
      gunichar unit = (gunichar) data[2 * i] | (gunichar) data[2 * i + 1] << 8;

      if (unit == 0)
        break;
      if (unit >= 0xd800 && unit <= 0xdbff && i + 1 < n_units)
        {
          gunichar low = (gunichar) data[2 * i + 2] | (gunichar) data[2 * i + 3] << 8;

          if (low >= 0xdc00 && low <= 0xdfff)
            {
              g_string_append_unichar (text, 0x10000 + ((unit - 0xd800) << 10) + (low - 0xdc00));
              i++;
              continue;
            }
        }
      if (unit >= 0xd800 && unit <= 0xdfff)
        {
          g_string_append_unichar (text, 0xfffd);
          replaced = TRUE;
          continue;
        }
      g_string_append_unichar (text, unit);
    }
  if (lossy != NULL)
    *lossy = replaced;
  return g_string_free (text, FALSE);
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
  return taiou_winreg_utf16le_to_utf8 (data, length, lossy);
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
  *dword = read_le32 (data);
  return TRUE;
}
