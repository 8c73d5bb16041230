/* taiou-mail-triage.c — was this mail dangerous?  An answer a non-expert can act on
 *
 * GMime parses the message (Japanese encodings included: ISO-2022-JP, Shift_JIS, EUC-JP,
 * RFC 2047 words, RFC 2231 file names); the checks then look at who sent it, what it says,
 * where its links go and what it carries.  Nothing is executed, rendered or handed to another
 * program: attachments are decoded into memory, hashed and classified there.
 *
 * The verdict follows the Loki-RS aggregate of all findings: 80 or more is 危険, 40 or more is
 * 要注意, anything else is 「問題は見つかりませんでした」 — never "safe", because a clean result
 * only means none of these checks fired.  Weak signals (a short body, a late hour, a quoted
 * reply chain, a Reply-To or bounce address elsewhere) only add to a mail that has a real
 * indicator; alone they stay below 要注意 (taiou-mail-scoring.c).
 */
#define G_LOG_DOMAIN "taiou-mail-triage"

#include "config.h"

#include <gmime/gmime.h>
#include <string.h>

#include "taiou-attachment.h"
#include "taiou-file-read.h"
#include "taiou-mail-msg.h"
#include "taiou-mail-triage-private.h"

/* GMime 3.2 declares no g_autoptr() cleanups. */
G_DEFINE_AUTOPTR_CLEANUP_FUNC (GMimeStream, g_object_unref)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (GMimeParser, g_object_unref)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (GMimeMessage, g_object_unref)

#define SHORT_BODY_CHARACTERS 40
#define MAX_PARTS             2000

G_DEFINE_QUARK (taiou-mail-error-quark, taiou_mail_error)

G_DEFINE_BOXED_TYPE (TaiouMailReport, taiou_mail_report, taiou_mail_report_ref,
                     taiou_mail_report_unref)

typedef struct
{
  TaiouMailReport              *report;
  const TaiouMailTriageContext *context;
  GCancellable                 *cancellable;
  GString                      *body_text;   /* the first readable body, for the text checks */
  guint                         n_parts;
  gboolean                      truncated;   /* too many parts or too deep */
  GPtrArray                    *pending;     /* PendingAttachment: classified after the walk,
                                                when the body (and a zip password) is known */
} Walk;

typedef struct
{
  TaiouMailAttachment *attachment;  /* owned by the report */
  GBytes              *content;
  char                *prefix;      /* where in the mail it sits; NULL at the top */
} PendingAttachment;

static void
pending_attachment_free (gpointer data)
{
  PendingAttachment *pending = data;

  g_bytes_unref (pending->content);
  g_free (pending->prefix);
  g_free (pending);
}

static void
attachment_free (gpointer data)
{
  TaiouMailAttachment *attachment = data;

  g_free (attachment->name);
  g_free (attachment->path);
  g_free (attachment->content_type);
  g_free (attachment->kind);
  g_free (attachment->sha256);
  g_free (attachment);
}

static void
report_clear (TaiouMailReport *report)
{
  g_free (report->source);
  g_free (report->subject);
  g_free (report->from_name);
  g_free (report->from_address);
  g_free (report->reply_to);
  g_free (report->return_path);
  g_clear_pointer (&report->date, g_date_time_unref);
  g_ptr_array_unref (report->attachments);
  g_ptr_array_unref (report->urls);
  g_ptr_array_unref (report->findings);
}

TaiouMailReport *
taiou_mail_report_ref (TaiouMailReport *report)
{
  return g_atomic_rc_box_acquire (report);
}

void
taiou_mail_report_unref (TaiouMailReport *report)
{
  g_atomic_rc_box_release_full (report, (GDestroyNotify) report_clear);
}

static TaiouMailReport *
report_new (const char *source)
{
  TaiouMailReport *report = g_atomic_rc_box_new0 (TaiouMailReport);

  report->source = g_strdup (source);
  report->attachments = g_ptr_array_new_with_free_func (attachment_free);
  report->urls = g_ptr_array_new_with_free_func (g_free);
  report->findings = g_ptr_array_new_with_free_func ((GDestroyNotify) taiou_finding_free);
  return report;
}

