/* taiou-ioc-formats.c — readers for the IOC file formats Taiou merges into one set
 *
 * Loki's hash, file-name and C2 files; abuse.ch's Feodo Tracker (JSON and CSV), MalwareBazaar
 * (recent CSV and plain SHA-256 lists) and URLhaus (CSV); and Taiou's own JSON, whose readers
 * are in taiou-ioc-formats-json.c.  Every file may be hostile: line formats are streamed with a
 * line-length cap, JSON has a size cap, and a line that cannot be used is counted and named
 * ("file:line: why") without failing the file.
 */
#define G_LOG_DOMAIN "taiou-ioc-formats"

#include "config.h"

#include <errno.h>
#include <glib/gi18n-lib.h>
#include <stdio.h>
#include <string.h>

#include "taiou-ioc-formats-private.h"

#define MAX_LINE_LENGTH (64 * 1024)

enum { MB_SHA256, MB_MD5, MB_SHA1, MB_SIGNATURE };

void
_taiou_ioc_problem (LoadContext *ctx,
                    const char  *format,
                    ...)
{
  va_list args;
  g_autofree char *why = NULL;

  ctx->report->n_bad++;
  if (ctx->report->problems->len >= TAIOU_IOC_MAX_PROBLEMS)
    return;
  va_start (args, format);
  why = g_strdup_vprintf (format, args);
  va_end (args);
  if (ctx->problem_lines != NULL)
    {
      g_array_append_val (ctx->problem_lines, ctx->line_number);
      g_ptr_array_add (ctx->report->problems, g_steal_pointer (&why));
      return;
    }
  g_ptr_array_add (ctx->report->problems,
                   g_strdup_printf ("%s:%u: %s", ctx->name, ctx->line_number, why));
}

void
_taiou_ioc_loaded (LoadContext *ctx)
{
  ctx->report->n_loaded++;
}

/* abuse.ch marks whether an indicator is still active. */
int
_taiou_ioc_score_for_status (const char *status)
{
  return status != NULL && g_ascii_strcasecmp (status, "online") == 0 ? SCORE_ONLINE
                                                                      : SCORE_OFFLINE;
}

static gboolean
parse_score (const char *text,
             int        *score)
{
  guint64 value;

  if (!g_ascii_string_to_unsigned (text, 10, 0, 100, &value, NULL))
    return FALSE;
  *score = (int) value;
  return TRUE;
}

/* Splits one CSV line: fields may be "quoted", with "" for a quote inside. */
static GStrv
split_csv (const char *line)
{
  g_autoptr(GStrvBuilder) fields = g_strv_builder_new ();
  g_autoptr(GString) field = g_string_new (NULL);
  gboolean quoted = FALSE;

  for (const char *p = line; ; p++)
    {
      if (*p == '\0' || (*p == ',' && !quoted))
        {
          g_strv_builder_add (fields, g_strstrip (field->str));
          g_string_truncate (field, 0);
          if (*p == '\0')
            break;
        }
      else if (*p == '"')
        {
          if (quoted && p[1] == '"')
            {
              g_string_append_c (field, '"');
              p++;
            }
          else
            quoted = !quoted;
        }
      else
        g_string_append_c (field, *p);
    }
  return g_strv_builder_end (fields);
}

static const char *
field (GStrv  fields,
       int    index)
{
  return index >= 0 && (guint) index < g_strv_length (fields) ? fields[index] : NULL;
}

/* Parses a score of 0–100 from the text between @start and @end, spaces around allowed. */
static gboolean
parse_score_between (const char *start,
                     const char *end,
                     int        *score)
{
  int value = 0;
  guint digits = 0;

  while (start < end && *start == ' ')
    start++;
  while (end > start && end[-1] == ' ')
    end--;
  for (; start < end; start++, digits++)
    {
      if (!g_ascii_isdigit (*start) || digits == 3)
        return FALSE;
      value = value * 10 + (*start - '0');
    }
  if (digits == 0 || value > 100)
    return FALSE;
  *score = value;
  return TRUE;
}

/* To the set, or to the batch of a parallel load's part. */
static gboolean
add_hash_hex (LoadContext *ctx,
              const char  *hex,
              gsize        length,
              int          score,
              const char  *description)
{
  if (ctx->batch != NULL)
    return _taiou_ioc_batch_add_hash_hex (ctx->batch, hex, length, score, description);
  return _taiou_ioc_set_add_hash_hex (ctx->set, hex, length, score, description);
}

