/* taiou-test-pc-record.h — another PC's record, made with the real timeline and exported with the
 * real taiou-json exporter, for the import tests */
#pragma once

#include "taiou.h"

G_BEGIN_DECLS

char *taiou_test_export_taiou_json (TaiouTimeline *timeline,
                                    gint64         incident_id,
                                    const char    *exported_on);
char *taiou_test_pc_record_new     (const char    *pc_name,
                                    guint          n_notes,
                                    char         **out_db_path,
                                    gint64        *out_incident_id);
char *taiou_test_write_temp        (const char    *name,
                                    const char    *contents,
                                    gssize         length);

G_END_DECLS
