/* taiou-scan-page-checks.c — the scan page's checks: the Windows disk, EmoCheck, this computer
 *
 * Each check is one chain of callbacks carrying a Check: the work runs in a worker thread
 * (libtaiou's async calls), its progress reaches the row through a TaiouProgressRelay, and the
 * result is recorded through the case on the main thread only once the work is complete — a
 * cancelled check records nothing, not even what it had found so far.
 */
#define G_LOG_DOMAIN "taiou-scan-page"

#include "config.h"

#include <glib/gi18n.h>

#include "preferences/taiou-scan-preferences-page.h"
#include "taiou-scan-page-private.h"

typedef struct
{
  TaiouScanPage       *page;         /* a reference: the chain may outlive a closed window */
  TaiouScanTaskRow    *row;
  GCancellable        *cancellable;
  TaiouProgressRelay  *relay;
  char                *root;         /* the Windows disk's folder; NULL for this computer */
  gboolean             has_serial;
  guint32              serial;
  char                *target;       /* what is checked, in words, for the record */
} Check;

static void
check_free (Check *check)
{
  if (check->relay != NULL)
    {
      _taiou_scan_page_drop_relay (check->page, check->relay);
      taiou_progress_relay_unref (check->relay);
    }
  g_clear_object (&check->cancellable);
  g_clear_object (&check->page);
  g_free (check->root);
  g_free (check->target);
  g_free (check);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Check, check_free)

static Check *
check_new (TaiouScanPage    *self,
           TaiouScanTaskRow *row,
           const char       *title)
{
  Check *check = g_new0 (Check, 1);

  check->page = g_object_ref (self);
  check->row = row;
  check->cancellable = g_object_ref (taiou_scan_task_row_begin (row, title));
  return check;
}

/* Ends @check's row on an error; TRUE when there was one (cancelling is one too). */
/* The page went away while the worker ran: nothing is left to show, and nothing is recorded. */
static gboolean
orphaned (Check *check)
{
  return check->page->disposed;
}

static gboolean
show_failure (Check        *check,
              const GError *error,
              const char   *problem)
{
  g_autofree char *message = NULL;
  g_autofree char *reason = NULL;

  if (error == NULL)
    return FALSE;
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      taiou_scan_task_row_show_cancelled (check->row);
      return TRUE;
    }
  /* The reason is libtaiou's, sometimes in English: it goes under the sentence, for the IT
   * manager. */
  reason = taiou_yara_error_get_message (error, TRUE);
  message = g_strdup_printf ("%s\n%s", problem, reason);
  taiou_scan_task_row_show_error (check->row, message);
  return TRUE;
}

/* The Windows disk and this computer ------------------------------------------------------ */

static void
system_scan_done_cb (GObject      *source,
                     GAsyncResult *result,
                     gpointer      user_data)
{
  g_autoptr(Check) check = user_data;
  g_autoptr(TaiouScanResult) scan_result = NULL;
  g_autoptr(GError) error = NULL;
  const char *note = NULL;

  if (orphaned (check))
    return;

  scan_result = taiou_system_scan_finish (TAIOU_SCANNER (source), result, NULL, &error);
  /* A result that arrives after cancelling is dropped as well: the user asked for nothing. */
  if (scan_result != NULL && g_cancellable_is_cancelled (check->cancellable))
    g_set_error_literal (&error, G_IO_ERROR, G_IO_ERROR_CANCELLED, "cancelled");
  if (show_failure (check, error, _("The check stopped.")))
    return;
  if (check->root != NULL && !check->has_serial)
    note = _("Without the disk’s serial number, the Emotet name checks that need it were "
             "skipped.");
  _taiou_scan_page_show_scan_result (check->page, check->row, scan_result, check->target, note);
}

