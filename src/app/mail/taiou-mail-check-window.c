/* taiou-mail-check-window.c — "was that mail dangerous?" for someone who just opened it
 *
 * The worker drops the saved mail on the window (or chooses it); the triage runs in a worker
 * thread while a spinner and a cancel button show; the answer comes first, in one word and one
 * sentence of advice, then the reasons in plain language.  The verdict is never "safe": a mail
 * without warning signs is still one to confirm by phone when it was unexpected.
 */
#define G_LOG_DOMAIN "taiou-mail-check"

#include "config.h"

#include <glib/gi18n.h>

#include "taiou-file-drop.h"
#include "taiou-mail-check-window.h"

struct _TaiouMailCheckWindow
{
  AdwWindow        parent_instance;

  GtkStack        *stack;
  GtkSpinner      *spinner;
  GtkLabel        *busy_label;
  GtkBox          *verdict_box;
  GtkImage        *verdict_icon;
  GtkLabel        *verdict_label;
  GtkLabel        *advice_label;
  AdwPreferencesGroup *reasons_group;
  GtkListBox      *reasons_list;
  GtkListBox      *mail_list;
  AdwStatusPage   *error_page;

  TaiouCase       *case_at_hand;  /* "us", the IOCs, and the incident verdicts are recorded in */
  GCancellable    *cancellable;
  GtkFileChooserNative *chooser;
  TaiouMailReport *report;
  gboolean         from_wizard;   /* opened from the wizard's scan step: advice fits there */
};

G_DEFINE_FINAL_TYPE (TaiouMailCheckWindow, taiou_mail_check_window, ADW_TYPE_WINDOW)

enum {
  PROP_0,
  PROP_CASE,
  PROP_FROM_WIZARD,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

enum {
  SIGNAL_CHECKED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
list_box_clear (GtkListBox *list)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (list))) != NULL)
    gtk_list_box_remove (list, child);
}

static void
add_row (GtkListBox *list,
         const char *title,
         const char *subtitle)
{
  GtkWidget *row = adw_action_row_new ();

  /* Mail text is the attacker's: never let GTK read markup in it. */
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  if (subtitle != NULL)
    adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  adw_action_row_set_title_lines (ADW_ACTION_ROW (row), 0);
  adw_action_row_set_subtitle_lines (ADW_ACTION_ROW (row), 3);
  gtk_list_box_append (list, row);
}

static void
show_verdict (TaiouMailCheckWindow *self)
{
  static const char * const css_classes[] = { "nothing-found", "suspicious", "dangerous" };
  TaiouMailReport *report = self->report;
  gboolean japanese = taiou_i18n_prefers_japanese ();
  g_autofree char *from = NULL;

  for (gsize i = 0; i < G_N_ELEMENTS (css_classes); i++)
    gtk_widget_remove_css_class (GTK_WIDGET (self->verdict_box), css_classes[i]);
  gtk_widget_add_css_class (GTK_WIDGET (self->verdict_box), css_classes[report->verdict]);

  switch (report->verdict)
    {
    case TAIOU_MAIL_VERDICT_DANGEROUS:
      gtk_image_set_from_icon_name (self->verdict_icon, "dialog-error-symbolic");
      gtk_label_set_label (self->verdict_label, _("Dangerous"));
      /* Who opened this window from the wizard is already in the response steps. */
      gtk_label_set_label (self->advice_label,
                           self->from_wizard
                           ? _("Do not open its attachments or links, and do not reply. If you "
                               "already opened them, close this window and go on with the "
                               "next steps.")
                           : _("Do not open its attachments or links, and do not reply. If you "
                               "already opened them, go back and start the response steps."));
      break;
    case TAIOU_MAIL_VERDICT_SUSPICIOUS:
      gtk_image_set_from_icon_name (self->verdict_icon, "dialog-warning-symbolic");
      gtk_label_set_label (self->verdict_label, _("Suspicious"));
      gtk_label_set_label (self->advice_label,
                           _("Do not open its attachments or links until the sender confirms "
                             "by phone that they sent it."));
      break;
    case TAIOU_MAIL_VERDICT_NOTHING_FOUND:
    default:
      gtk_image_set_from_icon_name (self->verdict_icon, "dialog-information-symbolic");
      gtk_label_set_label (self->verdict_label, _("No Problem Found"));
      gtk_label_set_label (self->advice_label,
                           _("No known warning sign was found. This does not prove the mail is "
                             "safe: if you did not expect it, ask the sender by phone."));
      break;
    }

  list_box_clear (self->reasons_list);
  gtk_widget_set_visible (GTK_WIDGET (self->reasons_group), report->findings->len > 0);
  for (guint i = 0; i < report->findings->len; i++)
    {
      TaiouFinding *finding = report->findings->pdata[i];

      add_row (self->reasons_list, japanese ? finding->reason_ja : finding->reason_en,
               taiou_finding_get_evidence (finding, japanese));
    }

  list_box_clear (self->mail_list);
  from = g_strdup_printf ("%s <%s>", report->from_name != NULL ? report->from_name : "",
                          report->from_address != NULL ? report->from_address : "?");
  add_row (self->mail_list, _("From"), from);
  add_row (self->mail_list, _("Subject"), report->subject != NULL ? report->subject : "");
  for (guint i = 0; i < report->attachments->len; i++)
    {
      TaiouMailAttachment *attachment = report->attachments->pdata[i];
      g_autofree char *size = g_format_size (attachment->size);
      g_autofree char *details = g_strdup_printf ("%s · SHA-256 %s", size, attachment->sha256);
      g_autofree char *title = g_strdup_printf (_("Attachment: %s"), attachment->path);

      add_row (self->mail_list, title, details);
    }
  gtk_stack_set_visible_child_name (self->stack, "result");
}

