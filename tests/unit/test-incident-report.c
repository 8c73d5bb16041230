/* test-incident-report.c — the printable incident report (report-html, report-pdf) of a
 * synthetic incident in a real timeline: a valid multi-page PDF with its Japanese font
 * embedded, the nine items of a 漏えい等報告 with 「［未記入］」 where the record does not know,
 * the APPI deadlines, hostile strings escaped and cleaned, a missing font refused, a cancelled
 * export leaving no file, and the async export the app uses.  The PDF is checked with
 * poppler-utils (pdfinfo, pdffonts, pdftotext), as a reader would.
 */
#define G_LOG_DOMAIN "test-report"

#include "config.h"

#include <glib/gstdio.h>
#include <stdlib.h>
#include <string.h>

#include "taiou-report-content.h"
#include "taiou-report-pdf.h"
#include "taiou-test-chain.h"
#include "taiou-test-util.h"

/* A mail subject as an attacker writes it: markup, a right-to-left override, control bytes. */
#define HOSTILE_SUBJECT "<script>alert(\"x\")</script>&amp; \xe2\x80\xae" "cod.exe\x01\x1b[31m"
#define N_NOTES 600

static const char * const item_headings[] = {
  "概要", "漏えい等した個人データの項目", "本人の数", "原因", "二次被害", "本人への対応", "公表",
  "再発防止策", "その他",
};

typedef struct
{
  TaiouTimeline *timeline;
  char          *db;
  char          *db_folder;     /* its own mkdtemp: a subprocess test sets the fixture up again */
  char          *folder;
  gint64         incident_id;
} Fixture;

static void
add_event (TaiouTestChain *chain,
           Fixture        *fixture,
           gint64          time_us,
           const char     *kind,
           const char     *summary,
           JsonObject     *detail)
{
  g_autoptr(JsonNode) node = NULL;
  g_autofree char *text = NULL;

  if (detail != NULL)
    {
      node = json_node_init_object (json_node_alloc (), detail);
      text = json_to_string (node, FALSE);
    }
  taiou_test_chain_add_event (chain, fixture->incident_id, time_us, kind, "山田 太郎", "PC-07",
                              summary, text != NULL ? text : "{}");
}

/* The incident is written in one transaction with the real chain hashes (taiou-test-chain.c):
 * thousands of durable appends would take a minute of fsyncs. */
static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GString) title = g_string_new ("請求書メールの添付ファイルを開いた\x07");
  g_autoptr(JsonObject) assessed = NULL;
  g_autoptr(JsonObject) done = json_object_new ();
  TaiouAppiDeadlines deadlines;
  gint64 now = g_get_real_time ();
  gint64 discovered = now - 2 * G_TIME_SPAN_HOUR;
  TaiouTestChain *chain;
  guint n_notes = GPOINTER_TO_UINT (data) != 0 ? GPOINTER_TO_UINT (data) : N_NOTES;

  /* A title far longer than a line, with one unbreakable run: it must wrap, not overflow. */
  for (guint i = 0; i < 40; i++)
    g_string_append (title, "長い件名の繰り返し");
  for (guint i = 0; i < 120; i++)
    g_string_append_c (title, 'A');

  fixture->db_folder = g_dir_make_tmp ("taiou-report-db-XXXXXX", &error);
  g_assert_no_error (error);
  fixture->db = g_build_filename (fixture->db_folder, "timeline.db", NULL);
  fixture->folder = g_dir_make_tmp ("taiou-report-XXXXXX", &error);
  g_assert_no_error (error);
  chain = taiou_test_chain_open (fixture->db);
  fixture->incident_id = taiou_test_chain_add_incident (chain,
                                                        "5f0c8e52-1d3a-4b7e-9a0f-2c6d8e4b1a90",
                                                        title->str, discovered + 60000000,
                                                        discovered, "PC-07", "山田 太郎");

  add_event (chain, fixture, discovered + 120000000, TAIOU_EVENT_MAIL_TRIAGE, HOSTILE_SUBJECT,
             NULL);
  g_assert_true (taiou_appi_compute (discovered, now, TAIOU_APPI_TRIGGER_UNLAWFUL_PURPOSE,
                                     &deadlines, &error));
  assessed = taiou_appi_deadlines_to_json (&deadlines);
  json_object_set_boolean_member (assessed, TAIOU_EVENT_DETAIL_PERSONAL_DATA, TRUE);
  add_event (chain, fixture, discovered + 180000000, TAIOU_EVENT_APPI_ASSESSED,
             "personal data may have leaked", assessed);
  json_object_set_string_member (done, TAIOU_EVENT_DETAIL_APPI_ITEM,
                                 taiou_appi_item_to_string (TAIOU_APPI_ITEM_PRELIMINARY));
  add_event (chain, fixture, discovered + 240000000, TAIOU_EVENT_APPI_DONE,
             "preliminary report made", done);
  for (guint i = 0; i < n_notes; i++)
    {
      g_autofree char *note = g_strdup_printf ("メモ %u：取引先からの問い合わせに回答した", i + 1);

      add_event (chain, fixture, discovered + 300000000 + (gint64) i * 1000000, TAIOU_EVENT_NOTE,
                 note, NULL);
    }
  taiou_test_chain_close (chain);

  fixture->timeline = taiou_timeline_open (fixture->db, &error);
  g_assert_no_error (error);
}

