/* taiou-host-rules.c — every rule over a host snapshot: EmoCheck's and the IOC matches
 *
 * EmoCheck's rules recognise the Emotet generations it knew; what came after (the 2022
 * LNK/regsvr32 wave, IcedID, Qakbot …) is recognised here through IOC data and through the
 * habit they share: an autorun that has a Windows tool such as regsvr32 or rundll32 load a
 * file from a folder the user can write to.
 */
#define G_LOG_DOMAIN "taiou-host-rules"

#include "config.h"

#include <string.h>

#include "taiou-emotet-rules.h"
#include "taiou-finding.h"
#include "taiou-host-rules.h"

/* Windows tools that run code from another file (LOLBins), as Emotet's loaders used them. */
static const char * const windows_launchers[] = {
  "regsvr32", "rundll32", "powershell", "pwsh", "mshta", "wscript", "cscript", "cmd",
};

/* Folders an ordinary user (and so malware running as one) can write to. */
static const char * const windows_user_folders[] = {
  "\\users\\", "\\appdata\\", "\\programdata\\", "\\temp\\", "%localappdata%", "%appdata%",
  "%temp%", "%tmp%", "%userprofile%", "%programdata%", "%public%",
};

static const char * const linux_scratch_folders[] = {
  "/tmp/", "/var/tmp/", "/dev/shm/",
};

static char *
autorun_object (const TaiouAutorun *autorun)
{
  if (autorun->kind == TAIOU_AUTORUN_RUN_VALUE)
    return g_strdup_printf ("%s\\%s", autorun->location, autorun->name);
  return g_strdup_printf ("%s (%s)", autorun->location, autorun->name);
}

/* The base name of a command's program, lower case and without ".exe": a quoted program may
 * contain spaces, an unquoted one ends at the first. */
static char *
launcher_name (const char *command)
{
  const char *start = command + strspn (command, " \t");
  const char *end;
  const char *base;
  char *name;

  if (*start == '"')
    {
      start++;
      end = start + strcspn (start, "\"");
    }
  else
    end = start + strcspn (start, " \t");
  base = start;
  for (const char *p = start; p < end; p++)
    if (*p == '\\' || *p == '/')
      base = p + 1;
  name = g_ascii_strdown (base, (gssize) (end - base));
  if (g_str_has_suffix (name, ".exe"))
    name[strlen (name) - 4] = '\0';
  return name;
}

static gboolean
contains_any (const char         *haystack,
              const char * const *needles,
              gsize               n_needles)
{
  for (gsize i = 0; i < n_needles; i++)
    if (strstr (haystack, needles[i]) != NULL)
      return TRUE;
  return FALSE;
}

static void
check_windows_autorun (const TaiouAutorun *autorun,
                       GPtrArray          *findings)
{
  g_autofree char *launcher = launcher_name (autorun->command);
  g_autofree char *lower = g_ascii_strdown (autorun->command, -1);
  g_autofree char *object = NULL;
  g_autofree char *evidence = NULL;
  g_autofree char *reason_ja = NULL;
  g_autofree char *reason_en = NULL;
  gboolean is_launcher = FALSE;

  for (gsize i = 0; i < G_N_ELEMENTS (windows_launchers); i++)
    if (g_str_equal (launcher, windows_launchers[i]))
      is_launcher = TRUE;
  if (!is_launcher ||
      !contains_any (lower, windows_user_folders, G_N_ELEMENTS (windows_user_folders)))
    return;
  object = autorun_object (autorun);
  evidence = g_strdup_printf ("%s starts %s with a file in a user-writable folder: %s", object,
                              launcher, autorun->command);
  reason_ja = g_strdup_printf ("ユーザーのフォルダにあるファイルを %s で起動する自動起動の設定が見つかりました。2022 年以降の Emotet などがよく使った手口です。",
                               launcher);
  reason_en = g_strdup_printf ("An autorun entry has %s start a file from a user's folder. "
                               "Emotet and similar malware have used this trick since 2022.",
                               launcher);
  g_ptr_array_add (findings, taiou_finding_new ("autorun.launcher-user-folder", 70, object,
                                                evidence, reason_ja, reason_en));
}

static void
check_linux_autorun (const TaiouAutorun *autorun,
                     GPtrArray          *findings)
{
  const char *command = autorun->command + strspn (autorun->command, " \t\"'");
  g_autofree char *object = NULL;
  g_autofree char *evidence = NULL;
  gboolean from_scratch = FALSE;
  gboolean piped_download;

  for (gsize i = 0; i < G_N_ELEMENTS (linux_scratch_folders); i++)
    if (g_str_has_prefix (command, linux_scratch_folders[i]))
      from_scratch = TRUE;
  piped_download = (strstr (command, "curl") != NULL || strstr (command, "wget") != NULL) &&
                   (strstr (command, "| sh") != NULL || strstr (command, "|sh") != NULL ||
                    strstr (command, "| bash") != NULL || strstr (command, "|bash") != NULL);
  if (!from_scratch && !piped_download)
    return;
  object = autorun_object (autorun);
  evidence = g_strdup_printf ("%s runs: %s", object, autorun->command);
  if (piped_download)
    g_ptr_array_add (findings, taiou_finding_new (
      "autorun.download-and-run", 70, object, evidence,
      "インターネットから取ってきたものをそのまま実行する自動起動の設定が見つかりました。",
      "An autorun entry downloads something from the Internet and runs it at once."));
  else
    g_ptr_array_add (findings, taiou_finding_new (
      "autorun.scratch-folder", 60, object, evidence,
      "一時フォルダに置かれたプログラムを自動起動する設定が見つかりました。",
      "An autorun entry starts a program kept in a temporary folder."));
}

