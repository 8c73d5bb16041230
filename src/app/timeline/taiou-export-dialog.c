/* taiou-export-dialog.c — the shown incident written to a file for another tool or a reader
 *
 * The IT manager picks who will read the file (the formats are listed by reader, the printable
 * report first), chooses where to save it, and watches a progress bar: the report of a large
 * incident takes seconds.  The export runs in a worker thread and writes atomically, so Cancel
 * (or closing the window) leaves no file behind.  The chooser only picks the file:
 * taiou_export_dialog_export_to() does the rest, which is what the tests drive.
 */
#define G_LOG_DOMAIN "taiou-export-dialog"

#include "config.h"

#include <glib/gi18n.h>

#include "taiou-export-dialog.h"
#include "wizard/taiou-wizard-steps.h"

/* Who reads each format, in the order shown: the report first, it is what most people need. */
static const struct
{
  TaiouExportFormat format;
  const char       *title;        /* N_() */
  const char       *description;  /* N_() */
} format_choices[] = {
  { TAIOU_EXPORT_FORMAT_REPORT_PDF, N_("Report (PDF)"),
    N_("For management, the insurer, and the draft of the report to the Personal Information "
       "Protection Commission. Prints as it looks.") },
  { TAIOU_EXPORT_FORMAT_REPORT_HTML, N_("Report (HTML)"),
    N_("The same report as a web page, to read in a browser or to edit.") },
  { TAIOU_EXPORT_FORMAT_TIMESKETCH_JSONL, N_("Timesketch (JSONL)"),
    N_("For an incident response company that analyzes timelines in Timesketch.") },
  { TAIOU_EXPORT_FORMAT_TIMESKETCH_CSV, N_("Timesketch (CSV)"),
    N_("The same timeline as a table; it opens in a spreadsheet too.") },
  { TAIOU_EXPORT_FORMAT_IRIS_JSON, N_("DFIR-IRIS (JSON)"),
    N_("For an incident response team that manages cases in DFIR-IRIS.") },
  { TAIOU_EXPORT_FORMAT_IRIS_CSV, N_("DFIR-IRIS (CSV)"),
    N_("The same events for DFIR-IRIS as a table.") },
  { TAIOU_EXPORT_FORMAT_OBSERVABLES_CSV, N_("Indicators (CSV)"),
    N_("The hashes, IP addresses, domains and URLs in the record, for TheHive or MISP.") },
  { TAIOU_EXPORT_FORMAT_OBSERVABLES_JSON, N_("Indicators (JSON)"),
    N_("The same list of indicators as JSON.") },
  { TAIOU_EXPORT_FORMAT_TAIOU_JSON, N_("Whole Record (JSON)"),
    N_("The whole record with its tamper-evident chain, for merging with the records of other "
       "PCs on another PC.") },
};

struct _TaiouExportDialog
{
  AdwWindow             parent_instance;

  TaiouCase            *case_at_hand;
  gint64                incident_id;
  TaiouExportFormat     format;
  GCancellable         *cancellable;  /* non-NULL while an export runs */
  GFile                *saved_file;
  GtkFileChooserNative *chooser;
  gboolean              disposed;     /* closed while exporting: the widgets are gone */

  AdwWindowTitle       *window_title;
  GtkStack             *stack;
  GtkListBox           *format_list;
  GtkLabel             *problem_label;
  GtkWidget            *export_button;
  GtkProgressBar       *progress_bar;
  AdwStatusPage        *done_page;
};

G_DEFINE_FINAL_TYPE (TaiouExportDialog, taiou_export_dialog, ADW_TYPE_WINDOW)

static void
set_problem (TaiouExportDialog *self,
             const char        *problem)
{
  gtk_label_set_label (self->problem_label, problem);
  gtk_widget_set_visible (GTK_WIDGET (self->problem_label), problem != NULL);
}

