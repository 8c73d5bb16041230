/* taiou-timeline.c — the hash-chained SQLite incident timeline
 *
 * One SQLite file holds every incident and one global chain of events: each event row stores the
 * hash of the row before it and its own hash over (prev_hash ‖ canonical bytes), see taiou-event.c.
 * The file is evidence, so this code never deletes, rewrites or silently re-creates it: a file it
 * cannot understand is reported and left exactly as it was.
 */
#define G_LOG_DOMAIN "taiou-timeline"

#include "config.h"

#include <errno.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>

#include "taiou-event-private.h"
#include "taiou-incident-private.h"
#include "taiou-timeline-private.h"

/* "TAIU": lets `file` and this code tell our databases from other programs' ones. */
#define TAIOU_SQLITE_APPLICATION_ID 0x54414955

/* Waiting for another writer (the CLI while the app is open): SQLite's busy handler waits up to
 * BUSY_TIMEOUT_MS per attempt, and BEGIN IMMEDIATE is retried a few times on top of that. */
#define BUSY_TIMEOUT_MS    2000
#define BEGIN_MAX_ATTEMPTS 5

G_DEFINE_FINAL_TYPE (TaiouTimeline, taiou_timeline, G_TYPE_OBJECT)
G_DEFINE_QUARK (taiou-timeline-error-quark, taiou_timeline_error)

/* Each entry migrates the schema from version i to i + 1.  Later issues append entries; an
 * existing entry is never edited, because databases in the field already ran it. */
static const char * const migrations[] = {
  /* 0 → 1 */
  "CREATE TABLE incidents ("
  "  id            INTEGER PRIMARY KEY,"
  "  uuid          TEXT NOT NULL UNIQUE,"
  "  title         TEXT NOT NULL,"
  "  created_us    INTEGER NOT NULL,"
  "  discovered_us INTEGER NOT NULL,"
  "  host          TEXT NOT NULL,"
  "  reporter      TEXT NOT NULL,"
  "  step          TEXT NOT NULL DEFAULT ''"
  ");"
  "CREATE TABLE events ("
  "  seq         INTEGER PRIMARY KEY,"
  "  incident_id INTEGER REFERENCES incidents (id),"
  "  time_us     INTEGER NOT NULL,"
  "  kind        TEXT NOT NULL,"
  "  actor       TEXT NOT NULL,"
  "  host        TEXT NOT NULL,"
  "  summary     TEXT NOT NULL,"
  "  detail      TEXT NOT NULL,"
  "  prev_hash   TEXT NOT NULL,"
  "  hash        TEXT NOT NULL"
  ");"
  "CREATE INDEX events_by_incident ON events (incident_id, seq);",
  /* 1 → 2: the hashed book of checked mail's senders (taiou-timeline-senders.c), with this
   * database's own random salt */
  "CREATE TABLE sender_book_salt (salt BLOB NOT NULL);"
  "INSERT INTO sender_book_salt (salt) VALUES (randomblob(32));"
  "CREATE TABLE sender_book (digest TEXT PRIMARY KEY) WITHOUT ROWID;",
  /* 2 → 3 (issue 14): where a merged event came from (hashed, see taiou-event.c); its place in
   * its incident, so that a page at any offset is an index lookup; one index over every event's
   * identity across machines (its origin hash, else its own), so a re-import adds nothing; the
   * incident's status; and a trigram FTS5 index of summaries and detail values (contentless:
   * the text is in events, the index is kept in step by the same transactions). */
  "ALTER TABLE events ADD COLUMN origin_host TEXT;"
  "ALTER TABLE events ADD COLUMN origin_seq INTEGER;"
  "ALTER TABLE events ADD COLUMN origin_hash TEXT;"
  "ALTER TABLE events ADD COLUMN position INTEGER;"
  "UPDATE events SET position = numbered.position"
  "  FROM (SELECT seq, row_number () OVER (PARTITION BY incident_id ORDER BY seq) AS position"
  "        FROM events WHERE incident_id IS NOT NULL) AS numbered"
  "  WHERE events.seq = numbered.seq;"
  "CREATE INDEX events_by_position ON events (incident_id, position);"
  "CREATE INDEX events_by_identity ON events (coalesce (origin_hash, hash));"
  "ALTER TABLE incidents ADD COLUMN status TEXT NOT NULL DEFAULT '';"
  "CREATE VIRTUAL TABLE events_text USING fts5 (summary, detail, content = '',"
  "                                             columnsize = 0, tokenize = 'trigram');"
  "INSERT INTO events_text (rowid, summary, detail)"
  "  SELECT seq, summary, " TAIOU_DETAIL_TEXT_SQL ("detail")
  "  FROM events WHERE incident_id IS NOT NULL;",
  /* 3 → 4: the record view's kind and PC menus.  Each index holds the seq (the rowid) in order
   * within a kind or a PC, so counting a filter's matches and walking them for paging reads
   * the index alone, not the rows (0.8 s → tens of ms at 1,000,000 events). */
  "CREATE INDEX events_by_kind ON events (incident_id, kind);"
  "CREATE INDEX events_by_host ON events (incident_id, host);",
  /* 4 → 5: the same for the record view's "who" menu and filter, whose list of values took a
   * scan of every event of the incident (0.1 s at 100,000) each time an incident was opened. */
  "CREATE INDEX events_by_actor ON events (incident_id, actor);",
  /* 5 → 6 (issue 17): how far each syslog collector has been sent the chain (taiou-timeline-
   * forward.c).  Events are append-only and numbered, so "the last seq sent" is a queue that
   * cannot lose or reorder one; it is outside the hash chain, like the sender book. */
  "CREATE TABLE forward_cursor ("
  "  destination TEXT PRIMARY KEY,"
  "  last_seq    INTEGER NOT NULL,"
  "  sent_us     INTEGER NOT NULL"
  ") WITHOUT ROWID;",
  /* 6 → 7: the search index keeps up to 32 MiB of a transaction's new words in memory before
   * it writes them out as a segment (1 MiB by default).  Every event brings about a hundred
   * trigrams, so a large batch wrote many small segments and merged them over and over.
   * Measured on the batched append of 20,000 events (callgrind): 12 % fewer instructions in
   * all, 21 % fewer inside its inserts.  FTS5 keeps this setting in the index itself. */
  "INSERT INTO events_text (events_text, rank) VALUES ('hashsize', 33554432);",
};

