/* bench-forward.c — 100,000 queued events forwarded to a local rsyslog, against openssl s_client
 *
 *   bench-forward [N [BATCH]]    (meson test --benchmark --suite forward)
 *
 * Starts Debian's rsyslogd on loopback with TLS (the tests' taiou-test-rsyslog.c: its own test CA
 * and config) and a timeline of N events (100,000 by default) under $TAIOU_BENCH_DIR, all
 * pending.  Taiou's figure: taiou_forward_send_pending() from the queue to the last event
 * written by rsyslog into its output file — reading the events from SQLite, formatting RFC 5424
 * with structured data, TLS, waiting for each batch's confirmation and committing the cursor.
 *
 * The comparison, in the same run against the same rsyslog: the very same octet-counted
 * messages, formatted beforehand into a file, piped into `openssl s_client` (Debian's openssl,
 * the usual way to push a file to a TLS syslog port by hand: util-linux `logger` has no TLS),
 * timed the same way, to the last line in rsyslog's file.  openssl does no database work, no
 * formatting and no confirmation: it is the speed of TLS to this rsyslog, the ceiling.
 *
 * Three rounds each (alternating, a fresh queue each time), the median.  Targets:
 *  - ≥ 10,000 events/s: a scan records a few thousand events, so a PC that was offline through
 *    the whole response drains a 100,000-event backlog in ten seconds;
 *  - ≥ 0.25× openssl's events/s: openssl only pipes bytes, while Taiou reads each event from
 *    SQLite, formats it, waits for each batch's confirmation and fsyncs the cursor, in series.
 *
 * What was measured on the way (debug build, 2,000-event batches): every connection first cost
 * 160 ms while glib-networking loaded the whole system CA store — avoided by giving the CA
 * database when the GTlsClientConnection is made — then 45 ms of Nagle's algorithm holding back
 * the handshake's small records until the server's delayed ACK — avoided with TCP_NODELAY.
 * Per batch, a connection now costs about 2 ms.
 */
#define G_LOG_DOMAIN "bench-forward"

#include "config.h"

#include <glib/gstdio.h>
#include <signal.h>

#include "taiou-test-rsyslog.h"
#include "taiou.h"

#include "bench-report.h"

#define ROUNDS 3
#define DEFAULT_EVENTS 100000
#define TARGET_RATIO 0.25
#define TARGET_EVENTS_PER_S 10000

static TaiouTestRsyslog *rsyslog;
static guint batch_size; /* 0: the forwarder's default */

/* Waits until rsyslog's raw log has grown to @size bytes; returns when it did, in µs. */
static gint64
wait_for_size (goffset size)
{
  GStatBuf info;

  for (;;)
    {
      if (g_stat (rsyslog->raw_log, &info) == 0 && info.st_size >= size)
        return g_get_monotonic_time ();
      g_usleep (2000);
    }
}

static goffset
current_size (void)
{
  GStatBuf info;

  return g_stat (rsyslog->raw_log, &info) == 0 ? info.st_size : 0;
}

/* A timeline of @n pending events, and the octet-counted frames and raw-log bytes they make. */
static TaiouTimeline *
make_timeline (const char *path,
               guint       n,
               GString    *frames,
               goffset    *log_bytes)
{
  g_autofree char *wal = g_strconcat (path, "-wal", NULL);
  g_autofree char *shm = g_strconcat (path, "-shm", NULL);
  g_autoptr(TaiouTimeline) timeline = NULL;
  g_autoptr(TaiouIncident) incident = NULL;
  g_autoptr(GPtrArray) items = NULL;
  g_autofree TaiouEventDraft *drafts = g_new0 (TaiouEventDraft, n);
  g_autoptr(GPtrArray) summaries = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GError) error = NULL;
  guint added = 0;

  g_unlink (path);
  g_unlink (wal);
  g_unlink (shm);
  timeline = taiou_timeline_open (path, &error);
  g_assert_no_error (error);
  incident = taiou_timeline_create_incident (timeline, "bench-forward", g_get_real_time (),
                                             "PC-BENCH", "bench", &error);
  g_assert_no_error (error);
  for (guint i = 0; i < n - 1; i++)
    {
      char *summary = g_strdup_printf ("scan finding %u: C:\\Users\\taro\\AppData\\Local\\"
                                       "bench\\payload.dll", i);

      g_ptr_array_add (summaries, summary);
      drafts[i] = (TaiouEventDraft) { .kind = "scan.finding", .host = "PC-BENCH",
                                      .summary = summary };
    }
  g_assert_true (taiou_timeline_append_batch (timeline, taiou_incident_get_id (incident),
                                              drafts, n - 1, &added, NULL, &error));
  g_assert_no_error (error);

  *log_bytes = 0;
  items = taiou_timeline_list_unforwarded (timeline, "bench", n + 1, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (items->len, ==, n);
  for (guint i = 0; i < items->len; i++)
    {
      TaiouForwardItem *item = items->pdata[i];
      g_autoptr(GString) message = g_string_new (NULL);

      taiou_syslog_append_message (message, item->event, item->incident_uuid);
      *log_bytes += message->len + 1;
      if (frames != NULL)
        taiou_syslog_append_frame (frames, item->event, item->incident_uuid);
    }
  return g_steal_pointer (&timeline);
}

