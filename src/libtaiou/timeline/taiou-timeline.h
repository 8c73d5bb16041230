/* taiou-timeline.h — the hash-chained SQLite incident timeline */
#pragma once

#include <gio/gio.h>
#include <json-glib/json-glib.h>

#include "taiou-event.h"
#include "taiou-incident.h"

G_BEGIN_DECLS

#define TAIOU_TIMELINE_ERROR (taiou_timeline_error_quark ())

typedef enum
{
  TAIOU_TIMELINE_ERROR_IO,        /* the file cannot be opened, read or written */
  TAIOU_TIMELINE_ERROR_CORRUPT,   /* damaged, or not an SQLite database at all */
  TAIOU_TIMELINE_ERROR_NOT_TAIOU, /* an SQLite database of some other program */
  TAIOU_TIMELINE_ERROR_TOO_NEW,   /* written by a newer Taiou than this one */
  TAIOU_TIMELINE_ERROR_BUSY,      /* another program kept the database locked too long */
  TAIOU_TIMELINE_ERROR_NOT_FOUND, /* no such incident */
  TAIOU_TIMELINE_ERROR_INVALID,   /* a caller passed something the timeline cannot store */
  TAIOU_TIMELINE_ERROR_CLOSED,    /* the incident is finished: reopen it to record more */
} TaiouTimelineError;

GQuark taiou_timeline_error_quark (void);

/* The schema version this build writes; PRAGMA user_version of a current database. */
#define TAIOU_TIMELINE_SCHEMA_VERSION 7

#define TAIOU_TYPE_TIMELINE_VERIFICATION (taiou_timeline_verification_get_type ())

typedef struct
{
  gboolean intact;
  gint64   n_events;      /* events walked, including a bad one */
  gint64   first_bad_seq; /* 0 when intact or when the problem is not one event */
  char    *problem;       /* NULL when intact; otherwise a sentence for people */
  char    *head_hash;     /* hash of the last good event; the genesis hash for an empty chain */
} TaiouTimelineVerification;

GType                      taiou_timeline_verification_get_type (void) G_GNUC_CONST;
TaiouTimelineVerification *taiou_timeline_verification_copy (const TaiouTimelineVerification *self);
void                       taiou_timeline_verification_free (TaiouTimelineVerification       *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (TaiouTimelineVerification, taiou_timeline_verification_free)

#define TAIOU_TYPE_TIMELINE (taiou_timeline_get_type ())
G_DECLARE_FINAL_TYPE (TaiouTimeline, taiou_timeline, TAIOU, TIMELINE, GObject)

char          *taiou_timeline_get_default_path  (void);

TaiouTimeline *taiou_timeline_open              (const char     *path,
                                                 GError        **error);
const char    *taiou_timeline_get_path          (TaiouTimeline  *self);

TaiouIncident *taiou_timeline_create_incident   (TaiouTimeline  *self,
                                                 const char     *title,
                                                 gint64          discovered_us,
                                                 const char     *host,
                                                 const char     *reporter,
                                                 GError        **error);
TaiouIncident *taiou_timeline_get_incident      (TaiouTimeline  *self,
                                                 gint64          incident_id,
                                                 GError        **error);
GPtrArray     *taiou_timeline_list_incidents    (TaiouTimeline  *self,
                                                 GError        **error);
gboolean       taiou_timeline_set_incident_step (TaiouTimeline  *self,
                                                 gint64          incident_id,
                                                 const char     *step,
                                                 const char     *summary,
                                                 const char     *actor,
                                                 GError        **error);

gboolean       taiou_timeline_set_incident_status (TaiouTimeline *self,
                                                 gint64          incident_id,
                                                 const char     *status,
                                                 const char     *actor,
                                                 GError        **error);

TaiouEvent    *taiou_timeline_append            (TaiouTimeline  *self,
                                                 gint64          incident_id,
                                                 const char     *kind,
                                                 const char     *actor,
                                                 const char     *summary,
                                                 JsonObject     *detail,
                                                 GError        **error);
GPtrArray     *taiou_timeline_list_events       (TaiouTimeline  *self,
                                                 gint64          incident_id,
                                                 GError        **error);

TaiouTimelineVerification *
               taiou_timeline_verify            (TaiouTimeline  *self,
                                                 GCancellable   *cancellable,
                                                 GError        **error);
void           taiou_timeline_verify_async      (TaiouTimeline       *self,
                                                 GCancellable        *cancellable,
                                                 GAsyncReadyCallback  callback,
                                                 gpointer             user_data);
TaiouTimelineVerification *
               taiou_timeline_verify_finish     (TaiouTimeline  *self,
                                                 GAsyncResult   *result,
                                                 GError        **error);
void           taiou_timeline_verify_file_async (const char          *path,
                                                 GCancellable        *cancellable,
                                                 GAsyncReadyCallback  callback,
                                                 gpointer             user_data);
TaiouTimelineVerification *
               taiou_timeline_verify_file_finish (GAsyncResult  *result,
                                                  GError       **error);

/* taiou-timeline-senders.c: the hashed book of checked mail's senders */
gboolean       taiou_timeline_sender_seen       (TaiouTimeline       *self,
                                                 const char          *key,
                                                 gboolean            *seen,
                                                 GError             **error);
gboolean       taiou_timeline_add_senders       (TaiouTimeline       *self,
                                                 const char * const  *keys,
                                                 GError             **error);

G_END_DECLS
