/* test-yara.c — YARA rules: the bundled set on synthetic droppers, user rule files, scoring,
 * hostile rule files, the file scanner's one pass and mail attachments */
#define G_LOG_DOMAIN "test-yara"

#include "config.h"

#include <fcntl.h>
#include <stdio.h>
#include <string.h>

#include "taiou-test-droppers.h"
#include "taiou-test-util.h"

static char *
write_file (const char *name,
            const char *text)
{
  char *path = g_build_filename (g_get_user_data_dir (), name, NULL);
  g_autofree char *folder = g_path_get_dirname (path);

  g_assert_cmpint (g_mkdir_with_parents (folder, 0700), ==, 0);
  g_assert_true (g_file_set_contents (path, text, -1, NULL));
  return path;
}

static TaiouYaraRules *
bundled_rules (void)
{
  g_autoptr(GError) error = NULL;
  TaiouYaraRules *rules = taiou_yara_rules_compile (TRUE, NULL, &error);

  g_assert_no_error (error);
  return rules;
}

static GPtrArray *
scan_bytes (TaiouYaraRules *rules,
            const char     *object,
            GBytes         *bytes,
            guint64         file_size)
{
  g_autoptr(TaiouYaraScanner) scanner = NULL;
  g_autoptr(GError) error = NULL;
  GPtrArray *findings = g_ptr_array_new_with_free_func ((GDestroyNotify) taiou_finding_free);
  gsize length;
  const guint8 *data = g_bytes_get_data (bytes, &length);

  scanner = taiou_yara_scanner_new (rules, 0, &error);
  g_assert_no_error (error);
  g_assert_true (taiou_yara_scanner_scan (scanner, object, data, length,
                                          file_size > 0 ? file_size : length, NULL, findings,
                                          &error));
  g_assert_no_error (error);
  return findings;
}

static void
test_bundled_compile (void)
{
  g_autoptr(TaiouYaraRules) rules = bundled_rules ();

  g_assert_cmpuint (taiou_yara_rules_get_n_files (rules), ==, 1);
  g_assert_cmpuint (taiou_yara_rules_get_n_rules (rules), >=, 8);
}

/* Every synthetic dropper matches its rule, and only it; every ordinary file matches none. */
static void
test_bundled_droppers (void)
{
  g_autoptr(TaiouYaraRules) rules = bundled_rules ();
  const TaiouTestDropper *droppers = taiou_test_droppers ();

  for (guint i = 0; droppers[i].name != NULL; i++)
    {
      g_autoptr(GBytes) bytes = droppers[i].build ();
      g_autoptr(GPtrArray) findings = scan_bytes (rules, droppers[i].name, bytes, 0);

      g_test_message ("%s: %u findings", droppers[i].name, findings->len);
      if (droppers[i].rule == NULL)
        {
          g_assert_cmpuint (findings->len, ==, 0);
          continue;
        }
      g_assert_cmpuint (findings->len, ==, 1);
      {
        TaiouFinding *finding = findings->pdata[0];
        g_autofree char *rule_id = g_strconcat ("yara.", droppers[i].rule, NULL);

        g_assert_cmpstr (finding->rule_id, ==, rule_id);
        g_assert_cmpstr (finding->object, ==, droppers[i].name);
        g_assert_cmpint (finding->score, >=, 50);
        g_assert_true (g_str_has_suffix (finding->reason_ja, "このファイルは開かないでください。"));
        g_assert_nonnull (strstr (finding->evidence, "taiou-droppers.yar"));
      }
    }
}

/* 2023: programs and documents padded with zeros past scanners' size caps.  Only the head is
 * kept of such a file; the rules see it with the file's real size. */
