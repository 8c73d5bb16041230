/* taiou-checkpoint.c — the checkpoint's text: written, signed and read back
 *
 * The text follows C2SP tlog-checkpoint inside a C2SP signed note, so that a person can read it
 * on paper and a program of the transparency-log world can parse it:
 *
 *   taiou/3f2a9c1b7d4e5f60                          origin: the signing key's name
 *   1234                                            tree size: events #1…#1234 of the chain
 *   q1w2…=                                          root hash: event #1234's hash, base64
 *   database 9f86d0…                                extension lines, our own
 *   incident 3 6f1c…-uuid 57
 *   time 2026-12-03T19:30:00Z
 *   to 田中
 *                                                   a blank line
 *   — taiou/3f2a9c1b7d4e5f60 base64(key ID ‖ Ed25519 signature of the text above)
 *
 * Our "root hash" is not a Merkle tree root but the head of Taiou's linear chain: the tree size
 * and root hash still say "the first N entries, and a hash that commits to all of them".
 * Everything read here comes from a file someone handed over, so the reader is strict: a size
 * cap, UTF-8 without control characters, canonical numbers and base64.
 */
#define G_LOG_DOMAIN "taiou-checkpoint"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "taiou-checkpoint.h"
#include "taiou-file-read.h"

/* signed-note: verifiers must accept at least 16 signatures; Taiou writes one. */
#define MAX_SIGNATURES 16
#define SIGNATURE_PREFIX "\xe2\x80\x94 "  /* em dash U+2014, space */
#define KEY_ID_LEN 4

G_DEFINE_QUARK (taiou-checkpoint-error-quark, taiou_checkpoint_error)
G_DEFINE_BOXED_TYPE (TaiouCheckpoint, taiou_checkpoint, taiou_checkpoint_copy,
                     taiou_checkpoint_free)

TaiouCheckpoint *
taiou_checkpoint_new (void)
{
  TaiouCheckpoint *self = g_new0 (TaiouCheckpoint, 1);

  self->signer_names = g_ptr_array_new_with_free_func (g_free);
  return self;
}

TaiouCheckpoint *
taiou_checkpoint_copy (const TaiouCheckpoint *self)
{
  TaiouCheckpoint *copy;

  g_return_val_if_fail (self != NULL, NULL);

  copy = taiou_checkpoint_new ();
  *copy = *self;
  copy->origin = g_strdup (self->origin);
  copy->database = g_strdup (self->database);
  copy->incident_uuid = g_strdup (self->incident_uuid);
  copy->issued_to = g_strdup (self->issued_to);
  copy->text = g_strdup (self->text);
  copy->signer_names = g_ptr_array_new_with_free_func (g_free);
  for (guint i = 0; self->signer_names != NULL && i < self->signer_names->len; i++)
    g_ptr_array_add (copy->signer_names, g_strdup (self->signer_names->pdata[i]));
  return copy;
}

void
taiou_checkpoint_free (TaiouCheckpoint *self)
{
  if (self == NULL)
    return;
  g_free (self->origin);
  g_free (self->database);
  g_free (self->incident_uuid);
  g_free (self->issued_to);
  g_free (self->text);
  g_clear_pointer (&self->signer_names, g_ptr_array_unref);
  g_free (self);
}

/* Returns: (transfer full): the root hash as 64 lowercase hex digits, as the record stores it */
char *
taiou_checkpoint_dup_root_hex (const TaiouCheckpoint *self)
{
  GString *hex = g_string_sized_new (2 * TAIOU_CHECKPOINT_HASH_LEN);

  g_return_val_if_fail (self != NULL, NULL);

  for (guint i = 0; i < TAIOU_CHECKPOINT_HASH_LEN; i++)
    g_string_append_printf (hex, "%02x", self->root_hash[i]);
  return g_string_free (hex, FALSE);
}

static char *
format_time (gint64 time_us)
{
  g_autoptr(GDateTime) time = g_date_time_new_from_unix_utc (time_us / G_USEC_PER_SEC);

  return time != NULL ? g_date_time_format (time, "%Y-%m-%dT%H:%M:%SZ") : g_strdup ("-");
}

/**
 * taiou_checkpoint_format_note:
 *
 * Returns: (transfer full): the note text that is signed, ending in a newline
 */
