/* taiou-timeline-batch.c — many events appended in one transaction
 *
 * A merge of other PCs' records, an import or a scan with thousands of findings would pay one
 * fsync per event through taiou_timeline_append(); here the whole batch is one transaction: the
 * chain head is read once, each event's hash is computed from the one before it in order, and
 * COMMIT makes all of them durable at once — or, on any error or cancellation, none of them.
 *
 * Identity across machines: a merged event's identity is its origin hash, a local event's its
 * own hash; the events_by_identity index holds coalesce (origin_hash, hash) for every event.  A
 * draft whose origin hash is already there (imported before, or our own event coming back in
 * another PC's merged file) is skipped, so importing the same file twice adds nothing.
 */
#define G_LOG_DOMAIN "taiou-timeline"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "taiou-timeline-batch.h"
#include "taiou-timeline-private.h"

/* Checking for cancellation on every row would cost more than writing it. */
#define CANCEL_CHECK_INTERVAL 256

static gboolean
is_hash_text (const char *value)
{
  if (value == NULL || strlen (value) != TAIOU_EVENT_HASH_HEX_LEN)
    return FALSE;
  for (const char *p = value; *p != '\0'; p++)
    if (!g_ascii_isdigit (*p) && !(*p >= 'a' && *p <= 'f'))
      return FALSE;
  return TRUE;
}

/* Everything that can be wrong with a draft is found before anything is written. */
static gboolean
check_draft (const TaiouEventDraft  *draft,
             guint                   index,
             GError                **error)
{
  g_autoptr(GError) local_error = NULL;
  gboolean any_origin = draft->origin_host != NULL || draft->origin_seq != 0 ||
                        draft->origin_hash != NULL;

  if (!_taiou_timeline_check_text (draft->kind, "kind", FALSE, &local_error) ||
      !_taiou_timeline_check_text (draft->summary, "summary", FALSE, &local_error) ||
      (draft->actor != NULL &&
       !_taiou_timeline_check_text (draft->actor, "actor", TRUE, &local_error)) ||
      (draft->host != NULL &&
       !_taiou_timeline_check_text (draft->host, "host", FALSE, &local_error)))
    {
      g_propagate_prefixed_error (error, g_steal_pointer (&local_error),
                                  _("Event %u of the batch: "), index + 1);
      return FALSE;
    }
  if (draft->time_us < 0)
    {
      g_set_error (error, TAIOU_TIMELINE_ERROR, TAIOU_TIMELINE_ERROR_INVALID,
                   _("Event %u of the batch has a time before 1970."), index + 1);
      return FALSE;
    }
  if (any_origin &&
      (!_taiou_timeline_check_text (draft->origin_host, "origin_host", FALSE, NULL) ||
       draft->origin_seq <= 0 || !is_hash_text (draft->origin_hash)))
    {
      g_set_error (error, TAIOU_TIMELINE_ERROR, TAIOU_TIMELINE_ERROR_INVALID,
                   _("Event %u of the batch names where it came from only in part: a merged "
                     "event needs its origin host, its sequence number there (1 or more) and "
                     "its hash there (64 hexadecimal digits)."),
                   index + 1);
      return FALSE;
    }
  return TRUE;
}

/* Whether an event with this identity (an origin hash, or a local event's own hash) is in the
 * database already. */
static gboolean
identity_known_locked (TaiouTimeline  *self,
                       const char     *identity,
                       gboolean       *known,
                       GError        **error)
{
  sqlite3_stmt *stmt = NULL;
  int rc;

  if (!_taiou_timeline_prepare_cached (self, TAIOU_APPEND_IDENTITY_KNOWN,
                                       "SELECT 1 FROM events "
                                       "WHERE coalesce (origin_hash, hash) = ? LIMIT 1",
                                       &stmt, error))
    return FALSE;
  sqlite3_bind_text (stmt, 1, identity, -1, SQLITE_STATIC);
  rc = sqlite3_step (stmt);
  _taiou_timeline_release_cached (stmt);
  if (rc != SQLITE_ROW && rc != SQLITE_DONE)
    {
      _taiou_timeline_set_sqlite_error (error, self->db, rc, self->path);
      return FALSE;
    }
  *known = rc == SQLITE_ROW;
  return TRUE;
}

