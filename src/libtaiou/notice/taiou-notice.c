/* taiou-notice.c — Japanese notices from templates: variables in, text out
 *
 * The templates (data/templates/ja/, format in data/templates/README.md) are written by people
 * in 敬語; this only fills them.  Two rules matter more than the filling: a required variable
 * that is missing is an error naming it, never a blank in a letter to a partner; and no
 * variable may carry a line break or a control character, because the same text becomes the
 * headers of an .eml and a line break there would let a value add headers of its own.
 */
#define G_LOG_DOMAIN "taiou-notice"

#include "config.h"

#include <string.h>

#include "taiou-file-read.h"
#include "taiou-notice.h"

#define MAX_TEMPLATE_SIZE (256 * 1024)
#define LIST_BULLET       "・"

G_DEFINE_QUARK (taiou-notice-error-quark, taiou_notice_error)

struct _TaiouNoticeTemplate
{
  char  *name;
  char  *title;
  GStrv  required;
  GStrv  optional;
  GStrv  lists;
  char  *subject;   /* nullable */
  char  *body;
};

void
taiou_notice_template_free (TaiouNoticeTemplate *self)
{
  if (self == NULL)
    return;
  g_free (self->name);
  g_free (self->title);
  g_strfreev (self->required);
  g_strfreev (self->optional);
  g_strfreev (self->lists);
  g_free (self->subject);
  g_free (self->body);
  g_free (self);
}

void
taiou_notice_text_free (TaiouNoticeText *text)
{
  if (text == NULL)
    return;
  g_free (text->subject);
  g_free (text->body);
  g_free (text);
}

/* "a, b, c" → {"a", "b", "c"} */
static GStrv
split_names (const char *value)
{
  g_auto(GStrv) parts = g_strsplit (value, ",", -1);
  GStrvBuilder *builder = g_strv_builder_new ();
  GStrv names;

  for (guint i = 0; parts[i] != NULL; i++)
    {
      char *name = g_strstrip (parts[i]);

      if (*name != '\0')
        g_strv_builder_add (builder, name);
    }
  names = g_strv_builder_end (builder);
  g_strv_builder_unref (builder);
  return names;
}

static gboolean
is_declared (TaiouNoticeTemplate *self,
             const char          *name)
{
  return g_strv_contains ((const char * const *) self->required, name) ||
         g_strv_contains ((const char * const *) self->optional, name);
}

/* Every {{name}}, {{#name}} and {{/name}} must be a declared variable: a typo in a template
 * would otherwise reach a partner as braces. */
static gboolean
check_placeholders (TaiouNoticeTemplate  *self,
                    const char           *text,
                    GError              **error)
{
  for (const char *p = strstr (text, "{{"); p != NULL; p = strstr (p + 2, "{{"))
    {
      const char *start = p + 2 + (p[2] == '#' || p[2] == '/' ? 1 : 0);
      const char *end = strstr (start, "}}");
      g_autofree char *name = NULL;

      if (end == NULL)
        {
          g_set_error (error, TAIOU_NOTICE_ERROR, TAIOU_NOTICE_ERROR_TEMPLATE,
                       "%s: “{{” without “}}”", self->name);
          return FALSE;
        }
      name = g_strndup (start, (gsize) (end - start));
      if (!is_declared (self, name))
        {
          g_set_error (error, TAIOU_NOTICE_ERROR, TAIOU_NOTICE_ERROR_TEMPLATE,
                       "%s: the variable “%s” is used but not declared in the header",
                       self->name, name);
          return FALSE;
        }
    }
  return TRUE;
}

/**
 * taiou_notice_template_parse:
 * @name: the template's name ("partner-warning"), for messages
 */
