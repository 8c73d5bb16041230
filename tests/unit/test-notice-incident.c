/* test-notice-incident.c — what Taiou knows for a notice: dates, spoofed names and a dated
 * history from a real timeline, the organisation and contact from Preferences
 *
 * The time zone is Japan's for the whole program, so "the date" of an instant is the one a
 * Japanese letter would print.
 */
#define G_LOG_DOMAIN "test-notice-incident"
/* For the in-memory settings backend. */
#define G_SETTINGS_ENABLE_BACKEND

#include "config.h"

#include <gio/gsettingsbackend.h>
#include <string.h>

#include "taiou-settings.h"
#include "taiou-test-util.h"

/* 2026-11-22 15:30 UTC is 2026-11-23 00:30 in Japan: a UTC date would be a day early. */
#define DISCOVERED_US (G_GINT64_CONSTANT (1795361400) * G_USEC_PER_SEC)


/* What the app's notice editor and `taiou-cli notice --incident` ask the case for. */
static GHashTable *
known_variables (TaiouTimeline  *timeline,
                 gint64          incident_id,
                 GSettings      *settings,
                 GDateTime      *now,
                 GError        **error)
{
  g_autoptr(TaiouProfile) profile = taiou_profile_new ();
  g_autoptr(TaiouCase) notice_case = NULL;
  g_autoptr(TaiouIncident) incident = NULL;

  if (settings != NULL)
    taiou_settings_bind_profile (settings, profile, FALSE);
  notice_case = taiou_case_new (timeline, profile);
  if (timeline != NULL && incident_id > 0 &&
      (incident = taiou_timeline_get_incident (timeline, incident_id, error)) == NULL)
    return NULL;
  return taiou_case_dup_notice_variables (notice_case, incident, now, error);
}

static gboolean
notice_log (TaiouTimeline        *timeline,
            gint64                incident_id,
            TaiouNoticeTemplate  *notice,
            const char           *format,
            guint                 n_batches,
            guint                 n_recipients,
            GError              **error)
{
  g_autoptr(TaiouCase) notice_case = taiou_case_new (timeline, NULL);
  g_autoptr(TaiouIncident) incident = taiou_timeline_get_incident (timeline, incident_id, error);

  return incident != NULL &&
         taiou_case_record_notice (notice_case, incident, notice, format, n_batches,
                                   n_recipients, error);
}

static TaiouIncident *
add_incident (TaiouTimeline *timeline)
{
  g_autoptr(GError) error = NULL;
  TaiouIncident *incident = taiou_timeline_create_incident (timeline, "不審なメールの添付を開いた",
                                                            DISCOVERED_US, "PC-07", "山田 太郎",
                                                            &error);

  g_assert_no_error (error);
  g_assert_nonnull (incident);
  return incident;
}

/* A mail.triage event as the mail check writes it: the sender's display name and the rules
 * that fired. */
static TaiouEvent *
append_mail (TaiouTimeline *timeline,
             gint64         incident_id,
             const char    *summary,
             const char    *from_name,
             const char    *rule)
{
  g_autoptr(JsonObject) detail = json_object_new ();
  g_autoptr(JsonObject) finding = json_object_new ();
  g_autoptr(JsonObject) other = json_object_new ();
  JsonArray *findings = json_array_new ();
  g_autoptr(GError) error = NULL;
  TaiouEvent *event;

  json_object_set_string_member (finding, "rule", rule);
  json_array_add_object_element (findings, g_steal_pointer (&finding));
  json_object_set_string_member (other, "rule", "mail.link-mismatch");
  json_array_add_object_element (findings, g_steal_pointer (&other));
  json_object_set_string_member (detail, "from_name", from_name);
  json_object_set_array_member (detail, "findings", findings);
  event = taiou_timeline_append (timeline, incident_id, "mail.triage", NULL, summary, detail,
                                 &error);
  g_assert_no_error (error);
  g_assert_nonnull (event);
  return event;
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
  g_assert_nonnull (event);
  return event;
}

