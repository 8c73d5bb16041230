/* test-mail-msg.c — Outlook .msg files (written by tests/common/taiou-test-msg.c) into GMime */
#define G_LOG_DOMAIN "test-mail-msg"

#include "config.h"

#include <glib/gstdio.h>
#include <string.h>

#include "taiou-mail-msg-private.h"
#include "taiou-test-msg.h"
#include "taiou-test-util.h"

/* GMime 3.2 has no g_autoptr support of its own. */
G_DEFINE_AUTOPTR_CLEANUP_FUNC (GMimeMessage, g_object_unref)

static GMimeMessage *
read_ok (GBytes *file)
{
  g_autoptr(GError) error = NULL;
  GMimeMessage *message = taiou_mail_msg_read (file, &error);

  g_assert_no_error (error);
  g_assert_nonnull (message);
  return message;
}

/* A part's content, decoded from its transfer encoding. */
static GBytes *
part_content (GMimeObject *object)
{
  GMimeDataWrapper *content = g_mime_part_get_content (GMIME_PART (object));
  GMimeStream *stream = g_mime_stream_mem_new ();
  GByteArray *array;
  GBytes *bytes;

  g_assert_nonnull (content);
  g_assert_cmpint (g_mime_data_wrapper_write_to_stream (content, stream), >=, 0);
  array = g_mime_stream_mem_get_byte_array (GMIME_STREAM_MEM (stream));
  bytes = g_bytes_new (array->data, array->len);
  g_object_unref (stream);
  return bytes;
}

static char *
part_text (GMimeObject *object)
{
  g_autoptr(GBytes) bytes = part_content (object);

  return g_strndup (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes));
}

static char *
sha256 (GBytes *bytes)
{
  return g_compute_checksum_for_bytes (G_CHECKSUM_SHA256, bytes);
}

/* The part's declared type; GMime hands back a string of its own. */
static void
assert_mime_type (GMimeObject *part,
                  const char  *expected)
{
  g_autofree char *mime_type = g_mime_content_type_get_mime_type (
    g_mime_object_get_content_type (part));

  g_assert_cmpstr (mime_type, ==, expected);
}

/* The message's multipart/mixed children: [0] the body, then the attachments. */
static GMimeMultipart *
mixed_part (GMimeMessage *message)
{
  GMimeObject *top = g_mime_message_get_mime_part (message);

  g_assert_true (GMIME_IS_MULTIPART (top));
  assert_mime_type (top, "multipart/mixed");
  return GMIME_MULTIPART (top);
}

static const char *
first_address (InternetAddressList *list)
{
  g_assert_cmpint (internet_address_list_length (list), >=, 1);
  return internet_address_mailbox_get_addr (
    INTERNET_ADDRESS_MAILBOX (internet_address_list_get_address (list, 0)));
}

static const char *
first_name (InternetAddressList *list)
{
  g_assert_cmpint (internet_address_list_length (list), >=, 1);
  return internet_address_get_name (internet_address_list_get_address (list, 0));
}

/* Text compared without CRs or trailing line ends: written out and parsed again, GMime gives
 * LF line ends and may add a final one. */
static void
assert_text (const char *actual,
             const char *expected)
{
  g_auto(GStrv) actual_lines = g_strsplit (actual, "\r\n", -1);
  g_auto(GStrv) expected_lines = g_strsplit (expected, "\r\n", -1);
  g_autofree char *actual_lf = g_strjoinv ("\n", actual_lines);
  g_autofree char *expected_lf = g_strjoinv ("\n", expected_lines);

  g_assert_cmpstr (g_strchomp (actual_lf), ==, g_strchomp (expected_lf));
}

