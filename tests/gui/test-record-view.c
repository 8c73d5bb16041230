/* test-record-view.c — the IT manager's record view: details, verification, notes, filters
 *
 * The view is built in a window of its own around a case on a temporary record, as the app's
 * window builds it; what the IT manager sees is read back from the real widgets.
 */
#define G_LOG_DOMAIN "test-record-view"

#include "config.h"

#include "taiou-test-gui.h"
#include "taiou-test-util.h"
#include "timeline/taiou-deadlines-button.h"
#include "timeline/taiou-event-detail.h"
#include "timeline/taiou-event-filter-bar.h"
#include "timeline/taiou-incident-row.h"
#include "timeline/taiou-note-dialog.h"
#include "timeline/taiou-timeline-view.h"

typedef struct
{
  TaiouTestRecordView record;
} Fixture;

static TaiouTimelineView *
view_of (Fixture *fixture)
{
  return TAIOU_TIMELINE_VIEW (fixture->record.view);
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  user_data)
{
  taiou_test_record_view_init (&fixture->record);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  user_data)
{
  taiou_test_record_view_clear (&fixture->record);
}

static gboolean
verification_done (gpointer view)
{
  const char *text = taiou_timeline_view_get_status_text (view);

  return text != NULL && text[0] != '\0' && strstr (text, "…") == NULL;
}

static void
show (Fixture *fixture)
{
  taiou_timeline_view_reload (view_of (fixture));
  gtk_window_present (fixture->record.window);
  taiou_test_wait_until_mapped (fixture->record.view);
  taiou_test_wait_for (verification_done, view_of (fixture));
}

/* A label under @root whose text contains @text. */
static GtkWidget *
find_label_containing (GtkWidget  *root,
                       const char *text)
{
  if (GTK_IS_LABEL (root) && strstr (gtk_label_get_text (GTK_LABEL (root)), text) != NULL &&
      gtk_widget_is_drawable (root))
    return root;
  for (GtkWidget *child = gtk_widget_get_first_child (root);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_label_containing (child, text);

      if (found != NULL)
        return found;
    }
  return NULL;
}

static TaiouEvent *
append_mail_verdict (Fixture *fixture,
                     gint64   incident_id)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) detail = json_from_string (
    "{\"verdict\": \"dangerous\", \"score\": 120, \"subject\": \"<b>見積</b>\","
    " \"findings\": [{\"rule\": \"mail.lookalike-domain\", \"score\": 60,"
    "   \"message\": \"The sender's domain imitates ours.\","
    "   \"message_ja\": \"差出人のドメインが自社に似せてあります。\","
    "   \"evidence\": \"From: a@examp1e.co.jp\"}],"
    " \"attachments\": [\"a.docm\", \"b.zip\"]}", &error);
  TaiouEvent *event;

  g_assert_no_error (error);
  event = taiou_timeline_append (fixture->record.timeline, incident_id, TAIOU_EVENT_MAIL_TRIAGE,
                                 NULL,
                                 "Mail <b>見積</b>: dangerous", json_node_get_object (detail),
                                 &error);
  g_assert_no_error (error);
  return event;
}

/* A mail event shows why it was called dangerous (a walkthrough found only the summary), and
 * what the record holds is shown as text, never as markup. */
static void
test_detail_shows_reasons (Fixture       *fixture,
                           gconstpointer  user_data)
{
  g_autoptr(TaiouIncident) incident = taiou_test_add_incident (fixture->record.timeline, "mail", 1);
  g_autoptr(TaiouEvent) mail = append_mail_verdict (fixture, taiou_incident_get_id (incident));
  TaiouEventDetail *detail;

  show (fixture);
  detail = TAIOU_EVENT_DETAIL (taiou_test_find_widget_type (fixture->record.view,
                                                            TAIOU_TYPE_EVENT_DETAIL));
  g_assert_null (taiou_event_detail_get_event (detail));

  g_assert_true (taiou_timeline_view_select_event (view_of (fixture), taiou_event_get_seq (mail)));
  g_assert_true (taiou_event_detail_get_event (detail) == mail ||
                 taiou_event_get_seq (taiou_event_detail_get_event (detail)) ==
                 taiou_event_get_seq (mail));
  g_assert_nonnull (find_label_containing (GTK_WIDGET (detail),
                                           "The sender's domain imitates ours."));
  g_assert_nonnull (find_label_containing (GTK_WIDGET (detail), "From: a@examp1e.co.jp"));
  g_assert_nonnull (find_label_containing (GTK_WIDGET (detail), "a.docm, b.zip"));
  g_assert_nonnull (find_label_containing (GTK_WIDGET (detail), "Mail <b>見積</b>: dangerous"));
  g_assert_false (taiou_timeline_view_select_event (view_of (fixture), 9999));
}

