/* taiou-test-emocheck.c — synthetic EmoCheck reports, one per released version, language and format
 *
 * Each report is built from the format strings of that version's WriteReport() / JsonReport()
 * (JPCERTCC/EmoCheck, emocheck/main.cpp at tags v0.0.1, v0.0.2, v1.0.0 — whose header says
 * "1.2" — and v2.1.0 — whose header says "2.0"; later tags change only the README).  Windows
 * wrote them through a text-mode std::ofstream, so every "\n" became "\r\n".  The host, the
 * process names and the paths come from the console's OEM code page (WideCharToString uses
 * CP_OEMCP): CP932 on Japanese Windows, CP850 on French Windows.  JsonReport() doubled the
 * backslash bytes of image_path and registry_key, including the second byte of a CP932
 * character such as ソ (0x83 0x5C), and left the other values as they were.
 */
#include "config.h"

#include <string.h>

#include "taiou-test-emocheck.h"

#define DELIMITER "____________________________________________________\n"

const char * const taiou_test_emocheck_versions[] = { "0.0.1", "0.0.2", "1.2", "2.0", NULL };

typedef struct
{
  const char *version;
  TaiouTestEmocheckLanguage language;
  GString *out;
} Writer;

const char *
taiou_test_emocheck_language_name (TaiouTestEmocheckLanguage language)
{
  static const char * const names[] = { "en", "ja", "fr" };

  return names[language];
}

const char *
taiou_test_emocheck_host (TaiouTestEmocheckLanguage language)
{
  static const char * const hosts[] = { "PC-07", "経理PC", "POSTE-12" };

  return hosts[language];
}

const char *
taiou_test_emocheck_process_name (TaiouTestEmocheckLanguage language)
{
  /* ソ and 表 end in the byte 0x5C in CP932; é is 0x82 in CP850. */
  static const char * const names[] = { "mstask.exe", "ソフト表.exe", "télé.exe" };

  return names[language];
}

const char *
taiou_test_emocheck_image_path (TaiouTestEmocheckLanguage language)
{
  static const char * const paths[] = {
    "C:\\Users\\taro\\AppData\\Local\\mstask\\mstask.exe",
    "C:\\Users\\山田\\AppData\\Local\\ソフト\\ソフト表.exe",
    "C:\\Users\\Hélène\\AppData\\Local\\télé\\télé.exe",
  };

  return paths[language];
}

const char *
taiou_test_emocheck_registry_key (TaiouTestEmocheckLanguage language)
{
  static const char * const keys[] = {
    "Software\\Microsoft\\Windows\\CurrentVersion\\Run\\mstask",
    "Software\\Microsoft\\Windows\\CurrentVersion\\Run\\ソフト",
    "Software\\Microsoft\\Windows\\CurrentVersion\\Run\\télé",
  };

  return keys[language];
}

static gboolean
is_v2 (const char *version)
{
  return g_str_equal (version, "2.0");
}

gboolean
taiou_test_emocheck_exists (const char                *version,
                            TaiouTestEmocheckLanguage  language,
                            TaiouTestEmocheckFormat    format)
{
  /* v0.0.1 wrote no JSON; French came with v2.0; the README samples are v0.0.2's. */
  if (format == TAIOU_TEST_EMOCHECK_README_TEXT || format == TAIOU_TEST_EMOCHECK_README_JSON)
    return g_str_equal (version, "0.0.2") && language != TAIOU_TEST_EMOCHECK_FRENCH;
  if (format == TAIOU_TEST_EMOCHECK_JSON && g_str_equal (version, "0.0.1"))
    return FALSE;
  return language != TAIOU_TEST_EMOCHECK_FRENCH || is_v2 (version);
}

/* EmoCheck's own words: CP932 in a Japanese report up to v1.x, UTF-8 from v2.0 on. */
static void
words (Writer     *writer,
       const char *utf8)
{
  if (writer->language == TAIOU_TEST_EMOCHECK_JAPANESE && !is_v2 (writer->version))
    {
      g_autofree char *cp932 = g_convert (utf8, -1, "CP932", "UTF-8", NULL, NULL, NULL);

      g_assert_nonnull (cp932);
      g_string_append (writer->out, cp932);
    }
  else
    g_string_append (writer->out, utf8);
}

