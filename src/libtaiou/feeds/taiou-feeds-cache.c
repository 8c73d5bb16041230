/* taiou-feeds-cache.c — what the cache keeps beside each feed, and the check of a download
 *
 * A download is kept only once the IOC set's own reader has read it: the same code that will
 * use it later decides whether it is a list at all.  The validators (ETag, Last-Modified), the
 * time the server last confirmed the copy and its number of indicators are kept in a small JSON
 * file beside it; that file is written after the copy is in place, so a crash between the two
 * leaves old validators, which only cost one full download.
 */
#define G_LOG_DOMAIN "taiou-feeds"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <json-glib/json-glib.h>
#include <string.h>

#include "taiou-feeds-private.h"

#define MAX_META_SIZE (64 * 1024)

void
_taiou_feed_meta_clear (FeedMeta *meta)
{
  g_clear_pointer (&meta->etag, g_free);
  g_clear_pointer (&meta->last_modified, g_free);
  meta->checked_us = 0;
  meta->entries = 0;
}

static char *
dup_member_string (JsonObject *object,
                   const char *name)
{
  JsonNode *node = json_object_get_member (object, name);

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node) ||
      json_node_get_value_type (node) != G_TYPE_STRING)
    return NULL;
  return g_strdup (json_node_get_string (node));
}

static gint64
get_member_int (JsonObject *object,
                const char *name)
{
  JsonNode *node = json_object_get_member (object, name);

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node) ||
      json_node_get_value_type (node) != G_TYPE_INT64)
    return 0;
  return MAX (json_node_get_int (node), 0);
}

/* A missing or damaged file reads as "never confirmed"; the copy then counts as stale. */
gboolean
_taiou_feed_meta_read (const char *path,
                       FeedMeta   *meta)
{
  g_autofree char *contents = NULL;
  gsize length = 0;

  memset (meta, 0, sizeof *meta);
  if (!g_file_get_contents (path, &contents, &length, NULL))
    return FALSE;
  return _taiou_feed_meta_parse (contents, length, meta);
}

gboolean
_taiou_feed_meta_parse (const char *data,
                        gsize       length,
                        FeedMeta   *meta)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  JsonNode *root;
  JsonObject *object;

  memset (meta, 0, sizeof *meta);
  if (length > MAX_META_SIZE || !json_parser_load_from_data (parser, data, (gssize) length, NULL))
    return FALSE;
  root = json_parser_get_root (parser);
  if (root == NULL || !JSON_NODE_HOLDS_OBJECT (root))
    return FALSE;
  object = json_node_get_object (root);
  meta->etag = dup_member_string (object, "etag");
  meta->last_modified = dup_member_string (object, "last_modified");
  meta->checked_us = get_member_int (object, "checked_us");
  meta->entries = (guint) MIN (get_member_int (object, "entries"), G_MAXUINT);
  return TRUE;
}

gboolean
_taiou_feed_meta_write (const char      *path,
                        const FeedMeta  *meta,
                        GError         **error)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonNode) root = NULL;
  g_autofree char *text = NULL;
  g_autoptr(GError) local_error = NULL;

  json_builder_begin_object (builder);
  if (meta->etag != NULL)
    {
      json_builder_set_member_name (builder, "etag");
      json_builder_add_string_value (builder, meta->etag);
    }
  if (meta->last_modified != NULL)
    {
      json_builder_set_member_name (builder, "last_modified");
      json_builder_add_string_value (builder, meta->last_modified);
    }
  json_builder_set_member_name (builder, "checked_us");
  json_builder_add_int_value (builder, meta->checked_us);
  json_builder_set_member_name (builder, "entries");
  json_builder_add_int_value (builder, meta->entries);
  json_builder_end_object (builder);
  root = json_builder_get_root (builder);
  text = json_to_string (root, TRUE);
  /* g_file_set_contents_full writes a temporary file, fsyncs it and renames it. */
  if (!g_file_set_contents_full (path, text, -1, G_FILE_SET_CONTENTS_CONSISTENT, 0600,
                                 &local_error))
    {
      g_set_error (error, TAIOU_FEEDS_ERROR, TAIOU_FEEDS_ERROR_CACHE,
                   _("Could not write %s: %s"), path, local_error->message);
      return FALSE;
    }
  return TRUE;
}

/**
 * _taiou_feeds_validate:
 *
 * Reads @data with the reader of the source's format into a throwaway set.  A download is a
 * list when the reader takes it as a whole (JSON that parses) and, for line formats, when not
 * more of its lines are unusable than usable: an HTML error page, a half-written line or a
 * binary file fails; a list with no entry of a followed family is fine (it has 0).
 */
gboolean
_taiou_feeds_validate (const FeedSourceInfo *info,
                       const char           *data,
                       gsize                 length,
                       const char * const   *families,
                       guint                *entries,
                       GError              **error)
{
  g_autoptr(TaiouIocSet) all = taiou_ioc_set_new ();
  g_autoptr(TaiouIocLoadReport) report = NULL;
  g_autoptr(GError) local_error = NULL;

  *entries = 0;
  report = taiou_ioc_set_load_data (all, info->file_name, data, length, info->format,
                                    &local_error);
  if (report == NULL)
    {
      g_set_error (error, TAIOU_FEEDS_ERROR, TAIOU_FEEDS_ERROR_INVALID,
                   _("The download from %s is not a valid list: %s"), info->name,
                   local_error->message);
      return FALSE;
    }
  if (report->n_bad > 0 && report->n_bad >= report->n_loaded)
    {
      g_set_error (error, TAIOU_FEEDS_ERROR, TAIOU_FEEDS_ERROR_INVALID,
                   _("The download from %s is not a valid list: %u of %u lines are unusable "
                     "(first: %s)"), info->name, report->n_bad,
                   report->n_bad + report->n_loaded,
                   report->problems->len > 0 ? (char *) report->problems->pdata[0] : "?");
      return FALSE;
    }
  *entries = report->n_loaded;
  if (families != NULL && info->format == TAIOU_IOC_FORMAT_MALWAREBAZAAR_CSV)
    {
      g_autoptr(TaiouIocSet) followed = taiou_ioc_set_new ();
      g_autoptr(TaiouIocLoadReport) kept = NULL;

      kept = taiou_ioc_set_load_data_families (followed, info->file_name, data, length,
                                               info->format, families, NULL);
      *entries = kept != NULL ? kept->n_loaded : 0;
    }
  return TRUE;
}
