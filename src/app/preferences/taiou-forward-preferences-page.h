/* taiou-forward-preferences-page.h — Preferences: forwarding the record to a syslog collector */
#pragma once

#include <adwaita.h>

#include "taiou.h"

G_BEGIN_DECLS

#define TAIOU_TYPE_FORWARD_PREFERENCES_PAGE (taiou_forward_preferences_page_get_type ())
G_DECLARE_FINAL_TYPE (TaiouForwardPreferencesPage, taiou_forward_preferences_page,
                      TAIOU, FORWARD_PREFERENCES_PAGE, AdwPreferencesPage)

AdwPreferencesPage *taiou_forward_preferences_page_new        (GSettings                   *settings);
void                taiou_forward_preferences_page_set_runner (TaiouForwardPreferencesPage *self,
                                                               TaiouForwardRunner          *runner);

G_END_DECLS
