/* test-mail-triage.c — each mail indicator, with mails that must and must not trigger it
 *
 * Every message is built here as text: synthetic, with Japanese encodings produced by
 * g_convert so the parser meets ISO-2022-JP, Shift_JIS and RFC 2231 the way real mail uses
 * them. */
#define G_LOG_DOMAIN "test-mail-triage"

#include "config.h"

#include <string.h>

#include "taiou-test-fixtures.h"
#include "taiou-test-msg.h"
#include "taiou-test-util.h"

static const char * const our_domains[] = { "ourcorp.co.jp", NULL };
static const char * const our_names[] = { "株式会社アワ商事", "山田 太郎", NULL };

static const TaiouMailTriageContext context = {
  .our_domains = our_domains,
  .our_names = our_names,
};

/* An RFC 2047 encoded word of @text in @charset ("ISO-2022-JP" or "UTF-8"). */
static char *
encoded_word (const char *text,
              const char *charset)
{
  gsize length = 0;
  g_autofree char *converted = g_convert (text, -1, charset, "UTF-8", NULL, &length, NULL);
  g_autofree char *base64 = NULL;

  g_assert_nonnull (converted);
  base64 = g_base64_encode ((const guchar *) converted, length);
  return g_strdup_printf ("=?%s?B?%s?=", charset, base64);
}

/* A message with the usual headers around @extra_headers and @body (MIME headers included in
 * @extra_headers when the body is multipart). */
static TaiouMailReport *
triage (const char                   *from,
        const char                   *subject,
        const char                   *extra_headers,
        const char                   *body,
        const TaiouMailTriageContext *with_context)
{
  g_autofree char *text = g_strdup_printf ("From: %s\r\n"
                                           "To: sales@partner.example\r\n"
                                           "Subject: %s\r\n"
                                           "Date: Mon, 23 Nov 2026 10:15:00 +0900\r\n"
                                           "Message-ID: <test@example>\r\n"
                                           "%s"
                                           "\r\n"
                                           "%s",
                                           from, subject, extra_headers, body);
  g_autoptr(GBytes) data = g_bytes_new (text, strlen (text));
  g_autoptr(GError) error = NULL;
  TaiouMailReport *report = taiou_mail_triage_data ("test.eml", data, with_context, NULL, &error);

  g_assert_no_error (error);
  g_assert_nonnull (report);
  return report;
}

static TaiouFinding *
finding (TaiouMailReport *report,
         const char      *rule_id)
{
  for (guint i = 0; i < report->findings->len; i++)
    {
      TaiouFinding *candidate = report->findings->pdata[i];

      g_assert_true (g_utf8_validate (candidate->reason_ja, -1, NULL));
      if (g_str_equal (candidate->rule_id, rule_id))
        return candidate;
    }
  return NULL;
}

#define PLAIN "Content-Type: text/plain; charset=UTF-8\r\n"
#define LONG_BODY "いつもお世話になっております。先日ご依頼いただいた見積書について、担当部署で内容を確認いたしましたので、改めてご連絡いたします。\r\n"

static void
test_display_name_spoof (void)
{
  g_autofree char *name = encoded_word ("山田　太郎", "ISO-2022-JP");
  g_autofree char *spoofed = g_strdup_printf ("%s <yamada@mail.hacked.example>", name);
  g_autofree char *real = g_strdup_printf ("%s <yamada@ourcorp.co.jp>", name);
  g_autofree char *sub = g_strdup_printf ("%s <yamada@tokyo.ourcorp.co.jp>", name);
  g_autoptr(TaiouMailReport) bad = triage (spoofed, "x", PLAIN, LONG_BODY, &context);
  g_autoptr(TaiouMailReport) good = triage (real, "x", PLAIN, LONG_BODY, &context);
  g_autoptr(TaiouMailReport) subdomain = triage (sub, "x", PLAIN, LONG_BODY, &context);
  g_autoptr(TaiouMailReport) stranger = triage ("Someone <a@hacked.example>", "x", PLAIN,
                                                LONG_BODY, &context);
  TaiouFinding *spoof;

  /* The ISO-2022-JP encoded word is decoded, full-width space and all. */
  g_assert_cmpstr (bad->from_name, ==, "山田　太郎");
  g_assert_cmpstr (bad->from_address, ==, "yamada@mail.hacked.example");
  spoof = finding (bad, "mail.display-name-spoof");
  g_assert_nonnull (spoof);
  g_assert_cmpint (spoof->score, ==, 80);
  g_assert_nonnull (strstr (spoof->reason_ja, "mail.hacked.example"));
  g_assert_cmpint (bad->verdict, ==, TAIOU_MAIL_VERDICT_DANGEROUS);

  g_assert_null (finding (good, "mail.display-name-spoof"));
  g_assert_null (finding (subdomain, "mail.display-name-spoof"));
  g_assert_null (finding (stranger, "mail.display-name-spoof"));
  g_assert_cmpint (good->verdict, ==, TAIOU_MAIL_VERDICT_NOTHING_FOUND);
}