/**
 * _taiou_mail_regex_match:
 * @valid_copy: (out) (transfer full): set to the valid copy matched instead, when @text was
 *   not valid UTF-8; the caller frees it after @match
 *
 * g_regex_match() for text taken from a mail.  A regex compiled for UTF-8 must never see invalid
 * UTF-8: GLib hands it to PCRE2's JIT unchecked, and a crafted header made its compiled code
 * read outside its tables (found by fuzz-mail-eml).  A mail part that claims UTF-8 need not be,
 * so invalid text is matched as its valid copy (bad bytes become U+FFFD).
 */
gboolean
_taiou_mail_regex_match (GRegex      *regex,
                         const char  *text,
                         char       **valid_copy,
                         GMatchInfo **match)
{
  *valid_copy = NULL;
  if (!g_utf8_validate (text, -1, NULL))
    text = *valid_copy = g_utf8_make_valid (text, -1);
  return g_regex_match (regex, text, 0, match);
}

/* Compiles @pattern once for the life of the process: compiling is most of the cost of a
 * match, and a compiled GRegex can be shared between threads. */
GRegex *
_taiou_mail_regex (GRegex             **slot,
                   const char          *pattern,
                   GRegexCompileFlags   flags)
{
  if (g_once_init_enter (slot))
    {
      GRegex *regex = g_regex_new (pattern, flags | G_REGEX_OPTIMIZE, 0, NULL);

      g_assert (regex != NULL);
      g_once_init_leave (slot, regex);
    }
  return *slot;
}

char *
_taiou_mail_address_domain (const char *address)
{
  const char *at = address != NULL ? strrchr (address, '@') : NULL;

  if (at == NULL || at[1] == '\0')
    return NULL;
  return g_ascii_strdown (at + 1, -1);
}

gboolean
_taiou_mail_domain_is_ours (const char                   *domain,
                            const TaiouMailTriageContext *context)
{
  gsize length = strlen (domain);

  for (guint i = 0; context->our_domains != NULL && context->our_domains[i] != NULL; i++)
    {
      const char *ours = context->our_domains[i];
      gsize our_length = strlen (ours);

      if (g_ascii_strcasecmp (domain, ours) == 0 ||
          (length > our_length && domain[length - our_length - 1] == '.' &&
           g_ascii_strcasecmp (domain + length - our_length, ours) == 0))
        return TRUE;
    }
  return FALSE;
}

const char *
taiou_mail_verdict_to_string (TaiouMailVerdict verdict)
{
  switch (verdict)
    {
    case TAIOU_MAIL_VERDICT_DANGEROUS:
      return "dangerous";
    case TAIOU_MAIL_VERDICT_SUSPICIOUS:
      return "suspicious";
    case TAIOU_MAIL_VERDICT_NOTHING_FOUND:
    default:
      return "nothing-found";
    }
}

const char *
taiou_mail_verdict_label_ja (TaiouMailVerdict verdict)
{
  switch (verdict)
    {
    case TAIOU_MAIL_VERDICT_DANGEROUS:
      return "危険";
    case TAIOU_MAIL_VERDICT_SUSPICIOUS:
      return "要注意";
    case TAIOU_MAIL_VERDICT_NOTHING_FOUND:
    default:
      return "問題は見つかりませんでした";
    }
}

static void
ensure_gmime (void)
{
  static gsize initialized = 0;

  if (g_once_init_enter (&initialized))
    {
      g_mime_init ();
      g_once_init_leave (&initialized, 1);
    }
}

/* Raw 8-bit headers (Shift_JIS sent without encoded words happens in Japan) are tried in
 * these charsets in turn. */
