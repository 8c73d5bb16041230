/* taiou-ioc-bundled.h — the offline IOC snapshot shipped with Taiou (data/ioc/) */
#pragma once

#include "taiou-ioc-set.h"

G_BEGIN_DECLS

const char *taiou_ioc_bundled_dir      (void);
gboolean    taiou_ioc_set_load_bundled (TaiouIocSet  *set,
                                        GPtrArray   **reports_out,
                                        GError      **error);

G_END_DECLS
