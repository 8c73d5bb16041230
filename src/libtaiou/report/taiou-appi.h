/* taiou-appi.h — 個人情報保護法 (APPI) breach-report deadlines, counted in Japan's calendar */
#pragma once

#include <json-glib/json-glib.h>

G_BEGIN_DECLS

#define TAIOU_APPI_ERROR (taiou_appi_error_quark ())

typedef enum
{
  TAIOU_APPI_ERROR_FUTURE,       /* the discovery time lies in the future */
  TAIOU_APPI_ERROR_OUT_OF_RANGE, /* not a time a calendar can hold */
} TaiouAppiError;

GQuark taiou_appi_error_quark (void);

/* The four situations of 施行規則7条 that make a leak (or a possible leak) reportable. */
typedef enum
{
  TAIOU_APPI_TRIGGER_NONE             = 0,
  TAIOU_APPI_TRIGGER_SENSITIVE        = 1 << 0, /* 1号: 要配慮個人情報 */
  TAIOU_APPI_TRIGGER_FINANCIAL        = 1 << 1, /* 2号: 財産的被害が生じるおそれ */
  TAIOU_APPI_TRIGGER_UNLAWFUL_PURPOSE = 1 << 2, /* 3号: 不正の目的 (unauthorised access: Emotet) */
  TAIOU_APPI_TRIGGER_OVER_1000        = 1 << 3, /* 4号: 本人の数が1,000人を超える */
} TaiouAppiTriggers;

#define TAIOU_APPI_TRIGGER_ALL (TAIOU_APPI_TRIGGER_SENSITIVE | TAIOU_APPI_TRIGGER_FINANCIAL | \
                                TAIOU_APPI_TRIGGER_UNLAWFUL_PURPOSE | \
                                TAIOU_APPI_TRIGGER_OVER_1000)

/* What a worker marks as done, stored in the event detail ("item"). */
typedef enum
{
  TAIOU_APPI_ITEM_PRELIMINARY,    /* 速報 to the Commission */
  TAIOU_APPI_ITEM_FINAL,          /* 確報 to the Commission */
  TAIOU_APPI_ITEM_NOTIFY_PERSONS, /* 本人通知 */
  TAIOU_APPI_N_ITEMS,
} TaiouAppiItem;

/* The guideline's "about 3 to 5 days" for the 速報; 規則8条2項's 30 and 60 days for the 確報. */
#define TAIOU_APPI_PRELIMINARY_EARLY_DAYS 3
#define TAIOU_APPI_PRELIMINARY_LATE_DAYS  5
#define TAIOU_APPI_FINAL_DAYS             30
#define TAIOU_APPI_FINAL_DAYS_UNLAWFUL    60

/* A clock a few minutes fast must not refuse the present. */
#define TAIOU_APPI_FUTURE_TOLERANCE_US (5 * G_TIME_SPAN_MINUTE)

typedef struct
{
  gint64             discovered_us;
  TaiouAppiTriggers  triggers;
  gboolean           reportable;         /* at least one trigger */
  GDate              discovered_date;    /* the day of discovery in Japan */
  GDate              preliminary_from;   /* 速報: about day 3 … */
  GDate              preliminary_until;  /* … to day 5 (目安) */
  GDate              final_due;          /* 確報: the last day */
  guint              final_days;         /* 30, or 60 for 3号 */
} TaiouAppiDeadlines;

GTimeZone   *taiou_appi_time_zone             (void);
gboolean     taiou_appi_compute               (gint64               discovered_us,
                                               gint64               now_us,
                                               TaiouAppiTriggers    triggers,
                                               TaiouAppiDeadlines  *deadlines,
                                               GError             **error);
char        *taiou_appi_format_date           (const GDate         *date,
                                               gboolean             japanese);
char        *taiou_appi_format_time           (gint64               time_us,
                                               gboolean             japanese);
char        *taiou_appi_format_local_time     (gint64               time_us,
                                               gboolean             japanese);
const char  *taiou_appi_trigger_to_string     (TaiouAppiTriggers    trigger);
TaiouAppiTriggers
             taiou_appi_trigger_from_string   (const char          *name);
const char  *taiou_appi_item_to_string        (TaiouAppiItem        item);
gboolean     taiou_appi_item_from_string      (const char          *name,
                                               TaiouAppiItem       *item);
JsonObject  *taiou_appi_deadlines_to_json     (const TaiouAppiDeadlines *deadlines);
gboolean     taiou_appi_deadlines_from_json   (JsonObject          *object,
                                               TaiouAppiDeadlines  *deadlines);

G_END_DECLS