/* Body, attachments and the embedded message are the same with or without transport headers. */
static void
assert_sample_content (GMimeMessage *message)
{
  GMimeMultipart *mixed = mixed_part (message);
  GMimeObject *body, *zip, *bin, *nested_part;
  GMimeMessage *nested;
  g_autoptr(GBytes) zip_bytes = NULL;
  g_autoptr(GBytes) bin_bytes = NULL;
  g_autoptr(GBytes) expected_zip = taiou_test_msg_sample_zip ();
  g_autoptr(GBytes) expected_bin = taiou_test_msg_sample_bin ();
  g_autofree char *zip_sum = NULL;
  g_autofree char *expected_zip_sum = NULL;
  g_autofree char *plain = NULL;
  g_autofree char *html = NULL;
  g_autofree char *nested_body = NULL;

  g_assert_cmpint (g_mime_multipart_get_count (mixed), ==, 4);

  body = g_mime_multipart_get_part (mixed, 0);
  g_assert_true (GMIME_IS_MULTIPART (body));
  assert_mime_type (body, "multipart/alternative");
  g_assert_cmpint (g_mime_multipart_get_count (GMIME_MULTIPART (body)), ==, 2);
  plain = g_mime_text_part_get_text (
    GMIME_TEXT_PART (g_mime_multipart_get_part (GMIME_MULTIPART (body), 0)));
  assert_text (plain, TAIOU_TEST_MSG_BODY);
  html = g_mime_text_part_get_text (
    GMIME_TEXT_PART (g_mime_multipart_get_part (GMIME_MULTIPART (body), 1)));
  g_assert_cmpstr (html, ==, TAIOU_TEST_MSG_HTML);

  zip = g_mime_multipart_get_part (mixed, 1);
  g_assert_cmpstr (g_mime_part_get_filename (GMIME_PART (zip)), ==, TAIOU_TEST_MSG_ZIP_NAME);
  g_assert_cmpstr (g_mime_object_get_disposition (zip), ==, "attachment");
  assert_mime_type (zip, "application/zip");
  zip_bytes = part_content (zip);
  g_assert_true (g_bytes_equal (zip_bytes, expected_zip));
  zip_sum = sha256 (zip_bytes);
  expected_zip_sum = sha256 (expected_zip);
  g_assert_cmpstr (zip_sum, ==, expected_zip_sum);

  bin = g_mime_multipart_get_part (mixed, 2);
  g_assert_cmpstr (g_mime_part_get_filename (GMIME_PART (bin)), ==, TAIOU_TEST_MSG_BIN_NAME);
  assert_mime_type (bin, "application/octet-stream");
  bin_bytes = part_content (bin);
  g_assert_cmpuint (g_bytes_get_size (bin_bytes), ==, TAIOU_TEST_MSG_BIN_SIZE);
  g_assert_true (g_bytes_equal (bin_bytes, expected_bin));

  nested_part = g_mime_multipart_get_part (mixed, 3);
  g_assert_true (GMIME_IS_MESSAGE_PART (nested_part));
  g_assert_cmpstr (g_mime_object_get_disposition (nested_part), ==, "attachment");
  g_assert_cmpstr (g_mime_object_get_content_disposition_parameter (nested_part, "filename"), ==,
                   "会議の件");
  nested = g_mime_message_part_get_message (GMIME_MESSAGE_PART (nested_part));
  g_assert_cmpstr (g_mime_message_get_subject (nested), ==, TAIOU_TEST_MSG_NESTED_SUBJECT);
  g_assert_cmpstr (first_address (g_mime_message_get_from (nested)), ==, "suzuki@example.jp");
  nested_body = g_mime_text_part_get_text (GMIME_TEXT_PART (g_mime_message_get_mime_part (nested)));
  assert_text (nested_body, "会議は月曜日です。");
}

static void
test_properties (void)
{
  g_autoptr(TaiouTestMsg) msg = taiou_test_msg_new_sample (FALSE);
  g_autoptr(GBytes) file = taiou_test_msg_build (msg);
  g_autoptr(GMimeMessage) message = read_ok (file);
  GDateTime *date;
  InternetAddressList *cc;

  g_assert_cmpstr (g_mime_message_get_subject (message), ==, TAIOU_TEST_MSG_SUBJECT);
  g_assert_cmpstr (first_name (g_mime_message_get_from (message)), ==,
                   TAIOU_TEST_MSG_SENDER_NAME);
  g_assert_cmpstr (first_address (g_mime_message_get_from (message)), ==,
                   TAIOU_TEST_MSG_SENDER_ADDRESS);
  g_assert_cmpint (internet_address_list_length (g_mime_message_get_reply_to (message)), ==, 0);
  /* The sender sent for themselves: no Sender header. */
  g_assert_cmpint (internet_address_list_length (g_mime_message_get_sender (message)), ==, 0);
  date = g_mime_message_get_date (message);
  g_assert_nonnull (date);
  g_assert_cmpint (g_date_time_to_unix (date), ==, TAIOU_TEST_MSG_DATE);
  g_assert_cmpstr (g_mime_message_get_message_id (message), ==,
                   "20220308101500.4242@mail.evil.example");

  g_assert_cmpstr (first_name (g_mime_message_get_to (message)), ==, "佐藤 花子");
  g_assert_cmpstr (first_address (g_mime_message_get_to (message)), ==, "sato@example.jp");
  cc = g_mime_message_get_cc (message);
  g_assert_cmpint (internet_address_list_length (cc), ==, 1);
  g_assert_cmpstr (first_address (cc), ==, "keiri@example.jp");
  g_assert_cmpstr (first_address (g_mime_message_get_bcc (message)), ==, "audit@example.jp");

  g_assert_nonnull (strstr (g_mime_object_get_header (GMIME_OBJECT (message), "X-Taiou-Note"),
                            "no transport headers"));
  assert_sample_content (message);
}

