/* taiou-guidance-view.h — one instruction from data/guidance/, with its source under it */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define TAIOU_TYPE_GUIDANCE_VIEW (taiou_guidance_view_get_type ())
G_DECLARE_FINAL_TYPE (TaiouGuidanceView, taiou_guidance_view, TAIOU, GUIDANCE_VIEW, GtkWidget)

GtkWidget  *taiou_guidance_view_new        (const char        *record_id);
const char *taiou_guidance_view_get_record (TaiouGuidanceView *self);
void        taiou_guidance_view_set_record (TaiouGuidanceView *self,
                                            const char        *record_id);
const char *taiou_guidance_view_get_text   (TaiouGuidanceView *self);
const char *taiou_guidance_view_get_source_url (TaiouGuidanceView *self);

G_END_DECLS
