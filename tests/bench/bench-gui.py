#!/usr/bin/env python3
# bench-gui.py — time to the first frame of the start screen and peak RSS: taiou against a bare
# libadwaita window (bench-bare-window.c), started the same way under one Xvfb.
#
#   bench-gui.py --taiou BUILD/src/app/taiou --bare BUILD/tests/bench/bench-bare-window \
#                --schema SRC/data/io.github.taiou.Taiou.gschema.xml [--runs 5]
#
# Each program is spawned with $TAIOU_BENCH_FIRST_FRAME set to the monotonic time of the spawn;
# at the first frame its window paints it prints "first-frame-us N" (the time since the spawn)
# and quits.  Peak RSS is the kernel's ru_maxrss for the child, from wait4().  One warm-up run of
# each is not counted (it creates taiou's database and warms the page cache); then the two
# alternate, the order swapped every round, and the medians are compared.
#
# Both run with the same environment: GDK_BACKEND=x11 on a private Xvfb, one private D-Bus
# session bus (both are unique GApplications that register on it), GSETTINGS_BACKEND=memory,
# GTK_A11Y=none (no AT-SPI bus to start), private XDG folders and the same locale
# (ja_JP.UTF-8 when generated: Taiou is Japanese-first, and the bare window shows Japanese text
# too).  taiou gets the build's schema with first-run-done set by a schema override, so the
# first-run question does not open, a database in the temporary folder, and the bundled IOCs.
#
# Targets: taiou ≤ 1.5× the bare window's time to first frame and ≤ 1.3× its peak RSS.
import argparse
import os
import select
import shutil
import statistics
import subprocess
import sys
import tempfile
import time

TIME_TARGET = 1.5
RSS_TARGET = 1.3
TIMEOUT_S = 60


