/* test-cli-checkpoint.c — `taiou-cli timeline checkpoint` and `timeline verify --checkpoint`:
 * the file, the recorded event, and each way the record can fail a checkpoint, with its exit
 * status */
#define G_LOG_DOMAIN "test-cli"

#include "config.h"

#include <string.h>

#include "taiou-test-rechain.h"
#include "taiou-test-util.h"

#define run_cli(...) taiou_test_run_cli ("C.UTF-8", __VA_ARGS__)

static char *
data_file (const char *name)
{
  /* The CLI finds the installation's key in $XDG_DATA_HOME: this test case's own folder. */
  g_setenv ("XDG_DATA_HOME", g_get_user_data_dir (), TRUE);
  g_assert_cmpint (g_mkdir_with_parents (g_get_user_data_dir (), 0700), ==, 0);
  return g_build_filename (g_get_user_data_dir (), name, NULL);
}

/* A database with an incident of 4 events and a checkpoint of them in a file. */
static void
issue_checkpoint (char **db,
                  char **file)
{
  g_autoptr(TaiouTimeline) timeline = taiou_test_timeline_new (db);
  g_autoptr(TaiouIncident) incident = taiou_test_add_incident (timeline, "感染の疑い", 3);
  g_autoptr(TaiouTestCliResult) result = NULL;
  g_autofree char *expected = NULL;

  *file = data_file ("checkpoint.txt");
  result = run_cli ("--db", *db, "timeline", "checkpoint", "--incident", "1", "--to",
                    "IT 管理者", "-o", *file, NULL);
  expected = g_strdup_printf ("Checkpoint of 4 events written to %s.\n", *file);
  g_assert_cmpstr (result->err, ==, "");
  g_assert_cmpint (result->status, ==, 0);
  g_assert_cmpstr (result->out, ==, expected);
}

static void
test_checkpoint_written_and_recorded (void)
{
  g_autofree char *db = NULL;
  g_autofree char *file = NULL;
  g_autofree char *text = NULL;
  g_autoptr(TaiouTestCliResult) show = NULL;
  g_autoptr(TaiouTestCliResult) key = NULL;
  g_autoptr(TaiouTestCliResult) stdout_checkpoint = NULL;

  issue_checkpoint (&db, &file);
  g_assert_true (g_file_get_contents (file, &text, NULL, NULL));
  g_assert_true (g_str_has_prefix (text, "taiou/"));
  g_assert_nonnull (strstr (text, "\n4\n"));
  g_assert_nonnull (strstr (text, "\nto IT 管理者\n"));

  show = run_cli ("--db", db, "timeline", "show", "1", NULL);
  g_assert_nonnull (strstr (show->out, "checkpoint.issued"));
  g_assert_nonnull (strstr (show->out, "Signed checkpoint of events #1–#4 given to IT 管理者"));

  /* The key named in the checkpoint is the one --show-key prints. */
  key = run_cli ("timeline", "checkpoint", "--show-key", NULL);
  g_assert_cmpint (key->status, ==, 0);
  g_assert_nonnull (strstr (key->out, "Fingerprint:"));
  g_assert_true (strncmp (strstr (key->out, "taiou/"), text, 22) == 0);
  g_assert_null (strstr (key->out, "PRIVATE"));

  /* Without -o, to standard output; without --incident, of the whole database. */
  stdout_checkpoint = run_cli ("--db", db, "timeline", "checkpoint", NULL);
  g_assert_cmpint (stdout_checkpoint->status, ==, 0);
  g_assert_nonnull (strstr (stdout_checkpoint->out, "\n5\n"));
  g_assert_null (strstr (stdout_checkpoint->out, "incident "));
}

static void
test_verify_holds_after_appending (void)
{
  g_autofree char *db = NULL;
  g_autofree char *file = NULL;
  g_autoptr(TaiouTestCliResult) note = NULL;
  g_autoptr(TaiouTestCliResult) result = NULL;
  g_autoptr(TaiouTestCliResult) json = NULL;

  issue_checkpoint (&db, &file);
  note = run_cli ("--db", db, "timeline", "note", "1", "later", NULL);
  g_assert_cmpint (note->status, ==, 0);

  result = run_cli ("--db", db, "timeline", "verify", "--checkpoint", file, NULL);
  g_assert_cmpint (result->status, ==, 0);
  g_assert_nonnull (strstr (result->out, "holds"));
  g_assert_nonnull (strstr (result->out, "4 events"));

  json = run_cli ("--db", db, "timeline", "verify", "--json", "--checkpoint", file, NULL);
  g_assert_cmpint (json->status, ==, 0);
  g_assert_nonnull (strstr (json->out, "\"result\" : \"held\""));
  g_assert_nonnull (strstr (json->out, "\"events_now\" : 6"));
}