/* "2026年11月23日　summary": the event's local date, a full-width space, its summary. */
static char *
history_line (TaiouEvent *event)
{
  g_autoptr(GDateTime) utc = g_date_time_new_from_unix_utc (taiou_event_get_time_us (event) /
                                                            G_USEC_PER_SEC);
  g_autoptr(GDateTime) local = g_date_time_to_local (utc);
  g_autofree char *date = taiou_notice_format_date (local);

  return g_strdup_printf ("%s　%s", date, taiou_event_get_summary (event));
}

static GDateTime *
today (void)
{
  return g_date_time_new_local (2026, 12, 4, 10, 0, 0);
}

static void
test_incident (void)
{
  g_autoptr(TaiouTimeline) timeline = taiou_test_timeline_new (NULL);
  g_autoptr(TaiouIncident) incident = add_incident (timeline);
  gint64 id = taiou_incident_get_id (incident);
  g_autoptr(GDateTime) now = today ();
  g_autoptr(GError) error = NULL;
  g_autoptr(TaiouNoticeTemplate) notice = taiou_notice_template_find ("partner-warning", &error);
  g_autoptr(TaiouEvent) spoof = NULL;
  g_autoptr(TaiouEvent) macro = NULL;
  g_autoptr(TaiouEvent) again = NULL;
  g_autoptr(TaiouEvent) two_lines = NULL;
  g_autoptr(TaiouEvent) hidden = NULL;
  g_autoptr(TaiouEvent) separator = NULL;
  g_autoptr(TaiouEvent) finding = NULL;
  g_autoptr(TaiouEvent) scan = NULL;
  g_autoptr(GPtrArray) events = NULL;
  g_autoptr(GHashTable) variables = NULL;
  g_autofree char *expected_history = NULL;
  g_autofree char *first_notice = NULL;
  TaiouEvent *notice_event = NULL;

  g_assert_no_error (error);
  spoof = append_mail (timeline, id, "不審なメールを確認：「請求書の件」", "営業部 山田",
                       "mail.display-name-spoof");
  /* Caught for its attachment, not for our name: the sender's name is nobody we know. */
  macro = append_mail (timeline, id, "不審なメールを確認：「見積書送付」", "経理部 鈴木",
                       "mail.macro-attachment");
  again = append_mail (timeline, id, "不審なメールを確認：「Re: 請求書の件」", "営業部 山田",
                       "mail.display-name-spoof");
  g_assert_true (notice_log (timeline, id, notice, "eml", 3, 120, &error));
  g_assert_no_error (error);
  finding = append (timeline, id, "scan.finding", "Emotet の痕跡：Run キーの rundll32");
  /* The timeline stores what it is given; a notice must not take a line break from it. */
  two_lines = append_mail (timeline, id, "一行目\n二行目", "総務部\n田中",
                           "mail.display-name-spoof");
  /* A direction override would make the letter say something else; U+2028 is a line break the
   * renderer refuses, and would block the whole notice. */
  hidden = append_mail (timeline, id, "不審なメール\u202e\u202c", "総務部\u202e田中",
                        "mail.display-name-spoof");
  separator = append_mail (timeline, id, "不審なメール\u2028二行目", "総務部\u2028田中",
                           "mail.display-name-spoof");
  scan = append (timeline, id, "scan.finished", "システムの検査を完了：検出 1 件");

  variables = known_variables (timeline, id, NULL, now, &error);
  g_assert_no_error (error);
  g_assert_nonnull (variables);

  g_assert_cmpstr (g_hash_table_lookup (variables, "notice_date"), ==, "2026年12月4日");
  g_assert_cmpstr (g_hash_table_lookup (variables, "discovery_date"), ==, "2026年11月23日");
  /* Once, although caught twice; the attachment's sender and the two-line name are not ours. */
  g_assert_cmpstr (g_hash_table_lookup (variables, "spoofed_names"), ==, "営業部 山田");

  events = taiou_timeline_list_events (timeline, id, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < events->len; i++)
    if (g_str_equal (taiou_event_get_kind (events->pdata[i]), "notice.generated"))
      notice_event = events->pdata[i];
  g_assert_nonnull (notice_event);
  {
    g_autofree char *line_spoof = history_line (spoof);
    g_autofree char *line_macro = history_line (macro);
    g_autofree char *line_again = history_line (again);
    g_autofree char *line_notice = history_line (notice_event);
    g_autofree char *line_scan = history_line (scan);

    expected_history = g_strjoin ("\n", line_spoof, line_macro, line_again, line_notice,
                                  line_scan, NULL);
  }
  g_assert_cmpstr (g_hash_table_lookup (variables, "timeline"), ==, expected_history);
  g_assert_null (strstr (expected_history, "Emotet の痕跡"));
  g_assert_null (strstr (expected_history, "一行目"));
  g_assert_null (strstr (expected_history, "不審なメールの添付を開いた"));

  {
    g_autoptr(GDateTime) utc = g_date_time_new_from_unix_utc (
      taiou_event_get_time_us (notice_event) / G_USEC_PER_SEC);
    g_autoptr(GDateTime) local = g_date_time_to_local (utc);

    first_notice = taiou_notice_format_date (local);
  }
  g_assert_cmpstr (g_hash_table_lookup (variables, "first_notice_date"), ==, first_notice);

  /* Without Preferences nothing is made up for them. */
  g_assert_false (g_hash_table_contains (variables, "company"));
  g_assert_false (g_hash_table_contains (variables, "our_domains"));
  g_assert_false (g_hash_table_contains (variables, "contact_name"));
}

