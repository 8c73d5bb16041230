/* taiou-report-html.c — the hand-over summary as one standalone, printable HTML file
 *
 * The worker saves it when handing the incident over; the IT manager opens it in any browser or
 * prints it.  It stands alone (no script, no image, no link it loads; a Content-Security-Policy
 * that forbids them) and everything in it that came from the record, the profile or the
 * guidance is escaped: an event's text is whatever someone typed or a mail's subject said.
 */
#define G_LOG_DOMAIN "taiou-report"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "taiou-i18n.h"
#include "taiou-report-html.h"

const char * const taiou_report_contact_records[] = {
  "report.ipa-company-desk",
  "report.police-station",
  "report.police-online",
  "report.jpcert-form",
  NULL,
};

const char * const taiou_report_appi_records[] = {
  "report.ppc-when",
  "report.ppc-form",
  NULL,
};

static const char style[] =
  "body{font-family:sans-serif;line-height:1.6;max-width:48em;margin:2em auto;padding:0 1em;"
  "color:#222;background:#fff}"
  "h1{font-size:1.5em}h2{font-size:1.2em;border-bottom:1px solid #999;margin-top:1.6em}"
  "table{border-collapse:collapse;width:100%}"
  "th,td{border:1px solid #bbb;padding:.3em .5em;text-align:left;vertical-align:top}"
  "th{background:#eee;white-space:nowrap}"
  ".note,.source{font-size:.9em;color:#555}"
  "@media print{body{margin:0;max-width:none}a{color:inherit}}";

/* Appends @text escaped for HTML text and attribute values alike. */
static void
append_escaped (GString    *html,
                const char *text)
{
  g_autofree char *escaped = g_markup_escape_text (text != NULL ? text : "", -1);

  g_string_append (html, escaped);
}

static void
append_element (GString    *html,
                const char *tag,
                const char *text)
{
  g_string_append_printf (html, "<%s>", tag);
  append_escaped (html, text);
  g_string_append_printf (html, "</%s>\n", tag);
}

static void
append_row (GString    *html,
            const char *header,
            const char *value)
{
  g_string_append (html, "<tr><th>");
  append_escaped (html, header);
  g_string_append (html, "</th><td>");
  append_escaped (html, value != NULL && value[0] != '\0' ? value : "—");
  g_string_append (html, "</td></tr>\n");
}

static void
append_time_row (GString    *html,
                 const char *header,
                 gint64      time_us,
                 gboolean    japanese)
{
  g_autofree char *time = taiou_appi_format_local_time (time_us, japanese);

  append_row (html, header, time);
}

/* A record's text with 「出典：…」 and its address under it, as the wizard shows it. */
static void
append_guidance (GString       *html,
                 TaiouGuidance *guidance,
                 const char    *id,
                 gboolean       japanese)
{
  const TaiouGuidanceRecord *record = guidance != NULL ? taiou_guidance_lookup (guidance, id)
                                                       : NULL;
  g_autofree char *citation = NULL;

  if (record == NULL)
    return;
  citation = taiou_guidance_record_format_citation (record, japanese);
  g_string_append (html, "<li>");
  append_escaped (html, taiou_guidance_record_get_text (record, japanese));
  g_string_append (html, "<br><span class=\"source\">");
  append_escaped (html, citation);
  g_string_append (html, " <a href=\"");
  append_escaped (html, record->url);
  g_string_append (html, "\">");
  append_escaped (html, record->url);
  g_string_append (html, "</a></span></li>\n");
}

static void
append_items (GString   *html,
              GPtrArray *items,
              gboolean   dated,
              gboolean   japanese)
{
  if (items->len == 0)
    {
      g_string_append (html, "<p>");
      append_escaped (html, _("Nothing."));
      g_string_append (html, "</p>\n");
      return;
    }
  if (!dated)
    g_string_append (html, "<ul>\n");
  else
    {
      g_string_append (html, "<table>\n<tr><th>");
      append_escaped (html, _("When"));
      g_string_append (html, "</th><th>");
      append_escaped (html, _("What"));
      g_string_append (html, "</th></tr>\n");
    }
  for (guint i = 0; i < items->len; i++)
    {
      TaiouSummaryItem *item = items->pdata[i];

      if (dated)
        {
          g_autofree char *time = taiou_appi_format_local_time (item->time_us, japanese);

          g_string_append (html, "<tr><td>");
          append_escaped (html, time);
          g_string_append (html, "</td><td>");
          append_escaped (html, item->text);
          g_string_append (html, "</td></tr>\n");
        }
      else
        append_element (html, "li", item->text);
    }
  g_string_append (html, dated ? "</table>\n" : "</ul>\n");
}

