/* taiou-timeline-view.c — the IT manager's view: incidents, one incident's events, chain status
 *
 * The chain is verified every time the view is loaded, in a worker thread, and the result is the
 * first thing on screen: an IT manager must not read a record without knowing whether it was
 * edited.
 */
#define G_LOG_DOMAIN "taiou-timeline-view"

#include "config.h"

#include <glib/gi18n.h>

#include "notice/taiou-notice-window.h"
#include "taiou-event-columns.h"
#include "taiou-event-detail.h"
#include "taiou-deadlines-button.h"
#include "taiou-event-filter-bar.h"
#include "taiou-incident-row.h"
#include "taiou-export-dialog.h"
#include "taiou-note-dialog.h"
#include "taiou-timeline-view.h"

struct _TaiouTimelineView
{
  AdwBin          parent_instance;

  GtkBox         *verify_box;
  GtkImage       *verify_icon;
  GtkLabel       *verify_label;
  GtkListBox     *incident_list;
  GtkStack       *detail_stack;
  GtkLabel       *incident_title;
  GtkLabel       *incident_details;
  GtkColumnView  *event_view;
  TaiouEventDetail *event_detail;

  TaiouCase      *case_at_hand;
  GtkSingleSelection *selection;  /* over the shown TaiouEventList; NULL once disposed */
  TaiouEventFilterBar *filter_bar;
  GtkDropDown    *status_dropdown;
  TaiouDeadlinesButton *deadlines_button;
  gboolean        showing_status;  /* the menu is set to the record's status, not by the user */
  GCancellable   *verify_cancellable;
  gint64          selected_id;
  gint64          bad_seq;       /* the first event verification refused, 0 if none */
  gboolean        announce;      /* say how verification ended: the IT manager asked for it */
};

G_DEFINE_FINAL_TYPE (TaiouTimelineView, taiou_timeline_view, ADW_TYPE_BIN)

/* The case's record; NULL when it could not be opened (or before the case is set). */
static TaiouTimeline *
get_timeline (TaiouTimelineView *self)
{
  return self->case_at_hand != NULL ? taiou_case_get_timeline (self->case_at_hand) : NULL;
}

enum {
  PROP_0,
  PROP_CASE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void load_events (TaiouTimelineView *self,
                         gboolean           keep_place);


static void
set_verify_status (TaiouTimelineView *self,
                   const char        *icon_name,
                   const char        *css_class,
                   const char        *text)
{
  gtk_widget_remove_css_class (GTK_WIDGET (self->verify_box), "success");
  gtk_widget_remove_css_class (GTK_WIDGET (self->verify_box), "error");
  if (css_class != NULL)
    gtk_widget_add_css_class (GTK_WIDGET (self->verify_box), css_class);
  gtk_image_set_from_icon_name (self->verify_icon, icon_name);
  gtk_label_set_label (self->verify_label, text);
}

/* A click on 「再検証」 that changes nothing on screen looks like a click that did nothing. */
static void
announce_verification (TaiouTimelineView         *self,
                       TaiouTimelineVerification *verification)
{
  AdwToast *toast;

  if (verification == NULL)
    toast = adw_toast_new (_("The record could not be verified"));
  else if (verification->intact)
    toast = adw_toast_new (_("Verified again: the record has not been altered"));
  else
    toast = adw_toast_new (_("Verified again: the record has been altered"));
  adw_toast_set_timeout (toast, 3);
  /* The bin's own child: binding it too would make dispose unparent it twice. */
  adw_toast_overlay_add_toast (ADW_TOAST_OVERLAY (adw_bin_get_child (ADW_BIN (self))), toast);
}

static void
verify_cb (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(TaiouTimelineView) self = user_data;
  g_autoptr(TaiouTimelineVerification) verification = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;

  verification = taiou_timeline_verify_file_finish (result, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  g_clear_object (&self->verify_cancellable);

  /* The banner names the bad event by its number; its row says so too (bind_cell_cb). */
  self->bad_seq = verification != NULL ? verification->first_bad_seq : 0;
  if (self->bad_seq != 0)
    load_events (self, TRUE);

  if (self->announce)
    {
      self->announce = FALSE;
      announce_verification (self, verification);
    }

  if (verification == NULL)
    {
      text = g_strdup_printf (_("The record could not be checked: %s"), error->message);
      set_verify_status (self, "dialog-warning-symbolic", "error", text);
    }
  else if (verification->intact)
    {
      text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                           "The record has not been altered "
                                           "(%lld entry checked).",
                                           "The record has not been altered "
                                           "(%lld entries checked).",
                                           verification->n_events),
                              (long long) verification->n_events);
      set_verify_status (self, "emblem-ok-symbolic", "success", text);
    }
  else
    {
      text = g_strdup_printf (_("The record has been altered! %s"), verification->problem);
      set_verify_status (self, "dialog-warning-symbolic", "error", text);
    }
}

