/* taiou-windows-disk-group.c — the Windows PC's disks connected here, and "choose a folder"
 *
 * The infected PC is usually a Windows PC; its disk, taken out or read through a USB adapter,
 * is mounted by the desktop.  GVolumeMonitor knows every mount; the ones worth offering hold
 * Windows\System32\config, the folder of the registry hives, which no data disk has.  Looking
 * inside each mount touches the disk (a sleeping USB drive, a slow network share), so it runs
 * in a worker thread and the list fills in when it is done.  A disk the monitor does not know
 * (a copy, a folder mounted by hand) is chosen with the folder chooser.  The group only says
 * which folder was chosen ("disk-chosen"); the page checks it.
 */
#define G_LOG_DOMAIN "taiou-scan-page"

#include "config.h"

#include <glib/gi18n.h>

#include "taiou-windows-disk-group.h"
#include "taiou.h"

struct _TaiouWindowsDiskGroup
{
  AdwPreferencesGroup   parent_instance;

  GVolumeMonitor       *monitor;
  GCancellable         *cancellable;  /* of the listing under way */
  GPtrArray            *rows;         /* the rows this group added, to remove on refresh */
  GtkFileChooserNative *chooser;
  guint                 n_disks;
};

G_DEFINE_FINAL_TYPE (TaiouWindowsDiskGroup, taiou_windows_disk_group, ADW_TYPE_PREFERENCES_GROUP)

enum {
  SIGNAL_DISK_CHOSEN,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

typedef struct
{
  char *name;
  char *path;
} Mount;

static void
mount_free (Mount *mount)
{
  g_free (mount->name);
  g_free (mount->path);
  g_free (mount);
}

static void
list_thread (GTask        *task,
             gpointer      source_object,
             gpointer      task_data,
             GCancellable *cancellable)
{
  GPtrArray *mounts = task_data;
  GPtrArray *windows = g_ptr_array_new_with_free_func ((GDestroyNotify) mount_free);

  for (guint i = 0; i < mounts->len && !g_cancellable_is_cancelled (cancellable); i++)
    {
      Mount *mount = mounts->pdata[i];

      if (taiou_windows_volume_looks_like (mount->path))
        {
          Mount *copy = g_new0 (Mount, 1);

          copy->name = g_strdup (mount->name);
          copy->path = g_strdup (mount->path);
          g_ptr_array_add (windows, copy);
        }
    }
  g_task_return_pointer (task, windows, (GDestroyNotify) g_ptr_array_unref);
}

static void
add_row (TaiouWindowsDiskGroup *self,
         GtkWidget             *row)
{
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (self), row);
  g_ptr_array_add (self->rows, row);
}

static GtkWidget *
disk_row (const Mount *mount)
{
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *button = gtk_button_new_with_mnemonic (_("_Check"));
  g_autofree char *label = g_strdup_printf (_("Check the Windows disk %s"), mount->name);

  /* A disk's label is whatever its owner typed. */
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), mount->name);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), mount->path);
  adw_action_row_add_prefix (ADW_ACTION_ROW (row),
                             gtk_image_new_from_icon_name ("drive-harddisk-symbolic"));
  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  gtk_actionable_set_action_name (GTK_ACTIONABLE (button), "windows-disk.check");
  gtk_actionable_set_action_target (GTK_ACTIONABLE (button), "s", mount->path);
  gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL, label,
                                  -1);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), button);
  adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), button);
  return row;
}

static GtkWidget *
choose_row (void)
{
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *button = gtk_button_new_with_mnemonic (_("Choose a _Folder…"));

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), _("The disk is somewhere else"));
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row),
                               _("Choose the folder that holds the Windows, Users and Program "
                                 "Files folders."));
  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  gtk_actionable_set_action_name (GTK_ACTIONABLE (button), "windows-disk.choose");
  gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Choose the folder of the Windows disk"), -1);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), button);
  adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), button);
  return row;
}

static void
show_mounts (TaiouWindowsDiskGroup *self,
             GPtrArray             *windows)
{
  for (guint i = 0; i < self->rows->len; i++)
    adw_preferences_group_remove (ADW_PREFERENCES_GROUP (self), self->rows->pdata[i]);
  g_ptr_array_set_size (self->rows, 0);

  self->n_disks = windows->len;
  for (guint i = 0; i < windows->len; i++)
    add_row (self, disk_row (windows->pdata[i]));
  if (windows->len == 0)
    {
      GtkWidget *none = adw_action_row_new ();

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (none),
                                     _("No Windows disk is connected"));
      adw_action_row_set_subtitle (ADW_ACTION_ROW (none),
                                   _("Connect the Windows PC’s disk to this computer; it "
                                     "appears here."));
      add_row (self, none);
    }
  add_row (self, choose_row ());
}

static void
list_done_cb (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(GPtrArray) windows = g_task_propagate_pointer (G_TASK (result), NULL);
  TaiouWindowsDiskGroup *self = user_data;

  /* Cancelled: the group went away or a newer listing replaced this one. */
  if (windows == NULL)
    return;
  show_mounts (self, windows);
}

