/* taiou-mail-corpus-services.c — ordinary mail that services send: newsletters, mailing lists,
 * billing, file transfer, contact forms, system notices; and Outlook .msg files
 *
 * These are the mails whose Reply-To and Return-Path legitimately name another domain, and
 * whose links go through a click tracker: the href is the tracker's, carrying the address the
 * link shows (percent-encoded in a parameter or in the path, sometimes wrapped again by a mail
 * security gateway).
 */
#include "config.h"

#include <string.h>

#include "taiou-mail-corpus-private.h"

#define PICK_S(rand, array) ((array)[g_rand_int_range ((rand), 0, G_N_ELEMENTS (array))])

typedef struct
{
  const char *brand;    /* the display name */
  const char *from;     /* the From address */
  const char *site;     /* where its links really go, "https://www.…" */
  const char *bounce;   /* the Return-Path, at the mailing service */
} Sender;

static const Sender newsletter_senders[] = {
  { "金田産業 メールマガジン", "magazine@news.kaneda-sangyo.co.jp", "https://www.kaneda-sangyo.co.jp",
    "bounce-8812@example-mail.net" },
  { "みなと物流 お知らせ", "info@minato-logi.co.jp", "https://www.minato-logi.co.jp",
    "b.2x9@mailer-esp.example" },
  { "ビジネスIT通信", "news@bizit-media.example", "https://bizit-media.example",
    "bounces@news-delivery.example" },
  { "Contoso Monthly", "newsletter@contoso-systems.com", "https://www.contoso-systems.com",
    "msprvs1=18fe@bounces.mailer-esp.example" },
  { "ひかり印刷 ニュースレター", "news@hikari-print.co.jp", "https://hikari-print.co.jp",
    "return@example-mail.net" },
};

static char *
escape (const char *url)
{
  return g_uri_escape_string (url, NULL, FALSE);
}

/* @target through one of the click trackers mailing services use. */
static char *
tracked (GRand      *rand,
         const char *target,
         int         form)
{
  g_autofree char *once = escape (target);
  guint32 id = g_rand_int (rand);

  switch (form)
    {
    case 0:
      return g_strdup_printf ("https://click.example-mail.net/?u=%s&id=%u", once, id);
    case 1:
      return g_strdup_printf ("https://t.news-delivery.example/c/%08x?url=%s&s=nl", id, once);
    case 2:
      return g_strdup_printf ("https://links.mailer-esp.example/ls/click?upn=%08x&redirect=%s",
                              id, once);
    case 3:  /* in the path */
      return g_strdup_printf ("https://r.example-mail.net/r/%08x/%s", id, once);
    default:
      {
        /* A tracker's link wrapped again by the recipient's mail security gateway. */
        g_autofree char *inner = g_strdup_printf ("https://click.example-mail.net/?u=%s&id=%u",
                                                  once, id);
        g_autofree char *twice = escape (inner);

        return g_strdup_printf ("https://safelinks.mail-gateway.example/?url=%s&data=05", twice);
      }
    }
}