static void
append_appi (GString              *html,
             TaiouIncidentSummary *summary,
             TaiouGuidance        *guidance,
             gboolean              japanese)
{
  const TaiouAppiDeadlines *appi = &summary->appi;
  g_autofree char *from = NULL;
  g_autofree char *until = NULL;
  g_autofree char *due = NULL;
  g_autofree char *range = NULL;
  g_autofree char *final = NULL;
  g_autofree char *discovered = NULL;

  append_element (html, "h2", _("Personal data (APPI)"));
  if (!summary->appi_assessed)
    {
      append_element (html, "p", _("Not checked yet."));
      return;
    }
  if (!summary->personal_data)
    {
      append_element (html, "p", _("The worker answered that personal data did not leak."));
      return;
    }
  if (!appi->reportable)
    {
      append_element (html, "p", _("Personal data may have leaked, but none of the four "
                                   "situations that must be reported was chosen."));
      return;
    }

  from = taiou_appi_format_date (&appi->preliminary_from, japanese);
  until = taiou_appi_format_date (&appi->preliminary_until, japanese);
  due = taiou_appi_format_date (&appi->final_due, japanese);
  /* Translators: the guideline's "about 3 to 5 days" as two dates */
  range = g_strdup_printf (_("Promptly; about %s to %s"), from, until);
  final = g_strdup_printf (_("By %s (%u days)"), due, appi->final_days);

  g_string_append (html, "<table>\n");
  /* The deadlines count in Japan's calendar, so their starting point is shown in Japan time. */
  discovered = taiou_appi_format_time (appi->discovered_us, japanese);
  append_row (html, _("Discovered (Japan time)"), discovered);
  append_row (html, _("Preliminary report (Act Art. 26(1), Rules Art. 8(1))"), range);
  append_row (html, _("Final report (Rules Art. 8(2))"), final);
  append_row (html, _("Notice to the persons (Act Art. 26(2), Rules Art. 10)"), _("Promptly"));
  g_string_append (html, "</table>\n<p class=\"note\">");
  append_escaped (html, _("These dates are a guide computed by this app: days in Japan time, "
                          "the day of discovery not counted. Check them with the Personal "
                          "Information Protection Commission."));
  g_string_append (html, "</p>\n<ul>\n");
  for (guint i = 0; taiou_report_appi_records[i] != NULL; i++)
    append_guidance (html, guidance, taiou_report_appi_records[i], japanese);
  g_string_append (html, "</ul>\n");
}

static void
append_contacts (GString       *html,
                 TaiouProfile  *profile,
                 TaiouGuidance *guidance,
                 gboolean       japanese)
{
  append_element (html, "h2", _("Whom to contact"));
  g_string_append (html, "<table>\n");
  append_row (html, _("IT manager"),
              profile != NULL ? taiou_profile_get_contact_name (profile) : NULL);
  append_row (html, _("Department"),
              profile != NULL ? taiou_profile_get_contact_department (profile) : NULL);
  append_row (html, _("Phone"),
              profile != NULL ? taiou_profile_get_contact_phone (profile) : NULL);
  append_row (html, _("Mail"),
              profile != NULL ? taiou_profile_get_contact_email (profile) : NULL);
  g_string_append (html, "</table>\n<ul>\n");
  for (guint i = 0; taiou_report_contact_records[i] != NULL; i++)
    append_guidance (html, guidance, taiou_report_contact_records[i], japanese);
  g_string_append (html, "</ul>\n");
}

/**
 * taiou_report_html_render:
 * @profile: (nullable): "us", for the IT manager's contact
 * @guidance: (nullable): the report step's records (data/guidance/report.json)
 * @now_us: when the file is made
 *
 * Returns: (transfer full): a complete UTF-8 HTML document in the user's language
 */
char *
taiou_report_html_render (TaiouIncidentSummary *summary,
                          TaiouProfile         *profile,
                          TaiouGuidance        *guidance,
                          gint64                now_us)
{
  gboolean japanese = taiou_i18n_prefers_japanese ();
  GString *html = g_string_new (NULL);
  g_autofree char *heading = NULL;

  g_return_val_if_fail (summary != NULL, NULL);

  g_string_append_printf (html,
                          "<!DOCTYPE html>\n<html lang=\"%s\">\n<head>\n<meta charset=\"utf-8\">\n"
                          "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src "
                          "'none'; style-src 'unsafe-inline'\">\n"
                          "<meta name=\"generator\" content=\"Taiou\">\n<title>",
                          japanese ? "ja" : "en");
  heading = g_strdup_printf (_("Incident summary: %s"), summary->title);
  append_escaped (html, heading);
  g_string_append_printf (html, "</title>\n<style>%s</style>\n</head>\n<body>\n", style);
  append_element (html, "h1", heading);

  g_string_append (html, "<table>\n");
  append_row (html, _("What happened"), summary->title);
  append_time_row (html, _("Discovered"), summary->discovered_us, japanese);
  append_row (html, _("PC"), summary->host);
  append_row (html, _("Reported by"), summary->reporter);
  append_time_row (html, _("Response started"), summary->created_us, japanese);
  if (summary->handed_over_us != 0)
    append_time_row (html, _("Handed over to the IT manager"), summary->handed_over_us,
                     japanese);
  append_time_row (html, _("This summary made"), now_us, japanese);
  g_string_append (html, "</table>\n");

  append_element (html, "h2", _("What was done"));
  append_items (html, summary->done, TRUE, japanese);
  if (summary->n_left_out > 0)
    {
      g_autofree char *more = g_strdup_printf (_("… and %u more; the incident record has "
                                                 "them all."), summary->n_left_out);

      append_element (html, "p", more);
    }
  append_element (html, "h2", _("What remains"));
  append_items (html, summary->remaining, FALSE, japanese);

  append_appi (html, summary, guidance, japanese);
  append_contacts (html, profile, guidance, japanese);

  g_string_append (html, "<p class=\"note\">");
  append_escaped (html, _("Made by the Infection Response Assistant. Times are Japan time. The "
                          "incident record in the app keeps every event."));
  g_string_append (html, "</p>\n</body>\n</html>\n");
  return g_string_free (html, FALSE);
}
