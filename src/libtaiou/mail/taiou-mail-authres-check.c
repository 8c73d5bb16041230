/* taiou-mail-authres-check.c — which Authentication-Results the mail check believes, and what
 * they say about a mail claiming one of our domains
 *
 * A result counts only when its header names a server the organisation trusts (its
 * authserv-id; Preferences, --trusted-authserv-id): anyone can write such a header into a mail
 * before sending it, and only our own servers remove the ones pretending to be theirs
 * (RFC 8601 §5).  SpamAssassin's authres_trusted_authserv works the same way.
 *
 * A DMARC fail on a mail whose sender is one of our domains is a mail pretending to be us that
 * our domain's owner said to refuse: a strong sign.  An SPF or DKIM fail alone is weaker
 * (forwarding breaks SPF, mailing lists break DKIM).  A pass adds nothing: a real sender's
 * account can send a malicious attachment too.
 */
#define G_LOG_DOMAIN "taiou-mail-triage"

#include "config.h"

#include <string.h>

#include "taiou-mail-authres.h"
#include "taiou-mail-triage-private.h"

#define MAX_FACT_CHARACTERS 200

/* What the headers of one mail said, split by whether we trust who said it. */
typedef struct
{
  GPtrArray *trusted;           /* TaiouAuthres from trusted servers */
  GString   *untrusted_passes;  /* "mx.elsewhere.example: dkim=pass, dmarc=pass" */
} Said;

static void
said_clear (Said *said)
{
  g_clear_pointer (&said->trusted, g_ptr_array_unref);
  if (said->untrusted_passes != NULL)
    g_string_free (g_steal_pointer (&said->untrusted_passes), TRUE);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Said, said_clear)

static gboolean
is_checked_method (const char *method)
{
  return g_str_equal (method, "spf") || g_str_equal (method, "dkim") ||
         g_str_equal (method, "dmarc");
}

/* "dmarc=fail header.from=example.co.jp", cut short for the evidence line. */
static char *
describe_result (const TaiouAuthresResult *result)
{
  GString *text = g_string_new (NULL);

  g_string_append_printf (text, "%s=%s", result->method, result->result);
  for (guint i = 0; i < result->properties->len; i++)
    {
      TaiouAuthresProperty *property = result->properties->pdata[i];

      g_string_append_printf (text, " %s=%s", property->name, property->value);
    }
  if (g_utf8_strlen (text->str, -1) > MAX_FACT_CHARACTERS)
    {
      g_string_truncate (text, g_utf8_offset_to_pointer (text->str, MAX_FACT_CHARACTERS) -
                               text->str);
      g_string_append (text, "…");
    }
  return g_string_free (text, FALSE);
}

static void
note_untrusted (Said               *said,
                const TaiouAuthres *authres)
{
  gboolean first = TRUE;

  for (guint i = 0; i < authres->results->len; i++)
    {
      TaiouAuthresResult *result = authres->results->pdata[i];

      if (!is_checked_method (result->method) || !g_str_equal (result->result, "pass"))
        continue;
      if (first)
        g_string_append_printf (said->untrusted_passes, "%s%s:",
                                said->untrusted_passes->len > 0 ? "; " : "",
                                authres->authserv_id != NULL ? authres->authserv_id
                                                             : "(no server named)");
      g_string_append_printf (said->untrusted_passes, "%s %s=pass", first ? "" : ",",
                              result->method);
      first = FALSE;
    }
}

/* Every Authentication-Results header, the newest (topmost) first, up to the limit. */
static void
read_headers (GMimeMessage                 *message,
              const TaiouMailTriageContext *context,
              Said                         *said)
{
  GMimeHeaderList *headers = g_mime_object_get_header_list (GMIME_OBJECT (message));
  int count = headers != NULL ? g_mime_header_list_get_count (headers) : 0;
  guint seen = 0;

  said->trusted = g_ptr_array_new_with_free_func ((GDestroyNotify) taiou_mail_authres_free);
  said->untrusted_passes = g_string_new (NULL);
  for (int i = 0; i < count && seen < TAIOU_MAIL_AUTHRES_MAX_HEADERS; i++)
    {
      GMimeHeader *header = g_mime_header_list_get_header_at (headers, i);
      const char *raw = g_mime_header_get_raw_value (header);
      g_autoptr(TaiouAuthres) authres = NULL;

      if (g_ascii_strcasecmp (g_mime_header_get_name (header), "Authentication-Results") != 0 ||
          raw == NULL)
        continue;
      seen++;
      /* A header that breaks the grammar or the limits says nothing we can rely on. */
      if ((authres = taiou_mail_authres_parse (raw, NULL)) == NULL)
        continue;
      if (taiou_mail_authres_is_trusted (authres, context->trusted_authserv_ids))
        g_ptr_array_add (said->trusted, g_steal_pointer (&authres));
      else
        note_untrusted (said, authres);
    }
}

