/* test-forward-rsyslog.c — forwarding to a real rsyslog over TLS and TCP, through an outage
 *
 * Each case starts Debian's rsyslogd on loopback with its own config and test CA
 * (taiou-test-rsyslog.c), forwards a real timeline to it and reads what rsyslog wrote.  Without
 * rsyslog the cases skip, loudly.
 */
#define G_LOG_DOMAIN "taiou-test"

#include "config.h"

#include <glib/gstdio.h>

#include "taiou-test-rsyslog.h"
#include "taiou-test-util.h"

static TaiouTestRsyslog *
start_rsyslog_or_skip (gboolean tls)
{
  g_autoptr(TaiouTestRsyslog) rsyslog = NULL;
  g_autoptr(GError) error = NULL;

  rsyslog = taiou_test_rsyslog_new (tls, &error);
  if (rsyslog == NULL || !taiou_test_rsyslog_start (rsyslog, &error))
    {
      g_autofree char *message = g_strdup_printf ("RSYSLOG NOT AVAILABLE — forwarding NOT "
                                                  "TESTED: %s", error->message);

      g_printerr ("\n*** %s ***\n\n", message);
      g_test_skip (message);
      return NULL;
    }
  return g_steal_pointer (&rsyslog);
}

static TaiouForwardDestination *
destination_for (TaiouTestRsyslog *rsyslog,
                 gboolean          tls,
                 const char       *ca_file)
{
  g_autoptr(GError) error = NULL;
  TaiouForwardDestination *destination;

  destination = taiou_forward_destination_new ("127.0.0.1", rsyslog->port, tls, ca_file, &error);
  g_assert_no_error (error);
  return destination;
}

static void
append_notes (TaiouTimeline *timeline,
              gint64         incident_id,
              guint          n,
              const char    *prefix)
{
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(TaiouEvent) event = NULL;
      g_autofree char *summary = g_strdup_printf ("%s %u: \"quoted\" ]bracket\\ メモ", prefix, i);

      event = taiou_timeline_append (timeline, incident_id, "note", NULL, summary, NULL, &error);
      g_assert_no_error (error);
    }
}

