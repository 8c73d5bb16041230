/* taiou-notice-mail.c — a notice as ready-to-send .eml files, recipients in Bcc batches
 *
 * Partners must not see each other's addresses, and a mail server limits recipients per
 * message, so the recipients go in Bcc, split into batches (50 by default), one .eml each,
 * To: being the sender.  The notice never carries an attachment: the warning itself says not
 * to open attachments.  Recipients come from whatever people paste or export: one address a
 * line, "Name <address>", Outlook/Thunderbird CSV, vCard 3/4.
 */
#define G_LOG_DOMAIN "taiou-notice"

#include "config.h"

#include <gmime/gmime.h>
#include <string.h>

#include "taiou-mail-address.h"
#include "taiou-notice.h"
#include "taiou-utf16-private.h"

#define MAX_RECIPIENTS 100000

/* GMime 3.2 declares no g_autoptr() cleanups. */
G_DEFINE_AUTOPTR_CLEANUP_FUNC (GMimeMessage, g_object_unref)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (GMimeTextPart, g_object_unref)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (GMimeStream, g_object_unref)

void
taiou_notice_recipients_free (TaiouNoticeRecipients *recipients)
{
  if (recipients == NULL)
    return;
  g_ptr_array_unref (recipients->addresses);
  g_ptr_array_unref (recipients->invalid);
  g_free (recipients);
}

/* The address part of "Name <address>", "mailto:address" or a bare token. */
static char *
extract_address (const char *token)
{
  const char *open = strrchr (token, '<');
  const char *close = open != NULL ? strchr (open, '>') : NULL;
  g_autofree char *address = NULL;

  if (open != NULL && close != NULL)
    address = g_strndup (open + 1, (gsize) (close - open - 1));
  else
    address = g_strdup (token);
  g_strstrip (address);
  /* Quotes and the brackets spreadsheets add. */
  g_strdelimit (address, "\"'", ' ');
  g_strstrip (address);
  if (g_ascii_strncasecmp (address, "mailto:", 7) == 0)
    memmove (address, address + 7, strlen (address + 7) + 1);
  return g_steal_pointer (&address);
}

/* local@DOMAIN: the domain's case does not matter, the local part's may. */
static char *
normalize_address (const char *address)
{
  const char *at = strrchr (address, '@');
  g_autofree char *domain = g_ascii_strdown (at + 1, -1);

  return g_strdup_printf ("%.*s@%s", (int) (at - address), address, domain);
}

static void
add_candidate (TaiouNoticeRecipients *recipients,
               GHashTable            *seen,
               const char            *token)
{
  g_autofree char *address = extract_address (token);
  g_autofree char *normal = NULL;
  g_autofree char *key = NULL;

  if (strchr (address, '@') == NULL)
    return;  /* a name, a header, a phone number: not meant as an address */
  if (!taiou_mail_address_is_valid (address))
    {
      if (recipients->invalid->len < 1000)
        g_ptr_array_add (recipients->invalid, g_utf8_make_valid (address, -1));
      return;
    }
  normal = normalize_address (address);
  key = g_ascii_strdown (normal, -1);
  if (g_hash_table_contains (seen, key) || recipients->addresses->len >= MAX_RECIPIENTS)
    return;
  g_hash_table_add (seen, g_steal_pointer (&key));
  g_ptr_array_add (recipients->addresses, g_steal_pointer (&normal));
}

/**
 * taiou_notice_recipients_parse:
 * @text: pasted addresses, an address book exported as CSV, or vCards
 *
 * Finds every address in @text, keeps the valid ones once each (in order) and lists the ones
 * that look like addresses but are not valid.
 *
 * Returns: (transfer full): the recipients
 */
