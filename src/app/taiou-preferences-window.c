/* taiou-preferences-window.c — who we are: organisation, domains, staff, IT manager, sender
 *
 * Plain text settings are saved as they are typed.  Mail domains and addresses decide later
 * whether a sender is "one of ours" and what goes into a From line, so they are saved only when
 * valid, with an "apply" button and a message saying what is wrong.
 */
#define G_LOG_DOMAIN "taiou-preferences"

#include "config.h"

#include <glib/gi18n.h>

#include "taiou.h"
#include "preferences/taiou-checkpoint-preferences-page.h"
#include "taiou-preferences-window.h"
#include "preferences/taiou-feeds-preferences-page.h"
#include "preferences/taiou-forward-preferences-page.h"
#include "preferences/taiou-scan-preferences-page.h"
#include "preferences/taiou-yara-preferences-page.h"

struct _TaiouPreferencesWindow
{
  AdwPreferencesWindow  parent_instance;

  AdwEntryRow          *organization_row;
  AdwEntryRow          *domains_row;
  AdwEntryRow          *authserv_row;
  GtkTextView          *staff_view;
  AdwEntryRow          *manager_name_row;
  AdwEntryRow          *manager_department_row;
  AdwEntryRow          *manager_phone_row;
  AdwEntryRow          *manager_email_row;
  AdwEntryRow          *sender_row;

  GSettings            *settings;
};

G_DEFINE_FINAL_TYPE (TaiouPreferencesWindow, taiou_preferences_window,
                     ADW_TYPE_PREFERENCES_WINDOW)

static void
show_toast (TaiouPreferencesWindow *self,
            const char             *text)
{
  adw_preferences_window_add_toast (ADW_PREFERENCES_WINDOW (self), adw_toast_new (text));
}

static void
set_row_error (AdwEntryRow *row,
               gboolean     error)
{
  if (error)
    gtk_widget_add_css_class (GTK_WIDGET (row), "error");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (row), "error");
}

static void
domains_applied_cb (TaiouPreferencesWindow *self)
{
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) domains = NULL;
  g_autofree char *normalized = NULL;

  domains = taiou_mail_domains_parse (gtk_editable_get_text (GTK_EDITABLE (self->domains_row)),
                                      &error);
  set_row_error (self->domains_row, domains == NULL);
  if (domains == NULL)
    {
      show_toast (self, error->message);
      return;
    }

  g_settings_set_strv (self->settings, "mail-domains", (const char * const *) domains);
  normalized = taiou_mail_domains_format ((const char * const *) domains);
  gtk_editable_set_text (GTK_EDITABLE (self->domains_row), normalized);
  show_toast (self, _("Mail domains saved."));
}

static void
authserv_applied_cb (TaiouPreferencesWindow *self)
{
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) ids = NULL;
  g_autofree char *normalized = NULL;

  ids = taiou_mail_authserv_ids_parse (gtk_editable_get_text (GTK_EDITABLE (self->authserv_row)),
                                       &error);
  set_row_error (self->authserv_row, ids == NULL);
  if (ids == NULL)
    {
      show_toast (self, error->message);
      return;
    }

  g_settings_set_strv (self->settings, "trusted-authserv-ids", (const char * const *) ids);
  normalized = g_strjoinv (", ", ids);
  gtk_editable_set_text (GTK_EDITABLE (self->authserv_row), normalized);
  show_toast (self, _("Trusted mail servers saved."));
}

static void
address_applied_cb (TaiouPreferencesWindow *self,
                    AdwEntryRow            *row)
{
  g_autofree char *address = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (row))));
  const char *key = g_object_get_data (G_OBJECT (row), "settings-key");
  gboolean valid = address[0] == '\0' || taiou_mail_address_is_valid (address);

  set_row_error (row, !valid);
  if (!valid)
    {
      g_autofree char *text = g_strdup_printf (_("“%s” is not a mail address such as "
                                                 "taro@example.co.jp."),
                                               address);
      show_toast (self, text);
      return;
    }
  g_settings_set_string (self->settings, key, address);
  show_toast (self, _("Mail address saved."));
}

static void
staff_changed_cb (TaiouPreferencesWindow *self)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (self->staff_view);
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_auto(GStrv) lines = NULL;
  g_auto(GStrv) names = NULL;
  g_autofree char *text = NULL;
  GtkTextIter start, end;

  gtk_text_buffer_get_bounds (buffer, &start, &end);
  text = gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
  lines = g_strsplit (text, "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    if (g_strstrip (lines[i])[0] != '\0')
      g_strv_builder_add (builder, lines[i]);
  names = g_strv_builder_end (builder);
  g_settings_set_strv (self->settings, "staff-names", (const char * const *) names);
}

