/* taiou-forwarder.h — sending the record's pending events to a syslog collector */
#pragma once

#include <gio/gio.h>

#include "taiou-timeline.h"

G_BEGIN_DECLS

#define TAIOU_FORWARD_ERROR (taiou_forward_error_quark ())

typedef enum
{
  TAIOU_FORWARD_ERROR_INVALID,      /* the destination's settings cannot work */
  TAIOU_FORWARD_ERROR_CONNECT,      /* the collector cannot be reached */
  TAIOU_FORWARD_ERROR_UNTRUSTED,    /* its certificate is not trusted: nothing was sent */
  TAIOU_FORWARD_ERROR_CA_FILE,      /* the CA file given cannot be read */
  TAIOU_FORWARD_ERROR_SEND,         /* the connection broke while sending */
  TAIOU_FORWARD_ERROR_BUSY,         /* another process is sending this record right now */
} TaiouForwardError;

GQuark taiou_forward_error_quark (void);

/* RFC 5425 §4.1: the port assigned to syslog over TLS. */
#define TAIOU_FORWARD_DEFAULT_PORT      6514
#define TAIOU_FORWARD_DEFAULT_TIMEOUT_S 10
/* Events sent per connection, each connection confirmed before the queue moves on. */
#define TAIOU_FORWARD_DEFAULT_BATCH     2000

#define TAIOU_TYPE_FORWARD_DESTINATION (taiou_forward_destination_get_type ())

typedef struct
{
  char     *host;
  guint16   port;
  gboolean  tls;        /* TRUE unless turned off explicitly */
  char     *ca_file;    /* PEM CA certificates to trust instead of the system's; NULL for those */
  guint     timeout_s;  /* connecting, and each read or write */
} TaiouForwardDestination;

GType                    taiou_forward_destination_get_type (void) G_GNUC_CONST;
TaiouForwardDestination *taiou_forward_destination_new      (const char   *host,
                                                             guint         port,
                                                             gboolean      tls,
                                                             const char   *ca_file,
                                                             GError      **error);
TaiouForwardDestination *taiou_forward_destination_copy     (const TaiouForwardDestination *self);
void                     taiou_forward_destination_free     (TaiouForwardDestination *self);
char                    *taiou_forward_destination_get_key  (const TaiouForwardDestination *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (TaiouForwardDestination, taiou_forward_destination_free)

typedef struct
{
  gint64 n_sent;     /* events sent and confirmed by this call */
  gint64 n_pending;  /* events the collector still does not have */
  gint64 last_seq;   /* the newest event it has, 0 for none */
} TaiouForwardReport;

gboolean taiou_forward_send_pending        (TaiouTimeline                 *timeline,
                                            const TaiouForwardDestination *destination,
                                            guint                          batch_size,
                                            TaiouForwardReport            *report,
                                            GCancellable                  *cancellable,
                                            GError                       **error);
void     taiou_forward_send_pending_async  (TaiouTimeline                 *timeline,
                                            const TaiouForwardDestination *destination,
                                            GCancellable                  *cancellable,
                                            GAsyncReadyCallback            callback,
                                            gpointer                       user_data);
gboolean taiou_forward_send_pending_finish (TaiouTimeline                 *timeline,
                                            GAsyncResult                  *result,
                                            TaiouForwardReport            *report,
                                            GError                       **error);

G_END_DECLS
