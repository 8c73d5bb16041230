/* taiou-test-fixtures.c — synthetic attachments built at test time (no real malware, no blobs) */
#define G_LOG_DOMAIN "taiou-test-fixtures"

#include "config.h"

#include <archive.h>
#include <archive_entry.h>
#include <gsf/gsf-outfile-msole.h>
#include <gsf/gsf-outfile-zip.h>
#include <gsf/gsf-outfile.h>
#include <gsf/gsf-output-memory.h>
#include <string.h>

#include "taiou-test-fixtures.h"

GBytes *
taiou_test_bytes_printf (const char *format,
                         ...)
{
  va_list args;
  char *text;

  va_start (args, format);
  text = g_strdup_vprintf (format, args);
  va_end (args);
  return g_bytes_new_take (text, strlen (text));
}

static void put_le16 (GByteArray *out, guint16 v);
static void put_le32 (GByteArray *out, guint32 v);

/* libarchive writers */

static la_ssize_t
write_to_array (struct archive *archive,
                void           *user_data,
                const void     *buffer,
                size_t          length)
{
  g_byte_array_append (user_data, buffer, (guint) length);
  return (la_ssize_t) length;
}

static struct archive *
writer_new (GByteArray *out,
            int       (*set_format) (struct archive *))
{
  struct archive *archive = archive_write_new ();

  g_assert_cmpint (set_format (archive), ==, ARCHIVE_OK);
  archive_write_set_bytes_in_last_block (archive, 1);
  return archive;
}

static void
writer_open (struct archive *archive,
             GByteArray     *out)
{
  g_assert_cmpint (archive_write_open2 (archive, out, NULL, write_to_array, NULL, NULL), ==,
                   ARCHIVE_OK);
}

static void
write_member (struct archive *archive,
              const char     *name,
              GBytes         *content)
{
  struct archive_entry *entry = archive_entry_new ();
  gsize length;
  const guint8 *data = g_bytes_get_data (content, &length);

  archive_entry_set_pathname_utf8 (entry, name);
  archive_entry_set_size (entry, (la_int64_t) length);
  archive_entry_set_filetype (entry, AE_IFREG);
  archive_entry_set_perm (entry, 0644);
  archive_entry_set_mtime (entry, 1700000000, 0);
  g_assert_cmpint (archive_write_header (archive, entry), ==, ARCHIVE_OK);
  if (length > 0)
    g_assert_cmpint (archive_write_data (archive, data, length), ==, (la_ssize_t) length);
  archive_entry_free (entry);
}

static GBytes *
writer_finish (struct archive *archive,
               GByteArray     *out)
{
  g_assert_cmpint (archive_write_close (archive), ==, ARCHIVE_OK);
  archive_write_free (archive);
  return g_byte_array_free_to_bytes (out);
}

GBytes *
taiou_test_zip_new (const TaiouTestMember *members,
                    guint                  n_members,
                    const char            *encryption,
                    const char            *passphrase)
{
  GByteArray *out = g_byte_array_new ();
  struct archive *archive = writer_new (out, archive_write_set_format_zip);

  /* Names as UTF-8 with the zip UTF-8 flag, whatever the test's locale. */
  archive_write_set_format_option (archive, "zip", "hdrcharset", "UTF-8");
  if (encryption != NULL)
    {
      g_assert_cmpint (archive_write_set_format_option (archive, "zip", "encryption", encryption),
                       ==, ARCHIVE_OK);
      g_assert_cmpint (archive_write_set_passphrase (archive, passphrase), ==, ARCHIVE_OK);
    }
  writer_open (archive, out);
  for (guint i = 0; i < n_members; i++)
    write_member (archive, members[i].name, members[i].content);
  return writer_finish (archive, out);
}

/* As Windows' "send to compressed folder" on a Japanese PC writes it: CP932, no UTF-8 flag. */
GBytes *
taiou_test_zip_cp932 (const char *name,
                      GBytes     *content)
{
  GByteArray *out = g_byte_array_new ();
  struct archive *archive = writer_new (out, archive_write_set_format_zip);

  g_assert_cmpint (archive_write_set_format_option (archive, "zip", "hdrcharset", "CP932"), ==,
                   ARCHIVE_OK);
  writer_open (archive, out);
  write_member (archive, name, content);
  return writer_finish (archive, out);
}

