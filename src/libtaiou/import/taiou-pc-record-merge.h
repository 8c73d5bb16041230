/* taiou-pc-record-merge.h — other PCs' records merged into one incident */
#pragma once

#include "taiou-import-taiou-json.h"
#include "taiou-timeline.h"

G_BEGIN_DECLS

typedef struct
{
  guint n_read;     /* events in the file */
  guint n_added;    /* new to this database */
  guint n_present;  /* already here: merged before, or recorded here in the first place */
} TaiouPcRecordMergeCount;

GArray        *taiou_pc_record_dup_drafts      (TaiouPcRecord            *record,
                                                GError                  **error);
gboolean       taiou_pc_records_find_incident  (TaiouTimeline            *timeline,
                                                GPtrArray                *records,
                                                gint64                   *incident_id,
                                                GError                  **error);
TaiouIncident *taiou_pc_record_create_incident (TaiouTimeline            *timeline,
                                                TaiouPcRecord            *record,
                                                GError                  **error);
gboolean       taiou_pc_record_merge           (TaiouTimeline            *timeline,
                                                gint64                    incident_id,
                                                TaiouPcRecord            *record,
                                                TaiouPcRecordMergeCount  *count,
                                                GCancellable             *cancellable,
                                                GError                  **error);

G_END_DECLS
