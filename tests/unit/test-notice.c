/* test-notice.c — every template fills, refuses missing and injected variables, and reads as
 * Japanese should (no leftover braces, no half-width katakana, dates as 2026年11月23日)
 *
 * A native reviewer is not available here, so these checks stand in for the mechanical part
 * of one. */
#define G_LOG_DOMAIN "test-notice"

#include "config.h"

#include <string.h>

#include <gmime/gmime.h>

#include "taiou.h"
#include "taiou-test-notice.h"

static const char * const templates[] = {
  "partner-warning", "internal-report", "web-notice", "follow-up", "affected-person",
  "ppc-report-draft",
};

static TaiouNoticeTemplate *
load (const char *name)
{
  g_autofree char *file = g_strconcat (name, ".txt", NULL);
  g_autofree char *path = g_build_filename (TAIOU_SOURCE_ROOT, "data", "templates", "ja", file,
                                            NULL);
  g_autoptr(GError) error = NULL;
  TaiouNoticeTemplate *notice = taiou_notice_template_load (path, &error);

  g_assert_no_error (error);
  g_assert_nonnull (notice);
  return notice;
}

static char *
discovery_date (void)
{
  g_autoptr(GDateTime) date = g_date_time_new_local (2026, 11, 23, 9, 30, 0);

  return taiou_notice_format_date (date);
}

static gboolean
has_halfwidth_katakana (const char *text)
{
  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (c >= 0xFF61 && c <= 0xFF9F)
        return TRUE;
    }
  return FALSE;
}

static void
test_every_template_renders (void)
{
  g_autofree char *date = discovery_date ();

  g_assert_cmpstr (date, ==, "2026年11月23日");
  for (gsize t = 0; t < G_N_ELEMENTS (templates); t++)
    {
      g_autoptr(TaiouNoticeTemplate) notice = load (templates[t]);
      g_autoptr(GHashTable) variables = taiou_test_notice_variables (notice);
      g_autoptr(TaiouNoticeText) text = NULL;
      g_autoptr(GError) error = NULL;

      text = taiou_notice_render (notice, variables, &error);
      g_assert_no_error (error);
      g_assert_nonnull (taiou_notice_template_get_title (notice));
      g_assert_null (strstr (text->body, "{{"));
      g_assert_null (strstr (text->body, "}}"));
      g_assert_false (has_halfwidth_katakana (text->body));
      if (g_strv_contains (taiou_notice_template_get_required (notice), "company"))
        g_assert_nonnull (strstr (text->body, "株式会社アワ商事"));
      g_assert_nonnull (strstr (text->body, "2026年11月23日"));
      if (text->subject != NULL)
        {
          g_assert_null (strstr (text->subject, "{{"));
          g_assert_null (strchr (text->subject, '\n'));
        }
      /* Lists become one 「・」 line per item. */
      if (taiou_notice_template_is_list (notice, "our_domains"))
        g_assert_nonnull (strstr (text->body, "・ourcorp.co.jp\n・mail.ourcorp.co.jp"));
    }
}

static void
test_missing_variables_are_named (void)
{
  for (gsize t = 0; t < G_N_ELEMENTS (templates); t++)
    {
      g_autoptr(TaiouNoticeTemplate) notice = load (templates[t]);
      g_autoptr(GHashTable) variables = g_hash_table_new (g_str_hash, g_str_equal);
      g_autoptr(TaiouNoticeText) text = NULL;
      g_autoptr(GError) error = NULL;
      const char * const *required = taiou_notice_template_get_required (notice);

      /* Spaces alone are not a value. */
      g_hash_table_insert (variables, (gpointer) "company", (gpointer) "　 ");
      text = taiou_notice_render (notice, variables, &error);
      g_assert_error (error, TAIOU_NOTICE_ERROR, TAIOU_NOTICE_ERROR_MISSING);
      g_assert_null (text);
      g_assert_cmpuint (g_strv_length ((char **) required), >, 0);
      for (guint i = 0; required[i] != NULL; i++)
        g_assert_nonnull (strstr (error->message, required[i]));
    }
}