char *
taiou_checkpoint_format_note (const TaiouCheckpoint *self)
{
  g_autofree char *root = NULL;
  g_autofree char *time = NULL;
  GString *note;

  g_return_val_if_fail (self != NULL && self->origin != NULL, NULL);

  root = g_base64_encode (self->root_hash, sizeof self->root_hash);
  time = format_time (self->time_us);
  note = g_string_new (NULL);
  g_string_append_printf (note, "%s\n%" G_GINT64_FORMAT "\n%s\n", self->origin,
                          self->tree_size, root);
  if (self->database != NULL)
    g_string_append_printf (note, "database %s\n", self->database);
  if (self->incident_id > 0)
    g_string_append_printf (note, "incident %" G_GINT64_FORMAT " %s %" G_GINT64_FORMAT "\n",
                            self->incident_id, self->incident_uuid, self->incident_events);
  g_string_append_printf (note, "time %s\n", time);
  if (self->issued_to != NULL && self->issued_to[0] != '\0')
    g_string_append_printf (note, "to %s\n", self->issued_to);
  return g_string_free (note, FALSE);
}

/* signed-note forbids control characters other than newline; a name typed by a person must not
 * break the text into lines either. */
static gboolean
is_clean_line (const char *text,
               gsize       length)
{
  if (!g_utf8_validate_len (text, length, NULL))
    return FALSE;
  for (gsize i = 0; i < length; i++)
    if ((guchar) text[i] < 0x20 || text[i] == 0x7f)
      return FALSE;
  return TRUE;
}

/**
 * taiou_checkpoint_sign:
 *
 * Signs the checkpoint with @key, whose name becomes its origin, and sets self->text.
 */
gboolean
taiou_checkpoint_sign (TaiouCheckpoint     *self,
                       TaiouCheckpointKey  *key,
                       GError             **error)
{
  guint8 signed_bytes[KEY_ID_LEN + TAIOU_CHECKPOINT_SIGNATURE_LEN];
  g_autofree char *note = NULL;
  g_autofree char *signature = NULL;
  guint32 id;

  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (TAIOU_IS_CHECKPOINT_KEY (key), FALSE);

  if (self->issued_to != NULL && !is_clean_line (self->issued_to, strlen (self->issued_to)))
    {
      g_set_error_literal (error, TAIOU_CHECKPOINT_ERROR, TAIOU_CHECKPOINT_ERROR_MALFORMED,
                           _("The recipient's name must be one line of text."));
      return FALSE;
    }

  g_free (self->origin);
  self->origin = g_strdup (taiou_checkpoint_key_get_name (key));
  note = taiou_checkpoint_format_note (self);

  id = taiou_checkpoint_key_get_id (key);
  signed_bytes[0] = id >> 24;
  signed_bytes[1] = id >> 16;
  signed_bytes[2] = id >> 8;
  signed_bytes[3] = id;
  if (!taiou_checkpoint_key_sign (key, note, strlen (note), signed_bytes + KEY_ID_LEN, error))
    return FALSE;
  signature = g_base64_encode (signed_bytes, sizeof signed_bytes);

  g_free (self->text);
  self->text = g_strdup_printf ("%s\n" SIGNATURE_PREFIX "%s %s\n", note, self->origin,
                                signature);
  g_ptr_array_set_size (self->signer_names, 0);
  g_ptr_array_add (self->signer_names, g_strdup (self->origin));
  return TRUE;
}

static gboolean
malformed (GError     **error,
           const char  *why)
{
  g_set_error (error, TAIOU_CHECKPOINT_ERROR, TAIOU_CHECKPOINT_ERROR_MALFORMED,
               _("This is not a valid checkpoint: %s"), why);
  return FALSE;
}

/* RFC 4648 base64, strictly: g_base64_decode() skips what it does not know, and a checkpoint
 * whose hash was garbled must be refused, not read as some other hash. */
static gboolean
decode_base64_exact (const char *text,
                     gsize       length,
                     guint8     *out,
                     gsize       out_length)
{
  static const char alphabet[] =
    "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
  g_autofree char *copy = NULL;
  g_autofree guchar *decoded = NULL;
  g_autofree char *again = NULL;
  gsize decoded_length = 0;

  if (length == 0 || length % 4 != 0 || length != 4 * ((out_length + 2) / 3))
    return FALSE;
  for (gsize i = 0; i < length; i++)
    {
      gboolean padding = text[i] == '=' && i >= length - 2 &&
                         (i == length - 1 || text[length - 1] == '=');

      if (!padding && (text[i] == '\0' || strchr (alphabet, text[i]) == NULL))
        return FALSE;
    }
  copy = g_strndup (text, length);
  decoded = g_base64_decode (copy, &decoded_length);
  if (decoded_length != out_length)
    return FALSE;
  /* Canonical: unused bits must be zero, so one hash has one spelling. */
  again = g_base64_encode (decoded, decoded_length);
  if (strcmp (again, copy) != 0)
    return FALSE;
  memcpy (out, decoded, out_length);
  return TRUE;
}

