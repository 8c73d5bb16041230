/* taiou-pending-page.h — stands in for a wizard step that is not built yet */
#pragma once

#include "taiou-wizard-page.h"

G_BEGIN_DECLS

#define TAIOU_TYPE_PENDING_PAGE (taiou_pending_page_get_type ())
G_DECLARE_FINAL_TYPE (TaiouPendingPage, taiou_pending_page, TAIOU, PENDING_PAGE, TaiouWizardPage)

G_END_DECLS
