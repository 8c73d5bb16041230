/* taiou-export-observables.c — the incident's hashes, addresses, domains and URLs, once each
 *
 * For TheHive (observables: dataType hash/ip/domain/url, `ioc`, `sighted`) and MISP (attributes:
 * type sha256/md5/sha1/ip-dst/domain/url, category, to_ids).  They are read from the events'
 * details, where the checkers put them in known places rather than guessed from free text (a
 * file name like "invoice.doc" looks like a domain, and the notes people type are not evidence):
 * - every "sha256" member holding 64 hex digits: mail attachments, scanned files;
 * - findings, by their rule: the hash an IOC rule matched ("ioc.md5:…" evidence), the link of
 *   a dangerous-link or IOC finding (its object), its host when that is an IP address or the
 *   domain an "ioc.domain" rule matched, the address of an "ioc.c2-connection" (object
 *   "address:port"), what an "ioc.autorun-c2" finding says the autorun names, and where a
 *   "mail.link-mismatch" link really goes.
 * A value is listed once per type, with how many events name it, the first and last of them,
 * the rules that named it, and `ioc` true when an IOC rule matched it.  Mail.triage events keep
 * no links of their own (taiou_case_record_mail drops them), so only the links a rule flagged
 * are here.  Details from a tampered file are read with limits: too large or too deeply nested
 * ones are passed over.
 */
#define G_LOG_DOMAIN "taiou-export"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "taiou-event-kinds.h"
#include "taiou-export-private.h"

/* One export lists at most this many distinct values; more is refused, not silently cut. */
#define MAX_OBSERVABLES   100000
#define MAX_DETAIL_BYTES  (4 * 1024 * 1024)
#define MAX_DETAIL_DEPTH  32
#define MAX_URL_BYTES     8192
#define MAX_SOURCES       8
#define MAX_DESCRIPTION   512

typedef struct
{
  const char *type;            /* static: one of the types below */
  char       *value;
  gboolean    ioc;
  gint64      sightings;
  gint64      first_seq;
  gint64      last_seq;
  gint64      first_us;
  gint64      last_us;
  GPtrArray  *sources;         /* rules (or "attachment"), at most MAX_SOURCES */
  char       *description;
} Observable;

typedef struct
{
  const char *type;
  const char *thehive;
  const char *misp_type;
  const char *misp_category;
} ObservableType;

static const ObservableType types[] = {
  { "sha256", "hash",   "sha256", "Payload delivery" },
  { "sha1",   "hash",   "sha1",   "Payload delivery" },
  { "md5",    "hash",   "md5",    "Payload delivery" },
  { "ip",     "ip",     "ip-dst", "Network activity" },
  { "domain", "domain", "domain", "Network activity" },
  { "url",    "url",    "url",    "Network activity" },
};

typedef struct
{
  GHashTable *by_key;          /* "type\x1fvalue" → Observable */
  GPtrArray  *in_order;        /* Observable, in the order first seen */
  TaiouEvent *event;           /* the event being read */
  GError     *error;           /* TOO_LARGE, once */
} Collection;

static void
observable_free (gpointer data)
{
  Observable *observable = data;

  g_free (observable->value);
  g_ptr_array_unref (observable->sources);
  g_free (observable->description);
  g_free (observable);
}

static void
collection_free (gpointer data)
{
  Collection *collection = data;

  g_hash_table_unref (collection->by_key);
  g_ptr_array_unref (collection->in_order);
  g_clear_error (&collection->error);
  g_free (collection);
}

static const ObservableType *
find_type (const char *type)
{
  for (guint i = 0; i < G_N_ELEMENTS (types); i++)
    if (g_str_equal (types[i].type, type))
      return &types[i];
  g_assert_not_reached ();
}

static void
add_source (Observable *observable,
            const char *source)
{
  for (guint i = 0; i < observable->sources->len; i++)
    if (g_str_equal (observable->sources->pdata[i], source))
      return;
  if (observable->sources->len < MAX_SOURCES)
    g_ptr_array_add (observable->sources, g_strdup (source));
}

