/* taiou-volume-serial-dialog.h — asks for the Windows disk's serial when it cannot be read */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define TAIOU_TYPE_VOLUME_SERIAL_DIALOG (taiou_volume_serial_dialog_get_type ())
G_DECLARE_FINAL_TYPE (TaiouVolumeSerialDialog, taiou_volume_serial_dialog, TAIOU,
                      VOLUME_SERIAL_DIALOG, AdwMessageDialog)

/* Responses: "check" (with the serial typed) and "without" (check without a serial). */
#define TAIOU_VOLUME_SERIAL_RESPONSE_CHECK   "check"
#define TAIOU_VOLUME_SERIAL_RESPONSE_WITHOUT "without"

TaiouVolumeSerialDialog *taiou_volume_serial_dialog_new        (GtkWindow               *parent);
void                     taiou_volume_serial_dialog_set_text   (TaiouVolumeSerialDialog *self,
                                                                const char              *text);
gboolean                 taiou_volume_serial_dialog_get_serial (TaiouVolumeSerialDialog *self,
                                                                guint32                 *serial);

G_END_DECLS
