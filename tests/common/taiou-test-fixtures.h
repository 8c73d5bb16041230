/* taiou-test-fixtures.h — synthetic attachments built at test time (no real malware, no blobs)
 *
 * Each generator writes the smallest file that has the structure a check looks for: an OLE
 * file that merely holds VBA stream names, a "program" that is an MZ/PE header and nothing
 * else, a shortcut whose arguments name PowerShell.  Nothing here can run.
 */
#pragma once

#include "taiou.h"

G_BEGIN_DECLS

typedef struct
{
  const char *name;
  GBytes     *content;
} TaiouTestMember;

/* encryption: NULL, "zipcrypt" or "aes256" (then passphrase is required). */
GBytes *taiou_test_zip_new           (const TaiouTestMember *members,
                                      guint                  n_members,
                                      const char            *encryption,
                                      const char            *passphrase);
GBytes *taiou_test_zip_of            (const char            *name,
                                      GBytes                *content);
GBytes *taiou_test_zip_cp932         (const char            *name,
                                      GBytes                *content);
GBytes *taiou_test_zip_utf8_unflagged (const char            *name,
                                       GBytes                *content);
GBytes *taiou_test_zip_zeros         (const char            *name,
                                      guint64                size);
GBytes *taiou_test_zip_many          (guint                  n_members);
GBytes *taiou_test_7z_new            (const TaiouTestMember *members,
                                      guint                  n_members);
GBytes *taiou_test_iso_new           (const TaiouTestMember *members,
                                      guint                  n_members);

/* OLE2 file holding empty-ish streams at the given paths ("Macros/VBA/dir"). */
GBytes *taiou_test_ole_new           (const char * const    *stream_paths,
                                      GBytes                *workbook);
GBytes *taiou_test_ole_new_streams   (const char * const    *paths,
                                      GBytes * const        *contents);
GBytes *taiou_test_ole10native       (const char            *label,
                                      GBytes                *content);
/* A BIFF8 workbook globals stream with one BOUNDSHEET record. */
GBytes *taiou_test_biff_workbook     (const char            *sheet_name,
                                      guint8                 sheet_type,
                                      guint8                 visibility);
/* An OOXML package written with libgsf's zip writer. */
GBytes *taiou_test_ooxml_new         (gboolean               with_vba,
                                      gboolean               with_macrosheet);

GBytes *taiou_test_lnk_new           (const char            *target,
                                      const char            *arguments);
GBytes *taiou_test_onenote_new       (GBytes                *embedded);
GBytes *taiou_test_pe_new            (void);
GBytes *taiou_test_bytes_printf      (const char            *format,
                                      ...) G_GNUC_PRINTF (1, 2);

/* A stream of prefix then fill_length × fill, made on the fly (no memory for the fill). */
#define TAIOU_TEST_TYPE_PADDED_STREAM (taiou_test_padded_stream_get_type ())
G_DECLARE_FINAL_TYPE (TaiouTestPaddedStream, taiou_test_padded_stream, TAIOU_TEST, PADDED_STREAM,
                      GInputStream)

GInputStream *taiou_test_padded_stream_new (GBytes  *prefix,
                                            guint64  fill_length,
                                            guint8   fill);

/* Every fixture above written to dir (the fuzz seed corpus). */
void    taiou_test_write_corpus      (const char            *dir);

G_END_DECLS
