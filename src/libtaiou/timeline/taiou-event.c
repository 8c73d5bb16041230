/* taiou-event.c — one immutable row of the hash-chained timeline
 *
 * The hash of an event is SHA-256 (prev_hash ‖ canonical bytes).  The canonical bytes are a
 * versioned, length-prefixed serialisation so that no two different events can produce the same
 * byte string (a plain concatenation would let "ab"+"c" collide with "a"+"bc").
 */
#define G_LOG_DOMAIN "taiou-event"

#include "config.h"

#include <openssl/evp.h>
#include <string.h>

#include "taiou-event-private.h"
#include "taiou-time.h"

struct _TaiouEvent
{
  GObject parent_instance;

  gint64 seq;
  gint64 incident_id;
  gint64 time_us;
  char  *kind;
  char  *actor;
  char  *host;
  char  *summary;
  char  *detail;
  char  *prev_hash;
  char  *hash;
  char  *origin_host;
  gint64 origin_seq;
  char  *origin_hash;
};

G_DEFINE_FINAL_TYPE (TaiouEvent, taiou_event, G_TYPE_OBJECT)

static void
taiou_event_finalize (GObject *object)
{
  TaiouEvent *self = TAIOU_EVENT (object);

  g_free (self->kind);
  g_free (self->actor);
  g_free (self->host);
  g_free (self->summary);
  g_free (self->detail);
  g_free (self->prev_hash);
  g_free (self->hash);
  g_free (self->origin_host);
  g_free (self->origin_hash);

  G_OBJECT_CLASS (taiou_event_parent_class)->finalize (object);
}

static void
taiou_event_class_init (TaiouEventClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = taiou_event_finalize;
}

static void
taiou_event_init (TaiouEvent *self)
{
}

TaiouEvent *
_taiou_event_new (const TaiouEventFields *fields,
                  const char             *prev_hash,
                  const char             *hash)
{
  TaiouEvent *self;

  g_assert (fields != NULL);
  g_assert (prev_hash != NULL);
  g_assert (hash != NULL);

  self = g_object_new (TAIOU_TYPE_EVENT, NULL);
  self->seq = fields->seq;
  self->incident_id = fields->incident_id;
  self->time_us = fields->time_us;
  self->kind = g_strdup (fields->kind);
  self->actor = g_strdup (fields->actor);
  self->host = g_strdup (fields->host);
  self->summary = g_strdup (fields->summary);
  self->detail = g_strdup (fields->detail);
  self->prev_hash = g_strdup (prev_hash);
  self->hash = g_strdup (hash);
  if (fields->origin_hash != NULL)
    {
      self->origin_host = g_strdup (fields->origin_host);
      self->origin_seq = fields->origin_seq;
      self->origin_hash = g_strdup (fields->origin_hash);
    }

  return self;
}

/* The canonical bytes are built in one buffer and hashed in one call: OpenSSL's SHA-256 uses the
 * CPU's SHA extensions, several times GChecksum's speed, and verifying 1,000,000 events is
 * mostly hashing.  Events are small, so the buffer is on the stack unless one is not. */
#define STACK_BYTES 2048

typedef struct
{
  guint8 *data;
  gsize   len;
  gsize   size;
  guint8  stack[STACK_BYTES];
} Bytes;

static void
put_bytes (Bytes      *bytes,
           const void *data,
           gsize       len)
{
  if (bytes->len + len > bytes->size)
    {
      gsize size = MAX (bytes->size * 2, bytes->len + len);

      if (bytes->data == bytes->stack)
        bytes->data = memcpy (g_malloc (size), bytes->stack, bytes->len);
      else
        bytes->data = g_realloc (bytes->data, size);
      bytes->size = size;
    }
  memcpy (bytes->data + bytes->len, data, len);
  bytes->len += len;
}

static void
put_int64 (Bytes  *bytes,
           gint64  value)
{
  guint64 be = GUINT64_TO_BE ((guint64) value);

  put_bytes (bytes, &be, sizeof be);
}