/* The first notice is the first one made, however many follow. */
static void
test_first_notice_is_the_first (void)
{
  g_autoptr(TaiouTimeline) timeline = taiou_test_timeline_new (NULL);
  g_autoptr(TaiouIncident) incident = add_incident (timeline);
  gint64 id = taiou_incident_get_id (incident);
  g_autoptr(GDateTime) now = today ();
  g_autoptr(GError) error = NULL;
  g_autoptr(TaiouEvent) first = NULL;
  g_autoptr(TaiouEvent) second = NULL;
  g_autoptr(GHashTable) variables = NULL;
  g_autofree char *first_line = NULL;

  first = append (timeline, id, "notice.generated", "通知を作成：取引先への注意喚起メール");
  second = append (timeline, id, "notice.generated", "通知を作成：続報");
  variables = known_variables (timeline, id, NULL, now, &error);
  g_assert_no_error (error);
  first_line = history_line (first);
  /* history_line() is "DATE　SUMMARY": the date is what comes before the full-width space. */
  *strstr (first_line, "　") = '\0';
  g_assert_cmpstr (g_hash_table_lookup (variables, "first_notice_date"), ==, first_line);
  g_assert_nonnull (strstr (g_hash_table_lookup (variables, "timeline"), "通知を作成：続報"));
}

/* An incident with nothing to tell yet: only the dates it has, no empty values. */
static void
test_nothing_yet (void)
{
  g_autoptr(TaiouTimeline) timeline = taiou_test_timeline_new (NULL);
  g_autoptr(TaiouIncident) incident = add_incident (timeline);
  g_autoptr(GDateTime) now = today ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GHashTable) variables = NULL;

  variables = known_variables (timeline, taiou_incident_get_id (incident), NULL,
                                            now, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_hash_table_size (variables), ==, 2);
  g_assert_cmpstr (g_hash_table_lookup (variables, "notice_date"), ==, "2026年12月4日");
  g_assert_cmpstr (g_hash_table_lookup (variables, "discovery_date"), ==, "2026年11月23日");

  /* No timeline at all: today's date is still known. */
  g_clear_pointer (&variables, g_hash_table_unref);
  variables = known_variables (NULL, 0, NULL, now, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_hash_table_size (variables), ==, 1);
  g_assert_cmpstr (g_hash_table_lookup (variables, "notice_date"), ==, "2026年12月4日");
}

