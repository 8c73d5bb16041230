/* taiou-yara-private.h — what the YARA module's files share: libyara's compiled rules */
#pragma once

#include <yara.h>

#include "taiou-yara-rules.h"

G_BEGIN_DECLS

/* The external variables every rule may name, as Loki's and THOR's rules do; defined empty when
 * compiling and set for each file when scanning. */
#define _TAIOU_YARA_EXTERNAL_FILENAME  "filename"
#define _TAIOU_YARA_EXTERNAL_FILEPATH  "filepath"
#define _TAIOU_YARA_EXTERNAL_EXTENSION "extension"
#define _TAIOU_YARA_EXTERNAL_FILETYPE  "filetype"
#define _TAIOU_YARA_EXTERNAL_OWNER     "owner"

void        _taiou_yara_initialize       (void);
YR_RULES   *_taiou_yara_rules_get        (TaiouYaraRules *self);
const char *_taiou_yara_rules_get_source (TaiouYaraRules *self,
                                          const char     *namespace_name);

G_END_DECLS
