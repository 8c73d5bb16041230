/* taiou-mail-msg-props.c — the properties of one .msg object ([MS-OXMSG] 2.1, 2.4)
 *
 * Variable-length properties are streams named `__substg1.0_IIIITTTT` (property id, type);
 * fixed-length ones are 16-byte entries of `__properties_version1.0`.  The lengths that file
 * records for variable-length properties are never used: the stream's own size is, and it is
 * capped.  8-bit strings are in the message's code page (CP932 on most Japanese PCs).
 */
#define G_LOG_DOMAIN "taiou-mail-msg"

#include "config.h"

#include <string.h>

#include "taiou-bytes-private.h"
#include "taiou-mail-msg-private.h"
#include "taiou-utf16-private.h"

#define FIXED_ENTRY_SIZE 16

static void
set_damaged (GError     **error,
             const char  *why)
{
  g_set_error (error, TAIOU_MAIL_MSG_ERROR, TAIOU_MAIL_MSG_ERROR_DAMAGED,
               "The Outlook message is damaged: %s", why);
}

/* A stream of @storage, or NULL without an error when there is none (or it is a storage). */
static GBytes *
read_stream (GsfInfile   *storage,
             const char  *name,
             gsize        max_size,
             GError     **error)
{
  g_autoptr(GsfInput) input = gsf_infile_child_by_name (storage, name);
  g_autofree guint8 *buffer = NULL;
  gsf_off_t size;

  if (input == NULL || (GSF_IS_INFILE (input) && gsf_infile_num_children (GSF_INFILE (input)) >= 0))
    return NULL;
  size = gsf_input_size (input);
  if (size < 0 || (guint64) size > max_size)
    {
      g_set_error (error, TAIOU_MAIL_MSG_ERROR, TAIOU_MAIL_MSG_ERROR_TOO_LARGE,
                   "The Outlook message is too large: its stream %s is over %" G_GSIZE_FORMAT
                   " KiB", name, max_size / 1024);
      return NULL;
    }
  if (size == 0)
    return g_bytes_new (NULL, 0);
  buffer = g_malloc (size);
  if (gsf_input_read (input, size, buffer) == NULL)
    {
      set_damaged (error, "a property stream cannot be read");
      return NULL;
    }
  return g_bytes_new_take (g_steal_pointer (&buffer), size);
}

gboolean
_taiou_msg_object_open (TaiouMsgObject  *object,
                        GsfInfile       *storage,
                        gsize            fixed_header,
                        guint            codepage,
                        GError         **error)
{
  g_autoptr(GError) local_error = NULL;
  guint64 value;

  g_assert (object != NULL);
  g_assert (GSF_IS_INFILE (storage));

  object->storage = g_object_ref (storage);
  object->fixed_header = fixed_header;
  object->codepage = codepage;
  object->fixed = read_stream (storage, "__properties_version1.0", TAIOU_MSG_MAX_PROPERTY_SIZE,
                               &local_error);
  if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }
  /* PR_MESSAGE_CODEPAGE: a message's own; recipients and attachments inherit it. */
  if (_taiou_msg_get_fixed (object, 0x3FFD, TAIOU_MSG_PT_LONG, &value) && value != 0)
    object->codepage = (guint) value;
  return TRUE;
}

void
_taiou_msg_object_clear (TaiouMsgObject *object)
{
  g_clear_object (&object->storage);
  g_clear_pointer (&object->fixed, g_bytes_unref);
}

gboolean
_taiou_msg_get_fixed (TaiouMsgObject *object,
                      guint16         id,
                      guint16         type,
                      guint64        *value)
{
  const guint8 *data;
  gsize length;
  guint32 wanted = ((guint32) id << 16) | type;

  if (object->fixed == NULL)
    return FALSE;
  data = g_bytes_get_data (object->fixed, &length);
  if (length < object->fixed_header)
    return FALSE;
  for (gsize offset = object->fixed_header;
       offset + FIXED_ENTRY_SIZE <= length;
       offset += FIXED_ENTRY_SIZE)
    {
      if (_taiou_read_le32 (data + offset) != wanted)
        continue;
      *value = _taiou_read_le64 (data + offset + 8);
      if (type == TAIOU_MSG_PT_LONG)
        *value &= G_MAXUINT32;
      return TRUE;
    }
  return FALSE;
}

static GBytes *
get_stream (TaiouMsgObject  *object,
            guint16          id,
            guint16          type,
            gsize            max_size,
            GError         **error)
{
  char name[32];

  g_snprintf (name, sizeof name, "__substg1.0_%04X%04X", id, type);
  return read_stream (object->storage, name, max_size, error);
}

