/* taiou-forwarder.c — sending the record's pending events to a syslog collector
 *
 * The queue is the record itself (taiou-timeline-forward.c): each collector has the seq of the
 * last event it took.  One round sends the next batch of events over a fresh connection —
 * TCP, TLS unless turned off, RFC 5424 messages with RFC 6587 octet counting — and moves the
 * cursor only after the collector confirmed it read the whole batch:
 *
 *  - A successful write() only means the bytes reached our kernel.  If the collector went away
 *    meanwhile (rsyslog restarted, Wi-Fi dropped), the bytes are silently lost, the classic hole
 *    of plain-TCP syslog.  So after the batch, we close our sending side (TLS close_notify, or a
 *    TCP half-close) and wait for the collector to close its side.  A server closes only after
 *    it has read up to our close, i.e. every message before it.  That end-of-stream is the
 *    acknowledgement plain syslog lacks; a reset or an error instead means the batch is not
 *    confirmed and it is sent again next round.
 *  - A collector that keeps the connection open after our close (none of rsyslog, syslog-ng and
 *    Graylog do) is waited for timeout_s; it has not reset the connection, so the batch counts
 *    as sent rather than being resent for ever.
 *  - The cursor is committed with SQLite's FULL sync right after the confirmation.  The only
 *    way to send an event twice is therefore a crash, a kill or a reset in the moment between
 *    the collector reading a batch and that commit: then the batch is sent again after the
 *    restart (at-least-once).  Every message carries the event's seq and hash in its structured
 *    data, so a collector can drop such a repeat (rsyslog: compare $!seq/$!hash), and a reader
 *    can always tell two copies of one event from two events.  An event can never be skipped.
 *
 * Nothing here records an event in the timeline: a "sent" event would itself be pending, and
 * forwarding would never be done.
 */
#define G_LOG_DOMAIN "taiou-forward"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <errno.h>
#include <fcntl.h>
#include <glib/gstdio.h>
#include <sys/file.h>
#include <unistd.h>
#include <netinet/in.h>
#include <netinet/tcp.h>

#include "taiou-forwarder.h"
#include "taiou-syslog-message.h"
#include "taiou-timeline-forward.h"

/* A CA bundle is a few hundred kilobytes; anything larger is not one. */
#define CA_FILE_MAX_BYTES (4 * 1024 * 1024)
/* A syslog server sends nothing back; stop reading a chatty one after this much. */
#define CONFIRM_READ_MAX_BYTES (64 * 1024)
#define HOST_MAX_LENGTH 253

G_DEFINE_QUARK (taiou-forward-error-quark, taiou_forward_error)
G_DEFINE_BOXED_TYPE (TaiouForwardDestination, taiou_forward_destination,
                     taiou_forward_destination_copy, taiou_forward_destination_free)

static gboolean
host_is_plausible (const char *host)
{
  if (host == NULL || host[0] == '\0' || strlen (host) > HOST_MAX_LENGTH ||
      !g_utf8_validate (host, -1, NULL))
    return FALSE;
  for (const char *p = host; *p != '\0'; p++)
    if ((guchar) *p <= ' ' || *p == 0x7f || strchr ("/@\\\"'[]", *p) != NULL)
      return FALSE;
  return TRUE;
}

/**
 * taiou_forward_destination_new:
 * @ca_file: (nullable): PEM certificates of the CAs to trust instead of the system's; "" is NULL
 *
 * Returns: (transfer full): the destination, or NULL with @error when the host or port cannot
 *   work
 */
TaiouForwardDestination *
taiou_forward_destination_new (const char  *host,
                               guint        port,
                               gboolean     tls,
                               const char  *ca_file,
                               GError     **error)
{
  TaiouForwardDestination *self;
  g_autofree char *stripped = g_strstrip (g_strdup (host != NULL ? host : ""));

  if (!host_is_plausible (stripped))
    {
      g_set_error (error, TAIOU_FORWARD_ERROR, TAIOU_FORWARD_ERROR_INVALID,
                   _("“%s” is not a host name or address of a syslog collector."),
                   host != NULL ? host : "");
      return NULL;
    }
  if (port == 0 || port > G_MAXUINT16)
    {
      g_set_error (error, TAIOU_FORWARD_ERROR, TAIOU_FORWARD_ERROR_INVALID,
                   _("%u is not a TCP port: give a number from 1 to 65535 (6514 for syslog "
                     "over TLS)."),
                   port);
      return NULL;
    }

  self = g_new0 (TaiouForwardDestination, 1);
  self->host = g_steal_pointer (&stripped);
  self->port = (guint16) port;
  self->tls = tls;
  /* Absolute, as GTlsFileDatabase wants, and so that it means the same file from anywhere. */
  self->ca_file = ca_file != NULL && ca_file[0] != '\0' ? g_canonicalize_filename (ca_file, NULL)
                                                       : NULL;
  self->timeout_s = TAIOU_FORWARD_DEFAULT_TIMEOUT_S;
  return self;
}

