/* taiou-password-checklist.c — what to change after an infection, and what has been changed
 *
 * Emotet-style malware takes the mail accounts and whatever the PC and its browsers remember
 * (data/guidance/passwords.json), so the worker goes through a list: each item is marked
 * changed or not applicable, and may be reopened.  Workers add their own items (a shop, a
 * supplier's portal).
 *
 * The list is not kept anywhere but in the incident's own events: the page records each change
 * (TAIOU_EVENT_PASSWORDS_*) and, on resume, reads the list back from them with
 * taiou_password_checklist_read(), as TaiouStepProgress does for the steps.  So the record view,
 * the report and the resumed page all tell the same story, and there is no second copy to get
 * out of step.  Labels and states are recorded; a password never is.
 */
#define G_LOG_DOMAIN "taiou-password"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "taiou-event.h"
#include "taiou-event-kinds.h"
#include "taiou-password-checklist.h"
#include "taiou-password-generator.h"

#define CUSTOM_PREFIX "custom-"

static const struct
{
  const char *id;
  const char *label;
  const char *description;
} builtin_items[] = {
  { "mail", N_("Mail accounts"), N_("The login to the mail server, for each address used on the PC") },
  { "mail-program", N_("Passwords saved in the mail program"), N_("Outlook, Thunderbird and other mail programs") },
  { "browser", N_("Passwords saved in web browsers"), N_("Sites whose passwords Chrome, Edge or Firefox remembered") },
  { "windows", N_("The Windows or domain login"), N_("The password you sign in to the PC with") },
  { "vpn", N_("VPN"), N_("Remote access to the office network") },
  { "cloud", N_("Cloud services"), N_("Microsoft 365, Google, file sharing and similar services") },
  { "banking", N_("Online banking"), N_("Business and personal online banking") },
};

static const char * const state_names[] = {
  [TAIOU_PASSWORD_ITEM_OPEN] = "open",
  [TAIOU_PASSWORD_ITEM_DONE] = "done",
  [TAIOU_PASSWORD_ITEM_NOT_APPLICABLE] = "not-applicable",
};

static void
item_free (gpointer data)
{
  TaiouPasswordItem *item = data;

  g_free (item->id);
  g_free (item->label);
  g_free (item);
}

static TaiouPasswordItem *
item_new (const char *id,
          const char *label)
{
  TaiouPasswordItem *item = g_new0 (TaiouPasswordItem, 1);

  item->id = g_strdup (id);
  item->label = g_strdup (label);
  return item;
}

static int
builtin_index (const char *id)
{
  for (gsize i = 0; i < G_N_ELEMENTS (builtin_items); i++)
    if (g_strcmp0 (builtin_items[i].id, id) == 0)
      return (int) i;
  return -1;
}

/**
 * taiou_password_checklist_new:
 *
 * Returns: (transfer full): the built-in items, none dealt with, nothing acknowledged
 */
TaiouPasswordChecklist *
taiou_password_checklist_new (void)
{
  TaiouPasswordChecklist *self = g_new0 (TaiouPasswordChecklist, 1);

  self->items = g_ptr_array_new_with_free_func (item_free);
  for (gsize i = 0; i < G_N_ELEMENTS (builtin_items); i++)
    g_ptr_array_add (self->items, item_new (builtin_items[i].id, NULL));
  return self;
}

void
taiou_password_checklist_free (TaiouPasswordChecklist *self)
{
  if (self == NULL)
    return;
  g_ptr_array_unref (self->items);
  g_free (self);
}

TaiouPasswordItem *
taiou_password_checklist_lookup (TaiouPasswordChecklist *self,
                                 const char             *id)
{
  g_return_val_if_fail (self != NULL, NULL);

  for (guint i = 0; i < self->items->len; i++)
    {
      TaiouPasswordItem *item = self->items->pdata[i];

      if (g_strcmp0 (item->id, id) == 0)
        return item;
    }
  return NULL;
}

static guint
count_custom (TaiouPasswordChecklist *self)
{
  guint count = 0;

  for (guint i = 0; i < self->items->len; i++)
    if (((TaiouPasswordItem *) self->items->pdata[i])->label != NULL)
      count++;
  return count;
}

