/* taiou-checkpoint-key.c — this installation's Ed25519 key, which signs checkpoints
 *
 * Whoever holds the database can recompute its whole chain after editing it; a checkpoint
 * signed with a key of this installation and kept by someone else is what they cannot redo.
 * The key is made on first use and kept as a PKCS#8 PEM file that only its owner can read
 * ($XDG_DATA_HOME/taiou/, 0700; the file 0600).  It is never logged, never printed: only its
 * public half and that half's fingerprint leave this file.
 *
 * The key's name and ID follow C2SP signed-note: the name is "taiou/" and the first 16 hex
 * digits of the fingerprint (no spaces, no "+"), the ID the first four bytes of
 * SHA-256 (name ‖ 0x0A ‖ 0x01 ‖ public key).
 */
#define G_LOG_DOMAIN "taiou-checkpoint"

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <openssl/bio.h>
#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/sha.h>
#include <string.h>
#include <unistd.h>

#include "taiou-checkpoint.h"
#include "taiou-file-read.h"

/* A PEM Ed25519 private key is 119 bytes; anything much larger is not ours. */
#define KEY_FILE_MAX_SIZE 16384

/* signed-note's signature type byte for Ed25519 */
#define SIGNED_NOTE_ED25519 0x01

struct _TaiouCheckpointKey
{
  GObject   parent_instance;

  EVP_PKEY *pkey;          /* the private key, or only the public one for checking */
  gboolean  has_private;
  guint8    public_key[TAIOU_CHECKPOINT_PUBLIC_KEY_LEN];
  char     *name;
  guint32   id;
};

G_DEFINE_FINAL_TYPE (TaiouCheckpointKey, taiou_checkpoint_key, G_TYPE_OBJECT)

static void
taiou_checkpoint_key_finalize (GObject *object)
{
  TaiouCheckpointKey *self = TAIOU_CHECKPOINT_KEY (object);

  g_clear_pointer (&self->pkey, EVP_PKEY_free);
  g_free (self->name);

  G_OBJECT_CLASS (taiou_checkpoint_key_parent_class)->finalize (object);
}

static void
taiou_checkpoint_key_class_init (TaiouCheckpointKeyClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = taiou_checkpoint_key_finalize;
}

static void
taiou_checkpoint_key_init (TaiouCheckpointKey *self)
{
}

/**
 * taiou_checkpoint_key_get_default_path:
 *
 * Returns: (transfer full): $XDG_DATA_HOME/taiou/checkpoint-ed25519.pem
 */
char *
taiou_checkpoint_key_get_default_path (void)
{
  return g_build_filename (g_get_user_data_dir (), "taiou", "checkpoint-ed25519.pem", NULL);
}

static void
set_key_error (GError     **error,
               const char  *path,
               const char  *what)
{
  g_set_error (error, TAIOU_CHECKPOINT_ERROR, TAIOU_CHECKPOINT_ERROR_KEY,
               _("The checkpoint key “%s” cannot be used: %s"), path, what);
}

/* Fills the public half, the name and the ID from self->pkey. */
static gboolean
derive_identity (TaiouCheckpointKey *self)
{
  guint8 digest[SHA256_DIGEST_LENGTH];
  g_autofree char *hex = NULL;
  g_autoptr(GChecksum) checksum = NULL;
  size_t length = sizeof self->public_key;
  guint8 type = SIGNED_NOTE_ED25519;
  gsize digest_length = sizeof digest;

  if (EVP_PKEY_get_base_id (self->pkey) != EVP_PKEY_ED25519 ||
      EVP_PKEY_get_raw_public_key (self->pkey, self->public_key, &length) != 1 ||
      length != sizeof self->public_key)
    return FALSE;

  hex = g_compute_checksum_for_data (G_CHECKSUM_SHA256, self->public_key,
                                     sizeof self->public_key);
  self->name = g_strdup_printf ("taiou/%.16s", hex);

  checksum = g_checksum_new (G_CHECKSUM_SHA256);
  g_checksum_update (checksum, (const guchar *) self->name, strlen (self->name));
  g_checksum_update (checksum, (const guchar *) "\n", 1);
  g_checksum_update (checksum, &type, 1);
  g_checksum_update (checksum, self->public_key, sizeof self->public_key);
  g_checksum_get_digest (checksum, digest, &digest_length);
  self->id = ((guint32) digest[0] << 24) | ((guint32) digest[1] << 16) |
             ((guint32) digest[2] << 8) | digest[3];
  return TRUE;
}

static TaiouCheckpointKey *
key_from_pem (const char  *path,
              const char  *pem,
              gsize        length,
              GError     **error)
{
  g_autoptr(TaiouCheckpointKey) self = g_object_new (TAIOU_TYPE_CHECKPOINT_KEY, NULL);
  BIO *bio = BIO_new_mem_buf (pem, (int) length);

  if (bio == NULL)
    {
      set_key_error (error, path, _("out of memory"));
      return NULL;
    }
  self->pkey = PEM_read_bio_PrivateKey (bio, NULL, NULL, NULL);
  BIO_free (bio);
  if (self->pkey == NULL || !derive_identity (self))
    {
      set_key_error (error, path, _("it is not an Ed25519 private key"));
      return NULL;
    }
  self->has_private = TRUE;
  return g_steal_pointer (&self);
}

