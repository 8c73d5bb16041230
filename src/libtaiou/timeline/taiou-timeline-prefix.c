/* taiou-timeline-prefix.c — the chain's first N events, re-hashed from scratch
 *
 * A checkpoint vouches for events #1…#N by the hash of event #N.  Checking it must not trust a
 * single stored hash: whoever rewrote a row can rewrite every hash after it too.  So this walk
 * recomputes each hash from the genesis hash and the events' own fields, exactly as appending
 * did, and hands back what it computed; the stored hashes only serve to say whether someone
 * edited rows without re-chaining (the ordinary verification's finding) or re-chained them.
 *
 * A long chain is walked in two halves at once, as taiou-timeline-verify.c does: the second half
 * starts from the hash its first row stores, on a connection of its own in a second thread.  That
 * start is only taken on trust until the first half ends: if the first half's recomputed head is
 * not what the second half started from, the second half is walked again from the recomputed
 * head, so the result is always the one a single walk from the genesis hash would give.
 */
#define G_LOG_DOMAIN "taiou-timeline"

#include "config.h"

#include <string.h>

#include "taiou-timeline-prefix.h"
#include "taiou-timeline-private.h"

#define CANCEL_CHECK_INTERVAL 1024

/* As in taiou-timeline-verify.c (and its TAIOU_VERIFY_PARALLEL_MIN, for the tests). */
#define PARALLEL_MIN_EVENTS 65536

typedef struct
{
  sqlite3      *db;
  const char   *path;
  gint64        from_seq;
  gint64        to_seq;              /* inclusive */
  gboolean      start_from_stored;   /* the first row's stored prev_hash is the start */
  gint64        incident_id;
  GCancellable *cancellable;

  gint64        expected_seq;
  gint64        n_rows;
  gint64        first_seq;
  char          first_stored_prev[TAIOU_EVENT_HASH_HEX_LEN + 1];
  char          head[TAIOU_EVENT_HASH_HEX_LEN + 1];       /* the start, then the last computed */
  char          first_hash[TAIOU_EVENT_HASH_HEX_LEN + 1]; /* event #1's, when walked */
  gint64        incident_events;
  gint64        first_unlinked_seq;
  GError       *error;
} Walk;

static gint64
parallel_min_events (void)
{
  const char *value = g_getenv ("TAIOU_VERIFY_PARALLEL_MIN");

  return value != NULL ? g_ascii_strtoll (value, NULL, 10) : PARALLEL_MIN_EVENTS;
}

static gboolean
walk (Walk *w)
{
  sqlite3_stmt *stmt = NULL;
  int rc;

  rc = sqlite3_prepare_v2 (w->db,
                           "SELECT " TAIOU_EVENT_COLUMNS " FROM events "
                           "WHERE seq >= ?1 AND seq <= ?2 ORDER BY seq", -1, &stmt, NULL);
  if (rc != SQLITE_OK)
    {
      _taiou_timeline_set_sqlite_error (&w->error, w->db, rc, w->path);
      return FALSE;
    }
  sqlite3_bind_int64 (stmt, 1, w->from_seq);
  sqlite3_bind_int64 (stmt, 2, w->to_seq);

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      char computed[TAIOU_EVENT_HASH_HEX_LEN + 1];
      TaiouEventFields fields;
      const char *prev_hash;
      const char *hash;

      if (w->n_rows % CANCEL_CHECK_INTERVAL == 0 &&
          g_cancellable_set_error_if_cancelled (w->cancellable, &w->error))
        {
          sqlite3_finalize (stmt);
          return FALSE;
        }

      _taiou_timeline_read_event_row (stmt, &fields, &prev_hash, &hash);
      if (w->n_rows++ == 0)
        {
          w->first_seq = fields.seq;
          g_strlcpy (w->first_stored_prev, prev_hash, sizeof w->first_stored_prev);
          if (w->start_from_stored)
            g_strlcpy (w->head, prev_hash, sizeof w->head);
        }
      if (w->first_unlinked_seq == 0 &&
          (fields.seq != w->expected_seq || strcmp (prev_hash, w->head) != 0))
        w->first_unlinked_seq = fields.seq;
      w->expected_seq++;

      /* The hash covers the event's seq: a renumbered or missing row changes every hash
       * after it, so the head cannot come out the same. */
      _taiou_event_compute_hash_into (w->head, &fields, computed);
      if (w->first_unlinked_seq == 0 && strcmp (computed, hash) != 0)
        w->first_unlinked_seq = fields.seq;
      memcpy (w->head, computed, sizeof computed);
      if (fields.seq == 1)
        memcpy (w->first_hash, computed, sizeof computed);
      if (w->incident_id > 0 && fields.incident_id == w->incident_id)
        w->incident_events++;
    }
  sqlite3_finalize (stmt);
  if (rc != SQLITE_DONE)
    {
      _taiou_timeline_set_sqlite_error (&w->error, w->db, rc, w->path);
      return FALSE;
    }
  return TRUE;
}