static void
add (Collection *collection,
     const char *type,
     const char *value,
     gboolean    ioc,
     const char *source,
     const char *description)
{
  g_autofree char *key = g_strconcat (type, "\x1f", value, NULL);
  gint64 seq = taiou_event_get_seq (collection->event);
  gint64 time_us = taiou_event_get_time_us (collection->event);
  Observable *observable = g_hash_table_lookup (collection->by_key, key);

  if (observable == NULL)
    {
      if (collection->in_order->len >= MAX_OBSERVABLES)
        {
          if (collection->error == NULL)
            g_set_error (&collection->error, TAIOU_EXPORT_ERROR, TAIOU_EXPORT_ERROR_TOO_LARGE,
                         _("The incident names more than %d different hashes, addresses, "
                           "domains and links; export them with taiou-json instead."),
                         MAX_OBSERVABLES);
          return;
        }
      observable = g_new0 (Observable, 1);
      observable->type = find_type (type)->type;
      observable->value = g_strdup (value);
      observable->sources = g_ptr_array_new_with_free_func (g_free);
      observable->first_seq = seq;
      observable->first_us = time_us;
      /* GLib 2.74's g_utf8_substring() reads past a string shorter than its end: clamp. */
      if (description != NULL)
        observable->description = g_utf8_substring (description, 0,
                                                    MIN (g_utf8_strlen (description, -1),
                                                         MAX_DESCRIPTION));
      g_hash_table_insert (collection->by_key, g_steal_pointer (&key), observable);
      g_ptr_array_add (collection->in_order, observable);
    }
  if (observable->sightings == 0 || observable->last_seq != seq)
    {
      observable->sightings++;
      observable->last_seq = seq;
      observable->last_us = time_us;
    }
  observable->ioc |= ioc;
  if (source != NULL)
    add_source (observable, source);
}

static gboolean
is_hex (const char *text,
        gsize       length)
{
  if (text == NULL || strlen (text) != length)
    return FALSE;
  for (gsize i = 0; i < length; i++)
    if (!g_ascii_isxdigit (text[i]))
      return FALSE;
  return TRUE;
}

static void
add_hash (Collection *collection,
          const char *type,
          const char *hex,
          gboolean    ioc,
          const char *source,
          const char *description)
{
  g_autofree char *lower = g_ascii_strdown (hex, -1);

  add (collection, type, lower, ioc, source, description);
}

/* An address as GLib prints it, so that "::FFFF:1.2.3.4" and "::ffff:1.2.3.4" are one. */
static void
add_ip (Collection *collection,
        const char *text,
        gboolean    ioc,
        const char *source,
        const char *description)
{
  g_autofree char *bare = g_strdup (text);
  g_autoptr(GInetAddress) address = NULL;
  g_autofree char *normal = NULL;
  gsize len = strlen (bare);

  if (len > 2 && bare[0] == '[' && bare[len - 1] == ']')
    {
      bare[len - 1] = '\0';
      memmove (bare, bare + 1, len - 1);
    }
  address = g_inet_address_new_from_string (bare);
  if (address == NULL)
    return;
  normal = g_inet_address_to_string (address);
  add (collection, "ip", normal, ioc, source, description);
}

static void
add_domain (Collection *collection,
            const char *text,
            gboolean    ioc,
            const char *source,
            const char *description)
{
  g_autofree char *ascii = NULL;
  g_autofree char *lower = NULL;
  gsize len;

  if (g_hostname_is_ip_address (text))
    {
      add_ip (collection, text, ioc, source, description);
      return;
    }
  ascii = g_hostname_to_ascii (text);
  if (ascii == NULL)
    return;
  lower = g_ascii_strdown (ascii, -1);
  len = strlen (lower);
  if (len > 0 && lower[len - 1] == '.')
    lower[--len] = '\0';
  if (len == 0 || len > 253 || strchr (lower, '.') == NULL)
    return;
  for (const char *p = lower; *p != '\0'; p++)
    if (!g_ascii_isalnum (*p) && *p != '-' && *p != '.' && *p != '_')
      return;
  add (collection, "domain", lower, ioc, source, description);
}

/* Adds a web link and returns its host (transfer full), or NULL when @text is not one. */
static char *
add_url (Collection *collection,
         const char *text,
         gboolean    ioc,
         const char *source,
         const char *description)
{
  g_autoptr(GUri) uri = NULL;
  gsize len = text != NULL ? strlen (text) : 0;

  if (len == 0 || len > MAX_URL_BYTES ||
      !(g_ascii_strncasecmp (text, "http://", 7) == 0 ||
        g_ascii_strncasecmp (text, "https://", 8) == 0))
    return NULL;
  for (const char *p = text; *p != '\0'; p++)
    if ((guchar) *p <= 0x20 || *p == 0x7f)
      return NULL;
  uri = g_uri_parse (text, G_URI_FLAGS_ENCODED | G_URI_FLAGS_PARSE_RELAXED, NULL);
  if (uri == NULL || g_uri_get_host (uri) == NULL || g_uri_get_host (uri)[0] == '\0')
    return NULL;
  add (collection, "url", text, ioc, source, description);
  return g_strdup (g_uri_get_host (uri));
}

