/* taiou-system-scan.h — a whole computer checked: probe, rules and the file walk together */
#pragma once

#include <gio/gio.h>
#include <json-glib/json-glib.h>

#include "taiou-host-snapshot.h"
#include "taiou-scanner.h"

G_BEGIN_DECLS

typedef struct
{
  const char *windows_volume;     /* nullable: a mounted Windows system volume to check
                                     instead of this running system */
  const char *volume_image;       /* nullable: the image or device whose boot sector holds
                                     the volume serial */
  gboolean    has_volume_serial;  /* the serial was given (e.g. read off `vol C:`) */
  guint32     volume_serial;
} TaiouSystemScanOptions;

TaiouScanResult *taiou_system_scan        (TaiouScanner                  *scanner,
                                           const TaiouSystemScanOptions  *options,
                                           const char * const            *extra_paths,
                                           TaiouScanProgressFunc          progress,
                                           gpointer                       progress_data,
                                           TaiouHostSnapshot            **snapshot_out,
                                           GCancellable                  *cancellable,
                                           GError                       **error);

void             taiou_system_scan_async  (TaiouScanner                  *scanner,
                                           const TaiouSystemScanOptions  *options,
                                           const char * const            *extra_paths,
                                           TaiouScanProgressFunc          progress,
                                           gpointer                       progress_data,
                                           GCancellable                  *cancellable,
                                           GAsyncReadyCallback            callback,
                                           gpointer                       user_data);
TaiouScanResult *taiou_system_scan_finish (TaiouScanner                  *scanner,
                                           GAsyncResult                  *result,
                                           TaiouHostSnapshot            **snapshot_out,
                                           GError                       **error);

JsonObject      *taiou_scan_result_to_json (TaiouScanResult              *result,
                                            const char                   *target);

G_END_DECLS
