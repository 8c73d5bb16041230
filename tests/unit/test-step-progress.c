/* test-step-progress.c — done, skipped and not-yet steps, read back from a real record */
#define G_LOG_DOMAIN "test-step-progress"

#include "config.h"

#include "taiou-test-util.h"

static const char * const steps[] = { "triage", "disconnect", "scan", "passwords", NULL };

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

/* What the wizard writes on Next (to = the step shown next) and on Skip. */
static void
next (Fixture    *fixture,
      const char *to)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (taiou_case_record_step (fixture->case_at_hand, to, "moved", &error));
  g_assert_no_error (error);
}

static void
skip (Fixture    *fixture,
      const char *from,
      const char *to)
{
  g_autoptr(JsonObject) detail = json_object_new ();
  g_autoptr(GError) error = NULL;

  json_object_set_string_member (detail, TAIOU_EVENT_DETAIL_STEP, from);
  g_assert_true (taiou_case_record_answer (fixture->case_at_hand, TAIOU_EVENT_WIZARD_SKIPPED,
                                           "skipped", detail, &error));
  g_assert_no_error (error);
  next (fixture, to);
}

static TaiouStepProgress *
read_back (Fixture *fixture)
{
  g_autoptr(GError) error = NULL;
  TaiouIncident *incident = taiou_case_get_incident (fixture->case_at_hand);
  g_autoptr(GPtrArray) events = taiou_timeline_list_events (fixture->timeline,
                                                           taiou_incident_get_id (incident),
                                                           &error);

  g_assert_no_error (error);
  return taiou_step_progress_read (steps, events);
}

static void
test_fresh_incident (Fixture       *fixture,
                     gconstpointer  user_data)
{
  g_autoptr(TaiouStepProgress) progress = read_back (fixture);

  g_assert_cmpuint (progress->n_steps, ==, 4);
  g_assert_cmpuint (progress->last_shown, ==, 0);
  g_assert_cmpuint (taiou_step_progress_count (progress, TAIOU_STEP_NOT_YET), ==, 4);
}

/* A skipped step must never read as done: that is what misled the worker in the walkthrough. */
static void
test_done_and_skipped_differ (Fixture       *fixture,
                              gconstpointer  user_data)
{
  g_autoptr(TaiouStepProgress) progress = NULL;

  next (fixture, "disconnect");
  skip (fixture, "disconnect", "scan");
  next (fixture, "passwords");
  progress = read_back (fixture);

  g_assert_cmpint (progress->states[0], ==, TAIOU_STEP_DONE);
  g_assert_cmpint (progress->states[1], ==, TAIOU_STEP_SKIPPED);
  g_assert_cmpint (progress->states[2], ==, TAIOU_STEP_DONE);
  g_assert_cmpint (progress->states[3], ==, TAIOU_STEP_NOT_YET);
  g_assert_cmpuint (progress->last_shown, ==, 3);
}

/* Back moves only the resume point; doing a skipped step afterwards makes it done. */
static void
test_back_then_do_skipped_step (Fixture       *fixture,
                                gconstpointer  user_data)
{
  g_autoptr(TaiouStepProgress) after_back = NULL;
  g_autoptr(TaiouStepProgress) after_redo = NULL;

  next (fixture, "disconnect");
  skip (fixture, "disconnect", "scan");
  next (fixture, "disconnect");  /* Back */
  after_back = read_back (fixture);
  g_assert_cmpuint (after_back->last_shown, ==, 1);
  g_assert_cmpint (after_back->states[1], ==, TAIOU_STEP_SKIPPED);

  next (fixture, "scan");
  after_redo = read_back (fixture);
  g_assert_cmpint (after_redo->states[1], ==, TAIOU_STEP_DONE);
  g_assert_cmpuint (after_redo->last_shown, ==, 2);
}

static void
test_finished (Fixture       *fixture,
               gconstpointer  user_data)
{
  g_autoptr(TaiouStepProgress) progress = NULL;

  next (fixture, "disconnect");
  next (fixture, "scan");
  next (fixture, "passwords");
  skip (fixture, "passwords", TAIOU_INCIDENT_STEP_FINISHED);
  progress = read_back (fixture);

  g_assert_cmpuint (progress->last_shown, ==, 4);
  g_assert_cmpuint (taiou_step_progress_count (progress, TAIOU_STEP_DONE), ==, 3);
  g_assert_cmpint (progress->states[3], ==, TAIOU_STEP_SKIPPED);
}

/* A record written by another version (unknown steps, a detail that is not an object) reads. */
static void
test_unknown_steps_ignored (Fixture       *fixture,
                            gconstpointer  user_data)
{
  g_autoptr(TaiouStepProgress) progress = NULL;
  g_autoptr(GError) error = NULL;

  next (fixture, "a-step-from-the-future");
  g_assert_true (taiou_case_record_answer (fixture->case_at_hand, TAIOU_EVENT_WIZARD_SKIPPED,
                                           "odd", NULL, &error));
  next (fixture, "disconnect");
  progress = read_back (fixture);

  g_assert_cmpint (progress->states[0], ==, TAIOU_STEP_DONE);
  g_assert_cmpuint (progress->last_shown, ==, 1);
}

#define ADD_TEST(path, func) \
  g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  ADD_TEST ("/taiou/step-progress/fresh-incident", test_fresh_incident);
  ADD_TEST ("/taiou/step-progress/done-and-skipped-differ", test_done_and_skipped_differ);
  ADD_TEST ("/taiou/step-progress/back-then-do-skipped-step", test_back_then_do_skipped_step);
  ADD_TEST ("/taiou/step-progress/finished", test_finished);
  ADD_TEST ("/taiou/step-progress/unknown-steps-ignored", test_unknown_steps_ignored);

  return g_test_run ();
}
