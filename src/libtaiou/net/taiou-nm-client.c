/* taiou-nm-client.c — asks NetworkManager to switch all networking of this computer off
 *
 * The disconnect step offers one button that cuts this computer off the network, the way the
 * network menu's "Disable networking" does: NetworkManager's Enable(false) on the system bus.
 * The call is the one gdbus-codegen generates from NetworkManager's own introspection XML
 * (network-manager-dev), so a change in its signature breaks the build instead of the button.
 *
 * Every way it can fail ends in one of three errors the page can explain to a frightened
 * worker, each followed by the manual steps: NetworkManager is not there, it refused, or it
 * failed.  NetworkManager asks polkit itself, with user interaction allowed, so a password
 * prompt may appear; the call waits for it (CALL_TIMEOUT_MS) unless cancelled.
 *
 * $TAIOU_NM_BUS_ADDRESS points the client at another bus than the system bus.  The tests use
 * it to talk to a NetworkManager of their own on a private bus; the standard
 * $DBUS_SYSTEM_BUS_ADDRESS would move everything else in the process that uses the system bus
 * too (GIO's own network monitor follows NetworkManager there), so it is not used for this.
 */
#define G_LOG_DOMAIN "taiou-nm"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "taiou-nm-client.h"
#include "taiou-nm-dbus.h"

#define NM_BUS_NAME    "org.freedesktop.NetworkManager"
#define NM_OBJECT_PATH "/org/freedesktop/NetworkManager"

/* NetworkManager's own D-Bus errors (its NMManagerError nicks). */
#define NM_ERROR_PERMISSION_DENIED  "org.freedesktop.NetworkManager.PermissionDenied"
#define NM_ERROR_ALREADY_DISABLED   "org.freedesktop.NetworkManager.AlreadyEnabledOrDisabled"
#define POLKIT_ERROR_NOT_AUTHORIZED "org.freedesktop.PolicyKit1.Error.NotAuthorized"

/* Long enough for a worker to find and type the password polkit asks for. */
#define CALL_TIMEOUT_MS (5 * 60 * 1000)

/* A remote error's text goes into the worker's message and the record: keep it short. */
#define MAX_REMOTE_MESSAGE_CHARS 200

G_DEFINE_QUARK (taiou-nm-error-quark, taiou_nm_error)

static char *
short_remote_message (const GError *error)
{
  g_autoptr(GError) copy = g_error_copy (error);
  g_autofree char *head = NULL;
  const char *text;

  g_dbus_error_strip_remote_error (copy);
  text = copy->message != NULL && g_utf8_validate (copy->message, -1, NULL) ? copy->message
                                                                            : "?";
  if (g_utf8_strlen (text, -1) <= MAX_REMOTE_MESSAGE_CHARS)
    return g_strdup (text);
  head = g_utf8_substring (text, 0, MAX_REMOTE_MESSAGE_CHARS);
  return g_strconcat (head, "…", NULL);
}

static gboolean
is_remote_error (const GError *error,
                 const char   *name)
{
  g_autofree char *remote = g_dbus_error_get_remote_error (error);

  return g_strcmp0 (remote, name) == 0;
}

