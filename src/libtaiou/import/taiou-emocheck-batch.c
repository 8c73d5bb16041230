/* taiou-emocheck-batch.c — one EmoCheck report, or a folder of them, read off a USB stick
 *
 * An IT manager who ran EmoCheck on every PC of the office brings back a stick full of
 * "<HOST>_<YYYYmmddHHMMSS>_emocheck.txt|json" files, sometimes one folder per PC.  A file the
 * user chose is read whatever its name; in a folder only files named like EmoCheck's reports
 * are read, a few levels deep, without following links, within limits on the count and on each
 * file's size (the parser's).  A report that cannot be read is listed, not fatal: the others
 * still count.  Nothing is recorded here: the caller records the batch once it is complete, so
 * a cancelled import leaves no half result.
 */
#define G_LOG_DOMAIN "taiou-emocheck-batch"

#include "config.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <glib/gi18n-lib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "taiou-emocheck-batch.h"
#include "taiou-file-read.h"

/* The parser refuses more; read one byte over so it can say so. */
#define MAX_REPORT_READ (1024 * 1024 + 1)

void
taiou_emocheck_batch_free (TaiouEmocheckBatch *batch)
{
  if (batch == NULL)
    return;
  g_ptr_array_unref (batch->reports);
  g_ptr_array_unref (batch->paths);
  g_ptr_array_unref (batch->problems);
  g_free (batch);
}

static TaiouEmocheckBatch *
batch_new (void)
{
  TaiouEmocheckBatch *batch = g_new0 (TaiouEmocheckBatch, 1);

  batch->reports = g_ptr_array_new_with_free_func ((GDestroyNotify) taiou_emocheck_report_free);
  batch->paths = g_ptr_array_new_with_free_func (g_free);
  batch->problems = g_ptr_array_new_with_free_func (g_free);
  return batch;
}

/**
 * taiou_emocheck_batch_is_report_name:
 *
 * Returns: whether @name is what EmoCheck names its reports: "…emocheck.txt" or
 *   "…emocheck.json", in any case
 */
gboolean
taiou_emocheck_batch_is_report_name (const char *name)
{
  g_autofree char *lower = NULL;

  g_return_val_if_fail (name != NULL, FALSE);

  lower = g_ascii_strdown (name, -1);
  return g_str_has_suffix (lower, "emocheck.txt") || g_str_has_suffix (lower, "emocheck.json");
}

/* Returns: how many reports of the batch say Emotet was found */
guint
taiou_emocheck_batch_n_infected (TaiouEmocheckBatch *batch)
{
  guint n = 0;

  g_return_val_if_fail (batch != NULL, 0);

  for (guint i = 0; i < batch->reports->len; i++)
    if (((TaiouEmocheckReport *) batch->reports->pdata[i])->infected)
      n++;
  return n;
}

typedef struct
{
  TaiouEmocheckBatch    *batch;
  TaiouScanProgressFunc  progress;
  gpointer               progress_data;
  guint64                n_files;
  guint                  n_entries;
} Load;

static void
report_progress (Load       *load,
                 const char *path)
{
  TaiouScanProgress progress = { load->n_files, load->batch->n_bytes, path };

  if (load->progress != NULL)
    load->progress (&progress, load->progress_data);
}

static void
read_report (Load       *load,
             const char *path)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *data = NULL;
  TaiouEmocheckReport *report = NULL;
  gsize length = 0;

  load->n_files++;
  report_progress (load, path);
  data = taiou_file_read_bounded (path, MAX_REPORT_READ, &length, &error);
  if (data != NULL)
    {
      load->batch->n_bytes += length;
      report = taiou_emocheck_report_parse (path, data, length, &error);
    }
  if (report == NULL)
    {
      g_ptr_array_add (load->batch->problems, g_strdup_printf ("%s: %s", path, error->message));
      return;
    }
  g_ptr_array_add (load->batch->reports, report);
  g_ptr_array_add (load->batch->paths, g_strdup (path));
}

static int
compare_names (gconstpointer a,
               gconstpointer b)
{
  return strcmp (*(const char * const *) a, *(const char * const *) b);
}

/* Reads the reports in @folder and, down to the depth limit, its subfolders, in name order so
 * the record lists them the same way each time. */
static void
walk_folder (Load         *load,
             const char   *folder,
             guint         depth,
             GCancellable *cancellable)
{
  g_autoptr(GPtrArray) files = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) folders = g_ptr_array_new_with_free_func (g_free);
  int fd = open (folder, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
  DIR *dir = fd >= 0 ? fdopendir (fd) : NULL;
  struct dirent *entry;

  if (dir == NULL)
    {
      g_ptr_array_add (load->batch->problems,
                       g_strdup_printf ("%s: %s", folder, g_strerror (errno)));
      if (fd >= 0)
        close (fd);
      return;
    }
  while ((entry = readdir (dir)) != NULL)
    {
      struct stat st;

      if (strcmp (entry->d_name, ".") == 0 || strcmp (entry->d_name, "..") == 0)
        continue;
      if (++load->n_entries > TAIOU_EMOCHECK_BATCH_MAX_ENTRIES)
        {
          load->batch->truncated = TRUE;
          break;
        }
      if (fstatat (dirfd (dir), entry->d_name, &st, AT_SYMLINK_NOFOLLOW) != 0)
        continue;
      if (S_ISDIR (st.st_mode) && depth < TAIOU_EMOCHECK_BATCH_MAX_DEPTH)
        g_ptr_array_add (folders, g_build_filename (folder, entry->d_name, NULL));
      else if (S_ISREG (st.st_mode) && taiou_emocheck_batch_is_report_name (entry->d_name))
        g_ptr_array_add (files, g_build_filename (folder, entry->d_name, NULL));
    }
  closedir (dir);

  g_ptr_array_sort (files, compare_names);
  g_ptr_array_sort (folders, compare_names);
  for (guint i = 0; i < files->len && !g_cancellable_is_cancelled (cancellable); i++)
    {
      if (load->batch->reports->len + load->batch->problems->len >=
          TAIOU_EMOCHECK_BATCH_MAX_REPORTS)
        {
          load->batch->truncated = TRUE;
          return;
        }
      read_report (load, files->pdata[i]);
    }
  for (guint i = 0; i < folders->len && !g_cancellable_is_cancelled (cancellable); i++)
    walk_folder (load, folders->pdata[i], depth + 1, cancellable);
}

