/* test-mail-authres.c — Authentication-Results (RFC 8601): the grammar, hostile headers, and
 * which results the mail check believes
 *
 * Every header and mail is written here; the servers and domains are made up. */
#define G_LOG_DOMAIN "test-mail-authres"

#include "config.h"

#include <string.h>

#include "taiou-test-fixtures.h"
#include "taiou-test-util.h"

static TaiouAuthres *
parse (const char *value)
{
  g_autoptr(GError) error = NULL;
  TaiouAuthres *authres = taiou_mail_authres_parse (value, &error);

  g_assert_no_error (error);
  g_assert_nonnull (authres);
  return authres;
}

static TaiouAuthresResult *
result_at (TaiouAuthres *authres,
           guint         index)
{
  g_assert_cmpuint (index, <, authres->results->len);
  return authres->results->pdata[index];
}

static void
test_parse_rfc_examples (void)
{
  /* RFC 8601 appendix B. */
  g_autoptr(TaiouAuthres) spf = parse ("example.com; spf=pass smtp.mailfrom=example.net");
  g_autoptr(TaiouAuthres) dkim = parse ("example.com;\r\n"
                                        "          dkim=pass (good signature) header.d=example.com");
  g_autoptr(TaiouAuthres) several = parse ("example.com 1;\r\n"
                                           "    auth=pass (cram-md5) smtp.auth=sender@example.net;\r\n"
                                           "    spf=pass smtp.mailfrom=example.net\r\n");
  g_autoptr(TaiouAuthres) versioned = parse ("example.com;\r\n"
                                             "  dkim/1=pass header.i=@mail-router.example.net;\r\n"
                                             "  dkim=fail header.i=@newyork.example.com");
  g_autoptr(TaiouAuthres) none = parse ("example.org 1; none");

  g_assert_cmpstr (spf->authserv_id, ==, "example.com");
  g_assert_cmpuint (spf->results->len, ==, 1);
  g_assert_cmpstr (result_at (spf, 0)->method, ==, "spf");
  g_assert_cmpstr (result_at (spf, 0)->result, ==, "pass");
  g_assert_cmpstr (taiou_mail_authres_result_get (result_at (spf, 0), "smtp.mailfrom"), ==,
                   "example.net");
  g_assert_cmpstr (taiou_mail_authres_result_get (result_at (dkim, 0), "header.d"), ==,
                   "example.com");
  g_assert_cmpuint (several->results->len, ==, 2);
  g_assert_cmpstr (taiou_mail_authres_result_get (result_at (several, 0), "smtp.auth"), ==,
                   "sender@example.net");
  g_assert_cmpstr (result_at (versioned, 0)->method, ==, "dkim");
  g_assert_cmpstr (result_at (versioned, 1)->result, ==, "fail");
  g_assert_cmpstr (taiou_mail_authres_result_get (result_at (versioned, 1), "header.i"), ==,
                   "@newyork.example.com");
  g_assert_cmpuint (none->results->len, ==, 0);
  g_assert_cmpuint (none->n_skipped, ==, 0);
}

static void
test_parse_comments_quotes_and_case (void)
{
  g_autoptr(TaiouAuthres) authres = NULL;
  TaiouAuthresResult *dmarc;

  authres = parse ("  (our relay) \"MX.OurCorp.co.jp\" (it (really) is);"
                   " SPF=SoftFail (domain of (transitioning) a@b does not designate)"
                   " smtp.mailfrom=\"john smith\"@ourcorp.co.jp;"
                   " dmarc = fail reason=\"p=reject; sp=none\" header . from = ourcorp.co.jp ;"
                   " dkim=pass header.b=Ab12+/= header.d=partner.example;");
  g_assert_cmpstr (authres->authserv_id, ==, "mx.ourcorp.co.jp");
  g_assert_cmpuint (authres->results->len, ==, 3);
  g_assert_cmpstr (result_at (authres, 0)->method, ==, "spf");
  g_assert_cmpstr (result_at (authres, 0)->result, ==, "softfail");
  g_assert_cmpstr (taiou_mail_authres_result_get (result_at (authres, 0), "smtp.mailfrom"), ==,
                   "john smith@ourcorp.co.jp");
  dmarc = result_at (authres, 1);
  /* A ";" inside a quoted reason does not end the result. */
  g_assert_cmpstr (dmarc->reason, ==, "p=reject; sp=none");
  g_assert_cmpstr (taiou_mail_authres_result_get (dmarc, "HEADER.FROM"), ==, "ourcorp.co.jp");
  g_assert_cmpstr (taiou_mail_authres_result_get (result_at (authres, 2), "header.b"), ==,
                   "Ab12+/=");
  g_assert_null (taiou_mail_authres_result_get (dmarc, "smtp.mailfrom"));
}

