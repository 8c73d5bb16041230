/* test-appi.c — APPI deadlines: days in Japan whatever the machine's zone, the day of discovery
 * not counted, 60 days for 不正の目的, no discovery in the future, a record that re-computes */
#define G_LOG_DOMAIN "test-appi"

#include "config.h"

#include "taiou-test-util.h"

/* 2026-11-23 00:30 in Japan, which is still 22 November in UTC and in Los Angeles. */
#define EARLY_MORNING_JST_US (G_GINT64_CONSTANT (1795361400) * G_USEC_PER_SEC)

static gint64
japan_time_us (int year, int month, int day, int hour, int minute)
{
  g_autoptr(GTimeZone) zone = taiou_appi_time_zone ();
  g_autoptr(GDateTime) time = g_date_time_new (zone, year, month, day, hour, minute, 0);

  return g_date_time_to_unix (time) * G_USEC_PER_SEC;
}

static void
assert_date (const GDate *date,
             guint        year,
             guint        month,
             guint        day)
{
  g_assert_true (g_date_valid (date));
  g_assert_cmpuint (g_date_get_year (date), ==, year);
  g_assert_cmpuint (g_date_get_month (date), ==, month);
  g_assert_cmpuint (g_date_get_day (date), ==, day);
}

static void
test_days_counted_in_japan (void)
{
  TaiouAppiDeadlines deadlines;
  g_autoptr(GError) error = NULL;
  gint64 now = japan_time_us (2026, 11, 24, 12, 0);

  g_assert_true (taiou_appi_compute (EARLY_MORNING_JST_US, now, TAIOU_APPI_TRIGGER_OVER_1000,
                                     &deadlines, &error));
  g_assert_no_error (error);
  /* The machine runs in Los Angeles (see main); the day is Japan's. */
  assert_date (&deadlines.discovered_date, 2026, 11, 23);
  g_assert_true (deadlines.reportable);
  /* The day of discovery is not counted: day 3 is the 26th, day 5 the 28th, day 30 the 23rd. */
  assert_date (&deadlines.preliminary_from, 2026, 11, 26);
  assert_date (&deadlines.preliminary_until, 2026, 11, 28);
  assert_date (&deadlines.final_due, 2026, 12, 23);
  g_assert_cmpuint (deadlines.final_days, ==, 30);

  /* One minute before midnight in Japan is still the same day. */
  g_assert_true (taiou_appi_compute (japan_time_us (2026, 11, 23, 23, 59), now,
                                     TAIOU_APPI_TRIGGER_SENSITIVE, &deadlines, &error));
  assert_date (&deadlines.final_due, 2026, 12, 23);
}

