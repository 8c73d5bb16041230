/* taiou-yara-preferences-page.h — Preferences: the IT manager's YARA rule files and folders */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define TAIOU_TYPE_YARA_PREFERENCES_PAGE (taiou_yara_preferences_page_get_type ())
G_DECLARE_FINAL_TYPE (TaiouYaraPreferencesPage, taiou_yara_preferences_page, TAIOU,
                      YARA_PREFERENCES_PAGE, AdwPreferencesPage)

TaiouYaraPreferencesPage *taiou_yara_preferences_page_new      (void);
gboolean                  taiou_yara_preferences_page_add_path (TaiouYaraPreferencesPage *self,
                                                                const char               *path);

G_END_DECLS
