/* test-disconnect.c — the disconnect step with real widgets under Xvfb: a NetworkManager
 * stand-in on a private bus (tests/common/taiou-test-nm.c), a network monitor the test sets
 * for this computer's connectivity, and the record checked in the database */
#define G_LOG_DOMAIN "test-disconnect"

#include "config.h"

#include <string.h>

#include "guidance/taiou-guidance-view.h"
#include "taiou-test-gui.h"
#include "taiou-test-network-monitor.h"
#include "taiou-test-nm.h"
#include "taiou-test-util.h"
#include "wizard/pages/disconnect/taiou-disconnect-page.h"
#include "wizard/taiou-wizard.h"

typedef struct
{
  char                *db_path;
  TaiouTimeline       *timeline;
  TaiouCase           *case_at_hand;
  TaiouIncident       *incident;
  GNetworkMonitor     *monitor;
  GtkWidget           *window;
  TaiouWizard         *wizard;
  TaiouDisconnectPage *page;
} Fixture;

static void
show_wizard (Fixture *fixture)
{
  fixture->window = gtk_window_new ();
  fixture->wizard = taiou_wizard_new ();
  taiou_wizard_set_case (fixture->wizard, fixture->case_at_hand);
  gtk_window_set_default_size (GTK_WINDOW (fixture->window), 900, 900);
  gtk_window_set_child (GTK_WINDOW (fixture->window), GTK_WIDGET (fixture->wizard));
  taiou_wizard_begin (fixture->wizard, fixture->incident);
  fixture->page = TAIOU_DISCONNECT_PAGE (taiou_wizard_get_current_page (fixture->wizard));
  taiou_disconnect_page_set_network_monitor (fixture->page, fixture->monitor);
  gtk_window_present (GTK_WINDOW (fixture->window));
  taiou_test_wait_until_mapped (fixture->window);
}

