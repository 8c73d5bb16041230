/* test-syslog-message.c — RFC 5424 formatting, RFC 6587 framing, and the forwarding queue */
#define G_LOG_DOMAIN "taiou-test"

#include "config.h"

#include <fcntl.h>
#include <sys/file.h>
#include <unistd.h>

#include "taiou-test-util.h"

static void
test_sd_name_rules (void)
{
  g_assert_true (taiou_syslog_is_sd_name ("seq"));
  g_assert_true (taiou_syslog_is_sd_name ("taiou@32473"));
  g_assert_true (taiou_syslog_is_sd_name ("abcdefghijklmnopqrstuvwxyz012345"));    /* 32 */
  g_assert_false (taiou_syslog_is_sd_name ("abcdefghijklmnopqrstuvwxyz0123456"));  /* 33 */
  g_assert_false (taiou_syslog_is_sd_name (""));
  g_assert_false (taiou_syslog_is_sd_name ("a=b"));
  g_assert_false (taiou_syslog_is_sd_name ("a b"));
  g_assert_false (taiou_syslog_is_sd_name ("a]"));
  g_assert_false (taiou_syslog_is_sd_name ("a\""));
  g_assert_false (taiou_syslog_is_sd_name ("ホスト"));
  g_assert_true (taiou_syslog_is_sd_name (TAIOU_SYSLOG_SD_ID));
}

static void
test_sd_value_escapes (void)
{
  g_autoptr(GString) out = g_string_new (NULL);

  /* RFC 5424 §6.3.3: '"', '\' and ']' are escaped; everything else, UTF-8 too, is kept. */
  taiou_syslog_append_sd_value (out, "a\"b\\c]d[e=f 感染");
  g_assert_cmpstr (out->str, ==, "a\\\"b\\\\c\\]d[e=f 感染");

  g_string_truncate (out, 0);
  taiou_syslog_append_sd_value (out, "bad \xff\xfe utf8");
  g_assert_true (g_utf8_validate (out->str, -1, NULL));
  g_assert_true (g_str_has_prefix (out->str, "bad "));
}

static void
test_header_fields (void)
{
  g_autoptr(GString) out = g_string_new (NULL);

  taiou_syslog_append_header_field (out, "PC-07", 255);
  g_assert_cmpstr (out->str, ==, "PC-07");
  g_string_truncate (out, 0);
  taiou_syslog_append_header_field (out, "経理 PC", 255);
  g_assert_cmpstr (out->str, ==, "___PC"); /* one per character */
  g_string_truncate (out, 0);
  taiou_syslog_append_header_field (out, "", 255);
  g_assert_cmpstr (out->str, ==, "-");
  g_string_truncate (out, 0);
  taiou_syslog_append_header_field (out, "-", 255);
  g_assert_cmpstr (out->str, ==, "_");
  g_string_truncate (out, 0);
  taiou_syslog_append_header_field (out, "import.emocheck.process.very-long-kind", 32);
  g_assert_cmpuint (out->len, ==, 32);
}

static void
test_timestamp (void)
{
  g_autoptr(GString) out = g_string_new (NULL);

  taiou_syslog_append_timestamp (out, G_GINT64_CONSTANT (1764790284123456));
  g_assert_cmpstr (out->str, ==, "2025-12-03T19:31:24.123456Z");
  g_string_truncate (out, 0);
  taiou_syslog_append_timestamp (out, 0);
  g_assert_cmpstr (out->str, ==, "1970-01-01T00:00:00.000000Z");
  g_string_truncate (out, 0);
  taiou_syslog_append_timestamp (out, G_MAXINT64);
  g_assert_cmpstr (out->str, ==, "-");
  g_string_truncate (out, 0);
  taiou_syslog_append_timestamp (out, G_MININT64);
  g_assert_cmpstr (out->str, ==, "-");
}

