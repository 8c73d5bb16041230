/* taiou-import-loki-lines.c — one line of a Loki log, in each of the formats Loki writes
 *
 * The formats, as Loki's own code writes them (Neo23x0/Loki lib/lokilogger.py, Neo23x0/Loki-RS
 * src/helpers/unified_logger.rs):
 *
 * - text:  "{UTC %Y%m%dT%H:%M:%SZ} {HOST} LOKI: {Level}: MODULE: {Module} MESSAGE: {message}";
 *          the level title-cased ("Alert"), lines ending in CRLF on Windows; before 2018 there
 *          was no "MODULE: … MESSAGE: " part.
 *   CSV:   "{time},{HOST},{LEVEL},{Module},{message}" with nothing quoted: the message holds
 *          commas of its own, so everything after the fourth comma is the message.  Before 2018
 *          there was no module column.  A file saved again by a spreadsheet has quotes, which
 *          are undone.
 * - Loki-RS JSONL: one object a line with timestamp (RFC 3339), level ("ALERT" …), event_type
 *          ("scan_start", "scan_end", "file_match", "process_match", "info", "error"), hostname,
 *          message, and for matches file_path, pid, process_name, score, md5, sha1, sha256 and
 *          reasons [{message, score, description …}].
 *
 * In a file finding, Loki (Python) writes "FILE: {path} SCORE: {n} TYPE: … MD5: … SHA1: …
 * SHA256: … CREATED: … REASON_1: {why}REASON_2: {why}" (no space before REASON_2); process
 * findings carry "PID: {n} NAME: {name} OWNER: … CMD: … PATH: {path}".  The parts are read
 * from there; the whole message is kept as well, so nothing depends on reading them right.
 */
#define G_LOG_DOMAIN "taiou-import-loki"

#include "config.h"

#include <math.h>
#include <string.h>

#include "taiou-import-loki-private.h"
#include "taiou-json-private.h"

#define MAX_TIMESTAMP 64
#define MAX_LEVEL     16
#define MAX_MODULE    64

void
_taiou_loki_entry_clear (TaiouLokiEntry *entry)
{
  g_clear_pointer (&entry->timestamp, g_free);
  g_clear_pointer (&entry->hostname, g_free);
  g_clear_pointer (&entry->level, g_free);
  g_clear_pointer (&entry->module, g_free);
  g_clear_pointer (&entry->message, g_free);
  g_clear_pointer (&entry->object, json_object_unref);
}

/* A copy of @text (valid UTF-8) cut to @max bytes on a character boundary. */
static char *
dup_cut (const char *text,
         gssize      length,
         gsize       max)
{
  gsize size = length < 0 ? strlen (text) : (gsize) length;

  if (size > max)
    {
      const char *end = g_utf8_find_prev_char (text, text + max + 1);

      size = end != NULL ? (gsize) (end - text) : 0;
    }
  return g_strndup (text, size);
}

/* A copy of @text (valid UTF-8) cut to TAIOU_LOKI_MAX_FIELD bytes on a character boundary. */
char *
_taiou_loki_dup_field (const char *text,
                       gssize      length)
{
  return dup_cut (text, length, TAIOU_LOKI_MAX_FIELD);
}

static gboolean
is_word (const char *text,
         gsize       length,
         gsize       max)
{
  if (length == 0 || length > max)
    return FALSE;
  for (gsize i = 0; i < length; i++)
    if (!g_ascii_isalnum (text[i]) && text[i] != '_')
      return FALSE;
  return TRUE;
}

static gboolean
is_level (const char *text,
          gsize       length)
{
  static const char * const levels[] = {
    "ALERT", "WARNING", "NOTICE", "INFO", "ERROR", "RESULT", "DEBUG",
  };

  for (guint i = 0; i < G_N_ELEMENTS (levels); i++)
    if (strlen (levels[i]) == length && g_ascii_strncasecmp (text, levels[i], length) == 0)
      return TRUE;
  return FALSE;
}

/* Both Loki's and Loki-RS's timestamps begin with the year and hold no space or comma, which
 * keeps a text line from passing for a CSV one and the other way round. */
static gboolean
looks_like_timestamp (const char *text,
                      gsize       length)
{
  if (length < 8 || length > MAX_TIMESTAMP || !g_ascii_isdigit (text[0]) ||
      !g_ascii_isdigit (text[3]))
    return FALSE;
  for (gsize i = 0; i < length; i++)
    if (text[i] == ' ' || text[i] == ',')
      return FALSE;
  return TRUE;
}