static void
test_transport_headers (void)
{
  g_autoptr(TaiouTestMsg) msg = taiou_test_msg_new_sample (TRUE);
  g_autoptr(GBytes) file = taiou_test_msg_build (msg);
  g_autoptr(GMimeMessage) message = read_ok (file);
  GDateTime *date;

  /* The delivered headers win over the properties, encoded words decoded. */
  g_assert_cmpstr (g_mime_message_get_subject (message), ==, TAIOU_TEST_MSG_SUBJECT);
  g_assert_cmpstr (first_name (g_mime_message_get_from (message)), ==,
                   TAIOU_TEST_MSG_SENDER_NAME);
  g_assert_cmpstr (first_address (g_mime_message_get_from (message)), ==,
                   TAIOU_TEST_MSG_SENDER_ADDRESS);
  g_assert_cmpstr (first_address (g_mime_message_get_reply_to (message)), ==,
                   TAIOU_TEST_MSG_REPLY_TO);
  g_assert_cmpstr (g_mime_object_get_header (GMIME_OBJECT (message), "Return-Path"), ==,
                   "<bounce@evil.example>");
  g_assert_nonnull (strstr (g_mime_object_get_header (GMIME_OBJECT (message), "Received"),
                            "203.0.113.7"));
  date = g_mime_message_get_date (message);
  g_assert_nonnull (date);
  g_assert_cmpint (g_date_time_to_unix (date), ==, TAIOU_TEST_MSG_DATE);
  g_assert_cmpint (g_date_time_get_utc_offset (date) / G_TIME_SPAN_HOUR, ==, 9);
  g_assert_cmpstr (g_mime_message_get_message_id (message), ==,
                   "20220308101500.4242@mail.evil.example");
  g_assert_null (g_mime_object_get_header (GMIME_OBJECT (message), "X-Taiou-Note"));
  /* Recipients come from the headers only: the Cc property is not added. */
  g_assert_cmpint (internet_address_list_length (g_mime_message_get_cc (message)), ==, 0);
  assert_sample_content (message);
}

/* Exchange's own first line is skipped, and a sender cannot forge the reader's notes. */
static void
test_transport_headers_exchange (void)
{
  g_autoptr(TaiouTestMsg) msg = taiou_test_msg_new ();
  g_autoptr(GBytes) file = NULL;
  g_autoptr(GMimeMessage) message = NULL;

  taiou_test_msg_set_unicode (msg, 0x007D,
                              "Microsoft Mail Internet Headers Version 2.0\r\n"
                              "X-Taiou-Note: checked, safe\r\n"
                              "From: <yamada@example.co.jp>\r\n"
                              "Subject: invoice\r\n"
                              "X-Taiou-Note: really safe\r\n"
                              "\r\n");
  file = taiou_test_msg_build (msg);
  message = read_ok (file);
  g_assert_cmpstr (g_mime_message_get_subject (message), ==, "invoice");
  g_assert_cmpstr (first_address (g_mime_message_get_from (message)), ==, "yamada@example.co.jp");
  g_assert_null (g_mime_object_get_header (GMIME_OBJECT (message), "X-Taiou-Note"));
}

/* Written out and parsed again, the message keeps its Japanese file name (RFC 2231). */
static void
test_round_trip (void)
{
  g_autoptr(TaiouTestMsg) msg = taiou_test_msg_new_sample (TRUE);
  g_autoptr(GBytes) file = taiou_test_msg_build (msg);
  g_autoptr(GMimeMessage) message = read_ok (file);
  g_autofree char *text = g_mime_object_to_string (GMIME_OBJECT (message), NULL);
  GMimeStream *stream = g_mime_stream_mem_new_with_buffer (text, strlen (text));
  GMimeParser *parser = g_mime_parser_new_with_stream (stream);
  g_autoptr(GMimeMessage) again = g_mime_parser_construct_message (parser, NULL);
  g_autofree char *lower = g_ascii_strdown (text, -1);

  g_object_unref (parser);
  g_object_unref (stream);
  g_assert_nonnull (strstr (lower, "filename*=utf-8''%e8%ab%8b%e6%b1%82%e6%9b%b8.zip"));
  g_assert_null (strstr (text, "----=_Part_0"));
  g_assert_nonnull (again);
  g_assert_cmpstr (g_mime_message_get_subject (again), ==, TAIOU_TEST_MSG_SUBJECT);
  assert_sample_content (again);
}

