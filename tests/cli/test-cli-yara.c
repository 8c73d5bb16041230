/* test-cli-yara.c — `taiou-cli scan` and `mail` with YARA rules: findings, --no-yara, a rule
 * file with a mistake (English and Japanese, exit 2) and what the record keeps */
#define G_LOG_DOMAIN "test-cli-yara"

#include "config.h"

#include <string.h>

#include "taiou-test-droppers.h"
#include "taiou-test-util.h"

static const TaiouTestDropper *
find_dropper (const char *rule)
{
  const TaiouTestDropper *droppers = taiou_test_droppers ();

  for (guint i = 0; droppers[i].name != NULL; i++)
    if (g_strcmp0 (droppers[i].rule, rule) == 0)
      return &droppers[i];
  g_assert_not_reached ();
}

/* A folder with a shortcut that starts PowerShell and an ordinary text file. */
static char *
write_tree (void)
{
  char *tree = g_build_filename (g_get_user_data_dir (), "tree", NULL);
  const TaiouTestDropper *lnk = find_dropper ("Taiou_LNK_Launches_Script_Host");
  g_autoptr(GBytes) bytes = lnk->build ();
  g_autofree char *lnk_path = g_build_filename (tree, "scan.pdf.lnk", NULL);
  g_autofree char *text_path = g_build_filename (tree, "notes.txt", NULL);

  g_assert_cmpint (g_mkdir_with_parents (tree, 0700), ==, 0);
  g_assert_true (g_file_set_contents (lnk_path, g_bytes_get_data (bytes, NULL),
                                      g_bytes_get_size (bytes), NULL));
  g_assert_true (g_file_set_contents (text_path, "powershell の研修メモ\n", -1, NULL));
  return tree;
}

static void
test_scan_finds_dropper (void)
{
  g_autofree char *tree = write_tree ();
  g_autoptr(TaiouTestCliResult) text = taiou_test_run_cli ("C.UTF-8", "scan", tree, NULL);
  g_autoptr(TaiouTestCliResult) json = taiou_test_run_cli ("C.UTF-8", "scan", "--json", tree,
                                                           NULL);
  g_autoptr(TaiouTestCliResult) off = taiou_test_run_cli ("C.UTF-8", "scan", "--no-yara",
                                                          "--no-bundled-iocs", tree, NULL);

  g_assert_cmpint (text->status, ==, 1);
  g_assert_nonnull (strstr (text->out, "[WARNING]  75"));
  g_assert_nonnull (strstr (text->out, "scan.pdf.lnk"));
  g_assert_nonnull (strstr (text->out, "YARA rule Taiou_LNK_Launches_Script_Host"));
  g_assert_nonnull (strstr (text->out, "matched against 2 files"));

  g_assert_cmpint (json->status, ==, 1);
  g_assert_nonnull (strstr (json->out, "\"rule\":\"yara.Taiou_LNK_Launches_Script_Host\""));
  g_assert_nonnull (strstr (json->out, "\"yara_scanned\":2"));
  g_assert_null (strstr (json->out, "notes.txt\""));

  g_assert_cmpint (off->status, ==, 0);
  g_assert_null (strstr (off->out, "YARA"));
}

static void
test_bad_rule_file (void)
{
  g_autofree char *tree = write_tree ();
  g_autofree char *rules = g_build_filename (g_get_user_data_dir (), "typo.yar", NULL);
  g_autoptr(TaiouTestCliResult) result = NULL;

  g_assert_true (g_file_set_contents (rules, "rule Typo {\n  condition: nothing_here\n}\n", -1,
                                      NULL));
  result = taiou_test_run_cli ("C.UTF-8", "scan", tree, "--yara", rules, NULL);
  g_assert_cmpint (result->status, ==, 2);
  /* The file and the line, in English and then in Japanese. */
  g_assert_nonnull (strstr (result->err, "typo.yar:2: the YARA rule does not compile"));
  g_assert_nonnull (strstr (result->err, "taiou-cli: ルールファイル "));
  g_assert_nonnull (strstr (result->err, "の 2 行目に誤りがあり"));
  /* Nothing was scanned. */
  g_assert_null (strstr (result->out, "Scanned"));
}

