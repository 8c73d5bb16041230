/* taiou-import-loki.c — the findings in a Loki log (text, CSV) or a Loki-RS JSONL log
 *
 * An IT manager runs Loki (Neo23x0/Loki, Python) or Loki-RS on the PCs and brings back their
 * logs.  Only what Loki flags is kept: ALERT, WARNING and NOTICE lines become findings; the
 * scan's start, end and verdict are kept for context; INFO, DEBUG and ERROR lines are only
 * counted.  Taiou reads, never runs, anything: a log may come from a compromised PC.
 *
 * A log is read as a stream, line by line, so its size does not matter to memory: reading
 * stops after TAIOU_LOKI_MAX_BYTES, and findings past TAIOU_LOKI_MAX_FINDINGS (or the memory
 * they take) are counted but not kept; either way the log is marked truncated and what was
 * read is returned.  Lines longer than TAIOU_LOKI_MAX_LINE are skipped and counted.  Loki and
 * Loki-RS write UTF-8 (Loki opens its log with codecs.open (…, encoding='utf-8')); a line that
 * is not — a log opened and saved again by a spreadsheet on Japanese Windows is in CP932 — is
 * read as CP932, or else repaired with U+FFFD, and counted.
 */
#define G_LOG_DOMAIN "taiou-import-loki"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "taiou-import-loki-private.h"

#define READ_CHUNK (256 * 1024)
/* This many lines of something else before any Loki line, and it is not a Loki log. */
#define MAX_LINES_BEFORE_LOKI 200

typedef struct
{
  TaiouLokiLog    *log;
  TaiouLokiFormat  format;          /* AUTO until a line tells */
  gboolean         forced;
  GString         *pending;         /* a line split over reads */
  gboolean         discarding;      /* inside an over-long line */
  gsize            kept_bytes;
  guint            n_recognised;
  gboolean         gave_up;         /* too much before any Loki line */
} Parser;

const char *
taiou_loki_format_to_string (TaiouLokiFormat format)
{
  switch (format)
    {
    case TAIOU_LOKI_FORMAT_TEXT:
      return "text";
    case TAIOU_LOKI_FORMAT_CSV:
      return "csv";
    case TAIOU_LOKI_FORMAT_JSONL:
      return "jsonl";
    case TAIOU_LOKI_FORMAT_AUTO:
    default:
      return "auto";
    }
}

const char *
taiou_loki_level_to_string (TaiouLokiLevel level)
{
  switch (level)
    {
    case TAIOU_LOKI_LEVEL_ALERT:
      return "ALERT";
    case TAIOU_LOKI_LEVEL_WARNING:
      return "WARNING";
    case TAIOU_LOKI_LEVEL_NOTICE:
    default:
      return "NOTICE";
    }
}

void
taiou_loki_log_free (TaiouLokiLog *log)
{
  if (log == NULL)
    return;
  g_free (log->source_name);
  g_free (log->hostname);
  g_free (log->version);
  g_free (log->scan_start);
  g_free (log->scan_end);
  g_free (log->result);
  g_ptr_array_unref (log->findings);
  g_free (log);
}

/* Returns: whether Loki flagged anything as an alert or a warning (its own "clean" ignores
 * notices, and so does this). */
gboolean
taiou_loki_log_detected (const TaiouLokiLog *log)
{
  g_return_val_if_fail (log != NULL, FALSE);

  return log->n_alerts + log->n_warnings > 0;
}

static void
parser_init (Parser          *parser,
             const char      *source_name,
             TaiouLokiFormat  format)
{
  TaiouLokiLog *log = g_new0 (TaiouLokiLog, 1);

  log->format = format;
  log->source_name = g_strdup (source_name);
  log->hostname = g_strdup ("");
  log->findings = g_ptr_array_new_with_free_func ((GDestroyNotify) _taiou_loki_finding_free);
  *parser = (Parser) {
    .log = log,
    .format = format,
    .forced = format != TAIOU_LOKI_FORMAT_AUTO,
    .pending = g_string_new (NULL),
  };
}

