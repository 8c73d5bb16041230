/* taiou-mail-msg-private.h — pieces of the .msg reader shared between its files */
#pragma once

#include <gsf/gsf.h>

#include "taiou-cfb-private.h"
#include "taiou-mail-msg.h"

G_BEGIN_DECLS

/* libgsf has no g_autoptr support of its own. */
G_DEFINE_AUTOPTR_CLEANUP_FUNC (GsfInput, g_object_unref)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (GsfInfile, g_object_unref)

/* [MS-OXCDATA] 2.11.1 property types, as they end the `__substg1.0_IIIITTTT` stream names */
#define TAIOU_MSG_PT_LONG     0x0003
#define TAIOU_MSG_PT_OBJECT   0x000D
#define TAIOU_MSG_PT_STRING8  0x001E
#define TAIOU_MSG_PT_UNICODE  0x001F
#define TAIOU_MSG_PT_SYSTIME  0x0040
#define TAIOU_MSG_PT_BINARY   0x0102

/* [MS-OXMSG] 2.4.1: bytes before the entries of `__properties_version1.0` */
#define TAIOU_MSG_HEADER_TOP       32
#define TAIOU_MSG_HEADER_EMBEDDED  24
#define TAIOU_MSG_HEADER_CHILD      8  /* recipients and attachments */

/* No single property (a subject, a body) may be larger than this. */
#define TAIOU_MSG_MAX_PROPERTY_SIZE (16 * 1024 * 1024)

/* One object of a .msg file (the message, an embedded message, a recipient, an attachment):
 * its storage, its fixed-size properties, and the code page of its 8-bit strings. */
typedef struct
{
  GsfInfile *storage;
  GBytes    *fixed;
  gsize      fixed_header;
  guint      codepage;  /* 0 when the message does not say */
} TaiouMsgObject;

gboolean  _taiou_msg_object_open      (TaiouMsgObject  *object,
                                       GsfInfile       *storage,
                                       gsize            fixed_header,
                                       guint            codepage,
                                       GError         **error);
void      _taiou_msg_object_clear     (TaiouMsgObject  *object);
gboolean  _taiou_msg_get_fixed        (TaiouMsgObject  *object,
                                       guint16          id,
                                       guint16          type,
                                       guint64         *value);
char     *_taiou_msg_get_string       (TaiouMsgObject  *object,
                                       guint16          id,
                                       GError         **error);
GBytes   *_taiou_msg_get_binary       (TaiouMsgObject  *object,
                                       guint16          id,
                                       gsize            max_size,
                                       GError         **error);
GsfInfile *_taiou_msg_get_storage     (GsfInfile       *storage,
                                       const char      *name);
GPtrArray *_taiou_msg_list_children   (GsfInfile       *storage,
                                       const char      *prefix);

char     *_taiou_msg_get_header_string (TaiouMsgObject *object,
                                       guint16          id,
                                       GError         **error);

char     *_taiou_msg_decode_8bit      (const guint8    *data,
                                       gsize            length,
                                       guint            codepage);

/* taiou-mail-msg.c and taiou-mail-msg-attach.c call each other for embedded messages. */
GMimeMessage *_taiou_msg_convert_message     (GsfInfile       *storage,
                                              gsize            fixed_header,
                                              guint            codepage,
                                              guint            depth,
                                              GError         **error);
GPtrArray    *_taiou_msg_convert_attachments (TaiouMsgObject  *object,
                                              guint            depth,
                                              GError         **error);
void          _taiou_msg_add_note            (GMimeObject     *object,
                                              const char      *note);
GMimePart    *_taiou_msg_binary_part         (const char      *type,
                                              const char      *subtype,
                                              const guint8    *data,
                                              gsize            length);

GBytes   *_taiou_rtf_decompress       (const guint8    *data,
                                       gsize            length,
                                       gsize            max_size,
                                       GError         **error);

G_END_DECLS
