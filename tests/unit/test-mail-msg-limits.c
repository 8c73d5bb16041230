/* test-mail-msg-limits.c — Outlook .msg files that are not messages, are damaged or are too large
 *
 * Every one is refused with a TaiouMailMsgError and nothing half-read; the well-formed files'
 * properties and parts are tested in test-mail-msg.c.
 */
#define G_LOG_DOMAIN "test-mail-msg-limits"

#include "config.h"

#include <glib/gstdio.h>
#include <string.h>

#include "taiou-mail-msg-private.h"
#include "taiou-test-msg.h"
#include "taiou-test-util.h"

G_DEFINE_AUTOPTR_CLEANUP_FUNC (GMimeMessage, g_object_unref)

static void
test_not_a_message (void)
{
  g_autoptr(GBytes) text = g_bytes_new_static ("From: a@example.jp\r\n\r\nhello\r\n", 29);
  g_autoptr(GBytes) empty = g_bytes_new_static ("", 0);
  g_autoptr(GBytes) doc = taiou_test_msg_build_fake_doc ();

  taiou_test_msg_assert_refused (text, TAIOU_MAIL_MSG_ERROR_NOT_MSG);
  taiou_test_msg_assert_refused (empty, TAIOU_MAIL_MSG_ERROR_NOT_MSG);
  taiou_test_msg_assert_refused (doc, TAIOU_MAIL_MSG_ERROR_NOT_MSG);
}

static void
test_truncated (void)
{
  g_autoptr(TaiouTestMsg) msg = taiou_test_msg_new_sample (FALSE);
  g_autoptr(GBytes) file = taiou_test_msg_build (msg);
  gsize length = g_bytes_get_size (file);
  const gsize cuts[] = { 8, 100, 511, 512, 513, 1024, length / 2, length - 512 };

  for (guint i = 0; i < G_N_ELEMENTS (cuts); i++)
    {
      g_autoptr(GBytes) cut = g_bytes_new_from_bytes (file, 0, cuts[i]);

      g_test_message ("cut at %" G_GSIZE_FORMAT " of %" G_GSIZE_FORMAT, cuts[i], length);
      taiou_test_msg_assert_refused (cut, TAIOU_MAIL_MSG_ERROR_DAMAGED);
    }
}


typedef struct
{
  const char *what;
  gsize       offset;
  guint32     value;
} Patch;

/* Each of these would make libgsf warn (fatal in tests) or misbehave: they are refused. */
static void
test_damaged_structures (void)
{
  g_autoptr(TaiouTestMsg) msg = taiou_test_msg_new_sample (FALSE);
  g_autoptr(GBytes) file = taiou_test_msg_build (msg);
  gsize subject = taiou_test_msg_find_dirent (file, "__substg1.0_0037001F", 0);
  gsize body = taiou_test_msg_find_dirent (file, "__substg1.0_1000001F", 0);
  gsize root = taiou_test_msg_find_dirent (file, "Root Entry", 0);
  gsize bin = taiou_test_msg_find_dirent (file, "__substg1.0_37010102", 1);
  /* libgsf writes the directory last, in consecutive sectors. */
  guint32 subject_index = (subject - 512 - 512 * taiou_test_msg_get_u32 (file, 0x30)) / 128;
  guint32 fat_sector = taiou_test_msg_get_u32 (file, 0x4C);
  guint32 bin_start = taiou_test_msg_get_u32 (file, bin + 0x74);
  const Patch patches[] = {
    { "stream size past the file", subject + 0x78, 0x7FFFFFF0 },
    { "big stream longer than its chain", bin + 0x78, 6 * 1024 },
    { "FAT loop", 512 + fat_sector * 512 + 4 * bin_start, bin_start },
    { "directory self-link", subject + 0x44, subject_index },
    { "root with a sibling", root + 0x48, subject_index },
    { "unknown entry type", subject + 0x40, 0x00030000 | 42 },
    { "stream with children", subject + 0x4C, 1 },
    { "two streams share mini sectors", subject + 0x74,
      taiou_test_msg_get_u32 (file, body + 0x74) },
    { "sector size", 0x1C, 0x000AFFFE },
    { "directory start past the end", 0x30, 0x00FFFFFF },
  };

  /* The sample's data.bin is in big sectors: the FAT patch hits a real chain. */
  g_assert_cmpuint (taiou_test_msg_get_u32 (file, bin + 0x78), ==, TAIOU_TEST_MSG_BIN_SIZE);
  for (guint i = 0; i < G_N_ELEMENTS (patches); i++)
    {
      g_autoptr(GBytes) broken = taiou_test_msg_patch_u32 (file, patches[i].offset,
                                                           patches[i].value);

      g_test_message ("%s", patches[i].what);
      taiou_test_msg_assert_refused (broken, TAIOU_MAIL_MSG_ERROR_DAMAGED);
    }
}

static void
test_too_many_attachments (void)
{
  g_autoptr(TaiouTestMsg) msg = taiou_test_msg_new ();
  g_autoptr(GBytes) file = NULL;

  taiou_test_msg_set_unicode (msg, 0x0037, "many");
  for (guint i = 0; i < 501; i++)
    taiou_test_msg_add_attachment (msg, NULL, NULL, "x", 1);
  file = taiou_test_msg_build (msg);
  taiou_test_msg_assert_refused (file, TAIOU_MAIL_MSG_ERROR_TOO_LARGE);
}

