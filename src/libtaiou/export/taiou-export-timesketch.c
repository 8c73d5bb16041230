/* taiou-export-timesketch.c — Timesketch's JSONL and CSV timelines
 *
 * Timesketch needs `message`, `datetime` (ISO 8601) and `timestamp_desc` on every line, and
 * reads `timestamp` as microseconds since the epoch (an ISO string there fails, timesketch#1869);
 * any other field becomes a column.  Each event also carries where it sits in Taiou's record
 * (incident, seq, hash) so a line found in Timesketch leads back to the verified original.
 *
 * Timesketch before the fix of timesketch#2467 (PR #2793, June 2023) refuses a JSONL file of
 * fewer than three lines, and a new incident has only one event.  So every export, whatever its
 * size, opens with a line for when the incident was discovered and closes with a line for the
 * export itself; an incident whose events were all lost gets a third line for when it was
 * recorded.  The export always has at least three lines, the two marker lines are real facts
 * of the incident, and no reader sees a different layout for small incidents.  Marker lines
 * have data_type "taiou:marker" and no seq or hash.
 */
#define G_LOG_DOMAIN "taiou-export"

#include "config.h"

#include "taiou-export-private.h"

#define DATA_TYPE_EVENT  "taiou:event"
#define DATA_TYPE_MARKER "taiou:marker"

#define DESC_RECORDED   "Recorded"
#define DESC_DISCOVERED "Discovered"
#define DESC_EXPORTED   "Exported"

/* One line's fields; NULL/negative values are left out of JSONL and empty in CSV. */
typedef struct
{
  const char *message;
  gint64      time_us;
  const char *timestamp_desc;
  const char *data_type;
  gint64      seq;      /* 0 for a marker */
  const char *kind;
  const char *actor;
  const char *host;
  const char *hash;
  const char *detail;
} Line;

static void
write_jsonl_line (TaiouExportContext *context,
                  const Line         *line)
{
  GString *out = context->buffer;

  TAIOU_EXPORT_PUT (out, "{\"message\":");
  _taiou_export_json_string (out, line->message, TAIOU_EXPORT_FIELD_MAX_BYTES);
  TAIOU_EXPORT_PUT (out, ",\"datetime\":\"");
  _taiou_export_iso8601 (out, line->time_us, "+00:00");
  TAIOU_EXPORT_PUT (out, "\",\"timestamp\":");
  _taiou_export_int (out, line->time_us);
  TAIOU_EXPORT_PUT (out, ",\"timestamp_desc\":\"");
  g_string_append (out, line->timestamp_desc);
  TAIOU_EXPORT_PUT (out, "\",\"data_type\":\"");
  g_string_append (out, line->data_type);
  TAIOU_EXPORT_PUT (out, "\",\"incident\":");
  _taiou_export_int (out, taiou_incident_get_id (context->incident));
  TAIOU_EXPORT_PUT (out, ",\"incident_uuid\":");
  _taiou_export_json_string (out, taiou_incident_get_uuid (context->incident), 0);
  if (line->seq > 0)
    {
      TAIOU_EXPORT_PUT (out, ",\"seq\":");
      _taiou_export_int (out, line->seq);
    }
  TAIOU_EXPORT_PUT (out, ",\"kind\":");
  _taiou_export_json_string (out, line->kind, TAIOU_EXPORT_FIELD_MAX_BYTES);
  TAIOU_EXPORT_PUT (out, ",\"actor\":");
  _taiou_export_json_string (out, line->actor, TAIOU_EXPORT_FIELD_MAX_BYTES);
  TAIOU_EXPORT_PUT (out, ",\"host\":");
  _taiou_export_json_string (out, line->host, TAIOU_EXPORT_FIELD_MAX_BYTES);
  if (line->hash != NULL)
    {
      TAIOU_EXPORT_PUT (out, ",\"hash\":");
      _taiou_export_json_string (out, line->hash, TAIOU_EXPORT_FIELD_MAX_BYTES);
    }
  if (line->detail != NULL)
    {
      TAIOU_EXPORT_PUT (out, ",\"detail\":");
      _taiou_export_json_string (out, line->detail, TAIOU_EXPORT_FIELD_MAX_BYTES);
    }
  TAIOU_EXPORT_PUT (out, "}\n");
}

static const char csv_header[] =
  "message,datetime,timestamp,timestamp_desc,data_type,incident,incident_uuid,seq,kind,actor,"
  "host,hash,detail\n";

