/* test-cli-scan-volume.c — `taiou-cli scan`: a Windows volume's own computer name and hives, and
 * --exclude / --exclude-regex counted in the summary */
#define G_LOG_DOMAIN "test-cli-scan-volume"

#include "config.h"

#include <string.h>

#include "taiou-test-hive.h"
#include "taiou-test-util.h"

#define VOLUME_COMPUTER "KEIRI-PC07"

static char *
write_file (const char *folder,
            const char *name,
            const char *contents)
{
  char *path = g_build_filename (folder, name, NULL);
  g_autofree char *parent = g_path_get_dirname (path);

  g_assert_cmpint (g_mkdir_with_parents (parent, 0700), ==, 0);
  g_assert_true (g_file_set_contents (path, contents, -1, NULL));
  return path;
}

/* A Windows volume whose SYSTEM hive names its computer (in the control set that Select\Current
 * points to, not in the other), whose SOFTWARE hive is damaged, and where Emotet left a DLL
 * and a Run value in bob's profile. */
static char *
make_volume (void)
{
  char *root = g_build_filename (g_get_user_data_dir (), "winvol", NULL);
  g_autofree char *config = g_build_filename (root, "Windows", "System32", "config", NULL);
  g_autofree char *system_path = g_build_filename (config, "SYSTEM", NULL);
  g_autofree char *ntuser = g_build_filename (root, "Users", "bob", "NTUSER.DAT", NULL);
  g_autofree char *software = NULL;
  g_autofree char *dll = NULL;
  g_autofree char *padding = g_strnfill (4096, 'x');
  g_autofree char *pe = g_strconcat ("MZ", padding, NULL);
  g_autoptr(TaiouTestHive) system = taiou_test_hive_new ();
  g_autoptr(TaiouTestHive) user = taiou_test_hive_new ();

  dll = write_file (root, "Users/bob/AppData/Local/Xqzvbn/qwerty.tyu", pe);
  software = write_file (config, "SOFTWARE", "regf but not really a hive");
  taiou_test_hive_set_dword (system, "Select", "Current", 2);
  taiou_test_hive_set_string (system, "ControlSet002\\Control\\ComputerName\\ComputerName",
                              "ComputerName", 1, VOLUME_COMPUTER);
  taiou_test_hive_set_string (system, "ControlSet001\\Control\\ComputerName\\ComputerName",
                              "ComputerName", 1, "OLD-NAME");
  taiou_test_hive_save (system, system_path);
  taiou_test_hive_set_string (user, "Software\\Microsoft\\Windows\\CurrentVersion\\Run",
                              "Plmoknijb", 1,
                              "C:\\Windows\\SysWOW64\\rundll32.exe \"%LOCALAPPDATA%\\Xqzvbn"
                              "\\qwerty.tyu\",DllRegisterServer");
  taiou_test_hive_save (user, ntuser);
  return root;
}

static JsonObject *
parse_line (JsonParser *parser,
            const char *line)
{
  g_assert_true (json_parser_load_from_data (parser, line, -1, NULL));
  return json_node_get_object (json_parser_get_root (parser));
}

static gboolean
array_has_suffix (JsonArray  *array,
                  const char *suffix)
{
  for (guint i = 0; i < json_array_get_length (array); i++)
    if (strstr (json_array_get_string_element (array, i), suffix) != NULL)
      return TRUE;
  return FALSE;
}

