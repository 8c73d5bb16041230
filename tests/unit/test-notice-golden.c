/* test-notice-golden.c — every notice, filled with one fixed set of values, byte for byte as the
 * checked-in files in tests/data/notice-golden/ say
 *
 * A change to a template, to the filling or to the HTML or .eml writer shows up here as a
 * failing test naming the first line that differs, and in review as a diff of letters people
 * can read.  After an intended change, write the files anew and read them before committing:
 *
 *   TAIOU_UPDATE_GOLDEN=1 meson test -C _build notice-golden
 *
 * The .eml's Message-ID is random, so it is replaced by a placeholder before comparing; its
 * Date is fixed, with a fixed offset, so the machine's time zone does not matter.
 */
#define G_LOG_DOMAIN "test-notice-golden"

#include "config.h"

#include <locale.h>
#include <string.h>

#include "taiou-test-notice.h"
#include "taiou-test-util.h"

#define GOLDEN_DIR              TAIOU_SOURCE_ROOT "/tests/data/notice-golden"
#define MESSAGE_ID_PLACEHOLDER  "<golden-message-id@ourcorp.co.jp>"

static const char * const templates[] = {
  "affected-person", "follow-up", "internal-report", "partner-warning", "ppc-report-draft",
  "web-notice",
};

static gboolean
updating (void)
{
  return g_strcmp0 (g_getenv ("TAIOU_UPDATE_GOLDEN"), "1") == 0;
}

/* The first line where two texts part, for a failure a person can act on. */
static void
report_first_difference (const char *path,
                         const char *expected,
                         gsize       expected_length,
                         const char *actual,
                         gsize       actual_length)
{
  gsize line = 1;
  gsize start = 0;
  gsize i = 0;
  const char *expected_end;
  const char *actual_end;

  while (i < expected_length && i < actual_length && expected[i] == actual[i])
    {
      if (expected[i] == '\n')
        {
          line++;
          start = i + 1;
        }
      i++;
    }
  expected_end = memchr (expected + start, '\n', expected_length - start);
  actual_end = memchr (actual + start, '\n', actual_length - start);
  g_test_message ("%s:%" G_GSIZE_FORMAT ": first difference", path, line);
  g_test_message ("- %.*s", (int) ((expected_end != NULL ? (gsize) (expected_end - expected)
                                                         : expected_length) - start),
                  expected + start);
  g_test_message ("+ %.*s", (int) ((actual_end != NULL ? (gsize) (actual_end - actual)
                                                       : actual_length) - start),
                  actual + start);
  g_test_fail_printf ("%s differs from the output at line %" G_GSIZE_FORMAT " (%" G_GSIZE_FORMAT
                      " bytes expected, %" G_GSIZE_FORMAT " made); if the change is intended, "
                      "run with TAIOU_UPDATE_GOLDEN=1 and review the diff",
                      path, line, expected_length, actual_length);
}

static void
check_golden (const char *file,
              const char *actual,
              gsize       actual_length)
{
  g_autofree char *path = g_build_filename (GOLDEN_DIR, file, NULL);
  g_autofree char *expected = NULL;
  gsize expected_length = 0;
  g_autoptr(GError) error = NULL;

  if (!g_file_get_contents (path, &expected, &expected_length, &error))
    {
      g_test_fail_printf ("%s; run with TAIOU_UPDATE_GOLDEN=1 to write it", error->message);
      return;
    }
  if (expected_length != actual_length || memcmp (expected, actual, actual_length) != 0)
    report_first_difference (path, expected, expected_length, actual, actual_length);
}

static void
compare_or_update (const char *file,
                   const char *actual,
                   gsize       actual_length)
{
  g_autofree char *path = NULL;
  g_autoptr(GError) error = NULL;

  if (!updating ())
    {
      check_golden (file, actual, actual_length);
      return;
    }
  path = g_build_filename (GOLDEN_DIR, file, NULL);
  g_file_set_contents (path, actual, (gssize) actual_length, &error);
  g_assert_no_error (error);
  g_test_message ("TAIOU_UPDATE_GOLDEN=1: wrote %s", path);
}

