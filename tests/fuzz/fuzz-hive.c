/* fuzz-hive.c — a registry hive from hostile bytes, read the way the Windows-volume probe reads
 * NTUSER.DAT, SYSTEM and SOFTWARE, and then walked key by key
 *
 * The header checksum is recomputed before the bytes are opened: otherwise nearly every mutation
 * would stop at it, and the code behind it (hivex's, and ours on its results) would never be
 * reached.  The checksum test itself is a unit test (test-probe-winvol).  Seeds:
 * tests/fuzz/make-hive-seeds.c.
 */
#include "config.h"

#include <string.h>

#include "taiou.h"
#include "taiou-bytes-private.h"
#include "taiou-probe-winvol-private.h"

#define MAX_KEYS_VISITED 256
#define MAX_DEPTH        6

int LLVMFuzzerTestOneInput (const guint8 *data, size_t size);

/* Every key's values and subkeys, breadth-bounded: hivex's code for what our fixed paths miss. */
static void
walk (TaiouWinregHive *hive,
      TaiouWinregKey   key,
      guint            depth,
      guint           *visited)
{
  g_autoptr(GPtrArray) problems = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) values = NULL;
  g_autoptr(GPtrArray) subkeys = NULL;

  if (depth > MAX_DEPTH || ++*visited > MAX_KEYS_VISITED)
    return;
  values = taiou_winreg_hive_values (hive, key, problems, NULL);
  for (guint i = 0; values != NULL && i < values->len; i++)
    {
      guint32 dword;

      g_free (taiou_winreg_value_dup_string (values->pdata[i], NULL));
      taiou_winreg_value_get_dword (values->pdata[i], &dword);
    }
  subkeys = taiou_winreg_hive_subkeys (hive, key, problems, NULL);
  for (guint i = 0; subkeys != NULL && i < subkeys->len; i++)
    walk (hive, ((TaiouWinregSubkey *) subkeys->pdata[i])->key, depth + 1, visited);
}

int
LLVMFuzzerTestOneInput (const guint8 *data,
                        size_t        size)
{
  g_autoptr(TaiouWinregHive) hive = NULL;
  g_autoptr(TaiouHostSnapshot) snapshot = NULL;
  g_autofree guint8 *copy = NULL;
  g_autofree char *text = NULL;
  guint32 serial;
  guint visited = 0;

  /* The other parsers a volume feeds: UTF-16 strings and boot sectors. */
  text = taiou_winreg_utf16le_to_utf8 (data, MIN (size, 4096), NULL);
  taiou_volume_serial_from_boot_sector (data, size, &serial, NULL, NULL);

  copy = g_memdup2 (data, size);
  if (size >= 0x200)
    {
      guint32 sum = 0;

      for (gsize i = 0; i < 0x1fc; i += 4)
        sum ^= _taiou_read_le32 (copy + i);
      for (guint i = 0; i < 4; i++)
        copy[0x1fc + i] = (sum >> (8 * i)) & 0xff;
    }
  hive = taiou_winreg_hive_new_from_bytes (copy, size, NULL);
  if (hive == NULL)
    return 0;

  snapshot = taiou_host_snapshot_new (TAIOU_HOST_OS_WINDOWS, NULL);
  _taiou_winvol_read_user_hive (snapshot, hive, "NTUSER.DAT", "user");
  _taiou_winvol_read_system_hive (snapshot, hive, "SYSTEM", NULL);
  _taiou_winvol_read_software_hive (snapshot, hive, "SOFTWARE");
  walk (hive, taiou_winreg_hive_root (hive), 0, &visited);
  return 0;
}
