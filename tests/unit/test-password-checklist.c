/* test-password-checklist.c — the passwords step's list, read back from a real record */
#define G_LOG_DOMAIN "test-password-checklist"

#include "config.h"

#include <string.h>

#include "taiou-test-util.h"

typedef struct
{
  char          *db_path;
  TaiouTimeline *timeline;
  TaiouCase     *case_at_hand;
} Fixture;

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  user_data)
{
  fixture->timeline = taiou_test_timeline_new (&fixture->db_path);
  fixture->case_at_hand = taiou_test_case_with_incident (fixture->timeline);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  user_data)
{
  g_clear_object (&fixture->case_at_hand);
  g_clear_object (&fixture->timeline);
  g_free (fixture->db_path);
}

static void
record (Fixture    *fixture,
        const char *kind,
        JsonObject *detail)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (taiou_case_record_answer (fixture->case_at_hand, kind, "test", detail, &error));
  g_assert_no_error (error);
}

/* What the page writes when an item changes state. */
static void
record_item (Fixture                *fixture,
             TaiouPasswordItem      *item,
             TaiouPasswordItemState  state)
{
  g_autoptr(JsonObject) detail = NULL;

  item->state = state;
  detail = taiou_password_item_to_json (item);
  record (fixture, TAIOU_EVENT_PASSWORDS_ITEM, detail);
}

static TaiouPasswordChecklist *
read_back (Fixture *fixture)
{
  g_autoptr(GPtrArray) events = NULL;
  g_autoptr(GError) error = NULL;

  events = taiou_timeline_list_events (
    fixture->timeline, taiou_incident_get_id (taiou_case_get_incident (fixture->case_at_hand)),
    &error);
  g_assert_no_error (error);
  return taiou_password_checklist_read (events);
}

static void
test_new_list (void)
{
  g_autoptr(TaiouPasswordChecklist) list = taiou_password_checklist_new ();
  const char *ids[] = { "mail", "mail-program", "browser", "windows", "vpn", "cloud", "banking" };

  g_assert_false (list->acknowledged);
  g_assert_cmpuint (list->items->len, ==, G_N_ELEMENTS (ids));
  for (gsize i = 0; i < G_N_ELEMENTS (ids); i++)
    {
      TaiouPasswordItem *item = list->items->pdata[i];

      g_assert_cmpstr (item->id, ==, ids[i]);
      g_assert_null (item->label);
      g_assert_cmpint (item->state, ==, TAIOU_PASSWORD_ITEM_OPEN);
      g_assert_cmpint (item->changed_us, ==, 0);
      g_assert_nonnull (taiou_password_item_get_description (item));
    }
  g_assert_cmpstr (taiou_password_item_get_label (list->items->pdata[0]), ==, "Mail accounts");
  g_assert_false (taiou_password_checklist_is_complete (list));
}