static GBytes *
newsletter (GRand *rand,
            int    number)
{
  const Sender *sender = &newsletter_senders[number % G_N_ELEMENTS (newsletter_senders)];
  int form = number % 5;
  g_autoptr(GString) html = g_string_new ("<html><head><style>p{margin:0}</style></head><body>");
  g_autoptr(GString) text = g_string_new (NULL);
  int n_links = g_rand_int_range (rand, 6, 16);
  g_autofree char *subject = g_strdup_printf ("【%s】11月号 Vol.%d", sender->brand, 100 + number);
  g_autofree char *extra = g_strdup_printf ("Return-Path: <%s>\r\n"
                                            "List-Unsubscribe: <https://click.example-mail.net/"
                                            "unsub?id=%u>\r\nPrecedence: bulk\r\n", sender->bounce,
                                            g_rand_int (rand));
  g_autofree char *text_part = NULL;
  g_autofree char *html_part = NULL;
  g_autofree char *entity = NULL;
  CorpusHeaders headers = { sender->brand, sender->from, "t-yamada@ourcorp.co.jp", subject,
                            g_rand_int_range (rand, 2, 28), g_rand_int_range (rand, 6, 12), 0,
                            extra, g_rand_boolean (rand) ? CORPUS_ISO_2022_JP : CORPUS_UTF8_B64 };

  g_string_append_printf (html, "<p>いつも%sをご覧いただきありがとうございます。今月の新着情報をお届けします。</p>",
                          sender->brand);
  g_string_append (text, "いつもご覧いただきありがとうございます。今月の新着情報をお届けします。\n\n");
  for (int k = 0; k < n_links; k++)
    {
      g_autofree char *target = g_strdup_printf ("%s/news/2026/11/item%02d.html", sender->site, k);
      g_autofree char *href = tracked (rand, target, (form + k) % 5);
      const char *host = strstr (sender->site, "://") + 3;

      switch (k % 4)
        {
        case 0:  /* the full address shown */
          g_string_append_printf (html, "<p>▼詳細<br><a href=\"%s\" target=\"_blank\">%s</a></p>",
                                  href, target);
          break;
        case 1:  /* the host shown */
          g_string_append_printf (html, "<p><a href='%s'>%s</a></p>", href, host);
          break;
        case 2:  /* words */
          g_string_append_printf (html, "<p><a href=\"%s\"><b>新製品のご案内はこちら</b></a></p>", href);
          break;
        default:  /* a picture */
          g_string_append_printf (html, "<a href=\"%s\"><img src=\"https://img.example-mail.net/"
                                  "%08x.png\" alt=\"バナー\"></a>", href, g_rand_int (rand));
          break;
        }
      g_string_append_printf (text, "■ 記事 %d\n%s\n\n", k + 1, href);
    }
  g_string_append_printf (html, "<p>配信停止は<a href=\"%s\">こちら</a></p></body></html>",
                          "https://click.example-mail.net/unsub?id=1");
  g_string_append (text, "配信停止: https://click.example-mail.net/unsub?id=1\n");
  text_part = corpus_text_part ("plain", text->str, CORPUS_UTF8_QP);
  html_part = corpus_text_part ("html", html->str, g_rand_boolean (rand) ? CORPUS_UTF8_QP
                                                                         : CORPUS_UTF8_B64);
  entity = corpus_multipart ("alternative", text_part, html_part, NULL);
  return corpus_message (&headers, entity);
}

typedef struct
{
  const char *list_name;
  const char *list_address;
  const char *list_id;
  const char *tag;
} MailingList;

static const MailingList lists[] = {
  { "情報セキュリティ勉強会", "forum@lists.sec-benkyokai.example", "forum.lists.sec-benkyokai.example", "sec-benkyo" },
  { "地域商工会 会員連絡", "members@ml.shokokai.example.or.jp", "members.ml.shokokai.example.or.jp", "shokokai" },
  { "営業部", "sales@ml.ourcorp.co.jp", "sales.ml.ourcorp.co.jp", "eigyo" },
};

static const char * const list_senders[][2] = {
  { "中村 誠", "m-nakamura@kaneda-sangyo.co.jp" },
  { "小川 聡", "ogawa@univ.example.ac.jp" },
  { "森 友美", "t-mori@mori-kogyo.example" },
  { "田中 健太", "k-tanaka@tokyo.ourcorp.co.jp" },
  { "John Smith", "jsmith@example.org" },
};

