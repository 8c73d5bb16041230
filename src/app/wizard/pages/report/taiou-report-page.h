/* taiou-report-page.h — step 6: what was done, the APPI deadlines, whom to call, the hand-over */
#pragma once

#include "../../taiou-wizard-page.h"

G_BEGIN_DECLS

#define TAIOU_TYPE_REPORT_PAGE (taiou_report_page_get_type ())
G_DECLARE_FINAL_TYPE (TaiouReportPage, taiou_report_page, TAIOU, REPORT_PAGE, TaiouWizardPage)

void        taiou_report_page_set_discovered (TaiouReportPage *self,
                                              GDateTime       *discovered);
GDateTime  *taiou_report_page_get_discovered (TaiouReportPage *self);
void        taiou_report_page_set_save_file  (TaiouReportPage *self,
                                              GFile           *file);

G_END_DECLS
