/* taiou-attachment-magic.c — what a file is by its first bytes, and what its name hides
 *
 * Types come from content first: a program renamed to 請求書.pdf is still a program.  Names
 * are checked for the two disguises Emotet-era mails used: a document extension in front of
 * the real one (請求書.pdf.exe, often with spaces before .exe) and a right-to-left override
 * that makes "invoice\u202Efdp.exe" display as "invoiceexe.pdf".
 */
#define G_LOG_DOMAIN "taiou-attachment"

#include "config.h"

#include <string.h>

#include "taiou-attachment-private.h"
#include "taiou-bytes-private.h"

static const guint8 OLE_MAGIC[8] = { 0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1 };
static const guint8 SEVEN_ZIP_MAGIC[6] = { '7', 'z', 0xBC, 0xAF, 0x27, 0x1C };

/* Windows runs these directly (or through a built-in host) on a double click. */
static const char * const executable_extensions[] = {
  "exe", "scr", "com", "pif", "cpl", "dll", "msi", "msp", "jar", "appx", "msix", NULL
};
static const char * const script_extensions[] = {
  "js", "jse", "vbs", "vbe", "wsf", "wsh", "hta", "ps1", "psm1", "bat", "cmd", "vb", "sct",
  "wsc", NULL
};
/* What a disguised program pretends to be. */
static const char * const decoy_extensions[] = {
  "pdf", "doc", "docx", "docm", "xls", "xlsx", "xlsm", "ppt", "pptx", "txt", "rtf", "csv",
  "jpg", "jpeg", "png", "gif", "zip", "htm", "html", "one", "mp3", "mp4", "wav", NULL
};
static const char * const dangerous_extensions[] = {
  "exe", "scr", "com", "pif", "cpl", "msi", "jar", "js", "jse", "vbs", "vbe", "wsf", "wsh",
  "hta", "ps1", "bat", "cmd", "lnk", "iso", "img", "vhd", "vhdx", NULL
};

static gboolean
in_list (const char         *ext,
         const char * const *list)
{
  if (ext == NULL)
    return FALSE;
  for (guint i = 0; list[i] != NULL; i++)
    if (strcmp (ext, list[i]) == 0)
      return TRUE;
  return FALSE;
}

/* The last path component without the trailing dots and spaces Windows ignores. */
static char *
base_name (const char *name)
{
  const char *slash = strrchr (name, '/');
  const char *backslash = strrchr (name, '\\');
  const char *start = name;
  char *base;
  gsize len;

  if (slash != NULL)
    start = slash + 1;
  if (backslash != NULL && backslash + 1 > start)
    start = backslash + 1;
  base = g_strdup (start);
  len = strlen (base);
  while (len > 0 && (base[len - 1] == ' ' || base[len - 1] == '.'))
    base[--len] = '\0';
  return base;
}

/* Lower-case ASCII extension number n from the end (0 = the last), or NULL. */
static char *
extension (const char *name,
           guint       n)
{
  g_autofree char *base = base_name (name);
  char *end = base + strlen (base);

  for (;;)
    {
      char *dot = g_strrstr_len (base, end - base, ".");
      g_autofree char *ext = NULL;

      if (dot == NULL || dot == base)
        return NULL;
      if (n == 0)
        {
          ext = g_strstrip (g_strndup (dot + 1, end - dot - 1));
          if (ext[0] == '\0' || strlen (ext) > 8)
            return NULL;
          return g_ascii_strdown (ext, -1);
        }
      end = dot;
      n--;
    }
}

static gboolean
is_bidi_control (gunichar c)
{
  return (c >= 0x202A && c <= 0x202E) || (c >= 0x2066 && c <= 0x2069);
}

/* The name with bidirectional and control characters shown as <U+XXXX>, safe to display. */
char *
_taiou_attachment_escape_name (const char *name)
{
  g_autofree char *valid = g_utf8_make_valid (name, -1);
  GString *out = g_string_new (NULL);

  for (const char *p = valid; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (is_bidi_control (c) || c < 0x20 || c == 0x7F || c == 0x200E || c == 0x200F)
        g_string_append_printf (out, "<U+%04X>", c);
      else
        g_string_append_unichar (out, c);
    }
  return g_string_free (out, FALSE);
}

static gboolean
is_pe (const guint8 *head,
       gsize         length)
{
  guint32 e_lfanew;

  if (length < 0x40 || head[0] != 'M' || head[1] != 'Z')
    return FALSE;
  e_lfanew = _taiou_read_le32 (head + 0x3C);
  return e_lfanew <= length - 4 && memcmp (head + e_lfanew, "PE\0\0", 4) == 0;
}