static TaiouCheckpointKey *
load_key (const char  *path,
          GError     **error)
{
  g_autoptr(GError) local_error = NULL;
  TaiouCheckpointKey *self;
  gsize length = 0;
  char *pem;

  pem = taiou_file_read_bounded (path, KEY_FILE_MAX_SIZE, &length, &local_error);
  if (pem == NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return NULL;
    }
  self = key_from_pem (path, pem, length, error);
  OPENSSL_cleanse (pem, length);
  g_free (pem);
  return self;
}

/* Writes a new key beside @path and links it into place only if no other process (the app and
 * the CLI may both start for the first time at once) made one meanwhile: two keys, one of them
 * lost, would make the first one's checkpoints unverifiable. */
static TaiouCheckpointKey *
create_key (const char  *path,
            GError     **error)
{
  g_autoptr(TaiouCheckpointKey) self = g_object_new (TAIOU_TYPE_CHECKPOINT_KEY, NULL);
  g_autofree char *folder = g_path_get_dirname (path);
  g_autofree char *temp_path = g_strconcat (path, ".XXXXXX", NULL);
  BIO *bio = NULL;
  char *pem = NULL;
  long pem_length;
  gboolean written;
  int saved_errno;
  int fd;

  if (g_mkdir_with_parents (folder, 0700) != 0)
    {
      saved_errno = errno;
      set_key_error (error, path, g_strerror (saved_errno));
      return NULL;
    }

  self->pkey = EVP_PKEY_Q_keygen (NULL, NULL, "ED25519");
  /* The secure heap's memory is cleansed when freed: the PEM text is the private key. */
  bio = BIO_new (BIO_s_secmem ());
  if (self->pkey == NULL || bio == NULL || !derive_identity (self) ||
      PEM_write_bio_PrivateKey (bio, self->pkey, NULL, NULL, 0, NULL, NULL) != 1)
    {
      BIO_free (bio);
      set_key_error (error, path, _("OpenSSL could not make an Ed25519 key"));
      return NULL;
    }
  self->has_private = TRUE;
  pem_length = BIO_get_mem_data (bio, &pem);

  fd = g_mkstemp_full (temp_path, O_WRONLY | O_CLOEXEC, 0600);
  if (fd < 0)
    {
      saved_errno = errno;
      BIO_free (bio);
      set_key_error (error, path, g_strerror (saved_errno));
      return NULL;
    }
  written = write (fd, pem, (size_t) pem_length) == pem_length && fsync (fd) == 0;
  saved_errno = errno;
  close (fd);
  BIO_free (bio);

  if (written && link (temp_path, path) == 0)
    {
      g_unlink (temp_path);
      g_debug ("Made a new checkpoint key; its name is %s", self->name);
      return g_steal_pointer (&self);
    }
  if (written)
    saved_errno = errno;
  g_unlink (temp_path);
  if (written && saved_errno == EEXIST)
    return load_key (path, error);
  set_key_error (error, path, g_strerror (saved_errno));
  return NULL;
}

/**
 * taiou_checkpoint_key_load_or_create:
 * @path: the PEM file, normally taiou_checkpoint_key_get_default_path()
 *
 * Returns: (transfer full): the key, made now if @path does not exist, or NULL with @error
 */
