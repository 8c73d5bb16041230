/* taiou-nm-client.h — asks NetworkManager to switch all networking of this computer off */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

#define TAIOU_NM_ERROR (taiou_nm_error_quark ())

typedef enum
{
  TAIOU_NM_ERROR_NOT_RUNNING,  /* no NetworkManager (or no system bus) on this computer */
  TAIOU_NM_ERROR_REFUSED,      /* the bus policy or polkit did not allow it */
  TAIOU_NM_ERROR_FAILED,       /* NetworkManager answered with another error, or not at all */
} TaiouNmError;

GQuark taiou_nm_error_quark (void);

/* The bus NetworkManager is looked for on, instead of the system bus (see taiou-nm-client.c). */
#define TAIOU_NM_BUS_ADDRESS_ENV "TAIOU_NM_BUS_ADDRESS"

/* How the request ended, for the record (the detail "outcome" of a disconnect.result event). */
typedef enum
{
  TAIOU_NM_OUTCOME_DISABLED,     /* NetworkManager switched networking off */
  TAIOU_NM_OUTCOME_ALREADY_OFF,  /* it was off already */
} TaiouNmOutcome;

void     taiou_nm_disable_networking_async  (GCancellable         *cancellable,
                                             GAsyncReadyCallback   callback,
                                             gpointer              user_data);
gboolean taiou_nm_disable_networking_finish (GAsyncResult         *result,
                                             TaiouNmOutcome       *outcome,
                                             GError              **error);

const char *taiou_nm_outcome_to_string      (TaiouNmOutcome        outcome);
const char *taiou_nm_error_to_string        (const GError         *error);

G_END_DECLS
