/* taiou-feeds-fetch.c — one conditional HTTPS GET of a feed, into a temporary file
 *
 * Everything the server says is hostile: the status, the headers, the redirects, the body.  Only
 * https:// is fetched, redirects included (libsoup would follow one to http:// and send the
 * Auth-Key there), so redirects are followed here, a few at most.  The body is counted as it
 * arrives and refused past the source's cap, which also covers a small compressed answer that
 * unpacks to gigabytes: libsoup decodes before we count.
 */
#define G_LOG_DOMAIN "taiou-feeds"

#include "config.h"

#include <errno.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <string.h>
#include <unistd.h>

#include "taiou-feeds-private.h"

#define MAX_REDIRECTS 5
#define COPY_CHUNK (64 * 1024)
/* An ETag or a date longer than this is not one; it is not kept or sent back. */
#define MAX_VALIDATOR_LENGTH 256

void
_taiou_feed_fetch_result_clear (FeedFetchResult *result)
{
  g_clear_pointer (&result->etag, g_free);
  g_clear_pointer (&result->last_modified, g_free);
}

static gboolean
is_https (const char *url)
{
  return g_ascii_strncasecmp (url, "https://", 8) == 0;
}

/* A validator is sent back in a header: printable ASCII only, so it cannot add headers. */
static char *
dup_validator (const char *value)
{
  if (value == NULL || strlen (value) > MAX_VALIDATOR_LENGTH)
    return NULL;
  for (const char *p = value; *p != '\0'; p++)
    if (*p < 0x20 || *p > 0x7e)
      return NULL;
  return g_strdup (value);
}