static gboolean
toast_shown (gpointer view)
{
  return find_label_containing (view, "Verified again") != NULL;
}

/* 「再検証」 says what it found and leaves the table where it was. */
static void
test_verify_again_keeps_place (Fixture       *fixture,
                               gconstpointer  user_data)
{
  g_autoptr(TaiouIncident) incident = taiou_test_add_incident (fixture->record.timeline, "x", 30);
  GListModel *events;
  GtkColumnView *table;
  GtkSelectionModel *selection;

  show (fixture);
  events = taiou_timeline_view_get_events (view_of (fixture));
  table = GTK_COLUMN_VIEW (taiou_test_find_widget_type (fixture->record.view,
                                                        GTK_TYPE_COLUMN_VIEW));
  selection = gtk_column_view_get_model (table);
  g_assert_true (taiou_timeline_view_select_event (view_of (fixture), 20));

  gtk_widget_activate_action (fixture->record.view, "timeline-view.verify", NULL);
  taiou_test_wait_for (toast_shown, view_of (fixture));
  g_assert_cmpuint (g_list_model_get_n_items (events), ==, 31);
  g_assert_true (gtk_selection_model_is_selected (selection, 19));
  g_assert_nonnull (strstr (taiou_timeline_view_get_status_text (view_of (fixture)),
                            "has not been altered"));
}

static guint
n_shown (Fixture *fixture)
{
  return g_list_model_get_n_items (taiou_timeline_view_get_events (view_of (fixture)));
}

typedef struct
{
  Fixture *fixture;
  guint    expected;
} Count;

static gboolean
shows_count (gpointer data)
{
  Count *count = data;

  return n_shown (count->fixture) == count->expected;
}

/* The search and the kind menu narrow the table; the count under them says how many match. */
static void
test_search_and_filter (Fixture       *fixture,
                        gconstpointer  user_data)
{
  g_autoptr(TaiouIncident) incident = taiou_test_add_incident (fixture->record.timeline, "busy",
                                                               40);
  g_autoptr(TaiouEvent) mail = append_mail_verdict (fixture, taiou_incident_get_id (incident));
  GtkWidget *bar;
  GtkWidget *search;
  GtkDropDown *kinds;
  GListModel *labels;
  Count count = { fixture, 0 };
  guint mail_row = GTK_INVALID_LIST_POSITION;

  show (fixture);
  g_assert_cmpuint (n_shown (fixture), ==, 42);
  g_assert_nonnull (find_label_containing (fixture->record.view, "42 events"));

  /* Two characters of Japanese: shorter than the index's trigrams, still found. */
  /* The bar's own entry and menus (a drop-down's popover holds a search entry of its own). */
  bar = taiou_test_find_widget_type (fixture->record.view, TAIOU_TYPE_EVENT_FILTER_BAR);
  search = taiou_test_find_widget_type (bar, GTK_TYPE_SEARCH_ENTRY);
  gtk_editable_set_text (GTK_EDITABLE (search), "見積");
  count.expected = 1;
  taiou_test_wait_for (shows_count, &count);
  g_assert_nonnull (find_label_containing (fixture->record.view, "1 event matches"));

  gtk_editable_set_text (GTK_EDITABLE (search), "note 17");
  count.expected = 1;
  taiou_test_wait_for (shows_count, &count);
  gtk_editable_set_text (GTK_EDITABLE (search), "");
  count.expected = 42;
  taiou_test_wait_for (shows_count, &count);

  /* The kind menu offers the kinds this incident holds, as words. */
  kinds = GTK_DROP_DOWN (taiou_test_find_widget_type (bar, GTK_TYPE_DROP_DOWN));
  labels = gtk_drop_down_get_model (kinds);
  for (guint i = 0; i < g_list_model_get_n_items (labels); i++)
    if (g_strcmp0 (gtk_string_list_get_string (GTK_STRING_LIST (labels), i),
                   taiou_event_kind_get_label (TAIOU_EVENT_MAIL_TRIAGE)) == 0)
      mail_row = i;
  g_assert_cmpuint (mail_row, !=, GTK_INVALID_LIST_POSITION);
  gtk_drop_down_set_selected (kinds, mail_row);
  g_assert_cmpuint (n_shown (fixture), ==, 1);
  g_assert_true (taiou_timeline_view_select_event (view_of (fixture), taiou_event_get_seq (mail)));
  gtk_drop_down_set_selected (kinds, 0);
  g_assert_cmpuint (n_shown (fixture), ==, 42);
}