GMimeParserOptions *
_taiou_mail_parser_options (void)
{
  static const char *charsets[] = { "UTF-8", "CP932", "EUC-JP", "ISO-2022-JP", NULL };
  GMimeParserOptions *options = g_mime_parser_options_new ();

  g_mime_parser_options_set_fallback_charsets (options, charsets);
  g_mime_parser_options_set_rfc2047_compliance_mode (options, GMIME_RFC_COMPLIANCE_LOOSE);
  g_mime_parser_options_set_parameter_compliance_mode (options, GMIME_RFC_COMPLIANCE_LOOSE);
  return options;
}

static GBytes *
part_content (GMimePart *part)
{
  GMimeDataWrapper *wrapper = g_mime_part_get_content (part);
  g_autoptr(GMimeStream) sink = NULL;
  GByteArray *array;

  if (wrapper == NULL)
    return g_bytes_new (NULL, 0);
  sink = g_mime_stream_mem_new ();
  g_mime_data_wrapper_write_to_stream (wrapper, sink);
  /* Taken from the stream rather than copied. */
  array = g_mime_stream_mem_get_byte_array (GMIME_STREAM_MEM (sink));
  g_mime_stream_mem_set_owner (GMIME_STREAM_MEM (sink), FALSE);
  return g_byte_array_free_to_bytes (array);
}

static char *
join_path (const char *prefix,
           const char *name)
{
  return prefix != NULL && *prefix != '\0' ? g_strconcat (prefix, "/", name, NULL)
                                           : g_strdup (name);
}

static void
add_attachment (Walk       *walk,
                GMimePart  *part,
                const char *prefix)
{
  g_autofree char *name = _taiou_mail_dup_filename (part);
  GMimeContentType *type = g_mime_object_get_content_type (GMIME_OBJECT (part));
  g_autoptr(GBytes) content = part_content (part);
  TaiouMailAttachment *attachment = g_new0 (TaiouMailAttachment, 1);
  gsize size = g_bytes_get_size (content);
  PendingAttachment *pending;

  attachment->name = g_strdup (name != NULL ? name : "");
  attachment->path = join_path (prefix, name != NULL ? name : "(no name)");
  attachment->content_type = g_mime_content_type_get_mime_type (type);
  attachment->size = size;
  g_ptr_array_add (walk->report->attachments, attachment);

  pending = g_new0 (PendingAttachment, 1);
  pending->attachment = attachment;
  pending->content = g_steal_pointer (&content);
  pending->prefix = g_strdup (prefix);
  g_ptr_array_add (walk->pending, pending);
}

/* What each attachment is and why it is dangerous (taiou-attachment), with the body at hand
 * for "the password is in the mail". */
