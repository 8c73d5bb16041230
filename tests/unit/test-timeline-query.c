/* test-timeline-query.c — an incident's events filtered and paged (taiou-timeline-query.h) */
#define G_LOG_DOMAIN "test-timeline-query"

#include "config.h"

#include <string.h>

#include "taiou-test-util.h"
#include "taiou-timeline-private.h"

#define T0 G_GINT64_CONSTANT (1795420800000000)
#define N_EVENTS 60

typedef struct
{
  TaiouTimeline *timeline;
  gint64         incident;
  gint64         other;
} Fixture;

/* Event i (1 … 60 after the creation event): kinds rotate over three, hosts over two, the
 * actor alternates, time is T0 + i minutes. */
static const char * const kinds[] = { "scan.finding", "mail.triage", "note" };
static const char * const hosts[] = { "PC-07", "PC-12" };
static const char * const actors[] = { "山田 太郎", "root" };

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TaiouIncident) incident = NULL;
  g_autoptr(TaiouIncident) other = NULL;
  g_autoptr(GPtrArray) details = g_ptr_array_new_with_free_func ((GDestroyNotify) json_object_unref);
  g_autoptr(GPtrArray) summaries = g_ptr_array_new_with_free_func (g_free);
  TaiouEventDraft drafts[N_EVENTS];

  fixture->timeline = taiou_test_timeline_new (NULL);
  incident = taiou_timeline_create_incident (fixture->timeline, "添付ファイルを開いた", T0,
                                             "PC-07", "山田 太郎", &error);
  g_assert_no_error (error);
  other = taiou_timeline_create_incident (fixture->timeline, "別の対応", T0, "PC-08", "鈴木",
                                          &error);
  fixture->incident = taiou_incident_get_id (incident);
  fixture->other = taiou_incident_get_id (other);

  for (guint i = 0; i < N_EVENTS; i++)
    {
      JsonObject *detail = json_object_new ();
      char *summary = i == 10 ? g_strdup ("LANケーブルを抜いた \"OR\" NEAR(x) *")
                      : i == 20 ? g_strdup ("Emotet の感染を確認")
                      : g_strdup_printf ("出来事 %u", i + 1);

      json_object_set_int_member (detail, "n", i + 1);
      if (i == 30)
        json_object_set_string_member (detail, "path", "C:\\Users\\yamada\\請求書.zip");
      g_ptr_array_add (details, detail);
      g_ptr_array_add (summaries, summary);
      drafts[i] = (TaiouEventDraft) {
        .time_us = T0 + (i + 1) * G_GINT64_CONSTANT (60000000),
        .kind = kinds[i % 3],
        .actor = actors[i % 2],
        .host = hosts[(i / 2) % 2],
        .summary = summary,
        .detail = detail,
      };
    }
  g_assert_true (taiou_timeline_append_batch (fixture->timeline, fixture->incident, drafts,
                                              N_EVENTS, NULL, NULL, &error));
  g_assert_no_error (error);
  /* The other incident has the same kinds and words: none of it may show. */
  g_assert_true (taiou_timeline_append_batch (fixture->timeline, fixture->other, drafts,
                                              N_EVENTS, NULL, NULL, &error));
  g_assert_no_error (error);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  g_clear_object (&fixture->timeline);
}

/* Every matching event, fetched in pages of @page, checked against the count and returned as
 * the list of their "n" (0 for the creation event). */
static GArray *
query_all (Fixture                *fixture,
           const TaiouEventFilter *filter,
           guint                   page)
{
  g_autoptr(GError) error = NULL;
  GArray *numbers = g_array_new (FALSE, FALSE, sizeof (gint64));
  gint64 count = taiou_timeline_count_matching (fixture->timeline, filter, &error);
  gint64 last_seq = 0;

  g_assert_no_error (error);
  for (gint64 offset = 0;; offset += page)
    {
      g_autoptr(GPtrArray) events = taiou_timeline_query_events (fixture->timeline, filter,
                                                                 offset, page, &error);

      g_assert_no_error (error);
      g_assert_cmpuint (events->len, <=, page);
      for (guint i = 0; i < events->len; i++)
        {
          TaiouEvent *event = events->pdata[i];
          g_autoptr(JsonObject) json = taiou_event_to_json (event);
          JsonObject *detail = json_object_get_object_member (json, "detail");
          gint64 n = json_object_has_member (detail, "n")
                     ? json_object_get_int_member (detail, "n") : 0;

          g_assert_cmpint (taiou_event_get_incident_id (event), ==, filter->incident_id);
          g_assert_cmpint (taiou_event_get_seq (event), >, last_seq);
          last_seq = taiou_event_get_seq (event);
          g_array_append_val (numbers, n);
        }
      if (events->len < page)
        break;
    }
  g_assert_cmpint (numbers->len, ==, count);
  return numbers;
}

