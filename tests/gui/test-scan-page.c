/* test-scan-page.c — the scan step with real widgets and real files under Xvfb: a synthetic
 * Windows disk, EmoCheck reports and a mail, checked and recorded; a cancelled check records
 * nothing */
#define G_LOG_DOMAIN "test-scan-page"

#include "config.h"

#include <string.h>

#include "guidance/taiou-guidance-view.h"
#include "mail/taiou-mail-check-window.h"
#include "taiou-settings.h"
#include "taiou-test-gui.h"
#include "taiou-test-hive.h"
#include "taiou-test-util.h"
#include "wizard/pages/scan/taiou-scan-page.h"
#include "wizard/pages/scan/taiou-scan-task-row.h"
#include "wizard/pages/scan/taiou-volume-serial-dialog.h"
#include "wizard/taiou-wizard.h"

typedef struct
{
  char          *db_path;
  TaiouTimeline *timeline;
  TaiouIncident *incident;
  GSettings     *settings;
  TaiouCase     *case_at_hand;
  GtkWidget     *window;
  TaiouWizard   *wizard;
  TaiouScanPage *page;
} Fixture;

/* The wizard resumed at the scan step of an incident, as after the first two steps. */
static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  user_data)
{
  const char *domains[] = { "ourcorp.co.jp", NULL };
  const char *staff[] = { "山田 太郎", NULL };
  g_autoptr(TaiouIncident) created = NULL;
  g_autoptr(GError) error = NULL;

  fixture->timeline = taiou_test_timeline_new (&fixture->db_path);
  created = taiou_test_add_incident (fixture->timeline, "scan", 0);
  g_assert_true (taiou_timeline_set_incident_step (fixture->timeline,
                                                   taiou_incident_get_id (created), "scan",
                                                   NULL, NULL, &error));
  fixture->incident = taiou_timeline_get_incident (fixture->timeline,
                                                   taiou_incident_get_id (created), &error);
  g_assert_no_error (error);
  fixture->settings = g_settings_new (APP_ID);
  g_settings_set_strv (fixture->settings, "mail-domains", domains);
  g_settings_set_strv (fixture->settings, "staff-names", staff);
  fixture->case_at_hand = taiou_case_new (fixture->timeline, NULL);
  taiou_settings_bind_profile (fixture->settings, taiou_case_get_profile (fixture->case_at_hand),
                               TRUE);

  fixture->window = gtk_window_new ();
  fixture->wizard = taiou_wizard_new ();
  taiou_wizard_set_case (fixture->wizard, fixture->case_at_hand);
  gtk_window_set_default_size (GTK_WINDOW (fixture->window), 900, 900);
  gtk_window_set_child (GTK_WINDOW (fixture->window), GTK_WIDGET (fixture->wizard));
  gtk_window_present (GTK_WINDOW (fixture->window));
  taiou_test_wait_until_mapped (fixture->window);
  taiou_wizard_begin (fixture->wizard, fixture->incident);
  fixture->page = TAIOU_SCAN_PAGE (taiou_wizard_get_current_page (fixture->wizard));
  g_assert_true (TAIOU_IS_SCAN_PAGE (fixture->page));
  g_assert_false (taiou_wizard_page_get_complete (TAIOU_WIZARD_PAGE (fixture->page)));
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  user_data)
{
  g_object_ref (fixture->wizard);
  gtk_window_destroy (GTK_WINDOW (fixture->window));
  g_assert_finalize_object (fixture->wizard);
  g_settings_reset (fixture->settings, "mail-domains");
  g_settings_reset (fixture->settings, "staff-names");
  g_clear_object (&fixture->settings);
  g_assert_finalize_object (fixture->case_at_hand);
  g_clear_object (&fixture->incident);
  g_assert_finalize_object (fixture->timeline);
  g_free (fixture->db_path);
}

static TaiouScanTaskRow *
task_row (Fixture    *fixture,
          const char *kind)
{
  return TAIOU_SCAN_TASK_ROW (taiou_scan_page_get_task_row (fixture->page, kind));
}

static gboolean
row_not_running (gpointer row)
{
  return !taiou_scan_task_row_get_running (row);
}

