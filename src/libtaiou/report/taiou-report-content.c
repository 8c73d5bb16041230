/* taiou-report-content.c — what the incident report (HTML and PDF) says, read once from the record
 *
 * Both report formats print the same content: a title page, the summary, the status, the APPI
 * deadlines, the nine items of a 漏えい等報告 (施行規則第8条第1項) and then the whole event table,
 * which the formats stream themselves.  This file reads the record once for everything before
 * the table, a page of events at a time like the exports: an incident of 100,000 events is
 * counted, not held.  The summary of the report step (taiou-incident-summary.c) needs its events
 * in a list, so only the kinds it reads are kept, and at most SUMMARY_MAX_EVENTS of them.
 *
 * The document is Japanese whatever the desktop's language (it is the draft of a form the
 * Commission reads in Japanese), so the strings of other modules it shows — the event kinds'
 * labels, the summary's steps left — are looked up in the Japanese catalogue
 * (japanese_gettext()).
 * Everything from the record is cleaned: valid UTF-8, no control or bidirectional formatting
 * characters, and cut to a length a page can hold.
 */
#define G_LOG_DOMAIN "taiou-report"

#include "config.h"

#include <libintl.h>
#include <locale.h>
#include <string.h>

#include "taiou-event-kinds.h"
#include "taiou-incident-summary.h"
#include "taiou-report-content.h"
#include "taiou-step-progress.h"
#include "taiou-timeline-pages.h"

/* The summary reads at most this many events; a record with more of the kinds it reads is
 * hostile or broken, and the report says the rest were counted, not read. */
#define SUMMARY_MAX_EVENTS 4096
/* The PCs named in the summary; more are counted. */
#define MAX_HOSTS 20

/* ---- Japanese for other modules' strings ---------------------------------------------------- */

static locale_t
japanese_locale (void)
{
  static gsize once = 0;
  static locale_t japanese = (locale_t) 0;

  if (g_once_init_enter (&once))
    {
      japanese = newlocale (LC_MESSAGES_MASK, "ja_JP.UTF-8", (locale_t) 0);
      g_once_init_leave (&once, 1);
    }
  return japanese;
}

/* Switches this thread's messages to Japanese; returns what to give japanese_end(). */
static locale_t
japanese_begin (void)
{
  locale_t japanese = japanese_locale ();

  return japanese != (locale_t) 0 ? uselocale (japanese) : (locale_t) 0;
}

static void
japanese_end (locale_t previous)
{
  if (previous != (locale_t) 0)
    uselocale (previous);
}

/* The Japanese catalogue's translation of @msgid (with its context, when given), or NULL.
 * glibc's dgettext is asked directly: GLib's g_dgettext() translates nothing at all in a
 * process whose own locale has no catalogue (the CLI under C.UTF-8). */
static const char *
japanese_gettext (const char *context,
                  const char *msgid)
{
  g_autofree char *key = context != NULL ? g_strconcat (context, "\004", msgid, NULL)
                                         : g_strdup (msgid);
  locale_t previous = japanese_begin ();
  const char *translation = dgettext (GETTEXT_PACKAGE, key);

  japanese_end (previous);
  return translation != key && strcmp (translation, key) != 0 ? translation : NULL;
}

G_LOCK_DEFINE_STATIC (kind_labels);

/**
 * taiou_report_kind_label:
 *
 * Returns: (transfer none): the kind's label (taiou_event_kind_get_label()) in Japanese, or in
 *   the user's language when the Japanese catalogue or locale is not installed
 */
const char *
taiou_report_kind_label (const char *kind)
{
  static GHashTable *labels = NULL;  /* kind → label; a few dozen kinds at most */
  const char *label;

  if (kind == NULL)
    return "";
  G_LOCK (kind_labels);
  if (labels == NULL)
    labels = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  label = g_hash_table_lookup (labels, kind);
  if (label == NULL && g_hash_table_size (labels) < 256)
    {
      const char *own = taiou_event_kind_get_label (kind);
      const char *japanese = own != kind ? japanese_gettext ("event kind", own) : NULL;

      label = japanese != NULL ? japanese : own != kind ? own : NULL;
      if (label != NULL)
        g_hash_table_insert (labels, g_strdup (kind), (gpointer) label);
    }
  G_UNLOCK (kind_labels);
  return label != NULL ? label : kind;
}