static void
close_wizard (Fixture *fixture)
{
  g_object_ref (fixture->wizard);
  gtk_window_destroy (GTK_WINDOW (fixture->window));
  g_assert_finalize_object (fixture->wizard);
  fixture->page = NULL;
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  user_data)
{
  g_autoptr(GError) error = NULL;
  gint64 incident_id;

  fixture->timeline = taiou_test_timeline_new (&fixture->db_path);
  fixture->case_at_hand = taiou_case_new (fixture->timeline, NULL);
  fixture->incident = taiou_case_create_incident (fixture->case_at_hand,
                                                  "添付ファイルを開いた", g_get_real_time (),
                                                  "PC-07", "山田 太郎", &error);
  g_assert_no_error (error);
  incident_id = taiou_incident_get_id (fixture->incident);
  g_assert_true (taiou_timeline_set_incident_step (fixture->timeline, incident_id, "disconnect",
                                                   NULL, "山田 太郎", &error));
  g_clear_object (&fixture->incident);
  fixture->incident = taiou_timeline_get_incident (fixture->timeline, incident_id, &error);
  g_assert_no_error (error);
  /* "Connected" until the test takes the network away. */
  fixture->monitor = taiou_test_network_monitor_new (G_NETWORK_CONNECTIVITY_FULL);
  show_wizard (fixture);
  g_assert_true (TAIOU_IS_DISCONNECT_PAGE (fixture->page));
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  user_data)
{
  g_autoptr(TaiouTimelineVerification) verification = NULL;
  g_autoptr(GError) error = NULL;

  close_wizard (fixture);
  verification = taiou_timeline_verify (fixture->timeline, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (verification->intact);
  g_assert_finalize_object (fixture->monitor);
  g_clear_object (&fixture->incident);
  g_assert_finalize_object (fixture->case_at_hand);
  g_assert_finalize_object (fixture->timeline);
  g_free (fixture->db_path);
}

/* The disconnect.* events of the incident, as "kind detail" lines. */
static GStrv
disconnect_events (Fixture *fixture)
{
  g_autoptr(GStrvBuilder) lines = g_strv_builder_new ();
  g_autoptr(GPtrArray) events = NULL;
  g_autoptr(GError) error = NULL;

  events = taiou_timeline_list_events (fixture->timeline, taiou_incident_get_id (fixture->incident),
                                       &error);
  g_assert_no_error (error);
  for (guint i = 0; i < events->len; i++)
    {
      TaiouEvent *event = events->pdata[i];
      g_autofree char *line = NULL;

      if (!g_str_has_prefix (taiou_event_get_kind (event), "disconnect."))
        continue;
      g_assert_cmpstr (taiou_event_get_actor (event), ==, "山田 太郎");
      line = g_strdup_printf ("%s %s", taiou_event_get_kind (event),
                              taiou_event_get_detail (event) != NULL
                              ? taiou_event_get_detail (event) : "-");
      g_strv_builder_add (lines, line);
    }
  return g_strv_builder_end (lines);
}

static void
assert_events (Fixture            *fixture,
               const char * const *expected)
{
  g_auto(GStrv) lines = disconnect_events (fixture);

  for (guint i = 0; lines[i] != NULL; i++)
    g_test_message ("event %u: %s", i, lines[i]);
  g_assert_cmpstrv (lines, expected);
}

static gboolean
next_is_sensitive (Fixture *fixture)
{
  return gtk_widget_is_sensitive (taiou_test_find_button (fixture->window, "wizard.next"));
}

static void
choose (Fixture    *fixture,
        const char *row_title)
{
  adw_action_row_activate (ADW_ACTION_ROW (taiou_test_find_row (fixture->window, row_title)));
}

static GtkWidget *
manual_group (Fixture *fixture)
{
  GtkWidget *view = taiou_test_find_widget_type (GTK_WIDGET (fixture->page),
                                                 TAIOU_TYPE_GUIDANCE_VIEW);
  GtkWidget *group;

  /* The first instruction is the page's own; the manual steps are in a group below it. */
  g_assert_cmpstr (taiou_guidance_view_get_record (TAIOU_GUIDANCE_VIEW (view)), ==,
                   "disconnect.cut-off");
  group = gtk_widget_get_ancestor (taiou_test_find_row (GTK_WIDGET (fixture->page), "Wi-Fi"),
                                   ADW_TYPE_PREFERENCES_GROUP);
  g_assert_nonnull (group);
  return group;
}

static gboolean
page_is_idle (gpointer page)
{
  return !taiou_disconnect_page_get_busy (page);
}

static void
switch_off_and_wait (Fixture *fixture)
{
  GtkWidget *button = taiou_test_find_button (fixture->window, "disconnect-page.switch-off");

  g_assert_true (gtk_widget_has_css_class (button, "suggested-action"));
  taiou_test_click (button);
  g_assert_true (taiou_disconnect_page_get_busy (fixture->page));
  g_assert_false (gtk_widget_is_sensitive (button));
  taiou_test_wait_for (page_is_idle, fixture->page);
}

static GtkLabel *
find_label_containing (GtkWidget  *root,
                       const char *text)
{
  if (GTK_IS_LABEL (root) && gtk_widget_get_visible (root) &&
      strstr (gtk_label_get_text (GTK_LABEL (root)), text) != NULL)
    return GTK_LABEL (root);
  for (GtkWidget *child = gtk_widget_get_first_child (root);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkLabel *found = find_label_containing (child, text);

      if (found != NULL)
        return found;
    }
  return NULL;
}

/* Another PC: the matching instructions, and the worker's word completes the step. */
static void
test_other_pc_confirmed (Fixture       *fixture,
                         gconstpointer  user_data)
{
  const char *expected[] = {
    "disconnect.target {\"target\":\"other-pc\"}",
    "disconnect.confirmed {\"confirmed\":true,\"target\":\"other-pc\"}",
    NULL,
  };
  GtkWidget *group = manual_group (fixture);

  g_assert_false (gtk_widget_get_visible (group));
  g_assert_false (next_is_sensitive (fixture));

  choose (fixture, "Another PC");
  g_assert_cmpstr (taiou_disconnect_page_get_target (fixture->page), ==,
                   TAIOU_DISCONNECT_OTHER_PC);
  g_assert_true (gtk_widget_get_visible (group));
  g_assert_cmpstr (adw_preferences_group_get_title (ADW_PREFERENCES_GROUP (group)), ==,
                   "On the infected PC, please do this");
  /* No button for this computer: it is not the one concerned. */
  g_assert_false (gtk_widget_is_visible (taiou_test_find_button (fixture->window,
                                                                 "disconnect-page.switch-off")));
  g_assert_false (next_is_sensitive (fixture));

  choose (fixture, "I have done this on that PC");
  g_assert_true (next_is_sensitive (fixture));
  assert_events (fixture, expected);
}

/* This computer: NetworkManager switches networking off, and the step is done when this
 * computer's network monitor reports no network. */
static void
test_this_pc_switched_off (Fixture       *fixture,
                           gconstpointer  user_data)
{
  const char *expected[] = {
    "disconnect.target {\"target\":\"this-pc\"}",
    "disconnect.attempt {}",
    "disconnect.result {\"outcome\":\"disabled\"}",
    "disconnect.result {\"outcome\":\"offline\"}",
    NULL,
  };
  g_autoptr(TaiouTestNm) nm = taiou_test_nm_start (TAIOU_TEST_NM_BUS_ALLOWS_ENABLE);
  GtkWidget *status = taiou_test_find_row (fixture->window, "Connected to the internet");

  taiou_test_nm_serve (nm, NULL);
  choose (fixture, "This computer");
  g_assert_false (next_is_sensitive (fixture));
  switch_off_and_wait (fixture);

  g_assert_cmpuint (taiou_test_nm_get_n_enable (nm), ==, 1);
  g_assert_false (taiou_test_nm_get_last_enable (nm));
  g_assert_false (taiou_test_nm_get_networking_enabled (nm));
  g_assert_nonnull (find_label_containing (fixture->window, "switched off"));
  /* NetworkManager said yes, but this computer still looks connected: not done yet, and the
   * manual steps say what else to do. */
  g_assert_false (next_is_sensitive (fixture));
  g_assert_true (gtk_widget_get_visible (manual_group (fixture)));

  taiou_test_network_monitor_set (TAIOU_TEST_NETWORK_MONITOR (fixture->monitor),
                                  G_NETWORK_CONNECTIVITY_LOCAL);
  taiou_test_wait_for ((gboolean (*) (gpointer)) next_is_sensitive, fixture);
  g_assert_cmpstr (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (status)), ==,
                   "Not connected");
  g_assert_false (gtk_widget_get_visible (manual_group (fixture)));
  g_assert_false (gtk_widget_has_css_class (taiou_test_find_button (fixture->window,
                                                                    "disconnect-page.switch-off"),
                                            "suggested-action"));
  assert_events (fixture, expected);
}

