/* taiou-mail-check-window.h — "was that mail dangerous?" for someone who just opened it */
#pragma once

#include <adwaita.h>

#include "taiou.h"

G_BEGIN_DECLS

#define TAIOU_TYPE_MAIL_CHECK_WINDOW (taiou_mail_check_window_get_type ())
G_DECLARE_FINAL_TYPE (TaiouMailCheckWindow, taiou_mail_check_window, TAIOU, MAIL_CHECK_WINDOW,
                      AdwWindow)

TaiouMailCheckWindow *taiou_mail_check_window_new        (GtkWindow            *parent,
                                                          TaiouCase            *case_at_hand);
TaiouMailCheckWindow *taiou_mail_check_window_present_for (GtkWidget            *from,
                                                          TaiouCase            *case_at_hand);
void                  taiou_mail_check_window_check_file    (TaiouMailCheckWindow *self,
                                                             GFile                *file);
TaiouMailReport      *taiou_mail_check_window_get_report    (TaiouMailCheckWindow *self);
const char           *taiou_mail_check_window_get_page_name (TaiouMailCheckWindow *self);
void                  taiou_mail_check_window_set_from_wizard (TaiouMailCheckWindow *self,
                                                               gboolean              from_wizard);
const char           *taiou_mail_check_window_get_advice    (TaiouMailCheckWindow *self);

G_END_DECLS
