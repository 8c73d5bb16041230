/* taiou-mail-lookalike.c — is this domain made to look like one of ours?
 *
 * Spoofed mail rarely uses our own domain (that fails DMARC); it uses one a reader takes for
 * ours at a glance: example-co.jp.net or examplecojp.com for example.co.jp (dots and hyphens
 * moved), example.jp (another ending), exampel.co.jp (one letter), examp1e.co.jp (a letter
 * that looks the same), xn--xampl-… (Cyrillic е and а, shown by the mail program as
 * "example"), example.co.jp.evil.net (ours at the front of someone else's), or our name in
 * the part before the @ of a free-mail address.
 *
 * Each domain is compared twice: as written (lower case), and as a "skeleton" in which the
 * letters people confuse are folded together (Cyrillic а/е/о/р/с/х, Greek ο, 0 and o, 1, i
 * and l, rn and m, vv and w).  A shape found as written is named as such; one found only in
 * the skeleton is a confusable (or, for an internationalised name, an IDN) look-alike.
 *
 * Without the Public Suffix List (GLib has none), the registrable part is found the way
 * most country domains work: "co.jp", "ne.jp", "com.au", "co.uk" (a two-letter country code
 * after a generic second level) count as one ending, any other top-level domain alone.
 */
#define G_LOG_DOMAIN "taiou-mail-triage"

#include "config.h"

#include <string.h>

#include "taiou-mail-lookalike.h"
#include "taiou-mail-triage-private.h"

#define MAX_DOMAIN_LENGTH      253
#define MIN_NAME_LENGTH        4   /* shorter names ("abc") are shared by too many others */
#define MIN_ONE_LETTER_LENGTH  5   /* one letter off a four-letter name is often a real word */

/* Second levels under a country code that are an ending, not a name: co.jp, ne.jp, com.au. */
static const char * const generic_second_levels[] = {
  "ac", "ad", "co", "com", "ed", "edu", "go", "gov", "gr", "lg", "ne", "net", "or", "org",
  "mil",
};

/* Names too common to be ours alone: "mail.example.net" is not imitating "mail.co.jp". */
static const char * const generic_names[] = {
  "mail", "info", "www", "smtp", "news", "shop", "corp", "group", "home", "online",
};

/* Letters of other scripts that look like Latin ones in a mail program's font (after case
 * folding); from Unicode's confusables.txt, the ones phishing domains use. */
static const struct {
  gunichar from;
  char     to;
} confusables[] = {
  { 0x0430, 'a' }, { 0x0435, 'e' }, { 0x043E, 'o' }, { 0x0440, 'p' }, { 0x0441, 'c' },
  { 0x0443, 'y' }, { 0x0445, 'x' }, { 0x0456, 'i' }, { 0x0458, 'j' }, { 0x0455, 's' },
  { 0x0501, 'd' }, { 0x04BB, 'h' }, { 0x051B, 'q' }, { 0x051D, 'w' }, { 0x04AF, 'y' },
  { 0x04CF, 'l' }, { 0x043A, 'k' },                                   /* Cyrillic */
  { 0x03B1, 'a' }, { 0x03BF, 'o' }, { 0x03C1, 'p' }, { 0x03BD, 'v' }, { 0x03B9, 'i' },
  { 0x03BA, 'k' }, { 0x03C5, 'u' }, { 0x03C7, 'x' }, { 0x03C9, 'w' }, { 0x03B5, 'e' },
  { 0x03C4, 't' },                                                     /* Greek */
  { 0x0585, 'o' }, { 0x057D, 'u' }, { 0x0570, 'h' }, { 0x0578, 'n' }, { 0x0581, 'g' },
                                                                       /* Armenian */
  { 0x0131, 'i' }, { 0x0251, 'a' }, { 0x0261, 'g' }, { 0x0269, 'i' }, { 0x026A, 'i' },
  { 0x01C0, 'l' },                                                     /* Latin IPA */
};

