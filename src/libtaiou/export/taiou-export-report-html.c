/* taiou-export-report-html.c — the incident report as one HTML file that prints well
 *
 * The same content as the PDF (taiou-report-content.c) for those who would rather edit or
 * forward it: A4 pages from the print stylesheet, each section on a new page, the event table's
 * header repeated on every page, rows never split.  The file stands alone and is inert: no
 * script, no image, no link it loads, and a Content-Security-Policy that forbids them.  Every
 * text from the record is cleaned (no control characters) and escaped — an event's summary is
 * whatever a mail's subject said — and long words wrap anywhere, so nothing runs off the page.
 * Rows are streamed a page of events at a time like every export.
 */
#define G_LOG_DOMAIN "taiou-export"

#include "config.h"

#include "taiou-checkpoint-record.h"
#include "taiou-export-private.h"
#include "taiou-qr.h"

static const char style[] =
  "@page{size:A4;margin:18mm 16mm 20mm}"
  "html{font-family:\"Noto Sans CJK JP\",\"Noto Sans JP\",sans-serif;font-size:10.5pt;"
  "line-height:1.7;color:#000;background:#fff}"
  "body{margin:0 auto;max-width:56em;padding:0 1em}"
  "p,dd,td,th,h1,h2,h3{overflow-wrap:anywhere;word-break:break-word}"
  ".title-page h1{font-size:24pt;margin:30mm 0 2mm}"
  ".subtitle{color:#444;margin-bottom:12mm}"
  "section{break-before:page;page-break-before:always}"
  "h2{font-size:15pt;border-bottom:1.5px solid #000;padding-bottom:2px}"
  "h3{font-size:11pt;margin:1.4em 0 0}"
  "dl{margin:0}dt{font-size:8.5pt;color:#444;margin-top:.7em}dd{margin:0 0 0 1em}"
  ".statute{font-size:8.5pt;color:#555;margin:0 0 .2em 1em}"
  ".item{margin:0 0 0 1em}"
  ".unfilled{font-weight:bold}"
  ".note{font-size:8.5pt;color:#444}"
  "table{border-collapse:collapse;width:100%;table-layout:fixed;font-size:7.5pt;"
  "line-height:1.45}"
  "th,td{border-bottom:.5pt solid #bbb;padding:2px 3px;text-align:left;vertical-align:top}"
  "th{background:#e6e6e6;border-bottom:.8pt solid #666}"
  "thead{display:table-header-group}"
  "tr{break-inside:avoid;page-break-inside:avoid}"
  ".c-seq{width:3.2em}.c-time{width:10.5em}.c-host{width:7.5em}.c-actor{width:7.5em}"
  ".c-kind{width:10em}"
  ".hash{font-family:monospace}"
  ".checkpoint svg{width:45mm;height:45mm;display:block;margin:0 0 4mm}"
  ".checkpoint pre{white-space:pre-wrap;overflow-wrap:anywhere;font-size:8pt;"
  "line-height:1.5}"
  "@media screen{body{padding:2em 1em}section{border-top:1px dashed #999;margin-top:3em}}";

static void
append_escaped (GString    *out,
                const char *text)
{
  g_autofree char *escaped = g_markup_escape_text (text != NULL ? text : "", -1);

  g_string_append (out, escaped);
}

/* Cleans, cuts and escapes text from the record; marks 「［未記入］」 for the eye. */
static void
append_text (GString    *out,
             const char *text,
             guint       max_chars)
{
  g_autofree char *clean = taiou_report_clean_text (text, max_chars);
  g_autofree char *escaped = g_markup_escape_text (clean, -1);
  g_auto(GStrv) parts = g_strsplit (escaped, TAIOU_REPORT_UNFILLED, -1);

  for (guint i = 0; parts[i] != NULL; i++)
    {
      if (i > 0)
        g_string_append (out, "<span class=\"unfilled\">" TAIOU_REPORT_UNFILLED "</span>");
      g_string_append (out, parts[i]);
    }
}

static void
append_rows (GString   *out,
             GPtrArray *rows)
{
  g_string_append (out, "<dl>\n");
  for (guint i = 0; i < rows->len; i++)
    {
      const TaiouReportRow *row = rows->pdata[i];

      g_string_append (out, "<dt>");
      append_escaped (out, row->label);
      g_string_append (out, "</dt><dd>");
      append_text (out, row->value, TAIOU_REPORT_TEXT_MAX_CHARS + 100);
      g_string_append (out, "</dd>\n");
    }
  g_string_append (out, "</dl>\n");
}

