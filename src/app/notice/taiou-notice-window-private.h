/* taiou-notice-window-private.h — what the notice editor's files share
 *
 * The editor is one class in two files: taiou-notice-window.c builds the form and the preview,
 * taiou-notice-window-actions.c sends the finished notice out.  Both need the window's fields,
 * so the struct lives here and not in the public header.
 */
#pragma once

#include "taiou-notice-recipients-group.h"
#include "taiou-notice-window.h"

G_BEGIN_DECLS

struct _TaiouNoticeWindow
{
  AdwWindow            parent_instance;

  AdwWindowTitle      *window_title;
  AdwToastOverlay     *toast_overlay;
  AdwComboRow         *template_row;
  AdwPreferencesGroup *fields_group;
  TaiouNoticeRecipientsGroup *recipients_group;
  GtkLabel            *problem_label;
  GtkTextView         *preview_view;
  GtkWidget           *copy_subject_button;
  GtkWidget           *open_mail_button;
  GtkWidget           *save_eml_button;
  GtkLabel            *action_hint_label;

  TaiouCase           *case_at_hand; /* "us", and where notices are recorded … */
  TaiouIncident       *incident;   /* nullable: … for this incident */
  GPtrArray           *templates;  /* TaiouNoticeTemplate *, in the order people need them */
  TaiouNoticeTemplate *current;    /* one of templates */
  GHashTable          *values;     /* variable → what people typed; kept across templates */
  GPtrArray           *field_rows; /* the rows of the current template, to remove them */
  TaiouNoticeText     *text;       /* NULL while a required field is empty */
  char                *draft_path; /* nullable: no incident, no draft */
  GHashTable          *edited;     /* the variables people typed in: only these are drafted */
  guint                draft_source;
  GtkFileChooserNative *chooser;
};

void _taiou_notice_window_class_actions_init (TaiouNoticeWindowClass *klass);
void _taiou_notice_window_actions_update     (TaiouNoticeWindow      *self);
void _taiou_notice_window_emit_made          (TaiouNoticeWindow      *self,
                                              const char             *format);

G_END_DECLS
