/* taiou-finding.c — one thing a rule found, with a score and a reason a non-expert understands
 *
 * Scores follow Loki-RS: each finding scores 0–100, and the findings about one object combine
 * as 100·(1 − ∏(1 − sᵢ/100/2ⁱ)) over the scores sorted highest first, so a second indicator
 * raises the total but never past 100, and each further one counts half as much as the one
 * before.
 */
#define G_LOG_DOMAIN "taiou-finding"

#include "config.h"

#include <math.h>

#include "taiou-event-kinds.h"
#include "taiou-finding.h"

G_DEFINE_BOXED_TYPE (TaiouFinding, taiou_finding, taiou_finding_copy, taiou_finding_free)

TaiouFinding *
taiou_finding_new (const char *rule_id,
                   int         score,
                   const char *object,
                   const char *evidence,
                   const char *reason_ja,
                   const char *reason_en)
{
  TaiouFinding *self;

  g_return_val_if_fail (rule_id != NULL, NULL);
  g_return_val_if_fail (reason_ja != NULL && reason_en != NULL, NULL);

  self = g_new0 (TaiouFinding, 1);
  self->rule_id = g_strdup (rule_id);
  self->score = CLAMP (score, 0, 100);
  self->object = g_strdup (object);
  self->evidence = g_strdup (evidence);
  self->reason_ja = g_strdup (reason_ja);
  self->reason_en = g_strdup (reason_en);
  return self;
}

TaiouFinding *
taiou_finding_copy (const TaiouFinding *self)
{
  TaiouFinding *copy;

  g_return_val_if_fail (self != NULL, NULL);

  copy = taiou_finding_new (self->rule_id, self->score, self->object, self->evidence,
                            self->reason_ja, self->reason_en);
  copy->sha256 = g_strdup (self->sha256);
  copy->evidence_ja = g_strdup (self->evidence_ja);
  copy->hostname = g_strdup (self->hostname);
  return copy;
}

void
taiou_finding_free (TaiouFinding *self)
{
  if (self == NULL)
    return;
  g_free (self->rule_id);
  g_free (self->object);
  g_free (self->evidence);
  g_free (self->reason_ja);
  g_free (self->reason_en);
  g_free (self->sha256);
  g_free (self->evidence_ja);
  g_free (self->hostname);
  g_free (self);
}

TaiouSeverity
taiou_severity_for_score (int score)
{
  if (score >= TAIOU_SCORE_ALERT)
    return TAIOU_SEVERITY_ALERT;
  if (score >= TAIOU_SCORE_WARNING)
    return TAIOU_SEVERITY_WARNING;
  if (score >= TAIOU_SCORE_NOTICE)
    return TAIOU_SEVERITY_NOTICE;
  return TAIOU_SEVERITY_INFO;
}

TaiouSeverity
taiou_finding_get_severity (const TaiouFinding *self)
{
  g_return_val_if_fail (self != NULL, TAIOU_SEVERITY_INFO);
  return taiou_severity_for_score (self->score);
}

/* The level names of Loki-RS's JSON lines. */
const char *
taiou_severity_to_string (TaiouSeverity severity)
{
  switch (severity)
    {
    case TAIOU_SEVERITY_ALERT:
      return "ALERT";
    case TAIOU_SEVERITY_WARNING:
      return "WARNING";
    case TAIOU_SEVERITY_NOTICE:
      return "NOTICE";
    case TAIOU_SEVERITY_INFO:
    default:
      return "INFO";
    }
}

static int
compare_descending (gconstpointer a,
                    gconstpointer b)
{
  return *(const int *) b - *(const int *) a;
}

/**
 * taiou_score_aggregate:
 * @scores: (array length=n_scores): the scores of the findings about one object
 *
 * Returns: the combined score, 0–100, rounded to the nearest whole number
 */
int
taiou_score_aggregate (const int *scores,
                       gsize      n_scores)
{
  g_autofree int *sorted = NULL;
  double remaining = 1.0;

  g_return_val_if_fail (scores != NULL || n_scores == 0, 0);

  /* qsort() must not be handed NULL, even for nothing (UBSan). */
  if (n_scores == 0)
    return 0;
  sorted = g_memdup2 (scores, n_scores * sizeof (int));
  qsort (sorted, n_scores, sizeof (int), compare_descending);
  for (gsize i = 0; i < n_scores && i < 64; i++)
    remaining *= 1.0 - CLAMP (sorted[i], 0, 100) / 100.0 / ldexp (1.0, (int) i);
  return (int) lround (100.0 * (1.0 - remaining));
}

static int
compare_findings (gconstpointer a,
                  gconstpointer b)
{
  const TaiouFinding *fa = *(TaiouFinding * const *) a;
  const TaiouFinding *fb = *(TaiouFinding * const *) b;

  if (fa->score != fb->score)
    return fb->score - fa->score;
  return g_strcmp0 (fa->object, fb->object);
}

/**
 * taiou_findings_sort:
 * @findings: (element-type TaiouFinding): findings
 *
 * Puts the highest score first and, within a score, orders by object, so reports are stable.
 */
void
taiou_findings_sort (GPtrArray *findings)
{
  g_return_if_fail (findings != NULL);

  /* An empty GPtrArray's data may be NULL, which qsort() must not see (UBSan). */
  if (findings->len > 1)
    g_ptr_array_sort (findings, compare_findings);
}