static void
iocs_loaded_cb (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(Check) check = user_data;
  g_autoptr(TaiouIocSet) iocs = NULL;
  g_autoptr(TaiouScanner) scanner = NULL;
  g_autoptr(TaiouScanExclusions) exclusions = NULL;
  g_autoptr(GError) error = NULL;
  TaiouSystemScanOptions options = { NULL };
  TaiouProgressRelay *relay;
  GCancellable *cancellable;

  if (orphaned (check))
    return;

  iocs = taiou_case_load_iocs_finish (TAIOU_CASE (source), result, &error);
  /* The load is shared and not cancellable: check this check's own cancellable now. */
  if (error == NULL)
    g_cancellable_set_error_if_cancelled (check->cancellable, &error);
  if (show_failure (check, error, _("The list of known malware could not be loaded.")))
    return;

  options.windows_volume = check->root;
  options.has_volume_serial = check->has_serial;
  options.volume_serial = check->serial;
  /* The IOCs are loaded: this adds the case's YARA rules, or says which rule file is wrong. */
  scanner = taiou_case_new_scanner (TAIOU_CASE (source), NULL, &error);
  if (show_failure (check, error, _("The YARA rules could not be loaded.")))
    return;
  exclusions = taiou_scan_preferences_load_exclusions (check->root != NULL);
  taiou_scanner_set_exclusions (scanner, exclusions);
  check->relay = _taiou_scan_page_new_relay (check->page, check->row);
  taiou_progress_relay_ref (check->relay);
  relay = check->relay;
  cancellable = check->cancellable;
  taiou_system_scan_async (scanner, &options, NULL, taiou_progress_relay_push, relay,
                           cancellable, system_scan_done_cb, g_steal_pointer (&check));
}

/* The IOC set may still be loading (it starts with the app): the scan waits for it. */
static void
start_system_scan (Check *check)
{
  TaiouCase *case_at_hand = taiou_wizard_page_get_case (TAIOU_WIZARD_PAGE (check->page));

  if (orphaned (check) || case_at_hand == NULL)
    {
      check_free (check);
      return;
    }
  taiou_case_load_iocs_async (case_at_hand, check->cancellable, iocs_loaded_cb, check);
}

static void
serial_response_cb (TaiouVolumeSerialDialog *dialog,
                    const char              *response,
                    gpointer                 user_data)
{
  Check *check = user_data;

  check->page->serial_dialog = NULL;
  check->has_serial = g_strcmp0 (response, TAIOU_VOLUME_SERIAL_RESPONSE_CHECK) == 0 &&
                      taiou_volume_serial_dialog_get_serial (dialog, &check->serial);
  start_system_scan (check);
}

static void
ask_serial (Check *check)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (check->page));
  TaiouVolumeSerialDialog *dialog;

  dialog = taiou_volume_serial_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL);
  check->page->serial_dialog = dialog;
  g_signal_connect (dialog, "response", G_CALLBACK (serial_response_cb), check);
  /* Part of the app, like its other windows (after connecting: it may be answered at once). */
  if (GTK_IS_WINDOW (root))
    gtk_window_set_application (GTK_WINDOW (dialog),
                                gtk_window_get_application (GTK_WINDOW (root)));
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
inspect_thread (GTask        *task,
                gpointer      source_object,
                gpointer      task_data,
                GCancellable *cancellable)
{
  GError *error = NULL;
  TaiouWindowsVolumeInfo *info = taiou_windows_volume_inspect (task_data, &error);

  if (info == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, info, (GDestroyNotify) taiou_windows_volume_info_free);
}

static void
inspect_done_cb (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(Check) check = user_data;
  g_autoptr(TaiouWindowsVolumeInfo) info = NULL;
  g_autoptr(GError) error = NULL;

  if (orphaned (check))
    return;

  info = g_task_propagate_pointer (G_TASK (result), &error);
  if (g_error_matches (error, TAIOU_WINDOWS_VOLUME_ERROR, TAIOU_WINDOWS_VOLUME_ERROR_NOT_WINDOWS))
    {
      taiou_scan_task_row_show_error (check->row,
                                      _("This folder is not the disk Windows starts from: it "
                                        "has no Windows\\System32\\config folder. Choose the "
                                        "folder that holds the Windows, Users and Program "
                                        "Files folders."));
      return;
    }
  if (show_failure (check, error, _("This folder cannot be checked.")))
    return;

  check->has_serial = info->has_serial;
  check->serial = info->serial;
  if (info->has_serial)
    start_system_scan (g_steal_pointer (&check));
  else
    {
      g_debug ("No serial for %s: %s", info->root, info->serial_problem);
      ask_serial (g_steal_pointer (&check));
    }
}

/**
 * taiou_scan_page_check_windows_disk:
 * @root: the folder where the Windows PC's disk is (a mount point or a copy)
 *
 * Checks that @root is a Windows system volume, reads or asks for its serial, scans it and
 * records the result.
 */
