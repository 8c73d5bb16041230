/* taiou-qr.c — a QR code of a short text, for paper: as inline SVG, or drawn with cairo
 *
 * A checkpoint printed in the report must survive being kept on paper and typed back in: its
 * text is printed, and beside it the same bytes as a QR code (libqrencode, 8-bit mode, error
 * correction level M) that a phone can read.  The HTML report may load nothing (its
 * Content-Security-Policy is default-src 'none'), so the code is inline SVG; the PDF draws the
 * same modules as cairo rectangles, so it stays vector and sharp in print.
 */
#define G_LOG_DOMAIN "taiou-qr"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <qrencode.h>
#include <string.h>

#include "taiou-checkpoint.h"
#include "taiou-qr.h"

/**
 * taiou_qr_encode:
 *
 * Returns: (transfer full): the code of @text, or NULL with @error when it does not fit a QR
 *   code (about 2,300 bytes at level M)
 */
TaiouQr *
taiou_qr_encode (const char  *text,
                 GError     **error)
{
  QRcode *code;
  TaiouQr *self;

  g_return_val_if_fail (text != NULL, NULL);

  code = QRcode_encodeString8bit (text, 0, QR_ECLEVEL_M);
  if (code == NULL)
    {
      g_set_error_literal (error, TAIOU_CHECKPOINT_ERROR, TAIOU_CHECKPOINT_ERROR_TOO_LARGE,
                           _("The text is too long for a QR code."));
      return NULL;
    }
  self = g_new0 (TaiouQr, 1);
  self->width = code->width;
  self->dark = g_malloc ((gsize) code->width * code->width);
  for (int i = 0; i < code->width * code->width; i++)
    self->dark[i] = code->data[i] & 1;
  QRcode_free (code);
  return self;
}

void
taiou_qr_free (TaiouQr *self)
{
  if (self == NULL)
    return;
  g_free (self->dark);
  g_free (self);
}

/**
 * taiou_qr_to_svg:
 * @title: (nullable): the SVG's accessible title
 *
 * Returns: (transfer full): an <svg> element, black modules on white with the quiet zone, in
 *   module units (its size is set by the page's CSS)
 */
char *
taiou_qr_to_svg (const TaiouQr *self,
                 const char    *title)
{
  int side = self->width + 2 * TAIOU_QR_QUIET_ZONE;
  GString *svg = g_string_new (NULL);

  g_return_val_if_fail (self != NULL, NULL);

  g_string_append_printf (svg, "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 %d %d\" "
                               "shape-rendering=\"crispEdges\" role=\"img\">", side, side);
  if (title != NULL)
    {
      g_autofree char *escaped = g_markup_escape_text (title, -1);

      g_string_append_printf (svg, "<title>%s</title>", escaped);
    }
  g_string_append_printf (svg, "<rect width=\"%d\" height=\"%d\" fill=\"#fff\"/><path "
                               "fill=\"#000\" d=\"", side, side);
  for (int y = 0; y < self->width; y++)
    for (int x = 0; x < self->width; x++)
      if (self->dark[y * self->width + x])
        g_string_append_printf (svg, "M%d %dh1v1h-1z", x + TAIOU_QR_QUIET_ZONE,
                                y + TAIOU_QR_QUIET_ZONE);
  g_string_append (svg, "\"/></svg>");
  return g_string_free (svg, FALSE);
}

/**
 * taiou_qr_draw:
 * @size: the side of the whole code, quiet zone included, in the surface's units
 *
 * Draws the code with its white quiet zone at (@x, @y).
 */
void
taiou_qr_draw (const TaiouQr *self,
               cairo_t       *cr,
               double         x,
               double         y,
               double         size)
{
  double module;

  g_return_if_fail (self != NULL && cr != NULL);

  module = size / (self->width + 2 * TAIOU_QR_QUIET_ZONE);
  cairo_save (cr);
  cairo_set_source_rgb (cr, 1, 1, 1);
  cairo_rectangle (cr, x, y, size, size);
  cairo_fill (cr);
  cairo_set_source_rgb (cr, 0, 0, 0);
  /* Adjacent rectangles in one path, filled once: no hairline seams between modules. */
  cairo_set_antialias (cr, CAIRO_ANTIALIAS_NONE);
  for (int row = 0; row < self->width; row++)
    for (int column = 0; column < self->width; column++)
      if (self->dark[row * self->width + column])
        cairo_rectangle (cr, x + (column + TAIOU_QR_QUIET_ZONE) * module,
                         y + (row + TAIOU_QR_QUIET_ZONE) * module, module, module);
  cairo_fill (cr);
  cairo_restore (cr);
}
