/* taiou-settings.h — the app's settings (Preferences): the schema's keys, and "us" from them */
#pragma once

#include "taiou.h"

G_BEGIN_DECLS

/* Keys of the io.github.taiou.Taiou schema that are not part of the profile. */
#define TAIOU_SETTINGS_FIRST_RUN_DONE    "first-run-done"
#define TAIOU_SETTINGS_WINDOW_WIDTH      "window-width"
#define TAIOU_SETTINGS_WINDOW_HEIGHT     "window-height"
#define TAIOU_SETTINGS_WINDOW_MAXIMIZED  "window-maximized"
#define TAIOU_SETTINGS_SCAN_EXCLUSIONS   "scan-exclusions"
/* Issue 15, YARA: the IT manager's rule files and folders, beside the bundled rules. */
#define TAIOU_SETTINGS_YARA_RULE_PATHS   "yara-rule-paths"

GSettings *taiou_settings_new_if_installed (void);
void       taiou_settings_bind_profile     (GSettings    *settings,
                                            TaiouProfile *profile,
                                            gboolean      follow_changes);

/* The threat-data feeds' keys (issue 16). */
#define TAIOU_SETTINGS_FEEDS_FEODO_ENABLED          "feeds-feodo-enabled"
#define TAIOU_SETTINGS_FEEDS_URLHAUS_ENABLED        "feeds-urlhaus-enabled"
#define TAIOU_SETTINGS_FEEDS_MALWAREBAZAAR_ENABLED  "feeds-malwarebazaar-enabled"
#define TAIOU_SETTINGS_FEEDS_MALWAREBAZAAR_FAMILIES "feeds-malwarebazaar-families"

void       taiou_settings_apply_feeds      (GSettings    *settings,
                                            TaiouFeeds   *feeds);
GStrv      taiou_settings_dup_yara_paths   (GSettings          *settings,
                                            const char * const *extra);

G_END_DECLS
