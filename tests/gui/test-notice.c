/* test-notice.c — the notice editor under Xvfb: prefilled form, live preview, missing fields,
 * Bcc batches written to disk, the record, and the ways in (start screen, wizard step) */
#define G_LOG_DOMAIN "test-notice"

#include "config.h"

#include <glib/gstdio.h>
#include <string.h>

#include "notice/taiou-notice-fields.h"
#include "notice/taiou-notice-recipients-group.h"
#include "notice/taiou-notice-window.h"
#include "taiou-test-gui.h"
#include "taiou-settings.h"
#include "taiou-test-util.h"
#include "taiou-window.h"

typedef struct
{
  char              *db_path;
  TaiouTimeline     *timeline;
  TaiouIncident     *incident;
  GSettings         *settings;
  TaiouCase         *case_at_hand;
  TaiouNoticeWindow *window;
} Fixture;

static const char * const settings_keys[] = {
  "mail-domains", "organization-name", "it-manager-name", "it-manager-phone",
  "it-manager-department", "notice-sender",
};

/* A mail the mail check caught wearing our colleague's name. */
static void
add_spoofed_mail_event (Fixture *fixture)
{
  g_autoptr(JsonObject) detail = json_object_new ();
  g_autoptr(JsonObject) finding = json_object_new ();
  g_autoptr(TaiouEvent) event = NULL;
  g_autoptr(GError) error = NULL;
  JsonArray *findings = json_array_new ();

  json_object_set_string_member (finding, "rule", "mail.display-name-spoof");
  json_array_add_object_element (findings, json_object_ref (finding));
  json_object_set_string_member (detail, "from_name", "営業部 山田太郎");
  json_object_set_string_member (detail, "from_address", "yamada@hacked.example");
  json_object_set_array_member (detail, "findings", findings);
  event = taiou_timeline_append (fixture->timeline, taiou_incident_get_id (fixture->incident),
                                 "mail.triage", NULL, "危険なメール", detail, &error);
  g_assert_no_error (error);
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  user_data)
{
  const char *domains[] = { "ourcorp.co.jp", NULL };

  fixture->timeline = taiou_test_timeline_new (&fixture->db_path);
  fixture->incident = taiou_test_add_incident (fixture->timeline, "notice", 0);
  add_spoofed_mail_event (fixture);
  fixture->settings = g_settings_new (APP_ID);
  g_settings_set_strv (fixture->settings, "mail-domains", domains);
  g_settings_set_string (fixture->settings, "organization-name", "株式会社アワ商事");
  g_settings_set_string (fixture->settings, "it-manager-name", "鈴木 一郎");
  g_settings_set_string (fixture->settings, "it-manager-phone", "03-1234-5678");
  g_settings_set_string (fixture->settings, "notice-sender", "soumu@ourcorp.co.jp");
  /* As the app builds it: "us" follows Preferences. */
  fixture->case_at_hand = taiou_case_new (fixture->timeline, NULL);
  taiou_settings_bind_profile (fixture->settings, taiou_case_get_profile (fixture->case_at_hand),
                               TRUE);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  user_data)
{
  if (fixture->window != NULL)
    gtk_window_destroy (GTK_WINDOW (fixture->window));
  for (gsize i = 0; i < G_N_ELEMENTS (settings_keys); i++)
    g_settings_reset (fixture->settings, settings_keys[i]);
  g_clear_object (&fixture->case_at_hand);
  g_clear_object (&fixture->settings);
  g_clear_object (&fixture->incident);
  g_clear_object (&fixture->timeline);
  g_free (fixture->db_path);
}

static void
open_editor (Fixture    *fixture,
             const char *template_name)
{
  fixture->window = taiou_notice_window_new (NULL, fixture->case_at_hand, fixture->incident,
                                             template_name);
  gtk_window_present (GTK_WINDOW (fixture->window));
  taiou_test_wait_until_mapped (GTK_WIDGET (fixture->window));
}

static char *
expected_discovery_date (Fixture *fixture)
{
  g_autoptr(GDateTime) utc = g_date_time_new_from_unix_utc (
    taiou_incident_get_discovered_us (fixture->incident) / G_USEC_PER_SEC);
  g_autoptr(GDateTime) local = g_date_time_to_local (utc);

  return taiou_notice_format_date (local);
}

