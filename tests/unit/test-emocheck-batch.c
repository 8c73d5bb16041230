/* test-emocheck-batch.c — EmoCheck reports read from one file or a folder of many */
#define G_LOG_DOMAIN "test-emocheck-batch"

#include "config.h"

#include <glib/gstdio.h>
#include <string.h>
#include <unistd.h>

#include "taiou-test-util.h"

static const char infected_json[] =
  "{\"scan_time\":\"2022-03-08 10:15:00\",\"hostname\":\"PC-07\",\"emocheck_version\":\"2.3.2\","
  "\"is_infected\":\"yes\",\"emotet_processes\":[{\"process_name\":\"mstask.exe\","
  "\"process_id\":\"716\",\"image_path\":\"C:\\\\Users\\\\taro\\\\AppData\\\\Local\\\\mstask"
  "\\\\mstask.exe\",\"registry_key\":\"\"}]}";

static const char clean_text[] =
  "[EmoCheck v2.3.2]\r\n"
  "Scan time: 2022-03-09 09:00:00\r\n"
  "____________________________________________________\r\n"
  "[Result] \r\n"
  "Emotet was not detected.\r\n";

static char *
write_in (const char *folder,
          const char *name,
          const char *contents)
{
  char *path = g_build_filename (folder, name, NULL);
  g_autofree char *parent = g_path_get_dirname (path);

  g_assert_cmpint (g_mkdir_with_parents (parent, 0700), ==, 0);
  g_assert_true (g_file_set_contents (path, contents, -1, NULL));
  return path;
}

static void
count_progress (const TaiouScanProgress *progress,
                gpointer                 user_data)
{
  (*(guint *) user_data)++;
}

static void
test_folder_of_reports (void)
{
  g_autofree char *stick = g_build_filename (g_get_user_data_dir (), "usb", NULL);
  g_autofree char *link = g_build_filename (stick, "elsewhere", NULL);
  g_autoptr(TaiouEmocheckBatch) batch = NULL;
  g_autoptr(GError) error = NULL;
  guint n_progress = 0;

  g_free (write_in (stick, "PC-07/PC-07_20220308101500_emocheck.json", infected_json));
  g_free (write_in (stick, "PC-03_20220309090000_EMOCHECK.txt", clean_text));
  g_free (write_in (stick, "PC-05_20220309090000_emocheck.txt", "not a report"));
  g_free (write_in (stick, "notes.txt", "a memo, not read"));
  /* A link is not followed, even to a folder of reports. */
  g_assert_cmpint (symlink (g_get_user_data_dir (), link), ==, 0);

  batch = taiou_emocheck_batch_load (stick, count_progress, &n_progress, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (batch->reports->len, ==, 2);
  /* Files in name order, then subfolders. */
  g_assert_true (g_str_has_suffix (batch->paths->pdata[0], "PC-03_20220309090000_EMOCHECK.txt"));
  g_assert_true (g_str_has_suffix (batch->paths->pdata[1], "PC-07_20220308101500_emocheck.json"));
  g_assert_cmpuint (taiou_emocheck_batch_n_infected (batch), ==, 1);
  g_assert_cmpuint (batch->problems->len, ==, 1);
  g_assert_nonnull (strstr (batch->problems->pdata[0], "PC-05_"));
  g_assert_false (batch->truncated);
  g_assert_cmpuint (batch->n_bytes, ==, strlen (infected_json) + strlen (clean_text) + 12);
  g_assert_cmpuint (n_progress, >=, 3);
}

static void
test_single_file_any_name (void)
{
  g_autofree char *path = write_in (g_get_user_data_dir (), "report.txt", clean_text);
  g_autofree char *empty = g_build_filename (g_get_user_data_dir (), "empty", NULL);
  g_autofree char *bad = write_in (g_get_user_data_dir (), "bad.json", "{\"x\":");
  g_autoptr(TaiouEmocheckBatch) batch = NULL;
  g_autoptr(TaiouEmocheckBatch) none = NULL;
  g_autoptr(GError) error = NULL;

  batch = taiou_emocheck_batch_load (path, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (batch->reports->len, ==, 1);
  g_assert_cmpuint (taiou_emocheck_batch_n_infected (batch), ==, 0);

  /* A file given by name that is no report is an error, not an empty batch. */
  g_assert_null (taiou_emocheck_batch_load (bad, NULL, NULL, NULL, &error));
  g_assert_error (error, TAIOU_IMPORT_ERROR, TAIOU_IMPORT_ERROR_FORMAT);
  g_clear_error (&error);

  g_assert_cmpint (g_mkdir (empty, 0700), ==, 0);
  none = taiou_emocheck_batch_load (empty, NULL, NULL, NULL, &error);
  g_assert_null (none);
  g_assert_error (error, TAIOU_IMPORT_ERROR, TAIOU_IMPORT_ERROR_READ);
}

static void
test_cancelled_returns_nothing (void)
{
  g_autofree char *stick = g_build_filename (g_get_user_data_dir (), "cancel", NULL);
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GError) error = NULL;

  g_free (write_in (stick, "A_emocheck.txt", clean_text));
  g_cancellable_cancel (cancellable);
  g_assert_null (taiou_emocheck_batch_load (stick, NULL, NULL, cancellable, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
}

static void
test_many_reports_are_capped (void)
{
  g_autofree char *stick = g_build_filename (g_get_user_data_dir (), "many", NULL);
  g_autoptr(TaiouEmocheckBatch) batch = NULL;
  g_autoptr(GError) error = NULL;

  for (guint i = 0; i < TAIOU_EMOCHECK_BATCH_MAX_REPORTS + 5; i++)
    {
      g_autofree char *name = g_strdup_printf ("PC-%04u_emocheck.txt", i);

      g_free (write_in (stick, name, clean_text));
    }
  batch = taiou_emocheck_batch_load (stick, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (batch->reports->len, ==, TAIOU_EMOCHECK_BATCH_MAX_REPORTS);
  g_assert_true (batch->truncated);
}

static void
test_async (void)
{
  g_autofree char *path = write_in (g_get_user_data_dir (), "async_emocheck.json", infected_json);
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(TaiouEmocheckBatch) batch = NULL;
  g_autoptr(GError) error = NULL;

  taiou_emocheck_batch_load_async (path, NULL, NULL, NULL, taiou_test_store_result, &result);
  while (result == NULL)
    g_main_context_iteration (NULL, TRUE);
  batch = taiou_emocheck_batch_load_finish (result, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (taiou_emocheck_batch_n_infected (batch), ==, 1);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/taiou/emocheck-batch/folder-of-reports", test_folder_of_reports);
  g_test_add_func ("/taiou/emocheck-batch/single-file-any-name", test_single_file_any_name);
  g_test_add_func ("/taiou/emocheck-batch/cancelled-returns-nothing",
                   test_cancelled_returns_nothing);
  g_test_add_func ("/taiou/emocheck-batch/many-reports-are-capped", test_many_reports_are_capped);
  g_test_add_func ("/taiou/emocheck-batch/async", test_async);
  return g_test_run ();
}
