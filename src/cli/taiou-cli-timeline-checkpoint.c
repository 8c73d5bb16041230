/* taiou-cli-timeline-checkpoint.c — `taiou-cli timeline checkpoint` and `verify --checkpoint`
 *
 * `checkpoint [--incident ID] [--to NAME] [-o FILE]` signs a checkpoint of the whole record with
 * this installation's key, writes it (standard output by default; a file appears only once it is
 * complete) and records a checkpoint.issued event, so the record shows when each was given and to
 * whom.  `--show-key` prints the key's name, fingerprint and public key instead.
 * `verify --checkpoint FILE…` holds the record to each checkpoint: exit 0 when every one still
 * holds, 1 when the record was rewritten or cut short, 2 when a file is not a checkpoint or not
 * signed by the key (this installation's, or --key's).
 */
#define G_LOG_DOMAIN "taiou-cli"

#include "config.h"

#include <glib/gi18n.h>

#include "taiou-cli-private.h"

GOptionGroup *
taiou_cli_checkpoint_option_group (TaiouCliCheckpointOptions *options)
{
  const GOptionEntry entries[] = {
    { "to", 0, 0, G_OPTION_ARG_STRING, &options->to,
      N_("checkpoint: whom the checkpoint is given to (recorded with it)"), N_("NAME") },
    { "show-key", 0, 0, G_OPTION_ARG_NONE, &options->show_key,
      N_("checkpoint: print this installation's signing key's fingerprint and public key"),
      NULL },
    { "checkpoint", 0, 0, G_OPTION_ARG_FILENAME_ARRAY, &options->files,
      N_("verify: prove the record still holds every event this checkpoint covered"),
      N_("FILE") },
    { "key", 0, 0, G_OPTION_ARG_STRING, &options->key,
      N_("verify: check checkpoints against this public key (base64) instead of this "
         "installation's"), N_("BASE64") },
    { NULL }
  };
  GOptionGroup *group = g_option_group_new ("checkpoint", _("Checkpoint options:"),
                                            _("Show the checkpoint options"), NULL, NULL);

  g_option_group_add_entries (group, entries);
  g_option_group_set_translation_domain (group, GETTEXT_PACKAGE);
  return group;
}

void
taiou_cli_checkpoint_options_clear (TaiouCliCheckpointOptions *options)
{
  g_clear_pointer (&options->to, g_free);
  g_clear_pointer (&options->files, g_strfreev);
  g_clear_pointer (&options->key, g_free);
}

static TaiouCheckpointKey *
load_own_key (GError **error)
{
  g_autofree char *path = taiou_checkpoint_key_get_default_path ();

  return taiou_checkpoint_key_load_or_create (path, error);
}

static int
show_key (TaiouCliOptions *options)
{
  g_autoptr(TaiouCheckpointKey) key = NULL;
  g_autofree char *fingerprint = NULL;
  g_autofree char *public_key = NULL;
  GError *error = NULL;

  key = load_own_key (&error);
  if (key == NULL)
    return taiou_cli_fail (error);
  fingerprint = taiou_checkpoint_key_dup_fingerprint (key);
  public_key = taiou_checkpoint_key_dup_public_base64 (key);

  if (options->json)
    {
      g_autoptr(JsonNode) root = json_node_new (JSON_NODE_OBJECT);
      JsonObject *object = json_object_new ();

      json_object_set_string_member (object, "name", taiou_checkpoint_key_get_name (key));
      json_object_set_string_member (object, "fingerprint", fingerprint);
      json_object_set_string_member (object, "public_key", public_key);
      json_node_take_object (root, object);
      taiou_cli_print_json (root);
      return TAIOU_CLI_EXIT_OK;
    }
  g_print (_("Checkpoint key:  %s\n"), taiou_checkpoint_key_get_name (key));
  g_print (_("Fingerprint:     %s\n"), fingerprint);
  g_print (_("Public key:      %s\n"), public_key);
  return TAIOU_CLI_EXIT_OK;
}

