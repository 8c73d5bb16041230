/* fuzz-timeline-search.c — the record view's search box: whatever the user types, the query
 * either runs or says the text is too long or not text (TAIOU_TIMELINE_ERROR_INVALID); it never
 * reaches SQLite or FTS5 as syntax (an SQL or FTS5 error would surface as another error). */
#include "config.h"

#include <glib/gstdio.h>

#include "taiou.h"

int LLVMFuzzerTestOneInput (const guint8 *data, size_t size);

static TaiouTimeline *timeline;
static gint64 incident_id;

static void
open_timeline (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("fuzz-timeline-search-XXXXXX", &error);
  g_autofree char *path = NULL;
  g_autoptr(TaiouIncident) incident = NULL;
  const char * const summaries[] = {
    "LANケーブルを抜いた \"OR\" NEAR(x) * ^col: AND NOT", "Emotet の感染を確認",
    "C:\\Users\\yamada\\請求書.zip", "%_\\ 100%",
  };

  g_assert_no_error (error);
  path = g_build_filename (dir, "fuzz.db", NULL);
  timeline = taiou_timeline_open (path, &error);
  g_assert_no_error (error);
  incident = taiou_timeline_create_incident (timeline, "fuzz", 1, "PC-07", "fuzz", &error);
  g_assert_no_error (error);
  incident_id = taiou_incident_get_id (incident);
  for (guint i = 0; i < G_N_ELEMENTS (summaries); i++)
    {
      g_autoptr(TaiouEvent) event = taiou_timeline_append (timeline, incident_id, "note", NULL,
                                                           summaries[i], NULL, &error);

      g_assert_no_error (error);
    }
}

int
LLVMFuzzerTestOneInput (const guint8 *data,
                        size_t        size)
{
  g_autofree char *text = g_strndup ((const char *) data, size);
  TaiouEventFilter filter = { 0 };
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) events = NULL;
  gint64 count;

  if (timeline == NULL)
    open_timeline ();
  filter.incident_id = incident_id;
  filter.text = text;
  count = taiou_timeline_count_matching (timeline, &filter, &error);
  if (count < 0)
    {
      g_assert_error (error, TAIOU_TIMELINE_ERROR, TAIOU_TIMELINE_ERROR_INVALID);
      return 0;
    }
  g_assert_no_error (error);
  events = taiou_timeline_query_events (timeline, &filter, 0, 10, &error);
  g_assert_no_error (error);
  g_assert_cmpint (events->len, ==, MIN (count, 10));
  return 0;
}