TaiouNoticeTemplate *
taiou_notice_template_parse (const char  *name,
                             const char  *original,
                             GError     **error)
{
  g_autoptr(TaiouNoticeTemplate) self = g_new0 (TaiouNoticeTemplate, 1);
  g_autoptr(GString) normalized = NULL;
  const char *text;
  const char *p;
  const char *separator;

  g_return_val_if_fail (name != NULL && original != NULL, NULL);

  /* A template saved on Windows has CRLF line ends; the text is LF-only from here on. */
  normalized = g_string_new (original);
  g_string_replace (normalized, "\r\n", "\n", 0);
  text = p = normalized->str;

  self->name = g_strdup (name);
  if (!g_utf8_validate (text, -1, NULL) ||
      (separator = strstr (text, "\n---\n")) == NULL)
    {
      g_set_error (error, TAIOU_NOTICE_ERROR, TAIOU_NOTICE_ERROR_TEMPLATE,
                   "%s: not a notice template (UTF-8 with a header ended by “---”)", name);
      return NULL;
    }
  while (p < separator)
    {
      const char *end = strchr (p, '\n');
      g_autofree char *line = g_strndup (p, (gsize) (end - p));
      char *colon = strchr (line, ':');

      p = end + 1;
      if (line[0] != '#' || colon == NULL)
        continue;
      *colon = '\0';
      g_strstrip (line + 1);
      g_strstrip (colon + 1);
      if (g_str_equal (line + 1, "title"))
        {
          g_free (self->title);
          self->title = g_strdup (colon + 1);
        }
      /* A repeated header line replaces the earlier one. */
      else if (g_str_equal (line + 1, "required"))
        {
          g_strfreev (self->required);
          self->required = split_names (colon + 1);
        }
      else if (g_str_equal (line + 1, "optional"))
        {
          g_strfreev (self->optional);
          self->optional = split_names (colon + 1);
        }
      else if (g_str_equal (line + 1, "list"))
        {
          g_strfreev (self->lists);
          self->lists = split_names (colon + 1);
        }
    }
  if (self->required == NULL)
    self->required = g_new0 (char *, 1);
  if (self->optional == NULL)
    self->optional = g_new0 (char *, 1);
  if (self->lists == NULL)
    self->lists = g_new0 (char *, 1);

  p = separator + strlen ("\n---\n");
  if (g_str_has_prefix (p, "件名: "))
    {
      const char *end = strchr (p, '\n');

      end = end != NULL ? end : p + strlen (p);
      self->subject = g_strndup (p + strlen ("件名: "), (gsize) (end - p) - strlen ("件名: "));
      p = *end == '\n' ? end + 1 : end;
      if (*p == '\n')
        p++;
    }
  self->body = g_strdup (p);
  if (self->title == NULL)
    {
      g_set_error (error, TAIOU_NOTICE_ERROR, TAIOU_NOTICE_ERROR_TEMPLATE,
                   "%s: the header has no title", name);
      return NULL;
    }
  if ((self->subject != NULL && !check_placeholders (self, self->subject, error)) ||
      !check_placeholders (self, self->body, error))
    return NULL;
  for (const char *c = self->subject; c != NULL && *c != '\0'; c++)
    if ((guchar) *c < 0x20 || *c == 0x7f)
      {
        g_set_error (error, TAIOU_NOTICE_ERROR, TAIOU_NOTICE_ERROR_TEMPLATE,
                     "%s: the subject line holds a control character", name);
        return NULL;
      }
  /* A list is several lines; a subject is a header and must stay one. */
  for (guint i = 0; self->subject != NULL && self->lists[i] != NULL; i++)
    {
      g_autofree char *placeholder = g_strdup_printf ("{{%s}}", self->lists[i]);

      if (strstr (self->subject, placeholder) != NULL)
        {
          g_set_error (error, TAIOU_NOTICE_ERROR, TAIOU_NOTICE_ERROR_TEMPLATE,
                       "%s: the list “%s” cannot be used in the subject", name, self->lists[i]);
          return NULL;
        }
    }
  return g_steal_pointer (&self);
}

