/* taiou-syslog-message.c — one timeline event as an RFC 5424 syslog message
 *
 *   <PRI>1 TIMESTAMP HOSTNAME taiou - MSGID [taiou@32473 incident=".." seq=".." kind=".."
 *   host=".." hash=".."] BOM summary
 *
 * The collector (rsyslog, Graylog, a SIEM) indexes the structured data; seq and hash name the
 * event in the hash-chained record, so a reviewer can check what the collector holds against
 * the record and a collector can drop a duplicate (see taiou-forwarder.c for when one can
 * happen).  Every field comes from the database, which may be a crafted copy: header fields are
 * reduced to the printable US-ASCII RFC 5424 allows, values are escaped, text is made valid
 * UTF-8 and the summary is capped, so no event can break the framing or forge a field.
 */
#define G_LOG_DOMAIN "taiou-forward"

#include "config.h"

#include <time.h>

#include "taiou-syslog-message.h"

/* RFC 5424 §6.2.1: facility 13 is "log audit" — the record of what was done, not the app's
 * debug log; findings are warnings, everything else a notice. */
#define FACILITY_LOG_AUDIT 13
#define SEVERITY_WARNING   4
#define SEVERITY_NOTICE    5

/* RFC 5424 §6.4: UTF-8 MSG starts with the byte order mark. */
#define UTF8_BOM "\xEF\xBB\xBF"

/* RFC 5424 §6.3.3: SD-NAME = 1*32PRINTUSASCII except '=', SP, ']', '"'. */
gboolean
taiou_syslog_is_sd_name (const char *name)
{
  gsize length = 0;

  g_return_val_if_fail (name != NULL, FALSE);

  for (const char *p = name; *p != '\0'; p++, length++)
    {
      if (*p < 33 || *p > 126 || *p == '=' || *p == ']' || *p == '"')
        return FALSE;
    }
  return length >= 1 && length <= TAIOU_SYSLOG_SD_NAME_MAX;
}

/* RFC 5424 §6.3.3: inside PARAM-VALUE, '"', '\' and ']' MUST be escaped with a backslash; the
 * value is UTF-8, so invalid sequences are replaced rather than passed on. */
void
taiou_syslog_append_sd_value (GString    *out,
                              const char *value)
{
  g_autofree char *valid = NULL;

  g_return_if_fail (out != NULL);

  if (value == NULL)
    return;
  if (!g_utf8_validate (value, -1, NULL))
    value = valid = g_utf8_make_valid (value, -1);
  for (const char *p = value; *p != '\0'; p++)
    {
      if (*p == '"' || *p == '\\' || *p == ']')
        g_string_append_c (out, '\\');
      g_string_append_c (out, *p);
    }
}

/* HOSTNAME, APP-NAME, MSGID: 1*N PRINTUSASCII, or "-" (NILVALUE).  Anything else (a space, a
 * Japanese PC name) becomes '_': the exact text is in the structured data's host. */
void
taiou_syslog_append_header_field (GString    *out,
                                  const char *value,
                                  gsize       max_length)
{
  gsize length = 0;

  g_return_if_fail (out != NULL);

  if (value == NULL || value[0] == '\0')
    {
      g_string_append_c (out, '-');
      return;
    }
  for (const char *p = value; *p != '\0' && length < max_length; length++)
    {
      gunichar c = g_utf8_get_char_validated (p, -1);

      g_string_append_c (out, c >= 33 && c <= 126 ? (char) c : '_');
      if (c == (gunichar) -1 || c == (gunichar) -2)
        p++;
      else
        p = g_utf8_next_char (p);
    }
  if (length == 1 && out->str[out->len - 1] == '-')
    out->str[out->len - 1] = '_'; /* a lone "-" would read as NILVALUE */
}

/* RFC 5424 §6.2.3: FULL-DATE "T" FULL-TIME with up to six fraction digits, in UTC ("Z").  A time
 * outside years 0000–9999 (a crafted row) is NILVALUE. */
