/* taiou-digest-table.c — a compact, O(1) set of fixed-size binary digests with a 32-bit value
 *
 * A million SHA-256 IOCs must load in a second and fit in well under 100 MB, so the digests
 * live inline in one flat array (no per-entry allocation) with open addressing and linear
 * probing.  Digests are uniformly random, so their first eight bytes are the hash.  Entries are
 * first staged in a plain array and the table is then built once at its final size: there is no
 * rehash at full size, which would double the peak memory.  Value 0 marks an empty slot, so
 * callers store values ≥ 1.
 */
#define G_LOG_DOMAIN "taiou-digest-table"

#include "config.h"

#include <glib.h>
#include <string.h>
#ifdef G_OS_UNIX
#include <sys/mman.h>
#endif

#include "taiou-digest-table.h"

/* Slots per entry: 1.3 keeps linear probes short (≈ 1.6 on a hit) at modest memory. */
#define SLOTS_PER_ENTRY_NUM 13
#define SLOTS_PER_ENTRY_DEN 10

struct _TaiouDigestTable
{
  gsize    digest_length;
  gsize    entry_size;     /* digest + guint32 value */

  guint8  *slots;          /* n_slots × entry_size */
  gsize    n_slots;
  gsize    n_entries;

  GArray    *staged;       /* of entry_size records, waiting for commit */
  GPtrArray *taken;        /* earlier staged arrays (GArray), in order: see take_staged() */
};

TaiouDigestTable *
taiou_digest_table_new (gsize digest_length)
{
  TaiouDigestTable *self;

  g_return_val_if_fail (digest_length >= 8 && digest_length <= 64, NULL);

  self = g_new0 (TaiouDigestTable, 1);
  self->digest_length = digest_length;
  self->entry_size = digest_length + sizeof (guint32);
  self->staged = g_array_new (FALSE, FALSE, self->entry_size);
  self->taken = g_ptr_array_new_with_free_func ((GDestroyNotify) g_array_unref);
  return self;
}

void
taiou_digest_table_free (TaiouDigestTable *self)
{
  if (self == NULL)
    return;
  g_free (self->slots);
  g_array_unref (self->staged);
  g_ptr_array_unref (self->taken);
  g_free (self);
}

static inline guint64
digest_hash (const guint8 *digest)
{
  guint64 h;

  memcpy (&h, digest, sizeof h);
  return h;
}

/* Maps a 64-bit hash onto [0, n) without a division (Lemire's fast range reduction). */
static inline gsize
slot_index (guint64 hash,
            gsize   n_slots)
{
  return (gsize) (((unsigned __int128) hash * n_slots) >> 64);
}

static inline guint32
entry_value (const TaiouDigestTable *self,
             const guint8           *entry)
{
  guint32 value;

  memcpy (&value, entry + self->digest_length, sizeof value);
  return value;
}

/* Inserts into self->slots; the caller guarantees a free slot exists. */
static void
insert_entry (TaiouDigestTable  *self,
              const guint8      *record,
              guint32          (*merge) (guint32, guint32))
{
  gsize i = slot_index (digest_hash (record), self->n_slots);

  while (TRUE)
    {
      guint8 *slot = self->slots + i * self->entry_size;
      guint32 value = entry_value (self, slot);

      if (value == 0)
        {
          memcpy (slot, record, self->entry_size);
          self->n_entries++;
          return;
        }
      if (memcmp (slot, record, self->digest_length) == 0)
        {
          guint32 merged = merge != NULL ? merge (value, entry_value (self, record)) : value;

          memcpy (slot + self->digest_length, &merged, sizeof merged);
          return;
        }
      if (++i == self->n_slots)
        i = 0;
    }
}

/**
 * taiou_digest_table_stage:
 * @value: what a lookup returns for @digest; must not be 0
 *
 * Queues a digest; it becomes visible at the next taiou_digest_table_commit().
 */
void
taiou_digest_table_stage (TaiouDigestTable *self,
                          const guint8     *digest,
                          guint32           value)
{
  guint8 record[64 + sizeof (guint32)];

  g_assert (self != NULL);
  g_assert (value != 0);

  memcpy (record, digest, self->digest_length);
  memcpy (record + self->digest_length, &value, sizeof value);
  g_array_append_vals (self->staged, record, 1);
}

/* Inserts and lookups land anywhere in tens of megabytes: with 2 MB pages they miss the TLB far
 * less, and the table is faulted in with a few hundred page faults instead of ten thousand. */
static void
advise_huge_pages (gpointer memory,
                   gsize    size)
{
#ifdef MADV_HUGEPAGE
  const guintptr huge = 2 * 1024 * 1024;
  guintptr start = ((guintptr) memory + huge - 1) & ~(huge - 1);
  guintptr end = ((guintptr) memory + size) & ~(huge - 1);

  if (end > start)
    madvise ((gpointer) start, end - start, MADV_HUGEPAGE);
#endif
}

/* How many records ahead of the one being inserted to fetch the slot of: inserts land at random
 * in a table of tens of megabytes, so nearly every one misses the cache, and fetching ahead lets
 * the misses overlap instead of waiting for each in turn. */