static guint32
get_le32 (const guint8 *p)
{
  return (guint32) p[0] | (guint32) p[1] << 8 | (guint32) p[2] << 16 | (guint32) p[3] << 24;
}

/* As Windows' built-in zip on a UTF-8 system, Python's zipfile before it set the flag and many
 * other tools write it: the name in UTF-8 bytes, but the zip's UTF-8 flag (general purpose bit
 * 11) clear.  Written with the flag and then cleared in every local and central header, since
 * libarchive sets it by itself for non-ASCII UTF-8 names. */
GBytes *
taiou_test_zip_utf8_unflagged (const char *name,
                               GBytes     *content)
{
  g_autoptr(GBytes) flagged = taiou_test_zip_of (name, content);
  gsize length = g_bytes_get_size (flagged);
  guint8 *data = g_memdup2 (g_bytes_get_data (flagged, NULL), length);
  const guint8 *end_record;
  guint32 entry, n_entries;

  /* No archive comment: the end-of-central-directory record is the last 22 bytes. */
  g_assert_cmpuint (length, >=, 22);
  end_record = data + length - 22;
  g_assert_cmphex (get_le32 (end_record), ==, 0x06054b50);
  n_entries = end_record[10] | end_record[11] << 8;
  entry = get_le32 (end_record + 16);
  for (guint32 i = 0; i < n_entries; i++)
    {
      guint8 *central = data + entry;
      guint8 *local;

      g_assert_cmpuint (entry + 46, <=, length);
      g_assert_cmphex (get_le32 (central), ==, 0x02014b50);
      local = data + get_le32 (central + 42);
      g_assert_cmphex (get_le32 (local), ==, 0x04034b50);
      central[9] &= ~0x08;
      local[7] &= ~0x08;
      entry += 46 + (central[28] | central[29] << 8) + (central[30] | central[31] << 8) +
               (central[32] | central[33] << 8);
    }
  return g_bytes_new_take (data, length);
}

GBytes *
taiou_test_zip_of (const char *name,
                   GBytes     *content)
{
  TaiouTestMember member = { name, content };

  return taiou_test_zip_new (&member, 1, NULL, NULL);
}

/* A zip bomb's raw material: one member of size zero bytes, deflated to almost nothing. */
GBytes *
taiou_test_zip_zeros (const char *name,
                      guint64     size)
{
  GByteArray *out = g_byte_array_new ();
  struct archive *archive = writer_new (out, archive_write_set_format_zip);
  struct archive_entry *entry = archive_entry_new ();
  g_autofree guint8 *zeros = g_malloc0 (1024 * 1024);

  archive_write_set_format_option (archive, "zip", "hdrcharset", "UTF-8");
  writer_open (archive, out);
  archive_entry_set_pathname_utf8 (entry, name);
  archive_entry_set_size (entry, (la_int64_t) size);
  archive_entry_set_filetype (entry, AE_IFREG);
  archive_entry_set_perm (entry, 0644);
  g_assert_cmpint (archive_write_header (archive, entry), ==, ARCHIVE_OK);
  for (guint64 done = 0; done < size;)
    {
      gsize n = (gsize) MIN (size - done, 1024 * 1024);

      g_assert_cmpint (archive_write_data (archive, zeros, n), ==, (la_ssize_t) n);
      done += n;
    }
  archive_entry_free (entry);
  return writer_finish (archive, out);
}

GBytes *
taiou_test_zip_many (guint n_members)
{
  GByteArray *out = g_byte_array_new ();
  struct archive *archive = writer_new (out, archive_write_set_format_zip);
  g_autoptr(GBytes) content = g_bytes_new_static ("x", 1);

  writer_open (archive, out);
  for (guint i = 0; i < n_members; i++)
    {
      g_autofree char *name = g_strdup_printf ("f%05u.txt", i);

      write_member (archive, name, content);
    }
  return writer_finish (archive, out);
}

