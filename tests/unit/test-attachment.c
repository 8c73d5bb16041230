/* test-attachment.c — the attachment classifier on containers built at test time: archives,
 * Office files and OneNote, nesting and limits; each indicator found, and not found where it
 * is absent (single files and names: test-attachment-file.c)
 *
 *   test-attachment --write-corpus DIR   writes the fuzz seed corpus instead of testing
 */
#define G_LOG_DOMAIN "test-attachment"

#include "config.h"

#include <locale.h>
#include <string.h>

#include "taiou.h"
#include "taiou-attachment-private.h"
#include "taiou-test-attachment.h"
#include "taiou-test-fixtures.h"

static void
test_onenote (void)
{
  g_autoptr(GBytes) pe = taiou_test_pe_new ();
  g_autoptr(GBytes) hta = taiou_test_bytes_printf ("<html><HTA:APPLICATION id=x/><script>"
                                                   "new ActiveXObject('WScript.Shell')</script>");
  g_autoptr(GBytes) png = taiou_test_bytes_printf ("\x89PNG\r\n\x1a\n picture bytes");
  g_autoptr(GBytes) with_pe = taiou_test_onenote_new (pe);
  g_autoptr(GBytes) with_hta = taiou_test_onenote_new (hta);
  g_autoptr(GBytes) with_png = taiou_test_onenote_new (png);
  g_autoptr(TaiouAttachmentReport) report = classify ("お知らせ.one", with_pe);
  g_autoptr(TaiouAttachmentReport) script = classify ("お知らせ.one", with_hta);
  g_autoptr(TaiouAttachmentReport) picture = classify ("議事録.one", with_png);
  TaiouAttachmentReport *member;
  g_autofree char *pe_hex = sha256_hex (pe);

  g_assert_cmpint (report->type, ==, TAIOU_ATTACHMENT_TYPE_ONENOTE);
  g_assert_cmpint (finding_at (report, NULL, "attachment.onenote-embedded")->score, ==, 90);
  member = taiou_attachment_report_find (report, "お知らせ.one/embedded-file-1");
  g_assert_nonnull (member);
  g_assert_cmpint (member->type, ==, TAIOU_ATTACHMENT_TYPE_PE);
  g_assert_cmpstr (member->sha256, ==, pe_hex);
  g_assert_nonnull (finding_at (report, "お知らせ.one/embedded-file-1", "attachment.executable"));

  g_assert_nonnull (finding_at (script, NULL, "attachment.onenote-embedded"));
  g_assert_cmpint (((TaiouAttachmentReport *) script->members->pdata[0])->type, ==,
                   TAIOU_ATTACHMENT_TYPE_SCRIPT);

  /* Pictures are embedded the same way and are no finding. */
  g_assert_cmpint (picture->type, ==, TAIOU_ATTACHMENT_TYPE_ONENOTE);
  g_assert_cmpuint (picture->members->len, ==, 1);
  g_assert_false (anywhere (picture, "attachment.onenote-embedded"));
  g_assert_cmpint (taiou_attachment_report_get_score (picture), ==, 0);
}

