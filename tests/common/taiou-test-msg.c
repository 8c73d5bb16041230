/* taiou-test-msg.c — writes synthetic Outlook .msg files ([MS-OXMSG]) with libgsf's OLE2 writer
 *
 * The files have the layout Outlook writes: property streams `__substg1.0_IIIITTTT`, a
 * `__properties_version1.0` stream (32-byte header for the message, 24 for an embedded one,
 * 8 for recipients and attachments), `__recip_version1.0_#N` and `__attach_version1.0_#N`
 * storages, and embedded messages in `__substg1.0_3701000D`.
 */
#define G_LOG_DOMAIN "taiou-test"

#include "config.h"

#include <gsf/gsf.h>
#include <string.h>

#include "taiou-bytes-private.h"
#include "taiou-mail-msg-private.h"
#include "taiou-test-msg.h"

typedef enum
{
  KIND_MESSAGE,
  KIND_EMBEDDED,
  KIND_RECIPIENT,
  KIND_ATTACHMENT,
} Kind;

struct _TaiouTestMsg
{
  Kind          kind;
  GPtrArray    *names;      /* stream names, parallel to @streams */
  GPtrArray    *streams;    /* GBytes */
  GByteArray   *fixed;      /* 16-byte `__properties_version1.0` entries */
  GPtrArray    *recipients;
  GPtrArray    *attachments;
  TaiouTestMsg *embedded;
};

static TaiouTestMsg *
object_new (Kind kind)
{
  TaiouTestMsg *msg = g_new0 (TaiouTestMsg, 1);

  msg->kind = kind;
  msg->names = g_ptr_array_new_with_free_func (g_free);
  msg->streams = g_ptr_array_new_with_free_func ((GDestroyNotify) g_bytes_unref);
  msg->fixed = g_byte_array_new ();
  msg->recipients = g_ptr_array_new_with_free_func ((GDestroyNotify) taiou_test_msg_free);
  msg->attachments = g_ptr_array_new_with_free_func ((GDestroyNotify) taiou_test_msg_free);
  return msg;
}

TaiouTestMsg *
taiou_test_msg_new (void)
{
  return object_new (KIND_MESSAGE);
}

void
taiou_test_msg_free (TaiouTestMsg *msg)
{
  if (msg == NULL)
    return;
  g_ptr_array_unref (msg->names);
  g_ptr_array_unref (msg->streams);
  g_byte_array_unref (msg->fixed);
  g_ptr_array_unref (msg->recipients);
  g_ptr_array_unref (msg->attachments);
  taiou_test_msg_free (msg->embedded);
  g_free (msg);
}

static void
add_fixed (TaiouTestMsg *msg,
           guint16       id,
           guint16       type,
           guint32       flags,
           guint64       value)
{
  guint32 tag = GUINT32_TO_LE (((guint32) id << 16) | type);
  guint64 value_le = GUINT64_TO_LE (value);

  flags = GUINT32_TO_LE (flags);
  g_byte_array_append (msg->fixed, (const guint8 *) &tag, 4);
  g_byte_array_append (msg->fixed, (const guint8 *) &flags, 4);
  g_byte_array_append (msg->fixed, (const guint8 *) &value_le, 8);
}

static void
add_stream (TaiouTestMsg *msg,
            guint16       id,
            guint16       type,
            GBytes       *data)
{
  g_ptr_array_add (msg->names, g_strdup_printf ("__substg1.0_%04X%04X", id, type));
  g_ptr_array_add (msg->streams, data);
  /* Outlook lists variable-length properties too, with their size; readers must not trust it. */
  add_fixed (msg, id, type, 0x6, g_bytes_get_size (data));
}

void
taiou_test_msg_set_utf16 (TaiouTestMsg  *msg,
                          guint16        id,
                          const guint16 *units,
                          gsize          n_units)
{
  GByteArray *bytes = g_byte_array_new ();

  for (gsize i = 0; i <= n_units; i++)
    {
      guint16 unit = GUINT16_TO_LE (i < n_units ? units[i] : 0);

      g_byte_array_append (bytes, (const guint8 *) &unit, 2);
    }
  add_stream (msg, id, 0x001F, g_byte_array_free_to_bytes (bytes));
}

void
taiou_test_msg_set_unicode (TaiouTestMsg *msg,
                            guint16       id,
                            const char   *utf8)
{
  glong n_units;
  g_autofree gunichar2 *units = g_utf8_to_utf16 (utf8, -1, NULL, &n_units, NULL);

  g_assert_nonnull (units);
  taiou_test_msg_set_utf16 (msg, id, units, n_units);
}