/* Turns libsoup's and GIO's errors into ours, each with a sentence a person can act on. */
static void
set_transport_error (GError     **error,
                     GError      *cause,
                     const char  *url)
{
  if (g_error_matches (cause, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    g_propagate_error (error, g_error_copy (cause));
  else if (cause->domain == G_TLS_ERROR)
    g_set_error (error, TAIOU_FEEDS_ERROR, TAIOU_FEEDS_ERROR_TLS,
                 _("The certificate of %s is not trusted, so nothing was downloaded (%s)"),
                 url, cause->message);
  else if (g_error_matches (cause, G_IO_ERROR, G_IO_ERROR_TIMED_OUT))
    g_set_error (error, TAIOU_FEEDS_ERROR, TAIOU_FEEDS_ERROR_TIMED_OUT,
                 _("%s stopped answering (timed out)"), url);
  else
    g_set_error (error, TAIOU_FEEDS_ERROR, TAIOU_FEEDS_ERROR_NETWORK,
                 _("Could not download %s: %s"), url, cause->message);
}

static gboolean
is_acceptable_type (const char *type,
                    gboolean    json)
{
  static const char * const json_types[] = { "application/json", "text/json", "text/plain",
                                             NULL };
  static const char * const csv_types[] = { "text/csv", "text/plain", "application/csv",
                                            "application/octet-stream", NULL };
  const char * const *allowed = json ? json_types : csv_types;

  /* No type at all is accepted: the parse decides. */
  if (type == NULL)
    return TRUE;
  for (guint i = 0; allowed[i] != NULL; i++)
    if (g_ascii_strcasecmp (type, allowed[i]) == 0)
      return TRUE;
  return FALSE;
}

static gboolean
write_all (int            fd,
           const guint8  *data,
           gsize          length,
           GError       **error)
{
  while (length > 0)
    {
      gssize n = write (fd, data, length);

      if (n < 0 && errno == EINTR)
        continue;
      if (n < 0)
        {
          int saved = errno;

          g_set_error (error, TAIOU_FEEDS_ERROR, TAIOU_FEEDS_ERROR_CACHE,
                       _("Could not write the download to the cache: %s"), g_strerror (saved));
          return FALSE;
        }
      data += n;
      length -= (gsize) n;
    }
  return TRUE;
}

static void
set_too_large (GError          **error,
               const FeedFetch  *fetch)
{
  g_autofree char *limit = g_format_size (fetch->size_cap);

  g_set_error (error, TAIOU_FEEDS_ERROR, TAIOU_FEEDS_ERROR_TOO_LARGE,
               _("%s is larger than this feed’s limit of %s; nothing was kept"), fetch->url,
               limit);
}

static void
set_truncated (GError          **error,
               const FeedFetch  *fetch,
               guint64           bytes)
{
  g_autofree char *received = g_format_size (bytes);

  g_set_error (error, TAIOU_FEEDS_ERROR, TAIOU_FEEDS_ERROR_TRUNCATED,
               _("The download of %s broke off after %s; nothing was kept"), fetch->url,
               received);
}

static gboolean
copy_body (GInputStream     *body,
           SoupMessage      *message,
           const FeedFetch  *fetch,
           guint64          *bytes,
           GCancellable     *cancellable,
           GError          **error)
{
  SoupMessageHeaders *headers = soup_message_get_response_headers (message);
  goffset announced = -1;
  g_autofree guint8 *buffer = g_malloc (COPY_CHUNK);

  if (soup_message_headers_get_encoding (headers) == SOUP_ENCODING_CONTENT_LENGTH)
    announced = soup_message_headers_get_content_length (headers);
  if (announced > 0 && (guint64) announced > fetch->size_cap)
    {
      set_too_large (error, fetch);
      return FALSE;
    }

  *bytes = 0;
  for (;;)
    {
      g_autoptr(GError) local_error = NULL;
      gssize n = g_input_stream_read (body, buffer, COPY_CHUNK, cancellable, &local_error);

      if (n < 0)
        {
          if (g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_PARTIAL_INPUT))
            set_truncated (error, fetch, *bytes);
          else
            set_transport_error (error, local_error, fetch->url);
          return FALSE;
        }
      if (n == 0)
        break;
      *bytes += (guint64) n;
      if (*bytes > fetch->size_cap)
        {
          set_too_large (error, fetch);
          return FALSE;
        }
      if (!write_all (fetch->fd, buffer, (gsize) n, error))
        return FALSE;
    }
  /* libsoup reports a short body as an error, but a short body is never to be kept. */
  if (announced >= 0 && *bytes != (guint64) announced &&
      soup_message_headers_get_one (headers, "Content-Encoding") == NULL)
    {
      set_truncated (error, fetch, *bytes);
      return FALSE;
    }
  if (fsync (fetch->fd) != 0)
    {
      int saved = errno;

      g_set_error (error, TAIOU_FEEDS_ERROR, TAIOU_FEEDS_ERROR_CACHE,
                   _("Could not write the download to the cache: %s"), g_strerror (saved));
      return FALSE;
    }
  return TRUE;
}

static SoupMessage *
new_request (const FeedFetch  *fetch,
             const char       *url,
             GError          **error)
{
  SoupMessage *message;
  SoupMessageHeaders *headers;

  if (!is_https (url))
    {
      g_set_error (error, TAIOU_FEEDS_ERROR, TAIOU_FEEDS_ERROR_NOT_HTTPS,
                   _("Refused to download %s: only https:// addresses are used"), url);
      return NULL;
    }
  message = soup_message_new (SOUP_METHOD_GET, url);
  if (message == NULL)
    {
      g_set_error (error, TAIOU_FEEDS_ERROR, TAIOU_FEEDS_ERROR_NOT_HTTPS,
                   _("“%s” is not a valid address"), url);
      return NULL;
    }
  soup_message_add_flags (message, SOUP_MESSAGE_NO_REDIRECT);
  headers = soup_message_get_request_headers (message);
  if (fetch->etag != NULL)
    soup_message_headers_replace (headers, "If-None-Match", fetch->etag);
  if (fetch->last_modified != NULL)
    soup_message_headers_replace (headers, "If-Modified-Since", fetch->last_modified);
  if (fetch->auth_key != NULL)
    soup_message_headers_replace (headers, "Auth-Key", fetch->auth_key);
  return message;
}

static void
set_status_error (GError      **error,
                  const char   *url,
                  guint         status)
{
  if (status == SOUP_STATUS_UNAUTHORIZED || status == SOUP_STATUS_FORBIDDEN)
    g_set_error (error, TAIOU_FEEDS_ERROR, TAIOU_FEEDS_ERROR_HTTP,
                 _("%s refused the request (HTTP %u): check the abuse.ch Auth-Key in "
                   "Preferences"), url, status);
  else
    g_set_error (error, TAIOU_FEEDS_ERROR, TAIOU_FEEDS_ERROR_HTTP,
                 _("%s answered HTTP %u instead of the list"), url, status);
}

/**
 * _taiou_feeds_fetch:
 *
 * GETs @fetch->url, sending the validators of the kept copy; on 200 the body is in @fetch->fd,
 * on 304 @result says so and nothing was written.
 */
gboolean
_taiou_feeds_fetch (SoupSession     *session,
                    const FeedFetch *fetch,
                    FeedFetchResult *result,
                    GCancellable    *cancellable,
                    GError         **error)
{
  g_autofree char *url = g_strdup (fetch->url);

  memset (result, 0, sizeof *result);
  for (guint redirects = 0; ; redirects++)
    {
      g_autoptr(SoupMessage) message = new_request (fetch, url, error);
      g_autoptr(GInputStream) body = NULL;
      g_autoptr(GError) local_error = NULL;
      SoupMessageHeaders *headers;
      const char *type;
      guint status;

      if (message == NULL)
        return FALSE;
      body = soup_session_send (session, message, cancellable, &local_error);
      if (body == NULL)
        {
          set_transport_error (error, local_error, url);
          return FALSE;
        }
      status = soup_message_get_status (message);
      headers = soup_message_get_response_headers (message);
      if (SOUP_STATUS_IS_REDIRECTION (status) && status != SOUP_STATUS_NOT_MODIFIED &&
          soup_message_headers_get_one (headers, "Location") != NULL)
        {
          char *next = g_uri_resolve_relative (url, soup_message_headers_get_one (headers,
                                                                                  "Location"),
                                               G_URI_FLAGS_NONE, NULL);

          g_input_stream_close (body, NULL, NULL);
          if (next == NULL || redirects >= MAX_REDIRECTS)
            {
              g_free (next);
              g_set_error (error, TAIOU_FEEDS_ERROR, TAIOU_FEEDS_ERROR_HTTP,
                           _("%s redirected too often or to an invalid address"), fetch->url);
              return FALSE;
            }
          g_free (url);
          url = next;
          continue;
        }
      if (status == SOUP_STATUS_NOT_MODIFIED)
        {
          result->not_modified = TRUE;
          g_input_stream_close (body, NULL, NULL);
          return TRUE;
        }
      if (status != SOUP_STATUS_OK)
        {
          set_status_error (error, url, status);
          return FALSE;
        }
      type = soup_message_headers_get_content_type (headers, NULL);
      if (!is_acceptable_type (type, fetch->json))
        {
          g_autofree char *shown = g_strndup (type, 80);

          g_set_error (error, TAIOU_FEEDS_ERROR, TAIOU_FEEDS_ERROR_CONTENT_TYPE,
                       _("%s sent “%s” instead of a list (a login or error page?)"),
                       url, shown);
          return FALSE;
        }
      if (!copy_body (body, message, fetch, &result->bytes, cancellable, error))
        return FALSE;
      result->etag = dup_validator (soup_message_headers_get_one (headers, "ETag"));
      result->last_modified = dup_validator (soup_message_headers_get_one (headers,
                                                                          "Last-Modified"));
      return TRUE;
    }
}
