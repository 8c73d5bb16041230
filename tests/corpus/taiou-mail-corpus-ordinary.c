/* taiou-mail-corpus-ordinary.c — ordinary office mail, as it really arrives
 *
 * The shapes issue 13 found called 要注意 or 危険 in a real office's mail are all here, many
 * times over and in every encoding: a colleague's two-line covering note with a PDF, sent late
 * at night; replies and forwards quoting earlier mail; billing, file-transfer and contact-form
 * services whose Reply-To is not their own domain; mailing lists; newsletters whose links go
 * through a click tracker that carries the address the link shows.  The people and companies
 * are invented.
 */
#include "config.h"

#include <string.h>

#include "taiou-mail-corpus-private.h"

typedef struct
{
  const char *name;
  const char *local;
  const char *domain;
  const char *company;
} Person;

static const Person colleagues[] = {
  { "山田 太郎", "t-yamada", "ourcorp.co.jp", "株式会社アワ商事 営業部" },
  { "佐藤 花子", "h-sato", "ourcorp.co.jp", "株式会社アワ商事 総務部" },
  { "鈴木 一郎", "i-suzuki", "ourcorp.co.jp", "株式会社アワ商事 経理部" },
  { "高橋 美咲", "m-takahashi", "ourcorp.co.jp", "株式会社アワ商事 企画部" },
  { "田中 健太", "k-tanaka", "tokyo.ourcorp.co.jp", "株式会社アワ商事 東京支店" },
  { "伊藤 直子", "n-ito", "ourcorp.co.jp", "株式会社アワ商事 人事部" },
};

static const Person partners[] = {
  { "中村 誠", "m-nakamura", "kaneda-sangyo.co.jp", "金田産業株式会社" },
  { "小林 由美", "y-kobayashi", "minato-logi.co.jp", "みなと物流株式会社" },
  { "加藤 大輔", "d-kato", "sakura-sekkei.co.jp", "さくら設計事務所" },
  { "吉田 恵", "m-yoshida", "hikari-print.co.jp", "ひかり印刷株式会社" },
  { "松本 翔", "s-matsumoto", "aozora-tax.jp", "青空税理士法人" },
  { "井上 真理", "m-inoue", "nishi-denki.co.jp", "西電機株式会社" },
  { "木村 拓也", "t-kimura", "mail.kita-kensetsu.co.jp", "北建設株式会社" },
};

static const Person english[] = {
  { "Emily Carter", "emily.carter", "northwind-traders.com", "Northwind Traders" },
  { "David Chen", "dchen", "contoso-systems.com", "Contoso Systems Ltd." },
  { "Sarah Miller", "s.miller", "fabrikam.co.uk", "Fabrikam UK" },
};

#define PICK(rand, array) (&(array)[g_rand_int_range ((rand), 0, G_N_ELEMENTS (array))])
#define PICK_S(rand, array) ((array)[g_rand_int_range ((rand), 0, G_N_ELEMENTS (array))])

static char *
address_of (const Person *person)
{
  return g_strdup_printf ("%s@%s", person->local, person->domain);
}

/* Mostly ISO-2022-JP, as Japanese mail programs send; the rest in every other form seen. */
static CorpusEncoding
japanese_encoding (GRand *rand)
{
  static const CorpusEncoding weights[] = {
    CORPUS_ISO_2022_JP, CORPUS_ISO_2022_JP, CORPUS_ISO_2022_JP, CORPUS_ISO_2022_JP,
    CORPUS_UTF8_B64, CORPUS_UTF8_B64, CORPUS_UTF8_QP, CORPUS_UTF8_8BIT, CORPUS_SHIFT_JIS,
    CORPUS_SHIFT_JIS_B64,
  };

  return PICK_S (rand, weights);
}

static CorpusNameStyle
name_style (GRand *rand)
{
  return (CorpusNameStyle) g_rand_int_range (rand, 0, 3);
}

/* Office hours, and now and then late at night or before dawn: people do work then. */
static int
sending_hour (GRand *rand)
{
  static const int late[] = { 22, 23, 0, 1, 4 };

  if (g_rand_int_range (rand, 0, 6) == 0)
    return PICK_S (rand, late);
  return g_rand_int_range (rand, 8, 20);
}