gboolean
_taiou_loki_parse_text_line (const char     *line,
                             TaiouLokiEntry *entry)
{
  const char *space = strchr (line, ' ');
  const char *loki, *level, *level_end, *rest;

  if (space == NULL || !looks_like_timestamp (line, space - line))
    return FALSE;
  if ((loki = strstr (space, " LOKI: ")) == NULL)
    return FALSE;
  level = loki + strlen (" LOKI: ");
  if ((level_end = strstr (level, ": ")) == NULL || !is_level (level, level_end - level))
    return FALSE;
  rest = level_end + 2;

  entry->timestamp = g_strndup (line, space - line);
  entry->hostname = _taiou_loki_dup_field (space + 1, loki > space ? loki - space - 1 : 0);
  entry->level = g_strndup (level, level_end - level);
  if (g_str_has_prefix (rest, "MODULE: "))
    {
      const char *module = rest + strlen ("MODULE: ");
      const char *message = strstr (module, " MESSAGE: ");

      if (message != NULL && message - module <= MAX_MODULE)
        {
          entry->module = g_strndup (module, message - module);
          rest = message + strlen (" MESSAGE: ");
        }
    }
  entry->message = g_strdup (rest);
  return TRUE;
}

/* Reads one CSV field at *@cursor, quoted or not, and moves past its comma.  Returns NULL when
 * a quoted field is not closed. */
static char *
next_csv_field (const char **cursor,
                gboolean    *at_end)
{
  const char *p = *cursor;
  GString *field;

  if (*p != '"')
    {
      const char *comma = strchr (p, ',');
      char *plain = comma != NULL ? g_strndup (p, comma - p) : g_strdup (p);

      *at_end = comma == NULL;
      *cursor = comma != NULL ? comma + 1 : p + strlen (p);
      return plain;
    }
  field = g_string_new (NULL);
  for (p++; *p != '\0'; p++)
    {
      if (*p == '"' && p[1] == '"')
        {
          g_string_append_c (field, '"');
          p++;
        }
      else if (*p == '"')
        break;
      else
        g_string_append_c (field, *p);
    }
  if (*p != '"')
    {
      g_string_free (field, TRUE);
      return NULL;
    }
  p++;
  *at_end = *p != ',';
  *cursor = *p == ',' ? p + 1 : p + strlen (p);
  return g_string_free (field, FALSE);
}

gboolean
_taiou_loki_parse_csv_line (const char     *line,
                            TaiouLokiEntry *entry)
{
  g_autofree char *timestamp = NULL;
  g_autofree char *hostname = NULL;
  g_autofree char *level = NULL;
  const char *cursor = line;
  const char *comma;
  gboolean at_end = FALSE;

  if ((timestamp = next_csv_field (&cursor, &at_end)) == NULL || at_end ||
      !looks_like_timestamp (timestamp, strlen (timestamp)))
    return FALSE;
  if ((hostname = next_csv_field (&cursor, &at_end)) == NULL || at_end)
    return FALSE;
  if ((level = next_csv_field (&cursor, &at_end)) == NULL || at_end ||
      !is_level (level, strlen (level)))
    return FALSE;

  /* A module column is one word followed by a comma; a message (the old four columns) is
   * never one word followed by a comma. */
  if (*cursor == '"')
    {
      const char *field_start = cursor;
      g_autofree char *field = next_csv_field (&cursor, &at_end);

      if (field == NULL)
        return FALSE;
      if (!at_end && is_word (field, strlen (field), MAX_MODULE))
        entry->module = g_steal_pointer (&field);
      else
        cursor = field_start;
    }
  else if ((comma = strchr (cursor, ',')) != NULL && is_word (cursor, comma - cursor, MAX_MODULE))
    {
      entry->module = g_strndup (cursor, comma - cursor);
      cursor = comma + 1;
    }

  if (*cursor == '"')
    {
      const char *field_start = cursor;
      g_autofree char *field = next_csv_field (&cursor, &at_end);

      /* Quoted by a spreadsheet: the whole rest is one field.  A message that merely begins
       * with a quote is kept as written. */
      entry->message = field != NULL && at_end && *cursor == '\0' ? g_steal_pointer (&field)
                                                                  : g_strdup (field_start);
    }
  else
    entry->message = g_strdup (cursor);
  entry->timestamp = g_steal_pointer (&timestamp);
  entry->hostname = _taiou_loki_dup_field (hostname, -1);
  entry->level = g_steal_pointer (&level);
  return TRUE;
}

