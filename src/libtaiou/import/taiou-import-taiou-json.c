/* taiou-import-taiou-json.c — another PC's record (a taiou-json export), read and verified
 *
 * `taiou-cli timeline import` merges the records of many PCs into one incident.  Before anything
 * is written, each file is checked on its own: every event's hash is recomputed from its fields
 * and the hash of the event before it (taiou-event.c), consecutive events must link, and the
 * file's trailer must describe the events the file holds.  A file that fails is refused whole,
 * naming the first event that breaks.
 *
 * What a file alone cannot show: an incident's events are links of the PC's global chain, so
 * where the sequence jumps, events of the PC's other incidents sat in between and cannot be
 * checked here; the trailer's gap count catches a removed event unless the trailer was rewritten
 * too, and a whole chain rewritten consistently verifies.  Against that, compare the head hash
 * with the one the PC printed at export (README, "taiou-json").
 *
 * The file may come from anyone: it is read with a size cap, its nesting is measured before
 * json-glib (which recurses without limit) sees it, and every member is type-checked.
 */
#define G_LOG_DOMAIN "taiou-import-taiou-json"

#include "config.h"

#include <errno.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <json-glib/json-glib.h>
#include <string.h>

#include "taiou-event-kinds.h"
#include "taiou-event-private.h"
#include "taiou-file-read.h"
#include "taiou-import-taiou-json.h"

#define TAIOU_JSON_FORMAT    "taiou-json"
#define TAIOU_JSON_VERSION   1
#define TAIOU_JSON_ALGORITHM "sha256"
#define TAIOU_JSON_DOMAIN    "taiou-event-v1"

G_DEFINE_QUARK (taiou-pc-record-error-quark, taiou_pc_record_error)

static void
event_free (TaiouPcRecordEvent *event)
{
  g_free (event->kind);
  g_free (event->actor);
  g_free (event->host);
  g_free (event->summary);
  g_free (event->detail);
  g_free (event->prev_hash);
  g_free (event->hash);
  g_free (event->origin_host);
  g_free (event->origin_hash);
  g_free (event);
}

void
taiou_pc_record_free (TaiouPcRecord *record)
{
  if (record == NULL)
    return;
  g_free (record->name);
  g_free (record->exported_on);
  g_free (record->exported_by);
  g_free (record->uuid);
  g_free (record->title);
  g_free (record->host);
  g_free (record->reporter);
  g_clear_pointer (&record->events, g_ptr_array_unref);
  g_free (record->chain_head_hash);
  g_free (record);
}

/* The deepest nesting of objects and arrays in @data, stopping as soon as it passes @limit.
 * Brackets inside strings do not count. */
static guint
json_depth (const char *data,
            gsize       length,
            guint       limit)
{
  gboolean in_string = FALSE;
  guint depth = 0;
  guint deepest = 0;

  for (gsize i = 0; i < length; i++)
    {
      char c = data[i];

      if (in_string)
        {
          if (c == '\\')
            i++;
          else if (c == '"')
            in_string = FALSE;
          continue;
        }
      if (c == '"')
        in_string = TRUE;
      else if (c == '{' || c == '[')
        {
          depth++;
          deepest = MAX (deepest, depth);
          if (deepest > limit)
            break;
        }
      else if ((c == '}' || c == ']') && depth > 0)
        depth--;
    }
  return deepest;
}

static gboolean
format_error (GError     **error,
              const char  *name,
              const char  *why)
{
  g_set_error (error, TAIOU_PC_RECORD_ERROR, TAIOU_PC_RECORD_ERROR_FORMAT,
               _("“%s” is not a record exported by Taiou (taiou-json): %s"), name, why);
  return FALSE;
}

/* Where a member is looked for, for messages: "the incident" or "event #12". */
typedef struct
{
  const char  *name;   /* the file */
  const char  *where;
} Place;

static gboolean
member_error (const Place  *place,
              const char   *member,
              const char   *expected,
              GError      **error)
{
  g_autofree char *why = g_strdup_printf (_("“%s” of %s is missing or is not %s."),
                                          member, place->where, expected);

  return format_error (error, place->name, why);
}

