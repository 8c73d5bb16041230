/* taiou-screenshot.c — renders a screen of the real app to PNG, for the README and the metainfo
 *
 *   taiou-screenshot OUTPUT.png [start|wizard|timeline|preferences|mail-check|scan-step|notify-step|
 *                                disconnect-step|disconnect-fallback|notice|notice-recipients|
 *                                passwords-gate|passwords-step|
 *                                passwords-generator|report-step|closing|scan-running|
 *                                scan-serial|scan-done|preferences-yara] [WIDTHxHEIGHT]
 *
 * It runs TaiouApplication on a private Xvfb with a throw-away database (with two sample
 * incidents for the record view) and renders the window with GTK's own snapshot, so the picture
 * does not depend on a window manager or a screen grabber.  build-aux/taiou-dev screenshot runs it.
 */
#define G_LOG_DOMAIN "taiou-screenshot"

#include "config.h"

#include <glib/gstdio.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

#include "taiou-application.h"
#include "preferences/taiou-checkpoint-preferences-page.h"
#include "taiou-preferences-window.h"
#include "preferences/taiou-feeds-preferences-page.h"
#include "preferences/taiou-forward-preferences-page.h"
#include "preferences/taiou-scan-preferences-page.h"
#include "taiou-screenshot-records.h"
#include "taiou-test-gui.h"
#include "taiou-test-network-monitor.h"
#include "taiou-window.h"
#include "timeline/taiou-export-dialog.h"
#include "timeline/taiou-timeline-view.h"
#include "mail/taiou-mail-check-window.h"
#include "notice/taiou-notice-recipients-group.h"
#include "notice/taiou-notice-window.h"
#include "wizard/pages/disconnect/taiou-disconnect-page.h"
#include "wizard/pages/passwords/taiou-password-generator-view.h"
#include "taiou-test-hive.h"
#include "wizard/pages/scan/taiou-scan-page.h"
#include "wizard/pages/scan/taiou-scan-task-row.h"
#include "wizard/pages/scan/taiou-volume-serial-dialog.h"
#include "wizard/taiou-wizard.h"

#define FRAMES_BEFORE_SNAPSHOT 30

static const char *output_path;
static const char *view_name = "start";
static int window_width = 960;
static int window_height = 720;
static int frames_left = FRAMES_BEFORE_SNAPSHOT;
static int exit_status = 1;

static void
save_window (GtkWidget *window)
{
  g_autoptr(GdkPaintable) paintable = gtk_widget_paintable_new (window);
  GtkSnapshot *snapshot = gtk_snapshot_new ();
  g_autoptr(GskRenderNode) node = NULL;
  g_autoptr(GdkTexture) texture = NULL;
  int width = gtk_widget_get_width (window);
  int height = gtk_widget_get_height (window);

  gdk_paintable_snapshot (paintable, snapshot, width, height);
  node = gtk_snapshot_free_to_node (snapshot);
  texture = gsk_renderer_render_texture (gtk_native_get_renderer (GTK_NATIVE (window)), node,
                                         &GRAPHENE_RECT_INIT (0, 0, width, height));
  if (gdk_texture_save_to_png (texture, output_path))
    {
      g_print ("Saved %s (%d×%d)\n", output_path, width, height);
      exit_status = 0;
    }
  else
    g_printerr ("Could not write %s\n", output_path);
}

static gboolean
tick_cb (GtkWidget     *window,
         GdkFrameClock *clock,
         gpointer       user_data)
{
  if (--frames_left > 0)
    return G_SOURCE_CONTINUE;
  save_window (window);
  g_application_quit (G_APPLICATION (user_data));
  return G_SOURCE_REMOVE;
}

/* How far down a long step is shown: "report-step@0.5" shows its middle. */
static double scroll_fraction = 0;

