/* test-feeds.c — the threat-data feeds against a local HTTPS server
 *
 * A real SoupServer over TLS with a certificate made for this run (taiou-test-feeds-server.c).
 * Every failure — a body cut short, one too large, an HTML page, JSON or CSV that is not a list,
 * an untrusted certificate, a server that stalls, a refusal, a redirect to http:// — must leave
 * the kept copy and its note byte for byte as they were, and say clearly what went wrong.
 */
#include "config.h"

#include <glib/gstdio.h>
#include <string.h>

#include "taiou-feeds-private.h"
#include "taiou-test-feeds-server.h"
#include "taiou-test-util.h"

static TaiouTestFeedsServer *server;

typedef struct
{
  char       *cache_dir;
  TaiouFeeds *feeds;
} Fixture;

static TaiouFeeds *
new_feeds (const char *cache_dir,
           gboolean    trust_server)
{
  TaiouFeeds *feeds = taiou_feeds_new (cache_dir);

  taiou_feeds_set_base_url (feeds, taiou_test_feeds_server_get_base_url (server));
  if (trust_server)
    taiou_feeds_set_tls_database (feeds, taiou_test_feeds_server_get_ca (server));
  taiou_feeds_set_timeout (feeds, 1);
  return feeds;
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  fixture->cache_dir = g_dir_make_tmp ("taiou-feeds-cache-XXXXXX", &error);
  g_assert_no_error (error);
  fixture->feeds = new_feeds (fixture->cache_dir, TRUE);
  taiou_test_feeds_server_serve_good (server);
}

static void
remove_tree (const char *path)
{
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *child = g_build_filename (path, name, NULL);

      g_unlink (child);
    }
  g_rmdir (path);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  g_clear_object (&fixture->feeds);
  remove_tree (fixture->cache_dir);
  g_free (fixture->cache_dir);
}

static GPtrArray *
update (TaiouFeeds *feeds)
{
  g_autoptr(GError) error = NULL;
  GPtrArray *reports = taiou_feeds_update (feeds, NULL, NULL, NULL, &error);

  g_assert_no_error (error);
  g_assert_nonnull (reports);
  g_assert_cmpuint (reports->len, ==, TAIOU_FEED_N_SOURCES);
  return reports;
}

static TaiouFeedReport *
report_of (GPtrArray       *reports,
           TaiouFeedSource  source)
{
  return reports->pdata[source];
}

static char *
read_cache (Fixture    *fixture,
            const char *name)
{
  g_autofree char *path = g_build_filename (fixture->cache_dir, name, NULL);
  char *contents = NULL;

  g_file_get_contents (path, &contents, NULL, NULL);
  return contents;
}

/* Only the copies and their notes: no temporary file is ever left behind. */
static guint
count_cache_files (Fixture *fixture)
{
  g_autoptr(GDir) dir = g_dir_open (fixture->cache_dir, 0, NULL);
  guint n = 0;
  const char *name;

  while ((name = g_dir_read_name (dir)) != NULL)
    {
      g_assert_false (name[0] == '.');
      n++;
    }
  return n;
}

static void
test_success (Fixture       *fixture,
              gconstpointer  data)
{
  g_autoptr(GPtrArray) reports = update (fixture->feeds);
  g_autofree char *user_agent = NULL;
  g_autofree char *feodo = read_cache (fixture, "feodo-ipblocklist.json");
  TaiouFeedReport *report;

  report = report_of (reports, TAIOU_FEED_FEODO);
  g_assert_no_error (report->error);
  g_assert_cmpint (report->outcome, ==, TAIOU_FEED_OUTCOME_UPDATED);
  g_assert_cmpuint (report->entries, ==, 2);
  g_assert_true (report->cached);
  g_assert_cmpint (report->age_seconds, <, 60);
  g_assert_false (report->stale);
  g_assert_cmpstr (feodo, ==, taiou_test_feodo_json);

  report = report_of (reports, TAIOU_FEED_URLHAUS);
  g_assert_no_error (report->error);
  g_assert_cmpint (report->outcome, ==, TAIOU_FEED_OUTCOME_UPDATED);
  g_assert_cmpuint (report->entries, ==, 3);

  /* MalwareBazaar needs an Auth-Key: skipped, saying so, and not even asked. */
  report = report_of (reports, TAIOU_FEED_MALWAREBAZAAR);
  g_assert_cmpint (report->outcome, ==, TAIOU_FEED_OUTCOME_NO_AUTH_KEY);
  g_assert_false (report->cached);
  g_assert_null (taiou_test_feeds_server_dup_header (server, "malwarebazaar-recent.csv",
                                                     "User-Agent"));
  g_assert_cmpuint (count_cache_files (fixture), ==, 4);

  user_agent = taiou_test_feeds_server_dup_header (server, "feodo-ipblocklist.json",
                                                   "User-Agent");
  g_assert_cmpstr (user_agent, ==, "Taiou/" PACKAGE_VERSION);
}

