/* taiou-windows-volume.c — is this folder a Windows system volume, and what is its serial?
 *
 * The worker brings the infected PC's disk to a Linux machine; the desktop mounts it
 * somewhere under /media.  A system volume is recognised by the folder that holds the
 * registry hives, Windows\System32\config, in whatever case the copy or the driver gives it.
 * EmoCheck's first two rules need the volume serial (`vol C:`), which Linux does not show but
 * the partition's boot sector holds: the partition is found in /proc/self/mountinfo only when
 * the folder is exactly where it is mounted — a folder inside this computer's own disk would
 * otherwise yield this computer's serial, and a wrong serial is worse than none.
 */
#define G_LOG_DOMAIN "taiou-windows-volume"

#include "config.h"

#include <fcntl.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "taiou-probe-winvol-private.h"
#include "taiou-volume-serial.h"
#include "taiou-windows-volume.h"

/* /proc/self/mountinfo of a desktop with snaps and containers runs to a few hundred KiB. */
#define MAX_MOUNTINFO_SIZE (4 * 1024 * 1024)

G_DEFINE_QUARK (taiou-windows-volume-error-quark, taiou_windows_volume_error)

void
taiou_windows_volume_info_free (TaiouWindowsVolumeInfo *info)
{
  if (info == NULL)
    return;
  g_free (info->root);
  g_free (info->device);
  g_free (info->serial_problem);
  g_free (info);
}

/* Opens @name under @parent_fd as a folder, matching its name without regard to case. */
static int
open_folder_at (int         parent_fd,
                const char *name)
{
  g_autofree char *on_disk = _taiou_winvol_find_entry (parent_fd, name);

  if (on_disk == NULL)
    return -1;
  return openat (parent_fd, on_disk, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
}

/**
 * taiou_windows_volume_looks_like:
 * @root: a folder
 *
 * Returns: whether @root holds Windows\System32\config (in any case), as a system volume does
 */
gboolean
taiou_windows_volume_looks_like (const char *root)
{
  static const char * const path[] = { "Windows", "System32", "config" };
  int fd;

  g_return_val_if_fail (root != NULL, FALSE);

  fd = open (root, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  for (gsize i = 0; fd >= 0 && i < G_N_ELEMENTS (path); i++)
    {
      int child = open_folder_at (fd, path[i]);

      close (fd);
      fd = child;
    }
  if (fd < 0)
    return FALSE;
  close (fd);
  return TRUE;
}

/* mountinfo escapes space, tab, newline and backslash as \ooo. */
static char *
unescape_octal (const char *field)
{
  GString *out = g_string_new (NULL);

  for (const char *p = field; *p != '\0'; p++)
    {
      if (p[0] == '\\' && p[1] >= '0' && p[1] <= '3' && p[2] >= '0' && p[2] <= '7' &&
          p[3] >= '0' && p[3] <= '7')
        {
          g_string_append_c (out, (char) ((p[1] - '0') * 64 + (p[2] - '0') * 8 + (p[3] - '0')));
          p += 3;
        }
      else
        g_string_append_c (out, *p);
    }
  return g_string_free (out, FALSE);
}

/**
 * taiou_windows_volume_device_from_mountinfo:
 * @mountinfo: the text of /proc/self/mountinfo
 * @mount_path: an absolute, canonical path
 *
 * Returns: (transfer full) (nullable): the block device mounted at @mount_path — the whole
 *   file system, not a bind mount of a folder inside it — when the last mount there is one
 */
char *
taiou_windows_volume_device_from_mountinfo (const char *mountinfo,
                                            const char *mount_path)
{
  g_auto(GStrv) lines = NULL;
  char *device = NULL;

  g_return_val_if_fail (mountinfo != NULL, NULL);
  g_return_val_if_fail (mount_path != NULL, NULL);

  lines = g_strsplit (mountinfo, "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    {
      g_auto(GStrv) fields = g_strsplit (lines[i], " ", -1);
      g_autofree char *mount_point = NULL;
      g_autofree char *source = NULL;
      guint n = g_strv_length (fields);
      guint separator = 6;

      /* id parent major:minor root mount-point options [optional…] - fstype source super */
      while (separator < n && strcmp (fields[separator], "-") != 0)
        separator++;
      if (n < 5 || separator + 2 >= n)
        continue;
      mount_point = unescape_octal (fields[4]);
      if (strcmp (mount_point, mount_path) != 0)
        continue;
      /* A later mount on the same point hides the earlier ones. */
      g_clear_pointer (&device, g_free);
      source = unescape_octal (fields[separator + 2]);
      if (strcmp (fields[3], "/") == 0 && g_str_has_prefix (source, "/dev/"))
        device = g_steal_pointer (&source);
    }
  return device;
}

static char *
device_mounted_at (const char *canonical_root)
{
  g_autofree char *mountinfo = NULL;
  gsize length = 0;

  if (!g_file_get_contents ("/proc/self/mountinfo", &mountinfo, &length, NULL) ||
      length > MAX_MOUNTINFO_SIZE)
    return NULL;
  return taiou_windows_volume_device_from_mountinfo (mountinfo, canonical_root);
}

/**
 * taiou_windows_volume_inspect:
 * @root: the folder the user offered as the Windows PC's disk
 *
 * Checks that @root is a Windows system volume, finds the partition mounted there and reads
 * the volume serial from it when it can be opened (reading a disk usually needs the "disk"
 * group).  Blocks on the disk: call it in a worker thread.
 *
 * Returns: (transfer full): what was found, or NULL with @error set when @root is not a folder
 *   or not a Windows system volume
 */
TaiouWindowsVolumeInfo *
taiou_windows_volume_inspect (const char  *root,
                              GError     **error)
{
  g_autoptr(TaiouWindowsVolumeInfo) info = NULL;
  g_autoptr(GError) serial_error = NULL;
  g_autofree char *canonical = NULL;
  struct stat st;

  g_return_val_if_fail (root != NULL, NULL);

  if (stat (root, &st) != 0 || !S_ISDIR (st.st_mode))
    {
      g_set_error (error, TAIOU_WINDOWS_VOLUME_ERROR, TAIOU_WINDOWS_VOLUME_ERROR_NOT_A_FOLDER,
                   "%s is not a folder", root);
      return NULL;
    }
  if (!taiou_windows_volume_looks_like (root))
    {
      g_set_error (error, TAIOU_WINDOWS_VOLUME_ERROR, TAIOU_WINDOWS_VOLUME_ERROR_NOT_WINDOWS,
                   "%s holds no Windows\\System32\\config folder, so it is not the disk "
                   "Windows starts from", root);
      return NULL;
    }

  info = g_new0 (TaiouWindowsVolumeInfo, 1);
  info->root = g_strdup (root);
  canonical = realpath (root, NULL);
  info->device = canonical != NULL ? device_mounted_at (canonical) : NULL;
  if (info->device == NULL)
    info->serial_problem = g_strdup ("the folder is not where a disk partition is mounted");
  else if (taiou_volume_serial_read (info->device, &info->serial, &serial_error))
    info->has_serial = TRUE;
  else
    info->serial_problem = g_strdup (serial_error->message);
  return g_steal_pointer (&info);
}
