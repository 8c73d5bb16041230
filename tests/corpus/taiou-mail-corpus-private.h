/* taiou-mail-corpus-private.h — MIME builders shared by the corpus's generators */
#pragma once

#include "taiou-mail-corpus.h"
#include "taiou-test-fixtures.h"
#include "taiou-test-msg.h"

G_BEGIN_DECLS

/* How a text part's characters travel. */
typedef enum
{
  CORPUS_ISO_2022_JP,   /* 7bit ISO-2022-JP: Japanese mail programs' classic */
  CORPUS_SHIFT_JIS,     /* 8bit Shift_JIS (CP932): older Windows programs and systems */
  CORPUS_SHIFT_JIS_B64, /* base64 Shift_JIS */
  CORPUS_UTF8_B64,      /* base64 UTF-8: Outlook, Gmail */
  CORPUS_UTF8_QP,       /* quoted-printable UTF-8: Thunderbird, mailing services */
  CORPUS_UTF8_8BIT,     /* 8bit UTF-8 */
  CORPUS_N_ENCODINGS
} CorpusEncoding;

/* How an attachment's file name is written. */
typedef enum
{
  CORPUS_NAME_RFC2231_UTF8,   /* filename*=UTF-8''%E8%AB%8B… (Thunderbird, Gmail) */
  CORPUS_NAME_RFC2047_JIS,    /* filename="=?ISO-2022-JP?B?…?= =?ISO-2022-JP?B?…?=" (Outlook,
                                 Becky!, split into several words) */
  CORPUS_NAME_RFC2047_UTF8,   /* filename="=?UTF-8?B?…?=" */
} CorpusNameStyle;

typedef struct
{
  const char     *from_name;     /* nullable */
  const char     *from_address;
  const char     *to;            /* a whole To value, ASCII */
  const char     *subject;
  int             day;           /* of November 2026, 1–30 */
  int             hour;
  int             minute;
  const char     *extra;         /* nullable: more header lines, each ending in \r\n, ASCII */
  CorpusEncoding  encoding;      /* of the From name and the Subject */
} CorpusHeaders;

char   *corpus_encoded_words  (const char       *text,
                               CorpusEncoding    encoding);
char   *corpus_text_part      (const char       *subtype,
                               const char       *text,
                               CorpusEncoding    encoding);
char   *corpus_file_part      (const char       *name,
                               const char       *mime_type,
                               GBytes           *content,
                               CorpusNameStyle   style);
char   *corpus_multipart      (const char       *subtype,
                               const char       *first,
                               ...) G_GNUC_NULL_TERMINATED;
char   *corpus_message_part   (GBytes           *message);
GBytes *corpus_message        (const CorpusHeaders *headers,
                               const char       *entity);

void    corpus_add            (GPtrArray        *corpus,
                               gboolean          malicious,
                               const char       *shape,
                               const char       *extension,
                               GBytes           *data);

/* Fixed, invented documents. */
GBytes *corpus_pdf            (const char       *title);
GBytes *corpus_xlsx           (void);
GBytes *corpus_ics            (const char       *summary,
                               int               day,
                               int               hour,
                               const char       *organizer,
                               const char       *join_url);

GBytes *corpus_ioc_payload    (void);

void    corpus_add_ordinary   (GPtrArray        *corpus);
void    corpus_add_services   (GPtrArray        *corpus);
void    corpus_add_malicious  (GPtrArray        *corpus);

G_END_DECLS
