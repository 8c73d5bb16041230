/* taiou-winreg-file.c — a hive's bytes, made safe to hand to hivex
 *
 * A hive comes off a computer Emotet may control, so it is hostile input.  hivex validates a
 * hive as it opens it, but it reads the file through mmap and trusts some counts inside cells;
 * so a hive is never handed to it directly:
 *
 *  - the bytes are first copied into a sealed memfd, so nothing can shrink or rewrite the file
 *    under hivex's mapping (a truncated mapping would be SIGBUS, a rewritten one would defeat
 *    its validation), and zero padding follows them so that a count reaching a little past the
 *    last cell reads zeros instead of whatever memory follows;
 *  - the layout (header, hbin pages, cells) is checked here first, stricter than hivex does:
 *    Windows never writes a cell that crosses its hbin, and refusing those keeps every length
 *    hivex later trusts inside the file.
 *
 * hivex is opened without HIVEX_OPEN_UNSAFE: its heuristics for damaged hives skip checks, and
 * a hive damaged enough to need them is a problem to report, not to read.  Nor with
 * HIVEX_OPEN_WRITE, which would have it copy the hive into its own heap.
 */
#define G_LOG_DOMAIN "taiou-winreg"
#define _GNU_SOURCE  /* memfd_create, F_ADD_SEALS */

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include "taiou-bytes-private.h"
#include "taiou-winreg-private.h"

#define HIVE_HEADER_SIZE  _TAIOU_WINREG_HEADER_SIZE
#define HBIN_HEADER_SIZE  0x20
#define MIN_HIVE_SIZE     0x2000   /* hivex's own minimum: a header and one hbin */
#define MAX_HIVE_SIZE     ((guint64) 2 * 1024 * 1024 * 1024)
/* Past the largest count a cell may hold: 65535 eight-byte subkey entries, or a
 * TAIOU_WINREG_MAX_VALUE_SIZE value gathered from big-data blocks. */
#define TAIL_PADDING      (2 * 1024 * 1024)
#define COPY_CHUNK        (1024 * 1024)

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
    sum ^= _taiou_read_le32 (data + i);
  if (sum != _taiou_read_le32 (data + 0x1fc))
    {
      g_set_error_literal (error, TAIOU_WINREG_ERROR, TAIOU_WINREG_ERROR_FORMAT,
                           "damaged registry hive: bad header checksum");
      return FALSE;
    }

  end_of_pages = HIVE_HEADER_SIZE + (gsize) _taiou_read_le32 (data + 0x28);
  root = HIVE_HEADER_SIZE + (gsize) _taiou_read_le32 (data + 0x24);
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
      gsize page_size = _taiou_read_le32 (hbin + 8);
      gsize cell;

      if (memcmp (hbin, "hbin", 4) != 0 ||
          _taiou_read_le32 (hbin + 4) != page - HIVE_HEADER_SIZE ||
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
          gint64 size = (gint32) _taiou_read_le32 (data + cell);

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
  hive->work_left = _TAIOU_WINREG_WORK_BUDGET;
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

