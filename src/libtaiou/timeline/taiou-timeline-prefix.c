/* taiou-timeline-prefix.c — the chain's first N events, re-hashed from scratch
 *
 * A checkpoint vouches for events #1…#N by the hash of event #N.  Checking it must not trust a
 * single stored hash: whoever rewrote a row can rewrite every hash after it too.  So this walk
 * recomputes each hash from the genesis hash and the events' own fields, exactly as appending
 * did, and hands back what it computed; the stored hashes only serve to say whether someone
 * edited rows without re-chaining (the ordinary verification's finding) or re-chained them.
 */
#define G_LOG_DOMAIN "taiou-timeline"

#include "config.h"

#include <string.h>

#include "taiou-timeline-prefix.h"
#include "taiou-timeline-private.h"

#define CANCEL_CHECK_INTERVAL 1024

/**
 * taiou_timeline_hash_prefix:
 * @n_events: N, or -1 for every event now in the record
 * @incident_id: the incident whose events among them are counted, 0 for none
 *
 * Returns: %FALSE with @error when the record could not be read
 */
gboolean
taiou_timeline_hash_prefix (TaiouTimeline        *self,
                            gint64                n_events,
                            gint64                incident_id,
                            TaiouTimelinePrefix  *prefix,
                            GCancellable         *cancellable,
                            GError              **error)
{
  g_autoptr(GMutexLocker) locker = NULL;
  sqlite3_stmt *stmt = NULL;
  gboolean ok = FALSE;
  int rc;

  g_return_val_if_fail (TAIOU_IS_TIMELINE (self), FALSE);
  g_return_val_if_fail (prefix != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  memset (prefix, 0, sizeof *prefix);
  g_strlcpy (prefix->head_hash, TAIOU_EVENT_GENESIS_HASH, sizeof prefix->head_hash);
  locker = g_mutex_locker_new (&self->lock);

  /* One read transaction: another process may append meanwhile. */
  rc = sqlite3_exec (self->db, "BEGIN", NULL, NULL, NULL);
  if (rc != SQLITE_OK)
    {
      _taiou_timeline_set_sqlite_error (error, self->db, rc, self->path);
      return FALSE;
    }
  if (!_taiou_timeline_newest_seq_locked (self, &prefix->newest_seq, error) ||
      !_taiou_timeline_prepare (self,
                                "SELECT " TAIOU_EVENT_COLUMNS " FROM events "
                                "WHERE seq <= ?1 ORDER BY seq", &stmt, error))
    goto out;
  sqlite3_bind_int64 (stmt, 1, n_events < 0 ? G_MAXINT64 : n_events);

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      char computed[TAIOU_EVENT_HASH_HEX_LEN + 1];
      TaiouEventFields fields;
      const char *prev_hash;
      const char *hash;

      if (prefix->n_events % CANCEL_CHECK_INTERVAL == 0 &&
          g_cancellable_set_error_if_cancelled (cancellable, error))
        goto out;

      _taiou_timeline_read_event_row (stmt, &fields, &prev_hash, &hash);
      prefix->n_events++;
      if (prefix->first_unlinked_seq == 0 &&
          (fields.seq != prefix->n_events || strcmp (prev_hash, prefix->head_hash) != 0))
        prefix->first_unlinked_seq = fields.seq;

      /* The hash covers the event's seq: a renumbered or missing row changes every hash
       * after it, so the head cannot come out the same. */
      _taiou_event_compute_hash_into (prefix->head_hash, &fields, computed);
      if (prefix->first_unlinked_seq == 0 && strcmp (computed, hash) != 0)
        prefix->first_unlinked_seq = fields.seq;
      memcpy (prefix->head_hash, computed, sizeof computed);
      if (prefix->n_events == 1)
        memcpy (prefix->first_hash, computed, sizeof computed);
      if (incident_id > 0 && fields.incident_id == incident_id)
        prefix->incident_events++;
    }
  if (rc != SQLITE_DONE)
    {
      _taiou_timeline_set_sqlite_error (error, self->db, rc, self->path);
      goto out;
    }
  ok = TRUE;

out:
  g_clear_pointer (&stmt, sqlite3_finalize);
  sqlite3_exec (self->db, ok ? "COMMIT" : "ROLLBACK", NULL, NULL, NULL);
  return ok;
}
