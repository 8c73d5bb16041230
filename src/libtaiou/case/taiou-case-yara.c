/* taiou-case-yara.c — the case's YARA rules: compiled once, shared by the scan and the mail check
 *
 * The bundled rules and the IT manager's files (`--yara`, Preferences) are compiled the first
 * time a check needs them and kept until the sources change, so a scan of a disk and every mail
 * checked afterwards use the same compiled rules.  Compiling is quick for the bundled set; the
 * lock only makes two threads asking at once wait for the one compilation.
 */
#define G_LOG_DOMAIN "taiou-case"

#include "config.h"

#include "taiou-case-private.h"

static GMutex yara_lock;

/**
 * taiou_case_set_yara_sources:
 * @bundled: compile the rules that ship with Taiou (the default)
 * @paths: (nullable): the user's rule files and folders
 *
 * Says which rules the checks use; rules compiled before are dropped, so the next check
 * compiles the new sources.
 */
void
taiou_case_set_yara_sources (TaiouCase          *self,
                             gboolean            bundled,
                             const char * const *paths)
{
  g_return_if_fail (TAIOU_IS_CASE (self));

  g_mutex_lock (&yara_lock);
  self->yara_skip_bundled = !bundled;
  g_strfreev (self->yara_paths);
  self->yara_paths = g_strdupv ((char **) paths);
  g_clear_object (&self->yara);
  g_mutex_unlock (&yara_lock);
}

/**
 * taiou_case_load_yara:
 *
 * Compiles the rules unless they were compiled already; any thread.
 *
 * Returns: (transfer full): the rules, or NULL when a rule file of the user's cannot be read
 *   or does not compile (%TAIOU_YARA_ERROR, naming the file and the line)
 */
TaiouYaraRules *
taiou_case_load_yara (TaiouCase  *self,
                      GError    **error)
{
  TaiouYaraRules *rules = NULL;

  g_return_val_if_fail (TAIOU_IS_CASE (self), NULL);

  g_mutex_lock (&yara_lock);
  if (self->yara == NULL)
    self->yara = taiou_yara_rules_compile (!self->yara_skip_bundled,
                                           (const char * const *) self->yara_paths, error);
  if (self->yara != NULL)
    rules = g_object_ref (self->yara);
  g_mutex_unlock (&yara_lock);
  return rules;
}

void
_taiou_case_clear_yara (TaiouCase *self)
{
  g_mutex_lock (&yara_lock);
  g_clear_object (&self->yara);
  g_clear_pointer (&self->yara_paths, g_strfreev);
  g_mutex_unlock (&yara_lock);
}
