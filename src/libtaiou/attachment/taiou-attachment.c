/* taiou-attachment.c — what a mail attachment is and why it is dangerous, without opening it
 *
 * The attachment and everything nested in it (zip members, files embedded in OneNote, the VBA
 * project of an .xlsm) each get a report: type, size, SHA-256 and findings.  Each file is read
 * once through a spool (taiou-attachment-spool.c), then its structure is checked from memory by
 * the magic, LNK, OneNote, office and archive checks.  Nothing is executed, rendered or written
 * to disk, and nothing encrypted is decrypted even when the mail gives the password.  The walk
 * counts members, depth and decompressed bytes and stops at its limits with a finding that
 * says so, so a zip bomb costs a bounded time and memory.
 */
#define G_LOG_DOMAIN "taiou-attachment"

#include "config.h"

#include "taiou-attachment-private.h"
#include "taiou-yara-scan.h"
#include "taiou-file-digest.h"

#define READ_CHUNK (256 * 1024)

G_DEFINE_BOXED_TYPE (TaiouAttachmentReport, taiou_attachment_report,
                     taiou_attachment_report_ref, taiou_attachment_report_unref)

void
taiou_attachment_limits_init (TaiouAttachmentLimits *limits)
{
  g_return_if_fail (limits != NULL);

  limits->max_depth = TAIOU_ATTACHMENT_DEFAULT_MAX_DEPTH;
  limits->max_members = TAIOU_ATTACHMENT_DEFAULT_MAX_MEMBERS;
  limits->max_total_bytes = TAIOU_ATTACHMENT_DEFAULT_MAX_TOTAL_BYTES;
  limits->max_member_bytes = TAIOU_ATTACHMENT_DEFAULT_MAX_MEMBER_BYTES;
  limits->padding_run_bytes = TAIOU_ATTACHMENT_DEFAULT_PADDING_RUN_BYTES;
}

const char *
taiou_attachment_type_to_string (TaiouAttachmentType type)
{
  switch (type)
    {
    case TAIOU_ATTACHMENT_TYPE_PE: return "pe";
    case TAIOU_ATTACHMENT_TYPE_SCRIPT: return "script";
    case TAIOU_ATTACHMENT_TYPE_LNK: return "lnk";
    case TAIOU_ATTACHMENT_TYPE_ONENOTE: return "onenote";
    case TAIOU_ATTACHMENT_TYPE_OLE_OFFICE: return "ole-office";
    case TAIOU_ATTACHMENT_TYPE_OOXML_OFFICE: return "ooxml-office";
    case TAIOU_ATTACHMENT_TYPE_ZIP: return "zip";
    case TAIOU_ATTACHMENT_TYPE_7Z: return "7z";
    case TAIOU_ATTACHMENT_TYPE_RAR: return "rar";
    case TAIOU_ATTACHMENT_TYPE_ISO: return "iso";
    case TAIOU_ATTACHMENT_TYPE_IMG: return "img";
    case TAIOU_ATTACHMENT_TYPE_PDF: return "pdf";
    case TAIOU_ATTACHMENT_TYPE_OTHER:
    default:
      return "other";
    }
}

/* Reports */

TaiouAttachmentReport *
_taiou_attachment_report_new (const char            *name,
                              TaiouAttachmentReport *parent)
{
  TaiouAttachmentReport *report = g_new0 (TaiouAttachmentReport, 1);

  g_atomic_ref_count_init (&report->ref_count);
  report->name = g_strdup (name != NULL ? name : "");
  if (parent != NULL)
    {
      report->path = g_strconcat (parent->path, "/", report->name, NULL);
      report->depth = parent->depth + 1;
    }
  else
    report->path = g_strdup (report->name);
  report->findings = g_ptr_array_new_with_free_func ((GDestroyNotify) taiou_finding_free);
  report->members = g_ptr_array_new_with_free_func ((GDestroyNotify) taiou_attachment_report_unref);
  return report;
}

TaiouAttachmentReport *
taiou_attachment_report_ref (TaiouAttachmentReport *report)
{
  g_return_val_if_fail (report != NULL, NULL);

  g_atomic_ref_count_inc (&report->ref_count);
  return report;
}

void
taiou_attachment_report_unref (TaiouAttachmentReport *report)
{
  if (report == NULL || !g_atomic_ref_count_dec (&report->ref_count))
    return;
  g_free (report->name);
  g_free (report->path);
  g_free (report->sha256);
  g_ptr_array_unref (report->findings);
  g_ptr_array_unref (report->members);
  g_free (report);
}

