/* test-flatpak-manifest.c — flatpak/io.github.taiou.Taiou.json parses and says what it must */
#define G_LOG_DOMAIN "test-flatpak"

#include "config.h"

#include <json-glib/json-glib.h>
#include <string.h>

static JsonObject *manifest;

static JsonNode *
load_manifest (void)
{
  g_autofree char *path = g_build_filename (TAIOU_SOURCE_ROOT, "flatpak", APP_ID ".json", NULL);
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;

  json_parser_load_from_file (parser, path, &error);
  g_assert_no_error (error);
  g_assert_true (JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser)));
  return json_node_copy (json_parser_get_root (parser));
}

static void
test_names_app_and_command (void)
{
  g_assert_cmpstr (json_object_get_string_member (manifest, "app-id"), ==, APP_ID);
  g_assert_cmpstr (json_object_get_string_member (manifest, "command"), ==, "taiou");
  g_assert_cmpstr (json_object_get_string_member (manifest, "runtime"), ==, "org.gnome.Platform");
  g_assert_cmpstr (json_object_get_string_member (manifest, "sdk"), ==, "org.gnome.Sdk");
}

static void
test_finish_args_are_explained (void)
{
  JsonArray *args = json_object_get_array_member (manifest, "finish-args");
  JsonObject *comments = json_object_get_object_member (manifest, "x-finish-args-comments");

  g_assert_nonnull (args);
  g_assert_nonnull (comments);
  for (guint i = 0; i < json_array_get_length (args); i++)
    {
      const char *arg = json_array_get_string_element (args, i);

      g_assert_true (json_object_has_member (comments, arg));
      g_assert_cmpuint (strlen (json_object_get_string_member (comments, arg)), >, 10);
      /* Minimal: no blanket access to the user's files or the host. */
      g_assert_false (g_str_has_prefix (arg, "--filesystem=host"));
      g_assert_false (g_str_has_prefix (arg, "--filesystem=home"));
      g_assert_cmpstr (arg, !=, "--device=all");
    }
}

static gboolean
is_sha256 (const char *text)
{
  if (text == NULL || strlen (text) != 64)
    return FALSE;
  for (const char *p = text; *p != '\0'; p++)
    if (!g_ascii_isxdigit (*p) || g_ascii_isupper (*p))
      return FALSE;
  return TRUE;
}

static void
test_modules (void)
{
  JsonArray *modules = json_object_get_array_member (manifest, "modules");
  g_autoptr(GHashTable) names = g_hash_table_new (g_str_hash, g_str_equal);
  guint n = json_array_get_length (modules);

  for (guint i = 0; i < n; i++)
    {
      JsonObject *module = json_array_get_object_element (modules, i);
      JsonArray *sources = json_object_get_array_member (module, "sources");

      g_hash_table_add (names, (gpointer) json_object_get_string_member (module, "name"));
      for (guint j = 0; j < json_array_get_length (sources); j++)
        {
          JsonObject *source = json_array_get_object_element (sources, j);

          /* A git source is pinned to its tag's commit, which a moved tag cannot change. */
          if (g_strcmp0 (json_object_get_string_member (source, "type"), "git") == 0)
            {
              const char *commit = json_object_get_string_member_with_default (source, "commit",
                                                                               "");

              g_assert_true (g_str_has_prefix (json_object_get_string_member (source, "url"),
                                               "https://"));
              g_assert_cmpuint (strlen (commit), ==, 40);
              continue;
            }
          if (g_strcmp0 (json_object_get_string_member (source, "type"), "archive") != 0)
            continue;
          g_assert_true (g_str_has_prefix (json_object_get_string_member (source, "url"),
                                           "https://"));
          g_assert_true (is_sha256 (json_object_get_string_member_with_default (source, "sha256",
                                                                                NULL)));
        }
    }

  /* What the GNOME runtime lacks, then the app itself, last. */
  g_assert_true (g_hash_table_contains (names, "gmime"));
  g_assert_true (g_hash_table_contains (names, "libgsf"));
  g_assert_true (g_hash_table_contains (names, "hivex"));
  g_assert_true (g_hash_table_contains (names, "libqrencode"));
  g_assert_true (g_hash_table_contains (names, "yara"));
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (modules, n - 1),
                                                  "name"), ==, "taiou");
}

int
main (int    argc,
      char **argv)
{
  g_autoptr(JsonNode) root = NULL;
  int status;

  g_test_init (&argc, &argv, NULL);
  root = load_manifest ();
  manifest = json_node_get_object (root);

  g_test_add_func ("/taiou/flatpak/names-app-and-command", test_names_app_and_command);
  g_test_add_func ("/taiou/flatpak/finish-args-are-explained", test_finish_args_are_explained);
  g_test_add_func ("/taiou/flatpak/modules", test_modules);

  status = g_test_run ();
  manifest = NULL;
  return status;
}
