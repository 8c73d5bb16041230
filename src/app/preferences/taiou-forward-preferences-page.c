/* taiou-forward-preferences-page.c — Preferences: forwarding the record to a syslog collector
 *
 * The switches and the port follow Preferences as they change; the host is saved only when it
 * is one a connection can use, with a message saying what is wrong otherwise.  The app's
 * forward runner (TaiouApplication) follows the same keys, so a change takes effect at once.
 */
#define G_LOG_DOMAIN "taiou-preferences"

#include "config.h"

#include <glib/gi18n.h>

#include "taiou-application.h"
#include "taiou-forward-preferences-page.h"
#include "taiou-forward-settings.h"

struct _TaiouForwardPreferencesPage
{
  AdwPreferencesPage    parent_instance;

  GtkSwitch            *enabled_switch;
  AdwEntryRow          *host_row;
  GtkSpinButton        *port_spin;
  GtkSwitch            *tls_switch;
  AdwActionRow         *ca_row;
  AdwActionRow         *status_row;

  GSettings            *settings;
  TaiouForwardRunner   *runner;  /* the app's, to show how it goes; NULL outside the app */
  GtkFileChooserNative *chooser;
};

G_DEFINE_FINAL_TYPE (TaiouForwardPreferencesPage, taiou_forward_preferences_page,
                     ADW_TYPE_PREFERENCES_PAGE)

static void
show_toast (TaiouForwardPreferencesPage *self,
            const char                  *text)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));

  if (ADW_IS_PREFERENCES_WINDOW (root))
    adw_preferences_window_add_toast (ADW_PREFERENCES_WINDOW (root), adw_toast_new (text));
}

static void
update_ca_row (TaiouForwardPreferencesPage *self)
{
  g_autofree char *ca_file = g_settings_get_string (self->settings,
                                                    TAIOU_SETTINGS_FORWARD_CA_FILE);

  adw_action_row_set_subtitle (self->ca_row, ca_file[0] != '\0'
                                             ? ca_file
                                             : _("The authorities this computer trusts"));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "forward.clear-ca", ca_file[0] != '\0');
  gtk_widget_set_sensitive (GTK_WIDGET (self->ca_row),
                            g_settings_get_boolean (self->settings, TAIOU_SETTINGS_FORWARD_TLS));
}

/* Whether forwarding works, so the IT manager sees a refused certificate or an unreachable
 * server here rather than in a SIEM that stays empty. */
static void
update_status_row (TaiouForwardPreferencesPage *self)
{
  const GError *error;
  g_autofree char *text = NULL;

  gtk_widget_set_visible (GTK_WIDGET (self->status_row), self->runner != NULL);
  if (self->runner == NULL)
    return;
  error = taiou_forward_runner_get_last_error (self->runner);
  if (!g_settings_get_boolean (self->settings, TAIOU_SETTINGS_FORWARD_ENABLED))
    text = g_strdup (_("Off"));
  else if (error != NULL)
    text = g_strdup_printf (_("%s (next try in %u s)"), error->message,
                            taiou_forward_runner_get_retry_s (self->runner));
  else
    text = g_strdup (_("Events are sent as they are recorded."));
  adw_action_row_set_subtitle (self->status_row, text);
  if (error != NULL)
    gtk_widget_add_css_class (GTK_WIDGET (self->status_row), "error");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self->status_row), "error");
}

static void
settings_changed_cb (TaiouForwardPreferencesPage *self,
                     const char                  *key)
{
  update_status_row (self);
  if (g_strcmp0 (key, TAIOU_SETTINGS_FORWARD_CA_FILE) == 0 ||
      g_strcmp0 (key, TAIOU_SETTINGS_FORWARD_TLS) == 0)
    update_ca_row (self);
}

static void
host_applied_cb (TaiouForwardPreferencesPage *self)
{
  g_autoptr(TaiouForwardDestination) destination = NULL;
  g_autoptr(GError) error = NULL;
  const char *host = gtk_editable_get_text (GTK_EDITABLE (self->host_row));

  destination = taiou_forward_destination_new (host, TAIOU_FORWARD_DEFAULT_PORT, TRUE, NULL,
                                               &error);
  if (destination == NULL)
    {
      gtk_widget_add_css_class (GTK_WIDGET (self->host_row), "error");
      show_toast (self, error->message);
      return;
    }
  gtk_widget_remove_css_class (GTK_WIDGET (self->host_row), "error");
  g_settings_set_string (self->settings, TAIOU_SETTINGS_FORWARD_HOST, destination->host);
  gtk_editable_set_text (GTK_EDITABLE (self->host_row), destination->host);
  show_toast (self, _("Syslog server saved."));
}

static void
chooser_response_cb (TaiouForwardPreferencesPage *self,
                     int                          response)
{
  g_autoptr(GFile) file = NULL;
  g_autofree char *path = NULL;

  if (response == GTK_RESPONSE_ACCEPT)
    file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (self->chooser));
  if (file != NULL)
    path = g_file_get_path (file);
  if (path != NULL)
    g_settings_set_string (self->settings, TAIOU_SETTINGS_FORWARD_CA_FILE, path);
}

