/* taiou-scan-page.c — step 3: check for infection (the mail, the Windows disk, reports, here)
 *
 * The office worker can check what they have at hand: the mail they opened (the mail check
 * window, as from the start screen), the disk of the Windows PC connected to this machine,
 * EmoCheck reports brought on a USB stick, or this computer.  Each check runs in a worker
 * thread and shows its progress, a cancel button and its result in a TaiouScanTaskRow; all
 * of them read the case's IOC set (the bundled snapshot: nothing goes on the network) and
 * record what they found in the incident through the case.  Any check that ends completes the
 * step — what it found is the point, not whether it found something — and when something was
 * found the page says what to do next and leads to the IT manager's record.
 *
 * This file holds the page and the mail check; the other checks are in
 * taiou-scan-page-checks.c.
 */
#define G_LOG_DOMAIN "taiou-scan-page"

#include "config.h"

#include <glib/gi18n.h>

#include "guidance/taiou-guidance-view.h"
#include "mail/taiou-mail-check-window.h"
#include "preferences/taiou-scan-preferences-page.h"
#include "taiou-file-drop.h"
#include "taiou-scan-page-private.h"

G_DEFINE_FINAL_TYPE (TaiouScanPage, taiou_scan_page, TAIOU_TYPE_WIZARD_PAGE)

static TaiouScanTaskRow *
all_rows (TaiouScanPage *self,
          guint          i)
{
  TaiouScanTaskRow *rows[] = {
    self->mail_row, self->disk_row, self->emocheck_row, self->computer_row,
  };

  return i < G_N_ELEMENTS (rows) ? rows[i] : NULL;
}

/* "What to do now", sourced, with the way to the IT manager's record: one for the page, shown
 * under the latest result that found something, where the user is looking. */
static GtkWidget *
next_step_new (void)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 12);
  GtkWidget *heading = gtk_label_new (_("What to do now"));
  GtkWidget *button = gtk_button_new_with_label (_("Show the Record for the IT Manager"));

  gtk_widget_set_margin_top (box, 6);
  gtk_label_set_xalign (GTK_LABEL (heading), 0);
  gtk_widget_add_css_class (heading, "heading");
  gtk_box_append (GTK_BOX (box), heading);
  gtk_box_append (GTK_BOX (box), taiou_guidance_view_new ("scan.remove"));
  gtk_widget_set_halign (button, GTK_ALIGN_START);
  gtk_actionable_set_action_name (GTK_ACTIONABLE (button), "window.view-records");
  gtk_box_append (GTK_BOX (box), button);
  return g_object_ref_sink (box);
}

/* Any check that ended completes the step; what it found decides what the page says next. */
void
_taiou_scan_page_check_finished (TaiouScanPage    *self,
                                 TaiouScanTaskRow *row)
{
  if (g_strcmp0 (taiou_scan_task_row_get_state (row), "suspected") == 0)
    taiou_scan_task_row_show_below_result (row, self->next_step_box);
  taiou_wizard_page_set_complete (TAIOU_WIZARD_PAGE (self), TRUE);
}

static void
relay_deliver_cb (const TaiouScanProgress *progress,
                  gpointer                 row)
{
  taiou_scan_task_row_set_progress (row, progress);
}

/* A relay from a check's worker thread to @row; the page stops it when it goes away. */
TaiouProgressRelay *
_taiou_scan_page_new_relay (TaiouScanPage    *self,
                            TaiouScanTaskRow *row)
{
  TaiouProgressRelay *relay = taiou_progress_relay_new (relay_deliver_cb, row);

  g_ptr_array_add (self->relays, relay);
  return relay;
}

void
_taiou_scan_page_drop_relay (TaiouScanPage      *self,
                             TaiouProgressRelay *relay)
{
  taiou_progress_relay_stop (relay);
  if (self->relays != NULL)
    g_ptr_array_remove (self->relays, relay);
}

/**
 * _taiou_scan_page_show_scan_result:
 * @target: what was scanned, in words, for the record
 * @note: (nullable): one more sentence about how it was checked
 *
 * Records a finished scan in the incident and shows it.
 */
