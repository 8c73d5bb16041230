/* test-utf16.c — the one UTF-16LE decoder (core/taiou-utf16.c) that the registry reader, .msg
 * properties, shortcuts and address books share
 *
 * Each case is a rule one of those callers relies on: a broken surrogate costs one U+FFFD (a
 * hostile .msg subject), an odd last byte is dropped (a truncated address book), and the text
 * ends at its first U+0000 (registry slack, a shortcut's fixed 260-character fields).
 */
#define G_LOG_DOMAIN "test-utf16"

#include "config.h"

#include <string.h>

#include "taiou-utf16-private.h"

#define REPLACEMENT "\xef\xbf\xbd"

static void
assert_decodes (const guint8 *data,
                gsize         length,
                const char   *expected,
                gboolean      expected_lossy)
{
  g_autofree char *text = NULL;
  gboolean lossy = !expected_lossy;

  text = _taiou_utf16le_to_utf8 (data, length, &lossy);
  g_assert_cmpstr (text, ==, expected);
  g_assert_true (g_utf8_validate (text, -1, NULL));
  g_assert_cmpint (lossy, ==, expected_lossy);
}

static void
test_lone_surrogate (void)
{
  /* "請", a high surrogate before "求" (which survives), a lone low one, then 📧 as a pair. */
  static const guint8 mixed[] = { 0xcb, 0x8a, 0x00, 0xd8, 0x42, 0x6c, 0x00, 0xdc,
                                  0x3d, 0xd8, 0xe7, 0xdc };
  static const guint8 high_at_end[] = { 'a', 0, 0x3d, 0xd8 };
  static const guint8 pair[] = { 0x3d, 0xd8, 0x00, 0xde };
  g_autofree char *text = NULL;

  assert_decodes (mixed, sizeof mixed, "請" REPLACEMENT "求" REPLACEMENT "📧", TRUE);
  assert_decodes (high_at_end, sizeof high_at_end, "a" REPLACEMENT, TRUE);
  assert_decodes (pair, sizeof pair, "\xf0\x9f\x98\x80", FALSE);
  /* A pair cut by the odd last byte is a lone high surrogate. */
  assert_decodes (pair, sizeof pair - 1, REPLACEMENT, TRUE);

  /* lossy is optional */
  text = _taiou_utf16le_to_utf8 (mixed, sizeof mixed, NULL);
  g_assert_cmpstr (text, ==, "請" REPLACEMENT "求" REPLACEMENT "📧");
}

static void
test_odd_length (void)
{
  static const guint8 odd[] = { 'o', 0, 'k', 0, 'x' };
  guint8 unaligned[1 + sizeof odd];

  assert_decodes (odd, sizeof odd, "ok", FALSE);
  assert_decodes (odd, 1, "", FALSE);
  /* Units are read with memcpy: an odd start address is fine. */
  memcpy (unaligned + 1, odd, sizeof odd);
  assert_decodes (unaligned + 1, sizeof odd, "ok", FALSE);
}

static void
test_embedded_nul (void)
{
  /* What follows the first U+0000 is slack, even a broken surrogate. */
  static const guint8 slack[] = { 'R', 0, 'u', 0, 'n', 0, 0, 0, 'x', 0, 0x00, 0xdc };
  static const guint8 empty_field[] = { 0, 0, 'a', 0 };

  assert_decodes (slack, sizeof slack, "Run", FALSE);
  /* A shortcut's Unicode field that starts with U+0000 is empty: its ANSI one is used. */
  assert_decodes (empty_field, sizeof empty_field, "", FALSE);
  assert_decodes (NULL, 0, "", FALSE);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/taiou/utf16/lone-surrogate-is-replaced", test_lone_surrogate);
  g_test_add_func ("/taiou/utf16/odd-byte-is-dropped", test_odd_length);
  g_test_add_func ("/taiou/utf16/ends-at-first-nul", test_embedded_nul);

  return g_test_run ();
}
