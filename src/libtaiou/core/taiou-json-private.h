/* taiou-json-private.h — reading JSON that may come from anyone */
#pragma once

#include <json-glib/json-glib.h>

G_BEGIN_DECLS

const char *_taiou_json_get_string (JsonObject *object,
                                    const char *member);

G_END_DECLS