static void
test_auth_key (Fixture       *fixture,
               gconstpointer  data)
{
  g_autoptr(GPtrArray) reports = NULL;
  g_autofree char *key = NULL;
  g_autofree char *feodo_key = NULL;
  TaiouFeedReport *report;

  taiou_feeds_set_auth_key (fixture->feeds, "  test-key-123 ");
  reports = update (fixture->feeds);
  report = report_of (reports, TAIOU_FEED_MALWAREBAZAAR);
  g_assert_no_error (report->error);
  g_assert_cmpint (report->outcome, ==, TAIOU_FEED_OUTCOME_UPDATED);
  /* Two samples, one of them Emotet: only the followed family is counted. */
  g_assert_cmpuint (report->entries, ==, 1);
  key = taiou_test_feeds_server_dup_header (server, "malwarebazaar-recent.csv", "Auth-Key");
  g_assert_cmpstr (key, ==, "test-key-123");
  feodo_key = taiou_test_feeds_server_dup_header (server, "feodo-ipblocklist.json", "Auth-Key");
  g_assert_cmpstr (feodo_key, ==, "test-key-123");
  g_clear_pointer (&reports, g_ptr_array_unref);

  /* No families given: every sample counts. */
  taiou_feeds_set_families (fixture->feeds, NULL);
  taiou_test_feeds_server_set (server, "malwarebazaar-recent.csv", TAIOU_TEST_FEED_SERVE, 200,
                               "text/csv", taiou_test_malwarebazaar_csv, "\"mb-2\"");
  reports = update (fixture->feeds);
  g_assert_cmpuint (report_of (reports, TAIOU_FEED_MALWAREBAZAAR)->entries, ==, 2);
}

static void
test_not_modified (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autoptr(GPtrArray) first = update (fixture->feeds);
  g_autoptr(GPtrArray) second = NULL;
  g_autofree char *if_none_match = NULL;
  g_autofree char *feodo = NULL;
  TaiouFeedReport *report;

  second = update (fixture->feeds);
  report = report_of (second, TAIOU_FEED_FEODO);
  g_assert_no_error (report->error);
  g_assert_cmpint (report->outcome, ==, TAIOU_FEED_OUTCOME_NOT_MODIFIED);
  g_assert_cmpuint (report->entries, ==, 2);
  g_assert_cmpint (report_of (second, TAIOU_FEED_URLHAUS)->outcome, ==,
                   TAIOU_FEED_OUTCOME_NOT_MODIFIED);
  if_none_match = taiou_test_feeds_server_dup_header (server, "feodo-ipblocklist.json",
                                                      "If-None-Match");
  g_assert_cmpstr (if_none_match, ==, "\"feodo-1\"");
  feodo = read_cache (fixture, "feodo-ipblocklist.json");
  g_assert_cmpstr (feodo, ==, taiou_test_feodo_json);
}

