/* taiou-guidance.h — the wizard's instructions, each with its source (data/guidance/) */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

#define TAIOU_GUIDANCE_ERROR (taiou_guidance_error_quark ())

typedef enum
{
  TAIOU_GUIDANCE_ERROR_STEP,       /* not a step name */
  TAIOU_GUIDANCE_ERROR_READ,       /* the file is missing or unreadable */
  TAIOU_GUIDANCE_ERROR_TOO_LARGE,  /* over TAIOU_GUIDANCE_MAX_SIZE */
  TAIOU_GUIDANCE_ERROR_MALFORMED,  /* not JSON, or not an array of objects */
  TAIOU_GUIDANCE_ERROR_RECORD,     /* a record lacks a field or holds a bad one */
} TaiouGuidanceError;

GQuark taiou_guidance_error_quark (void);

/* A step's guidance is a few dozen short sentences; anything larger is not ours. */
#define TAIOU_GUIDANCE_MAX_SIZE (256 * 1024)

typedef struct
{
  char *id;            /* "disconnect.unplug-lan" */
  char *text_ja;
  char *text_en;
  char *organization;  /* "愛知県警察" */
  char *page;          /* the page's title */
  char *url;           /* https only */
  char *retrieved;     /* YYYY-MM-DD: when the wording was checked */
} TaiouGuidanceRecord;

typedef struct _TaiouGuidance TaiouGuidance;

const char                *taiou_guidance_dir              (void);
TaiouGuidance             *taiou_guidance_load_step        (const char           *step,
                                                            GError              **error);
TaiouGuidance             *taiou_guidance_load_file        (const char           *step,
                                                            const char           *path,
                                                            GError              **error);
TaiouGuidance             *taiou_guidance_parse            (const char           *step,
                                                            const char           *data,
                                                            gsize                 length,
                                                            GError              **error);
void                       taiou_guidance_free             (TaiouGuidance        *self);

const char                *taiou_guidance_get_step         (TaiouGuidance        *self);
guint                      taiou_guidance_get_n_records    (TaiouGuidance        *self);
const TaiouGuidanceRecord *taiou_guidance_get_record       (TaiouGuidance        *self,
                                                            guint                 index);
const TaiouGuidanceRecord *taiou_guidance_lookup           (TaiouGuidance        *self,
                                                            const char           *id);

const char                *taiou_guidance_record_get_text  (const TaiouGuidanceRecord *record,
                                                            gboolean              japanese);
char                      *taiou_guidance_record_format_citation (const TaiouGuidanceRecord *record,
                                                            gboolean              japanese);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (TaiouGuidance, taiou_guidance_free)

G_END_DECLS
