/* taiou-volume-serial-dialog.c — asks for the Windows disk's serial when it cannot be read
 *
 * EmoCheck's first two rules find Emotet by names made from the volume serial of the Windows
 * drive.  Linux reads it from the partition when it may open the disk; when it may not (no
 * "disk" group) or when the user chose a copied folder, only the person can give it: Windows'
 * own `vol C:` prints it.  Checking without it stays possible — the other rules still run —
 * so this never blocks the check.  "Check" is enabled only for a well-formed serial.
 */
#define G_LOG_DOMAIN "taiou-scan-page"

#include "config.h"

#include <glib/gi18n.h>

#include "guidance/taiou-guidance-view.h"
#include "taiou-volume-serial-dialog.h"
#include "taiou.h"

struct _TaiouVolumeSerialDialog
{
  AdwMessageDialog  parent_instance;

  GtkEntry         *entry;
  GtkLabel         *problem_label;
};

G_DEFINE_FINAL_TYPE (TaiouVolumeSerialDialog, taiou_volume_serial_dialog,
                     ADW_TYPE_MESSAGE_DIALOG)

static void
entry_changed_cb (TaiouVolumeSerialDialog *self)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (self->entry));
  g_autofree char *trimmed = g_strstrip (g_strdup (text));
  guint32 serial;
  gboolean valid = taiou_volume_serial_parse (trimmed, &serial, NULL);

  adw_message_dialog_set_response_enabled (ADW_MESSAGE_DIALOG (self),
                                           TAIOU_VOLUME_SERIAL_RESPONSE_CHECK, valid);
  /* Say why only once something was typed: an empty entry is not a mistake. */
  gtk_widget_set_visible (GTK_WIDGET (self->problem_label), !valid && *trimmed != '\0');
  if (valid)
    gtk_widget_remove_css_class (GTK_WIDGET (self->entry), "error");
  else if (*trimmed != '\0')
    gtk_widget_add_css_class (GTK_WIDGET (self->entry), "error");
}

static void
entry_activate_cb (TaiouVolumeSerialDialog *self)
{
  if (adw_message_dialog_get_response_enabled (ADW_MESSAGE_DIALOG (self),
                                               TAIOU_VOLUME_SERIAL_RESPONSE_CHECK))
    adw_message_dialog_response (ADW_MESSAGE_DIALOG (self), TAIOU_VOLUME_SERIAL_RESPONSE_CHECK);
}

static void
taiou_volume_serial_dialog_class_init (TaiouVolumeSerialDialogClass *klass)
{
}

static void
taiou_volume_serial_dialog_init (TaiouVolumeSerialDialog *self)
{
  AdwMessageDialog *dialog = ADW_MESSAGE_DIALOG (self);
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 12);

  adw_message_dialog_set_heading (dialog, _("What Is the Disk’s Serial Number?"));
  adw_message_dialog_set_body (dialog,
                               _("Some Emotet file names are made from the serial number of "
                                 "the Windows disk, and it could not be read here. With it, the "
                                 "check can find those names too. You can also check without "
                                 "it."));
  gtk_box_append (GTK_BOX (box), taiou_guidance_view_new ("scan.volume-serial-vol"));

  self->entry = GTK_ENTRY (gtk_entry_new ());
  /* Translators: what `vol C:` prints; keep the digits */
  gtk_entry_set_placeholder_text (self->entry, _("For example 1A2B-3C4D"));
  gtk_entry_set_max_length (self->entry, 16);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->entry),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Volume serial number"),
                                  -1);
  g_signal_connect_swapped (self->entry, "changed", G_CALLBACK (entry_changed_cb), self);
  g_signal_connect_swapped (self->entry, "activate", G_CALLBACK (entry_activate_cb), self);
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (self->entry));

  self->problem_label = GTK_LABEL (gtk_label_new (_("Type the eight letters and digits that "
                                                     "vol shows, such as 1A2B-3C4D.")));
  gtk_label_set_wrap (self->problem_label, TRUE);
  gtk_label_set_xalign (self->problem_label, 0);
  gtk_widget_add_css_class (GTK_WIDGET (self->problem_label), "error");
  gtk_widget_add_css_class (GTK_WIDGET (self->problem_label), "caption");
  gtk_widget_set_visible (GTK_WIDGET (self->problem_label), FALSE);
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (self->problem_label));
  adw_message_dialog_set_extra_child (dialog, box);

  adw_message_dialog_add_responses (dialog,
                                    TAIOU_VOLUME_SERIAL_RESPONSE_WITHOUT,
                                    _("Check _Without It"),
                                    TAIOU_VOLUME_SERIAL_RESPONSE_CHECK, _("_Check"),
                                    NULL);
  adw_message_dialog_set_response_appearance (dialog, TAIOU_VOLUME_SERIAL_RESPONSE_CHECK,
                                              ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_response_enabled (dialog, TAIOU_VOLUME_SERIAL_RESPONSE_CHECK, FALSE);
  adw_message_dialog_set_default_response (dialog, TAIOU_VOLUME_SERIAL_RESPONSE_CHECK);
  adw_message_dialog_set_close_response (dialog, TAIOU_VOLUME_SERIAL_RESPONSE_WITHOUT);
}

TaiouVolumeSerialDialog *
taiou_volume_serial_dialog_new (GtkWindow *parent)
{
  return g_object_new (TAIOU_TYPE_VOLUME_SERIAL_DIALOG, "transient-for", parent, "modal", TRUE,
                       NULL);
}

/* Types @text as the user would (the tests use it). */
void
taiou_volume_serial_dialog_set_text (TaiouVolumeSerialDialog *self,
                                     const char              *text)
{
  g_return_if_fail (TAIOU_IS_VOLUME_SERIAL_DIALOG (self));
  gtk_editable_set_text (GTK_EDITABLE (self->entry), text);
}

/* Returns: whether a well-formed serial was typed, then stored in @serial */
gboolean
taiou_volume_serial_dialog_get_serial (TaiouVolumeSerialDialog *self,
                                       guint32                 *serial)
{
  g_autofree char *trimmed = NULL;

  g_return_val_if_fail (TAIOU_IS_VOLUME_SERIAL_DIALOG (self), FALSE);
  g_return_val_if_fail (serial != NULL, FALSE);

  trimmed = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->entry))));
  return taiou_volume_serial_parse (trimmed, serial, NULL);
}