static void
collect (TaiouAttachmentReport *report,
         GPtrArray             *into)
{
  for (guint i = 0; i < report->findings->len; i++)
    g_ptr_array_add (into, taiou_finding_copy (report->findings->pdata[i]));
  for (guint i = 0; i < report->members->len; i++)
    collect (report->members->pdata[i], into);
}

/* Every finding of the attachment and its members, highest score first (copies). */
GPtrArray *
taiou_attachment_report_collect (TaiouAttachmentReport *report)
{
  GPtrArray *findings;

  g_return_val_if_fail (report != NULL, NULL);

  findings = g_ptr_array_new_with_free_func ((GDestroyNotify) taiou_finding_free);
  collect (report, findings);
  taiou_findings_sort (findings);
  return findings;
}

/* The Loki-RS total over every finding in the tree: what the attachment as a whole scores. */
int
taiou_attachment_report_get_score (TaiouAttachmentReport *report)
{
  g_autoptr(GPtrArray) findings = NULL;

  g_return_val_if_fail (report != NULL, 0);

  findings = taiou_attachment_report_collect (report);
  return taiou_findings_score (findings);
}

/* The report of the file at path ("a.zip/b.doc"), or NULL; the report keeps its reference. */
TaiouAttachmentReport *
taiou_attachment_report_find (TaiouAttachmentReport *report,
                              const char            *path)
{
  g_return_val_if_fail (report != NULL, NULL);
  g_return_val_if_fail (path != NULL, NULL);

  if (g_strcmp0 (report->path, path) == 0)
    return report;
  for (guint i = 0; i < report->members->len; i++)
    {
      TaiouAttachmentReport *found = taiou_attachment_report_find (report->members->pdata[i], path);

      if (found != NULL)
        return found;
    }
  return NULL;
}

void
_taiou_attachment_add_finding (TaiouAttachmentReport *report,
                               const char            *rule_id,
                               int                    score,
                               const char            *evidence,
                               const char            *reason_ja,
                               const char            *reason_en)
{
  TaiouFinding *finding;

  g_assert (report != NULL);

  finding = taiou_finding_new (rule_id, score, report->path, evidence, reason_ja, reason_en);
  finding->sha256 = g_strdup (report->sha256);
  g_ptr_array_add (report->findings, finding);
}

gboolean
_taiou_attachment_has_finding (TaiouAttachmentReport *report,
                               const char            *rule_id)
{
  g_assert (report != NULL);

  for (guint i = 0; i < report->findings->len; i++)
    if (g_strcmp0 (((TaiouFinding *) report->findings->pdata[i])->rule_id, rule_id) == 0)
      return TRUE;
  return FALSE;
}

/* The walk and its limits */

void
_taiou_attachment_too_large (TaiouAttachmentWalk   *walk,
                             TaiouAttachmentReport *report,
                             const char            *evidence)
{
  g_assert (report != NULL);

  if (_taiou_attachment_has_finding (report, "attachment.too-large-to-inspect"))
    return;
  _taiou_attachment_add_finding (report, "attachment.too-large-to-inspect", 60, evidence,
                                 "ファイルが大きすぎるか、圧縮ファイルが何重にも重ねられているため、中身を"
                                 "最後まで確認できませんでした。検査を逃れるために攻撃者がよく使う手口です。"
                                 "開かずに担当者に相談してください。",
                                 "The file is too large or nested too deeply to inspect completely, a "
                                 "common trick to evade scanners. Do not open it; ask your IT contact.");
}

gboolean
_taiou_attachment_walk_continue (TaiouAttachmentWalk *walk)
{
  g_assert (walk != NULL);

  if (walk->halted || walk->error != NULL)
    return FALSE;
  if (g_cancellable_set_error_if_cancelled (walk->cancellable, &walk->error))
    return FALSE;
  return TRUE;
}

/* Called before each nested file is read: FALSE (and the walk stops) past max_members. */
gboolean
_taiou_attachment_enter_member (TaiouAttachmentWalk   *walk,
                                TaiouAttachmentReport *parent)
{
  g_autofree char *evidence = NULL;

  g_assert (walk != NULL);

  if (!_taiou_attachment_walk_continue (walk))
    return FALSE;
  if (walk->n_members < walk->limits.max_members)
    {
      walk->n_members++;
      return TRUE;
    }
  evidence = g_strdup_printf ("more than %u nested files", walk->limits.max_members);
  _taiou_attachment_too_large (walk, parent, evidence);
  walk->halted = TRUE;
  return FALSE;
}

