/* taiou-syslog-message.h — one timeline event as an RFC 5424 syslog message */
#pragma once

#include "taiou-event.h"

G_BEGIN_DECLS

/* RFC 5424 §7.2.2: a private SD-ID is name@<enterprise number>.  Taiou has no IANA Private
 * Enterprise Number of its own; 32473 is the number RFC 5612 reserves for documentation, as RFC
 * 5424's own examples use it.  See README.md "Forwarding to syslog". */
#define TAIOU_SYSLOG_SD_ID "taiou@32473"

/* RFC 5424 §6.3.3 / §6.2.5: SD-NAME and APP-NAME limits. */
#define TAIOU_SYSLOG_SD_NAME_MAX  32
#define TAIOU_SYSLOG_HOSTNAME_MAX 255
#define TAIOU_SYSLOG_MSGID_MAX    32

/* The event's summary is cut at this many bytes (on a character boundary), so that a message
 * stays under rsyslog's default 8 KiB limit; the hash in the structured data names the whole
 * event in the record. */
#define TAIOU_SYSLOG_SUMMARY_MAX  4096

gboolean taiou_syslog_is_sd_name          (const char  *name);
void     taiou_syslog_append_sd_value     (GString     *out,
                                           const char  *value);
void     taiou_syslog_append_header_field (GString     *out,
                                           const char  *value,
                                           gsize        max_length);
void     taiou_syslog_append_timestamp    (GString     *out,
                                           gint64       time_us);
void     taiou_syslog_append_message      (GString     *out,
                                           TaiouEvent  *event,
                                           const char  *incident_uuid);
void     taiou_syslog_append_frame        (GString     *out,
                                           TaiouEvent  *event,
                                           const char  *incident_uuid);

G_END_DECLS
