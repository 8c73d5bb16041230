/* fuzz-mail-eml.c — the .eml/mbox path of the mail triage: GMime parsing, the MIME walk, the
 * sender, look-alike, Authentication-Results, link and content checks */
#include "config.h"

#include "taiou.h"

int LLVMFuzzerTestOneInput (const guint8 *data, size_t size);

int
LLVMFuzzerTestOneInput (const guint8 *data,
                        size_t        size)
{
  static const char * const domains[] = { "ourcorp.co.jp", NULL };
  static const char * const names[] = { "山田太郎", "アワ商事", NULL };
  static const char * const trusted[] = { "mx.ourcorp.co.jp", NULL };
  const TaiouMailTriageContext context = {
    .our_domains = domains,
    .our_names = names,
    .trusted_authserv_ids = trusted,
  };
  g_autoptr(GBytes) bytes = g_bytes_new_static (data, size);
  g_autoptr(TaiouMailReport) report = NULL;

  report = taiou_mail_triage_data ("fuzz.eml", bytes, &context, NULL, NULL);
  if (report != NULL)
    {
      g_autoptr(JsonObject) json = taiou_mail_report_to_json (report);

      g_assert (json_object_has_member (json, "verdict"));
    }
  return 0;
}
