/* taiou-case-record.c — what happened, written into the incident at hand
 *
 * Every event the front-ends write goes through here, so the wording of the record, the kinds
 * (taiou-event-kinds.h) and what is deliberately left out are decided once.  What is left out
 * matters as much as what is kept: the record is exported and shown to people who need not see
 * a mail's links (they can carry a recipient's address or a token) or a partner list (a notice
 * is recorded with its counts, never its addresses).
 */
#define G_LOG_DOMAIN "taiou-case"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "taiou-case-private.h"
#include "taiou-event-kinds.h"

/* Who did it, one rule for every front-end: what is recorded during the worker's response (the
 * wizard's answers, the mails checked, the scans, the notices) is in the name of the person the
 * worker said reports the incident; what the IT manager adds by hand (a note, from the record
 * view or the CLI) names the account that added it.  A walkthrough found "root" on the mail and
 * notice events beside the reporter's name on the others. */
static gboolean
append_to (TaiouCase      *self,
           TaiouIncident  *incident,
           const char     *kind,
           const char     *actor,
           const char     *summary,
           JsonObject     *detail,
           GError        **error)
{
  g_autoptr(TaiouEvent) event = NULL;

  g_assert (incident != NULL);
  if (actor == NULL)
    actor = taiou_incident_get_reporter (incident);

  if (!_taiou_case_check_record (self, FALSE, error))
    return FALSE;
  event = taiou_timeline_append (self->timeline, taiou_incident_get_id (incident), kind, actor,
                                 summary, detail, error);
  if (event == NULL)
    return FALSE;
  g_signal_emit (self, _taiou_case_signals[_TAIOU_CASE_SIGNAL_EVENT_RECORDED], 0, event);
  return TRUE;
}

/* Appends one event to the incident at hand; fails when there is none or no record. */
gboolean
_taiou_case_append (TaiouCase   *self,
                    const char  *kind,
                    const char  *actor,
                    const char  *summary,
                    JsonObject  *detail,
                    GError     **error)
{
  if (!_taiou_case_check_record (self, TRUE, error))
    return FALSE;
  return append_to (self, self->incident, kind, actor, summary, detail, error);
}

/**
 * taiou_case_record_mail:
 *
 * Records the verdict, the reasons, the sender, the subject and the attachments' names and
 * hashes as one event — never the body or the links.
 */
gboolean
taiou_case_record_mail (TaiouCase        *self,
                        TaiouMailReport  *report,
                        GError          **error)
{
  g_autoptr(JsonObject) detail = NULL;
  g_autofree char *summary = NULL;

  g_return_val_if_fail (TAIOU_IS_CASE (self), FALSE);
  g_return_val_if_fail (report != NULL, FALSE);

  detail = taiou_mail_report_to_json (report);
  /* Links can carry a recipient's address or a token; the findings name the bad ones. */
  json_object_remove_member (detail, "urls");
  summary = g_strdup_printf (_("Mail “%s” from %s: %s (score %d)"),
                             report->subject != NULL ? report->subject : "",
                             report->from_address != NULL ? report->from_address : "?",
                             taiou_mail_verdict_label_ja (report->verdict), report->score);
  return _taiou_case_append (self, TAIOU_EVENT_MAIL_TRIAGE, NULL, summary, detail, error);
}

/**
 * taiou_case_record_scan:
 * @target: what was scanned, in words ("this computer", a volume's path …)
 *
 * Records one event per finding, then the scan's summary.
 */
