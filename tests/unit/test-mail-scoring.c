/* test-mail-scoring.c — weak signals only add to a real indicator; click trackers that carry
 * the address their link shows are not lies (issue 13)
 *
 * Every message is built here as text, synthetic.
 */
#define G_LOG_DOMAIN "test-mail-scoring"

#include "config.h"

#include <string.h>

#include "taiou-test-fixtures.h"
#include "taiou-test-util.h"

static const char * const our_domains[] = { "ourcorp.co.jp", NULL };
static const char * const our_names[] = { "株式会社アワ商事", "山田 太郎", NULL };

static TaiouMailReport *
triage_text (const char                   *text,
             const TaiouMailTriageContext *context)
{
  g_autoptr(GBytes) data = g_bytes_new (text, strlen (text));
  g_autoptr(GError) error = NULL;
  TaiouMailReport *report = taiou_mail_triage_data ("test.eml", data, context, NULL, &error);

  g_assert_no_error (error);
  g_assert_nonnull (report);
  return report;
}

static guint
count (TaiouMailReport *report,
       const char      *rule_id)
{
  guint n = 0;

  for (guint i = 0; i < report->findings->len; i++)
    if (g_str_equal (((TaiouFinding *) report->findings->pdata[i])->rule_id, rule_id))
      n++;
  return n;
}

static TaiouFinding *
finding (TaiouMailReport *report,
         const char      *rule_id)
{
  for (guint i = 0; i < report->findings->len; i++)
    if (g_str_equal (((TaiouFinding *) report->findings->pdata[i])->rule_id, rule_id))
      return report->findings->pdata[i];
  return NULL;
}

/* Every weak signal at once — a short late-night reply quoting earlier mail, with a PDF, a
 * Reply-To and a bounce address elsewhere — and then the same with a link to a bare IP. */
static char *
weak_mail (const char *extra_body)
{
  g_autofree char *pdf = g_base64_encode ((const guchar *) "%PDF-1.7\n%%EOF\n", 15);

  return g_strdup_printf ("From: =?UTF-8?B?5Lit5p2RIOiqoA==?= <m-nakamura@partner.example>\r\n"
                          "To: t-yamada@ourcorp.co.jp\r\n"
                          "Subject: Re: =?UTF-8?B?6KaL56mN5pu4?=\r\n"
                          "Date: Mon, 23 Nov 2026 23:40:00 +0900\r\n"
                          "Reply-To: keiri@billing-service.example\r\n"
                          "Return-Path: <bounce@mailer.example>\r\n"
                          "MIME-Version: 1.0\r\n"
                          "Content-Type: multipart/mixed; boundary=\"b1\"\r\n\r\n"
                          "--b1\r\nContent-Type: text/plain; charset=UTF-8\r\n\r\n"
                          "承知しました。%s\r\n\r\n> 先日の件ですが、\r\n> 資料をお願いします。\r\n"
                          "--b1\r\nContent-Type: application/pdf\r\nContent-Transfer-Encoding: base64\r\n"
                          "Content-Disposition: attachment; filename=\"mitsumori.pdf\"\r\n\r\n%s\r\n"
                          "--b1--\r\n", extra_body, pdf);
}

static void
test_weak_signals_alone (void)
{
  const TaiouMailTriageContext context = { our_domains, our_names, NULL };
  static const char * const weak[] = {
    "mail.short-body", "mail.late-night", "mail.reply-chain", "mail.reply-to-elsewhere",
    "mail.return-path-elsewhere",
  };
  g_autofree char *text = weak_mail ("");
  g_autoptr(TaiouMailReport) report = triage_text (text, &context);

  /* Each is still a reason the reader sees … */
  for (gsize i = 0; i < G_N_ELEMENTS (weak); i++)
    g_assert_cmpuint (count (report, weak[i]), ==, 1);
  g_assert_cmpuint (report->findings->len, ==, G_N_ELEMENTS (weak));
  /* … but together they are not 要注意. */
  g_assert_cmpint (report->score, ==, TAIOU_SCORE_NOTICE - 1);
  g_assert_cmpint (report->verdict, ==, TAIOU_MAIL_VERDICT_NOTHING_FOUND);
}

static void
test_weak_signals_raise_a_real_indicator (void)
{
  const TaiouMailTriageContext context = { our_domains, our_names, NULL };
  const char *ip_link = "\r\nhttp://203.0.113.45/invoice/";
  g_autofree char *weak = weak_mail (ip_link);
  g_autofree char *plain = g_strdup_printf ("From: m-nakamura@partner.example\r\nSubject: x\r\n"
                                            "Date: Mon, 23 Nov 2026 10:15:00 +0900\r\n"
                                            "Content-Type: text/plain; charset=UTF-8\r\n\r\n"
                                            "いつもお世話になっております。先日ご依頼いただいた見積書について、"
                                            "改めてご連絡いたします。%s\r\n", ip_link);
  g_autoptr(TaiouMailReport) alone = triage_text (plain, &context);
  g_autoptr(TaiouMailReport) raised = triage_text (weak, &context);

  g_assert_cmpuint (alone->findings->len, ==, 1);
  g_assert_nonnull (finding (alone, "mail.link-ip-host"));
  g_assert_cmpint (alone->verdict, ==, TAIOU_MAIL_VERDICT_SUSPICIOUS);
  g_assert_nonnull (finding (raised, "mail.link-ip-host"));
  g_assert_nonnull (finding (raised, "mail.reply-chain"));
  g_assert_cmpint (raised->score, >, alone->score);
  g_assert_cmpint (raised->verdict, >=, TAIOU_MAIL_VERDICT_SUSPICIOUS);
}

