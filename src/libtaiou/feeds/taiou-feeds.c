/* taiou-feeds.c — abuse.ch's feeds: which there are, their state, and updating them
 *
 * Offline first: after the disconnect step there is no network, so everything reads the cache
 * ($XDG_CACHE_HOME/taiou/feeds/) and the bundled snapshot, and an update only ever replaces a
 * copy with a better one.  Each download goes to a temporary file in the cache folder, is read
 * by the IOC set's own reader, and only then renamed over the kept copy; any failure leaves the
 * kept copy as it was.  Which sources are on, the followed families and the Auth-Key are the
 * caller's to give (the app and the CLI read Preferences and the keyring): libtaiou names no
 * schema and never stores the key.
 */
#define G_LOG_DOMAIN "taiou-feeds"

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <string.h>
#include <unistd.h>

#include "taiou-feeds-private.h"

#define DEFAULT_TIMEOUT_SECONDS 30

G_DEFINE_QUARK (taiou-feeds-error-quark, taiou_feeds_error)

static const FeedSourceInfo sources[TAIOU_FEED_N_SOURCES] = {
  { TAIOU_FEED_FEODO, "feodo", "Feodo Tracker",
    "https://feodotracker.abuse.ch/downloads/ipblocklist.json", "feodo-ipblocklist.json",
    TAIOU_IOC_FORMAT_FEODO_JSON, FALSE, TRUE, 16 * 1024 * 1024 },
  { TAIOU_FEED_URLHAUS, "urlhaus", "URLhaus",
    "https://urlhaus.abuse.ch/downloads/csv_recent/", "urlhaus-recent.csv",
    TAIOU_IOC_FORMAT_URLHAUS_CSV, FALSE, FALSE, 64 * 1024 * 1024 },
  { TAIOU_FEED_MALWAREBAZAAR, "malwarebazaar", "MalwareBazaar",
    "https://bazaar.abuse.ch/export/csv/recent/", "malwarebazaar-recent.csv",
    TAIOU_IOC_FORMAT_MALWAREBAZAAR_CSV, TRUE, FALSE, 64 * 1024 * 1024 },
};

struct _TaiouFeeds
{
  GObject        parent_instance;

  char          *cache_dir;
  gboolean       enabled[TAIOU_FEED_N_SOURCES];
  guint64        size_cap[TAIOU_FEED_N_SOURCES];
  GStrv          families;
  char          *auth_key;     /* only in memory; never logged */
  char          *base_url;     /* tests: replaces the servers, the path is the file name */
  GTlsDatabase  *tls_database; /* tests: their own CA; NULL for the system's */
  guint          timeout;
};

G_DEFINE_FINAL_TYPE (TaiouFeeds, taiou_feeds, G_TYPE_OBJECT)

const FeedSourceInfo *
_taiou_feeds_source_info (TaiouFeedSource source)
{
  g_return_val_if_fail ((guint) source < TAIOU_FEED_N_SOURCES, NULL);
  return &sources[source];
}

void
taiou_feed_report_free (TaiouFeedReport *report)
{
  if (report == NULL)
    return;
  g_clear_error (&report->error);
  g_free (report);
}

const char *
taiou_feed_outcome_to_string (TaiouFeedOutcome outcome)
{
  static const char * const names[] = {
    "none", "updated", "not-modified", "disabled", "no-auth-key", "failed",
  };

  g_return_val_if_fail ((guint) outcome < G_N_ELEMENTS (names), "?");
  return names[outcome];
}

/**
 * taiou_feed_age_to_string:
 * @age_seconds: a report's age_seconds
 *
 * Returns: (transfer full): the age in words, in the user's language ("3 hours", "never
 *   downloaded", "unknown")
 */