/* Returns: (transfer full): @error said in the worker's words, in TAIOU_NM_ERROR */
static GError *
explain_error (const GError *error)
{
  g_autofree char *detail = short_remote_message (error);

  if (g_error_matches (error, G_DBUS_ERROR, G_DBUS_ERROR_SERVICE_UNKNOWN) ||
      g_error_matches (error, G_DBUS_ERROR, G_DBUS_ERROR_NAME_HAS_NO_OWNER))
    return g_error_new_literal (TAIOU_NM_ERROR, TAIOU_NM_ERROR_NOT_RUNNING,
                                _("NetworkManager, which manages the network of this "
                                  "computer, is not running, so Taiou cannot switch the "
                                  "network off. Please do it by hand."));
  if (g_error_matches (error, G_DBUS_ERROR, G_DBUS_ERROR_ACCESS_DENIED) ||
      g_error_matches (error, G_DBUS_ERROR, G_DBUS_ERROR_AUTH_FAILED) ||
      is_remote_error (error, NM_ERROR_PERMISSION_DENIED) ||
      is_remote_error (error, POLKIT_ERROR_NOT_AUTHORIZED))
    return g_error_new (TAIOU_NM_ERROR, TAIOU_NM_ERROR_REFUSED,
                        _("This computer did not allow Taiou to switch the network off (%s). "
                          "Please do it by hand."), detail);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_TIMED_OUT) ||
      g_error_matches (error, G_DBUS_ERROR, G_DBUS_ERROR_NO_REPLY) ||
      g_error_matches (error, G_DBUS_ERROR, G_DBUS_ERROR_TIMEOUT))
    return g_error_new_literal (TAIOU_NM_ERROR, TAIOU_NM_ERROR_FAILED,
                                _("NetworkManager did not answer, so the network may still "
                                  "be on. Please switch it off by hand."));
  return g_error_new (TAIOU_NM_ERROR, TAIOU_NM_ERROR_FAILED,
                      _("NetworkManager could not switch the network off (%s). Please do it "
                        "by hand."), detail);
}

static void
return_explained (GTask        *task,
                  const GError *error)
{
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    g_task_return_error (task, g_error_copy (error));
  else
    g_task_return_error (task, explain_error (error));
}

static void
enable_done_cb (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(GError) error = NULL;

  if (taiou_nm_manager_call_enable_finish (TAIOU_NM_MANAGER (source), result, &error))
    g_task_return_int (task, TAIOU_NM_OUTCOME_DISABLED);
  /* Enable(false) when networking is off already is an error to NetworkManager, not to us. */
  else if (is_remote_error (error, NM_ERROR_ALREADY_DISABLED))
    g_task_return_int (task, TAIOU_NM_OUTCOME_ALREADY_OFF);
  else
    return_explained (task, error);
}

static void
proxy_ready_cb (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(TaiouNmManager) manager = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *owner = NULL;
  GCancellable *cancellable;

  manager = taiou_nm_manager_proxy_new_finish (result, &error);
  if (manager == NULL)
    {
      return_explained (task, error);
      return;
    }
  /* DO_NOT_AUTO_START below: a proxy without an owner fails its calls with a vague error. */
  owner = g_dbus_proxy_get_name_owner (G_DBUS_PROXY (manager));
  if (owner == NULL)
    {
      g_autoptr(GError) absent = g_error_new_literal (G_DBUS_ERROR,
                                                      G_DBUS_ERROR_NAME_HAS_NO_OWNER,
                                                      NM_BUS_NAME);

      return_explained (task, absent);
      return;
    }
  g_dbus_proxy_set_default_timeout (G_DBUS_PROXY (manager), CALL_TIMEOUT_MS);
  cancellable = g_task_get_cancellable (task);
  taiou_nm_manager_call_enable (manager, FALSE, cancellable, enable_done_cb,
                                g_steal_pointer (&task));
}

static void
bus_ready_cb (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(GDBusConnection) bus = NULL;
  g_autoptr(GError) error = NULL;
  GCancellable *cancellable = g_task_get_cancellable (task);

  if (g_task_get_task_data (task) != NULL)
    bus = g_dbus_connection_new_for_address_finish (result, &error);
  else
    bus = g_bus_get_finish (result, &error);
  if (bus == NULL)
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        g_task_return_error (task, g_steal_pointer (&error));
      else
        /* Without a system bus there is no NetworkManager to ask (a container, a minimal
         * install); the worker needs the same advice as when it is not running. */
        g_task_return_new_error (task, TAIOU_NM_ERROR, TAIOU_NM_ERROR_NOT_RUNNING,
                                 _("This computer has no system message bus, so there is no "
                                   "NetworkManager to switch the network off. Please do it by "
                                   "hand."));
      return;
    }
  /* Not auto-started: a NetworkManager started just for this would first bring the network
   * up.  Its properties and signals are not needed for one call. */
  taiou_nm_manager_proxy_new (bus,
                              G_DBUS_PROXY_FLAGS_DO_NOT_AUTO_START |
                              G_DBUS_PROXY_FLAGS_DO_NOT_LOAD_PROPERTIES |
                              G_DBUS_PROXY_FLAGS_DO_NOT_CONNECT_SIGNALS,
                              NM_BUS_NAME, NM_OBJECT_PATH, cancellable, proxy_ready_cb,
                              g_steal_pointer (&task));
}

