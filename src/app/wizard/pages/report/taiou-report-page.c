/* taiou-report-page.c — step 6: what was done, the APPI deadlines, whom to call, the hand-over
 *
 * The last step closes the worker's part: it shows what the record says was done and what
 * remains, asks whether personal data may have leaked — only then does it ask which of the four
 * situations of 施行規則7条 apply and compute the 個人情報保護法 deadlines from the discovery
 * time (taiou-appi.c; a guide, 目安, until the figures are checked on an official page) — names
 * whom to call, and hands the incident over to the IT manager with the summary saved as a
 * standalone HTML file.  Every answer, computation, "done" and the hand-over is an event, and
 * the page rebuilds itself from those events, so a resumed response shows the answers given.
 */
#define G_LOG_DOMAIN "taiou-report-page"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "../../taiou-summary-view.h"
#include "../../taiou-wizard-steps.h"
#include "taiou-report-page.h"

struct _TaiouReportPage
{
  TaiouWizardPage    parent_instance;

  TaiouSummaryView  *summary_view;
  GtkSwitch         *personal_switch;
  GtkWidget         *appi_box;
  GtkCheckButton    *sensitive_check;
  GtkCheckButton    *financial_check;
  GtkCheckButton    *unlawful_check;
  GtkCheckButton    *over_1000_check;
  AdwActionRow      *discovered_row;
  GtkMenuButton     *date_button;
  GtkCalendar       *calendar;
  GtkSpinButton     *hour_spin;
  GtkSpinButton     *minute_spin;
  GtkButton         *assess_button;
  GtkWidget         *deadlines_group;
  AdwActionRow      *preliminary_row;
  AdwActionRow      *final_row;
  AdwActionRow      *notify_row;
  GtkWidget         *preliminary_button;
  GtkWidget         *final_button;
  GtkWidget         *notify_button;
  AdwActionRow      *manager_row;
  GtkLabel          *hand_over_label;
  GtkLabel          *checkpoint_label;

  GDateTime         *discovered;        /* Japan time, minute precision */
  gboolean           syncing;           /* the widgets are being set from self->discovered */
  gint64             answers_incident;  /* the incident whose answers the widgets hold */
  GFile             *save_file;         /* nullable: save here without asking (tests) */
  GCancellable      *cancellable;       /* the hand-over file being written */
};

G_DEFINE_FINAL_TYPE (TaiouReportPage, taiou_report_page, TAIOU_TYPE_WIZARD_PAGE)

static TaiouAppiTriggers
chosen_triggers (TaiouReportPage *self)
{
  TaiouAppiTriggers triggers = TAIOU_APPI_TRIGGER_NONE;

  if (gtk_check_button_get_active (self->sensitive_check))
    triggers |= TAIOU_APPI_TRIGGER_SENSITIVE;
  if (gtk_check_button_get_active (self->financial_check))
    triggers |= TAIOU_APPI_TRIGGER_FINANCIAL;
  if (gtk_check_button_get_active (self->unlawful_check))
    triggers |= TAIOU_APPI_TRIGGER_UNLAWFUL_PURPOSE;
  if (gtk_check_button_get_active (self->over_1000_check))
    triggers |= TAIOU_APPI_TRIGGER_OVER_1000;
  return triggers;
}

static gint64
discovered_us (TaiouReportPage *self)
{
  return g_date_time_to_unix (self->discovered) * G_USEC_PER_SEC;
}

static gboolean
discovered_in_future (TaiouReportPage *self)
{
  return discovered_us (self) > g_get_real_time () + TAIOU_APPI_FUTURE_TOLERANCE_US;
}

static void
show_error (TaiouReportPage *self,
            const char      *heading,
            const GError    *error)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  GtkWidget *dialog;

  g_warning ("%s: %s", heading, error->message);
  dialog = adw_message_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL, heading,
                                   error->message);
  adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close", _("_Close"));
  gtk_window_present (GTK_WINDOW (dialog));
}

/* The question decides the rest: the four situations and the deadlines only when personal data
 * may have leaked; the one button saves the answer or computes the deadlines, and says which. */
