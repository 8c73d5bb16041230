/* taiou-cfb.c — checks an OLE2 compound file ([MS-CFB]) before libgsf opens it
 *
 * libgsf reads compound files well, but on a broken one it reports with g_warning () and
 * g_return_val_if_fail () (a critical), it recurses once per directory link (so a long chain of
 * entries exhausts the stack), it inserts each entry into a sorted list (quadratic in a storage's
 * size) and lets several streams share sectors (so a small file can expand into gigabytes).  A
 * .msg file is attacker-supplied, and our tests and fuzzers run with fatal warnings, so every
 * structure libgsf will touch is checked here first, with the same arithmetic it uses, and a
 * file that would make it complain is refused as damaged.  What passes is a well-formed file.
 *
 * Outlook .msg files and Office attachments (.doc, .xls) both come through here.  The check
 * was written for .msg first, and its errors keep TAIOU_MAIL_MSG_ERROR's domain and codes
 * (from the public taiou-mail-msg.h, not the mail module's private header): the .msg reader
 * hands them on unchanged, and the attachment checker quotes only the message as evidence.
 */
#define G_LOG_DOMAIN "taiou-cfb"

#include "config.h"

#include <string.h>

#include "taiou-bytes-private.h"
#include "taiou-cfb-private.h"
#include "taiou-mail-msg.h"

#define HEADER_SIZE         512
#define DIRENT_SIZE         128
#define HEADER_DIFAT_COUNT  109
#define FREESECT            0xFFFFFFFFu
#define ENDOFCHAIN          0xFFFFFFFEu
#define FIRST_SPECIAL       0xFFFFFFFCu  /* DIFSECT, FATSECT, ENDOFCHAIN, FREESECT */
#define NOSTREAM            0xFFFFFFFFu
#define MINI_CUTOFF         4096
#define MINI_SHIFT          6

#define TYPE_STORAGE        1
#define TYPE_STREAM         2
#define TYPE_ROOT           5

/* libgsf recurses once per link; Outlook's red-black trees stay far below this even with
 * thousands of recipients, and libgsf's own writer chains siblings one after another. */
#define MAX_TREE_DEPTH      6000
/* Each entry is inserted into its storage's sorted list: keep that list short enough. */
#define MAX_CHILDREN        5000

const guint8 _taiou_cfb_signature[8] = { 0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1 };

typedef struct
{
  const guint8 *data;
  gsize         length;
  guint         shift;
  gsize         sector_size;
  gsize         first_offset;  /* sector 0 starts after the header's own sector */
  guint32       n_sectors;     /* complete sectors in the file */

  guint32      *fat;
  guint32       n_fat;
  guint32      *minifat;
  guint32       n_minifat;
  gboolean      minifat_free;  /* the header says FREESECT where the mini FAT starts */
  guint32       n_mini_sectors;

  /* Which chain last passed each entry (finds loops), and which sectors a stream holds. */
  guint32      *stamp;
  guint32      *mini_stamp;
  guint8       *owned;
  guint8       *mini_owned;
  guint32       chain_id;
} Cfb;

typedef struct
{
  guint32 entry;
  guint32 storage;  /* the storage whose child list the entry joins; NOSTREAM for the root */
  guint32 depth;
} Visit;

static void
cfb_clear (Cfb *cfb)
{
  g_free (cfb->fat);
  g_free (cfb->minifat);
  g_free (cfb->stamp);
  g_free (cfb->mini_stamp);
  g_free (cfb->owned);
  g_free (cfb->mini_owned);
}

static gboolean
damaged (GError     **error,
         const char  *why)
{
  g_set_error (error, TAIOU_MAIL_MSG_ERROR, TAIOU_MAIL_MSG_ERROR_DAMAGED,
               "The Outlook message is damaged: %s", why);
  return FALSE;
}

static gboolean
too_large (GError     **error,
           const char  *why)
{
  g_set_error (error, TAIOU_MAIL_MSG_ERROR, TAIOU_MAIL_MSG_ERROR_TOO_LARGE,
               "The Outlook message is too large: %s", why);
  return FALSE;
}

static const guint8 *
sector (const Cfb *cfb,
        guint32    index)
{
  if (index >= cfb->n_sectors)
    return NULL;
  return cfb->data + cfb->first_offset + ((gsize) index << cfb->shift);
}

/* Walks a chain as libgsf's ole_make_bat () will and refuses what makes it warn (a loop, an
 * end other than ENDOFCHAIN), sectors past the end of the file, a chain too short for
 * @needed units, and a unit another stream already holds. */
