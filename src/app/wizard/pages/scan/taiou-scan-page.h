/* taiou-scan-page.h — step 3: check for infection (the mail, the Windows disk, reports, here) */
#pragma once

#include "../../taiou-wizard-page.h"

G_BEGIN_DECLS

#define TAIOU_TYPE_SCAN_PAGE (taiou_scan_page_get_type ())
G_DECLARE_FINAL_TYPE (TaiouScanPage, taiou_scan_page, TAIOU, SCAN_PAGE, TaiouWizardPage)

/* What the buttons and choosers start, callable by the tests with a path. */
void        taiou_scan_page_check_windows_disk (TaiouScanPage *self,
                                                const char    *root);
void        taiou_scan_page_import_emocheck    (TaiouScanPage *self,
                                                const char    *path);
void        taiou_scan_page_check_computer     (TaiouScanPage *self);
GtkWidget  *taiou_scan_page_get_task_row       (TaiouScanPage *self,
                                                const char    *kind);

G_END_DECLS
