/* taiou-emotet-rules.c — EmoCheck's detections, as pure functions
 *
 * JPCERT/CC's EmoCheck stopped being distributed in 2023; these re-implement the behaviour of
 * its published scanners (emocheck/modules/scan_v1.cpp … scan_v5.cpp) from their description,
 * so that a PC infected by those Emotet generations is still recognised.  Each function takes
 * plain values, so the live probe, the offline Windows-volume probe and the tests all call the
 * same code.
 */
#define G_LOG_DOMAIN "taiou-emotet-rules"

#include "config.h"

#include <string.h>

#include "taiou-finding.h"

#include "taiou-emotet-rules.h"

/* EmoCheck scan_v1: the 64 words Emotet built its process name from, in its order. */
static const char keywords[] =
  "duck,mfidl,targets,ptr,khmer,purge,metrics,acc,inet,msra,symbol,driver,"
  "sidebar,restore,msg,volume,cards,shext,query,roam,etw,mexico,basic,url,"
  "createa,blb,pal,cors,send,devices,radio,bid,format,thrd,taskmgr,timeout,"
  "vmd,ctl,bta,shlp,avi,exce,dbt,pfx,rtp,edge,mult,clr,wmistr,ellipse,vol,"
  "cyan,ses,guid,wce,wmp,dvb,elem,channel,space,digital,pdeft,violet,thunk";

#define KEYWORDS_LENGTH (sizeof keywords - 1)

/* The word around offset @at, the way Emotet (and so EmoCheck) picked it: walk back to the
 * comma before @at and take the word after it.  Two quirks are part of the behaviour and kept:
 * an offset on a comma picks the next word, and an offset inside the first word finds no comma
 * (the walk stops before index 0) and so yields the tail of that word from @at on. */
static void
append_keyword_at (GString *name,
                   gsize    at)
{
  gsize start = at;

  for (gsize i = at; i > 0; i--)
    if (keywords[i] == ',')
      {
        start = i;
        break;
      }
  if (keywords[start] == ',')
    start++;
  while (start < KEYWORDS_LENGTH && keywords[start] != ',')
    g_string_append_c (name, keywords[start++]);
}

/**
 * taiou_emotet_v1_process_name:
 * @volume_serial: the serial number of the Windows system volume
 *
 * EmoCheck scan_v1: Emotet named its process after two keywords chosen from the volume serial,
 * at `serial % len` and at `(0xFFFFFFFF − serial / len) % len` of the keyword list.
 *
 * Returns: (transfer full): the process name, e.g. "msgdriver.exe"
 */
char *
taiou_emotet_v1_process_name (guint32 volume_serial)
{
  GString *name = g_string_new (NULL);
  guint32 quotient = volume_serial / KEYWORDS_LENGTH;

  append_keyword_at (name, volume_serial % KEYWORDS_LENGTH);
  append_keyword_at (name, (0xFFFFFFFFu - quotient) % KEYWORDS_LENGTH);
  g_string_append (name, ".exe");
  return g_string_free (name, FALSE);
}

/**
 * taiou_emotet_v2_value_name:
 *
 * EmoCheck scan_v2: the name of the value Emotet stored under the Explorer key — the volume
 * serial in lowercase hexadecimal, without leading zeros.
 */
char *
taiou_emotet_v2_value_name (guint32 volume_serial)
{
  return g_strdup_printf ("%x", volume_serial);
}

/**
 * taiou_emotet_v2_decode_process_name:
 * @data: the REG_BINARY data of that value
 *
 * EmoCheck scan_v2: the data is the process name XOR-ed with the volume serial (byte i with
 * byte i % 4 of the serial, least significant first); only printable characters are kept.
 *
 * Returns: (transfer full) (nullable): the process name with ".exe", or NULL when nothing
 *   printable remains
 */
char *
taiou_emotet_v2_decode_process_name (guint32       volume_serial,
                                     const guint8 *data,
                                     gsize         length)
{
  g_autoptr(GString) name = g_string_new (NULL);

  g_return_val_if_fail (data != NULL || length == 0, NULL);

  for (gsize i = 0; i < length; i++)
    {
      guint8 key = (guint8) (volume_serial >> (8 * (i % 4)));
      guint8 c = data[i] ^ key;

      /* Strictly between space and tilde, as EmoCheck filters. */
      if (c > 0x20 && c < 0x7e)
        g_string_append_c (name, (char) c);
    }
  if (name->len == 0)
    return NULL;
  g_string_append (name, ".exe");
  return g_string_free (g_steal_pointer (&name), FALSE);
}