gboolean
taiou_case_record_scan (TaiouCase        *self,
                        TaiouScanResult  *result,
                        const char       *target,
                        GError          **error)
{
  g_autoptr(JsonObject) detail = NULL;
  g_autofree char *summary = NULL;

  g_return_val_if_fail (TAIOU_IS_CASE (self), FALSE);
  g_return_val_if_fail (result != NULL, FALSE);
  g_return_val_if_fail (target != NULL, FALSE);

  if (!_taiou_case_check_record (self, TRUE, error))
    return FALSE;
  for (guint i = 0; i < result->findings->len; i++)
    {
      TaiouFinding *finding = result->findings->pdata[i];
      g_autoptr(JsonObject) finding_json = taiou_finding_to_json (finding);
      g_autofree char *finding_summary = NULL;

      finding_summary = g_strdup_printf (_("Scan finding (%s, score %d): %s"),
                                         taiou_severity_to_string (
                                           taiou_finding_get_severity (finding)),
                                         finding->score, finding->object);
      if (!_taiou_case_append (self, TAIOU_EVENT_SCAN_FINDING, NULL, finding_summary,
                               finding_json, error))
        return FALSE;
    }

  detail = taiou_scan_result_to_json (result, target);
  summary = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                          "Scan of %s: %u finding in %llu files",
                                          "Scan of %s: %u findings in %llu files",
                                          result->findings->len),
                             target, result->findings->len, (unsigned long long) result->n_files);
  return _taiou_case_append (self, TAIOU_EVENT_SCAN_FINISHED, NULL, summary, detail, error);
}

/**
 * taiou_case_record_emocheck:
 *
 * Records an EmoCheck report: one event for the result, one for each Emotet process found.
 */
gboolean
taiou_case_record_emocheck (TaiouCase            *self,
                            TaiouEmocheckReport  *report,
                            GError              **error)
{
  g_autoptr(JsonObject) detail = NULL;
  g_autofree char *summary = NULL;

  g_return_val_if_fail (TAIOU_IS_CASE (self), FALSE);
  g_return_val_if_fail (report != NULL, FALSE);

  detail = taiou_emocheck_report_to_json (report);
  summary = report->infected
            ? g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                            "EmoCheck %s on %s (%s): Emotet found in %u process",
                                            "EmoCheck %s on %s (%s): Emotet found in %u processes",
                                            report->processes->len),
                               report->version, report->hostname, report->scan_time,
                               report->processes->len)
            : g_strdup_printf (_("EmoCheck %s on %s (%s): Emotet not detected"),
                               report->version, report->hostname, report->scan_time);
  if (!_taiou_case_append (self, TAIOU_EVENT_IMPORT_EMOCHECK, NULL, summary, detail, error))
    return FALSE;

  for (guint i = 0; i < report->processes->len; i++)
    {
      TaiouEmocheckProcess *process = report->processes->pdata[i];
      g_autoptr(JsonObject) process_detail = taiou_emocheck_process_to_json (process);
      g_autofree char *process_summary = NULL;

      process_summary = g_strdup_printf (_("EmoCheck: Emotet process %s (PID %s) at %s"),
                                         process->process_name,
                                         process->process_id != NULL ? process->process_id : "?",
                                         process->image_path != NULL ? process->image_path : "?");
      if (!_taiou_case_append (self, TAIOU_EVENT_IMPORT_EMOCHECK_PROCESS, NULL, process_summary,
                               process_detail, error))
        return FALSE;
    }
  return TRUE;
}

/**
 * taiou_case_record_loki:
 *
 * Records a Loki log: one event for the log (host, scan times, counts, whether it was cut
 * short), then one for each ALERT, WARNING and NOTICE it kept, in log order.
 *
 * Each event is a single durable append today, so a log of thousands of findings takes a
 * while; this is the one place to switch to a batched append (all or nothing) when the
 * timeline has one.
 */
