/* taiou-mail-first-contact.c — a known name from an address never seen before
 *
 * Emotet and business-mail fraud write as a colleague or a partner, under their real name, from
 * an address that is not theirs.  Microsoft's first-contact safety tip answers the question a
 * reader cannot: have I had mail from this address before?  Here the book is local and hashed
 * (taiou-timeline-senders.c, reached through the context's sender_seen callback): the senders of
 * the mail checked on this installation.  The finding is raised only when the mail claims a name
 * we know — one of ours, or a display name seen in mail checked before — because a stranger's
 * first mail is ordinary.  It is a weak signal: every colleague's first checked mail is a first
 * contact, so it adds to a real indicator and never decides a verdict by itself.
 */
#define G_LOG_DOMAIN "taiou-mail-triage"

#include "config.h"

#include "taiou-mail-triage-private.h"

#define FIRST_CONTACT_SCORE 30

static char *
address_key (const char *address)
{
  g_autofree char *lower = g_ascii_strdown (address, -1);

  return g_strconcat ("address:", g_strstrip (lower), NULL);
}

/* NULL for a name too short to tell anyone apart (as the display-name check counts). */
static char *
name_key (const char *display_name)
{
  g_autofree char *normalized = _taiou_mail_normalize_display_name (display_name);

  if (g_utf8_strlen (normalized, -1) < 2)
    return NULL;
  return g_strconcat ("name:", normalized, NULL);
}

/**
 * taiou_mail_report_dup_sender_keys:
 *
 * What identifies the sender of @report in the book of senders seen: "address:" with the
 * lower-cased address, and "name:" with the display name as the sender checks compare names
 * (NFKC, case-folded, without spaces).  The book hashes them; they are never stored as they are.
 *
 * Returns: (transfer full): the keys, empty when the mail has no From address
 */
GStrv
taiou_mail_report_dup_sender_keys (TaiouMailReport *report)
{
  GPtrArray *keys = g_ptr_array_new ();

  g_return_val_if_fail (report != NULL, NULL);

  if (report->from_address != NULL && *report->from_address != '\0')
    {
      char *by_name = report->from_name != NULL ? name_key (report->from_name) : NULL;

      g_ptr_array_add (keys, address_key (report->from_address));
      if (by_name != NULL)
        g_ptr_array_add (keys, by_name);
    }
  g_ptr_array_add (keys, NULL);
  return (GStrv) g_ptr_array_free (keys, FALSE);
}

static gboolean
seen (const TaiouMailTriageContext *context,
      const char                   *key)
{
  return context->sender_seen (key, context->sender_seen_data);
}

void
_taiou_mail_check_first_contact (TaiouMailReport              *report,
                                 const TaiouMailTriageContext *context)
{
  g_autofree char *by_address = NULL;
  g_autofree char *by_name = NULL;
  g_autofree char *evidence = NULL;
  g_autofree char *evidence_ja = NULL;
  g_autofree char *reason_ja = NULL;
  g_autofree char *reason_en = NULL;
  const char *ours;

  if (context->sender_seen == NULL || report->from_address == NULL ||
      *report->from_address == '\0' || report->from_name == NULL)
    return;

  /* Only a mail that claims someone we know: one of our names, or a name seen before. */
  ours = _taiou_mail_display_name_claims_us (report->from_name, context);
  by_name = name_key (report->from_name);
  if (ours == NULL && (by_name == NULL || !seen (context, by_name)))
    return;
  by_address = address_key (report->from_address);
  if (seen (context, by_address))
    return;

  if (ours != NULL)
    {
      evidence = g_strdup_printf ("no mail from %s was checked here before; the name \"%s\" "
                                  "matches our \"%s\"", report->from_address, report->from_name,
                                  ours);
      evidence_ja = g_strdup_printf ("%s からのメールをここで調べたことはありません。名前「%s」は"
                                     "当社の「%s」と一致します", report->from_address,
                                     report->from_name, ours);
    }
  else
    {
      evidence = g_strdup_printf ("no mail from %s was checked here before; the name \"%s\" "
                                  "was seen before", report->from_address, report->from_name);
      evidence_ja = g_strdup_printf ("%s からのメールをここで調べたことはありません。名前「%s」は"
                                     "以前に調べたメールにありました", report->from_address,
                                     report->from_name);
    }
  reason_ja = g_strdup_printf ("このアドレスから届いたメールを調べるのは初めてです。差出人の名前"
                               "「%s」は知っている相手ですが、いつものアドレスか確かめてください"
                               "（%s）。", report->from_name, report->from_address);
  reason_en = g_strdup_printf ("This is the first mail checked from this address. The sender's "
                               "name \"%s\" is someone you know; make sure %s is their usual "
                               "address.", report->from_name, report->from_address);
  taiou_findings_add_with_evidence_ja (report->findings, "mail.first-contact",
                                       FIRST_CONTACT_SCORE, report->from_address, evidence,
                                       evidence_ja, reason_ja, reason_en);
}