static void
put_string (Bytes      *bytes,
            const char *value)
{
  gsize len = value != NULL ? strlen (value) : 0;
  guint32 be = GUINT32_TO_BE ((guint32) len);

  put_bytes (bytes, &be, sizeof be);
  put_bytes (bytes, value, len);
}

static const EVP_MD *
sha256 (void)
{
  static gsize md;

  if (g_once_init_enter (&md))
    {
      EVP_MD *fetched = EVP_MD_fetch (NULL, "SHA256", NULL);

      g_assert (fetched != NULL);
      g_once_init_leave (&md, (gsize) fetched);
    }
  return (const EVP_MD *) md;
}

/* One digest context per thread, kept: making one per event cost a tenth of verifying it. */
static GPrivate context_key = G_PRIVATE_INIT ((GDestroyNotify) EVP_MD_CTX_free);

static EVP_MD_CTX *
thread_context (void)
{
  EVP_MD_CTX *context = g_private_get (&context_key);

  if (context == NULL)
    {
      context = EVP_MD_CTX_new ();
      g_assert (context != NULL);
      g_private_set (&context_key, context);
    }
  return context;
}

/* Writes the event's hash as 64 lowercase hex digits and a NUL into @hex. */
void
_taiou_event_compute_hash_into (const char             *prev_hash,
                                const TaiouEventFields *fields,
                                char                   *hex)
{
  static const char digits[] = "0123456789abcdef";
  gboolean merged = fields->origin_hash != NULL;
  EVP_MD_CTX *context = thread_context ();
  Bytes bytes = { .size = STACK_BYTES };
  guint8 digest[EVP_MAX_MD_SIZE];
  unsigned int digest_len = 0;

  g_assert (prev_hash != NULL);
  g_assert (fields != NULL);

  bytes.data = bytes.stack;
  /* The previous hash is hashed as its text form: it is what the row stores and what a person
   * comparing an exported head hash sees. */
  put_string (&bytes, prev_hash);
  put_string (&bytes, merged ? "taiou-event-v2" : "taiou-event-v1");
  put_int64 (&bytes, fields->seq);
  put_int64 (&bytes, fields->incident_id);
  put_int64 (&bytes, fields->time_us);
  put_string (&bytes, fields->kind);
  put_string (&bytes, fields->actor);
  put_string (&bytes, fields->host);
  put_string (&bytes, fields->summary);
  put_string (&bytes, fields->detail);
  if (merged)
    {
      put_string (&bytes, fields->origin_host);
      put_int64 (&bytes, fields->origin_seq);
      put_string (&bytes, fields->origin_hash);
    }

  if (EVP_DigestInit_ex2 (context, sha256 (), NULL) != 1 ||
      EVP_DigestUpdate (context, bytes.data, bytes.len) != 1 ||
      EVP_DigestFinal_ex (context, digest, &digest_len) != 1 ||
      digest_len * 2 != TAIOU_EVENT_HASH_HEX_LEN)
    g_error ("SHA-256 failed in OpenSSL");
  if (bytes.data != bytes.stack)
    g_free (bytes.data);

  for (unsigned int i = 0; i < digest_len; i++)
    {
      hex[2 * i] = digits[digest[i] >> 4];
      hex[2 * i + 1] = digits[digest[i] & 0xf];
    }
  hex[TAIOU_EVENT_HASH_HEX_LEN] = '\0';
}

char *
_taiou_event_compute_hash (const char             *prev_hash,
                           const TaiouEventFields *fields)
{
  char hex[TAIOU_EVENT_HASH_HEX_LEN + 1];

  _taiou_event_compute_hash_into (prev_hash, fields, hex);
  return g_strdup (hex);
}

gint64
taiou_event_get_seq (TaiouEvent *self)
{
  g_return_val_if_fail (TAIOU_IS_EVENT (self), 0);
  return self->seq;
}

gint64
taiou_event_get_incident_id (TaiouEvent *self)
{
  g_return_val_if_fail (TAIOU_IS_EVENT (self), 0);
  return self->incident_id;
}

