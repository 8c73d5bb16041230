/* taiou-cli-private.h — what the CLI's commands share */
#pragma once

#include "taiou.h"
#include "taiou-settings.h"

G_BEGIN_DECLS

/* EmoCheck's convention, kept by every command: 0 clean/ok, 1 something detected, 2 error. */
typedef enum
{
  TAIOU_CLI_EXIT_OK       = 0,
  TAIOU_CLI_EXIT_DETECTED = 1,
  TAIOU_CLI_EXIT_ERROR    = 2,
} TaiouCliExit;

/* Options every command accepts. */
typedef struct
{
  char     *db_path;
  gboolean  json;
} TaiouCliOptions;

/* What a command's flags say about the case (taiou_cli_open_case()). */
typedef struct
{
  gint64    incident_id;      /* --incident, 0 for none: then nothing is recorded */
  char    **our_domains;      /* --our-domain, added to Preferences */
  char    **our_names;        /* --our-name, added to Preferences */
  char    **ioc_files;        /* --ioc */
  gboolean  no_bundled_iocs;  /* --no-bundled-iocs */
  char    **trusted_authserv_ids;  /* --trusted-authserv-id, added to Preferences */
  char    **yara_paths;       /* --yara, added to Preferences' rule files */
  gboolean  no_yara;          /* --no-yara: no YARA rule at all, not even the bundled ones */
} TaiouCliCaseOptions;

/* `timeline export`'s options (taiou-cli-export.c). */
typedef struct
{
  gint64    incident_id;
  char     *format;
  char     *output;
  char     *organization;  /* --organization, for the report formats */
} TaiouCliExportOptions;

/* `timeline checkpoint` and `timeline verify --checkpoint` (taiou-cli-timeline-checkpoint.c) */
typedef struct
{
  char     *to;
  gboolean  show_key;
  char    **files;
  char     *key;
} TaiouCliCheckpointOptions;

/* The options of `timeline new` and of `timeline list ID` (taiou-cli-timeline-edit.c). */
typedef struct
{
  char     *title;
  char     *discovered;
  char     *host;
  char     *reporter;
  char    **kinds;
  char     *actor;
  char     *since;
  char     *until;
  char     *search;
  gint64    limit;
  gint64    offset;
} TaiouCliTimelineEditOptions;

int            taiou_cli_feeds           (int               argc,
                                          char            **argv,
                                          TaiouCliOptions  *options);
int            taiou_cli_forward         (int               argc,
                                          char            **argv,
                                          TaiouCliOptions  *options);
int            taiou_cli_import          (int               argc,
                                          char            **argv,
                                          TaiouCliOptions  *options);
int            taiou_cli_import_loki     (char            **paths,
                                          TaiouLokiFormat   format,
                                          TaiouCase        *import_case,
                                          gint64            incident_id);
int            taiou_cli_mail            (int               argc,
                                          char            **argv,
                                          TaiouCliOptions  *options);
int            taiou_cli_notice          (int               argc,
                                          char            **argv,
                                          TaiouCliOptions  *options);
int            taiou_cli_scan            (int               argc,
                                          char            **argv,
                                          TaiouCliOptions  *options);
int            taiou_cli_timeline        (int               argc,
                                          char            **argv,
                                          TaiouCliOptions  *options);

TaiouTimeline *taiou_cli_open_timeline   (TaiouCliOptions  *options,
                                          GError          **error);
void           taiou_cli_print_json      (JsonNode         *node);
void           taiou_cli_print_utf8      (const char       *text);
char          *taiou_cli_printable       (const char       *text);
int            taiou_cli_fail            (GError           *error);
int            taiou_cli_usage_error     (GOptionContext   *context,
                                          const char       *message);

/* taiou-cli-export.c */
GOptionGroup  *taiou_cli_export_option_group  (TaiouCliExportOptions *options);
void           taiou_cli_export_options_clear (TaiouCliExportOptions *options);
int            taiou_cli_timeline_export      (TaiouTimeline         *timeline,
                                               TaiouCliExportOptions *options);

/* taiou-cli-timeline-import.c */
int            taiou_cli_timeline_import      (TaiouTimeline         *timeline,
                                               TaiouCliOptions       *options,
                                               gint64                 incident_id,
                                               int                    n_files,
                                               char                 **files);

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (TaiouCliExportOptions, taiou_cli_export_options_clear)

/* taiou-cli-timeline-edit.c */
GOptionGroup  *taiou_cli_timeline_edit_option_group  (TaiouCliTimelineEditOptions *options);
void           taiou_cli_timeline_edit_options_clear (TaiouCliTimelineEditOptions *options);
gboolean       taiou_cli_timeline_edit_has_filters   (const TaiouCliTimelineEditOptions *options);
int            taiou_cli_timeline_new         (TaiouTimeline               *timeline,
                                               TaiouCliOptions             *options,
                                               TaiouCliTimelineEditOptions *edit);
int            taiou_cli_timeline_note        (TaiouCliOptions             *options,
                                               const char                  *id_text,
                                               const char                  *text);
int            taiou_cli_timeline_status      (TaiouTimeline               *timeline,
                                               TaiouCliOptions             *options,
                                               const char                  *id_text,
                                               const char                  *status_text);
int            taiou_cli_timeline_list_events (TaiouTimeline               *timeline,
                                               TaiouCliOptions             *options,
                                               TaiouCliTimelineEditOptions *edit,
                                               const char                  *id_text);

/* taiou-cli-timeline-checkpoint.c */
GOptionGroup  *taiou_cli_checkpoint_option_group     (TaiouCliCheckpointOptions *options);
void           taiou_cli_checkpoint_options_clear    (TaiouCliCheckpointOptions *options);
int            taiou_cli_timeline_checkpoint         (TaiouCliOptions           *options,
                                                      gint64                     incident_id,
                                                      const char                *output,
                                                      TaiouCliCheckpointOptions *checkpoint);
int            taiou_cli_timeline_verify_checkpoints (TaiouTimeline             *timeline,
                                                      TaiouCliOptions           *options,
                                                      const char                *key_text,
                                                      char                     **files);

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (TaiouCliCheckpointOptions, taiou_cli_checkpoint_options_clear)

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (TaiouCliTimelineEditOptions,
                                  taiou_cli_timeline_edit_options_clear)

/* taiou-cli-shared.c */
void           taiou_cli_print_json_line  (JsonObject       *object);
TaiouCase     *taiou_cli_open_case        (TaiouCliOptions           *options,
                                           const TaiouCliCaseOptions *case_options,
                                           GError                   **error);
TaiouIocSet   *taiou_cli_load_iocs        (TaiouCase        *self,
                                           GError          **error);
void           taiou_cli_print_finding    (const TaiouFinding *finding,
                                           gboolean          japanese);

/* taiou-cli-scan-volume.c */
TaiouScanExclusions *taiou_cli_scan_exclusions          (char                **globs,
                                                         char                **regexes,
                                                         gboolean              case_insensitive,
                                                         GError              **error);
void                 taiou_cli_scan_print_excluded      (TaiouScanResult      *result,
                                                         TaiouScanExclusions  *exclusions);
void                 taiou_cli_scan_print_hives         (TaiouHostSnapshot    *snapshot);
void                 taiou_cli_scan_add_volume_json     (JsonObject           *start,
                                                         TaiouHostSnapshot    *snapshot);
void                 taiou_cli_scan_add_exclusions_json (JsonObject           *start,
                                                         TaiouScanExclusions  *exclusions);

G_END_DECLS
