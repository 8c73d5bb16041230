/* taiou-host-snapshot.c — a plain record of what a probe saw on one computer */
#define G_LOG_DOMAIN "taiou-host-snapshot"

#include "config.h"

#include <string.h>

#include "taiou-host-snapshot.h"

G_DEFINE_BOXED_TYPE (TaiouHostSnapshot, taiou_host_snapshot,
                     taiou_host_snapshot_ref, taiou_host_snapshot_unref)

static void
process_free (gpointer data)
{
  TaiouProcess *process = data;

  g_free (process->name);
  g_free (process->image_path);
  g_free (process->command_line);
  g_free (process);
}

static void
autorun_free (gpointer data)
{
  TaiouAutorun *autorun = data;

  g_free (autorun->location);
  g_free (autorun->name);
  g_free (autorun->command);
  g_free (autorun->user);
  g_free (autorun);
}

static void
registry_value_free (gpointer data)
{
  TaiouRegistryValue *value = data;

  g_free (value->user);
  g_free (value->location);
  g_free (value->name);
  g_bytes_unref (value->data);
  g_free (value);
}

static void
file_info_free (gpointer data)
{
  TaiouFileInfo *file = data;

  g_free (file->path);
  g_free (file->display_path);
  g_free (file->folder_name);
  g_free (file->file_name);
  g_free (file->user);
  g_free (file);
}

static void
connection_free (gpointer data)
{
  TaiouConnection *connection = data;

  g_free (connection->protocol);
  g_free (connection->local_address);
  g_free (connection->remote_address);
  g_free (connection->state);
  g_free (connection);
}

TaiouHostSnapshot *
taiou_host_snapshot_new (TaiouHostOs  os,
                         const char  *hostname)
{
  TaiouHostSnapshot *self = g_new0 (TaiouHostSnapshot, 1);

  g_atomic_ref_count_init (&self->ref_count);
  self->os = os;
  self->hostname = g_strdup (hostname);
  self->processes = g_ptr_array_new_with_free_func (process_free);
  self->autoruns = g_ptr_array_new_with_free_func (autorun_free);
  self->explorer_values = g_ptr_array_new_with_free_func (registry_value_free);
  self->files = g_ptr_array_new_with_free_func (file_info_free);
  self->connections = g_ptr_array_new_with_free_func (connection_free);
  self->known_folder_names = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->problems = g_ptr_array_new_with_free_func (g_free);
  self->hives_read = g_ptr_array_new_with_free_func (g_free);
  self->hives_unread = g_ptr_array_new_with_free_func (g_free);
  self->system32_index = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  return self;
}

TaiouHostSnapshot *
taiou_host_snapshot_ref (TaiouHostSnapshot *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  g_atomic_ref_count_inc (&self->ref_count);
  return self;
}

void
taiou_host_snapshot_unref (TaiouHostSnapshot *self)
{
  g_return_if_fail (self != NULL);

  if (!g_atomic_ref_count_dec (&self->ref_count))
    return;
  g_free (self->hostname);
  g_ptr_array_unref (self->processes);
  g_ptr_array_unref (self->autoruns);
  g_ptr_array_unref (self->explorer_values);
  g_ptr_array_unref (self->files);
  g_ptr_array_unref (self->connections);
  g_hash_table_unref (self->known_folder_names);
  g_ptr_array_unref (self->problems);
  g_ptr_array_unref (self->hives_read);
  g_ptr_array_unref (self->hives_unread);
  g_hash_table_unref (self->system32_index);
  g_free (self);
}

void
taiou_host_snapshot_set_volume_serial (TaiouHostSnapshot *self,
                                       guint32            serial)
{
  g_return_if_fail (self != NULL);

  self->has_volume_serial = TRUE;
  self->volume_serial = serial;
}

TaiouProcess *
taiou_host_snapshot_add_process (TaiouHostSnapshot *self,
                                 guint              pid,
                                 const char        *name,
                                 const char        *image_path,
                                 const char        *command_line)
{
  TaiouProcess *process;

  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (name != NULL, NULL);

  process = g_new0 (TaiouProcess, 1);
  process->pid = pid;
  process->name = g_strdup (name);
  process->image_path = g_strdup (image_path);
  process->command_line = g_strdup (command_line);
  g_ptr_array_add (self->processes, process);
  return process;
}

TaiouAutorun *
taiou_host_snapshot_add_autorun (TaiouHostSnapshot *self,
                                 TaiouAutorunKind   kind,
                                 const char        *location,
                                 const char        *name,
                                 const char        *command,
                                 const char        *user)
{
  TaiouAutorun *autorun;

  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (location != NULL && name != NULL && command != NULL, NULL);

  autorun = g_new0 (TaiouAutorun, 1);
  autorun->kind = kind;
  autorun->location = g_strdup (location);
  autorun->name = g_strdup (name);
  autorun->command = g_strdup (command);
  autorun->user = g_strdup (user);
  g_ptr_array_add (self->autoruns, autorun);
  return autorun;
}

