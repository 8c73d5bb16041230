/* test-cli-feeds.c — `taiou-cli feeds status|update [--json] [--incident ID]` against a local
 * HTTPS server ($TAIOU_FEEDS_BASE_URL and its CA in $TAIOU_FEEDS_CA_FILE) */
#define G_LOG_DOMAIN "test-cli-feeds"

#include "config.h"

#include <string.h>

#include "taiou-test-feeds-server.h"
#include "taiou-test-util.h"

static TaiouTestFeedsServer *server;
static char *system_data_dirs;

/* The CLI's cache: this test's own folder (the isolated one is not passed on to children). */
static void
use_test_cache (void)
{
  g_autofree char *cache = g_build_filename (g_get_user_data_dir (), "cache", NULL);

  g_setenv ("XDG_CACHE_HOME", cache, TRUE);
  /* GIO's proxy resolver reads its GNOME schema from there: /dev/null (the isolated value)
   * makes it abort. */
  g_setenv ("XDG_DATA_DIRS", system_data_dirs, TRUE);
}

static JsonObject *
parse_source (JsonNode   *root,
              const char *id)
{
  JsonArray *sources = json_object_get_array_member (json_node_get_object (root), "sources");

  for (guint i = 0; i < json_array_get_length (sources); i++)
    {
      JsonObject *source = json_array_get_object_element (sources, i);

      if (g_strcmp0 (json_object_get_string_member (source, "id"), id) == 0)
        return source;
    }
  g_assert_not_reached ();
  return NULL;
}

/* Offline: no request reaches the server, and every source is named. */
static void
test_status_offline (void)
{
  guint n_requests = taiou_test_feeds_server_get_n_requests (server);
  g_autoptr(TaiouTestCliResult) text = NULL;
  g_autoptr(TaiouTestCliResult) json = NULL;
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(GError) error = NULL;

  use_test_cache ();
  text = taiou_test_run_cli ("C.UTF-8", "feeds", "status", NULL);
  g_assert_cmpint (text->status, ==, 0);
  g_assert_nonnull (strstr (text->out, "Feodo Tracker"));
  g_assert_nonnull (strstr (text->out, "URLhaus"));
  g_assert_nonnull (strstr (text->out, "MalwareBazaar"));
  g_assert_nonnull (strstr (text->out, "never downloaded"));
  g_assert_nonnull (strstr (text->out, "needs an abuse.ch Auth-Key"));

  json = taiou_test_run_cli ("C.UTF-8", "feeds", "status", "--json", NULL);
  g_assert_cmpint (json->status, ==, 0);
  root = json_from_string (json->out, &error);
  g_assert_no_error (error);
  g_assert_false (json_object_get_boolean_member (parse_source (root, "feodo"), "cached"));
  g_assert_true (json_object_get_null_member (parse_source (root, "feodo"), "age_seconds"));
  g_assert_true (json_object_get_boolean_member (parse_source (root, "malwarebazaar"),
                                                 "needs_auth_key"));
  g_assert_cmpuint (taiou_test_feeds_server_get_n_requests (server), ==, n_requests);
}

