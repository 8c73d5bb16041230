/* taiou-timeline-query.h — an incident's events filtered and a page at a time (the record view) */
#pragma once

#include "taiou-timeline.h"

G_BEGIN_DECLS

/* Past these a filter is refused (TAIOU_TIMELINE_ERROR_INVALID): a search box or a command line
 * never needs more, and each costs a term of the SQL. */
#define TAIOU_EVENT_FILTER_MAX_KINDS      64
#define TAIOU_EVENT_FILTER_MAX_TEXT_BYTES 1024
#define TAIOU_EVENT_FILTER_MAX_WORDS      16

/**
 * TaiouEventFilter:
 * @incident_id: the incident
 * @kinds: (nullable) (array zero-terminated=1): any of these kinds; NULL for any kind
 * @host: (nullable): events that happened on this PC; NULL for any
 * @actor: (nullable): events done by this person; NULL for any
 * @from_us: events at or after this time (UTC µs); 0 for no lower bound
 * @to_us: events before this time (UTC µs); 0 for no upper bound
 * @text: (nullable): the user's words, each of which must appear in the summary or in the
 *   detail's values (case-insensitive for Latin letters); NULL or "" for any.  Plain words,
 *   never search syntax: quotes, "OR", "*" and the like are looked for as they are.
 *
 * Which events of an incident to show.  All the given conditions must hold.
 */
typedef struct
{
  gint64              incident_id;
  const char * const *kinds;
  const char         *host;
  const char         *actor;
  gint64              from_us;
  gint64              to_us;
  const char         *text;
} TaiouEventFilter;

GPtrArray *taiou_timeline_query_events   (TaiouTimeline           *self,
                                          const TaiouEventFilter  *filter,
                                          gint64                   offset,
                                          guint                    limit,
                                          GError                 **error);
gint64     taiou_timeline_count_matching (TaiouTimeline           *self,
                                          const TaiouEventFilter  *filter,
                                          GError                 **error);

G_END_DECLS
