/* taiou-guidance-view.c — one instruction from data/guidance/, with its source under it
 *
 * Pages never word an instruction themselves: they name a record ("disconnect.unplug-lan") and
 * this widget shows its text and, under it, 「出典：…」 with the page linked.  A record that does
 * not exist is a programming error (g_critical), so the GUI tests, which walk every page for
 * these widgets, fail on it.  Each step's file is read once per process.
 */
#define G_LOG_DOMAIN "taiou-guidance"

#include "config.h"

#include <string.h>

#include "taiou.h"
#include "taiou-guidance-view.h"

struct _TaiouGuidanceView
{
  GtkWidget   parent_instance;

  char       *record_id;
  const TaiouGuidanceRecord *record;  /* owned by the process-wide cache */
  GtkWidget  *box;
  GtkLabel   *text_label;
  GtkLabel   *source_label;
};

G_DEFINE_FINAL_TYPE (TaiouGuidanceView, taiou_guidance_view, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_RECORD,
  PROP_CENTERED,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* step name → TaiouGuidance, for the life of the process (the files are a few KB). */
static GHashTable *loaded_steps;

static const TaiouGuidanceRecord *
lookup_record (const char *record_id)
{
  g_autofree char *step = NULL;
  const char *dot = strchr (record_id, '.');
  TaiouGuidance *guidance;

  if (dot == NULL)
    return NULL;
  step = g_strndup (record_id, (gsize) (dot - record_id));
  if (loaded_steps == NULL)
    loaded_steps = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                          (GDestroyNotify) taiou_guidance_free);
  guidance = g_hash_table_lookup (loaded_steps, step);
  if (guidance == NULL)
    {
      g_autoptr(GError) error = NULL;

      guidance = taiou_guidance_load_step (step, &error);
      if (guidance == NULL)
        {
          g_critical ("Cannot load the guidance for step “%s”: %s", step, error->message);
          return NULL;
        }
      g_hash_table_insert (loaded_steps, g_strdup (step), guidance);
    }
  return taiou_guidance_lookup (guidance, record_id);
}

static void
update_labels (TaiouGuidanceView *self)
{
  gboolean japanese = taiou_i18n_prefers_japanese ();
  g_autofree char *citation = NULL;
  g_autofree char *markup = NULL;
  g_autofree char *escaped = NULL;
  g_autofree char *escaped_url = NULL;

  gtk_widget_set_visible (GTK_WIDGET (self), self->record != NULL);
  if (self->record == NULL)
    return;

  gtk_label_set_text (self->text_label, taiou_guidance_record_get_text (self->record, japanese));
  citation = taiou_guidance_record_format_citation (self->record, japanese);
  escaped = g_markup_escape_text (citation, -1);
  escaped_url = g_markup_escape_text (self->record->url, -1);
  /* The whole line is the link: a worker who wants to read the source taps it. */
  markup = g_strdup_printf ("<a href=\"%s\">%s</a>", escaped_url, escaped);
  gtk_label_set_markup (self->source_label, markup);
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->source_label), self->record->url);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, citation,
                                  -1);
}

/* Under a status page's centred title the instruction is centred too; in a form, left-aligned. */
static void
set_centered (TaiouGuidanceView *self,
              gboolean           centered)
{
  GtkLabel *labels[] = { self->text_label, self->source_label };

  for (guint i = 0; i < G_N_ELEMENTS (labels); i++)
    {
      gtk_label_set_xalign (labels[i], centered ? 0.5f : 0.0f);
      gtk_label_set_justify (labels[i], centered ? GTK_JUSTIFY_CENTER : GTK_JUSTIFY_LEFT);
    }
}

static void
taiou_guidance_view_dispose (GObject *object)
{
  TaiouGuidanceView *self = TAIOU_GUIDANCE_VIEW (object);

  g_clear_pointer (&self->box, gtk_widget_unparent);

  G_OBJECT_CLASS (taiou_guidance_view_parent_class)->dispose (object);
}

static void
taiou_guidance_view_finalize (GObject *object)
{
  TaiouGuidanceView *self = TAIOU_GUIDANCE_VIEW (object);

  g_free (self->record_id);

  G_OBJECT_CLASS (taiou_guidance_view_parent_class)->finalize (object);
}