gboolean
taiou_case_record_loki (TaiouCase     *self,
                        TaiouLokiLog  *log,
                        GError       **error)
{
  g_autoptr(JsonObject) detail = NULL;
  g_autofree char *summary = NULL;
  const char *host;

  g_return_val_if_fail (TAIOU_IS_CASE (self), FALSE);
  g_return_val_if_fail (log != NULL, FALSE);

  if (!_taiou_case_check_record (self, TRUE, error))
    return FALSE;
  host = log->hostname[0] != '\0' ? log->hostname : "?";
  detail = taiou_loki_log_to_json (log);
  summary = g_strdup_printf (_("Loki log %s from %s: ALERT %u, WARNING %u, NOTICE %u%s"),
                             log->source_name, host, log->n_alerts, log->n_warnings,
                             log->n_notices, log->truncated ? _(" (not read to the end)") : "");
  if (!_taiou_case_append (self, TAIOU_EVENT_IMPORT_LOKI, NULL, summary, detail, error))
    return FALSE;

  for (guint i = 0; i < log->findings->len; i++)
    {
      TaiouLokiFinding *finding = log->findings->pdata[i];
      g_autoptr(JsonObject) finding_detail = taiou_loki_finding_to_json (finding);
      g_autofree char *finding_summary = NULL;
      const char *what = finding->file_path != NULL ? finding->file_path
                         : finding->process_name != NULL ? finding->process_name
                         : finding->message;

      finding_summary = finding->score >= 0
        ? g_strdup_printf (_("Loki %s on %s (%s, score %d): %s"),
                           taiou_loki_level_to_string (finding->level),
                           finding->hostname[0] != '\0' ? finding->hostname : host,
                           finding->module != NULL ? finding->module : "-", finding->score, what)
        : g_strdup_printf (_("Loki %s on %s (%s): %s"),
                           taiou_loki_level_to_string (finding->level),
                           finding->hostname[0] != '\0' ? finding->hostname : host,
                           finding->module != NULL ? finding->module : "-", what);
      if (!_taiou_case_append (self, TAIOU_EVENT_IMPORT_LOKI_FINDING, NULL, finding_summary,
                               finding_detail, error))
        return FALSE;
    }
  return TRUE;
}

/**
 * taiou_case_record_notice:
 * @incident: the incident the notice is about (it may no longer be the one at hand)
 * @format: "text", "html", "eml" or "clipboard"
 * @n_batches: the .eml files made (0 for other formats)
 * @n_recipients: the recipients over all batches (0 for other formats)
 *
 * Records that a notice was made: which one, in which format, for how many — never to whom.
 */
gboolean
taiou_case_record_notice (TaiouCase            *self,
                          TaiouIncident        *incident,
                          TaiouNoticeTemplate  *notice,
                          const char           *format,
                          guint                 n_batches,
                          guint                 n_recipients,
                          GError              **error)
{
  g_autoptr(JsonObject) detail = json_object_new ();
  g_autofree char *summary = NULL;

  g_return_val_if_fail (TAIOU_IS_CASE (self), FALSE);
  g_return_val_if_fail (TAIOU_IS_INCIDENT (incident), FALSE);
  g_return_val_if_fail (notice != NULL && format != NULL, FALSE);

  json_object_set_string_member (detail, "template", taiou_notice_template_get_name (notice));
  json_object_set_string_member (detail, "format", format);
  json_object_set_int_member (detail, "batches", n_batches);
  json_object_set_int_member (detail, "recipients", n_recipients);
  summary = g_strdup_printf (_("Notice made: %s (%s)"), taiou_notice_template_get_title (notice),
                             format);
  return append_to (self, incident, TAIOU_EVENT_NOTICE_GENERATED, NULL, summary, detail, error);
}

/**
 * taiou_case_record_answer:
 * @kind: one of the kinds in taiou-event-kinds.h (a triage answer, a skipped step …)
 * @detail: (nullable): what the answer was, for machines
 *
 * Records what the worker answered or did in the wizard, in their name (the incident's
 * reporter).
 */