#define PREFETCH_DISTANCE 16

static inline void
prefetch_slot (const TaiouDigestTable *self,
               const guint8           *record)
{
  const guint8 *slot = self->slots + slot_index (digest_hash (record), self->n_slots) *
                                     self->entry_size;

  /* An entry may straddle two cache lines. */
  __builtin_prefetch (slot, 1);
  __builtin_prefetch (slot + self->entry_size - 1, 1);
}

/**
 * taiou_digest_table_take_staged:
 * @from: a table used only to stage, e.g. by another thread; its staged digests move here
 * @map: (nullable): gives the value to keep for each value staged in @from
 *
 * Stages @from's digests after those already staged here, without copying them: a parallel
 * load stages each part of a file in a table of its own and hands them over in file order, so
 * that duplicates merge exactly as if the file had been read in one go.
 */
void
taiou_digest_table_take_staged (TaiouDigestTable  *self,
                                TaiouDigestTable  *from,
                                guint32          (*map) (guint32  value,
                                                         gpointer data),
                                gpointer           data)
{
  g_assert (self != NULL && from != NULL);
  g_assert (self->digest_length == from->digest_length);

  if (from->staged->len == 0)
    return;
  if (map != NULL)
    for (guint i = 0; i < from->staged->len; i++)
      {
        guint8 *record = (guint8 *) from->staged->data + (gsize) i * self->entry_size;
        guint32 value = map (entry_value (self, record), data);

        g_assert (value != 0);
        memcpy (record + self->digest_length, &value, sizeof value);
      }
  if (self->staged->len > 0)
    {
      g_ptr_array_add (self->taken, self->staged);
      self->staged = g_array_new (FALSE, FALSE, self->entry_size);
    }
  g_ptr_array_add (self->taken, from->staged);
  from->staged = g_array_new (FALSE, FALSE, from->entry_size);
}

static void
insert_staged (TaiouDigestTable  *self,
               const GArray      *staged,
               guint32          (*merge) (guint32, guint32))
{
  const guint8 *records = (const guint8 *) staged->data;
  gsize n = staged->len;

  for (gsize i = 0; i < n; i++)
    {
      if (i + PREFETCH_DISTANCE < n)
        prefetch_slot (self, records + (i + PREFETCH_DISTANCE) * self->entry_size);
      insert_entry (self, records + i * self->entry_size, merge);
    }
}

/**
 * taiou_digest_table_commit:
 * @merge: (nullable): combines the values of a digest staged twice; NULL keeps the first
 *
 * Builds the table at its final size from what it held and what was staged.
 */
void
taiou_digest_table_commit (TaiouDigestTable  *self,
                           guint32          (*merge) (guint32 old_value, guint32 new_value))
{
  guint8 *old_slots = self->slots;
  gsize old_n_slots = self->n_slots;
  gsize total = self->n_entries + self->staged->len;

  for (guint i = 0; i < self->taken->len; i++)
    total += ((GArray *) self->taken->pdata[i])->len;
  if (total == self->n_entries)
    return;

  self->n_slots = MAX (total * SLOTS_PER_ENTRY_NUM / SLOTS_PER_ENTRY_DEN, total + 1);
  self->slots = g_malloc0_n (self->n_slots, self->entry_size);
  self->n_entries = 0;
  advise_huge_pages (self->slots, self->n_slots * self->entry_size);

  for (gsize i = 0; i < old_n_slots; i++)
    {
      const guint8 *slot = old_slots + i * self->entry_size;

      if (entry_value (self, slot) != 0)
        insert_entry (self, slot, NULL);
    }
  g_free (old_slots);

  /* In the order staged, so that merge() sees duplicates in file order. */
  for (guint i = 0; i < self->taken->len; i++)
    insert_staged (self, self->taken->pdata[i], merge);
  insert_staged (self, self->staged, merge);
  /* Give the staging memory back rather than keep it for the next load. */
  g_ptr_array_set_size (self->taken, 0);
  g_array_unref (self->staged);
  self->staged = g_array_new (FALSE, FALSE, self->entry_size);
}

gboolean
taiou_digest_table_lookup (const TaiouDigestTable *self,
                           const guint8           *digest,
                           guint32                *value)
{
  gsize i;

  g_assert (self != NULL);

  if (self->n_entries == 0)
    return FALSE;

  i = slot_index (digest_hash (digest), self->n_slots);
  while (TRUE)
    {
      const guint8 *slot = self->slots + i * self->entry_size;
      guint32 slot_value = entry_value (self, slot);

      if (slot_value == 0)
        return FALSE;
      if (memcmp (slot, digest, self->digest_length) == 0)
        {
          if (value != NULL)
            *value = slot_value;
          return TRUE;
        }
      if (++i == self->n_slots)
        i = 0;
    }
}

gsize
taiou_digest_table_size (const TaiouDigestTable *self)
{
  return self->n_entries;
}

/* Memory held by the committed table, for reports and benchmarks. */
gsize
taiou_digest_table_bytes (const TaiouDigestTable *self)
{
  return self->n_slots * self->entry_size;
}
