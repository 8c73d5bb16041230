/* taiou-report-pdf.c — the incident report as an A4 PDF, drawn with cairo and pango
 *
 * The report goes to management, insurers and (as a draft) the 個人情報保護委員会, so it must
 * print the same everywhere: A4, one Japanese font embedded (cairo embeds the subset of Noto Sans
 * CJK JP it used), no tofu.  The refusal to start without that font is deliberate: a PDF set in
 * a fallback Latin font shows boxes where the Japanese was.
 *
 * It is written as it is drawn: cairo's PDF surface sends each finished page to the write
 * function, so an incident of 100,000 events (some 3,000 pages) never sits in memory; only the
 * current page and the font subset do.  Text blocks flow across pages line by line, so a hostile
 * title of thousands of characters wraps and continues instead of running off the page; table
 * cells are cut (TAIOU_REPORT_CELL_MAX_CHARS) so that no row is taller than a page.
 */
#define G_LOG_DOMAIN "taiou-report"

#include "config.h"

#include <cairo-pdf.h>
#include <glib/gi18n-lib.h>
#include <pango/pangocairo.h>

#include "taiou-qr.h"
#include "taiou-report-pdf.h"

G_DEFINE_QUARK (taiou-report-error-quark, taiou_report_error)

/* A4 in points, and the margins of a printed business document. */
#define PAGE_WIDTH    595.276
#define PAGE_HEIGHT   841.890
#define MARGIN_X      48.0
#define MARGIN_TOP    54.0
#define MARGIN_BOTTOM 60.0
#define TEXT_WIDTH    (PAGE_WIDTH - 2 * MARGIN_X)
#define TEXT_BOTTOM   (PAGE_HEIGHT - MARGIN_BOTTOM)

#define LABEL_WIDTH   150.0

/* The event table's columns: #, time, PC, actor, kind, summary (what is left). */
#define N_COLUMNS     6
#define CELL_PAD      2.5
/* PC, actor and kind repeat from row to row: their layouts are kept, shaped once, so that a
 * table of 100,000 rows shapes half as much text (shaping is most of the PDF's cost). */
#define CACHED_COLUMN(i) ((i) >= 2 && (i) <= 4)
#define MAX_CACHED 256
static const double column_widths[N_COLUMNS] = { 30, 74, 48, 48, 80, 0 };
static const char * const column_titles[N_COLUMNS] = {
  "#", NULL /* 日時（zone） */, "端末", "実行者", "種別", "内容",
};

struct _TaiouReportPdf
{
  cairo_surface_t      *surface;
  cairo_t              *cr;
  PangoFontMap         *font_map;
  PangoContext         *context;
  PangoFontDescription *body;
  PangoFontDescription *small;
  PangoFontDescription *bold;
  PangoFontDescription *heading;
  PangoFontDescription *title;
  PangoFontDescription *table;
  PangoFontDescription *table_bold;
  PangoLayout          *cells[N_COLUMNS];  /* reused for every row: no layout per cell */
  GHashTable           *repeated[N_COLUMNS]; /* text → its laid-out PangoLayout, see below */
  PangoLayout          *row[N_COLUMNS];    /* the layouts of the row being drawn */
  PangoLayout          *scratch;
  double                x_columns[N_COLUMNS];
  double                widths[N_COLUMNS];
  char                 *time_title;
  char                 *footer;
  double                y;
  guint                 n_pages;
  gboolean              page_has_content;
  gboolean              in_table;
};

static PangoFontDescription *
make_font (double size,
           gboolean bold)
{
  PangoFontDescription *font = pango_font_description_from_string (TAIOU_REPORT_FONT_FAMILY);

  pango_font_description_set_absolute_size (font, size * PANGO_SCALE);
  if (bold)
    pango_font_description_set_weight (font, PANGO_WEIGHT_BOLD);
  return font;
}

