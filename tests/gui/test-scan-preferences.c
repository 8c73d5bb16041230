/* test-scan-preferences.c — Preferences under Xvfb: the scan exclusions page saves only valid
 * patterns, says what is wrong with the others, removes them, and the scan page reads them */
#define G_LOG_DOMAIN "test-scan-preferences"

#include "config.h"

#include "preferences/taiou-scan-preferences-page.h"
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
  fixture->settings = g_settings_new (APP_ID);
  fixture->window = taiou_preferences_window_new (NULL, fixture->settings);
  gtk_window_present (GTK_WINDOW (fixture->window));
  taiou_test_wait_until_mapped (GTK_WIDGET (fixture->window));
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  user_data)
{
  gtk_window_destroy (GTK_WINDOW (fixture->window));
  g_settings_reset (fixture->settings, TAIOU_SETTINGS_SCAN_EXCLUSIONS);
  g_clear_object (&fixture->settings);
}

static void
apply (GtkWidget  *row,
       const char *text)
{
  gtk_editable_set_text (GTK_EDITABLE (row), text);
  g_signal_emit_by_name (row, "apply");
}

/* The row titled @title below @root, or NULL (taiou_test_find_row() fails when there is none). */
static GtkWidget *
find_pattern_row (GtkWidget  *root,
                  const char *title)
{
  if (ADW_IS_ACTION_ROW (root) &&
      g_strcmp0 (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (root)), title) == 0)
    return root;
  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_pattern_row (child, title);

      if (found != NULL)
        return found;
    }
  return NULL;
}

typedef struct
{
  GtkWidget  *page;
  const char *title;
  gboolean    present;
} RowWait;

static gboolean
row_is_as_expected (gpointer data)
{
  RowWait *wait = data;

  return (find_pattern_row (wait->page, wait->title) != NULL) == wait->present;
}

static void
test_exclusions_page (Fixture       *fixture,
                      gconstpointer  user_data)
{
  GtkWidget *page = taiou_test_find_widget_type (GTK_WIDGET (fixture->window),
                                                 TAIOU_TYPE_SCAN_PREFERENCES_PAGE);
  GtkWidget *add = taiou_test_find_row (GTK_WIDGET (fixture->window), "Add a pattern");
  GtkWidget *shown;
  GtkWidget *remove;
  g_auto(GStrv) saved = NULL;
  g_auto(GStrv) unchanged = NULL;
  g_auto(GStrv) after_remove = NULL;
  g_autoptr(TaiouScanExclusions) loaded = NULL;

  /* Its own page, beside the organisation's. */
  g_assert_nonnull (page);
  adw_preferences_window_set_visible_page (ADW_PREFERENCES_WINDOW (fixture->window),
                                           ADW_PREFERENCES_PAGE (page));
  taiou_test_wait_until_mapped (page);
  g_assert_nonnull (add);
  apply (add, "*.vhdx");
  apply (add, " re:\\.iso$ ");
  saved = g_settings_get_strv (fixture->settings, TAIOU_SETTINGS_SCAN_EXCLUSIONS);
  g_assert_cmpstrv (saved, ((const char * const[]) { "*.vhdx", "re:\\.iso$", NULL }));
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (add)), ==, "");
  g_assert_false (gtk_widget_has_css_class (add, "error"));

  /* The scan page and the CLI read the same list. */
  loaded = taiou_scan_preferences_load_exclusions (FALSE);
  g_assert_cmpuint (taiou_scan_exclusions_get_count (loaded), ==, 2);
  g_assert_true (taiou_scan_exclusions_match (loaded, "/vm/disk.vhdx"));

  /* Not a regular expression: marked, explained, and nothing is saved. */
  apply (add, "re:([a-");
  g_assert_true (gtk_widget_has_css_class (add, "error"));
  g_assert_nonnull (taiou_test_find_css_class (GTK_WIDGET (fixture->window), "error"));
  unchanged = g_settings_get_strv (fixture->settings, TAIOU_SETTINGS_SCAN_EXCLUSIONS);
  g_assert_cmpstrv (unchanged, saved);

  /* Each saved pattern has a row with a button that removes it. */
  /* The list follows the setting when the main loop delivers its change. */
  taiou_test_wait_for (row_is_as_expected, &(RowWait) { page, "*.vhdx", TRUE });
  shown = find_pattern_row (page, "*.vhdx");
  g_assert_nonnull (shown);
  remove = taiou_test_find_widget_type (shown, GTK_TYPE_BUTTON);
  g_assert_nonnull (remove);
  taiou_test_wait_until_mapped (remove);
  taiou_test_click (remove);
  after_remove = g_settings_get_strv (fixture->settings, TAIOU_SETTINGS_SCAN_EXCLUSIONS);
  g_assert_cmpstrv (after_remove, ((const char * const[]) { "re:\\.iso$", NULL }));
  taiou_test_wait_for (row_is_as_expected, &(RowWait) { page, "*.vhdx", FALSE });
  g_assert_nonnull (find_pattern_row (page, "re:\\.iso$"));
}

static void
test_describe_scope (void)
{
  g_autoptr(GString) summary = g_string_new ("Checked.");
  TaiouScanResult result = { 0 };

  result.n_excluded = 3;
  result.hostname = (char *) "KEIRI-PC07";
  taiou_scan_preferences_describe_scope (summary, &result);
  g_assert_cmpstr (summary->str, ==, "Checked. 3 files or folders were left out, as set in "
                                     "Preferences. The disk belongs to the computer "
                                     "“KEIRI-PC07”.");
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
      g_test_add_func ("/taiou/gui/scan-preferences/skipped", test_skipped);
      return g_test_run ();
    }
  taiou_i18n_init ();

  ADD_TEST ("/taiou/gui/scan-preferences/exclusions-page", test_exclusions_page);
  g_test_add_func ("/taiou/gui/scan-preferences/describe-scope", test_describe_scope);
  return g_test_run ();
}