static void
start_verify (TaiouTimelineView *self)
{
  g_cancellable_cancel (self->verify_cancellable);
  g_clear_object (&self->verify_cancellable);

  if (get_timeline (self) == NULL)
    {
      set_verify_status (self, "dialog-warning-symbolic", "error",
                         _("The incident record is not available."));
      return;
    }

  set_verify_status (self, "content-loading-symbolic", NULL, _("Checking the record…"));
  self->verify_cancellable = g_cancellable_new ();
  /* On a connection of its own: every page the table asks for would wait for the walk. */
  taiou_timeline_verify_file_async (taiou_timeline_get_path (get_timeline (self)),
                                    self->verify_cancellable, verify_cb, g_object_ref (self));
}

/* The status menu's rows, in the order a response goes through them. */
static const char * const statuses[] = {
  TAIOU_INCIDENT_STATUS_RESPONDING,
  TAIOU_INCIDENT_STATUS_INVESTIGATING,
  TAIOU_INCIDENT_STATUS_FINISHED,
};

static void
show_status (TaiouTimelineView *self,
             TaiouIncident     *incident)
{
  const char *status = taiou_incident_get_status (incident);

  self->showing_status = TRUE;
  for (guint i = 0; i < G_N_ELEMENTS (statuses); i++)
    if (g_str_equal (statuses[i], status))
      gtk_drop_down_set_selected (self->status_dropdown, i);
  self->showing_status = FALSE;
}

/* A change of status is an event; finishing closes the record, another status reopens it. */
static void
status_selected_cb (TaiouTimelineView *self)
{
  g_autoptr(GError) error = NULL;
  guint selected = gtk_drop_down_get_selected (self->status_dropdown);
  g_autofree char *text = NULL;
  gint64 incident_id = self->selected_id;

  if (self->showing_status || get_timeline (self) == NULL || incident_id <= 0 ||
      selected >= G_N_ELEMENTS (statuses))
    return;
  if (!taiou_timeline_set_incident_status (get_timeline (self), incident_id, statuses[selected],
                                           NULL, &error))
    {
      text = g_strdup_printf (_("The status could not be changed: %s"), error->message);
      taiou_event_filter_bar_set_problem (self->filter_bar, text);
      return;
    }
  /* The list shows the status and the new event; keep this incident shown. */
  taiou_timeline_view_reload (self);
  taiou_timeline_view_select_incident (self, incident_id);
  text = g_strdup_printf (_("Status: %s"), taiou_incident_status_get_label (statuses[selected]));
  adw_toast_overlay_add_toast (ADW_TOAST_OVERLAY (adw_bin_get_child (ADW_BIN (self))),
                               adw_toast_new (text));
}

/* The list shows the next deadline and the table the new event. */
static void
deadline_marked_cb (TaiouTimelineView *self)
{
  gint64 incident_id = self->selected_id;

  taiou_timeline_view_reload (self);
  taiou_timeline_view_select_incident (self, incident_id);
}

/* (Re)reads the shown incident's events as the filter bar says, a page at a time.  With
 * @keep_place, the selected event stays selected and in view (after a verification, a note). */
