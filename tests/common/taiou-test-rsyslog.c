/* taiou-test-rsyslog.c — a real rsyslogd on loopback, with its own config, CA and output file
 *
 * The forwarding tests and the benchmark talk to Debian's rsyslog (imtcp, and the gtls stream
 * driver of rsyslog-gnutls), never to a stand-in: the point is that a real collector parses
 * our framing, structured data and TLS.  Everything is made at run time in a temporary folder:
 * a test CA and a server certificate for 127.0.0.1 (openssl), a second CA that signed nothing,
 * the config, rsyslog's work folder and its output files.  rsyslogd runs unprivileged in the
 * foreground (-n) on a free port, and is stopped by the test.
 */
#define G_LOG_DOMAIN "taiou-test"

#include "config.h"

#include <glib/gstdio.h>
#include <signal.h>
#include <sys/prctl.h>

#include "taiou-test-rsyslog.h"

#define RSYSLOGD "/usr/sbin/rsyslogd"
#define START_TIMEOUT_US (15 * G_USEC_PER_SEC)
#define LINES_TIMEOUT_US (60 * G_USEC_PER_SEC)

static gboolean
run (GError **error,
     ...) G_GNUC_NULL_TERMINATED;

/* Runs a command to its end; FALSE with its stderr when it fails. */
static gboolean
run (GError **error,
     ...)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_autoptr(GSubprocess) process = NULL;
  g_auto(GStrv) argv = NULL;
  g_autofree char *err = NULL;
  va_list args;
  const char *arg;

  va_start (args, error);
  while ((arg = va_arg (args, const char *)) != NULL)
    g_strv_builder_add (builder, arg);
  va_end (args);
  argv = g_strv_builder_end (builder);

  process = g_subprocess_newv ((const char * const *) argv,
                               G_SUBPROCESS_FLAGS_STDOUT_SILENCE | G_SUBPROCESS_FLAGS_STDERR_PIPE,
                               error);
  if (process == NULL || !g_subprocess_communicate_utf8 (process, NULL, NULL, NULL, &err, error))
    return FALSE;
  if (!g_subprocess_get_successful (process))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED, "%s failed: %s", argv[0], err);
      return FALSE;
    }
  return TRUE;
}

static gboolean
make_ca (const char  *dir,
         const char  *name,
         GError     **error)
{
  g_autofree char *key = g_strdup_printf ("%s/%s.key", dir, name);
  g_autofree char *pem = g_strdup_printf ("%s/%s.pem", dir, name);
  g_autofree char *subject = g_strdup_printf ("/CN=Taiou test %s", name);

  return run (error, "openssl", "req", "-x509", "-newkey", "ec", "-pkeyopt",
              "ec_paramgen_curve:P-256", "-nodes", "-keyout", key, "-out", pem, "-days", "2",
              "-subj", subject, NULL);
}

static gboolean
make_certificates (TaiouTestRsyslog  *self,
                   GError           **error)
{
  g_autofree char *server_key = g_build_filename (self->dir, "server.key", NULL);
  g_autofree char *server_csr = g_build_filename (self->dir, "server.csr", NULL);
  g_autofree char *server_pem = g_build_filename (self->dir, "server.pem", NULL);
  g_autofree char *ca_key = g_build_filename (self->dir, "ca.key", NULL);
  g_autofree char *extensions = g_build_filename (self->dir, "server.ext", NULL);

  if (!make_ca (self->dir, "ca", error) || !make_ca (self->dir, "other-ca", error))
    return FALSE;
  if (!g_file_set_contents (extensions, "subjectAltName=IP:127.0.0.1,DNS:localhost\n", -1,
                            error))
    return FALSE;
  return run (error, "openssl", "req", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256",
              "-nodes", "-keyout", server_key, "-out", server_csr, "-subj", "/CN=127.0.0.1",
              NULL) &&
         run (error, "openssl", "x509", "-req", "-in", server_csr, "-CA", self->ca_file,
              "-CAkey", ca_key, "-CAcreateserial", "-out", server_pem, "-days", "2",
              "-extfile", extensions, NULL);
}

