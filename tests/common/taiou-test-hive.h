/* taiou-test-hive.h — synthetic registry hives for the tests and the fuzz seeds
 *
 * hivex cannot create a hive from nothing, so taiou_test_hive_new() writes the smallest valid
 * one (a header, one hbin page, a root key and its security cell) and opens it with hivex for
 * writing; keys and values are then added through hivex's own API.
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef struct _TaiouTestHive TaiouTestHive;

GBytes        *taiou_test_hive_empty_bytes (void);

TaiouTestHive *taiou_test_hive_new         (void);
void           taiou_test_hive_free        (TaiouTestHive *hive);
void           taiou_test_hive_add_key     (TaiouTestHive *hive,
                                            const char    *key_path);
void           taiou_test_hive_set_value   (TaiouTestHive *hive,
                                            const char    *key_path,
                                            const char    *name,
                                            guint32        type,
                                            gconstpointer  data,
                                            gsize          length);
void           taiou_test_hive_set_string  (TaiouTestHive *hive,
                                            const char    *key_path,
                                            const char    *name,
                                            guint32        type,
                                            const char    *utf8);
void           taiou_test_hive_set_dword   (TaiouTestHive *hive,
                                            const char    *key_path,
                                            const char    *name,
                                            guint32        dword);
void           taiou_test_hive_save        (TaiouTestHive *hive,
                                            const char    *path);

/* A 512-byte NTFS boot sector carrying @serial (64 bits; Windows shows the low 32). */
guint8        *taiou_test_ntfs_boot_sector (guint64        serial);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (TaiouTestHive, taiou_test_hive_free)

G_END_DECLS
