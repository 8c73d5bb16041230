/* taiou-import-emocheck.c — EmoCheck's text and JSON reports, read into an incident's timeline
 *
 * JPCERT/CC's EmoCheck wrote `<HOST>_<YYYYmmddHHMMSS>_emocheck.txt` (English or Japanese) or
 * `.json`.  On Japanese Windows those files are in the ANSI code page (CP932), and image paths
 * may hold Japanese user names, so text that is not UTF-8 is converted from CP932.  A report
 * may come from anyone: it is size-capped, every field is checked, and nothing in it is run.
 */
#define G_LOG_DOMAIN "taiou-import-emocheck"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <json-glib/json-glib.h>
#include <string.h>

#include "taiou-import-emocheck.h"
#include "taiou-json-private.h"

#define MAX_REPORT_SIZE (1024 * 1024)
#define MAX_PROCESSES   1000

G_DEFINE_QUARK (taiou-import-error-quark, taiou_import_error)

static void
process_free (TaiouEmocheckProcess *process)
{
  g_free (process->process_name);
  g_free (process->process_id);
  g_free (process->image_path);
  g_free (process->registry_key);
  g_free (process);
}

void
taiou_emocheck_report_free (TaiouEmocheckReport *report)
{
  if (report == NULL)
    return;
  g_free (report->scan_time);
  g_free (report->hostname);
  g_free (report->version);
  g_ptr_array_unref (report->processes);
  g_free (report);
}

static TaiouEmocheckReport *
report_new (void)
{
  TaiouEmocheckReport *report = g_new0 (TaiouEmocheckReport, 1);

  report->processes = g_ptr_array_new_with_free_func ((GDestroyNotify) process_free);
  return report;
}

static gboolean
format_error (GError     **error,
              const char  *file_name,
              const char  *why)
{
  g_set_error (error, TAIOU_IMPORT_ERROR, TAIOU_IMPORT_ERROR_FORMAT,
               _("%s is not an EmoCheck report: %s"), file_name, why);
  return FALSE;
}

/* "PC-07_20220308101500_emocheck.txt" → "PC-07"; "" when the name does not follow the pattern. */
static char *
hostname_from_file_name (const char *file_name)
{
  /* The name may come as a Windows path ("C:\\out\\PC-07_…") as well as a POSIX one. */
  const char *backslash = strrchr (file_name, '\\');
  g_autofree char *base = g_path_get_basename (backslash != NULL ? backslash + 1 : file_name);
  g_auto(GStrv) parts = g_strsplit (base, "_", -1);
  guint n = g_strv_length (parts);

  if (n < 3 || !g_str_has_prefix (parts[n - 1], "emocheck.") || strlen (parts[n - 2]) != 14)
    return g_strdup ("");
  /* Cut off "<timestamp>" and "emocheck.txt"; both are freed here, since the vector's own
   * cleanup stops at the first NULL. */
  g_clear_pointer (&parts[n - 1], g_free);
  g_clear_pointer (&parts[n - 2], g_free);
  return g_strjoinv ("_", parts);
}

static gboolean
parse_json (TaiouEmocheckReport  *report,
            const char           *file_name,
            const char           *text,
            GError              **error)
{
  g_autoptr(JsonParser) parser = json_parser_new_immutable ();
  g_autoptr(GError) parse_error = NULL;
  JsonObject *root;
  JsonNode *processes;
  const char *infected;

  if (!json_parser_load_from_data (parser, text, -1, &parse_error))
    return format_error (error, file_name, parse_error->message);
  if (json_parser_get_root (parser) == NULL ||
      !JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser)))
    return format_error (error, file_name, _("expected a JSON object"));
  root = json_node_get_object (json_parser_get_root (parser));

  infected = _taiou_json_get_string (root, "is_infected");
  if (_taiou_json_get_string (root, "scan_time") == NULL || infected == NULL ||
      (g_strcmp0 (infected, "yes") != 0 && g_strcmp0 (infected, "no") != 0))
    return format_error (error, file_name, _("“scan_time” or “is_infected” is missing"));

  report->scan_time = g_strdup (_taiou_json_get_string (root, "scan_time"));
  report->hostname = g_strdup (_taiou_json_get_string (root, "hostname"));
  if (report->hostname == NULL)
    report->hostname = hostname_from_file_name (file_name);
  report->version = g_strdup (_taiou_json_get_string (root, "emocheck_version"));
  report->infected = g_str_equal (infected, "yes");

  processes = json_object_get_member (root, "emotet_processes");
  if (processes != NULL && JSON_NODE_HOLDS_ARRAY (processes))
    {
      JsonArray *array = json_node_get_array (processes);

      for (guint i = 0; i < json_array_get_length (array) && i < MAX_PROCESSES; i++)
        {
          JsonNode *node = json_array_get_element (array, i);
          JsonObject *entry = JSON_NODE_HOLDS_OBJECT (node) ? json_node_get_object (node) : NULL;
          TaiouEmocheckProcess *process;

          if (entry == NULL || _taiou_json_get_string (entry, "process_name") == NULL)
            return format_error (error, file_name, _("a process without “process_name”"));
          process = g_new0 (TaiouEmocheckProcess, 1);
          process->process_name = g_strdup (_taiou_json_get_string (entry, "process_name"));
          process->process_id = g_strdup (_taiou_json_get_string (entry, "process_id"));
          process->image_path = g_strdup (_taiou_json_get_string (entry, "image_path"));
          process->registry_key = g_strdup (_taiou_json_get_string (entry, "registry_key"));
          g_ptr_array_add (report->processes, process);
        }
    }
  return TRUE;
}