/* The summary's sentence in Japanese when the catalogue has it as it stands. */
static const char *
summary_text (const char *text)
{
  const char *japanese = japanese_gettext (NULL, text);

  return japanese != NULL ? japanese : text;
}

/* ---- Cleaning -------------------------------------------------------------------------------- */

static gboolean
is_invisible_control (gunichar c)
{
  /* Bidirectional overrides and isolates reorder what follows them: a hostile subject could make
   * a printed line read differently from what was recorded. */
  return g_unichar_iscntrl (c) || (c >= 0x202a && c <= 0x202e) || (c >= 0x2066 && c <= 0x2069) ||
         c == 0x200e || c == 0x200f || c == 0x061c || c == 0xfeff;
}

/**
 * taiou_report_clean_text:
 * @max_chars: characters kept; longer text ends in 「…（以下省略）」
 *
 * Returns: (transfer full): @text as valid UTF-8 on one line: tabs and line breaks become
 *   spaces, other control and bidirectional formatting characters are removed
 */
char *
taiou_report_clean_text (const char *text,
                         guint       max_chars)
{
  g_autofree char *valid = g_utf8_make_valid (text != NULL ? text : "", -1);
  GString *clean = g_string_sized_new (MIN (strlen (valid), (gsize) max_chars * 4) + 1);
  guint n_chars = 0;

  for (const char *p = valid; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (n_chars == max_chars)
        {
          g_string_append (clean, "…（以下省略）");
          break;
        }
      if (c == '\t' || c == '\n' || c == '\r' || c == 0x2028 || c == 0x2029 || c == 0x85)
        c = ' ';
      else if (is_invisible_control (c))
        continue;
      g_string_append_unichar (clean, c);
      n_chars++;
    }
  return g_string_free (clean, FALSE);
}

/* Returns: (transfer full): "2026-11-23 10:00:05" on this machine's clock, or "?" */
char *
taiou_report_format_time (gint64 time_us)
{
  g_autoptr(GDateTime) utc = g_date_time_new_from_unix_utc (time_us / G_USEC_PER_SEC);
  g_autoptr(GDateTime) local = utc != NULL ? g_date_time_to_local (utc) : NULL;

  if (local == NULL || g_date_time_get_year (local) > 9000)
    return g_strdup ("?");
  return g_date_time_format (local, "%Y-%m-%d %H:%M:%S");
}

void
taiou_report_event_row_init (TaiouReportEventRow *row,
                             TaiouEvent          *event)
{
  g_autofree char *time = taiou_report_format_time (taiou_event_get_time_us (event));

  g_snprintf (row->seq, sizeof row->seq, "%" G_GINT64_FORMAT, taiou_event_get_seq (event));
  g_strlcpy (row->time, time, sizeof row->time);
  row->host = taiou_report_clean_text (taiou_event_get_host (event), 64);
  row->actor = taiou_report_clean_text (taiou_event_get_actor (event), 64);
  row->kind = taiou_report_clean_text (taiou_report_kind_label (taiou_event_get_kind (event)), 64);
  row->summary = taiou_report_clean_text (taiou_event_get_summary (event),
                                          TAIOU_REPORT_CELL_MAX_CHARS);
}

void
taiou_report_event_row_clear (TaiouReportEventRow *row)
{
  g_clear_pointer (&row->host, g_free);
  g_clear_pointer (&row->actor, g_free);
  g_clear_pointer (&row->kind, g_free);
  g_clear_pointer (&row->summary, g_free);
}

