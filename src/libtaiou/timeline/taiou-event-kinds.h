/* taiou-event-kinds.h — every kind of timeline event, and the detail keys its readers rely on
 *
 * An event's kind is part of the hash-chained record and is exported to other tools, so it can
 * never change once written.  Writers and readers use these constants, never bare strings, so a
 * typo is a compile error and `git grep TAIOU_EVENT_MAIL_TRIAGE` finds everyone who depends on
 * the shape of a mail verdict.  Detail keys are listed only where some reader looks inside.
 */
#pragma once

/* Written by the timeline itself when an incident is created; verification checks it against
 * the incident row.  Detail: uuid, title, created_us, discovered_us, host, reporter. */
#define TAIOU_EVENT_INCIDENT_CREATED          "incident.created"

/* The wizard reached a step (TAIOU_EVENT_DETAIL_STEP), or the worker skipped one. */
#define TAIOU_EVENT_WIZARD_STEP               "wizard.step"
#define TAIOU_EVENT_WIZARD_SKIPPED            "wizard.skipped"
#define TAIOU_EVENT_DETAIL_STEP               "step"

/* The triage step's answers, one event each (the worker's own words for each). */
#define TAIOU_EVENT_TRIAGE_WHAT_HAPPENED      "triage.what-happened"
#define TAIOU_EVENT_TRIAGE_WHEN               "triage.when"
#define TAIOU_EVENT_TRIAGE_HOST               "triage.host"
#define TAIOU_EVENT_TRIAGE_REPORTER           "triage.reporter"

/* A mail's verdict: taiou_mail_report_to_json() without the links.  The notice editor reads
 * the sender's display name and the findings' rules to learn which of our names are spoofed. */
#define TAIOU_EVENT_MAIL_TRIAGE               "mail.triage"
#define TAIOU_EVENT_DETAIL_FROM_NAME          "from_name"
#define TAIOU_EVENT_DETAIL_FINDINGS           "findings"

/* One event per scan finding (taiou_finding_to_json()), then the scan's summary. */
#define TAIOU_EVENT_SCAN_FINDING              "scan.finding"
#define TAIOU_EVENT_SCAN_FINISHED             "scan.finished"

/* An EmoCheck report, then one event per Emotet process it names. */
#define TAIOU_EVENT_IMPORT_EMOCHECK           "import.emocheck"
#define TAIOU_EVENT_IMPORT_EMOCHECK_PROCESS   "import.emocheck.process"

/* A Loki or Loki-RS log (taiou_loki_log_to_json(): format, file, hostname, version, scan_start,
 * scan_end, result, alerts, warnings, notices, truncated …), then one event per ALERT, WARNING
 * or NOTICE it holds (taiou_loki_finding_to_json(): level, module, message, file_path, pid,
 * process_name, score, md5, sha1, sha256, reasons). */
#define TAIOU_EVENT_IMPORT_LOKI               "import.loki"
#define TAIOU_EVENT_IMPORT_LOKI_FINDING       "import.loki.finding"
#define TAIOU_EVENT_DETAIL_LOKI_LEVEL         "level"
#define TAIOU_EVENT_DETAIL_LOKI_FILE_PATH     "file_path"
#define TAIOU_EVENT_DETAIL_LOKI_TRUNCATED     "truncated"

/* A notice was made: which template, in which format, for how many — never to whom. */
#define TAIOU_EVENT_NOTICE_GENERATED          "notice.generated"

/* The incident's status was set (taiou_timeline_set_incident_status): TAIOU_EVENT_DETAIL_STATUS
 * is the new one, TAIOU_EVENT_DETAIL_PREVIOUS the one before (TAIOU_INCIDENT_STATUS_*). */
#define TAIOU_EVENT_INCIDENT_STATUS           "incident.status"
#define TAIOU_EVENT_DETAIL_STATUS             "status"
#define TAIOU_EVENT_DETAIL_PREVIOUS           "previous"

/* A note someone added by hand. */
#define TAIOU_EVENT_NOTE                      "note"
/* A note about an earlier event (a correction: nothing recorded is ever edited) names it by its
 * number in the record. */
#define TAIOU_EVENT_DETAIL_REFERS_TO          "refers_to"

/* Inside a finding's JSON (taiou_finding_to_json()): the rule that fired.  Findings recorded
 * before the shape was shared with taiou-cli's scan JSON carry reason_en/reason_ja where newer
 * ones carry message/message_ja/reasons/reasons_ja, so a reader of stored events may rely only
 * on rule, score, level, object, evidence and sha256. */
#define TAIOU_FINDING_KEY_RULE                "rule"

/* The passwords step: the worker agreed not to change passwords on the PC that may be infected
 * before the virus is removed; added an item of their own to the checklist; marked an item
 * changed, not applicable, or open again.  Details carry the item's id, its label and its state
 * (taiou-password-checklist.h) — never a password. */
#define TAIOU_EVENT_PASSWORDS_ACKNOWLEDGED    "passwords.acknowledged"
#define TAIOU_EVENT_PASSWORDS_ITEM_ADDED      "passwords.item-added"
#define TAIOU_EVENT_PASSWORDS_ITEM            "passwords.item"
#define TAIOU_EVENT_DETAIL_ITEM               "item"
#define TAIOU_EVENT_DETAIL_LABEL              "label"
#define TAIOU_EVENT_DETAIL_STATE              "state"

/* The report step (taiou-appi.h): whether personal data may have leaked and, if so, the APPI
 * deadlines computed from the discovery time (detail: taiou_appi_deadlines_to_json() plus
 * personal_data and discovery_corrected); then each report or notification marked done
 * (detail: item, one of taiou_appi_item_to_string()). */
