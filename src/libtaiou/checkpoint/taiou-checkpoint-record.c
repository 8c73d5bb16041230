/* taiou-checkpoint-record.c — issuing a checkpoint of the record, and holding the record to one
 *
 * The database has one chain for all incidents (taiou-timeline.c), so a checkpoint covers the
 * chain's first N events whatever incident it was given for: N is the number of events in the
 * whole record when it was issued, its head the hash of event #N recomputed from the genesis
 * hash.  An incident's checkpoint also names the incident and counts its events among the N,
 * for the people reading it.  Holding the record to a checkpoint recomputes events #1…#N the
 * same way: someone who edited a row and then re-chained every row after it gets a consistent
 * chain that `timeline verify` accepts, but not the head the checkpoint's holder kept.
 */
#define G_LOG_DOMAIN "taiou-checkpoint"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "taiou-checkpoint-record.h"
#include "taiou-event-kinds.h"
#include "taiou-json-private.h"
#include "taiou-timeline-prefix.h"

void
taiou_checkpoint_check_free (TaiouCheckpointCheck *self)
{
  if (self == NULL)
    return;
  g_free (self->problem);
  g_free (self);
}

static void
hex_to_bytes (const char *hex,
              guint8     *bytes)
{
  for (guint i = 0; i < TAIOU_CHECKPOINT_HASH_LEN; i++)
    bytes[i] = (g_ascii_xdigit_value (hex[2 * i]) << 4) | g_ascii_xdigit_value (hex[2 * i + 1]);
}

/**
 * taiou_checkpoint_issue:
 * @incident: (nullable): the incident it is given for, NULL for the whole database
 * @issued_to: (nullable): whom it is given to
 *
 * Signs a checkpoint of every event now in the record.  A record whose chain is already
 * broken is refused: a checkpoint would vouch for the tampered events.
 *
 * Returns: (transfer full): the signed checkpoint, or NULL with @error
 */
TaiouCheckpoint *
taiou_checkpoint_issue (TaiouTimeline       *timeline,
                        TaiouCheckpointKey  *key,
                        TaiouIncident       *incident,
                        const char          *issued_to,
                        GCancellable        *cancellable,
                        GError             **error)
{
  g_autoptr(TaiouCheckpoint) checkpoint = NULL;
  TaiouTimelinePrefix prefix;
  gint64 incident_id;

  g_return_val_if_fail (TAIOU_IS_TIMELINE (timeline), NULL);
  g_return_val_if_fail (TAIOU_IS_CHECKPOINT_KEY (key), NULL);
  g_return_val_if_fail (incident == NULL || TAIOU_IS_INCIDENT (incident), NULL);

  incident_id = incident != NULL ? taiou_incident_get_id (incident) : 0;
  if (!taiou_timeline_hash_prefix (timeline, -1, incident_id, &prefix, cancellable, error))
    return NULL;
  if (prefix.first_unlinked_seq != 0)
    {
      g_set_error (error, TAIOU_CHECKPOINT_ERROR, TAIOU_CHECKPOINT_ERROR_DAMAGED,
                   _("The record is already broken at event #%lld, so no checkpoint was "
                     "signed: it would vouch for the damage. Run “taiou-cli timeline verify”."),
                   (long long) prefix.first_unlinked_seq);
      return NULL;
    }

  checkpoint = taiou_checkpoint_new ();
  checkpoint->tree_size = prefix.n_events;
  if (prefix.n_events > 0)
    {
      hex_to_bytes (prefix.head_hash, checkpoint->root_hash);
      checkpoint->database = g_strdup (prefix.first_hash);
    }
  if (incident != NULL)
    {
      checkpoint->incident_id = incident_id;
      checkpoint->incident_uuid = g_strdup (taiou_incident_get_uuid (incident));
      checkpoint->incident_events = prefix.incident_events;
    }
  checkpoint->time_us = g_get_real_time ();
  checkpoint->issued_to = g_strdup (issued_to != NULL && issued_to[0] != '\0' ? issued_to : NULL);
  if (!taiou_checkpoint_sign (checkpoint, key, error))
    return NULL;
  return g_steal_pointer (&checkpoint);
}

/**
 * taiou_checkpoint_check_record:
 * @key: the key the checkpoint must be signed with (this installation's, or --key's)
 *
 * A checkpoint signed by another key, or whose signature fails, is an error
 * (TAIOU_CHECKPOINT_ERROR_WRONG_KEY, _BAD_SIGNATURE); a record that no longer holds what a
 * genuine checkpoint covered is a result.
 *
 * Returns: (transfer full): what the record holds of what @checkpoint covered, or NULL
 */
