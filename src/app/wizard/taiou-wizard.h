/* taiou-wizard.h — the worker's step-by-step guide: back / next / skip over the wizard pages */
#pragma once

#include <adwaita.h>

#include "taiou.h"
#include "taiou-wizard-page.h"

G_BEGIN_DECLS

#define TAIOU_TYPE_WIZARD (taiou_wizard_get_type ())
G_DECLARE_FINAL_TYPE (TaiouWizard, taiou_wizard, TAIOU, WIZARD, AdwBin)

TaiouWizard     *taiou_wizard_new              (void);
TaiouCase       *taiou_wizard_get_case         (TaiouWizard   *self);
void             taiou_wizard_set_case         (TaiouWizard   *self,
                                                TaiouCase     *case_at_hand);
TaiouIncident   *taiou_wizard_get_incident     (TaiouWizard   *self);
void             taiou_wizard_begin            (TaiouWizard   *self,
                                                TaiouIncident *incident);
TaiouWizardPage *taiou_wizard_get_current_page (TaiouWizard   *self);
guint            taiou_wizard_get_n_pages      (TaiouWizard   *self);
TaiouWizardPage *taiou_wizard_get_page         (TaiouWizard   *self,
                                                guint          index);

TaiouStepState   taiou_wizard_get_step_state   (TaiouWizard   *self,
                                                guint          index);

G_END_DECLS
