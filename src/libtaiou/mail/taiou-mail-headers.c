/* taiou-mail-headers.c — the subject, addresses and file names as a mail program shows them
 *
 * Outlook and Japanese mail programs split a long name over several RFC 2047 encoded-words, and
 * they cut the bytes wherever the line ends: in the middle of a UTF-8 character, so the first
 * word's base64 ends with "=" padding.  GMime 3.2 decodes a run of such words with one base64
 * state and stops at that padding, so 「請求書_2026年11月分のご案内.exe」 came out as 「請??」 and
 * every check of the extension was blind.  Before GMime decodes a header, each run of adjacent
 * encoded-words in one charset is therefore rewritten as a single base64 word holding all their
 * bytes; GMime then converts the charset (ISO-2022-JP escapes included) as usual.
 */
#define G_LOG_DOMAIN "taiou-mail"

#include "config.h"

#include <string.h>

#include "taiou-mail-triage-private.h"

/* A header longer than this is not a name anyone reads; it is left to GMime as it is. */
#define MAX_MERGED_HEADER (64 * 1024)

static GRegex *encoded_word_regex;

static gboolean
is_folding_space (const char *start,
                  const char *end)
{
  for (const char *c = start; c < end; c++)
    if (*c != ' ' && *c != '\t' && *c != '\r' && *c != '\n')
      return FALSE;
  return TRUE;
}

/* The bytes of one word's encoded text; a malformed Q escape is kept as it stands. */
static void
append_decoded (GByteArray *bytes,
                char        encoding,
                const char *text)
{
  if (encoding == 'B' || encoding == 'b')
    {
      gsize length = 0;
      g_autofree guchar *decoded = g_base64_decode (text, &length);

      g_byte_array_append (bytes, decoded, (guint) length);
      return;
    }
  for (const char *c = text; *c != '\0'; c++)
    {
      guint8 byte = (guint8) *c;

      if (*c == '_')
        byte = ' ';
      else if (*c == '=' && g_ascii_isxdigit (c[1]) && g_ascii_isxdigit (c[2]))
        {
          byte = (guint8) (g_ascii_xdigit_value (c[1]) * 16 + g_ascii_xdigit_value (c[2]));
          c += 2;
        }
      g_byte_array_append (bytes, &byte, 1);
    }
}

/* The charset without an RFC 2231 language ("UTF-8*ja" is UTF-8). */
static char *
dup_charset (const char *charset)
{
  const char *star = strchr (charset, '*');

  return star != NULL ? g_strndup (charset, (gsize) (star - charset)) : g_strdup (charset);
}

static void
flush_run (GString    *out,
           const char *charset,
           GByteArray *bytes,
           const char *original_start,
           const char *original_end,
           guint       n_words)
{
  g_autofree char *encoded = NULL;

  if (n_words < 2)
    {
      g_string_append_len (out, original_start, original_end - original_start);
      return;
    }
  encoded = g_base64_encode (bytes->data, bytes->len);
  g_string_append_printf (out, "=?%s?B?%s?=", charset, encoded);
}

/**
 * _taiou_mail_rfc2047_merge:
 * @raw: a header's raw value
 *
 * Returns: (transfer full): @raw with each run of adjacent encoded-words (separated only by
 *   white space, which RFC 2047 says to drop) in one charset turned into one word
 */
char *
_taiou_mail_rfc2047_merge (const char *raw)
{
  g_autoptr(GMatchInfo) match = NULL;
  g_autoptr(GString) out = NULL;
  g_autoptr(GByteArray) bytes = NULL;
  g_autofree char *run_charset = NULL;
  const char *copied_to = raw;   /* raw[..copied_to) is in out */
  const char *run_start = NULL;  /* the run's first word */
  const char *run_end = NULL;    /* just after its last word */
  guint n_words = 0;
  GRegex *regex;

  if (raw == NULL || strstr (raw, "=?") == NULL || strlen (raw) > MAX_MERGED_HEADER)
    return g_strdup (raw);

  /* Raw bytes, not UTF-8: a header as sent may hold anything (and the positions matched are
   * positions in @raw). */
  regex = _taiou_mail_regex (&encoded_word_regex, "=\\?([^?\\s]+)\\?([BbQq])\\?([^?\\s]*)\\?=",
                             G_REGEX_RAW);
  out = g_string_new (NULL);
  bytes = g_byte_array_new ();
  g_regex_match (regex, raw, 0, &match);
  while (g_match_info_matches (match))
    {
      int start, end;
      g_autofree char *word_charset = NULL;
      g_autofree char *charset = g_match_info_fetch (match, 1);
      g_autofree char *encoding = g_match_info_fetch (match, 2);
      g_autofree char *text = g_match_info_fetch (match, 3);

      g_match_info_fetch_pos (match, 0, &start, &end);
      word_charset = dup_charset (charset);
      if (run_start != NULL &&
          !(is_folding_space (run_end, raw + start) &&
            g_ascii_strcasecmp (run_charset, word_charset) == 0))
        {
          flush_run (out, run_charset, bytes, run_start, run_end, n_words);
          copied_to = run_end;
          run_start = NULL;
        }
      if (run_start == NULL)
        {
          g_string_append_len (out, copied_to, raw + start - copied_to);
          run_start = raw + start;
          g_free (run_charset);
          run_charset = g_steal_pointer (&word_charset);
          g_byte_array_set_size (bytes, 0);
          n_words = 0;
        }
      append_decoded (bytes, encoding[0], text);
      n_words++;
      run_end = raw + end;
      g_match_info_next (match, NULL);
    }
  if (run_start != NULL)
    {
      flush_run (out, run_charset, bytes, run_start, run_end, n_words);
      copied_to = run_end;
    }
  g_string_append (out, copied_to);
  return g_string_free (g_steal_pointer (&out), FALSE);
}

