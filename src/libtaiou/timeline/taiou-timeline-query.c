/* taiou-timeline-query.c — an incident's events filtered and a page at a time
 *
 * The record view shows an incident of any size through a list model that asks for pages by
 * offset, so a page deep in the incident must cost about what the first one does.
 *
 * - Without a filter, a page is a range of the incident's `position` column (1, 2, 3, … in seq
 *   order, kept by every append): an index lookup whatever the offset.
 * - With a filter, the conditions are SQL over indexed columns, and free text goes through the
 *   trigram FTS5 index `events_text` (summary and detail values), whose words are quoted so
 *   that nothing the user types is read as FTS syntax.  A trigram index finds a word of three
 *   characters or more anywhere inside the text, which Japanese needs (it has no spaces between
 *   words); a shorter word is looked for with LIKE, over the same text, instead (a scan of
 *   the incident's rows that the other conditions leave).
 */
#define G_LOG_DOMAIN "taiou-timeline"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "taiou-timeline-private.h"
#include "taiou-timeline-query.h"

/* A trigram index cannot find anything shorter than a trigram. */
#define TRIGRAM_CHARS 3

typedef struct
{
  GString   *sql;    /* " AND …" conditions that follow "events.incident_id = ?1" */
  GPtrArray *texts;  /* text parameters, :t1, :t2, … */
  GArray    *ints;   /* integer parameters, :i1, :i2, … */
  gboolean   filtered;
  gboolean   match;  /* the conditions hold "events_text MATCH …": the query is driven by it */
  gboolean   several_kinds;  /* "events.kind IN (a, b, …)" */
} Conditions;

static void
conditions_clear (Conditions *conditions)
{
  g_string_free (conditions->sql, TRUE);
  g_ptr_array_unref (conditions->texts);
  g_array_unref (conditions->ints);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Conditions, conditions_clear)

/* Appends @before, a parameter bound to @value (taken), and @after.  The parameters are named
 * by type and number (:t1, :i1), so texts and integers can come in any order. */
static void
add_text (Conditions *conditions,
          const char *before,
          char       *value,
          const char *after)
{
  g_ptr_array_add (conditions->texts, value);
  g_string_append_printf (conditions->sql, "%s:t%u%s", before, conditions->texts->len, after);
}

static void
add_int (Conditions *conditions,
         const char *before,
         gint64      value)
{
  g_array_append_val (conditions->ints, value);
  g_string_append_printf (conditions->sql, "%s:i%u", before, conditions->ints->len);
}

/* A LIKE pattern that finds @word as it is: %, _ and \ in it are escaped with \. */
static char *
like_pattern (const char *word)
{
  GString *pattern = g_string_new ("%");

  for (const char *p = word; *p != '\0'; p++)
    {
      if (*p == '%' || *p == '_' || *p == '\\')
        g_string_append_c (pattern, '\\');
      g_string_append_c (pattern, *p);
    }
  g_string_append_c (pattern, '%');
  return g_string_free (pattern, FALSE);
}

/* Splits the user's text at any white space (the ideographic space too). */
static GPtrArray *
split_words (const char *text)
{
  GPtrArray *words = g_ptr_array_new_with_free_func (g_free);
  const char *start = NULL;

  for (const char *p = text;; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);
      gboolean end = c == 0 || g_unichar_isspace (c);

      if (end && start != NULL)
        {
          g_ptr_array_add (words, g_strndup (start, p - start));
          start = NULL;
        }
      else if (!end && start == NULL)
        start = p;
      if (c == 0)
        break;
    }
  return words;
}

