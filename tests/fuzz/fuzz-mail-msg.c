/* fuzz-mail-msg.c — the Outlook .msg reader: OLE2 structure, properties, the GMime message
 *
 * Any g_warning () or g_critical () counts as a crash here: libgsf reports broken files that
 * way, and core/taiou-cfb.c must refuse such files before libgsf sees them.  Whatever is
 * read is also written out, as a triage report would, to run GMime over odd headers, file
 * names and nested messages.
 */
#include "config.h"

#include <stdlib.h>

#include "taiou.h"

int LLVMFuzzerTestOneInput (const guint8 *data, size_t size);

/* abort () rather than GLib's breakpoint trap, so that libFuzzer saves the input. */
static void
abort_on_warning (const char     *domain,
                  GLogLevelFlags  level,
                  const char     *message,
                  gpointer        user_data)
{
  if (level & (G_LOG_LEVEL_ERROR | G_LOG_LEVEL_CRITICAL | G_LOG_LEVEL_WARNING))
    {
      g_printerr ("%s: %s\n", domain != NULL ? domain : "(no domain)", message);
      abort ();
    }
}

int
LLVMFuzzerTestOneInput (const guint8 *data,
                        size_t        size)
{
  static gboolean initialized = FALSE;
  g_autoptr(GBytes) bytes = NULL;
  GMimeMessage *message;

  if (!initialized)
    {
      g_log_set_default_handler (abort_on_warning, NULL);
      initialized = TRUE;
    }

  taiou_mail_msg_looks_like_msg (data, size);

  bytes = g_bytes_new_static (data, size);
  message = taiou_mail_msg_read (bytes, NULL);
  if (message != NULL)
    {
      g_autofree char *text = g_mime_object_to_string (GMIME_OBJECT (message), NULL);

      g_assert_nonnull (text);
      g_object_unref (message);
    }
  return 0;
}