static TaiouNoticeText *
render (const char           *name,
        TaiouNoticeTemplate **out_notice)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TaiouNoticeTemplate) notice = taiou_notice_template_find (name, &error);
  g_autoptr(GHashTable) variables = NULL;
  TaiouNoticeText *text;

  g_assert_no_error (error);
  variables = taiou_test_notice_variables (notice);
  text = taiou_notice_render (notice, variables, &error);
  g_assert_no_error (error);
  g_assert_nonnull (text);
  if (out_notice != NULL)
    *out_notice = g_steal_pointer (&notice);
  return text;
}

/* As `taiou-cli notice render` writes it. */
static char *
text_output (TaiouNoticeText *text)
{
  if (text->subject != NULL)
    return g_strdup_printf ("件名: %s\n\n%s", text->subject, text->body);
  return g_strdup (text->body);
}

static void
test_text (gconstpointer data)
{
  const char *name = data;
  g_autoptr(TaiouNoticeText) text = render (name, NULL);
  g_autofree char *output = text_output (text);
  g_autofree char *file = g_strconcat (name, ".txt", NULL);

  compare_or_update (file, output, strlen (output));
}

static void
test_html (gconstpointer data)
{
  const char *name = data;
  g_autoptr(TaiouNoticeTemplate) notice = NULL;
  g_autoptr(TaiouNoticeText) text = render (name, &notice);
  g_autofree char *html = NULL;
  g_autofree char *file = g_strconcat (name, ".html", NULL);

  html = taiou_notice_text_to_html (text, taiou_notice_template_get_title (notice));
  compare_or_update (file, html, strlen (html));
}

/* The header line that starts with @field ("Date: "), in the header block. */
static const char *
find_header (const char *eml,
             const char *field)
{
  g_autofree char *after_break = g_strconcat ("\n", field, NULL);
  const char *end = strstr (eml, "\n\n");
  const char *found;

  if (g_str_has_prefix (eml, field))
    return eml;
  found = strstr (eml, after_break);
  return found != NULL && (end == NULL || found < end) ? found + 1 : NULL;
}

/* The one header that differs at each run gets a value that does not. */
static char *
fix_message_id (const char *eml)
{
  GString *fixed = g_string_new (eml);
  const char *header = find_header (fixed->str, "Message-Id: ");
  gsize value_start, value_end;

  g_assert_nonnull (header);
  value_start = (gsize) (header - fixed->str) + strlen ("Message-Id: ");
  value_end = value_start;
  /* The value ends at the first line break that is not followed by folding white space. */
  while (value_end < fixed->len &&
         !(fixed->str[value_end] == '\n' && value_end + 1 < fixed->len &&
           fixed->str[value_end + 1] != ' ' && fixed->str[value_end + 1] != '\t'))
    value_end++;
  g_assert_cmpuint (value_end, <, fixed->len);
  if (value_end > value_start && fixed->str[value_end - 1] == '\r')
    value_end--;
  g_string_erase (fixed, (gssize) value_start, (gssize) (value_end - value_start));
  g_string_insert (fixed, (gssize) value_start, MESSAGE_ID_PLACEHOLDER);
  return g_string_free (fixed, FALSE);
}

static void
test_eml (void)
{
  g_autoptr(TaiouNoticeText) text = render ("partner-warning", NULL);
  g_autoptr(GPtrArray) addresses = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GTimeZone) jst = g_time_zone_new_offset (9 * 3600);
  g_autoptr(GDateTime) date = g_date_time_new (jst, 2026, 11, 23, 14, 0, 0);
  g_autoptr(GPtrArray) batches = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *eml = NULL;
  g_autofree char *fixed = NULL;
  const char *date_header;
  const char *data;
  gsize length;

  g_ptr_array_add (addresses, g_strdup ("tanaka@partner-a.example"));
  g_ptr_array_add (addresses, g_strdup ("suzuki@partner-b.example"));
  g_ptr_array_add (addresses, g_strdup ("sato@partner-c.example"));
  batches = taiou_notice_build_eml (text, "soumu@ourcorp.co.jp", "joho@ourcorp.co.jp", addresses,
                                    0, date, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (batches->len, ==, 1);
  /* GMime writes ASCII only: the subject is RFC 2047-encoded, the body base64. */
  data = g_bytes_get_data (batches->pdata[0], &length);
  eml = g_strndup (data, length);
  g_assert_cmpuint (strlen (eml), ==, length);
  fixed = fix_message_id (eml);
  date_header = find_header (fixed, "Date: ");
  g_assert_nonnull (date_header);
  g_assert_true (g_str_has_prefix (date_header, "Date: Mon, 23 Nov 2026 14:00:00 +0900\n"));
  compare_or_update ("partner-warning.eml", fixed, strlen (fixed));
}