/* Returns: (transfer full): the verification's result as one Japanese sentence */
char *
taiou_report_format_verification (const TaiouTimelineVerification *verification)
{
  g_autofree char *problem = NULL;

  if (verification == NULL)
    return g_strdup ("検証できませんでした。");
  if (verification->intact)
    return g_strdup_printf ("改ざんは検出されませんでした（記録全体の %" G_GINT64_FORMAT
                            " 件を検証）。", verification->n_events);
  problem = taiou_report_clean_text (verification->problem, 400);
  if (verification->first_bad_seq > 0)
    return g_strdup_printf ("改ざんまたは破損が検出されました：#%" G_GINT64_FORMAT
                            " 以降の記録は信頼できません（%s）。",
                            verification->first_bad_seq, problem);
  return g_strdup_printf ("改ざんまたは破損が検出されました（%s）。", problem);
}

/* ---- Reading the record -------------------------------------------------------------------- */

typedef struct
{
  GPtrArray  *kept;            /* TaiouEvent: what the summary reads */
  TaiouEvent *last_assessed;   /* the last APPI assessment when it was not kept */
  guint       n_not_kept;
  gint64      n_events;
  gint64      first_us;
  gint64      last_us;
  gint64      n_mail;
  gint64      n_findings;
  gint64      n_emotet;        /* Emotet processes EmoCheck named */
  gint64      n_notices;
  gint64      last_notice_us;
  gint64      n_notes;
  GPtrArray  *hosts;           /* char *, the first MAX_HOSTS */
  guint       n_more_hosts;
} Reading;

static gboolean
summary_reads (const char *kind)
{
  static const char * const kinds[] = {
    TAIOU_EVENT_WIZARD_STEP, TAIOU_EVENT_WIZARD_SKIPPED, TAIOU_EVENT_MAIL_TRIAGE,
    TAIOU_EVENT_SCAN_FINISHED, TAIOU_EVENT_IMPORT_EMOCHECK, TAIOU_EVENT_NOTICE_GENERATED,
    TAIOU_EVENT_APPI_ASSESSED, TAIOU_EVENT_APPI_DONE, TAIOU_EVENT_REPORT_HANDED_OVER,
  };

  for (guint i = 0; i < G_N_ELEMENTS (kinds); i++)
    if (g_strcmp0 (kind, kinds[i]) == 0)
      return TRUE;
  return FALSE;
}

static void
note_host (Reading    *reading,
           const char *host)
{
  if (host == NULL || host[0] == '\0')
    return;
  for (guint i = 0; i < reading->hosts->len; i++)
    if (g_str_equal (reading->hosts->pdata[i], host))
      return;
  if (reading->hosts->len < MAX_HOSTS)
    g_ptr_array_add (reading->hosts, g_strdup (host));
  else
    reading->n_more_hosts++;
}

static gboolean
read_one_event (TaiouEvent  *event,
                gpointer     user_data,
                GError     **error)
{
  Reading *reading = user_data;
  const char *kind = taiou_event_get_kind (event);
  gint64 time_us = taiou_event_get_time_us (event);

  if (reading->n_events == 0)
    reading->first_us = time_us;
  reading->last_us = time_us;
  reading->n_events++;
  note_host (reading, taiou_event_get_host (event));

  if (g_strcmp0 (kind, TAIOU_EVENT_MAIL_TRIAGE) == 0)
    reading->n_mail++;
  else if (g_strcmp0 (kind, TAIOU_EVENT_SCAN_FINDING) == 0 ||
           g_strcmp0 (kind, TAIOU_EVENT_IMPORT_LOKI_FINDING) == 0)
    reading->n_findings++;
  else if (g_strcmp0 (kind, TAIOU_EVENT_IMPORT_EMOCHECK_PROCESS) == 0)
    reading->n_emotet++;
  else if (g_strcmp0 (kind, TAIOU_EVENT_NOTE) == 0)
    reading->n_notes++;
  else if (g_strcmp0 (kind, TAIOU_EVENT_NOTICE_GENERATED) == 0)
    {
      reading->n_notices++;
      reading->last_notice_us = time_us;
    }

  if (!summary_reads (kind))
    return TRUE;
  if (reading->kept->len < SUMMARY_MAX_EVENTS)
    g_ptr_array_add (reading->kept, g_object_ref (event));
  else
    {
      reading->n_not_kept++;
      /* The deadlines are those of the last assessment, however long the record. */
      if (g_strcmp0 (kind, TAIOU_EVENT_APPI_ASSESSED) == 0)
        g_set_object (&reading->last_assessed, event);
    }
  return TRUE;
}

