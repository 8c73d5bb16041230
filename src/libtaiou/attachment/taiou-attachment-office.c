/* taiou-attachment-office.c — macros in Office files: VBA projects and Excel 4.0 macro sheets
 *
 * Emotet's documents (2014–2023) ran VBA macros or, from 2020, Excel 4.0 (XLM) formulas on
 * hidden macro sheets.  A VBA project is recognised by its storages and streams (oletools,
 * MS-OVBA 2.2): `Macros/` (Word), `_VBA_PROJECT_CUR/` (Excel) or any `VBA/dir` next to a
 * `PROJECT` stream; an XLM sheet by its BIFF8 BOUNDSHEET record (sheet type 1).  The code of a
 * macro is never decompressed or interpreted: its presence is the finding.  OOXML files are
 * zips, read by taiou-attachment-archive.c; only their part names and content types are judged
 * here.
 */
#define G_LOG_DOMAIN "taiou-attachment"

#include "config.h"

#include <gsf/gsf-infile-msole.h>
#include <gsf/gsf-infile.h>
#include <gsf/gsf-input-memory.h>
#include <gsf/gsf-input.h>
#include <string.h>

#include "taiou-attachment-private.h"
#include "taiou-bytes-private.h"
#include "taiou-cfb-private.h"

#define MAX_OLE_ENTRIES 4096
#define MAX_OLE_DEPTH 16
#define MAX_WORKBOOK_BYTES (4 * 1024 * 1024)
#define MAX_EMBEDDED_BYTES (16 * 1024 * 1024)
#define MAX_EVIDENCE_PATHS 8

/* libgsf 1.14 declares no autoptr cleanups; local names avoid clashing with a later one. */
typedef GsfInput TaiouGsfInput;
typedef GsfInfile TaiouGsfInfile;
G_DEFINE_AUTOPTR_CLEANUP_FUNC (TaiouGsfInput, g_object_unref)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (TaiouGsfInfile, g_object_unref)

#define BIFF_EOF        0x000A
#define BIFF_BOUNDSHEET 0x0085

static void
biff_sheet_free (TaiouBiffSheet *sheet)
{
  g_free (sheet->name);
  g_free (sheet);
}

/* MS-XLS 2.4.28 BoundSheet8: lbPlyPos (4), hsState (1: visibility in bits 0–1), dt (1: sheet
 * type), stName (ShortXLUnicodeString: cch, fHighByte, characters).  Reads the workbook
 * globals up to their EOF record. */
GPtrArray *
_taiou_biff_boundsheets (const guint8 *data,
                         gsize         length)
{
  GPtrArray *sheets = g_ptr_array_new_with_free_func ((GDestroyNotify) biff_sheet_free);
  gsize pos = 0;

  while (length - pos >= 4)
    {
      guint16 type = _taiou_read_le16 (data + pos);
      guint16 size = _taiou_read_le16 (data + pos + 2);
      const guint8 *payload = data + pos + 4;

      if (size > length - pos - 4)
        break;
      if (type == BIFF_EOF)
        break;
      if (type == BIFF_BOUNDSHEET && size >= 8)
        {
          TaiouBiffSheet *sheet = g_new0 (TaiouBiffSheet, 1);
          gsize cch = payload[6];
          gboolean high_byte = (payload[7] & 1) != 0;
          gsize available = size - 8;
          GString *name = g_string_new (NULL);

          sheet->visibility = payload[4] & 0x03;
          sheet->type = payload[5];
          for (gsize i = 0; i < cch; i++)
            {
              gunichar c;

              if (high_byte)
                {
                  if (2 * i + 1 >= available)
                    break;
                  c = _taiou_read_le16 (payload + 8 + 2 * i);
                  if (c >= 0xD800 && c <= 0xDFFF)
                    c = 0xFFFD;
                }
              else
                {
                  if (i >= available)
                    break;
                  c = payload[8 + i];
                }
              g_string_append_unichar (name, c);
            }
          sheet->name = g_string_free (name, FALSE);
          g_ptr_array_add (sheets, sheet);
        }
      pos += 4 + (gsize) size;
    }
  return sheets;
}

typedef struct
{
  TaiouAttachmentWalk   *walk;
  TaiouAttachmentReport *report;
  guint                  n_entries;
  GPtrArray             *vba_paths;
  GByteArray            *workbook;
  guint                  n_embedded;
} OleState;

