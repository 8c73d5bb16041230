/* fuzz-attachment.c — every attachment classifier, fed hostile bytes
 *
 * The first byte picks the classifier (its value modulo 8): 0 the whole classification as a
 * mail attachment, 1 OLE2 (libgsf), 2 LNK, 3 OneNote, 4 archives (libarchive; bits 3–4 pick
 * zip, 7z, rar or ISO 9660), 5 the zip-password search in a mail body, 6 BIFF8 BOUNDSHEET
 * records, 7 the spool (hash, runs, elision) read back through its libarchive view.  The rest
 * is the input.  Limits are small so one input cannot take seconds.  With
 * TAIOU_FUZZ_ONLY=<n> in the environment, every input goes to classifier n (its first byte is
 * still skipped), so each classifier can be given its own million runs.
 *
 * The seeds are the unit tests' synthetic fixtures, regenerated with
 *   _build/tests/test-attachment --write-corpus tests/fuzz/corpus/attachment
 * Only seeds libgsf reads without a warning belong there: the replay runs with fatal warnings.
 */
#include "config.h"

#include <string.h>

#include "taiou.h"
#include "taiou-attachment-private.h"

int LLVMFuzzerTestOneInput (const guint8 *data, size_t size);

static void
fuzz_limits (TaiouAttachmentLimits *limits)
{
  taiou_attachment_limits_init (limits);
  limits->max_members = 200;
  /* Small enough that an input expanding to the limit costs a millisecond, not tens: every
   * limit is still reached, and the fuzzer keeps thousands of runs a second. */
  limits->max_total_bytes = 2 << 20;
  limits->max_member_bytes = 512 << 10;
  limits->padding_run_bytes = 128 << 10;
}

static void
with_walk (guint               selector,
           TaiouAttachmentType type,
           const guint8       *data,
           gsize               size)
{
  g_autoptr(TaiouAttachmentReport) report = _taiou_attachment_report_new ("fuzz", NULL);
  TaiouAttachmentContext context = { "パスワード：Kx8fPq2Z", NULL, NULL };
  TaiouAttachmentWalk walk = { &context };
  TaiouSpool spool;

  fuzz_limits (&walk.limits);
  report->type = type;
  _taiou_spool_init (&spool, walk.limits.max_member_bytes);
  _taiou_spool_feed (&spool, data, size);
  _taiou_spool_finish (&spool, TRUE);
  switch (selector)
    {
    case 1:
      _taiou_attachment_check_ole (&walk, report, data, size);
      break;
    case 3:
      _taiou_attachment_check_onenote (&walk, report, data, size);
      break;
    default:
      _taiou_attachment_check_archive (&walk, report, &spool);
      break;
    }
  _taiou_spool_clear (&spool);
  g_clear_error (&walk.error);
}

static void
fuzz_spool (const guint8 *data,
            gsize         size)
{
  TaiouSpool spool;
  const guint8 *view;
  guint64 offset = 0;
  gsize n;

  /* Each input byte pair (count, value) becomes a run, and the limits are small, so elision,
   * materialisation and truncation are all reached with small inputs. */
  _taiou_spool_init (&spool, 16 * 1024);
  spool.run_keep = 512;
  for (gsize i = 0, fed = 0; i + 1 < size && fed < (64 << 10); i += 2)
    {
      guint8 run[1024];
      gsize length = MIN ((gsize) data[i] * 4 + 1, sizeof run);

      memset (run, data[i + 1], length);
      _taiou_spool_feed (&spool, run, length);
      fed += length;
    }
  _taiou_spool_finish (&spool, TRUE);
  while ((n = _taiou_spool_read_at (&spool, offset, &view, 1000)) > 0)
    offset += n;
  g_assert (spool.truncated || offset == spool.size);
  _taiou_spool_clear (&spool);
}

static void
drop_log (const char     *domain,
          GLogLevelFlags  level,
          const char     *message,
          gpointer        user_data)
{
}

int
LLVMFuzzerTestOneInput (const guint8 *data,
                        size_t        size)
{
  static const TaiouAttachmentType archives[] = {
    TAIOU_ATTACHMENT_TYPE_ZIP, TAIOU_ATTACHMENT_TYPE_7Z, TAIOU_ATTACHMENT_TYPE_RAR,
    TAIOU_ATTACHMENT_TYPE_ISO,
  };
  guint selector;

  /* libgsf warns about every damaged OLE file it is given; millions of lines slow the run. */
  g_log_set_default_handler (drop_log, NULL);
  if (size < 1)
    return 0;
  selector = data[0] % 8;
  if (g_getenv ("TAIOU_FUZZ_ONLY") != NULL)
    selector = (guint) g_ascii_strtoull (g_getenv ("TAIOU_FUZZ_ONLY"), NULL, 10) % 8;
  data++;
  size--;

  switch (selector)
    {
    case 0:
      {
        g_autoptr(GBytes) bytes = g_bytes_new_static (data, size);
        g_autoptr(TaiouAttachmentReport) report = NULL;
        g_autoptr(GPtrArray) findings = NULL;
        TaiouAttachmentLimits limits;
        TaiouAttachmentContext context = { "PW: Kx8fPq2Z", NULL, &limits };

        fuzz_limits (&limits);
        report = taiou_attachment_classify_bytes ("請求書.pdf.zip", bytes, &context, NULL, NULL);
        g_assert (report != NULL);
        findings = taiou_attachment_report_collect (report);
        taiou_attachment_report_get_score (report);
        break;
      }
    case 1:
    case 3:
      with_walk (selector, TAIOU_ATTACHMENT_TYPE_OTHER, data, size);
      break;
    case 4:
      with_walk (selector, archives[(data[-1] >> 3) % 4], data, size);
      break;
    case 2:
      {
        g_autoptr(TaiouAttachmentReport) report = _taiou_attachment_report_new ("x.lnk", NULL);

        _taiou_attachment_check_lnk (report, data, size);
        break;
      }
    case 5:
      {
        g_autofree char *line = NULL;
        g_autofree char *password = _taiou_attachment_find_password ((const char *) data, size,
                                                                     &line);

        g_assert ((password == NULL) == (line == NULL));
        break;
      }
    case 6:
      {
        g_autoptr(GPtrArray) sheets = _taiou_biff_boundsheets (data, size);

        for (guint i = 0; i < sheets->len; i++)
          g_assert (g_utf8_validate (((TaiouBiffSheet *) sheets->pdata[i])->name, -1, NULL));
        break;
      }
    default:
      fuzz_spool (data, size);
      break;
    }
  return 0;
}