G_STATIC_ASSERT (G_N_ELEMENTS (migrations) == TAIOU_TIMELINE_SCHEMA_VERSION);

static void
taiou_timeline_finalize (GObject *object)
{
  TaiouTimeline *self = TAIOU_TIMELINE (object);

  for (guint i = 0; i < G_N_ELEMENTS (self->append_statements); i++)
    g_clear_pointer (&self->append_statements[i], sqlite3_finalize);
  g_clear_pointer (&self->db, sqlite3_close);
  g_clear_pointer (&self->path, g_free);
  g_mutex_clear (&self->lock);

  G_OBJECT_CLASS (taiou_timeline_parent_class)->finalize (object);
}

static void
taiou_timeline_class_init (TaiouTimelineClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = taiou_timeline_finalize;
}

static void
taiou_timeline_init (TaiouTimeline *self)
{
  g_mutex_init (&self->lock);
}

void
_taiou_timeline_set_sqlite_error (GError     **error,
                                  sqlite3     *db,
                                  int          rc,
                                  const char  *path)
{
  const char *detail = db != NULL ? sqlite3_errmsg (db) : sqlite3_errstr (rc);

  switch (rc & 0xff)
    {
    case SQLITE_NOTADB:
    case SQLITE_CORRUPT:
      g_set_error (error, TAIOU_TIMELINE_ERROR, TAIOU_TIMELINE_ERROR_CORRUPT,
                   _("The timeline database “%s” is damaged or is not an SQLite database (%s). "
                     "It was left untouched so that no evidence is lost."),
                   path, detail);
      break;

    case SQLITE_BUSY:
    case SQLITE_LOCKED:
      g_set_error (error, TAIOU_TIMELINE_ERROR, TAIOU_TIMELINE_ERROR_BUSY,
                   _("The timeline database “%s” is locked by another program. "
                     "Try again in a moment."),
                   path);
      break;

    default:
      g_set_error (error, TAIOU_TIMELINE_ERROR, TAIOU_TIMELINE_ERROR_IO,
                   _("Could not use the timeline database “%s”: %s"),
                   path, detail);
      break;
    }
}