static PangoLayout *
make_layout (TaiouReportPdf             *self,
             const PangoFontDescription *font,
             double                      width)
{
  PangoLayout *layout = pango_layout_new (self->context);

  pango_layout_set_font_description (layout, font);
  pango_layout_set_width (layout, (int) (width * PANGO_SCALE));
  /* Words first, then anywhere: a URL or a hash of 64 characters still wraps. */
  pango_layout_set_wrap (layout, PANGO_WRAP_WORD_CHAR);
  return layout;
}

/* Fontconfig answers every request with its best match: check that the match is the font asked
 * for, not a Latin fallback that would print Japanese as boxes. */
static gboolean
check_font (TaiouReportPdf  *self,
            GError         **error)
{
  g_autoptr(PangoFont) font = pango_font_map_load_font (self->font_map, self->context,
                                                        self->body);
  g_autoptr(PangoFontDescription) described = font != NULL ? pango_font_describe (font) : NULL;
  const char *family = described != NULL ? pango_font_description_get_family (described) : NULL;

  if (family == NULL || g_ascii_strncasecmp (family, "Noto Sans CJK", 13) != 0)
    {
      g_set_error (error, TAIOU_REPORT_ERROR, TAIOU_REPORT_ERROR_FONT,
                   _("The Japanese font “%s” is not installed (Debian package fonts-noto-cjk), "
                     "so the report cannot be made as a PDF."), TAIOU_REPORT_FONT_FAMILY);
      return FALSE;
    }
  return TRUE;
}

/**
 * taiou_report_pdf_new:
 * @write_func: where cairo sends the PDF's bytes, page by page
 *
 * Returns: (transfer full) (nullable): a PDF being drawn, or NULL with @error when the Japanese
 *   font is missing
 */
TaiouReportPdf *
taiou_report_pdf_new (cairo_write_func_t   write_func,
                      gpointer             closure,
                      GError             **error)
{
  g_autoptr(TaiouReportPdf) self = g_new0 (TaiouReportPdf, 1);
  cairo_font_options_t *options;
  double x = MARGIN_X;

  g_return_val_if_fail (write_func != NULL, NULL);

  self->font_map = pango_cairo_font_map_new ();
  self->context = pango_font_map_create_context (self->font_map);
  self->body = make_font (10.0, FALSE);
  self->small = make_font (8.0, FALSE);
  self->bold = make_font (10.0, TRUE);
  self->heading = make_font (15.0, TRUE);
  self->title = make_font (24.0, TRUE);
  self->table = make_font (7.0, FALSE);
  self->table_bold = make_font (7.0, TRUE);
  if (!check_font (self, error))
    return NULL;

  self->surface = cairo_pdf_surface_create_for_stream (write_func, closure, PAGE_WIDTH,
                                                       PAGE_HEIGHT);
  self->cr = cairo_create (self->surface);
  pango_cairo_update_context (self->cr, self->context);
  /* Glyph outlines, not hinted pixels: the PDF is scaled by every viewer and printer. */
  options = cairo_font_options_create ();
  cairo_font_options_set_hint_style (options, CAIRO_HINT_STYLE_NONE);
  cairo_font_options_set_hint_metrics (options, CAIRO_HINT_METRICS_OFF);
  pango_cairo_context_set_font_options (self->context, options);
  cairo_font_options_destroy (options);

  for (guint i = 0; i < N_COLUMNS; i++)
    {
      self->widths[i] = column_widths[i] > 0 ? column_widths[i] : MARGIN_X + TEXT_WIDTH - x;
      self->x_columns[i] = x;
      x += self->widths[i];
      self->cells[i] = make_layout (self, self->table, self->widths[i] - 2 * CELL_PAD);
      if (CACHED_COLUMN (i))
        self->repeated[i] = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                                   g_object_unref);
    }
  self->scratch = make_layout (self, self->body, TEXT_WIDTH);
  self->y = MARGIN_TOP;
  self->n_pages = 1;
  return g_steal_pointer (&self);
}