static gboolean
add_text_conditions (Conditions  *conditions,
                     const char  *text,
                     GError     **error)
{
  g_autoptr(GPtrArray) words = NULL;
  g_autoptr(GString) match = g_string_new (NULL);

  if (strlen (text) > TAIOU_EVENT_FILTER_MAX_TEXT_BYTES || !g_utf8_validate (text, -1, NULL))
    {
      g_set_error (error, TAIOU_TIMELINE_ERROR, TAIOU_TIMELINE_ERROR_INVALID,
                   _("The search text is too long or is not valid text (at most %d bytes)."),
                   TAIOU_EVENT_FILTER_MAX_TEXT_BYTES);
      return FALSE;
    }
  words = split_words (text);
  if (words->len > TAIOU_EVENT_FILTER_MAX_WORDS)
    {
      g_set_error (error, TAIOU_TIMELINE_ERROR, TAIOU_TIMELINE_ERROR_INVALID,
                   _("The search has too many words (at most %d)."),
                   TAIOU_EVENT_FILTER_MAX_WORDS);
      return FALSE;
    }

  for (guint i = 0; i < words->len; i++)
    {
      const char *word = words->pdata[i];

      conditions->filtered = TRUE;
      if (g_utf8_strlen (word, -1) < TRIGRAM_CHARS)
        {
          add_text (conditions, " AND (events.summary LIKE ", like_pattern (word),
                    " ESCAPE '\\'");
          add_text (conditions, " OR " TAIOU_DETAIL_TEXT_SQL ("events.detail") " LIKE ",
                    like_pattern (word), " ESCAPE '\\')");
          continue;
        }
      /* An FTS5 string: the word between double quotes, a double quote in it doubled.  Words
       * side by side must all appear. */
      if (match->len > 0)
        g_string_append_c (match, ' ');
      g_string_append_c (match, '"');
      for (const char *p = word; *p != '\0'; p++)
        {
          if (*p == '"')
            g_string_append_c (match, '"');
          g_string_append_c (match, *p);
        }
      g_string_append_c (match, '"');
    }
  if (match->len > 0)
    {
      add_text (conditions, " AND events_text MATCH ",
                g_string_free (g_steal_pointer (&match), FALSE), "");
      conditions->match = TRUE;
    }
  return TRUE;
}

static gboolean
build_conditions (const TaiouEventFilter  *filter,
                  Conditions              *conditions,
                  GError                 **error)
{
  conditions->sql = g_string_new (NULL);
  conditions->texts = g_ptr_array_new_with_free_func (g_free);
  conditions->ints = g_array_new (FALSE, FALSE, sizeof (gint64));
  conditions->filtered = FALSE;
  conditions->match = FALSE;
  conditions->several_kinds = FALSE;

  if (filter->kinds != NULL)
    {
      guint n_kinds = g_strv_length ((char **) filter->kinds);

      if (n_kinds > TAIOU_EVENT_FILTER_MAX_KINDS)
        {
          g_set_error (error, TAIOU_TIMELINE_ERROR, TAIOU_TIMELINE_ERROR_INVALID,
                       _("The filter names too many kinds of event (at most %d)."),
                       TAIOU_EVENT_FILTER_MAX_KINDS);
          return FALSE;
        }
      /* An empty list chooses no kind at all. */
      g_string_append (conditions->sql, n_kinds == 0 ? " AND 0" : " AND events.kind IN (");
      for (guint i = 0; i < n_kinds; i++)
        add_text (conditions, i == 0 ? "" : ", ", g_strdup (filter->kinds[i]), "");
      if (n_kinds > 0)
        g_string_append_c (conditions->sql, ')');
      conditions->several_kinds = n_kinds > 1;
      conditions->filtered = TRUE;
    }
  if (filter->host != NULL)
    {
      add_text (conditions, " AND events.host = ", g_strdup (filter->host), "");
      conditions->filtered = TRUE;
    }
  if (filter->actor != NULL)
    {
      add_text (conditions, " AND events.actor = ", g_strdup (filter->actor), "");
      conditions->filtered = TRUE;
    }
  if (filter->from_us != 0)
    {
      add_int (conditions, " AND events.time_us >= ", filter->from_us);
      conditions->filtered = TRUE;
    }
  if (filter->to_us != 0)
    {
      add_int (conditions, " AND events.time_us < ", filter->to_us);
      conditions->filtered = TRUE;
    }
  if (filter->text != NULL && filter->text[0] != '\0' &&
      !add_text_conditions (conditions, filter->text, error))
    return FALSE;
  return TRUE;
}

/* Prepares @sql and binds the incident (?1) and the conditions' named parameters. */
static gboolean
prepare_with_conditions (TaiouTimeline            *self,
                         const char               *sql,
                         const TaiouEventFilter   *filter,
                         const Conditions         *conditions,
                         sqlite3_stmt            **stmt,
                         GError                  **error)
{
  if (!_taiou_timeline_prepare (self, sql, stmt, error))
    return FALSE;
  sqlite3_bind_int64 (*stmt, 1, filter->incident_id);
  for (guint i = 0; i < conditions->texts->len; i++)
    {
      g_autofree char *name = g_strdup_printf (":t%u", i + 1);

      sqlite3_bind_text (*stmt, sqlite3_bind_parameter_index (*stmt, name),
                         conditions->texts->pdata[i], -1, SQLITE_STATIC);
    }
  for (guint i = 0; i < conditions->ints->len; i++)
    {
      g_autofree char *name = g_strdup_printf (":i%u", i + 1);

      sqlite3_bind_int64 (*stmt, sqlite3_bind_parameter_index (*stmt, name),
                          g_array_index (conditions->ints, gint64, i));
    }
  return TRUE;
}