static gboolean
classify_attachments (Walk    *walk,
                      GError **error)
{
  TaiouAttachmentContext context = {
    .body_text = walk->body_text->str,
    .iocs = walk->context->iocs,
    .yara = walk->context->yara,
  };

  for (guint i = 0; i < walk->pending->len; i++)
    {
      PendingAttachment *pending = walk->pending->pdata[i];
      TaiouMailAttachment *attachment = pending->attachment;
      g_autoptr(TaiouAttachmentReport) classified = NULL;
      g_autoptr(GPtrArray) findings = NULL;
      g_autoptr(GError) local_error = NULL;

      classified = taiou_attachment_classify_bytes (*attachment->name != '\0' ? attachment->name
                                                                             : "attachment",
                                                    pending->content, &context,
                                                    walk->cancellable, &local_error);
      /* The classification read every byte and hashed them: not a second time here. */
      if (classified != NULL && classified->sha256 != NULL)
        attachment->sha256 = g_strdup (classified->sha256);
      else
        attachment->sha256 = g_compute_checksum_for_bytes (G_CHECKSUM_SHA256, pending->content);
      if (classified == NULL)
        {
          if (g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
            {
              g_propagate_error (error, g_steal_pointer (&local_error));
              return FALSE;
            }
          taiou_findings_add (walk->report->findings, "attachment.unreadable", 60,
                              attachment->path, local_error->message,
                              "添付ファイルの中身を調べきれませんでした。開かないでください。",
                              "The attachment could not be inspected fully. Do not open it.");
          continue;
        }
      attachment->kind = g_strdup (taiou_attachment_type_to_string (classified->type));
      findings = taiou_attachment_report_collect (classified);
      for (guint f = 0; f < findings->len; f++)
        {
          TaiouFinding *finding = findings->pdata[f];

          /* Name the attachment where it sits in the mail, as the walk does. */
          if (pending->prefix != NULL && *pending->prefix != '\0')
            {
              char *object = join_path (pending->prefix, finding->object);

              g_free (finding->object);
              finding->object = object;
            }
          g_ptr_array_add (walk->report->findings, g_steal_pointer (&findings->pdata[f]));
        }
      g_ptr_array_set_size (findings, 0);
    }
  return TRUE;
}

/* @length bytes that should be UTF-8 as a string: a byte that is not (a NUL included, which
 * would end the text early and hide what follows it) becomes U+FFFD. */
static char *
utf8_text (const char *data,
           gsize       length)
{
  return g_utf8_validate_len (data, length, NULL) ? g_strndup (data, length)
                                                   : g_utf8_make_valid (data, (gssize) length);
}

static gboolean
is_utf8_or_ascii (const char *charset)
{
  return g_ascii_strcasecmp (charset, "utf-8") == 0 || g_ascii_strcasecmp (charset, "utf8") == 0 ||
         g_ascii_strcasecmp (charset, "us-ascii") == 0;
}

/* The text of a body part in UTF-8 (NULL if it cannot be had), without the filter stream and
 * the charset filter g_mime_text_part_get_text() makes for every part: UTF-8 (most mail) is
 * taken as it is, other charsets go through one iconv conversion.  Bytes that are not UTF-8 in
 * a part that says UTF-8 or ASCII become U+FFFD, as mail programs show them (GMime's ASCII
 * converter would drop every Japanese character of an 8-bit "us-ascii" body), and so does a NUL
 * in any charset; a part in another charset with an invalid byte goes through
 * g_mime_text_part_get_text(), whose filter drops such bytes one by one and keeps the rest. */
static char *
part_text (GMimePart *part)
{
  GMimeContentType *type = g_mime_object_get_content_type (GMIME_OBJECT (part));
  const char *charset = g_mime_content_type_get_parameter (type, "charset");
  char *text;

  if (charset != NULL)
    {
      g_autoptr(GBytes) content = part_content (part);
      gsize size;
      const char *data = g_bytes_get_data (content, &size);
      GIConv converter;

      if (is_utf8_or_ascii (charset))
        return utf8_text (data, size);
      /* GMime's names for charsets ("x-sjis", "ks_c_5601-1987" …) as iconv knows them. */
      converter = g_iconv_open ("UTF-8", g_mime_charset_iconv_name (charset));
      if (converter != (GIConv) -1)
        {
          gsize length = 0;
          g_autofree char *converted = g_convert_with_iconv (data, (gssize) size, converter,
                                                             NULL, &length, NULL);

          g_iconv_close (converter);
          if (converted != NULL)
            return utf8_text (converted, length);
        }
    }
  text = g_mime_text_part_get_text (GMIME_TEXT_PART (part));
  if (text != NULL && !g_utf8_validate (text, -1, NULL))
    g_clear_pointer (&text, g_free);
  return text;
}

static void
read_text_part (Walk       *walk,
                GMimePart  *part,
                const char *prefix,
                gboolean    html)
{
  g_autofree char *text = part_text (part);

  if (text == NULL)
    return;
  if (html)
    {
      g_autofree char *visible = _taiou_mail_html_to_text (text);
      const char *where = prefix != NULL && *prefix != '\0' ? prefix : walk->report->source;

      _taiou_mail_check_html_links (text, where, walk->report->urls, walk->report->findings);
      /* The plain-text alternative, when there is one, came first and is the body. */
      if (walk->body_text->len == 0)
        g_string_append (walk->body_text, visible);
    }
  else
    {
      _taiou_mail_collect_text_links (text, walk->report->urls);
      if (walk->body_text->len == 0)
        g_string_append (walk->body_text, text);
    }
}

static void walk_object (Walk        *walk,
                         GMimeObject *object,
                         const char  *prefix,
                         guint        depth);

static void
walk_part (Walk       *walk,
           GMimePart  *part,
           const char *prefix)
{
  GMimeContentType *type = g_mime_object_get_content_type (GMIME_OBJECT (part));
  gboolean is_text = GMIME_IS_TEXT_PART (part);
  gboolean named = g_mime_part_get_filename (part) != NULL;

  /* Text parts without a name are bodies; anything named, or not text, is carried along. */
  if (is_text && !named && !g_mime_part_is_attachment (part))
    read_text_part (walk, part, prefix,
                    g_mime_content_type_is_type (type, "text", "html"));
  else
    add_attachment (walk, part, prefix);
}

static void
walk_object (Walk        *walk,
             GMimeObject *object,
             const char  *prefix,
             guint        depth)
{
  if (walk->n_parts++ >= MAX_PARTS || depth > TAIOU_MAIL_MAX_DEPTH)
    {
      walk->truncated = TRUE;
      return;
    }
  if (g_cancellable_is_cancelled (walk->cancellable))
    return;

  if (GMIME_IS_MULTIPART (object))
    {
      GMimeMultipart *multipart = GMIME_MULTIPART (object);
      int n = g_mime_multipart_get_count (multipart);

      for (int i = 0; i < n; i++)
        walk_object (walk, g_mime_multipart_get_part (multipart, i), prefix, depth + 1);
    }
  else if (GMIME_IS_MESSAGE_PART (object))
    {
      GMimeMessage *inner = g_mime_message_part_get_message (GMIME_MESSAGE_PART (object));
      g_autofree char *subject = inner != NULL ? _taiou_mail_dup_subject (inner) : NULL;
      g_autofree char *name = g_strdup_printf ("%s.eml", subject != NULL ? subject
                                                                         : "forwarded");
      g_autofree char *inner_prefix = join_path (prefix, name);

      if (inner != NULL && g_mime_message_get_mime_part (inner) != NULL)
        walk_object (walk, g_mime_message_get_mime_part (inner), inner_prefix, depth + 1);
    }
  else if (GMIME_IS_PART (object))
    walk_part (walk, GMIME_PART (object), prefix);
}

static char *
first_mailbox (InternetAddressList  *list,
               char                **name_out)
{
  for (int i = 0; list != NULL && i < internet_address_list_length (list); i++)
    {
      InternetAddress *address = internet_address_list_get_address (list, i);

      if (INTERNET_ADDRESS_IS_MAILBOX (address))
        {
          const char *name = internet_address_get_name (address);

          if (name_out != NULL)
            *name_out = name != NULL && *name != '\0' ? g_strdup (name) : NULL;
          return g_strdup (internet_address_mailbox_get_addr (INTERNET_ADDRESS_MAILBOX (address)));
        }
    }
  return NULL;
}

static char *
return_path_address (GMimeMessage *message)
{
  const char *header = g_mime_object_get_header (GMIME_OBJECT (message), "Return-Path");
  g_autofree char *copy = NULL;
  char *start, *end;

  if (header == NULL)
    return NULL;
  copy = g_strdup (header);
  start = strchr (copy, '<');
  start = start != NULL ? start + 1 : copy;
  end = strchr (start, '>');
  if (end != NULL)
    *end = '\0';
  g_strstrip (start);
  return *start != '\0' ? g_strdup (start) : NULL;
}

/* Does the body look like it quotes an earlier exchange? */
static gboolean
quotes_a_thread (const char *body)
{
  static const char * const markers[] = {
    "-----Original Message-----", "-----Original Message-----", "wrote:", "さんは書きました",
    "差出人:", "差出人：", "From:", "送信日時:", "送信日時：", "-----元のメッセージ-----",
  };
  g_auto(GStrv) lines = g_strsplit (body, "\n", -1);
  guint quoted = 0;

  for (guint i = 0; lines[i] != NULL; i++)
    if (lines[i][0] == '>')
      quoted++;
  if (quoted >= 2)
    return TRUE;
  for (gsize i = 0; i < G_N_ELEMENTS (markers); i++)
    if (strstr (body, markers[i]) != NULL)
      return TRUE;
  return FALSE;
}

/* The body without quoted lines, signatures-separator tails and spaces, in characters — counted
 * only up to @enough + 1: a short body is all that matters, and every mail's body came here. */
static glong
own_text_length (const char *body,
                 glong       enough)
{
  glong length = 0;

  for (const char *line = body; line != NULL && length <= enough;)
    {
      const char *newline = strchr (line, '\n');
      const char *end = newline != NULL ? newline : line + strlen (line);
      g_autofree char *text = g_strndup (line, end - line);

      line = newline != NULL ? newline + 1 : NULL;
      if (text[0] == '>' || g_str_has_prefix (text, "-- "))
        continue;
      if (strstr (text, "-----Original Message-----") != NULL ||
          strstr (text, "-----元のメッセージ-----") != NULL)
        break;
      for (const char *p = text; *p != '\0' && length <= enough; p = g_utf8_next_char (p))
        if (!g_unichar_isspace (g_utf8_get_char (p)))
          length++;
    }
  return length;
}

static gboolean
subject_is_reply_or_forward (const char *subject)
{
  static GRegex *regex_once;
  GRegex *regex = _taiou_mail_regex (&regex_once,
                                     "^\\s*((re|fw|fwd)(\\[\\d+\\])?\\s*[:：]|(返信|転送)\\s*[:：])",
                                     G_REGEX_CASELESS);

  g_autofree char *valid = NULL;

  return subject != NULL && _taiou_mail_regex_match (regex, subject, &valid, NULL);
}

static void
check_content (Walk *walk)
{
  TaiouMailReport *report = walk->report;
  const char *body = walk->body_text->str;
  const char *object = report->source;

  if (subject_is_reply_or_forward (report->subject) && quotes_a_thread (body))
    taiou_findings_add (report->findings, "mail.reply-chain", 40, object, report->subject,
                        "過去の本物のやり取りを引用した返信・転送の形をとっています。Emotet は盗んだメールのやり取りに返信する形で届きました。心当たりのあるやり取りでも、添付ファイルやリンクは開かないでください。",
                        "The mail is a reply or forward that quotes an earlier exchange. "
                        "Emotet arrived as replies to stolen conversations, so do not "
                        "open its attachments or links even if the conversation looks "
                        "familiar.");

  if ((report->attachments->len > 0 || report->urls->len > 0) &&
      own_text_length (body, SHORT_BODY_CHARACTERS) <= SHORT_BODY_CHARACTERS)
    {
      glong length = own_text_length (body, SHORT_BODY_CHARACTERS);
      g_autofree char *evidence = g_strdup_printf ("%ld characters of own text", length);
      g_autofree char *evidence_ja = g_strdup_printf ("引用を除いた本文は %ld 文字", length);

      taiou_findings_add_with_evidence_ja (report->findings, "mail.short-body", 40, object,
                                           evidence, evidence_ja,
                                           "本文が「ご確認ください」程度の短い文だけで、添付ファイルやリンクを開かせようとしています。",
                                           "The body is only a short line such as \"please "
                                           "check\", meant to make you open an attachment or "
                                           "a link.");
    }

  if (report->date != NULL)
    {
      int hour = g_date_time_get_hour (report->date);

      if (hour >= 22 || hour < 5)
        {
          g_autofree char *evidence = g_date_time_format_iso8601 (report->date);

          taiou_findings_add (report->findings, "mail.late-night", 30, object, evidence,
                              "深夜に送信されています（送信者の時刻で 22 時〜5 時）。",
                              "It was sent late at night (22:00–05:00 in the sender's "
                              "time zone).");
        }
    }

  if (walk->truncated)
    taiou_findings_add_with_evidence_ja (report->findings, "mail.too-complex", 60, object,
                                         "more parts or nesting than can be inspected",
                                         "調べられる数を超える部品または入れ子",
                                         "入れ子や部品が多すぎて、すべてを調べることができませんでした。検査を逃れるための細工の可能性があります。",
                                         "The mail has too many parts or levels to inspect "
                                         "fully; this can be a trick to escape checks.");
}

static void
decide (TaiouMailReport *report)
{
  taiou_findings_sort (report->findings);
  /* Weak signals alone never reach 要注意 (taiou-mail-scoring.c). */
  report->score = _taiou_mail_weigh_findings (report->findings);
  if (report->score >= TAIOU_SCORE_ALERT)
    report->verdict = TAIOU_MAIL_VERDICT_DANGEROUS;
  else if (report->score >= TAIOU_SCORE_NOTICE)
    report->verdict = TAIOU_MAIL_VERDICT_SUSPICIOUS;
  else
    report->verdict = TAIOU_MAIL_VERDICT_NOTHING_FOUND;
}

static GMimeMessage *
parse_message (const char  *source,
               GBytes      *data,
               GError     **error)
{
  gsize length;
  const guint8 *bytes = g_bytes_get_data (data, &length);
  g_autoptr(GMimeStream) stream = NULL;
  g_autoptr(GMimeParser) parser = NULL;
  g_autoptr(GMimeParserOptions) options = NULL;
  GMimeMessage *message;

  /* GMime makes a message of anything: refuse first what no mail program shows as a mail. */
  if (!_taiou_mail_looks_like_mail (bytes, length))
    {
      g_set_error (error, TAIOU_MAIL_ERROR, TAIOU_MAIL_ERROR_FORMAT,
                   "%s is not a mail message (it does not start with a header field)", source);
      return NULL;
    }

  /* An mbox file starts with "From "; its first message is read. */
  stream = g_mime_stream_mem_new_with_buffer ((const char *) bytes, length);
  parser = g_mime_parser_new_with_stream (stream);
  if (length >= 5 && memcmp (bytes, "From ", 5) == 0)
    g_mime_parser_set_format (parser, GMIME_FORMAT_MBOX);
  options = _taiou_mail_parser_options ();
  message = g_mime_parser_construct_message (parser, options);
  if (message == NULL)
    {
      g_set_error (error, TAIOU_MAIL_ERROR, TAIOU_MAIL_ERROR_FORMAT,
                   "%s is not a mail message", source);
      return NULL;
    }
  return message;
}

/* Outlook's .msg, converted to the same GMimeMessage the .eml path makes. */
static GMimeMessage *
read_outlook_message (const char  *source,
                      GBytes      *data,
                      GError     **error)
{
  g_autoptr(GError) msg_error = NULL;
  GMimeMessage *message = taiou_mail_msg_read (data, &msg_error);
  TaiouMailError code;

  if (message != NULL)
    return message;
  if (g_error_matches (msg_error, TAIOU_MAIL_MSG_ERROR, TAIOU_MAIL_MSG_ERROR_TOO_LARGE))
    code = TAIOU_MAIL_ERROR_TOO_LARGE;
  else if (g_error_matches (msg_error, TAIOU_MAIL_MSG_ERROR, TAIOU_MAIL_MSG_ERROR_READ))
    code = TAIOU_MAIL_ERROR_READ;
  else
    code = TAIOU_MAIL_ERROR_FORMAT;
  g_set_error (error, TAIOU_MAIL_ERROR, code, "%s: %s", source, msg_error->message);
  return NULL;
}

/* Everything after parsing: the same for .eml, mbox and (converted) Outlook .msg. */
static TaiouMailReport *
triage_message (const char                   *source,
                GMimeMessage                 *message,
                const TaiouMailTriageContext *context,
                GCancellable                 *cancellable,
                GError                      **error)
{
  g_autoptr(TaiouMailReport) report = report_new (source);
  g_autoptr(GString) body_text = g_string_new (NULL);
  g_autoptr(GPtrArray) pending = g_ptr_array_new_with_free_func (pending_attachment_free);
  GDateTime *date = g_mime_message_get_date (message);
  Walk walk = {
    .report = report,
    .context = context,
    .cancellable = cancellable,
    .body_text = body_text,
    .pending = pending,
  };

  g_autoptr(InternetAddressList) from = _taiou_mail_dup_addresses (message, "From");
  g_autoptr(InternetAddressList) reply_to = _taiou_mail_dup_addresses (message, "Reply-To");

  report->subject = _taiou_mail_dup_subject (message);
  report->from_address = first_mailbox (from, &report->from_name);
  report->reply_to = first_mailbox (reply_to, NULL);
  report->return_path = return_path_address (message);
  report->date = date != NULL ? g_date_time_ref (date) : NULL;

  if (g_mime_message_get_mime_part (message) != NULL)
    walk_object (&walk, g_mime_message_get_mime_part (message), NULL, 0);
  if (g_cancellable_set_error_if_cancelled (cancellable, error) ||
      !classify_attachments (&walk, error))
    return NULL;

  _taiou_mail_check_sender (report, context);
  _taiou_mail_check_urls (report, context);
  _taiou_mail_check_authres (report, message, context);
  check_content (&walk);
  _taiou_mail_check_missing_headers (report, message);
  _taiou_mail_check_first_contact (report, context);
  decide (report);
  return g_steal_pointer (&report);
}

/**
 * taiou_mail_triage_data:
 * @source: a name for the message, for reports ("請求書の件.eml")
 * @data: the RFC 5322 message, or an mbox whose first message is read
 * @context: (nullable): what is known about us and the loaded IOCs
 *
 * Returns: (transfer full): the report; NULL with @error when @data is not a mail message
 */
TaiouMailReport *
taiou_mail_triage_data (const char                   *source,
                        GBytes                       *data,
                        const TaiouMailTriageContext *context,
                        GCancellable                 *cancellable,
                        GError                      **error)
{
  static const TaiouMailTriageContext nothing_known = { NULL };
  g_autoptr(GMimeMessage) message = NULL;

  g_return_val_if_fail (source != NULL, NULL);
  g_return_val_if_fail (data != NULL, NULL);

  ensure_gmime ();
  if (context == NULL)
    context = &nothing_known;
  if (g_bytes_get_size (data) > TAIOU_MAIL_MAX_FILE_SIZE)
    {
      g_set_error (error, TAIOU_MAIL_ERROR, TAIOU_MAIL_ERROR_TOO_LARGE,
                   "%s is larger than %d MiB", source, TAIOU_MAIL_MAX_FILE_SIZE / 1024 / 1024);
      return NULL;
    }
  if (taiou_mail_msg_looks_like_msg (g_bytes_get_data (data, NULL), g_bytes_get_size (data)))
    message = read_outlook_message (source, data, error);
  else
    message = parse_message (source, data, error);
  if (message == NULL)
    return NULL;
  return triage_message (source, message, context, cancellable, error);
}

/**
 * taiou_mail_triage_file:
 *
 * Reads @path (at most %TAIOU_MAIL_MAX_FILE_SIZE bytes, without following a symbolic link at
 * the end) and triages it.
 */
TaiouMailReport *
taiou_mail_triage_file (const char                   *path,
                        const TaiouMailTriageContext *context,
                        GCancellable                 *cancellable,
                        GError                      **error)
{
  g_autoptr(GBytes) data = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autofree char *name = NULL;

  g_return_val_if_fail (path != NULL, NULL);

  data = taiou_file_read_bytes_bounded (path, TAIOU_MAIL_MAX_FILE_SIZE, &local_error);
  if (data == NULL)
    {
      g_set_error (error, TAIOU_MAIL_ERROR,
                   g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_MESSAGE_TOO_LARGE)
                   ? TAIOU_MAIL_ERROR_TOO_LARGE : TAIOU_MAIL_ERROR_READ,
                   "%s", local_error->message);
      return NULL;
    }
  name = g_path_get_basename (path);
  return taiou_mail_triage_data (name, data, context, cancellable, error);
}
