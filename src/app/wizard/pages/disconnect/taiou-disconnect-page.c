/* taiou-disconnect-page.c — step 2: cut the infected PC off the network
 *
 * The police desks' first instruction is to cut the infected PC off the network, without
 * switching it off (data/guidance/disconnect.json).  The PC that opened the mail is usually a
 * Windows PC, not the one running Taiou, so the step first asks which PC it is.  For another
 * PC it shows what to do there and asks the worker to confirm it is done.  For this computer
 * it offers one button that asks NetworkManager to switch networking off (libtaiou's
 * taiou-nm-client); when NetworkManager is missing or refuses, the same manual steps follow.
 *
 * This computer's connectivity, as GIO's network monitor sees it, is shown at the top and kept
 * up to date: the step is done when it reports no network while this computer is the one
 * concerned, or when the worker confirms.  Every choice, attempt and result is an event of
 * the incident (disconnect.* in taiou-event-kinds.h), and the page reads them back when the
 * response is resumed.
 */
#define G_LOG_DOMAIN "taiou-disconnect-page"

#include "config.h"

#include <glib/gi18n.h>

#include "taiou-disconnect-page.h"
#include "feeds/taiou-feeds-updater.h"

typedef enum
{
  TARGET_NONE,
  TARGET_THIS_PC,
  TARGET_OTHER_PC,
} Target;

struct _TaiouDisconnectPage
{
  TaiouWizardPage       parent_instance;

  AdwActionRow         *status_row;
  GtkImage             *status_icon;
  GtkCheckButton       *this_pc_check;
  GtkCheckButton       *other_pc_check;
  GtkWidget            *this_pc_box;
  GtkButton            *switch_off_button;
  GtkSpinner           *spinner;
  GtkLabel             *attempt_label;
  AdwPreferencesGroup  *manual_group;
  AdwActionRow         *confirm_row;
  GtkCheckButton       *confirm_check;
  GtkLabel             *record_error_label;

  GNetworkMonitor      *monitor;
  GCancellable         *cancellable;  /* the request to NetworkManager under way */
  Target                target;
  gboolean              confirmed;
  gboolean              attempted;    /* NetworkManager answered at least once */
  gboolean              offline_recorded;
  gboolean              restoring;    /* showing the record, not a worker's action */
  gint64                shown_incident_id;
  int                   scroll_frames_left;
};

G_DEFINE_FINAL_TYPE (TaiouDisconnectPage, taiou_disconnect_page, TAIOU_TYPE_WIZARD_PAGE)

enum {
  PROP_0,
  PROP_NETWORK_MONITOR,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static gboolean
network_available (TaiouDisconnectPage *self)
{
  return g_network_monitor_get_network_available (self->monitor);
}

/* Records one event; a failure is shown on the page, since the worker's action still counts. */
static void
record (TaiouDisconnectPage *self,
        const char          *kind,
        const char          *summary,
        JsonObject          *detail)
{
  TaiouCase *case_at_hand = taiou_wizard_page_get_case (TAIOU_WIZARD_PAGE (self));
  g_autoptr(GError) error = NULL;

  if (self->restoring)
    return;
  if (case_at_hand == NULL)
    error = g_error_new_literal (TAIOU_CASE_ERROR, TAIOU_CASE_ERROR_NO_RECORD,
                                 _("The incident record is not available."));
  else
    taiou_case_record_answer (case_at_hand, kind, summary, detail, &error);
  if (error != NULL)
    {
      g_autofree char *text = g_strdup_printf (_("This could not be recorded: %s"),
                                               error->message);

      gtk_label_set_text (self->record_error_label, text);
    }
  gtk_widget_set_visible (GTK_WIDGET (self->record_error_label), error != NULL);
}

static void
record_result (TaiouDisconnectPage *self,
               const char          *outcome,
               const char          *summary,
               const char          *message)
{
  g_autoptr(JsonObject) detail = json_object_new ();

  json_object_set_string_member (detail, TAIOU_EVENT_DETAIL_OUTCOME, outcome);
  if (message != NULL)
    json_object_set_string_member (detail, "message", message);
  record (self, TAIOU_EVENT_DISCONNECT_RESULT, summary, detail);
}

static void
update_status (TaiouDisconnectPage *self)
{
  GtkWidget *icon = GTK_WIDGET (self->status_icon);
  gboolean available = network_available (self);
  const char *title;
  const char *subtitle;

  if (!available)
    {
      title = _("Not connected");
      subtitle = _("This computer reports no network connection.");
    }
  else if (g_network_monitor_get_connectivity (self->monitor) == G_NETWORK_CONNECTIVITY_FULL)
    {
      title = _("Connected to the internet");
      subtitle = _("This computer can reach the internet.");
    }
  else
    {
      title = _("Connected to a network");
      subtitle = _("This computer is on a network, but cannot reach the internet.");
    }
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->status_row), title);
  adw_action_row_set_subtitle (self->status_row, subtitle);
  gtk_image_set_from_icon_name (self->status_icon, available
                                                   ? "network-transmit-receive-symbolic"
                                                   : "network-offline-symbolic");
  gtk_widget_remove_css_class (icon, available ? "success" : "warning");
  gtk_widget_add_css_class (icon, available ? "warning" : "success");
}

