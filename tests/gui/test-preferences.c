/* test-preferences.c — Preferences under Xvfb: the trusted mail servers row shows, checks and
 * saves what the mail check believes, and "us" follows it */
#define G_LOG_DOMAIN "test-preferences"

#include "config.h"

#include "taiou-preferences-window.h"
#include "taiou-settings.h"
#include "taiou-test-gui.h"
#include "taiou-test-util.h"

typedef struct
{
  GSettings              *settings;
  TaiouPreferencesWindow *window;
} Fixture;

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  user_data)
{
  const char *saved[] = { "mx.ourcorp.co.jp", NULL };

  fixture->settings = g_settings_new (APP_ID);
  g_settings_set_strv (fixture->settings, "trusted-authserv-ids", saved);
  fixture->window = taiou_preferences_window_new (NULL, fixture->settings);
  gtk_window_present (GTK_WINDOW (fixture->window));
  taiou_test_wait_until_mapped (GTK_WIDGET (fixture->window));
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  user_data)
{
  gtk_window_destroy (GTK_WINDOW (fixture->window));
  g_settings_reset (fixture->settings, "trusted-authserv-ids");
  g_clear_object (&fixture->settings);
}

static void
apply (GtkWidget  *row,
       const char *text)
{
  gtk_editable_set_text (GTK_EDITABLE (row), text);
  g_signal_emit_by_name (row, "apply");
}

static void
test_trusted_servers_row (Fixture       *fixture,
                          gconstpointer  user_data)
{
  GtkWidget *row = taiou_test_find_row (GTK_WIDGET (fixture->window), "Trusted mail servers");
  g_autoptr(TaiouProfile) profile = taiou_profile_new ();
  g_auto(GStrv) saved = NULL;
  g_auto(GStrv) unchanged = NULL;

  /* What is saved is shown. */
  g_assert_true (gtk_widget_get_visible (row));
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (row)), ==, "mx.ourcorp.co.jp");

  /* "us" follows Preferences, as the app binds it. */
  taiou_settings_bind_profile (fixture->settings, profile, TRUE);
  g_assert_cmpstrv (taiou_profile_get_trusted_authserv_ids (profile),
                    ((const char * const[]) { "mx.ourcorp.co.jp", NULL }));

  /* Typed as people paste lists: saved in one form, shown back in it. */
  apply (row, "MX.OurCorp.co.jp、 mx2.ourcorp.co.jp");
  saved = g_settings_get_strv (fixture->settings, "trusted-authserv-ids");
  g_assert_cmpstrv (saved, ((const char * const[]) { "mx.ourcorp.co.jp", "mx2.ourcorp.co.jp",
                                                     NULL }));
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (row)), ==,
                   "mx.ourcorp.co.jp, mx2.ourcorp.co.jp");
  g_assert_false (gtk_widget_has_css_class (row, "error"));
  g_assert_cmpstrv (taiou_profile_get_trusted_authserv_ids (profile), saved);

  /* Not a server name: marked, and nothing is saved. */
  apply (row, "mx.ourcorp.co.jp; mx (2)");
  g_assert_true (gtk_widget_has_css_class (row, "error"));
  unchanged = g_settings_get_strv (fixture->settings, "trusted-authserv-ids");
  g_assert_cmpstrv (unchanged, saved);

  /* Emptied: nothing is trusted any more. */
  apply (row, "");
  g_assert_false (gtk_widget_has_css_class (row, "error"));
  g_assert_cmpstrv (taiou_profile_get_trusted_authserv_ids (profile),
                    ((const char * const[]) { NULL }));
}

static void
test_skipped (void)
{
  g_test_skip ("no display; see the message above");
}

#define ADD_TEST(path, func) \
  g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

int
main (int    argc,
      char **argv)
{
  if (!taiou_test_gui_init (&argc, &argv, FALSE))
    {
      g_test_add_func ("/taiou/gui/preferences/skipped", test_skipped);
      return g_test_run ();
    }
  taiou_i18n_init ();

  ADD_TEST ("/taiou/gui/preferences/trusted-servers-row", test_trusted_servers_row);
  return g_test_run ();
}