static void
test_address_in_display_name (void)
{
  g_autoptr(TaiouMailReport) bad = triage ("\"tanaka@partner.example\" <bot@hacked.example>", "x",
                                           PLAIN, LONG_BODY, &context);
  g_autoptr(TaiouMailReport) same = triage ("\"bot@hacked.example\" <bot@hacked.example>", "x",
                                            PLAIN, LONG_BODY, &context);

  g_assert_nonnull (finding (bad, "mail.display-name-address"));
  g_assert_null (finding (same, "mail.display-name-address"));
}

static void
test_reply_to_and_return_path (void)
{
  g_autoptr(TaiouMailReport) bad = triage ("a@partner.example", "x",
                                           PLAIN "Reply-To: collect@elsewhere.example\r\n"
                                           "Return-Path: <bounce@bulk.example>\r\n",
                                           LONG_BODY, &context);
  g_autoptr(TaiouMailReport) good = triage ("a@partner.example", "x",
                                            PLAIN "Reply-To: support@help.partner.example\r\n"
                                            "Return-Path: <a@partner.example>\r\n",
                                            LONG_BODY, &context);

  g_assert_cmpstr (bad->reply_to, ==, "collect@elsewhere.example");
  g_assert_cmpstr (bad->return_path, ==, "bounce@bulk.example");
  g_assert_cmpint (finding (bad, "mail.reply-to-elsewhere")->score, ==, 50);
  g_assert_cmpint (finding (bad, "mail.return-path-elsewhere")->score, ==, 30);
  g_assert_null (finding (good, "mail.reply-to-elsewhere"));
  g_assert_null (finding (good, "mail.return-path-elsewhere"));
}

static void
test_lookalike_domain (void)
{
  const char *lookalikes[] = {
    "x@0urcorp.co.jp", "x@ourcorp-co.jp", "x@ourcrop.co.jp", "x@ourcorp.jp", "x@ourc0rp.com",
  };
  const char *others[] = { "x@ourcorp.co.jp", "x@mail.ourcorp.co.jp", "x@partner.example" };

  for (gsize i = 0; i < G_N_ELEMENTS (lookalikes); i++)
    {
      g_autoptr(TaiouMailReport) report = triage (lookalikes[i], "x", PLAIN, LONG_BODY, &context);

      g_assert_nonnull (finding (report, "mail.lookalike-domain"));
    }
  for (gsize i = 0; i < G_N_ELEMENTS (others); i++)
    {
      g_autoptr(TaiouMailReport) report = triage (others[i], "x", PLAIN, LONG_BODY, &context);

      g_assert_null (finding (report, "mail.lookalike-domain"));
    }
}

static void
test_reply_chain (void)
{
  const char *quoted = "ご確認をお願いします。添付の通りです。よろしくお願いいたします。\r\n\r\n"
                       "> 先日の件ですが、\r\n> 来週の打ち合わせで決めましょう。\r\n";
  g_autofree char *subject = encoded_word ("RE: 見積書の件", "ISO-2022-JP");
  g_autoptr(TaiouMailReport) hijack = triage ("a@partner.example", subject, PLAIN, quoted,
                                              &context);
  g_autoptr(TaiouMailReport) fresh = triage ("a@partner.example", "見積書の件", PLAIN, quoted,
                                             &context);
  g_autoptr(TaiouMailReport) unquoted = triage ("a@partner.example", "Re: 見積書の件", PLAIN,
                                                LONG_BODY, &context);

  g_assert_cmpstr (hijack->subject, ==, "RE: 見積書の件");
  g_assert_nonnull (finding (hijack, "mail.reply-chain"));
  g_assert_null (finding (fresh, "mail.reply-chain"));
  g_assert_null (finding (unquoted, "mail.reply-chain"));
}

