/* taiou-scan-task-row.c — one check on the scan step: its progress, then its result
 *
 * Every kind of check (the mail, the Windows PC's disk, EmoCheck reports, this computer) shows
 * the same three things, so a frightened user learns them once: while it runs, a bar, how much
 * was looked at and where, and a cancel button; then one headline a non-expert understands —
 * 「感染の疑いがあります」 or 「見つかりませんでした」, never "safe" — and each finding in plain
 * words, opened with a click to its evidence for the IT manager.  The row owns the check's
 * GCancellable, so cancelling from the button, from the page or by destroying the page is one
 * path.  What the check does and records is the page's business, not the row's.
 */
#define G_LOG_DOMAIN "taiou-scan-page"

#include "config.h"

#include <glib/gi18n.h>

#include "taiou-scan-task-row.h"

struct _TaiouScanTaskRow
{
  AdwBin             parent_instance;

  GtkLabel          *title_label;
  GtkStack          *stack;
  GtkProgressBar    *progress_bar;
  GtkLabel          *count_label;
  GtkLabel          *where_label;
  GtkImage          *result_icon;
  GtkLabel          *headline_label;
  GtkLabel          *summary_label;
  GtkListBox        *findings_list;
  GtkBox            *extra_box;
  GtkExpander       *details_expander;
  GtkLabel          *details_label;
  GtkLabel          *message_label;

  GCancellable      *cancellable;  /* of the check under way, NULL when none */
  const char        *state;
  guint              n_findings;
};

G_DEFINE_FINAL_TYPE (TaiouScanTaskRow, taiou_scan_task_row, ADW_TYPE_BIN)

enum {
  PROP_0,
  PROP_RUNNING,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

enum {
  SIGNAL_PROGRESSED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
set_state (TaiouScanTaskRow *self,
           const char       *state)
{
  gboolean was_running = taiou_scan_task_row_get_running (self);

  self->state = state;
  if (g_strcmp0 (state, "running") != 0)
    g_clear_object (&self->cancellable);
  gtk_widget_set_visible (GTK_WIDGET (self), g_strcmp0 (state, "idle") != 0);
  if (was_running != taiou_scan_task_row_get_running (self))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_RUNNING]);
}

static void
list_box_clear (GtkListBox *list)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (list))) != NULL)
    gtk_list_box_remove (list, child);
}

/**
 * taiou_scan_task_row_begin:
 * @title: what is checked, in words ("The Windows disk at /media/…")
 *
 * Shows the row as running; the cancel button cancels the returned cancellable.  A check
 * already under way in this row is cancelled first.
 *
 * Returns: (transfer none): the check's cancellable, owned by the row until it ends
 */
GCancellable *
taiou_scan_task_row_begin (TaiouScanTaskRow *self,
                           const char       *title)
{
  g_return_val_if_fail (TAIOU_IS_SCAN_TASK_ROW (self), NULL);
  g_return_val_if_fail (title != NULL, NULL);

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();
  self->n_findings = 0;
  gtk_label_set_label (self->title_label, title);
  gtk_label_set_label (self->count_label, _("Starting…"));
  gtk_label_set_label (self->where_label, "");
  gtk_progress_bar_set_fraction (self->progress_bar, 0.0);
  gtk_stack_set_visible_child_name (self->stack, "running");
  set_state (self, "running");
  return self->cancellable;
}

