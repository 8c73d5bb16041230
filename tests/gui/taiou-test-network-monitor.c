/* taiou-test-network-monitor.c — a GNetworkMonitor whose connectivity the test sets
 *
 * What GIO's default monitor reports depends on the machine the tests run on (a CI container
 * may have no default route at all), and the test must watch a network go away.  GIO's own
 * settable monitor (GNetworkMonitorBase) has no installed header, so this one implements the
 * public interface: LOCAL connectivity means no network, as GIO's monitors report it.
 */
#define G_LOG_DOMAIN "taiou-test-gui"

#include "config.h"

#include "taiou-test-network-monitor.h"

struct _TaiouTestNetworkMonitor
{
  GObject               parent_instance;
  GNetworkConnectivity  connectivity;
};

static void taiou_test_network_monitor_iface_init (GNetworkMonitorInterface *iface);
static void taiou_test_network_monitor_initable_init (GInitableIface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (TaiouTestNetworkMonitor, taiou_test_network_monitor,
                               G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_INITABLE,
                                                      taiou_test_network_monitor_initable_init)
                               G_IMPLEMENT_INTERFACE (G_TYPE_NETWORK_MONITOR,
                                                      taiou_test_network_monitor_iface_init))

enum {
  PROP_0,
  PROP_NETWORK_AVAILABLE,
  PROP_NETWORK_METERED,
  PROP_CONNECTIVITY,
};

static gboolean
initable_init (GInitable     *initable,
               GCancellable  *cancellable,
               GError       **error)
{
  return TRUE;
}

static void
taiou_test_network_monitor_initable_init (GInitableIface *iface)
{
  iface->init = initable_init;
}

static gboolean
can_reach (GNetworkMonitor     *monitor,
           GSocketConnectable  *connectable,
           GCancellable        *cancellable,
           GError             **error)
{
  if (TAIOU_TEST_NETWORK_MONITOR (monitor)->connectivity == G_NETWORK_CONNECTIVITY_LOCAL)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_NETWORK_UNREACHABLE,
                           "No network (test)");
      return FALSE;
    }
  return TRUE;
}

static void
taiou_test_network_monitor_iface_init (GNetworkMonitorInterface *iface)
{
  iface->can_reach = can_reach;
}

static void
taiou_test_network_monitor_get_property (GObject    *object,
                                         guint       prop_id,
                                         GValue     *value,
                                         GParamSpec *pspec)
{
  TaiouTestNetworkMonitor *self = TAIOU_TEST_NETWORK_MONITOR (object);

  switch (prop_id)
    {
    case PROP_NETWORK_AVAILABLE:
      g_value_set_boolean (value, self->connectivity != G_NETWORK_CONNECTIVITY_LOCAL);
      break;
    case PROP_NETWORK_METERED:
      g_value_set_boolean (value, FALSE);
      break;
    case PROP_CONNECTIVITY:
      g_value_set_enum (value, self->connectivity);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
taiou_test_network_monitor_class_init (TaiouTestNetworkMonitorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->get_property = taiou_test_network_monitor_get_property;
  g_object_class_override_property (object_class, PROP_NETWORK_AVAILABLE, "network-available");
  g_object_class_override_property (object_class, PROP_NETWORK_METERED, "network-metered");
  g_object_class_override_property (object_class, PROP_CONNECTIVITY, "connectivity");
}

static void
taiou_test_network_monitor_init (TaiouTestNetworkMonitor *self)
{
  self->connectivity = G_NETWORK_CONNECTIVITY_FULL;
}

GNetworkMonitor *
taiou_test_network_monitor_new (GNetworkConnectivity connectivity)
{
  TaiouTestNetworkMonitor *self = g_object_new (TAIOU_TYPE_TEST_NETWORK_MONITOR, NULL);

  self->connectivity = connectivity;
  return G_NETWORK_MONITOR (self);
}

/* Changes what the monitor reports, with the notifications and signal GIO's monitors give. */
void
taiou_test_network_monitor_set (TaiouTestNetworkMonitor *self,
                                GNetworkConnectivity     connectivity)
{
  gboolean was_available = self->connectivity != G_NETWORK_CONNECTIVITY_LOCAL;
  gboolean available = connectivity != G_NETWORK_CONNECTIVITY_LOCAL;

  if (connectivity == self->connectivity)
    return;
  self->connectivity = connectivity;
  g_object_notify (G_OBJECT (self), "connectivity");
  if (available != was_available)
    g_object_notify (G_OBJECT (self), "network-available");
  g_signal_emit_by_name (self, "network-changed", available);
}
