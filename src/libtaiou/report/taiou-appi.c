/* taiou-appi.c — 個人情報保護法 (APPI) breach-report deadlines, counted in Japan's calendar
 *
 * When personal data may have leaked and one of the four situations of 施行規則7条 applies, the
 * business reports to the 個人情報保護委員会 (法26条1項) twice — a 速報 「速やかに」 (規則8条1項;
 * the guideline's rule of thumb: about 3 to 5 days) and a 確報 within 30 days, 60 days when the
 * leak may stem from 不正の目的 such as unauthorised access (規則8条2項) — and notifies the
 * persons concerned 「速やかに」 (法26条2項, 規則10条).  These figures could not be checked on a
 * stored official page (data/guidance/README.md), so every screen labels the dates 目安.
 *
 * Day counting, explicitly: the deadlines run in calendar days in Japan (Asia/Tokyo, UTC+9, no
 * daylight saving), whatever the computer's own time zone.  The day of discovery itself is not
 * counted (初日不算入, 民法140条), so "30 days from discovery" ends at the end of the day
 * discovery date + 30: discovered on 23 November at 09:30 → the 確報 is due by 23 December.
 * Weekends and holidays do not move a deadline.
 */
#define G_LOG_DOMAIN "taiou-appi"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "taiou-appi.h"

G_DEFINE_QUARK (taiou-appi-error-quark, taiou_appi_error)

static const struct
{
  TaiouAppiTriggers  trigger;
  const char        *name;   /* stored in the record: never change */
} trigger_names[] = {
  { TAIOU_APPI_TRIGGER_SENSITIVE,        "sensitive" },
  { TAIOU_APPI_TRIGGER_FINANCIAL,        "financial" },
  { TAIOU_APPI_TRIGGER_UNLAWFUL_PURPOSE, "unlawful-purpose" },
  { TAIOU_APPI_TRIGGER_OVER_1000,        "over-1000" },
};

/* Stored in the record: never change. */
static const char * const item_names[TAIOU_APPI_N_ITEMS] = {
  "preliminary", "final", "notify-persons",
};

/**
 * taiou_appi_time_zone:
 *
 * Returns: (transfer full): Japan's time zone; a fixed UTC+9 when the system has no tzdata
 *   (Japan has kept UTC+9 all year since 1952, so both give the same days)
 */
GTimeZone *
taiou_appi_time_zone (void)
{
  GTimeZone *zone = g_time_zone_new_identifier ("Asia/Tokyo");

  if (zone == NULL)
    zone = g_time_zone_new_offset (9 * 60 * 60);
  return zone;
}

/* The calendar day of @time_us in Japan; FALSE when out of range. */
static gboolean
japan_date (gint64  time_us,
            GDate  *date)
{
  g_autoptr(GTimeZone) zone = taiou_appi_time_zone ();
  g_autoptr(GDateTime) utc = NULL;
  g_autoptr(GDateTime) local = NULL;

  utc = g_date_time_new_from_unix_utc (time_us / G_USEC_PER_SEC);
  if (utc == NULL)
    return FALSE;
  local = g_date_time_to_timezone (utc, zone);
  if (local == NULL || g_date_time_get_year (local) > 9000)
    return FALSE;
  g_date_clear (date, 1);
  g_date_set_dmy (date, g_date_time_get_day_of_month (local), g_date_time_get_month (local),
                  g_date_time_get_year (local));
  return g_date_valid (date);
}

static void
date_plus_days (const GDate *from,
                guint        days,
                GDate       *to)
{
  *to = *from;
  g_date_add_days (to, days);
}

/**
 * taiou_appi_compute:
 * @discovered_us: when the business learnt of the leak (or the possible leak)
 * @now_us: the present, to refuse a discovery in the future; G_MAXINT64 to skip the check
 *   (re-reading a recorded computation)
 * @triggers: which situations of 規則7条 apply
 * @deadlines: (out caller-allocates): the deadlines
 *
 * Returns: FALSE with @error when @discovered_us is in the future or out of range
 */