static void
test_injection_is_refused (void)
{
  const char *attacks[] = { "アワ商事\r\nBcc: everyone@example.com", "A\nB", "A\tB", "A\x1b[2J",
                            "A\u2028B" };

  for (gsize i = 0; i < G_N_ELEMENTS (attacks); i++)
    {
      g_autoptr(TaiouNoticeTemplate) notice = load ("partner-warning");
      g_autoptr(GHashTable) variables = taiou_test_notice_variables (notice);
      g_autoptr(TaiouNoticeText) text = NULL;
      g_autoptr(GError) error = NULL;

      g_hash_table_insert (variables, (gpointer) "company", g_strdup (attacks[i]));
      text = taiou_notice_render (notice, variables, &error);
      g_assert_error (error, TAIOU_NOTICE_ERROR, TAIOU_NOTICE_ERROR_INVALID);
      g_assert_nonnull (strstr (error->message, "company"));
      g_assert_null (text);
    }
  {
    /* A list may hold line breaks between items, but not a carriage return. */
    g_autoptr(TaiouNoticeTemplate) notice = load ("partner-warning");
    g_autoptr(GHashTable) variables = taiou_test_notice_variables (notice);
    g_autoptr(TaiouNoticeText) text = NULL;
    g_autoptr(GError) error = NULL;

    g_hash_table_insert (variables, (gpointer) "our_domains", g_strdup ("a.example\r\nb.example"));
    text = taiou_notice_render (notice, variables, &error);
    g_assert_error (error, TAIOU_NOTICE_ERROR, TAIOU_NOTICE_ERROR_INVALID);
  }
}

static gboolean
names_contain (GPtrArray  *names,
               const char *name)
{
  return g_ptr_array_find_with_equal_func (names, name, g_str_equal, NULL);
}

/* The one rule the renderer, the editor's form and the CLI share: names, not messages. */
static void
test_check_variables (void)
{
  g_autoptr(TaiouNoticeTemplate) notice = load ("partner-warning");
  g_autoptr(GHashTable) variables = taiou_test_notice_variables (notice);
  g_autoptr(GPtrArray) missing = NULL;
  g_autoptr(GPtrArray) refused = NULL;

  /* Everything given, a list with a line break between its items. */
  g_assert_true (strchr (g_hash_table_lookup (variables, "our_domains"), '\n') != NULL);
  g_assert_true (taiou_notice_template_check_variables (notice, variables, &missing, &refused));
  g_assert_cmpuint (missing->len, ==, 0);
  g_assert_cmpuint (refused->len, ==, 0);
  g_clear_pointer (&missing, g_ptr_array_unref);
  g_clear_pointer (&refused, g_ptr_array_unref);

  /* An optional variable not given is not missing. */
  g_hash_table_remove (variables, "spoofed_names");
  g_hash_table_insert (variables, (gpointer) "contact_email", g_strdup (" "));
  g_assert_true (taiou_notice_template_check_variables (notice, variables, NULL, NULL));

  /* A required one not given, one of spaces only, and one with a line break. */
  g_hash_table_remove (variables, "contact_name");
  g_hash_table_insert (variables, (gpointer) "contact_phone", g_strdup ("　 "));
  g_hash_table_insert (variables, (gpointer) "company", g_strdup ("A\nBcc: x@example.com"));
  g_assert_false (taiou_notice_template_check_variables (notice, variables, &missing, &refused));
  g_assert_cmpuint (missing->len, ==, 2);
  g_assert_cmpstr (missing->pdata[0], ==, "contact_name");
  g_assert_cmpstr (missing->pdata[1], ==, "contact_phone");
  g_assert_cmpuint (refused->len, ==, 1);
  g_assert_cmpstr (refused->pdata[0], ==, "company");
  g_assert_false (names_contain (missing, "company"));
  g_assert_false (names_contain (missing, "spoofed_names"));
  g_assert_false (names_contain (missing, "contact_email"));
  g_clear_pointer (&missing, g_ptr_array_unref);
  g_clear_pointer (&refused, g_ptr_array_unref);

  /* A list's items may not hold a carriage return, nor an optional value a line break. */
  g_hash_table_insert (variables, (gpointer) "our_domains", g_strdup ("a.example\r\nb.example"));
  g_hash_table_insert (variables, (gpointer) "contact_email", g_strdup ("a@example.com\n"));
  g_assert_false (taiou_notice_template_check_variables (notice, variables, NULL, &refused));
  g_assert_cmpuint (refused->len, ==, 3);
  g_assert_cmpstr (refused->pdata[0], ==, "company");
  g_assert_cmpstr (refused->pdata[1], ==, "our_domains");
  g_assert_cmpstr (refused->pdata[2], ==, "contact_email");
}

