/* taiou-scanner.c — walks files in parallel and matches them against the IOC set
 *
 * One thread walks the folders (never following symbolic links, staying on the file system
 * where each given path starts, like `find -xdev`, so /proc and network mounts are not
 * entered) and queues regular files; a pool of one worker per core hashes them with only the
 * digests the IOC set can match — none when it holds no hashes — and matches file names.  The
 * queue is bounded, so a tree of millions of files costs no more memory than a small one.
 * Unreadable files are counted and listed, never fatal.
 */
#define G_LOG_DOMAIN "taiou-scanner"

#include "config.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <glib/gi18n-lib.h>
#include <string.h>
#include <sys/stat.h>

#include "taiou-file-digest.h"
#include "taiou-finding.h"
#include "taiou-scanner.h"
#include "taiou-yara-scan.h"

#define MAX_QUEUED_FILES 4096
#define PROGRESS_INTERVAL_US (100 * G_TIME_SPAN_MILLISECOND)

struct _TaiouScanner
{
  GObject      parent_instance;

  TaiouIocSet *iocs;
  guint64      max_file_size;
  guint        n_threads;
  TaiouScanExclusions *exclusions;  /* NULL: nothing is left out */

  /* YARA (taiou-yara-scan.c): the rules see the bytes the worker read to hash. */
  TaiouYaraRules *yara;
  guint           yara_timeout;
  gsize           yara_max_scan_bytes;
};

G_DEFINE_FINAL_TYPE (TaiouScanner, taiou_scanner, G_TYPE_OBJECT)

G_DEFINE_BOXED_TYPE (TaiouScanResult, taiou_scan_result, taiou_scan_result_ref,
                     taiou_scan_result_unref)

/* The state of one scan, shared by the walker and the workers. */
typedef struct
{
  TaiouScanner     *scanner;
  TaiouDigestKinds  kinds;
  gboolean          match_names; /* whether any file-name IOC is loaded */
  GCancellable     *cancellable;
  TaiouScanResult  *result;
  GMutex            lock;        /* guards the findings, the unreadable list and the counts */
  guint64           n_files;     /* copied into the result at the end */
  guint64           n_hashed;
  guint64           n_bytes;
  guint64           n_skipped;
  guint64           n_excluded;
  guint64           n_yara;
  GAsyncQueue      *yara_scanners; /* TaiouYaraScanner, idle; one per busy worker at most */
} ScanState;

static GPrivate thread_reader = G_PRIVATE_INIT ((GDestroyNotify) taiou_digest_reader_free);

TaiouScanResult *
taiou_scan_result_ref (TaiouScanResult *result)
{
  return g_atomic_rc_box_acquire (result);
}

static void
scan_result_clear (TaiouScanResult *result)
{
  g_ptr_array_unref (result->findings);
  g_ptr_array_unref (result->unreadable);
  g_free (result->hostname);
}

void
taiou_scan_result_unref (TaiouScanResult *result)
{
  g_atomic_rc_box_release_full (result, (GDestroyNotify) scan_result_clear);
}

static TaiouScanResult *
scan_result_new (void)
{
  TaiouScanResult *result = g_atomic_rc_box_new0 (TaiouScanResult);

  result->findings = g_ptr_array_new_with_free_func ((GDestroyNotify) taiou_finding_free);
  result->unreadable = g_ptr_array_new_with_free_func (g_free);
  return result;
}

static void
taiou_scanner_finalize (GObject *object)
{
  TaiouScanner *self = TAIOU_SCANNER (object);

  g_clear_object (&self->iocs);
  g_clear_pointer (&self->exclusions, taiou_scan_exclusions_unref);
  g_clear_object (&self->yara);

  G_OBJECT_CLASS (taiou_scanner_parent_class)->finalize (object);
}

static void
taiou_scanner_class_init (TaiouScannerClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = taiou_scanner_finalize;
}

static void
taiou_scanner_init (TaiouScanner *self)
{
  self->max_file_size = TAIOU_SCANNER_DEFAULT_MAX_FILE_SIZE;
  self->n_threads = MAX (1, g_get_num_processors ());
  self->yara_timeout = TAIOU_YARA_DEFAULT_TIMEOUT;
  self->yara_max_scan_bytes = TAIOU_YARA_DEFAULT_MAX_SCAN_BYTES;
}

