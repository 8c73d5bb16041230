/* taiou-report-content.h — what the incident report (HTML and PDF) says, read once from the record
 *
 * The report is a Japanese document: a draft of the 漏えい等報告 to the 個人情報保護委員会 and a
 * report for management and insurers, so its wording is fixed Japanese (like the notice
 * templates in data/templates/ja/), whatever the language of the desktop.
 */
#pragma once

#include "taiou-appi.h"
#include "taiou-timeline.h"

G_BEGIN_DECLS

/* What the report writes where the record does not know the answer. */
#define TAIOU_REPORT_UNFILLED "［未記入］"

/* What the report says of the signed checkpoint it prints (section 6). */
#define TAIOU_REPORT_CHECKPOINT_NOTE \
  "この PC の鍵で署名した、記録のチェックポイントです（2 行目がその時点の記録の件数、3 行目が" \
  "最後の記録のハッシュ）。この文面か QR コードを、記録を持たない人が保管しておけば、後から" \
  "記録を書き換えてハッシュを計算し直しても見抜けます。確かめるには、記録のある PC で" \
  "次を実行します。"
#define TAIOU_REPORT_CHECKPOINT_COMMAND "taiou-cli timeline verify --checkpoint ファイル"

/* The nine items of 個人情報保護法施行規則 第8条第1項. */
#define TAIOU_REPORT_N_ITEMS 9

/* A text from the record longer than this (characters) is cut, so that one hostile string can
 * neither fill hundreds of pages nor make a table row taller than a page. */
#define TAIOU_REPORT_TEXT_MAX_CHARS  2000
#define TAIOU_REPORT_CELL_MAX_CHARS  600

/* What the caller knows that the record does not; every member is nullable. */
typedef struct
{
  const char         *organization;  /* the profile's organisation */
  const char         *status;        /* the incident's status, when the caller keeps one */
  const char * const *step_ids;      /* the wizard's steps, for the steps done and left */
  const char * const *step_titles;
  gint64              made_us;       /* the report's own time; 0 for now */
} TaiouReportInputs;

typedef struct
{
  const char *heading;   /* 「概要」 */
  const char *statute;   /* the rule's own words, 「規則第8条第1項第1号」 */
  char       *text;      /* NULL: TAIOU_REPORT_UNFILLED */
} TaiouReportItem;

typedef struct
{
  char *label;
  char *value;
} TaiouReportRow;

typedef struct
{
  char                      *title;
  char                      *organization;     /* NULL when unknown */
  char                      *status;
  gint64                     created_us;
  gint64                     made_us;
  GPtrArray                 *overview;         /* TaiouReportRow: the summary section */
  GPtrArray                 *progress;         /* TaiouReportRow: the status section */
  GPtrArray                 *deadlines;        /* TaiouReportRow; empty when none apply */
  char                      *deadline_note;    /* why there are none, or how they were counted */
  TaiouReportItem            items[TAIOU_REPORT_N_ITEMS];
  gint64                     n_events;
  TaiouTimelineVerification *verification;
  char                      *zone_name;        /* the local time zone of the event table */
  char                      *checkpoint;       /* the newest signed checkpoint's text, met
                                                * while the events stream; NULL for none */
} TaiouReportContent;

/* One row of the event table, cleaned and cut. */
typedef struct
{
  char seq[24];
  char time[32];
  char *host;
  char *actor;
  char *kind;
  char *summary;
} TaiouReportEventRow;

TaiouReportContent *taiou_report_content_read    (TaiouTimeline            *timeline,
                                                  TaiouIncident            *incident,
                                                  const TaiouReportInputs  *inputs,
                                                  GCancellable             *cancellable,
                                                  GError                  **error);
void                taiou_report_content_free    (TaiouReportContent       *self);

char               *taiou_report_clean_text      (const char               *text,
                                                  guint                     max_chars);
char               *taiou_report_format_time     (gint64                    time_us);
void                taiou_report_event_row_init  (TaiouReportEventRow      *row,
                                                  TaiouEvent               *event);
void                taiou_report_event_row_clear (TaiouReportEventRow      *row);
char               *taiou_report_format_verification
                                                 (const TaiouTimelineVerification *verification);
const char         *taiou_report_kind_label      (const char               *kind);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (TaiouReportContent, taiou_report_content_free)

G_END_DECLS
