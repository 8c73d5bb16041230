/* taiou-mail-authres.c — Authentication-Results (RFC 8601): reading what a receiving server
 * checked
 *
 * A receiving mail server writes what it checked at the top of the mail:
 *
 *   Authentication-Results: mx.example.co.jp; spf=fail smtp.mailfrom=example.co.jp;
 *     dkim=none; dmarc=fail (p=reject) header.from=example.co.jp
 *
 * The header comes from the sender as much as from us, so the reader expects anything:
 * comments nested without end, quoted strings that never close, thousands of results, bytes
 * that are not text.  Each header is bounded (length, results, properties, comment depth); a
 * result that breaks the grammar is left out without hiding the others.  Which headers to
 * believe is taiou-mail-authres-check.c's business.
 */
#define G_LOG_DOMAIN "taiou-mail-triage"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "taiou-mail-authres.h"

G_DEFINE_QUARK (taiou-mail-authres-error-quark, taiou_mail_authres_error)

typedef struct
{
  const char *p;
  const char *end;
} Cursor;

static gboolean
at_end (const Cursor *c)
{
  return c->p >= c->end;
}

static gboolean
malformed (GError    **error,
           const char *what)
{
  g_set_error (error, TAIOU_MAIL_AUTHRES_ERROR, TAIOU_MAIL_AUTHRES_ERROR_MALFORMED,
               "Authentication-Results: %s", what);
  return FALSE;
}

/* A comment, "(…)", nested at most TAIOU_MAIL_AUTHRES_MAX_COMMENT_DEPTH deep. */
static gboolean
skip_comment (Cursor  *c,
              GError **error)
{
  guint depth = 0;

  while (!at_end (c))
    {
      char ch = *c->p++;

      if (ch == '\\' && !at_end (c))
        c->p++;
      else if (ch == '(' && ++depth > TAIOU_MAIL_AUTHRES_MAX_COMMENT_DEPTH)
        {
          g_set_error (error, TAIOU_MAIL_AUTHRES_ERROR, TAIOU_MAIL_AUTHRES_ERROR_TOO_LARGE,
                       "Authentication-Results: comments nested deeper than %d",
                       TAIOU_MAIL_AUTHRES_MAX_COMMENT_DEPTH);
          return FALSE;
        }
      else if (ch == ')' && --depth == 0)
        return TRUE;
    }
  return malformed (error, "unclosed comment");
}

/* Folding white space and comments (CFWS). */
static gboolean
skip_cfws (Cursor  *c,
           GError **error)
{
  while (!at_end (c))
    {
      if (*c->p == ' ' || *c->p == '\t' || *c->p == '\r' || *c->p == '\n')
        c->p++;
      else if (*c->p == '(')
        {
          if (!skip_comment (c, error))
            return FALSE;
        }
      else
        break;
    }
  return TRUE;
}

static char *
read_quoted (Cursor *c)
{
  GString *text = g_string_new (NULL);

  g_assert (*c->p == '"');
  c->p++;
  while (!at_end (c))
    {
      char ch = *c->p++;

      if (ch == '"')
        return g_string_free (text, FALSE);
      if (ch == '\\' && !at_end (c))
        ch = *c->p++;
      g_string_append_c (text, ch);
    }
  g_string_free (text, TRUE);
  return NULL;
}

static char *
read_while (Cursor     *c,
            gboolean  (*accept) (char ch))
{
  const char *start = c->p;

  while (!at_end (c) && accept (*c->p))
    c->p++;
  return c->p > start ? g_strndup (start, c->p - start) : NULL;
}

static gboolean
is_keyword_char (char ch)
{
  return g_ascii_isalnum (ch) || ch == '-' || ch == '_';
}

/* RFC 2045's token: anything but spaces, controls and ()<>@,;:\"/[]?= */
static gboolean
is_token_char (char ch)
{
  return (guchar) ch > ' ' && ch != 0x7f && strchr ("()<>@,;:\\\"/[]?=", ch) == NULL;
}

/* A property's value: token, quoted string, or local-part@domain (and base64 "=" padding). */
static gboolean
is_pvalue_char (char ch)
{
  return (guchar) ch > ' ' && ch != 0x7f && strchr ("();\"", ch) == NULL;
}

static gboolean
is_digit (char ch)
{
  return g_ascii_isdigit (ch);
}

static char *
read_value (Cursor     *c,
            gboolean  (*accept) (char ch))
{
  if (!at_end (c) && *c->p == '"')
    return read_quoted (c);
  return read_while (c, accept);
}

