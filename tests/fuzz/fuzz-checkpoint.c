/* fuzz-checkpoint.c — a checkpoint file is handed over by someone else: whatever its bytes, the
 * reader refuses it with an error or returns a checkpoint whose text is exactly the input, with
 * a non-empty origin, a count that is not negative and at least one signer; checking its
 * signature against a key never crashes, and a parsed checkpoint's note re-parses. */
#include "config.h"

#include <string.h>

#include "taiou.h"

int LLVMFuzzerTestOneInput (const guint8 *data, size_t size);

/* Ed25519's public key of RFC 8032's first test vector. */
static const guint8 public_key[32] = {
  0xd7, 0x5a, 0x98, 0x01, 0x82, 0xb1, 0x0a, 0xb7, 0xd5, 0x4b, 0xfe, 0xd3, 0xc9, 0x64, 0x07, 0x3a,
  0x0e, 0xe1, 0x72, 0xf3, 0xda, 0xa6, 0x23, 0x25, 0xaf, 0x02, 0x1a, 0x68, 0xf7, 0x07, 0x51, 0x1a,
};

int
LLVMFuzzerTestOneInput (const guint8 *data,
                        size_t        size)
{
  g_autoptr(TaiouCheckpoint) checkpoint = NULL;
  g_autoptr(TaiouCheckpointKey) key = NULL;
  g_autoptr(GError) error = NULL;

  checkpoint = taiou_checkpoint_parse ((const char *) data, size, &error);
  if (checkpoint == NULL)
    {
      g_assert_nonnull (error);
      g_assert_true (error->domain == TAIOU_CHECKPOINT_ERROR);
      return 0;
    }
  g_assert_no_error (error);
  g_assert_cmpuint (strlen (checkpoint->text), ==, size);
  g_assert_true (memcmp (checkpoint->text, data, size) == 0);
  g_assert_true (checkpoint->origin != NULL && checkpoint->origin[0] != '\0');
  g_assert_cmpint (checkpoint->tree_size, >=, 0);
  g_assert_cmpuint (checkpoint->signer_names->len, >=, 1);

  key = taiou_checkpoint_key_new_from_public (public_key, sizeof public_key, &error);
  g_assert_no_error (error);
  if (!taiou_checkpoint_check_signature (checkpoint, key, &error))
    g_assert_true (g_error_matches (error, TAIOU_CHECKPOINT_ERROR,
                                    TAIOU_CHECKPOINT_ERROR_WRONG_KEY) ||
                   g_error_matches (error, TAIOU_CHECKPOINT_ERROR,
                                    TAIOU_CHECKPOINT_ERROR_BAD_SIGNATURE));
  return 0;
}
