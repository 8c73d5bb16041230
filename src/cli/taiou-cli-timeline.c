/* taiou-cli-timeline.c — `taiou-cli timeline list|show|verify|export|import|new|note|status|
 * checkpoint` */
#define G_LOG_DOMAIN "taiou-cli"

#include "config.h"

#include <glib/gi18n.h>
#include <stdlib.h>

#include "taiou-cli-private.h"

static int
timeline_list (TaiouTimeline   *timeline,
               TaiouCliOptions *options)
{
  g_autoptr(GPtrArray) incidents = NULL;
  GError *error = NULL;

  incidents = taiou_timeline_list_incidents (timeline, &error);
  if (incidents == NULL)
    return taiou_cli_fail (error);

  if (options->json)
    {
      g_autoptr(JsonNode) root = json_node_new (JSON_NODE_ARRAY);
      JsonArray *array = json_array_new ();

      for (guint i = 0; i < incidents->len; i++)
        json_array_add_object_element (array, taiou_incident_to_json (incidents->pdata[i]));
      json_node_take_array (root, array);
      taiou_cli_print_json (root);
      return TAIOU_CLI_EXIT_OK;
    }

  if (incidents->len == 0)
    g_print ("%s\n", _("No incidents recorded yet."));

  for (guint i = 0; i < incidents->len; i++)
    {
      TaiouIncident *incident = incidents->pdata[i];
      gint64 discovered_us = taiou_incident_get_discovered_us (incident);
      g_autofree char *discovered = taiou_time_format_local (discovered_us);

      g_print ("#%-4lld %s  %s  %s  %s\n",
               (long long) taiou_incident_get_id (incident), discovered,
               taiou_incident_get_host (incident), taiou_incident_get_reporter (incident),
               taiou_incident_get_title (incident));
    }
  return TAIOU_CLI_EXIT_OK;
}

static int
timeline_show (TaiouTimeline   *timeline,
               TaiouCliOptions *options,
               const char      *id_text)
{
  g_autoptr(TaiouIncident) incident = NULL;
  g_autoptr(GPtrArray) events = NULL;
  g_autofree char *discovered = NULL;
  GError *error = NULL;
  guint64 incident_id = 0;

  if (!g_ascii_string_to_unsigned (id_text, 10, 1, G_MAXINT64, &incident_id, NULL))
    {
      g_printerr ("taiou-cli: %s\n", _("The incident number must be a positive whole number."));
      return TAIOU_CLI_EXIT_ERROR;
    }

  incident = taiou_timeline_get_incident (timeline, (gint64) incident_id, &error);
  if (incident == NULL)
    return taiou_cli_fail (error);
  events = taiou_timeline_list_events (timeline, (gint64) incident_id, &error);
  if (events == NULL)
    return taiou_cli_fail (error);

  if (options->json)
    {
      g_autoptr(JsonNode) root = json_node_new (JSON_NODE_OBJECT);
      JsonObject *object = json_object_new ();
      JsonArray *array = json_array_new ();

      for (guint i = 0; i < events->len; i++)
        json_array_add_object_element (array, taiou_event_to_json (events->pdata[i]));
      json_object_set_object_member (object, "incident", taiou_incident_to_json (incident));
      json_object_set_array_member (object, "events", array);
      json_node_take_object (root, object);
      taiou_cli_print_json (root);
      return TAIOU_CLI_EXIT_OK;
    }

  discovered = taiou_time_format_local (taiou_incident_get_discovered_us (incident));
  g_print (_("Incident #%lld: %s\n"), (long long) taiou_incident_get_id (incident),
           taiou_incident_get_title (incident));
  g_print (_("  Happened:    %s\n"), discovered);
  g_print (_("  PC:          %s\n"), taiou_incident_get_host (incident));
  g_print (_("  Reported by: %s\n"), taiou_incident_get_reporter (incident));
  g_print ("\n");

  for (guint i = 0; i < events->len; i++)
    {
      TaiouEvent *event = events->pdata[i];
      g_autofree char *time = taiou_event_format_time (event);

      g_print ("#%-5lld %s  %s  %s  %s\n", (long long) taiou_event_get_seq (event), time,
               taiou_event_get_actor (event), taiou_event_get_kind (event),
               taiou_event_get_summary (event));
    }
  return TAIOU_CLI_EXIT_OK;
}