static void
add_row (GPtrArray  *rows,
         const char *label,
         char       *value)  /* (transfer full) */
{
  TaiouReportRow *row = g_new0 (TaiouReportRow, 1);

  row->label = g_strdup (label);
  row->value = value != NULL && value[0] != '\0' ? value : (g_free (value),
                                                            g_strdup (TAIOU_REPORT_UNFILLED));
  g_ptr_array_add (rows, row);
}

static void
report_row_free (TaiouReportRow *row)
{
  g_free (row->label);
  g_free (row->value);
  g_free (row);
}

static char *
format_japanese_time (gint64 time_us)
{
  return time_us != 0 ? taiou_appi_format_local_time (time_us, TRUE) : NULL;
}

static char *
format_hosts (Reading *reading)
{
  GString *text = g_string_new (NULL);

  for (guint i = 0; i < reading->hosts->len; i++)
    {
      g_autofree char *host = taiou_report_clean_text (reading->hosts->pdata[i], 64);

      g_string_append_printf (text, "%s%s", i > 0 ? "、" : "", host);
    }
  if (reading->n_more_hosts > 0)
    g_string_append_printf (text, " ほか %u 台", reading->n_more_hosts);
  return g_string_free (text, FALSE);
}

static void
fill_overview (TaiouReportContent *self,
               TaiouIncident      *incident,
               Reading            *reading)
{
  add_row (self->overview, "事案名", g_strdup (self->title));
  add_row (self->overview, "発覚日時",
           format_japanese_time (taiou_incident_get_discovered_us (incident)));
  add_row (self->overview, "対象の端末",
           taiou_report_clean_text (taiou_incident_get_host (incident), 200));
  add_row (self->overview, "報告者",
           taiou_report_clean_text (taiou_incident_get_reporter (incident), 200));
  add_row (self->overview, "記録の作成日時",
           format_japanese_time (taiou_incident_get_created_us (incident)));
  add_row (self->overview, "記録のある端末", format_hosts (reading));
  if (reading->n_events > 0)
    {
      g_autofree char *first = format_japanese_time (reading->first_us);
      g_autofree char *last = format_japanese_time (reading->last_us);

      add_row (self->overview, "記録の期間", g_strdup_printf ("%s 〜 %s", first, last));
    }
  add_row (self->overview, "記録の件数",
           g_strdup_printf ("%" G_GINT64_FORMAT " 件（うち メールの確認 %" G_GINT64_FORMAT
                            " 件、端末の検査による検出 %" G_GINT64_FORMAT " 件、EmoCheck が検出した"
                            " Emotet のプロセス %" G_GINT64_FORMAT " 件、注意喚起文の作成 %"
                            G_GINT64_FORMAT " 件、メモ %" G_GINT64_FORMAT " 件）",
                            reading->n_events, reading->n_mail, reading->n_findings,
                            reading->n_emotet, reading->n_notices, reading->n_notes));
}