gint64
taiou_event_get_time_us (TaiouEvent *self)
{
  g_return_val_if_fail (TAIOU_IS_EVENT (self), 0);
  return self->time_us;
}

const char *
taiou_event_get_kind (TaiouEvent *self)
{
  g_return_val_if_fail (TAIOU_IS_EVENT (self), NULL);
  return self->kind;
}

const char *
taiou_event_get_actor (TaiouEvent *self)
{
  g_return_val_if_fail (TAIOU_IS_EVENT (self), NULL);
  return self->actor;
}

const char *
taiou_event_get_host (TaiouEvent *self)
{
  g_return_val_if_fail (TAIOU_IS_EVENT (self), NULL);
  return self->host;
}

const char *
taiou_event_get_summary (TaiouEvent *self)
{
  g_return_val_if_fail (TAIOU_IS_EVENT (self), NULL);
  return self->summary;
}

const char *
taiou_event_get_detail (TaiouEvent *self)
{
  g_return_val_if_fail (TAIOU_IS_EVENT (self), NULL);
  return self->detail;
}

const char *
taiou_event_get_prev_hash (TaiouEvent *self)
{
  g_return_val_if_fail (TAIOU_IS_EVENT (self), NULL);
  return self->prev_hash;
}

const char *
taiou_event_get_hash (TaiouEvent *self)
{
  g_return_val_if_fail (TAIOU_IS_EVENT (self), NULL);
  return self->hash;
}

/* Where an event merged from another PC's record came from: NULL/0 for a local event. */
const char *
taiou_event_get_origin_host (TaiouEvent *self)
{
  g_return_val_if_fail (TAIOU_IS_EVENT (self), NULL);
  return self->origin_host;
}

gint64
taiou_event_get_origin_seq (TaiouEvent *self)
{
  g_return_val_if_fail (TAIOU_IS_EVENT (self), 0);
  return self->origin_seq;
}

const char *
taiou_event_get_origin_hash (TaiouEvent *self)
{
  g_return_val_if_fail (TAIOU_IS_EVENT (self), NULL);
  return self->origin_hash;
}

char *
taiou_event_format_time (TaiouEvent *self)
{
  g_return_val_if_fail (TAIOU_IS_EVENT (self), NULL);
  return taiou_time_format_local (self->time_us);
}

/**
 * taiou_event_to_json:
 *
 * Returns: (transfer full): the event as a JSON object; `detail` is nested as an object, times
 *   are given both as ISO 8601 UTC and as microseconds.
 */
JsonObject *
taiou_event_to_json (TaiouEvent *self)
{
  g_autoptr(JsonObject) object = json_object_new ();
  g_autoptr(JsonParser) parser = json_parser_new ();

  g_return_val_if_fail (TAIOU_IS_EVENT (self), NULL);

  json_object_set_int_member (object, "seq", self->seq);
  json_object_set_int_member (object, "incident_id", self->incident_id);
  taiou_time_set_json (object, "time", self->time_us);
  json_object_set_string_member (object, "kind", self->kind);
  json_object_set_string_member (object, "actor", self->actor);
  json_object_set_string_member (object, "host", self->host);
  json_object_set_string_member (object, "summary", self->summary);
  /* A tampered row may hold anything here: fall back to the raw text rather than fail. */
  if (json_parser_load_from_data (parser, self->detail, -1, NULL) &&
      json_parser_get_root (parser) != NULL)
    json_object_set_member (object, "detail", json_node_copy (json_parser_get_root (parser)));
  else
    json_object_set_string_member (object, "detail", self->detail);
  json_object_set_string_member (object, "prev_hash", self->prev_hash);
  json_object_set_string_member (object, "hash", self->hash);
  /* Only for merged events, so a local event's JSON stays what it always was; with them an
   * exported merged incident keeps its events' identity and re-imports without doubling. */
  if (self->origin_hash != NULL)
    {
      json_object_set_string_member (object, "origin_host", self->origin_host);
      json_object_set_int_member (object, "origin_seq", self->origin_seq);
      json_object_set_string_member (object, "origin_hash", self->origin_hash);
    }

  return g_steal_pointer (&object);
}
