/* taiou-yara-rules.c — YARA rules compiled once: the bundled set and the user's files
 *
 * Loki, Loki-RS, THOR and EmoCheck v2 all judge files with YARA rules; Taiou compiles its own
 * small set (data/yara/, installed with the app) and whatever rule files or folders the IT
 * manager names, once per case, and every scanning thread shares the compiled rules (libyara
 * allows that; each thread has its own YR_SCANNER, taiou-yara-scan.c).
 *
 * A rule file is user input an attacker may have written: it is read with a size cap, folders
 * are entered only a few levels deep and never through symbolic links, `include` is refused
 * (it would read files the user did not name), and a file that does not compile is an error
 * naming the file and the line, in English and in Japanese.
 */
#define G_LOG_DOMAIN "taiou-yara"

#include "config.h"

#include <errno.h>
#include <string.h>
#include <sys/stat.h>

#include "taiou-file-read.h"
#include "taiou-yara-private.h"

struct _TaiouYaraRules
{
  GObject   parent_instance;

  YR_RULES  *rules;
  guint      n_rules;
  GPtrArray *files;  /* the rule files, in namespace order ("file0", "file1" …) */
};

G_DEFINE_FINAL_TYPE (TaiouYaraRules, taiou_yara_rules, G_TYPE_OBJECT)

G_DEFINE_QUARK (taiou-yara-error-quark, taiou_yara_error)

/* libyara wants one yr_initialize() before any compiler or scanner, in any thread; it is never
 * finalised, as the rules may be used until the process ends. */
void
_taiou_yara_initialize (void)
{
  static gsize initialized;

  if (g_once_init_enter (&initialized))
    {
      int status = yr_initialize ();

      if (status != ERROR_SUCCESS)
        g_error ("libyara could not be initialised (error %d)", status);
      g_once_init_leave (&initialized, 1);
    }
}

static void
taiou_yara_rules_finalize (GObject *object)
{
  TaiouYaraRules *self = TAIOU_YARA_RULES (object);

  g_clear_pointer (&self->rules, yr_rules_destroy);
  g_clear_pointer (&self->files, g_ptr_array_unref);

  G_OBJECT_CLASS (taiou_yara_rules_parent_class)->finalize (object);
}

static void
taiou_yara_rules_class_init (TaiouYaraRulesClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = taiou_yara_rules_finalize;
}

static void
taiou_yara_rules_init (TaiouYaraRules *self)
{
}

/**
 * taiou_yara_bundled_dir:
 *
 * Returns: the folder of the bundled rules: $TAIOU_YARA_DIR when set (tests, uninstalled runs),
 *   otherwise the installed one
 */
const char *
taiou_yara_bundled_dir (void)
{
  const char *dir = g_getenv ("TAIOU_YARA_DIR");

  return dir != NULL && dir[0] != '\0' ? dir : TAIOU_YARA_DIR;
}

/* Each message is English, a newline, then Japanese: the CLI prints both, the app the second
 * (taiou_yara_error_get_message()). */
G_GNUC_PRINTF (3, 0) static void
set_error_va (GError     **error,
              int          code,
              const char  *english,
              va_list      args)
{
  g_autofree char *text = g_strdup_vprintf (english, args);

  g_set_error_literal (error, TAIOU_YARA_ERROR, code, text);
}

G_GNUC_PRINTF (3, 4) static void
set_error (GError     **error,
           int          code,
           const char  *format,
           ...)
{
  va_list args;

  va_start (args, format);
  set_error_va (error, code, format, args);
  va_end (args);
}

/**
 * taiou_yara_error_get_message:
 * @japanese: the Japanese sentence (for the app) rather than the English one
 *
 * Returns: (transfer full): one language of a %TAIOU_YARA_ERROR; any other error's message
 */
char *
taiou_yara_error_get_message (const GError *error,
                              gboolean      japanese)
{
  const char *newline;

  g_return_val_if_fail (error != NULL, NULL);

  newline = strchr (error->message, '\n');
  if (error->domain != TAIOU_YARA_ERROR || newline == NULL)
    return g_strdup (error->message);
  return japanese ? g_strdup (newline + 1) : g_strndup (error->message, newline - error->message);
}

typedef struct
{
  const char *path;        /* the file being compiled */
  int         line;        /* of the first error */
  char       *message;     /* libyara's, of the first error */
  char       *include;     /* the include refused, which libyara's message does not say why */
} CompileProblem;

