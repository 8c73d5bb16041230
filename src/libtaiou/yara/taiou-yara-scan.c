/* taiou-yara-scan.c — one thread's YARA scanner: bytes already read in, findings out
 *
 * The file scanner reads each file once, hashes those bytes and hands the same bytes here
 * (taiou-scanner.c); the mail triage does the same with each attachment.  A match becomes a
 * TaiouFinding scored as Loki-RS scores it — the rule's `score` meta, else 70 — and explained
 * in plain Japanese by the rule's `description_ja` meta, else by a sentence naming the rule.
 * libyara's YR_SCANNER is not thread-safe, so each thread has its own over the shared rules.
 */
#define G_LOG_DOMAIN "taiou-yara"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "taiou-finding.h"
#include "taiou-yara-private.h"
#include "taiou-yara-scan.h"

/* Matched strings named in a finding's evidence; a rule may match thousands. */
#define MAX_EVIDENCE_STRINGS 5

struct _TaiouYaraScanner
{
  TaiouYaraRules *rules;
  YR_SCANNER     *scanner;

  /* The scan under way, for the callback. */
  const char     *object;
  const char     *sha256;
  GPtrArray      *findings;
};

/* The bytes of a file larger than was kept: its head, and its real size for `filesize`. */
typedef struct
{
  YR_MEMORY_BLOCK          block;
  YR_MEMORY_BLOCK_ITERATOR iterator;
  guint64                  file_size;
} HeadIterator;

static const uint8_t *
head_fetch_data (YR_MEMORY_BLOCK *block)
{
  return block->context;
}

static YR_MEMORY_BLOCK *
head_first (YR_MEMORY_BLOCK_ITERATOR *iterator)
{
  HeadIterator *head = iterator->context;

  iterator->last_error = ERROR_SUCCESS;
  return &head->block;
}

static YR_MEMORY_BLOCK *
head_next (YR_MEMORY_BLOCK_ITERATOR *iterator)
{
  iterator->last_error = ERROR_SUCCESS;
  return NULL;
}

static uint64_t
head_file_size (YR_MEMORY_BLOCK_ITERATOR *iterator)
{
  HeadIterator *head = iterator->context;

  return head->file_size;
}

static int
meta_score (const YR_RULE *rule)
{
  const YR_META *meta;

  yr_rule_metas_foreach (rule, meta)
    {
      guint64 value;

      if (strcmp (meta->identifier, "score") != 0)
        continue;
      if (meta->type == META_TYPE_INTEGER)
        return (int) CLAMP (meta->integer, 0, 100);
      /* Some rule sets write the score as a string: score = "75". */
      if (meta->type == META_TYPE_STRING &&
          g_ascii_string_to_unsigned (meta->string, 10, 0, 100, &value, NULL))
        return (int) value;
    }
  return TAIOU_YARA_DEFAULT_SCORE;
}

static const char *
meta_string (const YR_RULE *rule,
             const char    *identifier)
{
  const YR_META *meta;

  yr_rule_metas_foreach (rule, meta)
    if (meta->type == META_TYPE_STRING && strcmp (meta->identifier, identifier) == 0 &&
        g_utf8_validate (meta->string, -1, NULL) && meta->string[0] != '\0')
      return meta->string;
  return NULL;
}

/* "rule Name in taiou-droppers.yar: $lnk at 0x0, $ps at 0x1a2" — what the IT manager checks. */
static char *
describe_match (TaiouYaraScanner *self,
                YR_SCAN_CONTEXT  *context,
                const YR_RULE    *rule)
{
  GString *evidence = g_string_new (NULL);
  const char *source = _taiou_yara_rules_get_source (self->rules, rule->ns->name);
  const YR_STRING *string;
  guint n_named = 0;

  g_string_append_printf (evidence, "YARA rule %s", rule->identifier);
  if (source != NULL)
    {
      g_autofree char *base = g_path_get_basename (source);
      g_string_append_printf (evidence, " in %s", base);
    }
  yr_rule_strings_foreach (rule, string)
    {
      /* libyara 4.2 packs matches in its notebook without aligning them, so each is copied out
       * before it is read (UBSan, fuzz-yara-rules); yr_string_matches_foreach reads in place. */
      gconstpointer next = context->matches[string->idx].head;

      while (next != NULL && n_named < MAX_EVIDENCE_STRINGS)
        {
          YR_MATCH match;

          memcpy (&match, next, sizeof match);
          next = match.next;
          if (match.is_private)
            continue;
          g_string_append_printf (evidence, "%s %s at 0x%" G_GINT64_MODIFIER "x",
                                  n_named == 0 ? ":" : ",", string->identifier,
                                  (gint64) (match.base + match.offset));
          n_named++;
          break;
        }
    }
  return g_string_free (evidence, FALSE);
}

static void
add_match (TaiouYaraScanner *self,
           YR_SCAN_CONTEXT  *context,
           const YR_RULE    *rule)
{
  g_autofree char *rule_id = g_strconcat ("yara.", rule->identifier, NULL);
  g_autofree char *evidence = describe_match (self, context, rule);
  g_autofree char *reason_ja = NULL;
  g_autofree char *reason_en = NULL;
  const char *description_ja = meta_string (rule, "description_ja");
  const char *description = meta_string (rule, "description");
  TaiouFinding *finding;

  if (description_ja != NULL)
    reason_ja = g_strdup_printf ("%sこのファイルは開かないでください。", description_ja);
  else
    reason_ja = g_strdup_printf ("不正なファイルの特徴を記した YARA ルール「%s」に一致しました。"
                                 "このファイルは開かないでください。", rule->identifier);
  if (description != NULL)
    reason_en = g_strdup_printf ("%s Do not open this file.", description);
  else
    reason_en = g_strdup_printf ("The file matches the YARA rule \"%s\", which describes "
                                 "malware. Do not open it.", rule->identifier);

  finding = taiou_finding_new (rule_id, meta_score (rule), self->object, evidence, reason_ja,
                               reason_en);
  finding->sha256 = g_strdup (self->sha256);
  g_ptr_array_add (self->findings, finding);
}