void
_taiou_scan_page_show_scan_result (TaiouScanPage    *self,
                                   TaiouScanTaskRow *row,
                                   TaiouScanResult  *result,
                                   const char       *target,
                                   const char       *note)
{
  TaiouCase *case_at_hand = taiou_wizard_page_get_case (TAIOU_WIZARD_PAGE (self));
  g_autoptr(GError) error = NULL;
  g_autoptr(GString) summary = g_string_new (NULL);
  gboolean suspected = result->findings->len > 0;

  g_string_append_printf (summary,
                          g_dngettext (GETTEXT_PACKAGE, "%llu file was checked.",
                                       "%llu files were checked.", result->n_files),
                          (unsigned long long) result->n_files);
  if (!suspected)
    g_string_append_printf (summary, " %s",
                            _("Not finding anything does not prove that the PC is safe."));
  if (note != NULL)
    g_string_append_printf (summary, " %s", note);
  taiou_scan_preferences_describe_scope (summary, result);
  if (!taiou_case_record_scan (case_at_hand, result, target, &error))
    {
      g_warning ("Could not record the scan: %s", error->message);
      g_string_append_printf (summary, "\n%s",
                              _("The result could not be recorded. Tell your IT manager."));
    }

  taiou_scan_task_row_show_result (row, suspected,
                                   suspected ? _("Signs of infection were found")
                                             : _("Nothing was found"),
                                   summary->str, result->findings);
  if (result->unreadable->len > 0)
    {
      g_autofree char *title = g_strdup_printf (
        g_dngettext (GETTEXT_PACKAGE, "Details: %u place could not be read",
                     "Details: %u places could not be read", result->unreadable->len),
        result->unreadable->len);

      taiou_scan_task_row_set_details (row, title, result->unreadable);
    }
  _taiou_scan_page_check_finished (self, row);
}

/* The mail check window records its verdict itself; the page shows it and the step is done. */
static void
mail_checked_cb (TaiouMailCheckWindow *window,
                 TaiouScanPage        *self)
{
  TaiouMailReport *report = taiou_mail_check_window_get_report (window);
  g_autofree char *summary = NULL;
  const char *headline;

  if (report == NULL)
    return;
  switch (report->verdict)
    {
    case TAIOU_MAIL_VERDICT_DANGEROUS:
      headline = _("This mail is dangerous");
      break;
    case TAIOU_MAIL_VERDICT_SUSPICIOUS:
      headline = _("This mail may be dangerous");
      break;
    case TAIOU_MAIL_VERDICT_NOTHING_FOUND:
    default:
      headline = _("Nothing was found in this mail");
      break;
    }
  summary = g_strdup_printf (_("“%s” from %s"), report->subject != NULL ? report->subject : "",
                             report->from_address != NULL ? report->from_address : "?");
  taiou_scan_task_row_begin (self->mail_row, _("The mail you opened"));
  taiou_scan_task_row_show_result (self->mail_row,
                                   report->verdict != TAIOU_MAIL_VERDICT_NOTHING_FOUND,
                                   headline, summary, report->findings);
  _taiou_scan_page_check_finished (self, self->mail_row);
}

/* The mail check records its verdict in the incident at hand: this one. */
static TaiouMailCheckWindow *
open_mail_check (TaiouScanPage *self)
{
  TaiouMailCheckWindow *window;

  window = taiou_mail_check_window_present_for (
    GTK_WIDGET (self), taiou_wizard_page_get_case (TAIOU_WIZARD_PAGE (self)));
  /* Its advice then points to the next steps here, not to the start screen. */
  taiou_mail_check_window_set_from_wizard (window, TRUE);
  g_signal_connect_object (window, "checked", G_CALLBACK (mail_checked_cb), self, 0);
  return window;
}

static void
update_actions (TaiouScanPage *self)
{
  gboolean importing = taiou_scan_task_row_get_running (self->emocheck_row);

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "scan-page.choose-emocheck-file",
                                 !importing);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "scan-page.choose-emocheck-folder",
                                 !importing);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "scan-page.check-computer",
                                 !taiou_scan_task_row_get_running (self->computer_row));
}

static void
check_mail_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  open_mail_check (TAIOU_SCAN_PAGE (widget));
}

static void
file_dropped_cb (GFile    *file,
                 gpointer  user_data)
{
  taiou_mail_check_window_check_file (open_mail_check (user_data), file);
}

static void
choose_emocheck_file_action (GtkWidget  *widget,
                             const char *action_name,
                             GVariant   *parameter)
{
  _taiou_scan_page_choose_emocheck (TAIOU_SCAN_PAGE (widget), FALSE);
}

static void
choose_emocheck_folder_action (GtkWidget  *widget,
                               const char *action_name,
                               GVariant   *parameter)
{
  _taiou_scan_page_choose_emocheck (TAIOU_SCAN_PAGE (widget), TRUE);
}

static void
check_computer_action (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *parameter)
{
  taiou_scan_page_check_computer (TAIOU_SCAN_PAGE (widget));
}

/* A check already recorded in this incident (the app was closed and reopened) completes the
 * step again; its result is in the record. */
static void
taiou_scan_page_shown (TaiouWizardPage *page)
{
  TaiouTimeline *timeline = taiou_wizard_page_get_timeline (page);
  TaiouIncident *incident = taiou_wizard_page_get_incident (page);
  g_autoptr(GPtrArray) events = NULL;

  if (timeline == NULL || incident == NULL || taiou_wizard_page_get_complete (page))
    return;
  events = taiou_timeline_list_events (timeline, taiou_incident_get_id (incident), NULL);
  for (guint i = 0; events != NULL && i < events->len; i++)
    {
      const char *kind = taiou_event_get_kind (events->pdata[i]);

      if (g_strcmp0 (kind, TAIOU_EVENT_SCAN_FINISHED) == 0 ||
          g_strcmp0 (kind, TAIOU_EVENT_IMPORT_EMOCHECK) == 0 ||
          g_strcmp0 (kind, TAIOU_EVENT_MAIL_TRIAGE) == 0)
        {
          taiou_wizard_page_set_complete (page, TRUE);
          return;
        }
    }
}

