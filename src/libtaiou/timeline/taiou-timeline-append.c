/* taiou-timeline-append.c — adding events to the chain, one at a time
 *
 * Every event goes through _taiou_timeline_insert_event_locked(), inside a write transaction
 * that BEGIN IMMEDIATE opened before the chain head was read, so two processes can never fork the
 * chain.  The same insert keeps the event's place in its incident and its search text in step.
 * The batched path (taiou-timeline-batch.c) uses the same pieces for many events in one
 * transaction.
 */
#define G_LOG_DOMAIN "taiou-timeline"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "taiou-event-private.h"
#include "taiou-timeline-private.h"

/* The chain's newest event: seq 0 and the genesis hash for an empty chain. */
gboolean
_taiou_timeline_read_head_locked (TaiouTimeline  *self,
                                  gint64         *last_seq,
                                  char          **head_hash,
                                  GError        **error)
{
  sqlite3_stmt *stmt = NULL;
  int rc;

  if (!_taiou_timeline_prepare_cached (self, TAIOU_APPEND_HEAD,
                                       "SELECT seq, hash FROM events ORDER BY seq DESC LIMIT 1",
                                       &stmt, error))
    return FALSE;
  rc = sqlite3_step (stmt);
  *last_seq = 0;
  *head_hash = NULL;
  if (rc == SQLITE_ROW)
    {
      *last_seq = sqlite3_column_int64 (stmt, 0);
      *head_hash = g_strdup ((const char *) sqlite3_column_text (stmt, 1));
    }
  _taiou_timeline_release_cached (stmt);
  if (rc != SQLITE_ROW && rc != SQLITE_DONE)
    {
      g_clear_pointer (head_hash, g_free);
      _taiou_timeline_set_sqlite_error (error, self->db, rc, self->path);
      return FALSE;
    }
  if (*head_hash == NULL)
    *head_hash = g_strdup (TAIOU_EVENT_GENESIS_HASH);
  return TRUE;
}

/* The place the next event of @incident_id takes in it, 1 for its first; 0 for no incident. */
gboolean
_taiou_timeline_next_position_locked (TaiouTimeline  *self,
                                      gint64          incident_id,
                                      gint64         *position,
                                      GError        **error)
{
  sqlite3_stmt *stmt = NULL;
  int rc;

  *position = 0;
  if (incident_id <= 0)
    return TRUE;
  if (!_taiou_timeline_prepare_cached (self, TAIOU_APPEND_NEXT_POSITION,
                                       "SELECT coalesce (max (position), 0) + 1 FROM events "
                                       "WHERE incident_id = ?",
                                       &stmt, error))
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, incident_id);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    *position = sqlite3_column_int64 (stmt, 0);
  _taiou_timeline_release_cached (stmt);
  if (rc != SQLITE_ROW)
    {
      _taiou_timeline_set_sqlite_error (error, self->db, rc, self->path);
      return FALSE;
    }
  return TRUE;
}

static gboolean
step_statement (TaiouTimeline  *self,
                sqlite3_stmt   *stmt,
                GError        **error)
{
  int rc = sqlite3_step (stmt);

  _taiou_timeline_release_cached (stmt);
  if (rc != SQLITE_DONE)
    {
      _taiou_timeline_set_sqlite_error (error, self->db, rc, self->path);
      return FALSE;
    }
  return TRUE;
}

/* Writes one hashed event and its search text; the caller holds the lock and an open write
 * transaction, and has computed @hash over @prev_hash and @fields. */