#define MIXED "MIME-Version: 1.0\r\nContent-Type: multipart/mixed; boundary=\"b1\"\r\n"

static char *
with_attachment (const char *body,
                 const char *disposition_name,
                 const char *content)
{
  g_autofree char *base64 = g_base64_encode ((const guchar *) content, strlen (content));

  return g_strdup_printf ("--b1\r\n" PLAIN "\r\n%s\r\n"
                          "--b1\r\nContent-Type: application/zip\r\n"
                          "Content-Transfer-Encoding: base64\r\n"
                          "Content-Disposition: attachment; %s\r\n\r\n%s\r\n--b1--\r\n",
                          body, disposition_name, base64);
}

static void
test_short_body (void)
{
  g_autofree char *short_mail = with_attachment ("ご確認ください。", "filename=\"a.zip\"", "PK");
  g_autofree char *long_mail = with_attachment (LONG_BODY, "filename=\"a.zip\"", "PK");
  g_autoptr(TaiouMailReport) bad = triage ("a@partner.example", "x", MIXED, short_mail, &context);
  g_autoptr(TaiouMailReport) good = triage ("a@partner.example", "x", MIXED, long_mail, &context);
  g_autoptr(TaiouMailReport) nothing_to_open = triage ("a@partner.example", "x", PLAIN,
                                                       "了解です。", &context);

  g_assert_nonnull (finding (bad, "mail.short-body"));
  /* A weak signal: said, but alone it is not 要注意 (issue 13). */
  g_assert_cmpint (bad->verdict, ==, TAIOU_MAIL_VERDICT_NOTHING_FOUND);
  g_assert_cmpint (bad->score, <, TAIOU_SCORE_NOTICE);
  g_assert_null (finding (good, "mail.short-body"));
  g_assert_null (finding (nothing_to_open, "mail.short-body"));
}

static void
test_late_night (void)
{
  const char *text = "From: a@partner.example\r\nSubject: x\r\n"
                     "Date: Mon, 23 Nov 2026 23:40:00 +0900\r\n" PLAIN "\r\n" LONG_BODY;
  g_autoptr(GBytes) data = g_bytes_new_static (text, strlen (text));
  g_autoptr(TaiouMailReport) night = taiou_mail_triage_data ("n.eml", data, &context, NULL, NULL);
  g_autoptr(TaiouMailReport) day = triage ("a@partner.example", "x", PLAIN, LONG_BODY, &context);

  g_assert_nonnull (finding (night, "mail.late-night"));
  g_assert_cmpint (g_date_time_get_hour (night->date), ==, 23);
  g_assert_null (finding (day, "mail.late-night"));
}

static void
test_links (void)
{
  const char *html = "MIME-Version: 1.0\r\nContent-Type: text/html; charset=UTF-8\r\n";
  const char *body =
    "<p>いつもお世話になっております。請求書をお送りします。ご確認のほどよろしくお願いいたします。</p>"
    "<a href=\"http://evil.example/inv\">https://www.ourcorp.co.jp/invoice</a>"
    "<a href='https://ourcorp.co.jp/about'>ourcorp.co.jp</a>"
    "<a href=\"http://192.0.2.10/doc\">こちら</a>"
    "<a href=\"https://files.example/請求書.zip\">ダウンロード</a>";
  g_autoptr(TaiouMailReport) report = triage ("a@partner.example", "x", html, body, &context);
  TaiouFinding *mismatch = finding (report, "mail.link-mismatch");

  g_assert_cmpuint (report->urls->len, ==, 4);
  g_assert_nonnull (mismatch);
  g_assert_nonnull (strstr (mismatch->evidence, "shows ourcorp.co.jp but goes to evil.example"));
  g_assert_nonnull (finding (report, "mail.link-ip-host"));
  g_assert_nonnull (strstr (finding (report, "mail.link-download")->evidence, ".zip"));
  /* Only the lying link is a mismatch. */
  for (guint i = 0, n = 0; i < report->findings->len; i++)
    if (g_str_equal (((TaiouFinding *) report->findings->pdata[i])->rule_id, "mail.link-mismatch"))
      g_assert_cmpuint (++n, ==, 1);
}