static double
taiou_round (const char                    *db,
             guint                          n,
             const TaiouForwardDestination *destination)
{
  goffset log_bytes = 0;
  g_autoptr(TaiouTimeline) timeline = make_timeline (db, n, NULL, &log_bytes);
  g_autoptr(GError) error = NULL;
  TaiouForwardReport report;
  goffset start_size = current_size ();
  gint64 start = g_get_monotonic_time ();

  g_assert_true (taiou_forward_send_pending (timeline, destination, batch_size, &report, NULL,
                                             &error));
  g_assert_no_error (error);
  g_assert_cmpint (report.n_sent, ==, n);
  return (wait_for_size (start_size + log_bytes) - start) / (double) G_USEC_PER_SEC;
}

static double
openssl_round (const char *frames_path,
               goffset     log_bytes)
{
  g_autoptr(GSubprocessLauncher) launcher = NULL;
  g_autoptr(GSubprocess) process = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *address = g_strdup_printf ("127.0.0.1:%u", rsyslog->port);
  goffset start_size = current_size ();
  gint64 start = g_get_monotonic_time ();
  gint64 end;

  launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_SILENCE |
                                        G_SUBPROCESS_FLAGS_STDERR_SILENCE);
  g_subprocess_launcher_set_stdin_file_path (launcher, frames_path);
  process = g_subprocess_launcher_spawn (launcher, &error, "openssl", "s_client", "-quiet",
                                         "-connect", address, "-CAfile", rsyslog->ca_file,
                                         "-verify_return_error", NULL);
  g_assert_no_error (error);
  end = wait_for_size (start_size + log_bytes);
  /* -quiet implies -ign_eof: s_client stays connected after its input ended. */
  g_subprocess_send_signal (process, SIGTERM);
  g_subprocess_wait (process, NULL, NULL);
  return (end - start) / (double) G_USEC_PER_SEC;
}

int
main (int    argc,
      char **argv)
{
  guint n = argc > 1 ? (guint) g_ascii_strtoull (argv[1], NULL, 10) : DEFAULT_EVENTS;
  g_autofree char *db = NULL;
  g_autofree char *frames_path = NULL;
  g_autoptr(GString) frames = g_string_new (NULL);
  g_autoptr(TaiouForwardDestination) destination = NULL;
  g_autoptr(GError) error = NULL;
  double taiou_s[ROUNDS], openssl_s[ROUNDS];
  double taiou_rate, openssl_rate;
  goffset log_bytes = 0;
  gboolean ok;

  n = MAX (n, 2);
  batch_size = argc > 2 ? (guint) g_ascii_strtoull (argv[2], NULL, 10) : 0;
  g_mkdir_with_parents (bench_dir (), 0700);
  db = g_build_filename (bench_dir (), "bench-forward.db", NULL);
  frames_path = g_build_filename (bench_dir (), "bench-forward.frames", NULL);

  rsyslog = taiou_test_rsyslog_new (TRUE, &error);
  if (rsyslog == NULL || !taiou_test_rsyslog_start (rsyslog, &error))
    {
      g_printerr ("\n*** RSYSLOG NOT AVAILABLE — bench-forward NOT RUN: %s ***\n\n",
                  error->message);
      return 77; /* skipped */
    }

  /* The comparison's input: the same messages, formatted once. */
  g_object_unref (make_timeline (db, n, frames, &log_bytes));
  g_assert_true (g_file_set_contents (frames_path, frames->str, frames->len, &error));

  destination = taiou_forward_destination_new ("127.0.0.1", rsyslog->port, TRUE,
                                               rsyslog->ca_file, &error);
  g_assert_no_error (error);

  for (guint round = 0; round < ROUNDS; round++)
    {
      if (round % 2 == 0)
        {
          taiou_s[round] = taiou_round (db, n, destination);
          openssl_s[round] = openssl_round (frames_path, log_bytes);
        }
      else
        {
          openssl_s[round] = openssl_round (frames_path, log_bytes);
          taiou_s[round] = taiou_round (db, n, destination);
        }
      g_printerr ("round %u: taiou %.3f s, openssl s_client %.3f s\n", round + 1,
                  taiou_s[round], openssl_s[round]);
    }

  taiou_rate = n / bench_median (taiou_s, ROUNDS);
  openssl_rate = n / bench_median (openssl_s, ROUNDS);
  g_print ("forward %u events over TLS to rsyslog: %.0f events/s; openssl s_client: %.0f "
           "events/s\n", n, taiou_rate, openssl_rate);
  ok = bench_report ("forward-100k-events-per-s", taiou_rate, "events/s", ">= 10000 events/s",
                     NULL, 0, taiou_rate >= TARGET_EVENTS_PER_S);
  ok &= bench_report ("forward-100k-vs-openssl-s-client", taiou_rate, "events/s",
                      ">= 0.25x openssl", "openssl s_client", openssl_rate,
                      taiou_rate >= TARGET_RATIO * openssl_rate);

  taiou_test_rsyslog_free (rsyslog);
  g_unlink (frames_path);
  return ok ? 0 : 1;
}