static void
append_title_page (GString                  *out,
                   const TaiouReportContent *content)
{
  g_autofree char *created = taiou_appi_format_local_time (content->created_us, TRUE);
  g_autofree char *made = taiou_appi_format_local_time (content->made_us, TRUE);
  TaiouReportRow title = { "事案名", content->title };
  TaiouReportRow organization = { "組織名", content->organization != NULL
                                            ? content->organization : TAIOU_REPORT_UNFILLED };
  TaiouReportRow created_row = { "記録の作成日時", created };
  TaiouReportRow status = { "状況", content->status };
  TaiouReportRow made_row = { "本報告書の作成日時", made };
  g_autoptr(GPtrArray) rows = g_ptr_array_new ();

  g_ptr_array_add (rows, &title);
  g_ptr_array_add (rows, &organization);
  g_ptr_array_add (rows, &created_row);
  g_ptr_array_add (rows, &status);
  g_ptr_array_add (rows, &made_row);

  g_string_append (out, "<div class=\"title-page\">\n<h1>インシデント報告書</h1>\n"
                        "<p class=\"subtitle\">マルウェア感染の疑いに関する対応記録と、個人データの"
                        "漏えい等報告の下書き</p>\n");
  append_rows (out, rows);
  g_string_append (out, "<p class=\"note\">本報告書は、感染対応アシスタントが対応の記録から作成した"
                        "下書きです。「<span class=\"unfilled\">" TAIOU_REPORT_UNFILLED "</span>」"
                        "の箇所は記録から分からない事項です。事実を確認のうえ記入してください。"
                        "日時は、"
                        "特に記載のない限りこの PC の時刻で表示しています。</p>\n</div>\n");
}

static void
append_front (GString                  *out,
              const TaiouReportContent *content)
{
  g_string_append (out, "<!DOCTYPE html>\n<html lang=\"ja\">\n<head>\n<meta charset=\"utf-8\">\n"
                        "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src "
                        "'none'; style-src 'unsafe-inline'\">\n"
                        "<meta name=\"generator\" content=\"Taiou\">\n<title>インシデント報告書：");
  append_escaped (out, content->title);
  g_string_append_printf (out, "</title>\n<style>%s</style>\n</head>\n<body>\n", style);

  append_title_page (out, content);

  g_string_append (out, "<section>\n<h2>1　事案の概要</h2>\n");
  append_rows (out, content->overview);
  g_string_append (out, "</section>\n<section>\n<h2>2　対応状況と報告期限</h2>\n");
  append_rows (out, content->progress);
  g_string_append (out, "<h3>個人情報保護委員会への報告と本人への通知の期限（目安）</h3>\n");
  if (content->deadlines->len > 0)
    append_rows (out, content->deadlines);
  g_string_append (out, "<p class=\"note\">");
  append_escaped (out, content->deadline_note);
  g_string_append (out, "</p>\n</section>\n");

  g_string_append (out, "<section>\n<h2>3　漏えい等報告の記載事項"
                        "（個人情報保護法施行規則第8条第1項）"
                        "</h2>\n");
  for (guint i = 0; i < TAIOU_REPORT_N_ITEMS; i++)
    {
      const TaiouReportItem *item = &content->items[i];

      g_string_append_printf (out, "<h3>(%u)　", i + 1);
      append_escaped (out, item->heading);
      g_string_append (out, "</h3>\n<p class=\"statute\">");
      append_escaped (out, item->statute);
      g_string_append (out, "</p>\n<p class=\"item\">");
      append_text (out, item->text != NULL ? item->text : TAIOU_REPORT_UNFILLED,
                   TAIOU_REPORT_TEXT_MAX_CHARS * 2);
      g_string_append (out, "</p>\n");
    }
  g_string_append (out, "</section>\n<section>\n<h2>4　対応の記録（全件）</h2>\n<table>\n"
                        "<colgroup><col class=\"c-seq\"><col class=\"c-time\">"
                        "<col class=\"c-host\">"
                        "<col class=\"c-actor\"><col class=\"c-kind\"><col></colgroup>\n"
                        "<thead><tr><th>#</th><th>日時（");
  append_escaped (out, content->zone_name);
  g_string_append (out, "）</th><th>端末</th><th>実行者</th><th>種別</th><th>内容</th></tr>"
                        "</thead>\n<tbody>\n");
}

/* Reads what both report formats print before the table. */
TaiouReportContent *
_taiou_export_read_report (TaiouExportContext  *context,
                           GError             **error)
{
  const TaiouExportOptions *options = context->options;
  TaiouReportInputs inputs = {
    .organization = options->organization,
    .status = options->status,
    .step_ids = options->step_ids,
    .step_titles = options->step_titles,
    .made_us = context->exported_us,
  };

  return taiou_report_content_read (context->timeline, context->incident, &inputs,
                                    context->cancellable, error);
}

