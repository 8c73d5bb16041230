/* taiou-system-scan.c — a whole computer checked: probe, rules and the file walk together
 *
 * The probe says what runs and what starts by itself; the rules judge that; the file walk then
 * hashes the places malware is kept — the programs that run or autostart, and the folders
 * downloads and droppers use — rather than the whole disk, so a check finishes in minutes on
 * an office PC.  Give extra paths to walk more.
 */
#define G_LOG_DOMAIN "taiou-system-scan"

#include "config.h"

#include <fcntl.h>
#include <glib/gi18n-lib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "taiou-event-kinds.h"
#include "taiou-finding.h"
#include "taiou-host-rules.h"
#include "taiou-probe-linux.h"
#include "taiou-probe-winvol-private.h"
#include "taiou-probe-winvol.h"
#include "taiou-event-kinds.h"
#include "taiou-system-scan.h"

/* Where droppers put files on a Linux desktop. */
static const char * const linux_scratch_folders[] = { "/tmp", "/var/tmp", "/dev/shm" };

/* Where a Windows volume keeps what users downloaded and what programs dropped. */
static const char * const windows_user_folders[] = { "Users", "ProgramData" };

static void
add_path (GPtrArray  *paths,
          GHashTable *seen,
          const char *path)
{
  struct stat info;

  if (path == NULL || g_hash_table_contains (seen, path) || lstat (path, &info) != 0)
    return;
  g_hash_table_add (seen, g_strdup (path));
  g_ptr_array_add (paths, g_strdup (path));
}

/* The program an autorun's command starts, when it is an absolute path. */
static char *
command_program (const char *command)
{
  g_auto(GStrv) argv = NULL;

  if (!g_shell_parse_argv (command, NULL, &argv, NULL) || !g_path_is_absolute (argv[0]))
    return NULL;
  return g_strdup (argv[0]);
}

static void
collect_linux_paths (TaiouHostSnapshot *snapshot,
                     GPtrArray         *paths,
                     GHashTable        *seen)
{
  for (guint i = 0; i < snapshot->processes->len; i++)
    add_path (paths, seen, ((TaiouProcess *) snapshot->processes->pdata[i])->image_path);
  for (guint i = 0; i < snapshot->autoruns->len; i++)
    {
      g_autofree char *program = NULL;

      program = command_program (((TaiouAutorun *) snapshot->autoruns->pdata[i])->command);
      add_path (paths, seen, program);
    }
  add_path (paths, seen, g_get_user_special_dir (G_USER_DIRECTORY_DOWNLOAD));
  /* TAIOU_SCRATCH_FOLDERS (':'-separated) replaces the default list, for a site that keeps
   * temporary files elsewhere — and for tests, which must not walk a shared /tmp. */
  if (g_getenv ("TAIOU_SCRATCH_FOLDERS") != NULL)
    {
      g_auto(GStrv) folders = g_strsplit (g_getenv ("TAIOU_SCRATCH_FOLDERS"), ":", -1);

      for (guint i = 0; folders[i] != NULL; i++)
        if (*folders[i] != '\0')
          add_path (paths, seen, folders[i]);
    }
  else
    for (gsize i = 0; i < G_N_ELEMENTS (linux_scratch_folders); i++)
      add_path (paths, seen, linux_scratch_folders[i]);
}

/* A copy of a Windows volume may have changed the case of folder names; the probe's own
 * lookup finds them as it does. */
static void
collect_windows_paths (const char *volume,
                       GPtrArray  *paths,
                       GHashTable *seen)
{
  int fd = open (volume, O_RDONLY | O_DIRECTORY | O_CLOEXEC);

  if (fd < 0)
    return;
  for (gsize i = 0; i < G_N_ELEMENTS (windows_user_folders); i++)
    {
      g_autofree char *on_disk = _taiou_winvol_find_entry (fd, windows_user_folders[i]);
      g_autofree char *path = on_disk != NULL ? g_build_filename (volume, on_disk, NULL) : NULL;

      add_path (paths, seen, path);
    }
  close (fd);
}

static TaiouHostSnapshot *
run_probe (const TaiouSystemScanOptions  *options,
           GCancellable                  *cancellable,
           GError                       **error)
{
  TaiouProbeWinvolOptions volume = {
    .has_volume_serial = options->has_volume_serial,
    .volume_serial = options->volume_serial,
    .volume_image = options->volume_image,
  };

  if (options->windows_volume != NULL)
    return taiou_probe_winvol_run (options->windows_volume, &volume, cancellable, error);
  return taiou_probe_linux_run (NULL, cancellable, error);
}

