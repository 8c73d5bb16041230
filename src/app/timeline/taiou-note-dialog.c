/* taiou-note-dialog.c — a note added by hand to the incident being read
 *
 * The record is never edited: a correction is a note that names the event it corrects, so the
 * dialog offers that when an event is selected.  The note is written when the IT manager adds
 * it.  AdwMessageDialog closes on any response, so when the record refuses the note (a finished
 * incident is closed until reopened) the dialog says so through ::refused with the text, and
 * the view opens it again with the text and the reason: nothing typed is lost.
 */
#define G_LOG_DOMAIN "taiou-note-dialog"

#include "config.h"

#include <glib/gi18n.h>

#include "taiou-note-dialog.h"

/* A note is a few lines; a pasted log belongs in a file the note can name. */
#define MAX_NOTE_CHARS 4000

struct _TaiouNoteDialog
{
  AdwMessageDialog  parent_instance;

  TaiouCase        *case_at_hand;
  TaiouIncident    *incident;
  gint64            about_seq;
  GtkTextView      *text_view;
  GtkCheckButton   *about_check;
  GtkLabel         *problem_label;
};

G_DEFINE_FINAL_TYPE (TaiouNoteDialog, taiou_note_dialog, ADW_TYPE_MESSAGE_DIALOG)

enum {
  SIGNAL_ADDED,
  SIGNAL_REFUSED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static char *
dup_text (TaiouNoteDialog *self)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (self->text_view);
  GtkTextIter start, end;
  g_autofree char *text = NULL;

  gtk_text_buffer_get_bounds (buffer, &start, &end);
  text = gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
  return g_strstrip (g_steal_pointer (&text));
}

static void
text_changed_cb (TaiouNoteDialog *self)
{
  g_autofree char *text = dup_text (self);
  glong n_chars = g_utf8_strlen (text, -1);

  adw_message_dialog_set_response_enabled (ADW_MESSAGE_DIALOG (self), "add",
                                           n_chars > 0 && n_chars <= MAX_NOTE_CHARS);
  gtk_widget_set_visible (GTK_WIDGET (self->problem_label), n_chars > MAX_NOTE_CHARS);
  if (n_chars > MAX_NOTE_CHARS)
    {
      g_autofree char *problem = g_strdup_printf (_("A note holds at most %d characters."),
                                                  MAX_NOTE_CHARS);

      gtk_label_set_label (self->problem_label, problem);
    }
}

static void
taiou_note_dialog_response (AdwMessageDialog *dialog,
                            const char       *response)
{
  TaiouNoteDialog *self = TAIOU_NOTE_DIALOG (dialog);
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  gint64 refers_to = 0;

  /* The dialog is already closing: AdwMessageDialog closes before it responds. */
  if (!g_str_equal (response, "add"))
    return;

  text = dup_text (self);
  if (gtk_check_button_get_active (self->about_check))
    refers_to = self->about_seq;
  if (!taiou_case_add_note_to (self->case_at_hand, self->incident, text, refers_to, &error))
    {
      g_autofree char *problem = g_strdup_printf (_("The note was not added: %s"),
                                                  error->message);

      g_signal_emit (self, signals[SIGNAL_REFUSED], 0, text, problem);
    }
  else
    g_signal_emit (self, signals[SIGNAL_ADDED], 0);
}

static void
taiou_note_dialog_dispose (GObject *object)
{
  TaiouNoteDialog *self = TAIOU_NOTE_DIALOG (object);

  g_clear_object (&self->case_at_hand);
  g_clear_object (&self->incident);

  G_OBJECT_CLASS (taiou_note_dialog_parent_class)->dispose (object);
}

static void
taiou_note_dialog_class_init (TaiouNoteDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  AdwMessageDialogClass *dialog_class = ADW_MESSAGE_DIALOG_CLASS (klass);

  object_class->dispose = taiou_note_dialog_dispose;
  dialog_class->response = taiou_note_dialog_response;

  /**
   * TaiouNoteDialog::added:
   *
   * The note is in the record.
   */
  signals[SIGNAL_ADDED] = g_signal_new ("added", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                        0, NULL, NULL, NULL, G_TYPE_NONE, 0);

  /**
   * TaiouNoteDialog::refused:
   * @text: what was typed
   * @problem: why the record refused it, a sentence for people
   */
  signals[SIGNAL_REFUSED] = g_signal_new ("refused", G_TYPE_FROM_CLASS (klass),
                                          G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL, G_TYPE_NONE, 2,
                                          G_TYPE_STRING, G_TYPE_STRING);
}

