/* test-nm-client.c — switching networking off through NetworkManager, against a NetworkManager
 * stand-in built from its real introspection XML on a private dbus-daemon */
#define G_LOG_DOMAIN "test-nm-client"

#include "config.h"

#include <glib/gstdio.h>
#include <string.h>

#include "taiou-nm-client.h"
#include "taiou-nm-dbus.h"
#include "taiou-test-nm.h"
#include "taiou-test-util.h"

typedef struct
{
  gboolean        done;
  gboolean        ok;
  TaiouNmOutcome  outcome;
  GError         *error;
} Attempt;

static void
attempt_done_cb (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  Attempt *attempt = user_data;

  attempt->ok = taiou_nm_disable_networking_finish (result, &attempt->outcome,
                                                    &attempt->error);
  attempt->done = TRUE;
}

/* Runs one request to the end, spinning the main loop the stand-in answers on. */
static Attempt
disable_networking (GCancellable *cancellable)
{
  Attempt attempt = { 0 };

  taiou_nm_disable_networking_async (cancellable, attempt_done_cb, &attempt);
  while (!attempt.done)
    g_main_context_iteration (NULL, TRUE);
  g_assert_true (attempt.ok == (attempt.error == NULL));
  return attempt;
}

/* The method the client calls is the one in NetworkManager's own XML: Enable(b) → (). */
static void
test_interface_is_networkmanagers (void)
{
  GDBusInterfaceInfo *info = taiou_nm_manager_interface_info ();
  GDBusMethodInfo *enable = g_dbus_interface_info_lookup_method (info, "Enable");

  g_assert_cmpstr (info->name, ==, "org.freedesktop.NetworkManager");
  g_assert_nonnull (enable);
  g_assert_nonnull (enable->in_args[0]);
  g_assert_cmpstr (enable->in_args[0]->signature, ==, "b");
  g_assert_null (enable->in_args[1]);
  g_assert_null (enable->out_args);
}

static void
test_disables_networking (void)
{
  g_autoptr(TaiouTestNm) nm = taiou_test_nm_start (TAIOU_TEST_NM_BUS_ALLOWS_ENABLE);
  Attempt attempt;

  taiou_test_nm_serve (nm, NULL);
  attempt = disable_networking (NULL);
  g_assert_no_error (attempt.error);
  g_assert_cmpint (attempt.outcome, ==, TAIOU_NM_OUTCOME_DISABLED);
  g_assert_cmpuint (taiou_test_nm_get_n_enable (nm), ==, 1);
  g_assert_false (taiou_test_nm_get_last_enable (nm));
  g_assert_false (taiou_test_nm_get_networking_enabled (nm));
  g_assert_cmpstr (taiou_nm_outcome_to_string (attempt.outcome), ==, "disabled");

  /* NetworkManager calls a second Enable(false) an error; for the worker it is done. */
  attempt = disable_networking (NULL);
  g_assert_no_error (attempt.error);
  g_assert_cmpint (attempt.outcome, ==, TAIOU_NM_OUTCOME_ALREADY_OFF);
  g_assert_cmpuint (taiou_test_nm_get_n_enable (nm), ==, 2);
  g_assert_cmpstr (taiou_nm_outcome_to_string (attempt.outcome), ==, "already-off");
}

/* NetworkManager's own refusal (polkit said no) and the bus policy's both read as refused. */
static void
test_permission_denied_is_refused (void)
{
  g_autoptr(TaiouTestNm) nm = taiou_test_nm_start (TAIOU_TEST_NM_BUS_ALLOWS_ENABLE);
  Attempt attempt;

  taiou_test_nm_serve (nm, "org.freedesktop.NetworkManager.PermissionDenied");
  attempt = disable_networking (NULL);
  g_assert_error (attempt.error, TAIOU_NM_ERROR, TAIOU_NM_ERROR_REFUSED);
  g_assert_nonnull (strstr (attempt.error->message, "Refused by the test"));
  g_assert_nonnull (strstr (attempt.error->message, "by hand"));
  g_assert_cmpstr (taiou_nm_error_to_string (attempt.error), ==, "refused");
  g_assert_cmpuint (taiou_test_nm_get_n_enable (nm), ==, 1);
  g_assert_true (taiou_test_nm_get_networking_enabled (nm));
  g_clear_error (&attempt.error);
}