static void
fill_progress (TaiouReportContent       *self,
               TaiouIncidentSummary     *summary,
               const TaiouReportInputs  *inputs,
               Reading                  *reading)
{
  GString *remaining = g_string_new (NULL);

  add_row (self->progress, "状況", g_strdup (self->status));
  if (inputs->step_ids != NULL && inputs->step_ids[0] != NULL)
    add_row (self->progress, "手順の進み具合",
             g_strdup_printf ("完了 %u／スキップ %u／未着手 %u", summary->n_steps_done,
                              summary->n_steps_skipped, summary->n_steps_not_yet));
  for (guint i = 0; i < summary->remaining->len; i++)
    {
      TaiouSummaryItem *item = summary->remaining->pdata[i];

      /* The deadlines have their own section, counted in Japan's calendar. */
      if (g_strcmp0 (item->kind, TAIOU_EVENT_APPI_DONE) == 0)
        continue;
      g_string_append_printf (remaining, "%s%s", remaining->len > 0 ? "／" : "",
                              summary_text (item->text));
    }
  /* Without the wizard's steps (the CLI) "nothing left" would claim more than is known. */
  if (remaining->len > 0)
    add_row (self->progress, "残っている作業", g_string_free (g_steal_pointer (&remaining), FALSE));
  else if (inputs->step_ids != NULL && inputs->step_ids[0] != NULL)
    add_row (self->progress, "残っている作業", g_strdup ("なし"));
  if (remaining != NULL)
    g_string_free (remaining, TRUE);
  add_row (self->progress, "IT 管理者への引き継ぎ",
           summary->handed_over_us != 0 ? format_japanese_time (summary->handed_over_us)
                                        : g_strdup ("未了"));
  add_row (self->progress, "記録の検証", taiou_report_format_verification (self->verification));
  if (reading->n_not_kept > 0)
    add_row (self->progress, "注記",
             g_strdup_printf ("記録が大きいため、この要約は最初の %u 件の手順・確認の記録から作成し"
                              "ています（残り %u 件は件数のみ）。", SUMMARY_MAX_EVENTS,
                              reading->n_not_kept));
}

static char *
format_appi_date (const GDate *date)
{
  return taiou_appi_format_date (date, TRUE);
}

/* Returns: (transfer full): when it was done, or else @otherwise (taken) */
static char *
format_done (gint64  done_us,
             char   *otherwise)
{
  g_autofree char *owned = otherwise;
  g_autofree char *time = NULL;

  if (done_us == 0)
    return g_steal_pointer (&owned);
  time = format_japanese_time (done_us);
  return g_strdup_printf ("%s に実施済み", time);
}

static void
fill_deadlines (TaiouReportContent   *self,
                TaiouIncidentSummary *summary)
{
  const TaiouAppiDeadlines *appi = &summary->appi;
  g_autofree char *from = NULL;
  g_autofree char *until = NULL;
  g_autofree char *due = NULL;

  if (!summary->appi_assessed)
    {
      self->deadline_note = g_strdup ("個人データが漏えいしたおそれの有無は、"
                                      "まだ確認されていません。");
      return;
    }
  if (!summary->personal_data)
    {
      self->deadline_note = g_strdup ("個人データが漏えいしたおそれはないと回答されています。");
      return;
    }
  if (!appi->reportable)
    {
      self->deadline_note = g_strdup ("個人データが漏えいしたおそれはありますが、報告対象となる事態"
                                      "（施行規則第7条各号）には該当しないと回答されています。");
      return;
    }
  from = format_appi_date (&appi->preliminary_from);
  until = format_appi_date (&appi->preliminary_until);
  due = format_appi_date (&appi->final_due);
  add_row (self->deadlines, "発覚日時（日本時間）", taiou_appi_format_time (appi->discovered_us,
                                                                           TRUE));
  add_row (self->deadlines, "速報（法第26条第1項、規則第8条第1項）",
           format_done (summary->appi_done_us[TAIOU_APPI_ITEM_PRELIMINARY],
                        g_strdup_printf ("速やかに（目安：%s 〜 %s）", from, until)));
  add_row (self->deadlines, "確報（規則第8条第2項）",
           format_done (summary->appi_done_us[TAIOU_APPI_ITEM_FINAL],
                        g_strdup_printf ("%s まで（発覚日から %u 日以内、目安）", due,
                                         appi->final_days)));
  add_row (self->deadlines, "本人への通知（法第26条第2項、規則第10条）",
           format_done (summary->appi_done_us[TAIOU_APPI_ITEM_NOTIFY_PERSONS],
                        g_strdup ("速やかに")));
  self->deadline_note = g_strdup ("期限は本アプリが計算した目安です（日本時間の暦日で数え、発覚日"
                                  "当日は算入していません）。個人情報保護委員会の案内で必ずご確認"
                                  "ください。");
}

