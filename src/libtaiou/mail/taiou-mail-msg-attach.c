/* taiou-mail-msg-attach.c — a .msg file's attachments as MIME parts ([MS-OXCMSG] 2.2.2)
 *
 * Attachments stored by value (PR_ATTACH_DATA_BIN) become parts with Content-Disposition:
 * attachment and their file name (GMime writes a non-ASCII one with RFC 2231).  Embedded
 * messages (attach method 5) become message/rfc822 parts, read recursively up to five levels.
 * Attachments by reference or OLE objects keep their name, with an X-Taiou-Note saying where
 * the data is, since a link to a cloud copy is evidence too.
 */
#define G_LOG_DOMAIN "taiou-mail-msg"

#include "config.h"

#include <string.h>

#include "taiou-mail-msg-private.h"

#define MAX_DEPTH        5
#define MAX_ATTACHMENTS  500

/* [MS-OXPROPS] property ids */
#define PR_DISPLAY_NAME                     0x3001
#define PR_ATTACH_FILENAME                  0x3704
#define PR_ATTACH_METHOD                    0x3705
#define PR_ATTACH_DATA_BIN                  0x3701
#define PR_ATTACH_LONG_FILENAME             0x3707
#define PR_ATTACH_PATHNAME                  0x3708
#define PR_ATTACH_LONG_PATHNAME             0x370D
#define PR_ATTACH_MIME_TAG                  0x370E
#define PR_ATTACH_CONTENT_ID                0x3712

/* [MS-OXCMSG] 2.2.2.9 PidTagAttachMethod */
#define ATTACH_BY_VALUE        1
#define ATTACH_EMBEDDED_MSG    5

#define NOTE_HEADER "X-Taiou-Note"

void
_taiou_msg_add_note (GMimeObject *object,
                     const char  *note)
{
  const char *previous = g_mime_object_get_header (object, NOTE_HEADER);
  g_autofree char *value = NULL;

  value = previous != NULL ? g_strdup_printf ("%s; %s", previous, note) : g_strdup (note);
  g_mime_object_set_header (object, NOTE_HEADER, value, "utf-8");
}

GMimePart *
_taiou_msg_binary_part (const char   *type,
                        const char   *subtype,
                        const guint8 *data,
                        gsize         length)
{
  GMimePart *part = g_mime_part_new_with_type (type, subtype);
  GMimeStream *stream = length > 0 ? g_mime_stream_mem_new_with_buffer ((const char *) data, length)
                                    : g_mime_stream_mem_new ();
  GMimeDataWrapper *content = g_mime_data_wrapper_new_with_stream (stream,
                                                                   GMIME_CONTENT_ENCODING_DEFAULT);

  g_mime_part_set_content (part, content);
  g_mime_part_set_content_encoding (part, GMIME_CONTENT_ENCODING_BASE64);
  g_object_unref (content);
  g_object_unref (stream);
  return part;
}

/* PR_ATTACH_MIME_TAG when it is a plain type/subtype; never a multipart or message type,
 * which would make the part's content parse as something else. */
static void
content_type_from_tag (const char  *tag,
                       char       **type,
                       char       **subtype)
{
  GMimeContentType *content_type = NULL;

  if (tag != NULL && strchr (tag, '/') != NULL && strlen (tag) < 256)
    content_type = g_mime_content_type_parse (NULL, tag);
  if (content_type != NULL &&
      g_ascii_strcasecmp (g_mime_content_type_get_media_type (content_type), "multipart") != 0 &&
      g_ascii_strcasecmp (g_mime_content_type_get_media_type (content_type), "message") != 0)
    {
      *type = g_ascii_strdown (g_mime_content_type_get_media_type (content_type), -1);
      *subtype = g_ascii_strdown (g_mime_content_type_get_media_subtype (content_type), -1);
    }
  else
    {
      *type = g_strdup ("application");
      *subtype = g_strdup ("octet-stream");
    }
  g_clear_object (&content_type);
}

static GMimeObject *
embedded_message_part (TaiouMsgObject  *object,
                       guint            depth,
                       GError         **error)
{
  g_autoptr(GsfInfile) storage = _taiou_msg_get_storage (object->storage, "__substg1.0_3701000D");
  GMimeMessage *nested;
  GMimeMessagePart *part;

  if (storage == NULL)
    {
      g_set_error (error, TAIOU_MAIL_MSG_ERROR, TAIOU_MAIL_MSG_ERROR_DAMAGED,
                   "The Outlook message is damaged: an embedded message is missing");
      return NULL;
    }
  if (depth + 1 > MAX_DEPTH)
    {
      g_set_error (error, TAIOU_MAIL_MSG_ERROR, TAIOU_MAIL_MSG_ERROR_TOO_LARGE,
                   "The Outlook message is too large: messages are nested more than %u deep",
                   MAX_DEPTH);
      return NULL;
    }
  nested = _taiou_msg_convert_message (storage, TAIOU_MSG_HEADER_EMBEDDED, object->codepage,
                                       depth + 1, error);
  if (nested == NULL)
    return NULL;
  part = g_mime_message_part_new_with_message ("rfc822", nested);
  g_object_unref (nested);
  return GMIME_OBJECT (part);
}

