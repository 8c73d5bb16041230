/* test-sender-book.c — first contact: the hashed book of checked mail's senders, and the
 * mail.first-contact finding the case's mail check raises from it
 *
 * The book must keep nothing readable: each test greps the database files for the addresses
 * and names it added.  Every mail is synthetic.
 */
#define G_LOG_DOMAIN "test-sender-book"

#include "config.h"

#include <glib/gstdio.h>
#include <string.h>

#include "taiou-test-util.h"

#define FIRST_CONTACT_JA "このアドレスから届いたメールを調べるのは初めてです"

/* The database and its WAL, where the newest pages are. */
static gboolean
database_contains (const char *db_path,
                   const char *text)
{
  const char * const suffixes[] = { "", "-wal", "-shm" };

  for (gsize i = 0; i < G_N_ELEMENTS (suffixes); i++)
    {
      g_autofree char *path = g_strconcat (db_path, suffixes[i], NULL);
      g_autofree char *contents = NULL;
      gsize length = 0;

      if (!g_file_get_contents (path, &contents, &length, NULL))
        continue;
      for (gsize at = 0; at + strlen (text) <= length; at++)
        if (memcmp (contents + at, text, strlen (text)) == 0)
          return TRUE;
    }
  return FALSE;
}

static gboolean
seen (TaiouTimeline *timeline,
      const char    *key)
{
  g_autoptr(GError) error = NULL;
  gboolean result = FALSE;

  g_assert_true (taiou_timeline_sender_seen (timeline, key, &result, &error));
  g_assert_no_error (error);
  return result;
}

