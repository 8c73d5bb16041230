/* test-incident-summary.c — what was done and what remains, read from a real record, and the
 * hand-over HTML made from it: dated, in order, escaped, capped */
#define G_LOG_DOMAIN "test-incident-summary"

#include "config.h"

#include "taiou-event-private.h"
#include "taiou-test-util.h"

static const char * const step_ids[] = { "triage", "disconnect", "scan", "report", NULL };
static const char * const step_titles[] = { "What happened", "Disconnect", "Check", "Report",
                                            NULL };

#define HOSTILE "<script>alert(\"x\")</script>&amp;'\n<img src=x onerror=alert(1)>"

typedef struct
{
  char          *db_path;
  TaiouTimeline *timeline;
  TaiouCase     *case_at_hand;
  TaiouIncident *incident;
} Fixture;

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  user_data)
{
  g_autoptr(GError) error = NULL;

  fixture->timeline = taiou_test_timeline_new (&fixture->db_path);
  fixture->case_at_hand = taiou_case_new (fixture->timeline, NULL);
  fixture->incident = taiou_case_create_incident (fixture->case_at_hand, "Opened " HOSTILE,
                                                  g_get_real_time () - G_TIME_SPAN_DAY,
                                                  "PC-07", "山田 太郎", &error);
  g_assert_no_error (error);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  user_data)
{
  g_clear_object (&fixture->incident);
  g_clear_object (&fixture->case_at_hand);
  g_clear_object (&fixture->timeline);
  g_free (fixture->db_path);
}

static void
record (Fixture    *fixture,
        const char *kind,
        const char *summary,
        JsonObject *detail)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (taiou_case_record_answer (fixture->case_at_hand, kind, summary, detail, &error));
  g_assert_no_error (error);
}

static void
move_to (Fixture    *fixture,
         const char *step)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (taiou_case_record_step (fixture->case_at_hand, step, "moved", &error));
  g_assert_no_error (error);
}

static void
skip (Fixture    *fixture,
      const char *from,
      const char *to)
{
  g_autoptr(JsonObject) detail = json_object_new ();

  json_object_set_string_member (detail, TAIOU_EVENT_DETAIL_STEP, from);
  record (fixture, TAIOU_EVENT_WIZARD_SKIPPED, "skipped", detail);
  move_to (fixture, to);
}

static void
assess (Fixture           *fixture,
        gboolean           personal_data,
        TaiouAppiTriggers  triggers)
{
  TaiouAppiDeadlines deadlines;
  g_autoptr(JsonObject) detail = NULL;

  g_assert_true (taiou_appi_compute (taiou_incident_get_discovered_us (fixture->incident),
                                     g_get_real_time (), triggers, &deadlines, NULL));
  detail = taiou_appi_deadlines_to_json (&deadlines);
  json_object_set_boolean_member (detail, TAIOU_EVENT_DETAIL_PERSONAL_DATA, personal_data);
  record (fixture, TAIOU_EVENT_APPI_ASSESSED, "assessed", detail);
}

static void
mark_done (Fixture       *fixture,
           TaiouAppiItem  item)
{
  g_autoptr(JsonObject) detail = json_object_new ();

  json_object_set_string_member (detail, TAIOU_EVENT_DETAIL_APPI_ITEM,
                                 taiou_appi_item_to_string (item));
  record (fixture, TAIOU_EVENT_APPI_DONE, "done", detail);
}

static TaiouIncidentSummary *
read_summary (Fixture *fixture)
{
  g_autoptr(GError) error = NULL;
  TaiouIncidentSummary *summary;

  summary = taiou_incident_summary_read (fixture->timeline,
                                         taiou_incident_get_id (fixture->incident),
                                         (const char * const *) step_ids,
                                         (const char * const *) step_titles, &error);
  g_assert_no_error (error);
  g_assert_nonnull (summary);
  return summary;
}

static const char *
item_text (GPtrArray *items,
           guint      index)
{
  g_assert_cmpuint (index, <, items->len);
  return ((TaiouSummaryItem *) items->pdata[index])->text;
}

