/* test-probe-winvol.c — the offline Windows-volume probe over fake volumes
 *
 * Every volume here is a fake one built in a temporary folder, and every hive is generated
 * (tests/common/taiou-test-hive.c): no binary of unknown origin is read.
 */
#define G_LOG_DOMAIN "test-probe-winvol"

#include "config.h"

#include <fcntl.h>
#include <glib/gstdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "taiou-probe-winvol-private.h"
#include "taiou-test-hive.h"
#include "taiou-test-util.h"

#define CURRENT_VERSION "Microsoft\\Windows\\CurrentVersion"
#define HKCU_RUN        "HKCU\\Software\\Microsoft\\Windows\\CurrentVersion\\Run"
#define SERVICES        "HKLM\\SYSTEM\\CurrentControlSet\\Services\\"
#define FILE_TIME       1650000000          /* a file's mtime, in seconds */
#define FOLDER_TIME     (FILE_TIME + 604800) /* its folder's: EmoCheck scan_v5's seven days */

typedef struct
{
  char *root;     /* the fake volume */
  char *outside;  /* a folder beside it, reachable only through links */
} Volume;

/* Writes @length bytes of @contents (-1: a string) to @relative under @folder. */
static char *
write_file (const char *folder,
            const char *relative,
            const char *contents,
            gssize      length)
{
  char *path = g_build_filename (folder, relative, NULL);
  g_autofree char *parent = g_path_get_dirname (path);
  g_autoptr(GError) error = NULL;

  g_assert_cmpint (g_mkdir_with_parents (parent, 0700), ==, 0);
  g_file_set_contents (path, contents, length, &error);
  g_assert_no_error (error);
  return path;
}

static char *
make_folder (const char *folder,
             const char *relative)
{
  char *path = g_build_filename (folder, relative, NULL);

  g_assert_cmpint (g_mkdir_with_parents (path, 0700), ==, 0);
  return path;
}

static void
set_mtime (const char *path,
           gint64      seconds,
           long        nanoseconds)
{
  struct timespec times[2] = {
    { .tv_sec = seconds, .tv_nsec = nanoseconds },
    { .tv_sec = seconds, .tv_nsec = nanoseconds },
  };

  g_assert_cmpint (utimensat (AT_FDCWD, path, times, AT_SYMLINK_NOFOLLOW), ==, 0);
}

/* A PE-looking file of @size bytes: "MZ" and then filler. */
static char *
write_pe (const char *folder,
          const char *relative,
          gsize       size)
{
  g_autofree char *bytes = g_strnfill (size, 'P');

  bytes[0] = 'M';
  bytes[1] = 'Z';
  return write_file (folder, relative, bytes, (gssize) size);
}

static void
save_user_hive (const char *path,
                const char *run_name,
                const char *run_command)
{
  g_autoptr(TaiouTestHive) hive = taiou_test_hive_new ();
  static const guint8 xored[] = { 0x8b, 0x1f, 0x45, 0x12, 0x9c, 0x33, 0x00, 0x7e };

  taiou_test_hive_set_string (hive, "Software\\" CURRENT_VERSION "\\Run", run_name,
                              TAIOU_WINREG_SZ, run_command);
  taiou_test_hive_set_string (hive, "Software\\" CURRENT_VERSION "\\Run", "Fqxhrvxy",
                              TAIOU_WINREG_EXPAND_SZ,
                              "%SystemRoot%\\system32\\rundll32.exe \"%LOCALAPPDATA%\\Fqxhrvxy"
                              "\\kbewc.qvo\",DllRegisterServer");
  /* Not a string: Windows would not run it, so neither is it an autorun. */
  taiou_test_hive_set_dword (hive, "Software\\" CURRENT_VERSION "\\Run", "Flags", 1);
  taiou_test_hive_set_string (hive, "Software\\" CURRENT_VERSION "\\RunOnce", "請求書",
                              TAIOU_WINREG_SZ, "C:\\一時\\setup.exe");
  taiou_test_hive_set_value (hive, "Software\\" CURRENT_VERSION "\\Explorer", "d3a5c0f1",
                             TAIOU_WINREG_BINARY, xored, sizeof xored);
  taiou_test_hive_set_dword (hive, "Software\\" CURRENT_VERSION "\\Explorer", "ShellState", 36);
  /* A subkey's values are not the key's own. */
  taiou_test_hive_set_string (hive, "Software\\" CURRENT_VERSION "\\Explorer\\Shell Folders",
                              "Desktop", TAIOU_WINREG_SZ, "C:\\Users\\alice\\Desktop");
  taiou_test_hive_save (hive, path);
}

