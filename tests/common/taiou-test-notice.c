/* taiou-test-notice.c — one fixed, plausible set of notice variables for the tests
 *
 * The values read as a real incident would fill them, so that the golden files in
 * tests/data/notice-golden/ can be read as the letters people will receive.  Each value is
 * different from the others (each date too), so a test can tell whether each one is used.
 */
#define G_LOG_DOMAIN "taiou-test"

#include "config.h"

#include "taiou-test-notice.h"

static const struct
{
  const char *name;
  int         month;
  int         day;
} dates[] = {
  { "discovery_date", 11, 23 },
  { "first_notice_date", 11, 24 },
  { "notice_date", 12, 4 },
};

/* A list variable holds one item a line. */
static const struct
{
  const char *name;
  const char *value;
} values[] = {
  { "company", "株式会社アワ商事" },
  { "our_domains", "ourcorp.co.jp\nmail.ourcorp.co.jp" },
  { "contact_department", "総務部 情報システム課" },
  { "contact_name", "山田 太郎" },
  { "contact_phone", "03-1234-5678" },
  { "contact_email", "joho@ourcorp.co.jp" },
  { "contact_hours", "平日 9:00〜17:00" },
  { "affected_department", "営業部" },
  { "spoofed_names", "営業部 佐藤 花子\n経理部 鈴木 一郎" },
  { "timeline",
    "2026年11月23日　従業員のパソコン 1 台で Emotet への感染の可能性を確認\n"
    "2026年11月23日　当該パソコンをネットワークから切り離し\n"
    "2026年11月25日　外部の専門家による調査を開始" },
  { "person_name", "田中 一郎" },
  { "incident_summary",
    "弊社営業部のパソコン 1 台がマルウェア「Emotet」に感染し、"
    "当該パソコンに保存されていたメールの送受信履歴とアドレス帳が外部に送信されたおそれが"
    "あることが判明いたしました。" },
  { "leaked_items", "氏名\nメールアドレス\nメールの本文に記載された会社名・電話番号" },
  { "person_count", "約 1,200 名（メールアドレスの数による概数）" },
  { "cause",
    "取引先を装ったメールに添付されていた Word ファイルを従業員が開き、"
    "マクロを有効にしたため、マルウェアに感染したものと考えられます。" },
  { "secondary_damage",
    "現時点で、お客様の情報が不正に利用された事実は確認されておりません。"
    "ただし、弊社を装った不審なメールがお客様に届くおそれがございます。" },
  { "person_response", "対象となるご本人に、書面および電子メールにより順次お知らせしております。" },
  { "publication", "弊社 Web サイトに「お詫びとお知らせ」を掲載いたしました。" },
  { "prevention",
    "全従業員のパソコンの点検、マクロの実行を制限する設定の導入、"
    "従業員への注意喚起と研修を実施しております。" },
  { "other_notes", "所轄の警察署のサイバー犯罪相談窓口に相談しております。" },
  { "report_kind", "速報（確報は調査の完了後に提出予定）" },
  { "investigation_result",
    "外部の専門家による調査の結果、感染したパソコンは 1 台のみであり、"
    "ほかのパソコンやサーバーへの感染の広がりはないことを確認いたしました。" },
  { "damage_status",
    "感染したパソコンに保存されていたメールの送受信履歴とアドレス帳が"
    "外部に送信されたことを確認いたしました。"
    "現時点で、金銭的な被害のご報告はいただいておりません。" },
  { "measures",
    "全従業員のパソコンのウイルス対策ソフトを最新の状態に更新\n"
    "Word・Excel のマクロの実行を制限する設定を導入\n"
    "全従業員への注意喚起と研修を実施" },
};

static char *
value_for (const char **key,
           const char  *name)
{
  for (gsize i = 0; i < G_N_ELEMENTS (dates); i++)
    if (g_str_equal (dates[i].name, name))
      {
        /* A calendar date, the same in every time zone. */
        g_autoptr(GDateTime) date = g_date_time_new_utc (2026, dates[i].month, dates[i].day,
                                                         0, 0, 0);

        *key = dates[i].name;
        return taiou_notice_format_date (date);
      }
  for (gsize i = 0; i < G_N_ELEMENTS (values); i++)
    if (g_str_equal (values[i].name, name))
      {
        *key = values[i].name;
        return g_strdup (values[i].value);
      }
  return NULL;
}

/**
 * taiou_test_notice_variables:
 * @notice: a template
 *
 * Returns: (transfer full): a value for every variable @notice declares, required and
 *   optional; the keys are static, so a test may replace a value with a literal key
 */
GHashTable *
taiou_test_notice_variables (TaiouNoticeTemplate *notice)
{
  GHashTable *variables = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, g_free);
  const char * const *lists[] = { taiou_notice_template_get_required (notice),
                                  taiou_notice_template_get_optional (notice) };

  for (guint l = 0; l < G_N_ELEMENTS (lists); l++)
    for (guint i = 0; lists[l][i] != NULL; i++)
      {
        const char *key = NULL;
        char *value = value_for (&key, lists[l][i]);

        if (value == NULL)
          g_error ("%s: the variable %s has no test value; add one in %s",
                   taiou_notice_template_get_name (notice), lists[l][i], __FILE__);
        g_hash_table_insert (variables, (gpointer) key, value);
      }
  return variables;
}