static gboolean
read_events (TaiouTimeline  *self,
             sqlite3_stmt   *stmt,
             GPtrArray      *events,
             GError        **error)
{
  int rc;

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      TaiouEventFields fields;
      const char *prev_hash;
      const char *hash;

      _taiou_timeline_read_event_row (stmt, &fields, &prev_hash, &hash);
      g_ptr_array_add (events, _taiou_event_new (&fields, prev_hash, hash));
    }
  if (rc != SQLITE_DONE)
    {
      _taiou_timeline_set_sqlite_error (error, self->db, rc, self->path);
      return FALSE;
    }
  return TRUE;
}

/* The FROM clause and the sequence column for @conditions.  With free text, the FTS5 index
 * drives the query: it yields its rowids (= seq) in ascending order, lazily, so a page reads only
 * the rows up to it instead of materialising every match of a common word first. */
static const char *
from_clause (const Conditions *conditions)
{
  return conditions->match
         ? "events_text CROSS JOIN events ON events.seq = events_text.rowid"
         : "events";
}

static const char *
seq_column (const Conditions *conditions)
{
  return conditions->match ? "events_text.rowid" : "events.seq";
}

/* What the matches are sorted by.  With several kinds, SQLite would rather walk the incident in
 * order and test each event's kind than read the kinds' index ranges and sort them: 40 ms for
 * the two kinds of the deadlines in an incident of 100,000 events instead of 0.1 ms.  The "+"
 * keeps it from using an index for the order; the pages are bounded by anchors on both sides,
 * so the sort is of a few hundred rows at most. */
static const char *
order_column (const Conditions *conditions)
{
  return conditions->several_kinds && !conditions->match ? "+events.seq" : seq_column (conditions);
}

/* Every ANCHOR_STRIDE-th match of a filter, remembered: a page at any offset then starts at the
 * nearest anchor before it and skips fewer than ANCHOR_STRIDE rows, instead of all the matches
 * before it.  Rows are only ever appended with higher sequence numbers, so the anchors of a
 * filter stay right until a new event arrives, which the newest seq tells. */
#define ANCHOR_STRIDE 256
#define ANCHORS_KEY   "taiou-query-anchors"
/* The filters remembered, most recently used first: the record view's list and the queries
 * around it (the deadlines, a search being typed) take turns without walking again. */
#define ANCHORS_KEPT  4

typedef struct
{
  char   *key;      /* the filter: its SQL and parameters */
  gint64  stamp;    /* the newest seq in the database when they were taken */
  gint64  count;    /* how many events match */
  GArray *anchors;  /* gint64: the seq of match 0, ANCHOR_STRIDE, 2 × ANCHOR_STRIDE, … */
  gint64  last;     /* the seq of the last match */
} Anchors;

static void
anchors_free (Anchors *anchors)
{
  g_free (anchors->key);
  g_array_unref (anchors->anchors);
  g_free (anchors);
}

static void
anchors_queue_free (gpointer queue)
{
  g_queue_free_full (queue, (GDestroyNotify) anchors_free);
}

static char *
conditions_key (const TaiouEventFilter *filter,
                const Conditions       *conditions)
{
  GString *key = g_string_new (NULL);

  g_string_append_printf (key, "%" G_GINT64_FORMAT "\x1f%s", filter->incident_id,
                          conditions->sql->str);
  for (guint i = 0; i < conditions->texts->len; i++)
    g_string_append_printf (key, "\x1f%s", (const char *) conditions->texts->pdata[i]);
  for (guint i = 0; i < conditions->ints->len; i++)
    g_string_append_printf (key, "\x1f%" G_GINT64_FORMAT,
                            g_array_index (conditions->ints, gint64, i));
  return g_string_free (key, FALSE);
}

/* The anchors of a filter, from the cache or from one walk over its matches (which counts them
 * too); the caller holds the lock.  One read transaction keeps the stamp and the walk in step. */