static GBytes *
list_mail (GRand *rand,
           int    number)
{
  const MailingList *list = &lists[number % G_N_ELEMENTS (lists)];
  const char * const *sender = list_senders[g_rand_int_range (rand, 0, G_N_ELEMENTS (list_senders))];
  gboolean is_reply = g_rand_boolean (rand);
  g_autofree char *subject = g_strdup_printf ("%s[%s:%05d] %s", is_reply ? "Re: " : "",
                                              list->tag, 1200 + number,
                                              PICK_S (rand, ((const char *[]) {
                                                "次回勉強会の日程", "年末の会合について",
                                                "資料を共有します", "アンケートご協力のお願い" })));
  g_autofree char *bounce = g_strdup_printf ("%.*s-bounces@%s",
                                             (int) (strchr (list->list_address, '@') - list->list_address),
                                             list->list_address, strchr (list->list_address, '@') + 1);
  g_autofree char *extra = g_strdup_printf ("Reply-To: %s\r\nList-Id: %s <%s>\r\n"
                                            "List-Post: <mailto:%s>\r\nList-Unsubscribe: "
                                            "<mailto:%s?subject=unsubscribe>\r\n"
                                            "Return-Path: <%s>\r\nPrecedence: list\r\n",
                                            list->list_address, list->tag, list->list_id,
                                            list->list_address, list->list_address, bounce);
  g_autofree char *body = NULL;
  g_autofree char *text = NULL;
  CorpusEncoding encoding = g_rand_boolean (rand) ? CORPUS_ISO_2022_JP : CORPUS_UTF8_B64;
  CorpusHeaders headers = { sender[0], sender[1], list->list_address, subject,
                            g_rand_int_range (rand, 2, 28), g_rand_int_range (rand, 0, 24),
                            g_rand_int_range (rand, 0, 60), extra, encoding };

  if (is_reply)
    body = g_strdup_printf ("皆さま\n\n%sです。\n参加します。当日はよろしくお願いします。\n\n"
                            "On 2026/11/20 9:12, 世話人 wrote:\n> 次回は12月5日（土）14時からの予定です。\n"
                            "> 出欠をこのリストに返信してください。\n\n--\n%s\n", sender[0], list->list_name);
  else
    body = g_strdup_printf ("皆さま\n\nいつもお世話になっております。%sです。\n"
                            "次回の会合について、日程調整のため下記のフォームにご回答ください。\n"
                            "https://forms.example-survey.net/f/%08x\n\n--\n%s\n"
                            "配信停止: https://%s/mailman/listinfo\n", sender[0], g_rand_int (rand),
                            list->list_name, strchr (list->list_address, '@') + 1);
  text = corpus_text_part ("plain", body, encoding);
  return corpus_message (&headers, text);
}

/* A billing service sends on the partner's behalf; replies go to the partner. */
static GBytes *
billing (GRand *rand,
         int    number)
{
  static const char * const issuers[][2] = {
    { "金田産業株式会社", "keiri@kaneda-sangyo.co.jp" },
    { "みなと物流株式会社", "billing@minato-logi.co.jp" },
    { "青空税理士法人", "office@aozora-tax.jp" },
  };
  const char * const *issuer = issuers[number % G_N_ELEMENTS (issuers)];
  g_autofree char *code = g_strdup_printf ("%08X", g_rand_int (rand));
  g_autofree char *url = g_strdup_printf ("https://www.cloud-seikyu.example/invoices/%s", code);
  g_autofree char *body = g_strdup_printf ("株式会社アワ商事\nご担当者様\n\n%sより請求書が発行されました。\n\n"
                                           "請求書番号: INV-2026-%04d\n金額: ¥%d,%03d\n"
                                           "支払期限: 2026年12月31日\n\n下記URLから請求書をご確認ください。\n%s\n\n"
                                           "※このメールは送信専用アドレスから送信しています。\n"
                                           "ご不明な点は%s（%s）へ直接お問い合わせください。\n",
                                           issuer[0], number, g_rand_int_range (rand, 10, 999),
                                           g_rand_int_range (rand, 0, 999), url, issuer[0],
                                           issuer[1]);
  g_autofree char *html = g_strdup_printf ("<html><body><p>%sより請求書が発行されました。</p>"
                                           "<p><a href=\"https://click.example-mail.net/?u=%s\" "
                                           "style=\"background:#06c\">請求書を確認する</a></p>"
                                           "</body></html>", issuer[0], url);
  g_autofree char *subject = g_strdup_printf ("%sより請求書が届いています", issuer[0]);
  g_autofree char *extra = g_strdup_printf ("Reply-To: %s\r\nReturn-Path: <bounce+%s@mail."
                                            "cloud-seikyu.example>\r\n", issuer[1], code);
  g_autofree char *text_part = corpus_text_part ("plain", body, CORPUS_UTF8_B64);
  g_autofree char *html_part = corpus_text_part ("html", html, CORPUS_UTF8_QP);
  g_autofree char *entity = number % 2 == 0 ? corpus_multipart ("alternative", text_part,
                                                                html_part, NULL)
                                            : g_strdup (text_part);
  CorpusHeaders headers = { "クラウド請求書サービス", "noreply@cloud-seikyu.example",
                            "keiri@ourcorp.co.jp", subject, g_rand_int_range (rand, 2, 28),
                            g_rand_int_range (rand, 0, 24), g_rand_int_range (rand, 0, 60), extra,
                            CORPUS_UTF8_B64 };

  return corpus_message (&headers, entity);
}