/* ---- The rules over a snapshot ---------------------------------------------------------- */

#define V5_DELAY_US        G_GINT64_CONSTANT (604800000000)  /* seven days */
#define V5_EARLY_US        300000                            /* EmoCheck allows −0.3 s … */
#define V5_LATE_US         200000                            /* … +0.2 s */
#define V3_MIN_SIZE        10000

/* Windows names compare without regard to ASCII case. */
static gboolean
names_equal (const char *a,
             const char *b)
{
  return a != NULL && b != NULL && g_ascii_strcasecmp (a, b) == 0;
}

/* Whether @text is only ASCII letters, between @min and @max of them (EmoCheck's
 * ^[A-Za-z]{min,max}$). */
static gboolean
is_letters (const char *text,
            gsize       length,
            gsize       min,
            gsize       max)
{
  if (length < min || length > max)
    return FALSE;
  for (gsize i = 0; i < length; i++)
    if (!g_ascii_isalpha (text[i]))
      return FALSE;
  return TRUE;
}

static gboolean
is_pe (const TaiouFileInfo *file)
{
  return file->head_length >= 2 && file->head[0] == 'M' && file->head[1] == 'Z';
}

static const char *
file_user (const TaiouFileInfo *file)
{
  return file->user != NULL ? file->user : "*";
}

/* A command line as EmoCheck compared it with a path: environment variables that point into
 * the user's profile or Windows expanded, quotes dropped, '/' as '\', lower case. */
static char *
normalize_command (const char *command,
                   const char *user)
{
  g_autofree char *profile = g_strdup_printf ("c:\\users\\%s", user != NULL ? user : "*");
  g_autofree char *local = g_strconcat (profile, "\\appdata\\local", NULL);
  g_autofree char *roaming = g_strconcat (profile, "\\appdata\\roaming", NULL);
  g_autofree char *temp = g_strconcat (local, "\\temp", NULL);
  const struct { const char *name; const char *value; } variables[] = {
    { "%localappdata%", local },
    { "%appdata%", roaming },
    { "%userprofile%", profile },
    { "%temp%", temp },
    { "%tmp%", temp },
    { "%systemroot%", "c:\\windows" },
    { "%windir%", "c:\\windows" },
    { "%programdata%", "c:\\programdata" },
  };
  g_autofree char *lower = g_ascii_strdown (command, -1);
  GString *normal = g_string_new (NULL);

  for (const char *p = lower; *p != '\0';)
    {
      gboolean expanded = FALSE;

      for (gsize i = 0; i < G_N_ELEMENTS (variables) && *p == '%'; i++)
        if (g_str_has_prefix (p, variables[i].name))
          {
            g_string_append (normal, variables[i].value);
            p += strlen (variables[i].name);
            expanded = TRUE;
            break;
          }
      if (expanded)
        continue;
      if (*p == '/')
        g_string_append_c (normal, '\\');
      else if (*p != '"')
        g_string_append_c (normal, *p);
      p++;
    }
  return g_string_free (normal, FALSE);
}

/* Where @command names @file; NULL when it does not. */
static const char *
find_file_in_command (const char          *normal_command,
                      const TaiouFileInfo *file,
                      gsize               *path_length)
{
  g_autofree char *path = g_ascii_strdown (file->display_path, -1);

  *path_length = strlen (path);
  return strstr (normal_command, path);
}

static gboolean
autorun_starts_file (const TaiouAutorun  *autorun,
                     const TaiouFileInfo *file)
{
  g_autofree char *normal = normalize_command (autorun->command, autorun->user);
  gsize length;

  return find_file_in_command (normal, file, &length) != NULL;
}

/* EmoCheck scan_v4: `rundll32.exe <path>,<Export>`. */
static gboolean
autorun_rundll32_starts_file (const TaiouAutorun  *autorun,
                              const TaiouFileInfo *file)
{
  g_autofree char *normal = normalize_command (autorun->command, autorun->user);
  gsize length;
  const char *at;

  if (strstr (normal, "rundll32") == NULL)
    return FALSE;
  at = find_file_in_command (normal, file, &length);
  return at != NULL && at[length] == ',' && g_ascii_isalnum (at[length + 1]);
}

