/* taiou-application.c — owns the settings and the one case; opens the windows
 *
 * The case (TaiouCase: the timeline, the incident at hand, "us" and the IOCs) is built once,
 * at start-up, and handed to every window; "us" follows Preferences as they change, and the
 * IOC set starts loading in a worker thread at once, so the first mail check need not wait.
 * When the timeline cannot be opened (damaged file, another program's database) the app still
 * starts — the guidance matters more than the record in the first minutes — and explains the
 * problem in a dialog instead of re-creating the file.
 */
#define G_LOG_DOMAIN "taiou-application"

#include "config.h"

#include <glib/gi18n.h>

#include "mail/taiou-mail-check-window.h"
#include "notice/taiou-notice-window.h"
#include "taiou-application.h"
#include "taiou-first-run-dialog.h"
#include "taiou-forward-settings.h"
#include "taiou-preferences-window.h"
#include "taiou-settings.h"
#include "taiou-window.h"

struct _TaiouApplication
{
  AdwApplication  parent_instance;

  GSettings      *settings;
  char           *db_path;        /* --db, or NULL for the default */
  TaiouCase      *case_at_hand;
  GError         *timeline_error; /* why the timeline could not be opened */
  TaiouForwardRunner *forward_runner; /* sends the record to syslog, per Preferences */
};

G_DEFINE_FINAL_TYPE (TaiouApplication, taiou_application, ADW_TYPE_APPLICATION)

static gint
taiou_application_handle_local_options (GApplication *application,
                                        GVariantDict *options)
{
  TaiouApplication *self = TAIOU_APPLICATION (application);
  const char *db_path = NULL;

  if (g_variant_dict_lookup (options, "db", "^&ay", &db_path))
    self->db_path = g_strdup (db_path);
  if (g_variant_dict_contains (options, "version"))
    {
      g_print ("taiou %s\n", PACKAGE_VERSION);
      return 0;
    }
  return -1;
}

static void
iocs_loaded_cb (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  TaiouCase *case_at_hand = TAIOU_CASE (source);
  g_autoptr(TaiouIocSet) iocs = taiou_case_load_iocs_finish (case_at_hand, result, NULL);

  /* Without the snapshot the other checks still work; say so where a developer looks. */
  if (taiou_case_get_bundled_ioc_error (case_at_hand) != NULL)
    g_message ("The bundled IOC snapshot is not available: %s",
               taiou_case_get_bundled_ioc_error (case_at_hand)->message);
}

/* Issue 15: Preferences' YARA rule files, beside the bundled rules; the case compiles them
 * again when the list changes. */
static void
yara_paths_changed_cb (TaiouApplication *self)
{
  g_auto(GStrv) paths = taiou_settings_dup_yara_paths (self->settings, NULL);

  taiou_case_set_yara_sources (self->case_at_hand, TRUE, (const char * const *) paths);
}

static void
taiou_application_startup (GApplication *application)
{
  TaiouApplication *self = TAIOU_APPLICATION (application);
  g_autofree char *path = NULL;
  g_autoptr(TaiouTimeline) timeline = NULL;
  g_autoptr(TaiouProfile) profile = taiou_profile_new ();
  g_autoptr(TaiouFeeds) feeds = NULL;
  static const char *quit_accels[] = { "<Control>q", NULL };
  static const char *preferences_accels[] = { "<Control>comma", NULL };

  G_APPLICATION_CLASS (taiou_application_parent_class)->startup (application);

  /* Here, not in init: `taiou --version` must work without the schema installed. */
  self->settings = g_settings_new (APP_ID);
  gtk_application_set_accels_for_action (GTK_APPLICATION (self), "app.quit", quit_accels);
  gtk_application_set_accels_for_action (GTK_APPLICATION (self), "app.preferences",
                                         preferences_accels);

  path = self->db_path != NULL ? g_strdup (self->db_path) : taiou_timeline_get_default_path ();
  timeline = taiou_timeline_open (path, &self->timeline_error);
  if (timeline == NULL)
    g_warning ("%s", self->timeline_error->message);
  taiou_settings_bind_profile (self->settings, profile, TRUE);
  self->case_at_hand = taiou_case_new (timeline, profile);
  /* The feeds' kept copies join the IOC set (Preferences → Threat Data). */
  feeds = taiou_feeds_new (NULL);
  taiou_settings_apply_feeds (self->settings, feeds);
  taiou_case_set_feeds (self->case_at_hand, feeds);
  yara_paths_changed_cb (self);
  g_signal_connect_object (self->settings, "changed::" TAIOU_SETTINGS_YARA_RULE_PATHS,
                           G_CALLBACK (yara_paths_changed_cb), self, G_CONNECT_SWAPPED);
  taiou_case_load_iocs_async (self->case_at_hand, NULL, iocs_loaded_cb, NULL);
  if (timeline != NULL)
    {
      self->forward_runner = taiou_forward_runner_new (timeline);
      taiou_forward_settings_bind_runner (self->settings, self->forward_runner);
    }
}