/* A string property as UTF-8: the Unicode (001F) form when there is one, else the 8-bit. */
char *
_taiou_msg_get_string (TaiouMsgObject  *object,
                       guint16          id,
                       GError         **error)
{
  g_autoptr(GError) local_error = NULL;
  g_autoptr(GBytes) bytes = NULL;
  const guint8 *data;
  gsize length;

  bytes = get_stream (object, id, TAIOU_MSG_PT_UNICODE, TAIOU_MSG_MAX_PROPERTY_SIZE,
                      &local_error);
  if (bytes == NULL && local_error == NULL)
    {
      bytes = get_stream (object, id, TAIOU_MSG_PT_STRING8, TAIOU_MSG_MAX_PROPERTY_SIZE,
                          &local_error);
      if (bytes != NULL)
        {
          data = g_bytes_get_data (bytes, &length);
          return _taiou_msg_decode_8bit (data, length, object->codepage);
        }
    }
  if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return NULL;
    }
  if (bytes == NULL)
    return NULL;
  data = g_bytes_get_data (bytes, &length);
  return _taiou_utf16le_to_utf8 (data, length, NULL);
}

GBytes *
_taiou_msg_get_binary (TaiouMsgObject  *object,
                       guint16          id,
                       gsize            max_size,
                       GError         **error)
{
  return get_stream (object, id, TAIOU_MSG_PT_BINARY, max_size, error);
}

/* A sub-storage by name (an embedded message's), or NULL when it is missing or a stream. */
GsfInfile *
_taiou_msg_get_storage (GsfInfile  *storage,
                        const char *name)
{
  g_autoptr(GsfInput) input = gsf_infile_child_by_name (storage, name);

  if (input == NULL || !GSF_IS_INFILE (input) || gsf_infile_num_children (GSF_INFILE (input)) < 0)
    return NULL;
  return GSF_INFILE (g_steal_pointer (&input));
}

static int
compare_names (gconstpointer a,
               gconstpointer b)
{
  return strcmp (*(const char * const *) a, *(const char * const *) b);
}

/* The names of @storage's children that start with @prefix, sorted (so `#00000000` first). */
GPtrArray *
_taiou_msg_list_children (GsfInfile  *storage,
                          const char *prefix)
{
  GPtrArray *names = g_ptr_array_new_with_free_func (g_free);
  int n = gsf_infile_num_children (storage);

  for (int i = 0; i < n; i++)
    {
      const char *name = gsf_infile_name_by_index (storage, i);

      if (name != NULL && g_str_has_prefix (name, prefix))
        g_ptr_array_add (names, g_strdup (name));
    }
  g_ptr_array_sort (names, compare_names);
  return names;
}

/* A string property's text fit for a header: control characters (CR, LF…) become spaces, so a
 * value cannot start a header of its own. */
static char *
header_value (char *text)
{
  if (text == NULL)
    return NULL;
  for (char *p = text; *p != '\0'; p++)
    if ((guchar) *p < 0x20 || *p == 0x7F)
      *p = ' ';
  return g_strstrip (text);
}

/* A string property for a header: NULL when it is missing or blank. */
char *
_taiou_msg_get_header_string (TaiouMsgObject  *object,
                              guint16          id,
                              GError         **error)
{
  char *text = header_value (_taiou_msg_get_string (object, id, error));

  if (text != NULL && *text == '\0')
    g_clear_pointer (&text, g_free);
  return text;
}

/* An iconv name for a Windows code page number ([MS-OXCDATA] / Windows code page ids). */
static char *
charset_for_codepage (guint codepage)
{
  switch (codepage)
    {
    case 932:
      return g_strdup ("CP932");
    case 936:
      return g_strdup ("GBK");
    case 950:
      return g_strdup ("BIG5");
    case 20127:
      return g_strdup ("ASCII");
    case 20932:
    case 51932:
      return g_strdup ("EUC-JP");
    case 50220:
    case 50221:
    case 50222:
      return g_strdup ("ISO-2022-JP");
    case 65001:
      return g_strdup ("UTF-8");
    default:
      break;
    }
  if (codepage >= 28591 && codepage <= 28605)
    return g_strdup_printf ("ISO-8859-%u", codepage - 28590);
  /* glibc's iconv knows most other Windows code pages as "CP<number>" (CP1252, CP949…). */
  return g_strdup_printf ("CP%u", codepage);
}

/* 8-bit text in @codepage as UTF-8.  A wrong or missing code page falls back to UTF-8 when
 * the bytes are valid UTF-8, then to CP932 (Japanese Windows' ANSI code page), and finally
 * to the bytes with invalid sequences replaced, so a string is never lost. */
char *
_taiou_msg_decode_8bit (const guint8 *data,
                        gsize         length,
                        guint         codepage)
{
  const guint8 *nul;
  char *text;

  if (length == 0)
    return g_strdup ("");
  nul = memchr (data, 0, length);
  if (nul != NULL)
    length = nul - data;
  if (codepage != 0 && codepage != 1200 && codepage != 1201)
    {
      g_autofree char *charset = charset_for_codepage (codepage);

      text = g_convert ((const char *) data, length, "UTF-8", charset, NULL, NULL, NULL);
      if (text != NULL && g_utf8_validate (text, -1, NULL))
        return text;
      g_free (text);
    }
  if (g_utf8_validate_len ((const char *) data, length, NULL))
    return g_strndup ((const char *) data, length);
  text = g_convert ((const char *) data, length, "UTF-8", "CP932", NULL, NULL, NULL);
  if (text != NULL && g_utf8_validate (text, -1, NULL))
    return text;
  g_free (text);
  return g_utf8_make_valid ((const char *) data, length);
}
