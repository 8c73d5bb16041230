/* test-feeds-preferences.c — Preferences → Threat Data under Xvfb: 「脅威情報を更新」 downloads
 * from a local HTTPS server with progress, and cancelling a stalled download keeps the data
 * already there */
#define G_LOG_DOMAIN "test-feeds-preferences"

#include "config.h"

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
  status = g_test_run ();
  taiou_test_feeds_server_free (server);
  return status;
}
