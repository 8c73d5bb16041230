/* taiou-test-notice.h — one fixed, plausible set of notice variables for the tests */
#pragma once

#include "taiou.h"

G_BEGIN_DECLS

GHashTable *taiou_test_notice_variables (TaiouNoticeTemplate *notice);

G_END_DECLS
