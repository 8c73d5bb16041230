/* test-mail-encoded-words.c — names split over several RFC 2047 encoded-words, as Outlook and
 * Japanese mail programs write them, read whole wherever the split falls
 *
 * Mail programs cut a long name's bytes wherever the line ends, in the middle of a character
 * too.  GMime 3.2 alone then read 「請求書_2026年11月分のご案内.pdf.exe」 as 「請??」, and the
 * attachment's extension went unchecked.  Every split position is tried here, for the subject,
 * the sender's display name and the file name (quoted in both the disposition and the type),
 * in UTF-8 (B and Q) and ISO-2022-JP.  The messages are built here; no real mail is used. */
#define G_LOG_DOMAIN "test-mail-encoded-words"

#include "config.h"

#include <string.h>

#include "taiou-test-fixtures.h"
#include "taiou-test-util.h"

#define NAME "請求書_2026年11月分のご案内.pdf.exe"

static const char * const our_domains[] = { "ourcorp.co.jp", NULL };
static const TaiouMailTriageContext context = { .our_domains = our_domains };

static char *
encode_word (const char   *charset,
             char          encoding,
             const guint8 *bytes,
             gsize         length)
{
  g_autoptr(GString) text = g_string_new (NULL);

  if (encoding == 'B')
    {
      g_autofree char *base64 = g_base64_encode (bytes, length);

      g_string_append (text, base64);
    }
  else
    for (gsize i = 0; i < length; i++)
      g_string_append_printf (text, "=%02X", bytes[i]);
  return g_strdup_printf ("=?%s?%c?%s?=", charset, encoding, text->str);
}

/* @name's bytes in @charset, cut after @cut bytes into two words folded onto two lines. */
static char *
split_words (const char *charset,
             char        encoding,
             const char *bytes,
             gsize       length,
             gsize       cut)
{
  g_autofree char *first = encode_word (charset, encoding, (const guint8 *) bytes, cut);
  g_autofree char *second = encode_word (charset, encoding, (const guint8 *) bytes + cut,
                                         length - cut);

  return g_strdup_printf ("%s\r\n %s", first, second);
}

static TaiouMailReport *
triage_split_mail (const char *words,
                   GBytes     *content)
{
  gsize size;
  const guint8 *data = g_bytes_get_data (content, &size);
  g_autofree char *base64 = g_base64_encode (data, size);
  g_autofree char *text = g_strdup_printf (
    "From: %s <sato@partner.example>\r\n"
    "To: sales@ourcorp.co.jp\r\n"
    "Subject: %s\r\n"
    "Date: Mon, 23 Nov 2026 10:15:00 +0900\r\n"
    "MIME-Version: 1.0\r\n"
    "Content-Type: multipart/mixed; boundary=\"b1\"\r\n\r\n"
    "--b1\r\nContent-Type: text/plain; charset=UTF-8\r\n\r\n"
    "いつもお世話になっております。請求書をお送りいたしますので、ご確認のほどよろしくお願いいたします。\r\n"
    "--b1\r\nContent-Type: application/octet-stream; name=\"%s\"\r\n"
    "Content-Transfer-Encoding: base64\r\n"
    "Content-Disposition: attachment; filename=\"%s\"\r\n\r\n%s\r\n--b1--\r\n",
    words, words, words, words, base64);
  g_autoptr(GBytes) bytes = g_bytes_new (text, strlen (text));
  g_autoptr(GError) error = NULL;
  TaiouMailReport *report = taiou_mail_triage_data ("split.eml", bytes, &context, NULL, &error);

  g_assert_no_error (error);
  g_assert_nonnull (report);
  return report;
}

static gboolean
has_finding (TaiouMailReport *report,
             const char      *rule_id)
{
  for (guint i = 0; i < report->findings->len; i++)
    if (g_str_equal (((TaiouFinding *) report->findings->pdata[i])->rule_id, rule_id))
      return TRUE;
  return FALSE;
}

static void
check_every_cut (const char *charset,
                 char        encoding)
{
  g_autoptr(GBytes) program = taiou_test_pe_new ();
  gsize length = 0;
  g_autofree char *bytes = g_convert (NAME, -1, charset, "UTF-8", NULL, &length, NULL);

  g_assert_nonnull (bytes);
  for (gsize cut = 1; cut < length; cut++)
    {
      g_autofree char *words = split_words (charset, encoding, bytes, length, cut);
      g_autoptr(TaiouMailReport) report = triage_split_mail (words, program);
      TaiouMailAttachment *attachment;

      g_test_message ("%s %c cut at byte %" G_GSIZE_FORMAT, charset, encoding, cut);
      g_assert_cmpstr (report->subject, ==, NAME);
      g_assert_cmpstr (report->from_name, ==, NAME);
      g_assert_cmpuint (report->attachments->len, ==, 1);
      attachment = report->attachments->pdata[0];
      g_assert_cmpstr (attachment->name, ==, NAME);
      g_assert_true (has_finding (report, "attachment.double-extension"));
      g_assert_cmpint (report->verdict, ==, TAIOU_MAIL_VERDICT_DANGEROUS);
    }
}

static void
test_utf8_base64 (void)
{
  check_every_cut ("UTF-8", 'B');
}

static void
test_utf8_quoted_printable (void)
{
  check_every_cut ("UTF-8", 'Q');
}

static void
test_iso_2022_jp (void)
{
  check_every_cut ("ISO-2022-JP", 'B');
}

/* Only words next to each other are joined: text between them stays, and so do words in two
 * charsets (each decoded on its own). */
static void
test_only_adjacent_words_join (void)
{
  g_autoptr(GBytes) text = g_bytes_new_static ("x", 1);
  g_autofree char *seikyu = encode_word ("UTF-8", 'B', (const guint8 *) "請求", strlen ("請求"));
  g_autofree char *sho = encode_word ("UTF-8", 'B', (const guint8 *) "書", strlen ("書"));
  gsize length = 0;
  g_autofree char *sho_jis = g_convert ("書", -1, "ISO-2022-JP", "UTF-8", NULL, &length, NULL);
  g_autofree char *sho_jis_word = encode_word ("ISO-2022-JP", 'B', (const guint8 *) sho_jis,
                                               length);
  g_autofree char *with_text = g_strdup_printf ("%s and %s", seikyu, sho);
  g_autofree char *two_charsets = g_strdup_printf ("%s %s", seikyu, sho_jis_word);
  g_autoptr(TaiouMailReport) first = triage_split_mail (with_text, text);
  g_autoptr(TaiouMailReport) second = triage_split_mail (two_charsets, text);

  g_assert_cmpstr (first->subject, ==, "請求 and 書");
  g_assert_cmpstr (second->subject, ==, "請求書");
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/mail-encoded-words/utf-8-base64", test_utf8_base64);
  g_test_add_func ("/mail-encoded-words/utf-8-quoted-printable", test_utf8_quoted_printable);
  g_test_add_func ("/mail-encoded-words/iso-2022-jp", test_iso_2022_jp);
  g_test_add_func ("/mail-encoded-words/only-adjacent-words-join", test_only_adjacent_words_join);

  return g_test_run ();
}
