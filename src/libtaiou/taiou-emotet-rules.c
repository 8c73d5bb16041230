/* taiou-emotet-rules.c — EmoCheck's detections, as pure functions
 *
 * JPCERT/CC's EmoCheck stopped being distributed in 2023; these re-implement the behaviour of
 * its published scanners (emocheck/modules/scan_v1.cpp … scan_v5.cpp) from their description,
 * so that a PC infected by those Emotet generations is still recognised.  Each function takes
 * plain values, so the live probe, the offline Windows-volume probe and the tests all call the
 * same code.
 */
#define G_LOG_DOMAIN "taiou-emotet-rules"

#include "config.h"

#include <string.h>

#include "taiou-emotet-rules.h"

/* EmoCheck scan_v1: the 64 words Emotet built its process name from, in its order. */
static const char keywords[] =
  "duck,mfidl,targets,ptr,khmer,purge,metrics,acc,inet,msra,symbol,driver,"
  "sidebar,restore,msg,volume,cards,shext,query,roam,etw,mexico,basic,url,"
  "createa,blb,pal,cors,send,devices,radio,bid,format,thrd,taskmgr,timeout,"
  "vmd,ctl,bta,shlp,avi,exce,dbt,pfx,rtp,edge,mult,clr,wmistr,ellipse,vol,"
  "cyan,ses,guid,wce,wmp,dvb,elem,channel,space,digital,pdeft,violet,thunk";

#define KEYWORDS_LENGTH (sizeof keywords - 1)

/* The word around offset @at, the way Emotet (and so EmoCheck) picked it: walk back to the
 * comma before @at and take the word after it.  Two quirks are part of the behaviour and kept:
 * an offset on a comma picks the next word, and an offset inside the first word finds no comma
 * (the walk stops before index 0) and so yields the tail of that word from @at on. */
static void
append_keyword_at (GString *name,
                   gsize    at)
{
  gsize start = at;

  for (gsize i = at; i > 0; i--)
    if (keywords[i] == ',')
      {
        start = i;
        break;
      }
  if (keywords[start] == ',')
    start++;
  while (start < KEYWORDS_LENGTH && keywords[start] != ',')
    g_string_append_c (name, keywords[start++]);
}

/**
 * taiou_emotet_v1_process_name:
 * @volume_serial: the serial number of the Windows system volume
 *
 * EmoCheck scan_v1: Emotet named its process after two keywords chosen from the volume serial,
 * at `serial % len` and at `(0xFFFFFFFF − serial / len) % len` of the keyword list.
 *
 * Returns: (transfer full): the process name, e.g. "msgdriver.exe"
 */
char *
taiou_emotet_v1_process_name (guint32 volume_serial)
{
  GString *name = g_string_new (NULL);
  guint32 quotient = volume_serial / KEYWORDS_LENGTH;

  append_keyword_at (name, volume_serial % KEYWORDS_LENGTH);
  append_keyword_at (name, (0xFFFFFFFFu - quotient) % KEYWORDS_LENGTH);
  g_string_append (name, ".exe");
  return g_string_free (name, FALSE);
}

/**
 * taiou_emotet_v2_value_name:
 *
 * EmoCheck scan_v2: the name of the value Emotet stored under the Explorer key — the volume
 * serial in lowercase hexadecimal, without leading zeros.
 */
char *
taiou_emotet_v2_value_name (guint32 volume_serial)
{
  return g_strdup_printf ("%x", volume_serial);
}

/**
 * taiou_emotet_v2_decode_process_name:
 * @data: the REG_BINARY data of that value
 *
 * EmoCheck scan_v2: the data is the process name XOR-ed with the volume serial (byte i with
 * byte i % 4 of the serial, least significant first); only printable characters are kept.
 *
 * Returns: (transfer full) (nullable): the process name with ".exe", or NULL when nothing
 *   printable remains
 */
char *
taiou_emotet_v2_decode_process_name (guint32       volume_serial,
                                     const guint8 *data,
                                     gsize         length)
{
  g_autoptr(GString) name = g_string_new (NULL);

  g_return_val_if_fail (data != NULL || length == 0, NULL);

  for (gsize i = 0; i < length; i++)
    {
      guint8 key = (guint8) (volume_serial >> (8 * (i % 4)));
      guint8 c = data[i] ^ key;

      /* Strictly between space and tilde, as EmoCheck filters. */
      if (c > 0x20 && c < 0x7e)
        g_string_append_c (name, (char) c);
    }
  if (name->len == 0)
    return NULL;
  g_string_append (name, ".exe");
  return g_string_free (g_steal_pointer (&name), FALSE);
}