static gboolean
exec_sql (TaiouTimeline  *self,
          const char     *sql,
          GError        **error)
{
  int rc = sqlite3_exec (self->db, sql, NULL, NULL, NULL);

  if (rc != SQLITE_OK)
    {
      _taiou_timeline_set_sqlite_error (error, self->db, rc, self->path);
      return FALSE;
    }
  return TRUE;
}

gboolean
_taiou_timeline_prepare (TaiouTimeline  *self,
                         const char     *sql,
                         sqlite3_stmt  **stmt,
                         GError        **error)
{
  int rc = sqlite3_prepare_v2 (self->db, sql, -1, stmt, NULL);

  if (rc != SQLITE_OK)
    {
      _taiou_timeline_set_sqlite_error (error, self->db, rc, self->path);
      return FALSE;
    }
  return TRUE;
}

/* One of the append path's statements, prepared on first use and kept; the caller holds
 * self->lock and hands it back with _taiou_timeline_release_cached() before letting go of it. */
gboolean
_taiou_timeline_prepare_cached (TaiouTimeline  *self,
                                guint           slot,
                                const char     *sql,
                                sqlite3_stmt  **stmt,
                                GError        **error)
{
  g_assert (slot < G_N_ELEMENTS (self->append_statements));

  if (self->append_statements[slot] == NULL &&
      !_taiou_timeline_prepare (self, sql, &self->append_statements[slot], error))
    return FALSE;
  *stmt = self->append_statements[slot];
  return TRUE;
}

/* Makes a cached statement ready for its next use, and lets go of the caller's strings. */
void
_taiou_timeline_release_cached (sqlite3_stmt *stmt)
{
  sqlite3_reset (stmt);
  sqlite3_clear_bindings (stmt);
}

/* Runs a statement that yields one integer row, e.g. a PRAGMA. */
static gboolean
query_int64 (TaiouTimeline  *self,
             const char     *sql,
             gint64         *value,
             GError        **error)
{
  sqlite3_stmt *stmt = NULL;
  int rc;

  if (!_taiou_timeline_prepare (self, sql, &stmt, error))
    return FALSE;

  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    *value = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);

  if (rc != SQLITE_ROW)
    {
      _taiou_timeline_set_sqlite_error (error, self->db, rc, self->path);
      return FALSE;
    }
  return TRUE;
}

void
_taiou_timeline_rollback (TaiouTimeline *self)
{
  /* Best effort: SQLite may already have rolled back on its own after an I/O error. */
  if (!sqlite3_get_autocommit (self->db))
    sqlite3_exec (self->db, "ROLLBACK", NULL, NULL, NULL);
}

/* BEGIN IMMEDIATE takes the write lock before reading the chain head, so two processes can never
 * both read the same head and fork the chain. */
gboolean
_taiou_timeline_begin_immediate (TaiouTimeline  *self,
                                 GError        **error)
{
  int rc = SQLITE_BUSY;

  for (guint attempt = 0; attempt < BEGIN_MAX_ATTEMPTS; attempt++)
    {
      rc = sqlite3_exec (self->db, "BEGIN IMMEDIATE", NULL, NULL, NULL);
      if ((rc & 0xff) != SQLITE_BUSY && (rc & 0xff) != SQLITE_LOCKED)
        break;
      g_usleep (g_random_int_range (5, 50) * 1000);
    }

  if (rc != SQLITE_OK)
    {
      _taiou_timeline_set_sqlite_error (error, self->db, rc, self->path);
      return FALSE;
    }
  return TRUE;
}

gboolean
_taiou_timeline_commit (TaiouTimeline  *self,
                        GError        **error)
{
  if (!exec_sql (self, "COMMIT", error))
    {
      _taiou_timeline_rollback (self);
      return FALSE;
    }
  return TRUE;
}