static void
test_unfiltered_pages (Fixture       *fixture,
                       gconstpointer  data)
{
  TaiouEventFilter filter = { .incident_id = fixture->incident };
  g_autoptr(GArray) all = query_all (fixture, &filter, 7);
  g_autoptr(GArray) one_page = query_all (fixture, &filter, 1000);
  g_autoptr(GPtrArray) past_end = NULL;
  g_autoptr(GPtrArray) none = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_cmpuint (all->len, ==, N_EVENTS + 1);
  for (guint i = 0; i < all->len; i++)
    {
      g_assert_cmpint (g_array_index (all, gint64, i), ==, i);
      g_assert_cmpint (g_array_index (one_page, gint64, i), ==, i);
    }
  past_end = taiou_timeline_query_events (fixture->timeline, &filter, 1000, 10, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (past_end->len, ==, 0);
  none = taiou_timeline_query_events (fixture->timeline, &filter, 0, 0, &error);
  g_assert_cmpuint (none->len, ==, 0);
}

static void
assert_numbers (GArray       *numbers,
                const gint64 *expected,
                guint         n_expected)
{
  g_assert_cmpuint (numbers->len, ==, n_expected);
  for (guint i = 0; i < n_expected; i++)
    g_assert_cmpint (g_array_index (numbers, gint64, i), ==, expected[i]);
}

static void
test_filters (Fixture       *fixture,
              gconstpointer  data)
{
  const char * const one_kind[] = { "note", NULL };
  const char * const two_kinds[] = { "note", "incident.created", NULL };
  const char * const no_kind[] = { NULL };
  TaiouEventFilter filter = { .incident_id = fixture->incident };

  {
    g_autoptr(GArray) numbers = NULL;

    filter.kinds = one_kind;
    numbers = query_all (fixture, &filter, 4);
    g_assert_cmpuint (numbers->len, ==, 20);
    for (guint i = 0; i < numbers->len; i++)
      g_assert_cmpint (g_array_index (numbers, gint64, i), ==, 3 * (i + 1));
  }
  {
    g_autoptr(GArray) numbers = NULL;

    filter.kinds = two_kinds;
    numbers = query_all (fixture, &filter, 4);
    g_assert_cmpuint (numbers->len, ==, 21);
    g_assert_cmpint (g_array_index (numbers, gint64, 0), ==, 0);
  }
  {
    g_autoptr(GArray) numbers = NULL;

    filter.kinds = no_kind;
    numbers = query_all (fixture, &filter, 4);
    g_assert_cmpuint (numbers->len, ==, 0);
    filter.kinds = NULL;
  }
  {
    /* Host PC-12 is events 3, 4, 7, 8, …; with actor root (even numbers) 4, 8, 12, …; within
     * minutes 10 … 20 (half-open): 12, 16, 20 is excluded. */
    g_autoptr(GArray) numbers = NULL;
    const gint64 expected[] = { 12, 16 };

    filter.host = "PC-12";
    filter.actor = "root";
    filter.from_us = T0 + 10 * G_GINT64_CONSTANT (60000000);
    filter.to_us = T0 + 20 * G_GINT64_CONSTANT (60000000);
    numbers = query_all (fixture, &filter, 1);
    assert_numbers (numbers, expected, G_N_ELEMENTS (expected));
  }
  {
    g_autoptr(GArray) numbers = NULL;

    filter.from_us = filter.to_us = 0;
    filter.actor = NULL;
    numbers = query_all (fixture, &filter, 5);
    g_assert_cmpuint (numbers->len, ==, 30);
    filter.host = NULL;
  }
}

static gint64
count_text (Fixture    *fixture,
            const char *text)
{
  g_autoptr(GError) error = NULL;
  TaiouEventFilter filter = { .incident_id = fixture->incident, .text = text };
  g_autoptr(GArray) numbers = query_all (fixture, &filter, 3);

  return numbers->len == 1 ? g_array_index (numbers, gint64, 0) : -(gint64) numbers->len;
}

static void
test_text_search (Fixture       *fixture,
                  gconstpointer  data)
{
  /* Japanese inside a run of text, Latin letters in any case, words anywhere. */
  g_assert_cmpint (count_text (fixture, "ケーブル"), ==, 11);
  g_assert_cmpint (count_text (fixture, "emotet"), ==, 21);
  g_assert_cmpint (count_text (fixture, "感染を確認 EMOTET"), ==, 21);
  g_assert_cmpint (count_text (fixture, "感染　Emotet"), ==, 21); /* ideographic space */
  /* Detail values, unescaped: the path as the user sees it. */
  g_assert_cmpint (count_text (fixture, "C:\\Users\\yamada"), ==, 31);
  g_assert_cmpint (count_text (fixture, "請求書.zip"), ==, 31);
  /* Words shorter than a trigram still work. */
  g_assert_cmpint (count_text (fixture, "感染"), ==, 21);
  g_assert_cmpint (count_text (fixture, "LAN 抜"), ==, 11);
  g_assert_cmpint (count_text (fixture, "出来事 59"), ==, 59);
  /* All words must be there. */
  g_assert_cmpint (count_text (fixture, "ケーブル Emotet"), ==, 0);
  /* FTS syntax is text like any other. */
  g_assert_cmpint (count_text (fixture, "\"OR\""), ==, 11);
  g_assert_cmpint (count_text (fixture, "NEAR(x)"), ==, 11);
  g_assert_cmpint (count_text (fixture, "*"), ==, 11);
  g_assert_cmpint (count_text (fixture, "OR"), ==, 11);
  g_assert_cmpint (count_text (fixture, "ケーブル OR Emotet"), ==, 0);
  g_assert_cmpint (count_text (fixture, "%"), ==, 0);
  g_assert_cmpint (count_text (fixture, "_"), ==, 0);
  g_assert_cmpint (count_text (fixture, "\"\"\""), ==, 0);
  g_assert_cmpint (count_text (fixture, "   "), ==, -(N_EVENTS + 1));
  g_assert_cmpint (count_text (fixture, ""), ==, -(N_EVENTS + 1));
}

static void
test_text_with_other_filters (Fixture       *fixture,
                              gconstpointer  data)
{
  const char * const one_kind[] = { "note", NULL };
  TaiouEventFilter filter = { .incident_id = fixture->incident, .text = "出来事", .kinds = one_kind };
  g_autoptr(GArray) numbers = query_all (fixture, &filter, 6);

  /* Notes are every third event; 21 is the Emotet one, not an "出来事". */
  g_assert_cmpuint (numbers->len, ==, 19);
}

static void
test_bad_filters (Fixture       *fixture,
                  gconstpointer  data)
{
  g_autoptr(GPtrArray) many_kinds = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GString) long_text = g_string_new (NULL);
  TaiouEventFilter filter = { .incident_id = 999 };

  {
    g_autoptr(GError) error = NULL;

    g_assert_null (taiou_timeline_query_events (fixture->timeline, &filter, 0, 10, &error));
    g_assert_error (error, TAIOU_TIMELINE_ERROR, TAIOU_TIMELINE_ERROR_NOT_FOUND);
    g_clear_error (&error);
    g_assert_cmpint (taiou_timeline_count_matching (fixture->timeline, &filter, &error), ==, -1);
    g_assert_error (error, TAIOU_TIMELINE_ERROR, TAIOU_TIMELINE_ERROR_NOT_FOUND);
  }
  filter.incident_id = fixture->incident;
  for (guint i = 0; i <= TAIOU_EVENT_FILTER_MAX_KINDS; i++)
    g_ptr_array_add (many_kinds, g_strdup_printf ("kind.%u", i));
  g_ptr_array_add (many_kinds, NULL);
  filter.kinds = (const char * const *) many_kinds->pdata;
  {
    g_autoptr(GError) error = NULL;

    g_assert_null (taiou_timeline_query_events (fixture->timeline, &filter, 0, 10, &error));
    g_assert_error (error, TAIOU_TIMELINE_ERROR, TAIOU_TIMELINE_ERROR_INVALID);
  }
  filter.kinds = NULL;
  for (guint i = 0; i <= TAIOU_EVENT_FILTER_MAX_WORDS; i++)
    g_string_append (long_text, "語 ");
  filter.text = long_text->str;
  {
    g_autoptr(GError) error = NULL;

    g_assert_cmpint (taiou_timeline_count_matching (fixture->timeline, &filter, &error), ==, -1);
    g_assert_error (error, TAIOU_TIMELINE_ERROR, TAIOU_TIMELINE_ERROR_INVALID);
  }
  g_string_truncate (long_text, 0);
  for (guint i = 0; i <= TAIOU_EVENT_FILTER_MAX_TEXT_BYTES; i++)
    g_string_append_c (long_text, 'a');
  filter.text = long_text->str;
  {
    g_autoptr(GError) error = NULL;

    g_assert_null (taiou_timeline_query_events (fixture->timeline, &filter, 0, 10, &error));
    g_assert_error (error, TAIOU_TIMELINE_ERROR, TAIOU_TIMELINE_ERROR_INVALID);
  }
  filter.text = "\xff\xfe";
  {
    g_autoptr(GError) error = NULL;

    g_assert_null (taiou_timeline_query_events (fixture->timeline, &filter, 0, 10, &error));
    g_assert_error (error, TAIOU_TIMELINE_ERROR, TAIOU_TIMELINE_ERROR_INVALID);
  }
}