static void
remove_folder (const char *folder)
{
  g_autoptr(GDir) dir = g_dir_open (folder, 0, NULL);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *path = g_build_filename (folder, name, NULL);

      g_unlink (path);
    }
  g_rmdir (folder);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  g_clear_object (&fixture->timeline);
  remove_folder (fixture->folder);
  remove_folder (fixture->db_folder);
  g_free (fixture->folder);
  g_free (fixture->db_folder);
  g_free (fixture->db);
}

static char *
export_to_file (Fixture           *fixture,
                TaiouExportFormat  format)
{
  const TaiouExportOptions options = {
    .organization = "株式会社サンプル商事",
  };
  g_autoptr(GError) error = NULL;
  g_autofree char *name = g_strdup_printf ("report.%s", taiou_export_format_get_extension (format));
  char *path = g_build_filename (fixture->folder, name, NULL);

  const char *keep = g_getenv ("TAIOU_TEST_KEEP_REPORT");

  g_assert_true (taiou_export_incident_to_path (fixture->timeline, fixture->incident_id, format,
                                                path, &options, NULL, &error));
  g_assert_no_error (error);
  /* TAIOU_TEST_KEEP_REPORT=DIR keeps a copy to look at (pdftoppm -r 60 -png DIR/report.pdf). */
  if (keep != NULL && keep[0] != '\0')
    {
      g_autofree char *copy = g_build_filename (keep, name, NULL);
      g_autoptr(GFile) from = g_file_new_for_path (path);
      g_autoptr(GFile) to = g_file_new_for_path (copy);

      g_assert_true (g_file_copy (from, to, G_FILE_COPY_OVERWRITE, NULL, NULL, NULL, &error));
      g_assert_no_error (error);
    }
  return path;
}

/* Runs a poppler tool on @path; NULL (and the test skipped) when poppler-utils is missing. */
static char *
run_poppler (const char *tool,
             const char *path,
             const char *extra)
{
  g_autofree char *program = g_find_program_in_path (tool);
  const char *argv[] = { tool, path, extra, NULL };
  g_autofree char *err = NULL;
  g_autoptr(GError) error = NULL;
  char *out = NULL;
  int status;

  if (program == NULL)
    {
      g_test_skip ("poppler-utils is not installed (build-aux/taiou-dev setup installs it)");
      return NULL;
    }
  if (extra != NULL && g_str_equal (tool, "pdftotext"))
    {
      argv[1] = path;
      argv[2] = extra;
    }
  g_assert_true (g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL,
                               &out, &err, &status, &error));
  g_assert_no_error (error);
  g_assert_true (g_spawn_check_wait_status (status, &error));
  g_assert_no_error (error);
  return out;
}

