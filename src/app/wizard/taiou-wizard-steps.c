/* taiou-wizard-steps.c — the wizard's steps, in order, in one table
 *
 * The order follows the response steps in FACTS.md (IPA, JPCERT/CC, 警視庁): find out what
 * happened, cut the network, check for infection, change passwords from a clean device, warn
 * partners, report.  A step whose page is not built yet gets a placeholder page that says so.
 */
#define G_LOG_DOMAIN "taiou-wizard"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "taiou-wizard-steps.h"
#include "pages/disconnect/taiou-disconnect-page.h"
#include "pages/notify/taiou-notify-page.h"
#include "pages/passwords/taiou-passwords-page.h"
#include "pages/report/taiou-report-page.h"
#include "pages/scan/taiou-scan-page.h"
#include "pages/triage/taiou-triage-page.h"

static const TaiouWizardStep steps[] = {
  { "triage",     N_("What happened"),   taiou_triage_page_get_type },
  { "disconnect", N_("Disconnect"),      taiou_disconnect_page_get_type },
  { "scan",       N_("Check for infection"), taiou_scan_page_get_type },
  { "passwords",  N_("Change passwords"), taiou_passwords_page_get_type },
  { "notify",     N_("Warn partners"),   taiou_notify_page_get_type },
  { "report",     N_("Report"),          taiou_report_page_get_type },
};

const TaiouWizardStep *
taiou_wizard_steps_get (guint *n_steps)
{
  g_return_val_if_fail (n_steps != NULL, NULL);

  *n_steps = G_N_ELEMENTS (steps);
  return steps;
}

/* Returns: the index of the step called @id, or -1. */
int
taiou_wizard_steps_lookup (const char *id)
{
  for (guint i = 0; i < G_N_ELEMENTS (steps); i++)
    if (g_strcmp0 (steps[i].id, id) == 0)
      return (int) i;
  return -1;
}
