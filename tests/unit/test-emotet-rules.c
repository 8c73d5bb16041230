/* test-emotet-rules.c — EmoCheck's name derivations, against an independent implementation
 *
 * The expected names were computed by a separate Python implementation of the behaviour
 * described in FACTS.md (EmoCheck scan_v1/scan_v2), including its quirks. */
#define G_LOG_DOMAIN "test-emotet-rules"

#include "config.h"

#include "taiou.h"

static void
test_v1_process_name (void)
{
  struct { guint32 serial; const char *name; } cases[] = {
    { 0x12345678, "ptrthunk.exe" },
    { 0xDEADBEEF, "etwwce.exe" },
    { 0xFFFFFFFF, "elemvol.exe" },
    { 0, "duckelem.exe" },
    /* An offset inside the first word yields its tail. */
    { 2, "ckelem.exe" },
    /* An offset on a comma yields the next word. */
    { 4, "mfidlelem.exe" },
    { 356002, "ckkhmer.exe" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *name = taiou_emotet_v1_process_name (cases[i].serial);

      g_assert_cmpstr (name, ==, cases[i].name);
    }
}

static void
test_v2_value_name (void)
{
  g_autofree char *name = taiou_emotet_v2_value_name (0x0A2B3C4D);
  g_autofree char *zero = taiou_emotet_v2_value_name (0);

  g_assert_cmpstr (name, ==, "a2b3c4d");
  g_assert_cmpstr (zero, ==, "0");
}

static void
test_v2_decode (void)
{
  const guint32 serial = 0x1A2B3C4D;
  const char *plain = "msgdriver";
  guint8 data[9];
  g_autofree char *decoded = NULL;
  g_autofree char *nothing = NULL;
  guint8 unprintable[4];

  /* Byte i is XOR-ed with byte i % 4 of the serial, least significant first. */
  for (guint i = 0; i < sizeof data; i++)
    data[i] = (guint8) plain[i] ^ (guint8) (serial >> (8 * (i % 4)));
  decoded = taiou_emotet_v2_decode_process_name (serial, data, sizeof data);
  g_assert_cmpstr (decoded, ==, "msgdriver.exe");

  /* Only characters strictly between space and tilde are kept. */
  unprintable[0] = ' ' ^ 0x4D;
  unprintable[1] = '~' ^ 0x3C;
  unprintable[2] = 0x00 ^ 0x2B;
  unprintable[3] = 0x7F ^ 0x1A;
  nothing = taiou_emotet_v2_decode_process_name (serial, unprintable, sizeof unprintable);
  g_assert_null (nothing);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/taiou/emotet-rules/v1-process-name", test_v1_process_name);
  g_test_add_func ("/taiou/emotet-rules/v2-value-name", test_v2_value_name);
  g_test_add_func ("/taiou/emotet-rules/v2-decode", test_v2_decode);

  return g_test_run ();
}