static void
answers_changed_cb (TaiouReportPage *self)
{
  gboolean personal = gtk_switch_get_active (self->personal_switch);
  gboolean future = discovered_in_future (self);
  gboolean has_incident = taiou_wizard_page_get_incident (TAIOU_WIZARD_PAGE (self)) != NULL;

  gtk_widget_set_visible (self->appi_box, personal);
  gtk_button_set_label (self->assess_button,
                        personal ? _("_Compute the Deadlines") : _("_Save the Answer"));
  adw_action_row_set_subtitle (self->discovered_row,
                               future ? _("This time is in the future. Please check it.")
                                      : _("Japan time"));
  if (future)
    gtk_widget_add_css_class (GTK_WIDGET (self->discovered_row), "error");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self->discovered_row), "error");
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "report-page.assess",
                                 has_incident && !(personal && future));
}

static void
sync_discovered_widgets (TaiouReportPage *self)
{
  g_autofree char *date_text = NULL;

  self->syncing = TRUE;
  /* Translators: the date on the "when was it discovered" button; strftime format. */
  date_text = g_date_time_format (self->discovered, _("%B %-d, %Y"));
  gtk_menu_button_set_label (self->date_button, date_text);
  gtk_calendar_select_day (self->calendar, self->discovered);
  gtk_spin_button_set_value (self->hour_spin, g_date_time_get_hour (self->discovered));
  gtk_spin_button_set_value (self->minute_spin, g_date_time_get_minute (self->discovered));
  self->syncing = FALSE;
  answers_changed_cb (self);
}

static void
discovered_widgets_changed_cb (TaiouReportPage *self)
{
  g_autoptr(GTimeZone) zone = taiou_appi_time_zone ();
  g_autoptr(GDateTime) day = NULL;
  GDateTime *when;

  if (self->syncing)
    return;
  day = gtk_calendar_get_date (self->calendar);
  when = g_date_time_new (zone, g_date_time_get_year (day), g_date_time_get_month (day),
                          g_date_time_get_day_of_month (day),
                          gtk_spin_button_get_value_as_int (self->hour_spin),
                          gtk_spin_button_get_value_as_int (self->minute_spin), 0);
  if (when == NULL)
    return;
  g_clear_pointer (&self->discovered, g_date_time_unref);
  self->discovered = when;
  sync_discovered_widgets (self);
}

/* "2026年11月26日（木）〜11月28日（土）ごろ" and its basis, or "Done on …". */
static void
show_deadline (AdwActionRow *row,
               GtkWidget    *button,
               const char   *due,
               const char   *basis,
               gint64        done_us)
{
  g_autofree char *subtitle = NULL;

  if (done_us != 0)
    {
      g_autofree char *when = taiou_appi_format_local_time (done_us, taiou_i18n_prefers_japanese ());

      /* Translators: a report marked done, then its basis */
      subtitle = g_strdup_printf (_("Done: %s\n%s"), when, basis);
    }
  else
    subtitle = g_strdup_printf ("%s\n%s", due, basis);
  adw_action_row_set_subtitle (row, subtitle);
  gtk_widget_set_visible (button, done_us == 0);
}

static void
show_deadlines (TaiouReportPage      *self,
                TaiouIncidentSummary *summary)
{
  gboolean japanese = taiou_i18n_prefers_japanese ();
  const TaiouAppiDeadlines *appi = &summary->appi;
  g_autofree char *from = NULL;
  g_autofree char *until = NULL;
  g_autofree char *final_date = NULL;
  g_autofree char *preliminary = NULL;
  g_autofree char *final = NULL;
  gboolean shown = summary->appi_assessed && summary->personal_data && appi->reportable;

  gtk_widget_set_visible (self->deadlines_group, shown);
  if (!shown)
    return;
  from = taiou_appi_format_date (&appi->preliminary_from, japanese);
  until = taiou_appi_format_date (&appi->preliminary_until, japanese);
  final_date = taiou_appi_format_date (&appi->final_due, japanese);
  /* Translators: the guideline's "about 3 to 5 days" as two dates */
  preliminary = g_strdup_printf (_("Promptly: about %s to %s (a guide)"), from, until);
  final = g_strdup_printf (_("By %s: %u days (a guide)"), final_date, appi->final_days);
  show_deadline (self->preliminary_row, self->preliminary_button, preliminary,
                 _("Basis: Act on the Protection of Personal Information, Art. 26(1); "
                   "Enforcement Rules, Art. 7 and 8(1)"),
                 summary->appi_done_us[TAIOU_APPI_ITEM_PRELIMINARY]);
  show_deadline (self->final_row, self->final_button, final,
                 appi->final_days == TAIOU_APPI_FINAL_DAYS_UNLAWFUL
                 ? _("Basis: Enforcement Rules, Art. 8(2): 60 days when it may have been done "
                     "on purpose")
                 : _("Basis: Enforcement Rules, Art. 8(2)"),
                 summary->appi_done_us[TAIOU_APPI_ITEM_FINAL]);
  show_deadline (self->notify_row, self->notify_button, _("Promptly"),
                 _("Basis: Act on the Protection of Personal Information, Art. 26(2); "
                   "Enforcement Rules, Art. 10"),
                 summary->appi_done_us[TAIOU_APPI_ITEM_NOTIFY_PERSONS]);
}

