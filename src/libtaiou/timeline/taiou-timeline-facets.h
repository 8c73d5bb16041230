/* taiou-timeline-facets.h — which PCs, kinds and people an incident's events name */
#pragma once

#include "taiou-timeline.h"

G_BEGIN_DECLS

typedef enum
{
  TAIOU_EVENT_FACET_HOST,
  TAIOU_EVENT_FACET_KIND,
  TAIOU_EVENT_FACET_ACTOR,
} TaiouEventFacet;

/* More than a menu can offer; a crafted import may name a million hosts. */
#define TAIOU_TIMELINE_MAX_FACET_VALUES 200

GStrv taiou_timeline_list_event_values (TaiouTimeline     *self,
                                        gint64             incident_id,
                                        TaiouEventFacet    facet,
                                        GError           **error);

G_END_DECLS
