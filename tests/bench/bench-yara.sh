#!/usr/bin/env bash
# bench-yara.sh — Taiou's scan with the bundled YARA rules against `yara -r -p 2` followed by
# `sha256sum` over the same tree, and Taiou's scan without rules against today's scan, all in
# the same invocation.
#
#   tests/bench/bench-yara.sh [BUILD_DIR]        (an optimised build: --buildtype=release)
#
# Issue 15's targets, on a tree of 1.3 GB in 15,000 files with a warm cache:
#   - with the bundled rules on, `taiou-cli scan` (one read of each file: hashed and matched)
#     is faster than `yara -r -p 2 RULES TREE` and then `find … | xargs -P2 sha256sum`;
#   - with no rule (`--no-yara`) it stays within 10 % of today's scan: the `taiou-cli` of the
#     commit before YARA, given as TAIOU_BENCH_BASELINE_CLI (build it from that commit with
#     --buildtype=release); without it that row is not measured and says so.
# The tree is generated once (synthetic: random bytes, text, 10 synthetic shortcut droppers
# from tests/common/taiou-test-droppers.c's recipe, no malware) under $TAIOU_BENCH_DIR.
# TAIOU_BENCH_YARA_MB and TAIOU_BENCH_YARA_FILES change its size (default 1300 and 15000: the
# issue's).  The BENCH lines (bench-report.h) give Taiou's time over each tool's; the exit
# status is 1 when a target is missed.
set -euo pipefail
export LC_ALL=C

build=${1:-_build}
source_dir=$(cd "$(dirname "$0")/../.." && pwd)
cli=$build/src/cli/taiou-cli
rules=$source_dir/data/yara/taiou-droppers.yar
work=${TAIOU_BENCH_DIR:-/var/tmp/taiou-bench}
total_mb=${TAIOU_BENCH_YARA_MB:-1300}
n_files=${TAIOU_BENCH_YARA_FILES:-15000}
tree=$work/yara-tree-${total_mb}M-${n_files}
baseline=${TAIOU_BENCH_BASELINE_CLI:-}
[ -x "$cli" ] || { echo "no $cli: build first" >&2; exit 2; }
command -v yara > /dev/null || { echo "no yara: apt-get install yara" >&2; exit 2; }
mkdir -p "$work"
export TAIOU_YARA_DIR=$source_dir/data/yara
export TAIOU_IOC_DIR=$source_dir/data/ioc

if [ ! -f "$tree/.complete" ]; then
  echo "Generating the tree in $tree ($n_files files, $total_mb MB, once)…" >&2
  rm -rf "$tree"
  python3 - "$tree" "$total_mb" "$n_files" <<'PY'
import os, random, struct, sys
root, total_mb, n_files = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
rng = random.Random(15)
mean = total_mb * 1000 * 1000 // n_files
words = (b"invoice report meeting powershell the of and customer order delivery "
         b"payment schedule project minutes total amount please find attached ").split()
# MS-SHLLINK header and a UTF-16 command line: what the LNK rule looks for.
lnk = (struct.pack("<I", 0x4C) + bytes.fromhex("0114020000000000C000000000000046")).ljust(0x4C, b"\0")
lnk += "C:\\Windows\\System32\\WindowsPowerShell\\v1.0\\powershell.exe -w hidden".encode("utf-16-le")
for i in range(n_files):
    folder = os.path.join(root, "d%02d" % (i % 50), "s%02d" % (i % 9))
    os.makedirs(folder, exist_ok=True)
    size = rng.randint(1024, 2 * mean - 1024)
    if i % 1500 == 7:
        name, data = "scan%05d.pdf.lnk" % i, lnk.ljust(1024, b"\0")
    elif i % 2:
        name, data = "f%05d.bin" % i, os.urandom(size)
    else:
        text = bytearray()
        while len(text) < size:
            text += b" ".join(rng.choice(words) for _ in range(12)) + b"\n"
        name, data = "f%05d.txt" % i, bytes(text[:size])
    with open(os.path.join(folder, name), "wb") as f:
        f.write(data)
open(os.path.join(root, ".complete"), "w").close()
PY
fi

size_mb=$(du -sm --apparent-size "$tree" | cut -f1)
files=$(find "$tree" -type f ! -name .complete | wc -l)
echo "Warming the cache ($files files, $size_mb MB)…" >&2
find "$tree" -type f -print0 | xargs -0 cat > /dev/null

