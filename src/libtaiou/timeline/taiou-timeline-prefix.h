/* taiou-timeline-prefix.h — the chain's first N events, re-hashed from scratch */
#pragma once

#include "taiou-timeline.h"

G_BEGIN_DECLS

/* What re-hashing events #1…#N found. */
typedef struct
{
  gint64   n_events;          /* events with seq ≤ N now in the record */
  gint64   newest_seq;        /* the newest event's seq now, whatever N */
  char     head_hash[65];     /* the recomputed hash of the last of them (genesis for none) */
  char     first_hash[65];    /* the recomputed hash of event #1: the database's identity */
  gint64   incident_events;   /* of them, those of the incident asked about */
  gint64   first_unlinked_seq;  /* the first whose stored hashes disagree with the
                                 * recomputed chain (edited without re-chaining), else 0 */
} TaiouTimelinePrefix;

gboolean taiou_timeline_hash_prefix (TaiouTimeline        *self,
                                     gint64                n_events,
                                     gint64                incident_id,
                                     TaiouTimelinePrefix  *prefix,
                                     GCancellable         *cancellable,
                                     GError              **error);

G_END_DECLS