/* A decimal with no sign and no leading zero (tlog-checkpoint's tree size). */
static gboolean
parse_count (const char *text,
             gint64     *value)
{
  guint64 parsed = 0;
  gsize length = strlen (text);

  if (length == 0 || length > 18 || (text[0] == '0' && length > 1))
    return FALSE;
  for (gsize i = 0; i < length; i++)
    if (!g_ascii_isdigit (text[i]))
      return FALSE;
  if (!g_ascii_string_to_unsigned (text, 10, 0, G_MAXINT64, &parsed, NULL))
    return FALSE;
  *value = (gint64) parsed;
  return TRUE;
}

static gboolean
is_hex_hash (const char *text)
{
  if (strlen (text) != 2 * TAIOU_CHECKPOINT_HASH_LEN)
    return FALSE;
  for (const char *p = text; *p != '\0'; p++)
    if (!g_ascii_isdigit (*p) && !(*p >= 'a' && *p <= 'f'))
      return FALSE;
  return TRUE;
}

static gboolean
parse_extension (TaiouCheckpoint  *self,
                 const char       *line,
                 guint            *seen,
                 GError          **error)
{
  enum { SEEN_DATABASE = 1, SEEN_INCIDENT = 2, SEEN_TIME = 4, SEEN_TO = 8 };

  if (g_str_has_prefix (line, "database "))
    {
      if (*seen & SEEN_DATABASE || !is_hex_hash (line + 9))
        return malformed (error, _("its “database” line is not one SHA-256 hash."));
      *seen |= SEEN_DATABASE;
      self->database = g_strdup (line + 9);
    }
  else if (g_str_has_prefix (line, "incident "))
    {
      g_auto(GStrv) words = g_strsplit (line + 9, " ", 4);

      if (*seen & SEEN_INCIDENT || g_strv_length (words) != 3 ||
          !parse_count (words[0], &self->incident_id) || self->incident_id == 0 ||
          !g_uuid_string_is_valid (words[1]) || !parse_count (words[2], &self->incident_events))
        return malformed (error, _("its “incident” line is not “incident NUMBER UUID COUNT”."));
      *seen |= SEEN_INCIDENT;
      self->incident_uuid = g_strdup (words[1]);
    }
  else if (g_str_has_prefix (line, "time "))
    {
      g_autoptr(GDateTime) time = NULL;

      if (*seen & SEEN_TIME || strlen (line + 5) != 20 ||
          (time = g_date_time_new_from_iso8601 (line + 5, NULL)) == NULL)
        return malformed (error, _("its “time” line is not a UTC time."));
      *seen |= SEEN_TIME;
      self->time_us = g_date_time_to_unix (time) * G_USEC_PER_SEC;
    }
  else if (g_str_has_prefix (line, "to "))
    {
      if (*seen & SEEN_TO)
        return malformed (error, _("it names its recipient twice."));
      *seen |= SEEN_TO;
      self->issued_to = g_strdup (line + 3);
    }
  /* Other extension lines are opaque (tlog-checkpoint): signed, kept in the text, not read. */
  return TRUE;
}

static gboolean
parse_body (TaiouCheckpoint  *self,
            const char       *note,
            GError          **error)
{
  g_auto(GStrv) lines = g_strsplit (note, "\n", -1);
  guint n_lines = g_strv_length (lines);
  guint seen = 0;

  /* The note ends in a newline, so the last piece is empty. */
  if (n_lines < 4)
    return malformed (error, _("it has fewer than three lines before its signature."));
  if (lines[0][0] == '\0')
    return malformed (error, _("its first line (the origin) is empty."));
  if (!parse_count (lines[1], &self->tree_size))
    return malformed (error, _("its second line is not a number of events."));
  if (!decode_base64_exact (lines[2], strlen (lines[2]), self->root_hash,
                            sizeof self->root_hash))
    return malformed (error, _("its third line is not a SHA-256 hash in base64."));
  self->origin = g_strdup (lines[0]);

  for (guint i = 3; i + 1 < n_lines; i++)
    {
      if (lines[i][0] == '\0')
        return malformed (error, _("it has an empty line among its extension lines."));
      if (!parse_extension (self, lines[i], &seen, error))
        return FALSE;
    }
  return TRUE;
}

