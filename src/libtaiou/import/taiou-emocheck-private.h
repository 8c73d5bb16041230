/* taiou-emocheck-private.h — the two halves of the EmoCheck report reader (text and JSON)
 *
 * Both take the report's raw bytes (no NUL, size already capped) and fill @report, or fail
 * with a TAIOU_IMPORT_ERROR_FORMAT error that names the line the reader stopped at.
 */
#pragma once

#include "taiou-import-emocheck.h"

G_BEGIN_DECLS

TaiouEmocheckProcess *_taiou_emocheck_process_new (TaiouEmocheckReport  *report);
gboolean              _taiou_emocheck_line_error  (GError              **error,
                                                   const char           *file_name,
                                                   guint                 line,
                                                   const char           *why);
char                 *_taiou_emocheck_decode      (const char           *bytes,
                                                   gsize                 length,
                                                   const char           *ansi_code_page);
gboolean              _taiou_emocheck_parse_text  (TaiouEmocheckReport  *report,
                                                   const char           *file_name,
                                                   const char           *data,
                                                   gsize                 length,
                                                   GError              **error);
gboolean              _taiou_emocheck_parse_json  (TaiouEmocheckReport  *report,
                                                   const char           *file_name,
                                                   const char           *data,
                                                   gsize                 length,
                                                   GError              **error);

G_END_DECLS