static void
test_cp932_properties (void)
{
  for (guint with_codepage = 0; with_codepage < 2; with_codepage++)
    {
      g_autoptr(TaiouTestMsg) msg = taiou_test_msg_new ();
      g_autoptr(GBytes) file = NULL;
      g_autoptr(GMimeMessage) message = NULL;
      g_autofree char *body = NULL;
      TaiouTestMsg *recipient;

      /* Without PR_MESSAGE_CODEPAGE, 8-bit text that is not UTF-8 is read as CP932. */
      if (with_codepage)
        taiou_test_msg_set_long (msg, 0x3FFD, 932);
      taiou_test_msg_set_string8 (msg, 0x0037, TAIOU_TEST_MSG_SUBJECT, "CP932");
      taiou_test_msg_set_string8 (msg, 0x0C1A, TAIOU_TEST_MSG_SENDER_NAME, "CP932");
      taiou_test_msg_set_string8 (msg, 0x0C1F, TAIOU_TEST_MSG_SENDER_ADDRESS, "CP932");
      taiou_test_msg_set_string8 (msg, 0x1000, "①番の請求書です。", "CP932");
      recipient = taiou_test_msg_add_recipient (msg, NULL, NULL, 2);
      taiou_test_msg_set_string8 (recipient, 0x3001, "経理部", "CP932");
      taiou_test_msg_set_string8 (recipient, 0x3003, "keiri@example.jp", "CP932");

      file = taiou_test_msg_build (msg);
      message = read_ok (file);
      g_assert_cmpstr (g_mime_message_get_subject (message), ==, TAIOU_TEST_MSG_SUBJECT);
      g_assert_cmpstr (first_name (g_mime_message_get_from (message)), ==,
                       TAIOU_TEST_MSG_SENDER_NAME);
      g_assert_cmpstr (first_address (g_mime_message_get_from (message)), ==,
                       TAIOU_TEST_MSG_SENDER_ADDRESS);
      g_assert_cmpstr (first_name (g_mime_message_get_cc (message)), ==, "経理部");
      body = g_mime_text_part_get_text (GMIME_TEXT_PART (g_mime_message_get_mime_part (message)));
      g_assert_cmpstr (body, ==, "①番の請求書です。");
      g_assert_null (g_mime_message_get_date (message));
    }
}

static void
test_html_in_code_page (void)
{
  g_autoptr(TaiouTestMsg) msg = taiou_test_msg_new ();
  g_autoptr(GBytes) file = NULL;
  g_autoptr(GMimeMessage) message = NULL;
  g_autofree char *html = NULL;
  gsize length;
  g_autofree char *cp932 = g_convert (TAIOU_TEST_MSG_HTML, -1, "CP932", "UTF-8", NULL, &length,
                                      NULL);
  GMimeObject *part;

  taiou_test_msg_set_long (msg, 0x3FDE, 932);
  taiou_test_msg_set_unicode (msg, 0x0037, "html only");
  taiou_test_msg_set_binary (msg, 0x1013, cp932, length);
  file = taiou_test_msg_build (msg);
  message = read_ok (file);
  part = g_mime_message_get_mime_part (message);
  assert_mime_type (part, "text/html");
  html = g_mime_text_part_get_text (GMIME_TEXT_PART (part));
  g_assert_cmpstr (html, ==, TAIOU_TEST_MSG_HTML);
}

static void
test_sender_on_behalf (void)
{
  g_autoptr(TaiouTestMsg) msg = taiou_test_msg_new ();
  g_autoptr(GBytes) file = NULL;
  g_autoptr(GMimeMessage) message = NULL;

  taiou_test_msg_set_unicode (msg, 0x0042, "社長");
  taiou_test_msg_set_unicode (msg, 0x0065, "ceo@example.co.jp");
  taiou_test_msg_set_unicode (msg, 0x0C1A, "秘書");
  taiou_test_msg_set_unicode (msg, 0x5D01, "secretary@example.co.jp");
  taiou_test_msg_set_unicode (msg, 0x0C1F, "/O=EXAMPLE/OU=EXCHANGE/CN=RECIPIENTS/CN=SECRETARY");
  /* A subject with a line break must not start a header of its own. */
  taiou_test_msg_set_unicode (msg, 0x0037, "Hi\r\nBcc: victim@example.jp");
  file = taiou_test_msg_build (msg);
  message = read_ok (file);
  g_assert_cmpstr (first_name (g_mime_message_get_from (message)), ==, "社長");
  g_assert_cmpstr (first_address (g_mime_message_get_from (message)), ==, "ceo@example.co.jp");
  g_assert_cmpstr (first_name (g_mime_message_get_sender (message)), ==, "秘書");
  g_assert_cmpstr (first_address (g_mime_message_get_sender (message)), ==,
                   "secretary@example.co.jp");
  g_assert_null (strchr (g_mime_message_get_subject (message), '\n'));
  g_assert_cmpint (internet_address_list_length (g_mime_message_get_bcc (message)), ==, 0);
}

