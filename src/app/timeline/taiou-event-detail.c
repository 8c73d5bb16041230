/* taiou-event-detail.c — one event of the record, shown readably
 *
 * The record keeps each event's detail as JSON, which an IT manager should not have to read to
 * learn why a mail was called dangerous.  The pane shows the facts of the event, then the reasons
 * its findings give (in the user's language), then the other detail members as "key: value"
 * lines, and keeps the stored JSON and the hashes behind an expander for whoever checks the
 * record by hand.  Everything shown is text the record holds, which an attacker may have chosen
 * (a mail's subject): labels never interpret markup.
 */
#define G_LOG_DOMAIN "taiou-event-detail"

#include "config.h"

#include <glib/gi18n.h>

#include "taiou-event-detail.h"

struct _TaiouEventDetail
{
  AdwBin      parent_instance;

  GtkLabel   *kind_label;
  GtkLabel   *summary_label;
  GtkGrid    *facts_grid;
  GtkLabel   *reasons_heading;
  GtkBox     *reasons_box;
  GtkLabel   *details_heading;
  GtkGrid    *details_grid;
  GtkLabel   *record_label;

  TaiouEvent *event;
};

G_DEFINE_FINAL_TYPE (TaiouEventDetail, taiou_event_detail, ADW_TYPE_BIN)

enum {
  PROP_0,
  PROP_EVENT,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* Members shown elsewhere in the pane (as reasons), or repeated by the summary. */
static const char * const hidden_members[] = {
  TAIOU_EVENT_DETAIL_FINDINGS, "message", "message_ja", "reasons", "reasons_ja", "evidence",
  "evidence_ja", NULL
};

/* A long value (a path, a hash list) is cut for the grid; the record data holds all of it. */
#define MAX_VALUE_CHARS 400

static GtkWidget *
new_value_label (const char *text,
                 gboolean    dim)
{
  GtkWidget *label = gtk_label_new (text);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD_CHAR);
  gtk_label_set_selectable (GTK_LABEL (label), TRUE);
  gtk_widget_set_hexpand (label, TRUE);
  if (dim)
    gtk_widget_add_css_class (label, "dim-label");
  return label;
}

static void
clear_grid (GtkGrid *grid)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (grid))) != NULL)
    gtk_grid_remove (grid, child);
}

static void
clear_box (GtkBox *box)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (box))) != NULL)
    gtk_box_remove (box, child);
}

static void
grid_add_row (GtkGrid    *grid,
              const char *name,
              const char *value)
{
  int row = 0;
  GtkWidget *name_label = gtk_label_new (name);
  GtkWidget *value_label;
  g_autofree char *shown = NULL;

  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (grid));
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    row++;
  row /= 2;

  if (g_utf8_strlen (value, -1) > MAX_VALUE_CHARS)
    {
      g_autofree char *cut = g_utf8_substring (value, 0, MAX_VALUE_CHARS);

      shown = g_strconcat (cut, "…", NULL);
      value = shown;
    }
  value_label = new_value_label (value, FALSE);
  gtk_label_set_xalign (GTK_LABEL (name_label), 0);
  gtk_label_set_yalign (GTK_LABEL (name_label), 0);
  gtk_widget_add_css_class (name_label, "dim-label");
  gtk_grid_attach (grid, name_label, 0, row, 1, 1);
  gtk_grid_attach (grid, value_label, 1, row, 1, 1);
  gtk_accessible_update_relation (GTK_ACCESSIBLE (value_label),
                                  GTK_ACCESSIBLE_RELATION_LABELLED_BY, name_label, NULL, -1);
}

/* A member's value as one line of text: scalars as they are, arrays of scalars joined. */
static char *
node_to_text (JsonNode *node)
{
  if (JSON_NODE_HOLDS_NULL (node))
    return g_strdup ("—");
  if (JSON_NODE_HOLDS_VALUE (node))
    {
      GValue value = G_VALUE_INIT;
      g_autofree char *text = NULL;

      json_node_get_value (node, &value);
      if (G_VALUE_HOLDS_STRING (&value))
        text = g_value_dup_string (&value);
      else if (G_VALUE_HOLDS_BOOLEAN (&value))
        text = g_strdup (g_value_get_boolean (&value) ? _("yes") : _("no"));
      else if (G_VALUE_HOLDS_INT64 (&value))
        text = g_strdup_printf ("%" G_GINT64_FORMAT, g_value_get_int64 (&value));
      else if (G_VALUE_HOLDS_DOUBLE (&value))
        text = g_strdup_printf ("%g", g_value_get_double (&value));
      g_value_unset (&value);
      return text != NULL ? g_steal_pointer (&text) : json_to_string (node, FALSE);
    }
  if (JSON_NODE_HOLDS_ARRAY (node))
    {
      JsonArray *array = json_node_get_array (node);
      g_autoptr(GString) joined = g_string_new (NULL);

      if (json_array_get_length (array) == 0)
        return g_strdup ("—");
      for (guint i = 0; i < json_array_get_length (array); i++)
        {
          JsonNode *element = json_array_get_element (array, i);

          g_autofree char *text = NULL;

          if (!JSON_NODE_HOLDS_VALUE (element))
            return json_to_string (node, FALSE);
          text = node_to_text (element);
          if (i > 0)
            g_string_append (joined, ", ");
          g_string_append (joined, text);
        }
      return g_string_free (g_steal_pointer (&joined), FALSE);
    }
  return json_to_string (node, FALSE);
}

