/* taiou-timeline-verify.c — re-walks the hash chain and names the first event that breaks it
 *
 * What the walk catches: an edited field (the row's hash no longer matches its content), a deleted
 * row (a gap in the sequence), an inserted or reordered row (its prev_hash does not match the hash
 * of the row before it), and an edited or invented incident row (it no longer matches the
 * "incident.created" event that recorded it).  What no chain inside the file can catch is the
 * removal of the newest events or a rewrite of the whole chain; for that the head hash must be
 * kept elsewhere (exported, printed, or forwarded to a log server).
 */
#define G_LOG_DOMAIN "taiou-timeline"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "taiou-json-private.h"
#include "taiou-timeline-private.h"

/* Checking for cancellation on every row would cost more than the hashing. */
#define CANCEL_CHECK_INTERVAL 1024

G_DEFINE_BOXED_TYPE (TaiouTimelineVerification, taiou_timeline_verification,
                     taiou_timeline_verification_copy, taiou_timeline_verification_free)

TaiouTimelineVerification *
taiou_timeline_verification_copy (const TaiouTimelineVerification *self)
{
  TaiouTimelineVerification *copy;

  g_return_val_if_fail (self != NULL, NULL);

  copy = g_new0 (TaiouTimelineVerification, 1);
  *copy = *self;
  copy->problem = g_strdup (self->problem);
  copy->head_hash = g_strdup (self->head_hash);
  return copy;
}

void
taiou_timeline_verification_free (TaiouTimelineVerification *self)
{
  if (self == NULL)
    return;
  g_free (self->problem);
  g_free (self->head_hash);
  g_free (self);
}

static gboolean
json_string_equals (JsonObject *object,
                    const char *member,
                    const char *value)
{
  const char *stored = _taiou_json_get_string (object, member);

  return stored != NULL && g_strcmp0 (stored, value) == 0;
}

static gboolean
json_int_equals (JsonObject *object,
                 const char *member,
                 gint64      value)
{
  JsonNode *node = json_object_get_member (object, member);

  return node != NULL && JSON_NODE_HOLDS_VALUE (node) &&
         json_node_get_value_type (node) == G_TYPE_INT64 &&
         json_node_get_int (node) == value;
}

/* The incident row must still say what its (already hash-checked) creation event recorded. */
static gboolean
incident_matches_creation (sqlite3                 *db,
                           const char              *path,
                           const TaiouEventFields  *created,
                           char                   **problem,
                           GError                 **error)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  sqlite3_stmt *stmt = NULL;
  JsonObject *detail;
  gboolean matches = FALSE;
  int rc;

  if (!json_parser_load_from_data (parser, created->detail, -1, NULL) ||
      !JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser)))
    {
      *problem = g_strdup_printf (_("Event #%lld should record an incident but "
                                "its details are unreadable."),
                                  (long long) created->seq);
      return FALSE;
    }
  detail = json_node_get_object (json_parser_get_root (parser));

  rc = sqlite3_prepare_v2 (db,
                           "SELECT uuid, title, created_us, discovered_us, host, reporter "
                           "FROM incidents WHERE id = ?", -1, &stmt, NULL);
  if (rc != SQLITE_OK)
    {
      _taiou_timeline_set_sqlite_error (error, db, rc, path);
      return FALSE;
    }
  sqlite3_bind_int64 (stmt, 1, created->incident_id);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    matches =
      json_string_equals (detail, "uuid", (const char *) sqlite3_column_text (stmt, 0)) &&
      json_string_equals (detail, "title", (const char *) sqlite3_column_text (stmt, 1)) &&
      json_int_equals (detail, "created_us", sqlite3_column_int64 (stmt, 2)) &&
      json_int_equals (detail, "discovered_us", sqlite3_column_int64 (stmt, 3)) &&
      json_string_equals (detail, "host", (const char *) sqlite3_column_text (stmt, 4)) &&
      json_string_equals (detail, "reporter", (const char *) sqlite3_column_text (stmt, 5));
  sqlite3_finalize (stmt);

  if (rc != SQLITE_ROW && rc != SQLITE_DONE)
    {
      _taiou_timeline_set_sqlite_error (error, db, rc, path);
      return FALSE;
    }
  if (rc == SQLITE_DONE)
    *problem = g_strdup_printf (_("Incident #%lld, recorded by event #%lld, was deleted from "
                                  "the incidents table."),
                                (long long) created->incident_id, (long long) created->seq);
  else if (!matches)
    *problem = g_strdup_printf (_("Incident #%lld in the incidents table no "
                                  "longer matches what event #%lld recorded: "
                                  "it was edited."),
                                (long long) created->incident_id, (long long) created->seq);
  return matches;
}

