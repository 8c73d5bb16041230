/* taiou-scan-exclusions.c — paths a scan leaves out (globs and regular expressions), counted
 *
 * Loki and Loki-RS users asked to leave out backups, VM images and the like.  Two kinds:
 *  - a glob ("*.vhdx", "Windows\\WinSxS\\**", "/srv/backup"): "*" and "?" stay within one path
 *    component, "**" crosses any number of them, "[abc]" / "[!abc]" match one character.  A
 *    glob starting with "/" is matched from the start of the path; any other from the start
 *    of any component, so "*.iso" leaves out every ISO file and "Windows/WinSxS" that folder
 *    wherever the volume is mounted.  "\" is read as "/", as Windows users type paths.
 *  - a regular expression (PCRE, as GRegex reads it), searched anywhere in the path, as
 *    Loki's excludes.cfg does.
 * On a Windows volume both ignore case, as Windows does.  The scanner counts every path it
 * leaves out (a folder counts once, its contents are not walked): nothing is skipped silently.
 */
#define G_LOG_DOMAIN "taiou-scan-exclusions"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "taiou-scan-exclusions.h"

#define MAX_PATTERN_LENGTH 1024
#define REGEX_PREFIX       "re:"

/* One pattern.  A GRegex call costs about half a microsecond whatever the path, which made a
 * scan with 50 exclusions several times slower; most paths lack a piece of text the pattern
 * needs ("Backup", ".vhdx"), and strstr() says so far sooner. */
typedef struct
{
  GRegex *regex;
  char   *required;  /* text every matching path holds (ASCII lower case when case is ignored),
                        or NULL when none is known */
} Pattern;

struct _TaiouScanExclusions
{
  gboolean   case_insensitive;
  GPtrArray *regexes;   /* Pattern */
  GPtrArray *patterns;  /* the globs and "re:…" as given, NULL-terminated */
};

static void
pattern_free (Pattern *pattern)
{
  g_regex_unref (pattern->regex);
  g_free (pattern->required);
  g_free (pattern);
}

G_DEFINE_QUARK (taiou-scan-exclusions-error-quark, taiou_scan_exclusions_error)

/**
 * taiou_scan_exclusions_new:
 * @case_insensitive: whether paths are matched regardless of case (a Windows volume's)
 */
TaiouScanExclusions *
taiou_scan_exclusions_new (gboolean case_insensitive)
{
  TaiouScanExclusions *self = g_atomic_rc_box_new0 (TaiouScanExclusions);

  self->case_insensitive = case_insensitive;
  self->regexes = g_ptr_array_new_with_free_func ((GDestroyNotify) pattern_free);
  self->patterns = g_ptr_array_new_null_terminated (0, g_free, TRUE);
  return self;
}

TaiouScanExclusions *
taiou_scan_exclusions_ref (TaiouScanExclusions *self)
{
  return g_atomic_rc_box_acquire (self);
}

static void
exclusions_clear (TaiouScanExclusions *self)
{
  g_ptr_array_unref (self->regexes);
  g_ptr_array_unref (self->patterns);
}

void
taiou_scan_exclusions_unref (TaiouScanExclusions *self)
{
  g_atomic_rc_box_release_full (self, (GDestroyNotify) exclusions_clear);
}

static gboolean
check_pattern (TaiouScanExclusions  *self,
               const char           *pattern,
               GError              **error)
{
  if (pattern[0] == '\0')
    {
      g_set_error_literal (error, TAIOU_SCAN_EXCLUSIONS_ERROR, TAIOU_SCAN_EXCLUSIONS_ERROR_INVALID,
                           _("An empty exclusion pattern would leave out nothing."));
      return FALSE;
    }
  if (strlen (pattern) > MAX_PATTERN_LENGTH || !g_utf8_validate (pattern, -1, NULL))
    {
      g_set_error (error, TAIOU_SCAN_EXCLUSIONS_ERROR, TAIOU_SCAN_EXCLUSIONS_ERROR_INVALID,
                   _("An exclusion pattern must be UTF-8 text of at most %d bytes."),
                   MAX_PATTERN_LENGTH);
      return FALSE;
    }
  if (self->regexes->len >= TAIOU_SCAN_EXCLUSIONS_MAX)
    {
      g_set_error (error, TAIOU_SCAN_EXCLUSIONS_ERROR, TAIOU_SCAN_EXCLUSIONS_ERROR_INVALID,
                   _("At most %d exclusion patterns can be used."), TAIOU_SCAN_EXCLUSIONS_MAX);
      return FALSE;
    }
  return TRUE;
}

