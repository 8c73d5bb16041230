/* taiou-ioc-format-detect.c — which IOC format a file is in, from its name and first bytes
 *
 * Kept apart from the readers (taiou-ioc-formats.c): telling formats apart is guesswork about
 * names and headers, reading them is not.
 */
#define G_LOG_DOMAIN "taiou-ioc-formats"

#include "config.h"

#include <string.h>

#include "taiou-ioc-formats-private.h"

#define DETECT_HEAD_SIZE 4096

static gboolean
is_hex (const char *text,
        gsize       length)
{
  guint8 scratch[32];

  return length <= 64 && _taiou_hex_decode (text, length, scratch);
}

/**
 * taiou_ioc_format_detect:
 * @source: the file name (Loki's files are told apart by name, as Loki does)
 * @head: the first bytes of the file
 *
 * Returns: the format, or %TAIOU_IOC_FORMAT_AUTO when it cannot be told
 */
TaiouIocFormat
taiou_ioc_format_detect (const char *source,
                         const char *head,
                         gsize       length)
{
  g_autofree char *name = g_ascii_strdown (source != NULL ? source : "", -1);
  g_autofree char *base = g_path_get_basename (name);
  g_autofree char *text = g_strndup (head, MIN (length, DETECT_HEAD_SIZE));
  g_auto(GStrv) lines = NULL;
  const char *start = text;
  const char *first_value = NULL;

  while (g_ascii_isspace (*start))
    start++;
  if (g_str_has_prefix (start, "\xef\xbb\xbf"))
    start += 3;
  if (*start == '{')
    return TAIOU_IOC_FORMAT_TAIOU_JSON;
  if (*start == '[')
    return TAIOU_IOC_FORMAT_FEODO_JSON;

  if (strstr (text, "dst_ip") != NULL)
    return TAIOU_IOC_FORMAT_FEODO_CSV;
  if (strstr (text, "sha256_hash") != NULL)
    return TAIOU_IOC_FORMAT_MALWAREBAZAAR_CSV;
  if (strstr (text, "urlhaus") != NULL || strstr (text, "dateadded") != NULL)
    return TAIOU_IOC_FORMAT_URLHAUS_CSV;

  /* The first line that is not a comment tells hash lists apart whatever their name. */
  lines = g_strsplit (text, "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    {
      char *line = g_strstrip (lines[i]);
      char *semicolon;

      if (line[0] == '\0' || line[0] == '#')
        continue;
      semicolon = strchr (line, ';');
      if (semicolon == NULL && strlen (line) == 64 && is_hex (line, 64))
        return TAIOU_IOC_FORMAT_SHA256_LIST;
      if (semicolon != NULL && is_hex (line, (gsize) (semicolon - line)))
        return TAIOU_IOC_FORMAT_LOKI_HASH;
      if (semicolon != NULL)
        *semicolon = '\0';
      first_value = line;
      break;
    }

  /* Loki tells its files apart by name. */
  if (strstr (base, "falsepositive") != NULL || strstr (base, "hash") != NULL)
    return TAIOU_IOC_FORMAT_LOKI_HASH;
  if (strstr (base, "filename") != NULL)
    return TAIOU_IOC_FORMAT_LOKI_FILENAME;
  if (strstr (base, "c2") != NULL)
    return TAIOU_IOC_FORMAT_LOKI_C2;

  if (first_value != NULL)
    {
      g_autoptr(GInetAddress) address = g_inet_address_new_from_string (first_value);

      if (address != NULL || strchr (first_value, '/') != NULL)
        return TAIOU_IOC_FORMAT_LOKI_C2;
    }
  return TAIOU_IOC_FORMAT_AUTO;
}

const char *
taiou_ioc_format_to_string (TaiouIocFormat format)
{
  static const char * const names[] = {
    "auto", "loki-hash", "loki-filename", "loki-c2", "feodo-json", "feodo-csv",
    "malwarebazaar-csv", "sha256-list", "urlhaus-csv", "taiou-json",
  };

  g_return_val_if_fail ((guint) format < G_N_ELEMENTS (names), "?");
  return names[format];
}
