/* taiou-case-private.h — the case's state, shared by its files (taiou-case*.c) */
#pragma once

#include "taiou-case.h"

G_BEGIN_DECLS

struct _TaiouCase
{
  GObject         parent_instance;

  TaiouTimeline  *timeline;        /* nullable: the record could not be opened */
  TaiouProfile   *profile;
  TaiouIncident  *incident;        /* nullable: the incident at hand */
  gboolean        response_ended;  /* the worker just finished it: it takes no new checks */

  /* IOCs (taiou-case-iocs.c): what to load, and what the one load gave. */
  gboolean        bundled_iocs;
  GStrv           ioc_files;
  TaiouIocSet    *iocs;            /* NULL until loaded */
  GPtrArray      *ioc_reports;     /* TaiouIocLoadReport, one per file */
  GError         *bundled_error;   /* why the bundled snapshot was not loaded */
  GError         *ioc_error;       /* why loading failed (a user's file is unreadable) */
  GPtrArray      *ioc_waiters;     /* GTask, waiting for a load under way; NULL when none */
  TaiouFeeds     *feeds;           /* nullable: whose kept copies join the set */

  /* YARA rules (taiou-case-yara.c), under its lock. */
  gboolean        yara_skip_bundled;
  GStrv           yara_paths;
  TaiouYaraRules *yara;            /* NULL until compiled */
};

enum {
  _TAIOU_CASE_SIGNAL_IOCS_LOADED,
  _TAIOU_CASE_SIGNAL_EVENT_RECORDED,
  _TAIOU_CASE_N_SIGNALS
};

extern guint _taiou_case_signals[_TAIOU_CASE_N_SIGNALS];

void      _taiou_case_clear_iocs   (TaiouCase   *self);
void      _taiou_case_clear_yara   (TaiouCase   *self);
gboolean  _taiou_case_check_record (TaiouCase   *self,
                                    gboolean     need_incident,
                                    GError     **error);
/* taiou-case-senders.c */
gboolean  _taiou_case_sender_seen     (const char      *key,
                                       gpointer         user_data);
void      _taiou_case_remember_sender (TaiouCase       *self,
                                       TaiouMailReport *report);

gboolean  _taiou_case_append      (TaiouCase   *self,
                                   const char  *kind,
                                   const char  *actor,
                                   const char  *summary,
                                   JsonObject  *detail,
                                   GError     **error);

G_END_DECLS