static void
set_grey (cairo_t *cr,
          double   level)
{
  cairo_set_source_rgb (cr, level, level, level);
}

static void
draw_footer (TaiouReportPdf *self)
{
  g_autofree char *page = g_strdup_printf ("%u", self->n_pages);
  PangoLayout *layout = self->scratch;
  int width;

  pango_layout_set_font_description (layout, self->small);
  pango_layout_set_width (layout, (int) ((TEXT_WIDTH - 60) * PANGO_SCALE));
  pango_layout_set_ellipsize (layout, PANGO_ELLIPSIZE_END);
  pango_layout_set_text (layout, self->footer != NULL ? self->footer : "", -1);
  set_grey (self->cr, 0.35);
  cairo_move_to (self->cr, MARGIN_X, PAGE_HEIGHT - MARGIN_BOTTOM + 24);
  pango_cairo_show_layout (self->cr, layout);

  pango_layout_set_ellipsize (layout, PANGO_ELLIPSIZE_NONE);
  pango_layout_set_width (layout, -1);
  pango_layout_set_text (layout, page, -1);
  pango_layout_get_pixel_size (layout, &width, NULL);
  cairo_move_to (self->cr, MARGIN_X + TEXT_WIDTH - width, PAGE_HEIGHT - MARGIN_BOTTOM + 24);
  pango_cairo_show_layout (self->cr, layout);
  set_grey (self->cr, 0.0);
}

static void draw_table_header (TaiouReportPdf *self);

static void
new_page (TaiouReportPdf *self)
{
  draw_footer (self);
  cairo_show_page (self->cr);
  self->n_pages++;
  self->y = MARGIN_TOP;
  self->page_has_content = FALSE;
  if (self->in_table)
    draw_table_header (self);
}

/* A section starts on a page of its own. */
static void
begin_section (TaiouReportPdf *self,
               const char     *heading)
{
  PangoLayout *layout = self->scratch;
  int height;

  if (self->page_has_content)
    new_page (self);
  pango_layout_set_font_description (layout, self->heading);
  pango_layout_set_width (layout, (int) (TEXT_WIDTH * PANGO_SCALE));
  pango_layout_set_text (layout, heading, -1);
  pango_layout_get_pixel_size (layout, NULL, &height);
  cairo_move_to (self->cr, MARGIN_X, self->y);
  pango_cairo_show_layout (self->cr, layout);
  self->y += height + 4;
  cairo_set_line_width (self->cr, 0.8);
  cairo_move_to (self->cr, MARGIN_X, self->y);
  cairo_line_to (self->cr, MARGIN_X + TEXT_WIDTH, self->y);
  cairo_stroke (self->cr);
  self->y += 12;
  self->page_has_content = TRUE;
}

/* Draws @text from @x, @width wide, flowing onto new pages line by line. */
static void
draw_text (TaiouReportPdf             *self,
           const char                 *text,
           const PangoFontDescription *font,
           double                      x,
           double                      width,
           double                      space_after)
{
  PangoLayout *layout = self->scratch;
  PangoLayoutIter *iter;
  double offset = 0;  /* where the layout's current page part starts, in layout points */

  pango_layout_set_font_description (layout, font);
  pango_layout_set_width (layout, (int) (width * PANGO_SCALE));
  pango_layout_set_spacing (layout, (int) (0.35 * pango_font_description_get_size (font)));
  pango_layout_set_text (layout, text, -1);

  iter = pango_layout_get_iter (layout);
  do
    {
      PangoRectangle logical;
      double top, bottom, baseline;

      pango_layout_iter_get_line_extents (iter, NULL, &logical);
      top = (double) logical.y / PANGO_SCALE;
      bottom = (double) (logical.y + logical.height) / PANGO_SCALE;
      if (self->y + bottom - offset > TEXT_BOTTOM)
        {
          new_page (self);
          offset = top;
        }
      baseline = (double) pango_layout_iter_get_baseline (iter) / PANGO_SCALE;
      cairo_move_to (self->cr, x + (double) logical.x / PANGO_SCALE,
                     self->y + baseline - offset);
      pango_cairo_show_layout_line (self->cr, pango_layout_iter_get_line_readonly (iter));
      self->page_has_content = TRUE;
      if (pango_layout_iter_at_last_line (iter))
        self->y += bottom - offset;
    }
  while (pango_layout_iter_next_line (iter));
  pango_layout_iter_free (iter);
  pango_layout_set_spacing (layout, 0);
  self->y += space_after;
}

