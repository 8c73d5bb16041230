/* taiou-case-iocs.c — the case's IOC set, loaded once and off the main thread
 *
 * A million hashes take a quarter of a second to load: not something to repeat each time a
 * window opens, nor to do on the main thread while a frightened worker waits for the window.
 * The app starts the load when it starts; whoever needs the set later asks the case and waits,
 * if need be, for that one load.  A bundled snapshot that is missing or damaged is a warning
 * (the other checks still work); a file the user named that cannot be read is an error.
 */
#define G_LOG_DOMAIN "taiou-case"

#include "config.h"

#include "taiou-case-private.h"
#include "taiou-ioc-bundled.h"

typedef struct
{
  gboolean     bundled;
  GStrv        files;
  TaiouFeeds  *feeds;
  TaiouIocSet *iocs;
  GPtrArray   *reports;
  GError      *bundled_error;
} IocLoad;

static void
ioc_load_free (IocLoad *load)
{
  g_strfreev (load->files);
  g_clear_object (&load->feeds);
  g_clear_object (&load->iocs);
  g_clear_pointer (&load->reports, g_ptr_array_unref);
  g_clear_error (&load->bundled_error);
  g_free (load);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (IocLoad, ioc_load_free)

/* Runs in a worker thread (or the caller's, for the CLI); touches nothing of the case. */
static gboolean
ioc_load_run (IocLoad       *load,
              GCancellable  *cancellable,
              GError       **error)
{
  load->iocs = taiou_ioc_set_new ();
  load->reports = g_ptr_array_new_with_free_func ((GDestroyNotify) taiou_ioc_load_report_free);
  if (load->bundled)
    taiou_ioc_set_load_bundled (load->iocs, NULL, &load->bundled_error);
  /* The feeds' kept copies, fresh or not: they never fail the load (taiou_feeds_load_cached). */
  if (load->feeds != NULL)
    g_ptr_array_unref (taiou_feeds_load_cached (load->feeds, load->iocs));
  for (guint i = 0; load->files != NULL && load->files[i] != NULL; i++)
    {
      TaiouIocLoadReport *report;

      if (g_cancellable_set_error_if_cancelled (cancellable, error))
        return FALSE;
      report = taiou_ioc_set_load_file (load->iocs, load->files[i], TAIOU_IOC_FORMAT_AUTO, error);
      if (report == NULL)
        return FALSE;
      g_ptr_array_add (load->reports, report);
    }
  return TRUE;
}

static IocLoad *
ioc_load_new (TaiouCase *self)
{
  IocLoad *load = g_new0 (IocLoad, 1);

  load->bundled = self->bundled_iocs;
  load->files = g_strdupv (self->ioc_files);
  load->feeds = self->feeds != NULL ? g_object_ref (self->feeds) : NULL;
  return load;
}

/* Keeps what the load gave, once; emits ::iocs-loaded. */
static void
adopt_load (TaiouCase *self,
            IocLoad   *load,
            GError    *error)
{
  g_assert (self->iocs == NULL);

  if (error != NULL)
    {
      self->ioc_error = g_error_copy (error);
      return;
    }
  self->iocs = g_steal_pointer (&load->iocs);
  self->ioc_reports = g_steal_pointer (&load->reports);
  self->bundled_error = g_steal_pointer (&load->bundled_error);
  g_signal_emit (self, _taiou_case_signals[_TAIOU_CASE_SIGNAL_IOCS_LOADED], 0);
}

void
_taiou_case_clear_iocs (TaiouCase *self)
{
  g_clear_object (&self->iocs);
  g_clear_pointer (&self->ioc_reports, g_ptr_array_unref);
  g_clear_error (&self->bundled_error);
  g_clear_error (&self->ioc_error);
}

/**
 * taiou_case_set_ioc_sources:
 * @bundled: load the snapshot that ships with Taiou (the default)
 * @files: (nullable): IOC files of the user's, in any format taiou_ioc_set_load_file() reads
 *
 * Says what the IOC set is made of; only before it was loaded.
 */
void
taiou_case_set_ioc_sources (TaiouCase          *self,
                            gboolean            bundled,
                            const char * const *files)
{
  g_return_if_fail (TAIOU_IS_CASE (self));
  g_return_if_fail (self->iocs == NULL && self->ioc_waiters == NULL);

  self->bundled_iocs = bundled;
  g_strfreev (self->ioc_files);
  self->ioc_files = g_strdupv ((char **) files);
}

/**
 * taiou_case_load_iocs:
 *
 * Loads the IOC set in this thread, unless it was loaded already.  For the CLI; the app uses
 * taiou_case_load_iocs_async().
 *
 * Returns: (transfer none): the set, or NULL when a file of the user's cannot be read
 */
TaiouIocSet *
taiou_case_load_iocs (TaiouCase     *self,
                      GCancellable  *cancellable,
                      GError       **error)
{
  g_autoptr(IocLoad) load = NULL;
  g_autoptr(GError) local_error = NULL;

  g_return_val_if_fail (TAIOU_IS_CASE (self), NULL);
  g_return_val_if_fail (self->ioc_waiters == NULL, NULL);

  if (self->iocs == NULL && self->ioc_error == NULL)
    {
      load = ioc_load_new (self);
      ioc_load_run (load, cancellable, &local_error);
      if (g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        {
          g_propagate_error (error, g_steal_pointer (&local_error));
          return NULL;
        }
      adopt_load (self, load, local_error);
    }
  if (self->ioc_error != NULL)
    {
      g_propagate_error (error, g_error_copy (self->ioc_error));
      return NULL;
    }
  return self->iocs;
}

static void
return_to_waiters (TaiouCase *self)
{
  g_autoptr(GPtrArray) waiters = g_steal_pointer (&self->ioc_waiters);

  for (guint i = 0; i < waiters->len; i++)
    {
      GTask *task = waiters->pdata[i];

      if (self->iocs != NULL)
        g_task_return_pointer (task, g_object_ref (self->iocs), g_object_unref);
      else
        g_task_return_error (task, g_error_copy (self->ioc_error));
    }
}

static void
load_thread (GTask        *task,
             gpointer      source_object,
             gpointer      task_data,
             GCancellable *cancellable)
{
  GError *error = NULL;

  /* The shared load is not the caller's to cancel: others may be waiting for it. */
  if (ioc_load_run (task_data, NULL, &error))
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);
}

static void
load_done_cb (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  TaiouCase *self = TAIOU_CASE (source);
  g_autoptr(GError) error = NULL;

  g_task_propagate_boolean (G_TASK (result), &error);
  adopt_load (self, g_task_get_task_data (G_TASK (result)), error);
  return_to_waiters (self);
}

/**
 * taiou_case_load_iocs_async:
 *
 * Loads the IOC set in a worker thread, once: a second call while the first load is under
 * way waits for the same load, and a call after it returns the same set at once.  The load is
 * shared, so @cancellable does not stop it; the callers that chain work after it check their
 * own cancellable then (the bundled snapshot takes milliseconds, a million hashes ~0.25 s).
 */
void
taiou_case_load_iocs_async (TaiouCase           *self,
                            GCancellable        *cancellable,
                            GAsyncReadyCallback  callback,
                            gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (TAIOU_IS_CASE (self));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, taiou_case_load_iocs_async);
  if (self->iocs != NULL)
    {
      g_task_return_pointer (task, g_object_ref (self->iocs), g_object_unref);
      return;
    }
  if (self->ioc_error != NULL)
    {
      g_task_return_error (task, g_error_copy (self->ioc_error));
      return;
    }
  if (self->ioc_waiters == NULL)
    {
      g_autoptr(GTask) load_task = g_task_new (self, NULL, load_done_cb, NULL);

      self->ioc_waiters = g_ptr_array_new_with_free_func (g_object_unref);
      g_task_set_source_tag (load_task, load_thread);
      g_task_set_task_data (load_task, ioc_load_new (self), (GDestroyNotify) ioc_load_free);
      g_task_run_in_thread (load_task, load_thread);
    }
  g_ptr_array_add (self->ioc_waiters, g_steal_pointer (&task));
}

/* Returns: (transfer full): the set, or NULL with @error set */
TaiouIocSet *
taiou_case_load_iocs_finish (TaiouCase     *self,
                             GAsyncResult  *result,
                             GError       **error)
{
  g_return_val_if_fail (TAIOU_IS_CASE (self), NULL);
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

/* Returns: (transfer none) (nullable): the set, NULL until it was loaded */
TaiouIocSet *
taiou_case_get_iocs (TaiouCase *self)
{
  g_return_val_if_fail (TAIOU_IS_CASE (self), NULL);
  return self->iocs;
}

/* Returns: (transfer none) (nullable) (element-type TaiouIocLoadReport): what loading each
 * of the user's files gave (unusable lines), NULL until loaded */
GPtrArray *
taiou_case_get_ioc_reports (TaiouCase *self)
{
  g_return_val_if_fail (TAIOU_IS_CASE (self), NULL);
  return self->ioc_reports;
}

/* Returns: (nullable): why the bundled snapshot could not be loaded */
const GError *
taiou_case_get_bundled_ioc_error (TaiouCase *self)
{
  g_return_val_if_fail (TAIOU_IS_CASE (self), NULL);
  return self->bundled_error;
}