static gboolean
scroll_to_fraction_cb (GtkWidget     *scrolled,
                       GdkFrameClock *clock,
                       gpointer       user_data)
{
  GtkAdjustment *adjustment = gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (scrolled));

  gtk_adjustment_set_value (adjustment,
                            scroll_fraction * (gtk_adjustment_get_upper (adjustment) -
                                               gtk_adjustment_get_page_size (adjustment)));
  return G_SOURCE_CONTINUE;
}

static gboolean
scroll_to_end_cb (GtkWidget     *scrolled,
                  GdkFrameClock *clock,
                  gpointer       user_data)
{
  GtkAdjustment *adjustment = gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (scrolled));

  gtk_adjustment_set_value (adjustment, gtk_adjustment_get_upper (adjustment));
  return G_SOURCE_CONTINUE;
}

/* Waits for the disconnect step's request to NetworkManager to end, then takes the picture. */
static gboolean
disconnect_answered_cb (GtkWidget     *window,
                        GdkFrameClock *clock,
                        gpointer       application)
{
  GtkWidget *page = taiou_test_find_widget_type (window, TAIOU_TYPE_DISCONNECT_PAGE);

  if (taiou_disconnect_page_get_busy (TAIOU_DISCONNECT_PAGE (page)))
    return G_SOURCE_CONTINUE;
  gtk_widget_add_tick_callback (window, tick_cb, application, NULL);
  return G_SOURCE_REMOVE;
}

/* The disconnect step on a computer that looks connected: the worker chose another PC, or
 * chose this one and pressed the button where there is no NetworkManager. */
static void
drive_disconnect_step (GtkWidget *window,
                       gpointer   application)
{
  GtkWidget *page = taiou_test_find_widget_type (window, TAIOU_TYPE_DISCONNECT_PAGE);
  g_autoptr(GNetworkMonitor) monitor = taiou_test_network_monitor_new (
    G_NETWORK_CONNECTIVITY_FULL);
  gboolean fallback = g_strcmp0 (view_name, "disconnect-fallback") == 0;
  const char *row_title = fallback ? "This computer" : "Another PC";

  taiou_disconnect_page_set_network_monitor (TAIOU_DISCONNECT_PAGE (page), monitor);
  adw_action_row_activate (ADW_ACTION_ROW (
    taiou_test_find_row (page, g_dgettext (GETTEXT_PACKAGE, row_title))));
  if (fallback)
    gtk_widget_activate_action (page, "disconnect-page.switch-off", NULL);
  gtk_widget_add_tick_callback (window, disconnect_answered_cb, application, NULL);
}

static char *sample_mail_path;

/* A mail of the kind Emotet sent: our colleague's name, someone else's address, a short body,
 * a link whose text lies. */
static void
write_sample_mail (const char *folder)
{
  const char *text =
    "From: =?UTF-8?B?5bGx55SwIOWkqumDjg==?= <yamada@mail.hacked.example>\r\n"
    "Reply-To: billing@collect.example\r\n"
    "Subject: =?UTF-8?B?UkU6IOiri+axguabuOOBruS7tg==?=\r\n"
    "Date: Mon, 23 Nov 2026 23:48:00 +0900\r\n"
    "MIME-Version: 1.0\r\n"
    "Content-Type: multipart/mixed; boundary=b\r\n\r\n"
    "--b\r\nContent-Type: text/html; charset=UTF-8\r\n\r\n"
    "<p>ご確認ください。</p><a href=\"http://203.0.113.9/s.zip\">https://www.ourcorp.co.jp/</a>"
    "<blockquote>&gt; 先日の件</blockquote>\r\n"
    "--b\r\nContent-Type: application/zip\r\n"
    "Content-Disposition: attachment; filename*=UTF-8''%E8%AB%8B%E6%B1%82%E6%9B%B8.zip\r\n"
    "\r\nPK\r\n--b--\r\n";

  sample_mail_path = g_build_filename (folder, "請求書の件.eml", NULL);
  if (!g_file_set_contents (sample_mail_path, text, -1, NULL))
    g_error ("Cannot write %s", sample_mail_path);
}

