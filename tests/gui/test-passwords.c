/* test-passwords.c — the passwords step with real widgets under Xvfb: the gate, the checklist's
 * events and resuming, the generator and meter, the clipboard, and no password left behind in
 * the database or the settings */
#define G_LOG_DOMAIN "test-passwords"
#define _GNU_SOURCE /* memmem(): the database is binary, with NUL bytes */

#include "config.h"

#include <string.h>

/* For g_settings_backend_get_default(): which backend the settings really use. */
#define G_SETTINGS_ENABLE_BACKEND
#include <gio/gsettingsbackend.h>

#include "taiou-settings.h"
#include "taiou-test-gui.h"
#include "taiou-test-util.h"
#include "wizard/pages/passwords/taiou-password-generator-view.h"
#include "wizard/pages/passwords/taiou-passwords-page.h"
#include "wizard/taiou-wizard.h"

typedef struct
{
  char          *db_path;
  TaiouTimeline *timeline;
  TaiouCase     *case_at_hand;
  TaiouIncident *incident;
  GtkWidget     *window;
  TaiouWizard   *wizard;
  GtkWidget     *page;
} Fixture;

static GtkWidget *
open_wizard (Fixture *fixture)
{
  GtkWidget *window = gtk_window_new ();
  TaiouWizard *wizard = taiou_wizard_new ();

  taiou_wizard_set_case (wizard, fixture->case_at_hand);
  gtk_window_set_default_size (GTK_WINDOW (window), 900, 900);
  gtk_window_set_child (GTK_WINDOW (window), GTK_WIDGET (wizard));
  gtk_window_present (GTK_WINDOW (window));
  taiou_test_wait_until_mapped (window);
  /* Resumed at the passwords step, as after a restart. */
  taiou_wizard_begin (wizard, fixture->incident);
  taiou_test_wait_until_mapped (GTK_WIDGET (taiou_wizard_get_current_page (wizard)));
  return window;
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  user_data)
{
  g_autoptr(TaiouIncident) created = NULL;
  g_autoptr(GError) error = NULL;

  fixture->timeline = taiou_test_timeline_new (&fixture->db_path);
  fixture->case_at_hand = taiou_case_new (fixture->timeline, NULL);
  created = taiou_test_add_incident (fixture->timeline, "passwords", 0);
  taiou_timeline_set_incident_step (fixture->timeline, taiou_incident_get_id (created),
                                    "passwords", NULL, NULL, &error);
  g_assert_no_error (error);
  fixture->incident = taiou_timeline_get_incident (fixture->timeline,
                                                   taiou_incident_get_id (created), &error);
  g_assert_no_error (error);

  fixture->window = open_wizard (fixture);
  fixture->wizard = TAIOU_WIZARD (gtk_window_get_child (GTK_WINDOW (fixture->window)));
  fixture->page = GTK_WIDGET (taiou_wizard_get_current_page (fixture->wizard));
  g_assert_true (TAIOU_IS_PASSWORDS_PAGE (fixture->page));
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  user_data)
{
  g_object_ref (fixture->wizard);
  taiou_wizard_begin (fixture->wizard, NULL);
  gtk_window_destroy (GTK_WINDOW (fixture->window));
  g_assert_finalize_object (fixture->wizard);
  g_clear_object (&fixture->incident);
  g_assert_finalize_object (fixture->case_at_hand);
  g_assert_finalize_object (fixture->timeline);
  g_free (fixture->db_path);
}

/* Presses "Changed" or "Not applicable" on the row titled @title, as a user does. */
static void
press (Fixture    *fixture,
       const char *title,
       const char *button_name)
{
  GtkWidget *row = taiou_test_find_row (fixture->page, title);
  GtkWidget *button = taiou_test_find_named (row, button_name);

  g_assert_nonnull (button);
  taiou_test_click (button);
}

static gboolean
is_pressed (Fixture    *fixture,
            GtkWidget  *page,
            const char *title,
            const char *button_name)
{
  GtkWidget *button = taiou_test_find_named (taiou_test_find_row (page, title), button_name);

  return gtk_toggle_button_get_active (GTK_TOGGLE_BUTTON (button));
}

static const char *
visible_view (Fixture *fixture)
{
  GtkWidget *stack = taiou_test_find_widget_type (fixture->page, GTK_TYPE_STACK);

  return gtk_stack_get_visible_child_name (GTK_STACK (stack));
}

static gboolean
next_is_sensitive (Fixture *fixture)
{
  return gtk_widget_is_sensitive (taiou_test_find_button (fixture->window, "wizard.next"));
}