/* A file-transfer service's notice; replies go to whoever uploaded. */
static GBytes *
file_transfer (GRand *rand,
               int    number)
{
  static const char * const uploaders[][3] = {
    { "中村 誠", "金田産業株式会社", "m-nakamura@kaneda-sangyo.co.jp" },
    { "加藤 大輔", "さくら設計事務所", "d-kato@sakura-sekkei.co.jp" },
    { "吉田 恵", "ひかり印刷株式会社", "m-yoshida@hikari-print.co.jp" },
  };
  const char * const *uploader = uploaders[number % G_N_ELEMENTS (uploaders)];
  g_autofree char *body = g_strdup_printf ("%s 様（%s）から、ファイルが届いています。\n\n"
                                           "ダウンロードURL:\nhttps://filebin-service.example/d/%08x\n"
                                           "有効期限: 2026/11/30 23:59\n\nメッセージ:\n%s\n\n"
                                           "このメールに返信すると、送信者に届きます。\n",
                                           uploader[0], uploader[1], g_rand_int (rand),
                                           PICK_S (rand, ((const char *[]) {
                                             "図面一式です。よろしくお願いします。",
                                             "校正データです。", "先日の写真データをお送りします。" })));
  g_autofree char *subject = g_strdup_printf ("%s 様からファイルが届いています", uploader[0]);
  g_autofree char *extra = g_strdup_printf ("Reply-To: %s\r\nReturn-Path: <noreply@"
                                            "filebin-service.example>\r\n", uploader[2]);
  g_autofree char *text = corpus_text_part ("plain", body, CORPUS_ISO_2022_JP);
  CorpusHeaders headers = { "ファイル便", "noreply@filebin-service.example",
                            "t-yamada@ourcorp.co.jp", subject, g_rand_int_range (rand, 2, 28),
                            g_rand_int_range (rand, 0, 24), g_rand_int_range (rand, 0, 60), extra,
                            CORPUS_ISO_2022_JP };

  return corpus_message (&headers, text);
}

/* Our own website's contact form: from our server, Reply-To the visitor. */
static GBytes *
contact_form (GRand *rand,
              int    number)
{
  g_autofree char *visitor = g_strdup_printf ("visitor%03d@mail.example.net", number);
  g_autofree char *body = g_strdup_printf ("ウェブサイトのお問い合わせフォームから送信されました。\n\n"
                                           "お名前: 山本 %s\nメールアドレス: %s\n"
                                           "お問い合わせ種別: 製品について\n"
                                           "お問い合わせ内容:\n%s\n",
                                           PICK_S (rand, ((const char *[]) { "一郎", "和子", "誠" })),
                                           visitor,
                                           PICK_S (rand, ((const char *[]) {
                                             "カタログを送っていただけますか。",
                                             "見積もりをお願いしたいのですが、担当の方からご連絡いただけますでしょうか。",
                                             "納期について教えてください。" })));
  g_autofree char *extra = g_strdup_printf ("Reply-To: %s\r\nReturn-Path: <apache@web01.rental-"
                                            "server.example>\r\n", visitor);
  g_autofree char *text = corpus_text_part ("plain", body, CORPUS_UTF8_8BIT);
  CorpusHeaders headers = { "お問い合わせフォーム", "noreply@ourcorp.co.jp",
                            "info@ourcorp.co.jp", "【お問い合わせ】ウェブサイトより",
                            g_rand_int_range (rand, 2, 28), g_rand_int_range (rand, 0, 24),
                            g_rand_int_range (rand, 0, 60), extra, CORPUS_ISO_2022_JP };

  return corpus_message (&headers, text);
}

