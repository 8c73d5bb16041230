/* taiou-mail-sender.c — does the sender pretend to be someone it is not?
 *
 * Emotet's mails reused the display names of real people from stolen address books while the
 * address after the @ belonged to some hacked server elsewhere (IPA, JPCERT/CC); warnings to
 * partners tell them to compare the two.  These checks do that comparison for the reader.
 */
#define G_LOG_DOMAIN "taiou-mail-triage"

#include "config.h"

#include <string.h>

#include "taiou-mail-triage-private.h"

/* Names compare after NFKC (full-width letters and spaces become plain ones), case folding and
 * removing spaces, so 「山田　太郎」 and 「山田太郎」 and "YAMADA Taro" and "yamada taro" match. */
static char *
normalize_name (const char *text)
{
  g_autofree char *nfkc = g_utf8_normalize (text, -1, G_NORMALIZE_NFKC);
  g_autofree char *folded = NULL;
  GString *result = g_string_new (NULL);

  if (nfkc == NULL)
    return g_string_free (result, FALSE);
  folded = g_utf8_casefold (nfkc, -1);
  for (const char *p = folded; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (!g_unichar_isspace (c) && c != '"' && c != '\'')
        g_string_append_unichar (result, c);
    }
  return g_string_free (result, FALSE);
}

/* The one of our names that @display_name contains, if any. */
static const char *
display_name_names_us (const char                   *display_name,
                       const TaiouMailTriageContext *context)
{
  g_autofree char *display = normalize_name (display_name);

  for (guint i = 0; context->our_names != NULL && context->our_names[i] != NULL; i++)
    {
      /* Remembered: the same names in every mail. */
      const char *ours = _taiou_mail_memo (normalize_name, context->our_names[i]);

      /* One character would match too much. */
      if (g_utf8_strlen (ours, -1) >= 2 && strstr (display, ours) != NULL)
        return context->our_names[i];
    }
  for (guint i = 0; context->our_domains != NULL && context->our_domains[i] != NULL; i++)
    {
      g_autofree char *domain = g_ascii_strdown (context->our_domains[i], -1);

      if (strstr (display, domain) != NULL)
        return context->our_domains[i];
    }
  return NULL;
}

/* An address written inside the display name, as in "tanaka@partner.co.jp <x@elsewhere>". */
static char *
address_in_display_name (const char *display_name)
{
  static GRegex *regex_once;
  GRegex *regex = _taiou_mail_regex (&regex_once,
                                     "[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(\\.[A-Za-z0-9-]+)+", 0);
  g_autoptr(GMatchInfo) match = NULL;
  g_autofree char *valid = NULL;

  if (!_taiou_mail_regex_match (regex, display_name, &valid, &match))
    return NULL;
  return g_match_info_fetch (match, 0);
}

static gboolean
same_or_subdomain (const char *domain,
                   const char *parent)
{
  gsize length = strlen (domain), parent_length = strlen (parent);

  if (g_ascii_strcasecmp (domain, parent) == 0)
    return TRUE;
  return length > parent_length && domain[length - parent_length - 1] == '.' &&
         g_ascii_strcasecmp (domain + length - parent_length, parent) == 0;
}

