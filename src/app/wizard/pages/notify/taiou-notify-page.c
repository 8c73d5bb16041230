/* taiou-notify-page.c — step 5: warn partners before the fake mails reach them
 *
 * Spoofed mails cannot be stopped once the address book has leaked, so the one thing left is
 * to warn the people who will receive them (警視庁; FACTS.md step 5).  The page opens the notice
 * editor on the partner warning, filled from this incident; the editor records what was made.
 */
#define G_LOG_DOMAIN "taiou-wizard"

#include "config.h"

#include "notice/taiou-notice-window.h"
#include "taiou-notify-page.h"

struct _TaiouNotifyPage
{
  TaiouWizardPage  parent_instance;
};

G_DEFINE_FINAL_TYPE (TaiouNotifyPage, taiou_notify_page, TAIOU_TYPE_WIZARD_PAGE)

static void
notice_made_cb (TaiouNotifyPage *self)
{
  taiou_wizard_page_set_complete (TAIOU_WIZARD_PAGE (self), TRUE);
}

static void
write_notice_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  TaiouWizardPage *page = TAIOU_WIZARD_PAGE (widget);
  TaiouIncident *incident = taiou_wizard_page_get_incident (page);
  TaiouNoticeWindow *window;

  window = taiou_notice_window_present_for (widget, taiou_wizard_page_get_case (page),
                                            incident != NULL ? taiou_incident_get_id (incident)
                                                             : 0,
                                            "partner-warning");
  if (window != NULL)
    g_signal_connect_object (window, "made", G_CALLBACK (notice_made_cb), page,
                             G_CONNECT_SWAPPED);
}

static void
taiou_notify_page_class_init (TaiouNotifyPageClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/taiou/Taiou/taiou-notify-page.ui");
  gtk_widget_class_install_action (widget_class, "notify-page.write-notice", NULL,
                                   write_notice_action);
}

static void
taiou_notify_page_init (TaiouNotifyPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  /* Sending is done outside Taiou, in the mail program; the step cannot check it. */
  taiou_wizard_page_set_skippable (TAIOU_WIZARD_PAGE (self), TRUE);
}