GBytes *
taiou_test_7z_new (const TaiouTestMember *members,
                   guint                  n_members)
{
  GByteArray *out = g_byte_array_new ();
  struct archive *archive = writer_new (out, archive_write_set_format_7zip);

  writer_open (archive, out);
  for (guint i = 0; i < n_members; i++)
    write_member (archive, members[i].name, members[i].content);
  return writer_finish (archive, out);
}

GBytes *
taiou_test_iso_new (const TaiouTestMember *members,
                    guint                  n_members)
{
  GByteArray *out = g_byte_array_new ();
  struct archive *archive = writer_new (out, archive_write_set_format_iso9660);

  writer_open (archive, out);
  for (guint i = 0; i < n_members; i++)
    write_member (archive, members[i].name, members[i].content);
  return writer_finish (archive, out);
}

/* libgsf writers */

static GBytes *
gsf_memory_bytes (GsfOutput *sink)
{
  const guint8 *data = gsf_output_memory_get_bytes (GSF_OUTPUT_MEMORY (sink));

  return g_bytes_new (data, (gsize) gsf_output_size (sink));
}

/* Creates the storages along path on first use, keeping each open until the end. */
static GsfOutfile *
storage_for (GsfOutfile  *root,
             GHashTable  *storages,
             GPtrArray   *order,
             const char  *dir)
{
  GsfOutfile *parent = root;
  GString *path = g_string_new (NULL);
  g_auto(GStrv) parts = g_strsplit (dir, "/", -1);

  for (guint i = 0; parts[i] != NULL; i++)
    {
      GsfOutfile *storage;

      g_string_append_printf (path, "%s%s", i > 0 ? "/" : "", parts[i]);
      storage = g_hash_table_lookup (storages, path->str);
      if (storage == NULL)
        {
          storage = GSF_OUTFILE (gsf_outfile_new_child (parent, parts[i], TRUE));
          g_hash_table_insert (storages, g_strdup (path->str), storage);
          g_ptr_array_add (order, storage);
        }
      parent = storage;
    }
  g_string_free (path, TRUE);
  return parent;
}

static void
write_tree (GsfOutfile         *root,
            const char * const *paths,
            GBytes * const     *contents)
{
  g_autoptr(GHashTable) storages = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GPtrArray) order = g_ptr_array_new ();

  for (guint i = 0; paths[i] != NULL; i++)
    {
      const char *slash = strrchr (paths[i], '/');
      g_autofree char *dir = slash != NULL ? g_strndup (paths[i], slash - paths[i]) : NULL;
      GsfOutfile *parent = dir != NULL ? storage_for (root, storages, order, dir) : root;
      GsfOutput *stream = gsf_outfile_new_child (parent, slash != NULL ? slash + 1 : paths[i], FALSE);
      gsize length = 0;
      const guint8 *data = NULL;

      if (contents != NULL && contents[i] != NULL)
        data = g_bytes_get_data (contents[i], &length);
      else
        {
          /* Stand-in bytes: a name for a stream, never code. */
          data = (const guint8 *) paths[i];
          length = strlen (paths[i]);
        }
      g_assert_true (gsf_output_write (stream, length, data));
      g_assert_true (gsf_output_close (stream));
      g_object_unref (stream);
    }
  for (guint i = order->len; i > 0; i--)
    {
      gsf_output_close (order->pdata[i - 1]);
      g_object_unref (order->pdata[i - 1]);
    }
}

GBytes *
taiou_test_ole_new (const char * const *stream_paths,
                    GBytes             *workbook)
{
  GsfOutput *sink = gsf_output_memory_new ();
  GsfOutfile *ole = gsf_outfile_msole_new (sink);
  GBytes *bytes;

  write_tree (ole, stream_paths, NULL);
  if (workbook != NULL)
    {
      const char * const paths[] = { "Workbook", NULL };
      GBytes * const contents[] = { workbook, NULL };

      write_tree (ole, paths, contents);
    }
  g_assert_true (gsf_output_close (GSF_OUTPUT (ole)));
  g_object_unref (ole);
  bytes = gsf_memory_bytes (sink);
  g_object_unref (sink);
  return bytes;
}

