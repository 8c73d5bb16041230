/* taiou-notice-recipients-group.h — who gets the notice: pasted or imported, all in Bcc */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define TAIOU_TYPE_NOTICE_RECIPIENTS_GROUP (taiou_notice_recipients_group_get_type ())
G_DECLARE_FINAL_TYPE (TaiouNoticeRecipientsGroup, taiou_notice_recipients_group, TAIOU,
                      NOTICE_RECIPIENTS_GROUP, AdwPreferencesGroup)

GPtrArray  *taiou_notice_recipients_group_get_addresses  (TaiouNoticeRecipientsGroup *self);
guint       taiou_notice_recipients_group_get_batch_size (TaiouNoticeRecipientsGroup *self);
const char *taiou_notice_recipients_group_get_sender     (TaiouNoticeRecipientsGroup *self);
void        taiou_notice_recipients_group_set_sender     (TaiouNoticeRecipientsGroup *self,
                                                          const char                 *sender);
void        taiou_notice_recipients_group_set_text       (TaiouNoticeRecipientsGroup *self,
                                                          const char                 *text);
void        taiou_notice_recipients_group_import_file    (TaiouNoticeRecipientsGroup *self,
                                                          GFile                      *file);

G_END_DECLS
