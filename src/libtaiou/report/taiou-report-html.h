/* taiou-report-html.h — the hand-over summary as one standalone, printable HTML file */
#pragma once

#include "taiou-guidance.h"
#include "taiou-incident-summary.h"
#include "taiou-profile.h"

G_BEGIN_DECLS

/* The report step's records the hand-over file cites, in the order it shows them. */
extern const char * const taiou_report_contact_records[];
extern const char * const taiou_report_appi_records[];

char *taiou_report_html_render (TaiouIncidentSummary *summary,
                                TaiouProfile         *profile,
                                TaiouGuidance        *guidance,
                                gint64                now_us);

G_END_DECLS