static const char *
member_string (JsonObject *object,
               const char *name)
{
  JsonNode *node = json_object_get_member (object, name);

  return node != NULL && JSON_NODE_HOLDS_VALUE (node) &&
         json_node_get_value_type (node) == G_TYPE_STRING ? json_node_get_string (node) : NULL;
}

static const char *
severity_label (TaiouSeverity severity)
{
  switch (severity)
    {
    case TAIOU_SEVERITY_ALERT:
      return C_("severity", "Alert");
    case TAIOU_SEVERITY_WARNING:
      return C_("severity", "Warning");
    case TAIOU_SEVERITY_NOTICE:
      return C_("severity", "Notice");
    case TAIOU_SEVERITY_INFO:
    default:
      return C_("severity", "Information");
    }
}

/* One finding: its level and score, the reason in the user's language, the evidence under it. */
static void
add_reason (TaiouEventDetail *self,
            JsonObject       *finding)
{
  gboolean japanese = taiou_i18n_prefers_japanese ();
  const char *reason = member_string (finding, japanese ? "message_ja" : "message");
  const char *evidence = member_string (finding, japanese ? "evidence_ja" : "evidence");
  int score = (int) json_object_get_int_member_with_default (finding, "score", 0);
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
  g_autofree char *heading = NULL;

  if (reason == NULL)
    reason = member_string (finding, japanese ? "message" : "message_ja");
  if (evidence == NULL)
    evidence = member_string (finding, "evidence");
  if (reason == NULL && evidence == NULL)
    {
      g_object_ref_sink (box);
      g_object_unref (box);
      return;
    }

  heading = g_strdup_printf (_("%s (score %d)"), severity_label (taiou_severity_for_score (score)),
                             score);
  gtk_box_append (GTK_BOX (box), new_value_label (heading, TRUE));
  if (reason != NULL)
    gtk_box_append (GTK_BOX (box), new_value_label (reason, FALSE));
  if (evidence != NULL && *evidence != '\0')
    {
      GtkWidget *label = new_value_label (evidence, TRUE);

      gtk_widget_add_css_class (label, "caption");
      gtk_box_append (GTK_BOX (box), label);
    }
  gtk_box_append (self->reasons_box, box);
}

static void
show_detail (TaiouEventDetail *self,
             JsonObject       *detail)
{
  JsonNode *findings = json_object_get_member (detail, TAIOU_EVENT_DETAIL_FINDINGS);
  g_autoptr(GList) members = json_object_get_members (detail);

  /* A mail or a scan lists its findings; a scan finding is one itself. */
  if (findings != NULL && JSON_NODE_HOLDS_ARRAY (findings))
    {
      JsonArray *array = json_node_get_array (findings);

      for (guint i = 0; i < json_array_get_length (array); i++)
        {
          JsonNode *element = json_array_get_element (array, i);

          if (JSON_NODE_HOLDS_OBJECT (element))
            add_reason (self, json_node_get_object (element));
        }
    }
  else if (json_object_has_member (detail, "message"))
    add_reason (self, detail);

  for (GList *l = members; l != NULL; l = l->next)
    {
      const char *name = l->data;
      g_autofree char *text = NULL;

      if (g_strv_contains (hidden_members, name))
        continue;
      text = node_to_text (json_object_get_member (detail, name));
      grid_add_row (self->details_grid, name, text);
    }
}

/* The bin's own child: binding it as a template child would make dispose unparent it twice. */
static GtkStack *
get_stack (TaiouEventDetail *self)
{
  return GTK_STACK (adw_bin_get_child (ADW_BIN (self)));
}

