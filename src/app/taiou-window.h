/* taiou-window.h — the main window: start screen, the worker's wizard, the manager's timeline */
#pragma once

#include <adwaita.h>

#include "taiou.h"

G_BEGIN_DECLS

#define TAIOU_TYPE_WINDOW (taiou_window_get_type ())
G_DECLARE_FINAL_TYPE (TaiouWindow, taiou_window, TAIOU, WINDOW, AdwApplicationWindow)

TaiouWindow *taiou_window_new                 (GtkApplication *application,
                                               TaiouCase      *case_at_hand);
void         taiou_window_show_timeline_error (TaiouWindow    *self,
                                               const GError   *error);
const char  *taiou_window_get_view_name       (TaiouWindow    *self);

G_END_DECLS
