/* taiou-timeline-private.h — shared between the store and its verifier */
#pragma once

#include <sqlite3.h>

#include "taiou-event-kinds.h"
#include "taiou-event-private.h"
#include "taiou-timeline.h"

G_BEGIN_DECLS

/* The slots of TaiouTimeline.append_statements */
enum
{
  TAIOU_APPEND_HEAD,
  TAIOU_APPEND_INSERT,
  TAIOU_APPEND_INSERT_TEXT,
  TAIOU_APPEND_NEXT_POSITION,
  TAIOU_APPEND_INCIDENT_STEP,
  TAIOU_APPEND_IDENTITY_KNOWN,
  TAIOU_APPEND_N_STATEMENTS
};

struct _TaiouTimeline
{
  GObject  parent_instance;

  char    *path;
  sqlite3 *db;

  /* One connection is shared by every thread of the process; SQLite serialises single calls,
   * this lock keeps a whole transaction (read head, insert, commit) in one piece. */
  GMutex   lock;

  /* The statements of every append, prepared once: an append is the record's hot path
   * (thousands per scan), and re-preparing them cost as much as hashing the event. */
  sqlite3_stmt *append_statements[TAIOU_APPEND_N_STATEMENTS];
};

#define TAIOU_INCIDENT_CREATED_KIND TAIOU_EVENT_INCIDENT_CREATED

/* The columns _taiou_timeline_read_event_row() expects, in order. */
#define TAIOU_EVENT_COLUMNS \
  "events.seq, events.incident_id, events.time_us, events.kind, events.actor, events.host, " \
  "events.summary, events.detail, events.prev_hash, events.hash, events.origin_host, " \
  "events.origin_seq, events.origin_hash"

/* The searchable text of an event's detail: its JSON values (strings unescaped, so that
 * "C:\\Users" in the JSON is found as C:\Users), or the raw text if it is not JSON. */
#define TAIOU_DETAIL_TEXT_SQL(column) \
  "CASE WHEN json_valid (" column ") " \
  "THEN (SELECT group_concat (value, ' ') FROM json_tree (" column ") WHERE atom IS NOT NULL) " \
  "ELSE " column " END"

/* Shared by the files of the store; callers hold self->lock. */
gboolean    _taiou_timeline_prepare                (TaiouTimeline  *self,
                                                    const char     *sql,
                                                    sqlite3_stmt  **stmt,
                                                    GError        **error);
gboolean    _taiou_timeline_begin_immediate        (TaiouTimeline  *self,
                                                    GError        **error);
gboolean    _taiou_timeline_commit                 (TaiouTimeline  *self,
                                                    GError        **error);
void        _taiou_timeline_rollback               (TaiouTimeline  *self);
gboolean    _taiou_timeline_check_text             (const char     *value,
                                                    const char     *field,
                                                    gboolean        may_be_empty,
                                                    GError        **error);
TaiouEvent *_taiou_timeline_append_locked          (TaiouTimeline  *self,
                                                    gint64          incident_id,
                                                    const char     *kind,
                                                    const char     *actor,
                                                    const char     *summary,
                                                    JsonObject     *detail,
                                                    GError        **error);
gboolean    _taiou_timeline_newest_seq_locked      (TaiouTimeline  *self,
                                                    gint64         *last_seq,
                                                    GError        **error);
gboolean    _taiou_timeline_incident_exists_locked (TaiouTimeline  *self,
                                                    gint64          incident_id,
                                                    GError        **error);
gboolean    _taiou_timeline_check_open_locked      (TaiouTimeline  *self,
                                                    gint64          incident_id,
                                                    GError        **error);
gboolean    _taiou_timeline_prepare_cached         (TaiouTimeline  *self,
                                                    guint           slot,
                                                    const char     *sql,
                                                    sqlite3_stmt  **stmt,
                                                    GError        **error);
void        _taiou_timeline_release_cached         (sqlite3_stmt   *stmt);
gboolean    _taiou_timeline_read_head_locked       (TaiouTimeline  *self,
                                                    gint64         *last_seq,
                                                    char          **head_hash,
                                                    GError        **error);
gboolean    _taiou_timeline_next_position_locked   (TaiouTimeline  *self,
                                                    gint64          incident_id,
                                                    gint64         *position,
                                                    GError        **error);
gboolean    _taiou_timeline_insert_event_locked    (TaiouTimeline          *self,
                                                    const TaiouEventFields *fields,
                                                    JsonObject             *detail,
                                                    const char             *prev_hash,
                                                    const char             *hash,
                                                    gint64                  position,
                                                    GError                **error);
char       *_taiou_timeline_detail_to_string       (JsonObject     *detail);
char       *_taiou_timeline_detail_search_text     (JsonObject     *detail);
const char *_taiou_timeline_default_actor          (const char     *actor);

void _taiou_timeline_read_event_row   (sqlite3_stmt      *stmt,
                                       TaiouEventFields  *fields,
                                       const char       **prev_hash,
                                       const char       **hash);
void _taiou_timeline_set_sqlite_error (GError     **error,
                                       sqlite3     *db,
                                       int          rc,
                                       const char  *path);

G_END_DECLS
