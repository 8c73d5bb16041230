/* taiou-mail-corpus.c — the corpus's MIME builders, its organisation and its writer
 *
 * Messages are written as text the way mail programs write them: headers in RFC 2047 words
 * (ISO-2022-JP or UTF-8, long values split over several words), bodies in ISO-2022-JP, Shift_JIS
 * or UTF-8 (7bit, 8bit, base64 or quoted-printable), file names in RFC 2231 or in RFC 2047 words
 * inside a quoted parameter as Outlook does.
 */
#include "config.h"

#include <errno.h>
#include <string.h>

#include "taiou-mail-corpus-private.h"

static const char *
charset_name (CorpusEncoding encoding)
{
  switch (encoding)
    {
    case CORPUS_ISO_2022_JP:
      return "ISO-2022-JP";
    case CORPUS_SHIFT_JIS:
    case CORPUS_SHIFT_JIS_B64:
      return "Shift_JIS";
    case CORPUS_UTF8_B64:
    case CORPUS_UTF8_QP:
    case CORPUS_UTF8_8BIT:
    case CORPUS_N_ENCODINGS:
    default:
      return "UTF-8";
    }
}

/* g_convert() to what the charset label means on Windows (Shift_JIS is CP932 there). */
static char *
convert (const char     *text,
         CorpusEncoding  encoding,
         gsize          *length)
{
  const char *to = encoding == CORPUS_SHIFT_JIS || encoding == CORPUS_SHIFT_JIS_B64
                   ? "CP932" : charset_name (encoding);
  char *converted = g_convert (text, -1, to, "UTF-8", NULL, length, NULL);

  g_assert (converted != NULL);
  return converted;
}

static gboolean
is_ascii (const char *text)
{
  for (const char *p = text; *p != '\0'; p++)
    if ((guchar) *p >= 0x80)
      return FALSE;
  return TRUE;
}

/* @text as RFC 2047 B words of at most 12 characters each, as long Japanese values are folded
 * by mail programs; plain when it is ASCII.  Shift_JIS headers are written raw, 8-bit, as some
 * old systems still send them. */
char *
corpus_encoded_words (const char     *text,
                      CorpusEncoding  encoding)
{
  GString *result = g_string_new (NULL);
  const char *charset = encoding == CORPUS_ISO_2022_JP ? "ISO-2022-JP" : "UTF-8";

  if (is_ascii (text))
    return g_string_free (g_string_append (result, text), FALSE);
  if (encoding == CORPUS_SHIFT_JIS)
    {
      gsize length;
      g_autofree char *raw = convert (text, encoding, &length);

      g_string_append_len (result, raw, (gssize) length);
      return g_string_free (result, FALSE);
    }
  for (const char *p = text; *p != '\0';)
    {
      const char *end = p;
      g_autofree char *chunk = NULL;
      g_autofree char *converted = NULL;
      g_autofree char *base64 = NULL;
      gsize length = 0;

      for (int n = 0; n < 12 && *end != '\0'; n++)
        end = g_utf8_next_char (end);
      chunk = g_strndup (p, (gsize) (end - p));
      converted = g_convert (chunk, -1, charset, "UTF-8", NULL, &length, NULL);
      g_assert (converted != NULL);
      base64 = g_base64_encode ((const guchar *) converted, length);
      g_string_append_printf (result, "%s=?%s?B?%s?=", result->len > 0 ? "\r\n " : "", charset,
                              base64);
      p = end;
    }
  return g_string_free (result, FALSE);
}

static void
append_base64 (GString      *out,
               const guint8 *data,
               gsize         length)
{
  g_autofree char *base64 = g_base64_encode (data, length);
  gsize total = strlen (base64);

  for (gsize i = 0; i < total; i += 76)
    {
      g_string_append_len (out, base64 + i, (gssize) MIN (76, total - i));
      g_string_append (out, "\r\n");
    }
}

static void
append_quoted_printable (GString      *out,
                         const guint8 *data,
                         gsize         length)
{
  gsize column = 0;

  for (gsize i = 0; i < length; i++)
    {
      guint8 c = data[i];

      if (c == '\n')
        {
          g_string_append (out, "\r\n");
          column = 0;
          continue;
        }
      if (c == '\r')
        continue;
      if (column >= 72)
        {
          g_string_append (out, "=\r\n");
          column = 0;
        }
      if (c >= 0x80 || c == '=' || c < 0x20)
        {
          g_string_append_printf (out, "=%02X", c);
          column += 3;
        }
      else
        {
          g_string_append_c (out, (char) c);
          column++;
        }
    }
  g_string_append (out, "\r\n");
}

