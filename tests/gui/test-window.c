/* test-window.c — the main window under Xvfb: the start screen (in English or Japanese, from
 * the environment), both paths, the record view with its verification banner, resuming */
#define G_LOG_DOMAIN "test-window"

#include "config.h"

#include <glib/gstdio.h>

#include <locale.h>

#include "taiou-first-run-dialog.h"
#include "taiou-settings.h"
#include "taiou-test-gui.h"
#include "mail/taiou-mail-check-window.h"
#include "taiou-test-util.h"
#include "taiou-window.h"
#include "timeline/taiou-timeline-view.h"
#include "wizard/taiou-wizard.h"

typedef struct
{
  char          *db_path;
  TaiouTimeline *timeline;
  TaiouCase     *case_at_hand;
  TaiouWindow   *window;
} Fixture;

static gboolean japanese;

static void
open_window (Fixture *fixture)
{
  /* Built when the app starts, after the incidents the test recorded. */
  fixture->case_at_hand = taiou_case_new (fixture->timeline, NULL);
  fixture->window = taiou_window_new (NULL, fixture->case_at_hand);
  gtk_window_present (GTK_WINDOW (fixture->window));
  taiou_test_wait_until_mapped (GTK_WIDGET (fixture->window));
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  user_data)
{
  fixture->timeline = taiou_test_timeline_new (&fixture->db_path);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  user_data)
{
  if (fixture->window != NULL)
    gtk_window_destroy (GTK_WINDOW (fixture->window));
  g_clear_object (&fixture->case_at_hand);
  g_clear_object (&fixture->timeline);
  g_free (fixture->db_path);
}

static const char *
button_label (Fixture    *fixture,
              const char *action_name)
{
  return gtk_button_get_label (GTK_BUTTON (taiou_test_find_button (GTK_WIDGET (fixture->window),
                                                                   action_name)));
}

static void
test_start_screen_offers_both_paths (Fixture       *fixture,
                                     gconstpointer  user_data)
{
  open_window (fixture);

  g_assert_cmpstr (taiou_window_get_view_name (fixture->window), ==, "start");
  if (japanese)
    {
      g_assert_cmpstr (button_label (fixture, "window.start-response"), ==,
                       "感染したかもしれない（対応を始める）");
      g_assert_cmpstr (button_label (fixture, "window.view-records"), ==,
                       "インシデントの記録を見る");
    }
  else
    {
      g_assert_cmpstr (button_label (fixture, "window.start-response"), ==,
                       "I May Be Infected (Start Responding)");
      g_assert_cmpstr (button_label (fixture, "window.view-records"), ==, "View Incident Records");
    }
  /* No unfinished incident: nothing to resume. */
  g_assert_false (gtk_widget_get_visible (taiou_test_find_button (GTK_WIDGET (fixture->window),
                                                                  "window.resume-response")));
}

static void
test_worker_path_opens_wizard (Fixture       *fixture,
                               gconstpointer  user_data)
{
  GtkWidget *wizard;

  open_window (fixture);
  taiou_test_click (taiou_test_find_button (GTK_WIDGET (fixture->window),
                                            "window.start-response"));
  g_assert_cmpstr (taiou_window_get_view_name (fixture->window), ==, "wizard");
  wizard = taiou_test_find_widget_type (GTK_WIDGET (fixture->window), TAIOU_TYPE_WIZARD);
  g_assert_true (taiou_wizard_get_current_page (TAIOU_WIZARD (wizard)) ==
                 taiou_wizard_get_page (TAIOU_WIZARD (wizard), 0));

  gtk_widget_activate_action (GTK_WIDGET (fixture->window), "window.go-home", NULL);
  g_assert_cmpstr (taiou_window_get_view_name (fixture->window), ==, "start");
}

static gboolean
verification_done (gpointer data)
{
  const char *text = taiou_timeline_view_get_status_text (data);

  return text != NULL && strstr (text, "…") == NULL && text[0] != '\0';
}

static TaiouTimelineView *
open_records (Fixture *fixture)
{
  TaiouTimelineView *view;

  open_window (fixture);
  taiou_test_click (taiou_test_find_button (GTK_WIDGET (fixture->window), "window.view-records"));
  g_assert_cmpstr (taiou_window_get_view_name (fixture->window), ==, "timeline");
  view = TAIOU_TIMELINE_VIEW (taiou_test_find_widget_type (GTK_WIDGET (fixture->window),
                                                           TAIOU_TYPE_TIMELINE_VIEW));
  taiou_test_wait_for (verification_done, view);
  return view;
}

