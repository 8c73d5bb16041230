/* taiou-import-emocheck.h — EmoCheck's text and JSON reports, read into an incident's timeline */
#pragma once

#include <gio/gio.h>
#include <json-glib/json-glib.h>

G_BEGIN_DECLS

#define TAIOU_IMPORT_ERROR (taiou_import_error_quark ())

typedef enum
{
  TAIOU_IMPORT_ERROR_READ,
  TAIOU_IMPORT_ERROR_TOO_LARGE,
  TAIOU_IMPORT_ERROR_FORMAT,
} TaiouImportError;

GQuark taiou_import_error_quark (void);

typedef struct
{
  char *process_name;
  char *process_id;    /* as EmoCheck wrote it: a string */
  char *image_path;
  char *registry_key;  /* NULL when the report has none */
} TaiouEmocheckProcess;

typedef struct
{
  char      *scan_time;   /* "2022-03-08 10:15:00", local time of the scanned PC */
  char      *hostname;    /* from the JSON, or the report's file name; may be "" */
  char      *version;     /* "2.3.2" */
  gboolean   infected;
  GPtrArray *processes;   /* TaiouEmocheckProcess */
} TaiouEmocheckReport;

void                 taiou_emocheck_report_free  (TaiouEmocheckReport  *report);
TaiouEmocheckReport *taiou_emocheck_report_parse (const char           *file_name,
                                                  const char           *data,
                                                  gsize                 length,
                                                  GError              **error);
TaiouEmocheckReport *taiou_emocheck_report_load  (const char           *path,
                                                  GError              **error);
JsonObject          *taiou_emocheck_report_to_json  (const TaiouEmocheckReport  *report);
JsonObject          *taiou_emocheck_process_to_json (const TaiouEmocheckProcess *process);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (TaiouEmocheckReport, taiou_emocheck_report_free)

G_END_DECLS