static char *sample_volume_path;

/* A copy of a Windows disk where Emotet (EmoCheck scan_v4's pattern) left a DLL started from
 * a Run value, with enough documents that the check is still running when it is drawn. */
static void
write_sample_volume (const char *folder)
{
  g_autofree char *config = NULL;
  g_autofree char *local = NULL;
  g_autofree char *documents = NULL;
  g_autofree char *dll = NULL;
  g_autofree char *ntuser = NULL;
  g_autofree char *padding = g_strnfill (4096, 'x');
  g_autofree char *pe = g_strconcat ("MZ", padding, NULL);
  TaiouTestHive *hive = taiou_test_hive_new ();

  sample_volume_path = g_build_filename (folder, "PC-07", NULL);
  config = g_build_filename (sample_volume_path, "Windows", "System32", "config", NULL);
  local = g_build_filename (sample_volume_path, "Users", "yamada", "AppData", "Local", "Xqzvbn",
                            NULL);
  documents = g_build_filename (sample_volume_path, "Users", "yamada", "Documents", NULL);
  dll = g_build_filename (local, "qwerty.tyu", NULL);
  ntuser = g_build_filename (sample_volume_path, "Users", "yamada", "NTUSER.DAT", NULL);
  g_mkdir_with_parents (config, 0700);
  g_mkdir_with_parents (local, 0700);
  g_mkdir_with_parents (documents, 0700);
  if (!g_file_set_contents (dll, pe, -1, NULL))
    g_error ("Cannot write %s", dll);
  taiou_test_hive_set_string (hive, "Software\\Microsoft\\Windows\\CurrentVersion\\Run",
                              "Plmoknijb", 1,
                              "C:\\Windows\\SysWOW64\\rundll32.exe \"%LOCALAPPDATA%\\Xqzvbn"
                              "\\qwerty.tyu\",DllRegisterServer");
  taiou_test_hive_save (hive, ntuser);
  taiou_test_hive_free (hive);
  for (guint i = 0; i < 3000; i++)
    {
      g_autofree char *file = g_strdup_printf ("%s/文書-%04u.txt", documents, i);

      g_file_set_contents (file, padding, 4096, NULL);
    }
  /* Large (sparse) downloads keep the hashing busy for a while. */
  if (g_strcmp0 (view_name, "scan-running") == 0)
    for (guint i = 0; i < 6; i++)
      {
        g_autofree char *file = g_strdup_printf ("%s/請求書-%u.iso", documents, i);
        FILE *stream = fopen (file, "w");

        if (stream == NULL || ftruncate (fileno (stream), 200 * 1024 * 1024) != 0)
          g_error ("Cannot write %s", file);
        fclose (stream);
      }
}

static gboolean
scroll_to_widget_cb (GtkWidget     *scrolled,
                     GdkFrameClock *clock,
                     gpointer       target)
{
  GtkAdjustment *adjustment = gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (scrolled));
  double x = 0, y = 0;

  if (gtk_widget_translate_coordinates (target, gtk_scrolled_window_get_child (
                                          GTK_SCROLLED_WINDOW (scrolled)), 0, 0, &x, &y))
    gtk_adjustment_set_value (adjustment, y - 120);
  return G_SOURCE_CONTINUE;
}

static void
snapshot_after_frames (GtkWidget *window)
{
  frames_left = FRAMES_BEFORE_SNAPSHOT;
  gtk_widget_add_tick_callback (window, tick_cb, g_application_get_default (), NULL);
}

static void
scan_progressed_cb (TaiouScanTaskRow *row,
                    gpointer          user_data)
{
  if (g_strcmp0 (view_name, "scan-running") != 0)
    return;
  g_signal_handlers_disconnect_by_func (row, scan_progressed_cb, user_data);
  frames_left = 2;
  gtk_widget_add_tick_callback (GTK_WIDGET (gtk_widget_get_root (GTK_WIDGET (row))), tick_cb,
                                g_application_get_default (), NULL);
}