/* The newest checkpoint.issued of the incident is the one the report prints (section 6). */
void
_taiou_export_keep_checkpoint (TaiouReportContent *content,
                               TaiouEvent         *event)
{
  char *checkpoint = taiou_checkpoint_dup_from_event (event);

  if (checkpoint != NULL)
    {
      g_free (content->checkpoint);
      content->checkpoint = checkpoint;
    }
}

static gboolean
html_begin (TaiouExportContext  *context,
            GError             **error)
{
  TaiouReportContent *content = _taiou_export_read_report (context, error);

  if (content == NULL)
    return FALSE;
  context->format_data = content;
  context->format_data_free = (GDestroyNotify) taiou_report_content_free;
  append_front (context->buffer, content);
  return TRUE;
}

static gboolean
html_event (TaiouExportContext  *context,
            TaiouEvent          *event,
            GError             **error)
{
  GString *out = context->buffer;
  TaiouReportEventRow row = { 0 };

  _taiou_export_keep_checkpoint (context->format_data, event);
  taiou_report_event_row_init (&row, event);
  g_string_append_printf (out, "<tr><td>%s</td><td>%s</td><td>", row.seq, row.time);
  append_escaped (out, row.host);
  g_string_append (out, "</td><td>");
  append_escaped (out, row.actor);
  g_string_append (out, "</td><td>");
  append_escaped (out, row.kind);
  g_string_append (out, "</td><td>");
  append_escaped (out, row.summary);
  g_string_append (out, "</td></tr>\n");
  taiou_report_event_row_clear (&row);
  return TRUE;
}

/* The signed checkpoint as text to keep and as a QR code, which holds the same bytes. */
static void
append_checkpoint (GString    *out,
                   const char *checkpoint)
{
  g_autoptr(TaiouQr) qr = taiou_qr_encode (checkpoint, NULL);

  g_string_append (out, "<section>\n<h2>6　署名付きチェックポイント</h2>\n"
                        "<p>" TAIOU_REPORT_CHECKPOINT_NOTE "</p>\n<pre class=\"hash\">"
                        TAIOU_REPORT_CHECKPOINT_COMMAND "</pre>\n<div class=\"checkpoint\">");
  if (qr != NULL)
    {
      g_autofree char *svg = taiou_qr_to_svg (qr, "チェックポイントの QR コード");

      g_string_append (out, svg);
    }
  g_string_append (out, "<pre class=\"hash\">");
  append_escaped (out, checkpoint);
  g_string_append (out, "</pre></div>\n</section>\n");
}

static gboolean
html_end (TaiouExportContext  *context,
          GError             **error)
{
  const TaiouReportContent *content = context->format_data;
  GString *out = context->buffer;
  g_autofree char *verification = taiou_report_format_verification (content->verification);

  if (context->n_events == 0)
    g_string_append (out, "<tr><td colspan=\"6\">記録はありません。</td></tr>\n");
  g_string_append_printf (out, "</tbody>\n</table>\n</section>\n<section>\n"
                               "<h2>5　記録の完全性</h2>\n<dl>\n"
                               "<dt>この事案の記録の件数</dt><dd>%" G_GINT64_FORMAT " 件</dd>\n"
                               "<dt>この事案の最後の記録のハッシュ（SHA-256）</dt>"
                               "<dd class=\"hash\">", context->n_events);
  append_escaped (out, context->head_hash != NULL ? context->head_hash : "—");
  g_string_append (out, "</dd>\n<dt>記録全体の最新のハッシュ（検証時）</dt><dd class=\"hash\">");
  append_escaped (out, content->verification->head_hash);
  g_string_append (out, "</dd>\n<dt>検証の結果</dt><dd>");
  append_escaped (out, verification);
  g_string_append (out, "</dd>\n</dl>\n<p class=\"note\">各記録は直前の記録のハッシュを含めて"
                        "ハッシュ化されています（ハッシュチェーン）。上のハッシュを控えておくと、"
                        "後から記録が書き換えられていないことを確かめられます。</p>\n"
                        "</section>\n");
  if (content->checkpoint != NULL)
    append_checkpoint (out, content->checkpoint);
  g_string_append (out, "</body>\n</html>\n");
  return TRUE;
}

const TaiouExportFormatClass _taiou_export_report_html = {
  html_begin,
  html_event,
  html_end,
};