static void
test_ole_macros (void)
{
  const char * const word[] = { "Macros/VBA/dir", "Macros/VBA/_VBA_PROJECT", "Macros/VBA/ThisDocument",
                                "Macros/PROJECT", "WordDocument", "1Table", NULL };
  const char * const excel[] = { "_VBA_PROJECT_CUR/VBA/dir", "_VBA_PROJECT_CUR/VBA/_VBA_PROJECT",
                                 "_VBA_PROJECT_CUR/PROJECT", "Workbook", NULL };
  const char * const bare[] = { "VBA/dir", "PROJECT", NULL };
  const char * const clean[] = { "WordDocument", "1Table", "\005SummaryInformation", NULL };
  const char * const dir_only[] = { "VBA/dir", "WordDocument", NULL };
  g_autoptr(GBytes) doc = taiou_test_ole_new (word, NULL);
  g_autoptr(GBytes) xls = taiou_test_ole_new (excel, NULL);
  g_autoptr(GBytes) bin = taiou_test_ole_new (bare, NULL);
  g_autoptr(GBytes) plain = taiou_test_ole_new (clean, NULL);
  g_autoptr(GBytes) half = taiou_test_ole_new (dir_only, NULL);
  g_autoptr(TaiouAttachmentReport) doc_report = classify ("請求書.doc", doc);
  g_autoptr(TaiouAttachmentReport) xls_report = classify ("請求書.xls", xls);
  g_autoptr(TaiouAttachmentReport) bin_report = classify ("vbaProject.bin", bin);
  g_autoptr(TaiouAttachmentReport) plain_report = classify ("議事録.doc", plain);
  g_autoptr(TaiouAttachmentReport) half_report = classify ("議事録.doc", half);
  TaiouFinding *finding;

  g_assert_cmpint (doc_report->type, ==, TAIOU_ATTACHMENT_TYPE_OLE_OFFICE);
  finding = finding_at (doc_report, NULL, "attachment.macro-ole");
  g_assert_nonnull (finding);
  g_assert_cmpint (finding->score, ==, 80);
  g_assert_nonnull (strstr (finding->evidence, "Macros/"));
  g_assert_nonnull (finding_at (xls_report, NULL, "attachment.macro-ole"));
  g_assert_nonnull (finding_at (bin_report, NULL, "attachment.macro-ole"));

  /* A program embedded as a Packager object is a member like any other. */
  {
    g_autoptr(GBytes) pe = taiou_test_pe_new ();
    g_autoptr(GBytes) native = taiou_test_ole10native ("請求書.pdf.exe", pe);
    const char * const paths[] = { "WordDocument", "ObjectPool/_1234/\001Ole10Native", NULL };
    GBytes * const contents[] = { pe, native, NULL };
    g_autoptr(GBytes) with_object = taiou_test_ole_new_streams (paths, contents);
    g_autoptr(TaiouAttachmentReport) report = classify ("議事録.doc", with_object);

    g_assert_nonnull (finding_at (report, "議事録.doc/請求書.pdf.exe", "attachment.executable"));
    g_assert_nonnull (finding_at (report, "議事録.doc/請求書.pdf.exe", "attachment.double-extension"));
  }

  g_assert_cmpint (plain_report->type, ==, TAIOU_ATTACHMENT_TYPE_OLE_OFFICE);
  g_assert_cmpuint (plain_report->findings->len, ==, 0);
  /* A "dir" stream without its PROJECT is not a VBA project. */
  g_assert_null (finding_at (half_report, NULL, "attachment.macro-ole"));
}

static void
test_xlm_biff (void)
{
  const char * const streams[] = { "\005SummaryInformation", NULL };
  g_autoptr(GBytes) very_hidden = taiou_test_biff_workbook ("Macro1", 1, 2);
  g_autoptr(GBytes) hidden = taiou_test_biff_workbook ("Auto_Open", 1, 1);
  g_autoptr(GBytes) worksheet = taiou_test_biff_workbook ("売上", 0, 1);
  g_autoptr(GBytes) xls1 = taiou_test_ole_new (streams, very_hidden);
  g_autoptr(GBytes) xls2 = taiou_test_ole_new (streams, hidden);
  g_autoptr(GBytes) xls3 = taiou_test_ole_new (streams, worksheet);
  g_autoptr(TaiouAttachmentReport) r1 = classify ("請求書.xls", xls1);
  g_autoptr(TaiouAttachmentReport) r2 = classify ("請求書.xls", xls2);
  g_autoptr(TaiouAttachmentReport) r3 = classify ("売上.xls", xls3);
  g_autoptr(GPtrArray) sheets = NULL;
  TaiouFinding *finding;
  gsize length;
  const guint8 *data = g_bytes_get_data (very_hidden, &length);

  finding = finding_at (r1, NULL, "attachment.xlm-macrosheet");
  g_assert_nonnull (finding);
  g_assert_cmpint (finding->score, ==, 95);
  g_assert_nonnull (strstr (finding->evidence, "“Macro1” (very hidden)"));
  g_assert_cmpint (finding_at (r2, NULL, "attachment.xlm-macrosheet")->score, ==, 90);
  g_assert_null (finding_at (r3, NULL, "attachment.xlm-macrosheet"));
  g_assert_null (finding_at (r3, NULL, "attachment.macro-ole"));

  sheets = _taiou_biff_boundsheets (data, length);
  g_assert_cmpuint (sheets->len, ==, 2);
  g_assert_cmpstr (((TaiouBiffSheet *) sheets->pdata[0])->name, ==, "Sheet1");
  g_assert_cmpint (((TaiouBiffSheet *) sheets->pdata[1])->type, ==, 1);
  g_assert_cmpint (((TaiouBiffSheet *) sheets->pdata[1])->visibility, ==, 2);
}

