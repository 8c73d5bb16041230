/* taiou-cli-forward.c — `taiou-cli forward status|send|config`: the record to a syslog collector
 *
 * `send` forwards what the collector does not have yet and exits, so cron or a login script can
 * drive forwarding where the app is not running; `status` says how far the collector is; `config`
 * reads and writes the same Preferences as the app.  Flags override Preferences for one run.
 */
#define G_LOG_DOMAIN "taiou-cli"

#include "config.h"

#include <glib/gi18n.h>

#include "taiou-cli-private.h"
#include "taiou-forward-settings.h"

typedef struct
{
  char     *host;
  int       port;      /* 0: from Preferences */
  gboolean  tls;
  gboolean  no_tls;
  char     *ca_file;
  gboolean  system_ca;
  gboolean  enable;
  gboolean  disable;
  int       batch;
} ForwardOptions;

static void
forward_options_clear (ForwardOptions *options)
{
  g_clear_pointer (&options->host, g_free);
  g_clear_pointer (&options->ca_file, g_free);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (ForwardOptions, forward_options_clear)

static const char *usage_text =
  N_("usage: taiou-cli forward status | send | config "
     "[--host HOST] [--port PORT] [--tls|--no-tls] [--ca-file FILE|--system-ca] "
     "[--enable|--disable] [--batch N]");

static gboolean
parse_options (int              *argc,
               char           ***argv,
               ForwardOptions   *options,
               const char       *summary,
               gboolean          for_config,
               GError          **error)
{
  g_autoptr(GOptionContext) context = NULL;
  GOptionEntry entries[] = {
    { "host", 0, 0, G_OPTION_ARG_STRING, &options->host,
      N_("The syslog collector's host name or address"), N_("HOST") },
    { "port", 0, 0, G_OPTION_ARG_INT, &options->port,
      N_("Its TCP port (default 6514, syslog over TLS)"), N_("PORT") },
    { "tls", 0, 0, G_OPTION_ARG_NONE, &options->tls, N_("Use TLS (the default)"), NULL },
    { "no-tls", 0, 0, G_OPTION_ARG_NONE, &options->no_tls,
      N_("Send in plain TCP, unencrypted"), NULL },
    { "ca-file", 0, 0, G_OPTION_ARG_FILENAME, &options->ca_file,
      N_("Trust only the CA certificates in this PEM file"), N_("FILE") },
    { "system-ca", 0, 0, G_OPTION_ARG_NONE, &options->system_ca,
      N_("Trust the certificate authorities this computer trusts"), NULL },
    { "batch", 0, 0, G_OPTION_ARG_INT, &options->batch,
      N_("Events per connection (default 2000)"), N_("N") },
    { "enable", 0, 0, G_OPTION_ARG_NONE, &options->enable,
      N_("Let the app forward every event"), NULL },
    { "disable", 0, 0, G_OPTION_ARG_NONE, &options->disable,
      N_("Stop the app forwarding"), NULL },
    { NULL }
  };

  /* --enable and --disable change Preferences: only `config` takes them (entries 7 and 8). */
  if (!for_config)
    entries[7] = (GOptionEntry) { NULL };
  context = g_option_context_new (summary);
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  g_option_context_set_translation_domain (context, GETTEXT_PACKAGE);
  if (!g_option_context_parse (context, argc, argv, error))
    return FALSE;
  if (*argc != 1)
    {
      g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_FAILED,
                   _("Unexpected argument “%s”."), (*argv)[1]);
      return FALSE;
    }
  if ((options->tls && options->no_tls) || (options->enable && options->disable) ||
      (options->ca_file != NULL && options->system_ca))
    {
      g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_FAILED,
                   _("Give only one of --tls and --no-tls, of --enable and --disable, and of "
                     "--ca-file and --system-ca."));
      return FALSE;
    }
  if (options->batch < 0 || options->port < 0)
    {
      g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_FAILED,
                   _("The port and the batch size must be positive numbers."));
      return FALSE;
    }
  return TRUE;
}

/* Parses a subcommand's options; a mistake is printed with the usage. */
static gboolean
parse (int              *argc,
       char           ***argv,
       ForwardOptions   *options,
       const char       *summary,
       gboolean          for_config)
{
  g_autoptr(GError) error = NULL;

  if (parse_options (argc, argv, options, summary, for_config, &error))
    return TRUE;
  g_printerr ("taiou-cli: %s\n%s\n", error->message, _(usage_text));
  return FALSE;
}

