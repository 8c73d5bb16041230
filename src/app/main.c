/* main.c — taiou, the GTK application */
#define G_LOG_DOMAIN "taiou"

#include "config.h"

#include "taiou-application.h"

int
main (int    argc,
      char **argv)
{
  g_autoptr(TaiouApplication) application = NULL;

  taiou_i18n_init ();
  application = taiou_application_new ();
  return g_application_run (G_APPLICATION (application), argc, argv);
}