/* Leading blanks are skipped by moving the pointer, not the text as g_strchug() would. */
static char *
skip_blanks (char *text)
{
  while (g_ascii_isspace (*text))
    text++;
  return text;
}

/* Loki: HASH;DESC or HASH;SCORE;DESC; MD5, SHA-1 or SHA-256 by length.  Parsed in place, without
 * allocating: hash lists have millions of lines.  @line is stripped and @length long. */
static void
read_loki_hash (LoadContext *ctx,
                char        *line,
                gsize        length)
{
  char *first = memchr (line, ';', length);
  char *second = first != NULL ? memchr (first + 1, ';', (gsize) (line + length - first - 1))
                               : NULL;
  char *hash_end = first != NULL ? first : line + length;
  char *description_field = NULL;
  const char *description = ctx->name;
  int score = TAIOU_IOC_DEFAULT_SCORE;
  gboolean added;

  while (hash_end > line && hash_end[-1] == ' ')
    hash_end--;

  /* HASH;SCORE;DESC when the middle field is a score; otherwise all after the hash is the
   * description, semicolons included.  The line's end is already stripped. */
  if (second != NULL && parse_score_between (first + 1, second, &score))
    description_field = second + 1;
  else if (first != NULL)
    description_field = first + 1;
  if (description_field != NULL)
    description = skip_blanks (description_field);

  added = ctx->false_positives
          ? _taiou_ioc_set_add_false_positive (ctx->set, line, (gsize) (hash_end - line))
          : add_hash_hex (ctx, line, (gsize) (hash_end - line), score, description);
  if (added)
    _taiou_ioc_loaded (ctx);
  else
    {
      /* The message quotes the line as g_strstrip() on the description used to leave it. */
      if (description_field != NULL)
        g_strchug (description_field);
      _taiou_ioc_problem (ctx, _("“%.80s” is not an MD5, SHA-1 or SHA-256 hash"), line);
    }
}

/* Loki: REGEX;SCORE[;FALSE_POSITIVE_REGEX], described by the "# comment" above it. */
static void
read_loki_file_name (LoadContext *ctx,
                     char        *line)
{
  g_auto(GStrv) parts = g_strsplit (line, ";", 3);
  g_autoptr(GError) error = NULL;
  int score;

  if (parts[1] == NULL || !parse_score (g_strstrip (parts[1]), &score))
    {
      _taiou_ioc_problem (ctx, _("expected REGEX;SCORE[;FALSE_POSITIVE_REGEX]"));
      return;
    }
  if (_taiou_ioc_set_add_file_name (ctx->set, parts[0], score, parts[2],
                                    ctx->comment != NULL ? ctx->comment : parts[0], &error))
    _taiou_ioc_loaded (ctx);
  else
    _taiou_ioc_problem (ctx, _("bad regular expression: %s"), error->message);
}

/* Loki: server[;score] — an IP address, a network (CIDR) or a domain. */
static void
read_loki_c2 (LoadContext *ctx,
              char        *line)
{
  g_auto(GStrv) parts = g_strsplit (line, ";", 2);
  const char *server = g_strstrip (parts[0]);
  int score = TAIOU_IOC_DEFAULT_SCORE;

  if (parts[1] != NULL && !parse_score (g_strstrip (parts[1]), &score))
    {
      _taiou_ioc_problem (ctx, _("the score must be a number from 0 to 100"));
      return;
    }
  if (_taiou_ioc_set_add_network (ctx->set, server, score, ctx->name) ||
      _taiou_ioc_set_add_domain (ctx->set, server, score, ctx->name))
    _taiou_ioc_loaded (ctx);
  else
    _taiou_ioc_problem (ctx, _("“%.80s” is not an IP address, a network or a domain"), server);
}

