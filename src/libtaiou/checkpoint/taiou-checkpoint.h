/* taiou-checkpoint.h — a signed statement of how far the record went, kept by someone else
 *
 * A checkpoint is a C2SP signed note (c2sp.org/signed-note) whose text follows C2SP
 * tlog-checkpoint (c2sp.org/tlog-checkpoint): the origin, the tree size (how many events of the
 * database's one chain it covers), the root hash (the hash of the last of them), then extension
 * lines of our own, a blank line and the signature line.
 */
#pragma once

#include <gio/gio.h>

#include "taiou-checkpoint-key.h"

G_BEGIN_DECLS

#define TAIOU_CHECKPOINT_ERROR (taiou_checkpoint_error_quark ())

typedef enum
{
  TAIOU_CHECKPOINT_ERROR_KEY,           /* the key cannot be created, read or used */
  TAIOU_CHECKPOINT_ERROR_MALFORMED,     /* the text is not a checkpoint */
  TAIOU_CHECKPOINT_ERROR_TOO_LARGE,     /* far larger than any checkpoint Taiou writes */
  TAIOU_CHECKPOINT_ERROR_WRONG_KEY,     /* not signed by the key it is checked with */
  TAIOU_CHECKPOINT_ERROR_BAD_SIGNATURE, /* signed by that key's name, but the signature fails */
  TAIOU_CHECKPOINT_ERROR_DAMAGED,       /* the record is already broken: nothing to vouch for */
} TaiouCheckpointError;

GQuark taiou_checkpoint_error_quark (void);

/* A checkpoint file is a few hundred bytes; anything past this is not one. */
#define TAIOU_CHECKPOINT_MAX_SIZE 8192

#define TAIOU_CHECKPOINT_HASH_LEN 32

typedef struct
{
  char    *origin;            /* the signing key's name */
  gint64   tree_size;         /* N: events #1…#N of the database's one chain */
  guint8   root_hash[TAIOU_CHECKPOINT_HASH_LEN];  /* the hash of event #N (zeros when N = 0) */
  char    *database;          /* hex hash of event #1: which database; NULL when N = 0 */
  gint64   incident_id;       /* the incident it was given for, 0 for the whole database */
  char    *incident_uuid;     /* NULL when incident_id is 0 */
  gint64   incident_events;   /* that incident's events among the N */
  gint64   time_us;           /* when it was issued */
  char    *issued_to;         /* whom it was given to, or NULL */
  char    *text;              /* the whole signed note, once signed or parsed */
  GPtrArray *signer_names;    /* parsed: the key names on its signature lines */
} TaiouCheckpoint;

#define TAIOU_TYPE_CHECKPOINT (taiou_checkpoint_get_type ())

GType            taiou_checkpoint_get_type        (void) G_GNUC_CONST;
TaiouCheckpoint *taiou_checkpoint_new             (void);
TaiouCheckpoint *taiou_checkpoint_copy            (const TaiouCheckpoint *self);
void             taiou_checkpoint_free            (TaiouCheckpoint       *self);

char            *taiou_checkpoint_format_note     (const TaiouCheckpoint *self);
gboolean         taiou_checkpoint_sign            (TaiouCheckpoint       *self,
                                                   TaiouCheckpointKey    *key,
                                                   GError               **error);
TaiouCheckpoint *taiou_checkpoint_parse           (const char            *data,
                                                   gsize                  length,
                                                   GError               **error);
TaiouCheckpoint *taiou_checkpoint_read_file       (const char            *path,
                                                   GError               **error);
gboolean         taiou_checkpoint_check_signature (const TaiouCheckpoint *self,
                                                   TaiouCheckpointKey    *key,
                                                   GError               **error);
char            *taiou_checkpoint_dup_root_hex    (const TaiouCheckpoint *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (TaiouCheckpoint, taiou_checkpoint_free)

G_END_DECLS
