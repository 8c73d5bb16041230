/* taiou-mail-redirects.c — the addresses a click-tracking link carries
 *
 * Newsletters, billing services and mail security gateways rewrite every link into one of their
 * own that redirects: https://click.example-mail.net/?u=https%3A%2F%2Fwww.partner.co.jp%2F…,
 * sometimes in the path (/r/abc/https%3A…), sometimes wrapped twice (a gateway around a
 * tracker, encoded again).  The address the reader ends up at is the innermost one.  Knowing it
 * tells a tracker that carries the address its text shows (not a lie) from one that carries
 * another (a lie), and lets the link checks look at the real destination.
 */
#define G_LOG_DOMAIN "taiou-mail-triage"

#include "config.h"

#include <string.h>

#include "taiou-mail-triage-private.h"

#define MAX_NESTING  3   /* a gateway around a tracker around a link is the most seen */
#define MAX_CARRIED  16  /* per link */
#define MAX_LENGTH   8192

/* Whether @p starts an address, plain or percent-encoded once or twice ("https%253A"). */
static gboolean
starts_address (const char *p)
{
  static const char * const schemes[] = { "http", "https" };
  static const char * const separators[] = { "://", "%3a", "%253a" };

  for (gsize i = 0; i < G_N_ELEMENTS (schemes); i++)
    {
      gsize length = strlen (schemes[i]);

      if (g_ascii_strncasecmp (p, schemes[i], length) != 0)
        continue;
      for (gsize j = 0; j < G_N_ELEMENTS (separators); j++)
        if (g_ascii_strncasecmp (p + length, separators[j], strlen (separators[j])) == 0)
          return TRUE;
    }
  return FALSE;
}

/* @candidate with its percent-encoding undone until it reads as an address; NULL if it never
 * does (or decodes to a NUL). */
static char *
decode_address (const char *candidate)
{
  g_autofree char *decoded = g_strdup (candidate);

  for (guint round = 0; round <= MAX_NESTING; round++)
    {
      char *next;

      if (g_ascii_strncasecmp (decoded, "http://", 7) == 0 ||
          g_ascii_strncasecmp (decoded, "https://", 8) == 0)
        return g_steal_pointer (&decoded);
      next = g_uri_unescape_string (decoded, NULL);
      if (next == NULL || g_str_equal (next, decoded))
        {
          g_free (next);
          return NULL;
        }
      g_free (decoded);
      decoded = next;
    }
  return NULL;
}

static void
collect (const char *url,
         guint       depth,
         GPtrArray  *leaves)
{
  const char *start = strstr (url, "://");

  if (start == NULL || depth > MAX_NESTING)
    return;
  for (const char *p = start + 3; *p != '\0' && leaves->len < MAX_CARRIED; p++)
    {
      g_autofree char *candidate = NULL;
      g_autofree char *address = NULL;
      gsize length;

      if (!starts_address (p))
        continue;
      /* An encoded address ends at the next parameter; a plain one may have its own '?'. */
      length = strcspn (p, "&\"'<> \t\r\n");
      candidate = g_strndup (p, length);
      address = decode_address (candidate);
      if (address != NULL)
        {
          guint before = leaves->len;

          collect (address, depth + 1, leaves);
          /* Only the innermost address is where the reader ends up. */
          if (leaves->len == before && leaves->len < MAX_CARRIED)
            g_ptr_array_add (leaves, g_steal_pointer (&address));
        }
      p += length - 1;
    }
}

/**
 * _taiou_mail_carried_urls:
 * @url: a link's href
 *
 * Returns: (transfer full) (element-type utf8): the innermost addresses @url carries in its
 * query or path, decoded; empty when it carries none
 */
GPtrArray *
_taiou_mail_carried_urls (const char *url)
{
  GPtrArray *leaves = g_ptr_array_new_with_free_func (g_free);

  if (url != NULL && strlen (url) <= MAX_LENGTH)
    collect (url, 0, leaves);
  for (guint i = 0; i < leaves->len;)
    if (!g_utf8_validate (leaves->pdata[i], -1, NULL))
      g_ptr_array_remove_index (leaves, i);
    else
      i++;
  return leaves;
}
