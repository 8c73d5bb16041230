/* taiou-cli-feeds.c — `taiou-cli feeds status|update|auth-key`: abuse.ch's threat-data feeds
 *
 * `status` reads only the cache, so it works with no network (the normal state after the
 * disconnect step) and names every source with its age and number of entries.  `update`
 * downloads what Preferences switched on; the Auth-Key comes from the keyring, where
 * `feeds auth-key set` (the key on standard input, never as an argument: arguments are visible
 * to every user in ps) or the app's Preferences put it.
 */
#define G_LOG_DOMAIN "taiou-cli"

#include "config.h"

#include <glib/gi18n.h>
#include <stdio.h>
#include <string.h>

#include "taiou-cli-private.h"

#define MAX_AUTH_KEY_LENGTH 256

static TaiouFeeds *
open_feeds (gboolean with_auth_key)
{
  g_autoptr(GSettings) settings = taiou_settings_new_if_installed ();
  TaiouFeeds *feeds = taiou_feeds_new (NULL);

  if (settings != NULL)
    taiou_settings_apply_feeds (settings, feeds);
  if (with_auth_key)
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *key = taiou_feeds_auth_key_lookup (NULL, &error);

      if (error != NULL)
        g_printerr (_("taiou-cli: warning: the keyring could not be read, so sources that need "
                      "an Auth-Key are skipped: %s\n"), error->message);
      taiou_feeds_set_auth_key (feeds, key);
      if (key != NULL)
        memset (key, 0, strlen (key));
    }
  return feeds;
}

static JsonObject *
report_to_json (const TaiouFeedReport *report)
{
  JsonObject *object = json_object_new ();

  json_object_set_string_member (object, "id", report->id);
  json_object_set_string_member (object, "name", report->name);
  json_object_set_boolean_member (object, "enabled", report->enabled);
  json_object_set_boolean_member (object, "needs_auth_key", report->needs_auth_key);
  json_object_set_boolean_member (object, "cached", report->cached);
  json_object_set_int_member (object, "entries", report->entries);
  if (report->cached && report->age_seconds != G_MAXINT64)
    json_object_set_int_member (object, "age_seconds", report->age_seconds);
  else
    json_object_set_null_member (object, "age_seconds");
  json_object_set_boolean_member (object, "stale", report->stale);
  if (report->outcome != TAIOU_FEED_OUTCOME_NONE)
    json_object_set_string_member (object, "outcome",
                                   taiou_feed_outcome_to_string (report->outcome));
  if (report->error != NULL)
    json_object_set_string_member (object, "error", report->error->message);
  return object;
}

static void
print_json (TaiouFeeds *feeds,
            GPtrArray  *reports)
{
  g_autoptr(JsonNode) root = json_node_new (JSON_NODE_OBJECT);
  JsonObject *object = json_object_new ();
  JsonArray *sources = json_array_new ();

  for (guint i = 0; i < reports->len; i++)
    json_array_add_object_element (sources, report_to_json (reports->pdata[i]));
  json_object_set_string_member (object, "cache_dir", taiou_feeds_get_cache_dir (feeds));
  json_object_set_array_member (object, "sources", sources);
  json_node_take_object (root, object);
  taiou_cli_print_json (root);
}

static const char *
outcome_text (const TaiouFeedReport *report)
{
  switch (report->outcome)
    {
    case TAIOU_FEED_OUTCOME_UPDATED:
      return _("updated");
    case TAIOU_FEED_OUTCOME_NOT_MODIFIED:
      return _("unchanged since the last download");
    case TAIOU_FEED_OUTCOME_DISABLED:
      return _("switched off in Preferences");
    case TAIOU_FEED_OUTCOME_NO_AUTH_KEY:
      return _("skipped: needs an abuse.ch Auth-Key (taiou-cli feeds auth-key set)");
    case TAIOU_FEED_OUTCOME_FAILED:
      return _("FAILED; the previous copy stays in use");
    case TAIOU_FEED_OUTCOME_NONE:
    default:
      return NULL;
    }
}

static void
print_text (GPtrArray *reports)
{
  for (guint i = 0; i < reports->len; i++)
    {
      const TaiouFeedReport *report = reports->pdata[i];
      g_autofree char *age = taiou_feed_age_to_string (report->age_seconds);
      const char *outcome = outcome_text (report);

      if (report->cached)
        g_print (_("%-14s %s, %u entries, age %s%s\n"), report->name,
                 report->enabled ? _("on") : _("off"), report->entries, age,
                 report->stale ? _(" — WARNING: older than 7 days") : "");
      else
        g_print (_("%-14s %s, %s\n"), report->name, report->enabled ? _("on") : _("off"), age);
      if (!report->cached && report->needs_auth_key && report->outcome == TAIOU_FEED_OUTCOME_NONE)
        g_print ("               %s\n", _("needs an abuse.ch Auth-Key"));
      if (outcome != NULL)
        g_print ("               %s\n", outcome);
      if (report->error != NULL)
        g_print ("               %s\n", report->error->message);
    }
  g_print ("%s\n", _("The bundled snapshot (2022) is always used as well."));
}

