/* test-cli-mail.c — `taiou-cli mail`: verdicts, exit status, JSON and what the record keeps */
#define G_LOG_DOMAIN "test-cli-mail"

#include "config.h"

#include <string.h>

#include "taiou-test-util.h"

#define SECRET_BODY "口座番号 1234567 宛にお振込みください"

static char *
write_mail (const char *name,
            const char *from,
            const char *body)
{
  char *path = g_build_filename (g_get_user_data_dir (), name, NULL);
  g_autofree char *text = g_strdup_printf ("From: %s\r\n"
                                           "To: keiri@partner.example\r\n"
                                           "Subject: =?UTF-8?B?6KuL5rGC5pu4?=\r\n"
                                           "Date: Mon, 23 Nov 2026 10:15:00 +0900\r\n"
                                           "MIME-Version: 1.0\r\n"
                                           "Content-Type: multipart/mixed; boundary=b\r\n\r\n"
                                           "--b\r\nContent-Type: text/plain; charset=UTF-8\r\n\r\n"
                                           "%s\r\n"
                                           "--b\r\nContent-Type: application/zip\r\n"
                                           "Content-Disposition: attachment; filename=\"a.zip\"\r\n"
                                           "\r\nPK\r\n--b--\r\n", from, body);

  g_assert_cmpint (g_mkdir_with_parents (g_get_user_data_dir (), 0700), ==, 0);
  g_assert_true (g_file_set_contents (path, text, -1, NULL));
  return path;
}

static void
test_spoofed_mail_is_dangerous (void)
{
  g_autofree char *mail = write_mail ("spoof.eml", "=?UTF-8?B?5bGx55SwIOWkqumDjg==?= "
                                      "<yamada@hacked.example>", SECRET_BODY);
  g_autoptr(TaiouTestCliResult) english = NULL;
  g_autoptr(TaiouTestCliResult) japanese = NULL;

  english = taiou_test_run_cli ("C.UTF-8", "mail", "--our-domain", "ourcorp.co.jp",
                                "--our-name", "山田太郎", mail, NULL);
  g_assert_cmpint (english->status, ==, 1);
  g_assert_nonnull (strstr (english->out, "Verdict: dangerous"));
  g_assert_nonnull (strstr (english->out, "not our domain"));
  g_assert_nonnull (strstr (english->out, "Attachment: a.zip (2 bytes"));

  japanese = taiou_test_run_cli ("ja_JP.UTF-8", "mail", "--our-domain", "ourcorp.co.jp",
                                 "--our-name", "山田太郎", mail, NULL);
  g_assert_cmpint (japanese->status, ==, 1);
  g_assert_nonnull (strstr (japanese->out, "危険"));
  g_assert_nonnull (strstr (japanese->out, "当社のものではありません"));
}

static void
test_ordinary_mail_and_bad_input (void)
{
  g_autofree char *mail = write_mail ("ok.eml", "keiri@partner.example",
                                      "いつもお世話になっております。今月分の請求書をお送りいたします。"
                                      "内容をご確認のうえ、ご不明な点がございましたらご連絡ください。");
  g_autofree char *picture = g_build_filename (g_get_user_data_dir (), "p.png", NULL);
  g_autoptr(TaiouTestCliResult) ok = NULL;
  g_autoptr(TaiouTestCliResult) bad = NULL;
  g_autoptr(TaiouTestCliResult) usage = NULL;

  ok = taiou_test_run_cli ("C.UTF-8", "mail", "--our-domain", "ourcorp.co.jp", mail, NULL);
  g_assert_cmpint (ok->status, ==, 0);
  g_assert_nonnull (strstr (ok->out, "Verdict: nothing-found"));
  g_assert_nonnull (strstr (ok->out, "does not prove the mail is safe"));

  g_assert_true (g_file_set_contents (picture, "\x89PNG\r\n\x1a\n", 8, NULL));
  bad = taiou_test_run_cli ("C.UTF-8", "mail", mail, picture, NULL);
  g_assert_cmpint (bad->status, ==, 2);
  g_assert_nonnull (strstr (bad->err, "p.png cannot be read as mail"));
  /* The readable one is still reported, and without our domains the user is told. */
  g_assert_nonnull (strstr (bad->out, "ok.eml"));
  g_assert_nonnull (strstr (bad->err, "our mail domains are not set"));

  usage = taiou_test_run_cli ("C.UTF-8", "mail", NULL);
  g_assert_cmpint (usage->status, ==, 2);
}

