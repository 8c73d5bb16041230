/* taiou-event-filter-bar.h — the search entry and filters above an incident's events */
#pragma once

#include <adwaita.h>

#include "taiou.h"

G_BEGIN_DECLS

#define TAIOU_TYPE_EVENT_FILTER_BAR (taiou_event_filter_bar_get_type ())
G_DECLARE_FINAL_TYPE (TaiouEventFilterBar, taiou_event_filter_bar, TAIOU, EVENT_FILTER_BAR,
                      GtkWidget)

void     taiou_event_filter_bar_set_incident (TaiouEventFilterBar *self,
                                              TaiouTimeline       *timeline,
                                              gint64               incident_id);
void     taiou_event_filter_bar_get_filter   (TaiouEventFilterBar *self,
                                              TaiouEventFilter    *filter);
gboolean taiou_event_filter_bar_is_filtered  (TaiouEventFilterBar *self);
void     taiou_event_filter_bar_set_count    (TaiouEventFilterBar *self,
                                              guint                n_shown);
void     taiou_event_filter_bar_set_problem  (TaiouEventFilterBar *self,
                                              const char          *problem);
void     taiou_event_filter_bar_focus_search (TaiouEventFilterBar *self);

G_END_DECLS
