/* test-checkpoint.c — signed checkpoints: the key, the C2SP text, and holding the record to one */
#define G_LOG_DOMAIN "test-checkpoint"

#include "config.h"

#include <glib/gstdio.h>
#include <string.h>
#include <sys/stat.h>

#include "taiou-test-rechain.h"
#include "taiou-test-util.h"

static TaiouCheckpointKey *
own_key (void)
{
  g_autofree char *path = taiou_checkpoint_key_get_default_path ();
  g_autoptr(GError) error = NULL;
  TaiouCheckpointKey *key = taiou_checkpoint_key_load_or_create (path, &error);

  g_assert_no_error (error);
  g_assert_nonnull (key);
  return key;
}

static TaiouCheckpoint *
issue (TaiouTimeline      *timeline,
       TaiouCheckpointKey *key,
       TaiouIncident      *incident)
{
  g_autoptr(GError) error = NULL;
  TaiouCheckpoint *checkpoint = taiou_checkpoint_issue (timeline, key, incident, "警視庁 佐藤",
                                                        NULL, &error);

  g_assert_no_error (error);
  g_assert_nonnull (checkpoint);
  return checkpoint;
}

/* What the holder of the checkpoint does: read the text they kept, hold the record to it. */
static TaiouCheckpointCheck *
check (TaiouTimeline      *timeline,
       TaiouCheckpointKey *key,
       const char         *text)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TaiouCheckpoint) kept = taiou_checkpoint_parse (text, strlen (text), &error);
  TaiouCheckpointCheck *result;

  g_assert_no_error (error);
  result = taiou_checkpoint_check_record (timeline, key, kept, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (result);
  return result;
}