void
taiou_test_msg_set_string8 (TaiouTestMsg *msg,
                            guint16       id,
                            const char   *utf8,
                            const char   *charset)
{
  gsize length;
  char *converted = g_convert (utf8, -1, charset, "UTF-8", NULL, &length, NULL);

  g_assert_nonnull (converted);
  add_stream (msg, id, 0x001E, g_bytes_new_take (converted, length + 1));
}

void
taiou_test_msg_set_binary (TaiouTestMsg *msg,
                           guint16       id,
                           const void   *data,
                           gsize         length)
{
  add_stream (msg, id, 0x0102, g_bytes_new (data, length));
}

void
taiou_test_msg_set_stream (TaiouTestMsg *msg,
                           guint16       id,
                           guint16       type,
                           const void   *data,
                           gsize         length)
{
  add_stream (msg, id, type, g_bytes_new (data, length));
}

void
taiou_test_msg_set_long (TaiouTestMsg *msg,
                         guint16       id,
                         guint32       value)
{
  add_fixed (msg, id, 0x0003, 0x6, value);
}

void
taiou_test_msg_set_time (TaiouTestMsg *msg,
                         guint16       id,
                         gint64        unix_time)
{
  add_fixed (msg, id, 0x0040, 0x6, (guint64) (unix_time + G_GINT64_CONSTANT (11644473600)) *
                                   10000000);
}

void
taiou_test_msg_claim_size (TaiouTestMsg *msg,
                           guint16       id,
                           guint16       type,
                           guint32       size)
{
  guint32 tag = GUINT32_TO_LE (((guint32) id << 16) | type);

  /* Overwrite the entry add_stream () made, or add one. */
  for (guint offset = 0; offset + 16 <= msg->fixed->len; offset += 16)
    if (memcmp (msg->fixed->data + offset, &tag, 4) == 0)
      {
        guint64 value = GUINT64_TO_LE (size);

        memcpy (msg->fixed->data + offset + 8, &value, 8);
        return;
      }
  add_fixed (msg, id, type, 0x6, size);
}

TaiouTestMsg *
taiou_test_msg_add_recipient (TaiouTestMsg *msg,
                              const char   *name,
                              const char   *smtp_address,
                              guint32       type)
{
  TaiouTestMsg *recipient = object_new (KIND_RECIPIENT);

  if (name != NULL)
    taiou_test_msg_set_unicode (recipient, 0x3001, name);
  if (smtp_address != NULL)
    {
      taiou_test_msg_set_unicode (recipient, 0x39FE, smtp_address);
      taiou_test_msg_set_unicode (recipient, 0x3003, smtp_address);
      taiou_test_msg_set_unicode (recipient, 0x3002, "SMTP");
    }
  taiou_test_msg_set_long (recipient, 0x0C15, type);
  g_ptr_array_add (msg->recipients, recipient);
  return recipient;
}

TaiouTestMsg *
taiou_test_msg_add_attachment (TaiouTestMsg *msg,
                               const char   *long_file_name,
                               const char   *mime_tag,
                               const void   *data,
                               gsize         length)
{
  TaiouTestMsg *attachment = object_new (KIND_ATTACHMENT);

  if (long_file_name != NULL)
    taiou_test_msg_set_unicode (attachment, 0x3707, long_file_name);
  if (mime_tag != NULL)
    taiou_test_msg_set_unicode (attachment, 0x370E, mime_tag);
  if (data != NULL)
    {
      taiou_test_msg_set_binary (attachment, 0x3701, data, length);
      taiou_test_msg_set_long (attachment, 0x3705, 1);
    }
  g_ptr_array_add (msg->attachments, attachment);
  return attachment;
}

TaiouTestMsg *
taiou_test_msg_embed (TaiouTestMsg *attachment)
{
  g_assert_true (attachment->kind == KIND_ATTACHMENT);
  g_assert_null (attachment->embedded);
  taiou_test_msg_set_long (attachment, 0x3705, 5);
  attachment->embedded = object_new (KIND_EMBEDDED);
  return attachment->embedded;
}

