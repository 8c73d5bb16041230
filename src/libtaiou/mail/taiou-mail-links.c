/* taiou-mail-links.c — links in a mail's bodies, and the ones that lie
 *
 * The HTML is never rendered: links are picked out of the text with regular expressions,
 * which is enough to compare what a link shows with where it goes.
 */
#define G_LOG_DOMAIN "taiou-mail-triage"

#include "config.h"

#include <string.h>

#include "taiou-mail-triage-private.h"

#define MAX_URLS          1000
#define MAX_HTML_SCANNED  (4 * 1024 * 1024)

/* Download types Emotet and its successors sent links to. */
static const char * const risky_extensions[] = {
  ".zip", ".rar", ".7z", ".iso", ".img", ".doc", ".docm", ".xls", ".xlsm", ".xlsb", ".lnk",
  ".one", ".js", ".vbs", ".hta", ".exe", ".scr", ".dll", ".wsf", ".msi",
};

/* At most MAX_HTML_SCANNED bytes of @html, cut at a character boundary (g_strndup alone would
 * allocate all of them, however short the text), and valid UTF-8 (the regexes must never see
 * anything else; see _taiou_mail_regex_match()). */
static char *
bounded_copy (const char *html)
{
  gsize length = strnlen (html, MAX_HTML_SCANNED);

  while (length > 0 && html[length] != '\0' && (html[length] & 0xc0) == 0x80)
    length--;
  if (!g_utf8_validate (html, length, NULL))
    return g_utf8_make_valid (html, length);
  return g_strndup (html, length);
}

static gboolean
has_url (GPtrArray  *urls,
         const char *url)
{
  for (guint i = 0; i < urls->len; i++)
    if (g_str_equal (urls->pdata[i], url))
      return TRUE;
  return FALSE;
}

static void
add_url (GPtrArray  *urls,
         const char *url)
{
  g_autoptr(GPtrArray) carried = NULL;

  if (urls->len >= MAX_URLS || !g_utf8_validate (url, -1, NULL) || has_url (urls, url))
    return;
  g_ptr_array_add (urls, g_strdup (url));
  /* Where a click tracker really leads is checked too (IP hosts, downloads, IOCs). */
  carried = _taiou_mail_carried_urls (url);
  for (guint i = 0; i < carried->len && urls->len < MAX_URLS; i++)
    if (!has_url (urls, carried->pdata[i]))
      g_ptr_array_add (urls, g_strdup (carried->pdata[i]));
}

void
_taiou_mail_collect_text_links (const char *text,
                                GPtrArray  *urls)
{
  /* A URL ends at a space, a quote, an angle bracket or Japanese punctuation. */
  static GRegex *regex_once;
  GRegex *regex = _taiou_mail_regex (&regex_once, "https?://[^\\s<>\"'（）「」『』【】、。]+",
                                     G_REGEX_CASELESS);
  g_autoptr(GMatchInfo) match = NULL;
  g_autofree char *valid = NULL;

  _taiou_mail_regex_match (regex, text, &valid, &match);
  while (g_match_info_matches (match) && urls->len < MAX_URLS)
    {
      g_autofree char *url = g_match_info_fetch (match, 0);

      add_url (urls, url);
      g_match_info_next (match, NULL);
    }
}

/* The few entities that matter for reading an address. */
static char *
decode_entities (const char *text)
{
  static const struct { const char *entity; char c; } entities[] = {
    { "&amp;", '&' }, { "&lt;", '<' }, { "&gt;", '>' }, { "&quot;", '"' }, { "&#39;", '\'' },
    { "&nbsp;", ' ' },
  };
  GString *result = g_string_new (NULL);

  for (const char *p = text; *p != '\0';)
    {
      gboolean decoded = FALSE;

      for (gsize i = 0; i < G_N_ELEMENTS (entities) && *p == '&'; i++)
        if (g_str_has_prefix (p, entities[i].entity))
          {
            g_string_append_c (result, entities[i].c);
            p += strlen (entities[i].entity);
            decoded = TRUE;
            break;
          }
      if (!decoded)
        g_string_append_c (result, *p++);
    }
  return g_string_free (result, FALSE);
}

/**
 * _taiou_mail_html_to_text:
 *
 * The visible text of some HTML, roughly: scripts and styles dropped, tags removed.
 */