/* The domain of a property that names an address or a domain ("user@example.co.jp",
 * "@example.co.jp", "example.co.jp"). */
static char *
property_domain (const char *value)
{
  if (value == NULL)
    return NULL;
  return strchr (value, '@') != NULL ? _taiou_mail_address_domain (value)
                                     : g_ascii_strdown (value, -1);
}

/* Our domain this result is about: the sender's when it is ours, else the one the result
 * names in @property when that is ours. */
static char *
claimed_domain (const TaiouAuthresResult    *result,
                const char                   *property,
                const char                   *from_domain,
                const TaiouMailTriageContext *context)
{
  g_autofree char *named = property_domain (taiou_mail_authres_result_get (result, property));

  if (from_domain != NULL && _taiou_mail_domain_is_ours (from_domain, context))
    return g_strdup (from_domain);
  if (named != NULL && _taiou_mail_domain_is_ours (named, context))
    return g_steal_pointer (&named);
  return NULL;
}

typedef struct
{
  char    *dmarc_domain;  /* our domain whose DMARC check failed */
  char    *weak_domain;   /* our domain whose SPF or DKIM check failed */
  gboolean spf_failed;
  gboolean dkim_failed;
  gboolean dkim_passed;
  GString *facts;         /* the results behind the findings, for the evidence */
} Failures;

static void
collect_failures (const Said                   *said,
                  const char                   *from_domain,
                  const TaiouMailTriageContext *context,
                  Failures                     *failures)
{
  for (guint h = 0; h < said->trusted->len; h++)
    {
      TaiouAuthres *authres = said->trusted->pdata[h];

      for (guint i = 0; i < authres->results->len; i++)
        {
          TaiouAuthresResult *result = authres->results->pdata[i];
          const char *method = result->method, *outcome = result->result;
          const char *property = NULL;
          g_autofree char *ours = NULL;
          g_autofree char *fact = NULL;

          if (g_str_equal (method, "dkim") && g_str_equal (outcome, "pass"))
            {
              g_autofree char *signer = property_domain (taiou_mail_authres_result_get (result,
                                                                                         "header.d"));

              /* Our own signature verified: another one failing was broken on the way. */
              failures->dkim_passed |= signer != NULL &&
                                       _taiou_mail_domain_is_ours (signer, context);
            }
          if (g_str_equal (method, "dmarc") && g_str_equal (outcome, "fail"))
            property = "header.from";
          else if (g_str_equal (method, "spf") && (g_str_equal (outcome, "fail") ||
                                                    g_str_equal (outcome, "softfail") ||
                                                    g_str_equal (outcome, "hardfail")))
            property = "smtp.mailfrom";
          else if (g_str_equal (method, "dkim") && g_str_equal (outcome, "fail"))
            property = "header.d";
          if (property == NULL ||
              (ours = claimed_domain (result, property, from_domain, context)) == NULL)
            continue;

          fact = describe_result (result);
          g_string_append_printf (failures->facts, "%s%s: %s",
                                  failures->facts->len > 0 ? "; " : "", authres->authserv_id,
                                  fact);
          if (g_str_equal (method, "dmarc"))
            {
              if (failures->dmarc_domain == NULL)
                failures->dmarc_domain = g_steal_pointer (&ours);
            }
          else
            {
              failures->spf_failed |= g_str_equal (method, "spf");
              failures->dkim_failed |= g_str_equal (method, "dkim");
              if (failures->weak_domain == NULL)
                failures->weak_domain = g_steal_pointer (&ours);
            }
        }
    }
}

static void
failures_clear (Failures *failures)
{
  g_clear_pointer (&failures->dmarc_domain, g_free);
  g_clear_pointer (&failures->weak_domain, g_free);
  if (failures->facts != NULL)
    g_string_free (g_steal_pointer (&failures->facts), TRUE);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Failures, failures_clear)

/* "…; ignored, not from a trusted server: mx.elsewhere.example: dkim=pass", and in Japanese
 * (NULL when there is no note: the facts are names and results, the same in both). */
static void
evidence_with_note (const char  *facts,
                    const Said  *said,
                    char       **evidence,
                    char       **evidence_ja)
{
  if (said->untrusted_passes->len == 0)
    {
      *evidence = g_strdup (facts);
      *evidence_ja = NULL;
      return;
    }
  *evidence = g_strdup_printf ("%s; ignored, not from a trusted server: %s", facts,
                               said->untrusted_passes->str);
  *evidence_ja = g_strdup_printf ("%s、信頼するサーバーが書いたものではないため使わなかった記録: %s",
                                  facts, said->untrusted_passes->str);
}

