/* taiou-ioc-formats-parallel.c — reading a large hash list with one thread per core
 *
 * A million-line hash list took most of a scan's start-up on one core while the others waited.
 * The file is cut at line ends into one part per core; each part is read by its own thread into
 * a batch of its own (taiou-ioc-batch.c), and the batches are then added in file order, so that
 * duplicates merge, descriptions are numbered and problems are listed exactly as one thread
 * reading the whole file would have done.  Only plain hash lists take this path: their lines do
 * not depend on the lines before them (Loki file-name IOCs take their descriptions from the
 * comment above; MalwareBazaar's CSV may redefine its columns).
 */
#define G_LOG_DOMAIN "taiou-ioc-formats"

#include "config.h"

#include <errno.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "taiou-ioc-formats-private.h"

#define MAX_PARTS 8
/* Smaller parts are not worth a thread. */
#define MIN_PART_SIZE (1024 * 1024)
/* Keeps a batch's description numbers within the 25 bits of a value: a line is at least 35
 * bytes, so a file under 1 GiB cannot have 2^25 distinct descriptions. */
#define MAX_PARALLEL_SIZE (G_GINT64_CONSTANT (1) << 30)

typedef struct
{
  LoadContext         ctx;
  TaiouIocLoadReport  report;
  TaiouIocFormat      format;
  int                 fd;
  goffset             start;
  goffset             end;       /* -1: to the end of the file */
  gboolean            failed;    /* a read error */
  GThread            *thread;
} Part;

/* The offset just after the first newline at or after @offset; -1 when there is none. */
static goffset
next_line_start (int     fd,
                 goffset offset)
{
  char window[4096];

  while (TRUE)
    {
      ssize_t n = pread (fd, window, sizeof window, offset);
      const char *newline;

      if (n < 0 && errno == EINTR)
        continue;
      if (n <= 0)
        return -1;
      newline = memchr (window, '\n', (gsize) n);
      if (newline != NULL)
        return offset + (newline - window) + 1;
      offset += n;
    }
}

static gpointer
read_part (gpointer data)
{
  Part *part = data;
  g_autofree char *buffer = g_malloc (READ_CHUNK_SIZE);
  goffset offset = part->start;

  while (part->end < 0 || offset < part->end)
    {
      gsize wanted = part->end < 0 ? READ_CHUNK_SIZE
                                   : (gsize) MIN (READ_CHUNK_SIZE, part->end - offset);
      ssize_t n = pread (part->fd, buffer, wanted, offset);

      if (n < 0 && errno == EINTR)
        continue;
      if (n < 0)
        part->failed = TRUE;
      if (n <= 0)
        break;
      _taiou_ioc_feed_lines (&part->ctx, part->format, buffer, (gsize) n);
      offset += n;
    }
  _taiou_ioc_finish_lines (&part->ctx, part->format);
  return NULL;
}

static void
part_init (Part           *part,
           LoadContext    *whole,
           TaiouIocFormat  format,
           int             fd,
           goffset         start,
           goffset         end)
{
  memset (part, 0, sizeof *part);
  part->report.problems = g_ptr_array_new_with_free_func (g_free);
  _taiou_ioc_context_init (&part->ctx, whole->set, &part->report, whole->name);
  part->ctx.batch = _taiou_ioc_batch_new ();
  part->ctx.problem_lines = g_array_new (FALSE, FALSE, sizeof (guint));
  part->format = format;
  part->fd = fd;
  part->start = start;
  part->end = end;
}

/* Adds what a part read to the whole; @lines_before: the lines of the parts before it. */
static void
part_merge (Part        *part,
            LoadContext *whole,
            guint        lines_before)
{
  TaiouIocLoadReport *report = whole->report;

  _taiou_ioc_set_add_batch (whole->set, part->ctx.batch);
  report->n_loaded += part->report.n_loaded;
  report->n_bad += part->report.n_bad;
  for (guint i = 0; i < part->report.problems->len; i++)
    if (report->problems->len < TAIOU_IOC_MAX_PROBLEMS)
      g_ptr_array_add (report->problems,
                       g_strdup_printf ("%s:%u: %s", whole->name,
                                        lines_before + g_array_index (part->ctx.problem_lines,
                                                                      guint, i),
                                        (char *) part->report.problems->pdata[i]));
}

static void
part_clear (Part *part)
{
  g_clear_pointer (&part->ctx.batch, _taiou_ioc_batch_free);
  g_clear_pointer (&part->ctx.problem_lines, g_array_unref);
  _taiou_ioc_context_clear (&part->ctx);
  g_ptr_array_unref (part->report.problems);
}

/**
 * _taiou_ioc_read_lines_parallel:
 * @fd: the open file, read from its start with pread() whatever its offset
 * @failed: set to %TRUE on a read error; what was read before is kept, as when streaming
 *
 * Returns: %FALSE, having read nothing, when the file is not a large enough plain hash list
 *   or there is one core; the caller then streams it
 */
gboolean
_taiou_ioc_read_lines_parallel (LoadContext    *ctx,
                                TaiouIocFormat  format,
                                int             fd,
                                gboolean       *failed)
{
  Part parts[MAX_PARTS];
  struct stat st;
  guint n_parts;
  goffset start = 0;
  guint lines = 0;

  if ((format != TAIOU_IOC_FORMAT_LOKI_HASH && format != TAIOU_IOC_FORMAT_SHA256_LIST) ||
      ctx->false_positives || ctx->batch != NULL)
    return FALSE;
  if (fstat (fd, &st) != 0 || !S_ISREG (st.st_mode) || st.st_size > MAX_PARALLEL_SIZE)
    return FALSE;
  n_parts = (guint) MIN ((goffset) MIN (g_get_num_processors (), MAX_PARTS),
                         st.st_size / MIN_PART_SIZE);
  if (n_parts < 2)
    return FALSE;

  for (guint i = 0; i < n_parts; i++)
    {
      goffset end = -1;

      if (i + 1 < n_parts)
        end = next_line_start (fd, MAX (start, st.st_size * (i + 1) / n_parts - 1));
      if (end < 0)
        n_parts = i + 1;
      part_init (&parts[i], ctx, format, fd, start, end);
      start = end;
    }

  /* This thread reads the first part; should a thread fail to start, it reads that part too. */
  for (guint i = 1; i < n_parts; i++)
    parts[i].thread = g_thread_try_new ("taiou-ioc-read", read_part, &parts[i], NULL);
  read_part (&parts[0]);
  for (guint i = 1; i < n_parts; i++)
    {
      if (parts[i].thread != NULL)
        g_thread_join (parts[i].thread);
      else
        read_part (&parts[i]);
    }

  for (guint i = 0; i < n_parts; i++)
    {
      part_merge (&parts[i], ctx, lines);
      lines += parts[i].ctx.line_number;
      *failed |= parts[i].failed;
      part_clear (&parts[i]);
    }
  ctx->line_number = lines;
  return TRUE;
}