#define TAIOU_EVENT_APPI_ASSESSED             "appi.assessed"
#define TAIOU_EVENT_APPI_DONE                 "appi.done"
#define TAIOU_EVENT_DETAIL_PERSONAL_DATA      "personal_data"
#define TAIOU_EVENT_DETAIL_APPI_ITEM          "item"

/* The worker handed the incident over to the IT manager, with the summary saved as HTML
 * (detail: file, the saved file's name without its folder). */
#define TAIOU_EVENT_REPORT_HANDED_OVER        "report.handed-over"

/* The disconnect step (taiou_case_record_answer): which PC the worker says may be infected
 * (detail target: "this-pc" or "other-pc"); each request to NetworkManager to switch this PC's
 * network off, and how it ended (detail outcome: "disabled", "already-off", "not-running",
 * "refused", "failed", "cancelled", or "offline" when this PC's network monitor reported no
 * network; message: what the worker was told); and the worker's word that they cut the network
 * by hand (detail confirmed: true, or false when they took it back). */
#define TAIOU_EVENT_DISCONNECT_TARGET         "disconnect.target"
#define TAIOU_EVENT_DISCONNECT_ATTEMPT        "disconnect.attempt"
#define TAIOU_EVENT_DISCONNECT_RESULT         "disconnect.result"
#define TAIOU_EVENT_DISCONNECT_CONFIRMED      "disconnect.confirmed"
#define TAIOU_EVENT_DETAIL_TARGET             "target"
#define TAIOU_EVENT_DETAIL_OUTCOME            "outcome"
#define TAIOU_EVENT_DETAIL_CONFIRMED          "confirmed"

/* Another PC's record merged into this incident (`taiou-cli timeline import`): the merged events
 * keep their kind, time, actor, host and their origin (TaiouEvent's origin fields), except that
 * the other PC's own "incident.created" becomes merge.incident-created, since this incident was
 * created here; merge.imported says which file added how many events (detail: file, the file's
 * name without its folder; pc, where it was exported; exported_us; head_hash, the file's last
 * hash; events, how many it held; added). */
#define TAIOU_EVENT_MERGE_INCIDENT_CREATED    "merge.incident-created"
#define TAIOU_EVENT_MERGE_IMPORTED            "merge.imported"
#define TAIOU_EVENT_DETAIL_FILE               "file"
#define TAIOU_EVENT_DETAIL_PC                 "pc"
#define TAIOU_EVENT_DETAIL_EXPORTED_US        "exported_us"
#define TAIOU_EVENT_DETAIL_HEAD_HASH          "head_hash"
#define TAIOU_EVENT_DETAIL_EVENTS             "events"
#define TAIOU_EVENT_DETAIL_ADDED              "added"

/* An update of the threat-data feeds (taiou_case_record_feeds_update: the app's 「脅威情報を更新」,
 * `taiou-cli feeds update --incident`): detail sources, one object per feed with source (its id:
 * "feodo", "urlhaus", "malwarebazaar"), outcome (taiou_feed_outcome_to_string: "updated",
 * "not-modified", "disabled", "no-auth-key", "failed"), entries (indicators in the copy in use),
 * age_seconds (of that copy; absent when there is none) and error (why it failed).  Never the
 * Auth-Key. */
#define TAIOU_EVENT_FEEDS_UPDATED             "feeds.updated"
#define TAIOU_EVENT_DETAIL_SOURCES            "sources"
#define TAIOU_EVENT_DETAIL_SOURCE             "source"
#define TAIOU_EVENT_DETAIL_ENTRIES            "entries"
#define TAIOU_EVENT_DETAIL_AGE_SECONDS        "age_seconds"
#define TAIOU_EVENT_DETAIL_ERROR              "error"
/* A signed checkpoint of the record was issued (taiou_case_record_checkpoint: `taiou-cli
 * timeline checkpoint`, the report step), so the record shows when each was given and to whom
 * (detail: checkpoint, its whole signed text; tree_size, the events it covers; head_hash; key,
 * the signing key's name; to, whom it was given to, when said; file, the file's name without
 * its folder, when saved). */
#define TAIOU_EVENT_CHECKPOINT_ISSUED         "checkpoint.issued"
#define TAIOU_EVENT_DETAIL_CHECKPOINT         "checkpoint"
#define TAIOU_EVENT_DETAIL_TREE_SIZE          "tree_size"
#define TAIOU_EVENT_DETAIL_KEY                "key"
#define TAIOU_EVENT_DETAIL_ISSUED_TO          "to"
/* Issue 15, scan exclusions and Windows volumes: scan.finished counts the paths the exclusions
 * left out; scan.finding and scan.finished of a Windows volume name the volume's own computer
 * (its SYSTEM hive's ComputerName), absent for this computer. */
#define TAIOU_EVENT_DETAIL_SCAN_EXCLUDED      "excluded"
#define TAIOU_EVENT_DETAIL_SCAN_HOSTNAME      "hostname"

#include <glib.h>

G_BEGIN_DECLS

/* What a kind means, in the user's language ("Incident opened" / 「インシデントを登録」), for the
 * people who read the record; the kind itself stays as written.  Unknown kinds (from a newer
 * version, or imported) come back as they are. */
const char *taiou_event_kind_get_label (const char *kind);

/* Issue 15: in scan.finished, the YARA rules matched and the files they saw (absent when off). */
#define TAIOU_EVENT_DETAIL_YARA_RULES         "yara_rules"
#define TAIOU_EVENT_DETAIL_YARA_SCANNED       "yara_scanned"

G_END_DECLS
