/* taiou-notice-window.h — the notice editor: choose a notice, fill it in, send it out */
#pragma once

#include <adwaita.h>

#include "taiou.h"

G_BEGIN_DECLS

#define TAIOU_TYPE_NOTICE_WINDOW (taiou_notice_window_get_type ())
G_DECLARE_FINAL_TYPE (TaiouNoticeWindow, taiou_notice_window, TAIOU, NOTICE_WINDOW, AdwWindow)

TaiouNoticeWindow *taiou_notice_window_new             (GtkWindow         *parent,
                                                        TaiouCase         *case_at_hand,
                                                        TaiouIncident     *incident,
                                                        const char        *template_name);
TaiouNoticeWindow *taiou_notice_window_present_for     (GtkWidget         *from,
                                                        TaiouCase         *case_at_hand,
                                                        gint64             incident_id,
                                                        const char        *template_name);
gboolean           taiou_notice_window_select_template (TaiouNoticeWindow *self,
                                                        const char        *template_name);
const char        *taiou_notice_window_get_template    (TaiouNoticeWindow *self);
void               taiou_notice_window_set_value       (TaiouNoticeWindow *self,
                                                        const char        *variable,
                                                        const char        *value);
TaiouNoticeText   *taiou_notice_window_get_text        (TaiouNoticeWindow *self);
char              *taiou_notice_window_get_preview     (TaiouNoticeWindow *self);
const char        *taiou_notice_window_get_problem     (TaiouNoticeWindow *self);
const char        *taiou_notice_window_get_action_hint (TaiouNoticeWindow *self);
guint              taiou_notice_window_save_eml        (TaiouNoticeWindow *self,
                                                        GFile             *folder,
                                                        GError           **error);

G_END_DECLS
