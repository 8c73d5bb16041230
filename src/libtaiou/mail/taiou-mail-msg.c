/* taiou-mail-msg.c — an Outlook .msg file ([MS-OXMSG]) read into a GMimeMessage
 *
 * The file is an OLE2 compound file: _taiou_cfb_check () validates its structure, libgsf
 * opens it, and taiou-mail-msg-props.c reads the properties.  Here they become a message:
 *
 *  - headers: PR_TRANSPORT_MESSAGE_HEADERS, parsed by GMime, when Outlook kept them (a received
 *    mail); otherwise rebuilt from PR_SUBJECT, the sender and "sent representing" properties,
 *    the recipient storages and PR_CLIENT_SUBMIT_TIME, with an X-Taiou-Note header saying so;
 *  - body: PR_BODY as text/plain and PR_HTML as text/html.  PR_RTF_COMPRESSED is used only
 *    when neither exists: it is decompressed ([MS-OXRTFCP]) and given as text/rtf, with a note;
 *  - attachments: PR_ATTACH_DATA_BIN as parts with Content-Disposition: attachment; embedded
 *    messages (PR_ATTACH_METHOD 5) as message/rfc822 parts, at most five levels deep.
 *
 * A .msg file comes from a stranger: every size, count and depth is capped, header values
 * rebuilt from properties lose their control characters (no header injection), and nothing
 * is ever opened or run.
 */
#define G_LOG_DOMAIN "taiou-mail-msg"

#include "config.h"

#include <string.h>

#include "taiou-mail-msg-private.h"

#define MAX_RECIPIENTS   2000

/* [MS-OXPROPS] property ids */
#define PR_SUBJECT                          0x0037
#define PR_CLIENT_SUBMIT_TIME               0x0039
#define PR_SENT_REPRESENTING_NAME           0x0042
#define PR_SENT_REPRESENTING_EMAIL_ADDRESS  0x0065
#define PR_TRANSPORT_MESSAGE_HEADERS        0x007D
#define PR_RECIPIENT_TYPE                   0x0C15
#define PR_SENDER_NAME                      0x0C1A
#define PR_SENDER_EMAIL_ADDRESS             0x0C1F
#define PR_MESSAGE_DELIVERY_TIME            0x0E06
#define PR_BODY                             0x1000
#define PR_RTF_COMPRESSED                   0x1009
#define PR_HTML                             0x1013
#define PR_INTERNET_MESSAGE_ID              0x1035
#define PR_DISPLAY_NAME                     0x3001
#define PR_EMAIL_ADDRESS                    0x3003
#define PR_SMTP_ADDRESS                     0x39FE
#define PR_INTERNET_CPID                    0x3FDE
#define PR_SENDER_SMTP_ADDRESS              0x5D01
#define PR_SENT_REPRESENTING_SMTP_ADDRESS   0x5D02

G_DEFINE_QUARK (taiou-mail-msg-error-quark, taiou_mail_msg_error)

static void
ensure_initialized (void)
{
  static gsize initialized = 0;

  /* g_mime_init () and gsf_init () are not thread-safe and must run once. */
  if (g_once_init_enter (&initialized))
    {
      gsf_init ();
      g_mime_init ();
      g_once_init_leave (&initialized, 1);
    }
}

static GDateTime *
date_from_filetime (guint64 filetime)
{
  /* FILETIME counts 100 ns intervals since 1601-01-01 UTC. */
  gint64 seconds = (gint64) (filetime / 10000000) - G_GINT64_CONSTANT (11644473600);

  if (filetime == 0)
    return NULL;
  return g_date_time_new_from_unix_utc (seconds);
}

/* ---- headers ---------------------------------------------------------------------------- */

/* PR_TRANSPORT_MESSAGE_HEADERS, parsed as the header block of an empty message.  NULL when
 * they do not parse or say nothing useful, so the properties are used instead. */