static void
test_padded_program (void)
{
  g_autoptr(TaiouYaraRules) rules = bundled_rules ();
  g_autoptr(GBytes) head = taiou_test_pe_head (0x10000);
  g_autoptr(GBytes) installer = taiou_test_pe_head (140 * 1024 * 1024);
  g_autoptr(GPtrArray) padded = scan_bytes (rules, "invoice.exe", head, 550 * 1024 * 1024);
  g_autoptr(GPtrArray) small = scan_bytes (rules, "tool.exe", head, 0x10000);
  g_autoptr(GPtrArray) big = scan_bytes (rules, "setup.exe", installer, 150 * 1024 * 1024);
  TaiouFinding *finding;

  g_assert_cmpuint (padded->len, ==, 1);
  finding = padded->pdata[0];
  g_assert_cmpstr (finding->rule_id, ==, "yara.Taiou_Padded_Program");
  g_assert_cmpint (finding->score, ==, 60);
  g_assert_cmpuint (small->len, ==, 0);
  /* A large program whose sections fill it is not padded. */
  g_assert_cmpuint (big->len, ==, 0);
}

/* A compound file whose allocation table maps 64 KiB, in a 500 MB file, against an installer
 * of 150 MB whose table maps all of it. */
static void
test_padded_document (void)
{
  g_autoptr(TaiouYaraRules) rules = bundled_rules ();
  g_autoptr(GBytes) padded_head = taiou_test_ole_head (1);
  g_autoptr(GBytes) installer_head = taiou_test_ole_head (2400);
  g_autoptr(GPtrArray) padded = scan_bytes (rules, "請求書.doc", padded_head, 500 * 1024 * 1024);
  g_autoptr(GPtrArray) installer = scan_bytes (rules, "setup.msi", installer_head,
                                               150 * 1024 * 1024);

  g_assert_cmpuint (padded->len, ==, 1);
  g_assert_cmpstr (((TaiouFinding *) padded->pdata[0])->rule_id, ==,
                   "yara.Taiou_Padded_Office_Document");
  g_assert_cmpuint (installer->len, ==, 0);
}

static void
test_scoring_and_explanations (void)
{
  g_autofree char *path = write_file ("rules/scores.yar",
    "rule WithScore { meta: score = 90 description_ja = \"テスト用の説明です。\" "
    "strings: $a = \"needle\" condition: $a }\n"
    "rule StringScore { meta: score = \"35\" strings: $a = \"needle\" condition: $a }\n"
    "rule NoScore { meta: description = \"Plain English.\" strings: $a = \"needle\" "
    "condition: $a }\n"
    "rule TooHigh { meta: score = 400 strings: $a = \"needle\" condition: $a }\n");
  const char *paths[] = { path, NULL };
  g_autoptr(GError) error = NULL;
  g_autoptr(TaiouYaraRules) rules = taiou_yara_rules_compile (FALSE, paths, &error);
  g_autoptr(GBytes) bytes = g_bytes_new_static ("hay needle hay", 14);
  g_autoptr(GPtrArray) findings = NULL;

  g_assert_no_error (error);
  findings = scan_bytes (rules, "/tmp/x.bin", bytes, 0);
  g_assert_cmpuint (findings->len, ==, 4);
  for (guint i = 0; i < findings->len; i++)
    {
      TaiouFinding *finding = findings->pdata[i];

      if (g_str_equal (finding->rule_id, "yara.WithScore"))
        {
          g_assert_cmpint (finding->score, ==, 90);
          g_assert_cmpstr (finding->reason_ja, ==, "テスト用の説明です。このファイルは開かないでください。");
          g_assert_nonnull (strstr (finding->evidence, "$a at 0x4"));
        }
      else if (g_str_equal (finding->rule_id, "yara.StringScore"))
        g_assert_cmpint (finding->score, ==, 35);
      else if (g_str_equal (finding->rule_id, "yara.NoScore"))
        {
          /* Loki-RS's default. */
          g_assert_cmpint (finding->score, ==, 70);
          g_assert_nonnull (strstr (finding->reason_ja, "YARA ルール「NoScore」"));
          g_assert_cmpstr (finding->reason_en, ==, "Plain English. Do not open this file.");
        }
      else
        {
          g_assert_cmpstr (finding->rule_id, ==, "yara.TooHigh");
          g_assert_cmpint (finding->score, ==, 100);
        }
    }
}

