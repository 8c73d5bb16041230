/* taiou-event-columns.c — the columns of a table of events, and scrolling it
 *
 * Number, local time (UTC on hover, to compare with other tools' logs), the PC, who, the kind in the
 * user's language (the code on hover) and the summary.  The event verification refused is
 * marked in every cell of its row, so the number the banner names can be found.
 */
#define G_LOG_DOMAIN "taiou-event-columns"

#include "config.h"

#include <glib/gi18n.h>

#include "taiou.h"
#include "taiou-event-columns.h"

typedef enum
{
  COLUMN_SEQ,
  COLUMN_TIME,
  COLUMN_HOST,
  COLUMN_ACTOR,
  COLUMN_KIND,
  COLUMN_SUMMARY,
} EventColumn;

/* The hover text is computed when GTK asks for it: setting it at every bind costs a round trip
 * to the display server per cell (GTK re-queries the pointer), which made scrolling stutter. */
static gboolean
query_tooltip_cb (GtkWidget   *label,
                  int          x,
                  int          y,
                  gboolean     keyboard_mode,
                  GtkTooltip  *tooltip,
                  GtkListItem *item)
{
  TaiouEvent *event = gtk_list_item_get_item (item);
  EventColumn column = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (label), "column"));
  g_autofree char *text = NULL;

  if (event == NULL)
    return FALSE;
  if (column == COLUMN_TIME)
    text = taiou_time_format_iso8601 (taiou_event_get_time_us (event));
  else
    text = g_strdup (taiou_event_get_kind (event));
  gtk_tooltip_set_text (tooltip, text);
  return TRUE;
}

static void
setup_cell_cb (GtkSignalListItemFactory *factory,
               GtkListItem              *item)
{
  EventColumn column = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (factory), "column"));
  GtkWidget *label = gtk_label_new (NULL);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_selectable (GTK_LABEL (label), FALSE);
  /* One line per event, as log tools show them: rows of one height scroll without measuring
   * each text again; the detail pane shows the whole summary. */
  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
  if (column == COLUMN_TIME || column == COLUMN_KIND)
    {
      g_object_set_data (G_OBJECT (label), "column", GINT_TO_POINTER (column));
      gtk_widget_set_has_tooltip (label, TRUE);
      g_signal_connect (label, "query-tooltip", G_CALLBACK (query_tooltip_cb), item);
    }
  gtk_list_item_set_child (item, label);
}

static void
bind_cell_cb (GtkSignalListItemFactory *factory,
              GtkListItem              *item)
{
  TaiouEvent *event = gtk_list_item_get_item (item);
  EventColumn column = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (factory), "column"));
  const gint64 *bad_seq = g_object_get_data (G_OBJECT (factory), "bad-seq");
  GtkLabel *label = GTK_LABEL (gtk_list_item_get_child (item));
  g_autofree char *text = NULL;

  switch (column)
    {
    case COLUMN_SEQ:
      text = g_strdup_printf ("%" G_GINT64_FORMAT, taiou_event_get_seq (event));
      gtk_label_set_label (label, text);
      break;
    case COLUMN_TIME:
      text = taiou_event_format_time (event);
      gtk_label_set_label (label, text);
      break;
    case COLUMN_HOST:
      gtk_label_set_label (label, taiou_event_get_host (event));
      break;
    case COLUMN_ACTOR:
      gtk_label_set_label (label, taiou_event_get_actor (event));
      break;
    case COLUMN_KIND:
      gtk_label_set_label (label, taiou_event_kind_get_label (taiou_event_get_kind (event)));
      break;
    case COLUMN_SUMMARY:
      gtk_label_set_label (label, taiou_event_get_summary (event));
      break;
    default:
      g_assert_not_reached ();
    }
  if (*bad_seq != 0 && taiou_event_get_seq (event) == *bad_seq)
    gtk_widget_add_css_class (GTK_WIDGET (label), "error");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (label), "error");
}

static void
add_column (GtkColumnView *view,
            const gint64  *bad_seq,
            const char    *title,
            EventColumn    column,
            gboolean       expand)
{
  GtkListItemFactory *factory = gtk_signal_list_item_factory_new ();
  g_autoptr(GtkColumnViewColumn) view_column = NULL;

  g_object_set_data (G_OBJECT (factory), "column", GINT_TO_POINTER (column));
  g_object_set_data (G_OBJECT (factory), "bad-seq", (gpointer) bad_seq);
  g_signal_connect (factory, "setup", G_CALLBACK (setup_cell_cb), NULL);
  g_signal_connect (factory, "bind", G_CALLBACK (bind_cell_cb), NULL);

  view_column = gtk_column_view_column_new (title, factory);
  gtk_column_view_column_set_expand (view_column, expand);
  gtk_column_view_column_set_resizable (view_column, TRUE);
  gtk_column_view_append_column (view, view_column);
}

/**
 * taiou_event_columns_add:
 * @bad_seq: where the number of the event verification refused is kept (0 for none); read at
 *   every bind, so it must outlive @view's columns
 */
void
taiou_event_columns_add (GtkColumnView *view,
                         const gint64  *bad_seq)
{
  g_return_if_fail (GTK_IS_COLUMN_VIEW (view));
  g_return_if_fail (bad_seq != NULL);

  add_column (view, bad_seq, C_("event number", "#"), COLUMN_SEQ, FALSE);
  add_column (view, bad_seq, _("Time"), COLUMN_TIME, FALSE);
  add_column (view, bad_seq, _("PC"), COLUMN_HOST, FALSE);
  add_column (view, bad_seq, _("Who"), COLUMN_ACTOR, FALSE);
  add_column (view, bad_seq, _("Kind"), COLUMN_KIND, FALSE);
  add_column (view, bad_seq, _("Summary"), COLUMN_SUMMARY, TRUE);
}

/* GTK 4.8 has no gtk_column_view_scroll_to(); the list inside the column view scrolls on its
 * "list.scroll-to-item" action. */
void
taiou_event_columns_scroll_to (GtkColumnView *view,
                               guint          position)
{
  g_return_if_fail (GTK_IS_COLUMN_VIEW (view));

  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (view));
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (GTK_IS_LIST_VIEW (child))
      gtk_widget_activate_action (child, "list.scroll-to-item", "u", position);
}