/* A crafted report may repeat a line: the last one wins, and the earlier value is freed. */
static void
replace_string (char       **field,
                const char  *value)
{
  g_free (*field);
  *field = g_strdup (value);
}

/* The value after "label :" when @line is that label's line (labels are padded with spaces). */
static const char *
labelled_value (const char *line,
                const char *label)
{
  const char *p = line;

  while (*p == ' ' || *p == '\t')
    p++;
  if (!g_str_has_prefix (p, label))
    return NULL;
  p += strlen (label);
  while (*p == ' ')
    p++;
  if (*p != ':')
    return NULL;
  p++;
  while (*p == ' ')
    p++;
  return p;
}

static gboolean
parse_text (TaiouEmocheckReport  *report,
            const char           *file_name,
            const char           *text,
            GError              **error)
{
  g_auto(GStrv) lines = g_strsplit (text, "\n", -1);
  TaiouEmocheckProcess *process = NULL;
  gboolean have_result = FALSE;

  for (guint i = 0; lines[i] != NULL; i++)
    {
      char *line = g_strchomp (lines[i]);
      const char *value;

      if (g_str_has_prefix (line, "[EmoCheck v") && g_str_has_suffix (line, "]"))
        {
          g_free (report->version);
          report->version = g_strndup (line + 11, strlen (line) - 12);
        }
      else if ((value = labelled_value (line, "Scan time")) != NULL ||
               (value = labelled_value (line, "プログラム実行時刻")) != NULL)
        replace_string (&report->scan_time, value);
      else if (strstr (line, "Detected Emotet process") != NULL ||
               strstr (line, "Emotetを検知しました") != NULL)
        have_result = report->infected = TRUE;
      else if (strstr (line, "No detection") != NULL ||
               strstr (line, "Emotet was not detected") != NULL ||
               strstr (line, "検知しませんでした") != NULL ||
               strstr (line, "検知されませんでした") != NULL)
        {
          have_result = TRUE;
          report->infected = FALSE;
        }
      else if ((value = labelled_value (line, "Process Name")) != NULL ||
               (value = labelled_value (line, "プロセス名")) != NULL)
        {
          if (report->processes->len >= MAX_PROCESSES)
            break;
          process = g_new0 (TaiouEmocheckProcess, 1);
          process->process_name = g_strdup (value);
          g_ptr_array_add (report->processes, process);
        }
      else if (process != NULL && ((value = labelled_value (line, "Process ID")) != NULL ||
                                   (value = labelled_value (line, "プロセスID")) != NULL))
        replace_string (&process->process_id, value);
      else if (process != NULL && ((value = labelled_value (line, "Image Path")) != NULL ||
                                   (value = labelled_value (line, "イメージパス")) != NULL))
        replace_string (&process->image_path, value);
      else if (process != NULL && ((value = labelled_value (line, "Registry Key")) != NULL ||
                                   (value = labelled_value (line, "レジストリキー")) != NULL))
        replace_string (&process->registry_key, value);
    }

  if (report->version == NULL || report->scan_time == NULL || !have_result)
    return format_error (error, file_name,
                         _("the “[EmoCheck v…]” header, the scan time or the result is missing"));
  if (report->infected && report->processes->len == 0)
    return format_error (error, file_name, _("Emotet was reported but no process is listed"));
  report->hostname = hostname_from_file_name (file_name);
  return TRUE;
}

