/* taiou-timeline-pages.h — an incident's events a page at a time, for exports of any size */
#pragma once

#include "taiou-timeline.h"

G_BEGIN_DECLS

/**
 * TaiouTimelineEventFunc:
 * @event: one event; the callee refs it to keep it
 *
 * Returns: %FALSE with @error set to stop the walk
 */
typedef gboolean (*TaiouTimelineEventFunc) (TaiouEvent  *event,
                                            gpointer     user_data,
                                            GError     **error);

gboolean taiou_timeline_foreach_event (TaiouTimeline           *self,
                                       gint64                   incident_id,
                                       TaiouTimelineEventFunc   func,
                                       gpointer                 user_data,
                                       GCancellable            *cancellable,
                                       GError                 **error);
gint64   taiou_timeline_count_events  (TaiouTimeline           *self,
                                       gint64                   incident_id,
                                       GError                 **error);

G_END_DECLS