/**
 * taiou_nm_disable_networking_async:
 *
 * Asks NetworkManager on the system bus (or on $TAIOU_NM_BUS_ADDRESS) to switch all
 * networking off.  Errors are in TAIOU_NM_ERROR, with a message for the worker, or
 * G_IO_ERROR_CANCELLED.
 */
void
taiou_nm_disable_networking_async (GCancellable        *cancellable,
                                   GAsyncReadyCallback  callback,
                                   gpointer             user_data)
{
  g_autoptr(GTask) task = g_task_new (NULL, cancellable, callback, user_data);
  const char *address = g_getenv (TAIOU_NM_BUS_ADDRESS_ENV);

  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  g_task_set_source_tag (task, taiou_nm_disable_networking_async);
  if (address != NULL && address[0] != '\0')
    {
      /* The task data says which finish function bus_ready_cb must call. */
      g_task_set_task_data (task, g_strdup (address), g_free);
      g_dbus_connection_new_for_address (address,
                                         G_DBUS_CONNECTION_FLAGS_AUTHENTICATION_CLIENT |
                                         G_DBUS_CONNECTION_FLAGS_MESSAGE_BUS_CONNECTION,
                                         NULL, cancellable, bus_ready_cb,
                                         g_steal_pointer (&task));
    }
  else
    g_bus_get (G_BUS_TYPE_SYSTEM, cancellable, bus_ready_cb, g_steal_pointer (&task));
}

/**
 * taiou_nm_disable_networking_finish:
 * @outcome: (out) (optional): whether networking was switched off now or was off already
 *
 * Returns: whether networking is off as far as NetworkManager is concerned
 */
gboolean
taiou_nm_disable_networking_finish (GAsyncResult    *result,
                                    TaiouNmOutcome  *outcome,
                                    GError         **error)
{
  gssize value;

  g_return_val_if_fail (g_task_is_valid (result, NULL), FALSE);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) ==
                        taiou_nm_disable_networking_async, FALSE);

  value = g_task_propagate_int (G_TASK (result), error);
  if (value < 0)
    return FALSE;
  if (outcome != NULL)
    *outcome = (TaiouNmOutcome) value;
  return TRUE;
}

/* Returns: the outcome's name in the record: "disabled", "already-off" */
const char *
taiou_nm_outcome_to_string (TaiouNmOutcome outcome)
{
  switch (outcome)
    {
    case TAIOU_NM_OUTCOME_DISABLED:
      return "disabled";
    case TAIOU_NM_OUTCOME_ALREADY_OFF:
      return "already-off";
    default:
      g_return_val_if_reached ("unknown");
    }
}

/* Returns: the name in the record of a failure: "not-running", "refused", "failed",
 * "cancelled" */
const char *
taiou_nm_error_to_string (const GError *error)
{
  g_return_val_if_fail (error != NULL, "failed");

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return "cancelled";
  if (g_error_matches (error, TAIOU_NM_ERROR, TAIOU_NM_ERROR_NOT_RUNNING))
    return "not-running";
  if (g_error_matches (error, TAIOU_NM_ERROR, TAIOU_NM_ERROR_REFUSED))
    return "refused";
  return "failed";
}
