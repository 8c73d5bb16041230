/* taiou-event-list.h — an incident's (filtered) events as a GListModel, read a page at a time */
#pragma once

#include <gio/gio.h>

#include "taiou-timeline-query.h"

G_BEGIN_DECLS

#define TAIOU_TYPE_EVENT_LIST (taiou_event_list_get_type ())
G_DECLARE_FINAL_TYPE (TaiouEventList, taiou_event_list, TAIOU, EVENT_LIST, GObject)

TaiouEventList         *taiou_event_list_new        (TaiouTimeline           *timeline,
                                                     const TaiouEventFilter  *filter,
                                                     GError                 **error);
const TaiouEventFilter *taiou_event_list_get_filter (TaiouEventList          *self);
gboolean                taiou_event_list_refresh    (TaiouEventList          *self,
                                                     GError                 **error);
gboolean                taiou_event_list_find_seq   (TaiouEventList          *self,
                                                     gint64                   seq,
                                                     guint                   *position);
const GError           *taiou_event_list_get_error  (TaiouEventList          *self);

G_END_DECLS
