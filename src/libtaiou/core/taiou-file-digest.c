/* taiou-file-digest.c — MD5, SHA-1 and SHA-256 of a file in one pass, with the CPU's help
 *
 * GChecksum hashes at sha256sum's speed; OpenSSL's EVP uses the CPU's SHA extensions and is
 * several times faster, which decides how long a worker waits for a scan of a whole disk.  This
 * is the one place that knows which library computes digests.  Files are opened without
 * following symbolic links and must be regular files: a scan never blocks on a FIFO or a device.
 */
#define G_LOG_DOMAIN "taiou-file-digest"

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <glib/gi18n-lib.h>
#include <openssl/evp.h>
#include <sys/stat.h>
#include <unistd.h>

#include "taiou-file-digest.h"

#define READ_BUFFER_SIZE (1024 * 1024)

/* OpenSSL 3 looks an algorithm up in its provider store (under a lock) on every
 * EVP_DigestInit_ex() given EVP_sha256(); a scan initialises once per file, so fetch once. */
typedef struct
{
  EVP_MD *md5;
  EVP_MD *sha1;
  EVP_MD *sha256;
} Algorithms;

static const Algorithms *
algorithms (void)
{
  static Algorithms fetched;
  static gsize initialized;

  if (g_once_init_enter (&initialized))
    {
      fetched.md5 = EVP_MD_fetch (NULL, "MD5", NULL);
      fetched.sha1 = EVP_MD_fetch (NULL, "SHA1", NULL);
      fetched.sha256 = EVP_MD_fetch (NULL, "SHA256", NULL);
      g_assert (fetched.md5 != NULL && fetched.sha1 != NULL && fetched.sha256 != NULL);
      g_once_init_leave (&initialized, 1);
    }
  return &fetched;
}

struct _TaiouDigestReader
{
  guint8     *buffer;
  EVP_MD_CTX *md5;
  EVP_MD_CTX *sha1;
  EVP_MD_CTX *sha256;
};

TaiouDigestReader *
taiou_digest_reader_new (void)
{
  TaiouDigestReader *reader = g_new0 (TaiouDigestReader, 1);

  reader->buffer = g_malloc (READ_BUFFER_SIZE);
  reader->md5 = EVP_MD_CTX_new ();
  reader->sha1 = EVP_MD_CTX_new ();
  reader->sha256 = EVP_MD_CTX_new ();
  return reader;
}

void
taiou_digest_reader_free (TaiouDigestReader *reader)
{
  if (reader == NULL)
    return;
  EVP_MD_CTX_free (reader->md5);
  EVP_MD_CTX_free (reader->sha1);
  EVP_MD_CTX_free (reader->sha256);
  g_free (reader->buffer);
  g_free (reader);
}

static void
set_errno_error (GError     **error,
                 int          saved_errno,
                 const char  *path)
{
  g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved_errno), _("%s: %s"), path,
               g_strerror (saved_errno));
}

/**
 * taiou_digest_reader_file:
 * @dirfd: a directory file descriptor @path is relative to, or AT_FDCWD
 * @kinds: the digests wanted; 0 reads nothing and only checks the file
 * @max_size: files larger than this are not read (%G_IO_ERROR_NOT_SUPPORTED, saying so)
 *
 * Returns: %FALSE with @error set when the file is not a regular file, is too large, or cannot
 *   be read
 */
gboolean
taiou_digest_reader_file (TaiouDigestReader  *reader,
                          int                 dirfd,
                          const char         *path,
                          TaiouDigestKinds    kinds,
                          guint64             max_size,
                          TaiouFileDigest    *digest,
                          GCancellable       *cancellable,
                          GError            **error)
{
  struct stat st;
  gboolean ok = FALSE;
  int fd;

  g_return_val_if_fail (reader != NULL, FALSE);
  g_return_val_if_fail (path != NULL, FALSE);
  g_return_val_if_fail (digest != NULL, FALSE);

  /* O_NOFOLLOW: never through a symbolic link; O_NONBLOCK: a FIFO must not block the open. */
  fd = openat (dirfd, path, O_RDONLY | O_NOFOLLOW | O_NOCTTY | O_NONBLOCK | O_CLOEXEC);
  if (fd < 0)
    {
      set_errno_error (error, errno, path);
      return FALSE;
    }
  if (fstat (fd, &st) != 0)
    {
      set_errno_error (error, errno, path);
      goto out;
    }
  if (!S_ISREG (st.st_mode))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_REGULAR_FILE,
                   _("%s: not a regular file"), path);
      goto out;
    }
  if ((guint64) st.st_size > max_size)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED,
                   _("%s: larger than the size limit (%llu bytes)"), path,
                   (unsigned long long) max_size);
      goto out;
    }

  digest->kinds = kinds;
  digest->size = 0;
  if (kinds == 0)
    {
      digest->size = (guint64) st.st_size;
      ok = TRUE;
      goto out;
    }

  posix_fadvise (fd, 0, 0, POSIX_FADV_SEQUENTIAL);
  if (kinds & TAIOU_DIGEST_MD5)
    EVP_DigestInit_ex (reader->md5, algorithms ()->md5, NULL);
  if (kinds & TAIOU_DIGEST_SHA1)
    EVP_DigestInit_ex (reader->sha1, algorithms ()->sha1, NULL);
  if (kinds & TAIOU_DIGEST_SHA256)
    EVP_DigestInit_ex (reader->sha256, algorithms ()->sha256, NULL);

  while (TRUE)
    {
      ssize_t n = read (fd, reader->buffer, READ_BUFFER_SIZE);

      if (n < 0 && errno == EINTR)
        continue;
      if (n < 0)
        {
          set_errno_error (error, errno, path);
          goto out;
        }
      if (n == 0)
        break;
      if (g_cancellable_set_error_if_cancelled (cancellable, error))
        goto out;
      /* The file may grow while it is read; the cap holds for what is hashed too. */
      digest->size += (guint64) n;
      if (digest->size > max_size)
        {
          g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED,
                       _("%s: larger than the size limit (%llu bytes)"), path,
                       (unsigned long long) max_size);
          goto out;
        }
      if (kinds & TAIOU_DIGEST_MD5)
        EVP_DigestUpdate (reader->md5, reader->buffer, (size_t) n);
      if (kinds & TAIOU_DIGEST_SHA1)
        EVP_DigestUpdate (reader->sha1, reader->buffer, (size_t) n);
      if (kinds & TAIOU_DIGEST_SHA256)
        EVP_DigestUpdate (reader->sha256, reader->buffer, (size_t) n);
    }

  if (kinds & TAIOU_DIGEST_MD5)
    EVP_DigestFinal_ex (reader->md5, digest->md5, NULL);
  if (kinds & TAIOU_DIGEST_SHA1)
    EVP_DigestFinal_ex (reader->sha1, digest->sha1, NULL);
  if (kinds & TAIOU_DIGEST_SHA256)
    EVP_DigestFinal_ex (reader->sha256, digest->sha256, NULL);
  ok = TRUE;

out:
  close (fd);
  return ok;
}

char *
taiou_digest_to_hex (const guint8 *digest,
                     gsize         length)
{
  static const char hex[] = "0123456789abcdef";
  char *text = g_malloc (length * 2 + 1);

  for (gsize i = 0; i < length; i++)
    {
      text[2 * i] = hex[digest[i] >> 4];
      text[2 * i + 1] = hex[digest[i] & 0xf];
    }
  text[length * 2] = '\0';
  return text;
}
