/* taiou-timeline-senders.c — the senders of checked mail, hashed: has this one been seen before?
 *
 * Microsoft's first-contact safety tip tells a reader "you don't often get email from" an
 * address; the mail check does the same when a mail claims a known name (taiou-mail-first-
 * contact.c).  For that it needs a memory of the senders of mail checked on this installation —
 * and only that: the book keeps SHA-256 (salt ‖ key) of each key ("address:" and the lower-cased
 * address, "name:" and a normalised display name), nothing else: no address, no name, no body,
 * no time, no count.  The salt is 32 random bytes made once per database (SQLite's randomblob(),
 * seeded from the operating system), so the digests of one installation say nothing about
 * another's, and a list of everyone's addresses hashed once cannot be matched against it.
 * Someone holding the file and the salt can still test a guessed address, one guess at a time;
 * the file is private to the user (mode 0700 folder), like the incident record it lives beside.
 *
 * Why the timeline's database and not a file of its own: the case that checks mail already holds
 * the timeline; SQLite lets the app and the CLI add senders at the same time without losing one;
 * and there is no second file format to read defensively.  The book is not evidence: it is
 * outside the hash chain, and a copy of the database handed over for review tells the reviewer
 * nothing readable about who wrote to this office.
 */
#define G_LOG_DOMAIN "taiou-timeline"

#include "config.h"

#include "taiou-timeline-private.h"

#define SALT_LENGTH 32

/* The hex SHA-256 of salt ‖ key, as the book stores it; NULL with @error when the salt is
 * missing (a database some tool changed). */
static char *
digest_locked (TaiouTimeline  *self,
               const char     *key,
               GError        **error)
{
  sqlite3_stmt *stmt = NULL;
  g_autoptr(GChecksum) checksum = NULL;
  int rc;

  if (!_taiou_timeline_prepare (self, "SELECT salt FROM sender_book_salt LIMIT 1", &stmt, error))
    return NULL;
  rc = sqlite3_step (stmt);
  if (rc != SQLITE_ROW || sqlite3_column_bytes (stmt, 0) < SALT_LENGTH)
    {
      sqlite3_finalize (stmt);
      if (rc == SQLITE_ROW || rc == SQLITE_DONE)
        _taiou_timeline_set_sqlite_error (error, NULL, SQLITE_CORRUPT, self->path);
      else
        _taiou_timeline_set_sqlite_error (error, self->db, rc, self->path);
      return NULL;
    }
  checksum = g_checksum_new (G_CHECKSUM_SHA256);
  g_checksum_update (checksum, sqlite3_column_blob (stmt, 0), sqlite3_column_bytes (stmt, 0));
  g_checksum_update (checksum, (const guchar *) key, -1);
  sqlite3_finalize (stmt);
  return g_strdup (g_checksum_get_string (checksum));
}

static gboolean
check_key (const char  *key,
           GError     **error)
{
  return _taiou_timeline_check_text (key, "sender", FALSE, error);
}

/**
 * taiou_timeline_sender_seen:
 * @key: what identifies a sender: "address:taro@example.co.jp", "name:山田太郎"
 * @seen: (out): whether @key was added before
 *
 * Returns: FALSE with @error when the book cannot be read
 */
gboolean
taiou_timeline_sender_seen (TaiouTimeline  *self,
                            const char     *key,
                            gboolean       *seen,
                            GError        **error)
{
  g_autoptr(GMutexLocker) locker = NULL;
  g_autofree char *digest = NULL;
  sqlite3_stmt *stmt = NULL;
  int rc;

  g_return_val_if_fail (TAIOU_IS_TIMELINE (self), FALSE);
  g_return_val_if_fail (seen != NULL, FALSE);

  *seen = FALSE;
  if (!check_key (key, error))
    return FALSE;
  locker = g_mutex_locker_new (&self->lock);
  if ((digest = digest_locked (self, key, error)) == NULL ||
      !_taiou_timeline_prepare (self, "SELECT 1 FROM sender_book WHERE digest = ?", &stmt, error))
    return FALSE;
  sqlite3_bind_text (stmt, 1, digest, -1, SQLITE_TRANSIENT);
  rc = sqlite3_step (stmt);
  sqlite3_finalize (stmt);
  if (rc != SQLITE_ROW && rc != SQLITE_DONE)
    {
      _taiou_timeline_set_sqlite_error (error, self->db, rc, self->path);
      return FALSE;
    }
  *seen = rc == SQLITE_ROW;
  return TRUE;
}

/**
 * taiou_timeline_add_senders:
 * @keys: (array zero-terminated=1): keys as taiou_timeline_sender_seen() takes them
 *
 * Remembers @keys, hashed; a key already there stays once.
 */
gboolean
taiou_timeline_add_senders (TaiouTimeline       *self,
                            const char * const  *keys,
                            GError             **error)
{
  g_autoptr(GMutexLocker) locker = NULL;
  sqlite3_stmt *stmt = NULL;

  g_return_val_if_fail (TAIOU_IS_TIMELINE (self), FALSE);
  g_return_val_if_fail (keys != NULL, FALSE);

  for (guint i = 0; keys[i] != NULL; i++)
    if (!check_key (keys[i], error))
      return FALSE;
  if (keys[0] == NULL)
    return TRUE;

  locker = g_mutex_locker_new (&self->lock);
  if (!_taiou_timeline_begin_immediate (self, error))
    return FALSE;
  if (!_taiou_timeline_prepare (self, "INSERT OR IGNORE INTO sender_book (digest) VALUES (?)",
                                &stmt, error))
    {
      _taiou_timeline_rollback (self);
      return FALSE;
    }
  for (guint i = 0; keys[i] != NULL; i++)
    {
      g_autofree char *digest = digest_locked (self, keys[i], error);
      int rc;

      if (digest == NULL)
        {
          sqlite3_finalize (stmt);
          _taiou_timeline_rollback (self);
          return FALSE;
        }
      sqlite3_bind_text (stmt, 1, digest, -1, SQLITE_TRANSIENT);
      rc = sqlite3_step (stmt);
      sqlite3_reset (stmt);
      if (rc != SQLITE_DONE)
        {
          _taiou_timeline_set_sqlite_error (error, self->db, rc, self->path);
          sqlite3_finalize (stmt);
          _taiou_timeline_rollback (self);
          return FALSE;
        }
    }
  sqlite3_finalize (stmt);
  return _taiou_timeline_commit (self, error);
}
