/* test-yara-preferences.c — Preferences' YARA page under Xvfb: it lists the IT manager's rule
 * files, says how many rules are ready, refuses a file with a mistake (naming its line), and
 * removing a file saves the list */
#define G_LOG_DOMAIN "test-yara-preferences"

#include "config.h"

#include <string.h>

#include "preferences/taiou-yara-preferences-page.h"
#include "taiou-preferences-window.h"
#include "taiou-settings.h"
#include "taiou-test-gui.h"
#include "taiou-test-util.h"

typedef struct
{
  GSettings              *settings;
  TaiouPreferencesWindow *window;
  GtkWidget              *page;
  char                   *good;
  char                   *bad;
} Fixture;

static char *
write_rules (const char *name,
             const char *text)
{
  char *path = g_build_filename (g_get_user_data_dir (), name, NULL);

  g_assert_cmpint (g_mkdir_with_parents (g_get_user_data_dir (), 0700), ==, 0);
  g_assert_true (g_file_set_contents (path, text, -1, NULL));
  return path;
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  user_data)
{
  fixture->good = write_rules ("vendor.yar", "rule VendorOne { condition: false }\n"
                                             "rule VendorTwo { condition: false }\n");
  fixture->bad = write_rules ("typo.yar", "rule Typo {\n  condition: nothing_here\n}\n");
  fixture->settings = g_settings_new (APP_ID);
  g_settings_set_strv (fixture->settings, TAIOU_SETTINGS_YARA_RULE_PATHS,
                       (const char * const[]) { fixture->good, NULL });
  fixture->window = taiou_preferences_window_new (NULL, fixture->settings);
  adw_preferences_window_set_visible_page_name (ADW_PREFERENCES_WINDOW (fixture->window), "yara");
  gtk_window_present (GTK_WINDOW (fixture->window));
  taiou_test_wait_until_mapped (GTK_WIDGET (fixture->window));
  fixture->page = taiou_test_find_widget_type (GTK_WIDGET (fixture->window),
                                               TAIOU_TYPE_YARA_PREFERENCES_PAGE);
  g_assert_nonnull (fixture->page);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  user_data)
{
  gtk_window_destroy (GTK_WINDOW (fixture->window));
  g_settings_reset (fixture->settings, TAIOU_SETTINGS_YARA_RULE_PATHS);
  g_clear_object (&fixture->settings);
  g_free (fixture->good);
  g_free (fixture->bad);
}

static void
test_lists_and_counts (Fixture       *fixture,
                       gconstpointer  user_data)
{
  GtkWidget *file_row = taiou_test_find_row (fixture->page, "vendor.yar");
  GtkWidget *status = taiou_test_find_row (fixture->page, "Rules ready");
  g_autofree char *bundled = g_strdup_printf ("%u rules", 2 + 8);

  g_assert_nonnull (file_row);
  g_assert_cmpstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (file_row)), ==, fixture->good);
  g_assert_nonnull (status);
  /* The bundled rules and the vendor's two. */
  g_assert_true (g_str_has_prefix (adw_action_row_get_subtitle (ADW_ACTION_ROW (status)),
                                   bundled));
  g_assert_false (gtk_widget_has_css_class (status, "error"));
}

static void
test_refuses_a_mistake (Fixture       *fixture,
                        gconstpointer  user_data)
{
  TaiouYaraPreferencesPage *page = TAIOU_YARA_PREFERENCES_PAGE (fixture->page);
  g_auto(GStrv) saved = NULL;
  GtkWidget *status;

  g_assert_false (taiou_yara_preferences_page_add_path (page, fixture->bad));
  status = taiou_test_find_row (fixture->page, "A rule file has a mistake");
  g_assert_nonnull (status);
  g_assert_true (gtk_widget_has_css_class (status, "error"));
  /* The file and the line, for the IT manager to fix. */
  g_assert_nonnull (strstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (status)), "typo.yar:2:"));
  saved = g_settings_get_strv (fixture->settings, TAIOU_SETTINGS_YARA_RULE_PATHS);
  g_assert_cmpstrv (saved, ((const char * const[]) { fixture->good, NULL }));
}

static void
test_remove_saves (Fixture       *fixture,
                   gconstpointer  user_data)
{
  g_auto(GStrv) saved = NULL;

  gtk_widget_activate_action (fixture->page, "yara-preferences.remove", "s", fixture->good);
  saved = g_settings_get_strv (fixture->settings, TAIOU_SETTINGS_YARA_RULE_PATHS);
  g_assert_cmpstrv (saved, ((const char * const[]) { NULL }));
  g_assert_true (gtk_widget_get_visible (taiou_test_find_row (fixture->page,
                                                              "No rule files added")));

  /* Added back: compiled first, then saved, and listed. */
  g_assert_true (taiou_yara_preferences_page_add_path (
    TAIOU_YARA_PREFERENCES_PAGE (fixture->page), fixture->good));
  g_clear_pointer (&saved, g_strfreev);
  saved = g_settings_get_strv (fixture->settings, TAIOU_SETTINGS_YARA_RULE_PATHS);
  g_assert_cmpstrv (saved, ((const char * const[]) { fixture->good, NULL }));
  g_assert_nonnull (taiou_test_find_row (fixture->page, "vendor.yar"));
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
      g_test_add_func ("/taiou/gui/yara-preferences/skipped", test_skipped);
      return g_test_run ();
    }
  taiou_i18n_init ();

  ADD_TEST ("/taiou/gui/yara-preferences/lists-and-counts", test_lists_and_counts);
  ADD_TEST ("/taiou/gui/yara-preferences/refuses-a-mistake", test_refuses_a_mistake);
  ADD_TEST ("/taiou/gui/yara-preferences/remove-saves", test_remove_saves);
  return g_test_run ();
}
