/* taiou-volume-serial.h — the serial number Windows gives a volume, read from its boot sector */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

#define TAIOU_BOOT_SECTOR_SIZE 512

gboolean  taiou_volume_serial_from_boot_sector (const guint8  *sector,
                                                gsize          length,
                                                guint32       *serial,
                                                const char   **file_system,
                                                GError       **error);
gboolean  taiou_volume_serial_read             (const char    *image_or_device,
                                                guint32       *serial,
                                                GError       **error);
gboolean  taiou_volume_serial_parse            (const char    *text,
                                                guint32       *serial,
                                                GError       **error);
char     *taiou_volume_serial_format           (guint32        serial);

G_END_DECLS