static GMimeMessage *
parse_transport_headers (const char *headers)
{
  g_autoptr(GString) block = NULL;
  GMimeStream *stream;
  GMimeParser *parser;
  GMimeMessage *message;
  const char *end;

  /* Exchange may start the block with "Microsoft Mail Internet Headers Version 2.0". */
  while (*headers == '\r' || *headers == '\n' || *headers == ' ' || *headers == '\t')
    headers++;
  if (g_str_has_prefix (headers, "Microsoft Mail Internet Headers"))
    headers += strcspn (headers, "\n") + (strchr (headers, '\n') != NULL ? 1 : 0);

  /* Anything after a blank line is not a header: drop it, so no body text is parsed. */
  block = g_string_new (headers);
  if ((end = strstr (block->str, "\n\r\n")) != NULL || (end = strstr (block->str, "\n\n")) != NULL)
    g_string_truncate (block, end - block->str + 1);
  g_string_append (block, "\r\n\r\n");

  stream = g_mime_stream_mem_new_with_buffer (block->str, block->len);
  parser = g_mime_parser_new_with_stream (stream);
  message = g_mime_parser_construct_message (parser, NULL);
  g_object_unref (parser);
  g_object_unref (stream);

  if (message != NULL && internet_address_list_length (g_mime_message_get_from (message)) == 0 &&
      g_mime_message_get_subject (message) == NULL && g_mime_message_get_date (message) == NULL)
    g_clear_object (&message);
  /* Our notes are ours: a sender cannot write one into the headers. */
  while (message != NULL && g_mime_object_remove_header (GMIME_OBJECT (message), "X-Taiou-Note"))
    ;
  return message;
}

/* A person's display name and address, each NULL when missing: the SMTP address first, then
 * the plain one (an SMTP address, or an Exchange DN for senders inside the organisation). */
static gboolean
get_person (TaiouMsgObject  *object,
            guint16          name_id,
            guint16          smtp_id,
            guint16          address_id,
            char           **name,
            char           **address,
            GError         **error)
{
  GError *local_error = NULL;

  *address = NULL;
  *name = _taiou_msg_get_header_string (object, name_id, &local_error);
  if (local_error == NULL)
    *address = _taiou_msg_get_header_string (object, smtp_id, &local_error);
  if (local_error == NULL && *address == NULL)
    *address = _taiou_msg_get_header_string (object, address_id, &local_error);
  if (local_error != NULL)
    {
      g_clear_pointer (name, g_free);
      g_clear_pointer (address, g_free);
      g_propagate_error (error, local_error);
      return FALSE;
    }
  return TRUE;
}

/* From, and Sender when someone sent on another's behalf, out of the sender properties. */
static gboolean
add_senders (GMimeMessage    *message,
             TaiouMsgObject  *object,
             GError         **error)
{
  g_autofree char *owner_name = NULL;
  g_autofree char *owner_address = NULL;
  g_autofree char *sender_name = NULL;
  g_autofree char *sender_address = NULL;

  if (!get_person (object, PR_SENT_REPRESENTING_NAME, PR_SENT_REPRESENTING_SMTP_ADDRESS,
                   PR_SENT_REPRESENTING_EMAIL_ADDRESS, &owner_name, &owner_address, error) ||
      !get_person (object, PR_SENDER_NAME, PR_SENDER_SMTP_ADDRESS, PR_SENDER_EMAIL_ADDRESS,
                   &sender_name, &sender_address, error))
    return FALSE;

  /* "Sent representing" is whom the mail is from; the sender may be a delegate. */
  if (owner_name != NULL || owner_address != NULL)
    {
      g_mime_message_add_mailbox (message, GMIME_ADDRESS_TYPE_FROM, owner_name,
                                  owner_address != NULL ? owner_address : "");
      if (sender_address != NULL && g_strcmp0 (owner_address, sender_address) != 0)
        g_mime_message_add_mailbox (message, GMIME_ADDRESS_TYPE_SENDER, sender_name,
                                    sender_address);
    }
  else if (sender_name != NULL || sender_address != NULL)
    g_mime_message_add_mailbox (message, GMIME_ADDRESS_TYPE_FROM, sender_name,
                                sender_address != NULL ? sender_address : "");
  return TRUE;
}

