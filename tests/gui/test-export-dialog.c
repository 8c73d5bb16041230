/* test-export-dialog.c — the record view's export: a format, a file, a progress bar, Cancel
 *
 * The dialog is opened from the real record view around a case on a temporary record.  The save
 * chooser is the desktop's own (a portal or GTK's), so the tests hand the dialog the file the
 * chooser would have returned and read back what was written.
 */
#define G_LOG_DOMAIN "test-export-dialog"

#include "config.h"

#include <glib/gstdio.h>

#include "taiou-test-gui.h"
#include "taiou-test-util.h"
#include "timeline/taiou-export-dialog.h"
#include "timeline/taiou-timeline-view.h"
#include "wizard/taiou-wizard-steps.h"

typedef struct
{
  TaiouTestRecordView  record;
  char                *dir;
} Fixture;

static TaiouTimelineView *
view_of (Fixture *fixture)
{
  return TAIOU_TIMELINE_VIEW (fixture->record.view);
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  user_data)
{
  taiou_test_record_view_init (&fixture->record);
  fixture->dir = g_dir_make_tmp ("test-export-dialog-XXXXXX", NULL);
  g_assert_nonnull (fixture->dir);
}

static void
remove_dir (const char *path)
{
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *child = g_build_filename (path, name, NULL);

      g_unlink (child);
    }
  g_rmdir (path);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  user_data)
{
  taiou_test_record_view_clear (&fixture->record);
  remove_dir (fixture->dir);
  g_free (fixture->dir);
}

/* Shows @incident in the view and opens the export dialog from its button, as a click does. */
static TaiouExportDialog *
open_export_dialog (Fixture       *fixture,
                    TaiouIncident *incident)
{
  GtkWindow *dialog;
  GtkWidget *button;

  taiou_timeline_view_reload (view_of (fixture));
  taiou_timeline_view_select_incident (view_of (fixture), taiou_incident_get_id (incident));
  gtk_window_present (fixture->record.window);
  taiou_test_wait_until_mapped (fixture->record.view);
  button = taiou_test_find_button (fixture->record.view, "timeline-view.export");
  g_assert_nonnull (button);
  taiou_test_click (button);
  dialog = taiou_test_wait_for_window (TAIOU_TYPE_EXPORT_DIALOG);
  taiou_test_wait_until_mapped (GTK_WIDGET (dialog));
  g_assert_true (gtk_window_get_transient_for (dialog) == fixture->record.window);
  g_assert_true (gtk_window_get_modal (dialog));
  return TAIOU_EXPORT_DIALOG (dialog);
}

static gboolean
export_finished (gpointer dialog)
{
  return !taiou_export_dialog_get_running (dialog);
}

static GFile *
export_and_wait (TaiouExportDialog *dialog,
                 const char        *path)
{
  g_autoptr(GFile) file = g_file_new_for_path (path);

  taiou_export_dialog_export_to (dialog, file);
  g_assert_true (taiou_export_dialog_get_running (dialog));
  taiou_test_wait_for (export_finished, dialog);
  return taiou_export_dialog_get_saved_file (dialog);
}

static guint
count_files (const char *path)
{
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  guint n = 0;

  g_assert_nonnull (dir);
  while (g_dir_read_name (dir) != NULL)
    n++;
  return n;
}

/* The printable report is the default, and what is written is a PDF. */
static void
test_report_pdf (Fixture       *fixture,
                 gconstpointer  user_data)
{
  g_autoptr(TaiouIncident) incident = taiou_test_add_incident (fixture->record.timeline, "report",
                                                               3);
  TaiouExportDialog *dialog = open_export_dialog (fixture, incident);
  g_autofree char *path = g_build_filename (fixture->dir, "report.pdf", NULL);
  g_autofree char *expected_name = g_strdup_printf ("incident-%lld-report.pdf",
                                                    (long long) taiou_incident_get_id (incident));
  g_autofree char *suggested = NULL;
  g_autofree char *contents = NULL;
  gsize length = 0;
  GFile *saved;

  g_assert_cmpint (taiou_export_dialog_get_format (dialog), ==, TAIOU_EXPORT_FORMAT_REPORT_PDF);
  suggested = taiou_export_dialog_dup_suggested_name (dialog);
  g_assert_cmpstr (suggested, ==, expected_name);

  saved = export_and_wait (dialog, path);
  g_assert_null (taiou_export_dialog_get_problem (dialog));
  g_assert_nonnull (saved);
  g_assert_true (g_file_peek_path (saved) != NULL);
  g_assert_cmpstr (g_file_peek_path (saved), ==, path);
  g_assert_true (g_file_get_contents (path, &contents, &length, NULL));
  g_assert_cmpuint (length, >, 4);
  g_assert_true (g_str_has_prefix (contents, "%PDF"));
  /* The done screen offers the folder (its action is enabled) and says where the file is. */
  g_assert_nonnull (taiou_test_find_button (GTK_WIDGET (dialog), "export-dialog.open-folder"));
  g_assert_true (gtk_widget_is_sensitive (
    taiou_test_find_button (GTK_WIDGET (dialog), "export-dialog.open-folder")));
  gtk_window_destroy (GTK_WINDOW (dialog));
}

