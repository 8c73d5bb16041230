/* test-timeline-crash.c — a process appending to the timeline is killed at random moments
 *
 * ROUNDS times: a child process opens the timeline and appends without end, single events and
 * batches of 1 … MAX_BATCH in turn, and after each append that returned success writes what it
 * added on a pipe before going on.  The parent kills it with SIGKILL after a random delay —
 * before it opened the file, in the middle of a transaction, during a COMMIT's fsync — and then
 * checks that the database opens, the chain verifies, every append the child reported is there,
 * and every batch is there whole or not at all.  (A power cut is not simulated: SIGKILL leaves
 * the kernel's page cache intact; synchronous=FULL is what covers the rest.)
 */
#define G_LOG_DOMAIN "test-timeline-crash"

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include "taiou-test-util.h"

#define ROUNDS           220
#define MAX_BATCH        40
#define MAX_KILL_DELAY_US 20000
#define KIND_SINGLE      "test.single"
#define KIND_BATCH       "test.batch"

/* What the child reports, one fixed-size record per successful append. */
typedef struct
{
  gint64 batch;   /* 0 for a single append */
  gint64 seq;     /* a single event's seq */
  guint  n;       /* how many events the batch had */
} Report;

static G_NORETURN void
child_main (const char *path,
            gint64      incident_id,
            int         report_fd,
            guint       round)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TaiouTimeline) timeline = taiou_timeline_open (path, &error);
  TaiouEventDraft drafts[MAX_BATCH];
  JsonObject *details[MAX_BATCH];
  GRand *rand = g_rand_new_with_seed (getpid ());

  if (timeline == NULL)
    _exit (3);
  for (guint i = 0; i < MAX_BATCH; i++)
    details[i] = json_object_new ();

  for (gint64 step = 1;; step++)
    {
      Report report = { 0 };

      if (step % 2 == 1)
        {
          g_autoptr(TaiouEvent) event = taiou_timeline_append (timeline, incident_id,
                                                               KIND_SINGLE, "child",
                                                               "一件ずつの記録", NULL, &error);

          if (event == NULL)
            _exit (4);
          report.seq = taiou_event_get_seq (event);
        }
      else
        {
          guint n = g_rand_int_range (rand, 1, MAX_BATCH + 1);

          /* Unique across rounds: the round, then the step. */
          report.batch = (gint64) (round + 1) * 1000000 + step;
          report.n = n;
          for (guint i = 0; i < n; i++)
            {
              json_object_set_int_member (details[i], "batch", report.batch);
              json_object_set_int_member (details[i], "n", n);
              drafts[i] = (TaiouEventDraft) {
                .kind = KIND_BATCH,
                .actor = "child",
                .summary = "まとめての記録",
                .detail = details[i],
              };
            }
          if (!taiou_timeline_append_batch (timeline, incident_id, drafts, n, NULL, NULL,
                                            &error))
            _exit (5);
        }
      if (write (report_fd, &report, sizeof report) != sizeof report)
        _exit (6);
    }
}

/* Everything the child reported before it died; the pipe is at EOF once it is gone. */
static void
read_reports (int     fd,
              GArray *reports)
{
  Report report;
  ssize_t n;

  while ((n = read (fd, &report, sizeof report)) == sizeof report)
    g_array_append_val (reports, report);
  g_assert_cmpint (n, ==, 0); /* records are written whole (< PIPE_BUF) */
}

