/* test-forward-preferences.c — Preferences' forwarding page under Xvfb: it shows and saves the
 * keys the forwarder reads, refuses a host that cannot work, and the app's binding follows it */
#define G_LOG_DOMAIN "test-preferences"

#include "config.h"

#include "preferences/taiou-forward-preferences-page.h"
#include "taiou-forward-settings.h"
#include "taiou-preferences-window.h"
#include "taiou-test-gui.h"
#include "taiou-test-util.h"

static const char *keys[] = {
  TAIOU_SETTINGS_FORWARD_ENABLED, TAIOU_SETTINGS_FORWARD_HOST, TAIOU_SETTINGS_FORWARD_PORT,
  TAIOU_SETTINGS_FORWARD_TLS, TAIOU_SETTINGS_FORWARD_CA_FILE,
};

static void
test_page_saves_and_refuses (void)
{
  g_autoptr(GSettings) settings = g_settings_new (APP_ID);
  g_autoptr(TaiouForwardDestination) destination = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *host = NULL;
  TaiouPreferencesWindow *window;
  GtkWidget *page;
  GtkWidget *host_row;
  GtkWidget *tls_row;
  GtkWidget *ca_row;

  g_settings_set_string (settings, TAIOU_SETTINGS_FORWARD_CA_FILE, "/etc/taiou/siem-ca.pem");
  window = taiou_preferences_window_new (NULL, settings);
  gtk_window_present (GTK_WINDOW (window));
  taiou_test_wait_until_mapped (GTK_WIDGET (window));

  page = taiou_test_find_widget_type (GTK_WIDGET (window), TAIOU_TYPE_FORWARD_PREFERENCES_PAGE);
  g_assert_nonnull (page);
  host_row = taiou_test_find_row (page, "Server (host name or address)");
  tls_row = taiou_test_find_row (page, "Encrypt (TLS)");
  ca_row = taiou_test_find_row (page, "Certificate authority");
  g_assert_cmpstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (ca_row)), ==,
                   "/etc/taiou/siem-ca.pem");

  /* A host that cannot work is marked and not saved. */
  gtk_editable_set_text (GTK_EDITABLE (host_row), "siem example");
  g_signal_emit_by_name (host_row, "apply");
  g_assert_true (gtk_widget_has_css_class (host_row, "error"));
  host = g_settings_get_string (settings, TAIOU_SETTINGS_FORWARD_HOST);
  g_assert_cmpstr (host, ==, "");
  g_clear_pointer (&host, g_free);

  gtk_editable_set_text (GTK_EDITABLE (host_row), " siem.example.co.jp ");
  g_signal_emit_by_name (host_row, "apply");
  g_assert_false (gtk_widget_has_css_class (host_row, "error"));
  host = g_settings_get_string (settings, TAIOU_SETTINGS_FORWARD_HOST);
  g_assert_cmpstr (host, ==, "siem.example.co.jp");

  /* TLS is on by default; turning it off greys out the CA row. */
  g_assert_true (g_settings_get_boolean (settings, TAIOU_SETTINGS_FORWARD_TLS));
  g_assert_true (gtk_widget_get_sensitive (ca_row));
  gtk_switch_set_active (GTK_SWITCH (taiou_test_find_widget_type (tls_row, GTK_TYPE_SWITCH)),
                         FALSE);
  g_assert_false (g_settings_get_boolean (settings, TAIOU_SETTINGS_FORWARD_TLS));
  g_assert_false (gtk_widget_get_sensitive (ca_row));

  /* The clear button goes back to the system's authorities. */
  gtk_widget_activate_action (page, "forward.clear-ca", NULL);
  g_assert_cmpstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (ca_row)), ==,
                   "The authorities this computer trusts");

  /* What the forwarder reads from Preferences. */
  destination = taiou_forward_settings_dup_destination (settings, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (destination->host, ==, "siem.example.co.jp");
  g_assert_cmpuint (destination->port, ==, 6514);
  g_assert_false (destination->tls);
  g_assert_null (destination->ca_file);

  gtk_window_destroy (GTK_WINDOW (window));
  for (guint i = 0; i < G_N_ELEMENTS (keys); i++)
    g_settings_reset (settings, keys[i]);
}

/* The app's runner follows the enabled switch: off sends nothing, on starts at once (here
 * against a closed port, so it fails and schedules a retry). */
static void
test_runner_follows_preferences (void)
{
  g_autoptr(GSettings) settings = g_settings_new (APP_ID);
  g_autoptr(TaiouTimeline) timeline = taiou_test_timeline_new (NULL);
  g_autoptr(TaiouIncident) incident = taiou_test_add_incident (timeline, "runner", 1);
  g_autoptr(TaiouForwardRunner) runner = taiou_forward_runner_new (timeline);
  AdwPreferencesPage *page;
  GtkWidget *status_row;
  gint64 deadline;

  g_settings_set_string (settings, TAIOU_SETTINGS_FORWARD_HOST, "127.0.0.1");
  g_settings_set_int (settings, TAIOU_SETTINGS_FORWARD_PORT, 1); /* nothing listens there */
  taiou_forward_settings_bind_runner (settings, runner);
  for (guint i = 0; i < 20; i++)
    g_main_context_iteration (NULL, FALSE);
  g_assert_null (taiou_forward_runner_get_last_error (runner));

  g_settings_set_boolean (settings, TAIOU_SETTINGS_FORWARD_ENABLED, TRUE);
  deadline = g_get_monotonic_time () + 20 * G_USEC_PER_SEC;
  while (taiou_forward_runner_get_last_error (runner) == NULL &&
         g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, TRUE);
  g_assert_nonnull (taiou_forward_runner_get_last_error (runner));
  g_assert_cmpuint (taiou_forward_runner_get_retry_s (runner), ==, 2);

  /* The page says so, in its status row. */
  page = g_object_ref_sink (taiou_forward_preferences_page_new (settings));
  status_row = taiou_test_find_row (GTK_WIDGET (page), "Status");
  g_assert_false (gtk_widget_get_visible (status_row));  /* no app here */
  taiou_forward_preferences_page_set_runner (TAIOU_FORWARD_PREFERENCES_PAGE (page), runner);
  g_assert_true (gtk_widget_get_visible (status_row));
  g_assert_true (gtk_widget_has_css_class (status_row, "error"));
  g_assert_nonnull (strstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (status_row)),
                            "Could not reach the syslog collector 127.0.0.1:1"));
  g_assert_nonnull (strstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (status_row)),
                            "next try in 2 s"));

  /* Off again: the error is cleared and nothing more is tried. */
  g_settings_set_boolean (settings, TAIOU_SETTINGS_FORWARD_ENABLED, FALSE);
  g_assert_null (taiou_forward_runner_get_last_error (runner));
  g_assert_cmpstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (status_row)), ==, "Off");
  g_assert_false (gtk_widget_has_css_class (status_row, "error"));
  g_object_unref (page);
  taiou_forward_runner_stop (runner);
  for (guint i = 0; i < G_N_ELEMENTS (keys); i++)
    g_settings_reset (settings, keys[i]);
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
  if (!taiou_test_gui_init (&argc, &argv, FALSE))
    {
      g_test_add_func ("/taiou/gui/forward-preferences/skipped", test_skipped);
      return g_test_run ();
    }
  taiou_i18n_init ();

  g_test_add_func ("/taiou/gui/forward-preferences/page-saves-and-refuses",
                   test_page_saves_and_refuses);
  g_test_add_func ("/taiou/gui/forward-preferences/runner-follows-preferences",
                   test_runner_follows_preferences);
  return g_test_run ();
}