static char *
signature (GRand        *rand,
           const Person *person)
{
  g_autofree char *address = address_of (person);

  switch (g_rand_int_range (rand, 0, 3))
    {
    case 0:
      return g_strdup_printf ("\n━━━━━━━━━━━━━━━━━━━━\n%s\n%s\nTEL: 03-5555-%04d\nMail: %s\n"
                              "━━━━━━━━━━━━━━━━━━━━\n", person->company, person->name,
                              g_rand_int_range (rand, 1000, 9999), address);
    case 1:
      return g_strdup_printf ("\n-- \n%s\n%s <%s>\n", person->company, person->name, address);
    default:
      return g_strdup_printf ("\n%s\n", person->name);
    }
}

static const char * const documents[] = {
  "見積書_2026年11月分", "請求書_202611", "議事録_定例会議", "提案書_v2", "発注書", "納品書",
  "作業報告書", "会議資料", "仕様書_改訂版", "稟議書", "出張報告", "売上集計_11月",
};

static const char * const covering_notes[] = {
  "資料を送付いたします。\nご査収ください。\n",
  "お疲れ様です。\n資料を添付します。ご確認お願いします。\n",
  "お疲れさまです。\n標記の件、添付の通りです。\n",
  "いつもお世話になっております。\n資料をお送りします。ご確認のほどよろしくお願いいたします。\n",
  "添付ファイルをご確認ください。\nよろしくお願いします。\n",
  "先ほどお話しした資料です。\n",
};

/* A document of the kind its name says, and its MIME type. */
static GBytes *
document (GRand       *rand,
          const char  *title,
          char       **name,
          const char **mime_type)
{
  switch (g_rand_int_range (rand, 0, 4))
    {
    case 0:
      *name = g_strdup_printf ("%s.xlsx", title);
      *mime_type = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
      return corpus_xlsx ();
    default:
      *name = g_strdup_printf ("%s.pdf", title);
      *mime_type = "application/pdf";
      return corpus_pdf (title);
    }
}

static GBytes *
covering_note (GRand        *rand,
               const Person *sender,
               const Person *recipient,
               gboolean      external)
{
  const char *title = PICK_S (rand, documents);
  const char *mime_type;
  g_autofree char *file_name = NULL;
  g_autoptr(GBytes) content = document (rand, title, &file_name, &mime_type);
  g_autofree char *sign = signature (rand, sender);
  g_autofree char *body = NULL;
  g_autofree char *from = address_of (sender);
  g_autofree char *to = address_of (recipient);
  g_autofree char *subject = g_strdup_printf ("%s送付の件", title);
  CorpusEncoding encoding = japanese_encoding (rand);
  g_autofree char *text = NULL;
  g_autofree char *file = NULL;
  g_autofree char *entity = NULL;
  CorpusHeaders headers = { sender->name, from, to, subject, g_rand_int_range (rand, 2, 28),
                            sending_hour (rand), g_rand_int_range (rand, 0, 60), NULL, encoding };

  if (external)
    body = g_strdup_printf ("%s\n%s様\n\nいつもお世話になっております。\n%sの%sです。\n\n%s%s",
                            recipient->company, recipient->name, sender->company, sender->name,
                            PICK_S (rand, covering_notes), sign);
  else
    body = g_strdup_printf ("%sさん\n\n%s%s", recipient->name, PICK_S (rand, covering_notes), sign);
  text = corpus_text_part ("plain", body, encoding);
  file = corpus_file_part (file_name, mime_type, content, name_style (rand));
  entity = corpus_multipart ("mixed", text, file, NULL);
  return corpus_message (&headers, entity);
}

static const char * const earlier_messages[] = {
  "来週の打ち合わせの日程について、候補日をいくつかいただけますでしょうか。\n",
  "先日はお忙しいところありがとうございました。\nいただいたご指摘を反映した版を作成しております。\n",
  "納期の件ですが、12月第1週でご調整いただくことは可能でしょうか。\n",
  "お見積りの金額について、社内で確認いたしました。\n数量を変更した場合の単価もご教示ください。\n",
  "会議室の予約が取れましたので、14時から3F会議室Aでお願いします。\n",
};

