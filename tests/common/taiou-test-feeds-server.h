/* taiou-test-feeds-server.h — a local HTTPS feed server for the feeds' tests */
#pragma once

#include <libsoup/soup.h>

#include "taiou.h"

G_BEGIN_DECLS

/* How the server answers one path. */
typedef enum
{
  TAIOU_TEST_FEED_SERVE,        /* status, type and body as given; 304 when the ETag matches */
  TAIOU_TEST_FEED_TRUNCATE,     /* announces the whole body, sends half, closes */
  TAIOU_TEST_FEED_STALL,        /* never answers */
  TAIOU_TEST_FEED_REDIRECT,     /* 302 to the body (an address) */
  TAIOU_TEST_FEED_CHUNKED,      /* the body without a length, in chunked encoding */
  TAIOU_TEST_FEED_GZIP,         /* the body gzip-compressed (Content-Encoding: gzip) */
} TaiouTestFeedMode;

typedef struct _TaiouTestFeedsServer TaiouTestFeedsServer;

TaiouTestFeedsServer *taiou_test_feeds_server_new      (void);
void                  taiou_test_feeds_server_free     (TaiouTestFeedsServer *server);
const char           *taiou_test_feeds_server_get_base_url (TaiouTestFeedsServer *server);
const char           *taiou_test_feeds_server_get_ca_file  (TaiouTestFeedsServer *server);
GTlsDatabase         *taiou_test_feeds_server_get_ca       (TaiouTestFeedsServer *server);
void                  taiou_test_feeds_server_set      (TaiouTestFeedsServer *server,
                                                        const char           *file_name,
                                                        TaiouTestFeedMode     mode,
                                                        guint                 status,
                                                        const char           *content_type,
                                                        const char           *body,
                                                        const char           *etag);
void                  taiou_test_feeds_server_set_last_modified (TaiouTestFeedsServer *server,
                                                                  const char           *file_name,
                                                                  const char           *date);
void                  taiou_test_feeds_server_serve_good (TaiouTestFeedsServer *server);
/* What the last request for @file_name carried in @header (NULL when none); transfer full. */
char                 *taiou_test_feeds_server_dup_header (TaiouTestFeedsServer *server,
                                                          const char           *file_name,
                                                          const char           *header);
guint                 taiou_test_feeds_server_get_n_requests (TaiouTestFeedsServer *server);

/* Good copies of the three feeds, as the server above serves them. */
extern const char taiou_test_feodo_json[];
extern const char taiou_test_urlhaus_csv[];
extern const char taiou_test_malwarebazaar_csv[];

G_DEFINE_AUTOPTR_CLEANUP_FUNC (TaiouTestFeedsServer, taiou_test_feeds_server_free)

G_END_DECLS
