/* bench-bare-window.c — bench-gui.py's yardstick: a bare libadwaita window, measured as taiou */
#include <adwaita.h>

static void
after_paint_cb (GdkFrameClock *clock, gpointer app)
{
  gint64 spawned = g_ascii_strtoll (g_getenv ("TAIOU_BENCH_FIRST_FRAME"), NULL, 10);

  g_print ("first-frame-us %" G_GINT64_FORMAT "\n", g_get_monotonic_time () - spawned);
  g_signal_handlers_disconnect_by_func (clock, after_paint_cb, app);
  g_application_quit (G_APPLICATION (app));
}

static void
activate_cb (GApplication *app)
{
  GtkWidget *window = adw_application_window_new (GTK_APPLICATION (app));
  GtkWidget *page = adw_status_page_new ();

  /* Japanese text and Taiou's window size, as taiou shows its start screen. */
  adw_status_page_set_title (ADW_STATUS_PAGE (page), "感染対応アシスタント");
  adw_status_page_set_icon_name (ADW_STATUS_PAGE (page), "dialog-warning-symbolic");
  adw_application_window_set_content (ADW_APPLICATION_WINDOW (window), page);
  gtk_window_set_default_size (GTK_WINDOW (window), 960, 720);
  gtk_window_present (GTK_WINDOW (window));
  g_signal_connect (gtk_widget_get_frame_clock (window), "after-paint",
                    G_CALLBACK (after_paint_cb), app);
}

int
main (int argc, char **argv)
{
  g_autoptr(AdwApplication) app = adw_application_new ("io.github.taiou.BenchBareWindow",
                                                       G_APPLICATION_DEFAULT_FLAGS);

  g_signal_connect (app, "activate", G_CALLBACK (activate_cb), NULL);
  return g_application_run (G_APPLICATION (app), argc, argv);
}
