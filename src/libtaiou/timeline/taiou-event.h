/* taiou-event.h — one immutable row of the hash-chained timeline */
#pragma once

#include <glib-object.h>
#include <json-glib/json-glib.h>

G_BEGIN_DECLS

#define TAIOU_TYPE_EVENT (taiou_event_get_type ())
G_DECLARE_FINAL_TYPE (TaiouEvent, taiou_event, TAIOU, EVENT, GObject)

gint64      taiou_event_get_seq         (TaiouEvent *self);
gint64      taiou_event_get_incident_id (TaiouEvent *self);
gint64      taiou_event_get_time_us     (TaiouEvent *self);
const char *taiou_event_get_kind        (TaiouEvent *self);
const char *taiou_event_get_actor       (TaiouEvent *self);
const char *taiou_event_get_host        (TaiouEvent *self);
const char *taiou_event_get_summary     (TaiouEvent *self);
const char *taiou_event_get_detail      (TaiouEvent *self);
const char *taiou_event_get_prev_hash   (TaiouEvent *self);
const char *taiou_event_get_hash        (TaiouEvent *self);
const char *taiou_event_get_origin_host (TaiouEvent *self);
gint64      taiou_event_get_origin_seq  (TaiouEvent *self);
const char *taiou_event_get_origin_hash (TaiouEvent *self);
char       *taiou_event_format_time     (TaiouEvent *self);
JsonObject *taiou_event_to_json         (TaiouEvent *self);

G_END_DECLS