/* A string member no longer than TAIOU_PC_RECORD_MAX_TEXT_BYTES; a missing member is an error
 * unless @optional (then *value stays NULL). */
static gboolean
get_text (JsonObject   *object,
          const char   *member,
          gboolean      optional,
          const Place  *place,
          char        **value,
          GError      **error)
{
  JsonNode *node = json_object_get_member (object, member);
  const char *text;

  if (node == NULL && optional)
    return TRUE;
  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node) ||
      json_node_get_value_type (node) != G_TYPE_STRING)
    return member_error (place, member, _("text"), error);
  text = json_node_get_string (node);
  if (strlen (text) > TAIOU_PC_RECORD_MAX_TEXT_BYTES)
    {
      g_set_error (error, TAIOU_PC_RECORD_ERROR, TAIOU_PC_RECORD_ERROR_TOO_LARGE,
                   _("“%s”: “%s” of %s is longer than %d bytes."), place->name, member,
                   place->where, TAIOU_PC_RECORD_MAX_TEXT_BYTES);
      return FALSE;
    }
  *value = g_strdup (text);
  return TRUE;
}

static gboolean
get_int (JsonObject   *object,
         const char   *member,
         gboolean      optional,
         const Place  *place,
         gint64       *value,
         GError      **error)
{
  JsonNode *node = json_object_get_member (object, member);

  if (node == NULL && optional)
    return TRUE;
  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node) ||
      json_node_get_value_type (node) != G_TYPE_INT64)
    return member_error (place, member, _("a whole number"), error);
  *value = json_node_get_int (node);
  return TRUE;
}

static JsonObject *
get_object (JsonObject   *object,
            const char   *member,
            const Place  *place,
            GError      **error)
{
  JsonNode *node = json_object_get_member (object, member);

  if (node == NULL || !JSON_NODE_HOLDS_OBJECT (node))
    {
      member_error (place, member, _("an object"), error);
      return NULL;
    }
  return json_node_get_object (node);
}

static gboolean
is_hash (const char *text)
{
  if (text == NULL || strlen (text) != TAIOU_EVENT_HASH_HEX_LEN)
    return FALSE;
  for (const char *p = text; *p != '\0'; p++)
    if (!g_ascii_isdigit (*p) && !(*p >= 'a' && *p <= 'f'))
      return FALSE;
  return TRUE;
}

/* The detail is JSON inside a string: it must itself be a (shallow enough) object, since it is
 * parsed again when the event is merged. */
static gboolean
detail_is_object (const char  *detail,
                  const Place *place,
                  GError     **error)
{
  g_autoptr(JsonParser) parser = NULL;

  if (json_depth (detail, strlen (detail), TAIOU_PC_RECORD_MAX_DEPTH) > TAIOU_PC_RECORD_MAX_DEPTH)
    {
      g_set_error (error, TAIOU_PC_RECORD_ERROR, TAIOU_PC_RECORD_ERROR_TOO_LARGE,
                   _("“%s”: the details of %s are nested more than %d levels deep."),
                   place->name, place->where, TAIOU_PC_RECORD_MAX_DEPTH);
      return FALSE;
    }
  parser = json_parser_new_immutable ();
  if (!json_parser_load_from_data (parser, detail, -1, NULL) ||
      json_parser_get_root (parser) == NULL ||
      !JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser)))
    return member_error (place, "detail", _("a JSON object"), error);
  return TRUE;
}