static void
test_unlawful_purpose_gives_60_days (void)
{
  TaiouAppiDeadlines deadlines;
  g_autoptr(GError) error = NULL;

  /* The Emotet case, even together with another situation. */
  g_assert_true (taiou_appi_compute (japan_time_us (2026, 11, 23, 9, 30), G_MAXINT64,
                                     TAIOU_APPI_TRIGGER_UNLAWFUL_PURPOSE |
                                     TAIOU_APPI_TRIGGER_FINANCIAL, &deadlines, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (deadlines.final_days, ==, 60);
  assert_date (&deadlines.final_due, 2027, 1, 22);
  assert_date (&deadlines.preliminary_from, 2026, 11, 26);

  /* Month ends and a leap year are the calendar's business. */
  g_assert_true (taiou_appi_compute (japan_time_us (2028, 1, 31, 10, 0), G_MAXINT64,
                                     TAIOU_APPI_TRIGGER_FINANCIAL, &deadlines, &error));
  assert_date (&deadlines.final_due, 2028, 3, 1);
}

static void
test_no_trigger_is_not_reportable (void)
{
  TaiouAppiDeadlines deadlines;

  g_assert_true (taiou_appi_compute (japan_time_us (2026, 11, 23, 9, 30), G_MAXINT64,
                                     TAIOU_APPI_TRIGGER_NONE, &deadlines, NULL));
  g_assert_false (deadlines.reportable);
  /* Unknown bits are not triggers. */
  g_assert_true (taiou_appi_compute (japan_time_us (2026, 11, 23, 9, 30), G_MAXINT64,
                                     1 << 20, &deadlines, NULL));
  g_assert_false (deadlines.reportable);
}

static void
test_future_and_out_of_range_refused (void)
{
  TaiouAppiDeadlines deadlines;
  g_autoptr(GError) error = NULL;
  gint64 now = japan_time_us (2026, 11, 24, 12, 0);

  g_assert_false (taiou_appi_compute (now + G_TIME_SPAN_HOUR, now, TAIOU_APPI_TRIGGER_ALL,
                                      &deadlines, &error));
  g_assert_error (error, TAIOU_APPI_ERROR, TAIOU_APPI_ERROR_FUTURE);
  g_clear_error (&error);
  /* A clock a minute fast is not "the future". */
  g_assert_true (taiou_appi_compute (now + G_TIME_SPAN_MINUTE, now, TAIOU_APPI_TRIGGER_ALL,
                                     &deadlines, &error));
  g_assert_no_error (error);

  g_assert_false (taiou_appi_compute (G_MAXINT64 / 2, G_MAXINT64, TAIOU_APPI_TRIGGER_ALL,
                                      &deadlines, &error));
  g_assert_error (error, TAIOU_APPI_ERROR, TAIOU_APPI_ERROR_OUT_OF_RANGE);
  g_clear_error (&error);
  g_assert_false (taiou_appi_compute (G_MININT64 / 2, G_MAXINT64, TAIOU_APPI_TRIGGER_ALL,
                                      &deadlines, &error));
  g_assert_error (error, TAIOU_APPI_ERROR, TAIOU_APPI_ERROR_OUT_OF_RANGE);
}

static void
test_format (void)
{
  GDate date;
  g_autofree char *ja = NULL;
  g_autofree char *en = NULL;
  g_autofree char *time = NULL;

  g_date_clear (&date, 1);
  g_date_set_dmy (&date, 23, 12, 2026);
  ja = taiou_appi_format_date (&date, TRUE);
  en = taiou_appi_format_date (&date, FALSE);
  g_assert_cmpstr (ja, ==, "2026年12月23日（水）");
  g_assert_cmpstr (en, ==, "Wed 23 Dec 2026");
  time = taiou_appi_format_time (EARLY_MORNING_JST_US, TRUE);
  g_assert_cmpstr (time, ==, "2026年11月23日（月） 00:30");
}

/* The record keeps the inputs and the dates shown; reading it back re-computes from the inputs,
 * so a date edited in the file is never shown as a deadline. */
static void
test_json_round_trip (void)
{
  TaiouAppiDeadlines deadlines;
  TaiouAppiDeadlines read;
  g_autoptr(JsonObject) object = NULL;
  g_autoptr(JsonNode) node = json_node_new (JSON_NODE_OBJECT);
  g_autofree char *text = NULL;
  JsonArray *triggers;

  g_assert_true (taiou_appi_compute (EARLY_MORNING_JST_US, G_MAXINT64,
                                     TAIOU_APPI_TRIGGER_UNLAWFUL_PURPOSE, &deadlines, NULL));
  object = taiou_appi_deadlines_to_json (&deadlines);
  json_node_set_object (node, object);
  text = json_to_string (node, FALSE);
  g_assert_nonnull (strstr (text, "\"final_due\":\"2027-01-22\""));
  g_assert_nonnull (strstr (text, "\"triggers\":[\"unlawful-purpose\"]"));
  g_assert_nonnull (strstr (text, "\"time_zone\":\"Asia/Tokyo\""));

  json_object_set_string_member (object, "final_due", "2099-01-01");
  triggers = json_object_get_array_member (object, "triggers");
  json_array_add_string_element (triggers, "no-such-trigger");
  json_array_add_int_element (triggers, 7);
  g_assert_true (taiou_appi_deadlines_from_json (object, &read));
  assert_date (&read.final_due, 2027, 1, 22);
  g_assert_cmpint (read.triggers, ==, TAIOU_APPI_TRIGGER_UNLAWFUL_PURPOSE);

  json_object_set_string_member (object, "discovered_us", "yesterday");
  g_assert_false (taiou_appi_deadlines_from_json (object, &read));
  g_assert_false (taiou_appi_deadlines_from_json (NULL, &read));
}

static void
test_names (void)
{
  TaiouAppiItem item;

  for (guint i = 0; i < 4; i++)
    {
      TaiouAppiTriggers trigger = 1 << i;

      g_assert_cmpint (taiou_appi_trigger_from_string (taiou_appi_trigger_to_string (trigger)),
                       ==, trigger);
    }
  g_assert_cmpint (taiou_appi_trigger_from_string ("x"), ==, TAIOU_APPI_TRIGGER_NONE);
  g_assert_cmpint (taiou_appi_trigger_from_string (NULL), ==, TAIOU_APPI_TRIGGER_NONE);
  g_assert_true (taiou_appi_item_from_string ("final", &item));
  g_assert_cmpint (item, ==, TAIOU_APPI_ITEM_FINAL);
  g_assert_false (taiou_appi_item_from_string ("finished", &item));
}

int
main (int    argc,
      char **argv)
{
  /* Deadlines are Japan's days, not the machine's. */
  g_setenv ("TZ", "America/Los_Angeles", TRUE);
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/taiou/appi/days-counted-in-japan", test_days_counted_in_japan);
  g_test_add_func ("/taiou/appi/unlawful-purpose-gives-60-days",
                   test_unlawful_purpose_gives_60_days);
  g_test_add_func ("/taiou/appi/no-trigger-is-not-reportable", test_no_trigger_is_not_reportable);
  g_test_add_func ("/taiou/appi/future-and-out-of-range-refused",
                   test_future_and_out_of_range_refused);
  g_test_add_func ("/taiou/appi/format", test_format);
  g_test_add_func ("/taiou/appi/json-round-trip", test_json_round_trip);
  g_test_add_func ("/taiou/appi/names", test_names);

  return g_test_run ();
}