static void
property_free (gpointer data)
{
  TaiouAuthresProperty *property = data;

  g_free (property->name);
  g_free (property->value);
  g_free (property);
}

static void
result_free (gpointer data)
{
  TaiouAuthresResult *result = data;

  g_free (result->method);
  g_free (result->result);
  g_free (result->reason);
  g_ptr_array_unref (result->properties);
  g_free (result);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (TaiouAuthresResult, result_free)

static gboolean
expect (Cursor     *c,
        char        ch,
        const char *what,
        GError    **error)
{
  if (!skip_cfws (c, error))
    return FALSE;
  if (at_end (c) || *c->p != ch)
    return malformed (error, what);
  c->p++;
  return skip_cfws (c, error);
}

/* "ptype.property=value", "reason=value" or "action=value" after a result. */
static gboolean
read_property (Cursor             *c,
               TaiouAuthresResult *result,
               GError            **error)
{
  g_autofree char *ptype = read_while (c, is_keyword_char);
  g_autofree char *property = NULL;
  g_autofree char *value = NULL;

  if (ptype == NULL || !skip_cfws (c, error))
    return ptype == NULL ? malformed (error, "expected a property") : FALSE;
  if (!at_end (c) && *c->p == '.')
    {
      c->p++;
      if (!skip_cfws (c, error))
        return FALSE;
      if ((property = read_while (c, is_keyword_char)) == NULL)
        return malformed (error, "expected a property name after the dot");
    }
  if (!expect (c, '=', "expected = after a property", error))
    return FALSE;
  if ((value = read_value (c, is_pvalue_char)) == NULL)
    return malformed (error, "expected a property value");
  /* A quoted local part: smtp.mailfrom="john smith"@example.com */
  if (!at_end (c) && *c->p == '@')
    {
      g_autofree char *domain = read_while (c, is_pvalue_char);
      char *joined = g_strconcat (value, domain, NULL);

      g_free (value);
      value = joined;
    }

  if (property == NULL)
    {
      /* reason=…; others ("action=" of some servers) carry nothing we use. */
      if (g_ascii_strcasecmp (ptype, "reason") == 0)
        {
          g_free (result->reason);
          result->reason = g_steal_pointer (&value);
        }
      return TRUE;
    }
  if (result->properties->len >= TAIOU_MAIL_AUTHRES_MAX_PROPERTIES)
    {
      g_set_error (error, TAIOU_MAIL_AUTHRES_ERROR, TAIOU_MAIL_AUTHRES_ERROR_TOO_LARGE,
                   "Authentication-Results: more than %d properties in one result",
                   TAIOU_MAIL_AUTHRES_MAX_PROPERTIES);
      return FALSE;
    }
  {
    TaiouAuthresProperty *added = g_new0 (TaiouAuthresProperty, 1);
    g_autofree char *name = g_strconcat (ptype, ".", property, NULL);

    added->name = g_ascii_strdown (name, -1);
    added->value = g_steal_pointer (&value);
    g_ptr_array_add (result->properties, added);
  }
  return TRUE;
}

/* "method[/version]=result [reason=…] [ptype.property=value …]", up to the next ";". */
static TaiouAuthresResult *
read_result (Cursor  *c,
             GError **error)
{
  g_autoptr(TaiouAuthresResult) result = g_new0 (TaiouAuthresResult, 1);
  g_autofree char *method = read_while (c, is_keyword_char);
  g_autofree char *outcome = NULL;

  result->properties = g_ptr_array_new_with_free_func (property_free);
  if (method == NULL)
    {
      malformed (error, "expected a method");
      return NULL;
    }
  if (!skip_cfws (c, error))
    return NULL;
  if (!at_end (c) && *c->p == '/')
    {
      g_autofree char *version = NULL;

      c->p++;
      if (!skip_cfws (c, error))
        return NULL;
      if ((version = read_while (c, is_digit)) == NULL)
        {
          malformed (error, "expected a method version");
          return NULL;
        }
    }
  if (!expect (c, '=', "expected = after the method", error))
    return NULL;
  if ((outcome = read_while (c, is_keyword_char)) == NULL)
    {
      malformed (error, "expected a result");
      return NULL;
    }
  result->method = g_ascii_strdown (method, -1);
  result->result = g_ascii_strdown (outcome, -1);

  while (TRUE)
    {
      if (!skip_cfws (c, error))
        return NULL;
      if (at_end (c) || *c->p == ';')
        break;
      if (!read_property (c, result, error))
        return NULL;
    }
  return g_steal_pointer (&result);
}

/* After a result that does not follow the grammar: on to the next ";" outside quotes and
 * comments. */
static void
skip_to_semicolon (Cursor *c)
{
  while (!at_end (c) && *c->p != ';')
    {
      if (*c->p == '"')
        {
          g_autofree char *ignored = read_quoted (c);

          if (ignored == NULL)
            c->p = c->end;
        }
      else if (*c->p == '(')
        {
          if (!skip_comment (c, NULL))
            c->p = c->end;
        }
      else
        c->p++;
    }
}

static gboolean
only_text (const char *value,
           gsize       length)
{
  if (!g_utf8_validate (value, length, NULL))
    return FALSE;
  for (gsize i = 0; i < length; i++)
    if (((guchar) value[i] < ' ' && value[i] != '\t' && value[i] != '\r' && value[i] != '\n') ||
        value[i] == 0x7f)
      return FALSE;
  return TRUE;
}

/* "; none": the server checked nothing.  Leaves @c where it was otherwise. */
static gboolean
read_none (Cursor *c)
{
  Cursor start = *c;
  g_autofree char *word = read_while (c, is_keyword_char);

  if (word != NULL && g_ascii_strcasecmp (word, "none") == 0 && skip_cfws (c, NULL) &&
      (at_end (c) || *c->p == ';'))
    return TRUE;
  *c = start;
  return FALSE;
}

/* The authserv-id, or NULL when the header starts with a result ("spf=pass …"). */
static gboolean
read_authserv_id (Cursor        *c,
                  TaiouAuthres  *authres,
                  GError       **error)
{
  const char *start = c->p;
  g_autofree char *id = read_value (c, is_token_char);

  if (id == NULL)
    return malformed (error, "expected the authserv-id");
  if (!skip_cfws (c, error))
    return FALSE;
  if (!at_end (c) && (*c->p == '=' || *c->p == '/'))
    {
      c->p = start;
      return TRUE;
    }
  authres->authserv_id = g_ascii_strdown (id, -1);
  /* authres-version */
  if (!at_end (c) && g_ascii_isdigit (*c->p))
    {
      g_free (read_while (c, is_digit));
      return skip_cfws (c, error);
    }
  return TRUE;
}

/**
 * taiou_mail_authres_parse:
 * @value: the header's value, unfolded or not
 *
 * Reads every result that follows the grammar; one that does not is left out and counted in
 * n_skipped, so one odd result does not hide the others.
 *
 * Returns: (transfer full): the results, or NULL with @error when the header is over the
 *   limits, not UTF-8 text, or names no server
 */
TaiouAuthres *
taiou_mail_authres_parse (const char  *value,
                          GError     **error)
{
  g_autoptr(TaiouAuthres) authres = NULL;
  gsize length;
  Cursor c;
  gboolean needs_semicolon;

  g_return_val_if_fail (value != NULL, NULL);

  length = strnlen (value, TAIOU_MAIL_AUTHRES_MAX_LENGTH + 1);
  if (length > TAIOU_MAIL_AUTHRES_MAX_LENGTH)
    {
      g_set_error (error, TAIOU_MAIL_AUTHRES_ERROR, TAIOU_MAIL_AUTHRES_ERROR_TOO_LARGE,
                   "Authentication-Results: longer than %d bytes",
                   TAIOU_MAIL_AUTHRES_MAX_LENGTH);
      return NULL;
    }
  if (!only_text (value, length))
    {
      malformed (error, "not UTF-8 text");
      return NULL;
    }

  authres = g_new0 (TaiouAuthres, 1);
  authres->results = g_ptr_array_new_with_free_func (result_free);
  c.p = value;
  c.end = value + length;
  if (!skip_cfws (&c, error) || !read_authserv_id (&c, authres, error))
    return NULL;
  needs_semicolon = authres->authserv_id != NULL;

  while (TRUE)
    {
      g_autoptr(GError) result_error = NULL;
      TaiouAuthresResult *result;

      if (!skip_cfws (&c, error))
        return NULL;
      if (at_end (&c))
        break;
      if (needs_semicolon)
        {
          if (*c.p != ';')
            {
              authres->n_skipped++;
              skip_to_semicolon (&c);
              continue;
            }
          c.p++;
          if (!skip_cfws (&c, error))
            return NULL;
          if (at_end (&c))
            break;
        }
      needs_semicolon = TRUE;
      if (*c.p == ';' || read_none (&c))
        continue;

      result = read_result (&c, &result_error);
      if (result == NULL)
        {
          if (g_error_matches (result_error, TAIOU_MAIL_AUTHRES_ERROR,
                               TAIOU_MAIL_AUTHRES_ERROR_TOO_LARGE))
            {
              g_propagate_error (error, g_steal_pointer (&result_error));
              return NULL;
            }
          authres->n_skipped++;
          skip_to_semicolon (&c);
          continue;
        }
      if (authres->results->len >= TAIOU_MAIL_AUTHRES_MAX_RESULTS)
        {
          result_free (result);
          g_set_error (error, TAIOU_MAIL_AUTHRES_ERROR, TAIOU_MAIL_AUTHRES_ERROR_TOO_LARGE,
                       "Authentication-Results: more than %d results",
                       TAIOU_MAIL_AUTHRES_MAX_RESULTS);
          return NULL;
        }
      g_ptr_array_add (authres->results, result);
    }
  return g_steal_pointer (&authres);
}

void
taiou_mail_authres_free (TaiouAuthres *authres)
{
  if (authres == NULL)
    return;
  g_free (authres->authserv_id);
  g_ptr_array_unref (authres->results);
  g_free (authres);
}

/* Whether the header names one of @trusted_ids (compared without case). */
gboolean
taiou_mail_authres_is_trusted (const TaiouAuthres *authres,
                               const char * const *trusted_ids)
{
  g_return_val_if_fail (authres != NULL, FALSE);

  if (authres->authserv_id == NULL)
    return FALSE;
  for (guint i = 0; trusted_ids != NULL && trusted_ids[i] != NULL; i++)
    {
      g_autofree char *trusted = g_strstrip (g_strdup (trusted_ids[i]));

      if (*trusted != '\0' && g_ascii_strcasecmp (trusted, authres->authserv_id) == 0)
        return TRUE;
    }
  return FALSE;
}

/* The value of @property ("header.from") in @result, or NULL. */
const char *
taiou_mail_authres_result_get (const TaiouAuthresResult *result,
                               const char               *property)
{
  g_return_val_if_fail (result != NULL, NULL);

  for (guint i = 0; i < result->properties->len; i++)
    {
      TaiouAuthresProperty *candidate = result->properties->pdata[i];

      if (g_ascii_strcasecmp (candidate->name, property) == 0)
        return candidate->value;
    }
  return NULL;
}

/**
 * taiou_mail_authserv_ids_parse:
 * @text: server names separated by commas, Japanese commas, spaces or new lines, as typed in
 *   Preferences ("mx.example.co.jp, mx2.example.co.jp")
 *
 * Returns: (transfer full): the names in lower case, de-duplicated, in the order given (empty
 *   for blank @text), or NULL with @error naming the first one that cannot be an authserv-id
 */
GStrv
taiou_mail_authserv_ids_parse (const char  *text,
                               GError     **error)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_autoptr(GString) separated = g_string_new (NULL);
  g_autoptr(GPtrArray) seen = g_ptr_array_new_with_free_func (g_free);
  g_auto(GStrv) parts = NULL;

  g_return_val_if_fail (text != NULL, NULL);

  if (!g_utf8_validate (text, -1, NULL))
    {
      g_set_error (error, TAIOU_MAIL_AUTHRES_ERROR, TAIOU_MAIL_AUTHRES_ERROR_INVALID_ID,
                   _("The list of mail servers is not valid UTF-8 text."));
      return NULL;
    }
  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (c == 0x3001 || c == 0xFF0C || c == ';' || g_unichar_isspace (c))
        g_string_append_c (separated, ',');
      else
        g_string_append_unichar (separated, c);
    }
  parts = g_strsplit (separated->str, ",", -1);
  for (guint i = 0; parts[i] != NULL; i++)
    {
      g_autofree char *id = NULL;
      gboolean valid = strlen (parts[i]) <= 253;

      if (*parts[i] == '\0')
        continue;
      /* An authserv-id is a token (RFC 8601 §2.5), in practice a host name. */
      for (const char *p = parts[i]; valid && *p != '\0'; p++)
        valid = (guchar) *p < 0x80 && is_token_char (*p);
      if (!valid)
        {
          g_set_error (error, TAIOU_MAIL_AUTHRES_ERROR, TAIOU_MAIL_AUTHRES_ERROR_INVALID_ID,
                       _("“%s” is not a mail server name such as mx.example.co.jp."),
                       parts[i]);
          return NULL;
        }
      id = g_ascii_strdown (parts[i], -1);
      if (!g_ptr_array_find_with_equal_func (seen, id, g_str_equal, NULL))
        {
          g_strv_builder_add (builder, id);
          g_ptr_array_add (seen, g_steal_pointer (&id));
        }
    }
  return g_strv_builder_end (builder);
}