static char *
autorun_object (const TaiouAutorun *autorun)
{
  if (autorun->kind == TAIOU_AUTORUN_RUN_VALUE)
    return g_strdup_printf ("%s\\%s", autorun->location, autorun->name);
  return g_strdup (autorun->location);
}

/* EmoCheck scan_v1 and scan_v2 both end in a process name; this looks for it as a running
 * process, and — for an offline volume, which has no processes — as a file or an autorun. */
static void
check_process_name (TaiouHostSnapshot *snapshot,
                    const char        *name,
                    const char        *rule_id,
                    const char        *derivation,
                    GPtrArray         *findings)
{
  for (guint i = 0; i < snapshot->processes->len; i++)
    {
      TaiouProcess *process = snapshot->processes->pdata[i];
      g_autofree char *object = NULL;
      g_autofree char *evidence = NULL;

      if (!names_equal (process->name, name))
        continue;
      object = g_strdup_printf ("pid %u %s", process->pid,
                                process->image_path != NULL ? process->image_path : name);
      evidence = g_strdup_printf ("%s; running process %s (pid %u)", derivation, process->name,
                                  process->pid);
      taiou_findings_add (findings, rule_id, 100, object, evidence,
                          "Emotet が使う名前のプログラムが動いています。すぐにこのパソコンのLANケーブルを抜くか、Wi-Fi を切ってください。",
                          "A program with the name Emotet uses is running. Unplug this computer's "
                          "network cable or turn off its Wi-Fi now.");
    }
  for (guint i = 0; i < snapshot->files->len; i++)
    {
      TaiouFileInfo *file = snapshot->files->pdata[i];
      g_autofree char *evidence = NULL;

      if (file->area == TAIOU_FILE_AREA_SYSTEM32 || !names_equal (file->file_name, name))
        continue;
      evidence = g_strdup_printf ("%s; file %s", derivation, file->display_path);
      taiou_findings_add (findings, rule_id, 90, file->display_path, evidence,
                          "Emotet が使う名前のプログラムファイルが見つかりました。",
                          "A program file with the name Emotet uses was found.");
    }
  for (guint i = 0; i < snapshot->autoruns->len; i++)
    {
      TaiouAutorun *autorun = snapshot->autoruns->pdata[i];
      g_autofree char *needle = g_ascii_strdown (name, -1);
      g_autofree char *normal = normalize_command (autorun->command, autorun->user);
      g_autofree char *object = NULL;
      g_autofree char *evidence = NULL;
      const char *at = strstr (normal, needle);

      /* The name must be a whole file name: after a separator or at the start. */
      if (at == NULL || (at != normal && at[-1] != '\\' && at[-1] != ' '))
        continue;
      object = autorun_object (autorun);
      evidence = g_strdup_printf ("%s; autorun %s = %s", derivation, object, autorun->command);
      taiou_findings_add (findings, rule_id, 90, object, evidence,
                          "Emotet が使う名前のプログラムが、自動起動に登録されています。",
                          "A program with the name Emotet uses is registered to start "
                          "automatically.");
    }
}

static void
check_v1 (TaiouHostSnapshot *snapshot,
          GPtrArray         *findings)
{
  g_autofree char *name = taiou_emotet_v1_process_name (snapshot->volume_serial);
  g_autofree char *derivation = g_strdup_printf ("volume serial %08X gives the name %s",
                                                 snapshot->volume_serial, name);

  check_process_name (snapshot, name, "emocheck.v1-serial-name", derivation, findings);
}

static void
check_v2 (TaiouHostSnapshot *snapshot,
          GPtrArray         *findings)
{
  g_autofree char *value_name = taiou_emotet_v2_value_name (snapshot->volume_serial);

  for (guint i = 0; i < snapshot->explorer_values->len; i++)
    {
      TaiouRegistryValue *value = snapshot->explorer_values->pdata[i];
      gsize length;
      const guint8 *data;
      g_autofree char *name = NULL;
      g_autofree char *object = NULL;
      g_autofree char *evidence = NULL;

      if (!names_equal (value->name, value_name))
        continue;
      data = g_bytes_get_data (value->data, &length);
      name = taiou_emotet_v2_decode_process_name (snapshot->volume_serial, data, length);
      if (name == NULL)
        continue;
      object = g_strdup_printf ("%s\\%s", value->location, value->name);
      evidence = g_strdup_printf ("value named after volume serial %08X decodes to %s",
                                  snapshot->volume_serial, name);
      taiou_findings_add (findings, "emocheck.v2-explorer-value", 90, object, evidence,
                          "Emotet が自分の名前を隠して保存する設定（レジストリ）が見つかりました。このパソコンは Emotet に感染している可能性が高いです。",
                          "The registry setting in which Emotet hides its own name was found. This "
                          "computer is very probably infected with Emotet.");
      check_process_name (snapshot, name, "emocheck.v2-explorer-value", evidence, findings);
    }
}

