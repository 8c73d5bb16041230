/* test-timeline-facets.c — the PCs, kinds and people an incident's events name */
#define G_LOG_DOMAIN "test-timeline-facets"

#include "config.h"

#include "taiou.h"
#include "taiou-test-util.h"

static void
append (TaiouTimeline *timeline,
        gint64         incident_id,
        const char    *kind,
        const char    *actor)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TaiouEvent) event = taiou_timeline_append (timeline, incident_id, kind, actor, "s",
                                                       NULL, &error);

  g_assert_no_error (error);
  g_assert_nonnull (event);
}

static void
assert_values (TaiouTimeline      *timeline,
               gint64              incident_id,
               TaiouEventFacet     facet,
               const char * const *expected)
{
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) values = taiou_timeline_list_event_values (timeline, incident_id, facet, &error);

  g_assert_no_error (error);
  g_assert_cmpstrv (values, expected);
}

/* Distinct and sorted, per incident: another incident's values never leak into the menu. */
static void
test_distinct_values (void)
{
  g_autoptr(TaiouTimeline) timeline = taiou_test_timeline_new (NULL);
  g_autoptr(TaiouIncident) first = taiou_test_add_incident (timeline, "first", 0);
  g_autoptr(TaiouIncident) other = taiou_test_add_incident (timeline, "other", 0);
  gint64 id = taiou_incident_get_id (first);
  const char * const kinds[] = { "incident.created", "mail.triage", "note", NULL };
  const char * const actors[] = { "佐藤", "鈴木", NULL };
  const char * const other_kinds[] = { "incident.created", "scan.finished", NULL };

  append (timeline, id, "note", "鈴木");
  append (timeline, id, "mail.triage", "佐藤");
  append (timeline, id, "note", "佐藤");
  append (timeline, taiou_incident_get_id (other), "scan.finished", "伊藤");

  assert_values (timeline, id, TAIOU_EVENT_FACET_KIND, kinds);
  assert_values (timeline, taiou_incident_get_id (other), TAIOU_EVENT_FACET_KIND, other_kinds);
  /* incident.created is written in the reporter's name, which taiou_test_add_incident sets. */
  {
    g_autoptr(GError) error = NULL;
    g_auto(GStrv) hosts = taiou_timeline_list_event_values (timeline, id, TAIOU_EVENT_FACET_HOST,
                                                            &error);
    g_auto(GStrv) people = taiou_timeline_list_event_values (timeline, id,
                                                             TAIOU_EVENT_FACET_ACTOR, &error);

    g_assert_no_error (error);
    g_assert_cmpuint (g_strv_length (hosts), ==, 1);
    for (guint i = 0; actors[i] != NULL; i++)
      g_assert_true (g_strv_contains ((const char * const *) people, actors[i]));
    g_assert_false (g_strv_contains ((const char * const *) people, "伊藤"));
  }
}

/* A crafted record naming thousands of PCs gives a menu of at most the cap. */
static void
test_capped (void)
{
  g_autoptr(TaiouTimeline) timeline = taiou_test_timeline_new (NULL);
  g_autoptr(TaiouIncident) incident = taiou_test_add_incident (timeline, "many", 0);
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) actors = NULL;

  for (guint i = 0; i < TAIOU_TIMELINE_MAX_FACET_VALUES + 50; i++)
    {
      g_autofree char *actor = g_strdup_printf ("actor-%04u", i);

      append (timeline, taiou_incident_get_id (incident), "note", actor);
    }
  actors = taiou_timeline_list_event_values (timeline, taiou_incident_get_id (incident),
                                             TAIOU_EVENT_FACET_ACTOR, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_strv_length (actors), ==, TAIOU_TIMELINE_MAX_FACET_VALUES);

  g_assert_null (taiou_timeline_list_event_values (timeline, 9999, TAIOU_EVENT_FACET_HOST,
                                                   &error));
  g_assert_error (error, TAIOU_TIMELINE_ERROR, TAIOU_TIMELINE_ERROR_NOT_FOUND);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/taiou/timeline-facets/distinct-values", test_distinct_values);
  g_test_add_func ("/taiou/timeline-facets/capped", test_capped);

  return g_test_run ();
}