/* The report names the organization from the case's profile and the wizard's steps. */
static void
test_report_html_is_complete (Fixture       *fixture,
                              gconstpointer  user_data)
{
  g_autoptr(TaiouIncident) incident = taiou_test_add_incident (fixture->record.timeline, "html", 1);
  TaiouExportDialog *dialog;
  g_autofree char *path = g_build_filename (fixture->dir, "report.html", NULL);
  g_autofree char *contents = NULL;
  guint n_steps;
  const TaiouWizardStep *steps = taiou_wizard_steps_get (&n_steps);

  taiou_profile_set_organization (taiou_case_get_profile (fixture->record.case_at_hand),
                                  "Example Trading Co.");
  dialog = open_export_dialog (fixture, incident);
  taiou_export_dialog_set_format (dialog, TAIOU_EXPORT_FORMAT_REPORT_HTML);
  g_assert_nonnull (export_and_wait (dialog, path));
  g_assert_true (g_file_get_contents (path, &contents, NULL, NULL));
  g_assert_nonnull (strstr (contents, "Example Trading Co."));
  g_assert_cmpuint (n_steps, >, 0);
  g_assert_nonnull (strstr (contents, steps[n_steps - 1].title));
  gtk_window_destroy (GTK_WINDOW (dialog));
}

/* A format chosen by clicking its row; the file holds the incident's events, one JSON a line. */
static void
test_timesketch_jsonl (Fixture       *fixture,
                       gconstpointer  user_data)
{
  g_autoptr(TaiouIncident) incident = taiou_test_add_incident (fixture->record.timeline, "sketch",
                                                               5);
  TaiouExportDialog *dialog = open_export_dialog (fixture, incident);
  g_autofree char *path = g_build_filename (fixture->dir, "sketch.jsonl", NULL);
  g_autofree char *suggested = NULL;
  g_autofree char *contents = NULL;
  g_auto(GStrv) lines = NULL;
  GtkWidget *row;
  guint n_lines = 0;
  gboolean found_note = FALSE;

  row = taiou_test_find_row (GTK_WIDGET (dialog), "Timesketch (JSONL)");
  g_assert_nonnull (row);
  adw_action_row_activate (ADW_ACTION_ROW (row));
  g_assert_cmpint (taiou_export_dialog_get_format (dialog), ==,
                   TAIOU_EXPORT_FORMAT_TIMESKETCH_JSONL);
  suggested = taiou_export_dialog_dup_suggested_name (dialog);
  g_assert_true (g_str_has_suffix (suggested, "-timesketch.jsonl"));

  g_assert_nonnull (export_and_wait (dialog, path));
  g_assert_true (g_file_get_contents (path, &contents, NULL, NULL));
  lines = g_strsplit (contents, "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    {
      g_autoptr(JsonNode) node = NULL;
      g_autoptr(GError) error = NULL;
      JsonObject *object;

      if (lines[i][0] == '\0')
        continue;
      node = json_from_string (lines[i], &error);
      g_assert_no_error (error);
      g_assert_true (JSON_NODE_HOLDS_OBJECT (node));
      object = json_node_get_object (node);
      g_assert_true (json_object_has_member (object, "message"));
      g_assert_true (json_object_has_member (object, "datetime"));
      g_assert_true (json_object_has_member (object, "timestamp_desc"));
      if (g_strcmp0 (json_object_get_string_member (object, "message"), "note 5") == 0)
        found_note = TRUE;
      n_lines++;
    }
  /* The incident's creation and its five notes. */
  g_assert_cmpuint (n_lines, >=, 6);
  g_assert_true (found_note);
  gtk_window_destroy (GTK_WINDOW (dialog));
}

/* An export that cannot be written says so in the dialog, which stays open for another try. */
static void
test_error_shown (Fixture       *fixture,
                  gconstpointer  user_data)
{
  g_autoptr(TaiouIncident) incident = taiou_test_add_incident (fixture->record.timeline, "error",
                                                               1);
  TaiouExportDialog *dialog = open_export_dialog (fixture, incident);
  g_autofree char *path = g_build_filename (fixture->dir, "no-such-folder", "report.pdf", NULL);

  g_assert_null (export_and_wait (dialog, path));
  g_assert_nonnull (taiou_export_dialog_get_problem (dialog));
  g_assert_nonnull (strstr (taiou_export_dialog_get_problem (dialog), "not exported"));
  g_assert_true (gtk_widget_is_sensitive (
    taiou_test_find_button (GTK_WIDGET (dialog), "export-dialog.choose-file")));
  g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));
  gtk_window_destroy (GTK_WINDOW (dialog));
}

