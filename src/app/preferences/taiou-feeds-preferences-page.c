/* taiou-feeds-preferences-page.c — Preferences: the threat-data feeds
 *
 * 「脅威情報を更新」 (TaiouFeedsUpdater), the sources switched on, the MalwareBazaar families
 * followed, and the abuse.ch Auth-Key.  The switches and families are GSettings keys; the key
 * is written to the keyring only, and never shown back: the row says whether one is stored.
 */
#define G_LOG_DOMAIN "taiou-preferences"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "feeds/taiou-feeds-updater.h"
#include "taiou-application.h"
#include "taiou-feeds-preferences-page.h"
#include "taiou-settings.h"

struct _TaiouFeedsPreferencesPage
{
  AdwPreferencesPage  parent_instance;

  TaiouFeedsUpdater  *updater;
  GtkSwitch          *feodo_switch;
  GtkSwitch          *urlhaus_switch;
  GtkSwitch          *malwarebazaar_switch;
  AdwEntryRow        *families_row;
  AdwPasswordEntryRow *auth_key_row;
  GtkLabel           *auth_key_label;

  GSettings          *settings;     /* nullable: no schema installed (tests) */
  GCancellable       *cancellable;  /* keyring calls */
};

G_DEFINE_FINAL_TYPE (TaiouFeedsPreferencesPage, taiou_feeds_preferences_page,
                     ADW_TYPE_PREFERENCES_PAGE)

static void
show_families (TaiouFeedsPreferencesPage *self)
{
  g_auto(GStrv) families = g_settings_get_strv (self->settings,
                                                TAIOU_SETTINGS_FEEDS_MALWAREBAZAAR_FAMILIES);
  g_autofree char *text = g_strjoinv (", ", families);

  gtk_editable_set_text (GTK_EDITABLE (self->families_row), text);
}

static void
families_applied_cb (TaiouFeedsPreferencesPage *self)
{
  g_auto(GStrv) parts = g_strsplit (gtk_editable_get_text (GTK_EDITABLE (self->families_row)),
                                    ",", -1);
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_auto(GStrv) families = NULL;

  if (self->settings == NULL)
    return;
  for (guint i = 0; parts[i] != NULL; i++)
    {
      char *family = g_strstrip (parts[i]);

      if (family[0] != '\0' && g_utf8_validate (family, -1, NULL) && strlen (family) <= 64)
        g_strv_builder_add (builder, family);
    }
  families = g_strv_builder_end (builder);
  g_settings_set_strv (self->settings, TAIOU_SETTINGS_FEEDS_MALWAREBAZAAR_FAMILIES,
                       (const char * const *) families);
  show_families (self);
  taiou_feeds_updater_refresh (self->updater);
}

static void
key_lookup_cb (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *key = taiou_feeds_auth_key_lookup_finish (result, &error);
  TaiouFeedsPreferencesPage *self;

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  self = TAIOU_FEEDS_PREFERENCES_PAGE (user_data);
  if (error != NULL)
    gtk_label_set_text (self->auth_key_label, _("The keyring is not available, so no Auth-Key "
                                                "can be stored. MalwareBazaar is skipped."));
  else
    gtk_label_set_text (self->auth_key_label, key != NULL ? _("An Auth-Key is stored.")
                                                          : _("No Auth-Key is stored."));
  if (key != NULL)
    memset (key, 0, strlen (key));
}

static void
key_stored_cb (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(GError) error = NULL;
  TaiouFeedsPreferencesPage *self;

  taiou_feeds_auth_key_store_finish (result, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  self = TAIOU_FEEDS_PREFERENCES_PAGE (user_data);
  if (error != NULL)
    {
      g_autofree char *text = g_strdup_printf (_("The Auth-Key could not be saved: %s"),
                                               error->message);

      gtk_label_set_text (self->auth_key_label, text);
      return;
    }
  taiou_feeds_auth_key_lookup_async (self->cancellable, key_lookup_cb, self);
}

static void
auth_key_applied_cb (TaiouFeedsPreferencesPage *self)
{
  g_autofree char *key = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (
                                                                        self->auth_key_row))));

  /* Not left in the entry's buffer for longer than needed. */
  gtk_editable_set_text (GTK_EDITABLE (self->auth_key_row), "");
  gtk_label_set_text (self->auth_key_label, _("Saving…"));
  taiou_feeds_auth_key_store_async (key, self->cancellable, key_stored_cb, self);
  memset (key, 0, strlen (key));
}