static void
load_events (TaiouTimelineView *self,
             gboolean           keep_place)
{
  g_autoptr(TaiouEventList) events = NULL;
  g_autoptr(GError) error = NULL;
  TaiouEventFilter filter;
  TaiouEvent *selected = NULL;
  gint64 selected_seq = 0;

  if (self->selection == NULL)
    return;
  selected = gtk_single_selection_get_selected_item (self->selection);
  if (keep_place && selected != NULL)
    selected_seq = taiou_event_get_seq (selected);

  if (get_timeline (self) != NULL && self->selected_id > 0)
    {
      taiou_event_filter_bar_get_filter (self->filter_bar, &filter);
      events = taiou_event_list_new (get_timeline (self), &filter, &error);
    }
  if (events == NULL && error != NULL)
    {
      g_autofree char *text = g_strdup_printf (_("The events could not be read: %s"),
                                               error->message);

      taiou_event_filter_bar_set_problem (self->filter_bar, text);
    }
  gtk_single_selection_set_model (self->selection, G_LIST_MODEL (events));
  if (events == NULL)
    return;
  taiou_event_filter_bar_set_count (self->filter_bar,
                                    g_list_model_get_n_items (G_LIST_MODEL (events)));
  if (selected_seq != 0)
    taiou_timeline_view_select_event (self, selected_seq);
}

static void
filter_changed_cb (TaiouTimelineView *self)
{
  load_events (self, FALSE);
}

static void
show_incident (TaiouTimelineView *self,
               TaiouIncident     *incident)
{
  g_autofree char *discovered = NULL;
  g_autofree char *details = NULL;

  if (incident == NULL)
    {
      self->selected_id = 0;
      taiou_event_filter_bar_set_incident (self->filter_bar, NULL, 0);
      load_events (self, FALSE);
      gtk_stack_set_visible_child_name (self->detail_stack, "empty");
      return;
    }

  self->selected_id = taiou_incident_get_id (incident);
  discovered = taiou_time_format_local (taiou_incident_get_discovered_us (incident));
  details = g_strdup_printf (_("Happened: %s · PC: %s · Reported by: %s"), discovered,
                             taiou_incident_get_host (incident),
                             taiou_incident_get_reporter (incident));
  gtk_label_set_label (self->incident_title, taiou_incident_get_title (incident));
  gtk_label_set_label (self->incident_details, details);
  gtk_stack_set_visible_child_name (self->detail_stack, "incident");

  taiou_event_filter_bar_set_incident (self->filter_bar, get_timeline (self), self->selected_id);
  load_events (self, FALSE);
  show_status (self, incident);
  taiou_deadlines_button_set_incident (self->deadlines_button, self->case_at_hand, incident);
}

static void
incident_selected_cb (TaiouTimelineView *self,
                      GtkListBoxRow     *row)
{
  /* The list box reports its rows going away while the view is being disposed. */
  if (self->selection == NULL)
    return;
  show_incident (self, row != NULL ? taiou_incident_row_get_incident (TAIOU_INCIDENT_ROW (row))
                                   : NULL);
}

/**
 * taiou_timeline_view_reload:
 *
 * Re-reads the incidents (keeping the selection when it still exists) and verifies the chain.
 */
void
taiou_timeline_view_reload (TaiouTimelineView *self)
{
  g_autoptr(GPtrArray) incidents = NULL;
  g_autoptr(GError) error = NULL;
  gint64 keep_id = self->selected_id;
  GtkWidget *child;

  g_return_if_fail (TAIOU_IS_TIMELINE_VIEW (self));

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->incident_list))) != NULL)
    gtk_list_box_remove (self->incident_list, child);
  show_incident (self, NULL);

  if (get_timeline (self) == NULL)
    {
      start_verify (self);
      return;
    }

  incidents = taiou_timeline_list_incidents (get_timeline (self), &error);
  if (incidents == NULL)
    {
      g_autofree char *text = g_strdup_printf (_("The incidents could not be read: %s"),
                                               error->message);
      set_verify_status (self, "dialog-warning-symbolic", "error", text);
      return;
    }

  for (guint i = 0; i < incidents->len; i++)
    gtk_list_box_append (self->incident_list,
                         taiou_incident_row_new (get_timeline (self), incidents->pdata[i]));

  if (keep_id == 0 || !taiou_timeline_view_select_incident (self, keep_id))
    gtk_list_box_select_row (self->incident_list,
                             gtk_list_box_get_row_at_index (self->incident_list, 0));
  /* After the first page is read: the walk takes the record for a while. */
  start_verify (self);
}