/* filename*=CHARSET''percent-encoded-bytes */
static char *
rfc2231_name (const char *name,
              const char *charset)
{
  gsize length = 0;
  g_autofree char *converted = g_convert (name, -1, charset, "UTF-8", NULL, &length, NULL);
  g_autofree char *escaped = NULL;

  g_assert_nonnull (converted);
  escaped = g_uri_escape_bytes ((const guint8 *) converted, length, NULL);
  return g_strdup_printf ("filename*=%s''%s", charset, escaped);
}

static void
test_iocs (void)
{
  g_autoptr(TaiouIocSet) iocs = taiou_ioc_set_new ();
  g_autofree char *hash = g_compute_checksum_for_string (G_CHECKSUM_SHA256, "EVILZIP", -1);
  g_autofree char *hashes = g_strdup_printf ("%s;100;Test Emotet zip\n", hash);
  const char *urlhaus = "id,dateadded,url,url_status,last_online,threat,tags,urlhaus_link,reporter\n"
                        "\"1\",\"2022-03-01 00:00:00\",\"http://drop.example/x/\",\"online\","
                        "\"\",\"malware_download\",\"emotet\",\"https://urlhaus/1\",\"t\"\n";
  g_autoptr(TaiouIocLoadReport) hash_report = NULL;
  g_autoptr(TaiouIocLoadReport) url_report = NULL;
  TaiouMailTriageContext with_iocs = context;
  g_autofree char *name = rfc2231_name ("請求書.zip", "ISO-2022-JP");
  g_autofree char *mail = NULL;
  g_autofree char *clean_mail = with_attachment (LONG_BODY, "filename=\"a.zip\"", "CLEAN");
  g_autoptr(TaiouMailReport) report = NULL;
  g_autoptr(TaiouMailReport) clean = NULL;
  TaiouMailAttachment *attachment;
  TaiouFinding *hash_finding;

  hash_report = taiou_ioc_set_load_data (iocs, "h.txt", hashes, strlen (hashes),
                                         TAIOU_IOC_FORMAT_LOKI_HASH, NULL);
  url_report = taiou_ioc_set_load_data (iocs, "u.csv", urlhaus, strlen (urlhaus),
                                        TAIOU_IOC_FORMAT_URLHAUS_CSV, NULL);
  g_assert_cmpuint (hash_report->n_loaded + url_report->n_loaded, ==, 2);
  with_iocs.iocs = iocs;

  mail = with_attachment (LONG_BODY "http://drop.example/x/\r\n", name, "EVILZIP");
  report = triage ("a@partner.example", "x", MIXED, mail, &with_iocs);
  g_assert_cmpuint (report->attachments->len, ==, 1);
  attachment = report->attachments->pdata[0];
  /* RFC 2231 in ISO-2022-JP: 「請求書.zip」. */
  g_assert_cmpstr (attachment->name, ==, "請求書.zip");
  g_assert_cmpstr (attachment->sha256, ==, hash);
  g_assert_cmpuint (attachment->size, ==, 7);
  hash_finding = finding (report, "ioc.sha256");
  g_assert_nonnull (hash_finding);
  g_assert_cmpstr (hash_finding->sha256, ==, hash);
  g_assert_nonnull (finding (report, "ioc.url"));
  g_assert_cmpint (report->verdict, ==, TAIOU_MAIL_VERDICT_DANGEROUS);
  g_assert_cmpint (report->score, ==, 100);

  clean = triage ("a@partner.example", "x", MIXED, clean_mail, &with_iocs);
  g_assert_null (finding (clean, "ioc.sha256"));
  g_assert_cmpint (clean->verdict, ==, TAIOU_MAIL_VERDICT_NOTHING_FOUND);
}