static void
save_system_hive (const char *path)
{
  g_autoptr(TaiouTestHive) hive = taiou_test_hive_new ();

  /* Windows boots ControlSet002 here; ControlSet001 is an old copy that must not be read. */
  taiou_test_hive_set_dword (hive, "Select", "Current", 2);
  taiou_test_hive_set_dword (hive, "Select", "LastKnownGood", 1);
  taiou_test_hive_set_string (hive, "ControlSet002\\Control\\ComputerName\\ComputerName",
                              "ComputerName", TAIOU_WINREG_SZ, "PC-07");
  taiou_test_hive_set_string (hive, "ControlSet001\\Control\\ComputerName\\ComputerName",
                              "ComputerName", TAIOU_WINREG_SZ, "OLD-NAME");
  taiou_test_hive_set_string (hive, "ControlSet002\\Services\\Spooler", "ImagePath",
                              TAIOU_WINREG_EXPAND_SZ, "%SystemRoot%\\System32\\spoolsv.exe");
  taiou_test_hive_set_string (hive, "ControlSet002\\Services\\Qmgr\\Parameters", "ServiceDll",
                              TAIOU_WINREG_EXPAND_SZ, "%SystemRoot%\\System32\\qmgr.dll");
  taiou_test_hive_set_string (hive, "ControlSet002\\Services\\Qmgr", "ImagePath",
                              TAIOU_WINREG_EXPAND_SZ,
                              "%SystemRoot%\\system32\\svchost.exe -k netsvcs -p");
  taiou_test_hive_add_key (hive, "ControlSet002\\Services\\NoCommand");
  taiou_test_hive_set_string (hive, "ControlSet001\\Services\\OldService", "ImagePath",
                              TAIOU_WINREG_SZ, "C:\\old.exe");
  taiou_test_hive_save (hive, path);
}

static void
save_software_hive (const char *path)
{
  g_autoptr(TaiouTestHive) hive = taiou_test_hive_new ();

  taiou_test_hive_set_string (hive, CURRENT_VERSION "\\Run", "SecurityHealth",
                              TAIOU_WINREG_EXPAND_SZ,
                              "%windir%\\system32\\SecurityHealthSystray.exe");
  taiou_test_hive_set_string (hive, "WOW6432Node\\" CURRENT_VERSION "\\Run", "Updater",
                              TAIOU_WINREG_SZ, "C:\\ProgramData\\upd.exe");
  taiou_test_hive_save (hive, path);
}

