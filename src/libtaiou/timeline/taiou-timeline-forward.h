/* taiou-timeline-forward.h — the queue of events still to send to each syslog collector */
#pragma once

#include "taiou-timeline.h"

G_BEGIN_DECLS

/* One event to send, with the UUID of its incident ("" for an event outside any incident),
 * which names the incident across PCs where the local number does not. */
typedef struct
{
  TaiouEvent *event;
  char       *incident_uuid;
} TaiouForwardItem;

void       taiou_forward_item_free          (TaiouForwardItem *item);

GPtrArray *taiou_timeline_list_unforwarded  (TaiouTimeline  *self,
                                             const char     *destination,
                                             guint           limit,
                                             GError        **error);
gboolean   taiou_timeline_mark_forwarded    (TaiouTimeline  *self,
                                             const char     *destination,
                                             gint64          last_seq,
                                             GError        **error);
gboolean   taiou_timeline_forward_status    (TaiouTimeline  *self,
                                             const char     *destination,
                                             gint64         *last_sent_seq,
                                             gint64         *n_pending,
                                             gint64         *sent_us,
                                             GError        **error);

G_END_DECLS