static void
parser_clear (Parser *parser)
{
  g_clear_pointer (&parser->log, taiou_loki_log_free);
  g_string_free (parser->pending, TRUE);
}

static gboolean
parse_entry (TaiouLokiFormat  format,
             const char      *line,
             gsize            length,
             TaiouLokiEntry  *entry)
{
  switch (format)
    {
    case TAIOU_LOKI_FORMAT_TEXT:
      return _taiou_loki_parse_text_line (line, entry);
    case TAIOU_LOKI_FORMAT_CSV:
      return _taiou_loki_parse_csv_line (line, entry);
    case TAIOU_LOKI_FORMAT_JSONL:
      return _taiou_loki_parse_jsonl_line (line, length, entry);
    case TAIOU_LOKI_FORMAT_AUTO:
    default:
      return FALSE;
    }
}

static gboolean
level_is (const char *level,
          const char *name)
{
  return g_ascii_strcasecmp (level, name) == 0;
}

static void
take_scan_start (TaiouLokiLog   *log,
                 TaiouLokiEntry *entry)
{
  log->n_scans++;
  if (log->scan_start == NULL)
    log->scan_start = _taiou_loki_normalize_time (entry->timestamp);
  if (log->version == NULL)
    log->version = _taiou_loki_dup_value (entry->message, "VERSION");
}

/* What an entry means for the log: scan context, a finding, or only a count. */
static void
parser_take_entry (Parser         *parser,
                   TaiouLokiEntry *entry)
{
  TaiouLokiLog *log = parser->log;
  gboolean rust = entry->object != NULL;
  const char *module = entry->module != NULL ? entry->module : "";
  TaiouLokiLevel level;
  TaiouLokiFinding *finding;

  if (log->hostname[0] == '\0' && entry->hostname[0] != '\0')
    {
      g_free (log->hostname);
      log->hostname = g_strdup (entry->hostname);
    }

  if (rust ? g_str_equal (module, "scan_start")
           : g_str_has_prefix (entry->message, "Starting Loki Scan"))
    {
      take_scan_start (log, entry);
      return;
    }
  if (rust ? g_str_equal (module, "scan_end")
           : g_str_has_prefix (entry->message, "Finished LOKI Scan"))
    {
      g_free (log->scan_end);
      log->scan_end = _taiou_loki_normalize_time (entry->timestamp);
      if (rust && log->result == NULL)
        log->result = _taiou_loki_dup_field (entry->message, -1);
      return;
    }
  if (level_is (entry->level, "RESULT"))
    {
      /* The first RESULT line is the verdict; the next ones are advice. */
      if (log->result == NULL)
        log->result = _taiou_loki_dup_field (entry->message, -1);
      return;
    }
  /* Loki's own tally ("Results: 1 alerts, 0 warnings, 3 notices"); this reader counts. */
  if (g_str_equal (module, "Results") && g_str_has_prefix (entry->message, "Results: "))
    return;

  if (level_is (entry->level, "ALERT"))
    {
      level = TAIOU_LOKI_LEVEL_ALERT;
      log->n_alerts++;
    }
  else if (level_is (entry->level, "WARNING"))
    {
      level = TAIOU_LOKI_LEVEL_WARNING;
      log->n_warnings++;
    }
  else if (level_is (entry->level, "NOTICE"))
    {
      level = TAIOU_LOKI_LEVEL_NOTICE;
      log->n_notices++;
    }
  else
    return;

  if (log->findings->len >= TAIOU_LOKI_MAX_FINDINGS ||
      parser->kept_bytes > TAIOU_LOKI_MAX_KEPT_BYTES)
    {
      log->truncated = TRUE;
      return;
    }
  finding = _taiou_loki_finding_new (entry, level, log->n_lines);
  parser->kept_bytes += _taiou_loki_finding_size (finding);
  g_ptr_array_add (log->findings, finding);
}

