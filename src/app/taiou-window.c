/* taiou-window.c — the main window: start screen, the worker's wizard, the manager's timeline
 *
 * The start screen offers the two paths in the words each user would use: a frightened worker
 * ("I may be infected") and the IT manager ("view the records").  An incident the wizard did not
 * finish is offered for resuming first, so a crash or a closed window loses nothing.  Whoever
 * writes to partners goes straight to the notice editor.
 */
#define G_LOG_DOMAIN "taiou-window"

#include "config.h"

#include <glib/gi18n.h>

#include "mail/taiou-mail-check-window.h"
#include "notice/taiou-notice-window.h"
#include "taiou-application.h"
#include "taiou-settings.h"
#include "taiou-window.h"
#include "timeline/taiou-timeline-view.h"
#include "wizard/taiou-wizard.h"
#include "wizard/taiou-wizard-closing.h"
#include "wizard/taiou-wizard-steps.h"

struct _TaiouWindow
{
  AdwApplicationWindow  parent_instance;

  AdwWindowTitle       *window_title;
  GtkStack             *view_stack;
  GtkButton            *resume_button;
  GtkButton            *start_button;
  TaiouWizard          *wizard;
  TaiouWizardClosing   *closing;
  TaiouTimelineView    *timeline_view;   /* NULL until the record is first shown; the stack owns it */

  TaiouCase            *case_at_hand;
  TaiouIncident        *unfinished; /* offered on the start screen, may be NULL */
};

G_DEFINE_FINAL_TYPE (TaiouWindow, taiou_window, ADW_TYPE_APPLICATION_WINDOW)

enum {
  PROP_0,
  PROP_CASE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
show_view (TaiouWindow *self,
           const char  *name)
{
  gtk_stack_set_visible_child_name (self->view_stack, name);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "window.go-home",
                                 g_strcmp0 (name, "start") != 0);

  if (g_strcmp0 (name, "wizard") == 0)
    adw_window_title_set_title (self->window_title, _("Respond to an Infection"));
  else if (g_strcmp0 (name, "closing") == 0)
    adw_window_title_set_title (self->window_title, _("Response Finished"));
  else if (g_strcmp0 (name, "timeline") == 0)
    adw_window_title_set_title (self->window_title, _("Incident Records"));
  else
    adw_window_title_set_title (self->window_title, _("Infection Response Assistant"));
}

/* With a response open, continuing it is the one primary action: a worker who panics and presses
 * the blue button must not start a duplicate incident. */
static void
refresh_start (TaiouWindow *self)
{
  gboolean open = FALSE;

  g_clear_object (&self->unfinished);
  self->unfinished = taiou_case_dup_unfinished_incident (self->case_at_hand);
  open = self->unfinished != NULL;

  gtk_widget_set_visible (GTK_WIDGET (self->resume_button), open);
  if (open)
    {
      g_autofree char *label = g_strdup_printf (_("Continue: %s"),
                                                taiou_incident_get_title (self->unfinished));
      gtk_button_set_label (self->resume_button, label);
      gtk_widget_add_css_class (GTK_WIDGET (self->resume_button), "suggested-action");
      gtk_widget_remove_css_class (GTK_WIDGET (self->start_button), "suggested-action");
      gtk_button_set_label (self->start_button, _("Start a New Response"));
    }
  else
    {
      gtk_widget_remove_css_class (GTK_WIDGET (self->resume_button), "suggested-action");
      gtk_widget_add_css_class (GTK_WIDGET (self->start_button), "suggested-action");
      gtk_button_set_label (self->start_button, _("I May Be Infected (Start Responding)"));
    }
}

static void
win_go_home (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  TaiouWindow *self = TAIOU_WINDOW (widget);

  refresh_start (self);
  show_view (self, "start");
}

static void
begin_new_response (TaiouWindow *self)
{
  taiou_wizard_begin (self->wizard, NULL);
  show_view (self, "wizard");
}

static void
abandon_response_cb (AdwMessageDialog *dialog,
                     const char       *response,
                     TaiouWindow      *self)
{
  if (g_strcmp0 (response, "new") == 0)
    begin_new_response (self);
  else if (g_strcmp0 (response, "continue") == 0)
    gtk_widget_activate_action (GTK_WIDGET (self), "window.resume-response", NULL);
}

