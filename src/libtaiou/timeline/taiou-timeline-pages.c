/* taiou-timeline-pages.c — an incident's events a page at a time, for exports of any size
 *
 * taiou_timeline_list_events() builds the whole incident in memory, which is what the record
 * view wants for a few hundred events and what an export of 1,000,000 events cannot afford.
 * Here the events are read in pages of PAGE_SIZE under the timeline's lock, and handed to the
 * caller with the lock released: a caller writing to a slow pipe never holds up an append from
 * another thread.  Rows are never edited and new ones only get higher sequence numbers, so
 * "seq > last one seen" resumes exactly; the walk stops at the newest event that existed when it
 * began, so an export is the incident as it was at that moment even while the wizard appends.
 * Nothing here changes the schema: the walk uses the events_by_incident (incident_id, seq) index.
 */
#define G_LOG_DOMAIN "taiou-timeline"

#include "config.h"

#include "taiou-timeline-pages.h"
#include "taiou-timeline-private.h"

/* Large enough that SQLite's per-query cost vanishes, small enough to stay a few MB at most. */
#define PAGE_SIZE 2048

static gboolean
read_page_locked (TaiouTimeline  *self,
                  gint64          incident_id,
                  gint64          after_seq,
                  gint64          last_seq,
                  GPtrArray      *page,
                  GError        **error)
{
  sqlite3_stmt *stmt = NULL;
  int rc;

  if (!_taiou_timeline_prepare (self,
                                "SELECT " TAIOU_EVENT_COLUMNS " FROM events "
                                "WHERE incident_id = ?1 AND seq > ?2 AND seq <= ?3 "
                                "ORDER BY seq LIMIT ?4",
                                &stmt, error))
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, incident_id);
  sqlite3_bind_int64 (stmt, 2, after_seq);
  sqlite3_bind_int64 (stmt, 3, last_seq);
  sqlite3_bind_int (stmt, 4, PAGE_SIZE);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      TaiouEventFields fields;
      const char *prev_hash;
      const char *hash;

      _taiou_timeline_read_event_row (stmt, &fields, &prev_hash, &hash);
      g_ptr_array_add (page, _taiou_event_new (&fields, prev_hash, hash));
    }
  sqlite3_finalize (stmt);

  if (rc != SQLITE_DONE)
    {
      _taiou_timeline_set_sqlite_error (error, self->db, rc, self->path);
      return FALSE;
    }
  return TRUE;
}

/* The number of the newest event of the whole record, 0 when it is empty; callers hold the lock. */
gboolean
_taiou_timeline_newest_seq_locked (TaiouTimeline  *self,
                                   gint64         *last_seq,
                                   GError        **error)
{
  sqlite3_stmt *stmt = NULL;
  int rc;

  if (!_taiou_timeline_prepare (self, "SELECT coalesce(max(seq), 0) FROM events", &stmt, error))
    return FALSE;
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    *last_seq = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);
  if (rc != SQLITE_ROW)
    {
      _taiou_timeline_set_sqlite_error (error, self->db, rc, self->path);
      return FALSE;
    }
  return TRUE;
}

/**
 * taiou_timeline_foreach_event:
 * @func: called for each event of the incident, oldest first
 *
 * Walks the incident's events without holding them all: the memory used is one page, whatever
 * the incident's size.  Events appended after the walk began are not visited.
 *
 * Returns: %FALSE when the incident does not exist, the database fails, @cancellable was
 *   cancelled or @func returned %FALSE
 */
gboolean
taiou_timeline_foreach_event (TaiouTimeline           *self,
                              gint64                   incident_id,
                              TaiouTimelineEventFunc   func,
                              gpointer                 user_data,
                              GCancellable            *cancellable,
                              GError                 **error)
{
  g_autoptr(GPtrArray) page = g_ptr_array_new_full (PAGE_SIZE, g_object_unref);
  gint64 after_seq = 0;
  gint64 last_seq = 0;

  g_return_val_if_fail (TAIOU_IS_TIMELINE (self), FALSE);
  g_return_val_if_fail (func != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  {
    g_autoptr(GMutexLocker) locker = g_mutex_locker_new (&self->lock);

    if (!_taiou_timeline_incident_exists_locked (self, incident_id, error) ||
        !_taiou_timeline_newest_seq_locked (self, &last_seq, error))
      return FALSE;
  }

  for (;;)
    {
      if (g_cancellable_set_error_if_cancelled (cancellable, error))
        return FALSE;

      g_ptr_array_set_size (page, 0);
      {
        g_autoptr(GMutexLocker) locker = g_mutex_locker_new (&self->lock);

        if (!read_page_locked (self, incident_id, after_seq, last_seq, page, error))
          return FALSE;
      }
      if (page->len == 0)
        return TRUE;

      for (guint i = 0; i < page->len; i++)
        if (!func (page->pdata[i], user_data, error))
          return FALSE;
      after_seq = taiou_event_get_seq (page->pdata[page->len - 1]);
      if (page->len < PAGE_SIZE)
        return TRUE;
    }
}

/**
 * taiou_timeline_count_events:
 *
 * Returns: how many events the incident has, -1 with @error set on failure
 */
gint64
taiou_timeline_count_events (TaiouTimeline  *self,
                             gint64          incident_id,
                             GError        **error)
{
  g_autoptr(GMutexLocker) locker = NULL;
  sqlite3_stmt *stmt = NULL;
  gint64 count = -1;
  int rc;

  g_return_val_if_fail (TAIOU_IS_TIMELINE (self), -1);
  g_return_val_if_fail (error == NULL || *error == NULL, -1);

  locker = g_mutex_locker_new (&self->lock);
  if (!_taiou_timeline_incident_exists_locked (self, incident_id, error) ||
      !_taiou_timeline_prepare (self, "SELECT count(*) FROM events WHERE incident_id = ?",
                                &stmt, error))
    return -1;
  sqlite3_bind_int64 (stmt, 1, incident_id);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    count = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);
  if (rc != SQLITE_ROW)
    {
      _taiou_timeline_set_sqlite_error (error, self->db, rc, self->path);
      return -1;
    }
  return count;
}
