/* taiou-case.h — the case at hand: one object every front-end shares */
#pragma once

#include <gio/gio.h>

#include "taiou-appi.h"
#include "taiou-feeds.h"
#include "taiou-checkpoint.h"
#include "taiou-import-emocheck.h"
#include "taiou-import-loki.h"
#include "taiou-ioc-set.h"
#include "taiou-mail-triage.h"
#include "taiou-notice.h"
#include "taiou-profile.h"
#include "taiou-scanner.h"
#include "taiou-system-scan.h"
#include "taiou-timeline.h"

G_BEGIN_DECLS

#define TAIOU_CASE_ERROR (taiou_case_error_quark ())

typedef enum
{
  TAIOU_CASE_ERROR_NO_RECORD,  /* the timeline is not open, so nothing can be recorded */
  TAIOU_CASE_ERROR_FINISHED,   /* the worker's response to the incident at hand has ended */
} TaiouCaseError;

GQuark taiou_case_error_quark (void);

#define TAIOU_TYPE_CASE (taiou_case_get_type ())
G_DECLARE_FINAL_TYPE (TaiouCase, taiou_case, TAIOU, CASE, GObject)

TaiouCase       *taiou_case_new                      (TaiouTimeline        *timeline,
                                                      TaiouProfile         *profile);
TaiouTimeline   *taiou_case_get_timeline             (TaiouCase            *self);
TaiouProfile    *taiou_case_get_profile              (TaiouCase            *self);

/* The incident at hand (see taiou-case.c for the rule). */
TaiouIncident   *taiou_case_get_incident             (TaiouCase            *self);
gboolean         taiou_case_is_recording             (TaiouCase            *self);
void             taiou_case_set_incident             (TaiouCase            *self,
                                                      TaiouIncident        *incident);
gboolean         taiou_case_select_incident          (TaiouCase            *self,
                                                      gint64                incident_id,
                                                      GError              **error);
TaiouIncident   *taiou_case_dup_unfinished_incident  (TaiouCase            *self);
TaiouIncident   *taiou_case_dup_incident_for_notice  (TaiouCase            *self);
TaiouIncident   *taiou_case_create_incident          (TaiouCase            *self,
                                                      const char           *title,
                                                      gint64                discovered_us,
                                                      const char           *host,
                                                      const char           *reporter,
                                                      GError              **error);

/* The IOC set, loaded once (taiou-case-iocs.c). */
void             taiou_case_set_ioc_sources          (TaiouCase            *self,
                                                      gboolean              bundled,
                                                      const char * const   *files);
TaiouIocSet     *taiou_case_load_iocs                (TaiouCase            *self,
                                                      GCancellable         *cancellable,
                                                      GError              **error);
void             taiou_case_load_iocs_async          (TaiouCase            *self,
                                                      GCancellable         *cancellable,
                                                      GAsyncReadyCallback   callback,
                                                      gpointer              user_data);
TaiouIocSet     *taiou_case_load_iocs_finish         (TaiouCase            *self,
                                                      GAsyncResult         *result,
                                                      GError              **error);
TaiouIocSet     *taiou_case_get_iocs                 (TaiouCase            *self);
GPtrArray       *taiou_case_get_ioc_reports          (TaiouCase            *self);
const GError    *taiou_case_get_bundled_ioc_error    (TaiouCase            *self);

/* Checks: data in, report out, with "us" and the IOCs of this case (taiou-case-checks.c). */
TaiouMailReport *taiou_case_check_mail               (TaiouCase            *self,
                                                      const char           *path,
                                                      GCancellable         *cancellable,
                                                      GError              **error);
void             taiou_case_check_mail_async         (TaiouCase            *self,
                                                      const char           *path,
                                                      GCancellable         *cancellable,
                                                      GAsyncReadyCallback   callback,
                                                      gpointer              user_data);
TaiouMailReport *taiou_case_check_mail_finish        (TaiouCase            *self,
                                                      GAsyncResult         *result,
                                                      GError              **error);
void             taiou_case_set_yara_sources         (TaiouCase            *self,
                                                      gboolean              bundled,
                                                      const char * const   *paths);
TaiouYaraRules  *taiou_case_load_yara                (TaiouCase            *self,
                                                      GError              **error);
TaiouScanner    *taiou_case_new_scanner              (TaiouCase            *self,
                                                      GCancellable         *cancellable,
                                                      GError              **error);
GHashTable      *taiou_case_dup_notice_variables     (TaiouCase            *self,
                                                      TaiouIncident        *incident,
                                                      GDateTime            *today,
                                                      GError              **error);

/* What happened, recorded in the incident at hand (taiou-case-record.c). */
gboolean         taiou_case_record_mail              (TaiouCase            *self,
                                                      TaiouMailReport      *report,
                                                      GError              **error);
gboolean         taiou_case_record_scan              (TaiouCase            *self,
                                                      TaiouScanResult      *result,
                                                      const char           *target,
                                                      GError              **error);
gboolean         taiou_case_record_emocheck          (TaiouCase            *self,
                                                      TaiouEmocheckReport  *report,
                                                      GError              **error);
gboolean         taiou_case_record_loki              (TaiouCase            *self,
                                                      TaiouLokiLog         *log,
                                                      GError              **error);
gboolean         taiou_case_record_notice            (TaiouCase            *self,
                                                      TaiouIncident        *incident,
                                                      TaiouNoticeTemplate  *notice,
                                                      const char           *format,
                                                      guint                 n_batches,
                                                      guint                 n_recipients,
                                                      GError              **error);
gboolean         taiou_case_record_answer            (TaiouCase            *self,
                                                      const char           *kind,
                                                      const char           *summary,
                                                      JsonObject           *detail,
                                                      GError              **error);
gboolean         taiou_case_record_step              (TaiouCase            *self,
                                                      const char           *step,
                                                      const char           *summary,
                                                      GError              **error);
/* The threat-data feeds (taiou-case-feeds.c). */
void             taiou_case_set_feeds                (TaiouCase            *self,
                                                      TaiouFeeds           *feeds);
TaiouFeeds      *taiou_case_get_feeds                (TaiouCase            *self);
void             taiou_case_reload_iocs              (TaiouCase            *self);
gboolean         taiou_case_record_feeds_update      (TaiouCase            *self,
                                                      GPtrArray            *reports,
                                                      GError              **error);
gboolean         taiou_case_add_note                 (TaiouCase            *self,
                                                      const char           *text,
                                                      GError              **error);
gboolean         taiou_case_add_note_to              (TaiouCase            *self,
                                                      TaiouIncident        *incident,
                                                      const char           *text,
                                                      gint64                refers_to,
                                                      GError              **error);
gboolean         taiou_case_mark_appi_done           (TaiouCase            *self,
                                                      TaiouIncident        *incident,
                                                      TaiouAppiItem         item,
                                                      GError              **error);

/* taiou-case-record.c and taiou-case-checkpoint.c: signed checkpoints of the record */
gboolean         taiou_case_record_checkpoint        (TaiouCase              *self,
                                                      TaiouIncident          *incident,
                                                      const TaiouCheckpoint  *checkpoint,
                                                      const char             *file,
                                                      GError                **error);
void             taiou_case_issue_checkpoint_async   (TaiouCase              *self,
                                                      TaiouIncident          *incident,
                                                      const char             *issued_to,
                                                      GCancellable           *cancellable,
                                                      GAsyncReadyCallback     callback,
                                                      gpointer                user_data);
TaiouCheckpoint *taiou_case_issue_checkpoint_finish  (TaiouCase              *self,
                                                      GAsyncResult           *result,
                                                      GError                **error);

G_END_DECLS
