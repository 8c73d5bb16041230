/* test-mail-lookalike.c — every shape of a domain made to look like ours, and real partners'
 * domains that must not be taken for one
 *
 * All domains are made up for the test (example.co.jp, ourcorp.co.jp and the like). */
#define G_LOG_DOMAIN "test-mail-lookalike"

#include "config.h"

#include <string.h>

#include "taiou-mail-lookalike.h"
#include "taiou-test-util.h"

static const char * const ours[] = { "example.co.jp", "ourcorp.co.jp", NULL };
static const char * const our_names[] = { "株式会社アワ商事", "Example Trading", "山田 太郎",
                                          NULL };

static TaiouLookalikeShape
shape_of (const char  *domain,
          const char **imitated)
{
  g_auto(TaiouLookalike) lookalike = { 0 };

  if (!taiou_mail_lookalike_find (domain, ours, &lookalike))
    return TAIOU_LOOKALIKE_NONE;
  g_assert_nonnull (lookalike.shown);
  g_assert_nonnull (lookalike.registered);
  g_assert_true (g_str_is_ascii (lookalike.ascii));
  if (imitated != NULL)
    *imitated = lookalike.ours;
  return lookalike.shape;
}

static void
assert_shape (const char          *domain,
              TaiouLookalikeShape  expected,
              const char          *expected_ours)
{
  const char *imitated = NULL;
  TaiouLookalikeShape shape = shape_of (domain, &imitated);

  if (shape != expected)
    g_error ("%s: expected %s, got %s", domain, taiou_mail_lookalike_shape_to_string (expected),
             taiou_mail_lookalike_shape_to_string (shape));
  g_assert_cmpstr (imitated, ==, expected_ours);
}

static void
test_skeleton (void)
{
  const char *same_as_example[] = {
    "example", "EXAMPLE", "examp1e", "exampIe", "exarnple", "ехаmple" /* Cyrillic е, а */,
    "éxample", "ｅｘａｍｐｌｅ", "exαmple" /* Greek α */,
  };
  g_autofree char *example = taiou_mail_lookalike_skeleton ("example");
  g_autofree char *invalid = taiou_mail_lookalike_skeleton ("ex\xffmple");

  for (gsize i = 0; i < G_N_ELEMENTS (same_as_example); i++)
    {
      g_autofree char *skeleton = taiou_mail_lookalike_skeleton (same_as_example[i]);

      g_assert_cmpstr (skeleton, ==, example);
    }
  g_assert_cmpstr (invalid, ==, "");
}

static void
test_our_domain_inside_another (void)
{
  g_auto(TaiouLookalike) lookalike = { 0 };

  assert_shape ("example.co.jp.evil.net", TAIOU_LOOKALIKE_OUR_DOMAIN_INSIDE, "example.co.jp");
  assert_shape ("www.example.co.jp.evil.net", TAIOU_LOOKALIKE_OUR_DOMAIN_INSIDE,
                "example.co.jp");
  assert_shape ("ourcorp.co.jp.login.evil.net", TAIOU_LOOKALIKE_OUR_DOMAIN_INSIDE,
                "ourcorp.co.jp");
  g_assert_true (taiou_mail_lookalike_find ("example.co.jp.evil.net", ours, &lookalike));
  /* Whose domain it really is, for the reason shown. */
  g_assert_cmpstr (lookalike.registered, ==, "evil.net");
}

static void
test_hyphen_and_dot_swaps (void)
{
  assert_shape ("example-co.jp.net", TAIOU_LOOKALIKE_PUNCTUATION, "example.co.jp");
  assert_shape ("examplecojp.com", TAIOU_LOOKALIKE_PUNCTUATION, "example.co.jp");
  assert_shape ("example-co-jp.com", TAIOU_LOOKALIKE_PUNCTUATION, "example.co.jp");
  assert_shape ("examplejp.com", TAIOU_LOOKALIKE_PUNCTUATION, "example.co.jp");
  assert_shape ("ourcorp-co.jp", TAIOU_LOOKALIKE_PUNCTUATION, "ourcorp.co.jp");
}

