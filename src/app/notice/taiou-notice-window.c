/* taiou-notice-window.c — the notice editor: choose a notice, fill it in, see it as it will read
 *
 * Emotet's real damage is to partners, so the warning must go out within the hour and read
 * like a careful letter.  The editor starts from what Taiou already knows (the incident's
 * dates, Preferences, the names the mail check caught being spoofed), shows the letter as it
 * will read while people type — a field still empty shows as ［未入力：…］ in the preview,
 * never as a blank — and only lets the notice leave when every required field is filled.  How
 * it leaves (copied, saved as HTML, saved as .eml files in Bcc batches, or opened in the mail
 * program) is taiou-notice-window-actions.c.  What people type is kept as a draft of the
 * incident (taiou-notice-draft.c), so closing the window or a crash loses at most the last
 * second.
 */
#define G_LOG_DOMAIN "taiou-notice"

#include "config.h"

#include <glib/gi18n.h>

#include "taiou-notice-draft.h"
#include "taiou-notice-fields.h"
#include "taiou-notice-window-private.h"

G_DEFINE_FINAL_TYPE (TaiouNoticeWindow, taiou_notice_window, ADW_TYPE_WINDOW)

enum {
  PROP_0,
  PROP_CASE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

enum {
  SIGNAL_MADE,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* The partner warning first: it is the one that must go out within the hour. */
static const char * const template_order[] = {
  "partner-warning", "internal-report", "web-notice", "follow-up", "affected-person",
  "ppc-report-draft",
};

static void update_preview (TaiouNoticeWindow *self);

static void
save_draft (TaiouNoticeWindow *self)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GHashTable) typed = g_hash_table_new (g_str_hash, g_str_equal);
  GHashTableIter iter;
  gpointer variable;

  g_clear_handle_id (&self->draft_source, g_source_remove);
  if (self->draft_path == NULL)
    return;
  /* What Taiou filled in itself (today's date, Preferences, the history) stays fresh. */
  g_hash_table_iter_init (&iter, self->edited);
  while (g_hash_table_iter_next (&iter, &variable, NULL))
    g_hash_table_insert (typed, variable, g_hash_table_lookup (self->values, variable));
  if (!taiou_notice_draft_save (self->draft_path, typed, &error))
    g_warning ("The notice draft could not be kept: %s", error->message);
}

static gboolean
save_draft_cb (gpointer user_data)
{
  TaiouNoticeWindow *self = user_data;

  self->draft_source = 0;
  save_draft (self);
  return G_SOURCE_REMOVE;
}

/* Typing saves a second later, once, rather than on every key. */
static void
schedule_draft (TaiouNoticeWindow *self,
                const char        *variable)
{
  g_hash_table_add (self->edited, g_strdup (variable));
  if (self->draft_path != NULL && self->draft_source == 0)
    self->draft_source = g_timeout_add_seconds (1, save_draft_cb, self);
}

/* Fields */

static char *
field_title (const char *variable,
             gboolean    required)
{
  const char *label = taiou_notice_field_label (variable);

  return required ? g_strdup_printf ("%s *", label) : g_strdup (label);
}

static void
field_changed_cb (GObject           *source,
                  TaiouNoticeWindow *self)
{
  const char *variable = g_object_get_data (source, "variable");
  g_autofree char *value = NULL;

  if (GTK_IS_TEXT_BUFFER (source))
    {
      GtkTextIter start, end;

      gtk_text_buffer_get_bounds (GTK_TEXT_BUFFER (source), &start, &end);
      value = gtk_text_buffer_get_text (GTK_TEXT_BUFFER (source), &start, &end, FALSE);
    }
  else
    value = g_strdup (gtk_editable_get_text (GTK_EDITABLE (source)));
  g_hash_table_replace (self->values, g_strdup (variable), g_steal_pointer (&value));
  schedule_draft (self, variable);
  update_preview (self);
}

