/* taiou-timeline-forward.c — the queue of events still to send to each syslog collector
 *
 * The events are already an append-only, numbered list (seq), so the queue is one number per
 * collector: the seq of the last event it was sent (table forward_cursor, schema 6).  Whatever
 * has a larger seq is pending, in order.  Nothing is copied, so nothing can be lost between the
 * record and the queue, an event appended while the PC is offline simply waits, and the number
 * only moves forward, after the forwarder knows the collector took the events (see
 * taiou-forwarder.c for what "took" means and what a crash in between costs).
 *
 * A destination is "host:port", not the TLS setting: switching TLS on for the same collector
 * must not send it everything again.
 */
#define G_LOG_DOMAIN "taiou-timeline"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "taiou-timeline-forward.h"
#include "taiou-timeline-private.h"

void
taiou_forward_item_free (TaiouForwardItem *item)
{
  if (item == NULL)
    return;
  g_clear_object (&item->event);
  g_free (item->incident_uuid);
  g_free (item);
}

static gboolean
check_destination (const char  *destination,
                   GError     **error)
{
  return _taiou_timeline_check_text (destination, "destination", FALSE, error);
}

static gboolean
read_cursor_locked (TaiouTimeline  *self,
                    const char     *destination,
                    gint64         *last_seq,
                    gint64         *sent_us,
                    GError        **error)
{
  sqlite3_stmt *stmt = NULL;
  int rc;

  *last_seq = 0;
  if (sent_us != NULL)
    *sent_us = 0;
  if (!_taiou_timeline_prepare (self,
                                "SELECT last_seq, sent_us FROM forward_cursor "
                                "WHERE destination = ?",
                                &stmt, error))
    return FALSE;
  sqlite3_bind_text (stmt, 1, destination, -1, SQLITE_TRANSIENT);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    {
      *last_seq = sqlite3_column_int64 (stmt, 0);
      if (sent_us != NULL)
        *sent_us = sqlite3_column_int64 (stmt, 1);
    }
  sqlite3_finalize (stmt);
  if (rc != SQLITE_ROW && rc != SQLITE_DONE)
    {
      _taiou_timeline_set_sqlite_error (error, self->db, rc, self->path);
      return FALSE;
    }
  return TRUE;
}

/**
 * taiou_timeline_list_unforwarded:
 * @destination: the collector, "host:port"
 * @limit: at most this many events
 *
 * Returns: (transfer container) (element-type TaiouForwardItem): the oldest events not yet sent
 *   to @destination, oldest first; empty when it has them all
 */
GPtrArray *
taiou_timeline_list_unforwarded (TaiouTimeline  *self,
                                 const char     *destination,
                                 guint           limit,
                                 GError        **error)
{
  g_autoptr(GMutexLocker) locker = NULL;
  g_autoptr(GPtrArray) items = NULL;
  sqlite3_stmt *stmt = NULL;
  gint64 last_seq = 0;
  int rc;

  g_return_val_if_fail (TAIOU_IS_TIMELINE (self), NULL);
  g_return_val_if_fail (limit > 0, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!check_destination (destination, error))
    return NULL;

  items = g_ptr_array_new_with_free_func ((GDestroyNotify) taiou_forward_item_free);
  locker = g_mutex_locker_new (&self->lock);
  if (!read_cursor_locked (self, destination, &last_seq, NULL, error) ||
      !_taiou_timeline_prepare (self,
                                "SELECT " TAIOU_EVENT_COLUMNS ", incidents.uuid FROM events "
                                "LEFT JOIN incidents ON incidents.id = events.incident_id "
                                "WHERE events.seq > ? ORDER BY events.seq LIMIT ?",
                                &stmt, error))
    return NULL;
  sqlite3_bind_int64 (stmt, 1, last_seq);
  sqlite3_bind_int64 (stmt, 2, limit);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      TaiouForwardItem *item = g_new0 (TaiouForwardItem, 1);
      TaiouEventFields fields;
      const char *prev_hash;
      const char *hash;

      _taiou_timeline_read_event_row (stmt, &fields, &prev_hash, &hash);
      item->event = _taiou_event_new (&fields, prev_hash, hash);
      item->incident_uuid = g_strdup ((const char *) sqlite3_column_text (stmt, 13) ?: "");
      g_ptr_array_add (items, item);
    }
  sqlite3_finalize (stmt);

  if (rc != SQLITE_DONE)
    {
      _taiou_timeline_set_sqlite_error (error, self->db, rc, self->path);
      return NULL;
    }
  return g_steal_pointer (&items);
}