/* A batch in flight is finished or cancelled before the process ends (taiou-forwarder.c). */
static void
taiou_application_shutdown (GApplication *application)
{
  TaiouApplication *self = TAIOU_APPLICATION (application);

  if (self->forward_runner != NULL)
    taiou_forward_runner_stop (self->forward_runner);
  G_APPLICATION_CLASS (taiou_application_parent_class)->shutdown (application);
}

/* tests/bench/bench-gui.py starts us with $TAIOU_BENCH_FIRST_FRAME set to the monotonic time at
 * which it spawned us: print how long the start screen took to reach its first frame, and quit.
 * bench-bare-window.c reports the same way, so the two are measured alike. */
static void
bench_first_frame_cb (GdkFrameClock *clock,
                      gpointer       application)
{
  gint64 spawned = g_ascii_strtoll (g_getenv ("TAIOU_BENCH_FIRST_FRAME"), NULL, 10);

  g_print ("first-frame-us %" G_GINT64_FORMAT "\n", g_get_monotonic_time () - spawned);
  g_signal_handlers_disconnect_by_func (clock, bench_first_frame_cb, application);
  g_application_quit (G_APPLICATION (application));
}

static void
taiou_application_activate (GApplication *application)
{
  TaiouApplication *self = TAIOU_APPLICATION (application);
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (self));

  if (window != NULL)
    {
      gtk_window_present (window);
      return;
    }

  window = GTK_WINDOW (taiou_window_new (GTK_APPLICATION (self), self->case_at_hand));
  gtk_window_present (window);
  if (g_getenv ("TAIOU_BENCH_FIRST_FRAME") != NULL)
    g_signal_connect (gtk_widget_get_frame_clock (GTK_WIDGET (window)), "after-paint",
                      G_CALLBACK (bench_first_frame_cb), self);

  if (self->timeline_error != NULL)
    taiou_window_show_timeline_error (TAIOU_WINDOW (window), self->timeline_error);
  else if (!g_settings_get_boolean (self->settings, TAIOU_SETTINGS_FIRST_RUN_DONE))
    gtk_window_present (GTK_WINDOW (taiou_first_run_dialog_new (window, self->settings)));
}

static void
taiou_application_dispose (GObject *object)
{
  TaiouApplication *self = TAIOU_APPLICATION (object);

  g_clear_object (&self->settings);
  g_clear_object (&self->forward_runner);
  g_clear_object (&self->case_at_hand);
  g_clear_error (&self->timeline_error);
  g_clear_pointer (&self->db_path, g_free);

  G_OBJECT_CLASS (taiou_application_parent_class)->dispose (object);
}

static void
taiou_application_class_init (TaiouApplicationClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GApplicationClass *application_class = G_APPLICATION_CLASS (klass);

  object_class->dispose = taiou_application_dispose;
  application_class->handle_local_options = taiou_application_handle_local_options;
  application_class->startup = taiou_application_startup;
  application_class->shutdown = taiou_application_shutdown;
  application_class->activate = taiou_application_activate;
}

static void
app_quit (GSimpleAction *action,
          GVariant      *parameter,
          gpointer       user_data)
{
  g_application_quit (G_APPLICATION (user_data));
}