static void
test_nothing_done_yet (Fixture       *fixture,
                       gconstpointer  user_data)
{
  g_autoptr(TaiouIncidentSummary) summary = read_summary (fixture);

  g_assert_cmpuint (summary->done->len, ==, 0);
  g_assert_cmpuint (summary->n_steps_not_yet, ==, 4);
  /* Every step, the personal-data question, the hand-over. */
  g_assert_cmpuint (summary->remaining->len, ==, 6);
  g_assert_cmpstr (item_text (summary->remaining, 0), ==, "Not done yet: What happened");
  g_assert_cmpstr (item_text (summary->remaining, 4), ==,
                   "Check whether personal data may have leaked");
  g_assert_cmpstr (item_text (summary->remaining, 5), ==,
                   "Hand the incident over to the IT manager");
  /* Titles are one clean line. */
  g_assert_null (strchr (summary->title, '\n'));
}

static void
test_done_and_remaining_in_order (Fixture       *fixture,
                                  gconstpointer  user_data)
{
  g_autoptr(TaiouIncidentSummary) summary = NULL;
  g_autoptr(TaiouEvent) mail = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) handover = json_object_new ();

  move_to (fixture, "disconnect");
  skip (fixture, "disconnect", "scan");
  mail = taiou_timeline_append (fixture->timeline, taiou_incident_get_id (fixture->incident),
                                TAIOU_EVENT_MAIL_TRIAGE, NULL, "Mail " HOSTILE ": 危険", NULL,
                                &error);
  g_assert_no_error (error);
  move_to (fixture, "report");
  assess (fixture, TRUE, TAIOU_APPI_TRIGGER_UNLAWFUL_PURPOSE);
  mark_done (fixture, TAIOU_APPI_ITEM_PRELIMINARY);
  json_object_set_string_member (handover, "file", "summary.html");
  record (fixture, TAIOU_EVENT_REPORT_HANDED_OVER, "handed over", handover);

  summary = read_summary (fixture);
  g_assert_cmpuint (summary->n_steps_done, ==, 2);
  g_assert_cmpuint (summary->n_steps_skipped, ==, 1);
  g_assert_cmpuint (summary->n_steps_not_yet, ==, 1);

  /* Done, oldest first: triage, the mail, the scan step, the assessment, the 速報, hand-over. */
  g_assert_cmpuint (summary->done->len, ==, 6);
  g_assert_cmpstr (item_text (summary->done, 0), ==, "Step done: What happened");
  g_assert_true (g_str_has_prefix (item_text (summary->done, 1), "Mail <script>"));
  /* The line break of the hostile text became a space. */
  g_assert_null (strchr (item_text (summary->done, 1), '\n'));
  g_assert_cmpstr (item_text (summary->done, 2), ==, "Step done: Check");
  g_assert_true (g_str_has_prefix (item_text (summary->done, 3), "Checked personal data: it may"));
  g_assert_cmpstr (item_text (summary->done, 4), ==,
                   "Made the preliminary report to the Personal Information Protection "
                   "Commission");
  g_assert_cmpstr (item_text (summary->done, 5), ==, "Handed the incident over to the IT manager");
  for (guint i = 1; i < summary->done->len; i++)
    g_assert_cmpint (((TaiouSummaryItem *) summary->done->pdata[i - 1])->time_us, <=,
                     ((TaiouSummaryItem *) summary->done->pdata[i])->time_us);
  g_assert_cmpint (((TaiouSummaryItem *) summary->done->pdata[0])->time_us, >, 0);

  /* Remaining: the skipped step, the step not reached, the 確報 (60 days) and 本人通知. */
  g_assert_true (summary->personal_data);
  g_assert_cmpuint (summary->appi.final_days, ==, 60);
  g_assert_cmpint (summary->appi_done_us[TAIOU_APPI_ITEM_PRELIMINARY], >, 0);
  g_assert_cmpint (summary->handed_over_us, >, 0);
  g_assert_cmpuint (summary->remaining->len, ==, 4);
  g_assert_cmpstr (item_text (summary->remaining, 0), ==, "Skipped, not done: Disconnect");
  g_assert_cmpstr (item_text (summary->remaining, 1), ==, "Not done yet: Report");
  g_assert_true (g_str_has_prefix (item_text (summary->remaining, 2), "Final report"));
  g_assert_nonnull (strstr (item_text (summary->remaining, 2), "(60 days, a guide)"));
  g_assert_true (g_str_has_prefix (item_text (summary->remaining, 3), "Notify the persons"));
}