/* A resumed response shows the answers it recorded; a new incident starts from its own
 * discovery time. */
static void
restore_answers (TaiouReportPage      *self,
                 TaiouIncident        *incident,
                 TaiouIncidentSummary *summary)
{
  g_autoptr(GTimeZone) zone = taiou_appi_time_zone ();
  g_autoptr(GDateTime) utc = NULL;
  gint64 when_us = taiou_incident_get_discovered_us (incident);
  TaiouAppiTriggers triggers = TAIOU_APPI_TRIGGER_NONE;

  self->answers_incident = taiou_incident_get_id (incident);
  if (summary != NULL && summary->appi_assessed && summary->personal_data)
    {
      when_us = summary->appi.discovered_us;
      triggers = summary->appi.triggers;
    }
  self->syncing = TRUE;
  gtk_switch_set_active (self->personal_switch, summary != NULL && summary->personal_data);
  gtk_check_button_set_active (self->sensitive_check, triggers & TAIOU_APPI_TRIGGER_SENSITIVE);
  gtk_check_button_set_active (self->financial_check, triggers & TAIOU_APPI_TRIGGER_FINANCIAL);
  gtk_check_button_set_active (self->unlawful_check,
                               triggers & TAIOU_APPI_TRIGGER_UNLAWFUL_PURPOSE);
  gtk_check_button_set_active (self->over_1000_check, triggers & TAIOU_APPI_TRIGGER_OVER_1000);
  self->syncing = FALSE;

  utc = g_date_time_new_from_unix_utc (when_us / G_USEC_PER_SEC);
  if (utc == NULL)
    utc = g_date_time_new_now_utc ();
  g_clear_pointer (&self->discovered, g_date_time_unref);
  self->discovered = g_date_time_to_timezone (utc, zone);
  sync_discovered_widgets (self);
}

static void
show_manager (TaiouReportPage *self)
{
  TaiouCase *case_at_hand = taiou_wizard_page_get_case (TAIOU_WIZARD_PAGE (self));
  TaiouProfile *profile = case_at_hand != NULL ? taiou_case_get_profile (case_at_hand) : NULL;
  const char *fields[4] = { NULL };
  g_autoptr(GString) contact = g_string_new (NULL);

  if (profile != NULL)
    {
      fields[0] = taiou_profile_get_contact_name (profile);
      fields[1] = taiou_profile_get_contact_department (profile);
      fields[2] = taiou_profile_get_contact_phone (profile);
      fields[3] = taiou_profile_get_contact_email (profile);
    }
  for (guint i = 0; i < G_N_ELEMENTS (fields); i++)
    if (fields[i] != NULL && fields[i][0] != '\0')
      g_string_append_printf (contact, "%s%s", contact->len > 0 ? "\n" : "", fields[i]);
  adw_action_row_set_subtitle (self->manager_row,
                               contact->len > 0
                               ? contact->str
                               : _("Not set yet. Ask your supervisor. It can be set in "
                                   "Preferences."));
}

