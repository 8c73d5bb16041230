/* taiou-screenshot-records.c — the sample incidents the screenshots show: two in the record
 * view, one stopped at each wizard step, with password marks and report events where a view
 * needs them. */
#include "config.h"

#include "taiou.h"
#include "taiou-screenshot-records.h"

void
taiou_screenshot_add_sample_incidents (const char *db_path)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TaiouTimeline) timeline = taiou_timeline_open (db_path, &error);
  g_autoptr(TaiouIncident) older = NULL;
  g_autoptr(TaiouIncident) newer = NULL;
  g_autoptr(TaiouEvent) event = NULL;
  g_autoptr(JsonNode) mail = NULL;
  TaiouAppiDeadlines deadlines;

  if (timeline == NULL)
    g_error ("%s", error->message);
  older = taiou_timeline_create_incident (timeline, "メールの添付ファイルを開いた (PC-03)",
                                          g_get_real_time () - 3 * G_TIME_SPAN_DAY, "PC-03",
                                          "佐藤 花子", &error);
  newer = taiou_timeline_create_incident (timeline,
                                          "添付ファイルを開き、内容（マクロ）を有効にした (PC-07)",
                                          g_get_real_time () - G_TIME_SPAN_HOUR, "PC-07",
                                          "山田 太郎", &error);
  event = taiou_timeline_append (timeline, taiou_incident_get_id (newer), "triage.what-happened",
                                 "山田 太郎",
                                 "起きたこと：添付ファイルを開き、内容（マクロ）を有効にした",
                                 NULL, &error);
  g_clear_object (&event);
  g_clear_object (&event);
  event = taiou_timeline_append (timeline, taiou_incident_get_id (newer), "note", "鈴木 一郎",
                                 "LAN ケーブルを抜いたことを電話で確認", NULL, &error);
  g_clear_object (&event);
  mail = json_from_string (
    "{\"verdict\": \"dangerous\", \"verdict_ja\": \"危険\", \"score\": 120,"
    " \"subject\": \"Re: 御見積書の件\", \"from_address\": \"tanaka@examp1e.co.jp\","
    " \"findings\": [{\"rule\": \"mail.lookalike-domain\", \"score\": 60,"
    " \"message\": \"Sender domain examp1e.co.jp looks very much like our domain example.co.jp.\","
    " \"message_ja\": \"差出人のドメイン examp1e.co.jp は、自社のドメイン example.co.jp によく似ていますが別物です。\","
    " \"evidence_ja\": \"From: tanaka@examp1e.co.jp、examp1e.co.jp は自社の example.co.jp に似ています\"},"
    " {\"rule\": \"attachment.macro\", \"score\": 60,"
    " \"message\": \"The attachment holds a macro that runs when the document opens.\","
    " \"message_ja\": \"添付ファイルに、開くと動くマクロが入っています。\","
    " \"evidence_ja\": \"見積書.docm: AutoOpen\"}],"
    " \"attachments\": [\"見積書.docm\"]}", NULL);
  event = taiou_timeline_append (timeline, taiou_incident_get_id (newer), "mail.triage", "山田 太郎",
                                 "メール「Re: 御見積書の件」（tanaka@examp1e.co.jp）：危険（スコア 120）",
                                 json_node_get_object (mail), &error);
  g_clear_object (&event);
  if (taiou_appi_compute (taiou_incident_get_discovered_us (newer), g_get_real_time (),
                          TAIOU_APPI_TRIGGER_UNLAWFUL_PURPOSE, &deadlines, NULL))
    {
      g_autoptr(JsonObject) assessed = taiou_appi_deadlines_to_json (&deadlines);

      json_object_set_boolean_member (assessed, TAIOU_EVENT_DETAIL_PERSONAL_DATA, TRUE);
      event = taiou_timeline_append (timeline, taiou_incident_get_id (newer),
                                     TAIOU_EVENT_APPI_ASSESSED, "山田 太郎",
                                     "個人データが漏えいしたおそれ：あり", assessed, &error);
    }
  taiou_timeline_set_incident_step (timeline, taiou_incident_get_id (newer), "finished",
                                    g_dgettext (GETTEXT_PACKAGE, "Went through every step"),
                                    "山田 太郎", &error);
  if (error != NULL)
    g_error ("%s", error->message);
}

static const char * const wizard_steps[] = {
  "triage", "disconnect", "scan", "passwords", "notify", "report",
};

