/* taiou-test-feeds-server.c — a local HTTPS feed server for the feeds' tests
 *
 * A real SoupServer over TLS on 127.0.0.1, with a certificate made by openssl for this run (no
 * key is checked in), running in its own thread so that the code under test can block on it
 * (taiou_feeds_update, or the taiou-cli binary).  Each path answers as the test says: a good
 * list, 304, a body cut short, an HTML page, silence.
 */
#include "config.h"

#include <glib/gstdio.h>
#include <string.h>

#include "taiou-test-feeds-server.h"

const char taiou_test_feodo_json[] =
  "[{\"ip_address\":\"192.0.2.10\",\"port\":443,\"status\":\"online\",\"hostname\":null,"
  "\"as_number\":64496,\"as_name\":\"TEST-AS\",\"country\":\"JP\","
  "\"first_seen\":\"2026-11-01 00:00:00\",\"last_online\":\"2026-12-01\",\"malware\":\"Emotet\"},"
  "{\"ip_address\":\"198.51.100.20\",\"port\":8080,\"status\":\"offline\",\"hostname\":null,"
  "\"as_number\":64497,\"as_name\":\"TEST-AS\",\"country\":\"JP\","
  "\"first_seen\":\"2026-11-02 00:00:00\",\"last_online\":\"2026-11-30\",\"malware\":\"QakBot\"}]";

const char taiou_test_urlhaus_csv[] =
  "################################################################\n"
  "# abuse.ch URLhaus Database Dump (CSV - recent URLs only)      #\n"
  "################################################################\n"
  "# id,dateadded,url,url_status,last_online,threat,tags,urlhaus_link,reporter\n"
  "\"1\",\"2026-12-01 00:00:00\",\"http://198.51.100.7/invoice.zip\",\"online\","
  "\"2026-12-01 00:00:00\",\"malware_download\",\"zip\",\"https://urlhaus.abuse.ch/url/1/\","
  "\"tester\"\n"
  "\"2\",\"2026-12-01 00:00:01\",\"http://malware.example/x.exe\",\"offline\","
  "\"2026-12-01 00:00:00\",\"malware_download\",\"exe\",\"https://urlhaus.abuse.ch/url/2/\","
  "\"tester\"\n"
  "\"3\",\"2026-12-01 00:00:02\",\"http://203.0.113.9/a.lnk\",\"online\","
  "\"2026-12-01 00:00:00\",\"malware_download\",\"lnk\",\"https://urlhaus.abuse.ch/url/3/\","
  "\"tester\"\n";

const char taiou_test_malwarebazaar_csv[] =
  "# \"first_seen_utc\",\"sha256_hash\",\"md5_hash\",\"sha1_hash\",\"reporter\",\"file_name\","
  "\"file_type_guess\",\"mime_type\",\"signature\",\"clamav\",\"vtpercent\",\"imphash\","
  "\"ssdeep\",\"tlsh\"\n"
  "\"2026-12-01 00:00:00\",\"0000000000000000000000000000000000000000000000000000000000000001\","
  "\"00000000000000000000000000000001\",\"0000000000000000000000000000000000000001\","
  "\"tester\",\"a.dll\",\"dll\",\"application/x-dosexec\",\"Emotet\",\"n/a\",\"n/a\",\"n/a\","
  "\"n/a\",\"n/a\"\n"
  "\"2026-12-01 00:00:01\",\"0000000000000000000000000000000000000000000000000000000000000002\","
  "\"00000000000000000000000000000002\",\"0000000000000000000000000000000000000002\","
  "\"tester\",\"b.exe\",\"exe\",\"application/x-dosexec\",\"AgentTesla\",\"n/a\",\"n/a\",\"n/a\","
  "\"n/a\",\"n/a\"\n";

typedef struct
{
  TaiouTestFeedMode  mode;
  guint              status;
  char              *content_type;
  char              *body;
  char              *etag;
  char              *last_modified;
  SoupMessageHeaders *last_request;
} Answer;

struct _TaiouTestFeedsServer
{
  GMutex        lock;
  GHashTable   *answers;      /* "/file" → Answer */
  guint         n_requests;
  GThread      *thread;
  GMainContext *context;
  GMainLoop    *loop;
  SoupServer   *server;
  GPtrArray    *stalled;      /* SoupServerMessage, paused for ever */
  char         *dir;
  char         *cert_file;
  char         *key_file;
  GTlsDatabase *ca;
  char         *base_url;
  GCond         ready;
  gboolean      started;
};

