/* taiou-feeds.h — abuse.ch threat-data feeds, downloaded safely and kept for offline use */
#pragma once

#include <gio/gio.h>

#include "taiou-ioc-set.h"

G_BEGIN_DECLS

#define TAIOU_FEEDS_ERROR (taiou_feeds_error_quark ())

typedef enum
{
  TAIOU_FEEDS_ERROR_NOT_HTTPS,     /* a URL (or a redirect) that is not https:// */
  TAIOU_FEEDS_ERROR_HTTP,          /* the server answered something other than 200 or 304 */
  TAIOU_FEEDS_ERROR_TLS,           /* the server's certificate is not trusted */
  TAIOU_FEEDS_ERROR_TIMED_OUT,     /* the server stopped answering */
  TAIOU_FEEDS_ERROR_NETWORK,       /* no connection, or it broke */
  TAIOU_FEEDS_ERROR_TOO_LARGE,     /* over the source's size cap */
  TAIOU_FEEDS_ERROR_TRUNCATED,     /* fewer bytes than the server announced */
  TAIOU_FEEDS_ERROR_CONTENT_TYPE,  /* e.g. an HTML page where a list was expected */
  TAIOU_FEEDS_ERROR_INVALID,       /* the download is not a list in the source's format */
  TAIOU_FEEDS_ERROR_CACHE,         /* the cache folder cannot be written */
} TaiouFeedsError;

GQuark taiou_feeds_error_quark (void);

typedef enum
{
  TAIOU_FEED_FEODO,          /* Feodo Tracker: botnet C2 IP blocklist (JSON) */
  TAIOU_FEED_URLHAUS,        /* URLhaus: recent malware URLs (CSV) */
  TAIOU_FEED_MALWAREBAZAAR,  /* MalwareBazaar: recent samples of the followed families (CSV) */
  TAIOU_FEED_N_SOURCES
} TaiouFeedSource;

typedef enum
{
  TAIOU_FEED_OUTCOME_NONE,           /* a status report: no update was tried */
  TAIOU_FEED_OUTCOME_UPDATED,        /* a new copy was downloaded, checked and kept */
  TAIOU_FEED_OUTCOME_NOT_MODIFIED,   /* 304: the kept copy is still current */
  TAIOU_FEED_OUTCOME_DISABLED,       /* switched off in Preferences */
  TAIOU_FEED_OUTCOME_NO_AUTH_KEY,    /* needs an abuse.ch Auth-Key and none is stored */
  TAIOU_FEED_OUTCOME_FAILED,         /* see error; the previous copy stays in use */
} TaiouFeedOutcome;

/* Seven days: an older copy is still used, with a warning. */
#define TAIOU_FEEDS_STALE_SECONDS (7 * 24 * 3600)

/* One source: its state in the cache and, after an update, what the update did. */
typedef struct
{
  TaiouFeedSource   source;
  const char       *id;               /* "feodo", "urlhaus", "malwarebazaar" */
  const char       *name;             /* "Feodo Tracker" … */
  gboolean          enabled;
  gboolean          needs_auth_key;
  gboolean          cached;           /* a checked copy is in the cache */
  gint64            checked_us;       /* when the server last confirmed it, 0 when never */
  gint64            age_seconds;      /* -1 when not cached */
  gboolean          stale;            /* older than TAIOU_FEEDS_STALE_SECONDS */
  guint             entries;          /* indicators in the kept copy */
  TaiouFeedOutcome  outcome;
  GError           *error;            /* why the update failed (FAILED only) */
} TaiouFeedReport;

void taiou_feed_report_free (TaiouFeedReport *report);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (TaiouFeedReport, taiou_feed_report_free)

const char *taiou_feed_outcome_to_string (TaiouFeedOutcome outcome);
char       *taiou_feed_age_to_string     (gint64           age_seconds);

/* Progress of an update: @done of @total sources finished, @name is the one under way. */
typedef void (*TaiouFeedsProgressFunc) (const char *name,
                                        guint       done,
                                        guint       total,
                                        gpointer    user_data);

#define TAIOU_TYPE_FEEDS (taiou_feeds_get_type ())
G_DECLARE_FINAL_TYPE (TaiouFeeds, taiou_feeds, TAIOU, FEEDS, GObject)

TaiouFeeds   *taiou_feeds_new                 (const char             *cache_dir);
const char   *taiou_feeds_get_cache_dir       (TaiouFeeds             *self);
void          taiou_feeds_set_enabled         (TaiouFeeds             *self,
                                               TaiouFeedSource         source,
                                               gboolean                enabled);
void          taiou_feeds_set_families        (TaiouFeeds             *self,
                                               const char * const     *families);
void          taiou_feeds_set_auth_key        (TaiouFeeds             *self,
                                               const char             *auth_key);
void          taiou_feeds_set_base_url        (TaiouFeeds             *self,
                                               const char             *base_url);
void          taiou_feeds_set_tls_database    (TaiouFeeds             *self,
                                               GTlsDatabase           *database);
void          taiou_feeds_set_timeout         (TaiouFeeds             *self,
                                               guint                   seconds);
void          taiou_feeds_set_size_cap        (TaiouFeeds             *self,
                                               TaiouFeedSource         source,
                                               guint64                 bytes);

GPtrArray    *taiou_feeds_dup_status          (TaiouFeeds             *self);
GPtrArray    *taiou_feeds_update              (TaiouFeeds             *self,
                                               TaiouFeedsProgressFunc  progress,
                                               gpointer                user_data,
                                               GCancellable           *cancellable,
                                               GError                **error);
void          taiou_feeds_update_async        (TaiouFeeds             *self,
                                               TaiouFeedsProgressFunc  progress,
                                               gpointer                user_data,
                                               GCancellable           *cancellable,
                                               GAsyncReadyCallback     callback,
                                               gpointer                user_data2);
GPtrArray    *taiou_feeds_update_finish       (TaiouFeeds             *self,
                                               GAsyncResult           *result,
                                               GError                **error);
GPtrArray    *taiou_feeds_load_cached         (TaiouFeeds             *self,
                                               TaiouIocSet            *set);

G_END_DECLS