/* Every incident row must have been created through the chain. */
static gboolean
find_unrecorded_incident (TaiouTimeline  *self,
                          char          **problem,
                          GError        **error)
{
  sqlite3_stmt *stmt = NULL;
  int rc;

  if (!_taiou_timeline_prepare (self,
                                "SELECT id FROM incidents WHERE id NOT IN "
                                "  (SELECT incident_id FROM events "
                                "   WHERE kind = '" TAIOU_INCIDENT_CREATED_KIND "' "
                                "     AND incident_id IS NOT NULL) "
                                "ORDER BY id LIMIT 1",
                                &stmt, error))
    return FALSE;
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    *problem = g_strdup_printf (_("Incident #%lld has no creation event in the "
                                  "chain: it was added outside Taiou."),
                                (long long) sqlite3_column_int64 (stmt, 0));
  sqlite3_finalize (stmt);

  if (rc != SQLITE_ROW && rc != SQLITE_DONE)
    {
      _taiou_timeline_set_sqlite_error (error, self->db, rc, self->path);
      return FALSE;
    }
  return TRUE;
}

/* A chain of more events than this is walked in two halves at once, the second on a connection
 * of its own in a second thread: hashing 1,000,000 events takes about as long as reading them,
 * and a PC has more than one core. */
#define PARALLEL_MIN_EVENTS 65536

/* The tests set TAIOU_VERIFY_PARALLEL_MIN to walk small chains in two halves too, and compare
 * what both ways find. */
static gint64
parallel_min_events (void)
{
  const char *value = g_getenv ("TAIOU_VERIFY_PARALLEL_MIN");

  return value != NULL ? g_ascii_strtoll (value, NULL, 10) : PARALLEL_MIN_EVENTS;
}

/* One stretch of the chain, [from_seq, to_seq), walked in sequence order. */
typedef struct
{
  sqlite3      *db;
  const char   *path;
  gint64        from_seq;
  gint64        to_seq;
  gint64        expected_seq;
  gboolean      knows_prev;      /* FALSE: the first row's prev_hash is taken as given */
  char          expected_prev[TAIOU_EVENT_HASH_HEX_LEN + 1];
  GCancellable *cancellable;

  gint64        n_events;        /* rows walked, a bad one included */
  gint64        first_seq;       /* the first row's seq, when there was a row */
  char          first_prev[TAIOU_EVENT_HASH_HEX_LEN + 1];
  gint64        first_bad_seq;
  char         *problem;
  gboolean      has_head;        /* whether any row was good */
  char          head[TAIOU_EVENT_HASH_HEX_LEN + 1];
  GError       *error;
} Range;

static char *
describe_seq_problem (gint64 seq,
                      gint64 expected_seq)
{
  return seq > expected_seq
         ? g_strdup_printf (_("Event #%lld is missing: the chain jumps from "
                              "#%lld to #%lld."),
                            (long long) expected_seq, (long long) expected_seq - 1,
                            (long long) seq)
         : g_strdup_printf (_("An event has the sequence number #%lld where #%lld "
                              "was expected."),
                            (long long) seq, (long long) expected_seq);
}

static char *
describe_link_problem (gint64 seq)
{
  return g_strdup_printf (_("Event #%lld does not follow on from event #%lld: an event was "
                            "removed, inserted or reordered here."),
                          (long long) seq, (long long) seq - 1);
}