static void
test_shift_jis_and_nested_message (void)
{
  g_autofree char *sjis_body = g_convert (LONG_BODY, -1, "CP932", "UTF-8", NULL, NULL, NULL);
  g_autofree char *inner_subject = encoded_word ("転送: 請求書", "UTF-8");
  g_autofree char *body = g_strdup_printf ("--b1\r\nContent-Type: text/plain; charset=Shift_JIS\r\n"
                                           "\r\n%s\r\n"
                                           "--b1\r\nContent-Type: message/rfc822\r\n\r\n"
                                           "From: x@hacked.example\r\nSubject: %s\r\n"
                                           "MIME-Version: 1.0\r\n"
                                           "Content-Type: multipart/mixed; boundary=\"b2\"\r\n\r\n"
                                           "--b2\r\n" PLAIN "\r\n本文\r\n"
                                           "--b2\r\nContent-Type: application/octet-stream\r\n"
                                           "Content-Disposition: attachment; filename=\"a.lnk\"\r\n"
                                           "\r\nL\r\n--b2--\r\n"
                                           "--b1--\r\n",
                                           sjis_body, inner_subject);
  g_autoptr(TaiouMailReport) report = triage ("a@partner.example", "x", MIXED, body, &context);
  TaiouMailAttachment *attachment;

  g_assert_cmpuint (report->attachments->len, ==, 1);
  attachment = report->attachments->pdata[0];
  g_assert_cmpstr (attachment->path, ==, "転送: 請求書.eml/a.lnk");
  /* The Shift_JIS body was read as the body: it is long, so not a short-body finding. */
  g_assert_null (finding (report, "mail.short-body"));
}

/* A body in each charset, valid or with a stray byte, is read whole: its link is found and it
 * is long, so no short-body finding.  Valid UTF-8 and other charsets take a fast way, text with
 * invalid bytes GMime's filter, which drops those bytes and keeps the rest. */
static void
test_body_charsets (void)
{
  static const struct {
    const char *charset;
    const char *encode_as;   /* NULL: the UTF-8 as it is */
    const char *stray;       /* bytes put before the link, after conversion */
    gboolean    nul;         /* a NUL byte there instead */
  } cases[] = {
    { "UTF-8", NULL, "", FALSE },
    { "utf8", NULL, "", FALSE },
    { "UTF-8", NULL, "\xff", FALSE },
    { "us-ascii", NULL, "\xc3", FALSE },
    { "ISO-2022-JP", "ISO-2022-JP", "", FALSE },
    { "Shift_JIS", "CP932", "", FALSE },
    { "Shift_JIS", "CP932", "\x81", FALSE },
    { "EUC-JP", "EUC-JP", "", FALSE },
    { "x-no-such-charset", NULL, "", FALSE },
    /* A NUL must not end the text there and hide the link after it. */
    { "UTF-8", NULL, "", TRUE },
    { "ISO-2022-JP", "ISO-2022-JP", "", TRUE },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *converted = cases[i].encode_as != NULL
        ? g_convert (LONG_BODY, -1, cases[i].encode_as, "UTF-8", NULL, NULL, NULL)
        : g_strdup (LONG_BODY);
      g_autoptr(GString) mail = g_string_new (NULL);
      g_autoptr(GBytes) data = NULL;
      g_autoptr(TaiouMailReport) report = NULL;
      g_autoptr(GError) error = NULL;

      g_test_message ("charset %s, stray \"%s\"%s", cases[i].charset, cases[i].stray,
                      cases[i].nul ? ", NUL" : "");
      g_assert_nonnull (converted);
      g_string_append_printf (mail, "From: a@partner.example\r\nTo: sales@partner.example\r\n"
                              "Subject: x\r\nDate: Mon, 23 Nov 2026 10:15:00 +0900\r\n"
                              "Message-ID: <test@example>\r\nMIME-Version: 1.0\r\n"
                              "Content-Type: text/plain; charset=%s\r\n\r\n%s%s",
                              cases[i].charset, converted, cases[i].stray);
      if (cases[i].nul)
        g_string_append_c (mail, '\0');
      g_string_append (mail, " http://198.51.100.7/invoice\r\n");
      data = g_bytes_new (mail->str, mail->len);
      report = taiou_mail_triage_data ("test.eml", data, &context, NULL, &error);
      g_assert_no_error (error);
      g_assert_cmpuint (report->urls->len, ==, 1);
      g_assert_nonnull (finding (report, "mail.link-ip-host"));
      g_assert_null (finding (report, "mail.short-body"));
    }
}

