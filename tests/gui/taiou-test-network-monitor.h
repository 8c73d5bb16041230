/* taiou-test-network-monitor.h — a GNetworkMonitor whose connectivity the test sets */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

#define TAIOU_TYPE_TEST_NETWORK_MONITOR (taiou_test_network_monitor_get_type ())
G_DECLARE_FINAL_TYPE (TaiouTestNetworkMonitor, taiou_test_network_monitor, TAIOU,
                      TEST_NETWORK_MONITOR, GObject)

GNetworkMonitor *taiou_test_network_monitor_new       (GNetworkConnectivity     connectivity);
void             taiou_test_network_monitor_set       (TaiouTestNetworkMonitor *self,
                                                       GNetworkConnectivity     connectivity);

G_END_DECLS