static gboolean
add_recipient (GMimeMessage  *message,
               GsfInfile     *storage,
               guint          codepage,
               GError       **error)
{
  TaiouMsgObject object = { NULL, };
  g_autofree char *name = NULL;
  g_autofree char *address = NULL;
  GMimeAddressType type = GMIME_ADDRESS_TYPE_TO;
  guint64 value;
  gboolean ok = FALSE;

  if (!_taiou_msg_object_open (&object, storage, TAIOU_MSG_HEADER_CHILD, codepage, error))
    goto out;
  if (!get_person (&object, PR_DISPLAY_NAME, PR_SMTP_ADDRESS, PR_EMAIL_ADDRESS, &name, &address,
                   error))
    goto out;

  if (_taiou_msg_get_fixed (&object, PR_RECIPIENT_TYPE, TAIOU_MSG_PT_LONG, &value))
    {
      /* MAPI_TO 1, MAPI_CC 2, MAPI_BCC 3; the high bits are flags. */
      switch (value & 0x0FFFFFFF)
        {
        case 2:
          type = GMIME_ADDRESS_TYPE_CC;
          break;
        case 3:
          type = GMIME_ADDRESS_TYPE_BCC;
          break;
        default:
          break;
        }
    }
  if (name != NULL || address != NULL)
    g_mime_message_add_mailbox (message, type, name, address != NULL ? address : "");
  ok = TRUE;

out:
  _taiou_msg_object_clear (&object);
  return ok;
}

static gboolean
add_recipients (GMimeMessage    *message,
                TaiouMsgObject  *object,
                GError         **error)
{
  g_autoptr(GPtrArray) names = _taiou_msg_list_children (object->storage, "__recip_version1.0_#");

  if (names->len > MAX_RECIPIENTS)
    {
      g_set_error (error, TAIOU_MAIL_MSG_ERROR, TAIOU_MAIL_MSG_ERROR_TOO_LARGE,
                   "The Outlook message is too large: it has more than %u recipients",
                   MAX_RECIPIENTS);
      return FALSE;
    }
  for (guint i = 0; i < names->len; i++)
    {
      g_autoptr(GsfInfile) storage = _taiou_msg_get_storage (object->storage, names->pdata[i]);

      if (storage != NULL && !add_recipient (message, storage, object->codepage, error))
        return FALSE;
    }
  return TRUE;
}

static GMimeMessage *
build_headers (TaiouMsgObject  *object,
               GError         **error)
{
  g_autoptr(GError) local_error = NULL;
  g_autofree char *transport = NULL;
  g_autofree char *subject = NULL;
  g_autofree char *message_id = NULL;
  GMimeMessage *message = NULL;
  guint64 filetime;

  transport = _taiou_msg_get_string (object, PR_TRANSPORT_MESSAGE_HEADERS, &local_error);
  if (local_error == NULL)
    subject = _taiou_msg_get_header_string (object, PR_SUBJECT, &local_error);
  if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return NULL;
    }

  if (transport != NULL && (message = parse_transport_headers (transport)) != NULL)
    {
      /* The headers as delivered are the evidence; fill in only what they lack. */
      if (g_mime_message_get_subject (message) == NULL && subject != NULL)
        g_mime_message_set_subject (message, subject, "utf-8");
      return message;
    }

  message = g_mime_message_new (TRUE);
  _taiou_msg_add_note (GMIME_OBJECT (message),
            "headers rebuilt from Outlook properties; the file has no transport headers");
  if (subject != NULL)
    g_mime_message_set_subject (message, subject, "utf-8");
  if (!add_senders (message, object, error) || !add_recipients (message, object, error))
    {
      g_object_unref (message);
      return NULL;
    }
  if (_taiou_msg_get_fixed (object, PR_CLIENT_SUBMIT_TIME, TAIOU_MSG_PT_SYSTIME, &filetime) ||
      _taiou_msg_get_fixed (object, PR_MESSAGE_DELIVERY_TIME, TAIOU_MSG_PT_SYSTIME, &filetime))
    {
      g_autoptr(GDateTime) date = date_from_filetime (filetime);

      if (date != NULL)
        g_mime_message_set_date (message, date);
    }
  message_id = _taiou_msg_get_header_string (object, PR_INTERNET_MESSAGE_ID, &local_error);
  if (message_id != NULL)
    {
      g_autofree char *bare = g_mime_utils_decode_message_id (message_id);

      if (bare != NULL && *bare != '\0')
        g_mime_message_set_message_id (message, bare);
    }
  if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      g_object_unref (message);
      return NULL;
    }
  return message;
}