static void
test_bus_access_denied_is_refused (void)
{
  g_autoptr(TaiouTestNm) nm = taiou_test_nm_start (TAIOU_TEST_NM_BUS_DENIES_ENABLE);
  Attempt attempt;

  taiou_test_nm_serve (nm, NULL);
  attempt = disable_networking (NULL);
  g_assert_error (attempt.error, TAIOU_NM_ERROR, TAIOU_NM_ERROR_REFUSED);
  /* The daemon refused it: NetworkManager never saw the call. */
  g_assert_cmpuint (taiou_test_nm_get_n_enable (nm), ==, 0);
  g_assert_true (taiou_test_nm_get_networking_enabled (nm));
  g_clear_error (&attempt.error);
}

static void
test_no_networkmanager_on_the_bus (void)
{
  g_autoptr(TaiouTestNm) nm = taiou_test_nm_start (TAIOU_TEST_NM_BUS_ALLOWS_ENABLE);
  Attempt attempt = disable_networking (NULL);

  g_assert_error (attempt.error, TAIOU_NM_ERROR, TAIOU_NM_ERROR_NOT_RUNNING);
  g_assert_nonnull (strstr (attempt.error->message, "not running"));
  g_assert_cmpstr (taiou_nm_error_to_string (attempt.error), ==, "not-running");
  g_clear_error (&attempt.error);
}

static void
test_no_bus_at_all (void)
{
  g_autofree char *dir = g_dir_make_tmp ("taiou-test-nobus-XXXXXX", NULL);
  g_autofree char *address = g_strdup_printf ("unix:path=%s/no-such-socket", dir);
  Attempt attempt;

  g_setenv (TAIOU_NM_BUS_ADDRESS_ENV, address, TRUE);
  attempt = disable_networking (NULL);
  g_unsetenv (TAIOU_NM_BUS_ADDRESS_ENV);
  g_rmdir (dir);
  g_assert_error (attempt.error, TAIOU_NM_ERROR, TAIOU_NM_ERROR_NOT_RUNNING);
  g_clear_error (&attempt.error);
}

/* Any other answer is a failure whose text is kept short, whatever the service sent. */
static void
test_other_error_is_failed (void)
{
  g_autoptr(TaiouTestNm) nm = taiou_test_nm_start (TAIOU_TEST_NM_BUS_ALLOWS_ENABLE);
  Attempt attempt;

  taiou_test_nm_serve (nm, "org.freedesktop.NetworkManager.Internal");
  attempt = disable_networking (NULL);
  g_assert_error (attempt.error, TAIOU_NM_ERROR, TAIOU_NM_ERROR_FAILED);
  g_assert_cmpstr (taiou_nm_error_to_string (attempt.error), ==, "failed");
  g_assert_cmpuint (strlen (attempt.error->message), <, 1000);
  g_clear_error (&attempt.error);
}

static void
test_cancelled (void)
{
  g_autoptr(TaiouTestNm) nm = taiou_test_nm_start (TAIOU_TEST_NM_BUS_ALLOWS_ENABLE);
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  Attempt attempt;

  taiou_test_nm_serve (nm, NULL);
  g_cancellable_cancel (cancellable);
  attempt = disable_networking (cancellable);
  g_assert_error (attempt.error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_cmpstr (taiou_nm_error_to_string (attempt.error), ==, "cancelled");
  g_assert_cmpuint (taiou_test_nm_get_n_enable (nm), ==, 0);
  g_clear_error (&attempt.error);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);
  taiou_i18n_init ();

  g_test_add_func ("/taiou/nm/interface-is-networkmanagers", test_interface_is_networkmanagers);
  g_test_add_func ("/taiou/nm/disables-networking", test_disables_networking);
  g_test_add_func ("/taiou/nm/permission-denied-is-refused", test_permission_denied_is_refused);
  g_test_add_func ("/taiou/nm/bus-access-denied-is-refused", test_bus_access_denied_is_refused);
  g_test_add_func ("/taiou/nm/no-networkmanager-on-the-bus", test_no_networkmanager_on_the_bus);
  g_test_add_func ("/taiou/nm/no-bus-at-all", test_no_bus_at_all);
  g_test_add_func ("/taiou/nm/other-error-is-failed", test_other_error_is_failed);
  g_test_add_func ("/taiou/nm/cancelled", test_cancelled);
  return g_test_run ();
}