static void
answer_free (Answer *answer)
{
  g_free (answer->content_type);
  g_free (answer->body);
  g_free (answer->etag);
  g_free (answer->last_modified);
  g_clear_pointer (&answer->last_request, soup_message_headers_unref);
  g_free (answer);
}

static void
copy_header (const char *name,
             const char *value,
             gpointer    user_data)
{
  soup_message_headers_append (user_data, name, value);
}

/* Writes a response that announces more than it sends, then hangs up. */
static void
send_truncated (SoupServerMessage *msg,
                const Answer      *answer)
{
  g_autoptr(GIOStream) stream = soup_server_message_steal_connection (msg);
  gsize length = strlen (answer->body);
  g_autofree char *head = g_strdup_printf ("HTTP/1.1 200 OK\r\nContent-Type: %s\r\n"
                                           "Content-Length: %" G_GSIZE_FORMAT "\r\n"
                                           "Connection: close\r\n\r\n",
                                           answer->content_type, length);
  GOutputStream *out = g_io_stream_get_output_stream (stream);

  g_output_stream_write_all (out, head, strlen (head), NULL, NULL, NULL);
  g_output_stream_write_all (out, answer->body, length / 2, NULL, NULL, NULL);
  g_output_stream_flush (out, NULL, NULL);
  g_io_stream_close (stream, NULL, NULL);
}

static GBytes *
gzip (const char *text)
{
  g_autoptr(GZlibCompressor) compressor = g_zlib_compressor_new (G_ZLIB_COMPRESSOR_FORMAT_GZIP,
                                                                 9);
  g_autoptr(GOutputStream) memory = g_memory_output_stream_new_resizable ();
  g_autoptr(GOutputStream) out = g_converter_output_stream_new (memory,
                                                                G_CONVERTER (compressor));

  g_output_stream_write_all (out, text, strlen (text), NULL, NULL, NULL);
  g_output_stream_close (out, NULL, NULL);
  return g_memory_output_stream_steal_as_bytes (G_MEMORY_OUTPUT_STREAM (memory));
}

/* Sends the body as the mode says: whole, in chunks without a length, or compressed. */
static void
send_body (SoupServerMessage *msg,
           const Answer      *answer)
{
  SoupMessageHeaders *response = soup_server_message_get_response_headers (msg);
  SoupMessageBody *body = soup_server_message_get_response_body (msg);

  if (answer->mode == TAIOU_TEST_FEED_CHUNKED)
    {
      gsize length = strlen (answer->body);

      soup_message_headers_set_content_type (response, answer->content_type, NULL);
      soup_message_headers_set_encoding (response, SOUP_ENCODING_CHUNKED);
      for (gsize offset = 0; offset < length; offset += 4096)
        soup_message_body_append (body, SOUP_MEMORY_COPY, answer->body + offset,
                                  MIN (4096, length - offset));
      soup_message_body_complete (body);
      return;
    }
  if (answer->mode == TAIOU_TEST_FEED_GZIP)
    {
      g_autoptr(GBytes) packed = gzip (answer->body);

      soup_message_headers_replace (response, "Content-Encoding", "gzip");
      soup_server_message_set_response (msg, answer->content_type, SOUP_MEMORY_COPY,
                                        g_bytes_get_data (packed, NULL),
                                        g_bytes_get_size (packed));
      return;
    }
  soup_server_message_set_response (msg, answer->content_type, SOUP_MEMORY_COPY, answer->body,
                                    strlen (answer->body));
}

