/* taiou-triage-page.c — step 1: what happened, when, on which PC, who is reporting
 *
 * The answers open the incident: applying the page creates it and logs each answer as its own
 * timeline event, so the IT manager later sees exactly what the worker said and when.  The
 * questions follow the first thing the police desks ask (data/guidance/triage.json: write down
 * what happened, when, on which PC, who noticed); the instructions above them are records there.
 */
#define G_LOG_DOMAIN "taiou-triage-page"

#include "config.h"

#include <glib/gi18n.h>

#include "taiou-triage-page.h"

/* A clock a few minutes fast on the worker's PC must not block them. */
#define FUTURE_TOLERANCE_US (5 * G_TIME_SPAN_MINUTE)

typedef struct
{
  const char *id;
  const char *summary; /* N_(): how the timeline words the answer */
} TriageChoice;

/* In the order of the rows in the .ui. */
static const TriageChoice choices[] = {
  { TAIOU_TRIAGE_OPENED_ATTACHMENT, N_("Opened a mail attachment") },
  { TAIOU_TRIAGE_ENABLED_MACROS,    N_("Opened a mail attachment and enabled its content "
                                       "(macros)") },
  { TAIOU_TRIAGE_CLICKED_LINK,      N_("Clicked a link in a mail") },
  { TAIOU_TRIAGE_RECEIVED_ONLY,     N_("Received a suspicious mail but opened nothing") },
  { TAIOU_TRIAGE_SPOOFED_REPORT,    N_("A business partner reported mail sent in our name") },
};

struct _TaiouTriagePage
{
  TaiouWizardPage  parent_instance;

  GtkCheckButton  *choice_buttons[G_N_ELEMENTS (choices)];
  GtkMenuButton   *date_button;
  GtkCalendar     *calendar;
  GtkSpinButton   *hour_spin;
  GtkSpinButton   *minute_spin;
  AdwActionRow    *when_row;
  AdwEntryRow     *host_row;
  AdwEntryRow     *reporter_row;

  GDateTime       *when; /* local time, minute precision */
};

G_DEFINE_FINAL_TYPE (TaiouTriagePage, taiou_triage_page, TAIOU_TYPE_WIZARD_PAGE)

/* What apply hands to its worker thread: plain copies, no widgets. */
typedef struct
{
  char   *what;
  char   *what_summary;
  gint64  when_us;
  char   *when_text;
  char   *host;
  char   *reporter;
  TaiouTimeline *timeline;  /* taken on the main thread, for the apply thread */
  TaiouIncident *incident;  /* nullable: the incident being corrected */
} TriageAnswers;

static void
triage_answers_free (TriageAnswers *answers)
{
  g_free (answers->what);
  g_free (answers->what_summary);
  g_free (answers->when_text);
  g_free (answers->host);
  g_free (answers->reporter);
  g_clear_object (&answers->timeline);
  g_clear_object (&answers->incident);
  g_free (answers);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (TriageAnswers, triage_answers_free)

static int
selected_choice (TaiouTriagePage *self)
{
  for (guint i = 0; i < G_N_ELEMENTS (choices); i++)
    if (gtk_check_button_get_active (self->choice_buttons[i]))
      return (int) i;
  return -1;
}

static char *
stripped_text (AdwEntryRow *row)
{
  return g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (row))));
}

static gboolean
when_is_in_future (TaiouTriagePage *self)
{
  gint64 when_us = g_date_time_to_unix (self->when) * G_USEC_PER_SEC;

  return when_us > g_get_real_time () + FUTURE_TOLERANCE_US;
}

static void
update_complete (TaiouTriagePage *self)
{
  g_autofree char *host = stripped_text (self->host_row);
  g_autofree char *reporter = stripped_text (self->reporter_row);
  gboolean future = when_is_in_future (self);

  /* Say why "Next" is greyed out instead of leaving the worker guessing. */
  adw_action_row_set_subtitle (self->when_row,
                               future ? _("This time is in the future. Please check it.") : "");
  if (future)
    gtk_widget_add_css_class (GTK_WIDGET (self->when_row), "error");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self->when_row), "error");

  taiou_wizard_page_set_complete (TAIOU_WIZARD_PAGE (self),
                                  selected_choice (self) >= 0 && host[0] != '\0' &&
                                  reporter[0] != '\0' && !future);
}

static void when_widgets_changed_cb (TaiouTriagePage *self);

static void
update_date_label (TaiouTriagePage *self)
{
  g_autofree char *date_text = NULL;

  /* Translators: the date on the "when did it happen" button; strftime format. */
  date_text = g_date_time_format (self->when, _("%B %-d, %Y"));
  gtk_menu_button_set_label (self->date_button, date_text);
}

