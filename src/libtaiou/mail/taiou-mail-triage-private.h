/* taiou-mail-triage-private.h — what the mail triage's parts share */
#pragma once

#include "taiou-mail-triage.h"

G_BEGIN_DECLS

GRegex   *_taiou_mail_regex              (GRegex                      **slot,
                                          const char                   *pattern,
                                          GRegexCompileFlags            flags);

char     *_taiou_mail_address_domain     (const char                   *address);
gboolean  _taiou_mail_domain_is_ours     (const char                   *domain,
                                          const TaiouMailTriageContext *context);

/* taiou-mail-sender.c */
void      _taiou_mail_check_sender       (TaiouMailReport              *report,
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

G_END_DECLS
