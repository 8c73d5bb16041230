/* fuzz-taiou-json-import.c — the reader of other PCs' records (taiou-json): parse, then verify */
#include "config.h"

#include "taiou.h"

int LLVMFuzzerTestOneInput (const guint8 *data, size_t size);

int
LLVMFuzzerTestOneInput (const guint8 *data,
                        size_t        size)
{
  g_autoptr(TaiouPcRecord) record = NULL;
  gint64 first_bad_seq = 0;

  record = taiou_pc_record_parse ("fuzz.json", (const char *) data, size, NULL);
  if (record != NULL)
    taiou_pc_record_verify (record, &first_bad_seq, NULL);
  return 0;
}