static int
scan_cb (YR_SCAN_CONTEXT *context,
         int              message,
         void            *message_data,
         void            *user_data)
{
  if (message == CALLBACK_MSG_RULE_MATCHING)
    add_match (user_data, context, message_data);
  /* Modules are used as compiled; console.log output and too many matches are not findings. */
  return CALLBACK_CONTINUE;
}

/**
 * taiou_yara_scanner_new:
 * @timeout_seconds: how long one file may take; 0 for TAIOU_YARA_DEFAULT_TIMEOUT
 *
 * Returns: (transfer full): a scanner for one thread, or NULL when libyara runs out of memory
 */
TaiouYaraScanner *
taiou_yara_scanner_new (TaiouYaraRules  *rules,
                        guint            timeout_seconds,
                        GError         **error)
{
  g_autoptr(TaiouYaraScanner) self = g_new0 (TaiouYaraScanner, 1);

  g_return_val_if_fail (TAIOU_IS_YARA_RULES (rules), NULL);

  self->rules = g_object_ref (rules);
  /* No rule at all: nothing to create, and every scan matches nothing. */
  if (_taiou_yara_rules_get (rules) == NULL)
    return g_steal_pointer (&self);
  _taiou_yara_initialize ();
  if (yr_scanner_create (_taiou_yara_rules_get (rules), &self->scanner) != ERROR_SUCCESS)
    {
      g_set_error_literal (error, TAIOU_YARA_ERROR, TAIOU_YARA_ERROR_FAILED,
                           "libyara could not create a scanner\n"
                           "YARA の検査を準備できませんでした。");
      return NULL;
    }
  yr_scanner_set_callback (self->scanner, scan_cb, self);
  yr_scanner_set_timeout (self->scanner,
                          timeout_seconds > 0 ? (int) timeout_seconds : TAIOU_YARA_DEFAULT_TIMEOUT);
  yr_scanner_set_flags (self->scanner, SCAN_FLAGS_REPORT_RULES_MATCHING);
  return g_steal_pointer (&self);
}

void
taiou_yara_scanner_free (TaiouYaraScanner *self)
{
  if (self == NULL)
    return;
  g_clear_pointer (&self->scanner, yr_scanner_destroy);
  g_clear_object (&self->rules);
  g_free (self);
}

/* Loki's and THOR's rules name the file with these variables. */
static void
define_file_variables (TaiouYaraScanner *self,
                       const char       *object)
{
  g_autofree char *name = g_path_get_basename (object);
  g_autofree char *folder = g_path_get_dirname (object);
  const char *dot = strrchr (name, '.');
  g_autofree char *extension = g_ascii_strdown (dot != NULL ? dot : "", -1);

  yr_scanner_define_string_variable (self->scanner, _TAIOU_YARA_EXTERNAL_FILENAME, name);
  yr_scanner_define_string_variable (self->scanner, _TAIOU_YARA_EXTERNAL_FILEPATH, folder);
  yr_scanner_define_string_variable (self->scanner, _TAIOU_YARA_EXTERNAL_EXTENSION, extension);
}

/**
 * taiou_yara_scanner_scan:
 * @object: what the findings are about: the file's path, or "mail.eml/請求書.zip/a.doc"
 * @data: the file's bytes, all of them or (@length < @file_size) its first @length
 * @file_size: the file's real size, which rules see as `filesize`
 * @sha256: (nullable): the file's SHA-256 in hex, copied into each finding
 * @findings: where a finding per matching rule is added
 *
 * Returns: %FALSE with @error set when the rules took longer than the timeout
 *   (%G_IO_ERROR_TIMED_OUT) or libyara failed; findings may still have been added
 */
gboolean
taiou_yara_scanner_scan (TaiouYaraScanner *self,
                         const char       *object,
                         const guint8     *data,
                         gsize             length,
                         guint64           file_size,
                         const char       *sha256,
                         GPtrArray        *findings,
                         GError          **error)
{
  static const guint8 empty[1] = { 0 };
  int status;

  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (object != NULL, FALSE);
  g_return_val_if_fail (data != NULL || length == 0, FALSE);
  g_return_val_if_fail (findings != NULL, FALSE);

  if (self->scanner == NULL)
    return TRUE;
  self->object = object;
  self->sha256 = sha256;
  self->findings = findings;
  define_file_variables (self, object);
  if (data == NULL)
    data = empty;

  if ((guint64) length >= file_size)
    status = yr_scanner_scan_mem (self->scanner, data, length);
  else
    {
      HeadIterator head = { { 0 } };

      head.block.base = 0;
      head.block.size = length;
      head.block.context = (void *) data;
      head.block.fetch_data = head_fetch_data;
      head.file_size = file_size;
      head.iterator.context = &head;
      head.iterator.first = head_first;
      head.iterator.next = head_next;
      head.iterator.file_size = head_file_size;
      status = yr_scanner_scan_mem_blocks (self->scanner, &head.iterator);
    }
  self->object = NULL;
  self->sha256 = NULL;
  self->findings = NULL;

  if (status == ERROR_SUCCESS)
    return TRUE;
  if (status == ERROR_SCAN_TIMEOUT)
    g_set_error (error, G_IO_ERROR, G_IO_ERROR_TIMED_OUT,
                 _("%s: the YARA rules took too long on this file"), object);
  else
    g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED,
                 _("%s: the YARA scan failed (libyara error %d)"), object, status);
  return FALSE;
}