/* ---- body ------------------------------------------------------------------------------- */

static GMimeObject *
text_part (const char *subtype,
           const char *text)
{
  GMimeTextPart *part = g_mime_text_part_new_with_subtype (subtype);

  g_mime_text_part_set_text (part, text);
  return GMIME_OBJECT (part);
}

/* PR_HTML is bytes in PR_INTERNET_CPID's code page (the message's when that is missing). */
static char *
get_html (TaiouMsgObject  *object,
          GError         **error)
{
  g_autoptr(GError) local_error = NULL;
  g_autoptr(GBytes) bytes = NULL;
  const guint8 *data;
  gsize length;
  guint64 cpid;

  bytes = _taiou_msg_get_binary (object, PR_HTML, TAIOU_MSG_MAX_PROPERTY_SIZE, &local_error);
  if (bytes == NULL)
    {
      if (local_error != NULL)
        {
          g_propagate_error (error, g_steal_pointer (&local_error));
          return NULL;
        }
      return _taiou_msg_get_string (object, PR_HTML, error);
    }
  data = g_bytes_get_data (bytes, &length);
  if (!_taiou_msg_get_fixed (object, PR_INTERNET_CPID, TAIOU_MSG_PT_LONG, &cpid) || cpid == 0)
    cpid = object->codepage;
  if (length >= 3 && memcmp (data, "\xEF\xBB\xBF", 3) == 0)
    {
      data += 3;
      length -= 3;
      cpid = 65001;
    }
  return _taiou_msg_decode_8bit (data, length, (guint) cpid);
}

static GMimeObject *
build_body (GMimeMessage    *message,
            TaiouMsgObject  *object,
            GError         **error)
{
  g_autoptr(GError) local_error = NULL;
  g_autofree char *text = NULL;
  g_autofree char *html = NULL;
  g_autoptr(GBytes) rtf = NULL;
  g_autoptr(GBytes) rtf_text = NULL;
  GMimeMultipart *alternative;
  GMimeObject *part;

  text = _taiou_msg_get_string (object, PR_BODY, &local_error);
  if (local_error == NULL)
    html = get_html (object, &local_error);
  if (local_error == NULL && text == NULL && html == NULL)
    rtf = _taiou_msg_get_binary (object, PR_RTF_COMPRESSED, TAIOU_MAIL_MSG_MAX_FILE_SIZE,
                                 &local_error);
  if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return NULL;
    }

  if (text != NULL && html != NULL)
    {
      alternative = g_mime_multipart_new_with_subtype ("alternative");
      part = text_part ("plain", text);
      g_mime_multipart_add (alternative, part);
      g_object_unref (part);
      part = text_part ("html", html);
      g_mime_multipart_add (alternative, part);
      g_object_unref (part);
      return GMIME_OBJECT (alternative);
    }
  if (text != NULL || html != NULL)
    return text_part (text != NULL ? "plain" : "html", text != NULL ? text : html);

  if (rtf != NULL)
    {
      /* Outlook keeps some bodies only as compressed RTF; unpacked, it still shows the text
       * and the links, which is what triage needs.  A broken one is noted, not fatal. */
      rtf_text = _taiou_rtf_decompress (g_bytes_get_data (rtf, NULL), g_bytes_get_size (rtf),
                                        TAIOU_MSG_MAX_PROPERTY_SIZE, NULL);
      if (rtf_text != NULL)
        {
          _taiou_msg_add_note (GMIME_OBJECT (message),
                               "the body was only in compressed RTF; given as text/rtf");
          return GMIME_OBJECT (_taiou_msg_binary_part ("text", "rtf",
                                                       g_bytes_get_data (rtf_text, NULL),
                                                       g_bytes_get_size (rtf_text)));
        }
      _taiou_msg_add_note (GMIME_OBJECT (message),
                           "the body is in compressed RTF that could not be read");
    }
  return text_part ("plain", "");
}