TaiouNoticeRecipients *
taiou_notice_recipients_parse (const char *text)
{
  TaiouNoticeRecipients *recipients = g_new0 (TaiouNoticeRecipients, 1);
  g_autoptr(GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autofree char *valid = g_utf8_make_valid (text != NULL ? text : "", -1);
  g_auto(GStrv) lines = NULL;

  recipients->addresses = g_ptr_array_new_with_free_func (g_free);
  recipients->invalid = g_ptr_array_new_with_free_func (g_free);
  g_strdelimit (valid, "\r", '\n');
  lines = g_strsplit (valid, "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    {
      const char *line = lines[i];
      g_auto(GStrv) fields = NULL;

      /* vCard: EMAIL;TYPE=work:address (the value follows the last colon of the name). */
      if (g_ascii_strncasecmp (line, "EMAIL", 5) == 0 || strstr (line, ".EMAIL") != NULL)
        {
          const char *colon = strchr (line, ':');

          if (colon != NULL)
            add_candidate (recipients, seen, colon + 1);
          continue;
        }
      if (g_ascii_strncasecmp (line, "BEGIN:", 6) == 0 ||
          g_ascii_strncasecmp (line, "END:", 4) == 0)
        continue;
      /* CSV cells, pasted lists: "," ";" tabs, spaces and Japanese commas all separate. */
      fields = g_strsplit_set (line, ",;\t 、，　", -1);
      for (guint f = 0; fields[f] != NULL; f++)
        if (*fields[f] != '\0')
          add_candidate (recipients, seen, fields[f]);
    }
  return recipients;
}

/* Address books come as exported: Japanese Outlook writes CSV in Shift_JIS (CP932), or in
 * UTF-16 when "Unicode" was chosen; Thunderbird and phones write UTF-8.  Shift_JIS must be
 * decoded, not just cleaned: its second bytes include "@" and "\\". */
/* UTF-16 with a broken surrogate costs one character, not the whole file (g_convert would
 * refuse it all); the library's UTF-16LE decoder does exactly that, big-endian is swapped. */
static char *
decode_utf16 (const guchar *bytes,
              gsize         length,
              gboolean      big_endian)
{
  g_autofree guint8 *swapped = NULL;

  if (!big_endian)
    return _taiou_utf16le_to_utf8 (bytes, length, NULL);
  swapped = g_malloc (length + 1);
  for (gsize i = 0; i + 1 < length; i += 2)
    {
      swapped[i] = bytes[i + 1];
      swapped[i + 1] = bytes[i];
    }
  return _taiou_utf16le_to_utf8 (swapped, length & ~(gsize) 1, NULL);
}

/* Shift_JIS line by line (a line break is never part of a two-byte character), so one byte
 * that is not CP932 spoils only its own line. */
static char *
decode_cp932 (const char *data,
              gsize       length)
{
  GString *text = g_string_sized_new (length);
  const char *end = data + length;

  for (const char *line = data; line < end;)
    {
      const char *newline = memchr (line, '\n', (gsize) (end - line));
      gsize line_length = (gsize) ((newline != NULL ? newline + 1 : end) - line);
      g_autofree char *decoded = g_convert (line, (gssize) line_length, "UTF-8", "CP932", NULL,
                                            NULL, NULL);

      if (decoded == NULL)
        decoded = g_utf8_make_valid (line, (gssize) line_length);
      g_string_append (text, decoded);
      line += line_length;
    }
  return g_string_free (text, FALSE);
}

static char *
decode_address_book (const char *data,
                     gsize       length)
{
  const guchar *bytes = (const guchar *) data;

  if (length >= 2 && bytes[0] == 0xFF && bytes[1] == 0xFE)
    return decode_utf16 (bytes + 2, length - 2, FALSE);
  if (length >= 2 && bytes[0] == 0xFE && bytes[1] == 0xFF)
    return decode_utf16 (bytes + 2, length - 2, TRUE);
  if (length >= 3 && bytes[0] == 0xEF && bytes[1] == 0xBB && bytes[2] == 0xBF)
    return g_utf8_make_valid (data + 3, (gssize) length - 3);
  if (g_utf8_validate_len (data, length, NULL) && memchr (data, '\0', length) == NULL)
    return g_strndup (data, length);
  return decode_cp932 (data, length);
}

/**
 * taiou_notice_recipients_parse_file:
 * @data: the bytes of an address book file (UTF-8, UTF-16 with a BOM, or Shift_JIS)
 * @length: their length
 *
 * Like taiou_notice_recipients_parse(), for a file as Outlook, Thunderbird or a phone wrote it.
 *
 * Returns: (transfer full): the recipients
 */
TaiouNoticeRecipients *
taiou_notice_recipients_parse_file (const char *data,
                                    gsize       length)
{
  g_autofree char *text = NULL;

  g_return_val_if_fail (data != NULL || length == 0, NULL);

  text = decode_address_book (data != NULL ? data : "", length);
  return taiou_notice_recipients_parse (text);
}

static gboolean
check_header_address (const char  *field,
                      const char  *address,
                      GError     **error)
{
  if (address != NULL && taiou_mail_address_is_valid (address))
    return TRUE;
  g_set_error (error, TAIOU_NOTICE_ERROR, TAIOU_NOTICE_ERROR_INVALID,
               "The %s address is missing or not a valid mail address", field);
  return FALSE;
}

static GBytes *
build_one (const TaiouNoticeText *text,
           const char            *from,
           const char            *reply_to,
           GPtrArray             *addresses,
           guint                  first,
           guint                  count,
           GDateTime             *date)
{
  g_autoptr(GMimeMessage) message = g_mime_message_new (TRUE);
  g_autoptr(GMimeTextPart) body = g_mime_text_part_new_with_subtype ("plain");
  g_autoptr(GMimeStream) stream = g_mime_stream_mem_new ();
  g_autofree char *message_id = g_mime_utils_generate_message_id (strrchr (from, '@') + 1);
  g_autofree char *crlf_body = NULL;
  g_auto(GStrv) lines = g_strsplit (text->body, "\n", -1);
  GByteArray *array;

  g_mime_message_add_mailbox (message, GMIME_ADDRESS_TYPE_FROM, NULL, from);
  /* Every recipient is hidden from the others; the sender keeps a copy. */
  g_mime_message_add_mailbox (message, GMIME_ADDRESS_TYPE_TO, NULL, from);
  if (reply_to != NULL)
    g_mime_message_add_mailbox (message, GMIME_ADDRESS_TYPE_REPLY_TO, NULL, reply_to);
  for (guint i = first; i < first + count; i++)
    g_mime_message_add_mailbox (message, GMIME_ADDRESS_TYPE_BCC, NULL, addresses->pdata[i]);
  g_mime_message_set_subject (message, text->subject != NULL ? text->subject : "", "UTF-8");
  g_mime_message_set_date (message, date);
  g_mime_message_set_message_id (message, message_id);

  crlf_body = g_strjoinv ("\r\n", lines);
  g_mime_text_part_set_text (body, crlf_body);
  g_mime_text_part_set_charset (body, "UTF-8");
  g_mime_part_set_content_encoding (GMIME_PART (body), GMIME_CONTENT_ENCODING_BASE64);
  g_mime_message_set_mime_part (message, GMIME_OBJECT (body));

  g_mime_object_write_to_stream (GMIME_OBJECT (message), NULL, stream);
  array = g_mime_stream_mem_get_byte_array (GMIME_STREAM_MEM (stream));
  return g_bytes_new (array->data, array->len);
}

/**
 * taiou_notice_build_eml:
 * @text: a rendered mail notice (with a subject)
 * @from: the sender (Preferences → notice sender)
 * @reply_to: (nullable): where replies should go
 * @addresses: (element-type utf8): the recipients, from taiou_notice_recipients_parse()
 * @batch_size: recipients per message (0 means 50)
 * @date: the Date header
 *
 * Returns: (transfer full) (element-type GBytes): one RFC 5322 message per batch
 */
GPtrArray *
taiou_notice_build_eml (const TaiouNoticeText  *text,
                        const char             *from,
                        const char             *reply_to,
                        GPtrArray              *addresses,
                        guint                   batch_size,
                        GDateTime              *date,
                        GError                **error)
{
  static gsize gmime_ready = 0;
  GPtrArray *batches;

  g_return_val_if_fail (text != NULL, NULL);
  g_return_val_if_fail (addresses != NULL, NULL);
  g_return_val_if_fail (date != NULL, NULL);

  if (g_once_init_enter (&gmime_ready))
    {
      g_mime_init ();
      g_once_init_leave (&gmime_ready, 1);
    }
  if (!check_header_address ("sender (From)", from, error) ||
      (reply_to != NULL && !check_header_address ("Reply-To", reply_to, error)))
    return NULL;
  if (text->subject == NULL || strpbrk (text->subject, "\r\n") != NULL)
    {
      g_set_error (error, TAIOU_NOTICE_ERROR, TAIOU_NOTICE_ERROR_INVALID,
                   "This notice has no subject line, so it is not a mail notice");
      return NULL;
    }
  if (addresses->len == 0)
    {
      g_set_error (error, TAIOU_NOTICE_ERROR, TAIOU_NOTICE_ERROR_MISSING,
                   "There are no recipients");
      return NULL;
    }
  if (batch_size == 0)
    batch_size = TAIOU_NOTICE_DEFAULT_BATCH_SIZE;

  batches = g_ptr_array_new_with_free_func ((GDestroyNotify) g_bytes_unref);
  for (guint first = 0; first < addresses->len; first += batch_size)
    g_ptr_array_add (batches, build_one (text, from, reply_to, addresses, first,
                                         MIN (batch_size, addresses->len - first), date));
  return batches;
}

/**
 * taiou_notice_build_mailto:
 * @text: a rendered mail notice
 * @addresses: (element-type utf8) (nullable): the recipients
 * @first: the first recipient of this batch
 * @count: how many recipients from @first (clamped to the list)
 *
 * A mailto: URI (RFC 6068) that opens the mail program's compose window with the subject, the
 * body and this batch in Bcc, for people who would rather send from their own program.
 *
 * Returns: (transfer full): the URI
 */
char *
taiou_notice_build_mailto (const TaiouNoticeText *text,
                           GPtrArray             *addresses,
                           guint                  first,
                           guint                  count)
{
  g_autoptr(GString) uri = g_string_new ("mailto:?");
  g_autoptr(GString) bcc = g_string_new (NULL);
  g_auto(GStrv) lines = NULL;
  g_autofree char *crlf_body = NULL;
  guint last;

  g_return_val_if_fail (text != NULL, NULL);

  last = addresses != NULL ? MIN ((guint64) first + count, addresses->len) : 0;
  for (guint i = first; i < last; i++)
    {
      if (bcc->len > 0)
        g_string_append_c (bcc, ',');
      g_string_append_uri_escaped (bcc, addresses->pdata[i], "@", FALSE);
    }
  if (bcc->len > 0)
    g_string_append_printf (uri, "bcc=%s&", bcc->str);
  if (text->subject != NULL)
    {
      g_string_append (uri, "subject=");
      g_string_append_uri_escaped (uri, text->subject, NULL, FALSE);
      g_string_append_c (uri, '&');
    }
  /* RFC 6068 §5: line breaks in a body are %0D%0A. */
  lines = g_strsplit (text->body, "\n", -1);
  crlf_body = g_strjoinv ("\r\n", lines);
  g_string_append (uri, "body=");
  g_string_append_uri_escaped (uri, crlf_body, NULL, FALSE);
  return g_string_free (g_steal_pointer (&uri), FALSE);
}
