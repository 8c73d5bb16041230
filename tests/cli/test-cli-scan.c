/* test-cli-scan.c — `taiou-cli scan`: text, JSON lines and exit status */
#define G_LOG_DOMAIN "test-cli-scan"

#include "config.h"

#include <string.h>

#include "taiou-test-hive.h"
#include "taiou-test-util.h"

typedef struct
{
  char *tree;
  char *hash_iocs;
  char *bad_iocs;
} Fixture;

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  user_data)
{
  g_autofree char *evil = g_compute_checksum_for_string (G_CHECKSUM_SHA256, "EVIL", -1);
  g_autofree char *hashes = g_strdup_printf ("# test\n%s;95;Test Emotet sample\n", evil);
  g_autofree char *clean = NULL;
  g_autofree char *bad = NULL;

  fixture->tree = g_build_filename (g_get_user_data_dir (), "tree", NULL);
  g_assert_cmpint (g_mkdir_with_parents (fixture->tree, 0700), ==, 0);
  clean = g_build_filename (fixture->tree, "clean.txt", NULL);
  bad = g_build_filename (fixture->tree, "evil.bin", NULL);
  g_assert_true (g_file_set_contents (clean, "clean", -1, NULL));
  g_assert_true (g_file_set_contents (bad, "EVIL", -1, NULL));

  fixture->hash_iocs = g_build_filename (g_get_user_data_dir (), "hash-iocs.txt", NULL);
  g_assert_true (g_file_set_contents (fixture->hash_iocs, hashes, -1, NULL));
  fixture->bad_iocs = g_build_filename (g_get_user_data_dir (), "broken-hash-iocs.txt", NULL);
  g_assert_true (g_file_set_contents (fixture->bad_iocs, "nothex;x\n", -1, NULL));
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  user_data)
{
  g_free (fixture->tree);
  g_free (fixture->hash_iocs);
  g_free (fixture->bad_iocs);
}

static void
test_detects_and_exits_1 (Fixture       *fixture,
                          gconstpointer  user_data)
{
  g_autoptr(TaiouTestCliResult) result = taiou_test_run_cli ("C.UTF-8", "scan", fixture->tree,
                                                             "--ioc", fixture->hash_iocs, NULL);

  g_assert_cmpint (result->status, ==, 1);
  g_assert_nonnull (strstr (result->out, "[ALERT]  95"));
  g_assert_nonnull (strstr (result->out, "evil.bin"));
  g_assert_nonnull (strstr (result->out, "This file matches known malware (Test Emotet sample)"));
  g_assert_nonnull (strstr (result->out, "Scanned 2 files (2 hashed"));
}

static void
test_clean_exits_0 (Fixture       *fixture,
                    gconstpointer  user_data)
{
  g_autofree char *clean = g_build_filename (fixture->tree, "clean.txt", NULL);
  g_autoptr(TaiouTestCliResult) result = taiou_test_run_cli ("C.UTF-8", "scan", clean, "--ioc",
                                                             fixture->hash_iocs, NULL);

  g_assert_cmpint (result->status, ==, 0);
  g_assert_nonnull (strstr (result->out, "Nothing suspicious was found"));
}

static void
test_json_lines (Fixture       *fixture,
                 gconstpointer  user_data)
{
  /* Plain "C", as cron runs it: JSON is UTF-8 all the same. */
  g_autoptr(TaiouTestCliResult) result = taiou_test_run_cli ("C", "scan", "--json",
                                                             fixture->tree, "--ioc",
                                                             fixture->hash_iocs, NULL);
  g_auto(GStrv) lines = g_strsplit (g_strstrip (result->out), "\n", -1);
  const char *expected[] = { "scan_start", "finding", "scan_end" };

  g_assert_cmpint (result->status, ==, 1);
  g_assert_cmpuint (g_strv_length (lines), ==, 3);
  for (guint i = 0; i < 3; i++)
    {
      g_autoptr(JsonParser) parser = json_parser_new ();
      g_autoptr(GError) error = NULL;
      JsonObject *object;

      json_parser_load_from_data (parser, lines[i], -1, &error);
      g_assert_no_error (error);
      object = json_node_get_object (json_parser_get_root (parser));
      g_assert_cmpstr (json_object_get_string_member (object, "event_type"), ==, expected[i]);
      g_assert_true (json_object_has_member (object, "timestamp"));
      g_assert_true (json_object_has_member (object, "hostname"));
      if (i == 1)
        {
          g_assert_cmpint (json_object_get_int_member (object, "score"), ==, 95);
          g_assert_cmpstr (json_object_get_string_member (object, "level"), ==, "ALERT");
          g_assert_cmpuint (strlen (json_object_get_string_member (object, "sha256")), ==, 64);
          g_assert_cmpuint (json_array_get_length (json_object_get_array_member (object,
                                                                                 "reasons")),
                            ==, 1);
          g_assert_true (g_str_has_prefix (json_array_get_string_element (
                           json_object_get_array_member (object, "reasons_ja"), 0),
                           "既知の不正なファイル"));
        }
      if (i == 2)
        g_assert_cmpint (json_object_get_int_member (object, "files"), ==, 2);
    }
}

