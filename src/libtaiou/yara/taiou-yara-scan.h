/* taiou-yara-scan.h — one thread's YARA scanner: bytes already read in, findings out */
#pragma once

#include <gio/gio.h>

#include "taiou-yara-rules.h"

G_BEGIN_DECLS

/* Loki-RS's default for a rule without a `score` meta. */
#define TAIOU_YARA_DEFAULT_SCORE 70
/* Seconds one file may take, as `yara --timeout`; a file that takes longer is listed. */
#define TAIOU_YARA_DEFAULT_TIMEOUT 10
/* Bytes of one file YARA sees whole; of a larger file it sees the first MiB and its real size,
 * enough for header rules and padded programs (taiou-file-digest.h). */
#define TAIOU_YARA_DEFAULT_MAX_SCAN_BYTES (32 * 1024 * 1024)

/* Not thread-safe: one per thread, over rules that all threads share. */
typedef struct _TaiouYaraScanner TaiouYaraScanner;

TaiouYaraScanner *taiou_yara_scanner_new  (TaiouYaraRules   *rules,
                                           guint             timeout_seconds,
                                           GError          **error);
void              taiou_yara_scanner_free (TaiouYaraScanner *self);
gboolean          taiou_yara_scanner_scan (TaiouYaraScanner *self,
                                           const char       *object,
                                           const guint8     *data,
                                           gsize             length,
                                           guint64           file_size,
                                           const char       *sha256,
                                           GPtrArray        *findings,
                                           GError          **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (TaiouYaraScanner, taiou_yara_scanner_free)

G_END_DECLS