/* One "— name base64(id ‖ signature)" line, checked for shape only. */
static gboolean
parse_signature_line (const char  *line,
                      char       **name,
                      guint32     *key_id,
                      guint8      *signature,
                      gsize       *signature_length,
                      GError     **error)
{
  guint8 decoded[KEY_ID_LEN + TAIOU_CHECKPOINT_SIGNATURE_LEN];
  const char *space;
  const char *encoded;

  if (!g_str_has_prefix (line, SIGNATURE_PREFIX))
    return malformed (error, _("a line after the blank line is not a signature."));
  line += strlen (SIGNATURE_PREFIX);
  space = strchr (line, ' ');
  if (space == NULL || space == line || strchr (space + 1, ' ') != NULL ||
      memchr (line, '+', space - line) != NULL)
    return malformed (error, _("a signature line is not “— NAME SIGNATURE”."));
  encoded = space + 1;
  /* Ed25519's signature is all Taiou writes or checks; another type is reported as another
   * key by the caller, so only its length is not held against the file. */
  if (!decode_base64_exact (encoded, strlen (encoded), decoded, sizeof decoded))
    {
      guint8 id_only[3 * 8];
      gsize length = strlen (encoded);

      if (length < 8 || !decode_base64_exact (encoded, 8, id_only, 6))
        return malformed (error, _("a signature is not valid base64."));
      *key_id = ((guint32) id_only[0] << 24) | ((guint32) id_only[1] << 16) |
                ((guint32) id_only[2] << 8) | id_only[3];
      *signature_length = 0;
    }
  else
    {
      *key_id = ((guint32) decoded[0] << 24) | ((guint32) decoded[1] << 16) |
                ((guint32) decoded[2] << 8) | decoded[3];
      memcpy (signature, decoded + KEY_ID_LEN, TAIOU_CHECKPOINT_SIGNATURE_LEN);
      *signature_length = TAIOU_CHECKPOINT_SIGNATURE_LEN;
    }
  *name = g_strndup (line, space - line);
  return TRUE;
}

/* Splits a signed note at its last blank line; @note_length includes the text's last newline. */
static gboolean
split_note (const char  *text,
            gsize        length,
            gsize       *note_length,
            GStrv       *signature_lines,
            GError     **error)
{
  const char *separator = NULL;
  g_autofree char *signatures = NULL;
  GStrv lines;
  guint n_lines;

  for (gsize i = 0; i + 1 < length; i++)
    if (text[i] == '\n' && text[i + 1] == '\n')
      separator = text + i;
  if (separator == NULL || length == 0 || text[length - 1] != '\n')
    return malformed (error, _("it has no blank line followed by a signature."));

  /* The signatures start after the blank line and end before the text's last newline. */
  *note_length = separator - text + 1;
  if (*note_length + 1 >= length)
    return malformed (error, _("it has no blank line followed by a signature."));
  signatures = g_strndup (text + *note_length + 1, length - (*note_length + 1) - 1);
  lines = g_strsplit (signatures, "\n", -1);
  n_lines = g_strv_length (lines);
  if (n_lines == 0 || n_lines > MAX_SIGNATURES || lines[0][0] == '\0')
    {
      g_strfreev (lines);
      return malformed (error, _("it has no signature, or too many."));
    }
  *signature_lines = lines;
  return TRUE;
}

/**
 * taiou_checkpoint_parse:
 *
 * Reads a checkpoint's text without checking its signature (taiou_checkpoint_check_signature()
 * does, with the key it is meant to be from).
 *
 * Returns: (transfer full): the checkpoint, or NULL with a TAIOU_CHECKPOINT_ERROR
 */
TaiouCheckpoint *
taiou_checkpoint_parse (const char  *data,
                        gsize        length,
                        GError     **error)
{
  g_autoptr(TaiouCheckpoint) self = NULL;
  g_auto(GStrv) signature_lines = NULL;
  g_autofree char *note = NULL;
  gsize note_length = 0;

  g_return_val_if_fail (data != NULL || length == 0, NULL);

  if (length > TAIOU_CHECKPOINT_MAX_SIZE)
    {
      g_set_error (error, TAIOU_CHECKPOINT_ERROR, TAIOU_CHECKPOINT_ERROR_TOO_LARGE,
                   _("This is not a checkpoint: it is larger than %d bytes."),
                   TAIOU_CHECKPOINT_MAX_SIZE);
      return NULL;
    }
  if (memchr (data, '\0', length) != NULL || !g_utf8_validate_len (data, length, NULL))
    {
      malformed (error, _("it is not UTF-8 text."));
      return NULL;
    }
  for (gsize i = 0; i < length; i++)
    if (((guchar) data[i] < 0x20 && data[i] != '\n') || data[i] == 0x7f)
      {
        malformed (error, _("it holds control characters (a checkpoint has plain lines "
                            "ending in a line feed only)."));
        return NULL;
      }

  if (!split_note (data, length, &note_length, &signature_lines, error))
    return NULL;

  self = taiou_checkpoint_new ();
  note = g_strndup (data, note_length);
  if (!parse_body (self, note, error))
    return NULL;
  for (guint i = 0; signature_lines[i] != NULL; i++)
    {
      guint8 signature[TAIOU_CHECKPOINT_SIGNATURE_LEN];
      gsize signature_length = 0;
      guint32 key_id = 0;
      char *name = NULL;

      if (!parse_signature_line (signature_lines[i], &name, &key_id, signature,
                                 &signature_length, error))
        return NULL;
      g_ptr_array_add (self->signer_names, name);
    }
  self->text = g_strndup (data, length);
  return g_steal_pointer (&self);
}