/* Returns: (nullable): @name's raw value with its encoded-word runs joined, or NULL when the
 *   header is absent or holds no encoded-word at all; then what GMime decoded stands as it is,
 *   and the common case costs no second parse. */
static char *
dup_merged_header (GMimeObject *object,
                   const char  *name)
{
  GMimeHeader *header = g_mime_header_list_get_header (g_mime_object_get_header_list (object),
                                                       name);
  const char *raw = header != NULL ? g_mime_header_get_raw_value (header) : NULL;

  if (raw == NULL || strstr (raw, "=?") == NULL)
    return NULL;
  return _taiou_mail_rfc2047_merge (raw);
}

/* Returns: (transfer full) (nullable): the subject, every encoded-word of it decoded */
char *
_taiou_mail_dup_subject (GMimeMessage *message)
{
  g_autofree char *merged = dup_merged_header (GMIME_OBJECT (message), "Subject");
  g_autoptr(GMimeParserOptions) options = NULL;
  char *decoded;

  if (merged == NULL)
    return g_strdup (g_mime_message_get_subject (message));
  options = _taiou_mail_parser_options ();
  decoded = g_mime_utils_header_decode_text (options, merged);
  return g_strstrip (decoded);
}

/* Returns: (transfer full) (nullable): the addresses of @name (From, Reply-To), display names
 *   fully decoded */
InternetAddressList *
_taiou_mail_dup_addresses (GMimeMessage *message,
                           const char   *name)
{
  g_autofree char *merged = dup_merged_header (GMIME_OBJECT (message), name);
  g_autoptr(GMimeParserOptions) options = NULL;
  InternetAddressList *parsed = g_ascii_strcasecmp (name, "From") == 0
                                ? g_mime_message_get_from (message)
                                : g_ascii_strcasecmp (name, "Reply-To") == 0
                                ? g_mime_message_get_reply_to (message)
                                : NULL;

  if (merged == NULL)
    return parsed != NULL ? g_object_ref (parsed) : NULL;
  options = _taiou_mail_parser_options ();
  return internet_address_list_parse (options, merged);
}

/* Returns: (transfer full) (nullable): the file name a mail program shows for @part: the
 *   disposition's filename, else the type's name, as g_mime_part_get_filename() finds it */
char *
_taiou_mail_dup_filename (GMimePart *part)
{
  GMimeObject *object = GMIME_OBJECT (part);
  g_autofree char *disposition_raw = dup_merged_header (object, "Content-Disposition");
  g_autofree char *type_raw = dup_merged_header (object, "Content-Type");
  g_autoptr(GMimeParserOptions) options = NULL;
  const char *fallback = g_mime_part_get_filename (part);

  if (disposition_raw == NULL && type_raw == NULL)
    return g_strdup (fallback);
  options = _taiou_mail_parser_options ();

  if (disposition_raw != NULL)
    {
      g_autoptr(GMimeContentDisposition) disposition =
        g_mime_content_disposition_parse (options, disposition_raw);
      const char *filename = disposition != NULL
                             ? g_mime_content_disposition_get_parameter (disposition, "filename")
                             : NULL;

      if (filename != NULL)
        return g_strdup (filename);
    }
  if (type_raw != NULL)
    {
      g_autoptr(GMimeContentType) type = g_mime_content_type_parse (options, type_raw);
      const char *filename = type != NULL ? g_mime_content_type_get_parameter (type, "name")
                                          : NULL;

      if (filename != NULL)
        return g_strdup (filename);
    }
  return g_strdup (fallback);
}
