/* taiou-timeline-view.h — the IT manager's view: incidents, one incident's events, chain status */
#pragma once

#include <adwaita.h>

#include "taiou.h"

G_BEGIN_DECLS

#define TAIOU_TYPE_TIMELINE_VIEW (taiou_timeline_view_get_type ())
G_DECLARE_FINAL_TYPE (TaiouTimelineView, taiou_timeline_view, TAIOU, TIMELINE_VIEW, AdwBin)

TaiouCase     *taiou_timeline_view_get_case        (TaiouTimelineView *self);
void           taiou_timeline_view_set_case        (TaiouTimelineView *self,
                                                    TaiouCase         *case_at_hand);
void           taiou_timeline_view_reload          (TaiouTimelineView *self);
gboolean       taiou_timeline_view_select_incident (TaiouTimelineView *self,
                                                    gint64             incident_id);
GListModel    *taiou_timeline_view_get_events      (TaiouTimelineView *self);
const char    *taiou_timeline_view_get_status_text (TaiouTimelineView *self);

gboolean           taiou_timeline_view_select_event     (TaiouTimelineView *self,
                                                         gint64             seq);

G_END_DECLS