static void
refresh (TaiouReportPage *self)
{
  TaiouWizardPage *page = TAIOU_WIZARD_PAGE (self);
  TaiouIncident *incident = taiou_wizard_page_get_incident (page);
  g_autoptr(TaiouIncidentSummary) summary = NULL;
  guint n_steps;
  const TaiouWizardStep *steps = taiou_wizard_steps_get (&n_steps);
  int report_step = taiou_wizard_steps_lookup ("report");

  show_manager (self);
  if (incident != NULL)
    {
      g_autoptr(GError) error = NULL;

      summary = taiou_summary_view_dup_summary (taiou_wizard_page_get_case (page), incident,
                                                &error);
      if (summary == NULL && error != NULL)
        g_warning ("Cannot read the incident's summary: %s", error->message);
    }
  taiou_summary_view_set_summary (self->summary_view, summary,
                                  report_step >= 0 ? _(steps[report_step].title) : NULL);
  if (incident != NULL && self->answers_incident != taiou_incident_get_id (incident))
    restore_answers (self, incident, summary);

  gtk_widget_set_visible (self->deadlines_group, FALSE);
  gtk_widget_set_visible (GTK_WIDGET (self->hand_over_label), FALSE);
  if (summary != NULL)
    {
      show_deadlines (self, summary);
      if (summary->handed_over_us != 0)
        {
          g_autofree char *when = taiou_appi_format_local_time (summary->handed_over_us,
                                                                taiou_i18n_prefers_japanese ());
          g_autofree char *text = g_strdup_printf (_("Handed over to the IT manager: %s"), when);

          gtk_label_set_text (self->hand_over_label, text);
          gtk_widget_set_visible (GTK_WIDGET (self->hand_over_label), TRUE);
        }
    }
  /* The step is complete once the incident is handed over; it can always be skipped. */
  taiou_wizard_page_set_complete (page, summary != NULL && summary->handed_over_us != 0);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "report-page.hand-over", incident != NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "report-page.checkpoint", incident != NULL);
  answers_changed_cb (self);
}

static void
record (TaiouReportPage *self,
        const char      *kind,
        const char      *summary,
        JsonObject      *detail)
{
  TaiouCase *case_at_hand = taiou_wizard_page_get_case (TAIOU_WIZARD_PAGE (self));
  g_autoptr(GError) error = NULL;

  if (case_at_hand == NULL ||
      !taiou_case_record_answer (case_at_hand, kind, summary, detail, &error))
    {
      if (error == NULL)
        g_set_error_literal (&error, TAIOU_CASE_ERROR, TAIOU_CASE_ERROR_NO_RECORD,
                             _("The incident record is not open."));
      show_error (self, _("Could not record your answer"), error);
      return;
    }
  refresh (self);
}

static void
report_assess (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  TaiouReportPage *self = TAIOU_REPORT_PAGE (widget);
  TaiouIncident *incident = taiou_wizard_page_get_incident (TAIOU_WIZARD_PAGE (self));
  g_autoptr(JsonObject) detail = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *summary = NULL;
  TaiouAppiDeadlines deadlines;

  if (incident == NULL)
    return;
  if (!gtk_switch_get_active (self->personal_switch))
    {
      detail = json_object_new ();
      json_object_set_boolean_member (detail, TAIOU_EVENT_DETAIL_PERSONAL_DATA, FALSE);
      record (self, TAIOU_EVENT_APPI_ASSESSED, _("Personal data: no sign that it leaked"),
              detail);
      return;
    }

  if (!taiou_appi_compute (discovered_us (self), g_get_real_time (), chosen_triggers (self),
                           &deadlines, &error))
    {
      show_error (self, _("Could not compute the deadlines"), error);
      return;
    }
  detail = taiou_appi_deadlines_to_json (&deadlines);
  json_object_set_boolean_member (detail, TAIOU_EVENT_DETAIL_PERSONAL_DATA, TRUE);
  json_object_set_boolean_member (detail, "discovery_corrected",
                                  deadlines.discovered_us !=
                                  taiou_incident_get_discovered_us (incident));
  if (deadlines.reportable)
    {
      g_autofree char *due = taiou_appi_format_date (&deadlines.final_due,
                                                     taiou_i18n_prefers_japanese ());

      summary = g_strdup_printf (_("Personal data may have leaked and must be reported; "
                                   "deadlines computed (final report by %s, a guide)"), due);
    }
  else
    summary = g_strdup (_("Personal data may have leaked; none of the four situations that must "
                          "be reported applies"));
  record (self, TAIOU_EVENT_APPI_ASSESSED, summary, detail);
}

static void
mark_done (TaiouReportPage *self,
           TaiouAppiItem    item,
           const char      *summary)
{
  g_autoptr(JsonObject) detail = json_object_new ();

  json_object_set_string_member (detail, TAIOU_EVENT_DETAIL_APPI_ITEM,
                                 taiou_appi_item_to_string (item));
  record (self, TAIOU_EVENT_APPI_DONE, summary, detail);
}

