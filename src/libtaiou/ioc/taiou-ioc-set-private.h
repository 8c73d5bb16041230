/* taiou-ioc-set-private.h — how the format readers add to a set */
#pragma once

#include "taiou-ioc-set.h"

G_BEGIN_DECLS

/* Loki's scores when a line gives none. */
#define TAIOU_IOC_DEFAULT_SCORE 100

/* An entry's value: (description index + 1) << TAIOU_IOC_SCORE_BITS | score; never 0. */
#define TAIOU_IOC_SCORE_BITS 7

/* Hashes read by one thread of a parallel load (taiou-ioc-formats-parallel.c): staged with
 * descriptions numbered in the order this batch first saw them, and added to the set
 * afterwards, batch after batch in file order, as if one thread had read them all. */
typedef struct _TaiouIocBatch TaiouIocBatch;

TaiouIocBatch *_taiou_ioc_batch_new          (void);
void           _taiou_ioc_batch_free         (TaiouIocBatch *batch);
gboolean       _taiou_ioc_batch_add_hash_hex (TaiouIocBatch *batch,
                                              const char    *hex,
                                              gsize          length,
                                              int            score,
                                              const char    *description);
void           _taiou_ioc_set_add_batch      (TaiouIocSet   *self,
                                              TaiouIocBatch *batch);

/* For _taiou_ioc_set_add_batch(): the staging table for 16-, 20- or 32-byte digests, and the
 * descriptions by batch index. */
struct _TaiouDigestTable *_taiou_ioc_batch_get_table        (TaiouIocBatch *batch,
                                                             gsize          digest_length);
GPtrArray                *_taiou_ioc_batch_get_descriptions (TaiouIocBatch *batch);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (TaiouIocBatch, _taiou_ioc_batch_free)

gboolean _taiou_ioc_set_add_hash_hex       (TaiouIocSet  *self,
                                            const char   *hex,
                                            gsize         length,
                                            int           score,
                                            const char   *description);
gboolean _taiou_ioc_set_add_false_positive (TaiouIocSet  *self,
                                            const char   *hex,
                                            gsize         length);
gboolean _taiou_ioc_set_add_network        (TaiouIocSet  *self,
                                            const char   *text,
                                            int           score,
                                            const char   *description);
gboolean _taiou_ioc_set_add_domain         (TaiouIocSet  *self,
                                            const char   *domain,
                                            int           score,
                                            const char   *description);
gboolean _taiou_ioc_set_add_url            (TaiouIocSet  *self,
                                            const char   *url,
                                            int           score,
                                            const char   *description);
gboolean _taiou_ioc_set_add_file_name      (TaiouIocSet  *self,
                                            const char   *pattern,
                                            int           score,
                                            const char   *false_positive_pattern,
                                            const char   *description,
                                            GError      **error);
void     _taiou_ioc_set_commit             (TaiouIocSet  *self);

gboolean _taiou_hex_decode                 (const char   *hex,
                                            gsize         length,
                                            guint8       *out);

G_END_DECLS
