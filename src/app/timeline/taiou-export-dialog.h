/* taiou-export-dialog.h — the shown incident written to a file for another tool or a reader */
#pragma once

#include <adwaita.h>

#include "taiou.h"

G_BEGIN_DECLS

#define TAIOU_TYPE_EXPORT_DIALOG (taiou_export_dialog_get_type ())
G_DECLARE_FINAL_TYPE (TaiouExportDialog, taiou_export_dialog, TAIOU, EXPORT_DIALOG, AdwWindow)

TaiouExportDialog *taiou_export_dialog_new            (GtkWindow         *parent,
                                                       TaiouCase         *case_at_hand,
                                                       gint64             incident_id);
TaiouExportFormat  taiou_export_dialog_get_format     (TaiouExportDialog *self);
void               taiou_export_dialog_set_format     (TaiouExportDialog *self,
                                                       TaiouExportFormat  format);
char              *taiou_export_dialog_dup_suggested_name (TaiouExportDialog *self);
void               taiou_export_dialog_export_to      (TaiouExportDialog *self,
                                                       GFile             *file);
gboolean           taiou_export_dialog_get_running    (TaiouExportDialog *self);
GFile             *taiou_export_dialog_get_saved_file (TaiouExportDialog *self);
const char        *taiou_export_dialog_get_problem    (TaiouExportDialog *self);

G_END_DECLS
