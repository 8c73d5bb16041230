/* taiou-probe-winvol-registry.c — what a Windows volume's hives say would start, and more
 *
 * From a user's NTUSER.DAT: the Run and RunOnce values (where Emotet registers itself) and the
 * values of the Explorer key (where one variant kept its file name, XOR-ed with the volume
 * serial: EmoCheck scan_v2).  From SYSTEM: the services of the control set Windows boots
 * (Select\Current, not merely ControlSet001) and the computer name.  From SOFTWARE: the
 * machine-wide Run keys, including the WOW6432Node view a 32-bit program writes to on 64-bit
 * Windows.  Nothing is expanded or run; strings are kept as written.
 */
#define G_LOG_DOMAIN "taiou-probe-winvol"

#include "config.h"

#include "taiou-probe-winvol-private.h"

#define CURRENT_VERSION   "Microsoft\\Windows\\CurrentVersion"
#define HKCU_PREFIX       "HKCU\\Software\\"
#define HKLM_SOFTWARE     "HKLM\\SOFTWARE\\"
#define SERVICES_LOCATION "HKLM\\SYSTEM\\CurrentControlSet\\Services\\"
#define MAX_CONTROL_SET   999

static void
add_problems (TaiouHostSnapshot *snapshot,
              const char        *hive_name,
              const char        *key_path,
              GPtrArray         *problems)
{
  for (guint i = 0; i < problems->len; i++)
    taiou_host_snapshot_add_problem (snapshot, "%s: %s: %s", hive_name, key_path,
                                     (const char *) problems->pdata[i]);
  g_ptr_array_set_size (problems, 0);
}

/* The text of a string value; NULL for other types, which Windows would not run either. */
static char *
value_string (TaiouHostSnapshot      *snapshot,
              const char             *hive_name,
              const char             *key_path,
              const TaiouWinregValue *value)
{
  gboolean lossy = FALSE;
  char *text = taiou_winreg_value_dup_string (value, &lossy);

  if (lossy)
    taiou_host_snapshot_add_problem (snapshot,
                                     "%s: %s: value “%s” is not valid UTF-16; the characters "
                                     "that are not were replaced with U+FFFD",
                                     hive_name, key_path, value->name);
  return text;
}

/* Every value of @key_path (relative to the hive's root), or NULL when the key is absent. */
static GPtrArray *
key_values (TaiouHostSnapshot *snapshot,
            TaiouWinregHive   *hive,
            TaiouWinregKey     parent,
            const char        *hive_name,
            const char        *key_path)
{
  g_autoptr(GPtrArray) problems = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GError) error = NULL;
  GPtrArray *values;
  TaiouWinregKey key;

  key = taiou_winreg_hive_lookup (hive, parent, key_path, &error);
  if (key == 0)
    {
      if (error != NULL)
        taiou_host_snapshot_add_problem (snapshot, "%s: %s: %s", hive_name, key_path,
                                         error->message);
      return NULL;
    }
  values = taiou_winreg_hive_values (hive, key, problems, &error);
  if (values == NULL)
    taiou_host_snapshot_add_problem (snapshot, "%s: %s: %s", hive_name, key_path,
                                     error->message);
  add_problems (snapshot, hive_name, key_path, problems);
  return values;
}

static void
read_run_key (TaiouHostSnapshot *snapshot,
              TaiouWinregHive   *hive,
              const char        *hive_name,
              const char        *key_path,
              const char        *location,
              const char        *user)
{
  g_autoptr(GPtrArray) values = NULL;

  values = key_values (snapshot, hive, taiou_winreg_hive_root (hive), hive_name, key_path);
  for (guint i = 0; values != NULL && i < values->len; i++)
    {
      const TaiouWinregValue *value = values->pdata[i];
      g_autofree char *command = value_string (snapshot, hive_name, key_path, value);

      if (command != NULL)
        taiou_host_snapshot_add_autorun (snapshot, TAIOU_AUTORUN_RUN_VALUE, location,
                                         value->name, command, user);
    }
}

/**
 * _taiou_winvol_read_user_hive:
 * @hive_name: how problems name the hive, e.g. its path
 * @user: the profile folder's name
 */