/* A name or path as the console's OEM code page gave it; @escape doubles each 0x5C byte. */
static void
oem (Writer     *writer,
     const char *utf8,
     gboolean    escape)
{
  static const char * const code_pages[] = { "ASCII", "CP932", "CP850" };
  g_autofree char *bytes = g_convert (utf8, -1, code_pages[writer->language], "UTF-8", NULL,
                                      NULL, NULL);

  /* g_error (), not g_assert (): test assertions may be non-fatal, so the compiler must be told
   * that NULL goes no further. */
  if (bytes == NULL)
    g_error ("“%s” has no form in %s", utf8, code_pages[writer->language]);
  for (const char *p = bytes; *p != '\0'; p++)
    {
      g_string_append_c (writer->out, *p);
      if (escape && *p == '\\')
        g_string_append_c (writer->out, '\\');
    }
}

typedef struct
{
  const char *name;
  const char *pid;
  const char *image_path;
  const char *registry_key;
} Process;

static void
write_text (Writer        *writer,
            const Process *processes,
            guint          n_processes,
            gboolean       readme)
{
  const char *v = writer->version;
  gboolean old_header = g_str_equal (v, "0.0.1") || readme;
  /* Labels in the order: scan time, result, detected, clean, process, name, id, image,
   * registry, advice. */
  static const char * const en[] = {
    "Scan time: ", "[Result] \n", "Detected Emotet process.\n\n", NULL, "[Emotet Process] \n",
    "     Process Name  : ", "     Process ID    : ", "     Image Path    : ",
    "     Registry Key  : ", "Please remove or isolate the suspicious execution file.\n",
  };
  static const char * const ja[] = {
    "プログラム実行時刻: ", "[結果]\n", "Emotetを検知しました。\n\n", "検知しませんでした。\n",
    "[詳細]\n", "     プロセス名    : ", "     プロセスID    : ", "     イメージパス  : ",
    "     レジストリキー: ", "イメージパスの実行ファイルを隔離/削除してください。\n",
  };
  static const char * const fr[] = {
    "Temps d'éxécution: ", "[Résultat] \n", "Emotet détecté.\n\n",
    "Emotet n'a pas été détecté.\n", "[Processus Emotet] \n", "     Nom du processus: ",
    "     PID             : ", "     Emplacement     : ", "     Clé de registre : ",
    "Veuillez supprimer le(s) fichier(s) détecté(s).\n",
  };
  const char * const *labels = writer->language == TAIOU_TEST_EMOCHECK_ENGLISH ? en
                               : writer->language == TAIOU_TEST_EMOCHECK_JAPANESE ? ja : fr;
  const char *clean = labels[3];

  if (writer->language == TAIOU_TEST_EMOCHECK_ENGLISH)
    clean = g_str_equal (v, "0.0.1") || g_str_equal (v, "0.0.2") ? "No detection.\n"
                                                                 : "Emotet was not detected.\n";

  g_string_append_printf (writer->out, "[%s v%s]\n", old_header ? "Emocheck" : "EmoCheck", v);
  words (writer, labels[0]);
  g_string_append (writer->out, TAIOU_TEST_EMOCHECK_SCAN_TIME "\n" DELIMITER "\n");
  /* The README's sample drops the space after "[Result]" and the "。" after the result. */
  if (readme && writer->language == TAIOU_TEST_EMOCHECK_ENGLISH)
    words (writer, "[Result]\n");
  else
    words (writer, labels[1]);
  if (n_processes == 0)
    {
      words (writer, clean);
      return;
    }
  words (writer, readme && writer->language == TAIOU_TEST_EMOCHECK_JAPANESE
                   ? "Emotetを検知しました\n\n" : labels[2]);
  for (guint i = 0; i < n_processes; i++)
    {
      words (writer, labels[4]);
      words (writer, labels[5]);
      oem (writer, processes[i].name, FALSE);
      g_string_append_c (writer->out, '\n');
      words (writer, labels[6]);
      g_string_append_printf (writer->out, "%s\n", processes[i].pid);
      words (writer, labels[7]);
      oem (writer, processes[i].image_path, FALSE);
      g_string_append_c (writer->out, '\n');
      if (is_v2 (v))
        {
          words (writer, labels[8]);
          oem (writer, processes[i].registry_key, FALSE);
          g_string_append_c (writer->out, '\n');
        }
    }
  g_string_append (writer->out, DELIMITER "\n");
  words (writer, labels[9]);
}