static void
test_update_and_record (void)
{
  g_autofree char *db = NULL;
  g_autoptr(TaiouTimeline) timeline = taiou_test_timeline_new (&db);
  g_autoptr(TaiouIncident) incident = taiou_test_add_incident (timeline, "x", 0);
  g_autofree char *id = g_strdup_printf ("%" G_GINT64_FORMAT, taiou_incident_get_id (incident));
  g_autoptr(TaiouTestCliResult) update = NULL;
  g_autoptr(TaiouTestCliResult) status = NULL;
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(GPtrArray) events = NULL;
  g_autoptr(GError) error = NULL;
  JsonObject *feodo;
  gboolean recorded = FALSE;

  use_test_cache ();
  taiou_test_feeds_server_serve_good (server);
  update = taiou_test_run_cli ("C.UTF-8", "--db", db, "feeds", "update", "--json",
                               "--incident", id, NULL);
  g_test_message ("stdout: %s\nstderr: %s", update->out, update->err);
  g_assert_cmpint (update->status, ==, 0);
  root = json_from_string (update->out, &error);
  g_assert_no_error (error);
  feodo = parse_source (root, "feodo");
  g_assert_cmpstr (json_object_get_string_member (feodo, "outcome"), ==, "updated");
  g_assert_cmpint (json_object_get_int_member (feodo, "entries"), ==, 2);
  /* No keyring here: MalwareBazaar is skipped, and says why. */
  g_assert_cmpstr (json_object_get_string_member (parse_source (root, "malwarebazaar"),
                                                  "outcome"), ==, "no-auth-key");

  events = taiou_timeline_list_events (timeline, taiou_incident_get_id (incident), &error);
  g_assert_no_error (error);
  for (guint i = 0; i < events->len; i++)
    recorded |= g_strcmp0 (taiou_event_get_kind (events->pdata[i]),
                           TAIOU_EVENT_FEEDS_UPDATED) == 0;
  g_assert_true (recorded);

  status = taiou_test_run_cli ("C.UTF-8", "feeds", "status", NULL);
  g_assert_cmpint (status->status, ==, 0);
  g_assert_nonnull (strstr (status->out, "2 entries"));
  g_assert_nonnull (strstr (status->out, "3 entries"));

  /* The CLI's scan now knows the feed's address. */
  {
    g_autoptr(TaiouTestCliResult) again = taiou_test_run_cli ("C.UTF-8", "feeds", "update",
                                                              NULL);

    g_assert_cmpint (again->status, ==, 0);
    g_assert_nonnull (strstr (again->out, "unchanged since the last download"));
  }
}

static void
test_update_failure (void)
{
  g_autoptr(TaiouTestCliResult) first = NULL;
  g_autoptr(TaiouTestCliResult) failed = NULL;
  g_autoptr(TaiouTestCliResult) japanese = NULL;

  use_test_cache ();
  taiou_test_feeds_server_serve_good (server);
  first = taiou_test_run_cli ("C.UTF-8", "feeds", "update", NULL);
  g_assert_cmpint (first->status, ==, 0);
  taiou_test_feeds_server_set (server, "urlhaus-recent.csv", TAIOU_TEST_FEED_SERVE, 200,
                               "text/html", "<html>login</html>", NULL);
  failed = taiou_test_run_cli ("C.UTF-8", "feeds", "update", NULL);
  g_assert_cmpint (failed->status, ==, 2);
  g_assert_nonnull (strstr (failed->out, "FAILED; the previous copy stays in use"));
  g_assert_nonnull (strstr (failed->out, "text/html"));
  /* Still 3 entries: the previous copy. */
  g_assert_nonnull (strstr (failed->out, "3 entries"));

  japanese = taiou_test_run_cli ("ja_JP.UTF-8", "feeds", "update", NULL);
  g_assert_cmpint (japanese->status, ==, 2);
  g_assert_nonnull (strstr (japanese->out, "失敗"));
}

int
main (int    argc,
      char **argv)
{
  int status;

  system_data_dirs = g_strdup (g_getenv ("XDG_DATA_DIRS") != NULL ? g_getenv ("XDG_DATA_DIRS")
                                                                  : "/usr/local/share:/usr/share");
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);
  server = taiou_test_feeds_server_new ();
  g_setenv ("TAIOU_FEEDS_BASE_URL", taiou_test_feeds_server_get_base_url (server), TRUE);
  g_setenv ("TAIOU_FEEDS_CA_FILE", taiou_test_feeds_server_get_ca_file (server), TRUE);
  /* No session bus, hence no keyring: lookups fail at once instead of starting one. */
  g_setenv ("DBUS_SESSION_BUS_ADDRESS", "unix:path=/nonexistent/taiou-test-bus", TRUE);

  g_test_add_func ("/cli-feeds/status-offline", test_status_offline);
  g_test_add_func ("/cli-feeds/update-and-record", test_update_and_record);
  g_test_add_func ("/cli-feeds/update-failure", test_update_failure);

  status = g_test_run ();
  taiou_test_feeds_server_free (server);
  g_free (system_data_dirs);
  return status;
}
