/* fuzz-yara-rules.c — a YARA rule file, as the IT manager (or an attacker) may hand it over
 *
 * The input is compiled the way a user's rule file is (size cap, no include, Loki's external
 * variables); the rules that compile are then matched against the input itself, with a short
 * timeout, so the scanner's callback, the score and description metas and the evidence run on
 * odd rules too.
 */
#include "config.h"

#include "taiou.h"

int LLVMFuzzerTestOneInput (const guint8 *data, size_t size);

int
LLVMFuzzerTestOneInput (const guint8 *data,
                        size_t        size)
{
  g_autoptr(TaiouYaraRules) rules = NULL;
  g_autoptr(TaiouYaraScanner) scanner = NULL;
  g_autoptr(GPtrArray) findings = NULL;
  g_autoptr(GError) error = NULL;

  rules = taiou_yara_rules_compile_text ("fuzz.yar", (const char *) data, size, &error);
  if (rules == NULL)
    {
      /* Every refusal names the file, in English then Japanese. */
      g_autofree char *english = taiou_yara_error_get_message (error, FALSE);
      g_autofree char *japanese = taiou_yara_error_get_message (error, TRUE);

      g_assert (g_str_has_prefix (english, "fuzz.yar") || error->code == TAIOU_YARA_ERROR_FAILED);
      g_assert (japanese != NULL);
      return 0;
    }
  scanner = taiou_yara_scanner_new (rules, 1, NULL);
  if (scanner == NULL)
    return 0;
  findings = g_ptr_array_new_with_free_func ((GDestroyNotify) taiou_finding_free);
  taiou_yara_scanner_scan (scanner, "/fuzz/input.bin", data, size, size, NULL, findings, NULL);
  for (guint i = 0; i < findings->len; i++)
    {
      TaiouFinding *finding = findings->pdata[i];

      g_assert (finding->score >= 0 && finding->score <= 100);
      g_assert (g_utf8_validate (finding->reason_ja, -1, NULL));
    }
  return 0;
}