static gboolean
parse_event (JsonNode            *node,
             guint                index,
             const char          *name,
             TaiouPcRecordEvent **out,
             GError             **error)
{
  g_autofree char *where = NULL;
  TaiouPcRecordEvent *event = g_new0 (TaiouPcRecordEvent, 1);
  Place place = { name, NULL };
  JsonObject *object;
  gboolean ok;

  /* Messages name the event by its number once it is known, by its place in the file before. */
  where = g_strdup_printf (_("the file's event %u"), index + 1);
  place.where = where;
  if (!JSON_NODE_HOLDS_OBJECT (node))
    {
      event_free (event);
      return member_error (&place, "events", _("a list of objects"), error);
    }
  object = json_node_get_object (node);
  if (!get_int (object, "seq", FALSE, &place, &event->seq, error) ||
      (event->seq <= 0 && !member_error (&place, "seq", _("a positive number"), error)))
    {
      event_free (event);
      return FALSE;
    }
  g_free (where);
  where = g_strdup_printf (_("event #%lld"), (long long) event->seq);
  place.where = where;

  ok = get_int (object, "incident_id", FALSE, &place, &event->incident_id, error) &&
       get_int (object, "time_us", FALSE, &place, &event->time_us, error) &&
       get_text (object, "kind", FALSE, &place, &event->kind, error) &&
       get_text (object, "actor", FALSE, &place, &event->actor, error) &&
       get_text (object, "host", FALSE, &place, &event->host, error) &&
       get_text (object, "summary", FALSE, &place, &event->summary, error) &&
       get_text (object, "detail", FALSE, &place, &event->detail, error) &&
       get_text (object, "prev_hash", FALSE, &place, &event->prev_hash, error) &&
       get_text (object, "hash", FALSE, &place, &event->hash, error) &&
       get_text (object, "origin_host", TRUE, &place, &event->origin_host, error) &&
       get_int (object, "origin_seq", TRUE, &place, &event->origin_seq, error) &&
       get_text (object, "origin_hash", TRUE, &place, &event->origin_hash, error);

  if (ok && (!is_hash (event->prev_hash) || !is_hash (event->hash)))
    ok = member_error (&place, "hash", _("a SHA-256 hash"), error);
  /* Origin fields come as a whole or not at all. */
  if (ok && (event->origin_host != NULL || event->origin_hash != NULL || event->origin_seq != 0) &&
      (event->origin_host == NULL || event->origin_host[0] == '\0' || event->origin_seq <= 0 ||
       !is_hash (event->origin_hash)))
    ok = member_error (&place, "origin_hash", _("a SHA-256 hash with its host and number"),
                       error);
  /* Taiou never records these empty; the store would put this PC's user or name in their place. */
  if (ok && event->kind[0] == '\0')
    ok = member_error (&place, "kind", _("filled in"), error);
  if (ok && event->actor[0] == '\0')
    ok = member_error (&place, "actor", _("filled in"), error);
  if (ok && event->host[0] == '\0')
    ok = member_error (&place, "host", _("filled in"), error);
  if (ok && event->summary[0] == '\0')
    ok = member_error (&place, "summary", _("filled in"), error);
  if (ok)
    ok = detail_is_object (event->detail, &place, error);
  /* The store refuses a time before 1970 and takes 0 for "now": a record holds neither. */
  if (ok && event->time_us <= 0)
    ok = member_error (&place, "time_us", _("a positive number"), error);

  if (!ok)
    {
      event_free (event);
      return FALSE;
    }
  *out = event;
  return TRUE;
}