static GPtrArray *
list_events (Fixture *fixture)
{
  g_autoptr(GError) error = NULL;
  GPtrArray *events = taiou_timeline_list_events (fixture->timeline,
                                                  taiou_incident_get_id (fixture->incident),
                                                  &error);

  g_assert_no_error (error);
  return events;
}

static void
acknowledge (Fixture *fixture)
{
  taiou_test_click (taiou_test_find_button (fixture->page, "passwords-page.acknowledge"));
}

/* The gate comes first: nothing else is shown, "Next" is off, and passing it is recorded. */
static void
test_gate (Fixture       *fixture,
           gconstpointer  user_data)
{
  g_autoptr(GPtrArray) before = list_events (fixture);
  g_autoptr(GPtrArray) after = NULL;
  TaiouEvent *event;

  g_assert_cmpstr (visible_view (fixture), ==, "gate");
  g_assert_false (next_is_sensitive (fixture));
  g_assert_true (gtk_widget_get_mapped (taiou_test_find_button (fixture->page,
                                                                "passwords-page.acknowledge")));

  acknowledge (fixture);
  g_assert_cmpstr (visible_view (fixture), ==, "work");
  g_assert_false (next_is_sensitive (fixture)); /* nothing marked yet */
  g_assert_true (taiou_wizard_page_get_skippable (TAIOU_WIZARD_PAGE (fixture->page)));

  after = list_events (fixture);
  g_assert_cmpuint (after->len, ==, before->len + 1);
  event = after->pdata[after->len - 1];
  g_assert_cmpstr (taiou_event_get_kind (event), ==, TAIOU_EVENT_PASSWORDS_ACKNOWLEDGED);
  g_assert_cmpstr (taiou_event_get_detail (event), ==,
                   "{\"guidance\":\"passwords.after-removal\"}");
  g_assert_cmpstr (taiou_event_get_actor (event), ==, "山田 太郎");
}

static const char * const other_items[] = {
  "Passwords saved in the mail program", "Passwords saved in web browsers",
  "The Windows or domain login", "Cloud services",
};

