/* test-feeds-preferences.c — Preferences → Threat Data under Xvfb: 「脅威情報を更新」 downloads
 * from a local HTTPS server with progress, and cancelling a stalled download keeps the data
 * already there */
#define G_LOG_DOMAIN "test-feeds-preferences"

#include "config.h"

#include "feeds/taiou-feeds-updater.h"
#include "preferences/taiou-feeds-preferences-page.h"
#include "taiou-preferences-window.h"
#include "taiou-test-feeds-server.h"
#include "taiou-test-gui.h"
#include "taiou-test-util.h"

static TaiouTestFeedsServer *server;

typedef struct
{
  GSettings              *settings;
  TaiouPreferencesWindow *window;
  GtkWidget              *update;
  GtkWidget              *cancel;
  GtkWidget              *progress;
  GtkWidget              *status;
  GtkWidget              *updater;
} Fixture;

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  user_data)
{
  GtkWidget *page;

  fixture->settings = g_settings_new (APP_ID);
  fixture->window = taiou_preferences_window_new (NULL, fixture->settings);
  gtk_window_present (GTK_WINDOW (fixture->window));
  taiou_test_wait_until_mapped (GTK_WIDGET (fixture->window));
  page = taiou_test_find_widget_type (GTK_WIDGET (fixture->window),
                                      TAIOU_TYPE_FEEDS_PREFERENCES_PAGE);
  g_assert_nonnull (page);
  adw_preferences_window_set_visible_page (ADW_PREFERENCES_WINDOW (fixture->window),
                                           ADW_PREFERENCES_PAGE (page));
  fixture->update = taiou_test_find_named (page, "feeds-update");
  fixture->cancel = taiou_test_find_named (page, "feeds-cancel");
  fixture->progress = taiou_test_find_named (page, "feeds-progress");
  fixture->status = taiou_test_find_named (page, "feeds-status");
  fixture->updater = taiou_test_find_widget_type (page, TAIOU_TYPE_FEEDS_UPDATER);
  taiou_test_wait_until_mapped (fixture->update);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  user_data)
{
  gtk_window_destroy (GTK_WINDOW (fixture->window));
  g_clear_object (&fixture->settings);
}

static gboolean
is_idle (gpointer data)
{
  Fixture *fixture = data;

  return gtk_widget_is_sensitive (fixture->update) && !gtk_widget_get_visible (fixture->cancel);
}

static gboolean
is_downloading (gpointer data)
{
  Fixture *fixture = data;

  return gtk_widget_get_visible (fixture->progress) &&
         g_str_has_prefix (gtk_progress_bar_get_text (GTK_PROGRESS_BAR (fixture->progress)),
                           "Downloading Feodo Tracker");
}

static const char *
status_text (Fixture *fixture)
{
  return gtk_label_get_text (GTK_LABEL (fixture->status));
}

static void
test_update_and_cancel (Fixture       *fixture,
                        gconstpointer  user_data)
{
  /* Nothing downloaded yet: every source says so. */
  g_assert_nonnull (strstr (status_text (fixture), "Feodo Tracker: not downloaded yet"));

  taiou_test_feeds_server_serve_good (server);
  taiou_test_click (fixture->update);
  g_assert_false (gtk_widget_is_sensitive (fixture->update));
  g_assert_true (gtk_widget_get_visible (fixture->progress));
  taiou_test_wait_for (is_idle, fixture);
  g_assert_nonnull (strstr (status_text (fixture), "Feodo Tracker: updated (2 entries)"));
  g_assert_nonnull (strstr (status_text (fixture), "URLhaus: updated (3 entries)"));
  g_assert_nonnull (strstr (status_text (fixture), "MalwareBazaar: skipped"));
  g_assert_false (gtk_widget_get_visible (fixture->progress));

  /* A server that stops answering: the worker cancels, and the lists stay as they were. */
  taiou_test_feeds_server_set (server, "feodo-ipblocklist.json", TAIOU_TEST_FEED_STALL, 200,
                               "application/json", "", NULL);
  taiou_test_click (fixture->update);
  taiou_test_wait_for (is_downloading, fixture);
  taiou_test_click (fixture->cancel);
  taiou_test_wait_for (is_idle, fixture);
  g_assert_nonnull (strstr (status_text (fixture), "Cancelled"));
  g_assert_nonnull (strstr (status_text (fixture), "2 entries"));
}

static gboolean
iocs_loaded (gpointer data)
{
  return taiou_case_get_iocs (data) != NULL;
}

/* With a case and an incident at hand (the app's), the update is recorded and the case's IOC
 * set is loaded again with the new lists. */
static void
test_update_records_and_reloads (Fixture       *fixture,
                                 gconstpointer  user_data)
{
  g_autoptr(TaiouTimeline) timeline = taiou_test_timeline_new (NULL);
  g_autoptr(TaiouCase) the_case = taiou_test_case_with_incident (timeline);
  g_autoptr(TaiouFeeds) feeds = taiou_feeds_new (NULL);
  g_autoptr(GPtrArray) events = NULL;
  g_autoptr(GError) error = NULL;
  TaiouIocMatch match;
  guint n_updates = 0;

  taiou_case_set_ioc_sources (the_case, FALSE, NULL);
  taiou_case_set_feeds (the_case, feeds);
  g_assert_nonnull (taiou_case_load_iocs (the_case, NULL, &error));
  taiou_feeds_updater_set_case (TAIOU_FEEDS_UPDATER (fixture->updater), the_case);

  taiou_test_feeds_server_serve_good (server);
  taiou_test_click (fixture->update);
  taiou_test_wait_for (is_idle, fixture);
  taiou_test_wait_for (iocs_loaded, the_case);
  g_assert_true (taiou_ioc_set_lookup_ip (taiou_case_get_iocs (the_case), "192.0.2.10",
                                          &match));

  events = taiou_timeline_list_events (timeline,
                                       taiou_incident_get_id (taiou_case_get_incident (the_case)),
                                       &error);
  g_assert_no_error (error);
  for (guint i = 0; i < events->len; i++)
    n_updates += g_strcmp0 (taiou_event_get_kind (events->pdata[i]),
                            TAIOU_EVENT_FEEDS_UPDATED) == 0;
  g_assert_cmpuint (n_updates, ==, 1);
}

static void
test_skipped (void)
{
  g_test_skip ("no display; see the message above");
}

int
main (int    argc,
      char **argv)
{
  int status;

  if (!taiou_test_gui_init (&argc, &argv, FALSE))
    {
      g_test_add_func ("/taiou/gui/feeds-preferences/skipped", test_skipped);
      return g_test_run ();
    }
  taiou_i18n_init ();
  server = taiou_test_feeds_server_new ();
  g_setenv ("TAIOU_FEEDS_BASE_URL", taiou_test_feeds_server_get_base_url (server), TRUE);
  g_setenv ("TAIOU_FEEDS_CA_FILE", taiou_test_feeds_server_get_ca_file (server), TRUE);
  /* No keyring here: the lookup fails at once, and MalwareBazaar is skipped. */
  g_setenv ("DBUS_SESSION_BUS_ADDRESS", "unix:path=/nonexistent/taiou-test-bus", TRUE);

  g_test_add ("/taiou/gui/feeds-preferences/update-and-cancel", Fixture, NULL, fixture_set_up,
              test_update_and_cancel, fixture_tear_down);
  g_test_add ("/taiou/gui/feeds-preferences/records-and-reloads", Fixture, NULL, fixture_set_up,
              test_update_records_and_reloads, fixture_tear_down);
  status = g_test_run ();
  taiou_test_feeds_server_free (server);
  return status;
}
