/* taiou-event-kinds.c — what each kind of event means, for the people who read the record
 *
 * The record view showed "incident.created" and "wizard.skipped" to an IT manager who reads
 * Japanese; the kinds are for machines and exports, these labels for people.  Every kind in
 * taiou-event-kinds.h has a label here (tests/unit/test-timeline.c checks the list).
 */
#define G_LOG_DOMAIN "taiou-timeline"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "taiou-event-kinds.h"
#include "taiou-incident.h"

static const struct
{
  const char *kind;
  const char *label;  /* NC_("event kind", …) */
} kind_labels[] = {
  { TAIOU_EVENT_INCIDENT_CREATED,         NC_("event kind", "Incident opened") },
  { TAIOU_EVENT_INCIDENT_STATUS,          NC_("event kind", "Status changed") },
  { TAIOU_EVENT_WIZARD_STEP,              NC_("event kind", "Step reached") },
  { TAIOU_EVENT_WIZARD_SKIPPED,           NC_("event kind", "Step skipped") },
  { TAIOU_EVENT_TRIAGE_WHAT_HAPPENED,     NC_("event kind", "What happened") },
  { TAIOU_EVENT_TRIAGE_WHEN,              NC_("event kind", "When it happened") },
  { TAIOU_EVENT_TRIAGE_HOST,              NC_("event kind", "PC concerned") },
  { TAIOU_EVENT_TRIAGE_REPORTER,          NC_("event kind", "Reported by") },
  { TAIOU_EVENT_MAIL_TRIAGE,              NC_("event kind", "Mail checked") },
  { TAIOU_EVENT_SCAN_FINDING,             NC_("event kind", "Found in a scan") },
  { TAIOU_EVENT_SCAN_FINISHED,            NC_("event kind", "Scan finished") },
  { TAIOU_EVENT_IMPORT_EMOCHECK,          NC_("event kind", "EmoCheck report read") },
  { TAIOU_EVENT_IMPORT_EMOCHECK_PROCESS,  NC_("event kind", "Emotet process in an EmoCheck report") },
  { TAIOU_EVENT_IMPORT_LOKI,              NC_("event kind", "Loki log read") },
  { TAIOU_EVENT_IMPORT_LOKI_FINDING,      NC_("event kind", "Found by Loki") },
  { TAIOU_EVENT_NOTICE_GENERATED,         NC_("event kind", "Notice made") },
  { TAIOU_EVENT_NOTE,                     NC_("event kind", "Note") },
  { TAIOU_EVENT_PASSWORDS_ACKNOWLEDGED,   NC_("event kind", "Password advice read") },
  { TAIOU_EVENT_PASSWORDS_ITEM_ADDED,     NC_("event kind", "Password item added") },
  { TAIOU_EVENT_PASSWORDS_ITEM,           NC_("event kind", "Password item marked") },
  { TAIOU_EVENT_APPI_ASSESSED,            NC_("event kind", "Personal data assessed") },
  { TAIOU_EVENT_APPI_DONE,                NC_("event kind", "Report or notice to persons done") },
  { TAIOU_EVENT_REPORT_HANDED_OVER,       NC_("event kind", "Handed over to the IT manager") },
  { TAIOU_EVENT_DISCONNECT_TARGET,        NC_("event kind", "Infected PC named") },
  { TAIOU_EVENT_DISCONNECT_ATTEMPT,       NC_("event kind", "Network switch-off tried") },
  { TAIOU_EVENT_DISCONNECT_RESULT,        NC_("event kind", "Network switch-off result") },
  { TAIOU_EVENT_DISCONNECT_CONFIRMED,     NC_("event kind", "Disconnection confirmed") },
  { TAIOU_EVENT_MERGE_INCIDENT_CREATED,   NC_("event kind", "Incident opened on another PC") },
  { TAIOU_EVENT_MERGE_IMPORTED,           NC_("event kind", "Another PC's record merged") },
  { TAIOU_EVENT_FEEDS_UPDATED,            NC_("event kind", "Threat data updated") },
  { TAIOU_EVENT_CHECKPOINT_ISSUED,        NC_("event kind", "Signed checkpoint issued") },
};

/* Returns: (transfer none): the kind's label, translated, or @kind when it has none */
const char *
taiou_event_kind_get_label (const char *kind)
{
  for (gsize i = 0; i < G_N_ELEMENTS (kind_labels); i++)
    if (g_strcmp0 (kind_labels[i].kind, kind) == 0)
      return g_dpgettext2 (GETTEXT_PACKAGE, "event kind", kind_labels[i].label);
  return kind;
}
