/* taiou-attachment-lnk.c — Windows shortcuts (MS-SHLLINK) and what they would run
 *
 * Emotet (2022) and its successors mailed .lnk files whose arguments start PowerShell or
 * cmd.exe with a download command.  A shortcut never has a reason to arrive by mail, so every
 * one is reported; the command it would run goes into the evidence so the IT manager can see
 * it without running anything.  Every offset read from the file is checked against its length.
 */
#define G_LOG_DOMAIN "taiou-attachment"

#include "config.h"

#include <string.h>

#include "taiou-attachment-private.h"
#include "taiou-bytes-private.h"
#include "taiou-utf16-private.h"

/* MS-SHLLINK 2.1: HeaderSize 0x4C and LinkCLSID 00021401-0000-0000-C000-000000000046. */
#define LNK_HEADER_SIZE 0x4C
static const guint8 LNK_CLSID[16] = {
  0x01, 0x14, 0x02, 0x00, 0x00, 0x00, 0x00, 0x00, 0xC0, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x46
};

/* LinkFlags (MS-SHLLINK 2.1.1) */
enum
{
  HAS_LINK_TARGET_ID_LIST = 1 << 0,
  HAS_LINK_INFO           = 1 << 1,
  HAS_NAME                = 1 << 2,
  HAS_RELATIVE_PATH       = 1 << 3,
  HAS_WORKING_DIR         = 1 << 4,
  HAS_ARGUMENTS           = 1 << 5,
  HAS_ICON_LOCATION       = 1 << 6,
  IS_UNICODE              = 1 << 7,
};

#define ENVIRONMENT_VARIABLE_BLOCK 0xA0000001u
#define MAX_EXTRA_BLOCKS 64
#define MAX_EVIDENCE_CHARS 512

gboolean
_taiou_lnk_is_lnk (const guint8 *data,
                   gsize         length)
{
  return length >= LNK_HEADER_SIZE && _taiou_read_le32 (data) == LNK_HEADER_SIZE &&
         memcmp (data + 4, LNK_CLSID, sizeof LNK_CLSID) == 0;
}

/* The "system default code page" of a Japanese office is CP932 (Shift_JIS). */
static char *
ansi_string (const guint8 *p,
             gsize         length)
{
  const guint8 *nul = memchr (p, '\0', length);
  gsize n = nul != NULL ? (gsize) (nul - p) : length;
  g_autofree char *raw = g_strndup ((const char *) p, n);
  char *converted;

  if (g_utf8_validate (raw, -1, NULL))
    return g_steal_pointer (&raw);
  converted = g_convert (raw, -1, "UTF-8", "CP932", NULL, NULL, NULL);
  if (converted != NULL)
    return converted;
  return g_utf8_make_valid (raw, -1);
}

void
_taiou_lnk_info_clear (TaiouLnkInfo *info)
{
  g_clear_pointer (&info->local_base_path, g_free);
  g_clear_pointer (&info->env_target, g_free);
  g_clear_pointer (&info->name, g_free);
  g_clear_pointer (&info->relative_path, g_free);
  g_clear_pointer (&info->working_dir, g_free);
  g_clear_pointer (&info->arguments, g_free);
  g_clear_pointer (&info->icon_location, g_free);
}

/* MS-SHLLINK 2.3: LinkInfo; the local base path is what most malicious shortcuts point at. */
static void
parse_link_info (const guint8 *li,
                 guint32       size,
                 TaiouLnkInfo *info)
{
  guint32 header_size;
  guint32 flags;
  guint32 offset;

  if (size < 0x1C)
    return;
  header_size = _taiou_read_le32 (li + 4);
  flags = _taiou_read_le32 (li + 8);
  if (!(flags & 1))   /* VolumeIDAndLocalBasePath */
    return;
  if (header_size >= 0x24 && size >= 0x24)
    {
      offset = _taiou_read_le32 (li + 0x1C);  /* LocalBasePathOffsetUnicode */
      if (offset != 0 && offset < size)
        info->local_base_path = _taiou_utf16le_to_utf8 (li + offset, size - offset, NULL);
    }
  offset = _taiou_read_le32 (li + 0x10);      /* LocalBasePathOffset */
  if (info->local_base_path == NULL && offset != 0 && offset < size)
    info->local_base_path = ansi_string (li + offset, size - offset);
}

/* MS-SHLLINK 2.5.4: EnvironmentVariableDataBlock, often "%COMSPEC%" or "%windir%\…". */
static void
parse_extra_data (const guint8 *data,
                  gsize         length,
                  gsize         pos,
                  TaiouLnkInfo *info)
{
  for (guint n = 0; n < MAX_EXTRA_BLOCKS && length - pos >= 8; n++)
    {
      guint32 size = _taiou_read_le32 (data + pos);

      if (size < 8 || size > length - pos)
        return;
      if (_taiou_read_le32 (data + pos + 4) == ENVIRONMENT_VARIABLE_BLOCK &&
          size >= 8 + 260 + 520 && info->env_target == NULL)
        {
          info->env_target = _taiou_utf16le_to_utf8 (data + pos + 8 + 260, 520, NULL);
          if (info->env_target[0] == '\0')
            {
              g_free (info->env_target);
              info->env_target = ansi_string (data + pos + 8, 260);
            }
        }
      pos += size;
    }
}

/* Fills what it finds, stopping quietly at the first structure that does not fit; FALSE only
 * when the data is not a shortcut at all. */