static void
test_other_ending (void)
{
  assert_shape ("example.jp", TAIOU_LOOKALIKE_OTHER_ENDING, "example.co.jp");
  assert_shape ("example.com", TAIOU_LOOKALIKE_OTHER_ENDING, "example.co.jp");
  assert_shape ("example.ne.jp", TAIOU_LOOKALIKE_OTHER_ENDING, "example.co.jp");
  assert_shape ("example.co.uk", TAIOU_LOOKALIKE_OTHER_ENDING, "example.co.jp");
  assert_shape ("mail.ourcorp.net", TAIOU_LOOKALIKE_OTHER_ENDING, "ourcorp.co.jp");
}

static void
test_name_inside (void)
{
  g_auto(TaiouLookalike) lookalike = { 0 };

  assert_shape ("example-login.com", TAIOU_LOOKALIKE_NAME_INSIDE, "example.co.jp");
  assert_shape ("secure-example.net", TAIOU_LOOKALIKE_NAME_INSIDE, "example.co.jp");
  assert_shape ("example.evil.net", TAIOU_LOOKALIKE_NAME_INSIDE, "example.co.jp");
  g_assert_true (taiou_mail_lookalike_find ("ourcorp.mail-box.example", ours, &lookalike));
  g_assert_cmpstr (lookalike.registered, ==, "mail-box.example");
}

static void
test_one_letter (void)
{
  assert_shape ("exampel.co.jp", TAIOU_LOOKALIKE_ONE_LETTER, "example.co.jp");   /* swapped */
  assert_shape ("exmple.co.jp", TAIOU_LOOKALIKE_ONE_LETTER, "example.co.jp");    /* dropped */
  assert_shape ("examplle.co.jp", TAIOU_LOOKALIKE_ONE_LETTER, "example.co.jp");  /* added */
  assert_shape ("exbmple.co.jp", TAIOU_LOOKALIKE_ONE_LETTER, "example.co.jp");   /* changed */
  assert_shape ("ourcrop.com", TAIOU_LOOKALIKE_ONE_LETTER, "ourcorp.co.jp");
  assert_shape ("examples.com", TAIOU_LOOKALIKE_ONE_LETTER, "example.co.jp");
}

static void
test_confusable_letters (void)
{
  assert_shape ("examp1e.co.jp", TAIOU_LOOKALIKE_CONFUSABLE, "example.co.jp");
  assert_shape ("exampIe.co.jp", TAIOU_LOOKALIKE_CONFUSABLE, "example.co.jp");
  assert_shape ("exarnple.co.jp", TAIOU_LOOKALIKE_CONFUSABLE, "example.co.jp");
  assert_shape ("0urcorp.co.jp", TAIOU_LOOKALIKE_CONFUSABLE, "ourcorp.co.jp");
  assert_shape ("ourc0rp.com", TAIOU_LOOKALIKE_CONFUSABLE, "ourcorp.co.jp");
  assert_shape ("mail.examp1e.co.jp", TAIOU_LOOKALIKE_CONFUSABLE, "example.co.jp");
}

