/* taiou-incident.h — one incident: what happened, when, on which PC, who reported it */
#pragma once

#include <glib-object.h>
#include <json-glib/json-glib.h>

G_BEGIN_DECLS

/* The step an incident is at once its response went through every step of the wizard. */
#define TAIOU_INCIDENT_STEP_FINISHED "finished"

/* Where the response stands (taiou_timeline_set_incident_status): 対応中, 調査中, 完了.  A
 * finished incident is one whose step is TAIOU_INCIDENT_STEP_FINISHED; it takes no new events
 * until it is reopened. */
#define TAIOU_INCIDENT_STATUS_RESPONDING    "responding"
#define TAIOU_INCIDENT_STATUS_INVESTIGATING "investigating"
#define TAIOU_INCIDENT_STATUS_FINISHED      "finished"

#define TAIOU_TYPE_INCIDENT (taiou_incident_get_type ())
G_DECLARE_FINAL_TYPE (TaiouIncident, taiou_incident, TAIOU, INCIDENT, GObject)

gint64      taiou_incident_get_id            (TaiouIncident *self);
const char *taiou_incident_get_uuid          (TaiouIncident *self);
const char *taiou_incident_get_title         (TaiouIncident *self);
gint64      taiou_incident_get_created_us    (TaiouIncident *self);
gint64      taiou_incident_get_discovered_us (TaiouIncident *self);
const char *taiou_incident_get_host          (TaiouIncident *self);
const char *taiou_incident_get_reporter      (TaiouIncident *self);
const char *taiou_incident_get_step          (TaiouIncident *self);
const char *taiou_incident_get_status        (TaiouIncident *self);
const char *taiou_incident_status_get_label  (const char    *status);
JsonObject *taiou_incident_to_json           (TaiouIncident *self);

G_END_DECLS
