/* taiou-file-digest.h — MD5, SHA-1 and SHA-256 of a file in one pass, with the CPU's help */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

typedef enum
{
  TAIOU_DIGEST_MD5    = 1 << 0,
  TAIOU_DIGEST_SHA1   = 1 << 1,
  TAIOU_DIGEST_SHA256 = 1 << 2,
} TaiouDigestKinds;

typedef struct
{
  TaiouDigestKinds kinds;      /* which of the fields below are filled */
  guint64          size;       /* bytes read */
  guint8           md5[16];
  guint8           sha1[20];
  guint8           sha256[32];
} TaiouFileDigest;

/* What taiou_digest_reader_file_keep() read, for a second check of the same bytes. */
typedef struct
{
  const guint8 *data;    /* the whole file, or only its head when length < the digest's size */
  gsize         length;
} TaiouFileContent;

/* Reused by one thread across files, so a scan allocates its read buffer once. */
typedef struct _TaiouDigestReader TaiouDigestReader;

TaiouDigestReader *taiou_digest_reader_new  (void);
void               taiou_digest_reader_free (TaiouDigestReader  *reader);
gboolean           taiou_digest_reader_file (TaiouDigestReader  *reader,
                                             int                 dirfd,
                                             const char         *path,
                                             TaiouDigestKinds    kinds,
                                             guint64             max_size,
                                             TaiouFileDigest    *digest,
                                             GCancellable       *cancellable,
                                             GError            **error);
gboolean           taiou_digest_reader_file_keep (TaiouDigestReader  *reader,
                                                  int                 dirfd,
                                                  const char         *path,
                                                  TaiouDigestKinds    kinds,
                                                  guint64             max_size,
                                                  gsize               keep_size,
                                                  TaiouFileDigest    *digest,
                                                  TaiouFileContent   *content,
                                                  GCancellable       *cancellable,
                                                  GError            **error);
char              *taiou_digest_to_hex      (const guint8       *digest,
                                             gsize               length);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (TaiouDigestReader, taiou_digest_reader_free)

G_END_DECLS
