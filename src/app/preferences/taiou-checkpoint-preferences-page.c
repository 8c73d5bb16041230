/* taiou-checkpoint-preferences-page.c — Preferences: this installation's checkpoint key
 *
 * Whoever keeps a checkpoint on paper needs to know which key signed it: the page shows the
 * key's name (the first line of every checkpoint) and the SHA-256 fingerprint of its public
 * key, and copies the public key for `taiou-cli timeline verify --key` on another PC.  Opening
 * Preferences does not make a key: it is made with the first checkpoint.  The private key never
 * reaches this page.
 */
#define G_LOG_DOMAIN "taiou-preferences"

#include "config.h"

#include <glib/gi18n.h>

#include "taiou.h"
#include "taiou-checkpoint-preferences-page.h"

struct _TaiouCheckpointPreferencesPage
{
  AdwPreferencesPage  parent_instance;

  AdwActionRow       *name_row;
  AdwActionRow       *fingerprint_row;
  GtkLabel           *fingerprint_label;
  AdwActionRow       *public_key_row;

  char               *public_key;  /* base64, NULL until there is a key */
};

G_DEFINE_FINAL_TYPE (TaiouCheckpointPreferencesPage, taiou_checkpoint_preferences_page,
                     ADW_TYPE_PREFERENCES_PAGE)

static void
show_key (TaiouCheckpointPreferencesPage *self)
{
  g_autofree char *path = taiou_checkpoint_key_get_default_path ();
  g_autoptr(TaiouCheckpointKey) key = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *fingerprint = NULL;

  if (!g_file_test (path, G_FILE_TEST_EXISTS))
    {
      adw_action_row_set_subtitle (self->name_row,
                                   _("None yet: a key is made with the first checkpoint."));
      gtk_widget_set_visible (GTK_WIDGET (self->fingerprint_row), FALSE);
      gtk_widget_set_visible (GTK_WIDGET (self->public_key_row), FALSE);
      return;
    }
  key = taiou_checkpoint_key_load_or_create (path, &error);
  if (key == NULL)
    {
      g_warning ("%s", error->message);
      adw_action_row_set_subtitle (self->name_row, _("The key cannot be read."));
      gtk_widget_set_visible (GTK_WIDGET (self->fingerprint_row), FALSE);
      gtk_widget_set_visible (GTK_WIDGET (self->public_key_row), FALSE);
      return;
    }
  fingerprint = taiou_checkpoint_key_dup_fingerprint (key);
  adw_action_row_set_subtitle (self->name_row, taiou_checkpoint_key_get_name (key));
  gtk_label_set_text (self->fingerprint_label, fingerprint);
  self->public_key = taiou_checkpoint_key_dup_public_base64 (key);
}

static void
copy_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  TaiouCheckpointPreferencesPage *self = TAIOU_CHECKPOINT_PREFERENCES_PAGE (widget);
  GtkRoot *root;

  if (self->public_key == NULL)
    return;
  gdk_clipboard_set_text (gtk_widget_get_clipboard (widget), self->public_key);
  root = gtk_widget_get_root (widget);
  if (ADW_IS_PREFERENCES_WINDOW (root))
    adw_preferences_window_add_toast (ADW_PREFERENCES_WINDOW (root),
                                      adw_toast_new (_("Public key copied")));
}

static void
taiou_checkpoint_preferences_page_finalize (GObject *object)
{
  TaiouCheckpointPreferencesPage *self = TAIOU_CHECKPOINT_PREFERENCES_PAGE (object);

  g_free (self->public_key);

  G_OBJECT_CLASS (taiou_checkpoint_preferences_page_parent_class)->finalize (object);
}

static void
taiou_checkpoint_preferences_page_class_init (TaiouCheckpointPreferencesPageClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  G_OBJECT_CLASS (klass)->finalize = taiou_checkpoint_preferences_page_finalize;

  gtk_widget_class_set_template_from_resource (widget_class,
    "/io/github/taiou/Taiou/taiou-checkpoint-preferences-page.ui");
  gtk_widget_class_bind_template_child (widget_class, TaiouCheckpointPreferencesPage, name_row);
  gtk_widget_class_bind_template_child (widget_class, TaiouCheckpointPreferencesPage,
                                        fingerprint_row);
  gtk_widget_class_bind_template_child (widget_class, TaiouCheckpointPreferencesPage,
                                        fingerprint_label);
  gtk_widget_class_bind_template_child (widget_class, TaiouCheckpointPreferencesPage,
                                        public_key_row);
  gtk_widget_class_install_action (widget_class, "checkpoint-key.copy", NULL, copy_action);
}

static void
taiou_checkpoint_preferences_page_init (TaiouCheckpointPreferencesPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  show_key (self);
}

AdwPreferencesPage *
taiou_checkpoint_preferences_page_new (void)
{
  return g_object_new (TAIOU_TYPE_CHECKPOINT_PREFERENCES_PAGE, NULL);
}