static void
test_invalid_utf16 (void)
{
  /* "請", an unpaired high surrogate, "求", an unpaired low surrogate, then a valid pair. */
  static const guint16 units[] = { 0x8ACB, 0xD800, 0x6C42, 0xDC00, 0xD83D, 0xDCE7 };
  g_autoptr(TaiouTestMsg) msg = taiou_test_msg_new ();
  g_autoptr(GBytes) file = NULL;
  g_autoptr(GMimeMessage) message = NULL;

  taiou_test_msg_set_utf16 (msg, 0x0037, units, G_N_ELEMENTS (units));
  file = taiou_test_msg_build (msg);
  message = read_ok (file);
  g_assert_cmpstr (g_mime_message_get_subject (message), ==, "請\xEF\xBF\xBD求\xEF\xBF\xBD📧");
}

/* Empty streams (found by fuzzing: an empty 8-bit string reached g_convert () as NULL). */
static void
test_empty_properties (void)
{
  g_autoptr(TaiouTestMsg) msg = taiou_test_msg_new ();
  g_autoptr(GBytes) file = NULL;
  g_autoptr(GMimeMessage) message = NULL;
  g_autofree char *html = NULL;
  GMimeObject *part;

  taiou_test_msg_set_long (msg, 0x3FFD, 932);
  taiou_test_msg_set_stream (msg, 0x0037, 0x001E, "", 0);
  taiou_test_msg_set_stream (msg, 0x0C1A, 0x001F, "", 0);
  taiou_test_msg_set_stream (msg, 0x0C1F, 0x001E, "\0", 1);
  taiou_test_msg_set_stream (msg, 0x1013, 0x0102, "", 0);
  file = taiou_test_msg_build (msg);
  message = read_ok (file);
  g_assert_null (g_mime_message_get_subject (message));
  g_assert_cmpint (internet_address_list_length (g_mime_message_get_from (message)), ==, 0);
  part = g_mime_message_get_mime_part (message);
  assert_mime_type (part, "text/html");
  html = g_mime_text_part_get_text (GMIME_TEXT_PART (part));
  g_assert_cmpstr (html, ==, "");
}

static void
test_rtf_only (void)
{
  g_autoptr(TaiouTestMsg) msg = taiou_test_msg_new ();
  g_autoptr(GBytes) rtf = taiou_test_msg_compress_rtf ("\\deff0 Please open invoice.zip}");
  g_autoptr(GBytes) file = NULL;
  g_autoptr(GMimeMessage) message = NULL;
  g_autofree char *text = NULL;
  GMimeObject *part;

  taiou_test_msg_set_unicode (msg, 0x0037, "rtf only");
  taiou_test_msg_set_binary (msg, 0x1009, g_bytes_get_data (rtf, NULL), g_bytes_get_size (rtf));
  file = taiou_test_msg_build (msg);
  message = read_ok (file);
  part = g_mime_message_get_mime_part (message);
  assert_mime_type (part, "text/rtf");
  text = part_text (part);
  g_assert_cmpstr (text, ==, "{\\rtf1\\ansi\\deff0 Please open invoice.zip}");
  g_assert_nonnull (strstr (g_mime_object_get_header (GMIME_OBJECT (message), "X-Taiou-Note"),
                            "compressed RTF"));
}

static GBytes *
rtf_header (guint32     compressed_size,
            guint32     raw_size,
            guint32     type,
            const char *body,
            gsize       body_length)
{
  GByteArray *file = g_byte_array_new ();
  guint32 header[4] = {
    GUINT32_TO_LE (compressed_size), GUINT32_TO_LE (raw_size), GUINT32_TO_LE (type), 0,
  };

  g_byte_array_append (file, (const guint8 *) header, sizeof header);
  g_byte_array_append (file, (const guint8 *) body, body_length);
  return g_byte_array_free_to_bytes (file);
}

static void
assert_rtf (GBytes     *rtf,
            gsize       max_size,
            const char *expected)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) text = _taiou_rtf_decompress (g_bytes_get_data (rtf, NULL),
                                                  g_bytes_get_size (rtf), max_size, &error);

  if (expected == NULL)
    {
      g_assert_error (error, TAIOU_MAIL_MSG_ERROR, TAIOU_MAIL_MSG_ERROR_DAMAGED);
      g_assert_null (text);
      return;
    }
  g_assert_no_error (error);
  g_assert_cmpmem (g_bytes_get_data (text, NULL), g_bytes_get_size (text), expected,
                   strlen (expected));
}

