/* taiou-first-run-dialog.c — asks once for the organisation, its mail domains and the IT manager
 *
 * Someone may open Taiou for the first time in the middle of an incident, so this is one short
 * question that "Later" dismisses; either answer marks the first run as done.  The IT manager's
 * contact is asked here because the notices' お問い合わせ先 and the wizard's "call" lines are
 * empty without it, and nobody finds Preferences in a hurry.
 */
#define G_LOG_DOMAIN "taiou-first-run"

#include "config.h"

#include <glib/gi18n.h>

#include "taiou.h"
#include "taiou-first-run-dialog.h"

struct _TaiouFirstRunDialog
{
  AdwMessageDialog  parent_instance;

  AdwEntryRow      *organization_row;
  AdwEntryRow      *domains_row;
  AdwEntryRow      *it_manager_name_row;
  AdwEntryRow      *it_manager_phone_row;
  AdwEntryRow      *it_manager_email_row;

  GSettings        *settings;
};

G_DEFINE_FINAL_TYPE (TaiouFirstRunDialog, taiou_first_run_dialog, ADW_TYPE_MESSAGE_DIALOG)

static GStrv
parse_domains (TaiouFirstRunDialog  *self,
               GError              **error)
{
  return taiou_mail_domains_parse (gtk_editable_get_text (GTK_EDITABLE (self->domains_row)), error);
}

static char *
dup_stripped_text (AdwEntryRow *row)
{
  return g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (row))));
}

static gboolean
email_is_acceptable (TaiouFirstRunDialog *self)
{
  g_autofree char *email = dup_stripped_text (self->it_manager_email_row);

  return email[0] == '\0' || taiou_mail_address_is_valid (email);
}

static void
mark_row (AdwEntryRow *row,
          gboolean     valid)
{
  if (valid)
    gtk_widget_remove_css_class (GTK_WIDGET (row), "error");
  else
    gtk_widget_add_css_class (GTK_WIDGET (row), "error");
}

/* "Save" stays greyed out, and the row red, while the domains or the address cannot be read. */
static void
domains_changed_cb (TaiouFirstRunDialog *self)
{
  g_auto(GStrv) domains = parse_domains (self, NULL);
  gboolean email_ok = email_is_acceptable (self);

  adw_message_dialog_set_response_enabled (ADW_MESSAGE_DIALOG (self), "save",
                                           domains != NULL && email_ok);
  mark_row (self->domains_row, domains != NULL);
  mark_row (self->it_manager_email_row, email_ok);
}

static void
taiou_first_run_dialog_response (AdwMessageDialog *dialog,
                                 const char       *response)
{
  TaiouFirstRunDialog *self = TAIOU_FIRST_RUN_DIALOG (dialog);

  if (g_strcmp0 (response, "save") == 0)
    {
      g_autofree char *organization = NULL;
      g_auto(GStrv) domains = parse_domains (self, NULL);

      organization = g_strstrip (g_strdup (gtk_editable_get_text (
                                             GTK_EDITABLE (self->organization_row))));
      g_settings_set_string (self->settings, "organization-name", organization);
      if (domains != NULL)
        g_settings_set_strv (self->settings, "mail-domains", (const char * const *) domains);
      if (email_is_acceptable (self))
        {
          g_autofree char *name = dup_stripped_text (self->it_manager_name_row);
          g_autofree char *phone = dup_stripped_text (self->it_manager_phone_row);
          g_autofree char *email = dup_stripped_text (self->it_manager_email_row);

          g_settings_set_string (self->settings, "it-manager-name", name);
          g_settings_set_string (self->settings, "it-manager-phone", phone);
          g_settings_set_string (self->settings, "it-manager-email", email);
        }
    }
  g_settings_set_boolean (self->settings, "first-run-done", TRUE);
}

static void
taiou_first_run_dialog_dispose (GObject *object)
{
  TaiouFirstRunDialog *self = TAIOU_FIRST_RUN_DIALOG (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), TAIOU_TYPE_FIRST_RUN_DIALOG);
  g_clear_object (&self->settings);

  G_OBJECT_CLASS (taiou_first_run_dialog_parent_class)->dispose (object);
}

static void
taiou_first_run_dialog_class_init (TaiouFirstRunDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  AdwMessageDialogClass *dialog_class = ADW_MESSAGE_DIALOG_CLASS (klass);

  object_class->dispose = taiou_first_run_dialog_dispose;
  dialog_class->response = taiou_first_run_dialog_response;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/taiou/Taiou/taiou-first-run-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, TaiouFirstRunDialog, organization_row);
  gtk_widget_class_bind_template_child (widget_class, TaiouFirstRunDialog, domains_row);
  gtk_widget_class_bind_template_child (widget_class, TaiouFirstRunDialog, it_manager_name_row);
  gtk_widget_class_bind_template_child (widget_class, TaiouFirstRunDialog, it_manager_phone_row);
  gtk_widget_class_bind_template_child (widget_class, TaiouFirstRunDialog, it_manager_email_row);
  gtk_widget_class_bind_template_callback (widget_class, domains_changed_cb);
}

static void
taiou_first_run_dialog_init (TaiouFirstRunDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

TaiouFirstRunDialog *
taiou_first_run_dialog_new (GtkWindow *parent,
                            GSettings *settings)
{
  TaiouFirstRunDialog *self;

  g_return_val_if_fail (parent == NULL || GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (G_IS_SETTINGS (settings), NULL);

  self = g_object_new (TAIOU_TYPE_FIRST_RUN_DIALOG,
                       "transient-for", parent,
                       "modal", TRUE,
                       NULL);
  self->settings = g_object_ref (settings);
  return self;
}