/* A server that sends dates, not ETags: If-Modified-Since gets the 304. */
static void
test_not_modified_since (Fixture       *fixture,
                         gconstpointer  data)
{
  static const char date[] = "Tue, 01 Dec 2026 00:00:00 GMT";
  g_autoptr(GPtrArray) first = NULL;
  g_autoptr(GPtrArray) second = NULL;
  g_autofree char *since = NULL;

  taiou_test_feeds_server_set (server, "feodo-ipblocklist.json", TAIOU_TEST_FEED_SERVE, 200,
                               "application/json", taiou_test_feodo_json, NULL);
  taiou_test_feeds_server_set_last_modified (server, "feodo-ipblocklist.json", date);
  first = update (fixture->feeds);
  g_assert_cmpint (report_of (first, TAIOU_FEED_FEODO)->outcome, ==, TAIOU_FEED_OUTCOME_UPDATED);
  second = update (fixture->feeds);
  since = taiou_test_feeds_server_dup_header (server, "feodo-ipblocklist.json",
                                              "If-Modified-Since");
  g_assert_cmpstr (since, ==, date);
  g_assert_cmpint (report_of (second, TAIOU_FEED_FEODO)->outcome, ==,
                   TAIOU_FEED_OUTCOME_NOT_MODIFIED);
}

/* Compressed answers are counted as they unpack: a small gzip of a huge list is refused. */
static void
test_gzip (Fixture       *fixture,
           gconstpointer  data)
{
  g_autoptr(GPtrArray) reports = NULL;
  g_autoptr(GString) bomb = g_string_new (taiou_test_urlhaus_csv);

  /* Compressed, a good answer is read as usual. */
  taiou_test_feeds_server_set (server, "urlhaus-recent.csv", TAIOU_TEST_FEED_GZIP, 200,
                               "text/plain", taiou_test_urlhaus_csv, NULL);
  reports = update (fixture->feeds);
  g_assert_no_error (report_of (reports, TAIOU_FEED_URLHAUS)->error);
  g_assert_cmpuint (report_of (reports, TAIOU_FEED_URLHAUS)->entries, ==, 3);
  g_clear_pointer (&reports, g_ptr_array_unref);

  /* 2 MB of comment lines pack into a few kB; the cap is 1 MB. */
  while (bomb->len < 2 * 1024 * 1024)
    g_string_append (bomb, "#                                                              \n");
  taiou_test_feeds_server_set (server, "urlhaus-recent.csv", TAIOU_TEST_FEED_GZIP, 200,
                               "text/plain", bomb->str, NULL);
  taiou_feeds_set_size_cap (fixture->feeds, TAIOU_FEED_URLHAUS, 1024 * 1024);
  reports = update (fixture->feeds);
  g_assert_error (report_of (reports, TAIOU_FEED_URLHAUS)->error, TAIOU_FEEDS_ERROR,
                  TAIOU_FEEDS_ERROR_TOO_LARGE);
  /* The earlier copy is kept. */
  g_assert_cmpuint (report_of (reports, TAIOU_FEED_URLHAUS)->entries, ==, 3);
}

static void
test_disabled (Fixture       *fixture,
               gconstpointer  data)
{
  g_autoptr(GPtrArray) reports = NULL;

  taiou_feeds_set_enabled (fixture->feeds, TAIOU_FEED_URLHAUS, FALSE);
  reports = update (fixture->feeds);
  g_assert_cmpint (report_of (reports, TAIOU_FEED_URLHAUS)->outcome, ==,
                   TAIOU_FEED_OUTCOME_DISABLED);
  g_assert_false (report_of (reports, TAIOU_FEED_URLHAUS)->cached);
  g_assert_cmpint (report_of (reports, TAIOU_FEED_FEODO)->outcome, ==,
                   TAIOU_FEED_OUTCOME_UPDATED);
}

/* One way for an update to go wrong, for Feodo Tracker (JSON) or URLhaus (CSV). */
typedef struct
{
  const char         *name;
  TaiouFeedSource     source;
  TaiouTestFeedMode   mode;
  guint               status;
  const char         *content_type;
  const char         *body;
  guint64             size_cap;       /* 0: the source's own */
  gboolean            untrusted;      /* a client that does not trust the test CA */
  TaiouFeedsError     expected;
  const char         *message_part;   /* the error must say this */
} Failure;