static void
test_manager_path_shows_events_and_chain (Fixture       *fixture,
                                          gconstpointer  user_data)
{
  g_autoptr(TaiouIncident) older = taiou_test_add_incident (fixture->timeline, "older", 1);
  g_autoptr(TaiouIncident) newer = taiou_test_add_incident (fixture->timeline, "newer", 3);
  TaiouTimelineView *view = open_records (fixture);
  GListModel *events = taiou_timeline_view_get_events (view);
  g_autoptr(TaiouEvent) first = NULL;
  g_autoptr(TaiouEvent) last = NULL;

  /* The newest incident is selected; its events are shown oldest first ("newest last"). */
  g_assert_cmpuint (g_list_model_get_n_items (events), ==, 4);
  first = g_list_model_get_item (events, 0);
  last = g_list_model_get_item (events, 3);
  g_assert_cmpstr (taiou_event_get_kind (first), ==, "incident.created");
  g_assert_cmpint (taiou_event_get_seq (first), <, taiou_event_get_seq (last));
  g_assert_cmpstr (taiou_event_get_summary (last), ==, "note 3");

  g_assert_nonnull (strstr (taiou_timeline_view_get_status_text (view),
                            japanese ? "改ざんされていません" : "has not been altered"));
  g_assert_nonnull (strstr (taiou_timeline_view_get_status_text (view), "6"));

  /* Another incident, another list of events (read from the record a page at a time). */
  g_assert_true (taiou_timeline_view_select_incident (view, taiou_incident_get_id (older)));
  events = taiou_timeline_view_get_events (view);
  g_assert_cmpuint (g_list_model_get_n_items (events), ==, 2);
}

/* A label under @root showing exactly @text, with @css_class when that is not NULL. */
static GtkWidget *
find_label (GtkWidget  *root,
            const char *text,
            const char *css_class)
{
  if (GTK_IS_LABEL (root) && g_strcmp0 (gtk_label_get_text (GTK_LABEL (root)), text) == 0 &&
      (css_class == NULL || gtk_widget_has_css_class (root, css_class)))
    return root;
  for (GtkWidget *child = gtk_widget_get_first_child (root);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_label (child, text, css_class);

      if (found != NULL)
        return found;
    }
  return NULL;
}

static gboolean
bad_row_marked (gpointer view)
{
  return find_label (view, "3", "error") != NULL;
}

static void
test_manager_sees_tampering (Fixture       *fixture,
                             gconstpointer  user_data)
{
  g_autoptr(TaiouIncident) incident = taiou_test_add_incident (fixture->timeline, "x", 3);
  TaiouTimelineView *view = open_records (fixture);

  g_assert_nonnull (strstr (taiou_timeline_view_get_status_text (view),
                            japanese ? "改ざんされていません" : "has not been altered"));

  taiou_test_sqlite_exec (fixture->db_path, "UPDATE events SET summary = 'harmless' WHERE seq = 3");
  gtk_widget_activate_action (GTK_WIDGET (view), "timeline-view.reload", NULL);
  taiou_test_wait_for (verification_done, view);

  g_assert_nonnull (strstr (taiou_timeline_view_get_status_text (view), "#3"));
  g_assert_nonnull (strstr (taiou_timeline_view_get_status_text (view),
                            japanese ? "改ざんされています" : "has been altered!"));
  /* The table shows each event's number, and the row of #3 is marked. */
  taiou_test_wait_for (bad_row_marked, view);
  g_assert_null (find_label (GTK_WIDGET (view), "2", "error"));
  /* Kinds read as words, the code on hover. */
  g_assert_nonnull (find_label (GTK_WIDGET (view),
                                japanese ? "インシデントを登録" : "Incident opened", NULL));
  g_assert_null (find_label (GTK_WIDGET (view), "incident.created", NULL));
}