/* On the main thread, from a TaiouProgressRelay. */
void
taiou_scan_task_row_set_progress (TaiouScanTaskRow        *self,
                                  const TaiouScanProgress *progress)
{
  g_autofree char *size = NULL;
  g_autofree char *count = NULL;

  g_return_if_fail (TAIOU_IS_SCAN_TASK_ROW (self));
  g_return_if_fail (progress != NULL);

  if (!taiou_scan_task_row_get_running (self))
    return;
  /* How much there is to read is not known beforehand: the bar shows that work goes on. */
  gtk_progress_bar_pulse (self->progress_bar);
  size = g_format_size (progress->n_bytes);
  count = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%llu file checked (%s read)",
                                        "%llu files checked (%s read)", progress->n_files),
                           (unsigned long long) progress->n_files, size);
  gtk_label_set_label (self->count_label, count);
  if (progress->current_path != NULL)
    {
      g_autofree char *shown = g_utf8_make_valid (progress->current_path, -1);

      gtk_label_set_label (self->where_label, shown);
    }
  g_signal_emit (self, signals[SIGNAL_PROGRESSED], 0);
}

static GtkWidget *
evidence_row (const char *title,
              const char *value)
{
  GtkWidget *row = adw_action_row_new ();
  g_autofree char *shown = g_utf8_make_valid (value, -1);

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), shown);
  adw_action_row_set_subtitle_lines (ADW_ACTION_ROW (row), 0);
  gtk_widget_add_css_class (row, "property");
  return row;
}

/* A finding in plain words; its evidence one click away, for the IT manager. */
static GtkWidget *
finding_row (const TaiouFinding *finding)
{
  GtkWidget *row = adw_expander_row_new ();
  gboolean japanese = taiou_i18n_prefers_japanese ();
  const char *reason = japanese ? finding->reason_ja : finding->reason_en;
  g_autofree char *shown_reason = g_utf8_make_valid (reason != NULL ? reason : "", -1);
  g_autofree char *shown_object = g_utf8_make_valid (finding->object, -1);
  g_autofree char *rule = g_strdup_printf (_("%s (score %d of 100)"), finding->rule_id,
                                           finding->score);

  /* Paths and names come from the checked disk: never let GTK read markup in them. */
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), shown_reason);
  adw_expander_row_set_subtitle (ADW_EXPANDER_ROW (row), shown_object);
  adw_expander_row_add_row (ADW_EXPANDER_ROW (row), evidence_row (_("Where"), finding->object));
  if (finding->evidence != NULL && *finding->evidence != '\0')
    adw_expander_row_add_row (ADW_EXPANDER_ROW (row),
                              evidence_row (_("Evidence"), finding->evidence));
  adw_expander_row_add_row (ADW_EXPANDER_ROW (row), evidence_row (_("Rule"), rule));
  if (finding->sha256 != NULL)
    adw_expander_row_add_row (ADW_EXPANDER_ROW (row),
                              evidence_row ("SHA-256", finding->sha256));
  return row;
}

/**
 * taiou_scan_task_row_show_result:
 * @suspected: whether the headline warns (what was found points to an infection)
 * @headline: one short sentence ("感染の疑いがあります")
 * @summary: (nullable): what was checked, in one or two sentences
 * @findings: (nullable) (element-type TaiouFinding): what was found, each shown in plain words
 *   and expandable to its evidence
 *
 * Ends the check with its result.  The details are cleared: set them after.
 */
void
taiou_scan_task_row_show_result (TaiouScanTaskRow *self,
                                 gboolean          suspected,
                                 const char       *headline,
                                 const char       *summary,
                                 GPtrArray        *findings)
{
  g_return_if_fail (TAIOU_IS_SCAN_TASK_ROW (self));
  g_return_if_fail (headline != NULL);

  gtk_image_set_from_icon_name (self->result_icon, suspected ? "dialog-warning-symbolic"
                                                             : "emblem-ok-symbolic");
  gtk_label_set_label (self->headline_label, headline);
  if (suspected)
    gtk_widget_add_css_class (GTK_WIDGET (self->headline_label), "error");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self->headline_label), "error");
  gtk_widget_set_visible (GTK_WIDGET (self->summary_label), summary != NULL);
  gtk_label_set_label (self->summary_label, summary != NULL ? summary : "");

  list_box_clear (self->findings_list);
  self->n_findings = findings != NULL ? findings->len : 0;
  for (guint i = 0; i < self->n_findings; i++)
    gtk_list_box_append (self->findings_list, finding_row (findings->pdata[i]));
  gtk_widget_set_visible (GTK_WIDGET (self->findings_list), self->n_findings > 0);

  taiou_scan_task_row_set_details (self, NULL, NULL);
  gtk_stack_set_visible_child_name (self->stack, "result");
  set_state (self, suspected ? "suspected" : "not-found");
}

