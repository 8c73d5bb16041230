/* taiou-deadlines-button.c — the APPI reports an incident owes, with their done marks
 *
 * The report step computed the deadlines (目安) when the worker said personal data may have
 * leaked; the IT manager sends the reports days later, from the record.  The button lists the
 * 速報, the 確報 and the notice to the persons concerned, each with its day or 「済」 and when;
 * marking one done is an event (appi.done), as in the report step.  Without an assessment that
 * found personal data, the button is not shown.
 */
#define G_LOG_DOMAIN "taiou-deadlines-button"

#include "config.h"

#include <glib/gi18n.h>

#include "taiou-deadlines-button.h"

struct _TaiouDeadlinesButton
{
  GtkWidget      parent_instance;

  GtkMenuButton *menu_button;
  GtkBox        *list;
  TaiouCase     *case_at_hand;
  TaiouIncident *incident;
};

G_DEFINE_FINAL_TYPE (TaiouDeadlinesButton, taiou_deadlines_button, GTK_TYPE_WIDGET)

enum {
  SIGNAL_MARKED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static const char *
item_title (TaiouAppiItem item)
{
  switch (item)
    {
    case TAIOU_APPI_ITEM_PRELIMINARY:
      return _("Preliminary report to the Commission");
    case TAIOU_APPI_ITEM_FINAL:
      return _("Final report to the Commission");
    case TAIOU_APPI_ITEM_NOTIFY_PERSONS:
    case TAIOU_APPI_N_ITEMS:
    default:
      return _("Notice to the persons concerned");
    }
}

/* "about 12月7日 to 12月9日 (a guide)", "by 1月2日 (a guide)", "promptly". */
static char *
item_due (const TaiouIncidentSummary *summary,
          TaiouAppiItem               item)
{
  gboolean japanese = taiou_i18n_prefers_japanese ();
  g_autofree char *from = NULL;
  g_autofree char *until = NULL;

  switch (item)
    {
    case TAIOU_APPI_ITEM_PRELIMINARY:
      from = taiou_appi_format_date (&summary->appi.preliminary_from, japanese);
      until = taiou_appi_format_date (&summary->appi.preliminary_until, japanese);
      return g_strdup_printf (_("About %s to %s (a guide)"), from, until);
    case TAIOU_APPI_ITEM_FINAL:
      until = taiou_appi_format_date (&summary->appi.final_due, japanese);
      return g_strdup_printf (_("By %s (a guide)"), until);
    case TAIOU_APPI_ITEM_NOTIFY_PERSONS:
    case TAIOU_APPI_N_ITEMS:
    default:
      return g_strdup (_("Promptly"));
    }
}

static void
mark_clicked_cb (GtkButton            *button,
                 TaiouDeadlinesButton *self)
{
  TaiouAppiItem item = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (button), "item"));

  taiou_deadlines_button_mark_done (self, item);
}

static GtkWidget *
new_item_row (TaiouDeadlinesButton       *self,
              const TaiouIncidentSummary *summary,
              TaiouAppiItem               item)
{
  GtkWidget *row = adw_action_row_new ();
  g_autofree char *subtitle = NULL;

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), item_title (item));
  if (summary->appi_done_us[item] != 0)
    {
      g_autofree char *when = taiou_appi_format_local_time (summary->appi_done_us[item],
                                                            taiou_i18n_prefers_japanese ());

      subtitle = g_strdup_printf (_("Done: %s"), when);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row),
                                 gtk_image_new_from_icon_name ("emblem-ok-symbolic"));
    }
  else
    {
      GtkWidget *button = gtk_button_new_with_mnemonic (_("Mark _Done"));

      subtitle = item_due (summary, item);
      gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
      g_object_set_data (G_OBJECT (button), "item", GINT_TO_POINTER (item));
      g_signal_connect (button, "clicked", G_CALLBACK (mark_clicked_cb), self);
      gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                      item_title (item), -1);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), button);
    }
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  return row;
}

