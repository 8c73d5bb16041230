/* test-report.c — the report step and the closing screen with real widgets under Xvfb: the
 * personal-data answers, the deadlines shown and marked done, the hand-over file, the end of the
 * response; each checked against the record */
#define G_LOG_DOMAIN "test-report"

#include "config.h"

#include <glib/gstdio.h>

#include "taiou-test-gui.h"
#include "taiou-test-util.h"
#include "taiou-window.h"
#include "wizard/pages/report/taiou-report-page.h"
#include "wizard/taiou-wizard.h"
#include "wizard/taiou-wizard-closing.h"

typedef struct
{
  char          *db_path;
  char          *folder;
  TaiouTimeline *timeline;
  TaiouCase     *case_at_hand;
  TaiouIncident *incident;
  TaiouWindow   *window;
  TaiouWizard   *wizard;
  TaiouReportPage *page;
} Fixture;

/* An incident discovered on 23 November 2026 at 09:30 in Japan, at the report step. */
static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  user_data)
{
  g_autoptr(GTimeZone) japan = taiou_appi_time_zone ();
  g_autoptr(GDateTime) discovered = g_date_time_new (japan, 2026, 11, 23, 9, 30, 0);
  g_autoptr(TaiouIncident) created = NULL;
  g_autoptr(GError) error = NULL;

  fixture->timeline = taiou_test_timeline_new (&fixture->db_path);
  fixture->folder = g_dir_make_tmp ("taiou-report-XXXXXX", &error);
  g_assert_no_error (error);
  created = taiou_timeline_create_incident (fixture->timeline, "Opened <b>an attachment</b>",
                                            g_date_time_to_unix (discovered) * G_USEC_PER_SEC,
                                            "PC-07", "山田 太郎", &error);
  g_assert_no_error (error);
  g_assert_true (taiou_timeline_set_incident_step (fixture->timeline,
                                                   taiou_incident_get_id (created), "report",
                                                   "moved", "山田 太郎", &error));
  fixture->incident = taiou_timeline_get_incident (fixture->timeline,
                                                   taiou_incident_get_id (created), &error);
  g_assert_no_error (error);

  /* Built when the app starts, after the record it opens. */
  fixture->case_at_hand = taiou_case_new (fixture->timeline, NULL);
  g_object_set (taiou_case_get_profile (fixture->case_at_hand),
                "contact-name", "鈴木 一郎", "contact-phone", "03-1234-5678", NULL);
  fixture->window = taiou_window_new (NULL, fixture->case_at_hand);
  gtk_window_set_default_size (GTK_WINDOW (fixture->window), 900, 700);
  gtk_window_present (GTK_WINDOW (fixture->window));
  taiou_test_wait_until_mapped (GTK_WIDGET (fixture->window));

  taiou_test_click (taiou_test_find_button (GTK_WIDGET (fixture->window),
                                            "window.resume-response"));
  fixture->wizard = TAIOU_WIZARD (taiou_test_find_widget_type (GTK_WIDGET (fixture->window),
                                                               TAIOU_TYPE_WIZARD));
  fixture->page = TAIOU_REPORT_PAGE (taiou_wizard_get_current_page (fixture->wizard));
  g_assert_true (TAIOU_IS_REPORT_PAGE (fixture->page));
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  user_data)
{
  g_autoptr(GDir) dir = g_dir_open (fixture->folder, 0, NULL);
  const char *name;

  gtk_window_destroy (GTK_WINDOW (fixture->window));
  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *path = g_build_filename (fixture->folder, name, NULL);

      g_unlink (path);
    }
  g_rmdir (fixture->folder);
  g_free (fixture->folder);
  g_clear_object (&fixture->incident);
  g_clear_object (&fixture->case_at_hand);
  g_clear_object (&fixture->timeline);
  g_free (fixture->db_path);
}

static GPtrArray *
list_events (Fixture *fixture)
{
  g_autoptr(GError) error = NULL;
  GPtrArray *events = taiou_timeline_list_events (fixture->timeline,
                                                  taiou_incident_get_id (fixture->incident),
                                                  &error);

  g_assert_no_error (error);
  return events;
}

static GtkWidget *
page_button (Fixture    *fixture,
             const char *action_name)
{
  return taiou_test_find_button (GTK_WIDGET (fixture->page), action_name);
}

static const char *
row_subtitle (Fixture    *fixture,
              const char *title)
{
  GtkWidget *row = taiou_test_find_row (GTK_WIDGET (fixture->page), title);

  return adw_action_row_get_subtitle (ADW_ACTION_ROW (row));
}

static gboolean
switch_on (gpointer widget)
{
  return gtk_switch_get_active (widget);
}

