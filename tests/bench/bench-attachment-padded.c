/* bench-attachment-padded.c — a 500 MiB zero-padded "program" classified in bounded memory
 *
 * The 2023 Emotet wave padded its payloads to hundreds of MB so that scanners with a size cap
 * skip them.  This writes such a file (an MZ/PE header, then zeros; nothing runnable) under
 * $TAIOU_BENCH_DIR (default /var/tmp/taiou-bench), streams it through the classifier and
 * prints the time and the peak resident memory.  It fails if the padding is not reported or
 * the peak passes 128 MiB.  TAIOU_BENCH_KEEP=1 keeps the file for the next run.
 */
#define G_LOG_DOMAIN "bench-attachment"

#include "config.h"

#include <errno.h>
#include <glib/gstdio.h>
#include <locale.h>
#include <string.h>
#include <sys/resource.h>

#include "taiou.h"

#include "bench-report.h"

#define PADDED_SIZE (G_GUINT64_CONSTANT (500) << 20)
#define MAX_PEAK_KIB (128 * 1024)

static long
peak_rss_kib (void)
{
  struct rusage usage;

  getrusage (RUSAGE_SELF, &usage);
  return usage.ru_maxrss;
}

static gboolean
write_padded (const char  *path,
              GError     **error)
{
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GFileOutputStream) out = NULL;
  g_autofree guint8 *chunk = g_malloc0 (1 << 20);
  guint64 written = 0;

  out = g_file_replace (file, NULL, FALSE, G_FILE_CREATE_PRIVATE, NULL, error);
  if (out == NULL)
    return FALSE;
  /* The shape of a program: "MZ", e_lfanew = 0x80, "PE\0\0"; the rest is the padding. */
  chunk[0] = 'M';
  chunk[1] = 'Z';
  chunk[0x3C] = 0x80;
  memcpy (chunk + 0x80, "PE\0\0\x4c\x01", 6);
  while (written < PADDED_SIZE)
    {
      gsize n = (gsize) MIN (PADDED_SIZE - written, 1 << 20);

      if (!g_output_stream_write_all (G_OUTPUT_STREAM (out), chunk, n, NULL, NULL, error))
        return FALSE;
      if (written == 0)
        memset (chunk, 0, 0x100);
      written += n;
    }
  return g_output_stream_close (G_OUTPUT_STREAM (out), NULL, error);
}

int
main (int    argc,
      char **argv)
{
  const char *dir = bench_dir ();
  g_autofree char *path = g_build_filename (dir, "padded-請求書.exe", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GFileInputStream) in = NULL;
  g_autoptr(TaiouAttachmentReport) report = NULL;
  g_autoptr(GError) error = NULL;
  gboolean padded = FALSE;
  gint64 start;
  double seconds;
  long before_kib;
  long peak_kib;

  setlocale (LC_ALL, "");
  if (g_mkdir_with_parents (dir, 0700) != 0 || !write_padded (path, &error))
    {
      g_printerr ("Cannot write %s: %s\n", path, error ? error->message : g_strerror (errno));
      return 2;
    }

  before_kib = peak_rss_kib ();
  start = g_get_monotonic_time ();
  in = g_file_read (file, NULL, &error);
  if (in != NULL)
    report = taiou_attachment_classify_stream ("請求書.exe", G_INPUT_STREAM (in), NULL, NULL,
                                               &error);
  seconds = (g_get_monotonic_time () - start) / 1e6;
  peak_kib = peak_rss_kib ();
  if (!g_getenv ("TAIOU_BENCH_KEEP"))
    g_unlink (path);
  if (report == NULL)
    {
      g_printerr ("Classification failed: %s\n", error->message);
      return 2;
    }

  for (guint i = 0; i < report->findings->len; i++)
    {
      TaiouFinding *finding = report->findings->pdata[i];

      g_print ("  %-28s %3d  %s\n", finding->rule_id, finding->score, finding->evidence);
      padded |= g_strcmp0 (finding->rule_id, "attachment.padded") == 0;
    }
  g_print ("padded PE: %" G_GUINT64_FORMAT " bytes, type %s, sha256 %s\n", report->size,
           taiou_attachment_type_to_string (report->type), report->sha256);
  g_print ("time: %.2f s (%.0f MiB/s)\n", seconds, report->size / 1048576.0 / seconds);
  g_print ("peak RSS: %.1f MiB (%.1f MiB before classifying)\n", peak_kib / 1024.0,
           before_kib / 1024.0);

  bench_report ("attachment-padded-500M-peak-rss", peak_kib / 1024.0, "MiB", "<= 128 MiB", NULL, 0,
                padded && peak_kib <= MAX_PEAK_KIB);
  if (!padded)
    {
      g_printerr ("FAIL: the padding was not reported\n");
      return 1;
    }
  if (peak_kib > MAX_PEAK_KIB)
    {
      g_printerr ("FAIL: peak RSS %ld KiB is over %d KiB\n", peak_kib, MAX_PEAK_KIB);
      return 1;
    }
  return 0;
}
