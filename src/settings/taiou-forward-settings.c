/* taiou-forward-settings.c — Preferences' syslog forwarding keys, for the app and the CLI
 *
 * libtaiou's forwarder takes a TaiouForwardDestination and never names the schema; this file
 * reads one from Preferences, and keeps the app's runner in step with them while it runs.
 */
#define G_LOG_DOMAIN "taiou-settings"

#include "config.h"

#include "taiou-forward-settings.h"

/**
 * taiou_forward_settings_dup_destination:
 *
 * Returns: (transfer full) (nullable): the collector Preferences name, whether or not
 *   forwarding is on; NULL with @error when none is set or the host or port cannot work
 */
TaiouForwardDestination *
taiou_forward_settings_dup_destination (GSettings  *settings,
                                        GError    **error)
{
  g_autofree char *host = NULL;
  g_autofree char *ca_file = NULL;

  g_return_val_if_fail (G_IS_SETTINGS (settings), NULL);

  host = g_settings_get_string (settings, TAIOU_SETTINGS_FORWARD_HOST);
  ca_file = g_settings_get_string (settings, TAIOU_SETTINGS_FORWARD_CA_FILE);
  return taiou_forward_destination_new (host,
                                        g_settings_get_int (settings,
                                                            TAIOU_SETTINGS_FORWARD_PORT),
                                        g_settings_get_boolean (settings,
                                                                TAIOU_SETTINGS_FORWARD_TLS),
                                        ca_file, error);
}

static void
forward_settings_changed_cb (GSettings          *settings,
                             const char         *key,
                             TaiouForwardRunner *runner)
{
  g_autoptr(TaiouForwardDestination) destination = NULL;
  g_autoptr(GError) error = NULL;

  if (key != NULL && !g_str_has_prefix (key, "forward-"))
    return;
  if (g_settings_get_boolean (settings, TAIOU_SETTINGS_FORWARD_ENABLED))
    {
      destination = taiou_forward_settings_dup_destination (settings, &error);
      if (destination == NULL)
        g_debug ("Forwarding is on but cannot work: %s", error->message);
    }
  taiou_forward_runner_set_destination (runner, destination);
}

/* Starts, changes and stops @runner as Preferences change, until @runner is finalized. */
void
taiou_forward_settings_bind_runner (GSettings          *settings,
                                    TaiouForwardRunner *runner)
{
  g_return_if_fail (G_IS_SETTINGS (settings));
  g_return_if_fail (TAIOU_IS_FORWARD_RUNNER (runner));

  g_signal_connect_object (settings, "changed", G_CALLBACK (forward_settings_changed_cb), runner,
                           G_CONNECT_DEFAULT);
  forward_settings_changed_cb (settings, NULL, runner);
}
