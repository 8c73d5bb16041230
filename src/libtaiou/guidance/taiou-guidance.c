/* taiou-guidance.c — the wizard's instructions, each with its source (data/guidance/)
 *
 * A frightened office worker does what the screen says, so every instruction the wizard shows
 * is a record with the official page it comes from (organisation, page title, https URL, the
 * date its wording was checked), and the page prints 「出典：…」 under it.  The files ship with
 * the app, but they are read as if anyone had written them: a size cap, a nesting cap before
 * json-glib's recursive parser sees them, and a whole file refused when one record lacks a
 * field, has an address that is not https, or an id outside its step.  A file with one bad
 * record is a bug to fix, never guidance to show in part.
 */
#define G_LOG_DOMAIN "taiou-guidance"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <json-glib/json-glib.h>
#include <string.h>

#include "taiou-file-read.h"
#include "taiou-guidance.h"
#include "taiou-json-private.h"

/* A file is an array of records holding one object each: three levels are all it needs. */
#define MAX_NESTING 8

G_DEFINE_QUARK (taiou-guidance-error-quark, taiou_guidance_error)

struct _TaiouGuidance
{
  char       *step;
  GPtrArray  *records;  /* TaiouGuidanceRecord * */
  GHashTable *by_id;    /* id → record, borrowed */
};

static void
record_free (TaiouGuidanceRecord *record)
{
  g_free (record->id);
  g_free (record->text_ja);
  g_free (record->text_en);
  g_free (record->organization);
  g_free (record->page);
  g_free (record->url);
  g_free (record->retrieved);
  g_free (record);
}

void
taiou_guidance_free (TaiouGuidance *self)
{
  if (self == NULL)
    return;
  g_free (self->step);
  g_clear_pointer (&self->by_id, g_hash_table_unref);
  g_clear_pointer (&self->records, g_ptr_array_unref);
  g_free (self);
}

/* Step names are folder-safe words ("disconnect"): one never names a path. */
static gboolean
is_step_name (const char *step)
{
  if (step == NULL || *step == '\0' || strlen (step) > 32)
    return FALSE;
  for (const char *p = step; *p != '\0'; p++)
    if (!g_ascii_islower (*p) && *p != '-')
      return FALSE;
  return TRUE;
}

/* "disconnect.unplug-lan": the step, a dot, then lower-case words joined by hyphens. */
static gboolean
is_record_id (const char *id,
              const char *step)
{
  gsize step_len = strlen (step);
  const char *rest;

  if (strncmp (id, step, step_len) != 0 || id[step_len] != '.')
    return FALSE;
  rest = id + step_len + 1;
  if (*rest == '\0' || strlen (rest) > 64)
    return FALSE;
  for (const char *p = rest; *p != '\0'; p++)
    if (!g_ascii_islower (*p) && !g_ascii_isdigit (*p) && *p != '-')
      return FALSE;
  return TRUE;
}

/* Text goes on screen as it is: no control characters, not even a line break. */
static gboolean
is_plain_text (const char *text)
{
  if (*text == '\0')
    return FALSE;
  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (g_unichar_iscntrl (c) || c == 0x2028 || c == 0x2029)
        return FALSE;
    }
  return TRUE;
}

static gboolean
is_https_url (const char *url)
{
  g_autoptr(GUri) uri = NULL;

  if (g_ascii_strncasecmp (url, "https://", strlen ("https://")) != 0)
    return FALSE;
  uri = g_uri_parse (url, G_URI_FLAGS_NONE, NULL);
  return uri != NULL && g_strcmp0 (g_uri_get_scheme (uri), "https") == 0 &&
         g_uri_get_host (uri) != NULL && *g_uri_get_host (uri) != '\0' &&
         g_uri_get_userinfo (uri) == NULL;
}

/* YYYY-MM-DD, a real day. */
static gboolean
is_iso_date (const char *text)
{
  guint year, month, day;

  if (strlen (text) != 10 || text[4] != '-' || text[7] != '-')
    return FALSE;
  for (guint i = 0; i < 10; i++)
    if (i != 4 && i != 7 && !g_ascii_isdigit (text[i]))
      return FALSE;
  year = (guint) g_ascii_strtoull (text, NULL, 10);
  month = (guint) g_ascii_strtoull (text + 5, NULL, 10);
  day = (guint) g_ascii_strtoull (text + 8, NULL, 10);
  return year >= 1990 && g_date_valid_dmy ((GDateDay) day, (GDateMonth) month, (GDateYear) year);
}

