/* taiou-test-gui.h — GUI test set-up: a private Xvfb, GTK, libadwaita, waiting helpers */
#pragma once

#include <adwaita.h>

#include "taiou.h"

G_BEGIN_DECLS

gboolean   taiou_test_start_xvfb        (void);
gboolean   taiou_test_gui_init          (int          *argc,
                                         char       ***argv,
                                         gboolean      keep_locale);
void       taiou_test_wait_until_mapped (GtkWidget    *widget);
void       taiou_test_wait_for          (gboolean    (*condition) (gpointer data),
                                         gpointer      data);
void       taiou_test_click             (GtkWidget    *button);
GtkWidget *taiou_test_find_row          (GtkWidget    *root,
                                         const char   *title);
GtkWidget *taiou_test_find_button       (GtkWidget    *root,
                                         const char   *action_name);
GtkWidget *taiou_test_find_widget_type  (GtkWidget    *root,
                                         GType         type);
GtkWidget *taiou_test_find_css_class    (GtkWidget    *root,
                                         const char   *css_class);
GtkWidget *taiou_test_find_named        (GtkWidget    *root,
                                         const char   *name);
GtkWindow *taiou_test_wait_for_window   (GType         type);

/* The IT manager's record view in a window of its own, around a case on a temporary record, as
 * the app's window builds it (test-record-view, test-export-dialog). */
typedef struct
{
  TaiouTimeline *timeline;
  TaiouCase     *case_at_hand;
  GtkWindow     *window;
  GtkWidget     *view;
} TaiouTestRecordView;

void       taiou_test_record_view_init  (TaiouTestRecordView *record);
void       taiou_test_record_view_clear (TaiouTestRecordView *record);

G_END_DECLS
