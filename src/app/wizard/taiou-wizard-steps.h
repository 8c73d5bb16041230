/* taiou-wizard-steps.h — the wizard's steps, in order, in one table */
#pragma once

#include "taiou.h"

G_BEGIN_DECLS

/* The step an incident records once the wizard went through every step. */
#define TAIOU_WIZARD_STEP_FINISHED TAIOU_INCIDENT_STEP_FINISHED

typedef struct
{
  const char *id;               /* stored as the incident's step, so never renamed */
  const char *title;            /* N_() — translate when shown */
  GType     (*get_type) (void); /* NULL while the step is not built yet */
} TaiouWizardStep;

const TaiouWizardStep *taiou_wizard_steps_get    (guint      *n_steps);
int                    taiou_wizard_steps_lookup (const char *id);

G_END_DECLS
