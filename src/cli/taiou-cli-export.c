/* taiou-cli-export.c — `taiou-cli timeline export --incident ID --format FORMAT [--output FILE]`
 *
 * Standard output by default, so an export can be piped to another tool; with --output the file
 * appears only once it is complete (taiou_export_incident_to_path), never half-written.  The
 * report formats (report-html, report-pdf) name the organisation on their title page: the one
 * of --organization, or else the app's Preferences.
 */
#define G_LOG_DOMAIN "taiou-cli"

#include "config.h"

#include <gio/gunixoutputstream.h>
#include <glib/gi18n.h>
#include <unistd.h>

#include "taiou-cli-private.h"
#include "taiou-settings.h"

/* Returns: (transfer full): the group of `timeline export`'s options, filling @options */
GOptionGroup *
taiou_cli_export_option_group (TaiouCliExportOptions *options)
{
  const GOptionEntry entries[] = {
    { "incident", 0, 0, G_OPTION_ARG_INT64, &options->incident_id,
      N_("export: the incident to export; import: the incident to merge into"), N_("ID") },
    { "format", 0, 0, G_OPTION_ARG_STRING, &options->format,
      N_("export: taiou-json, timesketch-jsonl, timesketch-csv, iris-json, iris-csv, "
         "observables-csv, observables-json, report-html or report-pdf"), N_("FORMAT") },
    { "output", 'o', 0, G_OPTION_ARG_FILENAME, &options->output,
      N_("export: write to FILE instead of standard output"), N_("FILE") },
    { "organization", 0, 0, G_OPTION_ARG_STRING, &options->organization,
      N_("export: the organization named on the report (default: from Preferences)"),
      N_("NAME") },
    { NULL }
  };
  GOptionGroup *group = g_option_group_new ("export", _("Export options:"),
                                            _("Show the export options"), NULL, NULL);

  g_option_group_add_entries (group, entries);
  g_option_group_set_translation_domain (group, GETTEXT_PACKAGE);
  return group;
}

void
taiou_cli_export_options_clear (TaiouCliExportOptions *options)
{
  g_clear_pointer (&options->format, g_free);
  g_clear_pointer (&options->output, g_free);
  g_clear_pointer (&options->organization, g_free);
}

int
taiou_cli_timeline_export (TaiouTimeline         *timeline,
                           TaiouCliExportOptions *options)
{
  TaiouExportFormat format;
  TaiouExportOptions export_options = { 0 };
  g_autoptr(GSettings) settings = NULL;
  g_autoptr(TaiouProfile) profile = NULL;
  GError *error = NULL;

  if (options->incident_id <= 0)
    {
      g_printerr ("taiou-cli: %s\n",
                  _("Say which incident to export with --incident ID (see “timeline list”)."));
      return TAIOU_CLI_EXIT_ERROR;
    }
  if (!taiou_export_format_from_string (options->format, &format))
    {
      g_autofree char *formats = taiou_export_format_list ();

      if (options->format == NULL)
        g_printerr ("taiou-cli: %s %s\n", _("Say which format to export with --format:"),
                    formats);
      else
        g_printerr (_("taiou-cli: Unknown export format “%s”. Choose one of: %s\n"),
                    options->format, formats);
      return TAIOU_CLI_EXIT_ERROR;
    }

  if (taiou_export_format_is_report (format))
    {
      export_options.organization = options->organization;
      if (export_options.organization == NULL &&
          (settings = taiou_settings_new_if_installed ()) != NULL)
        {
          profile = taiou_profile_new ();
          taiou_settings_bind_profile (settings, profile, FALSE);
          export_options.organization = taiou_profile_get_organization (profile);
        }
    }

  if (options->output != NULL)
    {
      if (!taiou_export_incident_to_path (timeline, options->incident_id, format,
                                          options->output, &export_options, NULL, &error))
        return taiou_cli_fail (error);
      g_printerr (_("Exported incident #%lld as %s to “%s”.\n"),
                  (long long) options->incident_id, taiou_export_format_to_string (format),
                  options->output);
      return TAIOU_CLI_EXIT_OK;
    }

  {
    g_autoptr(GOutputStream) output = g_unix_output_stream_new (STDOUT_FILENO, FALSE);

    if (!taiou_export_incident (timeline, options->incident_id, format, output, &export_options,
                                NULL, &error))
      return taiou_cli_fail (error);
  }
  return TAIOU_CLI_EXIT_OK;
}