static void
report_preliminary_done (GtkWidget  *widget,
                         const char *action_name,
                         GVariant   *parameter)
{
  mark_done (TAIOU_REPORT_PAGE (widget), TAIOU_APPI_ITEM_PRELIMINARY,
             _("Marked as done: the preliminary report to the Commission"));
}

static void
report_final_done (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  mark_done (TAIOU_REPORT_PAGE (widget), TAIOU_APPI_ITEM_FINAL,
             _("Marked as done: the final report to the Commission"));
}

static void
report_notify_done (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  mark_done (TAIOU_REPORT_PAGE (widget), TAIOU_APPI_ITEM_NOTIFY_PERSONS,
             _("Marked as done: the notice to the persons concerned"));
}

static void
hand_over_saved_cb (GObject      *source,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  g_autoptr(TaiouReportPage) self = user_data;
  GFile *file = G_FILE (source);
  g_autoptr(JsonObject) detail = json_object_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *name = g_file_get_basename (file);
  g_autofree char *summary = NULL;

  g_clear_object (&self->cancellable);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "report-page.hand-over", TRUE);
  if (!g_file_replace_contents_finish (file, result, NULL, &error))
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        show_error (self, _("Could not save the summary"), error);
      return;
    }
  /* The name only: a folder can hold the user's name, and the record is exported. */
  json_object_set_string_member (detail, "file", name);
  summary = g_strdup_printf (_("Handed over to the IT manager; the summary was saved as %s"),
                             name);
  record (self, TAIOU_EVENT_REPORT_HANDED_OVER, summary, detail);
}

/* Writes the summary, already saying "handed over", in one go: g_file_replace_contents writes
 * a temporary file and renames it, so a crash never leaves half a file. */
static void
save_hand_over (TaiouReportPage *self,
                GFile           *file)
{
  TaiouWizardPage *page = TAIOU_WIZARD_PAGE (self);
  TaiouCase *case_at_hand = taiou_wizard_page_get_case (page);
  TaiouIncident *incident = taiou_wizard_page_get_incident (page);
  g_autoptr(TaiouIncidentSummary) summary = NULL;
  g_autoptr(TaiouGuidance) guidance = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) bytes = NULL;
  gint64 now = g_get_real_time ();
  char *html;

  if (incident == NULL || self->cancellable != NULL)
    return;
  summary = taiou_summary_view_dup_summary (case_at_hand, incident, &error);
  if (summary == NULL)
    {
      show_error (self, _("Could not read the incident record"), error);
      return;
    }
  guidance = taiou_guidance_load_step ("report", &error);
  if (guidance == NULL)
    g_warning ("The hand-over file goes without the contacts' sources: %s", error->message);
  taiou_incident_summary_mark_handed_over (summary, now);
  html = taiou_report_html_render (summary, taiou_case_get_profile (case_at_hand), guidance, now);
  bytes = g_bytes_new_take (html, strlen (html));

  self->cancellable = g_cancellable_new ();
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "report-page.hand-over", FALSE);
  g_file_replace_contents_bytes_async (file, bytes, NULL, FALSE,
                                       G_FILE_CREATE_REPLACE_DESTINATION, self->cancellable,
                                       hand_over_saved_cb, g_object_ref (self));
}

static void
chooser_response_cb (GtkNativeDialog *chooser,
                     int              response,
                     TaiouReportPage *self)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));

      if (file != NULL)
        save_hand_over (self, file);
    }
  gtk_native_dialog_destroy (chooser);
  g_object_unref (chooser);
}

static void
checkpoint_issued_cb (GObject      *source,
                      GAsyncResult *result,
                      gpointer      user_data)
{
  g_autoptr(TaiouReportPage) self = user_data;
  g_autoptr(TaiouCheckpoint) checkpoint = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "report-page.checkpoint", TRUE);
  checkpoint = taiou_case_issue_checkpoint_finish (TAIOU_CASE (source), result, &error);
  if (checkpoint == NULL)
    {
      show_error (self, _("Could not create the checkpoint"), error);
      return;
    }
  text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                       "Signed a checkpoint of %lld event. The incident report "
                                       "prints it; give it to someone who does not hold the "
                                       "record.",
                                       "Signed a checkpoint of %lld events. The incident report "
                                       "prints it; give it to someone who does not hold the "
                                       "record.",
                                       checkpoint->tree_size),
                          (long long) checkpoint->tree_size);
  gtk_label_set_text (self->checkpoint_label, text);
  gtk_widget_set_visible (GTK_WIDGET (self->checkpoint_label), TRUE);
}