char *
_taiou_mail_html_to_text (const char *html)
{
  static GRegex *hidden_once;
  GRegex *hidden = _taiou_mail_regex (&hidden_once, "<(script|style)\\b.*?</\\1\\s*>",
                                      G_REGEX_CASELESS | G_REGEX_DOTALL);
  static GRegex *tags_once;
  GRegex *tags = _taiou_mail_regex (&tags_once, "<[^>]*>", 0);
  g_autofree char *bounded = bounded_copy (html);
  g_autofree char *visible = g_regex_replace_literal (hidden, bounded, -1, 0, "", 0, NULL);
  g_autofree char *text = NULL;

  if (visible == NULL)
    return g_strdup ("");
  text = g_regex_replace_literal (tags, visible, -1, 0, " ", 0, NULL);
  if (text == NULL)
    return g_strdup ("");
  return decode_entities (text);
}

static char *
url_host (const char *url)
{
  g_autoptr(GUri) uri = g_uri_parse (url, G_URI_FLAGS_NON_DNS | G_URI_FLAGS_ENCODED, NULL);
  const char *host = uri != NULL ? g_uri_get_host (uri) : NULL;
  char *lower;

  if (host == NULL || *host == '\0')
    return NULL;
  lower = g_ascii_strdown (host, -1);
  if (g_str_has_prefix (lower, "www."))
    memmove (lower, lower + 4, strlen (lower + 4) + 1);
  return lower;
}

/* The host a link's text shows: a URL, or something shaped like a domain. */
static char *
shown_host (const char *link_text)
{
  static GRegex *regex_once;
  GRegex *regex = _taiou_mail_regex (&regex_once,
                                     "(https?://)?([A-Za-z0-9-]+\\.)+[A-Za-z]{2,}(/\\S*)?", 0);
  g_autoptr(GMatchInfo) match = NULL;
  g_autofree char *found = NULL;
  g_autofree char *as_url = NULL;

  g_autofree char *valid = NULL;

  if (!_taiou_mail_regex_match (regex, link_text, &valid, &match))
    return NULL;
  found = g_match_info_fetch (match, 0);
  as_url = g_str_has_prefix (found, "http") ? g_strdup (found)
                                            : g_strconcat ("http://", found, NULL);
  return url_host (as_url);
}

/* Where a link that shows @display_host but goes elsewhere really leads, or NULL when it is a
 * click tracker that carries the address it shows (every address it carries is on
 * @display_host): that is how newsletters link, not a lie. */
static char *
lying_destination (const char *href,
                   const char *display_host)
{
  g_autoptr(GPtrArray) carried = _taiou_mail_carried_urls (href);

  for (guint i = 0; i < carried->len; i++)
    {
      g_autofree char *host = url_host (carried->pdata[i]);

      if (host == NULL || !g_str_equal (host, display_host))
        return host != NULL ? g_steal_pointer (&host) : url_host (href);
    }
  return carried->len > 0 ? NULL : url_host (href);
}

static void
add_mismatch (GPtrArray  *findings,
              const char *where,
              const char *href,
              const char *display_host)
{
  g_autofree char *destination = lying_destination (href, display_host);
  g_autofree char *evidence = NULL;
  g_autofree char *evidence_ja = NULL;
  g_autofree char *reason_ja = NULL;
  g_autofree char *reason_en = NULL;

  if (destination == NULL)
    return;
  evidence = g_strdup_printf ("link shows %s but goes to %s (%s)", display_host, destination,
                              href);
  evidence_ja = g_strdup_printf ("表示は %s、行き先は %s（%s）", display_host, destination, href);
  reason_ja = g_strdup_printf ("リンクの表示は %s ですが、実際には別のサイト（%s）に移動します。",
                               display_host, destination);
  reason_en = g_strdup_printf ("A link shows %s but really leads to another site (%s).",
                               display_host, destination);
  taiou_findings_add_with_evidence_ja (findings, "mail.link-mismatch", 70, where, evidence,
                                       evidence_ja, reason_ja, reason_en);
}

