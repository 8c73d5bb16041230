/* taiou-ioc-formats-json.c — the JSON IOC formats: Feodo Tracker's block list and Taiou's own
 *
 * JSON is parsed whole, so it has a size cap; each entry is checked on its own and a bad entry
 * is counted and named by its position ("file:entry: why"), like a bad line in the line formats.
 */
#define G_LOG_DOMAIN "taiou-ioc-formats"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "taiou-ioc-formats-private.h"
#include "taiou-json-private.h"

#define MAX_JSON_SIZE (64 * 1024 * 1024)

static JsonNode *
parse_json (LoadContext  *ctx,
            const char   *data,
            gsize         length,
            GError      **error)
{
  g_autoptr(JsonParser) parser = json_parser_new_immutable ();
  g_autoptr(GError) parse_error = NULL;

  if (length > MAX_JSON_SIZE)
    {
      g_set_error (error, TAIOU_IOC_ERROR, TAIOU_IOC_ERROR_TOO_LARGE,
                   _("%s is larger than %d MB, the limit for JSON IOC files"),
                   ctx->name, MAX_JSON_SIZE / (1024 * 1024));
      return NULL;
    }
  if (!json_parser_load_from_data (parser, data, (gssize) length, &parse_error))
    {
      g_set_error (error, TAIOU_IOC_ERROR, TAIOU_IOC_ERROR_FORMAT,
                   _("%s is not valid JSON: %s"), ctx->name, parse_error->message);
      return NULL;
    }
  /* Empty or blank input parses, but to no document at all. */
  if (json_parser_get_root (parser) == NULL)
    {
      g_set_error (error, TAIOU_IOC_ERROR, TAIOU_IOC_ERROR_FORMAT, _("%s is empty"), ctx->name);
      return NULL;
    }
  return json_node_ref (json_parser_get_root (parser));
}

/* Feodo Tracker ipblocklist.json: [{"ip_address", "port", "status", "malware", …}, …] */
static gboolean
read_feodo_json (LoadContext  *ctx,
                 JsonNode     *root,
                 GError      **error)
{
  JsonArray *array;

  if (!JSON_NODE_HOLDS_ARRAY (root))
    {
      g_set_error (error, TAIOU_IOC_ERROR, TAIOU_IOC_ERROR_FORMAT,
                   _("%s is not a Feodo Tracker block list (expected a JSON array)"), ctx->name);
      return FALSE;
    }
  array = json_node_get_array (root);
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonNode *node = json_array_get_element (array, i);
      JsonObject *entry = JSON_NODE_HOLDS_OBJECT (node) ? json_node_get_object (node) : NULL;
      const char *ip = entry != NULL ? _taiou_json_get_string (entry, "ip_address") : NULL;
      const char *malware = entry != NULL ? _taiou_json_get_string (entry, "malware") : NULL;
      const char *status = entry != NULL ? _taiou_json_get_string (entry, "status") : NULL;
      g_autofree char *description = NULL;

      ctx->line_number = i + 1; /* for JSON, the entry number */
      if (ip == NULL)
        {
          _taiou_ioc_problem (ctx, _("entry without an “ip_address”"));
          continue;
        }
      description = g_strdup_printf ("Feodo Tracker: %s C2", malware != NULL ? malware : "?");
      if (_taiou_ioc_set_add_network (ctx->set, ip,
                                      _taiou_ioc_score_for_status (status),
                                      description))
        _taiou_ioc_loaded (ctx);
      else
        _taiou_ioc_problem (ctx, _("“%.80s” is not an IP address"), ip);
    }
  return TRUE;
}

/* Taiou JSON: {"format": "taiou-ioc", "version": 1, "iocs": [{"type", "value", "score",
 * "description", "false_positive"}, …]}; see data/ioc/README.md. */
