/* taiou-volume-serial.c — the serial number Windows gives a volume, read from its boot sector
 *
 * EmoCheck's first two detections derive Emotet's names from the volume serial of the Windows
 * drive (what `vol C:` prints as "1A2B-3C4D").  A mounted volume does not show it on Linux, but
 * its boot sector holds it: NTFS at 0x48 (64 bits, of which Windows uses the low 32), exFAT at
 * 0x64, FAT32 at 0x43 and FAT12/16 at 0x27.
 */
#define G_LOG_DOMAIN "taiou-volume-serial"

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "taiou-bytes-private.h"
#include "taiou-volume-serial.h"

/**
 * taiou_volume_serial_from_boot_sector:
 * @file_system: (out) (optional): "NTFS", "exFAT", "FAT32" or "FAT"
 *
 * Returns: %FALSE with @error (%G_IO_ERROR_INVALID_DATA) set when @sector is not the boot
 *   sector of a file system Windows gives a serial
 */
gboolean
taiou_volume_serial_from_boot_sector (const guint8  *sector,
                                      gsize          length,
                                      guint32       *serial,
                                      const char   **file_system,
                                      GError       **error)
{
  const char *name = NULL;
  gsize offset = 0;

  g_return_val_if_fail (sector != NULL || length == 0, FALSE);
  g_return_val_if_fail (serial != NULL, FALSE);

  if (length < TAIOU_BOOT_SECTOR_SIZE || sector[510] != 0x55 || sector[511] != 0xaa)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                           "not a volume boot sector (no 55 AA signature)");
      return FALSE;
    }

  if (memcmp (sector + 3, "NTFS    ", 8) == 0)
    name = "NTFS", offset = 0x48;
  else if (memcmp (sector + 3, "EXFAT   ", 8) == 0)
    name = "exFAT", offset = 0x64;
  /* FAT keeps its serial in the extended boot record, present when its signature 0x29 is. */
  else if (sector[0x42] == 0x29 && memcmp (sector + 0x52, "FAT32   ", 8) == 0)
    name = "FAT32", offset = 0x43;
  else if (sector[0x26] == 0x29 && memcmp (sector + 0x36, "FAT", 3) == 0)
    name = "FAT", offset = 0x27;

  if (name == NULL)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                           "not the boot sector of an NTFS, exFAT or FAT volume");
      return FALSE;
    }
  *serial = _taiou_read_le32 (sector + offset);
  if (file_system != NULL)
    *file_system = name;
  return TRUE;
}

/**
 * taiou_volume_serial_read:
 * @image_or_device: a partition ("/dev/sdb2", or a /dev/disk/by-… link to one) or an image of
 *   one; links are followed, since the caller named this file on purpose
 */
gboolean
taiou_volume_serial_read (const char  *image_or_device,
                          guint32     *serial,
                          GError     **error)
{
  guint8 sector[TAIOU_BOOT_SECTOR_SIZE];
  g_autoptr(GError) local_error = NULL;
  struct stat st;
  gsize done = 0;
  int fd;

  g_return_val_if_fail (image_or_device != NULL, FALSE);
  g_return_val_if_fail (serial != NULL, FALSE);

  /* O_NONBLOCK: a FIFO named by mistake must not hang the probe. */
  fd = open (image_or_device, O_RDONLY | O_NOCTTY | O_NONBLOCK | O_CLOEXEC);
  if (fd < 0 || fstat (fd, &st) != 0)
    {
      int saved_errno = errno;

      if (fd >= 0)
        close (fd);
      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved_errno), "%s: %s",
                   image_or_device, g_strerror (saved_errno));
      return FALSE;
    }
  if (!S_ISREG (st.st_mode) && !S_ISBLK (st.st_mode))
    {
      close (fd);
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_REGULAR_FILE,
                   "%s: neither a disk partition nor an image file", image_or_device);
      return FALSE;
    }
  while (done < sizeof sector)
    {
      ssize_t n = pread (fd, sector + done, sizeof sector - done, (off_t) done);

      if (n < 0 && errno == EINTR)
        continue;
      if (n < 0)
        {
          int saved_errno = errno;

          close (fd);
          g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved_errno), "%s: %s",
                       image_or_device, g_strerror (saved_errno));
          return FALSE;
        }
      if (n == 0)
        break;
      done += (gsize) n;
    }
  close (fd);

  if (!taiou_volume_serial_from_boot_sector (sector, done, serial, NULL, &local_error))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA, "%s: %s", image_or_device,
                   local_error->message);
      return FALSE;
    }
  return TRUE;
}

/**
 * taiou_volume_serial_parse:
 * @text: "1A2B-3C4D" as `vol` and `dir` print it, or eight hex digits, with or without "0x"
 */
gboolean
taiou_volume_serial_parse (const char  *text,
                           guint32     *serial,
                           GError     **error)
{
  const char *p;
  guint32 value = 0;
  guint n_digits = 0;
  gboolean dashed = FALSE;

  g_return_val_if_fail (text != NULL, FALSE);
  g_return_val_if_fail (serial != NULL, FALSE);

  p = text;
  if (p[0] == '0' && (p[1] == 'x' || p[1] == 'X'))
    p += 2;
  for (; *p != '\0'; p++)
    {
      if (*p == '-' && n_digits == 4 && !dashed)
        {
          dashed = TRUE;
          continue;
        }
      if (!g_ascii_isxdigit (*p) || n_digits == 8)
        break;
      value = value << 4 | (guint32) g_ascii_xdigit_value (*p);
      n_digits++;
    }
  if (*p != '\0' || n_digits != 8)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                   "“%s” is not a volume serial number (expected eight hex digits, "
                   "like 1A2B-3C4D)", text);
      return FALSE;
    }
  *serial = value;
  return TRUE;
}

/* Returns: the serial as Windows prints it, "1A2B-3C4D" */
char *
taiou_volume_serial_format (guint32 serial)
{
  return g_strdup_printf ("%04X-%04X", serial >> 16, serial & 0xffff);
}
