/* taiou-mail-corpus.h — a synthetic corpus of office mail, ordinary and malicious-shaped
 *
 * Issue 13 measures the mail check on mail shaped like what a Japanese office really receives
 * (replies quoting earlier mail, short covering notes with a PDF, invitations, newsletters whose
 * links go through click trackers, mailing lists, billing and file-transfer services, Outlook
 * .msg, ISO-2022-JP / Shift_JIS / UTF-8) next to malicious-shaped mail that exercises every mail
 * rule.  Everything is generated here, deterministically, from invented names and the
 * tests' fixture builders (taiou-test-fixtures.h): no real person, no real malware.
 */
#pragma once

#include "taiou.h"

G_BEGIN_DECLS

typedef struct
{
  char     *name;       /* a file name: "ordinary-042-reply.eml", "malicious-107-lnk.eml" */
  gboolean  malicious;  /* malicious-shaped: must be at least 要注意 */
  char     *shape;      /* ordinary: what kind of mail ("reply", "newsletter" …); malicious:
                           the rule id it is meant to exercise ("attachment.lnk" …) */
  GBytes   *data;       /* the .eml or .msg bytes */
} TaiouMailCorpusItem;

#define TAIOU_MAIL_CORPUS_OUR_DOMAIN "ourcorp.co.jp"

/* Every mail, ordinary ones first; element type TaiouMailCorpusItem. */
GPtrArray   *taiou_mail_corpus_new      (void);

/* The organisation the corpus is addressed to: its domains, names and an IOC set holding the
 * corpus's synthetic indicators (plus the bundled snapshot when $TAIOU_IOC_DIR is set). */
const char * const *taiou_mail_corpus_our_domains (void);
const char * const *taiou_mail_corpus_our_names   (void);
TaiouIocSet *taiou_mail_corpus_iocs     (void);

/* Writes every item to @dir under its name, plus "MANIFEST.tsv" (name, class, shape). */
gboolean     taiou_mail_corpus_write    (GPtrArray   *corpus,
                                         const char  *dir,
                                         GError     **error);

G_END_DECLS

G_BEGIN_DECLS

/* How the check called the corpus: counts[malicious][verdict], and a line for each ordinary
 * mail called 要注意 or 危険 and each malicious-shaped one called less than 要注意. */
typedef struct
{
  guint      counts[2][3];
  GPtrArray *false_alarms;  /* char *: "name: verdict (score): rule, rule…" */
  GPtrArray *misses;        /* char *: the same */
  GPtrArray *off_target;    /* char *: malicious-shaped mails that did not fire their rule */
  GHashTable *rules;        /* rule id → GUINT: its findings on ordinary mail */
  double     seconds;       /* spent in taiou_mail_triage_file() */
} TaiouMailCorpusResult;

/* Triages every item from its file in @dir (taiou_mail_corpus_write()). */
TaiouMailCorpusResult *taiou_mail_corpus_evaluate      (GPtrArray             *corpus,
                                                        const char            *dir,
                                                        GError               **error);
guint                  taiou_mail_corpus_result_total  (TaiouMailCorpusResult *result,
                                                        gboolean               malicious);
double                 taiou_mail_corpus_false_alarm_rate (TaiouMailCorpusResult *result);
/* The confusion matrix and the lists, as text for a log. */
char                  *taiou_mail_corpus_result_format (TaiouMailCorpusResult *result);
void                   taiou_mail_corpus_result_free   (TaiouMailCorpusResult *result);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (TaiouMailCorpusResult, taiou_mail_corpus_result_free)

G_END_DECLS