/**
 * taiou_system_scan:
 * @options: (nullable): what to check; NULL for this running system
 * @extra_paths: (nullable): more files and folders to walk
 * @snapshot_out: (out) (optional) (transfer full): what the probe saw
 *
 * Probes the system, runs every rule over what it saw, and walks the files worth hashing.
 *
 * Returns: (transfer full): the findings of both, highest score first; the probe's unreadable
 *   places are listed with the walk's
 */
TaiouScanResult *
taiou_system_scan (TaiouScanner                  *scanner,
                   const TaiouSystemScanOptions  *options,
                   const char * const            *extra_paths,
                   TaiouScanProgressFunc          progress,
                   gpointer                       progress_data,
                   TaiouHostSnapshot            **snapshot_out,
                   GCancellable                  *cancellable,
                   GError                       **error)
{
  static const TaiouSystemScanOptions this_system = { NULL };
  g_autoptr(TaiouHostSnapshot) snapshot = NULL;
  g_autoptr(GPtrArray) findings = NULL;
  g_autoptr(GPtrArray) paths = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  TaiouScanResult *result;

  g_return_val_if_fail (TAIOU_IS_SCANNER (scanner), NULL);

  if (options == NULL)
    options = &this_system;
  snapshot = run_probe (options, cancellable, error);
  if (snapshot == NULL)
    return NULL;
  /* A serial given by the user wins over none; the Linux probe has none of its own. */
  if (options->has_volume_serial && !snapshot->has_volume_serial)
    taiou_host_snapshot_set_volume_serial (snapshot, options->volume_serial);
  findings = taiou_host_rules_check (snapshot, taiou_scanner_get_iocs (scanner));

  if (options->windows_volume != NULL)
    collect_windows_paths (options->windows_volume, paths, seen);
  else
    collect_linux_paths (snapshot, paths, seen);
  for (guint i = 0; extra_paths != NULL && extra_paths[i] != NULL; i++)
    add_path (paths, seen, extra_paths[i]);
  g_ptr_array_add (paths, NULL);

  result = taiou_scanner_scan_paths (scanner, (const char * const *) paths->pdata, progress,
                                     progress_data, cancellable, error);
  if (result == NULL)
    return NULL;
  for (guint i = 0; i < findings->len; i++)
    g_ptr_array_add (result->findings, g_steal_pointer (&findings->pdata[i]));
  g_ptr_array_set_size (findings, 0);
  taiou_findings_sort (result->findings);
  for (guint i = 0; i < snapshot->problems->len; i++)
    g_ptr_array_add (result->unreadable, g_strdup (snapshot->problems->pdata[i]));
  /* A Windows volume read from Linux is another computer: its findings name it (from its
   * SYSTEM hive), not the machine that read it. */
  if (options->windows_volume != NULL && snapshot->hostname != NULL &&
      snapshot->hostname[0] != '\0')
    {
      result->hostname = g_strdup (snapshot->hostname);
      for (guint i = 0; i < result->findings->len; i++)
        {
          TaiouFinding *finding = result->findings->pdata[i];

          if (finding->hostname == NULL)
            finding->hostname = g_strdup (snapshot->hostname);
        }
    }

  if (snapshot_out != NULL)
    *snapshot_out = g_steal_pointer (&snapshot);
  return result;
}

typedef struct
{
  TaiouSystemScanOptions  options;   /* its strings point into the fields below */
  char                   *windows_volume;
  char                   *volume_image;
  GStrv                   extra_paths;
  TaiouScanProgressFunc   progress;
  gpointer                progress_data;
  TaiouHostSnapshot      *snapshot;  /* set by the worker */
} SystemScanTask;

static void
system_scan_task_free (SystemScanTask *data)
{
  g_free (data->windows_volume);
  g_free (data->volume_image);
  g_strfreev (data->extra_paths);
  g_clear_pointer (&data->snapshot, taiou_host_snapshot_unref);
  g_free (data);
}