static TaiouMailReport *
triage_html (const char                   *html,
             const TaiouMailTriageContext *context)
{
  g_autofree char *text = g_strdup_printf ("From: news@partner.co.jp\r\nSubject: News\r\n"
                                           "Date: Mon, 23 Nov 2026 10:15:00 +0900\r\n"
                                           "MIME-Version: 1.0\r\n"
                                           "Content-Type: text/html; charset=UTF-8\r\n\r\n"
                                           "<p>いつもご覧いただきありがとうございます。今月の新着情報をお届けします。</p>%s\r\n",
                                           html);

  return triage_text (text, context);
}

static void
test_click_tracker_carrying_the_shown_address (void)
{
  const TaiouMailTriageContext context = { our_domains, our_names, NULL };
  /* In a parameter, in the path, wrapped again by a gateway, and with the host alone shown. */
  const char *html =
    "<a href=\"https://click.example-mail.net/?u=https%3A%2F%2Fwww.partner.co.jp%2Fnews%2F1&id=7\">"
    "https://www.partner.co.jp/news/1</a>"
    "<a href=\"https://r.example-mail.net/r/0a1b/https%3A%2F%2Fwww.partner.co.jp%2Fevent%2F\">"
    "www.partner.co.jp</a>"
    "<a href=\"https://gw.example/?url=https%3A%2F%2Fclick.example-mail.net%2F%3Fu%3Dhttps%253A"
    "%252F%252Fpartner.co.jp%252Fshop%26id%3D9&amp;data=05\">https://partner.co.jp/shop</a>"
    "<a href=\"https://t.example-mail.net/c/1?url=https://www.partner.co.jp/a?b=1&amp;s=2\">"
    "https://www.partner.co.jp/a</a>";
  g_autoptr(TaiouMailReport) report = triage_html (html, &context);

  g_assert_cmpuint (count (report, "mail.link-mismatch"), ==, 0);
  g_assert_cmpint (report->verdict, ==, TAIOU_MAIL_VERDICT_NOTHING_FOUND);
  /* The destinations are among the links the other checks look at. */
  for (guint i = 0; i < report->urls->len; i++)
    if (g_str_equal (report->urls->pdata[i], "https://partner.co.jp/shop"))
      return;
  g_assert_not_reached ();
}

static void
test_click_tracker_carrying_another_address (void)
{
  g_autoptr(TaiouIocSet) iocs = taiou_ioc_set_new ();
  const char *urlhaus = "id,dateadded,url,url_status,last_online,threat,tags,urlhaus_link,reporter\n"
                        "\"1\",\"2026-11-01 00:00:00\",\"http://drop.example/x/\",\"online\","
                        "\"\",\"malware_download\",\"emotet\",\"https://urlhaus/1\",\"t\"\n";
  g_autoptr(TaiouIocLoadReport) loaded = taiou_ioc_set_load_data (iocs, "u.csv", urlhaus,
                                                                  strlen (urlhaus),
                                                                  TAIOU_IOC_FORMAT_URLHAUS_CSV,
                                                                  NULL);
  const TaiouMailTriageContext context = { our_domains, our_names, iocs };
  const char *lying =
    "<a href=\"https://click.example-mail.net/?u=https%3A%2F%2Fpartner.login-check.example%2F\">"
    "https://www.partner.co.jp/login</a>";
  const char *both =
    "<a href=\"https://click.example-mail.net/?u=https%3A%2F%2Fwww.partner.co.jp%2F"
    "&next=https%3A%2F%2Fevil.example%2F\">https://www.partner.co.jp/</a>";
  const char *opaque = "<a href=\"https://click.example-mail.net/ls/click?upn=Zx9q\">"
                       "https://www.partner.co.jp/</a>";
  const char *to_ioc = "<a href=\"https://click.example-mail.net/?u=http%3A%2F%2Fdrop.example%2Fx%2F\">"
                       "請求書はこちら</a>";
  g_autoptr(TaiouMailReport) lie = triage_html (lying, &context);
  g_autoptr(TaiouMailReport) mixed = triage_html (both, &context);
  g_autoptr(TaiouMailReport) hidden = triage_html (opaque, &context);
  g_autoptr(TaiouMailReport) ioc = triage_html (to_ioc, &context);
  TaiouFinding *mismatch = finding (lie, "mail.link-mismatch");

  g_assert_cmpuint (loaded->n_loaded, ==, 1);
  g_assert_nonnull (mismatch);
  /* Named by where the reader really ends up, not by the tracker. */
  g_assert_nonnull (strstr (mismatch->evidence, "shows partner.co.jp but goes to "
                                                "partner.login-check.example"));
  g_assert_nonnull (strstr (mismatch->reason_ja, "partner.login-check.example"));
  g_assert_cmpint (lie->verdict, ==, TAIOU_MAIL_VERDICT_SUSPICIOUS);
  g_assert_nonnull (strstr (finding (mixed, "mail.link-mismatch")->evidence, "evil.example"));
  /* A tracker that carries no address cannot be checked: it still is a mismatch. */
  g_assert_nonnull (strstr (finding (hidden, "mail.link-mismatch")->evidence,
                            "goes to click.example-mail.net"));
  /* A listed address behind a tracker is found. */
  g_assert_nonnull (finding (ioc, "ioc.url"));
  g_assert_cmpint (ioc->verdict, ==, TAIOU_MAIL_VERDICT_DANGEROUS);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/mail-scoring/weak-signals/alone", test_weak_signals_alone);
  g_test_add_func ("/mail-scoring/weak-signals/raise-a-real-indicator",
                   test_weak_signals_raise_a_real_indicator);
  g_test_add_func ("/mail-scoring/click-tracker/shown-address",
                   test_click_tracker_carrying_the_shown_address);
  g_test_add_func ("/mail-scoring/click-tracker/another-address",
                   test_click_tracker_carrying_another_address);
  return g_test_run ();
}
