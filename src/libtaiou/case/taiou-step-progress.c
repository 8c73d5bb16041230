/* taiou-step-progress.c — which wizard steps an incident has done, skipped or not reached yet
 *
 * Read back from the incident's own events, so the wizard's step indicator, the resume point and
 * the report's summary all tell the same story after a restart:
 *   - "wizard.skipped" {step: S} is written when the worker presses Skip on S, just before
 *   - "wizard.step" {step: T}, written whenever the wizard moves to step T (Next, Skip or Back).
 * Moving forward from S leaves S done, or skipped when its Skip came just before; moving back
 * changes no state (what was done stays done) and only moves the resume point.  The step ids are
 * the caller's (the wizard's table), so this module knows no step by name.
 */
#define G_LOG_DOMAIN "taiou-case"

#include "config.h"

#include <json-glib/json-glib.h>

#include "taiou-event.h"
#include "taiou-event-kinds.h"
#include "taiou-incident.h"
#include "taiou-step-progress.h"

/* Returns: the index of @id in @step_ids, n_steps for the finished state, or -1. */
static int
step_index (const char * const *step_ids,
            guint               n_steps,
            const char         *id)
{
  if (id == NULL)
    return -1;
  if (g_strcmp0 (id, TAIOU_INCIDENT_STEP_FINISHED) == 0)
    return (int) n_steps;
  for (guint i = 0; i < n_steps; i++)
    if (g_strcmp0 (step_ids[i], id) == 0)
      return (int) i;
  return -1;
}

/* The "step" member of an event's detail, or NULL; a detail that is not a JSON object is none. */
static char *
dup_detail_step (TaiouEvent *event)
{
  g_autoptr(JsonNode) node = NULL;
  JsonObject *object;

  if (taiou_event_get_detail (event) == NULL)
    return NULL;
  node = json_from_string (taiou_event_get_detail (event), NULL);
  if (node == NULL || !JSON_NODE_HOLDS_OBJECT (node))
    return NULL;
  object = json_node_get_object (node);
  if (!json_object_has_member (object, TAIOU_EVENT_DETAIL_STEP))
    return NULL;
  return g_strdup (json_object_get_string_member_with_default (object, TAIOU_EVENT_DETAIL_STEP,
                                                               NULL));
}

/**
 * taiou_step_progress_new:
 * @step_ids: the steps' ids in order, NULL-terminated
 *
 * Returns: (transfer full): every step not yet done, the first one shown
 */
TaiouStepProgress *
taiou_step_progress_new (const char * const *step_ids)
{
  TaiouStepProgress *self = g_new0 (TaiouStepProgress, 1);

  g_return_val_if_fail (step_ids != NULL, NULL);

  self->n_steps = g_strv_length ((char **) step_ids);
  self->states = g_new0 (TaiouStepState, MAX (self->n_steps, 1));
  return self;
}

/**
 * taiou_step_progress_read:
 * @step_ids: the steps' ids in order, NULL-terminated
 * @events: (element-type TaiouEvent): one incident's events, oldest first
 *
 * Events of other kinds and unknown steps are ignored, so an older or newer wizard's record still
 * reads.
 *
 * Returns: (transfer full): the progress those events record
 */
TaiouStepProgress *
taiou_step_progress_read (const char * const *step_ids,
                          GPtrArray          *events)
{
  TaiouStepProgress *self = taiou_step_progress_new (step_ids);
  int skipped = -1;  /* the step whose Skip was the last thing recorded */

  g_return_val_if_fail (events != NULL, self);

  for (guint i = 0; i < events->len; i++)
    {
      TaiouEvent *event = events->pdata[i];
      const char *kind = taiou_event_get_kind (event);
      g_autofree char *step = NULL;
      int index;

      if (g_strcmp0 (kind, TAIOU_EVENT_WIZARD_SKIPPED) == 0)
        {
          step = dup_detail_step (event);
          skipped = step_index (step_ids, self->n_steps, step);
          continue;
        }
      if (g_strcmp0 (kind, TAIOU_EVENT_WIZARD_STEP) != 0)
        continue;
      step = dup_detail_step (event);
      index = step_index (step_ids, self->n_steps, step);
      if (index < 0)
        continue;
      if ((guint) index > self->last_shown)
        taiou_step_progress_leave (self, self->last_shown, skipped == (int) self->last_shown);
      self->last_shown = (guint) index;
      skipped = -1;
    }
  return self;
}

void
taiou_step_progress_free (TaiouStepProgress *self)
{
  if (self == NULL)
    return;
  g_free (self->states);
  g_free (self);
}

/* Records that @step was left forward, by Skip when @skipped. */
void
taiou_step_progress_leave (TaiouStepProgress *self,
                           guint              step,
                           gboolean           skipped)
{
  g_return_if_fail (self != NULL);
  g_return_if_fail (step < self->n_steps);

  self->states[step] = skipped ? TAIOU_STEP_SKIPPED : TAIOU_STEP_DONE;
}

guint
taiou_step_progress_count (TaiouStepProgress *self,
                           TaiouStepState     state)
{
  guint count = 0;

  g_return_val_if_fail (self != NULL, 0);

  for (guint i = 0; i < self->n_steps; i++)
    if (self->states[i] == state)
      count++;
  return count;
}
