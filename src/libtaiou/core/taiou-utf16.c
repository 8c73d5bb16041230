/* taiou-utf16.c — UTF-16LE text from Windows formats, as UTF-8
 *
 * The registry reader, the .msg property reader, the shortcut (.lnk) parser and the address-book
 * decoder each had their own copy of this loop, with the same rules: a string ends at its first
 * U+0000 (what follows is slack Windows left in the buffer), a trailing odd byte is not a
 * character, and a broken surrogate costs one U+FFFD instead of the whole string (g_convert
 * would refuse it all).
 */
#define G_LOG_DOMAIN "taiou-utf16"

#include "config.h"

#include "taiou-bytes-private.h"
#include "taiou-utf16-private.h"

/*
 * _taiou_utf16le_to_utf8:
 * @data: (array length=length) (nullable): UTF-16LE units, little-endian
 * @length: in bytes; an odd last byte is ignored
 * @lossy: (out) (optional): set to %TRUE when unpaired surrogates were replaced by U+FFFD
 *
 * Decodes up to the first U+0000 or the last whole unit.  A high surrogate not followed by a
 * low one becomes U+FFFD and the unit after it is decoded on its own.  Never fails.
 *
 * Returns: (transfer full): valid UTF-8, possibly empty
 */
char *
_taiou_utf16le_to_utf8 (const guint8 *data,
                        gsize         length,
                        gboolean     *lossy)
{
  gsize n_units = length / 2;
  GString *text;
  gboolean replaced = FALSE;

  g_return_val_if_fail (data != NULL || length == 0, NULL);

  text = g_string_sized_new (n_units + 1);
  for (gsize i = 0; i < n_units; i++)
    {
      gunichar unit = _taiou_read_le16 (data + 2 * i);

      if (unit == 0)
        break;
      if (unit >= 0xd800 && unit <= 0xdbff && i + 1 < n_units)
        {
          gunichar low = _taiou_read_le16 (data + 2 * i + 2);

          if (low >= 0xdc00 && low <= 0xdfff)
            {
              g_string_append_unichar (text, 0x10000 + ((unit - 0xd800) << 10) + (low - 0xdc00));
              i++;
              continue;
            }
        }
      if (unit >= 0xd800 && unit <= 0xdfff)
        {
          g_string_append_unichar (text, 0xfffd);
          replaced = TRUE;
          continue;
        }
      g_string_append_unichar (text, unit);
    }
  if (lossy != NULL)
    *lossy = replaced;
  return g_string_free (text, FALSE);
}