static void
test_user_rules_and_record (void)
{
  g_autofree char *tree = write_tree ();
  g_autofree char *rules = g_build_filename (g_get_user_data_dir (), "own.yar", NULL);
  g_autofree char *db = g_build_filename (g_get_user_data_dir (), "taiou.db", NULL);
  g_autoptr(TaiouTestCliResult) created = NULL;
  g_autoptr(TaiouTestCliResult) scanned = NULL;
  g_autoptr(TaiouTestCliResult) shown = NULL;

  g_assert_true (g_file_set_contents (rules,
    "rule Study_Notes { meta: score = 45 description_ja = \"研修メモです。\" "
    "strings: $a = \"powershell\" condition: $a and filesize < 100 }\n", -1, NULL));
  created = taiou_test_run_cli ("C.UTF-8", "--db", db, "timeline", "new", "--title", "t",
                                "--discovered", "2026-12-03 10:00", "--host", "PC-07", NULL);
  g_assert_cmpint (created->status, ==, 0);
  scanned = taiou_test_run_cli ("C.UTF-8", "--db", db, "scan", tree, "--yara", rules,
                                "--incident", "1", NULL);
  g_assert_cmpint (scanned->status, ==, 1);
  g_assert_nonnull (strstr (scanned->out, "[NOTICE]  45"));
  /* One scan.finding event per match, as for IOC hits. */
  shown = taiou_test_run_cli ("C.UTF-8", "--db", db, "timeline", "show", "1", "--json", NULL);
  g_assert_nonnull (strstr (shown->out, "yara.Study_Notes"));
  g_assert_nonnull (strstr (shown->out, "yara.Taiou_LNK_Launches_Script_Host"));
  g_assert_nonnull (strstr (shown->out, "\"yara_rules\""));
}

static void
test_mail_attachment (void)
{
  const TaiouTestDropper *one = find_dropper ("Taiou_OneNote_Embedded_Script");
  g_autoptr(GBytes) bytes = one->build ();
  g_autofree char *encoded = g_base64_encode (g_bytes_get_data (bytes, NULL),
                                              g_bytes_get_size (bytes));
  g_autofree char *mail = g_build_filename (g_get_user_data_dir (), "one.eml", NULL);
  g_autofree char *text = g_strdup_printf ("From: keiri@partner.example\r\n"
                                           "To: taro@ourcorp.co.jp\r\n"
                                           "Subject: invoice\r\n"
                                           "Date: Mon, 23 Nov 2026 10:15:00 +0900\r\n"
                                           "MIME-Version: 1.0\r\n"
                                           "Content-Type: multipart/mixed; boundary=b\r\n\r\n"
                                           "--b\r\nContent-Type: text/plain\r\n\r\nsee\r\n"
                                           "--b\r\nContent-Type: application/octet-stream\r\n"
                                           "Content-Transfer-Encoding: base64\r\n"
                                           "Content-Disposition: attachment; "
                                           "filename=\"invoice.one\"\r\n\r\n%s\r\n--b--\r\n",
                                           encoded);
  g_autoptr(TaiouTestCliResult) result = NULL;
  g_autoptr(TaiouTestCliResult) off = NULL;

  g_assert_cmpint (g_mkdir_with_parents (g_get_user_data_dir (), 0700), ==, 0);
  g_assert_true (g_file_set_contents (mail, text, -1, NULL));
  result = taiou_test_run_cli ("C.UTF-8", "mail", "--json", mail, NULL);
  g_assert_nonnull (strstr (result->out, "yara.Taiou_OneNote_Embedded_Script"));
  off = taiou_test_run_cli ("C.UTF-8", "mail", "--json", "--no-yara", mail, NULL);
  g_assert_null (strstr (off->out, "yara."));
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/taiou/cli/yara/scan-finds-dropper", test_scan_finds_dropper);
  g_test_add_func ("/taiou/cli/yara/bad-rule-file", test_bad_rule_file);
  g_test_add_func ("/taiou/cli/yara/user-rules-and-record", test_user_rules_and_record);
  g_test_add_func ("/taiou/cli/yara/mail-attachment", test_mail_attachment);

  return g_test_run ();
}