void
_taiou_mail_check_html_links (const char *html,
                              const char *where,
                              GPtrArray  *urls,
                              GPtrArray  *findings)
{
  static GRegex *anchor_once;
  GRegex *anchor = _taiou_mail_regex (&anchor_once,
                                      "<a\\b[^>]*?\\bhref\\s*=\\s*(?:\"([^\"]*)\"|'([^']*)'|"
                                      "([^\\s>]+))[^>]*>(.*?)</a\\s*>",
                                      G_REGEX_CASELESS | G_REGEX_DOTALL);
  g_autoptr(GMatchInfo) match = NULL;
  g_autofree char *bounded = bounded_copy (html);

  g_autofree char *valid = NULL;

  _taiou_mail_regex_match (anchor, bounded, &valid, &match);
  while (g_match_info_matches (match) && urls->len < MAX_URLS)
    {
      g_autofree char *href_raw = NULL;
      g_autofree char *href = NULL;
      g_autofree char *inner = g_match_info_fetch (match, 4);
      g_autofree char *text = _taiou_mail_html_to_text (inner != NULL ? inner : "");
      g_autofree char *target_host = NULL;
      g_autofree char *display_host = NULL;

      for (int group = 1; group <= 3 && (href_raw == NULL || *href_raw == '\0'); group++)
        {
          g_free (href_raw);
          href_raw = g_match_info_fetch (match, group);
        }
      href = decode_entities (g_strstrip (href_raw));
      if (g_ascii_strncasecmp (href, "http://", 7) == 0 ||
          g_ascii_strncasecmp (href, "https://", 8) == 0)
        {
          add_url (urls, href);
          target_host = url_host (href);
          display_host = shown_host (g_strstrip (text));
        }
      if (target_host != NULL && display_host != NULL && !g_str_equal (target_host, display_host))
        add_mismatch (findings, where, href, display_host);
      g_match_info_next (match, NULL);
    }
}

static gboolean
is_ip_literal (const char *host)
{
  g_autofree char *bare = NULL;

  if (host[0] == '[')
    bare = g_strndup (host + 1, strlen (host) - (strlen (host) > 1 ? 2 : 1));
  else
    bare = g_strdup (host);
  return g_hostname_is_ip_address (bare);
}

static const char *
risky_extension (const char *url)
{
  g_autoptr(GUri) uri = g_uri_parse (url, G_URI_FLAGS_ENCODED, NULL);
  g_autofree char *path = NULL;

  if (uri == NULL)
    return NULL;
  path = g_ascii_strdown (g_uri_get_path (uri), -1);
  for (gsize i = 0; i < G_N_ELEMENTS (risky_extensions); i++)
    if (g_str_has_suffix (path, risky_extensions[i]))
      return risky_extensions[i];
  return NULL;
}

void
_taiou_mail_check_urls (TaiouMailReport              *report,
                        const TaiouMailTriageContext *context)
{
  for (guint i = 0; i < report->urls->len; i++)
    {
      const char *url = report->urls->pdata[i];
      g_autofree char *host = url_host (url);
      const char *extension = risky_extension (url);
      TaiouIocMatch match;

      if (host != NULL && is_ip_literal (host))
        {
          g_autofree char *evidence = g_strdup_printf ("link to a bare address: %s", url);
          g_autofree char *evidence_ja = g_strdup_printf ("IP アドレスへのリンク：%s", url);

          taiou_findings_add_with_evidence_ja (report->findings, "mail.link-ip-host", 60, url,
                                               evidence, evidence_ja,
                                               "ドメイン名ではなく数字の IP アドレスに直接つながるリンクがあります。正規の会社のメールではまず使われません。",
                                               "A link goes straight to a numeric IP address "
                                               "instead of a domain name; legitimate business "
                                               "mail almost never does this.");
        }
      if (extension != NULL)
        {
          g_autofree char *evidence = g_strdup_printf ("link downloads a %s file: %s", extension,
                                                       url);
          g_autofree char *evidence_ja = g_strdup_printf ("%s ファイルをダウンロードするリンク：%s",
                                                          extension, url);
          g_autofree char *reason_ja = g_strdup_printf ("クリックすると %s 形式のファイルをダウンロードするリンクがあります。ウイルスを送り込む手口でよく使われます。",
                                                        extension);
          g_autofree char *reason_en = g_strdup_printf ("A link downloads a %s file, a common "
                                                        "way to deliver malware.", extension);

          taiou_findings_add_with_evidence_ja (report->findings, "mail.link-download", 60, url,
                                               evidence, evidence_ja, reason_ja, reason_en);
        }
      if (context->iocs != NULL && taiou_ioc_set_lookup_url (context->iocs, url, &match))
        {
          g_autofree char *evidence = g_strdup_printf ("%s — %s", url, match.description);

          taiou_findings_add (report->findings, "ioc.url", match.score, url, evidence,
                              "不正なサイトとして報告されているリンクがあります。絶対にクリックしないでください。",
                              "A link goes to a site reported as malicious. Do not click "
                              "it.");
        }
      else if (context->iocs != NULL && host != NULL &&
               taiou_ioc_set_lookup_domain (context->iocs, host, &match))
        {
          g_autofree char *evidence = g_strdup_printf ("%s — %s", host, match.description);

          taiou_findings_add (report->findings, "ioc.domain", match.score, url, evidence,
                              "不正なサイトとして報告されているドメインへのリンクがあります。絶対にクリックしないでください。",
                              "A link goes to a domain reported as malicious. Do not click "
                              "it.");
        }
    }
}