static guint16
free_port (GError **error)
{
  g_autoptr(GSocket) socket = NULL;
  g_autoptr(GInetAddress) loopback = g_inet_address_new_loopback (G_SOCKET_FAMILY_IPV4);
  g_autoptr(GSocketAddress) any = g_inet_socket_address_new (loopback, 0);
  g_autoptr(GSocketAddress) bound = NULL;

  socket = g_socket_new (G_SOCKET_FAMILY_IPV4, G_SOCKET_TYPE_STREAM, G_SOCKET_PROTOCOL_TCP,
                         error);
  if (socket == NULL || !g_socket_bind (socket, any, FALSE, error))
    return 0;
  bound = g_socket_get_local_address (socket, error);
  if (bound == NULL)
    return 0;
  return g_inet_socket_address_get_port (G_INET_SOCKET_ADDRESS (bound));
}

static gboolean
write_config (TaiouTestRsyslog  *self,
              GError           **error)
{
  g_autofree char *work = g_build_filename (self->dir, "work", NULL);
  g_autofree char *config = g_build_filename (self->dir, "rsyslog.conf", NULL);
  g_autoptr(GString) text = g_string_new (NULL);

  if (g_mkdir (work, 0700) != 0)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED, "cannot create %s", work);
      return FALSE;
    }
  g_string_append_printf (text, "global(workDirectory=\"%s\"", work);
  if (self->tls)
    g_string_append_printf (text,
                            "\n       defaultNetstreamDriverCAFile=\"%s\""
                            "\n       defaultNetstreamDriverCertFile=\"%s/server.pem\""
                            "\n       defaultNetstreamDriverKeyFile=\"%s/server.key\"",
                            self->ca_file, self->dir, self->dir);
  g_string_append (text, ")\n");
  if (self->tls)
    g_string_append (text, "module(load=\"imtcp\" streamDriver.name=\"gtls\" "
                           "streamDriver.mode=\"1\" streamDriver.authMode=\"anon\")\n");
  else
    g_string_append (text, "module(load=\"imtcp\")\n");
  g_string_append_printf (text,
                          "input(type=\"imtcp\" address=\"127.0.0.1\" port=\"%u\")\n"
                          "template(name=\"raw\" type=\"string\" string=\"%%rawmsg%%\\n\")\n"
                          "template(name=\"parsed\" type=\"string\" string=\"%%hostname%% "
                          "%%app-name%% %%msgid%% %%structured-data%%\\n\")\n"
                          "*.* action(type=\"omfile\" file=\"%s\" template=\"raw\")\n"
                          "*.* action(type=\"omfile\" file=\"%s\" template=\"parsed\")\n",
                          self->port, self->raw_log, self->parsed_log);
  return g_file_set_contents (config, text->str, text->len, error);
}

/**
 * taiou_test_rsyslog_new:
 *
 * Returns: a collector ready to start, or NULL with @error saying what is missing (rsyslog,
 *   rsyslog-gnutls, openssl): the caller skips loudly.
 */
TaiouTestRsyslog *
taiou_test_rsyslog_new (gboolean   tls,
                        GError   **error)
{
  g_autoptr(TaiouTestRsyslog) self = g_new0 (TaiouTestRsyslog, 1);

  if (!g_file_test (RSYSLOGD, G_FILE_TEST_IS_EXECUTABLE))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND,
                   "%s is missing (install rsyslog and rsyslog-gnutls: build-aux/taiou-dev "
                   "setup does)", RSYSLOGD);
      return NULL;
    }
  self->tls = tls;
  self->dir = g_dir_make_tmp ("taiou-rsyslog-XXXXXX", error);
  if (self->dir == NULL)
    return NULL;
  self->ca_file = g_build_filename (self->dir, "ca.pem", NULL);
  self->other_ca_file = g_build_filename (self->dir, "other-ca.pem", NULL);
  self->raw_log = g_build_filename (self->dir, "raw.log", NULL);
  self->parsed_log = g_build_filename (self->dir, "parsed.log", NULL);
  self->port = free_port (error);
  if (self->port == 0 || (tls && !make_certificates (self, error)) || !write_config (self, error))
    return NULL;
  return g_steal_pointer (&self);
}

static gboolean
accepts_connections (guint16 port)
{
  g_autoptr(GSocketClient) client = g_socket_client_new ();
  g_autoptr(GSocketConnection) connection = NULL;

  g_socket_client_set_timeout (client, 1);
  g_socket_client_set_enable_proxy (client, FALSE);
  connection = g_socket_client_connect_to_host (client, "127.0.0.1", port, NULL, NULL);
  return connection != NULL;
}

/* A failed assertion aborts the test without its cleanup: rsyslogd must not outlive it. */
static void
die_with_parent (gpointer user_data)
{
  prctl (PR_SET_PDEATHSIG, SIGTERM);
}