static void
update_actions (TaiouExportDialog *self)
{
  gboolean running = self->cancellable != NULL;

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "export-dialog.choose-file",
                                 !running && self->incident_id > 0 &&
                                 self->case_at_hand != NULL &&
                                 taiou_case_get_timeline (self->case_at_hand) != NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "export-dialog.cancel", running);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "export-dialog.close-if-idle", !running);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "export-dialog.open-folder",
                                 !running && self->saved_file != NULL);
}

static void
progress_cb (gint64   done,
             gint64   total,
             gpointer user_data)
{
  TaiouExportDialog *self = user_data;
  g_autofree char *text = NULL;

  if (self->cancellable == NULL || self->disposed)
    return;
  if (total > 0)
    {
      gtk_progress_bar_set_fraction (self->progress_bar, CLAMP ((double) done / total, 0, 1));
      text = g_strdup_printf (_("Events: %lld / %lld"), (long long) done, (long long) total);
    }
  else
    {
      gtk_progress_bar_pulse (self->progress_bar);
      text = g_strdup_printf (_("Events: %lld"), (long long) done);
    }
  gtk_progress_bar_set_text (self->progress_bar, text);
}

static gboolean
release_dialog (gpointer self)
{
  g_object_unref (self);
  return G_SOURCE_REMOVE;
}

static void
export_done_cb (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  TaiouExportDialog *self = user_data;  /* held while the export ran */
  g_autoptr(GError) error = NULL;

  /* The worker is done, so every progress delivery is already queued, at a higher priority:
   * the dialog they point to is let go after them. */
  g_idle_add_full (G_PRIORITY_LOW, release_dialog, self, NULL);
  g_clear_object (&self->cancellable);
  if (self->disposed)
    return;
  if (!taiou_export_incident_to_path_finish (TAIOU_TIMELINE (source), result, &error))
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        set_problem (self, _("The export was cancelled. No file was written."));
      else
        {
          g_autofree char *problem = g_strdup_printf (_("The file was not exported: %s"),
                                                      error->message);

          set_problem (self, problem);
        }
      g_clear_object (&self->saved_file);
      gtk_stack_set_visible_child_name (self->stack, "choose");
      gtk_widget_grab_focus (self->export_button);
    }
  else
    {
      g_autofree char *path = g_file_get_path (self->saved_file);
      g_autofree char *description = g_strdup_printf (_("Saved to “%s”."), path);
      g_autofree char *escaped = g_markup_escape_text (description, -1);

      adw_status_page_set_description (self->done_page, escaped);
      gtk_stack_set_visible_child_name (self->stack, "done");
    }
  update_actions (self);
  if (g_str_equal (gtk_stack_get_visible_child_name (self->stack), "done"))
    gtk_widget_grab_focus (GTK_WIDGET (gtk_widget_get_first_child (
      adw_status_page_get_child (self->done_page))));
}

/* The organization and the wizard's steps make the report complete (who, and what is left). */
static void
export_started (TaiouExportDialog *self,
                TaiouTimeline     *timeline,
                const char        *path)
{
  guint n_steps;
  const TaiouWizardStep *steps = taiou_wizard_steps_get (&n_steps);
  g_autofree const char **ids = g_new0 (const char *, n_steps + 1);
  g_autofree const char **titles = g_new0 (const char *, n_steps + 1);
  TaiouProfile *profile = taiou_case_get_profile (self->case_at_hand);
  TaiouExportOptions options = { 0 };

  for (guint i = 0; i < n_steps; i++)
    {
      ids[i] = steps[i].id;
      titles[i] = _(steps[i].title);
    }
  if (taiou_export_format_is_report (self->format))
    {
      options.organization = profile != NULL ? taiou_profile_get_organization (profile) : NULL;
      options.step_ids = ids;
      options.step_titles = titles;
    }
  taiou_export_incident_to_path_async (timeline, self->incident_id, self->format, path,
                                       &options, progress_cb, self, self->cancellable,
                                       export_done_cb, g_object_ref (self));
}

/**
 * taiou_export_dialog_export_to:
 * @file: where to write; it must have a local path
 *
 * Starts exporting the incident in the chosen format to @file, as the save chooser does.
 */
