/* taiou-triage-page.h — step 1: what happened, when, on which PC, who is reporting */
#pragma once

#include "../../taiou-wizard-page.h"

G_BEGIN_DECLS

#define TAIOU_TYPE_TRIAGE_PAGE (taiou_triage_page_get_type ())
G_DECLARE_FINAL_TYPE (TaiouTriagePage, taiou_triage_page, TAIOU, TRIAGE_PAGE, TaiouWizardPage)

/* Machine names of the answers to "what happened?", as stored in the timeline. */
#define TAIOU_TRIAGE_OPENED_ATTACHMENT "opened-attachment"
#define TAIOU_TRIAGE_ENABLED_MACROS    "enabled-macros"
#define TAIOU_TRIAGE_CLICKED_LINK      "clicked-link"
#define TAIOU_TRIAGE_RECEIVED_ONLY     "received-only"
#define TAIOU_TRIAGE_SPOOFED_REPORT    "spoofed-report"

const char *taiou_triage_page_get_what_happened (TaiouTriagePage *self);
gboolean    taiou_triage_page_set_what_happened (TaiouTriagePage *self,
                                                 const char      *what);
GDateTime  *taiou_triage_page_get_when          (TaiouTriagePage *self);
void        taiou_triage_page_set_when          (TaiouTriagePage *self,
                                                 GDateTime       *when);

G_END_DECLS
