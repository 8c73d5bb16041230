/* taiou-timeline-identity.c — which incident already holds an event known across machines
 *
 * An event's identity is the hash it got where it was first recorded: its origin hash when it was
 * merged from another PC's record, else its own hash.  The events_by_identity index (schema 3)
 * covers exactly that expression, so each lookup is one index probe.  A re-import without
 * --incident uses this to find the incident an earlier import created, instead of making a second
 * one.
 */
#define G_LOG_DOMAIN "taiou-timeline"

#include "config.h"

#include "taiou-timeline-identity.h"
#include "taiou-timeline-private.h"

/**
 * taiou_timeline_find_incident_by_identity:
 * @identity_hashes: (array length=n_hashes): events' identities, in the order to try them
 * @incident_id: (out): the incident holding the first of them found, 0 when none is
 *
 * Returns: %FALSE with @error set when the database could not be read
 */
gboolean
taiou_timeline_find_incident_by_identity (TaiouTimeline       *self,
                                          const char * const  *identity_hashes,
                                          guint                n_hashes,
                                          gint64              *incident_id,
                                          GError             **error)
{
  g_autoptr(GMutexLocker) locker = NULL;
  sqlite3_stmt *stmt = NULL;
  int rc = SQLITE_DONE;

  g_return_val_if_fail (TAIOU_IS_TIMELINE (self), FALSE);
  g_return_val_if_fail (identity_hashes != NULL || n_hashes == 0, FALSE);
  g_return_val_if_fail (incident_id != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  *incident_id = 0;
  locker = g_mutex_locker_new (&self->lock);
  if (!_taiou_timeline_prepare (self,
                                "SELECT incident_id FROM events "
                                "WHERE coalesce (origin_hash, hash) = ? "
                                "  AND incident_id IS NOT NULL "
                                "LIMIT 1",
                                &stmt, error))
    return FALSE;

  for (guint i = 0; i < n_hashes && *incident_id == 0; i++)
    {
      sqlite3_bind_text (stmt, 1, identity_hashes[i], -1, SQLITE_STATIC);
      rc = sqlite3_step (stmt);
      if (rc == SQLITE_ROW)
        *incident_id = sqlite3_column_int64 (stmt, 0);
      else if (rc != SQLITE_DONE)
        break;
      sqlite3_reset (stmt);
    }
  sqlite3_finalize (stmt);

  if (rc != SQLITE_ROW && rc != SQLITE_DONE)
    {
      _taiou_timeline_set_sqlite_error (error, self->db, rc, self->path);
      return FALSE;
    }
  return TRUE;
}