static void
taiou_guidance_view_get_property (GObject    *object,
                                  guint       prop_id,
                                  GValue     *value,
                                  GParamSpec *pspec)
{
  TaiouGuidanceView *self = TAIOU_GUIDANCE_VIEW (object);

  switch (prop_id)
    {
    case PROP_RECORD:
      g_value_set_string (value, self->record_id);
      break;
    case PROP_CENTERED:
      g_value_set_boolean (value, gtk_label_get_xalign (self->text_label) == 0.5f);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
taiou_guidance_view_set_property (GObject      *object,
                                  guint         prop_id,
                                  const GValue *value,
                                  GParamSpec   *pspec)
{
  TaiouGuidanceView *self = TAIOU_GUIDANCE_VIEW (object);

  switch (prop_id)
    {
    case PROP_RECORD:
      taiou_guidance_view_set_record (self, g_value_get_string (value));
      break;
    case PROP_CENTERED:
      set_centered (self, g_value_get_boolean (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
taiou_guidance_view_class_init (TaiouGuidanceViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = taiou_guidance_view_dispose;
  object_class->finalize = taiou_guidance_view_finalize;
  object_class->get_property = taiou_guidance_view_get_property;
  object_class->set_property = taiou_guidance_view_set_property;

  /**
   * TaiouGuidanceView:record:
   *
   * The id of the record shown, "<step>.<name>", as in data/guidance/<step>.json.
   */
  properties[PROP_RECORD] =
    g_param_spec_string ("record", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  /**
   * TaiouGuidanceView:centered:
   *
   * Whether the text is centred, as under an AdwStatusPage's title.
   */
  properties[PROP_CENTERED] =
    g_param_spec_boolean ("centered", NULL, NULL, FALSE,
                          G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "guidance");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_GROUP);
}

static void
taiou_guidance_view_init (TaiouGuidanceView *self)
{
  self->box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
  gtk_widget_set_parent (self->box, GTK_WIDGET (self));

  self->text_label = GTK_LABEL (gtk_label_new (NULL));
  gtk_label_set_wrap (self->text_label, TRUE);
  gtk_label_set_wrap_mode (self->text_label, PANGO_WRAP_WORD_CHAR);
  gtk_label_set_xalign (self->text_label, 0);
  gtk_box_append (GTK_BOX (self->box), GTK_WIDGET (self->text_label));

  self->source_label = GTK_LABEL (gtk_label_new (NULL));
  gtk_label_set_wrap (self->source_label, TRUE);
  gtk_label_set_wrap_mode (self->source_label, PANGO_WRAP_WORD_CHAR);
  gtk_label_set_xalign (self->source_label, 0);
  gtk_widget_add_css_class (GTK_WIDGET (self->source_label), "caption");
  gtk_widget_add_css_class (GTK_WIDGET (self->source_label), "dim-label");
  gtk_box_append (GTK_BOX (self->box), GTK_WIDGET (self->source_label));

  gtk_widget_set_visible (GTK_WIDGET (self), FALSE);
}

GtkWidget *
taiou_guidance_view_new (const char *record_id)
{
  return g_object_new (TAIOU_TYPE_GUIDANCE_VIEW, "record", record_id, NULL);
}

const char *
taiou_guidance_view_get_record (TaiouGuidanceView *self)
{
  g_return_val_if_fail (TAIOU_IS_GUIDANCE_VIEW (self), NULL);

  return self->record_id;
}

/* taiou_guidance_view_set_record: @record_id must name a record in data/guidance/; one that
 * does not is reported with g_critical and the view stays hidden. */
void
taiou_guidance_view_set_record (TaiouGuidanceView *self,
                                const char        *record_id)
{
  g_return_if_fail (TAIOU_IS_GUIDANCE_VIEW (self));

  if (g_strcmp0 (self->record_id, record_id) == 0)
    return;
  g_free (self->record_id);
  self->record_id = g_strdup (record_id);
  self->record = NULL;
  if (record_id != NULL)
    {
      self->record = lookup_record (record_id);
      if (self->record == NULL)
        g_critical ("No guidance record “%s” in %s", record_id, taiou_guidance_dir ());
    }
  update_labels (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_RECORD]);
}

/* Returns: (nullable): the instruction as shown, or NULL when no record is set. */
const char *
taiou_guidance_view_get_text (TaiouGuidanceView *self)
{
  g_return_val_if_fail (TAIOU_IS_GUIDANCE_VIEW (self), NULL);

  return self->record != NULL ? gtk_label_get_text (self->text_label) : NULL;
}

/* Returns: (nullable): the source page's address, or NULL when no record is set. */
const char *
taiou_guidance_view_get_source_url (TaiouGuidanceView *self)
{
  g_return_val_if_fail (TAIOU_IS_GUIDANCE_VIEW (self), NULL);

  return self->record != NULL ? self->record->url : NULL;
}
