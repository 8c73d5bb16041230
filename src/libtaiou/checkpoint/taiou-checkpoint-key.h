/* taiou-checkpoint-key.h — this installation's Ed25519 key, which signs checkpoints */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/* Ed25519 (RFC 8032): a 32-byte public key, a 64-byte signature. */
#define TAIOU_CHECKPOINT_PUBLIC_KEY_LEN 32
#define TAIOU_CHECKPOINT_SIGNATURE_LEN  64

#define TAIOU_TYPE_CHECKPOINT_KEY (taiou_checkpoint_key_get_type ())
G_DECLARE_FINAL_TYPE (TaiouCheckpointKey, taiou_checkpoint_key, TAIOU, CHECKPOINT_KEY, GObject)

char               *taiou_checkpoint_key_get_default_path (void);

TaiouCheckpointKey *taiou_checkpoint_key_load_or_create    (const char          *path,
                                                            GError             **error);
TaiouCheckpointKey *taiou_checkpoint_key_new_from_public   (const guint8        *public_key,
                                                            gsize                length,
                                                            GError             **error);

gboolean            taiou_checkpoint_key_can_sign          (TaiouCheckpointKey  *self);
const guint8       *taiou_checkpoint_key_get_public        (TaiouCheckpointKey  *self);
const char         *taiou_checkpoint_key_get_name          (TaiouCheckpointKey  *self);
guint32             taiou_checkpoint_key_get_id            (TaiouCheckpointKey  *self);
char               *taiou_checkpoint_key_dup_fingerprint   (TaiouCheckpointKey  *self);
char               *taiou_checkpoint_key_dup_public_base64 (TaiouCheckpointKey  *self);

gboolean            taiou_checkpoint_key_sign              (TaiouCheckpointKey  *self,
                                                            const char          *message,
                                                            gsize                length,
                                                            guint8              *signature,
                                                            GError             **error);
gboolean            taiou_checkpoint_key_verify            (TaiouCheckpointKey  *self,
                                                            const char          *message,
                                                            gsize                length,
                                                            const guint8        *signature,
                                                            gsize                signature_length);

G_END_DECLS
