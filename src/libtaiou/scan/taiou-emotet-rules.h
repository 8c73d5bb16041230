/* taiou-emotet-rules.h — EmoCheck's detections, as pure functions */
#pragma once

#include <glib.h>

#include "taiou-finding.h"
#include "taiou-host-snapshot.h"

G_BEGIN_DECLS

char *taiou_emotet_v1_process_name        (guint32       volume_serial);
char *taiou_emotet_v2_value_name          (guint32       volume_serial);
char *taiou_emotet_v2_decode_process_name (guint32       volume_serial,
                                           const guint8 *data,
                                           gsize         length);

GPtrArray *taiou_emotet_rules_check           (TaiouHostSnapshot *snapshot);

G_END_DECLS
