/* taiou-mail-triage-async.c — the mail triage in a worker thread, for the app */
#define G_LOG_DOMAIN "taiou-mail-triage"

#include "config.h"

#include "taiou-mail-triage.h"

typedef struct
{
  char        *path;
  GStrv        our_domains;
  GStrv        our_names;
  TaiouIocSet *iocs;
  TaiouYaraRules *yara;
  TaiouMailSenderSeenFunc sender_seen;
  gpointer     sender_seen_data;
  GStrv        trusted_authserv_ids;
} TriageTask;

static void
triage_task_free (TriageTask *data)
{
  g_free (data->path);
  g_strfreev (data->our_domains);
  g_strfreev (data->our_names);
  g_clear_object (&data->iocs);
  g_clear_object (&data->yara);
  g_strfreev (data->trusted_authserv_ids);
  g_free (data);
}

static void
triage_thread (GTask        *task,
               gpointer      source_object,
               gpointer      task_data,
               GCancellable *cancellable)
{
  TriageTask *data = task_data;
  TaiouMailTriageContext context = {
    .our_domains = (const char * const *) data->our_domains,
    .our_names = (const char * const *) data->our_names,
    .iocs = data->iocs,
    .yara = data->yara,
    .sender_seen = data->sender_seen,
    .sender_seen_data = data->sender_seen_data,
    .trusted_authserv_ids = (const char * const *) data->trusted_authserv_ids,
  };
  GError *error = NULL;
  TaiouMailReport *report;

  report = taiou_mail_triage_file (data->path, &context, cancellable, &error);
  if (report == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, report, (GDestroyNotify) taiou_mail_report_unref);
}

/**
 * taiou_mail_triage_file_async:
 * @context: (nullable): copied, so it need not outlive the call
 *
 * taiou_mail_triage_file() in a worker thread.
 */
void
taiou_mail_triage_file_async (const char                   *path,
                              const TaiouMailTriageContext *context,
                              GCancellable                 *cancellable,
                              GAsyncReadyCallback           callback,
                              gpointer                      user_data)
{
  g_autoptr(GTask) task = NULL;
  TriageTask *data;

  g_return_if_fail (path != NULL);

  data = g_new0 (TriageTask, 1);
  data->path = g_strdup (path);
  if (context != NULL)
    {
      data->our_domains = g_strdupv ((char **) context->our_domains);
      data->our_names = g_strdupv ((char **) context->our_names);
      data->iocs = context->iocs != NULL ? g_object_ref (context->iocs) : NULL;
      data->yara = context->yara != NULL ? g_object_ref (context->yara) : NULL;
      data->sender_seen = context->sender_seen;
      data->sender_seen_data = context->sender_seen_data;
      data->trusted_authserv_ids = g_strdupv ((char **) context->trusted_authserv_ids);
    }
  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, taiou_mail_triage_file_async);
  g_task_set_task_data (task, data, (GDestroyNotify) triage_task_free);
  g_task_run_in_thread (task, triage_thread);
}

TaiouMailReport *
taiou_mail_triage_file_finish (GAsyncResult  *result,
                               GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == taiou_mail_triage_file_async,
                        NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}
