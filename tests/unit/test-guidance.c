/* test-guidance.c — the wizard's guidance loads, every record is sourced, bad files are refused */
#define G_LOG_DOMAIN "test-guidance"

#include "config.h"

#include <glib/gstdio.h>
#include <string.h>

#include "taiou.h"

static const char * const steps[] = {
  "triage", "disconnect", "scan", "passwords", "notify", "report",
};

#define GOOD_SOURCE \
  "\"source\": {\"organization\": \"愛知県警察\", \"page\": \"ページ\", " \
  "\"url\": \"https://www.example.jp/page.html\", \"retrieved\": \"2026-12-03\"}"

static TaiouGuidance *
parse (const char  *text,
       GError     **error)
{
  return taiou_guidance_parse ("disconnect", text, strlen (text), error);
}

static gboolean
has_japanese (const char *text)
{
  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      /* hiragana, katakana or CJK ideographs */
      if ((c >= 0x3040 && c <= 0x30ff) || (c >= 0x4e00 && c <= 0x9fff))
        return TRUE;
    }
  return FALSE;
}

static gboolean
is_english (const char *text)
{
  gboolean letters = FALSE;

  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if ((c >= 0x3040 && c <= 0x30ff) || (c >= 0x4e00 && c <= 0x9fff))
        return FALSE;
      letters |= g_ascii_isalpha ((char) (c < 0x80 ? c : 0));
    }
  return letters;
}

static void
test_every_step_loads (void)
{
  g_autoptr(GHashTable) ids = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  for (guint s = 0; s < G_N_ELEMENTS (steps); s++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(TaiouGuidance) guidance = taiou_guidance_load_step (steps[s], &error);
      g_autofree char *prefix = g_strconcat (steps[s], ".", NULL);

      g_assert_no_error (error);
      g_assert_nonnull (guidance);
      g_assert_cmpstr (taiou_guidance_get_step (guidance), ==, steps[s]);
      g_assert_cmpuint (taiou_guidance_get_n_records (guidance), >, 0);

      for (guint i = 0; i < taiou_guidance_get_n_records (guidance); i++)
        {
          const TaiouGuidanceRecord *record = taiou_guidance_get_record (guidance, i);
          g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
          g_autofree char *today = g_date_time_format (now, "%F");

          g_assert_true (g_str_has_prefix (record->id, prefix));
          g_assert_false (g_hash_table_contains (ids, record->id));
          g_hash_table_add (ids, g_strdup (record->id));
          g_assert_true (has_japanese (record->text_ja));
          g_assert_true (is_english (record->text_en));
          /* Japanese public bodies and JPCERT/CC; Microsoft only for how its own command
           * works (scan.volume-serial-vol: `vol C:`), from its own documentation. */
          g_assert_true (has_japanese (record->organization) ||
                         g_str_equal (record->organization, "JPCERT/CC") ||
                         (g_str_equal (record->organization, "Microsoft") &&
                          g_str_has_prefix (record->url, "https://learn.microsoft.com/")));
          g_assert_cmpstr (record->page, !=, "");
          g_assert_true (g_str_has_prefix (record->url, "https://"));
          g_assert_cmpuint (strlen (record->retrieved), ==, 10);
          /* A check cannot be dated in the future. */
          g_assert_cmpstr (record->retrieved, <=, today);
          g_assert_true (taiou_guidance_lookup (guidance, record->id) == record);
          g_assert_cmpstr (taiou_guidance_record_get_text (record, TRUE), ==, record->text_ja);
          g_assert_cmpstr (taiou_guidance_record_get_text (record, FALSE), ==, record->text_en);
        }
    }
}

/* The triage page's comment says its questions come from data/guidance/. */
static void
test_triage_has_its_instructions (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TaiouGuidance) guidance = taiou_guidance_load_step ("triage", &error);

  g_assert_no_error (error);
  g_assert_nonnull (taiou_guidance_lookup (guidance, "triage.keep-power-on"));
  g_assert_nonnull (taiou_guidance_lookup (guidance, "triage.write-down"));
  g_assert_nonnull (taiou_guidance_lookup (guidance, "triage.tell-it-manager"));
  g_assert_null (taiou_guidance_lookup (guidance, "triage.no-such-record"));
}

static void
test_citation (void)
{
  TaiouGuidanceRecord record = {
    .id = (char *) "disconnect.unplug-lan",
    .text_ja = (char *) "LAN ケーブルを抜いてください。",
    .text_en = (char *) "Unplug the LAN cable.",
    .organization = (char *) "愛知県警察",
    .page = (char *) "パソコンやスマートフォンがウイルスに感染した",
    .url = (char *) "https://www.pref.aichi.jp/police/anzen/cyber/soudan/computervirus.html",
    .retrieved = (char *) "2026-12-03",
  };
  g_autofree char *ja = taiou_guidance_record_format_citation (&record, TRUE);
  g_autofree char *en = taiou_guidance_record_format_citation (&record, FALSE);

  g_assert_cmpstr (ja, ==, "出典：愛知県警察「パソコンやスマートフォンがウイルスに感染した」"
                           "（2026-12-03 確認）");
  g_assert_cmpstr (en, ==, "Source: 愛知県警察, “パソコンやスマートフォンがウイルスに感染した” "
                           "(checked 2026-12-03)");
}

