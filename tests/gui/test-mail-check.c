/* test-mail-check.c — the mail check window under Xvfb: verdict, reasons, record, errors */
#define G_LOG_DOMAIN "test-mail-check"

#include "config.h"

#include <string.h>

#include "mail/taiou-mail-check-window.h"
#include "taiou-test-gui.h"
#include "taiou-settings.h"
#include "taiou-test-util.h"
#include "taiou-window.h"

typedef struct
{
  char                 *db_path;
  TaiouTimeline        *timeline;
  TaiouIncident        *incident;
  GSettings            *settings;
  TaiouCase            *case_at_hand;
  TaiouMailCheckWindow *window;
  gboolean              checked;
} Fixture;

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  user_data)
{
  const char *domains[] = { "ourcorp.co.jp", NULL };
  const char *staff[] = { "山田 太郎", NULL };

  fixture->timeline = taiou_test_timeline_new (&fixture->db_path);
  fixture->incident = taiou_test_add_incident (fixture->timeline, "mail", 0);
  fixture->settings = g_settings_new (APP_ID);
  g_settings_set_strv (fixture->settings, "mail-domains", domains);
  g_settings_set_strv (fixture->settings, "staff-names", staff);
  /* As the app builds it: "us" follows Preferences, the incident is the one at hand. */
  fixture->case_at_hand = taiou_case_new (fixture->timeline, NULL);
  taiou_settings_bind_profile (fixture->settings, taiou_case_get_profile (fixture->case_at_hand),
                               TRUE);
  taiou_case_set_incident (fixture->case_at_hand, fixture->incident);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  user_data)
{
  if (fixture->window != NULL)
    gtk_window_destroy (GTK_WINDOW (fixture->window));
  g_settings_reset (fixture->settings, "mail-domains");
  g_settings_reset (fixture->settings, "staff-names");
  g_clear_object (&fixture->case_at_hand);
  g_clear_object (&fixture->settings);
  g_clear_object (&fixture->incident);
  g_clear_object (&fixture->timeline);
  g_free (fixture->db_path);
}

static void
checked_cb (TaiouMailCheckWindow *window,
            gpointer              user_data)
{
  Fixture *fixture = user_data;

  fixture->checked = TRUE;
}

static gboolean
is_checked (gpointer data)
{
  return ((Fixture *) data)->checked;
}

static GFile *
write_file (const char *name,
            const char *contents)
{
  g_autofree char *path = g_build_filename (g_get_user_data_dir (), name, NULL);

  g_assert_cmpint (g_mkdir_with_parents (g_get_user_data_dir (), 0700), ==, 0);
  g_assert_true (g_file_set_contents (path, contents, -1, NULL));
  return g_file_new_for_path (path);
}

static void
check (Fixture *fixture,
       GFile   *file)
{
  fixture->window = taiou_mail_check_window_new (NULL, fixture->case_at_hand);
  g_signal_connect (fixture->window, "checked", G_CALLBACK (checked_cb), fixture);
  gtk_window_present (GTK_WINDOW (fixture->window));
  taiou_test_wait_until_mapped (GTK_WIDGET (fixture->window));
  g_assert_cmpstr (taiou_mail_check_window_get_page_name (fixture->window), ==, "empty");
  taiou_mail_check_window_check_file (fixture->window, file);
  taiou_test_wait_for (is_checked, fixture);
}

static void
test_spoofed_mail (Fixture       *fixture,
                   gconstpointer  user_data)
{
  g_autoptr(GFile) file = write_file ("spoof.eml",
                                      "From: =?UTF-8?B?5bGx55SwIOWkqumDjg==?= <yamada@hacked.example>\r\n"
                                      "Subject: invoice\r\nDate: Mon, 23 Nov 2026 10:00:00 +0900\r\n"
                                      "Content-Type: text/plain; charset=UTF-8\r\n\r\n"
                                      "Please see the invoice at http://192.0.2.7/invoice.zip\r\n");
  g_autoptr(GPtrArray) events = NULL;
  TaiouMailReport *report;
  TaiouFinding *first;

  check (fixture, file);
  g_assert_cmpstr (taiou_mail_check_window_get_page_name (fixture->window), ==, "result");
  report = taiou_mail_check_window_get_report (fixture->window);
  g_assert_nonnull (report);
  g_assert_cmpint (report->verdict, ==, TAIOU_MAIL_VERDICT_DANGEROUS);
  first = report->findings->pdata[0];
  g_assert_cmpstr (first->rule_id, ==, "mail.display-name-spoof");
  /* The reasons are rows the worker can read, in the locale's language. */
  g_assert_nonnull (taiou_test_find_row (GTK_WIDGET (fixture->window), first->reason_en));
  g_assert_nonnull (taiou_test_find_row (GTK_WIDGET (fixture->window), "Subject"));

  events = taiou_timeline_list_events (fixture->timeline,
                                       taiou_incident_get_id (fixture->incident), NULL);
  g_assert_cmpstr (taiou_event_get_kind (events->pdata[events->len - 1]), ==, "mail.triage");
}

static void
test_not_a_mail (Fixture       *fixture,
                 gconstpointer  user_data)
{
  g_autoptr(GFile) file = write_file ("picture.png", "\x89PNG\r\n");

  check (fixture, file);
  g_assert_cmpstr (taiou_mail_check_window_get_page_name (fixture->window), ==, "error");
  g_assert_null (taiou_mail_check_window_get_report (fixture->window));
}

static void
test_start_screen_opens_it (Fixture       *fixture,
                            gconstpointer  user_data)
{
  TaiouWindow *main_window = taiou_window_new (NULL, fixture->case_at_hand);
  GtkWidget *button;

  gtk_window_present (GTK_WINDOW (main_window));
  taiou_test_wait_until_mapped (GTK_WIDGET (main_window));
  button = taiou_test_find_button (GTK_WIDGET (main_window), "window.check-mail");
  g_assert_nonnull (button);
  g_assert_cmpstr (gtk_button_get_label (GTK_BUTTON (button)), ==, "Check a Suspicious Mail");
  taiou_test_click (button);
  gtk_window_destroy (taiou_test_wait_for_window (TAIOU_TYPE_MAIL_CHECK_WINDOW));
  gtk_window_destroy (GTK_WINDOW (main_window));
}

static void
test_skipped (void)
{
  g_test_skip ("no display; see the message above");
}

#define ADD_TEST(path, func) \
  g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

int
main (int    argc,
      char **argv)
{
  if (!taiou_test_gui_init (&argc, &argv, FALSE))
    {
      g_test_add_func ("/taiou/gui/mail-check/skipped", test_skipped);
      return g_test_run ();
    }
  taiou_i18n_init ();

  ADD_TEST ("/taiou/gui/mail-check/spoofed-mail", test_spoofed_mail);
  ADD_TEST ("/taiou/gui/mail-check/not-a-mail", test_not_a_mail);
  ADD_TEST ("/taiou/gui/mail-check/start-screen-opens-it", test_start_screen_opens_it);
  return g_test_run ();
}