GBytes *
taiou_test_ole_new_streams (const char * const *paths,
                            GBytes * const     *contents)
{
  GsfOutput *sink = gsf_output_memory_new ();
  GsfOutfile *ole = gsf_outfile_msole_new (sink);
  GBytes *bytes;

  write_tree (ole, paths, contents);
  g_assert_true (gsf_output_close (GSF_OUTPUT (ole)));
  g_object_unref (ole);
  bytes = gsf_memory_bytes (sink);
  g_object_unref (sink);
  return bytes;
}

/* What Packager stores in "\1Ole10Native": size, flags, label, source path, two reserved
 * fields, temp path, then the embedded file. */
GBytes *
taiou_test_ole10native (const char *label,
                        GBytes     *content)
{
  GByteArray *out = g_byte_array_new ();
  const char *temp = "C:\\Users\\taro\\AppData\\Local\\Temp\\x";
  gsize length;
  const guint8 *data = g_bytes_get_data (content, &length);

  put_le32 (out, 0);
  put_le16 (out, 2);
  g_byte_array_append (out, (const guint8 *) label, (guint) strlen (label) + 1);
  g_byte_array_append (out, (const guint8 *) temp, (guint) strlen (temp) + 1);
  put_le32 (out, 0x00030000);
  put_le32 (out, (guint32) strlen (temp) + 1);
  g_byte_array_append (out, (const guint8 *) temp, (guint) strlen (temp) + 1);
  put_le32 (out, (guint32) length);
  g_byte_array_append (out, data, (guint) length);
  out->data[0] = (out->len - 4) & 0xFF;
  out->data[1] = ((out->len - 4) >> 8) & 0xFF;
  return g_byte_array_free_to_bytes (out);
}

static void
put_record (GByteArray   *out,
            guint16       type,
            const guint8 *payload,
            guint16       size)
{
  guint8 header[4] = { type & 0xFF, type >> 8, size & 0xFF, size >> 8 };

  g_byte_array_append (out, header, 4);
  g_byte_array_append (out, payload, size);
}

GBytes *
taiou_test_biff_workbook (const char *sheet_name,
                          guint8      sheet_type,
                          guint8      visibility)
{
  GByteArray *out = g_byte_array_new ();
  /* BOF: BIFF8 (0x0600), workbook globals (0x0005) */
  const guint8 bof[16] = { 0x00, 0x06, 0x05, 0x00 };
  guint8 sheet[8 + 255] = { 0 };
  gsize name_len = MIN (strlen (sheet_name), 255);
  const guint8 worksheet[8 + 6] = { 0, 0, 0, 0, 0, 0, 6, 0, 'S', 'h', 'e', 'e', 't', '1' };

  put_record (out, 0x0809, bof, sizeof bof);
  put_record (out, 0x0085, worksheet, sizeof worksheet);
  sheet[4] = visibility;
  sheet[5] = sheet_type;
  sheet[6] = (guint8) name_len;
  sheet[7] = 0;
  memcpy (sheet + 8, sheet_name, name_len);
  put_record (out, 0x0085, sheet, (guint16) (8 + name_len));
  put_record (out, 0x000A, NULL, 0);
  return g_byte_array_free_to_bytes (out);
}

GBytes *
taiou_test_ooxml_new (gboolean with_vba,
                      gboolean with_macrosheet)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) types = NULL;
  g_autoptr(GBytes) workbook = taiou_test_bytes_printf ("<workbook/>");
  g_autoptr(GBytes) macrosheet = taiou_test_bytes_printf ("<xm:macrosheet/>");
  g_autoptr(GBytes) vba = NULL;
  const char *paths[5] = { NULL };
  GBytes *contents[5] = { NULL };
  GsfOutput *sink = gsf_output_memory_new ();
  GsfOutfile *zip = gsf_outfile_zip_new (sink, &error);
  GBytes *bytes;
  guint n = 0;

  g_assert_no_error (error);
  types = taiou_test_bytes_printf ("<?xml version=\"1.0\"?><Types xmlns=\"http://schemas.openxml"
                                   "formats.org/package/2006/content-types\">%s%s</Types>",
                                   with_vba ? "<Default Extension=\"bin\" ContentType=\"application/"
                                              "vnd.ms-office.vbaProject\"/>" : "",
                                   with_macrosheet ? "<Override PartName=\"/xl/macrosheets/sheet1.xml"
                                                     "\" ContentType=\"application/vnd.ms-excel."
                                                     "macrosheet+xml\"/>" : "");
  paths[n] = "[Content_Types].xml";
  contents[n++] = types;
  paths[n] = "xl/workbook.xml";
  contents[n++] = workbook;
  if (with_vba)
    {
      const char * const streams[] = { "VBA/dir", "VBA/_VBA_PROJECT", "VBA/Module1", "PROJECT",
                                       "PROJECTwm", NULL };

      vba = taiou_test_ole_new (streams, NULL);
      paths[n] = "xl/vbaProject.bin";
      contents[n++] = vba;
    }
  if (with_macrosheet)
    {
      paths[n] = "xl/macrosheets/sheet1.xml";
      contents[n++] = macrosheet;
    }
  write_tree (zip, paths, contents);
  g_assert_true (gsf_output_close (GSF_OUTPUT (zip)));
  g_object_unref (zip);
  bytes = gsf_memory_bytes (sink);
  g_object_unref (sink);
  return bytes;
}

