/* taiou-ioc-bundled.c — the offline IOC snapshot shipped with Taiou (data/ioc/)
 *
 * The snapshot is a folder of IOC files, each in a format the set detects by itself; the folder's
 * README.md says where every list came from.  $TAIOU_IOC_DIR points elsewhere, so that tests and
 * uninstalled runs use the source tree's data/ioc.
 */
#define G_LOG_DOMAIN "taiou-ioc-bundled"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "taiou-ioc-bundled.h"

/**
 * taiou_ioc_bundled_dir:
 *
 * Returns: the folder of the bundled snapshot: $TAIOU_IOC_DIR when set, otherwise the installed
 *   one
 */
const char *
taiou_ioc_bundled_dir (void)
{
  const char *dir = g_getenv ("TAIOU_IOC_DIR");

  return dir != NULL && dir[0] != '\0' ? dir : TAIOU_IOC_DIR;
}

/* README.md documents the lists, tools/ rebuilds them; neither holds indicators. */
static gboolean
is_ioc_file (GFileInfo *info)
{
  const char *name = g_file_info_get_name (info);

  return g_file_info_get_file_type (info) == G_FILE_TYPE_REGULAR &&
         name[0] != '.' && g_strcmp0 (name, "README.md") != 0;
}

static int
compare_names (gconstpointer a,
               gconstpointer b)
{
  return strcmp (*(const char * const *) a, *(const char * const *) b);
}

static GPtrArray *
list_ioc_files (const char  *dir,
                GError     **error)
{
  g_autoptr(GFile) folder = g_file_new_for_path (dir);
  g_autoptr(GFileEnumerator) enumerator = NULL;
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GError) local_error = NULL;

  enumerator = g_file_enumerate_children (folder,
                                          G_FILE_ATTRIBUTE_STANDARD_NAME ","
                                          G_FILE_ATTRIBUTE_STANDARD_TYPE,
                                          G_FILE_QUERY_INFO_NOFOLLOW_SYMLINKS, NULL,
                                          &local_error);
  if (enumerator == NULL)
    {
      g_set_error (error, TAIOU_IOC_ERROR, TAIOU_IOC_ERROR_READ,
                   _("Could not read the bundled IOC folder %s: %s"), dir, local_error->message);
      return NULL;
    }
  for (;;)
    {
      GFileInfo *info = NULL;

      if (!g_file_enumerator_iterate (enumerator, &info, NULL, NULL, &local_error))
        {
          g_set_error (error, TAIOU_IOC_ERROR, TAIOU_IOC_ERROR_READ,
                       _("Could not read the bundled IOC folder %s: %s"), dir,
                       local_error->message);
          return NULL;
        }
      if (info == NULL)
        break;
      if (is_ioc_file (info))
        g_ptr_array_add (names, g_strdup (g_file_info_get_name (info)));
    }
  /* By name, so the order in which lists merge does not depend on the file system. */
  g_ptr_array_sort (names, compare_names);
  return g_steal_pointer (&names);
}

/**
 * taiou_ioc_set_load_bundled:
 * @reports_out: (out) (optional) (element-type TaiouIocLoadReport): what loading each file did,
 *   in load order
 *
 * Merges every IOC file of taiou_ioc_bundled_dir() into @set, in the order of their names.  A file
 * that cannot be loaded at all does not stop the others; the first such failure is returned.
 *
 * Returns: TRUE when the folder and every file in it could be read
 */
gboolean
taiou_ioc_set_load_bundled (TaiouIocSet  *set,
                            GPtrArray   **reports_out,
                            GError      **error)
{
  const char *dir = taiou_ioc_bundled_dir ();
  g_autoptr(GPtrArray) names = NULL;
  g_autoptr(GPtrArray) reports = NULL;
  g_autoptr(GError) first_error = NULL;

  g_return_val_if_fail (TAIOU_IS_IOC_SET (set), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (reports_out != NULL)
    *reports_out = NULL;
  names = list_ioc_files (dir, error);
  if (names == NULL)
    return FALSE;

  reports = g_ptr_array_new_with_free_func ((GDestroyNotify) taiou_ioc_load_report_free);
  for (guint i = 0; i < names->len; i++)
    {
      g_autofree char *path = g_build_filename (dir, g_ptr_array_index (names, i), NULL);
      g_autoptr(GError) local_error = NULL;
      TaiouIocLoadReport *report;

      report = taiou_ioc_set_load_file (set, path, TAIOU_IOC_FORMAT_AUTO, &local_error);
      if (report != NULL)
        g_ptr_array_add (reports, report);
      else if (first_error == NULL)
        first_error = g_steal_pointer (&local_error);
    }

  if (reports_out != NULL)
    *reports_out = g_steal_pointer (&reports);
  if (first_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&first_error));
      return FALSE;
    }
  return TRUE;
}
