/* taiou-host-rules.h — every rule over a host snapshot: EmoCheck's and the IOC matches */
#pragma once

#include <glib.h>

#include "taiou-host-snapshot.h"
#include "taiou-ioc-set.h"

G_BEGIN_DECLS

GPtrArray *taiou_host_rules_check (TaiouHostSnapshot *snapshot,
                                   TaiouIocSet       *iocs);

G_END_DECLS
