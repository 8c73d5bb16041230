/* taiou-event-detail.h — one event of the record, shown readably */
#pragma once

#include <adwaita.h>

#include "taiou.h"

G_BEGIN_DECLS

#define TAIOU_TYPE_EVENT_DETAIL (taiou_event_detail_get_type ())
G_DECLARE_FINAL_TYPE (TaiouEventDetail, taiou_event_detail, TAIOU, EVENT_DETAIL, AdwBin)

GtkWidget  *taiou_event_detail_new       (void);
TaiouEvent *taiou_event_detail_get_event (TaiouEventDetail *self);
void        taiou_event_detail_set_event (TaiouEventDetail *self,
                                          TaiouEvent       *event);

G_END_DECLS