static gboolean
walk_chain (Cfb         *cfb,
            gboolean     mini,
            guint32      start,
            gsize        needed,
            GArray      *out,
            GError     **error)
{
  const guint32 *table = mini ? cfb->minifat : cfb->fat;
  guint32 n_table = mini ? cfb->n_minifat : cfb->n_fat;
  guint32 *stamp = mini ? cfb->mini_stamp : cfb->stamp;
  guint8 *owned = mini ? cfb->mini_owned : cfb->owned;
  guint32 present = mini ? cfb->n_mini_sectors : cfb->n_sectors;
  guint32 block = start;
  gsize count = 0;

  if (mini && cfb->minifat_free)
    return damaged (error, "a small stream but no mini FAT");

  cfb->chain_id++;
  while (block < n_table)
    {
      if (stamp[block] == cfb->chain_id)
        return damaged (error, "a sector chain loops");
      stamp[block] = cfb->chain_id;
      if (block >= present)
        return damaged (error, "a sector chain points past the end of the file");
      if (count < needed)
        {
          if (owned[block / 8] & (1u << (block % 8)))
            return damaged (error, "two streams share a sector");
          owned[block / 8] |= 1u << (block % 8);
        }
      if (out != NULL)
        g_array_append_val (out, block);
      count++;
      block = table[block];
    }
  if (block != ENDOFCHAIN)
    return damaged (error, "a sector chain does not end properly");
  if (count < needed)
    return damaged (error, "a stream is longer than its sectors");
  return TRUE;
}

/* libgsf's ole_info_read_metabat () warns about an entry that is neither a sector of the
 * table nor one of the special values. */
static gboolean
load_table (Cfb            *cfb,
            const guint32  *sectors,
            guint32         n_sectors,
            guint32       **out_table,
            guint32        *out_n,
            GError        **error)
{
  guint32 per_sector = cfb->sector_size / 4;
  guint32 n_table = n_sectors * per_sector;
  g_autofree guint32 *table = g_new (guint32, MAX (n_table, 1));

  for (guint32 i = 0; i < n_sectors; i++)
    {
      const guint8 *data;

      if (sectors[i] == FREESECT)
        {
          /* libgsf reads an unused slot as a sector of free entries (GNOME bug 336858). */
          for (guint32 j = 0; j < per_sector; j++)
            table[i * per_sector + j] = FREESECT;
          continue;
        }
      if ((data = sector (cfb, sectors[i])) == NULL)
        return damaged (error, "an allocation table lies past the end of the file");
      for (guint32 j = 0; j < per_sector; j++)
        {
          guint32 value = _taiou_read_le32 (data + 4 * j);

          if (value >= n_table && value < FIRST_SPECIAL)
            return damaged (error, "an allocation table entry is out of range");
          table[i * per_sector + j] = value;
        }
    }
  *out_table = g_steal_pointer (&table);
  *out_n = n_table;
  return TRUE;
}

/* The FAT's own sectors: the first 109 are listed in the header, the rest in the DIFAT chain,
 * read with libgsf's bookkeeping so that what it accepts and what we accept agree. */
static gboolean
load_fat (Cfb      *cfb,
          GError  **error)
{
  const guint8 *header = cfb->data;
  guint32 num_bat = _taiou_read_le32 (header + 0x2C);
  guint32 difat_block = _taiou_read_le32 (header + 0x44);
  guint32 num_difat = _taiou_read_le32 (header + 0x48);
  guint32 per_sector = cfb->sector_size / 4;
  guint32 in_header = MIN (num_bat, HEADER_DIFAT_COUNT);
  guint32 remaining = num_bat - in_header;
  g_autoptr(GArray) sectors = g_array_new (FALSE, FALSE, sizeof (guint32));

  /* A FAT needs one entry per sector; allow one sector of slack for writers that round up. */
  if (num_bat == 0 || num_bat > cfb->n_sectors / per_sector + 2)
    return damaged (error, "the allocation table's size does not match the file");

  for (guint32 i = 0; i < in_header; i++)
    {
      guint32 value = _taiou_read_le32 (header + 0x4C + 4 * i);

      g_array_append_val (sectors, value);
    }

  while (num_difat-- > 0)
    {
      const guint8 *data = sector (cfb, difat_block);
      guint32 take;

      if (data == NULL)
        return damaged (error, "the allocation table's index lies past the end of the file");
      if (num_difat == 0)
        {
          if (per_sector - 1 < remaining)
            return damaged (error, "the allocation table's index is too short");
          take = remaining;
          remaining = 0;
        }
      else
        {
          if (remaining < per_sector - 1)
            return damaged (error, "the allocation table's index is too long");
          take = per_sector - 1;
          remaining -= take;
          difat_block = _taiou_read_le32 (data + 4 * (per_sector - 1));
        }
      for (guint32 i = 0; i < take; i++)
        {
          guint32 value = _taiou_read_le32 (data + 4 * i);

          g_array_append_val (sectors, value);
        }
    }
  if (remaining > 0)
    return damaged (error, "the allocation table's index is incomplete");

  return load_table (cfb, (const guint32 *) (gpointer) sectors->data, sectors->len,
                     &cfb->fat, &cfb->n_fat, error);
}