static Anchors *
get_anchors_locked (TaiouTimeline           *self,
                    const TaiouEventFilter  *filter,
                    const Conditions        *conditions,
                    GError                 **error)
{
  GQueue *kept = g_object_get_data (G_OBJECT (self), ANCHORS_KEY);
  g_autofree char *key = conditions_key (filter, conditions);
  g_autofree char *sql = NULL;
  sqlite3_stmt *stmt = NULL;
  Anchors *anchors;
  gint64 stamp = 0;
  int rc;

  if (sqlite3_exec (self->db, "BEGIN", NULL, NULL, NULL) != SQLITE_OK)
    {
      _taiou_timeline_set_sqlite_error (error, self->db, sqlite3_errcode (self->db), self->path);
      return NULL;
    }
  if (!_taiou_timeline_newest_seq_locked (self, &stamp, error))
    goto failed;
  if (kept == NULL)
    {
      kept = g_queue_new ();
      g_object_set_data_full (G_OBJECT (self), ANCHORS_KEY, kept, anchors_queue_free);
    }
  for (GList *link = kept->head; link != NULL; link = link->next)
    {
      Anchors *cached = link->data;

      if (g_strcmp0 (cached->key, key) != 0)
        continue;
      if (cached->stamp != stamp)
        {
          /* A new event: the walk is redone below. */
          g_queue_delete_link (kept, link);
          anchors_free (cached);
          break;
        }
      g_queue_unlink (kept, link);
      g_queue_push_head_link (kept, link);
      sqlite3_exec (self->db, "COMMIT", NULL, NULL, NULL);
      return cached;
    }

  sql = g_strdup_printf ("SELECT %s FROM %s WHERE events.incident_id = ?1%s ORDER BY %s",
                         seq_column (conditions), from_clause (conditions),
                         conditions->sql->str, order_column (conditions));
  if (!prepare_with_conditions (self, sql, filter, conditions, &stmt, error))
    goto failed;
  anchors = g_new0 (Anchors, 1);
  anchors->key = g_steal_pointer (&key);
  anchors->stamp = stamp;
  anchors->anchors = g_array_new (FALSE, FALSE, sizeof (gint64));
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      anchors->last = sqlite3_column_int64 (stmt, 0);
      if (anchors->count % ANCHOR_STRIDE == 0)
        g_array_append_val (anchors->anchors, anchors->last);
      anchors->count++;
    }
  sqlite3_finalize (stmt);
  if (rc != SQLITE_DONE)
    {
      anchors_free (anchors);
      _taiou_timeline_set_sqlite_error (error, self->db, rc, self->path);
      goto failed;
    }
  sqlite3_exec (self->db, "COMMIT", NULL, NULL, NULL);
  g_queue_push_head (kept, anchors);
  while (kept->length > ANCHORS_KEPT)
    anchors_free (g_queue_pop_tail (kept));
  return anchors;

failed:
  sqlite3_exec (self->db, "ROLLBACK", NULL, NULL, NULL);
  return NULL;
}

/* The seq a page of @limit matches from @offset cannot go past: just before the anchor that
 * follows its last match, or the last match itself. */
static gint64
page_end (const Anchors *anchors,
          gint64         offset,
          guint          limit)
{
  gint64 last_index = MIN (offset + (gint64) MAX (limit, 1) - 1, anchors->count - 1);
  guint next_anchor = (guint) (last_index / ANCHOR_STRIDE) + 1;

  if (next_anchor < anchors->anchors->len)
    return g_array_index (anchors->anchors, gint64, next_anchor) - 1;
  return anchors->last;
}

/**
 * taiou_timeline_query_events:
 * @filter: which events; its incident must exist
 * @offset: how many matching events to skip, 0 for the first page
 * @limit: how many to return at most
 *
 * A page costs about the same at any offset.  With a filter, the first call for it (this or
 * taiou_timeline_count_matching(), which a list model makes first) walks its matches once; the
 * walk is remembered until the next event is recorded.
 *
 * Returns: (transfer container) (element-type TaiouEvent): the matching events from @offset
 *   on, in sequence order (the order of the chain); NULL with @error set
 */
