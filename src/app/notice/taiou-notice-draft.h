/* taiou-notice-draft.h — what was typed into the notice editor survives a crash or a close */
#pragma once

#include "taiou.h"

G_BEGIN_DECLS

char       *taiou_notice_draft_path (TaiouTimeline  *timeline,
                                     TaiouIncident  *incident);
GHashTable *taiou_notice_draft_load (const char     *path);
gboolean    taiou_notice_draft_save (const char     *path,
                                     GHashTable     *values,
                                     GError        **error);

G_END_DECLS
