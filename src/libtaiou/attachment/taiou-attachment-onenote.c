/* taiou-attachment-onenote.c — files embedded in a OneNote section (.one)
 *
 * In 2023 Emotet and others mailed OneNote sections with a "double-click to view" picture over
 * an embedded .wsf, .hta, .vbs or program.  Embedded files live in FileDataStoreObjects
 * (MS-ONESTORE 2.6.13): a header GUID, a 64-bit length, 12 reserved bytes, then the bytes of
 * the file.  Pictures are stored the same way, so only embedded programs, scripts, shortcuts
 * and macro documents are reported.
 */
#define G_LOG_DOMAIN "taiou-attachment"
#define _GNU_SOURCE  /* memmem */

#include "config.h"

#include <string.h>

#include "taiou-attachment-private.h"
#include "taiou-bytes-private.h"

/* {7B5C52E4-D88C-4DA7-AEB1-5378D02996D3}, the .one file type, as stored (little-endian parts). */
static const guint8 ONENOTE_GUID[16] = {
  0xE4, 0x52, 0x5C, 0x7B, 0x8C, 0xD8, 0xA7, 0x4D, 0xAE, 0xB1, 0x53, 0x78, 0xD0, 0x29, 0x96, 0xD3
};
/* {BDE316E7-2665-4511-A4C4-8D4D0B7A9EAC}, FileDataStoreObject's guidHeader. */
static const guint8 FILE_DATA_GUID[16] = {
  0xE7, 0x16, 0xE3, 0xBD, 0x65, 0x26, 0x11, 0x45, 0xA4, 0xC4, 0x8D, 0x4D, 0x0B, 0x7A, 0x9E, 0xAC
};
/* guidHeader (16) + cbLength (8) + unused (4) + reserved (8) */
#define FILE_DATA_HEADER 36

gboolean
_taiou_onenote_is_onenote (const guint8 *data,
                           gsize         length)
{
  return length >= sizeof ONENOTE_GUID && memcmp (data, ONENOTE_GUID, sizeof ONENOTE_GUID) == 0;
}

static gboolean
is_dangerous (TaiouAttachmentReport *child)
{
  if (child->type == TAIOU_ATTACHMENT_TYPE_PE || child->type == TAIOU_ATTACHMENT_TYPE_SCRIPT ||
      child->type == TAIOU_ATTACHMENT_TYPE_LNK)
    return TRUE;
  for (guint i = 0; i < child->findings->len; i++)
    if (((TaiouFinding *) child->findings->pdata[i])->score >= TAIOU_SCORE_ALERT)
      return TRUE;
  return FALSE;
}

void
_taiou_attachment_check_onenote (TaiouAttachmentWalk   *walk,
                                 TaiouAttachmentReport *report,
                                 const guint8          *data,
                                 gsize                  length)
{
  g_autoptr(GString) evidence = g_string_new (NULL);
  gsize pos = 0;
  guint n = 0;

  g_assert (walk != NULL);
  g_assert (report != NULL);

  while (length - pos >= FILE_DATA_HEADER && _taiou_attachment_walk_continue (walk))
    {
      const guint8 *found = memmem (data + pos, length - pos, FILE_DATA_GUID, sizeof FILE_DATA_GUID);
      g_autofree char *name = NULL;
      TaiouAttachmentReport *child;
      gsize start;
      guint64 declared;
      gsize size;

      if (found == NULL || (gsize) (data + length - found) < FILE_DATA_HEADER)
        break;
      start = (gsize) (found - data) + FILE_DATA_HEADER;
      declared = _taiou_read_le64 (found + 16);
      /* A length past the end is a damaged or hostile file: take what is there. */
      size = (gsize) MIN (declared, (guint64) (length - start));
      name = g_strdup_printf ("embedded-file-%u", ++n);
      child = _taiou_attachment_inspect_slice (walk, report, name, FALSE, data + start, size);
      if (child != NULL && is_dangerous (child))
        g_string_append_printf (evidence, "%s%s: %s, %" G_GUINT64_FORMAT " bytes",
                                evidence->len > 0 ? "; " : "", name,
                                taiou_attachment_type_to_string (child->type), child->size);
      pos = start + size;
    }

  if (evidence->len == 0)
    return;
  _taiou_attachment_add_finding (report, "attachment.onenote-embedded", 90, evidence->str,
                                 "OneNote のファイルの中に、プログラムや命令を書いたファイルが隠されて"
                                 "います。画面の「ダブルクリックして表示」などの指示に従うと、ウイルスが"
                                 "動き出します。開かずに削除してください。",
                                 "This OneNote file hides a program or script inside it. Following "
                                 "its prompt (\"double-click to view\") would start malware. Delete "
                                 "it without opening it.");
}
