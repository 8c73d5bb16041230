/* taiou-probe-linux.c — what is running and starting on this Linux computer
 *
 * Emotet itself targets Windows, but the office's Linux machines are where Taiou runs, and the
 * same questions apply: which processes run from where, what starts by itself, and whether
 * anything talks to a known command-and-control server.  Everything comes from plain files
 * (/proc, autostart .desktop files, systemd user units, crontabs), read with size caps because a
 * user's own config files are as untrusted as anything else.  A file that cannot be read is a
 * problem in the snapshot, never a failure of the probe.
 */
#define G_LOG_DOMAIN "taiou-probe-linux"

#include "config.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "taiou-file-read.h"
#include "taiou-probe-linux.h"

#define MAX_CONFIG_FILE_SIZE    (256 * 1024)
#define MAX_NET_TABLE_SIZE      (16 * 1024 * 1024)
#define MAX_COMMAND_LINE_LENGTH 4096
#define MAX_ENTRIES_PER_FOLDER  10000

typedef struct
{
  TaiouHostSnapshot *snapshot;
  const char        *proc_root;
  GHashTable        *socket_owners;  /* "socket:[inode]" → pid */
  GCancellable      *cancellable;
} Probe;

static int
compare_names (gconstpointer a,
               gconstpointer b)
{
  return strcmp (*(const char * const *) a, *(const char * const *) b);
}

/* The names in @folder, sorted so snapshots (and tests) are stable; NULL when it does not
 * exist.  Other errors become problems. */
static GPtrArray *
list_folder (Probe      *probe,
             const char *folder)
{
  g_autoptr(GPtrArray) names = NULL;
  DIR *dir = opendir (folder);
  struct dirent *entry;

  if (dir == NULL)
    {
      if (errno != ENOENT && errno != ENOTDIR)
        taiou_host_snapshot_add_problem (probe->snapshot, "%s: %s", folder, g_strerror (errno));
      return NULL;
    }
  names = g_ptr_array_new_with_free_func (g_free);
  while ((entry = readdir (dir)) != NULL && names->len < MAX_ENTRIES_PER_FOLDER)
    if (strcmp (entry->d_name, ".") != 0 && strcmp (entry->d_name, "..") != 0)
      g_ptr_array_add (names, g_strdup (entry->d_name));
  closedir (dir);
  g_ptr_array_sort (names, compare_names);
  return g_steal_pointer (&names);
}

static gboolean
is_all_digits (const char *text)
{
  if (*text == '\0')
    return FALSE;
  for (; *text != '\0'; text++)
    if (!g_ascii_isdigit (*text))
      return FALSE;
  return TRUE;
}

/* /proc/PID/cmdline separates arguments with NULs. */
static char *
read_command_line (const char *pid_folder)
{
  g_autofree char *path = g_build_filename (pid_folder, "cmdline", NULL);
  g_autofree char *data = NULL;
  gsize length = 0;

  data = taiou_file_read_bounded (path, 1024 * 1024, &length, NULL);
  if (data == NULL || length == 0)
    return NULL;
  length = MIN (length, MAX_COMMAND_LINE_LENGTH);
  while (length > 0 && data[length - 1] == '\0')
    length--;
  for (gsize i = 0; i < length; i++)
    if (data[i] == '\0')
      data[i] = ' ';
  return g_utf8_make_valid (data, (gssize) length);
}

static void
collect_sockets (Probe      *probe,
                 const char *pid_folder,
                 guint       pid)
{
  g_autofree char *fd_folder = g_build_filename (pid_folder, "fd", NULL);
  g_autoptr(GPtrArray) fds = list_folder (probe, fd_folder);

  for (guint i = 0; fds != NULL && i < fds->len; i++)
    {
      g_autofree char *link = g_build_filename (fd_folder, fds->pdata[i], NULL);
      g_autofree char *target = g_file_read_link (link, NULL);

      if (target != NULL && g_str_has_prefix (target, "socket:["))
        g_hash_table_insert (probe->socket_owners, g_steal_pointer (&target),
                             GUINT_TO_POINTER (pid));
    }
}

