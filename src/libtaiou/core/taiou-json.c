/* taiou-json.c — reading JSON that may come from anyone */
#define G_LOG_DOMAIN "taiou-json"

#include "config.h"

#include "taiou-json-private.h"

/* The member's string, or NULL when it is missing or not a string (json-glib's own getters
 * complain about a member of the wrong type, and a hostile file may hold anything). */
const char *
_taiou_json_get_string (JsonObject *object,
                        const char *member)
{
  JsonNode *node = json_object_get_member (object, member);

  return node != NULL && JSON_NODE_HOLDS_VALUE (node) &&
         json_node_get_value_type (node) == G_TYPE_STRING ? json_node_get_string (node) : NULL;
}