/* Tells an empty new file, our database and anything else apart before anything is written. */
static gboolean
check_identity (TaiouTimeline  *self,
                gint64         *version,
                GError        **error)
{
  gint64 application_id = 0;
  gint64 n_objects = 0;

  /* The first real read of the file: a non-SQLite file fails here with SQLITE_NOTADB. */
  if (!query_int64 (self, "SELECT count(*) FROM sqlite_schema", &n_objects, error) ||
      !query_int64 (self, "PRAGMA application_id", &application_id, error) ||
      !query_int64 (self, "PRAGMA user_version", version, error))
    return FALSE;

  if (n_objects == 0 && application_id == 0 && *version == 0)
    return TRUE; /* a brand-new file */

  if (application_id != TAIOU_SQLITE_APPLICATION_ID)
    {
      g_set_error (error, TAIOU_TIMELINE_ERROR, TAIOU_TIMELINE_ERROR_NOT_TAIOU,
                   _("“%s” is an SQLite database of another program, not a Taiou timeline. "
                     "It was left untouched."),
                   self->path);
      return FALSE;
    }

  if (*version > TAIOU_TIMELINE_SCHEMA_VERSION)
    {
      g_set_error (error, TAIOU_TIMELINE_ERROR, TAIOU_TIMELINE_ERROR_TOO_NEW,
                   _("The timeline database “%s” was written by a newer version of Taiou "
                     "(schema %lld, this version understands %d). "
                     "Update Taiou to open it."),
                   self->path, (long long) *version, TAIOU_TIMELINE_SCHEMA_VERSION);
      return FALSE;
    }

  return TRUE;
}

/* Damage in pages that the identity check did not touch shows up here, at open, rather than in
 * the middle of an incident. */
static gboolean
check_integrity (TaiouTimeline  *self,
                 GError        **error)
{
  sqlite3_stmt *stmt = NULL;
  g_autofree char *result = NULL;
  int rc;

  if (!_taiou_timeline_prepare (self, "PRAGMA quick_check(1)", &stmt, error))
    return FALSE;
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    result = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  sqlite3_finalize (stmt);

  if (rc != SQLITE_ROW)
    {
      _taiou_timeline_set_sqlite_error (error, self->db, rc, self->path);
      return FALSE;
    }
  if (g_strcmp0 (result, "ok") != 0)
    {
      _taiou_timeline_set_sqlite_error (error, NULL, SQLITE_CORRUPT, self->path);
      return FALSE;
    }
  return TRUE;
}

static gboolean
migrate (TaiouTimeline  *self,
         gint64          from_version,
         GError        **error)
{
  for (gint64 version = from_version; version < TAIOU_TIMELINE_SCHEMA_VERSION; version++)
    {
      g_autofree char *bump = NULL;

      if (!_taiou_timeline_begin_immediate (self, error))
        return FALSE;

      bump = g_strdup_printf ("PRAGMA application_id = %d; PRAGMA user_version = %" G_GINT64_FORMAT,
                              TAIOU_SQLITE_APPLICATION_ID, version + 1);
      if (!exec_sql (self, migrations[version], error) || !exec_sql (self, bump, error))
        {
          _taiou_timeline_rollback (self);
          return FALSE;
        }
      if (!_taiou_timeline_commit (self, error))
        return FALSE;

      g_debug ("Migrated %s to schema version %" G_GINT64_FORMAT, self->path, version + 1);
    }
  return TRUE;
}

/**
 * taiou_timeline_get_default_path:
 *
 * Returns: `$TAIOU_DB` when set, otherwise `$XDG_DATA_HOME/taiou/taiou.db`.
 */
char *
taiou_timeline_get_default_path (void)
{
  const char *override = g_getenv ("TAIOU_DB");

  if (override != NULL && override[0] != '\0')
    return g_strdup (override);
  return g_build_filename (g_get_user_data_dir (), "taiou", "taiou.db", NULL);
}

/**
 * taiou_timeline_open:
 * @path: the database file; created (with its folder, private to the user) when missing
 *
 * Opens the timeline, creating or migrating its schema.  A file that is damaged, is not SQLite, or
 * belongs to another program yields an error and is never modified.
 */