/**
 * taiou_scanner_new:
 * @iocs: the indicators to match; the scanner keeps a reference and only reads it
 */
TaiouScanner *
taiou_scanner_new (TaiouIocSet *iocs)
{
  TaiouScanner *self;

  g_return_val_if_fail (TAIOU_IS_IOC_SET (iocs), NULL);

  self = g_object_new (TAIOU_TYPE_SCANNER, NULL);
  self->iocs = g_object_ref (iocs);
  return self;
}

/**
 * taiou_scanner_get_iocs:
 *
 * Returns: (transfer none): the indicators this scanner matches against
 */
TaiouIocSet *
taiou_scanner_get_iocs (TaiouScanner *self)
{
  g_return_val_if_fail (TAIOU_IS_SCANNER (self), NULL);

  return self->iocs;
}

void
taiou_scanner_set_max_file_size (TaiouScanner *self,
                                 guint64       max_file_size)
{
  g_return_if_fail (TAIOU_IS_SCANNER (self));
  self->max_file_size = max_file_size;
}

void
taiou_scanner_set_n_threads (TaiouScanner *self,
                             guint         n_threads)
{
  g_return_if_fail (TAIOU_IS_SCANNER (self));
  self->n_threads = MAX (1, n_threads);
}

/**
 * taiou_scanner_set_exclusions:
 * @exclusions: (nullable): the paths to leave out (and count); NULL for none
 */
void
taiou_scanner_set_exclusions (TaiouScanner        *self,
                              TaiouScanExclusions *exclusions)
{
  g_return_if_fail (TAIOU_IS_SCANNER (self));

  g_clear_pointer (&self->exclusions, taiou_scan_exclusions_unref);
  if (exclusions != NULL && taiou_scan_exclusions_get_count (exclusions) > 0)
    self->exclusions = taiou_scan_exclusions_ref (exclusions);
}

/**
 * taiou_scanner_set_yara_rules:
 * @rules: (nullable): rules every file is matched against in the pass that hashes it; NULL
 *   for none (the scan then reads only what the IOCs need)
 */
void
taiou_scanner_set_yara_rules (TaiouScanner   *self,
                              TaiouYaraRules *rules)
{
  g_return_if_fail (TAIOU_IS_SCANNER (self));
  g_return_if_fail (rules == NULL || TAIOU_IS_YARA_RULES (rules));
  g_set_object (&self->yara, rules);
}

TaiouYaraRules *
taiou_scanner_get_yara_rules (TaiouScanner *self)
{
  g_return_val_if_fail (TAIOU_IS_SCANNER (self), NULL);
  return self->yara;
}

/**
 * taiou_scanner_set_yara_limits:
 * @timeout_seconds: how long the rules may take on one file (0: the default)
 * @max_scan_bytes: a file up to this size is matched whole; of a larger one, the rules see its
 *   first MiB and its size (0: the default)
 */
void
taiou_scanner_set_yara_limits (TaiouScanner *self,
                               guint         timeout_seconds,
                               gsize         max_scan_bytes)
{
  g_return_if_fail (TAIOU_IS_SCANNER (self));
  self->yara_timeout = timeout_seconds > 0 ? timeout_seconds : TAIOU_YARA_DEFAULT_TIMEOUT;
  self->yara_max_scan_bytes = max_scan_bytes > 0 ? max_scan_bytes
                                                 : TAIOU_YARA_DEFAULT_MAX_SCAN_BYTES;
}

static void
count (ScanState *state,
       guint64   *counter,
       guint64    amount)
{
  g_mutex_lock (&state->lock);
  *counter += amount;
  g_mutex_unlock (&state->lock);
}

static void
add_unreadable (ScanState  *state,
                const char *text)
{
  g_mutex_lock (&state->lock);
  g_ptr_array_add (state->result->unreadable, g_strdup (text));
  g_mutex_unlock (&state->lock);
}

