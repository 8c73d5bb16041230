/* test-mail-address.c — the domains and addresses people type into the settings */
#define G_LOG_DOMAIN "test-mail-address"

#include "config.h"

#include <string.h>

#include "taiou.h"

static void
test_domain_normalize (void)
{
  struct { const char *input; const char *expected; } cases[] = {
    { "example.co.jp", "example.co.jp" },
    { "  @Example.CO.JP. ", "example.co.jp" },
    { "xn--eckwd4c7c.xn--zckzah", "xn--eckwd4c7c.xn--zckzah" },
    { "mail-1.example.jp", "mail-1.example.jp" },
    { "localhost", NULL },
    { "", NULL },
    { "example..jp", NULL },
    { "-bad.example.jp", NULL },
    { "bad-.example.jp", NULL },
    { "exa mple.jp", NULL },
    { "例え.jp", NULL },
    { "a@b.jp", NULL },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *result = taiou_mail_domain_normalize (cases[i].input);
      g_assert_cmpstr (result, ==, cases[i].expected);
    }
}

static void
test_domains_parse (void)
{
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) domains = NULL;
  g_auto(GStrv) empty = NULL;
  g_autofree char *formatted = NULL;

  /* Japanese commas, full-width spaces, new lines, duplicates in another case. */
  domains = taiou_mail_domains_parse ("example.co.jp、@Example.jp\n"
                                      "sub.example.co.jp\xe3\x80\x80 EXAMPLE.CO.JP;", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_strv_length (domains), ==, 3);
  g_assert_cmpstr (domains[0], ==, "example.co.jp");
  g_assert_cmpstr (domains[1], ==, "example.jp");
  g_assert_cmpstr (domains[2], ==, "sub.example.co.jp");

  formatted = taiou_mail_domains_format ((const char * const *) domains);
  g_assert_cmpstr (formatted, ==, "example.co.jp, example.jp, sub.example.co.jp");

  empty = taiou_mail_domains_parse (" , ", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_strv_length (empty), ==, 0);
}

static void
test_domains_parse_names_bad_entry (void)
{
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) domains = NULL;

  domains = taiou_mail_domains_parse ("example.co.jp, taro@example.jp", &error);
  g_assert_null (domains);
  g_assert_error (error, TAIOU_MAIL_ADDRESS_ERROR, TAIOU_MAIL_ADDRESS_ERROR_INVALID_DOMAIN);
  g_assert_nonnull (strstr (error->message, "taro@example.jp"));
  g_clear_error (&error);

  domains = taiou_mail_domains_parse ("example.co.jp \xff", &error);
  g_assert_null (domains);
  g_assert_error (error, TAIOU_MAIL_ADDRESS_ERROR, TAIOU_MAIL_ADDRESS_ERROR_INVALID_DOMAIN);
}

static void
test_address_is_valid (void)
{
  g_assert_true (taiou_mail_address_is_valid ("taro@example.co.jp"));
  g_assert_true (taiou_mail_address_is_valid ("it.support+notice@Example.CO.JP"));
  g_assert_false (taiou_mail_address_is_valid ("taro"));
  g_assert_false (taiou_mail_address_is_valid ("@example.jp"));
  g_assert_false (taiou_mail_address_is_valid ("taro@localhost"));
  g_assert_false (taiou_mail_address_is_valid ("Taro <taro@example.jp>"));
  g_assert_false (taiou_mail_address_is_valid ("taro @example.jp"));
  g_assert_false (taiou_mail_address_is_valid (".taro@example.jp"));
  g_assert_false (taiou_mail_address_is_valid ("ta..ro@example.jp"));
  /* Header injection through a settings value must be impossible. */
  g_assert_false (taiou_mail_address_is_valid ("taro@example.jp\r\nBcc: all@example.jp"));
  g_assert_false (taiou_mail_address_is_valid ("taro\n@example.jp"));
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/taiou/mail-address/domain-normalize", test_domain_normalize);
  g_test_add_func ("/taiou/mail-address/domains-parse", test_domains_parse);
  g_test_add_func ("/taiou/mail-address/domains-parse-names-bad-entry",
                   test_domains_parse_names_bad_entry);
  g_test_add_func ("/taiou/mail-address/address-is-valid", test_address_is_valid);

  return g_test_run ();
}
