/* taiou-time.c — the timeline's one time format: UTC microseconds since the epoch */
#define G_LOG_DOMAIN "taiou-time"

#include "config.h"

#include "taiou-time.h"

/* Returns: (transfer full) (nullable): a UTC GDateTime, NULL when out of range. */
GDateTime *
taiou_time_to_date_time (gint64 time_us)
{
  g_autoptr(GDateTime) seconds = NULL;
  gint64 secs = time_us / G_USEC_PER_SEC;
  gint64 usecs = time_us % G_USEC_PER_SEC;

  /* Round toward negative infinity so that times before 1970 keep a positive remainder. */
  if (usecs < 0)
    {
      secs -= 1;
      usecs += G_USEC_PER_SEC;
    }

  seconds = g_date_time_new_from_unix_utc (secs);
  if (seconds == NULL)
    return NULL;
  return g_date_time_add (seconds, usecs);
}

/* "2026-11-23 14:05:09" in the local time zone, for people. */
char *
taiou_time_format_local (gint64 time_us)
{
  g_autoptr(GDateTime) utc = taiou_time_to_date_time (time_us);
  g_autoptr(GDateTime) local = NULL;

  if (utc == NULL)
    return g_strdup ("?");
  local = g_date_time_to_local (utc);
  return g_date_time_format (local, "%Y-%m-%d %H:%M:%S");
}

/* "2026-11-23T05:05:09.123456Z", for machines (JSON output, exports). */
char *
taiou_time_format_iso8601 (gint64 time_us)
{
  g_autoptr(GDateTime) utc = taiou_time_to_date_time (time_us);

  if (utc == NULL)
    return g_strdup ("?");
  return g_date_time_format (utc, "%Y-%m-%dT%H:%M:%S.%fZ");
}

/* Sets `member` to the ISO 8601 form and `member_us` to the exact value, so that people and
 * programs each read the form they need. */
void
taiou_time_set_json (JsonObject *object,
                     const char *member,
                     gint64      time_us)
{
  g_autofree char *iso8601 = taiou_time_format_iso8601 (time_us);
  g_autofree char *us_member = g_strconcat (member, "_us", NULL);

  json_object_set_string_member (object, member, iso8601);
  json_object_set_int_member (object, us_member, time_us);
}
