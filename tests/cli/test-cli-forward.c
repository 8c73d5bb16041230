/* test-cli-forward.c — `taiou-cli forward send|status|config` against a real rsyslog */
#define G_LOG_DOMAIN "test-cli"

#include "config.h"

#include <string.h>

#include "taiou-test-rsyslog.h"
#include "taiou-test-util.h"

#define run_cli(...) taiou_test_run_cli ("C.UTF-8", __VA_ARGS__)

static void
test_send_and_status (void)
{
  g_autoptr(TaiouTestRsyslog) rsyslog = NULL;
  g_autoptr(TaiouTimeline) timeline = NULL;
  g_autoptr(TaiouIncident) incident = NULL;
  g_autoptr(TaiouTestCliResult) send = NULL;
  g_autoptr(TaiouTestCliResult) again = NULL;
  g_autoptr(TaiouTestCliResult) status = NULL;
  g_autoptr(TaiouTestCliResult) refused = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *db = NULL;
  g_autofree char *port = NULL;
  g_auto(GStrv) lines = NULL;

  rsyslog = taiou_test_rsyslog_new (TRUE, &error);
  if (rsyslog == NULL || !taiou_test_rsyslog_start (rsyslog, &error))
    {
      g_printerr ("\n*** RSYSLOG NOT AVAILABLE — taiou-cli forward NOT TESTED: %s ***\n\n",
                  error->message);
      g_test_skip ("rsyslog cannot be started");
      return;
    }
  port = g_strdup_printf ("%u", rsyslog->port);
  timeline = taiou_test_timeline_new (&db);
  incident = taiou_test_add_incident (timeline, "CLI", 5);

  /* The system's store does not trust the test CA: refused, nothing sent, exit 2. */
  refused = run_cli ("--db", db, "forward", "send", "--host", "127.0.0.1", "--port", port, NULL);
  g_assert_cmpint (refused->status, ==, 2);
  g_assert_nonnull (strstr (refused->err, "certificate is not trusted"));
  g_assert_nonnull (strstr (refused->out, "Sent 0 events"));
  g_assert_nonnull (strstr (refused->out, "6 pending"));

  send = run_cli ("--db", db, "forward", "send", "--host", "127.0.0.1", "--port", port,
                  "--ca-file", rsyslog->ca_file, NULL);
  g_assert_cmpint (send->status, ==, 0);
  g_assert_nonnull (strstr (send->out, "Sent 6 events"));
  g_assert_nonnull (strstr (send->out, "0 pending"));

  again = run_cli ("--db", db, "forward", "send", "--host", "127.0.0.1", "--port", port,
                   "--ca-file", rsyslog->ca_file, NULL);
  g_assert_cmpint (again->status, ==, 0);
  g_assert_nonnull (strstr (again->out, "Sent 0 events"));

  status = run_cli ("--db", db, "--json", "forward", "status", "--host", "127.0.0.1", "--port",
                    port, NULL);
  g_assert_cmpint (status->status, ==, 0);
  g_assert_nonnull (strstr (status->out, "\"last_seq\":6"));
  g_assert_nonnull (strstr (status->out, "\"pending\":0"));

  lines = taiou_test_rsyslog_wait_lines (rsyslog, rsyslog->raw_log, 6);
  g_assert_cmpuint (g_strv_length (lines), ==, 6);
}

static void
test_usage_errors (void)
{
  g_autoptr(TaiouTestCliResult) no_host = NULL;
  g_autoptr(TaiouTestCliResult) both = NULL;
  g_autoptr(TaiouTestCliResult) bad_port = NULL;
  g_autoptr(TaiouTestCliResult) unknown = NULL;
  g_autofree char *db = taiou_test_db_path ();

  no_host = run_cli ("--db", db, "forward", "send", NULL);
  g_assert_cmpint (no_host->status, ==, 2);
  g_assert_nonnull (strstr (no_host->err, "No syslog collector is set"));

  both = run_cli ("--db", db, "forward", "send", "--host", "h", "--tls", "--no-tls", NULL);
  g_assert_cmpint (both->status, ==, 2);

  bad_port = run_cli ("--db", db, "forward", "send", "--host", "h", "--port", "70000", NULL);
  g_assert_cmpint (bad_port->status, ==, 2);
  g_assert_nonnull (strstr (bad_port->err, "is not a TCP port"));

  unknown = run_cli ("--db", db, "forward", "resend", NULL);
  g_assert_cmpint (unknown->status, ==, 2);
  g_assert_nonnull (strstr (unknown->err, "usage: taiou-cli forward"));
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/taiou/cli/forward/send-and-status", test_send_and_status);
  g_test_add_func ("/taiou/cli/forward/usage-errors", test_usage_errors);
  return g_test_run ();
}
