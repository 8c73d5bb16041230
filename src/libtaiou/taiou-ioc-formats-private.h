/* taiou-ioc-formats-private.h — what the line and the JSON readers share */
#pragma once

#include "taiou-ioc-set-private.h"

G_BEGIN_DECLS

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

  /* Line splitting, shared by files and in-memory data. */
  GString            *partial;
  guint               line_number;
  gboolean            skipping;         /* inside a line that is too long */
} LoadContext;

void     _taiou_ioc_problem          (LoadContext     *ctx,
                                      const char      *format,
                                      ...) G_GNUC_PRINTF (2, 3);
void     _taiou_ioc_loaded           (LoadContext     *ctx);
int      _taiou_ioc_score_for_status (const char      *status);
gboolean _taiou_ioc_read_json        (LoadContext     *ctx,
                                      TaiouIocFormat   format,
                                      const char      *data,
                                      gsize            length,
                                      GError         **error);

G_END_DECLS