static TaiouEvent *
append (TaiouTimeline *timeline,
        gint64         incident_id,
        const char    *kind,
        const char    *summary)
{
  g_autoptr(GError) error = NULL;
  TaiouEvent *event = taiou_timeline_append (timeline, incident_id, kind, NULL, summary, NULL,
                                             &error);

  g_assert_no_error (error);
  return event;
}

static void
test_message_and_frame (void)
{
  g_autoptr(TaiouTimeline) timeline = taiou_test_timeline_new (NULL);
  g_autoptr(TaiouIncident) incident = taiou_test_add_incident (timeline, "形式", 0);
  g_autoptr(TaiouEvent) event = NULL;
  g_autoptr(GString) message = g_string_new (NULL);
  g_autoptr(GString) frame = g_string_new (NULL);
  g_autoptr(GString) expected = g_string_new (NULL);
  g_autofree char *prefix = NULL;
  const char *uuid = taiou_incident_get_uuid (incident);

  event = append (timeline, taiou_incident_get_id (incident), "note", "line 1\nline \"2\"]");
  taiou_syslog_append_message (message, event, uuid);

  g_string_append (expected, "<109>1 ");
  taiou_syslog_append_timestamp (expected, taiou_event_get_time_us (event));
  g_string_append_printf (expected, " %s taiou - note [taiou@32473 incident=\"%s\" seq=\"2\" "
                          "kind=\"note\" host=\"%s\" hash=\"%s\"] \xEF\xBB\xBF"
                          "line 1\nline \"2\"]",
                          taiou_event_get_host (event), uuid, taiou_event_get_host (event),
                          taiou_event_get_hash (event));
  g_assert_cmpstr (message->str, ==, expected->str);

  /* RFC 6587 §3.4.1: the octet count, a space, the message (newline and all). */
  taiou_syslog_append_frame (frame, event, uuid);
  prefix = g_strdup_printf ("%" G_GSIZE_FORMAT " ", message->len);
  g_assert_true (g_str_has_prefix (frame->str, prefix));
  g_assert_cmpstr (frame->str + strlen (prefix), ==, message->str);
}

static void
test_findings_are_warnings_and_summaries_are_capped (void)
{
  g_autoptr(TaiouTimeline) timeline = taiou_test_timeline_new (NULL);
  g_autoptr(TaiouIncident) incident = taiou_test_add_incident (timeline, "cap", 0);
  g_autoptr(TaiouEvent) finding = NULL;
  g_autoptr(TaiouEvent) long_event = NULL;
  g_autoptr(GString) out = g_string_new (NULL);
  g_autoptr(GString) summary = g_string_new (NULL);
  const char *bom;

  finding = append (timeline, taiou_incident_get_id (incident), "scan.finding", "hit");
  taiou_syslog_append_message (out, finding, "");
  g_assert_true (g_str_has_prefix (out->str, "<108>1 "));
  g_assert_nonnull (strstr (out->str, "incident=\"\""));

  /* 3-byte characters, so the cap falls inside one: it backs up to a whole character. */
  for (guint i = 0; i < 2000; i++)
    g_string_append (summary, "感");
  long_event = append (timeline, taiou_incident_get_id (incident), "note", summary->str);
  g_string_truncate (out, 0);
  taiou_syslog_append_message (out, long_event, "");
  bom = strstr (out->str, "\xEF\xBB\xBF");
  g_assert_nonnull (bom);
  g_assert_true (g_utf8_validate (out->str, -1, NULL));
  g_assert_cmpuint (strlen (bom + 3), <=, TAIOU_SYSLOG_SUMMARY_MAX + strlen ("…"));
  g_assert_true (g_str_has_suffix (out->str, "感…"));
}