static gboolean
action_enabled (Fixture    *fixture,
                const char *action)
{
  GtkWidget *button = taiou_test_find_button (GTK_WIDGET (fixture->window), action);

  g_assert_nonnull (button);
  return gtk_widget_get_sensitive (button) && gtk_widget_get_visible (button);
}

static void
test_prefilled_with_missing_field (Fixture       *fixture,
                                   gconstpointer  user_data)
{
  g_autofree char *date = expected_discovery_date (fixture);
  g_autofree char *preview = NULL;

  open_editor (fixture, "partner-warning");
  g_assert_cmpstr (taiou_notice_window_get_template (fixture->window), ==, "partner-warning");
  preview = taiou_notice_window_get_preview (fixture->window);
  /* What the incident and Preferences know is in the letter already … */
  g_assert_nonnull (strstr (preview, "件名：【重要】"));
  g_assert_nonnull (strstr (preview, "株式会社アワ商事でございます。"));
  g_assert_nonnull (strstr (preview, date));
  g_assert_nonnull (strstr (preview, "・ourcorp.co.jp"));
  g_assert_nonnull (strstr (preview, "・営業部 山田太郎"));
  g_assert_nonnull (strstr (preview, "鈴木 一郎"));
  /* … the department is not, and shows as missing, never as a blank. */
  g_assert_nonnull (strstr (preview, "[not filled in: Contact: department]"));
  g_assert_cmpstr (taiou_notice_window_get_problem (fixture->window), ==,
                   "Still to fill in: Contact: department");
  g_assert_null (taiou_notice_window_get_text (fixture->window));
  g_assert_false (action_enabled (fixture, "notice.copy-body"));

  taiou_notice_window_set_value (fixture->window, "contact_department", "総務部");
  g_assert_cmpstr (taiou_notice_window_get_problem (fixture->window), ==, "");
  g_assert_nonnull (taiou_notice_window_get_text (fixture->window));
  g_assert_nonnull (strstr (taiou_notice_window_get_text (fixture->window)->body,
                            "株式会社アワ商事　総務部"));
  g_assert_true (action_enabled (fixture, "notice.copy-body"));
  /* No recipients yet: nothing to save as mail files, and the window says so. */
  g_assert_false (action_enabled (fixture, "notice.save-eml"));
  g_assert_cmpstr (taiou_notice_window_get_action_hint (fixture->window), ==,
                   "To save the mail files, add the recipients above.");
}

static void
test_line_break_is_refused (Fixture       *fixture,
                            gconstpointer  user_data)
{
  open_editor (fixture, "partner-warning");
  taiou_notice_window_set_value (fixture->window, "contact_department", "総務部");
  taiou_notice_window_set_value (fixture->window, "contact_phone", "03-1234-5678\u2028Bcc: x@y");
  g_assert_cmpstr (taiou_notice_window_get_problem (fixture->window), ==,
                   "Line breaks and control characters cannot go in: Contact: phone");
  g_assert_null (taiou_notice_window_get_text (fixture->window));
}

static int
compare_paths (gconstpointer a,
               gconstpointer b)
{
  return g_strcmp0 (*(const char * const *) a, *(const char * const *) b);
}

/* The files of one save: partner-warning-YYYYmmdd-HHMMSS-NNN.eml, in order. */
static GPtrArray *
list_eml_files (const char *folder)
{
  g_autoptr(GDir) dir = g_dir_open (folder, 0, NULL);
  GPtrArray *paths = g_ptr_array_new_with_free_func (g_free);
  const char *name;

  g_assert_nonnull (dir);
  while ((name = g_dir_read_name (dir)) != NULL)
    {
      g_assert_true (g_str_has_prefix (name, "partner-warning-2"));
      g_assert_true (g_str_has_suffix (name, ".eml"));
      g_ptr_array_add (paths, g_build_filename (folder, name, NULL));
    }
  g_ptr_array_sort (paths, compare_paths);
  return paths;
}