/* The destination the flags and Preferences name together; flags win. */
static TaiouForwardDestination *
resolve_destination (ForwardOptions  *options,
                     GSettings       *settings,
                     GError         **error)
{
  g_autofree char *host = NULL;
  g_autofree char *ca_file = NULL;
  int port = TAIOU_FORWARD_DEFAULT_PORT;
  gboolean tls = TRUE;

  if (settings != NULL)
    {
      host = g_settings_get_string (settings, TAIOU_SETTINGS_FORWARD_HOST);
      ca_file = g_settings_get_string (settings, TAIOU_SETTINGS_FORWARD_CA_FILE);
      port = g_settings_get_int (settings, TAIOU_SETTINGS_FORWARD_PORT);
      tls = g_settings_get_boolean (settings, TAIOU_SETTINGS_FORWARD_TLS);
    }
  if (options->host != NULL)
    {
      g_free (host);
      host = g_strdup (options->host);
    }
  if (options->port > 0)
    port = options->port;
  if (options->tls || options->no_tls)
    tls = options->tls;
  if (options->ca_file != NULL || options->system_ca)
    {
      g_free (ca_file);
      ca_file = g_strdup (options->ca_file);
    }
  if (host == NULL || host[0] == '\0')
    {
      g_set_error (error, TAIOU_FORWARD_ERROR, TAIOU_FORWARD_ERROR_INVALID,
                   _("No syslog collector is set: give --host, or save one with "
                     "“taiou-cli forward config --host HOST”."));
      return NULL;
    }
  return taiou_forward_destination_new (host, (guint) port, tls, ca_file, error);
}

static void
print_report (TaiouCliOptions               *cli_options,
              const TaiouForwardDestination *destination,
              const TaiouForwardReport      *report,
              const GError                  *error)
{
  g_autofree char *key = taiou_forward_destination_get_key (destination);

  if (cli_options->json)
    {
      g_autoptr(JsonObject) object = json_object_new ();

      json_object_set_string_member (object, "destination", key);
      json_object_set_boolean_member (object, "tls", destination->tls);
      json_object_set_int_member (object, "sent", report->n_sent);
      json_object_set_int_member (object, "pending", report->n_pending);
      json_object_set_int_member (object, "last_seq", report->last_seq);
      if (error != NULL)
        json_object_set_string_member (object, "error", error->message);
      taiou_cli_print_json_line (g_steal_pointer (&object));
      return;
    }
  g_print (_("Sent %lld events to %s (%s); %lld pending.\n"),
           (long long) report->n_sent, key, destination->tls ? "TLS" : _("plain TCP"),
           (long long) report->n_pending);
}

static int
forward_send (int              argc,
              char           **argv,
              TaiouCliOptions *cli_options)
{
  g_auto(ForwardOptions) options = { 0 };
  g_autoptr(GSettings) settings = taiou_settings_new_if_installed ();
  g_autoptr(TaiouForwardDestination) destination = NULL;
  g_autoptr(TaiouTimeline) timeline = NULL;
  g_autoptr(GError) error = NULL;
  TaiouForwardReport report = { 0 };

  if (!parse (&argc, &argv, &options, _("— send the events the collector does not have yet"),
              FALSE))
    return TAIOU_CLI_EXIT_ERROR;
  if ((destination = resolve_destination (&options, settings, &error)) == NULL ||
      (timeline = taiou_cli_open_timeline (cli_options, &error)) == NULL)
    return taiou_cli_fail (g_steal_pointer (&error));

  if (!taiou_forward_send_pending (timeline, destination, (guint) options.batch, &report, NULL,
                                   &error))
    {
      print_report (cli_options, destination, &report, error);
      return taiou_cli_fail (g_steal_pointer (&error));
    }
  print_report (cli_options, destination, &report, NULL);
  return TAIOU_CLI_EXIT_OK;
}