static gboolean
add_compiled (TaiouScanExclusions  *self,
              const char           *regex_text,
              const char           *shown_as,
              const char           *given,
              char                 *required,
              GError              **error)
{
  g_autofree char *owned_required = required;
  Pattern *pattern;
  g_autoptr(GError) regex_error = NULL;
  GRegexCompileFlags flags = G_REGEX_OPTIMIZE | (self->case_insensitive ? G_REGEX_CASELESS : 0);
  GRegex *regex = g_regex_new (regex_text, flags, 0, &regex_error);

  if (regex == NULL)
    {
      /* GLib says "Error while compiling regular expression RE at char N: WHY", repeating the
       * pattern this message names already; WHY is what the user needs. */
      const char *why = strstr (regex_error->message, ": ");

      while (why != NULL && strstr (why + 2, ": ") != NULL)
        why = strstr (why + 2, ": ");
      g_set_error (error, TAIOU_SCAN_EXCLUSIONS_ERROR, TAIOU_SCAN_EXCLUSIONS_ERROR_INVALID,
                   _("“%s” is not a valid regular expression: %s"), given,
                   why != NULL && why[2] != '\0' ? why + 2 : regex_error->message);
      return FALSE;
    }
  pattern = g_new0 (Pattern, 1);
  pattern->regex = regex;
  /* Too short to help, or (ignoring case) not ASCII: PCRE folds case by Unicode's rules. */
  if (owned_required != NULL && strlen (owned_required) >= 2 &&
      (!self->case_insensitive || g_str_is_ascii (owned_required)))
    pattern->required = self->case_insensitive ? g_ascii_strdown (owned_required, -1)
                                               : g_steal_pointer (&owned_required);
  g_ptr_array_add (self->regexes, pattern);
  g_ptr_array_add (self->patterns, g_strdup (shown_as));
  return TRUE;
}

/* "[abc]" or "[!abc]" at @p as a regex class; NULL when the bracket is not closed. */
static const char *
append_class (GString    *regex,
              const char *p)
{
  const char *start = p + 1 + (p[1] == '!');
  const char *close;

  /* As in shell globs, a "]" right after "[" or "[!" is one of the characters. */
  if (*start == '\0' || (close = strchr (start + 1, ']')) == NULL)
    return NULL;
  g_string_append (regex, p[1] == '!' ? "[^" : "[");
  for (const char *q = start; q < close; q++)
    {
      if (*q == '\\' || *q == '[' || *q == ']' || *q == '^')
        g_string_append_c (regex, '\\');
      g_string_append_c (regex, *q);
    }
  g_string_append_c (regex, ']');
  return close + 1;
}

/* The glob as an anchored regular expression (see the top of the file). */
static char *
glob_to_regex (const char *glob)
{
  g_autofree char *slashed = g_strdelimit (g_strdup (glob), "\\", '/');
  GString *regex = g_string_new (slashed[0] == '/' ? "^" : "(?:^|/)");
  const char *p = slashed;

  while (*p != '\0')
    {
      const char *after_class;

      if (g_str_has_prefix (p, "**"))
        {
          p += 2;
          if (*p == '/')
            {
              g_string_append (regex, "(?:.*/)?");
              p++;
            }
          else
            g_string_append (regex, ".*");
        }
      else if (*p == '*')
        {
          g_string_append (regex, "[^/]*");
          p++;
        }
      else if (*p == '?')
        {
          g_string_append (regex, "[^/]");
          p++;
        }
      else if (*p == '[' && (after_class = append_class (regex, p)) != NULL)
        p = after_class;
      else
        {
          const char *next = g_utf8_next_char (p);
          g_autofree char *escaped = g_regex_escape_string (p, (int) (next - p));

          g_string_append (regex, escaped);
          p = next;
        }
    }
  /* A final "**" after a slash leaves out the folder itself too, so its contents are never
   * walked. */
  if (g_str_has_suffix (regex->str, "/.*"))
    {
      g_string_truncate (regex, regex->len - 3);
      g_string_append (regex, "(?:/.*)?");
    }
  g_string_append_c (regex, '$');
  return g_string_free (regex, FALSE);
}