static void
test_parse_without_authserv_id (void)
{
  /* Some servers write the results straight away; such a header can never be trusted. */
  g_autoptr(TaiouAuthres) authres = parse ("spf=pass (sender IP is 192.0.2.1)"
                                           " smtp.mailfrom=partner.example; dkim=pass"
                                           " (signature was verified) header.d=partner.example;"
                                           "dmarc=pass action=none header.from=partner.example;"
                                           "compauth=pass reason=100");
  const char * const trusted[] = { "spf", "partner.example", NULL };

  g_assert_null (authres->authserv_id);
  g_assert_cmpuint (authres->results->len, ==, 4);
  g_assert_cmpstr (result_at (authres, 2)->method, ==, "dmarc");
  g_assert_cmpstr (result_at (authres, 3)->reason, ==, "100");
  g_assert_false (taiou_mail_authres_is_trusted (authres, trusted));
}

static void
test_parse_skips_broken_results (void)
{
  g_autoptr(TaiouAuthres) authres = parse ("mx.example.net; spf=pass; ==junk (x); dkim;"
                                           " dmarc=fail header.from=a.example; ;;"
                                           " iprev=pass policy.iprev=192.0.2.1 stray");

  g_assert_cmpuint (authres->results->len, ==, 2);
  g_assert_cmpstr (result_at (authres, 0)->method, ==, "spf");
  g_assert_cmpstr (result_at (authres, 1)->method, ==, "dmarc");
  g_assert_cmpuint (authres->n_skipped, ==, 3);
}

static void
assert_refused (const char            *value,
                TaiouMailAuthresError  code)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TaiouAuthres) authres = taiou_mail_authres_parse (value, &error);

  g_assert_null (authres);
  g_assert_error (error, TAIOU_MAIL_AUTHRES_ERROR, (int) code);
}

static void
test_parse_hostile (void)
{
  g_autofree char *long_value = g_strnfill (TAIOU_MAIL_AUTHRES_MAX_LENGTH + 1, 'a');
  g_autoptr(GString) many_results = g_string_new ("mx.example.net");
  g_autoptr(GString) many_properties = g_string_new ("mx.example.net; dkim=pass");
  g_autoptr(GString) deep = g_string_new ("mx.example.net ");

  for (guint i = 0; i <= TAIOU_MAIL_AUTHRES_MAX_RESULTS; i++)
    g_string_append (many_results, "; spf=pass");
  for (guint i = 0; i <= TAIOU_MAIL_AUTHRES_MAX_PROPERTIES; i++)
    g_string_append_printf (many_properties, " header.p%u=x", i);
  for (guint i = 0; i <= TAIOU_MAIL_AUTHRES_MAX_COMMENT_DEPTH; i++)
    g_string_append_c (deep, '(');
  for (guint i = 0; i <= TAIOU_MAIL_AUTHRES_MAX_COMMENT_DEPTH; i++)
    g_string_append_c (deep, ')');
  g_string_append (deep, "; spf=pass");

  assert_refused (long_value, TAIOU_MAIL_AUTHRES_ERROR_TOO_LARGE);
  assert_refused (many_results->str, TAIOU_MAIL_AUTHRES_ERROR_TOO_LARGE);
  assert_refused (many_properties->str, TAIOU_MAIL_AUTHRES_ERROR_TOO_LARGE);
  assert_refused (deep->str, TAIOU_MAIL_AUTHRES_ERROR_TOO_LARGE);
  assert_refused ("mx.example.net (unclosed; spf=pass", TAIOU_MAIL_AUTHRES_ERROR_MALFORMED);
  assert_refused ("mx.example.net; spf=pass smtp.mailfrom=\xff", TAIOU_MAIL_AUTHRES_ERROR_MALFORMED);
  assert_refused ("mx.example.net; spf=pass\x01", TAIOU_MAIL_AUTHRES_ERROR_MALFORMED);
  assert_refused ("", TAIOU_MAIL_AUTHRES_ERROR_MALFORMED);
  assert_refused (" ; spf=pass", TAIOU_MAIL_AUTHRES_ERROR_MALFORMED);
  assert_refused ("\"mx.example.net; spf=pass", TAIOU_MAIL_AUTHRES_ERROR_MALFORMED);
}

