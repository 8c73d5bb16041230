/* taiou-attachment-archive.c — zip (and OOXML), 7z, rar and ISO 9660 through libarchive
 *
 * One reader for every zip-shaped file, OOXML included, so the encryption flag, the member
 * and byte limits and streaming apply the same everywhere.  libarchive reads from the spool
 * through callbacks, so an elided zero tail is served as zeros without ever being stored.
 * Encrypted members are never decrypted — not even with a password the mail gives: their
 * names are judged, and the encryption itself is a finding (antivirus cannot see inside).
 * Only libarchive's built-in formats are enabled: the "all filters" set would hand data to
 * external programs (lrzip, lzop…), which this module never does.
 */
#define G_LOG_DOMAIN "taiou-attachment"

#include "config.h"

#include <archive.h>
#include <archive_entry.h>
#include <locale.h>
#include <string.h>

#include "taiou-attachment-private.h"

#define READ_CHUNK (64 * 1024)
#define MAX_CONTENT_TYPES (1024 * 1024)
#define MAX_EVIDENCE_NAMES 8

typedef struct
{
  TaiouSpool *spool;
  guint64     offset;
  guint64     length;
} Source;

static la_ssize_t
source_read (struct archive  *archive,
             void            *user_data,
             const void     **buffer)
{
  Source *source = user_data;
  const guint8 *data = NULL;
  gsize n = _taiou_spool_read_at (source->spool, source->offset, &data, 1024 * 1024);

  source->offset += n;
  *buffer = data;
  return (la_ssize_t) n;
}

static la_int64_t
source_seek (struct archive *archive,
             void           *user_data,
             la_int64_t      offset,
             int             whence)
{
  Source *source = user_data;
  gint64 base = whence == SEEK_SET ? 0 : whence == SEEK_CUR ? (gint64) source->offset
                                                            : (gint64) source->length;

  if ((offset > 0 && base > G_MAXINT64 - offset) || base + offset < 0)
    return ARCHIVE_FATAL;
  source->offset = MIN ((guint64) (base + offset), source->length);
  return (la_int64_t) source->offset;
}

static la_int64_t
source_skip (struct archive *archive,
             void           *user_data,
             la_int64_t      request)
{
  Source *source = user_data;
  guint64 n;

  if (request <= 0)
    return 0;
  n = MIN ((guint64) request, source->length - source->offset);
  source->offset += n;
  return (la_int64_t) n;
}

/* libarchive converts member names into the charset of the calling thread's locale; a process
 * that never called setlocale() (or runs in "C") would lose every Japanese name.  The walk runs
 * under C.UTF-8 for this thread only, whatever the process uses. */
static locale_t
utf8_locale (void)
{
  static locale_t locale;
  static gsize initialized;

  if (g_once_init_enter (&initialized))
    {
      locale = newlocale (LC_CTYPE_MASK, "C.UTF-8", (locale_t) 0);
      g_once_init_leave (&initialized, 1);
    }
  return locale;
}

static void
enable_format (struct archive      *archive,
               TaiouAttachmentType  type)
{
  switch (type)
    {
    case TAIOU_ATTACHMENT_TYPE_7Z:
      archive_read_support_format_7zip (archive);
      break;
    case TAIOU_ATTACHMENT_TYPE_RAR:
      archive_read_support_format_rar (archive);
      archive_read_support_format_rar5 (archive);
      break;
    case TAIOU_ATTACHMENT_TYPE_ISO:
      archive_read_support_format_iso9660 (archive);
      break;
    default:
      /* No "hdrcharset": a name without the UTF-8 flag comes through as its raw bytes, and
       * entry_name() decides its charset by what the bytes are. */
      archive_read_support_format_zip (archive);
      break;
    }
}

static char *
error_text (struct archive *archive)
{
  const char *message = archive_error_string (archive);

  return g_strdup (message != NULL ? message : "unknown libarchive error");
}

/* A zip member's name is UTF-8 when the zip's UTF-8 flag (bit 11) says so, but many programs
 * write UTF-8 without the flag (Windows' own zip on a UTF-8 system, 7-Zip, macOS, Python), while
 * Windows on a Japanese PC writes CP932 without it.  As 7-Zip does, the bytes decide: a name that
 * is valid UTF-8 is UTF-8 (CP932 text with its two-byte characters is almost never valid UTF-8),
 * anything else is read as CP932; what neither decodes keeps U+FFFD in place of its bad bytes.
 * Flagged names and those of other formats reach us already in UTF-8 (the walk runs under
 * C.UTF-8), so the same rule keeps them as they are. */
