/* test-checkpoint-preferences.c — Preferences' 「記録の署名」 page under Xvfb: no key is made by
 * looking, and once there is one its name and grouped fingerprint are shown and the public key
 * is copied */
#define G_LOG_DOMAIN "test-checkpoint-preferences"

#include "config.h"

#include "preferences/taiou-checkpoint-preferences-page.h"
#include "taiou-preferences-window.h"
#include "taiou-test-gui.h"
#include "taiou-test-util.h"

static TaiouPreferencesWindow *
open_preferences (GSettings *settings)
{
  TaiouPreferencesWindow *window = taiou_preferences_window_new (NULL, settings);

  GtkWidget *page;

  gtk_window_present (GTK_WINDOW (window));
  page = taiou_test_find_widget_type (GTK_WIDGET (window),
                                      TAIOU_TYPE_CHECKPOINT_PREFERENCES_PAGE);
  adw_preferences_window_set_visible_page (ADW_PREFERENCES_WINDOW (window),
                                           ADW_PREFERENCES_PAGE (page));
  taiou_test_wait_until_mapped (page);
  return window;
}

static gboolean
clipboard_read (gpointer data)
{
  return *(char **) data != NULL;
}

static void
clipboard_text_cb (GObject      *source,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  char **text = user_data;

  *text = gdk_clipboard_read_text_finish (GDK_CLIPBOARD (source), result, NULL);
  if (*text == NULL)
    *text = g_strdup ("");
}

static void
test_key_page (void)
{
  g_autoptr(GSettings) settings = g_settings_new (APP_ID);
  g_autofree char *path = taiou_checkpoint_key_get_default_path ();
  g_autoptr(TaiouCheckpointKey) key = NULL;
  g_autofree char *fingerprint = NULL;
  g_autofree char *public_key = NULL;
  g_autofree char *copied = NULL;
  TaiouPreferencesWindow *window;
  GtkWidget *name_row;
  GtkWidget *fingerprint_row;

  window = open_preferences (settings);
  name_row = taiou_test_find_row (GTK_WIDGET (window), "Key name");
  g_assert_cmpstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (name_row)), ==,
                   "None yet: a key is made with the first checkpoint.");
  g_assert_false (gtk_widget_get_visible (taiou_test_find_row (GTK_WIDGET (window),
                                                               "Fingerprint (SHA-256)")));
  g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));
  gtk_window_destroy (GTK_WINDOW (window));

  key = taiou_checkpoint_key_load_or_create (path, NULL);
  g_assert_nonnull (key);
  fingerprint = taiou_checkpoint_key_dup_fingerprint (key);
  public_key = taiou_checkpoint_key_dup_public_base64 (key);

  window = open_preferences (settings);
  name_row = taiou_test_find_row (GTK_WIDGET (window), "Key name");
  g_assert_cmpstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (name_row)), ==,
                   taiou_checkpoint_key_get_name (key));
  fingerprint_row = taiou_test_find_row (GTK_WIDGET (window), "Fingerprint (SHA-256)");
  g_assert_true (gtk_widget_get_visible (fingerprint_row));
  g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (taiou_test_find_css_class (fingerprint_row,
                                                                           "monospace"))),
                   ==, fingerprint);

  taiou_test_click (taiou_test_find_button (GTK_WIDGET (window), "checkpoint-key.copy"));
  gdk_clipboard_read_text_async (gtk_widget_get_clipboard (GTK_WIDGET (window)), NULL,
                                 clipboard_text_cb, &copied);
  taiou_test_wait_for (clipboard_read, &copied);
  g_assert_cmpstr (copied, ==, public_key);
  gtk_window_destroy (GTK_WINDOW (window));
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
      g_test_add_func ("/taiou/gui/checkpoint-preferences/skipped", test_skipped);
      return g_test_run ();
    }
  taiou_i18n_init ();

  g_test_add_func ("/taiou/gui/checkpoint-preferences/key-page", test_key_page);
  return g_test_run ();
}
