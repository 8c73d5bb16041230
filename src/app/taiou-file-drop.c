/* taiou-file-drop.c — "drop the file here": the first file dropped on a widget
 *
 * A worker who was just told to check a mail drags it from the mail program or the desktop
 * onto whatever Taiou shows; the mail check window and the wizard's scan step both take it.
 * One file at a time: a verdict is about one mail.
 */
#define G_LOG_DOMAIN "taiou-file-drop"

#include "config.h"

#include "taiou-file-drop.h"

typedef struct
{
  TaiouFileDropFunc dropped;
  gpointer          user_data;
} FileDrop;

static void
file_drop_free (gpointer  data,
                GClosure *closure)
{
  g_free (data);
}

static gboolean
drop_cb (GtkDropTarget *target,
         const GValue  *value,
         double         x,
         double         y,
         gpointer       user_data)
{
  FileDrop *drop = user_data;
  GSList *files;

  if (!G_VALUE_HOLDS (value, GDK_TYPE_FILE_LIST) || (files = g_value_get_boxed (value)) == NULL)
    return FALSE;
  drop->dropped (files->data, drop->user_data);
  return TRUE;
}

/**
 * taiou_file_drop_add:
 * @dropped: called with the first file dropped on @widget
 * @user_data: for @dropped; must live as long as @widget (it is usually @widget itself)
 */
void
taiou_file_drop_add (GtkWidget         *widget,
                     TaiouFileDropFunc  dropped,
                     gpointer           user_data)
{
  GtkDropTarget *target = gtk_drop_target_new (GDK_TYPE_FILE_LIST, GDK_ACTION_COPY);
  FileDrop *drop = g_new0 (FileDrop, 1);

  g_return_if_fail (GTK_IS_WIDGET (widget));
  g_return_if_fail (dropped != NULL);

  drop->dropped = dropped;
  drop->user_data = user_data;
  g_signal_connect_data (target, "drop", G_CALLBACK (drop_cb), drop, file_drop_free, 0);
  gtk_widget_add_controller (widget, GTK_EVENT_CONTROLLER (target));
}