static void
test_accepts_a_good_record (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TaiouGuidance) guidance =
    parse ("[{\"id\": \"disconnect.unplug-lan\", \"text_ja\": \"抜いてください。\", "
           "\"text_en\": \"Unplug it.\", " GOOD_SOURCE "}]", &error);

  g_assert_no_error (error);
  g_assert_cmpuint (taiou_guidance_get_n_records (guidance), ==, 1);
  g_assert_cmpstr (taiou_guidance_get_record (guidance, 0)->organization, ==, "愛知県警察");
}

static void
assert_refused (const char *text,
                int         code)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TaiouGuidance) guidance = parse (text, &error);

  g_assert_null (guidance);
  g_assert_error (error, TAIOU_GUIDANCE_ERROR, code);
  g_test_message ("%s", error->message);
}

static void
test_refuses_record_without_source (void)
{
  assert_refused ("[{\"id\": \"disconnect.a\", \"text_ja\": \"抜く。\", \"text_en\": \"Unplug.\"}]",
                  TAIOU_GUIDANCE_ERROR_RECORD);
  /* a source missing one field */
  assert_refused ("[{\"id\": \"disconnect.a\", \"text_ja\": \"抜く。\", \"text_en\": \"Unplug.\", "
                  "\"source\": {\"organization\": \"IPA\", \"page\": \"p\", "
                  "\"url\": \"https://www.ipa.go.jp/\"}}]",
                  TAIOU_GUIDANCE_ERROR_RECORD);
  /* an empty field counts as missing */
  assert_refused ("[{\"id\": \"disconnect.a\", \"text_ja\": \"\", \"text_en\": \"Unplug.\", "
                  GOOD_SOURCE "}]",
                  TAIOU_GUIDANCE_ERROR_RECORD);
  /* so does one of the wrong type */
  assert_refused ("[{\"id\": \"disconnect.a\", \"text_ja\": 1, \"text_en\": \"Unplug.\", "
                  GOOD_SOURCE "}]",
                  TAIOU_GUIDANCE_ERROR_RECORD);
}

static void
test_refuses_non_https (void)
{
  static const char * const urls[] = {
    "http://www.example.jp/page.html",
    "ftp://www.example.jp/",
    "javascript:alert(1)",
    "https://",
    "https://user@www.example.jp/",
    "www.example.jp",
  };

  for (guint i = 0; i < G_N_ELEMENTS (urls); i++)
    {
      g_autofree char *text =
        g_strdup_printf ("[{\"id\": \"disconnect.a\", \"text_ja\": \"抜く。\", "
                         "\"text_en\": \"Unplug.\", \"source\": {\"organization\": \"IPA\", "
                         "\"page\": \"p\", \"url\": \"%s\", \"retrieved\": \"2026-12-03\"}}]",
                         urls[i]);

      assert_refused (text, TAIOU_GUIDANCE_ERROR_RECORD);
    }
}

static void
test_refuses_bad_records (void)
{
  /* an id outside its step */
  assert_refused ("[{\"id\": \"scan.a\", \"text_ja\": \"抜く。\", \"text_en\": \"Unplug.\", "
                  GOOD_SOURCE "}]", TAIOU_GUIDANCE_ERROR_RECORD);
  /* the same id twice */
  assert_refused ("[{\"id\": \"disconnect.a\", \"text_ja\": \"抜く。\", \"text_en\": \"U.\", "
                  GOOD_SOURCE "}, {\"id\": \"disconnect.a\", \"text_ja\": \"切る。\", "
                  "\"text_en\": \"O.\", " GOOD_SOURCE "}]", TAIOU_GUIDANCE_ERROR_RECORD);
  /* a date that is not one */
  assert_refused ("[{\"id\": \"disconnect.a\", \"text_ja\": \"抜く。\", \"text_en\": \"U.\", "
                  "\"source\": {\"organization\": \"IPA\", \"page\": \"p\", "
                  "\"url\": \"https://www.ipa.go.jp/\", \"retrieved\": \"2026-02-30\"}}]",
                  TAIOU_GUIDANCE_ERROR_RECORD);
  /* a line break on screen */
  assert_refused ("[{\"id\": \"disconnect.a\", \"text_ja\": \"抜く。\\n切る。\", "
                  "\"text_en\": \"U.\", " GOOD_SOURCE "}]", TAIOU_GUIDANCE_ERROR_RECORD);
  /* a record that is not an object */
  assert_refused ("[\"disconnect.a\"]", TAIOU_GUIDANCE_ERROR_RECORD);
}