static void
test_optional_sections (void)
{
  g_autoptr(TaiouNoticeTemplate) notice = load ("partner-warning");
  g_autoptr(GHashTable) variables = taiou_test_notice_variables (notice);
  g_autoptr(TaiouNoticeText) with = NULL;
  g_autoptr(TaiouNoticeText) without = NULL;

  with = taiou_notice_render (notice, variables, NULL);
  g_assert_nonnull (strstr (with->body, "悪用が確認されている差出人の表示名"));
  g_assert_nonnull (strstr (with->body, "メール："));
  g_hash_table_remove (variables, "spoofed_names");
  g_hash_table_remove (variables, "contact_email");
  without = taiou_notice_render (notice, variables, NULL);
  g_assert_null (strstr (without->body, "悪用が確認されている差出人の表示名"));
  g_assert_null (strstr (without->body, "メール："));
  g_assert_nonnull (strstr (without->body, "・件名が「RE:」"));
  g_assert_cmpstr (with->subject, ==, "【重要】弊社を装った不審なメールに関するお詫びとご注意のお願い");
}

/* Every variable a template declares is used in it, so none is asked for in vain. */
static void
test_declared_variables_are_used (void)
{
  for (gsize t = 0; t < G_N_ELEMENTS (templates); t++)
    {
      g_autoptr(TaiouNoticeTemplate) notice = load (templates[t]);
      g_autoptr(GHashTable) variables = taiou_test_notice_variables (notice);
      g_autoptr(TaiouNoticeText) text = taiou_notice_render (notice, variables, NULL);
      g_autofree char *all = g_strconcat (text->subject != NULL ? text->subject : "", "\n",
                                          text->body, NULL);
      GHashTableIter iter;
      gpointer name, value;

      g_hash_table_iter_init (&iter, variables);
      while (g_hash_table_iter_next (&iter, &name, &value))
        {
          g_auto(GStrv) lines = g_strsplit (value, "\n", 2);
          /* A list's first item shows as a 「・」 line: "ourcorp.co.jp" alone is also part of
           * the contact's address. */
          g_autofree char *shown = taiou_notice_template_is_list (notice, name)
                                   ? g_strconcat ("・", lines[0], NULL) : g_strdup (lines[0]);

          if (strstr (all, shown) == NULL)
            g_error ("%s: the variable %s is declared but not used", templates[t],
                     (char *) name);
        }
    }
}

static void
test_malformed_templates (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TaiouNoticeTemplate) undeclared = NULL;
  g_autoptr(TaiouNoticeTemplate) headerless = NULL;
  g_autoptr(TaiouNoticeTemplate) list_subject = NULL;
  g_autoptr(TaiouNoticeTemplate) control_subject = NULL;
  g_autoptr(TaiouNoticeTemplate) crlf = NULL;

  undeclared = taiou_notice_template_parse ("x", "# title: x\n# required: a\n---\n{{a}}{{b}}\n",
                                            &error);
  g_assert_error (error, TAIOU_NOTICE_ERROR, TAIOU_NOTICE_ERROR_TEMPLATE);
  g_assert_nonnull (strstr (error->message, "“b”"));
  g_clear_error (&error);
  list_subject = taiou_notice_template_parse ("z", "# title: z\n# required: l\n# list: l\n---\n"
                                              "件名: {{l}}\n\n{{l}}\n", &error);
  g_assert_error (error, TAIOU_NOTICE_ERROR, TAIOU_NOTICE_ERROR_TEMPLATE);
  g_assert_null (list_subject);
  g_clear_error (&error);
  control_subject = taiou_notice_template_parse ("c", "# title: c\n---\n件名: a\rBcc: x\n\nb\n",
                                                 &error);
  g_assert_error (error, TAIOU_NOTICE_ERROR, TAIOU_NOTICE_ERROR_TEMPLATE);
  g_assert_null (control_subject);
  g_clear_error (&error);
  crlf = taiou_notice_template_parse ("w", "# title: w\r\n---\r\n件名: s\r\n\r\nb\r\n", &error);
  g_assert_no_error (error);
  g_assert_nonnull (crlf);
  headerless = taiou_notice_template_parse ("y", "本文だけ\n", &error);
  g_assert_error (error, TAIOU_NOTICE_ERROR, TAIOU_NOTICE_ERROR_TEMPLATE);
}