gboolean
_taiou_timeline_insert_event_locked (TaiouTimeline          *self,
                                     const TaiouEventFields *fields,
                                     JsonObject             *detail,
                                     const char             *prev_hash,
                                     const char             *hash,
                                     gint64                  position,
                                     GError                **error)
{
  g_autofree char *search_text = NULL;
  sqlite3_stmt *stmt = NULL;

  if (!_taiou_timeline_prepare_cached (self, TAIOU_APPEND_INSERT,
                                       "INSERT INTO events (seq, incident_id, time_us, kind, "
                                       "  actor, host, summary, detail, prev_hash, hash, "
                                       "  origin_host, origin_seq, origin_hash, position) "
                                       "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                                       &stmt, error))
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, fields->seq);
  if (fields->incident_id > 0)
    {
      sqlite3_bind_int64 (stmt, 2, fields->incident_id);
      sqlite3_bind_int64 (stmt, 14, position);
    }
  sqlite3_bind_int64 (stmt, 3, fields->time_us);
  sqlite3_bind_text (stmt, 4, fields->kind, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 5, fields->actor, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 6, fields->host, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 7, fields->summary, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 8, fields->detail, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 9, prev_hash, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 10, hash, -1, SQLITE_STATIC);
  if (fields->origin_hash != NULL)
    {
      sqlite3_bind_text (stmt, 11, fields->origin_host, -1, SQLITE_STATIC);
      sqlite3_bind_int64 (stmt, 12, fields->origin_seq);
      sqlite3_bind_text (stmt, 13, fields->origin_hash, -1, SQLITE_STATIC);
    }
  if (!step_statement (self, stmt, error))
    return FALSE;

  /* Only incidents' events are searched: every query is about one incident. */
  if (fields->incident_id <= 0)
    return TRUE;
  /* The detail's words taken from its object (@detail, which fields->detail was written
   * from), else as SQL finds them in the stored text (coalesce() evaluates its second argument
   * only when the first is NULL). */
  search_text = _taiou_timeline_detail_search_text (detail);
  if (!_taiou_timeline_prepare_cached (self, TAIOU_APPEND_INSERT_TEXT,
                                       "INSERT INTO events_text (rowid, summary, detail) "
                                       "VALUES (?1, ?2, coalesce (?4, "
                                       TAIOU_DETAIL_TEXT_SQL ("?3") "))",
                                       &stmt, error))
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, fields->seq);
  sqlite3_bind_text (stmt, 2, fields->summary, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 3, fields->detail, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 4, search_text, -1, SQLITE_STATIC); /* NULL binds SQL's NULL */
  return step_statement (self, stmt, error);
}

/* Appends one event; the caller holds the lock and an open write transaction. */
TaiouEvent *
_taiou_timeline_append_locked (TaiouTimeline  *self,
                               gint64          incident_id,
                               const char     *kind,
                               const char     *actor,
                               const char     *summary,
                               JsonObject     *detail,
                               GError        **error)
{
  g_autofree char *prev_hash = NULL;
  g_autofree char *hash = NULL;
  g_autofree char *detail_json = _taiou_timeline_detail_to_string (detail);
  TaiouEventFields fields = { 0 };
  gint64 last_seq = 0;
  gint64 position = 0;

  if (!_taiou_timeline_read_head_locked (self, &last_seq, &prev_hash, error) ||
      !_taiou_timeline_next_position_locked (self, incident_id, &position, error))
    return NULL;

  fields.seq = last_seq + 1;
  fields.incident_id = incident_id;
  fields.time_us = g_get_real_time ();
  fields.kind = kind;
  fields.actor = _taiou_timeline_default_actor (actor);
  fields.host = g_get_host_name ();
  fields.summary = summary;
  fields.detail = detail_json;
  hash = _taiou_event_compute_hash (prev_hash, &fields);

  if (!_taiou_timeline_insert_event_locked (self, &fields, detail, prev_hash, hash, position,
                                            error))
    return NULL;
  return _taiou_event_new (&fields, prev_hash, hash);
}