/* A Windows volume with some folders spelt in another case, as copies may have them. */
static void
volume_set_up (Volume        *volume,
               gconstpointer  user_data)
{
  g_autofree char *base = g_build_filename (g_get_user_data_dir (), "volume", NULL);
  g_autofree char *local = NULL;
  g_autofree char *emotet_folder = NULL;
  g_autofree char *emotet_file = NULL;
  g_autofree char *readme = NULL;
  g_autofree char *evil = NULL;
  g_autofree char *link = NULL;
  g_autofree char *profile = NULL;
  g_autofree char *hive = NULL;
  g_autofree char *wbem = NULL;
  g_autofree char *wmic = NULL;
  g_autofree char *wow = NULL;
  g_autofree char *wow_file = NULL;
  g_autofree char *pipe = NULL;
  g_autofree char *config = NULL;
  g_autofree char *system = NULL;
  g_autofree char *software = NULL;
  g_autofree char *kernel32 = NULL;

  volume->root = g_build_filename (base, "mnt", NULL);
  volume->outside = g_build_filename (base, "outside", NULL);
  local = make_folder (volume->root, "Users/alice/appdata/Local");

  emotet_folder = make_folder (local, "Fqxhrvxy");
  emotet_file = write_pe (emotet_folder, "kbewc.qvo", 100000);
  readme = write_file (local, "Microsoft/readme.txt", "hello", -1);
  g_free (write_pe (local, "top.exe", 50000));      /* directly in Local: not one deep */
  pipe = g_build_filename (emotet_folder, "pipe", NULL);
  g_assert_cmpint (mkfifo (pipe, 0600), ==, 0);

  /* Links into the outside must not be followed: a file, a folder, and a whole profile. */
  evil = write_pe (volume->outside, "evil/evil.exe", 30000);
  link = g_build_filename (emotet_folder, "link.exe", NULL);
  g_assert_cmpint (symlink (evil, link), ==, 0);
  g_clear_pointer (&link, g_free);
  link = g_build_filename (local, "Linked", NULL);
  g_assert_cmpint (symlink (volume->outside, link), ==, 0);
  g_clear_pointer (&link, g_free);
  profile = make_folder (volume->outside, "profile/AppData/Local/Bad");
  g_free (write_pe (profile, "bad.exe", 30000));
  hive = g_build_filename (volume->outside, "profile", "NTUSER.DAT", NULL);
  save_user_hive (hive, "Outside", "C:\\outside.exe");
  g_clear_pointer (&hive, g_free);
  link = g_build_filename (volume->root, "Users", "Evil", NULL);
  g_clear_pointer (&profile, g_free);
  profile = g_build_filename (volume->outside, "profile", NULL);
  g_assert_cmpint (symlink (profile, link), ==, 0);
  g_clear_pointer (&link, g_free);

  hive = g_build_filename (volume->root, "Users", "alice", "NTUSER.DAT", NULL);
  save_user_hive (hive, "OneDrive", "\"C:\\Users\\alice\\OneDrive.exe\" /background");
  g_free (make_folder (volume->root, "Users/alice/appdata/Roaming/Zoom"));
  g_free (make_folder (volume->root, "Users/alice/appdata/LocalLow/Sun"));
  g_free (make_folder (volume->root, "Users/Public/Documents"));
  g_free (make_folder (volume->root, "Program Files/Mozilla Firefox"));
  g_free (make_folder (volume->root, "Program Files (x86)/Google"));
  g_free (make_folder (volume->root, "ProgramData/Packages"));

  kernel32 = write_pe (volume->root, "WINDOWS/system32/kernel32.dll", 700000);
  g_free (write_pe (volume->root, "WINDOWS/system32/notepad.EXE", 200000));
  g_free (write_file (volume->root, "WINDOWS/system32/license.rtf", "{\\rtf1}", -1));
  wbem = make_folder (volume->root, "WINDOWS/system32/wbem");
  wmic = write_pe (wbem, "wmic.exe", 500000);
  wow = make_folder (volume->root, "WINDOWS/SysWOW64/Fgqxqw");
  wow_file = write_pe (wow, "abcd.dat", 80000);
  config = make_folder (volume->root, "WINDOWS/system32/CONFIG");
  system = g_build_filename (config, "system", NULL);
  save_system_hive (system);
  software = g_build_filename (config, "SOFTWARE", NULL);
  save_software_hive (software);

  /* Times last: adding files changed the folders'. */
  set_mtime (emotet_file, FILE_TIME, 250000000);
  set_mtime (emotet_folder, FOLDER_TIME, 0);
  set_mtime (wow_file, FILE_TIME, 0);
  set_mtime (wow, FOLDER_TIME, 0);
  set_mtime (kernel32, FILE_TIME - 1000, 0);
}

static void
volume_tear_down (Volume        *volume,
                  gconstpointer  user_data)
{
  g_free (volume->root);
  g_free (volume->outside);
}