static void
test_eml_batches_and_record (Fixture       *fixture,
                             gconstpointer  user_data)
{
  g_autoptr(GString) pasted = g_string_new ("not-an-address@\n");
  g_autofree char *folder_path = g_dir_make_tmp ("taiou-notice-XXXXXX", NULL);
  g_autoptr(GFile) folder = g_file_new_for_path (folder_path);
  g_autoptr(GPtrArray) files = NULL;
  g_autofree char *data = NULL;
  g_autoptr(GPtrArray) events = NULL;
  g_autoptr(GError) error = NULL;
  TaiouNoticeRecipientsGroup *recipients;
  TaiouEvent *last;

  open_editor (fixture, "partner-warning");
  taiou_notice_window_set_value (fixture->window, "contact_department", "総務部");
  recipients = TAIOU_NOTICE_RECIPIENTS_GROUP (
    taiou_test_find_widget_type (GTK_WIDGET (fixture->window),
                                 TAIOU_TYPE_NOTICE_RECIPIENTS_GROUP));
  g_assert_nonnull (recipients);
  for (guint i = 0; i < 120; i++)
    g_string_append_printf (pasted, "取引先 %u <partner%u@example.com>\n", i, i);
  g_string_append (pasted, "partner0@EXAMPLE.com\n");  /* the same partner again */
  taiou_notice_recipients_group_set_text (recipients, pasted->str);
  g_assert_cmpuint (taiou_notice_recipients_group_get_addresses (recipients)->len, ==, 120);
  g_assert_true (action_enabled (fixture, "notice.save-eml"));
  /* Three messages: one row each opens it in the mail program. */
  g_assert_nonnull (taiou_test_find_row (GTK_WIDGET (recipients), "Message 3 of 3"));

  g_assert_cmpuint (taiou_notice_window_save_eml (fixture->window, folder, &error), ==, 3);
  g_assert_no_error (error);
  files = list_eml_files (folder_path);
  g_assert_cmpuint (files->len, ==, 3);
  g_assert_true (g_str_has_suffix (files->pdata[1], "-002.eml"));
  g_assert_true (g_file_get_contents (files->pdata[1], &data, NULL, NULL));
  g_assert_nonnull (strstr (data, "partner99@example.com"));
  g_assert_null (strstr (data, "partner100@example.com"));
  g_assert_nonnull (strstr (data, "Bcc:"));

  /* The record names the notice and the counts, never an address. */
  events = taiou_timeline_list_events (fixture->timeline,
                                       taiou_incident_get_id (fixture->incident), &error);
  g_assert_no_error (error);
  last = events->pdata[events->len - 1];
  g_assert_cmpstr (taiou_event_get_kind (last), ==, "notice.generated");
  g_assert_nonnull (strstr (taiou_event_get_detail (last), "\"recipients\":120"));
  g_assert_nonnull (strstr (taiou_event_get_detail (last), "\"batches\":3"));
  g_assert_null (strstr (taiou_event_get_detail (last), "@"));

  for (guint i = 0; i < files->len; i++)
    g_unlink (files->pdata[i]);
  g_rmdir (folder_path);
}

static void
test_switching_keeps_values (Fixture       *fixture,
                             gconstpointer  user_data)
{
  GtkWidget *recipients;

  open_editor (fixture, "partner-warning");
  taiou_notice_window_set_value (fixture->window, "contact_department", "総務部");
  g_assert_true (taiou_notice_window_select_template (fixture->window, "web-notice"));
  g_assert_cmpstr (taiou_notice_window_get_template (fixture->window), ==, "web-notice");
  /* The web notice is not a mail: no subject, no recipients. */
  recipients = taiou_test_find_widget_type (GTK_WIDGET (fixture->window),
                                            TAIOU_TYPE_NOTICE_RECIPIENTS_GROUP);
  g_assert_false (gtk_widget_get_visible (recipients));
  g_assert_false (action_enabled (fixture, "notice.copy-subject"));
  /* What was typed for the partner warning is still there. */
  g_assert_nonnull (taiou_notice_window_get_text (fixture->window));
  g_assert_nonnull (strstr (taiou_notice_window_get_text (fixture->window)->body, "総務部"));
  g_assert_null (taiou_notice_window_get_text (fixture->window)->subject);
  g_assert_false (taiou_notice_window_select_template (fixture->window, "no-such-notice"));
}