/* Whatever the bytes, the parser answers and never reads past the end (ASan, Valgrind). */
static void
test_parse_random_input (void)
{
  static const char alphabet[] = "abcdefmx.-=;()\"\\/ @\t\r\n0123456789";

  for (guint round = 0; round < 3000; round++)
    {
      guint length = g_test_rand_int_range (0, 120);
      g_autofree char *value = g_malloc (length + 1);
      g_autoptr(TaiouAuthres) authres = NULL;

      for (guint i = 0; i < length; i++)
        value[i] = alphabet[g_test_rand_int_range (0, sizeof alphabet - 1)];
      value[length] = '\0';
      authres = taiou_mail_authres_parse (value, NULL);
      if (authres != NULL)
        g_assert_cmpuint (authres->results->len, <=, TAIOU_MAIL_AUTHRES_MAX_RESULTS);
    }
}

static void
test_trusted_ids (void)
{
  g_autoptr(TaiouAuthres) authres = parse ("MX.OurCorp.CO.JP; dmarc=pass");
  const char * const trusted[] = { "", " mx.ourcorp.co.jp ", NULL };
  const char * const others[] = { "mx.ourcorp.co", "ourcorp.co.jp", NULL };
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) ids = NULL;
  g_auto(GStrv) empty = NULL;
  g_auto(GStrv) bad = NULL;

  g_assert_true (taiou_mail_authres_is_trusted (authres, trusted));
  g_assert_false (taiou_mail_authres_is_trusted (authres, others));
  g_assert_false (taiou_mail_authres_is_trusted (authres, NULL));

  /* As typed in Preferences: commas, Japanese commas, spaces, any case; duplicates once. */
  ids = taiou_mail_authserv_ids_parse ("MX.OurCorp.co.jp、 mx2.ourcorp.co.jp\n"
                                       "mx.ourcorp.co.jp,,", &error);
  g_assert_no_error (error);
  g_assert_cmpstrv (ids, ((const char * const[]) { "mx.ourcorp.co.jp", "mx2.ourcorp.co.jp",
                                                   NULL }));
  empty = taiou_mail_authserv_ids_parse (" , ", &error);
  g_assert_no_error (error);
  g_assert_cmpstrv (empty, ((const char * const[]) { NULL }));
  bad = taiou_mail_authserv_ids_parse ("mx.ourcorp.co.jp, mx(2)", &error);
  g_assert_null (bad);
  g_assert_error (error, TAIOU_MAIL_AUTHRES_ERROR, TAIOU_MAIL_AUTHRES_ERROR_INVALID_ID);
  g_assert_nonnull (strstr (error->message, "mx(2)"));
}

/* The mail check, with our domain and our receiving server set. */
static const char * const our_domains[] = { "ourcorp.co.jp", NULL };
static const char * const trusted_ids[] = { "mx.ourcorp.co.jp", NULL };

#define LONG_BODY "いつもお世話になっております。先日の打ち合わせの件、議事録をまとめましたので" \
                  "ご確認ください。ご不明な点がございましたらご連絡ください。\r\n"