/* Counts decompressed bytes before they are read: FALSE (and the walk stops) past the limit. */
gboolean
_taiou_attachment_spend (TaiouAttachmentWalk   *walk,
                         TaiouAttachmentReport *report,
                         gsize                  n_bytes)
{
  g_autofree char *evidence = NULL;

  g_assert (walk != NULL);

  if (!_taiou_attachment_walk_continue (walk))
    return FALSE;
  if (walk->total_bytes + n_bytes <= walk->limits.max_total_bytes)
    {
      walk->total_bytes += n_bytes;
      return TRUE;
    }
  evidence = g_strdup_printf ("more than %" G_GUINT64_FORMAT " bytes once decompressed",
                              walk->limits.max_total_bytes);
  _taiou_attachment_too_large (walk, report, evidence);
  walk->halted = TRUE;
  return FALSE;
}

static void
check_iocs (TaiouAttachmentWalk   *walk,
            TaiouAttachmentReport *report,
            TaiouSpool            *spool)
{
  TaiouIocSet *iocs = walk->context != NULL ? walk->context->iocs : NULL;
  TaiouIocMatch match;
  g_autoptr(GArray) names = NULL;

  if (iocs == NULL)
    return;

  if (report->sha256 != NULL &&
      taiou_ioc_set_lookup_digest (iocs, spool->sha256, sizeof spool->sha256, &match) &&
      !taiou_ioc_set_is_false_positive (iocs, report->sha256))
    {
      g_autofree char *evidence = g_strdup_printf ("sha256:%s — %s", report->sha256,
                                                   match.description);
      g_autofree char *reason_ja = g_strdup_printf ("既知の不正なファイルと一致しました（%s）。"
                                                    "このファイルは開かないでください。",
                                                    match.description);
      g_autofree char *reason_en = g_strdup_printf ("This file matches known malware (%s). "
                                                    "Do not open it.", match.description);

      _taiou_attachment_add_finding (report, "ioc.sha256", match.score, evidence,
                                     reason_ja, reason_en);
    }

  if (report->name[0] == '\0')
    return;
  names = taiou_ioc_set_match_file_name (iocs, report->name);
  for (guint i = 0; names != NULL && i < names->len; i++)
    {
      const TaiouIocMatch *m = &g_array_index (names, TaiouIocMatch, i);
      g_autofree char *reason_ja = g_strdup_printf ("ファイル名が、不正なプログラムによく見られる特徴と"
                                                    "一致しました（%s）。", m->description);
      g_autofree char *reason_en = g_strdup_printf ("The file name matches a pattern typical of "
                                                    "malware (%s).", m->description);

      _taiou_attachment_add_finding (report, "ioc.filename", m->score, m->description,
                                     reason_ja, reason_en);
    }
}

/* 2023 wave: Word documents and programs padded with zeros past antivirus size caps. */
static void
check_padding (TaiouAttachmentWalk   *walk,
               TaiouAttachmentReport *report,
               TaiouSpool            *spool)
{
  g_autofree char *evidence = NULL;

  if (spool->longest_len < walk->limits.padding_run_bytes || spool->longest_len == 0)
    return;
  evidence = g_strdup_printf ("%" G_GUINT64_FORMAT " bytes of 0x%02x from offset %"
                              G_GUINT64_FORMAT " in %" G_GUINT64_FORMAT " bytes read%s",
                              spool->longest_len, spool->longest_byte, spool->longest_start,
                              spool->size, spool->complete ? "" : " (reading stopped at a limit)");
  _taiou_attachment_add_finding (report, "attachment.padded", 70, evidence,
                                 "ファイルの大部分が同じ値（ゼロなど）の詰め物で水増しされています。"
                                 "ウイルス対策ソフトの検査を逃れるために攻撃者が使う手口です。開かないでください。",
                                 "Most of the file is filler (one repeated byte, such as zeros) that "
                                 "inflates its size, a trick attackers use to slip past antivirus size "
                                 "limits. Do not open it.");
}

/* The scan's YARA rules (taiou-yara-scan.c) on the bytes the spool kept: the whole file, or its
 * head and true size when it was too large to keep, which is what the padded-file rules need. */