/* [MS-OXRTFCP]: the sizes in the header are checked against the data, never trusted. */
static void
test_rtf_hostile (void)
{
  g_autoptr(GBytes) good = taiou_test_msg_compress_rtf ("\\deff0 x}");
  g_autoptr(GBytes) short_header = g_bytes_new ("LZFu", 4);
  g_autoptr(GBytes) raw = rtf_header (12 + 6, 6, 0x414C454D, "{\\rtf1", 6);
  g_autoptr(GBytes) raw_lying = rtf_header (12 + 6, 1000, 0x414C454D, "{\\rtf1", 6);
  g_autoptr(GBytes) raw_past_end = rtf_header (5000, 6, 0x414C454D, "{\\r", 3);
  g_autoptr(GBytes) unknown = rtf_header (12, 0, 0x12345678, "", 0);
  g_autoptr(GBytes) missing_literal = rtf_header (12 + 2, 3, 0x75465A4C, "\x00" "a", 2);
  g_autoptr(GBytes) half_reference = rtf_header (12 + 2, 3, 0x75465A4C, "\x01" "\x00", 2);
  g_autoptr(GBytes) too_short = rtf_header (12 + 9, 20, 0x75465A4C, "\x00" "abcdefgh", 9);
  /* Cut in its last literal: the data stops before the size it announced. */
  g_autoptr(GBytes) truncated = g_bytes_new_from_bytes (good, 0, g_bytes_get_size (good) - 3);
  /* A reference into the dictionary that wraps past its last byte (offset 4095, 4 bytes). */
  g_autoptr(GBytes) wrapping = rtf_header (12 + 3, 4, 0x75465A4C, "\x01" "\xff\xf2", 3);
  g_autoptr(GError) error = NULL;

  assert_rtf (good, 1000, "{\\rtf1\\ansi\\deff0 x}");
  assert_rtf (good, 5, "{\\rtf");
  assert_rtf (short_header, 1000, NULL);
  assert_rtf (raw, 1000, "{\\rtf1");
  assert_rtf (raw, 3, "{\\r");
  assert_rtf (raw_lying, 1000, "{\\rtf1");
  assert_rtf (raw_past_end, 1000, "{\\r");
  assert_rtf (unknown, 1000, NULL);
  assert_rtf (missing_literal, 1000, NULL);
  assert_rtf (half_reference, 1000, NULL);
  assert_rtf (too_short, 1000, NULL);
  assert_rtf (truncated, 1000, NULL);
  {
    g_autoptr(GBytes) text = _taiou_rtf_decompress (g_bytes_get_data (wrapping, NULL),
                                                    g_bytes_get_size (wrapping), 1000, &error);

    g_assert_no_error (error);
    /* Bytes 4095, 0, 1, 2 of the ring: a zero, then the prologue's start. */
    g_assert_cmpmem (g_bytes_get_data (text, NULL), g_bytes_get_size (text), "\0{\\r", 4);
  }
}

/* A body only in damaged compressed RTF is noted; the rest of the message is still read. */
static void
test_rtf_damaged_body (void)
{
  g_autoptr(TaiouTestMsg) msg = taiou_test_msg_new ();
  g_autoptr(GBytes) rtf = taiou_test_msg_compress_rtf ("\\deff0 x}");
  g_autoptr(GBytes) file = NULL;
  g_autoptr(GMimeMessage) message = NULL;
  g_autoptr(GBytes) text = NULL;
  GMimeObject *part;

  taiou_test_msg_set_unicode (msg, 0x0037, "broken rtf");
  taiou_test_msg_set_binary (msg, 0x1009, g_bytes_get_data (rtf, NULL),
                             g_bytes_get_size (rtf) - 3);
  file = taiou_test_msg_build (msg);
  message = read_ok (file);
  g_assert_cmpstr (g_mime_message_get_subject (message), ==, "broken rtf");
  part = g_mime_message_get_mime_part (message);
  assert_mime_type (part, "text/plain");
  text = part_content (part);
  g_assert_cmpuint (g_bytes_get_size (text), ==, 0);
  g_assert_nonnull (strstr (g_mime_object_get_header (GMIME_OBJECT (message), "X-Taiou-Note"),
                            "could not be read"));
}

/* PT_STRING8 in the message's code page ([MS-OXCDATA] code page ids), with the fallbacks for a
 * code page that lies. */