/* Lines end in CRLF on the wire. */
static char *
crlf (const char *text)
{
  GString *out = g_string_new (NULL);

  for (const char *p = text; *p != '\0'; p++)
    {
      if (*p == '\n' && (p == text || p[-1] != '\r'))
        g_string_append_c (out, '\r');
      g_string_append_c (out, *p);
    }
  return g_string_free (out, FALSE);
}

char *
corpus_text_part (const char     *subtype,
                  const char     *text,
                  CorpusEncoding  encoding)
{
  GString *out = g_string_new (NULL);
  g_autofree char *lines = crlf (text);
  gsize length = 0;
  g_autofree char *converted = convert (lines, encoding, &length);
  static const char * const transfer[] = {
    [CORPUS_ISO_2022_JP] = "7bit", [CORPUS_SHIFT_JIS] = "8bit",
    [CORPUS_SHIFT_JIS_B64] = "base64", [CORPUS_UTF8_B64] = "base64",
    [CORPUS_UTF8_QP] = "quoted-printable", [CORPUS_UTF8_8BIT] = "8bit",
  };

  g_string_append_printf (out, "Content-Type: text/%s; charset=\"%s\"\r\n"
                          "Content-Transfer-Encoding: %s\r\n\r\n", subtype,
                          charset_name (encoding), transfer[encoding]);
  if (encoding == CORPUS_UTF8_B64 || encoding == CORPUS_SHIFT_JIS_B64)
    append_base64 (out, (const guint8 *) converted, length);
  else if (encoding == CORPUS_UTF8_QP)
    append_quoted_printable (out, (const guint8 *) converted, length);
  else
    {
      g_string_append_len (out, converted, (gssize) length);
      g_string_append (out, "\r\n");
    }
  return g_string_free (out, FALSE);
}

char *
corpus_file_part (const char      *name,
                  const char      *mime_type,
                  GBytes          *content,
                  CorpusNameStyle  style)
{
  GString *out = g_string_new (NULL);
  g_autofree char *parameter = NULL;
  gsize length;
  const guint8 *data = g_bytes_get_data (content, &length);

  if (is_ascii (name))
    parameter = g_strdup_printf ("filename=\"%s\"", name);
  else if (style == CORPUS_NAME_RFC2231_UTF8)
    {
      g_autofree char *escaped = g_uri_escape_string (name, NULL, FALSE);

      parameter = g_strdup_printf ("filename*=UTF-8''%s", escaped);
    }
  else
    {
      g_autofree char *words = corpus_encoded_words (name, style == CORPUS_NAME_RFC2047_JIS
                                                           ? CORPUS_ISO_2022_JP
                                                           : CORPUS_UTF8_B64);

      parameter = g_strdup_printf ("filename=\"%s\"", words);
    }
  g_string_append_printf (out, "Content-Type: %s\r\nContent-Transfer-Encoding: base64\r\n"
                          "Content-Disposition: attachment;\r\n %s\r\n\r\n", mime_type, parameter);
  append_base64 (out, data, length);
  return g_string_free (out, FALSE);
}

char *
corpus_multipart (const char *subtype,
                  const char *first,
                  ...)
{
  static gint counter;
  GString *out = g_string_new (NULL);
  g_autofree char *boundary = g_strdup_printf ("----=_Part_%d_%08X",
                                               g_atomic_int_add (&counter, 1), 0x5eed1234u);
  va_list args;

  g_string_append_printf (out, "Content-Type: multipart/%s;\r\n boundary=\"%s\"\r\n\r\n"
                          "This is a multi-part message in MIME format.\r\n", subtype, boundary);
  va_start (args, first);
  for (const char *part = first; part != NULL; part = va_arg (args, const char *))
    g_string_append_printf (out, "--%s\r\n%s", boundary, part);
  va_end (args);
  g_string_append_printf (out, "--%s--\r\n", boundary);
  return g_string_free (out, FALSE);
}

char *
corpus_message_part (GBytes *message)
{
  gsize length;
  const char *data = g_bytes_get_data (message, &length);

  return g_strdup_printf ("Content-Type: message/rfc822\r\n"
                          "Content-Disposition: attachment\r\n\r\n%.*s\r\n", (int) length, data);
}

