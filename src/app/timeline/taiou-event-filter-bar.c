/* taiou-event-filter-bar.c — the search entry and filters above an incident's events
 *
 * The kinds and PCs offered are the ones the incident's events hold (a merged incident spans
 * several PCs), kinds shown as words in the user's language.  The bar only says what to show;
 * the view asks the record (TaiouEventList) and tells the bar how many matched.
 */
#define G_LOG_DOMAIN "taiou-event-filter-bar"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "taiou-event-filter-bar.h"

struct _TaiouEventFilterBar
{
  GtkWidget       parent_instance;

  GtkSearchEntry *search_entry;
  GtkDropDown    *kind_dropdown;
  GtkDropDown    *host_dropdown;
  GtkLabel       *count_label;

  gint64          incident_id;
  GStrv           kinds;     /* the codes behind the kind menu's rows, after "every kind" */
  GStrv           hosts;     /* the PCs behind the PC menu's rows, after "every PC" */
  const char     *kind_filter[2];
  gboolean        filling;   /* the menus are being refilled: not a change of the user's */
};

G_DEFINE_FINAL_TYPE (TaiouEventFilterBar, taiou_event_filter_bar, GTK_TYPE_WIDGET)

enum {
  SIGNAL_CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
changed_cb (TaiouEventFilterBar *self)
{
  if (!self->filling)
    g_signal_emit (self, signals[SIGNAL_CHANGED], 0);
}

/* A menu whose first row stands for "any": @first, then @labels. */
static void
fill_dropdown (GtkDropDown        *dropdown,
               const char         *first,
               const char * const *labels)
{
  g_autoptr(GtkStringList) model = gtk_string_list_new (NULL);

  gtk_string_list_append (model, first);
  for (guint i = 0; labels != NULL && labels[i] != NULL; i++)
    gtk_string_list_append (model, labels[i]);
  gtk_drop_down_set_model (dropdown, G_LIST_MODEL (model));
  gtk_drop_down_set_selected (dropdown, 0);
}

static GStrv
list_values (TaiouTimeline   *timeline,
             gint64           incident_id,
             TaiouEventFacet  facet)
{
  g_autoptr(GError) error = NULL;
  GStrv values = taiou_timeline_list_event_values (timeline, incident_id, facet, &error);

  if (values == NULL)
    {
      g_debug ("Cannot list the values to filter by: %s", error->message);
      values = g_new0 (char *, 1);
    }
  return values;
}

/**
 * taiou_event_filter_bar_set_incident:
 * @timeline: (nullable): where to find the kinds and PCs the incident's events hold
 *
 * Clears the search and the filters and offers what @incident_id's events hold.
 */
void
taiou_event_filter_bar_set_incident (TaiouEventFilterBar *self,
                                     TaiouTimeline       *timeline,
                                     gint64               incident_id)
{
  g_autoptr(GPtrArray) kind_labels = g_ptr_array_new ();

  g_return_if_fail (TAIOU_IS_EVENT_FILTER_BAR (self));

  self->filling = TRUE;
  self->incident_id = incident_id;
  g_clear_pointer (&self->kinds, g_strfreev);
  g_clear_pointer (&self->hosts, g_strfreev);
  if (timeline != NULL && incident_id > 0)
    {
      self->kinds = list_values (timeline, incident_id, TAIOU_EVENT_FACET_KIND);
      self->hosts = list_values (timeline, incident_id, TAIOU_EVENT_FACET_HOST);
    }
  for (guint i = 0; self->kinds != NULL && self->kinds[i] != NULL; i++)
    g_ptr_array_add (kind_labels, (gpointer) taiou_event_kind_get_label (self->kinds[i]));
  g_ptr_array_add (kind_labels, NULL);

  gtk_editable_set_text (GTK_EDITABLE (self->search_entry), "");
  fill_dropdown (self->kind_dropdown, _("Every kind"), (const char * const *) kind_labels->pdata);
  fill_dropdown (self->host_dropdown, _("Every PC"), (const char * const *) self->hosts);
  /* One PC: a menu of it alone says nothing. */
  gtk_widget_set_visible (GTK_WIDGET (self->host_dropdown),
                          self->hosts != NULL && g_strv_length (self->hosts) > 1);
  self->filling = FALSE;
}

/* The value behind @dropdown's selected row, NULL for the first row ("any"). */
static const char *
selected_value (GtkDropDown *dropdown,
                GStrv        values)
{
  guint selected = gtk_drop_down_get_selected (dropdown);

  if (selected == 0 || selected == GTK_INVALID_LIST_POSITION || values == NULL ||
      selected > g_strv_length (values))
    return NULL;
  return values[selected - 1];
}

/**
 * taiou_event_filter_bar_get_filter:
 * @filter: (out caller-allocates): what to show; its strings belong to the bar and last until
 *   the next change
 */
void
taiou_event_filter_bar_get_filter (TaiouEventFilterBar *self,
                                   TaiouEventFilter    *filter)
{
  const char *text;

  g_return_if_fail (TAIOU_IS_EVENT_FILTER_BAR (self));
  g_return_if_fail (filter != NULL);

  memset (filter, 0, sizeof *filter);
  filter->incident_id = self->incident_id;
  self->kind_filter[0] = selected_value (self->kind_dropdown, self->kinds);
  self->kind_filter[1] = NULL;
  filter->kinds = self->kind_filter[0] != NULL ? self->kind_filter : NULL;
  filter->host = selected_value (self->host_dropdown, self->hosts);
  text = gtk_editable_get_text (GTK_EDITABLE (self->search_entry));
  filter->text = text[0] != '\0' ? text : NULL;
}

gboolean
taiou_event_filter_bar_is_filtered (TaiouEventFilterBar *self)
{
  TaiouEventFilter filter;

  g_return_val_if_fail (TAIOU_IS_EVENT_FILTER_BAR (self), FALSE);

  taiou_event_filter_bar_get_filter (self, &filter);
  return filter.kinds != NULL || filter.host != NULL || filter.text != NULL;
}

/* Says how many events are shown, and whether a filter hides others. */
void
taiou_event_filter_bar_set_count (TaiouEventFilterBar *self,
                                  guint                n_shown)
{
  g_autofree char *text = NULL;

  g_return_if_fail (TAIOU_IS_EVENT_FILTER_BAR (self));

  if (taiou_event_filter_bar_is_filtered (self))
    text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u event matches",
                                         "%u events match", n_shown), n_shown);
  else
    text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u event", "%u events", n_shown),
                            n_shown);
  gtk_label_set_label (self->count_label, text);
  gtk_widget_remove_css_class (GTK_WIDGET (self->count_label), "error");
}