static void
test_bad_ioc_lines_are_named (Fixture       *fixture,
                              gconstpointer  user_data)
{
  g_autoptr(TaiouTestCliResult) result = taiou_test_run_cli ("C.UTF-8", "scan", fixture->tree,
                                                             "--ioc", fixture->bad_iocs,
                                                             "--ioc", fixture->hash_iocs, NULL);

  /* One unusable line is reported with file:line and does not stop the scan. */
  g_assert_cmpint (result->status, ==, 1);
  g_assert_nonnull (strstr (result->err, "broken-hash-iocs.txt:1:"));
}

static void
test_usage_errors (Fixture       *fixture,
                   gconstpointer  user_data)
{
  g_autoptr(TaiouTestCliResult) missing_ioc = taiou_test_run_cli ("C.UTF-8", "scan",
                                                                  fixture->tree, "--ioc",
                                                                  "/nonexistent/iocs.txt", NULL);
  g_autoptr(TaiouTestCliResult) bad_serial = taiou_test_run_cli ("C.UTF-8", "scan",
                                                                 "--windows-volume", fixture->tree,
                                                                 "--volume-serial", "12345-XYZ",
                                                                 NULL);
  g_autoptr(TaiouTestCliResult) serial_alone = taiou_test_run_cli ("C.UTF-8", "scan",
                                                                   "--volume-serial", "1234-ABCD",
                                                                   NULL);

  g_assert_cmpint (missing_ioc->status, ==, 2);
  g_assert_nonnull (strstr (missing_ioc->err, "/nonexistent/iocs.txt"));
  g_assert_cmpint (bad_serial->status, ==, 2);
  g_assert_nonnull (strstr (bad_serial->err, "8 hexadecimal digits"));
  g_assert_cmpint (serial_alone->status, ==, 2);
  g_assert_nonnull (strstr (serial_alone->err, "need --windows-volume"));
}

static gint64
sha256_iocs_loaded (const char *out)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_auto(GStrv) lines = g_strsplit (out, "\n", 2);

  g_assert_true (json_parser_load_from_data (parser, lines[0], -1, NULL));
  return json_object_get_int_member (json_node_get_object (json_parser_get_root (parser)),
                                     "sha256_iocs");
}

/* The snapshot in data/ioc/ ($TAIOU_IOC_DIR in the tests) is loaded unless refused. */
static void
test_bundled_iocs (Fixture       *fixture,
                   gconstpointer  user_data)
{
  g_autoptr(TaiouTestCliResult) with = taiou_test_run_cli ("C.UTF-8", "scan", "--json",
                                                           fixture->tree, "--ioc",
                                                           fixture->hash_iocs, NULL);
  g_autoptr(TaiouTestCliResult) without = taiou_test_run_cli ("C.UTF-8", "scan", "--json",
                                                              "--no-bundled-iocs", fixture->tree,
                                                              "--ioc", fixture->hash_iocs, NULL);

  g_assert_cmpint (with->status, ==, 1);
  g_assert_cmpint (without->status, ==, 1);
  g_assert_cmpint (sha256_iocs_loaded (with->out), >, 500);
  g_assert_cmpint (sha256_iocs_loaded (without->out), ==, 1);
}

/* Without a path the running system is checked: this test plants an autostart entry that runs
 * a program from /tmp, and a known-bad file in the Downloads folder, in its own isolated
 * folders.  GLib isolates only this process's view of them, so they are handed to the CLI
 * through the environment, and the scratch folders are narrowed to one of ours: a shared /tmp
 * would make the test slow and its result depend on the machine. */
