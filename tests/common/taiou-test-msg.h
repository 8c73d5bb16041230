/* taiou-test-msg.h — writes synthetic Outlook .msg files ([MS-OXMSG]) with libgsf's OLE2 writer */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* A message, a recipient, an attachment or an embedded message, and its properties.  Objects
 * returned by the add/embed calls belong to their parent. */
typedef struct _TaiouTestMsg TaiouTestMsg;

TaiouTestMsg *taiou_test_msg_new             (void);
void          taiou_test_msg_free            (TaiouTestMsg *msg);

void          taiou_test_msg_set_unicode     (TaiouTestMsg *msg,
                                              guint16       id,
                                              const char   *utf8);
void          taiou_test_msg_set_utf16       (TaiouTestMsg *msg,
                                              guint16       id,
                                              const guint16 *units,
                                              gsize         n_units);
void          taiou_test_msg_set_string8     (TaiouTestMsg *msg,
                                              guint16       id,
                                              const char   *utf8,
                                              const char   *charset);
void          taiou_test_msg_set_binary      (TaiouTestMsg *msg,
                                              guint16       id,
                                              const void   *data,
                                              gsize         length);
/* Any stream `__substg1.0_IIIITTTT`, as given (no terminator added). */
void          taiou_test_msg_set_stream      (TaiouTestMsg *msg,
                                              guint16       id,
                                              guint16       type,
                                              const void   *data,
                                              gsize         length);
void          taiou_test_msg_set_long        (TaiouTestMsg *msg,
                                              guint16       id,
                                              guint32       value);
void          taiou_test_msg_set_time        (TaiouTestMsg *msg,
                                              guint16       id,
                                              gint64        unix_time);
/* A `__properties_version1.0` entry for a variable-length property, claiming @size bytes. */
void          taiou_test_msg_claim_size      (TaiouTestMsg *msg,
                                              guint16       id,
                                              guint16       type,
                                              guint32       size);

TaiouTestMsg *taiou_test_msg_add_recipient   (TaiouTestMsg *msg,
                                              const char   *name,
                                              const char   *smtp_address,
                                              guint32       type);
TaiouTestMsg *taiou_test_msg_add_attachment  (TaiouTestMsg *msg,
                                              const char   *long_file_name,
                                              const char   *mime_tag,
                                              const void   *data,
                                              gsize         length);
/* Turns @attachment into an embedded message (attach method 5) and returns that message. */
TaiouTestMsg *taiou_test_msg_embed           (TaiouTestMsg *attachment);

GBytes       *taiou_test_msg_build           (TaiouTestMsg *msg);
GBytes       *taiou_test_msg_build_full      (TaiouTestMsg *msg,
                                              guint         sector_size);

/* An OLE2 file like a Word .doc: a WordDocument stream, no message properties. */
GBytes       *taiou_test_msg_build_fake_doc  (void);

/* [MS-OXRTFCP] compressed RTF holding "{\rtf1\ansi" (a dictionary reference) + @tail. */
GBytes       *taiou_test_msg_compress_rtf    (const char   *tail);

/* The sample mail of the tests and the fuzz corpus: an Emotet-style "invoice" reply. */
#define TAIOU_TEST_MSG_SUBJECT        "【至急】請求書の件"
#define TAIOU_TEST_MSG_SENDER_NAME    "山田 太郎"
#define TAIOU_TEST_MSG_SENDER_ADDRESS "yamada@example.co.jp"
#define TAIOU_TEST_MSG_REPLY_TO       "billing@evil.example"
#define TAIOU_TEST_MSG_DATE           G_GINT64_CONSTANT (1646702100)  /* 2022-03-08 10:15 JST */
#define TAIOU_TEST_MSG_BODY           "お世話になっております。\r\n請求書を添付します。\r\n"
#define TAIOU_TEST_MSG_HTML           "<html><body><p>請求書を添付します。</p></body></html>"
#define TAIOU_TEST_MSG_ZIP_NAME       "請求書.zip"
#define TAIOU_TEST_MSG_BIN_NAME       "data.bin"
#define TAIOU_TEST_MSG_BIN_SIZE       5000  /* over 4096: stored in big sectors */
#define TAIOU_TEST_MSG_NESTED_SUBJECT "転送: 会議の件"

TaiouTestMsg *taiou_test_msg_new_sample      (gboolean      transport_headers);
GBytes       *taiou_test_msg_sample_zip      (void);
GBytes       *taiou_test_msg_sample_bin      (void);

/* Offsets inside a built file, for tests that damage it on purpose. */
gsize         taiou_test_msg_find_dirent     (GBytes       *file,
                                              const char   *name,
                                              guint         nth);
guint32       taiou_test_msg_get_u32         (GBytes       *file,
                                              gsize         offset);
GBytes       *taiou_test_msg_patch_u32       (GBytes       *file,
                                              gsize         offset,
                                              guint32       value);

/* Asserts that taiou_mail_msg_read() refuses @file with @code, a TaiouMailMsgError. */
void          taiou_test_msg_assert_refused  (GBytes       *file,
                                              int           code);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (TaiouTestMsg, taiou_test_msg_free)

G_END_DECLS
