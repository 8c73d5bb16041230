/* taiou-scan-exclusions.h — paths a scan leaves out (globs and regular expressions), counted */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define TAIOU_SCAN_EXCLUSIONS_ERROR (taiou_scan_exclusions_error_quark ())

typedef enum
{
  TAIOU_SCAN_EXCLUSIONS_ERROR_INVALID,
} TaiouScanExclusionsError;

GQuark taiou_scan_exclusions_error_quark (void);

typedef struct _TaiouScanExclusions TaiouScanExclusions;

#define TAIOU_SCAN_EXCLUSIONS_MAX 256

TaiouScanExclusions *taiou_scan_exclusions_new        (gboolean              case_insensitive);
TaiouScanExclusions *taiou_scan_exclusions_ref        (TaiouScanExclusions  *self);
void                 taiou_scan_exclusions_unref      (TaiouScanExclusions  *self);
gboolean             taiou_scan_exclusions_add_glob   (TaiouScanExclusions  *self,
                                                       const char           *glob,
                                                       GError              **error);
gboolean             taiou_scan_exclusions_add_regex  (TaiouScanExclusions  *self,
                                                       const char           *pattern,
                                                       GError              **error);
gboolean             taiou_scan_exclusions_add_entry  (TaiouScanExclusions  *self,
                                                       const char           *entry,
                                                       GError              **error);
gboolean             taiou_scan_exclusions_add_entries (TaiouScanExclusions *self,
                                                        const char * const  *entries,
                                                        GError             **error);
guint                taiou_scan_exclusions_get_count  (TaiouScanExclusions  *self);
const char * const  *taiou_scan_exclusions_get_patterns (TaiouScanExclusions *self);
gboolean             taiou_scan_exclusions_match      (TaiouScanExclusions  *self,
                                                       const char           *path);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (TaiouScanExclusions, taiou_scan_exclusions_unref)

G_END_DECLS
