/* test-cli-notice.c — `taiou-cli notice list|render`: text, HTML, missing and injected values */
#define G_LOG_DOMAIN "test-cli-notice"

#include "config.h"

#include <string.h>

#include "taiou-test-util.h"

static char *
write_vars (const char *json)
{
  char *path = g_build_filename (g_get_user_data_dir (), "vars.json", NULL);

  g_assert_cmpint (g_mkdir_with_parents (g_get_user_data_dir (), 0700), ==, 0);
  g_assert_true (g_file_set_contents (path, json, -1, NULL));
  return path;
}

#define PARTNER_VARS \
  "{\"company\": \"株式会社アワ商事\", \"discovery_date\": \"2026年11月23日\"," \
  " \"our_domains\": [\"ourcorp.co.jp\", \"mail.ourcorp.co.jp\"]," \
  " \"contact_department\": \"総務部\", \"contact_name\": \"山田 太郎<script>\"," \
  " \"contact_phone\": \"03-1234-5678\"}"

static void
test_list (void)
{
  g_autoptr(TaiouTestCliResult) result = taiou_test_run_cli ("C.UTF-8", "notice", "list", NULL);

  g_assert_cmpint (result->status, ==, 0);
  g_assert_nonnull (strstr (result->out, "partner-warning"));
  g_assert_nonnull (strstr (result->out, "取引先への注意喚起メール"));
  g_assert_nonnull (strstr (result->out, "ppc-report-draft"));
}

static void
test_render_text_and_html (void)
{
  g_autofree char *vars = write_vars (PARTNER_VARS);
  g_autofree char *out = g_build_filename (g_get_user_data_dir (), "out", NULL);
  g_autofree char *html_path = g_build_filename (out, "partner-warning.html", NULL);
  g_autoptr(TaiouTestCliResult) text = NULL;
  g_autoptr(TaiouTestCliResult) html = NULL;
  g_autofree char *page = NULL;

  text = taiou_test_run_cli ("C", "notice", "render", "partner-warning", "--vars", vars, NULL);
  g_assert_cmpint (text->status, ==, 0);
  g_assert_true (g_str_has_prefix (text->out, "件名: 【重要】"));
  g_assert_nonnull (strstr (text->out, "・ourcorp.co.jp\n・mail.ourcorp.co.jp"));
  g_assert_null (strstr (text->out, "{{"));

  html = taiou_test_run_cli ("C.UTF-8", "notice", "render", "partner-warning", "--vars", vars,
                             "--format", "html", "--out", out, NULL);
  g_assert_cmpint (html->status, ==, 0);
  g_assert_true (g_file_get_contents (html_path, &page, NULL, NULL));
  g_assert_true (g_str_has_prefix (page, "<!DOCTYPE html>"));
  g_assert_nonnull (strstr (page, "<p>お取引先各位</p>"));
  /* Values are escaped: a name cannot add markup to the company's website. */
  g_assert_null (strstr (page, "<script>"));
  g_assert_nonnull (strstr (page, "山田 太郎&lt;script&gt;"));
}

static void
test_missing_and_injected (void)
{
  g_autofree char *partial = write_vars ("{\"company\": \"株式会社アワ商事\"}");
  g_autoptr(TaiouTestCliResult) missing = NULL;
  g_autoptr(TaiouTestCliResult) injected = NULL;
  g_autoptr(TaiouTestCliResult) unknown = NULL;
  g_autofree char *evil = NULL;

  missing = taiou_test_run_cli ("C.UTF-8", "notice", "render", "partner-warning", "--vars",
                                partial, NULL);
  g_assert_cmpint (missing->status, ==, 2);
  g_assert_nonnull (strstr (missing->err, "missing variables: discovery_date, our_domains"));
  g_assert_cmpstr (missing->out, ==, "");

  evil = write_vars ("{\"company\": \"A\\r\\nBcc: all@example.com\", \"discovery_date\": \"x\","
                     " \"our_domains\": [\"a\"], \"contact_department\": \"x\","
                     " \"contact_name\": \"x\", \"contact_phone\": \"x\"}");
  injected = taiou_test_run_cli ("C.UTF-8", "notice", "render", "partner-warning", "--vars",
                                 evil, NULL);
  g_assert_cmpint (injected->status, ==, 2);
  g_assert_nonnull (strstr (injected->err, "company"));

  unknown = taiou_test_run_cli ("C.UTF-8", "notice", "render", "../../etc/passwd", "--vars",
                                evil, NULL);
  g_assert_cmpint (unknown->status, ==, 2);
  g_assert_nonnull (strstr (unknown->err, "not a template name"));
}