/* json-glib parses recursively: a file of a hundred thousand "[" must not reach it. */
static gboolean
nesting_is_shallow (const char *data,
                    gsize       length)
{
  gboolean in_string = FALSE;
  int depth = 0;

  for (gsize i = 0; i < length; i++)
    {
      char c = data[i];

      if (in_string)
        {
          if (c == '\\')
            i++;
          else if (c == '"')
            in_string = FALSE;
        }
      else if (c == '"')
        in_string = TRUE;
      else if (c == '[' || c == '{')
        {
          if (++depth > MAX_NESTING)
            return FALSE;
        }
      else if (c == ']' || c == '}')
        depth--;
    }
  return TRUE;
}

static gboolean
set_record_error (GError     **error,
                  const char  *step,
                  guint        index,
                  const char  *id,
                  const char  *problem)
{
  if (id != NULL)
    /* Translators: %s: a guidance record id, %s: a step, %s: what is wrong with the record */
    g_set_error (error, TAIOU_GUIDANCE_ERROR, TAIOU_GUIDANCE_ERROR_RECORD,
                 _("The guidance record “%s” of the step “%s” cannot be used: %s"),
                 id, step, problem);
  else
    /* Translators: %u: the record's position (1, 2, …), %s: a step, %s: what is wrong */
    g_set_error (error, TAIOU_GUIDANCE_ERROR, TAIOU_GUIDANCE_ERROR_RECORD,
                 _("Guidance record %u of the step “%s” cannot be used: %s"),
                 index + 1, step, problem);
  return FALSE;
}

/* The member's text if it is a string that may go on screen, otherwise NULL. */
static const char *
plain_member (JsonObject *object,
              const char *member)
{
  const char *value = _taiou_json_get_string (object, member);

  return value != NULL && is_plain_text (value) ? value : NULL;
}

static TaiouGuidanceRecord *
parse_record (const char  *step,
              guint        index,
              JsonNode    *node,
              GError     **error)
{
  static const char * const source_fields[] = { "organization", "page", "url", "retrieved" };
  g_autofree char *problem = NULL;
  JsonObject *object;
  JsonObject *source;
  JsonNode *source_node;
  const char *id;
  const char *text_ja;
  const char *text_en;
  const char *copy;
  TaiouGuidanceRecord *record;

  if (!JSON_NODE_HOLDS_OBJECT (node))
    {
      set_record_error (error, step, index, NULL, _("it is not a JSON object."));
      return NULL;
    }
  object = json_node_get_object (node);

  id = plain_member (object, "id");
  if (id == NULL)
    {
      set_record_error (error, step, index, NULL, _("it has no “id”."));
      return NULL;
    }
  if (!is_record_id (id, step))
    {
      /* Translators: %s: a step name such as "disconnect" */
      problem = g_strdup_printf (_("its id must be “%s.” followed by lower-case words joined "
                                   "by hyphens."), step);
      set_record_error (error, step, index, id, problem);
      return NULL;
    }

  text_ja = plain_member (object, "text_ja");
  text_en = plain_member (object, "text_en");
  if (text_ja == NULL || text_en == NULL)
    {
      set_record_error (error, step, index, id,
                        _("it needs both “text_ja” and “text_en”, each one line of text."));
      return NULL;
    }

  source_node = json_object_get_member (object, "source");
  if (source_node == NULL || !JSON_NODE_HOLDS_OBJECT (source_node))
    {
      set_record_error (error, step, index, id,
                        _("it has no source. Every instruction needs the page it comes from."));
      return NULL;
    }
  source = json_node_get_object (source_node);
  for (guint i = 0; i < G_N_ELEMENTS (source_fields); i++)
    if (plain_member (source, source_fields[i]) == NULL)
      {
        /* Translators: %s: a field name such as "organization" or "url" */
        problem = g_strdup_printf (_("its source has no “%s”."), source_fields[i]);
        set_record_error (error, step, index, id, problem);
        return NULL;
      }
  if (!is_https_url (json_object_get_string_member (source, "url")))
    {
      set_record_error (error, step, index, id,
                        _("its source address must be an https:// address."));
      return NULL;
    }
  copy = _taiou_json_get_string (source, "copy");
  if (json_object_has_member (source, "copy") && (copy == NULL || !is_https_url (copy)))
    {
      set_record_error (error, step, index, id,
                        _("the address of the stored copy must be an https:// address."));
      return NULL;
    }
  if (!is_iso_date (json_object_get_string_member (source, "retrieved")))
    {
      set_record_error (error, step, index, id,
                        _("the date in “retrieved” must be written like 2026-12-03."));
      return NULL;
    }

  record = g_new0 (TaiouGuidanceRecord, 1);
  record->id = g_strdup (id);
  record->text_ja = g_strdup (text_ja);
  record->text_en = g_strdup (text_en);
  record->organization = g_strdup (json_object_get_string_member (source, "organization"));
  record->page = g_strdup (json_object_get_string_member (source, "page"));
  record->url = g_strdup (json_object_get_string_member (source, "url"));
  record->retrieved = g_strdup (json_object_get_string_member (source, "retrieved"));
  return record;
}