/* Each mark is one event, in order, with the time; a new wizard reads them back. */
static void
test_checklist_events_in_order (Fixture       *fixture,
                                gconstpointer  user_data)
{
  g_autoptr(GPtrArray) before = list_events (fixture);
  g_autoptr(GPtrArray) events = NULL;
  g_autoptr(TaiouTimelineVerification) verification = NULL;
  g_autoptr(GError) error = NULL;
  const char *expected[][2] = {
    { "passwords.acknowledged", "{\"guidance\":\"passwords.after-removal\"}" },
    { "passwords.item", "{\"item\":\"mail\",\"label\":\"Mail accounts\",\"state\":\"done\"}" },
    { "passwords.item", "{\"item\":\"vpn\",\"label\":\"VPN\",\"state\":\"not-applicable\"}" },
    { "passwords.item", "{\"item\":\"banking\",\"label\":\"Online banking\",\"state\":\"done\"}" },
    { "passwords.item", "{\"item\":\"banking\",\"label\":\"Online banking\",\"state\":\"open\"}" },
    { "passwords.item-added",
      "{\"item\":\"custom-1\",\"label\":\"仕入先の発注サイト\",\"state\":\"open\"}" },
    { "passwords.item",
      "{\"item\":\"custom-1\",\"label\":\"仕入先の発注サイト\",\"state\":\"done\"}" },
  };
  GtkWidget *add_row;
  GtkWidget *second_window;
  TaiouWizard *second_wizard;
  GtkWidget *second_page;

  acknowledge (fixture);
  press (fixture, "Mail accounts", "done-button");
  press (fixture, "VPN", "not-applicable-button");
  press (fixture, "Online banking", "done-button");
  press (fixture, "Online banking", "done-button"); /* pressed again: open again */
  g_assert_false (is_pressed (fixture, fixture->page, "Online banking", "done-button"));

  /* A bad name is refused with a reason and writes nothing; a good one is added. */
  add_row = taiou_test_find_row (fixture->page, "Add something else (a shop, a supplier’s site…)");
  gtk_editable_set_text (GTK_EDITABLE (add_row), "   ");
  g_signal_emit_by_name (add_row, "apply");
  g_assert_true (gtk_widget_has_css_class (add_row, "error"));
  gtk_editable_set_text (GTK_EDITABLE (add_row), " 仕入先の発注サイト ");
  g_signal_emit_by_name (add_row, "apply");
  g_assert_false (gtk_widget_has_css_class (add_row, "error"));
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (add_row)), ==, "");
  press (fixture, "仕入先の発注サイト", "done-button");

  events = list_events (fixture);
  g_assert_cmpuint (events->len, ==, before->len + G_N_ELEMENTS (expected));
  for (guint i = 0; i < G_N_ELEMENTS (expected); i++)
    {
      TaiouEvent *event = events->pdata[before->len + i];

      g_assert_cmpstr (taiou_event_get_kind (event), ==, expected[i][0]);
      g_assert_cmpstr (taiou_event_get_detail (event), ==, expected[i][1]);
      g_assert_cmpstr (taiou_event_get_actor (event), ==, "山田 太郎");
    }
  g_assert_cmpstr (taiou_event_get_summary (events->pdata[before->len + 1]), ==,
                   "Password changed: Mail accounts");
  g_assert_cmpstr (taiou_event_get_summary (events->pdata[before->len + 2]), ==,
                   "Password change not applicable: VPN");

  /* Another wizard on the same record — a restart — shows the same marks. */
  second_window = open_wizard (fixture);
  second_wizard = TAIOU_WIZARD (gtk_window_get_child (GTK_WINDOW (second_window)));
  second_page = GTK_WIDGET (taiou_wizard_get_current_page (second_wizard));
  g_assert_true (TAIOU_IS_PASSWORDS_PAGE (second_page));
  g_assert_cmpstr (gtk_stack_get_visible_child_name (
                     GTK_STACK (taiou_test_find_widget_type (second_page, GTK_TYPE_STACK))),
                   ==, "work");
  g_assert_true (is_pressed (fixture, second_page, "Mail accounts", "done-button"));
  g_assert_true (is_pressed (fixture, second_page, "VPN", "not-applicable-button"));
  g_assert_false (is_pressed (fixture, second_page, "VPN", "done-button"));
  g_assert_false (is_pressed (fixture, second_page, "Online banking", "done-button"));
  g_assert_true (is_pressed (fixture, second_page, "仕入先の発注サイト", "done-button"));
  g_assert_false (taiou_wizard_page_get_complete (TAIOU_WIZARD_PAGE (second_page)));
  taiou_wizard_begin (second_wizard, NULL);
  gtk_window_destroy (GTK_WINDOW (second_window));
  taiou_wizard_begin (fixture->wizard, fixture->incident);

  /* Everything dealt with: the step is complete, and "Next" records it. */
  for (gsize i = 0; i < G_N_ELEMENTS (other_items); i++)
    press (fixture, other_items[i], "not-applicable-button");
  g_assert_false (next_is_sensitive (fixture));
  press (fixture, "Online banking", "done-button");
  g_assert_true (next_is_sensitive (fixture));

  verification = taiou_timeline_verify (fixture->timeline, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (verification->intact);
}

static TaiouPasswordGeneratorView *
generator (Fixture *fixture)
{
  return TAIOU_PASSWORD_GENERATOR_VIEW (
    taiou_test_find_widget_type (fixture->page, TAIOU_TYPE_PASSWORD_GENERATOR_VIEW));
}

static GtkEditable *
password_entry (Fixture *fixture)
{
  return GTK_EDITABLE (taiou_test_find_widget_type (fixture->page, GTK_TYPE_PASSWORD_ENTRY));
}

typedef struct
{
  gboolean  done;
  char     *text;
} ClipboardRead;

static void
read_text_cb (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  ClipboardRead *read = user_data;

  read->text = gdk_clipboard_read_text_finish (GDK_CLIPBOARD (source), result, NULL);
  read->done = TRUE;
}

static gboolean
read_is_done (gpointer data)
{
  return ((ClipboardRead *) data)->done;
}

/* Returns: (transfer full) (nullable): the clipboard's text, as a paste would get it */
static char *
read_clipboard (Fixture *fixture)
{
  ClipboardRead read = { FALSE, NULL };

  gdk_clipboard_read_text_async (gtk_widget_get_clipboard (fixture->window), NULL, read_text_cb,
                                 &read);
  taiou_test_wait_for (read_is_done, &read);
  return read.text;
}

static gboolean
clipboard_not_pending (gpointer view)
{
  return !taiou_password_generator_view_get_clipboard_pending (view);
}