static gboolean
check_stream (Cfb           *cfb,
              const guint8  *dirent,
              GError       **error)
{
  guint32 size = _taiou_read_le32 (dirent + 0x78);
  guint32 start = _taiou_read_le32 (dirent + 0x74);

  if (size > cfb->length)
    return damaged (error, "a stream claims to be larger than the file");
  if (size < MINI_CUTOFF)
    return walk_chain (cfb, TRUE, start, (size + (1u << MINI_SHIFT) - 1) >> MINI_SHIFT, NULL,
                       error);
  return walk_chain (cfb, FALSE, start, (size + cfb->sector_size - 1) >> cfb->shift, NULL, error);
}

/* Visits the directory tree the way libgsf's ole_dirent_new () recurses through it. */
static gboolean
check_tree (Cfb           *cfb,
            const GArray  *dir_sectors,
            GError       **error)
{
  guint32 per_sector = cfb->sector_size / DIRENT_SIZE;
  guint32 n_entries = dir_sectors->len * per_sector;
  g_autofree guint8 *seen = g_new0 (guint8, n_entries);
  g_autofree guint32 *n_children = g_new0 (guint32, n_entries);
  g_autoptr(GArray) stack = g_array_new (FALSE, FALSE, sizeof (Visit));
  Visit root = { 0, NOSTREAM, 0 };

  g_array_append_val (stack, root);
  while (stack->len > 0)
    {
      Visit visit = g_array_index (stack, Visit, stack->len - 1);
      guint32 dir_sector;
      const guint8 *dirent;
      guint8 type;
      guint16 name_length;
      guint32 links[3];

      g_array_set_size (stack, stack->len - 1);
      if (visit.entry >= n_entries)
        return damaged (error, "a directory link points past the directory");
      if (seen[visit.entry])
        return damaged (error, "a directory entry is linked twice");
      seen[visit.entry] = TRUE;
      if (visit.depth > MAX_TREE_DEPTH)
        return too_large (error, "its directory tree is too deep");
      if (visit.storage != NOSTREAM && ++n_children[visit.storage] > MAX_CHILDREN)
        return too_large (error, "a storage in it has too many entries");

      dir_sector = g_array_index (dir_sectors, guint32, visit.entry / per_sector);
      dirent = sector (cfb, dir_sector);
      g_assert (dirent != NULL);  /* the directory's chain was walked: all its sectors exist */
      dirent += (gsize) (visit.entry % per_sector) * DIRENT_SIZE;
      type = dirent[0x42];
      if ((visit.entry == 0) != (type == TYPE_ROOT) ||
          (type != TYPE_STORAGE && type != TYPE_STREAM && type != TYPE_ROOT))
        return damaged (error, "a directory entry has an unknown type");

      /* libgsf runs g_utf8_validate (name, -1) over the entry: it must meet a NUL early. */
      name_length = _taiou_read_le16 (dirent + 0x40);
      if (name_length > 0 && name_length <= 64 && memchr (dirent, 0, 64) == NULL)
        return damaged (error, "a directory entry's name is not terminated");

      links[0] = _taiou_read_le32 (dirent + 0x44);
      links[1] = _taiou_read_le32 (dirent + 0x48);
      links[2] = _taiou_read_le32 (dirent + 0x4C);
      if (type == TYPE_STREAM)
        {
          if (links[2] != NOSTREAM)
            return damaged (error, "a stream has children");
          if (!check_stream (cfb, dirent, error))
            return FALSE;
        }

      for (guint i = 0; i < 3; i++)
        {
          Visit next = { links[i], i < 2 ? visit.storage : visit.entry, visit.depth + 1 };

          if (links[i] != NOSTREAM)
            g_array_append_val (stack, next);
        }
    }
  return TRUE;
}