seconds () {
  local start end
  start=$(date +%s.%N); "$@" > /dev/null 2>&1 || true; end=$(date +%s.%N)
  echo "$end - $start" | bc -l
}
median3 () { printf '%s\n' "$@" | sort -g | sed -n 2p; }

# Three rounds, every command once a round, the order rotating (as bench-scan.sh does).
tools=(yara_taiou yara_cli no_rules)
[ -n "$baseline" ] && tools+=(baseline)
declare -A runs
for round in 0 1 2; do
  for i in "${!tools[@]}"; do
    tool=${tools[$(( (i + round) % ${#tools[@]} ))]}
    case $tool in
      yara_taiou) t=$(seconds "$cli" scan --json "$tree") ;;
      yara_cli)   t=$(seconds sh -c "yara -r -p 2 '$rules' '$tree' &&
                                     find '$tree' -type f -print0 | xargs -0 -P2 -n 256 sha256sum") ;;
      no_rules)   t=$(seconds "$cli" scan --json --no-yara "$tree") ;;
      baseline)   t=$(seconds "$baseline" scan --json "$tree") ;;
    esac
    runs[$tool]="${runs[$tool]:-} $(printf '%.2f' "$t")"
  done
done
# shellcheck disable=SC2086 # the runs are lists of numbers
taiou=$(median3 ${runs[yara_taiou]})
# shellcheck disable=SC2086
yara_sha=$(median3 ${runs[yara_cli]})
# shellcheck disable=SC2086
no_rules=$(median3 ${runs[no_rules]})
base=""
# shellcheck disable=SC2086
[ -n "$baseline" ] && base=$(median3 ${runs[baseline]})

# Both find the planted droppers.
found=$("$cli" scan --json "$tree" 2>/dev/null | grep -c '"rule":"yara.Taiou_LNK' || true)
planted=$(find "$tree" -name '*.lnk' | wc -l)
yara_found=$(yara -r -p 2 "$rules" "$tree" 2>/dev/null | grep -c Taiou_LNK || true)

status=0
bench () {  # NAME TAIOU_SECONDS TOOL TOOL_SECONDS MAX_RATIO TARGET_TEXT
  local ratio verdict=PASS
  ratio=$(echo "$2 / $4" | bc -l)
  [ "$(echo "$ratio <= $5" | bc -l)" = 1 ] || { verdict=FAIL; status=1; }
  printf 'BENCH\t%s\t%.3f\ts\t%s\t%s\t%.3f\t%.3f\t%s\n' "$1" "$2" "$6" "$3" "$4" "$ratio" "$verdict"
}

echo
echo "YARA benchmark: $files files, $size_mb MB, bundled rules ($rules), warm cache, $(nproc) cores"
echo "  (median of 3 rounds, every command once a round, the order rotating)"
printf '  %-52s %8.2f s   (%d of %d planted droppers found; runs:%s)\n' \
  "taiou-cli scan (bundled IOCs and YARA rules, one read)" "$taiou" "$found" "$planted" \
  "${runs[yara_taiou]}"
printf '  %-52s %8.2f s   (yara found %d; runs:%s)\n' "yara -r -p 2, then xargs -P2 sha256sum" \
  "$yara_sha" "$yara_found" "${runs[yara_cli]}"
printf '  %-52s %8.2f s   (runs:%s)\n' "taiou-cli scan --no-yara" "$no_rules" "${runs[no_rules]}"
if [ -n "$base" ]; then
  printf '  %-52s %8.2f s   (runs:%s)\n' "today's taiou-cli scan ($baseline)" "$base" "${runs[baseline]}"
else
  echo "  today's scan: TAIOU_BENCH_BASELINE_CLI not set — the no-rules target is not measured"
fi
echo
bench yara-scan-vs-yara-then-sha256sum "$taiou" "yara -p2 + sha256sum -P2" "$yara_sha" 1.0 "< 1.0x"
[ -n "$base" ] && bench yara-off-vs-today "$no_rules" "taiou-cli scan before YARA" "$base" 1.10 "<= 1.10x"
[ "$found" = "$planted" ] || { echo "FAIL: taiou found $found of $planted planted droppers" >&2; status=1; }
exit $status