static int
timeline_verify (TaiouTimeline   *timeline,
                 TaiouCliOptions *options)
{
  g_autoptr(TaiouTimelineVerification) verification = NULL;
  GError *error = NULL;

  verification = taiou_timeline_verify (timeline, NULL, &error);
  if (verification == NULL)
    return taiou_cli_fail (error);

  if (options->json)
    {
      g_autoptr(JsonNode) root = json_node_new (JSON_NODE_OBJECT);
      JsonObject *object = json_object_new ();

      json_object_set_string_member (object, "database", taiou_timeline_get_path (timeline));
      json_object_set_boolean_member (object, "intact", verification->intact);
      json_object_set_int_member (object, "events", verification->n_events);
      if (verification->first_bad_seq > 0)
        json_object_set_int_member (object, "first_bad_seq", verification->first_bad_seq);
      else
        json_object_set_null_member (object, "first_bad_seq");
      json_object_set_string_member (object, "problem", verification->problem);
      json_object_set_string_member (object, "head_hash", verification->head_hash);
      json_node_take_object (root, object);
      taiou_cli_print_json (root);
    }
  else if (verification->intact)
    {
      g_print (g_dngettext (GETTEXT_PACKAGE,
                            "The timeline is intact: %lld event verified.\n",
                            "The timeline is intact: %lld events verified.\n",
                            verification->n_events),
               (long long) verification->n_events);
      g_print (_("Latest hash in the chain: %s\n"), verification->head_hash);
    }
  else
    {
      g_print ("%s\n", _("The timeline has been TAMPERED WITH."));
      if (verification->first_bad_seq > 0)
        g_print (_("First bad event: #%lld\n"), (long long) verification->first_bad_seq);
      g_print ("%s\n", verification->problem);
      g_print (_("Last good hash: %s\n"), verification->head_hash);
    }

  return verification->intact ? TAIOU_CLI_EXIT_OK : TAIOU_CLI_EXIT_DETECTED;
}

