/* taiou-incident.c — one incident: what happened, when, on which PC, who reported it
 *
 * An incident is a snapshot of its row in the timeline database.  The fields that identify it are
 * also written, at creation, into the hash-chained "incident.created" event, so verification can
 * tell when someone edited the incidents table behind the chain's back.  Only `step` (where the
 * wizard stopped) changes later, and each change is logged as an event too.
 */
#define G_LOG_DOMAIN "taiou-incident"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "taiou-incident-private.h"
#include "taiou-time.h"

struct _TaiouIncident
{
  GObject parent_instance;

  gint64 id;
  char  *uuid;
  char  *title;
  gint64 created_us;
  gint64 discovered_us;
  char  *host;
  char  *reporter;
  char  *step;
  char  *status;
};

G_DEFINE_FINAL_TYPE (TaiouIncident, taiou_incident, G_TYPE_OBJECT)

static void
taiou_incident_finalize (GObject *object)
{
  TaiouIncident *self = TAIOU_INCIDENT (object);

  g_free (self->uuid);
  g_free (self->title);
  g_free (self->host);
  g_free (self->reporter);
  g_free (self->step);
  g_free (self->status);

  G_OBJECT_CLASS (taiou_incident_parent_class)->finalize (object);
}

static void
taiou_incident_class_init (TaiouIncidentClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = taiou_incident_finalize;
}

static void
taiou_incident_init (TaiouIncident *self)
{
}

TaiouIncident *
_taiou_incident_new (const TaiouIncidentFields *fields)
{
  TaiouIncident *self;

  g_assert (fields != NULL);

  self = g_object_new (TAIOU_TYPE_INCIDENT, NULL);
  self->id = fields->id;
  self->uuid = g_strdup (fields->uuid);
  self->title = g_strdup (fields->title);
  self->created_us = fields->created_us;
  self->discovered_us = fields->discovered_us;
  self->host = g_strdup (fields->host);
  self->reporter = g_strdup (fields->reporter);
  self->step = g_strdup (fields->step);
  self->status = g_strdup (fields->status);

  return self;
}

gint64
taiou_incident_get_id (TaiouIncident *self)
{
  g_return_val_if_fail (TAIOU_IS_INCIDENT (self), 0);
  return self->id;
}

const char *
taiou_incident_get_uuid (TaiouIncident *self)
{
  g_return_val_if_fail (TAIOU_IS_INCIDENT (self), NULL);
  return self->uuid;
}

const char *
taiou_incident_get_title (TaiouIncident *self)
{
  g_return_val_if_fail (TAIOU_IS_INCIDENT (self), NULL);
  return self->title;
}

gint64
taiou_incident_get_created_us (TaiouIncident *self)
{
  g_return_val_if_fail (TAIOU_IS_INCIDENT (self), 0);
  return self->created_us;
}

gint64
taiou_incident_get_discovered_us (TaiouIncident *self)
{
  g_return_val_if_fail (TAIOU_IS_INCIDENT (self), 0);
  return self->discovered_us;
}

const char *
taiou_incident_get_host (TaiouIncident *self)
{
  g_return_val_if_fail (TAIOU_IS_INCIDENT (self), NULL);
  return self->host;
}

const char *
taiou_incident_get_reporter (TaiouIncident *self)
{
  g_return_val_if_fail (TAIOU_IS_INCIDENT (self), NULL);
  return self->reporter;
}

const char *
taiou_incident_get_step (TaiouIncident *self)
{
  g_return_val_if_fail (TAIOU_IS_INCIDENT (self), NULL);
  return self->step;
}

/**
 * taiou_incident_get_status:
 *
 * Returns: TAIOU_INCIDENT_STATUS_FINISHED when the response is finished, otherwise the status
 *   last set, TAIOU_INCIDENT_STATUS_RESPONDING when none was
 */
const char *
taiou_incident_get_status (TaiouIncident *self)
{
  g_return_val_if_fail (TAIOU_IS_INCIDENT (self), NULL);

  if (g_strcmp0 (self->step, TAIOU_INCIDENT_STEP_FINISHED) == 0)
    return TAIOU_INCIDENT_STATUS_FINISHED;
  if (g_strcmp0 (self->status, TAIOU_INCIDENT_STATUS_INVESTIGATING) == 0)
    return TAIOU_INCIDENT_STATUS_INVESTIGATING;
  return TAIOU_INCIDENT_STATUS_RESPONDING;
}

/* Returns: (transfer none): the status in the user's language (対応中, 調査中, 完了), or
 *   @status itself when it is not one */
const char *
taiou_incident_status_get_label (const char *status)
{
  if (g_strcmp0 (status, TAIOU_INCIDENT_STATUS_RESPONDING) == 0)
    return C_("incident status", "Responding");
  if (g_strcmp0 (status, TAIOU_INCIDENT_STATUS_INVESTIGATING) == 0)
    return C_("incident status", "Investigating");
  if (g_strcmp0 (status, TAIOU_INCIDENT_STATUS_FINISHED) == 0)
    return C_("incident status", "Finished");
  return status;
}

/**
 * taiou_incident_to_json:
 *
 * Returns: (transfer full): the incident as a JSON object, times as ISO 8601 UTC and µs.
 */
JsonObject *
taiou_incident_to_json (TaiouIncident *self)
{
  JsonObject *object = json_object_new ();

  g_return_val_if_fail (TAIOU_IS_INCIDENT (self), NULL);

  json_object_set_int_member (object, "id", self->id);
  json_object_set_string_member (object, "uuid", self->uuid);
  json_object_set_string_member (object, "title", self->title);
  taiou_time_set_json (object, "created", self->created_us);
  taiou_time_set_json (object, "discovered", self->discovered_us);
  json_object_set_string_member (object, "host", self->host);
  json_object_set_string_member (object, "reporter", self->reporter);
  json_object_set_string_member (object, "step", self->step);
  json_object_set_string_member (object, "status", taiou_incident_get_status (self));

  return object;
}
