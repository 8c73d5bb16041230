/* taiou-timeline-private.h — shared between the store and its verifier */
#pragma once

#include <sqlite3.h>

#include "taiou-event-kinds.h"
#include "taiou-event-private.h"
#include "taiou-timeline.h"

G_BEGIN_DECLS

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
  sqlite3_stmt *append_statements[3];
};

#define TAIOU_INCIDENT_CREATED_KIND TAIOU_EVENT_INCIDENT_CREATED

/* The columns _taiou_timeline_read_event_row() expects, in order. */
#define TAIOU_EVENT_COLUMNS \
  "seq, incident_id, time_us, kind, actor, host, summary, detail, prev_hash, hash"

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
gboolean    _taiou_timeline_incident_exists_locked (TaiouTimeline  *self,
                                                    gint64          incident_id,
                                                    GError        **error);

void _taiou_timeline_read_event_row   (sqlite3_stmt      *stmt,
                                       TaiouEventFields  *fields,
                                       const char       **prev_hash,
                                       const char       **hash);
void _taiou_timeline_set_sqlite_error (GError     **error,
                                       sqlite3     *db,
                                       int          rc,
                                       const char  *path);

G_END_DECLS