/* ---- messages --------------------------------------------------------------------------- */

static gboolean
has_properties (GsfInfile *storage)
{
  g_autoptr(GPtrArray) names = _taiou_msg_list_children (storage, "__substg1.0_");

  return names->len > 0;
}

GMimeMessage *
_taiou_msg_convert_message (GsfInfile  *storage,
                            gsize       fixed_header,
                            guint       codepage,
                            guint       depth,
                            GError    **error)
{
  TaiouMsgObject object = { NULL, };
  g_autoptr(GPtrArray) attachments = NULL;
  GMimeMessage *message = NULL;
  GMimeObject *body = NULL;

  if (!has_properties (storage))
    {
      g_set_error (error, TAIOU_MAIL_MSG_ERROR,
                   depth == 0 ? TAIOU_MAIL_MSG_ERROR_NOT_MSG : TAIOU_MAIL_MSG_ERROR_DAMAGED,
                   depth == 0 ? "This is not an Outlook message (.msg): the OLE2 file has no "
                                "message properties"
                              : "The Outlook message is damaged: an embedded message is empty");
      return NULL;
    }
  if (!_taiou_msg_object_open (&object, storage, fixed_header, codepage, error) ||
      (message = build_headers (&object, error)) == NULL ||
      (body = build_body (message, &object, error)) == NULL ||
      (attachments = _taiou_msg_convert_attachments (&object, depth, error)) == NULL)
    {
      g_clear_object (&message);
      goto out;
    }

  if (attachments->len == 0)
    g_mime_message_set_mime_part (message, body);
  else
    {
      GMimeMultipart *mixed = g_mime_multipart_new_with_subtype ("mixed");

      g_mime_multipart_add (mixed, body);
      for (guint i = 0; i < attachments->len; i++)
        g_mime_multipart_add (mixed, attachments->pdata[i]);
      g_mime_message_set_mime_part (message, GMIME_OBJECT (mixed));
      g_object_unref (mixed);
    }

out:
  g_clear_object (&body);
  _taiou_msg_object_clear (&object);
  return message;
}

/* ---- public API ------------------------------------------------------------------------- */

/**
 * taiou_mail_msg_looks_like_msg:
 * @head: the first bytes of a file (all of it, ideally)
 * @length: how many
 *
 * Whether the bytes start an Outlook message: an OLE2 file with `__substg1.0_` property
 * streams.  When @head holds the whole file it is opened and its root storage looked at;
 * when it holds only a prefix, the directory is looked for in those bytes instead.
 */
gboolean
taiou_mail_msg_looks_like_msg (const guint8 *head,
                               gsize         length)
{
  static const char substg[] = "_\0_\0s\0u\0b\0s\0t\0g\0" "1\0.\0" "0\0_\0";

  g_return_val_if_fail (head != NULL || length == 0, FALSE);

  if (length < sizeof _taiou_cfb_signature ||
      memcmp (head, _taiou_cfb_signature, sizeof _taiou_cfb_signature) != 0)
    return FALSE;

  ensure_initialized ();
  if (_taiou_cfb_check (head, length, NULL))
    {
      g_autoptr(GsfInput) input = gsf_input_memory_new (head, length, FALSE);
      g_autoptr(GsfInfile) root = gsf_infile_msole_new (input, NULL);

      return root != NULL && has_properties (root);
    }
  for (gsize i = 0; i + sizeof substg - 1 <= length; i++)
    if (head[i] == '_' && memcmp (head + i, substg, sizeof substg - 1) == 0)
      return TRUE;
  return FALSE;
}