/* A list (our domains, the history) is typed one item a line. */
static GtkWidget *
create_list_row (TaiouNoticeWindow *self,
                 const char        *variable,
                 const char        *title,
                 const char        *value)
{
  GtkWidget *row = adw_preferences_row_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  GtkWidget *label = gtk_label_new (title);
  GtkWidget *view = gtk_text_view_new ();
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (view));

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), FALSE);
  gtk_widget_set_margin_top (box, 8);
  gtk_widget_set_margin_bottom (box, 8);
  gtk_widget_set_margin_start (box, 12);
  gtk_widget_set_margin_end (box, 12);
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_mnemonic_widget (GTK_LABEL (label), view);
  gtk_widget_add_css_class (label, "caption");
  gtk_widget_add_css_class (label, "dim-label");
  gtk_text_view_set_accepts_tab (GTK_TEXT_VIEW (view), FALSE);
  gtk_text_view_set_wrap_mode (GTK_TEXT_VIEW (view), GTK_WRAP_WORD_CHAR);
  gtk_text_view_set_top_margin (GTK_TEXT_VIEW (view), 6);
  gtk_text_view_set_bottom_margin (GTK_TEXT_VIEW (view), 6);
  gtk_text_view_set_left_margin (GTK_TEXT_VIEW (view), 6);
  gtk_text_view_set_right_margin (GTK_TEXT_VIEW (view), 6);
  gtk_widget_set_size_request (view, -1, 72);
  gtk_widget_add_css_class (view, "card");
  gtk_accessible_update_property (GTK_ACCESSIBLE (view), GTK_ACCESSIBLE_PROPERTY_LABEL, title,
                                  -1);
  gtk_text_buffer_set_text (buffer, value != NULL ? value : "", -1);
  g_object_set_data_full (G_OBJECT (buffer), "variable", g_strdup (variable), g_free);
  g_signal_connect (buffer, "changed", G_CALLBACK (field_changed_cb), self);
  g_object_set_data (G_OBJECT (row), "editable", buffer);
  gtk_box_append (GTK_BOX (box), label);
  gtk_box_append (GTK_BOX (box), view);
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), box);
  return row;
}

static GtkWidget *
create_entry_row (TaiouNoticeWindow *self,
                  const char        *variable,
                  const char        *title,
                  const char        *value)
{
  GtkWidget *row = adw_entry_row_new ();

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  gtk_editable_set_text (GTK_EDITABLE (row), value != NULL ? value : "");
  g_object_set_data_full (G_OBJECT (row), "variable", g_strdup (variable), g_free);
  g_signal_connect (row, "changed", G_CALLBACK (field_changed_cb), self);
  g_object_set_data (G_OBJECT (row), "editable", row);
  return row;
}

static void
add_fields (TaiouNoticeWindow  *self,
            const char * const *variables,
            gboolean            required)
{
  for (guint i = 0; variables[i] != NULL; i++)
    {
      const char *variable = variables[i];
      const char *value = g_hash_table_lookup (self->values, variable);
      g_autofree char *title = field_title (variable, required);
      GtkWidget *row;

      if (taiou_notice_template_is_list (self->current, variable))
        row = create_list_row (self, variable, title, value);
      else
        row = create_entry_row (self, variable, title, value);
      g_object_set_data_full (G_OBJECT (row), "variable", g_strdup (variable), g_free);
      adw_preferences_group_add (self->fields_group, row);
      g_ptr_array_add (self->field_rows, row);
    }
}

static void
build_fields (TaiouNoticeWindow *self)
{
  for (guint i = 0; i < self->field_rows->len; i++)
    adw_preferences_group_remove (self->fields_group, self->field_rows->pdata[i]);
  g_ptr_array_set_size (self->field_rows, 0);
  add_fields (self, taiou_notice_template_get_required (self->current), TRUE);
  add_fields (self, taiou_notice_template_get_optional (self->current), FALSE);
}

/* Preview */

static const char *
value_of (TaiouNoticeWindow *self,
          const char        *variable)
{
  const char *value = g_hash_table_lookup (self->values, variable);

  return value != NULL ? value : "";
}