static void
test_no_personal_data_leaves_no_deadline (Fixture       *fixture,
                                          gconstpointer  user_data)
{
  g_autoptr(TaiouIncidentSummary) summary = NULL;

  assess (fixture, FALSE, TAIOU_APPI_TRIGGER_NONE);
  summary = read_summary (fixture);
  g_assert_true (summary->appi_assessed);
  g_assert_false (summary->personal_data);
  for (guint i = 0; i < summary->remaining->len; i++)
    g_assert_cmpstr (((TaiouSummaryItem *) summary->remaining->pdata[i])->kind, !=,
                     TAIOU_EVENT_APPI_DONE);
}

/* The hand-over file escapes everything that came from the record and stands alone. */
static void
test_html_escapes_hostile_text (Fixture       *fixture,
                                gconstpointer  user_data)
{
  g_autoptr(TaiouIncidentSummary) summary = NULL;
  g_autoptr(TaiouProfile) profile = taiou_profile_new ();
  g_autoptr(TaiouGuidance) guidance = NULL;
  g_autoptr(TaiouEvent) mail = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *html = NULL;

  mail = taiou_timeline_append (fixture->timeline, taiou_incident_get_id (fixture->incident),
                                TAIOU_EVENT_MAIL_TRIAGE, NULL, "Mail " HOSTILE, NULL, &error);
  g_assert_no_error (error);
  assess (fixture, TRUE, TAIOU_APPI_TRIGGER_OVER_1000);
  g_object_set (profile, "contact-name", "鈴木 <b>一郎</b>", "contact-phone", "03-1234-5678",
                NULL);
  guidance = taiou_guidance_load_step ("report", &error);
  g_assert_no_error (error);

  summary = read_summary (fixture);
  taiou_incident_summary_mark_handed_over (summary, g_get_real_time ());
  g_assert_cmpstr (item_text (summary->done, summary->done->len - 1), ==,
                   "Handed the incident over to the IT manager");
  for (guint i = 0; i < summary->remaining->len; i++)
    g_assert_cmpstr (((TaiouSummaryItem *) summary->remaining->pdata[i])->kind, !=,
                     TAIOU_EVENT_REPORT_HANDED_OVER);
  html = taiou_report_html_render (summary, profile, guidance, g_get_real_time ());
  g_assert_true (g_str_has_prefix (html, "<!DOCTYPE html>"));
  g_assert_true (g_utf8_validate (html, -1, NULL));
  g_assert_null (strstr (html, "<script"));
  g_assert_null (strstr (html, "<img"));
  g_assert_null (strstr (html, "<b>"));
  g_assert_nonnull (strstr (html, "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;"
                                  "&amp;amp;&apos; &lt;img"));
  g_assert_nonnull (strstr (html, "鈴木 &lt;b&gt;一郎&lt;/b&gt;"));
  g_assert_nonnull (strstr (html, "default-src 'none'"));
  /* Contacts and the APPI basis are cited records with their addresses. */
  g_assert_nonnull (strstr (html, "href=\"https://www.ipa.go.jp/security/support/soudan.html\""));
  g_assert_nonnull (strstr (html, "https://www.jpcert.or.jp/form/"));
  g_assert_nonnull (strstr (html, "https://www.ppc.go.jp/personalinfo/legal/leakAction/"));
  g_assert_nonnull (strstr (html, "(30 days)"));
  g_assert_nonnull (strstr (html, "a guide"));
}

