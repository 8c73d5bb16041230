/* taiou-test-util.h — helpers shared by the test programs */
#pragma once

#include <sqlite3.h>

#include "taiou.h"

G_BEGIN_DECLS

char          *taiou_test_db_path        (void);
TaiouTimeline *taiou_test_timeline_new   (char       **out_path);
void           taiou_test_sqlite_exec    (const char  *db_path,
                                          const char  *sql);
TaiouIncident *taiou_test_add_incident   (TaiouTimeline *timeline,
                                          const char    *title,
                                          guint          n_extra_events);

G_END_DECLS