static void
test_mbox_and_errors (void)
{
  const char *mbox = "From MAILER-DAEMON Mon Nov 23 10:00:00 2026\n"
                     "From: a@partner.example\nSubject: first\n\nbody\n\n"
                     "From MAILER-DAEMON Mon Nov 23 10:01:00 2026\n"
                     "From: b@partner.example\nSubject: second\n\nbody\n";
  g_autoptr(GBytes) mbox_data = g_bytes_new_static (mbox, strlen (mbox));
  g_autoptr(GBytes) junk = g_bytes_new_static ("\x89PNG\r\n\x1a\n", 8);
  g_autoptr(GError) error = NULL;
  g_autoptr(TaiouMailReport) first = taiou_mail_triage_data ("box.mbox", mbox_data, NULL, NULL,
                                                             &error);
  g_autoptr(TaiouMailReport) none = NULL;
  g_autoptr(TaiouMailReport) missing = NULL;

  g_assert_no_error (error);
  g_assert_cmpstr (first->subject, ==, "first");
  none = taiou_mail_triage_data ("picture.png", junk, NULL, NULL, &error);
  g_assert_error (error, TAIOU_MAIL_ERROR, TAIOU_MAIL_ERROR_FORMAT);
  g_assert_null (none);
  g_clear_error (&error);
  missing = taiou_mail_triage_file ("/nonexistent/x.eml", NULL, NULL, &error);
  g_assert_error (error, TAIOU_MAIL_ERROR, TAIOU_MAIL_ERROR_READ);
  g_assert_null (missing);
}

/* A mail carrying @content as @name (RFC 2231 UTF-8), with @body. */
static TaiouMailReport *
triage_with_attachment (const char *body,
                        const char *name,
                        GBytes     *content)
{
  gsize size;
  const guint8 *data = g_bytes_get_data (content, &size);
  g_autofree char *base64 = g_base64_encode (data, size);
  g_autofree char *escaped = g_uri_escape_string (name, NULL, FALSE);
  g_autofree char *mail = g_strdup_printf ("--b1\r\n" PLAIN "\r\n%s\r\n"
                                           "--b1\r\nContent-Type: application/octet-stream\r\n"
                                           "Content-Transfer-Encoding: base64\r\n"
                                           "Content-Disposition: attachment; "
                                           "filename*=UTF-8''%s\r\n\r\n%s\r\n--b1--\r\n",
                                           body, escaped, base64);

  return triage ("a@partner.example", "x", MIXED, mail, &context);
}

/* The attachment classifier's findings reach the mail's verdict, and it sees the body. */
static void
test_attachment_indicators (void)
{
  g_autoptr(GBytes) pe = taiou_test_pe_new ();
  g_autoptr(GBytes) text = g_bytes_new_static ("見積書です", strlen ("見積書です"));
  TaiouTestMember member = { "請求書.doc", text };
  g_autoptr(GBytes) encrypted = taiou_test_zip_new (&member, 1, "zipcrypt", "Kx93pQ");
  g_autoptr(TaiouMailReport) program = NULL;
  g_autoptr(TaiouMailReport) password = NULL;
  g_autoptr(TaiouMailReport) no_password = NULL;
  TaiouMailAttachment *attachment;

  program = triage_with_attachment (LONG_BODY, "請求書.pdf.exe", pe);
  g_assert_nonnull (finding (program, "attachment.double-extension"));
  g_assert_cmpint (program->verdict, ==, TAIOU_MAIL_VERDICT_DANGEROUS);
  attachment = program->attachments->pdata[0];
  g_assert_cmpstr (attachment->kind, ==, taiou_attachment_type_to_string (TAIOU_ATTACHMENT_TYPE_PE));

  password = triage_with_attachment (LONG_BODY "解凍パスワード: Kx93pQ\r\n", "請求書.zip", encrypted);
  g_assert_nonnull (finding (password, "attachment.zip-password-in-body"));
  g_assert_cmpint (password->verdict, ==, TAIOU_MAIL_VERDICT_DANGEROUS);
  no_password = triage_with_attachment (LONG_BODY, "請求書.zip", encrypted);
  g_assert_null (finding (no_password, "attachment.zip-password-in-body"));
  g_assert_nonnull (finding (no_password, "attachment.encrypted-zip"));
}

