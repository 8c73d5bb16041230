/* taiou-mail-msg-rtf.c — PR_RTF_COMPRESSED, unpacked ([MS-OXRTFCP] 2.1.3.1)
 *
 * Some Outlook messages keep their body only as compressed RTF.  The format is LZ77 over a
 * 4096-byte ring that starts out holding a fixed RTF prologue; "MELA" marks data stored
 * uncompressed.  The sizes in the 16-byte header are checked against the data and capped,
 * never trusted; the CRC is not checked (a wrong one costs nothing here: the text is shown,
 * never run).
 */
#define G_LOG_DOMAIN "taiou-mail-msg"

#include "config.h"

#include <string.h>

#include "taiou-bytes-private.h"
#include "taiou-mail-msg-private.h"

#define HEADER_SIZE     16
#define RING_SIZE       4096
#define TYPE_COMPRESSED 0x75465A4C  /* "LZFu" */
#define TYPE_RAW        0x414C454D  /* "MELA" */

static const char prologue[] =
  "{\\rtf1\\ansi\\mac\\deff0\\deftab720{\\fonttbl;}{\\f0\\fnil \\froman \\fswiss \\fmodern "
  "\\fscript \\fdecor MS Sans SerifSymbolArialTimes New RomanCourier{\\colortbl\\red0\\green0"
  "\\blue0\r\n\\par \\pard\\plain\\f0\\fs20\\b\\i\\u\\tab\\tx";

G_STATIC_ASSERT (sizeof prologue - 1 == 207);

static GBytes *
damaged (GError **error)
{
  g_set_error (error, TAIOU_MAIL_MSG_ERROR, TAIOU_MAIL_MSG_ERROR_DAMAGED,
               "The Outlook message is damaged: its compressed RTF body cannot be read");
  return NULL;
}

GBytes *
_taiou_rtf_decompress (const guint8  *data,
                       gsize          length,
                       gsize          max_size,
                       GError       **error)
{
  g_autoptr(GByteArray) out = NULL;
  guint8 ring[RING_SIZE];
  guint write = sizeof prologue - 1;
  gsize raw_size, end, pos = HEADER_SIZE;
  guint32 type;

  if (length < HEADER_SIZE)
    return damaged (error);
  /* COMPSIZE counts the bytes after its own field. */
  end = MIN ((gsize) _taiou_read_le32 (data) + 4, length);
  raw_size = MIN ((gsize) _taiou_read_le32 (data + 4), max_size);
  type = _taiou_read_le32 (data + 8);

  if (type == TYPE_RAW)
    return g_bytes_new (data + HEADER_SIZE, MIN (end - MIN (end, HEADER_SIZE), raw_size));
  if (type != TYPE_COMPRESSED)
    return damaged (error);

  memset (ring, 0, sizeof ring);
  memcpy (ring, prologue, sizeof prologue - 1);
  out = g_byte_array_sized_new (MIN (raw_size, 1024 * 1024));

  while (pos < end && out->len < raw_size)
    {
      guint8 control = data[pos++];

      for (guint bit = 0; bit < 8 && out->len < raw_size; bit++)
        {
          if ((control & (1u << bit)) == 0)
            {
              if (pos >= end)
                return damaged (error);
              ring[write] = data[pos++];
              g_byte_array_append (out, &ring[write], 1);
              write = (write + 1) % RING_SIZE;
            }
          else
            {
              guint reference, offset, count;

              if (pos + 2 > end)
                return damaged (error);
              reference = (data[pos] << 8) | data[pos + 1];
              pos += 2;
              offset = reference >> 4;
              count = (reference & 0x0F) + 2;
              /* A reference to the write position itself ends the data. */
              if (offset == write)
                return g_bytes_new (out->data, out->len);
              for (guint i = 0; i < count && out->len < raw_size; i++)
                {
                  guint8 byte = ring[(offset + i) % RING_SIZE];

                  ring[write] = byte;
                  g_byte_array_append (out, &byte, 1);
                  write = (write + 1) % RING_SIZE;
                }
            }
        }
    }
  if (out->len < raw_size)
    return damaged (error);
  return g_bytes_new (out->data, out->len);
}