static char *
decode_member_name (const char *raw)
{
  g_autofree char *cp932 = NULL;

  if (g_utf8_validate (raw, -1, NULL))
    return g_strdup (raw);
  cp932 = g_convert (raw, -1, "UTF-8", "CP932", NULL, NULL, NULL);
  if (cp932 != NULL && g_utf8_validate (cp932, -1, NULL))
    return g_steal_pointer (&cp932);
  return g_utf8_make_valid (raw, -1);
}

static char *
entry_name (struct archive_entry *entry,
            guint                 index)
{
  /* The raw bytes: archive_entry_pathname_utf8() would drop a name that is not in the
   * locale's charset. */
  const char *name = archive_entry_pathname (entry);

  if (name == NULL)
    name = archive_entry_pathname_utf8 (entry);
  if (name == NULL || name[0] == '\0')
    return g_strdup_printf ("member-%u", index);
  return decode_member_name (name);
}

/* A member libarchive cannot read without its password: only its name and size are known. */
static void
inspect_encrypted (TaiouAttachmentWalk   *walk,
                   TaiouAttachmentReport *report,
                   const char            *name,
                   struct archive_entry  *entry)
{
  TaiouAttachmentReport *child = _taiou_attachment_report_new (name, report);
  TaiouSpool spool;

  g_ptr_array_add (report->members, child);
  _taiou_spool_init (&spool, 0);
  _taiou_spool_finish (&spool, FALSE);
  _taiou_attachment_inspect (walk, child, &spool);
  _taiou_spool_clear (&spool);
  child->encrypted = TRUE;
  if (archive_entry_size_is_set (entry) && archive_entry_size (entry) > 0)
    child->size = (guint64) archive_entry_size (entry);
}

/* Reads one member through its own spool; FALSE when libarchive could not. */
static gboolean
inspect_member (TaiouAttachmentWalk   *walk,
                TaiouAttachmentReport *report,
                struct archive        *archive,
                const char            *name,
                GByteArray           **content_types)
{
  TaiouAttachmentReport *child = _taiou_attachment_report_new (name, report);
  g_autofree guint8 *buffer = g_malloc (READ_CHUNK);
  gboolean complete = FALSE;
  gboolean readable = TRUE;
  TaiouSpool spool;

  g_ptr_array_add (report->members, child);
  _taiou_spool_init (&spool, walk->limits.max_member_bytes);
  for (;;)
    {
      la_ssize_t n = archive_read_data (archive, buffer, READ_CHUNK);

      if (n == 0)
        {
          complete = TRUE;
          break;
        }
      if (n < 0)
        {
          readable = FALSE;
          break;
        }
      if (!_taiou_attachment_spend (walk, child, (gsize) n))
        break;
      _taiou_spool_feed (&spool, buffer, (gsize) n);
    }
  _taiou_spool_finish (&spool, complete);
  _taiou_attachment_inspect (walk, child, &spool);

  /* OPC part names compare without case (ECMA-376 part 2, 9.1.1.1). */
  if (g_ascii_strcasecmp (name, "[Content_Types].xml") == 0 && *content_types == NULL)
    {
      const guint8 *data;
      gsize length;

      data = _taiou_spool_get_data (&spool, &length);
      *content_types = g_byte_array_new ();
      if (data != NULL)
        g_byte_array_append (*content_types, data, (guint) MIN (length, MAX_CONTENT_TYPES));
    }
  _taiou_spool_clear (&spool);
  return readable;
}

static void
report_encrypted (TaiouAttachmentWalk   *walk,
                  TaiouAttachmentReport *report,
                  GPtrArray             *encrypted)
{
  const char *body = walk->context != NULL ? walk->context->body_text : NULL;
  g_autoptr(GString) names = g_string_new (NULL);
  g_autofree char *evidence = NULL;
  g_autofree char *password = NULL;
  g_autofree char *line = NULL;

  for (guint i = 0; i < encrypted->len && i < MAX_EVIDENCE_NAMES; i++)
    {
      g_autofree char *escaped = _taiou_attachment_escape_name (encrypted->pdata[i]);

      g_string_append_printf (names, "%s%s", i > 0 ? ", " : "", escaped);
    }
  if (encrypted->len > MAX_EVIDENCE_NAMES)
    g_string_append_printf (names, " (+%u more)", encrypted->len - MAX_EVIDENCE_NAMES);
  if (encrypted->len == 0)
    g_string_append (names, "(names unreadable)");

  evidence = g_strdup_printf ("%s archive with encrypted members: %s",
                              taiou_attachment_type_to_string (report->type), names->str);
  _taiou_attachment_add_finding (report, "attachment.encrypted-zip", 60, evidence,
                                 "パスワード付きの圧縮ファイルです。ウイルス対策ソフトは中身を検査できない"
                                 "ため、攻撃メールでよく使われます。送り主に電話などメール以外の方法で確認"
                                 "できるまで開かないでください。",
                                 "This is a password-protected archive. Antivirus software cannot look "
                                 "inside, so attack mails often use them. Do not open it until you have "
                                 "confirmed with the sender by a way other than mail, such as a phone call.");

  if (body == NULL)
    return;
  password = _taiou_attachment_find_password (body, strlen (body), &line);
  if (password == NULL)
    return;
  g_clear_pointer (&evidence, g_free);
  evidence = g_strdup_printf ("the mail body gives the password: “%s” (encrypted members: %s)",
                              line, names->str);
  _taiou_attachment_add_finding (report, "attachment.zip-password-in-body", 80, evidence,
                                 "パスワード付きの圧縮ファイルと、そのパスワードが同じメールに書かれています。"
                                 "Emotet などの攻撃メールの典型的な手口です。パスワードを入力して開かないで"
                                 "ください。",
                                 "The mail carries a password-protected archive and, in its text, the "
                                 "password. This is a typical trick of Emotet and similar attack mails. "
                                 "Do not open it with that password.");
}