static void
test_volume_names_its_computer (void)
{
  g_autofree char *volume = make_volume ();
  g_autoptr(TaiouTestCliResult) json = NULL;
  g_autoptr(TaiouTestCliResult) text = NULL;
  g_autoptr(TaiouTestCliResult) japanese = NULL;
  g_auto(GStrv) lines = NULL;
  guint n_findings = 0;

  json = taiou_test_run_cli ("C.UTF-8", "scan", "--json", "--windows-volume", volume,
                             "--volume-serial", "1234-5678", NULL);
  g_assert_cmpint (json->status, ==, 1);
  lines = g_strsplit (g_strstrip (json->out), "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    {
      g_autoptr(JsonParser) parser = json_parser_new ();
      JsonObject *line = parse_line (parser, lines[i]);
      const char *type = json_object_get_string_member (line, "event_type");

      /* Every line is about the volume's computer, not the one that read it. */
      g_assert_cmpstr (json_object_get_string_member (line, "hostname"), ==, VOLUME_COMPUTER);
      if (g_str_equal (type, "scan_start"))
        {
          JsonArray *read = json_object_get_array_member (line, "hives_read");
          JsonArray *unread = json_object_get_array_member (line, "hives_unread");

          g_assert_cmpuint (i, ==, 0);
          g_assert_cmpstr (json_object_get_string_member (line, "scanned_from"), ==,
                           g_get_host_name ());
          g_assert_true (array_has_suffix (read, "config/SYSTEM"));
          g_assert_true (array_has_suffix (read, "bob/NTUSER.DAT"));
          g_assert_true (array_has_suffix (unread, "config/SOFTWARE: "));
          g_assert_false (array_has_suffix (read, "SOFTWARE"));
        }
      else if (g_str_equal (type, "finding"))
        n_findings++;
    }
  g_assert_cmpuint (n_findings, >, 0);

  text = taiou_test_run_cli ("C.UTF-8", "scan", "--windows-volume", volume, NULL);
  g_assert_cmpint (text->status, ==, 1);
  g_assert_nonnull (strstr (text->out, "Computer name on the volume: " VOLUME_COMPUTER "\n"));
  g_assert_nonnull (strstr (text->out, "Read the registry hive "));
  g_assert_nonnull (strstr (text->out, "config/SYSTEM\n"));
  g_assert_nonnull (strstr (text->out, "Could not read the registry hive "));
  g_assert_null (strstr (text->out, "OLD-NAME"));

  japanese = taiou_test_run_cli ("ja_JP.UTF-8", "scan", "--windows-volume", volume, NULL);
  g_assert_nonnull (strstr (japanese->out, "ボリュームのコンピューター名：" VOLUME_COMPUTER));
  g_assert_nonnull (strstr (japanese->out, "レジストリハイブを読み取りました："));
  g_assert_nonnull (strstr (japanese->out, "レジストリハイブを読み取れませんでした："));
}

static void
test_volume_without_registry (void)
{
  /* A volume whose config folder is gone: both machine hives are listed as unread, and the
   * findings name no computer rather than this one. */
  g_autofree char *root = g_build_filename (g_get_user_data_dir (), "bare", NULL);
  g_autofree char *file = write_file (root, "Windows/System32/notepad.exe", "MZ");
  g_autoptr(TaiouTestCliResult) text = NULL;

  text = taiou_test_run_cli ("C.UTF-8", "scan", "--windows-volume", root, NULL);
  g_assert_nonnull (strstr (text->out, "computer name could not be read"));
  g_assert_nonnull (strstr (text->out, "config/SYSTEM: its folder could not be read\n"));
  g_assert_nonnull (strstr (text->out, "config/SOFTWARE: its folder could not be read\n"));
}