int
taiou_cli_timeline_checkpoint (TaiouCliOptions           *options,
                               gint64                     incident_id,
                               const char                *output,
                               TaiouCliCheckpointOptions *checkpoint_options)
{
  TaiouCliCaseOptions case_options = { .incident_id = incident_id };
  g_autoptr(TaiouCheckpointKey) key = NULL;
  g_autoptr(TaiouCheckpoint) checkpoint = NULL;
  g_autoptr(TaiouTimeline) timeline = NULL;
  g_autoptr(TaiouProfile) profile = NULL;
  g_autoptr(TaiouCase) self = NULL;
  TaiouIncident *incident = NULL;
  GError *error = NULL;

  if (checkpoint_options->show_key)
    return show_key (options);

  /* With --incident the case selects it (and refuses a typo); without, the checkpoint is of
   * the whole database and its event belongs to no incident. */
  if (incident_id > 0)
    self = taiou_cli_open_case (options, &case_options, &error);
  else if ((timeline = taiou_cli_open_timeline (options, &error)) != NULL)
    self = taiou_case_new (timeline, profile = taiou_profile_new ());
  if (self == NULL)
    return taiou_cli_fail (error);
  incident = incident_id > 0 ? taiou_case_get_incident (self) : NULL;

  key = load_own_key (&error);
  if (key == NULL ||
      (checkpoint = taiou_checkpoint_issue (taiou_case_get_timeline (self), key, incident,
                                            checkpoint_options->to, NULL, &error)) == NULL)
    return taiou_cli_fail (error);

  if (output != NULL && !g_file_set_contents (output, checkpoint->text, -1, &error))
    return taiou_cli_fail (error);
  if (!taiou_case_record_checkpoint (self, incident, checkpoint, output, &error))
    return taiou_cli_fail (error);

  if (options->json)
    {
      g_autoptr(JsonNode) root = json_node_new (JSON_NODE_OBJECT);
      JsonObject *object = json_object_new ();
      g_autofree char *head = taiou_checkpoint_dup_root_hex (checkpoint);

      json_object_set_string_member (object, "checkpoint", checkpoint->text);
      json_object_set_int_member (object, "events", checkpoint->tree_size);
      json_object_set_string_member (object, "head_hash", head);
      json_object_set_string_member (object, "key", checkpoint->origin);
      if (output != NULL)
        json_object_set_string_member (object, "file", output);
      json_node_take_object (root, object);
      taiou_cli_print_json (root);
    }
  else if (output == NULL)
    taiou_cli_print_utf8 (checkpoint->text);
  else
    g_print (g_dngettext (GETTEXT_PACKAGE,
                          "Checkpoint of %lld event written to %s.\n",
                          "Checkpoint of %lld events written to %s.\n",
                          checkpoint->tree_size),
             (long long) checkpoint->tree_size, output);
  return TAIOU_CLI_EXIT_OK;
}

static TaiouCheckpointKey *
verifying_key (const char  *key_text,
               GError     **error)
{
  g_autofree guchar *raw = NULL;
  gsize length = 0;

  if (key_text == NULL)
    return load_own_key (error);
  /* g_base64_decode() skips stray characters; the length check catches a garbled key. */
  raw = g_base64_decode (key_text, &length);
  return taiou_checkpoint_key_new_from_public (raw, length, error);
}

/* One file: TRUE when it holds; @worst gets the exit status it calls for. */
static void
verify_one (TaiouTimeline      *timeline,
            TaiouCheckpointKey *key,
            const char         *path,
            gboolean            json,
            JsonArray          *results,
            int                *worst)
{
  g_autoptr(TaiouCheckpoint) checkpoint = NULL;
  g_autoptr(TaiouCheckpointCheck) check = NULL;
  g_autoptr(GError) error = NULL;
  const char *verdict;

  checkpoint = taiou_checkpoint_read_file (path, &error);
  if (checkpoint != NULL)
    check = taiou_checkpoint_check_record (timeline, key, checkpoint, NULL, &error);

  verdict = check == NULL ? "error"
            : check->verdict == TAIOU_CHECKPOINT_HELD ? "held"
            : check->verdict == TAIOU_CHECKPOINT_TRUNCATED ? "truncated" : "rewritten";
  if (check == NULL)
    *worst = TAIOU_CLI_EXIT_ERROR;
  else if (check->verdict != TAIOU_CHECKPOINT_HELD && *worst == TAIOU_CLI_EXIT_OK)
    *worst = TAIOU_CLI_EXIT_DETECTED;

  if (json)
    {
      JsonObject *object = json_object_new ();

      json_object_set_string_member (object, "file", path);
      json_object_set_string_member (object, "result", verdict);
      if (check != NULL)
        {
          json_object_set_int_member (object, "covered", check->covered);
          json_object_set_int_member (object, "events_now", check->n_events_now);
        }
      json_object_set_string_member (object, "problem",
                                     check == NULL ? error->message : check->problem);
      json_array_add_object_element (results, object);
    }
  else if (check == NULL)
    {
      /* The message can quote the file's own words (its signers' names). */
      g_autofree char *message = taiou_cli_printable (error->message);

      g_print (_("%s: REFUSED. %s\n"), path, message);
    }
  else if (check->verdict == TAIOU_CHECKPOINT_HELD)
    g_print (g_dngettext (GETTEXT_PACKAGE,
                          "%s: holds. The record still contains, unchanged, the %lld event "
                          "this checkpoint covered.\n",
                          "%s: holds. The record still contains, unchanged, the %lld events "
                          "this checkpoint covered.\n",
                          check->covered),
             path, (long long) check->covered);
  else
    g_print (_("%s: TAMPERED WITH. %s\n"), path, check->problem);
}

int
taiou_cli_timeline_verify_checkpoints (TaiouTimeline    *timeline,
                                       TaiouCliOptions  *options,
                                       const char       *key_text,
                                       char            **files)
{
  g_autoptr(TaiouCheckpointKey) key = NULL;
  g_autoptr(JsonArray) results = json_array_new ();
  GError *error = NULL;
  int worst = TAIOU_CLI_EXIT_OK;

  key = verifying_key (key_text, &error);
  if (key == NULL)
    return taiou_cli_fail (error);

  for (guint i = 0; files[i] != NULL; i++)
    verify_one (timeline, key, files[i], options->json, results, &worst);

  if (options->json)
    {
      g_autoptr(JsonNode) root = json_node_new (JSON_NODE_ARRAY);

      json_node_set_array (root, results);
      taiou_cli_print_json (root);
    }
  return worst;
}