static void
scan_running_cb (TaiouScanTaskRow *row,
                 GParamSpec       *pspec,
                 gpointer          user_data)
{
  GtkWidget *window = GTK_WIDGET (gtk_widget_get_root (GTK_WIDGET (row)));

  if (taiou_scan_task_row_get_running (row) || g_strcmp0 (view_name, "scan-done") != 0)
    return;
  gtk_widget_add_tick_callback (gtk_widget_get_ancestor (GTK_WIDGET (row),
                                                         GTK_TYPE_SCROLLED_WINDOW),
                                scroll_to_widget_cb, row, NULL);
  snapshot_after_frames (window);
}

/* Once the wizard shows the scan step, check the sample disk from it. */
static gboolean
start_disk_check_cb (gpointer user_data)
{
  GtkWidget *window = user_data;
  TaiouWizard *wizard = TAIOU_WIZARD (taiou_test_find_widget_type (window, TAIOU_TYPE_WIZARD));
  TaiouScanPage *page = TAIOU_SCAN_PAGE (taiou_wizard_get_current_page (wizard));
  GtkWidget *row = taiou_scan_page_get_task_row (page, "disk");

  g_signal_connect (row, "progressed", G_CALLBACK (scan_progressed_cb), NULL);
  g_signal_connect (row, "notify::running", G_CALLBACK (scan_running_cb), NULL);
  taiou_scan_page_check_windows_disk (page, sample_volume_path);
  return G_SOURCE_REMOVE;
}

static void
mail_checked_cb (GtkWidget *window,
                 gpointer   application)
{
  gtk_widget_add_tick_callback (window, tick_cb, application, NULL);
}

static gboolean
export_done_tick_cb (GtkWidget     *dialog,
                     GdkFrameClock *clock,
                     gpointer       application)
{
  if (taiou_export_dialog_get_running (TAIOU_EXPORT_DIALOG (dialog)))
    return G_SOURCE_CONTINUE;
  if (taiou_export_dialog_get_saved_file (TAIOU_EXPORT_DIALOG (dialog)) != NULL)
    g_unlink (g_file_peek_path (taiou_export_dialog_get_saved_file (TAIOU_EXPORT_DIALOG (dialog))));
  gtk_widget_add_tick_callback (dialog, tick_cb, application, NULL);
  return G_SOURCE_REMOVE;
}

static void
show_scan_preferences (GtkWindow *window)
{
  GtkWidget *page = taiou_test_find_widget_type (GTK_WIDGET (window),
                                                 TAIOU_TYPE_SCAN_PREFERENCES_PAGE);
  GtkWidget *add = taiou_test_find_widget_type (page, ADW_TYPE_ENTRY_ROW);
  const char *typed[] = { "*.vhdx", "Windows/WinSxS/**", "re:\\.iso$", "re:([a-" };

  adw_preferences_window_set_visible_page (ADW_PREFERENCES_WINDOW (window),
                                           ADW_PREFERENCES_PAGE (page));
  for (guint i = 0; i < G_N_ELEMENTS (typed); i++)
    {
      gtk_editable_set_text (GTK_EDITABLE (add), typed[i]);
      g_signal_emit_by_name (add, "apply");
    }
}

