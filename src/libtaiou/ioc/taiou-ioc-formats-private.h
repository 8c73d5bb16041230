/* taiou-ioc-formats-private.h — what the line and the JSON readers share */
#pragma once

#include "taiou-ioc-set-private.h"

G_BEGIN_DECLS

/* Line formats are read this much at a time. */
#define READ_CHUNK_SIZE (1024 * 1024)

/* abuse.ch lists mark entries that are still active; those weigh more. */
#define SCORE_ONLINE  100
#define SCORE_OFFLINE 75

typedef struct
{
  TaiouIocSet        *set;
  TaiouIocLoadReport *report;
  const char         *name;             /* the file's base name, for problems */
  gboolean            false_positives;  /* a Loki "falsepositive" hash list */
  char               *comment;          /* the last "# comment" (Loki file-name IOCs) */
  int                 columns[4];       /* MalwareBazaar: sha256, md5, sha1, signature */
  const char * const *families;         /* MalwareBazaar: keep only these signatures (NULL: all) */

  /* Line splitting, shared by files and in-memory data. */
  GString            *partial;
  guint               line_number;
  gboolean            skipping;         /* inside a line that is too long */

  /* A part of a parallel load (taiou-ioc-formats-parallel.c): hashes go to the batch, and the
   * problems are kept without their line numbers, which are known only once the parts before
   * have been counted. */
  TaiouIocBatch      *batch;
  GArray             *problem_lines;    /* of guint, one for each of report->problems */
} LoadContext;

void     _taiou_ioc_context_init        (LoadContext         *ctx,
                                         TaiouIocSet         *set,
                                         TaiouIocLoadReport  *report,
                                         const char          *name);
void     _taiou_ioc_context_clear       (LoadContext         *ctx);
void     _taiou_ioc_feed_lines          (LoadContext         *ctx,
                                         TaiouIocFormat       format,
                                         char                *data,
                                         gsize                length);
void     _taiou_ioc_finish_lines        (LoadContext         *ctx,
                                         TaiouIocFormat       format);
gboolean _taiou_ioc_read_lines_parallel (LoadContext         *ctx,
                                         TaiouIocFormat       format,
                                         int                  fd,
                                         gboolean            *failed);
void     _taiou_ioc_problem             (LoadContext         *ctx,
                                         const char          *format,
                                         ...) G_GNUC_PRINTF (2, 3);
void     _taiou_ioc_loaded              (LoadContext         *ctx);
int      _taiou_ioc_score_for_status    (const char          *status);
gboolean _taiou_ioc_read_json           (LoadContext         *ctx,
                                         TaiouIocFormat       format,
                                         const char          *data,
                                         gsize                length,
                                         GError             **error);

G_END_DECLS