/* Closing the window (or a crash a second after typing) keeps what was typed. */
static void
test_draft_survives_closing (Fixture       *fixture,
                             gconstpointer  user_data)
{
  g_autofree char *db_dir = g_path_get_dirname (fixture->db_path);
  g_autofree char *draft_dir = g_build_filename (db_dir, "notice-drafts", NULL);

  open_editor (fixture, "partner-warning");
  g_assert_null (taiou_notice_window_get_text (fixture->window));
  taiou_notice_window_set_value (fixture->window, "contact_department", "総務部 情報システム課");
  taiou_notice_window_set_value (fixture->window, "company", "株式会社アワ商事 東京支店");
  gtk_window_destroy (GTK_WINDOW (fixture->window));
  fixture->window = NULL;

  open_editor (fixture, "partner-warning");
  g_assert_nonnull (taiou_notice_window_get_text (fixture->window));
  g_assert_nonnull (strstr (taiou_notice_window_get_text (fixture->window)->body,
                            "株式会社アワ商事 東京支店　総務部 情報システム課"));

  /* The draft sits beside the record, private to the user. */
  {
    g_autofree char *name = g_strconcat (taiou_incident_get_uuid (fixture->incident), ".json",
                                         NULL);
    g_autofree char *path = g_build_filename (draft_dir, name, NULL);
    GStatBuf st;

    g_assert_cmpint (g_stat (path, &st), ==, 0);
    g_assert_cmpint (st.st_mode & 0777, ==, 0600);
    g_unlink (path);
  }
}

/* Every variable of every template has words for people, not a program name. */
static void
test_every_field_has_a_label (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) templates = taiou_notice_list_templates (&error);

  g_assert_no_error (error);
  g_assert_cmpuint (templates->len, >=, 6);
  for (guint t = 0; t < templates->len; t++)
    {
      const char * const *lists[] = {
        taiou_notice_template_get_required (templates->pdata[t]),
        taiou_notice_template_get_optional (templates->pdata[t]),
      };

      for (guint l = 0; l < G_N_ELEMENTS (lists); l++)
        for (guint i = 0; lists[l][i] != NULL; i++)
          g_assert_cmpstr (taiou_notice_field_label (lists[l][i]), !=, lists[l][i]);
    }
}

static void
test_start_screen_opens_it (Fixture       *fixture,
                            gconstpointer  user_data)
{
  TaiouWindow *main_window = taiou_window_new (NULL, fixture->case_at_hand);
  GtkWidget *button;
  TaiouNoticeWindow *editor;
  g_autofree char *preview = NULL;

  gtk_window_present (GTK_WINDOW (main_window));
  taiou_test_wait_until_mapped (GTK_WIDGET (main_window));
  button = taiou_test_find_button (GTK_WIDGET (main_window), "window.write-notice");
  g_assert_nonnull (button);
  g_assert_cmpstr (gtk_button_get_label (GTK_BUTTON (button)), ==, "Write a Notice to Partners");
  taiou_test_click (button);
  editor = TAIOU_NOTICE_WINDOW (taiou_test_wait_for_window (TAIOU_TYPE_NOTICE_WINDOW));
  /* The newest incident, with the partner warning first. */
  g_assert_cmpstr (taiou_notice_window_get_template (editor), ==, "partner-warning");
  preview = taiou_notice_window_get_preview (editor);
  g_assert_nonnull (strstr (preview, "営業部 山田太郎"));
  gtk_window_destroy (GTK_WINDOW (editor));
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
      g_test_add_func ("/taiou/gui/notice/skipped", test_skipped);
      return g_test_run ();
    }
  taiou_i18n_init ();

  ADD_TEST ("/taiou/gui/notice/prefilled-with-missing-field", test_prefilled_with_missing_field);
  ADD_TEST ("/taiou/gui/notice/line-break-is-refused", test_line_break_is_refused);
  ADD_TEST ("/taiou/gui/notice/eml-batches-and-record", test_eml_batches_and_record);
  ADD_TEST ("/taiou/gui/notice/switching-keeps-values", test_switching_keeps_values);
  ADD_TEST ("/taiou/gui/notice/draft-survives-closing", test_draft_survives_closing);
  ADD_TEST ("/taiou/gui/notice/start-screen-opens-it", test_start_screen_opens_it);
  g_test_add_func ("/taiou/gui/notice/every-field-has-a-label", test_every_field_has_a_label);
  return g_test_run ();
}
