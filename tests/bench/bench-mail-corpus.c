/* bench-mail-corpus.c — precision and recall of the mail check on the synthetic corpus
 *
 *   meson test -C _build --benchmark --suite mail   (or run the binary; an optional argument
 *   names the folder to write the corpus to, kept afterwards)
 *
 * Issue 13: the corpus (tests/corpus/: ≥ 300 ordinary office mails, ≥ 100 malicious-shaped
 * ones) is generated, written to files and triaged from them as the app does.  Prints the
 * confusion matrix per verdict and two targets: the false-alarm rate (要注意 or 危険 on
 * ordinary mail) ≤ 1 %, and no malicious-shaped mail below 要注意.  test-mail-corpus asserts
 * the same on every test run; this prints the figures for tests/bench/RESULTS.md.
 */
#define G_LOG_DOMAIN "bench-mail-corpus"

#include "config.h"

#include <glib/gstdio.h>
#include <locale.h>

#include "taiou-mail-corpus.h"

#include "bench-report.h"

static void
remove_tree (const char *dir)
{
  g_autoptr(GDir) handle = g_dir_open (dir, 0, NULL);
  const char *name;

  while (handle != NULL && (name = g_dir_read_name (handle)) != NULL)
    {
      g_autofree char *path = g_build_filename (dir, name, NULL);

      g_remove (path);
    }
  g_rmdir (dir);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GPtrArray) corpus = taiou_mail_corpus_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = argc > 1 ? g_strdup (argv[1])
                                  : g_dir_make_tmp ("taiou-mail-corpus-XXXXXX", &error);
  g_autoptr(TaiouMailCorpusResult) result = NULL;
  g_autofree char *summary = NULL;
  double rate;
  gboolean pass = TRUE;

  setlocale (LC_ALL, "");
  if (dir == NULL || !taiou_mail_corpus_write (corpus, dir, &error) ||
      (result = taiou_mail_corpus_evaluate (corpus, dir, &error)) == NULL)
    g_error ("%s", error->message);
  if (argc <= 1)
    remove_tree (dir);

  summary = taiou_mail_corpus_result_format (result);
  g_print ("%u mails (%u ordinary, %u malicious-shaped), triaged in %.2f s\n%s", corpus->len,
           taiou_mail_corpus_result_total (result, FALSE),
           taiou_mail_corpus_result_total (result, TRUE), result->seconds, summary);
  rate = taiou_mail_corpus_false_alarm_rate (result);
  pass &= bench_report ("mail-corpus-false-alarm-rate", 100 * rate, "%", "<= 1 %", NULL, 0,
                        rate <= 0.01);
  pass &= bench_report ("mail-corpus-malicious-below-notice", result->misses->len, "mails",
                        "= 0", NULL, 0, result->misses->len == 0);
  return pass ? 0 : 1;
}