/* json-glib parses recursively: a line of a million "[" would exhaust the stack. */
static gboolean
json_depth_ok (const char *line,
               gsize       length)
{
  gboolean in_string = FALSE;
  guint depth = 0;

  for (gsize i = 0; i < length; i++)
    {
      char c = line[i];

      if (in_string)
        {
          if (c == '\\')
            i++;
          else if (c == '"')
            in_string = FALSE;
        }
      else if (c == '"')
        in_string = TRUE;
      else if ((c == '{' || c == '[') && ++depth > TAIOU_LOKI_MAX_JSON_DEPTH)
        return FALSE;
      else if ((c == '}' || c == ']') && depth > 0)
        depth--;
    }
  return TRUE;
}

/* A string member, if it is valid UTF-8: a "\\ud800" escape in a valid line can still make
 * json-glib return bytes that are not; such a value is replaced, not trusted. */
static const char *
json_text (JsonObject *object,
           const char *member)
{
  const char *text = _taiou_json_get_string (object, member);

  return text == NULL || g_utf8_validate (text, -1, NULL) ? text : "\xef\xbf\xbd";
}

gboolean
_taiou_loki_parse_jsonl_line (const char     *line,
                              gsize           length,
                              TaiouLokiEntry *entry)
{
  g_autoptr(JsonParser) parser = NULL;
  JsonNode *root;
  JsonObject *object;
  const char *level, *event_type, *text;

  if (length == 0 || line[0] != '{' || !json_depth_ok (line, length))
    return FALSE;
  parser = json_parser_new_immutable ();
  if (!json_parser_load_from_data (parser, line, (gssize) length, NULL))
    return FALSE;
  root = json_parser_get_root (parser);
  if (root == NULL || !JSON_NODE_HOLDS_OBJECT (root))
    return FALSE;
  object = json_node_get_object (root);
  level = json_text (object, "level");
  event_type = json_text (object, "event_type");
  if (level == NULL || event_type == NULL || !is_level (level, strlen (level)) ||
      !is_word (event_type, strlen (event_type), MAX_MODULE))
    return FALSE;

  text = json_text (object, "timestamp");
  entry->timestamp = dup_cut (text != NULL ? text : "", -1, MAX_TIMESTAMP);
  text = json_text (object, "hostname");
  entry->hostname = _taiou_loki_dup_field (text != NULL ? text : "", -1);
  entry->level = g_strdup (level);
  entry->module = g_strdup (event_type);
  text = json_text (object, "message");
  entry->message = g_strdup (text != NULL ? text : "");
  entry->object = json_object_ref (object);
  return TRUE;
}

/* "20240304T09:33:07Z" (Loki) or RFC 3339 (Loki-RS) as "2024-03-04T09:33:07Z"; anything else
 * as written, cut short. */
char *
_taiou_loki_normalize_time (const char *timestamp)
{
  g_autoptr(GDateTime) time = NULL;
  g_autoptr(GTimeZone) utc = g_time_zone_new_utc ();

  if (strlen (timestamp) == 18 && timestamp[8] == 'T' && timestamp[17] == 'Z')
    {
      g_autofree char *iso = g_strdup_printf ("%.4s-%.2s-%.2s%s", timestamp, timestamp + 4,
                                              timestamp + 6, timestamp + 8);
      time = g_date_time_new_from_iso8601 (iso, utc);
    }
  else
    time = g_date_time_new_from_iso8601 (timestamp, utc);
  if (time == NULL)
    return dup_cut (timestamp, -1, MAX_TIMESTAMP);
  {
    g_autoptr(GDateTime) in_utc = g_date_time_to_utc (time);

    return g_date_time_format (in_utc, "%Y-%m-%dT%H:%M:%SZ");
  }
}

/* Where " KEY: " (or "KEY: " at the start) is in @message, or NULL. */
static const char *
find_key (const char *message,
          const char *key)
{
  g_autofree char *pattern = g_strconcat (key, ": ", NULL);
  const char *found = message;

  while ((found = strstr (found, pattern)) != NULL)
    {
      if (found == message || found[-1] == ' ')
        return found + strlen (pattern);
      found++;
    }
  return NULL;
}

