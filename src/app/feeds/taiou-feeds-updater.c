/* taiou-feeds-updater.c — 「脅威情報を更新」: update the feeds, with progress and cancel
 *
 * The same control in Preferences and on the disconnect step, where it is offered while the
 * PC is still connected.  It works on the case of the wizard page it sits on, else the
 * application's, so a page needs no code for it.  Sources, families and the Auth-Key are read
 * afresh for every update (Preferences may have changed them); the key lives only in this
 * update's TaiouFeeds and goes with it.  When the update ends, the case's IOC set is reloaded
 * so the next check uses the new lists, and the update is recorded in the incident at hand,
 * if there is one.
 */
#define G_LOG_DOMAIN "taiou-feeds"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "taiou-application.h"
#include "taiou-feeds-updater.h"
#include "taiou-settings.h"
#include "wizard/taiou-wizard-page.h"

struct _TaiouFeedsUpdater
{
  GtkBox          parent_instance;

  GtkButton      *update_button;
  GtkButton      *cancel_button;
  GtkProgressBar *progress_bar;
  GtkLabel       *status_label;
  GtkExpander    *details_expander;
  GtkLabel       *details_label;

  TaiouCase      *the_case;     /* nullable: else the page's or the application's */
  GCancellable   *cancellable;  /* an update under way */
  char           *keyring_error;
};

G_DEFINE_FINAL_TYPE (TaiouFeedsUpdater, taiou_feeds_updater, GTK_TYPE_BOX)

static TaiouCase *
find_case (TaiouFeedsUpdater *self)
{
  GtkWidget *page = gtk_widget_get_ancestor (GTK_WIDGET (self), TAIOU_TYPE_WIZARD_PAGE);
  GApplication *application = g_application_get_default ();

  if (self->the_case != NULL)
    return self->the_case;
  if (page != NULL && taiou_wizard_page_get_case (TAIOU_WIZARD_PAGE (page)) != NULL)
    return taiou_wizard_page_get_case (TAIOU_WIZARD_PAGE (page));
  if (TAIOU_IS_APPLICATION (application))
    return taiou_application_get_case (TAIOU_APPLICATION (application));
  return NULL;
}

static GSettings *
dup_settings (void)
{
  GApplication *application = g_application_get_default ();

  if (TAIOU_IS_APPLICATION (application))
    return g_object_ref (taiou_application_get_settings (TAIOU_APPLICATION (application)));
  return taiou_settings_new_if_installed ();
}

/* A new TaiouFeeds as Preferences say; the case's, if it has one, is kept in step. */
static TaiouFeeds *
new_feeds (TaiouFeedsUpdater *self)
{
  g_autoptr(GSettings) settings = dup_settings ();
  TaiouCase *the_case = find_case (self);
  TaiouFeeds *feeds = taiou_feeds_new (the_case != NULL && taiou_case_get_feeds (the_case)
                                       ? taiou_feeds_get_cache_dir (taiou_case_get_feeds (the_case))
                                       : NULL);

  if (settings != NULL)
    {
      taiou_settings_apply_feeds (settings, feeds);
      if (the_case != NULL && taiou_case_get_feeds (the_case) != NULL)
        taiou_settings_apply_feeds (settings, taiou_case_get_feeds (the_case));
    }
  return feeds;
}

static char *
describe (const TaiouFeedReport *report)
{
  g_autofree char *age = taiou_feed_age_to_string (report->age_seconds);

  switch (report->outcome)
    {
    case TAIOU_FEED_OUTCOME_UPDATED:
      return g_strdup_printf (_("%s: updated (%u entries)"), report->name, report->entries);
    case TAIOU_FEED_OUTCOME_NOT_MODIFIED:
      return g_strdup_printf (_("%s: already up to date (%u entries)"), report->name,
                              report->entries);
    case TAIOU_FEED_OUTCOME_DISABLED:
      return g_strdup_printf (_("%s: switched off in Preferences"), report->name);
    case TAIOU_FEED_OUTCOME_NO_AUTH_KEY:
      return g_strdup_printf (_("%s: skipped — it needs an abuse.ch Auth-Key (Preferences)"),
                              report->name);
    case TAIOU_FEED_OUTCOME_FAILED:
      return g_strdup_printf (_("%s: could not be updated; the data already here stays in use"),
                              report->name);
    case TAIOU_FEED_OUTCOME_NONE:
    default:
      break;
    }
  if (!report->cached)
    return g_strdup_printf (report->needs_auth_key
                            ? _("%s: not downloaded yet (needs an abuse.ch Auth-Key)")
                            : _("%s: not downloaded yet"), report->name);
  if (report->stale)
    return g_strdup_printf (_("%s: %u entries, %s old — older than 7 days, please update"),
                            report->name, report->entries, age);
  return g_strdup_printf (_("%s: %u entries, %s old"), report->name, report->entries, age);
}

