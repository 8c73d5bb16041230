/* taiou-test-hive.c — synthetic registry hives for the tests and the fuzz seeds
 *
 * The layout follows the regf format as hivex reads it: a 4 KiB header ("regf", sequence
 * numbers, version 1.5, the root cell's offset, the size of the hbin data, and an XOR checksum
 * of its first 508 bytes), then hbin pages of cells.  Offsets inside the hive count from the
 * first hbin.  hivex refuses to add a key under a parent without a security ("sk") cell, so the
 * root gets one that refers to itself.
 */
#define G_LOG_DOMAIN "test-hive"

#include "config.h"

#include <errno.h>
#include <glib/gstdio.h>
#include <hivex.h>
#include <string.h>
#include <unistd.h>

#include "taiou-bytes-private.h"
#include "taiou-test-hive.h"
#include "taiou-volume-serial.h"

#define HEADER_SIZE 0x1000
#define HBIN_SIZE   0x1000
#define ROOT_CELL   0x20   /* from the first hbin */
#define ROOT_SIZE   0x58   /* nk record (0x50) + "ROOT", rounded to 8 */
#define SK_CELL     (ROOT_CELL + ROOT_SIZE)
#define SK_SIZE     0x30   /* sk record (0x18) + a 20-byte security descriptor, rounded */
#define FREE_CELL   (SK_CELL + SK_SIZE)

/* 2024-01-01 00:00:00 UTC as a FILETIME: fixed, so generated hives are reproducible. */
#define FIXED_FILETIME G_GUINT64_CONSTANT (133485408000000000)

struct _TaiouTestHive
{
  hive_h *handle;
  char   *scratch;  /* the file hivex opened; committed elsewhere by _save */
};

static void
put16 (guint8  *p,
       guint16  v)
{
  p[0] = v & 0xff;
  p[1] = v >> 8;
}

static void
put32 (guint8  *p,
       guint32  v)
{
  for (guint i = 0; i < 4; i++)
    p[i] = (v >> (8 * i)) & 0xff;
}

static void
put64 (guint8  *p,
       guint64  v)
{
  for (guint i = 0; i < 8; i++)
    p[i] = (v >> (8 * i)) & 0xff;
}

/* Returns: the smallest hive hivex opens: an empty root key named "ROOT" */
GBytes *
taiou_test_hive_empty_bytes (void)
{
  guint8 *hive = g_malloc0 (HEADER_SIZE + HBIN_SIZE);
  guint8 *hbin = hive + HEADER_SIZE;
  guint8 *nk = hbin + ROOT_CELL;
  guint8 *sk = hbin + SK_CELL;
  guint32 sum = 0;

  memcpy (hive, "regf", 4);
  put32 (hive + 0x04, 1);                /* primary sequence number */
  put32 (hive + 0x08, 1);                /* secondary: equal, so the hive is consistent */
  put64 (hive + 0x0c, FIXED_FILETIME);
  put32 (hive + 0x14, 1);                /* major version */
  put32 (hive + 0x18, 5);                /* minor version: Windows XP and later */
  put32 (hive + 0x1c, 0);                /* primary file */
  put32 (hive + 0x20, 1);                /* direct memory load */
  put32 (hive + 0x24, ROOT_CELL);
  put32 (hive + 0x28, HBIN_SIZE);
  put32 (hive + 0x2c, 1);                /* clustering factor */
  for (guint i = 0; i < 0x1fc; i += 4)
    sum ^= _taiou_read_le32 (hive + i);
  put32 (hive + 0x1fc, sum);

  memcpy (hbin, "hbin", 4);
  put32 (hbin + 0x04, 0);                /* this page's offset */
  put32 (hbin + 0x08, HBIN_SIZE);

  put32 (nk, (guint32) -ROOT_SIZE);      /* negative: the cell is in use */
  memcpy (nk + 0x04, "nk", 2);
  put16 (nk + 0x06, 0x2c);               /* hive entry, cannot be deleted, ASCII name */
  put64 (nk + 0x08, FIXED_FILETIME);
  put32 (nk + 0x14, 0);                  /* parent */
  put32 (nk + 0x20, 0xffffffff);         /* no subkey list */
  put32 (nk + 0x24, 0xffffffff);         /* no volatile subkey list */
  put32 (nk + 0x2c, 0xffffffff);         /* no value list */
  put32 (nk + 0x30, SK_CELL);
  put32 (nk + 0x34, 0xffffffff);         /* no class name */
  put16 (nk + 0x4c, 4);
  memcpy (nk + 0x50, "ROOT", 4);

  put32 (sk, (guint32) -SK_SIZE);
  memcpy (sk + 0x04, "sk", 2);
  put32 (sk + 0x08, SK_CELL);            /* the list of sk cells is a ring of one */
  put32 (sk + 0x0c, SK_CELL);
  put32 (sk + 0x10, 1);                  /* used by the root */
  put32 (sk + 0x14, 20);
  sk[0x18] = 1;                          /* descriptor revision */
  put16 (sk + 0x1a, 0x8000);             /* self-relative, no owner, group or ACLs */

  put32 (hbin + FREE_CELL, HBIN_SIZE - FREE_CELL);  /* positive: the rest is free */

  return g_bytes_new_take (hive, HEADER_SIZE + HBIN_SIZE);
}