def start_xvfb():
    read_fd, write_fd = os.pipe()
    xvfb = subprocess.Popen(["Xvfb", "-displayfd", str(write_fd), "-screen", "0", "1280x1024x24",
                             "-nolisten", "tcp", "-noreset"], pass_fds=(write_fd,),
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    os.close(write_fd)
    number = b""
    deadline = time.monotonic() + 20
    while time.monotonic() < deadline and not number.endswith(b"\n"):
        ready, _, _ = select.select([read_fd], [], [], 1)
        if ready:
            chunk = os.read(read_fd, 16)
            if not chunk:
                break
            number += chunk
    os.close(read_fd)
    if not number.strip():
        xvfb.kill()
        sys.exit("Xvfb did not report a display")
    return xvfb, ":" + number.decode().strip()


def run_once(program, env):
    """Returns (milliseconds to the first frame, peak RSS in MiB)."""
    read_fd, write_fd = os.pipe()
    env = dict(env, TAIOU_BENCH_FIRST_FRAME=str(time.clock_gettime_ns(time.CLOCK_MONOTONIC)
                                                // 1000))
    pid = os.posix_spawn(program, [program], env,
                         file_actions=[(os.POSIX_SPAWN_DUP2, write_fd, 1),
                                       (os.POSIX_SPAWN_CLOSE, read_fd)])
    os.close(write_fd)
    output = b""
    deadline = time.monotonic() + TIMEOUT_S
    while time.monotonic() < deadline:
        ready, _, _ = select.select([read_fd], [], [], 1)
        if ready:
            chunk = os.read(read_fd, 4096)
            if not chunk:
                break
            output += chunk
    os.close(read_fd)
    if time.monotonic() >= deadline:
        os.kill(pid, 9)
    _, status, usage = os.wait4(pid, 0)
    for line in output.decode(errors="replace").splitlines():
        if line.startswith("first-frame-us "):
            return int(line.split()[1]) / 1000, usage.ru_maxrss / 1024
    sys.exit("%s did not report its first frame (wait status %d): %s"
             % (program, status, output.decode(errors="replace")))


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--taiou", required=True)
    parser.add_argument("--bare", required=True)
    parser.add_argument("--schema", required=True, help="the source .gschema.xml")
    parser.add_argument("--locale-dir")
    parser.add_argument("--ioc-dir")
    parser.add_argument("--template-dir")
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()

    # One private session bus for the whole comparison.
    if "TAIOU_BENCH_GUI_BUS" not in os.environ:
        os.environ["TAIOU_BENCH_GUI_BUS"] = "1"
        os.execvp("dbus-run-session", ["dbus-run-session", "--", sys.executable] + sys.argv)

    work = tempfile.mkdtemp(prefix="taiou-bench-gui-")
    xvfb, display = start_xvfb()
    try:
        schemas = os.path.join(work, "schemas")
        os.makedirs(schemas)
        shutil.copy(args.schema, schemas)
        with open(os.path.join(schemas, "zz-bench.gschema.override"), "w") as override:
            override.write("[io.github.taiou.Taiou]\nfirst-run-done=true\n")
        subprocess.run(["glib-compile-schemas", "--strict", schemas], check=True)

        locale = "ja_JP.UTF-8"
        if "ja_JP.utf8" not in subprocess.run(["locale", "-a"], capture_output=True,
                                              text=True).stdout.split():
            locale = "C.UTF-8"
        env = {"PATH": os.environ["PATH"], "HOME": work, "DISPLAY": display,
               "GDK_BACKEND": "x11", "GSETTINGS_BACKEND": "memory",
               "GSETTINGS_SCHEMA_DIR": schemas, "GTK_A11Y": "none", "NO_AT_BRIDGE": "1",
               "LANG": locale, "LC_ALL": locale,
               "DBUS_SESSION_BUS_ADDRESS": os.environ["DBUS_SESSION_BUS_ADDRESS"],
               "TAIOU_DB": os.path.join(work, "taiou.db")}
        for name in ("XDG_DATA_HOME", "XDG_CONFIG_HOME", "XDG_CACHE_HOME", "XDG_STATE_HOME",
                     "XDG_RUNTIME_DIR"):
            env[name] = os.path.join(work, name.lower())
            os.makedirs(env[name], mode=0o700)
        for name, value in (("TAIOU_LOCALEDIR", args.locale_dir),
                            ("TAIOU_IOC_DIR", args.ioc_dir),
                            ("TAIOU_TEMPLATE_DIR", args.template_dir)):
            if value:
                env[name] = value

        programs = {"taiou": args.taiou, "bare": args.bare}
        results = {"taiou": [], "bare": []}
        for name in programs:
            run_once(programs[name], env)  # warm-up, not counted
        for round_ in range(args.runs):
            order = ("taiou", "bare") if round_ % 2 == 0 else ("bare", "taiou")
            for name in order:
                results[name].append(run_once(programs[name], env))
    finally:
        xvfb.kill()
        xvfb.wait()
        shutil.rmtree(work, ignore_errors=True)

    def medians(name):
        return (statistics.median(r[0] for r in results[name]),
                statistics.median(r[1] for r in results[name]))

    taiou_ms, taiou_mib = medians("taiou")
    bare_ms, bare_mib = medians("bare")
    time_ratio, rss_ratio = taiou_ms / bare_ms, taiou_mib / bare_mib
    print("GUI start-up benchmark: median of %d alternating runs under one Xvfb, %s"
          % (args.runs, locale))
    for name in ("taiou", "bare"):
        print("  %-6s first frame %s ms   peak RSS %s MiB" % (
            name, " ".join("%5.0f" % r[0] for r in results[name]),
            " ".join("%5.1f" % r[1] for r in results[name])))
    print("  first frame: taiou %.0f ms, bare window %.0f ms, ratio %.2fx (target <= %.1fx)"
          % (taiou_ms, bare_ms, time_ratio, TIME_TARGET))
    print("  peak RSS:    taiou %.1f MiB, bare window %.1f MiB, ratio %.2fx (target <= %.1fx)"
          % (taiou_mib, bare_mib, rss_ratio, RSS_TARGET))
    met = True
    for name, figure, unit, target, comparison, ratio in (
            ("gui-first-frame", taiou_ms, "ms", TIME_TARGET, bare_ms, time_ratio),
            ("gui-peak-rss", taiou_mib, "MiB", RSS_TARGET, bare_mib, rss_ratio)):
        passed = ratio <= target
        met &= passed
        print("BENCH\t%s\t%.3f\t%s\t<= %.1fx\tbare adw window\t%.3f\t%.3f\t%s"
              % (name, figure, unit, target, comparison, ratio, "PASS" if passed else "FAIL"))
    return 0 if met else 1


if __name__ == "__main__":
    sys.exit(main())