static void
test_json_and_record_without_body (void)
{
  g_autofree char *mail = write_mail ("spoof.eml", "\"yamada@ourcorp.co.jp\" <x@hacked.example>",
                                      SECRET_BODY);
  g_autofree char *db = NULL;
  g_autoptr(TaiouTimeline) timeline = taiou_test_timeline_new (&db);
  g_autoptr(TaiouIncident) incident = taiou_test_add_incident (timeline, "mail", 0);
  g_autofree char *id = g_strdup_printf ("%lld", (long long) taiou_incident_get_id (incident));
  g_autoptr(TaiouTestCliResult) result = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GPtrArray) events = NULL;
  const char *detail;
  JsonObject *object;
  TaiouEvent *event;

  result = taiou_test_run_cli ("C", "--db", db, "mail", "--json", "--our-domain",
                               "ourcorp.co.jp", "--incident", id, mail, NULL);
  g_assert_cmpint (result->status, ==, 1);
  g_assert_true (json_parser_load_from_data (parser, result->out, -1, NULL));
  object = json_node_get_object (json_parser_get_root (parser));
  g_assert_cmpstr (json_object_get_string_member (object, "event_type"), ==, "mail");
  g_assert_cmpstr (json_object_get_string_member (object, "verdict"), ==, "dangerous");
  /* UTF-8 even under LANG=C. */
  g_assert_cmpstr (json_object_get_string_member (object, "subject"), ==, "請求書");
  g_assert_null (strstr (result->out, "口座番号"));

  events = taiou_timeline_list_events (timeline, taiou_incident_get_id (incident), NULL);
  g_assert_cmpuint (events->len, ==, 2);
  event = events->pdata[1];
  g_assert_cmpstr (taiou_event_get_kind (event), ==, "mail.triage");
  g_assert_nonnull (strstr (taiou_event_get_summary (event), "x@hacked.example"));
  detail = taiou_event_get_detail (event);
  g_assert_nonnull (strstr (detail, "\"sha256\""));
  g_assert_nonnull (strstr (detail, "a.zip"));
  /* The body may hold personal data: it never reaches the record. */
  g_assert_null (strstr (detail, "口座番号"));
}

/* DMARC fail on our own domain counts only when our server wrote it (--trusted-authserv-id). */
static void
test_trusted_authentication_results (void)
{
  g_autofree char *mail = g_build_filename (g_get_user_data_dir (), "dmarc.eml", NULL);
  const char *text = "Authentication-Results: mx.ourcorp.co.jp; spf=fail"
                     " smtp.mailfrom=ourcorp.co.jp; dmarc=fail header.from=ourcorp.co.jp\r\n"
                     "From: yamada@ourcorp.co.jp\r\n"
                     "To: keiri@partner.example\r\n"
                     "Subject: =?UTF-8?B?6KuL5rGC5pu4?=\r\n"
                     "Date: Mon, 23 Nov 2026 10:15:00 +0900\r\n"
                     "Content-Type: text/plain; charset=UTF-8\r\n\r\n"
                     "いつもお世話になっております。今月分の請求書の件でご連絡いたします。"
                     "内容をご確認のうえ、ご不明な点がございましたらご連絡ください。\r\n";
  g_autoptr(TaiouTestCliResult) trusted = NULL;
  g_autoptr(TaiouTestCliResult) japanese = NULL;
  g_autoptr(TaiouTestCliResult) untrusted = NULL;
  g_autoptr(TaiouTestCliResult) help = NULL;

  g_assert_cmpint (g_mkdir_with_parents (g_get_user_data_dir (), 0700), ==, 0);
  g_assert_true (g_file_set_contents (mail, text, -1, NULL));

  trusted = taiou_test_run_cli ("C.UTF-8", "mail", "--our-domain", "ourcorp.co.jp",
                                "--trusted-authserv-id", "MX.OurCorp.co.jp", mail, NULL);
  g_assert_cmpint (trusted->status, ==, 1);
  g_assert_nonnull (strstr (trusted->out, "Verdict: dangerous"));
  g_assert_nonnull (strstr (trusted->out, "(DMARC)"));

  japanese = taiou_test_run_cli ("ja_JP.UTF-8", "mail", "--our-domain", "ourcorp.co.jp",
                                 "--trusted-authserv-id", "mx.ourcorp.co.jp", mail, NULL);
  g_assert_nonnull (strstr (japanese->out, "自社のドメイン ourcorp.co.jp"));

  /* Without it, anyone could have written the header: it is ignored. */
  untrusted = taiou_test_run_cli ("C.UTF-8", "mail", "--our-domain", "ourcorp.co.jp",
                                  "--trusted-authserv-id", "mx.elsewhere.example", mail, NULL);
  g_assert_cmpint (untrusted->status, ==, 0);
  g_assert_null (strstr (untrusted->out, "DMARC"));

  help = taiou_test_run_cli ("C.UTF-8", "mail", "--help", NULL);
  g_assert_nonnull (strstr (help->out, "--trusted-authserv-id"));
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/taiou/cli/mail/spoofed-is-dangerous", test_spoofed_mail_is_dangerous);
  g_test_add_func ("/taiou/cli/mail/ordinary-and-bad-input", test_ordinary_mail_and_bad_input);
  g_test_add_func ("/taiou/cli/mail/json-and-record-without-body",
                   test_json_and_record_without_body);
  g_test_add_func ("/taiou/cli/mail/trusted-authentication-results",
                   test_trusted_authentication_results);
  return g_test_run ();
}