static void
add_many_events (Fixture       *fixture,
                 TaiouIncident *incident,
                 guint          n_events)
{
  g_autofree TaiouEventDraft *drafts = g_new0 (TaiouEventDraft, n_events);
  g_autoptr(GPtrArray) summaries = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GError) error = NULL;
  guint n_added = 0;

  for (guint i = 0; i < n_events; i++)
    {
      char *summary = g_strdup_printf ("bulk finding %u", i);

      g_ptr_array_add (summaries, summary);
      drafts[i].kind = "scan.finding";
      drafts[i].summary = summary;
    }
  g_assert_true (taiou_timeline_append_batch (fixture->record.timeline,
                                              taiou_incident_get_id (incident), drafts, n_events,
                                              &n_added, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (n_added, ==, n_events);
}

static gboolean
progress_shown_or_finished (gpointer dialog)
{
  GtkWidget *bar = taiou_test_find_widget_type (dialog, GTK_TYPE_PROGRESS_BAR);

  return !taiou_export_dialog_get_running (dialog) ||
         gtk_progress_bar_get_fraction (GTK_PROGRESS_BAR (bar)) > 0;
}

static gboolean
dialog_gone (gpointer pointer)
{
  return *(gpointer *) pointer == NULL;
}

/* Cancel during the report of a large incident leaves no file, not even a temporary one. */
static void
test_cancel_leaves_no_file (Fixture       *fixture,
                            gconstpointer  user_data)
{
  g_autoptr(TaiouIncident) incident = taiou_test_add_incident (fixture->record.timeline, "large",
                                                               0);
  TaiouExportDialog *dialog;
  g_autofree char *path = g_build_filename (fixture->dir, "large.pdf", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  GtkWidget *cancel;

  add_many_events (fixture, incident, 20000);
  dialog = open_export_dialog (fixture, incident);
  taiou_export_dialog_export_to (dialog, file);
  g_assert_true (taiou_export_dialog_get_running (dialog));
  /* Escape does not walk away from a running export. */
  gtk_widget_activate_action (GTK_WIDGET (dialog), "export-dialog.close-if-idle", NULL);
  g_assert_true (taiou_export_dialog_get_running (dialog));
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (dialog)));
  cancel = taiou_test_find_button (GTK_WIDGET (dialog), "export-dialog.cancel");
  taiou_test_wait_until_mapped (cancel);
  /* Mid-way, as a user clicks it: the bar has moved, the report is far from written. */
  taiou_test_wait_for (progress_shown_or_finished, dialog);
  g_assert_true (taiou_export_dialog_get_running (dialog));
  g_assert_cmpfloat (gtk_progress_bar_get_fraction (GTK_PROGRESS_BAR (
    taiou_test_find_widget_type (GTK_WIDGET (dialog), GTK_TYPE_PROGRESS_BAR))), <, 1.0);
  taiou_test_click (cancel);
  taiou_test_wait_for (export_finished, dialog);

  g_assert_null (taiou_export_dialog_get_saved_file (dialog));
  g_assert_nonnull (strstr (taiou_export_dialog_get_problem (dialog), "cancelled"));
  g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));
  g_assert_cmpuint (count_files (fixture->dir), ==, 0);
  /* Idle again: Escape closes. */
  g_object_add_weak_pointer (G_OBJECT (dialog), (gpointer *) &dialog);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (dialog), "export-dialog.close-if-idle",
                                             NULL));
  taiou_test_wait_for (dialog_gone, &dialog);
}

/* Closing the window while it exports stops the export: no file, no crash when it ends. */
static void
test_close_while_exporting (Fixture       *fixture,
                            gconstpointer  user_data)
{
  g_autoptr(TaiouIncident) incident = taiou_test_add_incident (fixture->record.timeline, "closed",
                                                               0);
  TaiouExportDialog *dialog;
  g_autofree char *path = g_build_filename (fixture->dir, "closed.pdf", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);

  add_many_events (fixture, incident, 20000);
  dialog = open_export_dialog (fixture, incident);
  taiou_export_dialog_export_to (dialog, file);
  g_assert_true (taiou_export_dialog_get_running (dialog));
  g_object_add_weak_pointer (G_OBJECT (dialog), (gpointer *) &dialog);
  gtk_window_close (GTK_WINDOW (dialog));
  /* The export holds the dialog until it has ended. */
  taiou_test_wait_for (dialog_gone, &dialog);
  g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));
  g_assert_cmpuint (count_files (fixture->dir), ==, 0);
}

#define ADD_TEST(path, func) \
  g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

static void
test_skipped (void)
{
  g_test_skip ("no display; see the message above");
}

int
main (int    argc,
      char **argv)
{
  if (!taiou_test_gui_init (&argc, &argv, TRUE))
    {
      g_test_add_func ("/taiou/gui/export-dialog/skipped", test_skipped);
      return g_test_run ();
    }
  taiou_i18n_init ();

  ADD_TEST ("/taiou/gui/export-dialog/report-pdf", test_report_pdf);
  ADD_TEST ("/taiou/gui/export-dialog/report-html-is-complete", test_report_html_is_complete);
  ADD_TEST ("/taiou/gui/export-dialog/timesketch-jsonl", test_timesketch_jsonl);
  ADD_TEST ("/taiou/gui/export-dialog/error-shown", test_error_shown);
  ADD_TEST ("/taiou/gui/export-dialog/cancel-leaves-no-file", test_cancel_leaves_no_file);
  ADD_TEST ("/taiou/gui/export-dialog/close-while-exporting", test_close_while_exporting);

  return g_test_run ();
}