/* The page's events, replayed: states, times and the worker's own items come back. */
static void
test_read_back (Fixture       *fixture,
                gconstpointer  user_data)
{
  g_autoptr(TaiouPasswordChecklist) list = taiou_password_checklist_new ();
  g_autoptr(TaiouPasswordChecklist) read = NULL;
  g_autoptr(GError) error = NULL;
  TaiouPasswordItem *custom;
  TaiouPasswordItem *item;

  record (fixture, TAIOU_EVENT_PASSWORDS_ACKNOWLEDGED, NULL);
  record_item (fixture, taiou_password_checklist_lookup (list, "mail"), TAIOU_PASSWORD_ITEM_DONE);
  record_item (fixture, taiou_password_checklist_lookup (list, "vpn"),
               TAIOU_PASSWORD_ITEM_NOT_APPLICABLE);
  record_item (fixture, taiou_password_checklist_lookup (list, "banking"),
               TAIOU_PASSWORD_ITEM_DONE);
  /* Reopened: what was done last counts. */
  record_item (fixture, taiou_password_checklist_lookup (list, "banking"),
               TAIOU_PASSWORD_ITEM_OPEN);

  custom = taiou_password_checklist_add_custom (list, "  仕入先の発注サイト ", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (custom->id, ==, "custom-1");
  g_assert_cmpstr (custom->label, ==, "仕入先の発注サイト");
  {
    g_autoptr(JsonObject) detail = taiou_password_item_to_json (custom);

    record (fixture, TAIOU_EVENT_PASSWORDS_ITEM_ADDED, detail);
  }
  record_item (fixture, custom, TAIOU_PASSWORD_ITEM_DONE);

  read = read_back (fixture);
  g_assert_true (read->acknowledged);
  g_assert_cmpuint (read->items->len, ==, 8);
  item = taiou_password_checklist_lookup (read, "mail");
  g_assert_cmpint (item->state, ==, TAIOU_PASSWORD_ITEM_DONE);
  g_assert_cmpint (item->changed_us, >, 0);
  g_assert_cmpint (taiou_password_checklist_lookup (read, "vpn")->state, ==,
                   TAIOU_PASSWORD_ITEM_NOT_APPLICABLE);
  g_assert_cmpint (taiou_password_checklist_lookup (read, "banking")->state, ==,
                   TAIOU_PASSWORD_ITEM_OPEN);
  g_assert_cmpint (taiou_password_checklist_lookup (read, "browser")->state, ==,
                   TAIOU_PASSWORD_ITEM_OPEN);
  item = taiou_password_checklist_lookup (read, "custom-1");
  g_assert_cmpstr (taiou_password_item_get_label (item), ==, "仕入先の発注サイト");
  g_assert_cmpint (item->state, ==, TAIOU_PASSWORD_ITEM_DONE);
  g_assert_false (taiou_password_checklist_is_complete (read));

  /* The next item of one's own gets the next number. */
  g_assert_cmpstr (taiou_password_checklist_add_custom (read, "社内ポータル", NULL)->id, ==,
                   "custom-2");
  for (guint i = 0; i < read->items->len; i++)
    ((TaiouPasswordItem *) read->items->pdata[i])->state = TAIOU_PASSWORD_ITEM_NOT_APPLICABLE;
  g_assert_true (taiou_password_checklist_is_complete (read));
  read->acknowledged = FALSE;
  g_assert_false (taiou_password_checklist_is_complete (read));
}

static void
test_event_detail_and_summary (void)
{
  g_autoptr(TaiouPasswordChecklist) list = taiou_password_checklist_new ();
  TaiouPasswordItem *item = taiou_password_checklist_lookup (list, "browser");
  g_autoptr(JsonObject) detail = NULL;
  g_autoptr(JsonNode) node = NULL;
  g_autofree char *json = NULL;
  g_autofree char *summary = NULL;

  item->state = TAIOU_PASSWORD_ITEM_NOT_APPLICABLE;
  detail = taiou_password_item_to_json (item);
  node = json_node_init_object (json_node_alloc (), detail);
  json = json_to_string (node, FALSE);
  g_assert_cmpstr (json, ==, "{\"item\":\"browser\",\"label\":\"Passwords saved in web browsers\","
                             "\"state\":\"not-applicable\"}");
  summary = taiou_password_item_dup_summary (item);
  g_assert_cmpstr (summary, ==, "Password change not applicable: Passwords saved in web browsers");
}

static void
test_custom_labels_are_checked (void)
{
  g_autoptr(TaiouPasswordChecklist) list = taiou_password_checklist_new ();
  g_autofree char *too_long = g_strnfill (TAIOU_PASSWORD_CUSTOM_LABEL_MAX + 1, 'a');
  g_autofree char *longest = g_strnfill (TAIOU_PASSWORD_CUSTOM_LABEL_MAX, 'a');
  const char *bad[] = { NULL, "", "   ", "two\nlines", "tab\there", "\xff\xfe", too_long };

  for (gsize i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autoptr(GError) error = NULL;

      g_assert_null (taiou_password_checklist_add_custom (list, bad[i], &error));
      g_assert_error (error, TAIOU_PASSWORD_ERROR, TAIOU_PASSWORD_ERROR_INVALID);
    }
  g_assert_nonnull (taiou_password_checklist_add_custom (list, longest, NULL));
  for (guint i = 1; i < TAIOU_PASSWORD_CUSTOM_ITEMS_MAX; i++)
    g_assert_nonnull (taiou_password_checklist_add_custom (list, "item", NULL));
  {
    g_autoptr(GError) error = NULL;

    g_assert_null (taiou_password_checklist_add_custom (list, "one too many", &error));
    g_assert_error (error, TAIOU_PASSWORD_ERROR, TAIOU_PASSWORD_ERROR_INVALID);
  }
}

/* A record not written by Taiou: anything odd is passed over, never trusted. */
static void
test_odd_events_are_ignored (Fixture       *fixture,
                             gconstpointer  user_data)
{
  g_autoptr(TaiouPasswordChecklist) read = NULL;
  g_autofree char *too_long = g_strnfill (TAIOU_PASSWORD_CUSTOM_LABEL_MAX + 1, 'x');
  const char *details[] = {
    "{\"item\":\"nonsense\",\"state\":\"done\"}",          /* no such built-in item */
    "{\"item\":\"mail\",\"state\":\"finished\"}",          /* no such state */
    "{\"item\":42,\"state\":\"done\"}",                    /* not a string */
    "{\"state\":\"done\"}",                                /* no item */
    "[\"mail\",\"done\"]",                                 /* not an object */
    "{\"item\":\"custom-9\",\"state\":\"done\"}",          /* no label to show */
    "{\"item\":\"custom-8\",\"label\":\"a\\nb\",\"state\":\"done\"}",
  };

  for (gsize i = 0; i < G_N_ELEMENTS (details); i++)
    {
      g_autoptr(JsonNode) node = json_from_string (details[i], NULL);

      if (JSON_NODE_HOLDS_OBJECT (node))
        record (fixture, TAIOU_EVENT_PASSWORDS_ITEM, json_node_get_object (node));
    }
  {
    g_autoptr(JsonObject) detail = json_object_new ();

    json_object_set_string_member (detail, TAIOU_EVENT_DETAIL_ITEM, "custom-7");
    json_object_set_string_member (detail, TAIOU_EVENT_DETAIL_LABEL, too_long);
    record (fixture, TAIOU_EVENT_PASSWORDS_ITEM_ADDED, detail);
  }
  /* An event with no detail at all. */
  record (fixture, TAIOU_EVENT_PASSWORDS_ITEM, NULL);

  read = read_back (fixture);
  g_assert_false (read->acknowledged);
  g_assert_cmpuint (read->items->len, ==, 7);
  for (guint i = 0; i < read->items->len; i++)
    g_assert_cmpint (((TaiouPasswordItem *) read->items->pdata[i])->state, ==,
                     TAIOU_PASSWORD_ITEM_OPEN);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/taiou/password-checklist/new-list", test_new_list);
  g_test_add ("/taiou/password-checklist/read-back", Fixture, NULL, fixture_set_up,
              test_read_back, fixture_tear_down);
  g_test_add_func ("/taiou/password-checklist/event-detail-and-summary",
                   test_event_detail_and_summary);
  g_test_add_func ("/taiou/password-checklist/custom-labels-are-checked",
                   test_custom_labels_are_checked);
  g_test_add ("/taiou/password-checklist/odd-events-are-ignored", Fixture, NULL, fixture_set_up,
              test_odd_events_are_ignored, fixture_tear_down);

  return g_test_run ();
}
