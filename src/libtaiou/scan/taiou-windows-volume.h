/* taiou-windows-volume.h — is this folder a Windows system volume, and what is its serial? */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

#define TAIOU_WINDOWS_VOLUME_ERROR (taiou_windows_volume_error_quark ())

typedef enum
{
  TAIOU_WINDOWS_VOLUME_ERROR_NOT_A_FOLDER,
  TAIOU_WINDOWS_VOLUME_ERROR_NOT_WINDOWS,  /* no Windows\System32\config under it */
} TaiouWindowsVolumeError;

GQuark taiou_windows_volume_error_quark (void);

typedef struct
{
  char     *root;               /* the folder, as given */
  char     *device;             /* the partition mounted exactly there ("/dev/sdb2"), or NULL */
  gboolean  has_serial;         /* the serial was read from @device's boot sector */
  guint32   serial;
  char     *serial_problem;     /* why it could not be read, in English; NULL when read */
} TaiouWindowsVolumeInfo;

void                    taiou_windows_volume_info_free   (TaiouWindowsVolumeInfo  *info);
gboolean                taiou_windows_volume_looks_like  (const char              *root);
TaiouWindowsVolumeInfo *taiou_windows_volume_inspect     (const char              *root,
                                                          GError                 **error);
char                   *taiou_windows_volume_device_from_mountinfo (const char    *mountinfo,
                                                                    const char    *mount_path);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (TaiouWindowsVolumeInfo, taiou_windows_volume_info_free)

G_END_DECLS
