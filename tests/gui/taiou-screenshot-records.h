/* taiou-screenshot-records.h — the sample incidents the screenshots show */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

void   taiou_screenshot_add_sample_incidents (const char *db_path);
gint64 taiou_screenshot_add_incident_at_step (const char *db_path,
                                              const char *step);
void   taiou_screenshot_add_password_marks   (const char *db_path,
                                              gint64      incident_id);
void   taiou_screenshot_add_report_events    (const char *db_path,
                                              gboolean    handed_over);

G_END_DECLS
