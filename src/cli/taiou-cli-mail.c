/* taiou-cli-mail.c — `taiou-cli mail FILE…`: was this mail dangerous?
 *
 * Our domains and names come from the app's settings (Preferences) and from --our-domain and
 * --our-name, the mail servers whose Authentication-Results count from there and from
 * --trusted-authserv-id; with none of them the spoofing checks have nothing to compare with, which the
 * output says.  Exit status 0 nothing found, 1 dangerous or suspicious, 2 a file could not be
 * read as mail.
 */
#define G_LOG_DOMAIN "taiou-cli"

#include "config.h"

#include <glib/gi18n.h>

#include "taiou-cli-private.h"

static void
print_report_text (TaiouMailReport *report,
                   gboolean         japanese)
{
  g_autofree char *source = taiou_cli_printable (report->source);
  g_autofree char *subject = taiou_cli_printable (report->subject);
  g_autofree char *from_name = taiou_cli_printable (report->from_name);
  g_autofree char *from_address = taiou_cli_printable (report->from_address);

  g_print ("%s\n", source);
  g_print (_("  Verdict: %s (score %d)\n"),
           japanese ? taiou_mail_verdict_label_ja (report->verdict)
                    : taiou_mail_verdict_to_string (report->verdict),
           report->score);
  g_print (_("  From:    %s <%s>\n"), from_name != NULL ? from_name : "",
           from_address != NULL ? from_address : "?");
  g_print (_("  Subject: %s\n"), subject != NULL ? subject : "");
  for (guint i = 0; i < report->attachments->len; i++)
    {
      TaiouMailAttachment *attachment = report->attachments->pdata[i];
      g_autofree char *path = taiou_cli_printable (attachment->path);

      g_print (_("  Attachment: %s (%llu bytes, SHA-256 %s)\n"), path,
               (unsigned long long) attachment->size, attachment->sha256);
    }
  if (report->findings->len > 0)
    g_print ("%s\n", _("  Why, most important first:"));
  for (guint i = 0; i < report->findings->len; i++)
    taiou_cli_print_finding (report->findings->pdata[i], japanese);
  if (report->verdict == TAIOU_MAIL_VERDICT_NOTHING_FOUND)
    g_print ("%s\n", _("  No known warning sign was found. This does not prove the mail is "
                       "safe: if you did not expect it, ask the sender by phone."));
  else
    g_print ("%s\n", _("  Do not open its attachments or links. Tell your IT manager and keep "
                       "the mail for them."));
}

