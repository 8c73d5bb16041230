/* bench-report.h — the one machine-readable line a benchmark prints for each of its targets
 *
 *   BENCH <TAB> name <TAB> figure <TAB> unit <TAB> target <TAB> comparison tool
 *         <TAB> comparison figure <TAB> ratio <TAB> PASS|FAIL
 *
 * tests/bench/bench-table.py collects these lines from every benchmark (C or shell) into one
 * table.  With a comparison tool, the ratio is Taiou's figure over the tool's, measured in the
 * same invocation, and the target applies to the ratio; without one (the absolute targets of
 * issues 3 and 4) the comparison fields are "-" and the target applies to the figure.  Numbers
 * are written with a '.' whatever the locale, so that the collector can read them.
 */
#pragma once

#include <glib.h>
#include <stdlib.h>

static inline gboolean
bench_report (const char *name,
              double      figure,
              const char *unit,
              const char *target,
              const char *tool,
              double      tool_figure,
              gboolean    pass)
{
  char buffers[3][G_ASCII_DTOSTR_BUF_SIZE];

  g_ascii_formatd (buffers[0], sizeof buffers[0], "%.3f", figure);
  if (tool != NULL)
    {
      g_ascii_formatd (buffers[1], sizeof buffers[1], "%.3f", tool_figure);
      g_ascii_formatd (buffers[2], sizeof buffers[2], "%.3f", figure / tool_figure);
    }
  g_print ("BENCH\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n", name, buffers[0], unit, target,
           tool != NULL ? tool : "-", tool != NULL ? buffers[1] : "-",
           tool != NULL ? buffers[2] : "-", pass ? "PASS" : "FAIL");
  return pass;
}

/* Where benchmarks write their large files: $TAIOU_BENCH_DIR, else /var/tmp/taiou-bench (a disk,
 * not the tmpfs /tmp often is). */
static inline const char *
bench_dir (void)
{
  const char *dir = g_getenv ("TAIOU_BENCH_DIR");

  return dir != NULL ? dir : "/var/tmp/taiou-bench";
}

static inline int
bench_compare_doubles (const void *a,
                       const void *b)
{
  double x = *(const double *) a;
  double y = *(const double *) b;

  return (x > y) - (x < y);
}

/* Runs a comparison tool (argv[0] found in PATH) and returns what it printed; a tool that fails
 * ends the benchmark, naming its command line (argv[1] is the script, argv[2] its mode or
 * file). */
static inline char *
bench_run_tool (const char * const *argv)
{
  char *out = NULL;
  GError *error = NULL;
  int status;

  if (!g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL, &out, NULL,
                     &status, &error) ||
      !g_spawn_check_wait_status (status, &error))
    g_error ("%s %s: %s", argv[1], argv[2] != NULL ? argv[2] : "", error->message);
  return out;
}

/* The median of @n rounds (sorts @values): one round slowed by a shared machine does not count. */
static inline double
bench_median (double *values,
              guint   n)
{
  qsort (values, n, sizeof (double), bench_compare_doubles);
  return values[n / 2];
}