/* Loki's and THOR's rules name the file through external variables. */
static void
test_loki_externals (void)
{
  g_autofree char *path = write_file ("rules/externals.yar",
    "rule ByName { condition: filename == \"evil.js\" and extension == \".js\" and "
    "filepath == \"/home/taro\" }\n");
  const char *paths[] = { path, NULL };
  g_autoptr(GError) error = NULL;
  g_autoptr(TaiouYaraRules) rules = taiou_yara_rules_compile (FALSE, paths, &error);
  g_autoptr(GBytes) bytes = g_bytes_new_static ("x", 1);
  g_autoptr(GPtrArray) hit = NULL;
  g_autoptr(GPtrArray) miss = NULL;

  g_assert_no_error (error);
  hit = scan_bytes (rules, "/home/taro/evil.js", bytes, 0);
  miss = scan_bytes (rules, "/home/taro/good.txt", bytes, 0);
  g_assert_cmpuint (hit->len, ==, 1);
  g_assert_cmpuint (miss->len, ==, 0);
}

static void
assert_compile_error (const char *text,
                      int         code,
                      const char *english,
                      const char *japanese)
{
  g_autofree char *path = write_file ("rules/bad.yar", text);
  const char *paths[] = { path, NULL };
  g_autoptr(GError) error = NULL;
  g_autoptr(TaiouYaraRules) rules = taiou_yara_rules_compile (TRUE, paths, &error);
  g_autofree char *en = NULL;
  g_autofree char *ja = NULL;

  g_assert_null (rules);
  g_assert_error (error, TAIOU_YARA_ERROR, code);
  en = taiou_yara_error_get_message (error, FALSE);
  ja = taiou_yara_error_get_message (error, TRUE);
  g_test_message ("%s / %s", en, ja);
  g_assert_nonnull (strstr (en, english));
  g_assert_nonnull (strstr (ja, japanese));
  g_assert_null (strchr (en, '\n'));
}

static void
test_bad_rule_files (void)
{
  /* The line of the mistake, in both languages. */
  assert_compile_error ("rule ok { condition: true }\n\nrule broken {\n"
                        "  strings: $a = \"x\"\n  condition: $a and $b }\n",
                        TAIOU_YARA_ERROR_INVALID_RULES, "bad.yar:5: the YARA rule does not "
                        "compile: undefined string \"$b\"", "の 5 行目に誤りがあり");
  assert_compile_error ("rule {", TAIOU_YARA_ERROR_INVALID_RULES, "bad.yar:1:", "1 行目");
  /* include would read files nobody named. */
  assert_compile_error ("include \"/etc/passwd\"\nrule a { condition: true }\n",
                        TAIOU_YARA_ERROR_INVALID_RULES,
                        "bad.yar:1: the YARA rule does not compile: include is not allowed "
                        "(\"/etc/passwd\")", "1 行目");
  assert_compile_error ("rule a\001\002\003", TAIOU_YARA_ERROR_INVALID_RULES,
                        "bad.yar:1:", "1 行目");
}

