/* taiou-mail-triage-private.h — what the mail triage's parts share */
#pragma once

#include <gmime/gmime.h>

#include "taiou-mail-triage.h"

G_BEGIN_DECLS

G_DEFINE_AUTOPTR_CLEANUP_FUNC (GMimeParserOptions, g_mime_parser_options_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (GMimeContentDisposition, g_object_unref)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (GMimeContentType, g_object_unref)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (InternetAddressList, g_object_unref)

typedef char *(*TaiouMailMemoFunc) (const char *text);

const char *_taiou_mail_memo             (TaiouMailMemoFunc             compute,
                                          const char                   *text);
GRegex   *_taiou_mail_regex              (GRegex                      **slot,
                                          const char                   *pattern,
                                          GRegexCompileFlags            flags);
gboolean  _taiou_mail_regex_match        (GRegex                       *regex,
                                          const char                   *text,
                                          char                        **valid_copy,
                                          GMatchInfo                  **match);

char     *_taiou_mail_address_domain     (const char                   *address);
gboolean  _taiou_mail_domain_is_ours     (const char                   *domain,
                                          const TaiouMailTriageContext *context);

GMimeParserOptions  *_taiou_mail_parser_options (void);

/* taiou-mail-headers.c */
char                *_taiou_mail_rfc2047_merge  (const char                   *raw);
char                *_taiou_mail_dup_subject    (GMimeMessage                 *message);
InternetAddressList *_taiou_mail_dup_addresses  (GMimeMessage                 *message,
                                                 const char                   *name);
char                *_taiou_mail_dup_filename   (GMimePart                    *part);

/* taiou-mail-sender.c */
void      _taiou_mail_check_sender       (TaiouMailReport              *report,
                                          const TaiouMailTriageContext *context);

/* taiou-mail-lookalike.c */
void      _taiou_mail_check_lookalikes   (TaiouMailReport              *report,
                                          const TaiouMailTriageContext *context);

/* taiou-mail-authres.c */
void      _taiou_mail_check_authres      (TaiouMailReport              *report,
                                          GMimeMessage                 *message,
                                          const TaiouMailTriageContext *context);

/* taiou-mail-links.c */
void      _taiou_mail_collect_text_links (const char                   *text,
                                          GPtrArray                    *urls);
void      _taiou_mail_check_html_links   (const char                   *html,
                                          const char                   *where,
                                          GPtrArray                    *urls,
                                          GPtrArray                    *findings);
void      _taiou_mail_check_urls         (TaiouMailReport              *report,
                                          const TaiouMailTriageContext *context);
char     *_taiou_mail_html_to_text       (const char                   *html);

/* taiou-mail-sender.c, for taiou-mail-first-contact.c */
char       *_taiou_mail_normalize_display_name (const char                   *display_name);
const char *_taiou_mail_display_name_claims_us (const char                   *display_name,
                                                const TaiouMailTriageContext *context);

/* taiou-mail-first-contact.c */
void      _taiou_mail_check_first_contact   (TaiouMailReport              *report,
                                             const TaiouMailTriageContext *context);

/* taiou-mail-shape.c */
gboolean  _taiou_mail_looks_like_mail       (const guint8                 *data,
                                             gsize                         length);
void      _taiou_mail_check_missing_headers (TaiouMailReport              *report,
                                             GMimeMessage                 *message);

/* taiou-mail-scoring.c */
gboolean  _taiou_mail_rule_is_weak       (const char                   *rule_id);
int       _taiou_mail_weigh_findings     (GPtrArray                    *findings);

/* taiou-mail-redirects.c */
GPtrArray *_taiou_mail_carried_urls      (const char                   *url);

G_END_DECLS