static gboolean
is_disk_image (const char   *ext,
               const guint8 *head,
               gsize         length)
{
  if (length < 512 || head[510] != 0x55 || head[511] != 0xAA)
    return FALSE;
  /* A boot sector alone is too weak (any 512-byte block may end so): want a file system. */
  return g_strcmp0 (ext, "img") == 0 ||
         (length >= 90 && (memcmp (head + 3, "NTFS    ", 8) == 0 ||
                           memcmp (head + 54, "FAT1", 4) == 0 ||
                           memcmp (head + 82, "FAT32", 5) == 0));
}

static const char * const script_markers[] = {
  "wscript.", "createobject(", "<hta:application", "powershell", "@echo off", "<script",
  "<job", "shell.application", "activexobject", "cmd.exe", "cmd /c", "mshta", "regsvr32",
  "rundll32", NULL
};

/* Script text by content, for files without a telling name (blobs embedded in OneNote). */
gboolean
_taiou_attachment_looks_like_script (const guint8  *data,
                                     gsize          length,
                                     const char   **marker)
{
  g_autofree char *lower = NULL;
  gsize n = MIN (length, TAIOU_SPOOL_HEAD_SIZE);

  if (n == 0 || memchr (data, '\0', n) != NULL)
    return FALSE;
  lower = g_ascii_strdown ((const char *) data, n);
  for (guint i = 0; script_markers[i] != NULL; i++)
    if (strstr (lower, script_markers[i]) != NULL)
      {
        if (marker != NULL)
          *marker = script_markers[i];
        return TRUE;
      }
  return FALSE;
}

TaiouAttachmentType
_taiou_attachment_detect_type (const char   *name,
                               const guint8 *head,
                               gsize         length)
{
  g_autofree char *ext = extension (name != NULL ? name : "", 0);

  /* name NULL: a blob without a name of its own, for which content is all there is. */
  if (_taiou_lnk_is_lnk (head, length))
    return TAIOU_ATTACHMENT_TYPE_LNK;
  if (_taiou_onenote_is_onenote (head, length))
    return TAIOU_ATTACHMENT_TYPE_ONENOTE;
  if (length >= sizeof OLE_MAGIC && memcmp (head, OLE_MAGIC, sizeof OLE_MAGIC) == 0)
    return TAIOU_ATTACHMENT_TYPE_OLE_OFFICE;
  if (is_pe (head, length))
    return TAIOU_ATTACHMENT_TYPE_PE;
  if (length >= 4 && head[0] == 'P' && head[1] == 'K' &&
      ((head[2] == 3 && head[3] == 4) || (head[2] == 5 && head[3] == 6) ||
       (head[2] == 7 && head[3] == 8)))
    return TAIOU_ATTACHMENT_TYPE_ZIP;
  if (length >= sizeof SEVEN_ZIP_MAGIC && memcmp (head, SEVEN_ZIP_MAGIC, 6) == 0)
    return TAIOU_ATTACHMENT_TYPE_7Z;
  if (length >= 7 && memcmp (head, "Rar!\x1A\x07", 6) == 0)
    return TAIOU_ATTACHMENT_TYPE_RAR;
  if (length >= 0x8006 && memcmp (head + 0x8001, "CD001", 5) == 0)
    return TAIOU_ATTACHMENT_TYPE_ISO;
  if (length >= 5 && g_strstr_len ((const char *) head, MIN (length, 1024), "%PDF-") != NULL)
    return TAIOU_ATTACHMENT_TYPE_PDF;
  if (is_disk_image (ext, head, length))
    return TAIOU_ATTACHMENT_TYPE_IMG;
  if (in_list (ext, script_extensions))
    return TAIOU_ATTACHMENT_TYPE_SCRIPT;
  if (name == NULL && _taiou_attachment_looks_like_script (head, length, NULL))
    return TAIOU_ATTACHMENT_TYPE_SCRIPT;
  return TAIOU_ATTACHMENT_TYPE_OTHER;
}

static void
check_double_extension (TaiouAttachmentReport *report,
                        const char            *last,
                        const char            *display)
{
  g_autofree char *previous = extension (report->name, 1);
  g_autofree char *evidence = NULL;
  g_autofree char *reason_ja = NULL;
  g_autofree char *reason_en = NULL;

  if (!in_list (last, dangerous_extensions) || !in_list (previous, decoy_extensions))
    return;
  evidence = g_strdup_printf ("name “%s” ends in .%s after .%s", display, last, previous);
  reason_ja = g_strdup_printf ("ファイル名は「.%s」の書類に見せかけていますが、本当の種類は「.%s」です。"
                               "開くとウイルスが動くおそれがあります。開かずに削除してください。",
                               previous, last);
  reason_en = g_strdup_printf ("The name pretends to be a .%s document, but the file is really a "
                               ".%s. Opening it may run malware. Delete it without opening it.",
                               previous, last);
  _taiou_attachment_add_finding (report, "attachment.double-extension", 90, evidence,
                                 reason_ja, reason_en);
}

