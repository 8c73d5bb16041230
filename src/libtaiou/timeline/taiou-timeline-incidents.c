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
  fields.status = "";

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

static gboolean
is_status (const char *status)
{
  return g_strcmp0 (status, TAIOU_INCIDENT_STATUS_RESPONDING) == 0 ||
         g_strcmp0 (status, TAIOU_INCIDENT_STATUS_INVESTIGATING) == 0 ||
         g_strcmp0 (status, TAIOU_INCIDENT_STATUS_FINISHED) == 0;
}

/* The step a reopened incident goes back to: the last one the wizard reached before it was
 * finished, "" (the start) if it never reached one. */
static gboolean
step_before_finish_locked (TaiouTimeline  *self,
                           gint64          incident_id,
                           char          **step,
                           GError        **error)
{
  sqlite3_stmt *stmt = NULL;
  int rc;

  if (!_taiou_timeline_prepare (self,
                                "SELECT json_extract (detail, '$." TAIOU_EVENT_DETAIL_STEP "') "
                                "FROM events WHERE incident_id = ? AND kind = '"
                                TAIOU_EVENT_WIZARD_STEP "' AND json_valid (detail) "
                                "  AND json_extract (detail, '$." TAIOU_EVENT_DETAIL_STEP "') "
                                "      != '" TAIOU_INCIDENT_STEP_FINISHED "' "
                                "ORDER BY seq DESC LIMIT 1",
                                &stmt, error))
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, incident_id);
  rc = sqlite3_step (stmt);
  *step = g_strdup (rc == SQLITE_ROW && sqlite3_column_text (stmt, 0) != NULL
                    ? (const char *) sqlite3_column_text (stmt, 0) : "");
  sqlite3_finalize (stmt);
  if (rc != SQLITE_ROW && rc != SQLITE_DONE)
    {
      g_clear_pointer (step, g_free);
      _taiou_timeline_set_sqlite_error (error, self->db, rc, self->path);
      return FALSE;
    }
  return TRUE;
}

static gboolean
read_step_and_status_locked (TaiouTimeline  *self,
                             gint64          incident_id,
                             char          **step,
                             char          **status,
                             GError        **error)
{
  sqlite3_stmt *stmt = NULL;
  int rc;

  if (!_taiou_timeline_prepare (self, "SELECT step, status FROM incidents WHERE id = ?", &stmt,
                                error))
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, incident_id);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    {
      *step = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
      *status = g_strdup ((const char *) sqlite3_column_text (stmt, 1));
    }
  sqlite3_finalize (stmt);
  if (rc == SQLITE_DONE)
    g_set_error (error, TAIOU_TIMELINE_ERROR, TAIOU_TIMELINE_ERROR_NOT_FOUND,
                 _("There is no incident number %lld in the timeline."),
                 (long long) incident_id);
  else if (rc != SQLITE_ROW)
    _taiou_timeline_set_sqlite_error (error, self->db, rc, self->path);
  return rc == SQLITE_ROW;
}

static gboolean
update_step_and_status_locked (TaiouTimeline  *self,
                               gint64          incident_id,
                               const char     *step,
                               const char     *status,
                               GError        **error)
{
  sqlite3_stmt *stmt = NULL;
  int rc;

  if (!_taiou_timeline_prepare (self, "UPDATE incidents SET step = ?, status = ? WHERE id = ?",
                                &stmt, error))
    return FALSE;
  sqlite3_bind_text (stmt, 1, step, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, status, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 3, incident_id);
  rc = sqlite3_step (stmt);
  sqlite3_finalize (stmt);
  if (rc != SQLITE_DONE)
    {
      _taiou_timeline_set_sqlite_error (error, self->db, rc, self->path);
      return FALSE;
    }
  return TRUE;
}

/**
 * taiou_timeline_set_incident_status:
 * @status: TAIOU_INCIDENT_STATUS_RESPONDING, _INVESTIGATING or _FINISHED
 * @actor: (nullable): who changed it; NULL for the logged-in user
 *
 * Records a change of status as an event.  Finishing closes the incident's record (its step
 * becomes TAIOU_INCIDENT_STEP_FINISHED; appends then fail with TAIOU_TIMELINE_ERROR_CLOSED);
 * setting another status on a finished incident reopens it at the wizard step it had reached.
 * Setting the status it already has changes nothing and records nothing.
 */
gboolean
taiou_timeline_set_incident_status (TaiouTimeline  *self,
                                    gint64          incident_id,
                                    const char     *status,
                                    const char     *actor,
                                    GError        **error)
{
  g_autoptr(GMutexLocker) locker = NULL;
  g_autoptr(JsonObject) detail = json_object_new ();
  g_autoptr(TaiouEvent) event = NULL;
  g_autofree char *step = NULL;
  g_autofree char *stored_status = NULL;
  g_autofree char *new_step = NULL;
  g_autofree char *summary = NULL;
  const char *previous;
  gboolean finishing = g_strcmp0 (status, TAIOU_INCIDENT_STATUS_FINISHED) == 0;

  g_return_val_if_fail (TAIOU_IS_TIMELINE (self), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!is_status (status))
    {
      g_set_error (error, TAIOU_TIMELINE_ERROR, TAIOU_TIMELINE_ERROR_INVALID,
                   _("“%s” is not a status of an incident."), status != NULL ? status : "");
      return FALSE;
    }

  locker = g_mutex_locker_new (&self->lock);
  if (!_taiou_timeline_begin_immediate (self, error))
    return FALSE;
  if (!read_step_and_status_locked (self, incident_id, &step, &stored_status, error))
    goto failed;
  previous = g_strcmp0 (step, TAIOU_INCIDENT_STEP_FINISHED) == 0 ? TAIOU_INCIDENT_STATUS_FINISHED
             : g_strcmp0 (stored_status, TAIOU_INCIDENT_STATUS_INVESTIGATING) == 0
             ? TAIOU_INCIDENT_STATUS_INVESTIGATING : TAIOU_INCIDENT_STATUS_RESPONDING;
  if (g_strcmp0 (previous, status) == 0)
    {
      _taiou_timeline_rollback (self);
      return TRUE;
    }

  if (finishing)
    new_step = g_strdup (TAIOU_INCIDENT_STEP_FINISHED);
  else if (g_strcmp0 (previous, TAIOU_INCIDENT_STATUS_FINISHED) == 0)
    {
      if (!step_before_finish_locked (self, incident_id, &new_step, error))
        goto failed;
    }
  else
    new_step = g_strdup (step);

  json_object_set_string_member (detail, TAIOU_EVENT_DETAIL_STATUS, status);
  json_object_set_string_member (detail, TAIOU_EVENT_DETAIL_PREVIOUS, previous);
  summary = g_strdup_printf (_("Status changed from “%s” to “%s”"),
                             taiou_incident_status_get_label (previous),
                             taiou_incident_status_get_label (status));
  if (!update_step_and_status_locked (self, incident_id, new_step, status, error) ||
      !(event = _taiou_timeline_append_locked (self, incident_id, TAIOU_EVENT_INCIDENT_STATUS,
                                               actor, summary, detail, error)))
    goto failed;
  return _taiou_timeline_commit (self, error);

failed:
  _taiou_timeline_rollback (self);
  return FALSE;
}

#define INCIDENT_COLUMNS \
  "id, uuid, title, created_us, discovered_us, host, reporter, step, status"

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
    .status = (const char *) sqlite3_column_text (stmt, 8),
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