/* Where "our name in the part before the @" is a sign: anyone can open an account here. */
static const char * const free_mail_domains[] = {
  "gmail.com", "googlemail.com", "yahoo.co.jp", "yahoo.com", "ymail.com", "outlook.com",
  "outlook.jp", "hotmail.com", "hotmail.co.jp", "live.com", "live.jp", "msn.com", "icloud.com",
  "me.com", "aol.com", "gmx.com", "gmx.net", "mail.com", "protonmail.com", "proton.me",
  "zoho.com", "yandex.com", "yandex.ru", "mail.ru", "qq.com", "163.com", "126.com",
  "naver.com", "docomo.ne.jp", "ezweb.ne.jp", "au.com", "softbank.ne.jp", "i.softbank.jp",
};

static gboolean
in_list (const char         *word,
         const char * const *list,
         gsize               n)
{
  for (gsize i = 0; i < n; i++)
    if (g_str_equal (word, list[i]))
      return TRUE;
  return FALSE;
}

static gunichar
fold_confusable (gunichar c)
{
  for (gsize i = 0; i < G_N_ELEMENTS (confusables); i++)
    if (confusables[i].from == c)
      return confusables[i].to;
  return c;
}

/**
 * taiou_mail_lookalike_skeleton:
 * @text: a label or a name, UTF-8
 *
 * The form two strings share when people would take one for the other: NFKC (full-width
 * letters), case folding, accents dropped, look-alike letters of other scripts mapped to
 * Latin, then 0→o, 1/i→l, rn→m, vv→w.
 *
 * Returns: (transfer full): the skeleton; "" for invalid UTF-8
 */
char *
taiou_mail_lookalike_skeleton (const char *text)
{
  g_autofree char *nfkc = g_utf8_normalize (text, -1, G_NORMALIZE_NFKC);
  g_autofree char *folded = NULL;
  g_autofree char *decomposed = NULL;
  g_autoptr(GString) latin = g_string_new (NULL);
  GString *result = g_string_new (NULL);

  if (nfkc == NULL)
    return g_string_free (result, FALSE);
  folded = g_utf8_casefold (nfkc, -1);
  decomposed = g_utf8_normalize (folded, -1, G_NORMALIZE_NFD);
  for (const char *p = decomposed; p != NULL && *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (!g_unichar_ismark (c))
        g_string_append_unichar (latin, fold_confusable (c));
    }

  for (gsize i = 0; i < latin->len; i++)
    {
      char c = latin->str[i];
      char next = latin->str[i + 1];

      if (c == 'r' && next == 'n')
        {
          g_string_append_c (result, 'm');
          i++;
        }
      else if (c == 'v' && next == 'v')
        {
          g_string_append_c (result, 'w');
          i++;
        }
      else if (c == '0')
        g_string_append_c (result, 'o');
      else if (c == '1' || c == 'i')
        g_string_append_c (result, 'l');
      else
        g_string_append_c (result, c);
    }
  return g_string_free (result, FALSE);
}

/* Restricted Damerau–Levenshtein distance (a swap of neighbours counts one), for labels. */
static guint
edit_distance (const char *a,
               const char *b)
{
  gsize n = strlen (a), m = strlen (b);
  g_autofree guint *d = NULL;

  if (n > MAX_DOMAIN_LENGTH || m > MAX_DOMAIN_LENGTH)
    return G_MAXUINT;
  d = g_new0 (guint, (n + 1) * (m + 1));
#define D(i, j) d[(i) * (m + 1) + (j)]
  for (gsize i = 0; i <= n; i++)
    D (i, 0) = (guint) i;
  for (gsize j = 0; j <= m; j++)
    D (0, j) = (guint) j;
  for (gsize i = 1; i <= n; i++)
    for (gsize j = 1; j <= m; j++)
      {
        guint cost = a[i - 1] == b[j - 1] ? 0 : 1;
        guint best = MIN (MIN (D (i - 1, j) + 1, D (i, j - 1) + 1), D (i - 1, j - 1) + cost);

        if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1])
          best = MIN (best, D (i - 2, j - 2) + 1);
        D (i, j) = best;
      }
  return D (n, m);
#undef D
}

