/* taiou-test-droppers.h — synthetic files shaped like Emotet-era droppers, and ordinary ones
 *
 * Built from the formats' specifications only: a header, the few structures a rule looks at
 * and harmless text.  Nothing in them runs; they exist to make data/yara/ rules match (and
 * not match).
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef struct
{
  const char *name;      /* a file name for it */
  const char *rule;      /* the bundled rule it must match; NULL: must match none */
  GBytes   *(*build) (void);
} TaiouTestDropper;

/* NULL-terminated by a NULL name. */
const TaiouTestDropper *taiou_test_droppers (void);

/* A PE program's first bytes whose sections end at @sections_end, for a @file_size file. */
GBytes *taiou_test_pe_head (guint32 sections_end);
/* A compound file's header whose allocation table has @n_fat_sectors 512-byte sectors. */
GBytes *taiou_test_ole_head (guint32 n_fat_sectors);

G_END_DECLS
