/* taiou-incident-summary.h — what was done in an incident and what remains, read from its events */
#pragma once

#include "taiou-appi.h"
#include "taiou-incident.h"
#include "taiou-timeline.h"

G_BEGIN_DECLS

/* A record of a thousand events is already more than a worker reads; the rest are counted. */
#define TAIOU_SUMMARY_MAX_ITEMS      500
/* An event's summary is one line for people; a longer one is cut. */
#define TAIOU_SUMMARY_MAX_TEXT_CHARS 400

typedef struct
{
  gint64  time_us;  /* when it was done; 0 for what remains undated */
  char   *text;     /* one line for people, in the language of whoever recorded it */
  char   *kind;     /* the event kind, or "step" for a wizard step */
} TaiouSummaryItem;

typedef struct
{
  char               *title;
  char               *host;
  char               *reporter;
  gint64              created_us;
  gint64              discovered_us;
  GPtrArray          *done;            /* TaiouSummaryItem, oldest first */
  GPtrArray          *remaining;       /* TaiouSummaryItem, in the order to do them */
  guint               n_left_out;      /* done items over TAIOU_SUMMARY_MAX_ITEMS */
  guint               n_steps_done;
  guint               n_steps_skipped;
  guint               n_steps_not_yet;
  gboolean            appi_assessed;   /* the report step asked about personal data */
  gboolean            personal_data;   /* … and personal data may have leaked */
  TaiouAppiDeadlines  appi;            /* the last computation, when personal_data */
  gint64              appi_done_us[TAIOU_APPI_N_ITEMS]; /* 0: not marked done */
  gint64              handed_over_us;  /* 0: not handed over */
} TaiouIncidentSummary;

TaiouIncidentSummary *taiou_incident_summary_new   (TaiouIncident        *incident,
                                                    GPtrArray            *events,
                                                    const char * const   *step_ids,
                                                    const char * const   *step_titles);
TaiouIncidentSummary *taiou_incident_summary_read  (TaiouTimeline        *timeline,
                                                    gint64                incident_id,
                                                    const char * const   *step_ids,
                                                    const char * const   *step_titles,
                                                    GError              **error);
void                  taiou_incident_summary_mark_handed_over
                                                   (TaiouIncidentSummary *self,
                                                    gint64                time_us);
void                  taiou_incident_summary_free  (TaiouIncidentSummary *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (TaiouIncidentSummary, taiou_incident_summary_free)

G_END_DECLS
