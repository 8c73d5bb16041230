/* test-mail-corpus.c — issue 13's precision and recall targets, on every test run
 *
 * The synthetic corpus (tests/corpus/) is written to a temporary folder and every mail is
 * triaged from its file, as bench-mail-corpus does: at most 1 % of the ordinary mails may be
 * called 要注意 or 危険, and no malicious-shaped mail may be called less than 要注意.
 */
#define G_LOG_DOMAIN "test-mail-corpus"

#include "config.h"

#include <glib/gstdio.h>
#include <string.h>

#include "taiou-mail-corpus.h"

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

static void
test_shape (void)
{
  g_autoptr(GPtrArray) corpus = taiou_mail_corpus_new ();
  g_autoptr(GHashTable) rules = g_hash_table_new (g_str_hash, g_str_equal);
  static const char * const every_rule[] = {
    "mail.display-name-spoof", "mail.display-name-address", "mail.lookalike-domain",
    "mail.link-mismatch", "mail.link-ip-host", "mail.link-download", "mail.too-complex",
    "attachment.macro-ole", "attachment.macro-ooxml", "attachment.xlm-macrosheet",
    "attachment.zip-password-in-body", "attachment.encrypted-zip", "attachment.lnk",
    "attachment.disk-image", "attachment.onenote-embedded", "attachment.executable",
    "attachment.double-extension", "attachment.rtlo", "attachment.script",
    "attachment.unreadable", "ioc.sha256", "ioc.url", "ioc.domain", "ioc.filename",
  };
  guint ordinary = 0, malicious = 0;

  for (guint i = 0; i < corpus->len; i++)
    {
      TaiouMailCorpusItem *item = corpus->pdata[i];

      if (item->malicious)
        {
          malicious++;
          g_hash_table_add (rules, item->shape);
        }
      else
        ordinary++;
    }
  g_assert_cmpuint (ordinary, >=, 300);
  g_assert_cmpuint (malicious, >=, 100);
  for (gsize i = 0; i < G_N_ELEMENTS (every_rule); i++)
    {
      if (!g_hash_table_contains (rules, every_rule[i]))
        g_test_message ("no malicious-shaped mail exercises %s", every_rule[i]);
      g_assert_true (g_hash_table_contains (rules, every_rule[i]));
    }
}

/* Each malicious-shaped mail fires the rule it is meant to exercise, so the corpus tests what
 * its manifest says. */
static void
test_targets (void)
{
  g_autoptr(GPtrArray) corpus = taiou_mail_corpus_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("taiou-mail-corpus-XXXXXX", &error);
  g_autoptr(TaiouMailCorpusResult) result = NULL;
  g_autofree char *summary = NULL;

  g_assert_no_error (error);
  g_assert_true (taiou_mail_corpus_write (corpus, dir, &error));
  g_assert_no_error (error);
  result = taiou_mail_corpus_evaluate (corpus, dir, &error);
  g_assert_no_error (error);
  summary = taiou_mail_corpus_result_format (result);
  g_test_message ("%s", summary);
  remove_tree (dir);

  g_assert_cmpuint (result->off_target->len, ==, 0);
  g_assert_cmpuint (result->misses->len, ==, 0);
  g_assert_cmpfloat (taiou_mail_corpus_false_alarm_rate (result), <=, 0.01);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/mail-corpus/shape", test_shape);
  g_test_add_func ("/mail-corpus/targets", test_targets);
  return g_test_run ();
}