static TaiouNoteDialog *
open_note_dialog (Fixture *fixture)
{
  GtkWindow *dialog;

  gtk_widget_activate_action (fixture->record.view, "timeline-view.add-note", NULL);
  dialog = taiou_test_wait_for_window (TAIOU_TYPE_NOTE_DIALOG);
  taiou_test_wait_until_mapped (GTK_WIDGET (dialog));
  return TAIOU_NOTE_DIALOG (dialog);
}

/* Clicks the dialog's button labelled @label, as a user does (the dialog closes, then responds). */
static GtkWidget *
find_button_labelled (GtkWidget  *root,
                      const char *label)
{
  if (GTK_IS_BUTTON (root) && g_strcmp0 (gtk_button_get_label (GTK_BUTTON (root)), label) == 0)
    return root;
  for (GtkWidget *child = gtk_widget_get_first_child (root);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_button_labelled (child, label);

      if (found != NULL)
        return found;
    }
  return NULL;
}

static void
click_response (GtkWidget  *dialog,
                const char *label)
{
  GtkWidget *button = find_button_labelled (dialog, label);

  g_assert_nonnull (button);
  taiou_test_click (button);
}

static gboolean
no_note_dialog (gpointer data)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GObject) window = g_list_model_get_item (toplevels, i);

      if (TAIOU_IS_NOTE_DIALOG (window) && gtk_widget_get_visible (GTK_WIDGET (window)))
        return FALSE;
    }
  return TRUE;
}

/* 「メモを追加」: a note about the selected event names it (a correction); the note shows at
 * the end, selected.  A finished incident refuses it, and the text comes back with the reason. */
static void
test_add_note (Fixture       *fixture,
               gconstpointer  user_data)
{
  g_autoptr(TaiouIncident) incident = taiou_test_add_incident (fixture->record.timeline, "notes",
                                                               5);
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) detail = NULL;
  g_autoptr(TaiouEvent) note = NULL;
  TaiouNoteDialog *dialog;
  GListModel *events;
  GtkWidget *check;
  guint n;

  show (fixture);
  g_assert_true (taiou_timeline_view_select_event (view_of (fixture), 4));
  dialog = open_note_dialog (fixture);
  g_assert_false (adw_message_dialog_get_response_enabled (ADW_MESSAGE_DIALOG (dialog), "add"));
  taiou_note_dialog_set_text (dialog, "訂正：ケーブルを抜いたのは 10 時です");
  g_assert_true (adw_message_dialog_get_response_enabled (ADW_MESSAGE_DIALOG (dialog), "add"));
  check = taiou_test_find_widget_type (GTK_WIDGET (dialog), GTK_TYPE_CHECK_BUTTON);
  g_assert_nonnull (strstr (gtk_check_button_get_label (GTK_CHECK_BUTTON (check)), "#4"));
  gtk_check_button_set_active (GTK_CHECK_BUTTON (check), TRUE);
  click_response (GTK_WIDGET (dialog), "_Add Note");
  taiou_test_wait_for (no_note_dialog, NULL);

  events = taiou_timeline_view_get_events (view_of (fixture));
  n = g_list_model_get_n_items (events);
  g_assert_cmpuint (n, ==, 7);
  note = g_list_model_get_item (events, n - 1);
  g_assert_cmpstr (taiou_event_get_summary (note), ==, "訂正：ケーブルを抜いたのは 10 時です");
  detail = json_from_string (taiou_event_get_detail (note), &error);
  g_assert_cmpint (json_object_get_int_member (json_node_get_object (detail),
                                               TAIOU_EVENT_DETAIL_REFERS_TO), ==, 4);

  /* Finished: the record refuses, the dialog comes back with the words and the reason. */
  g_assert_true (taiou_timeline_set_incident_step (fixture->record.timeline,
                                                   taiou_incident_get_id (incident),
                                                   TAIOU_INCIDENT_STEP_FINISHED, "done", NULL,
                                                   &error));
  dialog = open_note_dialog (fixture);
  taiou_note_dialog_set_text (dialog, "too late");
  click_response (GTK_WIDGET (dialog), "_Add Note");
  dialog = TAIOU_NOTE_DIALOG (taiou_test_wait_for_window (TAIOU_TYPE_NOTE_DIALOG));
  taiou_test_wait_until_mapped (GTK_WIDGET (dialog));
  g_assert_nonnull (find_label_containing (GTK_WIDGET (dialog), "The note was not added"));
  g_assert_true (adw_message_dialog_get_response_enabled (ADW_MESSAGE_DIALOG (dialog), "add"));
  gtk_window_destroy (GTK_WINDOW (dialog));
  events = taiou_timeline_view_get_events (view_of (fixture));
  g_assert_cmpuint (g_list_model_get_n_items (events), ==, 7);
}