static void
test_recipients (void)
{
  const char *pasted = "tanaka@partner.example、Suzuki@Partner.Example\n"
                       "佐藤 <sato@other.example>; tanaka@PARTNER.example\n"
                       "not-an-address@ bad@@x.example\n";
  const char *outlook_csv = "\"名\",\"姓\",\"電子メール アドレス\"\r\n"
                            "\"太郎\",\"山田\",\"yamada@a.example\"\r\n"
                            "\"花子\",\"佐藤\",\"sato@b.example\"\r\n";
  const char *vcards = "BEGIN:VCARD\nVERSION:3.0\nFN:山田 太郎\nEMAIL;TYPE=INTERNET,WORK:yamada@a.example\n"
                       "END:VCARD\nBEGIN:VCARD\nVERSION:4.0\nFN:C\n"
                       "item1.EMAIL;TYPE=work:c@c.example\nEND:VCARD\n";
  g_autoptr(TaiouNoticeRecipients) from_paste = taiou_notice_recipients_parse (pasted);
  g_autoptr(TaiouNoticeRecipients) from_csv = taiou_notice_recipients_parse (outlook_csv);
  g_autoptr(TaiouNoticeRecipients) from_vcard = taiou_notice_recipients_parse (vcards);

  /* Duplicates differ only in the domain's case; the local part's case is kept. */
  g_assert_cmpuint (from_paste->addresses->len, ==, 3);
  g_assert_cmpstr (from_paste->addresses->pdata[0], ==, "tanaka@partner.example");
  g_assert_cmpstr (from_paste->addresses->pdata[1], ==, "Suzuki@partner.example");
  g_assert_cmpstr (from_paste->addresses->pdata[2], ==, "sato@other.example");
  g_assert_cmpuint (from_paste->invalid->len, ==, 2);
  g_assert_cmpuint (from_csv->addresses->len, ==, 2);
  g_assert_cmpstr (from_csv->addresses->pdata[1], ==, "sato@b.example");
  g_assert_cmpuint (from_csv->invalid->len, ==, 0);
  g_assert_cmpuint (from_vcard->addresses->len, ==, 2);
  g_assert_cmpstr (from_vcard->addresses->pdata[1], ==, "c@c.example");
}

/* Japanese Outlook exports Shift_JIS (whose second bytes include "@": ァ is 0x83 0x40) or, as
 * "Unicode", UTF-16 with a BOM; decoded, both give the addresses and nothing invalid. */
static void
test_recipients_file_encodings (void)
{
  const char *csv = "\"名\",\"姓\",\"電子メール アドレス\"\r\n"
                    "\"ファイル\",\"山田\",\"yamada@a.example\"\r\n"
                    "\"花子\",\"佐藤\",\"sato@b.example\"\r\n";
  const char * const encodings[] = { "CP932", "UTF-16LE", "UTF-16BE", "UTF-8" };
  const char * const boms[] = { "", "\xff\xfe", "\xfe\xff", "\xef\xbb\xbf" };

  for (gsize e = 0; e < G_N_ELEMENTS (encodings); e++)
    {
      gsize length = 0;
      g_autofree char *encoded = g_convert (csv, -1, encodings[e], "UTF-8", NULL, &length, NULL);
      g_autoptr(GByteArray) file = g_byte_array_new ();
      g_autoptr(TaiouNoticeRecipients) recipients = NULL;

      g_assert_nonnull (encoded);
      g_byte_array_append (file, (const guint8 *) boms[e], (guint) strlen (boms[e]));
      g_byte_array_append (file, (const guint8 *) encoded, (guint) length);
      recipients = taiou_notice_recipients_parse_file ((const char *) file->data, file->len);
      g_assert_cmpuint (recipients->addresses->len, ==, 2);
      g_assert_cmpstr (recipients->addresses->pdata[0], ==, "yamada@a.example");
      g_assert_cmpstr (recipients->addresses->pdata[1], ==, "sato@b.example");
      g_assert_cmpuint (recipients->invalid->len, ==, 0);
    }

  /* One broken character spoils one character (UTF-16) or one line (Shift_JIS), not the file:
   * a lone surrogate, and a byte that is not CP932 on a line of its own. */
  {
    static const char utf16[] = "\xff\xfe" "a\0@\0b\0.\0j\0p\0\n\0" "\x00\xd8" "\n\0"
                                "c\0@\0d\0.\0j\0p\0";
    g_autofree char *sjis = g_convert ("\"ファイル\",\"yamada@a.example\"\n", -1, "CP932",
                                       "UTF-8", NULL, NULL, NULL);
    g_autofree char *broken_sjis = g_strconcat ("\x85\xff\n", sjis, NULL);
    g_autoptr(TaiouNoticeRecipients) from_utf16 =
      taiou_notice_recipients_parse_file (utf16, sizeof utf16 - 1);
    g_autoptr(TaiouNoticeRecipients) from_sjis =
      taiou_notice_recipients_parse_file (broken_sjis, strlen (broken_sjis));

    g_assert_cmpuint (from_utf16->addresses->len, ==, 2);
    g_assert_cmpstr (from_utf16->addresses->pdata[1], ==, "c@d.jp");
    g_assert_cmpuint (from_utf16->invalid->len, ==, 0);
    g_assert_cmpuint (from_sjis->addresses->len, ==, 1);
    g_assert_cmpstr (from_sjis->addresses->pdata[0], ==, "yamada@a.example");
    g_assert_cmpuint (from_sjis->invalid->len, ==, 0);
  }
}

