/* taiou-notice-window-actions.c — how a finished notice leaves the editor
 *
 * Four ways out: the subject and body copied, an HTML page for the website, .eml files in Bcc
 * batches, or the mail program with one batch.  Each is an action on the window, enabled only
 * while the notice is finished, and each is recorded in the incident without the addresses.
 * The files may hold recipients' addresses, so they are readable by this user only.
 */
#define G_LOG_DOMAIN "taiou-notice"

#include "config.h"

#include <glib/gi18n.h>

#include "taiou-notice-window-private.h"

/* libadwaita 1.2 reads a toast's title as markup; ours hold paths and error messages. */
static void
show_toast (TaiouNoticeWindow *self,
            const char        *title)
{
  g_autofree char *escaped = g_markup_escape_text (title, -1);

  adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (escaped));
}

static gboolean
is_mail_notice (TaiouNoticeWindow *self)
{
  return self->current != NULL && taiou_notice_template_is_mail (self->current);
}

/* A greyed-out button says why: the one thing still missing for the mail files. */
static void
update_action_hint (TaiouNoticeWindow *self,
                    gboolean           ready_mail,
                    guint              n_addresses,
                    const char        *sender)
{
  const char *hint = NULL;

  if (ready_mail && n_addresses == 0)
    hint = _("To save the mail files, add the recipients above.");
  else if (ready_mail && !taiou_mail_address_is_valid (sender))
    hint = _("To save the mail files, enter a valid sender address above.");
  gtk_label_set_label (self->action_hint_label, hint != NULL ? hint : "");
  gtk_widget_set_visible (GTK_WIDGET (self->action_hint_label), hint != NULL);
  gtk_widget_set_tooltip_text (self->save_eml_button, hint);
}

/* What can leave depends on the notice (mail or not), whether it is finished, and the
 * recipients and sender for .eml files. */
void
_taiou_notice_window_actions_update (TaiouNoticeWindow *self)
{
  GtkWidget *widget = GTK_WIDGET (self);
  gboolean ready = self->text != NULL;
  gboolean mail = is_mail_notice (self);
  GPtrArray *addresses = taiou_notice_recipients_group_get_addresses (self->recipients_group);
  const char *sender = taiou_notice_recipients_group_get_sender (self->recipients_group);
  guint batch_size = taiou_notice_recipients_group_get_batch_size (self->recipients_group);

  gtk_widget_set_visible (GTK_WIDGET (self->recipients_group), mail);
  gtk_widget_set_visible (self->copy_subject_button, mail);
  gtk_widget_set_visible (self->save_eml_button, mail);
  gtk_widget_set_visible (self->open_mail_button, mail && addresses->len <= batch_size);
  gtk_widget_action_set_enabled (widget, "notice.copy-subject", ready && mail);
  gtk_widget_action_set_enabled (widget, "notice.copy-body", ready);
  gtk_widget_action_set_enabled (widget, "notice.save-html", ready);
  gtk_widget_action_set_enabled (widget, "notice.open-mail", ready && mail);
  gtk_widget_action_set_enabled (widget, "notice.save-eml",
                                 ready && mail && addresses->len > 0 &&
                                 taiou_mail_address_is_valid (sender));
  update_action_hint (self, ready && mail, addresses->len, sender);
}

/* Output */

static void
log_notice (TaiouNoticeWindow *self,
            const char        *format,
            guint              n_batches,
            guint              n_recipients)
{
  g_autoptr(GError) error = NULL;

  if (taiou_case_get_timeline (self->case_at_hand) != NULL && self->incident != NULL &&
      !taiou_case_record_notice (self->case_at_hand, self->incident, self->current, format,
                                 n_batches, n_recipients, &error))
    {
      g_autofree char *message = g_strdup_printf (_("The record could not be written: %s"),
                                                  error->message);

      show_toast (self, message);
    }
  _taiou_notice_window_emit_made (self, format);
}

static void
copy_subject_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  TaiouNoticeWindow *self = TAIOU_NOTICE_WINDOW (widget);

  if (self->text == NULL || self->text->subject == NULL)
    return;
  gdk_clipboard_set_text (gtk_widget_get_clipboard (widget), self->text->subject);
  show_toast (self, _("Subject copied"));
}

