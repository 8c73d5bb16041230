/* taiou-progress-relay.h — a worker thread's progress, delivered to the main loop at a calm rate */
#pragma once

#include "taiou-scanner.h"

G_BEGIN_DECLS

typedef struct _TaiouProgressRelay TaiouProgressRelay;

#define TAIOU_PROGRESS_RELAY_INTERVAL_MS 100

TaiouProgressRelay *taiou_progress_relay_new   (TaiouScanProgressFunc     deliver,
                                                gpointer                  user_data);
TaiouProgressRelay *taiou_progress_relay_ref   (TaiouProgressRelay       *relay);
void                taiou_progress_relay_unref (TaiouProgressRelay       *relay);
void                taiou_progress_relay_push  (const TaiouScanProgress  *progress,
                                                gpointer                  relay);
void                taiou_progress_relay_stop  (TaiouProgressRelay       *relay);
guint               taiou_progress_relay_get_n_delivered (TaiouProgressRelay *relay);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (TaiouProgressRelay, taiou_progress_relay_unref)

G_END_DECLS