static void
write_csv_line (TaiouExportContext *context,
                const Line         *line)
{
  GString *out = context->buffer;

  _taiou_export_csv_text (out, line->message, TAIOU_EXPORT_FIELD_MAX_BYTES);
  TAIOU_EXPORT_PUT (out, ",");
  _taiou_export_iso8601 (out, line->time_us, "+00:00");
  TAIOU_EXPORT_PUT (out, ",");
  _taiou_export_csv_int (out, line->time_us);
  TAIOU_EXPORT_PUT (out, ",");
  _taiou_export_csv_text (out, line->timestamp_desc, 0);
  TAIOU_EXPORT_PUT (out, ",");
  _taiou_export_csv_text (out, line->data_type, 0);
  TAIOU_EXPORT_PUT (out, ",");
  _taiou_export_csv_int (out, taiou_incident_get_id (context->incident));
  TAIOU_EXPORT_PUT (out, ",");
  _taiou_export_csv_text (out, taiou_incident_get_uuid (context->incident), 0);
  TAIOU_EXPORT_PUT (out, ",");
  if (line->seq > 0)
    _taiou_export_csv_int (out, line->seq);
  TAIOU_EXPORT_PUT (out, ",");
  _taiou_export_csv_text (out, line->kind, TAIOU_EXPORT_FIELD_MAX_BYTES);
  TAIOU_EXPORT_PUT (out, ",");
  _taiou_export_csv_text (out, line->actor, TAIOU_EXPORT_FIELD_MAX_BYTES);
  TAIOU_EXPORT_PUT (out, ",");
  _taiou_export_csv_text (out, line->host, TAIOU_EXPORT_FIELD_MAX_BYTES);
  TAIOU_EXPORT_PUT (out, ",");
  _taiou_export_csv_text (out, line->hash, TAIOU_EXPORT_FIELD_MAX_BYTES);
  TAIOU_EXPORT_PUT (out, ",");
  _taiou_export_csv_text (out, line->detail, TAIOU_EXPORT_FIELD_MAX_BYTES);
  g_string_append_c (out, '\n');
}

typedef void (*WriteLine) (TaiouExportContext *context,
                           const Line         *line);

static void
write_discovered (TaiouExportContext *context,
                  WriteLine           write_line)
{
  TaiouIncident *incident = context->incident;
  g_autofree char *message = NULL;
  Line line = { 0 };

  message = g_strdup_printf ("Incident #%" G_GINT64_FORMAT " discovered: %s",
                             taiou_incident_get_id (incident), taiou_incident_get_title (incident));
  line.message = message;
  line.time_us = taiou_incident_get_discovered_us (incident);
  line.timestamp_desc = DESC_DISCOVERED;
  line.data_type = DATA_TYPE_MARKER;
  line.kind = "incident.discovered";
  line.actor = taiou_incident_get_reporter (incident);
  line.host = taiou_incident_get_host (incident);
  write_line (context, &line);
}

static void
write_closing (TaiouExportContext *context,
               WriteLine           write_line)
{
  TaiouIncident *incident = context->incident;
  g_autofree char *message = NULL;
  Line line = { 0 };

  if (context->n_events == 0)
    {
      g_autofree char *recorded = NULL;

      recorded = g_strdup_printf ("Incident #%" G_GINT64_FORMAT " recorded; none of its events "
                                  "remain in the record",
                                  taiou_incident_get_id (incident));
      line.message = recorded;
      line.time_us = taiou_incident_get_created_us (incident);
      line.timestamp_desc = DESC_RECORDED;
      line.data_type = DATA_TYPE_MARKER;
      line.kind = "incident.recorded";
      line.actor = taiou_incident_get_reporter (incident);
      line.host = taiou_incident_get_host (incident);
      write_line (context, &line);
    }

  message = g_strdup_printf ("Taiou export of incident #%" G_GINT64_FORMAT ": %" G_GINT64_FORMAT
                             " events, last hash %s",
                             taiou_incident_get_id (incident), context->n_events,
                             context->head_hash != NULL ? context->head_hash : "-");
  line.message = message;
  line.time_us = context->exported_us;
  line.timestamp_desc = DESC_EXPORTED;
  line.data_type = DATA_TYPE_MARKER;
  line.kind = "timeline.exported";
  line.actor = context->exported_by;
  line.host = context->exported_on;
  line.hash = context->head_hash;
  write_line (context, &line);
}

static void
write_event (TaiouExportContext *context,
             TaiouEvent         *event,
             WriteLine           write_line)
{
  Line line = {
    .message = taiou_event_get_summary (event),
    .time_us = taiou_event_get_time_us (event),
    .timestamp_desc = DESC_RECORDED,
    .data_type = DATA_TYPE_EVENT,
    .seq = taiou_event_get_seq (event),
    .kind = taiou_event_get_kind (event),
    .actor = taiou_event_get_actor (event),
    .host = taiou_event_get_host (event),
    .hash = taiou_event_get_hash (event),
    .detail = taiou_event_get_detail (event),
  };

  write_line (context, &line);
}

static gboolean
jsonl_begin (TaiouExportContext  *context,
             GError             **error)
{
  write_discovered (context, write_jsonl_line);
  return TRUE;
}

static gboolean
jsonl_event (TaiouExportContext  *context,
             TaiouEvent          *event,
             GError             **error)
{
  write_event (context, event, write_jsonl_line);
  return TRUE;
}

static gboolean
jsonl_end (TaiouExportContext  *context,
           GError             **error)
{
  write_closing (context, write_jsonl_line);
  return TRUE;
}

static gboolean
csv_begin (TaiouExportContext  *context,
           GError             **error)
{
  g_string_append (context->buffer, csv_header);
  write_discovered (context, write_csv_line);
  return TRUE;
}

static gboolean
csv_event (TaiouExportContext  *context,
           TaiouEvent          *event,
           GError             **error)
{
  write_event (context, event, write_csv_line);
  return TRUE;
}

static gboolean
csv_end (TaiouExportContext  *context,
         GError             **error)
{
  write_closing (context, write_csv_line);
  return TRUE;
}

const TaiouExportFormatClass _taiou_export_timesketch_jsonl = {
  jsonl_begin,
  jsonl_event,
  jsonl_end,
};

const TaiouExportFormatClass _taiou_export_timesketch_csv = {
  csv_begin,
  csv_event,
  csv_end,
};
