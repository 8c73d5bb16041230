/* taiou-mail-corpus-evaluate.c — the corpus through the mail check: a confusion matrix
 *
 * Rows are what a mail is (ordinary or malicious-shaped), columns the verdict.  A false alarm is
 * an ordinary mail called 要注意 or 危険 (issue 13: at most 1 %); a miss is a malicious-shaped
 * mail called less than 要注意 (issue 13: none).
 */
#include "config.h"

#include "taiou-mail-corpus-private.h"

static char *
describe (const TaiouMailCorpusItem *item,
          TaiouMailReport           *report)
{
  GString *line = g_string_new (NULL);

  g_string_append_printf (line, "%s (%s): %s, score %d:", item->name, item->shape,
                          taiou_mail_verdict_to_string (report->verdict), report->score);
  for (guint i = 0; i < report->findings->len; i++)
    {
      TaiouFinding *finding = report->findings->pdata[i];

      g_string_append_printf (line, " %s(%d)", finding->rule_id, finding->score);
    }
  return g_string_free (line, FALSE);
}

static gboolean
fired (TaiouMailReport *report,
       const char      *rule_id)
{
  for (guint i = 0; i < report->findings->len; i++)
    if (g_str_equal (((TaiouFinding *) report->findings->pdata[i])->rule_id, rule_id))
      return TRUE;
  return FALSE;
}

TaiouMailCorpusResult *
taiou_mail_corpus_evaluate (GPtrArray   *corpus,
                            const char  *dir,
                            GError     **error)
{
  g_autoptr(TaiouMailCorpusResult) result = g_new0 (TaiouMailCorpusResult, 1);
  g_autoptr(TaiouIocSet) iocs = taiou_mail_corpus_iocs ();
  TaiouMailTriageContext context = {
    .our_domains = taiou_mail_corpus_our_domains (),
    .our_names = taiou_mail_corpus_our_names (),
    .iocs = iocs,
  };
  gint64 spent = 0;

  result->false_alarms = g_ptr_array_new_with_free_func (g_free);
  result->misses = g_ptr_array_new_with_free_func (g_free);
  result->off_target = g_ptr_array_new_with_free_func (g_free);
  result->rules = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  for (guint i = 0; i < corpus->len; i++)
    {
      TaiouMailCorpusItem *item = corpus->pdata[i];
      g_autofree char *path = g_build_filename (dir, item->name, NULL);
      gint64 start = g_get_monotonic_time ();
      g_autoptr(TaiouMailReport) report = taiou_mail_triage_file (path, &context, NULL, error);

      spent += g_get_monotonic_time () - start;
      if (report == NULL)
        {
          g_prefix_error (error, "%s (%s): ", item->name, item->shape);
          return NULL;
        }
      result->counts[item->malicious][report->verdict]++;
      if (!item->malicious && report->verdict != TAIOU_MAIL_VERDICT_NOTHING_FOUND)
        g_ptr_array_add (result->false_alarms, describe (item, report));
      if (item->malicious && report->verdict == TAIOU_MAIL_VERDICT_NOTHING_FOUND)
        g_ptr_array_add (result->misses, describe (item, report));
      if (item->malicious && !fired (report, item->shape))
        g_ptr_array_add (result->off_target, describe (item, report));
      for (guint f = 0; !item->malicious && f < report->findings->len; f++)
        {
          const char *rule = ((TaiouFinding *) report->findings->pdata[f])->rule_id;
          guint seen = GPOINTER_TO_UINT (g_hash_table_lookup (result->rules, rule));

          g_hash_table_replace (result->rules, g_strdup (rule), GUINT_TO_POINTER (seen + 1));
        }
    }
  result->seconds = spent / 1e6;
  return g_steal_pointer (&result);
}

guint
taiou_mail_corpus_result_total (TaiouMailCorpusResult *result,
                                gboolean               malicious)
{
  return result->counts[malicious][0] + result->counts[malicious][1] +
         result->counts[malicious][2];
}

double
taiou_mail_corpus_false_alarm_rate (TaiouMailCorpusResult *result)
{
  guint total = taiou_mail_corpus_result_total (result, FALSE);

  return total == 0 ? 0 : (double) (result->counts[FALSE][1] + result->counts[FALSE][2]) / total;
}

char *
taiou_mail_corpus_result_format (TaiouMailCorpusResult *result)
{
  GString *text = g_string_new (NULL);
  g_autoptr(GList) rules = g_list_sort (g_hash_table_get_keys (result->rules),
                                        (GCompareFunc) g_strcmp0);

  g_string_append_printf (text,
                          "                      nothing-found  suspicious  dangerous  total\n"
                          "ordinary              %13u  %10u  %9u  %5u\n"
                          "malicious-shaped      %13u  %10u  %9u  %5u\n"
                          "false-alarm rate %.2f %% (要注意 or 危険 on ordinary mail); "
                          "%u malicious-shaped below 要注意\n",
                          result->counts[0][0], result->counts[0][1], result->counts[0][2],
                          taiou_mail_corpus_result_total (result, FALSE),
                          result->counts[1][0], result->counts[1][1], result->counts[1][2],
                          taiou_mail_corpus_result_total (result, TRUE),
                          100 * taiou_mail_corpus_false_alarm_rate (result), result->misses->len);
  g_string_append (text, "rules that fired on ordinary mail (findings):");
  for (GList *l = rules; l != NULL; l = l->next)
    g_string_append_printf (text, " %s %u", (char *) l->data,
                            GPOINTER_TO_UINT (g_hash_table_lookup (result->rules, l->data)));
  g_string_append (text, "\n");
  for (guint i = 0; i < result->false_alarms->len; i++)
    g_string_append_printf (text, "false alarm: %s\n", (char *) result->false_alarms->pdata[i]);
  for (guint i = 0; i < result->misses->len; i++)
    g_string_append_printf (text, "missed: %s\n", (char *) result->misses->pdata[i]);
  for (guint i = 0; i < result->off_target->len; i++)
    g_string_append_printf (text, "did not fire its rule: %s\n",
                            (char *) result->off_target->pdata[i]);
  return g_string_free (text, FALSE);
}

void
taiou_mail_corpus_result_free (TaiouMailCorpusResult *result)
{
  if (result == NULL)
    return;
  g_clear_pointer (&result->false_alarms, g_ptr_array_unref);
  g_clear_pointer (&result->misses, g_ptr_array_unref);
  g_clear_pointer (&result->off_target, g_ptr_array_unref);
  g_clear_pointer (&result->rules, g_hash_table_unref);
  g_free (result);
}
