/* taiou-ioc-set.h — indicators of compromise: hashes, IPs, networks, domains, URLs, file names */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

#define TAIOU_IOC_ERROR (taiou_ioc_error_quark ())

typedef enum
{
  TAIOU_IOC_ERROR_READ,         /* the file cannot be read */
  TAIOU_IOC_ERROR_TOO_LARGE,    /* over the size limit for its format */
  TAIOU_IOC_ERROR_FORMAT,       /* not that format at all (not one line could be used) */
} TaiouIocError;

GQuark taiou_ioc_error_quark (void);

typedef enum
{
  TAIOU_IOC_KIND_MD5,
  TAIOU_IOC_KIND_SHA1,
  TAIOU_IOC_KIND_SHA256,
  TAIOU_IOC_KIND_IP,        /* an address or a network (CIDR) */
  TAIOU_IOC_KIND_DOMAIN,
  TAIOU_IOC_KIND_URL,
  TAIOU_IOC_KIND_URL_HOST,  /* the host of a listed URL */
  TAIOU_IOC_KIND_FILENAME,
  TAIOU_IOC_N_KINDS
} TaiouIocKind;

typedef enum
{
  TAIOU_IOC_FORMAT_AUTO,
  TAIOU_IOC_FORMAT_LOKI_HASH,          /* HASH;DESC or HASH;SCORE;DESC */
  TAIOU_IOC_FORMAT_LOKI_FILENAME,      /* REGEX;SCORE[;FP_REGEX], "# comment" above = description */
  TAIOU_IOC_FORMAT_LOKI_C2,            /* server[;score]: IP, CIDR or domain */
  TAIOU_IOC_FORMAT_FEODO_JSON,         /* abuse.ch Feodo Tracker ipblocklist.json */
  TAIOU_IOC_FORMAT_FEODO_CSV,          /* abuse.ch Feodo Tracker ipblocklist.csv */
  TAIOU_IOC_FORMAT_MALWAREBAZAAR_CSV,  /* abuse.ch MalwareBazaar recent CSV */
  TAIOU_IOC_FORMAT_SHA256_LIST,        /* one SHA-256 a line (MalwareBazaar plain list) */
  TAIOU_IOC_FORMAT_URLHAUS_CSV,        /* abuse.ch URLhaus CSV */
  TAIOU_IOC_FORMAT_TAIOU_JSON,         /* our bundled format, see data/ioc/README.md */
} TaiouIocFormat;

/* What one match says; the strings belong to the set. */
typedef struct
{
  TaiouIocKind  kind;
  int           score;        /* 0–100, Loki's scale */
  const char   *description;
} TaiouIocMatch;

/* What loading one file did; lines that could not be used are counted and named, never fatal. */
typedef struct
{
  char           *source;     /* the file name given */
  TaiouIocFormat  format;     /* the format used (detected when AUTO was asked) */
  guint           n_loaded;   /* indicators added */
  guint           n_bad;      /* lines that could not be used */
  GPtrArray      *problems;   /* "file:line: why", the first TAIOU_IOC_MAX_PROBLEMS */
} TaiouIocLoadReport;

#define TAIOU_IOC_MAX_PROBLEMS 100

void taiou_ioc_load_report_free (TaiouIocLoadReport *report);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (TaiouIocLoadReport, taiou_ioc_load_report_free)

#define TAIOU_TYPE_IOC_SET (taiou_ioc_set_get_type ())
G_DECLARE_FINAL_TYPE (TaiouIocSet, taiou_ioc_set, TAIOU, IOC_SET, GObject)

TaiouIocSet        *taiou_ioc_set_new                  (void);

TaiouIocLoadReport *taiou_ioc_set_load_file            (TaiouIocSet    *self,
                                                        const char     *path,
                                                        TaiouIocFormat  format,
                                                        GError        **error);
TaiouIocLoadReport *taiou_ioc_set_load_data            (TaiouIocSet    *self,
                                                        const char     *source,
                                                        const char     *data,
                                                        gsize           length,
                                                        TaiouIocFormat  format,
                                                        GError        **error);
TaiouIocLoadReport *taiou_ioc_set_load_data_families (TaiouIocSet         *self,
                                                      const char          *source,
                                                      const char          *data,
                                                      gsize                length,
                                                      TaiouIocFormat       format,
                                                      const char * const  *families,
                                                      GError             **error);
TaiouIocFormat      taiou_ioc_format_detect            (const char     *source,
                                                        const char     *head,
                                                        gsize           length);
const char         *taiou_ioc_format_to_string         (TaiouIocFormat  format);

gsize               taiou_ioc_set_count                (TaiouIocSet    *self,
                                                        TaiouIocKind    kind);
gboolean            taiou_ioc_set_has_hashes           (TaiouIocSet    *self);

gboolean            taiou_ioc_set_lookup_digest        (TaiouIocSet    *self,
                                                        const guint8   *digest,
                                                        gsize           length,
                                                        TaiouIocMatch  *match);
gboolean            taiou_ioc_set_lookup_hash_hex      (TaiouIocSet    *self,
                                                        const char     *hex,
                                                        TaiouIocMatch  *match);
gboolean            taiou_ioc_set_is_false_positive    (TaiouIocSet    *self,
                                                        const char     *hex);
gboolean            taiou_ioc_set_lookup_ip            (TaiouIocSet    *self,
                                                        const char     *address,
                                                        TaiouIocMatch  *match);
gboolean            taiou_ioc_set_lookup_domain        (TaiouIocSet    *self,
                                                        const char     *host,
                                                        TaiouIocMatch  *match);
gboolean            taiou_ioc_set_lookup_url           (TaiouIocSet    *self,
                                                        const char     *url,
                                                        TaiouIocMatch  *match);
GArray             *taiou_ioc_set_match_file_name      (TaiouIocSet    *self,
                                                        const char     *path);

G_END_DECLS
