/* taiou-password-checklist-group.c — the passwords to change, each marked changed or not used
 *
 * One row per item of a TaiouPasswordChecklist (libtaiou), with two toggles: 「変更済み」 and
 * 「該当なし」; pressing the active one again reopens the item.  An entry row at the end adds
 * the worker's own items.  The group only shows and asks: it emits "state-chosen" and
 * "add-requested", and the page records the change in the incident and then refreshes the
 * group — so what is shown is always what was recorded.  Rows are updated in place, not
 * rebuilt, so keyboard focus stays on the toggle just pressed.
 */
#define G_LOG_DOMAIN "taiou-wizard"

#include "config.h"

#include <glib/gi18n.h>

#include "taiou-password-checklist-group.h"

#define ITEM_ID_KEY "taiou-item-id"

struct _TaiouPasswordChecklistGroup
{
  AdwBin                  parent_instance;

  GtkListBox             *list_box;
  AdwEntryRow            *add_row;

  TaiouPasswordChecklist *checklist;  /* (unowned) the page's */
  GPtrArray              *rows;       /* AdwActionRow, one per item, in the list's order */
  gboolean                syncing;    /* toggles set from the list, not by the worker */
};

G_DEFINE_FINAL_TYPE (TaiouPasswordChecklistGroup, taiou_password_checklist_group, ADW_TYPE_BIN)

enum {
  STATE_CHOSEN,
  ADD_REQUESTED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static GtkToggleButton *
row_toggle (AdwActionRow           *row,
            TaiouPasswordItemState  state)
{
  return g_object_get_data (G_OBJECT (row),
                            state == TAIOU_PASSWORD_ITEM_DONE ? "done-button"
                                                              : "not-applicable-button");
}

static char *
dup_subtitle (TaiouPasswordItem *item)
{
  const char *description = taiou_password_item_get_description (item);
  g_autoptr(GDateTime) when = NULL;
  g_autofree char *time = NULL;

  if (item->state == TAIOU_PASSWORD_ITEM_OPEN || item->changed_us == 0)
    return g_strdup (description != NULL ? description : "");
  when = g_date_time_new_from_unix_local (item->changed_us / G_USEC_PER_SEC);
  /* Translators: when an item was marked, as in "Dec 3, 10:15" */
  time = g_date_time_format (when, _("%b %-d, %H:%M"));
  if (item->state == TAIOU_PASSWORD_ITEM_DONE)
    return g_strdup_printf (_("Changed (%s)"), time);
  return g_strdup_printf (_("Not applicable (%s)"), time);
}

/* The row's state at a glance, beside the toggles that say it in words. */
static void
sync_status_icon (GtkImage               *icon,
                  TaiouPasswordItemState  state)
{
  GtkWidget *widget = GTK_WIDGET (icon);

  gtk_widget_remove_css_class (widget, "success");
  gtk_widget_remove_css_class (widget, "dim-label");
  switch (state)
    {
    case TAIOU_PASSWORD_ITEM_DONE:
      gtk_image_set_from_icon_name (icon, "object-select-symbolic");
      gtk_widget_add_css_class (widget, "success");
      break;
    case TAIOU_PASSWORD_ITEM_NOT_APPLICABLE:
      gtk_image_set_from_icon_name (icon, "action-unavailable-symbolic");
      gtk_widget_add_css_class (widget, "dim-label");
      break;
    case TAIOU_PASSWORD_ITEM_OPEN:
    default:
      gtk_image_set_from_icon_name (icon, "radio-symbolic");
      gtk_widget_add_css_class (widget, "dim-label");
      break;
    }
}

static void
sync_row (TaiouPasswordChecklistGroup *self,
          AdwActionRow                *row,
          TaiouPasswordItem           *item)
{
  g_autofree char *subtitle = dup_subtitle (item);

  self->syncing = TRUE;
  gtk_toggle_button_set_active (row_toggle (row, TAIOU_PASSWORD_ITEM_DONE),
                                item->state == TAIOU_PASSWORD_ITEM_DONE);
  gtk_toggle_button_set_active (row_toggle (row, TAIOU_PASSWORD_ITEM_NOT_APPLICABLE),
                                item->state == TAIOU_PASSWORD_ITEM_NOT_APPLICABLE);
  self->syncing = FALSE;
  adw_action_row_set_subtitle (row, subtitle);
  sync_status_icon (g_object_get_data (G_OBJECT (row), "status-icon"), item->state);
}

static void
toggle_toggled_cb (GtkToggleButton             *button,
                   TaiouPasswordChecklistGroup *self)
{
  GtkWidget *row = gtk_widget_get_ancestor (GTK_WIDGET (button), ADW_TYPE_ACTION_ROW);
  TaiouPasswordItemState state;

  if (self->syncing)
    return;
  state = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (button), "taiou-state"));
  if (!gtk_toggle_button_get_active (button))
    state = TAIOU_PASSWORD_ITEM_OPEN;
  g_signal_emit (self, signals[STATE_CHOSEN], 0,
                 g_object_get_data (G_OBJECT (row), ITEM_ID_KEY), (int) state);
  /* The page has recorded the change, or not: show what the list now says. */
  taiou_password_checklist_group_refresh (self);
}