static gboolean
read_taiou_json (LoadContext  *ctx,
                 JsonNode     *root,
                 GError      **error)
{
  JsonObject *object = JSON_NODE_HOLDS_OBJECT (root) ? json_node_get_object (root) : NULL;
  JsonNode *iocs_node = object != NULL ? json_object_get_member (object, "iocs") : NULL;
  JsonArray *iocs;

  if (object == NULL || g_strcmp0 (_taiou_json_get_string (object, "format"), "taiou-ioc") != 0 ||
      iocs_node == NULL || !JSON_NODE_HOLDS_ARRAY (iocs_node))
    {
      g_set_error (error, TAIOU_IOC_ERROR, TAIOU_IOC_ERROR_FORMAT,
                   _("%s is not a Taiou IOC file (expected \"format\": \"taiou-ioc\" and an "
                     "\"iocs\" array)"), ctx->name);
      return FALSE;
    }
  iocs = json_node_get_array (iocs_node);
  for (guint i = 0; i < json_array_get_length (iocs); i++)
    {
      JsonNode *node = json_array_get_element (iocs, i);
      JsonObject *ioc = JSON_NODE_HOLDS_OBJECT (node) ? json_node_get_object (node) : NULL;
      const char *type = ioc != NULL ? _taiou_json_get_string (ioc, "type") : NULL;
      const char *value = ioc != NULL ? _taiou_json_get_string (ioc, "value") : NULL;
      const char *description = ioc != NULL ? _taiou_json_get_string (ioc, "description") : NULL;
      g_autoptr(GError) regex_error = NULL;
      int score = TAIOU_IOC_DEFAULT_SCORE;
      gboolean added = FALSE;

      ctx->line_number = i + 1;
      if (type == NULL || value == NULL)
        {
          _taiou_ioc_problem (ctx, _("entry without a “type” and a “value”"));
          continue;
        }
      if (ioc != NULL && json_object_has_member (ioc, "score"))
        {
          JsonNode *score_node = json_object_get_member (ioc, "score");

          if (!JSON_NODE_HOLDS_VALUE (score_node) ||
              json_node_get_value_type (score_node) != G_TYPE_INT64 ||
              json_node_get_int (score_node) < 0 || json_node_get_int (score_node) > 100)
            {
              _taiou_ioc_problem (ctx, _("the score must be a number from 0 to 100"));
              continue;
            }
          score = (int) json_node_get_int (score_node);
        }
      if (description == NULL)
        description = ctx->name;

      if (g_str_equal (type, "md5") || g_str_equal (type, "sha1") || g_str_equal (type, "sha256"))
        added = _taiou_ioc_set_add_hash_hex (ctx->set, value, strlen (value), score, description);
      else if (g_str_equal (type, "ip") || g_str_equal (type, "cidr"))
        added = _taiou_ioc_set_add_network (ctx->set, value, score, description);
      else if (g_str_equal (type, "domain"))
        added = _taiou_ioc_set_add_domain (ctx->set, value, score, description);
      else if (g_str_equal (type, "url"))
        added = _taiou_ioc_set_add_url (ctx->set, value, score, description);
      else if (g_str_equal (type, "filename"))
        {
          added = _taiou_ioc_set_add_file_name (ctx->set, value, score,
                                                _taiou_json_get_string (ioc, "false_positive"),
                                                description,
                                                &regex_error);
          if (!added)
            {
              _taiou_ioc_problem (ctx, _("bad regular expression: %s"), regex_error->message);
              continue;
            }
        }
      else
        {
          _taiou_ioc_problem (ctx, _("unknown type “%.40s”"), type);
          continue;
        }

      if (added)
        _taiou_ioc_loaded (ctx);
      else
        _taiou_ioc_problem (ctx, _("“%.80s” is not a valid %s"), value, type);
    }
  return TRUE;
}

gboolean
_taiou_ioc_read_json (LoadContext     *ctx,
           TaiouIocFormat   format,
           const char      *data,
           gsize            length,
           GError         **error)
{
  g_autoptr(JsonNode) root = parse_json (ctx, data, length, error);

  if (root == NULL)
    return FALSE;
  return format == TAIOU_IOC_FORMAT_FEODO_JSON ? read_feodo_json (ctx, root, error)
                                               : read_taiou_json (ctx, root, error);
}