/* Windows shortcut (MS-SHLLINK) */

static void
put_le16 (GByteArray *out,
          guint16     v)
{
  guint8 b[2] = { v & 0xFF, v >> 8 };

  g_byte_array_append (out, b, 2);
}

static void
put_le32 (GByteArray *out,
          guint32     v)
{
  guint8 b[4] = { v & 0xFF, (v >> 8) & 0xFF, (v >> 16) & 0xFF, v >> 24 };

  g_byte_array_append (out, b, 4);
}

static void
put_counted_utf16 (GByteArray *out,
                   const char *text)
{
  glong n = 0;
  g_autofree gunichar2 *units = g_utf8_to_utf16 (text, -1, NULL, &n, NULL);

  put_le16 (out, (guint16) n);
  for (glong i = 0; i < n; i++)
    put_le16 (out, units[i]);
}

GBytes *
taiou_test_lnk_new (const char *target,
                    const char *arguments)
{
  static const guint8 clsid[16] = { 0x01, 0x14, 0x02, 0x00, 0x00, 0x00, 0x00, 0x00,
                                    0xC0, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x46 };
  GByteArray *out = g_byte_array_new ();
  /* HasLinkTargetIDList | HasLinkInfo | HasRelativePath | HasArguments | IsUnicode */
  const guint32 flags = 0x01 | 0x02 | 0x08 | 0x20 | 0x80;
  const guint32 volume_id_size = 0x11;
  const guint32 base_offset = 0x1C + volume_id_size;
  const guint32 link_info_size = base_offset + (guint32) strlen (target) + 1 + 1;
  g_autofree char *relative = g_strdup_printf (".\\%s", strrchr (target, '\\') != NULL
                                               ? strrchr (target, '\\') + 1 : target);
  guint8 zeros[64] = { 0 };

  put_le32 (out, 0x4C);
  g_byte_array_append (out, clsid, sizeof clsid);
  put_le32 (out, flags);
  g_byte_array_append (out, zeros, 0x4C - out->len);

  put_le16 (out, 2);          /* IDListSize: only the terminal ID */
  put_le16 (out, 0);

  put_le32 (out, link_info_size);
  put_le32 (out, 0x1C);       /* LinkInfoHeaderSize */
  put_le32 (out, 1);          /* VolumeIDAndLocalBasePath */
  put_le32 (out, 0x1C);       /* VolumeIDOffset */
  put_le32 (out, base_offset);
  put_le32 (out, 0);          /* CommonNetworkRelativeLinkOffset */
  put_le32 (out, link_info_size - 1);
  put_le32 (out, volume_id_size);
  put_le32 (out, 3);          /* DRIVE_FIXED */
  put_le32 (out, 0x12345678);
  put_le32 (out, 0x10);
  g_byte_array_append (out, zeros, 1);
  g_byte_array_append (out, (const guint8 *) target, (guint) strlen (target) + 1);
  g_byte_array_append (out, zeros, 1);

  put_counted_utf16 (out, relative);
  put_counted_utf16 (out, arguments);
  put_le32 (out, 0);          /* TerminalBlock */
  return g_byte_array_free_to_bytes (out);
}

