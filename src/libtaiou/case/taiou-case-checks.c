/* taiou-case-checks.c — the checks, supplied with "us" and the IOCs of the case
 *
 * The checkers are "data in, report out": the mail triage wants our domains, the names people
 * know us by and the IOC set; the scanner wants the IOC set; a notice wants what the record
 * and Preferences already say.  These verbs hand them exactly that, the same way for the app
 * and the CLI, and leave recording to taiou-case-record.c.
 */
#define G_LOG_DOMAIN "taiou-case"

#include "config.h"

#include "taiou-case-private.h"

typedef struct
{
  GStrv        our_domains;
  GStrv        our_names;
  TaiouIocSet *iocs;
  TaiouYaraRules *yara;
  TaiouTimeline *timeline;  /* the case's, for the book of senders; nullable */
  GStrv        trusted_authserv_ids;
} TriageContext;

static void
triage_context_clear (TriageContext *context)
{
  g_clear_pointer (&context->our_domains, g_strfreev);
  g_clear_pointer (&context->our_names, g_strfreev);
  g_clear_object (&context->iocs);
  g_clear_object (&context->yara);
  g_clear_pointer (&context->trusted_authserv_ids, g_strfreev);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (TriageContext, triage_context_clear)

/* Attachments go through the same YARA rules as the files of a scan. */
static gboolean
triage_context_init (TriageContext  *context,
                     TaiouCase      *self,
                     TaiouIocSet    *iocs,
                     GError        **error)
{
  if ((context->yara = taiou_case_load_yara (self, error)) == NULL)
    return FALSE;
  context->our_domains = g_strdupv ((char **) taiou_profile_get_mail_domains (self->profile));
  context->our_names = taiou_profile_dup_display_names (self->profile);
  context->iocs = iocs != NULL ? g_object_ref (iocs) : NULL;
  context->timeline = self->timeline;
  context->trusted_authserv_ids =
    g_strdupv ((char **) taiou_profile_get_trusted_authserv_ids (self->profile));
  return TRUE;
}

static TaiouMailTriageContext
triage_context_view (const TriageContext *context)
{
  TaiouMailTriageContext view = {
    .our_domains = (const char * const *) context->our_domains,
    .our_names = (const char * const *) context->our_names,
    .iocs = context->iocs,
    .yara = context->yara,
    /* The case outlives the triage (the async task holds it), and with it the timeline. */
    .sender_seen = context->timeline != NULL ? _taiou_case_sender_seen : NULL,
    .sender_seen_data = context->timeline,
    .trusted_authserv_ids = (const char * const *) context->trusted_authserv_ids,
  };

  return view;
}

/**
 * taiou_case_check_mail:
 *
 * Was the mail at @path dangerous?  Loads the IOC set first if it was not loaded yet.  The
 * report is not recorded: taiou_case_record_mail() does that, so that a record that cannot be
 * written never hides the verdict.
 *
 * Returns: (transfer full): the report, or NULL when the file is not a readable mail or a
 *   file of the user's IOCs cannot be read
 */
TaiouMailReport *
taiou_case_check_mail (TaiouCase     *self,
                       const char    *path,
                       GCancellable  *cancellable,
                       GError       **error)
{
  g_auto(TriageContext) context = { NULL };
  TaiouMailTriageContext view;
  TaiouIocSet *iocs;
  TaiouMailReport *report;

  g_return_val_if_fail (TAIOU_IS_CASE (self), NULL);
  g_return_val_if_fail (path != NULL, NULL);

  if ((iocs = taiou_case_load_iocs (self, cancellable, error)) == NULL)
    return NULL;
  if (!triage_context_init (&context, self, iocs, error))
    return NULL;
  view = triage_context_view (&context);
  report = taiou_mail_triage_file (path, &view, cancellable, error);
  if (report != NULL)
    _taiou_case_remember_sender (self, report);
  return report;
}

static void
triage_cb (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  GError *error = NULL;
  TaiouMailReport *report = taiou_mail_triage_file_finish (result, &error);

  if (report == NULL)
    {
      g_task_return_error (task, error);
      return;
    }
  _taiou_case_remember_sender (TAIOU_CASE (g_task_get_source_object (task)), report);
  g_task_return_pointer (task, report, (GDestroyNotify) taiou_mail_report_unref);
}

static void
iocs_for_mail_cb (GObject      *source,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  TaiouCase *self = TAIOU_CASE (source);
  g_autoptr(TaiouIocSet) iocs = NULL;
  g_auto(TriageContext) context = { NULL };
  TaiouMailTriageContext view;
  GCancellable *cancellable = g_task_get_cancellable (task);
  const char *path = g_task_get_task_data (task);
  GError *error = NULL;

  iocs = taiou_case_load_iocs_finish (self, result, &error);
  if (iocs == NULL)
    {
      g_task_return_error (task, error);
      return;
    }
  if (g_task_return_error_if_cancelled (task))
    return;
  if (!triage_context_init (&context, self, iocs, &error))
    {
      g_task_return_error (task, error);
      return;
    }
  view = triage_context_view (&context);
  /* The context is copied by the triage, so it need not outlive this call. */
  taiou_mail_triage_file_async (path, &view, cancellable, triage_cb, g_steal_pointer (&task));
}

/**
 * taiou_case_check_mail_async:
 *
 * taiou_case_check_mail() in a worker thread, after the IOC set's one load if it is still
 * under way.
 */
void
taiou_case_check_mail_async (TaiouCase           *self,
                             const char          *path,
                             GCancellable        *cancellable,
                             GAsyncReadyCallback  callback,
                             gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (TAIOU_IS_CASE (self));
  g_return_if_fail (path != NULL);

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, taiou_case_check_mail_async);
  g_task_set_task_data (task, g_strdup (path), g_free);
  taiou_case_load_iocs_async (self, cancellable, iocs_for_mail_cb, g_steal_pointer (&task));
}

