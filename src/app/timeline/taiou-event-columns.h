/* taiou-event-columns.h — the columns of a table of events, and scrolling it */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

void taiou_event_columns_add       (GtkColumnView *view,
                                    const gint64  *bad_seq);
void taiou_event_columns_scroll_to (GtkColumnView *view,
                                    guint          position);

G_END_DECLS