/* Starting over while a response is open asks first, and offers to continue it instead. */
static void
win_start_response (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  TaiouWindow *self = TAIOU_WINDOW (widget);
  GtkWidget *dialog;

  if (self->unfinished == NULL)
    {
      begin_new_response (self);
      return;
    }
  dialog = adw_message_dialog_new (GTK_WINDOW (self), _("Start a New Response?"), NULL);
  adw_message_dialog_format_body (ADW_MESSAGE_DIALOG (dialog),
                                  _("The response “%s” is not finished. It stays in the record, "
                                    "and the IT manager can still see it. Start a new one only "
                                    "for a different incident."),
                                  taiou_incident_get_title (self->unfinished));
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Cancel"),
                                    "new", _("_Start a New One"),
                                    "continue", _("C_ontinue the Open One"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "continue",
                                              ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "continue");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_signal_connect_object (dialog, "response", G_CALLBACK (abandon_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
win_resume_response (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  TaiouWindow *self = TAIOU_WINDOW (widget);

  if (self->unfinished == NULL)
    return;
  taiou_wizard_begin (self->wizard, self->unfinished);
  show_view (self, "wizard");
}

static void
win_view_records (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  TaiouWindow *self = TAIOU_WINDOW (widget);

  /* Built when first asked for: the office worker's first frame should not wait for the IT
   * manager's view (gui-first-frame went from 1.42× to 1.64× a bare window when it grew). */
  if (self->timeline_view == NULL)
    {
      self->timeline_view = g_object_new (TAIOU_TYPE_TIMELINE_VIEW,
                                          "case", self->case_at_hand,
                                          NULL);
      gtk_stack_add_named (self->view_stack, GTK_WIDGET (self->timeline_view), "timeline");
    }
  taiou_timeline_view_reload (self->timeline_view);
  show_view (self, "timeline");
}

/* A verdict is recorded in the incident at hand, when there is one. */
static void
win_check_mail (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  TaiouWindow *self = TAIOU_WINDOW (widget);

  taiou_mail_check_window_present_for (widget, self->case_at_hand);
}

/* The notice is about the incident at hand, else the newest one (see the case). */
static void
win_write_notice (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  TaiouWindow *self = TAIOU_WINDOW (widget);

  taiou_notice_window_present_for (widget, self->case_at_hand, 0, NULL);
}

/* The worker's response ends on a calm screen in their words — what was done, what remains,
 * whom to call — not in the IT manager's record view. */
static void
wizard_finished_cb (TaiouWindow *self)
{
  taiou_wizard_closing_show_incident (self->closing, taiou_wizard_get_incident (self->wizard));
  show_view (self, "closing");
}

/**
 * taiou_window_show_timeline_error:
 *
 * Explains, in a dialog, that the incident record could not be opened and why.  The window stays
 * usable: the guidance matters more than the record in the first minutes.
 */
void
taiou_window_show_timeline_error (TaiouWindow  *self,
                                  const GError *error)
{
  GtkWidget *dialog;

  g_return_if_fail (TAIOU_IS_WINDOW (self));
  g_return_if_fail (error != NULL);

  dialog = adw_message_dialog_new (GTK_WINDOW (self), _("The Incident Record Cannot Be Opened"),
                                   NULL);
  adw_message_dialog_format_body (ADW_MESSAGE_DIALOG (dialog),
                                  _("%s\n\nThe steps can still be followed, but nothing will be "
                                    "recorded. Ask your IT manager for help."),
                                  error->message);
  adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close", _("_Close"));
  gtk_window_present (GTK_WINDOW (dialog));
}

/* Returns: "start", "wizard", "closing" or "timeline" */
const char *
taiou_window_get_view_name (TaiouWindow *self)
{
  g_return_val_if_fail (TAIOU_IS_WINDOW (self), NULL);
  return gtk_stack_get_visible_child_name (self->view_stack);
}

static void
taiou_window_constructed (GObject *object)
{
  TaiouWindow *self = TAIOU_WINDOW (object);
  GtkApplication *application;

  G_OBJECT_CLASS (taiou_window_parent_class)->constructed (object);

  application = gtk_window_get_application (GTK_WINDOW (self));

  taiou_wizard_set_case (self->wizard, self->case_at_hand);
  taiou_wizard_closing_set_case (self->closing, self->case_at_hand);
  /* The app's settings keep the window's size; a window without the app (tests) does not. */
  if (TAIOU_IS_APPLICATION (application))
    {
      GSettings *settings = taiou_application_get_settings (TAIOU_APPLICATION (application));

      g_settings_bind (settings, TAIOU_SETTINGS_WINDOW_WIDTH, self, "default-width",
                       G_SETTINGS_BIND_DEFAULT);
      g_settings_bind (settings, TAIOU_SETTINGS_WINDOW_HEIGHT, self, "default-height",
                       G_SETTINGS_BIND_DEFAULT);
      g_settings_bind (settings, TAIOU_SETTINGS_WINDOW_MAXIMIZED, self, "maximized",
                       G_SETTINGS_BIND_DEFAULT);
    }
  refresh_start (self);
  show_view (self, "start");
}

static void
taiou_window_dispose (GObject *object)
{
  TaiouWindow *self = TAIOU_WINDOW (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), TAIOU_TYPE_WINDOW);
  g_clear_object (&self->case_at_hand);
  g_clear_object (&self->unfinished);

  G_OBJECT_CLASS (taiou_window_parent_class)->dispose (object);
}

static void
taiou_window_get_property (GObject    *object,
                           guint       prop_id,
                           GValue     *value,
                           GParamSpec *pspec)
{
  TaiouWindow *self = TAIOU_WINDOW (object);

  switch (prop_id)
    {
    case PROP_CASE:
      g_value_set_object (value, self->case_at_hand);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
taiou_window_set_property (GObject      *object,
                           guint         prop_id,
                           const GValue *value,
                           GParamSpec   *pspec)
{
  TaiouWindow *self = TAIOU_WINDOW (object);

  switch (prop_id)
    {
    case PROP_CASE:
      self->case_at_hand = g_value_dup_object (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
taiou_window_class_init (TaiouWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = taiou_window_constructed;
  object_class->dispose = taiou_window_dispose;
  object_class->get_property = taiou_window_get_property;
  object_class->set_property = taiou_window_set_property;

  properties[PROP_CASE] =
    g_param_spec_object ("case", NULL, NULL, TAIOU_TYPE_CASE,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  g_type_ensure (TAIOU_TYPE_WIZARD);
  g_type_ensure (TAIOU_TYPE_WIZARD_CLOSING);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/taiou/Taiou/taiou-window.ui");
  gtk_widget_class_bind_template_child (widget_class, TaiouWindow, window_title);
  gtk_widget_class_bind_template_child (widget_class, TaiouWindow, view_stack);
  gtk_widget_class_bind_template_child (widget_class, TaiouWindow, resume_button);
  gtk_widget_class_bind_template_child (widget_class, TaiouWindow, start_button);
  gtk_widget_class_bind_template_child (widget_class, TaiouWindow, wizard);
  gtk_widget_class_bind_template_child (widget_class, TaiouWindow, closing);
  gtk_widget_class_bind_template_callback (widget_class, wizard_finished_cb);

  gtk_widget_class_install_action (widget_class, "window.go-home", NULL, win_go_home);
  gtk_widget_class_install_action (widget_class, "window.start-response", NULL, win_start_response);
  gtk_widget_class_install_action (widget_class, "window.resume-response", NULL,
                                   win_resume_response);
  gtk_widget_class_install_action (widget_class, "window.view-records", NULL, win_view_records);
  gtk_widget_class_install_action (widget_class, "window.check-mail", NULL, win_check_mail);
  gtk_widget_class_install_action (widget_class, "window.write-notice", NULL, win_write_notice);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Home, GDK_ALT_MASK,
                                       "window.go-home", NULL);
}

static void
taiou_window_init (TaiouWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

TaiouWindow *
taiou_window_new (GtkApplication *application,
                  TaiouCase      *case_at_hand)
{
  g_return_val_if_fail (application == NULL || GTK_IS_APPLICATION (application), NULL);
  g_return_val_if_fail (TAIOU_IS_CASE (case_at_hand), NULL);

  return g_object_new (TAIOU_TYPE_WINDOW,
                       "application", application,
                       "case", case_at_hand,
                       NULL);
}
