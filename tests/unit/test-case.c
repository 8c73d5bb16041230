/* test-case.c — the case at hand: one incident, one "us", one IOC load, one way to record */
#define G_LOG_DOMAIN "test-case"

#include "config.h"

#define G_SETTINGS_ENABLE_BACKEND
#include <gio/gsettingsbackend.h>
#include <glib/gstdio.h>
#include <string.h>

#include "taiou-settings.h"
#include "taiou-test-util.h"

/* 山田 太郎 (a colleague) with an address outside our domain: a spoofed sender. */
static const char spoofed_mail[] =
  "From: =?UTF-8?B?5bGx55SwIOWkqumDjg==?= <yamada@hacked.example>\r\n"
  "Subject: invoice\r\nDate: Mon, 23 Nov 2026 10:00:00 +0900\r\n"
  "Content-Type: text/plain; charset=UTF-8\r\n\r\n"
  "Please see the attached invoice.\r\n";

static char *
write_temp (const char *name,
            const char *contents)
{
  g_autofree char *dir = g_dir_make_tmp ("taiou-case-XXXXXX", NULL);
  char *path = g_build_filename (dir, name, NULL);

  g_assert_true (g_file_set_contents (path, contents, -1, NULL));
  return path;
}

static void
remove_temp (const char *path)
{
  g_autofree char *dir = g_path_get_dirname (path);

  g_unlink (path);
  g_rmdir (dir);
}

static GStrv
finding_rules (TaiouMailReport *report)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();

  for (guint i = 0; i < report->findings->len; i++)
    g_strv_builder_add (builder, ((TaiouFinding *) report->findings->pdata[i])->rule_id);
  return g_strv_builder_end (builder);
}

/* The app fills "us" from Preferences, the CLI from its flags: the mail check and the notice
 * must not be able to tell the two apart. */