static void
compiler_cb (int            error_level,
             const char    *file_name,
             int            line_number,
             const YR_RULE *rule,
             const char    *message,
             void          *user_data)
{
  CompileProblem *problem = user_data;

  /* Warnings (a slow rule, a deprecated feature) do not stop a rule from working. */
  if (error_level != YARA_ERROR_LEVEL_ERROR || problem->message != NULL)
    return;
  problem->line = line_number;
  if (problem->include != NULL)
    problem->message = g_strdup_printf ("include is not allowed (\"%s\")", problem->include);
  else
    problem->message = g_strdup (message);
}

/* `include` would make libyara open files the user never named, relative to the working
 * folder; Taiou's rule files stand alone. */
static const char *
refuse_include_cb (const char *include_name,
                   const char *calling_rule_filename,
                   const char *calling_rule_namespace,
                   void       *user_data)
{
  CompileProblem *problem = user_data;

  if (problem->include == NULL)
    problem->include = g_strdup (include_name);
  return NULL;
}

static gboolean
is_rule_file_name (const char *name)
{
  g_autofree char *lower = g_ascii_strdown (name, -1);

  return g_str_has_suffix (lower, ".yar") || g_str_has_suffix (lower, ".yara");
}

static gint
compare_paths (gconstpointer a,
               gconstpointer b)
{
  return g_strcmp0 (*(const char * const *) a, *(const char * const *) b);
}

/* Adds the rule files under @dir (sorted, so the same folder always compiles the same way). */
static gboolean
collect_folder (const char  *dir,
                guint        depth,
                GPtrArray   *files,
                GError     **error)
{
  g_autoptr(GError) local_error = NULL;
  g_autoptr(GDir) folder = g_dir_open (dir, 0, &local_error);
  g_autoptr(GPtrArray) children = g_ptr_array_new_with_free_func (g_free);
  const char *name;

  if (folder == NULL)
    {
      set_error (error, TAIOU_YARA_ERROR_UNREADABLE,
                 "%s: the rule folder cannot be read (%s)\n"
                 "ルールのフォルダー %s を読めません（%s）。",
                 dir, local_error->message, dir, local_error->message);
      return FALSE;
    }
  while ((name = g_dir_read_name (folder)) != NULL)
    g_ptr_array_add (children, g_build_filename (dir, name, NULL));
  g_ptr_array_sort (children, compare_paths);

  for (guint i = 0; i < children->len; i++)
    {
      const char *child = children->pdata[i];
      struct stat st;

      /* Never through a symbolic link: a link to / must not make a scan read the disk. */
      if (lstat (child, &st) != 0)
        continue;
      if (S_ISDIR (st.st_mode) && depth < TAIOU_YARA_MAX_FOLDER_DEPTH)
        {
          if (!collect_folder (child, depth + 1, files, error))
            return FALSE;
        }
      else if (S_ISREG (st.st_mode) && is_rule_file_name (child))
        {
          if (files->len >= TAIOU_YARA_MAX_RULE_FILES)
            {
              set_error (error, TAIOU_YARA_ERROR_TOO_LARGE,
                         "%s: more than %u rule files\n"
                         "%s にルールファイルが多すぎます（%u 個まで）。",
                         dir, TAIOU_YARA_MAX_RULE_FILES, dir, TAIOU_YARA_MAX_RULE_FILES);
              return FALSE;
            }
          g_ptr_array_add (files, g_strdup (child));
        }
    }
  return TRUE;
}

static gboolean
collect_path (const char  *path,
              GPtrArray   *files,
              GError     **error)
{
  struct stat st;

  if (stat (path, &st) != 0)
    {
      int saved_errno = errno;

      set_error (error, TAIOU_YARA_ERROR_UNREADABLE,
                 "%s: the rule file cannot be read (%s)\n"
                 "ルールファイル %s を読めません（%s）。",
                 path, g_strerror (saved_errno), path, g_strerror (saved_errno));
      return FALSE;
    }
  if (S_ISDIR (st.st_mode))
    return collect_folder (path, 0, files, error);
  g_ptr_array_add (files, g_strdup (path));
  return TRUE;
}

static gboolean
define_externals (YR_COMPILER  *compiler,
                  GError      **error)
{
  static const char * const names[] = {
    _TAIOU_YARA_EXTERNAL_FILENAME, _TAIOU_YARA_EXTERNAL_FILEPATH,
    _TAIOU_YARA_EXTERNAL_EXTENSION, _TAIOU_YARA_EXTERNAL_FILETYPE, _TAIOU_YARA_EXTERNAL_OWNER,
  };

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    if (yr_compiler_define_string_variable (compiler, names[i], "") != ERROR_SUCCESS)
      {
        set_error (error, TAIOU_YARA_ERROR_FAILED,
                   "libyara could not define the variable %s\n"
                   "YARA の変数 %s を定義できませんでした。", names[i], names[i]);
        return FALSE;
      }
  return TRUE;
}