static void
test_pdf (Fixture       *fixture,
          gconstpointer  data)
{
  g_autofree char *path = export_to_file (fixture, TAIOU_EXPORT_FORMAT_REPORT_PDF);
  g_autofree char *contents = NULL;
  g_autofree char *info = NULL;
  g_autofree char *fonts = NULL;
  g_autofree char *text = NULL;
  g_auto(GStrv) font_lines = NULL;
  const char *pages;
  gsize length;
  guint n_fonts = 0;

  g_assert_true (g_file_get_contents (path, &contents, &length, NULL));
  g_assert_cmpuint (length, >, 1000);
  g_assert_true (g_str_has_prefix (contents, "%PDF-"));

  info = run_poppler ("pdfinfo", path, NULL);
  if (info == NULL)
    return;
  pages = strstr (info, "Pages:");
  g_assert_nonnull (pages);
  /* Title, summary, status, the nine items, the table over many pages, the chain. */
  g_assert_cmpint (atoi (pages + strlen ("Pages:")), >, 10);

  /* Every font embedded, and the Japanese one is Noto Sans CJK. */
  fonts = run_poppler ("pdffonts", path, NULL);
  g_test_message ("%s", fonts);
  g_assert_nonnull (strstr (fonts, "NotoSansCJK"));
  font_lines = g_strsplit (fonts, "\n", -1);
  for (guint i = 2; font_lines[i] != NULL && font_lines[i][0] != '\0'; i++)
    {
      g_auto(GStrv) columns = g_strsplit_set (font_lines[i], " ", -1);
      g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
      g_auto(GStrv) words = NULL;

      for (guint c = 0; columns[c] != NULL; c++)
        if (columns[c][0] != '\0')
          g_strv_builder_add (builder, columns[c]);
      words = g_strv_builder_end (builder);
      /* name type [type] encoding emb sub uni object ID: emb is the fifth from the end. */
      g_assert_cmpuint (g_strv_length (words), >=, 7);
      g_assert_cmpstr (words[g_strv_length (words) - 5], ==, "yes");
      n_fonts++;
    }
  g_assert_cmpuint (n_fonts, >, 0);

  text = run_poppler ("pdftotext", path, "-");
  for (guint i = 0; i < G_N_ELEMENTS (item_headings); i++)
    g_assert_nonnull (strstr (text, item_headings[i]));
  g_assert_nonnull (strstr (text, TAIOU_REPORT_UNFILLED));
  g_assert_nonnull (strstr (text, "インシデント報告書"));
  g_assert_nonnull (strstr (text, "株式会社サンプル商事"));
  g_assert_nonnull (strstr (text, "目安"));
  g_assert_nonnull (strstr (text, "改ざんは検出されませんでした"));
  /* The last event's row and the kind's Japanese label made it into the table. */
  g_assert_nonnull (strstr (text, "メモ 600"));
  /* The hostile subject is there as text, without its control characters. */
  g_assert_nonnull (strstr (text, "alert"));
  g_assert_null (strstr (text, "\xe2\x80\xae"));
  g_assert_null (strchr (text, '\x1b'));
}

