/* taiou-first-run-dialog.h — asks once for the organisation name and mail domains */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define TAIOU_TYPE_FIRST_RUN_DIALOG (taiou_first_run_dialog_get_type ())
G_DECLARE_FINAL_TYPE (TaiouFirstRunDialog, taiou_first_run_dialog, TAIOU, FIRST_RUN_DIALOG,
                      AdwMessageDialog)

TaiouFirstRunDialog *taiou_first_run_dialog_new (GtkWindow *parent,
                                                 GSettings *settings);

G_END_DECLS