static void
test_whole_system (Fixture       *fixture,
                   gconstpointer  user_data)
{
  g_autofree char *autostart = g_build_filename (g_get_user_config_dir (), "autostart", NULL);
  g_autofree char *entry = g_build_filename (autostart, "taiou-test-dropper.desktop", NULL);
  g_autofree char *user_dirs = g_build_filename (g_get_user_config_dir (), "user-dirs.dirs",
                                                 NULL);
  g_autofree char *user_dirs_text = g_strdup_printf ("XDG_DOWNLOAD_DIR=\"%s\"\n", fixture->tree);
  g_autoptr(TaiouTestCliResult) result = NULL;
  g_auto(GStrv) lines = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  gboolean autorun_found = FALSE, file_found = FALSE;
  guint n;

  g_assert_cmpint (g_mkdir_with_parents (autostart, 0700), ==, 0);
  g_assert_true (g_file_set_contents (entry, "[Desktop Entry]\nType=Application\nName=x\n"
                                             "Exec=/tmp/.taiou-test/updater --daemon\n", -1,
                                      NULL));
  g_assert_true (g_file_set_contents (user_dirs, user_dirs_text, -1, NULL));
  g_setenv ("HOME", g_get_home_dir (), TRUE);
  g_setenv ("XDG_CONFIG_HOME", g_get_user_config_dir (), TRUE);
  g_setenv ("TAIOU_SCRATCH_FOLDERS", g_get_user_cache_dir (), TRUE);

  result = taiou_test_run_cli ("C.UTF-8", "scan", "--json", "--ioc", fixture->hash_iocs, NULL);
  g_assert_cmpint (result->status, ==, 1);
  lines = g_strsplit (g_strstrip (result->out), "\n", -1);
  n = g_strv_length (lines);
  g_assert_cmpuint (n, >=, 4);
  g_assert_true (json_parser_load_from_data (parser, lines[0], -1, NULL));
  g_assert_cmpstr (json_object_get_string_member (json_node_get_object (
                     json_parser_get_root (parser)), "target"), ==, "system");
  for (guint i = 1; i + 1 < n; i++)
    {
      JsonObject *object;

      g_assert_true (json_parser_load_from_data (parser, lines[i], -1, NULL));
      object = json_node_get_object (json_parser_get_root (parser));
      g_assert_cmpstr (json_object_get_string_member (object, "event_type"), ==, "finding");
      if (g_str_equal (json_object_get_string_member (object, "rule"), "autorun.scratch-folder") &&
          strstr (json_object_get_string_member (object, "object"), "taiou-test-dropper") != NULL)
        autorun_found = TRUE;
      if (g_str_equal (json_object_get_string_member (object, "rule"), "ioc.sha256") &&
          g_str_has_suffix (json_object_get_string_member (object, "file_path"), "evil.bin"))
        file_found = TRUE;
    }
  g_assert_true (autorun_found);
  g_assert_true (file_found);
  g_assert_true (json_parser_load_from_data (parser, lines[n - 1], -1, NULL));
  g_assert_cmpstr (json_object_get_string_member (json_node_get_object (
                     json_parser_get_root (parser)), "event_type"), ==, "scan_end");
}

/* A copy of a Windows volume where Emotet (EmoCheck scan_v4's pattern) left a DLL under a
 * random name and a Run value that starts it with rundll32; one more Run value carries an
 * escape sequence that must not reach the terminal raw. */
static char *
make_windows_volume (void)
{
  char *root = g_build_filename (g_get_user_data_dir (), "winvol", NULL);
  g_autofree char *local = g_build_filename (root, "Users", "bob", "AppData", "Local", "Xqzvbn",
                                             NULL);
  g_autofree char *dll = g_build_filename (local, "qwerty.tyu", NULL);
  g_autofree char *ntuser = g_build_filename (root, "Users", "bob", "NTUSER.DAT", NULL);
  g_autofree char *padding = g_strnfill (4096, 'x');
  g_autofree char *pe = g_strconcat ("MZ", padding, NULL);
  g_autoptr(TaiouTestHive) hive = taiou_test_hive_new ();
  const char *run = "Software\\Microsoft\\Windows\\CurrentVersion\\Run";

  g_assert_cmpint (g_mkdir_with_parents (local, 0700), ==, 0);
  g_assert_true (g_file_set_contents (dll, pe, -1, NULL));
  taiou_test_hive_set_string (hive, run, "Plmoknijb", 1,
                              "C:\\Windows\\SysWOW64\\rundll32.exe \"%LOCALAPPDATA%\\Xqzvbn"
                              "\\qwerty.tyu\",DllRegisterServer");
  taiou_test_hive_set_string (hive, run, "Terminal", 1,
                              "C:\\Windows\\System32\\cmd.exe /c %TEMP%\\x.bat \x1b[2J");
  taiou_test_hive_save (hive, ntuser);
  return root;
}

