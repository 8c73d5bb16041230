/* taiou-yara-preferences-page.c — Preferences: the IT manager's YARA rule files and folders
 *
 * Loki's and THOR's users bring their own rules; here the IT manager lists rule files and
 * folders that every scan and mail check uses beside the bundled rules (issue 15).  A file is
 * compiled before it is saved, so a rule file with a mistake is refused with the file and line
 * in the user's language, instead of making every later scan fail.  The list is the GSettings
 * key yara-rule-paths; the application hands it to the case when it changes.
 */
#define G_LOG_DOMAIN "taiou-preferences"

#include "config.h"

#include <glib/gi18n.h>

#include "taiou.h"
#include "taiou-application.h"
#include "taiou-settings.h"
#include "taiou-yara-preferences-page.h"

struct _TaiouYaraPreferencesPage
{
  AdwPreferencesPage    parent_instance;

  AdwActionRow         *status_row;
  GtkImage             *status_icon;
  AdwPreferencesGroup  *files_group;
  AdwActionRow         *empty_row;

  GSettings            *settings;    /* nullable: no schema installed */
  GPtrArray            *path_rows;   /* AdwActionRow, one per saved path */
  GtkNativeDialog      *chooser;
};

G_DEFINE_FINAL_TYPE (TaiouYaraPreferencesPage, taiou_yara_preferences_page,
                     ADW_TYPE_PREFERENCES_PAGE)

/* Compiles @paths with the bundled rules; shows how many rules, or what is wrong and where. */
static gboolean
show_status (TaiouYaraPreferencesPage *self,
             const char * const       *paths)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TaiouYaraRules) rules = taiou_yara_rules_compile (TRUE, paths, &error);
  GtkWidget *row = GTK_WIDGET (self->status_row);

  if (rules == NULL)
    {
      g_autofree char *reason = taiou_yara_error_get_message (error,
                                                              taiou_i18n_prefers_japanese ());

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row),
                                     _("A rule file has a mistake"));
      adw_action_row_set_subtitle (self->status_row, reason);
      gtk_image_set_from_icon_name (self->status_icon, "dialog-error-symbolic");
      gtk_widget_add_css_class (row, "error");
      return FALSE;
    }
  {
    g_autofree char *count = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                           "%u rule from %u file(s)",
                                                           "%u rules from %u file(s)",
                                                           taiou_yara_rules_get_n_rules (rules)),
                                              taiou_yara_rules_get_n_rules (rules),
                                              taiou_yara_rules_get_n_files (rules));

    adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), _("Rules ready"));
    adw_action_row_set_subtitle (self->status_row, count);
    gtk_image_set_from_icon_name (self->status_icon, "emblem-ok-symbolic");
    gtk_widget_remove_css_class (row, "error");
  }
  return TRUE;
}

static GtkWidget *
path_row_new (const char *path)
{
  g_autofree char *name = g_path_get_basename (path);
  g_autofree char *remove_label = g_strdup_printf (_("Remove %s"), name);
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *remove = gtk_button_new_from_icon_name ("user-trash-symbolic");

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), name);
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), path);
  gtk_widget_set_valign (remove, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (remove, "flat");
  gtk_widget_set_tooltip_text (remove, remove_label);
  gtk_accessible_update_property (GTK_ACCESSIBLE (remove), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  remove_label, -1);
  gtk_actionable_set_action_name (GTK_ACTIONABLE (remove), "yara-preferences.remove");
  gtk_actionable_set_action_target (GTK_ACTIONABLE (remove), "s", path);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), remove);
  return row;
}

static void
reload (TaiouYaraPreferencesPage *self)
{
  g_auto(GStrv) paths = self->settings != NULL
                        ? g_settings_get_strv (self->settings, TAIOU_SETTINGS_YARA_RULE_PATHS)
                        : g_new0 (char *, 1);

  for (guint i = 0; i < self->path_rows->len; i++)
    adw_preferences_group_remove (self->files_group, self->path_rows->pdata[i]);
  g_ptr_array_set_size (self->path_rows, 0);
  for (guint i = 0; paths[i] != NULL; i++)
    {
      GtkWidget *row = path_row_new (paths[i]);

      adw_preferences_group_add (self->files_group, row);
      g_ptr_array_add (self->path_rows, row);
    }
  gtk_widget_set_visible (GTK_WIDGET (self->empty_row), paths[0] == NULL);
  show_status (self, (const char * const *) paths);
}

/**
 * taiou_yara_preferences_page_add_path:
 * @path: a rule file or a folder of them
 *
 * Saves @path in the list if, with the others, it compiles; otherwise the status row says
 * what is wrong and nothing is saved.
 *
 * Returns: whether @path was saved (or was in the list already)
 */
gboolean
taiou_yara_preferences_page_add_path (TaiouYaraPreferencesPage *self,
                                      const char               *path)
{
  g_auto(GStrv) paths = NULL;
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_auto(GStrv) wanted = NULL;

  g_return_val_if_fail (TAIOU_IS_YARA_PREFERENCES_PAGE (self), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  if (self->settings == NULL)
    return FALSE;
  paths = g_settings_get_strv (self->settings, TAIOU_SETTINGS_YARA_RULE_PATHS);
  if (g_strv_contains ((const char * const *) paths, path))
    return TRUE;
  g_strv_builder_addv (builder, (const char **) paths);
  g_strv_builder_add (builder, path);
  wanted = g_strv_builder_end (builder);
  if (!show_status (self, (const char * const *) wanted))
    return FALSE;
  g_settings_set_strv (self->settings, TAIOU_SETTINGS_YARA_RULE_PATHS,
                       (const char * const *) wanted);
  return TRUE;
}

static void
chooser_response_cb (TaiouYaraPreferencesPage *self,
                     int                       response,
                     GtkNativeDialog          *chooser)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));

      if (file != NULL && g_file_peek_path (file) != NULL)
        taiou_yara_preferences_page_add_path (self, g_file_peek_path (file));
    }
  g_clear_object (&self->chooser);
}