/* A signed checkpoint at hand-over (issue 17), given to the IT manager named in Preferences:
 * once it is kept outside this PC, rewriting the record here no longer goes unseen. */
static void
report_checkpoint (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  TaiouReportPage *self = TAIOU_REPORT_PAGE (widget);
  TaiouCase *case_at_hand = taiou_wizard_page_get_case (TAIOU_WIZARD_PAGE (self));
  TaiouIncident *incident = case_at_hand != NULL ? taiou_case_get_incident (case_at_hand) : NULL;

  if (incident == NULL)
    return;
  gtk_widget_action_set_enabled (widget, "report-page.checkpoint", FALSE);
  taiou_case_issue_checkpoint_async (case_at_hand, incident,
                                     taiou_profile_get_contact_name (
                                       taiou_case_get_profile (case_at_hand)),
                                     NULL, checkpoint_issued_cb, g_object_ref (self));
}

static void
report_hand_over (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  TaiouReportPage *self = TAIOU_REPORT_PAGE (widget);
  GtkRoot *root = gtk_widget_get_root (widget);
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *date = g_date_time_format (now, "%Y%m%d");
  g_autofree char *name = NULL;
  GtkFileChooserNative *chooser;

  if (self->save_file != NULL)
    {
      save_hand_over (self, self->save_file);
      return;
    }
  chooser = gtk_file_chooser_native_new (_("Save the Summary for the IT Manager"),
                                         GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                         GTK_FILE_CHOOSER_ACTION_SAVE, _("_Save"), _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  /* Translators: the suggested file name of the hand-over summary; %s is the date */
  name = g_strdup_printf (_("incident-summary-%s.html"), date);
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (chooser), name);
  g_signal_connect (chooser, "response", G_CALLBACK (chooser_response_cb), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

static void
taiou_report_page_shown (TaiouWizardPage *page)
{
  refresh (TAIOU_REPORT_PAGE (page));
}

static void
taiou_report_page_dispose (GObject *object)
{
  TaiouReportPage *self = TAIOU_REPORT_PAGE (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->save_file);
  gtk_widget_dispose_template (GTK_WIDGET (self), TAIOU_TYPE_REPORT_PAGE);

  G_OBJECT_CLASS (taiou_report_page_parent_class)->dispose (object);
}

static void
taiou_report_page_finalize (GObject *object)
{
  TaiouReportPage *self = TAIOU_REPORT_PAGE (object);

  g_clear_pointer (&self->discovered, g_date_time_unref);

  G_OBJECT_CLASS (taiou_report_page_parent_class)->finalize (object);
}

static void
taiou_report_page_class_init (TaiouReportPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  TaiouWizardPageClass *page_class = TAIOU_WIZARD_PAGE_CLASS (klass);

  object_class->dispose = taiou_report_page_dispose;
  object_class->finalize = taiou_report_page_finalize;
  page_class->shown = taiou_report_page_shown;

  g_type_ensure (TAIOU_TYPE_SUMMARY_VIEW);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/taiou/Taiou/taiou-report-page.ui");
  gtk_widget_class_bind_template_child (widget_class, TaiouReportPage, summary_view);
  gtk_widget_class_bind_template_child (widget_class, TaiouReportPage, personal_switch);
  gtk_widget_class_bind_template_child (widget_class, TaiouReportPage, appi_box);
  gtk_widget_class_bind_template_child (widget_class, TaiouReportPage, sensitive_check);
  gtk_widget_class_bind_template_child (widget_class, TaiouReportPage, financial_check);
  gtk_widget_class_bind_template_child (widget_class, TaiouReportPage, unlawful_check);
  gtk_widget_class_bind_template_child (widget_class, TaiouReportPage, over_1000_check);
  gtk_widget_class_bind_template_child (widget_class, TaiouReportPage, discovered_row);
  gtk_widget_class_bind_template_child (widget_class, TaiouReportPage, date_button);
  gtk_widget_class_bind_template_child (widget_class, TaiouReportPage, calendar);
  gtk_widget_class_bind_template_child (widget_class, TaiouReportPage, hour_spin);
  gtk_widget_class_bind_template_child (widget_class, TaiouReportPage, minute_spin);
  gtk_widget_class_bind_template_child (widget_class, TaiouReportPage, assess_button);
  gtk_widget_class_bind_template_child (widget_class, TaiouReportPage, deadlines_group);
  gtk_widget_class_bind_template_child (widget_class, TaiouReportPage, preliminary_row);
  gtk_widget_class_bind_template_child (widget_class, TaiouReportPage, final_row);
  gtk_widget_class_bind_template_child (widget_class, TaiouReportPage, notify_row);
  gtk_widget_class_bind_template_child (widget_class, TaiouReportPage, preliminary_button);
  gtk_widget_class_bind_template_child (widget_class, TaiouReportPage, final_button);
  gtk_widget_class_bind_template_child (widget_class, TaiouReportPage, notify_button);
  gtk_widget_class_bind_template_child (widget_class, TaiouReportPage, manager_row);
  gtk_widget_class_bind_template_child (widget_class, TaiouReportPage, hand_over_label);
  gtk_widget_class_bind_template_child (widget_class, TaiouReportPage, checkpoint_label);
  gtk_widget_class_bind_template_callback (widget_class, answers_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, discovered_widgets_changed_cb);

  gtk_widget_class_install_action (widget_class, "report-page.assess", NULL, report_assess);
  gtk_widget_class_install_action (widget_class, "report-page.preliminary-done", NULL,
                                   report_preliminary_done);
  gtk_widget_class_install_action (widget_class, "report-page.final-done", NULL,
                                   report_final_done);
  gtk_widget_class_install_action (widget_class, "report-page.notify-done", NULL,
                                   report_notify_done);
  gtk_widget_class_install_action (widget_class, "report-page.hand-over", NULL,
                                   report_hand_over);
  gtk_widget_class_install_action (widget_class, "report-page.checkpoint", NULL,
                                   report_checkpoint);
}

static void
taiou_report_page_init (TaiouReportPage *self)
{
  g_autoptr(GTimeZone) zone = taiou_appi_time_zone ();

  self->answers_incident = -1;
  self->discovered = g_date_time_new_now (zone);
  gtk_widget_init_template (GTK_WIDGET (self));
  /* The worker may have nothing to report or no file to save; skipping says so in the record. */
  taiou_wizard_page_set_skippable (TAIOU_WIZARD_PAGE (self), TRUE);
  sync_discovered_widgets (self);
  show_manager (self);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "report-page.hand-over", FALSE);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "report-page.checkpoint", FALSE);
}