static void
update_page (TaiouDisconnectPage *self)
{
  gboolean this_pc = self->target == TARGET_THIS_PC;
  gboolean offline_here = this_pc && !network_available (self);
  gboolean complete = self->confirmed || offline_here;
  gboolean busy = self->cancellable != NULL;
  gboolean manual;

  /* The manual steps: always for another PC; for this one once NetworkManager has answered
   * and the network is still up, or after the worker said they did it by hand. */
  manual = self->target == TARGET_OTHER_PC ||
           (this_pc && self->attempted && (!offline_here || self->confirmed));
  gtk_widget_set_visible (GTK_WIDGET (self->this_pc_box), this_pc);
  gtk_widget_set_visible (GTK_WIDGET (self->manual_group), manual);
  if (this_pc)
    {
      adw_preferences_group_set_title (self->manual_group,
                                       _("Please cut this computer off by hand"));
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->confirm_row),
                                     _("I have cut this computer off"));
    }
  else
    {
      adw_preferences_group_set_title (self->manual_group, _("On the infected PC, please do this"));
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->confirm_row),
                                     _("I have done this on that PC"));
    }
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->confirm_check),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  adw_preferences_row_get_title (
                                    ADW_PREFERENCES_ROW (self->confirm_row)),
                                  -1);

  gtk_widget_set_sensitive (GTK_WIDGET (self->switch_off_button), !busy);
  gtk_widget_set_visible (GTK_WIDGET (self->spinner), busy);
  gtk_spinner_set_spinning (self->spinner, busy);
  /* One primary button on the screen: once NetworkManager has answered, the manual steps or
   * "Next" come next. */
  if (complete || self->attempted)
    gtk_widget_remove_css_class (GTK_WIDGET (self->switch_off_button), "suggested-action");
  else
    gtk_widget_add_css_class (GTK_WIDGET (self->switch_off_button), "suggested-action");

  taiou_wizard_page_set_complete (TAIOU_WIZARD_PAGE (self), complete);
}

static void
show_attempt_text (TaiouDisconnectPage *self,
                   const char          *text,
                   gboolean             is_error)
{
  gtk_label_set_text (self->attempt_label, text);
  gtk_widget_set_visible (GTK_WIDGET (self->attempt_label), text != NULL);
  if (is_error)
    gtk_widget_add_css_class (GTK_WIDGET (self->attempt_label), "error");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self->attempt_label), "error");
}

static void
network_changed_cb (TaiouDisconnectPage *self)
{
  update_status (self);
  /* The monitor going quiet is the result a worker hopes for: record it once. */
  if (self->target == TARGET_THIS_PC && !network_available (self) && !self->offline_recorded)
    {
      self->offline_recorded = TRUE;
      record_result (self, "offline", _("This computer reports no network connection"), NULL);
    }
  update_page (self);
}

/* After an answer, what to do next is below the fold on a small screen: bring its start into
 * view once it has been laid out. */