/* Compiles one text in its own namespace, so that two files may each have a rule "Dropper". */
static gboolean
add_rule_text (YR_COMPILER     *compiler,
               CompileProblem  *problem,
               const char      *origin,
               const char      *text,
               gsize            length,
               guint            index,
               GError         **error)
{
  g_autofree char *namespace_name = g_strdup_printf ("file%u", index);
  g_autofree char *terminated = NULL;

  if (length > TAIOU_YARA_MAX_RULE_FILE_BYTES)
    {
      set_error (error, TAIOU_YARA_ERROR_TOO_LARGE,
                 "%s: the rule file is larger than %u bytes\n"
                 "ルールファイル %s が大きすぎます（%u バイトまで）。",
                 origin, TAIOU_YARA_MAX_RULE_FILE_BYTES, origin, TAIOU_YARA_MAX_RULE_FILE_BYTES);
      return FALSE;
    }
  if (memchr (text, '\0', length) != NULL)
    {
      set_error (error, TAIOU_YARA_ERROR_INVALID_RULES,
                 "%s: not a YARA rule file (it holds binary data)\n"
                 "%s は YARA のルールファイルではありません（文字以外のデータを含みます）。",
                 origin, origin);
      return FALSE;
    }

  terminated = g_strndup (text, length);
  problem->path = origin;
  if (yr_compiler_add_string (compiler, terminated, namespace_name) > 0)
    {
      const char *message = problem->message != NULL ? problem->message : "syntax error";

      set_error (error, TAIOU_YARA_ERROR_INVALID_RULES,
                 "%s:%d: the YARA rule does not compile: %s\n"
                 "ルールファイル %s の %d 行目に誤りがあり、YARA ルールを読み込めません（%s）。",
                 origin, problem->line, message, origin, problem->line, message);
      return FALSE;
    }
  return TRUE;
}

static gboolean
add_rule_file (YR_COMPILER     *compiler,
               CompileProblem  *problem,
               const char      *path,
               guint            index,
               GError         **error)
{
  g_autoptr(GError) local_error = NULL;
  g_autofree char *text = NULL;
  gsize length;

  text = taiou_file_read_bounded (path, TAIOU_YARA_MAX_RULE_FILE_BYTES, &length, &local_error);
  if (text == NULL)
    {
      gboolean too_large = g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_NO_SPACE) ||
                           g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_MESSAGE_TOO_LARGE);

      set_error (error, too_large ? TAIOU_YARA_ERROR_TOO_LARGE : TAIOU_YARA_ERROR_UNREADABLE,
                 "%s: the rule file cannot be read (%s)\n"
                 "ルールファイル %s を読めません（%s）。",
                 path, local_error->message, path, local_error->message);
      return FALSE;
    }
  return add_rule_text (compiler, problem, path, text, length, index, error);
}

static YR_COMPILER *
compiler_new (CompileProblem  *problem,
              GError         **error)
{
  YR_COMPILER *compiler = NULL;

  _taiou_yara_initialize ();
  if (yr_compiler_create (&compiler) != ERROR_SUCCESS)
    {
      set_error (error, TAIOU_YARA_ERROR_FAILED,
                 "libyara could not create a compiler\nYARA のコンパイラーを作れませんでした。");
      return NULL;
    }
  yr_compiler_set_callback (compiler, compiler_cb, problem);
  yr_compiler_set_include_callback (compiler, refuse_include_cb, NULL, problem);
  if (!define_externals (compiler, error))
    g_clear_pointer (&compiler, yr_compiler_destroy);
  return compiler;
}

static TaiouYaraRules *
rules_new (YR_COMPILER  *compiler,
           GPtrArray    *files,
           GError      **error)
{
  g_autoptr(TaiouYaraRules) self = g_object_new (TAIOU_TYPE_YARA_RULES, NULL);
  YR_RULE *rule;

  if (yr_compiler_get_rules (compiler, &self->rules) != ERROR_SUCCESS)
    {
      set_error (error, TAIOU_YARA_ERROR_FAILED,
                 "libyara could not build the compiled rules\n"
                 "YARA ルールを組み立てられませんでした。");
      return NULL;
    }
  self->files = g_ptr_array_ref (files);
  yr_rules_foreach (self->rules, rule)
    self->n_rules++;
  return g_steal_pointer (&self);
}

