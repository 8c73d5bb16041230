/* taiou-wizard-closing.h — the calm end of the worker's response: done, remaining, whom to call */
#pragma once

#include <adwaita.h>

#include "taiou.h"

G_BEGIN_DECLS

#define TAIOU_TYPE_WIZARD_CLOSING (taiou_wizard_closing_get_type ())
G_DECLARE_FINAL_TYPE (TaiouWizardClosing, taiou_wizard_closing, TAIOU, WIZARD_CLOSING, AdwBin)

TaiouCase  *taiou_wizard_closing_get_case       (TaiouWizardClosing *self);
void        taiou_wizard_closing_set_case       (TaiouWizardClosing *self,
                                                 TaiouCase          *case_at_hand);
void        taiou_wizard_closing_show_incident  (TaiouWizardClosing *self,
                                                 TaiouIncident      *incident);
guint       taiou_wizard_closing_get_n_done     (TaiouWizardClosing *self);
guint       taiou_wizard_closing_get_n_remaining (TaiouWizardClosing *self);

G_END_DECLS
