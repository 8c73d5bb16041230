/* taiou-test-gui.c — GUI test set-up: a private Xvfb, GTK, libadwaita, waiting helpers
 *
 * CI has no display.  Each GUI test program starts its own Xvfb (so it never pops windows up on
 * a developer's desktop either), and only when no Xvfb can be had falls back to $DISPLAY; with
 * neither it says so loudly and the tests skip.
 */
#define G_LOG_DOMAIN "taiou-test-gui"

#include "config.h"

#include <glib-unix.h>
#include <locale.h>
#include <signal.h>
#include <stdlib.h>
#include <sys/prctl.h>
#include <unistd.h>

#include "taiou-test-gui.h"
#include "taiou-test-util.h"
#include "timeline/taiou-timeline-view.h"

#define XVFB_START_TIMEOUT_MS 20000
#define WAIT_TIMEOUT_S        20

static GSubprocess *xvfb;

static void
stop_xvfb (void)
{
  if (xvfb != NULL)
    g_subprocess_force_exit (xvfb);
}

static void
die_with_parent (gpointer user_data)
{
  /* If the test crashes, the kernel takes Xvfb down with it. */
  prctl (PR_SET_PDEATHSIG, SIGTERM);
}

/**
 * taiou_test_start_xvfb:
 *
 * Starts a private Xvfb and points $DISPLAY at it.
 *
 * Returns: %FALSE when Xvfb is missing or did not start
 */
gboolean
taiou_test_start_xvfb (void)
{
  g_autofree char *program = g_find_program_in_path ("Xvfb");
  g_autoptr(GSubprocessLauncher) launcher = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *display = NULL;
  GString *number = g_string_new (NULL);
  gint64 deadline;
  int fds[2];

  if (program == NULL)
    return FALSE;
  if (!g_unix_open_pipe (fds, FD_CLOEXEC, &error))
    g_error ("pipe: %s", error->message);

  launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_SILENCE |
                                        G_SUBPROCESS_FLAGS_STDERR_SILENCE);
  g_subprocess_launcher_take_fd (launcher, fds[1], 3);
  g_subprocess_launcher_set_child_setup (launcher, die_with_parent, NULL, NULL);
  /* -displayfd: Xvfb picks a free display and writes its number to fd 3 when ready. */
  xvfb = g_subprocess_launcher_spawn (launcher, &error, program, "-displayfd", "3",
                                      "-screen", "0", "1280x1024x24", "-nolisten", "tcp",
                                      "-noreset", NULL);
  if (xvfb == NULL)
    {
      g_printerr ("*** Could not start Xvfb: %s ***\n", error->message);
      close (fds[0]);
      return FALSE;
    }
  atexit (stop_xvfb);

  deadline = g_get_monotonic_time () + XVFB_START_TIMEOUT_MS * G_TIME_SPAN_MILLISECOND;
  while (g_get_monotonic_time () < deadline)
    {
      char c;
      ssize_t n = read (fds[0], &c, 1);

      if (n <= 0 || c == '\n')
        break;
      g_string_append_c (number, c);
    }
  close (fds[0]);

  if (number->len == 0)
    {
      g_printerr ("*** Xvfb did not report a display ***\n");
      g_string_free (number, TRUE);
      return FALSE;
    }

  display = g_strdup_printf (":%s", number->str);
  g_string_free (number, TRUE);
  g_setenv ("DISPLAY", display, TRUE);
  g_unsetenv ("WAYLAND_DISPLAY");
  g_setenv ("GDK_BACKEND", "x11", TRUE);
  return TRUE;
}

static char *user_dirs_root;

static void
remove_tree (GFile *file)
{
  g_autoptr(GFileEnumerator) children = NULL;

  children = g_file_enumerate_children (file, G_FILE_ATTRIBUTE_STANDARD_NAME,
                                        G_FILE_QUERY_INFO_NOFOLLOW_SYMLINKS, NULL, NULL);
  if (children != NULL)
    {
      GFileInfo *info;
      GFile *child;

      while (g_file_enumerator_iterate (children, &info, &child, NULL, NULL) && info != NULL)
        remove_tree (child);
    }
  g_file_delete (file, NULL, NULL);
}