static void
add_finding (ScanState    *state,
             TaiouFinding *finding)
{
  g_mutex_lock (&state->lock);
  g_ptr_array_add (state->result->findings, finding);
  g_mutex_unlock (&state->lock);
}

static void
report_hash_match (ScanState             *state,
                   const char            *path,
                   const TaiouFileDigest *digests,
                   const guint8          *digest,
                   gsize                  length,
                   const TaiouIocMatch   *match)
{
  TaiouFinding *finding;
  static const char * const kind_names[] = { "md5", "sha1", "sha256" };
  g_autofree char *hex = taiou_digest_to_hex (digest, length);
  g_autofree char *evidence = NULL;
  g_autofree char *reason_ja = NULL;
  g_autofree char *reason_en = NULL;
  g_autofree char *rule = NULL;
  const char *kind = kind_names[match->kind];

  if (taiou_ioc_set_is_false_positive (state->scanner->iocs, hex))
    return;
  rule = g_strconcat ("ioc.", kind, NULL);
  evidence = g_strdup_printf ("%s:%s — %s", kind, hex, match->description);
  reason_ja = g_strdup_printf ("既知の不正なファイルと一致しました（%s）。このファイルは開かないでください。",
                               match->description);
  reason_en = g_strdup_printf ("This file matches known malware (%s). Do not open it.",
                               match->description);
  finding = taiou_finding_new (rule, match->score, path, evidence, reason_ja, reason_en);
  /* Reports (Loki-RS's JSON lines) name every file by its SHA-256 when there is one. */
  if (digests->kinds & TAIOU_DIGEST_SHA256)
    finding->sha256 = taiou_digest_to_hex (digests->sha256, sizeof digests->sha256);
  add_finding (state, finding);
}

static void
match_digests (ScanState             *state,
               const char            *path,
               const TaiouFileDigest *digest)
{
  TaiouIocMatch match;

  if ((digest->kinds & TAIOU_DIGEST_SHA256) &&
      taiou_ioc_set_lookup_digest (state->scanner->iocs, digest->sha256, 32, &match))
    report_hash_match (state, path, digest, digest->sha256, 32, &match);
  if ((digest->kinds & TAIOU_DIGEST_SHA1) &&
      taiou_ioc_set_lookup_digest (state->scanner->iocs, digest->sha1, 20, &match))
    report_hash_match (state, path, digest, digest->sha1, 20, &match);
  if ((digest->kinds & TAIOU_DIGEST_MD5) &&
      taiou_ioc_set_lookup_digest (state->scanner->iocs, digest->md5, 16, &match))
    report_hash_match (state, path, digest, digest->md5, 16, &match);
}

static void
match_file_name (ScanState  *state,
                 const char *path)
{
  g_autoptr(GArray) matches = taiou_ioc_set_match_file_name (state->scanner->iocs, path);

  for (guint i = 0; i < matches->len; i++)
    {
      const TaiouIocMatch *match = &g_array_index (matches, TaiouIocMatch, i);
      g_autofree char *reason_ja = NULL;
      g_autofree char *reason_en = NULL;

      reason_ja = g_strdup_printf ("ファイルの名前や置き場所が、不正なプログラムによく見られる特徴と一致しました（%s）。",
                                   match->description);
      reason_en = g_strdup_printf ("The file's name or location matches a pattern typical of "
                                   "malware (%s).", match->description);
      add_finding (state, taiou_finding_new ("ioc.filename", match->score, path,
                                             match->description, reason_ja, reason_en));
    }
}

static void
count_read_error (ScanState    *state,
                  const GError *error)
{
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED) ||
      g_error_matches (error, G_IO_ERROR, G_IO_ERROR_NOT_REGULAR_FILE))
    count (state, &state->n_skipped, 1);
  else if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    add_unreadable (state, error->message);
  count (state, &state->n_files, 1);
}