/* The second half, in its own thread, on its own read-only connection. */
static gpointer
walk_second_half (gpointer data)
{
  Walk *w = data;
  int rc = sqlite3_open_v2 (w->path, &w->db, SQLITE_OPEN_READONLY | SQLITE_OPEN_NOMUTEX, NULL);

  if (rc == SQLITE_OK)
    {
      sqlite3_extended_result_codes (w->db, 1);
      sqlite3_busy_timeout (w->db, 2000);
      sqlite3_db_config (w->db, SQLITE_DBCONFIG_DEFENSIVE, 1, NULL);
      sqlite3_db_config (w->db, SQLITE_DBCONFIG_TRUSTED_SCHEMA, 0, NULL);
      rc = sqlite3_exec (w->db, "BEGIN", NULL, NULL, NULL);
    }
  if (rc != SQLITE_OK)
    _taiou_timeline_set_sqlite_error (&w->error, w->db, rc, w->path);
  else
    {
      walk (w);
      sqlite3_exec (w->db, "COMMIT", NULL, NULL, NULL);
    }
  g_clear_pointer (&w->db, sqlite3_close);
  return NULL;
}

static void
walk_clear (Walk *w)
{
  g_clear_error (&w->error);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Walk, walk_clear)

/* Walks [1, last] on @self's connection, in two halves when it is long. */
static gboolean
walk_prefix (TaiouTimeline        *self,
             gint64                last,
             gint64                incident_id,
             TaiouTimelinePrefix  *prefix,
             GCancellable         *cancellable,
             GError              **error)
{
  g_auto(Walk) first = { 0 };
  g_auto(Walk) second = { 0 };
  GThread *thread = NULL;

  first = (Walk) {
    .db = self->db, .path = self->path, .from_seq = G_MININT64, .to_seq = last,
    .incident_id = incident_id, .cancellable = cancellable, .expected_seq = 1,
    .head = TAIOU_EVENT_GENESIS_HASH,
  };
  if (last >= parallel_min_events () && last >= 2)
    {
      first.to_seq = last / 2 - 1;
      second = (Walk) {
        .path = self->path, .from_seq = last / 2, .to_seq = last, .start_from_stored = TRUE,
        .incident_id = incident_id, .cancellable = cancellable, .expected_seq = last / 2,
      };
      thread = g_thread_new ("taiou-prefix", walk_second_half, &second);
    }
  walk (&first);
  if (thread != NULL)
    g_thread_join (thread);
  if (first.error != NULL || second.error != NULL)
    {
      GError **failed = first.error != NULL ? &first.error : &second.error;

      g_propagate_error (error, g_steal_pointer (failed));
      return FALSE;
    }

  /* The second half started where the first really ended: its result stands.  Otherwise it is
   * walked again, on from the first half's recomputed head. */
  if (thread != NULL && second.n_rows > 0 &&
      (second.first_seq != first.expected_seq ||
       strcmp (second.first_stored_prev, first.head) != 0))
    {
      second = (Walk) {
        .db = self->db, .path = self->path, .from_seq = first.to_seq + 1, .to_seq = last,
        .incident_id = incident_id, .cancellable = cancellable,
        .expected_seq = first.expected_seq,
      };
      memcpy (second.head, first.head, sizeof first.head);
      if (!walk (&second))
        {
          g_propagate_error (error, g_steal_pointer (&second.error));
          return FALSE;
        }
    }

  prefix->n_events = first.n_rows + second.n_rows;
  prefix->incident_events = first.incident_events + second.incident_events;
  prefix->first_unlinked_seq = first.first_unlinked_seq != 0 ? first.first_unlinked_seq
                                                             : second.first_unlinked_seq;
  g_strlcpy (prefix->head_hash, second.n_rows > 0 ? second.head : first.head,
             sizeof prefix->head_hash);
  g_strlcpy (prefix->first_hash, first.first_hash[0] != '\0' ? first.first_hash
                                                             : second.first_hash,
             sizeof prefix->first_hash);
  return TRUE;
}

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
  gboolean ok;
  int rc;

  g_return_val_if_fail (TAIOU_IS_TIMELINE (self), FALSE);
  g_return_val_if_fail (prefix != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  memset (prefix, 0, sizeof *prefix);
  g_strlcpy (prefix->head_hash, TAIOU_EVENT_GENESIS_HASH, sizeof prefix->head_hash);
  locker = g_mutex_locker_new (&self->lock);

  /* One read transaction: another process may append meanwhile; the rows up to the newest one
   * now are the ones walked, whichever connection reads them. */
  rc = sqlite3_exec (self->db, "BEGIN", NULL, NULL, NULL);
  if (rc != SQLITE_OK)
    {
      _taiou_timeline_set_sqlite_error (error, self->db, rc, self->path);
      return FALSE;
    }
  ok = _taiou_timeline_newest_seq_locked (self, &prefix->newest_seq, error) &&
       walk_prefix (self, n_events < 0 ? prefix->newest_seq : MIN (n_events, prefix->newest_seq),
                    incident_id, prefix, cancellable, error);
  sqlite3_exec (self->db, ok ? "COMMIT" : "ROLLBACK", NULL, NULL, NULL);
  return ok;
}