/* The golden text is what the CLI writes, not only what this test puts together. */
static void
test_cli_writes_the_same (void)
{
  g_autofree char *out = g_build_filename (g_get_user_data_dir (), "out", NULL);

  if (updating ())
    {
      g_test_skip ("TAIOU_UPDATE_GOLDEN=1: nothing to compare");
      return;
    }
  g_assert_cmpint (g_mkdir_with_parents (g_get_user_data_dir (), 0700), ==, 0);
  for (gsize t = 0; t < G_N_ELEMENTS (templates); t++)
    {
      g_autoptr(TaiouNoticeTemplate) notice = taiou_notice_template_find (templates[t], NULL);
      g_autoptr(GHashTable) variables = NULL;
      g_autoptr(JsonObject) object = json_object_new ();
      g_autoptr(JsonNode) root = json_node_new (JSON_NODE_OBJECT);
      g_autofree char *json = NULL;
      g_autofree char *vars = g_build_filename (g_get_user_data_dir (), "vars.json", NULL);
      g_autofree char *file = g_strconcat (templates[t], ".txt", NULL);
      g_autofree char *written = g_build_filename (out, file, NULL);
      g_autofree char *actual = NULL;
      gsize length = 0;
      g_autoptr(TaiouTestCliResult) result = NULL;
      GHashTableIter iter;
      gpointer name, value;

      g_assert_nonnull (notice);
      variables = taiou_test_notice_variables (notice);
      /* A list goes to the CLI as a JSON array, the way people write it. */
      g_hash_table_iter_init (&iter, variables);
      while (g_hash_table_iter_next (&iter, &name, &value))
        if (taiou_notice_template_is_list (notice, name))
          {
            g_auto(GStrv) items = g_strsplit (value, "\n", -1);
            JsonArray *array = json_array_new ();

            for (guint i = 0; items[i] != NULL; i++)
              json_array_add_string_element (array, items[i]);
            json_object_set_array_member (object, name, array);
          }
        else
          json_object_set_string_member (object, name, value);
      json_node_set_object (root, object);
      json = json_to_string (root, TRUE);
      g_assert_true (g_file_set_contents (vars, json, -1, NULL));

      result = taiou_test_run_cli ("C.UTF-8", "notice", "render", templates[t], "--vars", vars,
                                   "--out", out, NULL);
      g_assert_cmpstr (result->err, ==, "");
      g_assert_cmpint (result->status, ==, 0);
      g_assert_true (g_file_get_contents (written, &actual, &length, NULL));
      check_golden (file, actual, length);
    }
}

int
main (int    argc,
      char **argv)
{
  /* The environment's UTF-8 locale, so a differing line is printed as Japanese, not "?". */
  setlocale (LC_ALL, "");
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  for (gsize t = 0; t < G_N_ELEMENTS (templates); t++)
    {
      g_autofree char *text_path = g_strdup_printf ("/taiou/notice-golden/text/%s", templates[t]);
      g_autofree char *html_path = g_strdup_printf ("/taiou/notice-golden/html/%s", templates[t]);

      g_test_add_data_func (text_path, templates[t], test_text);
      g_test_add_data_func (html_path, templates[t], test_html);
    }
  g_test_add_func ("/taiou/notice-golden/eml/partner-warning", test_eml);
  g_test_add_func ("/taiou/notice-golden/cli/text", test_cli_writes_the_same);
  return g_test_run ();
}