TaiouRegistryValue *
taiou_host_snapshot_add_explorer_value (TaiouHostSnapshot *self,
                                        const char        *user,
                                        const char        *location,
                                        const char        *name,
                                        GBytes            *data)
{
  TaiouRegistryValue *value;

  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (location != NULL && name != NULL && data != NULL, NULL);

  value = g_new0 (TaiouRegistryValue, 1);
  value->user = g_strdup (user);
  value->location = g_strdup (location);
  value->name = g_strdup (name);
  value->data = g_bytes_ref (data);
  g_ptr_array_add (self->explorer_values, value);
  return value;
}

/* The last component of @path and the one before it, with either separator. */
static void
split_tail (const char  *path,
            char       **folder_name,
            char       **file_name)
{
  const char *end = path + strlen (path);
  const char *file = end;
  const char *folder;

  while (file > path && file[-1] != '\\' && file[-1] != '/')
    file--;
  *file_name = g_strdup (file);

  if (file == path)
    {
      *folder_name = NULL;
      return;
    }
  folder = file - 1;
  while (folder > path && folder[-1] != '\\' && folder[-1] != '/')
    folder--;
  *folder_name = g_strndup (folder, (gsize) (file - 1 - folder));
}

TaiouFileInfo *
taiou_host_snapshot_add_file (TaiouHostSnapshot *self,
                              TaiouFileArea      area,
                              const char        *path,
                              const char        *display_path)
{
  TaiouFileInfo *file;
  char *folder_name;

  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (display_path != NULL, NULL);

  file = g_new0 (TaiouFileInfo, 1);
  file->area = area;
  file->path = g_strdup (path);
  file->display_path = g_strdup (display_path);
  split_tail (display_path, &folder_name, &file->file_name);
  if (area == TAIOU_FILE_AREA_LOCAL_APPDATA || area == TAIOU_FILE_AREA_SYSTEM_FOLDER)
    file->folder_name = folder_name;
  else
    g_free (folder_name);
  g_ptr_array_add (self->files, file);

  if (area == TAIOU_FILE_AREA_SYSTEM32)
    g_hash_table_replace (self->system32_index, g_ascii_strdown (file->file_name, -1), file);
  return file;
}

TaiouConnection *
taiou_host_snapshot_add_connection (TaiouHostSnapshot *self,
                                    const char        *protocol,
                                    const char        *local_address,
                                    guint              local_port,
                                    const char        *remote_address,
                                    guint              remote_port,
                                    const char        *state)
{
  TaiouConnection *connection;

  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (protocol != NULL && local_address != NULL, NULL);
  g_return_val_if_fail (remote_address != NULL && state != NULL, NULL);

  connection = g_new0 (TaiouConnection, 1);
  connection->protocol = g_strdup (protocol);
  connection->local_address = g_strdup (local_address);
  connection->local_port = local_port;
  connection->remote_address = g_strdup (remote_address);
  connection->remote_port = remote_port;
  connection->state = g_strdup (state);
  g_ptr_array_add (self->connections, connection);
  return connection;
}

/* Windows compares folder names without regard to case. */
void
taiou_host_snapshot_add_known_folder (TaiouHostSnapshot *self,
                                      const char        *folder_name)
{
  g_return_if_fail (self != NULL);
  g_return_if_fail (folder_name != NULL);

  g_hash_table_add (self->known_folder_names, g_utf8_casefold (folder_name, -1));
}

gboolean
taiou_host_snapshot_is_known_folder (TaiouHostSnapshot *self,
                                     const char        *folder_name)
{
  g_autofree char *folded = NULL;

  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (folder_name != NULL, FALSE);

  folded = g_utf8_casefold (folder_name, -1);
  return g_hash_table_contains (self->known_folder_names, folded);
}

void
taiou_host_snapshot_add_problem (TaiouHostSnapshot *self,
                                 const char        *format,
                                 ...)
{
  va_list args;

  g_return_if_fail (self != NULL);

  va_start (args, format);
  g_ptr_array_add (self->problems, g_strdup_vprintf (format, args));
  va_end (args);
}

const TaiouFileInfo *
taiou_host_snapshot_find_system32_file (TaiouHostSnapshot *self,
                                        const char        *file_name)
{
  g_autofree char *key = NULL;

  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (file_name != NULL, NULL);

  key = g_ascii_strdown (file_name, -1);
  return g_hash_table_lookup (self->system32_index, key);
}