static void
taiou_note_dialog_init (TaiouNoteDialog *self)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  GtkWidget *scrolled = gtk_scrolled_window_new ();

  self->text_view = GTK_TEXT_VIEW (gtk_text_view_new ());
  gtk_text_view_set_wrap_mode (self->text_view, GTK_WRAP_WORD_CHAR);
  gtk_text_view_set_accepts_tab (self->text_view, FALSE);
  gtk_text_view_set_top_margin (self->text_view, 6);
  gtk_text_view_set_bottom_margin (self->text_view, 6);
  gtk_text_view_set_left_margin (self->text_view, 6);
  gtk_text_view_set_right_margin (self->text_view, 6);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->text_view),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Note"), -1);
  g_signal_connect_object (gtk_text_view_get_buffer (self->text_view), "changed",
                           G_CALLBACK (text_changed_cb), self, G_CONNECT_SWAPPED);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scrolled), GTK_WIDGET (self->text_view));
  gtk_scrolled_window_set_min_content_height (GTK_SCROLLED_WINDOW (scrolled), 100);
  gtk_widget_add_css_class (scrolled, "card");
  gtk_box_append (GTK_BOX (box), scrolled);

  self->about_check = GTK_CHECK_BUTTON (gtk_check_button_new ());
  gtk_widget_set_visible (GTK_WIDGET (self->about_check), FALSE);
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (self->about_check));

  self->problem_label = GTK_LABEL (gtk_label_new (NULL));
  gtk_label_set_wrap (self->problem_label, TRUE);
  gtk_label_set_xalign (self->problem_label, 0);
  gtk_widget_add_css_class (GTK_WIDGET (self->problem_label), "error");
  gtk_widget_set_visible (GTK_WIDGET (self->problem_label), FALSE);
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (self->problem_label));

  adw_message_dialog_set_heading (ADW_MESSAGE_DIALOG (self), _("Add a Note"));
  adw_message_dialog_set_body (ADW_MESSAGE_DIALOG (self),
                               _("The note is added to the record with the time and your name. "
                                 "Nothing recorded is ever changed: to correct an event, add a "
                                 "note about it."));
  adw_message_dialog_set_extra_child (ADW_MESSAGE_DIALOG (self), box);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (self),
                                    "cancel", _("_Cancel"),
                                    "add", _("_Add Note"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (self), "add",
                                              ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_response_enabled (ADW_MESSAGE_DIALOG (self), "add", FALSE);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (self), "add");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (self), "cancel");
}

/**
 * taiou_note_dialog_new:
 * @about: (nullable): the selected event, which the note may be about
 */
TaiouNoteDialog *
taiou_note_dialog_new (GtkWindow     *parent,
                       TaiouCase     *case_at_hand,
                       TaiouIncident *incident,
                       TaiouEvent    *about)
{
  TaiouNoteDialog *self;

  g_return_val_if_fail (TAIOU_IS_CASE (case_at_hand), NULL);
  g_return_val_if_fail (TAIOU_IS_INCIDENT (incident), NULL);

  self = g_object_new (TAIOU_TYPE_NOTE_DIALOG, "transient-for", parent, "modal", TRUE, NULL);
  self->case_at_hand = g_object_ref (case_at_hand);
  self->incident = g_object_ref (incident);
  if (about != NULL)
    {
      g_autofree char *label = NULL;

      self->about_seq = taiou_event_get_seq (about);
      label = g_strdup_printf (_("About event #%lld (a correction, for instance)"),
                               (long long) self->about_seq);
      gtk_check_button_set_label (self->about_check, label);
      gtk_widget_set_visible (GTK_WIDGET (self->about_check), TRUE);
    }
  gtk_widget_grab_focus (GTK_WIDGET (self->text_view));
  return self;
}

/* Types the note, as a user would (tests, and a note given back after a refusal). */
void
taiou_note_dialog_set_text (TaiouNoteDialog *self,
                            const char      *text)
{
  g_return_if_fail (TAIOU_IS_NOTE_DIALOG (self));
  gtk_text_buffer_set_text (gtk_text_view_get_buffer (self->text_view), text, -1);
}

/* Why the last try was refused, shown under the text. */
void
taiou_note_dialog_set_problem (TaiouNoteDialog *self,
                               const char      *problem)
{
  g_return_if_fail (TAIOU_IS_NOTE_DIALOG (self));
  gtk_label_set_label (self->problem_label, problem);
  gtk_widget_set_visible (GTK_WIDGET (self->problem_label), problem != NULL);
}