static gboolean
has_real_finding (TaiouMailReport *report)
{
  for (guint i = 0; i < report->findings->len; i++)
    if (((TaiouFinding *) report->findings->pdata[i])->score > 0)
      return TRUE;
  return FALSE;
}

/**
 * _taiou_mail_check_authres:
 *
 * The SPF, DKIM and DMARC results that servers we trust wrote into @message, about a mail
 * that claims one of our domains.  A pass claimed by a server we do not trust is named in the
 * evidence (and, on a mail with other warning signs, in a note of its own), so no one takes
 * it for a clean bill of health.
 */
void
_taiou_mail_check_authres (TaiouMailReport              *report,
                           GMimeMessage                 *message,
                           const TaiouMailTriageContext *context)
{
  g_auto(Said) said = { NULL };
  g_auto(Failures) failures = { NULL };
  g_autofree char *from_domain = _taiou_mail_address_domain (report->from_address);
  const char *object = report->from_address != NULL ? report->from_address : report->source;

  read_headers (message, context, &said);
  failures.facts = g_string_new (NULL);
  collect_failures (&said, from_domain, context, &failures);

  if (failures.dmarc_domain != NULL)
    {
      g_autofree char *evidence = NULL;
      g_autofree char *evidence_ja = NULL;
      g_autofree char *reason_ja = g_strdup_printf ("差出人は自社のドメイン %s ですが、受信したメールサーバーの検査（DMARC）で「このドメインから正しく送られたメールではない」と判定されています。自社を名乗るなりすましメールの可能性が高いです。",
                                                    failures.dmarc_domain);
      g_autofree char *reason_en = g_strdup_printf ("The sender claims our domain %s, but the "
                                                    "receiving mail server's check (DMARC) "
                                                    "found it was not really sent from that "
                                                    "domain. It is very likely a spoofed mail "
                                                    "pretending to be us.",
                                                    failures.dmarc_domain);

      evidence_with_note (failures.facts->str, &said, &evidence, &evidence_ja);
      taiou_findings_add_with_evidence_ja (report->findings, "mail.dmarc-fail-our-domain", 80,
                                           object, evidence, evidence_ja, reason_ja, reason_en);
      return;
    }

  failures.dkim_failed &= !failures.dkim_passed;
  if (failures.weak_domain != NULL && (failures.spf_failed || failures.dkim_failed))
    {
      const char *which = failures.spf_failed && failures.dkim_failed ? "SPF, DKIM"
                          : failures.spf_failed ? "SPF" : "DKIM";
      g_autofree char *evidence = NULL;
      g_autofree char *evidence_ja = NULL;
      g_autofree char *reason_ja = g_strdup_printf ("差出人は自社のドメイン %s ですが、受信したメールサーバーの検査（%s）に失敗しています。転送されたメールでも起きることはありますが、なりすましの可能性があります。",
                                                    failures.weak_domain, which);
      g_autofree char *reason_en = g_strdup_printf ("The sender claims our domain %s, but it "
                                                    "failed the receiving mail server's check "
                                                    "(%s). Forwarding can cause this too, but "
                                                    "it may be a spoofed mail.",
                                                    failures.weak_domain, which);

      evidence_with_note (failures.facts->str, &said, &evidence, &evidence_ja);
      taiou_findings_add_with_evidence_ja (report->findings, "mail.auth-fail-our-domain", 50,
                                           object, evidence, evidence_ja, reason_ja, reason_en);
      return;
    }

  /* A pass that anyone could have written never clears a mail; say so where it matters. */
  if (said.untrusted_passes->len > 0 && has_real_finding (report))
    {
      g_autofree char *evidence = g_strdup_printf ("ignored, not from a trusted server: %s",
                                                   said.untrusted_passes->str);
      g_autofree char *evidence_ja = g_strdup_printf ("信頼するサーバーが書いたものではないため使わなかった記録: %s",
                                                      said.untrusted_passes->str);

      taiou_findings_add_with_evidence_ja (report->findings, "mail.authres-untrusted", 0, object,
                                           evidence, evidence_ja,
                          "このメールには「送信元の確認に合格した」という記録がありますが、自社が信頼するメールサーバーが書いたものではないため、判断には使っていません（誰でも書き込めるためです）。",
                          "The mail carries a record saying it passed the sender checks, but "
                          "no server we trust wrote it, so it was not used (anyone can write "
                          "one).");
    }
}