/**
 * taiou_timeline_mark_forwarded:
 * @destination: the collector, "host:port"
 * @last_seq: the newest event it now has; every older one was sent before it
 *
 * Moves the collector's cursor forward, never back: a slower second sender (the CLI while the app
 * forwards too) cannot make events be sent again.  Committed with the database's FULL sync, so
 * after it returns a crash does not send these events twice.
 */
gboolean
taiou_timeline_mark_forwarded (TaiouTimeline  *self,
                               const char     *destination,
                               gint64          last_seq,
                               GError        **error)
{
  g_autoptr(GMutexLocker) locker = NULL;
  sqlite3_stmt *stmt = NULL;
  int rc;

  g_return_val_if_fail (TAIOU_IS_TIMELINE (self), FALSE);
  g_return_val_if_fail (last_seq > 0, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!check_destination (destination, error))
    return FALSE;

  locker = g_mutex_locker_new (&self->lock);
  if (!_taiou_timeline_begin_immediate (self, error))
    return FALSE;
  if (!_taiou_timeline_prepare (self,
                                "INSERT INTO forward_cursor (destination, last_seq, sent_us) "
                                "VALUES (?1, ?2, ?3) ON CONFLICT (destination) DO UPDATE "
                                "SET last_seq = max (last_seq, excluded.last_seq), "
                                "    sent_us = excluded.sent_us",
                                &stmt, error))
    {
      _taiou_timeline_rollback (self);
      return FALSE;
    }
  sqlite3_bind_text (stmt, 1, destination, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 2, last_seq);
  sqlite3_bind_int64 (stmt, 3, g_get_real_time ());
  rc = sqlite3_step (stmt);
  sqlite3_finalize (stmt);
  if (rc != SQLITE_DONE)
    {
      _taiou_timeline_set_sqlite_error (error, self->db, rc, self->path);
      _taiou_timeline_rollback (self);
      return FALSE;
    }
  return _taiou_timeline_commit (self, error);
}

/**
 * taiou_timeline_forward_status:
 * @last_sent_seq: (out): the newest event @destination has, 0 for none
 * @n_pending: (out): how many events it does not have yet
 * @sent_us: (out) (optional): when the cursor last moved, 0 for never
 */
gboolean
taiou_timeline_forward_status (TaiouTimeline  *self,
                               const char     *destination,
                               gint64         *last_sent_seq,
                               gint64         *n_pending,
                               gint64         *sent_us,
                               GError        **error)
{
  g_autoptr(GMutexLocker) locker = NULL;
  sqlite3_stmt *stmt = NULL;
  int rc;

  g_return_val_if_fail (TAIOU_IS_TIMELINE (self), FALSE);
  g_return_val_if_fail (last_sent_seq != NULL && n_pending != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!check_destination (destination, error))
    return FALSE;

  locker = g_mutex_locker_new (&self->lock);
  if (!read_cursor_locked (self, destination, last_sent_seq, sent_us, error) ||
      !_taiou_timeline_prepare (self, "SELECT count (*) FROM events WHERE seq > ?",
                                &stmt, error))
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, *last_sent_seq);
  rc = sqlite3_step (stmt);
  *n_pending = rc == SQLITE_ROW ? sqlite3_column_int64 (stmt, 0) : 0;
  sqlite3_finalize (stmt);
  if (rc != SQLITE_ROW)
    {
      _taiou_timeline_set_sqlite_error (error, self->db, rc, self->path);
      return FALSE;
    }
  return TRUE;
}
