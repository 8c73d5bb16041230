/* taiou-yara-rules.h — YARA rules compiled once: the bundled set and the user's files */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

#define TAIOU_YARA_ERROR (taiou_yara_error_quark ())

typedef enum
{
  TAIOU_YARA_ERROR_INVALID_RULES,  /* a rule file does not compile: names the file and line */
  TAIOU_YARA_ERROR_TOO_LARGE,      /* a rule file or folder over the limits below */
  TAIOU_YARA_ERROR_UNREADABLE,     /* a rule file or folder that cannot be read */
  TAIOU_YARA_ERROR_FAILED,         /* libyara itself failed (out of memory …) */
} TaiouYaraError;

/* A rule file is text a person wrote; a larger one is refused, not read. */
#define TAIOU_YARA_MAX_RULE_FILE_BYTES (4 * 1024 * 1024)
/* Files taken from the folders given, over all of them. */
#define TAIOU_YARA_MAX_RULE_FILES 1000
/* Levels of subfolders entered below a folder given. */
#define TAIOU_YARA_MAX_FOLDER_DEPTH 4

#define TAIOU_TYPE_YARA_RULES (taiou_yara_rules_get_type ())
G_DECLARE_FINAL_TYPE (TaiouYaraRules, taiou_yara_rules, TAIOU, YARA_RULES, GObject)

GQuark          taiou_yara_error_quark          (void);
const char     *taiou_yara_bundled_dir          (void);
TaiouYaraRules *taiou_yara_rules_compile        (gboolean             bundled,
                                                 const char * const  *paths,
                                                 GError             **error);
TaiouYaraRules *taiou_yara_rules_compile_text   (const char          *origin,
                                                 const char          *text,
                                                 gsize                length,
                                                 GError             **error);
guint           taiou_yara_rules_get_n_rules    (TaiouYaraRules      *self);
guint           taiou_yara_rules_get_n_files    (TaiouYaraRules      *self);
char           *taiou_yara_error_get_message    (const GError        *error,
                                                 gboolean             japanese);

G_END_DECLS
