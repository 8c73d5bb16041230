/* taiou-notice-fields.h — how the notice editor names and lays out each template variable */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

const char *taiou_notice_field_label (const char *variable);

G_END_DECLS