/* The bus refuses Enable (AccessDenied, as a system bus policy does): the page says so and
 * shows the manual steps, which the worker confirms. */
static void
test_this_pc_refused (Fixture       *fixture,
                      gconstpointer  user_data)
{
  const char *expected_start[] = {
    "disconnect.target {\"target\":\"this-pc\"}",
    "disconnect.attempt {}",
    NULL,
  };
  g_autoptr(TaiouTestNm) nm = taiou_test_nm_start (TAIOU_TEST_NM_BUS_DENIES_ENABLE);
  g_auto(GStrv) lines = NULL;
  GtkWidget *group = manual_group (fixture);

  taiou_test_nm_serve (nm, NULL);
  choose (fixture, "This computer");
  g_assert_false (gtk_widget_get_visible (group));
  switch_off_and_wait (fixture);

  g_assert_cmpuint (taiou_test_nm_get_n_enable (nm), ==, 0);
  g_assert_nonnull (find_label_containing (fixture->window, "did not allow"));
  g_assert_true (gtk_widget_get_visible (group));
  g_assert_cmpstr (adw_preferences_group_get_title (ADW_PREFERENCES_GROUP (group)), ==,
                   "Please cut this computer off by hand");
  g_assert_false (next_is_sensitive (fixture));
  /* The manual steps are what to do now; the button is no longer the primary one. */
  g_assert_false (gtk_widget_has_css_class (taiou_test_find_button (fixture->window,
                                                                    "disconnect-page.switch-off"),
                                            "suggested-action"));

  choose (fixture, "I have cut this computer off");
  g_assert_true (next_is_sensitive (fixture));

  lines = disconnect_events (fixture);
  g_assert_cmpuint (g_strv_length (lines), ==, 4);
  g_assert_cmpstr (lines[0], ==, expected_start[0]);
  g_assert_cmpstr (lines[1], ==, expected_start[1]);
  g_assert_true (g_str_has_prefix (lines[2],
                                   "disconnect.result {\"outcome\":\"refused\",\"message\":"));
  g_assert_cmpstr (lines[3], ==,
                   "disconnect.confirmed {\"confirmed\":true,\"target\":\"this-pc\"}");
}