/* How many labels at the end are the ending: 2 for "co.jp", "com.au"; else 1. */
static guint
n_suffix_labels (char * const *labels,
                 guint         n)
{
  if (n >= 3 && strlen (labels[n - 1]) == 2 &&
      in_list (labels[n - 2], generic_second_levels, G_N_ELEMENTS (generic_second_levels)))
    return 2;
  return 1;
}

static char *
without_hyphens (const char *text)
{
  GString *result = g_string_new (NULL);

  for (const char *p = text; *p != '\0'; p++)
    if (*p != '-')
      g_string_append_c (result, *p);
  return g_string_free (result, FALSE);
}

/* A domain split into labels, in one of the two forms compared. */
typedef struct
{
  GStrv  labels;
  guint  n;
  guint  n_suffix;  /* from the written form, so both forms agree */
} Labels;

static void
labels_clear (Labels *labels)
{
  g_clear_pointer (&labels->labels, g_strfreev);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Labels, labels_clear)

static void
labels_init (Labels     *labels,
             const char *domain,
             gboolean    skeleton)
{
  g_auto(GStrv) written = g_strsplit (domain, ".", -1);
  guint n = g_strv_length (written);

  labels->n = n;
  labels->n_suffix = n_suffix_labels (written, n);
  if (!skeleton)
    {
      labels->labels = g_steal_pointer (&written);
      return;
    }
  labels->labels = g_new0 (char *, n + 1);
  /* Remembered: our domains' labels, and most senders', come back mail after mail. */
  for (guint i = 0; i < n; i++)
    labels->labels[i] = g_strdup (_taiou_mail_memo (taiou_mail_lookalike_skeleton, written[i]));
}

/* Its labels joined without dots and hyphens, with where each label or hyphen part starts. */
static char *
flatten (const Labels *labels,
         GArray       *starts)
{
  GString *flat = g_string_new (NULL);

  for (guint i = 0; i < labels->n; i++)
    {
      const char *label = labels->labels[i];

      if (starts != NULL)
        g_array_append_val (starts, flat->len);
      for (const char *p = label; *p != '\0'; p++)
        if (*p == '-')
          {
            if (starts != NULL)
              g_array_append_val (starts, flat->len);
          }
        else
          g_string_append_c (flat, *p);
    }
  return g_string_free (flat, FALSE);
}

/* Internal: both forms are the same, which only a skeleton can make of a foreign domain. */
#define SHAPE_SAME ((TaiouLookalikeShape) 100)

/* Our domain, labels o[0..k), at the front of more labels: example.co.jp.evil.net. */
static gboolean
ours_inside (const Labels *u,
             const Labels *o)
{
  for (guint i = 0; o->n > 0 && i + o->n < u->n; i++)
    {
      guint j = 0;

      while (j < o->n && g_str_equal (u->labels[i + j], o->labels[j]))
        j++;
      if (j == o->n)
        return TRUE;
    }
  return FALSE;
}

/* Our whole domain without its dots, at the start of a label or hyphen part of theirs
 * (examplecojp.com, example-co.jp.net), or our name followed by a piece of our ending
 * (examplejp.com). */
static gboolean
punctuation_moved (const Labels *u,
                   const Labels *o,
                   const char   *name,
                   gboolean      name_usable)
{
  g_autoptr(GArray) starts = g_array_new (FALSE, FALSE, sizeof (gsize));
  g_autofree char *their_flat = flatten (u, starts);
  g_autofree char *our_flat = flatten (o, NULL);
  g_autofree char *flat_name = without_hyphens (name);
  gsize our_length = strlen (our_flat), their_length = strlen (their_flat);

  for (guint i = 0; i < starts->len; i++)
    {
      gsize start = g_array_index (starts, gsize, i);

      if (start + our_length <= their_length &&
          strncmp (their_flat + start, our_flat, our_length) == 0)
        return TRUE;
    }
  for (guint i = 0; i + u->n_suffix < u->n; i++)
    {
      g_autofree char *label = without_hyphens (u->labels[i]);

      if (!name_usable || !g_str_has_prefix (label, flat_name))
        continue;
      for (guint s = o->n - o->n_suffix; s < o->n; s++)
        if (g_str_equal (label + strlen (flat_name), o->labels[s]))
          return TRUE;
    }
  return FALSE;
}