/* Sentences for an item, or NULL when there are none; @unfilled_part adds 「［未記入］」 after. */
static char *
join_sentences (GPtrArray *sentences)
{
  GString *text;

  if (sentences->len == 0)
    return NULL;
  text = g_string_new (NULL);
  for (guint i = 0; i < sentences->len; i++)
    g_string_append (text, sentences->pdata[i]);
  return g_string_free (text, FALSE);
}

static void
fill_items (TaiouReportContent   *self,
            TaiouIncident        *incident,
            TaiouIncidentSummary *summary,
            Reading              *reading)
{
  static const struct
  {
    const char *heading;
    const char *statute;
  } items[TAIOU_REPORT_N_ITEMS] = {
    { "概要", "第1号　概要" },
    { "漏えい等した個人データの項目",
      "第2号　漏えい等が発生し、又は発生したおそれがある個人データの項目" },
    { "本人の数",
      "第3号　漏えい等が発生し、又は発生したおそれがある個人データに係る本人の数" },
    { "原因", "第4号　原因" },
    { "二次被害", "第5号　二次被害又はそのおそれの有無及びその内容" },
    { "本人への対応", "第6号　本人への対応の実施状況" },
    { "公表", "第7号　公表の実施状況" },
    { "再発防止策", "第8号　再発防止のための措置" },
    { "その他", "第9号　その他参考となる事項" },
  };
  TaiouAppiTriggers triggers = summary->personal_data && summary->appi.reportable
                               ? summary->appi.triggers : TAIOU_APPI_TRIGGER_NONE;
  GPtrArray *s[TAIOU_REPORT_N_ITEMS] = { NULL };

  for (guint i = 0; i < TAIOU_REPORT_N_ITEMS; i++)
    {
      self->items[i].heading = items[i].heading;
      self->items[i].statute = items[i].statute;
      s[i] = g_ptr_array_new_with_free_func (g_free);
    }

  /* 1 概要: what the record itself says happened. */
  {
    g_autofree char *discovered =
      format_japanese_time (taiou_incident_get_discovered_us (incident));
    g_autofree char *host = taiou_report_clean_text (taiou_incident_get_host (incident), 200);
    g_autofree char *reporter = taiou_report_clean_text (taiou_incident_get_reporter (incident),
                                                         200);

    g_ptr_array_add (s[0], g_strdup_printf ("%s、端末「%s」において「%s」との事案が発覚しました"
                                            "（報告者：%s）。", discovered, host, self->title,
                                            reporter));
    if (reading->n_mail + reading->n_findings + reading->n_emotet > 0)
      g_ptr_array_add (s[0], g_strdup_printf ("対応の記録には、メールの確認 %" G_GINT64_FORMAT
                                              " 件、端末の検査による検出 %" G_GINT64_FORMAT
                                              " 件、EmoCheck が検出した Emotet のプロセス %"
                                              G_GINT64_FORMAT " 件が含まれています。",
                                              reading->n_mail, reading->n_findings,
                                              reading->n_emotet));
  }
  /* 2 項目: only whether sensitive data is concerned is known. */
  if (triggers & TAIOU_APPI_TRIGGER_SENSITIVE)
    g_ptr_array_add (s[1], g_strdup ("要配慮個人情報が含まれるおそれがあります"
                                     "（施行規則第7条第1号）。"
                                     "具体的な項目は" TAIOU_REPORT_UNFILLED "。"));
  /* 3 本人の数 */
  if (triggers & TAIOU_APPI_TRIGGER_OVER_1000)
    g_ptr_array_add (s[2], g_strdup ("1,000人を超えるおそれがあります（施行規則第7条第4号）。"
                                     "正確な人数は" TAIOU_REPORT_UNFILLED "。"));
  /* 4 原因 */
  if (triggers & TAIOU_APPI_TRIGGER_UNLAWFUL_PURPOSE)
    g_ptr_array_add (s[3], g_strdup ("不正アクセス等、不正の目的をもって"
                                     "行われたおそれがある漏えい等"
                                     "（施行規則第7条第3号）と判断されています。"));
  if (reading->n_emotet > 0)
    g_ptr_array_add (s[3], g_strdup_printf ("EmoCheck により Emotet のプロセスが %"
                                            G_GINT64_FORMAT " 件検出されています。",
                                            reading->n_emotet));
  if (reading->n_findings > 0)
    g_ptr_array_add (s[3], g_strdup_printf ("端末の検査で %" G_GINT64_FORMAT
                                            " 件の検出が記録されています。",
                                            reading->n_findings));
  if (s[3]->len > 0)
    g_ptr_array_add (s[3], g_strdup ("感染の経路と原因の特定は" TAIOU_REPORT_UNFILLED "。"));
  /* 5 二次被害 */
  if (triggers & TAIOU_APPI_TRIGGER_FINANCIAL)
    g_ptr_array_add (s[4], g_strdup ("不正に利用されることにより財産的被害が生じるおそれがあります"
                                     "（施行規則第7条第2号）。その内容は"
                                     TAIOU_REPORT_UNFILLED "。"));
  /* 6 本人への対応 */
  if (summary->appi_done_us[TAIOU_APPI_ITEM_NOTIFY_PERSONS] != 0)
    {
      gint64 notified_us = summary->appi_done_us[TAIOU_APPI_ITEM_NOTIFY_PERSONS];
      g_autofree char *time = format_japanese_time (notified_us);

      g_ptr_array_add (s[5], g_strdup_printf ("%s に本人への通知を実施しました。", time));
    }
  /* 7 公表: a notice was made; whether and where it was published the record does not say. */
  if (reading->n_notices > 0)
    {
      g_autofree char *time = format_japanese_time (reading->last_notice_us);

      g_ptr_array_add (s[6], g_strdup_printf ("注意喚起文を %" G_GINT64_FORMAT " 件作成しました"
                                              "（最終：%s）。公表の有無と方法は"
                                              TAIOU_REPORT_UNFILLED "。",
                                              reading->n_notices, time));
    }
  /* 9 その他 */
  for (guint item = 0; item < TAIOU_APPI_N_ITEMS; item++)
    {
      static const char * const done_texts[TAIOU_APPI_N_ITEMS] = {
        [TAIOU_APPI_ITEM_PRELIMINARY] = "個人情報保護委員会への速報",
        [TAIOU_APPI_ITEM_FINAL] = "個人情報保護委員会への確報",
        [TAIOU_APPI_ITEM_NOTIFY_PERSONS] = NULL,
      };
      g_autofree char *time = NULL;

      if (done_texts[item] == NULL || summary->appi_done_us[item] == 0)
        continue;
      time = format_japanese_time (summary->appi_done_us[item]);
      g_ptr_array_add (s[8], g_strdup_printf ("%sを %s に実施しました。", done_texts[item], time));
    }
  if (summary->handed_over_us != 0)
    {
      g_autofree char *time = format_japanese_time (summary->handed_over_us);

      g_ptr_array_add (s[8], g_strdup_printf ("%s に IT 管理者へ引き継がれました。", time));
    }

  for (guint i = 0; i < TAIOU_REPORT_N_ITEMS; i++)
    {
      self->items[i].text = join_sentences (s[i]);
      g_ptr_array_unref (s[i]);
    }
}

