/* taiou-probe-winvol.c — what a Windows system volume, mounted or copied on Linux, would start
 *
 * For a PC that should not be booted again, its disk is read from a Linux machine: the files
 * EmoCheck looked at (one folder deep under each user's AppData\Local and under System32 and
 * SysWOW64, and System32's own programs), the folder names that are allowed there, and the
 * hives that say what starts (taiou-probe-winvol-registry.c).
 *
 * The volume is untrusted: every name is opened relative to its parent folder without
 * following symbolic links (ntfs-3g shows junctions such as "All Users" as links), only regular
 * files are read, folders are listed up to a cap, and whatever cannot be read becomes a problem
 * in the snapshot.  Folder names are matched without regard to case, as Windows does, because
 * a copy of the folders may not keep Windows's spelling.
 */
#define G_LOG_DOMAIN "taiou-probe-winvol"

#include "config.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "taiou-probe-winvol.h"
#include "taiou-probe-winvol-private.h"
#include "taiou-volume-serial.h"
#include "taiou-winreg.h"

#define MAX_ENTRIES_PER_FOLDER 100000
/* The system volume is C: on every Windows machine EmoCheck ran on. */
#define SYSTEM_DRIVE           "C:"

typedef struct
{
  TaiouHostSnapshot *snapshot;
  GCancellable      *cancellable;
} Probe;

/* A folder entry as lstat saw it. */
typedef struct
{
  char        *name;     /* as on disk */
  char        *display;  /* @name, made valid UTF-8 */
  struct stat  st;
} Entry;

static void
entry_free (gpointer data)
{
  Entry *entry = data;

  g_free (entry->name);
  g_free (entry->display);
  g_free (entry);
}

static int
compare_entries (gconstpointer a,
                 gconstpointer b)
{
  const Entry *x = *(const Entry * const *) a;
  const Entry *y = *(const Entry * const *) b;

  return strcmp (x->name, y->name);
}

static gint64
mtime_us (const struct stat *st)
{
  return (gint64) st->st_mtim.tv_sec * G_USEC_PER_SEC + st->st_mtim.tv_nsec / 1000;
}

static void
add_errno_problem (Probe      *probe,
                   const char *path,
                   int         saved_errno)
{
  taiou_host_snapshot_add_problem (probe->snapshot, "%s: %s", path, g_strerror (saved_errno));
}

/* The entries of the folder @fd (path @path), sorted by name; NULL when it cannot be listed. */
static GPtrArray *
list_folder (Probe      *probe,
             int         fd,
             const char *path)
{
  g_autoptr(GPtrArray) entries = g_ptr_array_new_with_free_func (entry_free);
  struct dirent *dirent;
  DIR *dir;
  int copy = dup (fd);

  /* fdopendir takes over the copy; @fd stays usable for openat. */
  dir = copy >= 0 ? fdopendir (copy) : NULL;
  if (dir == NULL)
    {
      add_errno_problem (probe, path, errno);
      if (copy >= 0)
        close (copy);
      return NULL;
    }
  rewinddir (dir);
  for (;;)
    {
      Entry *entry;

      errno = 0;
      dirent = readdir (dir);
      if (dirent == NULL)
        {
          if (errno != 0)
            add_errno_problem (probe, path, errno);
          break;
        }

      if (strcmp (dirent->d_name, ".") == 0 || strcmp (dirent->d_name, "..") == 0)
        continue;
      if (entries->len == MAX_ENTRIES_PER_FOLDER)
        {
          taiou_host_snapshot_add_problem (probe->snapshot,
                                           "%s: more than %d entries; the rest were not read",
                                           path, MAX_ENTRIES_PER_FOLDER);
          break;
        }
      entry = g_new0 (Entry, 1);
      entry->name = g_strdup (dirent->d_name);
      entry->display = g_utf8_make_valid (entry->name, -1);
      if (fstatat (fd, entry->name, &entry->st, AT_SYMLINK_NOFOLLOW) != 0)
        {
          g_autofree char *entry_path = g_build_filename (path, entry->display, NULL);

          add_errno_problem (probe, entry_path, errno);
          entry_free (entry);
          continue;
        }
      g_ptr_array_add (entries, entry);
    }
  closedir (dir);
  g_ptr_array_sort (entries, compare_entries);
  return g_steal_pointer (&entries);
}

/* The on-disk spelling of @name in folder @fd: itself if it exists, else the first entry equal
 * to it without regard to ASCII case; NULL when there is none. */
