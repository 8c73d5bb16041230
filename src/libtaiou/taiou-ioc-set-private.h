/* taiou-ioc-set-private.h — how the format readers add to a set */
#pragma once

#include "taiou-ioc-set.h"

G_BEGIN_DECLS

/* Loki's scores when a line gives none. */
#define TAIOU_IOC_DEFAULT_SCORE 100

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
