/* taiou-mail-memo.c — remembering what is worked out again for every mail from the same input
 *
 * The office's own names and domains are the same in every mail of a batch, but their
 * normalised forms and look-alike skeletons took a few per cent of each mail's check.  Each
 * thread keeps its own small table (a batch runs on several), emptied when it grows past
 * MEMO_MAX entries, so a long-running app does not collect every sender it ever saw.
 */
#define G_LOG_DOMAIN "taiou-mail"

#include "config.h"

#include "taiou-mail-triage-private.h"

#define MEMO_MAX 256

static void
memo_free (gpointer memo)
{
  g_hash_table_unref (memo);
}

static GPrivate memo_key = G_PRIVATE_INIT (memo_free);

/* (function, text) → result, as one string key: the function's address, then the text. */
static char *
memo_key_for (TaiouMailMemoFunc  compute,
              const char        *text)
{
  return g_strdup_printf ("%p\x1f%s", (gpointer) compute, text);
}

/**
 * _taiou_mail_memo:
 * @compute: a pure function of @text (same text, same result)
 *
 * Returns: (transfer none) (nullable): compute (@text), valid until the next call on this
 *   thread
 */
const char *
_taiou_mail_memo (TaiouMailMemoFunc  compute,
                  const char        *text)
{
  GHashTable *memo = g_private_get (&memo_key);
  g_autofree char *key = NULL;
  gpointer result;

  g_return_val_if_fail (compute != NULL, NULL);
  g_return_val_if_fail (text != NULL, NULL);

  if (memo == NULL)
    {
      memo = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
      g_private_set (&memo_key, memo);
    }
  key = memo_key_for (compute, text);
  if (g_hash_table_lookup_extended (memo, key, NULL, &result))
    return result;
  if (g_hash_table_size (memo) >= MEMO_MAX)
    g_hash_table_remove_all (memo);
  result = compute (text);
  g_hash_table_insert (memo, g_steal_pointer (&key), result);
  return result;
}