static void
system_scan_thread (GTask        *task,
                    gpointer      source_object,
                    gpointer      task_data,
                    GCancellable *cancellable)
{
  SystemScanTask *data = task_data;
  GError *error = NULL;
  TaiouScanResult *result;

  result = taiou_system_scan (TAIOU_SCANNER (source_object), &data->options,
                              (const char * const *) data->extra_paths, data->progress,
                              data->progress_data, &data->snapshot, cancellable, &error);
  if (result == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, result, (GDestroyNotify) taiou_scan_result_unref);
}

/**
 * taiou_system_scan_async:
 * @progress: (nullable): called in the worker thread; marshal to the main loop before
 *   touching widgets
 *
 * taiou_system_scan() in a worker thread.
 */
void
taiou_system_scan_async (TaiouScanner                  *scanner,
                         const TaiouSystemScanOptions  *options,
                         const char * const            *extra_paths,
                         TaiouScanProgressFunc          progress,
                         gpointer                       progress_data,
                         GCancellable                  *cancellable,
                         GAsyncReadyCallback            callback,
                         gpointer                       user_data)
{
  g_autoptr(GTask) task = NULL;
  SystemScanTask *data;

  g_return_if_fail (TAIOU_IS_SCANNER (scanner));

  data = g_new0 (SystemScanTask, 1);
  if (options != NULL)
    {
      data->options = *options;
      data->windows_volume = g_strdup (options->windows_volume);
      data->volume_image = g_strdup (options->volume_image);
    }
  data->options.windows_volume = data->windows_volume;
  data->options.volume_image = data->volume_image;
  data->extra_paths = g_strdupv ((char **) extra_paths);
  data->progress = progress;
  data->progress_data = progress_data;

  task = g_task_new (scanner, cancellable, callback, user_data);
  g_task_set_source_tag (task, taiou_system_scan_async);
  g_task_set_task_data (task, data, (GDestroyNotify) system_scan_task_free);
  g_task_run_in_thread (task, system_scan_thread);
}

/**
 * taiou_system_scan_finish:
 * @snapshot_out: (out) (optional) (transfer full): what the probe saw
 */
TaiouScanResult *
taiou_system_scan_finish (TaiouScanner       *scanner,
                          GAsyncResult       *result,
                          TaiouHostSnapshot **snapshot_out,
                          GError            **error)
{
  SystemScanTask *data;
  TaiouScanResult *scan_result;

  g_return_val_if_fail (g_task_is_valid (result, scanner), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == taiou_system_scan_async,
                        NULL);

  scan_result = g_task_propagate_pointer (G_TASK (result), error);
  data = g_task_get_task_data (G_TASK (result));
  if (scan_result != NULL && snapshot_out != NULL)
    *snapshot_out = g_steal_pointer (&data->snapshot);
  return scan_result;
}

/**
 * taiou_scan_result_to_json:
 * @target: what was scanned, in words ("this computer", a volume's path …)
 *
 * Returns: (transfer full): the scan's figures and unreadable paths, without the findings
 */
JsonObject *
taiou_scan_result_to_json (TaiouScanResult *result,
                           const char      *target)
{
  JsonObject *object = json_object_new ();
  JsonArray *unreadable = json_array_new ();

  g_return_val_if_fail (result != NULL, object);
  g_return_val_if_fail (target != NULL, object);

  for (guint i = 0; i < result->unreadable->len; i++)
    json_array_add_string_element (unreadable, result->unreadable->pdata[i]);
  json_object_set_string_member (object, "target", target);
  json_object_set_int_member (object, "files", (gint64) result->n_files);
  json_object_set_int_member (object, "hashed", (gint64) result->n_hashed);
  json_object_set_int_member (object, "bytes", (gint64) result->n_bytes);
  json_object_set_int_member (object, "skipped", (gint64) result->n_skipped);
  json_object_set_int_member (object, TAIOU_EVENT_DETAIL_SCAN_EXCLUDED,
                              (gint64) result->n_excluded);
  json_object_set_int_member (object, "findings", result->findings->len);
  if (result->n_yara_rules > 0)
    {
      json_object_set_int_member (object, TAIOU_EVENT_DETAIL_YARA_RULES, result->n_yara_rules);
      json_object_set_int_member (object, TAIOU_EVENT_DETAIL_YARA_SCANNED,
                                  (gint64) result->n_yara);
    }
  json_object_set_array_member (object, "unreadable", unreadable);
  if (result->hostname != NULL)
    json_object_set_string_member (object, TAIOU_EVENT_DETAIL_SCAN_HOSTNAME, result->hostname);
  return object;
}