/* Starts rsyslogd and waits until it listens. */
gboolean
taiou_test_rsyslog_start (TaiouTestRsyslog  *self,
                          GError           **error)
{
  g_autofree char *config = g_build_filename (self->dir, "rsyslog.conf", NULL);
  g_autofree char *pid_file = g_build_filename (self->dir, "rsyslogd.pid", NULL);
  g_autofree char *stderr_file = g_build_filename (self->dir, "rsyslogd.err", NULL);
  g_autoptr(GSubprocessLauncher) launcher = NULL;
  gint64 deadline = g_get_monotonic_time () + START_TIMEOUT_US;

  g_assert (self->process == NULL);

  launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_SILENCE);
  g_subprocess_launcher_set_stderr_file_path (launcher, stderr_file);
  g_subprocess_launcher_set_child_setup (launcher, die_with_parent, NULL, NULL);
  self->process = g_subprocess_launcher_spawn (launcher, error, RSYSLOGD, "-n", "-f", config,
                                               "-i", pid_file, NULL);
  if (self->process == NULL)
    return FALSE;

  while (g_get_monotonic_time () < deadline)
    {
      if (g_subprocess_get_identifier (self->process) == NULL || accepts_connections (self->port))
        break;
      g_usleep (50 * 1000);
    }
  if (!accepts_connections (self->port))
    {
      g_autofree char *err = NULL;

      g_file_get_contents (stderr_file, &err, NULL, NULL);
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED,
                   "rsyslogd did not start listening on 127.0.0.1:%u: %s", self->port,
                   err != NULL ? err : "");
      taiou_test_rsyslog_stop (self);
      return FALSE;
    }
  return TRUE;
}

/* Stops rsyslogd (SIGTERM: it writes out what it received) and waits for it to exit. */
void
taiou_test_rsyslog_stop (TaiouTestRsyslog *self)
{
  if (self->process == NULL)
    return;
  g_subprocess_send_signal (self->process, SIGTERM);
  g_subprocess_wait (self->process, NULL, NULL);
  g_clear_object (&self->process);
}

/**
 * taiou_test_rsyslog_wait_lines:
 *
 * Waits until @log has at least @n_lines lines (rsyslog writes asynchronously), then a moment
 * longer, so that a duplicate would show.
 *
 * Returns: (transfer full): its lines, without the empty one after the last newline
 */
GStrv
taiou_test_rsyslog_wait_lines (TaiouTestRsyslog *self,
                               const char       *log,
                               guint             n_lines)
{
  gint64 deadline = g_get_monotonic_time () + LINES_TIMEOUT_US;
  g_auto(GStrv) lines = NULL;

  for (;;)
    {
      g_autofree char *text = NULL;
      guint n;

      g_file_get_contents (log, &text, NULL, NULL);
      g_clear_pointer (&lines, g_strfreev);
      lines = g_strsplit (text != NULL ? text : "", "\n", -1);
      n = g_strv_length (lines);
      if (n > 0 && lines[n - 1][0] == '\0')
        g_clear_pointer (&lines[n - 1], g_free);
      if (g_strv_length (lines) >= n_lines || g_get_monotonic_time () > deadline)
        break;
      g_usleep (20 * 1000);
    }
  g_usleep (200 * 1000);
  {
    g_autofree char *text = NULL;
    guint n;

    g_file_get_contents (log, &text, NULL, NULL);
    g_strfreev (lines);
    lines = g_strsplit (text != NULL ? text : "", "\n", -1);
    n = g_strv_length (lines);
    if (n > 0 && lines[n - 1][0] == '\0')
      g_clear_pointer (&lines[n - 1], g_free);
  }
  return g_steal_pointer (&lines);
}

static void
remove_tree (const char *path)
{
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *child = g_build_filename (path, name, NULL);

      if (g_file_test (child, G_FILE_TEST_IS_DIR) && !g_file_test (child, G_FILE_TEST_IS_SYMLINK))
        remove_tree (child);
      else
        g_unlink (child);
    }
  g_rmdir (path);
}

void
taiou_test_rsyslog_free (TaiouTestRsyslog *self)
{
  if (self == NULL)
    return;
  taiou_test_rsyslog_stop (self);
  if (self->dir != NULL)
    remove_tree (self->dir);
  g_free (self->dir);
  g_free (self->ca_file);
  g_free (self->other_ca_file);
  g_free (self->raw_log);
  g_free (self->parsed_log);
  g_free (self);
}
