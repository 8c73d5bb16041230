/* taiou-mail-msg.h — an Outlook .msg file ([MS-OXMSG]) read into a GMimeMessage
 *
 * Mail triage works on GMime messages; this turns the .msg files that Outlook users save or
 * forward into one, so the same checks run on both.  Headers come from the transport headers
 * Outlook kept (PR_TRANSPORT_MESSAGE_HEADERS) when there are any, otherwise they are rebuilt
 * from the message's properties and the message carries an `X-Taiou-Note` header saying so.
 *
 * Every function here calls g_mime_init () (once, guarded) before it uses GMime.
 */
#pragma once

#include <gio/gio.h>
#include <gmime/gmime.h>

G_BEGIN_DECLS

#define TAIOU_MAIL_MSG_ERROR (taiou_mail_msg_error_quark ())

typedef enum
{
  TAIOU_MAIL_MSG_ERROR_NOT_MSG,    /* not an OLE2 file, or one without message properties */
  TAIOU_MAIL_MSG_ERROR_DAMAGED,    /* an OLE2 file or a message structure that is broken */
  TAIOU_MAIL_MSG_ERROR_TOO_LARGE,  /* over a size, count or nesting limit */
  TAIOU_MAIL_MSG_ERROR_READ,       /* the file could not be read */
} TaiouMailMsgError;

/* Files larger than this are refused before they are read. */
#define TAIOU_MAIL_MSG_MAX_FILE_SIZE (64 * 1024 * 1024)

GQuark        taiou_mail_msg_error_quark   (void);

gboolean      taiou_mail_msg_looks_like_msg (const guint8  *head,
                                             gsize          length);
GMimeMessage *taiou_mail_msg_read           (GBytes        *data,
                                             GError       **error);
GMimeMessage *taiou_mail_msg_read_file      (const char    *path,
                                             GError       **error);

G_END_DECLS