gboolean
taiou_appi_compute (gint64               discovered_us,
                    gint64               now_us,
                    TaiouAppiTriggers    triggers,
                    TaiouAppiDeadlines  *deadlines,
                    GError             **error)
{
  g_return_val_if_fail (deadlines != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  memset (deadlines, 0, sizeof *deadlines);
  if (now_us != G_MAXINT64 && discovered_us > now_us &&
      discovered_us - now_us > TAIOU_APPI_FUTURE_TOLERANCE_US)
    {
      g_set_error_literal (error, TAIOU_APPI_ERROR, TAIOU_APPI_ERROR_FUTURE,
                           _("The time of discovery is in the future. Please check it."));
      return FALSE;
    }
  if (!japan_date (discovered_us, &deadlines->discovered_date))
    {
      g_set_error_literal (error, TAIOU_APPI_ERROR, TAIOU_APPI_ERROR_OUT_OF_RANGE,
                           _("The time of discovery is not a valid date."));
      return FALSE;
    }

  deadlines->discovered_us = discovered_us;
  deadlines->triggers = triggers & TAIOU_APPI_TRIGGER_ALL;
  deadlines->reportable = deadlines->triggers != TAIOU_APPI_TRIGGER_NONE;
  /* 規則8条2項: 60 days when the situation is one of 規則7条3号, even alongside another. */
  deadlines->final_days = (deadlines->triggers & TAIOU_APPI_TRIGGER_UNLAWFUL_PURPOSE) != 0
                          ? TAIOU_APPI_FINAL_DAYS_UNLAWFUL : TAIOU_APPI_FINAL_DAYS;
  date_plus_days (&deadlines->discovered_date, TAIOU_APPI_PRELIMINARY_EARLY_DAYS,
                  &deadlines->preliminary_from);
  date_plus_days (&deadlines->discovered_date, TAIOU_APPI_PRELIMINARY_LATE_DAYS,
                  &deadlines->preliminary_until);
  date_plus_days (&deadlines->discovered_date, deadlines->final_days, &deadlines->final_due);
  return TRUE;
}

/**
 * taiou_appi_format_date:
 *
 * Returns: (transfer full): "2026年12月23日（水）" or "Wed 23 Dec 2026", the same in every locale
 */
char *
taiou_appi_format_date (const GDate *date,
                        gboolean     japanese)
{
  static const char * const weekdays_ja[] = { "", "月", "火", "水", "木", "金", "土", "日" };
  static const char * const weekdays_en[] = { "", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat",
                                              "Sun" };
  static const char * const months_en[] = { "", "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul",
                                            "Aug", "Sep", "Oct", "Nov", "Dec" };
  GDateWeekday weekday;

  g_return_val_if_fail (date != NULL, NULL);

  if (!g_date_valid (date))
    return g_strdup ("?");
  weekday = g_date_get_weekday (date);
  if (japanese)
    return g_strdup_printf ("%u年%u月%u日（%s）", g_date_get_year (date), g_date_get_month (date),
                            g_date_get_day (date), weekdays_ja[weekday]);
  return g_strdup_printf ("%s %u %s %u", weekdays_en[weekday], g_date_get_day (date),
                          months_en[g_date_get_month (date)], g_date_get_year (date));
}

/**
 * taiou_appi_format_local_time:
 *
 * For when something was done (events), in the same words as the deadlines but on this
 * machine's clock, as the record view and the other steps show them; only the deadlines count
 * in Japan's calendar.
 *
 * Returns: (transfer full): "2026年11月23日（月） 09:30" in local time
 */
char *
taiou_appi_format_local_time (gint64   time_us,
                              gboolean japanese)
{
  g_autoptr(GDateTime) utc = g_date_time_new_from_unix_utc (time_us / G_USEC_PER_SEC);
  g_autoptr(GDateTime) local = NULL;
  g_autofree char *day = NULL;
  GDate date;

  if (utc == NULL || (local = g_date_time_to_local (utc)) == NULL ||
      g_date_time_get_year (local) > 9000)
    return g_strdup ("?");
  g_date_clear (&date, 1);
  g_date_set_dmy (&date, g_date_time_get_day_of_month (local), g_date_time_get_month (local),
                  g_date_time_get_year (local));
  day = taiou_appi_format_date (&date, japanese);
  return g_strdup_printf ("%s %02d:%02d", day, g_date_time_get_hour (local),
                          g_date_time_get_minute (local));
}

/**
 * taiou_appi_format_time:
 *
 * Returns: (transfer full): the date and the minute in Japan, "2026年11月23日（月） 09:30"
 */
char *
taiou_appi_format_time (gint64   time_us,
                        gboolean japanese)
{
  g_autoptr(GTimeZone) zone = taiou_appi_time_zone ();
  g_autoptr(GDateTime) utc = g_date_time_new_from_unix_utc (time_us / G_USEC_PER_SEC);
  g_autoptr(GDateTime) local = NULL;
  g_autofree char *day = NULL;
  GDate date;

  if (utc == NULL || !japan_date (time_us, &date))
    return g_strdup ("?");
  local = g_date_time_to_timezone (utc, zone);
  day = taiou_appi_format_date (&date, japanese);
  return g_strdup_printf ("%s %02d:%02d", day, g_date_time_get_hour (local),
                          g_date_time_get_minute (local));
}

const char *
taiou_appi_trigger_to_string (TaiouAppiTriggers trigger)
{
  for (guint i = 0; i < G_N_ELEMENTS (trigger_names); i++)
    if (trigger_names[i].trigger == trigger)
      return trigger_names[i].name;
  return NULL;
}

/* Returns: the trigger called @name, TAIOU_APPI_TRIGGER_NONE for anything else */
TaiouAppiTriggers
taiou_appi_trigger_from_string (const char *name)
{
  for (guint i = 0; i < G_N_ELEMENTS (trigger_names); i++)
    if (g_strcmp0 (trigger_names[i].name, name) == 0)
      return trigger_names[i].trigger;
  return TAIOU_APPI_TRIGGER_NONE;
}

const char *
taiou_appi_item_to_string (TaiouAppiItem item)
{
  g_return_val_if_fail (item < TAIOU_APPI_N_ITEMS, NULL);
  return item_names[item];
}

gboolean
taiou_appi_item_from_string (const char    *name,
                             TaiouAppiItem *item)
{
  g_return_val_if_fail (item != NULL, FALSE);

  for (guint i = 0; i < TAIOU_APPI_N_ITEMS; i++)
    if (g_strcmp0 (item_names[i], name) == 0)
      {
        *item = (TaiouAppiItem) i;
        return TRUE;
      }
  return FALSE;
}

/* "2026-12-23": a day, without a time zone to misread. */
static void
set_date_member (JsonObject  *object,
                 const char  *member,
                 const GDate *date)
{
  g_autofree char *text = g_strdup_printf ("%04u-%02u-%02u", g_date_get_year (date),
                                           g_date_get_month (date), g_date_get_day (date));

  json_object_set_string_member (object, member, text);
}

/**
 * taiou_appi_deadlines_to_json:
 *
 * The detail of the event that records a computation: its inputs (discovered_us, triggers) and
 * the dates shown, with the rule used to count them, so the record reads on its own.
 *
 * Returns: (transfer full): a new object
 */
JsonObject *
taiou_appi_deadlines_to_json (const TaiouAppiDeadlines *deadlines)
{
  JsonObject *object = json_object_new ();
  JsonArray *triggers = json_array_new ();

  g_return_val_if_fail (deadlines != NULL, object);

  for (guint i = 0; i < G_N_ELEMENTS (trigger_names); i++)
    if ((deadlines->triggers & trigger_names[i].trigger) != 0)
      json_array_add_string_element (triggers, trigger_names[i].name);
  json_object_set_int_member (object, "discovered_us", deadlines->discovered_us);
  set_date_member (object, "discovered_date", &deadlines->discovered_date);
  json_object_set_array_member (object, "triggers", triggers);
  json_object_set_boolean_member (object, "reportable", deadlines->reportable);
  json_object_set_string_member (object, "time_zone", "Asia/Tokyo");
  json_object_set_string_member (object, "day_counting",
                                 "calendar days; the day of discovery is not counted");
  if (deadlines->reportable)
    {
      set_date_member (object, "preliminary_from", &deadlines->preliminary_from);
      set_date_member (object, "preliminary_until", &deadlines->preliminary_until);
      set_date_member (object, "final_due", &deadlines->final_due);
      json_object_set_int_member (object, "final_days", deadlines->final_days);
    }
  return object;
}

/**
 * taiou_appi_deadlines_from_json:
 *
 * Re-computes the deadlines from a recorded computation's inputs, so that a hand-edited date in
 * the detail can never be shown as a deadline.
 *
 * Returns: FALSE when @object does not hold a computation
 */
gboolean
taiou_appi_deadlines_from_json (JsonObject         *object,
                                TaiouAppiDeadlines *deadlines)
{
  JsonNode *discovered;
  JsonArray *triggers;
  TaiouAppiTriggers flags = TAIOU_APPI_TRIGGER_NONE;

  g_return_val_if_fail (deadlines != NULL, FALSE);

  if (object == NULL)
    return FALSE;
  discovered = json_object_get_member (object, "discovered_us");
  if (discovered == NULL || json_node_get_value_type (discovered) != G_TYPE_INT64)
    return FALSE;
  if (json_object_has_member (object, "triggers") &&
      JSON_NODE_HOLDS_ARRAY (json_object_get_member (object, "triggers")))
    {
      triggers = json_object_get_array_member (object, "triggers");
      for (guint i = 0; i < json_array_get_length (triggers); i++)
        {
          JsonNode *node = json_array_get_element (triggers, i);

          if (JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_STRING)
            flags |= taiou_appi_trigger_from_string (json_node_get_string (node));
        }
    }
  return taiou_appi_compute (json_node_get_int (discovered), G_MAXINT64, flags, deadlines, NULL);
}
