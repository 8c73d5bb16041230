/* taiou-feeds-updater.h — 「脅威情報を更新」: update the feeds, with progress and cancel */
#pragma once

#include <adwaita.h>

#include "taiou.h"

G_BEGIN_DECLS

#define TAIOU_TYPE_FEEDS_UPDATER (taiou_feeds_updater_get_type ())
G_DECLARE_FINAL_TYPE (TaiouFeedsUpdater, taiou_feeds_updater, TAIOU, FEEDS_UPDATER, GtkBox)

GtkWidget *taiou_feeds_updater_new         (void);
void       taiou_feeds_updater_set_case    (TaiouFeedsUpdater *self,
                                            TaiouCase         *the_case);
gboolean   taiou_feeds_updater_get_busy    (TaiouFeedsUpdater *self);
void       taiou_feeds_updater_refresh     (TaiouFeedsUpdater *self);

G_END_DECLS
