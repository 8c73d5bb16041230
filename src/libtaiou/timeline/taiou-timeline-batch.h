/* taiou-timeline-batch.h — many events appended in one transaction (merges, imports, scans) */
#pragma once

#include "taiou-timeline.h"

G_BEGIN_DECLS

/**
 * TaiouEventDraft:
 * @time_us: when it happened, UTC microseconds, kept as given (an import keeps the source's
 *   time); 0 for now
 * @kind: a dotted machine name, e.g. "scan.finding"
 * @actor: (nullable): who did it; NULL or "" for the logged-in user, as single appends do
 * @host: (nullable): the PC it happened on; NULL for this machine's host name
 * @summary: one line for people
 * @detail: (nullable): machine-readable facts, stored as compact JSON
 * @origin_host: (nullable): for an event merged from another PC's record, that PC
 * @origin_seq: its sequence number there
 * @origin_hash: (nullable): its hash there: the event's identity across machines
 *
 * An event to append.  The three origin fields are all set (a merged event) or all NULL/0 (a
 * local one); a merged event's hash covers them, so they cannot be edited afterwards.
 */
typedef struct
{
  gint64      time_us;
  const char *kind;
  const char *actor;
  const char *host;
  const char *summary;
  JsonObject *detail;
  const char *origin_host;
  gint64      origin_seq;
  const char *origin_hash;
} TaiouEventDraft;

gboolean taiou_timeline_append_batch (TaiouTimeline          *self,
                                      gint64                  incident_id,
                                      const TaiouEventDraft  *drafts,
                                      guint                   n_drafts,
                                      guint                  *n_added,
                                      GCancellable           *cancellable,
                                      GError                **error);

G_END_DECLS