/* A label and its value, the value under it and indented: flows across pages whatever its
 * length, where a two-column table row could not. */
static void
draw_rows (TaiouReportPdf *self,
           GPtrArray      *rows)
{
  for (guint i = 0; i < rows->len; i++)
    {
      const TaiouReportRow *row = rows->pdata[i];

      if (self->y + 40 > TEXT_BOTTOM)
        new_page (self);
      set_grey (self->cr, 0.3);
      draw_text (self, row->label, self->small, MARGIN_X, TEXT_WIDTH, 1);
      set_grey (self->cr, 0.0);
      draw_text (self, row->value, self->body, MARGIN_X + 12, TEXT_WIDTH - 12, 9);
    }
}

static void
draw_title_page (TaiouReportPdf           *self,
                 const TaiouReportContent *content)
{
  g_autofree char *created = taiou_appi_format_local_time (content->created_us, TRUE);
  g_autofree char *made = taiou_appi_format_local_time (content->made_us, TRUE);
  g_autoptr(GPtrArray) rows = g_ptr_array_new ();
  TaiouReportRow title = { "事案名", content->title };
  TaiouReportRow organization = { "組織名", content->organization != NULL
                                            ? content->organization : TAIOU_REPORT_UNFILLED };
  TaiouReportRow created_row = { "記録の作成日時", created };
  TaiouReportRow status = { "状況", content->status };
  TaiouReportRow made_row = { "本報告書の作成日時", made };

  self->y = MARGIN_TOP + 110;
  draw_text (self, "インシデント報告書", self->title, MARGIN_X, TEXT_WIDTH, 8);
  set_grey (self->cr, 0.3);
  draw_text (self, "マルウェア感染の疑いに関する対応記録と、個人データの漏えい等報告の下書き",
             self->body, MARGIN_X, TEXT_WIDTH, 40);
  set_grey (self->cr, 0.0);

  g_ptr_array_add (rows, &title);
  g_ptr_array_add (rows, &organization);
  g_ptr_array_add (rows, &created_row);
  g_ptr_array_add (rows, &status);
  g_ptr_array_add (rows, &made_row);
  draw_rows (self, rows);

  self->y += 30;
  set_grey (self->cr, 0.3);
  draw_text (self, "本報告書は、感染対応アシスタントが対応の記録から作成した下書きです。"
             "「" TAIOU_REPORT_UNFILLED "」の箇所は記録から分からない事項です。事実を確認のうえ"
             "記入してください。日時は、特に記載のない限りこの PC の時刻で表示しています。",
             self->small, MARGIN_X, TEXT_WIDTH, 0);
  set_grey (self->cr, 0.0);
}

static void
draw_items (TaiouReportPdf           *self,
            const TaiouReportContent *content)
{
  begin_section (self, "3　漏えい等報告の記載事項（個人情報保護法施行規則第8条第1項）");
  for (guint i = 0; i < TAIOU_REPORT_N_ITEMS; i++)
    {
      const TaiouReportItem *item = &content->items[i];
      g_autofree char *heading = g_strdup_printf ("(%u)　%s", i + 1, item->heading);

      if (self->y + 60 > TEXT_BOTTOM)
        new_page (self);
      draw_text (self, heading, self->bold, MARGIN_X, TEXT_WIDTH, 1);
      set_grey (self->cr, 0.4);
      draw_text (self, item->statute, self->small, MARGIN_X + 12, TEXT_WIDTH - 12, 3);
      set_grey (self->cr, 0.0);
      /* An item left to fill stands out, as the HTML's does. */
      draw_text (self, item->text != NULL ? item->text : TAIOU_REPORT_UNFILLED,
                 item->text != NULL ? self->body : self->bold, MARGIN_X + 12, TEXT_WIDTH - 12, 12);
    }
}