static gboolean
name_is (const char *name,
         const char *wanted)
{
  return name != NULL && g_ascii_strcasecmp (name, wanted) == 0;
}

/* Whole stream into memory, at most max bytes; NULL when it cannot be read. */
static GByteArray *
read_stream (GsfInput *input,
             gsize     max)
{
  gsf_off_t size = gsf_input_size (input);
  gsize wanted = (gsize) MIN ((guint64) MAX (size, 0), (guint64) max);
  GByteArray *bytes = g_byte_array_sized_new ((guint) MIN (wanted, 1024 * 1024));

  while (bytes->len < wanted)
    {
      gsize n = MIN (wanted - bytes->len, 64 * 1024);
      guint8 chunk[64 * 1024];

      if (gsf_input_read (input, n, chunk) == NULL)
        {
          g_byte_array_unref (bytes);
          return NULL;
        }
      g_byte_array_append (bytes, chunk, (guint) n);
    }
  return bytes;
}

/* MS-OLEDS 2.3.6 (informally): "\1Ole10Native" wraps a file embedded with Packager: size,
 * flags, label, source path, two reserved fields, temp path, then the file's own size and bytes. */
static void
inspect_ole10native (OleState   *state,
                     GByteArray *stream)
{
  const guint8 *p = stream->data;
  gsize len = stream->len;
  gsize pos = 6;
  const guint8 *label;
  const guint8 *end;
  g_autofree char *name = NULL;
  guint32 n;

  if (len < pos)
    return;
  label = p + pos;
  end = memchr (label, '\0', len - pos);
  if (end == NULL)
    return;
  name = g_utf8_make_valid ((const char *) label, end - label);
  pos = (gsize) (end - p) + 1;
  end = memchr (p + pos, '\0', len - pos);          /* source path */
  if (end == NULL)
    return;
  pos = (gsize) (end - p) + 1;
  if (len - pos < 8)
    return;
  n = _taiou_read_le32 (p + pos + 4);                           /* temp path length */
  pos += 8;
  if (n > len - pos)
    return;
  pos += n;
  if (len - pos < 4)
    return;
  n = _taiou_read_le32 (p + pos);                               /* the file */
  pos += 4;
  _taiou_attachment_inspect_slice (state->walk, state->report,
                                   name[0] != '\0' ? name : "Ole10Native", name[0] != '\0',
                                   p + pos, MIN ((gsize) n, len - pos));
}

static void
inspect_embedded (OleState   *state,
                  GsfInput   *input,
                  const char *name)
{
  g_autoptr(GByteArray) stream = NULL;
  g_autofree char *child_name = NULL;

  if (state->n_embedded++ >= 64)
    return;
  stream = read_stream (input, MAX_EMBEDDED_BYTES);
  if (stream == NULL)
    return;
  if (name_is (name, "\001Ole10Native"))
    {
      inspect_ole10native (state, stream);
      return;
    }
  child_name = g_strdup_printf ("%s-%u", name, state->n_embedded);
  _taiou_attachment_inspect_slice (state->walk, state->report, child_name, FALSE,
                                   stream->data, stream->len);
}

static gboolean
is_vba_storage (const char *path)
{
  const char *slash = strrchr (path, '/');

  return name_is (slash != NULL ? slash + 1 : path, "VBA");
}

