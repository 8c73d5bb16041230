/* taiou-wizard.c — the worker's step-by-step guide
 *
 * A GtkStack of TaiouWizardPages with back / next / skip, like gnome-initial-setup's assistant.
 * "Next" applies the page asynchronously (it may write to the timeline) and can be cancelled; the
 * incident remembers which step it reached, so the wizard resumes there after a crash or a
 * restart.
 */
#define G_LOG_DOMAIN "taiou-wizard"

#include "config.h"

#include <glib/gi18n.h>

#include "taiou-pending-page.h"
#include "taiou-wizard.h"
#include "taiou-wizard-steps.h"

struct _TaiouWizard
{
  AdwBin         parent_instance;

  GtkBox        *step_indicator;
  GtkStack      *stack;
  GtkButton     *next_button;
  GtkButton     *skip_button;
  GtkSpinner    *spinner;

  GPtrArray     *pages;          /* TaiouWizardPage, in step order */
  GPtrArray     *indicators;     /* GtkWidget, one per step */
  GStrv          step_ids;       /* the steps' ids in order, for TaiouStepProgress */
  TaiouStepProgress *progress;   /* done, skipped or not yet, per step */
  guint          current;
  TaiouCase     *case_at_hand;   /* the incident at hand is the one the wizard handles */
  GCancellable  *apply_cancellable; /* non-NULL while a page applies */
};

G_DEFINE_FINAL_TYPE (TaiouWizard, taiou_wizard, ADW_TYPE_BIN)

enum {
  PROP_0,
  PROP_CASE,
  PROP_INCIDENT,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

enum {
  FINISHED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static TaiouWizardPage *
current_page (TaiouWizard *self)
{
  return g_ptr_array_index (self->pages, self->current);
}

static gboolean
is_last_page (TaiouWizard *self)
{
  return self->current + 1 == self->pages->len;
}

static void
update_actions (TaiouWizard *self)
{
  TaiouWizardPage *page = current_page (self);
  gboolean applying = self->apply_cancellable != NULL;
  GtkWidget *widget = GTK_WIDGET (self);

  gtk_widget_action_set_enabled (widget, "wizard.back", !applying && self->current > 0);
  gtk_widget_action_set_enabled (widget, "wizard.next",
                                 !applying && taiou_wizard_page_get_complete (page));
  gtk_widget_action_set_enabled (widget, "wizard.skip",
                                 !applying && taiou_wizard_page_get_skippable (page));
  gtk_widget_action_set_enabled (widget, "wizard.cancel", applying);
  gtk_widget_set_visible (GTK_WIDGET (self->skip_button), taiou_wizard_page_get_skippable (page));

  gtk_spinner_set_spinning (self->spinner, applying);
  gtk_widget_set_visible (GTK_WIDGET (self->spinner), applying);
  gtk_button_set_label (self->next_button, is_last_page (self) ? _("_Finish") : _("_Next"));
}

static void
set_css_class (GtkWidget  *widget,
               const char *css_class,
               gboolean    set)
{
  if (set)
    gtk_widget_add_css_class (widget, css_class);
  else
    gtk_widget_remove_css_class (widget, css_class);
}

/* Done, skipped and not-yet steps look different and read differently to a screen reader: a
 * skipped step that turned green like a done one told a worker the network had been dealt with. */
static void
update_indicator (TaiouWizard *self)
{
  guint n_steps;
  const TaiouWizardStep *steps = taiou_wizard_steps_get (&n_steps);

  for (guint i = 0; i < self->indicators->len; i++)
    {
      GtkWidget *indicator = g_ptr_array_index (self->indicators, i);
      GtkWidget *number = gtk_widget_get_first_child (indicator);
      GtkWidget *icon = gtk_widget_get_next_sibling (number);
      TaiouStepState state = self->progress->states[i];
      g_autofree char *label = NULL;
      const char *state_text;

      if (i == self->current)
        state_text = _("current step");
      else if (state == TAIOU_STEP_DONE)
        state_text = _("done");
      else if (state == TAIOU_STEP_SKIPPED)
        state_text = _("skipped, not done");
      else
        state_text = _("not done yet");

      set_css_class (indicator, "current", i == self->current);
      set_css_class (indicator, "done", state == TAIOU_STEP_DONE);
      set_css_class (indicator, "skipped", state == TAIOU_STEP_SKIPPED);
      /* The circle shows the number, a tick when done, a skip sign when skipped. */
      gtk_widget_set_visible (number, i == self->current || state == TAIOU_STEP_NOT_YET);
      gtk_widget_set_visible (icon, !gtk_widget_get_visible (number));
      gtk_image_set_from_icon_name (GTK_IMAGE (icon), state == TAIOU_STEP_DONE
                                                        ? "object-select-symbolic"
                                                        : "media-skip-forward-symbolic");
      /* Translators: a step of the wizard for a screen reader: "Step 2, Disconnect: skipped, not done" */
      label = g_strdup_printf (_("Step %u, %s: %s"), i + 1, _(steps[i].title), state_text);
      gtk_accessible_update_property (GTK_ACCESSIBLE (indicator),
                                      GTK_ACCESSIBLE_PROPERTY_LABEL, label, -1);
      gtk_widget_set_tooltip_text (indicator, state == TAIOU_STEP_SKIPPED ? label : NULL);
    }
}

static void
show_page (TaiouWizard *self,
           guint        index)
{
  TaiouWizardPage *page;

  g_assert (index < self->pages->len);

  self->current = index;
  page = current_page (self);
  gtk_stack_set_visible_child (self->stack, GTK_WIDGET (page));
  update_indicator (self);
  update_actions (self);
  taiou_wizard_page_shown (page);
  /* Keyboard users start on the new page's first question, not on the button they pressed. */
  if (gtk_widget_get_root (GTK_WIDGET (self)) != NULL)
    gtk_widget_child_focus (GTK_WIDGET (page), GTK_DIR_TAB_FORWARD);
}

static void
show_error (TaiouWizard *self,
            const char  *heading,
            GError      *error)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  GtkWidget *dialog;

