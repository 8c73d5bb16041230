/* taiou-notice-recipients-group.c — who gets the notice: pasted or imported, all in Bcc
 *
 * People paste whatever they have — a column from a spreadsheet, "Name <address>" lines — or
 * import what Outlook, Thunderbird or a phone exports.  Whatever it is, the group shows at once
 * how many valid addresses it found, which ones it leaves out, and how many messages that makes;
 * one row per message then opens that batch in the mail program (the window's
 * "notice.open-mail" action, with the batch's index).
 */
#define G_LOG_DOMAIN "taiou-notice"

#include "config.h"

#include <glib/gi18n.h>

#include "taiou.h"
#include "taiou-notice-recipients-group.h"

/* An exported address book of a small office is far below this; a bigger file is a mistake. */
#define MAX_ADDRESS_BOOK_SIZE (16 * 1024 * 1024)
#define MAX_INVALID_SHOWN 5
/* Opening messages one by one stops making sense long before this; the files do not. */
#define MAX_BATCH_ROWS 50

struct _TaiouNoticeRecipientsGroup
{
  AdwPreferencesGroup  parent_instance;

  AdwEntryRow         *sender_row;
  GtkTextView         *addresses_view;
  AdwActionRow        *status_row;
  GtkSpinButton       *batch_spin;
  GtkListBox          *batch_list;

  TaiouNoticeRecipients *recipients;
  GtkFileChooserNative *chooser;
};

G_DEFINE_FINAL_TYPE (TaiouNoticeRecipientsGroup, taiou_notice_recipients_group,
                     ADW_TYPE_PREFERENCES_GROUP)

enum {
  SIGNAL_CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
update_batches (TaiouNoticeRecipientsGroup *self)
{
  guint n_addresses = self->recipients->addresses->len;
  guint batch_size = taiou_notice_recipients_group_get_batch_size (self);
  guint n_batches = (n_addresses + batch_size - 1) / batch_size;
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->batch_list))) != NULL)
    gtk_list_box_remove (self->batch_list, child);
  for (guint i = 0; i < MIN (n_batches, MAX_BATCH_ROWS); i++)
    {
      GtkWidget *row = adw_action_row_new ();
      GtkWidget *button = gtk_button_new_with_label (_("Open in Mail Program"));
      guint count = MIN (batch_size, n_addresses - i * batch_size);
      g_autofree char *title = g_strdup_printf (_("Message %u of %u"), i + 1, n_batches);
      g_autofree char *subtitle = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                                "%u recipient in Bcc",
                                                                "%u recipients in Bcc", count),
                                                   count);

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
      gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
      gtk_actionable_set_action_name (GTK_ACTIONABLE (button), "notice.open-mail");
      gtk_actionable_set_action_target (GTK_ACTIONABLE (button), "u", i);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), button);
      gtk_list_box_append (self->batch_list, row);
    }
  if (n_batches > MAX_BATCH_ROWS)
    {
      GtkWidget *row = adw_action_row_new ();

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row),
                                     _("For the other messages, save the mail files"));
      gtk_list_box_append (self->batch_list, row);
    }
  /* One message is sent with the editor's own button; rows only when there are several. */
  gtk_widget_set_visible (GTK_WIDGET (self->batch_list), n_batches > 1);
}

static void
update_status (TaiouNoticeRecipientsGroup *self)
{
  GPtrArray *addresses = self->recipients->addresses;
  GPtrArray *invalid = self->recipients->invalid;
  guint batch_size = taiou_notice_recipients_group_get_batch_size (self);
  guint n_batches = (addresses->len + batch_size - 1) / batch_size;
  g_autofree char *title = NULL;
  g_autoptr(GString) subtitle = g_string_new (NULL);

  if (addresses->len == 0)
    title = g_strdup (_("No recipients yet"));
  else
    {
      g_autofree char *count = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u address",
                                                             "%u addresses", addresses->len),
                                                addresses->len);

      title = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s in %u message",
                                            "%s in %u messages", n_batches),
                               count, n_batches);
    }
  if (invalid->len > 0)
    {
      g_string_append_printf (subtitle,
                              g_dngettext (GETTEXT_PACKAGE,
                                           "%u is not a valid address and is left out:",
                                           "%u are not valid addresses and are left out:",
                                           invalid->len),
                              invalid->len);
      for (guint i = 0; i < invalid->len && i < MAX_INVALID_SHOWN; i++)
        g_string_append_printf (subtitle, "%s%s", i == 0 ? " " : ", ",
                                (const char *) invalid->pdata[i]);
      if (invalid->len > MAX_INVALID_SHOWN)
        g_string_append (subtitle, " …");
    }
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->status_row), title);
  adw_action_row_set_subtitle (self->status_row, subtitle->str);
  if (invalid->len > 0)
    gtk_widget_add_css_class (GTK_WIDGET (self->status_row), "warning");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self->status_row), "warning");
}