gboolean
_taiou_timeline_incident_exists_locked (TaiouTimeline  *self,
                                        gint64          incident_id,
                                        GError        **error)
{
  sqlite3_stmt *stmt = NULL;
  int rc;

  if (!_taiou_timeline_prepare_cached (self, TAIOU_APPEND_INCIDENT_STEP,
                                       "SELECT step FROM incidents WHERE id = ?", &stmt, error))
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, incident_id);
  rc = sqlite3_step (stmt);
  _taiou_timeline_release_cached (stmt);

  if (rc == SQLITE_ROW)
    return TRUE;
  if (rc == SQLITE_DONE)
    g_set_error (error, TAIOU_TIMELINE_ERROR, TAIOU_TIMELINE_ERROR_NOT_FOUND,
                 _("There is no incident number %lld in the timeline."),
                 (long long) incident_id);
  else
    _taiou_timeline_set_sqlite_error (error, self->db, rc, self->path);
  return FALSE;
}

/* Fails with TAIOU_TIMELINE_ERROR_CLOSED when the incident's response is finished: its record
 * is closed until someone reopens it (taiou_timeline_set_incident_status). */
gboolean
_taiou_timeline_check_open_locked (TaiouTimeline  *self,
                                   gint64          incident_id,
                                   GError        **error)
{
  sqlite3_stmt *stmt = NULL;
  gboolean finished = FALSE;
  int rc;

  if (!_taiou_timeline_prepare_cached (self, TAIOU_APPEND_INCIDENT_STEP,
                                       "SELECT step FROM incidents WHERE id = ?", &stmt, error))
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, incident_id);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    finished = g_strcmp0 ((const char *) sqlite3_column_text (stmt, 0),
                          TAIOU_INCIDENT_STEP_FINISHED) == 0;
  _taiou_timeline_release_cached (stmt);

  if (rc == SQLITE_DONE)
    g_set_error (error, TAIOU_TIMELINE_ERROR, TAIOU_TIMELINE_ERROR_NOT_FOUND,
                 _("There is no incident number %lld in the timeline."),
                 (long long) incident_id);
  else if (rc != SQLITE_ROW)
    _taiou_timeline_set_sqlite_error (error, self->db, rc, self->path);
  else if (finished)
    g_set_error (error, TAIOU_TIMELINE_ERROR, TAIOU_TIMELINE_ERROR_CLOSED,
                 _("Incident #%lld is finished; reopen it first to record more."),
                 (long long) incident_id);
  return rc == SQLITE_ROW && !finished;
}

/**
 * taiou_timeline_append:
 * @incident_id: the incident, or 0 for an event that belongs to no incident
 * @kind: a dotted machine name, e.g. "triage.what-happened"
 * @actor: (nullable): who did it; NULL for the logged-in user
 * @summary: one line for people, in the user's language
 * @detail: (nullable): machine-readable facts, stored as compact JSON
 *
 * Appends one event to the chain, atomically, even while another process appends too.  An
 * incident whose response is finished takes none (TAIOU_TIMELINE_ERROR_CLOSED).
 */
TaiouEvent *
taiou_timeline_append (TaiouTimeline  *self,
                       gint64          incident_id,
                       const char     *kind,
                       const char     *actor,
                       const char     *summary,
                       JsonObject     *detail,
                       GError        **error)
{
  g_autoptr(GMutexLocker) locker = NULL;
  g_autoptr(TaiouEvent) event = NULL;

  g_return_val_if_fail (TAIOU_IS_TIMELINE (self), NULL);
  g_return_val_if_fail (incident_id >= 0, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!_taiou_timeline_check_text (kind, "kind", FALSE, error) ||
      !_taiou_timeline_check_text (summary, "summary", FALSE, error) ||
      (actor != NULL && !_taiou_timeline_check_text (actor, "actor", TRUE, error)))
    return NULL;

  locker = g_mutex_locker_new (&self->lock);

  if (!_taiou_timeline_begin_immediate (self, error))
    return NULL;
  if ((incident_id > 0 && !_taiou_timeline_check_open_locked (self, incident_id, error)) ||
      !(event = _taiou_timeline_append_locked (self, incident_id, kind, actor, summary, detail,
                                               error)))
    {
      _taiou_timeline_rollback (self);
      return NULL;
    }
  if (!_taiou_timeline_commit (self, error))
    return NULL;

  return g_steal_pointer (&event);
}