static void
test_windows_volume (Fixture       *fixture,
                     gconstpointer  user_data)
{
  g_autofree char *volume = make_windows_volume ();
  g_autoptr(TaiouTestCliResult) json = NULL;
  g_autoptr(TaiouTestCliResult) text = NULL;

  json = taiou_test_run_cli ("C.UTF-8", "scan", "--json", "--windows-volume", volume,
                             "--volume-serial", "1234-5678", NULL);
  g_assert_cmpint (json->status, ==, 1);
  g_assert_nonnull (strstr (json->out, "\"target\":\"windows-volume\""));
  g_assert_nonnull (strstr (json->out, "\"rule\":\"emocheck.v4-random-dll\",\"score\":100"));
  g_assert_nonnull (strstr (json->out, "C:\\\\Users\\\\bob\\\\AppData\\\\Local\\\\Xqzvbn"));
  g_assert_nonnull (strstr (json->out, "autorun.launcher-user-folder"));

  text = taiou_test_run_cli ("C.UTF-8", "scan", "--windows-volume", volume, NULL);
  g_assert_cmpint (text->status, ==, 1);
  g_assert_nonnull (strstr (text->out, "\\x1b[2J"));
  g_assert_null (strstr (text->out, "\x1b"));
}

static void
test_records_into_incident (Fixture       *fixture,
                            gconstpointer  user_data)
{
  g_autofree char *db = NULL;
  g_autoptr(TaiouTimeline) timeline = taiou_test_timeline_new (&db);
  g_autoptr(TaiouIncident) incident = taiou_test_add_incident (timeline, "x", 0);
  g_autofree char *id = g_strdup_printf ("%lld", (long long) taiou_incident_get_id (incident));
  g_autoptr(TaiouTestCliResult) result = NULL;
  g_autoptr(TaiouTestCliResult) no_incident = NULL;
  g_autoptr(GPtrArray) events = NULL;
  g_autoptr(TaiouTimelineVerification) verification = NULL;
  TaiouEvent *finding, *finished;

  result = taiou_test_run_cli ("C.UTF-8", "--db", db, "scan", fixture->tree, "--ioc",
                               fixture->hash_iocs, "--incident", id, NULL);
  g_assert_cmpint (result->status, ==, 1);
  g_assert_nonnull (strstr (result->out, "Recorded in the timeline of incident #1"));

  events = taiou_timeline_list_events (timeline, taiou_incident_get_id (incident), NULL);
  g_assert_cmpuint (events->len, ==, 3);
  finding = events->pdata[1];
  finished = events->pdata[2];
  g_assert_cmpstr (taiou_event_get_kind (finding), ==, "scan.finding");
  g_assert_nonnull (strstr (taiou_event_get_summary (finding), "evil.bin"));
  g_assert_cmpstr (taiou_event_get_kind (finished), ==, "scan.finished");
  g_assert_nonnull (strstr (taiou_event_get_summary (finished), "1 finding in 2 files"));
  verification = taiou_timeline_verify (timeline, NULL, NULL);
  g_assert_true (verification->intact);

  /* An incident that does not exist stops the command before it scans. */
  no_incident = taiou_test_run_cli ("C.UTF-8", "--db", db, "scan", fixture->tree, "--ioc",
                                    fixture->hash_iocs, "--incident", "99", NULL);
  g_assert_cmpint (no_incident->status, ==, 2);
  g_assert_null (strstr (no_incident->out, "evil.bin"));
}

static int
compare_keys (gconstpointer a,
              gconstpointer b)
{
  return strcmp (*(const char * const *) a, *(const char * const *) b);
}

/* The keys of a finding, sorted and joined, without the ones a JSON line adds around it. */
static char *
finding_keys (JsonObject *finding)
{
  g_autoptr(GList) members = json_object_get_members (finding);
  g_autoptr(GPtrArray) keys = g_ptr_array_new ();

  for (GList *l = members; l != NULL; l = l->next)
    if (!g_str_equal (l->data, "event_type") && !g_str_equal (l->data, "timestamp") &&
        !g_str_equal (l->data, "hostname"))
      g_ptr_array_add (keys, l->data);
  g_ptr_array_sort (keys, compare_keys);
  g_ptr_array_add (keys, NULL);
  return g_strjoinv (",", (char **) keys->pdata);
}

