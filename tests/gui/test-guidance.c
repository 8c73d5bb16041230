/* test-guidance.c — every instruction a wizard page shows is a record of data/guidance/ with its
 * source under it, read from the real files and shown in the real pages under Xvfb */
#define G_LOG_DOMAIN "test-guidance"

#include "config.h"

#include "guidance/taiou-guidance-view.h"
#include "taiou-test-gui.h"
#include "taiou-test-util.h"
#include "wizard/taiou-pending-page.h"
#include "wizard/taiou-wizard.h"

static void
collect_guidance_views (GtkWidget *widget,
                        GPtrArray *views)
{
  if (TAIOU_IS_GUIDANCE_VIEW (widget))
    g_ptr_array_add (views, widget);
  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    collect_guidance_views (child, views);
}

static GtkLabel *
find_label_starting_with (GtkWidget  *widget,
                          const char *prefix)
{
  if (GTK_IS_LABEL (widget) && g_str_has_prefix (gtk_label_get_text (GTK_LABEL (widget)), prefix))
    return GTK_LABEL (widget);
  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkLabel *found = find_label_starting_with (child, prefix);

      if (found != NULL)
        return found;
    }
  return NULL;
}

/* Each built step shows at least one instruction; each is a record with an https source and
 * 「出典：」 under its text; no record is shown twice on one page. */
static void
test_every_page_cites_its_sources (void)
{
  g_autofree char *db_path = NULL;
  g_autoptr(TaiouTimeline) timeline = taiou_test_timeline_new (&db_path);
  g_autoptr(TaiouCase) case_at_hand = taiou_case_new (timeline, NULL);
  GtkWidget *window = gtk_window_new ();
  TaiouWizard *wizard = taiou_wizard_new ();
  guint n_built = 0;

  taiou_wizard_set_case (wizard, case_at_hand);
  gtk_window_set_child (GTK_WINDOW (window), GTK_WIDGET (wizard));
  gtk_window_present (GTK_WINDOW (window));
  taiou_test_wait_until_mapped (window);

  for (guint i = 0; i < taiou_wizard_get_n_pages (wizard); i++)
    {
      GtkWidget *page = GTK_WIDGET (taiou_wizard_get_page (wizard, i));
      g_autoptr(GPtrArray) views = g_ptr_array_new ();
      g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);

      if (TAIOU_IS_PENDING_PAGE (page))
        continue;
      n_built++;
      collect_guidance_views (page, views);
      g_test_message ("%s: %u instructions", G_OBJECT_TYPE_NAME (page), views->len);
      g_assert_cmpuint (views->len, >, 0);
      for (guint j = 0; j < views->len; j++)
        {
          TaiouGuidanceView *view = views->pdata[j];
          const char *id = taiou_guidance_view_get_record (view);
          GtkLabel *citation = find_label_starting_with (GTK_WIDGET (view), "出典：");

          g_assert_nonnull (id);
          g_assert_true (g_hash_table_add (seen, (gpointer) id));
          g_assert_nonnull (taiou_guidance_view_get_text (view));
          g_assert_true (g_str_has_prefix (taiou_guidance_view_get_source_url (view),
                                           "https://"));
          g_assert_nonnull (citation);
          g_assert_true (gtk_widget_get_visible (GTK_WIDGET (view)));
        }
    }
  g_assert_cmpuint (n_built, >, 0);

  gtk_window_destroy (GTK_WINDOW (window));
}

/* A page naming a record that does not exist is a programming error the tests catch. */
static void
test_unknown_record_is_critical (void)
{
  GtkWidget *view;

  g_test_expect_message ("taiou-guidance", G_LOG_LEVEL_CRITICAL, "*triage.no-such-record*");
  view = g_object_ref_sink (taiou_guidance_view_new ("triage.no-such-record"));
  g_test_assert_expected_messages ();
  g_assert_false (gtk_widget_get_visible (view));
  g_assert_null (taiou_guidance_view_get_text (TAIOU_GUIDANCE_VIEW (view)));
  g_object_unref (view);
}

static void
test_no_display (void)
{
  g_test_skip ("no X server could be started: install xvfb");
}

int
main (int    argc,
      char **argv)
{
  if (!taiou_test_gui_init (&argc, &argv, TRUE))
    {
      g_test_add_func ("/taiou/gui/guidance/no-display", test_no_display);
      return g_test_run ();
    }

  g_test_add_func ("/taiou/gui/guidance/every-page-cites-its-sources",
                   test_every_page_cites_its_sources);
  g_test_add_func ("/taiou/gui/guidance/unknown-record-is-critical",
                   test_unknown_record_is_critical);

  return g_test_run ();
}