static GPtrArray *
events_of_kind (Fixture    *fixture,
                const char *prefix)
{
  g_autoptr(GPtrArray) events = NULL;
  GPtrArray *matching = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GError) error = NULL;

  events = taiou_timeline_list_events (fixture->timeline,
                                       taiou_incident_get_id (fixture->incident), &error);
  g_assert_no_error (error);
  for (guint i = 0; i < events->len; i++)
    if (g_str_has_prefix (taiou_event_get_kind (events->pdata[i]), prefix))
      g_ptr_array_add (matching, g_object_ref (events->pdata[i]));
  return matching;
}

static GtkWidget *
find_guidance (GtkWidget  *widget,
               const char *record)
{
  if (TAIOU_IS_GUIDANCE_VIEW (widget) &&
      g_strcmp0 (taiou_guidance_view_get_record (TAIOU_GUIDANCE_VIEW (widget)), record) == 0)
    return widget;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_guidance (child, record);

      if (found != NULL)
        return found;
    }
  return NULL;
}

static void
assert_step_complete (Fixture *fixture)
{
  g_assert_true (taiou_wizard_page_get_complete (TAIOU_WIZARD_PAGE (fixture->page)));
  g_assert_true (gtk_widget_is_sensitive (taiou_test_find_button (fixture->window,
                                                                  "wizard.next")));
}

/* A copy of a Windows system volume where Emotet (EmoCheck scan_v4's pattern) left a DLL under
 * a random name with a Run value that starts it through rundll32; @n_padding more files make
 * the walk long enough to cancel. */
static char *
make_windows_volume (const char *name,
                     guint       n_padding)
{
  char *root = g_build_filename (g_get_user_data_dir (), name, NULL);
  g_autofree char *config = g_build_filename (root, "Windows", "System32", "config", NULL);
  g_autofree char *local = g_build_filename (root, "Users", "bob", "AppData", "Local", "Xqzvbn",
                                             NULL);
  g_autofree char *documents = g_build_filename (root, "Users", "bob", "Documents", NULL);
  g_autofree char *dll = g_build_filename (local, "qwerty.tyu", NULL);
  g_autofree char *ntuser = g_build_filename (root, "Users", "bob", "NTUSER.DAT", NULL);
  g_autofree char *padding = g_strnfill (4096, 'x');
  g_autofree char *pe = g_strconcat ("MZ", padding, NULL);
  g_autoptr(TaiouTestHive) hive = taiou_test_hive_new ();

  g_assert_cmpint (g_mkdir_with_parents (config, 0700), ==, 0);
  g_assert_cmpint (g_mkdir_with_parents (local, 0700), ==, 0);
  g_assert_cmpint (g_mkdir_with_parents (documents, 0700), ==, 0);
  g_assert_true (g_file_set_contents (dll, pe, -1, NULL));
  taiou_test_hive_set_string (hive, "Software\\Microsoft\\Windows\\CurrentVersion\\Run",
                              "Plmoknijb", 1,
                              "C:\\Windows\\SysWOW64\\rundll32.exe \"%LOCALAPPDATA%\\Xqzvbn"
                              "\\qwerty.tyu\",DllRegisterServer");
  taiou_test_hive_save (hive, ntuser);
  for (guint i = 0; i < n_padding; i++)
    {
      g_autofree char *file = g_strdup_printf ("%s/memo-%05u.txt", documents, i);

      g_assert_true (g_file_set_contents (file, padding, 64 + i % 512, NULL));
    }
  return root;
}

static gboolean
serial_dialog_shown (gpointer data)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GObject) window = g_list_model_get_item (toplevels, i);

      if (TAIOU_IS_VOLUME_SERIAL_DIALOG (window) && gtk_widget_get_mapped (GTK_WIDGET (window)))
        return TRUE;
    }
  return FALSE;
}

