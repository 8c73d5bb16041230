/* taiou-scan-preferences-page.h — Preferences: what file scans leave out */
#pragma once

#include <adwaita.h>

#include "taiou.h"

G_BEGIN_DECLS

#define TAIOU_TYPE_SCAN_PREFERENCES_PAGE (taiou_scan_preferences_page_get_type ())
G_DECLARE_FINAL_TYPE (TaiouScanPreferencesPage, taiou_scan_preferences_page, TAIOU,
                      SCAN_PREFERENCES_PAGE, AdwPreferencesPage)

GtkWidget           *taiou_scan_preferences_page_new (void);
TaiouScanExclusions *taiou_scan_preferences_load_exclusions (gboolean case_insensitive);
void                 taiou_scan_preferences_describe_scope  (GString         *summary,
                                                             TaiouScanResult *result);

G_END_DECLS
