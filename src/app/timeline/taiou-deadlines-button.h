/* taiou-deadlines-button.h — the APPI reports an incident owes, with their done marks */
#pragma once

#include <adwaita.h>

#include "taiou.h"

G_BEGIN_DECLS

#define TAIOU_TYPE_DEADLINES_BUTTON (taiou_deadlines_button_get_type ())
G_DECLARE_FINAL_TYPE (TaiouDeadlinesButton, taiou_deadlines_button, TAIOU, DEADLINES_BUTTON,
                      GtkWidget)

void taiou_deadlines_button_set_incident (TaiouDeadlinesButton *self,
                                          TaiouCase            *case_at_hand,
                                          TaiouIncident        *incident);
void taiou_deadlines_button_mark_done    (TaiouDeadlinesButton *self,
                                          TaiouAppiItem         item);

G_END_DECLS