static void
probe_processes (Probe *probe)
{
  g_autoptr(GPtrArray) entries = list_folder (probe, probe->proc_root);

  if (entries == NULL)
    {
      taiou_host_snapshot_add_problem (probe->snapshot, "%s: %s", probe->proc_root,
                                       "no process list");
      return;
    }
  for (guint i = 0; i < entries->len; i++)
    {
      const char *name = entries->pdata[i];
      g_autofree char *folder = NULL;
      g_autofree char *comm_path = NULL;
      g_autofree char *exe_path = NULL;
      g_autofree char *comm = NULL;
      g_autofree char *image = NULL;
      g_autofree char *image_utf8 = NULL;
      g_autofree char *command_line = NULL;
      g_autofree char *comm_utf8 = NULL;
      guint pid;

      if (!is_all_digits (name) || strlen (name) > 9)
        continue;
      if (g_cancellable_is_cancelled (probe->cancellable))
        return;
      pid = (guint) strtoul (name, NULL, 10);
      folder = g_build_filename (probe->proc_root, name, NULL);
      comm_path = g_build_filename (folder, "comm", NULL);
      comm = taiou_file_read_bounded (comm_path, 4096, NULL, NULL);
      if (comm == NULL)
        continue;  /* the process ended while we looked */
      g_strchomp (comm);
      comm_utf8 = g_utf8_make_valid (comm, -1);
      exe_path = g_build_filename (folder, "exe", NULL);
      /* Another user's processes hide their executable from us; the name still counts. */
      image = g_file_read_link (exe_path, NULL);
      if (image != NULL)
        image_utf8 = g_utf8_make_valid (image, -1);
      command_line = read_command_line (folder);
      taiou_host_snapshot_add_process (probe->snapshot, pid, comm_utf8, image_utf8, command_line);
      collect_sockets (probe, folder, pid);
    }
}

static const char *
tcp_state_name (guint state)
{
  static const char * const names[] = {
    NULL, "ESTABLISHED", "SYN_SENT", "SYN_RECV", "FIN_WAIT1", "FIN_WAIT2", "TIME_WAIT",
    "CLOSE", "CLOSE_WAIT", "LAST_ACK", "LISTEN", "CLOSING", "NEW_SYN_RECV",
  };

  if (state < G_N_ELEMENTS (names) && names[state] != NULL)
    return names[state];
  return "UNKNOWN";
}

/* The kernel prints each 32-bit word of an address as it lies in memory, read as a host
 * integer; copying the parsed integers back in host order restores the bytes. */
static char *
parse_net_address (const char *hex,
                   gsize       n_words)
{
  guint8 bytes[16];
  g_autoptr(GInetAddress) address = NULL;

  if (strlen (hex) != n_words * 8)
    return NULL;
  for (gsize i = 0; i < n_words; i++)
    {
      char word_hex[9];
      guint32 word;
      char *end;

      memcpy (word_hex, hex + i * 8, 8);
      word_hex[8] = '\0';
      word = (guint32) strtoul (word_hex, &end, 16);
      if (*end != '\0')
        return NULL;
      memcpy (bytes + i * 4, &word, 4);
    }
  address = g_inet_address_new_from_bytes (bytes, n_words == 1 ? G_SOCKET_FAMILY_IPV4
                                                               : G_SOCKET_FAMILY_IPV6);
  return g_inet_address_to_string (address);
}

static void
probe_net_table (Probe      *probe,
                 const char *protocol)
{
  g_autofree char *path = g_build_filename (probe->proc_root, "net", protocol, NULL);
  g_autoptr(GError) error = NULL;
  g_autofree char *data = taiou_file_read_bounded (path, MAX_NET_TABLE_SIZE, NULL, &error);
  g_auto(GStrv) lines = NULL;
  gsize n_words = g_str_equal (protocol, "tcp6") ? 4 : 1;

  if (data == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND))
        taiou_host_snapshot_add_problem (probe->snapshot, "%s", error->message);
      return;
    }
  lines = g_strsplit (data, "\n", -1);
  /* The first line is the column header. */
  for (guint i = 1; lines[i] != NULL; i++)
    {
      char local_hex[33], remote_hex[33];
      guint local_port, remote_port, state;
      unsigned long inode;
      g_autofree char *local = NULL;
      g_autofree char *remote = NULL;
      g_autofree char *socket_name = NULL;
      TaiouConnection *connection;

      if (sscanf (lines[i], " %*u: %32[0-9A-Fa-f]:%x %32[0-9A-Fa-f]:%x %x %*s %*s %*s %*u %*u %lu",
                  local_hex, &local_port, remote_hex, &remote_port, &state, &inode) != 6)
        continue;
      local = parse_net_address (local_hex, n_words);
      remote = parse_net_address (remote_hex, n_words);
      if (local == NULL || remote == NULL || local_port > 65535 || remote_port > 65535)
        continue;
      connection = taiou_host_snapshot_add_connection (probe->snapshot, protocol, local,
                                                       local_port, remote, remote_port,
                                                       tcp_state_name (state));
      socket_name = g_strdup_printf ("socket:[%lu]", inode);
      connection->pid = GPOINTER_TO_UINT (g_hash_table_lookup (probe->socket_owners,
                                                               socket_name));
    }
}