static void
write_stream (GsfOutfile   *dir,
              const char   *name,
              const guint8 *data,
              gsize         length)
{
  GsfOutput *child = gsf_outfile_new_child (dir, name, FALSE);

  g_assert_nonnull (child);
  if (length > 0)
    g_assert_true (gsf_output_write (child, length, data));
  g_assert_true (gsf_output_close (child));
  g_object_unref (child);
}

static void
write_object (GsfOutfile   *dir,
              TaiouTestMsg *msg)
{
  g_autoptr(GByteArray) properties = g_byte_array_new ();
  guint8 header[32] = { 0, };
  gsize header_size;

  switch (msg->kind)
    {
    case KIND_MESSAGE:
    case KIND_EMBEDDED:
      /* next recipient id, next attachment id, recipient count, attachment count */
      for (guint i = 0; i < 4; i++)
        {
          guint32 value = GUINT32_TO_LE (i % 2 == 0 ? msg->recipients->len
                                                    : msg->attachments->len);

          memcpy (header + 8 + 4 * i, &value, 4);
        }
      header_size = msg->kind == KIND_MESSAGE ? 32 : 24;
      break;
    default:
      header_size = 8;
      break;
    }
  g_byte_array_append (properties, header, header_size);
  g_byte_array_append (properties, msg->fixed->data, msg->fixed->len);
  write_stream (dir, "__properties_version1.0", properties->data, properties->len);

  for (guint i = 0; i < msg->streams->len; i++)
    {
      gsize length;
      const guint8 *data = g_bytes_get_data (msg->streams->pdata[i], &length);

      write_stream (dir, msg->names->pdata[i], data, length);
    }

  for (guint pass = 0; pass < 2; pass++)
    {
      GPtrArray *children = pass == 0 ? msg->recipients : msg->attachments;

      for (guint i = 0; i < children->len; i++)
        {
          g_autofree char *name = g_strdup_printf ("%s%08X", pass == 0 ? "__recip_version1.0_#"
                                                                       : "__attach_version1.0_#",
                                                   i);
          GsfOutfile *child = GSF_OUTFILE (gsf_outfile_new_child (dir, name, TRUE));

          write_object (child, children->pdata[i]);
          g_assert_true (gsf_output_close (GSF_OUTPUT (child)));
          g_object_unref (child);
        }
    }

  if (msg->embedded != NULL)
    {
      GsfOutfile *child = GSF_OUTFILE (gsf_outfile_new_child (dir, "__substg1.0_3701000D", TRUE));

      write_object (child, msg->embedded);
      g_assert_true (gsf_output_close (GSF_OUTPUT (child)));
      g_object_unref (child);
    }
}

static GBytes *
build (guint         sector_size,
       TaiouTestMsg *msg,
       const char   *doc_stream)
{
  GsfOutput *sink = gsf_output_memory_new ();
  GsfOutfile *ole = gsf_outfile_msole_new_full (sink, sector_size, 64);
  GBytes *bytes;

  g_assert_nonnull (ole);
  if (msg != NULL)
    write_object (ole, msg);
  else
    write_stream (ole, doc_stream, (const guint8 *) "\xEC\xA5\xC1\x00", 4);
  g_assert_true (gsf_output_close (GSF_OUTPUT (ole)));
  g_object_unref (ole);
  bytes = g_bytes_new (gsf_output_memory_get_bytes (GSF_OUTPUT_MEMORY (sink)),
                       gsf_output_size (sink));
  /* Closing the OLE2 file closed the sink as well. */
  g_object_unref (sink);
  return bytes;
}

GBytes *
taiou_test_msg_build_full (TaiouTestMsg *msg,
                           guint         sector_size)
{
  g_assert_true (msg->kind == KIND_MESSAGE);
  return build (sector_size, msg, NULL);
}

GBytes *
taiou_test_msg_build (TaiouTestMsg *msg)
{
  return taiou_test_msg_build_full (msg, 512);
}

GBytes *
taiou_test_msg_build_fake_doc (void)
{
  return build (512, NULL, "WordDocument");
}

