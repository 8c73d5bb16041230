/* taiou-mail-report.c — a mail verdict as JSON and in an incident's timeline
 *
 * The record names the mail (sender, subject, attachments and their hashes) and why it was
 * judged so, but never holds the body: a business mail may carry personal data, and the
 * timeline is exported and forwarded.
 */
#define G_LOG_DOMAIN "taiou-mail-triage"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "taiou-event-kinds.h"
#include "taiou-mail-triage.h"

/**
 * taiou_mail_report_to_json:
 *
 * Returns: (transfer full): the report without any body text
 */
JsonObject *
taiou_mail_report_to_json (TaiouMailReport *report)
{
  JsonObject *object = json_object_new ();
  JsonArray *attachments = json_array_new ();
  JsonArray *urls = json_array_new ();
  JsonArray *findings = json_array_new ();

  g_return_val_if_fail (report != NULL, object);

  json_object_set_string_member (object, "source", report->source);
  json_object_set_string_member (object, "verdict",
                                 taiou_mail_verdict_to_string (report->verdict));
  json_object_set_string_member (object, "verdict_ja",
                                 taiou_mail_verdict_label_ja (report->verdict));
  json_object_set_int_member (object, "score", report->score);
  json_object_set_string_member (object, "subject", report->subject);
  json_object_set_string_member (object, TAIOU_EVENT_DETAIL_FROM_NAME, report->from_name);
  json_object_set_string_member (object, "from_address", report->from_address);
  json_object_set_string_member (object, "reply_to", report->reply_to);
  json_object_set_string_member (object, "return_path", report->return_path);
  if (report->date != NULL)
    {
      g_autofree char *date = g_date_time_format_iso8601 (report->date);

      json_object_set_string_member (object, "date", date);
    }
  for (guint i = 0; i < report->attachments->len; i++)
    {
      TaiouMailAttachment *attachment = report->attachments->pdata[i];
      JsonObject *entry = json_object_new ();

      json_object_set_string_member (entry, "name", attachment->name);
      json_object_set_string_member (entry, "path", attachment->path);
      json_object_set_string_member (entry, "content_type", attachment->content_type);
      json_object_set_string_member (entry, "type", attachment->kind);
      json_object_set_int_member (entry, "size", (gint64) attachment->size);
      json_object_set_string_member (entry, "sha256", attachment->sha256);
      json_array_add_object_element (attachments, entry);
    }
  for (guint i = 0; i < report->urls->len; i++)
    json_array_add_string_element (urls, report->urls->pdata[i]);
  for (guint i = 0; i < report->findings->len; i++)
    json_array_add_object_element (findings, taiou_finding_to_json (report->findings->pdata[i]));
  json_object_set_array_member (object, "attachments", attachments);
  json_object_set_array_member (object, "urls", urls);
  json_object_set_array_member (object, TAIOU_EVENT_DETAIL_FINDINGS, findings);
  return object;
}