static const char * const replies[] = {
  "承知しました。よろしくお願いします。\n",
  "ご連絡ありがとうございます。\n内容、確認いたしました。\n",
  "ありがとうございます。\n候補日ですが、25日（水）の午後でいかがでしょうか。\n",
  "了解しました。\n修正版を添付いたします。\n",
  "お世話になっております。\n社内で検討のうえ、改めてご連絡いたします。\n取り急ぎ御礼まで。\n",
};

/* The earlier message, quoted the way one of the common mail programs quotes it. */
static char *
quoted_history (GRand        *rand,
                const Person *earlier_sender,
                const char   *subject,
                int           day)
{
  g_autofree char *address = address_of (earlier_sender);
  const char *earlier = PICK_S (rand, earlier_messages);
  g_auto(GStrv) lines = g_strsplit (earlier, "\n", -1);
  g_autoptr(GString) quoted = g_string_new (NULL);

  switch (g_rand_int_range (rand, 0, 4))
    {
    case 0:  /* Thunderbird, Becky! */
      g_string_append_printf (quoted, "\nOn 2026/11/%02d 15:04, %s wrote:\n", day, earlier_sender->name);
      for (guint i = 0; lines[i] != NULL && *lines[i] != '\0'; i++)
        g_string_append_printf (quoted, "> %s\n", lines[i]);
      return g_string_free (g_steal_pointer (&quoted), FALSE);
    case 1:  /* Outlook, English */
      return g_strdup_printf ("\n-----Original Message-----\nFrom: %s <%s>\n"
                              "Sent: Friday, November %d, 2026 3:04 PM\nTo: info\n"
                              "Subject: %s\n\n%s", earlier_sender->name, address, day, subject,
                              earlier);
    case 2:  /* Outlook, Japanese */
      return g_strdup_printf ("\n差出人: %s <%s>\n送信日時: 2026年11月%d日 15:04\n宛先: 担当者\n"
                              "件名: %s\n\n%s", earlier_sender->name, address, day, subject,
                              earlier);
    default:  /* Gmail */
      g_string_append_printf (quoted, "\n2026年11月%d日(金) 15:04 %s <%s>:\n", day,
                              earlier_sender->name, address);
      for (guint i = 0; lines[i] != NULL && *lines[i] != '\0'; i++)
        g_string_append_printf (quoted, "> %s\n", lines[i]);
      return g_string_free (g_steal_pointer (&quoted), FALSE);
    }
}

static GBytes *
reply (GRand        *rand,
       const Person *sender,
       const Person *recipient,
       gboolean      forward)
{
  const char *topic = PICK_S (rand, documents);
  g_autofree char *subject = g_strdup_printf ("%s%sの件", forward ? PICK_S (rand, ((const char *[]) { "転送: ", "FW: ", "Fwd: " }))
                                                                  : PICK_S (rand, ((const char *[]) { "Re: ", "RE: ", "Re: Re: ", "返信: " })),
                                              topic);
  g_autofree char *from = address_of (sender);
  g_autofree char *to = address_of (recipient);
  int day = g_rand_int_range (rand, 3, 28);
  g_autofree char *history = quoted_history (rand, recipient, topic, day - 1);
  g_autofree char *sign = signature (rand, sender);
  g_autofree char *body = g_strdup_printf ("%s様\n\n%s%s%s", recipient->name,
                                           forward ? "下記、転送いたします。ご確認ください。\n"
                                                   : PICK_S (rand, replies), sign, history);
  g_autofree char *extra = g_strdup_printf ("In-Reply-To: <%08X@%s>\r\nReferences: <%08X@%s>\r\n",
                                            g_str_hash (topic), recipient->domain,
                                            g_str_hash (topic), recipient->domain);
  CorpusEncoding encoding = japanese_encoding (rand);
  CorpusHeaders headers = { sender->name, from, to, subject, day, sending_hour (rand),
                            g_rand_int_range (rand, 0, 60), extra, encoding };
  g_autofree char *text = corpus_text_part ("plain", body, encoding);
  g_autofree char *entity = NULL;

  if (g_rand_int_range (rand, 0, 3) == 0)
    {
      const char *mime_type;
      g_autofree char *file_name = NULL;
      g_autoptr(GBytes) content = document (rand, topic, &file_name, &mime_type);
      g_autofree char *file = corpus_file_part (file_name, mime_type, content, name_style (rand));

      entity = corpus_multipart ("mixed", text, file, NULL);
    }
  else if (forward && g_rand_boolean (rand))
    {
      /* Forwarded as an attachment, with the original's PDF inside. */
      g_autoptr(GBytes) pdf = corpus_pdf (topic);
      g_autofree char *file_name = g_strdup_printf ("%s.pdf", topic);
      g_autofree char *file = corpus_file_part (file_name, "application/pdf", pdf,
                                                CORPUS_NAME_RFC2231_UTF8);
      g_autofree char *inner_text = corpus_text_part ("plain", "資料をお送りします。ご確認ください。\n",
                                                      CORPUS_ISO_2022_JP);
      g_autofree char *inner_entity = corpus_multipart ("mixed", inner_text, file, NULL);
      g_autofree char *inner_from = address_of (recipient);
      CorpusHeaders inner_headers = { recipient->name, inner_from, "team@ourcorp.co.jp", topic,
                                      day - 1, 15, 4, NULL, CORPUS_ISO_2022_JP };
      g_autoptr(GBytes) inner = corpus_message (&inner_headers, inner_entity);
      g_autofree char *attached = corpus_message_part (inner);

      entity = corpus_multipart ("mixed", text, attached, NULL);
    }
  else
    entity = g_strdup (text);
  return corpus_message (&headers, entity);
}