TaiouNoticeTemplate *
taiou_notice_template_load (const char  *path,
                            GError     **error)
{
  g_autofree char *text = taiou_file_read_bounded (path, MAX_TEMPLATE_SIZE, NULL, error);
  g_autofree char *base = NULL;
  char *dot;

  if (text == NULL)
    return NULL;
  base = g_path_get_basename (path);
  if ((dot = strrchr (base, '.')) != NULL)
    *dot = '\0';
  return taiou_notice_template_parse (base, text, error);
}

const char *
taiou_notice_template_get_name (TaiouNoticeTemplate *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return self->name;
}

const char *
taiou_notice_template_get_title (TaiouNoticeTemplate *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return self->title;
}

const char * const *
taiou_notice_template_get_required (TaiouNoticeTemplate *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return (const char * const *) self->required;
}

const char * const *
taiou_notice_template_get_optional (TaiouNoticeTemplate *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return (const char * const *) self->optional;
}

/* Returns: whether the notice is a mail (its template has a 件名: line) */
gboolean
taiou_notice_template_is_mail (TaiouNoticeTemplate *self)
{
  g_return_val_if_fail (self != NULL, FALSE);
  return self->subject != NULL;
}

gboolean
taiou_notice_template_is_list (TaiouNoticeTemplate *self,
                               const char          *variable)
{
  g_return_val_if_fail (self != NULL, FALSE);
  return g_strv_contains ((const char * const *) self->lists, variable);
}

/* A value is given when it has something besides spaces. */
static const char *
lookup (GHashTable *variables,
        const char *name)
{
  const char *value = g_hash_table_lookup (variables, name);

  if (value == NULL)
    return NULL;
  for (const char *p = value; *p != '\0'; p = g_utf8_next_char (p))
    if (!g_unichar_isspace (g_utf8_get_char (p)))
      return value;
  return NULL;
}

/* The first character a value may not hold, or 0: no control characters anywhere (a line
 * break in a subject is a header of its own), line breaks only between the items of a list. */
static gunichar
find_refused_char (const char *value,
                   gboolean    list)
{
  for (const char *p = value; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if ((c == '\n' && list) || !(g_unichar_iscntrl (c) || c == 0x2028 || c == 0x2029))
        continue;
      return c;
    }
  return 0;
}

/**
 * taiou_notice_value_is_allowed:
 * @value: a variable's value
 * @list: whether the variable is a list (one item a line)
 *
 * Returns: whether taiou_notice_render() accepts @value: valid UTF-8 without control
 *   characters or line separators, except the line breaks between a list's items
 */
gboolean
taiou_notice_value_is_allowed (const char *value,
                               gboolean    list)
{
  g_return_val_if_fail (value != NULL, FALSE);
  return g_utf8_validate (value, -1, NULL) && find_refused_char (value, list) == 0;
}

/**
 * taiou_notice_template_check_variables:
 * @variables: (element-type utf8 utf8): the values; a list's items one per line
 * @missing: (out) (optional) (transfer full) (element-type utf8): the required variables
 *   that are not given or hold only spaces, in the template's order
 * @refused: (out) (optional) (transfer full) (element-type utf8): the variables whose value
 *   taiou_notice_value_is_allowed() refuses: the template's own in its order (required, then
 *   optional), then any other in @variables
 *
 * The one rule for what stops a notice, shared by taiou_notice_render(), the editor's form
 * and the CLI.  A refused value is not also reported as missing.
 *
 * Returns: whether taiou_notice_render() accepts @variables: nothing missing or refused
 */
