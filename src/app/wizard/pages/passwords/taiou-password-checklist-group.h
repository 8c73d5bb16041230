/* taiou-password-checklist-group.h — the passwords to change, each marked changed or not used */
#pragma once

#include <adwaita.h>

#include "taiou.h"

G_BEGIN_DECLS

#define TAIOU_TYPE_PASSWORD_CHECKLIST_GROUP (taiou_password_checklist_group_get_type ())
G_DECLARE_FINAL_TYPE (TaiouPasswordChecklistGroup, taiou_password_checklist_group,
                      TAIOU, PASSWORD_CHECKLIST_GROUP, AdwBin)

void taiou_password_checklist_group_set_checklist (TaiouPasswordChecklistGroup *self,
                                                   TaiouPasswordChecklist      *checklist);
void taiou_password_checklist_group_refresh       (TaiouPasswordChecklistGroup *self);
void taiou_password_checklist_group_entry_done    (TaiouPasswordChecklistGroup *self,
                                                   gboolean                     added);

G_END_DECLS