/* A verdict is recorded in the incident at hand, while its response goes on. */
static void
record_verdict (TaiouMailCheckWindow *self)
{
  g_autoptr(GError) error = NULL;

  if (!taiou_case_is_recording (self->case_at_hand))
    return;
  if (!taiou_case_record_mail (self->case_at_hand, self->report, &error))
    g_warning ("Could not record the mail verdict: %s", error->message);
}

static void
triage_cb (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(TaiouMailCheckWindow) self = user_data;
  g_autoptr(GError) error = NULL;
  TaiouMailReport *report = taiou_case_check_mail_finish (TAIOU_CASE (source), result, &error);

  gtk_spinner_stop (self->spinner);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      gtk_stack_set_visible_child_name (self->stack, "empty");
      return;
    }
  g_clear_object (&self->cancellable);
  g_clear_pointer (&self->report, taiou_mail_report_unref);
  if (report == NULL)
    {
      /* A rule file's error is in English and Japanese: the window shows the Japanese. */
      g_autofree char *reason = taiou_yara_error_get_message (error, TRUE);

      adw_status_page_set_description (self->error_page, reason);
      gtk_stack_set_visible_child_name (self->stack, "error");
    }
  else
    {
      self->report = report;
      record_verdict (self);
      show_verdict (self);
    }
  g_signal_emit (self, signals[SIGNAL_CHECKED], 0);
}

/**
 * taiou_mail_check_window_check_file:
 *
 * Checks @file in a worker thread; the window shows progress, then the verdict.
 */
void
taiou_mail_check_window_check_file (TaiouMailCheckWindow *self,
                                    GFile                *file)
{
  g_autofree char *path = NULL;
  g_autofree char *name = NULL;
  g_autofree char *busy = NULL;

  g_return_if_fail (TAIOU_IS_MAIL_CHECK_WINDOW (self));
  g_return_if_fail (G_IS_FILE (file));

  path = g_file_get_path (file);
  if (path == NULL)
    {
      adw_status_page_set_description (self->error_page,
                                       _("Only files on this computer can be checked."));
      gtk_stack_set_visible_child_name (self->stack, "error");
      return;
    }
  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();
  name = g_file_get_basename (file);
  busy = g_strdup_printf (_("Checking “%s”…"), name);
  gtk_label_set_label (self->busy_label, busy);
  gtk_spinner_start (self->spinner);
  gtk_stack_set_visible_child_name (self->stack, "busy");
  /* The IOC set may still be loading (it starts with the app); the check waits for it. */
  taiou_case_check_mail_async (self->case_at_hand, path, self->cancellable, triage_cb,
                               g_object_ref (self));
}

static void
file_dropped_cb (GFile    *file,
                 gpointer  user_data)
{
  taiou_mail_check_window_check_file (user_data, file);
}

static void
chooser_response_cb (GtkNativeDialog *dialog,
                     int              response,
                     gpointer         user_data)
{
  TaiouMailCheckWindow *self = user_data;

  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (dialog));

      if (file != NULL)
        taiou_mail_check_window_check_file (self, file);
    }
  g_clear_object (&self->chooser);
}