gboolean
_taiou_cfb_check (const guint8  *data,
                  gsize          length,
                  GError       **error)
{
  Cfb cfb = { data, length, };
  g_autoptr(GArray) dir_sectors = g_array_new (FALSE, FALSE, sizeof (guint32));
  const guint8 *root;
  guint32 root_size, sbat_start, num_sbat, max_block;
  gboolean ok = FALSE;

  g_assert (data != NULL || length == 0);

  if (length < sizeof _taiou_cfb_signature || memcmp (data, _taiou_cfb_signature, 8) != 0)
    {
      g_set_error (error, TAIOU_MAIL_MSG_ERROR, TAIOU_MAIL_MSG_ERROR_NOT_MSG,
                   "This is not an Outlook message (.msg): it is not an OLE2 compound file");
      return FALSE;
    }
  if (length > TAIOU_MAIL_MSG_MAX_FILE_SIZE)
    {
      g_set_error (error, TAIOU_MAIL_MSG_ERROR, TAIOU_MAIL_MSG_ERROR_TOO_LARGE,
                   "The Outlook message is too large (more than %u MiB)",
                   TAIOU_MAIL_MSG_MAX_FILE_SIZE / (1024 * 1024));
      return FALSE;
    }

  if (length < HEADER_SIZE)
    return damaged (error, "the file is truncated");

  /* [MS-CFB] 2.2: version 3 files have 512-byte sectors, version 4 files 4096-byte ones. */
  cfb.shift = _taiou_read_le16 (data + 0x1E);
  if ((cfb.shift != 9 && cfb.shift != 12) || _taiou_read_le16 (data + 0x20) != MINI_SHIFT ||
      _taiou_read_le32 (data + 0x38) != MINI_CUTOFF)
    return damaged (error, "unsupported sector sizes");
  cfb.sector_size = (gsize) 1 << cfb.shift;
  cfb.first_offset = MAX (HEADER_SIZE, cfb.sector_size);
  if (length < cfb.first_offset + cfb.sector_size)
    return damaged (error, "the file is truncated");
  cfb.n_sectors = (length - cfb.first_offset) >> cfb.shift;

  /* libgsf refuses these counts itself, without a warning; say why before it does. */
  max_block = (length - HEADER_SIZE + cfb.sector_size - 1) / cfb.sector_size;
  sbat_start = _taiou_read_le32 (data + 0x3C);
  num_sbat = _taiou_read_le32 (data + 0x40);
  if (num_sbat >= max_block)
    return damaged (error, "the mini allocation table's size does not match the file");
  if (num_sbat == 0 && sbat_start != ENDOFCHAIN && sbat_start != FREESECT)
    return damaged (error, "an empty mini allocation table has sectors");

  if (!load_fat (&cfb, error))
    goto out;
  cfb.stamp = g_new0 (guint32, MAX (cfb.n_fat, 1));
  cfb.owned = g_new0 (guint8, cfb.n_fat / 8 + 1);

  if (!walk_chain (&cfb, FALSE, _taiou_read_le32 (data + 0x30), 1, dir_sectors, error))
    goto out;

  /* The root entry's stream holds the small streams' 64-byte mini sectors. */
  root = sector (&cfb, g_array_index (dir_sectors, guint32, 0));
  g_assert (root != NULL);  /* walk_chain () checked that its sectors are in the file */
  root_size = _taiou_read_le32 (root + 0x78);
  if (root[0x42] != TYPE_ROOT || root_size > length ||
      _taiou_read_le32 (root + 0x44) != NOSTREAM || _taiou_read_le32 (root + 0x48) != NOSTREAM)
    {
      /* libgsf would read the root's siblings as further roots, and warn. */
      damaged (error, "the root directory entry is invalid");
      goto out;
    }
  if (!walk_chain (&cfb, FALSE, _taiou_read_le32 (root + 0x74),
                   (root_size + cfb.sector_size - 1) >> cfb.shift, NULL, error))
    goto out;
  cfb.n_mini_sectors = root_size >> MINI_SHIFT;

  cfb.minifat_free = sbat_start == FREESECT;
  if (!cfb.minifat_free)
    {
      g_autoptr(GArray) minifat_sectors = g_array_new (FALSE, FALSE, sizeof (guint32));

      if (!walk_chain (&cfb, FALSE, sbat_start, 0, minifat_sectors, error) ||
          !load_table (&cfb, (const guint32 *) (gpointer) minifat_sectors->data,
                       minifat_sectors->len, &cfb.minifat, &cfb.n_minifat, error))
        goto out;
    }
  cfb.mini_stamp = g_new0 (guint32, MAX (cfb.n_minifat, 1));
  cfb.mini_owned = g_new0 (guint8, cfb.n_minifat / 8 + 1);

  ok = check_tree (&cfb, dir_sectors, error);

out:
  cfb_clear (&cfb);
  return ok;
}