static void
load_values (TaiouPreferencesWindow *self)
{
  g_auto(GStrv) domains = g_settings_get_strv (self->settings, "mail-domains");
  g_auto(GStrv) staff = g_settings_get_strv (self->settings, "staff-names");
  g_autofree char *domains_text = taiou_mail_domains_format ((const char * const *) domains);
  g_autofree char *staff_text = g_strjoinv ("\n", staff);
  g_autofree char *manager_email = g_settings_get_string (self->settings, "it-manager-email");
  g_autofree char *sender = g_settings_get_string (self->settings, "notice-sender");
  g_auto(GStrv) authserv_ids = g_settings_get_strv (self->settings, "trusted-authserv-ids");
  g_autofree char *authserv_text = g_strjoinv (", ", authserv_ids);

  gtk_editable_set_text (GTK_EDITABLE (self->domains_row), domains_text);
  gtk_editable_set_text (GTK_EDITABLE (self->manager_email_row), manager_email);
  gtk_editable_set_text (GTK_EDITABLE (self->sender_row), sender);
  gtk_editable_set_text (GTK_EDITABLE (self->authserv_row), authserv_text);
  gtk_text_buffer_set_text (gtk_text_view_get_buffer (self->staff_view), staff_text, -1);

  g_settings_bind (self->settings, "organization-name", self->organization_row, "text",
                   G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (self->settings, "it-manager-name", self->manager_name_row, "text",
                   G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (self->settings, "it-manager-department", self->manager_department_row,
                   "text", G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (self->settings, "it-manager-phone", self->manager_phone_row, "text",
                   G_SETTINGS_BIND_DEFAULT);

  g_object_set_data (G_OBJECT (self->manager_email_row), "settings-key", "it-manager-email");
  g_object_set_data (G_OBJECT (self->sender_row), "settings-key", "notice-sender");
  g_signal_connect_object (gtk_text_view_get_buffer (self->staff_view), "changed",
                           G_CALLBACK (staff_changed_cb), self, G_CONNECT_SWAPPED);
}

static void
taiou_preferences_window_dispose (GObject *object)
{
  TaiouPreferencesWindow *self = TAIOU_PREFERENCES_WINDOW (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), TAIOU_TYPE_PREFERENCES_WINDOW);
  g_clear_object (&self->settings);

  G_OBJECT_CLASS (taiou_preferences_window_parent_class)->dispose (object);
}

static void
taiou_preferences_window_class_init (TaiouPreferencesWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = taiou_preferences_window_dispose;

  gtk_widget_class_set_template_from_resource (
    widget_class, "/io/github/taiou/Taiou/taiou-preferences-window.ui");
  gtk_widget_class_bind_template_child (widget_class, TaiouPreferencesWindow, organization_row);
  gtk_widget_class_bind_template_child (widget_class, TaiouPreferencesWindow, domains_row);
  gtk_widget_class_bind_template_child (widget_class, TaiouPreferencesWindow, staff_view);
  gtk_widget_class_bind_template_child (widget_class, TaiouPreferencesWindow, manager_name_row);
  gtk_widget_class_bind_template_child (widget_class, TaiouPreferencesWindow, manager_phone_row);
  gtk_widget_class_bind_template_child (widget_class, TaiouPreferencesWindow,
                                        manager_department_row);
  gtk_widget_class_bind_template_child (widget_class, TaiouPreferencesWindow, manager_email_row);
  gtk_widget_class_bind_template_child (widget_class, TaiouPreferencesWindow, sender_row);
  gtk_widget_class_bind_template_child (widget_class, TaiouPreferencesWindow, authserv_row);
  gtk_widget_class_bind_template_callback (widget_class, domains_applied_cb);
  gtk_widget_class_bind_template_callback (widget_class, address_applied_cb);
  gtk_widget_class_bind_template_callback (widget_class, authserv_applied_cb);
}

static void
taiou_preferences_window_init (TaiouPreferencesWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  adw_preferences_window_add (ADW_PREFERENCES_WINDOW (self),
                              ADW_PREFERENCES_PAGE (taiou_feeds_preferences_page_new ()));
  adw_preferences_window_add (ADW_PREFERENCES_WINDOW (self),
                              taiou_checkpoint_preferences_page_new ());
  adw_preferences_window_add (ADW_PREFERENCES_WINDOW (self),
                              ADW_PREFERENCES_PAGE (taiou_scan_preferences_page_new ()));
  adw_preferences_window_add (ADW_PREFERENCES_WINDOW (self),
                              ADW_PREFERENCES_PAGE (taiou_yara_preferences_page_new ()));
}

TaiouPreferencesWindow *
taiou_preferences_window_new (GtkWindow *parent,
                              GSettings *settings)
{
  TaiouPreferencesWindow *self;

  g_return_val_if_fail (parent == NULL || GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (G_IS_SETTINGS (settings), NULL);

  self = g_object_new (TAIOU_TYPE_PREFERENCES_WINDOW,
                       "transient-for", parent,
                       "modal", parent != NULL,
                       NULL);
  self->settings = g_object_ref (settings);
  load_values (self);
  adw_preferences_window_add (ADW_PREFERENCES_WINDOW (self),
                              taiou_forward_preferences_page_new (settings));
  return self;
}