static void
test_exclusions_are_counted (void)
{
  g_autofree char *root = g_build_filename (g_get_user_data_dir (), "tree", NULL);
  g_autofree char *a = write_file (root, "keep/invoice.pdf.exe", "x");
  g_autofree char *b = write_file (root, "backup/old/invoice.pdf.exe", "x");
  g_autofree char *c = write_file (root, "vm/disk.vhdx", "x");
  g_autofree char *iocs = write_file (g_get_user_data_dir (), "filename-iocs.txt",
                                     "\\.pdf\\.exe$;70\n");
  g_autoptr(TaiouTestCliResult) json = NULL;
  g_autoptr(TaiouTestCliResult) text = NULL;
  g_autoptr(TaiouTestCliResult) bad = NULL;
  g_autoptr(JsonParser) start_parser = json_parser_new ();
  g_autoptr(JsonParser) end_parser = json_parser_new ();
  g_auto(GStrv) lines = NULL;
  guint n;
  JsonObject *start;
  JsonObject *end;

  json = taiou_test_run_cli ("C.UTF-8", "scan", "--json", root, "--ioc", iocs, "--exclude",
                             "backup", "--exclude-regex", "\\.vhdx$", NULL);
  g_assert_cmpint (json->status, ==, 1);
  lines = g_strsplit (g_strstrip (json->out), "\n", -1);
  n = g_strv_length (lines);
  start = parse_line (start_parser, lines[0]);
  end = parse_line (end_parser, lines[n - 1]);
  g_assert_cmpstr (json_object_get_string_member (start, "event_type"), ==, "scan_start");
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (start, "exclusions")),
                    ==, 2);
  /* A scan of this computer's files names this computer. */
  g_assert_cmpstr (json_object_get_string_member (start, "hostname"), ==, g_get_host_name ());
  g_assert_cmpint (json_object_get_int_member (end, "excluded"), ==, 2);
  g_assert_cmpint (json_object_get_int_member (end, "findings"), ==, 1);

  text = taiou_test_run_cli ("C.UTF-8", "scan", root, "--ioc", iocs, "--exclude", "BACKUP",
                             NULL);
  /* Off a Windows volume, case counts: nothing is left out, and that is said too. */
  g_assert_nonnull (strstr (text->out, "Left out 0 files or folders matching the 1 exclusions."));

  bad = taiou_test_run_cli ("C.UTF-8", "scan", root, "--ioc", iocs, "--exclude-regex", "([a-",
                            NULL);
  g_assert_cmpint (bad->status, ==, 2);
  g_assert_nonnull (strstr (bad->err, "“([a-” is not a valid regular expression"));
}

static void
test_volume_exclusions_ignore_case (void)
{
  g_autofree char *volume = make_volume ();
  g_autoptr(TaiouTestCliResult) json = NULL;

  json = taiou_test_run_cli ("C.UTF-8", "scan", "--json", "--windows-volume", volume,
                             "--exclude", "users\\BOB\\appdata", NULL);
  g_assert_nonnull (strstr (json->out, "\"excluded\":1"));
}

static void
test_recorded_detail (void)
{
  g_autofree char *db = NULL;
  g_autoptr(TaiouTimeline) timeline = taiou_test_timeline_new (&db);
  g_autoptr(TaiouIncident) incident = taiou_test_add_incident (timeline, "x", 0);
  g_autofree char *id = g_strdup_printf ("%lld", (long long) taiou_incident_get_id (incident));
  g_autofree char *volume = make_volume ();
  g_autoptr(TaiouTestCliResult) result = NULL;
  g_autoptr(GPtrArray) events = NULL;
  TaiouEvent *finished;
  TaiouEvent *finding;

  result = taiou_test_run_cli ("C.UTF-8", "--db", db, "scan", "--windows-volume", volume,
                               "--exclude", "*.vhdx", "--incident", id, NULL);
  g_assert_cmpint (result->status, ==, 1);
  events = taiou_timeline_list_events (timeline, taiou_incident_get_id (incident), NULL);
  finding = events->pdata[1];
  finished = events->pdata[events->len - 1];
  g_assert_cmpstr (taiou_event_get_kind (finding), ==, "scan.finding");
  g_assert_nonnull (strstr (taiou_event_get_detail (finding),
                            "\"hostname\":\"" VOLUME_COMPUTER "\""));
  g_assert_cmpstr (taiou_event_get_kind (finished), ==, "scan.finished");
  g_assert_nonnull (strstr (taiou_event_get_detail (finished), "\"excluded\":0"));
  g_assert_nonnull (strstr (taiou_event_get_detail (finished),
                            "\"hostname\":\"" VOLUME_COMPUTER "\""));
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/taiou/cli/scan-volume/names-its-computer", test_volume_names_its_computer);
  g_test_add_func ("/taiou/cli/scan-volume/without-registry", test_volume_without_registry);
  g_test_add_func ("/taiou/cli/scan-volume/exclusions-are-counted", test_exclusions_are_counted);
  g_test_add_func ("/taiou/cli/scan-volume/exclusions-ignore-case",
                   test_volume_exclusions_ignore_case);
  g_test_add_func ("/taiou/cli/scan-volume/recorded-detail", test_recorded_detail);

  return g_test_run ();
}