static void
test_scan_and_mail_findings_match (Fixture       *fixture,
                                   gconstpointer  user_data)
{
  g_autofree char *mail = g_build_filename (g_get_user_data_dir (), "evil.eml", NULL);
  g_autoptr(TaiouTestCliResult) scan = NULL;
  g_autoptr(TaiouTestCliResult) checked = NULL;
  g_autoptr(JsonParser) scan_parser = json_parser_new ();
  g_autoptr(JsonParser) mail_parser = json_parser_new ();
  g_auto(GStrv) lines = NULL;
  g_autofree char *scan_keys = NULL;
  g_autofree char *mail_keys = NULL;
  JsonArray *findings;

  /* The same file as the scan's evil.bin ("EVIL"), attached to a mail. */
  g_assert_true (g_file_set_contents (mail, "From: a@partner.example\r\n"
                                            "To: b@ourcorp.co.jp\r\nSubject: x\r\n"
                                            "MIME-Version: 1.0\r\n"
                                            "Content-Type: multipart/mixed; boundary=b\r\n\r\n"
                                            "--b\r\nContent-Type: text/plain\r\n\r\nhi\r\n"
                                            "--b\r\nContent-Type: application/octet-stream\r\n"
                                            "Content-Transfer-Encoding: base64\r\n"
                                            "Content-Disposition: attachment; "
                                            "filename=\"evil.bin\"\r\n\r\nRVZJTA==\r\n"
                                            "--b--\r\n", -1, NULL));
  scan = taiou_test_run_cli ("C", "scan", "--json", fixture->tree, "--ioc", fixture->hash_iocs,
                             NULL);
  checked = taiou_test_run_cli ("C", "mail", "--json", "--our-domain", "ourcorp.co.jp", "--ioc",
                                fixture->hash_iocs, mail, NULL);
  lines = g_strsplit (g_strstrip (scan->out), "\n", -1);
  g_assert_cmpuint (g_strv_length (lines), ==, 3);
  g_assert_true (json_parser_load_from_data (scan_parser, lines[1], -1, NULL));
  scan_keys = finding_keys (json_node_get_object (json_parser_get_root (scan_parser)));
  g_assert_true (json_parser_load_from_data (mail_parser, checked->out, -1, NULL));
  findings = json_object_get_array_member (json_node_get_object (
                                             json_parser_get_root (mail_parser)), "findings");
  for (guint i = 0; i < json_array_get_length (findings); i++)
    {
      JsonObject *finding = json_array_get_object_element (findings, i);

      if (g_str_equal (json_object_get_string_member (finding, "rule"), "ioc.sha256"))
        mail_keys = finding_keys (finding);
    }
  g_assert_nonnull (mail_keys);
  g_assert_cmpstr (mail_keys, ==, scan_keys);
  g_assert_cmpstr (scan_keys, ==, "evidence,evidence_ja,file_path,level,message,message_ja,"
                                  "object,reasons,reasons_ja,rule,score,sha256");
}

#define ADD_TEST(path, func) \
  g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  ADD_TEST ("/taiou/cli/scan/detects-and-exits-1", test_detects_and_exits_1);
  ADD_TEST ("/taiou/cli/scan/clean-exits-0", test_clean_exits_0);
  ADD_TEST ("/taiou/cli/scan/json-lines", test_json_lines);
  ADD_TEST ("/taiou/cli/scan/scan-and-mail-findings-match", test_scan_and_mail_findings_match);
  ADD_TEST ("/taiou/cli/scan/bad-ioc-lines-are-named", test_bad_ioc_lines_are_named);
  ADD_TEST ("/taiou/cli/scan/usage-errors", test_usage_errors);
  ADD_TEST ("/taiou/cli/scan/bundled-iocs", test_bundled_iocs);
  ADD_TEST ("/taiou/cli/scan/whole-system", test_whole_system);
  ADD_TEST ("/taiou/cli/scan/records-into-incident", test_records_into_incident);
  ADD_TEST ("/taiou/cli/scan/windows-volume", test_windows_volume);

  return g_test_run ();
}