/**
 * taiou_mail_msg_read:
 * @data: the bytes of a .msg file
 * @error: return location for a #TAIOU_MAIL_MSG_ERROR
 *
 * Reads an Outlook message into a GMimeMessage (see the top of this file for what goes
 * where).  Calls g_mime_init () the first time it runs.
 *
 * Returns: (transfer full): the message, or %NULL with @error set
 */
GMimeMessage *
taiou_mail_msg_read (GBytes  *data,
                     GError **error)
{
  g_autoptr(GsfInput) input = NULL;
  g_autoptr(GsfInfile) root = NULL;
  g_autoptr(GError) gsf_error = NULL;
  const guint8 *bytes;
  gsize length;

  g_return_val_if_fail (data != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  ensure_initialized ();
  bytes = g_bytes_get_data (data, &length);
  if (!_taiou_cfb_check (bytes, length, error))
    return NULL;

  input = gsf_input_memory_new (bytes, length, FALSE);
  root = gsf_infile_msole_new (input, &gsf_error);
  if (root == NULL)
    {
      g_set_error (error, TAIOU_MAIL_MSG_ERROR, TAIOU_MAIL_MSG_ERROR_DAMAGED,
                   "The Outlook message is damaged: %s",
                   gsf_error != NULL ? gsf_error->message : "it cannot be opened");
      return NULL;
    }
  return _taiou_msg_convert_message (root, TAIOU_MSG_HEADER_TOP, 0, 0, error);
}

/**
 * taiou_mail_msg_read_file:
 * @path: a .msg file
 * @error: return location for a #TAIOU_MAIL_MSG_ERROR
 *
 * Like taiou_mail_msg_read (), but refuses a file over %TAIOU_MAIL_MSG_MAX_FILE_SIZE before
 * reading it.
 *
 * Returns: (transfer full): the message, or %NULL with @error set
 */
GMimeMessage *
taiou_mail_msg_read_file (const char  *path,
                          GError     **error)
{
  g_autoptr(GFile) file = NULL;
  g_autoptr(GFileInputStream) stream = NULL;
  g_autoptr(GFileInfo) info = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autoptr(GBytes) data = NULL;
  g_autofree guint8 *buffer = NULL;
  gsize length;
  goffset size;

  g_return_val_if_fail (path != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  file = g_file_new_for_path (path);
  stream = g_file_read (file, NULL, &local_error);
  if (stream != NULL)
    info = g_file_input_stream_query_info (stream, G_FILE_ATTRIBUTE_STANDARD_SIZE, NULL,
                                           &local_error);
  if (info == NULL)
    {
      g_set_error (error, TAIOU_MAIL_MSG_ERROR, TAIOU_MAIL_MSG_ERROR_READ,
                   "Could not read %s: %s", path, local_error->message);
      return NULL;
    }
  size = g_file_info_get_size (info);
  if (size < 0 || size > TAIOU_MAIL_MSG_MAX_FILE_SIZE)
    {
      g_set_error (error, TAIOU_MAIL_MSG_ERROR, TAIOU_MAIL_MSG_ERROR_TOO_LARGE,
                   "%s is too large for an Outlook message (more than %u MiB)", path,
                   TAIOU_MAIL_MSG_MAX_FILE_SIZE / (1024 * 1024));
      return NULL;
    }
  /* Read one byte more than allowed, in case the file grew since it was measured. */
  buffer = g_malloc (size + 1);
  if (!g_input_stream_read_all (G_INPUT_STREAM (stream), buffer, size + 1, &length, NULL,
                                &local_error))
    {
      g_set_error (error, TAIOU_MAIL_MSG_ERROR, TAIOU_MAIL_MSG_ERROR_READ,
                   "Could not read %s: %s", path, local_error->message);
      return NULL;
    }
  if (length > (gsize) size)
    {
      g_set_error (error, TAIOU_MAIL_MSG_ERROR, TAIOU_MAIL_MSG_ERROR_READ,
                   "Could not read %s: it changed while it was read", path);
      return NULL;
    }
  data = g_bytes_new_take (g_steal_pointer (&buffer), length);
  return taiou_mail_msg_read (data, error);
}