static const Failure failures[] = {
  { "truncated", TAIOU_FEED_FEODO, TAIOU_TEST_FEED_TRUNCATE, 200, "application/json",
    taiou_test_feodo_json, 0, FALSE, TAIOU_FEEDS_ERROR_TRUNCATED, "broke off" },
  { "oversize", TAIOU_FEED_FEODO, TAIOU_TEST_FEED_SERVE, 200, "application/json",
    taiou_test_feodo_json, 100, FALSE, TAIOU_FEEDS_ERROR_TOO_LARGE, "limit of" },
  { "oversize-csv", TAIOU_FEED_URLHAUS, TAIOU_TEST_FEED_SERVE, 200, "text/plain",
    taiou_test_urlhaus_csv, 100, FALSE, TAIOU_FEEDS_ERROR_TOO_LARGE, "limit of" },
  { "oversize-chunked", TAIOU_FEED_URLHAUS, TAIOU_TEST_FEED_CHUNKED, 200, "text/plain",
    taiou_test_urlhaus_csv, 100, FALSE, TAIOU_FEEDS_ERROR_TOO_LARGE, "limit of" },
  { "invalid-json", TAIOU_FEED_FEODO, TAIOU_TEST_FEED_SERVE, 200, "application/json",
    "[{\"ip_address\": \"192.0.2.1\", ", 0, FALSE, TAIOU_FEEDS_ERROR_INVALID, "not a valid list" },
  { "invalid-csv", TAIOU_FEED_URLHAUS, TAIOU_TEST_FEED_SERVE, 200, "text/plain",
    "<html>\n<body>\nMaintenance\n</body>\n</html>\n", 0, FALSE, TAIOU_FEEDS_ERROR_INVALID,
    "unusable" },
  { "wrong-content-type", TAIOU_FEED_FEODO, TAIOU_TEST_FEED_SERVE, 200, "text/html",
    "<html>login</html>", 0, FALSE, TAIOU_FEEDS_ERROR_CONTENT_TYPE, "text/html" },
  { "untrusted-certificate", TAIOU_FEED_FEODO, TAIOU_TEST_FEED_SERVE, 200, "application/json",
    taiou_test_feodo_json, 0, TRUE, TAIOU_FEEDS_ERROR_TLS, "not trusted" },
  { "stalled", TAIOU_FEED_FEODO, TAIOU_TEST_FEED_STALL, 200, "application/json",
    taiou_test_feodo_json, 0, FALSE, TAIOU_FEEDS_ERROR_TIMED_OUT, "stopped answering" },
  { "unauthorized", TAIOU_FEED_URLHAUS, TAIOU_TEST_FEED_SERVE, 401, "text/plain", "no", 0,
    FALSE, TAIOU_FEEDS_ERROR_HTTP, "Auth-Key" },
  { "server-error", TAIOU_FEED_FEODO, TAIOU_TEST_FEED_SERVE, 500, "text/plain", "oops", 0,
    FALSE, TAIOU_FEEDS_ERROR_HTTP, "HTTP 500" },
  { "redirect-to-http", TAIOU_FEED_FEODO, TAIOU_TEST_FEED_REDIRECT, 302, "text/plain",
    "http://127.0.0.1:9/feodo-ipblocklist.json", 0, FALSE, TAIOU_FEEDS_ERROR_NOT_HTTPS,
    "only https://" },
};

static void
test_failure (Fixture       *fixture,
              gconstpointer  data)
{
  const Failure *failure = data;
  const FeedSourceInfo *info = _taiou_feeds_source_info (failure->source);
  g_autofree char *meta_name = g_strconcat (info->file_name, ".meta.json", NULL);
  g_autoptr(GPtrArray) first = update (fixture->feeds);
  g_autoptr(GPtrArray) second = NULL;
  g_autoptr(TaiouFeeds) untrusted = NULL;
  g_autofree char *copy_before = read_cache (fixture, info->file_name);
  g_autofree char *meta_before = read_cache (fixture, meta_name);
  g_autofree char *copy_after = NULL;
  g_autofree char *meta_after = NULL;
  TaiouFeeds *feeds = fixture->feeds;
  TaiouFeedReport *report;

  g_assert_nonnull (copy_before);
  g_assert_nonnull (meta_before);
  /* A new body without an ETag, so the server cannot answer 304. */
  taiou_test_feeds_server_set (server, info->file_name, failure->mode, failure->status,
                               failure->content_type, failure->body, NULL);
  if (failure->size_cap > 0)
    taiou_feeds_set_size_cap (feeds, failure->source, failure->size_cap);
  if (failure->untrusted)
    feeds = untrusted = new_feeds (fixture->cache_dir, FALSE);

  second = update (feeds);
  report = report_of (second, failure->source);
  g_test_message ("%s: %s", failure->name, report->error != NULL ? report->error->message : "-");
  g_assert_cmpint (report->outcome, ==, TAIOU_FEED_OUTCOME_FAILED);
  g_assert_error (report->error, TAIOU_FEEDS_ERROR, (int) failure->expected);
  g_assert_nonnull (strstr (report->error->message, failure->message_part));
  /* The kept copy is still the one in use, with its count. */
  g_assert_true (report->cached);
  g_assert_cmpuint (report->entries, ==, report_of (first, failure->source)->entries);

  copy_after = read_cache (fixture, info->file_name);
  meta_after = read_cache (fixture, meta_name);
  g_assert_cmpstr (copy_after, ==, copy_before);
  g_assert_cmpstr (meta_after, ==, meta_before);
  g_assert_cmpuint (count_cache_files (fixture), ==, 4);
}