static void
test_verify_detects_rechained_rewrite (void)
{
  g_autofree char *db = NULL;
  g_autofree char *file = NULL;
  g_autoptr(TaiouTestCliResult) plain = NULL;
  g_autoptr(TaiouTestCliResult) result = NULL;

  issue_checkpoint (&db, &file);
  taiou_test_rewrite_and_rechain (db, 2, "nothing to see");

  plain = run_cli ("--db", db, "timeline", "verify", NULL);
  g_assert_cmpint (plain->status, ==, 0);
  result = run_cli ("--db", db, "timeline", "verify", "--checkpoint", file, NULL);
  g_assert_cmpint (result->status, ==, 1);
  g_assert_nonnull (strstr (result->out, "TAMPERED WITH"));
  g_assert_nonnull (strstr (result->out, "rewritten"));
}

static void
test_verify_detects_truncation (void)
{
  g_autofree char *db = NULL;
  g_autofree char *file = NULL;
  g_autoptr(TaiouTestCliResult) result = NULL;

  issue_checkpoint (&db, &file);
  taiou_test_sqlite_exec (db, "DELETE FROM events WHERE seq >= 3");
  result = run_cli ("--db", db, "timeline", "verify", "--checkpoint", file, NULL);
  g_assert_cmpint (result->status, ==, 1);
  g_assert_nonnull (strstr (result->out, "cut short"));
}

static void
test_verify_refuses_other_key_and_bad_files (void)
{
  g_autofree char *db = NULL;
  g_autofree char *file = NULL;
  g_autofree char *garbage = data_file ("garbage.txt");
  g_autofree char *huge = data_file ("huge.txt");
  g_autofree char *filler = g_strnfill (100000, 'x');
  g_autoptr(TaiouTestCliResult) wrong = NULL;
  g_autoptr(TaiouTestCliResult) bad_key = NULL;
  g_autoptr(TaiouTestCliResult) files = NULL;
  g_autoptr(TaiouTestCliResult) japanese = NULL;

  issue_checkpoint (&db, &file);
  /* RFC 8032's first test key is not this installation's. */
  wrong = run_cli ("--db", db, "timeline", "verify", "--checkpoint", file, "--key",
                   "11qYAYKxCrfVS/7TyWQHOg7hcvPapiMlrwIaaPcHURo=", NULL);
  g_assert_cmpint (wrong->status, ==, 2);
  g_assert_nonnull (strstr (wrong->out, "REFUSED"));
  g_assert_nonnull (strstr (wrong->out, "not signed by the key"));

  bad_key = run_cli ("--db", db, "timeline", "verify", "--checkpoint", file, "--key", "abc",
                     NULL);
  g_assert_cmpint (bad_key->status, ==, 2);

  g_assert_true (g_file_set_contents (garbage, "taiou/x\n1\n!!!!\n\n— taiou/x AAAA\n", -1,
                                      NULL));
  g_assert_true (g_file_set_contents (huge, filler, -1, NULL));
  /* Several files at once: the good one holds, each bad one says why; the worst status wins. */
  files = run_cli ("--db", db, "timeline", "verify", "--checkpoint", file, garbage, huge, NULL);
  g_assert_cmpint (files->status, ==, 2);
  g_assert_nonnull (strstr (files->out, "holds"));
  g_assert_nonnull (strstr (files->out, "not a SHA-256 hash in base64"));
  g_assert_nonnull (strstr (files->out, "larger than 8192 bytes"));

  japanese = taiou_test_run_cli ("ja_JP.UTF-8", "--db", db, "timeline", "verify",
                                 "--checkpoint", huge, NULL);
  g_assert_cmpint (japanese->status, ==, 2);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/taiou/cli/checkpoint/written-and-recorded",
                   test_checkpoint_written_and_recorded);
  g_test_add_func ("/taiou/cli/checkpoint/holds-after-appending",
                   test_verify_holds_after_appending);
  g_test_add_func ("/taiou/cli/checkpoint/detects-rechained-rewrite",
                   test_verify_detects_rechained_rewrite);
  g_test_add_func ("/taiou/cli/checkpoint/detects-truncation", test_verify_detects_truncation);
  g_test_add_func ("/taiou/cli/checkpoint/refuses-other-key-and-bad-files",
                   test_verify_refuses_other_key_and_bad_files);

  return g_test_run ();
}
