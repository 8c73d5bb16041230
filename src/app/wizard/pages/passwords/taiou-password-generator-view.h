/* taiou-password-generator-view.h — make a strong password, judge one, copy it for a minute */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define TAIOU_TYPE_PASSWORD_GENERATOR_VIEW (taiou_password_generator_view_get_type ())
G_DECLARE_FINAL_TYPE (TaiouPasswordGeneratorView, taiou_password_generator_view,
                      TAIOU, PASSWORD_GENERATOR_VIEW, AdwBin)

#define TAIOU_PASSWORD_CLIPBOARD_SECONDS 60

guint    taiou_password_generator_view_get_clipboard_seconds (TaiouPasswordGeneratorView *self);
void     taiou_password_generator_view_set_clipboard_seconds (TaiouPasswordGeneratorView *self,
                                                              guint                       seconds);
int      taiou_password_generator_view_get_strength          (TaiouPasswordGeneratorView *self);
gboolean taiou_password_generator_view_get_clipboard_pending (TaiouPasswordGeneratorView *self);

G_END_DECLS