char *
taiou_feed_age_to_string (gint64 age_seconds)
{
  if (age_seconds < 0)
    return g_strdup (_("never downloaded"));
  if (age_seconds == G_MAXINT64)
    return g_strdup (_("age unknown"));
  if (age_seconds < 3600)
    return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u minute", "%u minutes",
                                         (gulong) (age_seconds / 60)),
                            (guint) (age_seconds / 60));
  if (age_seconds < 48 * 3600)
    return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u hour", "%u hours",
                                         (gulong) (age_seconds / 3600)),
                            (guint) (age_seconds / 3600));
  return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u day", "%u days",
                                       (gulong) (age_seconds / 86400)),
                          (guint) MIN (age_seconds / 86400, G_MAXUINT));
}

static void
taiou_feeds_finalize (GObject *object)
{
  TaiouFeeds *self = TAIOU_FEEDS (object);

  g_free (self->cache_dir);
  g_strfreev (self->families);
  if (self->auth_key != NULL)
    memset (self->auth_key, 0, strlen (self->auth_key));
  g_free (self->auth_key);
  g_free (self->base_url);
  g_clear_object (&self->tls_database);
  G_OBJECT_CLASS (taiou_feeds_parent_class)->finalize (object);
}

static void
taiou_feeds_class_init (TaiouFeedsClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = taiou_feeds_finalize;
}

static void
taiou_feeds_init (TaiouFeeds *self)
{
  static const char * const emotet[] = { "Emotet", NULL };

  for (guint i = 0; i < TAIOU_FEED_N_SOURCES; i++)
    {
      self->enabled[i] = TRUE;
      self->size_cap[i] = sources[i].size_cap;
    }
  self->families = g_strdupv ((char **) emotet);
  self->timeout = DEFAULT_TIMEOUT_SECONDS;
}

/* The test suite's servers: $TAIOU_FEEDS_BASE_URL (and the CA in $TAIOU_FEEDS_CA_FILE, used
 * only with it), so the CLI can be tested against a local HTTPS server. */
static void
apply_test_environment (TaiouFeeds *self)
{
  const char *base = g_getenv ("TAIOU_FEEDS_BASE_URL");
  const char *ca_file = g_getenv ("TAIOU_FEEDS_CA_FILE");

  if (base == NULL || base[0] == '\0')
    return;
  taiou_feeds_set_base_url (self, base);
  if (ca_file != NULL && ca_file[0] != '\0')
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(GTlsDatabase) database = g_tls_file_database_new (ca_file, &error);

      if (database == NULL)
        g_warning ("TAIOU_FEEDS_CA_FILE: %s", error->message);
      else
        taiou_feeds_set_tls_database (self, database);
    }
}

/**
 * taiou_feeds_new:
 * @cache_dir: (nullable): where the copies are kept; NULL for $XDG_CACHE_HOME/taiou/feeds
 */
TaiouFeeds *
taiou_feeds_new (const char *cache_dir)
{
  TaiouFeeds *self = g_object_new (TAIOU_TYPE_FEEDS, NULL);

  self->cache_dir = cache_dir != NULL
                    ? g_strdup (cache_dir)
                    : g_build_filename (g_get_user_cache_dir (), "taiou", "feeds", NULL);
  apply_test_environment (self);
  return self;
}

const char *
taiou_feeds_get_cache_dir (TaiouFeeds *self)
{
  g_return_val_if_fail (TAIOU_IS_FEEDS (self), NULL);
  return self->cache_dir;
}

void
taiou_feeds_set_enabled (TaiouFeeds      *self,
                         TaiouFeedSource  source,
                         gboolean         enabled)
{
  g_return_if_fail (TAIOU_IS_FEEDS (self));
  g_return_if_fail ((guint) source < TAIOU_FEED_N_SOURCES);
  self->enabled[source] = enabled;
}

/* The MalwareBazaar signatures (families) followed; NULL follows every family. */
void
taiou_feeds_set_families (TaiouFeeds         *self,
                          const char * const *families)
{
  g_return_if_fail (TAIOU_IS_FEEDS (self));
  g_strfreev (self->families);
  self->families = g_strdupv ((char **) families);
}