static void
check_yara (TaiouAttachmentWalk   *walk,
            TaiouAttachmentReport *report,
            TaiouSpool            *spool)
{
  TaiouYaraRules *rules = walk->context != NULL ? walk->context->yara : NULL;
  g_autoptr(TaiouYaraScanner) scanner = NULL;
  g_autoptr(GError) error = NULL;
  const guint8 *data;
  gsize length;

  if (rules == NULL || taiou_yara_rules_get_n_rules (rules) == 0)
    return;
  if ((data = _taiou_spool_get_data (spool, &length)) == NULL)
    {
      data = spool->head;
      length = spool->head_len;
    }
  if ((scanner = taiou_yara_scanner_new (rules, 0, &error)) == NULL ||
      !taiou_yara_scanner_scan (scanner, report->path, data, length, spool->size, report->sha256,
                                report->findings, &error))
    _taiou_attachment_add_finding (report, "attachment.yara-incomplete", 40, error->message,
                                   "YARA ルールによる検査を最後まで行えませんでした。",
                                   "The YARA rules could not finish checking this file.");
}

static gboolean
is_container (TaiouAttachmentType type)
{
  switch (type)
    {
    case TAIOU_ATTACHMENT_TYPE_ONENOTE:
    case TAIOU_ATTACHMENT_TYPE_OLE_OFFICE:
    case TAIOU_ATTACHMENT_TYPE_OOXML_OFFICE:
    case TAIOU_ATTACHMENT_TYPE_ZIP:
    case TAIOU_ATTACHMENT_TYPE_7Z:
    case TAIOU_ATTACHMENT_TYPE_RAR:
    case TAIOU_ATTACHMENT_TYPE_ISO:
      return TRUE;
    default:
      return FALSE;
    }
}

/* Everything about one file once it has been read through its spool. */
void
_taiou_attachment_inspect (TaiouAttachmentWalk   *walk,
                           TaiouAttachmentReport *report,
                           TaiouSpool            *spool)
{
  const guint8 *data;
  gsize length;

  g_assert (walk != NULL);
  g_assert (report != NULL);
  g_assert (spool != NULL);

  report->size = spool->size;
  report->complete = spool->complete;
  if (spool->complete)
    report->sha256 = taiou_digest_to_hex (spool->sha256, sizeof spool->sha256);
  report->type = _taiou_attachment_detect_type (report->unnamed ? NULL : report->name,
                                                spool->head, spool->head_len);

  _taiou_attachment_check_name (report);
  _taiou_attachment_check_type (report, spool);
  check_iocs (walk, report, spool);
  check_padding (walk, report, spool);
  check_yara (walk, report, spool);

  data = _taiou_spool_get_data (spool, &length);
  if (report->type == TAIOU_ATTACHMENT_TYPE_LNK)
    {
      /* A shortcut's strings are near its start; the head suffices if the rest was not kept. */
      if (data != NULL)
        _taiou_attachment_check_lnk (report, data, length);
      else
        _taiou_attachment_check_lnk (report, spool->head, spool->head_len);
      return;
    }
  if (!is_container (report->type) || !_taiou_attachment_walk_continue (walk))
    return;

  if (data == NULL)
    {
      g_autofree char *evidence = g_strdup_printf ("%s content larger than %" G_GUINT64_FORMAT
                                                   " bytes in memory",
                                                   taiou_attachment_type_to_string (report->type),
                                                   walk->limits.max_member_bytes);

      _taiou_attachment_too_large (walk, report, evidence);
      return;
    }
  if (report->depth >= walk->limits.max_depth)
    {
      g_autofree char *evidence = g_strdup_printf ("nested more than %u levels deep",
                                                   walk->limits.max_depth);

      _taiou_attachment_too_large (walk, report, evidence);
      return;
    }

  switch (report->type)
    {
    case TAIOU_ATTACHMENT_TYPE_ONENOTE:
      _taiou_attachment_check_onenote (walk, report, data, length);
      break;
    case TAIOU_ATTACHMENT_TYPE_OLE_OFFICE:
      _taiou_attachment_check_ole (walk, report, data, length);
      break;
    default:
      _taiou_attachment_check_archive (walk, report, spool);
      break;
    }
}

/* A nested file that already sits in memory (a blob embedded in a OneNote section); named is
 * FALSE when the caller made the name up, so only content can tell what it is. */