void
taiou_scan_page_check_windows_disk (TaiouScanPage *self,
                                    const char    *root)
{
  g_autoptr(GTask) task = NULL;
  g_autofree char *title = NULL;
  Check *check;

  g_return_if_fail (TAIOU_IS_SCAN_PAGE (self));
  g_return_if_fail (root != NULL);

  title = g_strdup_printf (_("The Windows disk at %s"), root);
  check = check_new (self, self->disk_row, title);
  check->root = g_strdup (root);
  /* The same words as taiou-cli's, so the record reads alike from either. */
  check->target = g_strdup_printf (_("the Windows volume at %s"), root);
  task = g_task_new (NULL, check->cancellable, inspect_done_cb, check);
  g_task_set_source_tag (task, taiou_scan_page_check_windows_disk);
  g_task_set_task_data (task, g_strdup (root), g_free);
  g_task_run_in_thread (task, inspect_thread);
}

void
_taiou_scan_page_disk_chosen_cb (TaiouScanPage *self,
                                 const char    *root)
{
  taiou_scan_page_check_windows_disk (self, root);
}

/**
 * taiou_scan_page_check_computer:
 *
 * Checks this running computer as `taiou-cli scan` does with no path, and records the result.
 */
void
taiou_scan_page_check_computer (TaiouScanPage *self)
{
  Check *check;

  g_return_if_fail (TAIOU_IS_SCAN_PAGE (self));

  check = check_new (self, self->computer_row, _("This computer"));
  check->target = g_strdup_printf (_("this computer (%s)"), g_get_host_name ());
  start_system_scan (check);
}

/* EmoCheck reports ------------------------------------------------------------------------- */

/* An Emotet process a report names, as a finding in plain words. */
static TaiouFinding *
emocheck_finding (const TaiouEmocheckReport  *report,
                  const TaiouEmocheckProcess *process)
{
  const char *host = report->hostname[0] != '\0' ? report->hostname : "?";
  g_autofree char *evidence = NULL;
  g_autofree char *reason_ja = NULL;
  g_autofree char *reason_en = NULL;

  evidence = g_strdup_printf ("EmoCheck %s, %s, %s: %s (PID %s)%s%s", report->version, host,
                              report->scan_time, process->process_name,
                              process->process_id != NULL ? process->process_id : "?",
                              process->registry_key != NULL ? " — " : "",
                              process->registry_key != NULL ? process->registry_key : "");
  reason_ja = g_strdup_printf ("EmoCheck が、パソコン「%s」で Emotet のプログラム（%s）を"
                               "見つけました（%s）。", host, process->process_name,
                               report->scan_time);
  reason_en = g_strdup_printf ("EmoCheck found an Emotet program (%s) on the PC “%s” (%s).",
                               process->process_name, host, report->scan_time);
  return taiou_finding_new ("emocheck.report", 100,
                            process->image_path != NULL ? process->image_path
                                                        : process->process_name,
                            evidence, reason_ja, reason_en);
}

