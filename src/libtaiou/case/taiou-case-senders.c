/* taiou-case-senders.c — the case remembers who sent the mail it checked, hashed
 *
 * The mail check asks "was this address seen before?" (first contact, taiou-mail-first-
 * contact.c); the answer is the book of senders in the case's timeline (taiou-timeline-
 * senders.c).  Every mail the case checks adds its sender, except a mail found dangerous: an
 * attacker's address must not become familiar because someone checked the attack.
 */
#define G_LOG_DOMAIN "taiou-case"

#include "config.h"

#include "taiou-case-private.h"

/* A TaiouMailSenderSeenFunc over @user_data, a TaiouTimeline.  A book that cannot be read
 * answers "seen": it must never raise an alarm of its own. */
gboolean
_taiou_case_sender_seen (const char *key,
                         gpointer    user_data)
{
  g_autoptr(GError) error = NULL;
  gboolean seen = FALSE;

  if (!taiou_timeline_sender_seen (TAIOU_TIMELINE (user_data), key, &seen, &error))
    {
      g_warning ("Could not read the book of mail senders: %s", error->message);
      return TRUE;
    }
  return seen;
}

/* A book that cannot be written loses a sender, never a verdict: only a warning. */
void
_taiou_case_remember_sender (TaiouCase       *self,
                             TaiouMailReport *report)
{
  g_auto(GStrv) keys = NULL;
  g_autoptr(GError) error = NULL;

  if (self->timeline == NULL || report->verdict == TAIOU_MAIL_VERDICT_DANGEROUS)
    return;
  keys = taiou_mail_report_dup_sender_keys (report);
  if (!taiou_timeline_add_senders (self->timeline, (const char * const *) keys, &error))
    g_warning ("Could not add the sender to the book of mail senders: %s", error->message);
}
