/* taiou-scan-page.c — step 3: check for infection (for now: was the mail dangerous?)
 *
 * The full scan of the PC belongs to the wizard issue; this step already takes the mail the
 * worker opened — dropped on the page or chosen — and hands it to the mail check, which
 * records its verdict in this incident.
 */
#define G_LOG_DOMAIN "taiou-wizard"

#include "config.h"

#include <glib/gi18n.h>

#include "mail/taiou-mail-check-window.h"
#include "taiou-scan-page.h"

struct _TaiouScanPage
{
  TaiouWizardPage  parent_instance;
};

G_DEFINE_FINAL_TYPE (TaiouScanPage, taiou_scan_page, TAIOU_TYPE_WIZARD_PAGE)

static TaiouMailCheckWindow *
open_mail_check (TaiouScanPage *self)
{
  g_autoptr(GSettings) settings = g_settings_new (APP_ID);
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  GtkWindow *parent = GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL;
  TaiouMailCheckWindow *window;

  window = taiou_mail_check_window_new (parent, settings,
                                        taiou_wizard_page_get_timeline (TAIOU_WIZARD_PAGE (self)),
                                        taiou_wizard_page_get_incident (TAIOU_WIZARD_PAGE (self)));
  if (parent != NULL)
    gtk_window_set_application (GTK_WINDOW (window), gtk_window_get_application (parent));
  gtk_window_present (GTK_WINDOW (window));
  return window;
}

static void
check_mail_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  open_mail_check (TAIOU_SCAN_PAGE (widget));
}

static gboolean
drop_cb (GtkDropTarget *target,
         const GValue  *value,
         double         x,
         double         y,
         gpointer       user_data)
{
  TaiouScanPage *self = user_data;
  GSList *files;

  if (!G_VALUE_HOLDS (value, GDK_TYPE_FILE_LIST) ||
      (files = g_value_get_boxed (value)) == NULL)
    return FALSE;
  taiou_mail_check_window_check_file (open_mail_check (self), files->data);
  return TRUE;
}

static void
taiou_scan_page_class_init (TaiouScanPageClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/taiou/Taiou/taiou-scan-page.ui");
  gtk_widget_class_install_action (widget_class, "scan-page.check-mail", NULL,
                                   check_mail_action);
}

static void
taiou_scan_page_init (TaiouScanPage *self)
{
  GtkDropTarget *target = gtk_drop_target_new (GDK_TYPE_FILE_LIST, GDK_ACTION_COPY);

  gtk_widget_init_template (GTK_WIDGET (self));
  taiou_wizard_page_set_skippable (TAIOU_WIZARD_PAGE (self), TRUE);
  g_signal_connect (target, "drop", G_CALLBACK (drop_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (target));
}
