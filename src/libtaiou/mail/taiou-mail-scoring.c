/* taiou-mail-scoring.c — from a mail's findings to one score, with weak signals kept weak
 *
 * Some findings describe most ordinary business mail as well as an attack: a short covering
 * note ("資料を送付いたします。ご査収ください。"), a reply quoting earlier mail, a mail sent late
 * at night, a Reply-To or bounce address at a billing, file-transfer or mailing-list service.
 * Emotet's mails had these shapes too, so they are worth saying, and they make a mail that
 * carries a real indicator (a macro, a program, a lying link, a spoofed sender) more
 * certainly an attack.  Alone, or all together, they are not a reason to alarm anyone:
 * measured on a corpus of ordinary office mail (issue 13) they called 29 % of it 要注意.  So
 * without a real indicator their total stays just below 要注意, and they still appear among
 * the reasons.
 */
#define G_LOG_DOMAIN "taiou-mail-triage"

#include "config.h"

#include "taiou-mail-triage-private.h"

static const char * const weak_rules[] = {
  "mail.short-body",
  "mail.late-night",
  "mail.reply-chain",
  "mail.reply-to-elsewhere",
  "mail.return-path-elsewhere",  /* every mailing service sends with its own bounce address */
  "mail.missing-headers",        /* scripts and scanners send mail without a Date or Subject */
  "mail.first-contact",          /* every new partner writes for the first time once */
};

gboolean
_taiou_mail_rule_is_weak (const char *rule_id)
{
  for (gsize i = 0; i < G_N_ELEMENTS (weak_rules); i++)
    if (g_strcmp0 (rule_id, weak_rules[i]) == 0)
      return TRUE;
  return FALSE;
}

/**
 * _taiou_mail_weigh_findings:
 * @findings: (element-type TaiouFinding): everything found in one mail
 *
 * Returns: the Loki-RS aggregate of @findings, or, when all of them are weak signals, that
 * aggregate held below %TAIOU_SCORE_NOTICE
 */
int
_taiou_mail_weigh_findings (GPtrArray *findings)
{
  int score = taiou_findings_score (findings);

  for (guint i = 0; i < findings->len; i++)
    if (!_taiou_mail_rule_is_weak (((TaiouFinding *) findings->pdata[i])->rule_id))
      return score;
  return MIN (score, TAIOU_SCORE_NOTICE - 1);
}