/**
 * taiou_guidance_parse:
 * @step: the wizard step the records belong to ("disconnect")
 * @data: the file's bytes (need not be NUL-terminated)
 *
 * Returns: (transfer full): every record of the step, or %NULL and an error naming the first
 *   bad record
 */
TaiouGuidance *
taiou_guidance_parse (const char  *step,
                      const char  *data,
                      gsize        length,
                      GError     **error)
{
  g_autoptr(JsonParser) parser = NULL;
  g_autoptr(TaiouGuidance) self = NULL;
  g_autoptr(GError) json_error = NULL;
  JsonNode *root;
  JsonArray *array;

  g_return_val_if_fail (step != NULL, NULL);
  g_return_val_if_fail (data != NULL || length == 0, NULL);

  if (!is_step_name (step))
    {
      g_set_error (error, TAIOU_GUIDANCE_ERROR, TAIOU_GUIDANCE_ERROR_STEP,
                   _("“%s” is not the name of a step."), step);
      return NULL;
    }
  if (length > TAIOU_GUIDANCE_MAX_SIZE)
    {
      g_set_error (error, TAIOU_GUIDANCE_ERROR, TAIOU_GUIDANCE_ERROR_TOO_LARGE,
                   _("The guidance of the step “%s” is larger than %u KiB, so it was not "
                     "read."), step, (guint) (TAIOU_GUIDANCE_MAX_SIZE / 1024));
      return NULL;
    }
  if (!g_utf8_validate (data, (gssize) length, NULL) || !nesting_is_shallow (data, length))
    {
      g_set_error (error, TAIOU_GUIDANCE_ERROR, TAIOU_GUIDANCE_ERROR_MALFORMED,
                   _("The guidance of the step “%s” is not a list of records in UTF-8 JSON."),
                   step);
      return NULL;
    }

  parser = json_parser_new_immutable ();
  if (!json_parser_load_from_data (parser, data, (gssize) length, &json_error))
    {
      /* Translators: %s: a step, %s: the JSON parser's own message */
      g_set_error (error, TAIOU_GUIDANCE_ERROR, TAIOU_GUIDANCE_ERROR_MALFORMED,
                   _("The guidance of the step “%s” is not valid JSON: %s"),
                   step, json_error->message);
      return NULL;
    }
  root = json_parser_get_root (parser);
  if (root == NULL || !JSON_NODE_HOLDS_ARRAY (root))
    {
      g_set_error (error, TAIOU_GUIDANCE_ERROR, TAIOU_GUIDANCE_ERROR_MALFORMED,
                   _("The guidance of the step “%s” is not a list of records in UTF-8 JSON."),
                   step);
      return NULL;
    }

  self = g_new0 (TaiouGuidance, 1);
  self->step = g_strdup (step);
  self->records = g_ptr_array_new_with_free_func ((GDestroyNotify) record_free);
  self->by_id = g_hash_table_new (g_str_hash, g_str_equal);

  array = json_node_get_array (root);
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      TaiouGuidanceRecord *record = parse_record (step, i, json_array_get_element (array, i),
                                                  error);

      if (record == NULL)
        return NULL;
      if (g_hash_table_contains (self->by_id, record->id))
        {
          set_record_error (error, step, i, record->id, _("another record has the same id."));
          record_free (record);
          return NULL;
        }
      g_ptr_array_add (self->records, record);
      g_hash_table_insert (self->by_id, record->id, record);
    }
  return g_steal_pointer (&self);
}

/**
 * taiou_guidance_load_file:
 * @step: the wizard step the file belongs to
 * @path: a `<step>.json` file
 */
