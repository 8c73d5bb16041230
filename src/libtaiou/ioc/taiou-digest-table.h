/* taiou-digest-table.h — a compact, O(1) set of fixed-size binary digests with a 32-bit value */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef struct _TaiouDigestTable TaiouDigestTable;

TaiouDigestTable *taiou_digest_table_new         (gsize                   digest_length);
void              taiou_digest_table_free        (TaiouDigestTable       *self);
void              taiou_digest_table_stage       (TaiouDigestTable       *self,
                                                  const guint8           *digest,
                                                  guint32                 value);
void              taiou_digest_table_take_staged (TaiouDigestTable       *self,
                                                  TaiouDigestTable       *from,
                                                  guint32               (*map) (guint32  value,
                                                                                gpointer data),
                                                  gpointer                data);
void              taiou_digest_table_commit      (TaiouDigestTable       *self,
                                                  guint32               (*merge) (guint32 kept,
                                                                                  guint32 staged));
gboolean          taiou_digest_table_lookup      (const TaiouDigestTable *self,
                                                  const guint8           *digest,
                                                  guint32                *value);
gsize             taiou_digest_table_size        (const TaiouDigestTable *self);
gsize             taiou_digest_table_bytes       (const TaiouDigestTable *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (TaiouDigestTable, taiou_digest_table_free)

G_END_DECLS