static void
test_idn (void)
{
  /* Cyrillic е (U+0435) and а (U+0430) in place of the Latin letters. */
  const char *unicode = "\xd0\xb5x\xd0\xb0mple.co.jp";
  g_autofree char *punycode = g_hostname_to_ascii (unicode);
  g_auto(TaiouLookalike) lookalike = { 0 };
  g_auto(TaiouLookalike) raw = { 0 };
  g_auto(TaiouLookalike) accented = { 0 };

  g_assert_nonnull (punycode);
  g_assert_true (g_str_has_prefix (punycode, "xn--"));
  g_assert_true (taiou_mail_lookalike_find (punycode, ours, &lookalike));
  g_assert_cmpint (lookalike.shape, ==, TAIOU_LOOKALIKE_IDN);
  g_assert_cmpstr (lookalike.ours, ==, "example.co.jp");
  /* What the reader sees in the mail program. */
  g_assert_cmpstr (lookalike.shown, ==, unicode);
  g_assert_cmpstr (lookalike.ascii, ==, punycode);

  /* A mail sent with a raw UTF-8 domain (SMTPUTF8) is the same look-alike. */
  g_assert_true (taiou_mail_lookalike_find (unicode, ours, &raw));
  g_assert_cmpint (raw.shape, ==, TAIOU_LOOKALIKE_IDN);

  g_assert_true (taiou_mail_lookalike_find ("\xc3\xa9xample.com", ours, &accented));
  g_assert_cmpint (accented.shape, ==, TAIOU_LOOKALIKE_IDN);
}

static void
test_not_lookalikes (void)
{
  const char *others[] = {
    "example.co.jp", "EXAMPLE.CO.JP", "mail.example.co.jp", "tokyo.ourcorp.co.jp",
    "example.co.jp.",
    /* Real partners that merely share an ending or a few letters. */
    "partner.co.jp", "sample.co.jp", "exemplary.co.jp", "tokyo-shoji.co.jp", "kyoto.ac.jp",
    "yourpartner.com", "ourcorporation.com", "corp.co.jp",
    /* Internationalised names that do not look like ours. */
    "xn--e1afmkfd.xn--p1ai", "例え.jp",
    /* Full-width letters are folded by IDNA itself: this is our own domain. */
    "ｅｘａｍｐｌｅ.co.jp",
    "", "jp", "localhost",
  };

  for (gsize i = 0; i < G_N_ELEMENTS (others); i++)
    {
      TaiouLookalikeShape shape = shape_of (others[i], NULL);

      if (shape != TAIOU_LOOKALIKE_NONE)
        g_error ("%s taken for a look-alike (%s)", others[i],
                 taiou_mail_lookalike_shape_to_string (shape));
    }
}

static void
test_short_and_generic_names (void)
{
  static const char * const short_ours[] = { "abc.co.jp", "mail.co.jp", NULL };
  g_auto(TaiouLookalike) lookalike = { 0 };

  /* Three letters are shared by too many real companies; "mail" is everybody's. */
  g_assert_false (taiou_mail_lookalike_find ("abd.co.jp", short_ours, &lookalike));
  g_assert_false (taiou_mail_lookalike_find ("abc.com", short_ours, &lookalike));
  g_assert_false (taiou_mail_lookalike_find ("mail.example.net", short_ours, &lookalike));
  /* But our whole domain with its dots moved is still ours in disguise. */
  g_assert_true (taiou_mail_lookalike_find ("abc-co.jp", short_ours, &lookalike));
  g_assert_cmpint (lookalike.shape, ==, TAIOU_LOOKALIKE_PUNCTUATION);
}

static void
test_hostile_input (void)
{
  g_autofree char *long_domain = g_strnfill (300, 'e');
  g_autoptr(GString) many_labels = g_string_new (NULL);
  g_auto(TaiouLookalike) lookalike = { 0 };

  for (guint i = 0; i < 120; i++)
    g_string_append (many_labels, "a.");
  g_string_append (many_labels, "example.co.jp.evil.net");

  g_assert_false (taiou_mail_lookalike_find (long_domain, ours, &lookalike));
  g_assert_false (taiou_mail_lookalike_find ("ex\xff" "ample.co.jp", ours, &lookalike));
  g_assert_false (taiou_mail_lookalike_find ("xn--invalid-punycode-\xe3.jp", ours, &lookalike));
  g_assert_false (taiou_mail_lookalike_find (NULL, ours, &lookalike));
  g_assert_false (taiou_mail_lookalike_find ("examp1e.co.jp", NULL, &lookalike));
  g_assert_false (taiou_mail_lookalike_find ("xn--.jp", ours, &lookalike));
  /* Over 253 characters is no domain at all. */
  g_assert_false (taiou_mail_lookalike_find (many_labels->str, ours, &lookalike));
}