/* An Outlook .msg goes through the same checks as an .eml. */
static void
test_outlook_msg (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) data = NULL;
  g_autoptr(GBytes) fake_doc = taiou_test_msg_build_fake_doc ();
  g_autoptr(TaiouMailReport) report = NULL;
  g_autoptr(TaiouMailReport) doc = NULL;
  TaiouTestMsg *msg = taiou_test_msg_new ();
  static const char * const domains[] = { "ourcorp.co.jp", NULL };
  static const char * const names[] = { "山田 太郎", NULL };
  const TaiouMailTriageContext msg_context = { domains, names, NULL };

  taiou_test_msg_set_unicode (msg, 0x0037, TAIOU_TEST_MSG_SUBJECT);
  taiou_test_msg_set_unicode (msg, 0x0C1A, TAIOU_TEST_MSG_SENDER_NAME);
  taiou_test_msg_set_unicode (msg, 0x5D01, "yamada@mail.hacked.example");
  taiou_test_msg_set_unicode (msg, 0x1000, "ご確認ください。");
  taiou_test_msg_add_attachment (msg, TAIOU_TEST_MSG_ZIP_NAME, "application/zip", "PK\3\4", 4);
  data = taiou_test_msg_build (msg);
  taiou_test_msg_free (msg);

  report = taiou_mail_triage_data ("invoice.msg", data, &msg_context, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (report->subject, ==, TAIOU_TEST_MSG_SUBJECT);
  g_assert_cmpstr (report->from_address, ==, "yamada@mail.hacked.example");
  g_assert_cmpuint (report->attachments->len, ==, 1);
  g_assert_cmpstr (((TaiouMailAttachment *) report->attachments->pdata[0])->name, ==,
                   TAIOU_TEST_MSG_ZIP_NAME);
  g_assert_nonnull (finding (report, "mail.display-name-spoof"));
  g_assert_nonnull (finding (report, "mail.short-body"));
  g_assert_cmpint (report->verdict, ==, TAIOU_MAIL_VERDICT_DANGEROUS);

  /* An OLE2 file that is not a message (a Word .doc) is not mail. */
  doc = taiou_mail_triage_data ("x.doc", fake_doc, NULL, NULL, &error);
  g_assert_error (error, TAIOU_MAIL_ERROR, TAIOU_MAIL_ERROR_FORMAT);
  g_assert_null (doc);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/mail-triage/sender/display-name-spoof", test_display_name_spoof);
  g_test_add_func ("/mail-triage/sender/address-in-display-name", test_address_in_display_name);
  g_test_add_func ("/mail-triage/sender/reply-to-and-return-path", test_reply_to_and_return_path);
  g_test_add_func ("/mail-triage/sender/lookalike-domain", test_lookalike_domain);
  g_test_add_func ("/mail-triage/content/reply-chain", test_reply_chain);
  g_test_add_func ("/mail-triage/content/short-body", test_short_body);
  g_test_add_func ("/mail-triage/content/late-night", test_late_night);
  g_test_add_func ("/mail-triage/links", test_links);
  g_test_add_func ("/mail-triage/iocs", test_iocs);
  g_test_add_func ("/mail-triage/shift-jis-and-nested", test_shift_jis_and_nested_message);
  g_test_add_func ("/mail-triage/body-charsets", test_body_charsets);
  g_test_add_func ("/mail-triage/mbox-and-errors", test_mbox_and_errors);
  g_test_add_func ("/mail-triage/outlook-msg", test_outlook_msg);
  g_test_add_func ("/mail-triage/attachment-indicators", test_attachment_indicators);
  return g_test_run ();
}