static void
test_decode_8bit (void)
{
  static const struct {
    guint       codepage;
    const char *bytes;
    const char *text;
    gsize       length;  /* 0: up to the first NUL */
  } cases[] = {
    { 932, "\x90\xbf\x8b\x81\x8f\x91", "請求書" },
    { 20932, "\xc0\xc1\xb5\xe1\xbd\xf1", "請求書" },
    { 51932, "\xc0\xc1\xb5\xe1\xbd\xf1", "請求書" },
    { 50220, "\x1b$B@A5a=q\x1b(B", "請求書" },
    { 936, "\xb7\xa2\xc6\xb1", "发票" },
    { 950, "\xb5\x6f\xb2\xbc", "發票" },
    { 20127, "invoice", "invoice" },
    { 28591, "caf\xe9", "café" },
    { 28605, "\xa4", "€" },
    { 1252, "\x80 100", "€ 100" },
    { 65001, "\xe8\xab\x8b\xe6\xb1\x82", "請求" },
    /* Unicode code pages are not 8-bit: the bytes are taken as UTF-8 when they are. */
    { 1200, "plain", "plain" },
    /* ASCII cannot hold these bytes: valid UTF-8 is taken as such… */
    { 20127, "\xe8\xab\x8b", "請" },
    /* …then Japanese Windows' CP932… */
    { 20127, "\x90\xbf", "請" },
    { 0, "\x90\xbf", "請" },
    /* …and a string is never lost, only its invalid bytes. */
    { 20127, "ok\xff", "ok\xef\xbf\xbd" },
    /* A NUL ends the string, as in a C string. */
    { 1252, "a\0b", "a", 3 },
  };

  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      gsize length = cases[i].length != 0 ? cases[i].length : strlen (cases[i].bytes);
      g_autofree char *text = _taiou_msg_decode_8bit ((const guint8 *) cases[i].bytes, length,
                                                      cases[i].codepage);

      g_test_message ("case %" G_GSIZE_FORMAT ": code page %u", i, cases[i].codepage);
      g_assert_cmpstr (text, ==, cases[i].text);
    }
  {
    g_autofree char *empty = _taiou_msg_decode_8bit ((const guint8 *) "", 0, 932);

    g_assert_cmpstr (empty, ==, "");
  }
}

static void
test_big_sectors (void)
{
  g_autoptr(TaiouTestMsg) msg = taiou_test_msg_new_sample (FALSE);
  g_autoptr(GBytes) file = taiou_test_msg_build_full (msg, 4096);
  g_autoptr(GMimeMessage) message = read_ok (file);

  g_assert_cmpuint (taiou_test_msg_get_u32 (file, 0x1C) >> 16, ==, 12);  /* sector shift */
  g_assert_cmpstr (g_mime_message_get_subject (message), ==, TAIOU_TEST_MSG_SUBJECT);
  assert_sample_content (message);
}

/* An attachment that is a message that is a message…: five levels are read, six are not. */
static void
test_nesting_limit (void)
{
  for (guint levels = 5; levels <= 6; levels++)
    {
      g_autoptr(TaiouTestMsg) msg = taiou_test_msg_new ();
      g_autoptr(GBytes) file = NULL;
      TaiouTestMsg *inner = msg;

      taiou_test_msg_set_unicode (msg, 0x0037, "level 0");
      for (guint level = 1; level <= levels; level++)
        {
          g_autofree char *subject = g_strdup_printf ("level %u", level);

          inner = taiou_test_msg_embed (taiou_test_msg_add_attachment (inner, NULL, NULL, NULL, 0));
          taiou_test_msg_set_unicode (inner, 0x0037, subject);
        }
      file = taiou_test_msg_build (msg);
      if (levels == 5)
        {
          g_autoptr(GMimeMessage) message = read_ok (file);
          GMimeMessage *walk = message;

          for (guint level = 1; level <= 5; level++)
            {
              GMimeObject *part = g_mime_multipart_get_part (mixed_part (walk), 1);

              walk = g_mime_message_part_get_message (GMIME_MESSAGE_PART (part));
            }
          g_assert_cmpstr (g_mime_message_get_subject (walk), ==, "level 5");
        }
      else
        taiou_test_msg_assert_refused (file, TAIOU_MAIL_MSG_ERROR_TOO_LARGE);
    }
}

static void
test_attachment_without_data (void)
{
  g_autoptr(TaiouTestMsg) msg = taiou_test_msg_new ();
  g_autoptr(GBytes) file = NULL;
  g_autoptr(GMimeMessage) message = NULL;
  TaiouTestMsg *attachment;
  GMimeObject *part;
  g_autoptr(GBytes) content = NULL;

  taiou_test_msg_set_unicode (msg, 0x0037, "by reference");
  attachment = taiou_test_msg_add_attachment (msg, "invoice.doc", "multipart/mixed", NULL, 0);
  taiou_test_msg_set_long (attachment, 0x3705, 7);
  taiou_test_msg_set_unicode (attachment, 0x370D, "https://evil.example/invoice.doc");
  file = taiou_test_msg_build (msg);
  message = read_ok (file);
  part = g_mime_multipart_get_part (mixed_part (message), 1);
  g_assert_cmpstr (g_mime_part_get_filename (GMIME_PART (part)), ==, "invoice.doc");
  /* A multipart MIME tag on a leaf would make its bytes parse as parts: refused. */
  assert_mime_type (part, "application/octet-stream");
  content = part_content (part);
  g_assert_cmpuint (g_bytes_get_size (content), ==, 0);
  g_assert_nonnull (strstr (g_mime_object_get_header (part, "X-Taiou-Note"),
                            "https://evil.example/invoice.doc"));
}