static gboolean
scroll_to_part_cb (GtkWidget     *widget,
                   GdkFrameClock *clock,
                   gpointer       user_data)
{
  TaiouDisconnectPage *self = TAIOU_DISCONNECT_PAGE (widget);
  GtkWidget *part = user_data;
  /* The page's own child, from the template (AdwBin owns it, so it is not a template child). */
  GtkScrolledWindow *scroller = GTK_SCROLLED_WINDOW (adw_bin_get_child (ADW_BIN (self)));
  GtkWidget *content = gtk_scrolled_window_get_child (scroller);
  GtkAdjustment *adjustment = gtk_scrolled_window_get_vadjustment (scroller);
  graphene_rect_t bounds;
  double bottom;

  if (!gtk_widget_get_visible (part))
    return G_SOURCE_REMOVE;
  /* A tick comes before the layout of its frame: wait for the part's first allocation. */
  if (!gtk_widget_get_mapped (part) || !gtk_widget_compute_bounds (part, content, &bounds) ||
      bounds.size.height <= 0)
    return --self->scroll_frames_left > 0 ? G_SOURCE_CONTINUE : G_SOURCE_REMOVE;
  bottom = bounds.origin.y + bounds.size.height;
  /* Only when it is not in view already; never past its top. */
  if (bottom > gtk_adjustment_get_value (adjustment) + gtk_adjustment_get_page_size (adjustment))
    gtk_adjustment_set_value (adjustment,
                              MIN (bounds.origin.y - 12,
                                   bottom - gtk_adjustment_get_page_size (adjustment)));
  return G_SOURCE_REMOVE;
}

static void
scroll_to_part (TaiouDisconnectPage *self,
                GtkWidget           *part)
{
  self->scroll_frames_left = 60;
  gtk_widget_add_tick_callback (GTK_WIDGET (self), scroll_to_part_cb, part, NULL);
}

static const char *
target_summary (Target target)
{
  return target == TARGET_THIS_PC ? _("The PC that may be infected: this computer")
                                  : _("The PC that may be infected: another PC");
}

static void
target_toggled_cb (TaiouDisconnectPage *self,
                   GtkCheckButton      *button)
{
  g_autoptr(JsonObject) detail = NULL;
  Target target;

  if (!gtk_check_button_get_active (button))
    return; /* the other one of the pair reports the choice */
  target = button == self->this_pc_check ? TARGET_THIS_PC : TARGET_OTHER_PC;
  if (target == self->target)
    return;
  self->target = target;
  /* A confirmation was about the other PC; an offline report is about this one. */
  self->offline_recorded = FALSE;
  if (self->confirmed && !self->restoring)
    {
      self->confirmed = FALSE;
      gtk_check_button_set_active (self->confirm_check, FALSE);
    }

  detail = json_object_new ();
  json_object_set_string_member (detail, TAIOU_EVENT_DETAIL_TARGET,
                                 target == TARGET_THIS_PC ? TAIOU_DISCONNECT_THIS_PC
                                                          : TAIOU_DISCONNECT_OTHER_PC);
  record (self, TAIOU_EVENT_DISCONNECT_TARGET, target_summary (target), detail);
  network_changed_cb (self);
  if (!self->restoring)
    scroll_to_part (self, target == TARGET_THIS_PC ? self->this_pc_box
                                                   : GTK_WIDGET (self->manual_group));
}

static void
confirm_toggled_cb (TaiouDisconnectPage *self)
{
  g_autoptr(JsonObject) detail = json_object_new ();
  gboolean confirmed = gtk_check_button_get_active (self->confirm_check);

  if (confirmed == self->confirmed)
    return;
  self->confirmed = confirmed;
  json_object_set_boolean_member (detail, TAIOU_EVENT_DETAIL_CONFIRMED, confirmed);
  json_object_set_string_member (detail, TAIOU_EVENT_DETAIL_TARGET,
                                 self->target == TARGET_THIS_PC ? TAIOU_DISCONNECT_THIS_PC
                                                                : TAIOU_DISCONNECT_OTHER_PC);
  record (self, TAIOU_EVENT_DISCONNECT_CONFIRMED,
          !confirmed ? _("Took back that the PC was cut off the network")
          : self->target == TARGET_THIS_PC ? _("Confirmed that this computer was cut off the "
                                               "network by hand")
                                           : _("Confirmed that the infected PC was cut off the "
                                               "network"),
          detail);
  update_page (self);
}

