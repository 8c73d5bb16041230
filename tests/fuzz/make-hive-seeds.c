/* make-hive-seeds.c — writes the seed hives of tests/fuzz/corpus/hive/
 *
 *   _build/tests/fuzz/make-hive-seeds tests/fuzz/corpus/hive
 *
 * Every seed is synthetic (taiou-test-hive.c): the keys the probe reads, with a few values of
 * each type, so the fuzzer starts from hives that reach all of its code.
 */
#define G_LOG_DOMAIN "make-hive-seeds"

#include "config.h"

#include <glib/gstdio.h>

#include "taiou-test-hive.h"
#include "taiou-winreg.h"

#define CURRENT_VERSION "Microsoft\\Windows\\CurrentVersion"

static void
write_empty (const char *folder)
{
  g_autoptr(GBytes) empty = taiou_test_hive_empty_bytes ();
  g_autofree char *path = g_build_filename (folder, "empty", NULL);
  g_autoptr(GError) error = NULL;

  g_file_set_contents (path, g_bytes_get_data (empty, NULL), (gssize) g_bytes_get_size (empty),
                       &error);
  g_assert_no_error (error);
}

static void
write_user (const char *folder)
{
  g_autoptr(TaiouTestHive) hive = taiou_test_hive_new ();
  g_autofree char *path = g_build_filename (folder, "ntuser", NULL);
  static const guint8 xored[] = { 0x8b, 0x1f, 0x45, 0x12, 0x9c, 0x33, 0x00, 0x7e };

  taiou_test_hive_set_string (hive, "Software\\" CURRENT_VERSION "\\Run", "OneDrive",
                              TAIOU_WINREG_SZ, "\"C:\\Users\\alice\\OneDrive.exe\" /background");
  taiou_test_hive_set_string (hive, "Software\\" CURRENT_VERSION "\\Run", "Fqxhrvxy",
                              TAIOU_WINREG_EXPAND_SZ,
                              "%SystemRoot%\\system32\\rundll32.exe \"C:\\Users\\alice\\AppData"
                              "\\Local\\Fqxhrvxy\\kbewc.qvo\",DllRegisterServer");
  taiou_test_hive_set_string (hive, "Software\\" CURRENT_VERSION "\\RunOnce", "請求書",
                              TAIOU_WINREG_SZ, "C:\\一時\\setup.exe");
  taiou_test_hive_set_value (hive, "Software\\" CURRENT_VERSION "\\Explorer", "d3a5c0f1",
                             TAIOU_WINREG_BINARY, xored, sizeof xored);
  taiou_test_hive_set_dword (hive, "Software\\" CURRENT_VERSION "\\Explorer", "ShellState", 36);
  taiou_test_hive_save (hive, path);
}

static void
write_system (const char *folder)
{
  g_autoptr(TaiouTestHive) hive = taiou_test_hive_new ();
  g_autofree char *path = g_build_filename (folder, "system", NULL);

  taiou_test_hive_set_dword (hive, "Select", "Current", 2);
  taiou_test_hive_set_dword (hive, "Select", "Default", 2);
  taiou_test_hive_set_string (hive, "ControlSet002\\Control\\ComputerName\\ComputerName",
                              "ComputerName", TAIOU_WINREG_SZ, "PC-07");
  taiou_test_hive_set_string (hive, "ControlSet002\\Services\\Spooler", "ImagePath",
                              TAIOU_WINREG_EXPAND_SZ, "%SystemRoot%\\System32\\spoolsv.exe");
  taiou_test_hive_set_string (hive, "ControlSet002\\Services\\Qmgr\\Parameters", "ServiceDll",
                              TAIOU_WINREG_EXPAND_SZ, "%SystemRoot%\\System32\\qmgr.dll");
  taiou_test_hive_set_string (hive, "ControlSet001\\Services\\Old", "ImagePath",
                              TAIOU_WINREG_SZ, "C:\\old.exe");
  taiou_test_hive_save (hive, path);
}

static void
write_software (const char *folder)
{
  g_autoptr(TaiouTestHive) hive = taiou_test_hive_new ();
  g_autofree char *path = g_build_filename (folder, "software", NULL);

  taiou_test_hive_set_string (hive, CURRENT_VERSION "\\Run", "SecurityHealth",
                              TAIOU_WINREG_EXPAND_SZ,
                              "%windir%\\system32\\SecurityHealthSystray.exe");
  taiou_test_hive_set_string (hive, "WOW6432Node\\" CURRENT_VERSION "\\Run", "Updater",
                              TAIOU_WINREG_SZ, "C:\\ProgramData\\upd.exe");
  taiou_test_hive_save (hive, path);
}

int
main (int    argc,
      char **argv)
{
  if (argc != 2)
    {
      g_printerr ("usage: %s FOLDER\n", argv[0]);
      return 2;
    }
  g_mkdir_with_parents (argv[1], 0755);
  write_empty (argv[1]);
  write_user (argv[1]);
  write_system (argv[1]);
  write_software (argv[1]);
  return 0;
}
