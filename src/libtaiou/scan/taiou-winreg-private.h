/* taiou-winreg-private.h — what the two halves of the hive reader share */
#pragma once

#include <hivex.h>

#include "taiou-winreg.h"

G_BEGIN_DECLS

#define _TAIOU_WINREG_HEADER_SIZE 0x1000  /* offsets inside a hive count from past the header */

/* Entries (subkeys and values) hivex may walk in one hive: a real SOFTWARE hive needs well under
 * a million for what the probe reads; a few seconds' work at most. */
#define _TAIOU_WINREG_WORK_BUDGET G_GUINT64_CONSTANT (5000000)

struct _TaiouWinregHive
{
  hive_h       *handle;
  guint64       work_left;  /* see _TAIOU_WINREG_WORK_BUDGET */
  const guint8 *data;       /* our own read-only view of the sealed copy */
  gsize         length;
};

G_END_DECLS