static TaiouHostSnapshot *
probe (Volume *volume)
{
  TaiouProbeWinvolOptions options = { .has_volume_serial = TRUE, .volume_serial = 0xd3a5c0f1 };
  g_autoptr(GError) error = NULL;
  TaiouHostSnapshot *snapshot;

  snapshot = taiou_probe_winvol_run (volume->root, &options, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (snapshot);
  for (guint i = 0; i < snapshot->problems->len; i++)
    g_test_message ("problem: %s", (const char *) snapshot->problems->pdata[i]);
  return snapshot;
}

static const TaiouFileInfo *
find_file (TaiouHostSnapshot *snapshot,
           const char        *display_path)
{
  for (guint i = 0; i < snapshot->files->len; i++)
    {
      const TaiouFileInfo *file = snapshot->files->pdata[i];

      if (strcmp (file->display_path, display_path) == 0)
        return file;
    }
  return NULL;
}

static const TaiouAutorun *
find_autorun (TaiouHostSnapshot *snapshot,
              const char        *location,
              const char        *name,
              guint              nth)
{
  for (guint i = 0; i < snapshot->autoruns->len; i++)
    {
      const TaiouAutorun *autorun = snapshot->autoruns->pdata[i];

      if (strcmp (autorun->location, location) == 0 && strcmp (autorun->name, name) == 0 &&
          nth-- == 0)
        return autorun;
    }
  return NULL;
}

static gboolean
has_problem (TaiouHostSnapshot *snapshot,
             const char        *first,
             const char        *second)
{
  for (guint i = 0; i < snapshot->problems->len; i++)
    {
      const char *problem = snapshot->problems->pdata[i];

      if (strstr (problem, first) != NULL && (second == NULL || strstr (problem, second) != NULL))
        return TRUE;
    }
  return FALSE;
}

static void
test_files_in_the_three_areas (Volume        *volume,
                               gconstpointer  user_data)
{
  g_autoptr(TaiouHostSnapshot) snapshot = probe (volume);
  g_autofree char *expected_path = g_build_filename (volume->root, "Users", "alice", "appdata",
                                                     "Local", "Fqxhrvxy", "kbewc.qvo", NULL);
  const TaiouFileInfo *file;

  g_assert_cmpint (snapshot->os, ==, TAIOU_HOST_OS_WINDOWS);

  file = find_file (snapshot, "C:\\Users\\alice\\AppData\\Local\\Fqxhrvxy\\kbewc.qvo");
  g_assert_nonnull (file);
  g_assert_cmpint (file->area, ==, TAIOU_FILE_AREA_LOCAL_APPDATA);
  g_assert_cmpstr (file->path, ==, expected_path);
  g_assert_cmpstr (file->user, ==, "alice");
  g_assert_cmpstr (file->folder_name, ==, "Fqxhrvxy");
  g_assert_cmpstr (file->file_name, ==, "kbewc.qvo");
  g_assert_cmpuint (file->size, ==, 100000);
  g_assert_cmpint (file->mtime_us, ==, (gint64) FILE_TIME * G_USEC_PER_SEC + 250000);
  g_assert_cmpint (file->folder_mtime_us, ==, (gint64) FOLDER_TIME * G_USEC_PER_SEC);
  g_assert_cmpuint (file->head_length, ==, TAIOU_FILE_HEAD_SIZE);
  g_assert_cmpmem (file->head, 4, "MZPP", 4);

  /* A short file: its head is all of it. */
  file = find_file (snapshot, "C:\\Users\\alice\\AppData\\Local\\Microsoft\\readme.txt");
  g_assert_nonnull (file);
  g_assert_cmpuint (file->head_length, ==, 5);
  g_assert_cmpmem (file->head, 5, "hello", 5);

  /* System32's programs, with Windows's spelling of the folders and the file's own. */
  file = find_file (snapshot, "C:\\Windows\\System32\\kernel32.dll");
  g_assert_nonnull (file);
  g_assert_cmpint (file->area, ==, TAIOU_FILE_AREA_SYSTEM32);
  g_assert_cmpuint (file->size, ==, 700000);
  g_assert_cmpint (file->mtime_us, ==, (gint64) (FILE_TIME - 1000) * G_USEC_PER_SEC);
  g_assert_null (file->user);
  g_assert_true (taiou_host_snapshot_find_system32_file (snapshot, "KERNEL32.dll") == file);
  g_assert_nonnull (find_file (snapshot, "C:\\Windows\\System32\\notepad.EXE"));
  g_assert_null (find_file (snapshot, "C:\\Windows\\System32\\license.rtf"));

  file = find_file (snapshot, "C:\\Windows\\System32\\wbem\\wmic.exe");
  g_assert_nonnull (file);
  g_assert_cmpint (file->area, ==, TAIOU_FILE_AREA_SYSTEM_FOLDER);
  g_assert_cmpstr (file->folder_name, ==, "wbem");
  g_assert_cmpuint (file->head_length, ==, TAIOU_FILE_HEAD_SIZE);

  file = find_file (snapshot, "C:\\Windows\\SysWOW64\\Fgqxqw\\abcd.dat");
  g_assert_nonnull (file);
  g_assert_cmpint (file->area, ==, TAIOU_FILE_AREA_SYSTEM_FOLDER);
  g_assert_cmpint (file->folder_mtime_us - file->mtime_us, ==,
                   (gint64) 604800 * G_USEC_PER_SEC);

  /* Not one folder deep. */
  g_assert_null (find_file (snapshot, "C:\\Users\\alice\\AppData\\Local\\top.exe"));
  /* Exactly these: kbewc.qvo, readme.txt, kernel32.dll, notepad.EXE, wmic.exe, abcd.dat, and
   * the two hives, which are one folder deep in System32 too. */
  g_assert_nonnull (find_file (snapshot, "C:\\Windows\\System32\\CONFIG\\system"));
  g_assert_cmpuint (snapshot->files->len, ==, 8);
}

static void
test_links_and_fifos_not_followed (Volume        *volume,
                                   gconstpointer  user_data)
{
  g_autoptr(TaiouHostSnapshot) snapshot = probe (volume);

  for (guint i = 0; i < snapshot->files->len; i++)
    {
      const TaiouFileInfo *file = snapshot->files->pdata[i];

      g_assert_null (strstr (file->display_path, "evil"));
      g_assert_null (strstr (file->display_path, "bad.exe"));
      g_assert_null (strstr (file->display_path, "Linked"));
      g_assert_cmpstr (file->file_name, !=, "pipe");
      g_assert_cmpstr (file->file_name, !=, "link.exe");
    }
  for (guint i = 0; i < snapshot->autoruns->len; i++)
    {
      const TaiouAutorun *autorun = snapshot->autoruns->pdata[i];

      g_assert_cmpstr (autorun->name, !=, "Outside");
      g_assert_cmpstr (autorun->user, !=, "Evil");
    }
  /* And none of it was worth a problem. */
  g_assert_false (has_problem (snapshot, "Evil", NULL));
  g_assert_false (has_problem (snapshot, "pipe", NULL));
}

static void
test_known_folders (Volume        *volume,
                    gconstpointer  user_data)
{
  g_autoptr(TaiouHostSnapshot) snapshot = probe (volume);

  g_assert_true (taiou_host_snapshot_is_known_folder (snapshot, "Zoom"));
  g_assert_true (taiou_host_snapshot_is_known_folder (snapshot, "sun"));
  g_assert_true (taiou_host_snapshot_is_known_folder (snapshot, "Mozilla Firefox"));
  g_assert_true (taiou_host_snapshot_is_known_folder (snapshot, "Google"));
  g_assert_true (taiou_host_snapshot_is_known_folder (snapshot, "Packages"));
  /* AppData\Local and the system folders are where Emotet hides, not the allow-list. */
  g_assert_false (taiou_host_snapshot_is_known_folder (snapshot, "Fqxhrvxy"));
  g_assert_false (taiou_host_snapshot_is_known_folder (snapshot, "wbem"));
  g_assert_cmpuint (g_hash_table_size (snapshot->known_folder_names), ==, 5);
}

static void
test_user_hive (Volume        *volume,
                gconstpointer  user_data)
{
  g_autoptr(TaiouHostSnapshot) snapshot = probe (volume);
  static const guint8 xored[] = { 0x8b, 0x1f, 0x45, 0x12, 0x9c, 0x33, 0x00, 0x7e };
  const TaiouAutorun *autorun;
  guint n_explorer = 0;
  guint n_run = 0;

  autorun = find_autorun (snapshot, HKCU_RUN, "OneDrive", 0);
  g_assert_nonnull (autorun);
  g_assert_cmpint (autorun->kind, ==, TAIOU_AUTORUN_RUN_VALUE);
  g_assert_cmpstr (autorun->command, ==, "\"C:\\Users\\alice\\OneDrive.exe\" /background");
  g_assert_cmpstr (autorun->user, ==, "alice");

  /* REG_EXPAND_SZ: as written, nothing expanded. */
  autorun = find_autorun (snapshot, HKCU_RUN, "Fqxhrvxy", 0);
  g_assert_nonnull (autorun);
  g_assert_cmpstr (autorun->command, ==,
                   "%SystemRoot%\\system32\\rundll32.exe \"%LOCALAPPDATA%\\Fqxhrvxy\\kbewc.qvo\","
                   "DllRegisterServer");

  autorun = find_autorun (snapshot, HKCU_RUN "Once", "請求書", 0);
  g_assert_nonnull (autorun);
  g_assert_cmpstr (autorun->command, ==, "C:\\一時\\setup.exe");
  g_assert_null (find_autorun (snapshot, HKCU_RUN, "Flags", 0));

  for (guint i = 0; i < snapshot->autoruns->len; i++)
    if (((TaiouAutorun *) snapshot->autoruns->pdata[i])->kind == TAIOU_AUTORUN_RUN_VALUE &&
        g_str_has_prefix (((TaiouAutorun *) snapshot->autoruns->pdata[i])->location, "HKCU"))
      n_run++;
  g_assert_cmpuint (n_run, ==, 3);

  for (guint i = 0; i < snapshot->explorer_values->len; i++)
    {
      const TaiouRegistryValue *value = snapshot->explorer_values->pdata[i];

      g_assert_cmpstr (value->user, ==, "alice");
      g_assert_cmpstr (value->location, ==,
                       "HKCU\\Software\\Microsoft\\Windows\\CurrentVersion\\Explorer");
      if (strcmp (value->name, "d3a5c0f1") == 0)
        g_assert_cmpmem (g_bytes_get_data (value->data, NULL), g_bytes_get_size (value->data),
                         xored, sizeof xored);
      else
        g_assert_cmpstr (value->name, ==, "ShellState");
      n_explorer++;
    }
  g_assert_cmpuint (n_explorer, ==, 2);
}

static void
test_system_hive (Volume        *volume,
                  gconstpointer  user_data)
{
  g_autoptr(TaiouHostSnapshot) snapshot = probe (volume);
  const TaiouAutorun *autorun;
  guint n_services = 0;

  g_assert_cmpstr (snapshot->hostname, ==, "PC-07");
  g_assert_true (snapshot->is_admin_view);

  autorun = find_autorun (snapshot, SERVICES "Spooler", "Spooler", 0);
  g_assert_nonnull (autorun);
  g_assert_cmpint (autorun->kind, ==, TAIOU_AUTORUN_SERVICE);
  g_assert_cmpstr (autorun->command, ==, "%SystemRoot%\\System32\\spoolsv.exe");
  g_assert_null (autorun->user);

  /* A shared-process service: its host and its DLL. */
  autorun = find_autorun (snapshot, SERVICES "Qmgr", "Qmgr", 0);
  g_assert_nonnull (autorun);
  g_assert_cmpstr (autorun->command, ==, "%SystemRoot%\\system32\\svchost.exe -k netsvcs -p");
  autorun = find_autorun (snapshot, SERVICES "Qmgr", "Qmgr", 1);
  g_assert_nonnull (autorun);
  g_assert_cmpstr (autorun->command, ==, "%SystemRoot%\\System32\\qmgr.dll");

  g_assert_null (find_autorun (snapshot, SERVICES "OldService", "OldService", 0));
  for (guint i = 0; i < snapshot->autoruns->len; i++)
    if (((TaiouAutorun *) snapshot->autoruns->pdata[i])->kind == TAIOU_AUTORUN_SERVICE)
      n_services++;
  g_assert_cmpuint (n_services, ==, 3);
}

static void
test_software_hive (Volume        *volume,
                    gconstpointer  user_data)
{
  g_autoptr(TaiouHostSnapshot) snapshot = probe (volume);
  const TaiouAutorun *autorun;

  autorun = find_autorun (snapshot, "HKLM\\SOFTWARE\\" CURRENT_VERSION "\\Run",
                          "SecurityHealth", 0);
  g_assert_nonnull (autorun);
  g_assert_cmpint (autorun->kind, ==, TAIOU_AUTORUN_RUN_VALUE);
  g_assert_cmpstr (autorun->command, ==, "%windir%\\system32\\SecurityHealthSystray.exe");
  g_assert_null (autorun->user);

  autorun = find_autorun (snapshot, "HKLM\\SOFTWARE\\WOW6432Node\\" CURRENT_VERSION "\\Run",
                          "Updater", 0);
  g_assert_nonnull (autorun);
  g_assert_cmpstr (autorun->command, ==, "C:\\ProgramData\\upd.exe");
}

static void
test_clean_volume_has_no_problems (Volume        *volume,
                                   gconstpointer  user_data)
{
  g_autoptr(TaiouHostSnapshot) snapshot = probe (volume);

  g_assert_cmpuint (snapshot->problems->len, ==, 0);
  g_assert_true (snapshot->has_volume_serial);
  g_assert_cmpuint (snapshot->volume_serial, ==, 0xd3a5c0f1);
}

static void
test_volume_serial_from_image (Volume        *volume,
                               gconstpointer  user_data)
{
  /* Windows shows the low 32 bits of NTFS's 64-bit serial. */
  g_autofree guint8 *sector = taiou_test_ntfs_boot_sector (G_GUINT64_CONSTANT (0x5e2a9c41d3a5c0f1));
  g_autofree char *image = write_file (volume->outside, "sda2.img", (const char *) sector,
                                       TAIOU_BOOT_SECTOR_SIZE);
  TaiouProbeWinvolOptions options = { .volume_image = image };
  g_autoptr(TaiouHostSnapshot) snapshot = NULL;
  g_autoptr(TaiouHostSnapshot) without = NULL;
  g_autoptr(GError) error = NULL;

  snapshot = taiou_probe_winvol_run (volume->root, &options, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (snapshot->has_volume_serial);
  g_assert_cmpuint (snapshot->volume_serial, ==, 0xd3a5c0f1);
  g_assert_cmpuint (snapshot->problems->len, ==, 0);

  /* Without one, the snapshot says the serial is unknown. */
  without = taiou_probe_winvol_run (volume->root, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_false (without->has_volume_serial);
  g_assert_true (has_problem (without, "volume serial", "unknown"));
}

static void
test_corrupt_hives_are_problems (Volume        *volume,
                                 gconstpointer  user_data)
{
  g_autofree char *ntuser = g_build_filename (volume->root, "Users", "alice", "NTUSER.DAT",
                                              NULL);
  g_autofree char *software = g_build_filename (volume->root, "WINDOWS", "system32", "CONFIG",
                                                "SOFTWARE", NULL);
  g_autofree char *garbage = g_malloc (16384);
  g_autoptr(TaiouHostSnapshot) snapshot = NULL;
  g_autoptr(GRand) rand = g_rand_new_with_seed (7);
  g_autofree char *contents = NULL;
  gsize length;

  for (guint i = 0; i < 16384; i++)
    garbage[i] = (char) g_rand_int_range (rand, 0, 256);
  g_assert_true (g_file_set_contents (ntuser, garbage, 16384, NULL));
  /* A real hive with one flipped byte in its header: the checksum no longer fits. */
  g_assert_true (g_file_get_contents (software, &contents, &length, NULL));
  contents[0x30] ^= 0x01;
  g_assert_true (g_file_set_contents (software, contents, (gssize) length, NULL));

  snapshot = probe (volume);
  g_assert_true (has_problem (snapshot, ntuser, "not a registry hive"));
  g_assert_true (has_problem (snapshot, software, "checksum"));
  g_assert_null (find_autorun (snapshot, HKCU_RUN, "OneDrive", 0));
  g_assert_null (find_autorun (snapshot, "HKLM\\SOFTWARE\\" CURRENT_VERSION "\\Run",
                               "SecurityHealth", 0));
  /* The rest of the volume is still read. */
  g_assert_cmpstr (snapshot->hostname, ==, "PC-07");
  g_assert_nonnull (find_file (snapshot, "C:\\Users\\alice\\AppData\\Local\\Fqxhrvxy\\kbewc.qvo"));
  g_assert_cmpuint (snapshot->problems->len, ==, 2);
}

static void
test_unreadable_files_are_problems (Volume        *volume,
                                    gconstpointer  user_data)
{
  g_autofree char *config = g_build_filename (volume->root, "WINDOWS", "system32", "CONFIG",
                                              NULL);
  g_autofree char *system = g_build_filename (config, "system", NULL);
  g_autofree char *software = g_build_filename (config, "SOFTWARE", NULL);
  g_autofree char *locked = NULL;
  g_autoptr(TaiouHostSnapshot) snapshot = NULL;
  const TaiouFileInfo *file;
  gboolean can_lock = geteuid () != 0;
  int fd;

  /* SYSTEM is a FIFO (which must not block the probe); SOFTWARE is over its size cap (a sparse
   * file, so nothing is written); a file in AppData\Local cannot be opened. */
  g_assert_cmpint (g_unlink (system), ==, 0);
  g_assert_cmpint (mkfifo (system, 0600), ==, 0);
  fd = open (software, O_WRONLY | O_CLOEXEC);
  g_assert_cmpint (fd, >=, 0);
  g_assert_cmpint (ftruncate (fd, (off_t) TAIOU_WINVOL_MAX_SOFTWARE_HIVE_SIZE + 1), ==, 0);
  close (fd);
  locked = write_pe (volume->root, "Users/alice/appdata/Local/Locked/locked.bin", 1000);
  if (can_lock)
    g_assert_cmpint (chmod (locked, 0), ==, 0);
  else
    g_test_message ("running as root: a mode of 0 does not stop reading; that part is skipped");

  snapshot = probe (volume);
  g_assert_true (has_problem (snapshot, system, "not a regular file"));
  g_assert_true (has_problem (snapshot, software, "limit"));
  /* Without the SYSTEM hive, there is no view of the services. */
  g_assert_false (snapshot->is_admin_view);
  g_assert_null (snapshot->hostname);

  file = find_file (snapshot, "C:\\Users\\alice\\AppData\\Local\\Locked\\locked.bin");
  g_assert_nonnull (file);
  g_assert_cmpuint (file->size, ==, 1000);
  if (can_lock)
    {
      g_assert_true (has_problem (snapshot, locked, NULL));
      g_assert_cmpuint (file->head_length, ==, 0);
      g_assert_cmpuint (snapshot->problems->len, ==, 3);
    }
  else
    g_assert_cmpuint (snapshot->problems->len, ==, 2);
}

static void
test_invalid_utf16_is_replaced (Volume        *volume,
                                gconstpointer  user_data)
{
  g_autofree char *ntuser = g_build_filename (volume->root, "Users", "alice", "NTUSER.DAT",
                                              NULL);
  g_autoptr(TaiouTestHive) hive = taiou_test_hive_new ();
  g_autoptr(TaiouHostSnapshot) snapshot = NULL;
  /* "a", a lone high surrogate, "b", NUL, then slack that must be ignored */
  static const guint8 bad[] = { 'a', 0, 0x00, 0xd8, 'b', 0, 0, 0, 'z', 0 };
  const TaiouAutorun *autorun;

  taiou_test_hive_set_value (hive, "Software\\" CURRENT_VERSION "\\Run", "Broken",
                             TAIOU_WINREG_SZ, bad, sizeof bad);
  taiou_test_hive_save (hive, ntuser);

  snapshot = probe (volume);
  autorun = find_autorun (snapshot, HKCU_RUN, "Broken", 0);
  g_assert_nonnull (autorun);
  g_assert_cmpstr (autorun->command, ==, "a\xef\xbf\xbd" "b");
  g_assert_true (has_problem (snapshot, "“Broken”", "UTF-16"));
}

static void
test_cancelled (Volume        *volume,
                gconstpointer  user_data)
{
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GError) error = NULL;
  TaiouHostSnapshot *snapshot;

  g_cancellable_cancel (cancellable);
  snapshot = taiou_probe_winvol_run (volume->root, NULL, cancellable, &error);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_null (snapshot);
}

static void
test_root_must_be_a_folder (Volume        *volume,
                            gconstpointer  user_data)
{
  g_autofree char *file = write_file (volume->outside, "not-a-folder", "x", -1);
  g_autofree char *missing = g_build_filename (volume->outside, "missing", NULL);
  g_autoptr(TaiouHostSnapshot) empty = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_null (taiou_probe_winvol_run (file, NULL, NULL, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_DIRECTORY);
  g_clear_error (&error);
  g_assert_null (taiou_probe_winvol_run (missing, NULL, NULL, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND);
  g_clear_error (&error);

  /* A folder that is not a Windows volume at all: an empty snapshot that says so. */
  empty = taiou_probe_winvol_run (volume->outside, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (empty->files->len, ==, 0);
  g_assert_false (empty->is_admin_view);
  g_assert_true (has_problem (empty, "Users", NULL));
  g_assert_true (has_problem (empty, "Windows", NULL));
}

#define ADD_VOLUME_TEST(path, func) \
  g_test_add (path, Volume, NULL, volume_set_up, func, volume_tear_down)

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  ADD_VOLUME_TEST ("/taiou/probe-winvol/files-in-the-three-areas", test_files_in_the_three_areas);
  ADD_VOLUME_TEST ("/taiou/probe-winvol/links-and-fifos-not-followed",
                   test_links_and_fifos_not_followed);
  ADD_VOLUME_TEST ("/taiou/probe-winvol/known-folders", test_known_folders);
  ADD_VOLUME_TEST ("/taiou/probe-winvol/user-hive", test_user_hive);
  ADD_VOLUME_TEST ("/taiou/probe-winvol/system-hive-current-control-set", test_system_hive);
  ADD_VOLUME_TEST ("/taiou/probe-winvol/software-hive", test_software_hive);
  ADD_VOLUME_TEST ("/taiou/probe-winvol/clean-volume-has-no-problems",
                   test_clean_volume_has_no_problems);
  ADD_VOLUME_TEST ("/taiou/probe-winvol/volume-serial-from-image", test_volume_serial_from_image);
  ADD_VOLUME_TEST ("/taiou/probe-winvol/corrupt-hives-are-problems",
                   test_corrupt_hives_are_problems);
  ADD_VOLUME_TEST ("/taiou/probe-winvol/unreadable-files-are-problems",
                   test_unreadable_files_are_problems);
  ADD_VOLUME_TEST ("/taiou/probe-winvol/invalid-utf16-is-replaced",
                   test_invalid_utf16_is_replaced);
  ADD_VOLUME_TEST ("/taiou/probe-winvol/cancelled", test_cancelled);
  ADD_VOLUME_TEST ("/taiou/probe-winvol/root-must-be-a-folder", test_root_must_be_a_folder);

  return g_test_run ();
}
