/* taiou-import-loki-private.h — between the Loki log reader and its line parsers */
#pragma once

#include "taiou-import-loki.h"

G_BEGIN_DECLS

/* One line of any of the three formats, as the reader sees it; every string is valid UTF-8. */
typedef struct
{
  char       *timestamp;   /* as written */
  char       *hostname;
  char       *level;       /* "ALERT", "Alert", "INFO" … */
  char       *module;      /* nullable: Loki before 2018 wrote none */
  char       *message;
  JsonObject *object;      /* Loki-RS: the whole line, for its structured fields */
} TaiouLokiEntry;

void              _taiou_loki_entry_clear        (TaiouLokiEntry   *entry);

/* Each returns whether @line (valid UTF-8, no newline) is a line of its format, and fills
 * @entry when it is. */
gboolean          _taiou_loki_parse_text_line    (const char       *line,
                                                  TaiouLokiEntry   *entry);
gboolean          _taiou_loki_parse_csv_line     (const char       *line,
                                                  TaiouLokiEntry   *entry);
gboolean          _taiou_loki_parse_jsonl_line   (const char       *line,
                                                  gsize             length,
                                                  TaiouLokiEntry   *entry);

/* The finding an ALERT/WARNING/NOTICE entry describes: from the message's "KEY: value" parts
 * (Loki) or from the JSON fields (Loki-RS). */
TaiouLokiFinding *_taiou_loki_finding_new        (const TaiouLokiEntry *entry,
                                                  TaiouLokiLevel        level,
                                                  guint64               line);
void              _taiou_loki_finding_free       (TaiouLokiFinding     *finding);
gsize             _taiou_loki_finding_size       (const TaiouLokiFinding *finding);
char             *_taiou_loki_dup_field          (const char           *text,
                                                  gssize                length);
char             *_taiou_loki_normalize_time     (const char           *timestamp);
char             *_taiou_loki_dup_value          (const char           *message,
                                                  const char           *key);

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (TaiouLokiEntry, _taiou_loki_entry_clear)

G_END_DECLS
