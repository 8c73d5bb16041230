/* fuzz-notice.c — the notice path: a template parsed from hostile text, filled with hostile
 * variables, turned into .eml; and a hostile recipient list.  Whatever the input, a rendered
 * subject never holds a line break, a built .eml never has a header line it did not make and a
 * mailto: link never has a field it did not make. */
#include "config.h"

#include <string.h>

#include "taiou.h"

int LLVMFuzzerTestOneInput (const guint8 *data, size_t size);

/* A header we write, or the continuation of one (GMime folds long ones, "Bcc:" then lines that
 * start with a space). */
static gboolean
is_our_header_line (const char *line)
{
  static const char * const names[] = {
    "From:", "To:", "Bcc:", "Reply-To:", "Subject:", "Date:", "Message-Id:", "MIME-Version:",
    "Content-Type:", "Content-Transfer-Encoding:",
  };

  if (line[0] == ' ' || line[0] == '\t' || line[0] == '\0')
    return TRUE;
  for (gsize i = 0; i < G_N_ELEMENTS (names); i++)
    if (g_str_has_prefix (line, names[i]))
      return TRUE;
  return FALSE;
}

int
LLVMFuzzerTestOneInput (const guint8 *data,
                        size_t        size)
{
  g_autofree char *text = g_strndup ((const char *) data, size);
  g_autoptr(TaiouNoticeRecipients) recipients = taiou_notice_recipients_parse (text);
  g_autoptr(TaiouNoticeRecipients) from_file = taiou_notice_recipients_parse_file (
    (const char *) data, size);
  g_autoptr(TaiouNoticeTemplate) notice = NULL;
  g_autoptr(GHashTable) variables = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                                           g_free);
  g_autoptr(TaiouNoticeText) rendered = NULL;
  g_auto(GStrv) parts = NULL;
  const char *values;

  /* Whatever the encoding guessed, only valid addresses come out of an address book. */
  for (guint i = 0; i < from_file->addresses->len; i++)
    g_assert (taiou_mail_address_is_valid (from_file->addresses->pdata[i]));

  /* TEMPLATE \x01 name=value \x01 name=value … */
  parts = g_strsplit (text, "\x01", -1);
  if (parts[0] == NULL)
    return 0;
  notice = taiou_notice_template_parse ("fuzz", parts[0], NULL);
  if (notice == NULL)
    return 0;
  for (guint i = 1; parts[i] != NULL; i++)
    {
      char *equals = strchr (parts[i], '=');

      if (equals != NULL)
        g_hash_table_insert (variables, g_strndup (parts[i], (gsize) (equals - parts[i])),
                             g_strdup (equals + 1));
    }
  rendered = taiou_notice_render (notice, variables, NULL);
  if (rendered == NULL)
    return 0;
  g_assert (rendered->subject == NULL || strpbrk (rendered->subject, "\r\n") == NULL);
  values = rendered->body;
  g_assert (values != NULL);
  {
    /* The mailto: link for the mail program: printable ASCII, and only our three fields. */
    g_autofree char *mailto = taiou_notice_build_mailto (rendered, recipients->addresses, 0, 2);
    g_autoptr(GUri) uri = NULL;
    g_autoptr(GHashTable) params = NULL;

    for (const char *c = mailto; *c != '\0'; c++)
      g_assert (*c > 0x20 && *c < 0x7f);
    uri = g_uri_parse (mailto, G_URI_FLAGS_ENCODED_QUERY, NULL);
    g_assert (uri != NULL);
    params = g_uri_parse_params (g_uri_get_query (uri), -1, "&", G_URI_PARAMS_NONE, NULL);
    g_assert (params != NULL && g_hash_table_size (params) <= 3);
  }
  if (rendered->subject != NULL && recipients->addresses->len > 0)
    {
      g_autoptr(GDateTime) date = g_date_time_new_utc (2026, 11, 23, 0, 0, 0);
      g_autoptr(GPtrArray) batches = taiou_notice_build_eml (rendered, "a@example.com", NULL,
                                                             recipients->addresses, 2, date,
                                                             NULL);

      for (guint i = 0; batches != NULL && i < batches->len; i++)
        {
          gsize length;
          const char *eml = g_bytes_get_data (batches->pdata[i], &length);
          g_autofree char *copy = g_strndup (eml, length);
          char *end = strstr (copy, "\n\n");

          /* The headers are only the ones we write (continuation lines start with a space). */
          if (end != NULL)
            *end = '\0';
          {
            g_auto(GStrv) lines = g_strsplit (copy, "\n", -1);

            for (guint l = 0; lines[l] != NULL; l++)
              if (!is_our_header_line (lines[l]))
                g_error ("unexpected header line: %s", lines[l]);
          }
        }
    }
  return 0;
}