TaiouForwardDestination *
taiou_forward_destination_copy (const TaiouForwardDestination *self)
{
  TaiouForwardDestination *copy;

  g_return_val_if_fail (self != NULL, NULL);

  copy = g_memdup2 (self, sizeof *self);
  copy->host = g_strdup (self->host);
  copy->ca_file = g_strdup (self->ca_file);
  return copy;
}

void
taiou_forward_destination_free (TaiouForwardDestination *self)
{
  if (self == NULL)
    return;
  g_free (self->host);
  g_free (self->ca_file);
  g_free (self);
}

/* The queue's name for this collector: "host:port" ("[v6]:port"), whatever the TLS setting. */
char *
taiou_forward_destination_get_key (const TaiouForwardDestination *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  if (strchr (self->host, ':') != NULL)
    return g_strdup_printf ("[%s]:%u", self->host, self->port);
  return g_strdup_printf ("%s:%u", self->host, self->port);
}

/* What the TLS handshake saw, for an error message that says why a server was refused. */
typedef struct
{
  GTlsCertificateFlags problems;
} Handshake;

static gboolean
accept_certificate_cb (GTlsConnection       *connection,
                       GTlsCertificate      *certificate,
                       GTlsCertificateFlags  problems,
                       gpointer              user_data)
{
  Handshake *handshake = user_data;

  handshake->problems = problems;
  return FALSE; /* never accept what validation rejected */
}

static char *
describe_problems (const TaiouForwardDestination *destination,
                   GTlsCertificateFlags           problems)
{
  g_autoptr(GPtrArray) reasons = g_ptr_array_new_with_free_func (g_free);

  if (problems & G_TLS_CERTIFICATE_UNKNOWN_CA)
    g_ptr_array_add (reasons, destination->ca_file != NULL
                     ? g_strdup_printf (_("it is not signed by the certificate authority in "
                                          "“%s”"), destination->ca_file)
                     : g_strdup (_("it is not signed by a certificate authority this computer "
                                   "trusts")));
  if (problems & G_TLS_CERTIFICATE_BAD_IDENTITY)
    g_ptr_array_add (reasons, g_strdup_printf (_("it was issued for another name than “%s”"),
                                               destination->host));
  if (problems & G_TLS_CERTIFICATE_NOT_ACTIVATED)
    g_ptr_array_add (reasons, g_strdup (_("it is not valid yet")));
  if (problems & G_TLS_CERTIFICATE_EXPIRED)
    g_ptr_array_add (reasons, g_strdup (_("it has expired")));
  if (problems & G_TLS_CERTIFICATE_REVOKED)
    g_ptr_array_add (reasons, g_strdup (_("it has been revoked")));
  if (problems & G_TLS_CERTIFICATE_INSECURE)
    g_ptr_array_add (reasons, g_strdup (_("it uses an insecure algorithm")));
  if (reasons->len == 0)
    g_ptr_array_add (reasons, g_strdup (_("it could not be checked")));
  g_ptr_array_add (reasons, NULL);
  return g_strjoinv ("; ", (char **) reasons->pdata);
}

static GTlsDatabase *
load_ca_file (const char  *path,
              GError     **error)
{
  g_autoptr(GError) local_error = NULL;
  GStatBuf info;
  GTlsDatabase *database;

  if (g_stat (path, &info) != 0 || !S_ISREG (info.st_mode) || info.st_size > CA_FILE_MAX_BYTES)
    {
      g_set_error (error, TAIOU_FORWARD_ERROR, TAIOU_FORWARD_ERROR_CA_FILE,
                   _("The CA file “%s” is missing or is not a file of CA certificates."), path);
      return NULL;
    }
  database = g_tls_file_database_new (path, &local_error);
  if (database == NULL)
    g_set_error (error, TAIOU_FORWARD_ERROR, TAIOU_FORWARD_ERROR_CA_FILE,
                 _("The CA file “%s” cannot be used: %s"), path, local_error->message);
  return database;
}