static void
test_resume_unfinished_incident (Fixture       *fixture,
                                 gconstpointer  user_data)
{
  g_autoptr(TaiouIncident) incident = taiou_test_add_incident (fixture->timeline, "中断した件", 0);
  g_autoptr(GError) error = NULL;
  GtkWidget *resume;
  GtkWidget *wizard;

  taiou_timeline_set_incident_step (fixture->timeline, taiou_incident_get_id (incident), "scan", NULL,
                                    NULL, &error);
  g_assert_no_error (error);
  open_window (fixture);

  resume = taiou_test_find_button (GTK_WIDGET (fixture->window), "window.resume-response");
  g_assert_true (gtk_widget_get_visible (resume));
  g_assert_nonnull (strstr (gtk_button_get_label (GTK_BUTTON (resume)), "中断した件"));
  /* Continuing is the one primary action while a response is open. */
  g_assert_true (gtk_widget_has_css_class (resume, "suggested-action"));
  g_assert_false (gtk_widget_has_css_class (
    taiou_test_find_button (GTK_WIDGET (fixture->window), "window.start-response"),
    "suggested-action"));

  taiou_test_click (resume);
  wizard = taiou_test_find_widget_type (GTK_WIDGET (fixture->window), TAIOU_TYPE_WIZARD);
  g_assert_true (taiou_wizard_get_current_page (TAIOU_WIZARD (wizard)) ==
                 taiou_wizard_get_page (TAIOU_WIZARD (wizard), 2));
}

static GtkWindow *find_dialog (void);

/* Starting over with a response open asks first; its default continues the open response. */
static void
test_new_response_asks_before_abandoning (Fixture       *fixture,
                                          gconstpointer  user_data)
{
  g_autoptr(TaiouIncident) incident = taiou_test_add_incident (fixture->timeline, "開いた件", 0);
  g_autoptr(GPtrArray) incidents = NULL;
  g_autoptr(GError) error = NULL;
  GtkWindow *dialog;
  GtkWidget *wizard;

  taiou_timeline_set_incident_step (fixture->timeline, taiou_incident_get_id (incident),
                                    "disconnect", NULL, NULL, &error);
  g_assert_no_error (error);
  open_window (fixture);
  taiou_test_click (taiou_test_find_button (GTK_WIDGET (fixture->window),
                                            "window.start-response"));
  dialog = find_dialog ();
  g_assert_nonnull (dialog);
  g_assert_cmpstr (taiou_window_get_view_name (fixture->window), ==, "start");
  g_assert_nonnull (strstr (adw_message_dialog_get_body (ADW_MESSAGE_DIALOG (dialog)),
                            "開いた件"));
  g_assert_cmpstr (adw_message_dialog_get_default_response (ADW_MESSAGE_DIALOG (dialog)), ==,
                   "continue");

  /* Cancel leaves everything as it was. */
  adw_message_dialog_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  gtk_window_destroy (dialog);
  g_assert_cmpstr (taiou_window_get_view_name (fixture->window), ==, "start");

  /* Continue resumes the open response. */
  taiou_test_click (taiou_test_find_button (GTK_WIDGET (fixture->window),
                                            "window.start-response"));
  dialog = find_dialog ();
  adw_message_dialog_response (ADW_MESSAGE_DIALOG (dialog), "continue");
  gtk_window_destroy (dialog);
  wizard = taiou_test_find_widget_type (GTK_WIDGET (fixture->window), TAIOU_TYPE_WIZARD);
  g_assert_cmpstr (taiou_window_get_view_name (fixture->window), ==, "wizard");
  g_assert_cmpint (taiou_incident_get_id (taiou_wizard_get_incident (TAIOU_WIZARD (wizard))), ==,
                   taiou_incident_get_id (incident));

  /* "Start a new one" begins at triage with no incident yet; the open one stays. */
  gtk_widget_activate_action (GTK_WIDGET (fixture->window), "window.go-home", NULL);
  taiou_test_click (taiou_test_find_button (GTK_WIDGET (fixture->window),
                                            "window.start-response"));
  dialog = find_dialog ();
  adw_message_dialog_response (ADW_MESSAGE_DIALOG (dialog), "new");
  gtk_window_destroy (dialog);
  g_assert_true (taiou_wizard_get_current_page (TAIOU_WIZARD (wizard)) ==
                 taiou_wizard_get_page (TAIOU_WIZARD (wizard), 0));
  g_assert_null (taiou_wizard_get_incident (TAIOU_WIZARD (wizard)));
  incidents = taiou_timeline_list_incidents (fixture->timeline, &error);
  g_assert_cmpuint (incidents->len, ==, 1);
}