gboolean
taiou_case_record_answer (TaiouCase   *self,
                          const char  *kind,
                          const char  *summary,
                          JsonObject  *detail,
                          GError     **error)
{
  g_return_val_if_fail (TAIOU_IS_CASE (self), FALSE);
  g_return_val_if_fail (kind != NULL && summary != NULL, FALSE);

  if (!_taiou_case_check_record (self, TRUE, error))
    return FALSE;
  return _taiou_case_append (self, kind, NULL, summary, detail, error);
}

/**
 * taiou_case_record_step:
 * @step: the wizard step reached (TAIOU_INCIDENT_STEP_FINISHED at the end)
 *
 * Records that the response reached @step, so a restarted app resumes there; the incident at
 * hand is re-read so its step is the new one.
 */
gboolean
taiou_case_record_step (TaiouCase   *self,
                        const char  *step,
                        const char  *summary,
                        GError     **error)
{
  gint64 incident_id;

  g_return_val_if_fail (TAIOU_IS_CASE (self), FALSE);
  g_return_val_if_fail (step != NULL && summary != NULL, FALSE);

  if (!_taiou_case_check_record (self, TRUE, error))
    return FALSE;
  incident_id = taiou_incident_get_id (self->incident);
  if (!taiou_timeline_set_incident_step (self->timeline, incident_id, step, summary,
                                         taiou_incident_get_reporter (self->incident), error))
    return FALSE;
  if (!taiou_case_select_incident (self, incident_id, error))
    return FALSE;
  /* Still at hand for the closing screen, but what is checked next is not part of it. */
  self->response_ended = g_str_equal (step, TAIOU_INCIDENT_STEP_FINISHED);
  return TRUE;
}

/**
 * taiou_case_add_note:
 *
 * Adds a note in the words of whoever uses Taiou (the IT manager, mostly), in the name of the
 * account that adds it.
 */
gboolean
taiou_case_add_note (TaiouCase   *self,
                     const char  *text,
                     GError     **error)
{
  g_return_val_if_fail (TAIOU_IS_CASE (self), FALSE);
  g_return_val_if_fail (text != NULL, FALSE);

  return _taiou_case_append (self, TAIOU_EVENT_NOTE, g_get_user_name (), text, NULL, error);
}

/**
 * taiou_case_add_note_to:
 * @incident: the incident the note is about (the one the IT manager is reading)
 * @refers_to: the number of the event the note is about (a correction), 0 for none
 *
 * Adds a note to @incident, whether or not it is the incident at hand.  A correction is a new
 * event that names the old one; the old one stays as it was.
 */
gboolean
taiou_case_add_note_to (TaiouCase      *self,
                        TaiouIncident  *incident,
                        const char     *text,
                        gint64          refers_to,
                        GError        **error)
{
  g_autoptr(JsonObject) detail = NULL;

  g_return_val_if_fail (TAIOU_IS_CASE (self), FALSE);
  g_return_val_if_fail (TAIOU_IS_INCIDENT (incident), FALSE);
  g_return_val_if_fail (text != NULL, FALSE);

  if (refers_to > 0)
    {
      detail = json_object_new ();
      json_object_set_int_member (detail, TAIOU_EVENT_DETAIL_REFERS_TO, refers_to);
    }
  return append_to (self, incident, TAIOU_EVENT_NOTE, g_get_user_name (), text, detail, error);
}

/**
 * taiou_case_mark_appi_done:
 * @incident: the incident the report was sent for (the one the IT manager is reading)
 *
 * Records that an APPI report or the notice to the persons concerned was done now, as the
 * report step does (appi.done, detail item), in the name of the account that marks it.
 */