/* Which format @line is in, trying each. */
static TaiouLokiFormat
detect_format (const char *line,
               gsize       length)
{
  static const TaiouLokiFormat formats[] = {
    TAIOU_LOKI_FORMAT_JSONL, TAIOU_LOKI_FORMAT_TEXT, TAIOU_LOKI_FORMAT_CSV,
  };

  for (guint i = 0; i < G_N_ELEMENTS (formats); i++)
    {
      g_auto(TaiouLokiEntry) entry = { NULL };

      if (parse_entry (formats[i], line, length, &entry))
        return formats[i];
    }
  return TAIOU_LOKI_FORMAT_AUTO;
}

/* @line has no newline; it is not NUL-terminated and may hold anything. */
static void
parser_take_line (Parser     *parser,
                  const char *line,
                  gsize       length)
{
  TaiouLokiLog *log = parser->log;
  g_autofree char *text = NULL;
  g_auto(TaiouLokiEntry) entry = { NULL };

  log->n_lines++;
  if (parser->gave_up)
    return;
  if (log->n_lines == 1 && length >= 3 && memcmp (line, "\xef\xbb\xbf", 3) == 0)
    {
      /* a spreadsheet's byte-order mark */
      line += 3;
      length -= 3;
    }
  if (length > 0 && line[length - 1] == '\r')
    length--;
  if (length == 0)
    return;

  if (g_utf8_validate_len (line, length, NULL))
    text = g_strndup (line, length);
  else
    {
      log->n_not_utf8++;
      if (memchr (line, '\0', length) == NULL)
        text = g_convert (line, (gssize) length, "UTF-8", "CP932", NULL, NULL, NULL);
      if (text == NULL)
        {
          g_autofree char *no_nul = g_memdup2 (line, length);

          for (gsize i = 0; i < length; i++)
            if (no_nul[i] == '\0')
              no_nul[i] = '?';
          text = g_utf8_make_valid (no_nul, (gssize) length);
        }
      length = strlen (text);
    }

  if (parser->format == TAIOU_LOKI_FORMAT_AUTO)
    {
      parser->format = detect_format (text, length);
      if (parser->format == TAIOU_LOKI_FORMAT_AUTO)
        {
          log->n_skipped++;
          parser->gave_up = log->n_skipped >= MAX_LINES_BEFORE_LOKI;
          return;
        }
      log->format = parser->format;
    }
  if (!parse_entry (parser->format, text, length, &entry))
    {
      log->n_skipped++;
      parser->gave_up = parser->n_recognised == 0 && log->n_skipped >= MAX_LINES_BEFORE_LOKI;
      return;
    }
  parser->n_recognised++;
  parser_take_entry (parser, &entry);
}

/* Splits @data into lines, carrying a line cut by the end of @data over to the next call. */
static void
parser_feed (Parser     *parser,
             const char *data,
             gsize       length)
{
  while (length > 0 && !parser->gave_up)
    {
      const char *newline = memchr (data, '\n', length);
      gsize segment = newline != NULL ? (gsize) (newline - data) : length;
      gsize consumed = newline != NULL ? segment + 1 : segment;

      if (parser->discarding)
        {
          if (newline != NULL)
            parser->discarding = FALSE;
        }
      else if (parser->pending->len + segment > TAIOU_LOKI_MAX_LINE)
        {
          parser->log->n_lines++;
          parser->log->n_overlong++;
          g_string_truncate (parser->pending, 0);
          parser->discarding = newline == NULL;
        }
      else if (newline == NULL)
        g_string_append_len (parser->pending, data, segment);
      else if (parser->pending->len == 0)
        parser_take_line (parser, data, segment);
      else
        {
          g_string_append_len (parser->pending, data, segment);
          parser_take_line (parser, parser->pending->str, parser->pending->len);
          g_string_truncate (parser->pending, 0);
        }
      data += consumed;
      length -= consumed;
    }
}