static void
walk_storage (OleState   *state,
              GsfInfile  *storage,
              const char *prefix,
              guint       depth)
{
  int n_children = gsf_infile_num_children (storage);
  gboolean has_dir = FALSE;
  gboolean has_project = FALSE;

  for (int i = 0; i < n_children && state->n_entries < MAX_OLE_ENTRIES; i++)
    {
      const char *name = gsf_infile_name_by_index (storage, i);
      g_autoptr(TaiouGsfInput) child = NULL;
      g_autofree char *path = NULL;

      if (name == NULL || !_taiou_attachment_walk_continue (state->walk))
        continue;
      state->n_entries++;
      path = g_strconcat (prefix, prefix[0] != '\0' ? "/" : "", name, NULL);
      child = gsf_infile_child_by_index (storage, i);
      if (child == NULL)
        continue;

      if (GSF_IS_INFILE (child) && gsf_infile_num_children (GSF_INFILE (child)) >= 0)
        {
          if (name_is (name, "Macros") || name_is (name, "_VBA_PROJECT_CUR"))
            g_ptr_array_add (state->vba_paths, g_strconcat (path, "/", NULL));
          if (depth < MAX_OLE_DEPTH)
            walk_storage (state, GSF_INFILE (child), path, depth + 1);
          continue;
        }

      if (name_is (name, "dir") && is_vba_storage (prefix))
        has_dir = TRUE;
      else if (name_is (name, "PROJECT"))
        has_project = TRUE;
      else if (depth == 0 && state->workbook == NULL &&
               (name_is (name, "Workbook") || name_is (name, "Book")))
        state->workbook = read_stream (child, MAX_WORKBOOK_BYTES);
      else if (name_is (name, "\001Ole10Native") || name_is (name, "Package"))
        inspect_embedded (state, child, name);
    }

  if (has_dir)
    g_ptr_array_add (state->vba_paths, g_strconcat (prefix, "/dir", NULL));
  if (has_project)
    g_ptr_array_add (state->vba_paths, g_strconcat (prefix, prefix[0] != '\0' ? "/" : "",
                                                    "PROJECT", NULL));
}

static char *
join_paths (GPtrArray *paths)
{
  GString *out = g_string_new (NULL);

  for (guint i = 0; i < paths->len && i < MAX_EVIDENCE_PATHS; i++)
    g_string_append_printf (out, "%s%s", i > 0 ? ", " : "", (char *) paths->pdata[i]);
  if (paths->len > MAX_EVIDENCE_PATHS)
    g_string_append_printf (out, " (+%u more)", paths->len - MAX_EVIDENCE_PATHS);
  return g_string_free (out, FALSE);
}

static gboolean
has_vba_project (GPtrArray *paths)
{
  gboolean dir = FALSE;
  gboolean project = FALSE;

  for (guint i = 0; i < paths->len; i++)
    {
      const char *path = paths->pdata[i];

      /* The project storages are decisive alone; "VBA/dir" needs its "PROJECT" beside it. */
      if (g_str_has_suffix (path, "/"))
        return TRUE;
      if (g_str_has_suffix (path, "/dir"))
        dir = TRUE;
      else
        project = TRUE;
    }
  return dir && project;
}

static void
add_macro_finding (TaiouAttachmentReport *report,
                   const char            *rule_id,
                   const char            *evidence)
{
  _taiou_attachment_add_finding (report, rule_id, 80, evidence,
                                 "マクロ（文書の中に仕込まれたプログラム）が入った Office 文書です。"
                                 "「コンテンツの有効化」や「編集を有効にする」を押すとウイルスに感染する"
                                 "おそれがあります。開かずに担当者に相談してください。",
                                 "This Office document contains macros (a program inside the "
                                 "document). Clicking \"Enable Content\" or \"Enable Editing\" can "
                                 "infect the computer. Do not open it; ask your IT contact.");
}

static void
add_xlm_finding (TaiouAttachmentReport *report,
                 int                    score,
                 const char            *evidence)
{
  _taiou_attachment_add_finding (report, "attachment.xlm-macrosheet", score, evidence,
                                 "Excel の古い形式のマクロ（Excel 4.0 マクロ）を書くための隠れたシートが"
                                 "あります。ウイルスを動かすためによく使われた手口です。開かずに担当者に"
                                 "相談してください。",
                                 "The workbook has an Excel 4.0 macro sheet, an old kind of macro "
                                 "often hidden to run malware. Do not open it; ask your IT contact.");
}

static void
check_workbook (TaiouAttachmentReport *report,
                GByteArray            *workbook)
{
  static const char * const visibility[] = { "visible", "hidden", "very hidden", "visibility 3" };
  g_autoptr(GPtrArray) sheets = _taiou_biff_boundsheets (workbook->data, workbook->len);
  g_autoptr(GString) evidence = g_string_new (NULL);
  int score = 0;

  for (guint i = 0; i < sheets->len; i++)
    {
      TaiouBiffSheet *sheet = sheets->pdata[i];
      g_autofree char *name = NULL;

      if (sheet->type != 1)
        continue;
      name = _taiou_attachment_escape_name (sheet->name);
      g_string_append_printf (evidence, "%smacro sheet “%s” (%s)", evidence->len > 0 ? "; " : "",
                              name, visibility[sheet->visibility]);
      score = MAX (score, sheet->visibility == 0 ? 80 : sheet->visibility == 1 ? 90 : 95);
    }
  if (score > 0)
    add_xlm_finding (report, score, evidence->str);
}

