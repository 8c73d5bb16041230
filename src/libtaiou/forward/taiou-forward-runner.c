/* taiou-forward-runner.c — keeps a syslog collector up to date while the app runs
 *
 * Driven by the main loop: every few seconds a round of taiou_forward_send_pending() runs in a
 * worker thread (GTask) and sends whatever the record gained, from this app or from taiou-cli.
 * A failed round (collector down, the PC disconnected on purpose by the disconnect step) is
 * retried after 2, 4, 8 … seconds, at most five minutes apart, and nothing is lost meanwhile:
 * the events wait in the record.  Stopping cancels the round in flight and waits for it, so the
 * app never quits with a batch half-confirmed (and if it is killed instead, the batch is sent
 * again: see taiou-forwarder.c).
 */
#define G_LOG_DOMAIN "taiou-forward"

#include "config.h"

#include "taiou-forward-runner.h"

struct _TaiouForwardRunner
{
  GObject                  parent_instance;

  TaiouTimeline           *timeline;
  TaiouForwardDestination *destination;  /* NULL: forwarding is off */
  GCancellable            *cancellable;  /* of the round in flight */
  guint                    timeout_id;
  guint                    backoff_s;    /* 0 after a round that went well */
  gboolean                 busy;
  gboolean                 again;        /* asked to send while a round was running */
  gboolean                 stopped;
  GError                  *last_error;
};

enum
{
  PROP_0,
  PROP_LAST_ERROR,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

G_DEFINE_FINAL_TYPE (TaiouForwardRunner, taiou_forward_runner, G_TYPE_OBJECT)

static void start_round (TaiouForwardRunner *self);

static gboolean
timeout_cb (gpointer user_data)
{
  TaiouForwardRunner *self = user_data;

  self->timeout_id = 0;
  start_round (self);
  return G_SOURCE_REMOVE;
}

static void
schedule (TaiouForwardRunner *self,
          guint               delay_s)
{
  g_clear_handle_id (&self->timeout_id, g_source_remove);
  if (self->stopped || self->destination == NULL)
    return;
  if (delay_s == 0)
    self->timeout_id = g_idle_add (timeout_cb, self);
  else
    self->timeout_id = g_timeout_add_seconds (delay_s, timeout_cb, self);
}

static void
set_last_error (TaiouForwardRunner *self,
                const GError       *error)
{
  if (self->last_error == NULL && error == NULL)
    return;
  g_clear_error (&self->last_error);
  if (error != NULL)
    self->last_error = g_error_copy (error);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LAST_ERROR]);
}

static void
round_done_cb (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(TaiouForwardRunner) self = user_data;
  g_autoptr(GError) error = NULL;
  TaiouForwardReport report;

  self->busy = FALSE;
  g_clear_object (&self->cancellable);
  if (taiou_forward_send_pending_finish (TAIOU_TIMELINE (source), result, &report, &error))
    {
      if (report.n_sent > 0)
        g_debug ("Forwarded %" G_GINT64_FORMAT " events", report.n_sent);
      self->backoff_s = 0;
      set_last_error (self, NULL);
      schedule (self, self->again ? 0 : TAIOU_FORWARD_POLL_S);
    }
  else if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      self->backoff_s = CLAMP (self->backoff_s * 2, 2, TAIOU_FORWARD_MAX_BACKOFF_S);
      g_debug ("Forwarding failed, retrying in %u s: %s", self->backoff_s, error->message);
      set_last_error (self, error);
      schedule (self, self->backoff_s);
    }
  else if (self->again)
    schedule (self, 0);
  self->again = FALSE;
}

static void
start_round (TaiouForwardRunner *self)
{
  if (self->busy)
    {
      self->again = TRUE;
      return;
    }
  if (self->stopped || self->destination == NULL)
    return;

  self->busy = TRUE;
  self->cancellable = g_cancellable_new ();
  taiou_forward_send_pending_async (self->timeline, self->destination, self->cancellable,
                                    round_done_cb, g_object_ref (self));
}