void
_taiou_winvol_read_user_hive (TaiouHostSnapshot *snapshot,
                              TaiouWinregHive   *hive,
                              const char        *hive_name,
                              const char        *user)
{
  static const char explorer[] = "Software\\" CURRENT_VERSION "\\Explorer";
  g_autoptr(GPtrArray) values = NULL;

  g_return_if_fail (snapshot != NULL && hive != NULL && hive_name != NULL);

  read_run_key (snapshot, hive, hive_name, "Software\\" CURRENT_VERSION "\\Run",
                HKCU_PREFIX CURRENT_VERSION "\\Run", user);
  read_run_key (snapshot, hive, hive_name, "Software\\" CURRENT_VERSION "\\RunOnce",
                HKCU_PREFIX CURRENT_VERSION "\\RunOnce", user);

  /* EmoCheck scan_v2 looks for a REG_BINARY value named after the serial; the rules decide,
   * so every value goes into the snapshot whatever its type. */
  values = key_values (snapshot, hive, taiou_winreg_hive_root (hive), hive_name, explorer);
  for (guint i = 0; values != NULL && i < values->len; i++)
    {
      const TaiouWinregValue *value = values->pdata[i];

      taiou_host_snapshot_add_explorer_value (snapshot, user, HKCU_PREFIX CURRENT_VERSION
                                              "\\Explorer", value->name, value->data);
    }
}

/* The control set Windows boots from: Select\Current names ControlSet00N. */
static TaiouWinregKey
current_control_set (TaiouHostSnapshot *snapshot,
                     TaiouWinregHive   *hive,
                     const char        *hive_name)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TaiouWinregValue) current = NULL;
  g_autofree char *name = NULL;
  TaiouWinregKey select;
  TaiouWinregKey control_set;
  guint32 number = 0;

  select = taiou_winreg_hive_lookup (hive, taiou_winreg_hive_root (hive), "Select", &error);
  if (select != 0)
    current = taiou_winreg_hive_value (hive, select, "Current", &error);
  if (current == NULL || !taiou_winreg_value_get_dword (current, &number) ||
      number == 0 || number > MAX_CONTROL_SET)
    {
      taiou_host_snapshot_add_problem (snapshot, "%s: Select\\Current: %s", hive_name,
                                       error != NULL ? error->message :
                                       "missing or not a control set number");
      return 0;
    }

  name = g_strdup_printf ("ControlSet%03u", number);
  control_set = taiou_winreg_hive_lookup (hive, taiou_winreg_hive_root (hive), name, &error);
  if (control_set == 0)
    taiou_host_snapshot_add_problem (snapshot, "%s: %s: %s", hive_name, name,
                                     error != NULL ? error->message :
                                     "named by Select\\Current but missing");
  return control_set;
}

static void
read_computer_name (TaiouHostSnapshot *snapshot,
                    TaiouWinregHive   *hive,
                    TaiouWinregKey     control_set,
                    const char        *hive_name)
{
  static const char key_path[] = "Control\\ComputerName\\ComputerName";
  g_autoptr(GError) error = NULL;
  g_autoptr(TaiouWinregValue) value = NULL;
  g_autofree char *name = NULL;
  TaiouWinregKey key;

  key = taiou_winreg_hive_lookup (hive, control_set, key_path, &error);
  if (key != 0)
    value = taiou_winreg_hive_value (hive, key, "ComputerName", &error);
  if (error != NULL)
    taiou_host_snapshot_add_problem (snapshot, "%s: %s: %s", hive_name, key_path,
                                     error->message);
  if (value != NULL)
    name = value_string (snapshot, hive_name, key_path, value);
  if (name != NULL && name[0] != '\0')
    {
      g_free (snapshot->hostname);
      snapshot->hostname = g_steal_pointer (&name);
    }
}

/* Returns: %FALSE when the hive's work budget is spent, so the other services would only
 * repeat that problem */