/* Whether our name alone ("example" of example.co.jp) is specific enough to look for, judged
 * on the written form: the skeleton of "mail" is "mall". */
static gboolean
name_is_usable (const Labels *o)
{
  const char *name;

  if (o->n < 2)
    return FALSE;
  name = o->labels[o->n - o->n_suffix - 1];
  return strlen (name) >= MIN_NAME_LENGTH &&
         !in_list (name, generic_names, G_N_ELEMENTS (generic_names));
}

/* The shape in which @u imitates @o, both in the same form (written or skeleton). */
static TaiouLookalikeShape
match_shape (const Labels *u,
             const Labels *o,
             gboolean      name_usable)
{
  const char *name;
  guint registrable;

  if (o->n < 2 || u->n < 2)
    return TAIOU_LOOKALIKE_NONE;
  name = o->labels[o->n - o->n_suffix - 1];

  if (ours_inside (u, o))
    return TAIOU_LOOKALIKE_OUR_DOMAIN_INSIDE;
  if (u->n == o->n && g_strv_equal ((const char * const *) u->labels,
                                    (const char * const *) o->labels))
    return SHAPE_SAME;
  if (punctuation_moved (u, o, name, name_usable))
    return TAIOU_LOOKALIKE_PUNCTUATION;
  if (u->n <= u->n_suffix)
    return TAIOU_LOOKALIKE_NONE;

  registrable = u->n - u->n_suffix - 1;
  if (name_usable && g_str_equal (u->labels[registrable], name))
    {
      gboolean same_ending = u->n_suffix == o->n_suffix;

      for (guint s = 0; same_ending && s < u->n_suffix; s++)
        same_ending = g_str_equal (u->labels[u->n - 1 - s], o->labels[o->n - 1 - s]);
      /* A sub-domain of a skeleton of ours: mail.examp1e.co.jp. */
      return same_ending ? SHAPE_SAME : TAIOU_LOOKALIKE_OTHER_ENDING;
    }
  for (guint i = 0; name_usable && i <= registrable; i++)
    {
      g_auto(GStrv) parts = g_strsplit (u->labels[i], "-", -1);

      if (g_str_equal (u->labels[i], name) || g_strv_contains ((const char * const *) parts,
                                                               name))
        return TAIOU_LOOKALIKE_NAME_INSIDE;
    }
  if (name_usable && strlen (name) >= MIN_ONE_LETTER_LENGTH)
    {
      g_autofree char *theirs = without_hyphens (u->labels[registrable]);
      g_autofree char *flat_name = without_hyphens (name);

      if (edit_distance (theirs, flat_name) == 1)
        return TAIOU_LOOKALIKE_ONE_LETTER;
    }
  return TAIOU_LOOKALIKE_NONE;
}

/* Named as written when the written form shows it; otherwise it took look-alike letters. */
static TaiouLookalikeShape
combine (TaiouLookalikeShape written,
         TaiouLookalikeShape skeleton)
{
  if (written != TAIOU_LOOKALIKE_NONE && written != TAIOU_LOOKALIKE_ONE_LETTER &&
      written != SHAPE_SAME)
    return written;
  if (skeleton != TAIOU_LOOKALIKE_NONE &&
      !(written == TAIOU_LOOKALIKE_ONE_LETTER && skeleton == TAIOU_LOOKALIKE_ONE_LETTER))
    return TAIOU_LOOKALIKE_CONFUSABLE;
  return written == TAIOU_LOOKALIKE_ONE_LETTER ? written : TAIOU_LOOKALIKE_NONE;
}

static gboolean
is_ours (const char         *domain,
         const char * const *our_domains)
{
  TaiouMailTriageContext context = { .our_domains = our_domains };

  return _taiou_mail_domain_is_ours (domain, &context);
}

/* The domain as a mail program shows it, lower case: Unicode for "xn--" labels. */
static char *
shown_form (const char *ascii)
{
  char *unicode = NULL;

  if (strstr (ascii, "xn--") != NULL)
    unicode = g_hostname_to_unicode (ascii);
  return unicode != NULL ? unicode : g_strdup (ascii);
}