  g_warning ("%s: %s", heading, error->message);
  dialog = adw_message_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                   heading, error->message);
  adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close", _("_Close"));
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
case_incident_changed_cb (TaiouWizard *self)
{
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_INCIDENT]);
}

/* Records the step reached, so a restarted app resumes there; then shows it.  The step left
 * reads as skipped when @skipped (Skip), as done otherwise (Next). */
static void
advance (TaiouWizard *self,
         gboolean     skipped)
{
  guint n_steps;
  const TaiouWizardStep *steps = taiou_wizard_steps_get (&n_steps);
  gboolean last = is_last_page (self);
  const char *next_step = last ? TAIOU_WIZARD_STEP_FINISHED : steps[self->current + 1].id;

  if (taiou_wizard_get_incident (self) != NULL &&
      taiou_case_get_timeline (self->case_at_hand) != NULL)
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *summary = NULL;

      summary = last ? g_strdup (_("Went through every step"))
                     : g_strdup_printf (_("Moved on to step %u: %s"), self->current + 2,
                                        _(steps[self->current + 1].title));
      if (!taiou_case_record_step (self->case_at_hand, next_step, summary, &error))
        {
          show_error (self, _("Could not record your progress"), error);
          return;
        }
    }

  taiou_step_progress_leave (self->progress, self->current, skipped);
  if (is_last_page (self))
    {
      self->progress->last_shown = self->progress->n_steps;
      update_indicator (self);
      g_signal_emit (self, signals[FINISHED], 0);
    }
  else
    {
      self->progress->last_shown = self->current + 1;
      show_page (self, self->current + 1);
    }
}

static void
apply_cb (GObject      *source,
          GAsyncResult *result,
          gpointer      user_data)
{
  g_autoptr(TaiouWizard) self = user_data;
  TaiouWizardPage *page = TAIOU_WIZARD_PAGE (source);
  g_autoptr(GError) error = NULL;
  gboolean applied;

  applied = taiou_wizard_page_apply_finish (page, result, &error);
  g_clear_object (&self->apply_cancellable);
  update_actions (self);

  if (!applied)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        show_error (self, _("Could not save this step"), error);
      return;
    }

  /* The triage page made its incident the one at hand; every later page works on it. */
  advance (self, FALSE);
}

static void
wizard_next (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  TaiouWizard *self = TAIOU_WIZARD (widget);

  if (self->apply_cancellable != NULL || !taiou_wizard_page_get_complete (current_page (self)))
    return;

  self->apply_cancellable = g_cancellable_new ();
  update_actions (self);
  taiou_wizard_page_apply_async (current_page (self), self->apply_cancellable, apply_cb,
                                 g_object_ref (self));
}

/* Back is recorded like any move, so a restarted app returns to the step last shown rather than
 * to the furthest one reached; what was done stays done. */
