/* taiou-cli-notice.c — `taiou-cli notice list|render`: Japanese notices from the templates
 *
 * Variables come from a JSON object (strings; an array of strings is a list).  A missing
 * required variable is an error that names it (exit 2), never a blank in the letter.
 */
#define G_LOG_DOMAIN "taiou-cli"

#include "config.h"

#include <errno.h>
#include <glib/gi18n.h>
#include <string.h>

#include "taiou-cli-private.h"

static int
notice_list (TaiouCliOptions *options)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) templates = taiou_notice_list_templates (&error);

  if (templates == NULL)
    return taiou_cli_fail (g_steal_pointer (&error));
  for (guint i = 0; i < templates->len; i++)
    {
      TaiouNoticeTemplate *notice = templates->pdata[i];
      const char * const *names = taiou_notice_template_get_required (notice);
      g_autofree char *required = g_strjoinv (", ", (char **) names);

      g_print ("%-18s %s\n", taiou_notice_template_get_name (notice),
               taiou_notice_template_get_title (notice));
      g_print (_("                   needs: %s\n"), required);
    }
  return TAIOU_CLI_EXIT_OK;
}

/* {"company": "…", "our_domains": ["a.example", "b.example"], …} */
static GHashTable *
read_variables (const char  *path,
                GError     **error)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GHashTable) variables = NULL;
  g_autofree char *data = NULL;
  gsize length = 0;
  JsonNode *root;
  JsonObjectIter iter;
  const char *name;
  JsonNode *node;

  data = taiou_file_read_bounded (path, 1024 * 1024, &length, error);
  if (data == NULL || !json_parser_load_from_data (parser, data, (gssize) length, error))
    return NULL;
  root = json_parser_get_root (parser);
  if (root == NULL || !JSON_NODE_HOLDS_OBJECT (root))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                   _("%s: the variables must be a JSON object"), path);
      return NULL;
    }
  variables = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  json_object_iter_init (&iter, json_node_get_object (root));
  while (json_object_iter_next (&iter, &name, &node))
    {
      if (JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_STRING)
        g_hash_table_insert (variables, g_strdup (name), json_node_dup_string (node));
      else if (JSON_NODE_HOLDS_ARRAY (node))
        {
          JsonArray *array = json_node_get_array (node);
          GString *lines = g_string_new (NULL);

          for (guint i = 0; i < json_array_get_length (array); i++)
            {
              const char *item = json_array_get_string_element (array, i);

              if (item == NULL)
                continue;
              if (lines->len > 0)
                g_string_append_c (lines, '\n');
              g_string_append (lines, item);
            }
          g_hash_table_insert (variables, g_strdup (name), g_string_free (lines, FALSE));
        }
    }
  return g_steal_pointer (&variables);
}

static gboolean
write_file (const char  *folder,
            const char  *name,
            const char  *data,
            gsize        length,
            GError     **error)
{
  g_autofree char *path = g_build_filename (folder, name, NULL);

  if (g_mkdir_with_parents (folder, 0700) != 0)
    {
      int saved_errno = errno;

      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved_errno), _("Cannot create %s"),
                   folder);
      return FALSE;
    }
  if (!g_file_set_contents_full (path, data, (gssize) length, G_FILE_SET_CONTENTS_CONSISTENT,
                                 0600, error))
    return FALSE;
  g_print (_("Wrote %s\n"), path);
  return TRUE;
}