/**
 * taiou_yara_rules_compile_text:
 * @origin: what to call the text in messages (a file name)
 *
 * Compiles rules given as text, with the same limits and messages as a file's; the fuzz
 * target's way in.
 *
 * Returns: (transfer full): the rules, or NULL with @error naming @origin and the line
 */
TaiouYaraRules *
taiou_yara_rules_compile_text (const char  *origin,
                               const char  *text,
                               gsize        length,
                               GError     **error)
{
  g_autoptr(GPtrArray) files = g_ptr_array_new_with_free_func (g_free);
  CompileProblem problem = { NULL, 0, NULL, NULL };
  YR_COMPILER *compiler;
  TaiouYaraRules *self = NULL;

  g_return_val_if_fail (origin != NULL, NULL);
  g_return_val_if_fail (text != NULL || length == 0, NULL);

  if ((compiler = compiler_new (&problem, error)) == NULL)
    return NULL;
  g_ptr_array_add (files, g_strdup (origin));
  if (add_rule_text (compiler, &problem, origin, text != NULL ? text : "", length, 0, error))
    self = rules_new (compiler, files, error);
  g_free (problem.message);
  g_free (problem.include);
  yr_compiler_destroy (compiler);
  return self;
}

/**
 * taiou_yara_rules_compile:
 * @bundled: whether to compile the rules that ship with Taiou (taiou_yara_bundled_dir(); a
 *   missing folder gives none, as an uninstalled build may have none)
 * @paths: (nullable): the user's rule files and folders (entered for `*.yar` and `*.yara`)
 *
 * Returns: (transfer full): the compiled rules, possibly none; NULL with @error naming the file
 *   and line of the first problem
 */
TaiouYaraRules *
taiou_yara_rules_compile (gboolean             bundled,
                          const char * const  *paths,
                          GError             **error)
{
  g_autoptr(GPtrArray) files = g_ptr_array_new_with_free_func (g_free);
  CompileProblem problem = { NULL, 0, NULL, NULL };
  YR_COMPILER *compiler;
  TaiouYaraRules *self = NULL;
  gboolean ok = TRUE;

  if (bundled && g_file_test (taiou_yara_bundled_dir (), G_FILE_TEST_IS_DIR) &&
      !collect_folder (taiou_yara_bundled_dir (), TAIOU_YARA_MAX_FOLDER_DEPTH, files, error))
    return NULL;
  for (guint i = 0; paths != NULL && paths[i] != NULL; i++)
    if (!collect_path (paths[i], files, error))
      return NULL;

  /* No rule at all (--no-yara): libyara is not even initialised, so the scan costs what it
   * cost before YARA. */
  if (files->len == 0)
    {
      self = g_object_new (TAIOU_TYPE_YARA_RULES, NULL);
      self->files = g_ptr_array_ref (files);
      return self;
    }
  if ((compiler = compiler_new (&problem, error)) == NULL)
    return NULL;
  /* libyara's compiler cannot go on after an error, so the first bad file ends it. */
  for (guint i = 0; ok && i < files->len; i++)
    ok = add_rule_file (compiler, &problem, files->pdata[i], i, error);
  if (ok)
    self = rules_new (compiler, files, error);
  g_free (problem.message);
  g_free (problem.include);
  yr_compiler_destroy (compiler);
  return self;
}

guint
taiou_yara_rules_get_n_rules (TaiouYaraRules *self)
{
  g_return_val_if_fail (TAIOU_IS_YARA_RULES (self), 0);
  return self->n_rules;
}

guint
taiou_yara_rules_get_n_files (TaiouYaraRules *self)
{
  g_return_val_if_fail (TAIOU_IS_YARA_RULES (self), 0);
  return self->files != NULL ? self->files->len : 0;
}

/* The file a rule came from, by its namespace, for the IT manager's evidence. */
const char *
_taiou_yara_rules_get_source (TaiouYaraRules *self,
                              const char     *namespace_name)
{
  guint64 index;

  g_assert (TAIOU_IS_YARA_RULES (self));
  if (namespace_name == NULL || !g_str_has_prefix (namespace_name, "file") ||
      !g_ascii_string_to_unsigned (namespace_name + 4, 10, 0, self->files->len - 1, &index, NULL))
    return NULL;
  return self->files->pdata[index];
}

YR_RULES *
_taiou_yara_rules_get (TaiouYaraRules *self)
{
  g_assert (TAIOU_IS_YARA_RULES (self));
  return self->rules;
}