static void
test_status_offline (Fixture       *fixture,
                     gconstpointer  data)
{
  g_autoptr(GPtrArray) before = taiou_feeds_dup_status (fixture->feeds);
  g_autoptr(GPtrArray) updated = NULL;
  g_autoptr(GPtrArray) after = NULL;
  g_autofree char *meta_path = g_build_filename (fixture->cache_dir,
                                                 "feodo-ipblocklist.json.meta.json", NULL);
  g_autofree char *old_meta = NULL;
  guint n_requests;

  for (guint i = 0; i < before->len; i++)
    {
      TaiouFeedReport *report = before->pdata[i];

      g_assert_false (report->cached);
      g_assert_cmpint (report->age_seconds, ==, -1);
      g_assert_cmpint (report->outcome, ==, TAIOU_FEED_OUTCOME_NONE);
    }
  g_assert_true (report_of (before, TAIOU_FEED_MALWAREBAZAAR)->needs_auth_key);
  g_assert_false (report_of (before, TAIOU_FEED_FEODO)->needs_auth_key);

  updated = update (fixture->feeds);
  /* Eight days ago: a warning, but the copy is still used. */
  old_meta = g_strdup_printf ("{\"etag\": \"\\\"feodo-1\\\"\", \"checked_us\": %" G_GINT64_FORMAT
                              ", \"entries\": 2}",
                              g_get_real_time () - (gint64) 8 * 24 * 3600 * G_USEC_PER_SEC);
  g_assert_true (g_file_set_contents (meta_path, old_meta, -1, NULL));
  n_requests = taiou_test_feeds_server_get_n_requests (server);
  after = taiou_feeds_dup_status (fixture->feeds);
  g_assert_cmpuint (taiou_test_feeds_server_get_n_requests (server), ==, n_requests);
  g_assert_true (report_of (after, TAIOU_FEED_FEODO)->stale);
  g_assert_cmpint (report_of (after, TAIOU_FEED_FEODO)->age_seconds, >=, 8 * 24 * 3600 - 60);
  g_assert_cmpuint (report_of (after, TAIOU_FEED_FEODO)->entries, ==, 2);
  g_assert_false (report_of (after, TAIOU_FEED_URLHAUS)->stale);

  /* A note that is damaged: the copy counts as stale, never as fresh. */
  g_assert_true (g_file_set_contents (meta_path, "{\"checked_us\": \"soon\"", -1, NULL));
  g_clear_pointer (&after, g_ptr_array_unref);
  after = taiou_feeds_dup_status (fixture->feeds);
  g_assert_true (report_of (after, TAIOU_FEED_FEODO)->stale);
}

static void
test_load_cached (Fixture       *fixture,
                  gconstpointer  data)
{
  g_autoptr(GPtrArray) reports = NULL;
  g_autoptr(TaiouIocSet) set = taiou_ioc_set_new ();
  g_autoptr(GPtrArray) loaded = NULL;
  TaiouIocMatch match;

  taiou_feeds_set_auth_key (fixture->feeds, "k");
  reports = update (fixture->feeds);
  loaded = taiou_feeds_load_cached (fixture->feeds, set);
  g_assert_cmpuint (loaded->len, ==, 3);
  g_assert_true (taiou_ioc_set_lookup_ip (set, "192.0.2.10", &match));
  g_assert_true (taiou_ioc_set_lookup_url (set, "http://198.51.100.7/invoice.zip", &match));
  g_assert_true (taiou_ioc_set_lookup_hash_hex (set, "000000000000000000000000000000000000000000"
                                                "0000000000000000000001", &match));
  /* Not a followed family. */
  g_assert_false (taiou_ioc_set_lookup_hash_hex (set, "00000000000000000000000000000000000000"
                                                 "00000000000000000000000002", &match));
}