GBytes *
taiou_test_onenote_new (GBytes *embedded)
{
  static const guint8 file_guid[16] = { 0xE4, 0x52, 0x5C, 0x7B, 0x8C, 0xD8, 0xA7, 0x4D,
                                        0xAE, 0xB1, 0x53, 0x78, 0xD0, 0x29, 0x96, 0xD3 };
  static const guint8 data_guid[16] = { 0xE7, 0x16, 0xE3, 0xBD, 0x65, 0x26, 0x11, 0x45,
                                        0xA4, 0xC4, 0x8D, 0x4D, 0x0B, 0x7A, 0x9E, 0xAC };
  static const guint8 footer_guid[16] = { 0x22, 0xA7, 0xFB, 0x71, 0x79, 0x0F, 0x0B, 0x4A,
                                          0xBB, 0x13, 0x89, 0x92, 0x56, 0x42, 0x6B, 0x24 };
  GByteArray *out = g_byte_array_new ();
  guint8 filler[1024] = { 0 };

  g_byte_array_append (out, file_guid, sizeof file_guid);
  g_byte_array_append (out, filler, sizeof filler);
  if (embedded != NULL)
    {
      gsize length;
      const guint8 *data = g_bytes_get_data (embedded, &length);

      g_byte_array_append (out, data_guid, sizeof data_guid);
      put_le32 (out, (guint32) length);
      put_le32 (out, 0);
      g_byte_array_append (out, filler, 12);
      g_byte_array_append (out, data, (guint) length);
      g_byte_array_append (out, footer_guid, sizeof footer_guid);
    }
  g_byte_array_append (out, filler, 256);
  return g_byte_array_free_to_bytes (out);
}

/* "MZ", e_lfanew = 0x80, "PE\0\0" and an i386 machine field: the shape of a program, no code. */
GBytes *
taiou_test_pe_new (void)
{
  guint8 *pe = g_malloc0 (1024);

  pe[0] = 'M';
  pe[1] = 'Z';
  pe[0x3C] = 0x80;
  memcpy (pe + 0x80, "PE\0\0\x4c\x01", 6);
  return g_bytes_new_take (pe, 1024);
}

/* The padded stream */

struct _TaiouTestPaddedStream
{
  GInputStream  parent_instance;
  GBytes       *prefix;
  guint64       fill_length;
  guint8        fill;
  guint64       offset;
};

G_DEFINE_FINAL_TYPE (TaiouTestPaddedStream, taiou_test_padded_stream, G_TYPE_INPUT_STREAM)

static gssize
taiou_test_padded_stream_read (GInputStream  *stream,
                               void          *buffer,
                               gsize          count,
                               GCancellable  *cancellable,
                               GError       **error)
{
  TaiouTestPaddedStream *self = TAIOU_TEST_PADDED_STREAM (stream);
  gsize prefix_length;
  const guint8 *prefix = g_bytes_get_data (self->prefix, &prefix_length);
  gsize n;

  if (self->offset < prefix_length)
    {
      n = MIN (count, prefix_length - self->offset);
      memcpy (buffer, prefix + self->offset, n);
    }
  else
    {
      n = (gsize) MIN ((guint64) count, prefix_length + self->fill_length - self->offset);
      memset (buffer, self->fill, n);
    }
  self->offset += n;
  return (gssize) n;
}

static void
taiou_test_padded_stream_finalize (GObject *object)
{
  TaiouTestPaddedStream *self = TAIOU_TEST_PADDED_STREAM (object);

  g_clear_pointer (&self->prefix, g_bytes_unref);
  G_OBJECT_CLASS (taiou_test_padded_stream_parent_class)->finalize (object);
}

static void
taiou_test_padded_stream_class_init (TaiouTestPaddedStreamClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = taiou_test_padded_stream_finalize;
  G_INPUT_STREAM_CLASS (klass)->read_fn = taiou_test_padded_stream_read;
}

static void
taiou_test_padded_stream_init (TaiouTestPaddedStream *self)
{
}

GInputStream *
taiou_test_padded_stream_new (GBytes  *prefix,
                              guint64  fill_length,
                              guint8   fill)
{
  TaiouTestPaddedStream *self = g_object_new (TAIOU_TEST_TYPE_PADDED_STREAM, NULL);

  self->prefix = g_bytes_ref (prefix);
  self->fill_length = fill_length;
  self->fill = fill;
  return G_INPUT_STREAM (self);
}