/* Personal data may have leaked through unauthorised access: the Emotet case, 60 days. */
static void
answer_emotet_case (Fixture *fixture)
{
  GtkWidget *page = GTK_WIDGET (fixture->page);
  GtkWidget *assess = page_button (fixture, "report-page.assess");

  /* The four situations are asked only once personal data may have leaked. */
  g_assert_false (gtk_widget_is_visible (taiou_test_find_row (page, "More than 1,000 people")));
  g_assert_cmpstr (gtk_button_get_label (GTK_BUTTON (assess)), ==, "_Save the Answer");
  adw_action_row_activate (ADW_ACTION_ROW (taiou_test_find_row (page,
                                                                "Personal data may have leaked")));
  /* The switch turns at the end of its animation. */
  taiou_test_wait_for (switch_on, taiou_test_find_widget_type (page, GTK_TYPE_SWITCH));
  g_assert_cmpstr (gtk_button_get_label (GTK_BUTTON (assess)), ==, "_Compute the Deadlines");
  g_assert_true (gtk_widget_is_visible (taiou_test_find_row (page, "More than 1,000 people")));
  adw_action_row_activate (ADW_ACTION_ROW (taiou_test_find_row (page,
                                                                "Someone may have taken it on "
                                                                "purpose")));
  /* The discovery time starts as the incident's. */
  g_assert_cmpint (g_date_time_to_unix (taiou_report_page_get_discovered (fixture->page)) *
                   G_USEC_PER_SEC, ==, taiou_incident_get_discovered_us (fixture->incident));
}

static void
test_deadlines_shown_and_marked_done (Fixture       *fixture,
                                      gconstpointer  user_data)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autoptr(GDateTime) tomorrow = g_date_time_add_days (now, 1);
  g_autoptr(GTimeZone) japan = taiou_appi_time_zone ();
  g_autoptr(GDateTime) corrected = g_date_time_new (japan, 2026, 11, 22, 18, 0, 0);
  g_autoptr(GPtrArray) before = list_events (fixture);
  g_autoptr(GPtrArray) events = NULL;
  g_autoptr(TaiouTimelineVerification) verification = NULL;
  g_autoptr(GError) error = NULL;
  GtkWidget *assess = page_button (fixture, "report-page.assess");
  const char *expected[] = { "appi.assessed", "appi.done", "appi.done" };
  const char *detail;

  g_assert_false (taiou_wizard_page_get_complete (TAIOU_WIZARD_PAGE (fixture->page)));
  answer_emotet_case (fixture);

  /* Never a discovery in the future. */
  taiou_report_page_set_discovered (fixture->page, tomorrow);
  g_assert_false (gtk_widget_is_sensitive (assess));
  g_assert_cmpstr (row_subtitle (fixture, "Discovered"), ==,
                   "This time is in the future. Please check it.");
  /* The worker corrects it: the evening before. */
  taiou_report_page_set_discovered (fixture->page, corrected);
  g_assert_true (gtk_widget_is_sensitive (assess));
  taiou_test_click (assess);

  /* Day 3 to 5 and day 60 from 22 November in Japan, the day itself not counted. */
  g_assert_true (gtk_widget_get_visible (taiou_test_find_row (GTK_WIDGET (fixture->page),
                                                              "Final report to the Commission")));
  g_assert_true (g_str_has_prefix (row_subtitle (fixture, "Preliminary report to the Commission"),
                                   "Promptly: about Wed 25 Nov 2026 to Fri 27 Nov 2026 (a guide)"));
  g_assert_true (g_str_has_prefix (row_subtitle (fixture, "Final report to the Commission"),
                                   "By Thu 21 Jan 2027: 60 days (a guide)"));
  g_assert_nonnull (strstr (row_subtitle (fixture, "Final report to the Commission"), "Art. 8(2)"));
  g_assert_true (g_str_has_prefix (row_subtitle (fixture, "Notice to the persons concerned"),
                                   "Promptly"));

  taiou_test_click (page_button (fixture, "report-page.preliminary-done"));
  g_assert_true (g_str_has_prefix (row_subtitle (fixture, "Preliminary report to the Commission"),
                                   "Done: "));
  g_assert_false (gtk_widget_get_visible (page_button (fixture, "report-page.preliminary-done")));
  taiou_test_click (page_button (fixture, "report-page.notify-done"));
  g_assert_true (gtk_widget_get_visible (page_button (fixture, "report-page.final-done")));

  events = list_events (fixture);
  g_assert_cmpuint (events->len, ==, before->len + G_N_ELEMENTS (expected));
  for (guint i = 0; i < G_N_ELEMENTS (expected); i++)
    {
      TaiouEvent *event = events->pdata[before->len + i];

      g_assert_cmpstr (taiou_event_get_kind (event), ==, expected[i]);
      g_assert_cmpstr (taiou_event_get_actor (event), ==, "山田 太郎");
    }
  detail = taiou_event_get_detail (events->pdata[before->len]);
  g_assert_nonnull (strstr (detail, "\"final_due\":\"2027-01-21\""));
  g_assert_nonnull (strstr (detail, "\"personal_data\":true"));
  g_assert_nonnull (strstr (detail, "\"discovery_corrected\":true"));
  g_assert_cmpstr (taiou_event_get_detail (events->pdata[before->len + 1]), ==,
                   "{\"item\":\"preliminary\"}");
  g_assert_cmpstr (taiou_event_get_detail (events->pdata[before->len + 2]), ==,
                   "{\"item\":\"notify-persons\"}");
  verification = taiou_timeline_verify (fixture->timeline, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (verification->intact);

  /* A restarted wizard shows the answers and what was marked done. */
  taiou_wizard_begin (fixture->wizard, NULL);
  taiou_wizard_begin (fixture->wizard, fixture->incident);
  g_assert_true (gtk_switch_get_active (GTK_SWITCH (taiou_test_find_widget_type (
    GTK_WIDGET (fixture->page), GTK_TYPE_SWITCH))));
  g_assert_true (g_str_has_prefix (row_subtitle (fixture, "Preliminary report to the Commission"),
                                   "Done: "));
}