static void
app_preferences (GSimpleAction *action,
                 GVariant      *parameter,
                 gpointer       user_data)
{
  TaiouApplication *self = TAIOU_APPLICATION (user_data);
  GtkWindow *parent = gtk_application_get_active_window (GTK_APPLICATION (self));
  GtkWindow *preferences = GTK_WINDOW (taiou_preferences_window_new (parent, self->settings));

  /* Part of the application, so its shortcuts work there too. */
  gtk_window_set_application (preferences, GTK_APPLICATION (self));
  gtk_window_present (preferences);
}

static void
app_about (GSimpleAction *action,
           GVariant      *parameter,
           gpointer       user_data)
{
  TaiouApplication *self = TAIOU_APPLICATION (user_data);
  GtkWindow *parent = gtk_application_get_active_window (GTK_APPLICATION (self));
  static const char *developers[] = { "Taiou developers", NULL };

  adw_show_about_window (parent,
                         "application-name", _("Infection Response Assistant"),
                         "application-icon", APP_ID,
                         "version", PACKAGE_VERSION,
                         "developer-name", "Taiou developers",
                         "developers", developers,
                         "website", "https://github.com/taiou/taiou",
                         "issue-url", "https://github.com/taiou/taiou/issues",
                         "license-type", GTK_LICENSE_GPL_3_0,
                         "comments", _("Guides a small office through the first hour after a "
                                       "malicious mail attachment was opened."),
                         /* Translators: put your names here, one per line. */
                         "translator-credits", _("translator-credits"),
                         NULL);
}

/* "Was that mail dangerous?"; a verdict is recorded in the incident at hand, if any. */
static void
app_check_mail (GSimpleAction *action,
                GVariant      *parameter,
                gpointer       user_data)
{
  TaiouApplication *self = TAIOU_APPLICATION (user_data);
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (self));

  if (window != NULL)
    taiou_mail_check_window_present_for (GTK_WIDGET (window), self->case_at_hand);
}

/* app.write-notice(x): a notice about incident x, or with 0 about the incident a notice is
 * for (taiou_case_dup_incident_for_notice()). */
static void
app_write_notice (GSimpleAction *action,
                  GVariant      *parameter,
                  gpointer       user_data)
{
  TaiouApplication *self = TAIOU_APPLICATION (user_data);
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (self));

  if (window != NULL)
    taiou_notice_window_present_for (GTK_WIDGET (window), self->case_at_hand,
                                     g_variant_get_int64 (parameter), NULL);
}

static void
taiou_application_init (TaiouApplication *self)
{
  static const GActionEntry actions[] = {
    { "quit", app_quit },
    { "preferences", app_preferences },
    { "about", app_about },
    { "check-mail", app_check_mail },
    { "write-notice", app_write_notice, "x" },
  };
  const GOptionEntry options[] = {
    { "db", 0, 0, G_OPTION_ARG_FILENAME, NULL,
      N_("Timeline database (default: $TAIOU_DB or $XDG_DATA_HOME/taiou/taiou.db)"), N_("FILE") },
    { "version", 0, 0, G_OPTION_ARG_NONE, NULL, N_("Show the version and exit"), NULL },
    { NULL }
  };

  g_action_map_add_action_entries (G_ACTION_MAP (self), actions, G_N_ELEMENTS (actions), self);
  g_application_add_main_option_entries (G_APPLICATION (self), options);
}

TaiouApplication *
taiou_application_new (void)
{
  return g_object_new (TAIOU_TYPE_APPLICATION,
                       "application-id", APP_ID,
                       "flags", G_APPLICATION_DEFAULT_FLAGS,
                       "resource-base-path", "/io/github/taiou/Taiou",
                       NULL);
}

/* Returns: (transfer none): the one case every window works on; NULL before start-up */
TaiouCase *
taiou_application_get_case (TaiouApplication *self)
{
  g_return_val_if_fail (TAIOU_IS_APPLICATION (self), NULL);
  return self->case_at_hand;
}

GSettings *
taiou_application_get_settings (TaiouApplication *self)
{
  g_return_val_if_fail (TAIOU_IS_APPLICATION (self), NULL);
  return self->settings;
}

/* Returns: (transfer none) (nullable): what sends the record to syslog; NULL without a timeline */
TaiouForwardRunner *
taiou_application_get_forward_runner (TaiouApplication *self)
{
  g_return_val_if_fail (TAIOU_IS_APPLICATION (self), NULL);
  return self->forward_runner;
}