GBytes *
taiou_test_msg_compress_rtf (const char *tail)
{
  /* Tokens: a reference to the start of the dictionary's prologue ("{\rtf1\ansi", 11 bytes),
   * the tail as literals, then a reference to the write position, which ends the data. */
  gsize n_tail = strlen (tail);
  gsize n_tokens = n_tail + 2;
  guint end_offset = (207 + 11 + n_tail) % 4096;
  g_autoptr(GByteArray) body = g_byte_array_new ();
  GByteArray *file = g_byte_array_new ();
  guint32 header[4];

  for (gsize group = 0; group < n_tokens; group += 8)
    {
      guint8 control = 0;

      for (gsize t = group; t < MIN (group + 8, n_tokens); t++)
        if (t == 0 || t == n_tokens - 1)
          control |= 1u << (t - group);
      g_byte_array_append (body, &control, 1);
      for (gsize t = group; t < MIN (group + 8, n_tokens); t++)
        {
          if (t == 0)
            g_byte_array_append (body, (const guint8 *) "\x00\x09", 2);
          else if (t == n_tokens - 1)
            {
              guint8 reference[2] = { end_offset >> 4, (end_offset & 0x0F) << 4 };

              g_byte_array_append (body, reference, 2);
            }
          else
            g_byte_array_append (body, (const guint8 *) tail + t - 1, 1);
        }
    }
  header[0] = GUINT32_TO_LE (body->len + 12);
  header[1] = GUINT32_TO_LE (11 + n_tail);
  header[2] = GUINT32_TO_LE (0x75465A4C);
  header[3] = 0;
  g_byte_array_append (file, (const guint8 *) header, sizeof header);
  g_byte_array_append (file, body->data, body->len);
  return g_byte_array_free_to_bytes (file);
}

GBytes *
taiou_test_msg_sample_zip (void)
{
  GByteArray *zip = g_byte_array_new ();

  /* Not a real archive: the reader must pass any bytes through untouched. */
  g_byte_array_append (zip, (const guint8 *) "PK\x03\x04\x14\x00\x09\x00", 8);
  for (guint i = 0; i < 300; i++)
    {
      guint8 byte = (guint8) (i * 31 + 7);

      g_byte_array_append (zip, &byte, 1);
    }
  return g_byte_array_free_to_bytes (zip);
}

GBytes *
taiou_test_msg_sample_bin (void)
{
  guint8 *data = g_malloc (TAIOU_TEST_MSG_BIN_SIZE);

  for (guint i = 0; i < TAIOU_TEST_MSG_BIN_SIZE; i++)
    data[i] = (guint8) (i * 7);
  return g_bytes_new_take (data, TAIOU_TEST_MSG_BIN_SIZE);
}

/* The transport headers as Exchange stores them for a received mail (with a blank line and
 * a bit of body after them, which readers must ignore). */
static const char transport_headers[] =
  "Received: from mail.evil.example (mail.evil.example [203.0.113.7])\r\n"
  "\tby mx.example.co.jp with ESMTP id 4KCdz1; Tue, 8 Mar 2022 10:15:02 +0900\r\n"
  "Return-Path: <bounce@evil.example>\r\n"
  "From: =?ISO-2022-JP?B?GyRCOzNFRBsoQiAbJEJCQE86GyhC?= <yamada@example.co.jp>\r\n"
  "Reply-To: <billing@evil.example>\r\n"
  "To: <sato@example.jp>\r\n"
  "Subject: =?ISO-2022-JP?B?GyRCIVo7ajVeIVtAQTVhPXEkTjdvGyhC?=\r\n"
  "Date: Tue, 8 Mar 2022 10:15:00 +0900\r\n"
  "Message-ID: <20220308101500.4242@mail.evil.example>\r\n"
  "MIME-Version: 1.0\r\n"
  "Content-Type: multipart/mixed; boundary=\"----=_Part_0\"\r\n"
  "\r\n"
  "This is a multi-part message in MIME format.\r\n";