static void
test_eml_batches_and_record (void)
{
  g_autofree char *vars = write_vars (PARTNER_VARS);
  g_autofree char *list_path = g_build_filename (g_get_user_data_dir (), "partners.csv", NULL);
  g_autofree char *out = g_build_filename (g_get_user_data_dir (), "eml", NULL);
  g_autofree char *third = g_build_filename (out, "partner-warning-003.eml", NULL);
  g_autofree char *fourth = g_build_filename (out, "partner-warning-004.eml", NULL);
  g_autofree char *db = NULL;
  g_autoptr(TaiouTimeline) timeline = taiou_test_timeline_new (&db);
  g_autoptr(TaiouIncident) incident = taiou_test_add_incident (timeline, "notice", 0);
  g_autofree char *id = g_strdup_printf ("%lld", (long long) taiou_incident_get_id (incident));
  g_autoptr(GString) list = g_string_new ("name,email\n");
  g_autoptr(TaiouTestCliResult) result = NULL;
  g_autoptr(TaiouTestCliResult) no_sender = NULL;
  g_autoptr(GPtrArray) events = NULL;
  const char *detail;

  for (guint i = 0; i < 120; i++)
    g_string_append_printf (list, "取引先%u,partner%u@example.com\n", i, i);
  g_string_append (list, "壊れた,broken@@example.com\n");
  g_assert_true (g_file_set_contents (list_path, list->str, -1, NULL));

  result = taiou_test_run_cli ("C.UTF-8", "--db", db, "notice", "render", "partner-warning",
                               "--vars", vars, "--format", "eml", "--recipients", list_path,
                               "--from", "soumu@ourcorp.co.jp", "--out", out, "--incident", id,
                               NULL);
  g_assert_cmpint (result->status, ==, 0);
  g_assert_nonnull (strstr (result->out, "120 recipients in 3 messages, all in Bcc."));
  g_assert_nonnull (strstr (result->err, "broken@@example.com"));
  g_assert_true (g_file_test (third, G_FILE_TEST_IS_REGULAR));
  g_assert_false (g_file_test (fourth, G_FILE_TEST_EXISTS));

  events = taiou_timeline_list_events (timeline, taiou_incident_get_id (incident), NULL);
  g_assert_cmpstr (taiou_event_get_kind (events->pdata[events->len - 1]), ==, "notice.generated");
  detail = taiou_event_get_detail (events->pdata[events->len - 1]);
  g_assert_nonnull (strstr (detail, "\"recipients\":120"));
  g_assert_nonnull (strstr (detail, "\"batches\":3"));
  g_assert_null (strstr (detail, "@example.com"));

  /* Without a sender (and none in Preferences) nothing is written. */
  no_sender = taiou_test_run_cli ("C.UTF-8", "notice", "render", "partner-warning", "--vars", vars,
                                  "--format", "eml", "--recipients", list_path, "--out", out,
                                  NULL);
  g_assert_cmpint (no_sender->status, ==, 2);
  g_assert_nonnull (strstr (no_sender->err, "sender"));
}

/* With --incident the discovery date comes from the incident; --vars gives the rest. */
static void
test_incident_fills_dates (void)
{
  g_autofree char *vars = write_vars ("{\"company\": \"株式会社アワ商事\","
                                      " \"our_domains\": [\"ourcorp.co.jp\"],"
                                      " \"contact_department\": \"総務部\","
                                      " \"contact_name\": \"山田 太郎\","
                                      " \"contact_phone\": \"03-1234-5678\"}");
  g_autofree char *db = NULL;
  g_autoptr(TaiouTimeline) timeline = taiou_test_timeline_new (&db);
  g_autoptr(TaiouIncident) incident = taiou_test_add_incident (timeline, "notice", 0);
  g_autofree char *id = g_strdup_printf ("%lld", (long long) taiou_incident_get_id (incident));
  g_autoptr(GDateTime) utc = g_date_time_new_from_unix_utc (
    taiou_incident_get_discovered_us (incident) / G_USEC_PER_SEC);
  g_autoptr(GDateTime) local = g_date_time_to_local (utc);
  g_autofree char *date = taiou_notice_format_date (local);
  g_autofree char *expected = g_strdup_printf ("%s、弊社従業員のパソコン", date);
  g_autoptr(TaiouTestCliResult) result = NULL;
  g_autoptr(TaiouTestCliResult) nothing = NULL;

  result = taiou_test_run_cli ("C.UTF-8", "--db", db, "notice", "render", "partner-warning",
                               "--incident", id, "--vars", vars, NULL);
  g_assert_cmpint (result->status, ==, 0);
  g_assert_nonnull (strstr (result->out, expected));

  /* Preferences are empty here, so without --vars the missing ones are named. */
  nothing = taiou_test_run_cli ("C.UTF-8", "--db", db, "notice", "render", "partner-warning",
                                "--incident", id, NULL);
  g_assert_cmpint (nothing->status, ==, 2);
  g_assert_nonnull (strstr (nothing->err, "missing variables: company, our_domains"));
  g_assert_null (strstr (nothing->err, "discovery_date"));
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/taiou/cli/notice/list", test_list);
  g_test_add_func ("/taiou/cli/notice/render-text-and-html", test_render_text_and_html);
  g_test_add_func ("/taiou/cli/notice/missing-and-injected", test_missing_and_injected);
  g_test_add_func ("/taiou/cli/notice/eml-batches-and-record", test_eml_batches_and_record);
  g_test_add_func ("/taiou/cli/notice/incident-fills-dates", test_incident_fills_dates);
  return g_test_run ();
}