TaiouCheckpointCheck *
taiou_checkpoint_check_record (TaiouTimeline          *timeline,
                               TaiouCheckpointKey     *key,
                               const TaiouCheckpoint  *checkpoint,
                               GCancellable           *cancellable,
                               GError                **error)
{
  g_autoptr(TaiouCheckpointCheck) check = NULL;
  g_autofree char *expected = NULL;
  TaiouTimelinePrefix prefix;

  g_return_val_if_fail (TAIOU_IS_TIMELINE (timeline), NULL);
  g_return_val_if_fail (TAIOU_IS_CHECKPOINT_KEY (key), NULL);
  g_return_val_if_fail (checkpoint != NULL, NULL);

  if (!taiou_checkpoint_check_signature (checkpoint, key, error) ||
      !taiou_timeline_hash_prefix (timeline, checkpoint->tree_size, checkpoint->incident_id,
                                   &prefix, cancellable, error))
    return NULL;

  check = g_new0 (TaiouCheckpointCheck, 1);
  check->covered = checkpoint->tree_size;
  check->n_events_now = prefix.newest_seq;
  check->first_unlinked_seq = prefix.first_unlinked_seq;
  expected = checkpoint->tree_size > 0 ? taiou_checkpoint_dup_root_hex (checkpoint)
                                       : g_strdup (prefix.head_hash);

  if (prefix.newest_seq < checkpoint->tree_size)
    {
      check->verdict = TAIOU_CHECKPOINT_TRUNCATED;
      check->problem =
        g_strdup_printf (_("The record was cut short: the checkpoint covered %lld events, "
                           "but the record now ends at event #%lld. Events were removed from "
                           "its end."),
                         (long long) checkpoint->tree_size, (long long) prefix.newest_seq);
    }
  else if (strcmp (expected, prefix.head_hash) != 0)
    {
      GString *problem = g_string_new (NULL);

      check->verdict = TAIOU_CHECKPOINT_REWRITTEN;
      g_string_append_printf (problem,
                              _("The record was rewritten: its first %lld events no longer "
                                "hash to the head the checkpoint signed."),
                              (long long) checkpoint->tree_size);
      if (prefix.first_unlinked_seq != 0)
        g_string_append_printf (problem, " %s",
                                _("The chain itself is broken too; “taiou-cli timeline "
                                  "verify” names the first bad event."));
      else
        g_string_append_printf (problem, " %s",
                                _("The chain is consistent on its own, so the hashes were "
                                  "recomputed after the edit to hide it."));
      if (checkpoint->database != NULL && g_strcmp0 (checkpoint->database,
                                                     prefix.first_hash) != 0)
        g_string_append_printf (problem, " %s",
                                _("Even the first event differs: the checkpoint is from "
                                  "another database, or the record was rewritten from its "
                                  "start."));
      check->problem = g_string_free (problem, FALSE);
    }
  else
    check->verdict = TAIOU_CHECKPOINT_HELD;
  return g_steal_pointer (&check);
}

/**
 * taiou_checkpoint_dup_from_event:
 *
 * The report prints the newest checkpoint of its incident from the checkpoint.issued event's
 * detail.  The detail is read back from a database that may have been edited, so the text is
 * printed only if it still reads as a checkpoint.
 *
 * Returns: (transfer full) (nullable): the signed text @event recorded, or NULL when @event
 *   records no checkpoint
 */
char *
taiou_checkpoint_dup_from_event (TaiouEvent *event)
{
  g_autoptr(JsonParser) parser = NULL;
  g_autoptr(TaiouCheckpoint) checkpoint = NULL;
  const char *text;

  g_return_val_if_fail (TAIOU_IS_EVENT (event), NULL);

  if (g_strcmp0 (taiou_event_get_kind (event), TAIOU_EVENT_CHECKPOINT_ISSUED) != 0)
    return NULL;
  parser = json_parser_new ();
  if (!json_parser_load_from_data (parser, taiou_event_get_detail (event), -1, NULL) ||
      !JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser)))
    return NULL;
  text = _taiou_json_get_string (json_node_get_object (json_parser_get_root (parser)),
                                 TAIOU_EVENT_DETAIL_CHECKPOINT);
  if (text == NULL ||
      (checkpoint = taiou_checkpoint_parse (text, strlen (text), NULL)) == NULL)
    return NULL;
  return g_strdup (text);
}