/* The longest run of plain characters of @glob: every path it matches holds it. */
static char *
glob_required (const char *glob)
{
  g_autofree char *slashed = g_strdelimit (g_strdup (glob), "\\", '/');
  g_autoptr(GString) run = g_string_new (NULL);
  g_autoptr(GString) best = g_string_new (NULL);

  for (const char *p = slashed;; p++)
    {
      const char *class_end = NULL;
      gboolean plain;

      /* A closed "[…]" is one unknown character (see append_class()); an open "[" is text. */
      if (*p == '[')
        {
          const char *class_start = p + 1 + (p[1] == '!');

          if (*class_start != '\0')
            class_end = strchr (class_start + 1, ']');
        }
      plain = *p != '\0' && *p != '*' && *p != '?' && (*p != '[' || class_end == NULL);

      if (plain)
        {
          g_string_append_c (run, *p);
          continue;
        }
      /* A final "**" after a slash matches the folder itself too, without the slash. */
      if (g_str_has_prefix (p, "**") && p[2] == '\0' && g_str_has_suffix (run->str, "/"))
        g_string_truncate (run, run->len - 1);
      if (run->len > best->len)
        g_string_assign (best, run->str);
      g_string_truncate (run, 0);
      if (*p == '\0')
        break;
      if (class_end != NULL)
        p = class_end;
    }
  return best->len > 0 ? g_strdup (best->str) : NULL;
}

/* The longest run of literal text of the regular expression @pattern that every match must
 * hold; NULL when that is not simple to tell (alternatives, inline options). */
static char *
regex_required (const char *pattern)
{
  g_autoptr(GString) run = g_string_new (NULL);
  g_autoptr(GString) best = g_string_new (NULL);

  /* An optional group ("(abc)?") would make its text look required. */
  if (strchr (pattern, '|') != NULL || strstr (pattern, "(?") != NULL ||
      strstr (pattern, "\\Q") != NULL || strstr (pattern, ")?") != NULL ||
      strstr (pattern, ")*") != NULL || strstr (pattern, "){") != NULL)
    return NULL;
  for (const char *p = pattern;; p++)
    {
      if (*p == '\\' && p[1] != '\0' && !g_ascii_isalnum (p[1]) && (guchar) p[1] < 0x80 &&
          strchr ("?*+{", p[2] != '\0' ? p[2] : ' ') == NULL)
        {
          g_string_append_c (run, *++p);
          continue;
        }
      if (*p != '\0' && *p != '\\' && strchr (".^$*+?()[]{}|", *p) == NULL &&
          strchr ("?*+{", p[1] != '\0' ? p[1] : ' ') == NULL)
        {
          g_string_append_c (run, *p);
          continue;
        }
      /* A quantified character (or a class, a group, an escape) ends the run. */
      if (run->len > best->len)
        g_string_assign (best, run->str);
      g_string_truncate (run, 0);
      if (*p == '\0')
        break;
      if (*p == '\\' && p[1] != '\0')
        p++;
      else if (*p == '[')
        {
          /* Skip the class: "[]…]" and "[^]…]" start with a literal "]". */
          const char *close = p + 1 + (p[1] == '^');

          close = strchr (close + (*close == ']'), ']');
          if (close == NULL)
            return NULL;
          p = close;
        }
      else if (*p == '{')
        {
          /* A count ("{0,2}") is no text of the path. */
          const char *close = strchr (p, '}');

          if (close == NULL)
            return NULL;
          p = close;
        }
    }
  return best->len > 0 ? g_strdup (best->str) : NULL;
}