static TaiouNoticeText *
render_partner_warning (void)
{
  g_autoptr(TaiouNoticeTemplate) notice = load ("partner-warning");
  g_autoptr(GHashTable) variables = taiou_test_notice_variables (notice);
  TaiouNoticeText *text = taiou_notice_render (notice, variables, NULL);

  g_assert_nonnull (text);
  return text;
}

static void
test_eml_batches (void)
{
  g_autoptr(TaiouNoticeText) text = render_partner_warning ();
  g_autoptr(GPtrArray) addresses = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GDateTime) date = g_date_time_new_local (2026, 11, 23, 14, 0, 0);
  g_autoptr(GPtrArray) batches = NULL;
  g_autoptr(GError) error = NULL;
  const guint expected[] = { 50, 50, 20 };

  for (guint i = 0; i < 120; i++)
    g_ptr_array_add (addresses, g_strdup_printf ("partner%u@example.com", i));
  batches = taiou_notice_build_eml (text, "soumu@ourcorp.co.jp", "help@ourcorp.co.jp", addresses,
                                    0, date, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (batches->len, ==, 3);
  for (guint b = 0; b < batches->len; b++)
    {
      gsize length;
      const char *data = g_bytes_get_data (batches->pdata[b], &length);
      GMimeStream *stream = g_mime_stream_mem_new_with_buffer (data, length);
      GMimeParser *parser = g_mime_parser_new_with_stream (stream);
      GMimeMessage *message = g_mime_parser_construct_message (parser, NULL);
      GMimeObject *part;
      g_autofree char *body = NULL;

      g_assert_nonnull (message);
      g_assert_cmpstr (g_mime_message_get_subject (message), ==, text->subject);
      g_assert_cmpint (internet_address_list_length (g_mime_message_get_bcc (message)), ==,
                       (int) expected[b]);
      g_assert_cmpint (internet_address_list_length (g_mime_message_get_to (message)), ==, 1);
      g_assert_cmpint (internet_address_list_length (g_mime_message_get_cc (message)), ==, 0);
      g_assert_nonnull (g_mime_message_get_message_id (message));
      g_assert_nonnull (g_mime_message_get_date (message));
      /* One plain-text part: never an attachment. */
      part = g_mime_message_get_mime_part (message);
      g_assert_true (GMIME_IS_TEXT_PART (part));
      body = g_mime_text_part_get_text (GMIME_TEXT_PART (part));
      g_strdelimit (body, "\r", ' ');
      g_assert_nonnull (strstr (body, "お取引先各位"));
      /* Raw header: the subject is RFC 2047-encoded, the file is ASCII. */
      g_assert_nonnull (g_strstr_len (data, (gssize) length, "Subject: =?"));
      for (gsize i = 0; i < length; i++)
        g_assert_cmpint ((guchar) data[i], <, 0x80);
      g_object_unref (message);
      g_object_unref (parser);
      g_object_unref (stream);
    }
}

