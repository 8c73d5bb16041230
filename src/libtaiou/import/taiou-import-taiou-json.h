/* taiou-import-taiou-json.h — another PC's record (a taiou-json export), read and verified */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

#define TAIOU_PC_RECORD_ERROR (taiou_pc_record_error_quark ())

typedef enum
{
  TAIOU_PC_RECORD_ERROR_READ,      /* the file cannot be read */
  TAIOU_PC_RECORD_ERROR_TOO_LARGE, /* over a limit below: size, text length, nesting, events */
  TAIOU_PC_RECORD_ERROR_FORMAT,    /* not JSON, not taiou-json, or a field missing or mistyped */
  TAIOU_PC_RECORD_ERROR_TAMPERED,  /* the chain does not verify; the message names the event */
} TaiouPcRecordError;

GQuark taiou_pc_record_error_quark (void);

/* A record may come from anyone.  One PC's incident is a few thousand events; these limits leave
 * room for a hundred times that and keep a hostile file from taking the machine's memory. */
#define TAIOU_PC_RECORD_MAX_FILE_SIZE   (128 * 1024 * 1024)
#define TAIOU_PC_RECORD_MAX_TEXT_BYTES  (1024 * 1024)  /* one field of one event */
#define TAIOU_PC_RECORD_MAX_DEPTH       32             /* nesting of the file and of a detail */
#define TAIOU_PC_RECORD_MAX_EVENTS      1000000

typedef struct
{
  /* The fields the event's hash covers (taiou-event.c), as the PC recorded them. */
  gint64  seq;
  gint64  incident_id;
  gint64  time_us;
  char   *kind;
  char   *actor;
  char   *host;
  char   *summary;
  char   *detail;       /* the JSON text that was hashed; always an object */
  char   *prev_hash;
  char   *hash;

  /* Where an event merged into that PC's record came from; NULL/0 for the PC's own events. */
  char   *origin_host;
  gint64  origin_seq;
  char   *origin_hash;
} TaiouPcRecordEvent;

typedef struct
{
  char      *name;          /* the file, as given, for messages */
  gint64     exported_us;
  char      *exported_on;   /* the PC that wrote the file */
  char      *exported_by;

  /* The incident as that PC recorded it. */
  gint64     incident_id;
  char      *uuid;
  char      *title;
  gint64     created_us;
  gint64     discovered_us;
  char      *host;
  char      *reporter;

  GPtrArray *events;        /* TaiouPcRecordEvent, in sequence order */

  /* The file's trailer: what the exporting PC said about its chain. */
  gint64     chain_events;
  gint64     chain_first_seq;
  gint64     chain_last_seq;
  gint64     chain_gaps;
  char      *chain_head_hash;
  gboolean   database_intact;
  gint64     database_first_bad_seq;
} TaiouPcRecord;

void           taiou_pc_record_free   (TaiouPcRecord  *record);
TaiouPcRecord *taiou_pc_record_parse  (const char     *name,
                                       const char     *data,
                                       gsize           length,
                                       GError        **error);
gboolean       taiou_pc_record_verify (TaiouPcRecord  *record,
                                       gint64         *first_bad_seq,
                                       GError        **error);
TaiouPcRecord *taiou_pc_record_load   (const char     *path,
                                       GError        **error);

/* An event's identity across machines: where it was first recorded. */
const char    *taiou_pc_record_event_get_identity_host (const TaiouPcRecordEvent *event);
gint64         taiou_pc_record_event_get_identity_seq  (const TaiouPcRecordEvent *event);
const char    *taiou_pc_record_event_get_identity_hash (const TaiouPcRecordEvent *event);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (TaiouPcRecord, taiou_pc_record_free)

G_END_DECLS