static void
check_database (const char *path,
                GArray     *reports,
                gint64     *n_singles,
                gint64     *n_batches)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TaiouTimeline) timeline = taiou_timeline_open (path, &error);
  g_autoptr(TaiouTimelineVerification) verification = NULL;
  g_autoptr(GHashTable) batch_sizes = g_hash_table_new_full (g_int64_hash, g_int64_equal,
                                                             g_free, NULL);
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;

  g_assert_no_error (error);
  verification = taiou_timeline_verify (timeline, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (verification->problem, ==, NULL);
  g_assert_true (verification->intact);
  g_clear_object (&timeline);

  g_assert_cmpint (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
  /* Every batch in the file is whole: as many events as it said it had. */
  g_assert_cmpint (sqlite3_prepare_v2 (db,
                                       "SELECT json_extract (detail, '$.batch'), count (*), "
                                       "       min (json_extract (detail, '$.n')), "
                                       "       max (json_extract (detail, '$.n')) "
                                       "FROM events WHERE kind = '" KIND_BATCH "' GROUP BY 1",
                                       -1, &stmt, NULL), ==, SQLITE_OK);
  *n_batches = 0;
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      gint64 batch = sqlite3_column_int64 (stmt, 0);

      g_assert_cmpint (sqlite3_column_int64 (stmt, 1), ==, sqlite3_column_int64 (stmt, 2));
      g_assert_cmpint (sqlite3_column_int64 (stmt, 2), ==, sqlite3_column_int64 (stmt, 3));
      g_hash_table_insert (batch_sizes, g_memdup2 (&batch, sizeof batch),
                           GSIZE_TO_POINTER (sqlite3_column_int64 (stmt, 1)));
      (*n_batches)++;
    }
  sqlite3_finalize (stmt);

  /* Every append the child reported as done is there. */
  g_assert_cmpint (sqlite3_prepare_v2 (db, "SELECT kind FROM events WHERE seq = ?", -1, &stmt,
                                       NULL), ==, SQLITE_OK);
  for (guint i = 0; i < reports->len; i++)
    {
      const Report *report = &g_array_index (reports, Report, i);

      if (report->batch != 0)
        {
          g_assert_cmpuint (GPOINTER_TO_SIZE (g_hash_table_lookup (batch_sizes, &report->batch)),
                            ==, report->n);
          continue;
        }
      sqlite3_bind_int64 (stmt, 1, report->seq);
      g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
      g_assert_cmpstr ((const char *) sqlite3_column_text (stmt, 0), ==, KIND_SINGLE);
      sqlite3_reset (stmt);
    }
  sqlite3_finalize (stmt);
  g_assert_cmpint (sqlite3_prepare_v2 (db, "SELECT count (*) FROM events WHERE kind = '"
                                       KIND_SINGLE "'", -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  *n_singles = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);
  sqlite3_close (db);
}

static void
test_sigkill_while_appending (void)
{
  g_autofree char *path = NULL;
  g_autoptr(TaiouTimeline) timeline = taiou_test_timeline_new (&path);
  g_autoptr(TaiouIncident) incident = taiou_test_add_incident (timeline, "停電", 0);
  gint64 incident_id = taiou_incident_get_id (incident);
  guint n_reports = 0;
  guint n_rounds_with_appends = 0;
  gint64 n_singles = 0;
  gint64 n_batches = 0;

  /* SQLite connections must not cross a fork: the parent holds none while a child runs. */
  g_clear_object (&timeline);

  for (guint round = 0; round < ROUNDS; round++)
    {
      g_autoptr(GArray) reports = g_array_new (FALSE, FALSE, sizeof (Report));
      int fds[2];
      pid_t pid;
      int status = 0;

      g_assert_cmpint (pipe (fds), ==, 0);
      pid = fork ();
      g_assert_cmpint (pid, >=, 0);
      if (pid == 0)
        {
          close (fds[0]);
          child_main (path, incident_id, fds[1], round);
        }
      close (fds[1]);

      /* One round in five kills at once (while the child opens the file or is in its first
       * transaction); the others once the child has appended, so that whatever the machine's
       * speed the kill lands among appends: after its first report and a random delay. */
      if (round % 5 != 0)
        {
          Report first;

          if (read (fds[0], &first, sizeof first) == sizeof first)
            g_array_append_val (reports, first);
        }
      g_usleep (g_test_rand_int_range (0, MAX_KILL_DELAY_US));
      g_assert_cmpint (kill (pid, SIGKILL), ==, 0);
      g_assert_cmpint (waitpid (pid, &status, 0), ==, pid);
      /* The child never stops on its own: only the kill ends it, or an append that failed. */
      if (!(WIFSIGNALED (status) && WTERMSIG (status) == SIGKILL))
        g_error ("round %u: the child ended with status %d", round, status);

      read_reports (fds[0], reports);
      close (fds[0]);
      n_reports += reports->len;
      check_database (path, reports, &n_singles, &n_batches);
      n_rounds_with_appends += reports->len > 0;
    }

  g_test_message ("%d kills, %u of them after appends; %u appends reported done before a "
                  "kill; in the file: %" G_GINT64_FORMAT " single events and %" G_GINT64_FORMAT
                  " whole batches", ROUNDS, n_rounds_with_appends, n_reports, n_singles,
                  n_batches);
  /* The kills landed while appends happened, not all before the first one. */
  g_assert_cmpuint (n_rounds_with_appends, >=, ROUNDS * 4 / 5);
  g_assert_cmpint (n_batches, >, 0);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/taiou/timeline-crash/sigkill-while-appending", test_sigkill_while_appending);

  return g_test_run ();
}