static void
test_hostile_rule_sources (void)
{
  g_autofree char *big_path = g_build_filename (g_get_user_data_dir (), "big.yar", NULL);
  g_autofree char *missing = g_build_filename (g_get_user_data_dir (), "missing.yar", NULL);
  g_autofree char *binary = g_build_filename (g_get_user_data_dir (), "binary.yar", NULL);
  const char *big_paths[] = { big_path, NULL };
  const char *missing_paths[] = { missing, NULL };
  const char *binary_paths[] = { binary, NULL };
  g_autofree char *big = g_malloc (TAIOU_YARA_MAX_RULE_FILE_BYTES + 2);
  g_autoptr(GError) error = NULL;
  g_autoptr(TaiouYaraRules) rules = NULL;

  g_assert_cmpint (g_mkdir_with_parents (g_get_user_data_dir (), 0700), ==, 0);
  memset (big, ' ', TAIOU_YARA_MAX_RULE_FILE_BYTES + 1);
  big[TAIOU_YARA_MAX_RULE_FILE_BYTES + 1] = '\0';
  g_assert_true (g_file_set_contents (big_path, big, -1, NULL));
  rules = taiou_yara_rules_compile (FALSE, big_paths, &error);
  g_assert_null (rules);
  g_assert_error (error, TAIOU_YARA_ERROR, TAIOU_YARA_ERROR_TOO_LARGE);
  g_clear_error (&error);

  rules = taiou_yara_rules_compile (FALSE, missing_paths, &error);
  g_assert_null (rules);
  g_assert_error (error, TAIOU_YARA_ERROR, TAIOU_YARA_ERROR_UNREADABLE);
  g_clear_error (&error);

  g_assert_true (g_file_set_contents (binary, "rule a { condition: true }\0junk", 31, NULL));
  rules = taiou_yara_rules_compile (FALSE, binary_paths, &error);
  g_assert_null (rules);
  g_assert_error (error, TAIOU_YARA_ERROR, TAIOU_YARA_ERROR_INVALID_RULES);
}

/* A folder is entered for .yar and .yara files, a few levels deep; same rule names in two
 * files do not clash. */
static void
test_rule_folder (void)
{
  g_autofree char *a = write_file ("folder/a.yar", "rule Same { condition: true }\n");
  g_autofree char *b = write_file ("folder/sub/b.YARA", "rule Same { condition: true }\n");
  g_autofree char *other = write_file ("folder/readme.txt", "rule { broken");
  g_autofree char *folder = g_build_filename (g_get_user_data_dir (), "folder", NULL);
  const char *paths[] = { folder, NULL };
  g_autoptr(GError) error = NULL;
  g_autoptr(TaiouYaraRules) rules = taiou_yara_rules_compile (FALSE, paths, &error);

  g_assert_no_error (error);
  g_assert_cmpuint (taiou_yara_rules_get_n_files (rules), ==, 2);
  g_assert_cmpuint (taiou_yara_rules_get_n_rules (rules), ==, 2);
}