static void
test_ooxml (void)
{
  g_autoptr(GBytes) xlsm = taiou_test_ooxml_new (TRUE, FALSE);
  g_autoptr(GBytes) xlsx_xlm = taiou_test_ooxml_new (FALSE, TRUE);
  g_autoptr(GBytes) docx = taiou_test_ooxml_new (FALSE, FALSE);
  g_autoptr(TaiouAttachmentReport) macro = classify ("請求書.xlsm", xlsm);
  g_autoptr(TaiouAttachmentReport) xlm = classify ("請求書.xlsx", xlsx_xlm);
  g_autoptr(TaiouAttachmentReport) clean = classify ("議事録.docx", docx);
  TaiouFinding *finding;

  g_assert_cmpint (macro->type, ==, TAIOU_ATTACHMENT_TYPE_OOXML_OFFICE);
  finding = finding_at (macro, NULL, "attachment.macro-ooxml");
  g_assert_nonnull (finding);
  g_assert_cmpint (finding->score, ==, 80);
  g_assert_nonnull (strstr (finding->evidence, "xl/vbaProject.bin"));
  g_assert_nonnull (strstr (finding->evidence, "application/vnd.ms-office.vbaProject"));
  /* The project itself is an OLE file, inspected as a member. */
  g_assert_nonnull (finding_at (macro, "請求書.xlsm/xl/vbaProject.bin", "attachment.macro-ole"));

  g_assert_nonnull (finding_at (xlm, NULL, "attachment.xlm-macrosheet"));
  g_assert_null (finding_at (xlm, NULL, "attachment.macro-ooxml"));

  g_assert_cmpint (clean->type, ==, TAIOU_ATTACHMENT_TYPE_OOXML_OFFICE);
  g_assert_cmpint (taiou_attachment_report_get_score (clean), ==, 0);
  g_assert_cmpuint (clean->members->len, ==, 2);
}

static void
test_zip_nested (void)
{
  const char * const word[] = { "Macros/VBA/dir", "Macros/PROJECT", "WordDocument", NULL };
  g_autoptr(GBytes) doc = taiou_test_ole_new (word, NULL);
  g_autoptr(GBytes) pe = taiou_test_pe_new ();
  g_autoptr(GBytes) inner = taiou_test_zip_of ("請求書.pdf.exe", pe);
  TaiouTestMember members[] = { { "請求書.doc", doc }, { "inner.zip", inner } };
  g_autoptr(GBytes) outer = taiou_test_zip_new (members, 2, NULL, NULL);
  g_autoptr(TaiouAttachmentReport) report = classify ("請求書.zip", outer);
  g_autoptr(GPtrArray) all = taiou_attachment_report_collect (report);
  g_autofree char *doc_hex = sha256_hex (doc);
  TaiouAttachmentReport *member;

  g_assert_cmpint (report->type, ==, TAIOU_ATTACHMENT_TYPE_ZIP);
  g_assert_cmpuint (report->members->len, ==, 2);
  g_assert_cmpuint (report->findings->len, ==, 0);
  member = taiou_attachment_report_find (report, "請求書.zip/請求書.doc");
  g_assert_nonnull (member);
  g_assert_cmpstr (member->sha256, ==, doc_hex);
  g_assert_cmpuint (member->depth, ==, 1);
  g_assert_nonnull (finding_at (report, "請求書.zip/請求書.doc", "attachment.macro-ole"));
  g_assert_nonnull (finding_at (report, "請求書.zip/inner.zip/請求書.pdf.exe",
                                "attachment.double-extension"));
  g_assert_nonnull (finding_at (report, "請求書.zip/inner.zip/請求書.pdf.exe",
                                "attachment.executable"));
  /* Collected highest first. */
  g_assert_cmpuint (all->len, ==, 3);
  g_assert_cmpint (((TaiouFinding *) all->pdata[0])->score, ==, 90);
  g_assert_cmpint (taiou_attachment_report_get_score (report), >=, 90);
}