/* Returns: (transfer full): @label trimmed, or NULL with @error set when it cannot be a label */
static char *
check_label (const char  *label,
             GError     **error)
{
  g_autofree char *trimmed = NULL;

  if (label == NULL || !g_utf8_validate (label, -1, NULL))
    {
      g_set_error (error, TAIOU_PASSWORD_ERROR, TAIOU_PASSWORD_ERROR_INVALID,
                   _("The name is not readable text."));
      return NULL;
    }
  trimmed = g_strstrip (g_strdup (label));
  if (trimmed[0] == '\0')
    {
      g_set_error (error, TAIOU_PASSWORD_ERROR, TAIOU_PASSWORD_ERROR_INVALID,
                   _("Type a name for the item."));
      return NULL;
    }
  if (g_utf8_strlen (trimmed, -1) > TAIOU_PASSWORD_CUSTOM_LABEL_MAX)
    {
      g_set_error (error, TAIOU_PASSWORD_ERROR, TAIOU_PASSWORD_ERROR_INVALID,
                   _("The name is too long: use at most %d characters."),
                   TAIOU_PASSWORD_CUSTOM_LABEL_MAX);
      return NULL;
    }
  for (const char *c = trimmed; *c != '\0'; c = g_utf8_next_char (c))
    if (g_unichar_iscntrl (g_utf8_get_char (c)))
      {
        g_set_error (error, TAIOU_PASSWORD_ERROR, TAIOU_PASSWORD_ERROR_INVALID,
                     _("The name must be one line."));
        return NULL;
      }
  return g_steal_pointer (&trimmed);
}

static TaiouPasswordItem *
add_custom (TaiouPasswordChecklist  *self,
            const char              *id,
            const char              *label,
            GError                 **error)
{
  g_autofree char *checked = check_label (label, error);

  if (checked == NULL)
    return NULL;
  if (count_custom (self) >= TAIOU_PASSWORD_CUSTOM_ITEMS_MAX)
    {
      g_set_error (error, TAIOU_PASSWORD_ERROR, TAIOU_PASSWORD_ERROR_INVALID,
                   _("The list already has %d items of your own."),
                   TAIOU_PASSWORD_CUSTOM_ITEMS_MAX);
      return NULL;
    }
  g_ptr_array_add (self->items, item_new (id, checked));
  return self->items->pdata[self->items->len - 1];
}

/**
 * taiou_password_checklist_add_custom:
 * @label: the worker's name for it ("the supplier's order portal"); trimmed, one line, at most
 *   TAIOU_PASSWORD_CUSTOM_LABEL_MAX characters
 *
 * Returns: (transfer none): the new item, open, with the next free "custom-N" id
 */
TaiouPasswordItem *
taiou_password_checklist_add_custom (TaiouPasswordChecklist  *self,
                                     const char              *label,
                                     GError                 **error)
{
  g_autofree char *id = NULL;
  guint next = 1;

  g_return_val_if_fail (self != NULL, NULL);

  while (id == NULL)
    {
      g_autofree char *candidate = g_strdup_printf (CUSTOM_PREFIX "%u", next++);

      if (taiou_password_checklist_lookup (self, candidate) == NULL)
        id = g_steal_pointer (&candidate);
    }
  return add_custom (self, id, label, error);
}

/* Returns: TRUE once the gate was passed and no item is left open */
gboolean
taiou_password_checklist_is_complete (TaiouPasswordChecklist *self)
{
  g_return_val_if_fail (self != NULL, FALSE);

  if (!self->acknowledged)
    return FALSE;
  for (guint i = 0; i < self->items->len; i++)
    if (((TaiouPasswordItem *) self->items->pdata[i])->state == TAIOU_PASSWORD_ITEM_OPEN)
      return FALSE;
  return TRUE;
}

/* Returns: (transfer none): the label in the user's language (a custom item's as typed) */
const char *
taiou_password_item_get_label (TaiouPasswordItem *item)
{
  int index;

  g_return_val_if_fail (item != NULL, NULL);

  if (item->label != NULL)
    return item->label;
  index = builtin_index (item->id);
  return index >= 0 ? _(builtin_items[index].label) : item->id;
}

/* Returns: (transfer none) (nullable): what a built-in item covers; NULL for custom ones */
const char *
taiou_password_item_get_description (TaiouPasswordItem *item)
{
  int index;

  g_return_val_if_fail (item != NULL, NULL);

  index = item->label == NULL ? builtin_index (item->id) : -1;
  return index >= 0 ? _(builtin_items[index].description) : NULL;
}

const char *
taiou_password_item_state_to_string (TaiouPasswordItemState state)
{
  g_return_val_if_fail (state < G_N_ELEMENTS (state_names), NULL);
  return state_names[state];
}

gboolean
taiou_password_item_state_from_string (const char             *text,
                                       TaiouPasswordItemState *state)
{
  for (gsize i = 0; i < G_N_ELEMENTS (state_names); i++)
    if (g_strcmp0 (state_names[i], text) == 0)
      {
        *state = (TaiouPasswordItemState) i;
        return TRUE;
      }
  return FALSE;
}