void
taiou_export_dialog_export_to (TaiouExportDialog *self,
                               GFile             *file)
{
  g_autofree char *path = NULL;
  TaiouTimeline *timeline;

  g_return_if_fail (TAIOU_IS_EXPORT_DIALOG (self));
  g_return_if_fail (G_IS_FILE (file));

  if (self->cancellable != NULL)
    return;
  timeline = self->case_at_hand != NULL ? taiou_case_get_timeline (self->case_at_hand) : NULL;
  path = g_file_get_path (file);
  if (timeline == NULL || path == NULL)
    {
      set_problem (self, timeline == NULL
                   ? _("The incident record is not open.")
                   : _("This place cannot be written to. Choose a folder on this PC."));
      return;
    }
  set_problem (self, NULL);
  g_set_object (&self->saved_file, file);
  self->cancellable = g_cancellable_new ();
  gtk_progress_bar_set_fraction (self->progress_bar, 0);
  gtk_progress_bar_set_text (self->progress_bar, _("Starting…"));
  gtk_stack_set_visible_child_name (self->stack, "running");
  update_actions (self);
  gtk_widget_grab_focus (gtk_widget_get_last_child (gtk_widget_get_parent (
    GTK_WIDGET (self->progress_bar))));
  export_started (self, timeline, path);
}

static void
chooser_response_cb (GtkNativeDialog   *chooser,
                     int                response,
                     TaiouExportDialog *self)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));

      if (file != NULL)
        taiou_export_dialog_export_to (self, file);
    }
  g_clear_object (&self->chooser);
}

/* Returns: (transfer full): "incident-12-report.pdf": the number, the tool, the extension. */
char *
taiou_export_dialog_dup_suggested_name (TaiouExportDialog *self)
{
  const char *name = taiou_export_format_to_string (self->format);
  const char *extension = taiou_export_format_get_extension (self->format);
  const char *dash = strrchr (name, '-');
  g_autofree char *tool = g_strndup (name, dash != NULL ? (gsize) (dash - name) : strlen (name));

  return g_strdup_printf ("incident-%lld-%s.%s", (long long) self->incident_id, tool, extension);
}

static void
choose_file_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  TaiouExportDialog *self = TAIOU_EXPORT_DIALOG (widget);
  g_autofree char *name = taiou_export_dialog_dup_suggested_name (self);

  if (self->chooser != NULL)
    return;
  self->chooser = gtk_file_chooser_native_new (_("Export the Record"), GTK_WINDOW (self),
                                               GTK_FILE_CHOOSER_ACTION_SAVE, _("_Save"),
                                               _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (self->chooser), TRUE);
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (self->chooser), name);
  g_signal_connect (self->chooser, "response", G_CALLBACK (chooser_response_cb), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (self->chooser));
}

static void
cancel_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  TaiouExportDialog *self = TAIOU_EXPORT_DIALOG (widget);

  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
}

static void
open_folder_cb (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(TaiouExportDialog) self = user_data;
  g_autoptr(GError) error = NULL;

  if (!g_app_info_launch_default_for_uri_finish (result, &error))
    {
      g_autofree char *path = g_file_get_path (self->saved_file);
      g_autofree char *text = g_strdup_printf ("%s\n%s", path,
                                               _("The folder could not be opened."));
      g_autofree char *escaped = g_markup_escape_text (text, -1);

      g_debug ("Opening the folder: %s", error->message);
      adw_status_page_set_description (self->done_page, escaped);
    }
}

/* The folder, never the file: opening a file hands it to whatever program claims its type. */
static void
open_folder_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  TaiouExportDialog *self = TAIOU_EXPORT_DIALOG (widget);
  g_autoptr(GFile) folder = NULL;
  g_autoptr(GAppLaunchContext) context = NULL;
  g_autofree char *uri = NULL;

  if (self->saved_file == NULL || (folder = g_file_get_parent (self->saved_file)) == NULL)
    return;
  uri = g_file_get_uri (folder);
  context = G_APP_LAUNCH_CONTEXT (gdk_display_get_app_launch_context (
    gtk_widget_get_display (widget)));
  g_app_info_launch_default_for_uri_async (uri, context, NULL, open_folder_cb,
                                           g_object_ref (self));
}