static void
type_into (GtkWidget  *root,
           const char *row_title,
           const char *text)
{
  GtkWidget *row = taiou_test_find_row (root, row_title);

  g_assert_nonnull (row);
  gtk_editable_set_text (GTK_EDITABLE (row), text);
}

/* The first run asks for the IT manager too (the notices' contact), and a mistyped address
 * keeps "Save" off until it is fixed or emptied. */
static void
test_first_run_asks_for_it_manager (Fixture       *fixture,
                                    gconstpointer  user_data)
{
  g_autoptr(GSettings) settings = taiou_settings_new_if_installed ();
  TaiouFirstRunDialog *dialog;
  g_autofree char *name = NULL;
  g_autofree char *email = NULL;

  g_assert_nonnull (settings);
  open_window (fixture);
  dialog = taiou_first_run_dialog_new (GTK_WINDOW (fixture->window), settings);
  gtk_window_present (GTK_WINDOW (dialog));
  type_into (GTK_WIDGET (dialog), japanese ? "会社名・事業所名" : "Organisation name", "アワ商事");
  type_into (GTK_WIDGET (dialog), japanese ? "IT 管理者の名前" : "IT manager’s name", "佐藤 花子");
  type_into (GTK_WIDGET (dialog), japanese ? "IT 管理者のメールアドレス"
                                           : "IT manager’s mail address", "sato@");
  g_assert_false (adw_message_dialog_get_response_enabled (ADW_MESSAGE_DIALOG (dialog), "save"));
  type_into (GTK_WIDGET (dialog), japanese ? "IT 管理者のメールアドレス"
                                           : "IT manager’s mail address", "sato@our.example");
  g_assert_true (adw_message_dialog_get_response_enabled (ADW_MESSAGE_DIALOG (dialog), "save"));

  adw_message_dialog_response (ADW_MESSAGE_DIALOG (dialog), "save");
  gtk_window_destroy (GTK_WINDOW (dialog));
  name = g_settings_get_string (settings, "it-manager-name");
  email = g_settings_get_string (settings, "it-manager-email");
  g_assert_cmpstr (name, ==, "佐藤 花子");
  g_assert_cmpstr (email, ==, "sato@our.example");
  g_assert_true (g_settings_get_boolean (settings, "first-run-done"));
}

static gboolean
mail_checked (gpointer data)
{
  return taiou_mail_check_window_get_report (data) != NULL;
}

/* The start screen, the wizard and the mail check opened from it share one case, so they
 * see one incident: the resumed one, then none once a new response starts. */
static void
test_one_case_one_incident (Fixture       *fixture,
                            gconstpointer  user_data)
{
  g_autoptr(TaiouIncident) incident = taiou_test_add_incident (fixture->timeline, "共有の件", 0);
  g_autoptr(GPtrArray) events = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("taiou-window-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "mail.eml", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  GtkWidget *wizard;
  GtkWindow *checker;

  taiou_timeline_set_incident_step (fixture->timeline, taiou_incident_get_id (incident), "scan",
                                    NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (g_file_set_contents (path, "From: a@example.net\r\nSubject: s\r\n\r\nhi\r\n",
                                      -1, NULL));
  open_window (fixture);
  taiou_test_click (taiou_test_find_button (GTK_WIDGET (fixture->window),
                                            "window.resume-response"));
  wizard = taiou_test_find_widget_type (GTK_WIDGET (fixture->window), TAIOU_TYPE_WIZARD);
  g_assert_cmpint (taiou_incident_get_id (taiou_wizard_get_incident (TAIOU_WIZARD (wizard))), ==,
                   taiou_incident_get_id (incident));
  g_assert_true (taiou_wizard_get_incident (TAIOU_WIZARD (wizard)) ==
                 taiou_case_get_incident (fixture->case_at_hand));

  /* A second window on the same case records in the same incident. */
  gtk_widget_activate_action (GTK_WIDGET (fixture->window), "window.check-mail", NULL);
  checker = taiou_test_wait_for_window (TAIOU_TYPE_MAIL_CHECK_WINDOW);
  taiou_mail_check_window_check_file (TAIOU_MAIL_CHECK_WINDOW (checker), file);
  taiou_test_wait_for (mail_checked, checker);
  events = taiou_timeline_list_events (fixture->timeline, taiou_incident_get_id (incident),
                                       &error);
  g_assert_no_error (error);
  g_assert_cmpstr (taiou_event_get_kind (events->pdata[events->len - 1]), ==,
                   TAIOU_EVENT_MAIL_TRIAGE);
  gtk_window_destroy (checker);

  /* A new response has no incident until triage: the shared case says so too. */
  taiou_wizard_begin (TAIOU_WIZARD (wizard), NULL);
  g_assert_null (taiou_case_get_incident (fixture->case_at_hand));
  g_unlink (path);
  g_rmdir (dir);
}

static GtkWindow *
find_dialog (void)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWindow) window = g_list_model_get_item (toplevels, i);

      if (ADW_IS_MESSAGE_DIALOG (window))
        return window;
    }
  return NULL;
}