/* Shows self->when in the widgets without feeding the change back. */
static void
sync_when_widgets (TaiouTriagePage *self)
{
  update_date_label (self);
  gtk_calendar_select_day (self->calendar, self->when);
  gtk_spin_button_set_value (self->hour_spin, g_date_time_get_hour (self->when));
  gtk_spin_button_set_value (self->minute_spin, g_date_time_get_minute (self->when));
}

static void
set_when (TaiouTriagePage *self,
          GDateTime       *when)
{
  GDateTime *local = g_date_time_to_local (when);
  GDateTime *minute = g_date_time_new_local (g_date_time_get_year (local),
                                             g_date_time_get_month (local),
                                             g_date_time_get_day_of_month (local),
                                             g_date_time_get_hour (local),
                                             g_date_time_get_minute (local), 0);

  g_date_time_unref (local);
  g_clear_pointer (&self->when, g_date_time_unref);
  self->when = minute;
}

/* GtkCalendar 4.8 cannot grey out days, so a day after today is taken back at once: what
 * happened cannot have happened tomorrow. */
static GDateTime *
dup_day_not_after_today (TaiouTriagePage *self)
{
  GDateTime *day = gtk_calendar_get_date (self->calendar);
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  int year, month, dom, today_year, today_month, today_dom;

  g_date_time_get_ymd (day, &year, &month, &dom);
  g_date_time_get_ymd (now, &today_year, &today_month, &today_dom);
  if (year * 10000 + month * 100 + dom <= today_year * 10000 + today_month * 100 + today_dom)
    return day;
  g_date_time_unref (day);
  g_signal_handlers_block_by_func (self->calendar, when_widgets_changed_cb, self);
  gtk_calendar_select_day (self->calendar, now);
  g_signal_handlers_unblock_by_func (self->calendar, when_widgets_changed_cb, self);
  return g_steal_pointer (&now);
}

static void
when_widgets_changed_cb (TaiouTriagePage *self)
{
  g_autoptr(GDateTime) day = dup_day_not_after_today (self);
  g_autoptr(GDateTime) when = NULL;

  when = g_date_time_new_local (g_date_time_get_year (day), g_date_time_get_month (day),
                                g_date_time_get_day_of_month (day),
                                gtk_spin_button_get_value_as_int (self->hour_spin),
                                gtk_spin_button_get_value_as_int (self->minute_spin), 0);
  if (when == NULL)
    return;
  set_when (self, when);
  update_date_label (self);
  update_complete (self);
}

/* "09:05", not "9:5": a time reads as a time. */
static gboolean
spin_output_cb (GtkSpinButton *spin)
{
  g_autofree char *text = g_strdup_printf ("%02d", gtk_spin_button_get_value_as_int (spin));

  gtk_editable_set_text (GTK_EDITABLE (spin), text);
  return TRUE;
}

static void
triage_now (GtkWidget  *widget,
            const char *action_name,
            GVariant   *parameter)
{
  TaiouTriagePage *self = TAIOU_TRIAGE_PAGE (widget);
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();

  taiou_triage_page_set_when (self, now);
}

/* Runs in the apply thread, so it writes to the timeline (which locks) rather than through the
 * case, whose signals belong to the main thread; the case learns the new incident in
 * apply_finish. */
static void
log_answer (TaiouTimeline  *timeline,
            TaiouIncident  *incident,
            const char     *kind,
            const char     *actor,
            const char     *summary,
            JsonObject     *detail,
            GError        **error)
{
  g_autoptr(TaiouEvent) event = NULL;

  if (error != NULL && *error != NULL)
    return; /* an earlier answer failed; keep the first error */
  event = taiou_timeline_append (timeline, taiou_incident_get_id (incident), kind, actor,
                                 summary, detail, error);
}

