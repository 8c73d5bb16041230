/* taiou-password-checklist.h — what to change after an infection, and what has been changed */
#pragma once

#include <json-glib/json-glib.h>

G_BEGIN_DECLS

typedef enum
{
  TAIOU_PASSWORD_ITEM_OPEN,            /* not dealt with yet */
  TAIOU_PASSWORD_ITEM_DONE,            /* the password was changed */
  TAIOU_PASSWORD_ITEM_NOT_APPLICABLE,  /* not used on the infected PC */
} TaiouPasswordItemState;

typedef struct
{
  char                   *id;          /* "mail", "browser" … or "custom-N" */
  char                   *label;       /* a custom item's label; NULL for a built-in one */
  TaiouPasswordItemState  state;
  gint64                  changed_us;  /* when the state was recorded; 0 if never */
} TaiouPasswordItem;

typedef struct
{
  gboolean   acknowledged;  /* the worker agreed not to change passwords on the infected PC */
  GPtrArray *items;         /* (element-type TaiouPasswordItem): built-in ones, then custom */
} TaiouPasswordChecklist;

#define TAIOU_PASSWORD_CUSTOM_LABEL_MAX  80   /* characters */
#define TAIOU_PASSWORD_CUSTOM_ITEMS_MAX  50

TaiouPasswordChecklist *taiou_password_checklist_new         (void);
TaiouPasswordChecklist *taiou_password_checklist_read        (GPtrArray               *events);
void                    taiou_password_checklist_free        (TaiouPasswordChecklist  *self);
TaiouPasswordItem      *taiou_password_checklist_lookup      (TaiouPasswordChecklist  *self,
                                                              const char              *id);
TaiouPasswordItem      *taiou_password_checklist_add_custom  (TaiouPasswordChecklist  *self,
                                                              const char              *label,
                                                              GError                 **error);
gboolean                taiou_password_checklist_is_complete (TaiouPasswordChecklist  *self);

const char             *taiou_password_item_get_label        (TaiouPasswordItem       *item);
const char             *taiou_password_item_get_description  (TaiouPasswordItem       *item);
JsonObject             *taiou_password_item_to_json          (TaiouPasswordItem       *item);
char                   *taiou_password_item_dup_summary      (TaiouPasswordItem       *item);
const char             *taiou_password_item_state_to_string  (TaiouPasswordItemState   state);
gboolean                taiou_password_item_state_from_string (const char             *text,
                                                               TaiouPasswordItemState *state);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (TaiouPasswordChecklist, taiou_password_checklist_free)

G_END_DECLS
