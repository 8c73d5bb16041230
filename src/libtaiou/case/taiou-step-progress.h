/* taiou-step-progress.h — which wizard steps an incident has done, skipped or not reached yet */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef enum
{
  TAIOU_STEP_NOT_YET,  /* not left yet, by Next or Skip */
  TAIOU_STEP_DONE,     /* left with Next: the page's work was done */
  TAIOU_STEP_SKIPPED,  /* left with Skip: nothing says the work was done */
} TaiouStepState;

typedef struct
{
  guint           n_steps;
  TaiouStepState *states;     /* n_steps of them, in step order */
  guint           last_shown; /* the step shown last; n_steps once the response finished */
} TaiouStepProgress;

TaiouStepProgress *taiou_step_progress_new        (const char * const *step_ids);
TaiouStepProgress *taiou_step_progress_read       (const char * const *step_ids,
                                                   GPtrArray          *events);
void               taiou_step_progress_free       (TaiouStepProgress  *self);
void               taiou_step_progress_leave      (TaiouStepProgress  *self,
                                                   guint               step,
                                                   gboolean            skipped);
guint              taiou_step_progress_count      (TaiouStepProgress  *self,
                                                   TaiouStepState      state);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (TaiouStepProgress, taiou_step_progress_free)

G_END_DECLS
