/* taiou-export-iris.c — DFIR-IRIS timeline events, as its CSV upload and as JSON
 *
 * The fields are those of IRIS's timeline CSV upload (iris-web PR #240, case_timeline_routes
 * `csv_upload`): event_date, event_tz, event_title, event_category, event_content, event_raw,
 * event_source, event_assets, event_iocs, event_tags.  What its importer does decides the rest:
 * - event_date is parsed with "%Y-%m-%dT%H:%M:%S.%f" and event_tz appended: the UTC time with
 *   microseconds and "+00:00";
 * - an event_title shorter than two characters is refused, so a one-letter summary is prefixed
 *   with the event's kind;
 * - an unknown category name, asset name or IOC value refuses the whole file, so event_category
 *   is left empty (IRIS then uses its default category) and so are event_assets and event_iocs:
 *   the PC and the kind go into event_tags and event_content instead, and the incident's IOCs
 *   come as the observables export, to add to the case first;
 * - tags are split at '|' (CSV) and stored joined by ',', so neither may appear inside a tag.
 * The JSON form has the same ten fields, shaped as IRIS's event API takes them (assets and IOCs
 * as lists, tags as one comma-separated string), one array of events.
 */
#define G_LOG_DOMAIN "taiou-export"

#include "config.h"

#include <string.h>

#include "taiou-export-private.h"

#define IRIS_TZ "+00:00"

/* IRIS's EventSchema: event_title = auto_field (validate=Length(min=2)). */
#define IRIS_TITLE_MIN_CHARS 2

static char *
event_title (TaiouEvent *event)
{
  const char *summary = taiou_event_get_summary (event);

  if (g_utf8_validate (summary, -1, NULL) &&
      g_utf8_strlen (summary, IRIS_TITLE_MIN_CHARS * 4) >= IRIS_TITLE_MIN_CHARS)
    return g_strdup (summary);
  return g_strdup_printf ("%s: %s", taiou_event_get_kind (event), summary);
}

static char *
event_content (TaiouEvent *event)
{
  return g_strdup_printf ("Taiou event #%" G_GINT64_FORMAT " (%s) by %s on %s; hash %s",
                          taiou_event_get_seq (event), taiou_event_get_kind (event),
                          taiou_event_get_actor (event), taiou_event_get_host (event),
                          taiou_event_get_hash (event));
}

static char *
event_source (TaiouEvent *event)
{
  return g_strdup_printf ("Taiou on %s", taiou_event_get_host (event));
}

/* A tag may hold neither IRIS's CSV separator '|' nor its stored separator ','. */
static void
append_tag (GString    *tags,
            const char *separator,
            const char *tag)
{
  if (tags->len > 0)
    g_string_append (tags, separator);
  for (const char *p = tag; *p != '\0'; p++)
    g_string_append_c (tags, (*p == '|' || *p == ',' || (guchar) *p < 0x20) ? '_' : *p);
}

static char *
event_tags (TaiouEvent *event,
            const char *separator)
{
  GString *tags = g_string_new (NULL);

  append_tag (tags, separator, "taiou");
  append_tag (tags, separator, taiou_event_get_kind (event));
  append_tag (tags, separator, taiou_event_get_host (event));
  return g_string_free (tags, FALSE);
}

static const char csv_header[] =
  "event_date,event_tz,event_title,event_category,event_content,event_raw,event_source,"
  "event_assets,event_iocs,event_tags\n";

static gboolean
csv_begin (TaiouExportContext  *context,
           GError             **error)
{
  g_string_append (context->buffer, csv_header);
  return TRUE;
}

static gboolean
csv_event (TaiouExportContext  *context,
           TaiouEvent          *event,
           GError             **error)
{
  g_autofree char *title = event_title (event);
  g_autofree char *content = event_content (event);
  g_autofree char *source = event_source (event);
  g_autofree char *tags = event_tags (event, "|");
  GString *out = context->buffer;

  g_string_append_c (out, '"');
  _taiou_export_iso8601 (out, taiou_event_get_time_us (event), "");
  g_string_append (out, "\",\"" IRIS_TZ "\",");
  _taiou_export_csv_text (out, title, TAIOU_EXPORT_FIELD_MAX_BYTES);
  g_string_append (out, ",\"\",");
  _taiou_export_csv_text (out, content, TAIOU_EXPORT_FIELD_MAX_BYTES);
  g_string_append_c (out, ',');
  _taiou_export_csv_text (out, taiou_event_get_detail (event), TAIOU_EXPORT_FIELD_MAX_BYTES);
  g_string_append_c (out, ',');
  _taiou_export_csv_text (out, source, TAIOU_EXPORT_FIELD_MAX_BYTES);
  g_string_append (out, ",\"\",\"\",");
  _taiou_export_csv_text (out, tags, TAIOU_EXPORT_FIELD_MAX_BYTES);
  g_string_append_c (out, '\n');
  return TRUE;
}

static gboolean
csv_end (TaiouExportContext  *context,
         GError             **error)
{
  return TRUE;
}

static gboolean
json_begin (TaiouExportContext  *context,
            GError             **error)
{
  g_string_append_c (context->buffer, '[');
  return TRUE;
}

static gboolean
json_event (TaiouExportContext  *context,
            TaiouEvent          *event,
            GError             **error)
{
  g_autofree char *title = event_title (event);
  g_autofree char *content = event_content (event);
  g_autofree char *source = event_source (event);
  g_autofree char *tags = event_tags (event, ",");
  GString *out = context->buffer;

  g_string_append (out, context->n_events == 0 ? "\n{\"event_date\":\"" : ",\n{\"event_date\":\"");
  _taiou_export_iso8601 (out, taiou_event_get_time_us (event), "");
  g_string_append (out, "\",\"event_tz\":\"" IRIS_TZ "\",\"event_title\":");
  _taiou_export_json_string (out, title, TAIOU_EXPORT_FIELD_MAX_BYTES);
  g_string_append (out, ",\"event_category\":\"\",\"event_content\":");
  _taiou_export_json_string (out, content, TAIOU_EXPORT_FIELD_MAX_BYTES);
  g_string_append (out, ",\"event_raw\":");
  _taiou_export_json_string (out, taiou_event_get_detail (event), TAIOU_EXPORT_FIELD_MAX_BYTES);
  g_string_append (out, ",\"event_source\":");
  _taiou_export_json_string (out, source, TAIOU_EXPORT_FIELD_MAX_BYTES);
  g_string_append (out, ",\"event_assets\":[],\"event_iocs\":[],\"event_tags\":");
  _taiou_export_json_string (out, tags, TAIOU_EXPORT_FIELD_MAX_BYTES);
  g_string_append_c (out, '}');
  return TRUE;
}

static gboolean
json_end (TaiouExportContext  *context,
          GError             **error)
{
  g_string_append (context->buffer, context->n_events == 0 ? "]\n" : "\n]\n");
  return TRUE;
}

const TaiouExportFormatClass _taiou_export_iris_csv = {
  csv_begin,
  csv_event,
  csv_end,
};

const TaiouExportFormatClass _taiou_export_iris_json = {
  json_begin,
  json_event,
  json_end,
};
