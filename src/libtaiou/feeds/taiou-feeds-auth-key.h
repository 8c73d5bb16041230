/* taiou-feeds-auth-key.h — the abuse.ch Auth-Key, kept in the user's keyring (Secret Service) */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

char     *taiou_feeds_auth_key_lookup        (GCancellable         *cancellable,
                                              GError              **error);
gboolean  taiou_feeds_auth_key_store         (const char           *auth_key,
                                              GCancellable         *cancellable,
                                              GError              **error);
gboolean  taiou_feeds_auth_key_clear         (GCancellable         *cancellable,
                                              GError              **error);
void      taiou_feeds_auth_key_lookup_async  (GCancellable         *cancellable,
                                              GAsyncReadyCallback   callback,
                                              gpointer              user_data);
char     *taiou_feeds_auth_key_lookup_finish (GAsyncResult         *result,
                                              GError              **error);
void      taiou_feeds_auth_key_store_async   (const char           *auth_key,
                                              GCancellable         *cancellable,
                                              GAsyncReadyCallback   callback,
                                              gpointer              user_data);
gboolean  taiou_feeds_auth_key_store_finish  (GAsyncResult         *result,
                                              GError              **error);

G_END_DECLS