/* The folder is no partition of its own, so its serial cannot be read: the page asks. */
static void
answer_serial (const char *serial)
{
  TaiouVolumeSerialDialog *dialog;
  guint32 value;

  taiou_test_wait_for (serial_dialog_shown, NULL);
  dialog = TAIOU_VOLUME_SERIAL_DIALOG (taiou_test_wait_for_window (
                                         TAIOU_TYPE_VOLUME_SERIAL_DIALOG));
  g_assert_nonnull (find_guidance (GTK_WIDGET (dialog), "scan.volume-serial-vol"));
  /* "Check" waits for a well-formed serial. */
  g_assert_false (adw_message_dialog_get_response_enabled (ADW_MESSAGE_DIALOG (dialog),
                                                           TAIOU_VOLUME_SERIAL_RESPONSE_CHECK));
  taiou_volume_serial_dialog_set_text (dialog, "12345-XYZ");
  g_assert_false (adw_message_dialog_get_response_enabled (ADW_MESSAGE_DIALOG (dialog),
                                                           TAIOU_VOLUME_SERIAL_RESPONSE_CHECK));
  taiou_volume_serial_dialog_set_text (dialog, serial);
  g_assert_true (taiou_volume_serial_dialog_get_serial (dialog, &value));
  g_assert_true (adw_message_dialog_get_response_enabled (ADW_MESSAGE_DIALOG (dialog),
                                                          TAIOU_VOLUME_SERIAL_RESPONSE_CHECK));
  adw_message_dialog_response (ADW_MESSAGE_DIALOG (dialog), TAIOU_VOLUME_SERIAL_RESPONSE_CHECK);
  gtk_window_destroy (GTK_WINDOW (dialog));
}

