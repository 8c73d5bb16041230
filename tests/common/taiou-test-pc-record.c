/* taiou-test-pc-record.c — another PC's record for the import tests (see the header) */
#define G_LOG_DOMAIN "taiou-test"

#include "config.h"

#include "taiou-test-pc-record.h"
#include "taiou-test-util.h"

/* Returns: (transfer full): the incident exported as taiou-json, as if on @exported_on */
char *
taiou_test_export_taiou_json (TaiouTimeline *timeline,
                              gint64         incident_id,
                              const char    *exported_on)
{
  g_autoptr(GOutputStream) output = g_memory_output_stream_new_resizable ();
  g_autoptr(GError) error = NULL;
  TaiouExportOptions options = { .exported_on = exported_on, .exported_by = "admin" };

  taiou_export_incident (timeline, incident_id, TAIOU_EXPORT_FORMAT_TAIOU_JSON, output, &options,
                         NULL, &error);
  g_assert_no_error (error);
  g_output_stream_write_all (output, "", 1, NULL, NULL, &error);
  g_output_stream_close (output, NULL, &error);
  g_assert_no_error (error);
  return g_memory_output_stream_steal_data (G_MEMORY_OUTPUT_STREAM (output));
}

/**
 * taiou_test_pc_record_new:
 * @out_db_path: (out) (optional): the PC's database
 * @out_incident_id: (out) (optional): the incident, in that database
 *
 * A PC's database with an incident of @n_notes notes whose events are interleaved with another
 * incident's, so that the exported chain has gaps, as on a PC that handled two incidents.
 *
 * Returns: (transfer full): the incident exported as taiou-json
 */
char *
taiou_test_pc_record_new (const char  *pc_name,
                          guint        n_notes,
                          char       **out_db_path,
                          gint64      *out_incident_id)
{
  g_autofree char *db_path = NULL;
  g_autoptr(TaiouTimeline) timeline = taiou_test_timeline_new (&db_path);
  g_autoptr(GError) error = NULL;
  g_autofree char *title = g_strdup_printf ("添付ファイルを開いた (%s)", pc_name);
  g_autoptr(TaiouIncident) incident = NULL;
  g_autoptr(TaiouIncident) other = NULL;
  gint64 id;

  incident = taiou_timeline_create_incident (timeline, title, 1646700000000000, pc_name,
                                             "山田 太郎", &error);
  g_assert_no_error (error);
  other = taiou_timeline_create_incident (timeline, "other", 1646700000000000, pc_name, "x",
                                          &error);
  g_assert_no_error (error);
  id = taiou_incident_get_id (incident);

  for (guint i = 0; i < n_notes; i++)
    {
      g_autoptr(JsonObject) detail = json_object_new ();
      g_autoptr(TaiouEvent) event = NULL;
      g_autoptr(TaiouEvent) other_event = NULL;
      g_autofree char *summary = g_strdup_printf ("%s: note %u", pc_name, i + 1);

      json_object_set_int_member (detail, "n", i + 1);
      json_object_set_string_member (detail, "pc", pc_name);
      event = taiou_timeline_append (timeline, id, TAIOU_EVENT_NOTE, NULL, summary, detail,
                                     &error);
      g_assert_no_error (error);
      if (i % 2 == 1)
        {
          other_event = taiou_timeline_append (timeline, taiou_incident_get_id (other),
                                               TAIOU_EVENT_NOTE, NULL, "elsewhere", NULL, &error);
          g_assert_no_error (error);
        }
    }

  if (out_db_path != NULL)
    *out_db_path = g_steal_pointer (&db_path);
  if (out_incident_id != NULL)
    *out_incident_id = id;
  return taiou_test_export_taiou_json (timeline, id, pc_name);
}

/* Returns: (transfer full): the path of a new file @name in a new temporary folder */
char *
taiou_test_write_temp (const char *name,
                       const char *contents,
                       gssize      length)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *folder = g_dir_make_tmp ("taiou-test-XXXXXX", &error);
  char *path;

  g_assert_no_error (error);
  path = g_build_filename (folder, name, NULL);
  g_file_set_contents (path, contents, length, &error);
  g_assert_no_error (error);
  return path;
}
