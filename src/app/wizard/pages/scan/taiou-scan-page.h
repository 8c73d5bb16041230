/* taiou-scan-page.h — step 3: check for infection (for now: was the mail dangerous?) */
#pragma once

#include "../../taiou-wizard-page.h"

G_BEGIN_DECLS

#define TAIOU_TYPE_SCAN_PAGE (taiou_scan_page_get_type ())
G_DECLARE_FINAL_TYPE (TaiouScanPage, taiou_scan_page, TAIOU, SCAN_PAGE, TaiouWizardPage)

G_END_DECLS