/* One read: the worker hashes the bytes and hands the same bytes to the YARA rules. */
static void
scan_file_with_yara (ScanState         *state,
                     TaiouDigestReader *reader,
                     const char        *path)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) findings = NULL;
  g_autofree char *sha256 = NULL;
  TaiouYaraScanner *yara;
  TaiouFileDigest digest;
  TaiouFileContent content;

  if (!taiou_digest_reader_file_keep (reader, AT_FDCWD, path, state->kinds,
                                      state->scanner->max_file_size,
                                      state->scanner->yara_max_scan_bytes, &digest, &content,
                                      state->cancellable, &error))
    {
      count_read_error (state, error);
      return;
    }
  count (state, &state->n_files, 1);
  if (digest.size > state->scanner->max_file_size)
    {
      /* Over the limit: skipped as before, but the rules still see its head and size. */
      count (state, &state->n_skipped, 1);
      count (state, &state->n_bytes, content.length);
    }
  else
    {
      count (state, &state->n_bytes, digest.size);
      if (state->kinds != 0)
        {
          count (state, &state->n_hashed, 1);
          match_digests (state, path, &digest);
        }
    }

  yara = g_async_queue_try_pop (state->yara_scanners);
  if (yara == NULL &&
      (yara = taiou_yara_scanner_new (state->scanner->yara, state->scanner->yara_timeout,
                                      &error)) == NULL)
    {
      add_unreadable (state, error->message);
      return;
    }
  if (digest.kinds & TAIOU_DIGEST_SHA256)
    sha256 = taiou_digest_to_hex (digest.sha256, sizeof digest.sha256);
  findings = g_ptr_array_new ();
  if (!taiou_yara_scanner_scan (yara, path, content.data, content.length, digest.size, sha256,
                                findings, &error))
    add_unreadable (state, error->message);
  g_async_queue_push (state->yara_scanners, yara);
  count (state, &state->n_yara, 1);
  for (guint i = 0; i < findings->len; i++)
    add_finding (state, findings->pdata[i]);
}

/* A worker: one regular file. */
static void
scan_file (gpointer data,
           gpointer user_data)
{
  g_autofree char *path = data;
  ScanState *state = user_data;
  TaiouDigestReader *reader = g_private_get (&thread_reader);
  g_autoptr(GError) error = NULL;
  TaiouFileDigest digest;

  if (g_cancellable_is_cancelled (state->cancellable))
    return;
  if (reader == NULL)
    {
      reader = taiou_digest_reader_new ();
      g_private_set (&thread_reader, reader);
    }

  if (state->match_names)
    match_file_name (state, path);

  if (state->scanner->yara != NULL)
    {
      scan_file_with_yara (state, reader, path);
      return;
    }
  if (!taiou_digest_reader_file (reader, AT_FDCWD, path, state->kinds,
                                 state->scanner->max_file_size, &digest, state->cancellable,
                                 &error))
    {
      count_read_error (state, error);
      return;
    }

  count (state, &state->n_files, 1);
  if (state->kinds != 0)
    {
      count (state, &state->n_hashed, 1);
      count (state, &state->n_bytes, digest.size);
      match_digests (state, path, &digest);
    }
}

typedef struct
{
  ScanState             *state;
  GThreadPool           *pool;
  TaiouScanProgressFunc  progress;
  gpointer               progress_data;
  gint64                 last_progress;
} Walk;

static void
maybe_report_progress (Walk       *walk,
                       const char *path)
{
  gint64 now;
  TaiouScanProgress progress;

  if (walk->progress == NULL)
    return;
  now = g_get_monotonic_time ();
  if (now - walk->last_progress < PROGRESS_INTERVAL_US)
    return;
  walk->last_progress = now;
  g_mutex_lock (&walk->state->lock);
  progress.n_files = walk->state->n_files;
  progress.n_bytes = walk->state->n_bytes;
  g_mutex_unlock (&walk->state->lock);
  progress.current_path = path;
  walk->progress (&progress, walk->progress_data);
}

static void
queue_file (Walk *walk,
            char *path)
{
  /* Bound the queue: the walker is far faster than hashing. */
  while (g_thread_pool_unprocessed (walk->pool) > MAX_QUEUED_FILES)
    g_usleep (500);
  maybe_report_progress (walk, path);
  g_thread_pool_push (walk->pool, path, NULL);
}

/* Whether the walk leaves @path out; it is then counted, never skipped silently. */
static gboolean
is_excluded (Walk       *walk,
             const char *path)
{
  TaiouScanExclusions *exclusions = walk->state->scanner->exclusions;

  if (exclusions == NULL || !taiou_scan_exclusions_match (exclusions, path))
    return FALSE;
  count (walk->state, &walk->state->n_excluded, 1);
  return TRUE;
}

