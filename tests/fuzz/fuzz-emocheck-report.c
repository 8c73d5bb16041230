/* fuzz-emocheck-report.c — the EmoCheck report reader (text in UTF-8 or CP932, and JSON) */
#include "config.h"

#include "taiou.h"

int LLVMFuzzerTestOneInput (const guint8 *data, size_t size);

int
LLVMFuzzerTestOneInput (const guint8 *data,
                        size_t        size)
{
  g_autoptr(TaiouEmocheckReport) report = NULL;

  report = taiou_emocheck_report_parse ("PC_20220308101500_emocheck.txt", (const char *) data,
                                        size, NULL);
  return 0;
}