static void
handle (SoupServer        *soup_server,
        SoupServerMessage *msg,
        const char        *path,
        GHashTable        *query,
        gpointer           user_data)
{
  TaiouTestFeedsServer *self = user_data;
  SoupMessageHeaders *request = soup_server_message_get_request_headers (msg);
  SoupMessageHeaders *response = soup_server_message_get_response_headers (msg);
  g_autoptr(GMutexLocker) locker = g_mutex_locker_new (&self->lock);
  Answer *answer = g_hash_table_lookup (self->answers, path);
  const char *if_none_match;

  self->n_requests++;
  if (answer == NULL)
    {
      soup_server_message_set_status (msg, SOUP_STATUS_NOT_FOUND, NULL);
      return;
    }
  g_clear_pointer (&answer->last_request, soup_message_headers_unref);
  answer->last_request = soup_message_headers_new (SOUP_MESSAGE_HEADERS_REQUEST);
  soup_message_headers_foreach (request, copy_header, answer->last_request);

  switch (answer->mode)
    {
    case TAIOU_TEST_FEED_STALL:
      g_ptr_array_add (self->stalled, g_object_ref (msg));
      soup_server_message_pause (msg);
      return;
    case TAIOU_TEST_FEED_TRUNCATE:
      send_truncated (msg, answer);
      return;
    case TAIOU_TEST_FEED_REDIRECT:
      soup_server_message_set_redirect (msg, SOUP_STATUS_FOUND, answer->body);
      return;
    case TAIOU_TEST_FEED_SERVE:
    case TAIOU_TEST_FEED_CHUNKED:
    case TAIOU_TEST_FEED_GZIP:
    default:
      break;
    }
  if_none_match = soup_message_headers_get_one (request, "If-None-Match");
  if ((answer->etag != NULL && g_strcmp0 (if_none_match, answer->etag) == 0) ||
      (answer->last_modified != NULL &&
       g_strcmp0 (soup_message_headers_get_one (request, "If-Modified-Since"),
                  answer->last_modified) == 0))
    {
      soup_server_message_set_status (msg, SOUP_STATUS_NOT_MODIFIED, NULL);
      return;
    }
  if (answer->etag != NULL)
    soup_message_headers_replace (response, "ETag", answer->etag);
  if (answer->last_modified != NULL)
    soup_message_headers_replace (response, "Last-Modified", answer->last_modified);
  soup_server_message_set_status (msg, answer->status, NULL);
  send_body (msg, answer);
}

static gpointer
server_thread (gpointer data)
{
  TaiouTestFeedsServer *self = data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GTlsCertificate) certificate = NULL;
  GSList *uris;

  g_main_context_push_thread_default (self->context);
  certificate = g_tls_certificate_new_from_files (self->cert_file, self->key_file, &error);
  g_assert_no_error (error);
  self->server = soup_server_new ("tls-certificate", certificate, NULL);
  soup_server_add_handler (self->server, NULL, handle, self, NULL);
  soup_server_listen_local (self->server, 0,
                            SOUP_SERVER_LISTEN_HTTPS | SOUP_SERVER_LISTEN_IPV4_ONLY, &error);
  g_assert_no_error (error);
  uris = soup_server_get_uris (self->server);
  g_assert_nonnull (uris);
  g_mutex_lock (&self->lock);
  self->base_url = g_strdup_printf ("https://127.0.0.1:%d", g_uri_get_port (uris->data));
  self->started = TRUE;
  g_cond_signal (&self->ready);
  g_mutex_unlock (&self->lock);
  g_slist_free_full (uris, (GDestroyNotify) g_uri_unref);

  g_main_loop_run (self->loop);

  g_ptr_array_set_size (self->stalled, 0);
  soup_server_disconnect (self->server);
  g_clear_object (&self->server);
  while (g_main_context_iteration (self->context, FALSE))
    ;
  g_main_context_pop_thread_default (self->context);
  return NULL;
}

/* A self-signed certificate for 127.0.0.1, valid for a day, made now. */
static void
make_certificate (TaiouTestFeedsServer *self)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *err = NULL;
  int status = 0;
  const char *argv[] = {
    "openssl", "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1",
    "-nodes", "-days", "1", "-subj", "/CN=127.0.0.1",
    "-addext", "subjectAltName=IP:127.0.0.1",
    "-keyout", self->key_file, "-out", self->cert_file, NULL,
  };

  g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH | G_SPAWN_STDOUT_TO_DEV_NULL,
                NULL, NULL, NULL, &err, &status, &error);
  g_assert_no_error (error);
  if (!g_spawn_check_wait_status (status, NULL))
    g_error ("openssl req failed: %s", err);
  self->ca = g_tls_file_database_new (self->cert_file, &error);
  g_assert_no_error (error);
}

TaiouTestFeedsServer *
taiou_test_feeds_server_new (void)
{
  TaiouTestFeedsServer *self = g_new0 (TaiouTestFeedsServer, 1);
  g_autoptr(GError) error = NULL;

  g_mutex_init (&self->lock);
  g_cond_init (&self->ready);
  self->answers = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                         (GDestroyNotify) answer_free);
  self->stalled = g_ptr_array_new_with_free_func (g_object_unref);
  self->dir = g_dir_make_tmp ("taiou-feeds-server-XXXXXX", &error);
  g_assert_no_error (error);
  self->cert_file = g_build_filename (self->dir, "cert.pem", NULL);
  self->key_file = g_build_filename (self->dir, "key.pem", NULL);
  make_certificate (self);

  self->context = g_main_context_new ();
  self->loop = g_main_loop_new (self->context, FALSE);
  self->thread = g_thread_new ("feeds-server", server_thread, self);
  g_mutex_lock (&self->lock);
  while (!self->started)
    g_cond_wait (&self->ready, &self->lock);
  g_mutex_unlock (&self->lock);
  return self;
}