TaiouTimeline *
taiou_timeline_open (const char  *path,
                     GError     **error)
{
  g_autoptr(TaiouTimeline) self = NULL;
  g_autofree char *folder = NULL;
  gint64 version = 0;
  int rc;

  g_return_val_if_fail (path != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  self = g_object_new (TAIOU_TYPE_TIMELINE, NULL);
  self->path = g_strdup (path);

  /* The timeline may hold personal data (who opened what, partners' names): keep it private. */
  folder = g_path_get_dirname (path);
  if (g_mkdir_with_parents (folder, 0700) != 0)
    {
      int saved_errno = errno;

      g_set_error (error, TAIOU_TIMELINE_ERROR, TAIOU_TIMELINE_ERROR_IO,
                   _("Could not create the folder “%s” for the timeline database: %s"),
                   folder, g_strerror (saved_errno));
      return NULL;
    }

  rc = sqlite3_open_v2 (path, &self->db,
                        SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_FULLMUTEX,
                        NULL);
  if (rc != SQLITE_OK)
    {
      _taiou_timeline_set_sqlite_error (error, self->db, rc, path);
      return NULL;
    }

  sqlite3_extended_result_codes (self->db, 1);
  sqlite3_busy_timeout (self->db, BUSY_TIMEOUT_MS);
  /* The file may come from someone else (a copy handed over for review): do not let its schema
   * run SQL functions or let a crafted file corrupt itself further. */
  sqlite3_db_config (self->db, SQLITE_DBCONFIG_DEFENSIVE, 1, NULL);
  sqlite3_db_config (self->db, SQLITE_DBCONFIG_TRUSTED_SCHEMA, 0, NULL);

  if (!check_identity (self, &version, error))
    return NULL;
  if (version > 0 && !check_integrity (self, error))
    return NULL;

  /* WAL lets the app read while the CLI appends; FULL syncs every commit, since an event lost in
   * a crash is evidence lost. */
  if (!exec_sql (self, "PRAGMA journal_mode = WAL", error) ||
      !exec_sql (self, "PRAGMA synchronous = FULL", error) ||
      !exec_sql (self, "PRAGMA foreign_keys = ON", error) ||
      /* 16 MiB instead of 2: a batch of 100,000 events writes an identity index in random
       * order, which thrashes a small cache. */
      !exec_sql (self, "PRAGMA cache_size = -16384", error))
    return NULL;

  if (!migrate (self, version, error))
    return NULL;

  return g_steal_pointer (&self);
}

const char *
taiou_timeline_get_path (TaiouTimeline *self)
{
  g_return_val_if_fail (TAIOU_IS_TIMELINE (self), NULL);
  return self->path;
}

const char *
_taiou_timeline_default_actor (const char *actor)
{
  return actor != NULL && actor[0] != '\0' ? actor : g_get_user_name ();
}

gboolean
_taiou_timeline_check_text (const char  *value,
                            const char  *field,
                            gboolean     may_be_empty,
                            GError     **error)
{
  if (value == NULL || (!may_be_empty && value[0] == '\0'))
    {
      g_set_error (error, TAIOU_TIMELINE_ERROR, TAIOU_TIMELINE_ERROR_INVALID,
                   _("A timeline entry has an empty “%s” field."), field);
      return FALSE;
    }
  if (!g_utf8_validate (value, -1, NULL))
    {
      g_set_error (error, TAIOU_TIMELINE_ERROR, TAIOU_TIMELINE_ERROR_INVALID,
                   _("The “%s” field of a timeline entry is not valid UTF-8 text."), field);
      return FALSE;
    }
  return TRUE;
}

char *
_taiou_timeline_detail_to_string (JsonObject *detail)
{
  g_autoptr(JsonNode) node = json_node_new (JSON_NODE_OBJECT);

  if (detail != NULL)
    json_node_set_object (node, detail);
  else
    json_node_take_object (node, json_object_new ());
  return json_to_string (node, FALSE);
}

/* Appends the atoms under @node to @text as json_tree() lists them; FALSE for a number that is
 * not an integer, whose text only SQLite itself gives exactly as it would. */
static gboolean
append_atoms (GString  *text,
              gboolean *any,
              JsonNode *node)
{
  switch (json_node_get_node_type (node))
    {
    case JSON_NODE_OBJECT:
      {
        JsonObjectIter iter;
        const char *name;   /* json-glib 1.6 writes it without checking for NULL */
        JsonNode *member;

        json_object_iter_init_ordered (&iter, json_node_get_object (node));
        while (json_object_iter_next_ordered (&iter, &name, &member))
          if (!append_atoms (text, any, member))
            return FALSE;
        return TRUE;
      }
    case JSON_NODE_ARRAY:
      {
        JsonArray *array = json_node_get_array (node);

        for (guint i = 0; i < json_array_get_length (array); i++)
          if (!append_atoms (text, any, json_array_get_element (array, i)))
            return FALSE;
        return TRUE;
      }
    case JSON_NODE_NULL:
      return TRUE;
    case JSON_NODE_VALUE:
    default:
      break;
    }

  /* group_concat (value, ' ') puts the space between atoms, empty strings included. */
  if (*any)
    g_string_append_c (text, ' ');
  *any = TRUE;
  switch (json_node_get_value_type (node))
    {
    case G_TYPE_STRING:
      g_string_append (text, json_node_get_string (node));
      return TRUE;
    case G_TYPE_INT64:
      g_string_append_printf (text, "%" G_GINT64_FORMAT, json_node_get_int (node));
      return TRUE;
    case G_TYPE_BOOLEAN:
      /* json_tree() gives true and false as 1 and 0. */
      g_string_append_c (text, json_node_get_boolean (node) ? '1' : '0');
      return TRUE;
    default:
      return FALSE;
    }
}

/**
 * _taiou_timeline_detail_search_text:
 *
 * What the search index holds of @detail, the same words TAIOU_DETAIL_TEXT_SQL finds in its
 * stored JSON, taken from the object at hand instead of parsing the text again inside SQLite
 * (a seventh of SQLite's work in a batched append).
 *
 * Returns: (nullable): the words, or NULL when SQL must find them (a non-integer number; no
 *   words at all, which SQL also gives as NULL)
 */
char *
_taiou_timeline_detail_search_text (JsonObject *detail)
{
  g_autoptr(JsonNode) node = NULL;
  g_autoptr(GString) text = NULL;
  gboolean any = FALSE;

  if (detail == NULL)
    return NULL;
  node = json_node_init_object (json_node_alloc (), detail);
  text = g_string_new (NULL);
  if (!append_atoms (text, &any, node) || !any)
    return NULL;
  return g_string_free (g_steal_pointer (&text), FALSE);
}

void
_taiou_timeline_read_event_row (sqlite3_stmt      *stmt,
                                TaiouEventFields  *fields,
                                const char       **prev_hash,
                                const char       **hash)
{
  /* A NULL text column (only in a tampered file) reads as "", which then fails the hash. */
#define TEXT_COLUMN(i) ((const char *) sqlite3_column_text (stmt, (i)) ?: "")
  fields->seq = sqlite3_column_int64 (stmt, 0);
  fields->incident_id = sqlite3_column_int64 (stmt, 1);
  fields->time_us = sqlite3_column_int64 (stmt, 2);
  fields->kind = TEXT_COLUMN (3);
  fields->actor = TEXT_COLUMN (4);
  fields->host = TEXT_COLUMN (5);
  fields->summary = TEXT_COLUMN (6);
  fields->detail = TEXT_COLUMN (7);
  *prev_hash = TEXT_COLUMN (8);
  *hash = TEXT_COLUMN (9);
  /* NULL, not "", for a local event: an origin hash of "" (tampering) is hashed as a merged
   * event and so fails verification. */
  fields->origin_host = TEXT_COLUMN (10);
  fields->origin_seq = sqlite3_column_int64 (stmt, 11);
  fields->origin_hash = (const char *) sqlite3_column_text (stmt, 12);
#undef TEXT_COLUMN
}

/**
 * taiou_timeline_list_events:
 *
 * Returns: (transfer container) (element-type TaiouEvent): the incident's events, oldest first
 */
GPtrArray *
taiou_timeline_list_events (TaiouTimeline  *self,
                            gint64          incident_id,
                            GError        **error)
{
  g_autoptr(GMutexLocker) locker = NULL;
  g_autoptr(GPtrArray) events = g_ptr_array_new_with_free_func (g_object_unref);
  sqlite3_stmt *stmt = NULL;
  int rc;

  g_return_val_if_fail (TAIOU_IS_TIMELINE (self), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  locker = g_mutex_locker_new (&self->lock);
  if (!_taiou_timeline_incident_exists_locked (self, incident_id, error) ||
      !_taiou_timeline_prepare (self,
                                "SELECT " TAIOU_EVENT_COLUMNS " FROM events "
                                "WHERE incident_id = ? ORDER BY seq",
                                &stmt, error))
    return NULL;
  sqlite3_bind_int64 (stmt, 1, incident_id);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      TaiouEventFields fields;
      const char *prev_hash;
      const char *hash;

      _taiou_timeline_read_event_row (stmt, &fields, &prev_hash, &hash);
      g_ptr_array_add (events, _taiou_event_new (&fields, prev_hash, hash));
    }
  sqlite3_finalize (stmt);

  if (rc != SQLITE_DONE)
    {
      _taiou_timeline_set_sqlite_error (error, self->db, rc, self->path);
      return NULL;
    }
  return g_steal_pointer (&events);
}