static int
feeds_status (TaiouCliOptions *options)
{
  g_autoptr(TaiouFeeds) feeds = open_feeds (FALSE);
  g_autoptr(GPtrArray) reports = taiou_feeds_dup_status (feeds);

  if (options->json)
    print_json (feeds, reports);
  else
    print_text (reports);
  return TAIOU_CLI_EXIT_OK;
}

static void
print_progress (const char *name,
                guint       done,
                guint       total,
                gpointer    user_data)
{
  if (name != NULL)
    g_printerr (_("taiou-cli: %u/%u %s…\n"), done + 1, total, name);
}

static int
feeds_update (TaiouCliOptions *options,
              gint64           incident_id)
{
  TaiouCliCaseOptions case_options = { .incident_id = incident_id };
  g_autoptr(TaiouFeeds) feeds = NULL;
  g_autoptr(TaiouCase) record_case = NULL;
  g_autoptr(GPtrArray) reports = NULL;
  g_autoptr(GError) error = NULL;
  gboolean failed = FALSE;

  /* The incident is checked before anything is downloaded. */
  if (incident_id > 0 && (record_case = taiou_cli_open_case (options, &case_options,
                                                             &error)) == NULL)
    return taiou_cli_fail (g_steal_pointer (&error));
  feeds = open_feeds (TRUE);
  reports = taiou_feeds_update (feeds, options->json ? NULL : print_progress, NULL, NULL,
                                &error);
  if (reports == NULL)
    return taiou_cli_fail (g_steal_pointer (&error));
  if (options->json)
    print_json (feeds, reports);
  else
    print_text (reports);
  for (guint i = 0; i < reports->len; i++)
    failed |= ((TaiouFeedReport *) reports->pdata[i])->outcome == TAIOU_FEED_OUTCOME_FAILED;
  if (record_case != NULL && !taiou_case_record_feeds_update (record_case, reports, &error))
    return taiou_cli_fail (g_steal_pointer (&error));
  return failed ? TAIOU_CLI_EXIT_ERROR : TAIOU_CLI_EXIT_OK;
}

/* The key is read from standard input, one line. */
static int
feeds_auth_key (const char *action)
{
  g_autoptr(GError) error = NULL;
  char line[MAX_AUTH_KEY_LENGTH + 2] = { 0 };
  gboolean ok;

  if (g_strcmp0 (action, "clear") == 0)
    ok = taiou_feeds_auth_key_clear (NULL, &error);
  else if (g_strcmp0 (action, "set") == 0)
    {
      if (fgets (line, sizeof line, stdin) == NULL || strchr (line, '\n') == NULL)
        {
          g_printerr ("%s\n", _("taiou-cli: give the Auth-Key on standard input, one line of "
                                "at most 256 characters"));
          return TAIOU_CLI_EXIT_ERROR;
        }
      g_strstrip (line);
      ok = taiou_feeds_auth_key_store (line, NULL, &error);
      memset (line, 0, sizeof line);
    }
  else
    {
      g_printerr ("%s\n", _("usage: taiou-cli feeds auth-key set|clear (the key on standard "
                            "input)"));
      return TAIOU_CLI_EXIT_ERROR;
    }
  if (!ok)
    return taiou_cli_fail (g_steal_pointer (&error));
  return TAIOU_CLI_EXIT_OK;
}

int
taiou_cli_feeds (int              argc,
                 char           **argv,
                 TaiouCliOptions *options)
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  gint64 incident_id = 0;
  const GOptionEntry entries[] = {
    { "json", 0, 0, G_OPTION_ARG_NONE, &options->json, N_("Print JSON instead of text"), NULL },
    { "incident", 0, 0, G_OPTION_ARG_INT64, &incident_id,
      N_("Record the update in this incident"), N_("ID") },
    { NULL }
  };

  context = g_option_context_new (_("status | update | auth-key set|clear — abuse.ch feeds"));
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  g_option_context_set_translation_domain (context, GETTEXT_PACKAGE);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    return taiou_cli_usage_error (context, error->message);

  if (argc >= 2 && g_str_equal (argv[1], "status"))
    return feeds_status (options);
  if (argc >= 2 && g_str_equal (argv[1], "update"))
    return feeds_update (options, incident_id);
  if (argc >= 2 && g_str_equal (argv[1], "auth-key"))
    return feeds_auth_key (argc >= 3 ? argv[2] : NULL);
  return taiou_cli_usage_error (context, _("Say status, update or auth-key."));
}