static void
set_connect_error (const TaiouForwardDestination  *destination,
                   GError                         *cause,
                   GError                        **error)
{
  g_set_error (error, TAIOU_FORWARD_ERROR, TAIOU_FORWARD_ERROR_CONNECT,
               _("Could not reach the syslog collector %s:%u: %s. The events wait in the "
                 "record and are sent later."),
               destination->host, destination->port, cause->message);
}

/* TCP, then a GTlsClientConnection over it, made here rather than by GSocketClient's tls
 * option so that the trusted CAs are given at construction (see the measurements in
 * tests/bench/bench-forward.c). */
static GIOStream *
connect_to (const TaiouForwardDestination  *destination,
            GTlsDatabase                   *database,
            GCancellable                   *cancellable,
            GError                        **error)
{
  g_autoptr(GSocketClient) client = g_socket_client_new ();
  g_autoptr(GSocketConnectable) address = NULL;
  g_autoptr(GSocketConnection) tcp = NULL;
  g_autoptr(GIOStream) tls = NULL;
  g_autoptr(GError) local_error = NULL;
  GTlsBackend *backend;
  Handshake handshake = { 0 };

  g_socket_client_set_timeout (client, destination->timeout_s);
  /* A collector is on the organisation's own network; a desktop HTTP proxy is for the web. */
  g_socket_client_set_enable_proxy (client, FALSE);

  address = g_network_address_new (destination->host, destination->port);
  tcp = g_socket_client_connect (client, address, cancellable, &local_error);
  if (tcp == NULL)
    {
      if (g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        g_propagate_error (error, g_steal_pointer (&local_error));
      else
        set_connect_error (destination, local_error, error);
      return NULL;
    }
  /* Nagle's algorithm holds back the handshake's small records until the peer's delayed ACK:
   * 45 ms per connection on loopback, against 2 ms without (measured with rsyslog). */
  g_socket_set_option (g_socket_connection_get_socket (tcp), IPPROTO_TCP, TCP_NODELAY, 1, NULL);
  if (!destination->tls)
    return G_IO_STREAM (g_steal_pointer (&tcp));

  backend = g_tls_backend_get_default ();
  if (!g_tls_backend_supports_tls (backend))
    {
      g_set_error (error, TAIOU_FORWARD_ERROR, TAIOU_FORWARD_ERROR_CONNECT,
                   _("TLS is not available on this computer (install glib-networking)."));
      return NULL;
    }
  tls = g_initable_new (g_tls_backend_get_client_connection_type (backend), cancellable,
                        &local_error,
                        "base-io-stream", tcp,
                        "server-identity", address,
                        "database", database,
                        NULL);
  if (tls == NULL)
    {
      set_connect_error (destination, local_error, error);
      return NULL;
    }
  g_signal_connect (tls, "accept-certificate", G_CALLBACK (accept_certificate_cb), &handshake);
  if (!g_tls_connection_handshake (G_TLS_CONNECTION (tls), cancellable, &local_error))
    {
      g_signal_handlers_disconnect_by_func (tls, accept_certificate_cb, &handshake);
      if (g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        g_propagate_error (error, g_steal_pointer (&local_error));
      else if (handshake.problems != 0)
        {
          g_autofree char *reasons = describe_problems (destination, handshake.problems);

          g_set_error (error, TAIOU_FORWARD_ERROR, TAIOU_FORWARD_ERROR_UNTRUSTED,
                       _("Refused the syslog collector %s:%u: its certificate is not trusted "
                         "(%s). Nothing was sent."),
                       destination->host, destination->port, reasons);
        }
      else
        set_connect_error (destination, local_error, error);
      return NULL;
    }
  g_signal_handlers_disconnect_by_func (tls, accept_certificate_cb, &handshake);
  return g_steal_pointer (&tls);
}

/* Closes our sending side and waits for the collector to close its side: see the top. */
static gboolean
confirm_received (GIOStream     *connection,
                  gboolean       tls,
                  GCancellable  *cancellable,
                  GError       **error)
{
  GInputStream *input = g_io_stream_get_input_stream (connection);
  char buffer[4096];
  gsize total = 0;

  if (tls)
    {
      /* Sends close_notify and keeps the reading side open. */
      if (!g_output_stream_close (g_io_stream_get_output_stream (connection), cancellable,
                                  error))
        return FALSE;
    }
  else
    {
      GSocket *socket = g_socket_connection_get_socket (G_SOCKET_CONNECTION (connection));

      if (!g_output_stream_flush (g_io_stream_get_output_stream (connection), cancellable,
                                  error) ||
          !g_socket_shutdown (socket, FALSE, TRUE, error))
        return FALSE;
    }

  while (total < CONFIRM_READ_MAX_BYTES)
    {
      g_autoptr(GError) local_error = NULL;
      gssize n = g_input_stream_read (input, buffer, sizeof buffer, cancellable, &local_error);

      if (n > 0)
        {
          total += n;
          continue;
        }
      if (n == 0 || g_error_matches (local_error, G_TLS_ERROR, G_TLS_ERROR_EOF))
        return TRUE; /* the collector closed after reading everything */
      if (g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_TIMED_OUT))
        {
          g_debug ("The collector kept the connection open; counting the batch as sent");
          return TRUE;
        }
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }
  return TRUE;
}

static gboolean
send_batch (const TaiouForwardDestination  *destination,
            GTlsDatabase                   *database,
            GPtrArray                      *items,
            GCancellable                   *cancellable,
            GError                        **error)
{
  g_autoptr(GIOStream) connection = NULL;
  g_autoptr(GString) frames = g_string_sized_new (items->len * 400);
  g_autoptr(GError) local_error = NULL;
  gsize written = 0;

  for (guint i = 0; i < items->len; i++)
    {
      TaiouForwardItem *item = g_ptr_array_index (items, i);

      taiou_syslog_append_frame (frames, item->event, item->incident_uuid);
    }

  connection = connect_to (destination, database, cancellable, error);
  if (connection == NULL)
    return FALSE;

  if (!g_output_stream_write_all (g_io_stream_get_output_stream (connection), frames->str,
                                  frames->len, &written, cancellable, &local_error) ||
      !confirm_received (connection, destination->tls, cancellable, &local_error))
    {
      if (g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        g_propagate_error (error, g_steal_pointer (&local_error));
      else
        g_set_error (error, TAIOU_FORWARD_ERROR, TAIOU_FORWARD_ERROR_SEND,
                     _("The connection to the syslog collector %s:%u broke while sending: %s. "
                       "The events are sent again later."),
                     destination->host, destination->port, local_error->message);
      g_io_stream_close (connection, NULL, NULL);
      return FALSE;
    }
  g_io_stream_close (connection, NULL, NULL);
  return TRUE;
}

/* Only one sender at a time per record: the app's runner and `taiou-cli forward send` would
 * otherwise both read the same cursor and send the same batch.  An flock on a file beside the
 * database (its folder is private to the user) serialises them, across processes; it is
 * released by the kernel if the holder dies.  Waits up to @timeout_s for the other sender. */
static int
lock_record (TaiouTimeline  *timeline,
             guint           timeout_s,
             GCancellable   *cancellable,
             GError        **error)
{
  g_autofree char *path = g_strconcat (taiou_timeline_get_path (timeline), "-forward.lock",
                                       NULL);
  gint64 deadline = g_get_monotonic_time () + (gint64) timeout_s * G_USEC_PER_SEC;
  int fd = open (path, O_RDWR | O_CREAT | O_CLOEXEC | O_NOFOLLOW, 0600);

  if (fd < 0)
    {
      int saved_errno = errno;

      g_set_error (error, TAIOU_FORWARD_ERROR, TAIOU_FORWARD_ERROR_BUSY,
                   _("Could not open “%s”: %s"), path, g_strerror (saved_errno));
      return -1;
    }
  while (flock (fd, LOCK_EX | LOCK_NB) != 0)
    {
      /* A file system without flock (ENOLCK): go on unlocked rather than never send. */
      if (errno != EWOULDBLOCK && errno != EINTR)
        break;
      if (g_cancellable_set_error_if_cancelled (cancellable, error))
        {
          close (fd);
          return -1;
        }
      if (g_get_monotonic_time () > deadline)
        {
          g_set_error (error, TAIOU_FORWARD_ERROR, TAIOU_FORWARD_ERROR_BUSY,
                       _("Another Taiou (the app, or taiou-cli) is sending this record to the "
                         "syslog collector right now. Try again in a moment."));
          close (fd);
          return -1;
        }
      g_usleep (50 * 1000);
    }
  return fd;
}

static void
fill_report (TaiouTimeline      *timeline,
             const char         *key,
             TaiouForwardReport *report)
{
  gint64 last_seq = 0;
  gint64 n_pending = 0;

  if (report == NULL)
    return;
  if (taiou_timeline_forward_status (timeline, key, &last_seq, &n_pending, NULL, NULL))
    {
      report->last_seq = last_seq;
      report->n_pending = n_pending;
    }
}

/**
 * taiou_forward_send_pending:
 * @batch_size: events per connection, 0 for the default
 * @report: (out caller-allocates) (optional): what was sent and what remains, also on failure
 *
 * Sends every event @destination does not have yet, oldest first, in batches; returns when it
 * has them all, or at the first failure (the events not confirmed stay pending).  Blocks: call
 * it from a worker thread, or use taiou_forward_send_pending_async().
 */
gboolean
taiou_forward_send_pending (TaiouTimeline                  *timeline,
                            const TaiouForwardDestination  *destination,
                            guint                           batch_size,
                            TaiouForwardReport             *report,
                            GCancellable                   *cancellable,
                            GError                        **error)
{
  g_autoptr(GTlsDatabase) database = NULL;
  g_autofree char *key = NULL;
  gboolean ok = TRUE;
  int lock_fd;

  g_return_val_if_fail (TAIOU_IS_TIMELINE (timeline), FALSE);
  g_return_val_if_fail (destination != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (report != NULL)
    *report = (TaiouForwardReport) { 0 };
  if (batch_size == 0)
    batch_size = TAIOU_FORWARD_DEFAULT_BATCH;
  key = taiou_forward_destination_get_key (destination);

  lock_fd = lock_record (timeline, destination->timeout_s, cancellable, error);
  if (lock_fd < 0)
    {
      fill_report (timeline, key, report);
      return FALSE;
    }

  if (destination->tls && destination->ca_file != NULL)
    {
      database = load_ca_file (destination->ca_file, error);
      ok = database != NULL;
    }
  else if (destination->tls)
    database = g_tls_backend_get_default_database (g_tls_backend_get_default ());

  while (ok)
    {
      g_autoptr(GPtrArray) items = taiou_timeline_list_unforwarded (timeline, key, batch_size,
                                                                    error);
      TaiouForwardItem *last;

      if (items == NULL)
        {
          ok = FALSE;
          break;
        }
      if (items->len == 0)
        break;

      last = g_ptr_array_index (items, items->len - 1);
      if (!send_batch (destination, database, items, cancellable, error) ||
          !taiou_timeline_mark_forwarded (timeline, key, taiou_event_get_seq (last->event),
                                          error))
        {
          ok = FALSE;
          break;
        }
      if (report != NULL)
        report->n_sent += items->len;
    }

  close (lock_fd); /* releases the lock */
  fill_report (timeline, key, report);
  return ok;
}

typedef struct
{
  TaiouForwardDestination *destination;
  TaiouForwardReport       report;
} SendData;

static void
send_data_free (SendData *data)
{
  taiou_forward_destination_free (data->destination);
  g_free (data);
}

static void
send_thread (GTask        *task,
             gpointer      source_object,
             gpointer      task_data,
             GCancellable *cancellable)
{
  SendData *data = task_data;
  GError *error = NULL;

  if (taiou_forward_send_pending (TAIOU_TIMELINE (source_object), data->destination, 0,
                                  &data->report, cancellable, &error))
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);
}

void
taiou_forward_send_pending_async (TaiouTimeline                 *timeline,
                                  const TaiouForwardDestination *destination,
                                  GCancellable                  *cancellable,
                                  GAsyncReadyCallback            callback,
                                  gpointer                       user_data)
{
  g_autoptr(GTask) task = NULL;
  SendData *data;

  g_return_if_fail (TAIOU_IS_TIMELINE (timeline));
  g_return_if_fail (destination != NULL);

  data = g_new0 (SendData, 1);
  data->destination = taiou_forward_destination_copy (destination);
  task = g_task_new (timeline, cancellable, callback, user_data);
  g_task_set_source_tag (task, taiou_forward_send_pending_async);
  g_task_set_task_data (task, data, (GDestroyNotify) send_data_free);
  g_task_run_in_thread (task, send_thread);
}

/**
 * taiou_forward_send_pending_finish:
 * @report: (out caller-allocates) (optional): filled also when sending failed
 */
gboolean
taiou_forward_send_pending_finish (TaiouTimeline       *timeline,
                                   GAsyncResult        *result,
                                   TaiouForwardReport  *report,
                                   GError             **error)
{
  SendData *data;

  g_return_val_if_fail (g_task_is_valid (result, timeline), FALSE);

  data = g_task_get_task_data (G_TASK (result));
  if (report != NULL)
    *report = data->report;
  return g_task_propagate_boolean (G_TASK (result), error);
}
