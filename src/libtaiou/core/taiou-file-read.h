/* taiou-file-read.h — read a whole file that an attacker may have made */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

char   *taiou_file_read_bounded       (const char  *path,
                                       gsize        max_size,
                                       gsize       *length,
                                       GError     **error);
GBytes *taiou_file_read_bytes_bounded (const char  *path,
                                       gsize        max_size,
                                       GError     **error);

G_END_DECLS