int
taiou_cli_mail (int              argc,
                char           **argv,
                TaiouCliOptions *options)
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(TaiouCase) mail_case = NULL;
  g_auto(GStrv) ioc_files = NULL;
  g_auto(GStrv) our_domains = NULL;
  g_auto(GStrv) our_names = NULL;
  g_auto(GStrv) trusted_authserv_ids = NULL;
  g_auto(GStrv) yara_paths = NULL;
  gboolean no_yara = FALSE;
  gint64 incident_id = 0;
  gboolean no_bundled_iocs = FALSE;
  gboolean japanese = taiou_i18n_prefers_japanese ();
  gboolean unreadable = FALSE, detected = FALSE;
  const GOptionEntry entries[] = {
    { "our-domain", 0, 0, G_OPTION_ARG_STRING_ARRAY, &our_domains,
      N_("One of our mail domains (added to those in Preferences); may be repeated"),
      N_("DOMAIN") },
    { "our-name", 0, 0, G_OPTION_ARG_STRING_ARRAY, &our_names,
      N_("Our organisation's or a colleague's display name; may be repeated"), N_("NAME") },
    { "trusted-authserv-id", 0, 0, G_OPTION_ARG_STRING_ARRAY, &trusted_authserv_ids,
      N_("A mail server of ours whose Authentication-Results are believed (added to those in "
         "Preferences); may be repeated"), N_("SERVER") },
    { "ioc", 0, 0, G_OPTION_ARG_FILENAME_ARRAY, &ioc_files,
      N_("An IOC file to load (Loki, abuse.ch or Taiou format); may be repeated"), N_("FILE") },
    { "no-bundled-iocs", 0, 0, G_OPTION_ARG_NONE, &no_bundled_iocs,
      N_("Do not load the IOC snapshot that ships with Taiou"), NULL },
    { "yara", 0, 0, G_OPTION_ARG_FILENAME_ARRAY, &yara_paths,
      N_("A YARA rule file, or a folder of .yar/.yara files, to match every attachment "
         "against beside the bundled rules; may be repeated"), N_("PATH") },
    { "no-yara", 0, 0, G_OPTION_ARG_NONE, &no_yara,
      N_("Match no YARA rule, not even the bundled ones"), NULL },
    { "incident", 0, 0, G_OPTION_ARG_INT64, &incident_id,
      N_("Record each verdict in this incident's timeline (never the mail's text)"), N_("ID") },
    { "json", 0, 0, G_OPTION_ARG_NONE, &options->json, N_("Print JSON lines instead of text"),
      NULL },
    { NULL }
  };

  context = g_option_context_new (_("FILE… — tell whether mails (.eml, .msg, mbox) look dangerous"));
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  g_option_context_set_translation_domain (context, GETTEXT_PACKAGE);
  g_option_context_set_description (context,
    _("Nothing in the mail is opened or run. Exit status: 0 nothing found, 1 dangerous or "
      "suspicious, 2 a file could not be read as mail."));
  if (!g_option_context_parse (context, &argc, &argv, &error))
    return taiou_cli_usage_error (context, error->message);
  if (argc < 2)
    return taiou_cli_usage_error (context, _("Give at least one mail file."));

  mail_case = taiou_cli_open_case (options, &(TaiouCliCaseOptions) {
                                    .incident_id = incident_id,
                                    .our_domains = our_domains,
                                    .our_names = our_names,
                                    .ioc_files = ioc_files,
                                    .no_bundled_iocs = no_bundled_iocs,
                                    .trusted_authserv_ids = trusted_authserv_ids,
                                    .yara_paths = yara_paths,
                                    .no_yara = no_yara,
                                  }, &error);
  if (mail_case == NULL)
    return taiou_cli_fail (g_steal_pointer (&error));
  if (*taiou_profile_get_mail_domains (taiou_case_get_profile (mail_case)) == NULL &&
      !options->json)
    g_printerr ("%s\n", _("taiou-cli: our mail domains are not set (Preferences or "
                          "--our-domain), so mail pretending to be from us cannot be told."));
  if (taiou_cli_load_iocs (mail_case, &error) == NULL)
    return taiou_cli_fail (g_steal_pointer (&error));

  for (int i = 1; i < argc; i++)
    {
      g_autoptr(TaiouMailReport) report = NULL;
      g_autoptr(GError) mail_error = NULL;

      report = taiou_case_check_mail (mail_case, argv[i], NULL, &mail_error);
      if (report == NULL)
        {
          g_printerr (_("taiou-cli: %s cannot be read as mail: %s\n"), argv[i],
                      mail_error->message);
          unreadable = TRUE;
          continue;
        }
      detected |= report->verdict != TAIOU_MAIL_VERDICT_NOTHING_FOUND;
      if (options->json)
        {
          JsonObject *object = taiou_mail_report_to_json (report);

          json_object_set_string_member (object, "event_type", "mail");
          taiou_cli_print_json_line (object);
        }
      else
        print_report_text (report, japanese);
      if (incident_id > 0 && !taiou_case_record_mail (mail_case, report, &error))
        return taiou_cli_fail (g_steal_pointer (&error));
    }

  if (incident_id > 0 && !options->json)
    g_print (_("Recorded in the timeline of incident #%lld.\n"), (long long) incident_id);
  if (unreadable)
    return TAIOU_CLI_EXIT_ERROR;
  return detected ? TAIOU_CLI_EXIT_DETECTED : TAIOU_CLI_EXIT_OK;
}