void
_taiou_mail_check_sender (TaiouMailReport              *report,
                          const TaiouMailTriageContext *context)
{
  g_autofree char *from_domain = NULL;
  g_autofree char *embedded = NULL;
  const char *address = report->from_address;

  /* Look-alikes of our domains, in From, Reply-To and Return-Path. */
  _taiou_mail_check_lookalikes (report, context);
  if (address == NULL)
    return;
  from_domain = _taiou_mail_address_domain (address);

  if (report->from_name != NULL && from_domain != NULL &&
      !_taiou_mail_domain_is_ours (from_domain, context))
    {
      const char *ours = display_name_names_us (report->from_name, context);

      if (ours != NULL)
        {
          g_autofree char *evidence = g_strdup_printf ("From: \"%s\" <%s>; the name matches "
                                                       "\"%s\" but %s is not one of our domains",
                                                       report->from_name, address, ours,
                                                       from_domain);
          g_autofree char *evidence_ja = g_strdup_printf ("From: \"%s\" <%s>。名前は「%s」と"
                                                          "一致しますが、%s は当社のドメインでは"
                                                          "ありません", report->from_name, address,
                                                          ours, from_domain);
          g_autofree char *reason_ja = g_strdup_printf ("差出人の名前は当社の「%s」ですが、メールアドレスの＠より後ろ（%s）は当社のものではありません。なりすましメールの典型的な特徴です。",
                                                        ours, from_domain);
          g_autofree char *reason_en = g_strdup_printf ("The sender's name is ours (\"%s\"), but "
                                                        "the part of the address after the @ "
                                                        "(%s) is not our domain. This is typical "
                                                        "of spoofed mail.", ours, from_domain);

          taiou_findings_add_with_evidence_ja (report->findings, "mail.display-name-spoof", 80,
                                               address, evidence, evidence_ja, reason_ja,
                                               reason_en);
        }
    }

  if (report->from_name != NULL && (embedded = address_in_display_name (report->from_name)) &&
      g_ascii_strcasecmp (embedded, address) != 0)
    {
      g_autofree char *evidence = g_strdup_printf ("From: \"%s\" <%s>", report->from_name,
                                                   address);
      g_autofree char *reason_ja = g_strdup_printf ("差出人の名前の部分に別のメールアドレス（%s）が書かれていますが、実際の送信元は %s です。",
                                                    embedded, address);
      g_autofree char *reason_en = g_strdup_printf ("The sender's name shows another address "
                                                    "(%s), but the mail really comes from %s.",
                                                    embedded, address);

      taiou_findings_add (report->findings, "mail.display-name-address", 70, address,
                          evidence, reason_ja, reason_en);
    }

  if (report->reply_to != NULL && from_domain != NULL)
    {
      g_autofree char *reply_domain = _taiou_mail_address_domain (report->reply_to);

      if (reply_domain != NULL && !same_or_subdomain (reply_domain, from_domain) &&
          !same_or_subdomain (from_domain, reply_domain))
        {
          g_autofree char *evidence = g_strdup_printf ("From %s, Reply-To %s", address,
                                                       report->reply_to);
          g_autofree char *evidence_ja = g_strdup_printf ("差出人 %s、返信先 %s", address,
                                                          report->reply_to);
          g_autofree char *reason_ja = g_strdup_printf ("返信すると、送信者とは別のドメインのアドレス（%s）に届くようになっています。",
                                                        report->reply_to);
          g_autofree char *reason_en = g_strdup_printf ("Replies would go to an address on "
                                                        "another domain (%s) than the sender's.",
                                                        report->reply_to);

          taiou_findings_add_with_evidence_ja (report->findings, "mail.reply-to-elsewhere", 50,
                                               address, evidence, evidence_ja, reason_ja,
                                               reason_en);
        }
    }

  if (report->return_path != NULL && from_domain != NULL)
    {
      g_autofree char *bounce_domain = _taiou_mail_address_domain (report->return_path);

      /* Mailing services send on behalf of others, so this alone is only a notice. */
      if (bounce_domain != NULL && !same_or_subdomain (bounce_domain, from_domain) &&
          !same_or_subdomain (from_domain, bounce_domain))
        {
          g_autofree char *evidence = g_strdup_printf ("From %s, Return-Path %s", address,
                                                       report->return_path);
          g_autofree char *evidence_ja = g_strdup_printf ("差出人 %s、実際の送信元"
                                                          "（Return-Path）%s", address,
                                                          report->return_path);

          taiou_findings_add_with_evidence_ja (report->findings, "mail.return-path-elsewhere",
                                               30, address, evidence, evidence_ja,
                                               "実際にメールを送ったサーバーのドメインが、差出人のドメインと違います（配信サービスを使う正規のメールでも起きます）。",
                                               "The mail was really sent from a domain other "
                                               "than the sender's (this also happens with "
                                               "legitimate mailing services).");
        }
    }
}

/* The name comparison above, for the first-contact check's book of names seen. */
char *
_taiou_mail_normalize_display_name (const char *display_name)
{
  return normalize_name (display_name);
}

const char *
_taiou_mail_display_name_claims_us (const char                   *display_name,
                                    const TaiouMailTriageContext *context)
{
  return display_name_names_us (display_name, context);
}
