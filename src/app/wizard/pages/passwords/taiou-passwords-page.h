/* taiou-passwords-page.h — step 4: change the passwords the malware may have taken */
#pragma once

#include "../../taiou-wizard-page.h"

G_BEGIN_DECLS

#define TAIOU_TYPE_PASSWORDS_PAGE (taiou_passwords_page_get_type ())
G_DECLARE_FINAL_TYPE (TaiouPasswordsPage, taiou_passwords_page, TAIOU, PASSWORDS_PAGE,
                      TaiouWizardPage)

G_END_DECLS