static void
copy_body_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  TaiouNoticeWindow *self = TAIOU_NOTICE_WINDOW (widget);

  if (self->text == NULL)
    return;
  gdk_clipboard_set_text (gtk_widget_get_clipboard (widget), self->text->body);
  show_toast (self, _("Text copied"));
  log_notice (self, "clipboard", 0, 0);
}

static gboolean
write_private_file (GFile       *file,
                    const char  *data,
                    gsize        length,
                    GError     **error)
{
  g_autofree char *path = g_file_get_path (file);

  if (path == NULL)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED,
                           _("Choose a folder on this computer."));
      return FALSE;
    }
  /* Recipients' addresses are in the files: readable by this user only. */
  return g_file_set_contents_full (path, data, (gssize) length, G_FILE_SET_CONTENTS_CONSISTENT,
                                   0600, error);
}

/**
 * taiou_notice_window_save_eml:
 * @folder: where the files go: TEMPLATE-YYYYmmdd-HHMMSS-001.eml, …-002.eml, …  The time
 *   keeps a second save from mixing its files with an earlier one's.
 *
 * Returns: the number of files written; 0 with @error set
 */
guint
taiou_notice_window_save_eml (TaiouNoticeWindow  *self,
                              GFile              *folder,
                              GError            **error)
{
  TaiouNoticeRecipientsGroup *recipients;
  GPtrArray *addresses;
  g_autoptr(GPtrArray) batches = NULL;
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *stamp = g_date_time_format (now, "%Y%m%d-%H%M%S");

  g_return_val_if_fail (TAIOU_IS_NOTICE_WINDOW (self), 0);
  g_return_val_if_fail (G_IS_FILE (folder), 0);

  if (self->text == NULL)
    {
      g_set_error_literal (error, TAIOU_NOTICE_ERROR, TAIOU_NOTICE_ERROR_MISSING,
                           _("Fill in every field marked with * first."));
      return 0;
    }
  recipients = self->recipients_group;
  addresses = taiou_notice_recipients_group_get_addresses (recipients);
  batches = taiou_notice_build_eml (self->text,
                                    taiou_notice_recipients_group_get_sender (recipients), NULL,
                                    addresses,
                                    taiou_notice_recipients_group_get_batch_size (recipients),
                                    now, error);
  if (batches == NULL)
    return 0;
  for (guint i = 0; i < batches->len; i++)
    {
      g_autofree char *name = g_strdup_printf ("%s-%s-%03u.eml",
                                               taiou_notice_template_get_name (self->current),
                                               stamp, i + 1);
      g_autoptr(GFile) file = g_file_get_child (folder, name);
      gsize length;
      const char *data = g_bytes_get_data (batches->pdata[i], &length);

      if (!write_private_file (file, data, length, error))
        return 0;
    }
  log_notice (self, "eml", batches->len, addresses->len);
  return batches->len;
}

static void
save_eml_response_cb (GtkNativeDialog   *chooser,
                      int                response,
                      TaiouNoticeWindow *self)
{
  g_autoptr(GFile) folder = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *message = NULL;
  guint n_files;

  if (response != GTK_RESPONSE_ACCEPT)
    {
      g_clear_object (&self->chooser);
      return;
    }
  folder = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
  g_clear_object (&self->chooser);
  n_files = taiou_notice_window_save_eml (self, folder, &error);
  if (n_files == 0)
    message = g_strdup_printf (_("The mail files could not be saved: %s"), error->message);
  else
    message = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                            "Saved %u mail file; open it in your mail program "
                                            "and send it",
                                            "Saved %u mail files; open each in your mail "
                                            "program and send it",
                                            n_files), n_files);
  show_toast (self, message);
}

static void
save_html_response_cb (GtkNativeDialog   *chooser,
                       int                response,
                       TaiouNoticeWindow *self)
{
  g_autoptr(GFile) file = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *html = NULL;

  if (response != GTK_RESPONSE_ACCEPT || self->text == NULL)
    {
      g_clear_object (&self->chooser);
      return;
    }
  file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
  g_clear_object (&self->chooser);
  html = taiou_notice_text_to_html (self->text, taiou_notice_template_get_title (self->current));
  if (!write_private_file (file, html, strlen (html), &error))
    {
      g_autofree char *message = g_strdup_printf (_("The HTML file could not be saved: %s"),
                                                  error->message);

      show_toast (self, message);
      return;
    }
  show_toast (self, _("HTML saved"));
  log_notice (self, "html", 0, 0);
}