static void
switched_off_cb (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(TaiouDisconnectPage) self = user_data;
  g_autoptr(GError) error = NULL;
  TaiouNmOutcome outcome;

  if (!taiou_nm_disable_networking_finish (result, &outcome, &error) &&
      g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return; /* the page is going away */
  g_clear_object (&self->cancellable);
  self->attempted = TRUE;

  if (error != NULL)
    {
      g_autofree char *summary = g_strdup_printf (_("Could not switch this computer’s network "
                                                    "off: %s"), error->message);

      show_attempt_text (self, error->message, TRUE);
      record_result (self, taiou_nm_error_to_string (error), summary, error->message);
    }
  else if (outcome == TAIOU_NM_OUTCOME_ALREADY_OFF)
    {
      show_attempt_text (self, _("The network of this computer was off already."), FALSE);
      record_result (self, taiou_nm_outcome_to_string (outcome),
                     _("This computer’s network was off already"), NULL);
    }
  else
    {
      show_attempt_text (self, _("Done: this computer’s network was switched off. If the "
                                 "status above still says it is connected, please also do "
                                 "the steps below."), FALSE);
      record_result (self, taiou_nm_outcome_to_string (outcome),
                     _("NetworkManager switched this computer’s network off"), NULL);
    }
  network_changed_cb (self);
  scroll_to_part (self, GTK_WIDGET (self->manual_group));
}

static void
switch_off_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  TaiouDisconnectPage *self = TAIOU_DISCONNECT_PAGE (widget);

  if (self->cancellable != NULL)
    return;
  record (self, TAIOU_EVENT_DISCONNECT_ATTEMPT,
          _("Asked NetworkManager to switch this computer’s network off"), NULL);
  self->cancellable = g_cancellable_new ();
  show_attempt_text (self, _("Switching the network off… The computer may ask for a "
                             "password."), FALSE);
  update_page (self);
  taiou_nm_disable_networking_async (self->cancellable, switched_off_cb, g_object_ref (self));
}

/* The record of this incident, shown again when the response is resumed at this step. */
static void
restore_from_record (TaiouDisconnectPage *self)
{
  TaiouCase *case_at_hand = taiou_wizard_page_get_case (TAIOU_WIZARD_PAGE (self));
  TaiouIncident *incident = taiou_wizard_page_get_incident (TAIOU_WIZARD_PAGE (self));
  gint64 incident_id = incident != NULL ? taiou_incident_get_id (incident) : 0;
  g_autoptr(GPtrArray) events = NULL;
  Target target = TARGET_NONE;
  gboolean confirmed = FALSE;
  gboolean attempted = FALSE;
  gboolean offline_seen = FALSE;

  if (incident_id == self->shown_incident_id)
    return;
  self->shown_incident_id = incident_id;
  if (incident != NULL && case_at_hand != NULL && taiou_case_get_timeline (case_at_hand) != NULL)
    events = taiou_timeline_list_events (taiou_case_get_timeline (case_at_hand), incident_id,
                                         NULL);
  for (guint i = 0; events != NULL && i < events->len; i++)
    {
      const char *kind = taiou_event_get_kind (events->pdata[i]);
      const char *detail_json = taiou_event_get_detail (events->pdata[i]);
      g_autoptr(JsonNode) node = NULL;
      JsonObject *detail = NULL;

      if (!g_str_has_prefix (kind, "disconnect.") || detail_json == NULL)
        continue;
      node = json_from_string (detail_json, NULL);
      if (node != NULL && JSON_NODE_HOLDS_OBJECT (node))
        detail = json_node_get_object (node);
      if (g_str_equal (kind, TAIOU_EVENT_DISCONNECT_TARGET) && detail != NULL)
        {
          const char *value = json_object_get_string_member_with_default (
            detail, TAIOU_EVENT_DETAIL_TARGET, "");

          target = g_str_equal (value, TAIOU_DISCONNECT_THIS_PC) ? TARGET_THIS_PC
                   : g_str_equal (value, TAIOU_DISCONNECT_OTHER_PC) ? TARGET_OTHER_PC
                   : target;
          confirmed = FALSE;
        }
      else if (g_str_equal (kind, TAIOU_EVENT_DISCONNECT_CONFIRMED) && detail != NULL)
        confirmed = json_object_get_boolean_member_with_default (detail,
                                                                 TAIOU_EVENT_DETAIL_CONFIRMED,
                                                                 FALSE);
      else if (g_str_equal (kind, TAIOU_EVENT_DISCONNECT_RESULT) && detail != NULL)
        {
          /* The monitor's report is a result too, but no answer from NetworkManager. */
          if (g_str_equal (json_object_get_string_member_with_default (
                             detail, TAIOU_EVENT_DETAIL_OUTCOME, ""), "offline"))
            offline_seen = TRUE;
          else
            attempted = TRUE;
        }
    }

  self->restoring = TRUE;
  self->target = TARGET_NONE;
  gtk_check_button_set_active (self->this_pc_check, target == TARGET_THIS_PC);
  gtk_check_button_set_active (self->other_pc_check, target == TARGET_OTHER_PC);
  self->target = target;
  self->confirmed = confirmed;
  gtk_check_button_set_active (self->confirm_check, confirmed);
  self->attempted = attempted;
  show_attempt_text (self, NULL, FALSE);
  self->restoring = FALSE;
  self->offline_recorded = offline_seen;
  network_changed_cb (self);
}

