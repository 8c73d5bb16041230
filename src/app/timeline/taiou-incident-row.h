/* taiou-incident-row.h — one incident in the record view's list */
#pragma once

#include <adwaita.h>

#include "taiou.h"

G_BEGIN_DECLS

#define TAIOU_TYPE_INCIDENT_ROW (taiou_incident_row_get_type ())
G_DECLARE_FINAL_TYPE (TaiouIncidentRow, taiou_incident_row, TAIOU, INCIDENT_ROW, AdwActionRow)

GtkWidget     *taiou_incident_row_new          (TaiouTimeline    *timeline,
                                                TaiouIncident    *incident);
TaiouIncident *taiou_incident_row_get_incident (TaiouIncidentRow *self);
const char    *taiou_incident_row_get_deadline (TaiouIncidentRow *self);

G_END_DECLS
