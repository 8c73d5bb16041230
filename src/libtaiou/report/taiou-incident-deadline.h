/* taiou-incident-deadline.h — the next APPI report an incident still owes, and by when */
#pragma once

#include "taiou-incident-summary.h"

G_BEGIN_DECLS

gboolean              taiou_incident_summary_next_deadline (const TaiouIncidentSummary *self,
                                                            TaiouAppiItem              *item,
                                                            GDate                      *due);
TaiouIncidentSummary *taiou_incident_summary_read_deadlines
                                                           (TaiouTimeline              *timeline,
                                                            TaiouIncident              *incident,
                                                            GCancellable               *cancellable,
                                                            GError                    **error);

G_END_DECLS
