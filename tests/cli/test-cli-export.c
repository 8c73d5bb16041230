/* test-cli-export.c — `taiou-cli timeline export`: standard output, --output written whole or
 * not at all, every format's exit status, and its errors in English and Japanese */
#define G_LOG_DOMAIN "test-cli"

#include "config.h"

#include <glib/gstdio.h>
#include <locale.h>
#include <string.h>

#include "taiou-test-util.h"

#define run_cli(...) taiou_test_run_cli ("C.UTF-8", __VA_ARGS__)

static guint
count_lines (const char *text)
{
  guint n = 0;

  for (const char *p = text; *p != '\0'; p++)
    n += *p == '\n';
  return n;
}

static void
test_stdout_every_format (void)
{
  g_autofree char *db = NULL;
  g_autoptr(TaiouTimeline) timeline = taiou_test_timeline_new (&db);
  g_autoptr(TaiouIncident) incident = taiou_test_add_incident (timeline, "x", 2);
  g_autofree char *id = g_strdup_printf ("%" G_GINT64_FORMAT, taiou_incident_get_id (incident));

  for (guint format = 0; format < TAIOU_EXPORT_N_FORMATS; format++)
    {
      const char *name = taiou_export_format_to_string (format);
      g_autoptr(TaiouTestCliResult) result = NULL;

      /* Binary: test_report_files() writes it with --output. */
      if (format == TAIOU_EXPORT_FORMAT_REPORT_PDF)
        continue;
      result = run_cli ("--db", db, "timeline", "export", "--incident", id, "--format", name,
                        NULL);
      g_test_message ("%s", name);
      g_assert_cmpint (result->status, ==, 0);
      g_assert_cmpstr (result->err, ==, "");
      g_assert_true (g_str_has_suffix (result->out, "\n"));
    }

  {
    g_autoptr(TaiouTestCliResult) jsonl = run_cli ("--db", db, "timeline", "export",
                                                   "--incident", id,
                                                   "--format", "timesketch-jsonl", NULL);

    /* Discovered, three events (created and two notes), exported. */
    g_assert_cmpuint (count_lines (jsonl->out), ==, 5);
    g_assert_nonnull (strstr (jsonl->out, "\"message\":\"note 2\""));
  }
}

static guint
count_files (const char *folder)
{
  g_autoptr(GDir) dir = g_dir_open (folder, 0, NULL);
  guint n = 0;

  while (g_dir_read_name (dir) != NULL)
    n++;
  return n;
}

