/* fuzz-feed-update.c — what an update does with a server's answer before keeping it
 *
 * The first byte picks what the rest is (modulo 4): the body of Feodo Tracker (JSON), of
 * URLhaus (CSV) or of MalwareBazaar (CSV, followed families: Emotet), checked as an update
 * checks it (_taiou_feeds_validate: the IOC readers, then the counts and the rules about
 * unusable lines); or the note kept beside a copy (ETag, Last-Modified, time, entries), which
 * an attacker who once controlled the answer's headers partly wrote.
 */
#include "config.h"

#include "taiou-feeds-private.h"

int LLVMFuzzerTestOneInput (const guint8 *data, size_t size);

int
LLVMFuzzerTestOneInput (const guint8 *data,
                        size_t        size)
{
  static const char * const families[] = { "Emotet", NULL };
  const char *body = (const char *) data + 1;
  guint choice;

  if (size < 1)
    return 0;
  choice = data[0] % 4;
  if (choice < TAIOU_FEED_N_SOURCES)
    {
      const FeedSourceInfo *info = _taiou_feeds_source_info ((TaiouFeedSource) choice);
      g_autoptr(GError) error = NULL;
      guint entries = 0;

      if (!_taiou_feeds_validate (info, body, size - 1, families, &entries, &error))
        g_assert_nonnull (error);
      else
        g_assert_no_error (error);
    }
  else
    {
      g_auto(FeedMeta) meta = { 0 };

      _taiou_feed_meta_parse (body, size - 1, &meta);
    }
  return 0;
}