static gboolean
page_complete (gpointer page)
{
  return taiou_wizard_page_get_complete (page);
}

static void
hand_over (Fixture    *fixture,
           const char *name)
{
  g_autofree char *path = g_build_filename (fixture->folder, name, NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);

  taiou_report_page_set_save_file (fixture->page, file);
  taiou_test_click (page_button (fixture, "report-page.hand-over"));
  taiou_test_wait_for (page_complete, fixture->page);
}

static void
test_hand_over_saves_html (Fixture       *fixture,
                           gconstpointer  user_data)
{
  g_autofree char *path = g_build_filename (fixture->folder, "summary.html", NULL);
  g_autofree char *html = NULL;
  g_autoptr(GPtrArray) events = NULL;
  g_autoptr(GDir) dir = NULL;
  g_autoptr(GError) error = NULL;
  TaiouEvent *last;
  guint n_files = 0;

  answer_emotet_case (fixture);
  taiou_test_click (page_button (fixture, "report-page.assess"));
  /* An earlier file of that name is replaced whole. */
  g_assert_true (g_file_set_contents (path, "old contents", -1, NULL));
  hand_over (fixture, "summary.html");

  g_assert_true (g_file_get_contents (path, &html, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (g_str_has_prefix (html, "<!DOCTYPE html>"));
  g_assert_null (strstr (html, "old contents"));
  g_assert_null (strstr (html, "<b>an attachment"));
  g_assert_nonnull (strstr (html, "Opened &lt;b&gt;an attachment&lt;/b&gt;"));
  g_assert_nonnull (strstr (html, "Handed the incident over to the IT manager"));
  g_assert_nonnull (strstr (html, "鈴木 一郎"));
  g_assert_nonnull (strstr (html, "(60 days)"));
  /* No temporary file is left beside it. */
  dir = g_dir_open (fixture->folder, 0, &error);
  while (g_dir_read_name (dir) != NULL)
    n_files++;
  g_assert_cmpuint (n_files, ==, 1);

  events = list_events (fixture);
  last = events->pdata[events->len - 1];
  g_assert_cmpstr (taiou_event_get_kind (last), ==, "report.handed-over");
  g_assert_cmpstr (taiou_event_get_detail (last), ==, "{\"file\":\"summary.html\"}");
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (taiou_test_find_css_class (
    GTK_WIDGET (fixture->page), "success"))));
  /* Finishing is possible now: "Next" reads "Finish". */
  g_assert_true (gtk_widget_is_sensitive (taiou_test_find_button (GTK_WIDGET (fixture->window),
                                                                  "wizard.next")));
}

static gboolean
checkpoint_recorded (gpointer data)
{
  Fixture *fixture = data;
  g_autoptr(GPtrArray) events = list_events (fixture);

  return g_strcmp0 (taiou_event_get_kind (events->pdata[events->len - 1]),
                    TAIOU_EVENT_CHECKPOINT_ISSUED) == 0;
}

/* 「チェックポイントを作成」 signs the record with this PC's key (made now), records it as given
 * to the IT manager of Preferences, and says so. */
