/* taiou-cli-scan-volume.c — what `taiou-cli scan` leaves out, and what it says of a Windows volume
 *
 * Exclusions come from --exclude GLOB, --exclude-regex RE and the Preferences list (when the
 * app's schema is installed); on a Windows volume they ignore case.  Whatever they leave out is
 * counted and said, never skipped silently.  For a Windows volume, the computer it belongs to
 * (its SYSTEM hive's ComputerName) names the findings and the JSON lines, and each registry
 * hive read or not read gets one line.
 */
#define G_LOG_DOMAIN "taiou-cli"

#include "config.h"

#include <glib/gi18n.h>

#include "taiou-cli-private.h"
#include "taiou-settings.h"

/**
 * taiou_cli_scan_exclusions:
 * @globs: (nullable): --exclude values
 * @regexes: (nullable): --exclude-regex values
 *
 * Returns: (transfer full): the exclusions, or NULL with @error set when a pattern is invalid
 */
TaiouScanExclusions *
taiou_cli_scan_exclusions (char     **globs,
                           char     **regexes,
                           gboolean   case_insensitive,
                           GError   **error)
{
  g_autoptr(GSettings) settings = taiou_settings_new_if_installed ();
  g_autoptr(TaiouScanExclusions) exclusions = taiou_scan_exclusions_new (case_insensitive);
  g_auto(GStrv) preferences = NULL;

  for (guint i = 0; globs != NULL && globs[i] != NULL; i++)
    if (!taiou_scan_exclusions_add_glob (exclusions, globs[i], error))
      return NULL;
  for (guint i = 0; regexes != NULL && regexes[i] != NULL; i++)
    if (!taiou_scan_exclusions_add_regex (exclusions, regexes[i], error))
      return NULL;
  if (settings != NULL)
    {
      g_autoptr(GError) local_error = NULL;

      preferences = g_settings_get_strv (settings, TAIOU_SETTINGS_SCAN_EXCLUSIONS);
      if (!taiou_scan_exclusions_add_entries (exclusions, (const char * const *) preferences,
                                              &local_error))
        {
          g_set_error (error, local_error->domain, local_error->code,
                       _("In the exclusions of Preferences: %s"), local_error->message);
          return NULL;
        }
    }
  return g_steal_pointer (&exclusions);
}

/* The lines of text output about exclusions: said even when nothing matched. */
void
taiou_cli_scan_print_excluded (TaiouScanResult     *result,
                               TaiouScanExclusions *exclusions)
{
  if (taiou_scan_exclusions_get_count (exclusions) == 0)
    return;
  g_print (g_dngettext (GETTEXT_PACKAGE,
                        "Left out %llu file or folder matching the %u exclusions.\n",
                        "Left out %llu files or folders matching the %u exclusions.\n",
                        result->n_excluded),
           (unsigned long long) result->n_excluded, taiou_scan_exclusions_get_count (exclusions));
}

/* The hives of a Windows volume, one readable line each. */
void
taiou_cli_scan_print_hives (TaiouHostSnapshot *snapshot)
{
  if (snapshot->hostname != NULL && snapshot->hostname[0] != '\0')
    g_print (_("Computer name on the volume: %s\n"), snapshot->hostname);
  else
    g_print ("%s\n", _("The volume’s computer name could not be read; findings name no "
                       "computer."));
  for (guint i = 0; i < snapshot->hives_read->len; i++)
    g_print (_("Read the registry hive %s\n"), (char *) snapshot->hives_read->pdata[i]);
  for (guint i = 0; i < snapshot->hives_unread->len; i++)
    g_print (_("Could not read the registry hive %s\n"),
             (char *) snapshot->hives_unread->pdata[i]);
}

static JsonArray *
string_array (GPtrArray *strings)
{
  JsonArray *array = json_array_new ();

  for (guint i = 0; i < strings->len; i++)
    json_array_add_string_element (array, strings->pdata[i]);
  return array;
}

/**
 * taiou_cli_scan_add_volume_json:
 * @start: the scan_start line
 *
 * Adds the volume's computer name (which then names the line) and its hives.
 */
void
taiou_cli_scan_add_volume_json (JsonObject        *start,
                                TaiouHostSnapshot *snapshot)
{
  if (snapshot->hostname != NULL && snapshot->hostname[0] != '\0')
    json_object_set_string_member (start, "hostname", snapshot->hostname);
  json_object_set_string_member (start, "scanned_from", g_get_host_name ());
  json_object_set_array_member (start, "hives_read", string_array (snapshot->hives_read));
  json_object_set_array_member (start, "hives_unread", string_array (snapshot->hives_unread));
}

/* The exclusions in the scan_start line: the patterns as given. */
void
taiou_cli_scan_add_exclusions_json (JsonObject          *start,
                                    TaiouScanExclusions *exclusions)
{
  JsonArray *patterns = json_array_new ();
  const char * const *given = taiou_scan_exclusions_get_patterns (exclusions);

  for (guint i = 0; given[i] != NULL; i++)
    json_array_add_string_element (patterns, given[i]);
  json_object_set_array_member (start, "exclusions", patterns);
}