static GBytes *
english_mail (GRand *rand)
{
  const Person *sender = PICK (rand, english);
  const Person *recipient = PICK (rand, colleagues);
  g_autofree char *from = address_of (sender);
  g_autofree char *to = address_of (recipient);
  gboolean is_reply = g_rand_boolean (rand);
  const char *topic = PICK_S (rand, ((const char *[]) { "Q3 report", "Shipping schedule",
                                                        "Revised quotation", "Meeting notes",
                                                        "Contract draft" }));
  g_autofree char *subject = g_strdup_printf ("%s%s", is_reply ? "RE: " : "", topic);
  g_autofree char *body = NULL;
  g_autofree char *text = NULL;
  g_autofree char *entity = NULL;
  g_autoptr(GBytes) xlsx = corpus_xlsx ();
  g_autofree char *file = corpus_file_part ("Q3_summary.xlsx",
                                            "application/vnd.openxmlformats-officedocument."
                                            "spreadsheetml.sheet", xlsx, CORPUS_NAME_RFC2231_UTF8);
  CorpusHeaders headers = { sender->name, from, to, subject, g_rand_int_range (rand, 2, 28),
                            sending_hour (rand), g_rand_int_range (rand, 0, 60), NULL,
                            CORPUS_UTF8_B64 };

  if (is_reply)
    body = g_strdup_printf ("Hi %s,\n\nThanks, that works for us.\n\nBest regards,\n%s\n\n"
                            "On Mon, Nov 23, 2026 at 10:15 AM %s <%s> wrote:\n"
                            "> Could you confirm the figures by Friday?\n> Thank you.\n",
                            recipient->name, sender->name, recipient->name, to);
  else
    body = g_strdup_printf ("Hello %s,\n\nPlease find attached the %s.\n\nBest regards,\n%s\n%s\n",
                            recipient->name, topic, sender->name, sender->company);
  text = corpus_text_part ("plain", body, g_rand_boolean (rand) ? CORPUS_UTF8_QP : CORPUS_UTF8_8BIT);
  entity = g_rand_boolean (rand) ? corpus_multipart ("mixed", text, file, NULL) : g_strdup (text);
  return corpus_message (&headers, entity);
}

/* An Outlook meeting request: text, HTML and the text/calendar REQUEST, sometimes with a
 * Teams or Zoom link, sometimes with the .ics attached as Google Calendar does. */