gboolean
taiou_notice_template_check_variables (TaiouNoticeTemplate  *self,
                                       GHashTable           *variables,
                                       GPtrArray           **missing,
                                       GPtrArray           **refused)
{
  g_autoptr(GPtrArray) missing_names = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) refused_names = g_ptr_array_new_with_free_func (g_free);
  const char * const *declared[2];
  GHashTableIter iter;
  gpointer name, value;
  gboolean ok;

  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (variables != NULL, FALSE);

  declared[0] = (const char * const *) self->required;
  declared[1] = (const char * const *) self->optional;
  for (guint d = 0; d < G_N_ELEMENTS (declared); d++)
    for (guint i = 0; declared[d][i] != NULL; i++)
      {
        const char *variable = declared[d][i];
        const char *given = g_hash_table_lookup (variables, variable);
        gboolean list = taiou_notice_template_is_list (self, variable);

        if (given != NULL && !taiou_notice_value_is_allowed (given, list))
          g_ptr_array_add (refused_names, g_strdup (variable));
        else if (d == 0 && lookup (variables, variable) == NULL)
          g_ptr_array_add (missing_names, g_strdup (variable));
      }
  /* The template never shows the others, but a value that could add a header is refused
   * wherever it comes from. */
  g_hash_table_iter_init (&iter, variables);
  while (g_hash_table_iter_next (&iter, &name, &value))
    if (value != NULL && !is_declared (self, name) &&
        !taiou_notice_value_is_allowed (value, taiou_notice_template_is_list (self, name)))
      g_ptr_array_add (refused_names, g_strdup (name));

  ok = missing_names->len == 0 && refused_names->len == 0;
  if (missing != NULL)
    *missing = g_steal_pointer (&missing_names);
  if (refused != NULL)
    *refused = g_steal_pointer (&refused_names);
  return ok;
}

/* Why taiou_notice_template_check_variables() refused @value: an error naming @name. */
static void
set_refused_error (TaiouNoticeTemplate  *self,
                   const char           *name,
                   const char           *value,
                   GError              **error)
{
  if (!g_utf8_validate (value, -1, NULL))
    g_set_error (error, TAIOU_NOTICE_ERROR, TAIOU_NOTICE_ERROR_INVALID,
                 "The variable “%s” is not valid UTF-8", name);
  else
    g_set_error (error, TAIOU_NOTICE_ERROR, TAIOU_NOTICE_ERROR_INVALID,
                 "The variable “%s” contains a line break or a control character (U+%04X)",
                 name, find_refused_char (value, taiou_notice_template_is_list (self, name)));
}

static char *
format_value (TaiouNoticeTemplate *self,
              const char          *name,
              const char          *value)
{
  g_auto(GStrv) items = NULL;
  GString *text;

  if (!taiou_notice_template_is_list (self, name))
    return g_strdup (value);
  items = g_strsplit (value, "\n", -1);
  text = g_string_new (NULL);
  for (guint i = 0; items[i] != NULL; i++)
    {
      char *item = g_strstrip (items[i]);

      if (*item == '\0')
        continue;
      if (text->len > 0)
        g_string_append_c (text, '\n');
      g_string_append_printf (text, LIST_BULLET "%s", item);
    }
  return g_string_free (text, FALSE);
}

/* Fills one piece of template text: sections first, then placeholders. */
static char *
fill (TaiouNoticeTemplate *self,
      const char          *text,
      GHashTable          *variables)
{
  GString *out = g_string_new (NULL);
  const char *p = text;

  while (*p != '\0')
    {
      const char *open = strstr (p, "{{");
      const char *close;
      g_autofree char *name = NULL;

      if (open == NULL)
        {
          g_string_append (out, p);
          break;
        }
      g_string_append_len (out, p, open - p);
      close = strstr (open, "}}");  /* there is one: checked when parsed */
      if (open[2] == '#')
        {
          g_autofree char *end_tag = NULL;
          const char *end;

          name = g_strndup (open + 3, (gsize) (close - open - 3));
          end_tag = g_strdup_printf ("{{/%s}}", name);
          end = strstr (close + 2, end_tag);
          if (end == NULL)
            end = close + 2 + strlen (close + 2);
          if (lookup (variables, name) != NULL)
            {
              g_autofree char *inner = g_strndup (close + 2, (gsize) (end - close - 2));
              g_autofree char *filled = fill (self, inner, variables);

              g_string_append (out, filled);
            }
          p = *end != '\0' ? end + strlen (end_tag) : end;
          continue;
        }
      name = g_strndup (open + 2, (gsize) (close - open - 2));
      if (name[0] != '/')
        {
          const char *value = lookup (variables, name);
          g_autofree char *formatted = value != NULL ? format_value (self, name, value) : NULL;

          if (formatted != NULL)
            g_string_append (out, formatted);
        }
      p = close + 2;
    }
  return g_string_free (out, FALSE);
}

