/* taiou-export-report-pdf.c — the incident report as a PDF, through the export registry
 *
 * The registry gives the report what every export has: the paged walk, progress, cancellation
 * and a file that appears only once complete.  cairo hands the PDF over in small pieces as each
 * page is finished; they are gathered in the export's buffer and written in 64 KiB blocks.  A
 * write that fails (or is cancelled) is remembered: cairo only learns "write error", the user
 * gets the real reason, and nothing more is written — not even the trailer cairo tries to add
 * when a cancelled PDF is thrown away.
 */
#define G_LOG_DOMAIN "taiou-export"

#include "config.h"

#include "taiou-export-private.h"
#include "taiou-report-pdf.h"

typedef struct
{
  TaiouExportContext *context;
  TaiouReportContent *content;
  TaiouReportPdf     *pdf;
  GError             *write_error;
  gboolean            closed;
} PdfExport;

static void
pdf_export_free (PdfExport *self)
{
  /* A PDF dropped unfinished still writes its end when destroyed: not into our file. */
  self->closed = TRUE;
  g_clear_pointer (&self->pdf, taiou_report_pdf_free);
  g_clear_pointer (&self->content, taiou_report_content_free);
  g_clear_error (&self->write_error);
  g_free (self);
}

static cairo_status_t
write_pdf (void                *closure,
           const unsigned char *data,
           unsigned int         length)
{
  PdfExport *self = closure;

  if (self->closed || self->write_error != NULL)
    return CAIRO_STATUS_WRITE_ERROR;
  g_string_append_len (self->context->buffer, (const char *) data, length);
  if (!_taiou_export_flush (self->context, FALSE, &self->write_error))
    return CAIRO_STATUS_WRITE_ERROR;
  return CAIRO_STATUS_SUCCESS;
}

static gboolean
take_write_error (PdfExport  *self,
                  GError    **error)
{
  if (self->write_error == NULL)
    return TRUE;
  g_propagate_error (error, g_steal_pointer (&self->write_error));
  self->closed = TRUE;
  return FALSE;
}

static gboolean
pdf_begin (TaiouExportContext  *context,
           GError             **error)
{
  PdfExport *self = g_new0 (PdfExport, 1);

  self->context = context;
  context->format_data = self;
  context->format_data_free = (GDestroyNotify) pdf_export_free;

  self->content = _taiou_export_read_report (context, error);
  if (self->content == NULL)
    return FALSE;
  self->pdf = taiou_report_pdf_new (write_pdf, self, error);
  if (self->pdf == NULL)
    return FALSE;
  taiou_report_pdf_write_front (self->pdf, self->content);
  return take_write_error (self, error);
}

static gboolean
pdf_event (TaiouExportContext  *context,
           TaiouEvent          *event,
           GError             **error)
{
  PdfExport *self = context->format_data;
  TaiouReportEventRow row = { 0 };

  _taiou_export_keep_checkpoint (self->content, event);
  taiou_report_event_row_init (&row, event);
  taiou_report_pdf_write_event (self->pdf, &row);
  taiou_report_event_row_clear (&row);
  return take_write_error (self, error);
}

static gboolean
pdf_end (TaiouExportContext  *context,
         GError             **error)
{
  PdfExport *self = context->format_data;
  g_autoptr(GError) draw_error = NULL;

  if (!taiou_report_pdf_finish (self->pdf, self->content, context->n_events, context->head_hash,
                                &draw_error))
    {
      /* cairo's "write error" hides the real one. */
      if (self->write_error == NULL)
        g_propagate_error (error, g_steal_pointer (&draw_error));
      return take_write_error (self, error) && FALSE;
    }
  return take_write_error (self, error);
}

const TaiouExportFormatClass _taiou_export_report_pdf = {
  pdf_begin,
  pdf_event,
  pdf_end,
};