TaiouAttachmentReport *
_taiou_attachment_inspect_slice (TaiouAttachmentWalk   *walk,
                                 TaiouAttachmentReport *parent,
                                 const char            *name,
                                 gboolean               named,
                                 const guint8          *data,
                                 gsize                  length)
{
  TaiouAttachmentReport *child;
  TaiouSpool spool;
  gsize pos = 0;

  g_assert (walk != NULL);
  g_assert (parent != NULL);

  if (!_taiou_attachment_enter_member (walk, parent))
    return NULL;

  child = _taiou_attachment_report_new (name, parent);
  child->unnamed = !named;
  g_ptr_array_add (parent->members, child);
  _taiou_spool_init (&spool, walk->limits.max_member_bytes);
  while (pos < length)
    {
      gsize n = MIN (length - pos, READ_CHUNK);

      if (!_taiou_attachment_spend (walk, child, n))
        break;
      _taiou_spool_feed (&spool, data + pos, n);
      pos += n;
    }
  _taiou_spool_finish (&spool, pos == length);
  _taiou_attachment_inspect (walk, child, &spool);
  _taiou_spool_clear (&spool);
  return child;
}

/* Public entry points */

/**
 * taiou_attachment_classify_stream:
 * @file_name: the attachment's name as the mail gives it (checked for disguises)
 * @stream: its decoded content, read once to the end; need not be seekable
 * @context: (nullable): the mail body, IOCs and limits
 *
 * Reads the attachment in bounded memory whatever its size.  Fails only when @stream cannot
 * be read or @cancellable fires; content that is damaged, hostile or too large is described
 * by findings instead.
 *
 * Returns: (transfer full): the report of the attachment and everything nested in it
 */
TaiouAttachmentReport *
taiou_attachment_classify_stream (const char                    *file_name,
                                  GInputStream                  *stream,
                                  const TaiouAttachmentContext  *context,
                                  GCancellable                  *cancellable,
                                  GError                       **error)
{
  g_autoptr(TaiouAttachmentReport) report = NULL;
  g_autofree guint8 *buffer = NULL;
  TaiouAttachmentWalk walk = { 0 };
  TaiouSpool spool;

  g_return_val_if_fail (file_name != NULL, NULL);
  g_return_val_if_fail (G_IS_INPUT_STREAM (stream), NULL);
  g_return_val_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  walk.context = context;
  walk.cancellable = cancellable;
  if (context != NULL && context->limits != NULL)
    walk.limits = *context->limits;
  else
    taiou_attachment_limits_init (&walk.limits);

  report = _taiou_attachment_report_new (file_name, NULL);
  buffer = g_malloc (READ_CHUNK);
  _taiou_spool_init (&spool, walk.limits.max_member_bytes);
  for (;;)
    {
      gssize n;

      /* Memory streams never look at the cancellable themselves. */
      if (g_cancellable_set_error_if_cancelled (cancellable, &walk.error))
        break;
      n = g_input_stream_read (stream, buffer, READ_CHUNK, cancellable, &walk.error);
      if (n < 0)
        {
          g_prefix_error (&walk.error, "Cannot read the attachment “%s”: ", file_name);
          break;
        }
      if (n == 0)
        break;
      _taiou_spool_feed (&spool, buffer, (gsize) n);
    }
  _taiou_spool_finish (&spool, walk.error == NULL);
  if (walk.error == NULL)
    _taiou_attachment_inspect (&walk, report, &spool);
  _taiou_spool_clear (&spool);

  if (walk.error != NULL)
    {
      g_propagate_error (error, walk.error);
      return NULL;
    }
  return g_steal_pointer (&report);
}

/**
 * taiou_attachment_classify_bytes:
 *
 * taiou_attachment_classify_stream() for an attachment already in memory.
 */
TaiouAttachmentReport *
taiou_attachment_classify_bytes (const char                    *file_name,
                                 GBytes                        *bytes,
                                 const TaiouAttachmentContext  *context,
                                 GCancellable                  *cancellable,
                                 GError                       **error)
{
  g_autoptr(GInputStream) stream = NULL;

  g_return_val_if_fail (file_name != NULL, NULL);
  g_return_val_if_fail (bytes != NULL, NULL);

  stream = g_memory_input_stream_new_from_bytes (bytes);
  return taiou_attachment_classify_stream (file_name, stream, context, cancellable, error);
}