/**
 * taiou_checkpoint_read_file:
 *
 * Returns: (transfer full): the checkpoint in @path, or NULL with @error
 */
TaiouCheckpoint *
taiou_checkpoint_read_file (const char  *path,
                            GError     **error)
{
  g_autoptr(GError) local_error = NULL;
  g_autofree char *data = NULL;
  gsize length = 0;
  TaiouCheckpoint *self;

  g_return_val_if_fail (path != NULL, NULL);

  data = taiou_file_read_bounded (path, TAIOU_CHECKPOINT_MAX_SIZE, &length, &local_error);
  if (data == NULL)
    {
      if (g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_MESSAGE_TOO_LARGE))
        g_set_error (error, TAIOU_CHECKPOINT_ERROR, TAIOU_CHECKPOINT_ERROR_TOO_LARGE,
                     _("“%s” is not a checkpoint: it is larger than %d bytes."), path,
                     TAIOU_CHECKPOINT_MAX_SIZE);
      else
        g_propagate_error (error, g_steal_pointer (&local_error));
      return NULL;
    }
  self = taiou_checkpoint_parse (data, length, &local_error);
  if (self == NULL)
    g_propagate_prefixed_error (error, g_steal_pointer (&local_error), "%s: ", path);
  return self;
}

/**
 * taiou_checkpoint_check_signature:
 *
 * Checks the signature line of @key, as signed-note says: lines of other keys are ignored; if
 * none is @key's, the checkpoint is refused as signed by another key.
 */
gboolean
taiou_checkpoint_check_signature (const TaiouCheckpoint  *self,
                                  TaiouCheckpointKey     *key,
                                  GError                **error)
{
  g_auto(GStrv) signature_lines = NULL;
  g_autofree char *others = NULL;
  gsize note_length = 0;

  g_return_val_if_fail (self != NULL && self->text != NULL, FALSE);
  g_return_val_if_fail (TAIOU_IS_CHECKPOINT_KEY (key), FALSE);

  if (!split_note (self->text, strlen (self->text), &note_length, &signature_lines, error))
    return FALSE;

  for (guint i = 0; signature_lines[i] != NULL; i++)
    {
      guint8 signature[TAIOU_CHECKPOINT_SIGNATURE_LEN];
      g_autofree char *name = NULL;
      gsize signature_length = 0;
      guint32 key_id = 0;

      if (!parse_signature_line (signature_lines[i], &name, &key_id, signature,
                                 &signature_length, error))
        return FALSE;
      if (g_strcmp0 (name, taiou_checkpoint_key_get_name (key)) != 0 ||
          key_id != taiou_checkpoint_key_get_id (key))
        continue;
      if (signature_length == 0 ||
          !taiou_checkpoint_key_verify (key, self->text, note_length, signature,
                                        signature_length))
        {
          g_set_error (error, TAIOU_CHECKPOINT_ERROR, TAIOU_CHECKPOINT_ERROR_BAD_SIGNATURE,
                       _("The signature of %s does not match this checkpoint's text: the "
                         "checkpoint was altered after it was signed, or forged."), name);
          return FALSE;
        }
      return TRUE;
    }

  for (guint i = 0; i < self->signer_names->len; i++)
    {
      char *joined = g_strconcat (others != NULL ? others : "", others != NULL ? ", " : "",
                                  (const char *) self->signer_names->pdata[i], NULL);

      g_free (others);
      others = joined;
    }
  g_set_error (error, TAIOU_CHECKPOINT_ERROR, TAIOU_CHECKPOINT_ERROR_WRONG_KEY,
               _("This checkpoint was not signed by the key %s but by %s: it was issued by "
                 "another installation, or forged. Check it with that installation's key "
                 "(--key)."),
               taiou_checkpoint_key_get_name (key), others);
  return FALSE;
}