static void
addresses_changed_cb (TaiouNoticeRecipientsGroup *self)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (self->addresses_view);
  GtkTextIter start, end;
  g_autofree char *text = NULL;

  gtk_text_buffer_get_bounds (buffer, &start, &end);
  text = gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
  g_clear_pointer (&self->recipients, taiou_notice_recipients_free);
  self->recipients = taiou_notice_recipients_parse (text);
  update_status (self);
  update_batches (self);
  g_signal_emit (self, signals[SIGNAL_CHANGED], 0);
}

static void
batch_size_changed_cb (TaiouNoticeRecipientsGroup *self)
{
  update_status (self);
  update_batches (self);
  g_signal_emit (self, signals[SIGNAL_CHANGED], 0);
}

static void
sender_changed_cb (TaiouNoticeRecipientsGroup *self)
{
  const char *sender = taiou_notice_recipients_group_get_sender (self);

  if (*sender == '\0' || taiou_mail_address_is_valid (sender))
    gtk_widget_remove_css_class (GTK_WIDGET (self->sender_row), "error");
  else
    gtk_widget_add_css_class (GTK_WIDGET (self->sender_row), "error");
  g_signal_emit (self, signals[SIGNAL_CHANGED], 0);
}

/**
 * taiou_notice_recipients_group_import_file:
 *
 * Adds the addresses found in @file (CSV, vCard, or one a line; UTF-8, UTF-16 or Shift_JIS)
 * after the ones already there.
 * Only addresses are taken from the file; names and the rest stay on disk.
 */
void
taiou_notice_recipients_group_import_file (TaiouNoticeRecipientsGroup *self,
                                           GFile                      *file)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TaiouNoticeRecipients) found = NULL;
  g_autofree char *path = NULL;
  g_autofree char *data = NULL;
  gsize length = 0;
  GtkTextBuffer *buffer;
  g_autoptr(GString) lines = g_string_new (NULL);
  GtkTextIter end;

  g_return_if_fail (TAIOU_IS_NOTICE_RECIPIENTS_GROUP (self));
  g_return_if_fail (G_IS_FILE (file));

  buffer = gtk_text_view_get_buffer (self->addresses_view);
  path = g_file_get_path (file);
  data = path != NULL ? taiou_file_read_bounded (path, MAX_ADDRESS_BOOK_SIZE, &length, &error)
                      : NULL;
  if (data == NULL)
    {
      g_autofree char *message = g_strdup_printf (_("The address book could not be read: %s"),
                                                  error != NULL ? error->message : "");

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->status_row), message);
      gtk_widget_add_css_class (GTK_WIDGET (self->status_row), "warning");
      return;
    }
  found = taiou_notice_recipients_parse_file (data, length);
  for (guint i = 0; i < found->addresses->len; i++)
    g_string_append_printf (lines, "%s\n", (const char *) found->addresses->pdata[i]);
  for (guint i = 0; i < found->invalid->len; i++)
    g_string_append_printf (lines, "%s\n", (const char *) found->invalid->pdata[i]);
  gtk_text_buffer_get_end_iter (buffer, &end);
  if (!gtk_text_iter_starts_line (&end))
    gtk_text_buffer_insert (buffer, &end, "\n", 1);
  gtk_text_buffer_insert (buffer, &end, lines->str, (int) lines->len);
}

static void
chooser_response_cb (GtkNativeDialog            *chooser,
                     int                         response,
                     TaiouNoticeRecipientsGroup *self)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));

      taiou_notice_recipients_group_import_file (self, file);
    }
  g_clear_object (&self->chooser);
}

static void
import_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  TaiouNoticeRecipientsGroup *self = TAIOU_NOTICE_RECIPIENTS_GROUP (widget);
  GtkRoot *root = gtk_widget_get_root (widget);
  GtkFileFilter *filter = gtk_file_filter_new ();
  GtkFileFilter *all = gtk_file_filter_new ();

  if (self->chooser != NULL)
    return;
  self->chooser = gtk_file_chooser_native_new (_("Import Address Book"),
                                               GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                               GTK_FILE_CHOOSER_ACTION_OPEN, _("_Import"),
                                               _("_Cancel"));
  gtk_file_filter_set_name (filter, _("Address books (CSV, vCard, text)"));
  gtk_file_filter_add_pattern (filter, "*.csv");
  gtk_file_filter_add_pattern (filter, "*.vcf");
  gtk_file_filter_add_pattern (filter, "*.txt");
  gtk_file_filter_add_mime_type (filter, "text/csv");
  gtk_file_filter_add_mime_type (filter, "text/vcard");
  gtk_file_filter_add_mime_type (filter, "text/plain");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (self->chooser), filter);
  gtk_file_filter_set_name (all, _("All files"));
  gtk_file_filter_add_pattern (all, "*");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (self->chooser), all);
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (self->chooser), TRUE);
  g_signal_connect (self->chooser, "response", G_CALLBACK (chooser_response_cb), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (self->chooser));
}