static void
choose_ca_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  TaiouForwardPreferencesPage *self = TAIOU_FORWARD_PREFERENCES_PAGE (widget);
  GtkRoot *root = gtk_widget_get_root (widget);
  g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();

  gtk_file_filter_set_name (filter, _("PEM certificates"));
  gtk_file_filter_add_pattern (filter, "*.pem");
  gtk_file_filter_add_pattern (filter, "*.crt");
  gtk_file_filter_add_pattern (filter, "*.cer");
  g_clear_object (&self->chooser);
  self->chooser = gtk_file_chooser_native_new (_("Choose the CA certificate file"),
                                               GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                               GTK_FILE_CHOOSER_ACTION_OPEN, _("_Choose"),
                                               _("_Cancel"));
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (self->chooser), filter);
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (self->chooser), TRUE);
  g_signal_connect_swapped (self->chooser, "response", G_CALLBACK (chooser_response_cb), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (self->chooser));
}

static void
clear_ca_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  TaiouForwardPreferencesPage *self = TAIOU_FORWARD_PREFERENCES_PAGE (widget);

  g_settings_set_string (self->settings, TAIOU_SETTINGS_FORWARD_CA_FILE, "");
}

static void
taiou_forward_preferences_page_dispose (GObject *object)
{
  TaiouForwardPreferencesPage *self = TAIOU_FORWARD_PREFERENCES_PAGE (object);

  if (self->chooser != NULL)
    gtk_native_dialog_destroy (GTK_NATIVE_DIALOG (self->chooser));
  g_clear_object (&self->chooser);
  if (self->settings != NULL)
    g_signal_handlers_disconnect_by_func (self->settings, settings_changed_cb, self);
  if (self->runner != NULL)
    g_signal_handlers_disconnect_by_func (self->runner, update_status_row, self);
  g_clear_object (&self->runner);
  g_clear_object (&self->settings);
  gtk_widget_dispose_template (GTK_WIDGET (self), TAIOU_TYPE_FORWARD_PREFERENCES_PAGE);

  G_OBJECT_CLASS (taiou_forward_preferences_page_parent_class)->dispose (object);
}

static void
taiou_forward_preferences_page_class_init (TaiouForwardPreferencesPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = taiou_forward_preferences_page_dispose;

  gtk_widget_class_set_template_from_resource (
    widget_class, "/io/github/taiou/Taiou/preferences/taiou-forward-preferences-page.ui");
  gtk_widget_class_bind_template_child (widget_class, TaiouForwardPreferencesPage,
                                        enabled_switch);
  gtk_widget_class_bind_template_child (widget_class, TaiouForwardPreferencesPage, host_row);
  gtk_widget_class_bind_template_child (widget_class, TaiouForwardPreferencesPage, port_spin);
  gtk_widget_class_bind_template_child (widget_class, TaiouForwardPreferencesPage, tls_switch);
  gtk_widget_class_bind_template_child (widget_class, TaiouForwardPreferencesPage, ca_row);
  gtk_widget_class_bind_template_child (widget_class, TaiouForwardPreferencesPage, status_row);
  gtk_widget_class_bind_template_callback (widget_class, host_applied_cb);
  gtk_widget_class_install_action (widget_class, "forward.choose-ca", NULL, choose_ca_action);
  gtk_widget_class_install_action (widget_class, "forward.clear-ca", NULL, clear_ca_action);
}

static void
taiou_forward_preferences_page_init (TaiouForwardPreferencesPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

AdwPreferencesPage *
taiou_forward_preferences_page_new (GSettings *settings)
{
  TaiouForwardPreferencesPage *self;
  g_autofree char *host = NULL;
  GApplication *application;

  g_return_val_if_fail (G_IS_SETTINGS (settings), NULL);

  self = g_object_new (TAIOU_TYPE_FORWARD_PREFERENCES_PAGE, NULL);
  self->settings = g_object_ref (settings);

  host = g_settings_get_string (settings, TAIOU_SETTINGS_FORWARD_HOST);
  gtk_editable_set_text (GTK_EDITABLE (self->host_row), host);
  g_settings_bind (settings, TAIOU_SETTINGS_FORWARD_ENABLED, self->enabled_switch, "active",
                   G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (settings, TAIOU_SETTINGS_FORWARD_TLS, self->tls_switch, "active",
                   G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (settings, TAIOU_SETTINGS_FORWARD_PORT, self->port_spin, "value",
                   G_SETTINGS_BIND_DEFAULT);
  g_signal_connect_swapped (settings, "changed", G_CALLBACK (settings_changed_cb), self);
  update_ca_row (self);
  application = g_application_get_default ();
  if (TAIOU_IS_APPLICATION (application))
    taiou_forward_preferences_page_set_runner (
      self, taiou_application_get_forward_runner (TAIOU_APPLICATION (application)));
  update_status_row (self);
  return ADW_PREFERENCES_PAGE (self);
}

/* Shows how @runner's forwarding goes in the page's status row; NULL hides it. */
void
taiou_forward_preferences_page_set_runner (TaiouForwardPreferencesPage *self,
                                           TaiouForwardRunner          *runner)
{
  g_return_if_fail (TAIOU_IS_FORWARD_PREFERENCES_PAGE (self));
  g_return_if_fail (runner == NULL || TAIOU_IS_FORWARD_RUNNER (runner));

  if (self->runner != NULL)
    g_signal_handlers_disconnect_by_func (self->runner, update_status_row, self);
  g_set_object (&self->runner, runner);
  if (runner != NULL)
    g_signal_connect_swapped (runner, "notify::last-error", G_CALLBACK (update_status_row),
                              self);
  update_status_row (self);
}
