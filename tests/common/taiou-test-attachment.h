/* taiou-test-attachment.h — helpers of the attachment tests: classify and look findings up */
#pragma once

#include "taiou.h"

G_BEGIN_DECLS

static inline TaiouAttachmentReport *
classify_full (const char                  *name,
               GBytes                      *bytes,
               const char                  *body,
               const TaiouAttachmentLimits *limits,
               TaiouIocSet                 *iocs)
{
  g_autoptr(GError) error = NULL;
  TaiouAttachmentContext context = { body, iocs, limits };
  TaiouAttachmentReport *report;

  report = taiou_attachment_classify_bytes (name, bytes, &context, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (report);
  return report;
}

static inline TaiouAttachmentReport *
classify (const char *name,
          GBytes     *bytes)
{
  return classify_full (name, bytes, NULL, NULL, NULL);
}

/* The finding with rule_id about the file at path (NULL: the attachment itself). */
static inline TaiouFinding *
finding_at (TaiouAttachmentReport *report,
            const char            *path,
            const char            *rule_id)
{
  TaiouAttachmentReport *at = path != NULL ? taiou_attachment_report_find (report, path) : report;

  g_assert_nonnull (at);
  for (guint i = 0; i < at->findings->len; i++)
    {
      TaiouFinding *finding = at->findings->pdata[i];

      if (g_strcmp0 (finding->rule_id, rule_id) == 0)
        {
          g_assert_cmpstr (finding->object, ==, at->path);
          return finding;
        }
    }
  return NULL;
}

static inline gboolean
anywhere (TaiouAttachmentReport *report,
          const char            *rule_id)
{
  g_autoptr(GPtrArray) findings = taiou_attachment_report_collect (report);

  for (guint i = 0; i < findings->len; i++)
    if (g_strcmp0 (((TaiouFinding *) findings->pdata[i])->rule_id, rule_id) == 0)
      return TRUE;
  return FALSE;
}

static inline char *
sha256_hex (GBytes *bytes)
{
  return g_compute_checksum_for_bytes (G_CHECKSUM_SHA256, bytes);
}

G_END_DECLS
