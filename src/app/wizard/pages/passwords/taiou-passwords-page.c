/* taiou-passwords-page.c — step 4: change the passwords the malware may have taken
 *
 * Emotet takes the mail accounts and what the PC and its browsers remember (FACTS.md step 4;
 * data/guidance/passwords.json).  The page first stops the worker from doing the natural thing
 * on the wrong machine: a gate they acknowledge says not to change passwords on the PC before
 * the virus is removed (佐賀県警察; whether to use another device, as issue 12 words it, is an
 * open question in data/guidance/README.md, so the gate does not say it).  Then a checklist
 * of what to change, each item marked changed or not applicable, and a generator for new
 * passwords (TaiouPasswordGeneratorView), which records nothing at all.
 *
 * Every mark is an event in the incident (taiou-event-kinds.h, TAIOU_EVENT_PASSWORDS_*); the
 * page keeps no state of its own across restarts: when shown, it reads the checklist back from
 * the incident's events (taiou_password_checklist_read), so resuming shows what was recorded.
 * The step is complete once the gate was passed and no item is left open.
 */
#define G_LOG_DOMAIN "taiou-wizard"

#include "config.h"

#include <glib/gi18n.h>

#include "taiou-password-checklist-group.h"
#include "taiou-password-generator-view.h"
#include "taiou-passwords-page.h"

/* The instruction the gate asks the worker to acknowledge; recorded with the acknowledgement. */
#define GATE_RECORD "passwords.after-removal"

struct _TaiouPasswordsPage
{
  TaiouWizardPage              parent_instance;

  AdwToastOverlay             *toast_overlay;
  GtkStack                    *stack;
  TaiouPasswordChecklistGroup *checklist_group;
  TaiouPasswordGeneratorView  *generator_view;

  TaiouPasswordChecklist      *checklist;
};

G_DEFINE_FINAL_TYPE (TaiouPasswordsPage, taiou_passwords_page, TAIOU_TYPE_WIZARD_PAGE)

static void
show_error (TaiouPasswordsPage *self,
            const GError       *error)
{
  AdwToast *toast = adw_toast_new (error->message);

  adw_toast_set_timeout (toast, 0);
  adw_toast_overlay_add_toast (self->toast_overlay, toast);
}

static void
update_view (TaiouPasswordsPage *self)
{
  gtk_stack_set_visible_child_name (self->stack, self->checklist->acknowledged ? "work" : "gate");
  taiou_wizard_page_set_complete (TAIOU_WIZARD_PAGE (self),
                                  taiou_password_checklist_is_complete (self->checklist));
}

static gboolean
record (TaiouPasswordsPage *self,
        const char         *kind,
        const char         *summary,
        JsonObject         *detail)
{
  TaiouCase *case_at_hand = taiou_wizard_page_get_case (TAIOU_WIZARD_PAGE (self));
  g_autoptr(GError) error = NULL;

  if (case_at_hand == NULL)
    return FALSE;
  if (!taiou_case_record_answer (case_at_hand, kind, summary, detail, &error))
    {
      show_error (self, error);
      return FALSE;
    }
  return TRUE;
}

/* Reads the checklist back from the incident's own events: what was recorded is what shows. */
static void
reload (TaiouPasswordsPage *self)
{
  TaiouIncident *incident = taiou_wizard_page_get_incident (TAIOU_WIZARD_PAGE (self));
  TaiouTimeline *timeline = taiou_wizard_page_get_timeline (TAIOU_WIZARD_PAGE (self));
  g_autoptr(GPtrArray) events = NULL;
  g_autoptr(GError) error = NULL;

  if (incident != NULL && timeline != NULL)
    {
      events = taiou_timeline_list_events (timeline, taiou_incident_get_id (incident), &error);
      if (events == NULL)
        show_error (self, error);
    }
  g_clear_pointer (&self->checklist, taiou_password_checklist_free);
  self->checklist = events != NULL ? taiou_password_checklist_read (events)
                                   : taiou_password_checklist_new ();
  taiou_password_checklist_group_set_checklist (self->checklist_group, self->checklist);
  update_view (self);
}

static void
taiou_passwords_page_shown (TaiouWizardPage *page)
{
  reload (TAIOU_PASSWORDS_PAGE (page));
}