/* A token an autorun's command line names: a link, an address or a domain. */
static void
add_token (Collection *collection,
           const char *token,
           gboolean    ioc,
           const char *source,
           const char *description)
{
  g_autofree char *host = add_url (collection, token, ioc, source, description);

  if (host == NULL)
    add_domain (collection, token, ioc, source, description);
}

static const char *
member_string (JsonObject *object,
               const char *name)
{
  JsonNode *node = json_object_get_member (object, name);

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node) ||
      json_node_get_value_type (node) != G_TYPE_STRING)
    return NULL;
  return json_node_get_string (node);
}

static void
read_finding (Collection *collection,
              JsonObject *finding,
              const char *rule)
{
  const char *object = member_string (finding, "object");
  const char *evidence = member_string (finding, "evidence");
  gboolean ioc = g_str_has_prefix (rule, "ioc.");
  g_autofree char *description = g_strdup_printf ("%s: %s", rule, object != NULL ? object : "");

  if (g_str_equal (rule, "ioc.md5") || g_str_equal (rule, "ioc.sha1") ||
      g_str_equal (rule, "ioc.sha256"))
    {
      /* Evidence "sha1:<hex> — description", see the scanner's add_digest_finding. */
      const char *kind = rule + strlen ("ioc.");
      gsize kind_len = strlen (kind);
      gsize hex_len = g_str_equal (kind, "md5") ? 32 : g_str_equal (kind, "sha1") ? 40 : 64;

      if (evidence != NULL && strncmp (evidence, kind, kind_len) == 0 &&
          evidence[kind_len] == ':' && strlen (evidence + kind_len + 1) >= hex_len)
        {
          g_autofree char *hex = g_strndup (evidence + kind_len + 1, hex_len);

          if (is_hex (hex, hex_len))
            add_hash (collection, kind, hex, TRUE, rule, description);
        }
    }
  else if (g_str_equal (rule, "ioc.url") || g_str_equal (rule, "ioc.domain") ||
           g_str_equal (rule, "mail.link-ip-host") || g_str_equal (rule, "mail.link-download"))
    {
      /* An ioc.domain match is about the link's host; the link itself is only where it was. */
      g_autofree char *host = add_url (collection, object, g_str_equal (rule, "ioc.url"), rule,
                                       description);

      if (host != NULL && g_hostname_is_ip_address (host))
        add_ip (collection, host, ioc, rule, description);
      else if (host != NULL && g_str_equal (rule, "ioc.domain"))
        add_domain (collection, host, TRUE, rule, description);
    }
  else if (g_str_equal (rule, "ioc.c2-connection") && object != NULL)
    {
      /* Object "address:port" (taiou-host-rules.c); an IPv6 address has colons of its own. */
      const char *colon = strrchr (object, ':');

      if (colon != NULL)
        {
          g_autofree char *address = g_strndup (object, colon - object);

          add_ip (collection, address, TRUE, rule, description);
        }
    }
  else if (g_str_equal (rule, "ioc.autorun-c2") && evidence != NULL)
    {
      /* Evidence "<autorun> names <token>: <description>"; the token has no spaces. */
      const char *names = strstr (evidence, " names ");

      if (names != NULL)
        {
          const char *token = names + strlen (" names ");
          const char *end = strstr (token, ": ");
          g_autofree char *value = g_strndup (token, end != NULL ? (gsize) (end - token)
                                                                 : strlen (token));

          add_token (collection, value, TRUE, rule, description);
        }
    }
  else if (g_str_equal (rule, "mail.link-mismatch") && evidence != NULL)
    {
      /* Evidence "link shows A but goes to B (<url>)" (taiou-mail-links.c). */
      const char *goes = strstr (evidence, " goes to ");
      const char *open = goes != NULL ? strstr (goes, " (") : NULL;
      gsize len = open != NULL ? strlen (open + 2) : 0;

      if (len > 1 && open[2 + len - 1] == ')')
        {
          g_autofree char *url = g_strndup (open + 2, len - 1);

          g_free (add_url (collection, url, FALSE, rule, description));
        }
    }
}

static void
read_node (Collection *collection,
           JsonNode   *node,
           guint       depth);

