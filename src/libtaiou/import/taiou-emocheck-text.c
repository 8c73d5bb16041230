/* taiou-emocheck-text.c — EmoCheck's text report, as each released version wrote it
 *
 * From the released sources (JPCERTCC/EmoCheck, emocheck/main.cpp, WriteReport):
 *  - v0.0.1 wrote "[Emocheck v0.0.1]" (small c) and named the file "<date>_emocheck.txt",
 *    with no host; from v0.0.2 on the header is "[EmoCheck v…]" and the file name starts with
 *    the computer name; the report itself never names the host.
 *  - English: "Scan time:", "[Result] ", "Detected Emotet process." or "No detection." (up to
 *    v0.0.2) / "Emotet was not detected." (v1.x on), "[Emotet Process] " and padded
 *    "Process Name  :", "Process ID    :", "Image Path    :", "Registry Key  :" (v2.0 on).
 *  - Japanese: "プログラム実行時刻:", "[結果]", "Emotetを検知しました。" / "検知しませんでした。",
 *    "[詳細]", "プロセス名", "プロセスID", "イメージパス", "レジストリキー" (v2.0 on).  Up to v1.x
 *    the whole file is in CP932; v2.0 writes its own words in UTF-8 but paths and names in the
 *    console's OEM code page (CP932 on Japanese Windows), so one UTF-8 report may carry CP932
 *    bytes on a path line: every line is therefore decoded on its own.
 *  - French (v2.0): "Temps d'éxécution:", "[Résultat] ", "Emotet détecté." / "Emotet n'a pas
 *    été détecté.", "[Processus Emotet] ", "Nom du processus:", "PID", "Emplacement",
 *    "Clé de registre :"; paths in the OEM code page of French Windows, CP850.
 *  - The README's samples write "[Emocheck v0.0.2]" and "Emotetを検知しました" without "。".
 * Lines the reader does not know (the advice at the end, the delimiter) are skipped; a line it
 * cannot place stops it, and the error names that line.
 */
#define G_LOG_DOMAIN "taiou-import-emocheck"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "taiou-emocheck-private.h"

#define MAX_PROCESSES 1000

typedef enum
{
  FIELD_NONE,
  FIELD_NAME,
  FIELD_ID,
  FIELD_IMAGE,
  FIELD_REGISTRY,
} Field;

static const char * const scan_time_labels_en_ja[] = { "Scan time", "プログラム実行時刻", NULL };
static const char * const scan_time_labels_fr[] = {
  "Temps d'éxécution", "Temps d'exécution", NULL,
};
static const char * const detected_lines[] = {
  "Detected Emotet process", "Emotetを検知しました", "Emotet détecté", NULL,
};
static const char * const clean_lines[] = {
  "No detection", "Emotet was not detected", "検知しませんでした", "検知されませんでした",
  "Emotetは検知されませんでした", "Emotet n'a pas été détecté", "Aucune détection", NULL,
};
static const struct
{
  const char *label;
  Field       field;
} field_labels[] = {
  { "Process Name", FIELD_NAME }, { "プロセス名", FIELD_NAME }, { "Nom du processus", FIELD_NAME },
  { "Process ID", FIELD_ID }, { "プロセスID", FIELD_ID }, { "PID", FIELD_ID },
  { "Image Path", FIELD_IMAGE }, { "イメージパス", FIELD_IMAGE }, { "Emplacement", FIELD_IMAGE },
  { "Registry Key", FIELD_REGISTRY }, { "レジストリキー", FIELD_REGISTRY },
  { "Clé de registre", FIELD_REGISTRY },
};

/* The value after "label :" when @line is that label's line (labels are padded with spaces). */
static const char *
labelled_value (const char *line,
                const char *label)
{
  const char *p = line;

  while (*p == ' ' || *p == '\t')
    p++;
  if (!g_str_has_prefix (p, label))
    return NULL;
  p += strlen (label);
  while (*p == ' ')
    p++;
  if (*p != ':')
    return NULL;
  p++;
  while (*p == ' ')
    p++;
  return p;
}

