/* test-wizard.c — the worker's wizard with real widgets under Xvfb, checked against the database */
#define G_LOG_DOMAIN "test-wizard"

#include "config.h"

#include "taiou-test-gui.h"
#include "taiou-test-util.h"
#include "notice/taiou-notice-window.h"
#include "wizard/pages/disconnect/taiou-disconnect-page.h"
#include "wizard/pages/notify/taiou-notify-page.h"
#include "wizard/pages/report/taiou-report-page.h"
#include "wizard/pages/scan/taiou-scan-page.h"
#include "wizard/pages/triage/taiou-triage-page.h"
#include "wizard/taiou-pending-page.h"
#include "wizard/taiou-wizard.h"

typedef struct
{
  char          *db_path;
  TaiouTimeline *timeline;
  TaiouCase     *case_at_hand;
  GtkWidget     *window;
  TaiouWizard   *wizard;
} Fixture;

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  user_data)
{
  fixture->timeline = taiou_test_timeline_new (&fixture->db_path);
  fixture->window = gtk_window_new ();
  fixture->wizard = taiou_wizard_new ();
  fixture->case_at_hand = taiou_case_new (fixture->timeline, NULL);
  taiou_wizard_set_case (fixture->wizard, fixture->case_at_hand);
  gtk_window_set_default_size (GTK_WINDOW (fixture->window), 900, 700);
  gtk_window_set_child (GTK_WINDOW (fixture->window), GTK_WIDGET (fixture->wizard));
  gtk_window_present (GTK_WINDOW (fixture->window));
  taiou_test_wait_until_mapped (fixture->window);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  user_data)
{
  g_object_ref (fixture->wizard);
  gtk_window_destroy (GTK_WINDOW (fixture->window));
  /* Nothing may keep the wizard, its pages' tasks, or the timeline alive. */
  g_assert_finalize_object (fixture->wizard);
  g_assert_finalize_object (fixture->case_at_hand);
  g_assert_finalize_object (fixture->timeline);
  g_free (fixture->db_path);
}

static TaiouWizardPage *current_page_watched;

static gboolean
page_changed (gpointer wizard)
{
  return taiou_wizard_get_current_page (wizard) != current_page_watched;
}

/* Presses a button the way a user does and waits until the wizard shows another page. */
static void
press_and_wait_for_next_page (Fixture    *fixture,
                              const char *action_name)
{
  GtkWidget *button = taiou_test_find_button (fixture->window, action_name);

  g_assert_true (gtk_widget_is_sensitive (button));
  g_assert_true (gtk_widget_get_visible (button));
  current_page_watched = taiou_wizard_get_current_page (fixture->wizard);
  taiou_test_click (button);
  taiou_test_wait_for (page_changed, fixture->wizard);
}

static void
answer_triage (Fixture *fixture)
{
  GtkWidget *page = GTK_WIDGET (taiou_wizard_get_current_page (fixture->wizard));
  GtkWidget *next = taiou_test_find_button (fixture->window, "wizard.next");
  GtkWidget *macros = taiou_test_find_row (page,
                                           "I opened an attachment and clicked “Enable Content”");
  GtkWidget *host = taiou_test_find_row (page, "PC name");
  GtkWidget *reporter = taiou_test_find_row (page, "Your name");
  g_autoptr(GDateTime) when = g_date_time_new_local (2026, 11, 23, 9, 30, 0);

  g_assert_true (TAIOU_IS_TRIAGE_PAGE (page));
  /* The PC name is filled in for the worker. */
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (host)), ==, g_get_host_name ());

  /* Nothing chosen yet: "Next" is greyed out. */
  gtk_editable_set_text (GTK_EDITABLE (reporter), "");
  g_assert_false (gtk_widget_is_sensitive (next));

  adw_action_row_activate (ADW_ACTION_ROW (macros));
  g_assert_cmpstr (taiou_triage_page_get_what_happened (TAIOU_TRIAGE_PAGE (page)), ==,
                   TAIOU_TRIAGE_ENABLED_MACROS);
  g_assert_false (gtk_widget_is_sensitive (next)); /* still no name */

  gtk_editable_set_text (GTK_EDITABLE (host), "PC-07");
  gtk_editable_set_text (GTK_EDITABLE (reporter), "  山田 太郎 ");
  taiou_triage_page_set_when (TAIOU_TRIAGE_PAGE (page), when);
  g_assert_true (gtk_widget_is_sensitive (next));
}