static void
check_rtlo (TaiouAttachmentReport *report,
            const char            *display,
            const char            *last)
{
  g_autofree char *evidence = NULL;
  gboolean found = FALSE;

  if (!g_utf8_validate (report->name, -1, NULL))
    return;
  for (const char *p = report->name; *p != '\0' && !found; p = g_utf8_next_char (p))
    found = is_bidi_control (g_utf8_get_char (p));
  if (!found)
    return;
  evidence = g_strdup_printf ("name “%s” holds a text-direction control; its real extension is .%s",
                              display, last != NULL ? last : "(none)");
  _taiou_attachment_add_finding (report, "attachment.rtlo", 90, evidence,
                                 "ファイル名に文字の向きを逆にする特殊な文字が隠されていて、本当の種類"
                                 "（拡張子）が分からないように見せかけています。開かずに削除してください。",
                                 "The name hides a character that reverses the text direction, so the "
                                 "real file type (extension) is disguised. Delete it without opening it.");
}

void
_taiou_attachment_check_name (TaiouAttachmentReport *report)
{
  g_autofree char *last = NULL;
  g_autofree char *display = NULL;

  g_assert (report != NULL);

  if (report->name[0] == '\0')
    return;
  last = extension (report->name, 0);
  display = _taiou_attachment_escape_name (report->name);
  check_double_extension (report, last, display);
  check_rtlo (report, display, last);
}

/* Findings that follow from the type alone. */
void
_taiou_attachment_check_type (TaiouAttachmentReport *report,
                              TaiouSpool            *spool)
{
  g_autofree char *ext = extension (report->name, 0);
  g_autofree char *evidence = NULL;

  g_assert (report != NULL);

  if (report->type == TAIOU_ATTACHMENT_TYPE_PE || in_list (ext, executable_extensions))
    {
      gboolean disguised = report->type == TAIOU_ATTACHMENT_TYPE_PE &&
                           !in_list (ext, executable_extensions);

      if (disguised && ext != NULL)
        evidence = g_strdup_printf ("Windows program (MZ/PE header) named .%s", ext);
      else if (report->type == TAIOU_ATTACHMENT_TYPE_PE)
        evidence = g_strdup ("Windows program (MZ/PE header)");
      else
        evidence = g_strdup_printf ("extension .%s", ext);
      _taiou_attachment_add_finding (report, "attachment.executable", disguised ? 90 : 80, evidence,
                                     "プログラム（実行ファイル）です。開くとパソコンがウイルスに感染するおそれ"
                                     "があります。取引先からのメールでも開かずに削除してください。",
                                     "This is a program (an executable). Opening it can infect the "
                                     "computer. Delete it without opening it, even if the mail seems "
                                     "to come from a business partner.");
    }
  else if (report->type == TAIOU_ATTACHMENT_TYPE_SCRIPT)
    {
      const char *marker = NULL;

      if (ext != NULL && in_list (ext, script_extensions))
        evidence = g_strdup_printf ("script file (.%s)", ext);
      else if (_taiou_attachment_looks_like_script (spool->head, spool->head_len, &marker))
        evidence = g_strdup_printf ("script text (contains “%s”)", marker);
      else
        evidence = g_strdup ("script");
      _taiou_attachment_add_finding (report, "attachment.script", 80, evidence,
                                     "パソコンを操作する命令を書いたファイル（スクリプト）です。開くと"
                                     "ウイルスが入り込むおそれがあります。開かずに削除してください。",
                                     "This is a script: a file of commands that control the computer. "
                                     "Opening it can let malware in. Delete it without opening it.");
    }
  else if (report->type != TAIOU_ATTACHMENT_TYPE_LNK && g_strcmp0 (ext, "lnk") == 0)
    {
      _taiou_attachment_add_finding (report, "attachment.lnk", 80,
                                     "named .lnk (not a valid shortcut header)",
                                     "ショートカットファイル（.lnk）です。メールでショートカットが届くことは"
                                     "普通ありません。開かずに削除してください。",
                                     "This is a shortcut (.lnk) file; shortcuts do not normally "
                                     "arrive by mail. Delete it without opening it.");
    }

  if (report->type == TAIOU_ATTACHMENT_TYPE_ISO || report->type == TAIOU_ATTACHMENT_TYPE_IMG ||
      g_strcmp0 (ext, "vhd") == 0 || g_strcmp0 (ext, "vhdx") == 0)
    {
      g_clear_pointer (&evidence, g_free);
      evidence = g_strdup_printf ("disk image (%s)", report->type == TAIOU_ATTACHMENT_TYPE_OTHER
                                  ? ext : taiou_attachment_type_to_string (report->type));
      _taiou_attachment_add_finding (report, "attachment.disk-image", 60, evidence,
                                     "ディスクイメージ（ISO/IMG など）です。中のファイルは警告なしに開けて"
                                     "しまうため、攻撃によく使われます。開かずに担当者に相談してください。",
                                     "This is a disk image (ISO/IMG…). Files inside it open without the "
                                     "usual warning, so attackers use them. Do not open it; ask your IT "
                                     "contact.");
    }
}