static TaiouIncidentRow *find_incident_row (Fixture *fixture,
                                           gint64   incident_id);

static const char *
status_of (Fixture *fixture,
           gint64   incident_id)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TaiouIncident) incident = taiou_timeline_get_incident (fixture->record.timeline,
                                                                   incident_id,
                                                                    &error);

  g_assert_no_error (error);
  return taiou_incident_status_get_label (taiou_incident_get_status (incident));
}

/* The status menu finishes an incident (the record then takes no note) and reopens it; each
 * change is an event, and the list of incidents says where each one stands. */
static void
test_status_closes_and_reopens (Fixture       *fixture,
                                gconstpointer  user_data)
{
  g_autoptr(TaiouIncident) incident = taiou_test_add_incident (fixture->record.timeline, "status",
                                                               0);
  gint64 id = taiou_incident_get_id (incident);
  g_autoptr(GError) error = NULL;
  GtkDropDown *status;
  GtkWidget *bar;
  GListModel *events;
  g_autoptr(TaiouEvent) last = NULL;

  show (fixture);
  bar = taiou_test_find_widget_type (fixture->record.view, TAIOU_TYPE_EVENT_FILTER_BAR);
  g_assert_nonnull (bar);
  status = GTK_DROP_DOWN (taiou_test_find_named (fixture->record.view, "status-menu"));
  g_assert_nonnull (status);
  g_assert_cmpuint (gtk_drop_down_get_selected (status), ==, 0);

  gtk_drop_down_set_selected (status, 2);
  g_assert_cmpstr (status_of (fixture, id), ==, "Finished");
  g_assert_nonnull (strstr (adw_action_row_get_subtitle (
                              ADW_ACTION_ROW (find_incident_row (fixture, id))),
                            "Status: Finished"));
  g_assert_false (taiou_case_add_note_to (fixture->record.case_at_hand, incident, "late", 0,
                                          &error));
  g_assert_error (error, TAIOU_TIMELINE_ERROR, TAIOU_TIMELINE_ERROR_CLOSED);
  g_clear_error (&error);

  status = GTK_DROP_DOWN (taiou_test_find_named (fixture->record.view, "status-menu"));
  g_assert_cmpuint (gtk_drop_down_get_selected (status), ==, 2);
  gtk_drop_down_set_selected (status, 1);
  g_assert_cmpstr (status_of (fixture, id), ==, "Investigating");
  g_assert_true (taiou_case_add_note_to (fixture->record.case_at_hand, incident, "reopened", 0,
                                         &error));
  g_assert_no_error (error);

  events = taiou_timeline_view_get_events (view_of (fixture));
  last = g_list_model_get_item (events, g_list_model_get_n_items (events) - 1);
  g_assert_cmpstr (taiou_event_get_kind (last), ==, TAIOU_EVENT_INCIDENT_STATUS);
}

