/* taiou-export.h — an incident's record in the formats other incident-response tools read */
#pragma once

#include <gio/gio.h>

#include "taiou-timeline.h"

G_BEGIN_DECLS

#define TAIOU_EXPORT_ERROR (taiou_export_error_quark ())

typedef enum
{
  TAIOU_EXPORT_ERROR_FORMAT,    /* no such export format */
  TAIOU_EXPORT_ERROR_WRITE,     /* the output could not be written */
  TAIOU_EXPORT_ERROR_TOO_LARGE, /* more distinct observables than one export holds */
} TaiouExportError;

GQuark taiou_export_error_quark (void);

typedef enum
{
  TAIOU_EXPORT_FORMAT_TAIOU_JSON,
  TAIOU_EXPORT_FORMAT_TIMESKETCH_JSONL,
  TAIOU_EXPORT_FORMAT_TIMESKETCH_CSV,
  TAIOU_EXPORT_FORMAT_IRIS_JSON,
  TAIOU_EXPORT_FORMAT_IRIS_CSV,
  TAIOU_EXPORT_FORMAT_OBSERVABLES_CSV,
  TAIOU_EXPORT_FORMAT_OBSERVABLES_JSON,
  TAIOU_EXPORT_FORMAT_REPORT_HTML,      /* the printable report (taiou-report-content.h) */
  TAIOU_EXPORT_FORMAT_REPORT_PDF,
  TAIOU_EXPORT_N_FORMATS,
} TaiouExportFormat;

/* Text fields longer than this (bytes) are cut in every format but taiou-json, which keeps the
 * record byte for byte: Python's csv module refuses fields over 131,072 characters (DFIR-IRIS
 * reads CSV with it) and a CSV escape can make a field up to four times longer. */
#define TAIOU_EXPORT_FIELD_MAX_BYTES 16384

/* Reports how far an export got: @done events of @total (which may be 0 when unknown). */
typedef void (*TaiouExportProgressFunc) (gint64   done,
                                         gint64   total,
                                         gpointer user_data);

typedef struct
{
  gint64                  exported_us;   /* the export's own time; 0 for now */
  const char             *exported_on;   /* the exporting host; NULL for this one */
  const char             *exported_by;   /* who exports; NULL for the logged-in user */
  TaiouExportProgressFunc progress;      /* nullable; called from the exporting thread */
  gpointer                progress_data;

  /* The report formats only; all nullable (TaiouReportInputs says what each is for). */
  const char             *organization;
  const char             *status;
  const char * const     *step_ids;
  const char * const     *step_titles;
} TaiouExportOptions;

gboolean    taiou_export_format_from_string   (const char          *name,
                                               TaiouExportFormat   *format);
const char *taiou_export_format_to_string     (TaiouExportFormat    format);
const char *taiou_export_format_get_extension (TaiouExportFormat    format);
gboolean    taiou_export_format_is_report     (TaiouExportFormat    format);
char       *taiou_export_format_list          (void);

gboolean    taiou_export_incident             (TaiouTimeline             *timeline,
                                               gint64                     incident_id,
                                               TaiouExportFormat          format,
                                               GOutputStream             *output,
                                               const TaiouExportOptions  *options,
                                               GCancellable              *cancellable,
                                               GError                   **error);
gboolean    taiou_export_incident_to_path     (TaiouTimeline             *timeline,
                                               gint64                     incident_id,
                                               TaiouExportFormat          format,
                                               const char                *path,
                                               const TaiouExportOptions  *options,
                                               GCancellable              *cancellable,
                                               GError                   **error);

/* taiou-export-async.c */
void        taiou_export_incident_to_path_async  (TaiouTimeline             *timeline,
                                                  gint64                     incident_id,
                                                  TaiouExportFormat          format,
                                                  const char                *path,
                                                  const TaiouExportOptions  *options,
                                                  TaiouExportProgressFunc    progress,
                                                  gpointer                   progress_data,
                                                  GCancellable              *cancellable,
                                                  GAsyncReadyCallback        callback,
                                                  gpointer                   user_data);
gboolean    taiou_export_incident_to_path_finish (TaiouTimeline             *timeline,
                                                  GAsyncResult              *result,
                                                  GError                   **error);

G_END_DECLS