static void
show_reports (TaiouFeedsUpdater *self,
              GPtrArray         *reports)
{
  g_autoptr(GString) text = g_string_new (NULL);
  g_autoptr(GString) details = g_string_new (NULL);

  for (guint i = 0; i < reports->len; i++)
    {
      const TaiouFeedReport *report = reports->pdata[i];
      g_autofree char *line = describe (report);

      g_string_append_printf (text, "%s%s", i > 0 ? "\n" : "", line);
      if (report->error != NULL)
        g_string_append_printf (details, "%s%s: %s", details->len > 0 ? "\n" : "",
                                report->name, report->error->message);
    }
  if (self->keyring_error != NULL)
    g_string_append_printf (details, "%s%s", details->len > 0 ? "\n" : "", self->keyring_error);
  g_string_append_printf (text, "\n%s", _("The data built into this app is always used as well."));
  gtk_label_set_text (self->status_label, text->str);
  gtk_label_set_text (self->details_label, details->str);
  gtk_widget_set_visible (GTK_WIDGET (self->details_expander), details->len > 0);
}

/* Shows the state of the kept copies; reads the cache only. */
void
taiou_feeds_updater_refresh (TaiouFeedsUpdater *self)
{
  g_autoptr(TaiouFeeds) feeds = NULL;
  g_autoptr(GPtrArray) reports = NULL;

  g_return_if_fail (TAIOU_IS_FEEDS_UPDATER (self));
  if (self->cancellable != NULL)
    return;
  feeds = new_feeds (self);
  reports = taiou_feeds_dup_status (feeds);
  show_reports (self, reports);
}

static void
set_busy (TaiouFeedsUpdater *self,
          gboolean           busy)
{
  gtk_widget_set_sensitive (GTK_WIDGET (self->update_button), !busy);
  gtk_widget_set_visible (GTK_WIDGET (self->cancel_button), busy);
  gtk_widget_set_visible (GTK_WIDGET (self->progress_bar), busy);
  if (busy)
    gtk_widget_grab_focus (GTK_WIDGET (self->cancel_button));
  else if (gtk_widget_get_focus_child (GTK_WIDGET (self)) != NULL)
    gtk_widget_grab_focus (GTK_WIDGET (self->update_button));
}

static void
progress_cb (const char *name,
             guint       done,
             guint       total,
             gpointer    user_data)
{
  TaiouFeedsUpdater *self = user_data;
  g_autofree char *text = NULL;

  if (self->cancellable == NULL || self->progress_bar == NULL)
    return;
  gtk_progress_bar_set_fraction (self->progress_bar, total > 0 ? (double) done / total : 1.0);
  text = name != NULL ? g_strdup_printf (_("Downloading %s (%u of %u)…"), name, done + 1, total)
                      : g_strdup (_("Checking the downloads…"));
  gtk_progress_bar_set_text (self->progress_bar, text);
}

static void
iocs_reloaded_cb (GObject      *source,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(TaiouIocSet) iocs = taiou_case_load_iocs_finish (TAIOU_CASE (source), result, NULL);
}

static void
show_cancelled (TaiouFeedsUpdater *self)
{
  g_autofree char *text = NULL;

  g_clear_object (&self->cancellable);
  set_busy (self, FALSE);
  taiou_feeds_updater_refresh (self);
  text = g_strdup_printf ("%s\n%s", _("Cancelled. The threat data already here stays in use."),
                          gtk_label_get_text (self->status_label));
  gtk_label_set_text (self->status_label, text);
}

static void
update_done_cb (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(TaiouFeedsUpdater) self = user_data;
  g_autoptr(GPtrArray) reports = NULL;
  g_autoptr(GError) error = NULL;
  TaiouCase *the_case;

  reports = taiou_feeds_update_finish (TAIOU_FEEDS (source), result, &error);
  /* The window was closed during the update: the copies are in place, nothing to show. */
  if (self->status_label == NULL)
    return;
  if (reports == NULL)
    {
      show_cancelled (self);
      return;
    }
  g_clear_object (&self->cancellable);
  set_busy (self, FALSE);
  show_reports (self, reports);
  the_case = find_case (self);
  if (the_case == NULL)
    return;
  /* The next checks use the new lists; loading starts now, as at start-up. */
  taiou_case_reload_iocs (the_case);
  taiou_case_load_iocs_async (the_case, NULL, iocs_reloaded_cb, NULL);
  /* No incident at hand (Preferences, before any response) is not an error: nothing to note. */
  if (taiou_case_get_incident (the_case) != NULL &&
      !taiou_case_record_feeds_update (the_case, reports, &error))
    g_message ("The threat data update was not recorded: %s", error->message);
}

