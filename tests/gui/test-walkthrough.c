/* test-walkthrough.c — a worker goes through every step of the wizard with the real widgets, from
 * the start screen to the closing screen; the incident then holds one event per action, in
 * order, and its hash chain verifies
 *
 * The other GUI tests check each page on its own; this one checks that they add up to one
 * response, as the worker of the walkthrough met them. */
#define G_LOG_DOMAIN "test-walkthrough"

#include "config.h"

#include <glib/gstdio.h>
#include <string.h>

#include "mail/taiou-mail-check-window.h"
#include "notice/taiou-notice-window.h"
#include "taiou-test-gui.h"
#include "taiou-test-util.h"
#include "taiou-window.h"
#include "wizard/pages/report/taiou-report-page.h"
#include "wizard/pages/triage/taiou-triage-page.h"
#include "wizard/taiou-wizard.h"

typedef struct
{
  TaiouWindow *window;
  TaiouWizard *wizard;
  GtkWidget   *page;   /* the step shown */
} Walk;

static gboolean
page_changed (gpointer data)
{
  Walk *walk = data;

  return GTK_WIDGET (taiou_wizard_get_current_page (walk->wizard)) != walk->page;
}

static gboolean
closing_shown (gpointer window)
{
  return g_strcmp0 (taiou_window_get_view_name (window), "closing") == 0;
}

/* "Next", as a user presses it, then the step that follows. */
static void
next (Walk *walk)
{
  GtkWidget *button = taiou_test_find_button (GTK_WIDGET (walk->window), "wizard.next");

  g_assert_true (gtk_widget_is_sensitive (button));
  taiou_test_click (button);
  taiou_test_wait_for (page_changed, walk);
  walk->page = GTK_WIDGET (taiou_wizard_get_current_page (walk->wizard));
}

static void
activate_row (Walk       *walk,
              const char *title)
{
  GtkWidget *row = taiou_test_find_row (walk->page, title);

  g_assert_nonnull (row);
  adw_action_row_activate (ADW_ACTION_ROW (row));
}

static gboolean
mail_checked (gpointer window)
{
  return g_strcmp0 (taiou_mail_check_window_get_page_name (window), "result") == 0;
}

static gboolean
page_complete (gpointer page)
{
  return taiou_wizard_page_get_complete (page);
}

static void
answer_triage (Walk *walk)
{
  g_autoptr(GDateTime) when = g_date_time_new_now_local ();

  activate_row (walk, "I opened an attachment and clicked “Enable Content”");
  gtk_editable_set_text (GTK_EDITABLE (taiou_test_find_row (walk->page, "PC name")), "PC-07");
  gtk_editable_set_text (GTK_EDITABLE (taiou_test_find_row (walk->page, "Your name")),
                         "山田 太郎");
  taiou_triage_page_set_when (TAIOU_TRIAGE_PAGE (walk->page), when);
}

static void
check_the_mail (Walk       *walk,
                const char *folder)
{
  g_autofree char *path = g_build_filename (folder, "opened.eml", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  TaiouMailCheckWindow *checker;

  g_assert_true (g_file_set_contents (path,
                                      "From: =?UTF-8?B?5bGx55SwIOWkqumDjg==?= <yamada@hacked.example>\r\n"
                                      "Subject: invoice\r\nDate: Mon, 23 Nov 2026 10:00:00 +0900\r\n"
                                      "Content-Type: text/plain; charset=UTF-8\r\n\r\n"
                                      "Please see http://192.0.2.7/invoice.zip\r\n", -1, NULL));
  taiou_test_click (taiou_test_find_button (walk->page, "scan-page.check-mail"));
  checker = TAIOU_MAIL_CHECK_WINDOW (taiou_test_wait_for_window (TAIOU_TYPE_MAIL_CHECK_WINDOW));
  taiou_mail_check_window_check_file (checker, file);
  taiou_test_wait_for (mail_checked, checker);
  gtk_window_destroy (GTK_WINDOW (checker));
  g_unlink (path);
}

static void
write_the_notice (Walk *walk)
{
  const char * const values[][2] = {
    { "company", "株式会社アワ商事" }, { "our_domains", "ourcorp.co.jp" },
    { "contact_department", "総務部" }, { "contact_name", "鈴木 一郎" },
    { "contact_phone", "03-1234-5678" },
  };
  TaiouNoticeWindow *editor;

  taiou_test_click (taiou_test_find_button (walk->page, "notify-page.write-notice"));
  editor = TAIOU_NOTICE_WINDOW (taiou_test_wait_for_window (TAIOU_TYPE_NOTICE_WINDOW));
  for (gsize i = 0; i < G_N_ELEMENTS (values); i++)
    taiou_notice_window_set_value (editor, values[i][0], values[i][1]);
  gtk_widget_activate_action (GTK_WIDGET (editor), "notice.copy-body", NULL);
  gtk_window_destroy (GTK_WINDOW (editor));
}

static void
hand_over (Walk       *walk,
           const char *folder)
{
  g_autofree char *path = g_build_filename (folder, "handover.html", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);

  taiou_test_click (taiou_test_find_button (walk->page, "report-page.assess"));
  taiou_report_page_set_save_file (TAIOU_REPORT_PAGE (walk->page), file);
  taiou_test_click (taiou_test_find_button (walk->page, "report-page.hand-over"));
  taiou_test_wait_for (page_complete, walk->page);
  g_assert_true (g_file_test (path, G_FILE_TEST_IS_REGULAR));
  g_unlink (path);
}

/* The kinds of the incident's events, one line. */
static char *
dup_kinds (TaiouTimeline *timeline,
           gint64         incident_id)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) events = taiou_timeline_list_events (timeline, incident_id, &error);
  g_autoptr(GStrvBuilder) kinds = g_strv_builder_new ();
  g_auto(GStrv) list = NULL;

  g_assert_no_error (error);
  for (guint i = 0; i < events->len; i++)
    g_strv_builder_add (kinds, taiou_event_get_kind (events->pdata[i]));
  list = g_strv_builder_end (kinds);
  return g_strjoinv (" ", list);
}