static const char *
any_labelled_value (const char         *line,
                    const char * const *labels)
{
  const char *value = NULL;

  for (guint i = 0; labels[i] != NULL && value == NULL; i++)
    value = labelled_value (line, labels[i]);
  return value;
}

/* Whether @line is one of @stems, with or without its final "." or "。". */
static gboolean
is_sentence (const char         *line,
             const char * const *stems)
{
  for (guint i = 0; stems[i] != NULL; i++)
    if (g_str_has_prefix (line, stems[i]))
      {
        const char *rest = line + strlen (stems[i]);

        if (*rest == '\0' || g_str_equal (rest, ".") || g_str_equal (rest, "。"))
          return TRUE;
      }
  return FALSE;
}

static gboolean
is_header (const char *line)
{
  return g_ascii_strncasecmp (line, "[EmoCheck v", 11) == 0 && g_str_has_suffix (line, "]") &&
         strlen (line) > 12;
}

static void
replace_string (char       **field,
                const char  *value)
{
  g_free (*field);
  *field = g_strdup (value);
}

/* The start of @line for an error message: a long or strange line is cut. */
static char *
quote_line (const char *line)
{
  if (g_utf8_strlen (line, -1) <= 40)
    return g_strdup_printf ("“%s”", line);
  return g_strdup_printf ("“%.*s…”", (int) (g_utf8_offset_to_pointer (line, 40) - line), line);
}

static gboolean
digits_only (const char *value)
{
  if (*value == '\0')
    return FALSE;
  for (const char *p = value; *p != '\0'; p++)
    if (!g_ascii_isdigit (*p))
      return FALSE;
  return TRUE;
}

typedef struct
{
  TaiouEmocheckReport  *report;
  const char           *file_name;
  TaiouEmocheckProcess *process;
  gboolean              have_header;
  gboolean              have_result;
  const char           *ansi_code_page;
} TextState;

static gboolean
read_field (TextState   *state,
            Field        field,
            const char  *value,
            guint        number,
            GError     **error)
{
  TaiouEmocheckReport *report = state->report;

  if (field == FIELD_NAME)
    {
      if (state->have_result && !report->infected)
        return _taiou_emocheck_line_error (error, state->file_name, number,
                                           _("a process is listed in a report that found none"));
      if (report->processes->len >= MAX_PROCESSES)
        return _taiou_emocheck_line_error (error, state->file_name, number,
                                           _("too many processes"));
      state->process = _taiou_emocheck_process_new (report);
      state->process->process_name = g_strdup (value);
      return TRUE;
    }
  if (state->process == NULL)
    return _taiou_emocheck_line_error (error, state->file_name, number,
                                       _("a process detail comes before the process name"));
  switch (field)
    {
    case FIELD_ID:
      if (!digits_only (value))
        return _taiou_emocheck_line_error (error, state->file_name, number,
                                           _("the process ID is not a number"));
      replace_string (&state->process->process_id, value);
      break;
    case FIELD_IMAGE:
      replace_string (&state->process->image_path, value);
      break;
    case FIELD_REGISTRY:
      replace_string (&state->process->registry_key, value);
      break;
    case FIELD_NAME:
    case FIELD_NONE:
    default:
      g_assert_not_reached ();
    }
  return TRUE;
}

