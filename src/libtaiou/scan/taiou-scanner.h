/* taiou-scanner.h — walks files in parallel and matches them against the IOC set */
#pragma once

#include <gio/gio.h>

#include "taiou-ioc-set.h"
#include "taiou-scan-exclusions.h"
#include "taiou-yara-rules.h"

G_BEGIN_DECLS

/* What a scan has done so far; reported at most ten times a second. */
typedef struct
{
  guint64     n_files;       /* regular files examined */
  guint64     n_bytes;       /* bytes read for hashing */
  const char *current_path;  /* the file being queued */
} TaiouScanProgress;

/* Called in the thread that runs the scan (a worker thread for the async API). */
typedef void (*TaiouScanProgressFunc) (const TaiouScanProgress *progress,
                                       gpointer                 user_data);

#define TAIOU_TYPE_SCAN_RESULT (taiou_scan_result_get_type ())

typedef struct
{
  GPtrArray *findings;    /* TaiouFinding, highest score first */
  guint64    n_files;     /* regular files examined */
  guint64    n_hashed;    /* of those, hashed */
  guint64    n_bytes;     /* bytes read for hashing */
  guint64    n_skipped;   /* not regular files (links, devices, FIFOs) or over the size limit */
  GPtrArray *unreadable;  /* "path: reason", for files and folders that could not be read */
  guint64    n_excluded;  /* files and folders left out by the exclusions (a folder once) */
  char      *hostname;    /* the computer scanned when not this one (a Windows volume's own
                           * name, from its SYSTEM hive); else NULL */
  guint64    n_yara;       /* files the YARA rules looked at */
  guint      n_yara_rules; /* rules they were matched against; 0 when YARA was off */
} TaiouScanResult;

GType            taiou_scan_result_get_type (void) G_GNUC_CONST;
TaiouScanResult *taiou_scan_result_ref      (TaiouScanResult *result);
void             taiou_scan_result_unref    (TaiouScanResult *result);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (TaiouScanResult, taiou_scan_result_unref)

#define TAIOU_SCANNER_DEFAULT_MAX_FILE_SIZE (256 * 1024 * 1024)

#define TAIOU_TYPE_SCANNER (taiou_scanner_get_type ())
G_DECLARE_FINAL_TYPE (TaiouScanner, taiou_scanner, TAIOU, SCANNER, GObject)

TaiouScanner    *taiou_scanner_new                (TaiouIocSet            *iocs);
TaiouIocSet     *taiou_scanner_get_iocs           (TaiouScanner           *self);
void             taiou_scanner_set_max_file_size  (TaiouScanner           *self,
                                                   guint64                 max_file_size);
void             taiou_scanner_set_n_threads      (TaiouScanner           *self,
                                                   guint                   n_threads);
void             taiou_scanner_set_exclusions     (TaiouScanner           *self,
                                                   TaiouScanExclusions    *exclusions);
void             taiou_scanner_set_yara_rules     (TaiouScanner           *self,
                                                   TaiouYaraRules         *rules);
TaiouYaraRules  *taiou_scanner_get_yara_rules     (TaiouScanner           *self);
void             taiou_scanner_set_yara_limits    (TaiouScanner           *self,
                                                   guint                   timeout_seconds,
                                                   gsize                   max_scan_bytes);
TaiouScanResult *taiou_scanner_scan_paths         (TaiouScanner           *self,
                                                   const char * const     *paths,
                                                   TaiouScanProgressFunc   progress,
                                                   gpointer                progress_data,
                                                   GCancellable           *cancellable,
                                                   GError                **error);
void             taiou_scanner_scan_paths_async   (TaiouScanner           *self,
                                                   const char * const     *paths,
                                                   TaiouScanProgressFunc   progress,
                                                   gpointer                progress_data,
                                                   GCancellable           *cancellable,
                                                   GAsyncReadyCallback     callback,
                                                   gpointer                user_data);
TaiouScanResult *taiou_scanner_scan_paths_finish  (TaiouScanner           *self,
                                                   GAsyncResult           *result,
                                                   GError                **error);

G_END_DECLS
