/* test-event-kinds.c — every kind of event has a label for the people who read the record */
#define G_LOG_DOMAIN "test-event-kinds"

#include "config.h"

#include "taiou-test-util.h"

/* Every kind in taiou-event-kinds.h has a label; an unknown kind reads as itself. */
static void
test_every_kind_has_a_label (void)
{
  g_autofree char *path = g_build_filename (TAIOU_SOURCE_ROOT, "src", "libtaiou", "timeline",
                                            "taiou-event-kinds.h", NULL);
  g_autofree char *header = NULL;
  g_autoptr(GRegex) define = g_regex_new ("^#define TAIOU_EVENT_(?!DETAIL_)\\w+\\s+\"([^\"]+)\"",
                                          G_REGEX_MULTILINE, 0, NULL);
  g_autoptr(GMatchInfo) match = NULL;
  guint n_kinds = 0;

  g_assert_true (g_file_get_contents (path, &header, NULL, NULL));
  g_regex_match (define, header, 0, &match);
  for (; g_match_info_matches (match); g_match_info_next (match, NULL))
    {
      g_autofree char *kind = g_match_info_fetch (match, 1);

      g_test_message ("%s: %s", kind, taiou_event_kind_get_label (kind));
      g_assert_cmpstr (taiou_event_kind_get_label (kind), !=, kind);
      n_kinds++;
    }
  g_assert_cmpuint (n_kinds, >=, 20);
  g_assert_cmpstr (taiou_event_kind_get_label ("a.kind-from-the-future"), ==,
                   "a.kind-from-the-future");
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/taiou/event-kinds/every-kind-has-a-label", test_every_kind_has_a_label);

  return g_test_run ();
}