/* Past the query's anchor stride (256 matches): every page at every offset is the slice of the
 * full list, and a new event is counted and found at once. */
static void
test_deep_pages (void)
{
  g_autoptr(TaiouTimeline) timeline = taiou_test_timeline_new (NULL);
  g_autoptr(TaiouIncident) incident = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) expected = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(TaiouEvent) late = NULL;
  TaiouEventDraft drafts[1500];
  const char * const one_kind[] = { "scan.finding", NULL };
  /* Several kinds are sorted by the query itself (order_column ()): the same pages. */
  const char * const two_kinds[] = { "mail.triage", "scan.finding", NULL };
  TaiouEventFilter by_kind = { .kinds = one_kind };
  TaiouEventFilter by_two_kinds = { .kinds = two_kinds };
  TaiouEventFilter by_text = { .text = "findings" };
  const gint64 offsets[] = { 0, 1, 255, 256, 257, 511, 512, 700, 998, 999, 1000, 5000 };

  incident = taiou_timeline_create_incident (timeline, "大量", T0, "PC-07", "山田", &error);
  g_assert_no_error (error);
  by_kind.incident_id = by_text.incident_id = taiou_incident_get_id (incident);
  by_two_kinds.incident_id = by_kind.incident_id;
  for (guint i = 0; i < G_N_ELEMENTS (drafts); i++)
    drafts[i] = (TaiouEventDraft) {
      .kind = i % 3 == 0 ? "note" : "scan.finding",
      .summary = i % 3 == 0 ? "note" : "many findings",
    };
  g_assert_true (taiou_timeline_append_batch (timeline, by_kind.incident_id, drafts,
                                              G_N_ELEMENTS (drafts), NULL, NULL, &error));
  g_assert_no_error (error);
  for (guint i = 0; i < G_N_ELEMENTS (drafts); i++)
    if (i % 3 != 0)
      {
        gint64 seq = 2 + i; /* the creation event is #1 */

        g_array_append_val (expected, seq);
      }

  for (guint f = 0; f < 3; f++)
    {
      TaiouEventFilter *filter = f == 0 ? &by_kind : f == 1 ? &by_text : &by_two_kinds;

      g_assert_cmpint (taiou_timeline_count_matching (timeline, filter, &error), ==, 1000);
      for (guint i = 0; i < G_N_ELEMENTS (offsets); i++)
        {
          g_autoptr(GPtrArray) page = taiou_timeline_query_events (timeline, filter, offsets[i],
                                                                   300, &error);

          g_assert_no_error (error);
          g_assert_cmpuint (page->len, ==, CLAMP (1000 - offsets[i], 0, 300));
          for (guint k = 0; k < page->len; k++)
            g_assert_cmpint (taiou_event_get_seq (page->pdata[k]), ==,
                             g_array_index (expected, gint64, offsets[i] + k));
        }
    }

  /* Two filters taking turns (the list and a search), and more than are remembered. */
  for (guint i = 0; i < 12; i++)
    {
      const char * const words[] = { "findings", "many", "many findings" };
      TaiouEventFilter other = { .incident_id = by_kind.incident_id, .text = words[i % 3] };
      g_autoptr(GPtrArray) page = taiou_timeline_query_events (timeline, &by_kind, 700 + i, 5,
                                                               &error);
      g_autoptr(GPtrArray) other_page = taiou_timeline_query_events (timeline, &other, 700 + i,
                                                                     5, &error);

      g_assert_no_error (error);
      for (guint k = 0; k < 5; k++)
        {
          g_assert_cmpint (taiou_event_get_seq (page->pdata[k]), ==,
                           g_array_index (expected, gint64, 700 + i + k));
          g_assert_cmpint (taiou_event_get_seq (other_page->pdata[k]), ==,
                           g_array_index (expected, gint64, 700 + i + k));
        }
    }

  late = taiou_timeline_append (timeline, by_kind.incident_id, "scan.finding", NULL,
                                "late findings", NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (taiou_timeline_count_matching (timeline, &by_text, &error), ==, 1001);
  {
    g_autoptr(GPtrArray) page = taiou_timeline_query_events (timeline, &by_kind, 1000, 10,
                                                             &error);

    g_assert_cmpuint (page->len, ==, 1);
    g_assert_cmpint (taiou_event_get_seq (page->pdata[0]), ==, taiou_event_get_seq (late));
  }
}

