/* taiou-test-rechain.c — edit a row and re-chain the whole database (see the header)
 *
 * The hashes come from _taiou_event_compute_hash(), the code that appending uses, so the result
 * is exactly the consistent forgery a checkpoint must expose.
 */
#define G_LOG_DOMAIN "taiou-test"

#include "config.h"

#include <sqlite3.h>

#include "taiou-event-private.h"
#include "taiou-test-rechain.h"

void
taiou_test_rewrite_and_rechain (const char *db_path,
                                gint64      seq,
                                const char *new_summary)
{
  g_autofree char *prev = g_strdup (TAIOU_EVENT_GENESIS_HASH);
  sqlite3_stmt *select = NULL;
  sqlite3_stmt *update = NULL;
  sqlite3_stmt *edit = NULL;
  sqlite3 *db = NULL;

  g_assert_cmpint (sqlite3_open (db_path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, "BEGIN", NULL, NULL, NULL), ==, SQLITE_OK);

  g_assert_cmpint (sqlite3_prepare_v2 (db, "UPDATE events SET summary = ? WHERE seq = ?", -1,
                                       &edit, NULL), ==, SQLITE_OK);
  sqlite3_bind_text (edit, 1, new_summary, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (edit, 2, seq);
  g_assert_cmpint (sqlite3_step (edit), ==, SQLITE_DONE);
  g_assert_cmpint (sqlite3_changes (db), ==, 1);
  sqlite3_finalize (edit);

  g_assert_cmpint (sqlite3_prepare_v2 (db,
                                       "SELECT seq, incident_id, time_us, kind, actor, host, "
                                       "summary, detail, origin_host, origin_seq, origin_hash "
                                       "FROM events ORDER BY seq", -1, &select, NULL),
                   ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db, "UPDATE events SET prev_hash = ?, hash = ? "
                                           "WHERE seq = ?", -1, &update, NULL), ==, SQLITE_OK);
  while (sqlite3_step (select) == SQLITE_ROW)
    {
      TaiouEventFields fields = {
        .seq = sqlite3_column_int64 (select, 0),
        .incident_id = sqlite3_column_int64 (select, 1),
        .time_us = sqlite3_column_int64 (select, 2),
        .kind = (const char *) sqlite3_column_text (select, 3),
        .actor = (const char *) sqlite3_column_text (select, 4),
        .host = (const char *) sqlite3_column_text (select, 5),
        .summary = (const char *) sqlite3_column_text (select, 6),
        .detail = (const char *) sqlite3_column_text (select, 7),
        .origin_host = (const char *) sqlite3_column_text (select, 8) ?: "",
        .origin_seq = sqlite3_column_int64 (select, 9),
        .origin_hash = (const char *) sqlite3_column_text (select, 10),
      };
      char *hash = _taiou_event_compute_hash (prev, &fields);

      sqlite3_bind_text (update, 1, prev, -1, SQLITE_TRANSIENT);
      sqlite3_bind_text (update, 2, hash, -1, SQLITE_TRANSIENT);
      sqlite3_bind_int64 (update, 3, fields.seq);
      g_assert_cmpint (sqlite3_step (update), ==, SQLITE_DONE);
      sqlite3_reset (update);
      g_free (prev);
      prev = hash;
    }
  sqlite3_finalize (select);
  sqlite3_finalize (update);
  g_assert_cmpint (sqlite3_exec (db, "COMMIT", NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (db);
}