/* Reports @file, stronger when something starts it automatically. */
static void
report_file (TaiouHostSnapshot   *snapshot,
             const TaiouFileInfo *file,
             const char          *rule_id,
             int                  file_score,
             const char          *why,
             gboolean           (*starts) (const TaiouAutorun *, const TaiouFileInfo *),
             gboolean           (*autorun_fits) (const TaiouAutorun *, const TaiouFileInfo *),
             GPtrArray           *findings)
{
  gboolean started = FALSE;

  for (guint i = 0; i < snapshot->autoruns->len; i++)
    {
      TaiouAutorun *autorun = snapshot->autoruns->pdata[i];
      g_autofree char *object = NULL;
      g_autofree char *evidence = NULL;

      if ((autorun_fits != NULL && !autorun_fits (autorun, file)) || !starts (autorun, file))
        continue;
      started = TRUE;
      object = autorun_object (autorun);
      evidence = g_strdup_printf ("%s; started by %s = %s", why, object, autorun->command);
      taiou_findings_add (findings, rule_id, 100, file->display_path, evidence,
                          "自動起動に登録された不審なプログラムが見つかりました。置き場所と名前の付け方が Emotet と一致します。",
                          "A suspicious program registered to start automatically was found. Its "
                          "location and name follow Emotet's pattern.");
    }
  if (!started)
    taiou_findings_add (findings, rule_id, file_score, file->display_path, why,
                        "Emotet が使う置き場所と名前の付け方に一致するファイルが見つかりました。",
                        "A file whose location and name follow Emotet's pattern was found.");
}

static gboolean
run_value_fits (const TaiouAutorun  *autorun,
                const TaiouFileInfo *file)
{
  return autorun->kind == TAIOU_AUTORUN_RUN_VALUE;
}

/* EmoCheck scan_v3: %LocalAppData%\<keyword>\<keyword>.exe, the keyword being the name of a
 * program or library in System32, unless the file is tiny or a same-size copy of it. */
static void
check_v3 (TaiouHostSnapshot *snapshot,
          GPtrArray         *findings)
{
  for (guint i = 0; i < snapshot->files->len; i++)
    {
      TaiouFileInfo *file = snapshot->files->pdata[i];
      g_autofree char *exe = NULL;
      g_autofree char *dll = NULL;
      g_autofree char *why = NULL;
      const TaiouFileInfo *exe_twin, *dll_twin, *twin;

      if (file->area != TAIOU_FILE_AREA_LOCAL_APPDATA || file->folder_name == NULL)
        continue;
      exe = g_strconcat (file->folder_name, ".exe", NULL);
      if (!names_equal (file->file_name, exe))
        continue;
      dll = g_strconcat (file->folder_name, ".dll", NULL);
      exe_twin = taiou_host_snapshot_find_system32_file (snapshot, exe);
      dll_twin = taiou_host_snapshot_find_system32_file (snapshot, dll);
      /* The keyword is a System32 .exe or, failing that, .dll name. */
      twin = exe_twin != NULL ? exe_twin : dll_twin;
      if (twin == NULL)
        continue;
      if (file->size < V3_MIN_SIZE ||
          (exe_twin != NULL && exe_twin->size == file->size) ||
          (dll_twin != NULL && dll_twin->size == file->size))
        continue;
      why = g_strdup_printf ("%s is named after System32's %s (user %s, %" G_GUINT64_FORMAT
                             " bytes)", file->display_path,
                             twin->file_name,
                             file_user (file), file->size);
      report_file (snapshot, file, "emocheck.v3-localappdata-keyword", 60, why,
                   autorun_starts_file, run_value_fits, findings);
    }
}