/* Whether the finding's object is a file, so reports can name it as Loki-RS does (file_path).
 * Only findings about a file's bytes carry its SHA-256 (the file scanner's hash matches, every
 * attachment check), and a file-name IOC match names a file whether or not it was hashed (the
 * name is matched before the file is read).  Host findings ("pid 1234 …", a registry value, a
 * connection) and mail findings (a sender, a link) have neither.  EmoCheck findings on a copied
 * Windows volume name a file as that system spells it, not one this host can open, so they
 * keep only object. */
static gboolean
finding_is_about_file (const TaiouFinding *self)
{
  g_assert (self != NULL);

  return self->sha256 != NULL || g_strcmp0 (self->rule_id, "ioc.filename") == 0;
}

static JsonArray *
string_array_new (const char *element)
{
  JsonArray *array = json_array_new ();

  json_array_add_string_element (array, element);
  return array;
}

/**
 * taiou_finding_to_json:
 *
 * The one shape of a finding everywhere: the timeline's event details, taiou-cli's mail report
 * and its scan JSON lines.  The keys follow Loki-RS's JSON lines (level, message, file_path,
 * score, sha256, reasons[]) so its readers need nothing new, plus rule, object, evidence and the
 * Japanese text beside each English one (evidence_ja is evidence again when it has no words to
 * translate).
 *
 * Returns: (transfer full): the finding as the timeline and the reports store it
 */
JsonObject *
taiou_finding_to_json (const TaiouFinding *self)
{
  JsonObject *object = json_object_new ();

  g_return_val_if_fail (self != NULL, object);

  json_object_set_string_member (object, TAIOU_FINDING_KEY_RULE, self->rule_id);
  json_object_set_int_member (object, "score", self->score);
  json_object_set_string_member (object, "level",
                                 taiou_severity_to_string (taiou_finding_get_severity (self)));
  json_object_set_string_member (object, "object", self->object);
  if (finding_is_about_file (self))
    json_object_set_string_member (object, "file_path", self->object);
  if (self->sha256 != NULL)
    json_object_set_string_member (object, "sha256", self->sha256);
  json_object_set_string_member (object, "evidence", self->evidence);
  json_object_set_string_member (object, "evidence_ja", taiou_finding_get_evidence (self, TRUE));
  json_object_set_string_member (object, "message", self->reason_en);
  json_object_set_string_member (object, "message_ja", self->reason_ja);
  /* Loki-RS lists every reason for one file; a Taiou finding is one reason, so one element. */
  json_object_set_array_member (object, "reasons", string_array_new (self->reason_en));
  json_object_set_array_member (object, "reasons_ja", string_array_new (self->reason_ja));
  if (self->hostname != NULL)
    json_object_set_string_member (object, TAIOU_EVENT_DETAIL_SCAN_HOSTNAME, self->hostname);
  return object;
}

/**
 * taiou_findings_add:
 * @findings: (element-type TaiouFinding): where the new finding goes
 *
 * taiou_finding_new() and g_ptr_array_add() in one, as every rule needs.
 */
void
taiou_findings_add (GPtrArray  *findings,
                    const char *rule_id,
                    int         score,
                    const char *object,
                    const char *evidence,
                    const char *reason_ja,
                    const char *reason_en)
{
  g_return_if_fail (findings != NULL);

  g_ptr_array_add (findings, taiou_finding_new (rule_id, score, object, evidence, reason_ja,
                                                reason_en));
}

/**
 * taiou_findings_add_with_evidence_ja:
 * @evidence_ja: (nullable): @evidence in Japanese
 *
 * taiou_findings_add() for a rule whose evidence has words, not only names and numbers, so the
 * app can show it in the user's language.
 */
void
taiou_findings_add_with_evidence_ja (GPtrArray  *findings,
                                     const char *rule_id,
                                     int         score,
                                     const char *object,
                                     const char *evidence,
                                     const char *evidence_ja,
                                     const char *reason_ja,
                                     const char *reason_en)
{
  TaiouFinding *finding;

  g_return_if_fail (findings != NULL);

  finding = taiou_finding_new (rule_id, score, object, evidence, reason_ja, reason_en);
  finding->evidence_ja = g_strdup (evidence_ja);
  g_ptr_array_add (findings, finding);
}

/**
 * taiou_finding_get_evidence:
 * @japanese: whether the reader reads Japanese (taiou_i18n_prefers_japanese())
 *
 * Returns: (nullable): the evidence in Japanese when asked and the rule wrote one, else the
 *   evidence as the rule wrote it
 */
const char *
taiou_finding_get_evidence (const TaiouFinding *self,
                            gboolean            japanese)
{
  g_return_val_if_fail (self != NULL, NULL);

  return japanese && self->evidence_ja != NULL ? self->evidence_ja : self->evidence;
}

/**
 * taiou_findings_score:
 * @findings: (element-type TaiouFinding): findings about one object
 *
 * Returns: their Loki-RS total (taiou_score_aggregate()), 0 for none
 */
int
taiou_findings_score (GPtrArray *findings)
{
  g_autofree int *scores = NULL;

  g_return_val_if_fail (findings != NULL, 0);

  scores = g_new0 (int, MAX (findings->len, 1));
  for (guint i = 0; i < findings->len; i++)
    scores[i] = ((TaiouFinding *) findings->pdata[i])->score;
  return taiou_score_aggregate (scores, findings->len);
}