gboolean
_taiou_lnk_parse (const guint8 *data,
                  gsize         length,
                  TaiouLnkInfo *info)
{
  char **strings[] = { &info->name, &info->relative_path, &info->working_dir,
                       &info->arguments, &info->icon_location };
  gsize pos = LNK_HEADER_SIZE;
  gboolean unicode;

  g_return_val_if_fail (info != NULL, FALSE);

  memset (info, 0, sizeof *info);
  if (!_taiou_lnk_is_lnk (data, length))
    return FALSE;
  info->flags = _taiou_read_le32 (data + 0x14);
  unicode = (info->flags & IS_UNICODE) != 0;

  if (info->flags & HAS_LINK_TARGET_ID_LIST)
    {
      if (length - pos < 2 || _taiou_read_le16 (data + pos) > length - pos - 2)
        return TRUE;
      pos += 2 + _taiou_read_le16 (data + pos);
    }
  if (info->flags & HAS_LINK_INFO)
    {
      guint32 size;

      if (length - pos < 4)
        return TRUE;
      size = _taiou_read_le32 (data + pos);
      if (size < 4 || size > length - pos)
        return TRUE;
      parse_link_info (data + pos, size, info);
      pos += size;
    }
  /* MS-SHLLINK 2.4: StringData, each present one in this order, CountCharacters first. */
  for (guint i = 0; i < G_N_ELEMENTS (strings); i++)
    {
      gsize count;
      gsize bytes;

      if (!(info->flags & (HAS_NAME << i)))
        continue;
      if (length - pos < 2)
        return TRUE;
      count = _taiou_read_le16 (data + pos);
      bytes = unicode ? count * 2 : count;
      pos += 2;
      if (bytes > length - pos)
        return TRUE;
      *strings[i] = unicode ? _taiou_utf16le_to_utf8 (data + pos, bytes, NULL)
                            : ansi_string (data + pos, bytes);
      pos += bytes;
    }
  parse_extra_data (data, length, pos, info);
  return TRUE;
}

static const char * const launchers[] = {
  "powershell", "pwsh", "cmd.exe", "cmd /c", "cmd /k", "%comspec%", "mshta", "regsvr32",
  "rundll32", "wscript", "cscript", "certutil", "bitsadmin", "msiexec", "conhost", "forfiles",
  "curl", NULL
};

static const char *
find_launcher (const char *text)
{
  g_autofree char *lower = NULL;

  if (text == NULL)
    return NULL;
  lower = g_utf8_strdown (text, -1);
  for (guint i = 0; launchers[i] != NULL; i++)
    if (strstr (lower, launchers[i]) != NULL)
      return launchers[i];
  return NULL;
}

static void
append_field (GString    *evidence,
              const char *label,
              const char *value)
{
  g_autofree char *escaped = NULL;

  if (value == NULL || value[0] == '\0')
    return;
  escaped = _taiou_attachment_escape_name (value);
  if (g_utf8_strlen (escaped, -1) > MAX_EVIDENCE_CHARS)
    *g_utf8_offset_to_pointer (escaped, MAX_EVIDENCE_CHARS) = '\0';
  if (evidence->len > 0)
    g_string_append (evidence, "; ");
  g_string_append_printf (evidence, "%s: %s", label, escaped);
}

void
_taiou_attachment_check_lnk (TaiouAttachmentReport *report,
                             const guint8          *data,
                             gsize                  length)
{
  TaiouLnkInfo info;
  g_autoptr(GString) evidence = g_string_new (NULL);
  const char *launcher = NULL;

  g_assert (report != NULL);

  if (!_taiou_lnk_parse (data, length, &info))
    return;

  append_field (evidence, "target", info.local_base_path);
  append_field (evidence, "environment target", info.env_target);
  append_field (evidence, "relative path", info.relative_path);
  append_field (evidence, "arguments", info.arguments);
  append_field (evidence, "working directory", info.working_dir);
  append_field (evidence, "icon", info.icon_location);
  append_field (evidence, "description", info.name);
  if (evidence->len == 0)
    g_string_append (evidence, "Windows shortcut without a readable target");

  launcher = find_launcher (info.local_base_path);
  if (launcher == NULL)
    launcher = find_launcher (info.env_target);
  if (launcher == NULL)
    launcher = find_launcher (info.relative_path);
  if (launcher == NULL)
    launcher = find_launcher (info.arguments);
  if (launcher != NULL)
    {
      g_string_prepend (evidence, "” — ");
      g_string_prepend (evidence, launcher);
      g_string_prepend (evidence, "runs “");
    }

  _taiou_attachment_add_finding (report, "attachment.lnk", launcher != NULL ? 100 : 80,
                                 evidence->str,
                                 launcher != NULL
                                 ? "ショートカットファイル（.lnk）で、開くとパソコンに命令を実行させる"
                                   "プログラム（PowerShell やコマンドプロンプトなど）が動くように"
                                   "作られています。ウイルス感染を狙ったものです。絶対に開かないでください。"
                                 : "ショートカットファイル（.lnk）です。メールでショートカットが届くことは"
                                   "普通ありません。開かずに削除してください。",
                                 launcher != NULL
                                 ? "This is a shortcut (.lnk) made to start a program that runs "
                                   "commands (such as PowerShell or the command prompt). It is meant "
                                   "to infect the computer. Do not open it."
                                 : "This is a shortcut (.lnk) file; shortcuts do not normally "
                                   "arrive by mail. Delete it without opening it.");
  _taiou_lnk_info_clear (&info);
}
