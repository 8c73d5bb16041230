/* taiou-feeds-preferences-page.h — Preferences: the threat-data feeds */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define TAIOU_TYPE_FEEDS_PREFERENCES_PAGE (taiou_feeds_preferences_page_get_type ())
G_DECLARE_FINAL_TYPE (TaiouFeedsPreferencesPage, taiou_feeds_preferences_page, TAIOU,
                      FEEDS_PREFERENCES_PAGE, AdwPreferencesPage)

GtkWidget *taiou_feeds_preferences_page_new (void);

G_END_DECLS