/**
 * taiou_scan_task_row_set_details:
 * @title: (nullable): the expander's label; NULL hides the details
 * @lines: (nullable) (element-type utf8): one line each (places that could not be read …)
 */
void
taiou_scan_task_row_set_details (TaiouScanTaskRow *self,
                                 const char       *title,
                                 GPtrArray        *lines)
{
  g_autoptr(GString) text = g_string_new (NULL);

  g_return_if_fail (TAIOU_IS_SCAN_TASK_ROW (self));

  gtk_widget_set_visible (GTK_WIDGET (self->details_expander), title != NULL);
  gtk_expander_set_label (self->details_expander, title);
  gtk_expander_set_expanded (self->details_expander, FALSE);
  for (guint i = 0; lines != NULL && i < lines->len; i++)
    {
      g_autofree char *line = g_utf8_make_valid (lines->pdata[i], -1);

      g_string_append_printf (text, "%s%s", i > 0 ? "\n" : "", line);
    }
  gtk_label_set_label (self->details_label, text->str);
}

/**
 * taiou_scan_task_row_show_below_result:
 * @widget: a widget in a GtkBox (or in no parent yet)
 *
 * Moves @widget under this row's result, before the details: the page keeps one "what to do
 * next" and shows it where the user is looking.
 */
void
taiou_scan_task_row_show_below_result (TaiouScanTaskRow *self,
                                       GtkWidget        *widget)
{
  GtkWidget *parent;

  g_return_if_fail (TAIOU_IS_SCAN_TASK_ROW (self));
  g_return_if_fail (GTK_IS_WIDGET (widget));

  parent = gtk_widget_get_parent (widget);
  if (parent == GTK_WIDGET (self->extra_box))
    return;
  g_object_ref (widget);
  if (parent != NULL)
    {
      g_return_if_fail (GTK_IS_BOX (parent));
      gtk_box_remove (GTK_BOX (parent), widget);
    }
  gtk_box_append (self->extra_box, widget);
  g_object_unref (widget);
}

/* Ends the check with a message a person can act on. */
void
taiou_scan_task_row_show_error (TaiouScanTaskRow *self,
                                const char       *message)
{
  g_return_if_fail (TAIOU_IS_SCAN_TASK_ROW (self));
  g_return_if_fail (message != NULL);

  gtk_label_set_label (self->message_label, message);
  gtk_widget_add_css_class (GTK_WIDGET (self->message_label), "error");
  gtk_stack_set_visible_child_name (self->stack, "message");
  set_state (self, "error");
}

/* Ends a cancelled check: says that nothing of it was kept. */
void
taiou_scan_task_row_show_cancelled (TaiouScanTaskRow *self)
{
  g_return_if_fail (TAIOU_IS_SCAN_TASK_ROW (self));

  gtk_label_set_label (self->message_label,
                       _("The check was cancelled. Nothing of it was recorded."));
  gtk_widget_remove_css_class (GTK_WIDGET (self->message_label), "error");
  gtk_stack_set_visible_child_name (self->stack, "message");
  set_state (self, "cancelled");
}

/* Cancels the check under way, if any; its owner then calls show_cancelled(). */
void
taiou_scan_task_row_cancel (TaiouScanTaskRow *self)
{
  g_return_if_fail (TAIOU_IS_SCAN_TASK_ROW (self));

  g_cancellable_cancel (self->cancellable);
}

static void
cancel_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  taiou_scan_task_row_cancel (TAIOU_SCAN_TASK_ROW (widget));
}