gboolean
taiou_scan_exclusions_add_glob (TaiouScanExclusions  *self,
                                const char           *glob,
                                GError              **error)
{
  g_autofree char *regex = NULL;

  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (glob != NULL, FALSE);

  if (!check_pattern (self, glob, error))
    return FALSE;
  regex = glob_to_regex (glob);
  return add_compiled (self, regex, glob, glob, glob_required (glob), error);
}

gboolean
taiou_scan_exclusions_add_regex (TaiouScanExclusions  *self,
                                 const char           *pattern,
                                 GError              **error)
{
  g_autofree char *shown_as = NULL;

  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (pattern != NULL, FALSE);

  if (!check_pattern (self, pattern, error))
    return FALSE;
  shown_as = g_strconcat (REGEX_PREFIX, pattern, NULL);
  return add_compiled (self, pattern, shown_as, pattern, regex_required (pattern), error);
}

/**
 * taiou_scan_exclusions_add_entry:
 * @entry: an entry of the Preferences list: "re:PATTERN" for a regular expression, else a glob
 */
gboolean
taiou_scan_exclusions_add_entry (TaiouScanExclusions  *self,
                                 const char           *entry,
                                 GError              **error)
{
  g_return_val_if_fail (entry != NULL, FALSE);

  if (g_str_has_prefix (entry, REGEX_PREFIX))
    return taiou_scan_exclusions_add_regex (self, entry + strlen (REGEX_PREFIX), error);
  return taiou_scan_exclusions_add_glob (self, entry, error);
}

/* Each of @entries (the Preferences list) with taiou_scan_exclusions_add_entry(). */
gboolean
taiou_scan_exclusions_add_entries (TaiouScanExclusions  *self,
                                   const char * const   *entries,
                                   GError              **error)
{
  for (guint i = 0; entries != NULL && entries[i] != NULL; i++)
    if (!taiou_scan_exclusions_add_entry (self, entries[i], error))
      return FALSE;
  return TRUE;
}

guint
taiou_scan_exclusions_get_count (TaiouScanExclusions *self)
{
  g_return_val_if_fail (self != NULL, 0);

  return self->regexes->len;
}

/**
 * taiou_scan_exclusions_get_patterns:
 *
 * Returns: (transfer none): the globs and "re:…" patterns, as given, NULL-terminated
 */
const char * const *
taiou_scan_exclusions_get_patterns (TaiouScanExclusions *self)
{
  static const char * const none[] = { NULL };

  g_return_val_if_fail (self != NULL, NULL);

  /* GLib 2.74 leaves pdata NULL in an empty null-terminated array. */
  if (self->patterns->len == 0)
    return none;
  return (const char * const *) self->patterns->pdata;
}

/* Whether the scan leaves @path out; safe to call from several threads. */
gboolean
taiou_scan_exclusions_match (TaiouScanExclusions *self,
                             const char          *path)
{
  g_autofree char *valid = NULL;
  char lowered[1024];
  const char *haystack;
  gsize length = 0;
  gboolean ascii = TRUE;

  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  if (self->regexes->len == 0)
    return FALSE;
  /* One pass over the path: is it ASCII (so UTF-8), and its lower case for the quick test. */
  for (; path[length] != '\0'; length++)
    {
      ascii &= (guchar) path[length] < 0x80;
      if (length < sizeof lowered)
        lowered[length] = g_ascii_tolower (path[length]);
    }
  /* A file name need not be UTF-8; GRegex needs it. */
  if (!ascii && !g_utf8_validate (path, (gssize) length, NULL))
    path = valid = g_utf8_make_valid (path, (gssize) length);
  /* Ignoring case, the quick test holds only for ASCII paths (see add_compiled()). */
  haystack = path;
  if (self->case_insensitive)
    {
      haystack = ascii && length < sizeof lowered ? lowered : NULL;
      if (haystack != NULL)
        lowered[length] = '\0';
    }
  for (guint i = 0; i < self->regexes->len; i++)
    {
      Pattern *pattern = self->regexes->pdata[i];

      if (pattern->required != NULL && haystack != NULL &&
          strstr (haystack, pattern->required) == NULL)
        continue;
      if (g_regex_match (pattern->regex, path, 0, NULL))
        return TRUE;
    }
  return FALSE;
}