static void
taiou_disconnect_page_shown (TaiouWizardPage *page)
{
  restore_from_record (TAIOU_DISCONNECT_PAGE (page));
}

static void
taiou_disconnect_page_get_property (GObject    *object,
                                    guint       prop_id,
                                    GValue     *value,
                                    GParamSpec *pspec)
{
  TaiouDisconnectPage *self = TAIOU_DISCONNECT_PAGE (object);

  switch (prop_id)
    {
    case PROP_NETWORK_MONITOR:
      g_value_set_object (value, self->monitor);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
taiou_disconnect_page_set_property (GObject      *object,
                                    guint         prop_id,
                                    const GValue *value,
                                    GParamSpec   *pspec)
{
  TaiouDisconnectPage *self = TAIOU_DISCONNECT_PAGE (object);

  switch (prop_id)
    {
    case PROP_NETWORK_MONITOR:
      taiou_disconnect_page_set_network_monitor (self, g_value_get_object (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
taiou_disconnect_page_dispose (GObject *object)
{
  TaiouDisconnectPage *self = TAIOU_DISCONNECT_PAGE (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  if (self->monitor != NULL)
    g_signal_handlers_disconnect_by_data (self->monitor, self);
  g_clear_object (&self->monitor);
  gtk_widget_dispose_template (GTK_WIDGET (self), TAIOU_TYPE_DISCONNECT_PAGE);

  G_OBJECT_CLASS (taiou_disconnect_page_parent_class)->dispose (object);
}

static void
taiou_disconnect_page_class_init (TaiouDisconnectPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  TaiouWizardPageClass *page_class = TAIOU_WIZARD_PAGE_CLASS (klass);

  object_class->dispose = taiou_disconnect_page_dispose;
  object_class->get_property = taiou_disconnect_page_get_property;
  object_class->set_property = taiou_disconnect_page_set_property;
  page_class->shown = taiou_disconnect_page_shown;

  /**
   * TaiouDisconnectPage:network-monitor:
   *
   * Where this computer's connectivity is read: GIO's default monitor unless set (the tests
   * set a monitor whose networks they control, to show the page a network going away).
   */
  properties[PROP_NETWORK_MONITOR] =
    g_param_spec_object ("network-monitor", NULL, NULL, G_TYPE_NETWORK_MONITOR,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  g_type_ensure (TAIOU_TYPE_FEEDS_UPDATER);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/taiou/Taiou/"
                                               "taiou-disconnect-page.ui");
  gtk_widget_class_bind_template_child (widget_class, TaiouDisconnectPage, status_row);
  gtk_widget_class_bind_template_child (widget_class, TaiouDisconnectPage, status_icon);
  gtk_widget_class_bind_template_child (widget_class, TaiouDisconnectPage, this_pc_check);
  gtk_widget_class_bind_template_child (widget_class, TaiouDisconnectPage, other_pc_check);
  gtk_widget_class_bind_template_child (widget_class, TaiouDisconnectPage, this_pc_box);
  gtk_widget_class_bind_template_child (widget_class, TaiouDisconnectPage, switch_off_button);
  gtk_widget_class_bind_template_child (widget_class, TaiouDisconnectPage, spinner);
  gtk_widget_class_bind_template_child (widget_class, TaiouDisconnectPage, attempt_label);
  gtk_widget_class_bind_template_child (widget_class, TaiouDisconnectPage, manual_group);
  gtk_widget_class_bind_template_child (widget_class, TaiouDisconnectPage, confirm_row);
  gtk_widget_class_bind_template_child (widget_class, TaiouDisconnectPage, confirm_check);
  gtk_widget_class_bind_template_child (widget_class, TaiouDisconnectPage, record_error_label);
  gtk_widget_class_bind_template_callback (widget_class, target_toggled_cb);
  gtk_widget_class_bind_template_callback (widget_class, confirm_toggled_cb);

  gtk_widget_class_install_action (widget_class, "disconnect-page.switch-off", NULL,
                                   switch_off_action);
}

static void
taiou_disconnect_page_init (TaiouDisconnectPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  taiou_wizard_page_set_skippable (TAIOU_WIZARD_PAGE (self), TRUE);
  taiou_disconnect_page_set_network_monitor (self, NULL);
}

/* Returns: (transfer none): where the page reads this computer's connectivity */
GNetworkMonitor *
taiou_disconnect_page_get_network_monitor (TaiouDisconnectPage *self)
{
  g_return_val_if_fail (TAIOU_IS_DISCONNECT_PAGE (self), NULL);
  return self->monitor;
}

/**
 * taiou_disconnect_page_set_network_monitor:
 * @monitor: (nullable): %NULL for GIO's default monitor
 */
void
taiou_disconnect_page_set_network_monitor (TaiouDisconnectPage *self,
                                           GNetworkMonitor     *monitor)
{
  g_return_if_fail (TAIOU_IS_DISCONNECT_PAGE (self));
  g_return_if_fail (monitor == NULL || G_IS_NETWORK_MONITOR (monitor));

  if (monitor == NULL)
    monitor = g_network_monitor_get_default ();
  if (monitor == self->monitor)
    return;
  if (self->monitor != NULL)
    g_signal_handlers_disconnect_by_data (self->monitor, self);
  g_set_object (&self->monitor, monitor);
  g_signal_connect_object (monitor, "notify::network-available",
                           G_CALLBACK (network_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (monitor, "notify::connectivity",
                           G_CALLBACK (network_changed_cb), self, G_CONNECT_SWAPPED);
  network_changed_cb (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_NETWORK_MONITOR]);
}

/* Returns: (nullable): TAIOU_DISCONNECT_THIS_PC, TAIOU_DISCONNECT_OTHER_PC, or %NULL */
const char *
taiou_disconnect_page_get_target (TaiouDisconnectPage *self)
{
  g_return_val_if_fail (TAIOU_IS_DISCONNECT_PAGE (self), NULL);

  switch (self->target)
    {
    case TARGET_THIS_PC:
      return TAIOU_DISCONNECT_THIS_PC;
    case TARGET_OTHER_PC:
      return TAIOU_DISCONNECT_OTHER_PC;
    case TARGET_NONE:
    default:
      return NULL;
    }
}

/* Returns: whether a request to NetworkManager is under way */
gboolean
taiou_disconnect_page_get_busy (TaiouDisconnectPage *self)
{
  g_return_val_if_fail (TAIOU_IS_DISCONNECT_PAGE (self), FALSE);
  return self->cancellable != NULL;
}