static void
test_eml_refusals (void)
{
  g_autoptr(TaiouNoticeText) text = render_partner_warning ();
  g_autoptr(GPtrArray) none = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) one = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GDateTime) date = g_date_time_new_now_local ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) bad_from = NULL;
  g_autoptr(GPtrArray) no_recipients = NULL;

  g_ptr_array_add (one, g_strdup ("a@example.com"));
  bad_from = taiou_notice_build_eml (text, "soumu@ourcorp.co.jp\r\nBcc: x@y.example", NULL, one,
                                     50, date, &error);
  g_assert_error (error, TAIOU_NOTICE_ERROR, TAIOU_NOTICE_ERROR_INVALID);
  g_assert_null (bad_from);
  g_clear_error (&error);
  no_recipients = taiou_notice_build_eml (text, "soumu@ourcorp.co.jp", NULL, none, 50, date,
                                          &error);
  g_assert_error (error, TAIOU_NOTICE_ERROR, TAIOU_NOTICE_ERROR_MISSING);
  g_assert_null (no_recipients);
}

/* The mail program gets the subject, the body with CRLF, and only this batch in Bcc; nothing
 * in a value can add a parameter of its own. */
static void
test_mailto (void)
{
  g_autoptr(TaiouNoticeText) text = render_partner_warning ();
  g_autoptr(GPtrArray) addresses = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GUri) uri = NULL;
  g_autoptr(GHashTable) params = NULL;
  g_autofree char *mailto = NULL;
  g_autofree char *alone = NULL;
  g_autofree char *crlf_body = NULL;
  g_auto(GStrv) lines = NULL;
  g_autoptr(GError) error = NULL;

  for (guint i = 0; i < 5; i++)
    g_ptr_array_add (addresses, g_strdup_printf ("p%u+x&bcc=evil@example.com", i));
  g_ptr_array_add (addresses, g_strdup ("last@example.com"));
  mailto = taiou_notice_build_mailto (text, addresses, 2, 3);
  g_assert_true (g_str_has_prefix (mailto, "mailto:?"));
  uri = g_uri_parse (mailto, G_URI_FLAGS_ENCODED_QUERY, &error);
  g_assert_no_error (error);
  params = g_uri_parse_params (g_uri_get_query (uri), -1, "&", G_URI_PARAMS_NONE, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_hash_table_size (params), ==, 3);
  g_assert_cmpstr (g_hash_table_lookup (params, "bcc"), ==,
                   "p2+x&bcc=evil@example.com,p3+x&bcc=evil@example.com,"
                   "p4+x&bcc=evil@example.com");
  g_assert_cmpstr (g_hash_table_lookup (params, "subject"), ==, text->subject);
  lines = g_strsplit (text->body, "\n", -1);
  crlf_body = g_strjoinv ("\r\n", lines);
  g_assert_cmpstr (g_hash_table_lookup (params, "body"), ==, crlf_body);

  /* Past the end of the list, and without recipients: no Bcc at all. */
  alone = taiou_notice_build_mailto (text, NULL, 0, 50);
  g_assert_null (strstr (alone, "bcc="));
  g_assert_nonnull (strstr (alone, "subject="));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_mime_init ();

  g_test_add_func ("/notice/every-template-renders", test_every_template_renders);
  g_test_add_func ("/notice/missing-variables-are-named", test_missing_variables_are_named);
  g_test_add_func ("/notice/injection-is-refused", test_injection_is_refused);
  g_test_add_func ("/notice/check-variables", test_check_variables);
  g_test_add_func ("/notice/optional-sections", test_optional_sections);
  g_test_add_func ("/notice/declared-variables-are-used", test_declared_variables_are_used);
  g_test_add_func ("/notice/malformed-templates", test_malformed_templates);
  g_test_add_func ("/notice/recipients", test_recipients);
  g_test_add_func ("/notice/recipients-file-encodings", test_recipients_file_encodings);
  g_test_add_func ("/notice/eml-batches", test_eml_batches);
  g_test_add_func ("/notice/eml-refusals", test_eml_refusals);
  g_test_add_func ("/notice/mailto", test_mailto);
  return g_test_run ();
}
