/* test-windows-volume.c — a folder is recognised as a Windows system volume, and its partition */
#define G_LOG_DOMAIN "test-windows-volume"

#include "config.h"

#include <glib/gstdio.h>

#include "taiou-test-util.h"

static char *
make_folder (const char *relative)
{
  char *path = g_build_filename (g_get_user_data_dir (), relative, NULL);

  g_assert_cmpint (g_mkdir_with_parents (path, 0700), ==, 0);
  return path;
}

static void
test_looks_like_windows (void)
{
  g_autofree char *config = make_folder ("win/WINDOWS/system32/Config");
  g_autofree char *root = g_build_filename (g_get_user_data_dir (), "win", NULL);
  g_autofree char *data = make_folder ("data/Windows/System32");
  g_autofree char *data_root = g_build_filename (g_get_user_data_dir (), "data", NULL);
  g_autofree char *file_root = make_folder ("file/Windows/System32");
  g_autofree char *not_folder = g_build_filename (file_root, "config", NULL);
  g_autofree char *file_volume = g_build_filename (g_get_user_data_dir (), "file", NULL);

  /* Any case, as copies and drivers spell it. */
  g_assert_true (taiou_windows_volume_looks_like (root));
  /* A data disk with a Windows folder but no registry is not a system volume. */
  g_assert_false (taiou_windows_volume_looks_like (data_root));
  /* "config" must be a folder, not a file of that name. */
  g_assert_true (g_file_set_contents (not_folder, "x", -1, NULL));
  g_assert_false (taiou_windows_volume_looks_like (file_volume));
  g_assert_false (taiou_windows_volume_looks_like ("/nonexistent/taiou"));
}

static void
test_inspect (void)
{
  g_autofree char *config = make_folder ("vol/Windows/System32/config");
  g_autofree char *root = g_build_filename (g_get_user_data_dir (), "vol", NULL);
  g_autofree char *plain = make_folder ("plain");
  g_autoptr(TaiouWindowsVolumeInfo) info = NULL;
  g_autoptr(TaiouWindowsVolumeInfo) not_windows = NULL;
  g_autoptr(GError) error = NULL;

  /* A folder on this computer's own disk: no partition of its own, so no serial is read (it
   * would be this computer's) and the reason says so. */
  info = taiou_windows_volume_inspect (root, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (info->root, ==, root);
  g_assert_null (info->device);
  g_assert_false (info->has_serial);
  g_assert_nonnull (info->serial_problem);

  not_windows = taiou_windows_volume_inspect (plain, &error);
  g_assert_null (not_windows);
  g_assert_error (error, TAIOU_WINDOWS_VOLUME_ERROR, TAIOU_WINDOWS_VOLUME_ERROR_NOT_WINDOWS);
  g_clear_error (&error);
  g_assert_null (taiou_windows_volume_inspect ("/nonexistent/taiou", &error));
  g_assert_error (error, TAIOU_WINDOWS_VOLUME_ERROR, TAIOU_WINDOWS_VOLUME_ERROR_NOT_A_FOLDER);
}

static void
test_device_from_mountinfo (void)
{
  const char *mountinfo =
    "22 1 8:1 / / rw,relatime shared:1 - ext4 /dev/sda1 rw\n"
    "40 22 8:18 / /media/taro/Windows\\040Disk rw,nosuid shared:20 - ntfs3 /dev/sdb2 rw\n"
    /* A bind mount of a folder inside a partition is not that partition's volume. */
    "41 22 8:1 /srv/copy /mnt/copy rw shared:21 - ext4 /dev/sda1 rw\n"
    /* Over-mounted: the last mount on a point wins, and a FUSE source is no device. */
    "42 22 8:19 / /mnt/over rw - ntfs3 /dev/sdb3 rw\n"
    "43 42 0:50 / /mnt/over rw - fuse.sshfs host:/share rw\n"
    "truncated line\n"
    "44 22 8:20 / /mnt/fuseblk rw shared:30 master:2 - fuseblk /dev/sdc1 rw\n";
  g_autofree char *spaced = NULL;
  g_autofree char *fuseblk = NULL;

  spaced = taiou_windows_volume_device_from_mountinfo (mountinfo, "/media/taro/Windows Disk");
  g_assert_cmpstr (spaced, ==, "/dev/sdb2");
  fuseblk = taiou_windows_volume_device_from_mountinfo (mountinfo, "/mnt/fuseblk");
  g_assert_cmpstr (fuseblk, ==, "/dev/sdc1");
  g_assert_null (taiou_windows_volume_device_from_mountinfo (mountinfo, "/mnt/copy"));
  g_assert_null (taiou_windows_volume_device_from_mountinfo (mountinfo, "/mnt/over"));
  g_assert_null (taiou_windows_volume_device_from_mountinfo (mountinfo, "/media/taro"));
  g_assert_null (taiou_windows_volume_device_from_mountinfo ("", "/"));
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/taiou/windows-volume/looks-like-windows", test_looks_like_windows);
  g_test_add_func ("/taiou/windows-volume/inspect", test_inspect);
  g_test_add_func ("/taiou/windows-volume/device-from-mountinfo", test_device_from_mountinfo);
  return g_test_run ();
}
