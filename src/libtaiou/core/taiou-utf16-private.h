/* taiou-utf16-private.h — UTF-16LE text from Windows formats, as UTF-8
 *
 * Registry values, .msg properties, shortcut strings and Unicode address books all store
 * UTF-16LE, often with a terminator and slack after it, and a hostile file may hold broken
 * surrogates.  One decoder serves them all (see taiou-utf16.c).
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

char *_taiou_utf16le_to_utf8 (const guint8 *data,
                              gsize         length,
                              gboolean     *lossy);

G_END_DECLS