static void
walk_tree (Walk       *walk,
           const char *root)
{
  g_autoptr(GPtrArray) pending = g_ptr_array_new_with_free_func (g_free);
  struct stat root_st;

  if (is_excluded (walk, root))
    return;
  if (lstat (root, &root_st) != 0)
    {
      g_autofree char *text = g_strdup_printf ("%s: %s", root, g_strerror (errno));
      add_unreadable (walk->state, text);
      return;
    }
  if (!S_ISDIR (root_st.st_mode))
    {
      if (S_ISREG (root_st.st_mode))
        queue_file (walk, g_strdup (root));
      else
        count (walk->state, &walk->state->n_skipped, 1);
      return;
    }

  g_ptr_array_add (pending, g_strdup (root));
  while (pending->len > 0)
    {
      g_autofree char *dir_path = g_ptr_array_steal_index_fast (pending, pending->len - 1);
      int fd = open (dir_path, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
      DIR *dir = fd >= 0 ? fdopendir (fd) : NULL;
      struct dirent *entry;

      if (dir == NULL)
        {
          g_autofree char *text = g_strdup_printf ("%s: %s", dir_path, g_strerror (errno));

          if (fd >= 0)
            close (fd);
          add_unreadable (walk->state, text);
          continue;
        }

      while ((entry = readdir (dir)) != NULL)
        {
          char *child;
          unsigned char type = entry->d_type;

          if (g_cancellable_is_cancelled (walk->state->cancellable))
            break;
          if (strcmp (entry->d_name, ".") == 0 || strcmp (entry->d_name, "..") == 0)
            continue;
          child = g_build_filename (dir_path, entry->d_name, NULL);
          if (is_excluded (walk, child))
            {
              g_free (child);
              continue;
            }

          if (type == DT_UNKNOWN)
            {
              struct stat st;

              type = lstat (child, &st) != 0 ? DT_UNKNOWN
                     : S_ISDIR (st.st_mode) ? DT_DIR
                     : S_ISREG (st.st_mode) ? DT_REG : DT_LNK;
            }

          if (type == DT_DIR)
            {
              struct stat st;

              /* Stay on the file system where the scan started. */
              if (fstatat (dirfd (dir), entry->d_name, &st, AT_SYMLINK_NOFOLLOW) == 0 &&
                  st.st_dev == root_st.st_dev)
                g_ptr_array_add (pending, child);
              else
                {
                  count (walk->state, &walk->state->n_skipped, 1);
                  g_free (child);
                }
            }
          else if (type == DT_REG)
            queue_file (walk, child);
          else
            {
              /* Links, devices, FIFOs and sockets are never opened. */
              count (walk->state, &walk->state->n_skipped, 1);
              g_free (child);
            }
        }
      closedir (dir);
      if (g_cancellable_is_cancelled (walk->state->cancellable))
        break;
    }
}

/**
 * taiou_scanner_scan_paths:
 * @paths: files and folders to scan
 * @progress: (nullable): called in this thread at most every 100 ms
 *
 * Returns: (transfer full): the result; NULL with @error set only when cancelled
 */
TaiouScanResult *
taiou_scanner_scan_paths (TaiouScanner           *self,
                          const char * const     *paths,
                          TaiouScanProgressFunc   progress,
                          gpointer                progress_data,
                          GCancellable           *cancellable,
                          GError                **error)
{
  g_autoptr(TaiouScanResult) result = scan_result_new ();
  ScanState state = { 0 };
  Walk walk = { 0 };
  GError *pool_error = NULL;

  g_return_val_if_fail (TAIOU_IS_SCANNER (self), NULL);
  g_return_val_if_fail (paths != NULL, NULL);

  state.scanner = self;
  state.cancellable = cancellable;
  state.result = result;
  g_mutex_init (&state.lock);
  /* Hash only what can match; hash nothing when no hash IOC is loaded. */
  if (taiou_ioc_set_count (self->iocs, TAIOU_IOC_KIND_MD5) > 0)
    state.kinds |= TAIOU_DIGEST_MD5;
  if (taiou_ioc_set_count (self->iocs, TAIOU_IOC_KIND_SHA1) > 0)
    state.kinds |= TAIOU_DIGEST_SHA1;
  if (taiou_ioc_set_count (self->iocs, TAIOU_IOC_KIND_SHA256) > 0)
    state.kinds |= TAIOU_DIGEST_SHA256;
  state.match_names = taiou_ioc_set_count (self->iocs, TAIOU_IOC_KIND_FILENAME) > 0;

  walk.state = &state;
  walk.progress = progress;
  walk.progress_data = progress_data;
  if (self->yara != NULL)
    state.yara_scanners = g_async_queue_new_full ((GDestroyNotify) taiou_yara_scanner_free);
  walk.pool = g_thread_pool_new (scan_file, &state, (int) self->n_threads, TRUE, &pool_error);
  g_assert_no_error (pool_error);

  for (guint i = 0; paths[i] != NULL && !g_cancellable_is_cancelled (cancellable); i++)
    walk_tree (&walk, paths[i]);

  /* Wait for the queued files. */
  g_thread_pool_free (walk.pool, FALSE, TRUE);
  g_mutex_clear (&state.lock);
  g_clear_pointer (&state.yara_scanners, g_async_queue_unref);

  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return NULL;

  result->n_files = state.n_files;
  result->n_hashed = state.n_hashed;
  result->n_bytes = state.n_bytes;
  result->n_skipped = state.n_skipped;
  result->n_excluded = state.n_excluded;
  result->n_yara = state.n_yara;
  result->n_yara_rules = self->yara != NULL ? taiou_yara_rules_get_n_rules (self->yara) : 0;
  taiou_findings_sort (result->findings);
  g_ptr_array_sort (result->unreadable, (GCompareFunc) g_strcmp0);
  if (progress != NULL)
    {
      TaiouScanProgress last = { result->n_files, result->n_bytes, NULL };
      progress (&last, progress_data);
    }
  return g_steal_pointer (&result);
}

typedef struct
{
  GStrv                  paths;
  TaiouScanProgressFunc  progress;
  gpointer               progress_data;
} ScanTaskData;

static void
scan_task_data_free (ScanTaskData *data)
{
  g_strfreev (data->paths);
  g_free (data);
}

static void
scan_thread (GTask        *task,
             gpointer      source_object,
             gpointer      task_data,
             GCancellable *cancellable)
{
  ScanTaskData *data = task_data;
  GError *error = NULL;
  TaiouScanResult *result;

  result = taiou_scanner_scan_paths (TAIOU_SCANNER (source_object),
                                     (const char * const *) data->paths, data->progress,
                                     data->progress_data, cancellable, &error);
  if (result == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, result, (GDestroyNotify) taiou_scan_result_unref);
}

/**
 * taiou_scanner_scan_paths_async:
 * @progress: (nullable): called in the worker thread; marshal to the main loop before
 *   touching widgets
 */
void
taiou_scanner_scan_paths_async (TaiouScanner           *self,
                                const char * const     *paths,
                                TaiouScanProgressFunc   progress,
                                gpointer                progress_data,
                                GCancellable           *cancellable,
                                GAsyncReadyCallback     callback,
                                gpointer                user_data)
{
  g_autoptr(GTask) task = NULL;
  ScanTaskData *data;

  g_return_if_fail (TAIOU_IS_SCANNER (self));
  g_return_if_fail (paths != NULL);

  data = g_new0 (ScanTaskData, 1);
  data->paths = g_strdupv ((char **) paths);
  data->progress = progress;
  data->progress_data = progress_data;

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, taiou_scanner_scan_paths_async);
  g_task_set_task_data (task, data, (GDestroyNotify) scan_task_data_free);
  g_task_run_in_thread (task, scan_thread);
}

TaiouScanResult *
taiou_scanner_scan_paths_finish (TaiouScanner  *self,
                                 GAsyncResult  *result,
                                 GError       **error)
{
  g_return_val_if_fail (TAIOU_IS_SCANNER (self), NULL);
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}