static gboolean
read_service_value (TaiouHostSnapshot *snapshot,
                    TaiouWinregHive   *hive,
                    TaiouWinregKey     service,
                    const char        *service_name,
                    const char        *subkey_path,
                    const char        *value_name,
                    const char        *hive_name)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TaiouWinregValue) value = NULL;
  g_autofree char *key_path = NULL;
  g_autofree char *command = NULL;
  g_autofree char *location = NULL;
  TaiouWinregKey key = service;

  key_path = subkey_path != NULL ?
    g_strdup_printf ("Services\\%s\\%s", service_name, subkey_path) :
    g_strdup_printf ("Services\\%s", service_name);
  if (subkey_path != NULL)
    key = taiou_winreg_hive_lookup (hive, service, subkey_path, &error);
  if (key != 0)
    value = taiou_winreg_hive_value (hive, key, value_name, &error);
  if (error != NULL)
    taiou_host_snapshot_add_problem (snapshot, "%s: %s: %s", hive_name, key_path,
                                     error->message);
  if (g_error_matches (error, TAIOU_WINREG_ERROR, TAIOU_WINREG_ERROR_EXHAUSTED))
    return FALSE;
  if (value == NULL)
    return TRUE;
  command = value_string (snapshot, hive_name, key_path, value);
  if (command == NULL || command[0] == '\0')
    return TRUE;
  location = g_strconcat (SERVICES_LOCATION, service_name, NULL);
  taiou_host_snapshot_add_autorun (snapshot, TAIOU_AUTORUN_SERVICE, location, service_name,
                                   command, NULL);
  return TRUE;
}

/**
 * _taiou_winvol_read_system_hive:
 *
 * Returns: %TRUE when the current control set could be found, so the services were read
 */
gboolean
_taiou_winvol_read_system_hive (TaiouHostSnapshot *snapshot,
                                TaiouWinregHive   *hive,
                                const char        *hive_name,
                                GCancellable      *cancellable)
{
  g_autoptr(GPtrArray) problems = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) services = NULL;
  g_autoptr(GError) error = NULL;
  TaiouWinregKey control_set;
  TaiouWinregKey services_key;

  g_return_val_if_fail (snapshot != NULL && hive != NULL && hive_name != NULL, FALSE);

  control_set = current_control_set (snapshot, hive, hive_name);
  if (control_set == 0)
    return FALSE;
  read_computer_name (snapshot, hive, control_set, hive_name);

  services_key = taiou_winreg_hive_lookup (hive, control_set, "Services", &error);
  if (services_key != 0)
    services = taiou_winreg_hive_subkeys (hive, services_key, problems, &error);
  if (error != NULL)
    taiou_host_snapshot_add_problem (snapshot, "%s: Services: %s", hive_name, error->message);
  add_problems (snapshot, hive_name, "Services", problems);

  for (guint i = 0; services != NULL && i < services->len; i++)
    {
      const TaiouWinregSubkey *service = services->pdata[i];

      if (g_cancellable_is_cancelled (cancellable))
        break;
      /* Drivers and services alike: EmoCheck scan_v4 matched any service's command. */
      if (!read_service_value (snapshot, hive, service->key, service->name, NULL, "ImagePath",
                               hive_name) ||
          !read_service_value (snapshot, hive, service->key, service->name, "Parameters",
                               "ServiceDll", hive_name))
        break;
    }
  return TRUE;
}

void
_taiou_winvol_read_software_hive (TaiouHostSnapshot *snapshot,
                                  TaiouWinregHive   *hive,
                                  const char        *hive_name)
{
  static const char *const views[] = { "", "WOW6432Node\\" };
  static const char *const keys[] = { "Run", "RunOnce" };

  g_return_if_fail (snapshot != NULL && hive != NULL && hive_name != NULL);

  for (guint v = 0; v < G_N_ELEMENTS (views); v++)
    for (guint k = 0; k < G_N_ELEMENTS (keys); k++)
      {
        g_autofree char *key_path = g_strdup_printf ("%s" CURRENT_VERSION "\\%s", views[v],
                                                     keys[k]);
        g_autofree char *location = g_strconcat (HKLM_SOFTWARE, key_path, NULL);

        read_run_key (snapshot, hive, hive_name, key_path, location, NULL);
      }
}