static void
test_triage_creates_incident (Fixture       *fixture,
                              gconstpointer  user_data)
{
  g_autoptr(GPtrArray) incidents = NULL;
  g_autoptr(GPtrArray) events = NULL;
  g_autoptr(TaiouTimelineVerification) verification = NULL;
  g_autoptr(GDateTime) when = g_date_time_new_local (2026, 11, 23, 9, 30, 0);
  g_autoptr(GError) error = NULL;
  const char *expected_kinds[] = {
    "incident.created", "triage.what-happened", "triage.when", "triage.host",
    "triage.reporter", "wizard.step",
  };
  TaiouIncident *incident;

  answer_triage (fixture);
  press_and_wait_for_next_page (fixture, "wizard.next");

  /* The next step cuts the network off; until then it can be skipped, not "completed". */
  g_assert_true (TAIOU_IS_DISCONNECT_PAGE (taiou_wizard_get_current_page (fixture->wizard)));
  g_assert_false (gtk_widget_is_sensitive (taiou_test_find_button (fixture->window,
                                                                   "wizard.next")));

  incidents = taiou_timeline_list_incidents (fixture->timeline, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (incidents->len, ==, 1);
  incident = incidents->pdata[0];
  g_assert_true (taiou_wizard_get_incident (fixture->wizard) != NULL);
  g_assert_cmpint (taiou_incident_get_id (taiou_wizard_get_incident (fixture->wizard)), ==,
                   taiou_incident_get_id (incident));
  g_assert_cmpstr (taiou_incident_get_host (incident), ==, "PC-07");
  g_assert_cmpstr (taiou_incident_get_reporter (incident), ==, "山田 太郎");
  g_assert_cmpstr (taiou_incident_get_step (incident), ==, "disconnect");
  g_assert_cmpint (taiou_incident_get_discovered_us (incident), ==,
                   g_date_time_to_unix (when) * G_USEC_PER_SEC);
  g_assert_nonnull (strstr (taiou_incident_get_title (incident), "PC-07"));

  events = taiou_timeline_list_events (fixture->timeline, taiou_incident_get_id (incident),
                                       &error);
  g_assert_no_error (error);
  g_assert_cmpuint (events->len, ==, G_N_ELEMENTS (expected_kinds));
  for (guint i = 0; i < events->len; i++)
    {
      g_assert_cmpstr (taiou_event_get_kind (events->pdata[i]), ==, expected_kinds[i]);
      g_assert_cmpstr (taiou_event_get_actor (events->pdata[i]), ==, "山田 太郎");
    }
  g_assert_cmpstr (taiou_event_get_detail (events->pdata[1]), ==,
                   "{\"answer\":\"enabled-macros\"}");
  g_assert_cmpstr (taiou_event_get_detail (events->pdata[3]), ==, "{\"host\":\"PC-07\"}");
  g_assert_cmpstr (taiou_event_get_summary (events->pdata[5]), ==, "Moved on to step 2: Disconnect");
  g_assert_cmpstr (taiou_event_get_summary (events->pdata[1]), ==,
                   "What happened: Opened a mail attachment and enabled its content (macros)");
  g_assert_nonnull (strstr (taiou_event_get_detail (events->pdata[2]), "\"when\":\"2026-11-"));

  verification = taiou_timeline_verify (fixture->timeline, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (verification->intact);
}

static void
test_skip_and_back (Fixture       *fixture,
                    gconstpointer  user_data)
{
  g_autoptr(GPtrArray) events = NULL;
  g_autoptr(TaiouIncident) incident = NULL;
  g_autoptr(GError) error = NULL;

  answer_triage (fixture);
  press_and_wait_for_next_page (fixture, "wizard.next");
  press_and_wait_for_next_page (fixture, "wizard.skip");
  g_assert_true (taiou_wizard_get_current_page (fixture->wizard) ==
                 taiou_wizard_get_page (fixture->wizard, 2));

  incident = taiou_timeline_get_incident (fixture->timeline,
                                          taiou_incident_get_id (taiou_wizard_get_incident (fixture->wizard)),
                                          &error);
  g_assert_no_error (error);
  g_assert_cmpstr (taiou_incident_get_step (incident), ==, "scan");
  events = taiou_timeline_list_events (fixture->timeline, taiou_incident_get_id (incident),
                                       &error);
  g_assert_cmpstr (taiou_event_get_kind (events->pdata[events->len - 2]), ==, "wizard.skipped");
  g_assert_cmpstr (taiou_event_get_detail (events->pdata[events->len - 2]), ==,
                   "{\"step\":\"disconnect\"}");

  press_and_wait_for_next_page (fixture, "wizard.back");
  g_assert_true (taiou_wizard_get_current_page (fixture->wizard) ==
                 taiou_wizard_get_page (fixture->wizard, 1));
}

/* The n-th step of the indicator, as drawn. */
static GtkWidget *
find_indicator (GtkWidget *root,
                guint      index)
{
  GtkWidget *first = taiou_test_find_css_class (root, "wizard-step");
  GtkWidget *indicator = first;

  for (guint i = 0; i < index && indicator != NULL; i++)
    indicator = gtk_widget_get_next_sibling (indicator);
  g_assert_nonnull (indicator);
  return indicator;
}

/* Skipped, done and not-yet steps look different, during the session and after a restart; the
 * restarted wizard returns to the step last shown (after Back), not the furthest reached. */
static void
test_skipped_is_not_done_and_resume_after_back (Fixture       *fixture,
                                                gconstpointer  user_data)
{
  TaiouIncident *incident;
  GtkWidget *window;
  TaiouWizard *resumed;

  answer_triage (fixture);
  press_and_wait_for_next_page (fixture, "wizard.next");
  press_and_wait_for_next_page (fixture, "wizard.skip");

  g_assert_cmpint (taiou_wizard_get_step_state (fixture->wizard, 0), ==, TAIOU_STEP_DONE);
  g_assert_cmpint (taiou_wizard_get_step_state (fixture->wizard, 1), ==, TAIOU_STEP_SKIPPED);
  g_assert_cmpint (taiou_wizard_get_step_state (fixture->wizard, 2), ==, TAIOU_STEP_NOT_YET);
  g_assert_true (gtk_widget_has_css_class (find_indicator (fixture->window, 0), "done"));
  g_assert_true (gtk_widget_has_css_class (find_indicator (fixture->window, 1), "skipped"));
  g_assert_false (gtk_widget_has_css_class (find_indicator (fixture->window, 1), "done"));
  g_assert_true (gtk_widget_has_css_class (find_indicator (fixture->window, 2), "current"));

  press_and_wait_for_next_page (fixture, "wizard.back");

  /* A second window, as after a restart, on the same record. */
  incident = taiou_wizard_get_incident (fixture->wizard);
  window = gtk_window_new ();
  resumed = taiou_wizard_new ();
  taiou_wizard_set_case (resumed, fixture->case_at_hand);
  gtk_window_set_child (GTK_WINDOW (window), GTK_WIDGET (resumed));
  taiou_wizard_begin (resumed, incident);
  g_assert_true (taiou_wizard_get_current_page (resumed) == taiou_wizard_get_page (resumed, 1));
  g_assert_cmpint (taiou_wizard_get_step_state (resumed, 0), ==, TAIOU_STEP_DONE);
  g_assert_cmpint (taiou_wizard_get_step_state (resumed, 1), ==, TAIOU_STEP_SKIPPED);
  g_assert_true (gtk_widget_has_css_class (find_indicator (window, 1), "skipped"));
  gtk_window_destroy (GTK_WINDOW (window));
}

static void
count_cb (gpointer counter)
{
  (*(guint *) counter)++;
}

static void
test_finish_after_last_step (Fixture       *fixture,
                             gconstpointer  user_data)
{
  g_autoptr(TaiouIncident) incident = NULL;
  g_autoptr(GPtrArray) events = NULL;
  g_autoptr(GError) error = NULL;
  guint finished = 0;
  GtkWidget *skip;

  g_signal_connect_swapped (fixture->wizard, "finished", G_CALLBACK (count_cb), &finished);
  answer_triage (fixture);
  press_and_wait_for_next_page (fixture, "wizard.next");
  for (guint i = 1; i < taiou_wizard_get_n_pages (fixture->wizard) - 1; i++)
    press_and_wait_for_next_page (fixture, "wizard.skip");
  g_assert_cmpuint (finished, ==, 0);

  /* Skipping the last step finishes the wizard. */
  skip = taiou_test_find_button (fixture->window, "wizard.skip");
  taiou_test_click (skip);
  g_assert_cmpuint (finished, ==, 1);

  incident = taiou_timeline_get_incident (fixture->timeline,
                                          taiou_incident_get_id (taiou_wizard_get_incident (fixture->wizard)),
                                          &error);
  g_assert_no_error (error);
  g_assert_cmpstr (taiou_incident_get_step (incident), ==, "finished");
  events = taiou_timeline_list_events (fixture->timeline, taiou_incident_get_id (incident),
                                       &error);
  g_assert_cmpstr (taiou_event_get_summary (events->pdata[events->len - 1]), ==,
                   "Went through every step");
}

static void
test_future_time_blocks_next (Fixture       *fixture,
                              gconstpointer  user_data)
{
  TaiouTriagePage *page = TAIOU_TRIAGE_PAGE (taiou_wizard_get_current_page (fixture->wizard));
  GtkWidget *next = taiou_test_find_button (fixture->window, "wizard.next");
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autoptr(GDateTime) tomorrow = g_date_time_add_days (now, 1);

  answer_triage (fixture);
  taiou_triage_page_set_when (page, tomorrow);
  g_assert_false (gtk_widget_is_sensitive (next));
  g_assert_true (gtk_widget_has_css_class (taiou_test_find_row (GTK_WIDGET (page),
                                                                "Date and time"), "error"));
  taiou_triage_page_set_when (page, now);
  g_assert_true (gtk_widget_is_sensitive (next));
}

/* A day after today picked in the calendar is taken back: the calendar cannot grey days out. */
static void
test_calendar_refuses_future_days (Fixture       *fixture,
                                   gconstpointer  user_data)
{
  GtkWidget *page = GTK_WIDGET (taiou_wizard_get_current_page (fixture->wizard));
  GtkCalendar *calendar = GTK_CALENDAR (taiou_test_find_widget_type (page, GTK_TYPE_CALENDAR));
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autoptr(GDateTime) next_week = g_date_time_add_days (now, 7);
  g_autoptr(GDateTime) yesterday = g_date_time_add_days (now, -1);
  g_autoptr(GDateTime) shown = NULL;
  g_autoptr(GDateTime) kept = NULL;

  /* What a click on a day does. */
  gtk_calendar_select_day (calendar, next_week);
  g_signal_emit_by_name (calendar, "day-selected");
  shown = gtk_calendar_get_date (calendar);
  g_assert_cmpint (g_date_time_get_day_of_year (shown), ==, g_date_time_get_day_of_year (now));
  g_assert_cmpint (g_date_time_get_year (shown), ==, g_date_time_get_year (now));

  gtk_calendar_select_day (calendar, yesterday);
  g_signal_emit_by_name (calendar, "day-selected");
  kept = gtk_calendar_get_date (calendar);
  g_assert_cmpint (g_date_time_get_day_of_year (kept), ==,
                   g_date_time_get_day_of_year (yesterday));
}

static void
apply_cb (GObject      *source,
          GAsyncResult *result,
          gpointer      user_data)
{
  GError **error = user_data;

  g_assert_false (taiou_wizard_page_apply_finish (TAIOU_WIZARD_PAGE (source), result, error));
}

static gboolean
error_is_set (gpointer data)
{
  return *(GError **) data != NULL;
}

static void
test_cancelled_apply_writes_nothing (Fixture       *fixture,
                                     gconstpointer  user_data)
{
  TaiouWizardPage *page = taiou_wizard_get_current_page (fixture->wizard);
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GPtrArray) incidents = NULL;
  g_autoptr(GError) error = NULL;

  answer_triage (fixture);
  g_cancellable_cancel (cancellable);
  taiou_wizard_page_apply_async (page, cancellable, apply_cb, &error);
  taiou_test_wait_for (error_is_set, &error);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_null (taiou_wizard_page_get_incident (page));
  g_clear_error (&error);

  incidents = taiou_timeline_list_incidents (fixture->timeline, &error);
  g_assert_cmpuint (incidents->len, ==, 0);
}

static void
test_steps_in_order (Fixture       *fixture,
                     gconstpointer  user_data)
{
  const char *titles[] = {
    "What happened", "Disconnect", "Check for infection", "Change passwords", "Warn partners",
    "Report",
  };

  g_assert_cmpuint (taiou_wizard_get_n_pages (fixture->wizard), ==, G_N_ELEMENTS (titles));
  for (guint i = 0; i < G_N_ELEMENTS (titles); i++)
    g_assert_cmpstr (taiou_wizard_page_get_title (taiou_wizard_get_page (fixture->wizard, i)),
                     ==, titles[i]);
  /* Every step is built: triage, cutting the network, the checks, passwords, the partner
   * warning, the report.  All but triage can be skipped. */
  g_assert_true (TAIOU_IS_TRIAGE_PAGE (taiou_wizard_get_page (fixture->wizard, 0)));
  g_assert_false (taiou_wizard_page_get_skippable (taiou_wizard_get_page (fixture->wizard, 0)));
  g_assert_true (TAIOU_IS_DISCONNECT_PAGE (taiou_wizard_get_page (fixture->wizard, 1)));
  g_assert_true (TAIOU_IS_SCAN_PAGE (taiou_wizard_get_page (fixture->wizard, 2)));
  g_assert_true (TAIOU_IS_NOTIFY_PAGE (taiou_wizard_get_page (fixture->wizard, 4)));
  g_assert_true (TAIOU_IS_REPORT_PAGE (taiou_wizard_get_page (fixture->wizard, 5)));
  for (guint i = 1; i < G_N_ELEMENTS (titles); i++)
    {
      TaiouWizardPage *page = taiou_wizard_get_page (fixture->wizard, i);

      g_assert_false (TAIOU_IS_PENDING_PAGE (page));
      g_assert_true (taiou_wizard_page_get_skippable (page));
    }
}

static void
test_resume_at_recorded_step (Fixture       *fixture,
                              gconstpointer  user_data)
{
  g_autoptr(TaiouIncident) created = taiou_test_add_incident (fixture->timeline, "resume me", 0);
  g_autoptr(TaiouIncident) incident = NULL;
  g_autoptr(GError) error = NULL;

  taiou_timeline_set_incident_step (fixture->timeline, taiou_incident_get_id (created),
                                    "passwords", NULL, NULL, &error);
  g_assert_no_error (error);
  incident = taiou_timeline_get_incident (fixture->timeline, taiou_incident_get_id (created),
                                          &error);

  taiou_wizard_begin (fixture->wizard, incident);
  g_assert_true (taiou_wizard_get_current_page (fixture->wizard) ==
                 taiou_wizard_get_page (fixture->wizard, 3));
  g_assert_true (taiou_wizard_page_get_incident (taiou_wizard_get_page (fixture->wizard, 5)) ==
                 incident);

  taiou_wizard_begin (fixture->wizard, NULL);
  g_assert_true (taiou_wizard_get_current_page (fixture->wizard) ==
                 taiou_wizard_get_page (fixture->wizard, 0));
  g_assert_null (taiou_wizard_get_incident (fixture->wizard));
}

/* The notify step opens the editor on the partner warning; a notice made completes the step. */
static void
test_notify_step_writes_notice (Fixture       *fixture,
                                gconstpointer  user_data)
{
  g_autoptr(TaiouIncident) created = taiou_test_add_incident (fixture->timeline, "notify", 0);
  g_autoptr(TaiouIncident) incident = NULL;
  g_autoptr(GError) error = NULL;
  const char * const values[][2] = {
    { "company", "株式会社アワ商事" }, { "our_domains", "ourcorp.co.jp" },
    { "contact_department", "総務部" }, { "contact_name", "鈴木 一郎" },
    { "contact_phone", "03-1234-5678" },
  };
  TaiouWizardPage *page;
  TaiouNoticeWindow *editor;

  taiou_timeline_set_incident_step (fixture->timeline, taiou_incident_get_id (created),
                                    "notify", NULL, NULL, &error);
  g_assert_no_error (error);
  incident = taiou_timeline_get_incident (fixture->timeline, taiou_incident_get_id (created),
                                          &error);
  taiou_wizard_begin (fixture->wizard, incident);
  page = taiou_wizard_get_current_page (fixture->wizard);
  g_assert_true (TAIOU_IS_NOTIFY_PAGE (page));
  g_assert_false (taiou_wizard_page_get_complete (page));

  taiou_test_click (taiou_test_find_button (GTK_WIDGET (page), "notify-page.write-notice"));
  editor = TAIOU_NOTICE_WINDOW (taiou_test_wait_for_window (TAIOU_TYPE_NOTICE_WINDOW));
  g_assert_cmpstr (taiou_notice_window_get_template (editor), ==, "partner-warning");
  for (gsize i = 0; i < G_N_ELEMENTS (values); i++)
    taiou_notice_window_set_value (editor, values[i][0], values[i][1]);
  g_assert_nonnull (taiou_notice_window_get_text (editor));
  gtk_widget_activate_action (GTK_WIDGET (editor), "notice.copy-body", NULL);
  g_assert_true (taiou_wizard_page_get_complete (page));
  gtk_window_destroy (GTK_WINDOW (editor));
  taiou_wizard_begin (fixture->wizard, NULL);
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
      g_test_add_func ("/taiou/gui/wizard/no-display", test_no_display);
      return g_test_run ();
    }

  ADD_TEST ("/taiou/gui/wizard/triage-creates-incident-and-logs-answers",
            test_triage_creates_incident);
  ADD_TEST ("/taiou/gui/wizard/skip-and-back", test_skip_and_back);
  ADD_TEST ("/taiou/gui/wizard/skipped-is-not-done-and-resume-after-back",
            test_skipped_is_not_done_and_resume_after_back);
  ADD_TEST ("/taiou/gui/wizard/finish-after-last-step", test_finish_after_last_step);
  ADD_TEST ("/taiou/gui/wizard/future-time-blocks-next", test_future_time_blocks_next);
  ADD_TEST ("/taiou/gui/wizard/calendar-refuses-future-days", test_calendar_refuses_future_days);
  ADD_TEST ("/taiou/gui/wizard/cancelled-apply-writes-nothing",
            test_cancelled_apply_writes_nothing);
  ADD_TEST ("/taiou/gui/wizard/six-steps-in-order", test_steps_in_order);
  ADD_TEST ("/taiou/gui/wizard/resume-at-recorded-step", test_resume_at_recorded_step);
  ADD_TEST ("/taiou/gui/wizard/notify-step-writes-notice", test_notify_step_writes_notice);

  return g_test_run ();
}