TaiouCheckpointKey *
taiou_checkpoint_key_load_or_create (const char  *path,
                                     GError     **error)
{
  g_return_val_if_fail (path != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (g_file_test (path, G_FILE_TEST_EXISTS))
    return load_key (path, error);
  return create_key (path, error);
}

/**
 * taiou_checkpoint_key_new_from_public:
 *
 * A key that can only check signatures, e.g. another installation's, given as its 32 bytes.
 *
 * Returns: (transfer full): the key, or NULL with @error
 */
TaiouCheckpointKey *
taiou_checkpoint_key_new_from_public (const guint8  *public_key,
                                      gsize          length,
                                      GError       **error)
{
  g_autoptr(TaiouCheckpointKey) self = g_object_new (TAIOU_TYPE_CHECKPOINT_KEY, NULL);

  g_return_val_if_fail (public_key != NULL || length == 0, NULL);

  if (length != TAIOU_CHECKPOINT_PUBLIC_KEY_LEN ||
      (self->pkey = EVP_PKEY_new_raw_public_key (EVP_PKEY_ED25519, NULL, public_key,
                                                 length)) == NULL ||
      !derive_identity (self))
    {
      g_set_error_literal (error, TAIOU_CHECKPOINT_ERROR, TAIOU_CHECKPOINT_ERROR_KEY,
                           _("That is not an Ed25519 public key (32 bytes in base64)."));
      return NULL;
    }
  return g_steal_pointer (&self);
}

gboolean
taiou_checkpoint_key_can_sign (TaiouCheckpointKey *self)
{
  g_return_val_if_fail (TAIOU_IS_CHECKPOINT_KEY (self), FALSE);
  return self->has_private;
}

/* Returns: (transfer none): the 32 bytes of the public key */
const guint8 *
taiou_checkpoint_key_get_public (TaiouCheckpointKey *self)
{
  g_return_val_if_fail (TAIOU_IS_CHECKPOINT_KEY (self), NULL);
  return self->public_key;
}

const char *
taiou_checkpoint_key_get_name (TaiouCheckpointKey *self)
{
  g_return_val_if_fail (TAIOU_IS_CHECKPOINT_KEY (self), NULL);
  return self->name;
}

guint32
taiou_checkpoint_key_get_id (TaiouCheckpointKey *self)
{
  g_return_val_if_fail (TAIOU_IS_CHECKPOINT_KEY (self), 0);
  return self->id;
}

/**
 * taiou_checkpoint_key_dup_fingerprint:
 *
 * Returns: (transfer full): SHA-256 of the raw public key, 64 hex digits in groups of four
 *   ("3f2a 9c1b …"), so that two people can read it to each other over the phone
 */
char *
taiou_checkpoint_key_dup_fingerprint (TaiouCheckpointKey *self)
{
  g_autofree char *hex = NULL;
  GString *grouped;

  g_return_val_if_fail (TAIOU_IS_CHECKPOINT_KEY (self), NULL);

  hex = g_compute_checksum_for_data (G_CHECKSUM_SHA256, self->public_key,
                                     sizeof self->public_key);
  grouped = g_string_sized_new (80);
  for (guint i = 0; hex[i] != '\0'; i += 4)
    g_string_append_printf (grouped, "%s%.4s", i > 0 ? " " : "", hex + i);
  return g_string_free (grouped, FALSE);
}

/* Returns: (transfer full): the public key in base64, for `--key` on another machine */
char *
taiou_checkpoint_key_dup_public_base64 (TaiouCheckpointKey *self)
{
  g_return_val_if_fail (TAIOU_IS_CHECKPOINT_KEY (self), NULL);
  return g_base64_encode (self->public_key, sizeof self->public_key);
}

/**
 * taiou_checkpoint_key_sign:
 * @signature: (out caller-allocates): TAIOU_CHECKPOINT_SIGNATURE_LEN bytes
 */
gboolean
taiou_checkpoint_key_sign (TaiouCheckpointKey  *self,
                           const char          *message,
                           gsize                length,
                           guint8              *signature,
                           GError             **error)
{
  EVP_MD_CTX *context;
  size_t signature_length = TAIOU_CHECKPOINT_SIGNATURE_LEN;
  gboolean ok;

  g_return_val_if_fail (TAIOU_IS_CHECKPOINT_KEY (self), FALSE);
  g_return_val_if_fail (message != NULL && signature != NULL, FALSE);

  if (!self->has_private)
    {
      g_set_error_literal (error, TAIOU_CHECKPOINT_ERROR, TAIOU_CHECKPOINT_ERROR_KEY,
                           _("This key can only check signatures, not make them."));
      return FALSE;
    }
  context = EVP_MD_CTX_new ();
  ok = context != NULL &&
       EVP_DigestSignInit (context, NULL, NULL, NULL, self->pkey) == 1 &&
       EVP_DigestSign (context, signature, &signature_length, (const guchar *) message,
                       length) == 1 &&
       signature_length == TAIOU_CHECKPOINT_SIGNATURE_LEN;
  EVP_MD_CTX_free (context);
  if (!ok)
    g_set_error_literal (error, TAIOU_CHECKPOINT_ERROR, TAIOU_CHECKPOINT_ERROR_KEY,
                         _("OpenSSL could not sign the checkpoint."));
  return ok;
}

gboolean
taiou_checkpoint_key_verify (TaiouCheckpointKey *self,
                             const char         *message,
                             gsize               length,
                             const guint8       *signature,
                             gsize               signature_length)
{
  EVP_MD_CTX *context;
  gboolean ok;

  g_return_val_if_fail (TAIOU_IS_CHECKPOINT_KEY (self), FALSE);
  g_return_val_if_fail (message != NULL && signature != NULL, FALSE);

  if (signature_length != TAIOU_CHECKPOINT_SIGNATURE_LEN)
    return FALSE;
  context = EVP_MD_CTX_new ();
  ok = context != NULL &&
       EVP_DigestVerifyInit (context, NULL, NULL, NULL, self->pkey) == 1 &&
       EVP_DigestVerify (context, signature, signature_length, (const guchar *) message,
                         length) == 1;
  EVP_MD_CTX_free (context);
  return ok;
}