/**
 * taiou_report_page_set_discovered:
 *
 * Corrects the discovery time the deadlines count from (to the minute).
 */
void
taiou_report_page_set_discovered (TaiouReportPage *self,
                                  GDateTime       *discovered)
{
  g_autoptr(GTimeZone) zone = taiou_appi_time_zone ();
  g_autoptr(GDateTime) japan = NULL;

  g_return_if_fail (TAIOU_IS_REPORT_PAGE (self));
  g_return_if_fail (discovered != NULL);

  japan = g_date_time_to_timezone (discovered, zone);
  g_clear_pointer (&self->discovered, g_date_time_unref);
  self->discovered = g_date_time_new (zone, g_date_time_get_year (japan),
                                      g_date_time_get_month (japan),
                                      g_date_time_get_day_of_month (japan),
                                      g_date_time_get_hour (japan),
                                      g_date_time_get_minute (japan), 0);
  sync_discovered_widgets (self);
}

/* Returns: (transfer none): the discovery time the deadlines count from, in Japan time */
GDateTime *
taiou_report_page_get_discovered (TaiouReportPage *self)
{
  g_return_val_if_fail (TAIOU_IS_REPORT_PAGE (self), NULL);
  return self->discovered;
}

/**
 * taiou_report_page_set_save_file:
 * @file: (nullable): where the hand-over saves the summary without asking; NULL to ask
 *
 * For tests and scripted runs: the file chooser needs a person.
 */
void
taiou_report_page_set_save_file (TaiouReportPage *self,
                                 GFile           *file)
{
  g_return_if_fail (TAIOU_IS_REPORT_PAGE (self));
  g_return_if_fail (file == NULL || G_IS_FILE (file));

  g_set_object (&self->save_file, file);
}