/* The fuzz seed corpus: one file per fixture, first byte = the classifier to run
 * (see tests/fuzz/fuzz-attachment.c). */

static void
write_seed (const char *dir,
            const char *name,
            guint8      selector,
            GBytes     *content)
{
  g_autofree char *path = g_build_filename (dir, name, NULL);
  gsize length;
  const guint8 *data = g_bytes_get_data (content, &length);
  g_autoptr(GByteArray) out = g_byte_array_new ();
  g_autoptr(GError) error = NULL;

  g_byte_array_append (out, &selector, 1);
  g_byte_array_append (out, data, (guint) length);
  g_file_set_contents (path, (const char *) out->data, out->len, &error);
  g_assert_no_error (error);
}

void
taiou_test_write_corpus (const char *dir)
{
  const char * const vba_streams[] = { "Macros/VBA/dir", "Macros/VBA/_VBA_PROJECT", "Macros/PROJECT",
                                       "WordDocument", NULL };
  const char * const xls_streams[] = { "_VBA_PROJECT_CUR/VBA/dir", "_VBA_PROJECT_CUR/PROJECT", NULL };
  g_autoptr(GBytes) pe = taiou_test_pe_new ();
  g_autoptr(GBytes) workbook = taiou_test_biff_workbook ("Macro1", 1, 2);
  g_autoptr(GBytes) doc = taiou_test_ole_new (vba_streams, NULL);
  g_autoptr(GBytes) xls = taiou_test_ole_new (xls_streams, workbook);
  g_autoptr(GBytes) xlsm = taiou_test_ooxml_new (TRUE, TRUE);
  g_autoptr(GBytes) lnk = taiou_test_lnk_new ("C:\\Windows\\System32\\cmd.exe",
                                              "/c powershell -w hidden -c \"echo test\"");
  g_autoptr(GBytes) one = taiou_test_onenote_new (pe);
  g_autoptr(GBytes) zip_doc = taiou_test_zip_of ("請求書.doc", doc);
  g_autoptr(GBytes) nested = taiou_test_zip_of ("inner.zip", zip_doc);
  g_autoptr(GBytes) text = taiou_test_bytes_printf ("hello");
  TaiouTestMember members[] = { { "請求書.pdf.exe", pe }, { "memo.txt", text } };
  g_autoptr(GBytes) zipcrypt = taiou_test_zip_new (members, 2, "zipcrypt", "Kx8fPq2Z");
  g_autoptr(GBytes) aes = taiou_test_zip_new (members, 2, "aes256", "Kx8fPq2Z");
  g_autoptr(GBytes) seven = taiou_test_7z_new (members, 2);
  g_autoptr(GBytes) iso = taiou_test_iso_new (members, 2);
  g_autoptr(GBytes) body = taiou_test_bytes_printf ("お世話になっております。\n"
                                                    "解凍パスワード：Kx8fPq2Z\n【パスワード】\nAb12cd34\n");

  g_assert_cmpint (g_mkdir_with_parents (dir, 0755), ==, 0);
  write_seed (dir, "pe", 0, pe);
  write_seed (dir, "doc-vba", 0, doc);
  write_seed (dir, "xls-xlm", 0, xls);
  write_seed (dir, "xlsm", 0, xlsm);
  write_seed (dir, "lnk", 0, lnk);
  write_seed (dir, "onenote", 0, one);
  write_seed (dir, "zip-nested", 0, nested);
  write_seed (dir, "zip-zipcrypt", 0, zipcrypt);
  write_seed (dir, "zip-aes", 0, aes);
  write_seed (dir, "7z", 0, seven);
  write_seed (dir, "iso", 0, iso);
  write_seed (dir, "ole-direct", 1, xls);
  write_seed (dir, "lnk-direct", 2, lnk);
  write_seed (dir, "onenote-direct", 3, one);
  write_seed (dir, "archive-direct", 4, nested);
  write_seed (dir, "password-body", 5, body);
  write_seed (dir, "biff-direct", 6, workbook);
}