static void
read_object (Collection *collection,
             JsonObject *object,
             guint       depth)
{
  const char *rule = member_string (object, TAIOU_FINDING_KEY_RULE);
  const char *sha256 = member_string (object, "sha256");
  JsonObjectIter iter;
  JsonNode *child;

  if (rule != NULL)
    read_finding (collection, object, rule);
  if (sha256 != NULL && is_hex (sha256, 64))
    {
      const char *name = member_string (object, "name");
      const char *what = member_string (object, "object");
      const char *source = rule != NULL ? rule
                                        : taiou_event_get_kind (collection->event);
      g_autofree char *description = NULL;

      description = g_strdup_printf ("%s: %s", source,
                                     name != NULL ? name : what != NULL ? what : "");
      add_hash (collection, "sha256", sha256, rule != NULL && g_str_has_prefix (rule, "ioc."),
                source, description);
    }

  json_object_iter_init (&iter, object);
  while (json_object_iter_next (&iter, NULL, &child))
    read_node (collection, child, depth + 1);
}

static void
read_node (Collection *collection,
           JsonNode   *node,
           guint       depth)
{
  if (depth > MAX_DETAIL_DEPTH)
    return;
  if (JSON_NODE_HOLDS_OBJECT (node))
    read_object (collection, json_node_get_object (node), depth);
  else if (JSON_NODE_HOLDS_ARRAY (node))
    {
      JsonArray *array = json_node_get_array (node);

      for (guint i = 0; i < json_array_get_length (array); i++)
        read_node (collection, json_array_get_element (array, i), depth + 1);
    }
}

/* Whether @text nests no deeper than the limit: json-glib's parser recurses without one, and a
 * tampered detail of a million '[' would exhaust the stack. */
static gboolean
nesting_within_limit (const char *text)
{
  gboolean in_string = FALSE;
  guint depth = 0;

  for (const char *p = text; *p != '\0'; p++)
    {
      if (in_string)
        {
          if (*p == '\\' && p[1] != '\0')
            p++;
          else if (*p == '"')
            in_string = FALSE;
        }
      else if (*p == '"')
        in_string = TRUE;
      else if (*p == '{' || *p == '[')
        {
          if (++depth > MAX_DETAIL_DEPTH)
            return FALSE;
        }
      else if ((*p == '}' || *p == ']') && depth > 0)
        depth--;
    }
  return TRUE;
}

static gboolean
observables_begin (TaiouExportContext  *context,
                   GError             **error)
{
  Collection *collection = g_new0 (Collection, 1);

  collection->by_key = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  collection->in_order = g_ptr_array_new_with_free_func (observable_free);
  context->format_data = collection;
  context->format_data_free = collection_free;
  return TRUE;
}

static gboolean
observables_event (TaiouExportContext  *context,
                   TaiouEvent          *event,
                   GError             **error)
{
  Collection *collection = context->format_data;
  const char *detail = taiou_event_get_detail (event);
  g_autoptr(JsonParser) parser = NULL;

  /* Most events (notes, steps) name nothing: skip them before parsing. */
  if (strstr (detail, "\"sha256\"") == NULL && strstr (detail, "\"" TAIOU_FINDING_KEY_RULE "\"")
      == NULL)
    return TRUE;
  if (strlen (detail) > MAX_DETAIL_BYTES || !nesting_within_limit (detail))
    {
      g_debug ("Event #%" G_GINT64_FORMAT ": detail too large or too deep, passed over",
               taiou_event_get_seq (event));
      return TRUE;
    }
  parser = json_parser_new ();
  if (!json_parser_load_from_data (parser, detail, -1, NULL) ||
      json_parser_get_root (parser) == NULL)
    return TRUE;

  collection->event = event;
  read_node (collection, json_parser_get_root (parser), 0);
  collection->event = NULL;
  if (collection->error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&collection->error));
      return FALSE;
    }
  return TRUE;
}

static char *
sources_joined (Observable *observable,
                const char *separator)
{
  g_ptr_array_add (observable->sources, NULL);
  g_ptr_array_set_size (observable->sources, observable->sources->len - 1);
  return g_strjoinv (separator, (char **) observable->sources->pdata);
}

static const char csv_header[] =
  "type,value,ioc,sightings,first_seen,last_seen,first_seq,last_seq,thehive_data_type,"
  "misp_type,misp_category,sources,description\n";