/* No NetworkManager at all on the bus: the fallback path. */
static void
test_this_pc_without_networkmanager (Fixture       *fixture,
                                     gconstpointer  user_data)
{
  g_autoptr(TaiouTestNm) nm = taiou_test_nm_start (TAIOU_TEST_NM_BUS_ALLOWS_ENABLE);
  g_auto(GStrv) lines = NULL;

  choose (fixture, "This computer");
  switch_off_and_wait (fixture);
  g_assert_nonnull (find_label_containing (fixture->window, "not running"));
  g_assert_true (gtk_widget_get_visible (manual_group (fixture)));
  choose (fixture, "I have cut this computer off");
  g_assert_true (next_is_sensitive (fixture));

  lines = disconnect_events (fixture);
  g_assert_cmpuint (g_strv_length (lines), ==, 4);
  g_assert_true (g_str_has_prefix (lines[2],
                                   "disconnect.result {\"outcome\":\"not-running\""));
}

/* Resumed later, the step shows what the record says, and records nothing new for it. */
static void
test_resume_shows_record (Fixture       *fixture,
                          gconstpointer  user_data)
{
  g_auto(GStrv) before = NULL;
  g_auto(GStrv) after = NULL;

  choose (fixture, "Another PC");
  choose (fixture, "I have done this on that PC");
  before = disconnect_events (fixture);
  close_wizard (fixture);

  show_wizard (fixture);
  g_assert_cmpstr (taiou_disconnect_page_get_target (fixture->page), ==,
                   TAIOU_DISCONNECT_OTHER_PC);
  g_assert_true (gtk_widget_get_visible (manual_group (fixture)));
  g_assert_true (next_is_sensitive (fixture));
  after = disconnect_events (fixture);
  g_assert_cmpstrv (after, before);

  /* Changing the answer takes the confirmation back: it was about the other PC. */
  choose (fixture, "This computer");
  g_assert_false (next_is_sensitive (fixture));
}

static void
test_no_display (void)
{
  g_test_skip ("no X server could be started: install xvfb");
}

#define add_test(path, func) \
  g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

int
main (int    argc,
      char **argv)
{
  if (!taiou_test_gui_init (&argc, &argv, FALSE))
    {
      g_test_add_func ("/taiou/gui/disconnect/no-display", test_no_display);
      return g_test_run ();
    }
  taiou_i18n_init ();

  add_test ("/taiou/gui/disconnect/other-pc-confirmed", test_other_pc_confirmed);
  add_test ("/taiou/gui/disconnect/this-pc-switched-off", test_this_pc_switched_off);
  add_test ("/taiou/gui/disconnect/this-pc-refused", test_this_pc_refused);
  add_test ("/taiou/gui/disconnect/this-pc-without-networkmanager",
            test_this_pc_without_networkmanager);
  add_test ("/taiou/gui/disconnect/resume-shows-record", test_resume_shows_record);
  return g_test_run ();
}