gboolean
taiou_timeline_view_select_incident (TaiouTimelineView *self,
                                     gint64             incident_id)
{
  g_return_val_if_fail (TAIOU_IS_TIMELINE_VIEW (self), FALSE);

  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (self->incident_list));
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      TaiouIncident *incident;

      if (!TAIOU_IS_INCIDENT_ROW (child))
        continue;
      incident = taiou_incident_row_get_incident (TAIOU_INCIDENT_ROW (child));
      if (taiou_incident_get_id (incident) == incident_id)
        {
          gtk_list_box_select_row (self->incident_list, GTK_LIST_BOX_ROW (child));
          return TRUE;
        }
    }
  return FALSE;
}

/* Verifies again without reloading, so the table keeps its place and its selection. */
static void
timeline_view_verify (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  TaiouTimelineView *self = TAIOU_TIMELINE_VIEW (widget);

  self->announce = TRUE;
  start_verify (self);
}

static void
timeline_view_reload (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  taiou_timeline_view_reload (TAIOU_TIMELINE_VIEW (widget));
}

static void
taiou_timeline_view_dispose (GObject *object)
{
  TaiouTimelineView *self = TAIOU_TIMELINE_VIEW (object);

  g_cancellable_cancel (self->verify_cancellable);
  g_clear_object (&self->verify_cancellable);
  gtk_widget_dispose_template (GTK_WIDGET (self), TAIOU_TYPE_TIMELINE_VIEW);
  g_clear_object (&self->selection);
  g_clear_object (&self->case_at_hand);

  G_OBJECT_CLASS (taiou_timeline_view_parent_class)->dispose (object);
}