static void
test_zip_encrypted (void)
{
  g_autoptr(GBytes) pe = taiou_test_pe_new ();
  g_autoptr(GBytes) text = taiou_test_bytes_printf ("hello");
  TaiouTestMember members[] = { { "請求書.pdf.exe", pe }, { "memo.txt", text } };
  const char * const methods[] = { "zipcrypt", "aes256" };

  for (guint i = 0; i < G_N_ELEMENTS (methods); i++)
    {
      g_autoptr(GBytes) zip = taiou_test_zip_new (members, 2, methods[i], "Kx8fPq2Z");
      g_autoptr(TaiouAttachmentReport) report = classify ("請求書.zip", zip);
      TaiouAttachmentReport *member = taiou_attachment_report_find (report, "請求書.zip/請求書.pdf.exe");
      TaiouFinding *finding = finding_at (report, NULL, "attachment.encrypted-zip");

      g_test_message ("encryption %s", methods[i]);
      g_assert_nonnull (finding);
      g_assert_cmpint (finding->score, ==, 60);
      g_assert_nonnull (strstr (finding->evidence, "請求書.pdf.exe"));
      g_assert_nonnull (member);
      g_assert_true (member->encrypted);
      g_assert_null (member->sha256);
      /* Names are not encrypted in zips, and they still give the disguise away. */
      g_assert_nonnull (finding_at (report, "請求書.zip/請求書.pdf.exe", "attachment.double-extension"));
      g_assert_null (finding_at (report, NULL, "attachment.zip-password-in-body"));
    }
  {
    g_autoptr(GBytes) zip = taiou_test_zip_new (members, 2, NULL, NULL);
    g_autoptr(TaiouAttachmentReport) report = classify ("請求書.zip", zip);

    g_assert_null (finding_at (report, NULL, "attachment.encrypted-zip"));
    g_assert_false (((TaiouAttachmentReport *) report->members->pdata[0])->encrypted);
  }
}

static void
test_zip_names (void)
{
  g_autoptr(GBytes) pe = taiou_test_pe_new ();
  g_autoptr(GBytes) cp932 = taiou_test_zip_cp932 ("請求書.pdf.exe", pe);
  g_autoptr(GBytes) utf8 = taiou_test_zip_of ("請求書.pdf.exe", pe);
  g_autoptr(TaiouAttachmentReport) report = classify ("請求書.zip", cp932);
  g_autoptr(TaiouAttachmentReport) in_c_locale = NULL;
  g_autofree char *saved = g_strdup (setlocale (LC_CTYPE, NULL));

  /* The name bytes are Shift_JIS; the report gives them in UTF-8. */
  g_assert_null (g_strstr_len (g_bytes_get_data (cp932, NULL), g_bytes_get_size (cp932),
                               "請求書"));
  g_assert_nonnull (finding_at (report, "請求書.zip/請求書.pdf.exe", "attachment.double-extension"));

  /* UTF-8 bytes without the zip's UTF-8 flag (7-Zip, Windows on a UTF-8 system) are UTF-8, not
   * mojibake read as CP932. */
  {
    g_autoptr(GBytes) unflagged = taiou_test_zip_utf8_unflagged ("請求書_2026年11月分.pdf.exe", pe);
    g_autoptr(GBytes) cp932_table = taiou_test_zip_cp932 ("表計算ソフト.xls.exe", pe);
    g_autoptr(TaiouAttachmentReport) from_7zip = classify ("請求書.zip", unflagged);
    g_autoptr(TaiouAttachmentReport) from_windows = classify ("表.zip", cp932_table);
    const guint8 *bytes = g_bytes_get_data (unflagged, NULL);
    const char *utf8_name = "請求書_2026年11月分";
    gboolean has_utf8_bytes = FALSE;

    /* The fixture really has the UTF-8 bytes (a zip has NULs: no g_strstr_len) with bit 11
     * of the first local header clear. */
    for (gsize i = 0; i + strlen (utf8_name) <= g_bytes_get_size (unflagged); i++)
      has_utf8_bytes |= memcmp (bytes + i, utf8_name, strlen (utf8_name)) == 0;
    g_assert_true (has_utf8_bytes);
    g_assert_cmpuint (bytes[7] & 0x08, ==, 0);
    g_assert_nonnull (finding_at (from_7zip, "請求書.zip/請求書_2026年11月分.pdf.exe",
                                  "attachment.double-extension"));
    /* 「表」 is 0x95 0x5C in CP932: its second byte is a backslash, not a folder separator. */
    g_assert_nonnull (finding_at (from_windows, "表.zip/表計算ソフト.xls.exe",
                                  "attachment.double-extension"));
  }

  /* A process that never chose a locale still gets its Japanese names. */
  setlocale (LC_CTYPE, "C");
  in_c_locale = classify ("請求書.zip", utf8);
  setlocale (LC_CTYPE, saved);
  g_assert_nonnull (taiou_attachment_report_find (in_c_locale, "請求書.zip/請求書.pdf.exe"));
}