/* Lists the mounts again; the rows change when the worker has looked inside them. */
void
taiou_windows_disk_group_refresh (TaiouWindowsDiskGroup *self)
{
  g_autoptr(GPtrArray) mounts = g_ptr_array_new_with_free_func ((GDestroyNotify) mount_free);
  g_autoptr(GTask) task = NULL;
  GList *list;

  g_return_if_fail (TAIOU_IS_WINDOWS_DISK_GROUP (self));

  list = g_volume_monitor_get_mounts (self->monitor);
  for (GList *l = list; l != NULL; l = l->next)
    {
      g_autoptr(GFile) root = g_mount_get_root (l->data);
      char *path = g_file_get_path (root);
      Mount *mount;

      if (path == NULL || g_mount_is_shadowed (l->data))
        {
          g_free (path);
          continue;
        }
      mount = g_new0 (Mount, 1);
      mount->name = g_mount_get_name (l->data);
      mount->path = path;
      g_ptr_array_add (mounts, mount);
    }
  g_list_free_full (list, g_object_unref);

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();
  /* The callback is not called with a stale self: dispose cancels, and a cancelled task
   * returns NULL, which the callback ignores before touching self. */
  task = g_task_new (NULL, self->cancellable, list_done_cb, self);
  g_task_set_source_tag (task, taiou_windows_disk_group_refresh);
  g_task_set_return_on_cancel (task, TRUE);
  g_task_set_task_data (task, g_steal_pointer (&mounts), (GDestroyNotify) g_ptr_array_unref);
  g_task_run_in_thread (task, list_thread);
}

/* Returns: how many Windows disks are offered (for the tests) */
guint
taiou_windows_disk_group_get_n_disks (TaiouWindowsDiskGroup *self)
{
  g_return_val_if_fail (TAIOU_IS_WINDOWS_DISK_GROUP (self), 0);
  return self->n_disks;
}

static void
check_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  g_signal_emit (widget, signals[SIGNAL_DISK_CHOSEN], 0, g_variant_get_string (parameter, NULL));
}

static void
chooser_response_cb (GtkNativeDialog *dialog,
                     int              response,
                     gpointer         user_data)
{
  TaiouWindowsDiskGroup *self = user_data;

  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) folder = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (dialog));
      g_autofree char *path = folder != NULL ? g_file_get_path (folder) : NULL;

      if (path != NULL)
        g_signal_emit (self, signals[SIGNAL_DISK_CHOSEN], 0, path);
    }
  g_clear_object (&self->chooser);
}

static void
choose_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  TaiouWindowsDiskGroup *self = TAIOU_WINDOWS_DISK_GROUP (widget);
  GtkRoot *root = gtk_widget_get_root (widget);

  if (self->chooser != NULL)
    return;
  self->chooser = gtk_file_chooser_native_new (_("Choose the Folder of the Windows Disk"),
                                               GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                               GTK_FILE_CHOOSER_ACTION_SELECT_FOLDER,
                                               _("_Check This Folder"), _("_Cancel"));
  g_signal_connect (self->chooser, "response", G_CALLBACK (chooser_response_cb), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (self->chooser));
}

static void
taiou_windows_disk_group_dispose (GObject *object)
{
  TaiouWindowsDiskGroup *self = TAIOU_WINDOWS_DISK_GROUP (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  if (self->monitor != NULL)
    g_signal_handlers_disconnect_by_data (self->monitor, self);
  g_clear_object (&self->monitor);
  if (self->chooser != NULL)
    gtk_native_dialog_destroy (GTK_NATIVE_DIALOG (self->chooser));
  g_clear_object (&self->chooser);
  g_clear_pointer (&self->rows, g_ptr_array_unref);

  G_OBJECT_CLASS (taiou_windows_disk_group_parent_class)->dispose (object);
}

static void
taiou_windows_disk_group_class_init (TaiouWindowsDiskGroupClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = taiou_windows_disk_group_dispose;

  /**
   * TaiouWindowsDiskGroup::disk-chosen:
   * @path: the folder the user chose as the Windows disk (not yet checked to be one)
   */
  signals[SIGNAL_DISK_CHOSEN] = g_signal_new ("disk-chosen", G_TYPE_FROM_CLASS (klass),
                                              G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                                              G_TYPE_NONE, 1, G_TYPE_STRING);

  gtk_widget_class_install_action (widget_class, "windows-disk.check", "s", check_action);
  gtk_widget_class_install_action (widget_class, "windows-disk.choose", NULL, choose_action);
}

static void
taiou_windows_disk_group_init (TaiouWindowsDiskGroup *self)
{
  g_autoptr(GPtrArray) none = g_ptr_array_new ();

  self->rows = g_ptr_array_new ();
  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (self), _("The Windows PC’s Disk"));
  adw_preferences_group_set_description (ADW_PREFERENCES_GROUP (self),
                                         _("If the disk of the PC that may be infected is "
                                           "connected to this computer, check it here. It is "
                                           "only read, never changed."));
  show_mounts (self, none);
  self->monitor = g_volume_monitor_get ();
  g_signal_connect_swapped (self->monitor, "mount-added",
                            G_CALLBACK (taiou_windows_disk_group_refresh), self);
  g_signal_connect_swapped (self->monitor, "mount-removed",
                            G_CALLBACK (taiou_windows_disk_group_refresh), self);
  g_signal_connect_swapped (self->monitor, "mount-changed",
                            G_CALLBACK (taiou_windows_disk_group_refresh), self);
  taiou_windows_disk_group_refresh (self);
}