static void
test_looks_like_msg (void)
{
  g_autoptr(TaiouTestMsg) msg = taiou_test_msg_new_sample (FALSE);
  g_autoptr(GBytes) file = taiou_test_msg_build (msg);
  g_autoptr(GBytes) doc = taiou_test_msg_build_fake_doc ();
  const guint8 *data = g_bytes_get_data (file, NULL);
  gsize length = g_bytes_get_size (file);
  gsize dir_offset = taiou_test_msg_find_dirent (file, "__substg1.0_0037001F", 0);

  g_assert_true (taiou_mail_msg_looks_like_msg (data, length));
  /* A prefix that cannot be opened still shows its property names… */
  g_assert_true (taiou_mail_msg_looks_like_msg (data, dir_offset + 128));
  /* …but the signature alone is not enough. */
  g_assert_false (taiou_mail_msg_looks_like_msg (data, 512));
  g_assert_false (taiou_mail_msg_looks_like_msg (g_bytes_get_data (doc, NULL),
                                                 g_bytes_get_size (doc)));
  g_assert_false (taiou_mail_msg_looks_like_msg ((const guint8 *) "PK\x03\x04", 4));
  g_assert_false (taiou_mail_msg_looks_like_msg (NULL, 0));
}

/* Lengths in `__properties_version1.0` are ignored: the streams' own sizes count. */
static void
test_lying_property_lengths (void)
{
  g_autoptr(TaiouTestMsg) msg = taiou_test_msg_new_sample (FALSE);
  g_autoptr(GBytes) file = NULL;
  g_autoptr(GMimeMessage) message = NULL;

  taiou_test_msg_claim_size (msg, 0x0037, 0x001F, 0xFFFFFFF0);
  taiou_test_msg_claim_size (msg, 0x1000, 0x001F, 0x7FFFFFFF);
  taiou_test_msg_claim_size (msg, 0x1013, 0x0102, 3);
  taiou_test_msg_claim_size (msg, 0x0E1F, 0x0102, 0xFFFFFFFF);
  file = taiou_test_msg_build (msg);
  message = read_ok (file);
  g_assert_cmpstr (g_mime_message_get_subject (message), ==, TAIOU_TEST_MSG_SUBJECT);
  assert_sample_content (message);
}


int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/taiou/mail-msg/properties", test_properties);
  g_test_add_func ("/taiou/mail-msg/transport-headers", test_transport_headers);
  g_test_add_func ("/taiou/mail-msg/transport-headers-exchange",
                   test_transport_headers_exchange);
  g_test_add_func ("/taiou/mail-msg/round-trip", test_round_trip);
  g_test_add_func ("/taiou/mail-msg/cp932-properties", test_cp932_properties);
  g_test_add_func ("/taiou/mail-msg/html-in-code-page", test_html_in_code_page);
  g_test_add_func ("/taiou/mail-msg/sender-on-behalf", test_sender_on_behalf);
  g_test_add_func ("/taiou/mail-msg/invalid-utf16", test_invalid_utf16);
  g_test_add_func ("/taiou/mail-msg/empty-properties", test_empty_properties);
  g_test_add_func ("/taiou/mail-msg/rtf-only", test_rtf_only);
  g_test_add_func ("/taiou/mail-msg/rtf-hostile", test_rtf_hostile);
  g_test_add_func ("/taiou/mail-msg/rtf-damaged-body", test_rtf_damaged_body);
  g_test_add_func ("/taiou/mail-msg/decode-8bit", test_decode_8bit);
  g_test_add_func ("/taiou/mail-msg/big-sectors", test_big_sectors);
  g_test_add_func ("/taiou/mail-msg/nesting-limit", test_nesting_limit);
  g_test_add_func ("/taiou/mail-msg/attachment-without-data", test_attachment_without_data);
  g_test_add_func ("/taiou/mail-msg/looks-like-msg", test_looks_like_msg);
  g_test_add_func ("/taiou/mail-msg/lying-property-lengths", test_lying_property_lengths);

  return g_test_run ();
}