static void
test_output_file (void)
{
  g_autofree char *db = NULL;
  g_autoptr(TaiouTimeline) timeline = taiou_test_timeline_new (&db);
  g_autoptr(TaiouIncident) incident = taiou_test_add_incident (timeline, "x", 1);
  g_autofree char *id = g_strdup_printf ("%" G_GINT64_FORMAT, taiou_incident_get_id (incident));
  g_autofree char *folder = g_dir_make_tmp ("taiou-cli-export-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (folder, "case.json", NULL);
  g_autoptr(TaiouTestCliResult) ok = NULL;
  g_autoptr(TaiouTestCliResult) missing = NULL;
  g_autofree char *contents = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;

  ok = run_cli ("--db", db, "timeline", "export", "--incident", id, "--format", "taiou-json",
                "--output", path, NULL);
  g_assert_cmpint (ok->status, ==, 0);
  g_assert_cmpstr (ok->out, ==, "");
  g_assert_nonnull (strstr (ok->err, "case.json"));
  g_file_get_contents (path, &contents, NULL, &error);
  g_assert_no_error (error);
  json_parser_load_from_data (parser, contents, -1, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (count_files (folder), ==, 1);

  /* A failed export leaves the earlier file as it was and no temporary file behind. */
  missing = run_cli ("--db", db, "timeline", "export", "--incident", "99", "--format",
                     "taiou-json", "--output", path, NULL);
  g_assert_cmpint (missing->status, ==, 2);
  g_assert_nonnull (strstr (missing->err, "no incident number 99"));
  g_clear_pointer (&contents, g_free);
  g_file_get_contents (path, &contents, NULL, &error);
  json_parser_load_from_data (parser, contents, -1, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (count_files (folder), ==, 1);

  g_unlink (path);
  g_rmdir (folder);
}

/* The report formats name the organisation given on the command line. */
static void
test_report_files (void)
{
  g_autofree char *db = NULL;
  g_autoptr(TaiouTimeline) timeline = taiou_test_timeline_new (&db);
  g_autoptr(TaiouIncident) incident = taiou_test_add_incident (timeline, "<b>x</b>", 2);
  g_autofree char *id = g_strdup_printf ("%" G_GINT64_FORMAT, taiou_incident_get_id (incident));
  g_autofree char *folder = g_dir_make_tmp ("taiou-cli-report-XXXXXX", NULL);
  g_autofree char *pdf = g_build_filename (folder, "report.pdf", NULL);
  g_autofree char *html = g_build_filename (folder, "report.html", NULL);
  g_autoptr(TaiouTestCliResult) pdf_result = NULL;
  g_autoptr(TaiouTestCliResult) html_result = NULL;
  g_autofree char *contents = NULL;

  pdf_result = run_cli ("--db", db, "timeline", "export", "--incident", id, "--format",
                        "report-pdf", "--output", pdf, NULL);
  g_assert_cmpint (pdf_result->status, ==, 0);
  g_assert_true (g_file_get_contents (pdf, &contents, NULL, NULL));
  g_assert_true (g_str_has_prefix (contents, "%PDF-"));
  g_clear_pointer (&contents, g_free);

  html_result = run_cli ("--db", db, "timeline", "export", "--incident", id, "--format",
                         "report-html", "--organization", "株式会社サンプル", "--output", html,
                         NULL);
  g_assert_cmpint (html_result->status, ==, 0);
  g_assert_true (g_file_get_contents (html, &contents, NULL, NULL));
  g_assert_nonnull (strstr (contents, "<dd>株式会社サンプル</dd>"));
  g_assert_nonnull (strstr (contents, "&lt;b&gt;x&lt;/b&gt;"));

  g_unlink (pdf);
  g_unlink (html);
  g_rmdir (folder);
}

static void
test_usage_errors (void)
{
  g_autofree char *db = NULL;
  g_autoptr(TaiouTimeline) timeline = taiou_test_timeline_new (&db);
  g_autoptr(TaiouIncident) incident = taiou_test_add_incident (timeline, "x", 0);
  g_autoptr(TaiouTestCliResult) no_incident = NULL;
  g_autoptr(TaiouTestCliResult) no_format = NULL;
  g_autoptr(TaiouTestCliResult) bad_format = NULL;
  g_autoptr(TaiouTestCliResult) bad_folder = NULL;

  no_incident = run_cli ("--db", db, "timeline", "export", "--format", "iris-csv", NULL);
  g_assert_cmpint (no_incident->status, ==, 2);
  g_assert_nonnull (strstr (no_incident->err, "--incident"));

  no_format = run_cli ("--db", db, "timeline", "export", "--incident", "1", NULL);
  g_assert_cmpint (no_format->status, ==, 2);
  g_assert_nonnull (strstr (no_format->err, "observables-json"));

  bad_format = run_cli ("--db", db, "timeline", "export", "--incident", "1", "--format", "xls",
                        NULL);
  g_assert_cmpint (bad_format->status, ==, 2);
  g_assert_nonnull (strstr (bad_format->err, "Unknown export format “xls”"));

  bad_folder = run_cli ("--db", db, "timeline", "export", "--incident", "1", "--format",
                        "iris-csv", "--output", "/nonexistent/folder/out.csv", NULL);
  g_assert_cmpint (bad_folder->status, ==, 2);
  g_assert_nonnull (strstr (bad_folder->err, "/nonexistent/folder"));
  g_assert_cmpstr (bad_folder->out, ==, "");
}

static gboolean
has_japanese (const char *text)
{
  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
    if (g_utf8_get_char (p) >= 0x3040)
      return TRUE;
  return FALSE;
}

static void
test_japanese_errors (void)
{
  g_autofree char *db = NULL;
  g_autoptr(TaiouTimeline) timeline = taiou_test_timeline_new (&db);
  g_autoptr(TaiouTestCliResult) no_incident = NULL;
  g_autoptr(TaiouTestCliResult) bad_format = NULL;
  g_autoptr(TaiouTestCliResult) bad_folder = NULL;

  if (setlocale (LC_MESSAGES, "ja_JP.UTF-8") == NULL)
    {
      g_test_skip ("the ja_JP.UTF-8 locale is not installed");
      return;
    }
  setlocale (LC_ALL, "C.UTF-8");

  no_incident = taiou_test_run_cli ("ja_JP.UTF-8", "--db", db, "timeline", "export", NULL);
  bad_format = taiou_test_run_cli ("ja_JP.UTF-8", "--db", db, "timeline", "export",
                                   "--incident", "1", "--format", "xls", NULL);
  bad_folder = taiou_test_run_cli ("ja_JP.UTF-8", "--db", db, "timeline", "export",
                                   "--incident", "1", "--format", "iris-csv",
                                   "--output", "/nonexistent/out.csv", NULL);
  g_assert_cmpint (no_incident->status, ==, 2);
  g_assert_true (has_japanese (no_incident->err));
  g_assert_cmpint (bad_format->status, ==, 2);
  g_assert_true (has_japanese (bad_format->err));
  g_assert_cmpint (bad_folder->status, ==, 2);
  g_assert_true (has_japanese (bad_folder->err));
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/taiou/cli/export/stdout-every-format", test_stdout_every_format);
  g_test_add_func ("/taiou/cli/export/output-file", test_output_file);
  g_test_add_func ("/taiou/cli/export/usage-errors", test_usage_errors);
  g_test_add_func ("/taiou/cli/export/report-files", test_report_files);
  g_test_add_func ("/taiou/cli/export/japanese-errors", test_japanese_errors);

  return g_test_run ();
}