static int
write_eml (TaiouNoticeTemplate *notice,
           TaiouNoticeText     *text,
           const char          *recipients_path,
           const char          *from,
           const char          *reply_to,
           guint                batch_size,
           const char          *out_dir,
           TaiouCase           *notice_case)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TaiouNoticeRecipients) recipients = NULL;
  g_autoptr(GPtrArray) batches = NULL;
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  gsize data_length = 0;
  g_autofree char *data = taiou_file_read_bounded (recipients_path, 16 * 1024 * 1024,
                                                   &data_length, &error);

  if (data == NULL)
    return taiou_cli_fail (g_steal_pointer (&error));
  recipients = taiou_notice_recipients_parse_file (data, data_length);
  for (guint i = 0; i < recipients->invalid->len; i++)
    {
      g_autofree char *shown = taiou_cli_printable (recipients->invalid->pdata[i]);

      g_printerr (_("taiou-cli: not a valid address, left out: %s\n"), shown);
    }
  batches = taiou_notice_build_eml (text, from, reply_to, recipients->addresses, batch_size, now,
                                    &error);
  if (batches == NULL)
    return taiou_cli_fail (g_steal_pointer (&error));
  for (guint i = 0; i < batches->len; i++)
    {
      g_autofree char *name = g_strdup_printf ("%s-%03u.eml",
                                               taiou_notice_template_get_name (notice), i + 1);
      gsize length;
      const char *bytes = g_bytes_get_data (batches->pdata[i], &length);

      if (!write_file (out_dir, name, bytes, length, &error))
        return taiou_cli_fail (g_steal_pointer (&error));
    }
  g_print (g_dngettext (GETTEXT_PACKAGE, "%u recipient in %u message, all in Bcc.\n",
                        "%u recipients in %u messages, all in Bcc.\n",
                        recipients->addresses->len),
           recipients->addresses->len, batches->len);
  if (taiou_case_get_incident (notice_case) != NULL &&
      !taiou_case_record_notice (notice_case, taiou_case_get_incident (notice_case), notice,
                                 "eml", batches->len, recipients->addresses->len, &error))
    return taiou_cli_fail (g_steal_pointer (&error));
  return TAIOU_CLI_EXIT_OK;
}

