/* taiou-case-checkpoint.c — the app's 「チェックポイントを作成」: sign and record, off the main thread
 *
 * Re-hashing the whole chain takes about a second at 1,000,000 events, so the key is loaded
 * (or made, the first time) and the checkpoint signed in a worker thread; it is recorded back
 * in the caller's thread, where the case's event-recorded signal may reach widgets.
 */
#define G_LOG_DOMAIN "taiou-case"

#include "config.h"

#include "taiou-case-private.h"
#include "taiou-checkpoint-record.h"

typedef struct
{
  TaiouTimeline *timeline;
  TaiouIncident *incident;   /* nullable */
  char          *issued_to;  /* nullable */
} IssueData;

static void
issue_data_free (IssueData *data)
{
  g_clear_object (&data->timeline);
  g_clear_object (&data->incident);
  g_free (data->issued_to);
  g_free (data);
}

static void
issue_thread (GTask        *task,
              gpointer      source_object,
              gpointer      task_data,
              GCancellable *cancellable)
{
  IssueData *data = task_data;
  g_autofree char *path = taiou_checkpoint_key_get_default_path ();
  g_autoptr(TaiouCheckpointKey) key = NULL;
  TaiouCheckpoint *checkpoint = NULL;
  GError *error = NULL;

  key = taiou_checkpoint_key_load_or_create (path, &error);
  if (key != NULL)
    checkpoint = taiou_checkpoint_issue (data->timeline, key, data->incident, data->issued_to,
                                         cancellable, &error);
  if (checkpoint == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, checkpoint, (GDestroyNotify) taiou_checkpoint_free);
}

static void
issued (GObject      *source_object,
        GAsyncResult *result,
        gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  TaiouCase *self = g_task_get_source_object (task);
  IssueData *data = g_task_get_task_data (task);
  g_autoptr(TaiouCheckpoint) checkpoint = NULL;
  GError *error = NULL;

  checkpoint = g_task_propagate_pointer (G_TASK (result), &error);
  if (checkpoint == NULL ||
      !taiou_case_record_checkpoint (self, data->incident, checkpoint, NULL, &error))
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, g_steal_pointer (&checkpoint),
                           (GDestroyNotify) taiou_checkpoint_free);
}

/**
 * taiou_case_issue_checkpoint_async:
 * @incident: (nullable): the incident it is given for, NULL for the whole database
 * @issued_to: (nullable): whom it is given to
 *
 * Signs a checkpoint of the record with this installation's key and records it.
 */
void
taiou_case_issue_checkpoint_async (TaiouCase           *self,
                                   TaiouIncident       *incident,
                                   const char          *issued_to,
                                   GCancellable        *cancellable,
                                   GAsyncReadyCallback  callback,
                                   gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autoptr(GTask) worker = NULL;
  g_autoptr(GError) error = NULL;
  IssueData *data;

  g_return_if_fail (TAIOU_IS_CASE (self));
  g_return_if_fail (incident == NULL || TAIOU_IS_INCIDENT (incident));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, taiou_case_issue_checkpoint_async);
  if (!_taiou_case_check_record (self, FALSE, &error))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  data = g_new0 (IssueData, 1);
  data->timeline = g_object_ref (self->timeline);
  data->incident = incident != NULL ? g_object_ref (incident) : NULL;
  data->issued_to = g_strdup (issued_to);
  g_task_set_task_data (task, data, (GDestroyNotify) issue_data_free);

  worker = g_task_new (self, cancellable, issued, g_object_ref (task));
  g_task_set_task_data (worker, data, NULL);
  g_task_run_in_thread (worker, issue_thread);
}

/* Returns: (transfer full): the checkpoint issued and recorded, or NULL with @error */
TaiouCheckpoint *
taiou_case_issue_checkpoint_finish (TaiouCase     *self,
                                    GAsyncResult  *result,
                                    GError       **error)
{
  g_return_val_if_fail (TAIOU_IS_CASE (self), NULL);
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}
