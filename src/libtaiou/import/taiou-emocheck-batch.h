/* taiou-emocheck-batch.h — one EmoCheck report, or a folder of them, read off a USB stick */
#pragma once

#include "taiou-import-emocheck.h"
#include "taiou-scanner.h"

G_BEGIN_DECLS

/* Limits for a folder someone brought: EmoCheck writes one small file per run. */
#define TAIOU_EMOCHECK_BATCH_MAX_REPORTS  1000
#define TAIOU_EMOCHECK_BATCH_MAX_ENTRIES  20000
#define TAIOU_EMOCHECK_BATCH_MAX_DEPTH    4

typedef struct
{
  GPtrArray *reports;   /* TaiouEmocheckReport, in the order of their paths */
  GPtrArray *paths;     /* the file each report came from */
  GPtrArray *problems;  /* "path: why", for report files that could not be read */
  guint64    n_bytes;   /* bytes read */
  gboolean   truncated; /* a limit above was reached; the rest was not looked at */
} TaiouEmocheckBatch;

void                taiou_emocheck_batch_free        (TaiouEmocheckBatch     *batch);
gboolean            taiou_emocheck_batch_is_report_name (const char          *name);
guint               taiou_emocheck_batch_n_infected  (TaiouEmocheckBatch     *batch);
TaiouEmocheckBatch *taiou_emocheck_batch_load        (const char             *path,
                                                      TaiouScanProgressFunc   progress,
                                                      gpointer                progress_data,
                                                      GCancellable           *cancellable,
                                                      GError                **error);
void                taiou_emocheck_batch_load_async  (const char             *path,
                                                      TaiouScanProgressFunc   progress,
                                                      gpointer                progress_data,
                                                      GCancellable           *cancellable,
                                                      GAsyncReadyCallback     callback,
                                                      gpointer                user_data);
TaiouEmocheckBatch *taiou_emocheck_batch_load_finish (GAsyncResult           *result,
                                                      GError                **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (TaiouEmocheckBatch, taiou_emocheck_batch_free)

G_END_DECLS
