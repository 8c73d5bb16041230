/* taiou-scan-page-private.h — the scan page's parts, shared by its two source files */
#pragma once

#include "taiou-scan-page.h"
#include "taiou-scan-task-row.h"
#include "taiou-volume-serial-dialog.h"
#include "taiou-windows-disk-group.h"

G_BEGIN_DECLS

struct _TaiouScanPage
{
  TaiouWizardPage          parent_instance;

  GtkWidget               *next_step_box;
  TaiouScanTaskRow        *mail_row;
  TaiouScanTaskRow        *disk_row;
  TaiouScanTaskRow        *emocheck_row;
  TaiouScanTaskRow        *computer_row;
  TaiouWindowsDiskGroup   *disk_group;

  GtkFileChooserNative    *chooser;        /* the EmoCheck report or folder being chosen */
  TaiouVolumeSerialDialog *serial_dialog;  /* asking for the serial of the disk being checked */
  GPtrArray               *relays;         /* TaiouProgressRelay of the checks under way */
  gboolean                 disposed;       /* the checks under way then end without a word */
};

/* taiou-scan-page.c */
void _taiou_scan_page_check_finished   (TaiouScanPage     *self,
                                        TaiouScanTaskRow  *row);
void _taiou_scan_page_show_scan_result (TaiouScanPage     *self,
                                        TaiouScanTaskRow  *row,
                                        TaiouScanResult   *result,
                                        const char        *target,
                                        const char        *note);
TaiouProgressRelay *_taiou_scan_page_new_relay (TaiouScanPage    *self,
                                                TaiouScanTaskRow *row);
void _taiou_scan_page_drop_relay       (TaiouScanPage      *self,
                                        TaiouProgressRelay *relay);

/* taiou-scan-page-checks.c */
void _taiou_scan_page_disk_chosen_cb   (TaiouScanPage     *self,
                                        const char        *root);
void _taiou_scan_page_choose_emocheck  (TaiouScanPage     *self,
                                        gboolean           folder);

G_END_DECLS