void
taiou_syslog_append_timestamp (GString *out,
                               gint64   time_us)
{
  struct tm tm;
  time_t seconds;
  gint64 micros = time_us % G_USEC_PER_SEC;
  gint64 whole = time_us / G_USEC_PER_SEC;

  g_return_if_fail (out != NULL);

  if (micros < 0)
    {
      micros += G_USEC_PER_SEC;
      whole -= 1;
    }
  seconds = (time_t) whole;
  if ((gint64) seconds != whole || gmtime_r (&seconds, &tm) == NULL ||
      tm.tm_year + 1900 < 0 || tm.tm_year + 1900 > 9999)
    {
      g_string_append_c (out, '-');
      return;
    }
  g_string_append_printf (out, "%04d-%02d-%02dT%02d:%02d:%02d.%06dZ",
                          tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday,
                          tm.tm_hour, tm.tm_min, tm.tm_sec, (int) micros);
}

static void
append_param (GString    *out,
              const char *name,
              const char *value)
{
  g_assert (taiou_syslog_is_sd_name (name));

  g_string_append_printf (out, " %s=\"", name);
  taiou_syslog_append_sd_value (out, value);
  g_string_append_c (out, '"');
}

static void
append_summary (GString    *out,
                const char *summary)
{
  g_autofree char *valid = NULL;
  const char *end;

  if (!g_utf8_validate (summary, -1, NULL))
    summary = valid = g_utf8_make_valid (summary, -1);
  if (strlen (summary) <= TAIOU_SYSLOG_SUMMARY_MAX)
    {
      g_string_append (out, summary);
      return;
    }
  /* Back up to the start of the character that crosses the limit. */
  end = g_utf8_find_prev_char (summary, summary + TAIOU_SYSLOG_SUMMARY_MAX + 1);
  g_string_append_len (out, summary, end - summary);
  g_string_append (out, "…");
}

/**
 * taiou_syslog_append_message:
 * @incident_uuid: the event's incident, "" for none
 *
 * Appends the RFC 5424 message for @event, without framing.
 */
void
taiou_syslog_append_message (GString    *out,
                             TaiouEvent *event,
                             const char *incident_uuid)
{
  const char *kind = taiou_event_get_kind (event);
  char seq[G_ASCII_DTOSTR_BUF_SIZE];
  int severity = g_str_has_suffix (kind, ".finding") ? SEVERITY_WARNING : SEVERITY_NOTICE;

  g_return_if_fail (out != NULL);
  g_return_if_fail (TAIOU_IS_EVENT (event));

  g_string_append_printf (out, "<%d>1 ", FACILITY_LOG_AUDIT * 8 + severity);
  taiou_syslog_append_timestamp (out, taiou_event_get_time_us (event));
  g_string_append_c (out, ' ');
  taiou_syslog_append_header_field (out, taiou_event_get_host (event),
                                    TAIOU_SYSLOG_HOSTNAME_MAX);
  /* APP-NAME; PROCID is NILVALUE: an imported event was not made by this process. */
  g_string_append (out, " taiou - ");
  taiou_syslog_append_header_field (out, kind, TAIOU_SYSLOG_MSGID_MAX);

  g_snprintf (seq, sizeof seq, "%" G_GINT64_FORMAT, taiou_event_get_seq (event));
  g_string_append (out, " [" TAIOU_SYSLOG_SD_ID);
  append_param (out, "incident", incident_uuid != NULL ? incident_uuid : "");
  append_param (out, "seq", seq);
  append_param (out, "kind", kind);
  append_param (out, "host", taiou_event_get_host (event));
  append_param (out, "hash", taiou_event_get_hash (event));
  g_string_append (out, "] " UTF8_BOM);
  append_summary (out, taiou_event_get_summary (event));
}

/**
 * taiou_syslog_append_frame:
 *
 * Appends @event's message with RFC 6587 §3.4.1 octet-counting framing: MSG-LEN SP MSG.  The
 * count makes any byte inside the message (a newline in a summary) harmless to the framing.
 */
void
taiou_syslog_append_frame (GString    *out,
                           TaiouEvent *event,
                           const char *incident_uuid)
{
  g_autoptr(GString) message = g_string_sized_new (256);

  g_return_if_fail (out != NULL);

  taiou_syslog_append_message (message, event, incident_uuid);
  g_string_append_printf (out, "%" G_GSIZE_FORMAT " ", message->len);
  g_string_append_len (out, message->str, message->len);
}