/* Walks @range; on the first break fills range->problem; FALSE with range->error when the walk
 * itself failed. */
static gboolean
walk_range (Range *range)
{
  sqlite3_stmt *stmt = NULL;
  char computed[TAIOU_EVENT_HASH_HEX_LEN + 1];
  int rc;

  rc = sqlite3_prepare_v2 (range->db,
                           "SELECT " TAIOU_EVENT_COLUMNS " FROM events "
                           "WHERE seq >= ?1 AND seq < ?2 ORDER BY seq", -1, &stmt, NULL);
  if (rc != SQLITE_OK)
    {
      _taiou_timeline_set_sqlite_error (&range->error, range->db, rc, range->path);
      return FALSE;
    }
  sqlite3_bind_int64 (stmt, 1, range->from_seq);
  sqlite3_bind_int64 (stmt, 2, range->to_seq);

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      TaiouEventFields fields;
      const char *prev_hash;
      const char *hash;

      if (range->n_events % CANCEL_CHECK_INTERVAL == 0 &&
          g_cancellable_set_error_if_cancelled (range->cancellable, &range->error))
        {
          sqlite3_finalize (stmt);
          return FALSE;
        }

      _taiou_timeline_read_event_row (stmt, &fields, &prev_hash, &hash);
      if (range->n_events++ == 0)
        {
          range->first_seq = fields.seq;
          g_strlcpy (range->first_prev, prev_hash, sizeof range->first_prev);
        }

      if (fields.seq != range->expected_seq)
        {
          range->first_bad_seq = range->expected_seq;
          range->problem = describe_seq_problem (fields.seq, range->expected_seq);
          break;
        }

      if (range->knows_prev && strcmp (prev_hash, range->expected_prev) != 0)
        {
          range->first_bad_seq = fields.seq;
          range->problem = describe_link_problem (fields.seq);
          break;
        }

      _taiou_event_compute_hash_into (prev_hash, &fields, computed);
      if (strcmp (computed, hash) != 0)
        {
          range->first_bad_seq = fields.seq;
          range->problem =
            g_strdup_printf (_("Event #%lld was changed after it was recorded: "
                               "its content no longer matches its hash."),
                             (long long) fields.seq);
          break;
        }

      if (strcmp (fields.kind, TAIOU_INCIDENT_CREATED_KIND) == 0 &&
          !incident_matches_creation (range->db, range->path, &fields, &range->problem,
                                      &range->error))
        {
          if (range->problem == NULL)
            {
              sqlite3_finalize (stmt);
              return FALSE; /* an SQLite error, already set */
            }
          range->first_bad_seq = fields.seq;
          break;
        }

      /* A verified hash is 64 hex digits: it equals what was just computed. */
      memcpy (range->expected_prev, computed, sizeof computed);
      memcpy (range->head, computed, sizeof computed);
      range->knows_prev = TRUE;
      range->has_head = TRUE;
      range->expected_seq++;
    }
  sqlite3_finalize (stmt);

  if (range->problem == NULL && rc != SQLITE_DONE)
    {
      _taiou_timeline_set_sqlite_error (&range->error, range->db, rc, range->path);
      return FALSE;
    }
  return TRUE;
}

/* The second half, in its own thread, on its own read-only connection (an SQLite connection is
 * used by one thread at a time; the timeline's own is busy with the first half). */
static gpointer
walk_second_half (gpointer data)
{
  Range *range = data;
  int rc = sqlite3_open_v2 (range->path, &range->db,
                            SQLITE_OPEN_READONLY | SQLITE_OPEN_NOMUTEX, NULL);

  if (rc == SQLITE_OK)
    {
      sqlite3_extended_result_codes (range->db, 1);
      sqlite3_busy_timeout (range->db, 2000);
      sqlite3_db_config (range->db, SQLITE_DBCONFIG_DEFENSIVE, 1, NULL);
      sqlite3_db_config (range->db, SQLITE_DBCONFIG_TRUSTED_SCHEMA, 0, NULL);
      rc = sqlite3_exec (range->db, "BEGIN", NULL, NULL, NULL);
    }
  if (rc != SQLITE_OK)
    _taiou_timeline_set_sqlite_error (&range->error, range->db, rc, range->path);
  else
    {
      walk_range (range);
      sqlite3_exec (range->db, "COMMIT", NULL, NULL, NULL);
    }
  g_clear_pointer (&range->db, sqlite3_close);
  return NULL;
}