static void
test_profile_app_and_cli (void)
{
  GSettingsSchemaSource *source = g_settings_schema_source_get_default ();
  g_autoptr(GSettingsSchema) schema = NULL;
  g_autoptr(GSettingsBackend) backend = g_memory_settings_backend_new ();
  g_autoptr(GSettings) settings = NULL;
  g_autoptr(TaiouProfile) app_profile = taiou_profile_new ();
  g_autoptr(TaiouProfile) cli_profile = taiou_profile_new ();
  g_autoptr(TaiouCase) app_case = NULL;
  g_autoptr(TaiouCase) cli_case = NULL;
  g_autoptr(TaiouMailReport) app_report = NULL;
  g_autoptr(TaiouMailReport) cli_report = NULL;
  g_autoptr(GHashTable) app_variables = NULL;
  g_autoptr(GHashTable) cli_variables = NULL;
  g_autoptr(GDateTime) today = g_date_time_new_local (2026, 12, 3, 9, 0, 0);
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) app_rules = NULL;
  g_auto(GStrv) cli_rules = NULL;
  g_autofree char *path = write_temp ("spoof.eml", spoofed_mail);
  const char * const domains[] = { "ourcorp.co.jp", NULL };
  const char * const staff[] = { "山田 太郎", NULL };

  if (source != NULL)
    schema = g_settings_schema_source_lookup (source, APP_ID, TRUE);
  g_assert_nonnull (schema);
  settings = g_settings_new_full (schema, backend, NULL);
  g_settings_set_strv (settings, "mail-domains", domains);
  g_settings_set_strv (settings, "staff-names", staff);
  g_settings_set_string (settings, "organization-name", "株式会社アワ商事");
  taiou_settings_bind_profile (settings, app_profile, TRUE);

  /* taiou-cli mail --our-domain ourcorp.co.jp --our-name "山田 太郎", with the organisation. */
  taiou_profile_add_mail_domain (cli_profile, "ourcorp.co.jp");
  taiou_profile_add_staff_name (cli_profile, "山田 太郎");
  taiou_profile_add_staff_name (cli_profile, "");
  taiou_profile_set_organization (cli_profile, "株式会社アワ商事");

  app_case = taiou_case_new (NULL, app_profile);
  cli_case = taiou_case_new (NULL, cli_profile);
  taiou_case_set_ioc_sources (app_case, FALSE, NULL);
  taiou_case_set_ioc_sources (cli_case, FALSE, NULL);

  app_report = taiou_case_check_mail (app_case, path, NULL, &error);
  g_assert_no_error (error);
  cli_report = taiou_case_check_mail (cli_case, path, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (app_report->verdict, ==, TAIOU_MAIL_VERDICT_DANGEROUS);
  g_assert_cmpint (app_report->verdict, ==, cli_report->verdict);
  g_assert_cmpint (app_report->score, ==, cli_report->score);
  app_rules = finding_rules (app_report);
  cli_rules = finding_rules (cli_report);
  g_assert_true (g_strv_contains ((const char * const *) app_rules, "mail.display-name-spoof"));
  g_assert_true (g_strv_equal ((const char * const *) app_rules,
                               (const char * const *) cli_rules));

  app_variables = taiou_case_dup_notice_variables (app_case, NULL, today, &error);
  g_assert_no_error (error);
  cli_variables = taiou_case_dup_notice_variables (cli_case, NULL, today, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (g_hash_table_lookup (app_variables, "company"), ==, "株式会社アワ商事");
  g_assert_cmpstr (g_hash_table_lookup (app_variables, "our_domains"), ==, "ourcorp.co.jp");
  g_assert_cmpuint (g_hash_table_size (app_variables), ==, g_hash_table_size (cli_variables));
  g_assert_cmpstr (g_hash_table_lookup (cli_variables, "company"), ==,
                   g_hash_table_lookup (app_variables, "company"));
  g_assert_cmpstr (g_hash_table_lookup (cli_variables, "our_domains"), ==,
                   g_hash_table_lookup (app_variables, "our_domains"));

  /* The app's profile follows Preferences as they change. */
  g_settings_set_string (settings, "organization-name", "アワ商事株式会社");
  g_assert_cmpstr (taiou_profile_get_organization (app_profile), ==, "アワ商事株式会社");
  remove_temp (path);
}

static void
count_loads (TaiouCase *self,
             guint     *n_loads)
{
  (*n_loads)++;
}

/* However many ask, and however they ask, the IOC set is loaded once and shared. */
static void
test_iocs_load_once (void)
{
  g_autofree char *path = write_temp ("c2.txt", "192.0.2.7\n198.51.100.0/24\n");
  const char *files[] = { path, NULL };
  g_autoptr(TaiouCase) self = taiou_case_new (NULL, NULL);
  g_autoptr(GAsyncResult) first = NULL;
  g_autoptr(GAsyncResult) second = NULL;
  g_autoptr(TaiouIocSet) first_iocs = NULL;
  g_autoptr(TaiouIocSet) second_iocs = NULL;
  g_autoptr(TaiouScanner) scanner = NULL;
  g_autoptr(GError) error = NULL;
  guint n_loads = 0;

  taiou_case_set_ioc_sources (self, FALSE, files);
  g_signal_connect (self, "iocs-loaded", G_CALLBACK (count_loads), &n_loads);
  g_assert_null (taiou_case_get_iocs (self));

  /* Two windows open at once: both wait for the same load. */
  taiou_case_load_iocs_async (self, NULL, taiou_test_store_result, &first);
  taiou_case_load_iocs_async (self, NULL, taiou_test_store_result, &second);
  while (first == NULL || second == NULL)
    g_main_context_iteration (NULL, TRUE);
  first_iocs = taiou_case_load_iocs_finish (self, first, &error);
  g_assert_no_error (error);
  second_iocs = taiou_case_load_iocs_finish (self, second, &error);
  g_assert_no_error (error);
  g_assert_true (first_iocs == second_iocs);
  g_assert_cmpuint (n_loads, ==, 1);
  g_assert_cmpuint (taiou_ioc_set_count (first_iocs, TAIOU_IOC_KIND_IP), ==, 2);

  /* Later callers, sync and through the scanner, get the same set without a second load. */
  g_assert_true (taiou_case_load_iocs (self, NULL, &error) == first_iocs);
  scanner = taiou_case_new_scanner (self, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (taiou_scanner_get_iocs (scanner) == first_iocs);
  g_assert_cmpuint (n_loads, ==, 1);
  g_assert_cmpuint (taiou_case_get_ioc_reports (self)->len, ==, 1);
  remove_temp (path);
}

/* A file the user named that cannot be read is an error, told to every caller. */
static void
test_iocs_unreadable_file (void)
{
  const char *files[] = { "/nonexistent/taiou/iocs.txt", NULL };
  g_autoptr(TaiouCase) self = taiou_case_new (NULL, NULL);
  g_autoptr(GError) error = NULL;

  taiou_case_set_ioc_sources (self, FALSE, files);
  g_assert_null (taiou_case_load_iocs (self, NULL, &error));
  g_assert_error (error, TAIOU_IOC_ERROR, TAIOU_IOC_ERROR_READ);
  g_clear_error (&error);
  g_assert_null (taiou_case_new_scanner (self, NULL, &error));
  g_assert_error (error, TAIOU_IOC_ERROR, TAIOU_IOC_ERROR_READ);
}

static void
count_events (TaiouCase  *self,
              TaiouEvent *event,
              GPtrArray  *kinds)
{
  g_ptr_array_add (kinds, g_strdup (taiou_event_get_kind (event)));
}

/* The incident at hand: the unfinished one at start, then whichever the wizard chose. */
static void
test_incident_at_hand (void)
{
  g_autoptr(TaiouTimeline) timeline = taiou_test_timeline_new (NULL);
  g_autoptr(TaiouIncident) older = taiou_test_add_incident (timeline, "older", 0);
  g_autoptr(TaiouIncident) newer = taiou_test_add_incident (timeline, "newer", 0);
  g_autoptr(TaiouCase) self = NULL;
  g_autoptr(TaiouCase) restarted = NULL;
  g_autoptr(TaiouIncident) for_notice = NULL;
  g_autoptr(TaiouIncident) created = NULL;
  g_autoptr(GPtrArray) kinds = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) events = NULL;
  g_autoptr(GError) error = NULL;
  gint64 newer_id = taiou_incident_get_id (newer);

  self = taiou_case_new (timeline, NULL);
  g_signal_connect (self, "event-recorded", G_CALLBACK (count_events), kinds);
  g_assert_nonnull (taiou_case_get_incident (self));
  g_assert_cmpint (taiou_incident_get_id (taiou_case_get_incident (self)), ==, newer_id);

  /* The wizard records the step reached; the incident at hand then says so. */
  g_assert_true (taiou_case_record_step (self, TAIOU_INCIDENT_STEP_FINISHED, "done", &error));
  g_assert_no_error (error);
  g_assert_cmpstr (taiou_incident_get_step (taiou_case_get_incident (self)), ==,
                   TAIOU_INCIDENT_STEP_FINISHED);

  /* Its response ended: still at hand for the closing screen, but a mail checked now is not
   * recorded in it (a walkthrough found one there) — until it is chosen again. */
  g_assert_false (taiou_case_is_recording (self));
  g_assert_false (taiou_case_add_note (self, "after the end", &error));
  g_assert_error (error, TAIOU_CASE_ERROR, TAIOU_CASE_ERROR_FINISHED);
  g_clear_error (&error);
  /* Chosen again, it is at hand; but the record itself keeps a finished incident closed until
   * someone reopens it. */
  g_assert_true (taiou_case_select_incident (self, newer_id, &error));
  g_assert_true (taiou_case_is_recording (self));
  g_assert_false (taiou_case_add_note (self, "chosen again by the IT manager", &error));
  g_assert_error (error, TAIOU_TIMELINE_ERROR, TAIOU_TIMELINE_ERROR_CLOSED);
  g_clear_error (&error);

  /* A restarted app offers nothing to resume, but a notice is still about the newest. */
  restarted = taiou_case_new (timeline, NULL);
  g_assert_null (taiou_case_get_incident (restarted));
  g_assert_null (taiou_case_dup_unfinished_incident (restarted));
  for_notice = taiou_case_dup_incident_for_notice (restarted);
  g_assert_cmpint (taiou_incident_get_id (for_notice), ==, newer_id);

  /* Nothing at hand: nothing is recorded, and the caller is told why. */
  g_assert_false (taiou_case_add_note (restarted, "note", &error));
  g_assert_error (error, TAIOU_CASE_ERROR, TAIOU_CASE_ERROR_NO_RECORD);
  g_clear_error (&error);

  /* A new response: the wizard's triage creates the incident, which comes to hand. */
  created = taiou_case_create_incident (self, "new", g_get_real_time (), "PC-01", "佐藤",
                                        &error);
  g_assert_no_error (error);
  g_assert_true (taiou_case_get_incident (self) == created);
  g_assert_true (taiou_case_record_answer (self, TAIOU_EVENT_TRIAGE_HOST, "PC: PC-01", NULL,
                                           &error));
  g_assert_true (taiou_case_add_note (self, "電話で確認済み", &error));
  g_assert_no_error (error);
  g_assert_true (taiou_case_select_incident (self, taiou_incident_get_id (older), &error));
  g_assert_cmpint (taiou_incident_get_id (taiou_case_get_incident (self)), ==,
                   taiou_incident_get_id (older));
  g_assert_false (taiou_case_select_incident (self, 999, &error));
  g_assert_error (error, TAIOU_TIMELINE_ERROR, TAIOU_TIMELINE_ERROR_NOT_FOUND);
  g_clear_error (&error);

  /* Every event appended through the case was announced (a step is announced as a new
   * incident at hand instead), and each answer is in the new incident's name. */
  g_assert_cmpuint (kinds->len, ==, 2);
  g_assert_cmpstr (kinds->pdata[0], ==, TAIOU_EVENT_TRIAGE_HOST);
  g_assert_cmpstr (kinds->pdata[1], ==, TAIOU_EVENT_NOTE);
  events = taiou_timeline_list_events (timeline, taiou_incident_get_id (created), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (events->len, ==, 3);
  g_assert_cmpstr (taiou_event_get_actor (events->pdata[1]), ==, "佐藤");
  g_assert_cmpstr (taiou_event_get_summary (events->pdata[2]), ==, "電話で確認済み");
}

/* Without a record (the timeline could not be opened) the case still answers, records nothing,
 * and says why. */
static void
test_without_record (void)
{
  g_autoptr(TaiouCase) self = taiou_case_new (NULL, NULL);
  g_autoptr(TaiouIncident) created = NULL;
  g_autoptr(TaiouTimeline) timeline = NULL;
  g_autoptr(TaiouProfile) profile = NULL;
  g_autoptr(TaiouIncident) incident = NULL;
  g_autoptr(GError) error = NULL;

  g_object_get (self, "timeline", &timeline, "profile", &profile, "incident", &incident, NULL);
  g_assert_null (timeline);
  g_assert_true (TAIOU_IS_PROFILE (profile));
  g_assert_true (profile == taiou_case_get_profile (self));
  g_assert_null (incident);
  g_assert_null (taiou_case_dup_unfinished_incident (self));
  g_assert_null (taiou_case_dup_incident_for_notice (self));

  created = taiou_case_create_incident (self, "x", 0, "PC", "me", &error);
  g_assert_error (error, TAIOU_CASE_ERROR, TAIOU_CASE_ERROR_NO_RECORD);
  g_assert_cmpstr (error->message, ==, "The incident record is not available.");
  g_assert_null (created);
  g_clear_error (&error);

  g_assert_false (taiou_case_select_incident (self, 1, &error));
  g_assert_error (error, TAIOU_CASE_ERROR, TAIOU_CASE_ERROR_NO_RECORD);
  g_clear_error (&error);

  g_assert_false (taiou_case_record_step (self, "scan", "s", &error));
  g_assert_error (error, TAIOU_CASE_ERROR, TAIOU_CASE_ERROR_NO_RECORD);
  g_clear_error (&error);

  g_assert_false (taiou_case_record_answer (self, TAIOU_EVENT_TRIAGE_HOST, "PC", NULL, &error));
  g_assert_error (error, TAIOU_CASE_ERROR, TAIOU_CASE_ERROR_NO_RECORD);
}

static void
count_notify (GObject    *object,
              GParamSpec *pspec,
              guint      *count)
{
  (*count)++;
}

/* The database refuses the write: the caller gets the timeline's error, nothing is announced,
 * and the incident at hand stays as it was. */
static void
test_record_refused (void)
{
  g_autofree char *path = NULL;
  g_autoptr(TaiouTimeline) timeline = taiou_test_timeline_new (&path);
  g_autoptr(TaiouIncident) incident = taiou_test_add_incident (timeline, "at hand", 0);
  g_autoptr(TaiouCase) self = taiou_case_new (timeline, NULL);
  g_autoptr(TaiouIncident) created = NULL;
  g_autoptr(GPtrArray) kinds = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GError) error = NULL;
  guint n_notify = 0;

  g_signal_connect (self, "event-recorded", G_CALLBACK (count_events), kinds);
  g_signal_connect (self, "notify::incident", G_CALLBACK (count_notify), &n_notify);
  taiou_test_sqlite_exec (path, "CREATE TRIGGER no_events BEFORE INSERT ON events "
                          "BEGIN SELECT RAISE(ABORT, 'read-only'); END");

  g_assert_false (taiou_case_record_answer (self, TAIOU_EVENT_TRIAGE_HOST, "PC", NULL, &error));
  g_assert_error (error, TAIOU_TIMELINE_ERROR, TAIOU_TIMELINE_ERROR_IO);
  g_clear_error (&error);
  g_assert_false (taiou_case_record_step (self, "scan", "s", &error));
  g_assert_error (error, TAIOU_TIMELINE_ERROR, TAIOU_TIMELINE_ERROR_IO);
  g_clear_error (&error);
  created = taiou_case_create_incident (self, "new", 0, "PC", "me", &error);
  g_assert_error (error, TAIOU_TIMELINE_ERROR, TAIOU_TIMELINE_ERROR_IO);
  g_assert_null (created);

  g_assert_cmpuint (kinds->len, ==, 0);
  g_assert_cmpuint (n_notify, ==, 0);
  g_assert_cmpint (taiou_incident_get_id (taiou_case_get_incident (self)), ==,
                   taiou_incident_get_id (incident));
  g_assert_cmpstr (taiou_incident_get_step (taiou_case_get_incident (self)), ==, "");
}

/* A mail verdict goes into the incident at hand, without the links. */
static void
test_record_mail (void)
{
  g_autoptr(TaiouTimeline) timeline = taiou_test_timeline_new (NULL);
  g_autoptr(TaiouIncident) incident = taiou_test_add_incident (timeline, "mail", 0);
  g_autoptr(TaiouCase) self = taiou_case_new (timeline, NULL);
  g_autoptr(TaiouMailReport) report = NULL;
  g_autoptr(GPtrArray) events = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *path = write_temp ("link.eml",
                                      "From: a@example.net\r\nSubject: s\r\n\r\n"
                                      "http://192.0.2.7/secret-token-for-recipient\r\n");
  const char *detail;

  taiou_case_set_ioc_sources (self, FALSE, NULL);
  report = taiou_case_check_mail (self, path, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (report->urls->len, ==, 1);
  g_assert_true (taiou_case_record_mail (self, report, &error));
  g_assert_no_error (error);
  events = taiou_timeline_list_events (timeline, taiou_incident_get_id (incident), &error);
  g_assert_cmpuint (events->len, ==, 2);
  g_assert_cmpstr (taiou_event_get_kind (events->pdata[1]), ==, TAIOU_EVENT_MAIL_TRIAGE);
  detail = taiou_event_get_detail (events->pdata[1]);
  g_assert_null (strstr (detail, "\"urls\""));
  g_assert_nonnull (strstr (detail, "\"" TAIOU_EVENT_DETAIL_FINDINGS "\""));
  remove_temp (path);
}

/* The IT manager's note goes to the incident they read, not the one at hand; a correction names
 * the event it corrects and leaves it as it was. */
static void
test_note_to_chosen_incident (void)
{
  g_autoptr(TaiouTimeline) timeline = taiou_test_timeline_new (NULL);
  g_autoptr(TaiouIncident) read = taiou_test_add_incident (timeline, "read", 1);
  g_autoptr(TaiouIncident) at_hand = taiou_test_add_incident (timeline, "at hand", 0);
  g_autoptr(TaiouCase) self = taiou_case_new (timeline, NULL);
  g_autoptr(GPtrArray) events = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) detail = NULL;
  TaiouEvent *correction;
  gint64 corrected;

  g_assert_cmpint (taiou_incident_get_id (taiou_case_get_incident (self)), ==,
                   taiou_incident_get_id (at_hand));
  events = taiou_timeline_list_events (timeline, taiou_incident_get_id (read), &error);
  corrected = taiou_event_get_seq (events->pdata[1]);
  g_clear_pointer (&events, g_ptr_array_unref);

  g_assert_true (taiou_case_add_note_to (self, read, "訂正：時刻は 9 時でした", corrected, &error));
  g_assert_no_error (error);
  g_assert_true (taiou_case_add_note_to (self, read, "plain", 0, &error));

  events = taiou_timeline_list_events (timeline, taiou_incident_get_id (read), &error);
  g_assert_cmpuint (events->len, ==, 4);
  correction = events->pdata[2];
  g_assert_cmpstr (taiou_event_get_kind (correction), ==, TAIOU_EVENT_NOTE);
  detail = json_from_string (taiou_event_get_detail (correction), &error);
  g_assert_no_error (error);
  g_assert_cmpint (json_object_get_int_member (json_node_get_object (detail),
                                               TAIOU_EVENT_DETAIL_REFERS_TO), ==, corrected);
  g_assert_cmpstr (taiou_event_get_summary (events->pdata[1]), ==, "note 1");
  g_clear_pointer (&events, g_ptr_array_unref);
  events = taiou_timeline_list_events (timeline, taiou_incident_get_id (at_hand), &error);
  g_assert_cmpuint (events->len, ==, 1);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/taiou/case/profile-app-and-cli", test_profile_app_and_cli);
  g_test_add_func ("/taiou/case/iocs-load-once", test_iocs_load_once);
  g_test_add_func ("/taiou/case/iocs-unreadable-file", test_iocs_unreadable_file);
  g_test_add_func ("/taiou/case/incident-at-hand", test_incident_at_hand);
  g_test_add_func ("/taiou/case/record-mail", test_record_mail);
  g_test_add_func ("/taiou/case/without-record", test_without_record);
  g_test_add_func ("/taiou/case/record-refused", test_record_refused);
  g_test_add_func ("/taiou/case/note-to-chosen-incident", test_note_to_chosen_incident);

  return g_test_run ();
}