static void
test_zip_password_in_body (void)
{
  g_autoptr(GBytes) text = taiou_test_bytes_printf ("hello");
  TaiouTestMember members[] = { { "請求書.doc", text } };
  g_autoptr(GBytes) encrypted = taiou_test_zip_new (members, 1, "zipcrypt", "Kx8fPq2Z");
  g_autoptr(GBytes) plain = taiou_test_zip_new (members, 1, NULL, NULL);
  const char *body = "いつもお世話になっております。\n請求書を送付します。\n\n解凍パスワード：Kx8fPq2Z\n";
  const char *separate = "請求書を送付します。\nパスワードは別途お送りします。\n";
  g_autoptr(TaiouAttachmentReport) report = classify_full ("請求書.zip", encrypted, body, NULL, NULL);
  g_autoptr(TaiouAttachmentReport) later = classify_full ("請求書.zip", encrypted, separate, NULL, NULL);
  g_autoptr(TaiouAttachmentReport) unencrypted = classify_full ("請求書.zip", plain, body, NULL, NULL);
  TaiouFinding *finding = finding_at (report, NULL, "attachment.zip-password-in-body");

  g_assert_nonnull (finding);
  g_assert_cmpint (finding->score, ==, 80);
  /* Shown masked: the report may travel further than the mail did. */
  g_assert_nonnull (strstr (finding->evidence, "Kx******"));
  g_assert_null (strstr (finding->evidence, "Kx8fPq2Z"));
  g_assert_null (finding_at (later, NULL, "attachment.zip-password-in-body"));
  g_assert_nonnull (finding_at (later, NULL, "attachment.encrypted-zip"));
  g_assert_null (finding_at (unencrypted, NULL, "attachment.zip-password-in-body"));
}

static void
test_7z_and_iso (void)
{
  g_autoptr(GBytes) pe = taiou_test_pe_new ();
  g_autoptr(GBytes) lnk = taiou_test_lnk_new ("C:\\Windows\\System32\\cmd.exe", "/c echo");
  TaiouTestMember members[] = { { "請求書.exe", pe }, { "開く.lnk", lnk } };
  g_autoptr(GBytes) seven = taiou_test_7z_new (members, 2);
  g_autoptr(GBytes) iso = taiou_test_iso_new (members, 2);
  g_autoptr(TaiouAttachmentReport) seven_report = classify ("書類.7z", seven);
  g_autoptr(TaiouAttachmentReport) iso_report = classify ("書類.iso", iso);

  g_assert_cmpint (seven_report->type, ==, TAIOU_ATTACHMENT_TYPE_7Z);
  g_assert_nonnull (finding_at (seven_report, "書類.7z/請求書.exe", "attachment.executable"));
  g_assert_cmpint (finding_at (seven_report, "書類.7z/開く.lnk", "attachment.lnk")->score, ==, 100);

  g_assert_cmpint (iso_report->type, ==, TAIOU_ATTACHMENT_TYPE_ISO);
  g_assert_nonnull (finding_at (iso_report, NULL, "attachment.disk-image"));
  g_assert_true (anywhere (iso_report, "attachment.executable"));
  g_assert_true (anywhere (iso_report, "attachment.lnk"));
}