static void
show_event (TaiouEventDetail *self)
{
  TaiouEvent *event = self->event;
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autofree char *number = NULL;
  g_autofree char *local_time = NULL;
  g_autofree char *utc_time = NULL;
  g_autofree char *record = NULL;
  const char *detail = NULL;

  clear_grid (self->facts_grid);
  clear_grid (self->details_grid);
  clear_box (self->reasons_box);
  if (event == NULL)
    {
      gtk_stack_set_visible_child_name (get_stack (self), "empty");
      return;
    }

  gtk_label_set_label (self->kind_label, taiou_event_kind_get_label (taiou_event_get_kind (event)));
  gtk_label_set_label (self->summary_label, taiou_event_get_summary (event));

  number = g_strdup_printf ("%" G_GINT64_FORMAT, taiou_event_get_seq (event));
  local_time = taiou_event_format_time (event);
  utc_time = taiou_time_format_iso8601 (taiou_event_get_time_us (event));
  grid_add_row (self->facts_grid, C_("event number", "No."), number);
  grid_add_row (self->facts_grid, _("Time"), local_time);
  grid_add_row (self->facts_grid, _("Time (UTC)"), utc_time);
  grid_add_row (self->facts_grid, _("PC"), taiou_event_get_host (event));
  grid_add_row (self->facts_grid, _("Who"), taiou_event_get_actor (event));
  grid_add_row (self->facts_grid, _("Kind code"), taiou_event_get_kind (event));

  detail = taiou_event_get_detail (event);
  if (detail != NULL && *detail != '\0' && json_parser_load_from_data (parser, detail, -1, NULL) &&
      JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser)))
    show_detail (self, json_node_get_object (json_parser_get_root (parser)));

  gtk_widget_set_visible (GTK_WIDGET (self->reasons_heading),
                          gtk_widget_get_first_child (GTK_WIDGET (self->reasons_box)) != NULL);
  gtk_widget_set_visible (GTK_WIDGET (self->details_heading),
                          gtk_widget_get_first_child (GTK_WIDGET (self->details_grid)) != NULL);

  record = g_strdup_printf ("prev_hash: %s\nhash: %s\ndetail: %s",
                            taiou_event_get_prev_hash (event), taiou_event_get_hash (event),
                            detail != NULL ? detail : "");
  gtk_label_set_label (self->record_label, record);
  gtk_stack_set_visible_child_name (get_stack (self), "event");
}

static void
taiou_event_detail_dispose (GObject *object)
{
  TaiouEventDetail *self = TAIOU_EVENT_DETAIL (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), TAIOU_TYPE_EVENT_DETAIL);
  g_clear_object (&self->event);

  G_OBJECT_CLASS (taiou_event_detail_parent_class)->dispose (object);
}

static void
taiou_event_detail_get_property (GObject    *object,
                                 guint       prop_id,
                                 GValue     *value,
                                 GParamSpec *pspec)
{
  TaiouEventDetail *self = TAIOU_EVENT_DETAIL (object);

  switch (prop_id)
    {
    case PROP_EVENT:
      g_value_set_object (value, self->event);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
taiou_event_detail_set_property (GObject      *object,
                                 guint         prop_id,
                                 const GValue *value,
                                 GParamSpec   *pspec)
{
  TaiouEventDetail *self = TAIOU_EVENT_DETAIL (object);

  switch (prop_id)
    {
    case PROP_EVENT:
      taiou_event_detail_set_event (self, g_value_get_object (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
taiou_event_detail_class_init (TaiouEventDetailClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = taiou_event_detail_dispose;
  object_class->get_property = taiou_event_detail_get_property;
  object_class->set_property = taiou_event_detail_set_property;

  properties[PROP_EVENT] =
    g_param_spec_object ("event", NULL, NULL, TAIOU_TYPE_EVENT,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/taiou/Taiou/taiou-event-detail.ui");
  gtk_widget_class_bind_template_child (widget_class, TaiouEventDetail, kind_label);
  gtk_widget_class_bind_template_child (widget_class, TaiouEventDetail, summary_label);
  gtk_widget_class_bind_template_child (widget_class, TaiouEventDetail, facts_grid);
  gtk_widget_class_bind_template_child (widget_class, TaiouEventDetail, reasons_heading);
  gtk_widget_class_bind_template_child (widget_class, TaiouEventDetail, reasons_box);
  gtk_widget_class_bind_template_child (widget_class, TaiouEventDetail, details_heading);
  gtk_widget_class_bind_template_child (widget_class, TaiouEventDetail, details_grid);
  gtk_widget_class_bind_template_child (widget_class, TaiouEventDetail, record_label);
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_GROUP);
}

static void
taiou_event_detail_init (TaiouEventDetail *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

GtkWidget *
taiou_event_detail_new (void)
{
  return g_object_new (TAIOU_TYPE_EVENT_DETAIL, NULL);
}

TaiouEvent *
taiou_event_detail_get_event (TaiouEventDetail *self)
{
  g_return_val_if_fail (TAIOU_IS_EVENT_DETAIL (self), NULL);
  return self->event;
}

void
taiou_event_detail_set_event (TaiouEventDetail *self,
                              TaiouEvent       *event)
{
  g_return_if_fail (TAIOU_IS_EVENT_DETAIL (self));
  g_return_if_fail (event == NULL || TAIOU_IS_EVENT (event));

  if (!g_set_object (&self->event, event))
    return;
  show_event (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_EVENT]);
}