static void
remove_user_dirs (void)
{
  g_autoptr(GFile) root = g_file_new_for_path (user_dirs_root);

  remove_tree (root);
}

/* A private home for the user's own data, settings and cache, removed when the program ends. */
static void
isolate_user_dirs (void)
{
  const char *names[] = { "XDG_DATA_HOME", "XDG_CONFIG_HOME", "XDG_CACHE_HOME", "XDG_STATE_HOME" };
  g_autoptr(GError) error = NULL;

  user_dirs_root = g_dir_make_tmp ("taiou-gui-test-XXXXXX", &error);
  g_assert_no_error (error);
  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      g_autofree char *dir = g_build_filename (user_dirs_root, names[i], NULL);

      g_assert_cmpint (g_mkdir_with_parents (dir, 0700), ==, 0);
      g_setenv (names[i], dir, TRUE);
    }
  g_unsetenv ("TAIOU_DB");
  atexit (remove_user_dirs);
}

/**
 * taiou_test_gui_init:
 * @keep_locale: keep the locale from the environment (for tests of translations); otherwise
 *   the tests run in C.UTF-8 like gtk_test_init() does
 *
 * Returns: %FALSE when no display could be had at all; the caller must then skip.
 */
gboolean
taiou_test_gui_init (int        *argc,
                     char     ***argv,
                     gboolean    keep_locale)
{
  const char *existing = g_getenv ("DISPLAY");
  gboolean have_display;

  /* Not G_TEST_OPTION_ISOLATE_DIRS: it also hides the system data folders, and GTK then finds
   * neither the icon theme nor the MIME database it needs to load SVG icons. */
  g_test_init (argc, argv, NULL);
  isolate_user_dirs ();

  have_display = taiou_test_start_xvfb ();
  if (!have_display && existing != NULL && existing[0] != '\0')
    {
      g_printerr ("*** Xvfb not found; using the existing display %s ***\n", existing);
      have_display = TRUE;
    }
  if (!have_display)
    {
      g_printerr ("\n*** NO X SERVER: install xvfb (build-aux/taiou-dev does). "
                  "The GUI tests are SKIPPED. ***\n\n");
      return FALSE;
    }

  if (!keep_locale)
    {
      gtk_disable_setlocale ();
      setlocale (LC_ALL, "C.UTF-8");
    }
  gtk_init ();
  adw_init ();
  return TRUE;
}

static gboolean
widget_is_mapped (gpointer data)
{
  return gtk_widget_get_mapped (data);
}

void
taiou_test_wait_until_mapped (GtkWidget *widget)
{
  taiou_test_wait_for (widget_is_mapped, widget);
  /* One more frame, so allocation and the first draw are done. */
  for (guint i = 0; i < 10; i++)
    g_main_context_iteration (NULL, FALSE);
}

/* $TAIOU_TEST_TIME_SCALE: how many times slower this build runs than the plain one (the
 * sanitizer tree sets it, as it runs meson test with --timeout-multiplier). */
static gint64
time_scale (void)
{
  gint64 scale = g_ascii_strtoll (g_getenv ("TAIOU_TEST_TIME_SCALE") ?: "1", NULL, 10);

  return CLAMP (scale, 1, 100);
}

/* Spins the main loop until @condition holds; fails the test after WAIT_TIMEOUT_S (times the
 * build's time scale). */
void
taiou_test_wait_for (gboolean (*condition) (gpointer data),
                     gpointer   data)
{
  gint64 deadline = g_get_monotonic_time () +
                    WAIT_TIMEOUT_S * time_scale () * G_TIME_SPAN_SECOND;

  while (!condition (data))
    {
      if (g_get_monotonic_time () > deadline)
        g_error ("Timed out waiting for a condition");
      g_main_context_iteration (NULL, FALSE);
      g_usleep (1000);
    }
}

typedef gboolean (*WidgetMatch) (GtkWidget *widget, gconstpointer data);

static GtkWidget *
find_widget (GtkWidget     *root,
             WidgetMatch    match,
             gconstpointer  data)
{
  if (match (root, data))
    return root;
  for (GtkWidget *child = gtk_widget_get_first_child (root);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_widget (child, match, data);

      if (found != NULL)
        return found;
    }
  return NULL;
}

