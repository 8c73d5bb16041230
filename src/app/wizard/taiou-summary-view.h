/* taiou-summary-view.h — what was done (with dates) and what remains, for the report step and
 * the closing screen */
#pragma once

#include <adwaita.h>

#include "taiou.h"

G_BEGIN_DECLS

#define TAIOU_TYPE_SUMMARY_VIEW (taiou_summary_view_get_type ())
G_DECLARE_FINAL_TYPE (TaiouSummaryView, taiou_summary_view, TAIOU, SUMMARY_VIEW, AdwBin)

GtkWidget            *taiou_summary_view_new           (void);
TaiouIncidentSummary *taiou_summary_view_dup_summary   (TaiouCase        *case_at_hand,
                                                        TaiouIncident    *incident,
                                                        GError          **error);
void                  taiou_summary_view_set_summary   (TaiouSummaryView     *self,
                                                        TaiouIncidentSummary *summary,
                                                        const char           *omit_step_title);
guint                 taiou_summary_view_get_n_done    (TaiouSummaryView     *self);
guint                 taiou_summary_view_get_n_remaining (TaiouSummaryView   *self);

G_END_DECLS
