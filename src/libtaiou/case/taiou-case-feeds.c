/* taiou-case-feeds.c — the threat-data feeds in the case: their copies in the IOC set, and
 * each update in the record
 *
 * The IOC set is loaded once and shared with checks that may be running; an update therefore
 * does not change the set in place but drops it, so the next load (taiou_case_load_iocs*)
 * reads the new copies, while a check under way keeps the set it holds a reference to.
 */
#define G_LOG_DOMAIN "taiou-case"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "taiou-case-private.h"
#include "taiou-event-kinds.h"

/**
 * taiou_case_set_feeds:
 * @feeds: (nullable): the feeds whose kept copies the IOC set includes
 *
 * Only before the IOC set is loaded, or followed by taiou_case_reload_iocs().
 */
void
taiou_case_set_feeds (TaiouCase  *self,
                      TaiouFeeds *feeds)
{
  g_return_if_fail (TAIOU_IS_CASE (self));
  g_return_if_fail (feeds == NULL || TAIOU_IS_FEEDS (feeds));
  g_set_object (&self->feeds, feeds);
}

/* Returns: (transfer none) (nullable) */
TaiouFeeds *
taiou_case_get_feeds (TaiouCase *self)
{
  g_return_val_if_fail (TAIOU_IS_CASE (self), NULL);
  return self->feeds;
}

/**
 * taiou_case_reload_iocs:
 *
 * Forgets the loaded IOC set (after a feed update) so the next load reads the copies again.
 * A load under way is left to finish; its waiters get the set it makes.
 */
void
taiou_case_reload_iocs (TaiouCase *self)
{
  g_return_if_fail (TAIOU_IS_CASE (self));
  if (self->ioc_waiters != NULL)
    return;
  _taiou_case_clear_iocs (self);
}

static JsonObject *
source_detail (const TaiouFeedReport *report)
{
  JsonObject *source = json_object_new ();

  json_object_set_string_member (source, TAIOU_EVENT_DETAIL_SOURCE, report->id);
  json_object_set_string_member (source, TAIOU_EVENT_DETAIL_OUTCOME,
                                 taiou_feed_outcome_to_string (report->outcome));
  json_object_set_int_member (source, TAIOU_EVENT_DETAIL_ENTRIES, report->entries);
  if (report->cached && report->age_seconds != G_MAXINT64)
    json_object_set_int_member (source, TAIOU_EVENT_DETAIL_AGE_SECONDS, report->age_seconds);
  if (report->error != NULL)
    json_object_set_string_member (source, TAIOU_EVENT_DETAIL_ERROR, report->error->message);
  return source;
}

/**
 * taiou_case_record_feeds_update:
 * @reports: (element-type TaiouFeedReport): what taiou_feeds_update() returned
 *
 * Records one event in the incident at hand: for each source, what the update did, how many
 * indicators its copy holds and how old it is.
 */
gboolean
taiou_case_record_feeds_update (TaiouCase  *self,
                                GPtrArray  *reports,
                                GError    **error)
{
  g_autoptr(JsonObject) detail = json_object_new ();
  g_autoptr(GString) summary = g_string_new (_("Threat data updated:"));
  JsonArray *sources = json_array_new ();

  g_return_val_if_fail (TAIOU_IS_CASE (self), FALSE);
  g_return_val_if_fail (reports != NULL, FALSE);

  for (guint i = 0; i < reports->len; i++)
    {
      const TaiouFeedReport *report = reports->pdata[i];

      json_array_add_object_element (sources, source_detail (report));
      g_string_append_printf (summary, i == 0 ? " %s %s (%u)" : ", %s %s (%u)", report->name,
                              taiou_feed_outcome_to_string (report->outcome), report->entries);
    }
  json_object_set_array_member (detail, TAIOU_EVENT_DETAIL_SOURCES, sources);
  return _taiou_case_append (self, TAIOU_EVENT_FEEDS_UPDATED, NULL, summary->str, detail, error);
}