static GBytes *
invitation (GRand *rand)
{
  const Person *sender = g_rand_boolean (rand) ? PICK (rand, colleagues) : PICK (rand, partners);
  g_autofree char *from = address_of (sender);
  const char *topic = PICK_S (rand, ((const char *[]) { "定例会議", "プロジェクト進捗確認",
                                                        "新製品説明会", "打ち合わせ", "面談" }));
  const char *join = PICK_S (rand, ((const char *[]) {
    NULL, "https://teams.microsoft.com/l/meetup-join/19%3ameeting_NmQ0ZTM2%40thread.v2/0",
    "https://us02web.zoom.us/j/81234567890?pwd=cXdlcnR5dWlvcA" }));
  int day = g_rand_int_range (rand, 2, 28), hour = g_rand_int_range (rand, 9, 18);
  g_autofree char *subject = g_strdup_printf ("%s: %s", g_rand_boolean (rand) ? "招待" : "会議出席依頼",
                                              topic);
  g_autoptr(GBytes) ics = corpus_ics (topic, day, hour, from, join);
  g_autofree char *body = g_strdup_printf ("%s\n日時: 2026年11月%d日 %d:00-%d:00\n場所: %s\n\n"
                                           "ご都合をお知らせください。\n", topic, day, hour,
                                           hour + 1, join != NULL ? join : "本社 3F 会議室A");
  g_autofree char *html = g_strdup_printf ("<html><body><p>%s</p><p>日時: 2026年11月%d日 %d:00</p>"
                                           "%s%s%s</body></html>", topic, day, hour,
                                           join != NULL ? "<p><a href=\"" : "",
                                           join != NULL ? join : "",
                                           join != NULL ? "\">会議に参加する</a></p>" : "");
  g_autofree char *text = corpus_text_part ("plain", body, CORPUS_ISO_2022_JP);
  g_autofree char *html_part = corpus_text_part ("html", html, CORPUS_UTF8_QP);
  g_autofree char *calendar = g_strdup_printf ("Content-Type: text/calendar; charset=\"utf-8\"; "
                                               "method=REQUEST\r\nContent-Transfer-Encoding: "
                                               "8bit\r\n\r\n%.*s\r\n",
                                               (int) g_bytes_get_size (ics),
                                               (const char *) g_bytes_get_data (ics, NULL));
  g_autofree char *alternative = corpus_multipart ("alternative", text, html_part, calendar, NULL);
  g_autofree char *entity = NULL;
  CorpusHeaders headers = { sender->name, from, "team@ourcorp.co.jp", subject, day - 1,
                            sending_hour (rand), 30, NULL, CORPUS_ISO_2022_JP };

  if (g_rand_boolean (rand))
    {
      g_autofree char *file = corpus_file_part ("invite.ics", "application/ics", ics,
                                                CORPUS_NAME_RFC2231_UTF8);

      entity = corpus_multipart ("mixed", alternative, file, NULL);
    }
  else
    entity = g_strdup (alternative);
  return corpus_message (&headers, entity);
}

void
corpus_add_ordinary (GPtrArray *corpus)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (20261124);

  for (guint i = 0; i < 40; i++)
    {
      const Person *sender = PICK (rand, colleagues);
      const Person *recipient = &colleagues[(sender - colleagues + 1) % G_N_ELEMENTS (colleagues)];

      corpus_add (corpus, FALSE, "colleague-covering-note", "eml",
                  covering_note (rand, sender, recipient, FALSE));
    }
  for (guint i = 0; i < 30; i++)
    corpus_add (corpus, FALSE, "partner-covering-note", "eml",
                covering_note (rand, PICK (rand, partners), PICK (rand, colleagues), TRUE));
  for (guint i = 0; i < 60; i++)
    {
      gboolean internal = i % 3 == 0;
      const Person *sender = internal ? PICK (rand, colleagues) : PICK (rand, partners);
      const Person *recipient = internal ? &colleagues[i % G_N_ELEMENTS (colleagues)]
                                         : PICK (rand, colleagues);

      if (!internal && i % 2 == 0)
        {
          const Person *swap = sender;

          sender = PICK (rand, colleagues);
          recipient = swap;
        }
      if (sender == recipient)
        recipient = PICK (rand, partners);
      corpus_add (corpus, FALSE, "reply", "eml", reply (rand, sender, recipient, FALSE));
    }
  for (guint i = 0; i < 25; i++)
    corpus_add (corpus, FALSE, "forward", "eml",
                reply (rand, PICK (rand, colleagues), PICK (rand, partners), TRUE));
  for (guint i = 0; i < 30; i++)
    corpus_add (corpus, FALSE, "invitation", "eml", invitation (rand));
  for (guint i = 0; i < 25; i++)
    corpus_add (corpus, FALSE, "english-office", "eml", english_mail (rand));
  corpus_add_services (corpus);
}
