/* taiou-export-text.c — writing hostile text safely into JSON and CSV
 *
 * Every text an export writes came from somewhere else: a mail subject, a file name on the
 * infected PC, a tampered database.  JSON gets every character back exactly (escaped as RFC 8259
 * requires).  CSV is read by spreadsheets and by line-splitting importers, so there a cell never
 * spans lines and never starts a formula: line breaks and other control characters are shown as
 * visible escapes (\n, \x1b, \u2028: Python's str.splitlines(), which DFIR-IRIS runs over an
 * uploaded CSV before parsing it, breaks lines at all of those), and a cell beginning with
 * = + - or @ gets a leading apostrophe (OWASP's advice against CSV injection: Excel and
 * LibreOffice otherwise run it as a formula).  Both forms cut text longer than asked, at a
 * character boundary, and say how long it was; invalid UTF-8 (only a tampered file holds it)
 * becomes U+FFFD.
 */
#define G_LOG_DOMAIN "taiou-export"

#include "config.h"

#include <string.h>
#include <time.h>

#include "taiou-export-private.h"

/* Makes @text valid UTF-8 and finds where to cut it; returns the bytes to write. */
static gsize
prepare_text (const char  **text,
              char        **valid_copy,
              gsize         max_bytes,
              gsize        *total_bytes)
{
  gsize len = strlen (*text);

  if (!g_utf8_validate_len (*text, len, NULL))
    {
      *valid_copy = g_utf8_make_valid (*text, len);
      *text = *valid_copy;
      len = strlen (*text);
    }
  *total_bytes = len;
  if (max_bytes > 0 && len > max_bytes)
    {
      const char *cut = *text + max_bytes;

      /* Back up to the first byte of the character the limit falls in. */
      while (cut > *text && ((guchar) *cut & 0xc0) == 0x80)
        cut--;
      len = (gsize) (cut - *text);
    }
  return len;
}

/* How many bytes each byte takes in a JSON string: 1, 2 for \" \\ \n \r \t \b \f, 6 for
 * \u00XX. */
static guint8 json_width[256];

static void
init_json_width (void)
{
  static gsize initialised;

  if (!g_once_init_enter (&initialised))
    return;
  for (guint c = 0; c < 256; c++)
    json_width[c] = c >= 0x20 ? 1 : 6;
  json_width['"'] = json_width['\\'] = 2;
  json_width['\n'] = json_width['\r'] = json_width['\t'] = 2;
  json_width['\b'] = json_width['\f'] = 2;
  g_once_init_leave (&initialised, 1);
}

/* Two passes, the first measuring, so that the text is written straight into the string
 * instead of one append per run: an export writes a million of these. */
static void
append_json_escaped (GString    *out,
                     const char *text,
                     gsize       len)
{
  static const char hex[] = "0123456789abcdef";
  const guchar *in = (const guchar *) text;
  gsize escaped_len = 0;
  gsize start = out->len;
  char *p;

  init_json_width ();
  for (gsize i = 0; i < len; i++)
    escaped_len += json_width[in[i]];
  g_string_set_size (out, start + escaped_len);
  p = out->str + start;
  if (escaped_len == len)
    {
      memcpy (p, text, len);
      return;
    }
  for (gsize i = 0; i < len; i++)
    {
      guchar c = in[i];

      if (json_width[c] == 1)
        {
          *p++ = (char) c;
          continue;
        }
      *p++ = '\\';
      switch (c)
        {
        case '"':  *p++ = '"'; break;
        case '\\': *p++ = '\\'; break;
        case '\n': *p++ = 'n'; break;
        case '\r': *p++ = 'r'; break;
        case '\t': *p++ = 't'; break;
        case '\b': *p++ = 'b'; break;
        case '\f': *p++ = 'f'; break;
        default:
          *p++ = 'u';
          *p++ = '0';
          *p++ = '0';
          *p++ = hex[c >> 4];
          *p++ = hex[c & 0xf];
          break;
        }
    }
}

static void
append_cut_note (GString *out,
                 gsize    total_bytes)
{
  g_string_append_printf (out, "… [cut: %" G_GSIZE_FORMAT " bytes in all]", total_bytes);
}

/**
 * _taiou_export_json_string:
 * @max_bytes: 0 to keep the text whole
 *
 * Appends @text as a quoted JSON string, `null` for NULL.
 */
void
_taiou_export_json_string (GString    *out,
                           const char *text,
                           gsize       max_bytes)
{
  g_autofree char *valid_copy = NULL;
  gsize total_bytes;
  gsize len;

  if (text == NULL)
    {
      g_string_append (out, "null");
      return;
    }
  len = prepare_text (&text, &valid_copy, max_bytes, &total_bytes);
  g_string_append_c (out, '"');
  append_json_escaped (out, text, len);
  if (len < total_bytes)
    append_cut_note (out, total_bytes);
  g_string_append_c (out, '"');
}