static void
test_case_includes_feeds (Fixture       *fixture,
                          gconstpointer  data)
{
  g_autofree char *db_path = NULL;
  g_autoptr(TaiouTimeline) timeline = taiou_test_timeline_new (&db_path);
  g_autoptr(TaiouCase) the_case = taiou_test_case_with_incident (timeline);
  g_autoptr(GPtrArray) reports = NULL;
  g_autoptr(GPtrArray) events = NULL;
  g_autoptr(GError) error = NULL;
  TaiouIocSet *iocs;
  TaiouIocMatch match;

  taiou_case_set_ioc_sources (the_case, FALSE, NULL);
  taiou_case_set_feeds (the_case, fixture->feeds);
  iocs = taiou_case_load_iocs (the_case, NULL, &error);
  g_assert_no_error (error);
  g_assert_false (taiou_ioc_set_lookup_ip (iocs, "192.0.2.10", &match));

  reports = update (fixture->feeds);
  g_assert_true (taiou_case_record_feeds_update (the_case, reports, &error));
  g_assert_no_error (error);
  taiou_case_reload_iocs (the_case);
  iocs = taiou_case_load_iocs (the_case, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (taiou_ioc_set_lookup_ip (iocs, "192.0.2.10", &match));

  events = taiou_timeline_list_events (timeline, taiou_incident_get_id (
                                         taiou_case_get_incident (the_case)), &error);
  g_assert_no_error (error);
  for (guint i = 0; i < events->len; i++)
    {
      TaiouEvent *event = events->pdata[i];
      g_autoptr(JsonNode) root = NULL;
      JsonObject *detail;
      JsonArray *sources;
      JsonObject *feodo;

      if (g_strcmp0 (taiou_event_get_kind (event), TAIOU_EVENT_FEEDS_UPDATED) != 0)
        continue;
      root = json_from_string (taiou_event_get_detail (event), &error);
      g_assert_no_error (error);
      detail = json_node_get_object (root);
      sources = json_object_get_array_member (detail, TAIOU_EVENT_DETAIL_SOURCES);
      g_assert_cmpuint (json_array_get_length (sources), ==, 3);
      feodo = json_array_get_object_element (sources, 0);
      g_assert_cmpstr (json_object_get_string_member (feodo, TAIOU_EVENT_DETAIL_SOURCE), ==,
                       "feodo");
      g_assert_cmpstr (json_object_get_string_member (feodo, TAIOU_EVENT_DETAIL_OUTCOME), ==,
                       "updated");
      g_assert_cmpint (json_object_get_int_member (feodo, TAIOU_EVENT_DETAIL_ENTRIES), ==, 2);
      g_assert_true (json_object_has_member (feodo, TAIOU_EVENT_DETAIL_AGE_SECONDS));
      g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (sources, 2),
                                                      TAIOU_EVENT_DETAIL_OUTCOME), ==,
                       "no-auth-key");
      g_unlink (db_path);
      return;
    }
  g_assert_not_reached ();
}

typedef struct
{
  guint       n_progress;
  gboolean    finished;
  GPtrArray  *reports;
  GError     *error;
} AsyncState;

static void
count_progress (const char *name,
                guint       done,
                guint       total,
                gpointer    user_data)
{
  AsyncState *state = user_data;

  g_assert_cmpuint (done, <=, total);
  state->n_progress++;
}

static void
update_done (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  AsyncState *state = user_data;

  state->reports = taiou_feeds_update_finish (TAIOU_FEEDS (source), result, &state->error);
  state->finished = TRUE;
}

static gboolean
cancel_soon (gpointer data)
{
  g_cancellable_cancel (data);
  return G_SOURCE_REMOVE;
}