void
taiou_feeds_set_auth_key (TaiouFeeds *self,
                          const char *auth_key)
{
  g_return_if_fail (TAIOU_IS_FEEDS (self));
  if (self->auth_key != NULL)
    memset (self->auth_key, 0, strlen (self->auth_key));
  g_free (self->auth_key);
  self->auth_key = auth_key != NULL && auth_key[0] != '\0' ? g_strstrip (g_strdup (auth_key))
                                                           : NULL;
}

/* For tests: every source is fetched from @base_url/<its cache file name>. */
void
taiou_feeds_set_base_url (TaiouFeeds *self,
                          const char *base_url)
{
  g_return_if_fail (TAIOU_IS_FEEDS (self));
  g_free (self->base_url);
  self->base_url = g_strdup (base_url);
}

/* For tests: the CA that signed their server's certificate; NULL for the system's CAs. */
void
taiou_feeds_set_tls_database (TaiouFeeds   *self,
                              GTlsDatabase *database)
{
  g_return_if_fail (TAIOU_IS_FEEDS (self));
  g_set_object (&self->tls_database, database);
}

void
taiou_feeds_set_timeout (TaiouFeeds *self,
                         guint       seconds)
{
  g_return_if_fail (TAIOU_IS_FEEDS (self));
  self->timeout = MAX (seconds, 1);
}

void
taiou_feeds_set_size_cap (TaiouFeeds      *self,
                          TaiouFeedSource  source,
                          guint64          bytes)
{
  g_return_if_fail (TAIOU_IS_FEEDS (self));
  g_return_if_fail ((guint) source < TAIOU_FEED_N_SOURCES);
  self->size_cap[source] = bytes;
}

static char *
copy_path (TaiouFeeds           *self,
           const FeedSourceInfo *info)
{
  return g_build_filename (self->cache_dir, info->file_name, NULL);
}

static char *
meta_path (TaiouFeeds           *self,
           const FeedSourceInfo *info)
{
  g_autofree char *name = g_strconcat (info->file_name, ".meta.json", NULL);

  return g_build_filename (self->cache_dir, name, NULL);
}

static TaiouFeedReport *
read_status (TaiouFeeds      *self,
             TaiouFeedSource  source)
{
  const FeedSourceInfo *info = &sources[source];
  TaiouFeedReport *report = g_new0 (TaiouFeedReport, 1);
  g_autofree char *path = copy_path (self, info);
  g_autofree char *meta_file = meta_path (self, info);
  FeedMeta meta;

  report->source = source;
  report->id = info->id;
  report->name = info->name;
  report->enabled = self->enabled[source];
  report->needs_auth_key = info->needs_auth_key;
  report->age_seconds = -1;
  report->cached = g_file_test (path, G_FILE_TEST_IS_REGULAR);
  if (report->cached)
    {
      gint64 now = g_get_real_time ();

      _taiou_feed_meta_read (meta_file, &meta);
      report->checked_us = meta.checked_us;
      report->entries = meta.entries;
      /* A copy whose note is lost is as old as we cannot tell: stale. */
      report->age_seconds = meta.checked_us > 0 ? MAX (now - meta.checked_us, 0) / G_USEC_PER_SEC
                                                : G_MAXINT64;
      report->stale = report->age_seconds > TAIOU_FEEDS_STALE_SECONDS;
      _taiou_feed_meta_clear (&meta);
    }
  return report;
}

/**
 * taiou_feeds_dup_status:
 *
 * Reads the cache only; works with no network.
 *
 * Returns: (transfer full) (element-type TaiouFeedReport): one report per source
 */
GPtrArray *
taiou_feeds_dup_status (TaiouFeeds *self)
{
  GPtrArray *reports = g_ptr_array_new_with_free_func ((GDestroyNotify) taiou_feed_report_free);

  g_return_val_if_fail (TAIOU_IS_FEEDS (self), NULL);
  for (guint i = 0; i < TAIOU_FEED_N_SOURCES; i++)
    g_ptr_array_add (reports, read_status (self, i));
  return reports;
}