/* XDG autostart: the user's folder overrides a system entry of the same name. */
static void
probe_autostart_folder (Probe      *probe,
                        const char *folder,
                        const char *user,
                        GHashTable *seen)
{
  g_autoptr(GPtrArray) names = list_folder (probe, folder);

  for (guint i = 0; names != NULL && i < names->len; i++)
    {
      const char *name = names->pdata[i];
      g_autofree char *path = NULL;
      g_autofree char *data = NULL;
      g_autofree char *exec = NULL;
      g_autoptr(GKeyFile) key_file = g_key_file_new ();
      g_autoptr(GError) error = NULL;
      gsize length;

      if (!g_str_has_suffix (name, ".desktop") || g_hash_table_contains (seen, name))
        continue;
      g_hash_table_add (seen, g_strdup (name));
      path = g_build_filename (folder, name, NULL);
      data = taiou_file_read_bounded (path, MAX_CONFIG_FILE_SIZE, &length, &error);
      if (data == NULL ||
          !g_key_file_load_from_data (key_file, data, length, G_KEY_FILE_NONE, &error))
        {
          taiou_host_snapshot_add_problem (probe->snapshot, "%s: %s", path, error->message);
          continue;
        }
      if (g_key_file_get_boolean (key_file, G_KEY_FILE_DESKTOP_GROUP,
                                  G_KEY_FILE_DESKTOP_KEY_HIDDEN, NULL))
        continue;
      exec = g_key_file_get_string (key_file, G_KEY_FILE_DESKTOP_GROUP,
                                    G_KEY_FILE_DESKTOP_KEY_EXEC, NULL);
      if (exec != NULL && g_utf8_validate (exec, -1, NULL))
        taiou_host_snapshot_add_autorun (probe->snapshot, TAIOU_AUTORUN_XDG_AUTOSTART, path,
                                         name, exec, user);
    }
}

/* systemd unit files look like key files but allow repeated keys and continued lines, so the
 * Exec lines are picked out by hand. */
static void
probe_systemd_unit (Probe      *probe,
                    const char *path,
                    const char *name,
                    const char *user)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *data = taiou_file_read_bounded (path, MAX_CONFIG_FILE_SIZE, NULL, &error);
  g_autoptr(GString) line = g_string_new (NULL);
  g_auto(GStrv) raw_lines = NULL;

  if (data == NULL)
    {
      taiou_host_snapshot_add_problem (probe->snapshot, "%s", error->message);
      return;
    }
  raw_lines = g_strsplit (data, "\n", -1);
  for (guint i = 0; raw_lines[i] != NULL; i++)
    {
      const char *command;

      g_string_append (line, g_strstrip (raw_lines[i]));
      if (line->len > 0 && line->str[line->len - 1] == '\\')
        {
          g_string_truncate (line, line->len - 1);
          g_string_append_c (line, ' ');
          continue;
        }
      command = NULL;
      if (g_str_has_prefix (line->str, "ExecStart="))
        command = line->str + strlen ("ExecStart=");
      else if (g_str_has_prefix (line->str, "ExecStartPre="))
        command = line->str + strlen ("ExecStartPre=");
      if (command != NULL)
        {
          /* Prefixes such as "-" (ignore failure) or "@" change how, not what, it runs. */
          command += strspn (command, "-@:+!");
          if (*command != '\0' && g_utf8_validate (command, -1, NULL))
            taiou_host_snapshot_add_autorun (probe->snapshot, TAIOU_AUTORUN_SYSTEMD_USER, path,
                                             name, command, user);
        }
      g_string_truncate (line, 0);
    }
}

static void
probe_systemd_folder (Probe      *probe,
                      const char *folder,
                      const char *user)
{
  g_autoptr(GPtrArray) names = list_folder (probe, folder);

  for (guint i = 0; names != NULL && i < names->len; i++)
    {
      const char *name = names->pdata[i];
      g_autofree char *path = NULL;

      /* *.wants/ folders only hold links to units listed here already. */
      if (!g_str_has_suffix (name, ".service"))
        continue;
      path = g_build_filename (folder, name, NULL);
      probe_systemd_unit (probe, path, name, user);
    }
}

/* A crontab line's command follows five time fields, or one "@reboot"-style field; system
 * crontabs (/etc/crontab, /etc/cron.d) put the user name before it. */