static void
emocheck_loaded_cb (GObject      *source,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  g_autoptr(Check) check = user_data;
  g_autoptr(TaiouEmocheckBatch) batch = NULL;
  g_autoptr(GPtrArray) findings = NULL;
  g_autoptr(GPtrArray) details = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GString) summary = g_string_new (NULL);
  TaiouCase *case_at_hand = taiou_wizard_page_get_case (TAIOU_WIZARD_PAGE (check->page));
  guint n_infected;

  if (orphaned (check))
    return;

  batch = taiou_emocheck_batch_load_finish (result, &error);
  if (batch != NULL && g_cancellable_is_cancelled (check->cancellable))
    g_set_error_literal (&error, G_IO_ERROR, G_IO_ERROR_CANCELLED, "cancelled");
  if (show_failure (check, error, _("The report could not be read.")))
    return;

  findings = g_ptr_array_new_with_free_func ((GDestroyNotify) taiou_finding_free);
  for (guint i = 0; i < batch->reports->len; i++)
    {
      TaiouEmocheckReport *report = batch->reports->pdata[i];

      if (error == NULL && !taiou_case_record_emocheck (case_at_hand, report, &error))
        g_warning ("Could not record an EmoCheck report: %s", error->message);
      for (guint j = 0; j < report->processes->len; j++)
        g_ptr_array_add (findings, emocheck_finding (report, report->processes->pdata[j]));
    }

  n_infected = taiou_emocheck_batch_n_infected (batch);
  g_string_append_printf (summary,
                          g_dngettext (GETTEXT_PACKAGE, "%u EmoCheck report was read.",
                                       "%u EmoCheck reports were read.", batch->reports->len),
                          batch->reports->len);
  g_string_append_c (summary, ' ');
  if (n_infected > 0)
    g_string_append_printf (summary,
                            g_dngettext (GETTEXT_PACKAGE, "Emotet was found in %u of them.",
                                         "Emotet was found in %u of them.", n_infected),
                            n_infected);
  else
    g_string_append (summary, _("Not finding anything does not prove that the PC is safe."));
  if (error != NULL)
    g_string_append_printf (summary, "\n%s",
                            _("The result could not be recorded. Tell your IT manager."));

  taiou_scan_task_row_show_result (check->row, n_infected > 0,
                                   n_infected > 0 ? _("Signs of infection were found")
                                                  : _("Nothing was found"),
                                   summary->str, findings);
  details = g_ptr_array_new_with_free_func (g_free);
  for (guint i = 0; i < batch->problems->len; i++)
    g_ptr_array_add (details, g_strdup (batch->problems->pdata[i]));
  if (batch->truncated)
    g_ptr_array_add (details, g_strdup (_("There were too many files: the rest were not "
                                          "read.")));
  if (details->len > 0)
    {
      g_autofree char *title = g_strdup_printf (
        g_dngettext (GETTEXT_PACKAGE, "Details: %u file could not be read",
                     "Details: %u files could not be read", batch->problems->len),
        batch->problems->len);

      taiou_scan_task_row_set_details (check->row, title, details);
    }
  _taiou_scan_page_check_finished (check->page, check->row);
}

/**
 * taiou_scan_page_import_emocheck:
 * @path: an EmoCheck report, or a folder of them
 *
 * Reads the reports in a worker thread, then records every one of them.
 */
void
taiou_scan_page_import_emocheck (TaiouScanPage *self,
                                 const char    *path)
{
  g_autofree char *name = NULL;
  g_autofree char *title = NULL;
  Check *check;

  g_return_if_fail (TAIOU_IS_SCAN_PAGE (self));
  g_return_if_fail (path != NULL);

  name = g_filename_display_basename (path);
  title = g_strdup_printf (_("EmoCheck reports: %s"), name);
  check = check_new (self, self->emocheck_row, title);
  check->relay = _taiou_scan_page_new_relay (self, self->emocheck_row);
  taiou_progress_relay_ref (check->relay);
  taiou_emocheck_batch_load_async (path, taiou_progress_relay_push, check->relay,
                                   check->cancellable, emocheck_loaded_cb, check);
}

static void
emocheck_chooser_response_cb (GtkNativeDialog *dialog,
                              int              response,
                              gpointer         user_data)
{
  TaiouScanPage *self = user_data;

  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (dialog));
      g_autofree char *path = file != NULL ? g_file_get_path (file) : NULL;

      if (path != NULL)
        taiou_scan_page_import_emocheck (self, path);
    }
  g_clear_object (&self->chooser);
}

void
_taiou_scan_page_choose_emocheck (TaiouScanPage *self,
                                  gboolean       folder)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));

  if (self->chooser != NULL)
    return;
  self->chooser = gtk_file_chooser_native_new (
    folder ? _("Choose the Folder of EmoCheck Reports") : _("Choose an EmoCheck Report"),
    GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
    folder ? GTK_FILE_CHOOSER_ACTION_SELECT_FOLDER : GTK_FILE_CHOOSER_ACTION_OPEN,
    _("_Read"), _("_Cancel"));
  if (!folder)
    {
      g_autoptr(GtkFileFilter) reports = gtk_file_filter_new ();
      g_autoptr(GtkFileFilter) all = gtk_file_filter_new ();

      gtk_file_filter_set_name (reports, _("EmoCheck reports (.txt, .json)"));
      gtk_file_filter_add_suffix (reports, "txt");
      gtk_file_filter_add_suffix (reports, "json");
      gtk_file_filter_set_name (all, _("All files"));
      gtk_file_filter_add_pattern (all, "*");
      gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (self->chooser), reports);
      gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (self->chooser), all);
    }
  g_signal_connect (self->chooser, "response", G_CALLBACK (emocheck_chooser_response_cb), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (self->chooser));
}