/* "evil.net" of "example.co.jp.evil.net": the name and ending someone registered. */
static char *
registered_part (const char *domain)
{
  g_auto(GStrv) labels = g_strsplit (domain, ".", -1);
  guint n = g_strv_length (labels);
  guint keep = MIN (n, n_suffix_labels (labels, n) + 1);

  return g_strjoinv (".", labels + (n - keep));
}

/**
 * taiou_mail_lookalike_find:
 * @domain: the domain of an address, as written (ASCII with "xn--", or UTF-8)
 * @our_domains: (nullable): our domains, lower-case ASCII
 * @lookalike: (out caller-allocates): what it imitates and how, when it does
 *
 * Returns: TRUE when @domain is not ours but made to look like one of @our_domains
 */
gboolean
taiou_mail_lookalike_find (const char         *domain,
                           const char * const *our_domains,
                           TaiouLookalike     *lookalike)
{
  g_autofree char *lower = NULL;
  g_autofree char *ascii = NULL;
  g_autofree char *shown = NULL;
  g_auto(Labels) their_written = { NULL };
  g_auto(Labels) their_skeleton = { NULL };

  g_return_val_if_fail (lookalike != NULL, FALSE);
  memset (lookalike, 0, sizeof *lookalike);
  if (domain == NULL || our_domains == NULL || !g_utf8_validate (domain, -1, NULL) ||
      strlen (domain) > MAX_DOMAIN_LENGTH)
    return FALSE;

  /* Mail with raw UTF-8 domains (SMTPUTF8) is compared as the xn-- form would be. */
  lower = g_utf8_casefold (domain, -1);
  if (g_str_has_suffix (lower, "."))
    lower[strlen (lower) - 1] = '\0';
  ascii = g_hostname_to_ascii (lower);
  if (ascii == NULL && g_str_is_ascii (lower))
    ascii = g_strdup (lower);
  if (ascii == NULL || *ascii == '\0' || is_ours (ascii, our_domains))
    return FALSE;
  shown = shown_form (ascii);
  /* Their two forms once, not once per domain of ours: every address of every mail comes here. */
  labels_init (&their_written, shown, FALSE);
  labels_init (&their_skeleton, shown, TRUE);

  for (guint i = 0; our_domains[i] != NULL; i++)
    {
      g_autofree char *ours = g_ascii_strdown (our_domains[i], -1);
      g_auto(Labels) our_written = { NULL };
      g_auto(Labels) our_skeleton = { NULL };
      TaiouLookalikeShape shape;
      gboolean name_usable;

      labels_init (&our_written, ours, FALSE);
      labels_init (&our_skeleton, ours, TRUE);
      name_usable = name_is_usable (&our_written);
      shape = combine (match_shape (&their_written, &our_written, name_usable),
                       match_shape (&their_skeleton, &our_skeleton, name_usable));
      if (shape == TAIOU_LOOKALIKE_NONE)
        continue;

      lookalike->shape = g_str_equal (shown, ascii) ? shape : TAIOU_LOOKALIKE_IDN;
      lookalike->ours = our_domains[i];
      lookalike->shown = g_steal_pointer (&shown);
      lookalike->registered = registered_part (ascii);
      lookalike->ascii = g_steal_pointer (&ascii);
      return TRUE;
    }
  return FALSE;
}

void
taiou_mail_lookalike_clear (TaiouLookalike *lookalike)
{
  g_clear_pointer (&lookalike->shown, g_free);
  g_clear_pointer (&lookalike->registered, g_free);
  g_clear_pointer (&lookalike->ascii, g_free);
  lookalike->shape = TAIOU_LOOKALIKE_NONE;
  lookalike->ours = NULL;
}

