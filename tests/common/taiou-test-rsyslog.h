/* taiou-test-rsyslog.h — a real rsyslogd on loopback, with its own config, CA and output file */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

typedef struct
{
  char        *dir;            /* everything lives here, removed by _free() */
  char        *ca_file;        /* the CA that signed the server's certificate */
  char        *other_ca_file;  /* a CA that signed nothing the server has */
  char        *raw_log;        /* each message as received (%rawmsg%), one a line */
  char        *parsed_log;     /* rsyslog's parse of each: hostname app-name msgid SD */
  guint16      port;
  gboolean     tls;
  GSubprocess *process;
} TaiouTestRsyslog;

TaiouTestRsyslog *taiou_test_rsyslog_new        (gboolean           tls,
                                                 GError           **error);
gboolean          taiou_test_rsyslog_start      (TaiouTestRsyslog  *self,
                                                 GError           **error);
void              taiou_test_rsyslog_stop       (TaiouTestRsyslog  *self);
GStrv             taiou_test_rsyslog_wait_lines (TaiouTestRsyslog  *self,
                                                 const char        *log,
                                                 guint              n_lines);
void              taiou_test_rsyslog_free       (TaiouTestRsyslog  *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (TaiouTestRsyslog, taiou_test_rsyslog_free)

G_END_DECLS