gboolean
taiou_case_mark_appi_done (TaiouCase      *self,
                           TaiouIncident  *incident,
                           TaiouAppiItem   item,
                           GError        **error)
{
  g_autoptr(JsonObject) detail = json_object_new ();
  const char *summary;

  g_return_val_if_fail (TAIOU_IS_CASE (self), FALSE);
  g_return_val_if_fail (TAIOU_IS_INCIDENT (incident), FALSE);
  g_return_val_if_fail (item < TAIOU_APPI_N_ITEMS, FALSE);

  switch (item)
    {
    case TAIOU_APPI_ITEM_PRELIMINARY:
      summary = _("Marked as done: the preliminary report to the Commission");
      break;
    case TAIOU_APPI_ITEM_FINAL:
      summary = _("Marked as done: the final report to the Commission");
      break;
    case TAIOU_APPI_ITEM_NOTIFY_PERSONS:
    case TAIOU_APPI_N_ITEMS:
    default:
      summary = _("Marked as done: the notice to the persons concerned");
      break;
    }
  json_object_set_string_member (detail, TAIOU_EVENT_DETAIL_APPI_ITEM,
                                 taiou_appi_item_to_string (item));
  return append_to (self, incident, TAIOU_EVENT_APPI_DONE, g_get_user_name (), summary, detail,
                    error);
}

/**
 * taiou_case_record_checkpoint:
 * @incident: (nullable): the incident it was given for, NULL for the whole database
 * @file: (nullable): where it was saved (only the file's name is recorded)
 *
 * Records that @checkpoint was issued, with its whole text, in the name of the account that
 * issued it, so the record shows when each was given and to whom.
 */
gboolean
taiou_case_record_checkpoint (TaiouCase              *self,
                              TaiouIncident          *incident,
                              const TaiouCheckpoint  *checkpoint,
                              const char             *file,
                              GError                **error)
{
  g_autoptr(TaiouEvent) event = NULL;
  g_autoptr(JsonObject) detail = json_object_new ();
  g_autofree char *head = NULL;
  g_autofree char *summary = NULL;

  g_return_val_if_fail (TAIOU_IS_CASE (self), FALSE);
  g_return_val_if_fail (incident == NULL || TAIOU_IS_INCIDENT (incident), FALSE);
  g_return_val_if_fail (checkpoint != NULL && checkpoint->text != NULL, FALSE);

  head = taiou_checkpoint_dup_root_hex (checkpoint);
  json_object_set_string_member (detail, TAIOU_EVENT_DETAIL_CHECKPOINT, checkpoint->text);
  json_object_set_int_member (detail, TAIOU_EVENT_DETAIL_TREE_SIZE, checkpoint->tree_size);
  json_object_set_string_member (detail, TAIOU_EVENT_DETAIL_HEAD_HASH, head);
  json_object_set_string_member (detail, TAIOU_EVENT_DETAIL_KEY, checkpoint->origin);
  if (checkpoint->issued_to != NULL)
    json_object_set_string_member (detail, TAIOU_EVENT_DETAIL_ISSUED_TO, checkpoint->issued_to);
  if (file != NULL)
    {
      g_autofree char *name = g_path_get_basename (file);

      json_object_set_string_member (detail, TAIOU_EVENT_DETAIL_FILE, name);
    }
  summary = checkpoint->issued_to != NULL
            ? g_strdup_printf (_("Signed checkpoint of events #1–#%lld given to %s"),
                               (long long) checkpoint->tree_size, checkpoint->issued_to)
            : g_strdup_printf (_("Signed checkpoint of events #1–#%lld issued"),
                               (long long) checkpoint->tree_size);

  if (incident != NULL)
    return append_to (self, incident, TAIOU_EVENT_CHECKPOINT_ISSUED, g_get_user_name (),
                      summary, detail, error);

  /* A checkpoint of the whole database belongs to no incident. */
  if (!_taiou_case_check_record (self, FALSE, error))
    return FALSE;
  event = taiou_timeline_append (self->timeline, 0, TAIOU_EVENT_CHECKPOINT_ISSUED,
                                 g_get_user_name (), summary, detail, error);
  if (event == NULL)
    return FALSE;
  g_signal_emit (self, _taiou_case_signals[_TAIOU_CASE_SIGNAL_EVENT_RECORDED], 0, event);
  return TRUE;
}