static void
test_html (Fixture       *fixture,
           gconstpointer  data)
{
  g_autofree char *path = export_to_file (fixture, TAIOU_EXPORT_FORMAT_REPORT_HTML);
  g_autofree char *html = NULL;
  guint n_unfilled = 0;

  g_assert_true (g_file_get_contents (path, &html, NULL, NULL));
  g_assert_true (g_utf8_validate (html, -1, NULL));
  g_assert_true (g_str_has_prefix (html, "<!DOCTYPE html>"));
  g_assert_true (g_str_has_suffix (html, "</html>\n"));

  /* Escaped, never markup; inert. */
  g_assert_nonnull (strstr (html, "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;&amp;amp;"));
  g_assert_null (strstr (html, "<script"));
  g_assert_null (strstr (html, "src=\"http"));
  g_assert_null (strstr (html, "\xe2\x80\xae"));
  for (const char *p = html; *p != '\0'; p++)
    g_assert_true ((guchar) *p >= 0x20 || *p == '\n');

  /* Printable: A4, a page break before each section. */
  g_assert_nonnull (strstr (html, "size:A4"));
  g_assert_nonnull (strstr (html, "break-before:page"));

  for (guint i = 0; i < G_N_ELEMENTS (item_headings); i++)
    {
      g_autofree char *heading = g_strdup_printf ("(%u)　%s</h3>", i + 1, item_headings[i]);

      g_assert_nonnull (strstr (html, heading));
    }
  for (const char *p = html; (p = strstr (p, TAIOU_REPORT_UNFILLED)) != NULL; p++)
    n_unfilled++;
  g_assert_cmpuint (n_unfilled, >=, 3);
  g_assert_nonnull (strstr (html, "メモ 600"));
}