static void
range_clear (Range *range)
{
  g_free (range->problem);
  g_clear_error (&range->error);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Range, range_clear)

/* Joins the second half's walk to the first's, as if one walk had gone on. */
static void
join_ranges (TaiouTimelineVerification *verification,
             Range                     *first,
             Range                     *second)
{
  verification->n_events = first->n_events;
  if (first->problem != NULL)
    {
      verification->first_bad_seq = first->first_bad_seq;
      verification->problem = g_steal_pointer (&first->problem);
    }
  else if (second->n_events > 0 && second->first_seq != first->expected_seq)
    {
      verification->n_events++;
      verification->first_bad_seq = first->expected_seq;
      verification->problem = describe_seq_problem (second->first_seq, first->expected_seq);
    }
  else if (second->n_events > 0 && strcmp (second->first_prev, first->expected_prev) != 0)
    {
      /* Whatever the second half found further on, its first event does not follow on. */
      verification->n_events++;
      verification->first_bad_seq = second->first_seq;
      verification->problem = describe_link_problem (second->first_seq);
    }
  else
    {
      verification->n_events += second->n_events;
      verification->first_bad_seq = second->first_bad_seq;
      verification->problem = g_steal_pointer (&second->problem);
      if (second->has_head)
        {
          verification->head_hash = g_strdup (second->head);
          return;
        }
    }
  verification->head_hash = g_strdup (first->has_head ? first->head : TAIOU_EVENT_GENESIS_HASH);
}

/* Walks the events in sequence order; on the first break fills verification->problem. */
static gboolean
walk_chain (TaiouTimeline              *self,
            TaiouTimelineVerification  *verification,
            GCancellable               *cancellable,
            GError                    **error)
{
  g_auto(Range) first = { 0 };
  g_auto(Range) second = { 0 };
  sqlite3_stmt *stmt = NULL;
  GThread *thread = NULL;
  gint64 newest = 0;
  int rc;

  if (!_taiou_timeline_prepare (self, "SELECT coalesce (max (seq), 0) FROM events", &stmt, error))
    return FALSE;
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    newest = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);
  if (rc != SQLITE_ROW)
    {
      _taiou_timeline_set_sqlite_error (error, self->db, rc, self->path);
      return FALSE;
    }

  first = (Range) {
    .db = self->db, .path = self->path, .from_seq = G_MININT64, .to_seq = G_MAXINT64,
    .expected_seq = 1, .knows_prev = TRUE, .expected_prev = TAIOU_EVENT_GENESIS_HASH,
    .cancellable = cancellable,
  };
  /* Rows are only appended: those up to the newest one now are the chain this walk checks,
   * whichever connection reads them. */
  if (newest >= parallel_min_events () && newest >= 2)
    {
      first.to_seq = newest / 2;
      second = (Range) {
        .path = self->path, .from_seq = newest / 2, .to_seq = newest + 1,
        .expected_seq = newest / 2, .knows_prev = FALSE, .cancellable = cancellable,
      };
      thread = g_thread_new ("taiou-verify", walk_second_half, &second);
    }

  walk_range (&first);
  if (thread != NULL)
    g_thread_join (thread);

  if (first.error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&first.error));
      return FALSE;
    }
  if (thread == NULL)
    {
      verification->n_events = first.n_events;
      verification->first_bad_seq = first.first_bad_seq;
      verification->problem = g_steal_pointer (&first.problem);
      verification->head_hash = g_strdup (first.has_head ? first.head
                                                         : TAIOU_EVENT_GENESIS_HASH);
      return TRUE;
    }
  if (first.problem == NULL && second.error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&second.error));
      return FALSE;
    }
  join_ranges (verification, &first, &second);
  return TRUE;
}

