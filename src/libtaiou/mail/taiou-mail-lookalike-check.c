/* taiou-mail-lookalike-check.c — From, Reply-To and Return-Path against our domains, each
 * finding naming both domains in plain words
 *
 * taiou-mail-lookalike.c tells whether a domain imitates ours and how; this turns that into
 * findings the office worker reads: 「送信元のドメイン … は、自社のドメイン … によく似ていますが
 * 別物です」 and the way it was made to look alike.
 */
#define G_LOG_DOMAIN "taiou-mail-triage"

#include "config.h"

#include "taiou-mail-lookalike.h"
#include "taiou-mail-triage-private.h"

/* Where in the mail the address sits, in words for the reader. */
typedef struct
{
  const char *header;   /* "From" */
  const char *rule_id;  /* "mail.lookalike-domain" */
  int         score;
  const char *role_ja;  /* 「送信元」 */
  const char *role_en;  /* "sender's" */
} Role;

static const Role from_role = {
  "From", "mail.lookalike-domain", 70, "送信元", "The sender's",
};
static const Role reply_to_role = {
  "Reply-To", "mail.lookalike-reply-to", 70, "返信先", "The reply address's",
};
static const Role return_path_role = {
  "Return-Path", "mail.lookalike-return-path", 60, "実際の送信元（Return-Path）",
  "The bounce address's (Return-Path)",
};

/* The second sentence: how it was made to look like ours. */
static void
explain_shape (const TaiouLookalike *lookalike,
               char                **ja,
               char                **en)
{
  switch (lookalike->shape)
    {
    case TAIOU_LOOKALIKE_OUR_DOMAIN_INSIDE:
      *ja = g_strdup_printf ("先頭は自社のドメインと同じですが、実際には %s という別のドメインです。",
                             lookalike->registered);
      *en = g_strdup_printf ("It starts with our domain, but it really belongs to %s.",
                             lookalike->registered);
      break;
    case TAIOU_LOOKALIKE_PUNCTUATION:
      *ja = g_strdup ("点（.）やハイフン（-）の位置を変えたり、省いたりしてあります。");
      *en = g_strdup ("Its dots and hyphens were moved or left out.");
      break;
    case TAIOU_LOOKALIKE_OTHER_ENDING:
      *ja = g_strdup ("名前の部分は同じですが、末尾（.co.jp や .com など）が違います。");
      *en = g_strdup ("The name is the same but the ending (.co.jp, .com …) differs.");
      break;
    case TAIOU_LOOKALIKE_NAME_INSIDE:
      *ja = g_strdup_printf ("自社の名前を含んでいますが、実際には %s という別のドメインです。",
                             lookalike->registered);
      *en = g_strdup_printf ("It contains our name, but it really belongs to %s.",
                             lookalike->registered);
      break;
    case TAIOU_LOOKALIKE_ONE_LETTER:
      *ja = g_strdup ("1 文字だけ足したり、抜いたり、変えたり、入れ替えたりしてあります。");
      *en = g_strdup ("One letter was added, left out, changed or swapped.");
      break;
    case TAIOU_LOOKALIKE_CONFUSABLE:
      *ja = g_strdup ("形の似た文字（0 と o、1 と l、rn と m など）に置き換えてあります。");
      *en = g_strdup ("Letters were replaced with others that look alike (0 for o, 1 for l, "
                      "rn for m …).");
      break;
    case TAIOU_LOOKALIKE_IDN:
      *ja = g_strdup_printf ("ロシア語などの別の文字を使って、見た目だけ同じにしてあります（画面では「%s」と表示されます）。",
                             lookalike->shown);
      *en = g_strdup_printf ("Letters of another alphabet (such as Cyrillic) make it look "
                             "the same: it is shown as \"%s\".", lookalike->shown);
      break;
    case TAIOU_LOOKALIKE_NONE:
    default:
      *ja = g_strdup ("");
      *en = g_strdup ("");
      break;
    }
}

