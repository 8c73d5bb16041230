/* taiou-time.h — the timeline's one time format: UTC microseconds since the epoch */
#pragma once

#include <json-glib/json-glib.h>

G_BEGIN_DECLS

GDateTime *taiou_time_to_date_time   (gint64 time_us);
char      *taiou_time_format_local   (gint64 time_us);
char      *taiou_time_format_iso8601 (gint64 time_us);
void       taiou_time_set_json       (JsonObject *object,
                                      const char *member,
                                      gint64      time_us);

G_END_DECLS
