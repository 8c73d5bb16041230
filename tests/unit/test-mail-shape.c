/* test-mail-shape.c — what is checked as a mail and what is refused, and the evidence in both
 * languages
 *
 * A message without From, Subject or Date opens in Thunderbird, so it must be checked (and its
 * missing headers said); a picture, random bytes, an empty file or a note must still be refused.
 * Every message and file is built here: synthetic, no real data.
 */
#define G_LOG_DOMAIN "test-mail-shape"

#include "config.h"

#include <string.h>

#include "taiou-test-fixtures.h"
#include "taiou-test-util.h"

static const char * const our_domains[] = { "ourcorp.co.jp", NULL };
static const char * const our_names[] = { "株式会社アワ商事", "山田 太郎", NULL };

static const TaiouMailTriageContext context = {
  .our_domains = our_domains,
  .our_names = our_names,
};

static TaiouFinding *
finding (TaiouMailReport *report,
         const char      *rule_id)
{
  for (guint i = 0; i < report->findings->len; i++)
    {
      TaiouFinding *candidate = report->findings->pdata[i];

      if (g_str_equal (candidate->rule_id, rule_id))
        return candidate;
    }
  return NULL;
}

static TaiouMailReport *
triage_text (const char  *text,
             GError     **error)
{
  g_autoptr(GBytes) data = g_bytes_new (text, strlen (text));

  return taiou_mail_triage_data ("test.eml", data, &context, NULL, error);
}

/* A mail with exactly the headers not in @leave_out ("From", "Subject", "Date"). */
static char *
mail_without (const char * const *leave_out)
{
  static const char * const headers[][2] = {
    { "From", "From: 佐藤 <sato@partner.example>\r\n" },
    { "To", "To: sales@ourcorp.co.jp\r\n" },
    { "Subject", "Subject: 打ち合わせの件\r\n" },
    { "Date", "Date: Mon, 23 Nov 2026 10:15:00 +0900\r\n" },
    { "MIME-Version", "MIME-Version: 1.0\r\n" },
    { "Content-Type", "Content-Type: text/plain; charset=UTF-8\r\n" },
  };
  GString *text = g_string_new (NULL);

  for (gsize i = 0; i < G_N_ELEMENTS (headers); i++)
    if (leave_out == NULL || !g_strv_contains (leave_out, headers[i][0]))
      g_string_append (text, headers[i][1]);
  g_string_append (text, "\r\nいつもお世話になっております。来週の打ち合わせの日程について、"
                         "候補日をいくつかお送りします。ご都合をお知らせください。\r\n");
  return g_string_free (text, FALSE);
}

static void
test_missing_headers_are_checked (void)
{
  static const struct
  {
    const char *leave_out[4];
    const char *listed_en;
    const char *listed_ja;
  } cases[] = {
    { { "From", NULL }, "From", "差出人（From）" },
    { { "Subject", NULL }, "Subject", "件名（Subject）" },
    { { "Date", NULL }, "Date", "日付（Date）" },
    { { "From", "Subject", "Date", NULL }, "From, Subject, Date",
      "差出人（From）・件名（Subject）・日付（Date）" },
  };

  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *text = mail_without (cases[i].leave_out);
      g_autoptr(GError) error = NULL;
      g_autoptr(TaiouMailReport) report = triage_text (text, &error);
      TaiouFinding *missing;
      TaiouFinding *short_body;

      g_test_message ("without %s", cases[i].listed_en);
      g_assert_no_error (error);
      g_assert_nonnull (report);
      missing = finding (report, "mail.missing-headers");
      g_assert_nonnull (missing);
      g_assert_nonnull (strstr (missing->evidence, cases[i].listed_en));
      g_assert_nonnull (strstr (missing->evidence_ja, cases[i].listed_ja));
      g_assert_nonnull (strstr (missing->reason_ja, cases[i].listed_ja));
      g_assert_nonnull (strstr (missing->reason_en, cases[i].listed_en));
      /* A weak signal: never above the short-body finding's score. */
      short_body = finding (report, "mail.short-body");
      g_assert_null (short_body);
      g_assert_cmpint (missing->score, <=, 40);
      g_assert_cmpint (missing->score, <, TAIOU_SCORE_NOTICE);
    }
}