static gboolean
row_has_title (GtkWidget     *widget,
               gconstpointer  title)
{
  return ADW_IS_PREFERENCES_ROW (widget) &&
         g_strcmp0 (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (widget)), title) == 0;
}

static gboolean
button_has_action (GtkWidget     *widget,
                   gconstpointer  action_name)
{
  return GTK_IS_BUTTON (widget) &&
         g_strcmp0 (gtk_actionable_get_action_name (GTK_ACTIONABLE (widget)), action_name) == 0;
}

static gboolean
widget_has_type (GtkWidget     *widget,
                 gconstpointer  type)
{
  return G_TYPE_CHECK_INSTANCE_TYPE (widget, GPOINTER_TO_SIZE (type));
}

/* The preferences row (action row, entry row…) whose title is @title, as a user sees it. */
GtkWidget *
taiou_test_find_row (GtkWidget  *root,
                     const char *title)
{
  GtkWidget *row = find_widget (root, row_has_title, title);

  if (row == NULL)
    g_error ("No row titled “%s”", title);
  return row;
}

GtkWidget *
taiou_test_find_button (GtkWidget  *root,
                        const char *action_name)
{
  GtkWidget *button = find_widget (root, button_has_action, action_name);

  if (button == NULL)
    g_error ("No button for the action “%s”", action_name);
  return button;
}

GtkWidget *
taiou_test_find_widget_type (GtkWidget *root,
                             GType      type)
{
  return find_widget (root, widget_has_type, GSIZE_TO_POINTER (type));
}

static gboolean
widget_has_css_class (GtkWidget     *widget,
                      gconstpointer  css_class)
{
  return gtk_widget_has_css_class (widget, css_class);
}

/* Returns: (nullable): the first widget under @root, depth first, with @css_class */
GtkWidget *
taiou_test_find_css_class (GtkWidget  *root,
                           const char *css_class)
{
  return find_widget (root, widget_has_css_class, css_class);
}

static gboolean
widget_has_name (GtkWidget     *widget,
                 gconstpointer  name)
{
  return g_strcmp0 (gtk_widget_get_name (widget), name) == 0;
}

/* Returns: (nullable): the first widget under @root, depth first, named @name (set in the .ui or
 *   with gtk_widget_set_name(), for buttons a row holds several of) */
GtkWidget *
taiou_test_find_named (GtkWidget  *root,
                       const char *name)
{
  return find_widget (root, widget_has_name, name);
}

static GtkWindow *
find_toplevel (GType type)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GObject) window = g_list_model_get_item (toplevels, i);

      if (G_TYPE_CHECK_INSTANCE_TYPE (window, type))
        return GTK_WINDOW (window);
    }
  return NULL;
}

static gboolean
toplevel_exists (gpointer type)
{
  return find_toplevel (GPOINTER_TO_SIZE (type)) != NULL;
}

/* Spins the main loop until a window of @type is open (a button opened it) and returns it. */
GtkWindow *
taiou_test_wait_for_window (GType type)
{
  taiou_test_wait_for (toplevel_exists, GSIZE_TO_POINTER (type));
  return find_toplevel (type);
}

/* What a completed mouse click does.  (gtk_widget_activate() on a GTK 4 button only starts the
 * press animation and emits "clicked" a quarter of a second later.) */
void
taiou_test_click (GtkWidget *button)
{
  g_assert_true (GTK_IS_BUTTON (button));
  g_assert_true (gtk_widget_is_sensitive (button));
  g_assert_true (gtk_widget_get_mapped (button));
  g_signal_emit_by_name (button, "clicked");
}

void
taiou_test_record_view_init (TaiouTestRecordView *record)
{
  record->timeline = taiou_test_timeline_new (NULL);
  record->case_at_hand = taiou_case_new (record->timeline, NULL);
  record->window = GTK_WINDOW (gtk_window_new ());
  gtk_window_set_default_size (record->window, 1000, 700);
  record->view = g_object_new (TAIOU_TYPE_TIMELINE_VIEW, "case", record->case_at_hand, NULL);
  gtk_window_set_child (record->window, record->view);
}

void
taiou_test_record_view_clear (TaiouTestRecordView *record)
{
  g_clear_pointer (&record->window, gtk_window_destroy);
  g_clear_object (&record->case_at_hand);
  g_clear_object (&record->timeline);
}