static void
open_chooser (TaiouNoticeWindow    *self,
              GtkFileChooserAction  action,
              const char           *title,
              const char           *accept,
              GCallback             response_cb)
{
  if (self->chooser != NULL)
    return;
  self->chooser = gtk_file_chooser_native_new (title, GTK_WINDOW (self), action, accept,
                                               _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (self->chooser), TRUE);
  g_signal_connect (self->chooser, "response", response_cb, self);
}

static void
save_eml_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  TaiouNoticeWindow *self = TAIOU_NOTICE_WINDOW (widget);

  /* A folder: one .eml per batch of recipients goes into it. */
  open_chooser (self, GTK_FILE_CHOOSER_ACTION_SELECT_FOLDER,
                _("Choose a Folder for the Mail Files"), _("_Save Here"),
                G_CALLBACK (save_eml_response_cb));
  if (self->chooser != NULL)
    gtk_native_dialog_show (GTK_NATIVE_DIALOG (self->chooser));
}

static void
save_html_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  TaiouNoticeWindow *self = TAIOU_NOTICE_WINDOW (widget);
  g_autofree char *name = NULL;

  if (self->current == NULL || self->text == NULL)
    return;
  open_chooser (self, GTK_FILE_CHOOSER_ACTION_SAVE, _("Save as HTML"), _("_Save"),
                G_CALLBACK (save_html_response_cb));
  if (self->chooser == NULL)
    return;
  name = g_strconcat (taiou_notice_template_get_name (self->current), ".html", NULL);
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (self->chooser), name);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (self->chooser));
}

/* Recorded only once the mail program has the notice: @user_data is the batch's size. */
static void
show_uri_cb (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  TaiouNoticeWindow *self = TAIOU_NOTICE_WINDOW (source);
  g_autoptr(GError) error = NULL;

  if (!gtk_show_uri_full_finish (GTK_WINDOW (source), result, &error))
    {
      g_autofree char *message = g_strdup_printf (_("No mail program could be opened (%s). "
                                                    "Save the mail files instead."),
                                                  error->message);

      show_toast (self, message);
      return;
    }
  if (self->current != NULL)
    log_notice (self, "mail-program", 1, GPOINTER_TO_UINT (user_data));
}

/* The batch's index comes with the action; without recipients it is 0 and Bcc is empty. */
static void
open_mail_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  TaiouNoticeWindow *self = TAIOU_NOTICE_WINDOW (widget);
  GPtrArray *addresses = taiou_notice_recipients_group_get_addresses (self->recipients_group);
  guint batch_size = taiou_notice_recipients_group_get_batch_size (self->recipients_group);
  guint batch = g_variant_get_uint32 (parameter);
  guint first = batch * batch_size;
  g_autofree char *uri = NULL;

  if (self->text == NULL || (addresses->len > 0 && first >= addresses->len))
    return;
  uri = taiou_notice_build_mailto (self->text, addresses, first, batch_size);
  gtk_show_uri_full (GTK_WINDOW (self), uri, GDK_CURRENT_TIME, NULL, show_uri_cb,
                     GUINT_TO_POINTER (addresses->len > 0 ? MIN (batch_size, addresses->len - first)
                                                          : 0));
}

/* Called from class_init; Ctrl+S saves the .eml files, the way out that takes the most care. */
void
_taiou_notice_window_class_actions_init (TaiouNoticeWindowClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  gtk_widget_class_install_action (widget_class, "notice.copy-subject", NULL,
                                   copy_subject_action);
  gtk_widget_class_install_action (widget_class, "notice.copy-body", NULL, copy_body_action);
  gtk_widget_class_install_action (widget_class, "notice.save-html", NULL, save_html_action);
  gtk_widget_class_install_action (widget_class, "notice.save-eml", NULL, save_eml_action);
  gtk_widget_class_install_action (widget_class, "notice.open-mail", "u", open_mail_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_s, GDK_CONTROL_MASK,
                                       "notice.save-eml", NULL);
}

/* Returns: why the mail files cannot be saved yet, or "" */
const char *
taiou_notice_window_get_action_hint (TaiouNoticeWindow *self)
{
  g_return_val_if_fail (TAIOU_IS_NOTICE_WINDOW (self), NULL);

  return gtk_label_get_label (self->action_hint_label);
}