/* Takes the last line (unless reading stopped in its middle) and says whether this was a Loki
 * log at all. */
static TaiouLokiLog *
parser_finish (Parser      *parser,
               const char  *display_name,
               gboolean     cut,
               GError     **error)
{
  TaiouLokiLog *log = parser->log;

  if (!cut && !parser->discarding && parser->pending->len > 0)
    parser_take_line (parser, parser->pending->str, parser->pending->len);
  if (parser->n_recognised == 0)
    {
      if (log->n_bytes == 0)
        g_set_error (error, TAIOU_IMPORT_ERROR, TAIOU_IMPORT_ERROR_FORMAT,
                     _("%s is empty."), display_name);
      else if (parser->forced)
        g_set_error (error, TAIOU_IMPORT_ERROR, TAIOU_IMPORT_ERROR_FORMAT,
                     _("%s is not a Loki log in the %s format: no line is one of Loki’s."),
                     display_name, taiou_loki_format_to_string (parser->format));
      else
        g_set_error (error, TAIOU_IMPORT_ERROR, TAIOU_IMPORT_ERROR_FORMAT,
                     _("%s is not a Loki log: no line is in Loki’s text or CSV format or in "
                       "Loki-RS’s JSONL format."), display_name);
      return NULL;
    }
  return g_steal_pointer (&parser->log);
}

/**
 * taiou_loki_log_parse:
 * @source_name: what to call the log in messages (its file name)
 * @format: the format, or TAIOU_LOKI_FORMAT_AUTO to tell from the first Loki line
 *
 * Returns: (transfer full): the log's findings, or NULL with @error set when no line of @data
 *   is one of Loki's
 */
TaiouLokiLog *
taiou_loki_log_parse (const char       *source_name,
                      const char       *data,
                      gsize             length,
                      TaiouLokiFormat   format,
                      GError          **error)
{
  Parser parser;
  gboolean cut = length > TAIOU_LOKI_MAX_BYTES;
  TaiouLokiLog *log;

  g_return_val_if_fail (source_name != NULL, NULL);
  g_return_val_if_fail (data != NULL || length == 0, NULL);

  parser_init (&parser, source_name, format);
  parser.log->n_bytes = MIN (length, TAIOU_LOKI_MAX_BYTES);
  parser.log->truncated = cut;
  parser_feed (&parser, data, parser.log->n_bytes);
  log = parser_finish (&parser, source_name, cut, error);
  parser_clear (&parser);
  return log;
}

/**
 * taiou_loki_log_load:
 *
 * Reads the log at @path as a stream (see the limits in taiou-import-loki.h).
 *
 * Returns: (transfer full): the log's findings, or NULL with @error set
 */
