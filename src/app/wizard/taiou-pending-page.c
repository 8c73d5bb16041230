/* taiou-pending-page.c — stands in for a wizard step that is not built yet
 *
 * It says so plainly and lets the worker skip on, rather than pretending to guide them.
 */
#define G_LOG_DOMAIN "taiou-wizard"

#include "config.h"

#include <glib/gi18n.h>

#include "taiou-pending-page.h"

struct _TaiouPendingPage
{
  TaiouWizardPage  parent_instance;

  AdwStatusPage   *status_page;
};

G_DEFINE_FINAL_TYPE (TaiouPendingPage, taiou_pending_page, TAIOU_TYPE_WIZARD_PAGE)

static void
taiou_pending_page_class_init (TaiouPendingPageClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/taiou/Taiou/taiou-pending-page.ui");
  gtk_widget_class_bind_template_child (widget_class, TaiouPendingPage, status_page);
}

static void
taiou_pending_page_init (TaiouPendingPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  taiou_wizard_page_set_skippable (TAIOU_WIZARD_PAGE (self), TRUE);
  g_object_bind_property (self, "title", self->status_page, "title", G_BINDING_SYNC_CREATE);
}
