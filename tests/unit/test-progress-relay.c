/* test-progress-relay.c — a worker thread's progress reaches the main loop, coalesced */
#define G_LOG_DOMAIN "test-progress-relay"

#include "config.h"

#include "taiou-test-util.h"

typedef struct
{
  guint   n_calls;
  guint64 last_files;
  char   *last_path;
  GThread *thread;
} Seen;

static void
deliver_cb (const TaiouScanProgress *progress,
            gpointer                 user_data)
{
  Seen *seen = user_data;

  seen->n_calls++;
  seen->last_files = progress->n_files;
  g_free (seen->last_path);
  seen->last_path = g_strdup (progress->current_path);
  seen->thread = g_thread_self ();
}

static gpointer
flood_thread (gpointer relay)
{
  for (guint i = 1; i <= 50000; i++)
    {
      g_autofree char *path = g_strdup_printf ("/volume/file-%u", i);
      TaiouScanProgress progress = { i, i * 10, path };

      taiou_progress_relay_push (&progress, relay);
    }
  /* The last report of a scan names no file: the last file seen stays on screen. */
  taiou_progress_relay_push (&(TaiouScanProgress) { 50000, 500000, NULL }, relay);
  return NULL;
}

static void
test_coalesced_in_main_thread (void)
{
  Seen seen = { 0 };
  g_autoptr(TaiouProgressRelay) relay = taiou_progress_relay_new (deliver_cb, &seen);
  GThread *thread = g_thread_new ("flood", flood_thread, relay);
  gint64 deadline;

  g_thread_join (thread);
  deadline = g_get_monotonic_time () + 5 * G_TIME_SPAN_SECOND;
  while (seen.last_files != 50000 && g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, TRUE);

  /* Every report but the coalesced ones: the last one arrives, in this thread, and fifty
   * thousand pushes cost a handful of deliveries. */
  g_assert_cmpuint (seen.last_files, ==, 50000);
  g_assert_cmpstr (seen.last_path, ==, "/volume/file-50000");
  g_assert_true (seen.thread == g_thread_self ());
  g_assert_cmpuint (seen.n_calls, <, 20);
  g_assert_cmpuint (taiou_progress_relay_get_n_delivered (relay), ==, seen.n_calls);
  g_free (seen.last_path);
}

static void
test_stopped_delivers_nothing (void)
{
  Seen seen = { 0 };
  TaiouProgressRelay *relay = taiou_progress_relay_new (deliver_cb, &seen);

  taiou_progress_relay_push (&(TaiouScanProgress) { 1, 1, "/a" }, relay);
  taiou_progress_relay_stop (relay);
  /* The receiver may go away now: the pending source holds the relay, not the receiver. */
  taiou_progress_relay_unref (relay);
  while (g_main_context_iteration (NULL, FALSE))
    ;
  g_usleep (2 * TAIOU_PROGRESS_RELAY_INTERVAL_MS * 1000);
  while (g_main_context_iteration (NULL, FALSE))
    ;
  g_assert_cmpuint (seen.n_calls, ==, 0);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/taiou/progress-relay/coalesced-in-main-thread",
                   test_coalesced_in_main_thread);
  g_test_add_func ("/taiou/progress-relay/stopped-delivers-nothing",
                   test_stopped_delivers_nothing);
  return g_test_run ();
}