/* A rule that never ends is stopped by the per-file timeout, and the scan says so. */
static void
test_timeout (void)
{
  g_autofree char *path = write_file ("rules/slow.yar",
    "rule Slow { condition: for all i in (0..filesize) : "
    "(for all j in (0..filesize) : (uint8(i) == uint8(j))) }\n");
  const char *paths[] = { path, NULL };
  g_autoptr(GError) error = NULL;
  g_autoptr(TaiouYaraRules) rules = taiou_yara_rules_compile (FALSE, paths, &error);
  g_autoptr(TaiouYaraScanner) scanner = NULL;
  g_autoptr(GPtrArray) findings = g_ptr_array_new_with_free_func ((GDestroyNotify) taiou_finding_free);
  g_autofree guint8 *zeros = g_malloc0 (1024 * 1024);
  gint64 start;

  g_assert_no_error (error);
  scanner = taiou_yara_scanner_new (rules, 1, &error);
  g_assert_no_error (error);
  start = g_get_monotonic_time ();
  g_assert_false (taiou_yara_scanner_scan (scanner, "zeros.bin", zeros, 1024 * 1024,
                                           1024 * 1024, NULL, findings, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_TIMED_OUT);
  g_assert_nonnull (strstr (error->message, "zeros.bin"));
  /* Not a speed target: only that it stopped at all, long before the rule would. */
  g_assert_cmpint (g_get_monotonic_time () - start, <, 60 * G_USEC_PER_SEC);
}

/* The file scanner hands YARA the bytes it hashed: every file once, the finding carrying the
 * SHA-256 the IOCs needed anyway. */
static void
test_scanner_one_pass (void)
{
  g_autofree char *tree = g_build_filename (g_get_user_data_dir (), "tree", NULL);
  g_autofree char *iocs_path = write_file ("iocs.txt",
    "0000000000000000000000000000000000000000000000000000000000000000;80;nothing\n");
  const TaiouTestDropper *droppers = taiou_test_droppers ();
  g_autoptr(TaiouIocSet) iocs = taiou_ioc_set_new ();
  g_autoptr(TaiouScanner) scanner = NULL;
  g_autoptr(TaiouScanResult) result = NULL;
  g_autoptr(TaiouYaraRules) rules = bundled_rules ();
  g_autoptr(GError) error = NULL;
  g_autoptr(TaiouIocLoadReport) report = NULL;
  const char *paths[] = { tree, NULL };
  guint n_droppers = 0, n_files = 0;
  guint64 n_bytes = 0;

  g_assert_cmpint (g_mkdir_with_parents (tree, 0700), ==, 0);
  for (guint i = 0; droppers[i].name != NULL; i++)
    {
      g_autoptr(GBytes) bytes = droppers[i].build ();
      g_autofree char *path = g_build_filename (tree, droppers[i].name, NULL);

      g_assert_true (g_file_set_contents (path, g_bytes_get_data (bytes, NULL),
                                          g_bytes_get_size (bytes), NULL));
      n_droppers += droppers[i].rule != NULL;
      n_files++;
      n_bytes += g_bytes_get_size (bytes);
    }
  report = taiou_ioc_set_load_file (iocs, iocs_path, TAIOU_IOC_FORMAT_AUTO, &error);
  g_assert_no_error (error);

  scanner = taiou_scanner_new (iocs);
  taiou_scanner_set_yara_rules (scanner, rules);
  taiou_scanner_set_n_threads (scanner, 2);
  result = taiou_scanner_scan_paths (scanner, paths, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (result->n_files, ==, n_files);
  g_assert_cmpuint (result->n_yara, ==, n_files);
  g_assert_cmpuint (result->n_hashed, ==, n_files);
  g_assert_cmpuint (result->n_bytes, ==, n_bytes);
  g_assert_cmpuint (result->n_yara_rules, ==, taiou_yara_rules_get_n_rules (rules));
  g_assert_cmpuint (result->findings->len, ==, n_droppers);
  for (guint i = 0; i < result->findings->len; i++)
    {
      TaiouFinding *finding = result->findings->pdata[i];
      g_autofree char *content = NULL;
      g_autofree char *sha256 = NULL;
      gsize length;

      g_assert_true (g_str_has_prefix (finding->rule_id, "yara.Taiou_"));
      g_assert_true (g_file_get_contents (finding->object, &content, &length, NULL));
      sha256 = g_compute_checksum_for_data (G_CHECKSUM_SHA256, (const guint8 *) content, length);
      g_assert_cmpstr (finding->sha256, ==, sha256);
    }
}

/* A file larger than the YARA cap is still read once: hashed whole, matched by its head. */
static void
test_scanner_large_file_head (void)
{
  g_autofree char *path = g_build_filename (g_get_user_data_dir (), "padded.exe", NULL);
  g_autoptr(GBytes) head = taiou_test_pe_head (0x10000);
  g_autoptr(TaiouIocSet) iocs = taiou_ioc_set_new ();
  g_autoptr(TaiouScanner) scanner = taiou_scanner_new (iocs);
  g_autoptr(TaiouYaraRules) rules = bundled_rules ();
  g_autoptr(TaiouScanResult) result = NULL;
  g_autoptr(GError) error = NULL;
  const char *paths[] = { path, NULL };
  FILE *file;

  g_assert_cmpint (g_mkdir_with_parents (g_get_user_data_dir (), 0700), ==, 0);
  file = fopen (path, "wb");
  /* 101 MiB, sparse: the rule asks for more than 100 MB. */
  g_assert_nonnull (file);
  g_assert_cmpuint (fwrite (g_bytes_get_data (head, NULL), 1, g_bytes_get_size (head), file), ==,
                    g_bytes_get_size (head));
  g_assert_cmpint (fseek (file, 101 * 1024 * 1024 - 1, SEEK_SET), ==, 0);
  g_assert_cmpint (fputc (0, file), ==, 0);
  g_assert_cmpint (fclose (file), ==, 0);

  taiou_scanner_set_yara_rules (scanner, rules);
  taiou_scanner_set_yara_limits (scanner, 0, 4 * 1024 * 1024);
  result = taiou_scanner_scan_paths (scanner, paths, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (result->n_bytes, ==, 101 * 1024 * 1024);
  g_assert_cmpuint (result->findings->len, ==, 1);
  g_assert_cmpstr (((TaiouFinding *) result->findings->pdata[0])->rule_id, ==,
                   "yara.Taiou_Padded_Program");
  g_clear_pointer (&result, taiou_scan_result_unref);

  /* Over the scanner's size limit it is not hashed (skipped, as before YARA), yet its head is
   * read: padding past scanners' limits is the point of such a file. */
  taiou_scanner_set_max_file_size (scanner, 8 * 1024 * 1024);
  result = taiou_scanner_scan_paths (scanner, paths, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (result->n_skipped, ==, 1);
  g_assert_cmpuint (result->n_hashed, ==, 0);
  g_assert_cmpuint (result->n_bytes, ==, 1024 * 1024);
  g_assert_cmpuint (result->findings->len, ==, 1);
  g_assert_cmpstr (((TaiouFinding *) result->findings->pdata[0])->rule_id, ==,
                   "yara.Taiou_Padded_Program");
  g_assert_null (((TaiouFinding *) result->findings->pdata[0])->sha256);
}

/* The digest reader's kept bytes are the file's, and its hash is the same as without keeping. */
static void
test_digest_keep (void)
{
  g_autofree char *path = g_build_filename (g_get_user_data_dir (), "keep.bin", NULL);
  g_autofree guint8 *data = g_malloc (3 * 1024 * 1024 + 17);
  g_autoptr(TaiouDigestReader) reader = taiou_digest_reader_new ();
  g_autoptr(GError) error = NULL;
  TaiouFileDigest plain, kept;
  TaiouFileContent content;

  g_assert_cmpint (g_mkdir_with_parents (g_get_user_data_dir (), 0700), ==, 0);
  for (gsize i = 0; i < 3 * 1024 * 1024 + 17; i++)
    data[i] = (guint8) (i * 7 + i / 4096);
  g_assert_true (g_file_set_contents (path, (char *) data, 3 * 1024 * 1024 + 17, NULL));

  g_assert_true (taiou_digest_reader_file (reader, AT_FDCWD, path, TAIOU_DIGEST_SHA256,
                                           G_MAXUINT64, &plain, NULL, &error));
  /* Whole. */
  g_assert_true (taiou_digest_reader_file_keep (reader, AT_FDCWD, path, TAIOU_DIGEST_SHA256,
                                                G_MAXUINT64, 8 * 1024 * 1024, &kept, &content,
                                                NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpmem (plain.sha256, 32, kept.sha256, 32);
  g_assert_cmpmem (content.data, content.length, data, 3 * 1024 * 1024 + 17);
  /* Head only. */
  g_assert_true (taiou_digest_reader_file_keep (reader, AT_FDCWD, path, TAIOU_DIGEST_SHA256,
                                                G_MAXUINT64, 1024, &kept, &content, NULL,
                                                &error));
  g_assert_cmpmem (plain.sha256, 32, kept.sha256, 32);
  g_assert_cmpuint (kept.size, ==, 3 * 1024 * 1024 + 17);
  g_assert_cmpuint (content.length, ==, 1024 * 1024);
  g_assert_cmpmem (content.data, content.length, data, 1024 * 1024);
}

/* Mail attachments go through the same rules, nested files too. */
static void
test_attachment (void)
{
  g_autoptr(TaiouYaraRules) rules = bundled_rules ();
  const TaiouTestDropper *droppers = taiou_test_droppers ();
  TaiouAttachmentContext context = { .yara = rules };

  for (guint i = 0; droppers[i].name != NULL; i++)
    {
      g_autoptr(GBytes) bytes = droppers[i].build ();
      g_autoptr(GError) error = NULL;
      g_autoptr(TaiouAttachmentReport) report = NULL;
      g_autoptr(GPtrArray) findings = NULL;
      gboolean matched = FALSE;

      report = taiou_attachment_classify_bytes (droppers[i].name, bytes, &context, NULL, &error);
      g_assert_no_error (error);
      findings = taiou_attachment_report_collect (report);
      for (guint f = 0; f < findings->len; f++)
        {
          TaiouFinding *finding = findings->pdata[f];

          if (g_str_has_prefix (finding->rule_id, "yara."))
            {
              g_assert_nonnull (droppers[i].rule);
              g_assert_cmpstr (finding->rule_id + 5, ==, droppers[i].rule);
              g_assert_cmpstr (finding->sha256, ==, report->sha256);
              matched = TRUE;
            }
        }
      g_assert_true (matched == (droppers[i].rule != NULL));
    }
}

/* The case compiles its rules once and hands them to the scanner; a broken user file stops the
 * scan before it starts. */
static void
test_case_sources (void)
{
  g_autofree char *bad = write_file ("rules/case-bad.yar", "rule x { condition: nope }\n");
  const char *bad_paths[] = { bad, NULL };
  g_autoptr(TaiouProfile) profile = taiou_profile_new ();
  g_autoptr(TaiouCase) scan_case = taiou_case_new (NULL, profile);
  g_autoptr(TaiouScanner) scanner = NULL;
  g_autoptr(TaiouYaraRules) first = NULL;
  g_autoptr(TaiouYaraRules) second = NULL;
  g_autoptr(GError) error = NULL;

  taiou_case_set_ioc_sources (scan_case, FALSE, NULL);
  first = taiou_case_load_yara (scan_case, &error);
  second = taiou_case_load_yara (scan_case, &error);
  g_assert_no_error (error);
  g_assert_true (first == second);
  scanner = taiou_case_new_scanner (scan_case, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (taiou_scanner_get_yara_rules (scanner) == first);
  g_clear_object (&scanner);

  /* No rule at all: the scanner reads only what the IOCs need. */
  taiou_case_set_yara_sources (scan_case, FALSE, NULL);
  scanner = taiou_case_new_scanner (scan_case, NULL, &error);
  g_assert_no_error (error);
  g_assert_null (taiou_scanner_get_yara_rules (scanner));
  g_clear_object (&scanner);

  taiou_case_set_yara_sources (scan_case, TRUE, bad_paths);
  scanner = taiou_case_new_scanner (scan_case, NULL, &error);
  g_assert_null (scanner);
  g_assert_error (error, TAIOU_YARA_ERROR, TAIOU_YARA_ERROR_INVALID_RULES);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/taiou/yara/bundled-compile", test_bundled_compile);
  g_test_add_func ("/taiou/yara/bundled-droppers", test_bundled_droppers);
  g_test_add_func ("/taiou/yara/padded-program", test_padded_program);
  g_test_add_func ("/taiou/yara/padded-document", test_padded_document);
  g_test_add_func ("/taiou/yara/scoring-and-explanations", test_scoring_and_explanations);
  g_test_add_func ("/taiou/yara/loki-externals", test_loki_externals);
  g_test_add_func ("/taiou/yara/bad-rule-files", test_bad_rule_files);
  g_test_add_func ("/taiou/yara/hostile-rule-sources", test_hostile_rule_sources);
  g_test_add_func ("/taiou/yara/rule-folder", test_rule_folder);
  g_test_add_func ("/taiou/yara/timeout", test_timeout);
  g_test_add_func ("/taiou/yara/scanner-one-pass", test_scanner_one_pass);
  g_test_add_func ("/taiou/yara/scanner-large-file-head", test_scanner_large_file_head);
  g_test_add_func ("/taiou/yara/digest-keep", test_digest_keep);
  g_test_add_func ("/taiou/yara/attachment", test_attachment);
  g_test_add_func ("/taiou/yara/case-sources", test_case_sources);

  return g_test_run ();
}