/* A long incident gives a history a letter can hold, and a bounded list of names. */
static void
test_history_is_bounded (void)
{
  g_autoptr(TaiouTimeline) timeline = taiou_test_timeline_new (NULL);
  g_autoptr(TaiouIncident) incident = add_incident (timeline);
  gint64 id = taiou_incident_get_id (incident);
  g_autoptr(GDateTime) now = today ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GHashTable) variables = NULL;
  g_auto(GStrv) lines = NULL;
  g_auto(GStrv) names = NULL;

  for (guint i = 0; i < 30; i++)
    {
      g_autofree char *summary = g_strdup_printf ("不審なメールを確認：%u 通目", i + 1);
      g_autofree char *name = g_strdup_printf ("営業部 社員%u", i + 1);
      g_autoptr(TaiouEvent) event = append_mail (timeline, id, summary, name,
                                                 "mail.display-name-spoof");
    }
  variables = known_variables (timeline, id, NULL, now, &error);
  g_assert_no_error (error);
  lines = g_strsplit (g_hash_table_lookup (variables, "timeline"), "\n", -1);
  names = g_strsplit (g_hash_table_lookup (variables, "spoofed_names"), "\n", -1);
  g_assert_cmpuint (g_strv_length (lines), ==, 20);
  g_assert_cmpuint (g_strv_length (names), ==, 20);
  /* The earliest are kept: how it began matters more to a partner than the latest mail. */
  g_assert_true (g_str_has_suffix (lines[0], "　不審なメールを確認：1 通目"));
  g_assert_cmpstr (names[19], ==, "営業部 社員20");
}

static void
test_unknown_incident (void)
{
  g_autoptr(TaiouTimeline) timeline = taiou_test_timeline_new (NULL);
  g_autoptr(TaiouIncident) incident = add_incident (timeline);
  g_autoptr(GDateTime) now = today ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GHashTable) variables = NULL;

  variables = known_variables (timeline, taiou_incident_get_id (incident) + 41,
                                            NULL, now, &error);
  g_assert_error (error, TAIOU_TIMELINE_ERROR, TAIOU_TIMELINE_ERROR_NOT_FOUND);
  g_assert_null (variables);
}

/* Preferences fill the organisation, our domains (one a line, as a list) and the contact. */
static void
test_settings (void)
{
  GSettingsSchemaSource *source = g_settings_schema_source_get_default ();
  g_autoptr(GSettingsSchema) schema = NULL;
  g_autoptr(GSettingsBackend) backend = NULL;
  g_autoptr(GSettings) settings = NULL;
  g_autoptr(GDateTime) now = today ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GHashTable) variables = NULL;
  const char * const domains[] = { "ourcorp.co.jp", "mail.ourcorp.co.jp", NULL };

  if (source != NULL)
    schema = g_settings_schema_source_lookup (source, APP_ID, TRUE);
  if (schema == NULL)
    {
      g_test_skip ("The app's settings schema is not compiled (GSETTINGS_SCHEMA_DIR)");
      return;
    }
  /* In memory whatever the environment says: a test must not write anyone's Preferences. */
  backend = g_memory_settings_backend_new ();
  settings = g_settings_new_full (schema, backend, NULL);
  g_settings_set_string (settings, "organization-name", "株式会社アワ商事");
  g_settings_set_strv (settings, "mail-domains", domains);
  g_settings_set_string (settings, "it-manager-name", "山田 太郎");
  g_settings_set_string (settings, "it-manager-phone", "03-1234-5678");

  variables = known_variables (NULL, 0, settings, now, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (g_hash_table_lookup (variables, "company"), ==, "株式会社アワ商事");
  g_assert_cmpstr (g_hash_table_lookup (variables, "our_domains"), ==,
                   "ourcorp.co.jp\nmail.ourcorp.co.jp");
  g_assert_cmpstr (g_hash_table_lookup (variables, "contact_name"), ==, "山田 太郎");
  g_assert_cmpstr (g_hash_table_lookup (variables, "contact_phone"), ==, "03-1234-5678");
  /* Left empty in Preferences, so the notice asks for it rather than printing a blank. */
  g_assert_false (g_hash_table_contains (variables, "contact_email"));
}

int
main (int    argc,
      char **argv)
{
  /* Japan, before GLib reads the local time zone; a POSIX rule needs no tzdata. */
  g_setenv ("TZ", "JST-9", TRUE);
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/taiou/notice/known-variables/incident", test_incident);
  g_test_add_func ("/taiou/notice/known-variables/first-notice-is-the-first",
                   test_first_notice_is_the_first);
  g_test_add_func ("/taiou/notice/known-variables/nothing-yet", test_nothing_yet);
  g_test_add_func ("/taiou/notice/known-variables/history-is-bounded", test_history_is_bounded);
  g_test_add_func ("/taiou/notice/known-variables/unknown-incident", test_unknown_incident);
  g_test_add_func ("/taiou/notice/known-variables/settings", test_settings);
  return g_test_run ();
}