static void
report_lookalike_domain (TaiouMailReport    *report,
                         const char         *address,
                         const Role         *role,
                         const char         *domain,
                         const char * const *our_domains)
{
  g_auto(TaiouLookalike) lookalike = { 0 };
  g_autofree char *how_ja = NULL;
  g_autofree char *how_en = NULL;
  g_autofree char *evidence = NULL;
  g_autofree char *evidence_ja = NULL;
  g_autofree char *reason_ja = NULL;
  g_autofree char *reason_en = NULL;

  if (!taiou_mail_lookalike_find (domain, our_domains, &lookalike))
    return;
  explain_shape (&lookalike, &how_ja, &how_en);
  /* An IDN is named as sent ("xn--…"); the explanation says what the reader sees. */
  if (lookalike.shape == TAIOU_LOOKALIKE_IDN)
    domain = lookalike.ascii;
  evidence = g_strdup_printf ("%s: %s; %s looks like our %s (%s)", role->header, address,
                              domain, lookalike.ours,
                              taiou_mail_lookalike_shape_to_string (lookalike.shape));
  evidence_ja = g_strdup_printf ("%s: %s、%s は自社の %s に似ています（%s）", role->header, address,
                                 domain, lookalike.ours,
                                 taiou_mail_lookalike_shape_to_string (lookalike.shape));
  reason_ja = g_strdup_printf ("%sのドメイン %s は、自社のドメイン %s によく似ていますが別物です。%s",
                               role->role_ja, domain, lookalike.ours, how_ja);
  reason_en = g_strdup_printf ("%s domain %s looks very much like our domain %s, but it is "
                               "another one. %s", role->role_en, domain, lookalike.ours,
                               how_en);
  taiou_findings_add_with_evidence_ja (report->findings, role->rule_id, role->score, address,
                                       evidence, evidence_ja, reason_ja, reason_en);
}

static void
report_local_part (TaiouMailReport              *report,
                   const char                   *address,
                   const Role                   *role,
                   const TaiouMailTriageContext *context)
{
  gboolean strong = FALSE;
  g_autofree char *ours = taiou_mail_local_part_names_us (address, context->our_domains,
                                                          context->our_names, &strong);
  g_autofree char *domain = NULL;
  g_autofree char *evidence = NULL;
  g_autofree char *evidence_ja = NULL;
  g_autofree char *reason_ja = NULL;
  g_autofree char *reason_en = NULL;

  if (ours == NULL)
    return;
  domain = _taiou_mail_address_domain (address);
  evidence = g_strdup_printf ("%s: %s; the part before the @ shows our \"%s\"", role->header,
                              address, ours);
  evidence_ja = g_strdup_printf ("%s: %s、＠より前に自社の「%s」", role->header, address, ours);
  if (strong)
    {
      reason_ja = g_strdup_printf ("%sのアドレス %s は、＠より前に自社のドメイン %s を書いていますが、実際のドメインは %s で、自社のものではありません。",
                                   role->role_ja, address, ours, domain);
      reason_en = g_strdup_printf ("%s address %s writes our domain %s before the @, but its "
                                   "real domain is %s, which is not ours.", role->role_en,
                                   address, ours, domain);
    }
  else
    {
      reason_ja = g_strdup_printf ("%sのアドレス %s は、＠より前に自社の名前（%s）を使っていますが、誰でも作れるフリーメール（%s）のアドレスです。",
                                   role->role_ja, address, ours, domain);
      reason_en = g_strdup_printf ("%s address %s uses our name (%s) before the @, but it is "
                                   "a free-mail address (%s) anyone can open.", role->role_en,
                                   address, ours, domain);
    }
  taiou_findings_add_with_evidence_ja (report->findings, "mail.our-name-in-local-part",
                                       strong ? 70 : 50, address, evidence, evidence_ja,
                                       reason_ja, reason_en);
}

/* Different domains only: a Reply-To on the sender's own domain adds nothing to the From
 * finding. */
static gboolean
new_domain (const char *domain,
            const char *seen1,
            const char *seen2)
{
  return domain != NULL && g_strcmp0 (domain, seen1) != 0 && g_strcmp0 (domain, seen2) != 0;
}

/**
 * _taiou_mail_check_lookalikes:
 *
 * From, Reply-To and Return-Path against our domains: a look-alike domain in any of them, our
 * domain or name before the @ of From or Reply-To (not of Return-Path, where bulk mailers
 * write the recipient's address, ours, on purpose).
 */
void
_taiou_mail_check_lookalikes (TaiouMailReport              *report,
                              const TaiouMailTriageContext *context)
{
  g_autofree char *from_domain = _taiou_mail_address_domain (report->from_address);
  g_autofree char *reply_domain = _taiou_mail_address_domain (report->reply_to);
  g_autofree char *bounce_domain = _taiou_mail_address_domain (report->return_path);
  const char * const *ours = context->our_domains;

  if (ours == NULL || ours[0] == NULL)
    return;
  if (from_domain != NULL)
    {
      report_lookalike_domain (report, report->from_address, &from_role, from_domain, ours);
      report_local_part (report, report->from_address, &from_role, context);
    }
  if (new_domain (reply_domain, from_domain, NULL))
    report_lookalike_domain (report, report->reply_to, &reply_to_role, reply_domain, ours);
  if (report->reply_to != NULL && g_strcmp0 (report->reply_to, report->from_address) != 0)
    report_local_part (report, report->reply_to, &reply_to_role, context);
  if (new_domain (bounce_domain, from_domain, reply_domain))
    report_lookalike_domain (report, report->return_path, &return_path_role, bounce_domain,
                             ours);
}
