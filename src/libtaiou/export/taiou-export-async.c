/* taiou-export-async.c — an export (the report's PDF above all) in a worker thread, its progress
 * delivered to the caller's main loop
 *
 * The report of an incident of 100,000 events takes seconds; the record view starts it with a
 * progress bar and a Cancel button and must not freeze.  The worker reports every few thousand
 * events; only the latest figures are kept, and at most one delivery is queued at a time, so a
 * slow main loop never piles up callbacks.  The options' strings are copied: the caller may free
 * its own as soon as this returns.
 */
#define G_LOG_DOMAIN "taiou-export"

#include "config.h"

#include "taiou-export.h"

typedef struct
{
  TaiouTimeline          *timeline;
  gint64                  incident_id;
  TaiouExportFormat       format;
  char                   *path;
  TaiouExportOptions      options;
  char                   *exported_on;
  char                   *exported_by;
  char                   *organization;
  char                   *status;
  char                  **step_ids;
  char                  **step_titles;

  GMainContext           *main_context;
  TaiouExportProgressFunc progress;
  gpointer                progress_data;
  GMutex                  lock;          /* guards the three below */
  gint64                  done;
  gint64                  total;
  gboolean                queued;        /* a delivery is waiting in the main loop */
} AsyncExport;

static void
async_export_clear (gpointer data)
{
  AsyncExport *self = data;

  g_clear_object (&self->timeline);
  g_free (self->path);
  g_free (self->exported_on);
  g_free (self->exported_by);
  g_free (self->organization);
  g_free (self->status);
  g_strfreev (self->step_ids);
  g_strfreev (self->step_titles);
  g_clear_pointer (&self->main_context, g_main_context_unref);
  g_mutex_clear (&self->lock);
}

static void
async_export_unref (gpointer data)
{
  g_atomic_rc_box_release_full (data, async_export_clear);
}

static gboolean
deliver_progress (gpointer data)
{
  AsyncExport *self = data;
  gint64 done, total;

  g_mutex_lock (&self->lock);
  done = self->done;
  total = self->total;
  self->queued = FALSE;
  g_mutex_unlock (&self->lock);
  self->progress (done, total, self->progress_data);
  return G_SOURCE_REMOVE;
}

/* Called in the worker thread. */
static void
queue_progress (gint64   done,
                gint64   total,
                gpointer data)
{
  AsyncExport *self = data;
  gboolean queue;

  g_mutex_lock (&self->lock);
  self->done = done;
  self->total = total;
  queue = !self->queued;
  self->queued = TRUE;
  g_mutex_unlock (&self->lock);
  if (queue)
    g_main_context_invoke_full (self->main_context, G_PRIORITY_DEFAULT, deliver_progress,
                                g_atomic_rc_box_acquire (self), async_export_unref);
}

static void
export_in_thread (GTask        *task,
                  gpointer      source_object,
                  gpointer      task_data,
                  GCancellable *cancellable)
{
  AsyncExport *self = task_data;
  GError *error = NULL;

  if (taiou_export_incident_to_path (self->timeline, self->incident_id, self->format,
                                     self->path, &self->options, cancellable, &error))
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);
}

/**
 * taiou_export_incident_to_path_async:
 * @options: (nullable): as for taiou_export_incident_to_path(); its progress member is ignored
 * @progress: (nullable): called in the thread-default main context of the caller, at most one
 *   call queued at a time, with the latest figures
 *
 * Runs taiou_export_incident_to_path() in a worker thread: the file appears only once complete,
 * and a cancelled export leaves none.
 */
void
taiou_export_incident_to_path_async (TaiouTimeline             *timeline,
                                     gint64                     incident_id,
                                     TaiouExportFormat          format,
                                     const char                *path,
                                     const TaiouExportOptions  *options,
                                     TaiouExportProgressFunc    progress,
                                     gpointer                   progress_data,
                                     GCancellable              *cancellable,
                                     GAsyncReadyCallback        callback,
                                     gpointer                   user_data)
{
  g_autoptr(GTask) task = NULL;
  AsyncExport *self;

  g_return_if_fail (TAIOU_IS_TIMELINE (timeline));
  g_return_if_fail (path != NULL);

  self = g_atomic_rc_box_new0 (AsyncExport);
  g_mutex_init (&self->lock);
  self->timeline = g_object_ref (timeline);
  self->incident_id = incident_id;
  self->format = format;
  self->path = g_strdup (path);
  if (options != NULL)
    {
      self->options = *options;
      self->exported_on = g_strdup (options->exported_on);
      self->exported_by = g_strdup (options->exported_by);
      self->organization = g_strdup (options->organization);
      self->status = g_strdup (options->status);
      self->step_ids = g_strdupv ((char **) options->step_ids);
      self->step_titles = g_strdupv ((char **) options->step_titles);
    }
  self->options.exported_on = self->exported_on;
  self->options.exported_by = self->exported_by;
  self->options.organization = self->organization;
  self->options.status = self->status;
  self->options.step_ids = (const char * const *) self->step_ids;
  self->options.step_titles = (const char * const *) self->step_titles;
  self->options.progress = progress != NULL ? queue_progress : NULL;
  self->options.progress_data = self;
  self->main_context = g_main_context_ref_thread_default ();
  self->progress = progress;
  self->progress_data = progress_data;

  task = g_task_new (timeline, cancellable, callback, user_data);
  g_task_set_source_tag (task, taiou_export_incident_to_path_async);
  g_task_set_task_data (task, self, async_export_unref);
  g_task_run_in_thread (task, export_in_thread);
}

gboolean
taiou_export_incident_to_path_finish (TaiouTimeline  *timeline,
                                      GAsyncResult   *result,
                                      GError        **error)
{
  g_return_val_if_fail (g_task_is_valid (result, timeline), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}