static void
choose_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  TaiouMailCheckWindow *self = TAIOU_MAIL_CHECK_WINDOW (widget);
  g_autoptr(GtkFileFilter) mail = gtk_file_filter_new ();
  g_autoptr(GtkFileFilter) all = gtk_file_filter_new ();

  if (self->chooser != NULL)
    return;
  gtk_file_filter_set_name (mail, _("Mail files (.eml, .msg)"));
  gtk_file_filter_add_suffix (mail, "eml");
  gtk_file_filter_add_suffix (mail, "msg");
  gtk_file_filter_add_suffix (mail, "mbox");
  gtk_file_filter_set_name (all, _("All files"));
  gtk_file_filter_add_pattern (all, "*");
  self->chooser = gtk_file_chooser_native_new (_("Choose the Mail File"), GTK_WINDOW (self),
                                               GTK_FILE_CHOOSER_ACTION_OPEN, _("_Check"),
                                               _("_Cancel"));
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (self->chooser), mail);
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (self->chooser), all);
  g_signal_connect (self->chooser, "response", G_CALLBACK (chooser_response_cb), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (self->chooser));
}

static void
cancel_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  TaiouMailCheckWindow *self = TAIOU_MAIL_CHECK_WINDOW (widget);

  g_cancellable_cancel (self->cancellable);
}