/* Feodo Tracker CSV: first_seen_utc,dst_ip,dst_port,c2_status,last_online,malware */
static void
read_feodo_csv (LoadContext *ctx,
                char        *line)
{
  g_auto(GStrv) fields = split_csv (line);
  g_autofree char *description = NULL;

  if (g_strcmp0 (field (fields, 1), "dst_ip") == 0)
    return; /* the header */
  if (g_strv_length (fields) < 6)
    {
      _taiou_ioc_problem (ctx, _("expected 6 fields, found %u"), g_strv_length (fields));
      return;
    }
  description = g_strdup_printf ("Feodo Tracker: %s C2 (port %s)", fields[5], fields[2]);
  if (_taiou_ioc_set_add_network (ctx->set, fields[1],
                                  _taiou_ioc_score_for_status (fields[3]),
                                  description))
    _taiou_ioc_loaded (ctx);
  else
    _taiou_ioc_problem (ctx, _("“%.80s” is not an IP address"), fields[1]);
}

/* MalwareBazaar's header is a comment: # "first_seen_utc","sha256_hash",… */
static void
read_malwarebazaar_header (LoadContext *ctx,
                           const char  *comment)
{
  g_auto(GStrv) names = NULL;
  const char *wanted[] = { "sha256_hash", "md5_hash", "sha1_hash", "signature" };

  if (strstr (comment, "sha256_hash") == NULL)
    return;
  names = split_csv (comment);
  for (guint w = 0; w < G_N_ELEMENTS (wanted); w++)
    for (guint i = 0; names[i] != NULL; i++)
      if (g_strcmp0 (names[i], wanted[w]) == 0)
        ctx->columns[w] = (int) i;
}

static gboolean
is_listed_family (const char * const *families,
                  const char         *signature)
{
  for (guint i = 0; families[i] != NULL; i++)
    if (g_ascii_strcasecmp (families[i], signature) == 0)
      return TRUE;
  return FALSE;
}

static void
read_malwarebazaar_csv (LoadContext *ctx,
                        char        *line)
{
  g_auto(GStrv) fields = split_csv (line);
  const char *signature = field (fields, ctx->columns[MB_SIGNATURE]);
  g_autofree char *description = NULL;
  guint added = 0;

  if (signature == NULL || signature[0] == '\0' || g_strcmp0 (signature, "n/a") == 0)
    signature = "unknown";
  if (ctx->families != NULL && !is_listed_family (ctx->families, signature))
    return; /* another family: a good line, just not one the caller follows */
  description = g_strdup_printf ("MalwareBazaar: %s", signature);
  for (guint c = MB_SHA256; c <= MB_SHA1; c++)
    {
      const char *hash = field (fields, ctx->columns[c]);

      if (hash != NULL && _taiou_ioc_set_add_hash_hex (ctx->set, hash, strlen (hash),
                                                       TAIOU_IOC_DEFAULT_SCORE, description))
        added++;
    }
  if (added > 0)
    _taiou_ioc_loaded (ctx);
  else
    _taiou_ioc_problem (ctx, _("no hash in the expected columns"));
}

static void
read_sha256_list (LoadContext *ctx,
                  char        *line,
                  gsize        length)
{
  if (length == 64 && add_hash_hex (ctx, line, 64, TAIOU_IOC_DEFAULT_SCORE, ctx->name))
    _taiou_ioc_loaded (ctx);
  else
    _taiou_ioc_problem (ctx, _("“%.80s” is not a SHA-256 hash"), line);
}

/* URLhaus CSV: id,dateadded,url,url_status,last_online,threat,tags,urlhaus_link,reporter */
static void
read_urlhaus_csv (LoadContext *ctx,
                  char        *line)
{
  g_auto(GStrv) fields = split_csv (line);
  g_autofree char *description = NULL;

  if (g_strcmp0 (field (fields, 2), "url") == 0)
    return; /* the header */
  if (g_strv_length (fields) < 7)
    {
      _taiou_ioc_problem (ctx, _("expected at least 7 fields, found %u"), g_strv_length (fields));
      return;
    }
  description = fields[6][0] != '\0'
                ? g_strdup_printf ("URLhaus: %s (%s)", fields[5], fields[6])
                : g_strdup_printf ("URLhaus: %s", fields[5]);
  if (_taiou_ioc_set_add_url (ctx->set, fields[2],
                              _taiou_ioc_score_for_status (fields[3]),
                              description))
    _taiou_ioc_loaded (ctx);
  else
    _taiou_ioc_problem (ctx, _("“%.80s” is not a URL"), fields[2]);
}

/* Most lines are ASCII; checking that eight bytes at a time is much cheaper than full UTF-8
 * validation. */
