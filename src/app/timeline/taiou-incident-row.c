/* taiou-incident-row.c — one incident in the record view's list
 *
 * Two incidents often carry the same title ("opened an attachment"), so what tells them apart
 * comes first and is never cut: the PCs, the reporter and when it happened.  Under them, the
 * report due next, since that is what an IT manager with several incidents must not miss.
 */
#define G_LOG_DOMAIN "taiou-incident-row"

#include "config.h"

#include <glib/gi18n.h>

#include "taiou-incident-row.h"

struct _TaiouIncidentRow
{
  AdwActionRow   parent_instance;

  TaiouIncident *incident;
  char          *deadline;   /* the next report and its day, NULL when none is owed */
};

G_DEFINE_FINAL_TYPE (TaiouIncidentRow, taiou_incident_row, ADW_TYPE_ACTION_ROW)

/* "PC-07, PC-03" — a merged incident spans several PCs; past three, a count. */
static char *
format_hosts (TaiouTimeline *timeline,
              TaiouIncident *incident)
{
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) hosts = NULL;
  g_autoptr(GString) text = g_string_new (taiou_incident_get_host (incident));
  guint n_shown = 1;
  guint n_more = 0;

  hosts = taiou_timeline_list_event_values (timeline, taiou_incident_get_id (incident),
                                            TAIOU_EVENT_FACET_HOST, &error);
  if (hosts == NULL)
    g_debug ("Cannot list the PCs of incident %" G_GINT64_FORMAT ": %s",
             taiou_incident_get_id (incident), error->message);
  for (guint i = 0; hosts != NULL && hosts[i] != NULL; i++)
    {
      if (g_str_equal (hosts[i], taiou_incident_get_host (incident)))
        continue;
      if (n_shown >= 3)
        {
          n_more++;
          continue;
        }
      g_string_append_printf (text, ", %s", hosts[i]);
      n_shown++;
    }
  if (n_more > 0)
    /* Translators: after a list of PC names: "PC-01, PC-02, PC-03 and 4 more" */
    g_string_append_printf (text, g_dngettext (GETTEXT_PACKAGE, " and %u more", " and %u more",
                                               n_more), n_more);
  return g_string_free (g_steal_pointer (&text), FALSE);
}

static char *
format_deadline (TaiouTimeline *timeline,
                 TaiouIncident *incident)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TaiouIncidentSummary) summary = NULL;
  g_autoptr(GDateTime) now = NULL;
  g_autofree char *day = NULL;
  TaiouAppiItem item;
  GDate due;
  GDate today;

  summary = taiou_incident_summary_read_deadlines (timeline, incident, NULL, &error);
  if (summary == NULL)
    {
      g_debug ("Cannot read the deadlines of incident %" G_GINT64_FORMAT ": %s",
               taiou_incident_get_id (incident), error->message);
      return NULL;
    }
  if (!taiou_incident_summary_next_deadline (summary, &item, &due))
    return NULL;

  day = taiou_appi_format_date (&due, taiou_i18n_prefers_japanese ());
  now = g_date_time_new_now (taiou_appi_time_zone ());
  g_date_clear (&today, 1);
  g_date_set_dmy (&today, g_date_time_get_day_of_month (now), g_date_time_get_month (now),
                  g_date_time_get_year (now));
  if (g_date_compare (&today, &due) > 0)
    return g_strdup_printf (item == TAIOU_APPI_ITEM_PRELIMINARY
                              ? _("Preliminary report overdue: about %s (a guide)")
                              : _("Final report overdue: %s (a guide)"), day);
  return g_strdup_printf (item == TAIOU_APPI_ITEM_PRELIMINARY
                            ? _("Next: preliminary report by about %s (a guide)")
                            : _("Next: final report by %s (a guide)"), day);
}

static void
taiou_incident_row_finalize (GObject *object)
{
  TaiouIncidentRow *self = TAIOU_INCIDENT_ROW (object);

  g_clear_object (&self->incident);
  g_free (self->deadline);

  G_OBJECT_CLASS (taiou_incident_row_parent_class)->finalize (object);
}

static void
taiou_incident_row_class_init (TaiouIncidentRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = taiou_incident_row_finalize;
}

static void
taiou_incident_row_init (TaiouIncidentRow *self)
{
}

/**
 * taiou_incident_row_new:
 *
 * Reads the incident's PCs and next deadline from @timeline once; the view makes new rows when
 * the record changes.
 */
GtkWidget *
taiou_incident_row_new (TaiouTimeline *timeline,
                        TaiouIncident *incident)
{
  TaiouIncidentRow *self;
  g_autofree char *hosts = NULL;
  g_autofree char *discovered = NULL;
  g_autoptr(GString) subtitle = g_string_new (NULL);

  g_return_val_if_fail (TAIOU_IS_TIMELINE (timeline), NULL);
  g_return_val_if_fail (TAIOU_IS_INCIDENT (incident), NULL);

  self = g_object_new (TAIOU_TYPE_INCIDENT_ROW, NULL);
  self->incident = g_object_ref (incident);
  self->deadline = format_deadline (timeline, incident);
  hosts = format_hosts (timeline, incident);
  discovered = taiou_time_format_local (taiou_incident_get_discovered_us (incident));

  /* Titles are the worker's words and may hold anything, "<" included. */
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (self), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self), taiou_incident_get_title (incident));
  adw_action_row_set_title_lines (ADW_ACTION_ROW (self), 2);

  g_string_append_printf (subtitle, _("PC: %s · Reported by: %s"), hosts,
                          taiou_incident_get_reporter (incident));
  g_string_append_c (subtitle, '\n');
  g_string_append_printf (subtitle, _("Happened: %s"), discovered);
  g_string_append (subtitle, " · ");
  g_string_append_printf (subtitle, _("Status: %s"),
                          taiou_incident_status_get_label (taiou_incident_get_status (incident)));
  if (self->deadline != NULL)
    g_string_append_printf (subtitle, "\n%s", self->deadline);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (self), subtitle->str);
  adw_action_row_set_subtitle_lines (ADW_ACTION_ROW (self), 6);
  return GTK_WIDGET (self);
}

TaiouIncident *
taiou_incident_row_get_incident (TaiouIncidentRow *self)
{
  g_return_val_if_fail (TAIOU_IS_INCIDENT_ROW (self), NULL);
  return self->incident;
}

/* Returns: (nullable): the next report owed and its day, as shown */
const char *
taiou_incident_row_get_deadline (TaiouIncidentRow *self)
{
  g_return_val_if_fail (TAIOU_IS_INCIDENT_ROW (self), NULL);
  return self->deadline;
}