static GBytes *
system_notice (GRand *rand,
               int    number)
{
  const char *body = number % 2 == 0
    ? "11月分の勤怠締め日が近づいています。\n下記から入力内容をご確認ください。\nhttps://kintai-cloud.example/ourcorp/login\n"
    : "社内ポータルを更新しました。\nhttp://portal.ourcorp.co.jp/news/2026/11\n";
  g_autofree char *text = corpus_text_part ("plain", body, number % 3 == 0 ? CORPUS_SHIFT_JIS
                                                                           : CORPUS_ISO_2022_JP);
  CorpusHeaders headers = { number % 2 == 0 ? "勤怠管理システム" : "情報システム部",
                            number % 2 == 0 ? "noreply@kintai-cloud.example" : "it-info@ourcorp.co.jp",
                            "all@ourcorp.co.jp",
                            number % 2 == 0 ? "【勤怠】締め日のお知らせ" : "社内ポータル更新のお知らせ",
                            g_rand_int_range (rand, 2, 28), g_rand_int_range (rand, 0, 24), 0, NULL,
                            number % 3 == 0 ? CORPUS_SHIFT_JIS : CORPUS_ISO_2022_JP };

  return corpus_message (&headers, text);
}

/* A colleague's covering note saved from Outlook as .msg. */
static GBytes *
outlook_msg (GRand *rand,
             int    number)
{
  static const char * const senders[][2] = {
    { "佐藤 花子", "h-sato@ourcorp.co.jp" }, { "中村 誠", "m-nakamura@kaneda-sangyo.co.jp" },
    { "高橋 美咲", "m-takahashi@ourcorp.co.jp" },
  };
  const char * const *sender = senders[number % G_N_ELEMENTS (senders)];
  g_autoptr(GBytes) pdf = corpus_pdf ("minutes");
  TaiouTestMsg *msg = taiou_test_msg_new ();
  GBytes *data;
  gboolean is_reply = number % 2 == 1;
  const char *body = is_reply
    ? "承知しました。\r\n\r\n-----Original Message-----\r\nFrom: 山田 太郎\r\n"
      "Sent: Monday, November 23, 2026 10:15 AM\r\nSubject: 議事録\r\n\r\n議事録を共有してください。\r\n"
    : "資料を送付いたします。\r\nご査収ください。\r\n";

  taiou_test_msg_set_long (msg, 0x3FFD, 932);
  taiou_test_msg_set_unicode (msg, 0x001A, "IPM.Note");
  taiou_test_msg_set_unicode (msg, 0x0037, is_reply ? "RE: 議事録" : "議事録の送付");
  taiou_test_msg_set_unicode (msg, 0x0C1A, sender[0]);
  taiou_test_msg_set_unicode (msg, 0x5D01, sender[1]);
  taiou_test_msg_set_time (msg, 0x0039, G_GINT64_CONSTANT (1795400000) + number * 7919 +
                           g_rand_int_range (rand, 0, 3600));
  taiou_test_msg_set_unicode (msg, 0x1000, body);
  taiou_test_msg_add_recipient (msg, "山田 太郎", "t-yamada@ourcorp.co.jp", 1);
  taiou_test_msg_add_attachment (msg, "議事録_1124.pdf", "application/pdf",
                                 g_bytes_get_data (pdf, NULL), g_bytes_get_size (pdf));
  data = taiou_test_msg_build (msg);
  taiou_test_msg_free (msg);
  return data;
}

void
corpus_add_services (GPtrArray *corpus)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (4242);

  for (int i = 0; i < 40; i++)
    corpus_add (corpus, FALSE, "newsletter", "eml", newsletter (rand, i));
  for (int i = 0; i < 36; i++)
    corpus_add (corpus, FALSE, "mailing-list", "eml", list_mail (rand, i));
  for (int i = 0; i < 20; i++)
    corpus_add (corpus, FALSE, "billing-service", "eml", billing (rand, i));
  for (int i = 0; i < 15; i++)
    corpus_add (corpus, FALSE, "file-transfer", "eml", file_transfer (rand, i));
  for (int i = 0; i < 10; i++)
    corpus_add (corpus, FALSE, "contact-form", "eml", contact_form (rand, i));
  for (int i = 0; i < 10; i++)
    corpus_add (corpus, FALSE, "system-notice", "eml", system_notice (rand, i));
  for (int i = 0; i < 12; i++)
    corpus_add (corpus, FALSE, "outlook-msg", "msg", outlook_msg (rand, i));
}
