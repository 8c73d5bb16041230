/* taiou-ioc-batch.c — hashes read by one thread of a parallel load, for the set to add later
 *
 * A set's description table and digest tables are not shared between threads, so each reader
 * thread stages into a batch of its own.  Descriptions are numbered in the order the batch
 * first met them; _taiou_ioc_set_add_batch() renumbers them into the set's, batch after batch
 * in file order, which gives the numbering and the duplicate merging one thread would have.
 */
#define G_LOG_DOMAIN "taiou-ioc-batch"

#include "config.h"

#include <string.h>

#include "taiou-digest-table.h"
#include "taiou-ioc-set-private.h"

struct _TaiouIocBatch
{
  TaiouDigestTable *md5;
  TaiouDigestTable *sha1;
  TaiouDigestTable *sha256;
  GHashTable       *description_index;   /* description → index + 1 */
  GPtrArray        *descriptions;        /* index → description (owned) */
  const char       *last_description;    /* the last one added, and its index + 1 */
  guint             last_index;
};

TaiouIocBatch *
_taiou_ioc_batch_new (void)
{
  TaiouIocBatch *batch = g_new0 (TaiouIocBatch, 1);

  batch->md5 = taiou_digest_table_new (16);
  batch->sha1 = taiou_digest_table_new (20);
  batch->sha256 = taiou_digest_table_new (32);
  batch->descriptions = g_ptr_array_new_with_free_func (g_free);
  batch->description_index = g_hash_table_new (g_str_hash, g_str_equal);
  return batch;
}

void
_taiou_ioc_batch_free (TaiouIocBatch *batch)
{
  if (batch == NULL)
    return;
  taiou_digest_table_free (batch->md5);
  taiou_digest_table_free (batch->sha1);
  taiou_digest_table_free (batch->sha256);
  g_hash_table_unref (batch->description_index);
  g_ptr_array_unref (batch->descriptions);
  g_free (batch);
}

TaiouDigestTable *
_taiou_ioc_batch_get_table (TaiouIocBatch *batch,
                            gsize          digest_length)
{
  switch (digest_length)
    {
    case 16:
      return batch->md5;
    case 20:
      return batch->sha1;
    case 32:
      return batch->sha256;
    default:
      return NULL;
    }
}

GPtrArray *
_taiou_ioc_batch_get_descriptions (TaiouIocBatch *batch)
{
  return batch->descriptions;
}

/* As _taiou_ioc_set_add_hash_hex(), with the batch's own description numbering.  The parallel
 * reader only takes files under 1 GiB: too small to hold 2^25 distinct descriptions, so the
 * numbers always fit and the set's cap on descriptions applies only when the batch is added. */
gboolean
_taiou_ioc_batch_add_hash_hex (TaiouIocBatch *batch,
                               const char    *hex,
                               gsize          length,
                               int            score,
                               const char    *description)
{
  guint8 digest[32];
  TaiouDigestTable *table = _taiou_ioc_batch_get_table (batch, length / 2);
  gpointer index = NULL;

  g_assert (batch != NULL);

  if (table == NULL || !_taiou_hex_decode (hex, length, digest))
    return FALSE;
  score = CLAMP (score, 0, 100);
  if (description == NULL)
    description = "";
  /* Lists often give every line the same description (a plain SHA-256 list, its file name). */
  if (batch->last_description == NULL || strcmp (description, batch->last_description) != 0)
    {
      if (!g_hash_table_lookup_extended (batch->description_index, description, NULL, &index))
        {
          char *copy = g_strdup (description);

          g_ptr_array_add (batch->descriptions, copy);
          index = GUINT_TO_POINTER (batch->descriptions->len);
          g_hash_table_insert (batch->description_index, copy, index);
        }
      batch->last_index = GPOINTER_TO_UINT (index);
      batch->last_description = batch->descriptions->pdata[batch->last_index - 1];
    }
  taiou_digest_table_stage (table, digest,
                            (batch->last_index << TAIOU_IOC_SCORE_BITS) | (guint32) score);
  return TRUE;
}