char *
_taiou_winvol_find_entry (int         fd,
                          const char *name)
{
  struct stat st;
  struct dirent *dirent;
  char *found = NULL;
  DIR *dir;
  int copy;

  if (fstatat (fd, name, &st, AT_SYMLINK_NOFOLLOW) == 0)
    return g_strdup (name);
  copy = dup (fd);
  dir = copy >= 0 ? fdopendir (copy) : NULL;
  if (dir == NULL)
    {
      if (copy >= 0)
        close (copy);
      return NULL;
    }
  rewinddir (dir);
  for (guint n = 0; found == NULL && n < MAX_ENTRIES_PER_FOLDER && (dirent = readdir (dir)); n++)
    if (g_ascii_strcasecmp (dirent->d_name, name) == 0)
      found = g_strdup (dirent->d_name);
  closedir (dir);
  return found;
}

/* Opens the folder @name of @parent_fd, matching its name without regard to case.  A missing
 * folder is a problem only when @required; anything else that stops it always is. */
static int
open_folder (Probe       *probe,
             int          parent_fd,
             const char  *parent_path,
             const char  *name,
             gboolean     required,
             char       **path)
{
  g_autofree char *on_disk = _taiou_winvol_find_entry (parent_fd, name);
  g_autofree char *folder_path = g_build_filename (parent_path, on_disk ? on_disk : name, NULL);
  int fd;

  if (on_disk == NULL)
    {
      if (required)
        add_errno_problem (probe, folder_path, ENOENT);
      return -1;
    }
  fd = openat (parent_fd, on_disk, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
  if (fd < 0)
    {
      /* O_NOFOLLOW on a link gives ELOOP, or ENOTDIR with O_DIRECTORY. */
      if (errno == ELOOP || errno == ENOTDIR)
        taiou_host_snapshot_add_problem (probe->snapshot, "%s: not a folder (links are not "
                                         "followed)", folder_path);
      else
        add_errno_problem (probe, folder_path, errno);
      return -1;
    }
  if (path != NULL)
    *path = g_steal_pointer (&folder_path);
  return fd;
}

static gboolean
is_cancelled (Probe *probe)
{
  return g_cancellable_is_cancelled (probe->cancellable);
}

/* Records a regular file; with @read_head, its first bytes too (opened without following a
 * link, and checked again to be a regular file, since the folder may change meanwhile). */
static void
add_file (Probe         *probe,
          int            folder_fd,
          const char    *folder_path,
          const Entry   *entry,
          const char    *display_folder,
          TaiouFileArea  area,
          const char    *user,
          gint64         folder_mtime_us,
          gboolean       read_head)
{
  g_autofree char *path = g_build_filename (folder_path, entry->display, NULL);
  g_autofree char *display_path = g_strconcat (display_folder, "\\", entry->display, NULL);
  gboolean valid_name = strcmp (entry->name, entry->display) == 0;
  struct stat st = entry->st;
  guint8 head[TAIOU_FILE_HEAD_SIZE];
  gsize head_length = 0;
  TaiouFileInfo *file;

  if (read_head)
    {
      int fd = openat (folder_fd, entry->name,
                       O_RDONLY | O_NOFOLLOW | O_NOCTTY | O_NONBLOCK | O_CLOEXEC);

      if (fd >= 0 && fstat (fd, &st) != 0)
        {
          int saved_errno = errno;

          close (fd);
          fd = -1;
          errno = saved_errno;
        }
      if (fd < 0)
        {
          /* Still listed, with what lstat saw: its name alone may be what the rules need. */
          add_errno_problem (probe, path, errno);
          st = entry->st;
        }
      else if (!S_ISREG (st.st_mode))
        {
          close (fd);
          return;
        }
      while (fd >= 0 && head_length < sizeof head)
        {
          ssize_t n = read (fd, head + head_length, sizeof head - head_length);

          if (n < 0 && errno == EINTR)
            continue;
          if (n < 0)
            add_errno_problem (probe, path, errno);
          if (n <= 0)
            break;
          head_length += (gsize) n;
        }
      if (fd >= 0)
        close (fd);
    }

  if (!valid_name)
    taiou_host_snapshot_add_problem (probe->snapshot, "%s: the name is not valid UTF-8",
                                     path);
  /* A name that is not UTF-8 cannot be given as a path, which the snapshot holds in UTF-8. */
  file = taiou_host_snapshot_add_file (probe->snapshot, area, valid_name ? path : NULL,
                                       display_path);
  file->user = g_strdup (user);
  file->size = (guint64) st.st_size;
  file->mtime_us = mtime_us (&st);
  file->folder_mtime_us = folder_mtime_us;
  memcpy (file->head, head, head_length);
  file->head_length = head_length;
}

/* The files one folder deep under @fd (whose entries are @entries): EmoCheck's scan_v4 and
 * scan_v5 looked exactly there. */
static void
walk_one_deep (Probe         *probe,
               int            fd,
               const char    *path,
               GPtrArray     *entries,
               const char    *display_prefix,
               TaiouFileArea  area,
               const char    *user)
{
  for (guint i = 0; i < entries->len && !is_cancelled (probe); i++)
    {
      const Entry *folder = entries->pdata[i];
      g_autoptr(GPtrArray) files = NULL;
      g_autofree char *folder_path = g_build_filename (path, folder->display, NULL);
      g_autofree char *display_folder = NULL;
      struct stat st;
      int folder_fd;

      if (!S_ISDIR (folder->st.st_mode))
        continue;
      folder_fd = openat (fd, folder->name, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
      if (folder_fd < 0 || fstat (folder_fd, &st) != 0)
        {
          add_errno_problem (probe, folder_path, errno);
          if (folder_fd >= 0)
            close (folder_fd);
          continue;
        }
      display_folder = g_strconcat (display_prefix, "\\", folder->display, NULL);
      files = list_folder (probe, folder_fd, folder_path);
      for (guint j = 0; files != NULL && j < files->len; j++)
        {
          const Entry *file = files->pdata[j];

          if (S_ISREG (file->st.st_mode))
            add_file (probe, folder_fd, folder_path, file, display_folder, area, user,
                      mtime_us (&st), TRUE);
        }
      close (folder_fd);
    }
}

/* The names of the folders in @name of @parent_fd: EmoCheck scan_v4 allowed these. */
static void
add_known_folders (Probe      *probe,
                   int         parent_fd,
                   const char *parent_path,
                   const char *name)
{
  g_autoptr(GPtrArray) entries = NULL;
  g_autofree char *path = NULL;
  int fd = open_folder (probe, parent_fd, parent_path, name, FALSE, &path);

  if (fd < 0)
    return;
  entries = list_folder (probe, fd, path);
  for (guint i = 0; entries != NULL && i < entries->len; i++)
    {
      const Entry *entry = entries->pdata[i];

      if (S_ISDIR (entry->st.st_mode))
        taiou_host_snapshot_add_known_folder (probe->snapshot, entry->display);
    }
  close (fd);
}

/* The machine's hives were never reached: they are listed as unread all the same, so the user
 * sees which ones are missing. */
static void
note_unreachable_hives (Probe      *probe,
                        const char *root)
{
  static const char * const names[] = { "SYSTEM", "SOFTWARE" };

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    g_ptr_array_add (probe->snapshot->hives_unread,
                     g_strdup_printf ("%s/Windows/System32/config/%s: %s", root, names[i],
                                      "its folder could not be read"));
}

/* Opens the hive @name in @fd; a missing one is a problem only when @required. */
static TaiouWinregHive *
open_hive (Probe       *probe,
           int          fd,
           const char  *folder_path,
           const char  *name,
           guint64      max_size,
           gboolean     required,
           char       **hive_path)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *on_disk = _taiou_winvol_find_entry (fd, name);
  TaiouWinregHive *hive;

  *hive_path = g_build_filename (folder_path, on_disk != NULL ? on_disk : name, NULL);
  if (on_disk == NULL)
    {
      if (required)
        {
          add_errno_problem (probe, *hive_path, ENOENT);
          g_ptr_array_add (probe->snapshot->hives_unread,
                           g_strdup_printf ("%s: %s", *hive_path, g_strerror (ENOENT)));
        }
      return NULL;
    }
  hive = taiou_winreg_hive_new_from_file (fd, on_disk, max_size, &error);
  if (hive == NULL)
    {
      taiou_host_snapshot_add_problem (probe->snapshot, "%s: %s", *hive_path, error->message);
      g_ptr_array_add (probe->snapshot->hives_unread,
                       g_strdup_printf ("%s: %s", *hive_path, error->message));
    }
  else
    g_ptr_array_add (probe->snapshot->hives_read, g_strdup (*hive_path));
  return hive;
}

static void
probe_user (Probe       *probe,
            int          users_fd,
            const char  *users_path,
            const Entry *user)
{
  g_autoptr(TaiouWinregHive) hive = NULL;
  g_autoptr(GPtrArray) local_entries = NULL;
  g_autofree char *user_path = g_build_filename (users_path, user->display, NULL);
  g_autofree char *hive_path = NULL;
  g_autofree char *appdata_path = NULL;
  g_autofree char *local_path = NULL;
  g_autofree char *display_prefix = NULL;
  int user_fd;
  int appdata_fd;
  int local_fd;

  user_fd = openat (users_fd, user->name, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
  if (user_fd < 0)
    {
      add_errno_problem (probe, user_path, errno);
      return;
    }

  /* Profiles such as Public have no NTUSER.DAT; that is not a problem. */
  hive = open_hive (probe, user_fd, user_path, "NTUSER.DAT", TAIOU_WINVOL_MAX_USER_HIVE_SIZE,
                    FALSE, &hive_path);
  if (hive != NULL)
    _taiou_winvol_read_user_hive (probe->snapshot, hive, hive_path, user->display);

  appdata_fd = open_folder (probe, user_fd, user_path, "AppData", FALSE, &appdata_path);
  close (user_fd);
  if (appdata_fd < 0)
    return;

  local_fd = open_folder (probe, appdata_fd, appdata_path, "Local", FALSE, &local_path);
  if (local_fd >= 0)
    {
      local_entries = list_folder (probe, local_fd, local_path);
      display_prefix = g_strdup_printf (SYSTEM_DRIVE "\\Users\\%s\\AppData\\Local",
                                        user->display);
      if (local_entries != NULL)
        walk_one_deep (probe, local_fd, local_path, local_entries, display_prefix,
                       TAIOU_FILE_AREA_LOCAL_APPDATA, user->display);
      close (local_fd);
    }
  add_known_folders (probe, appdata_fd, appdata_path, "Roaming");
  add_known_folders (probe, appdata_fd, appdata_path, "LocalLow");
  close (appdata_fd);
}

static void
probe_users (Probe      *probe,
             int         root_fd,
             const char *root)
{
  g_autoptr(GPtrArray) users = NULL;
  g_autofree char *users_path = NULL;
  int users_fd = open_folder (probe, root_fd, root, "Users", TRUE, &users_path);

  if (users_fd < 0)
    return;
  users = list_folder (probe, users_fd, users_path);
  for (guint i = 0; users != NULL && i < users->len && !is_cancelled (probe); i++)
    {
      const Entry *user = users->pdata[i];

      /* "All Users", "Default User" and such are links; each real profile is a folder. */
      if (S_ISDIR (user->st.st_mode))
        probe_user (probe, users_fd, users_path, user);
    }
  close (users_fd);
}

/* System32's *.exe and *.dll: EmoCheck scan_v3 took Emotet's keywords from their names. */
static void
add_system32_programs (Probe      *probe,
                       int         fd,
                       const char *path,
                       GPtrArray  *entries)
{
  for (guint i = 0; i < entries->len; i++)
    {
      const Entry *entry = entries->pdata[i];
      const char *dot = strrchr (entry->name, '.');

      if (S_ISREG (entry->st.st_mode) && dot != NULL &&
          (g_ascii_strcasecmp (dot, ".exe") == 0 || g_ascii_strcasecmp (dot, ".dll") == 0))
        add_file (probe, fd, path, entry, SYSTEM_DRIVE "\\Windows\\System32",
                  TAIOU_FILE_AREA_SYSTEM32, NULL, 0, FALSE);
    }
}

/* Returns: %TRUE when System32 could be listed and the SYSTEM hive read */
static gboolean
probe_windows (Probe      *probe,
               int         root_fd,
               const char *root)
{
  g_autoptr(GPtrArray) system32_entries = NULL;
  g_autoptr(GPtrArray) wow64_entries = NULL;
  g_autoptr(TaiouWinregHive) system_hive = NULL;
  g_autoptr(TaiouWinregHive) software_hive = NULL;
  g_autofree char *windows_path = NULL;
  g_autofree char *system32_path = NULL;
  g_autofree char *wow64_path = NULL;
  g_autofree char *config_path = NULL;
  g_autofree char *system_path = NULL;
  g_autofree char *software_path = NULL;
  gboolean system_read = FALSE;
  int windows_fd;
  int system32_fd;
  int wow64_fd;
  int config_fd = -1;

  windows_fd = open_folder (probe, root_fd, root, "Windows", TRUE, &windows_path);
  if (windows_fd < 0)
    {
      note_unreachable_hives (probe, root);
      return FALSE;
    }

  system32_fd = open_folder (probe, windows_fd, windows_path, "System32", TRUE,
                             &system32_path);
  if (system32_fd >= 0)
    {
      system32_entries = list_folder (probe, system32_fd, system32_path);
      if (system32_entries != NULL)
        {
          add_system32_programs (probe, system32_fd, system32_path, system32_entries);
          walk_one_deep (probe, system32_fd, system32_path, system32_entries,
                         SYSTEM_DRIVE "\\Windows\\System32", TAIOU_FILE_AREA_SYSTEM_FOLDER, NULL);
        }

      config_fd = open_folder (probe, system32_fd, system32_path, "config", TRUE, &config_path);
      if (config_fd >= 0 && !is_cancelled (probe))
        {
          system_hive = open_hive (probe, config_fd, config_path, "SYSTEM",
                                   TAIOU_WINVOL_MAX_SYSTEM_HIVE_SIZE, TRUE, &system_path);
          if (system_hive != NULL)
            system_read = _taiou_winvol_read_system_hive (probe->snapshot, system_hive,
                                                          system_path, probe->cancellable);
          g_clear_pointer (&system_hive, taiou_winreg_hive_free);

          software_hive = open_hive (probe, config_fd, config_path, "SOFTWARE",
                                     TAIOU_WINVOL_MAX_SOFTWARE_HIVE_SIZE, TRUE, &software_path);
          if (software_hive != NULL)
            _taiou_winvol_read_software_hive (probe->snapshot, software_hive, software_path);
        }
      if (config_fd >= 0)
        close (config_fd);
      close (system32_fd);
    }
  if (config_fd < 0)
    note_unreachable_hives (probe, root);

  /* 32-bit Windows has no SysWOW64. */
  wow64_fd = open_folder (probe, windows_fd, windows_path, "SysWOW64", FALSE, &wow64_path);
  if (wow64_fd >= 0)
    {
      wow64_entries = list_folder (probe, wow64_fd, wow64_path);
      if (wow64_entries != NULL)
        walk_one_deep (probe, wow64_fd, wow64_path, wow64_entries,
                       SYSTEM_DRIVE "\\Windows\\SysWOW64", TAIOU_FILE_AREA_SYSTEM_FOLDER, NULL);
      close (wow64_fd);
    }
  close (windows_fd);
  return system32_entries != NULL && system_read;
}

static void
read_volume_serial (Probe                         *probe,
                    const TaiouProbeWinvolOptions *options)
{
  g_autoptr(GError) error = NULL;
  guint32 serial;

  if (options != NULL && options->has_volume_serial)
    taiou_host_snapshot_set_volume_serial (probe->snapshot, options->volume_serial);
  else if (options != NULL && options->volume_image != NULL)
    {
      if (taiou_volume_serial_read (options->volume_image, &serial, &error))
        taiou_host_snapshot_set_volume_serial (probe->snapshot, serial);
      else
        taiou_host_snapshot_add_problem (probe->snapshot, "%s", error->message);
    }
  else
    taiou_host_snapshot_add_problem (probe->snapshot,
                                     "volume serial: unknown (name the partition or give the "
                                     "serial that `vol C:` shows); the checks that need it "
                                     "cannot run");
}

/**
 * taiou_probe_winvol_run:
 * @root: the folder a Windows system volume is mounted on, or a copy of its folders
 * @options: (nullable): the volume serial, or where to read it
 *
 * Returns: (transfer full): a snapshot of the volume (with what could not be read among its
 *   problems), or %NULL with @error set when @root is not a folder that can be read or the
 *   probe was cancelled
 */
TaiouHostSnapshot *
taiou_probe_winvol_run (const char                     *root,
                        const TaiouProbeWinvolOptions  *options,
                        GCancellable                   *cancellable,
                        GError                        **error)
{
  g_autoptr(TaiouHostSnapshot) snapshot = NULL;
  Probe probe = { 0 };
  int root_fd;

  g_return_val_if_fail (root != NULL, NULL);
  g_return_val_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable), NULL);

  /* The root may be a link (a mount under /media is often reached through one): the caller
   * named it.  Below it, nothing is followed. */
  root_fd = open (root, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (root_fd < 0)
    {
      int saved_errno = errno;

      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved_errno),
                   "%s: cannot read this folder: %s", root, g_strerror (saved_errno));
      return NULL;
    }

  snapshot = taiou_host_snapshot_new (TAIOU_HOST_OS_WINDOWS, NULL);
  probe.snapshot = snapshot;
  probe.cancellable = cancellable;

  read_volume_serial (&probe, options);
  probe_users (&probe, root_fd, root);
  if (!is_cancelled (&probe))
    {
      add_known_folders (&probe, root_fd, root, "Program Files");
      add_known_folders (&probe, root_fd, root, "Program Files (x86)");
      add_known_folders (&probe, root_fd, root, "ProgramData");
    }
  if (!is_cancelled (&probe))
    snapshot->is_admin_view = probe_windows (&probe, root_fd, root);
  close (root_fd);

  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return NULL;
  return g_steal_pointer (&snapshot);
}
