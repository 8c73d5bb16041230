/* taiou-test-rechain.h — what an attacker holding the database does: edit a row, then recompute
 * every hash after it with Taiou's own hashing, so that `timeline verify` finds nothing. */
#pragma once

#include "taiou.h"

G_BEGIN_DECLS

void taiou_test_rewrite_and_rechain (const char *db_path,
                                     gint64      seq,
                                     const char *new_summary);

G_END_DECLS
