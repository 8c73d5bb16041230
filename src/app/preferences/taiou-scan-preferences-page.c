/* taiou-scan-preferences-page.c — Preferences: what file scans leave out
 *
 * The IT manager lists globs or "re:" regular expressions (GSettings "scan-exclusions"); a
 * pattern is saved only once libtaiou accepts it, and an invalid one says why.  The scan page
 * and `taiou-cli scan` read the same list; every path it leaves out is counted in their result.
 */
#define G_LOG_DOMAIN "taiou-preferences"

#include "config.h"

#include <glib/gi18n.h>

#include "taiou-scan-preferences-page.h"
#include "taiou-settings.h"

struct _TaiouScanPreferencesPage
{
  AdwPreferencesPage  parent_instance;

  AdwPreferencesGroup *group;
  AdwEntryRow         *add_row;
  GtkLabel            *error_label;
  GtkListBox          *list;

  GSettings           *settings;  /* NULL when the schema is not installed */
};

G_DEFINE_FINAL_TYPE (TaiouScanPreferencesPage, taiou_scan_preferences_page,
                     ADW_TYPE_PREFERENCES_PAGE)

static void
show_error (TaiouScanPreferencesPage *self,
            const char               *message)
{
  gtk_label_set_text (self->error_label, message != NULL ? message : "");
  gtk_widget_set_visible (GTK_WIDGET (self->error_label), message != NULL);
  if (message != NULL)
    gtk_widget_add_css_class (GTK_WIDGET (self->add_row), "error");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self->add_row), "error");
}

static void
remove_clicked_cb (GtkButton                *button,
                   TaiouScanPreferencesPage *self)
{
  const char *pattern = g_object_get_data (G_OBJECT (button), "pattern");
  g_auto(GStrv) old = g_settings_get_strv (self->settings, TAIOU_SETTINGS_SCAN_EXCLUSIONS);
  g_autoptr(GStrvBuilder) kept = g_strv_builder_new ();
  g_auto(GStrv) patterns = NULL;

  for (guint i = 0; old[i] != NULL; i++)
    if (g_strcmp0 (old[i], pattern) != 0)
      g_strv_builder_add (kept, old[i]);
  patterns = g_strv_builder_end (kept);
  g_settings_set_strv (self->settings, TAIOU_SETTINGS_SCAN_EXCLUSIONS,
                       (const char * const *) patterns);
}

static GtkWidget *
pattern_row_new (TaiouScanPreferencesPage *self,
                 const char               *pattern)
{
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *remove = gtk_button_new_from_icon_name ("user-trash-symbolic");
  g_autofree char *label = g_strdup_printf (_("Remove “%s”"), pattern);

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), pattern);
  /* A pattern is text, never markup: "re:<a>" must show as it is. */
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row),
                               g_str_has_prefix (pattern, "re:") ? _("Regular expression")
                                                                  : _("Pattern"));
  gtk_widget_set_valign (remove, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (remove, "flat");
  gtk_widget_set_tooltip_text (remove, label);
  gtk_accessible_update_property (GTK_ACCESSIBLE (remove), GTK_ACCESSIBLE_PROPERTY_LABEL, label,
                                  -1);
  g_object_set_data_full (G_OBJECT (remove), "pattern", g_strdup (pattern), g_free);
  g_signal_connect (remove, "clicked", G_CALLBACK (remove_clicked_cb), self);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), remove);
  return row;
}

static void
rebuild_list (TaiouScanPreferencesPage *self)
{
  g_auto(GStrv) patterns = NULL;
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->list))) != NULL)
    gtk_list_box_remove (self->list, child);
  if (self->settings == NULL)
    return;
  patterns = g_settings_get_strv (self->settings, TAIOU_SETTINGS_SCAN_EXCLUSIONS);
  for (guint i = 0; patterns[i] != NULL; i++)
    gtk_list_box_append (self->list, pattern_row_new (self, patterns[i]));
  gtk_widget_set_visible (GTK_WIDGET (self->list), patterns[0] != NULL);
}

