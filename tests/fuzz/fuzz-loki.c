/* fuzz-loki.c — the Loki log readers: Loki's text and CSV logs, Loki-RS's JSONL, and the
 * format detection that picks among them */
#include "config.h"

#include "taiou.h"

int LLVMFuzzerTestOneInput (const guint8 *data, size_t size);

int
LLVMFuzzerTestOneInput (const guint8 *data,
                        size_t        size)
{
  static const TaiouLokiFormat formats[] = {
    TAIOU_LOKI_FORMAT_AUTO, TAIOU_LOKI_FORMAT_TEXT, TAIOU_LOKI_FORMAT_CSV, TAIOU_LOKI_FORMAT_JSONL,
  };

  for (guint i = 0; i < G_N_ELEMENTS (formats); i++)
    {
      g_autoptr(TaiouLokiLog) log = taiou_loki_log_parse ("fuzz.log", (const char *) data, size,
                                                          formats[i], NULL);

      /* What the record would hold must be JSON a reader can take back. */
      if (log != NULL)
        {
          g_autoptr(JsonObject) summary = taiou_loki_log_to_json (log);

          for (guint j = 0; j < log->findings->len; j++)
            {
              g_autoptr(JsonObject) finding = taiou_loki_finding_to_json (log->findings->pdata[j]);
              g_autoptr(JsonNode) node = json_node_init_object (json_node_alloc (), finding);
              g_autofree char *text = json_to_string (node, FALSE);

              g_assert (g_utf8_validate (text, -1, NULL));
            }
        }
    }
  return 0;
}
