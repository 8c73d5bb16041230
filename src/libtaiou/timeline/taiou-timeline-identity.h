/* taiou-timeline-identity.h — which incident already holds an event known across machines */
#pragma once

#include "taiou-timeline.h"

G_BEGIN_DECLS

gboolean taiou_timeline_find_incident_by_identity (TaiouTimeline       *self,
                                                   const char * const  *identity_hashes,
                                                   guint                n_hashes,
                                                   gint64              *incident_id,
                                                   GError             **error);

G_END_DECLS
