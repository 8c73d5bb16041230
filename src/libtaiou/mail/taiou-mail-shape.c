/* taiou-mail-shape.c — is this file a mail at all, and which of the usual headers does it lack?
 *
 * GMime makes a message of anything, so the triage must refuse files no mail program would
 * show as a mail (a picture, a program, an empty file, a note) rather than report on nonsense.
 * But it must not refuse more than that: Thunderbird opens a message without From, Subject or
 * Date, so an attacker who leaves them out must still be checked, and their absence is itself
 * worth saying.
 */
#define G_LOG_DOMAIN "taiou-mail-triage"

#include "config.h"

#include <string.h>

#include "taiou-mail-triage-private.h"

/* How far the header block is searched for a NUL byte: real header blocks are a few KiB. */
#define MAX_HEADER_SCAN (256 * 1024)

/* RFC 5322 §3.6.8: a field name is one or more printable US-ASCII characters except ':'.
 * obs-optional (§4.5.8) allows spaces and tabs before the colon. */
static gboolean
is_header_field_line (const guint8 *line,
                      gsize         length)
{
  gsize i = 0;

  while (i < length && line[i] >= 33 && line[i] <= 126 && line[i] != ':')
    i++;
  if (i == 0)
    return FALSE;
  while (i < length && (line[i] == ' ' || line[i] == '\t'))
    i++;
  return i < length && line[i] == ':';
}

static gsize
line_length (const guint8 *data,
             gsize         length)
{
  const guint8 *newline = memchr (data, '\n', length);

  return newline != NULL ? (gsize) (newline - data) : length;
}

/**
 * _taiou_mail_looks_like_mail:
 *
 * Whether a mail program would show @data as a mail.  The rule, as mail programs read a file:
 * the first line (after an mbox "From " separator line, and a UTF-8 byte-order mark some
 * editors add) is a header field "name: value", and the header block (up to the first empty
 * line) holds no NUL byte, which no mail transport carries and every binary format has early.
 * Which headers there are does not matter: a message without From, Subject or Date is still
 * shown, and still checked.
 */
gboolean
_taiou_mail_looks_like_mail (const guint8 *data,
                             gsize         length)
{
  gsize first, scan;

  if (length >= 3 && memcmp (data, "\xef\xbb\xbf", 3) == 0)
    {
      data += 3;
      length -= 3;
    }
  if (length >= 5 && memcmp (data, "From ", 5) == 0)
    {
      first = line_length (data, length);
      if (first == length)
        return FALSE;
      data += first + 1;
      length -= first + 1;
    }
  if (!is_header_field_line (data, line_length (data, length)))
    return FALSE;

  scan = MIN (length, MAX_HEADER_SCAN);
  for (gsize offset = 0; offset < scan;)
    {
      gsize n = line_length (data + offset, scan - offset);

      /* An empty line ends the header block; the body may carry anything. */
      if (n == 0 || (n == 1 && data[offset] == '\r'))
        break;
      if (memchr (data + offset, '\0', n) != NULL)
        return FALSE;
      offset += n + 1;
    }
  return TRUE;
}

/**
 * _taiou_mail_check_missing_headers:
 *
 * A weak signal, not a verdict: mail programs always write From, Subject and Date, so a mail
 * without them was made by hand or by a tool, but lists and old systems also send such mail.
 * The score stays at the level of the short-body finding's or below.
 */
void
_taiou_mail_check_missing_headers (TaiouMailReport *report,
                                   GMimeMessage    *message)
{
  g_autoptr(GPtrArray) missing_en = g_ptr_array_new ();
  g_autoptr(GPtrArray) missing_ja = g_ptr_array_new ();
  g_autofree char *list_en = NULL;
  g_autofree char *list_ja = NULL;
  g_autofree char *evidence = NULL;
  g_autofree char *evidence_ja = NULL;
  g_autofree char *reason_ja = NULL;
  g_autofree char *reason_en = NULL;

  if (report->from_address == NULL)
    {
      g_ptr_array_add (missing_en, "From");
      g_ptr_array_add (missing_ja, "差出人（From）");
    }
  if (g_mime_object_get_header (GMIME_OBJECT (message), "Subject") == NULL)
    {
      g_ptr_array_add (missing_en, "Subject");
      g_ptr_array_add (missing_ja, "件名（Subject）");
    }
  if (report->date == NULL)
    {
      g_ptr_array_add (missing_en, "Date");
      g_ptr_array_add (missing_ja, "日付（Date）");
    }
  if (missing_en->len == 0)
    return;
  g_ptr_array_add (missing_en, NULL);
  g_ptr_array_add (missing_ja, NULL);
  list_en = g_strjoinv (", ", (char **) missing_en->pdata);
  list_ja = g_strjoinv ("・", (char **) missing_ja->pdata);

  evidence = g_strdup_printf ("missing or unreadable: %s", list_en);
  evidence_ja = g_strdup_printf ("ない、または読めない欄：%s", list_ja);
  reason_ja = g_strdup_printf ("普通のメールソフトが必ず書く %s の欄がありません。手作業や"
                               "ツールで作られたメールの可能性があります。",
                               list_ja);
  reason_en = g_strdup_printf ("The mail lacks %s, which every ordinary mail program writes. "
                               "It may have been made by hand or by a tool.",
                               list_en);
  taiou_findings_add_with_evidence_ja (report->findings, "mail.missing-headers", 30,
                                       report->source, evidence, evidence_ja, reason_ja,
                                       reason_en);
}