static int
forward_status (int              argc,
                char           **argv,
                TaiouCliOptions *cli_options)
{
  g_auto(ForwardOptions) options = { 0 };
  g_autoptr(GSettings) settings = taiou_settings_new_if_installed ();
  g_autoptr(TaiouForwardDestination) destination = NULL;
  g_autoptr(TaiouTimeline) timeline = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *key = NULL;
  g_autofree char *sent_at = NULL;
  gint64 last_seq = 0, n_pending = 0, sent_us = 0;
  gboolean enabled;

  if (!parse (&argc, &argv, &options, _("— how far the collector is"), FALSE))
    return TAIOU_CLI_EXIT_ERROR;
  if ((destination = resolve_destination (&options, settings, &error)) == NULL ||
      (timeline = taiou_cli_open_timeline (cli_options, &error)) == NULL)
    return taiou_cli_fail (g_steal_pointer (&error));
  key = taiou_forward_destination_get_key (destination);
  if (!taiou_timeline_forward_status (timeline, key, &last_seq, &n_pending, &sent_us, &error))
    return taiou_cli_fail (g_steal_pointer (&error));
  enabled = settings != NULL && g_settings_get_boolean (settings,
                                                        TAIOU_SETTINGS_FORWARD_ENABLED);
  if (sent_us > 0)
    {
      g_autoptr(GDateTime) time = g_date_time_new_from_unix_local (sent_us / G_USEC_PER_SEC);

      sent_at = g_date_time_format_iso8601 (time);
    }

  if (cli_options->json)
    {
      g_autoptr(JsonObject) object = json_object_new ();

      json_object_set_string_member (object, "destination", key);
      json_object_set_boolean_member (object, "enabled", enabled);
      json_object_set_boolean_member (object, "tls", destination->tls);
      json_object_set_string_member (object, "ca_file", destination->ca_file);
      json_object_set_int_member (object, "last_seq", last_seq);
      json_object_set_int_member (object, "pending", n_pending);
      json_object_set_string_member (object, "last_sent", sent_at);
      taiou_cli_print_json_line (g_steal_pointer (&object));
      return TAIOU_CLI_EXIT_OK;
    }
  g_print (_("Collector:  %s (%s%s%s)\n"), key, destination->tls ? "TLS" : _("plain TCP"),
           destination->ca_file != NULL ? _(", CA file ") : "",
           destination->ca_file != NULL ? destination->ca_file : "");
  g_print (_("Forwarding: %s\n"), enabled ? _("on (the app sends as events are recorded)")
                                          : _("off in the app (taiou-cli forward send still "
                                              "sends)"));
  g_print (_("Sent up to event %lld%s%s; %lld pending.\n"),
           (long long) last_seq, sent_at != NULL ? _(", last at ") : "",
           sent_at != NULL ? sent_at : "", (long long) n_pending);
  return TAIOU_CLI_EXIT_OK;
}

static int
forward_config (int              argc,
                char           **argv,
                TaiouCliOptions *cli_options)
{
  g_auto(ForwardOptions) options = { 0 };
  g_autoptr(GSettings) settings = taiou_settings_new_if_installed ();
  g_autoptr(TaiouForwardDestination) destination = NULL;
  g_autoptr(GError) error = NULL;

  if (!parse (&argc, &argv, &options, _("— show or change the forwarding Preferences"), TRUE))
    return TAIOU_CLI_EXIT_ERROR;
  if (settings == NULL)
    {
      g_printerr ("taiou-cli: %s\n", _("The app’s Preferences are not installed here; give "
                                       "--host and the other options to “forward send” "
                                       "instead."));
      return TAIOU_CLI_EXIT_ERROR;
    }

  /* Validate the whole result before saving any of it. */
  destination = resolve_destination (&options, settings, &error);
  if (destination == NULL && (options.enable || options.host != NULL || options.port > 0))
    return taiou_cli_fail (g_steal_pointer (&error));
  g_clear_error (&error);

  g_settings_delay (settings);
  if (options.host != NULL)
    g_settings_set_string (settings, TAIOU_SETTINGS_FORWARD_HOST, destination->host);
  if (options.port > 0)
    g_settings_set_int (settings, TAIOU_SETTINGS_FORWARD_PORT, options.port);
  if (options.tls || options.no_tls)
    g_settings_set_boolean (settings, TAIOU_SETTINGS_FORWARD_TLS, options.tls);
  if (options.ca_file != NULL || options.system_ca)
    g_settings_set_string (settings, TAIOU_SETTINGS_FORWARD_CA_FILE,
                           options.ca_file != NULL ? options.ca_file : "");
  if (options.enable || options.disable)
    g_settings_set_boolean (settings, TAIOU_SETTINGS_FORWARD_ENABLED, options.enable);
  g_settings_apply (settings);
  g_settings_sync ();

  return forward_status (1, (char *[]) { (char *) "status", NULL }, cli_options);
}

int
taiou_cli_forward (int              argc,
                   char           **argv,
                   TaiouCliOptions *options)
{
  if (argc >= 2 && g_str_equal (argv[1], "send"))
    return forward_send (argc - 1, argv + 1, options);
  if (argc >= 2 && g_str_equal (argv[1], "status"))
    return forward_status (argc - 1, argv + 1, options);
  if (argc >= 2 && g_str_equal (argv[1], "config"))
    return forward_config (argc - 1, argv + 1, options);
  g_printerr ("%s\n", _(usage_text));
  return TAIOU_CLI_EXIT_ERROR;
}
