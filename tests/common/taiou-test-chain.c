/* taiou-test-chain.c — a timeline with chosen times, hosts and actors (see the header)
 *
 * All rows go in one transaction, so a million of them take seconds, not the hours of a million
 * fsync'd appends.
 */
#define G_LOG_DOMAIN "taiou-test"

#include "config.h"

#include <sqlite3.h>

#include "taiou-event-private.h"
#include "taiou-test-chain.h"

struct _TaiouTestChain
{
  sqlite3      *db;
  sqlite3_stmt *insert_event;
  sqlite3_stmt *insert_incident;
  sqlite3_stmt *insert_text;
  GHashTable   *positions; /* incident id → its last event's position */
  gint64        seq;
  char         *head;
};

static void
check (sqlite3 *db,
       int      rc,
       int      expected)
{
  if (rc != expected)
    g_error ("test chain: %s", sqlite3_errmsg (db));
}

TaiouTestChain *
taiou_test_chain_open (const char *path)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TaiouTimeline) timeline = NULL;
  TaiouTestChain *chain = g_new0 (TaiouTestChain, 1);

  /* Taiou itself creates the schema, so the file is a real timeline. */
  timeline = taiou_timeline_open (path, &error);
  g_assert_no_error (error);
  g_clear_object (&timeline);

  check (NULL, sqlite3_open (path, &chain->db), SQLITE_OK);
  check (chain->db, sqlite3_exec (chain->db, "BEGIN IMMEDIATE", NULL, NULL, NULL), SQLITE_OK);
  check (chain->db, sqlite3_prepare_v2 (chain->db,
                                        "INSERT INTO events (seq, incident_id, time_us, kind, "
                                        "actor, host, summary, detail, prev_hash, hash, "
                                        "position) "
                                        "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                                        -1, &chain->insert_event, NULL), SQLITE_OK);
  check (chain->db, sqlite3_prepare_v2 (chain->db,
                                        "INSERT INTO incidents (uuid, title, created_us, "
                                        "discovered_us, host, reporter) "
                                        "VALUES (?, ?, ?, ?, ?, ?)",
                                        -1, &chain->insert_incident, NULL), SQLITE_OK);
  /* The same search text taiou-timeline-append.c writes. */
  check (chain->db, sqlite3_prepare_v2 (chain->db,
                                        "INSERT INTO events_text (rowid, summary, detail) "
                                        "VALUES (?1, ?2, CASE WHEN json_valid (?3) THEN "
                                        "(SELECT group_concat (value, ' ') FROM json_tree (?3) "
                                        " WHERE atom IS NOT NULL) ELSE ?3 END)",
                                        -1, &chain->insert_text, NULL), SQLITE_OK);
  chain->positions = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  chain->head = g_strdup (TAIOU_EVENT_GENESIS_HASH);
  return chain;
}

void
taiou_test_chain_add_event (TaiouTestChain *chain,
                            gint64          incident_id,
                            gint64          time_us,
                            const char     *kind,
                            const char     *actor,
                            const char     *host,
                            const char     *summary,
                            const char     *detail)
{
  TaiouEventFields fields = {
    .seq = ++chain->seq,
    .incident_id = incident_id,
    .time_us = time_us,
    .kind = kind,
    .actor = actor,
    .host = host,
    .summary = summary,
    .detail = detail != NULL ? detail : "{}",
  };
  g_autofree char *hash = _taiou_event_compute_hash (chain->head, &fields);
  sqlite3_stmt *stmt = chain->insert_event;

  sqlite3_bind_int64 (stmt, 1, fields.seq);
  sqlite3_bind_int64 (stmt, 2, fields.incident_id);
  sqlite3_bind_int64 (stmt, 3, fields.time_us);
  sqlite3_bind_text (stmt, 4, fields.kind, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 5, fields.actor, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 6, fields.host, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 7, fields.summary, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 8, fields.detail, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 9, chain->head, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 10, hash, -1, SQLITE_STATIC);
  if (incident_id > 0)
    {
      gint64 position = GPOINTER_TO_SIZE (g_hash_table_lookup (chain->positions,
                                                               &incident_id)) + 1;

      g_hash_table_replace (chain->positions, g_memdup2 (&incident_id, sizeof incident_id),
                            GSIZE_TO_POINTER (position));
      sqlite3_bind_int64 (stmt, 11, position);
    }
  check (chain->db, sqlite3_step (stmt), SQLITE_DONE);
  sqlite3_reset (stmt);
  sqlite3_clear_bindings (stmt);

  if (incident_id > 0)
    {
      stmt = chain->insert_text;
      sqlite3_bind_int64 (stmt, 1, fields.seq);
      sqlite3_bind_text (stmt, 2, fields.summary, -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 3, fields.detail, -1, SQLITE_STATIC);
      check (chain->db, sqlite3_step (stmt), SQLITE_DONE);
      sqlite3_reset (stmt);
      sqlite3_clear_bindings (stmt);
    }

  g_free (chain->head);
  chain->head = g_steal_pointer (&hash);
}

/* Writes the incident row and its "incident.created" event, as taiou_timeline_create_incident. */
gint64
taiou_test_chain_add_incident (TaiouTestChain *chain,
                               const char     *uuid,
                               const char     *title,
                               gint64          created_us,
                               gint64          discovered_us,
                               const char     *host,
                               const char     *reporter)
{
  g_autoptr(JsonObject) detail = json_object_new ();
  g_autoptr(JsonNode) node = json_node_new (JSON_NODE_OBJECT);
  g_autofree char *detail_json = NULL;
  g_autofree char *summary = g_strdup_printf ("Incident created: %s", title);
  sqlite3_stmt *stmt = chain->insert_incident;
  gint64 id;

  sqlite3_bind_text (stmt, 1, uuid, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, title, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 3, created_us);
  sqlite3_bind_int64 (stmt, 4, discovered_us);
  sqlite3_bind_text (stmt, 5, host, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 6, reporter, -1, SQLITE_STATIC);
  check (chain->db, sqlite3_step (stmt), SQLITE_DONE);
  sqlite3_reset (stmt);
  sqlite3_clear_bindings (stmt);
  id = sqlite3_last_insert_rowid (chain->db);

  json_object_set_string_member (detail, "uuid", uuid);
  json_object_set_string_member (detail, "title", title);
  json_object_set_int_member (detail, "created_us", created_us);
  json_object_set_int_member (detail, "discovered_us", discovered_us);
  json_object_set_string_member (detail, "host", host);
  json_object_set_string_member (detail, "reporter", reporter);
  json_node_set_object (node, detail);
  detail_json = json_to_string (node, FALSE);
  taiou_test_chain_add_event (chain, id, created_us, TAIOU_EVENT_INCIDENT_CREATED, reporter, host,
                              summary, detail_json);
  return id;
}

void
taiou_test_chain_close (TaiouTestChain *chain)
{
  sqlite3_finalize (chain->insert_event);
  sqlite3_finalize (chain->insert_incident);
  sqlite3_finalize (chain->insert_text);
  g_hash_table_unref (chain->positions);
  check (chain->db, sqlite3_exec (chain->db, "COMMIT", NULL, NULL, NULL), SQLITE_OK);
  sqlite3_close (chain->db);
  g_free (chain->head);
  g_free (chain);
}