/* The layout of column @i holding @text: a kept one for the repeating columns. */
static PangoLayout *
cell_layout (TaiouReportPdf *self,
             guint           i,
             const char     *text,
             gboolean        header)
{
  PangoLayout *layout;

  if (!header && CACHED_COLUMN (i))
    {
      layout = g_hash_table_lookup (self->repeated[i], text);
      if (layout != NULL)
        return layout;
      if (g_hash_table_size (self->repeated[i]) < MAX_CACHED)
        {
          layout = pango_layout_copy (self->cells[i]);
          pango_layout_set_text (layout, text, -1);
          g_hash_table_insert (self->repeated[i], g_strdup (text), layout);
          return layout;
        }
    }
  pango_layout_set_text (self->cells[i], text, -1);
  return self->cells[i];
}

/* Lays the row's cells out; returns the row's height. */
static double
layout_cells (TaiouReportPdf     *self,
              const char * const *texts,
              gboolean            header)
{
  int tallest = 0;

  for (guint i = 0; i < N_COLUMNS; i++)
    {
      int height;

      self->row[i] = cell_layout (self, i, texts[i], header);
      pango_layout_get_pixel_size (self->row[i], NULL, &height);
      tallest = MAX (tallest, height);
    }
  return tallest + 2 * CELL_PAD;
}

static void
draw_cells (TaiouReportPdf *self,
            double          height,
            gboolean        header)
{
  if (header)
    {
      set_grey (self->cr, 0.88);
      cairo_rectangle (self->cr, MARGIN_X, self->y, TEXT_WIDTH, height);
      cairo_fill (self->cr);
      set_grey (self->cr, 0.0);
    }
  for (guint i = 0; i < N_COLUMNS; i++)
    {
      cairo_move_to (self->cr, self->x_columns[i] + CELL_PAD, self->y + CELL_PAD);
      pango_cairo_show_layout (self->cr, self->row[i]);
    }
  self->y += height;
  set_grey (self->cr, header ? 0.4 : 0.75);
  cairo_set_line_width (self->cr, 0.4);
  cairo_move_to (self->cr, MARGIN_X, self->y);
  cairo_line_to (self->cr, MARGIN_X + TEXT_WIDTH, self->y);
  cairo_stroke (self->cr);
  set_grey (self->cr, 0.0);
  self->page_has_content = TRUE;
}

static void
draw_table_header (TaiouReportPdf *self)
{
  const char *texts[N_COLUMNS];

  for (guint i = 0; i < N_COLUMNS; i++)
    {
      texts[i] = column_titles[i] != NULL ? column_titles[i] : self->time_title;
      pango_layout_set_font_description (self->cells[i], self->table_bold);
    }
  draw_cells (self, layout_cells (self, texts, TRUE), TRUE);
  for (guint i = 0; i < N_COLUMNS; i++)
    pango_layout_set_font_description (self->cells[i], self->table);
}

/* The document's properties, dated with the report's own time (not cairo's "now"), so that
 * the same export time makes the same file. */
static void
set_metadata (TaiouReportPdf           *self,
              const TaiouReportContent *content,
              const char               *short_title)
{
  g_autoptr(GDateTime) made = g_date_time_new_from_unix_utc (content->made_us / G_USEC_PER_SEC);
  g_autofree char *made_text = made != NULL ? g_date_time_format (made, "%Y-%m-%dT%H:%M:%SZ")
                                            : NULL;
  g_autofree char *title = g_strdup_printf ("インシデント報告書：%s", short_title);

  cairo_pdf_surface_set_metadata (self->surface, CAIRO_PDF_METADATA_TITLE, title);
  cairo_pdf_surface_set_metadata (self->surface, CAIRO_PDF_METADATA_CREATOR,
                                  "感染対応アシスタント");
  if (made_text != NULL)
    {
      cairo_pdf_surface_set_metadata (self->surface, CAIRO_PDF_METADATA_CREATE_DATE, made_text);
      cairo_pdf_surface_set_metadata (self->surface, CAIRO_PDF_METADATA_MOD_DATE, made_text);
    }
}