static void
apply_thread (GTask        *task,
              gpointer      source_object,
              gpointer      task_data,
              GCancellable *cancellable)
{
  TriageAnswers *answers = task_data;
  TaiouTimeline *timeline = answers->timeline;
  g_autoptr(TaiouIncident) incident = NULL;
  g_autoptr(JsonObject) what = json_object_new ();
  g_autoptr(JsonObject) when = json_object_new ();
  g_autoptr(JsonObject) host = json_object_new ();
  g_autoptr(JsonObject) reporter = json_object_new ();
  g_autofree char *what_summary = NULL;
  g_autofree char *when_summary = NULL;
  g_autofree char *host_summary = NULL;
  g_autofree char *reporter_summary = NULL;
  GError *error = NULL;

  /* Nothing is written yet, so this is the last point where cancelling leaves no trace. */
  if (g_task_return_error_if_cancelled (task))
    return;

  /* Going back to this step and on again corrects the answers of the same incident. */
  incident = answers->incident != NULL ? g_object_ref (answers->incident) : NULL;
  if (incident == NULL)
    {
      g_autofree char *title = g_strdup_printf ("%s (%s)", answers->what_summary, answers->host);

      incident = taiou_timeline_create_incident (timeline, title, answers->when_us, answers->host,
                                                 answers->reporter, &error);
      if (incident == NULL)
        {
          g_task_return_error (task, error);
          return;
        }
    }

  json_object_set_string_member (what, "answer", answers->what);
  what_summary = g_strdup_printf (_("What happened: %s"), answers->what_summary);
  taiou_time_set_json (when, "when", answers->when_us);
  when_summary = g_strdup_printf (_("When: about %s"), answers->when_text);
  json_object_set_string_member (host, "host", answers->host);
  host_summary = g_strdup_printf (_("PC concerned: %s"), answers->host);
  json_object_set_string_member (reporter, "reporter", answers->reporter);
  reporter_summary = g_strdup_printf (_("Reported by: %s"), answers->reporter);

  log_answer (timeline, incident, TAIOU_EVENT_TRIAGE_WHAT_HAPPENED, answers->reporter, what_summary, what,
              &error);
  log_answer (timeline, incident, TAIOU_EVENT_TRIAGE_WHEN, answers->reporter, when_summary, when, &error);
  log_answer (timeline, incident, TAIOU_EVENT_TRIAGE_HOST, answers->reporter, host_summary, host, &error);
  log_answer (timeline, incident, TAIOU_EVENT_TRIAGE_REPORTER, answers->reporter, reporter_summary,
              reporter, &error);

  if (error != NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, g_steal_pointer (&incident), g_object_unref);
}

static void
taiou_triage_page_apply_async (TaiouWizardPage     *page,
                               GCancellable        *cancellable,
                               GAsyncReadyCallback  callback,
                               gpointer             user_data)
{
  TaiouTriagePage *self = TAIOU_TRIAGE_PAGE (page);
  g_autoptr(GTask) task = g_task_new (self, cancellable, callback, user_data);
  g_autoptr(TriageAnswers) answers = g_new0 (TriageAnswers, 1);
  int choice = selected_choice (self);

  g_task_set_source_tag (task, taiou_triage_page_apply_async);

  if (taiou_wizard_page_get_timeline (page) == NULL)
    {
      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_NOT_INITIALIZED,
                               _("The incident record is not available, so the answers cannot "
                                 "be saved."));
      return;
    }
  g_return_if_fail (choice >= 0);

  answers->what = g_strdup (choices[choice].id);
  answers->what_summary = g_strdup (_(choices[choice].summary));
  answers->when_us = g_date_time_to_unix (self->when) * G_USEC_PER_SEC;
  answers->when_text = g_date_time_format (self->when, "%Y-%m-%d %H:%M");
  answers->host = stripped_text (self->host_row);
  answers->reporter = stripped_text (self->reporter_row);
  answers->timeline = g_object_ref (taiou_wizard_page_get_timeline (page));
  if (taiou_wizard_page_get_incident (page) != NULL)
    answers->incident = g_object_ref (taiou_wizard_page_get_incident (page));

  g_task_set_task_data (task, g_steal_pointer (&answers), (GDestroyNotify) triage_answers_free);
  g_task_run_in_thread (task, apply_thread);
}

static gboolean
taiou_triage_page_apply_finish (TaiouWizardPage  *page,
                                GAsyncResult     *result,
                                GError          **error)
{
  g_autoptr(TaiouIncident) incident = g_task_propagate_pointer (G_TASK (result), error);

  if (incident == NULL)
    return FALSE;
  taiou_case_set_incident (taiou_wizard_page_get_case (page), incident);
  return TRUE;
}

static void
taiou_triage_page_shown (TaiouWizardPage *page)
{
  /* Time passes while a worker reads; re-check "in the future" against the real clock. */
  update_complete (TAIOU_TRIAGE_PAGE (page));
}

static void
taiou_triage_page_dispose (GObject *object)
{
  TaiouTriagePage *self = TAIOU_TRIAGE_PAGE (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), TAIOU_TYPE_TRIAGE_PAGE);
  g_clear_pointer (&self->when, g_date_time_unref);

  G_OBJECT_CLASS (taiou_triage_page_parent_class)->dispose (object);
}