static void
choose (TaiouYaraPreferencesPage *self,
        GtkFileChooserAction      action,
        const char               *title)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  GtkFileChooserNative *chooser;

  g_clear_object (&self->chooser);
  chooser = gtk_file_chooser_native_new (title, GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                         action, _("_Add"), _("_Cancel"));
  if (action == GTK_FILE_CHOOSER_ACTION_OPEN)
    {
      g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();

      gtk_file_filter_set_name (filter, _("YARA rule files"));
      gtk_file_filter_add_pattern (filter, "*.yar");
      gtk_file_filter_add_pattern (filter, "*.yara");
      gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), filter);
    }
  self->chooser = GTK_NATIVE_DIALOG (chooser);
  gtk_native_dialog_set_modal (self->chooser, TRUE);
  g_signal_connect_object (chooser, "response", G_CALLBACK (chooser_response_cb), self,
                           G_CONNECT_SWAPPED);
  gtk_native_dialog_show (self->chooser);
}

static void
add_file_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  choose (TAIOU_YARA_PREFERENCES_PAGE (widget), GTK_FILE_CHOOSER_ACTION_OPEN,
          _("Add a YARA Rule File"));
}

static void
add_folder_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  choose (TAIOU_YARA_PREFERENCES_PAGE (widget), GTK_FILE_CHOOSER_ACTION_SELECT_FOLDER,
          _("Add a Folder of YARA Rules"));
}

static void
remove_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  TaiouYaraPreferencesPage *self = TAIOU_YARA_PREFERENCES_PAGE (widget);
  const char *removed = g_variant_get_string (parameter, NULL);
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_auto(GStrv) paths = NULL;
  g_auto(GStrv) kept = NULL;

  if (self->settings == NULL)
    return;
  paths = g_settings_get_strv (self->settings, TAIOU_SETTINGS_YARA_RULE_PATHS);

  for (guint i = 0; paths[i] != NULL; i++)
    if (g_strcmp0 (paths[i], removed) != 0)
      g_strv_builder_add (builder, paths[i]);
  kept = g_strv_builder_end (builder);
  g_settings_set_strv (self->settings, TAIOU_SETTINGS_YARA_RULE_PATHS,
                       (const char * const *) kept);
}

static void
taiou_yara_preferences_page_dispose (GObject *object)
{
  TaiouYaraPreferencesPage *self = TAIOU_YARA_PREFERENCES_PAGE (object);

  if (self->chooser != NULL)
    gtk_native_dialog_destroy (self->chooser);
  g_clear_object (&self->chooser);
  g_clear_object (&self->settings);
  g_clear_pointer (&self->path_rows, g_ptr_array_unref);

  G_OBJECT_CLASS (taiou_yara_preferences_page_parent_class)->dispose (object);
}

static void
taiou_yara_preferences_page_class_init (TaiouYaraPreferencesPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = taiou_yara_preferences_page_dispose;

  gtk_widget_class_set_template_from_resource (
    widget_class, "/io/github/taiou/Taiou/taiou-yara-preferences-page.ui");
  gtk_widget_class_bind_template_child (widget_class, TaiouYaraPreferencesPage, status_row);
  gtk_widget_class_bind_template_child (widget_class, TaiouYaraPreferencesPage, status_icon);
  gtk_widget_class_bind_template_child (widget_class, TaiouYaraPreferencesPage, files_group);
  gtk_widget_class_bind_template_child (widget_class, TaiouYaraPreferencesPage, empty_row);
  gtk_widget_class_install_action (widget_class, "yara-preferences.add-file", NULL,
                                   add_file_action);
  gtk_widget_class_install_action (widget_class, "yara-preferences.add-folder", NULL,
                                   add_folder_action);
  gtk_widget_class_install_action (widget_class, "yara-preferences.remove", "s",
                                   remove_action);
}

/* The app's settings, as every page of Preferences uses them; without the app (a test, the
 * screenshot tool) the installed schema's, if any. */
static void
taiou_yara_preferences_page_init (TaiouYaraPreferencesPage *self)
{
  GApplication *application = g_application_get_default ();

  gtk_widget_init_template (GTK_WIDGET (self));
  self->path_rows = g_ptr_array_new ();
  self->settings = TAIOU_IS_APPLICATION (application)
                   ? g_object_ref (taiou_application_get_settings (TAIOU_APPLICATION (application)))
                   : taiou_settings_new_if_installed ();
  gtk_widget_set_sensitive (GTK_WIDGET (self->files_group), self->settings != NULL);
  if (self->settings != NULL)
    g_signal_connect_object (self->settings, "changed::" TAIOU_SETTINGS_YARA_RULE_PATHS,
                             G_CALLBACK (reload), self, G_CONNECT_SWAPPED);
  reload (self);
}

TaiouYaraPreferencesPage *
taiou_yara_preferences_page_new (void)
{
  return g_object_new (TAIOU_TYPE_YARA_PREFERENCES_PAGE, NULL);
}