/* Where the next " UPPER_CASE: " key after @from starts, or the end of the string. */
static const char *
next_key (const char *from)
{
  for (const char *p = from; *p != '\0'; p++)
    {
      const char *q = p + 1;

      if (*p != ' ' || !g_ascii_isupper (*q))
        continue;
      while (g_ascii_isupper (*q) || g_ascii_isdigit (*q) || *q == '_')
        q++;
      if (q[0] == ':' && q[1] == ' ')
        return p;
    }
  return from + strlen (from);
}

/* The value after "KEY: " up to the next key, trimmed; NULL when absent or empty. */
char *
_taiou_loki_dup_value (const char *message,
                       const char *key)
{
  const char *start = find_key (message, key);
  g_autofree char *value = NULL;

  if (start == NULL)
    return NULL;
  value = g_strstrip (g_strndup (start, next_key (start) - start));
  return value[0] != '\0' ? _taiou_loki_dup_field (value, -1) : NULL;
}

static char *
dup_hex (const char *text,
         gsize       length)
{
  if (text == NULL || strlen (text) < length)
    return NULL;
  for (gsize i = 0; i < length; i++)
    if (!g_ascii_isxdigit (text[i]))
      return NULL;
  if (text[length] != '\0' && text[length] != ' ')
    return NULL;
  return g_ascii_strdown (text, length);
}

static gint64
parse_number (const char *text)
{
  guint64 value = 0;

  if (text == NULL || !g_ascii_isdigit (text[0]))
    return -1;
  for (guint i = 0; g_ascii_isdigit (text[i]); i++)
    if (i >= 9 || (value = value * 10 + (guint64) (text[i] - '0')) > G_MAXINT)
      return -1;
  return (gint64) value;
}

static void
add_reason (TaiouLokiFinding *finding,
            const char       *text,
            gsize             length)
{
  g_autofree char *reason = g_strstrip (g_strndup (text, length));

  if (reason[0] != '\0' && finding->reasons->len < TAIOU_LOKI_MAX_REASONS)
    g_ptr_array_add (finding->reasons, _taiou_loki_dup_field (reason, -1));
}

/* "…REASON_1: why REASON_2: why" — Loki writes no space before REASON_2. */
static void
read_message_reasons (TaiouLokiFinding *finding,
                      const char       *message)
{
  const char *p = message;
  const char *reason = NULL;

  for (; (p = strstr (p, "REASON_")) != NULL; p++)
    {
      const char *q = p + strlen ("REASON_");

      if (!g_ascii_isdigit (*q))
        continue;
      while (g_ascii_isdigit (*q))
        q++;
      if (q[0] != ':' || q[1] != ' ')
        continue;
      if (reason != NULL)
        add_reason (finding, reason, p - reason);
      reason = q + 2;
    }
  if (reason != NULL)
    add_reason (finding, reason, strlen (reason));
}

static void
read_message_fields (TaiouLokiFinding *finding)
{
  const char *message = finding->message;
  const char *file = find_key (message, "FILE");

  if (file != NULL)
    {
      const char *score = strstr (file, " SCORE: ");
      const char *end = score != NULL ? score : next_key (file);
      g_autofree char *path = g_strndup (file, end - file);

      finding->file_path = g_strstrip (path)[0] != '\0' ? _taiou_loki_dup_field (path, -1) : NULL;
    }
  else
    finding->file_path = _taiou_loki_dup_value (message, "PATH");
  finding->score = parse_number (find_key (message, "SCORE"));
  finding->pid = parse_number (find_key (message, "PID"));
  finding->process_name = _taiou_loki_dup_value (message, "NAME");
  finding->md5 = dup_hex (find_key (message, "MD5"), 32);
  finding->sha1 = dup_hex (find_key (message, "SHA1"), 40);
  finding->sha256 = dup_hex (find_key (message, "SHA256"), 64);
  read_message_reasons (finding, message);
}

static char *
dup_json_string (JsonObject *object,
                 const char *member)
{
  const char *text = json_text (object, member);

  return text != NULL && text[0] != '\0' ? _taiou_loki_dup_field (text, -1) : NULL;
}

