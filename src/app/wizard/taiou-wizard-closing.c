/* taiou-wizard-closing.c — the calm end of the worker's response
 *
 * After the last step the worker used to land in the IT manager's record view, with hash-chain
 * wording and raw event kinds.  This screen ends the response in their words instead: what was
 * done (with dates), what remains, and whom to call — read from the incident's own events
 * (TaiouIncidentSummary), like the report step and the hand-over file.
 */
#define G_LOG_DOMAIN "taiou-wizard"

#include "config.h"

#include <glib/gi18n.h>

#include "guidance/taiou-guidance-view.h"
#include "taiou-summary-view.h"
#include "taiou-wizard-closing.h"

struct _TaiouWizardClosing
{
  AdwBin            parent_instance;

  AdwStatusPage    *status_page;
  TaiouSummaryView *summary_view;
  AdwActionRow     *manager_row;

  TaiouCase        *case_at_hand;
};

G_DEFINE_FINAL_TYPE (TaiouWizardClosing, taiou_wizard_closing, ADW_TYPE_BIN)

enum {
  PROP_0,
  PROP_CASE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
show_manager (TaiouWizardClosing *self)
{
  TaiouProfile *profile = self->case_at_hand != NULL ? taiou_case_get_profile (self->case_at_hand)
                                                     : NULL;
  g_autoptr(GString) contact = g_string_new (NULL);
  const char *fields[4] = { NULL };

  if (profile != NULL)
    {
      fields[0] = taiou_profile_get_contact_name (profile);
      fields[1] = taiou_profile_get_contact_department (profile);
      fields[2] = taiou_profile_get_contact_phone (profile);
      fields[3] = taiou_profile_get_contact_email (profile);
    }
  for (guint i = 0; i < G_N_ELEMENTS (fields); i++)
    if (fields[i] != NULL && fields[i][0] != '\0')
      g_string_append_printf (contact, "%s%s", contact->len > 0 ? "\n" : "", fields[i]);
  adw_action_row_set_subtitle (self->manager_row,
                               contact->len > 0
                               ? contact->str
                               : _("Not set yet. Ask your supervisor. It can be set in "
                                   "Preferences."));
}

/**
 * taiou_wizard_closing_show_incident:
 * @incident: (nullable): the incident whose response just ended
 */
void
taiou_wizard_closing_show_incident (TaiouWizardClosing *self,
                                    TaiouIncident      *incident)
{
  g_autoptr(TaiouIncidentSummary) summary = NULL;

  g_return_if_fail (TAIOU_IS_WIZARD_CLOSING (self));
  g_return_if_fail (incident == NULL || TAIOU_IS_INCIDENT (incident));

  if (incident != NULL && self->case_at_hand != NULL)
    {
      g_autoptr(GError) error = NULL;

      summary = taiou_summary_view_dup_summary (self->case_at_hand, incident, &error);
      if (summary == NULL)
        g_warning ("Cannot read the incident's summary: %s", error->message);
    }
  taiou_summary_view_set_summary (self->summary_view, summary, NULL);
  show_manager (self);
}

guint
taiou_wizard_closing_get_n_done (TaiouWizardClosing *self)
{
  g_return_val_if_fail (TAIOU_IS_WIZARD_CLOSING (self), 0);
  return taiou_summary_view_get_n_done (self->summary_view);
}

guint
taiou_wizard_closing_get_n_remaining (TaiouWizardClosing *self)
{
  g_return_val_if_fail (TAIOU_IS_WIZARD_CLOSING (self), 0);
  return taiou_summary_view_get_n_remaining (self->summary_view);
}

TaiouCase *
taiou_wizard_closing_get_case (TaiouWizardClosing *self)
{
  g_return_val_if_fail (TAIOU_IS_WIZARD_CLOSING (self), NULL);
  return self->case_at_hand;
}

void
taiou_wizard_closing_set_case (TaiouWizardClosing *self,
                               TaiouCase          *case_at_hand)
{
  g_return_if_fail (TAIOU_IS_WIZARD_CLOSING (self));
  g_return_if_fail (case_at_hand == NULL || TAIOU_IS_CASE (case_at_hand));

  if (g_set_object (&self->case_at_hand, case_at_hand))
    {
      show_manager (self);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CASE]);
    }
}

static void
taiou_wizard_closing_dispose (GObject *object)
{
  TaiouWizardClosing *self = TAIOU_WIZARD_CLOSING (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), TAIOU_TYPE_WIZARD_CLOSING);
  g_clear_object (&self->case_at_hand);

  G_OBJECT_CLASS (taiou_wizard_closing_parent_class)->dispose (object);
}

static void
taiou_wizard_closing_get_property (GObject    *object,
                                   guint       prop_id,
                                   GValue     *value,
                                   GParamSpec *pspec)
{
  TaiouWizardClosing *self = TAIOU_WIZARD_CLOSING (object);

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
taiou_wizard_closing_set_property (GObject      *object,
                                   guint         prop_id,
                                   const GValue *value,
                                   GParamSpec   *pspec)
{
  TaiouWizardClosing *self = TAIOU_WIZARD_CLOSING (object);

  switch (prop_id)
    {
    case PROP_CASE:
      taiou_wizard_closing_set_case (self, g_value_get_object (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
taiou_wizard_closing_class_init (TaiouWizardClosingClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = taiou_wizard_closing_dispose;
  object_class->get_property = taiou_wizard_closing_get_property;
  object_class->set_property = taiou_wizard_closing_set_property;

  properties[PROP_CASE] =
    g_param_spec_object ("case", NULL, NULL, TAIOU_TYPE_CASE,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  g_type_ensure (TAIOU_TYPE_SUMMARY_VIEW);
  g_type_ensure (TAIOU_TYPE_GUIDANCE_VIEW);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/taiou/Taiou/taiou-wizard-closing.ui");
  gtk_widget_class_bind_template_child (widget_class, TaiouWizardClosing, status_page);
  gtk_widget_class_bind_template_child (widget_class, TaiouWizardClosing, summary_view);
  gtk_widget_class_bind_template_child (widget_class, TaiouWizardClosing, manager_row);
}

static void
taiou_wizard_closing_init (TaiouWizardClosing *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  show_manager (self);
}