void
_taiou_attachment_check_archive (TaiouAttachmentWalk   *walk,
                                 TaiouAttachmentReport *report,
                                 TaiouSpool            *spool)
{
  struct archive *archive;
  struct archive_entry *entry;
  g_autoptr(GPtrArray) encrypted = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GByteArray) content_types = NULL;
  g_autofree char *failure = NULL;
  Source source = { spool, 0, 0 };
  locale_t previous_locale = (locale_t) 0;
  gboolean any_encrypted = FALSE;
  gboolean opened = FALSE;
  guint index = 0;
  gsize kept = 0;

  g_assert (walk != NULL);
  g_assert (report != NULL);

  _taiou_spool_get_data (spool, &kept);
  source.length = kept + spool->tail_fill;
  if (utf8_locale () != (locale_t) 0)
    previous_locale = uselocale (utf8_locale ());

  archive = archive_read_new ();
  enable_format (archive, report->type);
  archive_read_set_read_callback (archive, source_read);
  archive_read_set_seek_callback (archive, source_seek);
  archive_read_set_skip_callback (archive, source_skip);
  archive_read_set_callback_data (archive, &source);
  if (archive_read_open1 (archive) != ARCHIVE_OK)
    failure = error_text (archive);
  else
    opened = TRUE;

  while (failure == NULL && _taiou_attachment_walk_continue (walk))
    {
      g_autofree char *name = NULL;
      int r = archive_read_next_header (archive, &entry);

      if (r == ARCHIVE_EOF)
        break;
      if (r < ARCHIVE_WARN)
        {
          failure = error_text (archive);
          break;
        }
      if (!_taiou_attachment_enter_member (walk, report))
        break;
      name = entry_name (entry, ++index);
      if (archive_entry_filetype (entry) != AE_IFREG)
        continue;
      if (archive_entry_is_encrypted (entry))
        {
          any_encrypted = TRUE;
          inspect_encrypted (walk, report, name, entry);
          g_ptr_array_add (encrypted, g_steal_pointer (&name));
          continue;
        }
      if (!inspect_member (walk, report, archive, name, &content_types))
        {
          failure = error_text (archive);
          break;
        }
    }
  /* 7z and rar can encrypt the list of names itself; then only the format can tell.  Asked
   * only once a format was chosen: libarchive 3.6 follows a bad format pointer when no bidder
   * accepted the data (found by fuzz-attachment). */
  if (opened && archive_read_has_encrypted_entries (archive) > 0)
    any_encrypted = TRUE;
  archive_read_free (archive);
  if (previous_locale != (locale_t) 0)
    uselocale (previous_locale);

  if (content_types != NULL && report->type == TAIOU_ATTACHMENT_TYPE_ZIP)
    report->type = TAIOU_ATTACHMENT_TYPE_OOXML_OFFICE;
  if (report->type == TAIOU_ATTACHMENT_TYPE_OOXML_OFFICE)
    _taiou_attachment_check_ooxml (report,
                                   content_types != NULL ? (const char *) content_types->data : NULL,
                                   content_types != NULL ? content_types->len : 0);
  if (any_encrypted)
    report_encrypted (walk, report, encrypted);
  if (failure != NULL && !any_encrypted && walk->error == NULL)
    {
      g_autofree char *evidence = g_strdup_printf ("%s archive unreadable: %s",
                                                   taiou_attachment_type_to_string (report->type),
                                                   failure);

      _taiou_attachment_add_finding (report, "attachment.unreadable", 40, evidence,
                                     "圧縮ファイルが壊れていて、中身を最後まで確認できませんでした。"
                                     "開かずに担当者に相談してください。",
                                     "The archive is damaged, so its content could not be checked "
                                     "completely. Do not open it; ask your IT contact.");
    }
}