/* Returns: (transfer none): the row of "mail", "disk", "emocheck" or "computer" (for tests) */
GtkWidget *
taiou_scan_page_get_task_row (TaiouScanPage *self,
                              const char    *kind)
{
  static const char * const kinds[] = { "mail", "disk", "emocheck", "computer" };

  g_return_val_if_fail (TAIOU_IS_SCAN_PAGE (self), NULL);

  for (guint i = 0; i < G_N_ELEMENTS (kinds); i++)
    if (g_strcmp0 (kind, kinds[i]) == 0)
      return GTK_WIDGET (all_rows (self, i));
  g_return_val_if_reached (NULL);
}

static void
taiou_scan_page_dispose (GObject *object)
{
  TaiouScanPage *self = TAIOU_SCAN_PAGE (object);

  self->disposed = TRUE;
  /* The workers may still report: nothing reaches the rows once they are gone. */
  for (guint i = 0; self->relays != NULL && i < self->relays->len; i++)
    taiou_progress_relay_stop (self->relays->pdata[i]);
  g_clear_pointer (&self->relays, g_ptr_array_unref);
  if (self->chooser != NULL)
    gtk_native_dialog_destroy (GTK_NATIVE_DIALOG (self->chooser));
  g_clear_object (&self->chooser);
  /* Answering the question ends its check (the page is gone, so it goes no further). */
  if (self->serial_dialog != NULL)
    {
      GtkWindow *dialog = GTK_WINDOW (self->serial_dialog);

      adw_message_dialog_response (ADW_MESSAGE_DIALOG (dialog),
                                   TAIOU_VOLUME_SERIAL_RESPONSE_WITHOUT);
      gtk_window_destroy (dialog);
    }
  gtk_widget_dispose_template (GTK_WIDGET (self), TAIOU_TYPE_SCAN_PAGE);
  g_clear_object (&self->next_step_box);

  G_OBJECT_CLASS (taiou_scan_page_parent_class)->dispose (object);
}

static void
taiou_scan_page_class_init (TaiouScanPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  TaiouWizardPageClass *page_class = TAIOU_WIZARD_PAGE_CLASS (klass);

  object_class->dispose = taiou_scan_page_dispose;
  page_class->shown = taiou_scan_page_shown;

  g_type_ensure (TAIOU_TYPE_SCAN_TASK_ROW);
  g_type_ensure (TAIOU_TYPE_WINDOWS_DISK_GROUP);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/taiou/Taiou/taiou-scan-page.ui");
  gtk_widget_class_bind_template_child (widget_class, TaiouScanPage, mail_row);
  gtk_widget_class_bind_template_child (widget_class, TaiouScanPage, disk_row);
  gtk_widget_class_bind_template_child (widget_class, TaiouScanPage, emocheck_row);
  gtk_widget_class_bind_template_child (widget_class, TaiouScanPage, computer_row);
  gtk_widget_class_bind_template_child (widget_class, TaiouScanPage, disk_group);
  gtk_widget_class_bind_template_callback (widget_class, _taiou_scan_page_disk_chosen_cb);

  gtk_widget_class_install_action (widget_class, "scan-page.check-mail", NULL,
                                   check_mail_action);
  gtk_widget_class_install_action (widget_class, "scan-page.choose-emocheck-file", NULL,
                                   choose_emocheck_file_action);
  gtk_widget_class_install_action (widget_class, "scan-page.choose-emocheck-folder", NULL,
                                   choose_emocheck_folder_action);
  gtk_widget_class_install_action (widget_class, "scan-page.check-computer", NULL,
                                   check_computer_action);
}

static void
taiou_scan_page_init (TaiouScanPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->next_step_box = next_step_new ();
  self->relays = g_ptr_array_new_with_free_func ((GDestroyNotify) taiou_progress_relay_unref);
  taiou_wizard_page_set_skippable (TAIOU_WIZARD_PAGE (self), TRUE);
  taiou_file_drop_add (GTK_WIDGET (self), file_dropped_cb, self);

  /* One check of a kind at a time: its buttons are greyed out while it runs. */
  g_signal_connect_object (self->emocheck_row, "notify::running",
                           G_CALLBACK (update_actions), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->computer_row, "notify::running",
                           G_CALLBACK (update_actions), self, G_CONNECT_SWAPPED);
  g_object_bind_property (self->disk_row, "running", self->disk_group, "sensitive",
                          G_BINDING_INVERT_BOOLEAN);
}
