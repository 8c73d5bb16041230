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
#include "taiou-file-drop.h"
#include "taiou-scan-page.h"

struct _TaiouScanPage
{
  TaiouWizardPage  parent_instance;
};

G_DEFINE_FINAL_TYPE (TaiouScanPage, taiou_scan_page, TAIOU_TYPE_WIZARD_PAGE)

/* The mail check records its verdict in the incident at hand: this one. */
static TaiouMailCheckWindow *
open_mail_check (TaiouScanPage *self)
{
  return taiou_mail_check_window_present_for (
    GTK_WIDGET (self), taiou_wizard_page_get_case (TAIOU_WIZARD_PAGE (self)));
}

static void
check_mail_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  open_mail_check (TAIOU_SCAN_PAGE (widget));
}

static void
file_dropped_cb (GFile    *file,
                 gpointer  user_data)
{
  taiou_mail_check_window_check_file (open_mail_check (user_data), file);
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
  gtk_widget_init_template (GTK_WIDGET (self));
  taiou_wizard_page_set_skippable (TAIOU_WIZARD_PAGE (self), TRUE);
  taiou_file_drop_add (GTK_WIDGET (self), file_dropped_cb, self);
}