/* A record swollen with events is summarised, not copied whole. */
static void
test_capped (void)
{
  g_autoptr(TaiouIncident) incident = NULL;
  g_autoptr(GPtrArray) events = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(TaiouIncidentSummary) summary = NULL;
  g_autofree char *db_path = NULL;
  g_autoptr(TaiouTimeline) timeline = taiou_test_timeline_new (&db_path);
  g_autofree char *long_text = g_strnfill (10000, 'x');
  g_autoptr(GError) error = NULL;

  incident = taiou_timeline_create_incident (timeline, long_text, g_get_real_time (), "PC",
                                             "me", &error);
  g_assert_no_error (error);
  for (guint i = 0; i < TAIOU_SUMMARY_MAX_ITEMS + 20; i++)
    {
      TaiouEventFields fields = {
        .seq = i + 1, .incident_id = 1, .time_us = i, .kind = TAIOU_EVENT_SCAN_FINISHED,
        .summary = long_text, .detail = i % 2 == 0 ? "[1,2" : "{\"step\":5}",
      };

      g_ptr_array_add (events, _taiou_event_new (&fields, TAIOU_EVENT_GENESIS_HASH,
                                                 TAIOU_EVENT_GENESIS_HASH));
    }
  summary = taiou_incident_summary_new (incident, events, (const char * const *) step_ids,
                                        (const char * const *) step_titles);
  g_assert_cmpuint (summary->done->len, ==, TAIOU_SUMMARY_MAX_ITEMS);
  g_assert_cmpuint (summary->n_left_out, ==, 20);
  g_assert_cmpuint (g_utf8_strlen (item_text (summary->done, 0), -1), ==,
                    TAIOU_SUMMARY_MAX_TEXT_CHARS + 1);
  g_assert_cmpuint (g_utf8_strlen (summary->title, -1), ==, TAIOU_SUMMARY_MAX_TEXT_CHARS + 1);
}

static gboolean
next_deadline (Fixture       *fixture,
               TaiouAppiItem *item,
               GDate         *due)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TaiouIncidentSummary) summary = NULL;

  summary = taiou_incident_summary_read_deadlines (fixture->timeline, fixture->incident, NULL,
                                                   &error);
  g_assert_no_error (error);
  return taiou_incident_summary_next_deadline (summary, item, due);
}

/* The list of incidents shows the report due next: the 速報 until it is marked done, then the
 * 確報, then nothing; an incident without personal data owes none. */
static void
test_next_deadline (Fixture       *fixture,
                    gconstpointer  user_data)
{
  TaiouAppiDeadlines deadlines;
  TaiouAppiItem item = TAIOU_APPI_N_ITEMS;
  GDate due;

  g_assert_false (next_deadline (fixture, &item, &due));
  assess (fixture, FALSE, TAIOU_APPI_TRIGGER_NONE);
  g_assert_false (next_deadline (fixture, &item, &due));

  assess (fixture, TRUE, TAIOU_APPI_TRIGGER_UNLAWFUL_PURPOSE);
  g_assert_true (taiou_appi_compute (taiou_incident_get_discovered_us (fixture->incident),
                                     g_get_real_time (), TAIOU_APPI_TRIGGER_UNLAWFUL_PURPOSE,
                                     &deadlines, NULL));
  g_assert_true (next_deadline (fixture, &item, &due));
  g_assert_cmpint (item, ==, TAIOU_APPI_ITEM_PRELIMINARY);
  g_assert_cmpint (g_date_compare (&due, &deadlines.preliminary_until), ==, 0);

  mark_done (fixture, TAIOU_APPI_ITEM_NOTIFY_PERSONS);
  mark_done (fixture, TAIOU_APPI_ITEM_PRELIMINARY);
  g_assert_true (next_deadline (fixture, &item, &due));
  g_assert_cmpint (item, ==, TAIOU_APPI_ITEM_FINAL);
  g_assert_cmpint (g_date_compare (&due, &deadlines.final_due), ==, 0);

  mark_done (fixture, TAIOU_APPI_ITEM_FINAL);
  g_assert_false (next_deadline (fixture, &item, &due));
}

#define ADD_TEST(path, func) \
  g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);
  taiou_i18n_init ();

  ADD_TEST ("/taiou/incident-summary/nothing-done-yet", test_nothing_done_yet);
  ADD_TEST ("/taiou/incident-summary/done-and-remaining-in-order",
            test_done_and_remaining_in_order);
  ADD_TEST ("/taiou/incident-summary/no-personal-data-leaves-no-deadline",
            test_no_personal_data_leaves_no_deadline);
  ADD_TEST ("/taiou/incident-summary/html-escapes-hostile-text", test_html_escapes_hostile_text);
  g_test_add_func ("/taiou/incident-summary/capped", test_capped);
  ADD_TEST ("/taiou/incident-summary/next-deadline", test_next_deadline);

  return g_test_run ();
}
