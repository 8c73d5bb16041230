/* taiou-export.c — an incident's record in the formats other incident-response tools read
 *
 * Every format is written the same way: the incident's events are walked a page at a time
 * (taiou_timeline_foreach_event) and each becomes one record in a buffer that goes to the
 * GOutputStream in 64 KiB blocks, so an incident of a million events never sits in memory.  The
 * formats themselves live one per file (taiou-export-<format>.c).  Writing to a file goes through
 * a temporary file next to it that is renamed over the target only once everything was written
 * and synced: a failed or cancelled export leaves no half-written file behind.
 */
#define G_LOG_DOMAIN "taiou-export"

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <gio/gunixoutputstream.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <unistd.h>

#include "taiou-export-private.h"
#include "taiou-timeline-pages.h"

G_DEFINE_QUARK (taiou-export-error-quark, taiou_export_error)

/* Progress is reported every this many events: often enough for a smooth bar, rarely enough to
 * cost nothing. */
#define PROGRESS_INTERVAL 4096

static const struct
{
  const char                   *name;
  const char                   *extension;
  const TaiouExportFormatClass *klass;
} formats[TAIOU_EXPORT_N_FORMATS] = {
  [TAIOU_EXPORT_FORMAT_TAIOU_JSON]       = { "taiou-json", "json", &_taiou_export_taiou_json },
  [TAIOU_EXPORT_FORMAT_TIMESKETCH_JSONL] = { "timesketch-jsonl", "jsonl",
                                             &_taiou_export_timesketch_jsonl },
  [TAIOU_EXPORT_FORMAT_TIMESKETCH_CSV]   = { "timesketch-csv", "csv",
                                             &_taiou_export_timesketch_csv },
  [TAIOU_EXPORT_FORMAT_IRIS_JSON]        = { "iris-json", "json", &_taiou_export_iris_json },
  [TAIOU_EXPORT_FORMAT_IRIS_CSV]         = { "iris-csv", "csv", &_taiou_export_iris_csv },
  [TAIOU_EXPORT_FORMAT_OBSERVABLES_CSV]  = { "observables-csv", "csv",
                                             &_taiou_export_observables_csv },
  [TAIOU_EXPORT_FORMAT_OBSERVABLES_JSON] = { "observables-json", "json",
                                             &_taiou_export_observables_json },
  [TAIOU_EXPORT_FORMAT_REPORT_HTML]      = { "report-html", "html", &_taiou_export_report_html },
  [TAIOU_EXPORT_FORMAT_REPORT_PDF]       = { "report-pdf", "pdf", &_taiou_export_report_pdf },
};

gboolean
taiou_export_format_from_string (const char        *name,
                                 TaiouExportFormat *format)
{
  g_return_val_if_fail (format != NULL, FALSE);

  for (guint i = 0; i < G_N_ELEMENTS (formats); i++)
    if (g_strcmp0 (name, formats[i].name) == 0)
      {
        *format = (TaiouExportFormat) i;
        return TRUE;
      }
  return FALSE;
}

const char *
taiou_export_format_to_string (TaiouExportFormat format)
{
  g_return_val_if_fail (format < TAIOU_EXPORT_N_FORMATS, NULL);
  return formats[format].name;
}

/* Returns: the file name extension the format's files usually carry, without the dot. */
const char *
taiou_export_format_get_extension (TaiouExportFormat format)
{
  g_return_val_if_fail (format < TAIOU_EXPORT_N_FORMATS, NULL);
  return formats[format].extension;
}

/* Returns: whether @format is the printable report for people rather than data for a tool */
gboolean
taiou_export_format_is_report (TaiouExportFormat format)
{
  return format == TAIOU_EXPORT_FORMAT_REPORT_HTML || format == TAIOU_EXPORT_FORMAT_REPORT_PDF;
}

/* Returns: (transfer full): "taiou-json, timesketch-jsonl, …" for help and error messages. */
char *
taiou_export_format_list (void)
{
  GString *list = g_string_new (NULL);

  for (guint i = 0; i < G_N_ELEMENTS (formats); i++)
    g_string_append_printf (list, "%s%s", i > 0 ? ", " : "", formats[i].name);
  return g_string_free (list, FALSE);
}

