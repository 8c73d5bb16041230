/* taiou-notice-draft.c — what was typed into the notice editor survives a crash or a close
 *
 * Writing a careful letter takes a while, and the person writing it is under pressure; closing
 * the window by mistake must not throw the work away.  What people typed into the form is kept
 * as a small JSON object beside the incident record, one file per incident, readable by this
 * user only.
 * The recipients are not kept: a partner list belongs in the address book it came from.
 */
#define G_LOG_DOMAIN "taiou-notice"

#include "config.h"

#include <errno.h>
#include <glib/gstdio.h>

#include "taiou-notice-draft.h"

/* A draft holds a few letters' worth of text; anything bigger is not ours. */
#define MAX_DRAFT_SIZE (1024 * 1024)

/* Returns: (transfer full) (nullable): where the draft for @incident lives, or NULL when
 *   there is no incident to keep it for */
char *
taiou_notice_draft_path (TaiouTimeline *timeline,
                         TaiouIncident *incident)
{
  g_autofree char *folder = NULL;
  g_autofree char *name = NULL;

  if (timeline == NULL || incident == NULL)
    return NULL;
  folder = g_path_get_dirname (taiou_timeline_get_path (timeline));
  name = g_strconcat (taiou_incident_get_uuid (incident), ".json", NULL);
  return g_build_filename (folder, "notice-drafts", name, NULL);
}

/* Returns: (transfer full) (nullable): variable → value, or NULL when there is no usable
 *   draft (a damaged one is ignored: the form then starts from what Taiou knows) */
GHashTable *
taiou_notice_draft_load (const char *path)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GHashTable) values = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *data = NULL;
  gsize length = 0;
  JsonObjectIter iter;
  const char *name;
  JsonNode *node;

  if (path == NULL)
    return NULL;
  data = taiou_file_read_bounded (path, MAX_DRAFT_SIZE, &length, &error);
  if (data == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND))
        g_warning ("The notice draft %s is not used: %s", path, error->message);
      return NULL;
    }
  if (!json_parser_load_from_data (parser, data, (gssize) length, &error) ||
      !JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser)))
    {
      g_warning ("The notice draft %s is damaged and not used", path);
      return NULL;
    }
  values = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  json_object_iter_init (&iter, json_node_get_object (json_parser_get_root (parser)));
  while (json_object_iter_next (&iter, &name, &node))
    if (JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_STRING)
      g_hash_table_insert (values, g_strdup (name), json_node_dup_string (node));
  return g_steal_pointer (&values);
}

gboolean
taiou_notice_draft_save (const char  *path,
                         GHashTable  *values,
                         GError     **error)
{
  g_autoptr(JsonObject) object = json_object_new ();
  g_autoptr(JsonNode) root = json_node_new (JSON_NODE_OBJECT);
  g_autofree char *folder = g_path_get_dirname (path);
  g_autofree char *data = NULL;
  GHashTableIter iter;
  gpointer name, value;

  g_hash_table_iter_init (&iter, values);
  while (g_hash_table_iter_next (&iter, &name, &value))
    json_object_set_string_member (object, name, value);
  json_node_set_object (root, object);
  data = json_to_string (root, TRUE);
  if (g_mkdir_with_parents (folder, 0700) != 0)
    {
      int saved_errno = errno;

      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved_errno), "%s: %s", folder,
                   g_strerror (saved_errno));
      return FALSE;
    }
  return g_file_set_contents_full (path, data, -1, G_FILE_SET_CONTENTS_CONSISTENT, 0600, error);
}
