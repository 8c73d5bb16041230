/* taiou-checkpoint-preferences-page.h — Preferences: this installation's checkpoint key */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define TAIOU_TYPE_CHECKPOINT_PREFERENCES_PAGE (taiou_checkpoint_preferences_page_get_type ())
G_DECLARE_FINAL_TYPE (TaiouCheckpointPreferencesPage, taiou_checkpoint_preferences_page,
                      TAIOU, CHECKPOINT_PREFERENCES_PAGE, AdwPreferencesPage)

AdwPreferencesPage *taiou_checkpoint_preferences_page_new (void);

G_END_DECLS
