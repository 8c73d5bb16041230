/* taiou-test-emocheck.h — synthetic EmoCheck reports, one per released version, language and format
 *
 * Written from the format strings of the released sources (JPCERTCC/EmoCheck, emocheck/main.cpp
 * of v0.0.1, v0.0.2, v1.x and v2.0), byte for byte as Windows wrote them: CRLF line ends, the
 * Japanese words in CP932 up to v1.x and in UTF-8 from v2.0 on, names and paths in the OEM code
 * page (CP932 on Japanese Windows, CP850 on French Windows).  See taiou-test-emocheck.c.
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef enum
{
  TAIOU_TEST_EMOCHECK_ENGLISH,
  TAIOU_TEST_EMOCHECK_JAPANESE,
  TAIOU_TEST_EMOCHECK_FRENCH,
} TaiouTestEmocheckLanguage;

typedef enum
{
  TAIOU_TEST_EMOCHECK_TEXT,
  TAIOU_TEST_EMOCHECK_JSON,
  /* The shapes of the README's samples, which no release wrote exactly. */
  TAIOU_TEST_EMOCHECK_README_TEXT,
  TAIOU_TEST_EMOCHECK_README_JSON,
} TaiouTestEmocheckFormat;

/* The versions whose sources differ in what they write: "0.0.1", "0.0.2", "1.2", "2.0". */
extern const char * const taiou_test_emocheck_versions[];

gboolean    taiou_test_emocheck_exists        (const char                *version,
                                               TaiouTestEmocheckLanguage  language,
                                               TaiouTestEmocheckFormat    format);
GBytes     *taiou_test_emocheck_report        (const char                *version,
                                               TaiouTestEmocheckLanguage  language,
                                               TaiouTestEmocheckFormat    format,
                                               gboolean                   infected,
                                               char                     **file_name);
const char *taiou_test_emocheck_language_name (TaiouTestEmocheckLanguage  language);

/* What the reports hold, in UTF-8, for the tests to compare with. */
const char *taiou_test_emocheck_host          (TaiouTestEmocheckLanguage  language);
const char *taiou_test_emocheck_process_name  (TaiouTestEmocheckLanguage  language);
const char *taiou_test_emocheck_image_path    (TaiouTestEmocheckLanguage  language);
const char *taiou_test_emocheck_registry_key  (TaiouTestEmocheckLanguage  language);

#define TAIOU_TEST_EMOCHECK_SCAN_TIME "2022-03-08 10:15:00"
#define TAIOU_TEST_EMOCHECK_PID       "4242"

G_END_DECLS
