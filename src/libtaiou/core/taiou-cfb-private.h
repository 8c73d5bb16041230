/* taiou-cfb-private.h — an OLE2 compound file checked the way libgsf will read it
 *
 * libgsf trusts a compound file's directory: names without a terminator are read past the
 * buffer, link chains recurse without bound, sectors may be shared, and a damaged file is
 * reported with g_warning and leaks its directory.  Every OLE2 file from a mail (an Outlook
 * .msg, a .doc/.xls attachment) passes this check before libgsf sees it.
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

extern const guint8 _taiou_cfb_signature[8];

/* Errors are TAIOU_MAIL_MSG_ERROR (taiou-mail-msg.h): NOT_MSG, DAMAGED or TOO_LARGE. */
gboolean _taiou_cfb_check (const guint8  *data,
                           gsize          length,
                           GError       **error);

G_END_DECLS