/* Every row of the book, read behind Taiou's back. */
static GPtrArray *
book_rows (const char *db_path,
           char      **salt_hex)
{
  GPtrArray *rows = g_ptr_array_new_with_free_func (g_free);
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;

  g_assert_cmpint (sqlite3_open_v2 (db_path, &db, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db, "SELECT * FROM sender_book", -1, &stmt, NULL), ==,
                   SQLITE_OK);
  /* One column: the digest, and nothing else (no time, no count, no name). */
  g_assert_cmpint (sqlite3_column_count (stmt), ==, 1);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    g_ptr_array_add (rows, g_strdup ((const char *) sqlite3_column_text (stmt, 0)));
  sqlite3_finalize (stmt);
  g_assert_cmpint (sqlite3_prepare_v2 (db, "SELECT hex(salt) FROM sender_book_salt", -1, &stmt,
                                       NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  *salt_hex = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_DONE);
  sqlite3_finalize (stmt);
  sqlite3_close (db);
  return rows;
}

static void
test_book_is_salted_and_hashed (void)
{
  g_autofree char *path = NULL;
  g_autofree char *other_path = NULL;
  g_autoptr(TaiouTimeline) timeline = taiou_test_timeline_new (&path);
  g_autoptr(TaiouTimeline) other = taiou_test_timeline_new (&other_path);
  g_autoptr(TaiouTimeline) reopened = NULL;
  g_autoptr(GPtrArray) rows = NULL;
  g_autoptr(GPtrArray) other_rows = NULL;
  g_autofree char *salt = NULL;
  g_autofree char *other_salt = NULL;
  g_autofree char *unsalted = NULL;
  g_autoptr(GError) error = NULL;
  const char * const keys[] = {
    "address:yamada.taro@partner-firm.example", "name:山田太郎", NULL
  };
  const char * const one_key[] = { "address:yamada.taro@partner-firm.example", NULL };
  const char * const none[] = { NULL };

  g_assert_false (seen (timeline, keys[0]));
  g_assert_true (taiou_timeline_add_senders (timeline, keys, &error));
  g_assert_no_error (error);
  /* Once is enough; adding again and adding nothing are no errors. */
  g_assert_true (taiou_timeline_add_senders (timeline, keys, &error));
  g_assert_true (taiou_timeline_add_senders (timeline, none, &error));
  g_assert_no_error (error);
  g_assert_true (seen (timeline, keys[0]));
  g_assert_true (seen (timeline, keys[1]));
  g_assert_false (seen (timeline, "address:yamada.taro@partner-firm.example.evil"));
  g_assert_false (seen (timeline, "name:山田太"));

  /* Another installation has its own salt: the same sender is another digest there. */
  g_assert_true (taiou_timeline_add_senders (other, one_key, &error));
  g_assert_no_error (error);
  g_assert_false (seen (other, keys[1]));

  rows = book_rows (path, &salt);
  other_rows = book_rows (other_path, &other_salt);
  g_assert_cmpuint (rows->len, ==, 2);
  g_assert_cmpuint (other_rows->len, ==, 1);
  g_assert_cmpuint (strlen (salt), ==, 64);
  g_assert_cmpstr (salt, !=, other_salt);
  unsalted = g_compute_checksum_for_string (G_CHECKSUM_SHA256, keys[0], -1);
  for (guint i = 0; i < rows->len; i++)
    {
      const char *digest = rows->pdata[i];

      g_assert_cmpuint (strlen (digest), ==, 64);
      for (const char *p = digest; *p != '\0'; p++)
        g_assert_true (g_ascii_isxdigit (*p));
      g_assert_cmpstr (digest, !=, other_rows->pdata[0]);
      g_assert_cmpstr (digest, !=, unsalted);
    }

  /* Nothing readable in the files, in either database. */
  for (guint i = 0; i < 2; i++)
    {
      const char *db = i == 0 ? path : other_path;

      g_assert_false (database_contains (db, "yamada.taro"));
      g_assert_false (database_contains (db, "partner-firm"));
      g_assert_false (database_contains (db, "山田"));
    }

  /* The book lasts: a later run of the app sees the sender. */
  g_clear_object (&timeline);
  reopened = taiou_timeline_open (path, &error);
  g_assert_no_error (error);
  g_assert_true (seen (reopened, keys[0]));
}

/* A database of the first schema gets the book, with its salt, when opened. */
static void
test_book_migrates_old_database (void)
{
  g_autofree char *path = taiou_test_db_path ();
  g_autoptr(TaiouTimeline) timeline = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *salt = NULL;
  g_autoptr(GPtrArray) rows = NULL;
  const char * const keys[] = { "address:a@partner.example", NULL };
  g_autofree char *folder = g_path_get_dirname (path);
  sqlite3 *db = NULL;

  /* Schema 1 as a database in the field has it ("TAIU" is the application id). */
  g_assert_cmpint (g_mkdir_with_parents (folder, 0700), ==, 0);
  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  sqlite3_close (db);
  taiou_test_sqlite_exec (path, "CREATE TABLE incidents (id INTEGER PRIMARY KEY);"
                                "CREATE TABLE events (seq INTEGER PRIMARY KEY,"
                                "  incident_id INTEGER, time_us INTEGER, kind TEXT, actor TEXT,"
                                "  host TEXT, summary TEXT, detail TEXT, prev_hash TEXT,"
                                "  hash TEXT);"
                                "PRAGMA application_id = 1413564757; PRAGMA user_version = 1");
  timeline = taiou_timeline_open (path, &error);
  g_assert_no_error (error);
  g_assert_true (taiou_timeline_add_senders (timeline, keys, &error));
  g_assert_no_error (error);
  rows = book_rows (path, &salt);
  g_assert_cmpuint (rows->len, ==, 1);
}

typedef struct
{
  char          *dir;
  char          *db_path;
  TaiouTimeline *timeline;
  TaiouCase     *with_book;
} Fixture;

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(TaiouProfile) profile = taiou_profile_new ();

  fixture->dir = g_dir_make_tmp ("taiou-book-XXXXXX", NULL);
  fixture->timeline = taiou_test_timeline_new (&fixture->db_path);
  taiou_profile_add_mail_domain (profile, "ourcorp.co.jp");
  taiou_profile_add_staff_name (profile, "山田 太郎");
  fixture->with_book = taiou_case_new (fixture->timeline, profile);
  taiou_case_set_ioc_sources (fixture->with_book, FALSE, NULL);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  g_clear_object (&fixture->with_book);
  g_clear_object (&fixture->timeline);
  g_rmdir (fixture->dir);
  g_free (fixture->dir);
  g_free (fixture->db_path);
}