static void
bind_switch (TaiouFeedsPreferencesPage *self,
             const char                *key,
             GtkSwitch                 *toggle)
{
  if (self->settings == NULL)
    {
      gtk_widget_set_sensitive (GTK_WIDGET (toggle), FALSE);
      return;
    }
  g_settings_bind (self->settings, key, toggle, "active", G_SETTINGS_BIND_DEFAULT);
  g_signal_connect_object (toggle, "notify::active", G_CALLBACK (taiou_feeds_updater_refresh),
                           self->updater, G_CONNECT_SWAPPED);
}

static void
taiou_feeds_preferences_page_dispose (GObject *object)
{
  TaiouFeedsPreferencesPage *self = TAIOU_FEEDS_PREFERENCES_PAGE (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->settings);
  gtk_widget_dispose_template (GTK_WIDGET (self), TAIOU_TYPE_FEEDS_PREFERENCES_PAGE);
  G_OBJECT_CLASS (taiou_feeds_preferences_page_parent_class)->dispose (object);
}

static void
taiou_feeds_preferences_page_class_init (TaiouFeedsPreferencesPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = taiou_feeds_preferences_page_dispose;

  g_type_ensure (TAIOU_TYPE_FEEDS_UPDATER);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/taiou/Taiou/"
                                               "taiou-feeds-preferences-page.ui");
  gtk_widget_class_bind_template_child (widget_class, TaiouFeedsPreferencesPage, updater);
  gtk_widget_class_bind_template_child (widget_class, TaiouFeedsPreferencesPage, feodo_switch);
  gtk_widget_class_bind_template_child (widget_class, TaiouFeedsPreferencesPage, urlhaus_switch);
  gtk_widget_class_bind_template_child (widget_class, TaiouFeedsPreferencesPage,
                                        malwarebazaar_switch);
  gtk_widget_class_bind_template_child (widget_class, TaiouFeedsPreferencesPage, families_row);
  gtk_widget_class_bind_template_child (widget_class, TaiouFeedsPreferencesPage, auth_key_row);
  gtk_widget_class_bind_template_child (widget_class, TaiouFeedsPreferencesPage,
                                        auth_key_label);
  gtk_widget_class_bind_template_callback (widget_class, families_applied_cb);
  gtk_widget_class_bind_template_callback (widget_class, auth_key_applied_cb);
}

static void
taiou_feeds_preferences_page_init (TaiouFeedsPreferencesPage *self)
{
  GApplication *application = g_application_get_default ();

  gtk_widget_init_template (GTK_WIDGET (self));
  self->cancellable = g_cancellable_new ();
  self->settings = TAIOU_IS_APPLICATION (application)
                   ? g_object_ref (taiou_application_get_settings (TAIOU_APPLICATION (application)))
                   : taiou_settings_new_if_installed ();
  bind_switch (self, TAIOU_SETTINGS_FEEDS_FEODO_ENABLED, self->feodo_switch);
  bind_switch (self, TAIOU_SETTINGS_FEEDS_URLHAUS_ENABLED, self->urlhaus_switch);
  bind_switch (self, TAIOU_SETTINGS_FEEDS_MALWAREBAZAAR_ENABLED, self->malwarebazaar_switch);
  if (self->settings != NULL)
    show_families (self);
  else
    gtk_widget_set_sensitive (GTK_WIDGET (self->families_row), FALSE);
  gtk_label_set_text (self->auth_key_label, _("Looking in the keyring…"));
  taiou_feeds_auth_key_lookup_async (self->cancellable, key_lookup_cb, self);
}

GtkWidget *
taiou_feeds_preferences_page_new (void)
{
  return g_object_new (TAIOU_TYPE_FEEDS_PREFERENCES_PAGE, NULL);
}