static void
test_async_progress_and_cancel (Fixture       *fixture,
                                gconstpointer  data)
{
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  AsyncState state = { 0 };
  gint64 started;

  taiou_feeds_update_async (fixture->feeds, count_progress, &state, NULL, update_done, &state);
  while (!state.finished)
    g_main_context_iteration (NULL, TRUE);
  g_assert_no_error (state.error);
  g_assert_cmpuint (state.reports->len, ==, 3);
  g_assert_cmpuint (state.n_progress, ==, 4);
  g_clear_pointer (&state.reports, g_ptr_array_unref);

  /* A stalled server and a longer timeout: cancelling ends the update at once. */
  memset (&state, 0, sizeof state);
  taiou_feeds_set_timeout (fixture->feeds, 30);
  taiou_test_feeds_server_set (server, "feodo-ipblocklist.json", TAIOU_TEST_FEED_STALL, 200,
                               "application/json", "", NULL);
  started = g_get_monotonic_time ();
  taiou_feeds_update_async (fixture->feeds, count_progress, &state, cancellable, update_done,
                            &state);
  g_timeout_add (200, cancel_soon, cancellable);
  while (!state.finished)
    g_main_context_iteration (NULL, TRUE);
  g_assert_error (state.error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_null (state.reports);
  g_assert_cmpint (g_get_monotonic_time () - started, <, 10 * G_USEC_PER_SEC);
  g_clear_error (&state.error);
}

static void
test_not_https (void)
{
  g_autofree char *dir = g_dir_make_tmp ("taiou-feeds-cache-XXXXXX", NULL);
  g_autoptr(TaiouFeeds) feeds = taiou_feeds_new (dir);
  g_autoptr(GPtrArray) reports = NULL;
  TaiouFeedReport *report;

  taiou_feeds_set_base_url (feeds, "http://127.0.0.1:9");
  reports = taiou_feeds_update (feeds, NULL, NULL, NULL, NULL);
  report = report_of (reports, TAIOU_FEED_FEODO);
  g_assert_error (report->error, TAIOU_FEEDS_ERROR, TAIOU_FEEDS_ERROR_NOT_HTTPS);
  g_assert_false (report->cached);
  remove_tree (dir);
}

int
main (int    argc,
      char **argv)
{
  int status;

  g_test_init (&argc, &argv, NULL);
  server = taiou_test_feeds_server_new ();

  g_test_add ("/feeds/success", Fixture, NULL, fixture_set_up, test_success, fixture_tear_down);
  g_test_add ("/feeds/auth-key", Fixture, NULL, fixture_set_up, test_auth_key,
              fixture_tear_down);
  g_test_add ("/feeds/not-modified", Fixture, NULL, fixture_set_up, test_not_modified,
              fixture_tear_down);
  g_test_add ("/feeds/not-modified-since", Fixture, NULL, fixture_set_up,
              test_not_modified_since, fixture_tear_down);
  g_test_add ("/feeds/gzip", Fixture, NULL, fixture_set_up, test_gzip, fixture_tear_down);
  g_test_add ("/feeds/disabled", Fixture, NULL, fixture_set_up, test_disabled,
              fixture_tear_down);
  for (guint i = 0; i < G_N_ELEMENTS (failures); i++)
    {
      g_autofree char *path = g_strdup_printf ("/feeds/failure/%s", failures[i].name);

      g_test_add (path, Fixture, &failures[i], fixture_set_up, test_failure, fixture_tear_down);
    }
  g_test_add ("/feeds/status-offline", Fixture, NULL, fixture_set_up, test_status_offline,
              fixture_tear_down);
  g_test_add ("/feeds/load-cached", Fixture, NULL, fixture_set_up, test_load_cached,
              fixture_tear_down);
  g_test_add ("/feeds/case", Fixture, NULL, fixture_set_up, test_case_includes_feeds,
              fixture_tear_down);
  g_test_add ("/feeds/async", Fixture, NULL, fixture_set_up, test_async_progress_and_cancel,
              fixture_tear_down);
  g_test_add_func ("/feeds/not-https", test_not_https);

  status = g_test_run ();
  taiou_test_feeds_server_free (server);
  return status;
}