GBytes *
corpus_message (const CorpusHeaders *headers,
                const char          *entity)
{
  static const char * const weekdays[] = { "Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat" };
  g_autofree char *subject = corpus_encoded_words (headers->subject, headers->encoding);
  g_autofree char *from = NULL;
  GString *out = g_string_new (NULL);
  gsize length;

  if (headers->from_name != NULL)
    {
      g_autofree char *name = corpus_encoded_words (headers->from_name, headers->encoding);

      from = is_ascii (headers->from_name)
             ? g_strdup_printf ("\"%s\" <%s>", headers->from_name, headers->from_address)
             : g_strdup_printf ("%s <%s>", name, headers->from_address);
    }
  else
    from = g_strdup (headers->from_address);

  /* 1 November 2026 is a Sunday. */
  g_string_append_printf (out, "From: %s\r\nTo: %s\r\nSubject: %s\r\n"
                          "Date: %s, %d Nov 2026 %02d:%02d:%02d +0900\r\n"
                          "Message-ID: <%08X.%d%02d%02d@%s>\r\n%s"
                          "MIME-Version: 1.0\r\n%s",
                          from, headers->to, subject, weekdays[(headers->day - 1) % 7],
                          headers->day, headers->hour, headers->minute, (headers->minute * 7) % 60,
                          g_str_hash (headers->subject), headers->day, headers->hour,
                          headers->minute, strchr (headers->from_address, '@') + 1,
                          headers->extra != NULL ? headers->extra : "", entity);
  length = out->len;
  return g_bytes_new_take (g_string_free (out, FALSE), length);
}

void
corpus_add (GPtrArray  *corpus,
            gboolean    malicious,
            const char *shape,
            const char *extension,
            GBytes     *data)
{
  TaiouMailCorpusItem *item = g_new0 (TaiouMailCorpusItem, 1);
  g_autofree char *slug = g_strdelimit (g_strdup (shape), "./ ", '-');

  item->name = g_strdup_printf ("%s-%03u-%s.%s", malicious ? "malicious" : "ordinary",
                                corpus->len, slug, extension);
  item->malicious = malicious;
  item->shape = g_strdup (shape);
  item->data = data;
  g_ptr_array_add (corpus, item);
}

/* A one-page PDF that says @title: the structure a reader needs, nothing active. */
GBytes *
corpus_pdf (const char *title)
{
  return taiou_test_bytes_printf ("%%PDF-1.7\n%%\xe2\xe3\xcf\xd3\n"
                                  "1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\n"
                                  "2 0 obj << /Type /Pages /Kids [3 0 R] /Count 1 >> endobj\n"
                                  "3 0 obj << /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] "
                                  "/Contents 4 0 R >> endobj\n"
                                  "4 0 obj << /Length %u >> stream\nBT /F1 12 Tf 72 770 Td (%s) "
                                  "Tj ET\nendstream endobj\ntrailer << /Root 1 0 R >>\n%%%%EOF\n",
                                  (guint) strlen (title) + 28, title);
}

GBytes *
corpus_xlsx (void)
{
  return taiou_test_ooxml_new (FALSE, FALSE);
}

GBytes *
corpus_ics (const char *summary,
            int         day,
            int         hour,
            const char *organizer,
            const char *join_url)
{
  return taiou_test_bytes_printf ("BEGIN:VCALENDAR\r\nPRODID:-//Microsoft Corporation//Outlook "
                                  "16.0 MIMEDIR//EN\r\nVERSION:2.0\r\nMETHOD:REQUEST\r\n"
                                  "BEGIN:VEVENT\r\nORGANIZER;CN=organizer:mailto:%s\r\n"
                                  "DTSTART;TZID=Tokyo Standard Time:202611%02dT%02d0000\r\n"
                                  "DTEND;TZID=Tokyo Standard Time:202611%02dT%02d0000\r\n"
                                  "SUMMARY;LANGUAGE=ja-JP:%s\r\n"
                                  "LOCATION:%s\r\nUID:%08X@%s\r\nSEQUENCE:0\r\n"
                                  "END:VEVENT\r\nEND:VCALENDAR\r\n",
                                  organizer, day, hour, day, hour + 1, summary,
                                  join_url != NULL ? join_url : "本社 3F 会議室A",
                                  g_str_hash (summary) ^ (guint) day, strchr (organizer, '@') + 1);
}

static void
item_free (gpointer data)
{
  TaiouMailCorpusItem *item = data;

  g_free (item->name);
  g_free (item->shape);
  g_bytes_unref (item->data);
  g_free (item);
}

GPtrArray *
taiou_mail_corpus_new (void)
{
  GPtrArray *corpus = g_ptr_array_new_with_free_func (item_free);

  corpus_add_ordinary (corpus);
  corpus_add_malicious (corpus);
  return corpus;
}

const char * const *
taiou_mail_corpus_our_domains (void)
{
  static const char * const domains[] = { TAIOU_MAIL_CORPUS_OUR_DOMAIN, NULL };

  return domains;
}