/* Escape closes the dialog when nothing runs; a running export is stopped with Cancel (the
 * action is disabled meanwhile, so Escape does nothing). */
static void
close_if_idle_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  if (TAIOU_EXPORT_DIALOG (widget)->cancellable == NULL)
    gtk_window_close (GTK_WINDOW (widget));
}

/* Closing the window stops the export: no half-written file, no work nobody waits for. */
static gboolean
taiou_export_dialog_close_request (GtkWindow *window)
{
  TaiouExportDialog *self = TAIOU_EXPORT_DIALOG (window);

  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
  return GTK_WINDOW_CLASS (taiou_export_dialog_parent_class)->close_request (window);
}

static void
format_toggled_cb (GtkCheckButton    *check,
                   TaiouExportDialog *self)
{
  if (gtk_check_button_get_active (check))
    self->format = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (check), "taiou-format"));
}

static void
add_format_rows (TaiouExportDialog *self)
{
  GtkCheckButton *group = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (format_choices); i++)
    {
      GtkWidget *row = adw_action_row_new ();
      GtkWidget *check = gtk_check_button_new ();

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), _(format_choices[i].title));
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), _(format_choices[i].description));
      gtk_widget_set_valign (check, GTK_ALIGN_CENTER);
      gtk_check_button_set_group (GTK_CHECK_BUTTON (check), group);
      if (group == NULL)
        group = GTK_CHECK_BUTTON (check);
      g_object_set_data (G_OBJECT (check), "taiou-format",
                         GUINT_TO_POINTER (format_choices[i].format));
      g_object_set_data (G_OBJECT (row), "taiou-format",
                         GUINT_TO_POINTER (format_choices[i].format));
      gtk_accessible_update_property (GTK_ACCESSIBLE (check),
                                      GTK_ACCESSIBLE_PROPERTY_LABEL, _(format_choices[i].title),
                                      GTK_ACCESSIBLE_PROPERTY_DESCRIPTION,
                                      _(format_choices[i].description),
                                      -1);
      g_signal_connect_object (check, "toggled", G_CALLBACK (format_toggled_cb), self, 0);
      adw_action_row_add_prefix (ADW_ACTION_ROW (row), check);
      adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), check);
      gtk_list_box_append (self->format_list, row);
    }
}

static GtkCheckButton *
find_format_check (TaiouExportDialog *self,
                   TaiouExportFormat  format)
{
  for (GtkWidget *row = gtk_widget_get_first_child (GTK_WIDGET (self->format_list));
       row != NULL;
       row = gtk_widget_get_next_sibling (row))
    if (ADW_IS_ACTION_ROW (row) &&
        GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (row), "taiou-format")) == format)
      return GTK_CHECK_BUTTON (adw_action_row_get_activatable_widget (ADW_ACTION_ROW (row)));
  return NULL;
}

static void
taiou_export_dialog_dispose (GObject *object)
{
  TaiouExportDialog *self = TAIOU_EXPORT_DIALOG (object);

  self->disposed = TRUE;
  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
  if (self->chooser != NULL)
    gtk_native_dialog_destroy (GTK_NATIVE_DIALOG (self->chooser));
  g_clear_object (&self->chooser);
  g_clear_object (&self->case_at_hand);
  g_clear_object (&self->saved_file);

  G_OBJECT_CLASS (taiou_export_dialog_parent_class)->dispose (object);
}