static gboolean
is_valid_text (const char *line,
               gsize       length)
{
  gsize i = 0;

  for (; i + 8 <= length; i += 8)
    {
      guint64 word;

      memcpy (&word, line + i, sizeof word);
      if (word & G_GUINT64_CONSTANT (0x8080808080808080))
        break;
    }
  for (; i < length; i++)
    if ((guchar) line[i] >= 0x80)
      return g_utf8_validate (line + i, (gssize) (length - i), NULL);
  return TRUE;
}

/* g_strstrip() without moving the text; returns the start and sets @length. */
static char *
strip_line (char  *line,
            gsize *length)
{
  char *end = line + *length;

  while (end > line && g_ascii_isspace (end[-1]))
    end--;
  *end = '\0';
  while (line < end && g_ascii_isspace (*line))
    line++;
  *length = (gsize) (end - line);
  return line;
}

/* One complete line of @length bytes, without its end-of-line characters and without NUL bytes;
 * @line[@length] is writable. */
static void
read_line (LoadContext    *ctx,
           TaiouIocFormat  format,
           char           *line,
           gsize           length)
{
  line = strip_line (line, &length);
  if (length == 0)
    return;
  if (line[0] == '#')
    {
      g_free (ctx->comment);
      ctx->comment = g_strdup (g_strstrip (line + 1));
      if (format == TAIOU_IOC_FORMAT_MALWAREBAZAAR_CSV)
        read_malwarebazaar_header (ctx, ctx->comment);
      return;
    }
  if (format != TAIOU_IOC_FORMAT_LOKI_FILENAME && !is_valid_text (line, length))
    {
      _taiou_ioc_problem (ctx, _("not valid UTF-8 text"));
      return;
    }

  switch (format)
    {
    case TAIOU_IOC_FORMAT_LOKI_HASH:
      read_loki_hash (ctx, line, length);
      break;
    case TAIOU_IOC_FORMAT_LOKI_FILENAME:
      read_loki_file_name (ctx, line);
      break;
    case TAIOU_IOC_FORMAT_LOKI_C2:
      read_loki_c2 (ctx, line);
      break;
    case TAIOU_IOC_FORMAT_FEODO_CSV:
      read_feodo_csv (ctx, line);
      break;
    case TAIOU_IOC_FORMAT_MALWAREBAZAAR_CSV:
      read_malwarebazaar_csv (ctx, line);
      break;
    case TAIOU_IOC_FORMAT_SHA256_LIST:
      read_sha256_list (ctx, line, length);
      break;
    case TAIOU_IOC_FORMAT_URLHAUS_CSV:
      read_urlhaus_csv (ctx, line);
      break;
    case TAIOU_IOC_FORMAT_AUTO:
    case TAIOU_IOC_FORMAT_FEODO_JSON:
    case TAIOU_IOC_FORMAT_TAIOU_JSON:
    default:
      g_assert_not_reached ();
    }
}

/* One line ends: read it unless it was too long or holds a NUL byte. */
static void
end_line (LoadContext    *ctx,
          TaiouIocFormat  format,
          char           *line,
          gsize           length)
{
  ctx->line_number++;
  if (ctx->skipping)
    _taiou_ioc_problem (ctx, _("line longer than %d bytes"), MAX_LINE_LENGTH);
  else if (memchr (line, '\0', length) != NULL)
    _taiou_ioc_problem (ctx, _("the line contains a NUL byte"));
  else
    read_line (ctx, format, line, length);
  ctx->skipping = FALSE;
}

/* Feeds a chunk; complete lines are read, the rest waits for the next chunk.  Lines that lie
 * whole in the chunk are read where they are (the chunk is ours to write to): copying each
 * line first was a tenth of loading a million hashes. */
