/* taiou-settings.c — the app's settings schema, named in one place for the app and the CLI
 *
 * libtaiou describes "us" with a TaiouProfile and never names the app's schema, so tests and
 * other front-ends need no installed schema.  The app and the CLI both fill the profile from
 * Preferences through this one table of keys, so they can never read "us" differently.
 */
#define G_LOG_DOMAIN "taiou-settings"

#include "config.h"

#include "taiou-settings.h"

/* Preferences key → TaiouProfile property. */
static const struct {
  const char *key;
  const char *property;
} profile_keys[] = {
  { "organization-name",     "organization" },
  { "mail-domains",          "mail-domains" },
  { "staff-names",           "staff-names" },
  { "it-manager-department", "contact-department" },
  { "it-manager-name",       "contact-name" },
  { "it-manager-phone",      "contact-phone" },
  { "it-manager-email",      "contact-email" },
  { "notice-sender",         "notice-sender" },
  { "trusted-authserv-ids",  "trusted-authserv-ids" },
};

/**
 * taiou_settings_new_if_installed:
 *
 * The CLI works on machines where only it is installed, without the app's schema.
 *
 * Returns: (transfer full) (nullable): the app's settings, NULL when the schema is not installed
 */
GSettings *
taiou_settings_new_if_installed (void)
{
  GSettingsSchemaSource *source = g_settings_schema_source_get_default ();
  g_autoptr(GSettingsSchema) schema = NULL;

  if (source == NULL)
    return NULL;
  schema = g_settings_schema_source_lookup (source, APP_ID, TRUE);
  return schema != NULL ? g_settings_new_full (schema, NULL, NULL) : NULL;
}

/**
 * taiou_settings_bind_profile:
 * @follow_changes: keep the profile in step with Preferences (the app), or read it once (the
 *   CLI, whose flags then add to it)
 *
 * Fills @profile from Preferences.  The binding only reads: the profile never writes back.
 */
void
taiou_settings_bind_profile (GSettings    *settings,
                             TaiouProfile *profile,
                             gboolean      follow_changes)
{
  GSettingsBindFlags flags = G_SETTINGS_BIND_GET;

  g_return_if_fail (G_IS_SETTINGS (settings));
  g_return_if_fail (TAIOU_IS_PROFILE (profile));

  if (!follow_changes)
    flags |= G_SETTINGS_BIND_GET_NO_CHANGES;
  for (gsize i = 0; i < G_N_ELEMENTS (profile_keys); i++)
    g_settings_bind (settings, profile_keys[i].key, profile, profile_keys[i].property, flags);
}

/**
 * taiou_settings_apply_feeds:
 *
 * Tells @feeds which sources Preferences switched on and which MalwareBazaar families are
 * followed (an empty list: all).  Read when called; the app calls it again before each update.
 */
void
taiou_settings_apply_feeds (GSettings  *settings,
                            TaiouFeeds *feeds)
{
  static const struct {
    TaiouFeedSource  source;
    const char      *key;
  } enabled_keys[] = {
    { TAIOU_FEED_FEODO,         TAIOU_SETTINGS_FEEDS_FEODO_ENABLED },
    { TAIOU_FEED_URLHAUS,       TAIOU_SETTINGS_FEEDS_URLHAUS_ENABLED },
    { TAIOU_FEED_MALWAREBAZAAR, TAIOU_SETTINGS_FEEDS_MALWAREBAZAAR_ENABLED },
  };
  g_autoptr(GSettingsSchema) schema = NULL;
  g_auto(GStrv) families = NULL;

  /* An installed schema older than this program has no such keys: the defaults stay. */
  g_object_get (settings, "settings-schema", &schema, NULL);
  if (!g_settings_schema_has_key (schema, TAIOU_SETTINGS_FEEDS_MALWAREBAZAAR_FAMILIES))
    return;
  for (guint i = 0; i < G_N_ELEMENTS (enabled_keys); i++)
    taiou_feeds_set_enabled (feeds, enabled_keys[i].source,
                             g_settings_get_boolean (settings, enabled_keys[i].key));
  families = g_settings_get_strv (settings, TAIOU_SETTINGS_FEEDS_MALWAREBAZAAR_FAMILIES);
  taiou_feeds_set_families (feeds, families[0] != NULL ? (const char * const *) families : NULL);
}

/**
 * taiou_settings_dup_yara_paths:
 * @settings: (nullable): the app's settings, if installed
 * @extra: (nullable): more rule files and folders (the CLI's --yara)
 *
 * Returns: (transfer full): Preferences' YARA rule files and folders, then @extra
 */
GStrv
taiou_settings_dup_yara_paths (GSettings          *settings,
                               const char * const *extra)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();

  if (settings != NULL)
    {
      g_auto(GStrv) saved = g_settings_get_strv (settings, TAIOU_SETTINGS_YARA_RULE_PATHS);

      g_strv_builder_addv (builder, (const char **) saved);
    }
  if (extra != NULL)
    g_strv_builder_addv (builder, (const char **) extra);
  return g_strv_builder_end (builder);
}
