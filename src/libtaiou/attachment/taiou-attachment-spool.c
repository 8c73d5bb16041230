/* taiou-attachment-spool.c — read a file once: hash, size, padding runs, content in bounded memory
 *
 * The 2023 Emotet wave padded Word documents and programs with hundreds of MB of zeros so that
 * scanners with a size cap skip them.  Every file the classifier sees (the attachment and each
 * nested member) goes through a spool exactly once, front to back, so nothing needs a second
 * read and nothing needs a seekable source.  Long runs of one byte are counted, not stored,
 * which keeps the memory for such a file at a few MiB whatever its size.
 */
#define G_LOG_DOMAIN "taiou-attachment"

#include "config.h"

#include <openssl/evp.h>
#include <string.h>

#include "taiou-attachment-private.h"

/* Store this much of every run so the structures around it stay intact (an OLE sector, a zip
 * record and a PE section are all far smaller); only the rest of a long run is elided. */
#define RUN_KEEP (G_GUINT64_CONSTANT (1) << 20)
#define FILL_SIZE (64 * 1024)

static const EVP_MD *
sha256_algorithm (void)
{
  static EVP_MD *md;
  static gsize initialized;

  /* Fetched once: OpenSSL 3 looks the algorithm up under a lock on every implicit fetch. */
  if (g_once_init_enter (&initialized))
    {
      md = EVP_MD_fetch (NULL, "SHA256", NULL);
      g_assert (md != NULL);
      g_once_init_leave (&initialized, 1);
    }
  return md;
}

void
_taiou_spool_init (TaiouSpool *spool,
                   guint64     max_kept)
{
  g_assert (spool != NULL);

  memset (spool, 0, G_STRUCT_OFFSET (TaiouSpool, head));
  spool->max_kept = max_kept;
  spool->run_keep = RUN_KEEP;
  spool->kept = g_byte_array_new ();
  spool->sha256_ctx = EVP_MD_CTX_new ();
  g_assert (spool->sha256_ctx != NULL);
  EVP_DigestInit_ex (spool->sha256_ctx, sha256_algorithm (), NULL);
}

void
_taiou_spool_clear (TaiouSpool *spool)
{
  g_assert (spool != NULL);

  g_clear_pointer (&spool->kept, g_byte_array_unref);
  g_clear_pointer (&spool->sha256_ctx, EVP_MD_CTX_free);
  g_clear_pointer (&spool->fill, g_free);
}

static void
truncate_kept (TaiouSpool *spool)
{
  g_clear_pointer (&spool->kept, g_byte_array_unref);
  spool->truncated = TRUE;
}

static void
keep (TaiouSpool   *spool,
      const guint8 *data,
      gsize         length)
{
  if (spool->kept == NULL || length == 0)
    return;
  if (spool->kept->len + (guint64) length > spool->max_kept)
    {
      truncate_kept (spool);
      return;
    }
  g_byte_array_append (spool->kept, data, (guint) length);
}

static void
keep_fill (TaiouSpool *spool,
           guint8      byte,
           guint64     length)
{
  guint old_len;

  if (spool->kept == NULL || length == 0)
    return;
  if (spool->kept->len + length > spool->max_kept)
    {
      truncate_kept (spool);
      return;
    }
  old_len = spool->kept->len;
  g_byte_array_set_size (spool->kept, old_len + (guint) length);
  memset (spool->kept->data + old_len, byte, (gsize) length);
}

static void
note_run (TaiouSpool *spool)
{
  if (spool->run_len > spool->longest_len)
    {
      spool->longest_len = spool->run_len;
      spool->longest_byte = spool->run_byte;
      spool->longest_start = spool->run_start;
    }
}

/* A run ended inside the file: what was elided of it must now be stored after all, or the
 * offsets of everything after it would be wrong. */
static void
end_run (TaiouSpool *spool)
{
  note_run (spool);
  keep_fill (spool, spool->run_byte, spool->run_elided);
  spool->run_elided = 0;
}