TaiouGuidance *
taiou_guidance_load_file (const char  *step,
                          const char  *path,
                          GError     **error)
{
  g_autoptr(GError) read_error = NULL;
  g_autofree char *data = NULL;
  gsize length = 0;

  g_return_val_if_fail (step != NULL, NULL);
  g_return_val_if_fail (path != NULL, NULL);

  data = taiou_file_read_bounded (path, TAIOU_GUIDANCE_MAX_SIZE, &length, &read_error);
  if (data == NULL)
    {
      if (g_error_matches (read_error, G_IO_ERROR, G_IO_ERROR_MESSAGE_TOO_LARGE))
        g_set_error (error, TAIOU_GUIDANCE_ERROR, TAIOU_GUIDANCE_ERROR_TOO_LARGE,
                     _("The guidance of the step “%s” is larger than %u KiB, so it was not "
                       "read."), step, (guint) (TAIOU_GUIDANCE_MAX_SIZE / 1024));
      else
        /* Translators: %s: a step, %s: why the file could not be read */
        g_set_error (error, TAIOU_GUIDANCE_ERROR, TAIOU_GUIDANCE_ERROR_READ,
                     _("The guidance of the step “%s” could not be read: %s"),
                     step, read_error->message);
      return NULL;
    }
  return taiou_guidance_parse (step, data, length, error);
}

/**
 * taiou_guidance_dir:
 *
 * Returns: the guidance folder: $TAIOU_GUIDANCE_DIR when set (tests and uninstalled runs),
 *   otherwise the installed one
 */
const char *
taiou_guidance_dir (void)
{
  const char *dir = g_getenv ("TAIOU_GUIDANCE_DIR");

  return dir != NULL && dir[0] != '\0' ? dir : TAIOU_GUIDANCE_DIR;
}

/**
 * taiou_guidance_load_step:
 * @step: a wizard step id ("triage", "disconnect", …)
 *
 * Returns: (transfer full): the records of `<guidance dir>/<step>.json`
 */
TaiouGuidance *
taiou_guidance_load_step (const char  *step,
                          GError     **error)
{
  g_autofree char *file = NULL;
  g_autofree char *path = NULL;

  g_return_val_if_fail (step != NULL, NULL);

  if (!is_step_name (step))
    {
      g_set_error (error, TAIOU_GUIDANCE_ERROR, TAIOU_GUIDANCE_ERROR_STEP,
                   _("“%s” is not the name of a step."), step);
      return NULL;
    }
  file = g_strconcat (step, ".json", NULL);
  path = g_build_filename (taiou_guidance_dir (), file, NULL);
  return taiou_guidance_load_file (step, path, error);
}

const char *
taiou_guidance_get_step (TaiouGuidance *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return self->step;
}

guint
taiou_guidance_get_n_records (TaiouGuidance *self)
{
  g_return_val_if_fail (self != NULL, 0);
  return self->records->len;
}

/* Returns: (transfer none): the @index-th record, in the file's order */
const TaiouGuidanceRecord *
taiou_guidance_get_record (TaiouGuidance *self,
                           guint          index)
{
  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (index < self->records->len, NULL);
  return g_ptr_array_index (self->records, index);
}

/* Returns: (transfer none) (nullable): the record called @id */
const TaiouGuidanceRecord *
taiou_guidance_lookup (TaiouGuidance *self,
                       const char    *id)
{
  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (id != NULL, NULL);
  return g_hash_table_lookup (self->by_id, id);
}

/* Returns: the instruction in Japanese or in English */
const char *
taiou_guidance_record_get_text (const TaiouGuidanceRecord *record,
                                gboolean                   japanese)
{
  g_return_val_if_fail (record != NULL, NULL);
  return japanese ? record->text_ja : record->text_en;
}

/**
 * taiou_guidance_record_format_citation:
 * @japanese: the line for a Japanese page, otherwise for an English one
 *
 * The line a page shows under the instruction.  The organisation and the page title stay as the
 * page gives them, in either language: that is what a reader searches for.
 *
 * Returns: (transfer full): 「出典：愛知県警察「…」（2026-12-03 確認）」 or
 *   "Source: 愛知県警察, “…” (checked 2026-12-03)"
 */
char *
taiou_guidance_record_format_citation (const TaiouGuidanceRecord *record,
                                       gboolean                   japanese)
{
  g_return_val_if_fail (record != NULL, NULL);

  if (japanese)
    return g_strdup_printf ("出典：%s「%s」（%s 確認）", record->organization, record->page,
                            record->retrieved);
  return g_strdup_printf ("Source: %s, “%s” (checked %s)", record->organization, record->page,
                          record->retrieved);
}
