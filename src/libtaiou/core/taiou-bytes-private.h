/* taiou-bytes-private.h — little-endian integers read from untrusted bytes
 *
 * Every Windows format Taiou reads (OLE2 compound files, .msg properties, shortcuts, BIFF,
 * OneNote, registry hives, boot sectors) stores its integers little-endian at offsets that need
 * not be aligned.  One reader per width, through memcpy so that an unaligned offset is never a
 * misaligned load, instead of a hand-written shift-and-or in each parser.  Callers check the
 * length first: these read exactly 2, 4 or 8 bytes at @p.
 */
#pragma once

#include <glib.h>
#include <string.h>

G_BEGIN_DECLS

static inline guint16
_taiou_read_le16 (const guint8 *p)
{
  guint16 value;

  memcpy (&value, p, sizeof value);
  return GUINT16_FROM_LE (value);
}

static inline guint32
_taiou_read_le32 (const guint8 *p)
{
  guint32 value;

  memcpy (&value, p, sizeof value);
  return GUINT32_FROM_LE (value);
}

static inline guint64
_taiou_read_le64 (const guint8 *p)
{
  guint64 value;

  memcpy (&value, p, sizeof value);
  return GUINT64_FROM_LE (value);
}

G_END_DECLS