/* A list's empty lines are not items. */
static char *
clean_value (const char *value,
             gboolean    list)
{
  g_auto(GStrv) lines = NULL;
  g_autoptr(GString) clean = g_string_new (NULL);

  if (!list)
    return g_strstrip (g_strdup (value));
  lines = g_strsplit (value, "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    {
      g_strstrip (lines[i]);
      if (*lines[i] == '\0')
        continue;
      if (clean->len > 0)
        g_string_append_c (clean, '\n');
      g_string_append (clean, lines[i]);
    }
  return g_string_free (g_steal_pointer (&clean), FALSE);
}

static char *
placeholder (const char *variable)
{
  return g_strdup_printf (_("[not filled in: %s]"), taiou_notice_field_label (variable));
}

/* "Company name, Cause": the form's labels for @variables */
static char *
join_labels (GPtrArray *variables)
{
  g_autoptr(GString) joined = g_string_new (NULL);

  for (guint i = 0; i < variables->len; i++)
    {
      if (i > 0)
        /* Translators: between the field names of a list, e.g. "Company name, Cause" */
        g_string_append (joined, _(", "));
      g_string_append (joined, taiou_notice_field_label (variables->pdata[i]));
    }
  return g_string_free (g_steal_pointer (&joined), FALSE);
}

/* Builds the variables for rendering, a required one that is missing or refused as a
 * placeholder, and says in @problems what stops the notice.  Which ones those are is
 * libtaiou's rule, the renderer's own. */
static GHashTable *
collect_variables (TaiouNoticeWindow *self,
                   GString           *problems)
{
  g_autoptr(GHashTable) variables = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                                           g_free);
  g_autoptr(GPtrArray) missing = NULL;
  g_autoptr(GPtrArray) refused = NULL;
  const char * const *required = taiou_notice_template_get_required (self->current);
  const char * const *lists[] = {
    required,
    taiou_notice_template_get_optional (self->current),
  };

  for (guint l = 0; l < G_N_ELEMENTS (lists); l++)
    for (guint i = 0; lists[l][i] != NULL; i++)
      {
        const char *variable = lists[l][i];
        gboolean list = taiou_notice_template_is_list (self->current, variable);

        g_hash_table_insert (variables, g_strdup (variable),
                             clean_value (value_of (self, variable), list));
      }
  if (taiou_notice_template_check_variables (self->current, variables, &missing, &refused))
    return g_steal_pointer (&variables);

  /* An optional value that is refused is left out; a blank one the renderer leaves out. */
  for (guint i = 0; i < refused->len; i++)
    if (g_strv_contains (required, refused->pdata[i]))
      g_hash_table_insert (variables, g_strdup (refused->pdata[i]),
                           placeholder (refused->pdata[i]));
    else
      g_hash_table_remove (variables, refused->pdata[i]);
  for (guint i = 0; i < missing->len; i++)
    g_hash_table_insert (variables, g_strdup (missing->pdata[i]),
                         placeholder (missing->pdata[i]));
  if (missing->len > 0)
    {
      g_autofree char *labels = join_labels (missing);

      g_string_append_printf (problems, _("Still to fill in: %s"), labels);
    }
  if (refused->len > 0)
    {
      g_autofree char *labels = join_labels (refused);

      if (problems->len > 0)
        g_string_append_c (problems, '\n');
      g_string_append_printf (problems, _("Line breaks and control characters cannot go in: %s"),
                              labels);
    }
  return g_steal_pointer (&variables);
}

static void
highlight_placeholders (TaiouNoticeWindow *self,
                        GtkTextBuffer     *buffer)
{
  g_autofree char *marker = placeholder ("\x01");
  g_autofree char *prefix = NULL;
  char *cut = strchr (marker, '\x01');
  GtkTextIter iter, start, end;

  /* "[not filled in: " — the translated text before the label. */
  prefix = g_strndup (marker, cut != NULL ? (gsize) (cut - marker) : strlen (marker));
  gtk_text_buffer_get_start_iter (buffer, &iter);
  while (gtk_text_iter_forward_search (&iter, prefix, GTK_TEXT_SEARCH_TEXT_ONLY, &start, &end,
                                       NULL))
    {
      GtkTextIter close = end;

      if (!gtk_text_iter_forward_search (&end, cut != NULL ? cut + 1 : "]",
                                         GTK_TEXT_SEARCH_TEXT_ONLY, NULL, &close, NULL))
        break;
      gtk_text_buffer_apply_tag_by_name (buffer, "missing", &start, &close);
      iter = close;
    }
}