static void
test_damaged_database_is_explained (Fixture       *fixture,
                                    gconstpointer  user_data)
{
  g_autofree char *path = g_build_filename (g_get_user_data_dir (), "broken.db", NULL);
  g_autoptr(TaiouTimeline) broken = NULL;
  g_autoptr(GError) error = NULL;
  GtkWindow *dialog;
  const char *body;

  g_assert_true (g_file_set_contents (path, "not a database", -1, NULL));
  broken = taiou_timeline_open (path, &error);
  g_assert_null (broken);

  g_clear_object (&fixture->timeline);
  open_window (fixture);
  taiou_window_show_timeline_error (fixture->window, error);

  dialog = find_dialog ();
  g_assert_nonnull (dialog);
  body = adw_message_dialog_get_body (ADW_MESSAGE_DIALOG (dialog));
  g_assert_nonnull (strstr (body, path));
  g_assert_nonnull (strstr (body, japanese ? "壊れている" : "damaged"));
  gtk_window_destroy (dialog);

  /* The worker can still follow the steps. */
  taiou_test_click (taiou_test_find_button (GTK_WIDGET (fixture->window),
                                               "window.start-response"));
  g_assert_cmpstr (taiou_window_get_view_name (fixture->window), ==, "wizard");
}

static void
test_skipped (void)
{
  g_test_skip ("no display or no ja_JP.UTF-8 locale; see the message above");
}

#define ADD_TEST(path, func) \
  g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

int
main (int    argc,
      char **argv)
{
  const char *lang = g_getenv ("LC_ALL");

  japanese = lang != NULL && g_str_has_prefix (lang, "ja");
  if (japanese && setlocale (LC_ALL, lang) == NULL)
    {
      g_test_init (&argc, &argv, NULL);
      g_printerr ("\n*** The %s locale is not installed (build-aux/taiou-dev generates it): "
                  "the Japanese window tests are SKIPPED. ***\n\n", lang);
      g_test_add_func ("/taiou/gui/window-ja/skipped", test_skipped);
      return g_test_run ();
    }

  if (!taiou_test_gui_init (&argc, &argv, TRUE))
    {
      g_test_add_func ("/taiou/gui/window/skipped", test_skipped);
      return g_test_run ();
    }
  taiou_i18n_init ();

  ADD_TEST ("/taiou/gui/window/start-screen-offers-both-paths",
            test_start_screen_offers_both_paths);
  ADD_TEST ("/taiou/gui/window/worker-path-opens-wizard", test_worker_path_opens_wizard);
  ADD_TEST ("/taiou/gui/window/manager-path-shows-events-and-chain",
            test_manager_path_shows_events_and_chain);
  ADD_TEST ("/taiou/gui/window/manager-sees-tampering", test_manager_sees_tampering);
  ADD_TEST ("/taiou/gui/window/resume-unfinished-incident", test_resume_unfinished_incident);
  ADD_TEST ("/taiou/gui/window/first-run-asks-for-it-manager",
            test_first_run_asks_for_it_manager);
  ADD_TEST ("/taiou/gui/window/new-response-asks-before-abandoning",
            test_new_response_asks_before_abandoning);
  ADD_TEST ("/taiou/gui/window/one-case-one-incident", test_one_case_one_incident);
  ADD_TEST ("/taiou/gui/window/damaged-database-is-explained",
            test_damaged_database_is_explained);

  return g_test_run ();
}