/* One decoded line; FALSE with @error set when it stops the reader. */
static gboolean
read_line (TextState   *state,
           const char  *line,
           guint        number,
           GError     **error)
{
  TaiouEmocheckReport *report = state->report;
  const char *value;

  if (*line == '\0' || g_str_has_prefix (line, "____"))
    return TRUE;
  if (is_header (line))
    {
      g_free (report->version);
      report->version = g_strndup (line + 11, strlen (line) - 12);
      state->have_header = TRUE;
      return TRUE;
    }
  if (!state->have_header)
    {
      g_autofree char *quoted = quote_line (line);
      g_autofree char *why = g_strdup_printf (_("expected the “[EmoCheck v…]” header, found %s"),
                                              quoted);

      return _taiou_emocheck_line_error (error, state->file_name, number, why);
    }
  if ((value = any_labelled_value (line, scan_time_labels_en_ja)) != NULL)
    replace_string (&report->scan_time, value);
  else if ((value = any_labelled_value (line, scan_time_labels_fr)) != NULL)
    {
      replace_string (&report->scan_time, value);
      state->ansi_code_page = "CP850";
    }
  else if (is_sentence (line, detected_lines) || is_sentence (line, clean_lines))
    {
      gboolean infected = is_sentence (line, detected_lines);

      if (state->have_result && report->infected != infected)
        return _taiou_emocheck_line_error (error, state->file_name, number,
                                           _("this result contradicts an earlier one"));
      state->have_result = TRUE;
      report->infected = infected;
    }
  else
    {
      for (guint i = 0; i < G_N_ELEMENTS (field_labels); i++)
        if ((value = labelled_value (line, field_labels[i].label)) != NULL)
          return read_field (state, field_labels[i].field, value, number, error);
    }
  return TRUE;
}

/* v2.0 wrote its own label in UTF-8 and the value after it in the OEM code page, so the two
 * halves of "label : value" are decoded apart.  0x3A (':') is never the second byte of a CP932
 * character, so the first one always ends the label. */
static char *
decode_line (const char *bytes,
             gsize       length,
             const char *ansi_code_page)
{
  const char *colon = memchr (bytes, ':', length);
  gsize label_length = colon != NULL ? (gsize) (colon - bytes) + 1 : length;
  g_autofree char *label = _taiou_emocheck_decode (bytes, label_length, ansi_code_page);
  g_autofree char *value = NULL;

  if (label == NULL)
    return NULL;
  value = _taiou_emocheck_decode (bytes + label_length, length - label_length, ansi_code_page);
  if (value == NULL)
    return NULL;
  return g_strconcat (label, value, NULL);
}

gboolean
_taiou_emocheck_parse_text (TaiouEmocheckReport  *report,
                            const char           *file_name,
                            const char           *data,
                            gsize                 length,
                            GError              **error)
{
  TextState state = { report, file_name, NULL, FALSE, FALSE, "CP932" };
  const char *end = data + length;
  const char *start = data;
  guint number = 0;

  if (length >= 3 && memcmp (data, "\xef\xbb\xbf", 3) == 0)
    start += 3;
  while (start < end)
    {
      const char *newline = memchr (start, '\n', (gsize) (end - start));
      const char *stop = newline != NULL ? newline : end;
      g_autofree char *line = NULL;

      number++;
      line = decode_line (start, (gsize) (stop - start), state.ansi_code_page);
      if (line == NULL)
        {
          g_autofree char *why = g_strdup_printf (_("the text is neither UTF-8 nor %s"),
                                                  state.ansi_code_page);

          return _taiou_emocheck_line_error (error, file_name, number, why);
        }
      g_strstrip (line);
      if (!read_line (&state, line, number, error))
        return FALSE;
      start = newline != NULL ? newline + 1 : end;
    }

  if (!state.have_header)
    return _taiou_emocheck_line_error (error, file_name, MAX (number, 1),
                                       _("the report ends before the “[EmoCheck v…]” header"));
  if (report->scan_time == NULL)
    return _taiou_emocheck_line_error (error, file_name, number,
                                       _("the report ends without its scan time"));
  if (!state.have_result)
    return _taiou_emocheck_line_error (error, file_name, number,
                                       _("the report ends without its result"));
  if (report->infected && report->processes->len == 0)
    return _taiou_emocheck_line_error (error, file_name, number,
                                       _("Emotet was reported but no process is listed"));
  return TRUE;
}
