/* fuzz-ioc-formats.c — every IOC format reader, fed hostile bytes
 *
 * The first byte picks the format ('0'–'9' or any byte modulo 10: AUTO, Loki hash, file name,
 * C2, Feodo JSON, Feodo CSV, MalwareBazaar CSV, SHA-256 list, URLhaus CSV, Taiou JSON); the
 * rest is the file.  Whatever loads is then looked up again, so lookups on odd data run too.
 */
#include "config.h"

#include "taiou.h"

int LLVMFuzzerTestOneInput (const guint8 *data, size_t size);

int
LLVMFuzzerTestOneInput (const guint8 *data,
                        size_t        size)
{
  g_autoptr(TaiouIocSet) set = NULL;
  g_autoptr(TaiouIocLoadReport) report = NULL;
  g_autoptr(GArray) names = NULL;
  g_autofree char *text = NULL;
  TaiouIocFormat format;

  if (size < 1)
    return 0;
  format = (TaiouIocFormat) ((data[0] >= '0' && data[0] <= '9' ? data[0] - '0' : data[0]) % 10);

  set = taiou_ioc_set_new ();
  report = taiou_ioc_set_load_data (set, "fuzz-hash-iocs.txt", (const char *) data + 1, size - 1,
                                    format, NULL);

  /* Look the input itself up in every way, as the scanner and mail triage would. */
  text = g_strndup ((const char *) data + 1, MIN (size - 1, 300));
  taiou_ioc_set_lookup_hash_hex (set, text, NULL);
  taiou_ioc_set_lookup_ip (set, text, NULL);
  taiou_ioc_set_lookup_domain (set, text, NULL);
  taiou_ioc_set_lookup_url (set, text, NULL);
  taiou_ioc_set_is_false_positive (set, text);
  names = taiou_ioc_set_match_file_name (set, text);
  if (size > 33)
    taiou_ioc_set_lookup_digest (set, data + 1, 32, NULL);
  return 0;
}
