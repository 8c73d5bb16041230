/* taiou-export-taiou-json.c — the incident with its events and their hash chain, for Taiou
 *
 * The file another Taiou imports (`taiou-cli timeline import`, README "taiou-json"), so it keeps
 * everything the hashes cover byte for byte: every text whole and the detail as the exact JSON
 * text that was hashed, not re-serialised (a re-serialised object may order or escape
 * differently and would no longer match its hash).  One event per line, in sequence order.
 *
 * The chain is global to a database, so an incident's events are links of a longer chain: where
 * the sequence jumps, events of other incidents sat in between and the next prev_hash names one
 * of them.  The trailer counts those gaps, and carries the whole database's verification at
 * export time, so an importer knows whether the source was intact as well as that each event's
 * own hash holds.
 */
#define G_LOG_DOMAIN "taiou-export"

#include "config.h"

#include "taiou-event-private.h"
#include "taiou-export-private.h"

#define TAIOU_JSON_VERSION 1

static void
member (GString    *out,
        const char *name)
{
  g_string_append_c (out, '"');
  g_string_append (out, name);
  g_string_append (out, "\":");
}

static void
string_member (GString    *out,
               const char *name,
               const char *value)
{
  member (out, name);
  _taiou_export_json_string (out, value, 0);
  g_string_append_c (out, ',');
}

static void
int_member (GString    *out,
            const char *name,
            gint64      value)
{
  member (out, name);
  _taiou_export_int (out, value);
  g_string_append_c (out, ',');
}

static void
time_members (GString    *out,
              const char *name,
              gint64      time_us)
{
  g_autofree char *us_name = g_strconcat (name, "_us", NULL);

  member (out, name);
  g_string_append_c (out, '"');
  _taiou_export_iso8601 (out, time_us, "Z");
  g_string_append (out, "\",");
  int_member (out, us_name, time_us);
}

static gboolean
taiou_json_begin (TaiouExportContext  *context,
                  GError             **error)
{
  TaiouIncident *incident = context->incident;
  GString *out = context->buffer;

  g_string_append (out, "{\"format\":\"taiou-json\",");
  int_member (out, "version", TAIOU_JSON_VERSION);
  time_members (out, "exported", context->exported_us);
  string_member (out, "exported_on", context->exported_on);
  string_member (out, "exported_by", context->exported_by);

  member (out, "hash");
  g_string_append (out, "{\"algorithm\":\"sha256\",\"domain\":\"taiou-event-v1\",");
  string_member (out, "genesis", TAIOU_EVENT_GENESIS_HASH);
  g_string_truncate (out, out->len - 1);
  g_string_append (out, "},\n");

  member (out, "incident");
  g_string_append_c (out, '{');
  int_member (out, "id", taiou_incident_get_id (incident));
  string_member (out, "uuid", taiou_incident_get_uuid (incident));
  string_member (out, "title", taiou_incident_get_title (incident));
  time_members (out, "created", taiou_incident_get_created_us (incident));
  time_members (out, "discovered", taiou_incident_get_discovered_us (incident));
  string_member (out, "host", taiou_incident_get_host (incident));
  string_member (out, "reporter", taiou_incident_get_reporter (incident));
  string_member (out, "step", taiou_incident_get_step (incident));
  g_string_truncate (out, out->len - 1);
  g_string_append (out, "},\n\"events\":[");
  return TRUE;
}

static gboolean
taiou_json_event (TaiouExportContext  *context,
                  TaiouEvent          *event,
                  GError             **error)
{
  GString *out = context->buffer;

  g_string_append (out, context->n_events == 0 ? "\n{" : ",\n{");
  int_member (out, "seq", taiou_event_get_seq (event));
  int_member (out, "incident_id", taiou_event_get_incident_id (event));
  time_members (out, "time", taiou_event_get_time_us (event));
  string_member (out, "kind", taiou_event_get_kind (event));
  string_member (out, "actor", taiou_event_get_actor (event));
  string_member (out, "host", taiou_event_get_host (event));
  string_member (out, "summary", taiou_event_get_summary (event));
  string_member (out, "detail", taiou_event_get_detail (event));
  string_member (out, "prev_hash", taiou_event_get_prev_hash (event));
  string_member (out, "hash", taiou_event_get_hash (event));
  /* A merged event is hashed as "taiou-event-v2" over these too (taiou-event.c); keeping them
   * lets a merged incident re-import without doubling. */
  if (taiou_event_get_origin_hash (event) != NULL)
    {
      string_member (out, "origin_host", taiou_event_get_origin_host (event));
      int_member (out, "origin_seq", taiou_event_get_origin_seq (event));
      string_member (out, "origin_hash", taiou_event_get_origin_hash (event));
    }
  g_string_truncate (out, out->len - 1);
  g_string_append_c (out, '}');
  return TRUE;
}

static gboolean
taiou_json_end (TaiouExportContext  *context,
                GError             **error)
{
  g_autoptr(TaiouTimelineVerification) verification = NULL;
  GString *out = context->buffer;

  verification = taiou_timeline_verify (context->timeline, context->cancellable, error);
  if (verification == NULL)
    return FALSE;

  g_string_append (out, context->n_events == 0 ? "],\n" : "\n],\n");
  member (out, "chain");
  g_string_append_c (out, '{');
  int_member (out, "events", context->n_events);
  if (context->n_events > 0)
    {
      int_member (out, "first_seq", context->first_seq);
      int_member (out, "last_seq", context->last_seq);
      string_member (out, "head_hash", context->head_hash);
    }
  int_member (out, "gaps", context->n_gaps);
  g_string_truncate (out, out->len - 1);
  g_string_append (out, "},\n");

  /* The whole database at export time, from taiou_timeline_verify(). */
  member (out, "database");
  g_string_append (out, verification->intact ? "{\"intact\":true," : "{\"intact\":false,");
  int_member (out, "events", verification->n_events);
  if (verification->first_bad_seq > 0)
    int_member (out, "first_bad_seq", verification->first_bad_seq);
  if (verification->problem != NULL)
    string_member (out, "problem", verification->problem);
  string_member (out, "head_hash", verification->head_hash);
  g_string_truncate (out, out->len - 1);
  g_string_append (out, "}\n}\n");
  return TRUE;
}

const TaiouExportFormatClass _taiou_export_taiou_json = {
  taiou_json_begin,
  taiou_json_event,
  taiou_json_end,
};
