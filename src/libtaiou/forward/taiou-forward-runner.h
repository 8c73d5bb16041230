/* taiou-forward-runner.h — keeps a syslog collector up to date while the app runs */
#pragma once

#include "taiou-forwarder.h"

G_BEGIN_DECLS

#define TAIOU_TYPE_FORWARD_RUNNER (taiou_forward_runner_get_type ())
G_DECLARE_FINAL_TYPE (TaiouForwardRunner, taiou_forward_runner, TAIOU, FORWARD_RUNNER, GObject)

/* How often the record is looked at for new events while all went well. */
#define TAIOU_FORWARD_POLL_S         5
/* Retries after a failure wait 2, 4, 8 … seconds, at most this long. */
#define TAIOU_FORWARD_MAX_BACKOFF_S  300

TaiouForwardRunner *taiou_forward_runner_new             (TaiouTimeline                 *timeline);
void                taiou_forward_runner_set_destination (TaiouForwardRunner            *self,
                                                          const TaiouForwardDestination *destination);
void                taiou_forward_runner_send_now        (TaiouForwardRunner            *self);
void                taiou_forward_runner_stop            (TaiouForwardRunner            *self);
const GError       *taiou_forward_runner_get_last_error  (TaiouForwardRunner            *self);
guint               taiou_forward_runner_get_retry_s     (TaiouForwardRunner            *self);

G_END_DECLS