GPtrArray *
taiou_timeline_query_events (TaiouTimeline           *self,
                             const TaiouEventFilter  *filter,
                             gint64                   offset,
                             guint                    limit,
                             GError                 **error)
{
  g_autoptr(GMutexLocker) locker = NULL;
  g_autoptr(GPtrArray) events = g_ptr_array_new_with_free_func (g_object_unref);
  g_auto(Conditions) conditions = { 0 };
  g_autofree char *sql = NULL;
  sqlite3_stmt *stmt = NULL;
  gint64 start_seq = 0;
  gint64 end_seq = 0;
  gint64 skip = offset;
  gboolean read;

  g_return_val_if_fail (TAIOU_IS_TIMELINE (self), NULL);
  g_return_val_if_fail (filter != NULL, NULL);
  g_return_val_if_fail (offset >= 0, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!build_conditions (filter, &conditions, error))
    return NULL;

  locker = g_mutex_locker_new (&self->lock);
  if (!_taiou_timeline_incident_exists_locked (self, filter->incident_id, error))
    return NULL;
  if (limit == 0)
    return g_steal_pointer (&events);

  if (!conditions.filtered)
    sql = g_strdup ("SELECT " TAIOU_EVENT_COLUMNS " FROM events "
                    "WHERE incident_id = ?1 AND position > :offset "
                    "ORDER BY position LIMIT :limit");
  else
    {
      Anchors *anchors = get_anchors_locked (self, filter, &conditions, error);

      if (anchors == NULL)
        return NULL;
      if (offset >= anchors->count)
        return g_steal_pointer (&events);
      start_seq = g_array_index (anchors->anchors, gint64, offset / ANCHOR_STRIDE);
      skip = offset % ANCHOR_STRIDE;
      end_seq = page_end (anchors, offset, limit);
      sql = g_strdup_printf ("SELECT " TAIOU_EVENT_COLUMNS " FROM %s "
                             "WHERE events.incident_id = ?1%s AND %s BETWEEN :start AND :end "
                             "ORDER BY %s LIMIT :limit OFFSET :offset",
                             from_clause (&conditions), conditions.sql->str,
                             seq_column (&conditions), order_column (&conditions));
    }

  if (!prepare_with_conditions (self, sql, filter, &conditions, &stmt, error))
    return NULL;
  sqlite3_bind_int64 (stmt, sqlite3_bind_parameter_index (stmt, ":offset"), skip);
  sqlite3_bind_int64 (stmt, sqlite3_bind_parameter_index (stmt, ":limit"), limit);
  if (conditions.filtered)
    {
      sqlite3_bind_int64 (stmt, sqlite3_bind_parameter_index (stmt, ":start"), start_seq);
      sqlite3_bind_int64 (stmt, sqlite3_bind_parameter_index (stmt, ":end"), end_seq);
    }
  read = read_events (self, stmt, events, error);
  sqlite3_finalize (stmt);

  return read ? g_steal_pointer (&events) : NULL;
}

/**
 * taiou_timeline_count_matching:
 *
 * Returns: how many events of the incident @filter matches; -1 with @error set
 */
gint64
taiou_timeline_count_matching (TaiouTimeline           *self,
                               const TaiouEventFilter  *filter,
                               GError                 **error)
{
  g_autoptr(GMutexLocker) locker = NULL;
  g_auto(Conditions) conditions = { 0 };
  sqlite3_stmt *stmt = NULL;
  gint64 count = -1;
  int rc;

  g_return_val_if_fail (TAIOU_IS_TIMELINE (self), -1);
  g_return_val_if_fail (filter != NULL, -1);
  g_return_val_if_fail (error == NULL || *error == NULL, -1);

  if (!build_conditions (filter, &conditions, error))
    return -1;

  locker = g_mutex_locker_new (&self->lock);
  if (!_taiou_timeline_incident_exists_locked (self, filter->incident_id, error))
    return -1;
  if (conditions.filtered)
    {
      /* The walk that counts also takes the anchors the pages will need. */
      Anchors *anchors = get_anchors_locked (self, filter, &conditions, error);

      return anchors != NULL ? anchors->count : -1;
    }

  /* Positions run 1, 2, 3, … so the last one is the count: one index lookup. */
  if (!_taiou_timeline_prepare (self, "SELECT coalesce (max (position), 0) FROM events "
                                      "WHERE incident_id = ?1", &stmt, error))
    return -1;
  sqlite3_bind_int64 (stmt, 1, filter->incident_id);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    count = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);
  if (rc != SQLITE_ROW)
    {
      _taiou_timeline_set_sqlite_error (error, self->db, rc, self->path);
      return -1;
    }
  return count;
}