static gint64
get_json_number (JsonObject *object,
                 const char *member)
{
  JsonNode *node = json_object_get_member (object, member);
  double value;

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node))
    return -1;
  switch (json_node_get_value_type (node))
    {
    case G_TYPE_INT64:
      value = (double) json_node_get_int (node);
      break;
    case G_TYPE_DOUBLE:
      value = json_node_get_double (node);
      break;
    default:
      return -1;
    }
  return isfinite (value) && value >= 0 && value <= G_MAXINT ? (gint64) round (value) : -1;
}

static void
read_json_fields (TaiouLokiFinding *finding,
                  JsonObject       *object)
{
  JsonNode *reasons = json_object_get_member (object, "reasons");
  g_autofree char *md5 = dup_json_string (object, "md5");
  g_autofree char *sha1 = dup_json_string (object, "sha1");
  g_autofree char *sha256 = dup_json_string (object, "sha256");

  finding->file_path = dup_json_string (object, "file_path");
  finding->process_name = dup_json_string (object, "process_name");
  finding->pid = get_json_number (object, "pid");
  finding->score = (int) get_json_number (object, "score");
  finding->md5 = md5 != NULL && strlen (md5) == 32 ? dup_hex (md5, 32) : NULL;
  finding->sha1 = sha1 != NULL && strlen (sha1) == 40 ? dup_hex (sha1, 40) : NULL;
  finding->sha256 = sha256 != NULL && strlen (sha256) == 64 ? dup_hex (sha256, 64) : NULL;

  if (reasons == NULL || !JSON_NODE_HOLDS_ARRAY (reasons))
    return;
  for (guint i = 0; i < json_array_get_length (json_node_get_array (reasons)); i++)
    {
      JsonNode *node = json_array_get_element (json_node_get_array (reasons), i);
      JsonObject *reason;
      const char *text, *description;
      gint64 score;
      g_autoptr(GString) line = g_string_new (NULL);

      if (!JSON_NODE_HOLDS_OBJECT (node))
        continue;
      reason = json_node_get_object (node);
      text = json_text (reason, "message");
      description = json_text (reason, "description");
      score = get_json_number (reason, "score");
      g_string_append (line, text != NULL ? text : "?");
      if (score >= 0)
        g_string_append_printf (line, " SUBSCORE: %" G_GINT64_FORMAT, score);
      if (description != NULL)
        g_string_append_printf (line, " DESC: %s", description);
      add_reason (finding, line->str, line->len);
    }
}

TaiouLokiFinding *
_taiou_loki_finding_new (const TaiouLokiEntry *entry,
                         TaiouLokiLevel        level,
                         guint64               line)
{
  TaiouLokiFinding *finding = g_new0 (TaiouLokiFinding, 1);

  finding->level = level;
  finding->line = line;
  finding->timestamp = _taiou_loki_normalize_time (entry->timestamp);
  finding->hostname = g_strdup (entry->hostname);
  finding->module = entry->module != NULL ? _taiou_loki_dup_field (entry->module, -1) : NULL;
  finding->message = _taiou_loki_dup_field (entry->message, -1);
  finding->reasons = g_ptr_array_new_with_free_func (g_free);
  if (entry->object != NULL)
    read_json_fields (finding, entry->object);
  else
    read_message_fields (finding);
  return finding;
}

void
_taiou_loki_finding_free (TaiouLokiFinding *finding)
{
  g_free (finding->timestamp);
  g_free (finding->hostname);
  g_free (finding->module);
  g_free (finding->message);
  g_free (finding->file_path);
  g_free (finding->process_name);
  g_free (finding->md5);
  g_free (finding->sha1);
  g_free (finding->sha256);
  g_ptr_array_unref (finding->reasons);
  g_free (finding);
}

/* About how much memory @finding holds, for the reader's budget. */
gsize
_taiou_loki_finding_size (const TaiouLokiFinding *finding)
{
  gsize size = sizeof *finding + 256;
  const char *strings[] = { finding->timestamp, finding->hostname, finding->module,
                            finding->message, finding->file_path, finding->process_name };

  for (guint i = 0; i < G_N_ELEMENTS (strings); i++)
    size += strings[i] != NULL ? strlen (strings[i]) : 0;
  for (guint i = 0; i < finding->reasons->len; i++)
    size += strlen (finding->reasons->pdata[i]);
  return size;
}