/**
 * taiou_report_pdf_write_front:
 *
 * Draws everything before the event table (title page, summary, status and deadlines, the nine
 * items) and the table's header; taiou_report_pdf_write_event() then adds the rows.
 */
void
taiou_report_pdf_write_front (TaiouReportPdf           *self,
                              const TaiouReportContent *content)
{
  g_autofree char *footer_title = NULL;

  g_return_if_fail (self != NULL && content != NULL);

  footer_title = g_utf8_substring (content->title, 0, MIN (g_utf8_strlen (content->title, -1),
                                                           60));
  self->footer = g_strdup_printf ("インシデント報告書　%s", footer_title);
  set_metadata (self, content, footer_title);
  self->time_title = g_strdup_printf ("日時（%s）", content->zone_name);

  draw_title_page (self, content);

  begin_section (self, "1　事案の概要");
  draw_rows (self, content->overview);

  begin_section (self, "2　対応状況と報告期限");
  draw_rows (self, content->progress);
  self->y += 8;
  draw_text (self, "個人情報保護委員会への報告と本人への通知の期限（目安）", self->bold, MARGIN_X,
             TEXT_WIDTH, 8);
  if (content->deadlines->len > 0)
    draw_rows (self, content->deadlines);
  set_grey (self->cr, 0.3);
  draw_text (self, content->deadline_note, self->small, MARGIN_X, TEXT_WIDTH, 0);
  set_grey (self->cr, 0.0);

  draw_items (self, content);

  begin_section (self, "4　対応の記録（全件）");
  self->in_table = TRUE;
  draw_table_header (self);
}

void
taiou_report_pdf_write_event (TaiouReportPdf            *self,
                              const TaiouReportEventRow *row)
{
  const char *texts[N_COLUMNS] = { row->seq, row->time, row->host, row->actor, row->kind,
                                   row->summary };
  double height;

  g_return_if_fail (self != NULL && row != NULL);

  height = layout_cells (self, texts, FALSE);
  if (self->y + height > TEXT_BOTTOM)
    {
      /* new_page() draws the header with the same layouts: lay the row out again after. */
      new_page (self);
      height = layout_cells (self, texts, FALSE);
    }
  draw_cells (self, height, FALSE);
}

/* Section 6: the newest signed checkpoint, as a QR code and as text to type back in. */
static void
draw_checkpoint (TaiouReportPdf *self,
                 const char     *checkpoint)
{
  g_autoptr(TaiouQr) qr = taiou_qr_encode (checkpoint, NULL);
  PangoFontDescription *mono = pango_font_description_from_string ("Noto Sans Mono CJK JP");
  const double qr_size = 150;

  /* Small enough that the signature line (about 120 characters) is not broken in two. */
  pango_font_description_set_size (mono, 6.5 * PANGO_SCALE);
  begin_section (self, "6　署名付きチェックポイント");
  draw_text (self, TAIOU_REPORT_CHECKPOINT_NOTE, self->body, MARGIN_X, TEXT_WIDTH, 4);
  draw_text (self, TAIOU_REPORT_CHECKPOINT_COMMAND, mono, MARGIN_X + 12, TEXT_WIDTH - 12, 10);
  if (qr != NULL)
    {
      if (self->y + qr_size > TEXT_BOTTOM)
        new_page (self);
      taiou_qr_draw (qr, self->cr, MARGIN_X, self->y, qr_size);
      self->y += qr_size + 8;
    }
  draw_text (self, checkpoint, mono, MARGIN_X, TEXT_WIDTH, 0);
  pango_font_description_free (mono);
}

