/* taiou-emocheck-json.c — EmoCheck's JSON report (v0.0.2 on), as its JsonReport() wrote it
 *
 * EmoCheck did not use a JSON library: it printed each value between quotes as the console's
 * OEM code page gave it (CP932 on Japanese Windows), doubling the backslashes of
 * "image_path" and "registry_key" byte by byte and leaving the other values as they were.  So a
 * report from a Japanese PC is not UTF-8, and a CP932 character whose second byte is 0x5C
 * (ソ, 表, 能…) reads as a backslash: doubled in a path, alone in a process name.  The report
 * is therefore walked byte by byte first: each string is unescaped to its bytes, decoded on
 * its own (UTF-8, else CP932) and written back as UTF-8 JSON for json-glib, keeping the line
 * breaks so that every error can name its line.
 */
#define G_LOG_DOMAIN "taiou-import-emocheck"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <json-glib/json-glib.h>
#include <stdio.h>
#include <string.h>

#include "taiou-emocheck-private.h"
#include "taiou-json-private.h"

#define MAX_PROCESSES 1000
#define MAX_DEPTH     16

typedef struct
{
  const char *file_name;
  gboolean    ansi_bytes;      /* the report is not UTF-8: CP932 bytes may stand in strings */
  GString    *out;
  guint       line;
  guint       depth;
  guint       root_end_line;
  GArray     *process_lines;   /* guint: where each object of "emotet_processes" starts */
  char       *last_key;
  gboolean    after_colon;
  const char *ansi_code_page;  /* CP932, or CP850 once CP932 could not read a value */
} Walk;

static gboolean
is_cp932_lead (guchar byte)
{
  return (byte >= 0x81 && byte <= 0x9f) || (byte >= 0xe0 && byte <= 0xfc);
}

static void
append_json_string (GString    *out,
                    const char *utf8)
{
  g_string_append_c (out, '"');
  for (const char *p = utf8; *p != '\0'; p++)
    {
      if (*p == '"' || *p == '\\')
        g_string_append_printf (out, "\\%c", *p);
      else if ((guchar) *p < 0x20)
        g_string_append_printf (out, "\\u%04x", (guint) (guchar) *p);
      else
        g_string_append_c (out, *p);
    }
  g_string_append_c (out, '"');
}

static int
hex_value (const char *p)
{
  int value = 0;

  for (int i = 0; i < 4; i++)
    {
      int digit = g_ascii_xdigit_value (p[i]);

      if (digit < 0)
        return -1;
      value = value * 16 + digit;
    }
  return value;
}

/* Reads the string starting after the quote at *@pos; leaves *@pos after the closing quote. */
static gboolean
walk_string (Walk        *walk,
             const char  *data,
             gsize        length,
             gsize       *pos,
             char       **decoded,
             GError     **error)
{
  g_autoptr(GString) raw = g_string_new (NULL);
  /* Only the two path values had their backslashes doubled: elsewhere a backslash after a
   * CP932 lead byte is the second half of a character. */
  gboolean escaped = walk->after_colon && (g_strcmp0 (walk->last_key, "image_path") == 0 ||
                                           g_strcmp0 (walk->last_key, "registry_key") == 0);
  gboolean expect_trail = FALSE;

  while (*pos < length)
    {
      guchar byte = (guchar) data[(*pos)++];

      if (expect_trail)
        {
          expect_trail = FALSE;
          if (byte == '\\' && !escaped)
            {
              g_string_append_c (raw, '\\');
              continue;
            }
        }
      if (byte == '"')
        {
          *decoded = _taiou_emocheck_decode (raw->str, raw->len, walk->ansi_code_page);
          if (*decoded == NULL)
            return _taiou_emocheck_line_error (error, walk->file_name, walk->line,
                                               _("a value is neither UTF-8 nor in the code page "
                                                 "of Japanese or French Windows"));
          return TRUE;
        }
      if (byte < 0x20)
        return _taiou_emocheck_line_error (error, walk->file_name, walk->line,
                                           _("a value is not closed on its line"));
      if (byte != '\\')
        {
          expect_trail = walk->ansi_bytes && is_cp932_lead (byte);
          g_string_append_c (raw, (char) byte);
          continue;
        }
      if (*pos >= length)
        break;
      switch (data[(*pos)++])
        {
        case '"': g_string_append_c (raw, '"'); break;
        case '\\': g_string_append_c (raw, '\\'); break;
        case '/': g_string_append_c (raw, '/'); break;
        case 'b': g_string_append_c (raw, '\b'); break;
        case 'f': g_string_append_c (raw, '\f'); break;
        case 'n': g_string_append_c (raw, '\n'); break;
        case 'r': g_string_append_c (raw, '\r'); break;
        case 't': g_string_append_c (raw, '\t'); break;
        case 'u':
          {
            int unit = *pos + 4 <= length ? hex_value (data + *pos) : -1;

            /* A surrogate or NUL stands for nothing EmoCheck could have written. */
            if (unit <= 0 || (unit >= 0xd800 && unit <= 0xdfff))
              return _taiou_emocheck_line_error (error, walk->file_name, walk->line,
                                                 _("a value holds a bad “\\u” escape"));
            g_string_append_unichar (raw, (gunichar) unit);
            *pos += 4;
          }
          break;
        default:
          return _taiou_emocheck_line_error (error, walk->file_name, walk->line,
                                             _("a value holds a bad backslash escape"));
        }
    }
  return _taiou_emocheck_line_error (error, walk->file_name, walk->line,
                                     _("the report ends inside a value"));
}

