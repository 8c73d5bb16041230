/* taiou-scan-task-row.h — one check on the scan step: its progress, then its result */
#pragma once

#include <adwaita.h>

#include "taiou.h"

G_BEGIN_DECLS

#define TAIOU_TYPE_SCAN_TASK_ROW (taiou_scan_task_row_get_type ())
G_DECLARE_FINAL_TYPE (TaiouScanTaskRow, taiou_scan_task_row, TAIOU, SCAN_TASK_ROW, AdwBin)

GtkWidget    *taiou_scan_task_row_new            (void);
GCancellable *taiou_scan_task_row_begin          (TaiouScanTaskRow        *self,
                                                  const char              *title);
void          taiou_scan_task_row_set_progress   (TaiouScanTaskRow        *self,
                                                  const TaiouScanProgress *progress);
void          taiou_scan_task_row_show_result    (TaiouScanTaskRow        *self,
                                                  gboolean                 suspected,
                                                  const char              *headline,
                                                  const char              *summary,
                                                  GPtrArray               *findings);
void          taiou_scan_task_row_set_details    (TaiouScanTaskRow        *self,
                                                  const char              *title,
                                                  GPtrArray               *lines);
void          taiou_scan_task_row_show_below_result (TaiouScanTaskRow     *self,
                                                     GtkWidget            *widget);
void          taiou_scan_task_row_show_error     (TaiouScanTaskRow        *self,
                                                  const char              *message);
void          taiou_scan_task_row_show_cancelled (TaiouScanTaskRow        *self);
gboolean      taiou_scan_task_row_get_running    (TaiouScanTaskRow        *self);
const char   *taiou_scan_task_row_get_state      (TaiouScanTaskRow        *self);
guint         taiou_scan_task_row_get_n_findings (TaiouScanTaskRow        *self);
void          taiou_scan_task_row_cancel         (TaiouScanTaskRow        *self);

G_END_DECLS