static TaiouIncidentRow *
find_incident_row (Fixture *fixture,
                   gint64   incident_id)
{
  GtkWidget *list = taiou_test_find_widget_type (fixture->record.view, GTK_TYPE_LIST_BOX);

  for (GtkWidget *child = gtk_widget_get_first_child (list);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (TAIOU_IS_INCIDENT_ROW (child) &&
        taiou_incident_get_id (taiou_incident_row_get_incident (TAIOU_INCIDENT_ROW (child))) ==
        incident_id)
      return TAIOU_INCIDENT_ROW (child);
  g_assert_not_reached ();
}

/* Each incident in the list says which PCs it spans and which report is due next; a walkthrough
 * found two incidents of the same title told apart only by a PC name that was cut off. */
static void
test_incident_list_shows_pcs_and_deadline (Fixture       *fixture,
                                           gconstpointer  user_data)
{
  g_autoptr(TaiouIncident) quiet = taiou_test_add_incident (fixture->record.timeline,
                                                            "same title", 0);
  g_autoptr(TaiouIncident) owing = taiou_test_add_incident (fixture->record.timeline,
                                                            "same title", 0);
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) assessed = NULL;
  g_autoptr(TaiouEvent) event = NULL;
  TaiouAppiDeadlines deadlines_due;
  TaiouIncidentRow *row;
  GtkWidget *deadlines;

  g_assert_true (taiou_appi_compute (taiou_incident_get_discovered_us (owing), g_get_real_time (),
                                     TAIOU_APPI_TRIGGER_UNLAWFUL_PURPOSE, &deadlines_due,
                                     &error));
  assessed = taiou_appi_deadlines_to_json (&deadlines_due);
  json_object_set_boolean_member (assessed, TAIOU_EVENT_DETAIL_PERSONAL_DATA, TRUE);
  event = taiou_timeline_append (fixture->record.timeline, taiou_incident_get_id (owing),
                                 TAIOU_EVENT_APPI_ASSESSED, NULL, "assessed", assessed, &error);
  g_assert_no_error (error);

  show (fixture);
  row = find_incident_row (fixture, taiou_incident_get_id (quiet));
  g_assert_null (taiou_incident_row_get_deadline (row));
  g_assert_nonnull (strstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (row)),
                            taiou_incident_get_host (quiet)));

  row = find_incident_row (fixture, taiou_incident_get_id (owing));
  g_assert_nonnull (strstr (taiou_incident_row_get_deadline (row), "preliminary report"));

  /* The IT manager marks the 速報 sent, from the record: the list then names the 確報. */
  g_assert_true (taiou_timeline_view_select_incident (view_of (fixture),
                                                      taiou_incident_get_id (owing)));
  deadlines = taiou_test_find_widget_type (fixture->record.view, TAIOU_TYPE_DEADLINES_BUTTON);
  g_assert_true (gtk_widget_get_visible (deadlines));
  taiou_deadlines_button_mark_done (TAIOU_DEADLINES_BUTTON (deadlines),
                                    TAIOU_APPI_ITEM_PRELIMINARY);
  row = find_incident_row (fixture, taiou_incident_get_id (owing));
  g_assert_nonnull (strstr (taiou_incident_row_get_deadline (row), "final report"));
  g_assert_true (taiou_timeline_view_select_incident (view_of (fixture),
                                                      taiou_incident_get_id (quiet)));
  g_assert_false (gtk_widget_get_visible (deadlines));
  g_assert_nonnull (strstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (row)),
                            taiou_incident_row_get_deadline (row)));
}

#define ADD_TEST(path, func) \
  g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

static void
test_skipped (void)
{
  g_test_skip ("no display; see the message above");
}

int
main (int    argc,
      char **argv)
{
  if (!taiou_test_gui_init (&argc, &argv, TRUE))
    {
      g_test_add_func ("/taiou/gui/record-view/skipped", test_skipped);
      return g_test_run ();
    }
  taiou_i18n_init ();

  ADD_TEST ("/taiou/gui/record-view/detail-shows-reasons", test_detail_shows_reasons);
  ADD_TEST ("/taiou/gui/record-view/verify-again-keeps-place", test_verify_again_keeps_place);
  ADD_TEST ("/taiou/gui/record-view/search-and-filter", test_search_and_filter);
  ADD_TEST ("/taiou/gui/record-view/add-note", test_add_note);
  ADD_TEST ("/taiou/gui/record-view/status-closes-and-reopens", test_status_closes_and_reopens);
  ADD_TEST ("/taiou/gui/record-view/incident-list-shows-pcs-and-deadline",
            test_incident_list_shows_pcs_and_deadline);

  return g_test_run ();
}