int
taiou_cli_timeline (int              argc,
                    char           **argv,
                    TaiouCliOptions *options)
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(TaiouTimeline) timeline = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(TaiouCliExportOptions) export_options = { 0 };
  g_auto(TaiouCliTimelineEditOptions) edit_options = { 0 };
  g_auto(TaiouCliCheckpointOptions) checkpoint_options = { 0 };
  const char *action;
  int n_args;
  const GOptionEntry entries[] = {
    { "db", 0, 0, G_OPTION_ARG_FILENAME, &options->db_path,
      N_("Timeline database (default: $TAIOU_DB or $XDG_DATA_HOME/taiou/taiou.db)"), N_("FILE") },
    { "json", 0, 0, G_OPTION_ARG_NONE, &options->json, N_("Print JSON instead of text"), NULL },
    { NULL }
  };

  context = g_option_context_new (_("list [ID] | show ID | verify | export | import FILE… | new | "
                                    "note ID TEXT | status ID STATUS | checkpoint — the incident timeline"));
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  g_option_context_add_group (context, taiou_cli_export_option_group (&export_options));
  g_option_context_add_group (context, taiou_cli_timeline_edit_option_group (&edit_options));
  g_option_context_add_group (context, taiou_cli_checkpoint_option_group (&checkpoint_options));
  g_option_context_set_translation_domain (context, GETTEXT_PACKAGE);
  g_option_context_set_description (context,
    _("Exit status: 0 ok, 1 the chain does not verify (tampered) or the record no longer "
      "holds what a checkpoint covered, 2 error."));
  if (!g_option_context_parse (context, &argc, &argv, &error))
    return taiou_cli_usage_error (context, error->message);

  if (argc < 2)
    return taiou_cli_usage_error (context,
                                  _("Say what to do: list, show ID, verify, export or "
                                    "import FILE…."));
  action = argv[1];

  /* The words after the action: list takes an incident or none (or --incident ID). */
  n_args = argc - 2;
  if (g_strcmp0 (action, "list") == 0 ? n_args > 1
      : g_strcmp0 (action, "show") == 0 ? n_args != 1
      : g_strcmp0 (action, "import") == 0 ? n_args < 1
      : g_strcmp0 (action, "note") == 0 || g_strcmp0 (action, "status") == 0 ? n_args != 2
      : g_strcmp0 (action, "verify") == 0 && checkpoint_options.files != NULL ? FALSE
      : n_args != 0)
    return taiou_cli_usage_error (context, _("Wrong number of arguments."));

  if (g_strcmp0 (action, "list") != 0 && g_strcmp0 (action, "show") != 0 &&
      g_strcmp0 (action, "verify") != 0 && g_strcmp0 (action, "export") != 0 &&
      g_strcmp0 (action, "import") != 0 && g_strcmp0 (action, "new") != 0 &&
      g_strcmp0 (action, "note") != 0 && g_strcmp0 (action, "status") != 0 &&
      g_strcmp0 (action, "checkpoint") != 0)
    {
      g_autofree char *message = g_strdup_printf (_("Unknown timeline action “%s”."), action);
      return taiou_cli_usage_error (context, message);
    }

  /* A note is recorded through the case, which opens the timeline itself. */
  if (g_strcmp0 (action, "note") == 0)
    return taiou_cli_timeline_note (options, argv[2], argv[3]);

  /* A checkpoint is recorded through the case too. */
  if (g_strcmp0 (action, "checkpoint") == 0)
    return taiou_cli_timeline_checkpoint (options, export_options.incident_id,
                                          export_options.output, &checkpoint_options);

  timeline = taiou_cli_open_timeline (options, &error);
  if (timeline == NULL)
    return taiou_cli_fail (g_steal_pointer (&error));

  if (g_strcmp0 (action, "new") == 0)
    return taiou_cli_timeline_new (timeline, options, &edit_options);
  if (g_strcmp0 (action, "status") == 0)
    return taiou_cli_timeline_status (timeline, options, argv[2], argv[3]);
  if (g_strcmp0 (action, "list") == 0 && (n_args == 1 || export_options.incident_id > 0))
    {
      g_autofree char *id_text = n_args == 1
                                 ? g_strdup (argv[2])
                                 : g_strdup_printf ("%" G_GINT64_FORMAT,
                                                    export_options.incident_id);

      return taiou_cli_timeline_list_events (timeline, options, &edit_options, id_text);
    }
  if (g_strcmp0 (action, "list") == 0 && taiou_cli_timeline_edit_has_filters (&edit_options))
    {
      g_printerr ("taiou-cli: %s\n",
                  _("Filters apply to one incident's events: say which, e.g. "
                    "“timeline list 3 --kind note”."));
      return TAIOU_CLI_EXIT_ERROR;
    }
  if (g_strcmp0 (action, "list") == 0)
    return timeline_list (timeline, options);
  if (g_strcmp0 (action, "show") == 0)
    return timeline_show (timeline, options, argv[2]);
  if (g_strcmp0 (action, "export") == 0)
    return taiou_cli_timeline_export (timeline, &export_options);
  if (g_strcmp0 (action, "import") == 0)
    return taiou_cli_timeline_import (timeline, options, export_options.incident_id, argc - 2,
                                      argv + 2);
  if (checkpoint_options.files != NULL)
    {
      /* `verify --checkpoint A B C`: the shell's expansion of a pattern lands after the first. */
      g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
      g_auto(GStrv) files = NULL;

      g_strv_builder_addv (builder, (const char **) checkpoint_options.files);
      g_strv_builder_addv (builder, (const char **) argv + 2);
      files = g_strv_builder_end (builder);
      return taiou_cli_timeline_verify_checkpoints (timeline, options, checkpoint_options.key,
                                                    files);
    }
  return timeline_verify (timeline, options);
}
