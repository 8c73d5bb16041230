/* test-winreg.c — the hive reader (taiou-winreg) and the volume serial (taiou-volume-serial)
 *
 * Hives are generated (tests/common/taiou-test-hive.c); boot sectors are built byte by byte.
 */
#define G_LOG_DOMAIN "test-winreg"

#include "config.h"

#include <fcntl.h>
#include <glib/gstdio.h>
#include <string.h>

#include "taiou-probe-winvol-private.h"
#include "taiou-test-hive.h"
#include "taiou-test-util.h"

static void
test_volume_serial_boot_sectors (void)
{
  g_autofree guint8 *ntfs = taiou_test_ntfs_boot_sector (G_GUINT64_CONSTANT (0xffffffff12345678));
  guint8 fat32[TAIOU_BOOT_SECTOR_SIZE] = { 0 };
  guint8 exfat[TAIOU_BOOT_SECTOR_SIZE] = { 0 };
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  const char *file_system = NULL;
  guint32 serial = 0;

  g_assert_true (taiou_volume_serial_from_boot_sector (ntfs, TAIOU_BOOT_SECTOR_SIZE, &serial,
                                                       &file_system, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (serial, ==, 0x12345678);
  g_assert_cmpstr (file_system, ==, "NTFS");

  memcpy (fat32 + 3, "MSDOS5.0", 8);
  fat32[0x42] = 0x29;
  fat32[0x43] = 0x4d;
  fat32[0x44] = 0x3c;
  fat32[0x45] = 0x2b;
  fat32[0x46] = 0x1a;
  memcpy (fat32 + 0x52, "FAT32   ", 8);
  fat32[510] = 0x55;
  fat32[511] = 0xaa;
  g_assert_true (taiou_volume_serial_from_boot_sector (fat32, sizeof fat32, &serial,
                                                       &file_system, &error));
  g_assert_cmpuint (serial, ==, 0x1a2b3c4d);
  g_assert_cmpstr (file_system, ==, "FAT32");
  text = taiou_volume_serial_format (serial);
  g_assert_cmpstr (text, ==, "1A2B-3C4D");

  memcpy (exfat + 3, "EXFAT   ", 8);
  exfat[0x64] = 0x01;
  exfat[0x67] = 0x80;
  exfat[510] = 0x55;
  exfat[511] = 0xaa;
  g_assert_true (taiou_volume_serial_from_boot_sector (exfat, sizeof exfat, &serial, NULL,
                                                       &error));
  g_assert_cmpuint (serial, ==, 0x80000001);

  /* No 55 AA, a short read, an unknown file system. */
  ntfs[511] = 0;
  g_assert_false (taiou_volume_serial_from_boot_sector (ntfs, TAIOU_BOOT_SECTOR_SIZE, &serial,
                                                        NULL, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA);
  g_clear_error (&error);
  g_assert_false (taiou_volume_serial_from_boot_sector (fat32, 511, &serial, NULL, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA);
  g_clear_error (&error);
  memcpy (exfat + 3, "EXT4    ", 8);
  g_assert_false (taiou_volume_serial_from_boot_sector (exfat, sizeof exfat, &serial, NULL,
                                                        &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA);
}

static void
test_volume_serial_parse (void)
{
  static const char *const bad[] = {
    "", "1A2B3C4", "1A2B3C4D5", "1A2B--3C4D", "1A2-B3C4D", "XYZW-1234", "1A2B-3C4D ", NULL
  };
  guint32 serial = 0;

  g_assert_true (taiou_volume_serial_parse ("1A2B-3C4D", &serial, NULL));
  g_assert_cmpuint (serial, ==, 0x1a2b3c4d);
  g_assert_true (taiou_volume_serial_parse ("d3a5c0f1", &serial, NULL));
  g_assert_cmpuint (serial, ==, 0xd3a5c0f1);
  g_assert_true (taiou_volume_serial_parse ("0x00000001", &serial, NULL));
  g_assert_cmpuint (serial, ==, 1);
  for (guint i = 0; bad[i] != NULL; i++)
    {
      g_autoptr(GError) error = NULL;

      serial = 7;
      g_assert_false (taiou_volume_serial_parse (bad[i], &serial, &error));
      g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT);
      g_assert_cmpuint (serial, ==, 7);
    }
}

static void
test_utf16 (void)
{
  static const guint8 ascii[] = { 'R', 0, 'u', 0, 'n', 0 };
  static const guint8 japanese[] = { 0xcb, 0x8a, 0x42, 0x6c, 0xf8, 0x66, 0, 0, 'x', 0 };
  static const guint8 pair[] = { 0x3d, 0xd8, 0x00, 0xde, '!', 0 };         /* 😀! */
  static const guint8 lone_low[] = { 0x00, 0xdc, 'x', 0 };
  static const guint8 odd[] = { 'o', 0, 'k', 0, 'x' };
  static const guint8 high_at_end[] = { 'a', 0, 0x3d, 0xd8 };
  gboolean lossy = TRUE;
  g_autofree char *text = NULL;

  text = taiou_winreg_utf16le_to_utf8 (ascii, sizeof ascii, &lossy);
  g_assert_cmpstr (text, ==, "Run");
  g_assert_false (lossy);
  g_free (text);
  text = taiou_winreg_utf16le_to_utf8 (japanese, sizeof japanese, &lossy);
  g_assert_cmpstr (text, ==, "請求書");
  g_assert_false (lossy);
  g_free (text);
  text = taiou_winreg_utf16le_to_utf8 (pair, sizeof pair, &lossy);
  g_assert_cmpstr (text, ==, "\xf0\x9f\x98\x80!");
  g_assert_false (lossy);
  g_free (text);
  text = taiou_winreg_utf16le_to_utf8 (lone_low, sizeof lone_low, &lossy);
  g_assert_cmpstr (text, ==, "\xef\xbf\xbdx");
  g_assert_true (lossy);
  g_free (text);
  text = taiou_winreg_utf16le_to_utf8 (odd, sizeof odd, &lossy);
  g_assert_cmpstr (text, ==, "ok");
  g_assert_false (lossy);
  g_free (text);
  text = taiou_winreg_utf16le_to_utf8 (high_at_end, sizeof high_at_end, &lossy);
  g_assert_cmpstr (text, ==, "a\xef\xbf\xbd");
  g_assert_true (lossy);
  g_free (text);
  text = taiou_winreg_utf16le_to_utf8 (NULL, 0, NULL);
  g_assert_cmpstr (text, ==, "");
}

/* The hive reader on its own: a generated hive read back from bytes and from a file. */
static void
test_hive_reads_back (void)
{
  g_autoptr(TaiouTestHive) generator = taiou_test_hive_new ();
  g_autofree char *path = g_build_filename (g_get_user_data_dir (), "hive", NULL);
  g_autoptr(TaiouWinregHive) hive = NULL;
  g_autoptr(TaiouWinregHive) from_file = NULL;
  g_autoptr(TaiouWinregValue) value = NULL;
  g_autoptr(GPtrArray) values = NULL;
  g_autoptr(GPtrArray) subkeys = NULL;
  g_autoptr(GPtrArray) problems = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GError) error = NULL;
  g_autofree char *contents = NULL;
  g_autofree char *text = NULL;
  TaiouWinregKey key;
  guint32 dword = 0;
  gsize length;

  g_assert_cmpint (g_mkdir_with_parents (g_get_user_data_dir (), 0700), ==, 0);
  taiou_test_hive_set_string (generator, "A\\B", "", TAIOU_WINREG_SZ, "default");
  taiou_test_hive_set_dword (generator, "A\\B", "Count", 0xfeedbeef);
  taiou_test_hive_set_value (generator, "A\\B", "Empty", TAIOU_WINREG_BINARY, "", 0);
  taiou_test_hive_add_key (generator, "A\\C");
  taiou_test_hive_save (generator, path);
  g_assert_true (g_file_get_contents (path, &contents, &length, NULL));

  hive = taiou_winreg_hive_new_from_bytes ((const guint8 *) contents, length, &error);
  g_assert_no_error (error);
  key = taiou_winreg_hive_lookup (hive, taiou_winreg_hive_root (hive), "a\\b", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (key, !=, 0);
  g_assert_cmpuint (taiou_winreg_hive_lookup (hive, taiou_winreg_hive_root (hive), "A\\D",
                                              &error), ==, 0);
  g_assert_no_error (error);

  values = taiou_winreg_hive_values (hive, key, problems, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (values->len, ==, 3);
  g_assert_cmpuint (problems->len, ==, 0);

  value = taiou_winreg_hive_value (hive, key, "", &error);
  g_assert_no_error (error);
  g_assert_nonnull (value);
  text = taiou_winreg_value_dup_string (value, NULL);
  g_assert_cmpstr (text, ==, "default");
  g_assert_false (taiou_winreg_value_get_dword (value, &dword));
  g_clear_pointer (&value, taiou_winreg_value_free);

  value = taiou_winreg_hive_value (hive, key, "COUNT", &error);
  g_assert_nonnull (value);
  g_assert_true (taiou_winreg_value_get_dword (value, &dword));
  g_assert_cmpuint (dword, ==, 0xfeedbeef);
  g_assert_null (taiou_winreg_value_dup_string (value, NULL));
  g_clear_pointer (&value, taiou_winreg_value_free);

  value = taiou_winreg_hive_value (hive, key, "Empty", &error);
  g_assert_nonnull (value);
  g_assert_cmpuint (g_bytes_get_size (value->data), ==, 0);
  g_clear_pointer (&value, taiou_winreg_value_free);
  g_assert_null (taiou_winreg_hive_value (hive, key, "Missing", &error));
  g_assert_no_error (error);

  key = taiou_winreg_hive_lookup (hive, taiou_winreg_hive_root (hive), "A", &error);
  subkeys = taiou_winreg_hive_subkeys (hive, key, problems, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (subkeys->len, ==, 2);
  g_assert_cmpstr (((TaiouWinregSubkey *) subkeys->pdata[0])->name, ==, "B");
  g_assert_cmpstr (((TaiouWinregSubkey *) subkeys->pdata[1])->name, ==, "C");

  from_file = taiou_winreg_hive_new_from_file (AT_FDCWD, path, length, &error);
  g_assert_no_error (error);
  g_assert_nonnull (from_file);
  g_clear_pointer (&from_file, taiou_winreg_hive_free);
  g_assert_null (taiou_winreg_hive_new_from_file (AT_FDCWD, path, length - 1, &error));
  g_assert_error (error, TAIOU_WINREG_ERROR, TAIOU_WINREG_ERROR_TOO_LARGE);
}

static void
assert_rejected (const guint8 *data,
                 gsize         length,
                 const char   *why)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TaiouWinregHive) hive = taiou_winreg_hive_new_from_bytes (data, length, &error);

  g_assert_null (hive);
  g_assert_error (error, TAIOU_WINREG_ERROR, TAIOU_WINREG_ERROR_FORMAT);
  g_assert_nonnull (strstr (error->message, why));
}

static void
fix_checksum (guint8 *hive)
{
  guint32 sum = 0;

  for (guint i = 0; i < 0x1fc; i += 4)
    sum ^= GUINT32_FROM_LE (*(guint32 *) (hive + i));
  *(guint32 *) (hive + 0x1fc) = GUINT32_TO_LE (sum);
}

/* The layout checks that run before hivex sees the bytes. */
static void
test_hive_layout_checked (void)
{
  g_autoptr(GBytes) empty = taiou_test_hive_empty_bytes ();
  gsize length = g_bytes_get_size (empty);
  g_autofree guint8 *copy = g_memdup2 (g_bytes_get_data (empty, NULL), length);
  g_autoptr(TaiouWinregHive) hive = NULL;
  g_autoptr(GError) error = NULL;

  hive = taiou_winreg_hive_new_from_bytes (copy, length, &error);
  g_assert_no_error (error);
  g_assert_nonnull (hive);

  assert_rejected (copy, 100, "only 100 bytes");
  copy[0] = 'R';
  assert_rejected (copy, length, "regf");
  copy[0] = 'r';
  copy[0x40] = 1;
  assert_rejected (copy, length, "checksum");
  copy[0x40] = 0;
  /* The header claims more hbin data than the file has. */
  *(guint32 *) (copy + 0x28) = GUINT32_TO_LE (0x2000);
  fix_checksum (copy);
  assert_rejected (copy, length, "data size");
  *(guint32 *) (copy + 0x28) = GUINT32_TO_LE (0x1000);
  fix_checksum (copy);
  /* A cell that runs past the end of its hbin: hivex alone would accept it. */
  *(guint32 *) (copy + 0x1000 + 0xa8) = GUINT32_TO_LE (0x100000);
  assert_rejected (copy, length, "bad cell");
}

/* The layout checks that reach past the header: where the root is and what each page says. */
static void
test_hive_pages_checked (void)
{
  g_autoptr(GBytes) empty = taiou_test_hive_empty_bytes ();
  gsize length = g_bytes_get_size (empty);
  g_autofree guint8 *copy = g_memdup2 (g_bytes_get_data (empty, NULL), length);
  guint32 root = GUINT32_FROM_LE (*(guint32 *) (copy + 0x24));

  /* The root key past the last hbin. */
  *(guint32 *) (copy + 0x24) = GUINT32_TO_LE (0x1000);
  fix_checksum (copy);
  assert_rejected (copy, length, "root key");
  *(guint32 *) (copy + 0x24) = GUINT32_TO_LE (root);
  fix_checksum (copy);

  /* An hbin page that is not one, that names another offset, or whose size overruns the data. */
  copy[0x1000] = 'H';
  assert_rejected (copy, length, "bad hbin page at offset 0x1000");
  copy[0x1000] = 'h';
  *(guint32 *) (copy + 0x1004) = GUINT32_TO_LE (0x1000);
  assert_rejected (copy, length, "bad hbin page");
  *(guint32 *) (copy + 0x1004) = 0;
  *(guint32 *) (copy + 0x1008) = GUINT32_TO_LE (0x2000);
  assert_rejected (copy, length, "bad hbin page");
  *(guint32 *) (copy + 0x1008) = GUINT32_TO_LE (0x1000);
}

/* A hive named on a suspect disk: only a regular file is read, never through a link. */
static void
test_hive_file_refused (void)
{
  g_autoptr(GBytes) empty = taiou_test_hive_empty_bytes ();
  g_autofree char *dir = g_dir_make_tmp ("taiou-hive-XXXXXX", NULL);
  g_autofree char *hive_path = g_build_filename (dir, "SYSTEM", NULL);
  g_autofree char *link_path = g_build_filename (dir, "link", NULL);
  g_autofree char *short_path = g_build_filename (dir, "short", NULL);
  g_autofree char *missing_path = g_build_filename (dir, "missing", NULL);
  g_autoptr(TaiouWinregHive) hive = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_true (g_file_set_contents (hive_path, g_bytes_get_data (empty, NULL),
                                      g_bytes_get_size (empty), NULL));
  g_assert_cmpint (symlink (hive_path, link_path), ==, 0);
  g_assert_true (g_file_set_contents (short_path, "regf", 4, NULL));

  hive = taiou_winreg_hive_new_from_file (AT_FDCWD, hive_path, G_MAXUINT64, &error);
  g_assert_no_error (error);
  g_assert_nonnull (hive);
  g_clear_pointer (&hive, taiou_winreg_hive_free);

  hive = taiou_winreg_hive_new_from_file (AT_FDCWD, link_path, G_MAXUINT64, &error);
  g_assert_error (error, TAIOU_WINREG_ERROR, TAIOU_WINREG_ERROR_READ);
  g_assert_null (hive);
  g_clear_error (&error);

  hive = taiou_winreg_hive_new_from_file (AT_FDCWD, missing_path, G_MAXUINT64, &error);
  g_assert_error (error, TAIOU_WINREG_ERROR, TAIOU_WINREG_ERROR_READ);
  g_clear_error (&error);

  hive = taiou_winreg_hive_new_from_file (AT_FDCWD, dir, G_MAXUINT64, &error);
  g_assert_error (error, TAIOU_WINREG_ERROR, TAIOU_WINREG_ERROR_READ);
  g_assert_cmpstr (error->message, ==, "not a regular file");
  g_clear_error (&error);

  hive = taiou_winreg_hive_new_from_file (AT_FDCWD, short_path, G_MAXUINT64, &error);
  g_assert_error (error, TAIOU_WINREG_ERROR, TAIOU_WINREG_ERROR_FORMAT);
  g_assert_nonnull (strstr (error->message, "only 4 bytes"));

  g_assert_cmpint (g_unlink (hive_path) + g_unlink (link_path) + g_unlink (short_path), ==, 0);
  g_assert_cmpint (g_rmdir (dir), ==, 0);
}

/* Appends an hbin holding one value list that names the value @vk @n_values times, and points
 * every key of @keys at it (a key handle is its nk cell's offset in the file; the nk record
 * holds the value count at 0x28 and the list's offset, from the first hbin, at 0x2c).  Small on
 * disk, huge to walk; hivex accepts it. */
static guint8 *
repeat_one_value (const char           *contents,
                  gsize                 length,
                  const TaiouWinregKey *keys,
                  guint                 n_keys,
                  guint32               vk,
                  guint32               n_values,
                  gsize                *new_length)
{
  gsize list_cell = (4 + 4 * (gsize) n_values + 7) & ~(gsize) 7;
  gsize page_size = (0x20 + list_cell + 8 + 0xfff) & ~(gsize) 0xfff;
  gsize page = 0x1000 + GUINT32_FROM_LE (*(guint32 *) (contents + 0x28));
  guint8 *hostile = g_malloc0 (page + page_size);

  g_assert_cmpuint (page, <=, length);
  memcpy (hostile, contents, page);
  memcpy (hostile + page, "hbin", 4);
  *(guint32 *) (hostile + page + 4) = GUINT32_TO_LE (page - 0x1000);
  *(guint32 *) (hostile + page + 8) = GUINT32_TO_LE (page_size);
  *(gint32 *) (hostile + page + 0x20) = GINT32_TO_LE (- (gint32) list_cell);
  for (guint32 i = 0; i < n_values; i++)
    *(guint32 *) (hostile + page + 0x24 + 4 * i) = GUINT32_TO_LE (vk);
  *(gint32 *) (hostile + page + 0x20 + list_cell) =
    GINT32_TO_LE ((gint32) (page_size - 0x20 - list_cell));
  for (guint i = 0; i < n_keys; i++)
    {
      *(guint32 *) (hostile + keys[i] + 0x28) = GUINT32_TO_LE (n_values);
      *(guint32 *) (hostile + keys[i] + 0x2c) = GUINT32_TO_LE (page + 0x20 - 0x1000);
    }
  *(guint32 *) (hostile + 0x28) = GUINT32_TO_LE (page + page_size - 0x1000);
  fix_checksum (hostile);
  *new_length = page + page_size;
  return hostile;
}

/* The offset of the first value cell of @key, as its value list names it. */
static guint32
first_value_cell (const char     *contents,
                  TaiouWinregKey  key)
{
  guint32 list = GUINT32_FROM_LE (*(guint32 *) (contents + key + 0x2c));

  return GUINT32_FROM_LE (*(guint32 *) (contents + 0x1000 + list + 4));
}

static TaiouWinregHive *
open_generated (TaiouTestHive  *generator,
                char          **contents,
                gsize          *length)
{
  g_autofree char *path = g_build_filename (g_get_user_data_dir (), "hive", NULL);
  g_autoptr(GError) error = NULL;
  TaiouWinregHive *hive;

  g_assert_cmpint (g_mkdir_with_parents (g_get_user_data_dir (), 0700), ==, 0);
  taiou_test_hive_save (generator, path);
  g_assert_true (g_file_get_contents (path, contents, length, NULL));
  hive = taiou_winreg_hive_new_from_bytes ((const guint8 *) *contents, *length, &error);
  g_assert_no_error (error);
  return hive;
}

/* The hive's work budget stops the reading instead of the probe spinning. */
static void
test_hive_work_is_bounded (void)
{
  g_autoptr(TaiouTestHive) generator = taiou_test_hive_new ();
  g_autoptr(TaiouWinregHive) hive = NULL;
  g_autoptr(GPtrArray) values = NULL;
  g_autoptr(GPtrArray) problems = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GError) error = NULL;
  g_autofree char *contents = NULL;
  g_autofree guint8 *hostile = NULL;
  gsize length;
  TaiouWinregKey key;
  guint n_lookups;

  taiou_test_hive_set_dword (generator, "K", "V", 1);
  hive = open_generated (generator, &contents, &length);
  key = taiou_winreg_hive_lookup (hive, taiou_winreg_hive_root (hive), "K", &error);
  g_assert_cmpuint (key, !=, 0);
  g_clear_pointer (&hive, taiou_winreg_hive_free);
  hostile = repeat_one_value (contents, length, &key, 1, first_value_cell (contents, key),
                              100000, &length);

  hive = taiou_winreg_hive_new_from_bytes (hostile, length, &error);
  g_assert_no_error (error);
  key = taiou_winreg_hive_lookup (hive, taiou_winreg_hive_root (hive), "K", &error);
  g_assert_cmpuint (key, !=, 0);
  /* The list is there: the per-key cap holds first. */
  values = taiou_winreg_hive_values (hive, key, problems, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (values->len, ==, TAIOU_WINREG_MAX_VALUES_PER_KEY);
  g_assert_cmpstr (((TaiouWinregValue *) values->pdata[9999])->name, ==, "V");
  g_assert_cmpuint (problems->len, ==, 1);
  g_assert_nonnull (strstr (problems->pdata[0], "more than 10000 values"));
  for (n_lookups = 0; n_lookups < 1000; n_lookups++)
    {
      g_autoptr(TaiouWinregValue) value = taiou_winreg_hive_value (hive, key, "missing", &error);

      g_assert_null (value);
      if (error != NULL)
        break;
    }
  g_assert_error (error, TAIOU_WINREG_ERROR, TAIOU_WINREG_ERROR_EXHAUSTED);
  /* 5,000,000 entries: the listing above and then some fifty walks of the list, not a thousand. */
  g_assert_cmpuint (n_lookups, >=, 40);
  g_assert_cmpuint (n_lookups, <=, 50);
  /* And it stays spent. */
  g_clear_error (&error);
  g_assert_null (taiou_winreg_hive_subkeys (hive, taiou_winreg_hive_root (hive), NULL, &error));
  g_assert_error (error, TAIOU_WINREG_ERROR, TAIOU_WINREG_ERROR_EXHAUSTED);
}

/* The same through the probe's SYSTEM reading: sixty services whose value lists are all the long
 * one.  The budget runs out after some fifty; the probe says so once and stops. */
static void
test_system_hive_work_is_bounded (void)
{
  g_autoptr(TaiouTestHive) generator = taiou_test_hive_new ();
  g_autoptr(TaiouWinregHive) hive = NULL;
  g_autoptr(TaiouHostSnapshot) snapshot = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *contents = NULL;
  g_autofree guint8 *hostile = NULL;
  TaiouWinregKey services[60];
  gsize length;

  taiou_test_hive_set_dword (generator, "Select", "Current", 1);
  for (guint i = 0; i < G_N_ELEMENTS (services); i++)
    {
      g_autofree char *key_path = g_strdup_printf ("ControlSet001\\Services\\S%02u", i);

      /* Not ImagePath: looking that up must walk the whole list. */
      taiou_test_hive_set_dword (generator, key_path, "Start", 2);
    }
  hive = open_generated (generator, &contents, &length);
  for (guint i = 0; i < G_N_ELEMENTS (services); i++)
    {
      g_autofree char *key_path = g_strdup_printf ("ControlSet001\\Services\\S%02u", i);

      services[i] = taiou_winreg_hive_lookup (hive, taiou_winreg_hive_root (hive), key_path,
                                              &error);
      g_assert_cmpuint (services[i], !=, 0);
    }
  g_clear_pointer (&hive, taiou_winreg_hive_free);
  hostile = repeat_one_value (contents, length, services, G_N_ELEMENTS (services),
                              first_value_cell (contents, services[0]), 100000, &length);

  hive = taiou_winreg_hive_new_from_bytes (hostile, length, &error);
  g_assert_no_error (error);
  snapshot = taiou_host_snapshot_new (TAIOU_HOST_OS_WINDOWS, NULL);
  g_assert_true (_taiou_winvol_read_system_hive (snapshot, hive, "SYSTEM", NULL));
  for (guint i = 0; i < snapshot->problems->len; i++)
    g_test_message ("problem: %s", (const char *) snapshot->problems->pdata[i]);
  g_assert_cmpuint (snapshot->problems->len, ==, 1);
  g_assert_nonnull (strstr (snapshot->problems->pdata[0], "SYSTEM: Services\\S"));
  g_assert_nonnull (strstr (snapshot->problems->pdata[0], "more than 5000000 entries"));
  g_assert_cmpuint (snapshot->autoruns->len, ==, 0);
}

/* A big-data ("db") value whose block list claims 65,535 blocks but is the last cell of the
 * file: hivex 1.3.23 reads the list's second entry from past the end of the hive (on the file
 * itself, hivexget reports a "subblock" made of whatever memory follows its mapping).  Every
 * cell fits its hbin, so the layout check passes it; the big-data check refuses it before hivex
 * reads it (and the zero padding after the private copy would have kept the read in it). */
static void
test_big_data_list_past_the_end (void)
{
  g_autoptr(TaiouTestHive) generator = taiou_test_hive_new ();
  g_autoptr(TaiouWinregHive) hive = NULL;
  g_autoptr(TaiouWinregValue) value = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *contents = NULL;
  g_autofree guint8 *hostile = NULL;
  gsize length;
  gsize page;
  guint32 vk;
  TaiouWinregKey key;

  taiou_test_hive_set_value (generator, "K", "V", TAIOU_WINREG_BINARY, "12345678", 8);
  hive = open_generated (generator, &contents, &length);
  key = taiou_winreg_hive_lookup (hive, taiou_winreg_hive_root (hive), "K", &error);
  g_assert_cmpuint (key, !=, 0);
  g_clear_pointer (&hive, taiou_winreg_hive_free);
  vk = 0x1000 + first_value_cell (contents, key);

  /* One more hbin: the db record first, the block list last, free space between. */
  page = 0x1000 + GUINT32_FROM_LE (*(guint32 *) (contents + 0x28));
  hostile = g_malloc0 (page + 0x1000);
  memcpy (hostile, contents, page);
  memcpy (hostile + page, "hbin", 4);
  *(guint32 *) (hostile + page + 4) = GUINT32_TO_LE (page - 0x1000);
  *(guint32 *) (hostile + page + 8) = GUINT32_TO_LE (0x1000);
  *(gint32 *) (hostile + page + 0x20) = GINT32_TO_LE (-16);
  memcpy (hostile + page + 0x24, "db", 2);
  *(guint16 *) (hostile + page + 0x26) = GUINT16_TO_LE (65535);
  *(guint32 *) (hostile + page + 0x28) = GUINT32_TO_LE (page - 0x1000 + 0xff8);
  *(gint32 *) (hostile + page + 0x30) = GINT32_TO_LE (0x1000 - 0x30 - 8);
  *(gint32 *) (hostile + page + 0xff8) = GINT32_TO_LE (-8);
  /* Its first block is valid (the db cell itself), so hivex goes on to the second. */
  *(guint32 *) (hostile + page + 0xffc) = GUINT32_TO_LE (page - 0x1000 + 0x20);
  /* The value: 20,000 bytes, too many for its cell, so they are "in" the db record. */
  *(guint32 *) (hostile + vk + 0x08) = GUINT32_TO_LE (20000);
  *(guint32 *) (hostile + vk + 0x0c) = GUINT32_TO_LE (page - 0x1000 + 0x20);
  *(guint32 *) (hostile + 0x28) = GUINT32_TO_LE (page + 0x1000 - 0x1000);
  fix_checksum (hostile);
  length = page + 0x1000;

  hive = taiou_winreg_hive_new_from_bytes (hostile, length, &error);
  g_assert_no_error (error);
  key = taiou_winreg_hive_lookup (hive, taiou_winreg_hive_root (hive), "K", &error);
  g_assert_cmpuint (key, !=, 0);
  value = taiou_winreg_hive_value (hive, key, "V", &error);
  g_assert_null (value);
  g_assert_error (error, TAIOU_WINREG_ERROR, TAIOU_WINREG_ERROR_FORMAT);
  g_assert_nonnull (strstr (error->message, "names more blocks than it lists"));
  g_clear_error (&error);

  /* A list long enough for what the record claims is left to hivex. */
  *(guint16 *) (hostile + page + 0x26) = GUINT16_TO_LE (1);
  g_clear_pointer (&hive, taiou_winreg_hive_free);
  hive = taiou_winreg_hive_new_from_bytes (hostile, length, &error);
  g_assert_no_error (error);
  value = taiou_winreg_hive_value (hive, key, "V", &error);
  g_assert_no_error (error);
  g_assert_nonnull (value);
  g_assert_cmpuint (g_bytes_get_size (value->data), ==, 8);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/taiou/winreg/utf16", test_utf16);
  g_test_add_func ("/taiou/winreg/generated-hive-reads-back", test_hive_reads_back);
  g_test_add_func ("/taiou/winreg/layout-checked-before-hivex", test_hive_layout_checked);
  g_test_add_func ("/taiou/winreg/pages-checked-before-hivex", test_hive_pages_checked);
  g_test_add_func ("/taiou/winreg/file-refused", test_hive_file_refused);
  g_test_add_func ("/taiou/winreg/work-is-bounded", test_hive_work_is_bounded);
  g_test_add_func ("/taiou/winreg/big-data-list-past-the-end", test_big_data_list_past_the_end);
  g_test_add_func ("/taiou/winreg/system-hive-work-is-bounded", test_system_hive_work_is_bounded);
  g_test_add_func ("/taiou/volume-serial/boot-sectors", test_volume_serial_boot_sectors);
  g_test_add_func ("/taiou/volume-serial/parse", test_volume_serial_parse);

  return g_test_run ();
}