static void
test_windows_disk_finding_recorded (Fixture       *fixture,
                                    gconstpointer  user_data)
{
  g_autofree char *volume = make_windows_volume ("winvol", 0);
  TaiouScanTaskRow *row = task_row (fixture, "disk");
  g_autoptr(GPtrArray) findings = NULL;
  g_autoptr(GPtrArray) finished = NULL;
  g_autoptr(TaiouTimelineVerification) verification = NULL;
  g_autoptr(GError) error = NULL;
  GtkWidget *next_step;

  taiou_scan_page_check_windows_disk (fixture->page, volume);
  g_assert_true (taiou_scan_task_row_get_running (row));
  answer_serial ("1234-5678");
  taiou_test_wait_for (row_not_running, row);

  g_assert_cmpstr (taiou_scan_task_row_get_state (row), ==, "suspected");
  g_assert_cmpuint (taiou_scan_task_row_get_n_findings (row), >, 0);
  /* The finding is shown in plain words, expandable to its evidence. */
  g_assert_nonnull (taiou_test_find_widget_type (GTK_WIDGET (row), ADW_TYPE_EXPANDER_ROW));
  assert_step_complete (fixture);
  /* With findings, the page says what to do next and leads to the IT manager's record. */
  next_step = find_guidance (GTK_WIDGET (fixture->page), "scan.remove");
  g_assert_true (gtk_widget_is_visible (next_step));
  g_assert_nonnull (taiou_test_find_button (GTK_WIDGET (fixture->page), "window.view-records"));

  findings = events_of_kind (fixture, TAIOU_EVENT_SCAN_FINDING);
  finished = events_of_kind (fixture, TAIOU_EVENT_SCAN_FINISHED);
  g_assert_cmpuint (findings->len, ==, taiou_scan_task_row_get_n_findings (row));
  g_assert_cmpuint (finished->len, ==, 1);
  g_assert_nonnull (strstr (taiou_event_get_detail (findings->pdata[0]), "emocheck.v4"));
  g_assert_nonnull (strstr (taiou_event_get_summary (finished->pdata[0]), volume));
  verification = taiou_timeline_verify (fixture->timeline, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (verification->intact);
}

static void
test_not_windows_is_explained (Fixture       *fixture,
                               gconstpointer  user_data)
{
  g_autofree char *folder = g_build_filename (g_get_user_data_dir (), "photos", NULL);
  TaiouScanTaskRow *row = task_row (fixture, "disk");
  g_autoptr(GPtrArray) scans = NULL;

  g_assert_cmpint (g_mkdir_with_parents (folder, 0700), ==, 0);
  taiou_scan_page_check_windows_disk (fixture->page, folder);
  taiou_test_wait_for (row_not_running, row);
  g_assert_cmpstr (taiou_scan_task_row_get_state (row), ==, "error");
  scans = events_of_kind (fixture, "scan.");
  g_assert_cmpuint (scans->len, ==, 0);
  g_assert_false (taiou_wizard_page_get_complete (TAIOU_WIZARD_PAGE (fixture->page)));
}

/* As soon as the walk reports, the worker presses "Cancel". */
static void
cancel_on_progress_cb (TaiouScanTaskRow *row,
                       gpointer          user_data)
{
  guint *n_progress = user_data;

  if ((*n_progress)++ == 0)
    taiou_test_click (taiou_test_find_button (GTK_WIDGET (row), "scan-task.cancel"));
}

static void
test_cancel_mid_scan_records_nothing (Fixture       *fixture,
                                      gconstpointer  user_data)
{
  g_autofree char *volume = make_windows_volume ("bigvol", 2000);
  TaiouScanTaskRow *row = task_row (fixture, "disk");
  g_autoptr(GPtrArray) scans = NULL;
  guint n_progress = 0;

  g_signal_connect (row, "progressed", G_CALLBACK (cancel_on_progress_cb), &n_progress);
  taiou_scan_page_check_windows_disk (fixture->page, volume);
  answer_serial ("1234-5678");
  taiou_test_wait_for (row_not_running, row);

  g_assert_cmpuint (n_progress, >, 0);
  g_assert_cmpstr (taiou_scan_task_row_get_state (row), ==, "cancelled");
  scans = events_of_kind (fixture, "scan.");
  g_assert_cmpuint (scans->len, ==, 0);
  g_assert_false (taiou_wizard_page_get_complete (TAIOU_WIZARD_PAGE (fixture->page)));
  g_signal_handlers_disconnect_by_data (row, &n_progress);
}

static const char infected_json[] =
  "{\"scan_time\":\"2022-03-08 10:15:00\",\"hostname\":\"PC-07\",\"emocheck_version\":\"2.3.2\","
  "\"is_infected\":\"yes\",\"emotet_processes\":[{\"process_name\":\"mstask.exe\","
  "\"process_id\":\"716\",\"image_path\":\"C:\\\\Users\\\\taro\\\\AppData\\\\Local\\\\mstask"
  "\\\\mstask.exe\",\"registry_key\":\"Software\\\\Microsoft\\\\Windows\\\\CurrentVersion"
  "\\\\Run\\\\mstask\"}]}";

static void
test_emocheck_reports_imported (Fixture       *fixture,
                                gconstpointer  user_data)
{
  g_autofree char *stick = g_build_filename (g_get_user_data_dir (), "usb", "PC-07", NULL);
  g_autofree char *report = g_build_filename (stick, "PC-07_20220308101500_emocheck.json",
                                              NULL);
  g_autofree char *usb = g_path_get_dirname (stick);
  TaiouScanTaskRow *row = task_row (fixture, "emocheck");
  g_autoptr(GPtrArray) imports = NULL;
  g_autoptr(GPtrArray) processes = NULL;

  g_assert_cmpint (g_mkdir_with_parents (stick, 0700), ==, 0);
  g_assert_true (g_file_set_contents (report, infected_json, -1, NULL));
  /* Where EmoCheck is named, the page says it was withdrawn. */
  g_assert_nonnull (find_guidance (GTK_WIDGET (fixture->page), "scan.emocheck-withdrawn"));

  taiou_scan_page_import_emocheck (fixture->page, usb);
  taiou_test_wait_for (row_not_running, row);
  g_assert_cmpstr (taiou_scan_task_row_get_state (row), ==, "suspected");
  g_assert_cmpuint (taiou_scan_task_row_get_n_findings (row), ==, 1);
  assert_step_complete (fixture);

  imports = events_of_kind (fixture, TAIOU_EVENT_IMPORT_EMOCHECK);
  processes = events_of_kind (fixture, TAIOU_EVENT_IMPORT_EMOCHECK_PROCESS);
  /* "import.emocheck" is a prefix of the process events' kind too. */
  g_assert_cmpuint (imports->len, ==, 2);
  g_assert_cmpuint (processes->len, ==, 1);
  g_assert_nonnull (strstr (taiou_event_get_summary (processes->pdata[0]), "mstask.exe"));
}

/* This computer, as `taiou-cli scan` with no path checks it (the scratch folders are the test's
 * own, not a shared /tmp). */
static void
test_this_computer_checked (Fixture       *fixture,
                            gconstpointer  user_data)
{
  g_autofree char *scratch = g_build_filename (g_get_user_data_dir (), "scratch", NULL);
  TaiouScanTaskRow *row = task_row (fixture, "computer");
  g_autoptr(GPtrArray) finished = NULL;

  g_assert_cmpint (g_mkdir_with_parents (scratch, 0700), ==, 0);
  g_setenv ("TAIOU_SCRATCH_FOLDERS", scratch, TRUE);
  taiou_test_click (taiou_test_find_button (GTK_WIDGET (fixture->page),
                                            "scan-page.check-computer"));
  g_assert_true (taiou_scan_task_row_get_running (row));
  /* One check of a kind at a time. */
  g_assert_false (gtk_widget_is_sensitive (taiou_test_find_button (GTK_WIDGET (fixture->page),
                                                                   "scan-page.check-computer")));
  taiou_test_wait_for (row_not_running, row);
  g_unsetenv ("TAIOU_SCRATCH_FOLDERS");

  g_assert_true (g_str_equal (taiou_scan_task_row_get_state (row), "suspected") ||
                 g_str_equal (taiou_scan_task_row_get_state (row), "not-found"));
  finished = events_of_kind (fixture, TAIOU_EVENT_SCAN_FINISHED);
  g_assert_cmpuint (finished->len, ==, 1);
  g_assert_nonnull (strstr (taiou_event_get_summary (finished->pdata[0]), g_get_host_name ()));
  assert_step_complete (fixture);
}

static gboolean
mail_checked (gpointer window)
{
  return g_strcmp0 (taiou_mail_check_window_get_page_name (window), "result") == 0;
}

/* The walkthrough: checking the mail (危険) left "Next" disabled, and the window told the
 * worker to go back to the start screen although they were in the wizard. */
static void
test_mail_check_completes_step (Fixture       *fixture,
                                gconstpointer  user_data)
{
  g_autofree char *path = g_build_filename (g_get_user_data_dir (), "spoof.eml", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GPtrArray) mails = NULL;
  TaiouMailCheckWindow *window;
  TaiouScanTaskRow *row = task_row (fixture, "mail");

  g_assert_cmpint (g_mkdir_with_parents (g_get_user_data_dir (), 0700), ==, 0);
  g_assert_true (g_file_set_contents (path,
                                      "From: =?UTF-8?B?5bGx55SwIOWkqumDjg==?= <yamada@hacked.example>\r\n"
                                      "Subject: invoice\r\nDate: Mon, 23 Nov 2026 10:00:00 +0900\r\n"
                                      "Content-Type: text/plain; charset=UTF-8\r\n\r\n"
                                      "Please see http://192.0.2.7/invoice.zip\r\n", -1, NULL));

  taiou_test_click (taiou_test_find_button (GTK_WIDGET (fixture->page), "scan-page.check-mail"));
  window = TAIOU_MAIL_CHECK_WINDOW (taiou_test_wait_for_window (TAIOU_TYPE_MAIL_CHECK_WINDOW));
  taiou_mail_check_window_check_file (window, file);
  taiou_test_wait_for (mail_checked, window);

  g_assert_cmpint (taiou_mail_check_window_get_report (window)->verdict, ==,
                   TAIOU_MAIL_VERDICT_DANGEROUS);
  g_assert_nonnull (strstr (taiou_mail_check_window_get_advice (window), "next steps"));
  g_assert_null (strstr (taiou_mail_check_window_get_advice (window), "go back"));
  g_assert_cmpstr (taiou_scan_task_row_get_state (row), ==, "suspected");
  assert_step_complete (fixture);
  mails = events_of_kind (fixture, TAIOU_EVENT_MAIL_TRIAGE);
  g_assert_cmpuint (mails->len, ==, 1);
  gtk_window_destroy (GTK_WINDOW (window));
}

static void
test_no_display (void)
{
  g_test_skip ("no X server could be started: install xvfb");
}

#define ADD_TEST(path, func) \
  g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

int
main (int    argc,
      char **argv)
{
  if (!taiou_test_gui_init (&argc, &argv, FALSE))
    {
      g_test_add_func ("/taiou/gui/scan-page/no-display", test_no_display);
      return g_test_run ();
    }

  ADD_TEST ("/taiou/gui/scan-page/windows-disk-finding-recorded",
            test_windows_disk_finding_recorded);
  ADD_TEST ("/taiou/gui/scan-page/not-windows-is-explained", test_not_windows_is_explained);
  ADD_TEST ("/taiou/gui/scan-page/cancel-mid-scan-records-nothing",
            test_cancel_mid_scan_records_nothing);
  ADD_TEST ("/taiou/gui/scan-page/emocheck-reports-imported", test_emocheck_reports_imported);
  ADD_TEST ("/taiou/gui/scan-page/this-computer-checked", test_this_computer_checked);
  ADD_TEST ("/taiou/gui/scan-page/mail-check-completes-step", test_mail_check_completes_step);

  return g_test_run ();
}
