/* taiou-timeline-incidents.c — creating, reading and advancing incidents in the timeline
 *
 * An incident row is a convenience for listing; what makes it evidence is the "incident.created"
 * event written in the same transaction, which the verifier compares the row with.
 */
#define G_LOG_DOMAIN "taiou-timeline"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "taiou-incident-private.h"
#include "taiou-timeline-private.h"

/**
 * taiou_timeline_create_incident:
 * @title: a short name people recognise, e.g. "添付ファイルを開いた (PC-07)"
 * @discovered_us: when it happened or was noticed, UTC microseconds
 * @host: the PC concerned
 * @reporter: who reported it
 *
 * Creates an incident and its "incident.created" event in one transaction.
 */
TaiouIncident *
taiou_timeline_create_incident (TaiouTimeline  *self,
                                const char     *title,
                                gint64          discovered_us,
                                const char     *host,
                                const char     *reporter,
                                GError        **error)
{
  g_autoptr(GMutexLocker) locker = NULL;
  g_autoptr(JsonObject) detail = json_object_new ();
  g_autoptr(TaiouEvent) event = NULL;
  g_autofree char *uuid = g_uuid_string_random ();
  g_autofree char *summary = NULL;
  sqlite3_stmt *stmt = NULL;
  TaiouIncidentFields fields = { 0 };
  int rc;

  g_return_val_if_fail (TAIOU_IS_TIMELINE (self), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!_taiou_timeline_check_text (title, "title", FALSE, error) ||
      !_taiou_timeline_check_text (host, "host", FALSE, error) ||
      !_taiou_timeline_check_text (reporter, "reporter", FALSE, error))
    return NULL;

  locker = g_mutex_locker_new (&self->lock);
  if (!_taiou_timeline_begin_immediate (self, error))
    return NULL;

  fields.uuid = uuid;
  fields.title = title;
  fields.created_us = g_get_real_time ();
  fields.discovered_us = discovered_us;
  fields.host = host;
  fields.reporter = reporter;
  fields.step = "";

  if (!_taiou_timeline_prepare (self,
                                "INSERT INTO incidents (uuid, title, created_us, discovered_us, "
                                "                       host, reporter) "
                                "VALUES (?, ?, ?, ?, ?, ?)",
                                &stmt, error))
    {
      _taiou_timeline_rollback (self);
      return NULL;
    }
  sqlite3_bind_text (stmt, 1, uuid, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, title, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 3, fields.created_us);
  sqlite3_bind_int64 (stmt, 4, discovered_us);
  sqlite3_bind_text (stmt, 5, host, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 6, reporter, -1, SQLITE_STATIC);
  rc = sqlite3_step (stmt);
  sqlite3_finalize (stmt);
  if (rc != SQLITE_DONE)
    {
      _taiou_timeline_set_sqlite_error (error, self->db, rc, self->path);
      _taiou_timeline_rollback (self);
      return NULL;
    }
  fields.id = sqlite3_last_insert_rowid (self->db);

  /* These fields are what the verifier compares with the incidents table, see
   * taiou-timeline-verify.c. */
  json_object_set_string_member (detail, "uuid", uuid);
  json_object_set_string_member (detail, "title", title);
  json_object_set_int_member (detail, "created_us", fields.created_us);
  json_object_set_int_member (detail, "discovered_us", discovered_us);
  json_object_set_string_member (detail, "host", host);
  json_object_set_string_member (detail, "reporter", reporter);
  summary = g_strdup_printf (_("Incident created: %s"), title);

  event = _taiou_timeline_append_locked (self, fields.id, TAIOU_INCIDENT_CREATED_KIND, reporter,
                                         summary, detail, error);
  if (event == NULL)
    {
      _taiou_timeline_rollback (self);
      return NULL;
    }
  if (!_taiou_timeline_commit (self, error))
    return NULL;

  return _taiou_incident_new (&fields);
}

/**
 * taiou_timeline_set_incident_step:
 * @step: the id of the wizard step the incident has reached, e.g. "disconnect"
 * @summary: (nullable): how the timeline words it, e.g. "Moved on to “Disconnect”"; NULL
 *   for a plain sentence naming @step
 *
 * Records where the wizard stopped, so it can resume there, and logs the change.
 */