/* The organisation and the staff the malicious mails pretend to be. */
const char * const *
taiou_mail_corpus_our_names (void)
{
  static const char * const names[] = {
    "株式会社アワ商事", "アワ商事", "山田 太郎", "佐藤 花子", "鈴木 一郎", "高橋 美咲",
    "田中 健太", "伊藤 直子", NULL,
  };

  return names;
}

/* The bytes of the attachment whose SHA-256 the corpus's IOC set lists. */
GBytes *
corpus_ioc_payload (void)
{
  static const char payload[] = "corpus: a file whose hash is listed as malware";

  return g_bytes_new_static (payload, sizeof payload - 1);
}

/* Indicators the IOC-hit mails carry (their attachment hashes are the fixtures' own). */
TaiouIocSet *
taiou_mail_corpus_iocs (void)
{
  TaiouIocSet *iocs = taiou_ioc_set_new ();
  g_autoptr(GBytes) payload = corpus_ioc_payload ();
  g_autofree char *hash = g_compute_checksum_for_bytes (G_CHECKSUM_SHA256, payload);
  g_autofree char *hashes = g_strdup_printf ("%s;100;corpus: Emotet-style zip\n", hash);
  const char *urlhaus = "id,dateadded,url,url_status,last_online,threat,tags,urlhaus_link,"
                        "reporter\n\"1\",\"2026-11-01 00:00:00\",\"http://drop.bad-cdn.example/"
                        "inv/\",\"online\",\"\",\"malware_download\",\"emotet\",\"https://urlhaus/"
                        "1\",\"corpus\"\n";
  const char *c2 = "c2-relay.bad-host.example;90\n";
  const char *names = "# corpus: Emotet invoice file names\n"
                      "Rechnung_[0-9]{6}\\.(doc|xls)m?$;75\n";
  g_autoptr(TaiouIocLoadReport) r1 = NULL;
  g_autoptr(TaiouIocLoadReport) r2 = NULL;
  g_autoptr(TaiouIocLoadReport) r3 = NULL;
  g_autoptr(TaiouIocLoadReport) r4 = NULL;
  g_autoptr(GPtrArray) bundled = NULL;

  r1 = taiou_ioc_set_load_data (iocs, "corpus-hashes.txt", hashes, strlen (hashes),
                                TAIOU_IOC_FORMAT_LOKI_HASH, NULL);
  r2 = taiou_ioc_set_load_data (iocs, "corpus-urls.csv", urlhaus, strlen (urlhaus),
                                TAIOU_IOC_FORMAT_URLHAUS_CSV, NULL);
  r3 = taiou_ioc_set_load_data (iocs, "corpus-c2.txt", c2, strlen (c2),
                                TAIOU_IOC_FORMAT_LOKI_C2, NULL);
  r4 = taiou_ioc_set_load_data (iocs, "corpus-filenames.txt", names, strlen (names),
                                TAIOU_IOC_FORMAT_LOKI_FILENAME, NULL);
  g_assert (r1 != NULL && r1->n_loaded == 1 && r2 != NULL && r2->n_loaded == 1);
  g_assert (r3 != NULL && r3->n_loaded == 1 && r4 != NULL && r4->n_loaded == 1);
  if (g_getenv ("TAIOU_IOC_DIR") != NULL)
    taiou_ioc_set_load_bundled (iocs, &bundled, NULL);
  return iocs;
}

gboolean
taiou_mail_corpus_write (GPtrArray   *corpus,
                         const char  *dir,
                         GError     **error)
{
  g_autoptr(GString) manifest = g_string_new ("# name\tclass\tshape (malicious: the rule it "
                                              "exercises)\n");
  g_autofree char *manifest_path = g_build_filename (dir, "MANIFEST.tsv", NULL);

  if (g_mkdir_with_parents (dir, 0755) != 0)
    {
      g_set_error (error, G_FILE_ERROR, g_file_error_from_errno (errno), "%s: %s", dir,
                   g_strerror (errno));
      return FALSE;
    }
  for (guint i = 0; i < corpus->len; i++)
    {
      TaiouMailCorpusItem *item = corpus->pdata[i];
      g_autofree char *path = g_build_filename (dir, item->name, NULL);
      gsize length;
      const char *data = g_bytes_get_data (item->data, &length);

      if (!g_file_set_contents (path, data, (gssize) length, error))
        return FALSE;
      g_string_append_printf (manifest, "%s\t%s\t%s\n", item->name,
                              item->malicious ? "malicious" : "ordinary", item->shape);
    }
  return g_file_set_contents (manifest_path, manifest->str, (gssize) manifest->len, error);
}