static SoupSession *
new_session (TaiouFeeds *self)
{
  g_autofree char *user_agent = g_strdup_printf ("Taiou/%s", PACKAGE_VERSION);
  SoupSession *session = soup_session_new_with_options ("user-agent", user_agent,
                                                        "timeout", self->timeout,
                                                        "idle-timeout", self->timeout,
                                                        NULL);

  /* Left alone, the session uses the system's CAs and validates every certificate. */
  if (self->tls_database != NULL)
    soup_session_set_tls_database (session, self->tls_database);
  return session;
}

static char *
source_url (TaiouFeeds           *self,
            const FeedSourceInfo *info)
{
  if (self->base_url == NULL)
    return g_strdup (info->url);
  return g_strconcat (self->base_url, g_str_has_suffix (self->base_url, "/") ? "" : "/",
                      info->file_name, NULL);
}

/* Reads the kept copy back, bounded by the source's cap. */
static char *
read_bounded (const char  *path,
              guint64      cap,
              gsize       *length,
              GError     **error)
{
  g_autofree char *contents = NULL;
  GStatBuf st;

  if (g_stat (path, &st) != 0 || (guint64) st.st_size > cap)
    {
      g_set_error (error, TAIOU_FEEDS_ERROR, TAIOU_FEEDS_ERROR_TOO_LARGE,
                   _("%s is missing or larger than its limit"), path);
      return NULL;
    }
  if (!g_file_get_contents (path, &contents, length, error))
    return NULL;
  return g_steal_pointer (&contents);
}

/* Downloads one source to a temporary file, checks it, and puts it in place. */
static gboolean
update_one (TaiouFeeds            *self,
            SoupSession           *session,
            const FeedSourceInfo  *info,
            TaiouFeedOutcome      *outcome,
            GCancellable          *cancellable,
            GError               **error)
{
  g_autofree char *path = copy_path (self, info);
  g_autofree char *meta_file = meta_path (self, info);
  g_autofree char *url = source_url (self, info);
  g_autofree char *tmp_path = NULL;
  g_autofree char *data = NULL;
  g_auto(FeedMeta) meta = { 0 };
  g_auto(FeedFetchResult) result = { 0 };
  FeedFetch fetch = { 0 };
  gboolean have_copy = g_file_test (path, G_FILE_TEST_IS_REGULAR);
  gsize length = 0;
  guint entries = 0;
  gboolean ok;
  int fd;

  if (g_mkdir_with_parents (self->cache_dir, 0700) != 0)
    {
      int saved = errno;

      g_set_error (error, TAIOU_FEEDS_ERROR, TAIOU_FEEDS_ERROR_CACHE,
                   _("Could not create %s: %s"), self->cache_dir, g_strerror (saved));
      return FALSE;
    }
  if (have_copy)
    _taiou_feed_meta_read (meta_file, &meta);

  tmp_path = g_strdup_printf ("%s/.%s.XXXXXX", self->cache_dir, info->file_name);
  fd = g_mkstemp_full (tmp_path, O_RDWR | O_CLOEXEC, 0600);
  if (fd < 0)
    {
      int saved = errno;

      g_set_error (error, TAIOU_FEEDS_ERROR, TAIOU_FEEDS_ERROR_CACHE,
                   _("Could not create a file in %s: %s"), self->cache_dir, g_strerror (saved));
      return FALSE;
    }
  fetch.url = url;
  fetch.etag = have_copy ? meta.etag : NULL;
  fetch.last_modified = have_copy ? meta.last_modified : NULL;
  fetch.auth_key = self->auth_key;
  fetch.size_cap = self->size_cap[info->source];
  fetch.json = info->json;
  fetch.fd = fd;
  ok = _taiou_feeds_fetch (session, &fetch, &result, cancellable, error);
  close (fd);

  if (ok && result.not_modified && have_copy)
    {
      *outcome = TAIOU_FEED_OUTCOME_NOT_MODIFIED;
      meta.checked_us = g_get_real_time ();
      g_unlink (tmp_path);
      return _taiou_feed_meta_write (meta_file, &meta, error);
    }
  if (ok && result.not_modified)
    {
      ok = FALSE;
      g_set_error (error, TAIOU_FEEDS_ERROR, TAIOU_FEEDS_ERROR_HTTP,
                   _("%s answered “not modified” although no copy is kept"), url);
    }
  if (ok)
    ok = (data = read_bounded (tmp_path, fetch.size_cap, &length, error)) != NULL &&
         _taiou_feeds_validate (info, data, length, (const char * const *) self->families,
                                &entries, error);
  if (ok && g_rename (tmp_path, path) != 0)
    {
      int saved = errno;

      ok = FALSE;
      g_set_error (error, TAIOU_FEEDS_ERROR, TAIOU_FEEDS_ERROR_CACHE,
                   _("Could not put %s in place: %s"), path, g_strerror (saved));
    }
  if (!ok)
    {
      g_unlink (tmp_path);
      return FALSE;
    }
  _taiou_feed_meta_clear (&meta);
  meta.etag = g_steal_pointer (&result.etag);
  meta.last_modified = g_steal_pointer (&result.last_modified);
  meta.checked_us = g_get_real_time ();
  meta.entries = entries;
  *outcome = TAIOU_FEED_OUTCOME_UPDATED;
  return _taiou_feed_meta_write (meta_file, &meta, error);
}

