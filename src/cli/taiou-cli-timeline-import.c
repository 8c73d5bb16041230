/* taiou-cli-timeline-import.c — `taiou-cli timeline import [--incident ID] FILE…`
 *
 * Merges the records other PCs exported (`timeline export --format taiou-json`) into one
 * incident.  Every file is read and verified before anything is written: one file that does not
 * verify, or cannot be read, and nothing is imported at all.  Then each file is merged in its
 * own transaction, so a file is in the record whole or not at all.
 *
 * Which incident: --incident ID, else the incident that already holds events of these files
 * (an earlier import of them), else a new one made of the first file's incident.
 */
#define G_LOG_DOMAIN "taiou-cli"

#include "config.h"

#include <glib/gi18n.h>

#include "taiou-cli-private.h"

/* Reads and verifies every file; prints each problem.  Returns the exit status to stop with, or
 * TAIOU_CLI_EXIT_OK when all of them verified. */
static int
load_records (int         n_files,
              char      **files,
              GPtrArray  *records)
{
  int status = TAIOU_CLI_EXIT_OK;

  for (int i = 0; i < n_files; i++)
    {
      g_autoptr(GError) error = NULL;
      TaiouPcRecord *record = taiou_pc_record_load (files[i], &error);

      if (record != NULL)
        {
          g_ptr_array_add (records, record);
          continue;
        }
      g_printerr ("taiou-cli: %s\n", error->message);
      /* A record that does not verify is a finding, like `timeline verify`'s; anything else
       * (unreadable, not a record) is an error, which wins. */
      if (g_error_matches (error, TAIOU_PC_RECORD_ERROR, TAIOU_PC_RECORD_ERROR_TAMPERED) &&
          status == TAIOU_CLI_EXIT_OK)
        status = TAIOU_CLI_EXIT_DETECTED;
      else if (!g_error_matches (error, TAIOU_PC_RECORD_ERROR, TAIOU_PC_RECORD_ERROR_TAMPERED))
        status = TAIOU_CLI_EXIT_ERROR;
    }
  return status;
}

/* Returns: the incident to merge into, or 0 with @error set */
static gint64
choose_incident (TaiouTimeline  *timeline,
                 gint64          incident_id,
                 GPtrArray      *records,
                 gboolean        json,
                 GError        **error)
{
  g_autoptr(TaiouIncident) incident = NULL;
  TaiouPcRecord *first = records->pdata[0];

  if (incident_id > 0)
    {
      incident = taiou_timeline_get_incident (timeline, incident_id, error);
      return incident != NULL ? incident_id : 0;
    }

  if (!taiou_pc_records_find_incident (timeline, records, &incident_id, error))
    return 0;
  if (incident_id > 0)
    {
      if (!json)
        g_print (_("Merging into incident #%lld, which already holds events of these "
                   "records.\n"),
                 (long long) incident_id);
      return incident_id;
    }

  incident = taiou_pc_record_create_incident (timeline, first, error);
  if (incident == NULL)
    return 0;
  if (!json)
    {
      g_autofree char *title = taiou_cli_printable (taiou_incident_get_title (incident));
      g_autofree char *pc = taiou_cli_printable (first->exported_on);

      g_print (_("Created incident #%lld “%s” from the record of %s.\n"),
               (long long) taiou_incident_get_id (incident), title, pc);
    }
  return taiou_incident_get_id (incident);
}

static void
print_count (TaiouPcRecord                 *record,
             gint64                         incident_id,
             const TaiouPcRecordMergeCount *count,
             gboolean                       json)
{
  g_autofree char *pc = taiou_cli_printable (record->exported_on);
  g_autofree char *file = taiou_cli_printable (record->name);

  if (json)
    {
      JsonObject *object = json_object_new ();

      json_object_set_string_member (object, "event_type", "timeline-import");
      json_object_set_string_member (object, "file", record->name);
      json_object_set_string_member (object, "pc", record->exported_on);
      json_object_set_int_member (object, "incident", incident_id);
      json_object_set_int_member (object, "read", count->n_read);
      json_object_set_int_member (object, "added", count->n_added);
      json_object_set_int_member (object, "present", count->n_present);
      taiou_cli_print_json_line (object);
      return;
    }
  /* One line per PC: "PC-07  pc-07.json: 120 events read, 3 added, 117 already present". */
  g_print (_("%s  %s: %u events read, %u added, %u already present\n"), pc, file,
           count->n_read, count->n_added, count->n_present);
}

/**
 * taiou_cli_timeline_import:
 * @incident_id: --incident, 0 when not given
 *
 * Exit status: 0 every file merged (also when nothing was new), 1 a file does not verify
 * (tampered) and nothing was imported, 2 an error (a file unreadable or not a record; the
 * database) — with a file that cannot be read, nothing was imported either.
 */
int
taiou_cli_timeline_import (TaiouTimeline   *timeline,
                           TaiouCliOptions *options,
                           gint64           incident_id,
                           int              n_files,
                           char           **files)
{
  g_autoptr(GPtrArray) records = g_ptr_array_new_with_free_func (
    (GDestroyNotify) taiou_pc_record_free);
  GError *error = NULL;
  int status;

  if (incident_id < 0)
    {
      g_printerr ("taiou-cli: %s\n", _("The incident number must be a positive whole number."));
      return TAIOU_CLI_EXIT_ERROR;
    }

  status = load_records (n_files, files, records);
  if (status != TAIOU_CLI_EXIT_OK)
    {
      g_printerr ("taiou-cli: %s\n", _("Nothing was imported."));
      return status;
    }

  incident_id = choose_incident (timeline, incident_id, records, options->json, &error);
  if (incident_id == 0)
    return taiou_cli_fail (error);

  for (guint i = 0; i < records->len; i++)
    {
      TaiouPcRecordMergeCount count;

      if (!taiou_pc_record_merge (timeline, incident_id, records->pdata[i], &count, NULL,
                                  &error))
        {
          if (i > 0)
            g_printerr (_("taiou-cli: the files before “%s” were merged; it and those after "
                          "it were not.\n"),
                        ((TaiouPcRecord *) records->pdata[i])->name);
          return taiou_cli_fail (error);
        }
      print_count (records->pdata[i], incident_id, &count, options->json);
    }
  return TAIOU_CLI_EXIT_OK;
}