static gboolean
parse_header (TaiouPcRecord  *record,
              JsonObject     *root,
              GError        **error)
{
  Place place = { record->name, _("the file") };
  Place incident_place = { record->name, _("the incident") };
  g_autofree char *format = NULL;
  g_autofree char *algorithm = NULL;
  g_autofree char *domain = NULL;
  g_autofree char *genesis = NULL;
  gint64 version = 0;
  JsonObject *hash;
  JsonObject *incident;

  if (!get_text (root, "format", FALSE, &place, &format, error))
    return FALSE;
  if (g_strcmp0 (format, TAIOU_JSON_FORMAT) != 0)
    {
      g_autofree char *why = g_strdup_printf (_("its format is “%s”."), format);
      return format_error (error, record->name, why);
    }
  if (!get_int (root, "version", FALSE, &place, &version, error))
    return FALSE;
  if (version != TAIOU_JSON_VERSION)
    {
      g_autofree char *why = g_strdup_printf (_("it is version %lld of the format; this Taiou "
                                                "reads version %d."),
                                              (long long) version, TAIOU_JSON_VERSION);
      return format_error (error, record->name, why);
    }

  hash = get_object (root, "hash", &place, error);
  if (hash == NULL ||
      !get_text (hash, "algorithm", FALSE, &place, &algorithm, error) ||
      !get_text (hash, "domain", FALSE, &place, &domain, error) ||
      !get_text (hash, "genesis", FALSE, &place, &genesis, error))
    return FALSE;
  if (g_strcmp0 (algorithm, TAIOU_JSON_ALGORITHM) != 0 ||
      g_strcmp0 (domain, TAIOU_JSON_DOMAIN) != 0 ||
      g_strcmp0 (genesis, TAIOU_EVENT_GENESIS_HASH) != 0)
    return format_error (error, record->name,
                         _("its events are hashed in a way this Taiou does not know."));

  if (!get_int (root, "exported_us", FALSE, &place, &record->exported_us, error) ||
      !get_text (root, "exported_on", FALSE, &place, &record->exported_on, error) ||
      !get_text (root, "exported_by", FALSE, &place, &record->exported_by, error))
    return FALSE;

  incident = get_object (root, "incident", &place, error);
  return incident != NULL &&
         get_int (incident, "id", FALSE, &incident_place, &record->incident_id, error) &&
         get_text (incident, "uuid", FALSE, &incident_place, &record->uuid, error) &&
         get_text (incident, "title", FALSE, &incident_place, &record->title, error) &&
         get_int (incident, "created_us", FALSE, &incident_place, &record->created_us, error) &&
         get_int (incident, "discovered_us", FALSE, &incident_place, &record->discovered_us,
                  error) &&
         get_text (incident, "host", FALSE, &incident_place, &record->host, error) &&
         get_text (incident, "reporter", FALSE, &incident_place, &record->reporter, error);
}

static gboolean
parse_trailer (TaiouPcRecord  *record,
               JsonObject     *root,
               GError        **error)
{
  Place place = { record->name, _("the chain summary") };
  JsonObject *chain = get_object (root, "chain", &place, error);
  JsonObject *database;
  JsonNode *intact;

  if (chain == NULL ||
      !get_int (chain, "events", FALSE, &place, &record->chain_events, error) ||
      !get_int (chain, "first_seq", TRUE, &place, &record->chain_first_seq, error) ||
      !get_int (chain, "last_seq", TRUE, &place, &record->chain_last_seq, error) ||
      !get_text (chain, "head_hash", TRUE, &place, &record->chain_head_hash, error) ||
      !get_int (chain, "gaps", FALSE, &place, &record->chain_gaps, error))
    return FALSE;

  database = get_object (root, "database", &place, error);
  if (database == NULL)
    return FALSE;
  intact = json_object_get_member (database, "intact");
  if (intact == NULL || !JSON_NODE_HOLDS_VALUE (intact) ||
      json_node_get_value_type (intact) != G_TYPE_BOOLEAN)
    return member_error (&place, "intact", _("true or false"), error);
  record->database_intact = json_node_get_boolean (intact);
  return get_int (database, "first_bad_seq", TRUE, &place, &record->database_first_bad_seq,
                  error);
}

static TaiouPcRecord *
file_too_large (const char  *name,
                GError     **error)
{
  g_set_error (error, TAIOU_PC_RECORD_ERROR, TAIOU_PC_RECORD_ERROR_TOO_LARGE,
               _("“%s” is larger than %d MiB, more than the record of one PC can be."),
               name, TAIOU_PC_RECORD_MAX_FILE_SIZE / (1024 * 1024));
  return NULL;
}

/**
 * taiou_pc_record_parse:
 * @name: the file's name, for messages
 *
 * Reads a taiou-json export's structure: every member present and of its type, within the
 * limits.  It does not verify the chain: see taiou_pc_record_verify().
 *
 * Returns: (transfer full): the record, or NULL with @error (TAIOU_PC_RECORD_ERROR) set
 */