static void
window_added_cb (GtkApplication *application,
                 GtkWindow      *window)
{
  gboolean preferences = g_str_has_prefix (view_name, "preferences");

  /* TAIOU_SCREENSHOT_DARK=1: the same screen in the dark style, to check it reads there too. */
  if (g_getenv ("TAIOU_SCREENSHOT_DARK") != NULL)
    adw_style_manager_set_color_scheme (adw_style_manager_get_default (),
                                        ADW_COLOR_SCHEME_FORCE_DARK);
  if (TAIOU_IS_MAIL_CHECK_WINDOW (window))
    {
      g_autoptr(GFile) file = g_file_new_for_path (sample_mail_path);

      gtk_window_set_default_size (window, window_width * 3 / 4, window_height);
      g_signal_connect (window, "checked", G_CALLBACK (mail_checked_cb), application);
      taiou_mail_check_window_check_file (TAIOU_MAIL_CHECK_WINDOW (window), file);
      return;
    }

  if (TAIOU_IS_NOTICE_WINDOW (window))
    {
      gtk_window_set_default_size (window, window_width * 5 / 4, window_height);
      if (g_strcmp0 (view_name, "notice-recipients") == 0)
        {
          GtkWidget *group = taiou_test_find_widget_type (GTK_WIDGET (window),
                                                          TAIOU_TYPE_NOTICE_RECIPIENTS_GROUP);
          GtkWidget *scrolled = gtk_widget_get_ancestor (group, GTK_TYPE_SCROLLED_WINDOW);
          g_autoptr(GString) pasted = g_string_new ("取引先 一覧\nsato@@example.com\n");

          for (guint i = 1; i <= 120; i++)
            g_string_append_printf (pasted, "取引先 %u <partner%u@example.com>\n", i, i);
          taiou_notice_recipients_group_set_text (TAIOU_NOTICE_RECIPIENTS_GROUP (group),
                                                  pasted->str);
          /* Show the recipients, not the top of the form (once the form has a size). */
          gtk_widget_add_tick_callback (scrolled, scroll_to_end_cb, NULL, NULL);
        }
      gtk_widget_add_tick_callback (GTK_WIDGET (window), tick_cb, application, NULL);
      return;
    }
  if (TAIOU_IS_EXPORT_DIALOG (window))
    {
      /* "export-done": the report written, the dialog says where. */
      if (g_strcmp0 (view_name, "export-done") == 0)
        {
          g_autofree char *path = g_build_filename (g_get_tmp_dir (),
                                                    "taiou-screenshot-incident-1-report.pdf",
                                                    NULL);
          g_autoptr(GFile) file = g_file_new_for_path (path);

          taiou_export_dialog_export_to (TAIOU_EXPORT_DIALOG (window), file);
          gtk_widget_add_tick_callback (GTK_WIDGET (window), export_done_tick_cb, application,
                                        NULL);
          return;
        }
      gtk_widget_add_tick_callback (GTK_WIDGET (window), tick_cb, application, NULL);
      return;
    }
  if (TAIOU_IS_VOLUME_SERIAL_DIALOG (window))
    {
      if (g_strcmp0 (view_name, "scan-serial") == 0)
        {
          taiou_volume_serial_dialog_set_text (TAIOU_VOLUME_SERIAL_DIALOG (window), "1A2B-3C4");
          gtk_widget_add_tick_callback (GTK_WIDGET (window), tick_cb, application, NULL);
          return;
        }
      taiou_volume_serial_dialog_set_text (TAIOU_VOLUME_SERIAL_DIALOG (window), "1A2B-3C4D");
      adw_message_dialog_response (ADW_MESSAGE_DIALOG (window),
                                   TAIOU_VOLUME_SERIAL_RESPONSE_CHECK);
      return;
    }
  if (TAIOU_IS_PREFERENCES_WINDOW (window))
    {
      /* "preferences-feeds": the Threat Data page (issue 16). */
      if (g_strcmp0 (view_name, "preferences-feeds") == 0)
        adw_preferences_window_set_visible_page (
          ADW_PREFERENCES_WINDOW (window),
          ADW_PREFERENCES_PAGE (taiou_test_find_widget_type (GTK_WIDGET (window),
                                                             TAIOU_TYPE_FEEDS_PREFERENCES_PAGE)));
      /* "preferences-checkpoint": the page of the checkpoint key. */
      if (g_strcmp0 (view_name, "preferences-checkpoint") == 0)
        adw_preferences_window_set_visible_page (ADW_PREFERENCES_WINDOW (window),
          ADW_PREFERENCES_PAGE (taiou_test_find_widget_type (GTK_WIDGET (window),
                                TAIOU_TYPE_CHECKPOINT_PREFERENCES_PAGE)));
      /* "preferences-forward": the syslog forwarding page (issue 17). */
      if (g_strcmp0 (view_name, "preferences-forward") == 0)
        adw_preferences_window_set_visible_page (
          ADW_PREFERENCES_WINDOW (window),
          ADW_PREFERENCES_PAGE (taiou_test_find_widget_type (
            GTK_WIDGET (window), TAIOU_TYPE_FORWARD_PREFERENCES_PAGE)));
      /* "preferences-scan": the exclusions page, with two patterns and a wrong one typed. */
      if (g_strcmp0 (view_name, "preferences-scan") == 0)
        show_scan_preferences (window);
      /* "preferences-yara": the page of the IT manager's YARA rule files (issue 15). */
      if (g_strcmp0 (view_name, "preferences-yara") == 0)
        adw_preferences_window_set_visible_page_name (ADW_PREFERENCES_WINDOW (window), "yara");
      /* "preferences@1": the lower groups (mail check, notices). */
      if (scroll_fraction > 0)
        gtk_widget_add_tick_callback (taiou_test_find_widget_type (GTK_WIDGET (window),
                                                                   GTK_TYPE_SCROLLED_WINDOW),
                                      scroll_to_fraction_cb, NULL, NULL);
      gtk_widget_add_tick_callback (GTK_WIDGET (window), tick_cb, application, NULL);
      return;
    }
  if (!TAIOU_IS_WINDOW (window))
    return;
  gtk_window_set_default_size (window, window_width, window_height);
  if (preferences)
    {
      g_action_group_activate_action (G_ACTION_GROUP (application), "preferences", NULL);
      return;
    }
  if (g_strcmp0 (view_name, "wizard") == 0)
    gtk_widget_activate_action (GTK_WIDGET (window), "window.start-response", NULL);
  else if (g_strcmp0 (view_name, "timeline") == 0)
    {
      GtkWidget *view;

      /* The IT manager's view is read on a desk, not a laptop in a hurry: room for the details. */
      gtk_window_set_default_size (window, window_width * 5 / 4, window_height * 7 / 6);

      gtk_widget_activate_action (GTK_WIDGET (window), "window.view-records", NULL);
      /* The mail event, so the details pane shows its reasons. */
      view = taiou_test_find_widget_type (GTK_WIDGET (window), TAIOU_TYPE_TIMELINE_VIEW);
      taiou_timeline_view_select_event (TAIOU_TIMELINE_VIEW (view), 5);
    }
  else if (g_strcmp0 (view_name, "scan-step") == 0 || g_strcmp0 (view_name, "notify-step") == 0 ||
           g_strcmp0 (view_name, "report-step") == 0)
    {
      gtk_widget_activate_action (GTK_WIDGET (window), "window.resume-response", NULL);
      if (scroll_fraction > 0)
        {
          GtkWidget *wizard = taiou_test_find_widget_type (GTK_WIDGET (window), TAIOU_TYPE_WIZARD);
          GtkWidget *page = GTK_WIDGET (taiou_wizard_get_current_page (TAIOU_WIZARD (wizard)));

          gtk_widget_add_tick_callback (taiou_test_find_widget_type (page,
                                                                     GTK_TYPE_SCROLLED_WINDOW),
                                        scroll_to_fraction_cb, NULL, NULL);
        }
    }
  else if (g_str_has_prefix (view_name, "export"))
    {
      gtk_widget_activate_action (GTK_WIDGET (window), "window.view-records", NULL);
      gtk_widget_activate_action (taiou_test_find_widget_type (GTK_WIDGET (window),
                                                               TAIOU_TYPE_TIMELINE_VIEW),
                                  "timeline-view.export", NULL);
      return;
    }
  else if (g_strcmp0 (view_name, "closing") == 0)
    {
      /* The report step was handed over; "Finish" ends on the closing screen. */
      gtk_widget_activate_action (GTK_WIDGET (window), "window.resume-response", NULL);
      gtk_widget_activate_action (taiou_test_find_widget_type (GTK_WIDGET (window),
                                                               TAIOU_TYPE_WIZARD),
                                  "wizard.next", NULL);
    }
  else if (g_str_has_prefix (view_name, "passwords-"))
    {
      gtk_widget_activate_action (GTK_WIDGET (window), "window.resume-response", NULL);
      /* A password made, so the meter shows; "passwords-generator" scrolls down to it. */
      if (g_strcmp0 (view_name, "passwords-gate") != 0)
        {
          GtkWidget *view = taiou_test_find_widget_type (GTK_WIDGET (window),
                                                         TAIOU_TYPE_PASSWORD_GENERATOR_VIEW);

          gtk_widget_activate_action (view, "password-generator.generate", NULL);
          if (g_strcmp0 (view_name, "passwords-generator") == 0)
            gtk_widget_add_tick_callback (gtk_widget_get_ancestor (view, GTK_TYPE_SCROLLED_WINDOW),
                                          scroll_to_end_cb, NULL, NULL);
        }
      }
  else if (g_str_has_prefix (view_name, "scan-"))
    {
      gtk_widget_activate_action (GTK_WIDGET (window), "window.resume-response", NULL);
      g_idle_add (start_disk_check_cb, window);
      return;
    }
  else if (g_str_has_prefix (view_name, "disconnect-"))
    {
      gtk_widget_activate_action (GTK_WIDGET (window), "window.resume-response", NULL);
      drive_disconnect_step (GTK_WIDGET (window), application);
      return;
    }
  else if (g_str_has_prefix (view_name, "notice"))
    {
      gtk_widget_activate_action (GTK_WIDGET (window), "window.write-notice", NULL);
      return;
    }
  else if (g_strcmp0 (view_name, "mail-check") == 0)
    {
      gtk_widget_activate_action (GTK_WIDGET (window), "window.check-mail", NULL);
      return;
    }
  gtk_widget_add_tick_callback (GTK_WIDGET (window), tick_cb, application, NULL);
}