/**
 * taiou_emocheck_report_parse:
 * @file_name: the report's file name; the host name is taken from it for text reports
 *
 * Returns: (transfer full): the report, or NULL with @error set
 */
TaiouEmocheckReport *
taiou_emocheck_report_parse (const char  *file_name,
                             const char  *data,
                             gsize        length,
                             GError     **error)
{
  g_autoptr(TaiouEmocheckReport) report = report_new ();
  g_autofree char *text = NULL;
  const char *start;

  g_return_val_if_fail (file_name != NULL, NULL);
  g_return_val_if_fail (data != NULL || length == 0, NULL);

  if (length > MAX_REPORT_SIZE)
    {
      g_set_error (error, TAIOU_IMPORT_ERROR, TAIOU_IMPORT_ERROR_TOO_LARGE,
                   _("%s is larger than %d KB; EmoCheck reports are much smaller"), file_name,
                   MAX_REPORT_SIZE / 1024);
      return NULL;
    }
  if (memchr (data, '\0', length) != NULL)
    {
      format_error (error, file_name, _("it contains NUL bytes"));
      return NULL;
    }

  /* UTF-8 as it is; otherwise the Japanese Windows code page EmoCheck wrote in. */
  if (g_utf8_validate_len (data, length, NULL))
    text = g_strndup (data, length);
  else
    text = g_convert (data, (gssize) length, "UTF-8", "CP932", NULL, NULL, NULL);
  if (text == NULL)
    {
      format_error (error, file_name, _("the text is neither UTF-8 nor Shift_JIS (CP932)"));
      return NULL;
    }

  start = text;
  if (g_str_has_prefix (start, "\xef\xbb\xbf"))
    start += 3;
  while (g_ascii_isspace (*start))
    start++;

  if (*start == '{' ? !parse_json (report, file_name, start, error)
                    : !parse_text (report, file_name, start, error))
    return NULL;
  return g_steal_pointer (&report);
}

TaiouEmocheckReport *
taiou_emocheck_report_load (const char  *path,
                            GError     **error)
{
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GFileInfo) info = NULL;
  g_autofree char *contents = NULL;
  g_autoptr(GError) read_error = NULL;
  gsize length;

  g_return_val_if_fail (path != NULL, NULL);

  info = g_file_query_info (file, G_FILE_ATTRIBUTE_STANDARD_SIZE, G_FILE_QUERY_INFO_NONE, NULL,
                            &read_error);
  if (info != NULL && g_file_info_get_size (info) > MAX_REPORT_SIZE)
    {
      g_set_error (error, TAIOU_IMPORT_ERROR, TAIOU_IMPORT_ERROR_TOO_LARGE,
                   _("%s is larger than %d KB; EmoCheck reports are much smaller"), path,
                   MAX_REPORT_SIZE / 1024);
      return NULL;
    }
  if (info == NULL || !g_file_get_contents (path, &contents, &length, &read_error))
    {
      g_set_error (error, TAIOU_IMPORT_ERROR, TAIOU_IMPORT_ERROR_READ, _("Could not read %s: %s"),
                   path, read_error->message);
      return NULL;
    }
  return taiou_emocheck_report_parse (path, contents, length, error);
}

/* Returns: (transfer full): one process as EmoCheck's JSON report names its fields */
JsonObject *
taiou_emocheck_process_to_json (const TaiouEmocheckProcess *process)
{
  JsonObject *object = json_object_new ();

  g_return_val_if_fail (process != NULL, object);

  json_object_set_string_member (object, "process_name", process->process_name);
  json_object_set_string_member (object, "process_id", process->process_id);
  json_object_set_string_member (object, "image_path", process->image_path);
  json_object_set_string_member (object, "registry_key", process->registry_key);
  return object;
}

/* Returns: (transfer full): the report in the shape of EmoCheck's own JSON report */
JsonObject *
taiou_emocheck_report_to_json (const TaiouEmocheckReport *report)
{
  JsonObject *object = json_object_new ();
  JsonArray *processes = json_array_new ();

  g_return_val_if_fail (report != NULL, object);

  for (guint i = 0; i < report->processes->len; i++)
    json_array_add_object_element (processes,
                                   taiou_emocheck_process_to_json (report->processes->pdata[i]));
  json_object_set_string_member (object, "scan_time", report->scan_time);
  json_object_set_string_member (object, "hostname", report->hostname);
  json_object_set_string_member (object, "emocheck_version", report->version);
  json_object_set_boolean_member (object, "is_infected", report->infected);
  json_object_set_array_member (object, "emotet_processes", processes);
  return object;
}