TaiouPcRecord *
taiou_pc_record_parse (const char  *name,
                       const char  *data,
                       gsize        length,
                       GError     **error)
{
  g_autoptr(TaiouPcRecord) record = NULL;
  g_autoptr(JsonParser) parser = NULL;
  g_autoptr(GError) parse_error = NULL;
  JsonNode *root;
  JsonNode *events;
  JsonArray *array;
  Place place = { name, NULL };

  g_return_val_if_fail (name != NULL, NULL);
  g_return_val_if_fail (data != NULL || length == 0, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (length > TAIOU_PC_RECORD_MAX_FILE_SIZE)
    return file_too_large (name, error);
  if (length == 0)
    {
      format_error (error, name, _("the file is empty."));
      return NULL;
    }
  if (!g_utf8_validate_len (data, length, NULL))
    {
      format_error (error, name, _("it is not UTF-8 text."));
      return NULL;
    }
  if (json_depth (data, length, TAIOU_PC_RECORD_MAX_DEPTH) > TAIOU_PC_RECORD_MAX_DEPTH)
    {
      g_set_error (error, TAIOU_PC_RECORD_ERROR, TAIOU_PC_RECORD_ERROR_TOO_LARGE,
                   _("“%s” is nested more than %d levels deep."), name,
                   TAIOU_PC_RECORD_MAX_DEPTH);
      return NULL;
    }

  parser = json_parser_new_immutable ();
  if (!json_parser_load_from_data (parser, data, (gssize) length,
                                   &parse_error))
    {
      format_error (error, name, parse_error->message);
      return NULL;
    }
  root = json_parser_get_root (parser);
  if (root == NULL || !JSON_NODE_HOLDS_OBJECT (root))
    {
      format_error (error, name, _("it is not a JSON object."));
      return NULL;
    }

  record = g_new0 (TaiouPcRecord, 1);
  record->name = g_strdup (name);
  record->events = g_ptr_array_new_with_free_func ((GDestroyNotify) event_free);
  if (!parse_header (record, json_node_get_object (root), error))
    return NULL;

  events = json_object_get_member (json_node_get_object (root), "events");
  place.where = _("the file");
  if (events == NULL || !JSON_NODE_HOLDS_ARRAY (events))
    {
      member_error (&place, "events", _("a list"), error);
      return NULL;
    }
  array = json_node_get_array (events);
  if (json_array_get_length (array) > TAIOU_PC_RECORD_MAX_EVENTS)
    {
      g_set_error (error, TAIOU_PC_RECORD_ERROR, TAIOU_PC_RECORD_ERROR_TOO_LARGE,
                   _("“%s” holds more than %d events."), name, TAIOU_PC_RECORD_MAX_EVENTS);
      return NULL;
    }
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      TaiouPcRecordEvent *event = NULL;

      if (!parse_event (json_array_get_element (array, i), i, name, &event, error))
        return NULL;
      g_ptr_array_add (record->events, event);
    }

  if (!parse_trailer (record, json_node_get_object (root), error))
    return NULL;
  return g_steal_pointer (&record);
}

static gboolean
tampered (GError  **error,
          gint64   *first_bad_seq,
          gint64    seq,
          const char *name,
          char     *why)
{
  g_autofree char *owned_why = why;

  *first_bad_seq = seq;
  g_set_error (error, TAIOU_PC_RECORD_ERROR, TAIOU_PC_RECORD_ERROR_TAMPERED,
               _("“%s” was altered and is refused: %s"), name, owned_why);
  return FALSE;
}

static gboolean
json_text_is (JsonObject *object,
              const char *member,
              const char *value)
{
  JsonNode *node = json_object_get_member (object, member);

  return node != NULL && JSON_NODE_HOLDS_VALUE (node) &&
         json_node_get_value_type (node) == G_TYPE_STRING &&
         g_strcmp0 (json_node_get_string (node), value) == 0;
}

static gboolean
json_int_is (JsonObject *object,
             const char *member,
             gint64      value)
{
  JsonNode *node = json_object_get_member (object, member);

  return node != NULL && JSON_NODE_HOLDS_VALUE (node) &&
         json_node_get_value_type (node) == G_TYPE_INT64 && json_node_get_int (node) == value;
}

/* The incident in the file's header must say what its (hash-checked) creation event recorded:
 * the header is what a new incident is made of. */
