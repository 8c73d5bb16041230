/* taiou-probe-winvol-private.h — the registry half of the Windows-volume probe
 *
 * Separate from the folder walk so that the fuzz target can feed any bytes, as any of the three
 * hives, through exactly the code the probe runs.
 */
#pragma once

#include "taiou-host-snapshot.h"
#include "taiou-winreg.h"

G_BEGIN_DECLS

/* How large a hive file the probe copies into memory.  Real ones are a few MiB (NTUSER.DAT),
 * tens of MiB (SYSTEM) and up to a few hundred MiB (SOFTWARE on a long-lived machine). */
#define TAIOU_WINVOL_MAX_USER_HIVE_SIZE     ((guint64) 128 * 1024 * 1024)
#define TAIOU_WINVOL_MAX_SYSTEM_HIVE_SIZE   ((guint64) 256 * 1024 * 1024)
#define TAIOU_WINVOL_MAX_SOFTWARE_HIVE_SIZE ((guint64) 512 * 1024 * 1024)

/* Each notes what it cannot read as a problem "@hive_name: key: why". */
char    *_taiou_winvol_find_entry         (int                fd,
                                          const char        *name);
void     _taiou_winvol_read_user_hive     (TaiouHostSnapshot *snapshot,
                                           TaiouWinregHive   *hive,
                                           const char        *hive_name,
                                           const char        *user);
gboolean _taiou_winvol_read_system_hive   (TaiouHostSnapshot *snapshot,
                                           TaiouWinregHive   *hive,
                                           const char        *hive_name,
                                           GCancellable      *cancellable);
void     _taiou_winvol_read_software_hive (TaiouHostSnapshot *snapshot,
                                           TaiouWinregHive   *hive,
                                           const char        *hive_name);

G_END_DECLS
