/* taiou-test-util.h — helpers shared by the test programs */
#pragma once

#include <sqlite3.h>

#include "taiou.h"

G_BEGIN_DECLS

char          *taiou_test_db_path        (void);
TaiouTimeline *taiou_test_timeline_new   (char       **out_path);
void           taiou_test_sqlite_exec    (const char  *db_path,
                                          const char  *sql);
TaiouCase     *taiou_test_case_with_incident (TaiouTimeline *timeline);
TaiouIncident *taiou_test_add_incident   (TaiouTimeline *timeline,
                                          const char    *title,
                                          guint          n_extra_events);
TaiouTimelineVerification *
               taiou_test_verify         (TaiouTimeline *timeline);
char          *taiou_test_make_chain     (void);
void           taiou_test_store_result   (GObject       *source,
                                          GAsyncResult  *result,
                                          gpointer       user_data);

/* What running the real taiou-cli binary ($TAIOU_CLI) printed and returned. */
typedef struct
{
  int   status;
  char *out;
  char *err;
} TaiouTestCliResult;

TaiouTestCliResult *taiou_test_run_cli       (const char          *lang,
                                              ...) G_GNUC_NULL_TERMINATED;
void                taiou_test_cli_result_free (TaiouTestCliResult *result);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (TaiouTestCliResult, taiou_test_cli_result_free)

G_END_DECLS
