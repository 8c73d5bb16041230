/* taiou-timeline-facets.c — which PCs, kinds and people an incident's events name
 *
 * The record view offers these as filters and shows an incident's PCs in the list of incidents
 * (a merged incident spans several).  Each is one DISTINCT query; the number of values is
 * capped, since a crafted import could name a million hosts and a menu of them helps nobody.
 */
#define G_LOG_DOMAIN "taiou-timeline"

#include "config.h"

#include "taiou-timeline-facets.h"
#include "taiou-timeline-private.h"

/**
 * taiou_timeline_list_event_values:
 * @facet: which column of the events
 *
 * Returns: (transfer full): the distinct values of @facet among the events of @incident_id,
 *   sorted, at most TAIOU_TIMELINE_MAX_FACET_VALUES of them; NULL with @error set on failure
 */
GStrv
taiou_timeline_list_event_values (TaiouTimeline     *self,
                                  gint64             incident_id,
                                  TaiouEventFacet    facet,
                                  GError           **error)
{
  /* Each value found by one index lookup from the last (a "skip scan"), so the cost is the number
   * of distinct values, not of events: DISTINCT walked every entry (40 ms at 100,000 events). */
#define SKIP_SCAN(column) \
    "WITH RECURSIVE value (v) AS (" \
    "  SELECT (SELECT min (" column ") FROM events WHERE incident_id = ?1)" \
    "  UNION ALL" \
    "  SELECT (SELECT min (" column ") FROM events WHERE incident_id = ?1 AND " column " > v)" \
    "  FROM value WHERE v IS NOT NULL" \
    ") SELECT v FROM value WHERE v IS NOT NULL LIMIT ?2"
  static const char * const queries[] = {
    [TAIOU_EVENT_FACET_HOST] = SKIP_SCAN ("host"),
    [TAIOU_EVENT_FACET_KIND] = SKIP_SCAN ("kind"),
    [TAIOU_EVENT_FACET_ACTOR] = SKIP_SCAN ("actor"),
  };
#undef SKIP_SCAN
  g_autoptr(GMutexLocker) locker = NULL;
  g_autoptr(GStrvBuilder) values = g_strv_builder_new ();
  sqlite3_stmt *stmt = NULL;
  int rc;

  g_return_val_if_fail (TAIOU_IS_TIMELINE (self), NULL);
  g_return_val_if_fail (facet < G_N_ELEMENTS (queries), NULL);

  locker = g_mutex_locker_new (&self->lock);
  if (!_taiou_timeline_incident_exists_locked (self, incident_id, error) ||
      !_taiou_timeline_prepare (self, queries[facet], &stmt, error))
    return NULL;
  sqlite3_bind_int64 (stmt, 1, incident_id);
  sqlite3_bind_int (stmt, 2, TAIOU_TIMELINE_MAX_FACET_VALUES);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_strv_builder_add (values, (const char *) sqlite3_column_text (stmt, 0));
  sqlite3_finalize (stmt);
  if (rc != SQLITE_DONE)
    {
      _taiou_timeline_set_sqlite_error (error, self->db, rc, self->path);
      return NULL;
    }
  return g_strv_builder_end (values);
}