static void
refill (TaiouDeadlinesButton *self)
{
  g_autoptr(TaiouIncidentSummary) summary = NULL;
  g_autoptr(GError) error = NULL;
  GtkWidget *child;
  GtkWidget *rows;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->list))) != NULL)
    gtk_box_remove (self->list, child);
  gtk_widget_set_visible (GTK_WIDGET (self), FALSE);
  if (self->incident == NULL || taiou_case_get_timeline (self->case_at_hand) == NULL)
    return;

  summary = taiou_incident_summary_read_deadlines (taiou_case_get_timeline (self->case_at_hand),
                                                   self->incident, NULL, &error);
  if (summary == NULL)
    {
      g_debug ("Cannot read the deadlines: %s", error->message);
      return;
    }
  if (!summary->appi_assessed || !summary->personal_data || !summary->appi.reportable)
    return;

  rows = gtk_list_box_new ();
  gtk_list_box_set_selection_mode (GTK_LIST_BOX (rows), GTK_SELECTION_NONE);
  gtk_widget_add_css_class (rows, "boxed-list");
  for (TaiouAppiItem item = 0; item < TAIOU_APPI_N_ITEMS; item++)
    gtk_list_box_append (GTK_LIST_BOX (rows), new_item_row (self, summary, item));
  gtk_box_append (self->list, rows);
  gtk_widget_set_visible (GTK_WIDGET (self), TRUE);
}

/**
 * taiou_deadlines_button_mark_done:
 *
 * Records that @item was done now (an appi.done event, as the report step writes), and shows
 * it.  A finished incident refuses it; the reason is shown in the list.
 */
void
taiou_deadlines_button_mark_done (TaiouDeadlinesButton *self,
                                  TaiouAppiItem         item)
{
  g_autoptr(GError) error = NULL;

  g_return_if_fail (TAIOU_IS_DEADLINES_BUTTON (self));
  g_return_if_fail (item < TAIOU_APPI_N_ITEMS);

  if (self->incident == NULL)
    return;
  if (!taiou_case_mark_appi_done (self->case_at_hand, self->incident, item, &error))
    {
      GtkWidget *label = gtk_label_new (error->message);

      gtk_label_set_wrap (GTK_LABEL (label), TRUE);
      gtk_label_set_max_width_chars (GTK_LABEL (label), 40);
      gtk_widget_add_css_class (label, "error");
      gtk_box_append (self->list, label);
      return;
    }
  refill (self);
  g_signal_emit (self, signals[SIGNAL_MARKED], 0);
}

void
taiou_deadlines_button_set_incident (TaiouDeadlinesButton *self,
                                     TaiouCase            *case_at_hand,
                                     TaiouIncident        *incident)
{
  g_return_if_fail (TAIOU_IS_DEADLINES_BUTTON (self));

  g_set_object (&self->case_at_hand, case_at_hand);
  g_set_object (&self->incident, incident);
  refill (self);
}

static void
taiou_deadlines_button_dispose (GObject *object)
{
  TaiouDeadlinesButton *self = TAIOU_DEADLINES_BUTTON (object);

  g_clear_pointer ((GtkWidget **) &self->menu_button, gtk_widget_unparent);
  g_clear_object (&self->case_at_hand);
  g_clear_object (&self->incident);

  G_OBJECT_CLASS (taiou_deadlines_button_parent_class)->dispose (object);
}

static void
taiou_deadlines_button_class_init (TaiouDeadlinesButtonClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = taiou_deadlines_button_dispose;

  /**
   * TaiouDeadlinesButton::marked:
   *
   * A report was marked done (a new event in the record).
   */
  signals[SIGNAL_MARKED] = g_signal_new ("marked", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                         0, NULL, NULL, NULL, G_TYPE_NONE, 0);
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
}

static void
taiou_deadlines_button_init (TaiouDeadlinesButton *self)
{
  GtkWidget *popover = gtk_popover_new ();

  self->list = GTK_BOX (gtk_box_new (GTK_ORIENTATION_VERTICAL, 6));
  gtk_widget_set_size_request (GTK_WIDGET (self->list), 360, -1);
  gtk_popover_set_child (GTK_POPOVER (popover), GTK_WIDGET (self->list));
  self->menu_button = GTK_MENU_BUTTON (gtk_menu_button_new ());
  gtk_menu_button_set_label (self->menu_button, _("_Deadlines"));
  gtk_menu_button_set_use_underline (self->menu_button, TRUE);
  gtk_menu_button_set_popover (self->menu_button, popover);
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->menu_button),
                               _("The reports to the Personal Information Protection Commission "
                                 "and the notice to the persons concerned, with their days "
                                 "(a guide) and done marks"));
  gtk_widget_set_parent (GTK_WIDGET (self->menu_button), GTK_WIDGET (self));
  gtk_widget_set_visible (GTK_WIDGET (self), FALSE);
}