static void
taiou_export_dialog_class_init (TaiouExportDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->dispose = taiou_export_dialog_dispose;
  window_class->close_request = taiou_export_dialog_close_request;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/taiou/Taiou/taiou-export-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, TaiouExportDialog, window_title);
  gtk_widget_class_bind_template_child (widget_class, TaiouExportDialog, stack);
  gtk_widget_class_bind_template_child (widget_class, TaiouExportDialog, format_list);
  gtk_widget_class_bind_template_child (widget_class, TaiouExportDialog, problem_label);
  gtk_widget_class_bind_template_child (widget_class, TaiouExportDialog, export_button);
  gtk_widget_class_bind_template_child (widget_class, TaiouExportDialog, progress_bar);
  gtk_widget_class_bind_template_child (widget_class, TaiouExportDialog, done_page);

  gtk_widget_class_install_action (widget_class, "export-dialog.choose-file", NULL,
                                   choose_file_action);
  gtk_widget_class_install_action (widget_class, "export-dialog.cancel", NULL, cancel_action);
  gtk_widget_class_install_action (widget_class, "export-dialog.open-folder", NULL,
                                   open_folder_action);
  gtk_widget_class_install_action (widget_class, "export-dialog.close-if-idle", NULL,
                                   close_if_idle_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0,
                                       "export-dialog.close-if-idle", NULL);
}

static void
taiou_export_dialog_init (TaiouExportDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  add_format_rows (self);
  self->format = format_choices[0].format;
  gtk_check_button_set_active (find_format_check (self, self->format), TRUE);
  gtk_window_set_default_widget (GTK_WINDOW (self), self->export_button);
}

TaiouExportDialog *
taiou_export_dialog_new (GtkWindow *parent,
                         TaiouCase *case_at_hand,
                         gint64     incident_id)
{
  TaiouExportDialog *self;
  g_autofree char *subtitle = NULL;

  g_return_val_if_fail (parent == NULL || GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (TAIOU_IS_CASE (case_at_hand), NULL);

  self = g_object_new (TAIOU_TYPE_EXPORT_DIALOG, "transient-for", parent, NULL);
  self->case_at_hand = g_object_ref (case_at_hand);
  self->incident_id = incident_id;
  subtitle = g_strdup_printf (_("Incident #%lld"), (long long) incident_id);
  adw_window_title_set_subtitle (self->window_title, subtitle);
  update_actions (self);
  gtk_widget_grab_focus (GTK_WIDGET (find_format_check (self, self->format)));
  /* One of the app's windows, as the notice editor is: the app waits for it to close.  (Last:
   * joining the app announces the window, which must be complete by then.) */
  if (parent != NULL && gtk_window_get_application (parent) != NULL)
    gtk_window_set_application (GTK_WINDOW (self), gtk_window_get_application (parent));
  return self;
}

TaiouExportFormat
taiou_export_dialog_get_format (TaiouExportDialog *self)
{
  g_return_val_if_fail (TAIOU_IS_EXPORT_DIALOG (self), TAIOU_EXPORT_FORMAT_REPORT_PDF);
  return self->format;
}

/* Chooses @format, as a click on its row does. */
void
taiou_export_dialog_set_format (TaiouExportDialog *self,
                                TaiouExportFormat  format)
{
  GtkCheckButton *check;

  g_return_if_fail (TAIOU_IS_EXPORT_DIALOG (self));
  check = find_format_check (self, format);
  g_return_if_fail (check != NULL);
  gtk_check_button_set_active (check, TRUE);
}

gboolean
taiou_export_dialog_get_running (TaiouExportDialog *self)
{
  g_return_val_if_fail (TAIOU_IS_EXPORT_DIALOG (self), FALSE);
  return self->cancellable != NULL;
}

/* Returns: (transfer none) (nullable): the file of the last export that finished */
GFile *
taiou_export_dialog_get_saved_file (TaiouExportDialog *self)
{
  g_return_val_if_fail (TAIOU_IS_EXPORT_DIALOG (self), NULL);
  return self->cancellable == NULL &&
         g_str_equal (gtk_stack_get_visible_child_name (self->stack), "done")
         ? self->saved_file : NULL;
}

/* Returns: (nullable): what went wrong with the last try, as shown */
const char *
taiou_export_dialog_get_problem (TaiouExportDialog *self)
{
  g_return_val_if_fail (TAIOU_IS_EXPORT_DIALOG (self), NULL);
  return gtk_widget_get_visible (GTK_WIDGET (self->problem_label))
         ? gtk_label_get_label (self->problem_label) : NULL;
}