/* Returns: (transfer full): the report, or NULL with @error set */
TaiouMailReport *
taiou_case_check_mail_finish (TaiouCase     *self,
                              GAsyncResult  *result,
                              GError       **error)
{
  g_return_val_if_fail (TAIOU_IS_CASE (self), NULL);
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

/**
 * taiou_case_new_scanner:
 *
 * A scanner over the case's IOC set (loaded first, if need be); the caller sets its limits and
 * scans paths or the whole system with it, then records the result with
 * taiou_case_record_scan().
 *
 * Returns: (transfer full): the scanner, or NULL when the IOCs cannot be loaded
 */
TaiouScanner *
taiou_case_new_scanner (TaiouCase     *self,
                        GCancellable  *cancellable,
                        GError       **error)
{
  g_autoptr(TaiouScanner) scanner = NULL;
  g_autoptr(TaiouYaraRules) yara = NULL;
  TaiouIocSet *iocs;

  g_return_val_if_fail (TAIOU_IS_CASE (self), NULL);

  if ((iocs = taiou_case_load_iocs (self, cancellable, error)) == NULL)
    return NULL;
  scanner = taiou_scanner_new (iocs);
  if ((yara = taiou_case_load_yara (self, error)) == NULL)
    return NULL;
  /* No rule (--no-yara): the scan reads only what the IOCs need, as before YARA. */
  if (taiou_yara_rules_get_n_rules (yara) > 0)
    taiou_scanner_set_yara_rules (scanner, yara);
  return g_steal_pointer (&scanner);
}

static void
set_variable (GHashTable *variables,
              const char *name,
              const char *value)
{
  if (value != NULL && *value != '\0')
    g_hash_table_insert (variables, g_strdup (name), g_strdup (value));
}

static void
add_profile_variables (GHashTable   *variables,
                       TaiouProfile *profile)
{
  g_autofree char *domains = g_strjoinv ("\n",
                                         (char **) taiou_profile_get_mail_domains (profile));

  set_variable (variables, "company", taiou_profile_get_organization (profile));
  set_variable (variables, "our_domains", domains);
  set_variable (variables, "contact_department", taiou_profile_get_contact_department (profile));
  set_variable (variables, "contact_name", taiou_profile_get_contact_name (profile));
  set_variable (variables, "contact_phone", taiou_profile_get_contact_phone (profile));
  set_variable (variables, "contact_email", taiou_profile_get_contact_email (profile));
}

/**
 * taiou_case_dup_notice_variables:
 * @incident: (nullable): the incident the notice is about (taiou_case_dup_incident_for_notice()),
 *   which stays the notice's even when another incident comes to hand while it is written
 * @today: the notice's date
 *
 * What Taiou already knows for a notice about @incident: notice_date and, from the
 * record, discovery_date, first_notice_date, spoofed_names and timeline
 * (taiou_notice_add_incident_variables()), then "us" from the profile: company, our_domains
 * and the contact.  Empty values are left out, so a required one is reported as missing.
 *
 * Returns: (transfer full): name → value, or NULL when the record cannot be read
 */
GHashTable *
taiou_case_dup_notice_variables (TaiouCase      *self,
                                 TaiouIncident  *incident,
                                 GDateTime      *today,
                                 GError        **error)
{
  g_autoptr(GHashTable) variables = NULL;

  g_return_val_if_fail (TAIOU_IS_CASE (self), NULL);
  g_return_val_if_fail (incident == NULL || TAIOU_IS_INCIDENT (incident), NULL);
  g_return_val_if_fail (today != NULL, NULL);

  variables = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  g_hash_table_insert (variables, g_strdup ("notice_date"), taiou_notice_format_date (today));
  if (self->timeline != NULL && incident != NULL)
    {
      gint64 incident_id = taiou_incident_get_id (incident);
      g_autoptr(TaiouIncident) stored = NULL;
      g_autoptr(GPtrArray) events = NULL;

      /* Re-read, so a notice never states facts older than the record. */
      if ((stored = taiou_timeline_get_incident (self->timeline, incident_id, error)) == NULL ||
          (events = taiou_timeline_list_events (self->timeline, incident_id, error)) == NULL)
        return NULL;
      taiou_notice_add_incident_variables (variables, stored, events);
    }
  add_profile_variables (variables, self->profile);
  return g_steal_pointer (&variables);
}
