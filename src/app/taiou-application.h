/* taiou-application.h — owns the settings and the one case; opens the windows */
#pragma once

#include <adwaita.h>

#include "taiou.h"

G_BEGIN_DECLS

#define TAIOU_TYPE_APPLICATION (taiou_application_get_type ())
G_DECLARE_FINAL_TYPE (TaiouApplication, taiou_application, TAIOU, APPLICATION, AdwApplication)

TaiouApplication *taiou_application_new          (void);
TaiouCase        *taiou_application_get_case     (TaiouApplication *self);
GSettings        *taiou_application_get_settings (TaiouApplication *self);
TaiouForwardRunner *taiou_application_get_forward_runner (TaiouApplication *self);

G_END_DECLS