static void
test_limits_depth (void)
{
  g_autoptr(GBytes) bytes = taiou_test_pe_new ();
  g_autoptr(TaiouAttachmentReport) report = NULL;
  g_autoptr(TaiouAttachmentReport) shallow = NULL;
  TaiouAttachmentReport *deepest;

  for (guint i = 0; i < 7; i++)
    {
      g_autofree char *name = g_strdup_printf ("level%u.zip", 7 - i);
      GBytes *wrapped = taiou_test_zip_of (i == 0 ? "evil.exe" : name, bytes);

      g_bytes_unref (bytes);
      bytes = wrapped;
    }
  report = classify ("level0.zip", bytes);
  g_assert_true (anywhere (report, "attachment.too-large-to-inspect"));
  g_assert_false (anywhere (report, "attachment.executable"));
  deepest = taiou_attachment_report_find (report, "level0.zip/level1.zip/level2.zip/level3.zip/"
                                                  "level4.zip/level5.zip");
  g_assert_nonnull (deepest);
  g_assert_cmpuint (deepest->depth, ==, 5);
  g_assert_nonnull (finding_at (deepest, NULL, "attachment.too-large-to-inspect"));

  /* Five levels are inspected in full. */
  g_clear_pointer (&bytes, g_bytes_unref);
  bytes = taiou_test_pe_new ();
  for (guint i = 0; i < 5; i++)
    {
      GBytes *wrapped = taiou_test_zip_of (i == 0 ? "evil.exe" : "inner.zip", bytes);

      g_bytes_unref (bytes);
      bytes = wrapped;
    }
  shallow = classify ("outer.zip", bytes);
  g_assert_false (anywhere (shallow, "attachment.too-large-to-inspect"));
  g_assert_true (anywhere (shallow, "attachment.executable"));
}

static void
test_limits_members (void)
{
  g_autoptr(GBytes) many = taiou_test_zip_many (TAIOU_ATTACHMENT_DEFAULT_MAX_MEMBERS + 200);
  g_autoptr(GBytes) few = taiou_test_zip_many (50);
  g_autoptr(TaiouAttachmentReport) report = classify ("many.zip", many);
  g_autoptr(TaiouAttachmentReport) fine = classify ("few.zip", few);
  TaiouFinding *finding = finding_at (report, NULL, "attachment.too-large-to-inspect");

  g_assert_nonnull (finding);
  g_assert_cmpint (finding->score, ==, 60);
  g_assert_cmpuint (report->members->len, ==, TAIOU_ATTACHMENT_DEFAULT_MAX_MEMBERS);
  g_assert_null (finding_at (fine, NULL, "attachment.too-large-to-inspect"));
  g_assert_cmpuint (fine->members->len, ==, 50);
}

