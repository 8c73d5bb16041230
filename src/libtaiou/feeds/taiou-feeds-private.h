/* taiou-feeds-private.h — what the feed object, its HTTP fetch and its cache share */
#pragma once

#include <libsoup/soup.h>

#include "taiou-feeds.h"

G_BEGIN_DECLS

/* What is known of one source at build time. */
typedef struct
{
  TaiouFeedSource  source;
  const char      *id;
  const char      *name;
  const char      *url;            /* the real one; tests replace the part before the path */
  const char      *file_name;      /* in the cache folder */
  TaiouIocFormat   format;
  gboolean         needs_auth_key;
  gboolean         json;           /* which content types are acceptable */
  guint64          size_cap;
} FeedSourceInfo;

const FeedSourceInfo *_taiou_feeds_source_info (TaiouFeedSource source);

/* What the cache keeps beside each copy (<file>.meta.json). */
typedef struct
{
  char    *etag;
  char    *last_modified;
  gint64   checked_us;
  guint    entries;
} FeedMeta;

void      _taiou_feed_meta_clear      (FeedMeta        *meta);
gboolean  _taiou_feed_meta_read       (const char      *path,
                                       FeedMeta        *meta);
gboolean  _taiou_feed_meta_parse      (const char      *data,
                                       gsize            length,
                                       FeedMeta        *meta);
gboolean  _taiou_feed_meta_write      (const char      *path,
                                       const FeedMeta  *meta,
                                       GError         **error);

/* One conditional GET into an open temporary file (taiou-feeds-fetch.c). */
typedef struct
{
  const char  *url;
  const char  *etag;             /* nullable: If-None-Match */
  const char  *last_modified;    /* nullable: If-Modified-Since */
  const char  *auth_key;         /* nullable: the Auth-Key header, never logged */
  guint64      size_cap;
  gboolean     json;
  int          fd;               /* the body goes here */
} FeedFetch;

typedef struct
{
  gboolean  not_modified;
  char     *etag;
  char     *last_modified;
  guint64   bytes;
} FeedFetchResult;

void      _taiou_feed_fetch_result_clear (FeedFetchResult *result);
gboolean  _taiou_feeds_fetch             (SoupSession     *session,
                                          const FeedFetch *fetch,
                                          FeedFetchResult *result,
                                          GCancellable    *cancellable,
                                          GError         **error);

/* Checks a downloaded copy by reading it with the IOC set's own readers; returns the number of
 * indicators it holds for @families (taiou-feeds-cache.c). */
gboolean  _taiou_feeds_validate          (const FeedSourceInfo *info,
                                          const char           *data,
                                          gsize                 length,
                                          const char * const   *families,
                                          guint                *entries,
                                          GError              **error);

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (FeedMeta, _taiou_feed_meta_clear)
G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (FeedFetchResult, _taiou_feed_fetch_result_clear)

G_END_DECLS