/* The search text an append takes from the detail object is what SQL takes from the stored
 * JSON (TAIOU_DETAIL_TEXT_SQL, which the short-word search and older rows use): the same words,
 * order and spaces, or NULL where only SQL can say (a non-integer number). */
static void
test_detail_search_text (void)
{
  static const struct {
    const char *json;
    gboolean    by_sql;   /* the append leaves it to SQL */
  } details[] = {
    { "{}", TRUE },
    { "{\"a\":null}", TRUE },
    { "{\"rule\":\"ioc.sha256\",\"score\":100,\"object\":\"file1.dll\",\"n\":-7}", FALSE },
    { "{\"path\":\"C:\\\\Users\\\\yamada\\\\請求書.zip\",\"quote\":\"\\\"x\\\"\"}", FALSE },
    { "{\"nested\":{\"b\":[1,\"two\",{\"c\":true}],\"d\":false},\"e\":\"\",\"f\":\"後\"}", FALSE },
    { "{\"empty\":\"\",\"list\":[],\"obj\":{}}", FALSE },
    { "{\"z\":\"last\",\"a\":\"first\",\"m\":[null,\"mid\"]}", FALSE },
    { "{\"big\":9223372036854775807,\"small\":-9223372036854775808}", FALSE },
    { "{\"ratio\":0.5,\"name\":\"x\"}", TRUE },
    { "{\"exp\":1e100}", TRUE },
  };
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;

  g_assert_cmpint (sqlite3_open (":memory:", &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db, "SELECT " TAIOU_DETAIL_TEXT_SQL ("?1"), -1, &stmt,
                                       NULL), ==, SQLITE_OK);
  for (guint i = 0; i < G_N_ELEMENTS (details); i++)
    {
      g_autoptr(JsonParser) parser = json_parser_new ();
      g_autoptr(GError) error = NULL;
      g_autofree char *stored = NULL;
      g_autofree char *ours = NULL;
      const char *sql;

      g_test_message ("%s", details[i].json);
      json_parser_load_from_data (parser, details[i].json, -1, &error);
      g_assert_no_error (error);
      stored = _taiou_timeline_detail_to_string (json_node_get_object (json_parser_get_root (parser)));
      ours = _taiou_timeline_detail_search_text (json_node_get_object (json_parser_get_root (parser)));
      sqlite3_reset (stmt);
      sqlite3_bind_text (stmt, 1, stored, -1, SQLITE_STATIC);
      g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
      sql = (const char *) sqlite3_column_text (stmt, 0);
      if (details[i].by_sql)
        g_assert_null (ours);
      else
        g_assert_cmpstr (ours, ==, sql);
    }
  sqlite3_finalize (stmt);
  sqlite3_close (db);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

#define ADD(path, func) \
  g_test_add ("/taiou/timeline-query/" path, Fixture, NULL, fixture_set_up, func, \
              fixture_tear_down)
  ADD ("unfiltered-pages", test_unfiltered_pages);
  ADD ("filters", test_filters);
  ADD ("text-search", test_text_search);
  ADD ("text-with-other-filters", test_text_with_other_filters);
  ADD ("bad-filters", test_bad_filters);
#undef ADD
  g_test_add_func ("/taiou/timeline-query/deep-pages", test_deep_pages);
  g_test_add_func ("/taiou/timeline-query/detail-search-text", test_detail_search_text);

  return g_test_run ();
}