/**
 * taiou_report_pdf_finish:
 * @head_hash: (nullable): the hash of the incident's last event
 *
 * Ends the table, adds the chain's section and completes the PDF (the font subset and the
 * cross-reference table are written now).
 */
gboolean
taiou_report_pdf_finish (TaiouReportPdf            *self,
                         const TaiouReportContent  *content,
                         gint64                     n_events,
                         const char                *head_hash,
                         GError                   **error)
{
  g_autofree char *count = g_strdup_printf ("%" G_GINT64_FORMAT " 件", n_events);
  g_autofree char *verification = taiou_report_format_verification (content->verification);
  TaiouReportRow rows_data[4] = {
    { "この事案の記録の件数", count },
    { "この事案の最後の記録のハッシュ（SHA-256）", (char *) (head_hash != NULL ? head_hash
                                                                               : "—") },
    { "記録全体の最新のハッシュ（検証時）", content->verification != NULL
                                            ? content->verification->head_hash : "—" },
    { "検証の結果", verification },
  };
  g_autoptr(GPtrArray) chain = g_ptr_array_new ();
  cairo_status_t status;

  g_return_val_if_fail (self != NULL && content != NULL, FALSE);

  if (n_events == 0)
    draw_text (self, "記録はありません。", self->body, MARGIN_X, TEXT_WIDTH, 0);
  self->in_table = FALSE;

  begin_section (self, "5　記録の完全性");
  for (guint i = 0; i < G_N_ELEMENTS (rows_data); i++)
    g_ptr_array_add (chain, &rows_data[i]);
  draw_rows (self, chain);
  set_grey (self->cr, 0.3);
  draw_text (self, "各記録は直前の記録のハッシュを含めてハッシュ化されています"
             "（ハッシュチェーン）。"
             "上のハッシュを控えておくと、後から記録が書き換えられていないことを確かめられます。",
             self->small, MARGIN_X, TEXT_WIDTH, 0);
  set_grey (self->cr, 0.0);
  if (content->checkpoint != NULL)
    draw_checkpoint (self, content->checkpoint);

  draw_footer (self);
  cairo_show_page (self->cr);
  cairo_surface_finish (self->surface);
  status = cairo_surface_status (self->surface);
  if (status != CAIRO_STATUS_SUCCESS)
    {
      g_set_error (error, TAIOU_REPORT_ERROR, TAIOU_REPORT_ERROR_DRAW,
                   _("Could not make the PDF: %s"), cairo_status_to_string (status));
      return FALSE;
    }
  return TRUE;
}

guint
taiou_report_pdf_get_n_pages (TaiouReportPdf *self)
{
  g_return_val_if_fail (self != NULL, 0);
  return self->n_pages;
}

void
taiou_report_pdf_free (TaiouReportPdf *self)
{
  if (self == NULL)
    return;
  g_clear_pointer (&self->cr, cairo_destroy);
  g_clear_pointer (&self->surface, cairo_surface_destroy);
  for (guint i = 0; i < N_COLUMNS; i++)
    {
      g_clear_object (&self->cells[i]);
      g_clear_pointer (&self->repeated[i], g_hash_table_unref);
    }
  g_clear_object (&self->scratch);
  g_clear_object (&self->context);
  g_clear_object (&self->font_map);
  g_clear_pointer (&self->body, pango_font_description_free);
  g_clear_pointer (&self->small, pango_font_description_free);
  g_clear_pointer (&self->bold, pango_font_description_free);
  g_clear_pointer (&self->heading, pango_font_description_free);
  g_clear_pointer (&self->title, pango_font_description_free);
  g_clear_pointer (&self->table, pango_font_description_free);
  g_clear_pointer (&self->table_bold, pango_font_description_free);
  g_free (self->time_title);
  g_free (self->footer);
  g_free (self);
}