static TaiouMailReport *
triage_full (const char *from,
             const char *authres_headers,
             const char *content,
             gboolean    trusted)
{
  TaiouMailTriageContext context = {
    .our_domains = our_domains,
    .trusted_authserv_ids = trusted ? trusted_ids : NULL,
  };
  g_autofree char *text = g_strdup_printf ("%s"
                                           "From: %s\r\n"
                                           "To: keiri@ourcorp.co.jp\r\n"
                                           "Subject: =?UTF-8?B?6KuL5rGC5pu4?=\r\n"
                                           "Date: Mon, 23 Nov 2026 10:15:00 +0900\r\n"
                                           "MIME-Version: 1.0\r\n"
                                           "%s",
                                           authres_headers, from, content);
  g_autoptr(GBytes) data = g_bytes_new (text, strlen (text));
  g_autoptr(GError) error = NULL;
  TaiouMailReport *report = taiou_mail_triage_data ("t.eml", data, &context, NULL, &error);

  g_assert_no_error (error);
  g_assert_nonnull (report);
  return report;
}

static TaiouMailReport *
triage (const char *from,
        const char *authres_headers,
        gboolean    trusted)
{
  return triage_full (from, authres_headers,
                      "Content-Type: text/plain; charset=UTF-8\r\n\r\n" LONG_BODY, trusted);
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

#define DMARC_FAIL "Authentication-Results: mx.ourcorp.co.jp;\r\n" \
                   "  spf=fail smtp.mailfrom=ourcorp.co.jp;\r\n" \
                   "  dkim=none;\r\n" \
                   "  dmarc=fail (p=reject dis=none) header.from=ourcorp.co.jp\r\n"
#define FORGED_PASS "Authentication-Results: mx.evil.example; spf=pass\r\n" \
                    "  smtp.mailfrom=ourcorp.co.jp; dkim=pass header.d=ourcorp.co.jp;\r\n" \
                    "  dmarc=pass header.from=ourcorp.co.jp\r\n"

static void
test_dmarc_fail_on_our_domain (void)
{
  g_autoptr(TaiouMailReport) trusted = triage ("山田 <yamada@ourcorp.co.jp>", DMARC_FAIL, TRUE);
  g_autoptr(TaiouMailReport) untrusted = triage ("山田 <yamada@ourcorp.co.jp>", DMARC_FAIL,
                                                 FALSE);
  g_autoptr(TaiouMailReport) partner = triage ("a@partner.example",
                                               "Authentication-Results: mx.ourcorp.co.jp;"
                                               " dmarc=fail header.from=partner.example\r\n",
                                               TRUE);
  g_autoptr(TaiouMailReport) forged_too = triage ("yamada@ourcorp.co.jp",
                                                  FORGED_PASS DMARC_FAIL, TRUE);
  TaiouFinding *dmarc = finding (trusted, "mail.dmarc-fail-our-domain");

  g_assert_nonnull (dmarc);
  g_assert_cmpint (dmarc->score, ==, 80);
  g_assert_nonnull (strstr (dmarc->reason_ja, "自社のドメイン ourcorp.co.jp"));
  g_assert_nonnull (strstr (dmarc->reason_ja, "DMARC"));
  g_assert_nonnull (strstr (dmarc->reason_en, "ourcorp.co.jp"));
  g_assert_nonnull (strstr (dmarc->evidence, "mx.ourcorp.co.jp: dmarc=fail"));
  g_assert_cmpint (trusted->verdict, ==, TAIOU_MAIL_VERDICT_DANGEROUS);
  /* The strong finding stands alone: no weaker SPF one next to it. */
  g_assert_null (finding (trusted, "mail.auth-fail-our-domain"));

  /* Not written by our server: anyone could have, so it says nothing. */
  g_assert_null (finding (untrusted, "mail.dmarc-fail-our-domain"));
  g_assert_cmpint (untrusted->verdict, ==, TAIOU_MAIL_VERDICT_NOTHING_FOUND);
  /* Only mail claiming our own domains. */
  g_assert_null (finding (partner, "mail.dmarc-fail-our-domain"));

  /* A forged pass above our server's fail changes nothing and is named as ignored. */
  dmarc = finding (forged_too, "mail.dmarc-fail-our-domain");
  g_assert_nonnull (dmarc);
  g_assert_nonnull (strstr (dmarc->evidence, "ignored, not from a trusted server: "
                                             "mx.evil.example: spf=pass, dkim=pass, dmarc=pass"));
  /* …and in Japanese, for the app under ja_JP. */
  g_assert_nonnull (strstr (dmarc->evidence_ja, "信頼するサーバーが書いたものではないため使わなかった記録: "
                                                "mx.evil.example: spf=pass, dkim=pass, dmarc=pass"));
  /* Without a note the evidence is names and results only: nothing to translate. */
  g_assert_null (finding (trusted, "mail.dmarc-fail-our-domain")->evidence_ja);
}

static void
test_spf_and_dkim_fail_are_weaker (void)
{
  g_autoptr(TaiouMailReport) spf = triage ("yamada@ourcorp.co.jp",
                                           "Authentication-Results: mx.ourcorp.co.jp;"
                                           " spf=softfail smtp.mailfrom=ourcorp.co.jp;"
                                           " dmarc=none\r\n", TRUE);
  g_autoptr(TaiouMailReport) dkim = triage ("yamada@ourcorp.co.jp",
                                            "Authentication-Results: mx.ourcorp.co.jp;"
                                            " dkim=fail header.d=ourcorp.co.jp\r\n", TRUE);
  g_autoptr(TaiouMailReport) dkim_saved = triage ("yamada@ourcorp.co.jp",
                                                  "Authentication-Results: mx.ourcorp.co.jp;"
                                                  " dkim=fail header.d=ourcorp.co.jp;"
                                                  " dkim=pass header.d=ourcorp.co.jp\r\n", TRUE);
  g_autoptr(TaiouMailReport) bounce_ours = triage ("news@partner.example",
                                                   "Authentication-Results: mx.ourcorp.co.jp;"
                                                   " spf=fail smtp.mailfrom=b@ourcorp.co.jp\r\n",
                                                   TRUE);
  TaiouFinding *weak = finding (spf, "mail.auth-fail-our-domain");

  g_assert_nonnull (weak);
  g_assert_cmpint (weak->score, ==, 50);
  g_assert_cmpint (weak->score, <, 80);
  g_assert_nonnull (strstr (weak->reason_ja, "SPF"));
  g_assert_nonnull (strstr (weak->reason_ja, "ourcorp.co.jp"));
  g_assert_null (finding (spf, "mail.dmarc-fail-our-domain"));

  weak = finding (dkim, "mail.auth-fail-our-domain");
  g_assert_nonnull (weak);
  g_assert_nonnull (strstr (weak->reason_en, "DKIM"));
  /* Our own signature verified: a second one broken on the way is no sign. */
  g_assert_null (finding (dkim_saved, "mail.auth-fail-our-domain"));
  /* The envelope claimed our domain and failed. */
  g_assert_nonnull (finding (bounce_ours, "mail.auth-fail-our-domain"));
}

static void
test_pass_never_clears (void)
{
  g_autoptr(GBytes) pe = taiou_test_pe_new ();
  gsize size;
  const guint8 *data = g_bytes_get_data (pe, &size);
  g_autofree char *base64 = g_base64_encode (data, size);
  g_autofree char *content = g_strdup_printf ("Content-Type: multipart/mixed; boundary=b1\r\n\r\n"
                                              "--b1\r\nContent-Type: text/plain; charset=UTF-8\r\n"
                                              "\r\n" LONG_BODY
                                              "--b1\r\nContent-Type: application/octet-stream\r\n"
                                              "Content-Transfer-Encoding: base64\r\n"
                                              "Content-Disposition: attachment;"
                                              " filename=\"invoice.pdf.exe\"\r\n\r\n%s\r\n"
                                              "--b1--\r\n", base64);
  g_autoptr(TaiouMailReport) without = triage_full ("a@partner.example", "", content, TRUE);
  g_autoptr(TaiouMailReport) passed = triage_full ("a@partner.example",
                                                   "Authentication-Results: mx.ourcorp.co.jp;"
                                                   " spf=pass smtp.mailfrom=partner.example;"
                                                   " dkim=pass header.d=partner.example;"
                                                   " dmarc=pass header.from=partner.example\r\n",
                                                   content, TRUE);
  g_autoptr(TaiouMailReport) forged = triage_full ("a@partner.example", FORGED_PASS, content,
                                                   TRUE);
  g_autoptr(TaiouMailReport) clean_forged = triage ("a@partner.example", FORGED_PASS, TRUE);
  TaiouFinding *note;

  g_assert_cmpint (without->verdict, ==, TAIOU_MAIL_VERDICT_DANGEROUS);
  g_assert_cmpint (passed->verdict, ==, TAIOU_MAIL_VERDICT_DANGEROUS);
  g_assert_cmpint (passed->score, ==, without->score);
  g_assert_cmpuint (passed->findings->len, ==, without->findings->len);

  /* A pass anyone could have written is named as ignored, and weighs nothing. */
  note = finding (forged, "mail.authres-untrusted");
  g_assert_nonnull (note);
  g_assert_cmpint (note->score, ==, 0);
  g_assert_nonnull (strstr (note->evidence, "mx.evil.example"));
  g_assert_nonnull (strstr (note->evidence_ja, "使わなかった記録: mx.evil.example"));
  g_assert_nonnull (strstr (note->reason_ja, "判断には使っていません"));
  g_assert_cmpint (forged->score, ==, without->score);
  /* On a mail with nothing else, the note would only be noise. */
  g_assert_null (finding (clean_forged, "mail.authres-untrusted"));
  g_assert_cmpuint (clean_forged->findings->len, ==, 0);
}

static void
test_many_headers (void)
{
  g_autoptr(GString) headers = g_string_new (NULL);
  g_autoptr(TaiouMailReport) report = NULL;
  g_autoptr(TaiouMailReport) broken = NULL;

  /* Only the newest headers are read: a fail buried under hundreds counts for nothing. */
  for (guint i = 0; i < 300; i++)
    g_string_append (headers, "Authentication-Results: relay.example; spf=none\r\n");
  g_string_append (headers, DMARC_FAIL);
  report = triage ("yamada@ourcorp.co.jp", headers->str, TRUE);
  g_assert_null (finding (report, "mail.dmarc-fail-our-domain"));

  /* A broken header from our server does not stop the mail check. */
  broken = triage ("yamada@ourcorp.co.jp",
                   "Authentication-Results: mx.ourcorp.co.jp ((((((((((((deep; dmarc=fail\r\n"
                   DMARC_FAIL, TRUE);
  g_assert_nonnull (finding (broken, "mail.dmarc-fail-our-domain"));
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/mail-authres/parse/rfc-examples", test_parse_rfc_examples);
  g_test_add_func ("/mail-authres/parse/comments-quotes-and-case",
                   test_parse_comments_quotes_and_case);
  g_test_add_func ("/mail-authres/parse/without-authserv-id", test_parse_without_authserv_id);
  g_test_add_func ("/mail-authres/parse/skips-broken-results", test_parse_skips_broken_results);
  g_test_add_func ("/mail-authres/parse/hostile", test_parse_hostile);
  g_test_add_func ("/mail-authres/parse/random-input", test_parse_random_input);
  g_test_add_func ("/mail-authres/trusted-ids", test_trusted_ids);
  g_test_add_func ("/mail-authres/check/dmarc-fail-on-our-domain", test_dmarc_fail_on_our_domain);
  g_test_add_func ("/mail-authres/check/spf-and-dkim-fail-are-weaker",
                   test_spf_and_dkim_fail_are_weaker);
  g_test_add_func ("/mail-authres/check/pass-never-clears", test_pass_never_clears);
  g_test_add_func ("/mail-authres/check/many-headers", test_many_headers);
  return g_test_run ();
}
