/* taiou-qr.h — a QR code of a short text, for paper: as inline SVG, or drawn with cairo */
#pragma once

#include <cairo.h>
#include <glib.h>

G_BEGIN_DECLS

/* The quiet zone ISO/IEC 18004 asks around a QR code, in modules. */
#define TAIOU_QR_QUIET_ZONE 4

typedef struct
{
  int     width;   /* modules per side, without the quiet zone */
  guint8 *dark;    /* width × width, row by row: 1 for a dark module */
} TaiouQr;

TaiouQr *taiou_qr_encode  (const char    *text,
                           GError       **error);
void     taiou_qr_free    (TaiouQr       *self);
char    *taiou_qr_to_svg  (const TaiouQr *self,
                           const char    *title);
void     taiou_qr_draw    (const TaiouQr *self,
                           cairo_t       *cr,
                           double         x,
                           double         y,
                           double         size);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (TaiouQr, taiou_qr_free)

G_END_DECLS