static void
add_applied_cb (TaiouScanPreferencesPage *self)
{
  g_autofree char *pattern = g_strstrip (g_strdup (gtk_editable_get_text (
                                           GTK_EDITABLE (self->add_row))));
  g_autoptr(TaiouScanExclusions) check = taiou_scan_exclusions_new (FALSE);
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) old = NULL;
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_auto(GStrv) patterns = NULL;

  if (self->settings == NULL)
    return;
  old = g_settings_get_strv (self->settings, TAIOU_SETTINGS_SCAN_EXCLUSIONS);
  /* The whole list is checked, so the count limit holds too. */
  if (!taiou_scan_exclusions_add_entries (check, (const char * const *) old, NULL) ||
      !taiou_scan_exclusions_add_entry (check, pattern, &error))
    {
      show_error (self, error != NULL ? error->message : _("The saved list is not valid."));
      return;
    }
  show_error (self, NULL);
  if (g_strv_contains ((const char * const *) old, pattern))
    {
      gtk_editable_set_text (GTK_EDITABLE (self->add_row), "");
      return;
    }
  g_strv_builder_addv (builder, (const char **) old);
  g_strv_builder_add (builder, pattern);
  patterns = g_strv_builder_end (builder);
  g_settings_set_strv (self->settings, TAIOU_SETTINGS_SCAN_EXCLUSIONS,
                       (const char * const *) patterns);
  gtk_editable_set_text (GTK_EDITABLE (self->add_row), "");
}

static void
taiou_scan_preferences_page_dispose (GObject *object)
{
  TaiouScanPreferencesPage *self = TAIOU_SCAN_PREFERENCES_PAGE (object);

  g_clear_object (&self->settings);
  gtk_widget_dispose_template (GTK_WIDGET (self), TAIOU_TYPE_SCAN_PREFERENCES_PAGE);

  G_OBJECT_CLASS (taiou_scan_preferences_page_parent_class)->dispose (object);
}

static void
taiou_scan_preferences_page_class_init (TaiouScanPreferencesPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = taiou_scan_preferences_page_dispose;

  gtk_widget_class_set_template_from_resource (
    widget_class, "/io/github/taiou/Taiou/taiou-scan-preferences-page.ui");
  gtk_widget_class_bind_template_child (widget_class, TaiouScanPreferencesPage, group);
  gtk_widget_class_bind_template_child (widget_class, TaiouScanPreferencesPage, add_row);
  gtk_widget_class_bind_template_child (widget_class, TaiouScanPreferencesPage, error_label);
  gtk_widget_class_bind_template_child (widget_class, TaiouScanPreferencesPage, list);
  gtk_widget_class_bind_template_callback (widget_class, add_applied_cb);
}

static void
taiou_scan_preferences_page_init (TaiouScanPreferencesPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->settings = taiou_settings_new_if_installed ();
  gtk_widget_set_sensitive (GTK_WIDGET (self->group), self->settings != NULL);
  if (self->settings != NULL)
    g_signal_connect_object (self->settings, "changed::" TAIOU_SETTINGS_SCAN_EXCLUSIONS,
                             G_CALLBACK (rebuild_list), self, G_CONNECT_SWAPPED);
  rebuild_list (self);
}

GtkWidget *
taiou_scan_preferences_page_new (void)
{
  return g_object_new (TAIOU_TYPE_SCAN_PREFERENCES_PAGE, NULL);
}

/**
 * taiou_scan_preferences_load_exclusions:
 * @case_insensitive: TRUE for a Windows volume
 *
 * Returns: (transfer full): the exclusions of Preferences; an entry that is not valid (written
 *   around Preferences) is left out with a warning, so the scan still runs
 */
TaiouScanExclusions *
taiou_scan_preferences_load_exclusions (gboolean case_insensitive)
{
  g_autoptr(GSettings) settings = taiou_settings_new_if_installed ();
  TaiouScanExclusions *exclusions = taiou_scan_exclusions_new (case_insensitive);
  g_auto(GStrv) patterns = NULL;

  if (settings == NULL)
    return exclusions;
  patterns = g_settings_get_strv (settings, TAIOU_SETTINGS_SCAN_EXCLUSIONS);
  for (guint i = 0; patterns[i] != NULL; i++)
    {
      g_autoptr(GError) error = NULL;

      if (!taiou_scan_exclusions_add_entry (exclusions, patterns[i], &error))
        g_warning ("Scan exclusion left out: %s", error->message);
    }
  return exclusions;
}

/**
 * taiou_scan_preferences_describe_scope:
 *
 * Appends to a scan's summary what it left out (as set here) and, for a Windows disk, whose
 * computer it is: nothing left out goes unsaid.
 */
void
taiou_scan_preferences_describe_scope (GString         *summary,
                                       TaiouScanResult *result)
{
  if (result->n_excluded > 0)
    {
      g_string_append_c (summary, ' ');
      g_string_append_printf (summary,
                              g_dngettext (GETTEXT_PACKAGE,
                                           "%llu file or folder was left out, as set in "
                                           "Preferences.",
                                           "%llu files or folders were left out, as set in "
                                           "Preferences.", result->n_excluded),
                              (unsigned long long) result->n_excluded);
    }
  if (result->hostname != NULL)
    {
      g_string_append_c (summary, ' ');
      g_string_append_printf (summary, _("The disk belongs to the computer “%s”."),
                              result->hostname);
    }
}
