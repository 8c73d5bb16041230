/* taiou.h — the checker library shared by the app, the CLI and the tests (GLib only, no GTK) */
#pragma once

#include "taiou-emotet-rules.h"
#include "taiou-event.h"
#include "taiou-file-digest.h"
#include "taiou-finding.h"
#include "taiou-host-snapshot.h"
#include "taiou-i18n.h"
#include "taiou-import-emocheck.h"
#include "taiou-incident.h"
#include "taiou-ioc-set.h"
#include "taiou-mail-address.h"
#include "taiou-probe-winvol.h"
#include "taiou-scanner.h"
#include "taiou-time.h"
#include "taiou-timeline.h"
#include "taiou-volume-serial.h"
#include "taiou-winreg.h"