static void
test_too_many_recipients (void)
{
  g_autoptr(TaiouTestMsg) msg = taiou_test_msg_new ();
  g_autoptr(GBytes) file = NULL;
  g_autoptr(GError) error = NULL;
  GMimeMessage *message;

  taiou_test_msg_set_unicode (msg, 0x0037, "many");
  for (guint i = 0; i < 2001; i++)
    taiou_test_msg_add_recipient (msg, NULL, NULL, 1);
  file = taiou_test_msg_build (msg);
  message = taiou_mail_msg_read (file, &error);
  g_assert_null (message);
  g_assert_error (error, TAIOU_MAIL_MSG_ERROR, TAIOU_MAIL_MSG_ERROR_TOO_LARGE);
  g_assert_nonnull (strstr (error->message, "2000 recipients"));
}

/* A storage with thousands of entries would cost libgsf quadratic time to sort. */
static void
test_too_many_entries (void)
{
  g_autoptr(TaiouTestMsg) msg = taiou_test_msg_new ();
  g_autoptr(GBytes) file = NULL;
  g_autoptr(GError) error = NULL;
  GMimeMessage *message;

  for (guint i = 0; i < 5001; i++)
    taiou_test_msg_set_long (taiou_test_msg_add_attachment (msg, NULL, NULL, NULL, 0), 0x3705, 1);
  file = taiou_test_msg_build (msg);
  message = taiou_mail_msg_read (file, &error);
  g_assert_null (message);
  g_assert_error (error, TAIOU_MAIL_MSG_ERROR, TAIOU_MAIL_MSG_ERROR_TOO_LARGE);
  g_assert_nonnull (strstr (error->message, "too many entries"));
}

static void
test_property_too_large (void)
{
  g_autoptr(TaiouTestMsg) msg = taiou_test_msg_new ();
  g_autoptr(GBytes) file = NULL;
  gsize n_units = 8 * 1024 * 1024 + 1;  /* 16 MiB and 2 bytes, plus the terminator */
  g_autofree guint16 *units = g_new (guint16, n_units);

  for (gsize i = 0; i < n_units; i++)
    units[i] = 'a';
  taiou_test_msg_set_unicode (msg, 0x0037, "huge body");
  taiou_test_msg_set_utf16 (msg, 0x1000, units, n_units);
  file = taiou_test_msg_build (msg);
  taiou_test_msg_assert_refused (file, TAIOU_MAIL_MSG_ERROR_TOO_LARGE);
}

static void
test_read_file (void)
{
  g_autoptr(TaiouTestMsg) msg = taiou_test_msg_new_sample (TRUE);
  g_autoptr(GBytes) file = taiou_test_msg_build (msg);
  g_autofree char *dir = g_dir_make_tmp ("taiou-msg-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "mail.msg", NULL);
  g_autofree char *huge = g_build_filename (dir, "huge.msg", NULL);
  g_autofree char *missing = g_build_filename (dir, "missing.msg", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(GMimeMessage) message = NULL;
  GMimeMessage *none;
  FILE *stream;

  g_assert_true (g_file_set_contents (path, g_bytes_get_data (file, NULL),
                                      g_bytes_get_size (file), NULL));
  message = taiou_mail_msg_read_file (path, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (g_mime_message_get_subject (message), ==, TAIOU_TEST_MSG_SUBJECT);

  /* A sparse file one byte over the cap is refused before anything is read. */
  stream = g_fopen (huge, "wb");
  g_assert_nonnull (stream);
  g_assert_cmpint (fseek (stream, TAIOU_MAIL_MSG_MAX_FILE_SIZE, SEEK_SET), ==, 0);
  g_assert_cmpint (fputc (0, stream), ==, 0);
  fclose (stream);
  none = taiou_mail_msg_read_file (huge, &error);
  g_assert_null (none);
  g_assert_error (error, TAIOU_MAIL_MSG_ERROR, TAIOU_MAIL_MSG_ERROR_TOO_LARGE);
  g_clear_error (&error);

  none = taiou_mail_msg_read_file (missing, &error);
  g_assert_null (none);
  g_assert_error (error, TAIOU_MAIL_MSG_ERROR, TAIOU_MAIL_MSG_ERROR_READ);

  g_assert_cmpint (g_remove (path), ==, 0);
  g_assert_cmpint (g_remove (huge), ==, 0);
  g_assert_cmpint (g_rmdir (dir), ==, 0);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/taiou/mail-msg-limits/not-a-message", test_not_a_message);
  g_test_add_func ("/taiou/mail-msg-limits/truncated", test_truncated);
  g_test_add_func ("/taiou/mail-msg-limits/damaged-structures", test_damaged_structures);
  g_test_add_func ("/taiou/mail-msg-limits/too-many-attachments", test_too_many_attachments);
  g_test_add_func ("/taiou/mail-msg-limits/too-many-recipients", test_too_many_recipients);
  g_test_add_func ("/taiou/mail-msg-limits/too-many-entries", test_too_many_entries);
  g_test_add_func ("/taiou/mail-msg-limits/property-too-large", test_property_too_large);
  g_test_add_func ("/taiou/mail-msg-limits/read-file", test_read_file);

  return g_test_run ();
}