static GtkWidget *
new_toggle (AdwActionRow           *row,
            TaiouPasswordItem      *item,
            TaiouPasswordItemState  state,
            const char             *label)
{
  GtkWidget *button = gtk_toggle_button_new_with_label (label);
  g_autofree char *accessible = g_strdup_printf ("%s: %s", taiou_password_item_get_label (item),
                                                 label);

  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  gtk_widget_set_name (button, state == TAIOU_PASSWORD_ITEM_DONE ? "done-button"
                                                                 : "not-applicable-button");
  g_object_set_data (G_OBJECT (button), "taiou-state", GINT_TO_POINTER (state));
  g_object_set_data (G_OBJECT (row), gtk_widget_get_name (button), button);
  gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  accessible, -1);
  return button;
}

static AdwActionRow *
new_row (TaiouPasswordChecklistGroup *self,
         TaiouPasswordItem           *item)
{
  AdwActionRow *row = ADW_ACTION_ROW (adw_action_row_new ());
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 0);
  GtkWidget *icon = gtk_image_new ();
  GtkWidget *done;
  GtkWidget *not_applicable;

  /* A custom label is the worker's text, not markup. */
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), taiou_password_item_get_label (item));
  g_object_set_data_full (G_OBJECT (row), ITEM_ID_KEY, g_strdup (item->id), g_free);

  done = new_toggle (row, item, TAIOU_PASSWORD_ITEM_DONE, _("Changed"));
  not_applicable = new_toggle (row, item, TAIOU_PASSWORD_ITEM_NOT_APPLICABLE,
                               _("Not applicable"));
  gtk_widget_add_css_class (box, "linked");
  gtk_widget_set_valign (box, GTK_ALIGN_CENTER);
  gtk_box_append (GTK_BOX (box), done);
  gtk_box_append (GTK_BOX (box), not_applicable);
  adw_action_row_add_suffix (row, box);
  /* Decoration: the subtitle says the state in words for screen readers. */
  gtk_accessible_update_property (GTK_ACCESSIBLE (icon), GTK_ACCESSIBLE_PROPERTY_LABEL, "", -1);
  gtk_widget_set_can_target (icon, FALSE);
  adw_action_row_add_prefix (row, icon);
  g_object_set_data (G_OBJECT (row), "status-icon", icon);
  g_signal_connect_object (done, "toggled", G_CALLBACK (toggle_toggled_cb), self, 0);
  g_signal_connect_object (not_applicable, "toggled", G_CALLBACK (toggle_toggled_cb), self, 0);
  return row;
}

static void
remove_rows (TaiouPasswordChecklistGroup *self)
{
  for (guint i = 0; i < self->rows->len; i++)
    gtk_list_box_remove (self->list_box, self->rows->pdata[i]);
  g_ptr_array_set_size (self->rows, 0);
}

/**
 * taiou_password_checklist_group_refresh:
 *
 * Shows the list's states and adds rows for items added to it since.
 */
