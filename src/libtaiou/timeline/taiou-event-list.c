/* taiou-event-list.c — an incident's (filtered) events as a GListModel, read a page at a time
 *
 * The record view must open an incident of 100,000 events at once and scroll to its end in a
 * second, so nothing is read up front but the count: a row asks for its item, and the page that
 * holds it is read then (taiou_timeline_query_events, whose deep pages cost what the first one
 * does).  A few pages are kept, the least recently used dropped: a list view binds only the rows
 * on screen, so scrolling through a million events keeps a few thousand in memory.
 *
 * The record only grows, so taiou_event_list_refresh() announces the new events at the end and
 * keeps what was read.  A failed read (a locked or damaged database) makes the row's item a
 * placeholder event rather than NULL, which a list view cannot show; the error is kept for the
 * view to explain.
 */
#define G_LOG_DOMAIN "taiou-timeline"

#include "config.h"

#include "taiou-event-list.h"
#include "taiou-event-private.h"

/* A screen shows a few dozen rows; a page a few screens long makes scrolling read rarely. */
#define PAGE_SIZE 256
/* Pages kept: the screen, the ones around it, and the two ends a user jumps between. */
#define MAX_PAGES 16

struct _TaiouEventList
{
  GObject           parent_instance;

  TaiouTimeline    *timeline;
  TaiouEventFilter  filter;       /* deep copy: the strings below belong to the list */
  GStrv             kinds;
  char             *host;
  char             *actor;
  char             *text;

  guint             n_items;
  GHashTable       *pages;        /* page number → GPtrArray of TaiouEvent */
  GQueue            page_order;   /* page numbers, most recently used first */
  GError           *error;        /* the last read that failed */
};

static void taiou_event_list_model_init (GListModelInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (TaiouEventList, taiou_event_list, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL,
                                                      taiou_event_list_model_init))

static GType
taiou_event_list_get_item_type (GListModel *model)
{
  return TAIOU_TYPE_EVENT;
}

static guint
taiou_event_list_get_n_items (GListModel *model)
{
  return TAIOU_EVENT_LIST (model)->n_items;
}

static void
set_error (TaiouEventList *self,
           GError         *error)
{
  g_clear_error (&self->error);
  self->error = error;
}

static void
touch_page (TaiouEventList *self,
            guint           page)
{
  g_queue_remove (&self->page_order, GUINT_TO_POINTER (page));
  g_queue_push_head (&self->page_order, GUINT_TO_POINTER (page));
  while (g_queue_get_length (&self->page_order) > MAX_PAGES)
    g_hash_table_remove (self->pages, g_queue_pop_tail (&self->page_order));
}

static GPtrArray *
read_page (TaiouEventList *self,
           guint           page)
{
  GPtrArray *events = g_hash_table_lookup (self->pages, GUINT_TO_POINTER (page));
  GError *error = NULL;

  if (events == NULL)
    {
      events = taiou_timeline_query_events (self->timeline, &self->filter,
                                            (gint64) page * PAGE_SIZE, PAGE_SIZE, &error);
      if (events == NULL)
        {
          set_error (self, error);
          return NULL;
        }
      g_hash_table_insert (self->pages, GUINT_TO_POINTER (page), events);
    }
  touch_page (self, page);
  return events;
}

/* Stands for a row that could not be read, so the list stays whole and says so. */
static TaiouEvent *
new_unreadable_event (TaiouEventList *self)
{
  TaiouEventFields fields = {
    .incident_id = self->filter.incident_id,
    .kind = "",
    .actor = "",
    .host = "",
    .summary = self->error != NULL ? self->error->message : "",
    .detail = "",
  };

  return _taiou_event_new (&fields, "", "");
}

static gpointer
taiou_event_list_get_item (GListModel *model,
                           guint       position)
{
  TaiouEventList *self = TAIOU_EVENT_LIST (model);
  GPtrArray *events;
  guint offset = position % PAGE_SIZE;

  if (position >= self->n_items)
    return NULL;
  events = read_page (self, position / PAGE_SIZE);
  if (events == NULL || offset >= events->len)
    return new_unreadable_event (self);
  return g_object_ref (events->pdata[offset]);
}

static void
taiou_event_list_model_init (GListModelInterface *iface)
{
  iface->get_item_type = taiou_event_list_get_item_type;
  iface->get_n_items = taiou_event_list_get_n_items;
  iface->get_item = taiou_event_list_get_item;
}

static void
taiou_event_list_finalize (GObject *object)
{
  TaiouEventList *self = TAIOU_EVENT_LIST (object);

  g_clear_object (&self->timeline);
  g_strfreev (self->kinds);
  g_free (self->host);
  g_free (self->actor);
  g_free (self->text);
  g_hash_table_unref (self->pages);
  g_queue_clear (&self->page_order);
  g_clear_error (&self->error);

  G_OBJECT_CLASS (taiou_event_list_parent_class)->finalize (object);
}

static void
taiou_event_list_class_init (TaiouEventListClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = taiou_event_list_finalize;
}

