/* taiou-progress-relay.c — a worker thread's progress, delivered to the main loop at a calm rate
 *
 * The scanner and the importers report progress from their worker thread; widgets may only be
 * touched from the main thread.  A relay keeps the latest report under a lock and keeps at
 * most one source pending in the context it was made in, so a worker that reports a thousand
 * times a second costs the main loop ten updates, and the last report is never lost.  Once
 * stopped (the check ended, the page went away) it delivers nothing more; the sources it left
 * pending hold their own reference, so the worker and the main loop can drop theirs in any
 * order.
 */
#define G_LOG_DOMAIN "taiou-progress-relay"

#include "config.h"

#include "taiou-progress-relay.h"

struct _TaiouProgressRelay
{
  GMutex                 lock;          /* guards every field below but deliver/user_data */
  GMainContext          *context;
  TaiouScanProgressFunc  deliver;
  gpointer               user_data;
  gboolean               stopped;
  gboolean               pending;       /* a source is attached and will deliver */
  gint64                 last_delivery; /* monotonic µs */
  guint64                n_files;
  guint64                n_bytes;
  char                  *current_path;
  guint                  n_delivered;
};

static void
relay_clear (TaiouProgressRelay *relay)
{
  g_mutex_clear (&relay->lock);
  g_main_context_unref (relay->context);
  g_free (relay->current_path);
}

/**
 * taiou_progress_relay_new:
 * @deliver: called in the thread-default main context of the caller, with the latest report
 *
 * Returns: (transfer full): a relay; hand taiou_progress_relay_push() and the relay to the
 *   worker as its progress function and data, and keep a reference until the work is done
 */
TaiouProgressRelay *
taiou_progress_relay_new (TaiouScanProgressFunc deliver,
                          gpointer              user_data)
{
  TaiouProgressRelay *relay;

  g_return_val_if_fail (deliver != NULL, NULL);

  relay = g_atomic_rc_box_new0 (TaiouProgressRelay);
  g_mutex_init (&relay->lock);
  relay->context = g_main_context_ref_thread_default ();
  relay->deliver = deliver;
  relay->user_data = user_data;
  return relay;
}

TaiouProgressRelay *
taiou_progress_relay_ref (TaiouProgressRelay *relay)
{
  g_return_val_if_fail (relay != NULL, NULL);
  return g_atomic_rc_box_acquire (relay);
}

void
taiou_progress_relay_unref (TaiouProgressRelay *relay)
{
  g_return_if_fail (relay != NULL);
  g_atomic_rc_box_release_full (relay, (GDestroyNotify) relay_clear);
}

/* In the relay's context. */
static gboolean
deliver_cb (gpointer data)
{
  TaiouProgressRelay *relay = data;
  TaiouScanProgress progress;
  g_autofree char *path = NULL;
  gboolean stopped;

  g_mutex_lock (&relay->lock);
  relay->pending = FALSE;
  relay->last_delivery = g_get_monotonic_time ();
  stopped = relay->stopped;
  progress.n_files = relay->n_files;
  progress.n_bytes = relay->n_bytes;
  path = g_strdup (relay->current_path);
  if (!stopped)
    relay->n_delivered++;
  g_mutex_unlock (&relay->lock);

  progress.current_path = path;
  if (!stopped)
    relay->deliver (&progress, relay->user_data);
  return G_SOURCE_REMOVE;
}

/**
 * taiou_progress_relay_push: (skip)
 * @relay: the TaiouProgressRelay, as the progress function's data
 *
 * A TaiouScanProgressFunc: keeps @progress as the latest and makes sure it is delivered,
 * no sooner than TAIOU_PROGRESS_RELAY_INTERVAL_MS after the previous delivery.  Any thread.
 */
void
taiou_progress_relay_push (const TaiouScanProgress *progress,
                           gpointer                 relay_pointer)
{
  TaiouProgressRelay *relay = relay_pointer;
  g_autoptr(GSource) source = NULL;
  gint64 wait_us;

  g_return_if_fail (progress != NULL);
  g_return_if_fail (relay != NULL);

  g_mutex_lock (&relay->lock);
  relay->n_files = progress->n_files;
  relay->n_bytes = progress->n_bytes;
  /* The last report of a scan has no path: keep showing where it was. */
  if (progress->current_path != NULL)
    {
      g_free (relay->current_path);
      relay->current_path = g_strdup (progress->current_path);
    }
  if (relay->stopped || relay->pending)
    {
      g_mutex_unlock (&relay->lock);
      return;
    }
  relay->pending = TRUE;
  wait_us = TAIOU_PROGRESS_RELAY_INTERVAL_MS * G_TIME_SPAN_MILLISECOND -
            (g_get_monotonic_time () - relay->last_delivery);
  g_mutex_unlock (&relay->lock);

  source = wait_us > 0 ? g_timeout_source_new ((guint) (wait_us / 1000) + 1)
                       : g_idle_source_new ();
  /* The default priority, like the GTask that returns the result: the last report pushed
   * before the worker returned is delivered before the result, never after it. */
  g_source_set_priority (source, G_PRIORITY_DEFAULT);
  g_source_set_name (source, "[taiou] progress relay");
  g_source_set_callback (source, deliver_cb, taiou_progress_relay_ref (relay),
                         (GDestroyNotify) taiou_progress_relay_unref);
  g_source_attach (source, relay->context);
}

/**
 * taiou_progress_relay_stop:
 *
 * Nothing more is delivered, not even what was pushed before; call it from the relay's
 * context before the receiver goes away.
 */
void
taiou_progress_relay_stop (TaiouProgressRelay *relay)
{
  g_return_if_fail (relay != NULL);

  g_mutex_lock (&relay->lock);
  relay->stopped = TRUE;
  g_mutex_unlock (&relay->lock);
}

/* Returns: how many reports were delivered so far (for the tests) */
guint
taiou_progress_relay_get_n_delivered (TaiouProgressRelay *relay)
{
  guint n;

  g_return_val_if_fail (relay != NULL, 0);

  g_mutex_lock (&relay->lock);
  n = relay->n_delivered;
  g_mutex_unlock (&relay->lock);
  return n;
}