static void
test_meter_judges_typed_passwords (Fixture       *fixture,
                                   gconstpointer  user_data)
{
  TaiouPasswordGeneratorView *view;

  acknowledge (fixture);
  view = generator (fixture);
  g_assert_cmpint (taiou_password_generator_view_get_strength (view), ==,
                   TAIOU_PASSWORD_STRENGTH_EMPTY);
  g_assert_false (gtk_widget_is_sensitive (
    taiou_test_find_button (fixture->page, "password-generator.copy")));
  gtk_editable_set_text (password_entry (fixture), "abc");
  g_assert_cmpint (taiou_password_generator_view_get_strength (view), ==,
                   TAIOU_PASSWORD_STRENGTH_REJECTED);
  gtk_editable_set_text (password_entry (fixture), "password1");
  g_assert_cmpint (taiou_password_generator_view_get_strength (view), ==,
                   TAIOU_PASSWORD_STRENGTH_REJECTED);
  gtk_editable_set_text (password_entry (fixture), "Vq7#mTz2!pLw9xKe");
  g_assert_cmpint (taiou_password_generator_view_get_strength (view), >=,
                   TAIOU_PASSWORD_STRENGTH_GOOD);
  g_assert_true (gtk_widget_is_sensitive (
    taiou_test_find_button (fixture->page, "password-generator.copy")));
  gtk_editable_set_text (password_entry (fixture), "");
}

/* The clipboard is cleared when the time is up — but only if it still holds our password.
 * The view's "clipboard-seconds" is 60 in the app; one second here, so the test does not
 * wait a minute for the very same code path. */
static void
test_clipboard_cleared_after_timeout (Fixture       *fixture,
                                      gconstpointer  user_data)
{
  GdkClipboard *clipboard = gtk_widget_get_clipboard (fixture->window);
  TaiouPasswordGeneratorView *view;
  g_autofree char *copied = NULL;
  g_autofree char *after = NULL;
  g_autofree char *theirs = NULL;
  gint64 copied_at;

  acknowledge (fixture);
  view = generator (fixture);
  g_assert_cmpuint (taiou_password_generator_view_get_clipboard_seconds (view), ==, 60);
  g_object_set (view, "clipboard-seconds", 1, NULL);

  gtk_editable_set_text (password_entry (fixture), "Vq7#mTz2!pLw9xKe");
  taiou_test_click (taiou_test_find_button (fixture->page, "password-generator.copy"));
  copied_at = g_get_monotonic_time ();
  copied = read_clipboard (fixture);
  g_assert_cmpstr (copied, ==, "Vq7#mTz2!pLw9xKe");
  g_assert_true (taiou_password_generator_view_get_clipboard_pending (view));

  taiou_test_wait_for (clipboard_not_pending, view);
  g_assert_cmpint (g_get_monotonic_time () - copied_at, >=, 900 * G_TIME_SPAN_MILLISECOND);
  g_assert_null (gdk_clipboard_get_content (clipboard));
  after = read_clipboard (fixture);
  g_assert_true (after == NULL || after[0] == '\0');

  /* Copied, then the worker copies something else: that is left alone. */
  taiou_test_click (taiou_test_find_button (fixture->page, "password-generator.copy"));
  gdk_clipboard_set_text (clipboard, "株式会社アワ商事");
  taiou_test_wait_for (clipboard_not_pending, view);
  theirs = read_clipboard (fixture);
  g_assert_cmpstr (theirs, ==, "株式会社アワ商事");
}

static gboolean
file_contains (const char *path,
               const char *needle)
{
  g_autofree char *contents = NULL;
  gsize length = 0;

  if (!g_file_get_contents (path, &contents, &length, NULL))
    return FALSE;
  return memmem (contents, length, needle, strlen (needle)) != NULL;
}

/* Every file under @dir (the test's private data, config, cache and state folders). */
static void
collect_files (const char *dir,
               GPtrArray  *paths)
{
  g_autoptr(GDir) listing = g_dir_open (dir, 0, NULL);
  const char *name;

  if (listing == NULL)
    return;
  while ((name = g_dir_read_name (listing)) != NULL)
    {
      g_autofree char *path = g_build_filename (dir, name, NULL);

      if (g_file_test (path, G_FILE_TEST_IS_DIR))
        collect_files (path, paths);
      else
        g_ptr_array_add (paths, g_steal_pointer (&path));
    }
}

static gboolean
page_changed (gpointer fixture)
{
  Fixture *f = fixture;

  return GTK_WIDGET (taiou_wizard_get_current_page (f->wizard)) != f->page;
}

/* Generate, copy, finish the step: the password is nowhere in the database (its WAL and
 * journal too), the settings keyfile or any other file this run wrote. */