static void
update_preview (TaiouNoticeWindow *self)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (self->preview_view);
  g_autoptr(GString) problems = g_string_new (NULL);
  g_autoptr(GHashTable) preview_variables = NULL;
  g_autoptr(TaiouNoticeText) preview = NULL;
  g_autoptr(GError) error = NULL;
  GtkTextIter end;

  g_clear_pointer (&self->text, taiou_notice_text_free);
  gtk_text_buffer_set_text (buffer, "", 0);
  if (self->current == NULL)
    {
      _taiou_notice_window_actions_update (self);
      return;
    }

  preview_variables = collect_variables (self, problems);
  preview = taiou_notice_render (self->current, preview_variables, &error);
  if (preview == NULL)
    {
      /* Everything the form can produce was checked above; this is a broken template. */
      if (problems->len > 0)
        g_string_append_c (problems, '\n');
      g_string_append_printf (problems, _("This notice cannot be made: %s"), error->message);
    }
  else
    {
      gtk_text_buffer_get_end_iter (buffer, &end);
      if (preview->subject != NULL)
        {
          g_autofree char *subject = g_strdup_printf ("件名：%s\n\n", preview->subject);

          gtk_text_buffer_insert_with_tags_by_name (buffer, &end, subject, -1, "subject", NULL);
        }
      gtk_text_buffer_insert (buffer, &end, preview->body, -1);
      highlight_placeholders (self, buffer);
    }
  /* Without problems no placeholder went in: the preview is the notice. */
  if (problems->len == 0)
    self->text = g_steal_pointer (&preview);
  gtk_label_set_label (self->problem_label, problems->str);
  gtk_widget_set_visible (GTK_WIDGET (self->problem_label), problems->len > 0);
  _taiou_notice_window_actions_update (self);
}

static void
recipients_changed_cb (TaiouNoticeWindow *self)
{
  _taiou_notice_window_actions_update (self);
}

/* Templates */

static int
template_rank (TaiouNoticeTemplate *notice)
{
  const char *name = taiou_notice_template_get_name (notice);

  for (guint i = 0; i < G_N_ELEMENTS (template_order); i++)
    if (g_str_equal (template_order[i], name))
      return (int) i;
  return G_N_ELEMENTS (template_order);
}

static int
compare_templates (gconstpointer a,
                   gconstpointer b)
{
  TaiouNoticeTemplate *first = *(TaiouNoticeTemplate **) a;
  TaiouNoticeTemplate *second = *(TaiouNoticeTemplate **) b;
  int rank = template_rank (first) - template_rank (second);

  return rank != 0 ? rank : g_strcmp0 (taiou_notice_template_get_name (first),
                                       taiou_notice_template_get_name (second));
}

static void
template_selected_cb (TaiouNoticeWindow *self)
{
  guint selected = adw_combo_row_get_selected (self->template_row);

  if (self->templates == NULL || selected >= self->templates->len)
    return;
  self->current = self->templates->pdata[selected];
  build_fields (self);
  update_preview (self);
}

static void
load_templates (TaiouNoticeWindow *self)
{
  g_autoptr(GError) error = NULL;
  GtkStringList *titles = gtk_string_list_new (NULL);

  self->templates = taiou_notice_list_templates (&error);
  if (self->templates == NULL)
    {
      g_autofree char *message = g_strdup_printf (_("The notice templates could not be read: %s"),
                                                  error->message);

      gtk_label_set_label (self->problem_label, message);
      gtk_widget_set_visible (GTK_WIDGET (self->problem_label), TRUE);
      adw_combo_row_set_model (self->template_row, G_LIST_MODEL (titles));
      g_object_unref (titles);
      return;
    }
  g_ptr_array_sort (self->templates, compare_templates);
  for (guint i = 0; i < self->templates->len; i++)
    gtk_string_list_append (titles,
                            taiou_notice_template_get_title (self->templates->pdata[i]));
  adw_combo_row_set_model (self->template_row, G_LIST_MODEL (titles));
  g_object_unref (titles);
}

