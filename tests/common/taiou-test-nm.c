/* taiou-test-nm.c — a private D-Bus bus with a NetworkManager stand-in on it, for the tests
 *
 * The disconnect step talks to NetworkManager on the system bus, which a test must not touch
 * (it would cut the machine off) and cannot own.  So each test starts a real dbus-daemon of
 * its own with a minimal configuration (no service activation, so a missing NetworkManager
 * stays missing), points $TAIOU_NM_BUS_ADDRESS at it, and, when the test wants one, serves
 * NetworkManager's interface there through the skeleton gdbus-codegen made from
 * NetworkManager's real introspection XML.  Like the real one, the stand-in answers
 * Enable(false) while networking is off with AlreadyEnabledOrDisabled.
 */
#define G_LOG_DOMAIN "taiou-test-nm"

#include "config.h"

#include <glib/gstdio.h>
#include <signal.h>
#include <sys/prctl.h>

#include "taiou-nm-client.h"
#include "taiou-nm-dbus.h"
#include "taiou-test-nm.h"

#define NM_ERROR_ALREADY_DISABLED "org.freedesktop.NetworkManager.AlreadyEnabledOrDisabled"

struct _TaiouTestNm
{
  GSubprocess     *daemon;
  char            *config_dir;
  char            *config_path;
  char            *address;
  GDBusConnection *service_bus;
  TaiouNmManager  *manager;
  char            *enable_error;
  guint            n_enable;
  gboolean         last_enable;
};

static void
die_with_parent (gpointer user_data)
{
  prctl (PR_SET_PDEATHSIG, SIGTERM);
}

static char *
bus_config (TaiouTestNmBusFlags flags)
{
  const char *deny = (flags & TAIOU_TEST_NM_BUS_DENIES_ENABLE)
                     ? "    <deny send_destination=\"org.freedesktop.NetworkManager\"\n"
                       "          send_interface=\"org.freedesktop.NetworkManager\"\n"
                       "          send_member=\"Enable\"/>\n"
                     : "";

  return g_strdup_printf ("<!DOCTYPE busconfig PUBLIC\n"
                          " \"-//freedesktop//DTD D-Bus Bus Configuration 1.0//EN\"\n"
                          " \"http://www.freedesktop.org/standards/dbus/1.0/"
                          "busconfig.dtd\">\n"
                          "<busconfig>\n"
                          "  <type>session</type>\n"
                          "  <listen>unix:tmpdir=%s</listen>\n"
                          "  <auth>EXTERNAL</auth>\n"
                          "  <policy context=\"default\">\n"
                          "    <allow send_destination=\"*\" eavesdrop=\"true\"/>\n"
                          "    <allow eavesdrop=\"true\"/>\n"
                          "    <allow own=\"*\"/>\n"
                          "%s"
                          "  </policy>\n"
                          "</busconfig>\n", g_get_tmp_dir (), deny);
}

/**
 * taiou_test_nm_start:
 *
 * Starts a private dbus-daemon and sets $TAIOU_NM_BUS_ADDRESS to it.  Nothing owns
 * NetworkManager's name there until taiou_test_nm_serve().
 */
TaiouTestNm *
taiou_test_nm_start (TaiouTestNmBusFlags flags)
{
  TaiouTestNm *self = g_new0 (TaiouTestNm, 1);
  g_autoptr(GSubprocessLauncher) launcher = NULL;
  g_autoptr(GDataInputStream) output = NULL;
  g_autofree char *config = bus_config (flags);
  g_autoptr(GError) error = NULL;
  g_autofree char *program = g_find_program_in_path ("dbus-daemon");

  if (program == NULL)
    g_error ("dbus-daemon is missing: install the dbus-daemon package");
  self->config_dir = g_dir_make_tmp ("taiou-test-nm-XXXXXX", &error);
  g_assert_no_error (error);
  self->config_path = g_build_filename (self->config_dir, "bus.conf", NULL);
  g_file_set_contents (self->config_path, config, -1, &error);
  g_assert_no_error (error);

  launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE);
  g_subprocess_launcher_set_child_setup (launcher, die_with_parent, NULL, NULL);
  self->daemon = g_subprocess_launcher_spawn (launcher, &error, program, "--nofork",
                                              "--nopidfile", "--print-address=1",
                                              "--config-file", self->config_path, NULL);
  g_assert_no_error (error);

  output = g_data_input_stream_new (g_subprocess_get_stdout_pipe (self->daemon));
  self->address = g_data_input_stream_read_line (output, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (self->address);
  g_strstrip (self->address);
  g_setenv (TAIOU_NM_BUS_ADDRESS_ENV, self->address, TRUE);
  return self;
}

