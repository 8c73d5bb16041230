/* taiou-event-private.h — construction and hashing, for the timeline store only */
#pragma once

#include "taiou-event.h"

G_BEGIN_DECLS

/* SHA-256 is 32 bytes; stored as 64 lowercase hex digits. */
#define TAIOU_EVENT_HASH_HEX_LEN 64
#define TAIOU_EVENT_GENESIS_HASH \
  "0000000000000000000000000000000000000000000000000000000000000000"

/* The fields covered by the hash, in the order they are serialised.  The origin fields are set
 * only for an event merged from another PC's record: such an event is hashed as "taiou-event-v2"
 * with them appended, so they cannot be edited or stripped without breaking the chain, while a
 * local event (origin_hash NULL) keeps the "taiou-event-v1" bytes of every older database. */
typedef struct
{
  gint64      seq;
  gint64      incident_id;
  gint64      time_us;
  const char *kind;
  const char *actor;
  const char *host;
  const char *summary;
  const char *detail;
  const char *origin_host;
  gint64      origin_seq;
  const char *origin_hash;
} TaiouEventFields;

TaiouEvent *_taiou_event_new          (const TaiouEventFields *fields,
                                       const char             *prev_hash,
                                       const char             *hash);
char       *_taiou_event_compute_hash (const char             *prev_hash,
                                       const TaiouEventFields *fields);
void        _taiou_event_compute_hash_into (const char             *prev_hash,
                                            const TaiouEventFields *fields,
                                            char                   *hex);

G_END_DECLS