/**
 * taiou_timeline_verify:
 *
 * Re-walks the whole chain.  A chain that does not verify is a result, not an error: the returned
 * verification says where it breaks.  An error means the walk itself could not be done.
 *
 * Returns: (transfer full): the verification, or NULL with @error set
 */
TaiouTimelineVerification *
taiou_timeline_verify (TaiouTimeline  *self,
                       GCancellable   *cancellable,
                       GError        **error)
{
  g_autoptr(GMutexLocker) locker = NULL;
  g_autoptr(TaiouTimelineVerification) verification = NULL;
  int rc;

  g_return_val_if_fail (TAIOU_IS_TIMELINE (self), NULL);
  g_return_val_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  verification = g_new0 (TaiouTimelineVerification, 1);
  locker = g_mutex_locker_new (&self->lock);

  /* One read transaction: the chain and the incidents table are read as one snapshot even while
   * another process appends. */
  rc = sqlite3_exec (self->db, "BEGIN", NULL, NULL, NULL);
  if (rc != SQLITE_OK)
    {
      _taiou_timeline_set_sqlite_error (error, self->db, rc, self->path);
      return NULL;
    }

  if (!walk_chain (self, verification, cancellable, error) ||
      (verification->problem == NULL &&
       !find_unrecorded_incident (self, &verification->problem, error)))
    {
      sqlite3_exec (self->db, "ROLLBACK", NULL, NULL, NULL);
      return NULL;
    }
  sqlite3_exec (self->db, "COMMIT", NULL, NULL, NULL);

  verification->intact = verification->problem == NULL;
  return g_steal_pointer (&verification);
}

static void
verify_thread (GTask        *task,
               gpointer      source_object,
               gpointer      task_data,
               GCancellable *cancellable)
{
  GError *error = NULL;
  TaiouTimelineVerification *verification;

  verification = taiou_timeline_verify (TAIOU_TIMELINE (source_object), cancellable, &error);
  if (verification == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, verification,
                           (GDestroyNotify) taiou_timeline_verification_free);
}

void
taiou_timeline_verify_async (TaiouTimeline       *self,
                             GCancellable        *cancellable,
                             GAsyncReadyCallback  callback,
                             gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (TAIOU_IS_TIMELINE (self));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, taiou_timeline_verify_async);
  g_task_run_in_thread (task, verify_thread);
}

TaiouTimelineVerification *
taiou_timeline_verify_finish (TaiouTimeline  *self,
                              GAsyncResult   *result,
                              GError        **error)
{
  g_return_val_if_fail (TAIOU_IS_TIMELINE (self), NULL);
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

static void
verify_file_thread (GTask        *task,
                    gpointer      source_object,
                    gpointer      task_data,
                    GCancellable *cancellable)
{
  const char *path = task_data;
  g_autoptr(TaiouTimeline) timeline = NULL;
  TaiouTimelineVerification *verification = NULL;
  GError *error = NULL;

  timeline = taiou_timeline_open (path, &error);
  if (timeline != NULL)
    verification = taiou_timeline_verify (timeline, cancellable, &error);
  if (timeline == NULL || verification == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, verification,
                           (GDestroyNotify) taiou_timeline_verification_free);
}

/**
 * taiou_timeline_verify_file_async:
 * @path: a timeline database, possibly open elsewhere in this process
 *
 * Verifies @path on a connection of its own, opened in the worker thread: the walk holds its
 * connection for as long as it takes (seconds for a million events), and opening one checks
 * the whole file's pages, which must not hold up the window that asked.
 */
void
taiou_timeline_verify_file_async (const char          *path,
                                  GCancellable        *cancellable,
                                  GAsyncReadyCallback  callback,
                                  gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (path != NULL);

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, taiou_timeline_verify_file_async);
  g_task_set_task_data (task, g_strdup (path), g_free);
  g_task_run_in_thread (task, verify_file_thread);
}

TaiouTimelineVerification *
taiou_timeline_verify_file_finish (GAsyncResult  *result,
                                   GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}
