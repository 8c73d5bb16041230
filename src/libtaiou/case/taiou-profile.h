/* taiou-profile.h — "us": the organisation whose case this is, as notices and mail checks need it */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

#define TAIOU_TYPE_PROFILE (taiou_profile_get_type ())
G_DECLARE_FINAL_TYPE (TaiouProfile, taiou_profile, TAIOU, PROFILE, GObject)

TaiouProfile       *taiou_profile_new                     (void);

const char         *taiou_profile_get_organization        (TaiouProfile       *self);
void                taiou_profile_set_organization        (TaiouProfile       *self,
                                                           const char         *organization);
const char * const *taiou_profile_get_mail_domains        (TaiouProfile       *self);
void                taiou_profile_set_mail_domains        (TaiouProfile       *self,
                                                           const char * const *domains);
void                taiou_profile_add_mail_domain         (TaiouProfile       *self,
                                                           const char         *domain);
const char * const *taiou_profile_get_staff_names         (TaiouProfile       *self);
void                taiou_profile_set_staff_names         (TaiouProfile       *self,
                                                           const char * const *names);
void                taiou_profile_add_staff_name          (TaiouProfile       *self,
                                                           const char         *name);
const char         *taiou_profile_get_contact_department  (TaiouProfile       *self);
const char         *taiou_profile_get_contact_name        (TaiouProfile       *self);
const char         *taiou_profile_get_contact_phone       (TaiouProfile       *self);
const char         *taiou_profile_get_contact_email       (TaiouProfile       *self);
const char         *taiou_profile_get_notice_sender       (TaiouProfile       *self);

char              **taiou_profile_dup_display_names       (TaiouProfile       *self);

const char * const *taiou_profile_get_trusted_authserv_ids (TaiouProfile      *self);
void                taiou_profile_set_trusted_authserv_ids (TaiouProfile      *self,
                                                            const char * const *ids);
void                taiou_profile_add_trusted_authserv_id  (TaiouProfile      *self,
                                                            const char        *id);

G_END_DECLS
