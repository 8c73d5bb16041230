/* taiou-probe-linux.h — what is running and starting on this Linux computer */
#pragma once

#include <gio/gio.h>

#include "taiou-host-snapshot.h"

G_BEGIN_DECLS

/* Where the probe looks; NULL fields mean the running system's own places.  Tests point them
 * at a fake tree. */
typedef struct
{
  const char *proc_root;          /* "/proc" */
  const char *config_home;        /* $XDG_CONFIG_HOME (autostart/, systemd/user/) */
  const char *system_config_dir;  /* "/etc" (xdg/autostart/, systemd/user/) */
  const char *crontab_dir;        /* "/var/spool/cron/crontabs" */
  const char *hostname;           /* g_get_host_name () */
} TaiouProbeLinuxPaths;

TaiouHostSnapshot *taiou_probe_linux_run (const TaiouProbeLinuxPaths  *paths,
                                          GCancellable                *cancellable,
                                          GError                     **error);

G_END_DECLS