/* Emits TaiouNoticeWindow::made: a finished notice left the editor as @format. */
void
_taiou_notice_window_emit_made (TaiouNoticeWindow *self,
                                const char        *format)
{
  g_signal_emit (self, signals[SIGNAL_MADE], 0, format);
}

/* Public */

gboolean
taiou_notice_window_select_template (TaiouNoticeWindow *self,
                                     const char        *template_name)
{
  g_return_val_if_fail (TAIOU_IS_NOTICE_WINDOW (self), FALSE);
  g_return_val_if_fail (template_name != NULL, FALSE);

  for (guint i = 0; self->templates != NULL && i < self->templates->len; i++)
    if (g_str_equal (taiou_notice_template_get_name (self->templates->pdata[i]), template_name))
      {
        adw_combo_row_set_selected (self->template_row, i);
        return TRUE;
      }
  return FALSE;
}

/* Returns: (nullable): the name of the chosen template, e.g. "partner-warning" */
const char *
taiou_notice_window_get_template (TaiouNoticeWindow *self)
{
  g_return_val_if_fail (TAIOU_IS_NOTICE_WINDOW (self), NULL);
  return self->current != NULL ? taiou_notice_template_get_name (self->current) : NULL;
}

/* Types @value into the field of @variable, as a person would (the tests use it). */
void
taiou_notice_window_set_value (TaiouNoticeWindow *self,
                               const char        *variable,
                               const char        *value)
{
  g_return_if_fail (TAIOU_IS_NOTICE_WINDOW (self));

  for (guint i = 0; i < self->field_rows->len; i++)
    {
      GObject *row = self->field_rows->pdata[i];
      GObject *editable = g_object_get_data (row, "editable");

      if (!g_str_equal (g_object_get_data (row, "variable"), variable))
        continue;
      if (GTK_IS_TEXT_BUFFER (editable))
        gtk_text_buffer_set_text (GTK_TEXT_BUFFER (editable), value, -1);
      else
        gtk_editable_set_text (GTK_EDITABLE (editable), value);
      return;
    }
  g_hash_table_replace (self->values, g_strdup (variable), g_strdup (value));
  schedule_draft (self, variable);
  update_preview (self);
}

/* Returns: (transfer none) (nullable): the finished notice, NULL while a field is missing */
TaiouNoticeText *
taiou_notice_window_get_text (TaiouNoticeWindow *self)
{
  g_return_val_if_fail (TAIOU_IS_NOTICE_WINDOW (self), NULL);
  return self->text;
}

/* Returns: (transfer full): the preview as shown */
char *
taiou_notice_window_get_preview (TaiouNoticeWindow *self)
{
  GtkTextBuffer *buffer;
  GtkTextIter start, end;

  g_return_val_if_fail (TAIOU_IS_NOTICE_WINDOW (self), NULL);
  buffer = gtk_text_view_get_buffer (self->preview_view);
  gtk_text_buffer_get_bounds (buffer, &start, &end);
  return gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
}

/* Returns: what stops the notice ("" when nothing does) */
const char *
taiou_notice_window_get_problem (TaiouNoticeWindow *self)
{
  g_return_val_if_fail (TAIOU_IS_NOTICE_WINDOW (self), NULL);
  return gtk_label_get_label (self->problem_label);
}

static void
taiou_notice_window_dispose (GObject *object)
{
  TaiouNoticeWindow *self = TAIOU_NOTICE_WINDOW (object);

  if (self->draft_source != 0)
    save_draft (self);
  if (self->chooser != NULL)
    gtk_native_dialog_destroy (GTK_NATIVE_DIALOG (self->chooser));
  g_clear_object (&self->chooser);
  g_clear_object (&self->case_at_hand);
  g_clear_object (&self->incident);
  gtk_widget_dispose_template (GTK_WIDGET (self), TAIOU_TYPE_NOTICE_WINDOW);
  G_OBJECT_CLASS (taiou_notice_window_parent_class)->dispose (object);
}