/* Rewrites the report as UTF-8 JSON in @walk->out, noting the lines the checks need. */
static gboolean
walk_report (Walk        *walk,
             const char  *data,
             gsize        length,
             GError     **error)
{
  gsize pos = 0;

  while (pos < length)
    {
      guchar byte = (guchar) data[pos++];

      if (byte == '"')
        {
          g_autofree char *decoded = NULL;
          gsize next = pos;

          if (!walk_string (walk, data, length, &pos, &decoded, error))
            return FALSE;
          append_json_string (walk->out, decoded);
          /* A string followed by ':' is a key: the next value belongs to it. */
          for (next = pos; next < length && g_ascii_isspace (data[next]) && data[next] != '\n';
               next++)
            ;
          if (next < length && data[next] == ':')
            {
              g_free (walk->last_key);
              walk->last_key = g_steal_pointer (&decoded);
            }
          walk->after_colon = FALSE;
          continue;
        }
      if (byte >= 0x80)
        return _taiou_emocheck_line_error (error, walk->file_name, walk->line,
                                           _("text outside of a value"));
      if (byte == '\n')
        walk->line++;
      else if (byte == ':')
        walk->after_colon = TRUE;
      else if (byte == ',')
        walk->after_colon = FALSE;
      else if (byte == '{' || byte == '[')
        {
          if (byte == '{' && walk->depth == 2)
            g_array_append_val (walk->process_lines, walk->line);
          if (++walk->depth > MAX_DEPTH)
            return _taiou_emocheck_line_error (error, walk->file_name, walk->line,
                                               _("too deeply nested"));
          walk->after_colon = FALSE;
        }
      else if (byte == '}' || byte == ']')
        {
          if (walk->depth > 0 && --walk->depth == 0)
            walk->root_end_line = walk->line;
        }
      g_string_append_c (walk->out, (char) byte);
    }
  if (walk->root_end_line == 0)
    walk->root_end_line = walk->line;
  return TRUE;
}

/* "yes"/"no" as EmoCheck wrote it; a boolean as Taiou's own export of a report writes it. */
static gboolean
read_infected (JsonObject *root,
               gboolean   *infected)
{
  JsonNode *node = json_object_get_member (root, "is_infected");

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node))
    return FALSE;
  if (json_node_get_value_type (node) == G_TYPE_BOOLEAN)
    {
      *infected = json_node_get_boolean (node);
      return TRUE;
    }
  if (json_node_get_value_type (node) != G_TYPE_STRING)
    return FALSE;
  if (g_strcmp0 (json_node_get_string (node), "yes") != 0 &&
      g_strcmp0 (json_node_get_string (node), "no") != 0)
    return FALSE;
  *infected = g_str_equal (json_node_get_string (node), "yes");
  return TRUE;
}