/* Returns: (transfer none) (element-type utf8): the valid recipients, each once */
GPtrArray *
taiou_notice_recipients_group_get_addresses (TaiouNoticeRecipientsGroup *self)
{
  g_return_val_if_fail (TAIOU_IS_NOTICE_RECIPIENTS_GROUP (self), NULL);
  return self->recipients->addresses;
}

guint
taiou_notice_recipients_group_get_batch_size (TaiouNoticeRecipientsGroup *self)
{
  g_return_val_if_fail (TAIOU_IS_NOTICE_RECIPIENTS_GROUP (self), TAIOU_NOTICE_DEFAULT_BATCH_SIZE);
  return (guint) MAX (1, gtk_spin_button_get_value_as_int (self->batch_spin));
}

const char *
taiou_notice_recipients_group_get_sender (TaiouNoticeRecipientsGroup *self)
{
  g_return_val_if_fail (TAIOU_IS_NOTICE_RECIPIENTS_GROUP (self), NULL);
  return gtk_editable_get_text (GTK_EDITABLE (self->sender_row));
}

void
taiou_notice_recipients_group_set_sender (TaiouNoticeRecipientsGroup *self,
                                          const char                 *sender)
{
  g_return_if_fail (TAIOU_IS_NOTICE_RECIPIENTS_GROUP (self));
  gtk_editable_set_text (GTK_EDITABLE (self->sender_row), sender != NULL ? sender : "");
}

/* Replaces the recipients with @text (addresses in any of the accepted forms). */
void
taiou_notice_recipients_group_set_text (TaiouNoticeRecipientsGroup *self,
                                        const char                 *text)
{
  g_return_if_fail (TAIOU_IS_NOTICE_RECIPIENTS_GROUP (self));
  gtk_text_buffer_set_text (gtk_text_view_get_buffer (self->addresses_view),
                            text != NULL ? text : "", -1);
}

static void
taiou_notice_recipients_group_dispose (GObject *object)
{
  TaiouNoticeRecipientsGroup *self = TAIOU_NOTICE_RECIPIENTS_GROUP (object);

  if (self->chooser != NULL)
    gtk_native_dialog_destroy (GTK_NATIVE_DIALOG (self->chooser));
  g_clear_object (&self->chooser);
  gtk_widget_dispose_template (GTK_WIDGET (self), TAIOU_TYPE_NOTICE_RECIPIENTS_GROUP);
  G_OBJECT_CLASS (taiou_notice_recipients_group_parent_class)->dispose (object);
}

static void
taiou_notice_recipients_group_finalize (GObject *object)
{
  TaiouNoticeRecipientsGroup *self = TAIOU_NOTICE_RECIPIENTS_GROUP (object);

  g_clear_pointer (&self->recipients, taiou_notice_recipients_free);
  G_OBJECT_CLASS (taiou_notice_recipients_group_parent_class)->finalize (object);
}

static void
taiou_notice_recipients_group_class_init (TaiouNoticeRecipientsGroupClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = taiou_notice_recipients_group_dispose;
  object_class->finalize = taiou_notice_recipients_group_finalize;

  /* The recipients, the batch size or the sender changed. */
  signals[SIGNAL_CHANGED] = g_signal_new ("changed", G_TYPE_FROM_CLASS (klass),
                                          G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                                          G_TYPE_NONE, 0);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/taiou/Taiou/"
                                               "taiou-notice-recipients-group.ui");
  gtk_widget_class_bind_template_child (widget_class, TaiouNoticeRecipientsGroup, sender_row);
  gtk_widget_class_bind_template_child (widget_class, TaiouNoticeRecipientsGroup,
                                        addresses_view);
  gtk_widget_class_bind_template_child (widget_class, TaiouNoticeRecipientsGroup, status_row);
  gtk_widget_class_bind_template_child (widget_class, TaiouNoticeRecipientsGroup, batch_spin);
  gtk_widget_class_bind_template_child (widget_class, TaiouNoticeRecipientsGroup, batch_list);
  gtk_widget_class_bind_template_callback (widget_class, batch_size_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, sender_changed_cb);
  gtk_widget_class_install_action (widget_class, "recipients.import", NULL, import_action);
}

static void
taiou_notice_recipients_group_init (TaiouNoticeRecipientsGroup *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->recipients = taiou_notice_recipients_parse ("");
  g_signal_connect_swapped (gtk_text_view_get_buffer (self->addresses_view), "changed",
                            G_CALLBACK (addresses_changed_cb), self);
}