/* Writes the drafts; the caller holds the lock and an open write transaction. */
static gboolean
append_drafts_locked (TaiouTimeline          *self,
                      gint64                  incident_id,
                      const TaiouEventDraft  *drafts,
                      guint                   n_drafts,
                      guint                  *n_added,
                      GCancellable           *cancellable,
                      GError                **error)
{
  g_autofree char *head = NULL;
  const char *actor = _taiou_timeline_default_actor (NULL);
  const char *host = g_get_host_name ();
  gint64 now = g_get_real_time ();
  gint64 last_seq = 0;
  gint64 position = 0;

  if (!_taiou_timeline_read_head_locked (self, &last_seq, &head, error) ||
      !_taiou_timeline_next_position_locked (self, incident_id, &position, error))
    return FALSE;

  for (guint i = 0; i < n_drafts; i++)
    {
      const TaiouEventDraft *draft = &drafts[i];
      g_autofree char *detail = NULL;
      char *hash;
      TaiouEventFields fields = { 0 };

      if (i % CANCEL_CHECK_INTERVAL == 0 &&
          g_cancellable_set_error_if_cancelled (cancellable, error))
        return FALSE;

      if (draft->origin_hash != NULL)
        {
          gboolean known = FALSE;

          if (!identity_known_locked (self, draft->origin_hash, &known, error))
            return FALSE;
          if (known)
            continue;
        }

      detail = _taiou_timeline_detail_to_string (draft->detail);
      fields.seq = last_seq + 1;
      fields.incident_id = incident_id;
      fields.time_us = draft->time_us != 0 ? draft->time_us : now;
      fields.kind = draft->kind;
      fields.actor = draft->actor != NULL && draft->actor[0] != '\0' ? draft->actor : actor;
      fields.host = draft->host != NULL ? draft->host : host;
      fields.summary = draft->summary;
      fields.detail = detail;
      fields.origin_host = draft->origin_host;
      fields.origin_seq = draft->origin_seq;
      fields.origin_hash = draft->origin_hash;
      hash = _taiou_event_compute_hash (head, &fields);

      if (!_taiou_timeline_insert_event_locked (self, &fields, draft->detail, head, hash,
                                                position, error))
        {
          g_free (hash);
          return FALSE;
        }
      g_free (head);
      head = hash;
      last_seq++;
      if (incident_id > 0)
        position++;
      (*n_added)++;
    }
  return TRUE;
}

/**
 * taiou_timeline_append_batch:
 * @incident_id: the incident, or 0 for events that belong to no incident
 * @drafts: (array length=n_drafts): the events, in the order they join the chain
 * @n_added: (out) (optional): how many drafts were new and were appended
 * @cancellable: (nullable): checked between rows; cancelling rolls the whole batch back
 *
 * Appends the drafts in one transaction, the chain computed in order: all of them or, on any
 * error, none.  A draft whose identity (its origin hash) is already in the database is skipped,
 * so re-importing the same events adds nothing.  An incident whose response is finished takes
 * none (TAIOU_TIMELINE_ERROR_CLOSED).
 *
 * Returns: %FALSE with @error set when nothing was appended because of an error
 */
gboolean
taiou_timeline_append_batch (TaiouTimeline          *self,
                             gint64                  incident_id,
                             const TaiouEventDraft  *drafts,
                             guint                   n_drafts,
                             guint                  *n_added,
                             GCancellable           *cancellable,
                             GError                **error)
{
  g_autoptr(GMutexLocker) locker = NULL;
  guint added = 0;

  g_return_val_if_fail (TAIOU_IS_TIMELINE (self), FALSE);
  g_return_val_if_fail (incident_id >= 0, FALSE);
  g_return_val_if_fail (drafts != NULL || n_drafts == 0, FALSE);
  g_return_val_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (n_added != NULL)
    *n_added = 0;
  for (guint i = 0; i < n_drafts; i++)
    if (!check_draft (&drafts[i], i, error))
      return FALSE;

  locker = g_mutex_locker_new (&self->lock);
  if (!_taiou_timeline_begin_immediate (self, error))
    return FALSE;
  if ((incident_id > 0 && !_taiou_timeline_check_open_locked (self, incident_id, error)) ||
      !append_drafts_locked (self, incident_id, drafts, n_drafts, &added, cancellable, error))
    {
      _taiou_timeline_rollback (self);
      return FALSE;
    }
  if (!_taiou_timeline_commit (self, error))
    return FALSE;

  if (n_added != NULL)
    *n_added = added;
  return TRUE;
}
