/* taiou-notify-page.h — step 5: warn partners before the fake mails reach them */
#pragma once

#include "../../taiou-wizard-page.h"

G_BEGIN_DECLS

#define TAIOU_TYPE_NOTIFY_PAGE (taiou_notify_page_get_type ())
G_DECLARE_FINAL_TYPE (TaiouNotifyPage, taiou_notify_page, TAIOU, NOTIFY_PAGE, TaiouWizardPage)

G_END_DECLS
