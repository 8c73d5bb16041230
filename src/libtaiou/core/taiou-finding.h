/* taiou-finding.h — one thing a rule found, with a score and a reason a non-expert understands */
#pragma once

#include <glib-object.h>
#include <json-glib/json-glib.h>

G_BEGIN_DECLS

/* Loki-RS's levels: 80 alert, 60 warning, 40 notice. */
typedef enum
{
  TAIOU_SEVERITY_INFO,
  TAIOU_SEVERITY_NOTICE,
  TAIOU_SEVERITY_WARNING,
  TAIOU_SEVERITY_ALERT,
} TaiouSeverity;

#define TAIOU_SCORE_NOTICE  40
#define TAIOU_SCORE_WARNING 60
#define TAIOU_SCORE_ALERT   80

#define TAIOU_TYPE_FINDING (taiou_finding_get_type ())

typedef struct
{
  char *rule_id;    /* e.g. "emocheck.v1-volume-serial-name" or "ioc.sha256" */
  int   score;      /* 0–100 */
  char *object;     /* what it is about: a path, "pid 1234", a registry value */
  char *evidence;   /* the facts that triggered it, for the IT manager */
  char *reason_ja;  /* plain Japanese for the office worker */
  char *reason_en;  /* the same in English */
  char *sha256;     /* the file's SHA-256 in hex, when it was computed; else NULL */
  char *evidence_ja; /* evidence in Japanese, when its English has words to translate; NULL
                        when evidence is only names, paths and numbers */
  char *hostname;   /* the computer it is about when that is not this one (a Windows volume
                       read from Linux names its own computer); NULL for this computer */
} TaiouFinding;

GType          taiou_finding_get_type      (void) G_GNUC_CONST;
TaiouFinding  *taiou_finding_new           (const char          *rule_id,
                                            int                  score,
                                            const char          *object,
                                            const char          *evidence,
                                            const char          *reason_ja,
                                            const char          *reason_en);
TaiouFinding  *taiou_finding_copy          (const TaiouFinding  *self);
void           taiou_finding_free          (TaiouFinding        *self);
TaiouSeverity  taiou_finding_get_severity  (const TaiouFinding  *self);

TaiouSeverity  taiou_severity_for_score    (int                  score);
const char    *taiou_severity_to_string    (TaiouSeverity        severity);
int            taiou_score_aggregate       (const int           *scores,
                                            gsize                n_scores);
JsonObject    *taiou_finding_to_json       (const TaiouFinding  *self);

void           taiou_findings_add          (GPtrArray           *findings,
                                            const char          *rule_id,
                                            int                  score,
                                            const char          *object,
                                            const char          *evidence,
                                            const char          *reason_ja,
                                            const char          *reason_en);
void           taiou_findings_add_with_evidence_ja (GPtrArray  *findings,
                                                    const char *rule_id,
                                                    int         score,
                                                    const char *object,
                                                    const char *evidence,
                                                    const char *evidence_ja,
                                                    const char *reason_ja,
                                                    const char *reason_en);
const char    *taiou_finding_get_evidence  (const TaiouFinding  *self,
                                            gboolean             japanese);
void           taiou_findings_sort         (GPtrArray           *findings);
int            taiou_findings_score        (GPtrArray           *findings);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (TaiouFinding, taiou_finding_free)

G_END_DECLS
