/* taiou-disconnect-page.h — step 2: cut the infected PC off the network */
#pragma once

#include "../../taiou-wizard-page.h"

G_BEGIN_DECLS

/* Which PC the worker says may be infected (the detail "target" of disconnect.target). */
#define TAIOU_DISCONNECT_THIS_PC  "this-pc"
#define TAIOU_DISCONNECT_OTHER_PC "other-pc"

#define TAIOU_TYPE_DISCONNECT_PAGE (taiou_disconnect_page_get_type ())
G_DECLARE_FINAL_TYPE (TaiouDisconnectPage, taiou_disconnect_page, TAIOU, DISCONNECT_PAGE,
                      TaiouWizardPage)

GNetworkMonitor *taiou_disconnect_page_get_network_monitor (TaiouDisconnectPage *self);
void             taiou_disconnect_page_set_network_monitor (TaiouDisconnectPage *self,
                                                            GNetworkMonitor     *monitor);
const char      *taiou_disconnect_page_get_target          (TaiouDisconnectPage *self);
gboolean         taiou_disconnect_page_get_busy            (TaiouDisconnectPage *self);

G_END_DECLS