static void
test_complete_mail_has_no_missing_headers (void)
{
  g_autofree char *text = mail_without (NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(TaiouMailReport) report = triage_text (text, &error);

  g_assert_no_error (error);
  g_assert_null (finding (report, "mail.missing-headers"));
  g_assert_cmpint (report->verdict, ==, TAIOU_MAIL_VERDICT_NOTHING_FOUND);
}

/* The other checks still run on a mail without the usual headers: leaving them out does not
 * hide a dangerous attachment. */
static void
test_missing_headers_do_not_hide_attachments (void)
{
  g_autoptr(GBytes) pe = taiou_test_pe_new ();
  g_autofree char *base64 = g_base64_encode (g_bytes_get_data (pe, NULL), g_bytes_get_size (pe));
  g_autofree char *text = g_strdup_printf ("MIME-Version: 1.0\r\n"
                                           "Content-Type: multipart/mixed; boundary=\"b\"\r\n"
                                           "\r\n"
                                           "--b\r\n"
                                           "Content-Type: text/plain; charset=UTF-8\r\n"
                                           "\r\n"
                                           "ご確認ください。\r\n"
                                           "--b\r\n"
                                           "Content-Type: application/octet-stream\r\n"
                                           "Content-Disposition: attachment; "
                                           "filename=\"invoice.pdf.exe\"\r\n"
                                           "Content-Transfer-Encoding: base64\r\n"
                                           "\r\n"
                                           "%s\r\n"
                                           "--b--\r\n", base64);
  g_autoptr(GError) error = NULL;
  g_autoptr(TaiouMailReport) report = triage_text (text, &error);

  g_assert_no_error (error);
  g_assert_nonnull (finding (report, "mail.missing-headers"));
  g_assert_cmpuint (report->attachments->len, ==, 1);
  g_assert_cmpint (report->verdict, ==, TAIOU_MAIL_VERDICT_DANGEROUS);
}

static void
assert_refused (const char *what,
                GBytes     *data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TaiouMailReport) report = NULL;

  g_test_message ("%s", what);
  report = taiou_mail_triage_data (what, data, &context, NULL, &error);
  g_assert_error (error, TAIOU_MAIL_ERROR, TAIOU_MAIL_ERROR_FORMAT);
  g_assert_null (report);
}

static void
test_not_mail_is_refused (void)
{
  static const guint8 png[] = {
    0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n', 0, 0, 0, 13, 'I', 'H', 'D', 'R',
    0, 0, 0, 1, 0, 0, 0, 1, 8, 2, 0, 0, 0, 0x90, 0x77, 0x53, 0xde,
  };
  const char *note = "買い物メモ\n牛乳、卵、パン\n\n来週の予定も確認すること。\n";
  const char *mbox_of_prose = "From the desk of the manager\nplease read this\n";
  g_autoptr(GBytes) empty = g_bytes_new_static ("", 0);
  g_autoptr(GBytes) picture = g_bytes_new_static (png, sizeof png);
  g_autoptr(GBytes) text = g_bytes_new_static (note, strlen (note));
  g_autoptr(GBytes) prose = g_bytes_new_static (mbox_of_prose, strlen (mbox_of_prose));
  g_autoptr(GBytes) pe = taiou_test_pe_new ();
  g_autoptr(GBytes) zip = taiou_test_zip_of ("a.txt", text);
  /* A header line followed by a NUL: a binary file that happens to begin like a header. */
  static const char binary_text[] = "Name: value\n\x01\x00\x02\x03\n\nbody";
  g_autoptr(GBytes) binary = g_bytes_new_static (binary_text, sizeof binary_text - 1);
  g_autoptr(GRand) rand = g_rand_new_with_seed (13);

  assert_refused ("empty.eml", empty);
  assert_refused ("picture.png", picture);
  assert_refused ("note.txt", text);
  assert_refused ("prose-from.txt", prose);
  assert_refused ("program.exe", pe);
  assert_refused ("archive.zip", zip);
  assert_refused ("binary.bin", binary);
  for (guint round = 0; round < 50; round++)
    {
      guint8 noise[512];
      g_autoptr(GBytes) random = NULL;

      for (gsize i = 0; i < sizeof noise; i++)
        noise[i] = (guint8) g_rand_int_range (rand, 0, 256);
      /* Random bytes that start "name:" without a NUL before a blank line are a (strange)
       * header block; the chance is negligible, and the seed is fixed. */
      random = g_bytes_new (noise, sizeof noise);
      assert_refused ("random.bin", random);
    }
}