static void
test_checkpoint_at_hand_over (Fixture       *fixture,
                              gconstpointer  user_data)
{
  g_autofree char *key_path = taiou_checkpoint_key_get_default_path ();
  g_autoptr(GPtrArray) events = NULL;
  TaiouEvent *last;

  g_assert_false (g_file_test (key_path, G_FILE_TEST_EXISTS));
  taiou_test_click (page_button (fixture, "report-page.checkpoint"));
  taiou_test_wait_for (checkpoint_recorded, fixture);
  g_assert_true (g_file_test (key_path, G_FILE_TEST_EXISTS));

  events = list_events (fixture);
  last = events->pdata[events->len - 1];
  g_assert_nonnull (strstr (taiou_event_get_summary (last), "given to 鈴木 一郎"));
  g_assert_nonnull (strstr (taiou_event_get_detail (last), "\\nto 鈴木 一郎\\n"));
  /* The app's own event-recorded signal reached the page's label in the main thread. */
  while (g_main_context_iteration (NULL, FALSE))
    ;
  g_assert_true (gtk_widget_is_sensitive (page_button (fixture, "report-page.checkpoint")));
}

static gboolean
closing_shown (gpointer window)
{
  return g_strcmp0 (taiou_window_get_view_name (window), "closing") == 0;
}

/* After the last step the worker sees what was done, what remains and whom to call — not the
 * IT manager's record view. */
static void
test_closing_screen_after_last_step (Fixture       *fixture,
                                     gconstpointer  user_data)
{
  TaiouWizardClosing *closing;
  g_autoptr(GPtrArray) events = NULL;
  GtkWidget *manager;

  taiou_test_click (page_button (fixture, "report-page.assess"));
  hand_over (fixture, "summary.html");
  taiou_test_click (taiou_test_find_button (GTK_WIDGET (fixture->window), "wizard.next"));
  taiou_test_wait_for (closing_shown, fixture->window);

  closing = TAIOU_WIZARD_CLOSING (taiou_test_find_widget_type (GTK_WIDGET (fixture->window),
                                                               TAIOU_TYPE_WIZARD_CLOSING));
  /* Triage, the personal-data answer, the hand-over and the report step itself. */
  g_assert_cmpuint (taiou_wizard_closing_get_n_done (closing), ==, 4);
  taiou_test_find_row (GTK_WIDGET (closing), "Handed the incident over to the IT manager");
  taiou_test_find_row (GTK_WIDGET (closing), "Step done: Report");
  /* The steps never reached remain, and say so. */
  g_assert_cmpuint (taiou_wizard_closing_get_n_remaining (closing), ==, 4);
  taiou_test_find_row (GTK_WIDGET (closing), "Not done yet: Disconnect");
  manager = taiou_test_find_row (GTK_WIDGET (closing), "IT manager");
  g_assert_nonnull (strstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (manager)),
                            "03-1234-5678"));
  taiou_test_find_button (GTK_WIDGET (closing), "window.go-home");

  events = list_events (fixture);
  g_assert_cmpstr (taiou_event_get_kind (events->pdata[events->len - 2]), ==,
                   "report.handed-over");
  g_assert_cmpstr (taiou_event_get_summary (events->pdata[events->len - 1]), ==,
                   "Went through every step");
}

/* Skipping the last step ends on the closing screen too, and it says the report was skipped. */
static void
test_closing_screen_after_skip (Fixture       *fixture,
                                gconstpointer  user_data)
{
  TaiouWizardClosing *closing;

  taiou_test_click (taiou_test_find_button (GTK_WIDGET (fixture->window), "wizard.skip"));
  taiou_test_wait_for (closing_shown, fixture->window);
  closing = TAIOU_WIZARD_CLOSING (taiou_test_find_widget_type (GTK_WIDGET (fixture->window),
                                                               TAIOU_TYPE_WIZARD_CLOSING));
  taiou_test_find_row (GTK_WIDGET (closing), "Skipped, not done: Report");
  taiou_test_find_row (GTK_WIDGET (closing), "Hand the incident over to the IT manager");
  taiou_test_find_row (GTK_WIDGET (closing), "Check whether personal data may have leaked");
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
      g_test_add_func ("/taiou/gui/report/no-display", test_no_display);
      return g_test_run ();
    }

  ADD_TEST ("/taiou/gui/report/deadlines-shown-and-marked-done",
            test_deadlines_shown_and_marked_done);
  ADD_TEST ("/taiou/gui/report/hand-over-saves-html", test_hand_over_saves_html);
  ADD_TEST ("/taiou/gui/report/checkpoint-at-hand-over", test_checkpoint_at_hand_over);
  ADD_TEST ("/taiou/gui/report/closing-screen-after-last-step",
            test_closing_screen_after_last_step);
  ADD_TEST ("/taiou/gui/report/closing-screen-after-skip", test_closing_screen_after_skip);

  return g_test_run ();
}