static void
test_local_part (void)
{
  struct {
    const char *address;
    const char *found;    /* NULL: nothing of ours */
    gboolean    strong;
  } cases[] = {
    { "example.co.jp@gmail.com", "example.co.jp", TRUE },
    { "examplecojp@evil.example", "example.co.jp", TRUE },
    { "support-ourcorp.co.jp@mail.evil.example", "ourcorp.co.jp", TRUE },
    { "example-support@gmail.com", "example", FALSE },
    { "Example.Trading.Tokyo@yahoo.co.jp", "example", FALSE },
    { "exampletrading@outlook.jp", "example", FALSE },
    { "taro@example.co.jp", NULL, FALSE },        /* ours */
    { "taro@mail.example.co.jp", NULL, FALSE },   /* ours */
    { "example@partner.co.jp", NULL, FALSE },     /* a partner's own address, not free mail */
    { "tanaka@gmail.com", NULL, FALSE },
    { "no-at-sign", NULL, FALSE },
    { "@gmail.com", NULL, FALSE },
  };
  static const char * const only_names[] = { "Our Trading Co", NULL };
  static const char * const one_domain[] = { "acme-shoji.co.jp", NULL };
  g_autofree char *org = NULL;
  g_autofree char *nothing = NULL;

  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      gboolean strong = !cases[i].strong;
      g_autofree char *found = taiou_mail_local_part_names_us (cases[i].address, ours,
                                                               our_names, &strong);

      g_assert_cmpstr (found, ==, cases[i].found);
      g_assert_cmpint (strong, ==, cases[i].strong);
    }
  /* The organisation's name in Latin letters. */
  org = taiou_mail_local_part_names_us ("ourtradingco.info@gmail.com", one_domain, only_names,
                                        NULL);
  g_assert_cmpstr (org, ==, "Our Trading Co");
  nothing = taiou_mail_local_part_names_us (NULL, ours, our_names, NULL);
  g_assert_null (nothing);
}