static void
taiou_triage_page_class_init (TaiouTriagePageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  TaiouWizardPageClass *page_class = TAIOU_WIZARD_PAGE_CLASS (klass);

  object_class->dispose = taiou_triage_page_dispose;
  page_class->apply_async = taiou_triage_page_apply_async;
  page_class->apply_finish = taiou_triage_page_apply_finish;
  page_class->shown = taiou_triage_page_shown;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/taiou/Taiou/taiou-triage-page.ui");
  gtk_widget_class_bind_template_child_full (widget_class, "opened_check", FALSE,
    G_STRUCT_OFFSET (TaiouTriagePage, choice_buttons[0]));
  gtk_widget_class_bind_template_child_full (widget_class, "macros_check", FALSE,
    G_STRUCT_OFFSET (TaiouTriagePage, choice_buttons[1]));
  gtk_widget_class_bind_template_child_full (widget_class, "link_check", FALSE,
    G_STRUCT_OFFSET (TaiouTriagePage, choice_buttons[2]));
  gtk_widget_class_bind_template_child_full (widget_class, "received_check", FALSE,
    G_STRUCT_OFFSET (TaiouTriagePage, choice_buttons[3]));
  gtk_widget_class_bind_template_child_full (widget_class, "spoofed_check", FALSE,
    G_STRUCT_OFFSET (TaiouTriagePage, choice_buttons[4]));
  gtk_widget_class_bind_template_child (widget_class, TaiouTriagePage, date_button);
  gtk_widget_class_bind_template_child (widget_class, TaiouTriagePage, calendar);
  gtk_widget_class_bind_template_child (widget_class, TaiouTriagePage, hour_spin);
  gtk_widget_class_bind_template_child (widget_class, TaiouTriagePage, minute_spin);
  gtk_widget_class_bind_template_child (widget_class, TaiouTriagePage, when_row);
  gtk_widget_class_bind_template_child (widget_class, TaiouTriagePage, host_row);
  gtk_widget_class_bind_template_child (widget_class, TaiouTriagePage, reporter_row);
  gtk_widget_class_bind_template_callback (widget_class, update_complete);
  gtk_widget_class_bind_template_callback (widget_class, when_widgets_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, spin_output_cb);

  gtk_widget_class_install_action (widget_class, "triage.now", NULL, triage_now);
}

static void
taiou_triage_page_init (TaiouTriagePage *self)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  const char *real_name = g_get_real_name ();

  /* The time first: filling the other fields re-checks the page, which reads it. */
  set_when (self, now);
  gtk_widget_init_template (GTK_WIDGET (self));

  gtk_editable_set_text (GTK_EDITABLE (self->host_row), g_get_host_name ());
  /* GLib says "Unknown" when the account has no full name; an empty field is clearer. */
  if (g_strcmp0 (real_name, "Unknown") != 0)
    gtk_editable_set_text (GTK_EDITABLE (self->reporter_row), real_name);

  taiou_triage_page_set_when (self, now);
}

/* Returns: (nullable): the machine name of the chosen answer, e.g. "enabled-macros" */
const char *
taiou_triage_page_get_what_happened (TaiouTriagePage *self)
{
  int choice;

  g_return_val_if_fail (TAIOU_IS_TRIAGE_PAGE (self), NULL);

  choice = selected_choice (self);
  return choice >= 0 ? choices[choice].id : NULL;
}

/* Returns: whether @what names an answer; the matching option is selected when it does. */
gboolean
taiou_triage_page_set_what_happened (TaiouTriagePage *self,
                                     const char      *what)
{
  g_return_val_if_fail (TAIOU_IS_TRIAGE_PAGE (self), FALSE);

  for (guint i = 0; i < G_N_ELEMENTS (choices); i++)
    if (g_strcmp0 (choices[i].id, what) == 0)
      {
        gtk_check_button_set_active (self->choice_buttons[i], TRUE);
        return TRUE;
      }
  return FALSE;
}

/* Returns: (transfer none): the chosen local time */
GDateTime *
taiou_triage_page_get_when (TaiouTriagePage *self)
{
  g_return_val_if_fail (TAIOU_IS_TRIAGE_PAGE (self), NULL);
  return self->when;
}

void
taiou_triage_page_set_when (TaiouTriagePage *self,
                            GDateTime       *when)
{
  g_return_if_fail (TAIOU_IS_TRIAGE_PAGE (self));
  g_return_if_fail (when != NULL);

  set_when (self, when);
  g_signal_handlers_block_by_func (self->calendar, when_widgets_changed_cb, self);
  g_signal_handlers_block_by_func (self->hour_spin, when_widgets_changed_cb, self);
  g_signal_handlers_block_by_func (self->minute_spin, when_widgets_changed_cb, self);
  sync_when_widgets (self);
  g_signal_handlers_unblock_by_func (self->minute_spin, when_widgets_changed_cb, self);
  g_signal_handlers_unblock_by_func (self->hour_spin, when_widgets_changed_cb, self);
  g_signal_handlers_unblock_by_func (self->calendar, when_widgets_changed_cb, self);
  update_complete (self);
}