TaiouTestHive *
taiou_test_hive_new (void)
{
  g_autoptr(GBytes) empty = taiou_test_hive_empty_bytes ();
  g_autoptr(GError) error = NULL;
  TaiouTestHive *hive = g_new0 (TaiouTestHive, 1);
  int fd;

  fd = g_file_open_tmp ("taiou-test-XXXXXX.hive", &hive->scratch, &error);
  g_assert_no_error (error);
  close (fd);
  g_assert_true (g_file_set_contents (hive->scratch, g_bytes_get_data (empty, NULL),
                                      (gssize) g_bytes_get_size (empty), &error));
  g_assert_no_error (error);
  hive->handle = hivex_open (hive->scratch, HIVEX_OPEN_WRITE);
  if (hive->handle == NULL)
    g_error ("hivex cannot open the generated empty hive: %s", g_strerror (errno));
  return hive;
}

void
taiou_test_hive_free (TaiouTestHive *hive)
{
  if (hive == NULL)
    return;
  hivex_close (hive->handle);
  g_unlink (hive->scratch);
  g_free (hive->scratch);
  g_free (hive);
}

/* The key at @key_path ('\\'-separated), created with its parents when missing. */
static hive_node_h
ensure_key (TaiouTestHive *hive,
            const char    *key_path)
{
  g_auto(GStrv) names = g_strsplit (key_path, "\\", -1);
  hive_node_h node = hivex_root (hive->handle);

  for (guint i = 0; names[i] != NULL; i++)
    {
      hive_node_h child;

      if (names[i][0] == '\0')
        continue;
      child = hivex_node_get_child (hive->handle, node, names[i]);
      if (child == 0)
        child = hivex_node_add_child (hive->handle, node, names[i]);
      if (child == 0)
        g_error ("hivex cannot add key %s: %s", names[i], g_strerror (errno));
      node = child;
    }
  return node;
}

void
taiou_test_hive_add_key (TaiouTestHive *hive,
                         const char    *key_path)
{
  ensure_key (hive, key_path);
}

void
taiou_test_hive_set_value (TaiouTestHive *hive,
                           const char    *key_path,
                           const char    *name,
                           guint32        type,
                           gconstpointer  data,
                           gsize          length)
{
  hive_set_value value = {
    .key = (char *) name,
    .t = (hive_type) type,
    .len = length,
    .value = (char *) data,
  };

  if (hivex_node_set_value (hive->handle, ensure_key (hive, key_path), &value, 0) != 0)
    g_error ("hivex cannot set value %s: %s", name, g_strerror (errno));
}

/* Stores @utf8 as Windows does: UTF-16LE with its terminating NUL. */
void
taiou_test_hive_set_string (TaiouTestHive *hive,
                            const char    *key_path,
                            const char    *name,
                            guint32        type,
                            const char    *utf8)
{
  glong n_units = 0;
  g_autofree gunichar2 *units = g_utf8_to_utf16 (utf8, -1, NULL, &n_units, NULL);
  g_autofree guint8 *bytes = g_malloc ((gsize) (n_units + 1) * 2);

  g_assert_nonnull (units);
  for (glong i = 0; i <= n_units; i++)
    put16 (bytes + 2 * i, units[i]);
  taiou_test_hive_set_value (hive, key_path, name, type, bytes, (gsize) (n_units + 1) * 2);
}

void
taiou_test_hive_set_dword (TaiouTestHive *hive,
                           const char    *key_path,
                           const char    *name,
                           guint32        dword)
{
  guint8 bytes[4];

  put32 (bytes, dword);
  taiou_test_hive_set_value (hive, key_path, name, 4 /* REG_DWORD */, bytes, sizeof bytes);
}

void
taiou_test_hive_save (TaiouTestHive *hive,
                      const char    *path)
{
  if (hivex_commit (hive->handle, path, 0) != 0)
    g_error ("hivex cannot write %s: %s", path, g_strerror (errno));
}

guint8 *
taiou_test_ntfs_boot_sector (guint64 serial)
{
  guint8 *sector = g_malloc0 (TAIOU_BOOT_SECTOR_SIZE);

  sector[0] = 0xeb;
  sector[1] = 0x52;
  sector[2] = 0x90;
  memcpy (sector + 3, "NTFS    ", 8);
  sector[0x0b] = 0x00;   /* 512 bytes per sector */
  sector[0x0c] = 0x02;
  for (guint i = 0; i < 8; i++)
    sector[0x48 + i] = (serial >> (8 * i)) & 0xff;
  sector[510] = 0x55;
  sector[511] = 0xaa;
  return sector;
}