static gboolean
handle_enable_cb (TaiouNmManager        *manager,
                  GDBusMethodInvocation *invocation,
                  gboolean               enable,
                  gpointer               user_data)
{
  TaiouTestNm *self = user_data;

  self->n_enable++;
  self->last_enable = enable;
  if (self->enable_error != NULL)
    g_dbus_method_invocation_return_dbus_error (invocation, self->enable_error,
                                                "Refused by the test");
  else if (enable == taiou_nm_manager_get_networking_enabled (manager))
    g_dbus_method_invocation_return_dbus_error (invocation, NM_ERROR_ALREADY_DISABLED,
                                                enable ? "Already enabled"
                                                       : "Already disabled");
  else
    {
      taiou_nm_manager_set_networking_enabled (manager, enable);
      taiou_nm_manager_complete_enable (manager, invocation);
    }
  return G_DBUS_METHOD_INVOCATION_HANDLED;
}

/**
 * taiou_test_nm_serve:
 * @enable_error: (nullable): the D-Bus error every Enable call gets, or %NULL to obey
 *
 * Owns org.freedesktop.NetworkManager on the private bus and serves the Manager interface at
 * /org/freedesktop/NetworkManager, with networking on.
 */
void
taiou_test_nm_serve (TaiouTestNm *self,
                     const char  *enable_error)
{
  g_autoptr(GVariant) reply = NULL;
  g_autoptr(GError) error = NULL;
  guint32 result;

  g_assert_null (self->manager);
  self->enable_error = g_strdup (enable_error);
  self->service_bus = g_dbus_connection_new_for_address_sync (
    self->address,
    G_DBUS_CONNECTION_FLAGS_AUTHENTICATION_CLIENT |
    G_DBUS_CONNECTION_FLAGS_MESSAGE_BUS_CONNECTION,
    NULL, NULL, &error);
  g_assert_no_error (error);

  self->manager = taiou_nm_manager_skeleton_new ();
  taiou_nm_manager_set_networking_enabled (self->manager, TRUE);
  g_signal_connect (self->manager, "handle-enable", G_CALLBACK (handle_enable_cb), self);
  g_dbus_interface_skeleton_export (G_DBUS_INTERFACE_SKELETON (self->manager),
                                    self->service_bus, "/org/freedesktop/NetworkManager",
                                    &error);
  g_assert_no_error (error);

  /* 4: DBUS_NAME_FLAG_DO_NOT_QUEUE; 1: DBUS_REQUEST_NAME_REPLY_PRIMARY_OWNER */
  reply = g_dbus_connection_call_sync (self->service_bus, "org.freedesktop.DBus",
                                       "/org/freedesktop/DBus", "org.freedesktop.DBus",
                                       "RequestName",
                                       g_variant_new ("(su)", "org.freedesktop.NetworkManager",
                                                      4),
                                       G_VARIANT_TYPE ("(u)"), G_DBUS_CALL_FLAGS_NONE, -1,
                                       NULL, &error);
  g_assert_no_error (error);
  g_variant_get (reply, "(u)", &result);
  g_assert_cmpuint (result, ==, 1);
}

guint
taiou_test_nm_get_n_enable (TaiouTestNm *self)
{
  return self->n_enable;
}

gboolean
taiou_test_nm_get_last_enable (TaiouTestNm *self)
{
  return self->last_enable;
}

gboolean
taiou_test_nm_get_networking_enabled (TaiouTestNm *self)
{
  g_assert_nonnull (self->manager);
  return taiou_nm_manager_get_networking_enabled (self->manager);
}

const char *
taiou_test_nm_get_address (TaiouTestNm *self)
{
  return self->address;
}

/* Stops the bus and forgets $TAIOU_NM_BUS_ADDRESS. */
void
taiou_test_nm_stop (TaiouTestNm *self)
{
  if (self->manager != NULL)
    g_dbus_interface_skeleton_unexport (G_DBUS_INTERFACE_SKELETON (self->manager));
  g_clear_object (&self->manager);
  if (self->service_bus != NULL)
    g_dbus_connection_close_sync (self->service_bus, NULL, NULL);
  g_clear_object (&self->service_bus);
  g_subprocess_force_exit (self->daemon);
  g_subprocess_wait (self->daemon, NULL, NULL);
  g_clear_object (&self->daemon);
  g_unsetenv (TAIOU_NM_BUS_ADDRESS_ENV);
  g_unlink (self->config_path);
  g_rmdir (self->config_dir);
  g_free (self->config_path);
  g_free (self->config_dir);
  g_free (self->address);
  g_free (self->enable_error);
  g_free (self);
}