/* An optional section left out at the very start or end leaves empty lines there; a letter
 * starts with its first word and ends with one line break. */
static char *
tidy_body (char *body)
{
  const char *start = body;
  gsize length;
  char *tidy;

  while (*start == '\n')
    start++;
  length = strlen (start);
  while (length > 0 && start[length - 1] == '\n')
    length--;
  tidy = g_strdup_printf ("%.*s\n", (int) length, start);
  g_free (body);
  return tidy;
}

/**
 * taiou_notice_render:
 * @variables: (element-type utf8 utf8): the values; a list's items one per line
 *
 * Returns: (transfer full): the subject (for mail notices) and the body; NULL with
 *   %TAIOU_NOTICE_ERROR_MISSING naming every missing required variable, or
 *   %TAIOU_NOTICE_ERROR_INVALID naming a variable with a line break or control character
 */
TaiouNoticeText *
taiou_notice_render (TaiouNoticeTemplate  *self,
                     GHashTable           *variables,
                     GError              **error)
{
  g_autoptr(GPtrArray) missing = NULL;
  g_autoptr(GPtrArray) refused = NULL;
  TaiouNoticeText *text;

  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (variables != NULL, NULL);

  if (!taiou_notice_template_check_variables (self, variables, &missing, &refused))
    {
      g_autofree char *names = NULL;

      /* A value that could add a header matters more than one still to be typed. */
      if (refused->len > 0)
        {
          const char *name = refused->pdata[0];

          set_refused_error (self, name, g_hash_table_lookup (variables, name), error);
          return NULL;
        }
      g_ptr_array_add (missing, NULL);
      names = g_strjoinv (", ", (char **) missing->pdata);
      g_set_error (error, TAIOU_NOTICE_ERROR, TAIOU_NOTICE_ERROR_MISSING,
                   "%s: missing variables: %s", self->name, names);
      return NULL;
    }

  text = g_new0 (TaiouNoticeText, 1);
  text->subject = self->subject != NULL ? fill (self, self->subject, variables) : NULL;
  text->body = tidy_body (fill (self, self->body, variables));
  return text;
}

/**
 * taiou_notice_format_date:
 *
 * Returns: (transfer full): @date as Japanese letters write it: 2026年11月23日
 */
char *
taiou_notice_format_date (GDateTime *date)
{
  g_return_val_if_fail (date != NULL, NULL);
  return g_date_time_format (date, "%Y年%-m月%-d日");
}

/**
 * taiou_notice_template_dir:
 *
 * Returns: the Japanese templates' folder: $TAIOU_TEMPLATE_DIR when set (tests and uninstalled
 *   runs), otherwise the installed one
 */
const char *
taiou_notice_template_dir (void)
{
  const char *dir = g_getenv ("TAIOU_TEMPLATE_DIR");

  return dir != NULL && dir[0] != '\0' ? dir : TAIOU_TEMPLATE_DIR;
}

static int
compare_template_names (gconstpointer a,
                        gconstpointer b)
{
  return g_strcmp0 (taiou_notice_template_get_name (*(TaiouNoticeTemplate * const *) a),
                    taiou_notice_template_get_name (*(TaiouNoticeTemplate * const *) b));
}