static int
notice_render (int              argc,
               char           **argv,
               TaiouCliOptions *options)
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(TaiouNoticeTemplate) notice = NULL;
  g_autoptr(GHashTable) variables = NULL;
  g_autoptr(TaiouNoticeText) text = NULL;
  g_autoptr(TaiouCase) notice_case = NULL;
  g_autofree char *vars_path = NULL;
  g_autofree char *format = NULL;
  g_autofree char *out_dir = NULL;
  g_autofree char *output = NULL;
  g_autofree char *recipients_path = NULL;
  g_autofree char *from = NULL;
  g_autofree char *reply_to = NULL;
  g_autoptr(GDateTime) today = g_date_time_new_now_local ();
  gint64 incident_id = 0;
  int batch_size = TAIOU_NOTICE_DEFAULT_BATCH_SIZE;
  const GOptionEntry entries[] = {
    { "vars", 0, 0, G_OPTION_ARG_FILENAME, &vars_path,
      N_("The variables, as a JSON object (an array is a list); they add to and override what "
         "the incident and Preferences give"), N_("FILE") },
    { "format", 0, 0, G_OPTION_ARG_STRING, &format, N_("text (default), html or eml"),
      N_("FORMAT") },
    { "recipients", 0, 0, G_OPTION_ARG_FILENAME, &recipients_path,
      N_("For eml: the recipients (a pasted list, Outlook/Thunderbird CSV or vCard)"),
      N_("FILE") },
    { "from", 0, 0, G_OPTION_ARG_STRING, &from, N_("For eml: the sender address"),
      N_("ADDRESS") },
    { "reply-to", 0, 0, G_OPTION_ARG_STRING, &reply_to, N_("For eml: where replies go"),
      N_("ADDRESS") },
    { "batch-size", 0, 0, G_OPTION_ARG_INT, &batch_size,
      N_("For eml: recipients per message, all in Bcc (default 50)"), N_("N") },
    { "incident", 0, 0, G_OPTION_ARG_INT64, &incident_id,
      N_("Fill the dates from this incident and record in its timeline that the notice was "
         "made (never the addresses)"), N_("ID") },
    { "out", 0, 0, G_OPTION_ARG_FILENAME, &out_dir,
      N_("Write TEMPLATE.txt or TEMPLATE.html into this folder instead of printing"),
      N_("DIR") },
    { NULL }
  };

  context = g_option_context_new (_("TEMPLATE — fill a notice template"));
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  g_option_context_set_translation_domain (context, GETTEXT_PACKAGE);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    return taiou_cli_usage_error (context, error->message);
  if (argc != 2 || (vars_path == NULL && incident_id <= 0))
    return taiou_cli_usage_error (context, _("Give one template name and --vars FILE or "
                                             "--incident ID."));
  if (format == NULL)
    format = g_strdup ("text");
  if (!g_str_equal (format, "text") && !g_str_equal (format, "html") &&
      !g_str_equal (format, "eml"))
    return taiou_cli_usage_error (context, _("The format must be text, html or eml."));
  if (g_str_equal (format, "eml") && (recipients_path == NULL || out_dir == NULL))
    return taiou_cli_usage_error (context, _("eml needs --recipients FILE and --out DIR."));
  if (batch_size <= 0)
    return taiou_cli_usage_error (context, _("The batch size must be a positive number."));
  notice_case = taiou_cli_open_case (options, &(TaiouCliCaseOptions) {
                                      .incident_id = incident_id,
                                    }, &error);
  if (notice_case == NULL)
    return taiou_cli_fail (g_steal_pointer (&error));

  if ((notice = taiou_notice_template_find (argv[1], &error)) == NULL ||
      (variables = taiou_case_dup_notice_variables (notice_case,
                                                    taiou_case_get_incident (notice_case),
                                                    today, &error)) == NULL)
    return taiou_cli_fail (g_steal_pointer (&error));
  if (vars_path != NULL)
    {
      g_autoptr(GHashTable) given = read_variables (vars_path, &error);
      GHashTableIter iter;
      gpointer name, value;

      if (given == NULL)
        return taiou_cli_fail (g_steal_pointer (&error));
      g_hash_table_iter_init (&iter, given);
      while (g_hash_table_iter_next (&iter, &name, &value))
        {
          g_hash_table_replace (variables, name, value);
          g_hash_table_iter_steal (&iter);
        }
    }
  if ((text = taiou_notice_render (notice, variables, &error)) == NULL)
    return taiou_cli_fail (g_steal_pointer (&error));

  if (g_str_equal (format, "eml") && from == NULL)
    from = g_strdup (taiou_profile_get_notice_sender (taiou_case_get_profile (notice_case)));
  if (g_str_equal (format, "eml"))
    return write_eml (notice, text, recipients_path, from, reply_to, (guint) batch_size, out_dir,
                      notice_case);
  if (g_str_equal (format, "html"))
    output = taiou_notice_text_to_html (text, taiou_notice_template_get_title (notice));
  else if (text->subject != NULL)
    output = g_strdup_printf ("件名: %s\n\n%s", text->subject, text->body);
  else
    output = g_strdup (text->body);

  if (out_dir == NULL)
    taiou_cli_print_utf8 (output);
  else
    {
      g_autofree char *file = g_strconcat (argv[1], g_str_equal (format, "html") ? ".html"
                                                                                  : ".txt", NULL);

      if (!write_file (out_dir, file, output, strlen (output), &error))
        return taiou_cli_fail (g_steal_pointer (&error));
    }
  if (incident_id > 0 &&
      !taiou_case_record_notice (notice_case, taiou_case_get_incident (notice_case), notice,
                                 format, 0, 0, &error))
    return taiou_cli_fail (g_steal_pointer (&error));
  return TAIOU_CLI_EXIT_OK;
}

int
taiou_cli_notice (int              argc,
                  char           **argv,
                  TaiouCliOptions *options)
{
  if (argc >= 2 && g_str_equal (argv[1], "list"))
    return notice_list (options);
  if (argc >= 2 && g_str_equal (argv[1], "render"))
    return notice_render (argc - 1, argv + 1, options);
  g_printerr ("%s\n", _("usage: taiou-cli notice list | notice render TEMPLATE --vars FILE "
                        "[--format text|html|eml] [--out DIR] [--recipients FILE --from ADDRESS]"));
  return TAIOU_CLI_EXIT_ERROR;
}