static GBytes *
export_to_bytes (Fixture           *fixture,
                 TaiouExportFormat  format)
{
  const TaiouExportOptions options = { .exported_us = G_GINT64_CONSTANT (1795395600000000) };
  g_autoptr(GOutputStream) output = g_memory_output_stream_new_resizable ();
  g_autoptr(GError) error = NULL;

  g_assert_true (taiou_export_incident (fixture->timeline, fixture->incident_id, format, output,
                                        &options, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (g_output_stream_close (output, NULL, NULL));
  return g_memory_output_stream_steal_as_bytes (G_MEMORY_OUTPUT_STREAM (output));
}

/* The same record exported at the same time gives the same bytes: cairo's dates are the
 * report's, so a report can be checked against a copy kept earlier. */
static void
test_reproducible (Fixture       *fixture,
                   gconstpointer  data)
{
  for (guint format = TAIOU_EXPORT_FORMAT_REPORT_HTML; format <= TAIOU_EXPORT_FORMAT_REPORT_PDF;
       format++)
    {
      g_autoptr(GBytes) first = export_to_bytes (fixture, format);
      g_autoptr(GBytes) second = export_to_bytes (fixture, format);

      g_assert_cmpuint (g_bytes_get_size (first), >, 1000);
      g_assert_true (g_bytes_equal (first, second));
    }
}

static void
cancel_midway (gint64   done,
               gint64   total,
               gpointer user_data)
{
  g_cancellable_cancel (user_data);
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
test_cancel (Fixture       *fixture,
             gconstpointer  data)
{
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autofree char *path = g_build_filename (fixture->folder, "cancelled.pdf", NULL);
  g_autoptr(TaiouTimeline) timeline = g_object_ref (fixture->timeline);
  g_autoptr(GError) error = NULL;
  const TaiouExportOptions options = {
    .progress = cancel_midway,
    .progress_data = cancellable,
  };
  gint64 incident_id = fixture->incident_id;

  g_assert_false (taiou_export_incident_to_path (timeline, incident_id,
                                                 TAIOU_EXPORT_FORMAT_REPORT_PDF, path, &options,
                                                 cancellable, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));
  g_assert_cmpuint (count_files (fixture->folder), ==, 0);
}

typedef struct
{
  guint   n_calls;
  gint64  last_done;
  gint64  total;
  GThread *thread;
} Progress;

static void
note_progress (gint64   done,
               gint64   total,
               gpointer user_data)
{
  Progress *progress = user_data;

  /* Delivered in the caller's main loop, never from the worker. */
  g_assert_true (g_thread_self () == progress->thread);
  g_assert_cmpint (done, >=, progress->last_done);
  progress->n_calls++;
  progress->last_done = done;
  progress->total = total;
}

/* The app's way: a worker thread, progress in the main loop, the file once complete. */
static void
test_async (Fixture       *fixture,
            gconstpointer  data)
{
  g_autofree char *path = g_build_filename (fixture->folder, "async.pdf", NULL);
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  Progress progress = { 0, 0, 0, g_thread_self () };
  const TaiouExportOptions options = { .organization = "株式会社サンプル商事" };

  taiou_export_incident_to_path_async (fixture->timeline, fixture->incident_id,
                                       TAIOU_EXPORT_FORMAT_REPORT_PDF, path, &options,
                                       note_progress, &progress, NULL, taiou_test_store_result,
                                       &result);
  while (result == NULL)
    g_main_context_iteration (NULL, TRUE);
  g_assert_true (taiou_export_incident_to_path_finish (fixture->timeline, result, &error));
  g_assert_no_error (error);
  /* Drain the last delivery, queued before the result. */
  while (g_main_context_iteration (NULL, FALSE))
    ;
  g_assert_cmpuint (progress.n_calls, >=, 1);
  g_assert_cmpint (progress.last_done, ==, progress.total);
  /* incident.created, the mail, the two APPI events and the notes */
  g_assert_cmpint (progress.total, ==, N_NOTES + 4);
  g_assert_true (g_file_test (path, G_FILE_TEST_IS_REGULAR));
}

/* Without the Japanese font the PDF would print boxes: refused, and no file. */
static void
test_missing_font (Fixture       *fixture,
                   gconstpointer  data)
{
  if (g_test_subprocess ())
    {
      g_autofree char *conf = g_build_filename (fixture->folder, "fonts.conf", NULL);
      g_autofree char *path = g_build_filename (fixture->folder, "nofont.pdf", NULL);
      g_autoptr(GError) error = NULL;

      /* A fontconfig that knows no font at all, read by this process's first font lookup. */
      g_assert_true (g_file_set_contents (conf, "<?xml version=\"1.0\"?>\n<fontconfig>"
                                                "<dir>/nonexistent</dir></fontconfig>\n", -1,
                                          NULL));
      g_setenv ("FONTCONFIG_FILE", conf, TRUE);
      g_assert_false (taiou_export_incident_to_path (fixture->timeline, fixture->incident_id,
                                                     TAIOU_EXPORT_FORMAT_REPORT_PDF, path, NULL,
                                                     NULL, &error));
      g_assert_error (error, TAIOU_REPORT_ERROR, TAIOU_REPORT_ERROR_FONT);
      g_assert_nonnull (strstr (error->message, "fonts-noto-cjk"));
      g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));
      g_unlink (conf);
      return;
    }
  g_test_trap_subprocess (NULL, 0, G_TEST_SUBPROCESS_DEFAULT);
  g_test_trap_assert_passed ();
}

static void
test_clean_text (void)
{
  g_autofree char *clean = taiou_report_clean_text ("a\tb\nc\x01\x7f" "d\xe2\x80\xae" "e\xff", 100);
  g_autofree char *cut = taiou_report_clean_text ("あいうえおかきくけこ", 5);

  g_assert_cmpstr (clean, ==, "a b cde\xef\xbf\xbd");
  g_assert_cmpstr (cut, ==, "あいうえお…（以下省略）");
}

#define add_fixture_test(name, func) \
  g_test_add ("/taiou/report/" name, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

int
main (int    argc,
      char **argv)
{
  taiou_i18n_init ();
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/taiou/report/clean-text", test_clean_text);
  add_fixture_test ("pdf", test_pdf);
  add_fixture_test ("html", test_html);
  add_fixture_test ("reproducible", test_reproducible);
  /* Enough events that the walk reads another page (2,048 events) after the first progress
   * report (at 4,096). */
  g_test_add ("/taiou/report/cancel-leaves-no-file", Fixture, GUINT_TO_POINTER (4500),
              fixture_set_up, test_cancel, fixture_tear_down);
  g_test_add ("/taiou/report/missing-font", Fixture, GUINT_TO_POINTER (1), fixture_set_up,
              test_missing_font, fixture_tear_down);
  add_fixture_test ("async", test_async);
  return g_test_run ();
}