static gboolean
quit_loop (gpointer data)
{
  g_main_loop_quit (data);
  return G_SOURCE_REMOVE;
}

void
taiou_test_feeds_server_free (TaiouTestFeedsServer *self)
{
  g_main_context_invoke (self->context, quit_loop, self->loop);
  g_thread_join (self->thread);
  g_main_loop_unref (self->loop);
  g_main_context_unref (self->context);
  g_hash_table_unref (self->answers);
  g_ptr_array_unref (self->stalled);
  g_clear_object (&self->ca);
  g_unlink (self->cert_file);
  g_unlink (self->key_file);
  g_rmdir (self->dir);
  g_free (self->cert_file);
  g_free (self->key_file);
  g_free (self->dir);
  g_free (self->base_url);
  g_mutex_clear (&self->lock);
  g_cond_clear (&self->ready);
  g_free (self);
}

const char *
taiou_test_feeds_server_get_base_url (TaiouTestFeedsServer *self)
{
  return self->base_url;
}

const char *
taiou_test_feeds_server_get_ca_file (TaiouTestFeedsServer *self)
{
  return self->cert_file;
}

GTlsDatabase *
taiou_test_feeds_server_get_ca (TaiouTestFeedsServer *self)
{
  return self->ca;
}

void
taiou_test_feeds_server_set (TaiouTestFeedsServer *self,
                             const char           *file_name,
                             TaiouTestFeedMode     mode,
                             guint                 status,
                             const char           *content_type,
                             const char           *body,
                             const char           *etag)
{
  Answer *answer = g_new0 (Answer, 1);

  answer->mode = mode;
  answer->status = status;
  answer->content_type = g_strdup (content_type);
  answer->body = g_strdup (body != NULL ? body : "");
  answer->etag = g_strdup (etag);
  g_mutex_lock (&self->lock);
  g_hash_table_replace (self->answers, g_strconcat ("/", file_name, NULL), answer);
  g_mutex_unlock (&self->lock);
}

/* Serves @file_name with a Last-Modified date, and answers 304 to If-Modified-Since: @date. */
void
taiou_test_feeds_server_set_last_modified (TaiouTestFeedsServer *self,
                                           const char           *file_name,
                                           const char           *date)
{
  g_autofree char *path = g_strconcat ("/", file_name, NULL);
  g_autoptr(GMutexLocker) locker = g_mutex_locker_new (&self->lock);
  Answer *answer = g_hash_table_lookup (self->answers, path);

  g_assert_nonnull (answer);
  g_free (answer->last_modified);
  answer->last_modified = g_strdup (date);
}

/* All three feeds as abuse.ch would serve them, each with an ETag. */
void
taiou_test_feeds_server_serve_good (TaiouTestFeedsServer *self)
{
  taiou_test_feeds_server_set (self, "feodo-ipblocklist.json", TAIOU_TEST_FEED_SERVE, 200,
                               "application/json", taiou_test_feodo_json, "\"feodo-1\"");
  taiou_test_feeds_server_set (self, "urlhaus-recent.csv", TAIOU_TEST_FEED_SERVE, 200,
                               "text/plain", taiou_test_urlhaus_csv, "\"urlhaus-1\"");
  taiou_test_feeds_server_set (self, "malwarebazaar-recent.csv", TAIOU_TEST_FEED_SERVE, 200,
                               "text/csv", taiou_test_malwarebazaar_csv, "\"mb-1\"");
}

char *
taiou_test_feeds_server_dup_header (TaiouTestFeedsServer *self,
                                    const char           *file_name,
                                    const char           *header)
{
  g_autofree char *path = g_strconcat ("/", file_name, NULL);
  g_autoptr(GMutexLocker) locker = g_mutex_locker_new (&self->lock);
  Answer *answer = g_hash_table_lookup (self->answers, path);

  if (answer == NULL || answer->last_request == NULL)
    return NULL;
  return g_strdup (soup_message_headers_get_one (answer->last_request, header));
}

guint
taiou_test_feeds_server_get_n_requests (TaiouTestFeedsServer *self)
{
  g_autoptr(GMutexLocker) locker = g_mutex_locker_new (&self->lock);

  return self->n_requests;
}