/**
 * taiou_notice_list_templates:
 *
 * Returns: (transfer full) (element-type TaiouNoticeTemplate): every template, by name
 */
GPtrArray *
taiou_notice_list_templates (GError **error)
{
  g_autoptr(GPtrArray) list = NULL;
  g_autoptr(GDir) dir = g_dir_open (taiou_notice_template_dir (), 0, error);
  const char *name;

  if (dir == NULL)
    return NULL;
  list = g_ptr_array_new_with_free_func ((GDestroyNotify) taiou_notice_template_free);
  while ((name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *path = NULL;
      TaiouNoticeTemplate *notice;

      if (!g_str_has_suffix (name, ".txt"))
        continue;
      path = g_build_filename (taiou_notice_template_dir (), name, NULL);
      notice = taiou_notice_template_load (path, error);
      if (notice == NULL)
        return NULL;
      g_ptr_array_add (list, notice);
    }
  if (list->len > 1)
    g_ptr_array_sort (list, compare_template_names);
  return g_steal_pointer (&list);
}

/**
 * taiou_notice_template_find:
 * @name: "partner-warning" and the like
 */
TaiouNoticeTemplate *
taiou_notice_template_find (const char  *name,
                            GError     **error)
{
  g_autofree char *file = NULL;
  g_autofree char *path = NULL;

  g_return_val_if_fail (name != NULL, NULL);

  /* A name, not a path: nothing outside the templates' folder can be read this way. */
  if (strchr (name, '/') != NULL || name[0] == '.' || *name == '\0')
    {
      g_set_error (error, TAIOU_NOTICE_ERROR, TAIOU_NOTICE_ERROR_TEMPLATE,
                   "“%s” is not a template name", name);
      return NULL;
    }
  file = g_strconcat (name, ".txt", NULL);
  path = g_build_filename (taiou_notice_template_dir (), file, NULL);
  if (!g_file_test (path, G_FILE_TEST_EXISTS))
    {
      g_set_error (error, TAIOU_NOTICE_ERROR, TAIOU_NOTICE_ERROR_TEMPLATE,
                   "There is no template called “%s” (see taiou-cli notice list)", name);
      return NULL;
    }
  return taiou_notice_template_load (path, error);
}

/**
 * taiou_notice_text_to_html:
 * @title: the page's title
 *
 * A printable page for the website: every character of the notice is escaped, paragraphs are
 * kept, and nothing is linked or scripted.
 *
 * Returns: (transfer full): a complete HTML document
 */
char *
taiou_notice_text_to_html (TaiouNoticeText *text,
                           const char      *title)
{
  g_autofree char *escaped_title = g_markup_escape_text (title, -1);
  g_auto(GStrv) paragraphs = g_strsplit (text->body, "\n\n", -1);
  GString *html = g_string_new (NULL);

  g_string_append_printf (html,
                          "<!DOCTYPE html>\n<html lang=\"ja\">\n<head>\n<meta charset=\"utf-8\">\n"
                          "<title>%s</title>\n"
                          "<style>body{max-width:40em;margin:2em auto;line-height:1.8;"
                          "font-family:sans-serif}p{margin:1em 0}"
                          "@media print{body{margin:0}}</style>\n</head>\n<body>\n",
                          escaped_title);
  for (guint i = 0; paragraphs[i] != NULL; i++)
    {
      g_autofree char *escaped = NULL;
      g_auto(GStrv) lines = NULL;
      g_autofree char *joined = NULL;

      if (*g_strstrip (paragraphs[i]) == '\0')
        continue;
      escaped = g_markup_escape_text (paragraphs[i], -1);
      lines = g_strsplit (escaped, "\n", -1);
      joined = g_strjoinv ("<br>\n", lines);
      g_string_append_printf (html, "<p>%s</p>\n", joined);
    }
  g_string_append (html, "</body>\n</html>\n");
  return g_string_free (html, FALSE);
}