static void
test_limits_bomb (void)
{
  TaiouAttachmentLimits limits;
  g_autoptr(GBytes) bomb = NULL;
  g_autoptr(GBytes) small = taiou_test_zip_zeros ("data.bin", 1 << 20);
  g_autoptr(TaiouAttachmentReport) report = NULL;
  g_autoptr(TaiouAttachmentReport) fine = NULL;
  TaiouAttachmentReport *member;
  gint64 start;

  /* 300 MiB of zeros deflate to well under 1 MiB; the default 256 MiB budget stops it. */
  bomb = taiou_test_zip_zeros ("請求書.doc", G_GUINT64_CONSTANT (300) << 20);
  g_assert_cmpuint (g_bytes_get_size (bomb), <, 1 << 20);
  start = g_get_monotonic_time ();
  report = classify ("bomb.zip", bomb);
  g_test_message ("300 MiB bomb classified in %.2f s",
                  (g_get_monotonic_time () - start) / 1e6);
  member = report->members->pdata[0];
  g_assert_nonnull (finding_at (member, NULL, "attachment.too-large-to-inspect"));
  g_assert_false (member->complete);
  g_assert_null (member->sha256);
  g_assert_cmpuint (member->size, <=, TAIOU_ATTACHMENT_DEFAULT_MAX_TOTAL_BYTES);
  /* The zeros read before the stop are padding in their own right. */
  g_assert_nonnull (finding_at (member, NULL, "attachment.padded"));

  taiou_attachment_limits_init (&limits);
  limits.max_total_bytes = 4 << 20;
  fine = classify_full ("small.zip", small, NULL, &limits, NULL);
  g_assert_false (anywhere (fine, "attachment.too-large-to-inspect"));
  g_assert_true (((TaiouAttachmentReport *) fine->members->pdata[0])->complete);
  limits.max_total_bytes = 512 * 1024;
  g_clear_pointer (&fine, taiou_attachment_report_unref);
  fine = classify_full ("small.zip", small, NULL, &limits, NULL);
  g_assert_true (anywhere (fine, "attachment.too-large-to-inspect"));
}

static void
test_damaged (void)
{
  g_autoptr(GBytes) text = taiou_test_bytes_printf ("hello hello");
  g_autoptr(GBytes) zip = taiou_test_zip_of ("a.txt", text);
  g_autoptr(GBytes) ole = taiou_test_bytes_printf ("\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1 broken");
  g_autoptr(GBytes) cut = g_bytes_new_from_bytes (zip, 0, 40);
  g_autoptr(TaiouAttachmentReport) ole_report = classify ("a.doc", ole);
  g_autoptr(TaiouAttachmentReport) zip_report = classify ("a.zip", cut);

  g_autofree guint8 *fake_iso = g_malloc0 (0x9000);
  g_autoptr(GBytes) iso = NULL;
  g_autoptr(TaiouAttachmentReport) iso_report = NULL;

  g_assert_nonnull (finding_at (ole_report, NULL, "attachment.unreadable"));
  g_assert_nonnull (finding_at (zip_report, NULL, "attachment.unreadable"));

  /* An ISO 9660 signature libarchive then refuses: asking it about encryption after the failed
   * open crashed libarchive 3.6.2 (found by fuzz-attachment). */
  memcpy (fake_iso + 0x8001, "CD001\x01", 6);
  iso = g_bytes_new (fake_iso, 0x9000);
  iso_report = classify ("a.iso", iso);
  g_assert_cmpint (iso_report->type, ==, TAIOU_ATTACHMENT_TYPE_ISO);
  g_assert_nonnull (finding_at (iso_report, NULL, "attachment.unreadable"));
}

int
main (int    argc,
      char **argv)
{
  /* As the app and the CLI do; the fixtures' archive writers convert names through it. */
  setlocale (LC_ALL, "");
  if (argc == 3 && g_strcmp0 (argv[1], "--write-corpus") == 0)
    {
      taiou_test_write_corpus (argv[2]);
      return 0;
    }

  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/taiou/attachment/onenote", test_onenote);
  g_test_add_func ("/taiou/attachment/ole-macros", test_ole_macros);
  g_test_add_func ("/taiou/attachment/xlm-biff", test_xlm_biff);
  g_test_add_func ("/taiou/attachment/ooxml", test_ooxml);
  g_test_add_func ("/taiou/attachment/zip-nested", test_zip_nested);
  g_test_add_func ("/taiou/attachment/zip-encrypted", test_zip_encrypted);
  g_test_add_func ("/taiou/attachment/zip-names", test_zip_names);
  g_test_add_func ("/taiou/attachment/zip-password-in-body", test_zip_password_in_body);
  g_test_add_func ("/taiou/attachment/7z-and-iso", test_7z_and_iso);
  g_test_add_func ("/taiou/attachment/limits-depth", test_limits_depth);
  g_test_add_func ("/taiou/attachment/limits-members", test_limits_members);
  g_test_add_func ("/taiou/attachment/limits-bomb", test_limits_bomb);
  g_test_add_func ("/taiou/attachment/damaged", test_damaged);
  return g_test_run ();
}