static void
test_every_step_to_the_end (void)
{
  g_autofree char *db_path = NULL;
  g_autoptr(TaiouTimeline) timeline = taiou_test_timeline_new (&db_path);
  g_autoptr(TaiouCase) case_at_hand = taiou_case_new (timeline, NULL);
  g_autofree char *folder = g_dir_make_tmp ("taiou-walkthrough-XXXXXX", NULL);
  g_autoptr(TaiouTimelineVerification) verification = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *kinds = NULL;
  gint64 incident_id;
  Walk walk = { 0 };
  /* One event per action, in the order the worker acted. */
  const char *expected =
    "incident.created triage.what-happened triage.when triage.host triage.reporter wizard.step "
    "disconnect.target disconnect.confirmed wizard.step "
    "mail.triage wizard.step "
    "passwords.acknowledged passwords.item passwords.item passwords.item passwords.item "
    "passwords.item passwords.item passwords.item wizard.step "
    "notice.generated wizard.step "
    "appi.assessed report.handed-over wizard.step";

  g_object_set (taiou_case_get_profile (case_at_hand), "contact-name", "鈴木 一郎",
                "contact-phone", "03-1234-5678", NULL);
  walk.window = taiou_window_new (NULL, case_at_hand);
  gtk_window_set_default_size (GTK_WINDOW (walk.window), 900, 700);
  gtk_window_present (GTK_WINDOW (walk.window));
  taiou_test_wait_until_mapped (GTK_WIDGET (walk.window));

  taiou_test_click (taiou_test_find_button (GTK_WIDGET (walk.window), "window.start-response"));
  walk.wizard = TAIOU_WIZARD (taiou_test_find_widget_type (GTK_WIDGET (walk.window),
                                                          TAIOU_TYPE_WIZARD));
  walk.page = GTK_WIDGET (taiou_wizard_get_current_page (walk.wizard));

  answer_triage (&walk);
  next (&walk);
  incident_id = taiou_incident_get_id (taiou_wizard_get_incident (walk.wizard));

  activate_row (&walk, "Another PC");
  activate_row (&walk, "I have done this on that PC");
  next (&walk);

  check_the_mail (&walk, folder);
  next (&walk);

  taiou_test_click (taiou_test_find_button (walk.page, "passwords-page.acknowledge"));
  for (GtkWidget *button = taiou_test_find_named (walk.page, "not-applicable-button");
       button != NULL;
       button = taiou_test_find_named (walk.page, "not-applicable-button"))
    {
      taiou_test_click (button);
      gtk_widget_set_name (button, "pressed");
    }
  next (&walk);

  write_the_notice (&walk);
  next (&walk);

  hand_over (&walk, folder);
  taiou_test_click (taiou_test_find_button (GTK_WIDGET (walk.window), "wizard.next"));
  taiou_test_wait_for (closing_shown, walk.window);

  for (guint i = 0; i < taiou_wizard_get_n_pages (walk.wizard); i++)
    g_assert_cmpint (taiou_wizard_get_step_state (walk.wizard, i), ==, TAIOU_STEP_DONE);
  kinds = dup_kinds (timeline, incident_id);
  g_test_message ("events: %s", kinds);
  g_assert_cmpstr (kinds, ==, expected);
  verification = taiou_timeline_verify (timeline, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (verification->intact);

  gtk_window_destroy (GTK_WINDOW (walk.window));
  g_rmdir (folder);
}

static void
test_no_display (void)
{
  g_test_skip ("no X server could be started: install xvfb");
}

int
main (int    argc,
      char **argv)
{
  if (!taiou_test_gui_init (&argc, &argv, FALSE))
    {
      g_test_add_func ("/taiou/gui/walkthrough/no-display", test_no_display);
      return g_test_run ();
    }

  g_test_add_func ("/taiou/gui/walkthrough/every-step-to-the-end", test_every_step_to_the_end);

  return g_test_run ();
}