gboolean
taiou_timeline_set_incident_step (TaiouTimeline  *self,
                                  gint64          incident_id,
                                  const char     *step,
                                  const char     *summary,
                                  const char     *actor,
                                  GError        **error)
{
  g_autoptr(GMutexLocker) locker = NULL;
  g_autoptr(JsonObject) detail = json_object_new ();
  g_autoptr(TaiouEvent) event = NULL;
  g_autofree char *default_summary = NULL;
  sqlite3_stmt *stmt = NULL;
  int rc;

  g_return_val_if_fail (TAIOU_IS_TIMELINE (self), FALSE);
  g_return_val_if_fail (incident_id > 0, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!_taiou_timeline_check_text (step, "step", FALSE, error))
    return FALSE;

  locker = g_mutex_locker_new (&self->lock);
  if (!_taiou_timeline_begin_immediate (self, error))
    return FALSE;
  if (!_taiou_timeline_incident_exists_locked (self, incident_id, error) ||
      !_taiou_timeline_prepare (self, "UPDATE incidents SET step = ? WHERE id = ?", &stmt, error))
    {
      _taiou_timeline_rollback (self);
      return FALSE;
    }
  sqlite3_bind_text (stmt, 1, step, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 2, incident_id);
  rc = sqlite3_step (stmt);
  sqlite3_finalize (stmt);
  if (rc != SQLITE_DONE)
    {
      _taiou_timeline_set_sqlite_error (error, self->db, rc, self->path);
      _taiou_timeline_rollback (self);
      return FALSE;
    }

  json_object_set_string_member (detail, TAIOU_EVENT_DETAIL_STEP, step);
  if (summary == NULL)
    summary = default_summary = g_strdup_printf (_("Moved on to the step “%s”"), step);
  event = _taiou_timeline_append_locked (self, incident_id, TAIOU_EVENT_WIZARD_STEP, actor, summary,
                                         detail, error);
  if (event == NULL)
    {
      _taiou_timeline_rollback (self);
      return FALSE;
    }
  return _taiou_timeline_commit (self, error);
}

#define INCIDENT_COLUMNS "id, uuid, title, created_us, discovered_us, host, reporter, step"

static TaiouIncident *
incident_from_row (sqlite3_stmt *stmt)
{
  TaiouIncidentFields fields = {
    .id = sqlite3_column_int64 (stmt, 0),
    .uuid = (const char *) sqlite3_column_text (stmt, 1),
    .title = (const char *) sqlite3_column_text (stmt, 2),
    .created_us = sqlite3_column_int64 (stmt, 3),
    .discovered_us = sqlite3_column_int64 (stmt, 4),
    .host = (const char *) sqlite3_column_text (stmt, 5),
    .reporter = (const char *) sqlite3_column_text (stmt, 6),
    .step = (const char *) sqlite3_column_text (stmt, 7),
  };

  return _taiou_incident_new (&fields);
}

TaiouIncident *
taiou_timeline_get_incident (TaiouTimeline  *self,
                             gint64          incident_id,
                             GError        **error)
{
  g_autoptr(GMutexLocker) locker = NULL;
  sqlite3_stmt *stmt = NULL;
  TaiouIncident *incident = NULL;
  int rc;

  g_return_val_if_fail (TAIOU_IS_TIMELINE (self), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  locker = g_mutex_locker_new (&self->lock);
  if (!_taiou_timeline_prepare (self, "SELECT " INCIDENT_COLUMNS " FROM incidents WHERE id = ?",
                                &stmt, error))
    return NULL;
  sqlite3_bind_int64 (stmt, 1, incident_id);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    incident = incident_from_row (stmt);
  sqlite3_finalize (stmt);

  if (rc == SQLITE_DONE)
    g_set_error (error, TAIOU_TIMELINE_ERROR, TAIOU_TIMELINE_ERROR_NOT_FOUND,
                 _("There is no incident number %lld in the timeline."),
                 (long long) incident_id);
  else if (rc != SQLITE_ROW)
    _taiou_timeline_set_sqlite_error (error, self->db, rc, self->path);

  return incident;
}

/**
 * taiou_timeline_list_incidents:
 *
 * Returns: (transfer container) (element-type TaiouIncident): every incident, newest first
 */
GPtrArray *
taiou_timeline_list_incidents (TaiouTimeline  *self,
                               GError        **error)
{
  g_autoptr(GMutexLocker) locker = NULL;
  g_autoptr(GPtrArray) incidents = g_ptr_array_new_with_free_func (g_object_unref);
  sqlite3_stmt *stmt = NULL;
  int rc;

  g_return_val_if_fail (TAIOU_IS_TIMELINE (self), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  locker = g_mutex_locker_new (&self->lock);
  if (!_taiou_timeline_prepare (self,
                                "SELECT " INCIDENT_COLUMNS " FROM incidents ORDER BY id DESC",
                                &stmt, error))
    return NULL;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_ptr_array_add (incidents, incident_from_row (stmt));
  sqlite3_finalize (stmt);

  if (rc != SQLITE_DONE)
    {
      _taiou_timeline_set_sqlite_error (error, self->db, rc, self->path);
      return NULL;
    }
  return g_steal_pointer (&incidents);
}
