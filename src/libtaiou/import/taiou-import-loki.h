/* taiou-import-loki.h — the findings in a Loki log (text, CSV) or a Loki-RS JSONL log */
#pragma once

#include <gio/gio.h>
#include <json-glib/json-glib.h>

#include "taiou-import-emocheck.h"

G_BEGIN_DECLS

/* Limits for a log someone brought.  A whole-disk scan can write a log of many GB; reading
 * stops at MAX_BYTES and keeps what was read, marked truncated.  Counts (alerts, warnings,
 * notices) go on past MAX_FINDINGS and MAX_KEPT_BYTES; the findings themselves are not kept. */
#define TAIOU_LOKI_MAX_BYTES        (G_GUINT64_CONSTANT (1) << 30)   /* 1 GiB read at most */
#define TAIOU_LOKI_MAX_LINE         (1024 * 1024)   /* longer lines are skipped, and counted */
#define TAIOU_LOKI_MAX_FINDINGS     10000
#define TAIOU_LOKI_MAX_KEPT_BYTES   (64 * 1024 * 1024)
#define TAIOU_LOKI_MAX_FIELD        8192            /* a kept message, path or reason, bytes */
#define TAIOU_LOKI_MAX_REASONS      16
#define TAIOU_LOKI_MAX_JSON_DEPTH   16              /* Loki-RS writes 4 levels at most */

typedef enum
{
  TAIOU_LOKI_FORMAT_AUTO,
  TAIOU_LOKI_FORMAT_TEXT,   /* Loki (Python): "TIME HOST LOKI: Level: MODULE: M MESSAGE: …" */
  TAIOU_LOKI_FORMAT_CSV,    /* Loki --csv: "TIMESTAMP,HOST,LEVEL,MODULE,MESSAGE" (not quoted) */
  TAIOU_LOKI_FORMAT_JSONL,  /* Loki-RS --jsonl: one JSON object a line */
} TaiouLokiFormat;

/* Only these levels are findings; INFO, DEBUG and ERROR lines are counted, not kept. */
typedef enum
{
  TAIOU_LOKI_LEVEL_NOTICE = 1,
  TAIOU_LOKI_LEVEL_WARNING,
  TAIOU_LOKI_LEVEL_ALERT,
} TaiouLokiLevel;

typedef struct
{
  TaiouLokiLevel  level;
  guint64         line;          /* in the log, from 1 */
  char           *timestamp;     /* ISO 8601 UTC when it could be read, else as written */
  char           *hostname;
  char           *module;        /* "FileScan", "ProcessScan" …; Loki-RS: its event_type */
  char           *message;       /* the whole message, capped at TAIOU_LOKI_MAX_FIELD */
  char           *file_path;     /* nullable */
  char           *process_name;  /* nullable */
  gint64          pid;           /* -1 when none */
  int             score;         /* -1 when none */
  char           *md5;           /* nullable, lower-case hex */
  char           *sha1;
  char           *sha256;
  GPtrArray      *reasons;       /* char *, why Loki flagged it */
} TaiouLokiFinding;

typedef struct
{
  TaiouLokiFormat  format;
  char            *source_name;   /* the file name it came from */
  char            *hostname;      /* the first host named; may be "" */
  char            *version;       /* Loki's version from the scan start; nullable */
  char            *scan_start;    /* timestamp of the first scan start; nullable */
  char            *scan_end;      /* timestamp of the last scan end; nullable */
  char            *result;        /* Loki's verdict ("SYSTEM SEEMS TO BE CLEAN."); nullable */
  GPtrArray       *findings;      /* TaiouLokiFinding, in log order */
  guint            n_scans;       /* scan starts seen (Loki appends to one log file) */
  guint            n_alerts;
  guint            n_warnings;
  guint            n_notices;
  guint64          n_lines;
  guint64          n_bytes;
  guint            n_skipped;     /* lines that are not Loki's (or malformed JSON) */
  guint            n_overlong;    /* lines over TAIOU_LOKI_MAX_LINE, skipped */
  guint            n_not_utf8;    /* lines that were not UTF-8 (read as CP932, or repaired) */
  gboolean         truncated;     /* a limit above was reached: not everything was read or kept */
} TaiouLokiLog;

const char       *taiou_loki_format_to_string (TaiouLokiFormat  format);
const char       *taiou_loki_level_to_string  (TaiouLokiLevel   level);

void              taiou_loki_log_free      (TaiouLokiLog      *log);
TaiouLokiLog     *taiou_loki_log_parse     (const char        *source_name,
                                            const char        *data,
                                            gsize              length,
                                            TaiouLokiFormat    format,
                                            GError           **error);
TaiouLokiLog     *taiou_loki_log_load      (const char        *path,
                                            TaiouLokiFormat    format,
                                            GCancellable      *cancellable,
                                            GError           **error);
gboolean          taiou_loki_log_detected  (const TaiouLokiLog *log);
JsonObject       *taiou_loki_log_to_json     (const TaiouLokiLog     *log);
JsonObject       *taiou_loki_finding_to_json (const TaiouLokiFinding *finding);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (TaiouLokiLog, taiou_loki_log_free)

G_END_DECLS