/**
 * _taiou_export_csv_text:
 *
 * Appends @text as one always-quoted CSV cell that stays on its line and cannot start a
 * formula.  A NULL text is an empty cell.
 */
void
_taiou_export_csv_text (GString    *out,
                        const char *text,
                        gsize       max_bytes)
{
  g_autofree char *valid_copy = NULL;
  gsize total_bytes;
  gsize len;
  const char *run;
  const char *end;

  if (text == NULL)
    return;
  len = prepare_text (&text, &valid_copy, max_bytes, &total_bytes);
  end = text + len;

  g_string_append_c (out, '"');
  if (len > 0 && strchr ("=+-@", text[0]) != NULL)
    g_string_append_c (out, '\'');

  run = text;
  for (const char *p = text; p < end; p++)
    {
      guchar c = (guchar) *p;
      guchar next = p + 1 < end ? (guchar) p[1] : 0;
      guchar after = p + 2 < end ? (guchar) p[2] : 0;
      gsize skip = 0;

      if (c >= 0x20 && c != 0x7f && c != '"' && c != 0xc2 && c != 0xe2)
        continue;
      if (c == 0xc2 && !(next >= 0x80 && next <= 0x9f))
        continue; /* U+0080…U+00BF: only the C1 controls below U+00A0 are escaped */
      if (c == 0xe2 && !(next == 0x80 && (after == 0xa8 || after == 0xa9)))
        continue; /* only U+2028 LINE SEPARATOR and U+2029 PARAGRAPH SEPARATOR */

      g_string_append_len (out, run, p - run);
      if (c == '"')
        g_string_append (out, "\"\"");
      else if (c == '\n')
        g_string_append (out, "\\n");
      else if (c == '\r')
        g_string_append (out, "\\r");
      else if (c == '\t')
        g_string_append (out, "\\t");
      else if (c == 0xc2)
        {
          g_string_append_printf (out, "\\u%04x", next);
          skip = 1;
        }
      else if (c == 0xe2)
        {
          g_string_append_printf (out, "\\u%04x", 0x2000 | (after - 0x80));
          skip = 2;
        }
      else
        g_string_append_printf (out, "\\x%02x", c);
      p += skip;
      run = p + 1;
    }
  g_string_append_len (out, run, end - run);
  if (len < total_bytes)
    append_cut_note (out, total_bytes);
  g_string_append_c (out, '"');
}

/* Faster than printf on the hot path of a million-line export. */
void
_taiou_export_int (GString *out,
                   gint64   value)
{
  char digits[24];
  guint64 magnitude;
  int i = sizeof digits;

  magnitude = value < 0 ? (guint64) 0 - (guint64) value : (guint64) value;
  do
    {
      digits[--i] = (char) ('0' + magnitude % 10);
      magnitude /= 10;
    }
  while (magnitude > 0);
  if (value < 0)
    digits[--i] = '-';
  g_string_append_len (out, digits + i, (gssize) sizeof digits - i);
}

void
_taiou_export_csv_int (GString *out,
                       gint64   value)
{
  _taiou_export_int (out, value);
}

static void
append_digits (GString *out,
               int      value,
               int      width)
{
  char digits[12];
  int i = sizeof digits;

  if (value < 0)
    value = 0;
  do
    {
      digits[--i] = (char) ('0' + value % 10);
      value /= 10;
      width--;
    }
  while (value > 0 || width > 0);
  g_string_append_len (out, digits + i, (gssize) sizeof digits - i);
}

/**
 * _taiou_export_iso8601:
 * @zone_suffix: "Z", "+00:00", or "" for the local-less form DFIR-IRIS wants
 *
 * Appends the UTC time with microseconds, e.g. 2026-11-23T05:05:09.123456+00:00.
 */
void
_taiou_export_iso8601 (GString    *out,
                       gint64      time_us,
                       const char *zone_suffix)
{
  gint64 seconds = time_us / G_USEC_PER_SEC;
  gint64 micro = time_us % G_USEC_PER_SEC;
  time_t t;
  struct tm tm;

  /* Round toward negative infinity so that times before 1970 keep a positive remainder. */
  if (micro < 0)
    {
      seconds -= 1;
      micro += G_USEC_PER_SEC;
    }
  t = (time_t) seconds;
  if (gmtime_r (&t, &tm) == NULL)
    memset (&tm, 0, sizeof tm); /* only a tampered row is that far out */

  append_digits (out, tm.tm_year + 1900, 4);
  g_string_append_c (out, '-');
  append_digits (out, tm.tm_mon + 1, 2);
  g_string_append_c (out, '-');
  append_digits (out, tm.tm_mday, 2);
  g_string_append_c (out, 'T');
  append_digits (out, tm.tm_hour, 2);
  g_string_append_c (out, ':');
  append_digits (out, tm.tm_min, 2);
  g_string_append_c (out, ':');
  append_digits (out, tm.tm_sec, 2);
  g_string_append_c (out, '.');
  append_digits (out, (int) micro, 6);
  g_string_append (out, zone_suffix);
}