static void
test_queue_in_order_and_cursor_only_moves_forward (void)
{
  g_autoptr(TaiouTimeline) timeline = taiou_test_timeline_new (NULL);
  g_autoptr(TaiouIncident) incident = taiou_test_add_incident (timeline, "queue", 9);
  g_autoptr(GPtrArray) items = NULL;
  g_autoptr(GError) error = NULL;
  gint64 last_seq = -1;
  gint64 n_pending = -1;
  gint64 sent_us = -1;

  g_assert_true (taiou_timeline_forward_status (timeline, "siem:6514", &last_seq, &n_pending,
                                                &sent_us, &error));
  g_assert_cmpint (last_seq, ==, 0);
  g_assert_cmpint (n_pending, ==, 10);
  g_assert_cmpint (sent_us, ==, 0);

  items = taiou_timeline_list_unforwarded (timeline, "siem:6514", 4, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (items->len, ==, 4);
  for (guint i = 0; i < items->len; i++)
    {
      TaiouForwardItem *item = g_ptr_array_index (items, i);

      g_assert_cmpint (taiou_event_get_seq (item->event), ==, i + 1);
      g_assert_cmpstr (item->incident_uuid, ==, taiou_incident_get_uuid (incident));
    }

  g_assert_true (taiou_timeline_mark_forwarded (timeline, "siem:6514", 4, &error));
  g_assert_true (taiou_timeline_mark_forwarded (timeline, "siem:6514", 2, &error)); /* stale */
  g_assert_no_error (error);
  g_assert_true (taiou_timeline_forward_status (timeline, "siem:6514", &last_seq, &n_pending,
                                                &sent_us, &error));
  g_assert_cmpint (last_seq, ==, 4);
  g_assert_cmpint (n_pending, ==, 6);
  g_assert_cmpint (sent_us, >, 0);

  /* Each collector has its own place in the queue. */
  g_assert_true (taiou_timeline_forward_status (timeline, "backup:514", &last_seq, &n_pending,
                                                NULL, &error));
  g_assert_cmpint (n_pending, ==, 10);

  g_clear_pointer (&items, g_ptr_array_unref);
  items = taiou_timeline_list_unforwarded (timeline, "siem:6514", 100, &error);
  g_assert_cmpuint (items->len, ==, 6);
  g_assert_cmpint (taiou_event_get_seq (((TaiouForwardItem *) items->pdata[0])->event), ==, 5);

  /* The cursor is outside the chain: the record still verifies. */
  {
    g_autoptr(TaiouTimelineVerification) verification = taiou_timeline_verify (timeline, NULL,
                                                                               &error);
    g_assert_no_error (error);
    g_assert_true (verification->intact);
  }
}

/* A database of schema 5 (before forwarding) gains the queue when opened and still verifies. */
static void
test_schema_5_database_is_migrated (void)
{
  g_autoptr(TaiouTimeline) timeline = NULL;
  g_autoptr(TaiouIncident) incident = NULL;
  g_autoptr(TaiouTimelineVerification) verification = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;
  gint64 last_seq = -1;
  gint64 n_pending = -1;

  timeline = taiou_test_timeline_new (&path);
  incident = taiou_test_add_incident (timeline, "old", 2);
  g_clear_object (&timeline);
  taiou_test_sqlite_exec (path, "DROP TABLE forward_cursor; PRAGMA user_version = 5");

  timeline = taiou_timeline_open (path, &error);
  g_assert_no_error (error);
  g_assert_true (taiou_timeline_forward_status (timeline, "siem:6514", &last_seq, &n_pending,
                                                NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpint (n_pending, ==, 3);
  g_assert_true (taiou_timeline_mark_forwarded (timeline, "siem:6514", 3, &error));
  verification = taiou_timeline_verify (timeline, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (verification->intact);
  g_assert_cmpint (verification->n_events, ==, 3);
}

/* The app and taiou-cli never send the same record at the same time (they would send the
 * same batch twice): the second waits for the first, then gives up with a clear error. */
static void
test_one_sender_at_a_time (void)
{
  g_autoptr(TaiouTimeline) timeline = taiou_test_timeline_new (NULL);
  g_autoptr(TaiouIncident) incident = taiou_test_add_incident (timeline, "lock", 1);
  g_autoptr(TaiouForwardDestination) destination = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *lock_path = g_strconcat (taiou_timeline_get_path (timeline),
                                            "-forward.lock", NULL);
  TaiouForwardReport report;
  int fd;

  /* Nothing listens on port 1 of the loopback. */
  destination = taiou_forward_destination_new ("127.0.0.1", 1, FALSE, NULL, &error);
  g_assert_no_error (error);
  destination->timeout_s = 1;

  fd = open (lock_path, O_RDWR | O_CREAT, 0600);
  g_assert_cmpint (fd, >=, 0);
  g_assert_cmpint (flock (fd, LOCK_EX), ==, 0);
  g_assert_false (taiou_forward_send_pending (timeline, destination, 0, &report, NULL, &error));
  g_assert_error (error, TAIOU_FORWARD_ERROR, TAIOU_FORWARD_ERROR_BUSY);
  g_clear_error (&error);
  g_assert_cmpint (report.n_pending, ==, 2);

  close (fd);
  g_assert_false (taiou_forward_send_pending (timeline, destination, 0, &report, NULL, &error));
  g_assert_error (error, TAIOU_FORWARD_ERROR, TAIOU_FORWARD_ERROR_CONNECT);
  g_assert_nonnull (strstr (error->message, "sent later"));
  g_assert_cmpint (report.n_pending, ==, 2);
}

static void
test_destination_validation (void)
{
  g_autoptr(TaiouForwardDestination) destination = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *key = NULL;
  const char *bad_hosts[] = { "", "  ", "a b", "host/x", "user@host", "\x01", "a\"b" };

  destination = taiou_forward_destination_new (" siem.example.co.jp ", 6514, TRUE, "", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (destination->host, ==, "siem.example.co.jp");
  g_assert_null (destination->ca_file);
  g_assert_true (destination->tls);
  key = taiou_forward_destination_get_key (destination);
  g_assert_cmpstr (key, ==, "siem.example.co.jp:6514");
  g_clear_pointer (&destination, taiou_forward_destination_free);
  g_clear_pointer (&key, g_free);

  destination = taiou_forward_destination_new ("::1", 514, FALSE, NULL, &error);
  key = taiou_forward_destination_get_key (destination);
  g_assert_cmpstr (key, ==, "[::1]:514");

  for (guint i = 0; i < G_N_ELEMENTS (bad_hosts); i++)
    {
      g_assert_null (taiou_forward_destination_new (bad_hosts[i], 6514, TRUE, NULL, &error));
      g_assert_error (error, TAIOU_FORWARD_ERROR, TAIOU_FORWARD_ERROR_INVALID);
      g_clear_error (&error);
    }
  g_assert_null (taiou_forward_destination_new ("siem", 0, TRUE, NULL, &error));
  g_assert_error (error, TAIOU_FORWARD_ERROR, TAIOU_FORWARD_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_null (taiou_forward_destination_new ("siem", 65536, TRUE, NULL, &error));
  g_assert_error (error, TAIOU_FORWARD_ERROR, TAIOU_FORWARD_ERROR_INVALID);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/taiou/forward/sd-name-rules", test_sd_name_rules);
  g_test_add_func ("/taiou/forward/sd-value-escapes", test_sd_value_escapes);
  g_test_add_func ("/taiou/forward/header-fields", test_header_fields);
  g_test_add_func ("/taiou/forward/timestamp", test_timestamp);
  g_test_add_func ("/taiou/forward/message-and-frame", test_message_and_frame);
  g_test_add_func ("/taiou/forward/findings-warn-summaries-capped",
                   test_findings_are_warnings_and_summaries_are_capped);
  g_test_add_func ("/taiou/forward/queue-in-order-cursor-forward-only",
                   test_queue_in_order_and_cursor_only_moves_forward);
  g_test_add_func ("/taiou/forward/destination-validation", test_destination_validation);
  g_test_add_func ("/taiou/forward/one-sender-at-a-time", test_one_sender_at_a_time);
  g_test_add_func ("/taiou/forward/schema-5-database-is-migrated",
                   test_schema_5_database_is_migrated);
  return g_test_run ();
}