void
taiou_password_checklist_group_refresh (TaiouPasswordChecklistGroup *self)
{
  g_return_if_fail (TAIOU_IS_PASSWORD_CHECKLIST_GROUP (self));

  if (self->checklist == NULL)
    return;
  for (guint i = 0; i < self->checklist->items->len; i++)
    {
      TaiouPasswordItem *item = self->checklist->items->pdata[i];

      if (i >= self->rows->len)
        {
          AdwActionRow *row = new_row (self, item);

          gtk_list_box_insert (self->list_box, GTK_WIDGET (row), (int) i);
          g_ptr_array_add (self->rows, row);
        }
      sync_row (self, self->rows->pdata[i], item);
    }
}

/* Shows @checklist (owned by the caller, who keeps it alive while it is shown). */
void
taiou_password_checklist_group_set_checklist (TaiouPasswordChecklistGroup *self,
                                              TaiouPasswordChecklist      *checklist)
{
  g_return_if_fail (TAIOU_IS_PASSWORD_CHECKLIST_GROUP (self));

  remove_rows (self);
  self->checklist = checklist;
  taiou_password_checklist_group_refresh (self);
}

/* The page's answer to "add-requested": clear the entry once added, else mark it wrong. */
void
taiou_password_checklist_group_entry_done (TaiouPasswordChecklistGroup *self,
                                           gboolean                     added)
{
  g_return_if_fail (TAIOU_IS_PASSWORD_CHECKLIST_GROUP (self));

  if (added)
    {
      gtk_widget_remove_css_class (GTK_WIDGET (self->add_row), "error");
      gtk_editable_set_text (GTK_EDITABLE (self->add_row), "");
      taiou_password_checklist_group_refresh (self);
    }
  else
    gtk_widget_add_css_class (GTK_WIDGET (self->add_row), "error");
}

static void
add_row_apply_cb (TaiouPasswordChecklistGroup *self)
{
  g_signal_emit (self, signals[ADD_REQUESTED], 0,
                 gtk_editable_get_text (GTK_EDITABLE (self->add_row)));
}

static void
taiou_password_checklist_group_dispose (GObject *object)
{
  TaiouPasswordChecklistGroup *self = TAIOU_PASSWORD_CHECKLIST_GROUP (object);

  self->checklist = NULL;
  gtk_widget_dispose_template (GTK_WIDGET (self), TAIOU_TYPE_PASSWORD_CHECKLIST_GROUP);

  G_OBJECT_CLASS (taiou_password_checklist_group_parent_class)->dispose (object);
}

static void
taiou_password_checklist_group_finalize (GObject *object)
{
  TaiouPasswordChecklistGroup *self = TAIOU_PASSWORD_CHECKLIST_GROUP (object);

  g_ptr_array_unref (self->rows);

  G_OBJECT_CLASS (taiou_password_checklist_group_parent_class)->finalize (object);
}

static void
taiou_password_checklist_group_class_init (TaiouPasswordChecklistGroupClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = taiou_password_checklist_group_dispose;
  object_class->finalize = taiou_password_checklist_group_finalize;

  /* The worker marked the item @id (TaiouPasswordItemState @state; OPEN when reopened). */
  signals[STATE_CHOSEN] =
    g_signal_new ("state-chosen", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL,
                  NULL, G_TYPE_NONE, 2, G_TYPE_STRING, G_TYPE_INT);
  /* The worker asked to add an item of their own, named @label (not checked yet). */
  signals[ADD_REQUESTED] =
    g_signal_new ("add-requested", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL,
                  NULL, G_TYPE_NONE, 1, G_TYPE_STRING);

  gtk_widget_class_set_template_from_resource (
    widget_class, "/io/github/taiou/Taiou/taiou-password-checklist-group.ui");
  gtk_widget_class_bind_template_child (widget_class, TaiouPasswordChecklistGroup, list_box);
  gtk_widget_class_bind_template_child (widget_class, TaiouPasswordChecklistGroup, add_row);
  gtk_widget_class_bind_template_callback (widget_class, add_row_apply_cb);
}

static void
taiou_password_checklist_group_init (TaiouPasswordChecklistGroup *self)
{
  self->rows = g_ptr_array_new ();
  gtk_widget_init_template (GTK_WIDGET (self));
}