static gboolean
csv_end (TaiouExportContext  *context,
         GError             **error)
{
  Collection *collection = context->format_data;
  GString *out = context->buffer;

  g_string_append (out, csv_header);
  for (guint i = 0; i < collection->in_order->len; i++)
    {
      Observable *observable = collection->in_order->pdata[i];
      const ObservableType *type = find_type (observable->type);
      g_autofree char *sources = sources_joined (observable, "|");

      _taiou_export_csv_text (out, type->type, 0);
      g_string_append_c (out, ',');
      _taiou_export_csv_text (out, observable->value, 0);
      g_string_append (out, observable->ioc ? ",true," : ",false,");
      _taiou_export_csv_int (out, observable->sightings);
      g_string_append_c (out, ',');
      _taiou_export_iso8601 (out, observable->first_us, "+00:00");
      g_string_append_c (out, ',');
      _taiou_export_iso8601 (out, observable->last_us, "+00:00");
      g_string_append_c (out, ',');
      _taiou_export_csv_int (out, observable->first_seq);
      g_string_append_c (out, ',');
      _taiou_export_csv_int (out, observable->last_seq);
      g_string_append_c (out, ',');
      _taiou_export_csv_text (out, type->thehive, 0);
      g_string_append_c (out, ',');
      _taiou_export_csv_text (out, type->misp_type, 0);
      g_string_append_c (out, ',');
      _taiou_export_csv_text (out, type->misp_category, 0);
      g_string_append_c (out, ',');
      _taiou_export_csv_text (out, sources, TAIOU_EXPORT_FIELD_MAX_BYTES);
      g_string_append_c (out, ',');
      _taiou_export_csv_text (out, observable->description, TAIOU_EXPORT_FIELD_MAX_BYTES);
      g_string_append_c (out, '\n');
      if (!_taiou_export_flush (context, FALSE, error))
        return FALSE;
    }
  return TRUE;
}

static void
json_string_member (GString    *out,
                    const char *name,
                    const char *value)
{
  g_string_append_printf (out, "\"%s\":", name);
  _taiou_export_json_string (out, value, TAIOU_EXPORT_FIELD_MAX_BYTES);
  g_string_append_c (out, ',');
}

static gboolean
json_end (TaiouExportContext  *context,
          GError             **error)
{
  Collection *collection = context->format_data;
  TaiouIncident *incident = context->incident;
  GString *out = context->buffer;

  g_string_append (out, "{\"format\":\"taiou-observables\",\"version\":1,\"exported\":\"");
  _taiou_export_iso8601 (out, context->exported_us, "Z");
  g_string_append (out, "\",\"incident\":{\"id\":");
  _taiou_export_int (out, taiou_incident_get_id (incident));
  g_string_append (out, ",\"uuid\":");
  _taiou_export_json_string (out, taiou_incident_get_uuid (incident), 0);
  g_string_append (out, ",\"title\":");
  _taiou_export_json_string (out, taiou_incident_get_title (incident),
                             TAIOU_EXPORT_FIELD_MAX_BYTES);
  g_string_append (out, "},\n\"observables\":[");

  for (guint i = 0; i < collection->in_order->len; i++)
    {
      Observable *observable = collection->in_order->pdata[i];
      const ObservableType *type = find_type (observable->type);

      g_string_append (out, i == 0 ? "\n{" : ",\n{");
      json_string_member (out, "type", type->type);
      json_string_member (out, "value", observable->value);
      g_string_append_printf (out, "\"ioc\":%s,\"sightings\":", observable->ioc ? "true" : "false");
      _taiou_export_int (out, observable->sightings);
      g_string_append (out, ",\"first_seen\":\"");
      _taiou_export_iso8601 (out, observable->first_us, "Z");
      g_string_append (out, "\",\"last_seen\":\"");
      _taiou_export_iso8601 (out, observable->last_us, "Z");
      g_string_append (out, "\",\"first_seq\":");
      _taiou_export_int (out, observable->first_seq);
      g_string_append (out, ",\"last_seq\":");
      _taiou_export_int (out, observable->last_seq);
      g_string_append_c (out, ',');
      json_string_member (out, "thehive_data_type", type->thehive);
      json_string_member (out, "misp_type", type->misp_type);
      json_string_member (out, "misp_category", type->misp_category);
      g_string_append (out, "\"sources\":[");
      for (guint j = 0; j < observable->sources->len; j++)
        {
          if (j > 0)
            g_string_append_c (out, ',');
          _taiou_export_json_string (out, observable->sources->pdata[j],
                                     TAIOU_EXPORT_FIELD_MAX_BYTES);
        }
      g_string_append (out, "],\"description\":");
      _taiou_export_json_string (out, observable->description, TAIOU_EXPORT_FIELD_MAX_BYTES);
      g_string_append_c (out, '}');
      if (!_taiou_export_flush (context, FALSE, error))
        return FALSE;
    }
  g_string_append (out, collection->in_order->len == 0 ? "]}\n" : "\n]}\n");
  return TRUE;
}

const TaiouExportFormatClass _taiou_export_observables_csv = {
  observables_begin,
  observables_event,
  csv_end,
};

const TaiouExportFormatClass _taiou_export_observables_json = {
  observables_begin,
  observables_event,
  json_end,
};