/* A search the record refused (too many words …), said where the count would be. */
void
taiou_event_filter_bar_set_problem (TaiouEventFilterBar *self,
                                    const char          *problem)
{
  g_return_if_fail (TAIOU_IS_EVENT_FILTER_BAR (self));

  gtk_label_set_label (self->count_label, problem);
  gtk_widget_add_css_class (GTK_WIDGET (self->count_label), "error");
}

void
taiou_event_filter_bar_focus_search (TaiouEventFilterBar *self)
{
  g_return_if_fail (TAIOU_IS_EVENT_FILTER_BAR (self));
  gtk_widget_grab_focus (GTK_WIDGET (self->search_entry));
}

static void
taiou_event_filter_bar_dispose (GObject *object)
{
  TaiouEventFilterBar *self = TAIOU_EVENT_FILTER_BAR (object);
  GtkWidget *child;

  gtk_widget_dispose_template (GTK_WIDGET (self), TAIOU_TYPE_EVENT_FILTER_BAR);
  /* A plain widget owns its template's box itself. */
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);
  g_clear_pointer (&self->kinds, g_strfreev);
  g_clear_pointer (&self->hosts, g_strfreev);

  G_OBJECT_CLASS (taiou_event_filter_bar_parent_class)->dispose (object);
}

static void
taiou_event_filter_bar_class_init (TaiouEventFilterBarClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = taiou_event_filter_bar_dispose;

  /**
   * TaiouEventFilterBar::changed:
   *
   * The user changed the search or a filter (typing is debounced by the search entry).
   */
  signals[SIGNAL_CHANGED] = g_signal_new ("changed", G_TYPE_FROM_CLASS (klass),
                                          G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                                          G_TYPE_NONE, 0);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/taiou/Taiou/taiou-event-filter-bar.ui");
  gtk_widget_class_bind_template_child (widget_class, TaiouEventFilterBar, search_entry);
  gtk_widget_class_bind_template_child (widget_class, TaiouEventFilterBar, kind_dropdown);
  gtk_widget_class_bind_template_child (widget_class, TaiouEventFilterBar, host_dropdown);
  gtk_widget_class_bind_template_child (widget_class, TaiouEventFilterBar, count_label);
  gtk_widget_class_bind_template_callback (widget_class, changed_cb);
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_SEARCH);
}

static void
taiou_event_filter_bar_init (TaiouEventFilterBar *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  taiou_event_filter_bar_set_incident (self, NULL, 0);
}
