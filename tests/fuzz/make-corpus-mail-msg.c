/* make-corpus-mail-msg.c — writes the seed corpus of fuzz-mail-msg with the tests' generator
 *
 *   ninja -C _build tests/fuzz/make-corpus-mail-msg
 *   _build/tests/fuzz/make-corpus-mail-msg tests/fuzz/corpus/mail-msg
 */
#include "config.h"

#include "taiou-test-msg.h"

static void
save (const char *dir,
      const char *name,
      GBytes     *bytes)
{
  g_autofree char *path = g_build_filename (dir, name, NULL);
  g_autoptr(GError) error = NULL;

  if (!g_file_set_contents (path, g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes),
                            &error))
    g_error ("%s", error->message);
  g_bytes_unref (bytes);
}

static GBytes *
build_and_free (TaiouTestMsg *msg,
                guint         sector_size)
{
  GBytes *bytes = taiou_test_msg_build_full (msg, sector_size);

  taiou_test_msg_free (msg);
  return bytes;
}

int
main (int    argc,
      char **argv)
{
  TaiouTestMsg *msg;
  TaiouTestMsg *inner;
  g_autoptr(GBytes) rtf = NULL;

  if (argc != 2)
    {
      g_printerr ("Usage: %s CORPUS-DIRECTORY\n", argv[0]);
      return 2;
    }

  save (argv[1], "sample-properties.msg", build_and_free (taiou_test_msg_new_sample (FALSE), 512));
  save (argv[1], "sample-transport-headers.msg",
        build_and_free (taiou_test_msg_new_sample (TRUE), 512));

  msg = taiou_test_msg_new ();
  taiou_test_msg_set_unicode (msg, 0x0037, TAIOU_TEST_MSG_SUBJECT);
  save (argv[1], "minimal.msg", build_and_free (msg, 512));

  msg = taiou_test_msg_new ();
  taiou_test_msg_set_unicode (msg, 0x0037, TAIOU_TEST_MSG_SUBJECT);
  save (argv[1], "minimal-4096.msg", build_and_free (msg, 4096));

  msg = taiou_test_msg_new ();
  taiou_test_msg_set_long (msg, 0x3FFD, 932);
  taiou_test_msg_set_string8 (msg, 0x0037, TAIOU_TEST_MSG_SUBJECT, "CP932");
  taiou_test_msg_set_string8 (msg, 0x0C1A, TAIOU_TEST_MSG_SENDER_NAME, "CP932");
  taiou_test_msg_set_string8 (msg, 0x0C1F, TAIOU_TEST_MSG_SENDER_ADDRESS, "CP932");
  taiou_test_msg_set_string8 (msg, 0x1000, "請求書です。", "CP932");
  taiou_test_msg_add_recipient (msg, "経理部", "keiri@example.jp", 2);
  save (argv[1], "cp932.msg", build_and_free (msg, 512));

  msg = taiou_test_msg_new ();
  rtf = taiou_test_msg_compress_rtf ("\\deff0 Please open invoice.zip}");
  taiou_test_msg_set_binary (msg, 0x1009, g_bytes_get_data (rtf, NULL), g_bytes_get_size (rtf));
  save (argv[1], "rtf-only.msg", build_and_free (msg, 512));

  msg = taiou_test_msg_new ();
  inner = msg;
  for (guint level = 0; level < 3; level++)
    {
      taiou_test_msg_set_unicode (inner, 0x0037, "Fw: 請求書");
      inner = taiou_test_msg_embed (taiou_test_msg_add_attachment (inner, "fw.msg", NULL, NULL, 0));
    }
  taiou_test_msg_set_unicode (inner, 0x007D, "From: a@evil.example\r\nSubject: =?ISO-2022-JP?B?"
                                             "GyRCIVo7ajVeIVtAQTVhPXEkTjdvGyhC?=\r\n");
  save (argv[1], "nested.msg", build_and_free (msg, 512));

  msg = taiou_test_msg_new ();
  inner = taiou_test_msg_add_attachment (msg, "invoice.doc", "application/msword", NULL, 0);
  taiou_test_msg_set_long (inner, 0x3705, 7);
  taiou_test_msg_set_unicode (inner, 0x370D, "https://evil.example/invoice.doc");
  save (argv[1], "by-reference.msg", build_and_free (msg, 512));

  msg = taiou_test_msg_new ();
  taiou_test_msg_set_long (msg, 0x3FFD, 932);
  taiou_test_msg_set_stream (msg, 0x0037, 0x001E, "", 0);
  taiou_test_msg_set_stream (msg, 0x0C1A, 0x001F, "", 0);
  taiou_test_msg_set_stream (msg, 0x1013, 0x0102, "", 0);
  save (argv[1], "empty-strings.msg", build_and_free (msg, 512));

  save (argv[1], "fake-doc", taiou_test_msg_build_fake_doc ());
  return 0;
}