static void
add_c2_finding (GPtrArray           *findings,
                const char          *rule_id,
                const char          *object,
                const char          *evidence,
                const TaiouIocMatch *match)
{
  g_autofree char *reason_ja = g_strdup_printf ("既知の不正な通信先（%s）との通信や設定が見つかりました。すぐにこのパソコンをネットワークから切り離してください。",
                                                match->description);
  g_autofree char *reason_en = g_strdup_printf ("A connection to, or a setting naming, a known "
                                                "malicious server (%s) was found. Disconnect "
                                                "this computer from the network now.",
                                                match->description);

  g_ptr_array_add (findings, taiou_finding_new (rule_id, match->score, object, evidence,
                                                reason_ja, reason_en));
}

static void
check_connections (TaiouHostSnapshot *snapshot,
                   TaiouIocSet       *iocs,
                   GPtrArray         *findings)
{
  for (guint i = 0; i < snapshot->connections->len; i++)
    {
      TaiouConnection *connection = snapshot->connections->pdata[i];
      TaiouIocMatch match;
      g_autofree char *object = NULL;
      g_autofree char *evidence = NULL;

      if (g_str_equal (connection->state, "LISTEN") ||
          !taiou_ioc_set_lookup_ip (iocs, connection->remote_address, &match))
        continue;
      object = g_strdup_printf ("%s:%u", connection->remote_address, connection->remote_port);
      evidence = g_strdup_printf ("%s %s:%u → %s (%s, pid %u): %s", connection->protocol,
                                  connection->local_address, connection->local_port, object,
                                  connection->state, connection->pid, match.description);
      add_c2_finding (findings, "ioc.c2-connection", object, evidence, &match);
    }
}

/* URLs, domains and addresses written into an autorun's command line. */
static void
check_autorun_iocs (const TaiouAutorun *autorun,
                    TaiouIocSet        *iocs,
                    GPtrArray          *findings)
{
  g_auto(GStrv) tokens = g_strsplit_set (autorun->command, " \t\"'|;&(),", -1);

  for (guint i = 0; tokens[i] != NULL; i++)
    {
      const char *token = tokens[i];
      TaiouIocMatch match;
      gboolean found;
      g_autofree char *object = NULL;
      g_autofree char *evidence = NULL;

      if (*token == '\0')
        continue;
      if (g_str_has_prefix (token, "http://") || g_str_has_prefix (token, "https://"))
        found = taiou_ioc_set_lookup_url (iocs, token, &match);
      else if (g_hostname_is_ip_address (token))
        found = taiou_ioc_set_lookup_ip (iocs, token, &match);
      else
        found = strchr (token, '.') != NULL && taiou_ioc_set_lookup_domain (iocs, token, &match);
      if (!found)
        continue;
      object = autorun_object (autorun);
      evidence = g_strdup_printf ("%s names %s: %s", object, token, match.description);
      add_c2_finding (findings, "ioc.autorun-c2", object, evidence, &match);
    }
}

static void
check_process_names (TaiouHostSnapshot *snapshot,
                     TaiouIocSet       *iocs,
                     GPtrArray         *findings)
{
  for (guint i = 0; i < snapshot->processes->len; i++)
    {
      TaiouProcess *process = snapshot->processes->pdata[i];
      g_autoptr(GArray) matches = NULL;

      if (process->image_path == NULL)
        continue;
      matches = taiou_ioc_set_match_file_name (iocs, process->image_path);
      for (guint j = 0; j < matches->len; j++)
        {
          const TaiouIocMatch *match = &g_array_index (matches, TaiouIocMatch, j);
          g_autofree char *object = g_strdup_printf ("pid %u %s", process->pid,
                                                     process->image_path);
          g_autofree char *reason_ja = g_strdup_printf ("実行中のプログラムの名前や置き場所が、不正なプログラムによく見られる特徴と一致しました（%s）。",
                                                        match->description);
          g_autofree char *reason_en = g_strdup_printf ("A running program's name or location "
                                                        "matches a pattern typical of malware "
                                                        "(%s).", match->description);

          g_ptr_array_add (findings, taiou_finding_new ("ioc.process-filename", match->score,
                                                        object, match->description, reason_ja,
                                                        reason_en));
        }
    }
}

/**
 * taiou_host_rules_check:
 * @snapshot: what a probe saw
 * @iocs: (nullable): indicators to match connections, autoruns and processes against
 *
 * Returns: (transfer full) (element-type TaiouFinding): the findings, highest score first
 */
GPtrArray *
taiou_host_rules_check (TaiouHostSnapshot *snapshot,
                        TaiouIocSet       *iocs)
{
  GPtrArray *findings;

  g_return_val_if_fail (snapshot != NULL, NULL);
  g_return_val_if_fail (iocs == NULL || TAIOU_IS_IOC_SET (iocs), NULL);

  findings = taiou_emotet_rules_check (snapshot);
  for (guint i = 0; i < snapshot->autoruns->len; i++)
    {
      TaiouAutorun *autorun = snapshot->autoruns->pdata[i];

      if (snapshot->os == TAIOU_HOST_OS_WINDOWS)
        check_windows_autorun (autorun, findings);
      else
        check_linux_autorun (autorun, findings);
      if (iocs != NULL)
        check_autorun_iocs (autorun, iocs, findings);
    }
  if (iocs != NULL)
    {
      check_connections (snapshot, iocs, findings);
      check_process_names (snapshot, iocs, findings);
    }
  taiou_findings_sort (findings);
  return findings;
}