/* How many bytes at the start of data equal byte; eight at a time, since padding is long. */
static gsize
same_prefix (const guint8 *data,
             gsize         length,
             guint8        byte)
{
  const guint64 pattern = G_GUINT64_CONSTANT (0x0101010101010101) * byte;
  gsize i = 0;

  while (i + 8 <= length)
    {
      guint64 word;

      memcpy (&word, data + i, 8);
      if (word != pattern)
        break;
      i += 8;
    }
  while (i < length && data[i] == byte)
    i++;
  return i;
}

void
_taiou_spool_feed (TaiouSpool   *spool,
                   const guint8 *data,
                   gsize         length)
{
  gsize pos = 0;
  gsize flush_from = 0;

  g_assert (spool != NULL);
  g_assert (data != NULL || length == 0);

  if (length == 0)
    return;

  EVP_DigestUpdate (spool->sha256_ctx, data, length);
  if (spool->head_len < sizeof spool->head)
    {
      gsize n = MIN (length, sizeof spool->head - spool->head_len);

      memcpy (spool->head + spool->head_len, data, n);
      spool->head_len += n;
    }

  while (pos < length)
    {
      gsize k = same_prefix (data + pos, length - pos, spool->run_byte);

      if (k > 0)
        {
          guint64 before = spool->run_len;

          spool->run_len += k;
          if (spool->run_len > spool->run_keep)
            {
              gsize keep_here = before < spool->run_keep ? (gsize) (spool->run_keep - before) : 0;

              keep (spool, data + flush_from, pos + keep_here - flush_from);
              spool->run_elided += k - keep_here;
              flush_from = pos + k;
            }
          pos += k;
        }
      if (pos < length)
        {
          /* Stored only when an elided run must be filled in before what follows; otherwise
           * one copy at the end, not one per run (most runs are a single byte). */
          if (spool->run_elided > 0)
            {
              keep (spool, data + flush_from, pos - flush_from);
              flush_from = pos;
            }
          end_run (spool);
          spool->run_byte = data[pos];
          spool->run_len = 0;
          spool->run_start = spool->size + pos;
        }
    }
  keep (spool, data + flush_from, length - flush_from);
  spool->size += length;
}

void
_taiou_spool_finish (TaiouSpool *spool,
                     gboolean    complete)
{
  g_assert (spool != NULL);

  note_run (spool);
  spool->tail_byte = spool->run_byte;
  spool->tail_fill = spool->kept != NULL ? spool->run_elided : 0;
  spool->run_elided = 0;
  spool->complete = complete;
  EVP_DigestFinal_ex (spool->sha256_ctx, spool->sha256, NULL);
}

/* The stored content, without the elided tail: NULL when the file was too large to keep. */
const guint8 *
_taiou_spool_get_data (TaiouSpool *spool,
                       gsize      *length)
{
  g_assert (spool != NULL);
  g_assert (length != NULL);

  if (spool->kept == NULL)
    {
      *length = 0;
      return NULL;
    }
  *length = spool->kept->len;
  return spool->kept->data;
}

/* The file as it was, elided tail included, for readers that stream (libarchive). */
gsize
_taiou_spool_read_at (TaiouSpool    *spool,
                      guint64        offset,
                      const guint8 **data,
                      gsize          wanted)
{
  g_assert (spool != NULL);
  g_assert (data != NULL);

  *data = NULL;
  if (spool->kept == NULL)
    return 0;
  if (offset < spool->kept->len)
    {
      *data = spool->kept->data + offset;
      return (gsize) MIN ((guint64) wanted, spool->kept->len - offset);
    }
  if (offset - spool->kept->len >= spool->tail_fill)
    return 0;

  if (spool->fill == NULL)
    {
      spool->fill = g_malloc (FILL_SIZE);
      memset (spool->fill, spool->tail_byte, FILL_SIZE);
    }
  *data = spool->fill;
  return (gsize) MIN ((guint64) MIN (wanted, FILL_SIZE),
                      spool->tail_fill - (offset - spool->kept->len));
}
