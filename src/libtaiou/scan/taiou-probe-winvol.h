/* taiou-probe-winvol.h — what a Windows system volume, mounted or copied on Linux, would start */
#pragma once

#include <gio/gio.h>

#include "taiou-host-snapshot.h"

G_BEGIN_DECLS

/* What the volume itself does not tell a Linux reader.  A NULL options pointer means none. */
typedef struct
{
  gboolean    has_volume_serial;  /* TRUE: @volume_serial is the serial (`vol C:`'s "1A2B-3C4D") */
  guint32     volume_serial;
  const char *volume_image;       /* nullable: the partition or an image of it, whose boot
                                     sector holds the serial; used when !has_volume_serial */
} TaiouProbeWinvolOptions;

TaiouHostSnapshot *taiou_probe_winvol_run (const char                     *root,
                                           const TaiouProbeWinvolOptions  *options,
                                           GCancellable                   *cancellable,
                                           GError                        **error);

G_END_DECLS
