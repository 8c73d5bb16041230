/* taiou-windows-disk-group.h — the Windows PC's disks connected here, and "choose a folder" */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define TAIOU_TYPE_WINDOWS_DISK_GROUP (taiou_windows_disk_group_get_type ())
G_DECLARE_FINAL_TYPE (TaiouWindowsDiskGroup, taiou_windows_disk_group, TAIOU, WINDOWS_DISK_GROUP,
                      AdwPreferencesGroup)

guint taiou_windows_disk_group_get_n_disks (TaiouWindowsDiskGroup *self);
void  taiou_windows_disk_group_refresh     (TaiouWindowsDiskGroup *self);

G_END_DECLS