const char *
taiou_mail_lookalike_shape_to_string (TaiouLookalikeShape shape)
{
  switch (shape)
    {
    case TAIOU_LOOKALIKE_OUR_DOMAIN_INSIDE:
      return "our-domain-inside";
    case TAIOU_LOOKALIKE_PUNCTUATION:
      return "punctuation";
    case TAIOU_LOOKALIKE_OTHER_ENDING:
      return "other-ending";
    case TAIOU_LOOKALIKE_NAME_INSIDE:
      return "name-inside";
    case TAIOU_LOOKALIKE_ONE_LETTER:
      return "one-letter";
    case TAIOU_LOOKALIKE_CONFUSABLE:
      return "confusable";
    case TAIOU_LOOKALIKE_IDN:
      return "idn";
    case TAIOU_LOOKALIKE_NONE:
    default:
      return "none";
    }
}

/* Letters and digits only, lower case, after NFKC: "Our Corp." → "ourcorp". */
static char *
ascii_letters (const char *text)
{
  g_autofree char *nfkc = g_utf8_normalize (text, -1, G_NORMALIZE_NFKC);
  GString *result = g_string_new (NULL);

  for (const char *p = nfkc; p != NULL && *p != '\0'; p++)
    if (g_ascii_isalnum (*p))
      g_string_append_c (result, g_ascii_tolower (*p));
  return g_string_free (result, FALSE);
}

/**
 * taiou_mail_local_part_names_us:
 * @address: "ourcorp.co.jp@gmail.com"
 * @strong: (out) (optional): TRUE when it is one of our whole domains
 *
 * Our domain written before the @ of someone else's address (any domain), or our name
 * (the name part of our domain, or one of @our_names written in Latin letters) before the @
 * of a free-mail address.
 *
 * Returns: (transfer full) (nullable): what of ours it shows
 */
char *
taiou_mail_local_part_names_us (const char         *address,
                                const char * const *our_domains,
                                const char * const *our_names,
                                gboolean           *strong)
{
  const char *at = address != NULL ? strrchr (address, '@') : NULL;
  g_autofree char *local = NULL;
  g_autofree char *letters = NULL;
  g_autofree char *domain = NULL;
  gboolean free_mail;

  if (strong != NULL)
    *strong = FALSE;
  if (at == NULL || at == address || strlen (address) > 2 * MAX_DOMAIN_LENGTH ||
      our_domains == NULL)
    return NULL;
  domain = g_ascii_strdown (at + 1, -1);
  if (is_ours (domain, our_domains))
    return NULL;
  local = g_ascii_strdown (address, at - address);
  letters = ascii_letters (local);
  free_mail = in_list (domain, free_mail_domains, G_N_ELEMENTS (free_mail_domains));

  for (guint i = 0; our_domains[i] != NULL; i++)
    {
      g_autofree char *ours = g_ascii_strdown (our_domains[i], -1);
      g_autofree char *ours_letters = ascii_letters (ours);

      if (strstr (local, ours) != NULL || strstr (letters, ours_letters) != NULL)
        {
          if (strong != NULL)
            *strong = TRUE;
          return g_strdup (our_domains[i]);
        }
    }
  if (!free_mail)
    return NULL;
  for (guint i = 0; our_domains[i] != NULL; i++)
    {
      g_autofree char *ours = g_ascii_strdown (our_domains[i], -1);
      g_auto(GStrv) labels = g_strsplit (ours, ".", -1);
      guint n = g_strv_length (labels);
      g_autofree char *name = NULL;

      if (n < 2 || n <= n_suffix_labels (labels, n))
        continue;
      name = ascii_letters (labels[n - n_suffix_labels (labels, n) - 1]);
      if (strlen (name) >= MIN_NAME_LENGTH &&
          !in_list (name, generic_names, G_N_ELEMENTS (generic_names)) &&
          strstr (letters, name) != NULL)
        return g_steal_pointer (&name);
    }
  for (guint i = 0; our_names != NULL && our_names[i] != NULL; i++)
    {
      g_autofree char *name = ascii_letters (our_names[i]);

      /* Only names written in Latin letters can be in an address; short ones match too
       * much. */
      if (strlen (name) >= MIN_ONE_LETTER_LENGTH && strstr (letters, name) != NULL)
        return g_strdup (our_names[i]);
    }
  return NULL;
}
