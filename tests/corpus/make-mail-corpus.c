/* make-mail-corpus.c — writes the synthetic mail corpus (taiou-mail-corpus.h) to a folder
 *
 *   make-mail-corpus DIR   → DIR/ordinary-000-….eml …, DIR/malicious-….eml, DIR/MANIFEST.tsv
 */
#include "config.h"

#include "taiou-mail-corpus.h"

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GPtrArray) corpus = NULL;
  g_autoptr(GError) error = NULL;

  if (argc != 2)
    {
      g_printerr ("usage: %s DIR\n", argv[0]);
      return 2;
    }
  corpus = taiou_mail_corpus_new ();
  if (!taiou_mail_corpus_write (corpus, argv[1], &error))
    {
      g_printerr ("%s\n", error->message);
      return 1;
    }
  g_print ("%u mails written to %s\n", corpus->len, argv[1]);
  return 0;
}