/* Through the whole mail check: each header's finding names both domains in plain words. */
static TaiouMailReport *
triage (const char *headers)
{
  static const char * const domains[] = { "example.co.jp", NULL };
  TaiouMailTriageContext context = { .our_domains = domains, .our_names = our_names };
  g_autofree char *text = g_strdup_printf ("%s"
                                           "To: keiri@example.co.jp\r\n"
                                           "Subject: =?UTF-8?B?6KuL5rGC5pu4?=\r\n"
                                           "Date: Mon, 23 Nov 2026 10:15:00 +0900\r\n"
                                           "Content-Type: text/plain; charset=UTF-8\r\n\r\n"
                                           "いつもお世話になっております。先日の打ち合わせの件、"
                                           "議事録をまとめましたのでご確認ください。\r\n",
                                           headers);
  g_autoptr(GBytes) data = g_bytes_new (text, strlen (text));
  g_autoptr(GError) error = NULL;
  TaiouMailReport *report = taiou_mail_triage_data ("t.eml", data, &context, NULL, &error);

  g_assert_no_error (error);
  return report;
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

static void
test_in_the_mail_check (void)
{
  g_autofree char *punycode = g_hostname_to_ascii ("\xd0\xb5x\xd0\xb0mple.co.jp");
  g_autofree char *idn_from = g_strdup_printf ("From: keiri@%s\r\n", punycode);
  g_autoptr(TaiouMailReport) idn = triage (idn_from);
  g_autoptr(TaiouMailReport) reply = triage ("From: a@partner.example\r\n"
                                             "Reply-To: keiri@example-co.jp.net\r\n");
  g_autoptr(TaiouMailReport) bounce = triage ("From: keiri@example.co.jp\r\n"
                                              "Return-Path: <b@example.co.jp.evil.net>\r\n");
  g_autoptr(TaiouMailReport) local = triage ("From: example.co.jp@gmail.com\r\n");
  g_autoptr(TaiouMailReport) verp = triage ("From: news@partner.example\r\n"
                                            "Return-Path: <bounce+keiri=example.co.jp@"
                                            "em.partner.example>\r\n");
  g_autoptr(TaiouMailReport) partner = triage ("From: tanaka@partner.co.jp\r\n");
  TaiouFinding *found;

  found = finding (idn, "mail.lookalike-domain");
  g_assert_nonnull (found);
  g_assert_cmpint (found->score, ==, 70);
  g_assert_nonnull (strstr (found->reason_ja, punycode));
  g_assert_nonnull (strstr (found->reason_ja, "自社のドメイン example.co.jp によく似ていますが別物です"));
  /* The reader is told what the mail program shows. */
  g_assert_nonnull (strstr (found->reason_ja, "\xd0\xb5x\xd0\xb0mple.co.jp"));
  g_assert_nonnull (strstr (found->reason_en, "example.co.jp"));
  g_assert_nonnull (strstr (found->evidence, "idn"));

  found = finding (reply, "mail.lookalike-reply-to");
  g_assert_nonnull (found);
  g_assert_nonnull (strstr (found->reason_ja, "返信先のドメイン example-co.jp.net"));
  g_assert_null (finding (reply, "mail.lookalike-domain"));

  found = finding (bounce, "mail.lookalike-return-path");
  g_assert_nonnull (found);
  g_assert_cmpint (found->score, ==, 60);
  g_assert_nonnull (strstr (found->reason_ja, "evil.net"));

  found = finding (local, "mail.our-name-in-local-part");
  g_assert_nonnull (found);
  g_assert_cmpint (found->score, ==, 70);
  g_assert_nonnull (strstr (found->reason_ja, "gmail.com"));
  g_assert_nonnull (strstr (found->reason_ja, "example.co.jp"));
  g_assert_cmpint (local->verdict, !=, TAIOU_MAIL_VERDICT_NOTHING_FOUND);

  /* Bulk mailers write the recipient (us) before the @ of the bounce address on purpose. */
  g_assert_null (finding (verp, "mail.our-name-in-local-part"));
  g_assert_null (finding (verp, "mail.lookalike-return-path"));

  g_assert_cmpuint (partner->findings->len, ==, 0);
  g_assert_cmpint (partner->verdict, ==, TAIOU_MAIL_VERDICT_NOTHING_FOUND);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/mail-lookalike/skeleton", test_skeleton);
  g_test_add_func ("/mail-lookalike/our-domain-inside-another", test_our_domain_inside_another);
  g_test_add_func ("/mail-lookalike/hyphen-and-dot-swaps", test_hyphen_and_dot_swaps);
  g_test_add_func ("/mail-lookalike/other-ending", test_other_ending);
  g_test_add_func ("/mail-lookalike/name-inside", test_name_inside);
  g_test_add_func ("/mail-lookalike/one-letter", test_one_letter);
  g_test_add_func ("/mail-lookalike/confusable-letters", test_confusable_letters);
  g_test_add_func ("/mail-lookalike/idn", test_idn);
  g_test_add_func ("/mail-lookalike/not-lookalikes", test_not_lookalikes);
  g_test_add_func ("/mail-lookalike/short-and-generic-names", test_short_and_generic_names);
  g_test_add_func ("/mail-lookalike/hostile-input", test_hostile_input);
  g_test_add_func ("/mail-lookalike/local-part", test_local_part);
  g_test_add_func ("/mail-lookalike/in-the-mail-check", test_in_the_mail_check);
  return g_test_run ();
}