static void
acknowledge_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  TaiouPasswordsPage *self = TAIOU_PASSWORDS_PAGE (widget);
  g_autoptr(JsonObject) detail = json_object_new ();

  json_object_set_string_member (detail, "guidance", GATE_RECORD);
  if (!record (self, TAIOU_EVENT_PASSWORDS_ACKNOWLEDGED,
               _("Agreed not to change passwords on the PC that may be infected before the virus "
                 "is removed"), detail))
    return;
  self->checklist->acknowledged = TRUE;
  update_view (self);
}

static void
state_chosen_cb (TaiouPasswordsPage          *self,
                 const char                  *id,
                 int                          state,
                 TaiouPasswordChecklistGroup *group)
{
  TaiouPasswordItem *item = taiou_password_checklist_lookup (self->checklist, id);
  TaiouPasswordItemState before;
  g_autoptr(JsonObject) detail = NULL;
  g_autofree char *summary = NULL;

  g_return_if_fail (item != NULL);

  before = item->state;
  item->state = (TaiouPasswordItemState) state;
  detail = taiou_password_item_to_json (item);
  summary = taiou_password_item_dup_summary (item);
  if (record (self, TAIOU_EVENT_PASSWORDS_ITEM, summary, detail))
    item->changed_us = g_get_real_time ();
  else
    item->state = before;
  update_view (self);
}

static void
add_requested_cb (TaiouPasswordsPage          *self,
                  const char                  *label,
                  TaiouPasswordChecklistGroup *group)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) detail = NULL;
  g_autofree char *summary = NULL;
  TaiouPasswordItem *item;

  item = taiou_password_checklist_add_custom (self->checklist, label, &error);
  if (item == NULL)
    {
      show_error (self, error);
      taiou_password_checklist_group_entry_done (group, FALSE);
      return;
    }
  detail = taiou_password_item_to_json (item);
  summary = g_strdup_printf (_("Added to the passwords to change: %s"), item->label);
  if (!record (self, TAIOU_EVENT_PASSWORDS_ITEM_ADDED, summary, detail))
    {
      g_ptr_array_remove (self->checklist->items, item);
      taiou_password_checklist_group_entry_done (group, FALSE);
      return;
    }
  taiou_password_checklist_group_entry_done (group, TRUE);
  update_view (self);
}

static void
taiou_passwords_page_dispose (GObject *object)
{
  TaiouPasswordsPage *self = TAIOU_PASSWORDS_PAGE (object);

  /* The bin's child is a bound template child (toast_overlay): let the bin drop it first, or
   * the template would unparent it behind the bin's back. */
  adw_bin_set_child (ADW_BIN (self), NULL);
  gtk_widget_dispose_template (GTK_WIDGET (self), TAIOU_TYPE_PASSWORDS_PAGE);
  g_clear_pointer (&self->checklist, taiou_password_checklist_free);

  G_OBJECT_CLASS (taiou_passwords_page_parent_class)->dispose (object);
}

static void
taiou_passwords_page_class_init (TaiouPasswordsPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  TaiouWizardPageClass *page_class = TAIOU_WIZARD_PAGE_CLASS (klass);

  object_class->dispose = taiou_passwords_page_dispose;
  page_class->shown = taiou_passwords_page_shown;

  g_type_ensure (TAIOU_TYPE_PASSWORD_CHECKLIST_GROUP);
  g_type_ensure (TAIOU_TYPE_PASSWORD_GENERATOR_VIEW);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/taiou/Taiou/taiou-passwords-page.ui");
  gtk_widget_class_bind_template_child (widget_class, TaiouPasswordsPage, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, TaiouPasswordsPage, stack);
  gtk_widget_class_bind_template_child (widget_class, TaiouPasswordsPage, checklist_group);
  gtk_widget_class_bind_template_child (widget_class, TaiouPasswordsPage, generator_view);
  gtk_widget_class_bind_template_callback (widget_class, state_chosen_cb);
  gtk_widget_class_bind_template_callback (widget_class, add_requested_cb);

  gtk_widget_class_install_action (widget_class, "passwords-page.acknowledge", NULL,
                                   acknowledge_action);
}

static void
taiou_passwords_page_init (TaiouPasswordsPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  /* Some services can only be changed later, by someone else (the bank, the IT manager). */
  taiou_wizard_page_set_skippable (TAIOU_WIZARD_PAGE (self), TRUE);
  self->checklist = taiou_password_checklist_new ();
  taiou_password_checklist_group_set_checklist (self->checklist_group, self->checklist);
  update_view (self);
}
