/* taiou-preferences-window.h — who we are: organisation, domains, staff, IT manager, sender */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define TAIOU_TYPE_PREFERENCES_WINDOW (taiou_preferences_window_get_type ())
G_DECLARE_FINAL_TYPE (TaiouPreferencesWindow, taiou_preferences_window, TAIOU,
                      PREFERENCES_WINDOW, AdwPreferencesWindow)

TaiouPreferencesWindow *taiou_preferences_window_new (GtkWindow *parent,
                                                      GSettings *settings);

G_END_DECLS