/**
 * taiou_emocheck_batch_load:
 * @path: a report file (any name), or a folder holding reports named like EmoCheck's
 * @progress: (nullable): called in this thread before each file is read
 *
 * Returns: (transfer full): the reports and the files that could not be read; NULL with
 *   @error set when cancelled, when a file given by name cannot be read, or when a folder
 *   holds no report at all
 */
TaiouEmocheckBatch *
taiou_emocheck_batch_load (const char             *path,
                           TaiouScanProgressFunc   progress,
                           gpointer                progress_data,
                           GCancellable           *cancellable,
                           GError                **error)
{
  g_autoptr(TaiouEmocheckBatch) batch = batch_new ();
  Load load = { batch, progress, progress_data, 0, 0 };
  struct stat st;

  g_return_val_if_fail (path != NULL, NULL);

  if (stat (path, &st) == 0 && S_ISDIR (st.st_mode))
    {
      walk_folder (&load, path, 0, cancellable);
      if (g_cancellable_set_error_if_cancelled (cancellable, error))
        return NULL;
      if (batch->reports->len == 0 && batch->problems->len == 0)
        {
          g_set_error (error, TAIOU_IMPORT_ERROR, TAIOU_IMPORT_ERROR_READ,
                       _("No EmoCheck report (a file whose name ends in “emocheck.txt” or "
                         "“emocheck.json”) was found in %s."), path);
          return NULL;
        }
    }
  else
    {
      g_autoptr(GError) local_error = NULL;
      g_autofree char *data = NULL;
      TaiouEmocheckReport *report;
      gsize length = 0;

      load.n_files = 1;
      report_progress (&load, path);
      data = taiou_file_read_bounded (path, MAX_REPORT_READ, &length, &local_error);
      if (data == NULL)
        {
          g_set_error (error, TAIOU_IMPORT_ERROR, TAIOU_IMPORT_ERROR_READ,
                       _("Could not read %s: %s"), path, local_error->message);
          return NULL;
        }
      batch->n_bytes = length;
      if ((report = taiou_emocheck_report_parse (path, data, length, error)) == NULL)
        return NULL;
      g_ptr_array_add (batch->reports, report);
      g_ptr_array_add (batch->paths, g_strdup (path));
    }
  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return NULL;
  report_progress (&load, NULL);
  return g_steal_pointer (&batch);
}

typedef struct
{
  char                  *path;
  TaiouScanProgressFunc  progress;
  gpointer               progress_data;
} LoadTask;

static void
load_task_free (LoadTask *data)
{
  g_free (data->path);
  g_free (data);
}

static void
load_thread (GTask        *task,
             gpointer      source_object,
             gpointer      task_data,
             GCancellable *cancellable)
{
  LoadTask *data = task_data;
  GError *error = NULL;
  TaiouEmocheckBatch *batch;

  batch = taiou_emocheck_batch_load (data->path, data->progress, data->progress_data,
                                     cancellable, &error);
  if (batch == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, batch, (GDestroyNotify) taiou_emocheck_batch_free);
}

/**
 * taiou_emocheck_batch_load_async:
 * @progress: (nullable): called in the worker thread; marshal to the main loop (a
 *   TaiouProgressRelay does) before touching widgets
 *
 * taiou_emocheck_batch_load() in a worker thread.
 */
void
taiou_emocheck_batch_load_async (const char             *path,
                                 TaiouScanProgressFunc   progress,
                                 gpointer                progress_data,
                                 GCancellable           *cancellable,
                                 GAsyncReadyCallback     callback,
                                 gpointer                user_data)
{
  g_autoptr(GTask) task = NULL;
  LoadTask *data;

  g_return_if_fail (path != NULL);

  data = g_new0 (LoadTask, 1);
  data->path = g_strdup (path);
  data->progress = progress;
  data->progress_data = progress_data;
  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, taiou_emocheck_batch_load_async);
  g_task_set_task_data (task, data, (GDestroyNotify) load_task_free);
  g_task_run_in_thread (task, load_thread);
}

/* Returns: (transfer full): the batch, or NULL with @error set */
TaiouEmocheckBatch *
taiou_emocheck_batch_load_finish (GAsyncResult  *result,
                                  GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) ==
                        taiou_emocheck_batch_load_async, NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}
