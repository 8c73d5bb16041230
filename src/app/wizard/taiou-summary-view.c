/* taiou-summary-view.c — what was done (with dates) and what remains
 *
 * The report step shows it above its questions and the closing screen shows it as the end of
 * the response; both read it from the incident's own events (TaiouIncidentSummary), so what the
 * worker sees is what the record and the hand-over file say.  No .ui: two groups of rows.
 */
#define G_LOG_DOMAIN "taiou-wizard"

#include "config.h"

#include <glib/gi18n.h>

#include "taiou-summary-view.h"
#include "taiou-wizard-steps.h"

struct _TaiouSummaryView
{
  AdwBin      parent_instance;

  GtkListBox *done_list;
  GtkListBox *remaining_list;
  guint       n_done;
  guint       n_remaining;
};

G_DEFINE_FINAL_TYPE (TaiouSummaryView, taiou_summary_view, ADW_TYPE_BIN)

static void
clear_list (GtkListBox *list)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (list))) != NULL)
    gtk_list_box_remove (list, child);
}

static GtkWidget *
item_row (const char *title,
          const char *subtitle,
          const char *icon_name)
{
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *icon = gtk_image_new_from_icon_name (icon_name);

  /* Event text is whatever was recorded: never markup. */
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_action_row_set_title_lines (ADW_ACTION_ROW (row), 0);
  if (subtitle != NULL)
    adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  gtk_widget_set_valign (icon, GTK_ALIGN_CENTER);
  gtk_accessible_update_property (GTK_ACCESSIBLE (icon), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  g_str_equal (icon_name, "object-select-symbolic")
                                  ? _("Done") : _("Remains"), -1);
  adw_action_row_add_prefix (ADW_ACTION_ROW (row), icon);
  return row;
}

static GtkWidget *
new_group (const char  *title,
           GtkListBox **list)
{
  GtkWidget *group = adw_preferences_group_new ();
  GtkWidget *box = gtk_list_box_new ();

  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (group), title);
  gtk_list_box_set_selection_mode (GTK_LIST_BOX (box), GTK_SELECTION_NONE);
  gtk_widget_add_css_class (box, "boxed-list");
  gtk_accessible_update_property (GTK_ACCESSIBLE (box), GTK_ACCESSIBLE_PROPERTY_LABEL, title, -1);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), box);
  *list = GTK_LIST_BOX (box);
  return group;
}

static void
taiou_summary_view_class_init (TaiouSummaryViewClass *klass)
{
}

static void
taiou_summary_view_init (TaiouSummaryView *self)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 18);

  gtk_box_append (GTK_BOX (box), new_group (_("What Was Done"), &self->done_list));
  gtk_box_append (GTK_BOX (box), new_group (_("What Remains"), &self->remaining_list));
  adw_bin_set_child (ADW_BIN (self), box);
}

GtkWidget *
taiou_summary_view_new (void)
{
  return g_object_new (TAIOU_TYPE_SUMMARY_VIEW, NULL);
}

/**
 * taiou_summary_view_dup_summary:
 *
 * Reads @incident's summary with the wizard's steps and their titles in the user's language.
 *
 * Returns: (transfer full) (nullable): the summary, NULL with @error
 */
TaiouIncidentSummary *
taiou_summary_view_dup_summary (TaiouCase      *case_at_hand,
                                TaiouIncident  *incident,
                                GError        **error)
{
  guint n_steps;
  const TaiouWizardStep *steps = taiou_wizard_steps_get (&n_steps);
  g_autofree const char **ids = g_new0 (const char *, n_steps + 1);
  g_autofree const char **titles = g_new0 (const char *, n_steps + 1);
  TaiouTimeline *timeline;

  g_return_val_if_fail (TAIOU_IS_CASE (case_at_hand), NULL);
  g_return_val_if_fail (TAIOU_IS_INCIDENT (incident), NULL);

  timeline = taiou_case_get_timeline (case_at_hand);
  if (timeline == NULL)
    {
      g_set_error_literal (error, TAIOU_CASE_ERROR, TAIOU_CASE_ERROR_NO_RECORD,
                           _("The incident record is not open."));
      return NULL;
    }
  for (guint i = 0; i < n_steps; i++)
    {
      ids[i] = steps[i].id;
      titles[i] = _(steps[i].title);
    }
  return taiou_incident_summary_read (timeline, taiou_incident_get_id (incident), ids, titles,
                                      error);
}

/**
 * taiou_summary_view_set_summary:
 * @summary: (nullable): what to show; NULL empties the view
 * @omit_step_title: (nullable): a step not to list as remaining (the report step on its own
 *   page: the worker is doing it)
 */
void
taiou_summary_view_set_summary (TaiouSummaryView     *self,
                                TaiouIncidentSummary *summary,
                                const char           *omit_step_title)
{
  gboolean japanese = taiou_i18n_prefers_japanese ();
  g_autofree char *omit = NULL;

  g_return_if_fail (TAIOU_IS_SUMMARY_VIEW (self));

  clear_list (self->done_list);
  clear_list (self->remaining_list);
  self->n_done = self->n_remaining = 0;
  if (summary == NULL)
    return;

  if (omit_step_title != NULL)
    omit = g_strdup_printf (_("Not done yet: %s"), omit_step_title);
  for (guint i = 0; i < summary->done->len; i++)
    {
      TaiouSummaryItem *item = summary->done->pdata[i];
      g_autofree char *time = taiou_appi_format_local_time (item->time_us, japanese);

      gtk_list_box_append (self->done_list,
                           item_row (item->text, time, "object-select-symbolic"));
      self->n_done++;
    }
  if (summary->n_left_out > 0)
    {
      g_autofree char *more = g_strdup_printf (_("… and %u more in the incident record"),
                                               summary->n_left_out);

      gtk_list_box_append (self->done_list, item_row (more, NULL, "view-more-symbolic"));
    }
  if (self->n_done == 0)
    gtk_list_box_append (self->done_list,
                         item_row (_("Nothing recorded yet"), NULL, "content-loading-symbolic"));

  for (guint i = 0; i < summary->remaining->len; i++)
    {
      TaiouSummaryItem *item = summary->remaining->pdata[i];

      if (omit != NULL && g_strcmp0 (item->text, omit) == 0)
        continue;
      gtk_list_box_append (self->remaining_list,
                           item_row (item->text, NULL, "radio-symbolic"));
      self->n_remaining++;
    }
  if (self->n_remaining == 0)
    gtk_list_box_append (self->remaining_list,
                         item_row (_("Nothing remains"), NULL, "object-select-symbolic"));
}

guint
taiou_summary_view_get_n_done (TaiouSummaryView *self)
{
  g_return_val_if_fail (TAIOU_IS_SUMMARY_VIEW (self), 0);
  return self->n_done;
}

guint
taiou_summary_view_get_n_remaining (TaiouSummaryView *self)
{
  g_return_val_if_fail (TAIOU_IS_SUMMARY_VIEW (self), 0);
  return self->n_remaining;
}
