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
#include <string.h>
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
  guint8     *kept;       /* taiou_digest_reader_file_keep(): the bytes handed back */
  gsize       kept_size;  /* allocated */
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
  g_free (reader->kept);
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

/* A file over the size limit is not hashed, but its first MiB and its size are kept: droppers
 * are padded past scanners' size limits precisely so that nothing looks at them. */
static gboolean
read_head (TaiouDigestReader  *reader,
           int                 fd,
           const char         *path,
           const struct stat  *st,
           TaiouFileDigest    *digest,
           TaiouFileContent   *content,
           GError            **error)
{
  ssize_t n;

  if (reader->kept_size < READ_BUFFER_SIZE)
    {
      g_free (reader->kept);
      reader->kept = g_malloc (READ_BUFFER_SIZE);
      reader->kept_size = READ_BUFFER_SIZE;
    }
  do
    n = pread (fd, reader->kept, READ_BUFFER_SIZE, 0);
  while (n < 0 && errno == EINTR);
  if (n < 0)
    {
      set_errno_error (error, errno, path);
      return FALSE;
    }
  digest->kinds = 0;
  digest->size = (guint64) st->st_size;
  content->data = reader->kept;
  content->length = (gsize) n;
  return TRUE;
}

/* Reads @path once, hashing what it reads; with @keep_size > 0 the bytes are also kept (all of
 * them when the file is no larger, else the first READ_BUFFER_SIZE) for a second look. */
static gboolean
read_file (TaiouDigestReader  *reader,
           int                 dirfd,
           const char         *path,
           TaiouDigestKinds    kinds,
           guint64             max_size,
           gsize               keep_size,
           TaiouFileDigest    *digest,
           TaiouFileContent   *content,
           GCancellable       *cancellable,
           GError            **error)
{
  struct stat st;
  gboolean ok = FALSE;
  gboolean keep_whole = FALSE;
  gsize kept_length = 0;
  int fd;

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
  if ((guint64) st.st_size > max_size && keep_size > 0)
    {
      ok = read_head (reader, fd, path, &st, digest, content, error);
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
  if (kinds == 0 && keep_size == 0)
    {
      digest->size = (guint64) st.st_size;
      ok = TRUE;
      goto out;
    }

  if (keep_size > 0)
    {
      /* A file that fits is read straight into the kept buffer: no copy. */
      gsize wanted = (guint64) st.st_size <= keep_size ? (gsize) st.st_size : READ_BUFFER_SIZE;

      keep_whole = (guint64) st.st_size <= keep_size;
      if (reader->kept_size < wanted)
        {
          g_free (reader->kept);
          reader->kept = g_malloc (wanted);
          reader->kept_size = wanted;
        }
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
      guint8 *into = reader->buffer;
      size_t wanted = READ_BUFFER_SIZE;
      ssize_t n;

      /* A file that grows past its size while it is read is kept only up to that size. */
      if (keep_whole && kept_length < (gsize) st.st_size)
        {
          into = reader->kept + kept_length;
          wanted = MIN (READ_BUFFER_SIZE, (gsize) st.st_size - kept_length);
        }
      n = read (fd, into, wanted);

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
      if (into != reader->buffer)
        kept_length += (gsize) n;
      else if (keep_size > 0 && !keep_whole && kept_length == 0)
        {
          /* Of a larger file, its head: where formats put their signatures and headers. */
          memcpy (reader->kept, into, (size_t) n);
          kept_length = (gsize) n;
        }
      if (kinds & TAIOU_DIGEST_MD5)
        EVP_DigestUpdate (reader->md5, into, (size_t) n);
      if (kinds & TAIOU_DIGEST_SHA1)
        EVP_DigestUpdate (reader->sha1, into, (size_t) n);
      if (kinds & TAIOU_DIGEST_SHA256)
        EVP_DigestUpdate (reader->sha256, into, (size_t) n);
    }

  if (kinds & TAIOU_DIGEST_MD5)
    EVP_DigestFinal_ex (reader->md5, digest->md5, NULL);
  if (kinds & TAIOU_DIGEST_SHA1)
    EVP_DigestFinal_ex (reader->sha1, digest->sha1, NULL);
  if (kinds & TAIOU_DIGEST_SHA256)
    EVP_DigestFinal_ex (reader->sha256, digest->sha256, NULL);
  if (content != NULL)
    {
      content->data = reader->kept;
      content->length = kept_length;
    }
  ok = TRUE;

out:
  close (fd);
  return ok;
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
  g_return_val_if_fail (reader != NULL, FALSE);
  g_return_val_if_fail (path != NULL, FALSE);
  g_return_val_if_fail (digest != NULL, FALSE);

  return read_file (reader, dirfd, path, kinds, max_size, 0, digest, NULL, cancellable, error);
}

/**
 * taiou_digest_reader_file_keep:
 * @kinds: the digests wanted, possibly none: the file is read all the same
 * @keep_size: a file up to this size is kept whole; of a larger one, its first MiB
 * @content: (out): the bytes kept, owned by @reader until its next file; @content->length
 *   below @digest->size means only the head was kept
 *
 * A file over @max_size is not an error here: its head is kept and nothing is hashed
 * (@digest->kinds is 0 and @digest->size the file's size).
 *
 * taiou_digest_reader_file() that also hands back what it read, so that a second check (YARA)
 * looks at the same bytes instead of reading the file again.
 */
gboolean
taiou_digest_reader_file_keep (TaiouDigestReader  *reader,
                               int                 dirfd,
                               const char         *path,
                               TaiouDigestKinds    kinds,
                               guint64             max_size,
                               gsize               keep_size,
                               TaiouFileDigest    *digest,
                               TaiouFileContent   *content,
                               GCancellable       *cancellable,
                               GError            **error)
{
  g_return_val_if_fail (reader != NULL, FALSE);
  g_return_val_if_fail (path != NULL, FALSE);
  g_return_val_if_fail (digest != NULL, FALSE);
  g_return_val_if_fail (keep_size > 0, FALSE);
  g_return_val_if_fail (content != NULL, FALSE);

  return read_file (reader, dirfd, path, kinds, max_size, keep_size, digest, content,
                    cancellable, error);
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