static gboolean
read_processes (TaiouEmocheckReport  *report,
                Walk                 *walk,
                JsonObject           *root,
                GError              **error)
{
  JsonNode *processes = json_object_get_member (root, "emotet_processes");
  JsonArray *array;

  if (processes == NULL)
    return TRUE;
  if (!JSON_NODE_HOLDS_ARRAY (processes))
    return _taiou_emocheck_line_error (error, walk->file_name, walk->root_end_line,
                                       _("“emotet_processes” is not a list"));
  array = json_node_get_array (processes);
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonNode *node = json_array_get_element (array, i);
      JsonObject *entry = JSON_NODE_HOLDS_OBJECT (node) ? json_node_get_object (node) : NULL;
      guint line = i < walk->process_lines->len ? g_array_index (walk->process_lines, guint, i)
                                                : walk->root_end_line;
      TaiouEmocheckProcess *process;

      if (i >= MAX_PROCESSES)
        return _taiou_emocheck_line_error (error, walk->file_name, line, _("too many processes"));
      if (entry == NULL || _taiou_json_get_string (entry, "process_name") == NULL)
        return _taiou_emocheck_line_error (error, walk->file_name, line,
                                           _("a process without “process_name”"));
      process = _taiou_emocheck_process_new (report);
      process->process_name = g_strdup (_taiou_json_get_string (entry, "process_name"));
      process->process_id = g_strdup (_taiou_json_get_string (entry, "process_id"));
      process->image_path = g_strdup (_taiou_json_get_string (entry, "image_path"));
      process->registry_key = g_strdup (_taiou_json_get_string (entry, "registry_key"));
    }
  return TRUE;
}

gboolean
_taiou_emocheck_parse_json (TaiouEmocheckReport  *report,
                            const char           *file_name,
                            const char           *data,
                            gsize                 length,
                            GError              **error)
{
  g_autoptr(JsonParser) parser = json_parser_new_immutable ();
  g_autoptr(GError) parse_error = NULL;
  g_autoptr(GString) out = g_string_sized_new (length + 16);
  g_autoptr(GArray) process_lines = g_array_new (FALSE, FALSE, sizeof (guint));
  Walk walk = { file_name, !g_utf8_validate_len (data, length, NULL), out, 1, 0, 0,
                process_lines, NULL, FALSE, "CP932" };
  gboolean walked = walk_report (&walk, data, length, NULL);
  JsonObject *root;

  /* The JSON does not say which Windows wrote it: CP932 first (most reports come from
   * Japanese PCs), else the whole report again as French Windows' CP850, which reads any
   * byte.  A report is read in one code page, never value by value. */
  if (!walked && walk.ansi_bytes)
    {
      g_string_truncate (out, 0);
      g_array_set_size (process_lines, 0);
      g_clear_pointer (&walk.last_key, g_free);
      walk = (Walk) { file_name, TRUE, out, 1, 0, 0, process_lines, NULL, FALSE, "CP850" };
      walked = walk_report (&walk, data, length, NULL);
    }
  g_clear_pointer (&walk.last_key, g_free);
  if (!walked)
    {
      /* Once more to name the line where the first reading stopped. */
      walk = (Walk) { file_name, walk.ansi_bytes, out, 1, 0, 0, process_lines, NULL, FALSE,
                      "CP932" };
      g_string_truncate (out, 0);
      walked = walk_report (&walk, data, length, error);
      g_clear_pointer (&walk.last_key, g_free);
      g_assert (!walked);
      return FALSE;
    }

  if (!json_parser_load_from_data (parser, out->str, (gssize) out->len, &parse_error))
    {
      guint line = 0;
      int consumed = 0;

      /* json-glib says "<data>:LINE:COLUMN: Parse error: …"; the rewritten text keeps the
       * report's lines. */
      if (sscanf (parse_error->message, "<data>:%u:%*u: %n", &line, &consumed) >= 1 &&
          consumed > 0)
        return _taiou_emocheck_line_error (error, file_name, line,
                                           parse_error->message + consumed);
      g_set_error (error, TAIOU_IMPORT_ERROR, TAIOU_IMPORT_ERROR_FORMAT,
                   _("%s is not an EmoCheck report: %s"), file_name, parse_error->message);
      return FALSE;
    }
  if (json_parser_get_root (parser) == NULL ||
      !JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser)))
    return _taiou_emocheck_line_error (error, file_name, 1, _("expected a JSON object"));
  root = json_node_get_object (json_parser_get_root (parser));

  if (_taiou_json_get_string (root, "scan_time") == NULL ||
      !read_infected (root, &report->infected))
    return _taiou_emocheck_line_error (error, file_name, walk.root_end_line,
                                       _("“scan_time” or “is_infected” is missing"));
  report->scan_time = g_strdup (_taiou_json_get_string (root, "scan_time"));
  report->hostname = g_strdup (_taiou_json_get_string (root, "hostname"));
  report->version = g_strdup (_taiou_json_get_string (root, "emocheck_version"));
  return read_processes (report, &walk, root, error);
}
