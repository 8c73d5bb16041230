/* taiou-export-private.h — what the export formats share: the writer, escaping, the walk */
#pragma once

#include <string.h>

#include "taiou-export.h"
#include "taiou-report-content.h"

G_BEGIN_DECLS

/* Output is gathered here and written in blocks of about this size. */
#define TAIOU_EXPORT_BUFFER_SIZE (64 * 1024)

typedef struct _TaiouExportContext TaiouExportContext;

/* One format: a header, one record per event (in sequence order), a trailer. */
typedef struct
{
  gboolean (*begin) (TaiouExportContext *context, GError **error);
  gboolean (*event) (TaiouExportContext *context, TaiouEvent *event, GError **error);
  gboolean (*end)   (TaiouExportContext *context, GError **error);
} TaiouExportFormatClass;

struct _TaiouExportContext
{
  TaiouTimeline   *timeline;
  TaiouIncident   *incident;
  GOutputStream   *output;
  GCancellable    *cancellable;
  GString         *buffer;
  gint64           exported_us;
  const char      *exported_on;
  const char      *exported_by;
  gint64           total;         /* events of the incident when the export began */

  /* The chain as the walk saw it so far. */
  gint64           n_events;
  gint64           first_seq;
  gint64           last_seq;
  gint64           n_gaps;        /* places where events of other incidents sit in between */
  char            *head_hash;

  const TaiouExportOptions *options;
  gpointer         format_data;   /* a format's own state */
  GDestroyNotify   format_data_free;
};

extern const TaiouExportFormatClass _taiou_export_taiou_json;
extern const TaiouExportFormatClass _taiou_export_timesketch_jsonl;
extern const TaiouExportFormatClass _taiou_export_timesketch_csv;
extern const TaiouExportFormatClass _taiou_export_iris_json;
extern const TaiouExportFormatClass _taiou_export_iris_csv;
extern const TaiouExportFormatClass _taiou_export_observables_csv;
extern const TaiouExportFormatClass _taiou_export_observables_json;
extern const TaiouExportFormatClass _taiou_export_report_html;
extern const TaiouExportFormatClass _taiou_export_report_pdf;

/* taiou-export-text.c: escaping and formatting into a GString */
void     _taiou_export_json_string    (GString     *out,
                                       const char  *text,
                                       gsize        max_bytes);
void     _taiou_export_csv_text       (GString     *out,
                                       const char  *text,
                                       gsize        max_bytes);
void     _taiou_export_csv_int        (GString     *out,
                                       gint64       value);
void     _taiou_export_iso8601        (GString     *out,
                                       gint64       time_us,
                                       const char  *zone_suffix);
void     _taiou_export_int            (GString     *out,
                                       gint64       value);

/* Appends a string literal without measuring it: GLib 2.74's g_string_append is a strlen and a
 * function call, and a Timesketch line has fifteen of them. */
#define TAIOU_EXPORT_PUT(out, literal) \
  _taiou_export_put ((out), "" literal, sizeof (literal) - 1)

static inline void
_taiou_export_put (GString    *out,
                   const char *text,
                   gsize       len)
{
  if (out->len + len < out->allocated_len)
    {
      memcpy (out->str + out->len, text, len);
      out->len += len;
      out->str[out->len] = '\0';
    }
  else
    g_string_append_len (out, text, (gssize) len);
}

/* taiou-export-report-html.c: what both report formats know of the export's options */
TaiouReportContent *_taiou_export_read_report (TaiouExportContext  *context,
                                               GError             **error);
void                _taiou_export_keep_checkpoint (TaiouReportContent *content,
                                                   TaiouEvent         *event);

/* taiou-export.c */
gboolean _taiou_export_flush          (TaiouExportContext  *context,
                                       gboolean             force,
                                       GError             **error);

G_END_DECLS
