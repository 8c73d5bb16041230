/* taiou-cli-notice.c — `taiou-cli notice list|render`: Japanese notices from the templates
 *
 * Variables come from a JSON object (strings; an array of strings is a list).  A missing
 * required variable is an error that names it (exit 2), never a blank in the letter.
 */
#define G_LOG_DOMAIN "taiou-cli"

#include "config.h"

#include <glib/gi18n.h>

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
      g_autofree char *required = g_strjoinv (", ",
                                              (char **) taiou_notice_template_get_required (notice));

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
  g_autofree char *vars_path = NULL;
  g_autofree char *format = NULL;
  g_autofree char *out_dir = NULL;
  g_autofree char *output = NULL;
  const GOptionEntry entries[] = {
    { "vars", 0, 0, G_OPTION_ARG_FILENAME, &vars_path,
      N_("The variables, as a JSON object (an array is a list)"), N_("FILE") },
    { "format", 0, 0, G_OPTION_ARG_STRING, &format, N_("text (default) or html"),
      N_("FORMAT") },
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
  if (argc != 2 || vars_path == NULL)
    return taiou_cli_usage_error (context, _("Give one template name and --vars FILE."));
  if (format != NULL && !g_str_equal (format, "text") && !g_str_equal (format, "html"))
    return taiou_cli_usage_error (context, _("The format must be text or html."));

  if ((notice = taiou_notice_template_find (argv[1], &error)) == NULL ||
      (variables = read_variables (vars_path, &error)) == NULL ||
      (text = taiou_notice_render (notice, variables, &error)) == NULL)
    return taiou_cli_fail (g_steal_pointer (&error));

  if (format != NULL && g_str_equal (format, "html"))
    output = taiou_notice_text_to_html (text, taiou_notice_template_get_title (notice));
  else if (text->subject != NULL)
    output = g_strdup_printf ("件名: %s\n\n%s", text->subject, text->body);
  else
    output = g_strdup (text->body);

  if (out_dir == NULL)
    {
      taiou_cli_print_utf8 (output);
      return TAIOU_CLI_EXIT_OK;
    }
  {
    g_autofree char *file = g_strconcat (argv[1], format != NULL && g_str_equal (format, "html")
                                                  ? ".html" : ".txt", NULL);
    g_autofree char *path = g_build_filename (out_dir, file, NULL);

    if (g_mkdir_with_parents (out_dir, 0700) != 0 ||
        !g_file_set_contents_full (path, output, -1, G_FILE_SET_CONTENTS_CONSISTENT, 0600,
                                   &error))
      {
        if (error == NULL)
          g_set_error (&error, G_IO_ERROR, G_IO_ERROR_FAILED, _("Cannot create %s"), out_dir);
        return taiou_cli_fail (g_steal_pointer (&error));
      }
    g_print (_("Wrote %s\n"), path);
  }
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
                        "[--format text|html] [--out DIR]"));
  return TAIOU_CLI_EXIT_ERROR;
}
