/* test-feeds-auth-key.c — the abuse.ch Auth-Key in a real Secret Service
 *
 * A private session bus (GTestDBus) and gnome-keyring-daemon on it, with a keyring in a
 * temporary folder unlocked by a throwaway password: the key is stored, found, replaced and
 * removed through libsecret, as the app and the CLI do it.  Skipped where gnome-keyring is not
 * installed (build-aux/taiou-dev installs it).
 */
#include "config.h"

#include <glib/gstdio.h>
#include <libsecret/secret.h>
#include <string.h>

#include "taiou.h"

static gboolean
start_keyring (GTestDBus *bus)
{
  g_autofree char *dir = g_dir_make_tmp ("taiou-keyring-XXXXXX", NULL);
  g_autofree char *data = g_build_filename (dir, "data", NULL);
  g_autofree char *runtime = g_build_filename (dir, "run", NULL);
  g_autoptr(GSubprocessLauncher) launcher = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) password = g_bytes_new_static ("test-password", 13);
  g_autoptr(GSubprocess) keyring = NULL;
  GOutputStream *stdin_pipe;

  g_autofree char *keyring_daemon = g_find_program_in_path ("gnome-keyring-daemon");
  g_autofree char *dbus_daemon = g_find_program_in_path ("dbus-daemon");

  if (keyring_daemon == NULL || dbus_daemon == NULL)
    return FALSE;
  g_assert_cmpint (g_mkdir_with_parents (data, 0700), ==, 0);
  g_assert_cmpint (g_mkdir_with_parents (runtime, 0700), ==, 0);
  g_setenv ("HOME", dir, TRUE);
  g_setenv ("XDG_DATA_HOME", data, TRUE);
  g_setenv ("XDG_RUNTIME_DIR", runtime, TRUE);
  g_test_dbus_up (bus);

  launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDIN_PIPE |
                                        G_SUBPROCESS_FLAGS_STDOUT_SILENCE);
  /* The suite's strictness is for our code: gnome-keyring's own warnings must not kill it. */
  g_subprocess_launcher_unsetenv (launcher, "G_DEBUG");
  g_subprocess_launcher_unsetenv (launcher, "MALLOC_CHECK_");
  g_subprocess_launcher_unsetenv (launcher, "MALLOC_PERTURB_");
  /* It forks the daemon and exits; the daemon leaves with the private bus (g_test_dbus_down). */
  keyring = g_subprocess_launcher_spawn (launcher, &error, "gnome-keyring-daemon", "--unlock",
                                         "--components=secrets", NULL);
  g_assert_no_error (error);
  stdin_pipe = g_subprocess_get_stdin_pipe (keyring);
  g_output_stream_write_bytes (stdin_pipe, password, NULL, &error);
  g_assert_no_error (error);
  g_output_stream_close (stdin_pipe, NULL, NULL);
  g_subprocess_wait_check (keyring, NULL, &error);
  g_assert_no_error (error);
  g_clear_object (&keyring);
  return TRUE;
}

/* The daemon takes a moment to own its name; the first call may come too early. */
static char *
lookup_when_ready (void)
{
  for (guint attempt = 0; attempt < 100; attempt++)
    {
      g_autoptr(GError) error = NULL;
      char *key = taiou_feeds_auth_key_lookup (NULL, &error);

      if (error == NULL)
        return key;
      g_usleep (50 * 1000);
    }
  g_assert_not_reached ();
  return NULL;
}

static void
stored_cb (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  gboolean *done = user_data;
  g_autoptr(GError) error = NULL;

  gboolean ok = taiou_feeds_auth_key_store_finish (result, &error);

  g_assert_no_error (error);
  g_assert_true (ok);
  *done = TRUE;
}

static void
test_store_lookup_clear (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *none = lookup_when_ready ();
  g_autofree char *found = NULL;
  g_autofree char *replaced = NULL;
  g_autofree char *gone = NULL;
  gboolean done = FALSE;

  g_assert_null (none);
  g_assert_true (taiou_feeds_auth_key_store ("key-1", NULL, &error));
  g_assert_no_error (error);
  found = taiou_feeds_auth_key_lookup (NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (found, ==, "key-1");

  /* The app's way: asynchronous, one item replaced rather than a second added. */
  taiou_feeds_auth_key_store_async ("key-2", NULL, stored_cb, &done);
  while (!done)
    g_main_context_iteration (NULL, TRUE);
  replaced = taiou_feeds_auth_key_lookup (NULL, &error);
  g_assert_cmpstr (replaced, ==, "key-2");

  /* Emptied in Preferences: removed; removing again is not an error. */
  done = FALSE;
  taiou_feeds_auth_key_store_async ("", NULL, stored_cb, &done);
  while (!done)
    g_main_context_iteration (NULL, TRUE);
  gone = taiou_feeds_auth_key_lookup (NULL, &error);
  g_assert_no_error (error);
  g_assert_null (gone);
  g_assert_true (taiou_feeds_auth_key_clear (NULL, &error));
  g_assert_no_error (error);
}

static void
test_skipped (void)
{
  g_test_skip ("gnome-keyring-daemon or dbus-daemon is not installed");
}

int
main (int    argc,
      char **argv)
{
  /* Not unreffed: finalizing it would wait for the connection libsecret keeps (see below). */
  GTestDBus *bus;
  int status;

  g_test_init (&argc, &argv, NULL);
  bus = g_test_dbus_new (G_TEST_DBUS_NONE);
  if (!start_keyring (bus))
    {
      g_test_add_func ("/feeds-auth-key/skipped", test_skipped);
      return g_test_run ();
    }
  g_test_add_func ("/feeds-auth-key/store-lookup-clear", test_store_lookup_clear);
  status = g_test_run ();
  /* libsecret keeps the bus connection for the life of the process, so the bus is stopped
   * without waiting for that connection to be freed (g_test_dbus_down would). */
  secret_service_disconnect ();
  g_test_dbus_stop (bus);
  return status;
}