static gboolean
header_matches_creation (const TaiouPcRecord      *record,
                         const TaiouPcRecordEvent *created)
{
  g_autoptr(JsonParser) parser = json_parser_new_immutable ();
  JsonObject *detail;

  if (!json_parser_load_from_data (parser, created->detail, -1, NULL) ||
      !JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser)))
    return FALSE;
  detail = json_node_get_object (json_parser_get_root (parser));
  return json_text_is (detail, "uuid", record->uuid) &&
         json_text_is (detail, "title", record->title) &&
         json_int_is (detail, "created_us", record->created_us) &&
         json_int_is (detail, "discovered_us", record->discovered_us) &&
         json_text_is (detail, "host", record->host) &&
         json_text_is (detail, "reporter", record->reporter);
}

/**
 * taiou_pc_record_verify:
 * @first_bad_seq: (out): the number of the first event that breaks the chain, 0 when the
 *   problem is not one event
 *
 * Verifies the record on its own: each event's hash, the links between consecutive events, the
 * incident header against its creation event, and the trailer against the events.
 *
 * Returns: %TRUE when it verifies; otherwise %FALSE with @error set
 *   (TAIOU_PC_RECORD_ERROR_TAMPERED, its message naming the event)
 */
gboolean
taiou_pc_record_verify (TaiouPcRecord  *record,
                        gint64         *first_bad_seq,
                        GError        **error)
{
  const TaiouPcRecordEvent *previous = NULL;
  const TaiouPcRecordEvent *created = NULL;
  gint64 unused_seq;
  gint64 n_gaps = 0;

  g_return_val_if_fail (record != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (first_bad_seq == NULL)
    first_bad_seq = &unused_seq;
  *first_bad_seq = 0;

  for (guint i = 0; i < record->events->len; i++)
    {
      const TaiouPcRecordEvent *event = record->events->pdata[i];
      g_autofree char *computed = NULL;
      TaiouEventFields fields = {
        .seq = event->seq,
        .incident_id = event->incident_id,
        .time_us = event->time_us,
        .kind = event->kind,
        .actor = event->actor,
        .host = event->host,
        .summary = event->summary,
        .detail = event->detail,
        /* An event the PC had merged from another one is hashed with its origin ("-v2"). */
        .origin_host = event->origin_host,
        .origin_seq = event->origin_seq,
        .origin_hash = event->origin_hash,
      };

      if (event->incident_id != record->incident_id)
        return tampered (error, first_bad_seq, event->seq, record->name,
                         g_strdup_printf (_("event #%lld belongs to incident #%lld, not to "
                                            "incident #%lld that the file holds."),
                                          (long long) event->seq,
                                          (long long) event->incident_id,
                                          (long long) record->incident_id));
      if (previous != NULL && event->seq <= previous->seq)
        return tampered (error, first_bad_seq, event->seq, record->name,
                         g_strdup_printf (_("event #%lld comes after event #%lld: the events "
                                            "were reordered."),
                                          (long long) event->seq, (long long) previous->seq));
      if ((previous != NULL && event->seq == previous->seq + 1 &&
           strcmp (event->prev_hash, previous->hash) != 0) ||
          (event->seq == 1 && strcmp (event->prev_hash, TAIOU_EVENT_GENESIS_HASH) != 0))
        return tampered (error, first_bad_seq, event->seq, record->name,
                         g_strdup_printf (_("event #%lld does not follow on from event #%lld: "
                                            "an event was removed, inserted or reordered "
                                            "here."),
                                          (long long) event->seq, (long long) event->seq - 1));
      if (previous != NULL && event->seq != previous->seq + 1)
        n_gaps++;

      computed = _taiou_event_compute_hash (event->prev_hash, &fields);
      if (strcmp (computed, event->hash) != 0)
        return tampered (error, first_bad_seq, event->seq, record->name,
                         g_strdup_printf (_("event #%lld was changed after it was recorded: "
                                            "its content no longer matches its hash."),
                                          (long long) event->seq));

      if (strcmp (event->kind, TAIOU_EVENT_INCIDENT_CREATED) == 0)
        {
          if (created != NULL || !header_matches_creation (record, event))
            return tampered (error, first_bad_seq, event->seq, record->name,
                             g_strdup_printf (_("the incident described at the top of the "
                                                "file does not match what event #%lld "
                                                "recorded."),
                                              (long long) event->seq));
          created = event;
        }
      previous = event;
    }

  if (created == NULL)
    return tampered (error, first_bad_seq, 0, record->name,
                     g_strdup (_("the event that created the incident is missing, so the "
                               "incident's details cannot be checked.")));

  /* Events removed or added with the JSON kept valid: the trailer no longer describes them. */
  if (record->chain_first_seq != ((TaiouPcRecordEvent *) record->events->pdata[0])->seq ||
      record->chain_last_seq != previous->seq ||
      g_strcmp0 (record->chain_head_hash, previous->hash) != 0)
    return tampered (error, first_bad_seq, previous->seq, record->name,
                     g_strdup_printf (_("the file ends at event #%lld, but its chain summary "
                                        "says the chain ends at #%lld with another hash: "
                                        "events were removed or added."),
                                      (long long) previous->seq,
                                      (long long) record->chain_last_seq));
  if (record->chain_events != (gint64) record->events->len)
    return tampered (error, first_bad_seq, 0, record->name,
                     g_strdup_printf (_("the file holds %u events, but its chain summary counts "
                                        "%lld: events were removed or added."),
                                      record->events->len, (long long) record->chain_events));
  if (record->chain_gaps != n_gaps)
    return tampered (error, first_bad_seq, 0, record->name,
                     g_strdup_printf (_("the events jump %lld times, but the chain summary "
                                        "says %lld: events were removed."),
                                      (long long) n_gaps, (long long) record->chain_gaps));

  if (!record->database_intact)
    return tampered (error, first_bad_seq, record->database_first_bad_seq, record->name,
                     g_strdup_printf (_("the PC's record was already broken when it was "
                                        "exported (event #%lld). Check it on that PC with "
                                        "“timeline verify”."),
                                      (long long) record->database_first_bad_seq));
  return TRUE;
}

/**
 * taiou_pc_record_load:
 *
 * Reads @path (a regular file of at most TAIOU_PC_RECORD_MAX_FILE_SIZE bytes, not through a
 * symbolic link), parses and verifies it.
 *
 * Returns: (transfer full): the verified record, or NULL with @error set
 */
TaiouPcRecord *
taiou_pc_record_load (const char  *path,
                      GError     **error)
{
  g_autoptr(TaiouPcRecord) record = NULL;
  g_autoptr(GError) read_error = NULL;
  g_autofree char *data = NULL;
  GStatBuf info;
  gsize length = 0;

  g_return_val_if_fail (path != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  /* A file that says it is 2 GB is refused before a byte of it is read. */
  if (g_lstat (path, &info) == 0 && S_ISREG (info.st_mode) &&
      info.st_size > TAIOU_PC_RECORD_MAX_FILE_SIZE)
    return file_too_large (path, error);

  data = taiou_file_read_bounded (path, TAIOU_PC_RECORD_MAX_FILE_SIZE, &length, &read_error);
  if (data == NULL)
    {
      if (g_error_matches (read_error, G_IO_ERROR, G_IO_ERROR_MESSAGE_TOO_LARGE))
        return file_too_large (path, error);
      g_set_error (error, TAIOU_PC_RECORD_ERROR, TAIOU_PC_RECORD_ERROR_READ,
                   _("Could not read “%s”: %s"), path, read_error->message);
      return NULL;
    }

  record = taiou_pc_record_parse (path, data, length, error);
  if (record == NULL || !taiou_pc_record_verify (record, NULL, error))
    return NULL;
  return g_steal_pointer (&record);
}

const char *
taiou_pc_record_event_get_identity_host (const TaiouPcRecordEvent *event)
{
  return event->origin_hash != NULL ? event->origin_host : event->host;
}

gint64
taiou_pc_record_event_get_identity_seq (const TaiouPcRecordEvent *event)
{
  return event->origin_hash != NULL ? event->origin_seq : event->seq;
}

const char *
taiou_pc_record_event_get_identity_hash (const TaiouPcRecordEvent *event)
{
  return event->origin_hash != NULL ? event->origin_hash : event->hash;
}
