/* taiou-file-drop.h — "drop the file here": the first file dropped on a widget */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

typedef void (*TaiouFileDropFunc) (GFile    *file,
                                   gpointer  user_data);

void taiou_file_drop_add (GtkWidget         *widget,
                          TaiouFileDropFunc  dropped,
                          gpointer           user_data);

G_END_DECLS