static void
auth_key_cb (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(TaiouFeedsUpdater) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *key = taiou_feeds_auth_key_lookup_finish (result, &error);
  g_autoptr(TaiouFeeds) feeds = NULL;

  if (self->status_label == NULL)
    return;
  g_clear_pointer (&self->keyring_error, g_free);
  if (error != NULL)
    self->keyring_error = g_strdup_printf (_("The keyring could not be read: %s"),
                                           error->message);
  if (g_cancellable_is_cancelled (self->cancellable))
    {
      show_cancelled (self);
      return;
    }
  feeds = new_feeds (self);
  taiou_feeds_set_auth_key (feeds, key);
  if (key != NULL)
    memset (key, 0, strlen (key));
  taiou_feeds_update_async (feeds, progress_cb, self, self->cancellable, update_done_cb,
                            g_object_ref (self));
}

static void
update_clicked_cb (TaiouFeedsUpdater *self)
{
  if (self->cancellable != NULL)
    return;
  self->cancellable = g_cancellable_new ();
  set_busy (self, TRUE);
  gtk_progress_bar_set_fraction (self->progress_bar, 0);
  gtk_progress_bar_set_text (self->progress_bar, _("Starting…"));
  gtk_label_set_text (self->status_label, "");
  gtk_widget_set_visible (GTK_WIDGET (self->details_expander), FALSE);
  taiou_feeds_auth_key_lookup_async (self->cancellable, auth_key_cb, g_object_ref (self));
}

static void
cancel_clicked_cb (TaiouFeedsUpdater *self)
{
  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
}

static void
taiou_feeds_updater_map (GtkWidget *widget)
{
  GTK_WIDGET_CLASS (taiou_feeds_updater_parent_class)->map (widget);
  taiou_feeds_updater_refresh (TAIOU_FEEDS_UPDATER (widget));
}

static void
taiou_feeds_updater_dispose (GObject *object)
{
  TaiouFeedsUpdater *self = TAIOU_FEEDS_UPDATER (object);

  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->the_case);
  g_clear_pointer (&self->keyring_error, g_free);
  gtk_widget_dispose_template (GTK_WIDGET (self), TAIOU_TYPE_FEEDS_UPDATER);
  G_OBJECT_CLASS (taiou_feeds_updater_parent_class)->dispose (object);
}

static void
taiou_feeds_updater_class_init (TaiouFeedsUpdaterClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = taiou_feeds_updater_dispose;
  widget_class->map = taiou_feeds_updater_map;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/taiou/Taiou/"
                                               "taiou-feeds-updater.ui");
  gtk_widget_class_bind_template_child (widget_class, TaiouFeedsUpdater, update_button);
  gtk_widget_class_bind_template_child (widget_class, TaiouFeedsUpdater, cancel_button);
  gtk_widget_class_bind_template_child (widget_class, TaiouFeedsUpdater, progress_bar);
  gtk_widget_class_bind_template_child (widget_class, TaiouFeedsUpdater, status_label);
  gtk_widget_class_bind_template_child (widget_class, TaiouFeedsUpdater, details_expander);
  gtk_widget_class_bind_template_child (widget_class, TaiouFeedsUpdater, details_label);
  gtk_widget_class_bind_template_callback (widget_class, update_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, cancel_clicked_cb);
}

static void
taiou_feeds_updater_init (TaiouFeedsUpdater *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

GtkWidget *
taiou_feeds_updater_new (void)
{
  return g_object_new (TAIOU_TYPE_FEEDS_UPDATER, NULL);
}

/* @the_case: (nullable): the case to update and record in; NULL finds it (see above) */
void
taiou_feeds_updater_set_case (TaiouFeedsUpdater *self,
                              TaiouCase         *the_case)
{
  g_return_if_fail (TAIOU_IS_FEEDS_UPDATER (self));
  g_set_object (&self->the_case, the_case);
}

gboolean
taiou_feeds_updater_get_busy (TaiouFeedsUpdater *self)
{
  g_return_val_if_fail (TAIOU_IS_FEEDS_UPDATER (self), FALSE);
  return self->cancellable != NULL;
}