static void
taiou_mail_check_window_dispose (GObject *object)
{
  TaiouMailCheckWindow *self = TAIOU_MAIL_CHECK_WINDOW (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  if (self->chooser != NULL)
    gtk_native_dialog_destroy (GTK_NATIVE_DIALOG (self->chooser));
  g_clear_object (&self->chooser);
  g_clear_object (&self->case_at_hand);
  g_clear_pointer (&self->report, taiou_mail_report_unref);
  gtk_widget_dispose_template (GTK_WIDGET (self), TAIOU_TYPE_MAIL_CHECK_WINDOW);

  G_OBJECT_CLASS (taiou_mail_check_window_parent_class)->dispose (object);
}

static void
taiou_mail_check_window_get_property (GObject    *object,
                                      guint       prop_id,
                                      GValue     *value,
                                      GParamSpec *pspec)
{
  TaiouMailCheckWindow *self = TAIOU_MAIL_CHECK_WINDOW (object);

  switch (prop_id)
    {
    case PROP_CASE:
      g_value_set_object (value, self->case_at_hand);
      break;
    case PROP_FROM_WIZARD:
      g_value_set_boolean (value, self->from_wizard);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
taiou_mail_check_window_set_property (GObject      *object,
                                      guint         prop_id,
                                      const GValue *value,
                                      GParamSpec   *pspec)
{
  TaiouMailCheckWindow *self = TAIOU_MAIL_CHECK_WINDOW (object);

  switch (prop_id)
    {
    case PROP_CASE:
      self->case_at_hand = g_value_dup_object (value);
      break;
    case PROP_FROM_WIZARD:
      taiou_mail_check_window_set_from_wizard (self, g_value_get_boolean (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
taiou_mail_check_window_class_init (TaiouMailCheckWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = taiou_mail_check_window_dispose;
  object_class->get_property = taiou_mail_check_window_get_property;
  object_class->set_property = taiou_mail_check_window_set_property;

  properties[PROP_CASE] =
    g_param_spec_object ("case", NULL, NULL, TAIOU_TYPE_CASE,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  /* Opened from the wizard's scan step rather than from the start screen. */
  properties[PROP_FROM_WIZARD] =
    g_param_spec_boolean ("from-wizard", NULL, NULL, FALSE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * TaiouMailCheckWindow::checked:
   *
   * A check ended with a verdict or an error on screen.
   */
  signals[SIGNAL_CHECKED] = g_signal_new ("checked", G_TYPE_FROM_CLASS (klass),
                                          G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL, G_TYPE_NONE,
                                          0);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/taiou/Taiou/taiou-mail-check-window.ui");
  gtk_widget_class_bind_template_child (widget_class, TaiouMailCheckWindow, stack);
  gtk_widget_class_bind_template_child (widget_class, TaiouMailCheckWindow, spinner);
  gtk_widget_class_bind_template_child (widget_class, TaiouMailCheckWindow, busy_label);
  gtk_widget_class_bind_template_child (widget_class, TaiouMailCheckWindow, verdict_box);
  gtk_widget_class_bind_template_child (widget_class, TaiouMailCheckWindow, verdict_icon);
  gtk_widget_class_bind_template_child (widget_class, TaiouMailCheckWindow, verdict_label);
  gtk_widget_class_bind_template_child (widget_class, TaiouMailCheckWindow, advice_label);
  gtk_widget_class_bind_template_child (widget_class, TaiouMailCheckWindow, reasons_group);
  gtk_widget_class_bind_template_child (widget_class, TaiouMailCheckWindow, reasons_list);
  gtk_widget_class_bind_template_child (widget_class, TaiouMailCheckWindow, mail_list);
  gtk_widget_class_bind_template_child (widget_class, TaiouMailCheckWindow, error_page);

  gtk_widget_class_install_action (widget_class, "mail-check.choose", NULL, choose_action);
  gtk_widget_class_install_action (widget_class, "mail-check.cancel", NULL, cancel_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_o, GDK_CONTROL_MASK,
                                       "mail-check.choose", NULL);
  /* Closing also cancels a check in progress (see dispose). */
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
taiou_mail_check_window_init (TaiouMailCheckWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  taiou_file_drop_add (GTK_WIDGET (self), file_dropped_cb, self);
}

/**
 * taiou_mail_check_window_new:
 * @case_at_hand: "us" and the IOCs to check with, and the incident verdicts are recorded in
 */
TaiouMailCheckWindow *
taiou_mail_check_window_new (GtkWindow *parent,
                             TaiouCase *case_at_hand)
{
  g_return_val_if_fail (TAIOU_IS_CASE (case_at_hand), NULL);

  return g_object_new (TAIOU_TYPE_MAIL_CHECK_WINDOW, "transient-for", parent,
                       "case", case_at_hand, NULL);
}

/**
 * taiou_mail_check_window_present_for:
 * @from: the widget whose window it opens beside (a button, a wizard page …)
 *
 * The one way every part of the app opens the mail check.
 *
 * Returns: (transfer none): the window, shown
 */
TaiouMailCheckWindow *
taiou_mail_check_window_present_for (GtkWidget *from,
                                     TaiouCase *case_at_hand)
{
  GtkRoot *root = gtk_widget_get_root (from);
  GtkWindow *parent = GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL;
  TaiouMailCheckWindow *window = taiou_mail_check_window_new (parent, case_at_hand);

  if (parent != NULL)
    gtk_window_set_application (GTK_WINDOW (window), gtk_window_get_application (parent));
  gtk_window_present (GTK_WINDOW (window));
  return window;
}

/* Returns: (transfer none) (nullable): the last verdict, for the tests */
TaiouMailReport *
taiou_mail_check_window_get_report (TaiouMailCheckWindow *self)
{
  g_return_val_if_fail (TAIOU_IS_MAIL_CHECK_WINDOW (self), NULL);
  return self->report;
}

/* Returns: "empty", "busy", "result" or "error" */
const char *
taiou_mail_check_window_get_page_name (TaiouMailCheckWindow *self)
{
  g_return_val_if_fail (TAIOU_IS_MAIL_CHECK_WINDOW (self), NULL);
  return gtk_stack_get_visible_child_name (self->stack);
}

/**
 * taiou_mail_check_window_set_from_wizard:
 * @from_wizard: whether the window was opened from the wizard's scan step
 *
 * The advice after a dangerous verdict then says to go on with the next steps, not to go back
 * to the start screen and begin them.
 */
void
taiou_mail_check_window_set_from_wizard (TaiouMailCheckWindow *self,
                                         gboolean              from_wizard)
{
  g_return_if_fail (TAIOU_IS_MAIL_CHECK_WINDOW (self));

  from_wizard = !!from_wizard;
  if (self->from_wizard == from_wizard)
    return;
  self->from_wizard = from_wizard;
  if (self->report != NULL)
    show_verdict (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_FROM_WIZARD]);
}

/* Returns: (transfer none): the advice under the verdict (for the tests) */
const char *
taiou_mail_check_window_get_advice (TaiouMailCheckWindow *self)
{
  g_return_val_if_fail (TAIOU_IS_MAIL_CHECK_WINDOW (self), NULL);
  return gtk_label_get_label (self->advice_label);
}