void
_taiou_attachment_check_ole (TaiouAttachmentWalk   *walk,
                             TaiouAttachmentReport *report,
                             const guint8          *data,
                             gsize                  length)
{
  g_autoptr(TaiouGsfInput) input = NULL;
  g_autoptr(TaiouGsfInfile) infile = NULL;
  g_autoptr(GError) error = NULL;
  OleState state = { walk, report, 0, NULL, NULL, 0 };

  g_assert (walk != NULL);
  g_assert (report != NULL);

  /* libgsf is not safe on a hostile directory (see taiou-cfb-private.h). */
  if (_taiou_cfb_check (data, length, &error))
    {
      input = gsf_input_memory_new (data, (gsf_off_t) length, FALSE);
      infile = gsf_infile_msole_new (input, &error);
    }
  if (infile == NULL)
    {
      g_autofree char *evidence = g_strdup_printf ("OLE2 header but unreadable: %s",
                                                   error != NULL ? error->message : "unknown error");

      _taiou_attachment_add_finding (report, "attachment.unreadable", 40, evidence,
                                     "Office 文書の形をしていますが、壊れていて中身を確認できませんでした。"
                                     "開かずに担当者に相談してください。",
                                     "The file looks like an Office document but is damaged, so its "
                                     "content could not be checked. Do not open it; ask your IT contact.");
      return;
    }

  state.vba_paths = g_ptr_array_new_with_free_func (g_free);
  walk_storage (&state, infile, "", 0);
  if (has_vba_project (state.vba_paths))
    {
      g_autofree char *evidence = join_paths (state.vba_paths);
      g_autofree char *text = g_strdup_printf ("VBA project: %s", evidence);

      add_macro_finding (report, "attachment.macro-ole", text);
    }
  if (state.workbook != NULL)
    check_workbook (report, state.workbook);
  g_clear_pointer (&state.vba_paths, g_ptr_array_unref);
  g_clear_pointer (&state.workbook, g_byte_array_unref);
}

/* OOXML: a vbaProject.bin part or the vbaProject content type means VBA; xl/macrosheets/ or
 * the macrosheet content type means Excel 4.0 sheets. */
void
_taiou_attachment_check_ooxml (TaiouAttachmentReport *report,
                               const char            *content_types,
                               gsize                  content_types_length)
{
  g_autoptr(GPtrArray) vba = g_ptr_array_new ();
  g_autoptr(GPtrArray) xlm = g_ptr_array_new ();
  g_autofree char *types = NULL;

  g_assert (report != NULL);

  for (guint i = 0; i < report->members->len; i++)
    {
      TaiouAttachmentReport *member = report->members->pdata[i];
      g_autofree char *lower = g_ascii_strdown (member->name, -1);

      if (g_str_has_suffix (lower, "vbaproject.bin"))
        g_ptr_array_add (vba, member->name);
      else if (g_str_has_prefix (lower, "xl/macrosheets/"))
        g_ptr_array_add (xlm, member->name);
    }
  if (content_types != NULL)
    {
      types = g_ascii_strdown (content_types, content_types_length);
      if (strstr (types, "application/vnd.ms-office.vbaproject") != NULL)
        g_ptr_array_add (vba, (char *) "content type application/vnd.ms-office.vbaProject");
      if (strstr (types, "macrosheet+xml") != NULL)
        g_ptr_array_add (xlm, (char *) "content type application/vnd.ms-excel.macrosheet+xml");
    }

  if (vba->len > 0)
    {
      g_autofree char *paths = join_paths (vba);
      g_autofree char *evidence = g_strdup_printf ("VBA project: %s", paths);

      add_macro_finding (report, "attachment.macro-ooxml", evidence);
    }
  if (xlm->len > 0)
    {
      g_autofree char *paths = join_paths (xlm);
      g_autofree char *evidence = g_strdup_printf ("Excel 4.0 macro sheets: %s", paths);

      add_xlm_finding (report, 80, evidence);
    }
}
