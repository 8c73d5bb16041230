/* taiou-report-pdf.h — the incident report as an A4 PDF, drawn with cairo and pango
 *
 * pango and cairo are not GTK: libtaiou draws the PDF itself, so the CLI, the app and the tests
 * make the same file.
 */
#pragma once

#include <cairo.h>

#include "taiou-report-content.h"

G_BEGIN_DECLS

#define TAIOU_REPORT_ERROR (taiou_report_error_quark ())

typedef enum
{
  TAIOU_REPORT_ERROR_FONT,  /* the Japanese font is not installed */
  TAIOU_REPORT_ERROR_DRAW,  /* cairo could not make the PDF */
} TaiouReportError;

GQuark taiou_report_error_quark (void);

/* The one family the report is set in (Debian: fonts-noto-cjk); the PDF embeds its subset. */
#define TAIOU_REPORT_FONT_FAMILY "Noto Sans CJK JP"

typedef struct _TaiouReportPdf TaiouReportPdf;

TaiouReportPdf *taiou_report_pdf_new         (cairo_write_func_t          write_func,
                                              gpointer                    closure,
                                              GError                    **error);
void            taiou_report_pdf_write_front (TaiouReportPdf             *self,
                                              const TaiouReportContent   *content);
void            taiou_report_pdf_write_event (TaiouReportPdf             *self,
                                              const TaiouReportEventRow  *row);
gboolean        taiou_report_pdf_finish      (TaiouReportPdf             *self,
                                              const TaiouReportContent   *content,
                                              gint64                      n_events,
                                              const char                 *head_hash,
                                              GError                    **error);
guint           taiou_report_pdf_get_n_pages (TaiouReportPdf             *self);
void            taiou_report_pdf_free        (TaiouReportPdf             *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (TaiouReportPdf, taiou_report_pdf_free)

G_END_DECLS