static GMimeObject *
convert_attachment (GsfInfile  *storage,
                    guint       codepage,
                    guint       depth,
                    GError    **error)
{
  TaiouMsgObject object = { NULL, };
  g_autoptr(GError) local_error = NULL;
  g_autoptr(GBytes) data = NULL;
  g_autofree char *name = NULL;
  g_autofree char *tag = NULL;
  g_autofree char *content_id = NULL;
  g_autofree char *type = NULL;
  g_autofree char *subtype = NULL;
  g_autofree char *path = NULL;
  GMimeObject *part = NULL;
  guint64 method = ATTACH_BY_VALUE;

  if (!_taiou_msg_object_open (&object, storage, TAIOU_MSG_HEADER_CHILD, codepage, error))
    goto out;
  _taiou_msg_get_fixed (&object, PR_ATTACH_METHOD, TAIOU_MSG_PT_LONG, &method);

  name = _taiou_msg_get_header_string (&object, PR_ATTACH_LONG_FILENAME, &local_error);
  if (name == NULL && local_error == NULL)
    name = _taiou_msg_get_header_string (&object, PR_ATTACH_FILENAME, &local_error);
  if (name == NULL && local_error == NULL)
    name = _taiou_msg_get_header_string (&object, PR_DISPLAY_NAME, &local_error);
  if (local_error == NULL)
    tag = _taiou_msg_get_header_string (&object, PR_ATTACH_MIME_TAG, &local_error);
  if (local_error == NULL)
    content_id = _taiou_msg_get_header_string (&object, PR_ATTACH_CONTENT_ID, &local_error);
  if (local_error != NULL)
    goto out;

  if (method == ATTACH_EMBEDDED_MSG)
    {
      if ((part = embedded_message_part (&object, depth, &local_error)) == NULL)
        goto out;
      g_mime_object_set_disposition (part, GMIME_DISPOSITION_ATTACHMENT);
      if (name != NULL)
        g_mime_object_set_content_disposition_parameter (part, "filename", name);
      goto out;
    }

  data = _taiou_msg_get_binary (&object, PR_ATTACH_DATA_BIN, TAIOU_MAIL_MSG_MAX_FILE_SIZE,
                                &local_error);
  if (local_error != NULL)
    goto out;
  content_type_from_tag (tag, &type, &subtype);
  part = GMIME_OBJECT (_taiou_msg_binary_part (type, subtype,
                                    data != NULL ? g_bytes_get_data (data, NULL) : NULL,
                                    data != NULL ? g_bytes_get_size (data) : 0));
  g_mime_object_set_disposition (part, GMIME_DISPOSITION_ATTACHMENT);
  if (name != NULL)
    g_mime_part_set_filename (GMIME_PART (part), name);
  if (content_id != NULL)
    g_mime_object_set_content_id (part, content_id);

  if (data == NULL)
    {
      /* By reference (a path or a cloud link, itself worth a look) or an OLE object: the
       * bytes are not in the file, but the name is still evidence. */
      g_autofree char *note = NULL;

      path = _taiou_msg_get_header_string (&object, PR_ATTACH_LONG_PATHNAME, NULL);
      if (path == NULL)
        path = _taiou_msg_get_header_string (&object, PR_ATTACH_PATHNAME, NULL);
      note = g_strdup_printf ("attachment data not in the file (attach method %u%s%s)",
                              (guint) method, path != NULL ? ", " : "",
                              path != NULL ? path : "");
      _taiou_msg_add_note (part, note);
    }

out:
  if (local_error != NULL)
    g_propagate_error (error, g_steal_pointer (&local_error));
  _taiou_msg_object_clear (&object);
  return part;
}

GPtrArray *
_taiou_msg_convert_attachments (TaiouMsgObject  *object,
                                guint            depth,
                                GError         **error)
{
  g_autoptr(GPtrArray) names = _taiou_msg_list_children (object->storage,
                                                         "__attach_version1.0_#");
  g_autoptr(GPtrArray) parts = g_ptr_array_new_with_free_func (g_object_unref);

  if (names->len > MAX_ATTACHMENTS)
    {
      g_set_error (error, TAIOU_MAIL_MSG_ERROR, TAIOU_MAIL_MSG_ERROR_TOO_LARGE,
                   "The Outlook message is too large: it has more than %u attachments",
                   MAX_ATTACHMENTS);
      return NULL;
    }
  for (guint i = 0; i < names->len; i++)
    {
      g_autoptr(GsfInfile) storage = _taiou_msg_get_storage (object->storage, names->pdata[i]);
      GMimeObject *part;

      if (storage == NULL)
        continue;
      if ((part = convert_attachment (storage, object->codepage, depth, error)) == NULL)
        return NULL;
      g_ptr_array_add (parts, part);
    }
  return g_steal_pointer (&parts);
}