static void
taiou_event_list_init (TaiouEventList *self)
{
  self->pages = g_hash_table_new_full (NULL, NULL, NULL, (GDestroyNotify) g_ptr_array_unref);
  g_queue_init (&self->page_order);
}

/* A list cannot hold more rows than a guint counts; no real incident comes near. */
static guint
clamp_count (gint64 count)
{
  return (guint) CLAMP (count, 0, G_MAXUINT);
}

/**
 * taiou_event_list_new:
 * @filter: which events; copied
 *
 * Counts the matching events; reads none of them yet.
 *
 * Returns: (transfer full): the list, or NULL with @error set when the count fails (no such
 *   incident, a filter the record refuses, an unreadable database)
 */
TaiouEventList *
taiou_event_list_new (TaiouTimeline           *timeline,
                      const TaiouEventFilter  *filter,
                      GError                 **error)
{
  g_autoptr(TaiouEventList) self = NULL;
  gint64 count;

  g_return_val_if_fail (TAIOU_IS_TIMELINE (timeline), NULL);
  g_return_val_if_fail (filter != NULL, NULL);

  self = g_object_new (TAIOU_TYPE_EVENT_LIST, NULL);
  self->timeline = g_object_ref (timeline);
  self->kinds = g_strdupv ((char **) filter->kinds);
  self->host = g_strdup (filter->host);
  self->actor = g_strdup (filter->actor);
  self->text = g_strdup (filter->text);
  self->filter = *filter;
  self->filter.kinds = (const char * const *) self->kinds;
  self->filter.host = self->host;
  self->filter.actor = self->actor;
  self->filter.text = self->text;

  count = taiou_timeline_count_matching (timeline, &self->filter, error);
  if (count < 0)
    return NULL;
  self->n_items = clamp_count (count);
  return g_steal_pointer (&self);
}

const TaiouEventFilter *
taiou_event_list_get_filter (TaiouEventList *self)
{
  g_return_val_if_fail (TAIOU_IS_EVENT_LIST (self), NULL);
  return &self->filter;
}

/**
 * taiou_event_list_refresh:
 *
 * Counts again and announces the events appended since, at the end (the record only grows).
 * The last page read may have been short, so it is read again when asked for.
 *
 * Returns: FALSE with @error set when the count fails; the list is then unchanged
 */
gboolean
taiou_event_list_refresh (TaiouEventList  *self,
                          GError         **error)
{
  gint64 count;
  guint old_n;

  g_return_val_if_fail (TAIOU_IS_EVENT_LIST (self), FALSE);

  count = taiou_timeline_count_matching (self->timeline, &self->filter, error);
  if (count < 0)
    return FALSE;
  old_n = self->n_items;
  if (clamp_count (count) == old_n)
    return TRUE;

  if (old_n > 0)
    {
      guint last_page = (old_n - 1) / PAGE_SIZE;

      g_hash_table_remove (self->pages, GUINT_TO_POINTER (last_page));
      g_queue_remove (&self->page_order, GUINT_TO_POINTER (last_page));
    }
  self->n_items = clamp_count (count);
  if (self->n_items > old_n)
    g_list_model_items_changed (G_LIST_MODEL (self), old_n, 0, self->n_items - old_n);
  else
    {
      /* Fewer than before: not an append; something outside Taiou removed rows. */
      g_hash_table_remove_all (self->pages);
      g_queue_clear (&self->page_order);
      g_list_model_items_changed (G_LIST_MODEL (self), 0, old_n, self->n_items);
    }
  return TRUE;
}

/**
 * taiou_event_list_find_seq:
 * @seq: an event's number in the record
 * @position: (out): where it is in the list
 *
 * Events are listed in seq order, so this is a binary search that reads a few pages.
 *
 * Returns: whether the list holds the event numbered @seq
 */
gboolean
taiou_event_list_find_seq (TaiouEventList *self,
                           gint64          seq,
                           guint          *position)
{
  guint low = 0;
  guint high;

  g_return_val_if_fail (TAIOU_IS_EVENT_LIST (self), FALSE);
  g_return_val_if_fail (position != NULL, FALSE);

  high = self->n_items;
  while (low < high)
    {
      guint middle = low + (high - low) / 2;
      g_autoptr(TaiouEvent) event = taiou_event_list_get_item (G_LIST_MODEL (self), middle);
      gint64 middle_seq = taiou_event_get_seq (event);

      if (middle_seq == seq)
        {
          *position = middle;
          return TRUE;
        }
      if (middle_seq == 0)
        return FALSE; /* unreadable: the order is unknown */
      if (middle_seq < seq)
        low = middle + 1;
      else
        high = middle;
    }
  return FALSE;
}

/* Returns: (nullable): why the last page could not be read, if one could not */
const GError *
taiou_event_list_get_error (TaiouEventList *self)
{
  g_return_val_if_fail (TAIOU_IS_EVENT_LIST (self), NULL);
  return self->error;
}
