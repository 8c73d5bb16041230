/* fuzz-scan-exclusions.c — exclusion patterns (typed in Preferences or on the command line) and
 * the paths they are matched against
 *
 * The first line is a pattern, tried as a glob, as a regular expression and as a Preferences
 * entry, each with and without case; every further line is a path to match.
 */
#include "config.h"

#include <string.h>

#include "taiou.h"

int LLVMFuzzerTestOneInput (const guint8 *data, size_t size);

int
LLVMFuzzerTestOneInput (const guint8 *data,
                        size_t        size)
{
  g_autofree char *text = g_strndup ((const char *) data, size);
  g_auto(GStrv) lines = g_strsplit (text, "\n", 64);

  if (lines[0] == NULL)
    return 0;
  for (int case_insensitive = 0; case_insensitive <= 1; case_insensitive++)
    {
      g_autoptr(TaiouScanExclusions) exclusions = taiou_scan_exclusions_new (case_insensitive);

      taiou_scan_exclusions_add_glob (exclusions, lines[0], NULL);
      taiou_scan_exclusions_add_regex (exclusions, lines[0], NULL);
      taiou_scan_exclusions_add_entry (exclusions, lines[0], NULL);
      for (guint i = 1; lines[i] != NULL; i++)
        taiou_scan_exclusions_match (exclusions, lines[i]);
    }
  return 0;
}
