/* bench-mail.c — how many typical mails the triage reads per second
 *
 *   meson test -C _build --benchmark --suite mail   (or run the binary; an optional argument
 *   sets the count)
 *
 * Target (issue 4): ≥ 5,000 messages a second.  "Typical" here: about 4 KB — Japanese text in
 * ISO-2022-JP-encoded headers, a quoted reply, an HTML alternative with links, and one small
 * zip attachment in base64 — run against our domains, our names and the bundled IOC snapshot
 * when $TAIOU_IOC_DIR points at it.  Every message differs (sender, subject, attachment bytes),
 * so nothing is cached between them.
 */
#define G_LOG_DOMAIN "bench-mail"

#include "config.h"

#include <archive.h>
#include <archive_entry.h>
#include <stdlib.h>

#include "taiou.h"

#include "bench-report.h"

/* An RFC 2047 word in ISO-2022-JP, as Japanese mail programs still write headers. */
static char *
iso2022jp_word (const char *text)
{
  gsize length = 0;
  g_autofree char *converted = g_convert (text, -1, "ISO-2022-JP", "UTF-8", NULL, &length, NULL);
  g_autofree char *base64 = g_base64_encode ((const guchar *) converted, length);

  return g_strdup_printf ("=?ISO-2022-JP?B?%s?=", base64);
}

/* A real zip holding one small text document, as partners send quotes. */
static GBytes *
small_zip (guint i)
{
  struct archive *writer = archive_write_new ();
  struct archive_entry *entry = archive_entry_new ();
  g_autofree char *text = g_strdup_printf ("見積書 No.%u\n%s", i, "品目、数量、単価をご確認ください。");
  gsize capacity = 64 * 1024, used = 0;
  guint8 *buffer = g_malloc (capacity);

  archive_write_set_format_zip (writer);
  archive_write_open_memory (writer, buffer, capacity, &used);
  archive_entry_set_pathname (entry, "mitsumori.txt");
  archive_entry_set_filetype (entry, AE_IFREG);
  archive_entry_set_perm (entry, 0644);
  archive_entry_set_size (entry, (la_int64_t) strlen (text));
  archive_write_header (writer, entry);
  archive_write_data (writer, text, strlen (text));
  archive_entry_free (entry);
  archive_write_close (writer);
  archive_write_free (writer);
  return g_bytes_new_take (buffer, used);
}

static GBytes *
typical_mail (guint i)
{
  g_autofree char *sender = iso2022jp_word ("佐藤 一郎");
  g_autofree char *subject = iso2022jp_word ("見積書の送付");
  g_autoptr(GString) body = g_string_new (NULL);
  g_autoptr(GBytes) zip = small_zip (i);
  g_autofree char *base64 = g_base64_encode (g_bytes_get_data (zip, NULL), g_bytes_get_size (zip));
  char *text;

  for (guint line = 0; line < 12; line++)
    g_string_append (body, "いつもお世話になっております。先日の打ち合わせの件でご連絡いたします。\r\n");
  g_string_append (body, "> 先日はありがとうございました。\r\n> 資料を確認いたします。\r\n");
  text = g_strdup_printf ("From: %s <sender%u@partner%u.example>\r\n"
                          "To: sales@ourcorp.co.jp\r\n"
                          "Subject: %s No.%u\r\n"
                          "Date: Mon, 23 Nov 2026 10:%02u:00 +0900\r\n"
                          "Message-ID: <%u@partner.example>\r\n"
                          "MIME-Version: 1.0\r\n"
                          "Content-Type: multipart/mixed; boundary=\"outer\"\r\n\r\n"
                          "--outer\r\nContent-Type: multipart/alternative; boundary=\"alt\"\r\n\r\n"
                          "--alt\r\nContent-Type: text/plain; charset=UTF-8\r\n"
                          "Content-Transfer-Encoding: 8bit\r\n\r\n%s"
                          "https://www.partner%u.example/catalog\r\n"
                          "--alt\r\nContent-Type: text/html; charset=UTF-8\r\n\r\n"
                          "<p>%s</p><a href=\"https://www.partner%u.example/catalog\">カタログ</a>\r\n"
                          "--alt--\r\n"
                          "--outer\r\nContent-Type: application/zip; name=\"doc%u.zip\"\r\n"
                          "Content-Transfer-Encoding: base64\r\n"
                          "Content-Disposition: attachment; filename=\"doc%u.zip\"\r\n\r\n%s\r\n"
                          "--outer--\r\n",
                          sender, i, i % 97, subject, i, i % 60, i, body->str, i % 97, "お世話になっております。",
                          i % 97, i, i, base64);
  return g_bytes_new_take (text, strlen (text));
}

int
main (int   argc,
      char *argv[])
{
  static const char * const domains[] = { "ourcorp.co.jp", NULL };
  static const char * const names[] = { "株式会社アワ商事", "山田 太郎", NULL };
  guint count = argc > 1 ? (guint) atoi (argv[1]) : 20000;
  g_autoptr(GPtrArray) mails = g_ptr_array_new_with_free_func ((GDestroyNotify) g_bytes_unref);
  g_autoptr(TaiouIocSet) iocs = taiou_ioc_set_new ();
  g_autoptr(GPtrArray) reports = NULL;
  TaiouMailTriageContext context = { domains, names, iocs };
  gsize total_bytes = 0;
  guint n_findings = 0;
  g_autoptr(GHashTable) rules = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  GHashTableIter iter;
  gpointer rule, n;
  gint64 start, elapsed;

  if (g_getenv ("TAIOU_IOC_DIR") != NULL)
    taiou_ioc_set_load_bundled (iocs, &reports, NULL);
  for (guint i = 0; i < count; i++)
    {
      GBytes *mail = typical_mail (i);

      total_bytes += g_bytes_get_size (mail);
      g_ptr_array_add (mails, mail);
    }

  start = g_get_monotonic_time ();
  for (guint i = 0; i < count; i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(TaiouMailReport) report = taiou_mail_triage_data ("bench.eml", mails->pdata[i],
                                                                  &context, NULL, &error);

      if (report == NULL)
        g_error ("mail %u: %s", i, error->message);
      n_findings += report->findings->len;
      for (guint f = 0; f < report->findings->len; f++)
        {
          const char *id = ((TaiouFinding *) report->findings->pdata[f])->rule_id;
          guint seen = GPOINTER_TO_UINT (g_hash_table_lookup (rules, id));

          g_hash_table_replace (rules, g_strdup (id), GUINT_TO_POINTER (seen + 1));
        }
    }
  elapsed = g_get_monotonic_time () - start;

  g_print ("%u mails, %.1f KB on average, %u findings in all\n", count,
           total_bytes / 1024.0 / count, n_findings);
  g_hash_table_iter_init (&iter, rules);
  while (g_hash_table_iter_next (&iter, &rule, &n))
    g_print ("  %s: %u\n", (char *) rule, GPOINTER_TO_UINT (n));
  g_print ("%.2f s, %.0f mails/s on one thread (target >= 5000: %s)\n",
           elapsed / 1e6, count / (elapsed / 1e6),
           count / (elapsed / 1e6) >= 5000 ? "met" : "NOT MET");
  return bench_report ("mail-triage-rate", count / (elapsed / 1e6), "mails/s", ">= 5000 mails/s",
                       NULL, 0, count / (elapsed / 1e6) >= 5000) ? 0 : 1;
}
