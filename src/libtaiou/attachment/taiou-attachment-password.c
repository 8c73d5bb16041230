/* taiou-attachment-password.c — a zip password written in the mail that carries the zip
 *
 * Emotet's replies (2019–2022) attached a password-protected zip and wrote the password in the
 * same mail ("パスワード：Kx8fPq2Z"), defeating gateway scanners while staying one click away
 * for the reader.  Legitimate mails of Japanese offices do the same (PPAP) but usually send the
 * password separately, so a password line next to an encrypted zip is worth an alert.
 *
 * The body is NFKC-normalised first, so full-width "ＰＷ：" and half-width "ﾊﾟｽﾜｰﾄﾞ" read like
 * their plain forms.  A candidate must look like a password, not a word: "Password will follow"
 * and "パスワードは別途お送りします" find nothing.  The password is only reported, masked,
 * and never used.
 */
#define G_LOG_DOMAIN "taiou-attachment"

#include "config.h"

#include <string.h>

#include "taiou-attachment-private.h"

/* The password line sits near the top; a long quoted thread below it need not be read. */
#define MAX_BODY (256 * 1024)
#define MAX_LINE_BYTES 160
#define MIN_PASSWORD 4
#define MAX_PASSWORD 64
/* Lines searched below a bare "【パスワード】" (blank ones count: CRLF splits in two). */
#define MAX_LOOKAHEAD 6

/* Longest first, so "password" is taken whole before "pass" could match inside it. */
static const char * const keywords[] = {
  "パスワード", "password", "passcode", "passwd", "暗証番号", "解凍", "pass", "pwd", "pw", NULL
};
static const char * const separators[] = {
  " ", "\t", ":", "=", "-", ">", "(", ")", "[", "]", "\"", "'", "「", "」", "『", "』", "【", "】",
  "〔", "〕", "は", "が", "を", "用", "キー", "コード", "、", "is ", NULL
};

static gboolean
is_word_char (char c)
{
  return g_ascii_isalnum (c) || c == '_';
}

static const char *
skip_separators (const char *p)
{
  for (guint n = 0; n < 16; n++)
    {
      gboolean skipped = FALSE;

      for (guint i = 0; separators[i] != NULL && !skipped; i++)
        if (g_str_has_prefix (p, separators[i]))
          {
            p += strlen (separators[i]);
            skipped = TRUE;
          }
      if (!skipped)
        break;
    }
  return p;
}

/* A run of printable ASCII that reads like a password rather than a word or an address. */
static char *
take_token (const char *p)
{
  const char *end = p;
  g_autofree char *token = NULL;
  gboolean digit = FALSE;
  gboolean symbol = FALSE;
  gboolean inner_upper = FALSE;
  gsize len;

  while (*end > ' ' && *end < 0x7F)
    end++;
  len = (gsize) (end - p);
  while (len > 0 && strchr (".,;:)]}\"'", p[len - 1]) != NULL)
    len--;
  if (len < MIN_PASSWORD || len > MAX_PASSWORD)
    return NULL;
  token = g_strndup (p, len);
  if (g_ascii_strncasecmp (token, "http", 4) == 0 || (strchr (token, '@') && strchr (token, '.')))
    return NULL;
  for (gsize i = 0; i < len; i++)
    {
      if (g_ascii_isdigit (token[i]))
        digit = TRUE;
      else if (!g_ascii_isalpha (token[i]))
        symbol = TRUE;
      else if (i > 0 && g_ascii_isupper (token[i]))
        inner_upper = TRUE;
    }
  if (!digit && !symbol && !inner_upper)
    return NULL;
  return g_steal_pointer (&token);
}

static char *
masked_line (const char *line,
             const char *token)
{
  GString *out = g_string_new (line);
  const char *at = strstr (line, token);

  if (at != NULL)
    {
      gsize offset = (gsize) (at - line);
      gsize len = strlen (token);

      for (gsize i = 2; i < len; i++)
        out->str[offset + i] = '*';
    }
  if (out->len > MAX_LINE_BYTES)
    {
      const char *cut = g_utf8_find_prev_char (out->str, out->str + MAX_LINE_BYTES + 1);

      g_string_truncate (out, cut != NULL ? (gsize) (cut - out->str) : MAX_LINE_BYTES);
      g_string_append (out, "…");
    }
  return g_string_free (out, FALSE);
}

static char *
search_line (char       **lines,
             guint        index,
             const char **found_in)
{
  const char *line = lines[index];
  g_autofree char *lower = g_ascii_strdown (line, -1);

  for (guint k = 0; keywords[k] != NULL; k++)
    {
      gsize kw_len = strlen (keywords[k]);
      gboolean ascii = g_ascii_isalpha (keywords[k][0]);

      for (const char *hit = strstr (lower, keywords[k]); hit != NULL;
           hit = strstr (hit + kw_len, keywords[k]))
        {
          const char *after = hit + kw_len;
          const char *start;
          char *token;

          if (ascii && ((hit > lower && is_word_char (hit[-1])) || g_ascii_isalpha (*after)))
            continue;
          start = skip_separators (line + (after - lower));
          if (*start == '\0')
            {
              /* "【パスワード】" alone on its line, the password on the next one. */
              for (guint j = index + 1; lines[j] != NULL && j <= index + MAX_LOOKAHEAD; j++)
                {
                  g_autofree char *next = g_strstrip (g_strdup (lines[j]));

                  if (next[0] == '\0')
                    continue;
                  if (strchr (next, ' ') != NULL)
                    break;
                  token = take_token (next);
                  if (token != NULL)
                    {
                      *found_in = lines[j];
                      return token;
                    }
                  break;
                }
              continue;
            }
          token = take_token (start);
          if (token != NULL)
            {
              *found_in = line;
              return token;
            }
        }
    }
  return NULL;
}

/* The first password the body gives, or NULL; *line gets its line, the password masked. */
char *
_taiou_attachment_find_password (const char  *body,
                                 gsize        length,
                                 char       **line)
{
  g_autofree char *valid = NULL;
  g_autofree char *normal = NULL;
  g_auto(GStrv) lines = NULL;

  g_return_val_if_fail (body != NULL || length == 0, NULL);

  if (line != NULL)
    *line = NULL;
  valid = g_utf8_make_valid (body != NULL ? body : "", MIN (length, MAX_BODY));
  normal = g_utf8_normalize (valid, -1, G_NORMALIZE_NFKC);
  if (normal == NULL)
    return NULL;
  lines = g_strsplit_set (normal, "\r\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    {
      const char *found_in = NULL;
      char *token = search_line (lines, i, &found_in);

      if (token != NULL)
        {
          if (line != NULL)
            {
              g_autofree char *stripped = g_strstrip (g_strdup (found_in));

              *line = masked_line (stripped, token);
            }
          return token;
        }
    }
  return NULL;
}
