/* taiou-wizard-page.h — the base of every wizard step (derive it; one folder per step) */
#pragma once

#include <adwaita.h>

#include "taiou.h"

G_BEGIN_DECLS

#define TAIOU_TYPE_WIZARD_PAGE (taiou_wizard_page_get_type ())
G_DECLARE_DERIVABLE_TYPE (TaiouWizardPage, taiou_wizard_page, TAIOU, WIZARD_PAGE, AdwBin)

struct _TaiouWizardPageClass
{
  AdwBinClass parent_class;

  /* Saves what the page collected (the wizard calls it on "Next"); the default does nothing. */
  void     (*apply_async)  (TaiouWizardPage      *self,
                            GCancellable         *cancellable,
                            GAsyncReadyCallback   callback,
                            gpointer              user_data);
  gboolean (*apply_finish) (TaiouWizardPage      *self,
                            GAsyncResult         *result,
                            GError              **error);
  /* The page became the visible one; refresh anything that depends on earlier steps. */
  void     (*shown)        (TaiouWizardPage      *self);

  gpointer padding[8];
};

const char    *taiou_wizard_page_get_title     (TaiouWizardPage      *self);
void           taiou_wizard_page_set_title     (TaiouWizardPage      *self,
                                                const char           *title);
gboolean       taiou_wizard_page_get_complete  (TaiouWizardPage      *self);
void           taiou_wizard_page_set_complete  (TaiouWizardPage      *self,
                                                gboolean              complete);
gboolean       taiou_wizard_page_get_skippable (TaiouWizardPage      *self);
void           taiou_wizard_page_set_skippable (TaiouWizardPage      *self,
                                                gboolean              skippable);
TaiouCase     *taiou_wizard_page_get_case      (TaiouWizardPage      *self);
void           taiou_wizard_page_set_case      (TaiouWizardPage      *self,
                                                TaiouCase            *case_at_hand);
TaiouTimeline *taiou_wizard_page_get_timeline  (TaiouWizardPage      *self);
TaiouIncident *taiou_wizard_page_get_incident  (TaiouWizardPage      *self);

void           taiou_wizard_page_apply_async   (TaiouWizardPage      *self,
                                                GCancellable         *cancellable,
                                                GAsyncReadyCallback   callback,
                                                gpointer              user_data);
gboolean       taiou_wizard_page_apply_finish  (TaiouWizardPage      *self,
                                                GAsyncResult         *result,
                                                GError              **error);
void           taiou_wizard_page_shown         (TaiouWizardPage      *self);

G_END_DECLS