static void
write_json (Writer        *writer,
            const Process *processes,
            guint          n_processes,
            gboolean       readme)
{
  /* The README's sample indents each process's members by seven spaces, EmoCheck by six. */
  const char *indent = readme ? "       " : "      ";

  g_string_append (writer->out, "{\n  \"scan_time\":\"" TAIOU_TEST_EMOCHECK_SCAN_TIME "\",\n"
                                "  \"hostname\":\"");
  oem (writer, taiou_test_emocheck_host (writer->language), FALSE);
  g_string_append_printf (writer->out, "\",\n  \"emocheck_version\":\"%s\",\n", writer->version);
  if (n_processes == 0)
    {
      g_string_append (writer->out, "  \"is_infected\":\"no\"\n}\n");
      return;
    }
  g_string_append (writer->out, "  \"is_infected\":\"yes\",\n  \"emotet_processes\":[\n");
  for (guint i = 0; i < n_processes; i++)
    {
      g_string_append_printf (writer->out, "    {\n%s\"process_name\":\"", indent);
      oem (writer, processes[i].name, FALSE);
      g_string_append_printf (writer->out, "\",\n%s\"process_id\":\"%s\",\n%s\"image_path\":\"",
                              indent, processes[i].pid, indent);
      oem (writer, processes[i].image_path, TRUE);
      if (is_v2 (writer->version))
        {
          g_string_append_printf (writer->out, "\",\n%s\"registry_key\":\"", indent);
          oem (writer, processes[i].registry_key, TRUE);
        }
      g_string_append_printf (writer->out, "\"\n    }%s\n", i + 1 < n_processes ? "," : "");
    }
  g_string_append (writer->out, "  ]\n}\n");
}

/**
 * taiou_test_emocheck_report:
 * @file_name: (out): the name EmoCheck gave the report
 *
 * Returns: (transfer full): the report's bytes; two processes when @infected
 */
GBytes *
taiou_test_emocheck_report (const char                *version,
                            TaiouTestEmocheckLanguage  language,
                            TaiouTestEmocheckFormat    format,
                            gboolean                   infected,
                            char                     **file_name)
{
  Writer writer = { version, language, g_string_new (NULL) };
  const Process processes[] = {
    { taiou_test_emocheck_process_name (language), TAIOU_TEST_EMOCHECK_PID,
      taiou_test_emocheck_image_path (language), taiou_test_emocheck_registry_key (language) },
    { "khmerdriver.exe", "716", "C:\\ProgramData\\khmerdriver\\khmerdriver.exe",
      "Software\\Microsoft\\Windows\\CurrentVersion\\Run\\khmerdriver" },
  };
  gboolean json = format == TAIOU_TEST_EMOCHECK_JSON || format == TAIOU_TEST_EMOCHECK_README_JSON;
  gboolean readme = format >= TAIOU_TEST_EMOCHECK_README_TEXT;
  g_autoptr(GString) crlf = g_string_new (NULL);

  g_assert_true (taiou_test_emocheck_exists (version, language, format));

  if (json)
    write_json (&writer, processes, infected ? 2 : 0, readme);
  else
    write_text (&writer, processes, infected ? 2 : 0, readme);

  for (gsize i = 0; i < writer.out->len; i++)
    {
      if (writer.out->str[i] == '\n')
        g_string_append_c (crlf, '\r');
      g_string_append_c (crlf, writer.out->str[i]);
    }
  g_string_free (writer.out, TRUE);

  /* v0.0.1 named the file by its date alone; later versions put the host first. */
  if (g_str_equal (version, "0.0.1"))
    *file_name = g_strdup ("20220308101500_emocheck.txt");
  else
    *file_name = g_strdup_printf ("%s_20220308101500_emocheck.%s",
                                  taiou_test_emocheck_host (language), json ? "json" : "txt");
  return g_string_free_to_bytes (g_steal_pointer (&crlf));
}