static gint64
count_events (TaiouTimeline *timeline)
{
  g_autoptr(TaiouTimelineVerification) verification = NULL;
  g_autoptr(GError) error = NULL;

  verification = taiou_timeline_verify (timeline, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (verification->intact);
  return verification->n_events;
}

/* Every line received is one of our messages, each event 1..n exactly once and in order, and
 * each raw line is byte for byte what we formatted. */
static void
assert_received_in_order (TaiouTestRsyslog *rsyslog,
                          TaiouTimeline    *timeline,
                          gint64            incident_id,
                          gint64            n_events)
{
  g_auto(GStrv) raw = taiou_test_rsyslog_wait_lines (rsyslog, rsyslog->raw_log, n_events);
  g_auto(GStrv) parsed = taiou_test_rsyslog_wait_lines (rsyslog, rsyslog->parsed_log, n_events);
  g_autoptr(TaiouIncident) incident = NULL;
  g_autoptr(GPtrArray) events = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_cmpuint (g_strv_length (raw), ==, n_events);
  g_assert_cmpuint (g_strv_length (parsed), ==, n_events);
  incident = taiou_timeline_get_incident (timeline, incident_id, &error);
  g_assert_no_error (error);
  events = taiou_timeline_list_events (timeline, incident_id, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (events->len, ==, n_events);

  for (guint i = 0; i < events->len; i++)
    {
      TaiouEvent *event = g_ptr_array_index (events, i);
      g_autoptr(GString) expected = g_string_new (NULL);
      g_autofree char *seq_param = NULL;
      g_autofree char *host_prefix = NULL;

      g_assert_cmpint (taiou_event_get_seq (event), ==, i + 1);
      taiou_syslog_append_message (expected, event, taiou_incident_get_uuid (incident));
      g_assert_cmpstr (raw[i], ==, expected->str);

      /* rsyslog's own RFC 5424 parser found the header fields and our structured data. */
      seq_param = g_strdup_printf (" [taiou@32473 incident=\"%s\" seq=\"%u\" kind=\"%s\"",
                                   taiou_incident_get_uuid (incident), i + 1,
                                   taiou_event_get_kind (event));
      host_prefix = g_strdup_printf ("%s taiou %s ", taiou_event_get_host (event),
                                     taiou_event_get_kind (event));
      g_assert_cmpstr (parsed[i], >=, host_prefix);
      g_assert_true (g_str_has_prefix (parsed[i], host_prefix));
      g_assert_nonnull (strstr (parsed[i], seq_param));
      g_assert_nonnull (strstr (parsed[i], taiou_event_get_hash (event)));
    }
}

static void
test_tls_outage_exactly_once (void)
{
  g_autoptr(TaiouTestRsyslog) rsyslog = start_rsyslog_or_skip (TRUE);
  g_autoptr(TaiouForwardDestination) destination = NULL;
  g_autoptr(TaiouTimeline) timeline = NULL;
  g_autoptr(TaiouIncident) incident = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;
  TaiouForwardReport report;
  gint64 incident_id;

  if (rsyslog == NULL)
    return;
  destination = destination_for (rsyslog, TRUE, rsyslog->ca_file);
  timeline = taiou_test_timeline_new (&path);
  incident = taiou_test_add_incident (timeline, "転送テスト", 0);
  incident_id = taiou_incident_get_id (incident);
  append_notes (timeline, incident_id, 20, "before");

  /* Small batches, so the outage and the restart fall between several confirmed batches. */
  g_assert_true (taiou_forward_send_pending (timeline, destination, 7, &report, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpint (report.n_sent, ==, 21);
  g_assert_cmpint (report.n_pending, ==, 0);
  g_assert_cmpint (report.last_seq, ==, 21);

  /* The collector goes away; the office keeps working. */
  taiou_test_rsyslog_stop (rsyslog);
  append_notes (timeline, incident_id, 15, "offline");
  g_assert_false (taiou_forward_send_pending (timeline, destination, 7, &report, NULL, &error));
  g_assert_error (error, TAIOU_FORWARD_ERROR, TAIOU_FORWARD_ERROR_CONNECT);
  g_assert_nonnull (strstr (error->message, "sent later"));
  g_clear_error (&error);
  g_assert_cmpint (report.n_sent, ==, 0);
  g_assert_cmpint (report.n_pending, ==, 15);
  g_assert_cmpint (report.last_seq, ==, 21);

  /* The app restarts (a new connection to the same file) and the collector comes back. */
  g_clear_object (&timeline);
  timeline = taiou_timeline_open (path, &error);
  g_assert_no_error (error);
  g_assert_true (taiou_test_rsyslog_start (rsyslog, &error));
  g_assert_no_error (error);
  g_assert_true (taiou_forward_send_pending (timeline, destination, 7, &report, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpint (report.n_sent, ==, 15);
  g_assert_cmpint (report.n_pending, ==, 0);

  /* Nothing is sent twice: another round and another restart send nothing. */
  g_assert_true (taiou_forward_send_pending (timeline, destination, 7, &report, NULL, &error));
  g_assert_cmpint (report.n_sent, ==, 0);
  g_clear_object (&timeline);
  timeline = taiou_timeline_open (path, &error);
  g_assert_no_error (error);
  g_assert_true (taiou_forward_send_pending (timeline, destination, 0, &report, NULL, &error));
  g_assert_cmpint (report.n_sent, ==, 0);

  g_assert_cmpint (count_events (timeline), ==, 36);
  assert_received_in_order (rsyslog, timeline, incident_id, 36);
}

static void
test_untrusted_certificate_refused (void)
{
  g_autoptr(TaiouTestRsyslog) rsyslog = start_rsyslog_or_skip (TRUE);
  g_autoptr(TaiouForwardDestination) destination = NULL;
  g_autoptr(TaiouTimeline) timeline = NULL;
  g_autoptr(TaiouIncident) incident = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) lines = NULL;
  TaiouForwardReport report;

  if (rsyslog == NULL)
    return;
  timeline = taiou_test_timeline_new (NULL);
  incident = taiou_test_add_incident (timeline, "untrusted", 3);

  /* The server's certificate is from "ca", the client trusts only "other-ca". */
  destination = destination_for (rsyslog, TRUE, rsyslog->other_ca_file);
  g_assert_false (taiou_forward_send_pending (timeline, destination, 0, &report, NULL, &error));
  g_assert_error (error, TAIOU_FORWARD_ERROR, TAIOU_FORWARD_ERROR_UNTRUSTED);
  g_assert_nonnull (strstr (error->message, "not signed by the certificate authority in"));
  g_assert_nonnull (strstr (error->message, "Nothing was sent"));
  g_clear_error (&error);
  g_assert_cmpint (report.n_sent, ==, 0);
  g_assert_cmpint (report.n_pending, ==, 4);

  /* Nor does the system's store trust a private test CA. */
  g_clear_pointer (&destination, taiou_forward_destination_free);
  destination = destination_for (rsyslog, TRUE, NULL);
  g_assert_false (taiou_forward_send_pending (timeline, destination, 0, &report, NULL, &error));
  g_assert_error (error, TAIOU_FORWARD_ERROR, TAIOU_FORWARD_ERROR_UNTRUSTED);
  g_assert_nonnull (strstr (error->message, "a certificate authority this computer trusts"));
  g_clear_error (&error);

  /* A CA file that is not one is its own clear error. */
  g_clear_pointer (&destination, taiou_forward_destination_free);
  destination = destination_for (rsyslog, TRUE, rsyslog->raw_log);
  g_assert_false (taiou_forward_send_pending (timeline, destination, 0, &report, NULL, &error));
  g_assert_error (error, TAIOU_FORWARD_ERROR, TAIOU_FORWARD_ERROR_CA_FILE);
  g_clear_error (&error);

  lines = taiou_test_rsyslog_wait_lines (rsyslog, rsyslog->raw_log, 0);
  g_assert_cmpuint (g_strv_length (lines), ==, 0);

  /* With the right CA, the same events go through. */
  g_clear_pointer (&destination, taiou_forward_destination_free);
  destination = destination_for (rsyslog, TRUE, rsyslog->ca_file);
  g_assert_true (taiou_forward_send_pending (timeline, destination, 0, &report, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpint (report.n_sent, ==, 4);
}

static void
test_plain_tcp_when_tls_is_off (void)
{
  g_autoptr(TaiouTestRsyslog) rsyslog = start_rsyslog_or_skip (FALSE);
  g_autoptr(TaiouForwardDestination) destination = NULL;
  g_autoptr(TaiouTimeline) timeline = NULL;
  g_autoptr(TaiouIncident) incident = NULL;
  g_autoptr(GError) error = NULL;
  TaiouForwardReport report;

  if (rsyslog == NULL)
    return;
  timeline = taiou_test_timeline_new (NULL);
  incident = taiou_test_add_incident (timeline, "plain", 0);
  append_notes (timeline, taiou_incident_get_id (incident), 9, "plain");

  /* TLS on (the default) against a plain server fails rather than falling back. */
  destination = destination_for (rsyslog, TRUE, NULL);
  g_assert_false (taiou_forward_send_pending (timeline, destination, 0, &report, NULL, &error));
  g_assert_nonnull (error);
  g_clear_error (&error);
  g_assert_cmpint (report.n_sent, ==, 0);
  /* Its TLS hello reached rsyslog as junk lines: start again with empty logs. */
  taiou_test_rsyslog_stop (rsyslog);
  g_assert_cmpint (g_unlink (rsyslog->raw_log), ==, 0);
  g_assert_cmpint (g_unlink (rsyslog->parsed_log), ==, 0);
  g_assert_true (taiou_test_rsyslog_start (rsyslog, &error));
  g_assert_no_error (error);

  g_clear_pointer (&destination, taiou_forward_destination_free);
  destination = destination_for (rsyslog, FALSE, NULL);
  g_assert_true (taiou_forward_send_pending (timeline, destination, 4, &report, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpint (report.n_sent, ==, 10);
  assert_received_in_order (rsyslog, timeline, taiou_incident_get_id (incident), 10);
}

typedef struct
{
  TaiouTimeline *timeline;
  char          *key;
  gint64         wanted_seq;
} CatchUp;

static gboolean
caught_up (gpointer user_data)
{
  CatchUp *catch_up = user_data;
  gint64 last_seq = 0;
  gint64 n_pending = 0;

  g_assert_true (taiou_timeline_forward_status (catch_up->timeline, catch_up->key, &last_seq,
                                                &n_pending, NULL, NULL));
  return last_seq >= catch_up->wanted_seq;
}

static void
run_until (GSourceFunc condition,
           gpointer    user_data,
           guint       timeout_s)
{
  gint64 deadline = g_get_monotonic_time () + timeout_s * G_USEC_PER_SEC;

  while (!condition (user_data))
    {
      g_assert_cmpint (g_get_monotonic_time (), <, deadline);
      g_main_context_iteration (NULL, FALSE);
      g_usleep (10 * 1000);
    }
}

static gboolean
runner_has_no_error (gpointer user_data)
{
  return taiou_forward_runner_get_last_error (user_data) == NULL;
}

/* The app's runner: forwards on its own, retries with back-off through an outage, stops. */
static void
test_runner_retries_after_outage (void)
{
  g_autoptr(TaiouTestRsyslog) rsyslog = start_rsyslog_or_skip (TRUE);
  g_autoptr(TaiouForwardDestination) destination = NULL;
  g_autoptr(TaiouForwardRunner) runner = NULL;
  g_autoptr(TaiouTimeline) timeline = NULL;
  g_autoptr(TaiouIncident) incident = NULL;
  CatchUp catch_up = { 0 };

  if (rsyslog == NULL)
    return;
  timeline = taiou_test_timeline_new (NULL);
  incident = taiou_test_add_incident (timeline, "runner", 4);
  destination = destination_for (rsyslog, TRUE, rsyslog->ca_file);
  catch_up.timeline = timeline;
  catch_up.key = taiou_forward_destination_get_key (destination);

  runner = taiou_forward_runner_new (timeline);
  taiou_forward_runner_set_destination (runner, destination);
  catch_up.wanted_seq = 5;
  run_until (caught_up, &catch_up, 30);

  taiou_test_rsyslog_stop (rsyslog);
  append_notes (timeline, taiou_incident_get_id (incident), 3, "runner offline");
  taiou_forward_runner_send_now (runner);
  while (taiou_forward_runner_get_last_error (runner) == NULL)
    g_main_context_iteration (NULL, TRUE);
  g_assert_cmpuint (taiou_forward_runner_get_retry_s (runner), >=, 2);

  g_assert_true (taiou_test_rsyslog_start (rsyslog, NULL));
  catch_up.wanted_seq = 8;
  run_until (caught_up, &catch_up, 60);
  /* The round that caught up clears the error when it ends. */
  run_until (runner_has_no_error, runner, 30);

  taiou_forward_runner_stop (runner);
  assert_received_in_order (rsyslog, timeline, taiou_incident_get_id (incident), 8);
  g_free (catch_up.key);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/taiou/forward/rsyslog/tls-outage-exactly-once", test_tls_outage_exactly_once);
  g_test_add_func ("/taiou/forward/rsyslog/untrusted-certificate-refused",
                   test_untrusted_certificate_refused);
  g_test_add_func ("/taiou/forward/rsyslog/plain-tcp-when-tls-is-off",
                   test_plain_tcp_when_tls_is_off);
  g_test_add_func ("/taiou/forward/rsyslog/runner-retries-after-outage",
                   test_runner_retries_after_outage);
  return g_test_run ();
}
