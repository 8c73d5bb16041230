/* test-winvol-identity.c — a Windows volume's findings name its own computer (from its SYSTEM
 * hive), and the probe lists the hives it read and could not read */
#define G_LOG_DOMAIN "test-winvol-identity"

#include "config.h"

#include <string.h>

#include "taiou-test-hive.h"
#include "taiou-test-util.h"

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

/* A volume with a named computer, a damaged SOFTWARE hive and a file that a name IOC matches. */
static char *
make_volume (const char *computer_name)
{
  char *root = g_build_filename (g_get_user_data_dir (), "vol", NULL);
  g_autofree char *system_path = g_build_filename (root, "Windows", "System32", "config",
                                                   "SYSTEM", NULL);
  g_autofree char *software = write_file (root, "Windows/System32/config/SOFTWARE", "junk");
  g_autofree char *doc = write_file (root, "Users/bob/Downloads/請求書.pdf.exe", "MZ");
  g_autoptr(TaiouTestHive) hive = taiou_test_hive_new ();

  taiou_test_hive_set_dword (hive, "Select", "Current", 1);
  if (computer_name != NULL)
    taiou_test_hive_set_string (hive, "ControlSet001\\Control\\ComputerName\\ComputerName",
                                "ComputerName", 1, computer_name);
  else
    taiou_test_hive_add_key (hive, "ControlSet001\\Control");
  taiou_test_hive_save (hive, system_path);
  return root;
}

static TaiouScanResult *
scan_volume (const char         *root,
             TaiouHostSnapshot **snapshot)
{
  g_autoptr(TaiouIocSet) iocs = taiou_ioc_set_new ();
  g_autoptr(TaiouIocLoadReport) report = NULL;
  g_autoptr(TaiouScanner) scanner = NULL;
  g_autoptr(GError) error = NULL;
  const char *lines = "\\.pdf\\.exe$;70\n";
  TaiouSystemScanOptions options = { .windows_volume = root, .has_volume_serial = TRUE,
                                     .volume_serial = 0x12345678 };
  TaiouScanResult *result;

  report = taiou_ioc_set_load_data (iocs, "filename-iocs.txt", lines, strlen (lines),
                                    TAIOU_IOC_FORMAT_LOKI_FILENAME, NULL);
  scanner = taiou_scanner_new (iocs);
  result = taiou_system_scan (scanner, &options, NULL, NULL, NULL, snapshot, NULL, &error);
  g_assert_no_error (error);
  return result;
}

static void
test_findings_name_the_volume (void)
{
  g_autofree char *root = make_volume ("経理-PC07");
  g_autoptr(TaiouHostSnapshot) snapshot = NULL;
  g_autoptr(TaiouScanResult) result = scan_volume (root, &snapshot);
  g_autoptr(JsonObject) detail = NULL;

  g_assert_cmpstr (result->hostname, ==, "経理-PC07");
  g_assert_cmpuint (result->findings->len, >, 0);
  for (guint i = 0; i < result->findings->len; i++)
    {
      TaiouFinding *finding = result->findings->pdata[i];
      g_autoptr(JsonObject) json = taiou_finding_to_json (finding);

      g_assert_cmpstr (finding->hostname, ==, "経理-PC07");
      g_assert_cmpstr (json_object_get_string_member (json, "hostname"), ==, "経理-PC07");
    }
  detail = taiou_scan_result_to_json (result, "the volume");
  g_assert_cmpstr (json_object_get_string_member (detail, "hostname"), ==, "経理-PC07");

  /* One read, one not, each with its path. */
  g_assert_cmpuint (snapshot->hives_read->len, ==, 1);
  g_assert_true (g_str_has_suffix (snapshot->hives_read->pdata[0], "config/SYSTEM"));
  g_assert_cmpuint (snapshot->hives_unread->len, ==, 1);
  g_assert_nonnull (strstr (snapshot->hives_unread->pdata[0], "config/SOFTWARE: "));
}

static void
test_no_name_names_nobody (void)
{
  /* Without a name in the hive, the findings are not put on this computer either. */
  g_autofree char *root = make_volume (NULL);
  g_autoptr(TaiouHostSnapshot) snapshot = NULL;
  g_autoptr(TaiouScanResult) result = scan_volume (root, &snapshot);

  g_assert_null (result->hostname);
  g_assert_cmpuint (result->findings->len, >, 0);
  g_assert_null (((TaiouFinding *) result->findings->pdata[0])->hostname);
}

static void
test_copy_keeps_hostname (void)
{
  g_autoptr(TaiouFinding) finding = taiou_finding_new ("ioc.filename", 70, "C:\\x.exe", "e",
                                                       "理由", "reason");
  g_autoptr(TaiouFinding) copy = NULL;
  g_autoptr(JsonObject) json = NULL;

  json = taiou_finding_to_json (finding);
  g_assert_false (json_object_has_member (json, "hostname"));
  finding->hostname = g_strdup ("PC-07");
  copy = taiou_finding_copy (finding);
  g_assert_cmpstr (copy->hostname, ==, "PC-07");
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/taiou/winvol-identity/findings-name-the-volume",
                   test_findings_name_the_volume);
  g_test_add_func ("/taiou/winvol-identity/no-name-names-nobody", test_no_name_names_nobody);
  g_test_add_func ("/taiou/winvol-identity/copy-keeps-hostname", test_copy_keeps_hostname);

  return g_test_run ();
}