static void
test_generated_password_is_not_stored (Fixture       *fixture,
                                       gconstpointer  user_data)
{
  g_autoptr(GSettings) settings = taiou_settings_new_if_installed ();
  g_autoptr(GPtrArray) files = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *keyfile = g_build_filename (g_get_user_config_dir (), "glib-2.0", "settings",
                                               "keyfile", NULL);
  g_autofree char *root = g_path_get_dirname (g_get_user_config_dir ());
  g_autofree char *password = NULL;
  g_autofree char *pasted = NULL;
  g_autofree char *wal = g_strconcat (fixture->db_path, "-wal", NULL);
  g_autoptr(GPtrArray) events = NULL;
  TaiouPasswordGeneratorView *view;
  const char *all_items[] = {
    "Mail accounts", "Passwords saved in the mail program", "Passwords saved in web browsers",
    "The Windows or domain login", "VPN", "Cloud services", "Online banking",
  };
  gboolean found_reporter = FALSE;

  /* The app's settings, on the keyfile backend (set in main()), filled as the app does. */
  g_assert_nonnull (settings);
  g_assert_cmpstr (G_OBJECT_TYPE_NAME (g_settings_backend_get_default ()), ==,
                   "GKeyfileSettingsBackend");
  taiou_settings_bind_profile (settings, taiou_case_get_profile (fixture->case_at_hand), TRUE);
  g_settings_set_int (settings, TAIOU_SETTINGS_WINDOW_WIDTH, 901);

  acknowledge (fixture);
  view = generator (fixture);
  g_object_set (view, "clipboard-seconds", 1, NULL);
  taiou_test_click (taiou_test_find_button (fixture->page, "password-generator.generate"));
  password = g_strdup (gtk_editable_get_text (password_entry (fixture)));
  g_assert_cmpuint (strlen (password), ==, TAIOU_PASSWORD_DEFAULT_LENGTH);
  g_assert_cmpint (taiou_password_generator_view_get_strength (view), >=,
                   TAIOU_PASSWORD_STRENGTH_GOOD);
  taiou_test_click (taiou_test_find_button (fixture->page, "password-generator.copy"));
  pasted = read_clipboard (fixture);
  g_assert_cmpstr (pasted, ==, password);

  for (gsize i = 0; i < G_N_ELEMENTS (all_items); i++)
    press (fixture, all_items[i], "done-button");
  taiou_test_click (taiou_test_find_button (fixture->window, "wizard.next"));
  taiou_test_wait_for (page_changed, fixture);
  taiou_test_wait_for (clipboard_not_pending, view);
  g_settings_sync ();

  events = list_events (fixture);
  g_assert_cmpstr (taiou_event_get_kind (events->pdata[events->len - 1]), ==, "wizard.step");

  /* The files exist and the search finds what is there: the reporter's name in the record
   * (the database or its write-ahead log), the width in the keyfile. */
  g_assert_true (g_file_test (keyfile, G_FILE_TEST_IS_REGULAR));
  g_assert_true (file_contains (keyfile, "window-width=901"));
  found_reporter = file_contains (fixture->db_path, "山田 太郎") || file_contains (wal, "山田 太郎");
  g_assert_true (found_reporter);

  collect_files (root, files);
  g_assert_cmpuint (files->len, >=, 2);
  for (guint i = 0; i < files->len; i++)
    if (file_contains (files->pdata[i], password))
      g_error ("The generated password was found in %s", (char *) files->pdata[i]);
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
  /* The settings go to a real file ($XDG_CONFIG_HOME/glib-2.0/settings/keyfile, in the
   * private folders taiou_test_gui_init() makes) rather than to memory, so the test can search
   * it.  Set before anything asks GIO for the settings backend. */
  g_setenv ("GSETTINGS_BACKEND", "keyfile", TRUE);

  if (!taiou_test_gui_init (&argc, &argv, FALSE))
    {
      g_test_add_func ("/taiou/gui/passwords/no-display", test_no_display);
      return g_test_run ();
    }

  ADD_TEST ("/taiou/gui/passwords/gate", test_gate);
  ADD_TEST ("/taiou/gui/passwords/checklist-events-in-order", test_checklist_events_in_order);
  ADD_TEST ("/taiou/gui/passwords/meter-judges-typed-passwords",
            test_meter_judges_typed_passwords);
  ADD_TEST ("/taiou/gui/passwords/clipboard-cleared-after-timeout",
            test_clipboard_cleared_after_timeout);
  ADD_TEST ("/taiou/gui/passwords/generated-password-is-not-stored",
            test_generated_password_is_not_stored);

  return g_test_run ();
}