static void
wait_for_round (TaiouForwardRunner *self)
{
  g_cancellable_cancel (self->cancellable);
  /* The round's callback runs in this context; the cancelled round ends within one socket
   * operation. */
  while (self->busy)
    g_main_context_iteration (NULL, TRUE);
}

static void
taiou_forward_runner_dispose (GObject *object)
{
  TaiouForwardRunner *self = TAIOU_FORWARD_RUNNER (object);

  /* A round in flight holds a reference, so there is none here. */
  self->stopped = TRUE;
  g_clear_handle_id (&self->timeout_id, g_source_remove);
  g_clear_object (&self->timeline);
  g_clear_pointer (&self->destination, taiou_forward_destination_free);
  g_clear_error (&self->last_error);

  G_OBJECT_CLASS (taiou_forward_runner_parent_class)->dispose (object);
}

static void
taiou_forward_runner_get_property (GObject    *object,
                                   guint       prop_id,
                                   GValue     *value,
                                   GParamSpec *pspec)
{
  TaiouForwardRunner *self = TAIOU_FORWARD_RUNNER (object);

  switch (prop_id)
    {
    case PROP_LAST_ERROR:
      g_value_set_string (value, self->last_error != NULL ? self->last_error->message : NULL);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
taiou_forward_runner_class_init (TaiouForwardRunnerClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = taiou_forward_runner_dispose;
  object_class->get_property = taiou_forward_runner_get_property;

  /* Why the last round failed, for people; NULL while all goes well. */
  properties[PROP_LAST_ERROR] =
    g_param_spec_string ("last-error", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
taiou_forward_runner_init (TaiouForwardRunner *self)
{
}

TaiouForwardRunner *
taiou_forward_runner_new (TaiouTimeline *timeline)
{
  TaiouForwardRunner *self;

  g_return_val_if_fail (TAIOU_IS_TIMELINE (timeline), NULL);

  self = g_object_new (TAIOU_TYPE_FORWARD_RUNNER, NULL);
  self->timeline = g_object_ref (timeline);
  return self;
}

/**
 * taiou_forward_runner_set_destination:
 * @destination: (nullable): where to send, NULL to stop forwarding
 *
 * A change takes effect at once: a round starts now.  A round already running finishes with the
 * destination it started with.
 */
void
taiou_forward_runner_set_destination (TaiouForwardRunner            *self,
                                      const TaiouForwardDestination *destination)
{
  g_return_if_fail (TAIOU_IS_FORWARD_RUNNER (self));

  g_clear_pointer (&self->destination, taiou_forward_destination_free);
  if (destination != NULL)
    self->destination = taiou_forward_destination_copy (destination);
  self->backoff_s = 0;
  set_last_error (self, NULL);
  if (self->destination == NULL)
    {
      g_clear_handle_id (&self->timeout_id, g_source_remove);
      return;
    }
  self->stopped = FALSE;
  schedule (self, 0);
}

/* Sends now rather than at the next poll, e.g. right after the network came back. */
void
taiou_forward_runner_send_now (TaiouForwardRunner *self)
{
  g_return_if_fail (TAIOU_IS_FORWARD_RUNNER (self));

  if (self->busy)
    self->again = TRUE;
  else
    schedule (self, 0);
}

/* Stops for good: no new round, the one in flight cancelled and waited for. */
void
taiou_forward_runner_stop (TaiouForwardRunner *self)
{
  g_return_if_fail (TAIOU_IS_FORWARD_RUNNER (self));

  self->stopped = TRUE;
  g_clear_handle_id (&self->timeout_id, g_source_remove);
  wait_for_round (self);
}

const GError *
taiou_forward_runner_get_last_error (TaiouForwardRunner *self)
{
  g_return_val_if_fail (TAIOU_IS_FORWARD_RUNNER (self), NULL);
  return self->last_error;
}

/* Seconds until the next attempt after a failure; 0 while all goes well. */
guint
taiou_forward_runner_get_retry_s (TaiouForwardRunner *self)
{
  g_return_val_if_fail (TAIOU_IS_FORWARD_RUNNER (self), 0);
  return self->backoff_s;
}
