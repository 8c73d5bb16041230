/* taiou-note-dialog.h — a note added by hand to the incident being read */
#pragma once

#include <adwaita.h>

#include "taiou.h"

G_BEGIN_DECLS

#define TAIOU_TYPE_NOTE_DIALOG (taiou_note_dialog_get_type ())
G_DECLARE_FINAL_TYPE (TaiouNoteDialog, taiou_note_dialog, TAIOU, NOTE_DIALOG, AdwMessageDialog)

TaiouNoteDialog *taiou_note_dialog_new      (GtkWindow       *parent,
                                             TaiouCase       *case_at_hand,
                                             TaiouIncident   *incident,
                                             TaiouEvent      *about);
void             taiou_note_dialog_set_text    (TaiouNoteDialog *self,
                                                const char      *text);
void             taiou_note_dialog_set_problem (TaiouNoteDialog *self,
                                                const char      *problem);

G_END_DECLS