static const char *
derive_status (TaiouIncident        *incident,
               TaiouIncidentSummary *summary)
{
  if (g_strcmp0 (taiou_incident_get_step (incident), TAIOU_INCIDENT_STEP_FINISHED) == 0)
    return "完了";
  if (summary->handed_over_us != 0)
    return "調査中（IT 管理者へ引き継ぎ済み）";
  return "対応中";
}

/**
 * taiou_report_content_read:
 * @inputs: (nullable): what the record does not know
 *
 * Reads the incident's events once (a page at a time) and verifies the whole chain.
 *
 * Returns: (transfer full) (nullable): the content, NULL with @error
 */
TaiouReportContent *
taiou_report_content_read (TaiouTimeline            *timeline,
                           TaiouIncident            *incident,
                           const TaiouReportInputs  *inputs,
                           GCancellable             *cancellable,
                           GError                  **error)
{
  static const TaiouReportInputs no_inputs = { 0 };
  static const char * const no_steps[] = { NULL };
  g_autoptr(TaiouReportContent) self = NULL;
  g_autoptr(TaiouIncidentSummary) summary = NULL;
  g_autoptr(GPtrArray) kept = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GPtrArray) hosts = g_ptr_array_new_with_free_func (g_free);
  Reading reading = { .kept = kept, .hosts = hosts };
  g_autoptr(GTimeZone) zone = g_time_zone_new_local ();
  g_autoptr(GDateTime) now = NULL;

  g_return_val_if_fail (TAIOU_IS_TIMELINE (timeline), NULL);
  g_return_val_if_fail (TAIOU_IS_INCIDENT (incident), NULL);

  if (inputs == NULL)
    inputs = &no_inputs;
  if (!taiou_timeline_foreach_event (timeline, taiou_incident_get_id (incident), read_one_event,
                                     &reading, cancellable, error))
    {
      g_clear_object (&reading.last_assessed);
      return NULL;
    }
  if (reading.last_assessed != NULL)
    g_ptr_array_add (kept, g_steal_pointer (&reading.last_assessed));

  self = g_new0 (TaiouReportContent, 1);
  self->overview = g_ptr_array_new_with_free_func ((GDestroyNotify) report_row_free);
  self->progress = g_ptr_array_new_with_free_func ((GDestroyNotify) report_row_free);
  self->deadlines = g_ptr_array_new_with_free_func ((GDestroyNotify) report_row_free);
  self->verification = taiou_timeline_verify (timeline, cancellable, error);
  if (self->verification == NULL)
    return NULL;

  if (inputs->step_ids != NULL && inputs->step_titles != NULL)
    summary = taiou_incident_summary_new (incident, kept, inputs->step_ids, inputs->step_titles);
  else
    summary = taiou_incident_summary_new (incident, kept, no_steps, no_steps);

  self->title = taiou_report_clean_text (taiou_incident_get_title (incident),
                                         TAIOU_REPORT_TEXT_MAX_CHARS);
  self->organization = inputs->organization != NULL && inputs->organization[0] != '\0'
                       ? taiou_report_clean_text (inputs->organization, 200) : NULL;
  self->status = inputs->status != NULL && inputs->status[0] != '\0'
                 ? taiou_report_clean_text (inputs->status, 200)
                 : g_strdup (derive_status (incident, summary));
  self->created_us = taiou_incident_get_created_us (incident);
  self->made_us = inputs->made_us != 0 ? inputs->made_us : g_get_real_time ();
  self->n_events = reading.n_events;
  now = g_date_time_new_from_unix_local (self->made_us / G_USEC_PER_SEC);
  self->zone_name = g_strdup (now != NULL ? g_date_time_get_timezone_abbreviation (now)
                                          : g_time_zone_get_identifier (zone));

  fill_overview (self, incident, &reading);
  fill_progress (self, summary, inputs, &reading);
  fill_deadlines (self, summary);
  fill_items (self, incident, summary, &reading);
  return g_steal_pointer (&self);
}

void
taiou_report_content_free (TaiouReportContent *self)
{
  if (self == NULL)
    return;
  g_free (self->title);
  g_free (self->organization);
  g_free (self->status);
  g_clear_pointer (&self->overview, g_ptr_array_unref);
  g_clear_pointer (&self->progress, g_ptr_array_unref);
  g_clear_pointer (&self->deadlines, g_ptr_array_unref);
  g_free (self->deadline_note);
  for (guint i = 0; i < TAIOU_REPORT_N_ITEMS; i++)
    g_free (self->items[i].text);
  g_clear_pointer (&self->verification, taiou_timeline_verification_free);
  g_free (self->zone_name);
  g_free (self->checkpoint);
  g_free (self);
}