static void
test_key_made_once_private (void)
{
  g_autofree char *path = taiou_checkpoint_key_get_default_path ();
  g_autofree char *folder = g_path_get_dirname (path);
  g_autoptr(TaiouCheckpointKey) first = own_key ();
  g_autoptr(TaiouCheckpointKey) again = own_key ();
  g_autofree char *fingerprint = taiou_checkpoint_key_dup_fingerprint (first);
  g_autofree char *expected = NULL;
  GStatBuf st;

  g_assert_cmpmem (taiou_checkpoint_key_get_public (first), TAIOU_CHECKPOINT_PUBLIC_KEY_LEN,
                   taiou_checkpoint_key_get_public (again), TAIOU_CHECKPOINT_PUBLIC_KEY_LEN);
  g_assert_true (taiou_checkpoint_key_can_sign (again));

  g_assert_cmpint (g_stat (path, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0600);
  g_assert_cmpint (g_stat (folder, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0077, ==, 0);

  /* SHA-256 of the raw public key, in 16 groups of four hex digits. */
  expected = g_compute_checksum_for_data (G_CHECKSUM_SHA256,
                                          taiou_checkpoint_key_get_public (first),
                                          TAIOU_CHECKPOINT_PUBLIC_KEY_LEN);
  g_assert_cmpuint (strlen (fingerprint), ==, 64 + 15);
  g_assert_true (strncmp (fingerprint, expected, 4) == 0 && fingerprint[4] == ' ');
  g_assert_true (strncmp (fingerprint + 75, expected + 60, 4) == 0);
  g_assert_true (g_str_has_prefix (taiou_checkpoint_key_get_name (first), "taiou/"));
  g_assert_true (strncmp (taiou_checkpoint_key_get_name (first) + 6, expected, 16) == 0);
}

static void
test_damaged_key_file_refused (void)
{
  g_autofree char *path = g_build_filename (g_get_user_data_dir (), "bad-key.pem", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(TaiouCheckpointKey) key = NULL;

  g_assert_cmpint (g_mkdir_with_parents (g_get_user_data_dir (), 0700), ==, 0);
  g_assert_true (g_file_set_contents (path, "-----BEGIN PRIVATE KEY-----\nAAAA\n", -1, NULL));
  key = taiou_checkpoint_key_load_or_create (path, &error);
  g_assert_null (key);
  g_assert_error (error, TAIOU_CHECKPOINT_ERROR, TAIOU_CHECKPOINT_ERROR_KEY);
}

/* The text is a C2SP tlog-checkpoint in a signed note, with the key ID signed-note recommends. */
static void
test_text_follows_c2sp (void)
{
  g_autoptr(TaiouTimeline) timeline = taiou_test_timeline_new (NULL);
  g_autoptr(TaiouIncident) incident = taiou_test_add_incident (timeline, "感染の疑い", 3);
  g_autoptr(TaiouCheckpointKey) key = own_key ();
  g_autoptr(TaiouCheckpoint) checkpoint = issue (timeline, key, incident);
  g_autoptr(TaiouCheckpoint) parsed = NULL;
  g_autoptr(TaiouTimelineVerification) verification = NULL;
  g_autoptr(GChecksum) checksum = g_checksum_new (G_CHECKSUM_SHA256);
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) lines = g_strsplit (checkpoint->text, "\n", -1);
  g_autofree guchar *signature = NULL;
  g_autofree char *root = NULL;
  guint8 digest[32];
  gsize digest_length = sizeof digest;
  gsize signature_length = 0;
  const char *name = taiou_checkpoint_key_get_name (key);
  const char *last_signature_line;
  guint n = g_strv_length (lines);

  verification = taiou_timeline_verify (timeline, NULL, &error);
  g_assert_no_error (error);
  root = g_base64_encode (checkpoint->root_hash, 32);

  g_assert_cmpstr (lines[0], ==, name);
  g_assert_cmpstr (lines[1], ==, "4");
  g_assert_cmpstr (lines[2], ==, root);
  {
    g_autofree char *root_hex = taiou_checkpoint_dup_root_hex (checkpoint);
    g_assert_cmpstr (root_hex, ==, verification->head_hash);
  }
  g_assert_true (g_str_has_prefix (lines[3], "database "));
  g_assert_true (g_str_has_prefix (lines[4], "incident 1 "));
  g_assert_true (g_str_has_suffix (lines[4], " 4"));
  g_assert_true (g_str_has_prefix (lines[5], "time "));
  g_assert_cmpstr (lines[6], ==, "to 警視庁 佐藤");
  g_assert_cmpstr (lines[7], ==, "");
  last_signature_line = lines[8];
  g_assert_cmpstr (lines[n - 1], ==, "");
  g_assert_cmpuint (n, ==, 10);

  /* — name base64(key ID ‖ 64-byte Ed25519 signature) */
  g_assert_true (g_str_has_prefix (last_signature_line, "\xe2\x80\x94 "));
  g_assert_true (strncmp (last_signature_line + 4, name, strlen (name)) == 0);
  signature = g_base64_decode (last_signature_line + 4 + strlen (name) + 1, &signature_length);
  g_assert_cmpuint (signature_length, ==, 4 + 64);
  g_checksum_update (checksum, (const guchar *) name, strlen (name));
  g_checksum_update (checksum, (const guchar *) "\n\x01", 2);
  g_checksum_update (checksum, taiou_checkpoint_key_get_public (key), 32);
  g_checksum_get_digest (checksum, digest, &digest_length);
  g_assert_cmpmem (signature, 4, digest, 4);

  parsed = taiou_checkpoint_parse (checkpoint->text, strlen (checkpoint->text), &error);
  g_assert_no_error (error);
  g_assert_cmpint (parsed->tree_size, ==, 4);
  g_assert_cmpmem (parsed->root_hash, 32, checkpoint->root_hash, 32);
  g_assert_cmpint (parsed->incident_id, ==, taiou_incident_get_id (incident));
  g_assert_cmpstr (parsed->incident_uuid, ==, taiou_incident_get_uuid (incident));
  g_assert_cmpint (parsed->incident_events, ==, 4);
  g_assert_cmpstr (parsed->issued_to, ==, "警視庁 佐藤");
  g_assert_cmpint (parsed->time_us / G_USEC_PER_SEC, ==, checkpoint->time_us / G_USEC_PER_SEC);
  g_assert_true (taiou_checkpoint_check_signature (parsed, key, &error));
  g_assert_no_error (error);
}

static void
test_append_after_still_holds (void)
{
  g_autoptr(TaiouTimeline) timeline = taiou_test_timeline_new (NULL);
  g_autoptr(TaiouIncident) incident = taiou_test_add_incident (timeline, "one", 2);
  g_autoptr(TaiouCheckpointKey) key = own_key ();
  g_autoptr(TaiouCheckpoint) checkpoint = issue (timeline, key, incident);
  g_autoptr(TaiouIncident) other = taiou_test_add_incident (timeline, "two", 5);
  g_autoptr(TaiouCheckpointCheck) result = check (timeline, key, checkpoint->text);

  g_assert_cmpint (result->verdict, ==, TAIOU_CHECKPOINT_HELD);
  g_assert_null (result->problem);
  g_assert_cmpint (result->covered, ==, 3);
  g_assert_cmpint (result->n_events_now, ==, 9);
}

/* The gap a chain alone cannot close: edit a row, recompute every hash after it. */
static void
test_rewrite_and_rechain_detected (void)
{
  g_autofree char *path = NULL;
  g_autoptr(TaiouTimeline) timeline = taiou_test_timeline_new (&path);
  g_autoptr(TaiouIncident) incident = taiou_test_add_incident (timeline, "one", 4);
  g_autoptr(TaiouCheckpointKey) key = own_key ();
  g_autoptr(TaiouCheckpoint) checkpoint = issue (timeline, key, incident);
  g_autoptr(TaiouIncident) later = taiou_test_add_incident (timeline, "later", 1);
  g_autoptr(TaiouTimeline) reopened = NULL;
  g_autoptr(TaiouTimelineVerification) verification = NULL;
  g_autoptr(TaiouCheckpointCheck) result = NULL;
  g_autoptr(GError) error = NULL;

  g_clear_object (&timeline);
  taiou_test_rewrite_and_rechain (path, 3, "nothing happened");

  reopened = taiou_timeline_open (path, &error);
  g_assert_no_error (error);
  /* The chain on its own is fooled … */
  verification = taiou_timeline_verify (reopened, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (verification->intact);
  /* … the checkpoint is not. */
  result = check (reopened, key, checkpoint->text);
  g_assert_cmpint (result->verdict, ==, TAIOU_CHECKPOINT_REWRITTEN);
  g_assert_cmpint (result->first_unlinked_seq, ==, 0);
  g_assert_nonnull (strstr (result->problem, "rewritten"));
  g_assert_nonnull (strstr (result->problem, "recomputed"));
}

/* An edit after the checkpoint's events does not touch what it covered. */
static void
test_rewrite_after_covered_events_holds (void)
{
  g_autofree char *path = NULL;
  g_autoptr(TaiouTimeline) timeline = taiou_test_timeline_new (&path);
  g_autoptr(TaiouIncident) incident = taiou_test_add_incident (timeline, "one", 1);
  g_autoptr(TaiouCheckpointKey) key = own_key ();
  g_autoptr(TaiouCheckpoint) checkpoint = issue (timeline, key, incident);
  g_autoptr(TaiouIncident) later = taiou_test_add_incident (timeline, "later", 2);
  g_autoptr(TaiouCheckpointCheck) result = NULL;

  taiou_test_rewrite_and_rechain (path, 5, "edited later");
  result = check (timeline, key, checkpoint->text);
  g_assert_cmpint (result->verdict, ==, TAIOU_CHECKPOINT_HELD);
}

static void
test_edit_without_rechain_detected (void)
{
  g_autofree char *path = NULL;
  g_autoptr(TaiouTimeline) timeline = taiou_test_timeline_new (&path);
  g_autoptr(TaiouIncident) incident = taiou_test_add_incident (timeline, "one", 3);
  g_autoptr(TaiouCheckpointKey) key = own_key ();
  g_autoptr(TaiouCheckpoint) checkpoint = issue (timeline, key, incident);
  g_autoptr(TaiouCheckpointCheck) result = NULL;
  g_autoptr(TaiouCheckpoint) refused = NULL;
  g_autoptr(GError) error = NULL;

  taiou_test_sqlite_exec (path, "UPDATE events SET summary = 'x' WHERE seq = 2");
  result = check (timeline, key, checkpoint->text);
  g_assert_cmpint (result->verdict, ==, TAIOU_CHECKPOINT_REWRITTEN);
  g_assert_cmpint (result->first_unlinked_seq, ==, 2);
  g_assert_nonnull (strstr (result->problem, "broken"));

  /* No new checkpoint vouches for a broken record. */
  refused = taiou_checkpoint_issue (timeline, key, incident, NULL, NULL, &error);
  g_assert_null (refused);
  g_assert_error (error, TAIOU_CHECKPOINT_ERROR, TAIOU_CHECKPOINT_ERROR_DAMAGED);
}

static void
test_truncated_detected (void)
{
  g_autofree char *path = NULL;
  g_autoptr(TaiouTimeline) timeline = taiou_test_timeline_new (&path);
  g_autoptr(TaiouIncident) incident = taiou_test_add_incident (timeline, "one", 5);
  g_autoptr(TaiouCheckpointKey) key = own_key ();
  g_autoptr(TaiouCheckpoint) checkpoint = issue (timeline, key, incident);
  g_autoptr(TaiouCheckpointCheck) result = NULL;
  g_autoptr(TaiouTimelineVerification) verification = NULL;

  taiou_test_sqlite_exec (path, "DELETE FROM events WHERE seq > 4");
  /* The chain itself cannot see its newest events go. */
  verification = taiou_timeline_verify (timeline, NULL, NULL);
  g_assert_true (verification->intact);

  result = check (timeline, key, checkpoint->text);
  g_assert_cmpint (result->verdict, ==, TAIOU_CHECKPOINT_TRUNCATED);
  g_assert_cmpint (result->covered, ==, 6);
  g_assert_cmpint (result->n_events_now, ==, 4);
  g_assert_nonnull (strstr (result->problem, "cut short"));
}

static void
test_wrong_key_refused (void)
{
  g_autoptr(TaiouTimeline) timeline = taiou_test_timeline_new (NULL);
  g_autoptr(TaiouIncident) incident = taiou_test_add_incident (timeline, "one", 1);
  g_autoptr(TaiouCheckpointKey) key = own_key ();
  g_autofree char *other_path = g_build_filename (g_get_user_data_dir (), "other.pem", NULL);
  g_autoptr(TaiouCheckpointKey) other = taiou_checkpoint_key_load_or_create (other_path, NULL);
  g_autoptr(TaiouCheckpoint) checkpoint = issue (timeline, other, incident);
  g_autoptr(TaiouCheckpoint) kept = NULL;
  g_autoptr(TaiouCheckpointCheck) result = NULL;
  g_autoptr(TaiouCheckpointKey) public_only = NULL;
  g_autoptr(GError) error = NULL;

  kept = taiou_checkpoint_parse (checkpoint->text, strlen (checkpoint->text), &error);
  g_assert_no_error (error);
  result = taiou_checkpoint_check_record (timeline, key, kept, NULL, &error);
  g_assert_null (result);
  g_assert_error (error, TAIOU_CHECKPOINT_ERROR, TAIOU_CHECKPOINT_ERROR_WRONG_KEY);
  g_assert_nonnull (strstr (error->message, taiou_checkpoint_key_get_name (other)));
  g_clear_error (&error);

  /* With the other installation's public key (--key), it holds. */
  public_only = taiou_checkpoint_key_new_from_public (taiou_checkpoint_key_get_public (other),
                                                      TAIOU_CHECKPOINT_PUBLIC_KEY_LEN, &error);
  g_assert_no_error (error);
  g_assert_false (taiou_checkpoint_key_can_sign (public_only));
  result = taiou_checkpoint_check_record (timeline, public_only, kept, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (result->verdict, ==, TAIOU_CHECKPOINT_HELD);
}

/* Someone edits the kept text to match a rewritten record: the signature gives it away. */
static void
test_altered_text_bad_signature (void)
{
  g_autoptr(TaiouTimeline) timeline = taiou_test_timeline_new (NULL);
  g_autoptr(TaiouIncident) incident = taiou_test_add_incident (timeline, "one", 3);
  g_autoptr(TaiouCheckpointKey) key = own_key ();
  g_autoptr(TaiouCheckpoint) checkpoint = issue (timeline, key, incident);
  g_autoptr(TaiouCheckpoint) kept = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *altered = g_strdup (checkpoint->text);
  char *size = strchr (altered, '\n') + 1;

  g_assert_cmpint (size[0], ==, '4');
  size[0] = '2';
  kept = taiou_checkpoint_parse (altered, strlen (altered), &error);
  g_assert_no_error (error);
  g_assert_false (taiou_checkpoint_check_signature (kept, key, &error));
  g_assert_error (error, TAIOU_CHECKPOINT_ERROR, TAIOU_CHECKPOINT_ERROR_BAD_SIGNATURE);
}

static void
assert_refused (const char *text,
                gsize       length,
                int         code)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TaiouCheckpoint) checkpoint = taiou_checkpoint_parse (text, length, &error);

  if (checkpoint != NULL)
    g_error ("accepted: %s", text);
  g_assert_error (error, TAIOU_CHECKPOINT_ERROR, code);
  g_assert_nonnull (error->message);
}

static void
test_hostile_files (void)
{
  g_autoptr(TaiouTimeline) timeline = taiou_test_timeline_new (NULL);
  g_autoptr(TaiouIncident) incident = taiou_test_add_incident (timeline, "one", 0);
  g_autoptr(TaiouCheckpointKey) key = own_key ();
  g_autoptr(TaiouCheckpoint) checkpoint = issue (timeline, key, incident);
  g_autofree char *large = g_strnfill (TAIOU_CHECKPOINT_MAX_SIZE + 1, 'a');
  g_autofree char *large_path = g_build_filename (g_get_user_data_dir (), "large.txt", NULL);
  g_autofree char *crlf = NULL;
  g_autofree char *root = g_base64_encode (checkpoint->root_hash, 32);
  g_autoptr(GString) many = g_string_new (NULL);
  g_autoptr(GError) error = NULL;
  const char *sig = strstr (checkpoint->text, "\n\n") + 2;
  static const char * const bodies[] = {
    "",                                   /* nothing */
    "a\n1\n",                             /* no blank line, no signature */
    "a\n1\nAAAA\n\n",                     /* no signature */
    "\n1\n@R\n\n@S",                      /* empty origin */
    "a\n01\n@R\n\n@S",                    /* leading zero */
    "a\n-1\n@R\n\n@S",                    /* sign */
    "a\n99999999999999999999\n@R\n\n@S",  /* too large a number */
    "a\n1\nnot base64!!\n\n@S",           /* bad base64 */
    "a\n1\nAAAA\n\n@S",                   /* base64, but not 32 bytes */
    "a\n1\n@R\n\n\n@S",                   /* empty extension line */
    "a\n1\n@R\nincident x y z\n\n@S",     /* bad incident line */
    "a\n1\n@R\ndatabase 12\n\n@S",        /* bad database line */
    "a\n1\n@R\ntime yesterday\n\n@S",     /* bad time */
    "a\n1\n@R\n\n- a AAAA\n",             /* not an em dash */
    "a\n1\n@R\n\n\xe2\x80\x94 a b c\n",   /* three words */
    "a\n1\n@R\n\n\xe2\x80\x94 a+b QUJDRA==\n",  /* a plus in the key name */
    "a\n1\n@R\n\n\xe2\x80\x94 a ****\n",  /* signature not base64 */
  };

  for (guint i = 0; i < G_N_ELEMENTS (bodies); i++)
    {
      g_autoptr(GString) text = g_string_new (bodies[i]);

      g_string_replace (text, "@R", root, 0);
      g_string_replace (text, "@S", sig, 0);
      assert_refused (text->str, text->len, TAIOU_CHECKPOINT_ERROR_MALFORMED);
    }

  /* A non-canonical base64 root (unused bits set) is refused, not read as another hash. */
  {
    g_autofree char *bad = g_strdup (checkpoint->text);
    char *third = strchr (strchr (bad, '\n') + 1, '\n') + 1;
    char *pad = strchr (third, '=');

    g_assert_nonnull (pad);
    pad[-1] = pad[-1] == 'A' ? 'B' : pad[-1] == 'E' ? 'F' : (char) (pad[-1] ^ 1);
    assert_refused (bad, strlen (bad), TAIOU_CHECKPOINT_ERROR_MALFORMED);
  }

  assert_refused ("a\n1\0\n", 5, TAIOU_CHECKPOINT_ERROR_MALFORMED);
  assert_refused ("a\xff\n1\n", 5, TAIOU_CHECKPOINT_ERROR_MALFORMED);
  crlf = g_strjoinv ("\r\n", (GStrv) (const char *[]) { "a", "1", "", NULL });
  assert_refused (crlf, strlen (crlf), TAIOU_CHECKPOINT_ERROR_MALFORMED);
  assert_refused (large, strlen (large), TAIOU_CHECKPOINT_ERROR_TOO_LARGE);

  /* More than 16 signature lines */
  g_string_append_printf (many, "a\n1\n%s\n\n", root);
  for (guint i = 0; i < 17; i++)
    g_string_append (many, sig);
  assert_refused (many->str, many->len, TAIOU_CHECKPOINT_ERROR_MALFORMED);

  /* A file past the cap is not read whole. */
  g_assert_true (g_file_set_contents (large_path, large, -1, NULL));
  g_assert_null (taiou_checkpoint_read_file (large_path, &error));
  g_assert_error (error, TAIOU_CHECKPOINT_ERROR, TAIOU_CHECKPOINT_ERROR_TOO_LARGE);
  g_clear_error (&error);
  g_assert_null (taiou_checkpoint_read_file ("/nonexistent/checkpoint.txt", &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND);
  g_clear_error (&error);

  /* A recipient's name cannot break the text into lines. */
  g_assert_null (taiou_checkpoint_issue (timeline, key, incident, "a\nb", NULL, &error));
  g_assert_error (error, TAIOU_CHECKPOINT_ERROR, TAIOU_CHECKPOINT_ERROR_MALFORMED);
}

static void
test_recorded_as_event (void)
{
  g_autoptr(TaiouTimeline) timeline = taiou_test_timeline_new (NULL);
  g_autoptr(TaiouCase) case_at_hand = taiou_test_case_with_incident (timeline);
  TaiouIncident *incident = taiou_case_get_incident (case_at_hand);
  g_autoptr(TaiouCheckpointKey) key = own_key ();
  g_autoptr(TaiouCheckpoint) checkpoint = issue (timeline, key, incident);
  g_autoptr(GPtrArray) events = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  TaiouEvent *last;
  JsonObject *detail;

  g_assert_true (taiou_case_record_checkpoint (case_at_hand, incident, checkpoint,
                                               "/somewhere/cp.txt", &error));
  g_assert_no_error (error);
  events = taiou_timeline_list_events (timeline, taiou_incident_get_id (incident), &error);
  g_assert_no_error (error);
  last = events->pdata[events->len - 1];
  g_assert_cmpstr (taiou_event_get_kind (last), ==, TAIOU_EVENT_CHECKPOINT_ISSUED);
  g_assert_nonnull (strstr (taiou_event_get_summary (last), "警視庁 佐藤"));
  g_assert_true (json_parser_load_from_data (parser, taiou_event_get_detail (last), -1, NULL));
  detail = json_node_get_object (json_parser_get_root (parser));
  g_assert_cmpstr (json_object_get_string_member (detail, TAIOU_EVENT_DETAIL_CHECKPOINT), ==,
                   checkpoint->text);
  g_assert_cmpstr (json_object_get_string_member (detail, TAIOU_EVENT_DETAIL_FILE), ==,
                   "cp.txt");
  g_assert_cmpint (json_object_get_int_member (detail, TAIOU_EVENT_DETAIL_TREE_SIZE), ==, 1);
  g_assert_cmpstr (taiou_event_kind_get_label (TAIOU_EVENT_CHECKPOINT_ISSUED), !=,
                   TAIOU_EVENT_CHECKPOINT_ISSUED);
}

static void
test_issue_async_records (void)
{
  g_autoptr(TaiouTimeline) timeline = taiou_test_timeline_new (NULL);
  g_autoptr(TaiouCase) case_at_hand = taiou_test_case_with_incident (timeline);
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(TaiouCheckpoint) checkpoint = NULL;
  g_autoptr(GPtrArray) events = NULL;
  g_autoptr(GError) error = NULL;
  TaiouIncident *incident = taiou_case_get_incident (case_at_hand);

  taiou_case_issue_checkpoint_async (case_at_hand, incident, NULL, NULL,
                                     taiou_test_store_result, &result);
  while (result == NULL)
    g_main_context_iteration (NULL, TRUE);
  checkpoint = taiou_case_issue_checkpoint_finish (case_at_hand, result, &error);
  g_assert_no_error (error);
  g_assert_cmpint (checkpoint->tree_size, ==, 1);
  events = taiou_timeline_list_events (timeline, taiou_incident_get_id (incident), &error);
  g_assert_cmpuint (events->len, ==, 2);
  g_assert_cmpstr (taiou_event_get_kind (events->pdata[1]), ==, TAIOU_EVENT_CHECKPOINT_ISSUED);
}


static void
test_qr_code (void)
{
  g_autoptr(TaiouQr) qr = taiou_qr_encode ("taiou/0123456789abcdef\n1\n", NULL);
  g_autofree char *svg = NULL;
  g_autofree char *long_text = g_strnfill (4000, 'x');
  g_auto(GStrv) modules = NULL;
  g_autoptr(GError) error = NULL;
  guint n_dark = 0;

  g_assert_nonnull (qr);
  /* Version 1 (21 modules) to 40 (177), a square of dark and light modules. */
  g_assert_cmpint (qr->width, >=, 21);
  g_assert_cmpint ((qr->width - 17) % 4, ==, 0);
  for (int i = 0; i < qr->width * qr->width; i++)
    n_dark += qr->dark[i];
  /* The three finder patterns' top-left corners are dark. */
  g_assert_true (qr->dark[0] && qr->dark[qr->width - 1] && qr->dark[(qr->width - 1) * qr->width]);

  svg = taiou_qr_to_svg (qr, "<QR & code>");
  g_assert_true (g_str_has_prefix (svg, "<svg "));
  g_assert_nonnull (strstr (svg, "<title>&lt;QR &amp; code&gt;</title>"));
  modules = g_strsplit (svg, "h1v1h-1z", -1);
  g_assert_cmpuint (g_strv_length (modules) - 1, ==, n_dark);

  g_assert_null (taiou_qr_encode (long_text, &error));
  g_assert_error (error, TAIOU_CHECKPOINT_ERROR, TAIOU_CHECKPOINT_ERROR_TOO_LARGE);
}

/* The report prints the incident's newest checkpoint, text and QR code; a checkpoint text that
 * was edited in the database into something unreadable is left out. */
static void
test_report_prints_newest_checkpoint (void)
{
  g_autofree char *path = NULL;
  g_autoptr(TaiouTimeline) timeline = taiou_test_timeline_new (&path);
  g_autoptr(TaiouCase) case_at_hand = taiou_test_case_with_incident (timeline);
  TaiouIncident *incident = taiou_case_get_incident (case_at_hand);
  g_autoptr(TaiouCheckpointKey) key = own_key ();
  g_autoptr(TaiouCheckpoint) first = issue (timeline, key, incident);
  g_autoptr(TaiouCheckpoint) second = NULL;
  g_autofree char *html_path = g_build_filename (g_get_user_data_dir (), "r.html", NULL);
  g_autofree char *pdf_path = g_build_filename (g_get_user_data_dir (), "r.pdf", NULL);
  g_autofree char *html = NULL;
  g_autofree char *escaped = NULL;
  g_autoptr(GError) error = NULL;
  gint64 id = taiou_incident_get_id (incident);

  g_assert_true (taiou_case_record_checkpoint (case_at_hand, incident, first, NULL, &error));
  second = issue (timeline, key, incident);
  g_assert_true (taiou_case_record_checkpoint (case_at_hand, incident, second, NULL, &error));
  g_assert_no_error (error);

  g_assert_true (taiou_export_incident_to_path (timeline, id, TAIOU_EXPORT_FORMAT_REPORT_HTML,
                                                html_path, NULL, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_get_contents (html_path, &html, NULL, NULL));
  g_assert_nonnull (strstr (html, "署名付きチェックポイント"));
  escaped = g_markup_escape_text (second->text, -1);
  g_assert_nonnull (strstr (html, escaped));
  g_assert_nonnull (strstr (html, "<svg "));
  g_assert_true (taiou_export_incident_to_path (timeline, id, TAIOU_EXPORT_FORMAT_REPORT_PDF,
                                                pdf_path, NULL, NULL, &error));
  g_assert_no_error (error);

  /* Edited into nonsense: not printed, the report is still made. */
  g_clear_pointer (&html, g_free);
  taiou_test_sqlite_exec (path, "UPDATE events SET detail = json_set (detail, '$.checkpoint', "
                                "'<script>') WHERE kind = 'checkpoint.issued'");
  g_assert_true (taiou_export_incident_to_path (timeline, id, TAIOU_EXPORT_FORMAT_REPORT_HTML,
                                                html_path, NULL, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_get_contents (html_path, &html, NULL, NULL));
  g_assert_null (strstr (html, "署名付きチェックポイント"));
}

/* A damaged stored hash column with every event's content intact: the content is what the
 * checkpoint vouches for, so it holds, and the damage is still reported. */
static void
test_damaged_hash_column_content_holds (void)
{
  g_autofree char *path = NULL;
  g_autoptr(TaiouTimeline) timeline = taiou_test_timeline_new (&path);
  g_autoptr(TaiouIncident) incident = taiou_test_add_incident (timeline, "one", 7);
  g_autoptr(TaiouCheckpointKey) key = own_key ();
  g_autoptr(TaiouCheckpoint) checkpoint = issue (timeline, key, incident);
  g_autoptr(TaiouCheckpointCheck) result = NULL;

  /* Event #4 starts the second half of a walk of 8 in two halves. */
  taiou_test_sqlite_exec (path, "UPDATE events SET prev_hash = 'garbage' WHERE seq = 4");
  result = check (timeline, key, checkpoint->text);
  g_assert_cmpint (result->verdict, ==, TAIOU_CHECKPOINT_HELD);
  g_assert_cmpint (result->first_unlinked_seq, ==, 4);
}

/* The same cases, with every walk split in two halves running at once. */
static void
in_two_halves (gconstpointer data)
{
  GTestFunc func = (GTestFunc) data;

  g_setenv ("TAIOU_VERIFY_PARALLEL_MIN", "2", TRUE);
  func ();
  g_unsetenv ("TAIOU_VERIFY_PARALLEL_MIN");
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/taiou/checkpoint/key-made-once-private", test_key_made_once_private);
  g_test_add_func ("/taiou/checkpoint/damaged-key-file-refused", test_damaged_key_file_refused);
  g_test_add_func ("/taiou/checkpoint/text-follows-c2sp", test_text_follows_c2sp);
  g_test_add_func ("/taiou/checkpoint/append-after-still-holds", test_append_after_still_holds);
  g_test_add_func ("/taiou/checkpoint/rewrite-and-rechain-detected",
                   test_rewrite_and_rechain_detected);
  g_test_add_func ("/taiou/checkpoint/rewrite-after-covered-events-holds",
                   test_rewrite_after_covered_events_holds);
  g_test_add_func ("/taiou/checkpoint/edit-without-rechain-detected",
                   test_edit_without_rechain_detected);
  g_test_add_func ("/taiou/checkpoint/truncated-detected", test_truncated_detected);
  g_test_add_func ("/taiou/checkpoint/wrong-key-refused", test_wrong_key_refused);
  g_test_add_func ("/taiou/checkpoint/altered-text-bad-signature",
                   test_altered_text_bad_signature);
  g_test_add_func ("/taiou/checkpoint/hostile-files", test_hostile_files);
  g_test_add_func ("/taiou/checkpoint/recorded-as-event", test_recorded_as_event);
  g_test_add_func ("/taiou/checkpoint/issue-async-records", test_issue_async_records);

  g_test_add_func ("/taiou/checkpoint/damaged-hash-column-content-holds",
                   test_damaged_hash_column_content_holds);
  g_test_add_data_func ("/taiou/checkpoint/two-halves/append-after-still-holds",
                        test_append_after_still_holds, in_two_halves);
  g_test_add_data_func ("/taiou/checkpoint/two-halves/rewrite-and-rechain-detected",
                        test_rewrite_and_rechain_detected, in_two_halves);
  g_test_add_data_func ("/taiou/checkpoint/two-halves/rewrite-after-covered-events-holds",
                        test_rewrite_after_covered_events_holds, in_two_halves);
  g_test_add_data_func ("/taiou/checkpoint/two-halves/edit-without-rechain-detected",
                        test_edit_without_rechain_detected, in_two_halves);
  g_test_add_data_func ("/taiou/checkpoint/two-halves/truncated-detected",
                        test_truncated_detected, in_two_halves);
  g_test_add_data_func ("/taiou/checkpoint/two-halves/damaged-hash-column-content-holds",
                        test_damaged_hash_column_content_holds, in_two_halves);
  g_test_add_func ("/taiou/checkpoint/qr-code", test_qr_code);
  g_test_add_func ("/taiou/checkpoint/report-prints-newest-checkpoint",
                   test_report_prints_newest_checkpoint);

  return g_test_run ();
}