void
_taiou_ioc_feed_lines (LoadContext    *ctx,
                       TaiouIocFormat  format,
                       char           *data,
                       gsize           length)
{
  char *end = data + length;

  while (data < end)
    {
      char *newline = memchr (data, '\n', (gsize) (end - data));
      gsize piece = (gsize) ((newline != NULL ? newline : end) - data);

      if (newline != NULL && ctx->partial->len == 0 && !ctx->skipping &&
          piece <= MAX_LINE_LENGTH)
        {
          *newline = '\0';
          end_line (ctx, format, data, piece);
          data = newline + 1;
          continue;
        }

      if (!ctx->skipping && ctx->partial->len + piece > MAX_LINE_LENGTH)
        {
          /* Drop the rest of an overlong line instead of buffering it. */
          g_string_truncate (ctx->partial, 0);
          ctx->skipping = TRUE;
        }
      if (!ctx->skipping)
        g_string_append_len (ctx->partial, data, (gssize) piece);
      if (newline == NULL)
        break;

      end_line (ctx, format, ctx->partial->str, ctx->partial->len);
      g_string_truncate (ctx->partial, 0);
      data = newline + 1;
    }
}

void
_taiou_ioc_finish_lines (LoadContext    *ctx,
                         TaiouIocFormat  format)
{
  char newline[] = "\n";

  if (ctx->partial->len > 0 || ctx->skipping)
    _taiou_ioc_feed_lines (ctx, format, newline, 1);
}

static TaiouIocLoadReport *
report_new (const char     *source,
            TaiouIocFormat  format)
{
  TaiouIocLoadReport *report = g_new0 (TaiouIocLoadReport, 1);

  report->source = g_strdup (source);
  report->format = format;
  report->problems = g_ptr_array_new_with_free_func (g_free);
  return report;
}

void
_taiou_ioc_context_init (LoadContext        *ctx,
                         TaiouIocSet        *set,
                         TaiouIocLoadReport *report,
                         const char         *name)
{
  g_autofree char *lower = g_ascii_strdown (name, -1);

  memset (ctx, 0, sizeof *ctx);
  ctx->set = set;
  ctx->report = report;
  ctx->name = name;
  ctx->false_positives = strstr (lower, "falsepositive") != NULL;
  ctx->partial = g_string_new (NULL);
  /* MalwareBazaar's documented column order, until a header says otherwise. */
  ctx->columns[MB_SHA256] = 1;
  ctx->columns[MB_MD5] = 2;
  ctx->columns[MB_SHA1] = 3;
  ctx->columns[MB_SIGNATURE] = 8;
}

void
_taiou_ioc_context_clear (LoadContext *ctx)
{
  g_free (ctx->comment);
  g_string_free (ctx->partial, TRUE);
}

static gboolean
is_json_format (TaiouIocFormat format)
{
  return format == TAIOU_IOC_FORMAT_FEODO_JSON || format == TAIOU_IOC_FORMAT_TAIOU_JSON;
}

static TaiouIocLoadReport *
unknown_format (const char  *name,
                GError     **error)
{
  g_set_error (error, TAIOU_IOC_ERROR, TAIOU_IOC_ERROR_FORMAT,
               _("Could not tell the format of %s; name it explicitly"), name);
  return NULL;
}

/**
 * taiou_ioc_set_load_data:
 * @source: a name for problems and descriptions, e.g. the file name
 * @format: the format, or %TAIOU_IOC_FORMAT_AUTO to detect it
 *
 * Merges the indicators in @data into the set.
 *
 * Returns: (transfer full): what was loaded and which lines could not be used; NULL with
 *   @error set when the data as a whole cannot be read in that format
 */
TaiouIocLoadReport *
taiou_ioc_set_load_data (TaiouIocSet     *self,
                         const char      *source,
                         const char      *data,
                         gsize            length,
                         TaiouIocFormat   format,
                         GError         **error)
{
  return taiou_ioc_set_load_data_families (self, source, data, length, format, NULL, error);
}

/**
 * taiou_ioc_set_load_data_families:
 * @families: (nullable): for MalwareBazaar's CSV, the signatures (malware families) to keep,
 *   compared without regard to case; the other rows are skipped without being counted as
 *   problems.  NULL keeps every row; other formats ignore it.
 *
 * Like taiou_ioc_set_load_data(): the feeds follow only some families of MalwareBazaar's
 * list of recent samples.
 */