/* An incident whose worker got as far as @step, to resume there. */
gint64
taiou_screenshot_add_incident_at_step (const char *db_path,
                      const char *step)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TaiouTimeline) timeline = taiou_timeline_open (db_path, &error);
  g_autoptr(TaiouIncident) incident = NULL;

  if (timeline == NULL)
    g_error ("%s", error->message);
  incident = taiou_timeline_create_incident (timeline, "添付ファイルを開いた (PC-07)",
                                             g_get_real_time () - G_TIME_SPAN_HOUR, "PC-07",
                                             "山田 太郎", &error);
  if (incident == NULL)
    g_error ("%s", error->message);
  /* As a worker would have got there: triage answered, "disconnect" skipped, the rest done. */
  for (guint i = 1; i < G_N_ELEMENTS (wizard_steps); i++)
    {
      g_autoptr(TaiouEvent) skipped = NULL;

      if (g_strcmp0 (wizard_steps[i - 1], "disconnect") == 0)
        {
          g_autoptr(JsonObject) detail = json_object_new ();

          json_object_set_string_member (detail, TAIOU_EVENT_DETAIL_STEP, "disconnect");
          skipped = taiou_timeline_append (timeline, taiou_incident_get_id (incident),
                                           TAIOU_EVENT_WIZARD_SKIPPED, "山田 太郎",
                                           "Skipped the step “Disconnect”", detail, &error);
          if (skipped == NULL)
            g_error ("%s", error->message);
        }
      if (!taiou_timeline_set_incident_step (timeline, taiou_incident_get_id (incident),
                                             wizard_steps[i], NULL, "山田 太郎", &error))
        g_error ("%s", error->message);
      if (g_strcmp0 (wizard_steps[i], step) == 0)
        break;
    }
  return taiou_incident_get_id (incident);
}

/* The passwords step, part done: past the gate, two items marked. */
void
taiou_screenshot_add_password_marks (const char *db_path,
                    gint64      incident_id)
{
  const char *marks[][2] = {
    { TAIOU_EVENT_PASSWORDS_ACKNOWLEDGED, "{\"guidance\":\"passwords.after-removal\"}" },
    { TAIOU_EVENT_PASSWORDS_ITEM, "{\"item\":\"mail\",\"state\":\"done\"}" },
    { TAIOU_EVENT_PASSWORDS_ITEM, "{\"item\":\"vpn\",\"state\":\"not-applicable\"}" },
  };
  g_autoptr(GError) error = NULL;
  g_autoptr(TaiouTimeline) timeline = taiou_timeline_open (db_path, &error);

  for (gsize i = 0; timeline != NULL && i < G_N_ELEMENTS (marks); i++)
    {
      g_autoptr(JsonNode) detail = json_from_string (marks[i][1], &error);
      g_autoptr(TaiouEvent) event = NULL;

      event = taiou_timeline_append (timeline, incident_id, marks[i][0], "山田 太郎", marks[i][0],
                                     json_node_get_object (detail), &error);
      if (event == NULL)
        break;
    }
  if (error != NULL)
    g_error ("%s", error->message);
}

/* The report step's answers for an Emotet case: personal data, unauthorised access, the
 * deadlines computed, the 速報 done and, for the closing screen, the hand-over. */
void
taiou_screenshot_add_report_events (const char *db_path,
                   gboolean    handed_over)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TaiouTimeline) timeline = taiou_timeline_open (db_path, &error);
  g_autoptr(GPtrArray) incidents = NULL;
  g_autoptr(JsonObject) assessed = NULL;
  g_autoptr(JsonObject) done = json_object_new ();
  g_autoptr(JsonObject) file = json_object_new ();
  g_autoptr(TaiouEvent) event1 = NULL;
  g_autoptr(TaiouEvent) event2 = NULL;
  g_autoptr(TaiouEvent) event3 = NULL;
  TaiouAppiDeadlines deadlines;
  TaiouIncident *incident;

  if (timeline == NULL || (incidents = taiou_timeline_list_incidents (timeline, &error)) == NULL)
    g_error ("%s", error->message);
  incident = incidents->pdata[0];
  if (!taiou_appi_compute (taiou_incident_get_discovered_us (incident), g_get_real_time (),
                           TAIOU_APPI_TRIGGER_UNLAWFUL_PURPOSE, &deadlines, &error))
    g_error ("%s", error->message);
  assessed = taiou_appi_deadlines_to_json (&deadlines);
  json_object_set_boolean_member (assessed, TAIOU_EVENT_DETAIL_PERSONAL_DATA, TRUE);
  event1 = taiou_timeline_append (timeline, taiou_incident_get_id (incident),
                                  TAIOU_EVENT_APPI_ASSESSED, "山田 太郎", "個人情報を確認",
                                  assessed, &error);
  json_object_set_string_member (done, TAIOU_EVENT_DETAIL_APPI_ITEM, "preliminary");
  event2 = taiou_timeline_append (timeline, taiou_incident_get_id (incident),
                                  TAIOU_EVENT_APPI_DONE, "山田 太郎", "速報を完了", done, &error);
  if (handed_over)
    {
      json_object_set_string_member (file, "file", "summary.html");
      event3 = taiou_timeline_append (timeline, taiou_incident_get_id (incident),
                                      TAIOU_EVENT_REPORT_HANDED_OVER, "山田 太郎", "引き継ぎ",
                                      file, &error);
    }
  if (error != NULL)
    g_error ("%s", error->message);
}