static gboolean
v4_autorun_fits (const TaiouAutorun  *autorun,
                 const TaiouFileInfo *file)
{
  if (autorun->kind == TAIOU_AUTORUN_SERVICE)
    return TRUE;
  return autorun->kind == TAIOU_AUTORUN_RUN_VALUE &&
         (names_equal (autorun->name, file->file_name) ||
          is_letters (autorun->name, strlen (autorun->name), 7, 16));
}

/* EmoCheck scan_v4: a DLL under a random extension in a random letters-only folder. */
static void
check_v4 (TaiouHostSnapshot *snapshot,
          GPtrArray         *findings)
{
  for (guint i = 0; i < snapshot->files->len; i++)
    {
      TaiouFileInfo *file = snapshot->files->pdata[i];
      const char *dot;
      g_autofree char *why = NULL;

      if (file->folder_name == NULL || !is_pe (file) ||
          !(file->area == TAIOU_FILE_AREA_LOCAL_APPDATA ||
            (file->area == TAIOU_FILE_AREA_SYSTEM_FOLDER && snapshot->is_admin_view)))
        continue;
      if (!is_letters (file->folder_name, strlen (file->folder_name), 4, 16) ||
          taiou_host_snapshot_is_known_folder (snapshot, file->folder_name))
        continue;
      dot = strchr (file->file_name, '.');
      if (dot == NULL || !is_letters (file->file_name, (gsize) (dot - file->file_name), 3, 15) ||
          !is_letters (dot + 1, strlen (dot + 1), 3, 3) ||
          names_equal (dot, ".exe") || names_equal (dot, ".dll"))
        continue;
      why = g_strdup_printf ("%s is a program (MZ) under the random-looking name %s in the "
                             "unknown folder %s", file->display_path, file->file_name,
                             file->folder_name);
      report_file (snapshot, file, "emocheck.v4-random-dll", 70, why,
                   autorun_rundll32_starts_file, v4_autorun_fits, findings);
    }
}

/* EmoCheck scan_v5: Emotet set its file's time stamp seven days before its folder's. */
static void
check_v5 (TaiouHostSnapshot *snapshot,
          GPtrArray         *findings)
{
  for (guint i = 0; i < snapshot->files->len; i++)
    {
      TaiouFileInfo *file = snapshot->files->pdata[i];
      gint64 delay;
      g_autofree char *evidence = NULL;

      if ((file->area != TAIOU_FILE_AREA_LOCAL_APPDATA &&
           file->area != TAIOU_FILE_AREA_SYSTEM_FOLDER) ||
          !is_pe (file) || file->folder_mtime_us == 0)
        continue;
      delay = file->folder_mtime_us - file->mtime_us;
      if (delay < V5_DELAY_US - V5_EARLY_US || delay > V5_DELAY_US + V5_LATE_US)
        continue;
      evidence = g_strdup_printf ("%s was modified %.1f s before its folder (7 days = 604800 s)",
                                  file->display_path, (double) delay / G_USEC_PER_SEC);
      taiou_findings_add (findings, "emocheck.v5-seven-days", 90, file->display_path, evidence,
                          "更新日時がちょうど 7 日前に偽装されたプログラムが見つかりました。Emotet の特徴と一致します。",
                          "A program whose time stamp was faked to exactly seven days earlier was "
                          "found. This is a trait of Emotet.");
    }
}

/**
 * taiou_emotet_rules_check:
 * @snapshot: what a probe saw
 *
 * Runs every EmoCheck detection (scan_v1 … scan_v5) over @snapshot.  The volume-serial rules
 * need the serial; the others need a Windows snapshot's files and autoruns.
 *
 * Returns: (transfer full) (element-type TaiouFinding): the findings, possibly none
 */
GPtrArray *
taiou_emotet_rules_check (TaiouHostSnapshot *snapshot)
{
  GPtrArray *findings = g_ptr_array_new_with_free_func ((GDestroyNotify) taiou_finding_free);

  g_return_val_if_fail (snapshot != NULL, findings);

  if (snapshot->has_volume_serial)
    {
      check_v1 (snapshot, findings);
      check_v2 (snapshot, findings);
    }
  check_v3 (snapshot, findings);
  check_v4 (snapshot, findings);
  check_v5 (snapshot, findings);
  return findings;
}
