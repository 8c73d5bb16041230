/* taiou-forward-settings.h — Preferences' syslog forwarding keys, for the app and the CLI */
#pragma once

#include "taiou.h"

G_BEGIN_DECLS

#define TAIOU_SETTINGS_FORWARD_ENABLED "forward-enabled"
#define TAIOU_SETTINGS_FORWARD_HOST    "forward-host"
#define TAIOU_SETTINGS_FORWARD_PORT    "forward-port"
#define TAIOU_SETTINGS_FORWARD_TLS     "forward-tls"
#define TAIOU_SETTINGS_FORWARD_CA_FILE "forward-ca-file"

TaiouForwardDestination *taiou_forward_settings_dup_destination (GSettings           *settings,
                                                                 GError             **error);
void                     taiou_forward_settings_bind_runner     (GSettings           *settings,
                                                                 TaiouForwardRunner  *runner);

G_END_DECLS