static void
wizard_back (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  TaiouWizard *self = TAIOU_WIZARD (widget);
  guint n_steps;
  const TaiouWizardStep *steps = taiou_wizard_steps_get (&n_steps);
  guint previous;

  if (self->apply_cancellable != NULL || self->current == 0)
    return;
  previous = self->current - 1;

  /* The incident exists from the second step on; its first step is never shown again. */
  if (previous > 0 && taiou_wizard_get_incident (self) != NULL &&
      taiou_case_get_timeline (self->case_at_hand) != NULL)
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *summary = g_strdup_printf (_("Went back to step %u: %s"), previous + 1,
                                                  _(steps[previous].title));

      if (!taiou_case_record_step (self->case_at_hand, steps[previous].id, summary, &error))
        {
          show_error (self, _("Could not record your progress"), error);
          return;
        }
    }
  self->progress->last_shown = previous;
  show_page (self, previous);
}

static void
wizard_skip (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  TaiouWizard *self = TAIOU_WIZARD (widget);
  TaiouWizardPage *page = current_page (self);

  if (self->apply_cancellable != NULL || !taiou_wizard_page_get_skippable (page))
    return;

  if (taiou_wizard_get_incident (self) != NULL &&
      taiou_case_get_timeline (self->case_at_hand) != NULL)
    {
      g_autoptr(JsonObject) detail = json_object_new ();
      g_autoptr(GError) error = NULL;
      g_autofree char *summary = NULL;
      guint n_steps;

      json_object_set_string_member (detail, TAIOU_EVENT_DETAIL_STEP,
                                     taiou_wizard_steps_get (&n_steps)[self->current].id);
      summary = g_strdup_printf (_("Skipped the step “%s”"), taiou_wizard_page_get_title (page));
      if (!taiou_case_record_answer (self->case_at_hand, TAIOU_EVENT_WIZARD_SKIPPED, summary,
                                     detail, &error))
        {
          show_error (self, _("Could not record your progress"), error);
          return;
        }
    }

  advance (self, TRUE);
}

static void
wizard_cancel (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  TaiouWizard *self = TAIOU_WIZARD (widget);

  g_cancellable_cancel (self->apply_cancellable);
}

static void
page_state_changed_cb (TaiouWizard *self)
{
  update_actions (self);
}

static GtkWidget *
create_indicator (guint       number,
                  const char *title)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 4);
  g_autofree char *number_text = g_strdup_printf ("%u", number);
  GtkWidget *number_label = gtk_label_new (number_text);
  GtkWidget *title_label = gtk_label_new (title);
  GtkWidget *state_icon = gtk_image_new ();

  gtk_widget_add_css_class (box, "wizard-step");
  gtk_widget_add_css_class (state_icon, "wizard-step-number");
  gtk_widget_set_halign (state_icon, GTK_ALIGN_CENTER);
  gtk_widget_set_visible (state_icon, FALSE);
  gtk_widget_add_css_class (number_label, "wizard-step-number");
  gtk_widget_set_halign (number_label, GTK_ALIGN_CENTER);
  gtk_label_set_wrap (GTK_LABEL (title_label), TRUE);
  gtk_label_set_justify (GTK_LABEL (title_label), GTK_JUSTIFY_CENTER);
  gtk_widget_add_css_class (title_label, "caption");
  gtk_box_append (GTK_BOX (box), number_label);
  gtk_box_append (GTK_BOX (box), state_icon);
  gtk_box_append (GTK_BOX (box), title_label);
  return box;
}

static void
taiou_wizard_dispose (GObject *object)
{
  TaiouWizard *self = TAIOU_WIZARD (object);

  g_cancellable_cancel (self->apply_cancellable);
  g_clear_object (&self->apply_cancellable);
  gtk_widget_dispose_template (GTK_WIDGET (self), TAIOU_TYPE_WIZARD);
  g_clear_pointer (&self->pages, g_ptr_array_unref);
  g_clear_pointer (&self->indicators, g_ptr_array_unref);
  if (self->case_at_hand != NULL)
    g_signal_handlers_disconnect_by_func (self->case_at_hand, case_incident_changed_cb, self);
  g_clear_object (&self->case_at_hand);

  G_OBJECT_CLASS (taiou_wizard_parent_class)->dispose (object);
}