TaiouTestMsg *
taiou_test_msg_new_sample (gboolean transport)
{
  TaiouTestMsg *msg = taiou_test_msg_new ();
  g_autoptr(GBytes) zip = taiou_test_msg_sample_zip ();
  g_autoptr(GBytes) bin = taiou_test_msg_sample_bin ();
  TaiouTestMsg *attachment;
  TaiouTestMsg *nested;

  taiou_test_msg_set_long (msg, 0x3FFD, 932);    /* PR_MESSAGE_CODEPAGE */
  taiou_test_msg_set_long (msg, 0x3FDE, 65001);  /* PR_INTERNET_CPID */
  taiou_test_msg_set_unicode (msg, 0x001A, "IPM.Note");
  taiou_test_msg_set_unicode (msg, 0x0037, transport ? "(subject property)"
                                                     : TAIOU_TEST_MSG_SUBJECT);
  taiou_test_msg_set_unicode (msg, 0x0C1A, TAIOU_TEST_MSG_SENDER_NAME);
  taiou_test_msg_set_unicode (msg, 0x0C1F, TAIOU_TEST_MSG_SENDER_ADDRESS);
  taiou_test_msg_set_unicode (msg, 0x0042, TAIOU_TEST_MSG_SENDER_NAME);
  taiou_test_msg_set_unicode (msg, 0x5D02, TAIOU_TEST_MSG_SENDER_ADDRESS);
  taiou_test_msg_set_unicode (msg, 0x1035, "<20220308101500.4242@mail.evil.example>");
  taiou_test_msg_set_time (msg, 0x0039, TAIOU_TEST_MSG_DATE);
  taiou_test_msg_set_time (msg, 0x0E06, TAIOU_TEST_MSG_DATE + 2);
  if (transport)
    taiou_test_msg_set_unicode (msg, 0x007D, transport_headers);
  taiou_test_msg_set_unicode (msg, 0x1000, TAIOU_TEST_MSG_BODY);
  taiou_test_msg_set_binary (msg, 0x1013, TAIOU_TEST_MSG_HTML, strlen (TAIOU_TEST_MSG_HTML));

  taiou_test_msg_add_recipient (msg, "佐藤 花子", "sato@example.jp", 1);
  taiou_test_msg_add_recipient (msg, "経理部", "keiri@example.jp", 2);
  taiou_test_msg_add_recipient (msg, NULL, "audit@example.jp", 3);

  taiou_test_msg_add_attachment (msg, TAIOU_TEST_MSG_ZIP_NAME, "application/zip",
                                 g_bytes_get_data (zip, NULL), g_bytes_get_size (zip));
  taiou_test_msg_add_attachment (msg, TAIOU_TEST_MSG_BIN_NAME, NULL,
                                 g_bytes_get_data (bin, NULL), g_bytes_get_size (bin));
  attachment = taiou_test_msg_add_attachment (msg, NULL, NULL, NULL, 0);
  taiou_test_msg_set_unicode (attachment, 0x3001, "会議の件");
  nested = taiou_test_msg_embed (attachment);
  taiou_test_msg_set_unicode (nested, 0x0037, TAIOU_TEST_MSG_NESTED_SUBJECT);
  taiou_test_msg_set_unicode (nested, 0x0C1A, "鈴木 一郎");
  taiou_test_msg_set_unicode (nested, 0x5D01, "suzuki@example.jp");
  taiou_test_msg_set_unicode (nested, 0x1000, "会議は月曜日です。");
  return msg;
}

gsize
taiou_test_msg_find_dirent (GBytes     *file,
                            const char *name,
                            guint       nth)
{
  gsize length;
  const guint8 *data = g_bytes_get_data (file, &length);
  glong n_units;
  g_autofree gunichar2 *units = g_utf8_to_utf16 (name, -1, NULL, &n_units, NULL);

  /* Directory entries start on 128-byte boundaries after the 512-byte header. */
  for (gsize offset = 512; offset + 128 <= length; offset += 128)
    if (memcmp (data + offset, units, (n_units + 1) * 2) == 0 &&
        data[offset + 64] == (n_units + 1) * 2 && nth-- == 0)
      return offset;
  g_error ("no directory entry named %s", name);
  return 0;
}

guint32
taiou_test_msg_get_u32 (GBytes *file,
                        gsize   offset)
{
  gsize length;
  const guint8 *data = g_bytes_get_data (file, &length);

  g_assert_cmpuint (offset + 4, <=, length);
  return _taiou_read_le32 (data + offset);
}

GBytes *
taiou_test_msg_patch_u32 (GBytes  *file,
                          gsize    offset,
                          guint32  value)
{
  gsize length;
  guint8 *copy = g_memdup2 (g_bytes_get_data (file, &length), g_bytes_get_size (file));

  g_assert_cmpuint (offset + 4, <=, length);
  value = GUINT32_TO_LE (value);
  memcpy (copy + offset, &value, 4);
  return g_bytes_new_take (copy, length);
}

void
taiou_test_msg_assert_refused (GBytes *file,
                               int     code)
{
  g_autoptr(GError) error = NULL;
  GMimeMessage *message = taiou_mail_msg_read (file, &error);

  g_assert_null (message);
  g_assert_error (error, TAIOU_MAIL_MSG_ERROR, code);
  g_test_message ("refused as expected: %s", error->message);
}