static void
taiou_timeline_view_get_property (GObject    *object,
                                  guint       prop_id,
                                  GValue     *value,
                                  GParamSpec *pspec)
{
  TaiouTimelineView *self = TAIOU_TIMELINE_VIEW (object);

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
taiou_timeline_view_set_property (GObject      *object,
                                  guint         prop_id,
                                  const GValue *value,
                                  GParamSpec   *pspec)
{
  TaiouTimelineView *self = TAIOU_TIMELINE_VIEW (object);

  switch (prop_id)
    {
    case PROP_CASE:
      taiou_timeline_view_set_case (self, g_value_get_object (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void present_note_dialog (TaiouTimelineView *self,
                                 const char        *text,
                                 const char        *problem);

/* The new note is the last event: show it, selected, whatever the filter. */
static void
note_added_cb (TaiouTimelineView *self)
{
  GListModel *events;
  guint n;

  taiou_event_filter_bar_set_incident (self->filter_bar, get_timeline (self), self->selected_id);
  load_events (self, FALSE);
  events = gtk_single_selection_get_model (self->selection);
  if (events == NULL || (n = g_list_model_get_n_items (events)) == 0)
    return;
  gtk_single_selection_set_selected (self->selection, n - 1);
  taiou_event_columns_scroll_to (self->event_view, n - 1);
  adw_toast_overlay_add_toast (ADW_TOAST_OVERLAY (adw_bin_get_child (ADW_BIN (self))),
                               adw_toast_new (_("Note added to the record")));
}

static void
note_refused_cb (TaiouTimelineView *self,
                 const char        *text,
                 const char        *problem)
{
  present_note_dialog (self, text, problem);
}

static TaiouIncident *
dup_shown_incident (TaiouTimelineView *self)
{
  g_autoptr(GError) error = NULL;
  TaiouIncident *incident;

  if (get_timeline (self) == NULL || self->selected_id <= 0)
    return NULL;
  incident = taiou_timeline_get_incident (get_timeline (self), self->selected_id, &error);
  if (incident == NULL)
    g_debug ("The shown incident is gone: %s", error->message);
  return incident;
}

static void
present_note_dialog (TaiouTimelineView *self,
                     const char        *text,
                     const char        *problem)
{
  g_autoptr(TaiouIncident) incident = dup_shown_incident (self);
  TaiouNoteDialog *dialog;

  if (incident == NULL)
    return;
  dialog = taiou_note_dialog_new (GTK_WINDOW (gtk_widget_get_root (GTK_WIDGET (self))),
                                  self->case_at_hand, incident,
                                  gtk_single_selection_get_selected_item (self->selection));
  if (text != NULL)
    taiou_note_dialog_set_text (dialog, text);
  taiou_note_dialog_set_problem (dialog, problem);
  g_signal_connect_object (dialog, "added", G_CALLBACK (note_added_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (dialog, "refused", G_CALLBACK (note_refused_cb), self,
                           G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
find_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  taiou_event_filter_bar_focus_search (TAIOU_TIMELINE_VIEW (widget)->filter_bar);
}

static void
add_note_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  present_note_dialog (TAIOU_TIMELINE_VIEW (widget), NULL, NULL);
}

/* The IT manager writes the follow-up and the reports from the record itself. */
static void
write_notice_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  TaiouTimelineView *self = TAIOU_TIMELINE_VIEW (widget);
  TaiouNoticeWindow *window;

  if (get_timeline (self) == NULL || self->selected_id <= 0)
    return;
  window = taiou_notice_window_present_for (widget, self->case_at_hand, self->selected_id, NULL);
  /* What the editor records shows up here at once. */
  if (window != NULL)
    g_signal_connect_object (window, "made", G_CALLBACK (taiou_timeline_view_reload), self,
                             G_CONNECT_SWAPPED);
}

/* Large incidents take seconds: the dialog shows the progress and can stop. */
static void
export_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  TaiouTimelineView *self = TAIOU_TIMELINE_VIEW (widget);

  if (get_timeline (self) == NULL || self->selected_id <= 0)
    return;
  gtk_window_present (GTK_WINDOW (taiou_export_dialog_new (
    GTK_WINDOW (gtk_widget_get_root (widget)), self->case_at_hand, self->selected_id)));
}

static void
taiou_timeline_view_class_init (TaiouTimelineViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = taiou_timeline_view_dispose;
  object_class->get_property = taiou_timeline_view_get_property;
  object_class->set_property = taiou_timeline_view_set_property;

  properties[PROP_CASE] =
    g_param_spec_object ("case", NULL, NULL, TAIOU_TYPE_CASE,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/taiou/Taiou/taiou-timeline-view.ui");
  gtk_widget_class_bind_template_child (widget_class, TaiouTimelineView, verify_box);
  gtk_widget_class_bind_template_child (widget_class, TaiouTimelineView, verify_icon);
  gtk_widget_class_bind_template_child (widget_class, TaiouTimelineView, verify_label);
  gtk_widget_class_bind_template_child (widget_class, TaiouTimelineView, incident_list);
  gtk_widget_class_bind_template_child (widget_class, TaiouTimelineView, detail_stack);
  gtk_widget_class_bind_template_child (widget_class, TaiouTimelineView, incident_title);
  gtk_widget_class_bind_template_child (widget_class, TaiouTimelineView, incident_details);
  gtk_widget_class_bind_template_child (widget_class, TaiouTimelineView, event_view);
  gtk_widget_class_bind_template_child (widget_class, TaiouTimelineView, event_detail);
  gtk_widget_class_bind_template_child (widget_class, TaiouTimelineView, filter_bar);
  gtk_widget_class_bind_template_child (widget_class, TaiouTimelineView, status_dropdown);
  gtk_widget_class_bind_template_callback (widget_class, status_selected_cb);
  gtk_widget_class_bind_template_child (widget_class, TaiouTimelineView, deadlines_button);
  gtk_widget_class_bind_template_callback (widget_class, deadline_marked_cb);
  gtk_widget_class_bind_template_callback (widget_class, filter_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, incident_selected_cb);

  gtk_widget_class_install_action (widget_class, "timeline-view.reload", NULL,
                                   timeline_view_reload);
  gtk_widget_class_install_action (widget_class, "timeline-view.verify", NULL,
                                   timeline_view_verify);
  gtk_widget_class_install_action (widget_class, "timeline-view.add-note", NULL,
                                   add_note_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_m, GDK_CONTROL_MASK,
                                       "timeline-view.add-note", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_f, GDK_CONTROL_MASK,
                                       "timeline-view.find", NULL);
  gtk_widget_class_install_action (widget_class, "timeline-view.find", NULL, find_action);
  gtk_widget_class_install_action (widget_class, "timeline-view.write-notice", NULL,
                                   write_notice_action);
  gtk_widget_class_install_action (widget_class, "timeline-view.export", NULL, export_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_e, GDK_CONTROL_MASK,
                                       "timeline-view.export", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_F5, 0, "timeline-view.reload", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_r, GDK_CONTROL_MASK,
                                       "timeline-view.reload", NULL);
}

static void
taiou_timeline_view_init (TaiouTimelineView *self)
{
  g_type_ensure (TAIOU_TYPE_EVENT_DETAIL);
  g_type_ensure (TAIOU_TYPE_EVENT_FILTER_BAR);
  g_type_ensure (TAIOU_TYPE_DEADLINES_BUTTON);
  gtk_widget_init_template (GTK_WIDGET (self));

  self->selection = gtk_single_selection_new (NULL);
  /* Nothing is shown in detail until the IT manager picks an event. */
  gtk_single_selection_set_autoselect (self->selection, FALSE);
  gtk_single_selection_set_can_unselect (self->selection, TRUE);
  g_object_bind_property (self->selection, "selected-item", self->event_detail, "event",
                          G_BINDING_SYNC_CREATE);
  gtk_column_view_set_model (self->event_view, GTK_SELECTION_MODEL (self->selection));
  /* The row of the event verification refused is marked (bad_seq outlives the columns). */
  taiou_event_columns_add (self->event_view, &self->bad_seq);

  {
    g_autoptr(GtkStringList) labels = gtk_string_list_new (NULL);

    for (guint i = 0; i < G_N_ELEMENTS (statuses); i++)
      gtk_string_list_append (labels, taiou_incident_status_get_label (statuses[i]));
    self->showing_status = TRUE;
    gtk_drop_down_set_model (self->status_dropdown, G_LIST_MODEL (labels));
    self->showing_status = FALSE;
  }
}

TaiouCase *
taiou_timeline_view_get_case (TaiouTimelineView *self)
{
  g_return_val_if_fail (TAIOU_IS_TIMELINE_VIEW (self), NULL);
  return self->case_at_hand;
}

void
taiou_timeline_view_set_case (TaiouTimelineView *self,
                              TaiouCase         *case_at_hand)
{
  g_return_if_fail (TAIOU_IS_TIMELINE_VIEW (self));
  g_return_if_fail (case_at_hand == NULL || TAIOU_IS_CASE (case_at_hand));

  if (!g_set_object (&self->case_at_hand, case_at_hand))
    return;
  self->selected_id = 0;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CASE]);
}

/* Returns: (transfer none) (nullable): the shown incident's events as filtered, oldest first */
GListModel *
taiou_timeline_view_get_events (TaiouTimelineView *self)
{
  g_return_val_if_fail (TAIOU_IS_TIMELINE_VIEW (self), NULL);
  return gtk_single_selection_get_model (self->selection);
}

/**
 * taiou_timeline_view_select_event:
 * @seq: the event's number in the record
 *
 * Selects the shown incident's event numbered @seq, scrolls to it and shows its details.
 *
 * Returns: whether the shown incident has that event
 */
gboolean
taiou_timeline_view_select_event (TaiouTimelineView *self,
                                  gint64             seq)
{
  GListModel *events;
  guint position;

  g_return_val_if_fail (TAIOU_IS_TIMELINE_VIEW (self), FALSE);

  events = gtk_single_selection_get_model (self->selection);
  if (events == NULL || !taiou_event_list_find_seq (TAIOU_EVENT_LIST (events), seq, &position))
    return FALSE;
  gtk_single_selection_set_selected (self->selection, position);
  taiou_event_columns_scroll_to (self->event_view, position);
  return TRUE;
}

/* The sentence under the header: whether the chain verifies, or why not. */
const char *
taiou_timeline_view_get_status_text (TaiouTimelineView *self)
{
  g_return_val_if_fail (TAIOU_IS_TIMELINE_VIEW (self), NULL);
  return gtk_label_get_label (self->verify_label);
}