TaiouIocLoadReport *
taiou_ioc_set_load_data_families (TaiouIocSet         *self,
                                  const char          *source,
                                  const char          *data,
                                  gsize                length,
                                  TaiouIocFormat       format,
                                  const char * const  *families,
                                  GError             **error)
{
  g_autoptr(TaiouIocLoadReport) report = NULL;
  g_autofree char *name = NULL;
  LoadContext ctx;
  gboolean ok = TRUE;

  g_return_val_if_fail (TAIOU_IS_IOC_SET (self), NULL);
  g_return_val_if_fail (source != NULL, NULL);
  g_return_val_if_fail (data != NULL || length == 0, NULL);

  name = g_path_get_basename (source);
  if (format == TAIOU_IOC_FORMAT_AUTO)
    format = taiou_ioc_format_detect (source, data, length);
  if (format == TAIOU_IOC_FORMAT_AUTO)
    return unknown_format (name, error);

  report = report_new (source, format);
  _taiou_ioc_context_init (&ctx, self, report, name);
  ctx.families = families;
  if (is_json_format (format))
    ok = _taiou_ioc_read_json (&ctx, format, data, length, error);
  else
    {
      /* The lines are read in place, so in a copy: a chunk at a time, not the whole data. */
      g_autofree char *chunk = g_malloc (MIN (length, READ_CHUNK_SIZE) + 1);

      for (gsize offset = 0; offset < length; offset += READ_CHUNK_SIZE)
        {
          gsize n = MIN (length - offset, READ_CHUNK_SIZE);

          memcpy (chunk, data + offset, n);
          _taiou_ioc_feed_lines (&ctx, format, chunk, n);
        }
      _taiou_ioc_finish_lines (&ctx, format);
    }
  _taiou_ioc_context_clear (&ctx);
  _taiou_ioc_set_commit (self);

  return ok ? g_steal_pointer (&report) : NULL;
}

/**
 * taiou_ioc_set_load_file:
 *
 * Like taiou_ioc_set_load_data(), reading @path.  Line formats are streamed, so a large list
 * costs only the memory of its indicators; a large plain hash list is read by one thread per
 * core (taiou-ioc-formats-parallel.c), with the same result.
 */
TaiouIocLoadReport *
taiou_ioc_set_load_file (TaiouIocSet     *self,
                         const char      *path,
                         TaiouIocFormat   format,
                         GError         **error)
{
  g_autoptr(TaiouIocLoadReport) report = NULL;
  g_autofree char *name = NULL;
  g_autofree char *buffer = NULL;
  LoadContext ctx;
  gboolean read_failed = FALSE;
  FILE *file;
  gsize n;

  g_return_val_if_fail (TAIOU_IS_IOC_SET (self), NULL);
  g_return_val_if_fail (path != NULL, NULL);

  name = g_path_get_basename (path);
  file = fopen (path, "rb");
  if (file == NULL)
    {
      int saved_errno = errno;

      g_set_error (error, TAIOU_IOC_ERROR, TAIOU_IOC_ERROR_READ, _("Could not read %s: %s"),
                   path, g_strerror (saved_errno));
      return NULL;
    }

  buffer = g_malloc (READ_CHUNK_SIZE);
  n = fread (buffer, 1, READ_CHUNK_SIZE, file);
  if (format == TAIOU_IOC_FORMAT_AUTO)
    format = taiou_ioc_format_detect (path, buffer, n);
  if (format == TAIOU_IOC_FORMAT_AUTO)
    {
      fclose (file);
      return unknown_format (name, error);
    }

  if (is_json_format (format))
    {
      g_autofree char *contents = NULL;
      gsize length;

      fclose (file);
      if (!g_file_get_contents (path, &contents, &length, error))
        return NULL;
      return taiou_ioc_set_load_data (self, path, contents, length, format, error);
    }

  report = report_new (path, format);
  _taiou_ioc_context_init (&ctx, self, report, name);
  if (!_taiou_ioc_read_lines_parallel (&ctx, format, fileno (file), &read_failed))
    {
      while (n > 0)
        {
          _taiou_ioc_feed_lines (&ctx, format, buffer, n);
          n = fread (buffer, 1, READ_CHUNK_SIZE, file);
        }
      _taiou_ioc_finish_lines (&ctx, format);
    }
  _taiou_ioc_context_clear (&ctx);

  if (ferror (file) || read_failed)
    {
      g_set_error (error, TAIOU_IOC_ERROR, TAIOU_IOC_ERROR_READ, _("Could not read %s"), path);
      fclose (file);
      _taiou_ioc_set_commit (self);
      return NULL;
    }
  fclose (file);
  _taiou_ioc_set_commit (self);
  return g_steal_pointer (&report);
}