gboolean
taiou_scan_task_row_get_running (TaiouScanTaskRow *self)
{
  g_return_val_if_fail (TAIOU_IS_SCAN_TASK_ROW (self), FALSE);
  return g_strcmp0 (self->state, "running") == 0;
}

/* Returns: "idle", "running", "suspected", "not-found", "error" or "cancelled" */
const char *
taiou_scan_task_row_get_state (TaiouScanTaskRow *self)
{
  g_return_val_if_fail (TAIOU_IS_SCAN_TASK_ROW (self), NULL);
  return self->state;
}

guint
taiou_scan_task_row_get_n_findings (TaiouScanTaskRow *self)
{
  g_return_val_if_fail (TAIOU_IS_SCAN_TASK_ROW (self), 0);
  return self->n_findings;
}

static void
taiou_scan_task_row_dispose (GObject *object)
{
  TaiouScanTaskRow *self = TAIOU_SCAN_TASK_ROW (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  gtk_widget_dispose_template (GTK_WIDGET (self), TAIOU_TYPE_SCAN_TASK_ROW);

  G_OBJECT_CLASS (taiou_scan_task_row_parent_class)->dispose (object);
}

static void
taiou_scan_task_row_get_property (GObject    *object,
                                  guint       prop_id,
                                  GValue     *value,
                                  GParamSpec *pspec)
{
  TaiouScanTaskRow *self = TAIOU_SCAN_TASK_ROW (object);

  switch (prop_id)
    {
    case PROP_RUNNING:
      g_value_set_boolean (value, taiou_scan_task_row_get_running (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
taiou_scan_task_row_class_init (TaiouScanTaskRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = taiou_scan_task_row_dispose;
  object_class->get_property = taiou_scan_task_row_get_property;

  /* Whether a check is under way: the page greys out the buttons that would start another. */
  properties[PROP_RUNNING] =
    g_param_spec_boolean ("running", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * TaiouScanTaskRow::progressed:
   *
   * The running check reported progress and the row shows it.
   */
  signals[SIGNAL_PROGRESSED] = g_signal_new ("progressed", G_TYPE_FROM_CLASS (klass),
                                             G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                                             G_TYPE_NONE, 0);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/taiou/Taiou/taiou-scan-task-row.ui");
  gtk_widget_class_bind_template_child (widget_class, TaiouScanTaskRow, title_label);
  gtk_widget_class_bind_template_child (widget_class, TaiouScanTaskRow, stack);
  gtk_widget_class_bind_template_child (widget_class, TaiouScanTaskRow, progress_bar);
  gtk_widget_class_bind_template_child (widget_class, TaiouScanTaskRow, count_label);
  gtk_widget_class_bind_template_child (widget_class, TaiouScanTaskRow, where_label);
  gtk_widget_class_bind_template_child (widget_class, TaiouScanTaskRow, result_icon);
  gtk_widget_class_bind_template_child (widget_class, TaiouScanTaskRow, headline_label);
  gtk_widget_class_bind_template_child (widget_class, TaiouScanTaskRow, summary_label);
  gtk_widget_class_bind_template_child (widget_class, TaiouScanTaskRow, findings_list);
  gtk_widget_class_bind_template_child (widget_class, TaiouScanTaskRow, extra_box);
  gtk_widget_class_bind_template_child (widget_class, TaiouScanTaskRow, details_expander);
  gtk_widget_class_bind_template_child (widget_class, TaiouScanTaskRow, details_label);
  gtk_widget_class_bind_template_child (widget_class, TaiouScanTaskRow, message_label);
  gtk_widget_class_install_action (widget_class, "scan-task.cancel", NULL, cancel_action);
}

static void
taiou_scan_task_row_init (TaiouScanTaskRow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->state = "idle";
}

GtkWidget *
taiou_scan_task_row_new (void)
{
  return g_object_new (TAIOU_TYPE_SCAN_TASK_ROW, NULL);
}