static void
probe_crontab (Probe      *probe,
               const char *path,
               const char *user)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *data = taiou_file_read_bounded (path, MAX_CONFIG_FILE_SIZE, NULL, &error);
  g_auto(GStrv) lines = NULL;

  if (data == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND))
        taiou_host_snapshot_add_problem (probe->snapshot, "%s", error->message);
      return;
    }
  lines = g_strsplit (data, "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    {
      char *line = g_strstrip (lines[i]);
      guint n_time_fields = line[0] == '@' ? 1 : 5;
      guint skip = n_time_fields + (user == NULL ? 1 : 0);
      const char *command = line;
      g_autofree char *entry_name = NULL;

      if (line[0] == '\0' || line[0] == '#')
        continue;
      /* NAME=value lines set the environment. */
      if (strchr (line, '=') != NULL && strcspn (line, "=") < strcspn (line, " \t"))
        continue;
      for (guint field = 0; field < skip && *command != '\0'; field++)
        {
          command += strcspn (command, " \t");
          command += strspn (command, " \t");
        }
      if (*command == '\0' || !g_utf8_validate (command, -1, NULL))
        continue;
      entry_name = g_strdup_printf ("line %u", i + 1);
      taiou_host_snapshot_add_autorun (probe->snapshot, TAIOU_AUTORUN_CRONTAB, path, entry_name,
                                       command, user);
    }
}

static void
probe_autoruns (Probe                      *probe,
                const TaiouProbeLinuxPaths *paths)
{
  const char *config_home = paths->config_home != NULL ? paths->config_home
                                                       : g_get_user_config_dir ();
  const char *system_config = paths->system_config_dir != NULL ? paths->system_config_dir
                                                               : "/etc";
  const char *crontab_dir = paths->crontab_dir != NULL ? paths->crontab_dir
                                                       : "/var/spool/cron/crontabs";
  const char *user = g_get_user_name ();
  g_autoptr(GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autofree char *user_autostart = g_build_filename (config_home, "autostart", NULL);
  g_autofree char *system_autostart = g_build_filename (system_config, "xdg", "autostart", NULL);
  g_autofree char *user_units = g_build_filename (config_home, "systemd", "user", NULL);
  g_autofree char *system_units = g_build_filename (system_config, "systemd", "user", NULL);
  g_autofree char *system_crontab = g_build_filename (system_config, "crontab", NULL);
  g_autofree char *cron_d = g_build_filename (system_config, "cron.d", NULL);
  g_autoptr(GPtrArray) crontabs = NULL;
  g_autoptr(GPtrArray) cron_d_files = NULL;

  probe_autostart_folder (probe, user_autostart, user, seen);
  probe_autostart_folder (probe, system_autostart, NULL, seen);
  probe_systemd_folder (probe, user_units, user);
  probe_systemd_folder (probe, system_units, NULL);

  /* Users' crontabs are usually readable by root only; that is not worth a problem line. */
  crontabs = list_folder (probe, crontab_dir);
  for (guint i = 0; crontabs != NULL && i < crontabs->len; i++)
    {
      g_autofree char *path = g_build_filename (crontab_dir, crontabs->pdata[i], NULL);

      probe_crontab (probe, path, crontabs->pdata[i]);
    }
  probe_crontab (probe, system_crontab, NULL);
  cron_d_files = list_folder (probe, cron_d);
  for (guint i = 0; cron_d_files != NULL && i < cron_d_files->len; i++)
    {
      g_autofree char *path = g_build_filename (cron_d, cron_d_files->pdata[i], NULL);

      probe_crontab (probe, path, NULL);
    }
}

/**
 * taiou_probe_linux_run:
 * @paths: (nullable): where to look; NULL for the running system
 *
 * Returns: (transfer full): the snapshot; what could not be read is listed in its problems
 */
TaiouHostSnapshot *
taiou_probe_linux_run (const TaiouProbeLinuxPaths  *paths,
                       GCancellable                *cancellable,
                       GError                     **error)
{
  static const TaiouProbeLinuxPaths live = { NULL };
  g_autoptr(TaiouHostSnapshot) snapshot = NULL;
  g_autoptr(GHashTable) socket_owners = NULL;
  Probe probe;

  if (paths == NULL)
    paths = &live;
  snapshot = taiou_host_snapshot_new (TAIOU_HOST_OS_LINUX,
                                      paths->hostname != NULL ? paths->hostname
                                                              : g_get_host_name ());
  socket_owners = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  probe = (Probe) {
    .snapshot = snapshot,
    .proc_root = paths->proc_root != NULL ? paths->proc_root : "/proc",
    .socket_owners = socket_owners,
    .cancellable = cancellable,
  };

  probe_processes (&probe);
  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return NULL;
  probe_net_table (&probe, "tcp");
  probe_net_table (&probe, "tcp6");
  probe_autoruns (&probe, paths);
  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return NULL;
  return g_steal_pointer (&snapshot);
}