static void
test_refuses_malformed_json (void)
{
  g_autoptr(GString) deep = g_string_new (NULL);

  assert_refused ("[{\"id\": \"disconnect.a\",", TAIOU_GUIDANCE_ERROR_MALFORMED);
  assert_refused ("{\"id\": \"disconnect.a\"}", TAIOU_GUIDANCE_ERROR_MALFORMED);
  assert_refused ("", TAIOU_GUIDANCE_ERROR_MALFORMED);
  assert_refused ("[\"\xff\xfe\"]", TAIOU_GUIDANCE_ERROR_MALFORMED);

  /* deep nesting never reaches the recursive parser */
  for (guint i = 0; i < 100000; i++)
    g_string_append_c (deep, '[');
  assert_refused (deep->str, TAIOU_GUIDANCE_ERROR_MALFORMED);
}

static void
test_refuses_oversized_file (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("taiou-guidance-XXXXXX", &error);
  g_autofree char *path = NULL;
  g_autofree char *big = NULL;
  g_autoptr(TaiouGuidance) guidance = NULL;
  gsize size = TAIOU_GUIDANCE_MAX_SIZE + 1;

  g_assert_no_error (error);
  path = g_build_filename (dir, "disconnect.json", NULL);
  big = g_malloc (size);
  memset (big, ' ', size);
  big[0] = '[';
  big[size - 1] = ']';
  g_file_set_contents (path, big, (gssize) size, &error);
  g_assert_no_error (error);

  guidance = taiou_guidance_load_file ("disconnect", path, &error);
  g_assert_null (guidance);
  g_assert_error (error, TAIOU_GUIDANCE_ERROR, TAIOU_GUIDANCE_ERROR_TOO_LARGE);
  g_clear_error (&error);

  /* the same bytes handed over directly */
  guidance = taiou_guidance_parse ("disconnect", big, size, &error);
  g_assert_null (guidance);
  g_assert_error (error, TAIOU_GUIDANCE_ERROR, TAIOU_GUIDANCE_ERROR_TOO_LARGE);

  g_unlink (path);
  g_rmdir (dir);
}

static void
test_refuses_step_names_that_are_paths (void)
{
  static const char * const names[] = { "../etc/passwd", "scan/x", ".hidden", "", "Scan" };

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(TaiouGuidance) guidance = taiou_guidance_load_step (names[i], &error);

      g_assert_null (guidance);
      g_assert_error (error, TAIOU_GUIDANCE_ERROR, TAIOU_GUIDANCE_ERROR_STEP);
    }
}

/* $TAIOU_GUIDANCE_DIR decides where the files are; a missing one is an error naming the step. */
static void
test_dir_override_and_missing_file (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *saved = g_strdup (g_getenv ("TAIOU_GUIDANCE_DIR"));
  g_autofree char *dir = g_dir_make_tmp ("taiou-guidance-XXXXXX", &error);
  g_autofree char *path = NULL;
  g_autoptr(TaiouGuidance) guidance = NULL;
  const char *text = "[{\"id\": \"notify.a\", \"text_ja\": \"知らせる。\", \"text_en\": \"Tell.\", "
                     GOOD_SOURCE "}]";

  g_assert_no_error (error);
  path = g_build_filename (dir, "notify.json", NULL);
  g_file_set_contents (path, text, -1, &error);
  g_assert_no_error (error);

  g_setenv ("TAIOU_GUIDANCE_DIR", dir, TRUE);
  g_assert_cmpstr (taiou_guidance_dir (), ==, dir);
  guidance = taiou_guidance_load_step ("notify", &error);
  g_assert_no_error (error);
  g_assert_nonnull (taiou_guidance_lookup (guidance, "notify.a"));
  g_clear_pointer (&guidance, taiou_guidance_free);

  guidance = taiou_guidance_load_step ("report", &error);
  g_assert_null (guidance);
  g_assert_error (error, TAIOU_GUIDANCE_ERROR, TAIOU_GUIDANCE_ERROR_READ);
  g_assert_nonnull (strstr (error->message, "report"));

  if (saved != NULL)
    g_setenv ("TAIOU_GUIDANCE_DIR", saved, TRUE);
  else
    g_unsetenv ("TAIOU_GUIDANCE_DIR");
  g_unlink (path);
  g_rmdir (dir);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/taiou/guidance/every-step-loads", test_every_step_loads);
  g_test_add_func ("/taiou/guidance/triage-has-its-instructions", test_triage_has_its_instructions);
  g_test_add_func ("/taiou/guidance/citation", test_citation);
  g_test_add_func ("/taiou/guidance/accepts-a-good-record", test_accepts_a_good_record);
  g_test_add_func ("/taiou/guidance/refuses-record-without-source",
                   test_refuses_record_without_source);
  g_test_add_func ("/taiou/guidance/refuses-non-https", test_refuses_non_https);
  g_test_add_func ("/taiou/guidance/refuses-bad-records", test_refuses_bad_records);
  g_test_add_func ("/taiou/guidance/refuses-malformed-json", test_refuses_malformed_json);
  g_test_add_func ("/taiou/guidance/refuses-oversized-file", test_refuses_oversized_file);
  g_test_add_func ("/taiou/guidance/refuses-step-names-that-are-paths",
                   test_refuses_step_names_that_are_paths);
  g_test_add_func ("/taiou/guidance/dir-override-and-missing-file",
                   test_dir_override_and_missing_file);

  return g_test_run ();
}