gboolean
_taiou_export_flush (TaiouExportContext  *context,
                     gboolean             force,
                     GError             **error)
{
  g_autoptr(GError) local_error = NULL;

  if (context->buffer->len == 0 || (!force && context->buffer->len < TAIOU_EXPORT_BUFFER_SIZE))
    return TRUE;
  if (!g_output_stream_write_all (context->output, context->buffer->str, context->buffer->len,
                                  NULL, context->cancellable, &local_error))
    {
      if (g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        g_propagate_error (error, g_steal_pointer (&local_error));
      else
        g_set_error (error, TAIOU_EXPORT_ERROR, TAIOU_EXPORT_ERROR_WRITE,
                     _("Could not write the export: %s"), local_error->message);
      return FALSE;
    }
  g_string_truncate (context->buffer, 0);
  return TRUE;
}

typedef struct
{
  TaiouExportContext           *context;
  const TaiouExportFormatClass *klass;
} Walk;

static gboolean
export_one_event (TaiouEvent  *event,
                  gpointer     user_data,
                  GError     **error)
{
  Walk *walk = user_data;
  TaiouExportContext *context = walk->context;
  gint64 seq = taiou_event_get_seq (event);

  if (context->n_events == 0)
    context->first_seq = seq;
  else if (seq != context->last_seq + 1)
    context->n_gaps++;

  if (!walk->klass->event (context, event, error) || !_taiou_export_flush (context, FALSE, error))
    return FALSE;

  context->n_events++;
  context->last_seq = seq;
  g_free (context->head_hash);
  context->head_hash = g_strdup (taiou_event_get_hash (event));

  if (context->options->progress != NULL && context->n_events % PROGRESS_INTERVAL == 0)
    context->options->progress (context->n_events, context->total,
                                context->options->progress_data);
  return TRUE;
}

/**
 * taiou_export_incident:
 * @output: where the export goes; written to, not closed
 * @options: (nullable): the export time and a progress callback
 *
 * Writes the incident and its events in @format.  Memory stays bounded whatever the number of
 * events; only observables keep one entry per distinct value they list.
 */
gboolean
taiou_export_incident (TaiouTimeline             *timeline,
                       gint64                     incident_id,
                       TaiouExportFormat          format,
                       GOutputStream             *output,
                       const TaiouExportOptions  *options,
                       GCancellable              *cancellable,
                       GError                   **error)
{
  static const TaiouExportOptions no_options = { 0 };
  g_autoptr(TaiouIncident) incident = NULL;
  g_autoptr(GString) buffer = NULL;
  TaiouExportContext context = { 0 };
  Walk walk = { &context, NULL };
  gboolean ok;

  g_return_val_if_fail (TAIOU_IS_TIMELINE (timeline), FALSE);
  g_return_val_if_fail (G_IS_OUTPUT_STREAM (output), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (format >= TAIOU_EXPORT_N_FORMATS)
    {
      g_set_error (error, TAIOU_EXPORT_ERROR, TAIOU_EXPORT_ERROR_FORMAT,
                   _("There is no export format number %d."), (int) format);
      return FALSE;
    }
  incident = taiou_timeline_get_incident (timeline, incident_id, error);
  if (incident == NULL)
    return FALSE;

  buffer = g_string_sized_new (TAIOU_EXPORT_BUFFER_SIZE + 4096);
  context.timeline = timeline;
  context.incident = incident;
  context.output = output;
  context.cancellable = cancellable;
  context.buffer = buffer;
  context.options = options != NULL ? options : &no_options;
  context.exported_us = context.options->exported_us != 0 ? context.options->exported_us
                                                          : g_get_real_time ();
  context.exported_on = context.options->exported_on != NULL ? context.options->exported_on
                                                          : g_get_host_name ();
  context.exported_by = context.options->exported_by != NULL ? context.options->exported_by
                                                          : g_get_user_name ();
  walk.klass = formats[format].klass;

  context.total = context.options->progress != NULL
                  ? taiou_timeline_count_events (timeline, incident_id, NULL) : 0;

  ok = walk.klass->begin (&context, error) &&
       taiou_timeline_foreach_event (timeline, incident_id, export_one_event, &walk,
                                     cancellable, error) &&
       walk.klass->end (&context, error) &&
       _taiou_export_flush (&context, TRUE, error);

  if (ok && context.options->progress != NULL)
    context.options->progress (context.n_events, context.total, context.options->progress_data);
  if (context.format_data_free != NULL)
    context.format_data_free (context.format_data);
  g_free (context.head_hash);
  return ok;
}

/**
 * taiou_export_incident_to_path:
 * @path: the file to write; replaced only once the export is complete
 *
 * Like taiou_export_incident(), into a file readable only by the user (an export may hold
 * personal data).  The export is written to a temporary file in the same folder, synced and
 * renamed over @path; on any error or cancellation the temporary file is removed and @path is
 * left as it was.
 */
gboolean
taiou_export_incident_to_path (TaiouTimeline             *timeline,
                               gint64                     incident_id,
                               TaiouExportFormat          format,
                               const char                *path,
                               const TaiouExportOptions  *options,
                               GCancellable              *cancellable,
                               GError                   **error)
{
  g_autofree char *folder = NULL;
  g_autofree char *name = NULL;
  g_autofree char *temporary = NULL;
  g_autoptr(GOutputStream) output = NULL;
  gboolean ok;
  int fd;

  g_return_val_if_fail (TAIOU_IS_TIMELINE (timeline), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  folder = g_path_get_dirname (path);
  name = g_path_get_basename (path);
  temporary = g_strdup_printf ("%s/.%s.XXXXXX", folder, name);
  fd = g_mkstemp_full (temporary, O_WRONLY | O_CLOEXEC, 0600);
  if (fd < 0)
    {
      int saved_errno = errno;

      g_set_error (error, TAIOU_EXPORT_ERROR, TAIOU_EXPORT_ERROR_WRITE,
                   _("Could not create the export file in “%s”: %s"),
                   folder, g_strerror (saved_errno));
      return FALSE;
    }

  output = g_unix_output_stream_new (fd, FALSE);
  ok = taiou_export_incident (timeline, incident_id, format, output, options, cancellable, error);
  if (ok && fsync (fd) != 0)
    {
      int saved_errno = errno;

      g_set_error (error, TAIOU_EXPORT_ERROR, TAIOU_EXPORT_ERROR_WRITE,
                   _("Could not write the export file “%s”: %s"), path, g_strerror (saved_errno));
      ok = FALSE;
    }
  if (close (fd) != 0 && ok)
    {
      int saved_errno = errno;

      g_set_error (error, TAIOU_EXPORT_ERROR, TAIOU_EXPORT_ERROR_WRITE,
                   _("Could not write the export file “%s”: %s"), path, g_strerror (saved_errno));
      ok = FALSE;
    }
  if (ok && g_rename (temporary, path) != 0)
    {
      int saved_errno = errno;

      g_set_error (error, TAIOU_EXPORT_ERROR, TAIOU_EXPORT_ERROR_WRITE,
                   _("Could not save the export as “%s”: %s"), path, g_strerror (saved_errno));
      ok = FALSE;
    }
  if (!ok)
    g_unlink (temporary);
  return ok;
}