static TaiouMailReport *
check (Fixture    *fixture,
       TaiouCase  *with,
       const char *from)
{
  g_autofree char *path = g_build_filename (fixture->dir, "mail.eml", NULL);
  g_autofree char *text = g_strdup_printf ("From: %s\r\n"
                                           "To: info@ourcorp.co.jp\r\n"
                                           "Subject: 来週の打ち合わせ\r\n"
                                           "Date: Mon, 23 Nov 2026 10:15:00 +0900\r\n"
                                           "Content-Type: text/plain; charset=UTF-8\r\n"
                                           "\r\n"
                                           "いつもお世話になっております。来週の打ち合わせの件で"
                                           "ご連絡しました。よろしくお願いいたします。\r\n", from);
  g_autoptr(GError) error = NULL;
  TaiouMailReport *report;

  g_assert_true (g_file_set_contents (path, text, -1, NULL));
  report = taiou_case_check_mail (with, path, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (report);
  g_unlink (path);
  return report;
}

static TaiouFinding *
first_contact (TaiouMailReport *report)
{
  for (guint i = 0; i < report->findings->len; i++)
    {
      TaiouFinding *finding = report->findings->pdata[i];

      if (g_str_equal (finding->rule_id, "mail.first-contact"))
        return finding;
    }
  return NULL;
}

/* A colleague's name: the first mail checked from the address says so, the next does not. */
static void
test_first_contact_our_name (Fixture       *fixture,
                             gconstpointer  data)
{
  g_autoptr(TaiouMailReport) first = check (fixture, fixture->with_book,
                                            "山田 太郎 <yamada@ourcorp.co.jp>");
  g_autoptr(TaiouMailReport) again = check (fixture, fixture->with_book,
                                            "\"山田　太郎\" <Yamada@OurCorp.co.jp>");
  TaiouFinding *finding = first_contact (first);

  g_assert_nonnull (finding);
  g_assert_cmpint (finding->score, <=, 40);
  g_assert_cmpstr (finding->object, ==, "yamada@ourcorp.co.jp");
  g_assert_nonnull (strstr (finding->reason_ja, FIRST_CONTACT_JA));
  g_assert_nonnull (strstr (finding->evidence_ja, "当社の「山田 太郎」"));
  g_assert_nonnull (strstr (finding->evidence, "yamada@ourcorp.co.jp"));
  /* A weak signal alone does not make the mail 要注意. */
  g_assert_cmpint (first->verdict, ==, TAIOU_MAIL_VERDICT_NOTHING_FOUND);
  /* Addresses compare lower-cased; names as the sender checks compare them. */
  g_assert_null (first_contact (again));
  g_assert_false (database_contains (fixture->db_path, "yamada@"));
  g_assert_false (database_contains (fixture->db_path, "山田"));
}

/* A colleague's name from an address outside: first contact beside the spoof; a mail found
 * dangerous does not make its sender familiar. */
static void
test_first_contact_spoof_stays_unfamiliar (Fixture       *fixture,
                                           gconstpointer  data)
{
  const char *from = "山田 太郎 <yamada.taro.ourcorp@freemail.example>";
  g_autoptr(TaiouMailReport) first = check (fixture, fixture->with_book, from);
  g_autoptr(TaiouMailReport) second = check (fixture, fixture->with_book, from);
  g_autoptr(GError) error = NULL;
  gboolean known = TRUE;

  g_assert_nonnull (first_contact (first));
  g_assert_cmpint (first->verdict, ==, TAIOU_MAIL_VERDICT_DANGEROUS);
  g_assert_nonnull (first_contact (second));
  g_assert_true (taiou_timeline_sender_seen (fixture->timeline,
                                             "address:yamada.taro.ourcorp@freemail.example",
                                             &known, &error));
  g_assert_false (known);
}

/* A partner's name seen before, now from another address. */
static void
test_first_contact_name_seen_before (Fixture       *fixture,
                                     gconstpointer  data)
{
  g_autoptr(TaiouMailReport) usual = check (fixture, fixture->with_book,
                                            "佐藤 花子 <sato@partner.example>");
  g_autoptr(TaiouMailReport) elsewhere = check (fixture, fixture->with_book,
                                                "佐藤 花子 <sato.hanako@freemail.example>");
  g_autoptr(TaiouMailReport) usual_again = check (fixture, fixture->with_book,
                                                  "佐藤 花子 <sato@partner.example>");
  g_autoptr(TaiouMailReport) stranger = check (fixture, fixture->with_book,
                                               "鈴木 一郎 <suzuki@another.example>");
  g_autoptr(TaiouMailReport) no_name = check (fixture, fixture->with_book,
                                              "<nobody@another.example>");
  TaiouFinding *finding = first_contact (elsewhere);

  /* A stranger's first mail is ordinary: no name we know, no finding. */
  g_assert_null (first_contact (usual));
  g_assert_null (first_contact (stranger));
  g_assert_null (first_contact (no_name));
  g_assert_nonnull (finding);
  g_assert_nonnull (strstr (finding->reason_ja, FIRST_CONTACT_JA));
  g_assert_nonnull (strstr (finding->evidence_ja, "以前に調べたメールにありました"));
  g_assert_null (first_contact (usual_again));
  g_assert_false (database_contains (fixture->db_path, "佐藤"));
  g_assert_false (database_contains (fixture->db_path, "partner.example"));
}

/* Without a record there is no book: the check runs and says nothing about first contact. */
static void
test_first_contact_needs_a_book (Fixture       *fixture,
                                 gconstpointer  data)
{
  g_autoptr(TaiouProfile) profile = taiou_profile_new ();
  g_autoptr(TaiouCase) no_book = NULL;
  g_autoptr(TaiouMailReport) report = NULL;

  taiou_profile_add_staff_name (profile, "山田 太郎");
  no_book = taiou_case_new (NULL, profile);
  taiou_case_set_ioc_sources (no_book, FALSE, NULL);
  report = check (fixture, no_book, "山田 太郎 <yamada@ourcorp.co.jp>");
  g_assert_null (first_contact (report));
}

/* The app's path: the triage runs in a worker thread and asks the book from there. */
static void
test_first_contact_async (Fixture       *fixture,
                          gconstpointer  data)
{
  g_autofree char *path = g_build_filename (fixture->dir, "async.eml", NULL);
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(TaiouMailReport) report = NULL;
  g_autoptr(TaiouMailReport) again = NULL;
  g_autoptr(GError) error = NULL;
  const char *text = "From: 山田 太郎 <yamada@ourcorp.co.jp>\r\nSubject: s\r\n"
                     "Date: Mon, 23 Nov 2026 10:15:00 +0900\r\n\r\n本日の会議資料です。\r\n";

  g_assert_true (g_file_set_contents (path, text, -1, NULL));
  taiou_case_check_mail_async (fixture->with_book, path, NULL, taiou_test_store_result, &result);
  while (result == NULL)
    g_main_context_iteration (NULL, TRUE);
  report = taiou_case_check_mail_finish (fixture->with_book, result, &error);
  g_assert_no_error (error);
  g_assert_nonnull (first_contact (report));
  again = check (fixture, fixture->with_book, "山田 太郎 <yamada@ourcorp.co.jp>");
  g_assert_null (first_contact (again));
  g_unlink (path);
}

#define ADD_TEST(path, func) \
  g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/taiou/sender-book/salted-and-hashed", test_book_is_salted_and_hashed);
  g_test_add_func ("/taiou/sender-book/migrates-old-database", test_book_migrates_old_database);
  ADD_TEST ("/taiou/sender-book/first-contact-our-name", test_first_contact_our_name);
  ADD_TEST ("/taiou/sender-book/first-contact-spoof-stays-unfamiliar",
            test_first_contact_spoof_stays_unfamiliar);
  ADD_TEST ("/taiou/sender-book/first-contact-name-seen-before",
            test_first_contact_name_seen_before);
  ADD_TEST ("/taiou/sender-book/first-contact-needs-a-book", test_first_contact_needs_a_book);
  ADD_TEST ("/taiou/sender-book/first-contact-async", test_first_contact_async);
  return g_test_run ();
}
