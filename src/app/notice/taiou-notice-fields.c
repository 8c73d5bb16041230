/* taiou-notice-fields.c — how the notice editor names each template variable
 *
 * Templates name their variables for programs (contact_phone); people filling the form need
 * words (お問い合わせ先：電話番号).  A variable a newer template adds and this table does not
 * know is still shown, under its own name.
 */
#include "config.h"

#include <glib/gi18n.h>

#include "taiou-notice-fields.h"

static const struct
{
  const char *variable;
  const char *label;
} fields[] = {
  { "company",              N_("Company name") },
  { "notice_date",          N_("Date of this notice") },
  { "discovery_date",       N_("Date the infection was found") },
  { "first_notice_date",    N_("Date of the first notice") },
  { "our_domains",          N_("Our mail domains (one a line)") },
  { "spoofed_names",        N_("Display names seen in the fake mails (one a line)") },
  { "affected_department",  N_("Department of the infected PC") },
  { "timeline",             N_("What happened so far (dated, one a line)") },
  { "incident_summary",     N_("Summary of what happened") },
  { "leaked_items",         N_("Personal data that may have leaked (one item a line)") },
  { "person_count",         N_("Number of persons affected") },
  { "cause",                N_("Cause") },
  { "secondary_damage",     N_("Risk of further harm") },
  { "person_name",          N_("Name of the person notified") },
  { "person_response",      N_("What was done for the persons affected") },
  { "publication",          N_("Public announcement") },
  { "prevention",           N_("Measures against recurrence") },
  { "other_notes",          N_("Other relevant matters") },
  { "report_kind",          N_("Kind of report (preliminary or final)") },
  { "investigation_result", N_("Result of the investigation") },
  { "damage_status",        N_("Damage found") },
  { "measures",             N_("Measures taken (one a line)") },
  { "contact_department",   N_("Contact: department") },
  { "contact_name",         N_("Contact: person in charge") },
  { "contact_phone",        N_("Contact: phone") },
  { "contact_email",        N_("Contact: e-mail") },
  { "contact_hours",        N_("Contact: hours") },
};

/* Returns: the translated label of @variable, or @variable itself when it is unknown. */
const char *
taiou_notice_field_label (const char *variable)
{
  for (gsize i = 0; i < G_N_ELEMENTS (fields); i++)
    if (g_str_equal (fields[i].variable, variable))
      return _(fields[i].label);
  return variable;
}