/* What mail programs do show: an mbox, a byte-order mark before the headers, raw 8-bit
 * headers, a header field with an unusual name first. */
static void
test_mail_shapes_are_accepted (void)
{
  static const char * const texts[] = {
    "From MAILER-DAEMON Mon Nov 23 10:00:00 2026\nX-Mailer: x\n\nbody\n",
    "\xef\xbb\xbfReceived: from mx.partner.example\r\nSubject: hi\r\n\r\nbody\r\n",
    "Subject: \x90\xbf\x8b\x81\x8f\x91\n\nbody\n",
    "X-Custom-Header : value\n\nbody\n",
    "Subject: test\n",
  };

  for (gsize i = 0; i < G_N_ELEMENTS (texts); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(TaiouMailReport) report = NULL;

      g_test_message ("shape %" G_GSIZE_FORMAT, i);
      report = triage_text (texts[i], &error);
      g_assert_no_error (error);
      g_assert_nonnull (report);
      g_assert_nonnull (finding (report, "mail.missing-headers"));
    }
}

/* The evidence under each reason in Japanese, for the app under ja_JP; JSON keeps both. */
static void
test_evidence_in_japanese (void)
{
  const char *text = "From: \"株式会社アワ商事 山田 太郎\" <yamada@mail.hacked.example>\r\n"
                     "Reply-To: billing@collector.example\r\n"
                     "Subject: ご確認ください\r\n"
                     "Date: Mon, 23 Nov 2026 10:15:00 +0900\r\n"
                     "Content-Type: text/html; charset=UTF-8\r\n"
                     "\r\n"
                     "<p>ご確認ください。<a href=\"http://203.0.113.9/a.exe\">"
                     "https://www.ourcorp.co.jp/</a></p>\r\n";
  const char * const rules[] = {
    "mail.display-name-spoof", "mail.reply-to-elsewhere", "mail.short-body",
    "mail.link-ip-host", "mail.link-download", "mail.link-mismatch",
  };
  g_autoptr(GError) error = NULL;
  g_autoptr(TaiouMailReport) report = triage_text (text, &error);
  g_autoptr(JsonObject) json = NULL;
  JsonArray *findings;

  g_assert_no_error (error);
  for (gsize i = 0; i < G_N_ELEMENTS (rules); i++)
    {
      TaiouFinding *found = finding (report, rules[i]);

      g_test_message ("%s", rules[i]);
      g_assert_nonnull (found);
      g_assert_nonnull (found->evidence_ja);
      g_assert_true (g_utf8_validate (found->evidence_ja, -1, NULL));
      g_assert_cmpstr (taiou_finding_get_evidence (found, TRUE), ==, found->evidence_ja);
      g_assert_cmpstr (taiou_finding_get_evidence (found, FALSE), ==, found->evidence);
      g_assert_cmpstr (found->evidence_ja, !=, found->evidence);
    }
  g_assert_nonnull (strstr (finding (report, "mail.reply-to-elsewhere")->evidence_ja,
                            "返信先 billing@collector.example"));

  json = taiou_mail_report_to_json (report);
  findings = json_object_get_array_member (json, "findings");
  for (guint i = 0; i < json_array_get_length (findings); i++)
    {
      JsonObject *object = json_array_get_object_element (findings, i);

      g_assert_true (json_object_has_member (object, "evidence"));
      g_assert_true (json_object_has_member (object, "evidence_ja"));
    }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/taiou/mail-shape/missing-headers-are-checked",
                   test_missing_headers_are_checked);
  g_test_add_func ("/taiou/mail-shape/complete-mail", test_complete_mail_has_no_missing_headers);
  g_test_add_func ("/taiou/mail-shape/missing-headers-do-not-hide-attachments",
                   test_missing_headers_do_not_hide_attachments);
  g_test_add_func ("/taiou/mail-shape/not-mail-is-refused", test_not_mail_is_refused);
  g_test_add_func ("/taiou/mail-shape/mail-shapes-are-accepted", test_mail_shapes_are_accepted);
  g_test_add_func ("/taiou/mail-shape/evidence-in-japanese", test_evidence_in_japanese);
  return g_test_run ();
}
