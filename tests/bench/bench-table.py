#!/usr/bin/env python3
# bench-table.py — runs every benchmark and prints one table of their results
#
#   tests/bench/bench-table.py BUILD_DIR [-- MESON_TEST_ARGS…]   (build-aux/taiou-dev bench)
#
# Runs `meson test -C BUILD_DIR --benchmark`, one benchmark at a time (they compare timings),
# passing each benchmark's own output through, and gathers the "BENCH\t…" lines they print
# (format in bench-report.h) into one Markdown table, ready for tests/bench/RESULTS.md.  A
# benchmark that failed without a BENCH line (a crash, a timeout) gets a row of its own.
# Exits 1 when a target was missed or a benchmark failed.
import json
import os
import subprocess
import sys

COLUMNS = ("benchmark", "Taiou", "target", "compared with", "its figure", "ratio", "result")


def main():
    if len(sys.argv) < 2:
        sys.exit("usage: bench-table.py BUILD_DIR [-- MESON_TEST_ARGS…]")
    build = sys.argv[1]
    extra = sys.argv[3:] if len(sys.argv) > 2 and sys.argv[2] == "--" else sys.argv[2:]
    command = ["meson", "test", "-C", build, "--benchmark", "--num-processes", "1",
               "--print-errorlogs"] + extra
    process = subprocess.Popen(command, stdout=subprocess.PIPE, text=True, errors="replace")
    rows = []
    for line in process.stdout:
        sys.stdout.write(line)
        sys.stdout.flush()
        if "BENCH\t" in line:
            fields = line[line.index("BENCH\t"):].rstrip("\n").split("\t")[1:]
            if len(fields) == 8:
                rows.append(fields)
    status = process.wait()

    # Benchmarks that failed before reporting anything.
    log = os.path.join(build, "meson-logs", "testlog.json")
    if os.path.exists(log):
        with open(log) as lines:
            for entry in map(json.loads, lines):
                if entry["result"] not in ("OK", "SKIP") and "BENCH\t" not in (entry.get("stdout")
                                                                               or ""):
                    rows.append([entry["name"], "-", "", "(no result)", "", "-", "-",
                                 entry["result"]])

    table = []
    for name, figure, unit, target, tool, tool_figure, ratio, verdict in rows:
        def number(text):
            try:
                value = float(text)
            except ValueError:
                return text
            return "%.3g" % value if abs(value) < 100 else "%.0f" % value
        suffix = " " + unit if unit else ""
        table.append((name, number(figure) + suffix, target, tool,
                      number(tool_figure) + (suffix if tool != "-" else ""),
                      number(ratio) + ("x" if ratio != "-" else ""), verdict))
    widths = [max(len(str(row[i])) for row in [COLUMNS] + table) for i in range(len(COLUMNS))]

    def show(row):
        print("| " + " | ".join(str(cell).ljust(width) for cell, width in zip(row, widths)) + " |")
    print()
    show(COLUMNS)
    print("|" + "|".join("-" * (width + 2) for width in widths) + "|")
    for row in table:
        show(row)
    failed = [row[0] for row in table if row[6] != "PASS"]
    print("\n%d results, %d missed or failed%s" % (len(table), len(failed),
                                                  (": " + ", ".join(failed)) if failed else ""))
    return 1 if failed or status != 0 else 0


if __name__ == "__main__":
    sys.exit(main())