TaiouLokiLog *
taiou_loki_log_load (const char       *path,
                     TaiouLokiFormat   format,
                     GCancellable     *cancellable,
                     GError          **error)
{
  g_autoptr(GFile) file = NULL;
  g_autoptr(GFileInputStream) stream = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autofree char *buffer = NULL;
  g_autofree char *name = NULL;
  gboolean cut = FALSE;
  TaiouLokiLog *log;
  Parser parser;

  g_return_val_if_fail (path != NULL, NULL);

  file = g_file_new_for_path (path);
  name = g_file_get_basename (file);
  if ((stream = g_file_read (file, cancellable, &local_error)) == NULL)
    {
      g_set_error (error, TAIOU_IMPORT_ERROR, TAIOU_IMPORT_ERROR_READ,
                   _("Could not read %s: %s"), path, local_error->message);
      return NULL;
    }

  parser_init (&parser, name, format);
  buffer = g_malloc (READ_CHUNK);
  while (!parser.gave_up)
    {
      guint64 room = TAIOU_LOKI_MAX_BYTES - parser.log->n_bytes;
      gssize n_read;

      if (room == 0)
        {
          /* Stop here; say so only if there was more to read. */
          n_read = g_input_stream_read (G_INPUT_STREAM (stream), buffer, 1, cancellable, NULL);
          cut = n_read > 0;
          parser.log->truncated |= cut;
          break;
        }
      n_read = g_input_stream_read (G_INPUT_STREAM (stream), buffer, MIN (READ_CHUNK, room),
                                    cancellable, &local_error);
      if (n_read < 0)
        {
          if (g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
            g_propagate_error (error, g_steal_pointer (&local_error));
          else
            g_set_error (error, TAIOU_IMPORT_ERROR, TAIOU_IMPORT_ERROR_READ,
                         _("Could not read %s: %s"), path, local_error->message);
          parser_clear (&parser);
          return NULL;
        }
      if (n_read == 0)
        break;
      parser.log->n_bytes += (guint64) n_read;
      parser_feed (&parser, buffer, (gsize) n_read);
    }
  log = parser_finish (&parser, path, cut, error);
  parser_clear (&parser);
  return log;
}

static void
set_optional_string (JsonObject *object,
                     const char *member,
                     const char *value)
{
  if (value != NULL)
    json_object_set_string_member (object, member, value);
}

/* Returns: (transfer full): the log without its findings, for the record's summary event */
JsonObject *
taiou_loki_log_to_json (const TaiouLokiLog *log)
{
  JsonObject *object = json_object_new ();

  g_return_val_if_fail (log != NULL, NULL);

  json_object_set_string_member (object, "format", taiou_loki_format_to_string (log->format));
  json_object_set_string_member (object, "file", log->source_name);
  json_object_set_string_member (object, "hostname", log->hostname);
  set_optional_string (object, "version", log->version);
  set_optional_string (object, "scan_start", log->scan_start);
  set_optional_string (object, "scan_end", log->scan_end);
  set_optional_string (object, "result", log->result);
  json_object_set_int_member (object, "scans", log->n_scans);
  json_object_set_int_member (object, "alerts", log->n_alerts);
  json_object_set_int_member (object, "warnings", log->n_warnings);
  json_object_set_int_member (object, "notices", log->n_notices);
  json_object_set_int_member (object, "findings_kept", log->findings->len);
  json_object_set_int_member (object, "lines", (gint64) log->n_lines);
  json_object_set_int_member (object, "bytes", (gint64) log->n_bytes);
  json_object_set_int_member (object, "skipped_lines", log->n_skipped);
  json_object_set_int_member (object, "overlong_lines", log->n_overlong);
  json_object_set_int_member (object, "not_utf8_lines", log->n_not_utf8);
  json_object_set_boolean_member (object, "truncated", log->truncated);
  return object;
}

/* Returns: (transfer full): one finding, for its own event */
JsonObject *
taiou_loki_finding_to_json (const TaiouLokiFinding *finding)
{
  JsonObject *object = json_object_new ();
  JsonArray *reasons = json_array_new ();

  g_return_val_if_fail (finding != NULL, NULL);

  json_object_set_string_member (object, "level", taiou_loki_level_to_string (finding->level));
  json_object_set_int_member (object, "line", (gint64) finding->line);
  json_object_set_string_member (object, "timestamp", finding->timestamp);
  json_object_set_string_member (object, "hostname", finding->hostname);
  set_optional_string (object, "module", finding->module);
  json_object_set_string_member (object, "message", finding->message);
  set_optional_string (object, "file_path", finding->file_path);
  set_optional_string (object, "process_name", finding->process_name);
  if (finding->pid >= 0)
    json_object_set_int_member (object, "pid", finding->pid);
  if (finding->score >= 0)
    json_object_set_int_member (object, "score", finding->score);
  set_optional_string (object, "md5", finding->md5);
  set_optional_string (object, "sha1", finding->sha1);
  set_optional_string (object, "sha256", finding->sha256);
  for (guint i = 0; i < finding->reasons->len; i++)
    json_array_add_string_element (reasons, finding->reasons->pdata[i]);
  json_object_set_array_member (object, "reasons", reasons);
  return object;
}