/**
 * taiou_feeds_update:
 * @progress: (nullable): called in this thread before each source and at the end
 *
 * Updates every source in this thread (the CLI; the app uses taiou_feeds_update_async()).  A
 * source that fails is reported as failed and keeps its copy; the others go on.
 *
 * Returns: (transfer full) (element-type TaiouFeedReport): one report per source, NULL only
 *   when cancelled
 */
GPtrArray *
taiou_feeds_update (TaiouFeeds              *self,
                    TaiouFeedsProgressFunc   progress,
                    gpointer                 user_data,
                    GCancellable            *cancellable,
                    GError                 **error)
{
  g_autoptr(SoupSession) session = NULL;
  g_autoptr(GPtrArray) reports = NULL;

  g_return_val_if_fail (TAIOU_IS_FEEDS (self), NULL);

  session = new_session (self);
  reports = g_ptr_array_new_with_free_func ((GDestroyNotify) taiou_feed_report_free);
  for (guint i = 0; i < TAIOU_FEED_N_SOURCES; i++)
    {
      TaiouFeedOutcome outcome = TAIOU_FEED_OUTCOME_FAILED;
      g_autoptr(GError) local_error = NULL;
      TaiouFeedReport *report;

      if (progress != NULL)
        progress (sources[i].name, i, TAIOU_FEED_N_SOURCES, user_data);
      if (!self->enabled[i])
        outcome = TAIOU_FEED_OUTCOME_DISABLED;
      else if (sources[i].needs_auth_key && self->auth_key == NULL)
        outcome = TAIOU_FEED_OUTCOME_NO_AUTH_KEY;
      else if (!update_one (self, session, &sources[i], &outcome, cancellable, &local_error))
        {
          if (g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
            {
              g_propagate_error (error, g_steal_pointer (&local_error));
              return NULL;
            }
          outcome = TAIOU_FEED_OUTCOME_FAILED;
        }
      report = read_status (self, i);
      report->outcome = outcome;
      report->error = g_steal_pointer (&local_error);
      g_ptr_array_add (reports, report);
    }
  if (progress != NULL)
    progress (NULL, TAIOU_FEED_N_SOURCES, TAIOU_FEED_N_SOURCES, user_data);
  return g_steal_pointer (&reports);
}

/* Progress from the worker thread, handed to the caller's main context. */
typedef struct
{
  TaiouFeedsProgressFunc  func;
  gpointer                user_data;
  GMainContext           *context;
} AsyncProgress;

typedef struct
{
  AsyncProgress  *target;
  char           *name;
  guint           done;
  guint           total;
} ProgressStep;

static gboolean
deliver_progress (gpointer data)
{
  ProgressStep *step = data;

  step->target->func (step->name, step->done, step->total, step->target->user_data);
  return G_SOURCE_REMOVE;
}

static void
progress_step_free (gpointer data)
{
  ProgressStep *step = data;

  g_free (step->name);
  g_free (step);
}

static void
relay_progress (const char *name,
                guint       done,
                guint       total,
                gpointer    user_data)
{
  AsyncProgress *target = user_data;
  ProgressStep *step = g_new0 (ProgressStep, 1);

  step->target = target;
  step->name = g_strdup (name);
  step->done = done;
  step->total = total;
  g_main_context_invoke_full (target->context, G_PRIORITY_DEFAULT, deliver_progress, step,
                              progress_step_free);
}

static void
async_progress_free (AsyncProgress *progress)
{
  g_main_context_unref (progress->context);
  g_free (progress);
}

static void
update_thread (GTask        *task,
               gpointer      source_object,
               gpointer      task_data,
               GCancellable *cancellable)
{
  AsyncProgress *progress = task_data;
  GError *error = NULL;
  GPtrArray *reports;

  reports = taiou_feeds_update (source_object, progress->func != NULL ? relay_progress : NULL,
                                progress, cancellable, &error);
  if (reports == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, reports, (GDestroyNotify) g_ptr_array_unref);
}

/**
 * taiou_feeds_update_async:
 * @progress: (nullable): called in the caller's main context; the task keeps @user_data's
 *   use until its callback ran
 *
 * taiou_feeds_update() in a worker thread; @cancellable stops it between reads.
 */
void
taiou_feeds_update_async (TaiouFeeds              *self,
                          TaiouFeedsProgressFunc   progress,
                          gpointer                 user_data,
                          GCancellable            *cancellable,
                          GAsyncReadyCallback      callback,
                          gpointer                 user_data2)
{
  g_autoptr(GTask) task = NULL;
  AsyncProgress *relay = g_new0 (AsyncProgress, 1);

  g_return_if_fail (TAIOU_IS_FEEDS (self));

  relay->func = progress;
  relay->user_data = user_data;
  relay->context = g_main_context_ref_thread_default ();
  task = g_task_new (self, cancellable, callback, user_data2);
  g_task_set_source_tag (task, taiou_feeds_update_async);
  g_task_set_task_data (task, relay, (GDestroyNotify) async_progress_free);
  g_task_run_in_thread (task, update_thread);
}

/* Returns: (transfer full) (element-type TaiouFeedReport): as taiou_feeds_update() */
GPtrArray *
taiou_feeds_update_finish (TaiouFeeds    *self,
                           GAsyncResult  *result,
                           GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  return g_task_propagate_pointer (G_TASK (result), error);
}

/**
 * taiou_feeds_load_cached:
 *
 * Adds the kept copy of every enabled source to @set, stale or not (an old list is better than
 * none; the status says how old).  A copy that can no longer be read is skipped.
 *
 * Returns: (transfer full) (element-type TaiouIocLoadReport): what each copy gave
 */
GPtrArray *
taiou_feeds_load_cached (TaiouFeeds  *self,
                         TaiouIocSet *set)
{
  GPtrArray *reports = g_ptr_array_new_with_free_func ((GDestroyNotify)
                                                       taiou_ioc_load_report_free);

  g_return_val_if_fail (TAIOU_IS_FEEDS (self), reports);
  for (guint i = 0; i < TAIOU_FEED_N_SOURCES; i++)
    {
      g_autofree char *path = copy_path (self, &sources[i]);
      g_autofree char *data = NULL;
      g_autoptr(GError) error = NULL;
      TaiouIocLoadReport *report;
      gsize length = 0;

      if (!self->enabled[i] || !g_file_test (path, G_FILE_TEST_IS_REGULAR))
        continue;
      data = read_bounded (path, self->size_cap[i], &length, &error);
      report = data == NULL ? NULL
               : taiou_ioc_set_load_data_families (set, path, data, length, sources[i].format,
                                                   (const char * const *) self->families,
                                                   &error);
      if (report == NULL)
        g_debug ("%s: %s", path, error->message);
      else
        g_ptr_array_add (reports, report);
    }
  return reports;
}
