/* taiou-feeds-auth-key.c — the abuse.ch Auth-Key, kept in the user's keyring
 *
 * The key is a personal credential: it lives in the Secret Service (GNOME Keyring, KWallet),
 * never in GSettings, the record or a log.  One item, found by the attribute service=abuse.ch
 * under Taiou's own schema.  An empty key removes the item.  Callers free what lookup returns
 * with g_free() after wiping it (secret_password_free does both; g_free is what our callers
 * use, so lookup hands back a plain copy and wipes libsecret's).
 */
#define G_LOG_DOMAIN "taiou-feeds"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <libsecret/secret.h>

#include "taiou-feeds-auth-key.h"

#define SERVICE "abuse.ch"

static const SecretSchema *
auth_key_schema (void)
{
  static const SecretSchema schema = {
    "io.github.taiou.Taiou.AuthKey", SECRET_SCHEMA_NONE,
    {
      { "service", SECRET_SCHEMA_ATTRIBUTE_STRING },
      { NULL, 0 },
    },
    0, NULL, NULL, NULL, NULL, NULL, NULL, NULL,
  };

  return &schema;
}

static char *
take_secret (char *secret)
{
  char *copy = g_strdup (secret);

  secret_password_free (secret);
  return copy;
}

/* Returns: (transfer full) (nullable): the key, NULL when none is stored (no error then) */
char *
taiou_feeds_auth_key_lookup (GCancellable  *cancellable,
                             GError       **error)
{
  return take_secret (secret_password_lookup_sync (auth_key_schema (), cancellable, error,
                                                   "service", SERVICE, NULL));
}

gboolean
taiou_feeds_auth_key_store (const char    *auth_key,
                            GCancellable  *cancellable,
                            GError       **error)
{
  if (auth_key == NULL || auth_key[0] == '\0')
    return taiou_feeds_auth_key_clear (cancellable, error);
  return secret_password_store_sync (auth_key_schema (), SECRET_COLLECTION_DEFAULT,
                                     _("abuse.ch Auth-Key (Taiou)"), auth_key,
                                     cancellable, error, "service", SERVICE, NULL);
}

gboolean
taiou_feeds_auth_key_clear (GCancellable  *cancellable,
                            GError       **error)
{
  g_autoptr(GError) local_error = NULL;

  /* "Nothing was stored" is not a failure to remove it. */
  if (!secret_password_clear_sync (auth_key_schema (), cancellable, &local_error,
                                   "service", SERVICE, NULL) && local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }
  return TRUE;
}

void
taiou_feeds_auth_key_lookup_async (GCancellable        *cancellable,
                                   GAsyncReadyCallback  callback,
                                   gpointer             user_data)
{
  secret_password_lookup (auth_key_schema (), cancellable, callback, user_data,
                          "service", SERVICE, NULL);
}

char *
taiou_feeds_auth_key_lookup_finish (GAsyncResult  *result,
                                    GError       **error)
{
  return take_secret (secret_password_lookup_finish (result, error));
}

static void
stored_cb (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  GError *error = NULL;

  if (secret_password_store_finish (result, &error))
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);
}

static void
cleared_cb (GObject      *source,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  GError *error = NULL;

  /* FALSE without an error: there was nothing to remove, which is fine. */
  if (!secret_password_clear_finish (result, &error) && error != NULL)
    g_task_return_error (task, error);
  else
    g_task_return_boolean (task, TRUE);
}

/* An empty key is stored as no key: the item is removed. */
void
taiou_feeds_auth_key_store_async (const char          *auth_key,
                                  GCancellable        *cancellable,
                                  GAsyncReadyCallback  callback,
                                  gpointer             user_data)
{
  GTask *task = g_task_new (NULL, cancellable, callback, user_data);

  g_task_set_source_tag (task, taiou_feeds_auth_key_store_async);
  if (auth_key == NULL || auth_key[0] == '\0')
    secret_password_clear (auth_key_schema (), cancellable, cleared_cb, task,
                           "service", SERVICE, NULL);
  else
    secret_password_store (auth_key_schema (), SECRET_COLLECTION_DEFAULT,
                           _("abuse.ch Auth-Key (Taiou)"), auth_key, cancellable, stored_cb,
                           task, "service", SERVICE, NULL);
}

gboolean
taiou_feeds_auth_key_store_finish (GAsyncResult  *result,
                                   GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), FALSE);
  return g_task_propagate_boolean (G_TASK (result), error);
}
