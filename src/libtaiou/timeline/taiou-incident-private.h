/* taiou-incident-private.h — construction, for the timeline store only */
#pragma once

#include "taiou-incident.h"

G_BEGIN_DECLS

typedef struct
{
  gint64      id;
  const char *uuid;
  const char *title;
  gint64      created_us;
  gint64      discovered_us;
  const char *host;
  const char *reporter;
  const char *step;
  const char *status;  /* as stored: "" until a status was set */
} TaiouIncidentFields;

TaiouIncident *_taiou_incident_new (const TaiouIncidentFields *fields);

G_END_DECLS
