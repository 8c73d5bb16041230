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
#include "taiou-emocheck-private.h"

#define MAX_REPORT_SIZE (1024 * 1024)

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

TaiouEmocheckProcess *
_taiou_emocheck_process_new (TaiouEmocheckReport *report)
{
  TaiouEmocheckProcess *process = g_new0 (TaiouEmocheckProcess, 1);

  g_ptr_array_add (report->processes, process);
  return process;
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

/* Always FALSE: the error names the line the reader stopped at, counted from 1. */
gboolean
_taiou_emocheck_line_error (GError     **error,
                            const char  *file_name,
                            guint        line,
                            const char  *why)
{
  g_set_error (error, TAIOU_IMPORT_ERROR, TAIOU_IMPORT_ERROR_FORMAT,
               _("%s is not an EmoCheck report: line %u: %s"), file_name, line, why);
  return FALSE;
}

/**
 * _taiou_emocheck_decode:
 * @ansi_code_page: what bytes that are not UTF-8 are read as ("CP932", "CP850")
 *
 * Returns: (transfer full) (nullable): @bytes as UTF-8, or NULL when they are neither
 */
char *
_taiou_emocheck_decode (const char *bytes,
                        gsize       length,
                        const char *ansi_code_page)
{
  if (g_utf8_validate_len (bytes, length, NULL))
    return g_strndup (bytes, length);
  return g_convert (bytes, (gssize) length, "UTF-8", ansi_code_page, NULL, NULL, NULL);
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

  /* Text and JSON are told apart by their first character; each half decodes what it reads
   * itself, since one report may mix UTF-8 and the Windows code page (see those files). */
  start = data;
  if (length >= 3 && memcmp (start, "\xef\xbb\xbf", 3) == 0)
    start += 3;
  while (start < data + length && g_ascii_isspace (*start))
    start++;

  if (start < data + length && *start == '{')
    {
      if (!_taiou_emocheck_parse_json (report, file_name, start, length - (gsize) (start - data),
                                       error))
        return NULL;
      if (report->hostname == NULL)
        report->hostname = hostname_from_file_name (file_name);
    }
  else
    {
      if (!_taiou_emocheck_parse_text (report, file_name, data, length, error))
        return NULL;
      /* The text report never names the host: from v0.0.2 on its file name does. */
      report->hostname = hostname_from_file_name (file_name);
    }
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