int
main (int    argc,
      char **argv)
{
  g_autoptr(TaiouApplication) application = NULL;
  g_autoptr(GSettings) settings = NULL;
  g_autofree char *data_home = NULL;
  g_autofree char *db_path = NULL;

  if (argc < 2)
    {
      g_printerr ("usage: %s OUTPUT.png [start|wizard|timeline|preferences|mail-check|scan-step|"
                   "notify-step|disconnect-step|disconnect-fallback|notice|notice-recipients|passwords-gate|passwords-step|"
                   "passwords-generator|report-step|closing|scan-running|scan-serial|scan-done|export|export-done|"
                   "preferences-checkpoint] "
                   "[WIDTHxHEIGHT]\n", argv[0]);
      return 2;
    }
  output_path = argv[1];
  if (argc > 2)
    {
      char *at = strchr (argv[2], '@');

      if (at != NULL)
        {
          scroll_fraction = CLAMP (g_ascii_strtod (at + 1, NULL), 0, 1);
          *at = '\0';
        }
      view_name = argv[2];
    }
  if (argc > 3 && sscanf (argv[3], "%dx%d", &window_width, &window_height) != 2)
    g_error ("The size must look like 960x720, not “%s”", argv[3]);

  if (!taiou_test_start_xvfb ())
    g_error ("No Xvfb: install the xvfb package");

  data_home = g_dir_make_tmp ("taiou-screenshot-XXXXXX", NULL);
  db_path = g_build_filename (data_home, "taiou.db", NULL);
  g_setenv ("TAIOU_DB", db_path, TRUE);
  g_setenv ("GSETTINGS_BACKEND", "memory", TRUE);
  taiou_i18n_init ();
  if (g_strcmp0 (view_name, "timeline") == 0 || g_str_has_prefix (view_name, "notice") ||
      g_str_has_prefix (view_name, "export"))
    taiou_screenshot_add_sample_incidents (db_path);
  if (g_str_has_prefix (view_name, "scan-"))
    taiou_screenshot_add_incident_at_step (db_path, "scan");
  if (g_str_has_prefix (view_name, "scan-") && g_strcmp0 (view_name, "scan-step") != 0)
    write_sample_volume (data_home);
  if (g_strcmp0 (view_name, "notify-step") == 0)
    taiou_screenshot_add_incident_at_step (db_path, "notify");
  if (g_strcmp0 (view_name, "passwords-gate") == 0)
    taiou_screenshot_add_incident_at_step (db_path, "passwords");
  if (g_strcmp0 (view_name, "passwords-step") == 0 ||
      g_strcmp0 (view_name, "passwords-generator") == 0)
    taiou_screenshot_add_password_marks (db_path, taiou_screenshot_add_incident_at_step (db_path, "passwords"));
  if (g_strcmp0 (view_name, "report-step") == 0 || g_strcmp0 (view_name, "closing") == 0)
    {
      taiou_screenshot_add_incident_at_step (db_path, "report");
      taiou_screenshot_add_report_events (db_path, g_strcmp0 (view_name, "closing") == 0);
    }
  if (g_str_has_prefix (view_name, "disconnect-"))
    {
      g_autofree char *no_bus = g_build_filename (data_home, "no-system-bus", NULL);
      g_autofree char *address = g_strconcat ("unix:path=", no_bus, NULL);

      taiou_screenshot_add_incident_at_step (db_path, "disconnect");
      /* No NetworkManager to ask, whatever this machine has: the fallback is what is shown. */
      g_setenv (TAIOU_NM_BUS_ADDRESS_ENV, address, TRUE);
    }
  if (g_strcmp0 (view_name, "preferences-checkpoint") == 0)
    {
      g_autofree char *key_path = NULL;
      g_autoptr(TaiouCheckpointKey) key = NULL;

      /* This run's own key, never the user's. */
      g_setenv ("XDG_DATA_HOME", data_home, TRUE);
      key_path = taiou_checkpoint_key_get_default_path ();
      key = taiou_checkpoint_key_load_or_create (key_path, NULL);
    }
  write_sample_mail (data_home);

  application = taiou_application_new ();
  g_application_set_flags (G_APPLICATION (application), G_APPLICATION_NON_UNIQUE);
  g_signal_connect (application, "window-added", G_CALLBACK (window_added_cb), NULL);

  /* The first-run question would cover the screen. */
  settings = g_settings_new (APP_ID);
  g_settings_set_boolean (settings, "first-run-done", TRUE);
  g_settings_set_strv (settings, "mail-domains", (const char *[]) { "ourcorp.co.jp", NULL });
  g_settings_set_strv (settings, "staff-names", (const char *[]) { "山田 太郎", NULL });
  g_settings_set_string (settings, "organization-name", "株式会社アワ商事");
  g_settings_set_string (settings, "it-manager-department", "総務部");
  g_settings_set_string (settings, "it-manager-name", "鈴木 一郎");
  g_settings_set_string (settings, "it-manager-phone", "03-1234-5678");
  g_settings_set_string (settings, "notice-sender", "soumu@ourcorp.co.jp");
  if (g_strcmp0 (view_name, "preferences-yara") == 0)
    {
      g_autofree char *rules = g_build_filename (data_home, "vendor-emotet.yar", NULL);

      g_file_set_contents (rules, "rule Vendor_Emotet_Loader { condition: false }\n", -1, NULL);
      g_settings_set_strv (settings, "yara-rule-paths", (const char *[]) { rules, NULL });
    }

  g_application_run (G_APPLICATION (application), 1, argv);

  g_unlink (db_path);
  g_unlink (sample_mail_path);
  g_free (sample_mail_path);
  return exit_status;
}