static void
taiou_notice_window_finalize (GObject *object)
{
  TaiouNoticeWindow *self = TAIOU_NOTICE_WINDOW (object);

  g_clear_pointer (&self->text, taiou_notice_text_free);
  g_clear_pointer (&self->templates, g_ptr_array_unref);
  g_clear_pointer (&self->values, g_hash_table_unref);
  g_clear_pointer (&self->field_rows, g_ptr_array_unref);
  g_free (self->draft_path);
  g_clear_pointer (&self->edited, g_hash_table_unref);
  G_OBJECT_CLASS (taiou_notice_window_parent_class)->finalize (object);
}

static void
taiou_notice_window_get_property (GObject    *object,
                                  guint       prop_id,
                                  GValue     *value,
                                  GParamSpec *pspec)
{
  TaiouNoticeWindow *self = TAIOU_NOTICE_WINDOW (object);

  switch (prop_id)
    {
    case PROP_CASE:
      g_value_set_object (value, self->case_at_hand);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
taiou_notice_window_set_property (GObject      *object,
                                  guint         prop_id,
                                  const GValue *value,
                                  GParamSpec   *pspec)
{
  TaiouNoticeWindow *self = TAIOU_NOTICE_WINDOW (object);

  switch (prop_id)
    {
    case PROP_CASE:
      self->case_at_hand = g_value_dup_object (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
taiou_notice_window_class_init (TaiouNoticeWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = taiou_notice_window_dispose;
  object_class->finalize = taiou_notice_window_finalize;
  object_class->get_property = taiou_notice_window_get_property;
  object_class->set_property = taiou_notice_window_set_property;

  properties[PROP_CASE] =
    g_param_spec_object ("case", NULL, NULL, TAIOU_TYPE_CASE,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * TaiouNoticeWindow::made:
   * @format: "clipboard", "html", "eml" or "mail-program"
   *
   * A finished notice left the editor.
   */
  signals[SIGNAL_MADE] = g_signal_new ("made", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                                       NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_STRING);

  g_type_ensure (TAIOU_TYPE_NOTICE_RECIPIENTS_GROUP);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/taiou/Taiou/taiou-notice-window.ui");
  gtk_widget_class_bind_template_child (widget_class, TaiouNoticeWindow, window_title);
  gtk_widget_class_bind_template_child (widget_class, TaiouNoticeWindow, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, TaiouNoticeWindow, template_row);
  gtk_widget_class_bind_template_child (widget_class, TaiouNoticeWindow, fields_group);
  gtk_widget_class_bind_template_child (widget_class, TaiouNoticeWindow, recipients_group);
  gtk_widget_class_bind_template_child (widget_class, TaiouNoticeWindow, problem_label);
  gtk_widget_class_bind_template_child (widget_class, TaiouNoticeWindow, preview_view);
  gtk_widget_class_bind_template_child (widget_class, TaiouNoticeWindow, copy_subject_button);
  gtk_widget_class_bind_template_child (widget_class, TaiouNoticeWindow, open_mail_button);
  gtk_widget_class_bind_template_child (widget_class, TaiouNoticeWindow, save_eml_button);
  gtk_widget_class_bind_template_child (widget_class, TaiouNoticeWindow, action_hint_label);
  gtk_widget_class_bind_template_callback (widget_class, template_selected_cb);
  gtk_widget_class_bind_template_callback (widget_class, recipients_changed_cb);

  _taiou_notice_window_class_actions_init (klass);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
taiou_notice_window_init (TaiouNoticeWindow *self)
{
  GtkTextBuffer *preview = NULL;

  self->values = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  self->field_rows = g_ptr_array_new ();
  self->edited = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  gtk_widget_init_template (GTK_WIDGET (self));

  preview = gtk_text_view_get_buffer (self->preview_view);
  gtk_text_buffer_create_tag (preview, "subject", "weight", PANGO_WEIGHT_BOLD, NULL);
  gtk_text_buffer_create_tag (preview, "missing", "background", "#f8e45c",
                              "foreground", "#000000", NULL);
}

/**
 * taiou_notice_window_present_for:
 * @from: the widget whose window it opens beside
 * @incident_id: the incident the notice is about; 0 for the one a notice is for
 *   (taiou_case_dup_incident_for_notice())
 * @template_name: (nullable): the notice to start with
 *
 * The one way every part of the app opens the notice editor.
 *
 * Returns: (transfer none) (nullable): the window, shown; NULL when the incident is unreadable
 */
TaiouNoticeWindow *
taiou_notice_window_present_for (GtkWidget  *from,
                                 TaiouCase  *case_at_hand,
                                 gint64      incident_id,
                                 const char *template_name)
{
  GtkRoot *root = gtk_widget_get_root (from);
  GtkWindow *parent = GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL;
  TaiouTimeline *timeline = taiou_case_get_timeline (case_at_hand);
  g_autoptr(TaiouIncident) incident = NULL;
  TaiouNoticeWindow *window;

  if (incident_id > 0 && timeline != NULL)
    {
      g_autoptr(GError) error = NULL;

      if ((incident = taiou_timeline_get_incident (timeline, incident_id, &error)) == NULL)
        {
          g_warning ("Could not read incident %" G_GINT64_FORMAT ": %s", incident_id,
                     error->message);
          return NULL;
        }
    }
  else
    incident = taiou_case_dup_incident_for_notice (case_at_hand);
  window = taiou_notice_window_new (parent, case_at_hand, incident, template_name);
  if (parent != NULL)
    gtk_window_set_application (GTK_WINDOW (window), gtk_window_get_application (parent));
  gtk_window_present (GTK_WINDOW (window));
  return window;
}

/**
 * taiou_notice_window_new:
 * @case_at_hand: "us" (organisation, domains, contact, sender) and where notices are recorded …
 * @incident: (nullable): … for this incident, whose dates and findings fill the form; it stays
 *   the notice's even when another incident comes to hand while the notice is written
 * @template_name: (nullable): the notice to start with; the partner warning by default
 */
TaiouNoticeWindow *
taiou_notice_window_new (GtkWindow     *parent,
                         TaiouCase     *case_at_hand,
                         TaiouIncident *incident,
                         const char    *template_name)
{
  TaiouNoticeWindow *self = NULL;
  g_autoptr(GDateTime) today = g_date_time_new_now_local ();
  g_autoptr(GHashTable) known = NULL;
  g_autoptr(GHashTable) draft = NULL;
  g_autoptr(GError) error = NULL;

  g_return_val_if_fail (TAIOU_IS_CASE (case_at_hand), NULL);
  g_return_val_if_fail (incident == NULL || TAIOU_IS_INCIDENT (incident), NULL);

  self = g_object_new (TAIOU_TYPE_NOTICE_WINDOW, "transient-for", parent, "case", case_at_hand,
                       NULL);
  g_set_object (&self->incident, incident);

  known = taiou_case_dup_notice_variables (case_at_hand, incident, today, &error);
  if (known != NULL)
    {
      g_hash_table_unref (self->values);
      self->values = g_steal_pointer (&known);
    }
  else
    g_warning ("The incident could not be read for the notice: %s", error->message);
  /* What people typed last time wins over what Taiou knows; the rest is fresh. */
  self->draft_path = taiou_notice_draft_path (taiou_case_get_timeline (case_at_hand), incident);
  draft = taiou_notice_draft_load (self->draft_path);
  if (draft != NULL)
    {
      GHashTableIter iter;
      gpointer name, value;

      g_hash_table_iter_init (&iter, draft);
      while (g_hash_table_iter_next (&iter, &name, &value))
        {
          g_hash_table_add (self->edited, g_strdup (name));
          g_hash_table_replace (self->values, name, value);
          g_hash_table_iter_steal (&iter);
        }
    }
  if (incident != NULL)
    adw_window_title_set_subtitle (self->window_title, taiou_incident_get_title (incident));
  taiou_notice_recipients_group_set_sender (
    self->recipients_group,
    taiou_profile_get_notice_sender (taiou_case_get_profile (case_at_hand)));

  /* Setting the model selects the first template, which builds the form; without any
   * template, the preview still runs once to turn every action off. */
  load_templates (self);
  if (template_name != NULL)
    taiou_notice_window_select_template (self, template_name);
  if (self->current == NULL)
    update_preview (self);
  return self;
}
