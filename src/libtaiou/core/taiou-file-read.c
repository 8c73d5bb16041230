/* taiou-file-read.c — read a whole file that an attacker may have made
 *
 * Every file Taiou reads may be hostile: a symbolic link to somewhere else, a FIFO that never
 * ends, a device, or simply huge.  This reads at most a given number of bytes, never through a
 * link at the end of the path, and never blocks on a FIFO.
 */
#define G_LOG_DOMAIN "taiou-file-read"

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <unistd.h>

#include "taiou-file-read.h"

/* Reads at most @max_size bytes of a regular file (symbolic links are not followed); a NUL is
 * appended.  /proc files report a size of 0, so this reads until the end instead of trusting
 * st_size. */
char *
taiou_file_read_bounded (const char  *path,
                         gsize        max_size,
                         gsize       *length,
                         GError     **error)
{
  g_autoptr(GByteArray) buffer = g_byte_array_new ();
  int fd = open (path, O_RDONLY | O_NOFOLLOW | O_CLOEXEC | O_NONBLOCK);
  guint8 chunk[8192];

  if (fd < 0)
    {
      int saved_errno = errno;

      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved_errno), "%s: %s", path,
                   g_strerror (saved_errno));
      return NULL;
    }
  for (;;)
    {
      ssize_t n = read (fd, chunk, sizeof chunk);

      if (n < 0 && errno == EINTR)
        continue;
      if (n < 0)
        {
          int saved_errno = errno;

          close (fd);
          g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved_errno), "%s: %s", path,
                       g_strerror (saved_errno));
          return NULL;
        }
      if (n == 0)
        break;
      if (buffer->len + (gsize) n > max_size)
        {
          close (fd);
          g_set_error (error, G_IO_ERROR, G_IO_ERROR_MESSAGE_TOO_LARGE,
                       "%s: larger than %" G_GSIZE_FORMAT " bytes", path, max_size);
          return NULL;
        }
      g_byte_array_append (buffer, chunk, (guint) n);
    }
  close (fd);
  if (length != NULL)
    *length = buffer->len;
  g_byte_array_append (buffer, (const guint8 *) "", 1);
  return (char *) g_byte_array_free (g_steal_pointer (&buffer), FALSE);
}

/**
 * taiou_file_read_bytes_bounded:
 *
 * taiou_file_read_bounded() as #GBytes.
 */
GBytes *
taiou_file_read_bytes_bounded (const char  *path,
                               gsize        max_size,
                               GError     **error)
{
  gsize length = 0;
  char *data = taiou_file_read_bounded (path, max_size, &length, error);

  if (data == NULL)
    return NULL;
  return g_bytes_new_take (data, length);
}
