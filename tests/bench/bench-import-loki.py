#!/usr/bin/env python3
# bench-import-loki.py — the comparison for bench-import-loki.c: the same Loki text log read by
# python3 the way an analyst's script would, doing the work taiou_loki_log_load() does.
#
#   bench-import-loki.py LOG
#
# Reads the log line by line (UTF-8), matches Loki's line format
# ("TIME HOST LOKI: Level: MODULE: M MESSAGE: …"), keeps the ALERT, WARNING and NOTICE lines and
# takes the file path, score, hashes and reasons out of each message with regular expressions.
# Prints the seconds from opening the file to the end, the three counts, and the SHA-256 of the
# kept findings' paths (one a line), which the C side checks against its own.
import hashlib
import re
import sys
import time

LINE = re.compile(r"^(\S+) (.*?) LOKI: ([A-Za-z]+): (?:MODULE: (\S+) MESSAGE: )?(.*)$")
FILE = re.compile(r"(?:^| )FILE: (.*?) SCORE: ")
SCORE = re.compile(r" SCORE: (\d+)")
HASHES = {name: re.compile(r"(?:^| )%s: ([0-9a-fA-F]{%d})\b" % (name, length))
          for name, length in (("MD5", 32), ("SHA1", 40), ("SHA256", 64))}
REASON = re.compile(r"REASON_\d+: ")


def main():
    start = time.perf_counter()
    counts = {"ALERT": 0, "WARNING": 0, "NOTICE": 0}
    findings = []
    with open(sys.argv[1], encoding="utf-8", errors="replace", newline="\n") as log:
        for line in log:
            match = LINE.match(line.rstrip("\r\n"))
            if match is None:
                continue
            level = match.group(3).upper()
            if level not in counts:
                continue
            counts[level] += 1
            message = match.group(5)
            path = FILE.search(message)
            score = SCORE.search(message)
            finding = {
                "level": level, "module": match.group(4), "message": message,
                "file_path": path.group(1) if path else None,
                "score": int(score.group(1)) if score else -1,
                "reasons": [r.strip() for r in REASON.split(message)[1:]],
            }
            for name, pattern in HASHES.items():
                found = pattern.search(message)
                finding[name] = found.group(1).lower() if found else None
            findings.append(finding)
    digest = hashlib.sha256()
    for finding in findings:
        digest.update(((finding["file_path"] or "") + "\n").encode())
    print("%.6f %d %d %d %s" % (time.perf_counter() - start, counts["ALERT"], counts["WARNING"],
                                counts["NOTICE"], digest.hexdigest()))


if __name__ == "__main__":
    main()