static void
taiou_wizard_finalize (GObject *object)
{
  TaiouWizard *self = TAIOU_WIZARD (object);

  g_strfreev (self->step_ids);
  taiou_step_progress_free (self->progress);

  G_OBJECT_CLASS (taiou_wizard_parent_class)->finalize (object);
}

static void
taiou_wizard_get_property (GObject    *object,
                           guint       prop_id,
                           GValue     *value,
                           GParamSpec *pspec)
{
  TaiouWizard *self = TAIOU_WIZARD (object);

  switch (prop_id)
    {
    case PROP_CASE:
      g_value_set_object (value, self->case_at_hand);
      break;
    case PROP_INCIDENT:
      g_value_set_object (value, taiou_wizard_get_incident (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
taiou_wizard_set_property (GObject      *object,
                           guint         prop_id,
                           const GValue *value,
                           GParamSpec   *pspec)
{
  TaiouWizard *self = TAIOU_WIZARD (object);

  switch (prop_id)
    {
    case PROP_CASE:
      taiou_wizard_set_case (self, g_value_get_object (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
taiou_wizard_class_init (TaiouWizardClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = taiou_wizard_dispose;
  object_class->finalize = taiou_wizard_finalize;
  object_class->get_property = taiou_wizard_get_property;
  object_class->set_property = taiou_wizard_set_property;

  properties[PROP_CASE] =
    g_param_spec_object ("case", NULL, NULL, TAIOU_TYPE_CASE,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_INCIDENT] =
    g_param_spec_object ("incident", NULL, NULL, TAIOU_TYPE_INCIDENT,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /* Emitted when the last step has been applied or skipped. */
  signals[FINISHED] = g_signal_new ("finished", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                    0, NULL, NULL, NULL, G_TYPE_NONE, 0);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/taiou/Taiou/taiou-wizard.ui");
  gtk_widget_class_bind_template_child (widget_class, TaiouWizard, step_indicator);
  gtk_widget_class_bind_template_child (widget_class, TaiouWizard, stack);
  gtk_widget_class_bind_template_child (widget_class, TaiouWizard, next_button);
  gtk_widget_class_bind_template_child (widget_class, TaiouWizard, skip_button);
  gtk_widget_class_bind_template_child (widget_class, TaiouWizard, spinner);

  gtk_widget_class_install_action (widget_class, "wizard.back", NULL, wizard_back);
  gtk_widget_class_install_action (widget_class, "wizard.next", NULL, wizard_next);
  gtk_widget_class_install_action (widget_class, "wizard.skip", NULL, wizard_skip);
  gtk_widget_class_install_action (widget_class, "wizard.cancel", NULL, wizard_cancel);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Left, GDK_ALT_MASK,
                                       "wizard.back", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Right, GDK_ALT_MASK,
                                       "wizard.next", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "wizard.cancel", NULL);

  g_type_ensure (TAIOU_TYPE_PENDING_PAGE);
}

static void
taiou_wizard_init (TaiouWizard *self)
{
  const TaiouWizardStep *steps;
  guint n_steps;

  gtk_widget_init_template (GTK_WIDGET (self));

  self->pages = g_ptr_array_new ();
  self->indicators = g_ptr_array_new ();

  steps = taiou_wizard_steps_get (&n_steps);
  self->step_ids = g_new0 (char *, n_steps + 1);
  for (guint i = 0; i < n_steps; i++)
    self->step_ids[i] = g_strdup (steps[i].id);
  self->progress = taiou_step_progress_new ((const char * const *) self->step_ids);
  for (guint i = 0; i < n_steps; i++)
    {
      GType type = steps[i].get_type != NULL ? steps[i].get_type () : TAIOU_TYPE_PENDING_PAGE;
      TaiouWizardPage *page = g_object_new (type, "title", _(steps[i].title), NULL);
      GtkWidget *indicator = create_indicator (i + 1, _(steps[i].title));

      gtk_stack_add_named (self->stack, GTK_WIDGET (page), steps[i].id);
      g_ptr_array_add (self->pages, page);
      g_signal_connect_object (page, "notify::complete", G_CALLBACK (page_state_changed_cb),
                               self, G_CONNECT_SWAPPED);
      g_signal_connect_object (page, "notify::skippable", G_CALLBACK (page_state_changed_cb),
                               self, G_CONNECT_SWAPPED);

      gtk_box_append (self->step_indicator, indicator);
      g_ptr_array_add (self->indicators, indicator);
    }

  show_page (self, 0);
}

TaiouWizard *
taiou_wizard_new (void)
{
  return g_object_new (TAIOU_TYPE_WIZARD, NULL);
}

TaiouCase *
taiou_wizard_get_case (TaiouWizard *self)
{
  g_return_val_if_fail (TAIOU_IS_WIZARD (self), NULL);
  return self->case_at_hand;
}

/* Hands @case_at_hand to every page, as gnome-initial-setup hands each page its driver. */
void
taiou_wizard_set_case (TaiouWizard *self,
                       TaiouCase   *case_at_hand)
{
  g_return_if_fail (TAIOU_IS_WIZARD (self));
  g_return_if_fail (case_at_hand == NULL || TAIOU_IS_CASE (case_at_hand));

  if (self->case_at_hand == case_at_hand)
    return;
  if (self->case_at_hand != NULL)
    g_signal_handlers_disconnect_by_func (self->case_at_hand, case_incident_changed_cb, self);
  g_set_object (&self->case_at_hand, case_at_hand);
  if (case_at_hand != NULL)
    g_signal_connect_swapped (case_at_hand, "notify::incident",
                              G_CALLBACK (case_incident_changed_cb), self);
  for (guint i = 0; i < self->pages->len; i++)
    taiou_wizard_page_set_case (g_ptr_array_index (self->pages, i), case_at_hand);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CASE]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_INCIDENT]);
}

/* Returns: (transfer none) (nullable): the incident the wizard handles: the one at hand */
TaiouIncident *
taiou_wizard_get_incident (TaiouWizard *self)
{
  g_return_val_if_fail (TAIOU_IS_WIZARD (self), NULL);
  return self->case_at_hand != NULL ? taiou_case_get_incident (self->case_at_hand) : NULL;
}

/**
 * taiou_wizard_begin:
 * @incident: (nullable): an unfinished incident to resume, or NULL to start a new one
 *
 * Starts over at the triage step, or resumes @incident at the step it reached.
 */
void
taiou_wizard_begin (TaiouWizard   *self,
                    TaiouIncident *incident)
{
  guint index = 0;

  g_return_if_fail (TAIOU_IS_WIZARD (self));
  g_return_if_fail (incident == NULL || TAIOU_IS_INCIDENT (incident));

  g_cancellable_cancel (self->apply_cancellable);
  if (self->case_at_hand != NULL)
    taiou_case_set_incident (self->case_at_hand, incident);

  g_clear_pointer (&self->progress, taiou_step_progress_free);
  if (incident != NULL && taiou_case_get_timeline (self->case_at_hand) != NULL)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(GPtrArray) events = NULL;

      events = taiou_timeline_list_events (taiou_case_get_timeline (self->case_at_hand),
                                           taiou_incident_get_id (incident), &error);
      if (events != NULL)
        self->progress = taiou_step_progress_read ((const char * const *) self->step_ids, events);
      else
        g_warning ("Cannot read the progress of incident %" G_GINT64_FORMAT ": %s",
                   taiou_incident_get_id (incident), error->message);
    }
  if (self->progress == NULL)
    self->progress = taiou_step_progress_new ((const char * const *) self->step_ids);

  if (incident != NULL)
    {
      /* An incident exists only once triage was applied, so never send it back there. */
      index = CLAMP (self->progress->last_shown, 1, self->pages->len - 1);
    }
  show_page (self, index);
}

TaiouWizardPage *
taiou_wizard_get_current_page (TaiouWizard *self)
{
  g_return_val_if_fail (TAIOU_IS_WIZARD (self), NULL);
  return current_page (self);
}

guint
taiou_wizard_get_n_pages (TaiouWizard *self)
{
  g_return_val_if_fail (TAIOU_IS_WIZARD (self), 0);
  return self->pages->len;
}

TaiouWizardPage *
taiou_wizard_get_page (TaiouWizard *self,
                       guint        index)
{
  g_return_val_if_fail (TAIOU_IS_WIZARD (self), NULL);
  g_return_val_if_fail (index < self->pages->len, NULL);
  return g_ptr_array_index (self->pages, index);
}

/* Returns: whether step @index was done, skipped or not reached yet, as the indicator shows it */
TaiouStepState
taiou_wizard_get_step_state (TaiouWizard *self,
                             guint        index)
{
  g_return_val_if_fail (TAIOU_IS_WIZARD (self), TAIOU_STEP_NOT_YET);
  g_return_val_if_fail (index < self->pages->len, TAIOU_STEP_NOT_YET);
  return self->progress->states[index];
}