/**
 * taiou_password_item_to_json:
 *
 * Returns: (transfer full): {item, label, state}: the detail of its event.  The label is the
 *   item's English one for a built-in item, so the record reads the same in every language.
 */
JsonObject *
taiou_password_item_to_json (TaiouPasswordItem *item)
{
  JsonObject *detail = json_object_new ();
  int index;

  g_return_val_if_fail (item != NULL, NULL);

  index = item->label == NULL ? builtin_index (item->id) : -1;
  json_object_set_string_member (detail, TAIOU_EVENT_DETAIL_ITEM, item->id);
  json_object_set_string_member (detail, TAIOU_EVENT_DETAIL_LABEL,
                                 index >= 0 ? builtin_items[index].label : item->label);
  json_object_set_string_member (detail, TAIOU_EVENT_DETAIL_STATE,
                                 taiou_password_item_state_to_string (item->state));
  return detail;
}

/* Returns: (transfer full): the summary line of the item's event */
char *
taiou_password_item_dup_summary (TaiouPasswordItem *item)
{
  const char *label;

  g_return_val_if_fail (item != NULL, NULL);

  label = taiou_password_item_get_label (item);
  switch (item->state)
    {
    case TAIOU_PASSWORD_ITEM_DONE:
      return g_strdup_printf (_("Password changed: %s"), label);
    case TAIOU_PASSWORD_ITEM_NOT_APPLICABLE:
      return g_strdup_printf (_("Password change not applicable: %s"), label);
    case TAIOU_PASSWORD_ITEM_OPEN:
    default:
      return g_strdup_printf (_("Password change to do again: %s"), label);
    }
}

/* The event's detail as an object, or NULL when it is none. */
static JsonObject *
parse_detail (TaiouEvent *event,
              JsonNode  **node)
{
  if (taiou_event_get_detail (event) == NULL)
    return NULL;
  *node = json_from_string (taiou_event_get_detail (event), NULL);
  if (*node == NULL || !JSON_NODE_HOLDS_OBJECT (*node))
    return NULL;
  return json_node_get_object (*node);
}

static TaiouPasswordItem *
find_or_add_custom (TaiouPasswordChecklist *self,
                    const char             *id,
                    const char             *label)
{
  TaiouPasswordItem *item = taiou_password_checklist_lookup (self, id);

  if (item != NULL)
    return item;
  if (!g_str_has_prefix (id, CUSTOM_PREFIX))
    return NULL;
  /* A bad or missing label, or one item too many: the record was not written by Taiou. */
  return add_custom (self, id, label, NULL);
}

/**
 * taiou_password_checklist_read:
 * @events: (element-type TaiouEvent): one incident's events, oldest first
 *
 * Replays the passwords step's events.  Others, unknown built-in items and unreadable details
 * are ignored, so a newer or older Taiou's record still reads.
 *
 * Returns: (transfer full): the checklist as the events leave it
 */
TaiouPasswordChecklist *
taiou_password_checklist_read (GPtrArray *events)
{
  TaiouPasswordChecklist *self = taiou_password_checklist_new ();

  g_return_val_if_fail (events != NULL, self);

  for (guint i = 0; i < events->len; i++)
    {
      TaiouEvent *event = events->pdata[i];
      const char *kind = taiou_event_get_kind (event);
      g_autoptr(JsonNode) node = NULL;
      TaiouPasswordItemState state;
      TaiouPasswordItem *item;
      JsonObject *detail;
      const char *id;

      if (g_strcmp0 (kind, TAIOU_EVENT_PASSWORDS_ACKNOWLEDGED) == 0)
        {
          self->acknowledged = TRUE;
          continue;
        }
      if (g_strcmp0 (kind, TAIOU_EVENT_PASSWORDS_ITEM_ADDED) != 0 &&
          g_strcmp0 (kind, TAIOU_EVENT_PASSWORDS_ITEM) != 0)
        continue;
      detail = parse_detail (event, &node);
      if (detail == NULL)
        continue;
      id = json_object_get_string_member_with_default (detail, TAIOU_EVENT_DETAIL_ITEM, NULL);
      if (id == NULL)
        continue;
      item = find_or_add_custom (self, id,
                                 json_object_get_string_member_with_default (
                                   detail, TAIOU_EVENT_DETAIL_LABEL, NULL));
      if (item == NULL || g_strcmp0 (kind, TAIOU_EVENT_PASSWORDS_ITEM) != 0)
        continue;
      if (!taiou_password_item_state_from_string (
            json_object_get_string_member_with_default (detail, TAIOU_EVENT_DETAIL_STATE, NULL),
            &state))
        continue;
      item->state = state;
      item->changed_us = taiou_event_get_time_us (event);
    }
  return self;
}
